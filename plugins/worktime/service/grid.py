"""The week grid's writes: a duration typed into a cell (day × activity), and copy last week.

A longer duration is booked into the free part of the day's schedule first, then after it, then
before it; a shorter one shortens or removes that activity's entries of the day, latest first.
Every booking follows the rules of ``entries`` (no overlaps, no future, no locked period).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, User, ValidationError, utcnow
from plugins.worktime.models import Leave, TimeEntry
from plugins.worktime.periods import format_minutes
from plugins.worktime.service import activities
from plugins.worktime.service.common import (
    Policy,
    clean_note,
    lock_recorder,
    person_zone,
    policy,
    recording_permission,
    require_open,
)
from plugins.worktime.service.entries import MINUTE, check_slot, emit_entry, remove_entry, resplit
from plugins.worktime.split import local_midnight
from plugins.worktime.terms import TermsBook


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
        emit_entry(work, "worktime.entry_added", row, person.id)


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
            emit_entry(work, "worktime.entry_removed", entry, person.id)
        else:
            entry.ends_at -= timedelta(minutes=minutes)
            entry.minutes -= minutes
            minutes = 0
            changed.append(entry)
            work.audit("time_entry.update", "time_entry", entry.id, {"user": person.username,
                                                                     "minutes": entry.minutes})
            emit_entry(work, "worktime.entry_changed", entry, person.id)
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
            emit_entry(work, "worktime.entry_added", row, person.id)
    return result
