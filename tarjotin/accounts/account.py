"""The signed-in user's own account: password change, second factor and recovery codes."""
from flask import Blueprint, redirect, session, url_for
from flask_login import login_required, login_user

from tarjotin.accounts import forms, second_factor, services, sessions
from tarjotin.accounts.views import _account_key, _actor, _lang, _page, _second_factor_limit
from tarjotin.db import utcnow
from tarjotin.extensions import db, limiter

bp = Blueprint("account", __name__, url_prefix="/tili")


@bp.after_request
def no_store(response):
    """Secrets and recovery codes are shown on these pages: no cache keeps a copy."""
    response.headers["Cache-Control"] = "no-store"
    return response


def _signed_in_again(user) -> None:
    """Ending the user's sessions ended this one too; it goes on, under the new session version."""
    login_user(user)
    if user.has_second_factor:
        sessions.mark_second_factor(session, user)


def _with_password(form, change, done: str):
    """Makes a change that asks for the current password again; a wrong one becomes the form's error.
    The change ends the user's sessions, so this one starts again."""
    try:
        change()
    except services.WrongPassword:
        form.current.errors.append(forms.WRONG_PASSWORD)
        return None
    db.session.commit()
    _signed_in_again(_actor())
    return redirect(url_for(".overview", **{done: 1}))


def _overview(user, disable, status: int = 200):
    return _page("account", status, user=user, unused_codes=second_factor.unused_recovery_codes(user),
                 button=forms.ButtonForm(), disable=disable)


@bp.get("/")
@login_required
def overview():
    return _overview(_actor(), forms.DisableSecondFactorForm())


@bp.route("/salasana", methods=["GET", "POST"])
@login_required
@limiter.limit(_second_factor_limit, methods=["POST"], key_func=_account_key)
def change_password():
    user, form = _actor(), forms.ChangePasswordForm()
    form.personal = [user.email, user.name]
    if form.validate_on_submit():
        done = _with_password(form, lambda: services.change_password(user, form.current.data, form.password.data,
                                                                     _lang()), "changed")
        if done:
            return done
    return _page("change_password", 422 if form.errors else 200, form=form)


@bp.route("/kaksivaiheinen", methods=["GET", "POST"])
@login_required
@limiter.limit(_second_factor_limit, methods=["POST"], key_func=_account_key)
def enrol_second_factor():
    user = _actor()
    if user.has_second_factor:
        return redirect(url_for(".overview"))
    secret, form = second_factor.enrolment_secret(user), forms.EnrolForm()
    if form.validate_on_submit():
        try:
            codes = second_factor.confirm_enrolment(user, form.code.data, _lang(), utcnow())
        except second_factor.WrongCode:
            form.code.errors.append(forms.WRONG_ENROLMENT_CODE)
        else:
            db.session.commit()
            sessions.mark_second_factor(session, user)
            return _page("recovery_codes", codes=codes)
    db.session.commit()  # the secret being enrolled, kept for the next try
    return _page("enrol", 422 if form.errors else 200, form=form, qr=second_factor.qr_svg(
        second_factor.provisioning_uri(user, secret)), secret=" ".join(secret[i:i + 4] for i in range(0, len(secret), 4)))


@bp.post("/varakoodit")
@login_required
def new_recovery_codes():
    user = _actor()
    if not user.has_second_factor:
        return redirect(url_for(".overview"))
    codes = second_factor.new_recovery_codes(user)
    db.session.commit()
    return _page("recovery_codes", codes=codes)


@bp.post("/kaksivaiheinen/poista")
@login_required
def disable_second_factor():
    user, form = _actor(), forms.DisableSecondFactorForm()
    if form.validate_on_submit():
        done = _with_password(form, lambda: second_factor.disable(user, form.current.data, _lang()), "disabled")
        if done:
            return done
    return _overview(user, form, 422)
