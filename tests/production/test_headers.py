"""Security headers on every response, the session cookie in production, and the proxy's view of a request."""
import re
from pathlib import Path

import pytest

from tarjotin import create_app
from tarjotin.contact import links
from tarjotin.search import get_index, hooks
from tests.factories import LocationFactory, ServiceAtLocationFactory, ServiceFactory

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = {
    "Content-Security-Policy": "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
# What a page may not carry when the CSP has no 'unsafe-inline': inline scripts, styles and handlers.
INLINE_CODE = re.compile(r"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE)


def _paths(app, service) -> list[str]:
    """Every GET route without arguments, plus pages with one, an error page and a static file."""
    plain = sorted(
        rule.rule for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and not rule.arguments and not rule.rule.startswith("/static")
    )
    return [
        *plain,
        f"/palvelut/{service.id}", f"/jarjestot/{service.organization_id}", f"/palvelut/{service.id}/yhteydenotto",
        "/haku?q=vertaistuki&paikka=Kuopio", "/api/v1/services?search=ryhm%C3%A4", "/ei-ole-tallaista",
        "/api/v1/ei-ole", "/static/css/site.css", "/healthz", "/readyz",
    ]


@pytest.fixture
def service(db):
    service = ServiceFactory()
    ServiceAtLocationFactory(service=service, location=LocationFactory(organization=service.organization))
    db.session.commit()
    hooks.rebuild(get_index())
    return service


def test_every_response_carries_the_security_headers(app, client, service):
    paths = _paths(app, service)
    assert len(paths) > 30  # the url_map really was walked
    for path in paths:
        response = client.get(path)
        assert response.status_code < 500, path
        for header, value in EXPECTED.items():
            # A private page (web.private) sends the stricter no-referrer, its sign-in redirect too.
            allowed = {value, "no-referrer"} if header == "Referrer-Policy" else {value}
            assert response.headers.get(header) in allowed, (path, header)
        permissions = response.headers["Permissions-Policy"]
        assert "geolocation=(self)" in permissions and "camera=()" in permissions, path
        assert "Strict-Transport-Security" not in response.headers, path  # plain HTTP: no HSTS


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/healthz").headers
    secure = client.get("/healthz", base_url="https://tarjotin.example.fi")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


def test_signed_link_pages_keep_no_referrer(app, client):
    token = links.sign("some-request", "organisation")
    app.config["CONTACT_LINK_MAX_AGE_DAYS"] = -1  # every token is expired now
    response = client.get(f"/yhteydenotot/{token}")
    assert response.status_code == 410
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Content-Security-Policy"] == EXPECTED["Content-Security-Policy"]


def test_templates_carry_no_inline_code():
    """The CSP would block it; e-mail templates are exempt, as mail clients need inline styles."""
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)!r}"
        for path in (ROOT / "templates").rglob("*.html")
        if "emails" not in path.parts
        for match in INLINE_CODE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def _production_app(tmp_path, **overrides):
    return create_app({
        "TESTING": True, "SECRET_KEY": "x" * 40, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.sqlite'}",
        "INDEX_DIR": str(tmp_path / "index"), **overrides,
    })


def test_session_cookie_is_host_prefixed_and_secure_in_production(tmp_path, monkeypatch):
    monkeypatch.setenv("TARJOTIN_ENV", "production")
    monkeypatch.delenv("TARJOTIN_SECURE_COOKIES", raising=False)
    app = _production_app(tmp_path)
    with app.test_request_context():
        from flask import session

        session["basket"] = ["x"]
        response = app.make_response("")
        app.session_interface.save_session(app, session, response)
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    for attribute in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert attribute in cookie
    assert "Domain=" not in cookie


def test_session_cookie_in_development_works_over_plain_http(client):
    with client.session_transaction() as session:
        session["basket"] = []
    assert client.get("/tarjotin").status_code == 200
    assert client.get_cookie("session") is not None
    assert not client.get_cookie("session").secure


@pytest.mark.parametrize("count, trusted", [(0, False), (1, True)])
def test_forwarded_headers_are_trusted_only_from_configured_proxies(tmp_path, count, trusted):
    app = _production_app(tmp_path, PROXY_COUNT=count)
    seen = {}

    @app.get("/_whoami")
    def whoami():
        from flask import request

        seen.update(addr=request.remote_addr, secure=request.is_secure)
        return ""

    forwarded = {"X-Forwarded-For": "198.51.100.7", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "tarjotin.fi"}
    response = app.test_client().get("/_whoami", headers=forwarded)
    assert seen == ({"addr": "198.51.100.7", "secure": True} if trusted else {"addr": "127.0.0.1", "secure": False})
    assert ("Strict-Transport-Security" in response.headers) is trusted
