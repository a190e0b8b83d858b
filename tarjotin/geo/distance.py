"""Great-circle distances and the boxes that pre-filter them."""
from __future__ import annotations

import math

import numpy as np

from tarjotin.geo.data import municipalities

EARTH_RADIUS_KM = 6371.0088  # the IUGG mean radius
KM_PER_DEGREE_LAT = math.pi * EARTH_RADIUS_KM / 180


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in kilometres between two points in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def haversine_km_array(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """haversine_km from one point to arrays of points, for search over every place at once."""
    phi1, phi2 = math.radians(lat), np.radians(lats)
    h = np.sin((phi2 - phi1) / 2) ** 2 + math.cos(phi1) * np.cos(phi2) * np.sin(np.radians(lons - lon) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) holding every point within ``radius_km``."""
    dlat = radius_km / KM_PER_DEGREE_LAT
    min_lat, max_lat = max(lat - dlat, -90.0), min(lat + dlat, 90.0)
    # Near a pole the circle can wrap all longitudes; Finland is far from that, but be right.
    widest = max(abs(min_lat), abs(max_lat))
    if widest >= 90.0:
        return min_lat, max_lat, -180.0, 180.0
    dlon = radius_km / (KM_PER_DEGREE_LAT * math.cos(math.radians(widest)))
    if dlon >= 180.0:
        return min_lat, max_lat, -180.0, 180.0
    return min_lat, max_lat, lon - dlon, lon + dlon


def neighbouring_municipalities(code: str, within_km: float = 40) -> list[tuple[str, float]]:
    """(code, km) of the other municipalities whose centre is within ``within_km``, nearest first."""
    origin = municipalities().get(code)
    if origin is None:
        return []
    found = []
    for other in municipalities().values():
        if other.municipality_code == code:
            continue
        km = haversine_km(origin.latitude, origin.longitude, other.latitude, other.longitude)
        if km <= within_km:
            found.append((other.municipality_code, round(km, 1)))
    return sorted(found, key=lambda item: (item[1], item[0]))
