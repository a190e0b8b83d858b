"""API tests: the judged search corpus (tests/search/corpus.py) in a database with a built index."""
from tests.search.conftest import corpus_ids  # noqa: F401  (the same fixture, shared)
