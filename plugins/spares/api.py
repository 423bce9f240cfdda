"""What other plugins may import from spares (they must list ``spares`` in ``REQUIRES``)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import NotFound
from plugins.spares.models import Location, Part
from plugins.spares.service import on_hand

__all__ = ["stock_on_hand"]


def stock_on_hand(session: Session, part_number: str, location_code: str | None = None) -> Decimal:
    """Quantity of ``part_number`` at ``location_code`` (or across the network when it is None)."""
    part_id = session.scalar(select(Part.id).where(Part.part_number == part_number.upper()))
    if part_id is None:
        raise NotFound(f"There is no part {part_number}.")
    location_id = None
    if location_code is not None:
        location_id = session.scalar(select(Location.id).where(Location.code == location_code.upper()))
        if location_id is None:
            raise NotFound(f"There is no stock location {location_code}.")
    return on_hand(session, part_id, location_id)
