"""Shared fixtures of the account and manage tests: two organisations and one person per role."""
import re
from dataclasses import dataclass

import pytest
from flask import g

from tarjotin.accounts.models import Membership, User
from tarjotin.directory.models import Location, Organization, Service
from tests.factories import LocationFactory, OrganizationFactory, ServiceAtLocationFactory, ServiceFactory, UserFactory

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(html: str) -> str:
    return CSRF.search(html).group(1)


@pytest.fixture(autouse=True)
def test_settings(app):
    app.config["PASSWORD_HASH_PROFILE"] = "CHEAPEST"
    # The app fixture's context (and its g) outlives requests, unlike in a server: without this,
    # Flask-WTF would render the token cached for the session before a sign-in cleared it.
    @app.before_request
    def forget_cached_csrf_token() -> None:
        g.pop("csrf_token", None)


@dataclass
class People:
    org_a: Organization
    org_b: Organization
    service_a: Service
    location_a: Location
    service_b: Service
    location_b: Location
    users: dict[str, User]


@pytest.fixture
def people(db) -> People:
    org_a, org_b = OrganizationFactory(name="Kuopion Mieli ry"), OrganizationFactory(name="Siilinjärven Kylä ry")
    sal_a = ServiceAtLocationFactory(service=ServiceFactory(organization=org_a, name="Keskusteluryhmä"),
                                     location=LocationFactory(organization=org_a))
    sal_b = ServiceAtLocationFactory(service=ServiceFactory(organization=org_b), location=LocationFactory(organization=org_b))
    users = {
        "editor_a": UserFactory(email="a@example.org", memberships=[Membership(organization=org_a)]),
        "editor_b": UserFactory(email="b@example.org", memberships=[Membership(organization=org_b)]),
        "advisor": UserFactory(email="advisor@example.org", role="advisor"),
        "moderator": UserFactory(email="moderator@example.org", role="moderator"),
        "admin": UserFactory(email="admin@example.org", role="admin"),
        "staff": UserFactory(email="staff@example.org", role="staff"),
        "expert_a": UserFactory(email="expert.a@example.org", role="expert"),
        "expert_b": UserFactory(email="expert.b@example.org", role="expert"),
    }
    db.session.commit()
    return People(org_a, org_b, sal_a.service, sal_a.location, sal_b.service, sal_b.location, users)


def login_as(client, user: User | None) -> None:
    """Sign in without the form (the form itself is tested in test_auth): what login_user stores."""
    with client.session_transaction() as session:
        session.clear()
        if user is not None:
            session["_user_id"], session["_fresh"] = user.get_id(), True


def token_for(client, path: str = "/kirjaudu") -> str:
    """A CSRF token from a rendered form; the token belongs to the session, not to one form."""
    return csrf_token(client.get(path).get_data(as_text=True))


def access_outcome(response) -> str:
    """What an authorization matrix expects of a response: ok, deny (403) or login (sent to sign in)."""
    if response.status_code == 403:
        return "deny"
    if response.status_code == 302 and "/kirjaudu?next=" in response.headers["Location"]:
        return "login"
    assert response.status_code in (200, 302), response.status_code
    return "ok"
