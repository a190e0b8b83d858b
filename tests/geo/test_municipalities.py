import sqlalchemy as sa

from tarjotin.directory.models import Municipality
from tarjotin.directory.municipalities import municipality_for_postcode
from tarjotin.directory.reference import sync_reference_data


def _sync(db) -> int:
    count = sync_reference_data(db.session.connection()).municipalities
    db.session.commit()
    return count


def test_sync_municipalities_is_idempotent(db):
    first = _sync(db)
    second = _sync(db)
    stored = db.session.scalar(sa.select(sa.func.count()).select_from(Municipality))
    assert first == second == stored >= 300
    kuopio = db.session.get(Municipality, "297")
    assert (kuopio.name, kuopio.region) == ("Kuopio", "Pohjois-Savo")
    assert db.session.get(Municipality, "091").name_sv == "Helsingfors"


def test_sync_restores_a_changed_row(db):
    _sync(db)
    db.session.get(Municipality, "297").region = "Väärä"
    db.session.commit()
    _sync(db)
    db.session.expire_all()
    assert db.session.get(Municipality, "297").region == "Pohjois-Savo"


def test_municipality_for_postcode():
    assert municipality_for_postcode("70100") == "297"
    assert municipality_for_postcode(" 00100 ") == "091"
    assert municipality_for_postcode("00000") is None
