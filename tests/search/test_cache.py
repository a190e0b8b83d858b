"""Search answers kept for anonymous visitors (search/cache.py): who shares a results page or an
API answer, and when a kept one gives way to a new one.

The probes are what the answer shows but the index does not hold: an open call on the results
page, and a description changed behind the index's back in the API's answer."""
import shutil
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
import time_machine

from tarjotin import create_app
from tarjotin.directory.models import Service
from tarjotin.participation.models import OpenCall
from tarjotin.search import get_index, hooks
from tests.fixtures.web import login_as
from tests.production.test_rate_limits import REDIS_URL, redis_available

URL = "/haku?q=keskusteluryhm%C3%A4"
CALL = "Asiakasraati: keskusteluryhmät"


@pytest.fixture
def indexed(db, people):
    hooks.rebuild(get_index())
    return people


def _add_call(db, people) -> None:
    db.session.add(OpenCall(organiser=people.users["staff"], kind="panel", title=CALL,
                            who_sought="Keskusteluryhmien osallistujia", involves="Kaksi iltaa", fee="50 €",
                            closes_on=date.today() + timedelta(days=14), retention_days=30))
    db.session.commit()


def _page(client, url: str = URL, **request) -> str:
    response = client.get(url, **request)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_repeated_search_is_answered_from_the_kept_page_until_it_expires(app, client, db, indexed):
    assert "Keskusteluryhmä" in _page(client) and CALL not in _page(client)
    _add_call(db, indexed)
    assert CALL not in _page(client)  # kept: the call is not in the index, which has not moved
    later = datetime.now(timezone.utc) + timedelta(seconds=app.config["RESULTS_CACHE_SECONDS"] + 1)
    with time_machine.travel(later, tick=False):
        assert CALL in _page(client)


def test_a_change_to_an_offering_shows_at_once(client, db, indexed):
    assert "Keskusteluryhmä Kuopiossa" not in _page(client)
    indexed.service_a.name = "Keskusteluryhmä Kuopiossa"
    db.session.commit()  # the index moves on with the commit, so the kept page is not asked for again
    assert "Keskusteluryhmä Kuopiossa" in _page(client)


def test_other_words_filters_and_pages_are_pages_of_their_own(client, db, indexed):
    _page(client)
    _add_call(db, indexed)
    assert CALL in _page(client, URL + "&free=1")
    assert CALL in _page(client, "/haku?q=keskusteluryhmiin")
    # The same filters in another order are the same question.
    _page(client, URL + "&theme=a&language=fi")
    assert _page(client, URL + "&language=fi&theme=a") == _page(client, URL + "&theme=a&language=fi")
    # Of a repeated word the first counts, so its order does.
    first = _page(client, "/haku?q=keskusteluryhm%C3%A4&q=velkaneuvonta")
    assert _page(client, "/haku?q=velkaneuvonta&q=keskusteluryhm%C3%A4") != first


def test_each_language_has_its_own_page(app, db, indexed):
    swedish = _page(app.test_client(), URL + "&lang=sv")
    assert 'lang="sv"' in swedish
    assert 'lang="fi"' in _page(app.test_client())
    assert 'lang="en"' in _page(app.test_client(), URL + "&lang=en")


def test_a_signed_in_user_never_gets_nor_leaves_a_kept_page(app, client, db, indexed):
    _page(client)  # kept for anonymous visitors
    login_as(client, indexed.users["moderator"])
    staff_page = _page(client)
    assert "/hallinta/moderointi" in staff_page
    assert "/hallinta/moderointi" not in _page(app.test_client())


def test_a_visitor_with_a_basket_sees_it_on_the_page(client, indexed):
    _page(client)
    with client.session_transaction() as session:
        session["basket"] = [indexed.service_a.id]
    assert "Oma tarjotin (1)" in _page(client)


def test_the_page_saying_search_is_unavailable_is_not_kept(app, client, indexed):
    shutil.rmtree(app.config["INDEX_DIR"])
    assert client.get(URL).status_code == 503
    hooks.rebuild(get_index())
    assert "Keskusteluryhmä" in _page(client)


