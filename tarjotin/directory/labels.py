"""Words for the codes the directory stores (accessibility, delivery, index fields), in the reader's language."""
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

# Where a search word was found, for the "why this result" disclosure (index field -> words).
MATCH_FIELDS = {
    "name": _l("nimessä"),
    "terms": _l("teemoissa ja asiasanoissa"),
    "org": _l("järjestön nimessä"),
    "body": _l("kuvauksessa"),
    "place": _l("paikan nimessä"),
    "sv": _l("ruotsinkielisessä tekstissä"),
    "en": _l("englanninkielisessä tekstissä"),
}

ORDINALS = {
    1: _l("ensimmäinen"),
    2: _l("toinen"),
    3: _l("kolmas"),
    4: _l("neljäs"),
    -1: _l("viimeinen"),
}
