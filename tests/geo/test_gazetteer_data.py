"""The committed CSVs: complete, consistent and inside Finland."""
from tarjotin.geo.data import localities, municipalities, postcodes

# Finland with Åland, generously.
LAT_RANGE = (59.3, 70.2)
LON_RANGE = (19.0, 31.7)


def inside_finland(place) -> bool:
    return LAT_RANGE[0] <= place.latitude <= LAT_RANGE[1] and LON_RANGE[0] <= place.longitude <= LON_RANGE[1]


def test_every_municipality_has_a_code_region_and_centre():
    assert len(municipalities()) >= 300
    for code, municipality in municipalities().items():
        assert len(code) == 3 and code.isdigit()
        assert municipality.name and municipality.region
        assert inside_finland(municipality), municipality
    assert municipalities()["478"].region == "Ahvenanmaa"


def test_every_postcode_has_coordinates_inside_finland_and_a_known_municipality():
    assert len(postcodes()) > 4500
    for code, postcode in postcodes().items():
        assert len(code) == 5 and code.isdigit()
        assert postcode.municipality_code in municipalities(), postcode
        assert inside_finland(postcode), postcode


def test_every_locality_is_in_a_known_municipality_and_inside_finland():
    assert len(localities()) > 900
    for locality in localities():
        assert locality.municipality_code in municipalities(), locality
        assert inside_finland(locality), locality
