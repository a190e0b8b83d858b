"""Editing forms. Each gives the plain values the services take; nothing is saved from a form
that does not validate, and the user's input is rendered back."""
import re
from datetime import time

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField, FieldList, FloatField, Form, FormField, IntegerField, RadioField, SelectField, StringField,
    TextAreaField, TimeField, URLField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from tarjotin.directory.vocabulary import ACCESSIBILITY, DELIVERY, ORDINALS
from tarjotin.forms import EMAIL_PATTERN, LANGUAGE_LABELS, MultiCheckboxField, choices, strip

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_LABELS = dict(zip(DAYS, (_l("ma"), _l("ti"), _l("ke"), _l("to"), _l("pe"), _l("la"), _l("su"))))
BYDAY = re.compile(r"^(-?\d)?(MO|TU|WE|TH|FR|SA|SU)$")
CAPACITY_LABELS = {
    "accepting": _l("Otamme uusia osallistujia"),
    "waiting_list": _l("Jonotuslista: uudet pääsevät mukaan myöhemmin"),
    "not_now": _l("Emme ota nyt uusia osallistujia"),
}


def _text(label, max_length=255, required=False, area=False):
    validators = [DataRequired(message=_l("Tämä tieto tarvitaan."))] if required else [Optional()]
    validators.append(Length(max=max_length, message=_l("Teksti on liian pitkä: enintään %(max)d merkkiä.")))
    return (TextAreaField if area else StringField)(label, filters=[strip], validators=validators)


def _email(label):
    return StringField(label, filters=[strip], validators=[
        Optional(), Regexp(EMAIL_PATTERN, message=_l("Tarkista sähköpostiosoite, esimerkiksi nimi@esimerkki.fi."))],
        render_kw={"type": "email"})


def _url(label):
    return URLField(label, filters=[strip], validators=[
        Optional(), Regexp(r"^https?://\S+$", message=_l("Verkko-osoite alkaa https://."))])


def _none_if_blank(data: dict) -> dict:
    return {k: (None if v == "" else v) for k, v in data.items()}


class OrganizationForm(FlaskForm):
    name = _text(_l("Nimi"), required=True)
    alternate_name = _text(_l("Muu nimi tai lyhenne"))
    description = _text(_l("Kuvaus suomeksi"), 5000, area=True)
    description_sv = _text(_l("Kuvaus ruotsiksi"), 5000, area=True)
    description_en = _text(_l("Kuvaus englanniksi"), 5000, area=True)
    business_id = StringField(_l("Y-tunnus"), filters=[strip], validators=[
        Optional(), Regexp(r"^\d{7}-\d$", message=_l("Y-tunnus on muotoa 1234567-8."))])
    email = _email(_l("Sähköpostiosoite"))
    url = _url(_l("Verkkosivut"))
    phone = _text(_l("Puhelinnumero"), 40)

    def values(self) -> dict:
        return _none_if_blank({f.name: f.data for f in self if f.name != "csrf_token"})


class ScheduleForm(Form):
    freq = SelectField(_l("Kuinka usein"), choices=choices({"WEEKLY": _l("Joka viikko"), "MONTHLY": _l("Kerran kuussa")}))
    week = SelectField(_l("Monesko viikko (kerran kuussa)"),
                       choices=choices({str(nth): label for nth, label in ORDINALS.items()}))
    days = MultiCheckboxField(_l("Päivät"), choices=choices(DAY_LABELS), validate_choice=True)
    opens_at = TimeField(_l("Alkaa"), validators=[Optional()])
    closes_at = TimeField(_l("Päättyy"), validators=[Optional()])
    description = _text(_l("Lisätieto, esimerkiksi parittomilla viikoilla"), 500)

    def value(self) -> dict | None:
        if not self.days.data:
            return None
        days = [d for d in DAYS if d in self.days.data]
        monthly = self.freq.data == "MONTHLY"
        return {"freq": self.freq.data, "byday": ",".join(f"{self.week.data}{d}" if monthly else d for d in days),
                "opens_at": self.opens_at.data.strftime("%H:%M") if self.opens_at.data else None,
                "closes_at": self.closes_at.data.strftime("%H:%M") if self.closes_at.data else None,
                "description": self.description.data or None}


def schedule_form_data(value: dict) -> dict:
    """A stored schedule as the row of the form edits it."""
    parts = [BYDAY.match(p) for p in (value.get("byday") or "").split(",")]
    parts = [p for p in parts if p]
    return {"freq": value.get("freq") or "WEEKLY", "week": (parts[0].group(1) if parts else None) or "1",
            "days": [p.group(2) for p in parts], "description": value.get("description"),
            # stored as "HH:MM"; TimeField renders only a time object
            **{k: time.fromisoformat(value[k]) if value.get(k) else None for k in ("opens_at", "closes_at")}}


