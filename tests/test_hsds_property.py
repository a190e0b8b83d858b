"""Property: any valid HSDS field an import is given either comes back out of the export or the import
names it. Records are drawn from the official schemas' own fields (tests/hsds_official), so a field
the mapping forgets (five schedule fields once were) fails here instead of vanishing."""
import json
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tarjotin.hsds import export_services
from tests.api.official import contents

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäö ", min_size=1, max_size=20).map(str.strip).filter(bool)
# A valid value for each official field by its name; fields not named here are plain text.
VALUES = {
    "url": st.just("https://example.org/a"), "website": st.just("https://example.org/b"),
    "email": st.just("info@example.org"), "assurer_email": st.just("check@example.org"),
    "assured_date": st.just("2026-05-04"), "valid_from": st.just("2026-01-01"), "valid_to": st.just("2026-12-31"),
    "dtstart": st.just("2026-01-05"), "until": st.just("2026-06-30"), "minimum_age": st.integers(0, 17),
    "maximum_age": st.integers(18, 120), "freq": st.sampled_from(["WEEKLY", "MONTHLY"]),
    "interval": st.integers(1, 4), "byday": st.sampled_from(["MO", "TU,TH", "1WE"]),
    "opens_at": st.sampled_from(["09:00", "17:30"]), "closes_at": st.sampled_from(["11:00", "19:00"]),
    "timezone": st.just(2), "count": st.integers(1, 20), "wkst": st.just("MO"), "bymonthday": st.just("15"),
    "byweekno": st.just("10"), "byyearday": st.just("100"), "attending_type": st.just("in_person"),
    "schedule_link": st.just("https://example.org/s"), "year_incorporated": st.integers(1900, 2025),
    "logo": st.just("https://example.org/logo.png"), "uri": st.just("https://example.org/o"),
    "status": st.just("active"), "minimum_capacity": st.integers(0, 3),
}
SKIPPED = {"id", "organization_id", "program_id", "service_id", "location_id", "service_at_location_id",
           "parent_organization_id", "last_modified", "metadata", "attributes"}


def _scalar_fields(schema: str) -> list[str]:
    properties = contents(f"{schema}.json")["properties"]
    return sorted(name for name, body in properties.items()
                  if body.get("type") in ("string", "number", "integer") and name not in SKIPPED)


def _object(schema: str, required: dict):
    optional = {name: VALUES.get(name, WORDS) for name in _scalar_fields(schema) if name not in required}
    return st.fixed_dictionaries(required, optional=optional)


def _records():
    new_id = st.builds(lambda: str(uuid.uuid4()))
    schedule = _object("schedule", {"id": new_id})
    organization = _object("organization", {"id": new_id, "name": WORDS, "description": WORDS})
    return _object("service", {"id": new_id, "name": WORDS, "status": st.just("active"),
                               "organization": organization}).flatmap(
        lambda record: st.lists(schedule, max_size=2).map(lambda schedules: {**record, "schedules": schedules}))


def _lost(given_value, exported, path: str) -> list[str]:
    """Paths of `given_value` that `exported` lacks (lists matched by id)."""
    if isinstance(given_value, dict):
        return [p for key, value in given_value.items()
                for p in ([f"{path}.{key}".lstrip(".")] if key not in (exported or {})
                          else _lost(value, exported[key], f"{path}.{key}".lstrip(".")))]
    if isinstance(given_value, list):
        by_id = {item.get("id"): item for item in exported or [] if isinstance(item, dict)}
        return [p for i, item in enumerate(given_value) for p in _lost(item, by_id.get(item.get("id")), f"{path}[{i}]")]
    return []


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(record=_records())
def test_a_field_comes_back_out_or_the_import_names_it(runner, db, tmp_path, record):
    source = tmp_path / f"{record['id']}.json"
    source.write_text(json.dumps([record]))
    result = runner.invoke(args=["hsds", "import", str(source)])
    assert result.exit_code == 0, result.output
    (exported,) = [r for r in export_services() if r["id"] == record["id"]]
    silent = [path for path in _lost(record, exported, "") if path not in result.output]
    assert not silent, (silent, result.output)


def test_our_own_export_imports_without_a_warning(runner, db, tmp_path):
    record = {"id": str(uuid.uuid4()), "name": "Olohuone", "status": "active",
              "organization": {"id": str(uuid.uuid4()), "name": "Avoimet ovet ry", "description": "Kaikille."},
              "schedules": [{"id": str(uuid.uuid4()), "freq": "WEEKLY", "byday": "TU", "opens_at": "10:00"}]}
    source = tmp_path / "in.json"
    source.write_text(json.dumps([record]))
    assert runner.invoke(args=["hsds", "import", str(source)]).exit_code == 0
    again = tmp_path / "again.json"
    again.write_text(json.dumps(export_services()))
    result = runner.invoke(args=["hsds", "import", str(again)])
    assert result.exit_code == 0 and "warning" not in result.output, result.output
