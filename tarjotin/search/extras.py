"""What other domains add to the results page, registered rather than imported.

Search knows nothing of, say, open calls to take part: participation registers a finder and a
partial template of its own, and the results page asks every registered finder on its first page.
A finder gets the resident's words, today and the live index's analyser (so its words match
as offerings' do) and returns the partial's context, or None when it has nothing to add.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask import Flask

from tarjotin.search.engine import FinnishAnalyzer

EXTENSION = "search_results_extras"


@dataclass(frozen=True)
class ExtraQuery:
    text: str
    today: date
    analyzer: FinnishAnalyzer


@dataclass(frozen=True)
class ResultsExtra:
    name: str
    template: str  # a partial the registering domain owns; it reads `extra.context`
    find: Callable[[ExtraQuery], dict | None]


@dataclass(frozen=True)
class FoundExtra:
    name: str
    template: str
    context: dict


def register_results_extra(app: Flask, name: str, template: str, find: Callable[[ExtraQuery], dict | None]) -> None:
    """Add a section to `app`'s results page; registering a name again replaces it."""
    app.extensions.setdefault(EXTENSION, {})[name] = ResultsExtra(name, template, find)


def registered_extras(app: Flask) -> list[ResultsExtra]:
    return list(app.extensions.get(EXTENSION, {}).values())


def find_extras(extras: list[ResultsExtra], query: ExtraQuery) -> list[FoundExtra]:
    found = []
    for extra in extras:
        context = extra.find(query)
        if context:
            found.append(FoundExtra(extra.name, extra.template, context))
    return found
