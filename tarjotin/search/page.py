"""The results page as one service call: the search, the cards' own fields, filters as options
and chips with counts, the ways on when nothing was found, and what other domains registered
to add (search/extras.py).

Plain values in, plain values out: the view passes the form, the time, the language and the
registered extras.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from tarjotin.directory import queries
from tarjotin.directory.models import QUICK_EXIT_THEMES, Location, Service, TaxonomyTerm
from tarjotin.directory.schedule import next_meeting
from tarjotin.geo.distance import haversine_km, neighbouring_municipalities
from tarjotin.geo.gazetteer import OfflineGeocoder
from tarjotin.search import get_index
from tarjotin.search.extras import ExtraQuery, FoundExtra, ResultsExtra, find_extras
from tarjotin.search.forms import MULTI, RADII, SearchForm
from tarjotin.search.highlight import snippet, stems
from tarjotin.search.engine import IndexUnavailable
from tarjotin.search.service import InvalidSearch, Origin, SearchHit, SearchResult, search

FORM_FIELDS = ("near", "sort", "page", "municipality")
MUNICIPALITY_OPTIONS = 12
ANYWHERE_SHOWN = 5  # a taste of what reaches everyone; the page stays light on a phone

# Where a search word was found, for the "why this result" disclosure (index field -> words).
MATCH_FIELDS = {
    "name": _l("nimessä"),
    "terms": _l("teemoissa ja asiasanoissa"),
    "org": _l("järjestön nimessä"),
    "body": _l("kuvauksessa"),
    "place": _l("paikan nimessä"),
    "sv": _l("ruotsinkielisessä tekstissä"),
    "en": _l("englanninkielisessä tekstissä"),
}


@dataclass(frozen=True)
class Card:
    hit: SearchHit
    service: Service
    snippet: Markup
    place: Location | None
    next_meeting: datetime | None

    @property
    def reviewed_on(self) -> date | None:
        day = self.hit.explanation.last_reviewed
        return date.fromisoformat(day) if day else None

    @property
    def reasons(self) -> list[tuple[list[str], list[str]]]:
        """(matched words, index fields) for "why this result", words found in the same fields together."""
        fields: dict[str, list[str]] = {}
        for matched in self.hit.explanation.matched_terms:
            name, term = matched.split(":", 1)
            fields.setdefault(term, []).append(name)
        grouped: dict[tuple[str, ...], list[str]] = {}
        for term, names in fields.items():
            grouped.setdefault(tuple(names), []).append(term)
        return [(terms, list(names)) for names, terms in grouped.items()]


@dataclass(frozen=True)
class Option:
    """One filter value: a checkbox in the filter panel and, when chosen, a removable chip."""

    param: str
    value: str
    count: int
    checked: bool


@dataclass
class ResultsPage:
    form: SearchForm
    terms: dict[tuple[str, str], TaxonomyTerm]
    result: SearchResult | None = None
    cards: list[Card] = field(default_factory=list)
    anywhere: list[Card] = field(default_factory=list)
    options: dict[str, list[Option]] = field(default_factory=dict)
    neighbours: list[str] = field(default_factory=list)  # municipality codes, when nothing was found
    wider_radius: int | None = None
    is_unavailable: bool = False
    extras: list[FoundExtra] = field(default_factory=list)  # what other domains add, on the first page

    @property
    def chips(self) -> list[Option]:
        return [option for options in self.options.values() for option in options if option.checked]

    @property
    def quick_exit(self) -> bool:
        """Crisis and violence searches get the quick-exit button, by filter or by the words typed."""
        if QUICK_EXIT_THEMES & set(self.form.themes):
            return True
        keys = stems(self.form.q.split())
        words = [w.lower() for code in QUICK_EXIT_THEMES if (term := self.terms.get(("theme", code)))
                 for w in (term.name, *(term.synonyms or ()))]
        # Substrings, not prefixes: the themes' words are compounds ("lähisuhdeväkivalta").
        return any(key in word for key in keys for word in words)


def results_page(form: SearchForm, now: datetime, lang: str, stale_after_days: int,
                 extras: list[ResultsExtra] = ()) -> ResultsPage:
    """Search for `form`; input the search refuses is dropped with an inline error rather than failing."""
    terms = queries.taxonomy_terms()
    for _ in range(len(FORM_FIELDS) + 2):
        try:
            result = search(get_index(), form.to_request(), now.date(), stale_after_days)
            break
        except InvalidSearch as error:
            name = error.field if error.field in FORM_FIELDS else "radius"
            if name in form.errors and name != "radius":
                raise
            form = form.rejecting(name)
        except IndexUnavailable:
            return ResultsPage(form=form, terms=terms, is_unavailable=True)
    else:
        raise RuntimeError("the search kept refusing the form")
    page = ResultsPage(form=form, terms=terms, result=result, options=_options(form, result, terms))
    page.cards, page.anywhere = _cards(form, result, now, lang)
    if result.page == 1:
        page.extras = find_extras(extras, ExtraQuery(form.q, now.date(), get_index().current().analyzer))
    if not result.total and form.near:
        page.wider_radius = next((r for r in RADII if r > form.radius), None)
        page.neighbours = _neighbours(form.near)
    return page


def _cards(form: SearchForm, result: SearchResult, now: datetime, lang: str) -> tuple[list[Card], list[Card]]:
    anywhere = result.anywhere[:ANYWHERE_SHOWN]
    services = queries.result_cards([hit.service_id for hit in (*result.hits, *anywhere)])

    def card(hit: SearchHit) -> Card | None:
        service = services.get(hit.service_id)
        # The index may trail a just-committed change by a moment; never show what is no longer public.
        if service is None or not service.is_visible:
            return None
        text = (getattr(service, f"description_{lang}", None) if lang != "fi" else None) or service.description
        keys = stems([*form.q.split(), *(term.split(":", 1)[1] for term in hit.explanation.matched_terms)])
        return Card(hit, service, snippet(text, keys), _nearest(service.locations, result.origin),
                    next_meeting(service.schedules, now))

    return ([c for hit in result.hits if (c := card(hit))], [c for hit in anywhere if (c := card(hit))])


def _nearest(locations: list[Location], origin: Origin | None) -> Location | None:
    if not locations:
        return None
    if origin is None:
        return locations[0]
    placed = [loc for loc in locations if loc.latitude is not None]
    return min(placed, default=locations[0],
               key=lambda loc: haversine_km(origin.latitude, origin.longitude, loc.latitude, loc.longitude))


def _options(form: SearchForm, result: SearchResult, terms: dict) -> dict[str, list[Option]]:
    options: dict[str, list[Option]] = {}
    for param, name in MULTI.items():
        chosen = getattr(form, name)
        counts = result.facets.get(param, {})
        if param in ("theme", "target_group"):
            # Codes the taxonomy does not know are left out: the panel has no words for them.
            counts = {code: n for code, n in counts.items() if (param, code) in terms}
        values = sorted(counts, key=lambda v: (-counts[v], v))
        if param == "municipality":
            values = values[:MUNICIPALITY_OPTIONS]
        values += [v for v in chosen if v not in values]
        options[param] = [Option(param, v, counts.get(v, 0), v in chosen) for v in values]
    for param in ("free", "accepting_new"):
        count = result.facets.get(param, {}).get("true", 0)
        chosen = getattr(form, param)
        options[param] = [Option(param, "1", count, chosen)] if count or chosen else []
    return options


def _neighbours(near: str, limit: int = 6) -> list[str]:
    location = OfflineGeocoder().geocode(near)
    code = location.raw.get("municipality_code") if location else None
    return [other for other, _ in neighbouring_municipalities(code, within_km=60)[:limit]] if code else []
