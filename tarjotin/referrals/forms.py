"""Forms of the referral screens and of the organisation's status update."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext, ngettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, RadioField, SelectField, StringField, TelField
from wtforms.validators import InputRequired, Length, Optional, Regexp

from tarjotin.forms import CHANNEL_LABELS, EMAIL_PATTERN, LANGUAGE_LABELS, PHONE_PATTERN, MultiCheckboxField, choices, strip
from tarjotin.referrals.services import Client

STATUS_LABELS = {
    "sent": _l("Lähetetty"),
    "opened": _l("Avattu"),
    "accepted": _l("Hyväksytty"),
    "declined": _l("Ei voitu ottaa vastaan"),
    "contacted": _l("Yhteys saatu"),
    "started": _l("Asiakas aloittanut"),
    "could_not_reach": _l("Asiakasta ei tavoitettu"),
    "client_declined": _l("Asiakas kieltäytyi"),
    "closed": _l("Suljettu"),
    "cancelled": _l("Peruttu"),
}
REASON_LABELS = {
    "no_capacity": _l("Ei tilaa"),
    "not_eligible": _l("Ei kuulu kohderyhmään"),
    "other": _l("Muu syy"),
}
MODE_LABELS = {
    "details": _l("Järjestö ottaa yhteyttä asiakkaaseen"),
    "self": _l("Asiakas ottaa itse yhteyttä (henkilötietoja ei välitetä)"),
}
UNKNOWN_PLACE = _l("Paikkaa ei löytynyt. Kokeile kunnan nimeä tai postinumeroa.")


def consent_text(organisation_names: list[str], retention_days: int, max_days: int) -> str:
    """Read to the client and stored word for word with each referral."""
    consent = _(
        "Asiakas antaa suostumuksensa siihen, että hänen nimensä ja yhteystietonsa tallennetaan "
        "hyvinvointialueen Tarjotin-palveluun ja välitetään yhteydenottoa varten seuraaville: "
        "%(organisations)s.",
        organisations=", ".join(organisation_names),
    )
    retention = ngettext("Tiedot poistetaan %(num)d päivän kuluttua siitä, kun lähete on suljettu.",
                         "Tiedot poistetaan %(num)d päivän kuluttua siitä, kun lähete on suljettu.", retention_days)
    # Also when nothing ever ends it (no one closes it): a maximum from the last activity.
    latest = ngettext("Viimeistään tiedot poistetaan %(num)d päivän kuluttua lähetteen viimeisestä tilamuutoksesta, vaikka sitä ei olisi suljettu.",
                      "Viimeistään tiedot poistetaan %(num)d päivän kuluttua lähetteen viimeisestä tilamuutoksesta, vaikka sitä ei olisi suljettu.",
                      max_days)
    return f"{consent} {retention} {latest}"


class FindForm(FlaskForm):
    """Screen 1. A GET form that only reads, so it carries no CSRF token and can be bookmarked."""

    class Meta:
        csrf = False

    step = SelectField(_l("Hoitopolku ja vaihe"), validators=[Optional()])
    need = StringField(
        _l("Tai tarve omin sanoin"), filters=[strip], validators=[Optional(), Length(max=200)],
        description=_l("Esimerkiksi ”yksinäisyys” tai ”vertaistuki omaishoitajalle”. Älä kirjoita asiakkaan nimeä."),
    )
    place = StringField(
        _l("Asiakkaan asuinpaikka"), filters=[strip],
        validators=[InputRequired(message=_l("Anna kunta, kylä tai postinumero.")), Length(max=100)],
        description=_l("Kunta, kylä tai postinumero"),
    )

    def validate(self, extra_validators=None) -> bool:
        is_valid = super().validate(extra_validators)
        if not self.step.data and not self.need.data:
            self.step.errors.append(_("Valitse hoitopolun vaihe tai kirjoita tarve."))
            is_valid = False
        return is_valid


class ClientForm(FlaskForm):
    """Screen 2: the chosen offerings, and the client's details with consent, or no details at all."""

    service_ids = MultiCheckboxField(
        _l("Lähete lähtee näille"), validators=[InputRequired(message=_l("Valitse vähintään yksi toiminta."))]
    )
    step = HiddenField()
    need = HiddenField(filters=[strip], validators=[Optional(), Length(max=200)])
    place = HiddenField(filters=[strip])
    mode = RadioField(_l("Yhteydenotto"), choices=choices(MODE_LABELS), default="details",
                      validators=[InputRequired(message=_l("Valitse, kuka ottaa yhteyttä."))])
    name = StringField(_l("Asiakkaan nimi"), filters=[strip], validators=[Optional(), Length(max=200)])
    phone = TelField(
        _l("Puhelinnumero"), filters=[strip],
        validators=[Optional(), Regexp(PHONE_PATTERN, message=_l("Tarkista puhelinnumero, esimerkiksi 040 123 4567."))],
    )
    email = EmailField(
        _l("Sähköpostiosoite"), filters=[strip],
        validators=[Optional(), Length(max=254),
                    Regexp(EMAIL_PATTERN, message=_l("Tarkista sähköpostiosoite, esimerkiksi nimi@esimerkki.fi."))],
    )
    preferred_channel = RadioField(_l("Miten asiakkaaseen otetaan yhteyttä"), choices=choices(CHANNEL_LABELS),
                                   default="phone", validators=[Optional()])
    language = RadioField(_l("Asiakkaan kieli"), choices=choices(LANGUAGE_LABELS),
                          validators=[InputRequired(message=_l("Valitse kieli."))])
    email_slip = BooleanField(_l("Lähetä lähete myös asiakkaan sähköpostiin"))
    consent = BooleanField()

    def validate(self, extra_validators=None) -> bool:
        is_valid = super().validate(extra_validators)
        problems = []
        if self.mode.data == "details":
            if not self.name.data:
                problems.append((self.name, _("Kirjoita asiakkaan nimi.")))
            if self.preferred_channel.data in ("phone", "sms") and not self.phone.data:
                problems.append((self.phone, _("Anna puhelinnumero tai valitse yhteydenottotavaksi sähköposti.")))
            if self.preferred_channel.data == "email" and not self.email.data:
                problems.append((self.email, _("Anna sähköpostiosoite tai valitse yhteydenottotavaksi puhelin.")))
            if not self.consent.data:
                problems.append((self.consent, _("Kirjaa asiakkaan suostumus, tai valitse, että asiakas ottaa itse yhteyttä.")))
        if self.email_slip.data and not self.email.data:
            problems.append((self.email, _("Anna sähköpostiosoite, johon lähete lähetetään.")))
        for field, message in problems:
            field.errors.append(message)
        return is_valid and not problems

    def client(self) -> Client | None:
        if self.mode.data != "details":
            return None
        return Client(self.name.data, self.phone.data or None, self.email.data or None, self.preferred_channel.data)

    def slip_email(self) -> str | None:
        return self.email.data if self.email_slip.data else None


class StatusForm(FlaskForm):
    """The organisation's update; the choices are the moves the loop allows from the current status."""

    status = RadioField(_l("Uusi tilanne"), validators=[InputRequired(message=lazy_pgettext("referral status", "Valitse tilanne."))])
    reason = RadioField(_l("Syy"), choices=choices(REASON_LABELS), validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        is_valid = super().validate(extra_validators)
        if self.status.data == "declined" and not self.reason.data:
            self.reason.errors.append(_("Valitse syy."))
            return False
        return is_valid

    def decline_reason(self) -> str | None:
        return self.reason.data if self.status.data == "declined" else None
