"""Every UI string must be translated into Swedish and English."""
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_l",
         "--ignore-dirs", ".* node_modules instance", "-o", str(pot), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    with pot.open("rb") as f:
        return {m.id for m in read_po(f) if m.id}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_catalogue_translates_every_message(extracted, lang):
    with (ROOT / "tarjotin" / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalogue = {m.id: m.string for m in read_po(f) if m.id}
    missing = sorted(msgid for msgid in extracted if not catalogue.get(msgid))
    assert not missing, f"untranslated in {lang}: {missing}"
