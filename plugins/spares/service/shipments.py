"""Transfers between depots through an in-transit location, checked on arrival against what was shipped.

Shipping moves the goods from the source depot into transit; receiving moves what arrived into
the destination. Less than shipped leaves the rest in transit and logs a shortfall; a serial
that was not on the shipment is never booked silently: it is refused, or logged as a wrong
shipment when the clerk says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence

from sqlalchemy import select

from console.api import Actor, AppContext, ValidationError, utcnow
from plugins.spares.models import DEPOT_KINDS, Location, Part, Shipment, ShipmentLine
from plugins.spares.service import discrepancies, stock
from plugins.spares.service.common import (
    APPROVE,
    CENT,
    MOVE,
    ZERO,
    check_version,
    clean,
    exact,
    first_location,
    get_or_404,
    location_by_code,
    next_numbers,
    part_by_number,
    policy,
    quantity_text,
)
from plugins.spares.service.ledger import MoveSpec

PAGE_ID = "spares.shipments"


@dataclass(frozen=True)
class Line:
    """What to ship: a part, a quantity (non-serialized) or serials (serialized)."""

    part_number: str
    quantity: Decimal | str | int | None = None
    serials: str | Sequence[str] | None = None


def lines_from_text(text: str) -> list[Line]:
    """Shipment lines as typed, one per line: ``PART-NUMBER quantity`` or ``PART-NUMBER SERIAL SERIAL …``."""
    lines = []
    for number, row in enumerate((text or "").splitlines(), start=1):
        words = stock.SERIAL_SEPARATORS.split(row.strip())
        if not words or not words[0]:
            continue
        rest = words[1:]
        if not rest:
            raise ValidationError(f"Line {number} names {words[0]} but no quantity or serials.", "lines")
        is_quantity = len(rest) == 1 and rest[0].replace(".", "", 1).isdigit()
        lines.append(Line(words[0], rest[0] if is_quantity else None, None if is_quantity else rest))
    return lines


def ship(app: AppContext, actor: Actor, *, from_code: str, to_code: str, lines: Sequence[Line],
         carrier: str | None = None, tracking: str | None = None, cost=None) -> int:
    """Ship parts from one depot to another; returns the shipment's id. ``cost`` is the transport cost."""
    if not lines:
        raise ValidationError("Add at least one part to the shipment.", "lines")
    cost = exact(cost, "cost", "transport cost", CENT) if cost not in (None, "") else None
    if cost is not None and cost < 0:
        raise ValidationError("The transport cost cannot be negative.", "cost")
    rules = policy(app)
    with app.unit_of_work(actor, MOVE) as work:
        session = work.session
        source = location_by_code(session, from_code, "from_code", DEPOT_KINDS, "depot it leaves")
        target = location_by_code(session, to_code, "to_code", DEPOT_KINDS, "depot it goes to")
        if source.id == target.id:
            raise ValidationError("A shipment goes to another depot; choose a different destination.", "to_code")
        transit = first_location(session, "in_transit")
        now = utcnow()
        (number,) = next_numbers(session, "SH", now)
        shipment = Shipment(number=number, from_location_id=source.id, to_location_id=target.id,
                            transit_location_id=transit.id, status="in_transit", shipped_at=now,
                            shipped_by=actor.username, carrier=clean(carrier, 64), tracking=clean(tracking, 64),
                            cost=cost)
        session.add(shipment)
        session.flush()
        specs = []
        for line in lines:
            part = part_by_number(session, line.part_number)
            for quantity, serial in stock.units(part, line.quantity, line.serials):
                session.add(ShipmentLine(shipment_id=shipment.id, part_id=part.id, serial=serial, quantity=quantity,
                                         received_quantity=ZERO))
                specs.append(MoveSpec("transfer", part, quantity, source, transit, serial, number,
                                      partner_code=target.partner_code, shipment_id=shipment.id))
        stock.post(rules, work, specs)
        work.audit("shipment.ship", "shipment", number, {"from": source.code, "to": target.code,
                                                         "lines": len(specs), "cost": str(cost) if cost else None})
    return shipment.id


