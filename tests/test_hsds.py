"""HSDS 3 export and import through the CLI, as an administrator runs them."""
import json
from datetime import date, datetime, time, timezone

import pytest
import sqlalchemy as sa

from tarjotin.directory.models import (
    ACCESSIBILITY_CODES,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from tarjotin.directory.vocabulary import ACCESSIBILITY
from tarjotin.paths import ROOT
from tests.factories import (
    LocationFactory,
    MunicipalityFactory,
    OrganizationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    TermFactory,
)

ORG_ID = "7d1c3f4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
ROW_MODELS = (Service, Organization, Location, Schedule, ServiceAtLocation, TaxonomyTerm)
BUSINESS_ID = {"id": "i1", "identifier_scheme": "FI-PRO", "identifier_type": "business_id", "identifier": "1234567-1"}


def _kuopio():
    return MunicipalityFactory(code="297", name="Kuopio", name_sv="Kuopio", region="Pohjois-Savo")


def _rich_catalogue(db) -> None:
    """Two published organisations and one draft, with every field the export carries."""
    kuopio = _kuopio()
    mental = TermFactory(
        taxonomy="theme", code="mental_health", name="Mielenterveys", name_sv="Psykisk hälsa",
        name_en="Mental health", synonyms=["mieli", "masennus"],
    )
    lonely = TermFactory(taxonomy="theme", code="loneliness", name="Yksinäisyys", parent=mental)
    youth = TermFactory(taxonomy="target_group", code="youth", name="Nuoret", name_en="Young people")
    mieli = OrganizationFactory(
        name="Mielenterveysseura Kuopio ry", alternate_name="Mieli Kuopio",
        description_sv="Föreningen stöder psykisk hälsa.", description_en="We support mental health.",
        business_id="1234567-1", url="https://mieli.example.org", phone="+358 40 123 4567",
        assured_date=date(2025, 3, 1), last_modified=datetime(2025, 3, 2, 9, 30, 15, 123000, tzinfo=timezone.utc),
    )
    talo = LocationFactory(
        organization=mieli, name="Järjestötalo", municipality=kuopio,
        accessibility=["induction_loop", "step_free_access"], accessibility_description="Sisäänkäynti pihan puolelta.",
    )
    peer = ServiceFactory(
        organization=mieli, name="Nuorten vertaisryhmä", name_sv="Kamratgrupp för unga", name_en="Peer group for youth",
        description_sv="Vi träffas varje vecka.", description_en="We meet weekly.",
        url="https://mieli.example.org/ryhma",
        email="ryhma@example.org", eligibility_description="15–29-vuotiaille", minimum_age=15, maximum_age=29,
        is_free=False, cost_description="Jäsenmaksu 10 € vuodessa", is_registration_required=True,
        application_process="Ilmoittaudu sähköpostilla.", languages=["sv", "fi"],
        delivery_modes=["online", "in_person"],
        is_accepting_new=False, capacity_note="Ryhmä on täynnä syksyyn asti.",
        capacity_updated_at=datetime(2025, 8, 1, 12, 0, tzinfo=timezone.utc), assured_date=date(2025, 6, 1),
        taxonomy_terms=[youth, mental, lonely],
    )
    db.session.add_all(
        [
            Schedule(service=peer, freq="WEEKLY", interval=1, byday="TU", opens_at=time(17), closes_at=time(19, 30)),
            Schedule(service=peer, freq="MONTHLY", byday="1SA", opens_at=time(10), description="Retki kerran kuussa"),
        ]
    )
    ServiceAtLocationFactory(service=peer, location=talo)
    ServiceAtLocationFactory(service=ServiceFactory(organization=mieli, name="Kahvila"), location=talo)
    ServiceAtLocationFactory(
        service__organization__name="Kyläyhdistys ry", service__status="temporarily closed",
        location__municipality=kuopio,
    )
    ServiceFactory(organization__status="draft")
    db.session.commit()


def _write(tmp_path, records, name="in.json"):
    path = tmp_path / name
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _record(**fields) -> dict:
    record = {
        "id": "0b8a2f7e-1111-4c4c-9a9a-000000000001",
        "name": "Olohuone",
        "status": "active",
        "organization": {"id": ORG_ID, "name": "Avoimet ovet ry", "description": "Kohtaamispaikka."},
    }
    record.update(fields)
    return record


def _place(**location) -> dict:
    return {"id": "sal-1", "location": {"id": "loc-1", "location_type": "physical", **location}}


def _count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_export_import_export_is_byte_identical(db, runner, tmp_path):
    _rich_catalogue(db)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert runner.invoke(args=["hsds", "export", str(first)]).exit_code == 0

    db.session.remove()
    db.drop_all()
    db.create_all()
    _kuopio()
    db.session.commit()
    result = runner.invoke(args=["hsds", "import", str(first)])
    assert result.exit_code == 0, result.output
    assert "created 3, updated 0, unchanged 0, rejected 0" in result.output
    assert runner.invoke(args=["hsds", "export", str(second)]).exit_code == 0

    assert second.read_bytes() == first.read_bytes()


def test_export_writes_hsds_shapes(db, runner, tmp_path):
    _rich_catalogue(db)
    path = tmp_path / "out.json"
    runner.invoke(args=["hsds", "export", str(path)])
    records = {r["name"]: r for r in json.loads(path.read_text(encoding="utf-8"))}

    assert len(records) == 3  # the draft organisation's offering stays out
    peer = records["Nuorten vertaisryhmä"]
    assert peer["organization"]["organization_identifiers"][0] == {
        "id": peer["organization"]["organization_identifiers"][0]["id"],
        "identifier_scheme": "FI-PRO",
        "identifier_type": "business_id",
        "identifier": "1234567-1",
    }
    assert peer["organization"]["website"] == "https://mieli.example.org"
    assert peer["is_free"] is False and peer["cost_options"] == []
    assert peer["fees_description"] == "Jäsenmaksu 10 € vuodessa"
    assert [lang["code"] for lang in peer["languages"]] == ["fi", "sv"]
    assert peer["delivery_modes"] == ["in_person", "online"]
    assert [(a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["code"]) for a in peer["attributes"]] == [
        ("target_group", "youth"), ("theme", "loneliness"), ("theme", "mental_health"),
    ]
    location = peer["service_at_locations"][0]["location"]
    assert location["addresses"][0]["state_province"] == "Pohjois-Savo"
    assert [a.get("code") for a in location["accessibility"]] == ["step_free_access", "induction_loop", None]
    assert records["Kahvila"]["cost_options"][0]["amount"] == 0

    runner.invoke(args=["hsds", "export", "--all", str(path)])
    assert len(json.loads(path.read_text(encoding="utf-8"))) == 4


def test_second_import_changes_nothing(db, runner, tmp_path):
    _rich_catalogue(db)
    path = tmp_path / "out.json"
    runner.invoke(args=["hsds", "export", str(path)])
    counts = [_count(db, m) for m in ROW_MODELS]

    for _ in range(2):
        result = runner.invoke(args=["hsds", "import", str(path)])
        assert result.exit_code == 0, result.output
        assert "created 0, updated 0, unchanged 3, rejected 0" in result.output

    db.session.expire_all()
    assert [_count(db, m) for m in ROW_MODELS] == counts


def test_changed_record_counts_as_updated(db, runner, tmp_path):
    runner.invoke(args=["hsds", "import", _write(tmp_path, [_record()])])
    result = runner.invoke(args=["hsds", "import", _write(tmp_path, [_record(name="Olohuone ja kahvila")])])
    assert "created 0, updated 1, unchanged 0, rejected 0" in result.output
    assert db.session.get(Service, _record()["id"]).name == "Olohuone ja kahvila"


def test_bad_record_is_named_and_leaves_no_trace(db, runner, tmp_path):
    good_1 = _record()
    bad = _record(
        id="0b8a2f7e-1111-4c4c-9a9a-000000000002", name="Huono", minimum_age="12",
        organization={"id": "0b8a2f7e-2222-4c4c-9a9a-000000000002", "name": "Uusi ry"},
    )
    good_2 = _record(id="0b8a2f7e-1111-4c4c-9a9a-000000000003", name="Kerho")
    result = runner.invoke(args=["hsds", "import", _write(tmp_path, [good_1, bad, good_2])])

    assert result.exit_code == 1
    assert 'record 2 (id=0b8a2f7e-1111-4c4c-9a9a-000000000002, "Huono"): minimum_age: not an integer' in result.output
    assert "created 2, updated 0, unchanged 0, rejected 1" in result.output
    assert {s.name for s in db.session.scalars(sa.select(Service))} == {"Olohuone", "Kerho"}
    assert db.session.get(Organization, bad["organization"]["id"]) is None


def test_record_failing_after_its_organization_was_flushed_is_rolled_back(db, runner, tmp_path):
    record = _record(service_at_locations=[{"id": "sal-1", "location_id": "no-such-location"}])
    result = runner.invoke(args=["hsds", "import", _write(tmp_path, [record])])

    assert result.exit_code == 1
    assert "service_at_locations[0].location_id: no location with id no-such-location" in result.output
    assert _count(db, Organization) == 0 and _count(db, Service) == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "ei-osoite"}, "email: 'ei-osoite' is not an e-mail address"),
        ({"url": "ftp://example.org"}, "url: 'ftp://example.org' is not an http(s) URL"),
        ({"minimum_age": 130}, "minimum_age: 130 is outside 0-120"),
        ({"minimum_age": 50, "maximum_age": 20}, "maximum_age: 20 is below minimum_age 50"),
        ({"status": "open"}, "status: 'open' is not one of"),
        ({"status": None}, "status: required"),
        ({"name": "x" * 256}, "name: longer than 255 characters"),
        ({"languages": [{"id": "l1", "code": "xx"}]}, "languages[0].code: 'xx' is not a two-letter"),
        ({"delivery_modes": ["boat"]}, "delivery_modes: 'boat' is not one of"),
        ({"schedules": [{"id": "s1", "opens_at": "25:00"}]}, "schedules[0].opens_at: '25:00' is not a time of day"),
        ({"schedules": [{"id": "s1", "opens_at": "10:00Z"}]}, "schedules[0].opens_at: '10:00Z': give Finnish local"),
        ({"organization": None}, "organization: required"),
        (
            {"organization": {"id": ORG_ID, "name": "Ry",
                              "organization_identifiers": [{**BUSINESS_ID, "identifier": "1234567-2"}]}},
            "organization.organization_identifiers[0].identifier: '1234567-2' is not a valid Y-tunnus",
        ),
        (
            {"service_at_locations": [_place(latitude=95, longitude=27)]},
            "service_at_locations[0].location.latitude: 95 is outside -90-90",
        ),
        (
            {"service_at_locations": [_place(addresses=[{"id": "a", "postal_code": "7010"}])]},
            "service_at_locations[0].location.addresses[0].postal_code: '7010' is not a Finnish postal code",
        ),
    ],
)
def test_invalid_field_is_named(db, runner, tmp_path, fields, message):
    result = runner.invoke(args=["hsds", "import", _write(tmp_path, [_record(**fields)])])
    assert result.exit_code == 1
    assert f'record 1 (id={_record()["id"]}, "{_record(**fields).get("name")}"): {message}' in result.output
    assert _count(db, Service) == 0 and _count(db, Organization) == 0


