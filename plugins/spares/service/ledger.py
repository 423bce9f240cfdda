"""The stock-move ledger: the only way stock changes.

``record`` checks a batch of moves and writes them with the stock balance they change, inside
the caller's transaction. The parts of the batch are locked first (``SELECT … FOR UPDATE`` in
part-id order; SQLite's ``BEGIN IMMEDIATE`` serialises writers anyway), and every check reads
the balance after that lock, so two clerks moving the last unit at the same moment queue: the
second one is told how many are left. On-hand is never negative for a (part, location, serial),
and available (on hand − reserved) never goes below zero through an issue or a transfer.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Iterable, NamedTuple, Sequence

from sqlalchemy import bindparam, delete, func, null, select, tuple_, update
from sqlalchemy.orm import Session

from console.api import ValidationError, bulk_insert, tables
from plugins.spares.models import DEPOT_KINDS, Location, Move, Part, Reservation, Stock
from plugins.spares.service.common import ZERO, quantity_text, take_ids, upsert

OUTSIDE = None
ROUTABLE = (*DEPOT_KINDS, "in_transit")
#: Move kind → the (source kinds, destination kinds) it may join; None is outside the network.
RULES: dict[str, tuple[tuple[tuple[str, ...] | None, tuple[str, ...] | None], ...]] = {
    "receipt": ((OUTSIDE, DEPOT_KINDS),),
    "transfer": ((ROUTABLE, ROUTABLE),),
    "issue": ((DEPOT_KINDS, OUTSIDE),),
    "unused_return": ((OUTSIDE, DEPOT_KINDS),),
    "defective_return": ((OUTSIDE, ("defective",)),),
    "restock": ((("defective",), DEPOT_KINDS),),
    "repair_send": ((("defective",), ("repair",)),),
    "repair_receipt": ((("repair",), DEPOT_KINDS),),
    "scrap": ((("defective", "repair"), ("scrap",)),),
    "count_adjustment": ((OUTSIDE, DEPOT_KINDS), (DEPOT_KINDS, OUTSIDE)),
    "transit_loss": ((("in_transit",), OUTSIDE),),
}
#: Moves out of a depot that must leave reserved stock alone (a count adjustment records what is there).
RESPECT_RESERVATIONS = ("issue", "transfer")
PRELOAD_CHUNK = 500


@dataclass
class MoveSpec:
    """One move to record. ``reserved`` is the quantity of a reservation this move consumes
    (it may take that much of the reserved stock); ``note`` is free text kept on the line."""

    kind: str
    part: Part
    quantity: Decimal
    source: Location | None = None
    target: Location | None = None
    serial: str | None = None
    ref: str | None = None
    at: datetime | None = None
    partner_code: str | None = None
    request_id: int | None = None
    shipment_id: int | None = None
    issue_id: int | None = None
    note: str | None = None
    reserved: Decimal = ZERO
    return_id: int | None = None  # the return this move answers or carries along the loop
    defective_serial: str | None = None  # an issue: the serial of the unit it replaces, when known

    def __post_init__(self) -> None:
        # plain copies of the ids: a batch of ten thousand moves reads them many times
        self.part_id = self.part.id
        self.source_id = self.source.id if self.source is not None else None
        self.target_id = self.target.id if self.target is not None else None


class Recorded(NamedTuple):
    """A move as written: its id and the spec it came from."""

    id: int
    spec: MoveSpec
    at: datetime


def _where(location: Location | None) -> str:
    return location.code if location is not None else "outside the network"


def check_route(spec: MoveSpec) -> None:
    """Refuse a move whose kind does not join these two locations, or a serial rule it breaks."""
    if spec.kind not in RULES:
        raise ValidationError(f"'{spec.kind}' is not a stock move; use one of {', '.join(RULES)}.", "kind")
    source_kind = spec.source.kind if spec.source is not None else None
    target_kind = spec.target.kind if spec.target is not None else None
    for sources, targets in RULES[spec.kind]:
        if _fits(source_kind, sources) and _fits(target_kind, targets):
            break
    else:
        side, location, allowed = _first_misfit(spec, source_kind, target_kind)
        raise ValidationError(_route_message(spec.kind, side, location, allowed), f"{side}_code")
    if spec.source_id is not None and spec.source_id == spec.target_id:
        raise ValidationError(f"A {spec.kind.replace('_', ' ')} goes from one location to another; "
                              f"{spec.source.code} is both.", "to_code")
    part = spec.part
    if part.serialized and (spec.serial is None or spec.quantity != 1):
        raise ValidationError(f"{part.part_number} is serialized: move one unit and give its serial.", "serial")
    if not part.serialized and spec.serial is not None:
        raise ValidationError(f"{part.part_number} has no serials; leave the serial empty.", "serial")


def _fits(kind: str | None, allowed: tuple[str, ...] | None) -> bool:
    return kind is None if allowed is None else kind in allowed


def _first_misfit(spec: MoveSpec, source_kind: str | None, target_kind: str | None):
    sources, targets = RULES[spec.kind][0]
    if not _fits(source_kind, sources):
        return "from", spec.source, sources
    return "to", spec.target, targets


def _route_message(kind: str, side: str, location: Location | None, allowed: tuple[str, ...] | None) -> str:
    what = kind.replace("_", " ")
    if allowed is None:
        return f"A {what} has no {side} location inside the network; leave it empty."
    names = " or ".join(k.replace("_", " ") for k in allowed)
    if location is None:
        return f"Choose the {side} location of the {what} (a {names} location)."
    return f"A {what} goes {side} a {names} location, not {location.code} ({location.kind.replace('_', ' ')})."


class _Balances:
    """What the batch's checks need to know, read once after the parts were locked and kept as the batch
    moves: the stock where moves take from (per serial and per part and location), and, for serials
    coming in from outside, whether they are in stock anywhere."""

    def __init__(self, session: Session, specs: Sequence[MoveSpec]):
        self.session = session
        self.on_hand: dict[tuple[int, int, str], Decimal] = defaultdict(Decimal)
        self.totals: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
        self.serial_total: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
        self._reserved: dict[tuple[int, int], Decimal] | None = None
        sources = sorted({(s.part_id, s.source_id) for s in specs if s.source_id is not None})
        entering = sorted({(s.part_id, s.serial) for s in specs if s.source_id is None and s.serial})
        self._sources = sources
        columns = (Stock.part_id, Stock.location_id, Stock.serial, Stock.quantity)
        for pair, keys in (((Stock.part_id, Stock.location_id), sources), ((Stock.part_id, Stock.serial), entering)):
            for start in range(0, len(keys), PRELOAD_CHUNK):
                for part_id, location_id, serial, quantity in session.execute(
                        select(*columns).where(tuple_(*pair).in_(keys[start:start + PRELOAD_CHUNK]))):
                    if (part_id, location_id, serial) not in self.on_hand:
                        self._add(part_id, location_id, serial, quantity)

    def _add(self, part_id: int, location_id: int, serial: str, quantity: Decimal) -> None:
        self.on_hand[part_id, location_id, serial] += quantity
        self.totals[part_id, location_id] += quantity
        if serial:
            self.serial_total[part_id, serial] += quantity

    def reserved(self, part_id: int, location_id: int) -> Decimal:
        """Active reservations of a part at a location (read on first use)."""
        if self._reserved is None:
            self._reserved = defaultdict(Decimal)
            for start in range(0, len(self._sources), PRELOAD_CHUNK):
                for part_id_, location_id_, quantity in self.session.execute(
                        select(Reservation.part_id, Reservation.location_id, func.sum(Reservation.quantity))
                        .where(tuple_(Reservation.part_id, Reservation.location_id).in_(
                            self._sources[start:start + PRELOAD_CHUNK]), Reservation.status == "active")
                        .group_by(Reservation.part_id, Reservation.location_id)):
                    self._reserved[part_id_, location_id_] = quantity
        return self._reserved[part_id, location_id]

    def take(self, spec: MoveSpec) -> None:
        """Book the move, or refuse it with how much is left."""
        serial = spec.serial or ""
        if spec.source_id is not None:
            have = self.on_hand[spec.part_id, spec.source_id, serial]
            if have < spec.quantity:
                raise ValidationError(self._short_message(spec, have), "serial" if serial else "quantity")
            if spec.kind in RESPECT_RESERVATIONS and spec.source.kind in DEPOT_KINDS:
                self._check_available(spec)
            self._add(spec.part_id, spec.source_id, serial, -spec.quantity)
        elif serial and self.serial_total[spec.part_id, serial] > 0:
            raise ValidationError(f"Serial {serial} of {spec.part.part_number} is in stock already; check the "
                                  "serial.", "serial")
        if spec.target_id is not None:
            self._add(spec.part_id, spec.target_id, serial, spec.quantity)

    def _check_available(self, spec: MoveSpec) -> None:
        total = self.totals[spec.part_id, spec.source_id]
        reserved = self.reserved(spec.part_id, spec.source_id) - spec.reserved
        available = total - reserved
        if available < spec.quantity:
            raise ValidationError(
                f"Only {quantity_text(max(available, ZERO))} of {spec.part.part_number} available at "
                f"{spec.source.code}: {quantity_text(reserved)} of the {quantity_text(total)} there are reserved "
                "for other requests.", "quantity")

    def _short_message(self, spec: MoveSpec, have: Decimal) -> str:
        part, source = spec.part, spec.source
        if spec.serial:
            return f"Serial {spec.serial} of {part.part_number} is not at {source.code}; check the serial."
        if have <= 0:
            return f"{source.code} has no {part.part_number} left."
        return (f"Only {quantity_text(have)} of {part.part_number} left at {source.code}; "
                f"it cannot give {quantity_text(spec.quantity)}.")


def record(session: Session, actor: str, specs: Sequence[MoveSpec], now: datetime, *,
           problems: tables.Problems | None = None, rows: Sequence[int] = ()) -> list[Recorded]:
    """Check and write ``specs`` (in order) with the stock they change; returns what was written.

    A refused move raises ``ValidationError``; since this runs inside the caller's unit of work,
    nothing of the batch is kept. An import passes ``problems`` and each spec's spreadsheet row:
    then every move is checked, each refusal noted against its row, and ``ImportRejected`` raised.
    """
    if not specs:
        return []
    part_ids = sorted({spec.part_id for spec in specs})
    for start in range(0, len(part_ids), PRELOAD_CHUNK):  # the lock, in id order against deadlocks
        session.execute(select(Part.id).where(Part.id.in_(part_ids[start:start + PRELOAD_CHUNK]))
                        .order_by(Part.id).with_for_update()).all()
    balances = _Balances(session, specs)
    if problems is None:
        for spec in specs:
            check_route(spec)
            balances.take(spec)
    else:
        for spec, number in zip(specs, rows, strict=True):
            with problems.row(number):
                check_route(spec)
                balances.take(spec)
        problems.raise_if_any()
    rows = [_row(spec, actor, now) for spec in specs]
    table = Move.__table__
    ids = take_ids(session, table, len(rows))
    for move_id, row in zip(ids, rows):
        row["id"] = move_id
    bulk_insert(session, table, rows)
    _write_balances(session, specs, [row["at"] for row in rows])
    return [Recorded(move_id, spec, row["at"]) for move_id, spec, row in zip(ids, specs, rows, strict=True)]


def _row(spec: MoveSpec, actor: str, now: datetime) -> dict:
    return {"part_id": spec.part_id, "from_location_id": spec.source_id, "to_location_id": spec.target_id,
            "quantity": spec.quantity,
            "serial": spec.serial, "kind": spec.kind, "at": spec.at or now, "ref": spec.ref, "actor": actor,
            "partner_code": spec.partner_code, "request_id": spec.request_id, "shipment_id": spec.shipment_id,
            "issue_id": spec.issue_id, "note": spec.note}


def _write_balances(session: Session, specs: Iterable[MoveSpec], times: Iterable[datetime]) -> None:
    """Add each move to the stock rows it changes: one executemany for arrivals, one for departures."""
    arrivals: dict[tuple[int, int, str], list] = {}
    departures: dict[tuple[int, int, str], Decimal] = defaultdict(Decimal)
    for spec, at in zip(specs, times):
        serial = spec.serial or ""
        if spec.source is not None:
            departures[spec.part_id, spec.source_id, serial] += spec.quantity
        if spec.target is not None:
            key = (spec.part_id, spec.target_id, serial)
            quantity, since = arrivals.get(key, (ZERO, at))
            arrivals[key] = [quantity + spec.quantity, max(since, at)]
    table = Stock.__table__
    if arrivals:
        upsert(session, table, [{"part_id": p, "location_id": loc, "serial": s, "quantity": q, "since": since}
                                for (p, loc, s), (q, since) in arrivals.items()],
               ("part_id", "location_id", "serial"), add=("quantity",), replace=("since",))
    if departures:
        session.execute(
            update(table).where(table.c.part_id == bindparam("p"), table.c.location_id == bindparam("loc"),
                                table.c.serial == bindparam("s"))
            .values(quantity=table.c.quantity - bindparam("q")),
            [{"p": p, "loc": loc, "s": s, "q": q} for (p, loc, s), q in departures.items()])
        session.execute(delete(table).where(table.c.quantity == 0,
                                            table.c.part_id.in_({p for p, _loc, _s in departures})))


# -- reading -----------------------------------------------------------------------------------
def on_hand(session: Session, part_id: int, location_id: int | None = None, serial: str | None = None) -> Decimal:
    """Quantity of a part at a location (in every location of the network when ``location_id`` is None)."""
    where = [Stock.part_id == part_id]
    if location_id is not None:
        where.append(Stock.location_id == location_id)
    if serial is not None:
        where.append(Stock.serial == serial)
    return session.scalar(select(func.coalesce(func.sum(Stock.quantity), 0)).where(*where)) or ZERO


def reserved(session: Session, part_id: int, location_id: int) -> Decimal:
    """Active reservations of a part at a location."""
    return session.scalar(select(func.coalesce(func.sum(Reservation.quantity), 0)).where(
        Reservation.part_id == part_id, Reservation.location_id == location_id,
        Reservation.status == "active")) or ZERO


def mismatches(session: Session) -> list[tuple[int, int, str, Decimal, Decimal]]:
    """Every (part, location, serial) whose stock row differs from the sum of its ledger lines.

    Returns ``(part_id, location_id, serial, stock row, ledger)``; empty when they agree.
    """
    serial = func.coalesce(Move.serial, "")
    inbound = select(Move.part_id.label("p"), Move.to_location_id.label("loc"), serial.label("s"),
                     Move.quantity.label("q")).where(Move.to_location_id.is_not(None))
    outbound = select(Move.part_id, Move.from_location_id, serial, -Move.quantity).where(
        Move.from_location_id.is_not(None))
    moves = inbound.union_all(outbound).subquery()
    ledger = {(p, loc, s): q for p, loc, s, q in session.execute(
        select(moves.c.p, moves.c.loc, moves.c.s, func.sum(moves.c.q)).group_by(moves.c.p, moves.c.loc, moves.c.s))
        if q != 0}
    stock = {(p, loc, s): q for p, loc, s, q in session.execute(
        select(Stock.part_id, Stock.location_id, Stock.serial, Stock.quantity))}
    return sorted((p, loc, s, stock.get((p, loc, s), ZERO), ledger.get((p, loc, s), ZERO))
                  for p, loc, s in set(ledger) | set(stock)
                  if stock.get((p, loc, s), ZERO) != ledger.get((p, loc, s), ZERO))


def rebuild(session: Session) -> int:
    """Write the stock rows again from the ledger (after a restore or a manual repair); returns their count."""
    serial = func.coalesce(Move.serial, "")
    inbound = select(Move.part_id.label("p"), Move.to_location_id.label("loc"), serial.label("s"),
                     Move.quantity.label("q"), Move.at.label("at")).where(Move.to_location_id.is_not(None))
    outbound = select(Move.part_id, Move.from_location_id, serial, -Move.quantity, null()).where(
        Move.from_location_id.is_not(None))
    moves = inbound.union_all(outbound).subquery()
    rows = [{"part_id": p, "location_id": loc, "serial": s, "quantity": q, "since": since}
            for p, loc, s, q, since in session.execute(
                select(moves.c.p, moves.c.loc, moves.c.s, func.sum(moves.c.q), func.max(moves.c.at))
                .group_by(moves.c.p, moves.c.loc, moves.c.s)) if q != 0]
    session.execute(delete(Stock.__table__))
    bulk_insert(session, Stock, rows)
    return len(rows)


def serial_location(session: Session, part_id: int, serial: str) -> Location | None:
    """Where a serial is now (None when it is not in the network)."""
    return session.scalar(select(Location).join(Stock, Stock.location_id == Location.id)
                          .where(Stock.part_id == part_id, Stock.serial == serial, Stock.quantity > 0))

