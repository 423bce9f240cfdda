"""What a reference on an issue or a request points at: an incident, a work order or a service order.

Checked through those plugins' ``api.py`` only, and only while they are active; without them
(or for any other reference, a project code say) the reference is kept as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from console.api import AppContext, ValidationError
from plugins.spares.service.common import code

INCIDENT = re.compile(r"^(INC-\d{4}-\d{6})(-W\d{2,})?$")
SERVICE_ORDER = re.compile(r"^[A-Z0-9][A-Z0-9_]*-\d{6}$")
CLOSED_INCIDENT = ("closed",)
CLOSED_ORDER = ("rejected", "closed")


@dataclass(frozen=True)
class Link:
    """A checked reference: its kind (incident, work_order, service_order or other), the partner it
    involves, the person working on it, and whether its plugin confirmed it."""

    ref: str
    kind: str
    partner_code: str | None = None
    assignee_id: int | None = None
    checked: bool = False


def check(app: AppContext, session: Session, ref: str | None, field: str = "ref") -> Link:
    """The reference, checked against incidents or partners when they are active; refuses an unknown
    or closed incident, work order or service order with a sentence saying so."""
    ref = code(ref)
    if not ref:
        raise ValidationError("Give the incident, work order or service order the part is for.", field)
    if len(ref) > 64:
        raise ValidationError("The reference is longer than 64 characters; check it.", field)
    incident = INCIDENT.match(ref)
    if incident:
        kind = "work_order" if incident.group(2) else "incident"
        return _incident(app, session, ref, incident.group(1), kind, field)
    if SERVICE_ORDER.match(ref) and app.has_plugin("partners"):
        return _service_order(session, ref, field)
    return Link(ref, "other")


def _incident(app: AppContext, session: Session, ref: str, number: str, kind: str, field: str) -> Link:
    if not app.has_plugin("incidents"):
        return Link(ref, kind)
    from plugins.incidents.api import incident_summary

    summary = incident_summary(session, number)
    if summary is None:
        raise ValidationError(f"There is no incident {number}; check the number.", field)
    if summary.status in CLOSED_INCIDENT:
        raise ValidationError(f"Incident {number} is closed; parts go to open incidents only.", field)
    return Link(ref, kind, assignee_id=summary.assignee_id, checked=True)


def _service_order(session: Session, ref: str, field: str) -> Link:
    from plugins.partners.api import service_order_summary

    summary = service_order_summary(session, ref)
    if summary is None:
        raise ValidationError(f"There is no service order {ref}; check the number.", field)
    if summary["status"] in CLOSED_ORDER:
        raise ValidationError(f"Service order {ref} is {summary['status']}; parts go to open orders only.", field)
    return Link(ref, "service_order", partner_code=summary["partner_code"], checked=True)


def incident_of(ref: str | None) -> str | None:
    """The incident number inside an incident or work-order reference (None for anything else)."""
    match = INCIDENT.match(code(ref))
    return match.group(1) if match else None
