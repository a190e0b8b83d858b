"""The migrations build the models' schema from nothing, on SQLite and PostgreSQL, and go back down."""
import json

import pytest
import sqlalchemy as sa
from flask_migrate import check, downgrade, upgrade

from tarjotin import create_app
from tarjotin.directory.reference import term_id, thesaurus
from tarjotin.extensions import db
from tests.fixtures.database import drop_everything


@pytest.fixture
def empty_app(empty_database_url, tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": empty_database_url,
                      "INDEX_DIR": str(tmp_path / "index")})
    with app.app_context():
        drop_everything()
        yield app
        db.session.remove()
        drop_everything()


def test_upgrade_from_empty_matches_the_models_and_downgrades_cleanly(empty_app):
    upgrade()
    check()  # raises when the models and the migrated schema differ
    downgrade(revision="base")
    assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    check()


def _terms():
    table = sa.Table("taxonomy_term", sa.MetaData(), autoload_with=db.engine)  # JSON columns come back as lists
    with db.engine.connect() as connection:
        return {(row.taxonomy, row.code): row for row in connection.execute(sa.select(table))}


def test_upgrade_from_empty_brings_the_thesaurus_and_municipalities(empty_app):
    upgrade()
    terms = _terms()
    shipped = thesaurus()
    assert len(terms) == sum(len(entries) for entries in shipped.values())
    loneliness = terms[("theme", "loneliness")]
    assert loneliness.name_sv == "Ensamhet och gemenskap"
    assert {"yksinäinen", "ensamhet", "loneliness"} <= {
        *loneliness.synonyms, *loneliness.synonyms_sv, *loneliness.synonyms_en}
    kuopio = db.session.execute(sa.text("SELECT name, region FROM municipality WHERE code = '297'")).one()
    assert tuple(kuopio) == ("Kuopio", "Pohjois-Savo")


def test_upgrade_of_the_previous_release_completes_the_demo_terms_without_duplicates(empty_app):
    upgrade(revision="7e1a9c3d5b20")  # the previous head
    # What the previous release's `seed demo` left: shipped terms under their derived ids, one with
    # a synonym a county added itself, and its own imported term.
    with db.engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO taxonomy_term (id, taxonomy, code, name, synonyms) VALUES "
            "(:id, 'theme', 'loneliness', 'Yksinäisyys ja yhteisöllisyys', :synonyms), "
            "('own-1', 'theme', 'kylatoiminta', 'Kylätoiminta', '[]')"),
            {"id": term_id("theme", "loneliness"), "synonyms": json.dumps(["yksinäisyys", "kyläkahvila"])})
        connection.execute(sa.text("INSERT INTO municipality (code, name, region) VALUES ('297', 'Kuopio', 'Väärä')"))
    upgrade()
    terms = _terms()
    assert len(terms) == sum(len(entries) for entries in thesaurus().values()) + 1
    loneliness = terms[("theme", "loneliness")]
    assert loneliness.id == term_id("theme", "loneliness")
    synonyms = loneliness.synonyms
    assert synonyms[:2] == ["yksinäisyys", "kyläkahvila"] and "yksinäinen" in synonyms
    assert len(synonyms) == len({s.casefold() for s in synonyms})
    assert "ensamhet" in loneliness.synonyms_sv
    assert terms[("theme", "kylatoiminta")].name == "Kylätoiminta"
    assert db.session.execute(sa.text("SELECT region FROM municipality WHERE code = '297'")).scalar() == "Pohjois-Savo"
