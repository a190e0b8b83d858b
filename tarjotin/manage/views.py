"""Editors' pages (organisation, offerings, places, capacity, review) and the signed e-mail links."""
import sqlalchemy as sa
from flask import Blueprint, current_app, redirect, render_template, url_for
from flask_babel import get_locale
from flask_login import current_user, login_required
from wtforms import SelectChoice

from tarjotin import signing
from tarjotin.accounts import services as accounts
from tarjotin.accounts.forms import ButtonForm, InviteForm
from tarjotin.db import utcnow
from tarjotin.directory.models import TaxonomyTerm
from tarjotin.extensions import db
from tarjotin.manage import changes, editing, fields, forms, links, reviews
from tarjotin.manage import labels as change_labels
from tarjotin.web import private

bp = Blueprint("manage", __name__, url_prefix="/hallinta")


def _actor():
    return current_user._get_current_object()


def _initial(target: str, obj) -> dict:
    """Live values with the editor's change still waiting for review laid over them."""
    values = fields.snapshot(target, obj)
    pending = changes.pending_for(target, obj.id) if obj is not None else None
    return {**values, **(pending.values() if pending else {})}


@bp.get("/")
@login_required
def dashboard():
    actor, today = _actor(), utcnow().date()
    context = {"organizations": editing.my_organizations(actor)}
    if actor.is_moderator:
        context.update(waiting=changes.waiting_counts(actor), stale=reviews.stale(actor, today))
    return render_template("manage/dashboard.html", **context)


@bp.get("/jarjestot/<organization_id>")
@login_required
def show_organization(organization_id):
    organization = editing.organization(_actor(), organization_id)
    pending = changes.history(_actor(), organization)
    return render_template("manage/organization.html", organization=organization, button=ButtonForm(),
                           pending=[c for c in pending if c.status == "pending"])


@bp.route("/jarjestot/<organization_id>/muokkaa", methods=["GET", "POST"])
@login_required
def edit_organization(organization_id):
    organization = editing.organization(_actor(), organization_id)
    form = forms.OrganizationForm(data=_initial("organization", organization))
    if form.validate_on_submit():
        change_set = changes.submit(_actor(), organization, "organization", organization, form.values())
        db.session.commit()
        return _saved(organization.id, change_set)
    return _form_page(form, "organization", organization=organization, obj=organization)


def _saved(organization_id: str, change_set):
    status = change_set.status if change_set else "unchanged"
    return redirect(url_for(".show_organization", organization_id=organization_id, saved=status))


def _form_page(form, kind: str, **context):
    return render_template("manage/form.html", form=form, kind=kind, **context)


@bp.post("/jarjestot/<organization_id>/ajan-tasalla")
@login_required
def confirm_organization(organization_id):
    organization = editing.organization(_actor(), organization_id)
    if ButtonForm().validate_on_submit():
        reviews.confirm(_actor(), organization, utcnow().date())
        db.session.commit()
    return redirect(url_for(".show_organization", organization_id=organization.id, saved="confirmed"))


@bp.post("/jarjestot/<organization_id>/luotettu")
@login_required
def toggle_trusted(organization_id):
    organization = editing.organization(_actor(), organization_id)
    if ButtonForm().validate_on_submit():
        changes.set_trusted(_actor(), organization, not organization.is_trusted)
        db.session.commit()
    return redirect(url_for(".show_organization", organization_id=organization.id))


@bp.route("/jarjestot/<organization_id>/kutsu", methods=["GET", "POST"])
@login_required
def invite_editor(organization_id):
    organization = editing.organization(_actor(), organization_id)
    form = InviteForm()
    del form.role  # editors invite editors; county roles come from the admin's page
    if form.validate_on_submit():
        accounts.invite(_actor(), form.email.data, "editor", organization.id, str(get_locale() or "fi"))
        db.session.commit()
        return redirect(url_for(".show_organization", organization_id=organization.id, saved="invited"))
    return _form_page(form, "invite", organization=organization)


@bp.get("/jarjestot/<organization_id>/historia")
@login_required
def history(organization_id):
    organization = editing.organization(_actor(), organization_id)
    return render_template("manage/history.html", organization=organization,
                           change_sets=changes.history(_actor(), organization))


