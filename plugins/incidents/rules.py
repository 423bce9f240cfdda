"""Permissions, input checks and the "who may work this incident" rule shared by the services."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import Actor, GroupMember, NotFound, PermissionDenied, StaleEditError, ValidationError
from plugins.incidents.models import PENDING_REASONS

NAME = "incidents"
READ = "incidents.read"
EDIT = "incidents.edit"
MANAGE = "incidents.manage"
SLA_EDIT = "incidents.sla"
CONFIGURE = "incidents.configure"
KNOWLEDGE = "incidents.knowledge"
REVIEW = "incidents.review"
IMPORT = "incidents.import"

INCIDENT_PAGE = "incidents.list"


def text(value: Any, field: str, label: str, limit: int = 255, *, required: bool = True) -> str:
    """``value`` stripped; refuses an empty required value and one longer than ``limit``."""
    cleaned = ("" if value is None else str(value)).strip()
    if required and not cleaned:
        raise ValidationError(f"Enter the {label}.", field)
    if len(cleaned) > limit:
        raise ValidationError(f"The {label} is {len(cleaned)} characters long; shorten it to {limit}.", field)
    return cleaned


def choice(value: Any, choices: tuple[str, ...], field: str, label: str | None = None) -> str:
    """``value`` when it is one of ``choices``."""
    if value not in choices:
        raise ValidationError(f"'{value}' is not a valid {label or field}: use one of {', '.join(choices)}.", field)
    return value


def minutes(value: Any, field: str, label: str, *, required: bool = False) -> int | None:
    """A positive whole number of minutes, or None when empty and not required."""
    if value in (None, ""):
        if required:
            raise ValidationError(f"Enter the {label} in minutes.", field)
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(f"The {label} must be a whole number of minutes, e.g. 240.", field) from None
    if number <= 0 or number > 525_600:
        raise ValidationError(f"The {label} must be between 1 minute and one year (525600 minutes).", field)
    return number


def pending_reason(status: str, reason: str | None, what: str = "incident") -> None:
    """A pending status needs one of the typed reasons; any other status none."""
    if status == "pending":
        choice(reason, PENDING_REASONS, "reason", "pending reason")
    elif reason is not None:
        raise ValidationError(f"Only a pending {what} has a reason; leave the reason empty.", "reason")


def expect_version(record: Any, expected: int | None, what: str) -> None:
    """Refuse an edit made on a copy older than ``record`` (``expected`` is the version the form loaded)."""
    if expected is not None and record.version != expected:
        raise StaleEditError(what)


def found(record: Any, message: str) -> Any:
    """``record``, or ``NotFound(message)`` when it is None."""
    if record is None:
        raise NotFound(message)
    return record


def group_ids(session: Session, user_id: int | None) -> set[int]:
    """The groups a user belongs to."""
    if user_id is None:
        return set()
    return set(session.scalars(select(GroupMember.group_id).where(GroupMember.user_id == user_id)))


def may_work(session: Session, actor: Actor, assignee_id: int | None, group_id: int | None) -> bool:
    """Engineers work their own incidents: assigned to them, or unassigned in one of their groups (or
    in no group yet). Holders of ``incidents.manage`` work any incident."""
    if actor.can(MANAGE):
        return True
    if not actor.can(EDIT):
        return False
    if assignee_id is not None:
        return assignee_id == actor.user_id
    return group_id is None or group_id in group_ids(session, actor.user_id)


def require_work(session: Session, actor: Actor, number: str, assignee_id: int | None, group_id: int | None) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` may work the incident ``number``."""
    if not may_work(session, actor, assignee_id, group_id):
        raise PermissionDenied(
            f"{actor.display_name} may work only their own incidents; {number} belongs to someone else. "
            "Ask a team lead (permission 'incidents.manage') to reassign it.")
