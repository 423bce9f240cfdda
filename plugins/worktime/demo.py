"""Demo time entries: a year of working days (China's calendar) for core's demo employees.

Each employee books the morning and the afternoon in one or two entries, now and then an
evening of overtime or a weekend call-out; rows go to the database in Core bulk inserts.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select

from console.api import DemoContext, User
from plugins.worktime.models import TimeEntry

CHUNK = 10_000
KINDS = ["incident", "work_order", "project", "meeting", "training", "travel"]
KIND_WEIGHTS = [45, 15, 15, 12, 5, 8]
PROJECTS = ["PRJ-华东数据中心迁移", "PRJ-ERP-Upgrade", "PRJ-网点巡检2026", "PRJ-Storage-Refresh"]
NOTES = {
    "incident": ["现场更换硬盘", "远程排查网络故障", "On-site fan replacement", "Phone support"],
    "work_order": ["执行工作单", "Preventive maintenance visit", "设备巡检"],
    "project": ["方案设计", "Cut-over rehearsal", "项目例会准备"],
    "meeting": ["周例会", "Team stand-up", "客户复盘会"],
    "training": ["新产品培训", "ITIL Foundation course"],
    "travel": ["前往客户现场", "Travel to branch office", "返回服务中心"],
}
#: Local [start, end) windows booked on a working day, and the overtime evening.
DAY_WINDOWS = [(time(9), time(12)), (time(13), time(18))]
EVENING = (time(18, 30), time(20, 30))


def _reference(ctx: DemoContext, kind: str, year: int) -> str | None:
    rng = ctx.rng
    if kind == "incident":
        return f"INC-{year}-{rng.randint(1, max(1, ctx.scale.get('incidents', 200))):06d}"
    if kind == "work_order":
        return f"WO-{year}-{rng.randint(1, 5000):05d}"
    if kind == "project":
        return rng.choice(PROJECTS)
    return None


def _entries(ctx: DemoContext, user_id: int, day: date, zone: ZoneInfo,
             windows: list[tuple[time, time]]) -> list[dict]:
    """One or two entries per window on ``day``: the window split at a random quarter hour."""
    rng, rows = ctx.rng, []
    for start, end in windows:
        a, b = datetime.combine(day, start, zone), datetime.combine(day, end, zone)
        quarters = int((b - a).total_seconds() // 900)
        cuts = [a, a + timedelta(minutes=15 * rng.randint(1, quarters - 1)), b] if rng.random() < 0.6 else [a, b]
        for s, e in zip(cuts, cuts[1:]):
            kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
            rows.append({"user_id": user_id, "starts_at": s, "ends_at": e,
                         "minutes": int((e - s).total_seconds() // 60), "activity_kind": kind,
                         "activity_ref": _reference(ctx, kind, day.year), "note": rng.choice(NOTES[kind]),
                         "version": 1})
    return rows


def seed(ctx: DemoContext) -> None:
    """Write a year of time entries for up to ``ctx.scale["employees"]`` (default 20) active employees
    who have none yet (so the demo never overlaps real bookings)."""
    with ctx.app.unit_of_work(ctx.actor, "worktime.edit_others") as work:
        session = work.session
        booked = select(TimeEntry.id).where(TimeEntry.user_id == User.id).exists()
        people = session.execute(select(User.id, User.timezone)
                                 .where(User.is_active.is_(True), User.partner_code.is_(None), ~booked)
                                 .order_by(User.id).limit(ctx.scale.get("employees", 20))).all()
        if not people:
            return
        from console.api import BusinessCalendar  # the calendar engine loads on first use, not at start-up

        today = ctx.now.date()
        days = [today - timedelta(days=n) for n in range(365, 0, -1)]
        calendar = BusinessCalendar.from_dict({
            "name": "CN demo", "timezone": "Asia/Shanghai", "preset": "CN",
            "years": sorted({d.year for d in days}), "week": {d: [["09:00", "18:00"]] for d in
                                                             ("mon", "tue", "wed", "thu", "fri")}})
        working = {d: calendar.is_working_day(d) for d in days}
        rows: list[dict] = []
        for user_id, zone_name in people:
            zone = ZoneInfo(zone_name)
            for day in days:
                if working[day]:
                    rows += _entries(ctx, user_id, day, zone,
                                     DAY_WINDOWS + ([EVENING] if ctx.rng.random() < 0.1 else []))
                elif ctx.rng.random() < 0.03:
                    rows += _entries(ctx, user_id, day, zone, [DAY_WINDOWS[0]])
                if len(rows) >= CHUNK:
                    session.execute(insert(TimeEntry.__table__), rows)
                    rows = []
        if rows:
            session.execute(insert(TimeEntry.__table__), rows)
        work.audit("demo.seed", "time_entry", "*", {"employees": len(people)})
