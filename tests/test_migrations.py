"""The migrations build the models' schema from nothing, on SQLite and PostgreSQL, and go back down."""
import pytest
import sqlalchemy as sa
from flask_migrate import check, downgrade, upgrade

from tarjotin import create_app
from tarjotin.extensions import db


@pytest.fixture
def empty_app(empty_database_url, tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": empty_database_url,
                      "INDEX_DIR": str(tmp_path / "index")})
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        yield app
        db.session.remove()
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))


def test_upgrade_from_empty_matches_the_models_and_downgrades_cleanly(empty_app):
    upgrade()
    check()  # raises when the models and the migrated schema differ
    downgrade(revision="base")
    assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    check()