def test_malformed_json_is_a_one_line_error(runner, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"id": "a",, "name": "x"}\n]\n', encoding="utf-8")
    result = runner.invoke(args=["hsds", "import", str(path)])
    assert result.exit_code == 2
    assert "not valid JSON: Expecting property name enclosed in double quotes at line 2, column 14" in result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, not a traceback


@pytest.mark.parametrize(("content", "found"), [('{"id": "a"}', "an object"), ('"text"', "a string")])
def test_file_that_is_not_an_array_is_refused(runner, tmp_path, content, found):
    path = tmp_path / "object.json"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(args=["hsds", "import", str(path)])
    assert result.exit_code == 2
    assert f"expected a JSON array of HSDS service objects, found {found}" in result.output


def test_minimal_record_takes_our_defaults(db, runner, tmp_path):
    minimal = {"id": "min-1", "name": "Kerho", "status": "active", "organization": {"id": "org-1", "name": "Ry"}}
    result = runner.invoke(args=["hsds", "import", _write(tmp_path, [minimal])])
    assert result.exit_code == 0, result.output

    service = db.session.get(Service, "min-1")
    assert service.organization.status == "published"
    assert (service.is_free, service.is_accepting_new, service.is_registration_required) == (True, True, False)
    assert (service.languages, service.delivery_modes, service.taxonomy_terms) == ([], [], [])


