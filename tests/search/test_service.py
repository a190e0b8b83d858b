"""Ranking, geo radius and distance, 'available anywhere', facets and explanations."""
from datetime import date

import pytest

from tarjotin.search import get_index
from tarjotin.search.service import InvalidSearch, SearchRequest, search


def run(**params):
    return search(get_index(), SearchRequest(**params), date.today(), 425)


def test_radius_and_distance_to_nearest_place(corpus_ids):
    result = run(text="masennus", near="Kuopio", radius_km=25)
    ids = [hit.service_id for hit in result.hits]
    assert corpus_ids["mt-keskusteluryhma"] in ids
    assert corpus_ids["masennus-vertaistuki"] not in ids  # Joensuu, about 110 km away
    assert all(hit.distance_km is not None and hit.distance_km <= 25 for hit in result.hits)
    assert result.origin.label == "Kuopio"


def test_online_and_phone_offerings_are_listed_apart(corpus_ids):
    result = run(text="yksinäisyys", near="Siilinjärvi")
    assert corpus_ids["ystavapiiri"] in {hit.service_id for hit in result.hits}
    anywhere = {hit.service_id for hit in result.anywhere}
    assert corpus_ids["juttuapu"] in anywhere
    assert all(hit.available_anywhere for hit in result.anywhere)
    assert result.anywhere_total == len(anywhere)


def test_sort_by_distance(corpus_ids):
    result = run(text="", lat=62.95, lon=27.72, radius_km=60, sort="distance", per_page=50)
    distances = [hit.distance_km for hit in result.hits]
    assert distances == sorted(distances)
    assert result.hits[0].service_id == corpus_ids["kuntoutujat-taynna"]  # the one place off the centre


def test_stale_and_full_offerings_rank_lower(index, db):
    from datetime import timedelta

    from tests.factories import ServiceFactory

    today = date.today()
    fresh = ServiceFactory(name="Lukupiiri", assured_date=today)
    stale = ServiceFactory(name="Lukupiiri", assured_date=today - timedelta(days=500))
    full = ServiceFactory(name="Lukupiiri", assured_date=today, is_accepting_new=False)
    db.session.commit()
    hits = run(text="lukupiiri").hits
    assert hits[0].service_id == fresh.id
    assert {hit.service_id for hit in hits[1:]} == {stale.id, full.id}
    by_id = {hit.service_id: hit for hit in hits}
    assert by_id[stale.id].explanation.is_stale and not by_id[fresh.id].explanation.is_stale
    assert by_id[full.id].explanation.is_accepting_new is False


def test_explanation_names_matched_terms(corpus_ids):
    hit = run(text="päihteet").hits[0]
    assert any(term.endswith(("päihde", "päihd")) for term in hit.explanation.matched_terms)


def test_filters_and_facets(corpus_ids):
    result = run(text="", themes=("substances",), per_page=50)
    assert result.total == 4
    assert result.facets["theme"]["substances"] == 4
    assert result.facets["municipality"]["297"] == 2
    free = run(text="", free=False)
    assert [hit.service_id for hit in free.hits] == [corpus_ids["tyottomat"]]
    assert run(text="", municipalities=("Varkaus",)).total == run(text="", municipalities=("915",)).total


def test_paging(corpus_ids):
    first, second = run(text="", per_page=5), run(text="", per_page=5, page=2)
    assert first.total == second.total and first.total_pages == -(-first.total // 5)
    assert not {h.service_id for h in first.hits} & {h.service_id for h in second.hits}


def test_typo_is_corrected(corpus_ids):
    result = run(text="masenus")
    assert result.corrections == {"masenus": "masennus"} or result.corrections["masenus"].startswith("masenn")
    assert corpus_ids["masennus-vertaistuki"] in {hit.service_id for hit in result.hits}


@pytest.mark.parametrize(
    "params, field",
    [
        ({"near": "Atlantis"}, "near"),
        ({"radius_km": 0.5, "near": "Kuopio"}, "radius_km"),
        ({"radius_km": 250, "near": "Kuopio"}, "radius_km"),
        ({"lat": 95.0, "lon": 27.0}, "lat"),
        ({"lat": 62.0}, "lon"),
        ({"sort": "distance"}, "sort"),
        ({"sort": "newest"}, "sort"),
        ({"page": 0}, "page"),
        ({"per_page": 1000}, "per_page"),
        ({"municipalities": ("Ei Ole Kunta",)}, "municipality"),
    ],
)
def test_bad_input_names_the_field(corpus_ids, params, field):
    with pytest.raises(InvalidSearch) as error:
        run(**params)
    assert error.value.field == field
