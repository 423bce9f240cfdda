"""What the split needs, read from the database: schedules, rule sets, rates and the holiday calendar.

The holidays come from the business calendar named by the ``worktime.calendar`` setting (core's
stored calendars, e.g. "China business hours" with the CN preset), or China's built-in preset
when none is named or found. Its preset covers every year asked for, not only the years the
document lists. The organisation's own days (``worktime_org_day``) are laid over it. Each
person's calendar then takes the weekly windows of their schedule on that date, in their own
time zone, so ``BusinessCalendar.day_kind`` and ``windows`` answer everything the split asks.

Read the base calendar with ``base_calendar(app)`` *before* a unit of work (on SQLite a second
session would wait for the unit of work's write lock), then build a ``TermsBook`` inside it.
"""

from __future__ import annotations

import json
import logging
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session

from console.api import AppContext, NotFound, User, get_setting
from plugins.worktime.models import (
    HourlyRate,
    OrgDay,
    RuleSet,
    Schedule,
    ScheduleAssignment,
    Segment,
)
from plugins.worktime.split import DayPlan, DayTerms, Rules, day_plan, local_days, local_midnight, split_entry

log = logging.getLogger(__name__)
BUILT_IN = "China (built-in holidays)"
CALENDAR_SETTING = "worktime.calendar"
#: Where each organisation day kind goes in a calendar document.
ORG_DAY_LISTS = {"statutory_holiday": "holidays", "day_off": "days_off", "workday": "workdays"}
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
_FALLBACK_WEEK = {d: [["09:00", "12:00"], ["13:00", "18:00"]] for d in _WEEKDAYS}
_warned: set[str] = set()


@dataclass(frozen=True)
class BaseCalendar:
    """The holiday calendar document every schedule is laid on, and where it came from."""

    name: str
    document: dict


def base_calendar(app: AppContext) -> BaseCalendar:
    """The calendar named by ``worktime.calendar`` (or China's preset when it is empty or missing)."""
    from console.api import load_calendar  # the calendar engine loads on first use

    name = (get_setting(app, CALENDAR_SETTING) or "").strip()
    if name:
        try:
            return BaseCalendar(name, load_calendar(app, name).to_dict())
        except NotFound:
            if name not in _warned:
                _warned.add(name)
                log.warning("calendar %r named by %s does not exist; using %s", name, CALENDAR_SETTING, BUILT_IN)
    return BaseCalendar(BUILT_IN, {"name": BUILT_IN, "timezone": "Asia/Shanghai", "week": _FALLBACK_WEEK,
                                   "holidays": [], "workdays": [], "days_off": [], "preset": "CN", "years": []})


def rules_of(row: RuleSet) -> Rules:
    """A rule set row as the split reads it."""
    return Rules(row.extended_multiplier, row.rest_multiplier, row.holiday_multiplier, row.in_lieu_multiplier,
                 row.rest_day_policy)


def zone_of(name: str | None) -> ZoneInfo:
    """A person's time zone (Asia/Shanghai when theirs is unknown)."""
    try:
        return ZoneInfo(name or "Asia/Shanghai")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Asia/Shanghai")


class _Periods:
    """Dated values of one person (assignments, rates): the one valid on a date, by binary search."""

    def __init__(self, rows: list[tuple[date, date | None, object]]):
        rows.sort(key=lambda r: r[0])
        self.starts = [r[0] for r in rows]
        self.rows = rows

    def on(self, day: date):
        i = bisect_right(self.starts, day) - 1
        if i < 0:
            return None
        _start, end, value = self.rows[i]
        return value if end is None or day <= end else None


