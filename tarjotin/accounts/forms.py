"""Sign-in, password, invitation and claim forms. Messages are in the user's language."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp, ValidationError

from tarjotin.accounts.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, is_strong
from tarjotin.forms import EMAIL_PATTERN, choices, strip

ROLE_LABELS = {
    "editor": _l("Järjestön ylläpitäjä"),
    "advisor": _l("Palveluohjaaja"),
    "staff": _l("Hyvinvointialueen työntekijä"),
    "moderator": _l("Järjestökoordinaattori (moderaattori)"),
    "admin": _l("Pääkäyttäjä"),
    "expert": _l("Kokemusasiantuntija"),
}


def _email(label=None, **render_kw):
    return EmailField(label or _l("Sähköpostiosoite"), filters=[strip], validators=[
        DataRequired(message=_l("Kirjoita sähköpostiosoite.")),
        Length(max=254, message=_l("Sähköpostiosoite on liian pitkä.")),
        Regexp(EMAIL_PATTERN, message=_l("Tarkista sähköpostiosoite, esimerkiksi nimi@esimerkki.fi.")),
    ], render_kw={"autocomplete": "email", **render_kw})


def _hard_to_guess(form, field) -> None:
    """The same rule set_password enforces, said in the user's language. The view puts the account's
    address and name in form.personal; a new account's name comes from the form itself."""
    personal = [*getattr(form, "personal", ()), getattr(getattr(form, "name", None), "data", None)]
    if len(field.data or "") >= MIN_PASSWORD_LENGTH and not is_strong(field.data, personal):
        raise ValidationError(_l("Salasana on liian helppo arvata. Vältä yleisiä salasanoja, toistoa ja omaa "
                                 "nimeäsi tai osoitettasi: pitkä lause omin sanoin on hyvä salasana."))


def _new_password():
    return PasswordField(
        _l("Uusi salasana"),
        description=_l("Vähintään %(n)d merkkiä. Pitkä lause on hyvä salasana.", n=MIN_PASSWORD_LENGTH),
        validators=[DataRequired(message=_l("Kirjoita salasana.")),
                    Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH,
                           message=_l("Salasanassa on oltava vähintään %(min)d merkkiä.")),
                    _hard_to_guess],
        render_kw={"autocomplete": "new-password"},
    )


def _current_password():
    return PasswordField(_l("Nykyinen salasana"), validators=[DataRequired(message=_l("Kirjoita salasana."))],
                         render_kw={"autocomplete": "current-password"})


def _code(label, description=None):
    return StringField(label, description=description, filters=[strip], validators=[
        DataRequired(message=_l("Kirjoita koodi.")), Length(max=20, message=_l("Koodi on liian pitkä."))],
        render_kw={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"})


def _name():
    return StringField(_l("Nimi"), filters=[strip], validators=[
        DataRequired(message=_l("Kirjoita nimesi.")), Length(max=200, message=_l("Nimi on liian pitkä."))],
        render_kw={"autocomplete": "name"})


class LoginForm(FlaskForm):
    email = _email()
    password = PasswordField(_l("Salasana"), validators=[DataRequired(message=_l("Kirjoita salasana."))],
                             render_kw={"autocomplete": "current-password"})


class ForgotPasswordForm(FlaskForm):
    email = _email()


def _confirm():
    return PasswordField(_l("Salasana uudelleen"), validators=[
        EqualTo("password", message=_l("Salasanat eivät ole samat."))], render_kw={"autocomplete": "new-password"})


class NewPasswordForm(FlaskForm):
    password = _new_password()
    confirm = _confirm()


class AcceptInvitationForm(NewPasswordForm):
    name = _name()


class ChangePasswordForm(FlaskForm):
    current = _current_password()
    password = _new_password()
    confirm = _confirm()


class SecondFactorForm(FlaskForm):
    code = _code(_l("Tunnistuskoodi"), _l("Kuusi numeroa todennussovelluksesta, tai yksi varakoodeistasi."))


class EnrolForm(FlaskForm):
    code = _code(_l("Sovelluksen näyttämä koodi"), _l("Kuusi numeroa, ilman välilyöntejä."))


WRONG_PASSWORD = _l("Salasana on väärin.")
WRONG_ENROLMENT_CODE = _l("Koodi ei kelpaa. Kirjoita sovelluksen nyt näyttämä koodi; tarkista, että puhelimen kello "
                          "on oikeassa ajassa.")


class DisableSecondFactorForm(FlaskForm):
    current = _current_password()


class InviteForm(FlaskForm):
    email = _email()
    role = SelectField(_l("Rooli"), choices=choices(ROLE_LABELS), default="editor")


def _message():
    return TextAreaField(
        _l("Kerro, miten liityt järjestöön (vapaaehtoinen)"), filters=[strip],
        validators=[Optional(), Length(max=1000, message=_l("Viesti on liian pitkä."))])


class ClaimForm(FlaskForm):
    name = _name()
    email = _email(_l("Sähköpostiosoitteesi"))
    message = _message()


class RegisterForm(FlaskForm):
    organization_name = StringField(_l("Järjestön nimi"), filters=[strip], validators=[
        DataRequired(message=_l("Kirjoita järjestön nimi.")), Length(max=255, message=_l("Nimi on liian pitkä."))])
    business_id = StringField(_l("Y-tunnus (vapaaehtoinen)"), filters=[strip], validators=[
        Optional(), Regexp(r"^\d{7}-\d$", message=_l("Y-tunnus on muotoa 1234567-8."))])
    organization_email = EmailField(_l("Järjestön sähköpostiosoite (vapaaehtoinen)"), filters=[strip], validators=[
        Optional(), Regexp(EMAIL_PATTERN, message=_l("Tarkista sähköpostiosoite, esimerkiksi nimi@esimerkki.fi."))])
    name = _name()
    email = _email(_l("Sähköpostiosoitteesi"))
    message = _message()


class DecisionForm(FlaskForm):
    message = TextAreaField(_l("Viesti ylläpitäjälle (vapaaehtoinen)"), filters=[strip],
                            validators=[Optional(), Length(max=2000, message=_l("Viesti on liian pitkä."))])


class ButtonForm(FlaskForm):
    """Only the CSRF token, for one-button actions."""
