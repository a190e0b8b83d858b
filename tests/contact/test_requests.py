"""Residents' contact requests over HTTP, with real CSRF tokens from the rendered forms."""
import html

import sqlalchemy as sa
from flask import g

from tarjotin.contact.models import ContactRequest
from tarjotin.outbox.models import OutboxMessage
from tests.fixtures.contact import form_data
from tests.fixtures.web import csrf_token
from tests.factories import (
    LocationFactory,
    MunicipalityFactory,
    OrganizationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    TermFactory,
)


def _submit(client, service, **overrides):
    page = client.get(f"/palvelut/{service.id}/yhteydenotto").get_data(as_text=True)
    data = form_data(page, service_ids=[service.id], **overrides)
    return client.post(f"/palvelut/{service.id}/yhteydenotto", data=data), page


def _outbox(db, kind: str) -> list[OutboxMessage]:
    return db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.kind == kind)).all()


def test_request_is_stored_with_the_consent_text_shown_and_its_mails_queued(client, db, offering):
    response, page = _submit(client, offering)
    assert response.status_code == 302 and response.location.endswith("/yhteydenotto/kiitos")
    (stored,) = db.session.scalars(sa.select(ContactRequest)).all()
    assert stored.name == "Maija Meikäläinen" and stored.preferred_time == "evening"
    assert html.escape(stored.consent_text, quote=True) in page or stored.consent_text in html.unescape(page)
    assert "Kuopion Mieli ry" in stored.consent_text and "180" in stored.consent_text
    assert stored.recipients == ["ryhma@example.org"] and not stored.is_fallback_routed

    (to_org,) = _outbox(db, "contact/organisation_request")
    assert to_org.recipients == ["ryhma@example.org"]
    assert "/yhteydenotot/" in to_org.body_text
    for personal in ("Maija", "040 123 4567", "maija@example.net", "illalla"):
        assert personal not in to_org.body_text and personal not in to_org.body_html
    (to_resident,) = _outbox(db, "contact/resident_confirmation")
    assert to_resident.recipients == ["maija@example.net"]
    assert stored.reference in to_resident.body_text and "Toivon soittoa" not in to_resident.body_text

    confirmation = client.get(response.location).get_data(as_text=True)
    assert stored.reference in confirmation


def test_no_confirmation_mail_without_an_address(client, db, offering):
    _submit(client, offering, email="")
    assert _outbox(db, "contact/resident_confirmation") == []
    assert len(_outbox(db, "contact/organisation_request")) == 1


def test_routing_falls_back_from_offering_to_organisation_to_county(app, client, db):
    by_org = ServiceFactory(email=None, organization=OrganizationFactory(email="toimisto@example.org"))
    by_county = ServiceFactory(email=None, organization=OrganizationFactory(email=None))
    db.session.commit()
    _submit(client, by_org)
    _submit(client, by_county)
    routed = {r.organization_id: (r.recipients, r.is_fallback_routed) for r in db.session.scalars(sa.select(ContactRequest))}
    assert routed[by_org.organization_id] == (["toimisto@example.org"], False)
    assert routed[by_county.organization_id] == ([app.config["COUNTY_FALLBACK_EMAIL"]], True)


def test_basket_sends_one_request_per_organisation(client, db):
    first_org = OrganizationFactory()
    services = [ServiceFactory(organization=first_org), ServiceFactory(organization=first_org), ServiceFactory()]
    db.session.commit()
    for service in services:
        page = client.get(f"/palvelut/{service.id}").get_data(as_text=True)
        assert "Lisää tarjottimelle" in page
        client.post(f"/palvelut/{service.id}/tarjottimelle", data={"csrf_token": csrf_token(page)})
    assert all(s.name in client.get("/tarjotin").get_data(as_text=True) for s in services)

    page = client.get("/tarjotin/yhteydenotto").get_data(as_text=True)
    response = client.post("/tarjotin/yhteydenotto", data=form_data(page, service_ids=[s.id for s in services]))
    assert response.status_code == 302
    requests = db.session.scalars(sa.select(ContactRequest)).all()
    assert sorted(len(r.items) for r in requests) == [1, 2]
    assert len(_outbox(db, "contact/organisation_request")) == 2
    assert len(_outbox(db, "contact/resident_confirmation")) == 1
    assert "Tarjottimesi on tyhjä" in client.get("/tarjotin").get_data(as_text=True)


def test_post_without_a_csrf_token_is_refused(client, db, offering):
    page = client.get(f"/palvelut/{offering.id}/yhteydenotto").get_data(as_text=True)
    data = form_data(page, service_ids=[offering.id])
    del data["csrf_token"]
    response = client.post(f"/palvelut/{offering.id}/yhteydenotto", data=data)
    assert response.status_code == 400 and "Lomake vanheni" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(ContactRequest.id))) == 0


