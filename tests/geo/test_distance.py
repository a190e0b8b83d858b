import pytest

from tarjotin.geo.distance import bounding_box, haversine_km, neighbouring_municipalities

HELSINKI = (60.16952, 24.93545)
KUOPIO = (62.89238, 27.67703)


def test_helsinki_to_kuopio_is_about_336_km():
    # The straight line between the two centres; the road is longer.
    assert haversine_km(*HELSINKI, *KUOPIO) == pytest.approx(336, abs=5)
    assert haversine_km(*KUOPIO, *HELSINKI) == pytest.approx(haversine_km(*HELSINKI, *KUOPIO))
    assert haversine_km(*KUOPIO, *KUOPIO) == 0


def test_bounding_box_holds_the_circle():
    min_lat, max_lat, min_lon, max_lon = bounding_box(*KUOPIO, 25)
    assert min_lat < KUOPIO[0] < max_lat and min_lon < KUOPIO[1] < max_lon
    assert haversine_km(min_lat, KUOPIO[1], *KUOPIO) == pytest.approx(25, abs=0.01)
    assert haversine_km(KUOPIO[0], max_lon, *KUOPIO) >= 25


def test_bounding_box_near_a_pole_spans_every_longitude():
    assert bounding_box(89.9, 0, 50)[2:] == (-180.0, 180.0)


def test_neighbouring_municipalities_nearest_first():
    neighbours = neighbouring_municipalities("297", within_km=60)
    codes = [code for code, _ in neighbours]
    assert codes[0] == "749"  # Siilinjärvi
    assert "297" not in codes
    assert [km for _, km in neighbours] == sorted(km for _, km in neighbours)
    assert all(km <= 60 for _, km in neighbours)
    assert neighbouring_municipalities("999") == []
