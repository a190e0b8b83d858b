"""Every UI string must be translated into Swedish and English, each plural form and each context."""
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
# The same keywords as `make extract-messages`: lazy forms and msgctxt for one word with two meanings.
KEYWORDS = ["-k", "_l", "-k", "lazy_pgettext:1c,2"]


def _key(message) -> tuple[str | None, str]:
    return message.context, message.id[0] if isinstance(message.id, tuple) else message.id


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", *KEYWORDS,
         "--ignore-dirs", ".* node_modules instance", "-o", str(pot), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    with pot.open("rb") as f:
        return {_key(m) for m in read_po(f) if m.id}


def _catalogue(lang: str):
    with (ROOT / "tarjotin" / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return {_key(m): m for m in read_po(f) if m.id}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_catalogue_translates_every_message(extracted, lang):
    catalogue = _catalogue(lang)
    def translated(key):
        message = catalogue.get(key)
        strings = message.string if message and isinstance(message.string, tuple) else (message and message.string,)
        return all(strings)
    missing = sorted((str(context or ""), msgid) for context, msgid in extracted if not translated((context, msgid)))
    assert not missing, f"untranslated in {lang}: {missing}"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_translation_is_a_fuzzy_guess(lang):
    fuzzy = sorted(str(key) for key, message in _catalogue(lang).items() if message.fuzzy)
    assert not fuzzy, f"fuzzy in {lang}: {fuzzy}"