def test_honeypot_stores_nothing(client, db, offering):
    response, _ = _submit(client, offering, website="http://spam.example")
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(ContactRequest.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0


def test_errors_are_inline_linked_and_in_the_users_language(client, db, offering):
    client.get("/?lang=sv")
    response, _ = _submit(client, offering, name="", phone="", email="", consent="")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'href="#name"' in page and 'aria-describedby="name-error"' in page and 'aria-invalid="true"' in page
    assert "Skriv ditt namn." in page
    assert 'autocomplete="tel"' in page
    assert db.session.scalar(sa.select(sa.func.count(ContactRequest.id))) == 0


def test_channel_needs_its_contact_detail(client, db, offering):
    response, _ = _submit(client, offering, preferred_channel="email", email="")
    assert "Anna sähköpostiosoite tai valitse yhteydenottotavaksi puhelin." in response.get_data(as_text=True)


def test_output_is_escaped(client, db):
    service = ServiceFactory(name="<script>alert(1)</script>")
    db.session.commit()
    page = client.get(f"/palvelut/{service.id}/yhteydenotto").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_rate_limit_per_client(app, client, db, offering):
    app.config["CONTACT_RATE_LIMIT_CLIENT"] = "2 per minute"
    assert [_submit(client, offering)[0].status_code for _ in range(3)] == [302, 302, 429]


def _from(app, address: str):
    # The fixture's app context outlives requests, and Flask-WTF caches the token on g.
    g.pop("csrf_token", None)
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_item13_past_the_recipient_limit_requests_go_to_the_county_not_refused(app, db, offering, smtp, runner):
    """A few clients flooding an organisation's address cannot silence it for real residents: what is
    over its limit reaches the county's address, with a note, and is delivered like any other request."""
    app.config["CONTACT_RATE_LIMIT_RECIPIENT"] = "1 per hour"
    statuses = [_submit(_from(app, address), offering)[0].status_code for address in ("10.0.0.1", "10.0.0.2")]
    assert statuses == [302, 302]
    first, second = db.session.scalars(sa.select(ContactRequest).order_by(ContactRequest.created_at)).all()
    county = app.config["COUNTY_FALLBACK_EMAIL"]
    assert (first.recipients, first.is_fallback_routed) == (["ryhma@example.org"], False)
    assert (second.recipients, second.is_fallback_routed) == ([county], True)
    notes = ["tuli hyvinvointialueen neuvontaan" in m.body_text for m in _outbox(db, "contact/organisation_request")]
    assert notes == [False, True]
    smtp.start()
    assert "handled 4 message(s)" in runner.invoke(args=["outbox", "send-due"]).output
    assert sorted(rcpt for _, rcpts in smtp.handler.delivered for rcpt in rcpts) == sorted(
        ["ryhma@example.org", county, "maija@example.net", "maija@example.net"])


def test_item13_the_per_client_limit_still_stops_one_client(app, db, offering):
    app.config.update(CONTACT_RATE_LIMIT_RECIPIENT="1 per hour", CONTACT_RATE_LIMIT_CLIENT="2 per hour")
    client = _from(app, "10.0.0.3")
    assert [_submit(client, offering)[0].status_code for _ in range(3)] == [302, 302, 429]
    assert db.session.scalar(sa.select(sa.func.count(ContactRequest.id))) == 2


def test_full_offering_is_flagged_with_alternatives(client, db):
    theme = TermFactory(name="Mielenterveys")
    kuopio = MunicipalityFactory(code="297", name="Kuopio")
    elsewhere = MunicipalityFactory(code="091", name="Helsinki")
    full = ServiceFactory(name="Täysi ryhmä", is_accepting_new=False, taxonomy_terms=[theme])
    near = ServiceFactory(name="Vapaa ryhmä", taxonomy_terms=[theme])
    far = ServiceFactory(name="Kaukainen ryhmä", taxonomy_terms=[theme])
    for service, municipality in ((full, kuopio), (near, kuopio), (far, elsewhere)):
        ServiceAtLocationFactory(service=service, location=LocationFactory(
            organization=service.organization, municipality_code=municipality.code))
    db.session.commit()
    page = client.get(f"/palvelut/{full.id}/yhteydenotto").get_data(as_text=True)
    assert "Tähän toimintaan ei nyt oteta uusia osallistujia." in page
    assert "Vapaa ryhmä" in page and "Kaukainen ryhmä" not in page
    assert f'value="{full.id}"' in page and "checked" not in page.split(f'value="{full.id}"')[0][-200:]
