"""What every work-hour rule shares: permissions, whose time an actor may touch, policy, locks.

Teams are core groups: a person's reviewers are the lead of each group they belong to, the
extra reviewers named for those groups (``worktime_team_reviewer``) and their own lead
(``User.lead_id``). HR (``worktime.hr``) sees and records everyone's time.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select, union
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from console.api import (
    Actor,
    AppContext,
    Group,
    GroupMember,
    NotFound,
    PermissionDenied,
    StaleEditError,
    User,
    ValidationError,
    get_setting,
)
from plugins.worktime.models import LOCKING_STATUSES, SUBMITTED, TeamReviewer, Timesheet
from plugins.worktime.periods import period_bounds, period_label
from plugins.worktime.terms import BaseCalendar, base_calendar, zone_of

READ = "worktime.read"
EDIT = "worktime.edit"
EDIT_OTHERS = "worktime.edit_others"
REVIEW = "worktime.review"
HR = "worktime.hr"
MANAGE = "worktime.manage"
RATES = "worktime.rates"
REPORTS = "worktime.reports"

MAX_NOTE = 2000
_CODE = re.compile(r"[^\s]{1,32}")


@dataclass(frozen=True)
class Policy:
    """The settings and holiday calendar a rule needs, read before its unit of work."""

    period: str
    week_starts: str
    calendar: BaseCalendar

    def bounds(self, day: date) -> tuple[date, date]:
        """The timesheet period holding ``day``."""
        return period_bounds(day, self.period, self.week_starts)


def policy(app: AppContext) -> Policy:
    """The current timesheet period, first weekday and base calendar (read outside any unit of work)."""
    return Policy(get_setting(app, "worktime.timesheet_period"), get_setting(app, "worktime.week_starts"),
                  base_calendar(app))


# -- whose time ----------------------------------------------------------------------------------
def team_query(reviewer_id: int):
    """The ids of the people whose time ``reviewer_id`` reviews (a SELECT to use in ``IN``)."""
    led = select(GroupMember.user_id).join(Group, Group.id == GroupMember.group_id).where(Group.lead_id == reviewer_id)
    reviewed = select(GroupMember.user_id).where(GroupMember.group_id.in_(
        select(TeamReviewer.group_id).where(TeamReviewer.user_id == reviewer_id)))
    reports = select(User.id).where(User.lead_id == reviewer_id)
    return union(led, reviewed, reports)


def reviewers_of(session: Session, user_ids: set[int]) -> dict[int, set[int]]:
    """Who reviews each person's time: their groups' leads and extra reviewers, and their own lead."""
    out: dict[int, set[int]] = {uid: set() for uid in user_ids}
    if not user_ids:
        return out
    members = select(GroupMember.user_id, GroupMember.group_id).where(GroupMember.user_id.in_(user_ids)).subquery()
    for uid, lead in session.execute(select(members.c.user_id, Group.lead_id)
                                     .join(Group, Group.id == members.c.group_id).where(Group.lead_id.is_not(None))):
        out[uid].add(lead)
    for uid, reviewer in session.execute(select(members.c.user_id, TeamReviewer.user_id)
                                         .join(TeamReviewer, TeamReviewer.group_id == members.c.group_id)):
        out[uid].add(reviewer)
    for uid, lead in session.execute(select(User.id, User.lead_id).where(User.id.in_(user_ids),
                                                                         User.lead_id.is_not(None))):
        out[uid].add(lead)
    return {uid: reviewers - {uid} for uid, reviewers in out.items()}


def team_ids(session: Session, reviewer_id: int | None) -> set[int]:
    """The people whose time ``reviewer_id`` reviews (never themselves)."""
    if reviewer_id is None:
        return set()
    return set(session.scalars(select(team_query(reviewer_id).subquery().c[0]))) - {reviewer_id}


def sees_everyone(actor: Actor) -> bool:
    """HR (and administrators) see everyone's time."""
    return actor.can(HR)


