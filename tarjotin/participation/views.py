"""Public pages (the "Osallistu ja vaikuta" page, calls, ideas), the expert's own profile and the
expert's signed-link answer to a request."""
import logging

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user, login_required
from wtforms import SelectChoice

from tarjotin import signing
from tarjotin.accounts.forms import ButtonForm
from tarjotin.db import utcnow
from tarjotin.extensions import db, limiter
from tarjotin.participation import calls, experts, forms, ideas, queries, requests
from tarjotin.participation.labels import all_labels
from tarjotin.search.extras import register_results_extra
from tarjotin.web import private

bp = Blueprint("participation", __name__, url_prefix="/osallistu")
bp.context_processor(all_labels)
log = logging.getLogger(__name__)


def _limit() -> str:
    return current_app.config["PARTICIPATION_RATE_LIMIT"]


def _actor():
    return current_user._get_current_object()


@bp.get("/")
def index():
    return render_template("participation/index.html", calls=calls.open_calls(utcnow().date()),
                           ideas=ideas.public(None, None)[:5])


@bp.route("/kutsut/<call_id>", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
def show_call(call_id):
    now = utcnow()
    call = calls.public_call(call_id, now.date()) or abort(404)
    form = forms.SignupForm()
    consent = forms.signup_consent_text(call.title, call.retention_days)
    if form.is_submitted() and form.website.data:
        log.info("participation: honeypot field filled; nothing stored")
        return redirect(url_for(".thanks"))
    if call.kind != "survey" and form.validate_on_submit():
        calls.sign_up(call, form.details(), consent, str(get_locale()), now, now.date())
        db.session.commit()
        return redirect(url_for(".thanks"))
    return render_template("participation/call.html", call=call, form=form, consent=consent)


@bp.get("/kiitos")
def thanks():
    return render_template("participation/thanks.html")


@bp.get("/ideat")
def list_ideas():
    status, theme = request.args.get("tila") or None, request.args.get("teema") or None
    return render_template("participation/ideas.html", ideas=ideas.public(status, theme), themes=queries.themes(),
                           status=status, theme=theme)


@bp.route("/ideat/uusi", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
def new_idea():
    form = forms.IdeaForm()
    form.theme.choices = [SelectChoice("", "–")] + queries.theme_choices()
    consent = forms.idea_consent_text(current_app.config["IDEA_RETENTION_DAYS"])
    if form.is_submitted() and form.website.data:
        log.info("participation: honeypot field filled; nothing stored")
        return redirect(url_for(".thanks", idea=1))
    if form.validate_on_submit():
        ideas.submit(form.values(request.args.get("palvelu")), consent, utcnow())
        db.session.commit()
        return redirect(url_for(".thanks", idea=1))
    return render_template("participation/idea_form.html", form=form, consent=consent)


@bp.get("/kokemusasiantuntija")
@login_required
def my_profiles():
    actor = _actor()
    profiles = experts.own_profiles(actor)
    return render_template("participation/my_profiles.html", profiles=profiles, button=ButtonForm(),
                           requests={p.id: requests.for_profile(actor, p) for p in profiles},
                           organizations=[m.organization for m in actor.memberships])


@bp.route("/kokemusasiantuntija/profiili", methods=["GET", "POST"], defaults={"profile_id": None})
@bp.route("/kokemusasiantuntija/profiili/<profile_id>", methods=["GET", "POST"])
@login_required
def edit_profile(profile_id):
    profile = experts.get_own(_actor(), profile_id) if profile_id else None
    if profile_id and profile is None:
        abort(404)
    form = forms.ProfileForm(obj=profile, themes=[t.id for t in profile.themes] if profile else [])
    form.offer(queries.theme_choices(), queries.municipality_choices())
    if form.validate_on_submit():
        experts.save(_actor(), profile, request.args.get("jarjesto"), form.values(), forms.profile_consent_text(),
                     utcnow())
        db.session.commit()
        return redirect(url_for(".my_profiles", saved=1))
    return render_template("participation/profile_form.html", form=form, profile=profile,
                           consent=forms.profile_consent_text())


@bp.post("/kokemusasiantuntija/profiili/<profile_id>/peru")
@login_required
def withdraw_profile(profile_id):
    profile = experts.get_own(_actor(), profile_id) or abort(404)
    if ButtonForm().validate_on_submit():
        experts.withdraw(_actor(), profile, utcnow())
        db.session.commit()
    return redirect(url_for(".my_profiles", withdrawn=1))


@bp.route("/pyynnot/<token>", methods=["GET", "POST"])
@private
def answer_request(token):
    now = utcnow()
    try:
        expert_request = requests.open_by_token(token, now)
    except signing.LinkExpired:
        return render_template("participation/link_expired.html"), 410
    except signing.LinkInvalid:
        abort(404)
    form = forms.AnswerRequestForm()
    if expert_request.status == "sent" and form.validate_on_submit():
        requests.answer(expert_request, "accept" in request.form, form.message.data or None, now)
        db.session.commit()
        return redirect(url_for(".answer_request", token=token))
    db.session.commit()  # the audit row of this view
    return render_template("participation/answer.html", request_=expert_request, form=form)


@bp.record_once
def _add_open_calls_to_search_results(state) -> None:
    register_results_extra(state.app, "open_calls", "participation/_results_calls.html", calls.results_extra)
