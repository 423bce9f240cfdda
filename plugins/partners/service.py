"""Partner rules: the partner register and service orders (派工单), numbered per partner.

Partners does not need the incidents plugin: an incident's ``incidents.work_order_dispatched``
event becomes a service order through ``order_for_dispatch``. Qt-free; writes need ``partners.edit``.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, DomainEvent, ServiceError, ValidationError, get_setting, utcnow
from plugins.partners.models import FINAL_STATUSES, LEVELS, Partner, ServiceOrder

EDIT = "partners.edit"
log = logging.getLogger(__name__)


def create_partner(app: AppContext, actor: Actor, *, code: str, name: str, level: str) -> int:
    """Register a service partner; returns its id. Codes are upper-case and unique."""
    code, name = code.strip().upper(), name.strip()
    if not code or len(code) > 32:
        raise ValidationError("Enter a partner code of at most 32 characters.", "code")
    if not name:
        raise ValidationError("Enter the partner's name.", "name")
    if level not in LEVELS:
        raise ValidationError(f"'{level}' is not a partner level; use one of {', '.join(LEVELS)}.", "level")
    with app.unit_of_work(actor, EDIT) as work:
        if work.session.scalar(select(Partner.id).where(Partner.code == code)) is not None:
            raise ValidationError(f"Partner code {code} is taken; choose another.", "code")
        partner = Partner(code=code, name=name, level=level)
        work.session.add(partner)
        work.session.flush()
        work.audit("partner.create", "partner", code, {"name": name, "level": level})
    return partner.id


def _next_order_sequence(session: Session, partner_id: int) -> int:
    """Increment the partner's order counter; the UPDATE holds the partner's row until commit."""
    table = Partner.__table__
    session.execute(update(table).where(table.c.id == partner_id)
                    .values(last_order_seq=table.c.last_order_seq + 1))
    return session.scalar(select(table.c.last_order_seq).where(table.c.id == partner_id))


def create_service_order(app: AppContext, actor: Actor, *, partner_code: str, incident_ref: str | None = None) -> str:
    """Dispatch a service order to an active partner; returns its number (``<partner code>-<nnnnnn>``).

    The partner must accept it within ``partners.accept_within_minutes``. A partner holds at most
    one open order per incident.
    """
    incident_ref = (incident_ref or "").strip().upper() or None
    if incident_ref is not None and len(incident_ref) > 32:
        raise ValidationError("The incident number is longer than 32 characters; check it.", "incident_ref")
    accept_within = timedelta(minutes=get_setting(app, "partners.accept_within_minutes"))
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        partner = session.scalar(select(Partner).where(Partner.code == partner_code.strip().upper()))
        if partner is None or not partner.active:
            raise ValidationError(f"There is no active partner {partner_code}; pick one from the list.",
                                  "partner_code")
        if incident_ref is not None:
            open_number = session.scalar(select(ServiceOrder.number).where(
                ServiceOrder.partner_id == partner.id, ServiceOrder.incident_ref == incident_ref,
                ServiceOrder.status.not_in(FINAL_STATUSES)))
            if open_number is not None:
                raise ValidationError(f"{partner.code} already has open order {open_number} for {incident_ref}.",
                                      "incident_ref")
        sequence = _next_order_sequence(session, partner.id)
        now = utcnow()
        order = ServiceOrder(number=f"{partner.code}-{sequence:06d}", partner_id=partner.id, status="dispatched",
                             incident_ref=incident_ref, dispatched_at=now, accept_due_at=now + accept_within)
        session.add(order)
        session.flush()
        work.audit("service_order.create", "service_order", order.number,
                   {"partner": partner.code, "incident": incident_ref})
        work.emit("partners.service_order_created", number=order.number, partner_code=partner.code,
                  incident_ref=incident_ref)
    return order.number


def order_for_dispatch(app: AppContext, event: DomainEvent) -> str | None:
    """Turn ``incidents.work_order_dispatched`` into a service order; a refusal is logged, not raised."""
    try:
        return create_service_order(app, Actor.system(), partner_code=str(event.payload.get("partner_code", "")),
                                    incident_ref=event.payload.get("number"))
    except ServiceError as error:
        log.warning("dispatch of %s by %s not turned into a service order: %s",
                    event.payload.get("number"), event.actor, error)
        return None
