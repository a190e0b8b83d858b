"""The test harness itself (tests/fixtures/database.py): a test may reuse rows another built only
while nothing has written, and emptying leaves the bare schema."""
import sqlalchemy as sa

from tarjotin.directory.models import Organization
from tests.factories import OrganizationFactory
from tests.fixtures.database import attach, detach


def test_reads_keep_the_rows_known_and_any_write_forgets_them(db, databases, database_url):
    database = databases.by_url[database_url]
    assert database.known  # the app fixture has just emptied it
    db.session.scalars(sa.select(Organization)).all()
    assert database.known
    OrganizationFactory()
    db.session.commit()
    assert not database.known


def test_emptying_leaves_the_bare_schema(db, databases, database_url):
    OrganizationFactory()
    db.session.commit()
    db.session.remove()
    databases.by_url[database_url].empty(db.engine)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organization)) == 0
    assert set(db.metadata.tables) <= set(sa.inspect(db.engine).get_table_names())


def test_a_kept_value_is_loaded_again_in_the_next_session(db):
    organization = OrganizationFactory(name="Jaettu ry")
    db.session.commit()
    kept = detach({"org": organization, "name": "x"})
    db.session.remove()
    again = attach(kept)
    assert again["name"] == "x" and again["org"].name == "Jaettu ry"
    assert again["org"] is not organization and again["org"] in db.session
