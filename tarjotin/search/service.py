"""Search: a request of plain values -> a ranked, filtered, paged result of plain values.

The query is analysed into weighted (field, term) alternatives per word; scoring (BM25F),
filters, review age and capacity, the radius and distance, paging and facet counts are then
vector operations over the index's arrays (engine/arrays.py), whatever the number of matches.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from tarjotin.directory.models import ACCESSIBILITY_CODES, DELIVERY_MODES
from tarjotin.geo.gazetteer import OfflineGeocoder  # search-time lookups are always offline
from tarjotin.search.engine import (
    FI_FIELDS,
    OTHER_FIELDS,
    Generation,
    IndexView,
    SearchIndex,
    english_terms,
    swedish_terms,
    voikko_suggestions,
)

TermGroup = list[tuple[str, str, float]]  # one query word's (field, term, boost) alternatives

SORTS = ("relevance", "distance")
RADIUS_KM = (1.0, 200.0)
DEFAULT_RADIUS_KM = 25.0
MAX_PER_PAGE = 100
STALE_FACTOR = 0.7
NOT_ACCEPTING_FACTOR = 0.75
COORDINATION = 0.5  # bonus for documents that match more of the query's words
PREFIX_WEIGHT = 0.5
MAX_PREFIX_TERMS = 20


class InvalidSearch(ValueError):
    def __init__(self, field_name: str, message: str):
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    near: str | None = None  # a place name or a five-digit postcode
    lat: float | None = None
    lon: float | None = None
    radius_km: float = DEFAULT_RADIUS_KM
    themes: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    delivery: tuple[str, ...] = ()  # DELIVERY_MODES
    accessibility: tuple[str, ...] = ()  # ACCESSIBILITY_CODES, of any of the offering's places
    free: bool | None = None
    accepting_new: bool | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    # Only these offerings: filters the index has no field for (organisation, modification
    # time) are answered by the database first. None: no such restriction.
    service_ids: frozenset[str] | None = None


@dataclass(frozen=True)
class Origin:
    latitude: float
    longitude: float
    label: str


@dataclass(frozen=True)
class Explanation:
    matched_terms: tuple[str, ...]  # "field:term" as indexed
    distance_km: float | None
    last_reviewed: str | None
    is_stale: bool
    is_accepting_new: bool


@dataclass(frozen=True)
class SearchHit:
    service_id: str
    name: str
    organization_name: str
    score: float
    distance_km: float | None
    available_anywhere: bool
    explanation: Explanation


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    total: int
    page: int
    per_page: int
    facets: dict[str, dict[str, int]]
    origin: Origin | None = None
    # Online and phone offerings outside the radius (or without a place) when a place is given.
    anywhere: list[SearchHit] = field(default_factory=list)
    anywhere_total: int = 0
    corrections: dict[str, str] = field(default_factory=dict)

    @property
    def total_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def resolve_origin(request: SearchRequest) -> Origin | None:
    if request.lat is not None or request.lon is not None:
        for name, value, limit in (("lat", request.lat, 90), ("lon", request.lon, 180)):
            if value is None or not -limit <= value <= limit:
                raise InvalidSearch(name, f"give both lat and lon, {name} between -{limit} and {limit}")
        return Origin(request.lat, request.lon, f"{request.lat:.4f}, {request.lon:.4f}")
    if request.near and request.near.strip():
        location = OfflineGeocoder().geocode(request.near.strip())
        if location is None:
            raise InvalidSearch("near", f"unknown place or postcode: {request.near!r}")
        return Origin(location.latitude, location.longitude, location.address)
    return None


def validate(request: SearchRequest) -> None:
    if not RADIUS_KM[0] <= request.radius_km <= RADIUS_KM[1]:
        raise InvalidSearch("radius_km", f"must be between {RADIUS_KM[0]:g} and {RADIUS_KM[1]:g}")
    if request.sort not in SORTS:
        raise InvalidSearch("sort", f"must be one of {', '.join(SORTS)}")
    if request.page < 1:
        raise InvalidSearch("page", "must be 1 or more")
    if not 1 <= request.per_page <= MAX_PER_PAGE:
        raise InvalidSearch("per_page", f"must be between 1 and {MAX_PER_PAGE}")
    for name, values, vocabulary in (("delivery", request.delivery, DELIVERY_MODES),
                                     ("accessibility", request.accessibility, ACCESSIBILITY_CODES)):
        unknown = sorted(set(values) - set(vocabulary))
        if unknown:
            raise InvalidSearch(name, f"unknown value {unknown[0]!r}; one of {', '.join(vocabulary)}")


def search(index: SearchIndex, request: SearchRequest, today: date, stale_after_days: int) -> SearchResult:
    """Raises InvalidSearch for bad input and IndexUnavailable when there is no index."""
    validate(request)
    origin = resolve_origin(request)
    if request.sort == "distance" and origin is None:
        raise InvalidSearch("sort", "sorting by distance needs near, or lat and lon")
    generation = index.current()
    view = generation.view()
    groups, corrections = _text_query(generation, view, request.text)
    if groups is None:
        scores, candidates = np.ones(view.count), view.live.copy()
    else:
        scores, matched = view.bm25f(groups, COORDINATION)
        candidates = view.live & (matched > 0)
    for facet, values in _filters(request, _municipality_codes(request.municipalities)).items():
        candidates &= view.having(facet, values)
    if request.service_ids is not None:
        candidates &= view.among(request.service_ids)
    stale_before = (today - timedelta(days=stale_after_days)).toordinal()
    scores = scores * np.where(view.assured < stale_before, STALE_FACTOR, 1.0)
    scores *= np.where(view.accepting, 1.0, NOT_ACCEPTING_FACTOR)

    distances = None
    remote = np.zeros(view.count, dtype=bool)
    if origin is not None:
        distances = view.nearest_km(candidates, origin.latitude, origin.longitude, request.radius_km)
        near = np.isfinite(distances)
        remote = candidates & ~near & view.remote
        candidates &= near
        scores = np.where(near, scores / (1.0 + 2.0 * np.where(near, distances, 0.0) / request.radius_km), scores)

    start = (request.page - 1) * request.per_page
    by_distance = distances if request.sort == "distance" else None
    page = _top(np.flatnonzero(candidates), scores, by_distance, start + request.per_page)[start:]
    remote_page = _top(np.flatnonzero(remote), scores, None, request.per_page) if request.page == 1 else []
    matched_terms = _matched_terms(view, groups or [], [*page, *remote_page])
    stale_day = date.fromordinal(stale_before).isoformat()

    def hit(docnum: int) -> SearchHit:
        distance = None if distances is None or not np.isfinite(distances[docnum]) else float(distances[docnum])
        return _hit(view, int(docnum), float(scores[docnum]), distance, matched_terms, stale_day)

    return SearchResult(
        hits=[hit(docnum) for docnum in page],
        total=int(candidates.sum()),
        page=request.page,
        per_page=request.per_page,
        facets=view.facet_counts(candidates),
        origin=origin,
        anywhere=[hit(docnum) for docnum in remote_page],
        anywhere_total=int(remote.sum()),
        corrections=corrections,
    )


def matching_service_ids(index: SearchIndex, text: str) -> frozenset[str]:
    """Every searchable offering whose text matches, unranked: for listings that filter by words
    but are not ordered by relevance (the API's service-at-location list)."""
    generation = index.current()
    view = generation.view()
    groups, _ = _text_query(generation, view, text)
    if groups is None:
        return frozenset(view.service_ids[view.live].tolist())
    _, matched = view.bm25f(groups, COORDINATION)
    return frozenset(view.service_ids[view.live & (matched > 0)].tolist())


def _top(docs: np.ndarray, scores: np.ndarray, distances: np.ndarray | None, k: int) -> list[int]:
    """The best k documents: by score (or distance, then score), document number breaking ties.

    A partial sort keeps this linear in the number of matches; every document tied with the
    k-th goes into the final sort so ties break exactly as in a full sort.
    """
    primary = -scores[docs] if distances is None else distances[docs]
    if len(docs) > k > 0:
        kth = np.partition(primary, k - 1)[k - 1]
        keep = primary <= kth
        docs, primary = docs[keep], primary[keep]
    keys = (docs, primary) if distances is None else (docs, -scores[docs], primary)
    return [int(d) for d in docs[np.lexsort(keys)][:k]]


def _text_query(generation: Generation, view: IndexView, text: str) -> tuple[list[TermGroup] | None, dict]:
    """One group per query word: every field and every form the word may take, with weights.

    Terms the index lacks are dropped; a word none of whose forms is indexed is first
    tried as the start of an indexed compound, then spelling-corrected against the index.
    None means no text at all (every document matches); [] means nothing matches.
    """
    words = generation.analyzer.query_words(text or "")
    if not words:
        return None, {}
    groups: list[TermGroup] = []
    corrections: dict[str, str] = {}
    for alternatives in words:
        terms = _known_terms(view, alternatives.word, alternatives.terms)
        if not terms:
            terms = _compounds_starting_with(view, alternatives.terms)
        if not terms:
            corrected = _correct(generation, view, alternatives.word)
            if corrected:
                corrections[alternatives.word] = corrected
                terms = _known_terms(view, corrected, generation.analyzer.weighted_terms(corrected))
        if terms:
            groups.append(terms)
    return groups, corrections


def _known_terms(view: IndexView, word: str, weighted: dict[str, float]) -> TermGroup:
    found = [
        (name, term, weight * boost)
        for term, weight in weighted.items()
        for name, boost in FI_FIELDS.items()
        if view.doc_frequency(name, term)
    ]
    for name, terms in (("sv", swedish_terms(word)), ("en", english_terms(word))):
        found += [(name, t, OTHER_FIELDS[name]) for t in terms if view.doc_frequency(name, t)]
    return found


def _compounds_starting_with(view: IndexView, weighted: dict[str, float]) -> TermGroup:
    """Indexed words that begin with the query word ("kävely" -> "kävelyryhmä").

    Only for words the index lacks whole: the fallback lexicon is fixed at rebuild, so a
    compound whose first part became common later is not split in the index.
    """
    return [
        (name, indexed, PREFIX_WEIGHT * weight * boost)
        for term, weight in weighted.items()
        if len(term) >= 4
        for name, boost in FI_FIELDS.items()
        for indexed in view.expand_prefix(name, term, MAX_PREFIX_TERMS)
    ]


def _correct(generation: Generation, view: IndexView, word: str) -> str | None:
    """The nearest known spelling: Voikko's suggestion when it is indexed, else the index's own terms."""
    if len(word) < 4 or word.isdigit():
        return None
    analyzer = generation.analyzer
    for suggestion in voikko_suggestions(analyzer.voikko, word):
        if any(view.doc_frequency("body", t) or view.doc_frequency("name", t)
               for t in analyzer.weighted_terms(suggestion.lower())):
            return suggestion.lower()
    maxdist = 1 if len(word) <= 5 else 2
    candidates = {word, *analyzer.weighted_terms(word)}
    best: tuple[int, int, str] | None = None
    for fieldname in ("name", "terms", "body"):
        for candidate in candidates:
            for term, edits, frequency in view.terms_within(fieldname, candidate, maxdist):
                rank = (edits, -frequency, term)
                if best is None or rank < best:
                    best = rank
    return best[2] if best else None


def _municipality_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """Codes as given, names (Finnish or Swedish) through the gazetteer."""
    codes = []
    for value in values:
        if value.isdigit() and len(value) == 3:
            codes.append(value)
            continue
        location = OfflineGeocoder().geocode(value)
        if location is None:
            raise InvalidSearch("municipality", f"unknown municipality: {value!r}")
        codes.append(location.raw["municipality_code"])
    return tuple(codes)


def _filters(request: SearchRequest, municipality_codes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    wanted = {
        "theme": request.themes,
        "target_group": request.target_groups,
        "municipality": municipality_codes,
        "language": request.languages,
        "delivery": request.delivery,
        "accessibility": request.accessibility,
        "free": () if request.free is None else (str(request.free).lower(),),
        "accepting_new": () if request.accepting_new is None else (str(request.accepting_new).lower(),),
    }
    return {name: values for name, values in wanted.items() if values}


def _matched_terms(view: IndexView, groups: list[TermGroup], docnums: list[int]) -> dict[int, list[str]]:
    """Which query terms each shown document contains, "field:term" as indexed."""
    matched: dict[int, list[str]] = {docnum: [] for docnum in docnums}
    shown = np.array(sorted(set(docnums)), dtype=np.int64)
    for fieldname, term in dict.fromkeys((f, t) for group in groups for f, t, _ in group):
        docs, _ = view.postings(fieldname, term)
        if not len(docs):
            continue
        at = np.minimum(np.searchsorted(docs, shown), len(docs) - 1)
        for docnum in shown[docs[at] == shown]:
            matched[int(docnum)].append(f"{fieldname}:{term}")
    return matched


def _hit(view: IndexView, docnum: int, score: float, distance: float | None, matched: dict[int, list[str]],
         stale_before: str) -> SearchHit:
    card = view.card(docnum)
    distance = None if distance is None else round(distance, 2)
    return SearchHit(
        service_id=card.service_id,
        name=card.name,
        organization_name=card.organization_name,
        score=round(score, 4),
        distance_km=distance,
        available_anywhere=card.available_anywhere,
        explanation=Explanation(
            matched_terms=tuple(matched.get(docnum, ())),
            distance_km=distance,
            last_reviewed=card.assured_date,
            is_stale=card.assured_date is None or card.assured_date < stale_before,
            is_accepting_new=card.facets["accepting_new"] != ("false",),
        ),
    )
