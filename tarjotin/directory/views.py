"""Public directory pages: front page, organisation list, organisation and offering pages."""
from flask import Blueprint, abort, render_template, request

from tarjotin.directory import queries

bp = Blueprint("directory", __name__)


@bp.get("/")
def index():
    return render_template("directory/index.html", themes=queries.theme_counts())


@bp.get("/jarjestot")
def list_organizations():
    page = request.args.get("page", 1, type=int)
    return render_template("directory/organizations.html", pagination=queries.published_organizations(page))


@bp.get("/jarjestot/<organization_id>")
def show_organization(organization_id):
    organization = queries.public_organization(organization_id) or abort(404)
    return render_template("directory/organization.html", organization=organization)


@bp.get("/palvelut/<service_id>")
def show_service(service_id):
    service = queries.public_service(service_id) or abort(404)
    return render_template("directory/service.html", service=service)
