"""Shared fixtures of the account and manage tests: two organisations and one person per role."""
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
import pytest
from flask import g

from tarjotin.accounts import second_factor, sessions
from tarjotin.accounts.models import Membership, User
from tarjotin.accounts.services import find_user
from tarjotin.db import utcnow
from tarjotin.extensions import db as _db
from tarjotin.outbox.models import OutboxMessage
from tarjotin.directory.models import Location, Organization, Service
from tests.factories import PASSWORD, LocationFactory, OrganizationFactory, ServiceAtLocationFactory, ServiceFactory, UserFactory

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
    for user in users.values():
        if user.sees_client_data:
            enrol_second_factor(user)
    db.session.commit()
    return People(org_a, org_b, sal_a.service, sal_a.location, sal_b.service, sal_b.location, users)


def enrol_second_factor(user: User) -> None:
    """What the enrolment page does, dated a few minutes back so that a code of now is still unused.
    The notice it queues is dropped: the tests count the mail their own steps send."""
    enrolled_at = utcnow() - timedelta(minutes=5)
    secret = second_factor.enrolment_secret(user)
    second_factor.confirm_enrolment(user, pyotp.TOTP(secret).at(enrolled_at), "fi", enrolled_at)
    _db.session.flush()
    _db.session.query(OutboxMessage).filter_by(kind="accounts/second_factor_added").delete()


def totp_code(user: User, at: datetime | None = None) -> str:
    return pyotp.TOTP(second_factor.stored_secret(user)).at(at or utcnow())


def login_as(client, user: User | None) -> None:
    """Sign in without the forms (they are tested in test_auth and test_second_factor): what a sign-in
    with password and, when the role requires one, second factor stores in the session."""
    if user is not None and user.sees_client_data and not user.has_second_factor:
        enrol_second_factor(user)
        _db.session.commit()
    with client.session_transaction() as session:
        session.clear()
        if user is not None:
            session["_user_id"], session["_fresh"] = user.get_id(), True
            sessions.begin(session, user, utcnow(), second_factor_given=user.has_second_factor)


def sign_in(client, email: str, password: str = PASSWORD):
    """Through the forms: the password, then the code from the app when the account has a second factor."""
    response = client.post("/kirjaudu", data={"csrf_token": token_for(client), "email": email, "password": password})
    if response.status_code == 302 and response.location.startswith("/kirjaudu/koodi"):
        code = totp_code(find_user(email))
        response = client.post(response.location, data={"csrf_token": token_for(client, response.location), "code": code})
    return response


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
