"""Experience experts: profile, moderation, a staff member's search and request, the expert's answer."""
import sqlalchemy as sa

from tarjotin.participation.models import ExpertProfile, ExpertRequest, ParticipationAudit
from tests.fixtures.participation import link_path, outbox, profile_data
from tests.fixtures.web import csrf_token, login_as, post_form

REQUEST = {"work_kind": "lecture", "purpose": "Luento hoitajille masennuksesta", "period": "toukokuu 2027",
           "format": "in_person", "fee": "Yhteinen palkkio"}


def test_profile_waits_for_a_moderator_and_shows_no_contact_details(client, db, people, theme):
    login_as(client, people.users["expert_a"])
    assert post_form(client, "/osallistu/kokemusasiantuntija/profiili", **profile_data(theme, consent="")).status_code == 200
    assert post_form(client, "/osallistu/kokemusasiantuntija/profiili", **profile_data(theme)).status_code == 302
    profile = db.session.scalar(sa.select(ExpertProfile))
    assert profile.status == "pending" and "suostumukseni" in profile.consent_text
    login_as(client, people.users["staff"])
    assert "Sari" not in client.get("/osallistu/hallinta/asiantuntijat").get_data(as_text=True)


def test_staff_finds_an_expert_and_the_expert_accepts(app, client, db, people, theme, published_profile):
    login_as(client, people.users["staff"])
    found = client.get(f"/osallistu/hallinta/asiantuntijat?theme={theme.id}&work_kind=lecture&language=sv")
    assert "Sari" in found.get_data(as_text=True)
    none = client.get("/osallistu/hallinta/asiantuntijat?work_kind=panel").get_data(as_text=True)
    assert "Sari" not in none
    page = client.get(f"/osallistu/hallinta/asiantuntijat/{published_profile.id}").get_data(as_text=True)
    assert "expert.a@example.org" not in page  # no contact details, even for staff
    path = f"/osallistu/hallinta/asiantuntijat/{published_profile.id}"
    assert post_form(client, path, **REQUEST).status_code == 302

    [mail] = outbox(db, "participation/expert_request")
    assert mail.recipients == ["expert.a@example.org"] and "hoitajille" not in mail.body_text
    expert = app.test_client()  # the expert opens the mailed link, signed in or not
    link = link_path(mail)
    assert "Luento hoitajille" in expert.get(link).get_data(as_text=True)
    assert post_form(expert, link, accept="1", message="Sopii hyvin").status_code == 302
    assert db.session.scalar(sa.select(ExpertRequest)).status == "accepted"
    assert outbox(db, "participation/request_answered")[0].recipients == ["staff@example.org"]
    answered = expert.get(link).get_data(as_text=True)
    assert "Hyväksytty" in answered and 'name="decline"' not in answered  # answered once only

    assert "Hyväksytty" in client.get("/osallistu/hallinta/pyynnot").get_data(as_text=True)
    stats = client.get("/osallistu/hallinta/tilastot").get_data(as_text=True)
    assert "Luento" in stats and "<td>1</td><td>1</td>" in stats
    login_as(client, people.users["expert_a"])
    assert "Hyväksytty" in client.get("/osallistu/kokemusasiantuntija").get_data(as_text=True)
    actions = db.session.scalars(sa.select(ParticipationAudit.action).where(ParticipationAudit.subject == "request"))
    assert sorted(actions) == ["answered", "viewed", "viewed", "viewed", "viewed"]


def test_a_tampered_link_is_not_found(client, db, published_profile):
    assert client.get("/osallistu/pyynnot/not-a-token").status_code == 404


def test_withdrawing_consent_deletes_the_profile_but_keeps_request_counts(client, db, people, published_profile):
    db.session.add(ExpertRequest(profile=published_profile, requested_by=people.users["staff"], **REQUEST))
    db.session.commit()
    login_as(client, people.users["expert_a"])
    token = csrf_token(client.get("/osallistu/kokemusasiantuntija").get_data(as_text=True))
    client.post(f"/osallistu/kokemusasiantuntija/profiili/{published_profile.id}/peru", data={"csrf_token": token})
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ExpertProfile)) == 0
    request = db.session.scalar(sa.select(ExpertRequest))
    assert request.profile_id is None and request.work_kind == "lecture"
    assert db.session.scalar(sa.select(ParticipationAudit.action).where(ParticipationAudit.action == "withdrawn"))


def test_an_organisations_expert_group_is_kept_by_its_editors(client, db, people, theme):
    login_as(client, people.users["editor_a"])
    path = f"/osallistu/kokemusasiantuntija/profiili?jarjesto={people.org_a.id}"
    assert post_form(client, path, **profile_data(theme, display_name="Mielen ryhmä")).status_code == 302
    profile = db.session.scalar(sa.select(ExpertProfile))
    assert profile.organization_id == people.org_a.id and profile.user_id is None
    assert profile.recipient == people.org_a.email
    login_as(client, people.users["editor_b"])
    assert client.get(f"/osallistu/kokemusasiantuntija/profiili/{profile.id}").status_code == 403
    path = f"/osallistu/kokemusasiantuntija/profiili?jarjesto={people.org_a.id}"
    assert post_form(client, path, **profile_data(theme)).status_code == 403
