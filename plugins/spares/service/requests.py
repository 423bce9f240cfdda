"""Part requests (备件申请) and reservations (预留): stock held for an incident until issued, released or expired.

A reservation is checked and written under the same part lock as the ledger, so two requests
can never hold the same last unit.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, Context, DomainEvent, ServiceError, ValidationError, utcnow
from plugins.spares.models import DEPOT_KINDS, Location, Part, Request, Reservation
from plugins.spares.service import links
from plugins.spares.service.common import (
    MOVE,
    REQUEST,
    ZERO,
    alert,
    check_version,
    clean,
    get_or_404,
    location_by_code,
    next_numbers,
    part_by_number,
    policy,
    positive,
    quantity_text,
)
from plugins.spares.service.ledger import on_hand, reserved

PAGE_ID = "spares.requests"
log = logging.getLogger(__name__)
MAX_HOURS = 24 * 90


def create_request(app: AppContext, actor: Actor, *, ref: str, part_number: str, quantity, depot_code: str,
                   reserve: bool = True, hours: int | None = None, note: str | None = None) -> int:
    """Request a part for an incident, work order or service order from its designated depot; returns its id.

    With ``reserve`` the depot's available stock is held for it (as much as there is, up to the
    quantity) for ``hours`` (default ``spares.reservation_hours``).
    """
    quantity = positive(quantity)
    hours = _hours(app, hours)
    with app.unit_of_work(actor, REQUEST) as work:
        session = work.session
        part = part_by_number(session, part_number, lock=True)
        if not part.active:
            raise ValidationError(f"{part.part_number} is no longer stocked; choose its successor.", "part_number")
        if part.serialized and quantity != quantity.to_integral_value():
            raise ValidationError(f"{part.part_number} is serialized: request whole units.", "quantity")
        depot = location_by_code(session, depot_code, "depot_code", DEPOT_KINDS, "designated depot")
        link = links.check(app, session, ref)
        now = utcnow()
        (number,) = next_numbers(session, "RQ", now)
        request = Request(number=number, ref=link.ref, part_id=part.id, quantity=quantity, depot_id=depot.id,
                          partner_code=link.partner_code or depot.partner_code, status="open", requested_at=now,
                          requested_by=actor.username, requester_id=actor.user_id, issued_quantity=ZERO,
                          note=clean(note))
        session.add(request)
        session.flush()
        held = _hold(session, request, part, depot, quantity, now, hours) if reserve else ZERO
        work.audit("request.create", "request", number, {"ref": link.ref, "part": part.part_number,
                                                         "quantity": str(quantity), "depot": depot.code,
                                                         "reserved": str(held)})
    return request.id


def _hours(app: AppContext, hours: int | None) -> int:
    hours = int(hours if hours not in (None, "") else policy(app).reservation_hours)
    if not 1 <= hours <= MAX_HOURS:
        raise ValidationError(f"Hold a reservation for 1 to {MAX_HOURS} hours.", "hours")
    return hours


def _hold(session: Session, request: Request, part: Part, location: Location, wanted: Decimal, now, hours: int) -> Decimal:
    """Reserve up to ``wanted`` of what is available at ``location`` (the part is locked); returns how much."""
    available = on_hand(session, part.id, location.id) - reserved(session, part.id, location.id)
    amount = min(wanted, available)
    if part.serialized:
        amount = amount.to_integral_value(rounding="ROUND_FLOOR")
    if amount <= 0:
        return ZERO
    session.add(Reservation(request_id=request.id, part_id=part.id, location_id=location.id, quantity=amount,
                            status="active", created_at=now, expires_at=now + timedelta(hours=hours)))
    return amount


def reserve(app: AppContext, actor: Actor, request_id: int, *, location_code: str | None = None,
            hours: int | None = None) -> Decimal:
    """Hold stock for the rest of an open request at a depot (its designated one by default); returns how much.

    Refused with how much is available when the depot has nothing to hold.
    """
    hours = _hours(app, hours)
    with app.unit_of_work(actor, REQUEST) as work:
        session = work.session
        request = _open(session, request_id)
        part = session.scalar(select(Part).where(Part.id == request.part_id).with_for_update())
        depot = (location_by_code(session, location_code, "location_code", DEPOT_KINDS, "depot") if location_code
                 else session.get(Location, request.depot_id))
        held = session.scalars(select(Reservation.quantity).where(Reservation.request_id == request.id,
                                                                 Reservation.status == "active")).all()
        wanted = request.quantity - request.issued_quantity - sum(held, ZERO)
        if wanted <= 0:
            raise ValidationError(f"{request.number} is fully reserved already.", "location_code")
        amount = _hold(session, request, part, depot, wanted, utcnow(), hours)
        if amount <= 0:
            raise ValidationError(f"Nothing of {part.part_number} is available at {depot.code}: "
                                  f"{quantity_text(on_hand(session, part.id, depot.id))} on hand, all reserved "
                                  "or none there.", "location_code")
        work.audit("reservation.create", "request", request.number, {"location": depot.code, "quantity": str(amount)})
    return amount


def _open(session: Session, request_id: int) -> Request:
    request = get_or_404(session, Request, request_id, "This request")
    if request.status != "open":
        raise ValidationError(f"Request {request.number} is {request.status}.", "request")
    return request


def release(app: AppContext, actor: Actor, request_id: int) -> int:
    """Release the request's active reservations (the stock becomes available again); returns how many."""
    with app.unit_of_work(actor, REQUEST) as work:
        request = get_or_404(work.session, Request, request_id, "This request")
        count = _close_reservations(work.session, [request.id], "released")
        if not count:
            raise ValidationError(f"{request.number} holds no stock.", "request")
        work.audit("reservation.release", "request", request.number, {"reservations": count})
    return count


