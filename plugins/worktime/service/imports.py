"""Spreadsheet imports (CSV or XLSX, through ``console.api.tables``): time entries, schedules, assignments.

All or nothing: every row is checked (its cells, then the rules a single save would apply,
then overlaps inside the file itself) and any problem refuses the whole file with every
problem's row number and column; otherwise everything is written in one transaction.
Headers may be the English titles, the keys or the Chinese names below.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from console.api import Actor, AppContext, PermissionDenied, ServiceError, User, ValidationError, tables
from plugins.worktime.models import ACTIVITY_KINDS, RuleSet, Schedule, TimeEntry
from plugins.worktime.periods import parse_minutes
from plugins.worktime.service import activities
from plugins.worktime.service.common import EDIT, MANAGE, person_zone, policy, require_recorder
from plugins.worktime.service.entries import Draft, check_slot, draft, emit_entry, resplit
from plugins.worktime.service.setup import DAY_KEYS, check_week, parse_windows, store_assignment, store_schedule

#: A naive cell's placeholder zone: replaced by the person's own time zone.
_LOCAL = timezone(timedelta(0), "local")
ACTIVITY_NAMES = {
    **{k: k for k in ACTIVITY_KINDS},
    "work order": "work_order", "事件": "incident", "工作单": "work_order", "项目": "project", "会议": "meeting",
    "培训": "training", "差旅": "travel", "出差": "travel",
}
DAY_NAMES = {**{k: k for k in DAY_KEYS},
             **dict(zip(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), DAY_KEYS)),
             **dict(zip(("周一", "周二", "周三", "周四", "周五", "周六", "周日"), DAY_KEYS)),
             **dict(zip(("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"), DAY_KEYS))}


ENTRY_FIELDS = {"starts_at": "start", "ends_at": "end", "minutes": "duration", "activity_kind": "activity",
                "activity_ref": "reference", "user_id": "person"}


def _duration(value: Any) -> int:
    """A duration cell: ``1:30``, ``1.5`` (hours), ``90m``, or an Excel time or duration."""
    if isinstance(value, time):
        return value.hour * 60 + value.minute
    if isinstance(value, timedelta):
        return int(value.total_seconds() // 60)
    return parse_minutes(str(value))


ENTRY_COLUMNS = (
    tables.TableColumn("person", "Person", ("username", "user", "人员", "用户名", "工号"), True, tables.text(128)),
    tables.TableColumn("start", "Start", ("starts_at", "开始", "开始时间"), True, tables.local_datetime(_LOCAL)),
    tables.TableColumn("end", "End", ("ends_at", "结束", "结束时间"), False, tables.local_datetime(_LOCAL)),
    tables.TableColumn("duration", "Duration", ("minutes", "时长", "工时"), False, _duration),
    tables.TableColumn("activity", "Activity", ("kind", "活动", "类型"), True, tables.choice(ACTIVITY_NAMES)),
    tables.TableColumn("reference", "Reference", ("ref", "关联编号", "编号"), False, tables.text(64)),
    tables.TableColumn("note", "Note", ("备注", "说明"), False, tables.text(2000)),
)
SCHEDULE_COLUMNS = (
    tables.TableColumn("schedule", "Schedule", ("name", "时间表", "工作时间表"), True, tables.text(128)),
    tables.TableColumn("day", "Day", ("weekday", "星期"), True, tables.choice(DAY_NAMES)),
    tables.TableColumn("windows", "Windows", ("hours", "工作时段", "时段"), False, tables.text(200)),
)
ASSIGNMENT_COLUMNS = (
    tables.TableColumn("person", "Person", ("username", "user", "人员", "用户名", "工号"), True, tables.text(128)),
    tables.TableColumn("schedule", "Schedule", ("时间表", "工作时间表"), True, tables.text(128)),
    tables.TableColumn("valid_from", "Valid from", ("from", "生效日期", "开始日期"), True, tables.parse_date),
    tables.TableColumn("valid_to", "Valid to", ("to", "失效日期", "结束日期"), False, tables.parse_date),
    tables.TableColumn("rule_set", "Rule set", ("规则", "加班规则"), False, tables.text(32)),
)


def _people(session, names: set[str]) -> dict[str, User]:
    """Active users by user name or exact display name."""
    found = {}
    for user in session.scalars(select(User).where(or_(User.username.in_(names), User.display_name.in_(names)),
                                                   User.is_active.is_(True)).order_by(User.id).with_for_update()):
        found.setdefault(user.username, user)
        found.setdefault(user.display_name, user)
    return found


def _person(people: dict[str, User], name: str) -> User:
    """The person a row names, or the problem of that row."""
    if name not in people:
        raise ValidationError(f"“{name}” is not an active user; use the user name.", "person")
    return people[name]


def _localise(moment: datetime | None, zone) -> datetime | None:
    return moment.replace(tzinfo=zone) if moment is not None and moment.tzinfo is _LOCAL else moment


def import_entries(app: AppContext, actor: Actor, path: Path | str) -> int:
    """Import time entries; returns how many. Rows for other people follow the same rules as recording them."""
    rows = tables.read_table(path, ENTRY_COLUMNS)
    problems = tables.Problems(path, ENTRY_COLUMNS)
    rules = policy(app)
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        people = _people(session, {values["person"] for _n, values in rows})
        accepted: list[tuple[int, User, Draft, activities.Activity]] = []
        for number, values in rows:
            with problems.row(number), _entry_columns():
                person = _person(people, values["person"])
                try:
                    require_recorder(session, actor, person)
                except PermissionDenied as error:
                    raise ValidationError(str(error), "person") from None
                zone = person_zone(person)
                entry = draft(_localise(values["start"], zone), _localise(values["end"], zone), values["duration"],
                              values["activity"], values["reference"], values["note"])
                activity = activities.resolve(app, session, entry.kind, entry.ref)
                check_slot(session, person, entry.starts_at, entry.ends_at)
                accepted.append((number, person, entry, activity))
        _file_overlaps(accepted, problems)
        problems.raise_if_any()
        added = [TimeEntry(user_id=p.id, starts_at=e.starts_at, ends_at=e.ends_at, minutes=e.minutes,
                           activity_kind=a.kind, activity_ref=a.ref, customer_id=a.customer_id, note=e.note)
                 for _n, p, e, a in accepted]
        session.add_all(added)
        session.flush()
        resplit(session, rules, added)
        work.audit("time_entry.import", "time_entry", "*", {"file": Path(path).name, "entries": len(added)})
        for row in added:
            emit_entry(work, "worktime.entry_added", row, row.user_id)
    return len(added)


@contextmanager
def _entry_columns():
    """Name the file's columns in a rule's error (the rules name their own fields)."""
    try:
        yield
    except ValidationError as error:
        raise ValidationError(str(error), ENTRY_FIELDS.get(error.field, error.field)) from None


def _file_overlaps(accepted, problems: tables.Problems) -> None:
    """Rows of one person in the file that overlap each other."""
    by_person = defaultdict(list)
    for number, person, entry, _a in accepted:
        by_person[person.id].append((entry.starts_at, entry.ends_at, number))
    for spans in by_person.values():
        spans.sort()
        for (s1, e1, n1), (s2, _e2, n2) in zip(spans, spans[1:]):
            if s2 < e1:
                problems.add(n2, "start", f"overlaps row {n1} of this file for the same person.")


def import_schedules(app: AppContext, actor: Actor, path: Path | str) -> int:
    """Import schedules, one row per schedule and weekday (``Windows`` like ``09:00-12:00, 13:00-18:00``;
    empty for a day off). A schedule named like an existing one replaces its windows. Returns how many."""
    rows = tables.read_table(path, SCHEDULE_COLUMNS)
    problems = tables.Problems(path, SCHEDULE_COLUMNS)
    weeks: dict[str, dict[str, list]] = defaultdict(dict)
    rows_of: dict[str, dict[str, int]] = defaultdict(dict)  # the row of each schedule's day
    for number, values in rows:
        name, day = values["schedule"], values["day"]
        with problems.row(number):
            if day in rows_of[name]:
                raise ValidationError(f"{day} of “{name}” is given twice; keep one row per day.", "day")
            rows_of[name][day] = number
            weeks[name][day] = parse_windows(values["windows"] or "", "windows")
    checked = {}
    for name, week in weeks.items():
        try:
            checked[name] = check_week(week)
        except ValidationError as error:
            row = rows_of[name].get(error.field, min(rows_of[name].values()))
            problems.add(row, "windows", f"“{name}”: {error}")
    problems.raise_if_any()
    rules = policy(app)
    with app.unit_of_work(actor, MANAGE) as work:
        session = work.session
        for name, week in checked.items():
            existing = session.scalar(select(Schedule).where(Schedule.name == name))
            with problems.row(min(rows_of[name].values())):
                store_schedule(session, rules, name=name, week=week, note=existing.note if existing else "",
                               is_default=bool(existing and existing.is_default),
                               schedule_id=existing.id if existing else None)
        problems.raise_if_any()
        work.audit("schedule.import", "schedule", "*", {"file": Path(path).name, "schedules": len(checked)})
    return len(checked)


def import_assignments(app: AppContext, actor: Actor, path: Path | str) -> int:
    """Import who works which schedule from when (and under which rule set); returns how many rows."""
    rows = tables.read_table(path, ASSIGNMENT_COLUMNS)
    problems = tables.Problems(path, ASSIGNMENT_COLUMNS)
    rules = policy(app)
    with app.unit_of_work(actor, MANAGE) as work:
        session = work.session
        people = _people(session, {values["person"] for _n, values in rows})
        schedules = dict(session.execute(select(Schedule.name, Schedule.id)).all())
        rule_sets = dict(session.execute(select(RuleSet.code, RuleSet.id)).all())
        for number, values in sorted(rows, key=lambda r: (r[1]["person"], r[1]["valid_from"])):
            with problems.row(number):
                person = _person(people, values["person"])
                if values["schedule"] not in schedules:
                    raise ValidationError(f"There is no schedule “{values['schedule']}”.", "schedule")
                code = values["rule_set"]
                if code and code not in rule_sets:
                    raise ValidationError(f"There is no rule set {code}; use one of {', '.join(rule_sets)}.",
                                          "rule_set")
                try:
                    with session.begin_nested():
                        store_assignment(session, rules, person, schedule_id=schedules[values["schedule"]],
                                         valid_from=values["valid_from"], valid_to=values["valid_to"],
                                         rule_set_id=rule_sets.get(code) if code else None)
                except ServiceError as error:
                    raise ValidationError(str(error), getattr(error, "field", None) or "valid_from") from None
        problems.raise_if_any()
        work.audit("schedule.import_assignments", "schedule_assignment", "*",
                   {"file": Path(path).name, "rows": len(rows)})
    return len(rows)
