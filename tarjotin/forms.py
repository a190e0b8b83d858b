"""Form building blocks shared by every domain's forms."""
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget

PHONE_PATTERN = r"^\+?[0-9][0-9 ()-]{4,24}$"
# Deliberately loose (the address is confirmed by mail arriving), but never whitespace, so never CR/LF.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
LANGUAGE_LABELS = {"fi": "suomi", "sv": "svenska", "en": "English"}  # each in its own language
CHANNEL_LABELS = {"phone": _l("Soittamalla"), "sms": _l("Tekstiviestillä"), "email": _l("Sähköpostilla")}


def strip(value):
    return value.strip() if isinstance(value, str) else value


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in labels.items()]
