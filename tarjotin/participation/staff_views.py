"""County pages: finding experts and requesting them, statistics, open calls and their sign-ups,
and the moderation of profiles and ideas. Every check of who may do what is in the services."""
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user, login_required
from wtforms import SelectChoice

from tarjotin.accounts.forms import ButtonForm
from tarjotin.db import utcnow
from tarjotin.extensions import db
from tarjotin.participation import calls, experts, forms, ideas, queries, requests
from tarjotin.participation.labels import all_labels
from tarjotin.web import keep_private

bp = Blueprint("participation_staff", __name__, url_prefix="/osallistu/hallinta")
bp.context_processor(all_labels)
bp.after_request(keep_private)  # experts' profiles, sign-ups and residents' ideas


@bp.before_request
@login_required
def signed_in() -> None:
    """Every page here is for signed-in county users; the services decide which of them."""


def _actor():
    return current_user._get_current_object()


@bp.get("/asiantuntijat")
def find_experts():
    form = forms.SearchForm(request.args)
    form.offer(queries.theme_choices(), queries.municipality_choices())
    found = experts.search(_actor(), form.filters() if form.validate() else experts.Filters())
    return render_template("participation/staff/experts.html", form=form, profiles=found)


@bp.route("/asiantuntijat/<profile_id>", methods=["GET", "POST"])
def request_expert(profile_id):
    now = utcnow()
    profile = experts.published(_actor(), profile_id, now) or abort(404)
    form = forms.RequestForm()
    if form.validate_on_submit():
        requests.send(_actor(), profile, form.values(), profile.user.locale if profile.user else "fi", now)
        db.session.commit()
        return redirect(url_for(".list_requests", sent=1))
    db.session.commit()  # the audit row of this view
    return render_template("participation/staff/expert.html", profile=profile, form=form)


@bp.get("/pyynnot")
def list_requests():
    return render_template("participation/staff/requests.html", requests=requests.sent_by(_actor()))


@bp.get("/tilastot")
def statistics():
    rows = requests.statistics(_actor(), ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"]))
    return render_template("participation/staff/statistics.html", rows=rows)


@bp.get("/kutsut")
def list_calls():
    return render_template("participation/staff/calls.html", calls=calls.organised_by(_actor()))


@bp.route("/kutsut/uusi", methods=["GET", "POST"])
def new_call():
    calls.require_organiser_role(_actor())
    form = forms.CallForm(retention_days=current_app.config["CALL_RETENTION_DAYS"])
    if form.validate_on_submit():
        calls.publish(_actor(), form.values())
        db.session.commit()
        return redirect(url_for(".list_calls", saved=1))
    return render_template("participation/staff/call_form.html", form=form)


@bp.get("/kutsut/<call_id>/ilmoittautuneet")
def show_signups(call_id):
    call = db.session.get(calls.OpenCall, call_id) or abort(404)
    signups = calls.signups(_actor(), call, utcnow())
    db.session.commit()  # the audit row of this view
    return render_template("participation/staff/signups.html", call=call, signups=signups)


@bp.get("/kutsut/<call_id>/ilmoittautuneet.csv")
def export_signups(call_id):
    call = db.session.get(calls.OpenCall, call_id) or abort(404)
    body = calls.export_csv(_actor(), call, utcnow())
    db.session.commit()  # the audit row of this export
    response = Response(body, mimetype="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="ilmoittautuneet-{call.id}.csv"'
    return response


@bp.get("/moderointi")
def moderation_queue():
    actor = _actor()
    return render_template("participation/staff/queue.html", profiles=experts.pending(actor), ideas=ideas.queue(actor))


@bp.route("/moderointi/profiilit/<profile_id>", methods=["GET", "POST"])
def review_profile(profile_id):
    now = utcnow()
    profile = experts.for_moderation(_actor(), profile_id, now) or abort(404)
    if ButtonForm().validate_on_submit():
        experts.decide(_actor(), profile, "approve" in request.form, now)
        db.session.commit()
        return redirect(url_for(".moderation_queue", decided=1))
    db.session.commit()  # the audit row of this view
    return render_template("participation/staff/review_profile.html", profile=profile, button=ButtonForm())


@bp.route("/moderointi/ideat/<idea_id>", methods=["GET", "POST"])
def answer_idea(idea_id):
    now = utcnow()
    idea = ideas.for_moderation(_actor(), idea_id, now) or abort(404)
    form = forms.IdeaAnswerForm(obj=idea, theme=idea.theme_id)
    form.theme.choices = [SelectChoice("", "–")] + queries.theme_choices()
    if form.validate_on_submit():
        ideas.answer(_actor(), idea, form.values(), now)
        db.session.commit()
        return redirect(url_for(".moderation_queue", answered=1))
    db.session.commit()  # the audit row of this view
    return render_template("participation/staff/answer_idea.html", idea=idea, form=form,
                           lang=str(get_locale()))
