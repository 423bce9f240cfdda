"""What other plugins may import from incidents (they list ``incidents`` in ``REQUIRES`` or ``OPTIONAL``).

The events incidents publishes and handles are listed in ``docs/integrations.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, Customer, ServiceError
from plugins.incidents import records
from plugins.incidents.models import (
    DONE_STATUSES,
    PENDING_REASONS,
    PRIORITIES,
    STATUSES,
    WORK_ORDER_STATUSES,
    Category,
    Incident,
    WorkOrder,
)

__all__ = ["DONE_STATUSES", "PENDING_REASONS", "PRIORITIES", "STATUSES", "WORK_ORDER_STATUSES", "IncidentSummary",
           "WorkOrderSummary", "incident_summary", "resolve_incidents", "resolved_between", "work_order_summary"]


@dataclass(frozen=True)
class IncidentSummary:
    """An incident as another plugin sees it; ``category`` is the category's name."""

    number: str
    title: str
    status: str
    priority: str
    category: str
    customer_id: int
    customer_name: str
    site_id: int | None
    asset_id: int | None
    assignee_id: int | None
    opened_at: datetime
    resolved_at: datetime | None


@dataclass(frozen=True)
class WorkOrderSummary:
    """A work order as another plugin sees it (``incident`` is the incident's number)."""

    number: str
    incident: str
    kind: str
    title: str
    status: str
    assignee_id: int | None
    group_id: int | None
    partner_code: str | None
    service_order: str | None
    created_at: datetime
    done_at: datetime | None


def _summaries():
    """The columns of ``IncidentSummary``, the category by its name."""
    return (select(Incident.number, Incident.title, Incident.status, Incident.priority, Category.name,
                   Incident.customer_id, Customer.name, Incident.site_id, Incident.asset_id,
                   Incident.assignee_id, Incident.opened_at, Incident.resolved_at)
            .join(Customer, Customer.id == Incident.customer_id).join(Category, Category.id == Incident.category_id))


def incident_summary(session: Session, number: str) -> IncidentSummary | None:
    """The incident numbered ``number``, or None when there is none."""
    row = session.execute(_summaries().where(Incident.number == str(number).strip().upper())).one_or_none()
    return IncidentSummary(*row) if row else None


def resolved_between(session: Session, start: datetime, end: datetime, limit: int = 100_000) -> list[IncidentSummary]:
    """Incidents resolved in ``[start, end)``, oldest resolution first (e.g. for follow-up surveys)."""
    rows = session.execute(_summaries().where(Incident.resolved_at >= start, Incident.resolved_at < end)
                           .order_by(Incident.resolved_at).limit(limit))
    return [IncidentSummary(*row) for row in rows]


def work_order_summary(session: Session, number: str) -> WorkOrderSummary | None:
    """The work order numbered ``number`` (e.g. ``INC-2026-000123-W01``), or None when there is none."""
    row = session.execute(
        select(WorkOrder.number, Incident.number, WorkOrder.kind, WorkOrder.title, WorkOrder.status,
               WorkOrder.assignee_id, WorkOrder.group_id, WorkOrder.partner_code, WorkOrder.service_order,
               WorkOrder.created_at, WorkOrder.done_at)
        .join(Incident, Incident.id == WorkOrder.incident_id).where(WorkOrder.number == str(number).strip().upper())
    ).one_or_none()
    return WorkOrderSummary(*row) if row else None


def resolve_incidents(app: AppContext, actor: Actor, numbers: list[str]) -> dict[str, str | None]:
    """Resolve each incident that may be resolved now (in progress or pending), one by one.

    Returns ``{number: None}`` for each one resolved and ``{number: reason}`` for each one left
    as it was (unknown, already resolved, not yet in progress, or the actor may not work it).
    """
    outcome: dict[str, str | None] = {}
    for number in numbers:
        try:
            records.change_status(app, actor, number, "resolved")
            outcome[number] = None
        except ServiceError as error:
            outcome[number] = str(error)
    return outcome
