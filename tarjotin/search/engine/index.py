"""The Whoosh index: documents from offerings, atomic rebuilds, one writer at a time.

Layout under INDEX_DIR: one directory per generation (a complete Whoosh index plus meta.json
with the analysis it was built with) and a CURRENT file naming the live one. A rebuild writes
a new generation and replaces CURRENT with os.replace, so readers see either the old or the
new index, and a failed rebuild leaves the old one serving. The rebuild writes its single
segment in bulk (bulk.py); commits add and delete documents through Whoosh's own writer.
Queries read the index through arrays.py. Both bulk.py and arrays.py take private shortcuts
into whoosh3 only when version.py finds the version they were written for.

All writes, incremental or rebuild, hold WRITELOCK in INDEX_DIR (a Whoosh file lock, so it
works across processes) rather than the per-generation Whoosh lock, because a rebuild must
also keep incremental writers off the generation it is about to replace.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.query import Term

from tarjotin.search.engine import version
from tarjotin.search.engine.analysis import FinnishAnalyzer, english_terms, swedish_terms, voikko_handle
from tarjotin.search.engine.arrays import FACETS, IndexView, ViewCache
from tarjotin.search.engine.bulk import segment_builder

log = logging.getLogger(__name__)

REBUILD_COMMAND = "flask --app tarjotin search rebuild"
FI_FIELDS = {"name": 3.0, "terms": 2.0, "org": 1.5, "body": 1.0, "place": 1.0}
OTHER_FIELDS = {"sv": 1.0, "en": 1.0}


class IndexUnavailable(RuntimeError):
    """The index is missing or unreadable; the message says how to rebuild it."""

    def __init__(self, reason: str):
        super().__init__(f"The search index is not available ({reason}). Rebuild it with: {REBUILD_COMMAND}")
        self.reason = reason


class IndexBusy(RuntimeError):
    """Another process held the write lock for the whole retry budget."""


def _schema() -> Schema:
    # Terms arrive analysed (see analysis.py), so every text field only splits on spaces.
    pre = SpaceSeparatedTokenizer()
    # Field weights are applied per query term (service.py), where they can be tuned without a rebuild.
    # No positions: nothing searches phrases, and frequencies alone keep postings small.
    text_fields = {name: TEXT(analyzer=pre, phrase=False) for name in (*FI_FIELDS, *OTHER_FIELDS)}
    facet_fields = {name: KEYWORD(commas=True) for name in FACETS}
    return Schema(
        id=ID(stored=True, unique=True),
        organization_id=ID,
        location_ids=KEYWORD(commas=True),
        term_ids=KEYWORD(commas=True),
        card=STORED,
        **text_fields,
        **facet_fields,
    )


def _facet_values(service) -> dict[str, tuple[str, ...]]:
    locations = service.locations
    return {
        "theme": tuple(t.code for t in service.terms("theme")),
        "target_group": tuple(t.code for t in service.terms("target_group")),
        "municipality": tuple(sorted({loc.municipality_code for loc in locations if loc.municipality_code})),
        "language": tuple(service.languages or ()),
        "delivery": tuple(service.delivery_modes or ()),
        "accessibility": tuple(sorted({code for loc in locations for code in loc.accessibility or ()})),
        "free": ("true" if service.is_free else "false",),
        "accepting_new": ("true" if service.is_accepting_new else "false",),
    }


def _assured(service) -> str | None:
    # The offering's own review counts; an organisation-wide review stands in when it has none.
    date = service.assured_date or service.organization.assured_date
    return date.isoformat() if date else None


class Generation:
    """One built index and the analysis it was built with; queries read it through `view()`."""

    def __init__(self, path: Path, voikko_enabled: bool, fast: bool):
        self.path = path
        self.name = path.name
        try:
            self.meta = json.loads((path / "meta.json").read_text())
            self.index = whoosh_index.open_dir(str(path))
        except Exception as error:  # a half-copied or foreign directory: report, never crash the page
            raise IndexUnavailable(f"cannot open {path}: {error}") from error
        voikko = voikko_handle(voikko_enabled) if self.meta["analysis"] == "voikko" else None
        if self.meta["analysis"] == "voikko" and voikko is None:
            log.warning("index %s was built with Voikko, which is not available now; queries use the fallback", path)
        self.analyzer = FinnishAnalyzer(voikko, self.meta.get("lexicon", ()))
        self._views = ViewCache(self.index, (*FI_FIELDS, *OTHER_FIELDS), fast)

    def view(self) -> IndexView:
        """The latest committed state as arrays (see arrays.py); rebuilt after each commit."""
        try:
            return self._views.get()
        except (OSError, ValueError) as error:  # files removed or garbled under a running process
            raise IndexUnavailable(f"cannot read {self.path}: {error}") from error

    def ids_matching(self, field: str, values: Iterable[str]) -> set[str]:
        with self.index.searcher() as searcher:
            return {
                searcher.stored_fields(docnum)["id"]
                for value in values
                for docnum in searcher.docs_for_query(Term(field, value))
            }

    def document(self, service) -> dict:
        fi = self.analyzer.index_text
        themes = service.taxonomy_terms
        locations = service.locations
        coordinates = [(loc.latitude, loc.longitude) for loc in locations if loc.latitude is not None]
        facets = _facet_values(service)
        place_names = [
            name
            for loc in locations
            for name in (loc.city, loc.municipality.name if loc.municipality else None, loc.name)
        ]
        swedish = [service.name_sv, service.description_sv, service.organization.description_sv]
        swedish += [t.name_sv for t in themes] + [s for t in themes for s in t.synonyms_sv or ()]
        swedish += [loc.municipality.name_sv for loc in locations if loc.municipality]
        english = [service.name_en, service.description_en, service.organization.description_en]
        english += [t.name_en for t in themes] + [s for t in themes for s in t.synonyms_en or ()]
        return {
            "id": service.id,
            "organization_id": service.organization_id,
            "location_ids": ",".join(loc.id for loc in locations),
            "term_ids": ",".join(t.id for t in themes),
            "name": fi(service.name),
            "terms": fi(*(t.name for t in themes), *(s for t in themes for s in t.synonyms or ())),
            "org": fi(service.organization.name, service.organization.alternate_name),
            "body": fi(service.description, service.eligibility_description, service.organization.description),
            "place": fi(*place_names),
            "sv": " ".join(t for text in swedish for t in swedish_terms(text)),
            "en": " ".join(t for text in english for t in english_terms(text)),
            **{name: ",".join(values) for name, values in facets.items()},
            "card": {
                "service_id": service.id,
                "name": service.name,
                "organization_name": service.organization.name,
                "coordinates": coordinates,
                # Online or phone offerings without a place reach everyone, wherever they live.
                "available_anywhere": not coordinates or "in_person" not in (service.delivery_modes or ()),
                "assured_date": _assured(service),
                "facets": facets,
            },
        }


class SearchIndex:
    """The index under one INDEX_DIR, shared by the threads of one process."""

    def __init__(self, root: str | Path, voikko_enabled: bool = True, lock_timeout: float = 2.0):
        self.root = Path(root)
        self.voikko_enabled = voikko_enabled
        self.lock_timeout = lock_timeout
        self.compatibility = version.check()
        if not self.compatibility.ok:
            log.error("search engine: %s", self.compatibility.describe())
        self._generation: Generation | None = None
        self._open_lock = threading.Lock()

    def current(self) -> Generation:
        name = self._current_name()
        generation = self._generation
        if generation is None or generation.name != name:
            with self._open_lock:
                if self._generation is None or self._generation.name != name:
                    self._generation = Generation(self.root / name, self.voikko_enabled, self.compatibility.ok)
                generation = self._generation
        return generation

    def version(self) -> str:
        """Changes with every commit to the index: the generation and its latest segment list."""
        generation = self.current()
        try:
            return f"{generation.name}/{generation.index.latest_generation()}"
        except OSError as error:  # the generation removed under a running process
            raise IndexUnavailable(f"cannot read {generation.path}: {error}") from error

    def _current_name(self) -> str:
        try:
            name = (self.root / "CURRENT").read_text().strip()
        except OSError as error:
            raise IndexUnavailable(f"no index in {self.root}") from error
        if not (self.root / name).is_dir():
            raise IndexUnavailable(f"generation {name} is missing")
        return name

    @contextmanager
    def write_lock(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the index-wide write lock, retrying with exponential backoff; IndexBusy on timeout."""
        self.root.mkdir(parents=True, exist_ok=True)
        lock = FileStorage(str(self.root)).lock("WRITELOCK")
        deadline = time.monotonic() + (self.lock_timeout if timeout is None else timeout)
        delay = 0.01
        while not lock.acquire():
            if time.monotonic() >= deadline:
                raise IndexBusy(f"{self.root} is being written by another process")
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
        try:
            yield
        finally:
            lock.release()

    def apply(self, services: Iterable, remove_ids: Iterable[str], timeout: float | None = None) -> None:
        """Replace the given offerings' documents (removing those not searchable) under the lock."""
        with self.write_lock(timeout):
            generation = self.current()
            with generation.index.writer() as writer:
                for service_id in remove_ids:
                    writer.delete_by_term("id", service_id)
                for service in services:
                    writer.delete_by_term("id", service.id)
                    if service.is_searchable:
                        writer.add_document(**generation.document(service))

    def rebuild(self, services: Iterable, lexicon: list[str], progress: Callable[[int], None] = lambda n: None) -> Path:
        """Build a fresh generation from `services` and make it current; on failure the old one stays."""
        with self.write_lock(timeout=600):
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
            path = self.root / f"gen-{stamp}-{os.getpid()}"
            pointer = self.root / "CURRENT.tmp"
            path.mkdir(parents=True)
            try:
                analysis = "voikko" if voikko_handle(self.voikko_enabled) else "snowball"
                (path / "meta.json").write_text(json.dumps({"analysis": analysis, "built_at": stamp, "lexicon": lexicon}))
                whoosh_index.create_in(str(path), _schema())
                generation = Generation(path, self.voikko_enabled, self.compatibility.ok)
                builder = segment_builder(generation.index, self.compatibility.ok)
                try:
                    for service in services:
                        if service.is_searchable:
                            builder.add(generation.document(service))
                        progress(1)
                    builder.commit()
                except BaseException:
                    builder.cancel()
                    raise
                # Inside the try: a full disk can fail this small write too, after the whole build.
                pointer.write_text(path.name)
                os.replace(pointer, self.root / "CURRENT")
            except BaseException:
                pointer.unlink(missing_ok=True)
                shutil.rmtree(path, ignore_errors=True)
                raise
            for old in self.root.glob("gen-*"):
                if old != path:
                    shutil.rmtree(old, ignore_errors=True)
        return path

    def status(self) -> dict:
        generation = self.current()
        with generation.index.searcher() as searcher:
            count = searcher.doc_count()
        size = sum(f.stat().st_size for f in generation.path.iterdir())
        return {"generation": generation.name, "analysis": generation.meta["analysis"], "documents": count, "bytes": size}