class ServiceForm(FlaskForm):
    name = _text(_l("Nimi suomeksi"), required=True)
    name_sv = _text(_l("Nimi ruotsiksi"))
    name_en = _text(_l("Nimi englanniksi"))
    description = _text(_l("Kuvaus suomeksi"), 5000, area=True)
    description_sv = _text(_l("Kuvaus ruotsiksi"), 5000, area=True)
    description_en = _text(_l("Kuvaus englanniksi"), 5000, area=True)
    themes = MultiCheckboxField(_l("Teemat"))
    target_groups = MultiCheckboxField(_l("Kohderyhmät"))
    languages = MultiCheckboxField(_l("Kielet"), choices=choices(LANGUAGE_LABELS))
    delivery_modes = MultiCheckboxField(_l("Miten toimintaan osallistutaan"), choices=choices(DELIVERY))
    location_ids = MultiCheckboxField(_l("Toimipaikat"))
    schedules = FieldList(FormField(ScheduleForm), label=_l("Ajat"), min_entries=2, max_entries=12)
    is_free = BooleanField(_l("Maksuton"))
    cost_description = _text(_l("Hinta ja maksut"), 1000, area=True)
    is_registration_required = BooleanField(_l("Ennakkoilmoittautuminen tarvitaan"))
    application_process = _text(_l("Miten mukaan pääsee"), 2000, area=True)
    eligibility_description = _text(_l("Kenelle toiminta on tarkoitettu"), 2000, area=True)
    minimum_age = IntegerField(_l("Alaikäraja"), validators=[
        Optional(), NumberRange(0, 120, message=_l("Anna ikä väliltä 0–120."))])
    maximum_age = IntegerField(_l("Yläikäraja"), validators=[
        Optional(), NumberRange(0, 120, message=_l("Anna ikä väliltä 0–120."))])
    url = _url(_l("Verkkosivut"))
    email = _email(_l("Sähköposti, johon yhteydenottopyynnöt lähetetään"))

    def values(self) -> dict:
        data = {f.name: f.data for f in self if f.name not in ("csrf_token", "schedules")}
        for name in ("themes", "target_groups", "location_ids", "languages", "delivery_modes"):
            data[name] = sorted(data[name] or [])
        data["schedules"] = [v for row in self.schedules for v in [row.form.value()] if v]
        return _none_if_blank(data)


class LocationForm(FlaskForm):
    name = _text(_l("Paikan nimi"))
    address_1 = _text(_l("Katuosoite"), required=True)
    postal_code = StringField(_l("Postinumero"), filters=[strip], validators=[
        DataRequired(message=_l("Tämä tieto tarvitaan.")), Regexp(r"^\d{5}$", message=_l("Postinumerossa on viisi numeroa."))])
    city = _text(_l("Postitoimipaikka"), 100, required=True)
    latitude = FloatField(_l("Leveysaste (vapaaehtoinen)"), description=_l(
        "Jätä tyhjäksi, niin sijainti haetaan osoitteesta. Täytä, jos kartta näyttää väärän paikan."),
        validators=[Optional(), NumberRange(59.0, 70.5, message=_l("Leveysaste on Suomessa 59–70,5."))])
    longitude = FloatField(_l("Pituusaste (vapaaehtoinen)"), validators=[
        Optional(), NumberRange(19.0, 31.6, message=_l("Pituusaste on Suomessa 19–31,6."))])
    accessibility = MultiCheckboxField(_l("Saavutettavuus"), choices=choices(ACCESSIBILITY))
    accessibility_description = _text(_l("Saavutettavuudesta lisää"), 2000, area=True)

    def validate(self, extra_validators=None) -> bool:
        is_valid = super().validate(extra_validators)
        if (self.latitude.data is None) != (self.longitude.data is None):
            self.longitude.errors.append(_l("Anna sekä leveys- että pituusaste, tai jätä molemmat tyhjiksi."))
            is_valid = False
        return is_valid

    def values(self) -> dict:
        data = _none_if_blank({f.name: f.data for f in self if f.name != "csrf_token"})
        data["accessibility"] = sorted(data["accessibility"] or [])
        return data


class CapacityForm(FlaskForm):
    state = RadioField(lazy_pgettext("capacity", "Tilanne"), choices=choices(CAPACITY_LABELS),
                       validators=[DataRequired(message=lazy_pgettext("capacity", "Valitse tilanne."))])
    note = _text(_l("Lisätieto osallistujille (vapaaehtoinen)"), 500, area=True)


class PathwayForm(FlaskForm):
    name = _text(_l("Nimi suomeksi"), 200, required=True)
    name_sv = _text(_l("Nimi ruotsiksi"), 200)
    name_en = _text(_l("Nimi englanniksi"), 200)
    description = _text(_l("Kuvaus suomeksi"), 2000, area=True)
    description_sv = _text(_l("Kuvaus ruotsiksi"), 2000, area=True)
    description_en = _text(_l("Kuvaus englanniksi"), 2000, area=True)

    def values(self) -> dict:
        return _none_if_blank({f.name: f.data for f in self if f.name != "csrf_token"})


class StepNameForm(FlaskForm):
    name = _text(_l("Vaiheen nimi suomeksi"), 200, required=True)
    name_sv = _text(_l("Vaiheen nimi ruotsiksi"), 200)
    name_en = _text(_l("Vaiheen nimi englanniksi"), 200)

    def values(self) -> dict:
        # short_name: the form is also shown with a prefix, next to the pathway's own name fields.
        return _none_if_blank({f.short_name: f.data for f in self if f.short_name in ("name", "name_sv", "name_en")})


class StepForm(StepNameForm):
    themes = MultiCheckboxField(_l("Teemat"), description=_l("Palveluohjaaja saa ehdotuksiksi näiden teemojen toimintaa."))
    target_groups = MultiCheckboxField(_l("Kohderyhmät"))

    def term_ids(self) -> list[str]:
        return sorted((self.themes.data or []) + (self.target_groups.data or []))


class OfferingSearchForm(Form):
    """A GET search: it changes nothing, so it carries no CSRF token."""

    q = StringField(_l("Hae toimintaa nimellä"), filters=[strip], validators=[
        DataRequired(message=_l("Kirjoita osa toiminnan tai järjestön nimestä.")), Length(min=2, max=100, message=_l(
            "Kirjoita 2–100 merkkiä."))])
