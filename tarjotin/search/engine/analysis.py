"""Text analysis for Finnish, Swedish and English.

Finnish text is turned into index terms here rather than by a Whoosh analyzer in the schema:
the Finnish fields store pre-analysed, space-separated terms. That keeps the index readable
by a plain Whoosh install (no pickled custom classes) and lets query and index share one code
path whose state (Voikko on/off, the compound lexicon) is recorded with each index generation.

Two Finnish paths give the same kind of terms:
- Voikko: base forms of every reading, compound components, the joins of neighbouring
  components (so "mielenterveysyhdistys" also indexes "mielenterveys") and, for derived words,
  the root ("yksinäisyys" -> "yksinäinen", which is also what "yksinäisille" gives).
- fallback: the Snowball stemmer, a small table that folds the stem alternations Snowball
  leaves apart, and a compound splitter over a lexicon built from the corpus and the taxonomy.
"""
from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from whoosh.analysis import LanguageAnalyzer
from whoosh.lang import stemmer_for_language, stopwords_for_language

TOKEN = re.compile(r"\w+", re.UNICODE)
MIN_PART = 3
FI_STOPWORDS = frozenset(stopwords_for_language("fi")) | {"ry", "rf", "ry:n"}

# Query-side weights: the word itself counts most, its pieces and roots less, so a document
# that has the exact compound ranks above one that only shares a component.
WEIGHT_BASE = 1.0
WEIGHT_ROOT = 0.6
WEIGHT_JOIN = 0.5
WEIGHT_PART = 0.3

# Stem endings Snowball leaves unequal between forms of one word, folded to one spelling:
# consonant gradation (päihde/päihteet), -us/-uks- (masennus/masennukseen), -ys/-yd-/-yt-
# (terveys/terveyden), -inen/-is- (yksinäinen/yksinäisille), -tön/-ttöm-.
STEM_FOLDS = (
    ("uuks", "uus"), ("yyks", "yys"), ("uks", "us"), ("yks", "ys"), ("iks", "is"),
    ("eyd", "eys"), ("eyt", "eys"), ("uud", "uus"), ("uut", "uus"), ("yyd", "yys"), ("yyt", "yys"),
    ("ttöm", "tö"), ("ttom", "to"), ("äin", "äis"), ("ain", "ais"),
    ("ht", "hd"), ("nt", "n"), ("lt", "l"), ("rt", "r"),
)
# Derivational endings whose root is what an inflected adjective stems to
# (yksinäisyys -> yksinäis, like yksinäisille).
DERIVATION_FOLDS = (("isyys", "is"), ("isuus", "is"), ("llisuus", "llis"), ("llisyys", "llis"))

# Compound modifiers that seldom stand alone in text, so the corpus alone would not teach them.
SEED_LEXICON = (
    "vertais mielen omais lapsi perhe nuoriso nuori päihde kriisi työ ikä ihminen ryhmä tuki "
    "terveys yhdistys apu puhelin neuvonta palvelu toiminta keskus talo koti hoitaja hoito "
    "harrastus liikunta kerho ilta päivä viikko leiri kurssi velka raha talous asunto "
    "maahanmuuttaja kotoutuminen kieli suomi keskustelu ystävä vapaaehtois lähimmäis mielenterveys "
    "muisti sairaus syöpä diabetes sydän uni syömis häiriö riippuvuus peli alkoholi huume "
    "kahvila kerho suru sururyhmä eläke seniori veteraani vammais kehitys vamma näkö kuulo omaishoito"
).split()


def tokens(text: str | None) -> list[str]:
    return TOKEN.findall(text.lower()) if text else []


def fold_stem(stem: str) -> str:
    for end, replacement in STEM_FOLDS:
        if stem.endswith(end) and len(stem) - len(end) >= MIN_PART:
            return stem[: -len(end)] + replacement
    if len(stem) > 4 and stem[-1] in "ei":
        return stem[:-1]
    return stem


_snowball_fi = stemmer_for_language("fi")


@lru_cache(maxsize=200_000)
def fi_stem(word: str) -> str:
    return fold_stem(_snowball_fi(word))


@dataclass(frozen=True)
class Alternatives:
    """What one query word may match, term -> weight."""

    word: str
    terms: dict[str, float]


