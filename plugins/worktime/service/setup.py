"""Set-up of time (``worktime.manage``; rates need ``worktime.rates``): schedules, who works which one
when, and hourly rates. The other set-up lists are in ``catalogue``.

Every change that moves a minute into another bucket or changes a cost splits the affected
open entries again in the same transaction (``resplit``); approved periods keep theirs.
Dated rows (assignments, rates) never overlap for one person: a new one starting inside an
open-ended one ends that one the day before, as people expect ("from the 16th she works shifts").
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, NotFound, ValidationError, as_decimal
from plugins.worktime.models import HourlyRate, RuleSet, Schedule, ScheduleAssignment
from plugins.worktime.service.common import (
    MANAGE,
    RATES,
    Policy,
    check_version,
    clean_name,
    clean_note,
    load_person,
    person_zone,
    policy,
    saved_row,
)
from plugins.worktime.service.resplit import resplit_open
from plugins.worktime.split import local_midnight

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WINDOW = re.compile(r"(\d{1,2}):(\d{2})\s*[-–~至到]\s*(\d{1,2}):(\d{2})")
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
    schedule = saved_row(session, Schedule, schedule_id, expected_version, "This schedule", Schedule.name, name,
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
    name = clean_name(name, "name", "schedule name")
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


def set_rate(app: AppContext, actor: Actor, *, user_id: int, valid_from: date, rate,
             valid_to: date | None = None) -> int:
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
