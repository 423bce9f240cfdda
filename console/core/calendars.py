"""Business calendars (工作日历): weekly working windows, holidays, days off in lieu, make-up
working days and country presets. All working-time arithmetic in the console goes through here.

Instants are handled internally as integer microseconds since the Unix epoch (UTC), so every
result is exact and a DST jump inside a window changes the elapsed time it holds. Each local
calendar year is built once, on first use, into per-day UTC spans plus running totals, so
`between` and `add` cost a couple of binary searches however far apart their instants are.
"""

from __future__ import annotations

import enum
import functools
import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

__all__ = ["BusinessCalendar", "CalendarError", "DayKind", "PRESETS"]

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_US = timedelta(microseconds=1)
_ZERO = timedelta(0)
_DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DOC_KEYS = ("name", "timezone", "week", "holidays", "workdays", "days_off", "preset", "years")
_TIME = re.compile(r"(\d\d):(\d\d)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_REQUIRED = {"name": '"Beijing office"', "timezone": '"Asia/Shanghai"', "week": '{"mon": [["09:00", "18:00"]]}'}


class CalendarError(ValueError):
    """A calendar document is invalid; the message names the offending entry and the fix."""


class DayKind(enum.Enum):
    """How a calendar classifies a date (the work-hour rules pay each kind differently)."""

    WORKDAY = "workday"  # an ordinary working day
    MAKEUP_WORKDAY = "makeup_workday"  # 调休上班: a normally closed (weekend) day that is worked
    STATUTORY_HOLIDAY = "statutory_holiday"  # 法定节假日: a named statutory holiday day itself
    DAY_OFF_IN_LIEU = "day_off_in_lieu"  # 调休放假: a rest day bridging or replacing a holiday
    REST_DAY = "rest_day"  # an ordinary weekend / closed day


_OPEN = frozenset({DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY})


@dataclass(frozen=True)
class _Preset:
    statutory: frozenset[date]
    days_off: frozenset[date]
    workdays: frozenset[date]


@functools.cache
def _china(years: tuple[int, ...]) -> _Preset:
    """China's public holidays and make-up working days for `years` (from `holidays.China`).

    The library lists three kinds of day off; names are read in English (stable labels):
    the named statutory days ("Chinese New Year's Eve", "National Day", ...) are statutory;
    "Day off (substituted from <date>)" days (the official 调休 swaps) and "... (observed)" days
    (a holiday falling on a weekend, moved to a weekday) are days off in lieu. A date carrying
    both kinds of name is statutory. `weekend_workdays` are the official make-up working days
    (调休上班); only those inside `years` are taken.
    """
    cn = holidays.China(years=years, language="en_US")

    def in_lieu(day: date) -> bool:
        return all(n.startswith("Day off") or "(observed" in n for n in cn.get_list(day))

    days_off = frozenset(d for d in cn if in_lieu(d))
    return _Preset(
        statutory=frozenset(cn) - days_off,
        days_off=days_off,
        workdays=frozenset(d for d in cn.weekend_workdays if d.year in years),
    )


PRESETS = {"CN": _china}
"""Country presets by the code a calendar document names in "preset"."""


def _us(dt: datetime) -> int:
    """Microseconds since the epoch of an aware datetime."""
    try:
        return (dt - _EPOCH) // _US
    except TypeError:
        raise ValueError(f"Expected a timezone-aware datetime, got {dt!r}") from None


class _Year:
    """One local calendar year: midnights, working spans per day and running totals (µs)."""

    __slots__ = ("starts", "spans", "prefix")

    def __init__(self, starts: list[int], spans: list[tuple[tuple[int, int], ...]]):
        self.starts = starts  # n + 1 local midnights: Jan 1 .. Jan 1 of the next year
        self.spans = spans  # per day: non-overlapping (start, end) working spans, sorted
        self.prefix = [0]  # prefix[i]: working time of the days before day i
        for day in spans:
            self.prefix.append(self.prefix[-1] + sum(e - s for s, e in day))

    def worked_before(self, i: int, t: int) -> int:
        """Working time from the year's start up to instant `t`, which lies in day `i`."""
        total = self.prefix[i]
        for s, e in self.spans[i]:
            if t <= s:
                break
            total += (t if t < e else e) - s
        return total


class BusinessCalendar:
    """Weekly working windows in one time zone, with holidays, days off and extra workdays.

    Windows are local wall-clock `[start, end)` in minutes; "24:00" is the midnight that ends
    the day. Precedence for a date: the document's own `holidays`, `days_off` and `workdays`,
    then the preset's days, then the weekly windows. A working day whose weekday has no
    windows (a make-up Saturday, an extra workday) uses Monday's windows.
    Public attributes: `name`, `timezone` (IANA name), `zone` (ZoneInfo), `preset`, `years`.
    """

    def __init__(
        self,
        name: str,
        timezone: str,
        week: dict[int, tuple[tuple[int, int], ...]],
        holidays: frozenset[date] = frozenset(),
        workdays: frozenset[date] = frozenset(),
        days_off: frozenset[date] = frozenset(),
        preset: str | None = None,
        years: tuple[int, ...] = (),
    ):
        """Build from parsed parts; prefer `from_dict`, which validates a document."""
        self.name = name
        self.timezone = timezone
        self.zone = ZoneInfo(timezone)
        self.preset = preset
        self.years = years
        self._week = tuple(week.get(i, ()) for i in range(7))
        self._holidays, self._workdays, self._days_off = holidays, workdays, days_off
        self._kinds: dict[date, DayKind] = {}
        if preset:
            p = PRESETS[preset](years)
            self._kinds.update(dict.fromkeys(p.statutory, DayKind.STATUTORY_HOLIDAY))
            self._kinds.update(dict.fromkeys(p.days_off, DayKind.DAY_OFF_IN_LIEU))
            self._kinds.update({d: self._open_kind(d) for d in p.workdays})
        self._kinds.update({d: self._open_kind(d) for d in workdays})
        self._kinds.update(dict.fromkeys(holidays, DayKind.STATUTORY_HOLIDAY))
        self._kinds.update(dict.fromkeys(days_off, DayKind.DAY_OFF_IN_LIEU))
        self._years: dict[int, _Year] = {}

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def from_dict(cls, d: dict) -> BusinessCalendar:
        """Build from a calendar document; raise CalendarError saying what to fix."""
        if not isinstance(d, dict):
            raise CalendarError("A calendar document must be a JSON object")
        for key in d:
            if key not in _DOC_KEYS:
                raise CalendarError(f'unknown key "{key}"; use one of: {", ".join(_DOC_KEYS)}')
        for key, example in _REQUIRED.items():
            if key not in d:
                raise CalendarError(f'missing key "{key}"; add it, e.g. "{key}": {example}')
        name, tz = d["name"], d["timezone"]
        if not isinstance(name, str) or not name.strip():
            raise CalendarError('name: give the calendar a non-empty name')
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise CalendarError(
                f'timezone: unknown time zone {_j(tz)}; use an IANA name such as "Asia/Shanghai"'
            ) from None
        week = _parse_week(d["week"])
        lists = {key: _parse_dates(d.get(key) or [], key) for key in ("holidays", "workdays", "days_off")}
        _check_disjoint(lists)
        if lists["workdays"] and not week.get(0):
            raise CalendarError("week.mon: extra workdays use Monday's windows; give Monday a window")
        preset, years = d.get("preset"), d.get("years") or []
        if preset is not None and preset not in PRESETS:
            known = " or ".join(map(_j, PRESETS))
            raise CalendarError(f"preset: unknown preset {_j(preset)}; use {known} or null")
        if not isinstance(years, list):
            raise CalendarError(f"years: expected a list of years, got {_j(years)}")
        for i, y in enumerate(years):
            if not isinstance(y, int) or isinstance(y, bool) or not 1900 <= y <= 2200:
                raise CalendarError(f"years[{i}]: {_j(y)} is not a year such as 2026")
        if preset and not years:
            raise CalendarError(f'years: list the years the "{preset}" preset covers, e.g. [2025, 2026]')
        return cls(name, tz, week, preset=preset, years=tuple(sorted(set(years))),
                   **{k: frozenset(v) for k, v in lists.items()})

    @classmethod
    def always(cls, timezone: str = "UTC", name: str = "24x7") -> BusinessCalendar:
        """A calendar that is open around the clock, every day (7×24)."""
        return cls(name, timezone, {i: ((0, 1440),) for i in range(7)})

    def to_dict(self) -> dict:
        """The calendar document; `from_dict(cal.to_dict())` rebuilds an equal calendar."""
        return {
            "name": self.name,
            "timezone": self.timezone,
            "week": {
                _DAY_KEYS[i]: [[_fmt(s), _fmt(e)] for s, e in windows]
                for i, windows in enumerate(self._week) if windows
            },
            "holidays": sorted(d.isoformat() for d in self._holidays),
            "workdays": sorted(d.isoformat() for d in self._workdays),
            "days_off": sorted(d.isoformat() for d in self._days_off),
            "preset": self.preset,
            "years": list(self.years),
        }

    # -- days -------------------------------------------------------------------------------

    def _open_kind(self, day: date) -> DayKind:
        return DayKind.WORKDAY if self._week[day.weekday()] else DayKind.MAKEUP_WORKDAY

    def day_kind(self, day: date) -> DayKind:
        """Classify a date (a datetime counts as its local date in the calendar's zone)."""
        if isinstance(day, datetime):
            day = (_EPOCH + _us(day) * _US).astimezone(self.zone).date()
        kind = self._kinds.get(day)
        if kind is not None:
            return kind
        return DayKind.WORKDAY if self._week[day.weekday()] else DayKind.REST_DAY

    def windows(self, day: date) -> tuple[tuple[int, int], ...]:
        """The working windows of a date as (start, end) minutes after local midnight."""
        if self.day_kind(day) not in _OPEN:
            return ()
        return self._week[day.weekday()] or self._week[0]

    def is_working_day(self, day: date) -> bool:
        """True when the date has working hours."""
        return bool(self.windows(day))

    # -- working time -----------------------------------------------------------------------

    def _year(self, y: int) -> _Year:
        """Year `y`, built on first use and cached."""
        if y not in self._years:
            self._years[y] = self._build_year(y)
        return self._years[y]

    def _build_year(self, y: int) -> _Year:
        first, zone = date(y, 1, 1), self.zone
        days = [first + timedelta(i) for i in range((date(y + 1, 1, 1) - first).days + 1)]
        starts = [_us(datetime(d.year, d.month, d.day, tzinfo=zone)) for d in days]
        spans = []
        for i, day in enumerate(days[:-1]):
            lo, hi, today = starts[i], starts[i + 1], []
            for s_min, e_min in self.windows(day):
                s = max(lo, self._edge(day, s_min, hi))
                e = min(hi, self._edge(day, e_min, hi))
                if e > s:  # a window wholly inside a DST gap holds no time
                    today.append((s, e))
                    lo = e
            spans.append(tuple(today))
        return _Year(starts, spans)

    def _edge(self, day: date, minute: int, midnight_after: int) -> int:
        if minute == 1440:
            return midnight_after
        return _us(datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=self.zone))

    def _position(self, dt: datetime) -> tuple[int, int, int]:
        """(instant in µs, its local year, working µs from that year's start to the instant)."""
        t, year = _us(dt), dt.year
        while True:
            data = self._years.get(year) or self._year(year)
            i = bisect_right(data.starts, t) - 1
            if i < 0:
                year -= 1
            elif i >= len(data.spans):
                year += 1
            else:
                return t, year, data.worked_before(i, t)

    def between(self, a: datetime, b: datetime) -> timedelta:
        """Working time (elapsed) inside [a, b); zero when b <= a."""
        (ta, ya, wa), (tb, yb, wb) = self._position(a), self._position(b)
        if tb <= ta:
            return _ZERO
        for y in range(ya, yb):
            wb += self._year(y).prefix[-1]
        return timedelta(microseconds=wb - wa)

    def add(self, start: datetime, d: timedelta) -> datetime:
        """The earliest instant t >= start with between(start, t) == d (in the calendar's zone)."""
        if d < _ZERO:
            raise ValueError(f"Cannot add a negative working time ({d})")
        _, y, target = self._position(start)
        if not d:
            return start.astimezone(self.zone)
        target += d // _US
        data = self._year(y)
        while target > data.prefix[-1]:
            target -= data.prefix[-1]
            y += 1
            data = self._year(y)
        day = bisect_left(data.prefix, target) - 1
        rest = target - data.prefix[day]
        for s, e in data.spans[day]:  # the day holds at least `rest`: some span ends the walk
            if rest <= e - s:
                break
            rest -= e - s
        return (_EPOCH + timedelta(microseconds=s + rest)).astimezone(self.zone)

    def __repr__(self) -> str:
        return f"BusinessCalendar({self.name!r}, {self.timezone!r})"


