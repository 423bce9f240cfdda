"""Wrong shipments (错发) and shortfalls: logged when they are found, reconciled by a person, never accepted silently."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from console.api import Actor, AppContext, ValidationError, utcnow
from plugins.spares.models import DISCREPANCY_RESOLUTIONS, Discrepancy, Part
from plugins.spares.service.common import (
    MOVE,
    Policy,
    alert,
    check_version,
    clean,
    get_or_404,
    next_numbers,
    quantity_text,
)

PAGE_ID = "spares.discrepancies"


def log(rules: Policy, session: Session, actor: str, *, kind: str, source: str, ref: str | None,
        quantity: Decimal, at: datetime, expected_part_id: int | None = None, expected_serial: str | None = None,
        received_part_id: int | None = None, received_serial: str | None = None,
        note: str | None = None) -> Discrepancy:
    """Record an open discrepancy found by ``source`` (a return or shipment number) and tell the desk."""
    (number,) = next_numbers(session, "WS", at)
    row = Discrepancy(number=number, kind=kind, source=source, ref=ref, quantity=quantity, logged_at=at,
                      logged_by=actor, status="open", expected_part_id=expected_part_id,
                      expected_serial=expected_serial, received_part_id=received_part_id,
                      received_serial=received_serial, note=note)
    session.add(row)
    session.flush()
    expected = _unit(session, expected_part_id, expected_serial)
    received = _unit(session, received_part_id, received_serial)
    if kind == "shipment_short":
        alert(rules, session, "shortfall", link=f"{PAGE_ID}#{row.id}", number=number, source=source,
              part=expected, missing=quantity_text(quantity))
    else:
        alert(rules, session, "wrong_shipment", link=f"{PAGE_ID}#{row.id}", number=number, source=source,
              expected=expected, received=received)
    return row


def _unit(session: Session, part_id: int | None, serial: str | None) -> str:
    """``SP-000123 (SN…)`` for a message; ``?`` when nothing is known."""
    part = session.get(Part, part_id) if part_id is not None else None
    text = " ".join(filter(None, [part.part_number if part else None, f"({serial})" if serial else None]))
    return text or "?"


def reconcile(app: AppContext, actor: Actor, discrepancy_id: int, *, resolution: str, note: str,
              expected_version: int | None = None) -> None:
    """Settle an open discrepancy: how it was resolved and a note saying why (both required)."""
    if resolution not in DISCREPANCY_RESOLUTIONS:
        raise ValidationError(f"Choose how it was resolved: {', '.join(DISCREPANCY_RESOLUTIONS)}.", "resolution")
    note = clean(note, 500)
    if not note:
        raise ValidationError("Write what was found and agreed, so the next person understands the decision.",
                              "note")
    with app.unit_of_work(actor, MOVE) as work:
        row = get_or_404(work.session, Discrepancy, discrepancy_id, "This wrong shipment")
        check_version(row, expected_version, f"Wrong shipment {row.number}")
        if row.status != "open":
            raise ValidationError(f"{row.number} was reconciled already by {row.reconciled_by}.", "resolution")
        row.status, row.resolution, row.reconciled_at, row.reconciled_by = "reconciled", resolution, utcnow(), \
            actor.username
        row.note = "\n".join(filter(None, [row.note, note]))[:500]
        work.audit("discrepancy.reconcile", "discrepancy", row.number, {"resolution": resolution, "note": note})
