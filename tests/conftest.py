"""Fixtures: every database test runs on SQLite and, when TARJOTIN_TEST_DATABASE_URL is set, on PostgreSQL."""
import os

import pytest

from tarjotin import create_app
from tarjotin.directory.reference import sync_reference_data
from tarjotin.extensions import db as _db

POSTGRES_URL = os.environ.get("TARJOTIN_TEST_DATABASE_URL")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite'}"
    if not POSTGRES_URL:
        pytest.skip("TARJOTIN_TEST_DATABASE_URL is not set")
    return POSTGRES_URL


@pytest.fixture
def app_config() -> dict:
    """Settings a test folder adds to the app's; tests/search overrides it to pick the analysis."""
    return {}


@pytest.fixture
def app(database_url, app_config, tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INDEX_DIR": str(tmp_path / "index"),
            "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
            **app_config,
        }
    )
    with app.app_context():
        _db.drop_all()
        _db.create_all()
        yield app
        _db.session.remove()
        _db.drop_all()


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def reference_data(db):
    """The thesaurus and the municipalities as `db upgrade` leaves them (the fixtures use create_all)."""
    summary = sync_reference_data(db.session.connection())
    db.session.commit()
    return summary


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
