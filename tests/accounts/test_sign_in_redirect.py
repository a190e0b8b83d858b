"""After sign-in the browser goes back where it was asked to, but only ever to a page of this site."""
from urllib.parse import quote

import pytest

from tests.fixtures.web import csrf_token
from tests.factories import PASSWORD

# Each of these is a path to a browser's eye only until it strips tabs and newlines, turns a
# backslash into a slash or reads a scheme: then it names another host.
OFF_SITE = [
    "//evil.example/phish", "/\t/evil.example/phish", "/\n/evil.example", "/\r/evil.example", "/\\evil.example",
    "\\\\evil.example", "https://evil.example/", "/ /evil.example", " //evil.example", "/\x7f/evil.example", "javascript:alert(1)", "/\u3000/evil.example", "",
]


def _sign_in(client, next_url: str):
    path = f"/kirjaudu?next={quote(next_url, safe='')}"
    token = csrf_token(client.get("/kirjaudu").get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, "email": "a@example.org", "password": PASSWORD})


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_item1_sign_in_never_redirects_off_site(client, people, next_url):
    response = _sign_in(client, next_url)
    assert response.status_code == 302
    assert response.headers["Location"] == "/hallinta/"


def test_item1_sign_in_returns_to_a_page_of_this_site(client, people):
    response = _sign_in(client, "/hallinta/jarjestot/x?tab=1#top")
    assert response.headers["Location"] == "/hallinta/jarjestot/x?tab=1#top"
