"""The moderator's queue: changes to published listings, and claims of organisations."""
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user, login_required

from tarjotin.accounts import claims
from tarjotin.accounts.forms import ButtonForm, DecisionForm
from tarjotin.db import utcnow
from tarjotin.extensions import db
from tarjotin.manage import changes, dead_letters, fields, labels
from tarjotin.web import private

bp = Blueprint("moderation", __name__, url_prefix="/hallinta/moderointi")
bp.context_processor(labels.context)


def _actor():
    return current_user._get_current_object()


@bp.get("/")
@private
@login_required
def queue():
    actor = _actor()
    return render_template("manage/queue.html", queue=changes.queue(actor), claims=claims.pending(actor))


@bp.route("/muutokset/<int:change_set_id>", methods=["GET", "POST"])
@login_required
def review_change(change_set_id):
    change_set = changes.get_pending(_actor(), change_set_id) or abort(404)
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            changes.decide(_actor(), change_set, "approve" in request.form, form.message.data, utcnow())
        except changes.Conflict:
            abort(409)
        db.session.commit()
        return redirect(url_for(".queue", decided=change_set.id))
    return render_template("manage/review_change.html", change_set=change_set, form=form,
                           live=fields.snapshot(change_set.target, changes.target_object(change_set)))


@bp.route("/haltuunotot/<claim_id>", methods=["GET", "POST"])
@private
@login_required
def review_claim(claim_id):
    claim = claims.get(_actor(), claim_id)
    if claim is None or claim.status != "pending":
        abort(404)
    form = DecisionForm()
    if form.validate_on_submit():
        claims.decide(_actor(), claim, "approve" in request.form, form.message.data, str(get_locale() or "fi"),
                      utcnow())
        db.session.commit()
        return redirect(url_for(".queue", decided=claim.id))
    return render_template("manage/review_claim.html", claim=claim, form=form)


@bp.get("/kuolleet-viestit")
@private
@login_required
def list_dead_letters():
    return render_template("manage/dead_letters.html", messages=dead_letters.listing(_actor()), button=ButtonForm())


@bp.post("/kuolleet-viestit/<int:message_id>/uudelleen")
@login_required
def retry_dead_letter(message_id):
    retried = None
    if ButtonForm().validate_on_submit():
        # None when another moderator was quicker: the list shows the row gone, which says enough.
        retried = dead_letters.retry(_actor(), message_id, utcnow())
        db.session.commit()
    return redirect(url_for(".list_dead_letters", retried=retried.id if retried else None))
