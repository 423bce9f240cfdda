"""What recorded moves mean for requests and the return loop, whichever way they were entered.

A move typed on a form, given on the command line or read from a spreadsheet has the same
consequences: issuing a return-required part opens an expected return; a defective return is
matched to the return it answers (or opens an unexpected one); restocking, repair and scrap move
a returned unit along the loop; an issue against a request counts towards it and consumes its
reservation.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import ValidationError
from plugins.spares.models import Request, Reservation, Return
from plugins.spares.service import discrepancies
from plugins.spares.service.common import ZERO, Policy, next_numbers
from plugins.spares.service.ledger import Recorded

#: Move kind → (return states it moves a unit from, the state it leads to, the outcome it implies).
LOOP_STEPS = {
    "restock": (("received", "inspected"), "restocked", "good_unused"),
    "repair_send": (("received", "inspected"), "at_repair", "defective"),
    "repair_receipt": (("at_repair",), "refurbished", None),
    "scrap": (("received", "inspected", "at_repair"), "scrapped", "defective"),
}
CLOSING = ("restocked", "refurbished", "scrapped")


def track(rules: Policy, session: Session, actor: str, moves: Sequence[Recorded]) -> dict[int, date]:
    """Apply the consequences of ``moves``; returns the due date of each issue that opened a return."""
    due = _open_returns(rules, session, [m for m in moves if m.spec.kind == "issue" and m.spec.part.return_required])
    for move in moves:
        if move.spec.kind == "defective_return":
            _receive(rules, session, actor, move)
        elif move.spec.kind in LOOP_STEPS:
            _advance(session, move)
    _count_requests(session, [m for m in moves if m.spec.kind == "issue" and m.spec.request_id is not None])
    return due


def _open_returns(rules: Policy, session: Session, issues: Sequence[Recorded]) -> dict[int, date]:
    if not issues:
        return {}
    numbers = iter(next_numbers(session, "RT", issues[0].at, len(issues)))
    due: dict[int, date] = {}
    rows = []
    for move in issues:
        spec = move.spec
        due[move.id] = rules.due_on(move.at)
        rows.append({"number": next(numbers), "issue_id": move.id, "ref": spec.ref, "partner_code": spec.partner_code,
                     "part_id": spec.part.id, "quantity": spec.quantity, "depot_id": spec.source.id,
                     "issued_serial": spec.serial, "expected_serial": spec.defective_serial, "issued_at": move.at,
                     "due_on": due[move.id], "state": "expected", "overdue_notified": False, "version": 1})
    session.execute(Return.__table__.insert(), rows)
    return due


def _receive(rules: Policy, session: Session, actor: str, move: Recorded) -> None:
    """Match a defective return to the return it answers (the one named, else the oldest for its ref)."""
    spec = move.spec
    row = session.get(Return, spec.return_id) if spec.return_id else _expected_for(session, spec.ref, spec.part.id)
    if row is None:
        (number,) = next_numbers(session, "RT", move.at)
        row = Return(number=number, ref=spec.ref, partner_code=spec.partner_code, part_id=spec.part.id,
                     quantity=spec.quantity, state="expected", overdue_notified=False)
        session.add(row)
    elif row.state != "expected":
        raise ValidationError(f"Return {row.number} is {row.state.replace('_', ' ')} already; it cannot be received "
                              "again.", "return")
    row.state, row.received_part_id, row.received_serial = "received", spec.part.id, spec.serial
    row.received_at, row.location_id = move.at, spec.target.id
    session.flush()
    spec.return_id = row.id  # the caller learns which return the unit answered
    if row.part_id != spec.part.id:
        discrepancies.log(rules, session, actor, kind="return_part", source=row.number, ref=row.ref,
                          quantity=spec.quantity, at=move.at, expected_part_id=row.part_id,
                          expected_serial=row.expected_serial, received_part_id=spec.part.id,
                          received_serial=spec.serial)
    elif row.expected_serial and spec.serial != row.expected_serial:
        discrepancies.log(rules, session, actor, kind="return_serial", source=row.number, ref=row.ref,
                          quantity=spec.quantity, at=move.at, expected_part_id=row.part_id,
                          expected_serial=row.expected_serial, received_part_id=spec.part.id,
                          received_serial=spec.serial)


def _expected_for(session: Session, ref: str | None, part_id: int) -> Return | None:
    if not ref:
        return None
    return session.scalar(select(Return).where(Return.ref == ref, Return.part_id == part_id,
                                               Return.state == "expected")
                          .order_by(Return.issued_at, Return.id).limit(1))


def _advance(session: Session, move: Recorded) -> None:
    """Move the returned unit this move carries along the loop (a unit outside the loop just moves)."""
    spec = move.spec
    sources, state, outcome = LOOP_STEPS[spec.kind]
    row = session.get(Return, spec.return_id) if spec.return_id else _unit_at(session, spec, sources)
    if row is None:
        return
    if row.state not in sources:
        raise ValidationError(f"Return {row.number} is {row.state.replace('_', ' ')}; it cannot be "
                              f"{spec.kind.replace('_', ' ')} now.", "return")
    row.state, row.location_id = state, spec.target.id
    row.outcome = row.outcome or outcome
    if state in CLOSING:
        row.closed_at = move.at


def _unit_at(session: Session, spec, states: tuple[str, ...]) -> Return | None:
    """The returned unit leaving ``spec.source``: the serial itself, or the oldest unit of that part there."""
    query = select(Return).where(Return.received_part_id == spec.part.id, Return.location_id == spec.source.id,
                                 Return.state.in_(states))
    if spec.serial:
        query = query.where(Return.received_serial == spec.serial)
    else:
        query = query.where(Return.quantity == spec.quantity)
    return session.scalar(query.order_by(Return.received_at, Return.id).limit(1))


def _count_requests(session: Session, issues: Sequence[Recorded]) -> None:
    """Each request's issues of this batch: its first issue decides fill rate; reservations are consumed."""
    by_request: dict[int, list[Recorded]] = defaultdict(list)
    for move in issues:
        by_request[move.spec.request_id].append(move)
    for request_id, moves in by_request.items():
        request = session.get(Request, request_id, with_for_update=True)
        issued = sum((m.spec.quantity for m in moves), ZERO)
        if request.first_issue_at is None:
            request.first_issue_at = moves[0].at
            request.first_issue_full = (issued >= request.quantity
                                        and all(m.spec.source.id == request.depot_id for m in moves))
        request.issued_quantity += issued
        if request.issued_quantity >= request.quantity:
            request.status = "filled"
        _consume(session, request, moves)


def _consume(session: Session, request: Request, moves: Sequence[Recorded]) -> None:
    taken: dict[int, Decimal] = defaultdict(Decimal)
    for move in moves:
        taken[move.spec.source.id] += move.spec.quantity
    for reservation in session.scalars(select(Reservation).where(Reservation.request_id == request.id,
                                                                 Reservation.status == "active")):
        left = reservation.quantity - taken.get(reservation.location_id, ZERO)
        if left <= 0 or request.status == "filled":
            reservation.status, reservation.closed_at = "issued", moves[0].at
        else:
            reservation.quantity = left
