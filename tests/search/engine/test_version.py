"""The whoosh3 version check: it notices another version or a private name gone, and then search
answers exactly as before through Whoosh's public API."""
import logging
import re
import tomllib
from datetime import date
from pathlib import Path

import pytest
from whoosh.codec import whoosh3

from tarjotin import create_app
from tarjotin.search import get_index, hooks
from tarjotin.search.engine import SearchIndex, bulk, reading, version
from tarjotin.search.service import SearchRequest, search

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"
REQUESTS = [
    {"text": "vertaistuki"},
    {"text": "masennukseen"},
    {"text": "yksinäisyys ikäihmiset"},
    {"text": "mielenterveys kuopio ryhmä"},
    {"text": "vertastuki"},  # corrected against the index's terms
    {"text": "ryhmä", "themes": ("mental-health",)},
    {"text": "", "near": "Kuopio", "radius_km": 40},
]


@pytest.fixture(autouse=True)
def fresh_check():
    """The check runs once per process; these tests change what it sees."""
    version.check.cache_clear()
    yield
    version.check.cache_clear()


def test_the_version_written_for_is_the_pinned_one():
    dependencies = tomllib.loads(PYPROJECT.read_text())["project"]["dependencies"]
    pinned = next(re.fullmatch(r"whoosh3==(.+)", d).group(1) for d in dependencies if d.startswith("whoosh3"))
    assert version.WRITTEN_FOR == pinned
    assert version.check().ok, version.check().describe()


def test_another_version_is_reported(monkeypatch):
    monkeypatch.setattr(version.metadata, "version", lambda name: "3.99.0")
    found = version.check()
    assert not found.ok and found.missing == ()
    assert f"whoosh3 3.99.0 installed, written for {version.WRITTEN_FOR}" in found.describe()


def test_a_missing_private_method_is_named(monkeypatch):
    monkeypatch.delattr(whoosh3.W3PerDocReader, "_cached_reader")
    found = version.check()
    assert found.missing == ("W3PerDocReader._cached_reader",)
    assert "missing W3PerDocReader._cached_reader" in found.describe()


def test_a_renamed_instance_attribute_is_named(monkeypatch):
    new_block = whoosh3.W3PostingsWriter._new_block

    def renamed(self):  # as if a release called it _max_weight
        new_block(self)
        self._max_weight = self.__dict__.pop("_maxweight")

    monkeypatch.setattr(whoosh3.W3PostingsWriter, "_new_block", renamed)
    assert version.check().missing == ("W3PostingsWriter._maxweight",)


def test_the_app_logs_the_mismatch_at_start_up(tmp_path, monkeypatch, caplog):
    monkeypatch.delattr(whoosh3.W3LeafMatcher, "_read_data")
    with caplog.at_level(logging.ERROR, logger="tarjotin.search.engine.index"):
        app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "SQLALCHEMY_DATABASE_URI": "sqlite://",
                          "INDEX_DIR": str(tmp_path / "index"), "MAIL_OUTBOX_DIR": str(tmp_path / "outbox")})
    assert not app.extensions["search"].compatibility.ok
    assert "missing W3LeafMatcher._read_data" in caplog.text and "public API" in caplog.text


def test_a_mismatch_rebuilds_and_searches_alike_through_the_public_api(app, corpus_ids, tmp_path, monkeypatch):
    today = date.today()
    expected = [search(get_index(), SearchRequest(**params), today, 425) for params in REQUESTS]

    monkeypatch.setattr(version, "WRITTEN_FOR", "0.0.0")

    def tripwire(*args, **kwargs):
        raise AssertionError("a fast path used whoosh3's internals")

    for module, name in ((bulk, "SegmentBuilder"), (reading, "_read_blocks"), (reading, "_read_length_column")):
        monkeypatch.setattr(module, name, tripwire)
    slow = SearchIndex(tmp_path / "slow", voikko_enabled=app.config["VOIKKO"])
    assert not slow.compatibility.ok
    hooks.rebuild(slow)
    assert slow.status()["documents"] == get_index().status()["documents"]
    for params, before in zip(REQUESTS, expected):
        after = search(slow, SearchRequest(**params), today, 425)
        assert after == before, params
