"""The diff and the history name fields, actions and states as people read them, in their language."""
import pytest

from tarjotin.manage import changes
from tests.fixtures.web import login_as


@pytest.fixture
def pending(db, people):
    change = changes.submit(people.users["editor_a"], people.org_a, "service", people.service_a,
                            {"description_sv": "Samtalsgrupp", "is_free": False})
    db.session.commit()
    return change


@pytest.mark.parametrize(("lang", "field", "title", "status"), [
    ("fi", "Kuvaus (ruotsi)", "Toiminta: muutos", "odottaa hyväksyntää"),
    ("sv", "Beskrivning (svenska)", "Verksamhet", "väntar på godkännande"),
    ("en", "Description (Swedish)", "Offering: change", "awaiting approval"),
])
def test_diff_and_history_show_readable_labels(client, people, pending, lang, field, title, status):
    login_as(client, people.users["moderator"])
    diff = client.get(f"/hallinta/moderointi/muutokset/{pending.id}?lang={lang}").get_data(as_text=True)
    history = client.get(f"/hallinta/jarjestot/{people.org_a.id}/historia?lang={lang}").get_data(as_text=True)
    for page in (diff, history):
        assert f">{field}</" in page and title in page and "description_sv" not in page
    assert status in history