def visible_clause(actor: Actor, user_column: ColumnElement) -> ColumnElement | None:
    """A WHERE clause keeping rows of people whose time ``actor`` may see (``None``: everyone)."""
    if sees_everyone(actor):
        return None
    own = user_column == actor.user_id
    if actor.user_id is not None and any(actor.can(p) for p in (REVIEW, EDIT_OTHERS, REPORTS)):
        return or_(own, user_column.in_(team_query(actor.user_id)))
    return own


def may_see(session: Session, actor: Actor, user_id: int) -> bool:
    """True when ``actor`` may see ``user_id``'s time."""
    if user_id == actor.user_id or sees_everyone(actor):
        return True
    return any(actor.can(p) for p in (REVIEW, EDIT_OTHERS, REPORTS)) and user_id in team_ids(session, actor.user_id)


def recording_permission(actor: Actor, user_id: int) -> str:
    """The permission recording time for ``user_id`` needs: your own, or someone else's."""
    return EDIT if user_id == actor.user_id else (HR if actor.can(HR) else EDIT_OTHERS)


def require_recorder(session: Session, actor: Actor, person: User) -> None:
    """Refuse unless ``actor`` may record ``person``'s time (themselves, their team, or anyone for HR)."""
    if person.id == actor.user_id or actor.can(HR):
        return
    if not actor.can(EDIT_OTHERS) or person.id not in team_ids(session, actor.user_id):
        raise PermissionDenied(f"{actor.display_name} may record time only for themselves and their team; "
                               f"{person.display_name} is not in a team they lead or review.")


def lock_recorder(session: Session, actor: Actor, user_id: int | None) -> User:
    """The person whose time is being written, row-locked (one person's writes queue), once ``actor`` may."""
    person = load_person(session, user_id, lock=True)
    require_recorder(session, actor, person)
    return person


def require_reviewer(session: Session, actor: Actor, person_id: int, what: str) -> None:
    """Refuse unless ``actor`` reviews ``person_id``'s time (and is not that person)."""
    actor.require(REVIEW)
    if person_id == actor.user_id:
        raise PermissionDenied(f"Nobody reviews their own time: ask your team lead or reviewer to decide on {what}.")
    if not actor.can(HR) and person_id not in team_ids(session, actor.user_id):
        raise PermissionDenied(f"{actor.display_name} reviews only their own teams; {what} belongs to someone "
                               "in another team.")


def load_person(session: Session, user_id: int | None, *, lock: bool = False) -> User:
    """The active user ``user_id`` (row-locked with ``lock``: serialises one person's writes)."""
    query = select(User).where(User.id == user_id)
    person = session.scalar(query.with_for_update() if lock else query) if user_id is not None else None
    if person is None or not person.is_active:
        raise ValidationError("Time can only be recorded for an active user; pick one from the list.", "user_id")
    return person


def owner_of(app: AppContext, model, row_id: int, gone: str) -> int:
    """Whose row ``row_id`` of ``model`` is, read before the unit of work (its permission depends on it)."""
    with app.session() as session:
        owner = session.scalar(select(model.user_id).where(model.id == row_id))
    if owner is None:
        raise NotFound(gone)
    return owner


def person_zone(person: User) -> ZoneInfo:
    """The time zone a person's days and periods are counted in."""
    return zone_of(person.timezone)


# -- checks shared by the rules ------------------------------------------------------------------
def to_minute(value: datetime | None, field: str, label: str) -> datetime:
    """An aware datetime cut to the whole minute; a missing or naive one is refused."""
    if value is None:
        raise ValidationError(f"Enter the {label}.", field)
    if value.tzinfo is None:
        raise ValidationError(f"The {label} has no time zone; give it with its zone.", field)
    return value.replace(second=0, microsecond=0)


