"""Choices the participation forms offer: the themes and municipalities of the directory."""
import sqlalchemy as sa
from wtforms import SelectChoice

from tarjotin.directory.models import Municipality, TaxonomyTerm
from tarjotin.extensions import db
from tarjotin.i18n import localized


def themes() -> list[TaxonomyTerm]:
    return db.session.scalars(
        sa.select(TaxonomyTerm).where(TaxonomyTerm.taxonomy == "theme", TaxonomyTerm.parent_id.is_(None))
        .order_by(TaxonomyTerm.name)
    ).all()


def theme_choices() -> list[SelectChoice]:
    return [SelectChoice(t.id, localized(t, "name")) for t in themes()]


def municipality_choices() -> list[SelectChoice]:
    return [SelectChoice(m.code, m.name) for m in db.session.scalars(sa.select(Municipality).order_by(Municipality.name))]