def test_minimal_example_in_the_docs_imports(db, runner, tmp_path):
    text = (ROOT / "docs" / "hsds.md").read_text(encoding="utf-8")
    example = json.loads(text.split("```json\n", 1)[1].split("```", 1)[0])
    result = runner.invoke(args=["hsds", "import", _write(tmp_path, example)])
    assert result.exit_code == 0, result.output
    assert "created 1" in result.output


def test_terms_are_matched_by_code_then_name_and_unknown_ones_created(db, runner, tmp_path):
    lonely = TermFactory(taxonomy="theme", code="loneliness", name="Yksinäisyys")
    older = TermFactory(taxonomy="target_group", code="older", name="Ikäihmiset")
    db.session.commit()
    attributes = [
        {"id": "a1", "taxonomy_term": {"id": "x1", "code": "loneliness", "name": "Lonely", "taxonomy": "theme"}},
        {"id": "a2", "taxonomy_term": {"id": "x2", "name": "IKÄIHMISET", "taxonomy_detail": {"name": "target_group"}}},
        {"id": "a3", "taxonomy_term": {"id": "x3", "name": "Ruoka-apu", "taxonomy": "theme", "name_sv": "Mathjälp"}},
        {"id": "a4", "taxonomy_term": {"id": "x4", "name": "Food Pantry", "taxonomy": "AIRS"}},
    ]
    result = runner.invoke(args=["hsds", "import", _write(tmp_path, [_record(attributes=attributes)])])

    assert result.exit_code == 0, result.output
    assert "attributes[3]: taxonomy 'AIRS' is not one of ours (theme, target_group); attribute skipped" in result.output
    service = db.session.get(Service, _record()["id"])
    created = db.session.get(TaxonomyTerm, "x3")
    assert {t.id for t in service.taxonomy_terms} == {lonely.id, older.id, created.id}
    assert (created.taxonomy, created.code, created.name_sv) == ("theme", "ruoka-apu", "Mathjälp")
    assert db.session.get(TaxonomyTerm, lonely.id).name == "Yksinäisyys"  # a file points at our terms, never edits them


