"""A file's themes and target groups onto ours: by code, then by a name or synonym in any language.

Each label is compared as analysed words, so inflection and case do not matter: Finnish labels
through the search's Finnish base forms ("Yksinäiset" meets our synonym "yksinäinen",
"ikääntyneille" meets "ikääntyneet"), Swedish and English ones through their stemmers. A
foreign name may be in any language, so it is tried against all three. Preferred names win over
synonyms, and earlier terms over later ones, so a word two terms share maps the same way each time.
"""
from __future__ import annotations

from itertools import islice, product

import sqlalchemy as sa

from tarjotin.directory.models import TaxonomyTerm
from tarjotin.extensions import db
from tarjotin.search.engine import FinnishAnalyzer, english_terms, swedish_terms

Key = tuple[str, ...]
MAX_READINGS = 8  # a phrase of ambiguous words gives the product of its readings; the first few suffice


class TermMatcher:
    def __init__(self, analyzer: FinnishAnalyzer):
        self.analyzer = analyzer
        self._by_code: dict[tuple[str, str], TaxonomyTerm] = {}
        self._names: dict[tuple[str, Key], TaxonomyTerm] = {}
        self._synonyms: dict[tuple[str, Key], TaxonomyTerm] = {}
        for term in db.session.scalars(sa.select(TaxonomyTerm).order_by(TaxonomyTerm.taxonomy, TaxonomyTerm.id)):
            self.add(term)

    def add(self, term: TaxonomyTerm) -> None:
        """Make a term findable, also one this import has just created."""
        self._by_code.setdefault((term.taxonomy, term.code), term)
        for table, labels in (
            (self._names, ((term.name,), (term.name_sv,), (term.name_en,))),
            (self._synonyms, (term.synonyms or (), term.synonyms_sv or (), term.synonyms_en or ())),
        ):
            for language, words in zip(("fi", "sv", "en"), labels):
                for label in filter(None, words):
                    for key in self._keys(label, (language,)):
                        table.setdefault((term.taxonomy, key), term)

    def match(self, taxonomy: str, code: str | None, names: tuple[str | None, ...]) -> TaxonomyTerm | None:
        if code and (term := self._by_code.get((taxonomy, code))):
            return term
        keys = [key for name in filter(None, names) for key in self._keys(name, ("fi", "sv", "en"))]
        for table in (self._names, self._synonyms):
            for key in keys:
                if term := table.get((taxonomy, key)):
                    return term
        return None

    def _keys(self, label: str, languages: tuple[str, ...]) -> list[Key]:
        keys: list[Key] = [("exact", label.casefold().strip())]
        for language in languages:
            if language == "fi":
                readings = self.analyzer.base_forms(label)
                if readings:
                    keys += [("fi", *combination) for combination in islice(product(*readings), MAX_READINGS)]
            else:
                stems = (swedish_terms if language == "sv" else english_terms)(label)
                if stems:
                    keys.append((language, *stems))
        return keys
