"""Demo work hours: a year of plausible time for core's demo employees, fast at every size.

Set-up first (schedules, a time-off-in-lieu rule set, projects for demo customers, an organisation
day, hourly rates with a raise in April, team reviewers), then per person a schedule assignment
(some change schedule in mid-month), leave (annual, sick, half days), and time entries on the
schedule's working days (China's calendar: no work on the statutory holidays except a duty rota,
make-up Saturdays worked), evenings of extended-hours overtime and weekend call-outs. Incidents
are real demo incidents when the incidents plugin is active. Timesheets are approved up to two
weeks ago; the last two weeks are a realistic mix of submitted, rejected, approved and missing.
Rows go to the database as Core bulk inserts; the split is computed in one pass.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from console.api import Customer, DemoContext, Group, User, bulk_insert
from plugins.worktime.models import (
    APPROVED,
    REJECTED,
    SUBMITTED,
    Adjustment,
    HourlyRate,
    Leave,
    LeaveType,
    OrgDay,
    Project,
    RuleSet,
    Schedule,
    ScheduleAssignment,
    Segment,
    TeamReviewer,
    TimeEntry,
    Timesheet,
)
from plugins.worktime.periods import period_label, week_start
from plugins.worktime.service.common import policy, reviewers_of
from plugins.worktime.service.setup import DAY_KEYS
from plugins.worktime.split import local_midnight
from plugins.worktime.terms import TermsBook, segment_rows, zone_of

CHUNK = 5_000
DAYS = 365
KINDS = ["incident", "work_order", "project", "meeting", "training", "travel"]
KIND_WEIGHTS = [40, 12, 18, 14, 6, 10]
SCHEDULES = {
    "Office hours 9-18": None,  # the migration's default schedule
    "现场服务 On-site 08:30-17:30": dict.fromkeys(DAY_KEYS[:5], [["08:30", "12:00"], ["13:00", "17:30"]]),
    "服务台晚班 Service desk late shift": dict.fromkeys(DAY_KEYS[:5], [["12:00", "17:00"], ["18:00", "21:00"]]),
}
PROJECTS = [("PRJ-DC-MIGR", "华东数据中心迁移 East China DC migration"), ("PRJ-ERP-UPG", "ERP 系统升级 ERP upgrade"),
            ("PRJ-INSPECT", "网点巡检 2026 Branch inspection 2026"), ("PRJ-STOR-REF", "存储更新 Storage refresh"),
            ("PRJ-WIFI6", "办公区 Wi-Fi 6 改造 Office Wi-Fi 6 rollout"), ("PRJ-PC-LIFE", "终端换新 PC lifecycle"),
            ("PRJ-SOC", "安全运营中心建设 SOC build"), ("PRJ-BACKUP", "备份平台整合 Backup consolidation"),
            ("PRJ-VDI", "云桌面试点 VDI pilot"), ("PRJ-NETMON", "网络监控平台 Network monitoring"),
            ("PRJ-DR-TEST", "灾备演练 DR drill"), ("PRJ-INT-TOOLS", "内部工具 Internal tooling")]
NOTES = {
    "incident": ["现场更换硬盘", "远程排查网络故障", "On-site fan replacement", "Phone support with the customer",
                 "更换电源模块", "Firmware upgrade and tests", "分析日志，定位原因", "恢复业务后观察"],
    "work_order": ["执行工作单", "Preventive maintenance visit", "设备巡检", "Parts swap as dispatched",
                   "配合厂商现场处理"],
    "project": ["方案设计", "Cut-over rehearsal", "项目例会准备", "Site survey", "实施割接", "Documentation"],
    "meeting": ["周例会", "Team stand-up", "客户复盘会", "Service review with the customer", "部门月度会议"],
    "training": ["新产品培训", "ITIL Foundation course", "安全培训", "Storage certification lab"],
    "travel": ["前往客户现场", "Travel to branch office", "返回服务中心", "Drive to the data centre"],
}
LEAVE_NOTES = {"annual": ["", "回老家", "Family trip", "出游", "陪家人"], "sick": ["", "看病", "发烧", "Flu"],
               "personal": ["", "办理证件", "家里有事", "Moving house"]}
REJECTIONS = ["请补充周三下午的工作内容", "Please split the travel time from the on-site work.",
              "加班时间与事件记录不符，请核对", "Missing the incident number on Tuesday."]
REASONS = ["漏记了周六的应急处理", "Booked on the wrong incident.", "实际加班到 21:00", "Duplicate entry."]


def seed(ctx: DemoContext) -> None:
    """Write a year of work hours for up to ``ctx.scale["employees"]`` (default 20) people who have none yet."""
    rules = policy(ctx.app)
    with ctx.app.unit_of_work(ctx.actor, "worktime.manage") as work:
        session = work.session
        booked = select(TimeEntry.id).where(TimeEntry.user_id == User.id).exists()
        people = session.execute(select(User.id, User.timezone, User.username)
                                 .where(User.is_active.is_(True), User.partner_code.is_(None), ~booked)
                                 .order_by(User.id).limit(ctx.scale.get("employees", 20))).all()
        if not people:
            return
        zone = zone_of(people[0].timezone)
        today = ctx.now.astimezone(zone).date()
        first = today - timedelta(days=DAYS)
        setup = _setup(ctx, session, today)
        _assign(ctx, session, people, setup, first, today)
        book = TermsBook(session, rules.calendar, [p.id for p in people], first - timedelta(days=7), today)
        leave_days = _leave(ctx, session, book, people, first, today)
        pool = _incidents(ctx, session, first, today)
        count = _entries(ctx, session, book, people, leave_days, pool, setup["projects"], first, today)
        _timesheets(ctx, session, people, rules, first, today)
        _adjustments(ctx, session, people)
        work.audit("demo.seed", "time_entry", "*", {"employees": len(people), "entries": count})


# -- set-up --------------------------------------------------------------------------------------------
def _setup(ctx: DemoContext, session: Session, today: date) -> dict:
    """Schedules, the time-off rule set, projects, an organisation day and reviewers (kept if they exist)."""
    schedules = dict(session.execute(select(Schedule.name, Schedule.id)).all())
    for name, week in SCHEDULES.items():
        if week is not None and name not in schedules:
            schedule = Schedule(name=name, week=json.dumps(week), is_default=False, note="")
            session.add(schedule)
            session.flush()
            schedules[name] = schedule.id
    schedules = {name: schedules[name] for name in SCHEDULES if name in schedules}
    toil = session.scalar(select(RuleSet.id).where(RuleSet.code == "CN-TOIL"))
    if toil is None:
        row = RuleSet(code="CN-TOIL", name="休息日调休 Rest days as time off",
                      extended_multiplier=Decimal("1.50"), rest_multiplier=Decimal("2.00"),
                      holiday_multiplier=Decimal("3.00"), in_lieu_multiplier=Decimal("1.00"),
                      rest_day_policy="time_off", is_default=False)
        session.add(row)
        session.flush()
        toil = row.id
    customers = session.scalars(select(Customer.id).order_by(Customer.id).limit(200)).all()
    existing = set(session.scalars(select(Project.code)))
    rows = [{"code": code, "name": name, "customer_id": ctx.rng.choice(customers) if customers and i < 10 else None,
             "active": i != 7, "version": 1} for i, (code, name) in enumerate(PROJECTS) if code not in existing]
    if rows:
        bulk_insert(session, Project, rows)
    party = date(today.year, 1, 23) if date(today.year, 1, 23) < today else date(today.year - 1, 1, 23)
    if session.scalar(select(OrgDay.id).where(OrgDay.day == party)) is None:
        session.add(OrgDay(day=party, kind="day_off", name="公司年会 Annual company party"))
    reviewer = session.scalar(select(User.id).where(User.username == "reviewer"))
    if reviewer is not None:
        have = set(session.scalars(select(TeamReviewer.group_id).where(TeamReviewer.user_id == reviewer)))
        session.add_all([TeamReviewer(group_id=g, user_id=reviewer)
                         for g in session.scalars(select(Group.id)) if g not in have])
    projects = [(code, cid) for code, cid, active in session.execute(
        select(Project.code, Project.customer_id, Project.active)) if active]
    return {"schedules": schedules, "toil": toil, "projects": projects}


def _assign(ctx: DemoContext, session: Session, people, setup: dict, first: date, today: date) -> None:
    """Schedules (one in ten change schedule in mid-month), rule sets, hourly rates with an April raise."""
    rng, names = ctx.rng, list(setup["schedules"])
    assignments, rates = [], []
    raise_day = date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    for person in people:
        main = names[0] if rng.random() < 0.6 else rng.choice(names)
        rule_set = setup["toil"] if rng.random() < 0.15 else None
        start = first - timedelta(days=30)
        if rng.random() < 0.1:
            change = first + timedelta(days=rng.randint(120, 300))
            change = change.replace(day=16)
            other = rng.choice([n for n in names if n != main] or names)
            assignments += [(person.id, setup["schedules"][main], rule_set, start, change - timedelta(days=1)),
                            (person.id, setup["schedules"][other], rule_set, change, None)]
        else:
            assignments.append((person.id, setup["schedules"][main], rule_set, start, None))
        rate = Decimal(rng.choice((95, 110, 120, 135, 150, 165, 180, 210, 240)))
        raised = (rate * Decimal(rng.choice(("1.05", "1.06", "1.08", "1.10")))).quantize(Decimal("1"))
        rates += [(person.id, start, raise_day - timedelta(days=1), rate), (person.id, raise_day, None, raised)]
    bulk_insert(session, ScheduleAssignment, [
        {"user_id": u, "schedule_id": s, "rule_set_id": r, "valid_from": a, "valid_to": b, "version": 1}
        for u, s, r, a, b in assignments])
    bulk_insert(session, HourlyRate, [
        {"user_id": u, "valid_from": a, "valid_to": b, "rate": r.quantize(Decimal("0.01")), "version": 1}
        for u, a, b, r in rates])


def _leave(ctx: DemoContext, session: Session, book: TermsBook, people, first: date, today: date) -> dict:
    """Annual leave in blocks, a few sick days and half days; returns each person's days away."""
    rng = ctx.rng
    kinds = dict(session.execute(select(LeaveType.code, LeaveType.id)).all())
    rows, away = [], defaultdict(set)
    for person in people:
        zone = book.zone(person.id)
        plans = [("annual", rng.randint(1, 5)) for _ in range(rng.randint(1, 3))]
        plans += [("sick", 1) for _ in range(rng.randint(0, 2))] + [("personal", 0)] * rng.randint(0, 1)
        for code, length in plans:
            start = first + timedelta(days=rng.randint(10, DAYS - 12))
            days = [start + timedelta(days=n) for n in range(max(length, 1))]
            if any(d in away[person.id] or d >= today for d in days):
                continue
            if length == 0:  # half a day (the afternoon) of personal leave
                lo = local_midnight(start, zone) + timedelta(hours=13)
                hi = local_midnight(start, zone) + timedelta(hours=18)
            else:
                lo, hi = local_midnight(days[0], zone), local_midnight(days[-1] + timedelta(days=1), zone)
            minutes = sum(book.scheduled(person.id, lo, hi).values())
            if not minutes:
                continue
            rows.append({"user_id": person.id, "leave_type_id": kinds[code], "starts_at": lo, "ends_at": hi,
                         "minutes": minutes, "note": rng.choice(LEAVE_NOTES[code]), "version": 1})
            away[person.id].update(days)
    if rows:
        bulk_insert(session, Leave, rows)
    return away


