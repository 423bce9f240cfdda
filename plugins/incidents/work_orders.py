"""Work orders (工作单): tasks split off an incident — on-site visit, group support, partner dispatch —
each with its own assignee, status history and clocks.

Dispatching to a partner publishes ``incidents.work_order_dispatched``; the partners plugin (when
installed) opens a service order for it and reports its steps back as
``partners.service_order_changed``, which moves the work order along here. Creating an on-site
visit or a partner dispatch marks the incident "dispatched"; arriving on site marks it "arrived" —
the milestones onsite SLA clocks stop at.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, DomainEvent, ServiceError, ValidationError, utcnow
from plugins.incidents.models import (
    DONE_STATUSES,
    WORK_ORDER_KINDS,
    WORK_ORDER_STATUSES,
    Incident,
    Milestone,
    WorkOrder,
    WorkOrderStatus,
)
from plugins.incidents.notices import tell
from plugins.incidents.records import check_people, load
from plugins.incidents.rules import (
    EDIT,
    INCIDENT_PAGE,
    choice,
    expect_version,
    found,
    may_work,
    pending_reason,
    require_work,
    text,
)
from plugins.incidents.sla import engine

log = logging.getLogger(__name__)
SYSTEM = "partners"
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "open": ("assigned", "dispatched", "in_progress", "cancelled"),
    "assigned": ("in_progress", "dispatched", "open", "cancelled"),
    "dispatched": ("in_progress", "on_site", "done", "open", "cancelled"),
    "in_progress": ("on_site", "pending", "done", "open", "cancelled"),
    "on_site": ("in_progress", "pending", "done"),
    "pending": ("in_progress", "on_site", "done", "cancelled"),
    "done": (),
    "cancelled": (),
}
#: A partner's service-order step → the work order's status (docs/integrations.md).
PARTNER_STEPS = {"accepted": "in_progress", "departed": "in_progress", "arrived": "on_site", "fixed": "done",
                 "confirmed": "done", "closed": "done", "rejected": "open", "incomplete": "open"}
SENDS_SOMEONE = ("onsite_visit", "partner_dispatch")


def load_work_order(session: Session, number: str) -> WorkOrder:
    """The work order numbered ``number`` (``NotFound`` otherwise)."""
    return found(session.scalar(select(WorkOrder).where(WorkOrder.number == str(number).strip().upper())),
                 f"There is no work order {number}; check the number.")


def _next_number(session: Session, incident: Incident) -> str:
    """``<incident>-W01``, ``-W02`` …: the incident's counter, bumped under its row lock (no version change)."""
    table = Incident.__table__
    session.execute(update(table).where(table.c.id == incident.id)
                    .values(work_order_seq=table.c.work_order_seq + 1).execution_options(synchronize_session=False))
    sequence = session.scalar(select(table.c.work_order_seq).where(table.c.id == incident.id))
    return f"{incident.number}-W{sequence:02d}"


def _record(session: Session, order: WorkOrder, status: str, actor: str, reason: str | None = None,
            now: datetime | None = None) -> None:
    now = now or utcnow()
    order.status, order.pending_reason, order.updated_at = status, reason, now
    if status == "done":
        order.done_at = now
    session.add(WorkOrderStatus(work_order_id=order.id, at=now, status=status, reason=reason, actor=actor))
    if status == "on_site":
        session.add(Milestone(incident_id=order.incident_id, at=now, name="arrived", work_order_id=order.id,
                              actor=actor))


def create_work_order(app: AppContext, actor: Actor, number: str, *, kind: str, title: str, note: str = "",
                      assignee_id: int | None = None, group_id: int | None = None,
                      partner_code: str | None = None) -> str:
    """Split a work order off the open incident ``number``; returns the work order's number."""
    choice(kind, WORK_ORDER_KINDS, "kind", "kind of work order")
    title = text(title, "title", "title")
    note = text(note, "note", "note", 4000, required=False)
    partner_code = text(partner_code, "partner_code", "partner code", 32, required=kind == "partner_dispatch") or None
    if partner_code and kind != "partner_dispatch":
        raise ValidationError("Only a partner dispatch goes to a partner; choose that kind or leave the partner empty.",
                              "partner_code")
    setup = engine.prepare(app)
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        incident = load(session, number)
        require_work(session, actor, incident.number, incident.assignee_id, incident.group_id)
        if incident.status in DONE_STATUSES:
            raise ValidationError(f"Incident {incident.number} is {incident.status}; reopen it before adding work "
                                  "orders.", "status")
        assignee_id, group_id = check_people(session, assignee_id, group_id)
        now = utcnow()
        order = WorkOrder(incident_id=incident.id, number=_next_number(session, incident), kind=kind, title=title,
                          note=note, status="open", assignee_id=assignee_id, group_id=group_id,
                          partner_code=partner_code, created_at=now, updated_at=now)
        session.add(order)
        session.flush()
        session.add(WorkOrderStatus(work_order_id=order.id, at=now, status="open", actor=actor.username))
        if partner_code:
            _record(session, order, "dispatched", actor.username, now=now)
        elif assignee_id or group_id:
            _record(session, order, "assigned", actor.username, now=now)
        if kind in SENDS_SOMEONE:
            session.add(Milestone(incident_id=incident.id, at=now, name="dispatched", work_order_id=order.id,
                                  actor=actor.username))
        session.flush()
        engine.rebuild(work, setup, [incident.id], now)
        work.audit("work_order.create", "work_order", order.number, {"kind": kind, "partner": partner_code})
        if partner_code:
            work.emit("incidents.work_order_dispatched", number=incident.number, work_order=order.number,
                      partner_code=partner_code, customer_id=incident.customer_id, site_id=incident.site_id,
                      asset_id=incident.asset_id, note=note)
        return order.number


