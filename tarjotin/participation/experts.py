"""Experience-expert profiles: the expert's own upkeep, moderation, and the staff's search."""
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tarjotin.accounts.models import User
from tarjotin.accounts.permissions import PermissionDenied, actor_label, can_edit, require_moderator, require_role
from tarjotin.directory.models import TaxonomyTerm
from tarjotin.extensions import db
from tarjotin.participation.audit import FINDER_ROLES, audit
from tarjotin.participation.models import ExpertProfile, expert_theme


@dataclass(frozen=True)
class ProfileValues:
    display_name: str
    experience: str
    theme_ids: list[str]
    work_kinds: list[str]
    languages: list[str]
    municipality_code: str | None
    availability: str | None
    follows_common_fee: bool
    email: str | None


def _signed_in(actor) -> User:
    if not isinstance(actor, User) or not actor.is_active:
        raise PermissionDenied
    return actor


def is_owner(actor, profile: ExpertProfile) -> bool:
    if profile.user_id is not None:
        return isinstance(actor, User) and actor.is_active and actor.id == profile.user_id
    return can_edit(actor, profile.organization_id)


def own_profiles(actor) -> list[ExpertProfile]:
    """The actor's personal profile and those of the expert groups of the organisations they edit."""
    user = _signed_in(actor)
    return db.session.scalars(
        sa.select(ExpertProfile).where(sa.or_(
            ExpertProfile.user_id == user.id, ExpertProfile.organization_id.in_(user.organization_ids)
        ))
    ).all()


def get_own(actor, profile_id: str) -> ExpertProfile | None:
    profile = db.session.get(ExpertProfile, profile_id)
    if profile is not None and not is_owner(actor, profile):
        raise PermissionDenied
    return profile


def save(actor, profile: ExpertProfile | None, organization_id: str | None, values: ProfileValues,
         consent_text: str, now: datetime) -> ExpertProfile:
    """Create or change a profile; every change waits for a moderator again, as the text is public."""
    user = _signed_in(actor)
    themes = _themes(values.theme_ids)
    if profile is None:
        if organization_id is not None and not can_edit(user, organization_id):
            raise PermissionDenied
        profile = ExpertProfile(user_id=None if organization_id else user.id, organization_id=organization_id)
        db.session.add(profile)
    elif not is_owner(user, profile):
        raise PermissionDenied
    for field in ("display_name", "experience", "work_kinds", "languages", "municipality_code", "availability",
                  "follows_common_fee", "email"):
        setattr(profile, field, getattr(values, field))
    profile.themes = themes
    profile.consent_text, profile.consent_given_at = consent_text, now
    profile.status, profile.decided_by_id, profile.decided_at = "pending", None, None
    return profile


def _themes(theme_ids: list[str]) -> list[TaxonomyTerm]:
    if not theme_ids:
        return []
    return db.session.scalars(
        sa.select(TaxonomyTerm).where(TaxonomyTerm.id.in_(theme_ids), TaxonomyTerm.taxonomy == "theme")
    ).all()


def withdraw(actor, profile: ExpertProfile, now: datetime) -> None:
    """Consent withdrawn: the profile and its personal data go; requests keep kind, status and dates."""
    if not is_owner(actor, profile):
        raise PermissionDenied
    audit("profile", profile.id, "withdrawn", actor_label(actor), now)
    db.session.delete(profile)


def pending(actor) -> list[ExpertProfile]:
    require_moderator(actor)
    return db.session.scalars(
        sa.select(ExpertProfile).where(ExpertProfile.status == "pending").order_by(ExpertProfile.created_at)
    ).all()


def for_moderation(actor, profile_id: str, now: datetime) -> ExpertProfile | None:
    moderator = require_moderator(actor)
    profile = db.session.get(ExpertProfile, profile_id)
    if profile is not None:
        audit("profile", profile.id, "viewed", actor_label(moderator), now)
    return profile


def decide(actor, profile: ExpertProfile, approve: bool, now: datetime) -> None:
    moderator = require_moderator(actor)
    profile.status = "published" if approve else "rejected"
    profile.decided_by_id, profile.decided_at = moderator.id, now
    audit("profile", profile.id, "decided", actor_label(moderator), now)


@dataclass(frozen=True)
class Filters:
    theme_id: str | None = None
    work_kind: str | None = None
    municipality_code: str | None = None
    language: str | None = None


def search(actor, filters: Filters) -> list[ExpertProfile]:
    """Published profiles; an expert working anywhere in the county matches every municipality.
    The bank is small, so the JSON lists are filtered here rather than in SQL on two dialects."""
    require_role(actor, FINDER_ROLES)
    query = sa.select(ExpertProfile).where(ExpertProfile.status == "published").options(
        selectinload(ExpertProfile.themes)
    )
    if filters.theme_id:
        query = query.where(ExpertProfile.id.in_(
            sa.select(expert_theme.c.profile_id).where(expert_theme.c.taxonomy_term_id == filters.theme_id)
        ))
    if filters.municipality_code:
        query = query.where(sa.or_(ExpertProfile.municipality_code.is_(None),
                                   ExpertProfile.municipality_code == filters.municipality_code))
    found = db.session.scalars(query.order_by(ExpertProfile.display_name)).all()
    return [p for p in found
            if (not filters.work_kind or filters.work_kind in p.work_kinds)
            and (not filters.language or filters.language in p.languages)]


def published(actor, profile_id: str, now: datetime) -> ExpertProfile | None:
    finder = require_role(actor, FINDER_ROLES)
    profile = db.session.get(ExpertProfile, profile_id)
    if profile is None or profile.status != "published":
        return None
    audit("profile", profile.id, "viewed", actor_label(finder), now)
    return profile
