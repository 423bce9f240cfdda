"""Spare-part rules: the catalogue, stock locations, and the move ledger.

On-hand stock is the sum of the ledger and never goes negative for a (part, location, serial):
a move locks its part's row first, so two clerks issuing the last unit queue instead of both
succeeding. Qt-free; writes need ``spares.edit``.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from console.api import (
    Actor,
    AppContext,
    Context,
    SearchHit,
    ValidationError,
    as_decimal,
    get_setting,
    utcnow,
)
from plugins.spares.models import DEPOT_KINDS, LOCATION_KINDS, Location, Move, Part

EDIT = "spares.edit"
PAGE_ID = "spares.parts"
CENT, MILLI = Decimal("0.01"), Decimal("0.001")
ROUTABLE = (*DEPOT_KINDS, "in_transit")

#: Move kind → (source location kinds, destination location kinds); None is outside the network.
MOVE_RULES: dict[str, tuple[tuple[str, ...] | None, tuple[str, ...] | None]] = {
    "receipt": (None, DEPOT_KINDS),
    "transfer": (ROUTABLE, ROUTABLE),
    "issue": (DEPOT_KINDS, None),
    "defective_return": (None, ("defective",)),
    "repair_send": (("defective",), ("repair",)),
    "repair_receipt": (("repair",), DEPOT_KINDS),
    "scrap": (("defective", "repair"), ("scrap",)),
}


def _decimal(value, field: str, places: Decimal, label: str) -> Decimal:
    try:
        number = as_decimal(value)
    except (TypeError, InvalidOperation):
        raise ValidationError(f"Give the {label} as an exact number such as 12.5 (not {value!r}).", field) from None
    if not number.is_finite() or number != number.quantize(places):
        raise ValidationError(f"The {label} {value} has more than {abs(places.as_tuple().exponent)} decimals.",
                              field)
    return number


def create_part(app: AppContext, actor: Actor, *, part_number: str, name: str, unit_cost,
                serialized: bool = False, return_required: bool = False) -> int:
    """Add a part to the catalogue; returns its id. Part numbers are kept upper-case and unique."""
    part_number, name = part_number.strip().upper(), name.strip()
    if not part_number or not name:
        raise ValidationError("Enter both the part number and the name.", "part_number" if not part_number else "name")
    unit_cost = _decimal(unit_cost, "unit_cost", CENT, "unit cost")
    if unit_cost < 0:
        raise ValidationError("The unit cost cannot be negative.", "unit_cost")
    with app.unit_of_work(actor, EDIT) as work:
        if work.session.scalar(select(Part.id).where(Part.part_number == part_number)) is not None:
            raise ValidationError(f"Part {part_number} exists already; search for it instead.", "part_number")
        part = Part(part_number=part_number, name=name, unit_cost=unit_cost, serialized=serialized,
                    return_required=return_required)
        work.session.add(part)
        work.session.flush()
        work.audit("part.create", "part", part_number, {"name": name, "unit_cost": str(unit_cost)})
    return part.id


def create_location(app: AppContext, actor: Actor, *, code: str, name: str, kind: str) -> int:
    """Add a stock location (a depot, consignment stock or a virtual location); returns its id."""
    code, name = code.strip().upper(), name.strip()
    if not code or not name:
        raise ValidationError("Enter both the location code and the name.", "code" if not code else "name")
    if kind not in LOCATION_KINDS:
        raise ValidationError(f"'{kind}' is not a location kind; use one of {', '.join(LOCATION_KINDS)}.", "kind")
    with app.unit_of_work(actor, EDIT) as work:
        if work.session.scalar(select(Location.id).where(Location.code == code)) is not None:
            raise ValidationError(f"Location code {code} is taken; choose another.", "code")
        location = Location(code=code, name=name, kind=kind)
        work.session.add(location)
        work.session.flush()
        work.audit("location.create", "location", code, {"name": name, "kind": kind})
    return location.id


def on_hand(session: Session, part_id: int, location_id: int | None = None, serial: str | None = None) -> Decimal:
    """Quantity of a part at a location (anywhere in the network when ``location_id`` is None)."""
    if location_id is None:
        signed = (case((Move.to_location_id.is_not(None), Move.quantity), else_=0)
                  - case((Move.from_location_id.is_not(None), Move.quantity), else_=0))
        where = [Move.part_id == part_id]
    else:
        signed = case((Move.to_location_id == location_id, Move.quantity), else_=-Move.quantity)
        where = [Move.part_id == part_id,
                 or_(Move.to_location_id == location_id, Move.from_location_id == location_id)]
    if serial is not None:
        where.append(Move.serial == serial)
    return as_decimal(session.scalar(select(func.coalesce(func.sum(signed), 0)).where(*where)))


def _location(session: Session, code: str | None, allowed: tuple[str, ...] | None, kind: str,
              side: str) -> Location | None:
    field = f"{side}_code"
    if allowed is None:
        if code:
            raise ValidationError(f"A {kind} has no {side} location inside the network; leave it empty.", field)
        return None
    location = session.scalar(select(Location).where(Location.code == (code or "").strip().upper()))
    if location is None:
        raise ValidationError(f"Choose the {side} location of the {kind}.", field)
    if location.kind not in allowed:
        raise ValidationError(f"A {kind} goes {side} a {' or '.join(allowed)} location, "
                              f"not {location.code} ({location.kind}).", field)
    return location


def move(app: AppContext, actor: Actor, *, kind: str, part_number: str, quantity, from_code: str | None = None,
         to_code: str | None = None, serial: str | None = None, ref: str | None = None) -> int:
    """Record one stock move and return its id; refused if it would leave a location short.

    Serialized parts move one serial at a time; a serial entering the network from outside
    must not be in stock already. Issuing a return-required part sets the return due date
    (``spares.return_due_days``) in the ``spares.stock_moved`` event.
    """
    if kind not in MOVE_RULES:
        raise ValidationError(f"'{kind}' is not a stock move; use one of {', '.join(MOVE_RULES)}.", "kind")
    quantity = _decimal(quantity, "quantity", MILLI, "quantity")
    if quantity <= 0:
        raise ValidationError("The quantity must be more than zero.", "quantity")
    serial = (serial or "").strip() or None
    sources, destinations = MOVE_RULES[kind]
    return_days = get_setting(app, "spares.return_due_days") if kind == "issue" else None
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        part = session.scalar(select(Part).where(Part.part_number == part_number.strip().upper())
                              .with_for_update())
        if part is None:
            raise ValidationError(f"There is no part {part_number}; check the part number.", "part_number")
        if part.serialized and (serial is None or quantity != 1):
            raise ValidationError(f"{part.part_number} is serialized: move one unit and give its serial.", "serial")
        if not part.serialized and serial is not None:
            raise ValidationError(f"{part.part_number} has no serials; leave the serial empty.", "serial")
        source = _location(session, from_code, sources, kind, "from")
        target = _location(session, to_code, destinations, kind, "to")
        if source is not None:
            available = on_hand(session, part.id, source.id, serial)
            if available < quantity:
                what = f"serial {serial}" if serial else f"{quantity.normalize()} of {part.part_number}"
                raise ValidationError(f"{source.code} holds {available.normalize()} of {part.part_number}; "
                                      f"it cannot give {what}.", "quantity")
        elif serial is not None and on_hand(session, part.id, None, serial) > 0:
            raise ValidationError(f"Serial {serial} of {part.part_number} is in stock already; "
                                  "check the serial.", "serial")
        row = Move(part_id=part.id, from_location_id=source.id if source else None,
                   to_location_id=target.id if target else None, quantity=quantity, serial=serial, kind=kind,
                   at=utcnow(), ref=(ref or "").strip() or None, actor=actor.username)
        session.add(row)
        session.flush()
        return_due = None
        if return_days is not None and part.return_required:
            return_due = (row.at + timedelta(days=return_days)).date().isoformat()
        work.audit(f"stock.{kind}", "part", part.part_number,
                   {"quantity": str(quantity), "from": from_code, "to": to_code, "serial": serial, "ref": row.ref})
        work.emit("spares.stock_moved", move_id=row.id, kind=kind, part_number=part.part_number,
                  quantity=str(quantity), from_code=source.code if source else None,
                  to_code=target.code if target else None, serial=serial, ref=row.ref, return_due=return_due)
    return row.id


def search(context: Context, text: str, limit: int) -> list[SearchHit]:
    """Global search: parts whose number starts with, or whose name contains, ``text``."""
    text = text.strip()
    if not text:
        return []
    query = (select(Part.part_number, Part.name, Part.unit_cost)
             .where(or_(Part.part_number.startswith(text.upper(), autoescape=True),
                        Part.name.icontains(text, autoescape=True)))
             .order_by(Part.part_number).limit(limit))
    with context.app.session() as session:
        rows = session.execute(query).all()
    return [SearchHit(f"{number} {name}", f"{cost:,.2f}", PAGE_ID, number) for number, name, cost in rows]
