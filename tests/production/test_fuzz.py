"""Bad input: whatever a browser, a bot or an edited link sends to a public form or to the search,
the answer is a page or a 4xx, never a 500 or a traceback, and nothing is stored unless the answer
is the form's redirect. Hypothesis drives the forms through the test client with the rendered
CSRF token, and fuzzes the query analysis and the search service directly, on both Finnish paths."""
from datetime import date
from urllib.parse import quote, urljoin, urlsplit

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from tarjotin.contact.models import ContactRequest
from tarjotin.participation.models import Idea
from tarjotin.search import hooks
from tarjotin.search.engine import (
    FinnishAnalyzer,
    SearchIndex,
    build_lexicon,
    english_terms,
    swedish_terms,
    voikko_handle,
)
from tarjotin.search.service import InvalidSearch, SearchRequest, matching_service_ids, search
from tests.fixtures.web import csrf_token
from tests.factories import PASSWORD, ServiceFactory
from tests.search import corpus

# Derandomized and bounded, so the file is a repeatable part of every run rather than a lottery.
# The app, database and client are function-scoped fixtures shared by a test's examples on purpose:
# each example snapshots the row counts first instead of getting a fresh database.
BOUNDED = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Arbitrary text (every code point but surrogates, NUL and controls included), and the kind of value
# a form or link really carries, so that examples also get past the validators.
anything = st.text(max_size=300)
numbers = st.one_of(st.integers().map(str), st.floats(allow_nan=True, allow_infinity=True).map(str))
tricky = st.sampled_from([
    "", " ", "0", "-1", "1", "2", "25", "999999999999999999999", "1e309", "nan", "-inf", "true", "false", "yes",
    "y", "on", "distance", "relevance", "Kuopio", "70100", "00000", "Helsingfors", "2024-02-30", "2024-01-01T00:00",
    "0001-01-01T00:00+14:00", "phone", "sms", "email", "evening", "any", "fi", "sv", "en", "idea", "feedback",
    "maija@example.net", "a@b.c", "040 123 4567", "+358 40 123", "online", "in_person", "elevator", "loneliness",
    "<script>alert(1)</script>", "' OR 1=1 --", "%00", "\x00", "ä" * 201, "x" * 2001, "../../etc/passwd",
])
value = st.one_of(anything, numbers, tricky)


def _pairs(names: list[str]) -> st.SearchStrategy[list[tuple[str, str]]]:
    """Query or form pairs: known names repeated or missing, and the odd unknown one."""
    return st.lists(st.tuples(st.one_of(st.sampled_from(names), anything), value), max_size=12)


Edit = tuple[dict[str, object], set[str]]


def _edits(fields: list[str]) -> st.SearchStrategy[Edit]:
    """Fields to change (to one value or several) and fields to leave out of an otherwise valid form,
    so that examples reach the service behind the validators as well as the validators."""
    changes = st.dictionaries(st.sampled_from(fields), st.one_of(value, st.lists(value, max_size=3)), max_size=4)
    return st.tuples(changes, st.sets(st.sampled_from(fields), max_size=2))


def _edited(valid: dict[str, object], edit: Edit) -> dict[str, object]:
    changes, dropped = edit
    return {name: data for name, data in {**valid, **changes}.items() if name not in dropped}


def _rows(db) -> int:
    """Every row in every table: whatever a form might store, anywhere."""
    return sum(db.session.scalar(sa.select(sa.func.count()).select_from(table)) for table in db.metadata.sorted_tables)


def _answered(response) -> None:
    body = response.get_data(as_text=True)
    assert response.status_code < 500, response.status_code
    assert "Traceback" not in body


def _post_form(client, db, path: str, data: dict):
    """Post with the rendered form's CSRF token; a row may only appear when the form redirected."""
    page = client.get(path)
    _answered(page)
    before = _rows(db)
    response = client.post(path, data={**data, "csrf_token": csrf_token(page.get_data(as_text=True))})
    _answered(response)
    db.session.rollback()  # the test's session must see the request's commit, not its own snapshot
    assert response.status_code in (200, 302, 400, 401, 404, 429), response.status_code
    assert response.status_code == 302 or _rows(db) == before
    return response