def test_location_gets_municipality_from_postcode_and_virtual_means_online(db, runner, tmp_path):
    _kuopio()
    db.session.commit()
    places = [
        {"id": "sal-1", "location": {"id": "loc-1", "location_type": "physical",
                                     "addresses": [{"id": "a1", "address_1": "Puijonkatu 1", "postal_code": "70100",
                                                    "city": "Kuopio", "country": "FI", "address_type": "physical"}]}},
        {"id": "sal-2", "location": {"id": "loc-2", "location_type": "virtual", "url": "https://example.org/meet"}},
    ]
    result = runner.invoke(args=["hsds", "import", _write(tmp_path, [_record(service_at_locations=places)])])

    assert result.exit_code == 0, result.output
    assert db.session.get(Location, "loc-1").municipality_code == "297"
    assert db.session.get(Location, "loc-2") is None
    assert db.session.get(Service, _record()["id"]).delivery_modes == ["in_person", "online"]


def test_business_id_of_another_organisation_is_refused(db, runner, tmp_path):
    OrganizationFactory(business_id="1234567-1", name="Vanha ry")
    db.session.commit()
    record = _record(organization={"id": ORG_ID, "name": "Uusi ry", "organization_identifiers": [BUSINESS_ID]})
    result = runner.invoke(args=["hsds", "import", _write(tmp_path, [record])])

    assert result.exit_code == 1
    assert "organization.organization_identifiers: Y-tunnus 1234567-1 already belongs to organisation" in result.output


def test_every_accessibility_code_has_a_label():
    assert set(ACCESSIBILITY) == set(ACCESSIBILITY_CODES)


def test_export_writes_accessibility_in_finnish_whatever_the_readers_language(app, db):
    from tarjotin.hsds.export import location_to_hsds

    location = LocationFactory(accessibility=["sign_language"])
    db.session.commit()
    with app.test_request_context("/?lang=sv"):
        assert str(ACCESSIBILITY["sign_language"]) != "Viittomakielinen palvelu"  # the page would say it in Swedish
        described = location_to_hsds(location)["accessibility"][0]["description"]
    assert described == "Viittomakielinen palvelu"


def test_an_interrupted_import_leaves_nothing_behind(db):
    """The per-record savepoints sit inside one transaction on every backend, SQLite included."""
    from tarjotin.hsds.load import import_services

    second = _record(id="0b8a2f7e-1111-4c4c-9a9a-000000000002", name="Kahvila")
    result = import_services([_record(), second])
    assert result.created == 2, result.messages
    db.session.rollback()  # what a crash before the command's commit amounts to
    assert _count(db, Service) == 0 and _count(db, Organization) == 0