def _close_reservations(session: Session, request_ids: list[int], status: str) -> int:
    return session.execute(update(Reservation).where(Reservation.request_id.in_(request_ids),
                                                     Reservation.status == "active")
                           .values(status=status, closed_at=utcnow())
                           .execution_options(synchronize_session=False)).rowcount


def cancel(app: AppContext, actor: Actor, request_id: int, *, expected_version: int | None = None) -> None:
    """Cancel an open request and release what it holds; the requester or the back office may."""
    with app.unit_of_work(actor, REQUEST) as work:
        request = _open(work.session, request_id)
        check_version(request, expected_version, f"Request {request.number}")
        if request.requested_by != actor.username and not actor.can(MOVE):
            raise ValidationError(f"{request.number} was requested by {request.requested_by}; only they or the "
                                  "spare-parts desk can cancel it.", "request")
        request.status = "cancelled"
        _close_reservations(work.session, [request.id], "released")
        work.audit("request.cancel", "request", request.number)


def expire_reservations(context: Context) -> str:
    """Job: release every reservation past its expiry and tell each requester; returns a summary."""
    app, now, rules = context.app, utcnow(), policy(context.app)
    with app.unit_of_work(context.actor) as work:
        session = work.session
        due = session.execute(
            select(Reservation.id, Request.id, Request.number, Request.ref, Request.requester_id, Part.part_number,
                   Location.code, Reservation.quantity)
            .join(Request, Request.id == Reservation.request_id).join(Part, Part.id == Reservation.part_id)
            .join(Location, Location.id == Reservation.location_id)
            .where(Reservation.status == "active", Reservation.expires_at <= now)).all()
        expired = 0
        for reservation_id, request_id, number, ref, requester, part, depot, quantity in due:
            changed = session.execute(update(Reservation).where(Reservation.id == reservation_id,
                                                                Reservation.status == "active")
                                      .values(status="expired", closed_at=now)
                                      .execution_options(synchronize_session=False)).rowcount
            if changed:  # not issued or released a moment ago
                expired += 1
                alert(rules, session, "reservation_expired", severity="info", link=f"{PAGE_ID}#{request_id}",
                      extra=[requester], request=number, ref=ref, part=part, depot=depot,
                      quantity=quantity_text(quantity))
        if expired:
            work.audit("reservation.expire", "reservation", "*", {"count": expired})
    return f"{expired} reservation(s) expired"


def incident_closed(app: AppContext, event: DomainEvent) -> None:
    """Listener: when an incident closes, release what its open requests still hold (never raises)."""
    if event.name != "incidents.status_changed" or event.payload.get("new") != "closed":
        return
    number = str(event.payload.get("number") or "")
    try:
        with app.unit_of_work(Actor.system()) as work:
            ids = work.session.scalars(select(Request.id).where(
                Request.status == "open", (Request.ref == number) | Request.ref.startswith(f"{number}-W"))).all()
            released = _close_reservations(work.session, list(ids), "released") if ids else 0
            if released:
                work.audit("reservation.release", "incident", number, {"reservations": released})
    except (ServiceError, SQLAlchemyError):
        log.exception("could not release the reservations of incident %s", number)
