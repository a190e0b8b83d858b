"""The committed index as numpy arrays, so a query costs a few vector operations, not a Python loop per match.

Whoosh scores a match through several layers of pure-Python matchers; a common word matches
most of the index, which made a query take hundreds of milliseconds at 5,000 organisations.
Whoosh stays the persisted index (terms, postings, stored cards, incremental updates); what
a query needs is read out of it once per segment and reused:

- SegmentArrays: per-document columns (field lengths, review date, capacity, facets, places)
  and, lazily, each (field, term) posting list. A segment's documents never change, so these
  live as long as the segment; a commit adds a small segment and marks deletions.
- IndexView: the segments of one committed state (TOC generation) glued together, plus the
  live-document mask. A commit costs one new view: the big segment's arrays are reused and
  only the new segment is read.
"""
from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np
from whoosh.index import Index
from whoosh.support.levenshtein import distance as edit_distance

from tarjotin.geo.distance import KM_PER_DEGREE_LAT, haversine_km_array
from tarjotin.search.engine.reading import Postings, read_lengths, read_postings

FACETS = ("theme", "target_group", "municipality", "language", "delivery", "accessibility", "free", "accepting_new")
REMOTE_MODES = {"online", "phone"}
# BM25F's free parameters, Whoosh's defaults (scoring.BM25F).
B, K1 = 0.75, 1.2


@dataclass(frozen=True)
class Card:
    """What search needs of a document without touching the database (stored with it)."""

    service_id: str
    name: str
    organization_name: str
    coordinates: tuple[tuple[float, float], ...]
    available_anywhere: bool
    assured_date: str | None
    facets: dict[str, tuple[str, ...]]


class FacetCodes:
    """Facet value <-> small integer, shared by all segments of a generation so codes line up."""

    def __init__(self):
        self.codes: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        self.values: dict[str, list[str]] = {name: [] for name in FACETS}
        self._lock = threading.Lock()

    def code(self, facet: str, value: str) -> int:
        found = self.codes[facet].get(value)
        if found is None:
            with self._lock:
                found = self.codes[facet].setdefault(value, len(self.values[facet]))
                if found == len(self.values[facet]):
                    self.values[facet].append(value)
        return found


class PostingsCache:
    """Posting arrays by (field, term), emptied when they pass a size.

    Queries use few distinct terms, but a long-running worker should not end up holding the
    whole index in memory twice (once per segment, once per view).
    """

    def __init__(self, max_postings: int = 5_000_000):
        self.max_postings = max_postings
        self._found: dict[tuple[str, str], Postings] = {}
        self._size = 0

    def get(self, key: tuple[str, str], load: Callable[[], Postings]) -> Postings:
        found = self._found.get(key)
        if found is None:
            found = load()
            if self._size + len(found[0]) > self.max_postings:
                self._found, self._size = {}, 0
            self._found[key] = found
            self._size += len(found[0])
        return found


class SegmentArrays:
    """One segment's per-document columns and raw postings (document numbers within the segment)."""

    def __init__(self, reader, text_fields: tuple[str, ...], facet_codes: FacetCodes, fast: bool):
        count = reader.doc_count_all()
        self.fast = fast
        # Read once for the columns, not kept: at 50,000 organisations the unpickled cards take
        # hundreds of megabytes per process, and a page needs only its own few (IndexView.card).
        stored = [reader.stored_fields(n)["card"] for n in range(count)]
        self.lengths = {name: read_lengths(reader, name, count, fast) for name in text_fields}
        self.service_ids = np.array([card["service_id"] for card in stored], dtype="U36")
        self.assured = np.array([_day(card["assured_date"]) for card in stored], dtype=np.int64)
        self.accepting = np.array([tuple(card["facets"]["accepting_new"]) != ("false",) for card in stored], dtype=bool)
        self.remote = np.array(
            [card["available_anywhere"] or bool(REMOTE_MODES.intersection(card["facets"]["delivery"])) for card in stored],
            dtype=bool,
        )
        self.facets = {}
        code = facet_codes.code
        for name in FACETS:
            pairs = [(n, code(name, value)) for n, card in enumerate(stored) for value in card["facets"][name]]
            self.facets[name] = np.array(pairs, dtype=np.int64).reshape(-1, 2).T.copy()  # [docs, codes]
        places = [(n, lat, lon) for n, card in enumerate(stored) for lat, lon in card["coordinates"]]
        self.places = np.array(places, dtype=np.float64).reshape(-1, 3)
        self._postings = PostingsCache()

    def postings(self, reader, field: str, term: str) -> Postings:
        """Document numbers and term frequencies, deleted documents included."""
        return self._postings.get((field, term), lambda: read_postings(reader, field, term, self.fast))