# -- document parsing -----------------------------------------------------------------------


def _j(value: object) -> str:
    """A document value as the user wrote it in JSON."""
    return json.dumps(value, ensure_ascii=False, default=str)


def _fmt(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _parse_time(value: object, where: str) -> int:
    m = _TIME.fullmatch(value) if isinstance(value, str) else None
    minute = int(m[1]) * 60 + int(m[2]) if m else -1
    if not m or int(m[2]) > 59 or not 0 <= minute <= 1440:
        raise CalendarError(f'{where}: {_j(value)} is not a time; use "HH:MM" from "00:00" to "24:00"')
    return minute


def _parse_week(week: object) -> dict[int, tuple[tuple[int, int], ...]]:
    if not isinstance(week, dict):
        raise CalendarError('week: expected an object such as {"mon": [["09:00", "18:00"]]}')
    parsed = {}
    for key, windows in week.items():
        if key not in _DAY_KEYS:
            raise CalendarError(f'week: unknown day "{key}"; use {", ".join(_DAY_KEYS)}')
        if not isinstance(windows, list):
            raise CalendarError(f'week.{key}: expected a list of ["HH:MM", "HH:MM"] windows')
        spans = []
        for i, window in enumerate(windows):
            where = f"week.{key}[{i}]"
            if not isinstance(window, (list, tuple)) or len(window) != 2:
                raise CalendarError(f'{where}: expected ["HH:MM", "HH:MM"], got {_j(window)}')
            s, e = (_parse_time(v, where) for v in window)
            if e < s:
                raise CalendarError(f'{where}: "{window[0]}"-"{window[1]}" ends before it starts')
            if e == s:
                raise CalendarError(f'{where}: "{window[0]}"-"{window[1]}" is empty; remove it')
            for os_, oe in spans:
                if s < oe and os_ < e:
                    raise CalendarError(
                        f'{where}: "{window[0]}"-"{window[1]}" overlaps "{_fmt(os_)}"-"{_fmt(oe)}"; '
                        "windows must not overlap"
                    )
            spans.append((s, e))
        if spans:
            parsed[_DAY_KEYS.index(key)] = tuple(sorted(spans))
    if not parsed:
        raise CalendarError('week: no day has a working window; give at least one, e.g. "mon"')
    return parsed


def _parse_dates(values: object, key: str) -> list[date]:
    if not isinstance(values, list):
        raise CalendarError(f'{key}: expected a list of "YYYY-MM-DD" dates')
    days = []
    for i, value in enumerate(values):
        try:
            if not _DATE.fullmatch(value):
                raise ValueError(value)
            days.append(date.fromisoformat(value))
        except (TypeError, ValueError):
            raise CalendarError(f'{key}[{i}]: {_j(value)} is not a date; use "YYYY-MM-DD"') from None
    return days


def _check_disjoint(lists: dict[str, list[date]]) -> None:
    seen: dict[date, str] = {}
    for key, days in lists.items():
        for i, day in enumerate(days):
            other = seen.setdefault(day, key)
            if other != key:
                raise CalendarError(f"{key}[{i}]: {day} is also listed in {other}; keep it in one list")
