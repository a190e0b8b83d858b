"""Keep the index in step with the database: after each commit, and in full on rebuild.

As in microblog, changes are collected while the session flushes and applied only after
the commit succeeds, so a rolled-back transaction never reaches the index. Each changed row
becomes a key (index field, value); after the commit a key names the offerings to refresh,
both those the index holds under it (which catches deletions and moves) and those the
database now links to it. Index trouble is logged and never fails the commit: the database
is the truth and `search rebuild` restores the index.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator

import sqlalchemy as sa
from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session, selectinload

from tarjotin.directory.models import (
    Location,
    Municipality,
    Organization,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
    service_taxonomy_term,
)
from tarjotin.directory.visibility import searchable_service_clause
from tarjotin.extensions import db
from tarjotin.search.engine import IndexBusy, IndexUnavailable, SearchIndex, build_lexicon

log = logging.getLogger(__name__)

Key = tuple[str, str]
PENDING = "search_changes"
BATCH = 500
DEFERRED_LOCK_TIMEOUT = 120.0


def _key(obj) -> Key | None:
    if isinstance(obj, Service):
        return ("id", obj.id)
    if isinstance(obj, ServiceAtLocation):
        return ("id", obj.service_id)
    if isinstance(obj, Organization):
        return ("organization_id", obj.id)
    if isinstance(obj, Location):
        return ("location_ids", obj.id)
    if isinstance(obj, TaxonomyTerm):
        return ("term_ids", obj.id)
    if isinstance(obj, Municipality):
        return ("municipality", obj.code)
    return None


def _after_flush(session: Session, flush_context) -> None:
    keys = session.info.setdefault(PENDING, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        key = _key(obj)
        if key is not None and key[1] is not None:
            keys.add(key)


def _after_commit(session: Session) -> None:
    # SQLAlchemy also reports a released SAVEPOINT as a commit; only the outer commit counts.
    if session.in_nested_transaction():
        return
    keys = session.info.pop(PENDING, None)
    if not keys or not has_app_context() or "search" not in current_app.extensions:
        return
    app = current_app._get_current_object()
    try:
        sync(app.extensions["search"], keys)
    except IndexBusy:
        threading.Thread(target=_sync_later, args=(app, keys), name="search-sync", daemon=True).start()
    except IndexUnavailable as error:
        log.warning("search index not updated: %s", error)
    except Exception:
        log.exception("search index not updated after commit; run `search rebuild` if results look stale")


def _after_rollback(session: Session) -> None:
    # A savepoint rollback keeps the keys: refreshing an unchanged offering is harmless.
    if not session.in_nested_transaction():
        session.info.pop(PENDING, None)


def _sync_later(app: Flask, keys: set[Key]) -> None:
    """A writer held the lock past the request's budget: wait for it off the request thread."""
    with app.app_context():
        try:
            sync(app.extensions["search"], keys, timeout=DEFERRED_LOCK_TIMEOUT)
        except Exception:
            log.exception("deferred search index update failed; run `search rebuild`")


def register() -> None:
    """Listen on every Session once per process; sessions outside an app context are skipped."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_rollback", _after_rollback)


def _database_ids(session: Session, field: str, values: set[str]) -> set[str]:
    if field == "id":
        return set(values)
    column = {
        "organization_id": sa.select(Service.id).where(Service.organization_id.in_(values)),
        "location_ids": sa.select(ServiceAtLocation.service_id).where(ServiceAtLocation.location_id.in_(values)),
        "term_ids": sa.select(service_taxonomy_term.c.service_id).where(
            service_taxonomy_term.c.taxonomy_term_id.in_(values)
        ),
        "municipality": sa.select(ServiceAtLocation.service_id)
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .where(Location.municipality_code.in_(values)),
    }[field]
    return set(session.scalars(column))


def sync(index: SearchIndex, keys: Iterable[Key], timeout: float | None = None) -> None:
    generation = index.current()
    by_field: dict[str, set[str]] = {}
    for field, value in keys:
        by_field.setdefault(field, set()).add(value)
    with Session(db.engine) as session:
        service_ids: set[str] = set()
        for field, values in by_field.items():
            service_ids |= _database_ids(session, field, values)
            if field != "id":
                service_ids |= generation.ids_matching(field, values)
        services = load_services(session, sorted(service_ids))
        gone = service_ids - {service.id for service in services}
        index.apply(services, gone, timeout=timeout)


def load_services(session: Session, ids: list[str]) -> list[Service]:
    """Offerings with everything a document needs, loaded in a few queries."""
    found: list[Service] = []
    for start in range(0, len(ids), BATCH):
        found += session.scalars(
            sa.select(Service)
            .where(Service.id.in_(ids[start : start + BATCH]))
            .options(
                selectinload(Service.organization),
                selectinload(Service.taxonomy_terms),
                selectinload(Service.service_at_locations)
                .selectinload(ServiceAtLocation.location)
                .selectinload(Location.municipality),
            )
        ).all()
    return found


def searchable_ids(session: Session) -> list[str]:
    return list(
        session.scalars(
            sa.select(Service.id)
            .join(Service.organization)
            .where(searchable_service_clause())
            .order_by(Service.id)
        )
    )


def _lexicon(session: Session) -> list[str]:
    texts = session.execute(sa.select(Service.name, Service.description)).all()
    org_texts = session.execute(sa.select(Organization.name, Organization.description)).all()
    terms = session.execute(sa.select(TaxonomyTerm.name, TaxonomyTerm.synonyms)).all()
    words = [text for row in (*texts, *org_texts) for text in row]
    words += [text for name, synonyms in terms for text in (name, *(synonyms or ()))]
    return build_lexicon(words)


def rebuild(index: SearchIndex, progress_factory: Callable[[int], Callable[[int], None]] | None = None) -> int:
    """Rebuild the whole index from the database; returns how many offerings were read."""
    with Session(db.engine) as session:
        ids = searchable_ids(session)
        progress = progress_factory(len(ids)) if progress_factory else (lambda n: None)

        def services() -> Iterator[Service]:
            for start in range(0, len(ids), BATCH):
                yield from load_services(session, ids[start : start + BATCH])
                session.expunge_all()  # keep memory flat at 50,000 organisations

        index.rebuild(services(), _lexicon(session), progress)
    return len(ids)
