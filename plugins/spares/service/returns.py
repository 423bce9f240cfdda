"""The return loop (返修流程): receive the defective part, inspect it, repair or scrap it, write off losses.

expected → received (serial recorded) → inspected (defective / good-unused / wrong part) → at the
repair vendor → back to stock refurbished, or scrapped. A good-unused part goes straight back to
stock. An expected return past its due date is overdue; ``spares.loss_after_days`` later it is a
loss (损耗), written off only when an approver (not the person who asked) agrees.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Sequence

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, Context, ValidationError, utcnow
from plugins.spares.models import DEPOT_KINDS, Location, Part, Return
from plugins.spares.service import discrepancies, links, stock
from plugins.spares.service.common import (
    APPROVE,
    MOVE,
    Policy,
    alert,
    check_version,
    clean,
    code,
    first_location,
    get_or_404,
    location_by_code,
    part_by_number,
    policy,
)
from plugins.spares.service.ledger import MoveSpec

PAGE_ID = "spares.returns"


def overdue_clause(today: date):
    """Expected returns past their due date (a WHERE clause on ``Return``)."""
    return and_(Return.state == "expected", Return.due_on < today)


def receive(app: AppContext, actor: Actor, return_id: int | None = None, *, serial: str | None = None,
            part_number: str | None = None, ref: str | None = None, to_code: str | None = None,
            accept_mismatch: bool = False, note: str | None = None) -> int:
    """Receive a defective part (scan or type its serial) into a defective store; returns the return's id.

    With ``return_id`` the unit answers that expected return; without it, the oldest expected return
    of ``ref`` for ``part_number`` (or a new, unexpected one). A part number or serial other than the
    expected one is a wrong shipment: refused unless ``accept_mismatch``, then received and logged.
    """
    rules = policy(app)
    with app.unit_of_work(actor, MOVE) as work:
        session = work.session
        expected = get_or_404(session, Return, return_id, "This return") if return_id is not None else None
        if expected is not None and expected.state != "expected":
            raise ValidationError(f"Return {expected.number} is {expected.state.replace('_', ' ')}; it was "
                                  "received already.", "serial")
        part = (part_by_number(session, part_number) if code(part_number)
                else session.get(Part, expected.part_id) if expected else part_by_number(session, part_number))
        serials = stock.split_serials(serial)
        if part.serialized and len(serials) != 1:
            raise ValidationError(f"Scan or type the serial of the {part.part_number} that came back.", "serial")
        if not part.serialized and serials:
            raise ValidationError(f"{part.part_number} has no serials; leave the serial empty.", "serial")
        received_serial = serials[0] if serials else None
        if expected is not None and not accept_mismatch:
            _refuse_mismatch(session, expected, part, received_serial)
        target = (location_by_code(session, to_code, "to_code", ("defective",), "defective store") if code(to_code)
                  else first_location(session, "defective"))
        link_ref = expected.ref if expected else (links.check(app, session, ref).ref if code(ref) else None)
        quantity = expected.quantity if expected and not part.serialized else Decimal(1)
        spec = MoveSpec("defective_return", part, quantity, None, target, received_serial, link_ref,
                        partner_code=expected.partner_code if expected else None,
                        return_id=expected.id if expected else None, note=clean(note))
        stock.post(rules, work, [spec])
    return spec.return_id


def _refuse_mismatch(session: Session, expected: Return, part: Part, serial: str | None) -> None:
    if part.id != expected.part_id:
        wanted = session.get(Part, expected.part_id)
        raise ValidationError(f"{expected.number} expects {wanted.part_number}, but {part.part_number} came back. "
                              "Check the part; if it is right, tick “Log as wrong shipment” to receive it and log "
                              "the difference.", "part_number")
    if expected.expected_serial and serial != expected.expected_serial:
        raise ValidationError(f"{expected.number} expects serial {expected.expected_serial}, not {serial}. Check "
                              "the serial; if it is right, tick “Log as wrong shipment” to receive it and log the "
                              "difference.", "serial")


def inspect(app: AppContext, actor: Actor, return_id: int, *, outcome: str, to_code: str | None = None,
            note: str | None = None, expected_version: int | None = None) -> None:
    """Record what the returned unit is: defective (goes to repair or scrap), good-unused (back to stock
    at the depot ``to_code``, and a miss for hit rate) or the wrong part (a wrong shipment is logged)."""
    rules = policy(app)
    with app.unit_of_work(actor, MOVE) as work:
        session = work.session
        row = _in_state(session, return_id, ("received",), "inspected")
        check_version(row, expected_version, f"Return {row.number}")
        if outcome not in ("defective", "good_unused", "wrong_part"):
            raise ValidationError("Choose what the unit is: defective, good-unused or the wrong part.", "outcome")
        row.outcome = outcome
        work.audit("return.inspect", "return", row.number, {"outcome": outcome, "note": clean(note)})
        if outcome == "good_unused":
            depot = location_by_code(session, to_code, "to_code", DEPOT_KINDS, "depot it goes back to")
            _carry(rules, work, row, "restock", depot, note)
            return
        row.state = "inspected"
        if outcome == "wrong_part":
            discrepancies.log(rules, session, actor.username, kind="return_part", source=row.number, ref=row.ref,
                              quantity=row.quantity, at=utcnow(), expected_part_id=row.part_id,
                              expected_serial=row.expected_serial, received_part_id=row.received_part_id,
                              received_serial=row.received_serial, note=clean(note, 500))


def _in_state(session: Session, return_id: int, states: Sequence[str], doing: str) -> Return:
    row = get_or_404(session, Return, return_id, "This return")
    if row.state not in states:
        raise ValidationError(f"Return {row.number} is {row.state.replace('_', ' ')}; it cannot be {doing} now.",
                              "state")
    return row


def _carry(rules: Policy, work, row: Return, kind: str, target: Location, note: str | None = None) -> None:
    """Move the returned unit of ``row`` from where it is to ``target`` (the loop follows the move)."""
    part = work.session.get(Part, row.received_part_id)
    source = work.session.get(Location, row.location_id)
    stock.post(rules, work, [MoveSpec(kind, part, row.quantity, source, target, row.received_serial, row.ref,
                                    partner_code=row.partner_code, return_id=row.id, note=clean(note))])


def send_to_repair(app: AppContext, actor: Actor, return_ids: Sequence[int], *, vendor_code: str,
                   note: str | None = None) -> int:
    """Send received or inspected defective units to a repair vendor; returns how many went."""
    if not return_ids:
        raise ValidationError("Choose the returns to send.", "returns")
    rules = policy(app)
    with app.unit_of_work(actor, MOVE) as work:
        vendor = location_by_code(work.session, vendor_code, "vendor_code", ("repair",), "repair vendor")
        for return_id in return_ids:
            row = _in_state(work.session, return_id, ("received", "inspected"), "sent to repair")
            if row.outcome in ("good_unused",):
                raise ValidationError(f"{row.number} is good-unused; it goes back to stock, not to repair.",
                                      "returns")
            _carry(rules, work, row, "repair_send", vendor, note)
    return len(return_ids)


def back_from_repair(app: AppContext, actor: Actor, return_id: int, *, to_code: str, note: str | None = None) -> None:
    """The repaired unit is back: into stock at a depot as refurbished."""
    rules = policy(app)
    with app.unit_of_work(actor, MOVE) as work:
        row = _in_state(work.session, return_id, ("at_repair",), "received from repair")
        depot = location_by_code(work.session, to_code, "to_code", DEPOT_KINDS, "depot")
        _carry(rules, work, row, "repair_receipt", depot, note)


def scrap(app: AppContext, actor: Actor, return_id: int, *, note: str | None = None) -> None:
    """Scrap a returned unit that cannot be repaired (from the defective store or the repair vendor)."""
    rules = policy(app)
    with app.unit_of_work(actor, MOVE) as work:
        row = _in_state(work.session, return_id, ("received", "inspected", "at_repair"), "scrapped")
        _carry(rules, work, row, "scrap", first_location(work.session, "scrap"), note)


def request_write_off(app: AppContext, actor: Actor, return_id: int, *, reason: str,
                      expected_version: int | None = None) -> None:
    """Ask to write off an overdue return as a loss; an approver decides."""
    reason = clean(reason)
    if not reason:
        raise ValidationError("Say why the part will not come back (lost by the engineer, kept by the customer …).",
                              "reason")
    rules = policy(app)
    with app.unit_of_work(actor, MOVE) as work:
        session = work.session
        row = _in_state(session, return_id, ("expected",), "written off")
        check_version(row, expected_version, f"Return {row.number}")
        if row.due_on is None or row.due_on >= rules.local_date(utcnow()):
            raise ValidationError(f"{row.number} is not overdue yet (due {row.due_on}); wait for it.", "reason")
        part = session.get(Part, row.part_id)
        row.state, row.loss_reason, row.loss_requested_by = "loss_requested", reason, actor.username
        work.audit("return.loss_request", "return", row.number, {"reason": reason})
        alert(rules, session, "loss_requested", link=f"{PAGE_ID}#{row.id}", number=row.number, part=part.part_number,
              ref=row.ref or "—", value=f"{part.unit_cost * row.quantity:,.2f}", reason=reason)


def decide_write_off(app: AppContext, actor: Actor, return_id: int, *, approve: bool, note: str | None = None) -> None:
    """Approve (the return is written off at the part's cost) or reject (it is expected again) a loss;
    the person who asked cannot decide."""
    with app.unit_of_work(actor, APPROVE) as work:
        session = work.session
        row = _in_state(session, return_id, ("loss_requested",), "decided")
        if row.loss_requested_by == actor.username:
            raise ValidationError("You asked for this write-off; another approver must decide it.", "approve")
        if approve:
            part = session.get(Part, row.part_id)
            row.state, row.written_off_at, row.written_off_by = "written_off", utcnow(), actor.username
            row.loss_value, row.closed_at = part.unit_cost * row.quantity, row.written_off_at
        else:
            row.state = "expected"
        work.audit("return.loss_approve" if approve else "return.loss_reject", "return", row.number,
                   {"note": clean(note), "value": str(row.loss_value) if approve else None})


def notify_overdue(context: Context) -> str:
    """Job: tell the desk and the engineer on the incident about each return that became overdue."""
    app, rules = context.app, policy(context.app)
    today = rules.local_date(utcnow())
    with app.unit_of_work(context.actor) as work:
        session = work.session
        rows = session.execute(select(Return, Part.part_number).join(Part, Part.id == Return.part_id)
                               .where(overdue_clause(today), Return.overdue_notified.is_(False))
                               .order_by(Return.due_on).limit(500)).all()
        for row, part_number in rows:
            alert(rules, session, "overdue_return", link=f"{PAGE_ID}#{row.id}", extra=[_assignee(app, session, row)],
                  number=row.number, part=part_number, ref=row.ref or "—", due=row.due_on.isoformat())
            row.overdue_notified = True
    return f"{len(rows)} return(s) newly overdue"


def _assignee(app: AppContext, session: Session, row: Return) -> int | None:
    """Who works on the incident the part went to (when incidents is active)."""
    number = links.incident_of(row.ref)
    if number is None or not app.has_plugin("incidents"):
        return None
    from plugins.incidents.api import incident_summary

    summary = incident_summary(session, number)
    return summary.assignee_id if summary else None
