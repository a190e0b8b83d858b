"""An editor changes an offering; a moderator sees the diff and approves it. Forms keep input on errors."""
import re

from tarjotin.manage.models import ChangeSet, FieldChange
from tarjotin.outbox.models import OutboxMessage
from tests.fixtures.web import csrf_token, login_as


def _service_form(html: str, **values) -> dict:
    data = {"csrf_token": csrf_token(html), "name": "Keskusteluryhmä", "languages": ["fi"],
            "delivery_modes": ["in_person"], "is_free": "y", "schedules-0-freq": "WEEKLY",
            "schedules-0-week": "1", "schedules-0-days": ["TU"], "schedules-0-opens_at": "17:00",
            "schedules-0-closes_at": "19:00"}
    for row in range(1, 3):  # the blank rows, whose selects a browser sends too
        data.update({f"schedules-{row}-freq": "WEEKLY", f"schedules-{row}-week": "1"})
    data.update(values)
    return data


def test_editor_change_waits_for_moderator_and_is_kept_in_history(client, db, people):
    service = people.service_a
    login_as(client, people.users["editor_a"])
    page = client.get(f"/hallinta/palvelut/{service.id}").get_data(as_text=True)
    response = client.post(f"/hallinta/palvelut/{service.id}", data=_service_form(page, name="Iltaryhmä"))
    assert "saved=pending" in response.headers["Location"]
    db.session.expire_all()
    assert service.name == "Keskusteluryhmä"  # the published listing, and so search, is unchanged

    login_as(client, people.users["moderator"])
    change = db.session.query(ChangeSet).filter_by(status="pending").one()
    page = client.get(f"/hallinta/moderointi/muutokset/{change.id}").get_data(as_text=True)
    assert "<del>Keskusteluryhmä</del>" in page and "<ins>Iltaryhmä</ins>" in page
    client.post(f"/hallinta/moderointi/muutokset/{change.id}",
                data={"csrf_token": csrf_token(page), "message": "Kiitos!", "approve": "1"})
    db.session.expire_all()
    assert service.name == "Iltaryhmä" and service.schedules[0].byday == "TU"
    name = db.session.query(FieldChange).filter_by(change_set_id=change.id, field="name").one()
    assert (name.old_value, name.new_value, change.submitted_by.email, change.status) == (
        "Keskusteluryhmä", "Iltaryhmä", "a@example.org", "approved")
    mail = db.session.query(OutboxMessage).filter_by(kind="manage/decision").one()
    assert mail.recipients == ["a@example.org"] and "Kiitos!" in mail.body_text


def test_rejection_changes_nothing_and_tells_the_editor(client, db, people):
    login_as(client, people.users["editor_a"])
    page = client.get(f"/hallinta/jarjestot/{people.org_a.id}/muokkaa").get_data(as_text=True)
    client.post(f"/hallinta/jarjestot/{people.org_a.id}/muokkaa",
                data={"csrf_token": csrf_token(page), "name": "Väärä nimi ry"})
    login_as(client, people.users["moderator"])
    change = db.session.query(ChangeSet).filter_by(status="pending").one()
    page = client.get(f"/hallinta/moderointi/muutokset/{change.id}").get_data(as_text=True)
    client.post(f"/hallinta/moderointi/muutokset/{change.id}",
                data={"csrf_token": csrf_token(page), "message": "Nimi on virallinen.", "reject": "1"})
    db.session.expire_all()
    assert people.org_a.name == "Kuopion Mieli ry" and change.status == "rejected"
    assert "Nimi on virallinen." in db.session.query(OutboxMessage).one().body_text


def test_trusted_organisation_publishes_directly(client, db, people):
    people.org_a.is_trusted = True
    db.session.commit()
    login_as(client, people.users["editor_a"])
    page = client.get(f"/hallinta/jarjestot/{people.org_a.id}/palvelut/uusi").get_data(as_text=True)
    response = client.post(f"/hallinta/jarjestot/{people.org_a.id}/palvelut/uusi",
                           data=_service_form(page, name="Uusi ryhmä", location_ids=[people.location_a.id]))
    assert "saved=applied" in response.headers["Location"]
    created = [s for s in people.org_a.services if s.name == "Uusi ryhmä"]
    assert created and created[0].locations == [people.location_a]


def test_invalid_form_saves_nothing_and_keeps_what_was_typed(client, db, people):
    login_as(client, people.users["editor_a"])
    url = f"/hallinta/palvelut/{people.service_a.id}"
    page = client.get(url).get_data(as_text=True)
    response = client.post(url, data=_service_form(page, name="Kirjoitettu nimi", minimum_age="200",
                                                   location_ids=[people.location_b.id]))
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="error-summary"' in html
    assert 'value="Kirjoitettu nimi"' in html and 'aria-invalid="true"' in html
    assert db.session.query(ChangeSet).count() == 0


def test_place_is_geocoded_unless_coordinates_are_given(client, db, people):
    people.org_a.is_trusted = True
    db.session.commit()
    login_as(client, people.users["editor_a"])
    url = f"/hallinta/jarjestot/{people.org_a.id}/toimipaikat/uusi"
    form = {"address_1": "Kauppakatu 1", "postal_code": "70100", "city": "Kuopio"}
    client.post(url, data={"csrf_token": csrf_token(client.get(url).get_data(as_text=True)), **form})
    client.post(url, data={"csrf_token": csrf_token(client.get(url).get_data(as_text=True)), **form,
                           "name": "Käsin", "latitude": "62.9", "longitude": "27.7"})
    db.session.expire_all()
    geocoded = next(p for p in people.org_a.locations if p.address_1 == "Kauppakatu 1" and p.name is None)
    manual = next(p for p in people.org_a.locations if p.name == "Käsin")
    assert 62 < geocoded.latitude < 63.2 and 27 < geocoded.longitude < 28.2
    assert (manual.latitude, manual.longitude) == (62.9, 27.7)


def test_capacity_from_email_link_changes_only_on_the_button(client, db, people):
    from tarjotin.manage import links

    with client.application.test_request_context():
        link = links.capacity_link(people.service_a, "waiting_list")
    path = link.split("127.0.0.1:5000")[1]
    page = client.get(path)
    db.session.expire_all()
    assert page.status_code == 200 and people.service_a.is_accepting_new  # a mail scanner's GET does nothing
    client.post(path, data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    db.session.expire_all()
    assert not people.service_a.is_accepting_new
    login_as(client, people.users["editor_a"])
    form = client.get(f"/hallinta/palvelut/{people.service_a.id}/tilanne").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="waiting_list"', form)
