"""Time entries (工时记录): record, correct and remove them; book a duration from the week grid; copy last week.

An entry is whole minutes ``[starts_at, ends_at)``, at most 24 hours, ending no later than the
end of today (in the person's time zone). One person's entries never overlap each other or
their leave, also when two clients save at once: the person's row is locked while checking.
Entries in a submitted or approved period are refused (see ``common.require_open``). Each
write stores the entry's split (``worktime_segment``) in the same transaction.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, NotFound, User, ValidationError, utcnow
from plugins.worktime.models import Leave, LeaveType, Segment, TimeEntry
from plugins.worktime.periods import format_minutes
from plugins.worktime.service import activities
from plugins.worktime.service.common import (
    Policy,
    check_version,
    clean_note,
    lock_recorder,
    local_span,
    owner_of,
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


def _event(work, name: str, row: TimeEntry, user_id: int) -> None:
    """Publish ``worktime.entry_added`` / ``_changed`` / ``_removed`` (after commit)."""
    work.emit(name, entry_id=row.id, user_id=user_id, minutes=row.minutes, activity_kind=row.activity_kind,
              activity_ref=row.activity_ref)


@contextmanager
def _open_entry(app: AppContext, actor: Actor, entry_id: int, expected_version: int | None):
    """A unit of work on one entry of an open period: ``(work, person, entry)``, checked and locked."""
    owner = owner_of(app, TimeEntry, entry_id, GONE)
    with app.unit_of_work(actor, recording_permission(actor, owner)) as work:
        person = lock_recorder(work.session, actor, owner)
        row = _load_entry(work.session, entry_id)
        check_version(row, expected_version, "This time entry")
        require_open(work.session, person.id, *local_span(person_zone(person), row.starts_at, row.ends_at))
        yield work, person, row


def _load_entry(session: Session, entry_id: int) -> TimeEntry:
    entry = session.get(TimeEntry, entry_id)
    if entry is None:
        raise NotFound(GONE)
    return entry


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
        _event(work, "worktime.entry_added", row, person.id)
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
        _event(work, "worktime.entry_changed", row, person.id)


def delete_entry(app: AppContext, actor: Actor, entry_id: int, *, expected_version: int | None) -> None:
    """Remove an entry from an open period."""
    with _open_entry(app, actor, entry_id, expected_version) as (work, person, row):
        remove_entry(work.session, row)
        work.audit("time_entry.delete", "time_entry", entry_id,
                   {"user": person.username, "start": row.starts_at.isoformat(), "minutes": row.minutes,
                    "kind": row.activity_kind, "ref": row.activity_ref})
        _event(work, "worktime.entry_removed", row, person.id)


def remove_entry(session: Session, row: TimeEntry) -> None:
    """Delete an entry and its segments (the caller checked that it may)."""
    session.execute(delete(Segment).where(Segment.entry_id == row.id).execution_options(synchronize_session=False))
    session.delete(row)
    session.flush()


# -- the week grid: a duration per day and activity -----------------------------------------------
def _day_entries(session: Session, person: User, day: date) -> list[TimeEntry]:
    zone = person_zone(person)
    lo, hi = local_midnight(day, zone), local_midnight(day + timedelta(days=1), zone)
    return list(session.scalars(select(TimeEntry).where(
        TimeEntry.user_id == person.id, TimeEntry.starts_at < hi, TimeEntry.ends_at > lo)
        .order_by(TimeEntry.starts_at)))


def _busy(session: Session, person: User, lo: datetime, hi: datetime) -> list[tuple[datetime, datetime]]:
    """Booked and leave intervals of a person inside ``[lo, hi)``, sorted."""
    spans = [(e.starts_at, e.ends_at) for e in session.scalars(select(TimeEntry).where(
        TimeEntry.user_id == person.id, TimeEntry.starts_at < hi, TimeEntry.ends_at > lo))]
    spans += [(s, e) for s, e in session.execute(select(Leave.starts_at, Leave.ends_at).where(
        Leave.user_id == person.id, Leave.starts_at < hi, Leave.ends_at > lo))]
    return sorted(spans)


def free_slots(day: date, windows: tuple[tuple[int, int], ...], busy: list[tuple[datetime, datetime]],
               zone, limit: datetime) -> list[tuple[datetime, datetime]]:
    """Where a duration typed into the week grid goes on ``day``, in the order it is filled.

    The free part of the scheduled windows first, then the evening after the last window,
    then the early morning; a day without windows starts at 09:00. Nothing after ``limit``.
    """
    lo, hi = local_midnight(day, zone), min(local_midnight(day + timedelta(days=1), zone), limit)

    def at(minute: int) -> datetime:
        return min(max(lo + timedelta(minutes=minute), lo), hi)

    scheduled = [(at(s), at(e)) for s, e in windows] or []
    anchor = scheduled[-1][1] if scheduled else at(9 * 60)
    first = scheduled[0][0] if scheduled else anchor
    order = scheduled + [(anchor, hi), (lo, first)]
    out = []
    for start, end in order:
        cursor = start
        for b_start, b_end in busy:
            if b_end <= cursor or b_start >= end:
                continue
            if b_start > cursor:
                out.append((cursor, b_start))
            cursor = max(cursor, b_end)
        if cursor < end:
            out.append((cursor, end))
    return [(s, e) for s, e in out if e > s]


def set_day_total(app: AppContext, actor: Actor, *, user_id: int, day: date, activity_kind: str,
                  activity_ref: str | None, minutes: int, note: str = "") -> int:
    """Make the time booked on ``day`` for one activity ``minutes`` (the week grid's cell).

    More time is booked in the free scheduled windows first (then after hours); less time
    shortens or removes that activity's entries of the day, latest first. Returns the new total.
    """
    if minutes < 0 or minutes > 24 * 60:
        raise ValidationError("A day holds between 0:00 and 24:00; type a duration such as 1:30.", "minutes")
    kind, ref = activities.normalise(activity_kind, activity_ref)
    note, rules = clean_note(note), policy(app)
    with app.unit_of_work(actor, recording_permission(actor, user_id)) as work:
        session = work.session
        person = lock_recorder(session, actor, user_id)
        zone = person_zone(person)
        require_open(session, person.id, day, day, "minutes")
        lo, hi = local_midnight(day, zone), local_midnight(day + timedelta(days=1), zone)
        mine = [e for e in _day_entries(session, person, day) if (e.activity_kind, e.activity_ref) == (kind, ref)]
        current = sum(int((min(e.ends_at, hi) - max(e.starts_at, lo)) // MINUTE) for e in mine)
        if minutes > current:
            _book(app, work, person, day, (kind, ref, note), minutes - current, rules)
        elif minutes < current:
            _trim(work, person, mine, lo, hi, current - minutes, rules)
    return minutes


def _book(app: AppContext, work, person: User, day: date, what: tuple[str, str | None, str], minutes: int,
          rules: Policy) -> None:
    """Book ``minutes`` of the activity ``what`` (kind, reference, note) into the free slots of ``day``."""
    session = work.session
    zone = person_zone(person)
    kind, ref, note = what
    activity = activities.resolve(app, session, kind, ref)
    limit = local_midnight(utcnow().astimezone(zone).date() + timedelta(days=1), zone)
    book = TermsBook(session, rules.calendar, [person.id], day, day)
    schedule_id, _rules = book.schedule_on(person.id, day)
    windows = book.calendar(schedule_id, zone).windows(day)
    lo, hi = local_midnight(day, zone), local_midnight(day + timedelta(days=1), zone)
    slots = free_slots(day, windows, _busy(session, person, lo, hi), zone, limit)
    if sum(int((e - s) // MINUTE) for s, e in slots) < minutes:
        raise ValidationError(f"{day:%Y-%m-%d} has no room for {format_minutes(minutes)} more; "
                              "free some time first.", "minutes")
    rows = []
    for start, end in slots:
        if minutes <= 0:
            break
        end = min(end, start + timedelta(minutes=minutes))
        rows.append(TimeEntry(user_id=person.id, starts_at=start, ends_at=end, minutes=int((end - start) // MINUTE),
                              activity_kind=activity.kind, activity_ref=activity.ref,
                              customer_id=activity.customer_id, note=note))
        minutes -= rows[-1].minutes
    session.add_all(rows)
    session.flush()
    resplit(session, rules, rows)
    for row in rows:
        work.audit("time_entry.add", "time_entry", row.id, {"user": person.username, "minutes": row.minutes,
                                                            "kind": row.activity_kind, "ref": row.activity_ref})
        _event(work, "worktime.entry_added", row, person.id)


def _trim(work, person: User, entries: list[TimeEntry], lo: datetime, hi: datetime, minutes: int,
          rules: Policy) -> None:
    session = work.session
    inside = [e for e in entries if e.starts_at >= lo and e.ends_at <= hi]
    if sum(e.minutes for e in inside) < minutes:
        raise ValidationError("Part of this time belongs to an entry that crosses midnight; "
                              "change that entry in the day timeline.", "minutes")
    changed = []
    for entry in sorted(inside, key=lambda e: e.starts_at, reverse=True):
        if minutes <= 0:
            break
        if entry.minutes <= minutes:
            minutes -= entry.minutes
            remove_entry(session, entry)
            work.audit("time_entry.delete", "time_entry", entry.id, {"user": person.username,
                                                                     "minutes": entry.minutes})
            _event(work, "worktime.entry_removed", entry, person.id)
        else:
            entry.ends_at -= timedelta(minutes=minutes)
            entry.minutes -= minutes
            minutes = 0
            changed.append(entry)
            work.audit("time_entry.update", "time_entry", entry.id, {"user": person.username,
                                                                     "minutes": entry.minutes})
            _event(work, "worktime.entry_changed", entry, person.id)
    session.flush()
    resplit(session, rules, changed)


# -- copy last week ------------------------------------------------------------------------------
@dataclass
class CopyResult:
    """What ``copy_week`` did: how many entries it copied and, for each one it left out, why."""

    copied: int = 0
    skipped: list[str] = field(default_factory=list)


def copy_week(app: AppContext, actor: Actor, *, user_id: int, week_start: date) -> CopyResult:
    """Copy the entries of the week before ``week_start`` onto the same weekdays and times of this week.

    Entries that would overlap, lie in the future, or fall on a holiday or rest day when the
    original was on a working day are left out and listed; a locked week refuses the copy.
    """
    rules = policy(app)
    result = CopyResult()
    with app.unit_of_work(actor, recording_permission(actor, user_id)) as work:
        session = work.session
        person = lock_recorder(session, actor, user_id)
        zone = person_zone(person)
        require_open(session, person.id, week_start, week_start + timedelta(days=6), "week_start")
        source_lo = local_midnight(week_start - timedelta(days=7), zone)
        source = list(session.scalars(select(TimeEntry).where(
            TimeEntry.user_id == person.id, TimeEntry.starts_at >= source_lo,
            TimeEntry.starts_at < local_midnight(week_start, zone)).order_by(TimeEntry.starts_at)))
        book = TermsBook(session, rules.calendar, [person.id], week_start - timedelta(days=7),
                         week_start + timedelta(days=7))
        terms = book.terms(person.id)
        added = []
        for entry in source:
            start = entry.starts_at.astimezone(zone) + timedelta(days=7)
            end = start + (entry.ends_at - entry.starts_at)
            label = f"{start:%a %m-%d %H:%M}–{end:%H:%M} {entry.activity_ref or entry.activity_kind}"
            was_working = terms(entry.starts_at.astimezone(zone).date()).calendar.is_working_day(
                entry.starts_at.astimezone(zone).date())
            if was_working and not terms(start.date()).calendar.is_working_day(start.date()):
                result.skipped.append(f"{label}: a holiday or rest day this week")
                continue
            try:
                activity = activities.resolve(app, session, entry.activity_kind, entry.activity_ref)
                check_slot(session, person, start, end)
            except ValidationError as error:
                result.skipped.append(f"{label}: {error}")
                continue
            row = TimeEntry(user_id=person.id, starts_at=start, ends_at=end, minutes=entry.minutes,
                            activity_kind=activity.kind, activity_ref=activity.ref,
                            customer_id=activity.customer_id, note=entry.note)
            session.add(row)
            session.flush()
            added.append(row)
        resplit(session, rules, added)
        result.copied = len(added)
        work.audit("time_entry.copy_week", "user", person.id,
                   {"user": person.username, "week": week_start.isoformat(), "copied": len(added),
                    "skipped": len(result.skipped)})
        for row in added:
            _event(work, "worktime.entry_added", row, person.id)
    return result
