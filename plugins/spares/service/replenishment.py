"""Safety stock (安全库存) and replenishment proposals.

Each (part, depot) can have a minimum and a target. When the available stock (on hand −
reserved) is below the minimum, the console proposes target − available − inbound, where inbound
is what is already on its way there; the spare-parts desk hears about it once per shortage.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Select, case, cast, func, select, type_coerce, union, update
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, Context, Quantity, ValidationError, utcnow
from plugins.spares.models import DEPOT_KINDS, Location, Part, Reservation, SafetyStock, Shipment, ShipmentLine, Stock
from plugins.spares.service import shipments
from plugins.spares.service.common import (
    EDIT,
    alert,
    check_version,
    exact,
    location_by_code,
    part_by_number,
    policy,
    quantity_text,
    reading,
)

PAGE_ID = "spares.replenishment"


def set_safety_stock(app: AppContext, actor: Actor, *, part_number: str, depot_code: str, minimum, target,
                     expected_version: int | None = None) -> int | None:
    """Set the minimum and target of a part at a depot (both 0 removes them); returns the row's id."""
    minimum, target = exact(minimum, "minimum", "minimum"), exact(target, "target", "target")
    if minimum < 0:
        raise ValidationError("The minimum cannot be negative.", "minimum")
    if target < minimum:
        raise ValidationError(f"The target ({quantity_text(target)}) must be at least the minimum "
                              f"({quantity_text(minimum)}).", "target")
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        part = part_by_number(session, part_number)
        depot = location_by_code(session, depot_code, "depot_code", DEPOT_KINDS, "depot")
        row = session.scalar(select(SafetyStock).where(SafetyStock.part_id == part.id,
                                                       SafetyStock.location_id == depot.id))
        if row is not None:
            check_version(row, expected_version, f"Safety stock of {part.part_number} at {depot.code}")
        work.audit("safety_stock.set", "part", part.part_number,
                   {"depot": depot.code, "minimum": str(minimum), "target": str(target)})
        if minimum == 0 and target == 0:
            if row is not None:
                session.delete(row)
            return None
        if row is None:
            row = SafetyStock(part_id=part.id, location_id=depot.id, minimum=minimum, target=target)
            session.add(row)
        else:
            row.minimum, row.target = minimum, target
        session.flush()
        return row.id


#: A stock level's key: one integer per (part, location), for lists and links.
KEY_FACTOR = 1_000_000


def level_key(part_id: int, location_id: int) -> int:
    """The key of the stock level of a part at a location."""
    return part_id * KEY_FACTOR + location_id


def levels() -> Select:
    """Every (part, location) that holds stock or has a safety stock, with its figures: ``key, part_id,
    location_id, part_number, name, unit_cost, kind, depot, depot_name, partner_code, on_hand, reserved,
    available, inbound, minimum, target, proposal, value, safety_id, alerted_at``."""
    keys = union(select(Stock.part_id, Stock.location_id),
                 select(SafetyStock.part_id, SafetyStock.location_id)).subquery()
    held = (select(Stock.part_id, Stock.location_id, func.sum(Stock.quantity).label("q"))
            .group_by(Stock.part_id, Stock.location_id).subquery())
    kept = (select(Reservation.part_id, Reservation.location_id, func.sum(Reservation.quantity).label("q"))
            .where(Reservation.status == "active").group_by(Reservation.part_id, Reservation.location_id).subquery())
    coming = (select(ShipmentLine.part_id, Shipment.to_location_id.label("location_id"),
                     func.sum(ShipmentLine.quantity - ShipmentLine.received_quantity).label("q"))
              .join(Shipment, Shipment.id == ShipmentLine.shipment_id)
              .where(Shipment.status.in_(("in_transit", "short")))
              .group_by(ShipmentLine.part_id, Shipment.to_location_id).subquery())
    on_hand, reserved, inbound = (func.coalesce(held.c.q, 0), func.coalesce(kept.c.q, 0),
                                  func.coalesce(coming.c.q, 0))
    available = on_hand - reserved
    proposal = type_coerce(case((SafetyStock.id.is_(None), 0), else_=SafetyStock.target - available - inbound),
                           Quantity())

    def same(sub):
        return (sub.c.part_id == keys.c.part_id) & (sub.c.location_id == keys.c.location_id)

    key = cast(keys.c.part_id, BigInteger) * KEY_FACTOR + keys.c.location_id  # beyond 32 bits at part 2,148
    return (select(key.label("key"), keys.c.part_id,
                   keys.c.location_id, Part.part_number, Part.name, Part.unit_cost, Location.kind,
                   Location.code.label("depot"), Location.name.label("depot_name"), Location.partner_code,
                   on_hand.label("on_hand"), reserved.label("reserved"), available.label("available"),
                   inbound.label("inbound"), SafetyStock.minimum, SafetyStock.target, proposal.label("proposal"),
                   (proposal * Part.unit_cost).label("value"), SafetyStock.id.label("safety_id"),
                   SafetyStock.alerted_at)
            .select_from(keys).join(Part, Part.id == keys.c.part_id).join(Location, Location.id == keys.c.location_id)
            .outerjoin(held, same(held)).outerjoin(kept, same(kept)).outerjoin(coming, same(coming))
            .outerjoin(SafetyStock, (SafetyStock.part_id == keys.c.part_id)
                       & (SafetyStock.location_id == keys.c.location_id)))


