"""capacity_status: the editor's three-way choice, kept with the is_accepting_new flag search reads,
carried through HSDS and shown on the offering page."""
import json
import re

import pytest

from tarjotin.directory.models import Service
from tarjotin.hsds import export_services
from tests.fixtures.web import csrf_token, login_as
from tests.factories import ServiceFactory

SHOWN = {"accepting": "Mukaan mahtuu", "waiting_list": "Jonotuslista", "not_now": "Ei nyt uusia osallistujia"}


@pytest.mark.parametrize("state", ["waiting_list", "not_now", "accepting"])
def test_the_capacity_form_sets_the_status_and_the_flag(client, db, people, state):
    service = people.service_a
    service.capacity_status = "waiting_list" if state == "accepting" else "accepting"
    db.session.commit()
    login_as(client, people.users["editor_a"])
    path = f"/hallinta/palvelut/{service.id}/tilanne"
    client.post(path, data={"csrf_token": csrf_token(client.get(path).get_data(as_text=True)), "state": state})
    db.session.expire_all()
    assert (service.capacity_status, service.is_accepting_new) == (state, state == "accepting")
    assert re.search(rf'<input checked[^>]*value="{state}"', client.get(path).get_data(as_text=True))
    page = client.get(f"/palvelut/{service.id}").get_data(as_text=True)
    assert SHOWN[state] in page and all(text not in page for other, text in SHOWN.items() if other != state)


def test_a_row_written_with_the_flag_alone_gets_the_status_it_implies(db, people):
    full = ServiceFactory(organization=people.org_a, is_accepting_new=False)
    db.session.commit()
    assert full.capacity_status == "not_now" and people.service_a.capacity_status == "accepting"


def test_hsds_carries_the_status_and_the_flag_follows_it(db, runner, people, tmp_path):
    people.service_a.capacity_status = "waiting_list"
    db.session.commit()
    (exported,) = [r for r in export_services() if r["id"] == people.service_a.id]
    assert (exported["capacity_status"], exported["is_accepting_new"]) == ("waiting_list", False)
    base = {**exported, "service_at_locations": [], "schedules": []}  # those rows belong to the exported one
    records = [{**base, "id": "s-new", "capacity_status": "not_now"},
               {**base, "id": "s-flag", "is_accepting_new": False, "capacity_status": None},
               {**base, "id": "s-open", "is_accepting_new": False, "capacity_status": "accepting"}]
    path = tmp_path / "in.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    result = runner.invoke(args=["hsds", "import", str(path)])
    assert result.exit_code == 0, result.output
    got = {s: (db.session.get(Service, s).capacity_status, db.session.get(Service, s).is_accepting_new)
           for s in ("s-new", "s-flag", "s-open")}
    assert got == {"s-new": ("not_now", False), "s-flag": ("not_now", False), "s-open": ("accepting", True)}
