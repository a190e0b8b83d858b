"""Snapshots of the participation e-mails in fi/sv/en (see tests/snapshots.py)."""
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.snapshots import assert_matches_snapshot, rendered_mail

SNAPSHOTS = Path(__file__).parent / "snapshots"
CONTEXTS = {
    "expert_request": dict(display_name="Kokemuskouluttaja Leena",
                           link="https://tarjotin.example.fi/osallistu/pyynto/eyJyIjoiMSJ9.signature", valid_days=30),
    "request_answered": dict(display_name="Kokemuskouluttaja Leena", request=SimpleNamespace(
        status="accepted", period="toukokuu 2026", answer="Tulen mielelläni.")),
    "request_answered_declined": dict(display_name="Kokemuskouluttaja Leena", request=SimpleNamespace(
        status="declined", period="toukokuu 2026", answer=None)),
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("case", sorted(CONTEXTS))
def test_email_matches_snapshot(app, case, lang):
    rendered = rendered_mail("participation/" + case.removesuffix("_declined"), lang, CONTEXTS[case])
    assert_matches_snapshot(rendered, SNAPSHOTS / f"{case}.{lang}.txt")
