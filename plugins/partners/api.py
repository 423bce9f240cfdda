"""What other plugins may import from partners (they list ``partners`` in ``REQUIRES`` or ``OPTIONAL``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from plugins.partners.models import FINAL_STATUSES, Partner, ServiceOrder

__all__ = ["open_orders_for", "service_order_summary"]


def open_orders_for(session: Session, incident_ref: str) -> list[str]:
    """Numbers of the service orders still open for an incident, oldest first."""
    return list(session.scalars(select(ServiceOrder.number).where(
        ServiceOrder.incident_ref == incident_ref.upper(), ServiceOrder.status.not_in(FINAL_STATUSES))
        .order_by(ServiceOrder.dispatched_at)))


def service_order_summary(session: Session, number: str) -> dict | None:
    """``{number, partner_code, partner_name, status, incident_ref}`` of a service order, or None."""
    row = session.execute(select(ServiceOrder.number, Partner.code, Partner.name, ServiceOrder.status,
                                 ServiceOrder.incident_ref)
                          .join(Partner, Partner.id == ServiceOrder.partner_id)
                          .where(ServiceOrder.number == number.upper())).one_or_none()
    if row is None:
        return None
    return dict(zip(("number", "partner_code", "partner_name", "status", "incident_ref"), row))
