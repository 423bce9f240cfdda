"""Weeks, months and durations as people read and type them (pure, Qt-free)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CLOCK = re.compile(r"(\d{1,2}):([0-5]\d)")
_MINUTES = re.compile(r"(\d{1,4})\s*(m|min|分钟|分)")


def week_start(day: date, first_weekday: str = "monday") -> date:
    """The first day of the week holding ``day``, weeks starting on ``first_weekday``."""
    return day - timedelta(days=(day.weekday() - WEEKDAYS.index(first_weekday)) % 7)


def month_start(day: date) -> date:
    """The first day of the month holding ``day``."""
    return day.replace(day=1)


def month_end(day: date) -> date:
    """The last day of the month holding ``day``."""
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def period_bounds(day: date, period: str, first_weekday: str = "monday") -> tuple[date, date]:
    """The ``week`` or ``month`` holding ``day``: its first and last date (inclusive)."""
    if period == "month":
        return month_start(day), month_end(day)
    start = week_start(day, first_weekday)
    return start, start + timedelta(days=6)


def period_label(starts_on: date, ends_on: date) -> str:
    """``2026-03`` for a calendar month, ``2026-03-02 – 03-08`` for a week."""
    if starts_on.day == 1 and ends_on == month_end(starts_on):
        return f"{starts_on:%Y-%m}"
    tail = f"{ends_on:%m-%d}" if ends_on.year == starts_on.year else ends_on.isoformat()
    return f"{starts_on.isoformat()} – {tail}"


def format_minutes(minutes: int | None) -> str:
    """Minutes as ``h:mm`` (``-1:30`` when negative; empty for ``None``)."""
    if minutes is None:
        return ""
    sign, minutes = ("-", -minutes) if minutes < 0 else ("", minutes)
    return f"{sign}{minutes // 60}:{minutes % 60:02d}"


def parse_minutes(text: str) -> int:
    """A typed duration: ``1:30`` (hours and minutes), ``1.5`` (hours), ``90m`` or ``90分钟`` (minutes).

    Empty text is zero; anything else raises ``ValueError`` saying how to write it.
    """
    text = (text or "").strip().replace("，", ",").replace("：", ":")
    if not text:
        return 0
    if m := _CLOCK.fullmatch(text):
        return int(m[1]) * 60 + int(m[2])
    if m := _MINUTES.fullmatch(text.lower()):
        return int(m[1])
    try:
        hours = Decimal(text.replace(",", "."))
    except InvalidOperation:
        hours = None
    if hours is None or not hours.is_finite() or hours < 0 or hours * 60 != int(hours * 60):
        raise ValueError(f"“{text}” is not a duration; write 1:30, 1.5 (hours) or 90m.")
    return int(hours * 60)
