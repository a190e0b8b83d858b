"""Short result texts with the matched words marked: escape first, then mark."""
from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import Markup, escape

WORD = re.compile(r"\w+", re.UNICODE)
MIN_STEM = 4


def stems(words: Iterable[str]) -> tuple[str, ...]:
    """Word beginnings to look for: the index keeps base forms ("masennus") while text inflects
    them ("masennukseen"), so a word matches when it starts with a stem cut two letters short."""
    found = set()
    for word in words:
        word = word.lower()
        if len(word) >= MIN_STEM:
            found.add(word[: max(MIN_STEM, len(word) - 2)])
    return tuple(sorted(found, key=len, reverse=True))


def _window(text: str, first_hit: int | None, width: int) -> tuple[str, bool, bool]:
    if len(text) <= width:
        return text, False, False
    start = 0 if first_hit is None else max(0, first_hit - width // 3)
    start = text.rfind(" ", 0, start) + 1 if start else 0
    end = text.rfind(" ", start, start + width)
    end = end if end > start else start + width
    return text[start:end], start > 0, end < len(text)


def snippet(text: str | None, keys: tuple[str, ...], width: int = 220) -> Markup:
    """About `width` characters of `text` around the first match, each matching word in <mark>."""
    text = " ".join((text or "").split())
    first = next((m.start() for m in WORD.finditer(text) if m[0].lower().startswith(keys)), None) if keys else None
    part, cut_start, cut_end = _window(text, first, width)
    pieces: list[str] = ["… "] if cut_start else []
    position = 0
    for match in WORD.finditer(part):
        if keys and match[0].lower().startswith(keys):
            pieces += [escape(part[position:match.start()]), Markup("<mark>%s</mark>") % match[0]]
            position = match.end()
    pieces.append(escape(part[position:]))
    if cut_end:
        pieces.append(" …")
    return Markup("").join(pieces)
