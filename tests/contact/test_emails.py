"""Snapshots of every contact e-mail in fi/sv/en (see tests/snapshots.py)."""
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from tarjotin.outbox.service import render
from tests.snapshots import assert_matches_snapshot, rendered_mail

SNAPSHOTS = Path(__file__).parent / "snapshots"
REQUEST = SimpleNamespace(
    reference="YP-7K3Q-9M2D",
    organization=SimpleNamespace(name="Kuopion Mieli ry"),
    name="Maija Meikäläinen",
    phone="040 123 4567",
    email="maija@example.net",
    preferred_channel="phone",
    preferred_time="evening",
    language="fi",
    created_at=datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc),
)
LINK = "https://tarjotin.example.fi/yhteydenotot/eyJyIjoiMSJ9.signature"
CONTEXTS = {
    "organisation_request": dict(request=REQUEST, services=["Vertaistukiryhmä"], link=LINK, valid_days=30, include_details=False),
    "organisation_request_with_details": dict(
        request=REQUEST, services=["Vertaistukiryhmä"], link=LINK, valid_days=30, include_details=True
    ),
    "resident_confirmation": dict(requests=[("YP-7K3Q-9M2D", "Kuopion Mieli ry", ["Vertaistukiryhmä", "Kävelykerho"])]),
    "organisation_reminder": dict(request=REQUEST, organization_name="Kuopion Mieli ry", services=["Vertaistukiryhmä"],
                                  waited=3, link=LINK, valid_days=30),
    "county_escalation": dict(request=REQUEST, organization_name="Kuopion Mieli ry", services=["Vertaistukiryhmä"],
                              waited=7, link=LINK, valid_days=30),
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("case", sorted(CONTEXTS))
def test_email_matches_snapshot(app, case, lang):
    rendered = rendered_mail("contact/" + case.removesuffix("_with_details"), lang, CONTEXTS[case])
    assert_matches_snapshot(rendered, SNAPSHOTS / f"{case}.{lang}.txt")


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("case", sorted(CONTEXTS))
def test_personal_data_only_where_the_organisation_asked_for_it(app, case, lang):
    rendered = rendered_mail("contact/" + case.removesuffix("_with_details"), lang, CONTEXTS[case])
    details = [REQUEST.name, REQUEST.phone, REQUEST.email]
    shown = [value for value in details if value in rendered]
    assert shown == (details if case == "organisation_request_with_details" else [])


def test_html_mail_escapes_names(app):
    context = dict(CONTEXTS["organisation_request"], services=["<b>Ryhmä</b>"])
    _, _, html = render("contact/organisation_request", "fi", context)
    assert "&lt;b&gt;Ryhmä&lt;/b&gt;" in html
