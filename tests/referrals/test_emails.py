"""Snapshots of every referral e-mail in fi/sv/en (see tests/snapshots.py). None carries the client's
name: organisations read it behind the signed link, and the slip is the client's own."""
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.snapshots import assert_matches_snapshot, rendered_mail

SNAPSHOTS = Path(__file__).parent / "snapshots"
CLIENT = "Maija Meikäläinen"
LINK = "https://tarjotin.example.fi/lahetteet/l/eyJyIjoiMSJ9.signature"


def _referral(mode: str, reference: str = "HL-7K3Q-9M2D") -> SimpleNamespace:
    organization = SimpleNamespace(name="Kuopion Muistiyhdistys ry", phone="017 123 456", email="info@example.org")
    service = SimpleNamespace(
        id="s1", name="Muistikahvila", name_sv="Minneskafé", name_en=None, email=None, organization=organization,
        locations=[SimpleNamespace(address_1="Puijonkatu 1", postal_code="70100", city="Kuopio")])
    return SimpleNamespace(reference=reference, mode=mode, service=service, service_name="Muistikahvila",
                           organization_name=organization.name, client_name=CLIENT)


CONTEXTS = {
    "organisation_referral": dict(referral=_referral("details"), service_name="Muistikahvila", link=LINK, valid_days=30),
    "organisation_referral_self": dict(referral=_referral("self"), service_name="Muistikahvila", link=LINK, valid_days=30),
    "advisor_notice": dict(referral=_referral("details"), kind="declined", alternatives=["Muistiryhmä", "Kävelykerho"],
                           link="https://tarjotin.example.fi/lahetteet/r1"),
    "advisor_notice_unopened": dict(referral=_referral("details"), kind="unopened", alternatives=[],
                                    link="https://tarjotin.example.fi/lahetteet/r1"),
    "client_slip": dict(referrals=[_referral("details"), _referral("self", "HL-4F8P-2W6X")],
                        service_url=lambda s: f"https://tarjotin.example.fi/palvelut/{s.id}"),
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("case", sorted(CONTEXTS))
def test_email_matches_snapshot(app, case, lang):
    template = "referrals/" + case.removesuffix("_self").removesuffix("_unopened")
    rendered = rendered_mail(template, lang, CONTEXTS[case])
    assert_matches_snapshot(rendered, SNAPSHOTS / f"{case}.{lang}.txt")
    assert CLIENT not in rendered