def dispatch_work_order(app: AppContext, actor: Actor, number: str, partner_code: str, note: str = "") -> str:
    """Ask a service partner to go on site for the open incident ``number``; returns the work order number."""
    return create_work_order(app, actor, number, kind="partner_dispatch", partner_code=partner_code, note=note,
                             title=text(note, "note", "note", 4000, required=False)[:80] or "Partner dispatch 派工")


def change_work_order(app: AppContext, actor: Actor, number: str, status: str, *, reason: str | None = None,
                      assignee_id: int | None = None, group_id: int | None = None,
                      expected_version: int | None = None) -> None:
    """Move a work order along its flow (``TRANSITIONS``); ``pending`` needs a reason, ``assigned`` a person or group."""
    choice(status, WORK_ORDER_STATUSES, "status")
    pending_reason(status, reason, "work order")
    setup = engine.prepare(app)
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        order = load_work_order(session, number)
        incident = session.get(Incident, order.incident_id)
        owned = order.assignee_id is not None or order.group_id is not None  # else it is the incident's to work
        if not ((owned and may_work(session, actor, order.assignee_id, order.group_id))
                or may_work(session, actor, incident.assignee_id, incident.group_id)):
            require_work(session, actor, order.number, incident.assignee_id, incident.group_id)
        expect_version(order, expected_version, f"Work order {order.number}")
        if status not in TRANSITIONS[order.status]:
            allowed = ", ".join(TRANSITIONS[order.status]) or "nothing (it is final)"
            raise ValidationError(f"Work order {order.number} is {order.status}; it can move to {allowed}, "
                                  f"not to {status}.", "status")
        if status == "assigned":
            new_assignee, new_group = check_people(session, assignee_id, group_id)
            order.assignee_id = new_assignee or order.assignee_id
            order.group_id = new_group or order.group_id
            if order.assignee_id is None and order.group_id is None:
                raise ValidationError(f"Choose a person or a group to assign {order.number} to.", "assignee_id")
        old, now = order.status, utcnow()
        _record(session, order, status, actor.username, reason, now)
        session.flush()
        engine.rebuild(work, setup, [incident.id], now)
        work.audit("work_order.status", "work_order", order.number, {"from": old, "to": status, "reason": reason})


def on_service_order_changed(app: AppContext, event: DomainEvent) -> str | None:
    """Move the work order of a partner's service order along; returns its new status (None: nothing to do).

    Never raises: a work order it cannot find or move is logged.
    """
    payload = event.payload
    reference, step = payload.get("work_order"), str(payload.get("status") or "")
    target = PARTNER_STEPS.get(step)
    if not reference or target is None:
        return None
    try:
        setup = engine.prepare(app)
        with app.unit_of_work(Actor.system()) as work:
            session = work.session
            order = load_work_order(session, reference)
            order.service_order = str(payload.get("number") or order.service_order or "")[:48] or None
            if order.status == target or target not in TRANSITIONS[order.status]:
                return None
            now = utcnow()
            _record(session, order, target, SYSTEM, now=now)
            incident = session.get(Incident, order.incident_id)
            if target == "open":  # rejected or closed incomplete: back to the queue, tell the incident's owner
                tell(session, [incident.assignee_id],
                     {"en": f"{order.number} is back in the queue", "zh_CN": f"{order.number} 已退回队列"},
                     {"en": f"Partner {order.partner_code} reported “{step}”; dispatch it again or do it yourselves.",
                      "zh_CN": f"服务商 {order.partner_code} 回报“{step}”，请重新派工或自行处理。"}, "warning",
                     f"{INCIDENT_PAGE}#{incident.number}")
            session.flush()
            engine.rebuild(work, setup, [incident.id], now)
            work.audit("work_order.partner", "work_order", order.number, {"step": step, "status": target})
            return target
    except ServiceError as error:
        log.warning("service order %s (%s) not applied to work order %s: %s", payload.get("number"), step,
                    reference, error)
        return None