def _service_form(organization, initial: dict) -> forms.ServiceForm:
    form = forms.ServiceForm(data={**initial, "schedules": [
        forms.schedule_form_data(s) for s in initial.get("schedules") or []]})
    terms = db.session.scalars(sa.select(TaxonomyTerm).order_by(TaxonomyTerm.name)).all()
    form.themes.choices = [SelectChoice(t.id, t.name) for t in terms if t.taxonomy == "theme"]
    form.target_groups.choices = [SelectChoice(t.id, t.name) for t in terms if t.taxonomy == "target_group"]
    form.location_ids.choices = [SelectChoice(loc.id, loc.name or loc.address_1) for loc in organization.locations]
    if not form.is_submitted():
        form.schedules.append_entry()
    return form


@bp.route("/jarjestot/<organization_id>/palvelut/uusi", methods=["GET", "POST"])
@login_required
def new_service(organization_id):
    organization = editing.organization(_actor(), organization_id)
    form = _service_form(organization, {"is_free": True, "languages": ["fi"]})
    if form.validate_on_submit():
        change_set = changes.submit(_actor(), organization, "service", None, form.values())
        db.session.commit()
        return _saved(organization.id, change_set)
    return _form_page(form, "service", organization=organization, obj=None)


@bp.route("/palvelut/<service_id>", methods=["GET", "POST"])
@login_required
def edit_service(service_id):
    service = editing.service(_actor(), service_id)
    form = _service_form(service.organization, _initial("service", service))
    if form.validate_on_submit():
        change_set = changes.submit(_actor(), service.organization, "service", service, form.values())
        db.session.commit()
        return _saved(service.organization_id, change_set)
    return _form_page(form, "service", organization=service.organization, obj=service)


@bp.post("/palvelut/<service_id>/arkistoi")
@login_required
def archive_service(service_id):
    service = editing.service(_actor(), service_id)
    if ButtonForm().validate_on_submit():
        editing.archive(_actor(), service)
        db.session.commit()
    return redirect(url_for(".show_organization", organization_id=service.organization_id, saved="archived"))


@bp.route("/palvelut/<service_id>/tilanne", methods=["GET", "POST"])
@login_required
def set_capacity(service_id):
    service = editing.service(_actor(), service_id)
    form = forms.CapacityForm(data={"state": service.capacity_status, "note": service.capacity_note})
    if form.validate_on_submit():
        editing.set_capacity(_actor(), service, form.state.data, form.note.data or None, utcnow())
        db.session.commit()
        return redirect(url_for(".show_organization", organization_id=service.organization_id, saved="capacity"))
    return _form_page(form, "capacity", organization=service.organization, obj=service)


@bp.route("/jarjestot/<organization_id>/toimipaikat/uusi", methods=["GET", "POST"])
@login_required
def new_location(organization_id):
    organization = editing.organization(_actor(), organization_id)
    return _location_page(organization, None)


@bp.route("/toimipaikat/<location_id>", methods=["GET", "POST"])
@login_required
def edit_location(location_id):
    location = editing.location(_actor(), location_id)
    return _location_page(location.organization, location)


def _location_page(organization, location):
    initial = _initial("location", location) if location else {}
    form = forms.LocationForm(data=initial)
    if form.validate_on_submit():
        values = editing.geocode(current_app.config, form.values())
        change_set = changes.submit(_actor(), organization, "location", location, values)
        db.session.commit()
        return _saved(organization.id, change_set)
    return _form_page(form, "location", organization=organization, obj=location)


@bp.route("/linkki/<token>", methods=["GET", "POST"])
@private
def email_action(token):
    """GET only shows a button: mail scanners open links, and must not change anything by doing so."""
    try:
        action, obj, state = links.open_link(token)
    except (signing.LinkExpired, signing.LinkInvalid):
        return render_template("accounts/link_expired.html"), 410
    form = ButtonForm()
    if form.validate_on_submit():
        if action == "confirm":
            reviews.confirm(None, obj, utcnow().date())
        else:
            editing.set_capacity(None, obj, state, obj.capacity_note, utcnow())
        db.session.commit()
        return render_template("manage/email_action.html", action=action, obj=obj, state=state, done=True)
    return render_template("manage/email_action.html", action=action, obj=obj, state=state, form=form)


@bp.context_processor
def labels() -> dict:
    return {"capacity_labels": forms.CAPACITY_LABELS, **change_labels.context()}
