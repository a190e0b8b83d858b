"""Who may do what. Services call these for every object they touch; views never decide."""
from werkzeug.exceptions import Forbidden

from tarjotin.accounts.models import User


class PermissionDenied(Forbidden):
    """Raised by services; a Forbidden so that every view answers 403 without a handler of its own."""


def _user(actor) -> User | None:
    return actor if isinstance(actor, User) and actor.is_active else None


def can_edit(actor, organization_id: str) -> bool:
    user = _user(actor)
    return user is not None and (user.is_moderator or organization_id in user.organization_ids)


def require_editor(actor, organization_id: str) -> User:
    if not can_edit(actor, organization_id):
        raise PermissionDenied
    return actor


def require_moderator(actor) -> User:
    user = _user(actor)
    if user is None or not user.is_moderator:
        raise PermissionDenied
    return user


def require_admin(actor) -> User:
    user = _user(actor)
    if user is None or user.role != "admin":
        raise PermissionDenied
    return user


# Who an audit row names: an account id, never a name or address (the trail must not become
# personal data of its own), or the system for cron commands.
SYSTEM = "system"


def actor_label(actor: User) -> str:
    return f"user:{actor.id}"


def require_role(actor, roles: tuple[str, ...]) -> User:
    user = _user(actor)
    if user is None or user.role not in roles:
        raise PermissionDenied
    return user


def require_invite_right(actor, organization_id: str | None, role: str) -> User:
    """Editors invite fellow editors of their organisation; county roles come only from an admin."""
    if role != "editor" or organization_id is None:
        return require_admin(actor)
    return require_editor(actor, organization_id)
