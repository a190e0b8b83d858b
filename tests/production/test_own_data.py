"""A county's own data on the production path: an empty database, `db upgrade`, `search rebuild`,
`hsds import` of its own file, and no `seed demo`. The thesaurus and the municipalities come with
the upgrade, the file's theme names land on our terms, and search finds Finnish-only listings in
Swedish and English through them."""
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from tarjotin import create_app
from tarjotin.directory.models import Location, Service, TaxonomyTerm
from tarjotin.directory.reference import thesaurus
from tarjotin.extensions import db
from tarjotin.search.engine import voikko_handle
from tests.fixtures.database import drop_everything

LISTINGS = Path(__file__).with_name("own_listings.json")
LONELY, DEPRESSION, VIOLENCE, CARERS = (f"a1000000-0000-4000-8000-00000000000{n}" for n in range(1, 5))
THIN_VIOLENCE, THIN_DEPRESSION = (f"a2000000-0000-4000-8000-00000000000{n}" for n in range(1, 3))


@pytest.fixture(params=["voikko", "snowball"])
def county(request, empty_database_url, tmp_path):
    """The app after the production path, and what `hsds import` printed."""
    if request.param == "voikko":
        request.applymarker(pytest.mark.voikko)
        if voikko_handle(True) is None:
            pytest.skip("libvoikko or its Finnish dictionary is not installed")
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "SQLALCHEMY_DATABASE_URI": empty_database_url,
                      "INDEX_DIR": str(tmp_path / "index"), "VOIKKO": request.param == "voikko"})
    runner = app.test_cli_runner()
    with app.app_context():
        drop_everything()
        for args in (["db", "upgrade"], ["search", "rebuild"]):
            result = runner.invoke(args=args)
            assert result.exit_code == 0, result.output
        imported = runner.invoke(args=["hsds", "import", str(LISTINGS)])
        assert imported.exit_code == 0, imported.output
        yield app, imported.output
        db.session.remove()
        drop_everything()


def _top(app, text: str) -> list[str]:
    answer = app.test_client().get("/api/v1/services", query_string={"search": text})
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return [hit["id"] for hit in answer.get_json()["contents"]]


def test_foreign_theme_names_land_on_our_terms(county):
    app, output = county
    lonely = db.session.get(Service, LONELY)
    assert {(t.taxonomy, t.code) for t in lonely.taxonomy_terms} == {("theme", "loneliness"), ("target_group", "older-people")}
    assert [t.code for t in db.session.get(Service, DEPRESSION).taxonomy_terms] == ["mental-health"]
    assert [t.code for t in db.session.get(Service, VIOLENCE).taxonomy_terms] == ["violence"]
    assert "caregivers" in {t.code for t in db.session.get(Service, CARERS).taxonomy_terms}
    # Only the one name no thesaurus term has becomes a term of its own, and the summary says so.
    shipped = sum(len(entries) for entries in thesaurus().values())
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TaxonomyTerm)) == shipped + 1
    assert "1 term(s) not in the thesaurus, kept under their taxonomy:\n  theme: Taide ja kulttuuri (1 offering(s))" in output


def test_addresses_without_coordinates_are_placed_offline(county):
    app, output = county
    kohtaamo = db.session.get(Location, "d1000000-0000-4000-8000-000000000001")
    assert kohtaamo.municipality_code == "297" and kohtaamo.latitude is not None
    iisalmi = db.session.get(Location, "d1000000-0000-4000-8000-000000000004")
    assert iisalmi.municipality_code == "140" and iisalmi.latitude is not None
    assert "placed 2 address(es) without coordinates offline: 1 from the municipality, 1 from the postcode" in output
    hits = app.test_client().get("/api/v1/services", query_string={"near": "Kuopio"}).get_json()
    assert LONELY in [hit["id"] for hit in hits["contents"]]
    assert LONELY not in [hit["id"] for hit in hits["available_anywhere"]["contents"]]


@pytest.mark.parametrize("text", ["yksinäisyys", "yksinäinen", "ensamhet", "loneliness", "lonely"])
def test_the_finnish_only_listing_is_found_in_three_languages(county, text):
    app, _ = county
    assert _top(app, text)[:1] == [LONELY]


def _thin(service_id: str, name: str, description: str) -> dict:
    """A record as thin as HSDS allows: no themes, no place, Finnish only."""
    number = service_id[-1]
    return {"id": service_id, "name": name, "description": description,
            "status": "active", "organization": {"id": f"b2000000-0000-4000-8000-00000000000{number}",
                                                 "name": f"Yhdistys {number} ry"}}


def test_masentunut_ranks_depression_above_violence(county, tmp_path):
    """Voikko's "-nut" once left a bare "nut" term that met "kokenut" in violence listings."""
    app, _ = county
    path = tmp_path / "thin.json"
    path.write_text(json.dumps([
        _thin(THIN_VIOLENCE, "Ryhmä väkivaltaa kokeneille", "Oletko kokenut väkivaltaa? Moni on kokenut saman, ja ryhmä auttaa."),
        _thin(THIN_DEPRESSION, "Keskusteluryhmä", "Tukea masennukseen."),
    ]), encoding="utf-8")
    assert app.test_cli_runner().invoke(args=["hsds", "import", str(path)]).exit_code == 0
    found = _top(app, "masentunut")
    assert found[0] == DEPRESSION
    assert VIOLENCE not in found and THIN_VIOLENCE not in found
    if app.config["VOIKKO"]:  # base forms take "masentunut" to "masennukseen" (masentaa); the fallback cannot
        assert found[1] == THIN_DEPRESSION


def test_front_page_lists_our_themes_and_the_export_has_the_region(county, tmp_path):
    app, _ = county
    page = app.test_client().get("/").get_data(as_text=True)
    assert "Yksinäisyys ja yhteisöllisyys" in page and "Omaiset ja läheiset" in page
    path = tmp_path / "export.json"
    assert app.test_cli_runner().invoke(args=["hsds", "export", str(path)]).exit_code == 0
    exported = {record["id"]: record for record in json.loads(path.read_text(encoding="utf-8"))}
    address = exported[LONELY]["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["region"], address["state_province"]) == ("Kuopio", "Pohjois-Savo")
