"""Resident pages (basket, contact form, confirmation) and the organisation's signed-link page."""
import logging

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import get_locale

from tarjotin.accounts.forms import ButtonForm
from tarjotin.contact import forms, links, queries, services
from tarjotin.db import utcnow
from tarjotin.directory.offerings import alternatives, is_accepting, visible_offerings
from tarjotin.extensions import db, limiter
from tarjotin.web import private

bp = Blueprint("contact", __name__)
log = logging.getLogger(__name__)

BASKET = "basket"
BASKET_MAX = 20
CONFIRMED = "contact_references"


def _client_limit() -> str:
    return current_app.config["CONTACT_RATE_LIMIT_CLIENT"]


def _basket() -> list[str]:
    return session.get(BASKET, [])


@bp.post("/palvelut/<service_id>/tarjottimelle")
def add_to_basket(service_id):
    visible_offerings([service_id]) or abort(404)
    if service_id not in _basket():
        session[BASKET] = [*_basket(), service_id][-BASKET_MAX:]
    return redirect(url_for("directory.show_service", service_id=service_id) + "#contact-actions")


@bp.post("/tarjotin/poista/<service_id>")
def remove_from_basket(service_id):
    session[BASKET] = [i for i in _basket() if i != service_id]
    return redirect(url_for(".show_basket"))


@bp.get("/tarjotin")
def show_basket():
    return render_template("contact/basket.html", offerings=visible_offerings(_basket()))


@bp.route("/palvelut/<service_id>/yhteydenotto", methods=["GET", "POST"])
@limiter.limit(_client_limit, methods=["POST"])
def request_service(service_id):
    offerings = visible_offerings([service_id]) or abort(404)
    return _contact_form(offerings, from_basket=False)


@bp.route("/tarjotin/yhteydenotto", methods=["GET", "POST"])
@limiter.limit(_client_limit, methods=["POST"])
def request_basket():
    offerings = visible_offerings(_basket())
    if not offerings:
        return redirect(url_for(".show_basket"))
    return _contact_form(offerings, from_basket=True)


def _contact_form(offerings: list, from_basket: bool):
    form = forms.ContactForm()
    form.service_ids.choices = [forms.SelectChoice(s.id, s.name) for s in offerings]
    config = current_app.config
    consent = forms.consent_text(sorted({s.organization.name for s in offerings}), config["CONTACT_RETENTION_DAYS"],
                                 config["CONTACT_MAX_RETENTION_DAYS"])
    if not form.is_submitted():
        form.service_ids.data = [s.id for s in offerings if is_accepting(s)]
        form.language.data = str(get_locale())
    elif form.website.data:
        log.info("contact: honeypot field filled; nothing stored")
        return redirect(url_for(".show_confirmation"))
    if form.validate_on_submit():
        chosen = [s for s in offerings if s.id in form.service_ids.data]
        created = services.submit(chosen, form.details(), consent, str(get_locale()), utcnow())
        db.session.commit()
        if from_basket:
            session[BASKET] = [i for i in _basket() if i not in form.service_ids.data]
        session[CONFIRMED] = [r.reference for r in created]
        return redirect(url_for(".show_confirmation"))
    others = {s.id: alternatives(s) for s in offerings if not is_accepting(s)}
    return render_template(
        "contact/request_form.html", form=form, offerings=offerings, alternatives=others, consent=consent
    )


@bp.get("/yhteydenotto/kiitos")
def show_confirmation():
    return render_template("contact/confirmation.html", requests=queries.by_references(session.get(CONFIRMED, [])))


@bp.route("/yhteydenotot/<token>", methods=["GET", "POST"])
@private
def review_request(token):
    now = utcnow()
    try:
        contact_request, audience = services.open_request(token, now)
    except links.LinkExpired:
        return render_template("contact/link_expired.html"), 410
    except links.LinkInvalid:
        abort(404)
    if "take_up" in request.form and ButtonForm().validate_on_submit():
        services.take_up(contact_request, audience, now)
        db.session.commit()
        return redirect(url_for(".review_request", token=token))
    form = forms.OutcomeForm()
    if contact_request.purged_at is None and form.validate_on_submit():
        services.record_outcome(contact_request, form.outcome.data, form.note.data, f"{audience}-link", now)
        db.session.commit()
        return redirect(url_for(".review_request", token=token, saved=1))
    db.session.commit()  # the audit row of this view
    return render_template("contact/review.html", request_=contact_request, form=form, saved="saved" in request.args,
                           take_up=ButtonForm() if contact_request.status == "sent" and audience == "organisation" else None)


@bp.context_processor
def labels() -> dict:
    return {
        "channel_labels": forms.CHANNEL_LABELS,
        "time_labels": forms.TIME_LABELS,
        "language_labels": forms.LANGUAGE_LABELS,
        "outcome_labels": forms.OUTCOME_LABELS,
    }

