"""Moderators' screens for the care pathways advisors refer along. Every step of the work is a plain
form post, so the pages need no JavaScript; the referrals' pathway service checks the moderator."""
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from wtforms import SelectChoice

from tarjotin.accounts.forms import ButtonForm
from tarjotin.accounts.permissions import require_moderator
from tarjotin.extensions import db
from tarjotin.manage import forms
from tarjotin.referrals import pathways

bp = Blueprint("pathways", __name__, url_prefix="/hallinta/polut")


@bp.before_request
@login_required
def moderators_only() -> None:
    """Refused before any form is shown; the service functions check again for their callers."""
    require_moderator(_actor())


def _actor():
    return current_user._get_current_object()


def _pathway(pathway_id: str):
    return pathways.pathway(_actor(), pathway_id) or abort(404)


def _step(step_id: str):
    return pathways.step(_actor(), step_id) or abort(404)


@bp.get("/")
def list_pathways():
    return render_template("manage/pathways.html", pathways=pathways.listing(_actor()))


@bp.route("/uusi", methods=["GET", "POST"])
def new_pathway():
    form = forms.PathwayForm()
    if form.validate_on_submit():
        created = pathways.save(_actor(), None, form.values())
        db.session.commit()
        return redirect(url_for(".edit_pathway", pathway_id=created.id, saved=1))
    return render_template("manage/pathway.html", form=form, pathway=None)


@bp.route("/<pathway_id>", methods=["GET", "POST"])
def edit_pathway(pathway_id):
    pathway = _pathway(pathway_id)
    form = forms.PathwayForm(obj=pathway)
    if form.validate_on_submit():
        pathways.save(_actor(), pathway, form.values())
        db.session.commit()
        return redirect(url_for(".edit_pathway", pathway_id=pathway.id, saved=1))
    return _pathway_page(pathway, form, forms.StepNameForm(prefix="step", formdata=None))


def _pathway_page(pathway, form, step_form):
    return render_template("manage/pathway.html", pathway=pathway, form=form, step_form=step_form, button=ButtonForm())


@bp.post("/<pathway_id>/vaiheet")
def add_step(pathway_id):
    pathway = _pathway(pathway_id)
    step_form = forms.StepNameForm(prefix="step")
    if step_form.validate_on_submit():
        pathways.add_step(_actor(), pathway, step_form.values())
        db.session.commit()
        return redirect(url_for(".edit_pathway", pathway_id=pathway.id, saved=1))
    return _pathway_page(pathway, forms.PathwayForm(obj=pathway, formdata=None), step_form)


@bp.post("/vaiheet/<step_id>/<any(ylos, alas):direction>")
def move_step(step_id, direction):
    step = _step(step_id)
    if ButtonForm().validate_on_submit():
        pathways.move_step(_actor(), step, -1 if direction == "ylos" else 1)
        db.session.commit()
    return redirect(url_for(".edit_pathway", pathway_id=step.pathway_id, _anchor=f"step-{step.id}"))


@bp.post("/vaiheet/<step_id>/poista")
def remove_step(step_id):
    step = _step(step_id)
    pathway_id = step.pathway_id
    if ButtonForm().validate_on_submit():
        pathways.remove_step(_actor(), step)
        db.session.commit()
    return redirect(url_for(".edit_pathway", pathway_id=pathway_id, saved=1))


@bp.route("/vaiheet/<step_id>", methods=["GET", "POST"])
def edit_step(step_id):
    step = _step(step_id)
    form = forms.StepForm(obj=step, themes=[t.id for t in step.terms if t.taxonomy == "theme"],
                          target_groups=[t.id for t in step.terms if t.taxonomy == "target_group"])
    choices = pathways.terms()
    form.themes.choices = [SelectChoice(t.id, t.name) for t in choices["theme"]]
    form.target_groups.choices = [SelectChoice(t.id, t.name) for t in choices["target_group"]]
    if form.validate_on_submit():
        pathways.update_step(_actor(), step, form.values(), form.term_ids())
        db.session.commit()
        return redirect(url_for(".edit_step", step_id=step.id, saved=1))
    search = forms.OfferingSearchForm(request.args)
    found = pathways.find_offerings(_actor(), search.q.data, step) if "q" in request.args and search.validate() else None
    return render_template("manage/pathway_step.html", step=step, form=form, search=search, found=found,
                           button=ButtonForm())


@bp.post("/vaiheet/<step_id>/valinnat/<service_id>")
def pick_offering(step_id, service_id):
    step = _step(step_id)
    if ButtonForm().validate_on_submit():
        pathways.pick(_actor(), step, service_id)
        db.session.commit()
    return redirect(url_for(".edit_step", step_id=step.id, _anchor="picks"))


@bp.post("/vaiheet/<step_id>/valinnat/<service_id>/poista")
def unpick_offering(step_id, service_id):
    step = _step(step_id)
    if ButtonForm().validate_on_submit():
        pathways.unpick(_actor(), step, service_id)
        db.session.commit()
    return redirect(url_for(".edit_step", step_id=step.id, _anchor="picks"))
