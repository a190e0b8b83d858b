"""Participation forms. Each gives the plain values the services take."""
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField, DateField, EmailField, IntegerField, RadioField, SelectField, StringField, TelField, TextAreaField,
    URLField,
)
from wtforms import SelectChoice
from wtforms.validators import URL, DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from tarjotin.forms import EMAIL_PATTERN, LANGUAGE_LABELS, PHONE_PATTERN, MultiCheckboxField, choices, strip
from tarjotin.participation.calls import CallValues, SignupDetails
from tarjotin.participation.experts import Filters, ProfileValues
from tarjotin.participation.ideas import Answer, IdeaValues
from tarjotin.participation.labels import (
    CALL_KIND_LABELS, FORMAT_LABELS, IDEA_KIND_LABELS, IDEA_STATUS_LABELS, WORK_KIND_LABELS,
)
from tarjotin.participation.requests import RequestValues

EMAIL_MESSAGE = _l("Tarkista sähköpostiosoite, esimerkiksi nimi@esimerkki.fi.")


def _text(label, required: str | None = None, max_length: int = 200, area: bool = False, **kwargs):
    validators = [DataRequired(message=required)] if required else [Optional()]
    validators.append(Length(max=max_length, message=_l("Teksti on liian pitkä: enintään %(max)d merkkiä.")))
    return (TextAreaField if area else StringField)(label, filters=[strip], validators=validators, **kwargs)


def _email(label, required: str | None = None):
    first = DataRequired(message=required) if required else Optional()
    return EmailField(label, filters=[strip], render_kw={"autocomplete": "email"},
                      validators=[first, Length(max=254), Regexp(EMAIL_PATTERN, message=EMAIL_MESSAGE)])


def _consent(message):
    return BooleanField(validators=[DataRequired(message=message)])


def _none(value: str | None) -> str | None:
    return value or None


class ProfileForm(FlaskForm):
    display_name = _text(_l("Nimi, jolla sinut esitellään"), _l("Kirjoita nimi."), 100,
                         description=_l("Etunimi, nimimerkki tai ryhmän nimi. Yhteystietoja ei näytetä kenellekään."))
    experience = _text(_l("Kokemukseni omin sanoin"), _l("Kerro kokemuksestasi."), 2000, area=True,
                       description=_l("Esimerkiksi masennus, päihteet, omaishoito, syöpä tai perhe-elämä."))
    themes = MultiCheckboxField(_l("Teemat"))
    work_kinds = MultiCheckboxField(_l("Mitä teen"), choices=choices(WORK_KIND_LABELS),
                                    validators=[DataRequired(message=_l("Valitse vähintään yksi tehtävä."))])
    languages = MultiCheckboxField(_l("Kielet"), choices=choices(LANGUAGE_LABELS),
                                   validators=[DataRequired(message=_l("Valitse vähintään yksi kieli."))])
    municipality_code = SelectField(_l("Alue"))
    availability = _text(_l("Milloin olen käytettävissä (vapaaehtoinen)"), max_length=500, area=True)
    follows_common_fee = BooleanField(_l("Noudatan hyvinvointialueen yhteistä palkkiota"), default=True)
    email = _email(_l("Sähköpostiosoite pyyntöjä varten"))
    consent = _consent(_l("Suostumus tarvitaan, jotta profiili voidaan julkaista."))

    def offer(self, themes: list, municipalities: list) -> None:
        self.themes.choices = themes
        self.municipality_code.choices = [SelectChoice("", _l("Koko hyvinvointialue"))] + municipalities

    def values(self) -> ProfileValues:
        return ProfileValues(self.display_name.data, self.experience.data, self.themes.data, self.work_kinds.data,
                             self.languages.data, _none(self.municipality_code.data), _none(self.availability.data),
                             self.follows_common_fee.data, _none(self.email.data))


def profile_consent_text() -> str:
    return _("Annan suostumukseni siihen, että kokemusasiantuntijaprofiilini tallennetaan Tarjottimeen ja "
             "näytetään hyvinvointialueen työntekijöille moderaattorin hyväksynnän jälkeen. Yhteystietojani ei "
             "näytetä. Voin perua suostumukseni milloin tahansa, jolloin profiili ja sen tiedot poistetaan.")


class SearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search changes nothing

    theme = SelectField(_l("Kokemus"), validators=[Optional()])
    work_kind = SelectField(_l("Tehtävä"), choices=[SelectChoice("", _l("Kaikki"))] + choices(WORK_KIND_LABELS),
                            validators=[Optional()])
    municipality = SelectField(_l("Alue"), validators=[Optional()])
    language = SelectField(_l("Kieli"), choices=[SelectChoice("", _l("Kaikki"))] + choices(LANGUAGE_LABELS),
                           validators=[Optional()])

    def offer(self, themes: list, municipalities: list) -> None:
        self.theme.choices = [SelectChoice("", _l("Kaikki"))] + themes
        self.municipality.choices = [SelectChoice("", _l("Kaikki"))] + municipalities

    def filters(self) -> Filters:
        return Filters(_none(self.theme.data), _none(self.work_kind.data), _none(self.municipality.data),
                       _none(self.language.data))


class RequestForm(FlaskForm):
    work_kind = RadioField(_l("Tehtävä"), choices=choices(WORK_KIND_LABELS),
                           validators=[InputRequired(message=_l("Valitse tehtävä."))])
    purpose = _text(_l("Tarkoitus"), _l("Kerro, mihin kokemusasiantuntijaa tarvitaan."), 2000, area=True)
    period = _text(_l("Päivä tai ajanjakso"), _l("Kirjoita päivä tai ajanjakso."))
    format = RadioField(_l("Toteutus"), choices=choices(FORMAT_LABELS),
                        validators=[InputRequired(message=_l("Valitse toteutustapa."))])
    fee = _text(_l("Palkkio"), _l("Kerro palkkio."), description=_l("Esimerkiksi hyvinvointialueen yhteinen palkkio."))

    def values(self) -> RequestValues:
        return RequestValues(self.work_kind.data, self.purpose.data, self.period.data, self.format.data, self.fee.data)


class AnswerRequestForm(FlaskForm):
    message = _text(_l("Viesti pyytäjälle (vapaaehtoinen)"), max_length=1000, area=True)


class CallForm(FlaskForm):
    kind = RadioField(_l("Kutsun laji"), choices=choices(CALL_KIND_LABELS),
                      validators=[InputRequired(message=_l("Valitse kutsun laji."))])
    title = _text(_l("Otsikko"), _l("Kirjoita otsikko."))
    who_sought = _text(_l("Keitä etsitään"), _l("Kerro, keitä etsitään."), 2000, area=True)
    involves = _text(_l("Mitä osallistuminen on"), _l("Kerro, mitä osallistuminen on."), 2000, area=True)
    fee = _text(_l("Palkkio (vapaaehtoinen)"))
    event_date = DateField(_l("Päivä (vapaaehtoinen)"), validators=[Optional()])
    duration_minutes = IntegerField(_l("Kesto minuutteina (vapaaehtoinen)"),
                                    validators=[Optional(), NumberRange(min=1, max=24 * 60)])
    survey_url = URLField(_l("Kyselyn osoite"), filters=[strip],
                          validators=[Optional(), URL(message=_l("Tarkista osoite."))])
    closes_on = DateField(_l("Viimeinen ilmoittautumispäivä"),
                          validators=[InputRequired(message=_l("Anna päivämäärä."))])
    retention_days = IntegerField(_l("Ilmoittautumiset poistetaan näin monen päivän kuluttua sulkeutumisesta"),
                                  validators=[InputRequired(), NumberRange(min=1, max=730)])

    def validate(self, extra_validators=None) -> bool:
        is_valid = super().validate(extra_validators)
        if self.kind.data == "survey" and not self.survey_url.data:
            self.survey_url.errors.append(_("Kyselyyn tarvitaan osoite."))
            is_valid = False
        return is_valid

    def values(self) -> CallValues:
        return CallValues(self.kind.data, self.title.data, self.who_sought.data, self.involves.data,
                          _none(self.fee.data), self.event_date.data, self.duration_minutes.data,
                          _none(self.survey_url.data), self.closes_on.data, self.retention_days.data)


class _Resident(FlaskForm):
    # Honeypot: hidden from people (and from assistive technology); bots fill in every field.
    website = StringField(_l("Jätä tämä kenttä tyhjäksi"), render_kw={"autocomplete": "off", "tabindex": "-1"})


