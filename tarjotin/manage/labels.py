"""How the change history and the moderator's diff name fields, objects, actions and states.

The stored names are the HSDS field names; people read these instead, in their own language.
A name missing here (a field added later) shows as stored rather than failing the page.
"""
from flask_babel import lazy_gettext as _l

FIELDS = {
    "name": _l("Nimi"),
    "name_sv": _l("Nimi (ruotsi)"),
    "name_en": _l("Nimi (englanti)"),
    "alternate_name": _l("Muu nimi tai lyhenne"),
    "description": _l("Kuvaus"),
    "description_sv": _l("Kuvaus (ruotsi)"),
    "description_en": _l("Kuvaus (englanti)"),
    "business_id": _l("Y-tunnus"),
    "email": _l("Sähköposti"),
    "url": _l("Verkkosivut"),
    "phone": _l("Puhelinnumero"),
    "eligibility_description": _l("Kenelle toiminta on tarkoitettu"),
    "minimum_age": _l("Alaikäraja"),
    "maximum_age": _l("Yläikäraja"),
    "is_free": _l("Maksuton"),
    "cost_description": _l("Hinta ja maksut"),
    "is_registration_required": _l("Ennakkoilmoittautuminen tarvitaan"),
    "application_process": _l("Miten mukaan pääsee"),
    "languages": _l("Kielet"),
    "delivery_modes": _l("Miten toimintaan osallistutaan"),
    "themes": _l("Teemat"),
    "target_groups": _l("Kohderyhmät"),
    "location_ids": _l("Toimipaikat"),
    "schedules": _l("Ajat"),
    "address_1": _l("Katuosoite"),
    "postal_code": _l("Postinumero"),
    "city": _l("Postitoimipaikka"),
    "municipality_code": _l("Kunta"),
    "latitude": _l("Leveysaste"),
    "longitude": _l("Pituusaste"),
    "accessibility": _l("Saavutettavuus"),
    "accessibility_description": _l("Saavutettavuudesta lisää"),
    "status": _l("Tila"),
    "is_trusted": _l("Luotettu järjestö"),
    "assured_date": _l("Tarkistettu"),
    "capacity_status": _l("Tilaa uusille"),
    "capacity_note": _l("Lisätieto tilanteesta"),
}
TARGETS = {"organization": _l("Järjestö"), "service": _l("Toiminta"), "location": _l("Toimipaikka")}
ACTIONS = {
    "create": _l("uusi"),
    "update": _l("muutos"),
    "archive": _l("poisto näkyvistä"),
    "capacity": _l("tilanne"),
    "confirm": _l("ajan tasalla"),
}
STATUSES = {
    "pending": _l("odottaa hyväksyntää"),
    "approved": _l("hyväksytty"),
    "rejected": _l("hylätty"),
    "superseded": _l("korvattu uudemmalla"),
    "applied": _l("julkaistu suoraan"),
}


def context() -> dict:
    """For the templates of both blueprints that show changes."""
    return {"change_labels": {"field": FIELDS, "target": TARGETS, "action": ACTIONS, "status": STATUSES}}
