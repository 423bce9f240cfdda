"""Set-up (``worktime.manage``; rates need ``worktime.rates``): schedules, who works which one when,
rule sets, hourly rates, projects, leave types, the organisation's own days and team reviewers.

Every change that moves a minute into another bucket or changes a cost splits the affected
open entries again in the same transaction (``resplit``); approved periods keep theirs.
Dated rows (assignments, rates) never overlap for one person: a new one starting inside an
open-ended one ends that one the day before, as people expect ("from the 16th she works shifts").
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, Customer, Group, NotFound, ValidationError, as_decimal
from plugins.worktime.models import (
    ORG_DAY_KINDS,
    REST_POLICIES,
    HourlyRate,
    LeaveType,
    OrgDay,
    Project,
    RuleSet,
    Schedule,
    ScheduleAssignment,
    TeamReviewer,
)
from plugins.worktime.service.common import (
    MANAGE,
    RATES,
    Policy,
    check_version,
    clean_note,
    load_person,
    person_zone,
    policy,
)
from plugins.worktime.service.resplit import resplit_open
from plugins.worktime.split import local_midnight

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WINDOW = re.compile(r"(\d{1,2}):(\d{2})\s*[-–~至到]\s*(\d{1,2}):(\d{2})")
_CODE = re.compile(r"[^\s]{1,32}")
MAX_RATE = Decimal("100000")


# -- schedules -----------------------------------------------------------------------------------
def parse_windows(text: str, day: str = "") -> list[list[str]]:
    """``"09:00-12:00, 13:00-18:00"`` as calendar windows ``[["09:00", "12:00"], ["13:00", "18:00"]]``."""
    windows = []
    for part in re.split(r"[,;，；\s]+(?=\d)", (text or "").strip()):
        if not part:
            continue
        m = _WINDOW.fullmatch(part.strip())
        if not m:
            raise ValidationError(f"{day or 'Windows'}: “{part}” is not a window; write 09:00-12:00, 13:00-18:00.",
                                  day or "week")
        windows.append([f"{int(m[1]):02d}:{m[2]}", f"{int(m[3]):02d}:{m[4]}"])
    return windows


def format_windows(windows: list[list[str]]) -> str:
    """Calendar windows as people type them: ``09:00-12:00, 13:00-18:00``."""
    return ", ".join(f"{s}-{e}" for s, e in windows)


def check_week(week: dict) -> dict:
    """A schedule's week as a calendar document holds it; a bad window is refused with the calendar's words."""
    from console.api import BusinessCalendar, CalendarError

    week = {day: [list(w) for w in week.get(day) or []] for day in DAY_KEYS if week.get(day)}
    if not week:
        raise ValidationError("A schedule needs at least one working window, e.g. mon 09:00-18:00.", "week")
    try:
        BusinessCalendar.from_dict({"name": "check", "timezone": "UTC", "week": week})
    except CalendarError as error:
        field = str(error).split(".")[1].split("[")[0].split(":")[0] if str(error).startswith("week.") else "week"
        raise ValidationError(f"{error}.", field if field in DAY_KEYS else "week") from None
    return week


def _users_of_schedule(session: Session, schedule: Schedule) -> set[int] | None:
    """Whose split a schedule change can move: its assignees, or everyone for the default schedule."""
    if schedule.is_default:
        return None
    return set(session.scalars(select(ScheduleAssignment.user_id).where(ScheduleAssignment.schedule_id == schedule.id)))


def store_schedule(session: Session, rules: Policy, *, name: str, week: dict, note: str, is_default: bool,
                   schedule_id: int | None = None, expected_version: int | None = None) -> Schedule:
    """Create or change a schedule inside the caller's transaction (``name``, ``week`` and ``note`` checked)."""
    schedule = _target(session, Schedule, schedule_id, expected_version, "This schedule", Schedule.name, name,
                       f"A schedule named “{name}” exists")
    affected_before = _users_of_schedule(session, schedule) if schedule.id else set()
    changed = json.loads(schedule.week or "{}") != week or bool(schedule.is_default) != bool(is_default)
    if is_default:
        session.execute(update(Schedule).where(Schedule.is_default.is_(True)).values(is_default=False)
                        .execution_options(synchronize_session=False))
    elif schedule.is_default:
        raise ValidationError("Make another schedule the default first; there is always one default schedule.",
                              "is_default")
    schedule.name, schedule.week, schedule.note, schedule.is_default = name, json.dumps(week), note, is_default
    session.flush()
    if changed:
        affected = _users_of_schedule(session, schedule)
        resplit_open(session, rules, user_ids=None if affected is None or affected_before is None
                     else affected | affected_before)
    return schedule