def below_minimum(query: Select):
    """The WHERE clause of ``levels()`` rows that need replenishment (available below the minimum)."""
    columns = query.selected_columns
    return columns.safety_id.is_not(None) & (columns.available < columns.minimum) & (columns.proposal > 0)


def proposals(session: Session) -> list:
    """The rows of ``levels()`` below their minimum, largest value first."""
    query = levels()
    return session.execute(query.where(below_minimum(query)).order_by(query.selected_columns.value.desc())).all()


def check_levels(context: Context) -> str:
    """Job: announce each new shortage once, and forget shortages that are over; returns a summary."""
    app, rules = context.app, policy(context.app)
    with app.unit_of_work(context.actor) as work:
        session = work.session
        short = proposals(session)
        fresh = [row for row in short if row.alerted_at is None]
        for row in fresh:
            alert(rules, session, "below_minimum", link=f"{PAGE_ID}#{row.key}", part=f"{row.part_number} {row.name}",
                  depot=row.depot, available=quantity_text(row.available), minimum=quantity_text(row.minimum),
                  target=quantity_text(row.target), inbound=quantity_text(row.inbound),
                  proposal=quantity_text(row.proposal))
        now = utcnow()
        if fresh:
            session.execute(update(SafetyStock).where(SafetyStock.id.in_([row.safety_id for row in fresh]))
                            .values(alerted_at=now).execution_options(synchronize_session=False))
        still = {row.safety_id for row in short}
        recovered = [i for i in session.scalars(select(SafetyStock.id).where(SafetyStock.alerted_at.is_not(None)))
                     if i not in still]
        if recovered:
            session.execute(update(SafetyStock).where(SafetyStock.id.in_(recovered)).values(alerted_at=None)
                            .execution_options(synchronize_session=False))
    return f"{len(short)} below minimum, {len(fresh)} newly announced, {len(recovered)} recovered"



def replenish(app: AppContext, actor: Actor, key: int, *, from_code: str, carrier: str | None = None) -> int:
    """Ship the proposal of a stock level (target − available − inbound) from a depot; returns the shipment id.

    Serialized parts go oldest units first (the serials that have been on the shelf longest).
    """
    part_id, location_id = divmod(int(key), KEY_FACTOR)
    with reading(app) as session:
        query = levels()
        row = session.execute(query.where(query.selected_columns.key == int(key))).one_or_none()
        if row is None or row.safety_id is None:
            raise ValidationError("This part has no safety stock at that depot; set one first.", "key")
        if row.proposal <= 0:
            raise ValidationError(f"{row.depot} has enough {row.part_number}; nothing to ship.", "key")
        part = session.get(Part, part_id)
        source = location_by_code(session, from_code, "from_code", DEPOT_KINDS, "depot it comes from")
        quantity = row.proposal
        serials = None
        if part.serialized:
            serials = list(session.scalars(select(Stock.serial).where(Stock.part_id == part_id,
                                                                       Stock.location_id == source.id)
                                           .order_by(Stock.since, Stock.serial).limit(int(quantity))))
            if not serials:
                raise ValidationError(f"{source.code} has no {part.part_number} to send.", "from_code")
            quantity = None
    return shipments.ship(app, actor, from_code=source.code, to_code=row.depot,
                          lines=[shipments.Line(part.part_number, quantity, serials)], carrier=carrier)
