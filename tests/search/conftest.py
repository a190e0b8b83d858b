"""Search tests run on each database and on both Finnish analysis paths (Voikko and the fallback)."""
from datetime import date

import pytest

from tarjotin import create_app
from tarjotin.extensions import db as _db
from tarjotin.search import get_index, hooks
from tarjotin.search.analysis import voikko_handle
from tests.search import corpus


@pytest.fixture(params=["voikko", "snowball"])
def analysis(request):
    if request.param == "voikko":
        request.applymarker(pytest.mark.voikko)
        if voikko_handle(True) is None:
            pytest.skip("libvoikko or its Finnish dictionary is not installed")
    return request.param


@pytest.fixture
def app(database_url, analysis, tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INDEX_DIR": str(tmp_path / "index"),
            "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
            "VOIKKO": analysis == "voikko",
        }
    )
    with app.app_context():
        _db.drop_all()
        _db.create_all()
        yield app
        _db.session.remove()
        _db.drop_all()


@pytest.fixture
def index(app, db):
    """An empty, built index, so that commits in the test are synced into it."""
    hooks.rebuild(get_index())
    return get_index()


@pytest.fixture
def corpus_ids(app, db):
    ids = corpus.load(db.session, date.today())
    db.session.commit()
    hooks.rebuild(get_index())
    return ids
