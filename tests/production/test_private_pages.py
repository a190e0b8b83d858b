"""Pages whose URL is a key or whose body is personal data stay out of caches and Referer headers."""
import pytest

from tarjotin.web import keep_private
from tests.fixtures.web import login_as

# Staff pages that show someone's personal data without a token in the URL.
CLIENT_DATA_ENDPOINTS = [
    "referrals.list_referrals", "referrals.show_referral", "referrals.show_slip", "accounts.users",
    "moderation.queue", "moderation.review_claim", "moderation.list_dead_letters",
    "participation_staff.show_signups", "participation_staff.request_expert", "participation_staff.answer_idea",
]


def _is_private(app, endpoint: str) -> bool:
    blueprint = endpoint.rpartition(".")[0]
    return getattr(app.view_functions[endpoint], "is_private", False) or keep_private in app.after_request_funcs.get(
        blueprint, [])


def test_item10_every_page_behind_a_token_is_private(app):
    token_endpoints = sorted({rule.endpoint for rule in app.url_map.iter_rules() if "token" in rule.arguments})
    assert len(token_endpoints) >= 6  # reset, invitation, manage link, contact, referral, expert request
    assert [e for e in token_endpoints if not _is_private(app, e)] == []


def test_item10_staff_pages_with_client_data_are_private(app):
    assert [e for e in CLIENT_DATA_ENDPOINTS if not _is_private(app, e)] == []


@pytest.mark.parametrize("path", ["/salasana/uusi/x.y.z", "/kutsu/x.y.z", "/hallinta/linkki/x.y.z"])
def test_item10_token_pages_send_no_store_and_no_referrer(client, path):
    response = client.get(path)
    assert response.status_code == 410  # the link-expired page, which has the token in its URL too
    assert (response.headers["Cache-Control"], response.headers["Referrer-Policy"]) == ("no-store", "no-referrer")


def test_item10_advisor_pages_send_no_store_and_no_referrer(client, people):
    login_as(client, people.users["advisor"])
    for path in ("/lahetteet/", "/lahetteet/no-such-referral"):
        response = client.get(path)
        assert response.status_code in (200, 404)
        assert (response.headers["Cache-Control"], response.headers["Referrer-Policy"]) == ("no-store", "no-referrer")
