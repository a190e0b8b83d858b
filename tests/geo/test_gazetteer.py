import pytest
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from tarjotin.geo import get_geocoder
from tarjotin.geo.gazetteer import OfflineGeocoder


@pytest.fixture(scope="module")
def geocoder():
    return OfflineGeocoder()


def test_postcode_resolves_to_its_area_and_municipality(geocoder):
    location = geocoder.geocode("70100")
    assert isinstance(location, Location)
    assert location.raw["kind"] == "postcode"
    assert location.raw["postal_code"] == "70100"
    assert location.raw["municipality_code"] == "297"
    assert location.address == "70100 Kuopio"


def test_postcode_is_found_inside_an_address(geocoder):
    assert geocoder.geocode("Puijonkatu 10, 70100 Kuopio").raw["postal_code"] == "70100"


@pytest.mark.parametrize(
    "query, code",
    [
        ("Kuopio", "297"),
        ("  kuopio, Finland ", "297"),
        ("KUOPIO, Suomi", "297"),
        ("Siilinjärvi", "749"),
        ("Helsingfors", "091"),
        ("Åbo", "853"),
        ("Abo", "853"),
        ("Vasa", "905"),
        ("Mariehamn", "478"),
        ("Jarvenpaa", "186"),
        ("Hameenlinna", "109"),
        ("Pieksamaki", "593"),
    ],
)
def test_municipality_by_finnish_swedish_or_unaccented_name(geocoder, query, code):
    location = geocoder.geocode(query)
    assert location.raw["kind"] == "municipality"
    assert location.raw["municipality_code"] == code


def test_swedish_name_is_carried_in_raw(geocoder):
    raw = geocoder.geocode("Turku").raw
    assert (raw["name"], raw["name_sv"]) == ("Turku", "Åbo")


def test_municipality_wins_over_a_same_named_locality(geocoder):
    first, *others = geocoder.geocode("Kuopio", exactly_one=False)
    assert first.raw["kind"] == "municipality"
    assert any(other.raw["kind"] == "locality" for other in others)


def test_locality_and_its_own_coordinates(geocoder):
    location = geocoder.geocode("Vehmersalmi")
    assert location.raw["kind"] == "locality"
    assert location.raw["municipality_code"] == "297"
    assert location.point != geocoder.geocode("Kuopio").point


def test_trailing_municipality_picks_among_same_named_places(geocoder):
    assert geocoder.geocode("Nummi, Lohja").raw["municipality_code"] == "444"


@pytest.mark.parametrize("query", ["Xyzzyby", "", "   ", ", Finland", "00000", "Pakettiautomaatti"])
def test_unknown_place_is_none(geocoder, query):
    assert geocoder.geocode(query) is None
    assert geocoder.geocode(query, exactly_one=False) is None


@pytest.mark.parametrize("query", [70100, None, {"city": "Kuopio"}])
def test_a_query_that_is_not_text_is_a_value_error(geocoder, query):
    with pytest.raises(ValueError):
        geocoder.geocode(query)


def test_reverse_gives_the_nearest_place(geocoder):
    assert geocoder.reverse((62.762, 28.03)).raw["name"] == "Vehmersalmi"
    assert geocoder.reverse("62.8924, 27.6770").raw["kind"] == "municipality"
    nearest = geocoder.reverse((62.89, 27.68), exactly_one=False, limit=3)
    assert len(nearest) == 3 and nearest[0].raw["municipality_code"] == "297"
    with pytest.raises(ValueError):
        geocoder.reverse("nowhere")


def test_suggest_matches_prefixes_without_accents(geocoder):
    assert geocoder.suggest("kuo")[0] == "Kuopio"
    assert geocoder.suggest("Jarvenp")[0] == "Järvenpää"
    assert geocoder.suggest("helsingf") == ["Helsingfors"]
    assert "Vehmersalmi, Kuopio" in geocoder.suggest("vehmer")
    assert len(geocoder.suggest("k", limit=5)) == 5
    assert geocoder.suggest("") == [] and geocoder.suggest("qqq") == []


def test_every_suggestion_geocodes(geocoder):
    for name in geocoder.suggest("sa", limit=20):
        assert geocoder.geocode(name) is not None, name


def test_get_geocoder_is_offline_unless_nominatim_is_asked_for():
    assert isinstance(get_geocoder({}), OfflineGeocoder)
    assert isinstance(get_geocoder({"GEOCODER": "offline"}), Geocoder)
    online = get_geocoder({"GEOCODER": "nominatim", "NOMINATIM_USER_AGENT": "tarjotin-test"})
    assert isinstance(online, Nominatim)
    assert online.headers["User-Agent"] == "tarjotin-test"
    with pytest.raises(ValueError):
        get_geocoder({"GEOCODER": "google"})
