"""Database faults: a friendly 503 (HTML, or JSON under /api/), nothing half-written; health endpoints."""
import sqlite3

import pytest
import sqlalchemy as sa

from tarjotin import create_app
from tarjotin.contact.models import ContactRequest
from tarjotin.extensions import db
from tarjotin.outbox.models import OutboxMessage
from tarjotin.search import get_index, hooks
from tests.fixtures.contact import form_data
from tests.factories import ServiceFactory

UNREACHABLE_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:1/x"
BUSY_TIMEOUT_MS = 200


def _app(tmp_path, url: str, **config):
    app = create_app({
        "TESTING": True, "SECRET_KEY": "k" * 40, "SQLALCHEMY_DATABASE_URI": url,
        "INDEX_DIR": str(tmp_path / "index"), "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"), **config,
    })

    @app.get("/api/v1/_probe")
    def probe():
        db.session.execute(sa.text("SELECT 1"))
        return {"status": "ok"}

    return app


@pytest.fixture
def indexed(tmp_path):
    """One offering in a working database, with its index built, so a later fault is the only fault."""
    app = _app(tmp_path, f"sqlite:///{tmp_path / 'working.sqlite'}")
    with app.app_context():
        db.create_all()
        service = ServiceFactory(name="Vertaistukiryhmä Kuopio")
        db.session.commit()
        hooks.rebuild(get_index())
        return service.id


@pytest.fixture
def unreachable(tmp_path, indexed):
    return _app(tmp_path, UNREACHABLE_POSTGRES, WTF_CSRF_ENABLED=False)


def test_unreachable_database_gives_a_friendly_503(unreachable, indexed):
    client = unreachable.test_client()
    page = client.get(f"/palvelut/{indexed}")
    assert page.status_code == 503 and page.headers["Retry-After"]
    body = page.get_data(as_text=True)
    assert "Palvelu on hetken poissa käytöstä" in body and "Traceback" not in body and "psycopg" not in body
    assert page.headers["Content-Security-Policy"].startswith("default-src 'self'")
    english = client.get(f"/palvelut/{indexed}?lang=en").get_data(as_text=True)
    assert "The service is briefly unavailable" in english


def test_unreachable_database_answers_json_under_the_api(unreachable):
    response = unreachable.test_client().get("/api/v1/_probe")
    assert response.status_code == 503
    assert response.get_json()["error"] == "unavailable"


def test_contact_post_to_an_unreachable_database_is_503(unreachable, indexed):
    data = form_data('name="csrf_token" value="unused"', service_ids=[indexed])
    response = unreachable.test_client().post(f"/palvelut/{indexed}/yhteydenotto", data=data)
    assert response.status_code == 503
    assert "Mitään ei tallennettu" in response.get_data(as_text=True)


def test_health_answers_without_the_database_and_readiness_does_not(unreachable):
    client = unreachable.test_client()
    assert client.get("/haku?q=vertaistuki").status_code == 503  # the filters come from the database
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.get_json()["database"] == "unavailable"


def test_readyz_reports_database_index_and_outbox_lag(tmp_path, indexed):
    app = _app(tmp_path, f"sqlite:///{tmp_path / 'working.sqlite'}")
    ready = app.test_client().get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json() == {"status": "ok", "database": "ok", "index": "ok", "outbox_lag_seconds": 0.0}


def test_locked_database_gives_503_and_stores_nothing(tmp_path):
    path = tmp_path / "locked.sqlite"
    app = _app(tmp_path, f"sqlite:///{path}")
    with app.app_context():
        # After db.py's pragmas (class-level listeners run first): fail fast instead of waiting 10 s.
        sa.event.listen(db.engine, "connect", lambda conn, _: conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}"))
        db.create_all()
        service = ServiceFactory()
        db.session.commit()
        service_id = service.id
    client = app.test_client()
    page = client.get(f"/palvelut/{service_id}/yhteydenotto").get_data(as_text=True)

    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        response = client.post(f"/palvelut/{service_id}/yhteydenotto", data=form_data(page, service_ids=[service_id]))
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert response.status_code == 503
    assert "Mitään ei tallennettu" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ContactRequest)) == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 0
    # Once the lock is gone the same form goes through: the failure left nothing behind.
    retry = client.post(f"/palvelut/{service_id}/yhteydenotto", data=form_data(page, service_ids=[service_id]))
    assert retry.status_code == 302


def test_unexpected_error_gives_a_friendly_500_without_a_traceback(tmp_path):
    app = _app(tmp_path, f"sqlite:///{tmp_path / 'x.sqlite'}", TESTING=False)

    @app.get("/_boom")
    def boom():
        raise RuntimeError("secret detail")

    @app.get("/api/v1/_boom")
    def api_boom():
        raise RuntimeError("secret detail")

    client = app.test_client()
    page = client.get("/_boom")
    assert page.status_code == 500
    assert "Jotain meni vikaan" in page.get_data(as_text=True) and "secret detail" not in page.get_data(as_text=True)
    assert client.get("/api/v1/_boom").get_json()["error"] == "server_error"
    assert client.get("/api/v1/ei-ole").get_json()["error"] == "not_found"
    assert "Sivua ei löytynyt" in client.get("/ei-ole").get_data(as_text=True)
