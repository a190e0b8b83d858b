"""A live server over a small seeded demo, and one Debian chromium for the whole session.

Playwright drives the system chromium (never a downloaded browser); the tests skip when either
is missing outside CI, so the rest of the suite runs anywhere.
"""
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from tarjotin import create_app
from tarjotin.directory.demo import seed_demo
from tarjotin.directory.reference import sync_reference_data
from tarjotin.directory.models import Organization, Service
from tarjotin.extensions import db
from tarjotin.search import get_index, hooks

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

sync_api = pytest.importorskip("playwright.sync_api")
axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        # CI installs chromium (.ci/run): there a missing browser is a failure, not a quiet skip.
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is not installed")
        pytest.skip(f"{CHROMIUM} is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe():
    return axe_playwright.Axe()


@pytest.fixture(scope="module")
def live_app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("live")
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "browser-test",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'live.sqlite'}",
        "INDEX_DIR": str(tmp / "index"),
        "MAIL_OUTBOX_DIR": str(tmp / "outbox"),
        "RATELIMIT_ENABLED": False,
    })
    with app.app_context():
        db.create_all()
        sync_reference_data(db.session.connection())
        seed_demo(organizations=60, seed=1, progress=False)
        db.session.commit()
        hooks.rebuild(get_index())
        db.session.remove()
    yield app
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def base_url(live_app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="module")
def sample(live_app) -> dict[str, str]:
    """Ids the tests visit: an offering with a place, its organisation, one on a crisis theme."""
    with live_app.app_context():
        services = db.session.scalars(
            sa.select(Service).join(Service.organization)
            .where(Service.status == "active", Organization.status == "published").order_by(Service.id)
        ).all()
        placed = next(s for s in services if s.locations and s.schedules)
        crisis = next((s for s in services if {"crisis", "violence"} & {t.code for t in s.terms("theme")}), placed)
        return {"service": placed.id, "organization": placed.organization_id, "crisis": crisis.id}


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    yield page
    context.close()
