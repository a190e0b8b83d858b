"""Read-side queries over contact requests (the offerings they go to are in directory.offerings)."""
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tarjotin.contact.models import ContactRequest
from tarjotin.extensions import db


def by_references(references: list[str]) -> list[ContactRequest]:
    if not references:
        return []
    return db.session.scalars(
        sa.select(ContactRequest)
        .where(ContactRequest.reference.in_(references))
        .options(selectinload(ContactRequest.organization))
        .order_by(ContactRequest.reference)
    ).all()