def _incidents(ctx: DemoContext, session: Session, first: date, today: date) -> list[tuple]:
    """``(opened_at, number, customer id)`` of demo incidents to book on (through incidents' api when active)."""
    rng, count = ctx.rng, max(ctx.scale.get("incidents", 200), 1)
    if ctx.app.has_plugin("incidents"):
        from plugins.incidents.api import incident_summary

        found = []
        for year in range(first.year, today.year + 1):
            for n in sorted(rng.sample(range(1, min(count, 20_000) + 1), min(count, 300))):
                summary = incident_summary(session, f"INC-{year}-{n:06d}")
                if summary is not None:
                    found.append((summary.opened_at, summary.number, summary.customer_id))
        if found:
            return sorted(found)
    start = datetime.combine(first, time(), zone_of("Asia/Shanghai"))
    return sorted((start + timedelta(days=rng.uniform(0, DAYS)), f"INC-{y}-{rng.randint(1, count):06d}", None)
                  for y in (first.year, today.year) for _ in range(150))


def _entries(ctx: DemoContext, session: Session, book: TermsBook, people, leave_days: dict, pool: list[tuple],
             projects: list[tuple], first: date, today: date) -> int:
    """A year of entries and their split, as bulk inserts; returns how many entries."""
    rng = ctx.rng
    opened = [p[0] for p in pool]
    first_id = next_id = (session.scalar(select(func.max(TimeEntry.id))) or 0) + 1
    now = ctx.now
    rows, segments = [], []

    def activity(day_start: datetime, minutes: int) -> tuple[str, str | None, int | None]:
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        if kind == "meeting" and minutes > 120:  # nobody sits in a three-hour stand-up
            kind = rng.choice(("incident", "project", "work_order"))
        if kind in ("incident", "work_order") or (kind == "travel" and rng.random() < 0.5):
            recent = bisect_right(opened, day_start)
            if recent:
                _at, number, customer = pool[rng.randint(max(0, recent - 150), recent - 1)]
                ref = f"{number}-W0{rng.randint(1, 2)}" if kind == "work_order" else number
                return kind, ref, customer
            kind = "meeting"
        if kind == "project" and projects:
            code, customer = rng.choice(projects)
            return kind, code, customer
        return (kind if kind != "project" else "meeting"), None, None

    def add(user_id: int, start: datetime, end: datetime) -> None:
        nonlocal next_id
        if end > now:
            end = now.replace(second=0, microsecond=0)
        if end <= start:
            return
        minutes = int((end - start).total_seconds() // 60)
        kind, ref, customer = activity(start, minutes)
        rows.append({"id": next_id, "user_id": user_id, "starts_at": start, "ends_at": end,
                     "minutes": minutes, "activity_kind": kind, "activity_ref": ref,
                     "customer_id": customer, "note": rng.choice(NOTES[kind]), "version": 1})
        segments.extend(segment_rows(book, next_id, user_id, start, end))
        next_id += 1

    for person in people:
        zone, terms = book.zone(person.id), book.terms(person.id)
        duty = rng.random() < 0.25  # on the holiday duty rota
        for n in range(DAYS + 1):
            day = first + timedelta(days=n)
            if day in leave_days[person.id]:
                continue
            calendar = terms(day).calendar
            midnight = local_midnight(day, zone)
            windows = calendar.windows(day)
            if windows:
                for start, end in windows:
                    _split_window(rng, add, person.id, midnight + timedelta(minutes=start),
                                  midnight + timedelta(minutes=end))
                if rng.random() < 0.12:
                    evening = midnight + timedelta(minutes=windows[-1][1] + 30)
                    add(person.id, evening, evening + timedelta(minutes=rng.choice((90, 120, 150, 180))))
            elif calendar.day_kind(day).value == "statutory_holiday":
                if duty and rng.random() < 0.35:
                    start = midnight + timedelta(hours=9)
                    add(person.id, start, start + timedelta(hours=rng.choice((3, 4, 8))))
            elif rng.random() < 0.04:
                start = midnight + timedelta(hours=9, minutes=30)
                add(person.id, start, start + timedelta(minutes=rng.choice((120, 180, 240, 300))))
        if len(rows) >= CHUNK:
            _flush(session, rows, segments)
            rows, segments = [], []
    _flush(session, rows, segments)
    if session.bind.dialect.name == "postgresql":  # explicit ids leave the serial sequence behind
        session.execute(text("SELECT setval(pg_get_serial_sequence('worktime_time_entry', 'id'), "
                             "(SELECT max(id) FROM worktime_time_entry))"))
    return next_id - first_id


def _split_window(rng, add, user_id: int, start: datetime, end: datetime) -> None:
    """One to three entries filling a scheduled window, cut at quarter hours; now and then a gap."""
    quarters = int((end - start).total_seconds() // 900)
    if quarters < 2:
        add(user_id, start, end)
        return
    cuts = sorted(rng.sample(range(1, quarters), min(rng.choice((0, 1, 1, 2)), quarters - 1)))
    edges = [start, *(start + timedelta(minutes=15 * c) for c in cuts), end]
    for a, b in zip(edges, edges[1:]):
        if rng.random() < 0.04:  # a short unbooked gap
            continue
        add(user_id, a, b)


def _flush(session: Session, rows: list[dict], segments: list[dict]) -> None:
    if rows:
        bulk_insert(session, TimeEntry, rows)
    bulk_insert(session, Segment, segments)


# -- timesheets and adjustments ------------------------------------------------------------------------
def _timesheets(ctx: DemoContext, session: Session, people, rules, first: date, today: date) -> None:
    """Weekly timesheets: approved up to two weeks ago, then a mix; the current week stays open."""
    rng = ctx.rng
    reviewers = reviewers_of(session, {p.id for p in people})
    fallback = session.scalar(select(User.id).where(User.username == "reviewer")) or ctx.actor.user_id
    this_week = week_start(today, rules.week_starts)
    start = week_start(first, rules.week_starts) + timedelta(days=7)
    rows = []
    while start < this_week:
        end = start + timedelta(days=6)
        recent = (this_week - start).days <= 14
        for person in people:
            choices = sorted(reviewers.get(person.id, ())) or [c for c in (fallback, ctx.actor.user_id)
                                                               if c != person.id][:1]
            decider = rng.choice(choices) if choices else None
            status = APPROVED
            if recent:
                status = rng.choices((SUBMITTED, APPROVED, REJECTED, None), (50, 20, 10, 20))[0]
            if status is None or decider is None and status != SUBMITTED:
                continue
            submitted = datetime.combine(end + timedelta(days=rng.randint(0, 2)), time(17, rng.randint(0, 59)),
                                         zone_of(person.timezone))
            decided = submitted + timedelta(days=rng.uniform(0.2, 3))
            rows.append({"user_id": person.id, "period": "week", "starts_on": start, "ends_on": end,
                         "status": status, "submitted_at": min(submitted, ctx.now),
                         "decided_at": min(decided, ctx.now) if status != SUBMITTED else None,
                         "decided_by_id": decider if status != SUBMITTED else None,
                         "comment": rng.choice(REJECTIONS) if status == REJECTED else
                         ("" if rng.random() < 0.9 else "辛苦了"), "version": 1})
        start += timedelta(days=7)
    bulk_insert(session, Timesheet, rows)


def _adjustments(ctx: DemoContext, session: Session, people) -> None:
    """A few corrections of approved weeks: most approved already, some waiting for review."""
    rng = ctx.rng
    sheets = session.execute(select(Timesheet.id, Timesheet.user_id, Timesheet.starts_on, Timesheet.decided_by_id)
                             .where(Timesheet.status == APPROVED, Timesheet.user_id.in_([p.id for p in people]))
                             .order_by(Timesheet.starts_on.desc()).limit(len(people) * 6)).all()
    rows = []
    for sheet in rng.sample(sheets, min(len(sheets), max(3, len(people) // 4))):
        zone = zone_of("Asia/Shanghai")
        entry = session.execute(select(TimeEntry.id, TimeEntry.starts_at, TimeEntry.ends_at, TimeEntry.activity_kind,
                                       TimeEntry.activity_ref, TimeEntry.note)
                                .where(TimeEntry.user_id == sheet.user_id,
                                       TimeEntry.starts_at >= local_midnight(sheet.starts_on, zone),
                                       TimeEntry.starts_at < local_midnight(sheet.starts_on + timedelta(days=5), zone))
                                .limit(1)).first()
        if entry is None:
            continue
        pending = rng.random() < 0.5
        requested = datetime.combine(sheet.starts_on + timedelta(days=9), time(10), zone)
        rows.append({"user_id": sheet.user_id, "timesheet_id": sheet.id, "action": "change", "entry_id": entry.id,
                     "starts_at": entry.starts_at, "ends_at": entry.ends_at + timedelta(minutes=30),
                     "activity_kind": entry.activity_kind, "activity_ref": entry.activity_ref, "note": entry.note,
                     "reason": rng.choice(REASONS), "status": "pending" if pending else "rejected",
                     "requested_by_id": sheet.user_id, "requested_at": requested,
                     "decided_by_id": None if pending else sheet.decided_by_id,
                     "decided_at": None if pending else requested + timedelta(days=1),
                     "comment": "" if pending else f"{period_label(sheet.starts_on, sheet.starts_on + timedelta(6))} "
                                                   "已结算，不再调整", "version": 1})
    if rows:
        bulk_insert(session, Adjustment, rows)
