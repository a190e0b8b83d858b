"""Recording every change, and holding changes to published listings for a moderator.

A change publishes at once when nobody outside sees it yet (a draft organisation), when the
organisation is trusted, or when a moderator makes it; otherwise it waits in the queue.
"""
from datetime import datetime

import sqlalchemy as sa

from tarjotin.accounts.models import Claim, User
from tarjotin.accounts.permissions import require_editor, require_moderator
from tarjotin.directory.models import Organization
from tarjotin.extensions import db
from tarjotin.manage import fields
from tarjotin.manage.models import ChangeSet, FieldChange
from tarjotin.outbox.models import OutboxMessage
from tarjotin.outbox.service import enqueue_template


class Conflict(Exception):
    """The object the change was for is gone."""


def publishes_directly(organization: Organization, actor) -> bool:
    return organization.status == "draft" or organization.is_trusted or getattr(actor, "is_moderator", False)


def record(organization: Organization, target: str, target_id: str | None, action: str, changes: dict,
           status: str, actor: User | None) -> ChangeSet:
    """`changes` maps a field to (old, new)."""
    change_set = ChangeSet(
        organization=organization, target=target, target_id=target_id, action=action, status=status,
        submitted_by=actor, via_link=actor is None,
        fields=[FieldChange(field=f, old_value=old, new_value=new) for f, (old, new) in changes.items()],
    )
    db.session.add(change_set)
    return change_set


def pending_for(target: str, target_id: str) -> ChangeSet | None:
    return db.session.scalar(sa.select(ChangeSet).where(
        ChangeSet.target == target, ChangeSet.target_id == target_id, ChangeSet.status == "pending"))


def submit(actor, organization: Organization, target: str, obj, values: dict) -> ChangeSet | None:
    """Edit (or, with obj None, create) an organisation, offering or place; None if nothing changed."""
    require_editor(actor, organization.id)
    current = fields.snapshot(target, obj)
    changes = {f: (current[f], v) for f, v in values.items() if v != current[f]}
    if not changes:
        return None
    target_id = obj.id if obj is not None else None
    if target_id is not None and (earlier := pending_for(target, target_id)) is not None:
        earlier.status = "superseded"  # the new change set is diffed against the live values in full
    if not publishes_directly(organization, actor):
        return record(organization, target, target_id, "create" if obj is None else "update", changes,
                      "pending", actor)
    change_set = record(organization, target, target_id, "create" if obj is None else "update", changes,
                        "applied", actor)
    _apply(change_set, obj)
    return change_set


def _apply(change_set: ChangeSet, obj) -> None:
    values = change_set.values()
    if change_set.action == "create":
        obj = fields.create(change_set.target, change_set.organization.id, values)
        db.session.flush()
        change_set.target_id = obj.id
    else:
        fields.apply(change_set.target, obj, values)


def queue(actor) -> list[ChangeSet]:
    require_moderator(actor)
    return db.session.scalars(
        sa.select(ChangeSet).where(ChangeSet.status == "pending").order_by(ChangeSet.created_at, ChangeSet.id)
    ).all()


def waiting_counts(actor) -> dict[str, int]:
    """What waits for a moderator, as numbers for the dashboard; the lists have pages of their own."""
    require_moderator(actor)

    def count(model, status: str) -> int:
        return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(model.status == status))

    return {"changes": count(ChangeSet, "pending"), "claims": count(Claim, "pending"),
            "dead_letters": count(OutboxMessage, "dead")}


def get_pending(actor, change_set_id: int) -> ChangeSet | None:
    require_moderator(actor)
    change_set = db.session.get(ChangeSet, change_set_id)
    return change_set if change_set is not None and change_set.status == "pending" else None


def target_object(change_set: ChangeSet):
    if change_set.target_id is None:
        return None
    return db.session.get(fields.MODELS[change_set.target], change_set.target_id)


def decide(actor, change_set: ChangeSet, approve: bool, message: str | None, now: datetime) -> None:
    moderator = require_moderator(actor)
    if change_set.status != "pending":
        raise Conflict
    if approve:
        obj = target_object(change_set)
        if change_set.action != "create" and obj is None:
            raise Conflict
        _apply(change_set, obj)
    change_set.status = "approved" if approve else "rejected"
    change_set.decided_by, change_set.decided_at, change_set.message = moderator, now, message or None
    editor = change_set.submitted_by
    if editor is not None and not editor.is_disabled:
        enqueue_template("manage/decision", editor.locale, [editor.email], change_set=change_set,
                         name=change_set.values().get("name") or _name(change_set), approved=approve)


def _name(change_set: ChangeSet) -> str:
    obj = target_object(change_set)
    return (getattr(obj, "name", None) or getattr(obj, "address_1", None) or change_set.organization.name)


def history(actor, organization: Organization) -> list[ChangeSet]:
    require_editor(actor, organization.id)
    return db.session.scalars(
        sa.select(ChangeSet).where(ChangeSet.organization_id == organization.id)
        .order_by(ChangeSet.created_at.desc(), ChangeSet.id.desc())
    ).all()


def set_trusted(actor, organization: Organization, is_trusted: bool) -> None:
    require_moderator(actor)
    record(organization, "organization", organization.id, "update",
           {"is_trusted": (organization.is_trusted, is_trusted)}, "applied", actor)
    organization.is_trusted = is_trusted