class TermsBook:
    """Everything the split needs for ``user_ids`` between ``first`` and ``last``, read in a few queries.

    ``terms(user_id)`` gives the ``day -> DayTerms`` function the split calls; calendars are
    built once per (schedule, time zone) and shared.
    """

    def __init__(self, session: Session, base: BaseCalendar, user_ids: Iterable[int], first: date, last: date):
        ids = sorted(set(user_ids))
        self.base, self.first, self.last = base, first, last
        self.zones = {uid: zone_of(tz) for uid, tz in session.execute(
            select(User.id, User.timezone).where(User.id.in_(ids)))} if ids else {}
        self.schedules = {s.id: s for s in session.scalars(select(Schedule))}
        rule_rows = list(session.scalars(select(RuleSet)))
        self.rules = {r.id: rules_of(r) for r in rule_rows}
        default_rules = next((r for r in rule_rows if r.is_default), None)
        self.default_rules = rules_of(default_rules) if default_rules else Rules()
        self.default_schedule = next((s.id for s in self.schedules.values() if s.is_default), None)
        self.org_days = list(session.execute(select(OrgDay.day, OrgDay.kind)))
        self._assignments = self._dated(session, ids, ScheduleAssignment.schedule_id, ScheduleAssignment.rule_set_id)
        self._rates = self._dated(session, ids, HourlyRate.rate)
        self._calendars: dict[tuple[int | None, str], object] = {}
        self._plans: dict[tuple, DayPlan] = {}

    def _dated(self, session: Session, ids: list[int], *values) -> dict[int, _Periods]:
        """Each person's rows of a dated table overlapping the book's dates: ``(from, to, value)``."""
        model = values[0].class_
        rows = defaultdict(list)
        if ids:
            for user_id, first, last, *value in session.execute(
                    select(model.user_id, model.valid_from, model.valid_to, *values).where(
                        model.user_id.in_(ids), model.valid_from <= self.last,
                        or_(model.valid_to.is_(None), model.valid_to >= self.first))):
                rows[user_id].append((first, last, tuple(value) if len(value) > 1 else value[0]))
        return {uid: _Periods(r) for uid, r in rows.items()}

    def zone(self, user_id: int) -> ZoneInfo:
        """The person's time zone."""
        return self.zones.get(user_id) or zone_of(None)

    def schedule_on(self, user_id: int, day: date) -> tuple[int | None, Rules]:
        """The schedule id and rule set of a person on a date (the defaults without an assignment)."""
        periods = self._assignments.get(user_id)
        assigned = periods.on(day) if periods else None
        if assigned is None:
            return self.default_schedule, self.default_rules
        schedule_id, rule_set_id = assigned
        return schedule_id, self.rules.get(rule_set_id, self.default_rules)

    def rate_on(self, user_id: int, day: date) -> Decimal | None:
        """The person's hourly rate on a date, or ``None``."""
        periods = self._rates.get(user_id)
        return periods.on(day) if periods else None

    def calendar(self, schedule_id: int | None, zone: ZoneInfo):
        """The business calendar of a schedule in a time zone: its windows, the organisation's holidays."""
        key = (schedule_id, zone.key)
        if key not in self._calendars:
            from console.api import BusinessCalendar

            schedule = self.schedules.get(schedule_id)
            week = json.loads(schedule.week) if schedule else _FALLBACK_WEEK
            self._calendars[key] = BusinessCalendar.from_dict(
                calendar_document(self.base.document, week, zone.key, self.org_days, self.first.year,
                                  self.last.year))
        return self._calendars[key]

    def scheduled(self, user_id: int, starts_at: datetime, ends_at: datetime) -> dict[date, int]:
        """Scheduled minutes of a person per local date inside ``[starts_at, ends_at)`` (their schedule, holidays)."""
        zone, out = self.zone(user_id), {}
        terms = self.terms(user_id)
        for day in local_days(starts_at, ends_at, zone):
            lo = max(starts_at, local_midnight(day, zone))
            hi = min(ends_at, local_midnight(day + timedelta(days=1), zone))
            minutes = int(terms(day).calendar.between(lo, hi) // timedelta(minutes=1))
            if minutes:
                out[day] = minutes
        return out

    def terms(self, user_id: int):
        """``day -> DayTerms`` for one person (cached per day; the cut day is shared by everyone on its schedule)."""
        zone, cache = self.zone(user_id), {}

        def on(day: date) -> DayTerms:
            found = cache.get(day)
            if found is None:
                schedule_id, rules = self.schedule_on(user_id, day)
                calendar = self.calendar(schedule_id, zone)
                key = (schedule_id, zone.key, rules.rest_day_policy, day)
                plan = self._plans.get(key)
                if plan is None:
                    plan = self._plans[key] = day_plan(calendar, rules, day, zone)
                found = cache[day] = DayTerms(calendar, rules, self.rate_on(user_id, day), plan)
            return found

        return on


def calendar_document(base: dict, week: dict, timezone: str, org_days: Iterable[tuple[date, str]],
                      first_year: int, last_year: int) -> dict:
    """The base calendar with a schedule's ``week``, a time zone, the organisation's days laid over its
    own, and (with a preset) every year from ``first_year - 1`` to ``last_year + 1``."""
    lists = {key: set(base.get(key) or ()) for key in ORG_DAY_LISTS.values()}
    for day, kind in org_days:
        text = day.isoformat()
        for values in lists.values():
            values.discard(text)
        lists[ORG_DAY_LISTS[kind]].add(text)
    years = sorted(set(base.get("years") or ()) | set(range(first_year - 1, last_year + 2))) \
        if base.get("preset") else list(base.get("years") or ())
    return {"name": base.get("name") or BUILT_IN, "timezone": timezone, "week": week,
            **{key: sorted(values) for key, values in lists.items()}, "preset": base.get("preset"), "years": years}


# -- writing segments ----------------------------------------------------------------------------
def segment_rows(book: TermsBook, entry_id: int, user_id: int, starts_at: datetime, ends_at: datetime) -> list[dict]:
    """The ``worktime_segment`` rows of one entry."""
    return [{"entry_id": entry_id, "user_id": user_id, "day": s.day, "bucket": s.bucket, "minutes": s.minutes,
             "multiplier": s.multiplier, "rate": s.rate, "cost": s.cost}
            for s in split_entry(starts_at, ends_at, book.zone(user_id), book.terms(user_id))]


def write_segments(session: Session, book: TermsBook, entries: Iterable[tuple[int, int, datetime, datetime]],
                   chunk: int = 5_000) -> int:
    """Replace the segments of ``(entry id, user id, starts_at, ends_at)`` entries; returns how many entries."""
    count, batch, ids = 0, [], []
    for entry_id, user_id, starts_at, ends_at in entries:
        ids.append(entry_id)
        batch += segment_rows(book, entry_id, user_id, starts_at, ends_at)
        count += 1
        if len(ids) >= chunk:
            _flush_segments(session, ids, batch)
            batch, ids = [], []
    if ids:
        _flush_segments(session, ids, batch)
    return count


def _flush_segments(session: Session, ids: list[int], rows: list[dict]) -> None:
    session.execute(delete(Segment).where(Segment.entry_id.in_(ids)).execution_options(synchronize_session=False))
    if rows:
        session.execute(insert(Segment.__table__), rows)
