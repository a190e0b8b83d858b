"""Words for the codes the directory stores, once for every reader: the public pages, the search
filters, the editing forms and the HSDS export (which writes them in Finnish).

Lazy, so each is translated into the reader's language when it is shown.
"""
from flask_babel import lazy_gettext as _l

ACCESSIBILITY = {
    "step_free_access": _l("Esteetön kulku"),
    "accessible_toilet": _l("Esteetön wc"),
    "elevator": _l("Hissi"),
    "induction_loop": _l("Induktiosilmukka"),
    "accessible_parking": _l("Esteetön pysäköinti"),
    "guide_dog_welcome": _l("Opaskoira on tervetullut"),
    "easy_read_material": _l("Selkokielistä materiaalia"),
    "sign_language": _l("Viittomakielinen palvelu"),
}

DELIVERY = {
    "in_person": _l("Paikan päällä"),
    "online": _l("Verkossa"),
    "phone": _l("Puhelimessa"),
}

# Which week of the month a monthly schedule meets ("1TU": the first Tuesday).
ORDINALS = {
    1: _l("ensimmäinen"),
    2: _l("toinen"),
    3: _l("kolmas"),
    4: _l("neljäs"),
    -1: _l("viimeinen"),
}
