"""The resident's results page."""
from flask import Blueprint, current_app, render_template, request

from tarjotin.directory.schedule import local_now
from tarjotin.i18n import current_language
from tarjotin.search.cache import cached_search
from tarjotin.search.extras import registered_extras
from tarjotin.search.forms import RADII, SearchForm
from tarjotin.search.page import MATCH_FIELDS, results_page

bp = Blueprint("search", __name__)


@bp.get("/haku")
@cached_search
def results():
    form = SearchForm.from_args(request.args)
    page = results_page(form, local_now(), current_language(), current_app.config["STALE_AFTER_DAYS"],
                        registered_extras(current_app))
    body = render_template("search/results.html", page=page, form=page.form, radii=RADII, match_fields=MATCH_FIELDS)
    return body, 503 if page.is_unavailable else 200