def receive(app: AppContext, actor: Actor, shipment_id: int, *, quantities: dict[int, Decimal] | None = None,
            serials: str | Sequence[str] | None = None, arrived: str | None = None, log_unexpected: bool = False,
            expected_version: int | None = None) -> str:
    """Book what arrived of a shipment into its destination; returns its new status.

    ``quantities`` gives the arrived quantity per line id of parts without serials (missing lines:
    all of it); ``serials`` are the scanned serials (missing: every shipped serial); ``arrived`` says
    both as typed (``PART-NUMBER quantity`` per line, and serials). A scanned serial not on the
    shipment is refused unless ``log_unexpected``, which logs it as a wrong shipment. Less than
    shipped leaves the rest in transit and logs a shortfall.
    """
    rules = policy(app)
    with app.unit_of_work(actor, MOVE) as work:
        session = work.session
        shipment = get_or_404(session, Shipment, shipment_id, "This shipment")
        check_version(shipment, expected_version, f"Shipment {shipment.number}")
        if shipment.status == "received":
            raise ValidationError(f"{shipment.number} was received completely already.", "shipment")
        lines = session.scalars(select(ShipmentLine).where(ShipmentLine.shipment_id == shipment.id)
                                .order_by(ShipmentLine.id)).all()
        open_lines = [line for line in lines if line.received_quantity < line.quantity]
        if arrived and arrived.strip():
            quantities, scanned = _typed(session, open_lines, arrived)
        else:
            scanned = set(stock.split_serials(serials)) if serials not in (None, "") else None
        arrivals = _arrivals(open_lines, quantities, scanned)
        unexpected = sorted(scanned - {line.serial for line in open_lines if line.serial}) if scanned else []
        if unexpected and not log_unexpected:
            raise ValidationError(f"Serial {', '.join(unexpected)} is not on {shipment.number}. Check it; if that "
                                  "unit really arrived, tick “Log as wrong shipment”.", "serials")
        now, transit = utcnow(), session.get(Location, shipment.transit_location_id)
        target = session.get(Location, shipment.to_location_id)
        specs = []
        for line, quantity in arrivals:
            part = session.get(Part, line.part_id)
            line.received_quantity += quantity
            specs.append(MoveSpec("transfer", part, quantity, transit, target, line.serial, shipment.number,
                                  partner_code=target.partner_code, shipment_id=shipment.id))
        if not specs and not unexpected:
            raise ValidationError("Nothing was marked as arrived; enter what came.", "quantities")
        stock.post(rules, work, specs)
        for serial in unexpected:
            discrepancies.log(rules, session, actor.username, kind="shipment_serial", source=shipment.number,
                              ref=shipment.number, quantity=Decimal(1), at=now, received_serial=serial)
        for line in open_lines:
            missing = line.quantity - line.received_quantity
            if missing > 0:
                discrepancies.log(rules, session, actor.username, kind="shipment_short", source=shipment.number,
                                  ref=shipment.number, quantity=missing, at=now, expected_part_id=line.part_id,
                                  expected_serial=line.serial)
        short = any(line.received_quantity < line.quantity for line in lines)
        shipment.status, shipment.received_at = ("short" if short else "received"), now
        work.audit("shipment.receive", "shipment", shipment.number, {"lines": len(specs), "status": shipment.status})
    return shipment.status


def _typed(session, lines: Sequence[ShipmentLine], text: str) -> tuple[dict[int, Decimal], set[str]]:
    """``PART-NUMBER quantity`` lines become quantities of that part's open lines; other words are serials.
    Parts without serials that are not named did not arrive."""
    numbers = {line.part_id: session.get(Part, line.part_id).part_number for line in lines}
    quantities: dict[int, Decimal] = {line.id: ZERO for line in lines if not line.serial}
    serials: set[str] = set()
    for row in text.splitlines():
        words = [w for w in stock.SERIAL_SEPARATORS.split(row.strip().upper()) if w]
        if len(words) == 2 and words[0] in numbers.values() and words[1].replace(".", "", 1).isdigit():
            left = exact(words[1], "arrived", "arrived quantity")
            for line in lines:
                if not line.serial and numbers[line.part_id] == words[0] and left > 0:
                    quantities[line.id] = min(left, line.quantity - line.received_quantity)
                    left -= quantities[line.id]
        else:
            serials |= {w for w in words if w not in numbers.values()}
    return quantities, serials


def _arrivals(lines: Sequence[ShipmentLine], quantities: dict[int, Decimal] | None,
              scanned: set[str] | None) -> list[tuple[ShipmentLine, Decimal]]:
    """The quantity that arrived on each open line (``scanned`` None: every serial), checked against what
    is still in transit."""
    arrived = []
    for line in lines:
        left = line.quantity - line.received_quantity
        if line.serial:
            quantity = left if scanned is None or line.serial in scanned else ZERO
        else:
            given = (quantities or {}).get(line.id)
            quantity = left if given in (None, "") else exact(given, "quantities", "arrived quantity")
            if not ZERO <= quantity <= left:
                raise ValidationError(f"Line {line.id} has {quantity_text(left)} still in transit; enter 0 to "
                                      f"{quantity_text(left)}.", "quantities")
        if quantity > 0:
            arrived.append((line, quantity))
    return arrived


def write_off_shortfall(app: AppContext, actor: Actor, shipment_id: int, *, note: str) -> Decimal:
    """Write off what never arrived of a short shipment (a loss in transit; approvers only); returns the value."""
    note = clean(note)
    if not note:
        raise ValidationError("Say what the carrier or the sender found out.", "note")
    rules = policy(app)
    with app.unit_of_work(actor, APPROVE) as work:
        session = work.session
        shipment = get_or_404(session, Shipment, shipment_id, "This shipment")
        if shipment.status != "short":
            raise ValidationError(f"{shipment.number} is not short; nothing is missing.", "shipment")
        transit = session.get(Location, shipment.transit_location_id)
        specs, value = [], ZERO
        for line in session.scalars(select(ShipmentLine).where(ShipmentLine.shipment_id == shipment.id)):
            missing = line.quantity - line.received_quantity
            if missing > 0:
                part = session.get(Part, line.part_id)
                specs.append(MoveSpec("transit_loss", part, missing, transit, None, line.serial, shipment.number,
                                      shipment_id=shipment.id, note=note))
                line.received_quantity = line.quantity
                value += missing * part.unit_cost
        stock.post(rules, work, specs)
        shipment.status = "received"
        work.audit("shipment.write_off", "shipment", shipment.number, {"value": str(value), "note": note})
    return value

