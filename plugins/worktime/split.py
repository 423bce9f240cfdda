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
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Callable, Iterable

from plugins.worktime.models import EXTENDED, HOLIDAY, NORMAL, REST, REST_IN_LIEU

if TYPE_CHECKING:  # pragma: no cover - the calendar engine loads on first use
    from console.api import BusinessCalendar

CENT = Decimal("0.01")
MINUTE = timedelta(minutes=1)
_ONE_DAY = timedelta(days=1)


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
class DayTerms:
    """What applies to one person on one local date: their calendar, rule set and hourly rate."""

    calendar: BusinessCalendar
    rules: Rules
    rate: Decimal | None


@dataclass(frozen=True)
class Piece:
    """A stretch of an entry inside one local day and one bucket, ``[starts_at, ends_at)``."""

    day: date
    bucket: str
    starts_at: datetime
    ends_at: datetime

    @property
    def minutes(self) -> int:
        """Whole minutes of the piece."""
        return int((self.ends_at - self.starts_at) // MINUTE)


@dataclass(frozen=True)
class SegmentValues:
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
    last = (ends_at - timedelta(microseconds=1)).astimezone(zone).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def pieces(starts_at: datetime, ends_at: datetime, zone: tzinfo,
           terms: Callable[[date], DayTerms]) -> list[Piece]:
    """Cut ``[starts_at, ends_at)`` at each local midnight and schedule window edge, each piece bucketed."""
    result: list[Piece] = []
    for day in local_days(starts_at, ends_at, zone):
        lo = max(starts_at, local_midnight(day, zone))
        hi = min(ends_at, local_midnight(day + _ONE_DAY, zone))
        day_terms = terms(day)
        kind = day_terms.calendar.day_kind(day).value
        if kind == "statutory_holiday":
            result.append(Piece(day, HOLIDAY, lo, hi))
        elif kind in ("rest_day", "day_off_in_lieu"):
            bucket = REST_IN_LIEU if day_terms.rules.rest_day_policy == "time_off" else REST
            result.append(Piece(day, bucket, lo, hi))
        else:
            result.extend(_working_day(day, lo, hi, zone, day_terms.calendar))
    return result


def _working_day(day: date, lo: datetime, hi: datetime, zone: tzinfo, calendar: BusinessCalendar) -> list[Piece]:
    """``[lo, hi)`` of a working day: normal inside the schedule's windows, extended outside them."""
    out, cursor = [], lo
    for start_minute, end_minute in calendar.windows(day):
        window_start = max(_at(day, start_minute, zone), lo)
        window_end = min(_at(day, end_minute, zone), hi)
        if window_end <= window_start:
            continue
        if cursor < window_start:
            out.append(Piece(day, EXTENDED, cursor, window_start))
        out.append(Piece(day, NORMAL, window_start, window_end))
        cursor = window_end
    if cursor < hi:
        out.append(Piece(day, EXTENDED, cursor, hi))
    return out


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
    for piece in split:
        minutes[piece.day, piece.bucket] += piece.minutes
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
