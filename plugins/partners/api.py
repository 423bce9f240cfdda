"""What other plugins may import from partners (they must list ``partners`` in ``REQUIRES``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from plugins.partners.models import FINAL_STATUSES, ServiceOrder

__all__ = ["open_orders_for"]


def open_orders_for(session: Session, incident_ref: str) -> list[str]:
    """Numbers of the service orders still open for an incident, oldest first."""
    return list(session.scalars(select(ServiceOrder.number).where(
        ServiceOrder.incident_ref == incident_ref.upper(), ServiceOrder.status.not_in(FINAL_STATUSES))
        .order_by(ServiceOrder.dispatched_at)))