@pytest.fixture
def app_config() -> dict:
    # The point is to reach the form code with each example, not the limiter's 429 after the fifth.
    return {"RATELIMIT_ENABLED": False, "PASSWORD_HASH_PROFILE": "CHEAPEST"}


@pytest.fixture
def offering(db):
    service = ServiceFactory(name="Vertaistukiryhmä")
    db.session.commit()
    return service


@pytest.fixture
def indexed(app, db) -> dict[str, str]:
    ids = corpus.load(db.session, date.today())
    db.session.commit()
    hooks.rebuild(app.extensions["search"])
    return ids


CONTACT = {"name": "Maija Meikäläinen", "phone": "040 123 4567", "email": "maija@example.net",
           "preferred_channel": "phone", "preferred_time": "evening", "language": "fi", "message": "Soittakaa.",
           "consent": "y"}
CONTACT_FIELDS = [*CONTACT, "service_ids", "website"]


@BOUNDED
@given(edit=_edits(CONTACT_FIELDS))
def test_contact_form(client, db, offering, edit):
    _post_form(client, db, f"/palvelut/{offering.id}/yhteydenotto", _edited({**CONTACT, "service_ids": offering.id}, edit))


@BOUNDED
@given(service_id=st.one_of(anything, st.just("")), edit=_edits(CONTACT_FIELDS))
def test_basket_and_its_contact_form(client, db, offering, service_id, edit):
    token = csrf_token(client.get(f"/palvelut/{offering.id}/yhteydenotto").get_data(as_text=True))
    before = _rows(db)
    for path in (f"/palvelut/{quote(service_id, safe='')}/tarjottimelle", f"/tarjotin/poista/{quote(service_id, safe='')}",
                 f"/palvelut/{offering.id}/tarjottimelle"):
        _answered(client.post(path, data={"csrf_token": token}))
    _answered(client.get("/tarjotin"))
    assert _rows(db) == before
    _post_form(client, db, "/tarjotin/yhteydenotto", _edited({**CONTACT, "service_ids": offering.id}, edit))


SIGNUP = {"name": "Maija Meikäläinen", "email": "maija@example.net", "phone": "", "note": "", "consent": "y"}
IDEA = {"kind": "feedback", "text": "Ajanvaraus on vaikea.", "theme": "", "name": "Maija", "email": "maija@example.net",
        "consent": "y"}


@BOUNDED
@given(edit=_edits([*SIGNUP, "website"]))
def test_call_signup_form(client, db, open_call, edit):
    _post_form(client, db, f"/osallistu/kutsut/{open_call.id}", _edited(SIGNUP, edit))


@BOUNDED
@given(edit=_edits([*IDEA, "website"]), service_id=st.one_of(st.none(), anything))
def test_idea_form(client, db, offering, edit, service_id):
    query = "" if service_id is None else f"?palvelu={quote(service_id, safe='')}"
    _post_form(client, db, f"/osallistu/ideat/uusi{query}", _edited(IDEA, edit))


def test_an_idea_from_an_empty_offering_link_is_kept_without_the_link(client, db):
    """Found by the fuzz run: ?palvelu= with nothing after it was stored as a link to no offering, a 500."""
    path = "/osallistu/ideat/uusi?palvelu="
    token = csrf_token(client.get(path).get_data(as_text=True))
    assert client.post(path, data={**IDEA, "csrf_token": token}).status_code == 302
    assert db.session.scalar(sa.select(Idea.service_id)) is None


# A path with something a browser drops or rewrites (WHATWG URL: tabs and newlines removed, leading
# C0 controls and spaces stripped, a backslash read as a slash) in front of another host's name.
off_site = st.builds("/{}{}evil.example/phish".format, st.sampled_from(["\t", "\n", "\r", " ", "\x01", "\\", "/"]),
                     st.sampled_from(["/", "\\", ""]))