def save_schedule(app: AppContext, actor: Actor, *, name: str, week: dict, note: str = "", is_default: bool = False,
                  schedule_id: int | None = None, expected_version: int | None = None) -> int:
    """Create or change a schedule (weekly windows); returns its id. Changed windows re-split open entries."""
    name = _name(name, "name", "schedule name")
    week, note, rules = check_week(week), clean_note(note), policy(app)
    with app.unit_of_work(actor, MANAGE) as work:
        schedule = store_schedule(work.session, rules, name=name, week=week, note=note, is_default=is_default,
                                  schedule_id=schedule_id, expected_version=expected_version)
        work.audit("schedule.save", "schedule", schedule.id, {"name": name, "week": week, "default": is_default})
    return schedule.id


# -- dated rows: assignments and rates --------------------------------------------------------------
def _insert_dated(session: Session, model, user_id: int, valid_from: date, valid_to: date | None, what: str) -> None:
    """Make room for a new dated row ``valid_from``..``valid_to``: a row starting inside it is refused; a row
    covering its start ends the day before, and resumes the day after a bounded new row (a temporary change)."""
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError("The end date is before the start date.", "valid_to")
    rows = list(session.scalars(select(model).where(model.user_id == user_id).with_for_update()))
    for row in rows:
        if row.valid_from >= valid_from and (valid_to is None or row.valid_from <= valid_to):
            raise ValidationError(f"This {what} overlaps the one starting {row.valid_from}; "
                                  "end it before that day or change that one instead.", "valid_to")
    for row in rows:
        if row.valid_from < valid_from <= (row.valid_to or date.max):
            resumes = valid_to is not None and (row.valid_to is None or row.valid_to > valid_to)
            if resumes:
                copy = {c.key: getattr(row, c.key) for c in model.__table__.columns if c.key not in ("id", "version")}
                session.add(model(**{**copy, "valid_from": valid_to + timedelta(days=1)}))
            row.valid_to = valid_from - timedelta(days=1)


def _resplit_person(session: Session, rules: Policy, person, first: date, last: date | None) -> None:
    zone = person_zone(person)
    resplit_open(session, rules, user_ids={person.id}, since=local_midnight(first, zone),
                 until=local_midnight(last + timedelta(days=1), zone) if last else None)


def store_assignment(session: Session, rules: Policy, person, *, schedule_id: int, valid_from: date,
                     valid_to: date | None = None, rule_set_id: int | None = None) -> ScheduleAssignment:
    """Assign a schedule (and rule set) to a person from ``valid_from`` inside the caller's transaction."""
    if session.get(Schedule, schedule_id) is None:
        raise ValidationError("Pick a schedule from the list.", "schedule_id")
    if rule_set_id is not None and session.get(RuleSet, rule_set_id) is None:
        raise ValidationError("Pick a rule set from the list, or leave it empty for the default.", "rule_set_id")
    _insert_dated(session, ScheduleAssignment, person.id, valid_from, valid_to, "schedule assignment")
    row = ScheduleAssignment(user_id=person.id, schedule_id=schedule_id, rule_set_id=rule_set_id,
                             valid_from=valid_from, valid_to=valid_to)
    session.add(row)
    session.flush()
    _resplit_person(session, rules, person, valid_from, valid_to)
    return row


