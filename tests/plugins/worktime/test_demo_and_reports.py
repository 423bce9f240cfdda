"""The worktime demo seeder, and the hours-per-week chart."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from matplotlib.figure import Figure
from sqlalchemy import func, select

from console.api import utcnow
from console.core import settings
from plugins.worktime import demo, reports, service
from plugins.worktime.models import ACTIVITY_KINDS, REFERENCED_KINDS, TimeEntry

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_tiny_seed_books_working_days_without_overlaps(app, make_actor, demo_context):
    """Every active user without bookings gets a year of them (the others are left alone)."""
    people = [make_actor("engineer") for _ in range(2)]
    ids = [p.user_id for p in people]
    booked = make_actor("engineer")
    start = datetime(2026, 3, 2, 9, tzinfo=SHANGHAI)
    service.add_entry(app, booked, starts_at=start, ends_at=start + timedelta(hours=1), activity_kind="meeting")
    ctx = demo_context(employees=10_000)
    demo.seed(ctx)
    with app.session() as session:
        assert session.scalar(select(func.count()).where(TimeEntry.user_id == booked.user_id)) == 1
        rows = session.execute(select(TimeEntry.user_id, TimeEntry.starts_at, TimeEntry.ends_at, TimeEntry.minutes,
                                      TimeEntry.activity_kind, TimeEntry.activity_ref)
                               .where(TimeEntry.user_id.in_(ids)).order_by(TimeEntry.user_id,
                                                                           TimeEntry.starts_at)).all()
    assert {r.user_id for r in rows} == set(ids)
    for person in ids:
        mine = [r for r in rows if r.user_id == person]
        assert 200 * 2 <= len(mine) <= 366 * 6
        assert all(a.ends_at <= b.starts_at for a, b in zip(mine, mine[1:]))
    assert all(r.minutes == (r.ends_at - r.starts_at).total_seconds() // 60 for r in rows)
    assert {r.activity_kind for r in rows} <= set(ACTIVITY_KINDS)
    assert all(r.activity_ref for r in rows if r.activity_kind in REFERENCED_KINDS)
    # no booking on the National Day holiday (1 October) of the seeded year
    national_day = [d for d in (date(ctx.now.year, 10, 1), date(ctx.now.year - 1, 10, 1))
                    if ctx.now.date() - timedelta(days=365) <= d < ctx.now.date()][0]
    assert not [r for r in rows if r.starts_at.astimezone(SHANGHAI).date() == national_day]


def test_week_start_follows_the_setting():
    wednesday = date(2026, 3, 4)
    assert reports.week_start(wednesday, "monday") == date(2026, 3, 2)
    assert reports.week_start(wednesday, "sunday") == date(2026, 3, 1)
    assert reports.week_start(date(2026, 3, 1), "sunday") == date(2026, 3, 1)


def test_hours_per_week_chart(app, make_actor, context):
    engineer = make_actor("engineer")
    monday = reports.week_start(utcnow().astimezone(SHANGHAI).date(), "monday")
    start = datetime(monday.year, monday.month, monday.day, 0, 5, tzinfo=SHANGHAI)
    service.add_entry(app, engineer, starts_at=start, ends_at=start + timedelta(hours=2), activity_kind="meeting")
    with app.session() as session:
        by_monday = reports.hours_per_week(session, SHANGHAI, "monday", utcnow())
        by_sunday = reports.hours_per_week(session, SHANGHAI, "sunday", utcnow())
    assert len(by_monday) == reports.WEEKS_SHOWN and list(by_monday)[-1] == monday
    assert by_monday[monday] >= 2
    assert sum(by_monday.values()) >= 2 and monday - timedelta(days=1) in by_sunday
    settings.set_value(app, context.actor, "worktime.week_starts", "sunday")
    try:
        figure = Figure()
        reports.draw_hours_per_week(figure, context)
    finally:
        settings.set_value(app, context.actor, "worktime.week_starts", "monday")
    (axes,) = figure.axes
    today = utcnow().astimezone(ZoneInfo(context.actor.timezone)).date()
    assert len(axes.patches) == reports.WEEKS_SHOWN
    assert axes.get_xticklabels()[-1].get_text() == f"{reports.week_start(today, 'sunday'):%m-%d}"
