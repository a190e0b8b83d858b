"""The resident search form: GET arguments <-> a SearchRequest, with inline errors in the reader's language.

The form is plain GET so every result page has a URL that can be shared and bookmarked.
Parameter names follow the JSON API's where they mean the same thing.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from tarjotin.directory.models import ACCESSIBILITY_CODES, DELIVERY_MODES
from tarjotin.search.service import SearchRequest

RADII = (5, 10, 25, 50)
DEFAULT_RADIUS = 25
PER_PAGE = 20
MAX_TEXT = 200
MAX_PAGE = 500
MULTI = {"theme": "themes", "target_group": "target_groups", "municipality": "municipalities", "language": "languages",
         "delivery": "delivery", "accessibility": "accessibility"}
# Values outside these are dropped quietly: they come from edited or outdated links, not from the form.
VOCABULARIES = {"delivery": DELIVERY_MODES, "accessibility": ACCESSIBILITY_CODES}

MESSAGES = {
    "near": _l("Paikkaa ei löytynyt. Kirjoita kunta, paikkakunta tai viisinumeroinen postinumero."),
    "radius": _l("Valitse etäisyys listasta."),
    "sort": _l("Etäisyyden mukaan voi järjestää vain, kun paikka on annettu."),
    "page": _l("Sivua ei ole. Näytetään ensimmäinen sivu."),
    "municipality": _l("Kuntaa ei tunnistettu, joten kuntarajaus poistettiin."),
}


@dataclass(frozen=True)
class SearchForm:
    q: str = ""
    near: str = ""
    radius: int = DEFAULT_RADIUS
    themes: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    delivery: tuple[str, ...] = ()
    accessibility: tuple[str, ...] = ()
    free: bool = False
    accepting_new: bool = False
    sort: str = "relevance"
    page: int = 1
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_args(cls, args: MultiDict) -> SearchForm:
        errors: dict[str, str] = {}
        radius = _choice(args.get("radius", ""), RADII, DEFAULT_RADIUS, "radius", errors)
        page = args.get("page", "1").strip()
        if not page.isdigit() or not 1 <= int(page) <= MAX_PAGE:
            errors["page"] = MESSAGES["page"]
            page = "1"
        return cls(
            q=" ".join(args.get("q", "").split())[:MAX_TEXT],
            near=" ".join(args.get("near", "").split())[:100],
            radius=radius,
            **{name: _values(args, param, VOCABULARIES.get(param)) for param, name in MULTI.items()},
            free=args.get("free") == "1",
            accepting_new=args.get("accepting_new") == "1",
            sort="distance" if args.get("sort") == "distance" else "relevance",
            page=int(page),
            errors=errors,
        )

    @property
    def is_empty(self) -> bool:
        return not (self.q or self.near or self.has_filters)

    @property
    def has_filters(self) -> bool:
        return bool(self.themes or self.target_groups or self.municipalities or self.languages
                    or self.delivery or self.accessibility or self.free or self.accepting_new)

    def to_request(self) -> SearchRequest:
        return SearchRequest(
            text=self.q, near=self.near or None, radius_km=float(self.radius), themes=self.themes,
            target_groups=self.target_groups, municipalities=self.municipalities, languages=self.languages,
            delivery=self.delivery, accessibility=self.accessibility,
            free=True if self.free else None, accepting_new=True if self.accepting_new else None,
            sort=self.sort, page=self.page, per_page=PER_PAGE,
        )

    def rejecting(self, field_name: str) -> SearchForm:
        """This form without the value the search refused, and a message saying so."""
        reset = {
            "near": {"near": "", "sort": "relevance"},
            "sort": {"sort": "relevance"},
            "page": {"page": 1},
            "municipality": {"municipalities": ()},
        }.get(field_name, {"radius": DEFAULT_RADIUS})
        message = MESSAGES.get(field_name, MESSAGES["radius"])
        return replace(self, **reset, errors={**self.errors, field_name: message})

    def args(self, **changes) -> dict:
        """Query arguments for a link to this search with `changes`; defaults are left out for short URLs."""
        values = {
            "q": self.q, "near": self.near,
            "radius": self.radius if self.near and self.radius != DEFAULT_RADIUS else None,
            **{param: list(getattr(self, name)) for param, name in MULTI.items()},
            "free": "1" if self.free else None, "accepting_new": "1" if self.accepting_new else None,
            "sort": self.sort if self.sort != "relevance" else None, "page": self.page if self.page > 1 else None,
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value not in (None, "", [])}

    def without(self, param: str, value: str | None = None) -> dict:
        """Arguments with one filter value removed (a chip's link), back on the first page."""
        if param in MULTI:
            return self.args(**{param: [v for v in getattr(self, MULTI[param]) if v != value]}, page=None)
        return self.args(**{param: None}, page=None)


def _values(args: MultiDict, name: str, vocabulary: tuple[str, ...] | None = None) -> tuple[str, ...]:
    values = (v.strip() for raw in args.getlist(name) for v in raw.split(","))
    return tuple(dict.fromkeys(v[:64] for v in values if v and (vocabulary is None or v in vocabulary)))[:20]


def _choice(raw: str, allowed: tuple[int, ...], default: int, name: str, errors: dict) -> int:
    raw = raw.strip()
    if not raw:
        return default
    if raw.isdigit() and int(raw) in allowed:
        return int(raw)
    errors[name] = MESSAGES[name]
    return default