def _browser_host(location: str) -> str:
    """The host a browser goes to from this Location header on http://localhost/."""
    cleaned = location.replace("\t", "").replace("\n", "").replace("\r", "").strip("".join(map(chr, range(33))))
    return urlsplit(urljoin("http://localhost/kirjaudu", cleaned.replace("\\", "/"))).hostname or ""


@BOUNDED
@given(edit=_edits(["email", "password"]), next_url=st.one_of(st.none(), anything, off_site))
def test_login_form(client, db, people, edit, next_url):
    """From the real password, so that the redirect after sign-in is reached too."""
    query = "" if next_url is None else f"?next={quote(next_url, safe='')}"
    response = _post_form(client, db, f"/kirjaudu{query}", _edited({"email": "a@example.org", "password": PASSWORD}, edit))
    if response.status_code == 302:
        assert _browser_host(response.headers["Location"]) == "localhost", response.headers["Location"]


@BOUNDED
@given(next_url=st.one_of(off_site, anything))
def test_item1_sign_in_redirect_stays_on_site(client, db, people, next_url):
    response = _post_form(client, db, f"/kirjaudu?next={quote(next_url, safe='')}",
                          {"email": "a@example.org", "password": PASSWORD})
    assert response.status_code in (302, 400)  # 400: a NUL in the link
    if response.status_code == 302:
        assert _browser_host(response.headers["Location"]) == "localhost", response.headers["Location"]


@BOUNDED
@given(edit=_edits(["email"]))
def test_forgot_password_form(client, db, edit):
    _post_form(client, db, "/salasana/unohtunut", _edited({"email": "a@example.org"}, edit))


def _public_forms(offering, open_call) -> list[str]:
    return [f"/palvelut/{offering.id}/yhteydenotto", "/tarjotin/yhteydenotto", f"/osallistu/kutsut/{open_call.id}",
            "/osallistu/ideat/uusi", "/kirjaudu", "/salasana/unohtunut", "/jarjestot/ilmoita-uusi",
            f"/jarjestot/{offering.organization_id}/ota-hoitoon"]


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | anything | tricky,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(anything, inner, max_size=3),
                           max_leaves=6)
JSON_FIELDS = sorted({*CONTACT_FIELDS, *SIGNUP, *IDEA, "email", "password", "organization_name", "business_id",
                      "organization_email", "message"})


@BOUNDED
@given(body=st.dictionaries(st.one_of(st.sampled_from(JSON_FIELDS), anything), json_values, max_size=8),
       form=st.integers(min_value=0, max_value=7))
def test_item9_json_bodies_are_refused_by_every_public_form(client, db, offering, open_call, body, form):
    """Flask-WTF reads a JSON body as form data: a list in a text field was a 500, a NUL was stored."""
    path = _public_forms(offering, open_call)[form]
    token = csrf_token(client.get("/kirjaudu").get_data(as_text=True))
    before = _rows(db)
    response = client.post(path, json=body, headers={"X-CSRFToken": token})
    _answered(response)
    db.session.rollback()
    assert response.status_code == 415 and _rows(db) == before


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", "application/xml"])
def test_item9_a_valid_contact_request_in_another_body_type_is_415_and_not_stored(client, db, offering, content_type):
    token = csrf_token(client.get(f"/palvelut/{offering.id}/yhteydenotto").get_data(as_text=True))
    body = '{"name": "Maija\\u0000", "email": "maija@example.net", "consent": "y"}'
    response = client.post(f"/palvelut/{offering.id}/yhteydenotto", data=body, content_type=content_type,
                           headers={"X-CSRFToken": token})
    assert response.status_code == 415
    assert db.session.scalar(sa.select(sa.func.count(ContactRequest.id))) == 0


