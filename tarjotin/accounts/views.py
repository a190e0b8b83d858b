"""Sign-in and out, password reset, invitations, claims and the admin's user list."""
import unicodedata
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_login import current_user, login_required, login_user, logout_user

from tarjotin import signing
from tarjotin.accounts import claims, forms, invitations, second_factor, services, sessions
from tarjotin.accounts.models import User
from tarjotin.db import utcnow
from tarjotin.directory.models import Organization
from tarjotin.extensions import db, limiter, login
from tarjotin.web import private

bp = Blueprint("accounts", __name__)
login.user_loader(services.load_session_user)
login.login_view = "accounts.login_page"
login.login_message = None  # the login page says why it is shown


@bp.before_app_request
def forget_cached_user() -> None:
    """Flask-Login caches the user on g, which outlives a request when an app context was already
    pushed (commands, tests); each request must load its own user from its own session."""
    g.pop("_login_user", None)


# While a step is pending the session reaches only that step's page and sign-out.
PENDING_STEP_ENDPOINTS = {"code": "accounts.code_step", "enrol": "account.enrol_second_factor"}


@bp.before_app_request
def enforce_session_rules():
    """Ends an idle or too old session, and holds a session at the second factor until it is given."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return None
    user, now = _actor(), utcnow()
    if sessions.is_expired(session, user, now):
        logout_user()
        session.clear()
        return None  # on as anonymous: a page behind sign-in sends to the login page from here
    step = g.pending_step = sessions.pending_step(session, user)  # base.html hides the tools meanwhile
    if step is not None and request.endpoint not in (PENDING_STEP_ENDPOINTS[step], "accounts.logout"):
        return redirect(url_for(PENDING_STEP_ENDPOINTS[step]))
    sessions.touch(session, now)
    return None


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _second_factor_limit() -> str:
    return current_app.config["SECOND_FACTOR_RATE_LIMIT"]


def _account_key() -> str:
    return f"account:{getattr(current_user, 'id', None) or request.remote_addr}"


def _sign_in(user: User) -> None:
    """A fresh session: nothing from before sign-in carries over."""
    session.clear()
    login_user(user)
    sessions.begin(session, user, utcnow())


def _lang() -> str:
    return str(get_locale() or "fi")


def _actor():
    return current_user._get_current_object()


def _page(template: str, status: int = 200, **context):
    return render_template(f"accounts/{template}.html", **context), status


@bp.route("/kirjaudu", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login_page():
    form = forms.LoginForm()
    failed = False
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data, utcnow())
        if user is not None:
            db.session.commit()
            _sign_in(user)
            if sessions.pending_step(session, user) == "code":
                return redirect(url_for(".code_step", next=request.args.get("next")))
            return redirect(_next_url())  # or, when a second factor must be enrolled, the guard's step
        failed = True
    return _page("login", 401 if failed else 200, form=form, failed=failed)


@bp.route("/kirjaudu/koodi", methods=["GET", "POST"])
@login_required
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_second_factor_limit, methods=["POST"], key_func=_account_key)
def code_step():
    if sessions.pending_step(session, _actor()) != "code":
        return redirect(_next_url())
    form = forms.SecondFactorForm()
    failed = False
    if form.validate_on_submit():
        try:
            second_factor.verify(_actor(), form.code.data, utcnow())
        except second_factor.WrongCode:
            failed = True
        else:
            db.session.commit()
            sessions.mark_second_factor(session, _actor())
            return redirect(_next_url())
    return _page("code_step", 401 if failed else 200, form=form, failed=failed, logout=forms.ButtonForm())


def _next_url() -> str:
    """Only a path on this site, so the link cannot send anyone elsewhere after sign-in."""
    target = request.args.get("next", "")
    return target if _is_local_path(target) else url_for("manage.dashboard")


def _is_local_path(target: str) -> bool:
    """Browsers drop tabs and newlines from a URL and read a backslash as a slash, so "/%09/evil.example"
    (a tab) is "//evil.example" to them: any whitespace, control character or backslash is refused outright."""
    if any(c.isspace() or c == "\\" or unicodedata.category(c) in ("Cc", "Cf") for c in target):
        return False
    parts = urlsplit(target)
    return target.startswith("/") and not target.startswith("//") and not parts.scheme and not parts.netloc


@bp.post("/kirjaudu-ulos")
@login_required
def logout():
    services.end_sessions(_actor())
    db.session.commit()
    logout_user()
    session.clear()
    return redirect(url_for(".login_page", logged_out=1))


@bp.route("/salasana/unohtunut", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def forgot_password():
    form = forms.ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data, _lang())
        db.session.commit()
        return _page("reset_sent")
    return _page("forgot_password", form=form)


@bp.route("/salasana/uusi/<token>", methods=["GET", "POST"])
@private
def reset_password(token):
    try:
        user = services.user_for_reset(token)
    except (signing.LinkExpired, signing.LinkInvalid):
        return _page("link_expired", 410)
    form = forms.NewPasswordForm()
    form.personal = [user.email, user.name]
    if form.validate_on_submit():
        services.reset_password(token, form.password.data, _lang())
        db.session.commit()
        return redirect(url_for(".login_page", reset=1))
    return _page("reset_password", form=form)


@bp.route("/kutsu/<token>", methods=["GET", "POST"])
@private
def accept_invitation(token):
    try:
        invitation = services.open_invitation(token)
    except (signing.LinkExpired, signing.LinkInvalid, services.InvitationUnusable):
        return _page("link_expired", 410)
    existing = services.find_user(invitation.email)
    form = forms.ButtonForm() if existing else forms.AcceptInvitationForm()
    form.personal = [invitation.email]
    if existing is not None and getattr(current_user, "id", None) != existing.id:
        return _page("invitation_login", invitation=invitation, next_url=request.path)
    if form.validate_on_submit():
        user = services.accept_invitation(token, _actor(), getattr(form, "name", None) and form.name.data,
                                          getattr(form, "password", None) and form.password.data, utcnow())
        db.session.commit()
        if existing is None:
            _sign_in(user)
        return redirect(url_for("manage.dashboard"))  # via enrolment, when the role requires a second factor
    return _page("accept_invitation", form=form, invitation=invitation)


@bp.route("/jarjestot/<organization_id>/ota-hoitoon", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def claim_organization(organization_id):
    organization = db.session.get(Organization, organization_id)
    if organization is None or not organization.is_public or claims.has_editor(organization.id):
        abort(404)
    form = forms.ClaimForm()
    if form.validate_on_submit():
        claims.claim(organization, claims.Applicant(form.name.data, form.email.data, form.message.data))
        db.session.commit()
        return _page("claim_sent")
    return _page("claim", form=form, organization=organization)


@bp.route("/jarjestot/ilmoita-uusi", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def register_organization():
    form = forms.RegisterForm()
    if form.validate_on_submit():
        applicant = claims.Applicant(form.name.data, form.email.data, form.message.data)
        claims.register(form.organization_name.data, form.business_id.data or None,
                        form.organization_email.data or None, applicant)
        db.session.commit()
        return _page("claim_sent")
    return _page("register", form=form)


@bp.route("/hallinta/kayttajat", methods=["GET", "POST"])
@private
@login_required
def users():
    form = forms.InviteForm()
    people = services.users(_actor())
    if form.validate_on_submit():
        services.invite(_actor(), form.email.data, form.role.data, None, _lang())
        db.session.commit()
        return redirect(url_for(".users", invited=1))
    return _page("users", form=form, users=people, toggle=forms.ButtonForm(),
                 invitations=invitations.pending(_actor(), utcnow()))


@bp.post("/hallinta/kutsut/<invitation_id>/<any(peru, uudelleen):action>")
@login_required
def change_invitation(invitation_id, action):
    if forms.ButtonForm().validate_on_submit():
        if action == "peru":
            invitations.revoke(_actor(), invitation_id, utcnow())
        else:
            invitations.resend(_actor(), invitation_id, _lang(), utcnow())
        db.session.commit()
    return redirect(url_for(".users", invitation=action))


@bp.post("/hallinta/kayttajat/<user_id>/kaytossa")
@login_required
def toggle_user(user_id):
    services.users(_actor())  # admins only, before telling anyone whether the id exists
    user = db.session.get(User, user_id) or abort(404)
    services.set_disabled(_actor(), user, not user.is_disabled)
    db.session.commit()
    return redirect(url_for(".users"))
