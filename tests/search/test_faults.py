"""Index faults: a disk that fills up during a rebuild leaves the old index serving, and a missing or
damaged index makes search say so while every other page keeps working."""
import errno
import shutil
from datetime import date
from pathlib import Path

import pytest

from tarjotin.search import get_index, hooks
from tarjotin.search.engine import bulk
from tarjotin.search.service import SearchRequest, search

ENOSPC = OSError(errno.ENOSPC, "No space left on device")


def _full_disk_at_meta(monkeypatch) -> None:
    original = Path.write_text

    def write_text(self, *args, **kwargs):
        if self.name == "meta.json":
            raise ENOSPC
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)


def _full_disk_in_segment(monkeypatch) -> None:
    def commit(self):
        # The disk fills once the segment's postings have begun, so the cancel meets a half-written segment.
        self.writer.fieldwriter.start_field("id", self.schema["id"])
        raise ENOSPC

    monkeypatch.setattr(bulk.SegmentBuilder, "commit", commit)


def _full_disk_at_pointer(monkeypatch) -> None:
    original = Path.write_text

    def write_text(self, *args, **kwargs):
        if self.name == "CURRENT.tmp":
            original(self, "gen-")  # a torn write, as a full disk leaves it
            raise ENOSPC
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)


def _names(root: Path) -> set[str]:
    return {path.name for path in root.iterdir() if path.name != "WRITELOCK"}


def _finds(name: str) -> list[str]:
    result = search(get_index(), SearchRequest(text=name), date.today(), 425)
    return [hit.name for hit in result.hits]


@pytest.mark.parametrize("fill_disk", [_full_disk_at_meta, _full_disk_in_segment, _full_disk_at_pointer])
def test_full_disk_during_rebuild_keeps_the_old_index_serving(app, corpus_ids, runner, monkeypatch, fill_disk):
    root = Path(app.config["INDEX_DIR"])
    before, current = _names(root), (root / "CURRENT").read_text()
    assert "Vertaistukiryhmä masentuneille" in _finds("vertaistukiryhmä")

    fill_disk(monkeypatch)
    with pytest.raises(OSError) as raised:
        hooks.rebuild(get_index())
    assert raised.value.errno == errno.ENOSPC
    result = runner.invoke(args=["search", "rebuild"])

    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "not rebuilt: No space left on device" in result.output and "previous index keeps serving" in result.output
    assert "Traceback" not in result.output
    assert _names(root) == before  # the partial generation and a torn pointer are gone
    assert (root / "CURRENT").read_text() == current
    assert "Vertaistukiryhmä masentuneille" in _finds("vertaistukiryhmä")

    monkeypatch.undo()  # space again: the next rebuild goes through and replaces the old generation
    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    assert (root / "CURRENT").read_text() != current and len(_names(root)) == 2


def _removed(root: Path) -> None:
    shutil.rmtree(root)


def _dangling(root: Path) -> None:
    (root / "CURRENT").write_text("gen-gone")


def _garbled(root: Path) -> None:
    generation = root / "gen-garbled"
    generation.mkdir()
    (generation / "meta.json").write_text("{not json")
    (root / "CURRENT").write_text(generation.name)


@pytest.mark.parametrize("damage", [_removed, _dangling, _garbled])
def test_missing_or_damaged_index_is_reported_and_other_pages_work(app, client, corpus_ids, damage):
    damage(Path(app.config["INDEX_DIR"]))
    page = client.get("/haku?q=vertaistuki")
    assert page.status_code == 503 and "Haku ei ole juuri nyt käytössä" in page.get_data(as_text=True)
    assert "Traceback" not in page.get_data(as_text=True)
    api = client.get("/api/v1/services?search=vertaistuki")
    assert api.status_code == 503 and "search rebuild" in api.get_json()["message"]
    assert client.get("/readyz").get_json()["index"] == "missing"
    service_id = corpus_ids["masennus-vertaistuki"]
    for path in ("/", f"/palvelut/{service_id}", "/jarjestot", f"/api/v1/services/{service_id}", "/api/v1/organizations"):
        assert client.get(path).status_code == 200, path
