"""What other plugins may import from spares (they list ``spares`` in ``REQUIRES`` or ``OPTIONAL``).

Besides functions, two selectables let another plugin's set-based SQL join spares facts
without touching spares tables: ``issued_parts()`` and ``defective_returns()``. Their
columns are part of the contract (``docs/integrations.md``).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from console.api import NotFound
from plugins.spares.models import Location, Move, Part
from plugins.spares.service.ledger import on_hand

__all__ = ["defective_returns", "issued_parts", "stock_on_hand"]


def stock_on_hand(session: Session, part_number: str, location_code: str | None = None) -> Decimal:
    """Quantity of ``part_number`` at ``location_code`` (or across the network when it is None): the sum of
    the ledger, read from the stock balance written with it."""
    part_id = session.scalar(select(Part.id).where(Part.part_number == part_number.upper()))
    if part_id is None:
        raise NotFound(f"There is no part {part_number}.")
    location_id = None
    if location_code is not None:
        location_id = session.scalar(select(Location.id).where(Location.code == location_code.upper()))
        if location_id is None:
            raise NotFound(f"There is no stock location {location_code}.")
    return on_hand(session, part_id, location_id)


def issued_parts() -> Select:
    """Every issue of a part: columns ``ref`` (incident, work-order or service-order number),
    ``part_number``, ``serial`` (None for non-serialized parts), ``quantity``, ``at``."""
    return (select(Move.ref.label("ref"), Part.part_number.label("part_number"), Move.serial.label("serial"),
                   Move.quantity.label("quantity"), Move.at.label("at"))
            .join(Part, Part.id == Move.part_id).where(Move.kind == "issue"))


def defective_returns() -> Select:
    """Every defective part received back (the part and serial that physically arrived): columns ``ref``,
    ``part_number``, ``serial``, ``at``."""
    return (select(Move.ref.label("ref"), Part.part_number.label("part_number"), Move.serial.label("serial"),
                   Move.at.label("at"))
            .join(Part, Part.id == Move.part_id).where(Move.kind == "defective_return"))
