"""Published listings as CSV: one row per offering and place, for spreadsheets.

Built from the same HSDS objects as the JSON export (export.service_to_hsds), so the two never
disagree. An offering without a place (online or phone only) is one row with the place columns empty.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from tarjotin.hsds import published
from tarjotin.hsds.export import iter_dumps, iter_services, service_to_hsds
from tarjotin.spreadsheet import safe_cell

COLUMNS = (
    "service_id", "service_name", "service_name_sv", "service_name_en", "service_description", "service_url",
    "service_email", "service_status", "is_free", "fees_description", "is_accepting_new", "delivery_modes",
    "languages", "themes", "target_groups", "minimum_age", "maximum_age", "assured_date", "last_modified",
    "organization_id", "organization_name", "organization_business_id", "organization_website",
    "location_id", "location_name", "address_1", "postal_code", "city", "municipality_code", "latitude",
    "longitude", "accessibility",
)
LIST_SEPARATOR = "; "


def rows(service: dict) -> list[dict]:
    """An HSDS service object -> its CSV rows as {column: text}."""
    organization = service["organization"]
    identifiers = organization.get("organization_identifiers", [])
    terms = [attribute["taxonomy_term"] for attribute in service.get("attributes", [])]
    common = {
        "service_id": service["id"], "service_name": service.get("name"), "service_name_sv": service.get("name_sv"),
        "service_name_en": service.get("name_en"), "service_description": service.get("description"),
        "service_url": service.get("url"), "service_email": service.get("email"),
        "service_status": service.get("status"), "is_free": service.get("is_free"),
        "fees_description": service.get("fees_description"), "is_accepting_new": service.get("is_accepting_new"),
        "delivery_modes": LIST_SEPARATOR.join(service.get("delivery_modes", [])),
        "languages": LIST_SEPARATOR.join(language["code"] for language in service.get("languages", [])),
        "themes": LIST_SEPARATOR.join(t["code"] for t in terms if t["taxonomy"] == "theme"),
        "target_groups": LIST_SEPARATOR.join(t["code"] for t in terms if t["taxonomy"] == "target_group"),
        "minimum_age": service.get("minimum_age"), "maximum_age": service.get("maximum_age"),
        "assured_date": service.get("assured_date"), "last_modified": service.get("last_modified"),
        "organization_id": organization["id"], "organization_name": organization.get("name"),
        "organization_business_id": identifiers[0]["identifier"] if identifiers else None,
        "organization_website": organization.get("website"),
    }
    places = [sal["location"] for sal in service.get("service_at_locations", [])]
    if not places:
        return [_text(common)]
    found = []
    for location in places:
        address = (location.get("addresses") or [{}])[0]
        found.append(_text({
            **common, "location_id": location["id"], "location_name": location.get("name"),
            "address_1": address.get("address_1"), "postal_code": address.get("postal_code"),
            "city": address.get("city"), "municipality_code": location.get("municipality_code"),
            "latitude": location.get("latitude"), "longitude": location.get("longitude"),
            "accessibility": LIST_SEPARATOR.join(a["code"] for a in location.get("accessibility", []) if "code" in a),
        }))
    return found


def _text(row: dict) -> dict:
    # Booleans as true/false, as in the JSON; absent values as empty cells; numbers as they are; text
    # that a spreadsheet would run as a formula (an editor's "=HYPERLINK(...)") made plain text.
    return {k: ("true" if v else "false") if isinstance(v, bool) else safe_cell(v) if isinstance(v, str) or v is None
            else v for k, v in row.items()}


def _services() -> Iterator[dict]:
    return (service_to_hsds(row) for row in iter_services(published.visible_services()))


def iter_csv() -> Iterator[str]:
    """The CSV text a chunk at a time (UTF-8 with a byte-order mark so spreadsheet programs read ä and ö)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, restval="", lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writeheader()
    for service in _services():
        writer.writerows(rows(service))
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def iter_json() -> Iterator[str]:
    """The visible offerings as the canonical HSDS JSON file text, streamed."""
    return iter_dumps(_services())
