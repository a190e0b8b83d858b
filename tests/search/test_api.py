"""GET /api/v1/services: HSDS 3 page shape, search extras, 400s naming the field, 503 without an index."""
import pytest

PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


def test_page_shape(client, corpus_ids):
    body = client.get("/api/v1/services?search=vertaistuki&near=Kuopio&per_page=2").get_json()
    assert PAGE_KEYS <= body.keys()
    assert body["size"] == 2 and body["page_number"] == 1 and body["first_page"] is True
    assert body["total_items"] >= 3 and body["total_pages"] >= 2 and body["last_page"] is False
    item = body["contents"][0]
    assert {"id", "name", "description", "organization", "distance_km", "score", "explanation"} <= item.keys()
    assert item["organization"]["name"]
    assert item["distance_km"] <= 25
    assert {"matched_terms", "distance_km", "last_reviewed"} <= item["explanation"].keys()
    assert {"theme", "target_group", "municipality", "language", "free", "accepting_new"} <= body["facets"].keys()


def test_available_anywhere_block(client, corpus_ids):
    body = client.get("/api/v1/services?search=yksinäisyys&near=70100").get_json()
    assert corpus_ids["juttuapu"] in {item["id"] for item in body["available_anywhere"]["contents"]}


def test_filters_and_empty_page(client, corpus_ids):
    body = client.get("/api/v1/services?theme=substances&municipality=Varkaus&free=true&accepting_new=true").get_json()
    assert [item["id"] for item in body["contents"]] == [corpus_ids["aa-ryhma"]]
    empty = client.get("/api/v1/services?search=vertaistuki&page=99").get_json()
    assert empty["empty"] is True and empty["contents"] == []


@pytest.mark.parametrize(
    "query, field",
    [
        ("near=Atlantis", "near"),
        ("near=Kuopio&radius_km=abc", "radius_km"),
        ("near=Kuopio&radius_km=500", "radius_km"),
        ("lat=x&lon=27", "lat"),
        ("lat=nan&lon=27", "lat"),
        ("lat=62", "lon"),
        ("page=two", "page"),
        ("free=maybe", "free"),
        ("sort=distance", "sort"),
    ],
)
def test_bad_input_is_400_naming_the_field(client, corpus_ids, query, field):
    response = client.get(f"/api/v1/services?{query}")
    assert response.status_code == 400
    assert response.get_json()["field"] == field


def test_missing_index_is_503_with_the_rebuild_command(client):
    response = client.get("/api/v1/services?search=suru")
    assert response.status_code == 503
    assert "search rebuild" in response.get_json()["message"]
    assert client.get("/").status_code == 200  # the rest of the site keeps working
