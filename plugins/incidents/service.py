"""Incident rules: opening (validated, numbered per year), status changes (kept as history), dispatch.

Qt-free: the GUI, the CLI, jobs and tests call these. Every write runs in
``app.unit_of_work(actor, "incidents.edit")``; events are published after commit.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console.api import (
    Actor,
    AppContext,
    Asset,
    Context,
    Customer,
    Group,
    NotFound,
    SearchHit,
    Site,
    User,
    ValidationError,
    get_setting,
    utcnow,
)
from plugins.incidents.models import (
    CHANNELS,
    DONE_STATUSES,
    LEVELS,
    PENDING_REASONS,
    STATUSES,
    Incident,
    NumberSequence,
    StatusChange,
)

EDIT = "incidents.edit"
PAGE_ID = "incidents.list"

#: The default status flow (DOMAIN.md): new → assigned → in progress ⇄ pending → resolved → closed.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("assigned",),
    "assigned": ("in_progress",),
    "in_progress": ("pending", "resolved"),
    "pending": ("in_progress", "resolved"),
    "resolved": ("closed", "reopened"),
    "reopened": ("in_progress",),
    "closed": (),
}

#: Resolve targets per priority on a 24×7 clock, until configurable SLA targets replace them.
RESOLVE_WITHIN = {"P1": timedelta(hours=4), "P2": timedelta(hours=8),
                  "P3": timedelta(hours=24), "P4": timedelta(hours=72)}


def priority_for(impact: str, urgency: str) -> str:
    """The P1–P4 matrix: high × high is P1, each step down in impact or urgency lowers it by one."""
    return f"P{min(LEVELS.index(impact) + LEVELS.index(urgency), 3) + 1}"


def format_number(year: int, sequence: int) -> str:
    """``INC-2026-000123``."""
    return f"INC-{year}-{sequence:06d}"


def reserve_numbers(session: Session, year: int, count: int = 1) -> int:
    """Reserve ``count`` consecutive numbers of ``year``; returns the first.

    The UPDATE locks the year's row until commit, so concurrent clerks queue on it;
    the first number of a year inserts the row, and a clerk who loses that race retries.
    """
    table = NumberSequence.__table__
    bump = update(table).where(table.c.year == year).values(last_value=table.c.last_value + count)
    if session.execute(bump).rowcount == 0:
        try:
            with session.begin_nested():
                session.execute(insert(table).values(year=year, last_value=count))
            return 1
        except IntegrityError:
            session.execute(bump)
    return session.scalar(select(table.c.last_value).where(table.c.year == year)) - count + 1


def _require_text(value: str | None, field: str, label: str, limit: int = 255) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"Enter the {label}.", field)
    if len(text) > limit:
        raise ValidationError(f"The {label} is {len(text)} characters long; shorten it to {limit}.", field)
    return text


def _require_choice(value: str, choices: tuple[str, ...], field: str) -> str:
    if value not in choices:
        raise ValidationError(f"'{value}' is not a valid {field}: use one of {', '.join(choices)}.", field)
    return value


def _check_references(session: Session, customer_id: int, site_id: int | None, asset_id: int | None,
                      assignee_id: int | None, group_id: int | None) -> None:
    if session.get(Customer, customer_id) is None:
        raise ValidationError(f"There is no customer with id {customer_id}; pick one from the list.", "customer_id")
    for model, key, label in ((Site, site_id, "site"), (Asset, asset_id, "asset")):
        if key is None:
            continue
        row = session.get(model, key)
        if row is None or row.customer_id != customer_id:
            raise ValidationError(f"The {label} {key} does not belong to customer {customer_id}; "
                                  f"pick one of that customer's {label}s.", f"{label}_id")
    if assignee_id is not None and session.get(User, assignee_id) is None:
        raise ValidationError(f"There is no user with id {assignee_id} to assign to.", "assignee_id")
    if group_id is not None and session.get(Group, group_id) is None:
        raise ValidationError(f"There is no group with id {group_id} to assign to.", "group_id")


def create_incident(app: AppContext, actor: Actor, *, title: str, customer_id: int, category: str,
                    channel: str = "phone", impact: str | None = None, urgency: str | None = None,
                    description: str = "", site_id: int | None = None, asset_id: int | None = None,
                    assignee_id: int | None = None, group_id: int | None = None) -> str:
    """Open an incident and return its number.

    Priority comes from impact × urgency, or from the ``incidents.default_priority`` setting
    when neither is assessed yet. With an assignee or group it opens as ``assigned``.
    """
    title = _require_text(title, "title", "title")
    category = _require_text(category, "category", "category", 64)
    _require_choice(channel, CHANNELS, "channel")
    if (impact is None) != (urgency is None):
        raise ValidationError("Give both impact and urgency, or neither to use the default priority.",
                              "impact" if impact is None else "urgency")
    if impact is not None:
        _require_choice(impact, LEVELS, "impact")
        _require_choice(urgency, LEVELS, "urgency")
    # Read before the unit of work: on SQLite a second connection would wait for its write lock.
    priority = priority_for(impact, urgency) if impact else get_setting(app, "incidents.default_priority")
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        _check_references(session, customer_id, site_id, asset_id, assignee_id, group_id)
        opened = utcnow()
        number = format_number(opened.year, reserve_numbers(session, opened.year))
        status = "assigned" if assignee_id or group_id else "new"
        incident = Incident(number=number, title=title, description=description.strip(), channel=channel,
                            customer_id=customer_id, site_id=site_id, asset_id=asset_id, category=category,
                            impact=impact, urgency=urgency, priority=priority, status=status,
                            assignee_id=assignee_id, group_id=group_id, opened_at=opened,
                            due_at=opened + RESOLVE_WITHIN[priority])
        session.add(incident)
        session.flush()
        session.add(StatusChange(incident_id=incident.id, at=opened, status=status, actor=actor.username))
        work.audit("incident.create", "incident", number, {"title": title, "priority": priority})
        asset = session.get(Asset, asset_id) if asset_id is not None else None
        work.emit("incidents.incident_created", number=number, category=category, priority=priority,
                  customer_id=customer_id, asset_id=asset_id, opened_at=opened.isoformat(),
                  product=asset.product if asset else None, asset_model=asset.model if asset else None)
    return number


def _load(session: Session, number: str) -> Incident:
    incident = session.scalar(select(Incident).where(Incident.number == number))
    if incident is None:
        raise NotFound(f"There is no incident {number}; check the number.")
    return incident


def change_status(app: AppContext, actor: Actor, number: str, status: str, *, reason: str | None = None,
                  assignee_id: int | None = None, group_id: int | None = None) -> None:
    """Move an incident along the status flow and record the change in its history.

    ``pending`` needs a typed ``reason``; ``assigned`` needs an assignee or group (given here
    or already set); ``resolved`` and ``closed`` stamp their instants, ``reopened`` clears them.
    """
    _require_choice(status, STATUSES, "status")
    if status == "pending":
        _require_choice(reason, PENDING_REASONS, "pending reason")
    elif reason is not None:
        raise ValidationError("Only a pending incident has a reason; leave the reason empty.", "reason")
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        incident = _load(session, number)
        old = incident.status
        if status not in TRANSITIONS[old]:
            allowed = ", ".join(TRANSITIONS[old]) or "nothing (it is final)"
            raise ValidationError(f"Incident {number} is {old}; it can move to {allowed}, not to {status}.",
                                  "status")
        if status == "assigned":
            _check_references(session, incident.customer_id, None, None, assignee_id, group_id)
            incident.assignee_id = assignee_id or incident.assignee_id
            incident.group_id = group_id or incident.group_id
            if incident.assignee_id is None and incident.group_id is None:
                raise ValidationError(f"Choose a person or a group to assign {number} to.", "assignee_id")
        now = utcnow()
        incident.status, incident.pending_reason = status, reason
        if status == "resolved":
            incident.resolved_at = now
        elif status == "reopened":
            incident.resolved_at = None
        elif status == "closed":
            incident.closed_at = now
        session.add(StatusChange(incident_id=incident.id, at=now, status=status, reason=reason,
                                 actor=actor.username))
        work.audit("incident.status", "incident", number, {"from": old, "to": status, "reason": reason})
        work.emit("incidents.status_changed", number=number, old=old, new=status, reason=reason)


def dispatch_work_order(app: AppContext, actor: Actor, number: str, partner_code: str, note: str = "") -> None:
    """Ask a service partner to go on site for an open incident.

    The partners plugin (when installed) turns the ``incidents.work_order_dispatched`` event
    into a service order; incidents itself only records the dispatch in the audit log.
    """
    partner_code = _require_text(partner_code, "partner_code", "partner code", 32)
    with app.unit_of_work(actor, EDIT) as work:
        incident = _load(work.session, number)
        if incident.status in DONE_STATUSES:
            raise ValidationError(f"Incident {number} is {incident.status}; reopen it before dispatching.",
                                  "status")
        work.audit("incident.dispatch", "incident", number, {"partner": partner_code, "note": note})
        work.emit("incidents.work_order_dispatched", number=number, partner_code=partner_code,
                  customer_id=incident.customer_id, site_id=incident.site_id, note=note)


def past_due_count(session: Session, now: datetime) -> int:
    """How many incidents are still open after their resolve target."""
    return session.scalar(select(func.count()).select_from(Incident).where(
        Incident.status.not_in(DONE_STATUSES), Incident.due_at < now)) or 0


def sla_sweep(context: Context) -> str:
    """The ``incidents.sla_sweep`` job: count open incidents past due (escalation comes with SLA targets)."""
    with context.app.session() as session:
        count = past_due_count(session, utcnow())
    return f"{count} open incidents are past their resolve target"


def search(context: Context, text: str, limit: int) -> list[SearchHit]:
    """Global search: incidents whose number starts with, or whose title contains, ``text``; newest first."""
    text = text.strip()
    if not text:
        return []
    query = (select(Incident.number, Incident.title, Incident.priority, Customer.name)
             .join(Customer, Customer.id == Incident.customer_id)
             .where(or_(Incident.number.startswith(text.upper(), autoescape=True),
                        Incident.title.icontains(text, autoescape=True)))
             .order_by(Incident.opened_at.desc()).limit(limit))
    with context.app.session() as session:
        rows = session.execute(query).all()
    return [SearchHit(f"{number} {title}", f"{priority} · {customer}", PAGE_ID, number)
            for number, title, priority, customer in rows]
