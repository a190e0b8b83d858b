"""Search tests run on each database and on both Finnish analysis paths (Voikko and the fallback)."""
from datetime import date

import pytest

from tarjotin.search import get_index, hooks
from tarjotin.search.engine import voikko_handle
from tests.search import corpus


@pytest.fixture(params=["voikko", "snowball"])
def analysis(request):
    if request.param == "voikko":
        request.applymarker(pytest.mark.voikko)
        if voikko_handle(True) is None:
            pytest.skip("libvoikko or its Finnish dictionary is not installed")
    return request.param


@pytest.fixture
def app_config(analysis) -> dict:
    return {"VOIKKO": analysis == "voikko"}


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
