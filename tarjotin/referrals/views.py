"""The advisor's three screens (find, client, slip), their referral list and statistics, and the
organisation's signed-link page. Services decide who may see what; views only translate."""
from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user, login_required
from wtforms import SelectChoice

from tarjotin.accounts.forms import ButtonForm
from tarjotin.directory.offerings import visible_offerings
from tarjotin.db import utcnow
from tarjotin.extensions import db
from tarjotin.i18n import localized
from tarjotin.referrals import forms, lifecycle, links, services, stats
from tarjotin.referrals.machine import ADVISOR, ORGANISATION, IllegalTransition, moves
from tarjotin.referrals.slip import qr_svg
from tarjotin.referrals.suggestions import UnknownPlace, locate, suggest
from tarjotin.web import keep_private

bp = Blueprint("referrals", __name__, url_prefix="/lahetteet")
bp.after_request(keep_private)  # client data or a token on every page but the statistics


def _actor():
    return current_user._get_current_object()


def _lang() -> str:
    return str(get_locale() or "fi")


@bp.get("/")
@login_required
def list_referrals():
    referrals, now = services.mine(_actor()), utcnow()
    attention = {r.id: services.suggested_alternatives(r) for r in referrals
                 if r.status == "declined" or lifecycle.is_overdue(r, now)}
    return render_template("referrals/list.html", referrals=referrals, attention=attention)


@bp.get("/uusi")
@login_required
def new_referral():
    actor, config = _actor(), current_app.config
    form = forms.FindForm(formdata=request.args or None)
    form.step.choices = [SelectChoice("", "–")] + [
        SelectChoice(s.id, localized(s, "name"), optgroup=localized(p, "name"))
        for p in services.pathways(actor) for s in p.steps
    ]
    found = None
    if request.args and form.validate():
        try:
            found = suggest(services.step(actor, form.step.data), form.need.data, form.place.data,
                            utcnow().date(), config["STALE_AFTER_DAYS"])
        except UnknownPlace:
            form.place.errors.append(forms.UNKNOWN_PLACE)
    return render_template("referrals/find.html", form=form, found=found)


@bp.post("/uusi/asiakas")
@login_required
def client_details():
    actor = _actor()
    form = forms.ClientForm()
    step = services.step(actor, form.step.data)
    shown = visible_offerings(form.service_ids.data or [])
    form.service_ids.choices = [(s.id, localized(s, "name")) for s in shown]
    try:
        place = locate(form.place.data)
    except UnknownPlace:
        return redirect(url_for(".new_referral"))
    is_sending = "send" in request.form
    config = current_app.config
    consent = forms.consent_text(sorted({s.organization.name for s in shown}), config["REFERRAL_RETENTION_DAYS"],
                                 config["REFERRAL_MAX_RETENTION_DAYS"])
    if is_sending and form.validate():
        order = services.Order(shown, step, form.need.data, place, form.language.data,
                               form.client(), consent, form.slip_email())
        sent = services.send(actor, order, utcnow())
        db.session.commit()
        return redirect(url_for(".show_slip", batch_id=sent[0].batch))
    if not is_sending:
        form.language.data = form.language.data or _lang()
    return render_template("referrals/client.html", form=form, offerings=shown, consent=consent, place=place)


@bp.get("/lahete/<batch_id>")
@login_required
def show_slip(batch_id):
    referrals = services.batch(_actor(), batch_id, utcnow()) or abort(404)
    db.session.commit()  # the audit rows of this view
    return render_template("referrals/slip.html", referrals=referrals)


@bp.get("/<referral_id>")
@login_required
def show_referral(referral_id):
    referral = services.get(_actor(), referral_id, utcnow()) or abort(404)
    db.session.commit()  # the audit row of this view
    return render_template("referrals/show.html", referral=referral, button=ButtonForm(),
                           moves=moves(referral.status, ADVISOR) if referral.advisor_id == _actor().id else (),
                           alternatives=services.suggested_alternatives(referral) if referral.status == "declined" else [])


@bp.post("/<referral_id>/<any(cancelled, closed):to>")
@login_required
def move_referral(referral_id, to):
    now = utcnow()
    referral = services.get(_actor(), referral_id, now) or abort(404)
    if ButtonForm().validate_on_submit():
        try:
            services.advisor_move(_actor(), referral, to, now)
        except IllegalTransition:
            abort(409)
        db.session.commit()
    return redirect(url_for(".show_referral", referral_id=referral_id))


@bp.route("/l/<token>", methods=["GET", "POST"])
def review_referral(token):
    now = utcnow()
    try:
        referral = services.open_by_link(token, now)
    except links.LinkExpired:
        return render_template("referrals/link_expired.html"), 410
    except links.LinkInvalid:
        abort(404)
    form = forms.StatusForm()
    form.status.choices = [(s, forms.STATUS_LABELS[s]) for s in moves(referral.status, ORGANISATION)]
    if form.status.choices and form.validate_on_submit():
        services.organisation_move(referral, form.status.data, form.decline_reason(), now)
        db.session.commit()
        return redirect(url_for(".review_referral", token=token, saved=1))
    db.session.commit()  # the audit row of this view, and the opening
    return render_template("referrals/review.html", referral=referral, form=form, saved="saved" in request.args)


@bp.get("/tilastot")
@login_required
def statistics():
    total, tables = stats.tables(_actor(), _lang(), current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return render_template("referrals/statistics.html", total=total, tables=tables, min_cell=stats.MIN_CELL)


@bp.get("/tilastot.csv")
@login_required
def statistics_csv():
    total, tables = stats.tables(_actor(), _lang(), current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return Response(stats.to_csv(total, tables, utcnow()), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=lahetetilastot.csv"})


@bp.context_processor
def labels() -> dict:
    return {"status_labels": forms.STATUS_LABELS, "reason_labels": forms.REASON_LABELS,
            "channel_labels": forms.CHANNEL_LABELS, "mode_labels": forms.MODE_LABELS, "qr_svg": qr_svg}
