"""The advisor's three screens and the organisation's link page over HTTP, with real CSRF tokens."""
import re
from datetime import timedelta

import sqlalchemy as sa
import time_machine

from tarjotin.db import utcnow
from tarjotin.outbox.models import OutboxMessage
from tarjotin.referrals.models import Referral, ReferralAudit
from tests.fixtures.web import csrf_token, login_as

PERSONAL = ("Maija", "040 123 4567", "maija@example.net")


def _find(client, world, **args):
    query = {"step": world.step.id, "place": "Kuopio", **args}
    return client.get("/lahetteet/uusi", query_string=query).get_data(as_text=True)


def _choose(client, world, page, service_ids):
    data = {"csrf_token": csrf_token(page), "step": world.step.id, "need": "", "place": "Kuopio",
            "service_ids": service_ids}
    return client.post("/lahetteet/uusi/asiakas", data=data).get_data(as_text=True)


def _send(client, world, service_ids, **fields):
    page = _choose(client, world, _find(client, world), service_ids)
    data = {"csrf_token": csrf_token(page), "step": world.step.id, "need": "", "place": "Kuopio",
            "service_ids": service_ids, "mode": "details", "name": "Maija Meikäläinen", "phone": "040 123 4567",
            "email": "maija@example.net", "preferred_channel": "phone", "language": "fi", "consent": "y",
            "send": "1", **fields}
    return client.post("/lahetteet/uusi/asiakas", data=data), page


def _outbox(db, kind):
    return db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.kind == kind)).all()


def _link(message: OutboxMessage) -> str:
    return re.search(r"http://[^/]+(/lahetteet/l/\S+)", message.body_text).group(1)


def test_suggestions_put_hand_picked_first_then_accepting_nearest_with_distance(client, world):
    login_as(client, world.advisor)
    page = _find(client, world)
    order = [page.index(name) for name in ("Muistikahvila", "Muistiryhmä", "Muistijumppa")]
    assert order == sorted(order)
    assert "Polulle valittu" in page and "Ei nyt ota uusia" in page
    assert re.search(r"\b0 km|0,0 km", page) and "20,9 km" in page  # Kuopio centre; Siilinjärvi


def test_unknown_place_and_missing_need_are_reported_on_their_fields(client, world):
    login_as(client, world.advisor)
    page = client.get("/lahetteet/uusi", query_string={"step": "", "place": "Atlantis"}).get_data(as_text=True)
    assert 'id="error-summary"' in page and 'href="#step"' in page
    page = _find(client, world, place="Atlantis")
    assert "Paikkaa ei löytynyt" in page and 'aria-invalid="true"' in page


def test_a_referral_per_offering_with_consent_recorded_and_no_personal_data_in_mail(client, db, world):
    login_as(client, world.advisor)
    response, page = _send(client, world, [world.picked.id, world.near.id], email_slip="y")
    assert response.status_code == 302 and "/lahetteet/lahete/" in response.location
    referrals = db.session.scalars(sa.select(Referral).order_by(Referral.service_name)).all()
    assert [r.service_name for r in referrals] == ["Muistikahvila", "Muistiryhmä"]
    first = referrals[0]
    assert first.reference.startswith("LH-") and first.batch == referrals[1].batch
    assert first.consent_recorded_by_id == world.advisor.id and first.consent_recorded_at is not None
    assert "Kuopion Mieli ry" in first.consent_text and first.consent_text in page.replace("&#34;", '"')
    assert first.client_municipality_code == "297" and first.theme_codes == ["memory"]
    to_orgs = _outbox(db, "referrals/organisation_referral")
    assert sorted(m.recipients[0] for m in to_orgs) == ["muistikahvila@example.org", "muistiryhmä@example.org"]
    for message in to_orgs:
        assert not any(p in message.body_text or p in message.body_html for p in PERSONAL)
    (slip_mail,) = _outbox(db, "referrals/client_slip")
    assert slip_mail.recipients == ["maija@example.net"] and first.reference in slip_mail.body_text

    slip = client.get(response.location).get_data(as_text=True)
    assert "Hyvinvointilähete" in slip and slip.count("<svg") == 2 and "Muistikahvila" in slip
    assert "Maija" not in slip


def test_client_will_make_contact_sends_no_personal_data(client, db, world):
    login_as(client, world.advisor)
    response, _ = _send(client, world, [world.near.id], mode="self", consent="", email="")
    assert response.status_code == 302
    (referral,) = db.session.scalars(sa.select(Referral)).all()
    assert referral.mode == "self" and referral.client_name is None and referral.client_phone is None
    assert referral.consent_text is None
    assert _outbox(db, "referrals/client_slip") == []


def test_details_without_consent_are_refused_with_an_accessible_error(client, db, world):
    login_as(client, world.advisor)
    response, _ = _send(client, world, [world.near.id], consent="")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="error-summary"' in page and 'aria-describedby="consent-error"' in page
    assert db.session.scalars(sa.select(Referral)).all() == []


