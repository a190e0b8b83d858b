"""The HSDS endpoints: shapes, filters, published data only, 404/400 JSON, CORS, conditional GETs, rate limit."""
import jsonschema_rs
import pytest

from tarjotin.api.openapi import document
from tarjotin.directory.models import Organization, Service

PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}
URLS = [
    "/api/v1/", "/api/v1/services?per_page=3", "/api/v1/services?minimal=true", "/api/v1/services?full=false",
    "/api/v1/services?near=Kuopio&search=vertaistuki", "/api/v1/organizations?full=true&per_page=3",
    "/api/v1/taxonomies", "/api/v1/taxonomy_terms?taxonomy_id=theme",
    "/api/v1/service_at_locations?postcode=70100&proximity=50000", "/api/v1/service_at_locations?full=true",
    "/api/v1/services?delivery=bus", "/api/v1/organizations/unknown",
]


def _validator(path: str, status: int):
    """A JSON-schema validator for one operation's answer, with the document's components resolvable."""
    doc = document("http://localhost/api/v1")
    operation = doc["paths"][path]["get"]["responses"][str(status)]
    schema = {**operation["content"]["application/json"]["schema"], "components": doc["components"]}
    return jsonschema_rs.Draft202012Validator(schema)


@pytest.mark.parametrize("url", URLS)
def test_real_answers_match_the_document(client, corpus_ids, url):
    response = client.get(url)
    path = url.split("?")[0].removeprefix("/api/v1") or "/"
    if path.startswith("/organizations/"):
        path = "/organizations/{id}"
    errors = list(_validator(path, response.status_code).iter_errors(response.get_json()))
    assert not errors, [str(e) for e in errors[:3]]
    assert response.status_code != 200 or response.headers["ETag"]  # every JSON answer can be revalidated


def test_service_by_id_and_organization_with_services(client, corpus_ids):
    service = client.get(f"/api/v1/services/{corpus_ids['juttuapu']}").get_json()
    assert service["id"] == corpus_ids["juttuapu"] and service["organization"]["name"]
    assert service["delivery_modes"] == ["phone"]
    organization = client.get(f"/api/v1/organizations/{service['organization_id']}").get_json()
    assert [s["id"] for s in organization["services"]] == [corpus_ids["juttuapu"]]
    assert "attributes" not in organization["services"][0]  # one-to-one fields unless full_service


def test_unpublished_is_404_and_never_listed(client, db, corpus_ids):
    draft = db.session.scalars(db.select(Service).join(Service.organization).where(Organization.status == "draft")).first()
    assert client.get(f"/api/v1/services/{draft.id}").status_code == 404
    assert client.get(f"/api/v1/organizations/{draft.organization_id}").get_json()["error"] == "not_found"
    listed = client.get("/api/v1/service_at_locations?per_page=100").get_json()["contents"]
    assert draft.id not in {item["service_id"] for item in listed}
    names = {o["id"] for o in client.get("/api/v1/organizations?per_page=100").get_json()["contents"]}
    assert draft.organization_id not in names


def test_filters(client, corpus_ids):
    phone = client.get("/api/v1/services?delivery=phone&per_page=100").get_json()
    assert {corpus_ids["juttuapu"], corpus_ids["kriisipuhelin"]} <= {i["id"] for i in phone["contents"]}
    assert all("phone" in i["delivery_modes"] for i in phone["contents"])
    org = client.get(f"/api/v1/services/{corpus_ids['juttuapu']}").get_json()["organization_id"]
    by_org = client.get(f"/api/v1/services?organization_id={org}").get_json()
    assert [i["id"] for i in by_org["contents"]] == [corpus_ids["juttuapu"]]
    term = client.get("/api/v1/taxonomy_terms?search=loneliness").get_json()["contents"][0]["id"]
    by_term = client.get(f"/api/v1/services?taxonomy_term_id={term}&per_page=100").get_json()
    assert corpus_ids["juttuapu"] in {i["id"] for i in by_term["contents"]}
    assert client.get("/api/v1/services?modified_after=2999-01-01").get_json()["total_items"] == 0
    minimal = client.get("/api/v1/services?minimal=true&per_page=1").get_json()["contents"][0]
    assert minimal.keys() == {"id", "name", "status", "last_modified"}


def test_service_at_locations_near_a_postcode(client, corpus_ids):
    body = client.get("/api/v1/service_at_locations?postcode=70100&proximity=30000&per_page=100").get_json()
    distances = [item["distance_km"] for item in body["contents"]]
    assert distances == sorted(distances) and distances and max(distances) <= 30
    # The corpus's places have no street address, so HSDS gets no address object: the municipality tells.
    assert {item["location"]["municipality_code"] for item in body["contents"]} <= {"297", "749"}


@pytest.mark.parametrize("query, field", [
    ("services?delivery=bus", "delivery"), ("services?accessibility=lift", "accessibility"),
    ("services?modified_after=yesterday", "modified_after"), ("services?per_page=101", "per_page"),
    ("service_at_locations?postcode=00000x", "postcode"), ("service_at_locations?proximity=5", "proximity"),
    ("organizations?page=0", "page"), ("services?full=maybe", "full"), ("organizations?search=%00", "search"),
])
def test_bad_parameters_are_400_naming_the_field(client, corpus_ids, query, field):
    response = client.get(f"/api/v1/{query}")
    assert response.status_code == 400 and response.get_json()["field"] == field


def test_cors_and_conditional_requests(client, corpus_ids):
    response = client.get("/api/v1/services?per_page=2")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/v1/services", headers={"If-None-Match": response.headers["ETag"]}).status_code == 200
    again = client.get("/api/v1/services?per_page=2", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    since = client.get("/api/v1/services?per_page=2", headers={"If-Modified-Since": response.headers["Last-Modified"]})
    assert since.status_code == 304
    preflight = client.options("/api/v1/services", headers={"Origin": "https://example.org",
                                                             "Access-Control-Request-Method": "GET"})
    assert preflight.headers["Access-Control-Allow-Origin"] == "*" and "GET" in preflight.headers["Access-Control-Allow-Methods"]


def test_rate_limit_headers_and_429(app, client, corpus_ids):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    first = client.get("/api/v1/taxonomies")
    assert first.headers["X-RateLimit-Limit"] == "3" and first.headers["X-RateLimit-Remaining"] == "2"
    client.get("/api/v1/taxonomy_terms")  # the budget is shared by the whole API
    client.get("/api/v1/")
    refused = client.get("/api/v1/taxonomies")
    assert refused.status_code == 429 and refused.get_json()["error"] == "rate_limited"
    assert "Retry-After" in refused.headers
