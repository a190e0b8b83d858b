"""Places and distances: the offline gazetteer, an opt-in online geocoder, distance helpers."""
from __future__ import annotations

from collections.abc import Mapping

from geopy.geocoders.base import Geocoder

from tarjotin.geo.gazetteer import OfflineGeocoder


def get_geocoder(config: Mapping) -> Geocoder:
    """The geocoder that ``config["GEOCODER"]`` names.

    "offline" (the default) is the gazetteer in seed_data/ and serves search. "nominatim" is
    geopy's Nominatim, online and opt-in: call it only when a listing's address is saved,
    never at search time, as its usage policy allows one request a second and a search must
    not wait on a third party.
    """
    kind = config.get("GEOCODER", "offline")
    if kind == "offline":
        return OfflineGeocoder()
    if kind == "nominatim":
        from geopy.geocoders import Nominatim

        return Nominatim(user_agent=config["NOMINATIM_USER_AGENT"])
    raise ValueError(f"GEOCODER must be 'offline' or 'nominatim', not {kind!r}")
