"""Split and aggregate one month for 1,000 employees (about 25,000 time entries): goal ≤ 1 s.

Builds a scratch database on the chosen backend (SQLite file or a server database, dropped
afterwards) with 1,000 employees on the default schedule, hourly rates and ~25,000 entries in
March 2026, then times, twice: reading the month's entries, building the rules (calendars,
schedules, rate periods), splitting every entry to the minute, and the three month reports
(hours and cost per person, payroll overtime, overtime by month) over the stored split. The raw-SQL baseline is
reading the same entries with a plain SELECT on the same connection.

    python bench/bench_worktime.py [sqlite|postgresql|mariadb]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from harness import add_backend_argument, scratch_app

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


def populate(app, rng: random.Random) -> list[int]:
    """1,000 employees with schedule, rate and about 25,000 entries; returns their ids."""
    from sqlalchemy import select

    from console.api import User, bulk_insert
    from plugins.worktime.models import HourlyRate, Schedule, ScheduleAssignment, TimeEntry

    zone = ZoneInfo("Asia/Shanghai")
    with app.session() as session:
        bulk_insert(session, User, [{"username": f"bench{i:04d}", "display_name": f"员工 {i:04d}", "password_hash": "x",
                                     "locale": "zh_CN", "timezone": "Asia/Shanghai", "is_active": True,
                                     "created_at": datetime.now(zone)} for i in range(1000)])
        ids = list(session.scalars(select(User.id).where(User.username.like("bench%"))))
        schedule = session.scalar(select(Schedule.id).where(Schedule.is_default.is_(True)))
        bulk_insert(session, ScheduleAssignment, [{"user_id": u, "schedule_id": schedule, "rule_set_id": None,
                                                   "valid_from": date(2026, 1, 1), "valid_to": None} for u in ids])
        bulk_insert(session, HourlyRate, [{"user_id": u, "valid_from": date(2026, 1, 1), "valid_to": None,
                                           "rate": Decimal(rng.choice((100, 150, 200)))} for u in ids])
        rows = []
        for user in ids:
            for day in range(1, 32):
                if rng.random() < 0.8:
                    start = datetime(2026, 3, day, rng.choice((9, 13, 18, 20)), tzinfo=zone)
                    minutes = rng.choice((60, 120, 240, 300))
                    rows.append({"user_id": user, "starts_at": start, "ends_at": start + timedelta(minutes=minutes),
                                 "minutes": minutes, "activity_kind": "meeting", "activity_ref": None,
                                 "customer_id": None, "note": ""})
        bulk_insert(session, TimeEntry, rows[:25_000])
    return ids


def store(app, ids: list[int]) -> float:
    """Seconds to read, split and store every entry's segments (what the reports then sum)."""
    from sqlalchemy import select

    from plugins.worktime.models import TimeEntry
    from plugins.worktime.terms import TermsBook, base_calendar, write_segments

    began = time.perf_counter()
    base = base_calendar(app)  # before the writing session: on SQLite it holds the only write lock
    with app.session() as session:
        entries = session.execute(select(TimeEntry.id, TimeEntry.user_id, TimeEntry.starts_at, TimeEntry.ends_at)
                                  .where(TimeEntry.user_id.in_(ids))).all()
        book = TermsBook(session, base, ids, date(2026, 2, 28), date(2026, 4, 1))
        write_segments(session, book, [tuple(e) for e in entries])
    return time.perf_counter() - began


def run(app, ids: list[int]) -> dict[str, float]:
    """Seconds for each step of one split-and-aggregate of March."""
    from sqlalchemy import select, text

    from plugins.worktime import reports
    from plugins.worktime.models import TimeEntry
    from plugins.worktime.terms import TermsBook, base_calendar, segment_rows

    times, began = {}, time.perf_counter()
    base = base_calendar(app)
    with app.session() as session:
        entries = session.execute(select(TimeEntry.id, TimeEntry.user_id, TimeEntry.starts_at, TimeEntry.ends_at)
                                  .where(TimeEntry.user_id.in_(ids))).all()
        times["read"] = time.perf_counter() - began
        book = TermsBook(session, base, ids, date(2026, 2, 28), date(2026, 4, 1))
        times["rules"] = time.perf_counter() - began - times["read"]
        segments = sum(len(segment_rows(book, *entry)) for entry in entries)
    times["split"] = time.perf_counter() - began - times["read"] - times["rules"]
    mark = time.perf_counter()
    with app.session() as session:
        reports.hours_and_cost(session, first=MARCH[0], last=MARCH[1], by="person")
        reports.payroll_rows(session, first=MARCH[0], last=MARCH[1])
        reports.overtime_by_month(session, first=MARCH[0], last=MARCH[1])
    times["aggregate"] = time.perf_counter() - mark
    times["total"] = time.perf_counter() - began
    with app.engine.connect() as connection:
        mark = time.perf_counter()
        connection.execute(text("SELECT id, user_id, starts_at, ends_at FROM worktime_time_entry")).fetchall()
        times["raw"] = time.perf_counter() - mark
    times["segments"] = segments
    return times


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_backend_argument(parser)
    args = parser.parse_args()
    with scratch_app(args.backend) as app:
        ids = populate(app, random.Random(7))
        print(f"{args.backend}: storing the split of every entry once took {store(app, ids):.3f} s")
        for attempt in ("first", "second"):
            t = run(app, ids)
            print(f"{args.backend} {attempt}: read {t['read']:.3f} s, rules {t['rules']:.3f} s, split {t['split']:.3f} s "
                  f"({t['segments']:,} segments), aggregate {t['aggregate']:.3f} s → total {t['total']:.3f} s "
                  f"(goal ≤ 1 s); raw SELECT of the entries {t['raw']:.3f} s, ratio {t['total'] / t['raw']:.1f}×")


if __name__ == "__main__":
    main()
