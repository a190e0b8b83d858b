"""API tests: the judged search corpus (tests/search/corpus.py) in a database with a built index."""
from datetime import date

import pytest

from tarjotin.search import get_index, hooks
from tests.search import corpus


@pytest.fixture
def corpus_ids(app, db):
    ids = corpus.load(db.session, date.today())
    db.session.commit()
    hooks.rebuild(get_index())
    return ids
