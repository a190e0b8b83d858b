"""Forms of the contact request and of the organisation's answer. Messages are the user's language."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext, ngettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, RadioField, SelectChoice, StringField, TelField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from tarjotin.contact.models import OUTCOMES
from tarjotin.contact.services import ContactDetails
from tarjotin.forms import CHANNEL_LABELS, EMAIL_PATTERN, LANGUAGE_LABELS, PHONE_PATTERN, MultiCheckboxField, choices, strip

MESSAGE_MAX = 500


def consent_text(organisation_names: list[str], retention_days: int, max_days: int) -> str:
    """The consent shown next to the checkbox; stored word for word with the request."""
    consent = _(
        "Annan suostumukseni siihen, että nimeni, yhteystietoni, yhteydenottotoiveeni ja mahdollinen viestini "
        "tallennetaan hyvinvointialueen Tarjotin-palveluun ja välitetään yhteydenottoa varten seuraaville: "
        "%(organisations)s.",
        organisations=", ".join(organisation_names),
    )
    retention = ngettext("Tiedot poistetaan %(num)d päivän kuluttua siitä, kun pyyntö on käsitelty.",
                         "Tiedot poistetaan %(num)d päivän kuluttua siitä, kun pyyntö on käsitelty.", retention_days)
    # Also when nothing ever ends it (no one closes it): a maximum from the last activity.
    latest = ngettext("Viimeistään tiedot poistetaan %(num)d päivän kuluttua pyynnön viimeisestä käsittelystä, vaikka sitä ei olisi suljettu.",
                      "Viimeistään tiedot poistetaan %(num)d päivän kuluttua pyynnön viimeisestä käsittelystä, vaikka sitä ei olisi suljettu.",
                      max_days)
    return f"{consent} {retention} {latest}"


TIME_LABELS = {
    "morning": _l("Aamupäivällä (8–12)"),
    "afternoon": _l("Iltapäivällä (12–16)"),
    "evening": _l("Illalla (16–20)"),
    "any": _l("Mihin aikaan tahansa"),
}
class ContactForm(FlaskForm):
    service_ids = MultiCheckboxField(
        _l("Pyyntö lähtee näille"), validators=[DataRequired(message=_l("Valitse vähintään yksi toiminta."))]
    )
    name = StringField(
        _l("Nimi"),
        filters=[strip],
        validators=[DataRequired(message=_l("Kirjoita nimesi.")), Length(max=200, message=_l("Nimi on liian pitkä."))],
        render_kw={"autocomplete": "name"},
    )
    phone = TelField(
        _l("Puhelinnumero"),
        filters=[strip],
        validators=[Optional(), Regexp(PHONE_PATTERN, message=_l("Tarkista puhelinnumero, esimerkiksi 040 123 4567."))],
        render_kw={"autocomplete": "tel"},
    )
    email = EmailField(
        _l("Sähköpostiosoite"),
        filters=[strip],
        validators=[
            Optional(),
            Length(max=254, message=_l("Sähköpostiosoite on liian pitkä.")),
            Regexp(EMAIL_PATTERN, message=_l("Tarkista sähköpostiosoite, esimerkiksi nimi@esimerkki.fi.")),
        ],
        render_kw={"autocomplete": "email"},
    )
    preferred_channel = RadioField(
        _l("Miten sinuun otetaan yhteyttä"),
        choices=choices(CHANNEL_LABELS),
        default="phone",
        validators=[InputRequired(message=_l("Valitse, miten sinuun otetaan yhteyttä."))],
    )
    preferred_time = RadioField(
        _l("Mihin aikaan"),
        choices=choices(TIME_LABELS),
        default="any",
        validators=[InputRequired(message=_l("Valitse sopiva aika."))],
    )
    language = RadioField(
        _l("Millä kielellä"),
        choices=choices(LANGUAGE_LABELS),
        validators=[InputRequired(message=_l("Valitse kieli."))],
    )
    message = TextAreaField(
        _l("Viesti (vapaaehtoinen)"),
        description=_l("Kerro lyhyesti, mitä toivot. Älä kirjoita terveyteesi liittyviä tietoja."),
        filters=[strip],
        validators=[Optional(), Length(max=MESSAGE_MAX, message=_l("Viesti on liian pitkä: enintään %(max)d merkkiä."))],
    )
    consent = BooleanField(validators=[DataRequired(message=_l("Suostumus tarvitaan, jotta pyyntö voidaan välittää."))])
    # Honeypot: hidden from people (and from assistive technology); bots fill in every field.
    website = StringField(_l("Jätä tämä kenttä tyhjäksi"), render_kw={"autocomplete": "off", "tabindex": "-1"})

    def validate(self, extra_validators=None) -> bool:
        is_valid = super().validate(extra_validators)
        channel = self.preferred_channel.data
        if not self.phone.data and not self.email.data:
            self.phone.errors.append(_("Anna puhelinnumero tai sähköpostiosoite."))
            is_valid = False
        elif channel in ("phone", "sms") and not self.phone.data:
            self.phone.errors.append(_("Anna puhelinnumero tai valitse yhteydenottotavaksi sähköposti."))
            is_valid = False
        elif channel == "email" and not self.email.data:
            self.email.errors.append(_("Anna sähköpostiosoite tai valitse yhteydenottotavaksi puhelin."))
            is_valid = False
        return is_valid

    def details(self) -> ContactDetails:
        return ContactDetails(
            name=self.name.data,
            phone=self.phone.data or None,
            email=self.email.data or None,
            language=self.language.data,
            preferred_channel=self.preferred_channel.data,
            preferred_time=self.preferred_time.data,
            message=self.message.data or None,
        )


OUTCOME_LABELS = {
    "contacted": _l("Yhteys saatu"),
    "unreachable": _l("Ei tavoitettu"),
    "no_capacity": _l("Ei tilaa"),
    "not_suitable": _l("Ei sovellu"),
}


class OutcomeForm(FlaskForm):
    outcome = RadioField(
        lazy_pgettext("contact outcome", "Tilanne"),
        choices=[SelectChoice(code, OUTCOME_LABELS[code]) for code in OUTCOMES],
        validators=[InputRequired(message=lazy_pgettext("contact outcome", "Valitse tilanne."))],
    )
    note = TextAreaField(
        _l("Muistiinpano (vapaaehtoinen)"),
        filters=[strip],
        validators=[Optional(), Length(max=1000, message=_l("Muistiinpano on liian pitkä."))],
    )
