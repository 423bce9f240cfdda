"""Acknowledging an escalation: its level stops repeating for that clock."""

from __future__ import annotations

from sqlalchemy import update

from console.api import Actor, AppContext, ValidationError, utcnow
from plugins.incidents.models import Escalation, Incident
from plugins.incidents.rules import EDIT, found
from plugins.incidents.sla import engine


def acknowledge(app: AppContext, actor: Actor, escalation_id: int) -> int:
    """Acknowledge a firing (and the earlier ones of its level on that clock); returns how many were marked.

    Anyone who may edit incidents acknowledges: the firing went to them, whoever they are.
    """
    setup = engine.prepare(app)
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        firing = found(session.get(Escalation, escalation_id), f"Escalation {escalation_id} no longer exists.")
        incident = session.get(Incident, firing.incident_id)
        if firing.acknowledged_at is not None:
            raise ValidationError(f"This escalation was acknowledged by {firing.acknowledged_by} already.")
        now = utcnow()
        table = Escalation.__table__
        marked = session.execute(
            update(table).where(table.c.clock_id == firing.clock_id, table.c.level == firing.level,
                                table.c.acknowledged_at.is_(None))
            .values(acknowledged_at=now, acknowledged_by=actor.display_name)
            .execution_options(synchronize_session=False)).rowcount
        engine.rebuild(work, setup, [incident.id], now)
        work.audit("incident.escalation_ack", "incident", incident.number,
                   {"level": firing.level, "clock": firing.clock_id})
        return marked