def assign_schedule(app: AppContext, actor: Actor, *, user_id: int, schedule_id: int, valid_from: date,
                    valid_to: date | None = None, rule_set_id: int | None = None) -> int:
    """Let a person work ``schedule_id`` (under ``rule_set_id``, or the default) from ``valid_from``; returns its id."""
    rules = policy(app)
    with app.unit_of_work(actor, MANAGE) as work:
        person = load_person(work.session, user_id, lock=True)
        row = store_assignment(work.session, rules, person, schedule_id=schedule_id, valid_from=valid_from,
                               valid_to=valid_to, rule_set_id=rule_set_id)
        work.audit("schedule.assign", "schedule_assignment", row.id,
                   {"user": person.username, "schedule": schedule_id, "rule_set": rule_set_id,
                    "from": valid_from.isoformat(), "to": valid_to.isoformat() if valid_to else None})
    return row.id


def set_rate(app: AppContext, actor: Actor, *, user_id: int, valid_from: date, rate, valid_to: date | None = None) -> int:
    """A person's hourly cost rate from ``valid_from`` (Decimal, two places); returns its id."""
    try:
        rate = as_decimal(rate)  # a float is a programming error (TypeError), never silently rounded
    except (ArithmeticError, ValueError):
        raise ValidationError("Type the hourly rate as a number, e.g. 180.00.", "rate") from None
    if not rate.is_finite() or rate <= 0 or rate >= MAX_RATE or rate != rate.quantize(Decimal("0.01")):
        raise ValidationError("An hourly rate is more than 0 and below 100,000, with at most two decimals.", "rate")
    rules = policy(app)
    with app.unit_of_work(actor, RATES) as work:
        session = work.session
        person = load_person(session, user_id, lock=True)
        _insert_dated(session, HourlyRate, person.id, valid_from, valid_to, "rate")
        row = HourlyRate(user_id=person.id, valid_from=valid_from, valid_to=valid_to, rate=rate)
        session.add(row)
        session.flush()
        _resplit_person(session, rules, person, valid_from, valid_to)
        work.audit("rate.set", "hourly_rate", row.id, {"user": person.username, "rate": str(rate),
                                                       "from": valid_from.isoformat()})
    return row.id


def delete_dated(app: AppContext, actor: Actor, model, row_id: int, *, expected_version: int | None) -> None:
    """Remove an assignment (``ScheduleAssignment``, needs ``worktime.manage``) or a rate (``HourlyRate``,
    needs ``worktime.rates``); the person's open entries of its dates are split again."""
    if model not in (ScheduleAssignment, HourlyRate):
        raise ValueError(f"{model} is not a dated set-up row")
    rules = policy(app)
    with app.unit_of_work(actor, RATES if model is HourlyRate else MANAGE) as work:
        session = work.session
        row = session.get(model, row_id)
        if row is None:
            raise NotFound("This row no longer exists.")
        check_version(row, expected_version, "This row")
        person = load_person(session, row.user_id, lock=True)
        first, last = row.valid_from, row.valid_to
        session.delete(row)
        session.flush()
        _resplit_person(session, rules, person, first, last)
        work.audit(f"{model.__tablename__.removeprefix('worktime_')}.delete", model.__tablename__, row_id,
                   {"user": person.username, "from": first.isoformat()})


# -- rule sets -----------------------------------------------------------------------------------------
def _multiplier(value, field: str, low: str = "1.00") -> Decimal:
    try:
        number = as_decimal(value)
    except (ArithmeticError, ValueError):
        number = None
    if number is None or not number.is_finite() or not Decimal(low) <= number <= Decimal("9.99") \
            or number != number.quantize(Decimal("0.01")):
        raise ValidationError(f"A multiplier is between {low} and 9.99 with at most two decimals, e.g. 1.50.", field)
    return number


