"""Leave (假期): annual, sick, personal, time off in lieu …; it removes scheduled time.

A leave record covers whole days (local midnight to midnight) or a part of a day; it counts
the scheduled minutes it covers (a holiday inside annual leave costs no leave). It may not
overlap the person's time entries or other leave, nor lie in a locked period. Time off in
lieu spends the minutes earned by rest-day work under a ``time_off`` rule set.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, ValidationError
from plugins.worktime.models import REST_IN_LIEU, Leave, LeaveType, Segment, TimeEntry
from plugins.worktime.periods import format_minutes
from plugins.worktime.service.common import (
    clean_note,
    lock_recorder,
    local_span,
    open_row,
    person_zone,
    policy,
    recording_permission,
    require_open,
    to_minute,
)
from plugins.worktime.split import local_midnight
from plugins.worktime.terms import TermsBook


def in_lieu_balance(session: Session, user_id: int, exclude_leave: int | None = None) -> int:
    """Minutes of time off in lieu a person has left: earned by rest-day work, less what leave spent."""
    earned = session.scalar(select(func.coalesce(func.sum(Segment.minutes), 0))
                            .where(Segment.user_id == user_id, Segment.bucket == REST_IN_LIEU))
    spent = session.scalar(select(func.coalesce(func.sum(Leave.minutes), 0))
                           .join(LeaveType, LeaveType.id == Leave.leave_type_id)
                           .where(Leave.user_id == user_id, LeaveType.uses_in_lieu.is_(True),
                                  *([Leave.id != exclude_leave] if exclude_leave else [])))
    return int(earned) - int(spent)


PARTS = ("day", "am", "pm")
NO_TIME = "These days hold no scheduled working time (holidays or rest days); no leave is needed."


def add_leave(app: AppContext, actor: Actor, *, leave_type: str, first_day: date | None = None,
              last_day: date | None = None, part: str = "day", starts_at: datetime | None = None,
              ends_at: datetime | None = None, note: str = "", user_id: int | None = None) -> int:
    """Record leave of ``leave_type`` (its code) for whole days ``first_day``..``last_day`` (or, on one
    day, its first or second half: ``part`` ``am``/``pm``), or for ``[starts_at, ends_at)``; returns its id.
    Who may record it is as for time entries."""
    user_id = actor.user_id if user_id is None else user_id
    note, rules = clean_note(note), policy(app)
    if part not in PARTS:
        raise ValidationError("Leave is for whole days, the morning (am) or the afternoon (pm).", "part")
    if part != "day" and first_day != last_day:
        raise ValidationError("Half a day of leave is one day: make the first and last day the same.", "last_day")
    partial = starts_at is not None or ends_at is not None
    if partial:
        starts_at = to_minute(starts_at, "starts_at", "start")
        ends_at = to_minute(ends_at, "ends_at", "end")
    elif first_day is None or last_day is None:
        raise ValidationError("Give the first and last day of the leave.", "first_day")
    elif last_day < first_day:
        raise ValidationError("The last day of the leave is before its first day.", "last_day")
    elif (last_day - first_day).days > 366:
        raise ValidationError("Leave covers at most a year; record longer leave year by year.", "last_day")
    with app.unit_of_work(actor, recording_permission(actor, user_id)) as work:
        session = work.session
        person = lock_recorder(session, actor, user_id)
        zone = person_zone(person)
        if not partial:
            starts_at, ends_at = _day_span(session, rules, person, first_day, last_day, part)
        if ends_at <= starts_at:
            if not partial:
                raise ValidationError(NO_TIME, "first_day")
            raise ValidationError("The leave must end after it starts.", "ends_at")
        kind = session.scalar(select(LeaveType).where(LeaveType.code == leave_type))
        if kind is None:
            raise ValidationError(f"'{leave_type}' is not a leave type; pick one from the list.", "leave_type")
        first, last = local_span(zone, starts_at, ends_at)
        require_open(session, person.id, first, last)
        _check_free(session, person, starts_at, ends_at)
        book = TermsBook(session, rules.calendar, [person.id], first, last)
        minutes = sum(book.scheduled(person.id, starts_at, ends_at).values())
        if not minutes:
            raise ValidationError(NO_TIME, "first_day" if not partial else "starts_at")
        if kind.uses_in_lieu:
            balance = in_lieu_balance(session, person.id)
            if balance < minutes:
                raise ValidationError(f"{person.display_name} has {format_minutes(max(balance, 0))} of time off in "
                                      f"lieu left; this leave needs {format_minutes(minutes)}.", "leave_type")
        leave = Leave(user_id=person.id, leave_type_id=kind.id, starts_at=starts_at, ends_at=ends_at,
                      minutes=minutes, note=note)
        session.add(leave)
        session.flush()
        work.audit("leave.add", "leave", leave.id, {"user": person.username, "type": kind.code,
                                                    "start": starts_at.isoformat(), "minutes": minutes})
        work.emit("worktime.leave_recorded", leave_id=leave.id, user_id=person.id, leave_type=kind.code,
                  starts_at=starts_at.isoformat(), ends_at=ends_at.isoformat(), minutes=minutes)
    return leave.id


def _day_span(session: Session, rules, person, first: date, last: date, part: str) -> tuple[datetime, datetime]:
    """Whole days midnight to midnight; half a day splits the scheduled windows at their middle."""
    zone = person_zone(person)
    lo, hi = local_midnight(first, zone), local_midnight(last + timedelta(days=1), zone)
    if part == "day":
        return lo, hi
    book = TermsBook(session, rules.calendar, [person.id], first, last)
    schedule_id, _rules = book.schedule_on(person.id, first)
    calendar = book.calendar(schedule_id, zone)
    middle = calendar.add(lo, calendar.between(lo, hi) / 2)
    return (lo, middle) if part == "am" else (middle, hi)


def _check_free(session: Session, person, starts_at: datetime, ends_at: datetime) -> None:
    zone = person_zone(person)
    entry = session.scalar(select(TimeEntry).where(TimeEntry.user_id == person.id, TimeEntry.starts_at < ends_at,
                                                   TimeEntry.ends_at > starts_at).order_by(TimeEntry.starts_at)
                           .limit(1))
    if entry is not None:
        start = entry.starts_at.astimezone(zone)
        raise ValidationError(f"{person.display_name} has time recorded on {start:%Y-%m-%d %H:%M}–"
                              f"{entry.ends_at.astimezone(zone):%H:%M}; leave cannot overlap it.", "first_day")
    other = session.scalar(select(Leave).where(Leave.user_id == person.id, Leave.starts_at < ends_at,
                                               Leave.ends_at > starts_at).limit(1))
    if other is not None:
        first = other.starts_at.astimezone(zone)
        raise ValidationError(f"{person.display_name} already has leave from {first:%Y-%m-%d}"
                              f" to {(other.ends_at - timedelta(minutes=1)).astimezone(zone):%Y-%m-%d}.", "first_day")


def delete_leave(app: AppContext, actor: Actor, leave_id: int, *, expected_version: int | None) -> None:
    """Remove a leave record from an open period."""
    with open_row(app, actor, Leave, leave_id, expected_version, "This leave record no longer exists.",
                  "This leave record") as (work, person, leave):
        work.session.delete(leave)
        work.audit("leave.delete", "leave", leave_id, {"user": person.username, "start": leave.starts_at.isoformat(),
                                                       "minutes": leave.minutes})
