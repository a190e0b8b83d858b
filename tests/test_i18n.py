"""Numbers meet nouns through ngettext, and English dates are British (en_GB), not Babel's American "en"."""
from datetime import datetime, time, timezone
from types import SimpleNamespace

import pytest

from tarjotin import i18n
from tarjotin.contact.forms import consent_text
from tarjotin.directory import schedule
from tarjotin.directory.models import Schedule
from tarjotin.outbox.service import render
from tests.factories import OrganizationFactory

TUESDAY_EVENING = datetime(2026, 12, 1, 18, 0)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Tue 1 Dec at 18:00"),
    ("sv", "tis 1 dec. kl. 18:00"),
    ("fi", "ti 1.12. klo 18.00"),
])
def test_next_meeting_reads_as_the_language_writes_it(app, lang, expected):
    with app.test_request_context(f"/?lang={lang}"):
        assert schedule.format_meeting(TUESDAY_EVENING, lang) == expected


@pytest.mark.parametrize(("lang", "rule", "expected"), [
    ("en", Schedule(freq="WEEKLY", byday="TU", opens_at=time(18), closes_at=time(20)), "Every week: Tuesday 18:00–20:00"),
    ("sv", Schedule(freq="MONTHLY", byday="1TU", opens_at=time(18), closes_at=time(20)),
     "Första tisdagen i månaden kl. 18:00–20:00"),
])
def test_schedule_in_words(app, lang, rule, expected):
    with app.test_request_context(f"/?lang={lang}"):
        assert schedule.describe(rule, lang) == expected


def test_english_date_filters_are_british_and_in_helsinki_time(app):
    with app.test_request_context("/?lang=en"):
        moment = datetime(2026, 12, 1, 16, 0, tzinfo=timezone.utc)
        assert i18n.datetimeformat(moment, "short") == "01/12/2026, 18:00"
        assert i18n.dateformat(moment) == "1 Dec 2026"


def test_organisation_count_agrees_with_its_number(client, db):
    OrganizationFactory()
    db.session.commit()
    assert "<p>1 organisation</p>" in client.get("/jarjestot?lang=en").get_data(as_text=True)
    assert "<p>1 organisation</p>" in client.get("/jarjestot?lang=sv").get_data(as_text=True)
    OrganizationFactory()
    db.session.commit()
    assert "<p>2 organisations</p>" in client.get("/jarjestot?lang=en").get_data(as_text=True)
    assert "<p>2 organisationer</p>" in client.get("/jarjestot?lang=sv").get_data(as_text=True)


@pytest.mark.parametrize(("days", "said", "latest"), [(1, "deleted 1 day after", "deleted 1 day after the request was last"),
                                                     (30, "deleted 30 days after", "deleted 30 days after the request was last")])
def test_consent_text_counts_its_days(app, days, said, latest):
    with app.test_request_context("/?lang=en"):
        text = consent_text(["Kuopion Mieli ry"], days, days)
    assert said in text and latest in text and text.startswith("I consent") and "Kuopion Mieli ry." in text


@pytest.mark.parametrize(("lang", "one", "many"), [
    ("fi", "1 arkipäivä sitten", "voimassa 1 päivän"),
    ("sv", "för 1 vardag sedan", "giltig i 1 dag)"),
    ("en", "1 working day ago", "valid for 1 day)"),
])
def test_email_counts_agree_with_their_number(app, lang, one, many):
    request = SimpleNamespace(reference="YP-7K3Q-9M2D")
    with app.app_context():
        _, text, html = render("contact/organisation_reminder", lang, dict(
            request=request, organization_name="Kuopion Mieli ry", services=["Vertaistukiryhmä"], waited=1,
            link="https://tarjotin.example.fi/yhteydenotot/x", valid_days=1))
    assert one in text and many in text and one in html