def save_rule_set(app: AppContext, actor: Actor, *, code: str, name: str, extended_multiplier, rest_multiplier,
                  holiday_multiplier, in_lieu_multiplier="1.00", rest_day_policy: str = "pay",
                  is_default: bool = False, rule_set_id: int | None = None,
                  expected_version: int | None = None) -> int:
    """Create or change a rule set; returns its id. Open entries under it are split again."""
    code, name = _code(code), _name(name, "name", "rule set name")
    values = {"extended_multiplier": _multiplier(extended_multiplier, "extended_multiplier"),
              "rest_multiplier": _multiplier(rest_multiplier, "rest_multiplier"),
              "holiday_multiplier": _multiplier(holiday_multiplier, "holiday_multiplier"),
              "in_lieu_multiplier": _multiplier(in_lieu_multiplier, "in_lieu_multiplier", "0.00")}
    if rest_day_policy not in REST_POLICIES:
        raise ValidationError("The rest-day policy is pay or time_off.", "rest_day_policy")
    rules = policy(app)
    with app.unit_of_work(actor, MANAGE) as work:
        session = work.session
        row = _target(session, RuleSet, rule_set_id, expected_version, "This rule set", RuleSet.code, code,
                      f"A rule set with the code {code} exists")
        if is_default:
            session.execute(update(RuleSet).where(RuleSet.is_default.is_(True)).values(is_default=False)
                            .execution_options(synchronize_session=False))
        elif row.is_default:
            raise ValidationError("Make another rule set the default first; there is always one default.",
                                  "is_default")
        row.code, row.name, row.rest_day_policy, row.is_default = code, name, rest_day_policy, is_default
        for key, value in values.items():
            setattr(row, key, value)
        session.flush()
        users = None if is_default else set(session.scalars(select(ScheduleAssignment.user_id)
                                                            .where(ScheduleAssignment.rule_set_id == row.id)))
        if rule_set_id is not None or is_default:
            resplit_open(session, rules, user_ids=users)
        work.audit("rule_set.save", "rule_set", row.id, {"code": code, "policy": rest_day_policy,
                                                        **{k: str(v) for k, v in values.items()}})
    return row.id


# -- projects, leave types, organisation days, reviewers -------------------------------------------------
def save_project(app: AppContext, actor: Actor, *, code: str, name: str, customer_id: int | None = None,
                 active: bool = True, project_id: int | None = None, expected_version: int | None = None) -> int:
    """Create or change a project time is booked on; returns its id."""
    code, name = _code(code), _name(name, "name", "project name", 255)
    with app.unit_of_work(actor, MANAGE) as work:
        session = work.session
        if customer_id is not None and session.get(Customer, customer_id) is None:
            raise ValidationError("Pick the customer from the list, or leave it empty.", "customer_id")
        row = _target(session, Project, project_id, expected_version, "This project", Project.code, code,
                      f"A project with the code {code} exists")
        if row.code != code:
            raise ValidationError("A project's code cannot change once time may be booked on it; "
                                  "close it and create a new one.", "code")
        row.name, row.customer_id, row.active = name, customer_id, active
        session.flush()
        work.audit("project.save", "project", row.id, {"code": code, "name": name, "active": active})
    return row.id


def save_leave_type(app: AppContext, actor: Actor, *, code: str, name: str, paid: bool = True,
                    uses_in_lieu: bool = False, leave_type_id: int | None = None,
                    expected_version: int | None = None) -> int:
    """Create or change a leave type; returns its id."""
    code, name = _code(code), _name(name, "name", "leave type name")
    with app.unit_of_work(actor, MANAGE) as work:
        session = work.session
        row = _target(session, LeaveType, leave_type_id, expected_version, "This leave type", LeaveType.code, code,
                      f"A leave type {code} exists")
        row.code, row.name, row.paid, row.uses_in_lieu = code, name, paid, uses_in_lieu
        session.flush()
        work.audit("leave_type.save", "leave_type", row.id, {"code": code, "name": name})
    return row.id


