"""Stock operations a clerk performs: receive, issue, move; and ``post``, which every operation ends in.

``post`` records the moves (``ledger.record``), applies what they mean for requests and the return
loop (``tracking.track``), writes an audit entry per move and publishes ``spares.stock_moved``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Sequence

from sqlalchemy import func, select

from console.api import Actor, AppContext, UnitOfWork, ValidationError, tables, utcnow
from plugins.spares.models import DEPOT_KINDS, Location, Move, Part, Request, Reservation
from plugins.spares.service import links, tracking
from plugins.spares.service.common import (
    APPROVE,
    MOVE,
    ZERO,
    Policy,
    clean,
    code,
    get_or_404,
    location_by_code,
    part_by_number,
    policy,
    positive,
    quantity_text,
)
from plugins.spares.service.ledger import RULES, MoveSpec, Recorded, record

SERIAL_SEPARATORS = re.compile(r"[\s,;，；、]+")


def split_serials(text: str | Sequence[str] | None) -> list[str]:
    """Serials as scanned or typed: one per line (or separated by commas or spaces), each once."""
    parts = text if isinstance(text, (list, tuple)) else SERIAL_SEPARATORS.split(text or "")
    serials = [s.strip().upper() for s in parts if s and s.strip()]
    seen: set[str] = set()
    twice = sorted({s for s in serials if s in seen or seen.add(s)})
    if twice:
        raise ValidationError(f"Serial {', '.join(twice)} is given twice; scan each unit once.", "serial")
    if any(len(s) > 64 for s in serials):
        raise ValidationError("A serial is longer than 64 characters; check what was scanned.", "serial")
    return serials


def units(part: Part, quantity, serials: str | Sequence[str] | None) -> list[tuple[Decimal, str | None]]:
    """``(quantity, serial)`` per ledger line: one line per serial for serialized parts, else one line."""
    if not part.serialized and not serials:
        return [(positive(quantity), None)]
    found = split_serials(serials)
    if not part.serialized:
        if found:
            raise ValidationError(f"{part.part_number} has no serials; leave the serial empty.", "serial")
        return [(positive(quantity), None)]
    if not found:
        raise ValidationError(f"{part.part_number} is serialized: scan or type the serial of each unit.", "serial")
    if quantity not in (None, "") and positive(quantity) != len(found):
        raise ValidationError(f"You gave {len(found)} serials but a quantity of {quantity}; "
                              "the quantity of a serialized part is the number of serials.", "quantity")
    return [(Decimal(1), serial) for serial in found]


def post(rules: Policy, work: UnitOfWork, specs: Sequence[MoveSpec], *, problems: tables.Problems | None = None,
         rows: Sequence[int] = (), source: str | None = None) -> list[Recorded]:
    """Record ``specs`` in ``work``'s transaction with everything they imply; returns the written moves.

    Each move gets an audit entry and a ``spares.stock_moved`` event. An import names its ``source``
    (the file) instead: one audit entry and one ``spares.moves_imported`` event stand for the batch,
    and ``problems`` with ``rows`` make every refused move a problem of its spreadsheet row.
    """
    moves = record(work.session, work.actor.username, specs, utcnow(), problems=problems, rows=rows)
    due = tracking.track(rules, work.session, work.actor.username, moves)
    if source is not None:
        first, last = (moves[0].id, moves[-1].id) if moves else (None, None)
        work.audit("move.import", "move", source, {"moves": len(moves), "first": first, "last": last})
        work.emit("spares.moves_imported", source=source, count=len(moves), first_move_id=first,
                  last_move_id=last)
        return moves
    for move in moves:
        spec = move.spec
        origin, target = (spec.source.code if spec.source else None), (spec.target.code if spec.target else None)
        work.audit(f"stock.{spec.kind}", "part", spec.part.part_number,
                   {"move": move.id, "quantity": str(spec.quantity), "from": origin, "to": target,
                    "serial": spec.serial, "ref": spec.ref})
        work.emit("spares.stock_moved", move_id=move.id, kind=spec.kind, part_number=spec.part.part_number,
                  quantity=str(spec.quantity), serial=spec.serial, ref=spec.ref, from_code=origin, to_code=target,
                  return_due=due[move.id].isoformat() if move.id in due else None)
    return moves


def move(app: AppContext, actor: Actor, *, kind: str, part_number: str, quantity=None, from_code: str | None = None,
         to_code: str | None = None, serial: str | Sequence[str] | None = None, ref: str | None = None,
         note: str | None = None) -> list[int]:
    """Record a stock move of any kind (``ledger.RULES``); returns the ids of the ledger lines written.

    An issue names what it is for (``ref``), checked against incidents and partners. A count
    adjustment above ``spares.adjustment_approval_value`` and a loss in transit need ``spares.approve``.
    """
    if kind not in RULES:
        raise ValidationError(f"'{kind}' is not a stock move; use one of {', '.join(RULES)}.", "kind")
    rules = policy(app)
    with app.unit_of_work(actor, MOVE) as work:
        session = work.session
        part = part_by_number(session, part_number)
        lines = units(part, quantity, serial)
        source = location_by_code(session, from_code, "from_code", what="from location") if code(from_code) else None
        target = location_by_code(session, to_code, "to_code", what="to location") if code(to_code) else None
        link = links.check(app, session, ref) if kind == "issue" else None
        value = sum((q for q, _s in lines), ZERO) * part.unit_cost
        if kind == "transit_loss" or (kind == "count_adjustment" and rules.needs_approval(value)):
            actor.require(APPROVE)
        partner = (link.partner_code if link else None) or _partner_of(source, target)
        specs = [MoveSpec(kind, part, q, source, target, s, link.ref if link else clean(ref, 64), partner_code=partner,
                          note=clean(note)) for q, s in lines]
        moves = post(rules, work, specs)
    return [m.id for m in moves]


def _partner_of(*locations: Location | None) -> str | None:
    """The partner whose consignment stock a move touches, if any."""
    return next((loc.partner_code for loc in locations if loc is not None and loc.partner_code), None)


def receive(app: AppContext, actor: Actor, *, part_number: str, to_code: str, quantity=None,
            serial: str | Sequence[str] | None = None, ref: str | None = None, note: str | None = None) -> list[int]:
    """Receive stock into a depot from outside (a delivery, a purchase); returns the ledger line ids."""
    return move(app, actor, kind="receipt", part_number=part_number, quantity=quantity, to_code=to_code,
                serial=serial, ref=ref, note=note)


def issue(app: AppContext, actor: Actor, *, part_number: str | None = None, from_code: str, ref: str | None = None,
          quantity=None, serial: str | Sequence[str] | None = None, request_id: int | None = None,
          defective_serial: str | None = None, note: str | None = None) -> list[int]:
    """Issue parts from a depot to an incident, work order or service order; returns the ledger line ids.

    Against a request (``request_id``) the part, reference and partner come from the request, its
    reservation at the depot may be used, and the issue counts towards its fill rate. A return-
    required part opens an expected defective return; ``defective_serial`` is the serial of the
    unit it replaces, when the engineer knows it.
    """
    rules = policy(app)
    with app.unit_of_work(actor, MOVE) as work:
        session = work.session
        request = _open_request(session, request_id) if request_id is not None else None
        part = session.get(Part, request.part_id) if request else part_by_number(session, part_number)
        if request is not None and part_number and code(part_number) != part.part_number:
            raise ValidationError(f"Request {request.number} is for {part.part_number}, not {code(part_number)}.",
                                  "part_number")
        if quantity in (None, "") and request is not None and not part.serialized:
            quantity = request.quantity - request.issued_quantity
        lines = units(part, quantity, serial)
        source = location_by_code(session, from_code, "from_code", DEPOT_KINDS, "depot")
        link = links.check(app, session, request.ref if request else ref)
        reserved = _reservation_at(session, request, source) if request else ZERO
        partner = (request.partner_code if request else None) or link.partner_code or source.partner_code
        specs = [MoveSpec("issue", part, q, source, None, s, link.ref, partner_code=partner,
                          request_id=request.id if request else None, reserved=reserved,
                          defective_serial=clean(defective_serial, 64), note=clean(note)) for q, s in lines]
        moves = post(rules, work, specs)
    return [m.id for m in moves]


def _open_request(session, request_id: int) -> Request:
    request = get_or_404(session, Request, request_id, "This request")
    if request.status != "open":
        raise ValidationError(f"Request {request.number} is {request.status}; nothing more is issued against it.",
                              "request")
    return request


def _reservation_at(session, request: Request, location: Location) -> Decimal:
    """How much of ``location``'s reserved stock is held for ``request``."""
    return session.scalar(select(func.coalesce(func.sum(Reservation.quantity), 0)).where(
        Reservation.request_id == request.id, Reservation.location_id == location.id,
        Reservation.status == "active")) or ZERO


