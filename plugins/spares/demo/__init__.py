"""Demo spare parts: a depot network, a catalogue and a year of work over it.

``plan`` builds the network and the catalogue and plans the weekly shipments and the quarterly
counts; each part's year comes from ``year.PartYear``; this module writes it all with bulk Core
inserts in chunks (ids assigned up front, so rows can point at each other without reading
anything back).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import bindparam, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from console.api import DemoContext, User, bulk_insert
from plugins.spares.demo.plan import CHUNK, YEAR, Refs, catalogue, count_plan, ids_in_use, network, weekly_shipments
from plugins.spares.demo.world import Ids, Rows, Shipments
from plugins.spares.demo.year import PartYear
from plugins.spares.models import (
    Count,
    CountLine,
    Counter,
    Discrepancy,
    Move,
    Part,
    Request,
    Reservation,
    Return,
    SafetyStock,
    Shipment,
    ShipmentLine,
    Stock,
)


def seed(ctx: DemoContext) -> None:
    """Write ``ctx.scale["parts"]`` parts (default 60), the depot network and a year of spare-part work."""
    count = ctx.scale.get("parts", 60)
    if count <= 0:
        return
    with ctx.app.unit_of_work(ctx.actor, "spares.edit") as work:
        session = work.session
        places, costs = network(session)
        parts = catalogue(ctx, session, count)
        ids = ids_in_use(session)
        start = ctx.now - YEAR
        shipments = weekly_shipments(ctx, session, places, ids, start, costs)
        sheets = count_plan(ctx, session, places, ids)
        users = dict(session.execute(select(User.username, User.id)).all())
        refs = Refs(ctx, places)
        rows, requested, later = Rows(), [], Rows()
        for part in parts:
            PartYear(part, places, ids, rows, shipments, ctx.rng, ctx.now, sheets, refs).run(start)
            if len(rows.moves) >= CHUNK:
                _flush(session, rows, users, requested, later)
        _flush(session, rows, users, requested, later)
        _number(session, ids, requested, later)
        _finish_shipments(ctx, session, shipments, costs)
        _finish_counts(session, sheets)
        _counters(session, ids)
        _advance_sequences(session)
        work.audit("demo.seed", "part", "*", {"parts": count})


def _flush(session: Session, rows: Rows, users: dict[str, int], requested: list, later: Rows) -> None:
    """Write what the simulation produced so far (parents before children) and forget it; returns and
    discrepancies wait in ``later`` for their numbers."""
    for request in rows.requests:
        request["requester_id"] = users.get(request["requested_by"])
        requested.append((request["requested_at"], request["id"]))
    later.returns += rows.returns
    later.discrepancies += rows.discrepancies
    for table, batch in ((Request, rows.requests), (Move, rows.moves), (Reservation, rows.reservations),
                         (ShipmentLine, rows.lines), (SafetyStock, rows.safety)):
        bulk_insert(session, table, batch)
    lines = [{k: v for k, v in line.items() if k != "cost"} for line in rows.count_lines]
    bulk_insert(session, CountLine, lines)
    _write_stock(session, rows.moves)
    for name in ("requests", "moves", "reservations", "returns", "lines", "safety", "discrepancies", "count_lines"):
        getattr(rows, name).clear()


def _number(session: Session, ids: Ids, requested: list, later: Rows) -> None:
    """Number requests, returns and discrepancies in time order, as the service would have; write the last two."""
    numbers = [{"rid": request_id, "number": ids.number("RQ", at)} for at, request_id in sorted(requested)]
    table = Request.__table__
    for start in range(0, len(numbers), CHUNK):
        session.execute(update(table).where(table.c.id == bindparam("rid")).values(number=bindparam("number")),
                        numbers[start:start + CHUNK])
    for row in sorted(later.returns, key=lambda r: r["issued_at"]):
        row["number"] = ids.number("RT", row["issued_at"])
    for row in sorted(later.discrepancies, key=lambda r: r["logged_at"]):
        row["number"] = ids.number("WS", row["logged_at"])
        if isinstance(row["source"], dict):  # a wrong part found on a return: it names the return
            row["source"] = row["source"]["number"]
    for model, batch in ((Return, later.returns), (Discrepancy, later.discrepancies)):
        bulk_insert(session, model, batch)


def _write_stock(session: Session, moves: list[dict]) -> None:
    """The stock balance of the parts in ``moves`` (each part's moves are all in one flush)."""
    balance: dict[tuple, list] = defaultdict(lambda: [Decimal(0), None])
    for move in moves:
        key_serial = move["serial"] or ""
        if move["from_location_id"] is not None:
            balance[move["part_id"], move["from_location_id"], key_serial][0] -= move["quantity"]
        if move["to_location_id"] is not None:
            entry = balance[move["part_id"], move["to_location_id"], key_serial]
            entry[0] += move["quantity"]
            entry[1] = max(entry[1], move["at"]) if entry[1] else move["at"]
    stock = [{"part_id": p, "location_id": loc, "serial": s, "quantity": q, "since": since}
             for (p, loc, s), (q, since) in balance.items() if q != 0]
    if any(row["quantity"] < 0 for row in stock):
        raise AssertionError("the demo simulation took a location below zero")
    bulk_insert(session, Stock, stock)


def _finish_shipments(ctx: DemoContext, session: Session, shipments: Shipments, costs: dict) -> None:
    """Status, arrival and transport cost of every used shipment; empty weekly slots are removed."""
    used = [s for s in shipments.by_slot.values() if s["lines"]]
    unused = [s["id"] for s in shipments.by_slot.values() if not s["lines"]]
    updates = []
    for slot in used:
        arrived = slot["arrives"] < ctx.now
        status = ("in_transit" if not arrived else "short" if slot["short"] and not slot["written_off"]
                  else "received")
        base = costs[slot["to_location_id"]][1]
        cost = (Decimal(base) + Decimal(8) * slot["lines"]) * Decimal(str(round(ctx.rng.uniform(0.85, 1.25), 2)))
        updates.append({"sid": slot["id"], "status": status, "received_at": slot["arrives"] if arrived else None,
                        "cost": cost.quantize(Decimal("0.01")),
                        "carrier": ctx.rng.choice(("顺丰速运 SF Express", "京东物流 JD Logistics", "德邦 Deppon")),
                        "tracking": f"SF{ctx.rng.randint(10**11, 10**12 - 1)}"})
    table = Shipment.__table__
    if updates:
        session.execute(update(table).where(table.c.id == bindparam("sid")).values(
            status=bindparam("status"), received_at=bindparam("received_at"), cost=bindparam("cost"),
            carrier=bindparam("carrier"), tracking=bindparam("tracking")), updates)
    for start in range(0, len(unused), 500):
        session.execute(delete(table).where(table.c.id.in_(unused[start:start + 500])))


def _finish_counts(session: Session, sheets: list[dict]) -> None:
    """Difference values of the count sheets; a spot check worth little is still being counted."""
    values = dict(session.execute(
        select(CountLine.count_id, func.sum(func.abs(CountLine.counted_quantity - CountLine.book_quantity)
                                            * Part.unit_cost))
        .join(Part, Part.id == CountLine.part_id).where(CountLine.count_id.in_([s["id"] for s in sheets]))
        .group_by(CountLine.count_id)).all())
    table = Count.__table__
    for sheet in sheets:
        value = (values.get(sheet["id"]) or Decimal(0)).quantize(Decimal("0.01"))
        changes = {"difference_value": value if sheet["status"] != "counting" else None}
        if sheet["status"] == "posted" and value > 5000:
            changes["approved_by"] = "lead"
        if sheet["status"] == "awaiting_approval" and value <= 5000:
            changes.update(status="counting", submitted_at=None, submitted_by=None, difference_value=None)
        session.execute(update(table).where(table.c.id == sheet["id"]).values(**changes))


def _counters(session: Session, ids: Ids) -> None:
    """Move each document counter past the numbers the demo used."""
    existing = set(session.scalars(select(Counter.name)))
    for name, value in ids.numbers.items():
        if name in existing:
            session.execute(update(Counter).where(Counter.name == name).values(value=value))
        else:
            session.execute(insert(Counter.__table__).values(name=name, value=value))


def _advance_sequences(session: Session) -> None:
    """Explicit ids leave PostgreSQL's serial sequences behind; move them past the largest id."""
    if session.bind.dialect.name != "postgresql":
        return
    for table in ("spares_move", "spares_request", "spares_shipment", "spares_count"):
        session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                             f"(SELECT coalesce(max(id), 1) FROM {table}))"))
