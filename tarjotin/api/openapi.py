"""The OpenAPI 3.1 document of /api/v1, written next to the code it describes.

Object schemas are closed (additionalProperties: false) so that tests/api, which validate real
answers against this document, fail when the serialiser grows a field the document lacks.
"""
from __future__ import annotations

from tarjotin.directory.models import ACCESSIBILITY_CODES, CAPACITY_STATUSES, DELIVERY_MODES, TAXONOMIES
from tarjotin.directory.visibility import VISIBLE_SERVICE_STATUSES
from tarjotin.search.service import MAX_PER_PAGE, RADIUS_KM, SORTS

STR, INT, NUM, BOOL = {"type": "string"}, {"type": "integer"}, {"type": "number"}, {"type": "boolean"}
DATE, DATETIME = {"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties: dict, required: tuple[str, ...] = ("id",)) -> dict:
    return {"type": "object", "properties": properties, "required": list(required), "additionalProperties": False}


def _array(items: dict) -> dict:
    return {"type": "array", "items": items}


TAXONOMY = _object({"id": STR, "name": {"enum": list(TAXONOMIES)}, "description": STR}, ("id", "name", "description"))
TERM = _object({
    "id": STR, "code": STR, "name": STR, "name_sv": STR, "name_en": STR, "description": STR, "parent_id": STR,
    "synonyms": _array(STR), "synonyms_sv": _array(STR), "synonyms_en": _array(STR),
    "taxonomy": {"enum": list(TAXONOMIES)}, "taxonomy_id": STR,
    "taxonomy_detail": _ref("Taxonomy"),
}, ("id", "code", "name", "description", "taxonomy", "taxonomy_id"))
ADDRESS = _object({
    "id": STR, "address_type": {"const": "physical"}, "address_1": STR, "postal_code": STR, "city": STR,
    "region": STR, "state_province": STR, "country": {"const": "FI"},
}, ("id", "address_type", "address_1", "city", "postal_code", "state_province", "country"))
LOCATION = _object({
    "id": STR, "organization_id": STR, "location_type": {"const": "physical"}, "name": STR,
    "latitude": NUM, "longitude": NUM, "municipality_code": STR, "addresses": _array(ADDRESS),
    "accessibility": _array(_object({"id": STR, "code": {"enum": list(ACCESSIBILITY_CODES)}, "description": STR},
                                    ("id", "description"))),
}, ("id", "organization_id", "location_type"))
ORGANIZATION_FIELDS = {
    "id": STR, "name": STR, "alternate_name": STR, "description": STR, "description_sv": STR, "description_en": STR,
    "email": STR, "website": STR, "phones": _array(_object({"id": STR, "number": STR}, ("id", "number"))),
    "organization_identifiers": _array(_object(
        {"id": STR, "identifier_scheme": STR, "identifier_type": STR, "identifier": STR},
        ("id", "identifier_scheme", "identifier_type", "identifier"))),
    "status": {"const": "published"}, "assured_date": DATE, "last_modified": DATETIME,
}
# One schema for the three shapes: full has everything, full=false drops the arrays, minimal keeps
# id, name, status and last_modified (what HSDS service_list requires, and the change time).
SERVICE_FIELDS = {
    "id": STR, "organization_id": STR, "name": STR, "name_sv": STR, "name_en": STR, "description": STR,
    "description_sv": STR, "description_en": STR, "url": STR, "email": STR,
    "status": {"enum": list(VISIBLE_SERVICE_STATUSES)}, "eligibility_description": STR,
    "minimum_age": INT, "maximum_age": INT, "application_process": STR, "fees_description": STR, "is_free": BOOL,
    "cost_options": _array(_object({"id": STR, "amount": NUM, "currency": {"const": "EUR"}})),
    "is_registration_required": BOOL, "delivery_modes": _array({"enum": list(DELIVERY_MODES)}),
    "is_accepting_new": BOOL, "capacity_status": {"enum": list(CAPACITY_STATUSES)}, "capacity_note": STR, "capacity_updated_at": DATETIME, "assured_date": DATE,
    "last_modified": DATETIME,
    "languages": _array(_object({"id": STR, "code": STR, "name": STR}, ("id", "code"))),
    "schedules": _array(_object({"id": STR, "freq": {"enum": ["WEEKLY", "MONTHLY"]}, "interval": INT,
                                 "byday": STR, "opens_at": STR, "closes_at": STR, "description": STR})),
    "attributes": _array(_object({"id": STR, "link_entity": {"const": "service"}, "link_id": STR,
                                  "taxonomy_term_id": STR, "taxonomy_term": _ref("TaxonomyTerm")},
                                 ("id", "link_entity", "link_id", "taxonomy_term_id"))),
    "service_at_locations": _array(_object({"id": STR, "service_id": STR, "location_id": STR,
                                            "location": _ref("Location")}, ("id", "service_id", "location_id"))),
    "organization": _ref("Organization"),
}
NULLABLE_NUM = {"type": ["number", "null"]}
SEARCH_FIELDS = {
    "distance_km": NULLABLE_NUM, "score": NUM, "available_anywhere": BOOL,
    "explanation": _object({
        "matched_terms": _array(STR), "distance_km": NULLABLE_NUM, "last_reviewed": {"type": ["string", "null"]},
        "is_stale": BOOL, "is_accepting_new": BOOL,
    }, ("matched_terms", "distance_km", "last_reviewed", "is_stale", "is_accepting_new")),
}
ERROR = _object({"error": STR, "message": STR, "field": STR}, ("error", "message"))
SCHEMAS = {
    "Taxonomy": TAXONOMY,
    "TaxonomyTerm": TERM,
    "Location": LOCATION,
    "Organization": _object(ORGANIZATION_FIELDS, ("id", "name", "status", "last_modified")),
    "OrganizationWithServices": _object({**ORGANIZATION_FIELDS, "services": _array(_ref("Service"))},
                                        ("id", "name", "status", "last_modified")),
    "Service": _object(SERVICE_FIELDS, ("id", "name", "status", "last_modified")),
    "ServiceSearchItem": _object({**SERVICE_FIELDS, **SEARCH_FIELDS}, ("id", "name", "status", "last_modified")),
    "ServiceAtLocation": _object({"id": STR, "service_id": STR, "location_id": STR, "service": _ref("Service"),
                                  "location": _ref("Location"), "distance_km": NUM},
                                 ("id", "service_id", "location_id", "service", "location")),
    "Error": ERROR,
}


def _page(item: str, extra: dict | None = None) -> dict:
    properties = {
        "total_items": INT, "total_pages": INT, "page_number": INT, "size": INT, "first_page": BOOL,
        "last_page": BOOL, "empty": BOOL, "contents": _array(_ref(item)), **(extra or {}),
    }
    return _object(properties, tuple(properties))


SEARCH_PAGE_EXTRA = {
    "facets": {"type": "object", "additionalProperties": {"type": "object", "additionalProperties": INT}},
    "available_anywhere": _object({"total_items": INT, "contents": _array(_ref("ServiceSearchItem"))},
                                  ("total_items", "contents")),
    "origin": {"oneOf": [{"type": "null"}, _object({"latitude": NUM, "longitude": NUM, "label": STR},
                                                   ("latitude", "longitude", "label"))]},
    "corrections": {"type": "object", "additionalProperties": STR},
}


def _query(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


def _list(description: str) -> dict:
    return {**STR, "description": f"{description} Repeat the parameter or separate values with commas."}


PAGING = [
    _query("page", {**INT, "minimum": 1, "maximum": 100_000}, "Page number, from 1."),
    _query("per_page", {**INT, "minimum": 1, "maximum": MAX_PER_PAGE}, f"Items per page, 1-{MAX_PER_PAGE} (20)."),
]
SEARCH = _query("search", {**STR, "maxLength": 200}, "Words to search for (Finnish, Swedish or English).")
FORMAT = _query("format", {"enum": ["json", "ndjson"]},
                "json (default): one page; ndjson: every item, one JSON object a line, without pages.")
TAXONOMY_IDS = _query("taxonomy_id", _list("Taxonomy ids or names (theme, target_group)."),
                      "Only offerings with any term of this taxonomy.")
TERM_IDS = _query("taxonomy_term_id", _list("Taxonomy term ids; an offering must have each."), "Taxonomy term ids.")
ORGANIZATION_IDS = _query("organization_id", _list("Organisation ids."), "Only these organisations' offerings.")
MODIFIED_AFTER = _query("modified_after", DATETIME, "Only what changed on or after this ISO 8601 time (UTC if no zone).")
FULL = _query("full", BOOL, "true: nested arrays (default for /services); false: one-to-one fields only.")
SERVICE_SEARCH = [
    SEARCH, *PAGING, FORMAT, TERM_IDS, TAXONOMY_IDS, ORGANIZATION_IDS, MODIFIED_AFTER, FULL,
    _query("minimal", BOOL, "true: only id, name, status and last_modified of each offering."),
    _query("near", {**STR, "maxLength": 100}, "A place name or a five-digit postcode; 400 if unknown."),
    _query("lat", {**NUM, "minimum": -90, "maximum": 90}, "Latitude (WGS84), with lon."),
    _query("lon", {**NUM, "minimum": -180, "maximum": 180}, "Longitude (WGS84), with lat."),
    _query("radius_km", {**NUM, "minimum": RADIUS_KM[0], "maximum": RADIUS_KM[1]}, "Radius around near or lat/lon (25)."),
    _query("theme", _list("Theme codes."), "Theme codes (see /taxonomy_terms)."),
    _query("target_group", _list("Target group codes."), "Target group codes."),
    _query("municipality", _list("Municipality codes or names."), "Municipality codes or names; 400 if unknown."),
    _query("language", _list("ISO 639-1 codes."), "Languages the offering is given in."),
    _query("delivery", _list(f"One of {', '.join(DELIVERY_MODES)}."), "How one takes part; 400 if unknown."),
    _query("accessibility", _list(f"One of {', '.join(ACCESSIBILITY_CODES)}."), "Accessibility of a place."),
    _query("free", BOOL, "Only free offerings (true) or only paid ones (false)."),
    _query("accepting_new", BOOL, "Only offerings taking new participants (true) or not (false)."),
    _query("sort", {"enum": list(SORTS)}, "relevance (default) or distance (needs near or lat/lon)."),
]
ID = {"name": "id", "in": "path", "required": True, "schema": STR}


def _responses(schema: dict, *errors: int) -> dict:
    headers = {
        # Not on format=ndjson, which streams; every JSON answer has one (tests/api/test_endpoints.py).
        "ETag": {"schema": STR, "description": "On JSON answers: send it back in If-None-Match for a 304."},
        "Last-Modified": {"schema": STR, "description": "Newest change among the answer's items."},
        "Access-Control-Allow-Origin": {"required": True, "schema": {"const": "*"}},
        "X-RateLimit-Limit": {"schema": STR}, "X-RateLimit-Remaining": {"schema": STR},
        "X-RateLimit-Reset": {"schema": STR},
    }
    error = {"content": {"application/json": {"schema": _ref("Error")}}}
    words = {400: "A parameter is not valid; `field` names it.", 404: "No published item with this id.",
             503: "The search index is being built; try again shortly."}
    content = {"application/json": {"schema": schema}}
    if schema.get("properties", {}).get("contents"):  # a page: format=ndjson streams its items instead
        content["application/x-ndjson"] = {"schema": schema["properties"]["contents"]["items"]}
    return {
        "200": {"description": "OK", "headers": headers, "content": content},
        "304": {"description": "Not modified since the ETag or date the client sent."},
        **{str(code): {"description": words[code], **error} for code in errors},
        "429": {"description": "Rate limit reached; see Retry-After.", **error},
    }


def _get(summary: str, parameters: list, schema: dict, *errors: int, operation: str) -> dict:
    return {"get": {"summary": summary, "operationId": operation, "parameters": parameters,
                    "responses": _responses(schema, *errors)}}


def document(server_url: str) -> dict:
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Tarjotin open data API",
            "version": "1.0.0",
            "summary": "Wellbeing offerings of NGOs, associations and parishes, in Open Referral HSDS 3 shapes.",
            "license": {"name": "CC BY 4.0", "identifier": "CC-BY-4.0"},
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/": _get("About this API and its HSDS version", [], _object(
                {"version": STR, "profile": STR, "openapi_url": STR, "description": STR},
                ("version", "profile", "openapi_url")), operation="getAPIMetaInformation"),
            "/openapi.json": _get("This document", [], {"type": "object"}, operation="getOpenAPIDocument"),
            "/profile.json": _get("The Tarjotin profile of HSDS 3.0: every extension field, its type and meaning",
                                  [], {"type": "object"}, operation="getProfile"),
            "/services": _get("Search offerings (an HSDS page of services with facets)", SERVICE_SEARCH,
                              _page("ServiceSearchItem", SEARCH_PAGE_EXTRA), 400, 503,
                              operation="getPaginatedListOfServices"),
            "/services/{id}": {"parameters": [ID], **_get("One offering, fully nested", [], _ref("Service"), 404,
                                                          operation="getFullyNestedServiceById")},
            "/organizations": _get("Published organisations by name", [
                SEARCH, *PAGING, FORMAT, TERM_IDS, _query("full", BOOL, "true: each with its offerings nested."),
                _query("full_service", BOOL, "Same as full."),
            ], _page("OrganizationWithServices"), 400, operation="getPaginatedListOfOrganizations"),
            "/organizations/{id}": {"parameters": [ID], **_get(
                "One organisation with its offerings", [_query("full_service", BOOL, "true: offerings fully nested.")],
                _ref("OrganizationWithServices"), 400, 404, operation="getOrganizationById")},
            "/taxonomies": _get("The two taxonomies: themes and target groups", [SEARCH, *PAGING, FORMAT],
                                _page("Taxonomy"), 400, operation="getPaginatedListOfTaxonomies"),
            "/taxonomies/{id}": {"parameters": [ID], **_get("One taxonomy, by id or name", [], _ref("Taxonomy"), 404,
                                                            operation="getTaxonomyById")},
            "/taxonomy_terms": _get("Themes and target groups", [
                SEARCH, *PAGING, FORMAT, _query("taxonomy_id", STR, "A taxonomy's id or name (theme, target_group)."),
                _query("parent_id", STR, "Only the children of this term."),
                _query("top_only", BOOL, "true: only terms without a parent."),
            ], _page("TaxonomyTerm"), 400, operation="getPaginatedListOfTaxonomyTerms"),
            "/taxonomy_terms/{id}": {"parameters": [ID], **_get("One theme or target group", [], _ref("TaxonomyTerm"),
                                                                404, operation="getTaxonomyTermById")},
            "/service_at_locations": _get("Offerings at their places; nearest first given a postcode", [
                SEARCH, *PAGING, FORMAT, TERM_IDS, TAXONOMY_IDS, ORGANIZATION_IDS, MODIFIED_AFTER,
                _query("full", BOOL, "true: the offering fully nested."),
                _query("postcode", STR, "A Finnish postcode: its centre is the origin; 400 if unknown."),
                _query("proximity", {**NUM, "minimum": 1, "maximum": 200_000}, "Metres from the postcode's centre."),
            ], _page("ServiceAtLocation"), 400, 503, operation="getPaginatedListOfServiceAtLocation"),
            "/service_at_locations/{id}": {"parameters": [ID], **_get(
                "One offering at one place, fully nested", [], _ref("ServiceAtLocation"), 404,
                operation="getServiceAtLocationById")},
        },
        "components": {"schemas": SCHEMAS},
    }