def save_org_day(app: AppContext, actor: Actor, *, day: date, kind: str, name: str) -> int:
    """Add (or change) one of the organisation's own days; open entries of that day are split again."""
    if kind not in ORG_DAY_KINDS:
        raise ValidationError(f"'{kind}' is not a kind of day; use {', '.join(ORG_DAY_KINDS)}.", "kind")
    name, rules = _name(name, "name", "name of the day"), policy(app)
    with app.unit_of_work(actor, MANAGE) as work:
        session = work.session
        row = session.scalar(select(OrgDay).where(OrgDay.day == day).with_for_update())
        if row is None:
            row = OrgDay(day=day)
            session.add(row)
        row.kind, row.name = kind, name
        session.flush()
        _resplit_day(session, rules, day)
        work.audit("org_day.save", "org_day", row.id, {"day": day.isoformat(), "kind": kind, "name": name})
    return row.id


def delete_org_day(app: AppContext, actor: Actor, org_day_id: int, *, expected_version: int | None) -> None:
    """Remove one of the organisation's own days; open entries of that day are split again."""
    rules = policy(app)
    with app.unit_of_work(actor, MANAGE) as work:
        session = work.session
        row = session.get(OrgDay, org_day_id)
        if row is None:
            raise NotFound("This day is no longer in the list.")
        check_version(row, expected_version, "This day")
        day = row.day
        session.delete(row)
        session.flush()
        _resplit_day(session, rules, day)
        work.audit("org_day.delete", "org_day", org_day_id, {"day": day.isoformat()})


def _resplit_day(session: Session, rules: Policy, day: date) -> None:
    """Split again everyone's open entries touching ``day`` (any time zone: a day's margin each side)."""
    lo = datetime.combine(day - timedelta(days=1), datetime.min.time(), timezone.utc)
    resplit_open(session, rules, since=lo, until=lo + timedelta(days=3))


def set_team_reviewer(app: AppContext, actor: Actor, *, group_id: int, user_id: int, reviews: bool = True) -> None:
    """Make ``user_id`` a reviewer of the team ``group_id`` besides its lead (or stop, with ``reviews=False``)."""
    with app.unit_of_work(actor, MANAGE) as work:
        session = work.session
        if session.get(Group, group_id) is None:
            raise ValidationError("Pick a team from the list.", "group_id")
        person = load_person(session, user_id)
        row = session.get(TeamReviewer, (group_id, user_id))
        if reviews and row is None:
            session.add(TeamReviewer(group_id=group_id, user_id=user_id))
        elif not reviews and row is not None:
            session.delete(row)
        work.audit("team_reviewer.set", "group", group_id, {"user": person.username, "reviews": reviews})


# -- helpers -----------------------------------------------------------------------------------------
def _edit(session: Session, model, row_id: int | None, expected_version: int | None, what: str):
    """The row being edited (``None`` for a new one), checked against the version the form loaded."""
    if row_id is None:
        return None
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(f"{what} no longer exists.")
    check_version(row, expected_version, what)
    return row


def _target(session: Session, model, row_id: int | None, expected_version: int | None, what: str, column, value,
            clash: str):
    """The row a save writes: the one being edited (at the version the form loaded) or a new one; refuses a
    ``value`` of the unique ``column`` that another row has (``clash`` says so)."""
    row = _edit(session, model, row_id, expected_version, what)
    other = session.scalar(select(model.id).where(column == value))
    if other is not None and other != row_id:
        raise ValidationError(f"{clash}; choose another.", column.key)
    if row is None:
        row = model(**{column.key: value})
        session.add(row)
    return row


def _code(code: str | None) -> str:
    code = (code or "").strip()
    if not _CODE.fullmatch(code):
        raise ValidationError("A code has 1 to 32 characters and no spaces, e.g. PRJ-2026-ERP.", "code")
    return code


def _name(value: str | None, field: str, label: str, limit: int = 128) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise ValidationError(f"Enter the {label}.", field)
    if len(value) > limit:
        raise ValidationError(f"The {label} is {len(value)} characters long; shorten it to {limit}.", field)
    return value