def test_organisation_opens_accepts_and_follows_the_loop_from_its_link(client, db, world):
    login_as(client, world.advisor)
    _send(client, world, [world.near.id])
    login_as(client, None)
    link = _link(_outbox(db, "referrals/organisation_referral")[0])
    page = client.get(link)
    assert page.headers["Cache-Control"] == "no-store"
    text = page.get_data(as_text=True)
    assert "Maija Meikäläinen" in text
    assert "Otan tämän käsittelyyn" in text
    for status in ("opened", "accepted", "contacted", "started", "closed"):
        response = client.post(link, data={"csrf_token": csrf_token(text), "status": status})
        assert response.status_code == 302
        text = client.get(link).get_data(as_text=True)
    referral = db.session.scalars(sa.select(Referral)).one()
    assert referral.status == "closed" and referral.contacted_at and referral.started_at
    assert [e.to_status for e in referral.events] == ["opened", "accepted", "contacted", "started", "closed"]
    assert "tilannetta ei voi enää muuttaa" in text
    views = db.session.scalars(sa.select(ReferralAudit).where(ReferralAudit.action == "viewed")).all()
    assert len(views) >= 5 and all(v.actor == "organisation-link" for v in views)


def test_a_decline_needs_a_reason_and_tells_the_advisor_with_alternatives(client, db, world):
    login_as(client, world.advisor)
    _send(client, world, [world.full.id])
    login_as(client, None)
    link = _link(_outbox(db, "referrals/organisation_referral")[0])
    page = client.get(link).get_data(as_text=True)
    client.post(link, data={"csrf_token": csrf_token(page), "status": "opened"})
    refused = client.post(link, data={"csrf_token": csrf_token(page), "status": "declined"})
    assert refused.status_code == 200 and "Valitse syy." in refused.get_data(as_text=True)
    client.post(link, data={"csrf_token": csrf_token(page), "status": "declined", "reason": "no_capacity"})
    (notice,) = _outbox(db, "referrals/advisor_notice")
    assert notice.recipients == ["advisor@example.org"] and "Muistiryhmä" in notice.body_text
    assert "Maija" not in notice.body_text

    login_as(client, world.advisor)
    listing = client.get("/lahetteet/").get_data(as_text=True)
    assert "Vaativat huomiota (1)" in listing and "Ei tilaa" in listing and "Muistiryhmä" in listing


def test_the_advisor_cancels_and_an_illegal_move_is_refused(client, db, world):
    login_as(client, world.advisor)
    _send(client, world, [world.near.id])
    referral = db.session.scalars(sa.select(Referral)).one()
    page = client.get(f"/lahetteet/{referral.id}").get_data(as_text=True)
    assert "Maija Meikäläinen" in page and "Kuittaa ja sulje" not in page
    assert client.post(f"/lahetteet/{referral.id}/closed", data={"csrf_token": csrf_token(page)}).status_code == 409
    assert client.post(f"/lahetteet/{referral.id}/cancelled", data={"csrf_token": csrf_token(page)}).status_code == 302
    db.session.refresh(referral)
    assert referral.status == "cancelled" and referral.cancelled_at is not None
    assert client.post(f"/lahetteet/{referral.id}/cancelled", data={"csrf_token": csrf_token(page)}).status_code == 409


def test_a_move_without_the_csrf_token_changes_nothing(client, db, world):
    login_as(client, world.advisor)
    _send(client, world, [world.near.id])
    referral = db.session.scalars(sa.select(Referral)).one()
    assert client.post(f"/lahetteet/{referral.id}/cancelled").status_code == 400
    db.session.refresh(referral)
    assert referral.status == "sent"


def test_item2_fetching_the_link_does_not_open_the_referral(client, db, runner, world):
    """A mail scanner opens every link in a message: the advisor must still hear the referral is unopened."""
    login_as(client, world.advisor)
    _send(client, world, [world.near.id])
    login_as(client, None)
    link = _link(_outbox(db, "referrals/organisation_referral")[0])
    assert client.get(link).status_code == 200
    referral = db.session.scalars(sa.select(Referral)).one()
    assert (referral.status, referral.opened_at, referral.events) == ("sent", None, [])
    with time_machine.travel(utcnow() + timedelta(days=10)):
        assert "told advisors of 1" in runner.invoke(args=["referrals", "remind"]).output
    assert client.post(link, data={"status": "opened"}).status_code == 400  # CSRF
    page = client.get(link).get_data(as_text=True)
    assert client.post(link, data={"csrf_token": csrf_token(page), "status": "opened"}).status_code == 302
    db.session.expire_all()
    assert referral.status == "opened" and [e.actor for e in referral.events] == ["organisation-link"]


def test_item7_a_cancelled_referral_no_longer_shows_the_client_on_the_link(client, db, world):
    login_as(client, world.advisor)
    _send(client, world, [world.near.id])
    referral = db.session.scalars(sa.select(Referral)).one()
    page = client.get(f"/lahetteet/{referral.id}").get_data(as_text=True)
    assert client.post(f"/lahetteet/{referral.id}/cancelled", data={"csrf_token": csrf_token(page)}).status_code == 302
    login_as(client, None)
    text = client.get(_link(_outbox(db, "referrals/organisation_referral")[0])).get_data(as_text=True)
    assert "perunut lähetteen" in text
    assert not [v for v in ("Maija Meikäläinen", "040 123 4567", "maija@example.net") if v in text]