class FinnishAnalyzer:
    """One Finnish analysis; `voikko` is None for the fallback path."""

    def __init__(self, voikko=None, lexicon: Iterable[str] = ()):
        self.voikko = voikko
        stems = (fi_stem(w) for w in (*SEED_LEXICON, *lexicon))
        # a stem shorter than a part would match bare case endings ("ilta" -> "il" ~ "-ille")
        self.lexicon = frozenset(stem for stem in stems if len(stem) >= MIN_PART)
        self.weighted_terms = lru_cache(maxsize=200_000)(self._weighted_terms)
        # Whole texts repeat across documents (an organisation's description on each of its
        # offerings, theme names and synonyms on thousands), so a rebuild analyses each once;
        # a repeated field value also comes back as the same string, cheap to hash again.
        self.index_terms = lru_cache(maxsize=20_000)(self._index_terms)
        self.index_text = lru_cache(maxsize=20_000)(self._index_text)

    @property
    def mode(self) -> str:
        return "voikko" if self.voikko else "snowball"

    def _index_terms(self, text: str | None) -> tuple[str, ...]:
        weighted_terms = self.weighted_terms
        return tuple(term for word in tokens(text) if word not in FI_STOPWORDS for term in weighted_terms(word))

    def _index_text(self, *texts: str | None) -> str:
        return " ".join(term for text in texts for term in self.index_terms(text))

    def query_words(self, text: str) -> list[Alternatives]:
        return [Alternatives(w, self.weighted_terms(w)) for w in tokens(text) if w not in FI_STOPWORDS]

    def base_forms(self, text: str) -> list[list[str]]:
        """Each word's base forms (every reading), stop words left out: for comparing labels, not scoring."""
        return [sorted(t for t, w in self.weighted_terms(word).items() if w == WEIGHT_BASE)
                for word in tokens(text) if word not in FI_STOPWORDS]

    def _weighted_terms(self, word: str) -> dict[str, float]:
        if word.isdigit():
            return {word: WEIGHT_BASE}
        if self.voikko:
            analyses = _voikko_analyses(self.voikko, word)
            if analyses:
                return _merge(_voikko_terms(a) for a in analyses)
        return self._fallback_terms(word)

    def _fallback_terms(self, word: str) -> dict[str, float]:
        stem = fi_stem(word)
        found = {stem: WEIGHT_BASE}
        for end, replacement in DERIVATION_FOLDS:
            if stem.endswith(end):
                found.setdefault(stem[: -len(end)] + replacement, WEIGHT_ROOT)
        parts = self._split(word)
        if len(parts) > 1:
            for start, end in _neighbour_spans(len(parts)):
                found.setdefault(fi_stem("".join(parts[start:end])), WEIGHT_JOIN)
            for part in parts:
                # a part may itself be a compound the lexicon knows whole ("mielenterveys")
                for term in self.weighted_terms(part):
                    found.setdefault(term, WEIGHT_PART)
        return found

    def _split(self, word: str) -> list[str]:
        """Split a surface word into lexicon words, fewest parts first; [word] if none fits."""
        return _split_cached(self.lexicon, word) or [word]


@lru_cache(maxsize=100_000)
def _split_cached(lexicon: frozenset, word: str) -> list[str] | None:
    if len(word) < 2 * MIN_PART:
        return None
    best: list[str] | None = None
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, tail = word[:cut], word[cut:]
        if not _known_modifier(lexicon, head):
            continue
        if fi_stem(tail) in lexicon:
            return [head, tail]
        rest = _split_cached(lexicon, tail)
        if rest and (best is None or len(rest) + 1 < len(best)):
            best = [head, *rest]
    return best


def _known_modifier(lexicon: frozenset, head: str) -> bool:
    # Finnish modifiers stand in the nominative or genitive ("mielen-"), or in a stem form
    # ("vertais-", "omais-"); the stem of each of these lands in the lexicon.
    return fi_stem(head) in lexicon or (head.endswith("n") and fi_stem(head[:-1]) in lexicon)


def _neighbour_spans(count: int) -> Iterable[tuple[int, int]]:
    for start in range(count):
        for end in range(start + 2, count + 1):
            if (start, end) != (0, count):
                yield start, end


def _merge(dicts: Iterable[dict[str, float]]) -> dict[str, float]:
    merged: dict[str, float] = {}
    for found in dicts:
        for term, weight in found.items():
            merged[term] = max(weight, merged.get(term, 0.0))
    return merged


@lru_cache(maxsize=200_000)
def _voikko_analyses(voikko, word: str) -> tuple[tuple[str, str], ...]:
    """(base form, WORDBASES) of each reading; cached because a Voikko call costs ~50 µs."""
    return tuple(
        dict.fromkeys((a["BASEFORM"].lower(), a.get("WORDBASES", "")) for a in voikko.analyze(word) if "BASEFORM" in a)
    )


