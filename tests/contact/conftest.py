import re

import pytest

from tests.factories import OrganizationFactory, ServiceFactory

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(html: str) -> str:
    """The token from a rendered form, as a browser would send it back."""
    return CSRF.search(html).group(1)


@pytest.fixture
def offering(db):
    service = ServiceFactory(email="ryhma@example.org", organization=OrganizationFactory(name="Kuopion Mieli ry"))
    db.session.commit()
    return service


def form_data(html: str, **overrides) -> dict:
    data = {
        "csrf_token": csrf_token(html),
        "name": "Maija Meikäläinen",
        "phone": "040 123 4567",
        "email": "maija@example.net",
        "preferred_channel": "phone",
        "preferred_time": "evening",
        "language": "fi",
        "message": "Toivon soittoa illalla.",
        "consent": "y",
    }
    data.update(overrides)
    return data
