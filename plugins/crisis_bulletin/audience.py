"""Who reads a bulletin: an audience of ``everyone``, roles, groups and partners resolved to active users.

Internal users (no ``partner_code``) are reached through ``everyone``, their roles and their
groups. A partner's users are reached only when the audience names their partner code: a
partner never reads a bulletin that was not addressed to it, whatever roles it holds.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import Group, GroupMember, Role, User, UserRole, ValidationError
from plugins.crisis_bulletin.models import AUDIENCE_KINDS, Audience

Entry = tuple[str, str]  # (kind, value): ("everyone", ""), ("role", "engineer"), ("group", "3"), ("partner", "ACME")


def entries_of(session: Session, bulletin_id: int) -> list[Entry]:
    """A bulletin's audience entries ``(kind, value)``, sorted."""
    return [tuple(row) for row in session.execute(select(Audience.kind, Audience.value)
                                                  .where(Audience.bulletin_id == bulletin_id)
                                                  .order_by(Audience.kind, Audience.value))]


def role_titles(session: Session) -> dict[str, str]:
    """Every role by name with its (English) title."""
    return dict(session.execute(select(Role.name, Role.title).order_by(Role.name)).all())


def partner_codes(session: Session) -> list[str]:
    """The partner codes that have at least one active user, sorted."""
    return list(session.scalars(select(User.partner_code).where(User.partner_code.is_not(None),
                                                                User.is_active.is_(True))
                                .distinct().order_by(User.partner_code)))


def users_with_roles(roles: Iterable[str]):
    """A clause: the user holds one of ``roles``."""
    return User.id.in_(select(UserRole.user_id).where(UserRole.role.in_(list(roles))))


def clean(session: Session, entries: Iterable[Entry]) -> list[Entry]:
    """The audience without duplicates, every role, group and partner checked; raises ``ValidationError``."""
    found = sorted({(kind, (value or "").strip()) for kind, value in entries})
    if not found:
        raise ValidationError("Choose who must read the bulletin: everyone, roles, groups or partners.", "audience")
    unknown_kinds = sorted({k for k, _ in found} - set(AUDIENCE_KINDS))
    if unknown_kinds:
        raise ValidationError(f"'{unknown_kinds[0]}' is not an audience; use {', '.join(AUDIENCE_KINDS)}.",
                              "audience")
    values = {kind: {v for k, v in found if k == kind} for kind in AUDIENCE_KINDS}
    if unknown := sorted(values["role"] - set(role_titles(session))):
        raise ValidationError(f"There is no role '{unknown[0]}'; choose one of the roles in the list.", "audience")
    group_ids = {int(v) for v in values["group"] if v.isdigit()}
    known_groups = set(session.scalars(select(Group.id).where(Group.id.in_(group_ids)))) if group_ids else set()
    if unknown := sorted(v for v in values["group"] if not v.isdigit() or int(v) not in known_groups):
        raise ValidationError(f"There is no group with id {unknown[0]}; choose one of the groups in the list.",
                              "audience")
    if "" in values["partner"]:
        raise ValidationError("A partner audience needs the partner's code.", "audience")
    return [(kind, "" if kind == "everyone" else value) for kind, value in found]


def readers(session: Session, entries: Iterable[Entry]) -> set[int]:
    """The ids of the active users the audience reaches."""
    entries = list(entries)
    kinds = {kind for kind, _ in entries}
    found: set[int] = set()
    internal = select(User.id).where(User.is_active.is_(True), User.partner_code.is_(None))
    if "everyone" in kinds:
        found.update(session.scalars(internal))
    else:
        roles = [v for k, v in entries if k == "role"]
        groups = [int(v) for k, v in entries if k == "group"]
        if roles:
            found.update(session.scalars(internal.where(users_with_roles(roles))))
        if groups:
            members = select(GroupMember.user_id).where(GroupMember.group_id.in_(groups))
            found.update(session.scalars(internal.where(User.id.in_(members))))
    partners = [v for k, v in entries if k == "partner"]
    if partners:
        found.update(session.scalars(select(User.id).where(User.is_active.is_(True),
                                                           User.partner_code.in_(partners))))
    return found


def leads_of(session: Session, user_ids: Iterable[int]) -> dict[int, int]:
    """Each reader's lead: their own ``lead_id``, else the lead of a group they belong to (not themselves).

    Readers without either are left out.
    """
    user_ids = list(user_ids)
    if not user_ids:
        return {}
    leads = {uid: lead for uid, lead in session.execute(
        select(User.id, User.lead_id).where(User.id.in_(user_ids), User.lead_id.is_not(None)))}
    missing = [uid for uid in user_ids if uid not in leads]
    if missing:
        for uid, lead in session.execute(
                select(GroupMember.user_id, Group.lead_id).join(Group, Group.id == GroupMember.group_id)
                .where(GroupMember.user_id.in_(missing), Group.lead_id.is_not(None),
                       Group.lead_id != GroupMember.user_id).order_by(GroupMember.user_id, Group.id)):
            leads.setdefault(uid, lead)
    return leads
