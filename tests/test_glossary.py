"""The glossary (docs/glossary.md) rules out words per concept; no Swedish or English text may use them."""
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "glossary.md"
RULED_OUT_COLUMN = {"sv": 4, "en": 5}  # "Not in Swedish", "Not in English" after the concept and three terms
EMAIL_BLOCK = re.compile(r"\{% block (?:subject|body)_(sv|en) %\}(.*?)\{% endblock %\}", re.S)
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
HTML_TAG = re.compile(r"<[^>]*>")


def readable(template_text: str) -> str:
    """What a reader sees: the string literals of Jinja expressions stay, variable names and tags go."""
    text = JINJA.sub(lambda m: " ".join(re.findall(r'"([^"]*)"', m[0])), template_text)
    return HTML_TAG.sub(" ", text)


def ruled_out(lang: str) -> dict[str, re.Pattern]:
    """Each ruled-out term of the glossary table as a whole-word pattern; `*` at the end takes any ending."""
    terms = {}
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != 6 or set(cells[0]) <= {"-"} or cells[0] == "Concept":
            continue
        for term in re.findall(r"`([^`]+)`", cells[RULED_OUT_COLUMN[lang]]):
            end = "" if term.endswith("*") else r"(?!\w)"
            terms[term] = re.compile(r"(?<!\w)" + re.escape(term.rstrip("*")) + end, re.I)
    return terms


def texts(lang: str) -> list[tuple[str, str]]:
    """(where, text) for every translation, every e-mail block and every theme name in the language."""
    found = []
    with (ROOT / "tarjotin" / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        for message in read_po(f):
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            found += [(f"messages.po: {message.id!r}", s) for s in strings if message.id and s]
    for path in sorted((ROOT / "templates" / "emails").rglob("*.*")):
        for block_lang, text in EMAIL_BLOCK.findall(path.read_text(encoding="utf-8")):
            if block_lang == lang:
                found.append((str(path.relative_to(ROOT)), readable(text)))
    taxonomy = json.loads((ROOT / "seed_data" / "taxonomy.json").read_text(encoding="utf-8"))
    found += [(f"taxonomy.json: {term['code']}", term[f"name_{lang}"]) for terms in taxonomy.values() for term in terms]
    return found


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_glossary_rules_out_terms_in_each_language(lang):
    # Guards the parser: a reshaped table must not let every text pass.
    assert len(ruled_out(lang)) >= 20


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_text_uses_a_term_the_glossary_rules_out(lang):
    terms = ruled_out(lang)
    hits = [f"{term!r} in {where}: {text.strip()[:120]!r}"
            for where, text in texts(lang) for term, pattern in terms.items() if pattern.search(text)]
    assert not hits, "\n".join(hits)
