"""The header shows each signed-in person the tools of their role, and anonymous visitors a sign-in link."""
import pytest

from tests.fixtures.web import login_as

LINKS = {"/hallinta/": "Ylläpito", "/lahetteet/": "Lähetteet", "/osallistu/hallinta/asiantuntijat": "Osallistumisen hallinta",
         "/hallinta/moderointi/": "Moderointi"}
EXPECTED = {
    "editor_a": {"/hallinta/"},
    "advisor": {"/hallinta/", "/lahetteet/", "/osallistu/hallinta/asiantuntijat"},
    "staff": {"/hallinta/", "/osallistu/hallinta/asiantuntijat"},
    "moderator": set(LINKS),
    "admin": set(LINKS),
}


def _header(client) -> str:
    html = client.get("/").get_data(as_text=True)
    return html[html.index("<header"):html.index("</header>")]


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_the_header_links_by_role(client, people, role):
    login_as(client, people.users[role])
    header = _header(client)
    shown = {path for path, label in LINKS.items() if f'href="{path}">{label}</a>' in header}
    assert shown == EXPECTED[role]


def test_anonymous_visitors_get_the_sign_in_link(client, people):
    header = _header(client)
    assert 'href="/kirjaudu">Ylläpito</a>' in header and "/lahetteet/" not in header
