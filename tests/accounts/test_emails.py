"""Snapshots of the account notices in fi/sv/en (see tests/snapshots.py)."""
from pathlib import Path

import pytest

from tests.snapshots import assert_matches_snapshot, rendered_mail

SNAPSHOTS = Path(__file__).parent / "snapshots"
LINK = "https://tarjotin.example.fi/salasana/unohtunut"
NOTICES = ("password_changed", "second_factor_added", "second_factor_removed")


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("notice", NOTICES)
def test_notice_matches_snapshot(app, notice, lang):
    rendered = rendered_mail(f"accounts/{notice}", lang, {"link": LINK})
    assert_matches_snapshot(rendered, SNAPSHOTS / f"{notice}.{lang}.txt")
    assert rendered.count(LINK) == 2  # the way back in, in the text and the HTML
