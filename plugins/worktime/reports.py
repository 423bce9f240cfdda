"""Work-hour figures: recorded hours per week, weeks starting on the configured day."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import Context, get_setting, utcnow
from plugins.worktime.models import TimeEntry

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKS_SHOWN = 12


def week_start(day: date, first_weekday: str) -> date:
    """The first day of the week holding ``day``, weeks starting on ``first_weekday``."""
    return day - timedelta(days=(day.weekday() - WEEKDAYS.index(first_weekday)) % 7)


def hours_per_week(session: Session, zone: ZoneInfo, first_weekday: str, now: datetime,
                   weeks: int = WEEKS_SHOWN) -> dict[date, float]:
    """Recorded hours per local week, the last ``weeks`` weeks up to ``now`` (empty weeks included)."""
    this_week = week_start(now.astimezone(zone).date(), first_weekday)
    starts = [this_week - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    since = datetime.combine(starts[0], time(), zone)
    minutes: Counter[date] = Counter()
    for starts_at, spent in session.execute(select(TimeEntry.starts_at, TimeEntry.minutes)
                                            .where(TimeEntry.starts_at >= since)):
        minutes[week_start(starts_at.astimezone(zone).date(), first_weekday)] += spent
    return {week: minutes[week] / 60 for week in starts}


def draw_hours_per_week(figure, context: Context) -> None:
    """Bars of recorded hours per week (the actor's time zone), labelled with each week's first day."""
    first_weekday = get_setting(context.app, "worktime.week_starts")
    with context.app.session() as session:
        hours = hours_per_week(session, ZoneInfo(context.actor.timezone), first_weekday, utcnow())
    axes = figure.add_subplot()
    axes.bar([f"{week:%m-%d}" for week in hours], list(hours.values()), color="#2f6db5")
    axes.tick_params(axis="x", labelrotation=45)
