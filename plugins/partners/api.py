"""What other plugins may import from partners (they list ``partners`` in ``REQUIRES`` or ``OPTIONAL``).

Service orders by incident; and the audit-rule registry: ``register_rule`` adds a plugin's own
``Rule`` (its query built on ``claim_facts()`` and core tables), which then runs, is configured and
is shown exactly like a built-in rule.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from plugins.partners.models import FINAL_STATUSES, Claim, Partner, ServiceOrder
from plugins.partners.rules import Rule, RuleScope, register

__all__ = ["Rule", "RuleScope", "claim_facts", "open_orders_for", "register_rule", "service_order_summary"]


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


def register_rule(rule: Rule) -> Rule:
    """Add another plugin's audit rule to the registry (call it from your plugin's import or
    ``console_did_start``); a name already registered is refused with ``ValueError``."""
    return register(rule)


def claim_facts():
    """Every claim for another plugin's audit rule to build on, as a selectable: ``partner_id``, ``order_id``,
    ``claim_id``, ``claim`` (number), ``status``, ``service_date``, ``amount``, ``travel_km``, ``other``,
    ``order`` (number), ``incident_ref``, ``work_order_ref``, ``asset_id``, ``category``."""
    return (select(Claim.partner_id, Claim.order_id, Claim.id.label("claim_id"), Claim.number.label("claim"),
                   Claim.status, Claim.service_date, Claim.amount, Claim.travel_km, Claim.other,
                   ServiceOrder.number.label("order"), ServiceOrder.incident_ref, ServiceOrder.work_order_ref,
                   ServiceOrder.asset_id, ServiceOrder.category)
            .join(ServiceOrder, ServiceOrder.id == Claim.order_id))
