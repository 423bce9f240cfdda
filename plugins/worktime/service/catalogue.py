"""Set-up lists (``worktime.manage``): rule sets, projects, leave types, the organisation's own days and
team reviewers. Changing a rule set or an organisation day splits the affected open entries again.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, Customer, Group, NotFound, ValidationError, as_decimal
from plugins.worktime.models import ORG_DAY_KINDS, REST_POLICIES, LeaveType, OrgDay, Project, RuleSet, \
    ScheduleAssignment, TeamReviewer
from plugins.worktime.service.common import (
    MANAGE,
    Policy,
    check_version,
    clean_code,
    clean_name,
    load_person,
    policy,
    saved_row,
)
from plugins.worktime.service.resplit import resplit_open


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
    code, name = clean_code(code), clean_name(name, "name", "rule set name")
    values = {"extended_multiplier": _multiplier(extended_multiplier, "extended_multiplier"),
              "rest_multiplier": _multiplier(rest_multiplier, "rest_multiplier"),
              "holiday_multiplier": _multiplier(holiday_multiplier, "holiday_multiplier"),
              "in_lieu_multiplier": _multiplier(in_lieu_multiplier, "in_lieu_multiplier", "0.00")}
    if rest_day_policy not in REST_POLICIES:
        raise ValidationError("The rest-day policy is pay or time_off.", "rest_day_policy")
    rules = policy(app)
    with app.unit_of_work(actor, MANAGE) as work:
        session = work.session
        row = saved_row(session, RuleSet, rule_set_id, expected_version, "This rule set", RuleSet.code, code,
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
    code, name = clean_code(code), clean_name(name, "name", "project name", 255)
    with app.unit_of_work(actor, MANAGE) as work:
        session = work.session
        if customer_id is not None and session.get(Customer, customer_id) is None:
            raise ValidationError("Pick the customer from the list, or leave it empty.", "customer_id")
        row = saved_row(session, Project, project_id, expected_version, "This project", Project.code, code,
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
    code, name = clean_code(code), clean_name(name, "name", "leave type name")
    with app.unit_of_work(actor, MANAGE) as work:
        session = work.session
        row = saved_row(session, LeaveType, leave_type_id, expected_version, "This leave type", LeaveType.code, code,
                      f"A leave type {code} exists")
        row.code, row.name, row.paid, row.uses_in_lieu = code, name, paid, uses_in_lieu
        session.flush()
        work.audit("leave_type.save", "leave_type", row.id, {"code": code, "name": name})
    return row.id


def save_org_day(app: AppContext, actor: Actor, *, day: date, kind: str, name: str) -> int:
    """Add (or change) one of the organisation's own days; open entries of that day are split again."""
    if kind not in ORG_DAY_KINDS:
        raise ValidationError(f"'{kind}' is not a kind of day; use {', '.join(ORG_DAY_KINDS)}.", "kind")
    name, rules = clean_name(name, "name", "name of the day"), policy(app)
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
