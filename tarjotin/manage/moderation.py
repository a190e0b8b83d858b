"""The moderator's queue: changes to published listings, and claims of organisations."""
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user, login_required

from tarjotin.accounts import claims
from tarjotin.accounts.forms import DecisionForm
from tarjotin.db import utcnow
from tarjotin.extensions import db
from tarjotin.manage import changes, fields

bp = Blueprint("moderation", __name__, url_prefix="/hallinta/moderointi")


def _actor():
    return current_user._get_current_object()


@bp.get("/")
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
