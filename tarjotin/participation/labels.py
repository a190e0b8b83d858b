"""Names of the participation codes, for forms and pages."""
from flask_babel import lazy_gettext as _l

WORK_KIND_LABELS = {
    "lecture": _l("Luento"),
    "development": _l("Kehittämistyö"),
    "peer_reception": _l("Vertaisvastaanotto"),
    "facilitation": _l("Ryhmän ohjaaminen"),
    "panel": _l("Asiakasraati tai paneeli"),
}
FORMAT_LABELS = {"in_person": _l("Paikan päällä"), "remote": _l("Etänä"), "either": _l("Kumpi tahansa")}
CALL_KIND_LABELS = {
    "panel": _l("Asiakasraati"),
    "workshop": _l("Työpaja"),
    "survey": _l("Kysely"),
    "testing": _l("Testaustilaisuus"),
}
IDEA_KIND_LABELS = {"idea": _l("Kehittämisidea"), "feedback": _l("Palaute palvelusta")}
IDEA_STATUS_LABELS = {
    "received": _l("Vastaanotettu"),
    "considering": _l("Harkinnassa"),
    "developing": _l("Otettu kehitettäväksi"),
    "implemented": _l("Toteutettu"),
    "not_taken": _l("Ei viety eteenpäin"),
}
REQUEST_STATUS_LABELS = {"sent": _l("Odottaa vastausta"), "accepted": _l("Hyväksytty"), "declined": _l("Kieltäydytty")}
PROFILE_STATUS_LABELS = {"pending": _l("Odottaa hyväksyntää"), "published": _l("Julkaistu"), "rejected": _l("Hylätty")}


def all_labels() -> dict:
    return {
        "work_kind_labels": WORK_KIND_LABELS,
        "format_labels": FORMAT_LABELS,
        "call_kind_labels": CALL_KIND_LABELS,
        "idea_kind_labels": IDEA_KIND_LABELS,
        "idea_status_labels": IDEA_STATUS_LABELS,
        "request_status_labels": REQUEST_STATUS_LABELS,
        "profile_status_labels": PROFILE_STATUS_LABELS,
    }