API = "/api/v1/services?search=keskusteluryhm%C3%A4"


def _describe_behind_the_index(db, service_id: str, text: str) -> None:
    """A description written past the ORM, so no hook tells the index."""
    db.session.execute(sa.update(Service).where(Service.id == service_id).values(description=text))
    db.session.commit()


def _descriptions(client) -> list[str]:
    response = client.get(API)
    assert response.status_code == 200
    return [item["description"] for item in response.get_json()["contents"]]


def test_an_api_search_is_kept_like_a_page(app, client, db, indexed):
    before = _descriptions(client)
    _describe_behind_the_index(db, indexed.service_a.id, "Kuvaus ohi indeksin.")
    assert _descriptions(client) == before
    later = datetime.now(timezone.utc) + timedelta(seconds=app.config["RESULTS_CACHE_SECONDS"] + 1)
    with time_machine.travel(later, tick=False):
        assert "Kuvaus ohi indeksin." in _descriptions(client)


def test_a_kept_api_answer_still_answers_a_conditional_request_with_304(client, indexed):
    etag = client.get(API).headers["ETag"]
    kept = client.get(API, headers={"If-None-Match": etag})
    assert kept.status_code == 304 and not kept.data
    assert kept.headers["Access-Control-Allow-Origin"] == "*"


def test_the_same_words_on_another_path_are_another_answer(client, indexed):
    _page(client, "/haku?search=keskusteluryhm%C3%A4")
    assert client.get("/api/v1/services?search=keskusteluryhm%C3%A4").is_json


def test_a_page_under_another_script_root_is_another_answer(client, indexed):
    """Its links carry the root: a page asked for under a forged one must never reach others."""
    assert 'href="//evil.example/' in _page(client, environ_overrides={"SCRIPT_NAME": "//evil.example"})
    assert "evil.example" not in _page(client)


class TestTurnedOff:
    @pytest.fixture
    def app_config(self):
        return {"RESULTS_CACHE_SECONDS": 0}

    def test_zero_seconds_renders_every_page(self, client, db, indexed):
        _page(client)
        _add_call(db, indexed)
        assert CALL in _page(client)

    def test_zero_seconds_answers_every_api_search_afresh(self, client, db, indexed):
        _descriptions(client)
        _describe_behind_the_index(db, indexed.service_a.id, "Kuvaus ohi indeksin.")
        assert "Kuvaus ohi indeksin." in _descriptions(client)


def _second_worker(app):
    """Another app on the same database and index, as a second gunicorn worker is."""
    keep = ("SQLALCHEMY_DATABASE_URI", "INDEX_DIR", "MAIL_OUTBOX_DIR", "SECRET_KEY", "CACHE_URL", "CACHE_KEY_PREFIX")
    return create_app({"TESTING": True, **{name: app.config[name] for name in keep if name in app.config}})


def test_without_a_cache_url_each_worker_keeps_its_own_pages(app, client, db, indexed):
    _page(client)
    _add_call(db, indexed)
    with _second_worker(app).app_context() as context:
        assert CALL in _page(context.app.test_client())


class TestSharedInRedis:
    @pytest.fixture
    def app_config(self):
        if not redis_available():
            pytest.skip(f"no Redis at {REDIS_URL} (set TARJOTIN_TEST_REDIS_URL); the shared-cache test needs one")
        return {"CACHE_URL": REDIS_URL, "CACHE_KEY_PREFIX": f"tarjotin-test-{uuid.uuid4().hex}:"}

    def test_workers_share_kept_pages(self, app, client, db, indexed):
        _page(client)
        _add_call(db, indexed)
        with _second_worker(app).app_context() as context:
            assert CALL not in _page(context.app.test_client())


class TestRedisDown:
    @pytest.fixture
    def app_config(self):
        return {"CACHE_URL": "redis://127.0.0.1:1"}

    def test_pages_are_rendered_when_the_cache_does_not_answer(self, client, db, indexed):
        assert "Keskusteluryhmä" in _page(client)
        _add_call(db, indexed)
        assert CALL in _page(client)