def clean_note(note: str | None, field: str = "note") -> str:
    """A trimmed note of at most ``MAX_NOTE`` characters."""
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ValidationError(f"The note is {len(note)} characters long; shorten it to {MAX_NOTE}.", field)
    return note


def check_version(row, expected: int | None, what: str) -> None:
    """Refuse an edit made on a copy older than ``row`` (optimistic locking)."""
    if expected is not None and row.version != expected:
        raise StaleEditError(what)


def local_span(zone: ZoneInfo, starts_at: datetime, ends_at: datetime) -> tuple[date, date]:
    """The first and last local date ``[starts_at, ends_at)`` touches."""
    return starts_at.astimezone(zone).date(), (ends_at - timedelta(microseconds=1)).astimezone(zone).date()


def locking_timesheet(session: Session, user_id: int, first: date, last: date) -> Timesheet | None:
    """A submitted or approved timesheet of ``user_id`` overlapping ``first``..``last``."""
    return session.scalar(select(Timesheet).where(
        Timesheet.user_id == user_id, Timesheet.status.in_(LOCKING_STATUSES),
        Timesheet.starts_on <= last, Timesheet.ends_on >= first).order_by(Timesheet.starts_on).limit(1))


def require_open(session: Session, user_id: int, first: date, last: date, field: str = "starts_at") -> None:
    """Refuse a change inside a submitted (withdraw it first) or approved (locked) period."""
    sheet = locking_timesheet(session, user_id, first, last)
    if sheet is None:
        return
    label = period_label(sheet.starts_on, sheet.ends_on)
    if sheet.status == SUBMITTED:
        raise ValidationError(f"The timesheet {label} is submitted for review; withdraw it to change its time.",
                              field)
    raise ValidationError(f"The timesheet {label} is approved and locked; request an adjustment instead.", field)


@contextmanager
def open_row(app: AppContext, actor: Actor, model, row_id: int, expected_version: int | None, gone: str,
             what: str):
    """A unit of work on one of a person's timed rows (an entry, a leave record) in an open period:
    ``(work, person, row)``, the person locked and the row checked against ``expected_version``."""
    owner = owner_of(app, model, row_id, gone)
    with app.unit_of_work(actor, recording_permission(actor, owner)) as work:
        person = lock_recorder(work.session, actor, owner)
        row = work.session.get(model, row_id)
        if row is None:
            raise NotFound(gone)
        check_version(row, expected_version, what)
        require_open(work.session, person.id, *local_span(person_zone(person), row.starts_at, row.ends_at))
        yield work, person, row


# -- set-up rows ---------------------------------------------------------------------------------
def _edited(session: Session, model, row_id: int | None, expected_version: int | None, what: str):
    """The row being edited (``None`` for a new one), checked against the version the form loaded."""
    if row_id is None:
        return None
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(f"{what} no longer exists.")
    check_version(row, expected_version, what)
    return row


def saved_row(session: Session, model, row_id: int | None, expected_version: int | None, what: str, column, value,
            clash: str):
    """The row a save writes: the one being edited (at the version the form loaded) or a new one; refuses a
    ``value`` of the unique ``column`` that another row has (``clash`` says so)."""
    row = _edited(session, model, row_id, expected_version, what)
    other = session.scalar(select(model.id).where(column == value))
    if other is not None and other != row_id:
        raise ValidationError(f"{clash}; choose another.", column.key)
    if row is None:
        row = model(**{column.key: value})
        session.add(row)
    return row


def clean_code(code: str | None) -> str:
    code = (code or "").strip()
    if not _CODE.fullmatch(code):
        raise ValidationError("A code has 1 to 32 characters and no spaces, e.g. PRJ-2026-ERP.", "code")
    return code


def clean_name(value: str | None, field: str, label: str, limit: int = 128) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise ValidationError(f"Enter the {label}.", field)
    if len(value) > limit:
        raise ValidationError(f"The {label} is {len(value)} characters long; shorten it to {limit}.", field)
    return value
