"""Time entries (工时记录): record, correct and remove them (the week grid's bookings are in ``grid``).

An entry is whole minutes ``[starts_at, ends_at)``, at most 24 hours, ending no later than the
end of today (in the person's time zone). One person's entries never overlap each other or
their leave, also when two clients save at once: the person's row is locked while checking.
Entries in a submitted or approved period are refused (see ``common.require_open``). Each
write stores the entry's split (``worktime_segment``) in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, User, ValidationError, utcnow
from plugins.worktime.models import Leave, LeaveType, Segment, TimeEntry
from plugins.worktime.service import activities
from plugins.worktime.service.common import (
    Policy,
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
from plugins.worktime.terms import TermsBook, write_segments

LONGEST_ENTRY = timedelta(hours=24)
MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class Draft:
    """An entry's checked form, before the database is asked."""

    starts_at: datetime
    ends_at: datetime
    kind: str
    ref: str | None
    note: str

    @property
    def minutes(self) -> int:
        """Whole minutes of the entry."""
        return int((self.ends_at - self.starts_at) // MINUTE)


def draft(starts_at: datetime | None, ends_at: datetime | None, minutes: int | None, activity_kind: str | None,
          activity_ref: str | None, note: str | None) -> Draft:
    """Check an entry's times and activity: an end *or* a duration, whole minutes, at most 24 hours."""
    start = to_minute(starts_at, "starts_at", "start")
    if minutes is not None and minutes != 0:
        if ends_at is not None:
            raise ValidationError("Give an end or a duration, not both.", "minutes")
        if minutes < 0:
            raise ValidationError("A duration cannot be negative.", "minutes")
        end = start + timedelta(minutes=minutes)
    else:
        end = to_minute(ends_at, "ends_at", "end")
    if end <= start:
        raise ValidationError("The entry must end after it starts (whole minutes).", "ends_at")
    if end - start > LONGEST_ENTRY:
        raise ValidationError("An entry covers at most 24 hours; split longer work into several entries.",
                              "ends_at")
    kind, ref = activities.normalise(activity_kind, activity_ref)
    return Draft(start, end, kind, ref, clean_note(note))


def check_slot(session: Session, person: User, start: datetime, end: datetime,
               exclude_entry: int | None = None, field: str = "starts_at", *, locked_ok: bool = False) -> None:
    """Refuse time that lies in the future, over another entry or over leave, or (unless ``locked_ok``,
    for an approved adjustment) in a locked period."""
    zone = person_zone(person)
    first, last = local_span(zone, start, end)
    tomorrow = local_midnight(utcnow().astimezone(zone).date() + timedelta(days=1), zone)
    if end > tomorrow:
        raise ValidationError(f"The entry ends on {end.astimezone(zone):%Y-%m-%d %H:%M}, in the future; "
                              "record time up to the end of today.", "ends_at")
    if not locked_ok:
        require_open(session, person.id, first, last, field)
    clash = session.scalar(select(TimeEntry).where(
        TimeEntry.user_id == person.id, TimeEntry.starts_at < end, TimeEntry.ends_at > start,
        *([TimeEntry.id != exclude_entry] if exclude_entry is not None else []))
        .order_by(TimeEntry.starts_at).limit(1))
    if clash is not None:
        raise ValidationError(
            f"{person.display_name} already has an entry from {clash.starts_at.astimezone(zone):%Y-%m-%d %H:%M} "
            f"to {clash.ends_at.astimezone(zone):%H:%M}; change the times or edit that entry.", field)
    leave = session.execute(select(Leave.starts_at, Leave.ends_at, LeaveType.name)
                            .join(LeaveType, LeaveType.id == Leave.leave_type_id)
                            .where(Leave.user_id == person.id, Leave.starts_at < end, Leave.ends_at > start)
                            .limit(1)).first()
    if leave is not None:
        raise ValidationError(
            f"{person.display_name} is on leave ({leave.name}) from {leave.starts_at.astimezone(zone):%Y-%m-%d %H:%M} "
            f"to {leave.ends_at.astimezone(zone):%Y-%m-%d %H:%M}; remove the leave first or book other times.", field)


def resplit(session: Session, rules: Policy, entries: list[TimeEntry]) -> None:
    """Rewrite the segments of ``entries`` (one person's or many people's) from the current rules."""
    if not entries:
        return
    zone_days = [e.starts_at for e in entries] + [e.ends_at for e in entries]
    first = min(zone_days).date() - timedelta(days=1)
    last = max(zone_days).date() + timedelta(days=1)
    book = TermsBook(session, rules.calendar, {e.user_id for e in entries}, first, last)
    write_segments(session, book, [(e.id, e.user_id, e.starts_at, e.ends_at) for e in entries])


GONE = "This time entry no longer exists; it was removed by someone else."


def emit_entry(work, name: str, row: TimeEntry, user_id: int) -> None:
    """Publish ``worktime.entry_added`` / ``_changed`` / ``_removed`` (after commit)."""
    work.emit(name, entry_id=row.id, user_id=user_id, minutes=row.minutes, activity_kind=row.activity_kind,
              activity_ref=row.activity_ref)


def _open_entry(app: AppContext, actor: Actor, entry_id: int, expected_version: int | None):
    """A unit of work on one entry of an open period: ``(work, person, entry)``, checked and locked."""
    return open_row(app, actor, TimeEntry, entry_id, expected_version, GONE, "This time entry")


def insert_entry(app: AppContext, session: Session, person: User, entry: Draft, rules: Policy) -> TimeEntry:
    """Check and insert one entry with its split (inside the caller's unit of work)."""
    activity = activities.resolve(app, session, entry.kind, entry.ref)
    check_slot(session, person, entry.starts_at, entry.ends_at)
    row = TimeEntry(user_id=person.id, starts_at=entry.starts_at, ends_at=entry.ends_at, minutes=entry.minutes,
                    activity_kind=activity.kind, activity_ref=activity.ref, customer_id=activity.customer_id,
                    note=entry.note)
    session.add(row)
    session.flush()
    resplit(session, rules, [row])
    return row


def add_entry(app: AppContext, actor: Actor, *, starts_at: datetime, ends_at: datetime | None = None,
              minutes: int | None = None, activity_kind: str, activity_ref: str | None = None, note: str = "",
              user_id: int | None = None) -> int:
    """Record ``[starts_at, ends_at)`` (or ``minutes`` from ``starts_at``) for ``user_id`` (default: the actor).

    Returns the entry's id. Recording for someone else needs ``worktime.edit_others`` and that
    person in one of your teams, or ``worktime.hr``.
    """
    user_id = actor.user_id if user_id is None else user_id
    entry = draft(starts_at, ends_at, minutes, activity_kind, activity_ref, note)
    rules = policy(app)
    with app.unit_of_work(actor, recording_permission(actor, user_id)) as work:
        person = lock_recorder(work.session, actor, user_id)
        row = insert_entry(app, work.session, person, entry, rules)
        work.audit("time_entry.add", "time_entry", row.id,
                   {"user": person.username, "minutes": row.minutes, "kind": row.activity_kind,
                    "ref": row.activity_ref})
        emit_entry(work, "worktime.entry_added", row, person.id)
    return row.id


def update_entry(app: AppContext, actor: Actor, entry_id: int, *, expected_version: int | None,
                 starts_at: datetime, ends_at: datetime | None = None, minutes: int | None = None,
                 activity_kind: str, activity_ref: str | None = None, note: str = "") -> None:
    """Correct an entry in an open period; both its old and its new times must be open."""
    entry, rules = draft(starts_at, ends_at, minutes, activity_kind, activity_ref, note), policy(app)
    with _open_entry(app, actor, entry_id, expected_version) as (work, person, row):
        session = work.session
        activity = activities.resolve(app, session, entry.kind, entry.ref)
        check_slot(session, person, entry.starts_at, entry.ends_at, exclude_entry=row.id)
        before = {"start": row.starts_at.isoformat(), "end": row.ends_at.isoformat(), "kind": row.activity_kind,
                  "ref": row.activity_ref}
        row.starts_at, row.ends_at, row.minutes = entry.starts_at, entry.ends_at, entry.minutes
        row.activity_kind, row.activity_ref, row.customer_id = activity.kind, activity.ref, activity.customer_id
        row.note = entry.note
        session.flush()
        resplit(session, rules, [row])
        work.audit("time_entry.update", "time_entry", row.id,
                   {"user": person.username, "before": before, "minutes": row.minutes, "kind": row.activity_kind,
                    "ref": row.activity_ref})
        emit_entry(work, "worktime.entry_changed", row, person.id)


def delete_entry(app: AppContext, actor: Actor, entry_id: int, *, expected_version: int | None) -> None:
    """Remove an entry from an open period."""
    with _open_entry(app, actor, entry_id, expected_version) as (work, person, row):
        remove_entry(work.session, row)
        work.audit("time_entry.delete", "time_entry", entry_id,
                   {"user": person.username, "start": row.starts_at.isoformat(), "minutes": row.minutes,
                    "kind": row.activity_kind, "ref": row.activity_ref})
        emit_entry(work, "worktime.entry_removed", row, person.id)


def remove_entry(session: Session, row: TimeEntry) -> None:
    """Delete an entry and its segments (the caller checked that it may)."""
    session.execute(delete(Segment).where(Segment.entry_id == row.id).execution_options(synchronize_session=False))
    session.delete(row)
    session.flush()
