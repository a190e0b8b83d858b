"""Residents' ideas and feedback: received privately, published anonymised with a status and an answer."""
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from tarjotin.accounts.permissions import SYSTEM, actor_label, require_moderator
from tarjotin.directory.models import Service
from tarjotin.extensions import db
from tarjotin.participation.audit import audit
from tarjotin.participation.models import Idea


@dataclass(frozen=True)
class IdeaValues:
    kind: str
    text: str
    service_id: str | None
    theme_id: str | None
    name: str | None
    email: str | None


@dataclass(frozen=True)
class Answer:
    public_title: str
    public_text: str
    status: str
    public_answer: str | None
    theme_id: str | None


def submit(values: IdeaValues, consent_text: str | None, now: datetime) -> Idea:
    """consent_text is stored only when the resident left contact details."""
    has_details = bool(values.name or values.email)
    idea = Idea(**vars(values), consent_text=consent_text if has_details else None, created_at=now)
    # An empty ?palvelu= names no offering either (the fuzz run found the foreign-key 500).
    if idea.service_id is not None and db.session.get(Service, idea.service_id) is None:
        idea.service_id = None  # the link named an offering that has gone; the idea itself still counts
    db.session.add(idea)
    return idea


def queue(actor) -> list[Idea]:
    require_moderator(actor)
    return db.session.scalars(sa.select(Idea).order_by(Idea.published_at.is_not(None), Idea.created_at.desc())).all()


def for_moderation(actor, idea_id: str, now: datetime) -> Idea | None:
    moderator = require_moderator(actor)
    idea = db.session.get(Idea, idea_id)
    if idea is not None and idea.purged_at is None:
        audit("idea", idea.id, "viewed", actor_label(moderator), now)
    return idea


def answer(actor, idea: Idea, values: Answer, now: datetime) -> None:
    moderator = require_moderator(actor)
    for field, value in vars(values).items():
        setattr(idea, field, value)
    idea.published_at = idea.published_at or now
    if values.public_answer:
        idea.answered_at = now
    audit("idea", idea.id, "answered", actor_label(moderator), now)


def public(status: str | None, theme_id: str | None) -> list[Idea]:
    query = sa.select(Idea).where(Idea.published_at.is_not(None))
    if status:
        query = query.where(Idea.status == status)
    if theme_id:
        query = query.where(Idea.theme_id == theme_id)
    return db.session.scalars(query.order_by(Idea.published_at.desc())).all()


def purge(now: datetime) -> int:
    """Empty the resident's own words and details IDEA_RETENTION_DAYS after publication (or, for an idea
    never published, after it arrived); the anonymised public text stays."""
    cutoff = now - timedelta(days=current_app.config["IDEA_RETENTION_DAYS"])
    due = db.session.scalars(sa.select(Idea).where(
        sa.func.coalesce(Idea.published_at, Idea.created_at) <= cutoff, Idea.purged_at.is_(None)
    )).all()
    for idea in due:
        idea.text = idea.name = idea.email = idea.consent_text = None
        idea.purged_at = now
        audit("idea", idea.id, "purged", SYSTEM, now)
    return len(due)
