"""The split (工时拆分): every minute of a time entry lands in exactly one bucket.

China's Labour Law art. 44 is the default rule set (DOMAIN.md):

* a statutory holiday day (法定节假日, the named holiday days themselves) → ``holiday``, ×3.0;
* a rest day (a weekend that is not a make-up working day, or a day off in lieu 调休放假)
  → ``rest``, ×2.0, or ``rest_in_lieu`` when the rule set grants time off in lieu instead;
* a working day (including a make-up working day 调休上班) → minutes inside the employee's
  schedule are ``normal``, minutes outside are ``extended`` (extended-hours overtime), ×1.5.

An entry is cut at every local midnight and every window edge of the person's schedule, so an
entry across midnight or across the end of the working day is split exactly there. What a day
is, and which minutes of it are scheduled, comes from a ``console.api.BusinessCalendar`` built
from the schedule's windows and the organisation's holidays (see ``terms``). Pure and Qt-free.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Callable, Iterable, NamedTuple

from plugins.worktime.models import EXTENDED, HOLIDAY, NORMAL, REST, REST_IN_LIEU

if TYPE_CHECKING:  # pragma: no cover - the calendar engine loads on first use
    from console.api import BusinessCalendar

UTC = timezone.utc
CENT = Decimal("0.01")
MINUTE = timedelta(minutes=1)
_ONE_DAY = timedelta(days=1)
_TICK = timedelta(microseconds=1)


@dataclass(frozen=True)
class Rules:
    """A rule set: the multiplier of each overtime bucket and the rest-day policy (``pay`` or ``time_off``)."""

    extended: Decimal = Decimal("1.50")
    rest: Decimal = Decimal("2.00")
    holiday: Decimal = Decimal("3.00")
    in_lieu: Decimal = Decimal("1.00")
    rest_day_policy: str = "pay"

    def multiplier(self, bucket: str) -> Decimal:
        """What one minute in ``bucket`` costs, in minutes at the hourly rate."""
        return {NORMAL: Decimal("1.00"), EXTENDED: self.extended, REST: self.rest,
                REST_IN_LIEU: self.in_lieu, HOLIDAY: self.holiday}[bucket]


@dataclass(frozen=True)
class DayPlan:
    """One local day as the split cuts it: its bounds, the bucket of a whole non-working day (``None`` on a
    working day) and, on a working day, the scheduled windows as instants."""

    lo: datetime
    hi: datetime
    bucket: str | None
    windows: tuple[tuple[datetime, datetime], ...]


@dataclass(frozen=True)
class DayTerms:
    """What applies to one person on one local date: their calendar, rule set and hourly rate.

    ``plan`` is the day already cut (``day_plan``); shared between people on the same schedule, it
    spares the split from asking the calendar again for every entry.
    """

    calendar: BusinessCalendar
    rules: Rules
    rate: Decimal | None
    plan: DayPlan | None = None


class Piece(NamedTuple):
    """A stretch of an entry inside one local day and one bucket, ``[starts_at, ends_at)``."""

    day: date
    bucket: str
    starts_at: datetime
    ends_at: datetime

    @property
    def minutes(self) -> int:
        """Whole minutes of the piece."""
        return int((self.ends_at - self.starts_at) // MINUTE)


class SegmentValues(NamedTuple):
    """The minutes of one day in one bucket, with their multiplier, rate and cost (``None`` without a rate)."""

    day: date
    bucket: str
    minutes: int
    multiplier: Decimal
    rate: Decimal | None
    cost: Decimal | None


def local_midnight(day: date, zone: tzinfo) -> datetime:
    """The instant a local date begins in ``zone``."""
    return datetime.combine(day, time(), zone)


def local_days(starts_at: datetime, ends_at: datetime, zone: tzinfo) -> list[date]:
    """The local dates ``[starts_at, ends_at)`` touches, in order (an empty span touches none)."""
    if ends_at <= starts_at:
        return []
    first = starts_at.astimezone(zone).date()
    last = (ends_at - _TICK).astimezone(zone).date()
    if last == first:
        return [first]
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def day_plan(calendar: BusinessCalendar, rules: Rules, day: date, zone: tzinfo) -> DayPlan:
    """Cut a local date as the split needs it, from the calendar's day kind and windows.

    Its instants are UTC, like the database's: comparing datetimes of one tzinfo is a plain comparison.
    """
    lo, hi = local_midnight(day, zone).astimezone(UTC), local_midnight(day + _ONE_DAY, zone).astimezone(UTC)
    kind = calendar.day_kind(day).value
    if kind == "statutory_holiday":
        return DayPlan(lo, hi, HOLIDAY, ())
    if kind in ("rest_day", "day_off_in_lieu"):
        return DayPlan(lo, hi, REST_IN_LIEU if rules.rest_day_policy == "time_off" else REST, ())
    windows = tuple((max(_at(day, s, zone).astimezone(UTC), lo), min(_at(day, e, zone).astimezone(UTC), hi))
                    for s, e in calendar.windows(day))
    return DayPlan(lo, hi, None, tuple((s, e) for s, e in windows if e > s))


def pieces(starts_at: datetime, ends_at: datetime, zone: tzinfo,
           terms: Callable[[date], DayTerms]) -> list[Piece]:
    """Cut ``[starts_at, ends_at)`` at each local midnight and schedule window edge, each piece bucketed."""
    result: list[Piece] = []
    starts_at, ends_at = starts_at.astimezone(UTC), ends_at.astimezone(UTC)
    for day in local_days(starts_at, ends_at, zone):
        day_terms = terms(day)
        plan = day_terms.plan or day_plan(day_terms.calendar, day_terms.rules, day, zone)
        lo, hi = max(starts_at, plan.lo), min(ends_at, plan.hi)
        if plan.bucket is not None:
            result.append(Piece(day, plan.bucket, lo, hi))
            continue
        cursor = lo
        for window_start, window_end in plan.windows:
            start, end = max(window_start, lo), min(window_end, hi)
            if end <= start:
                continue
            if cursor < start:
                result.append(Piece(day, EXTENDED, cursor, start))
            result.append(Piece(day, NORMAL, start, end))
            cursor = end
        if cursor < hi:
            result.append(Piece(day, EXTENDED, cursor, hi))
    return result


def _at(day: date, minute: int, zone: tzinfo) -> datetime:
    """The instant of a window edge: ``minute`` after local midnight (1440 is the next midnight)."""
    if minute >= 1440:
        return local_midnight(day + _ONE_DAY, zone)
    return datetime.combine(day, time(minute // 60, minute % 60), zone)


def cost(minutes: int, rate: Decimal | None, multiplier: Decimal) -> Decimal | None:
    """``minutes × rate ÷ 60 × multiplier`` in cents (half up); ``None`` without a rate."""
    if rate is None:
        return None
    return (Decimal(minutes) * rate * multiplier / 60).quantize(CENT, ROUND_HALF_UP)



def segments(split: Iterable[Piece], terms: Callable[[date], DayTerms]) -> list[SegmentValues]:
    """The pieces summed per (day, bucket), each priced with that day's rate and multiplier."""
    minutes: dict[tuple[date, str], int] = defaultdict(int)
    for day, bucket, start, end in split:
        minutes[day, bucket] += (end - start) // MINUTE
    out = []
    for (day, bucket), total in minutes.items():
        if not total:
            continue
        day_terms = terms(day)
        multiplier = day_terms.rules.multiplier(bucket)
        out.append(SegmentValues(day, bucket, total, multiplier, day_terms.rate,
                                 cost(total, day_terms.rate, multiplier)))
    return out


def split_entry(starts_at: datetime, ends_at: datetime, zone: tzinfo,
                terms: Callable[[date], DayTerms]) -> list[SegmentValues]:
    """The segments of one entry: ``segments(pieces(...))``."""
    return segments(pieces(starts_at, ends_at, zone, terms), terms)
