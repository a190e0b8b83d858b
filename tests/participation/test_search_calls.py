"""Open calls in search: matched with the index's Finnish analysis, on both analysis paths."""
from datetime import date, timedelta

import pytest

from tarjotin.participation.calls import matching_open_calls
from tarjotin.participation.models import OpenCall
from tarjotin.search import get_index, hooks
from tests.factories import ServiceFactory


@pytest.fixture
def app_config(analysis) -> dict:
    """Each test on Voikko and on the fallback, as in tests/search."""
    return {"VOIKKO": analysis == "voikko"}

def _call(people, title: str, who_sought: str, closes_in_days: int = 14) -> OpenCall:
    return OpenCall(organiser=people.users["staff"], kind="panel", title=title, who_sought=who_sought,
                    involves="Neljä iltaa vuodessa kaupungintalolla", fee="50 €",
                    closes_on=date.today() + timedelta(days=closes_in_days), retention_days=30)


@pytest.fixture
def calls(db, people) -> dict[str, OpenCall]:
    """A panel open now, one closed yesterday, and a workshop; one offering, and the index built."""
    found = {
        "panel": _call(people, "Asiakasraati-paneeli: terveysasemat", "Terveysasemien asiakkaita"),
        "closed": _call(people, "Paneeli: suun terveydenhuolto", "Hammashoidon asiakkaita", closes_in_days=-1),
        "workshop": _call(people, "Työpaja: perhekeskus", "Lapsiperheitä, jotka käyttävät paneelin palveluja"),
    }
    db.session.add_all(found.values())
    ServiceFactory(name="Ystäväkahvila", description="Kahvila yksinäisille.")
    db.session.commit()
    hooks.rebuild(get_index())
    return found


def test_an_inflected_word_finds_the_open_call_on_the_results_page(client, calls):
    page = client.get("/haku?q=paneeliin").get_data(as_text=True)
    section = page.split('id="calls-title"', 1)[1].split("</section>", 1)[0]
    assert f'href="/osallistu/kutsut/{calls["panel"].id}"' in section and "Asiakasraati-paneeli" in section
    assert f'href="/osallistu/kutsut/{calls["workshop"].id}"' in section
    # The call whose title has the word comes before the one that only mentions it.
    assert section.index("Asiakasraati-paneeli") < section.index("Työpaja: perhekeskus")
    assert "suun terveydenhuolto" not in page
    assert 'href="/osallistu/"' in section


def test_the_section_speaks_the_pages_language(client, calls):
    page = client.get("/haku?q=terveysasemalle&lang=sv").get_data(as_text=True)
    section = page.split('id="calls-title"', 1)[1].split("</section>", 1)[0]
    assert "Delta och påverka" in section and "Alla öppna inbjudningar" in section and "Asiakasraati" in section


@pytest.mark.parametrize("path", ["/haku?q=kahvila", "/haku", "/haku?q=hammashoitoon"])
def test_no_call_section_without_an_open_call_matching(client, calls, path):
    page = client.get(path).get_data(as_text=True)
    assert 'id="calls-title"' not in page


def test_matching_ranks_title_words_first_and_keeps_to_the_limit(app, calls):
    analyzer = get_index().current().analyzer
    today = date.today()
    assert matching_open_calls(analyzer, "paneeleista", today, limit=1) == [calls["panel"]]
    assert matching_open_calls(analyzer, "perhekeskukseen", today) == [calls["workshop"]]
    assert matching_open_calls(analyzer, "ja", today) == []  # a stopword alone is no search word