def test_item9_the_json_api_is_read_only(app):
    methods = {m for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/") for m in rule.methods}
    assert methods <= {"GET", "HEAD", "OPTIONS"}


@pytest.mark.parametrize("method, path, data", [
    ("post", "/palvelut/%00/tarjottimelle", {}),
    ("get", "/api/v1/services/%00", {}),
    ("get", "/api/v1/services?search=%00", {}),
    ("get", "/haku?theme=a%00", {}),
    ("post", "/kirjaudu", {"email": "a\x00@example.org", "password": "x"}),
])
def test_nul_characters_are_refused_before_the_database(client, db, method, path, data):
    """Found by the fuzz run on PostgreSQL, which cannot hold NUL in text: a 500 before the fix."""
    before = _rows(db)
    if method == "post":
        data = {**data, "csrf_token": csrf_token(client.get("/kirjaudu").get_data(as_text=True))}
    response = getattr(client, method)(path, data=data)
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert response.get_json()["error"] == "invalid_parameter"
    assert _rows(db) == before


RESULTS_PARAMS = ["q", "near", "radius", "theme", "target_group", "municipality", "language", "delivery",
                  "accessibility", "free", "accepting_new", "sort", "page", "lang"]
API_PARAMS = ["search", "near", "lat", "lon", "radius_km", "theme", "target_group", "municipality", "language",
              "delivery", "accessibility", "free", "accepting_new", "sort", "page", "per_page", "organization_id",
              "modified_after", "taxonomy_term_id", "minimal", "full", "proximity"]


@BOUNDED
@given(pairs=_pairs(RESULTS_PARAMS))
def test_results_page_parameters(client, indexed, pairs):
    response = client.get("/haku", query_string=MultiDict(pairs))
    _answered(response)
    assert response.status_code in (200, 400)


@BOUNDED
@given(pairs=_pairs(API_PARAMS), path=st.sampled_from(["/api/v1/services", "/api/v1/service_at_locations"]))
def test_api_search_parameters(client, indexed, pairs, path):
    response = client.get(path, query_string=MultiDict(pairs))
    _answered(response)
    assert response.status_code in (200, 400), response.get_json()
    assert response.is_json


def _analyzers() -> list:
    """Both Finnish paths, with a compound lexicon built from the corpus as a rebuild builds it."""
    lexicon = build_lexicon(offering.description for offering in corpus.OFFERINGS)
    fallback = pytest.param(FinnishAnalyzer(None, lexicon), id="snowball")
    voikko = voikko_handle(True)
    if voikko is None:
        return [fallback, pytest.param(None, id="voikko", marks=pytest.mark.skip("libvoikko is not installed"))]
    return [fallback, pytest.param(FinnishAnalyzer(voikko, lexicon), id="voikko", marks=pytest.mark.voikko)]


@pytest.mark.parametrize("analyzer", _analyzers())
@BOUNDED
@given(text=anything)
def test_query_analysis(analyzer, text):
    # Index fields split on spaces (index.py), so a term with whitespace in it would never match.
    for alternatives in analyzer.query_words(text):
        assert all(term and not any(char.isspace() for char in term) for term in alternatives.terms)
    analyzer.index_text(text)
    swedish_terms(text)
    english_terms(text)


@pytest.fixture(params=[True, False], ids=["voikko", "snowball"])
def fuzz_index(request, app, indexed, tmp_path) -> SearchIndex:
    if request.param and voikko_handle(True) is None:
        pytest.skip("libvoikko is not installed")
    index = SearchIndex(tmp_path / f"fuzz-{request.param}", voikko_enabled=request.param)
    hooks.rebuild(index)
    return index


@BOUNDED
@given(text=anything, near=st.one_of(st.none(), anything), municipality=st.one_of(st.none(), anything))
def test_search_service(fuzz_index, text, near, municipality):
    request = SearchRequest(text=text, near=near, municipalities=(municipality,) if municipality else ())
    try:
        result = search(fuzz_index, request, date.today(), 425)
    except InvalidSearch as error:
        assert error.field in ("near", "municipality")
    else:
        assert 0 <= len(result.hits) <= result.total
    matching_service_ids(fuzz_index, text)
