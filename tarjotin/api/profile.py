"""The Tarjotin profile of HSDS 3.0: every field we write beyond the official schemas, with its type
and meaning, as a profile gives them (per HSDS object, JSON Schema properties that extend the
official schema's). The root endpoint names it; tests/api check that each field the export or the
API writes outside the official schemas is listed here.
"""
from __future__ import annotations

from tarjotin.api.openapi import BOOL, DATE, DATETIME, NUM, STR
from tarjotin.directory.models import ACCESSIBILITY_CODES, CAPACITY_STATUSES, DELIVERY_MODES, TAXONOMIES

TEXT_SV, TEXT_EN = "The same text in Swedish.", "The same text in English."


def _strings() -> dict:
    return {"type": "array", "items": STR}


# object -> field -> (JSON Schema type, meaning)
EXTENSIONS: dict[str, dict[str, tuple[dict, str]]] = {
    "service": {
        "name_sv": (STR, TEXT_SV), "name_en": (STR, TEXT_EN),
        "description_sv": (STR, TEXT_SV), "description_en": (STR, TEXT_EN),
        "is_free": (BOOL, "Taking part costs nothing (cost_options then holds one option of amount 0)."),
        "is_registration_required": (BOOL, "One must sign up in advance."),
        "delivery_modes": ({"type": "array", "items": {"enum": list(DELIVERY_MODES)}},
                           "How one takes part: in person, online, by phone."),
        "is_accepting_new": (BOOL, "New participants are taken now (capacity_status is accepting)."),
        "capacity_status": ({"enum": list(CAPACITY_STATUSES)},
                            "Room for new participants: accepting, waiting list, or not now."),
        "capacity_note": (STR, "The organisation's own words on its capacity."),
        "capacity_updated_at": (DATETIME, "When the capacity was last confirmed."),
    },
    "organization": {
        "description_sv": (STR, TEXT_SV), "description_en": (STR, TEXT_EN),
        "status": ({"enum": ["draft", "published", "archived"]},
                   "Moderation state; the API and the open-data files show published ones only."),
        "assured_date": (DATE, "When a person last checked the organisation's details."),
        "last_modified": (DATETIME, "When the organisation's details last changed."),
    },
    "location": {
        "municipality_code": (STR, "Official three-digit Finnish municipality code (Statistics Finland)."),
    },
    "address": {
        "region": (STR, "The municipality's name (state_province holds the region, maakunta)."),
    },
    "accessibility": {
        "code": ({"enum": list(ACCESSIBILITY_CODES)}, "The accessibility feature as a code; description says it in Finnish."),
    },
    "taxonomy_term": {
        "name_sv": (STR, TEXT_SV), "name_en": (STR, TEXT_EN),
        "synonyms": (_strings(), "Lay words people search with for this term, in Finnish."),
        "synonyms_sv": (_strings(), "Lay words people search with for this term, in Swedish."),
        "synonyms_en": (_strings(), "Lay words people search with for this term, in English."),
        "taxonomy": ({"enum": list(TAXONOMIES)}, "The taxonomy by name: themes or target groups."),
        "taxonomy_detail": ({"type": "object"}, "The taxonomy object itself (id, name, description)."),
    },
    "service_search_item": {
        "distance_km": ({"type": ["number", "null"]}, "Kilometres from the place searched for to the nearest place."),
        "score": (NUM, "Relevance score; higher is better, comparable within one answer only."),
        "available_anywhere": (BOOL, "Taken part in online or by phone, wherever one lives."),
        "explanation": ({"type": "object"}, "Why this result: matched terms, distance, last review, staleness, capacity."),
    },
    "service_page": {
        "facets": ({"type": "object"}, "Counts of the matches per filter value (theme, municipality, language...)."),
        "available_anywhere": ({"type": "object"}, "Online and phone offerings outside the radius: total and a first page."),
        "origin": ({"type": ["object", "null"]}, "The place searched from: latitude, longitude, label."),
        "corrections": ({"type": "object"}, "Words of the query corrected for spelling, as typed -> as searched."),
    },
    "service_at_location": {
        "distance_km": (NUM, "Kilometres from the postcode's centre, when a postcode was given."),
    },
}
PARAMETERS = {
    "/services": ("near", "lat", "lon", "radius_km", "theme", "target_group", "municipality", "language", "delivery",
                  "accessibility", "free", "accepting_new", "sort"),
}


def hsds_profile(url: str) -> dict:
    return {
        "$id": url,
        "name": "tarjotin",
        "title": "Tarjotin profile of HSDS 3.0",
        "hsds_version": "3.0",
        "description": "Open Referral HSDS 3.0 as Tarjotin, a Finnish wellbeing services county's catalogue of "
                       "NGO offerings, writes it: the official schemas plus these fields. Swedish and English text "
                       "travel in _sv and _en fields; addresses are Finnish.",
        "schemas": {
            name: {"type": "object", "properties": {field: {**schema, "description": meaning}
                                                    for field, (schema, meaning) in fields.items()}}
            for name, fields in EXTENSIONS.items()
        },
        "parameters": {path: list(names) for path, names in PARAMETERS.items()},
        "errors": "A parameter we do not take or a value we cannot use answers 400 with `field` naming it; "
                  "an unknown id answers 404.",
    }