def _card(stored: dict) -> Card:
    return Card(**{
        **stored,
        "coordinates": tuple(map(tuple, stored["coordinates"])),
        "facets": {name: tuple(values) for name, values in stored["facets"].items()},
    })


def _day(iso: str | None) -> int:
    return date.fromisoformat(iso).toordinal() if iso else 0


class IndexView:
    """One committed state of a generation, read-only; safe to share between threads."""

    def __init__(self, index: Index, text_fields: tuple[str, ...], segments: dict[str, SegmentArrays],
                 facet_codes: FacetCodes, fast: bool):
        self.toc_generation = index.latest_generation()
        self._reader = index.reader()
        self.facet_codes = facet_codes
        self._lock = threading.Lock()  # Whoosh readers share file handles; lookups are short
        self.leaves: list[tuple[object, int, SegmentArrays]] = []
        live = []
        self.segment_keys: set[str] = set()
        for leaf, base in self._reader.leaf_readers():
            segment = leaf.segment()
            if segment is None:  # an empty index reads as one reader without a segment
                continue
            key = segment.segment_id()
            arrays = segments.get(key) or SegmentArrays(leaf, text_fields, facet_codes, fast)
            segments[key] = arrays
            self.segment_keys.add(key)
            self.leaves.append((leaf, base, arrays))
            mask = np.ones(leaf.doc_count_all(), dtype=bool)
            mask[list(segment.deleted_docs() or ())] = False
            live.append(mask)
        self.bases = [base for _, base, _ in self.leaves]
        self.live = _concat(live, bool)
        self.count = len(self.live)
        self.lengths = {name: _concat([a.lengths[name] for _, _, a in self.leaves], np.float64) for name in text_fields}
        self.service_ids = _concat([a.service_ids for _, _, a in self.leaves], "U36")
        self.assured = _concat([a.assured for _, _, a in self.leaves], np.int64)
        self.accepting = _concat([a.accepting for _, _, a in self.leaves], bool)
        self.remote = _concat([a.remote for _, _, a in self.leaves], bool)
        self.facets = {name: np.concatenate([a.facets[name] + [[base], [0]] for _, base, a in self.leaves], axis=1)
                       if self.leaves else np.empty((2, 0), np.int64) for name in FACETS}
        self.places = _concat([a.places + [base, 0, 0] for _, base, a in self.leaves], np.float64, 3)
        self.doc_count_all = self._reader.doc_count_all()
        self._average_length = {name: (self._reader.field_length(name) / (self.doc_count_all or 1)) or 1.0
                                for name in text_fields}
        self._postings = PostingsCache()
        self._frequencies: dict[tuple[str, str], int] = {}

    # Term dictionary

    def doc_frequency(self, field: str, term: str) -> int:
        key = (field, term)
        found = self._frequencies.get(key)
        if found is None:
            with self._lock:
                found = self._frequencies[key] = self._reader.doc_frequency(field, term)
        return found

    def expand_prefix(self, field: str, prefix: str, limit: int) -> list[str]:
        with self._lock:
            found = []
            for term in self._reader.expand_prefix(field, prefix):
                if len(found) >= limit:
                    break
                found.append(term.decode("utf-8"))
            return found

    def terms_within(self, field: str, word: str, maxdist: int) -> list[tuple[str, int, int]]:
        """Indexed terms at most `maxdist` edits from `word`, sharing its first letter: (term, edits, documents)."""
        with self._lock:
            return [(term, edit_distance(word, term), self._reader.doc_frequency(field, term))
                    for term in self._reader.terms_within(field, word, maxdist, prefix=1)]

    # Documents

    def card(self, docnum: int) -> Card:
        with self._lock:
            return _card(self._reader.stored_fields(docnum)["card"])

    def postings(self, field: str, term: str) -> Postings:
        """The documents holding the term (ascending) and the term's BM25F weight in each, before boosts.

        Only the query's boost and the other terms vary between queries, so the weights are
        worked out once per view: (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + B * length / average)).
        """
        return self._postings.get((field, term), lambda: self._weighted_postings(field, term))

    def _weighted_postings(self, field: str, term: str) -> Postings:
        with self._lock:
            parts = [arrays.postings(leaf, field, term) for leaf, _, arrays in self.leaves]
        docs = np.concatenate([ids + base for (ids, _), base in zip(parts, self.bases)])
        frequency = np.concatenate([frequencies for _, frequencies in parts])
        idf = math.log(self.doc_count_all / (self.doc_frequency(field, term) + 1)) + 1
        norm = K1 * ((1 - B) + B * self.lengths[field][docs] / self._average_length[field])
        return docs, idf * frequency * (K1 + 1) / (frequency + norm)

    def bm25f(self, groups: list[list[tuple[str, str, float]]], coordination: float) -> tuple[np.ndarray, np.ndarray]:
        """Whoosh's BM25F of an OR of OR-groups (one per query word) with its coordination bonus.

        Returns (score per document, number of matching terms per document); a term is
        (field, term, boost). As Whoosh's CoordMatcher, with more than one group the score
        of a document matching m of the query's n terms becomes
        (score + (m - 1) / (n - scale)^2) * (n - 1) / n.
        """
        terms = [item for group in groups for item in group]
        if not terms:
            return np.zeros(self.count), np.zeros(self.count, dtype=np.int64)
        postings = [(self.postings(field, term), boost) for field, term, boost in terms]
        docs = np.concatenate([found[0] for found, _ in postings])
        weights = np.concatenate([found[1] * boost for found, boost in postings])
        scores = np.bincount(docs, weights=weights, minlength=self.count)
        matched = np.bincount(docs, minlength=self.count)
        if len(groups) > 1 and len(terms) > 1 and len(terms) != coordination:
            n = len(terms)
            hit = matched > 0
            scores[hit] = (scores[hit] + (matched[hit] - 1) / (n - coordination) ** 2) * (n - 1) / n
        return scores, matched

    # Filters, places, facets

    def having(self, facet: str, values: tuple[str, ...]) -> np.ndarray:
        """Documents with any of the values."""
        codes = [self.facet_codes.codes[facet][v] for v in values if v in self.facet_codes.codes[facet]]
        mask = np.zeros(self.count, dtype=bool)
        docs, found = self.facets[facet]
        mask[docs[np.isin(found, codes)]] = True
        return mask

    def among(self, service_ids: frozenset[str]) -> np.ndarray:
        """Documents of these offerings."""
        return np.isin(self.service_ids, np.array(sorted(service_ids), dtype="U36"))

    def nearest_km(self, candidates: np.ndarray, lat: float, lon: float, radius_km: float) -> np.ndarray:
        """Distance to each document's nearest place within the radius; inf where none is."""
        places = self.places[candidates[self.places[:, 0].astype(np.int64)]]
        # A latitude band first: one comparison drops most places before the trigonometry.
        band = radius_km / KM_PER_DEGREE_LAT * 1.01
        places = places[np.abs(places[:, 1] - lat) <= band]
        distances = haversine_km_array(lat, lon, places[:, 1], places[:, 2])
        inside = distances <= radius_km
        nearest = np.full(self.count, np.inf)
        np.minimum.at(nearest, places[inside, 0].astype(np.int64), distances[inside])
        return nearest

    def facet_counts(self, mask: np.ndarray) -> dict[str, dict[str, int]]:
        counts = {}
        for name in FACETS:
            docs, codes = self.facets[name]
            per_code = np.bincount(codes[mask[docs]], minlength=len(self.facet_codes.values[name]))
            values = self.facet_codes.values[name]
            found = {values[code]: int(n) for code, n in enumerate(per_code) if n}
            counts[name] = dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))
        return counts


def _concat(parts: list[np.ndarray], dtype, width: int = 0) -> np.ndarray:
    if not parts:
        return np.empty((0, width) if width else 0, dtype=dtype)
    return np.concatenate(parts).astype(dtype, copy=False)


class ViewCache:
    """The current IndexView of a generation; a new one after each commit, reusing segment arrays."""

    def __init__(self, index: Index, text_fields: tuple[str, ...], fast: bool):
        self.index = index
        self.text_fields = text_fields
        self.fast = fast
        self._view: IndexView | None = None
        self._segments: dict[str, SegmentArrays] = {}
        self._facet_codes = FacetCodes()
        self._lock = threading.Lock()

    def get(self) -> IndexView:
        view = self._view
        if view is None or view.toc_generation != self.index.latest_generation():
            with self._lock:
                view = self._view
                if view is None or view.toc_generation != self.index.latest_generation():
                    view = self._view = IndexView(self.index, self.text_fields, self._segments, self._facet_codes, self.fast)
                    # segments merged away since: forget their arrays
                    self._segments = {k: v for k, v in self._segments.items() if k in view.segment_keys}
        return view
