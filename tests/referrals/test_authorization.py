"""Who may open which referral page: anonymous, editor, advisor A (the sender), advisor B,
moderator and admin, for every route of the blueprint."""
import pytest

from tarjotin.referrals import links
from tests.fixtures.referrals import send_referral
from tests.fixtures.web import csrf_token, login_as

ROLES = ("anonymous", "editor_a", "advisor", "advisor_b", "moderator", "admin")
LOGIN = 302  # to the sign-in page
# route -> expected status per role, in ROLES order
EXPECTED = {
    ("GET", "/lahetteet/"): (LOGIN, 403, 200, 200, 200, 200),
    ("GET", "/lahetteet/uusi?step=&place=Kuopio&need=muisti"): (LOGIN, 403, 200, 200, 200, 200),
    ("POST", "/lahetteet/uusi/asiakas"): (LOGIN, 403, 200, 200, 200, 200),
    ("GET", "/lahetteet/lahete/{batch}"): (LOGIN, 403, 200, 403, 200, 200),
    ("GET", "/lahetteet/{id}"): (LOGIN, 403, 200, 403, 200, 200),
    ("GET", "/lahetteet/tilastot"): (LOGIN, 403, 200, 200, 200, 200),
    ("GET", "/lahetteet/tilastot.csv"): (LOGIN, 403, 200, 200, 200, 200),
    # Only the sender cancels; the moderator reads but does not act for the advisor.
    ("POST", "/lahetteet/{id}/cancelled"): (LOGIN, 403, 302, 403, 403, 403),
}


def _user(world, role):
    if role == "anonymous":
        return None
    return world.advisor_b if role == "advisor_b" else world.people.users[role]


@pytest.mark.parametrize("route", list(EXPECTED), ids=lambda r: f"{r[0]} {r[1]}")
def test_route_answers_each_role_as_expected(client, world, route):
    referral = send_referral(world, world.near)
    method, path = route
    path = path.format(batch=referral.batch, id=referral.id)
    got = []
    for role in ROLES:
        login_as(client, _user(world, role))
        data = None
        if method == "POST":
            data = {"csrf_token": csrf_token(client.get("/kirjaudu").get_data(as_text=True)),
                    "place": "Kuopio", "service_ids": [world.near.id]}
        response = client.open(path, method=method, data=data)
        got.append(response.status_code)
        if role == "anonymous" and response.status_code == 302:
            assert "/kirjaudu" in response.location
    assert tuple(got) == EXPECTED[route]


def test_the_organisation_link_needs_a_valid_token_and_nothing_else(client, world):
    referral = send_referral(world, world.near)
    assert client.get("/lahetteet/l/forged").status_code == 404
    for role in ROLES:
        login_as(client, _user(world, role))
        assert client.get(f"/lahetteet/l/{links.sign(referral.id)}").status_code == 200


def test_an_expired_link_says_so(app, client, world):
    referral = send_referral(world, world.near)
    token = links.sign(referral.id)
    app.config["REFERRAL_LINK_MAX_AGE_DAYS"] = -1
    assert client.get(f"/lahetteet/l/{token}").status_code == 410