def return_unused(app: AppContext, actor: Actor, *, issue_id: int, to_code: str, quantity=None,
                  note: str | None = None) -> list[int]:
    """Book a consumable that came back unused into a depot, against the issue it reverses (a miss for hit rate).

    A return-required part comes back through the return loop instead (inspected as good-unused).
    """
    rules = policy(app)
    with app.unit_of_work(actor, MOVE) as work:
        session = work.session
        issued = get_or_404(session, Move, issue_id, "This issue")
        part = session.get(Part, issued.part_id)
        if issued.kind != "issue":
            raise ValidationError("Only an issue can come back unused; choose the issue line.", "issue")
        if part.return_required:
            raise ValidationError(f"{part.part_number} comes back through the return loop: receive it there and "
                                  "inspect it as good-unused.", "issue")
        back = session.scalar(select(func.coalesce(func.sum(Move.quantity), 0)).where(
            Move.issue_id == issue_id, Move.kind == "unused_return")) or ZERO
        amount = positive(quantity) if quantity not in (None, "") else issued.quantity - back
        if amount <= 0 or amount > issued.quantity - back:
            raise ValidationError(f"That issue gave {quantity_text(issued.quantity)} and "
                                  f"{quantity_text(back)} came back already; at most "
                                  f"{quantity_text(issued.quantity - back)} can come back.", "quantity")
        target = location_by_code(session, to_code, "to_code", DEPOT_KINDS, "depot")
        spec = MoveSpec("unused_return", part, amount.quantize(Decimal("0.001")), None, target, issued.serial,
                        issued.ref, partner_code=issued.partner_code, issue_id=issued.id, note=clean(note))
        moves = post(rules, work, [spec])
    return [m.id for m in moves]

