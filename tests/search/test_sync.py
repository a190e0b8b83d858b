"""The index follows commits: create, change, unpublish, delete; rollbacks never reach it."""
from datetime import date

import pytest

from tarjotin.search.engine import IndexUnavailable
from tarjotin.search.service import SearchRequest, search
from tests.factories import ServiceAtLocationFactory, ServiceFactory, TermFactory


def found(index, text: str) -> set[str]:
    result = search(index, SearchRequest(text=text, per_page=100), date.today(), 425)
    return {hit.service_id for hit in (*result.hits, *result.anywhere)}


def test_create_change_unpublish_delete(index, db):
    service = ServiceFactory(name="Sururyhmä", description="Läheisensä menettäneille.")
    db.session.commit()
    assert service.id in found(index, "suru")

    service.name = "Kävelyryhmä"
    db.session.commit()
    assert service.id not in found(index, "suru")
    assert service.id in found(index, "kävely")

    service.organization.status = "draft"
    db.session.commit()
    assert service.id not in found(index, "kävely")

    service.organization.status = "published"
    db.session.commit()
    assert service.id in found(index, "kävely")

    service.status = "inactive"
    db.session.commit()
    assert service.id not in found(index, "kävely")

    service.status = "active"
    db.session.commit()
    db.session.delete(service)
    db.session.commit()
    assert service.id not in found(index, "kävely")


def test_term_synonyms_and_location_changes_follow(index, db):
    term = TermFactory(name="Ikäihmiset", taxonomy="target_group", synonyms=["seniorit"])
    link = ServiceAtLocationFactory(service__name="Tuolijumppa", service__taxonomy_terms=[term])
    db.session.commit()
    assert link.service.id in found(index, "seniorit")

    term.synonyms = ["eläkeläiset"]
    link.location.city = "Siilinjärvi"
    db.session.commit()
    assert link.service.id in found(index, "eläkeläisille")
    assert link.service.id in found(index, "siilinjärvellä")
    assert link.service.id not in found(index, "seniorit")


def test_deleting_the_organisation_removes_its_offerings(index, db):
    service = ServiceFactory(name="Perhekahvila")
    db.session.commit()
    db.session.delete(service.organization)
    db.session.commit()
    assert service.id not in found(index, "perhekahvila")


def test_rollback_does_not_reach_the_index(index, db):
    service = ServiceFactory(name="Kuorolaulu")
    db.session.flush()
    db.session.rollback()
    assert found(index, "kuorolaulu") == set()


def test_a_busy_index_defers_the_write_without_failing_the_commit(index, db, app):
    import threading

    with index.write_lock():
        index.lock_timeout = 0.05
        service = ServiceFactory(name="Lukupiiri")
        db.session.commit()  # must not raise although another writer holds the lock
        assert service.id not in found(index, "lukupiiri")
        deferred = [thread for thread in threading.enumerate() if thread.name == "search-sync"]
        assert deferred, "the update should have moved to a background thread"
    # The real background thread takes the lock once it is free and applies the change.
    for thread in deferred:
        thread.join(timeout=60)
    assert service.id in found(index, "lukupiiri")


def test_the_index_uses_the_analysis_asked_for(index, analysis):
    assert index.status()["analysis"] == analysis
    terms = index.current().analyzer.query_words("lapsille")[0].terms
    assert ("lapsi" in terms) == (analysis == "voikko")


def test_missing_index_is_a_clear_error(app, db):
    from tarjotin.search import get_index

    with pytest.raises(IndexUnavailable, match="flask --app tarjotin search rebuild"):
        search(get_index(), SearchRequest(text="suru"), date.today(), 425)
    ServiceFactory(name="Commits still work without an index")
    db.session.commit()


def test_broken_index_is_a_clear_error(index, db):
    generation = index.current()
    for path in generation.path.glob("*.toc"):
        path.write_bytes(b"garbage")
    index._generation = None
    with pytest.raises(IndexUnavailable):
        search(index, SearchRequest(text="suru"), date.today(), 425)


def test_failed_rebuild_keeps_the_old_index(index, db, monkeypatch):
    from tarjotin.search import hooks

    service = ServiceFactory(name="Shakkikerho")
    db.session.commit()
    before = index.current().name

    def broken(self, service):
        raise RuntimeError("disk full")

    monkeypatch.setattr("tarjotin.search.engine.index.Generation.document", broken)
    with pytest.raises(RuntimeError):
        hooks.rebuild(index)
    monkeypatch.undo()
    assert index.current().name == before
    assert service.id in found(index, "shakki")
    assert [p.name for p in index.root.glob("gen-*")] == [before]


def test_rebuild_command(runner, db):
    ServiceFactory(name="Shakkikerho")
    db.session.commit()
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "Indexed 1 offerings" in result.output
    status = runner.invoke(args=["search", "status"])
    assert "documents: 1" in status.output
