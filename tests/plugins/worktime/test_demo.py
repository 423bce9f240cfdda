"""The worktime demo seeder: a year of plausible, consistent work hours."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from plugins.worktime import demo
from plugins.worktime.models import (
    ACTIVITY_KINDS,
    APPROVED,
    REFERENCED_KINDS,
    Leave,
    ScheduleAssignment,
    Segment,
    TimeEntry,
    Timesheet,
)
from plugins.worktime.service import entries
from tests.plugins.worktime.conftest import at

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_tiny_seed_books_a_consistent_year_without_overlaps(app, make_actor, demo_context):
    people = [make_actor("engineer") for _ in range(2)]
    ids = [p.user_id for p in people]
    booked = make_actor("engineer")
    entries.add_entry(app, booked, starts_at=at(2026, 3, 2, 9), minutes=60, activity_kind="meeting")
    ctx = demo_context(employees=10_000)
    demo.seed(ctx)
    with app.session() as session:
        assert session.scalar(select(func.count()).where(TimeEntry.user_id == booked.user_id)) == 1
        rows = session.execute(select(TimeEntry.id, TimeEntry.user_id, TimeEntry.starts_at, TimeEntry.ends_at,
                                      TimeEntry.minutes, TimeEntry.activity_kind, TimeEntry.activity_ref)
                               .where(TimeEntry.user_id.in_(ids))
                               .order_by(TimeEntry.user_id, TimeEntry.starts_at)).all()
        split = dict(session.execute(select(Segment.entry_id, func.sum(Segment.minutes))
                                     .where(Segment.user_id.in_(ids)).group_by(Segment.entry_id)).all())
        assigned = session.scalar(select(func.count(func.distinct(ScheduleAssignment.user_id)))
                                  .where(ScheduleAssignment.user_id.in_(ids)))
        approved = session.scalar(select(func.count()).select_from(Timesheet).where(
            Timesheet.user_id.in_(ids), Timesheet.status == APPROVED))
        leave = session.execute(select(Leave.user_id, Leave.starts_at, Leave.ends_at)
                                .where(Leave.user_id.in_(ids))).all()
    assert {r.user_id for r in rows} == set(ids) and assigned == 2
    for person in ids:
        mine = [r for r in rows if r.user_id == person]
        assert 200 * 2 <= len(mine) <= 366 * 8
        assert all(a.ends_at <= b.starts_at for a, b in zip(mine, mine[1:]))  # no overlaps
        assert not any(r.starts_at < e and r.ends_at > s for r in mine for u, s, e in leave if u == person)
    assert all(r.minutes == (r.ends_at - r.starts_at).total_seconds() // 60 for r in rows)
    assert all(split[r.id] == r.minutes for r in rows)  # every entry split, minutes conserved
    assert {r.activity_kind for r in rows} <= set(ACTIVITY_KINDS)
    assert all(r.activity_ref for r in rows if r.activity_kind in REFERENCED_KINDS)
    assert approved >= 2 * 40  # most of the year's weeks are approved
    # no work on the National Day holiday (1 October) of the seeded year except the duty rota
    national_day = [d for d in (date(ctx.now.year, 10, 1), date(ctx.now.year - 1, 10, 1))
                    if ctx.now.date() - timedelta(days=365) <= d < ctx.now.date()][0]
    on_holiday = [r for r in rows if r.starts_at.astimezone(SHANGHAI).date() == national_day]
    assert len(on_holiday) <= 2