# One morpheme of Voikko's WORDBASES: "+surface(base)", where the "+" is missing on a
# suffix that continues the previous morpheme ("tu(+tua)") and "(base)" on a bare piece ("+n").
MORPHEME = re.compile(r"(\+?)([^+()]*)(?:\(([^)]*)\))?")


def _voikko_terms(analysis: tuple[str, str]) -> dict[str, float]:
    base, wordbases = analysis
    found = {base: WEIGHT_BASE}
    components = _components(wordbases)
    if len(components) == 1:
        _, _, root = components[0]
        if root and root != base:
            found.setdefault(root, WEIGHT_ROOT)
    elif len(components) > 1:
        for _, lemma, _ in components:
            found.setdefault(lemma, WEIGHT_PART)
        surfaces = [surface for surface, _, _ in components]
        for start, end in _neighbour_spans(len(surfaces)):
            found.setdefault("".join(surfaces[start:end]), WEIGHT_JOIN)
    return found


def _components(wordbases: str) -> list[tuple[str, str, str]]:
    """Compound components as (surface, lemma, derivation root).

    A derivational suffix joins the part before it, and the joined surface is the lemma:
    '+mielen(mieli)+terve(terve)+ys(+ys)' -> [('mielen', 'mieli', ''), ('terveys', 'terveys', 'terve')].
    A suffix is a morpheme whose base starts with "+", one written on without a "+", or a bare
    piece just before such a suffix (the "n" of "-nut"): '+masen(masentaa)tu(+tua)+n+ut(+ut)'
    -> [('masentunut', 'masentunut', 'masentaa')], never the fragments "tua)" or "nut".
    """
    morphemes = [m.groups() for m in MORPHEME.finditer(wordbases.lower().replace("=", "")) if m.group(0)]
    parts: list[list[str]] = []
    for i, (boundary, surface, base) in enumerate(morphemes):
        following = morphemes[i + 1] if i + 1 < len(morphemes) else None
        is_suffix = (
            (base or "").startswith("+")
            or not boundary
            or (base is None and following is not None and (following[2] or "").startswith("+"))
        )
        if is_suffix and parts:
            parts[-1][0] += surface
            parts[-1][1] = parts[-1][0]
        elif surface:
            parts.append([surface, base or surface, base or ""])
    return [(surface, lemma, root if lemma != root else "") for surface, lemma, root in parts]


def build_lexicon(texts: Iterable[str | None], min_count: int = 2) -> list[str]:
    """Words seen often enough on their own to be trusted as compound parts."""
    # One pass over all the text at once, then the tests only once per distinct word.
    counts = Counter(tokens("\n".join(filter(None, texts))))
    return sorted(
        w for w, n in counts.items()
        if n >= min_count and len(w) >= MIN_PART and not w.isdigit() and w not in FI_STOPWORDS
    )


class LockedVoikko:
    """One libvoikko handle used from several threads corrupts memory and kills the process
    (seen under threaded web workers), so calls take turns; each costs ~50 µs and is cached."""

    def __init__(self, voikko):
        self._voikko = voikko
        self._lock = threading.Lock()

    def analyze(self, word: str) -> list[dict]:
        with self._lock:
            return self._voikko.analyze(word)

    def suggest(self, word: str) -> list[str]:
        with self._lock:
            return self._voikko.suggest(word)


@lru_cache(maxsize=4)
def voikko_handle(enabled: bool = True) -> LockedVoikko | None:
    """The process's Voikko, or None when turned off, not installed or missing its dictionary."""
    if not enabled:
        return None
    try:
        import libvoikko

        return LockedVoikko(libvoikko.Voikko("fi"))
    except Exception:  # ImportError, OSError, or libvoikko's bare Exception for a missing dictionary
        return None


def voikko_suggestions(voikko, word: str) -> list[str]:
    return voikko.suggest(word)[:3] if voikko else []


_swedish = LanguageAnalyzer("sv")
_english = LanguageAnalyzer("en")


@lru_cache(maxsize=20_000)
def swedish_terms(text: str | None) -> tuple[str, ...]:
    return tuple(t.text for t in _swedish(text)) if text else ()


@lru_cache(maxsize=20_000)
def english_terms(text: str | None) -> tuple[str, ...]:
    return tuple(t.text for t in _english(text)) if text else ()