class SignupForm(_Resident):
    name = _text(_l("Nimi"), _l("Kirjoita nimesi."), render_kw={"autocomplete": "name"})
    email = _email(_l("Sähköpostiosoite"))
    phone = TelField(_l("Puhelinnumero"), filters=[strip], render_kw={"autocomplete": "tel"},
                     validators=[Optional(), Regexp(PHONE_PATTERN, message=_l("Tarkista puhelinnumero."))])
    note = _text(_l("Kerro halutessasi itsestäsi (vapaaehtoinen)"), max_length=500, area=True,
                 description=_l("Älä kirjoita terveyteesi liittyviä tietoja."))
    consent = _consent(_l("Suostumus tarvitaan ilmoittautumiseen."))

    def validate(self, extra_validators=None) -> bool:
        is_valid = super().validate(extra_validators)
        if not self.email.data and not self.phone.data:
            self.email.errors.append(_("Anna sähköpostiosoite tai puhelinnumero."))
            is_valid = False
        return is_valid

    def details(self) -> SignupDetails:
        return SignupDetails(self.name.data, _none(self.email.data), _none(self.phone.data), _none(self.note.data))


def signup_consent_text(title: str, retention_days: int) -> str:
    consent = _("Annan suostumukseni siihen, että nimeni, yhteystietoni ja viestini tallennetaan ja annetaan "
                "kutsun \"%(title)s\" järjestäjälle yhteydenottoa varten.", title=title)
    retention = ngettext("Tiedot poistetaan %(num)d päivän kuluttua ilmoittautumisen päättymisestä.",
                         "Tiedot poistetaan %(num)d päivän kuluttua ilmoittautumisen päättymisestä.", retention_days)
    return f"{consent} {retention}"


class IdeaForm(_Resident):
    kind = RadioField(_l("Mitä haluat kertoa"), choices=choices(IDEA_KIND_LABELS), default="idea",
                      validators=[InputRequired(message=_l("Valitse, onko kyse ideasta vai palautteesta."))])
    text = _text(_l("Ideasi tai palautteesi"), _l("Kirjoita ideasi tai palautteesi."), 2000, area=True,
                 description=_l("Älä kirjoita terveyteesi liittyviä tietoja. Julkaisemme tiivistelmän ilman nimeäsi."))
    theme = SelectField(_l("Teema (vapaaehtoinen)"), validators=[Optional()])
    name = _text(_l("Nimi (vapaaehtoinen)"), render_kw={"autocomplete": "name"})
    email = _email(_l("Sähköpostiosoite (vapaaehtoinen)"))
    consent = BooleanField()

    def validate(self, extra_validators=None) -> bool:
        is_valid = super().validate(extra_validators)
        if (self.name.data or self.email.data) and not self.consent.data:
            self.consent.errors.append(_("Suostumus tarvitaan, jos jätät yhteystietosi."))
            is_valid = False
        return is_valid

    def values(self, service_id: str | None) -> IdeaValues:
        return IdeaValues(self.kind.data, self.text.data, service_id, _none(self.theme.data),
                          _none(self.name.data), _none(self.email.data))


def idea_consent_text(retention_days: int) -> str:
    consent = _("Annan suostumukseni siihen, että nimeni ja sähköpostiosoitteeni tallennetaan, jotta "
                "hyvinvointialue voi kysyä minulta lisää ideastani.")
    retention = ngettext("Ne poistetaan viimeistään %(num)d päivän kuluttua.",
                         "Ne poistetaan viimeistään %(num)d päivän kuluttua.", retention_days)
    return f"{consent} {retention}"


class IdeaAnswerForm(FlaskForm):
    public_title = _text(_l("Julkinen otsikko"), _l("Kirjoita otsikko."))
    public_text = _text(_l("Julkinen kuvaus ilman henkilötietoja"), _l("Kirjoita kuvaus."), 2000, area=True)
    status = RadioField(_l("Tila"), choices=choices(IDEA_STATUS_LABELS),
                        validators=[InputRequired(message=_l("Valitse tila."))])
    public_answer = _text(_l("Vastaus: sinä sanoit, me teimme"), max_length=2000, area=True)
    theme = SelectField(_l("Teema"), validators=[Optional()])

    def values(self) -> Answer:
        return Answer(self.public_title.data, self.public_text.data, self.status.data,
                      _none(self.public_answer.data), _none(self.theme.data))
