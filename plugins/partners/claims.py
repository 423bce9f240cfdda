"""Partner claims (结算申请): computed from the rate card, edited only with a reason, reviewed, settled.

Flow: submitted → (the audit rules run: ``findings.run_rules``) in_review → approved, adjusted or
rejected → settled (by posting a settlement). A settled claim never changes. Every step is a
``ClaimEvent``; ``history`` reads them back. Qt-free.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable, Mapping, Sequence
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, NotFound, StaleEditError, UnitOfWork, ValidationError, get_setting, utcnow
from plugins.partners import access
from plugins.partners.models import Claim, ClaimEvent, ClaimPart, OrderStep, RateCard, ServiceOrder

CLAIM = "partners.claim"
REVIEW = "partners.review"
#: Order statuses a claim may be submitted for: the visit is over.
CLAIMABLE_STATUSES = ("fixed", "confirmed", "closed", "incomplete")
#: Claims that may still be edited (a decided one goes back to review when edited).
EDITABLE_STATUSES = ("submitted", "in_review", "approved", "adjusted", "rejected")
#: The fields ``edit_claim`` changes.
EDITABLE_FIELDS = ("service_date", "travel_km", "labour", "travel", "parts", "other", "other_note", "external_ref",
                   "part_lines")
CENT, TENTH = Decimal("0.01"), Decimal("0.1")
ZERO = Decimal(0)


@dataclass(frozen=True)
class ClaimAmounts:
    """What the rate card valid on the service date pays for an order."""

    rate_card_id: int
    labour: Decimal
    travel: Decimal
    parts: Decimal
    distance_km: Decimal

    @property
    def total(self) -> Decimal:
        """Labour + travel + parts."""
        return self.labour + self.travel + self.parts


@dataclass(frozen=True)
class PartLine:
    """One claimed part: the part fitted (``installed_serial``) and the defective one taken out."""

    part_number: str
    quantity: int = 1
    installed_serial: str | None = None
    removed_serial: str | None = None

    def text(self) -> str:
        """The line as an import writes it: ``PN:qty:installed:removed``."""
        return ":".join((self.part_number, str(self.quantity), self.installed_serial or "", self.removed_serial or ""))


@dataclass(frozen=True)
class HistoryEntry:
    """One event in a claim's history."""

    at: datetime
    actor: str
    action: str
    detail: dict


# -- small helpers ---------------------------------------------------------------------------
def local_zone(app: AppContext) -> ZoneInfo:
    """The organisation's time zone (``core.default_timezone``): service dates and periods are days there."""
    return ZoneInfo(get_setting(app, "core.default_timezone"))


def money(value: Any, field: str, label: str) -> Decimal:
    """``value`` as an amount of at most two decimals, not negative, else a ValidationError on ``field``."""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(f"Give the {label} as an amount such as 120.50 (not {value!r}).", field) from None
    if not number.is_finite() or number != number.quantize(CENT) or number < 0:
        raise ValidationError(f"The {label} {value} must be zero or more, with at most two decimals.", field)
    return number.quantize(CENT)


def distance(value: Any, field: str = "travel_km") -> Decimal:
    """A distance in km with at most one decimal, not negative."""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(f"Give the distance in km, such as 42.5 (not {value!r}).", field) from None
    if not number.is_finite() or number < 0 or number != number.quantize(TENTH):
        raise ValidationError(f"The distance {value} km must be zero or more, with at most one decimal.", field)
    return number.quantize(TENTH)


def clean(text: str | None, limit: int) -> str | None:
    """Stripped text, ``None`` when empty; longer than ``limit`` is refused by the caller's column."""
    text = (text or "").strip()
    return text[:limit] or None


def check_version(row, expected: int | None, what: str) -> None:
    """Refuse an edit made on a copy older than ``row``."""
    if expected is not None and row.version != expected:
        raise StaleEditError(what)


def add_event(work: UnitOfWork, claim: Claim, action: str, detail: Mapping[str, Any] | None = None) -> None:
    """Append one entry to the claim's history."""
    work.session.add(ClaimEvent(claim_id=claim.id, at=utcnow(), actor=work.actor.username, action=action,
                                detail=json.dumps(dict(detail or {}), default=str, ensure_ascii=False)))


def part_lines(parts: Iterable[PartLine | Mapping[str, Any] | Sequence[Any]]) -> list[PartLine]:
    """Claimed parts as ``PartLine``s (given as PartLines, mappings or tuples); refuses empty part numbers."""
    lines = []
    for n, part in enumerate(parts, start=1):
        if isinstance(part, PartLine):
            line = part
        elif isinstance(part, Mapping):
            line = PartLine(**part)
        else:
            line = PartLine(*part)
        number = (line.part_number or "").strip().upper()
        if not number or len(number) > 64:
            raise ValidationError(f"Part line {n} needs a part number of at most 64 characters.", "parts")
        try:
            quantity = int(line.quantity)
        except (TypeError, ValueError):
            quantity = 0
        if quantity < 1:
            raise ValidationError(f"Part line {n} ({number}) needs a quantity of at least 1.", "parts")
        lines.append(PartLine(number, quantity, clean(line.installed_serial, 64), clean(line.removed_serial, 64)))
    return lines


def parse_parts(text: str | None) -> list[PartLine]:
    """Part lines written as ``PN:qty:installed serial:removed serial; ...`` (qty and serials optional;
    lines may also be separated by new lines)."""
    lines = []
    for chunk in (text or "").replace("；", ";").replace("\n", ";").split(";"):
        if not chunk.strip():
            continue
        fields = [f.strip() for f in chunk.replace("：", ":").split(":")]
        if len(fields) > 4:
            raise ValidationError(f"“{chunk.strip()}” has more than four parts; write PN:qty:installed:removed.",
                                  "parts")
        fields += [""] * (4 - len(fields))
        if fields[1] and not fields[1].isdigit():
            raise ValidationError(f"The quantity “{fields[1]}” of {fields[0]} is not a whole number.", "parts")
        lines.append(PartLine(fields[0], int(fields[1] or 1), fields[2] or None, fields[3] or None))
    return part_lines(lines)


# -- computing -------------------------------------------------------------------------------
def compute(session: Session, order: ServiceOrder, *, parts_lines: int | Sequence[Any], service_date: date,
            distance_km: Decimal | None = None) -> ClaimAmounts:
    """What the rate card valid on ``service_date`` pays for ``order``: labour by its repair level,
    travel beyond the free radius × per km (``distance_km``, default the order's centre-to-site
    distance) and parts handling × the number of part lines. No rate card: ValidationError."""
    return _amounts(_rate_card(session, order, service_date), order, parts_lines, distance_km)


def _rate_card(session: Session, order: ServiceOrder, service_date: date) -> RateCard:
    """The rate card of ``order``'s partner valid on ``service_date``; none: ValidationError."""
    from plugins.partners.network import rate_card_on

    card = rate_card_on(session, order.partner_id, service_date)
    if card is None:
        raise ValidationError(f"Service order {order.number}'s partner has no rate card valid on {service_date}; "
                              "add one on the Partner network page, or correct the service date.", "service_date")
    return card


def _amounts(card: RateCard, order: ServiceOrder, parts_lines: int | Sequence[Any],
             distance_km: Decimal | None) -> ClaimAmounts:
    """What ``card`` pays for ``order`` (see ``compute``)."""
    lines = parts_lines if isinstance(parts_lines, int) else len(parts_lines)
    km = Decimal(distance_km if distance_km is not None else (order.distance_km or ZERO))
    labour = {"L1": card.labour_l1, "L2": card.labour_l2, "L3": card.labour_l3}[order.repair_level]
    travel = (max(ZERO, km - card.free_radius_km) * card.travel_per_km).quantize(CENT)
    return ClaimAmounts(card.id, labour, travel, (card.parts_handling * lines).quantize(CENT), km)


# -- reading ---------------------------------------------------------------------------------
def get_claim(session: Session, actor: Actor, number: str, *, lock: bool = False) -> Claim:
    """The claim numbered ``number`` the actor may see, else NotFound / PermissionDenied."""
    query = select(Claim).where(Claim.number == (number or "").strip().upper())
    claim = session.scalar(query.with_for_update() if lock else query)
    if claim is None:
        raise NotFound(f"There is no claim {number}; check the number or refresh the list.")
    access.require_partner(session, actor, claim.partner_id, f"Claim {claim.number}")
    return claim


def claim_parts(session: Session, claim_id: int) -> list[PartLine]:
    """The claim's part lines, in the order they were claimed."""
    return [PartLine(p.part_number, p.quantity, p.installed_serial, p.removed_serial)
            for p in session.scalars(select(ClaimPart).where(ClaimPart.claim_id == claim_id).order_by(ClaimPart.id))]


def history(session: Session, number: str) -> list[HistoryEntry]:
    """The claim's history, oldest first: submission, edits (fields and reason), check, decisions, settlement."""
    claim_id = session.scalar(select(Claim.id).where(Claim.number == (number or "").strip().upper()))
    if claim_id is None:
        raise NotFound(f"There is no claim {number}; check the number or refresh the list.")
    return [HistoryEntry(e.at, e.actor, e.action, json.loads(e.detail or "{}"))
            for e in session.scalars(select(ClaimEvent).where(ClaimEvent.claim_id == claim_id)
                                     .order_by(ClaimEvent.at, ClaimEvent.id))]


def service_day(session: Session, order: ServiceOrder, zone: ZoneInfo) -> date:
    """The day of the visit: the fixed (or incomplete) step, else the order's close, else today."""
    at = session.scalar(select(func.max(OrderStep.at)).where(OrderStep.order_id == order.id,
                                                             OrderStep.step.in_(("fixed", "incomplete"))))
    return (at or order.closed_at or utcnow()).astimezone(zone).date()


# -- submitting ------------------------------------------------------------------------------
def submit_claim(app: AppContext, actor: Actor, *, order_number: str, service_date: date | None = None,
                 parts: Iterable[Any] = (), travel_km: Any = None, other: Any = 0, other_note: str | None = None,
                 external_ref: str | None = None, claimed: Mapping[str, Any] | None = None) -> str:
    """Submit a claim for a finished service order; returns its number (``<order>-C<n>``).

    The rate card computes ``computed_amount`` from the order's centre-to-site distance; the claimed
    amounts are the rate card's for the claimed ``travel_km`` (default: that distance) unless
    ``claimed`` carries the partner's own ``labour``/``travel``/``parts``. ``other`` fees (with a note)
    are claimed on top. A partner's user claims only its own orders.
    """
    zone = local_zone(app)
    with app.unit_of_work(actor, CLAIM) as work:
        order = claimable_order(work.session, actor, order_number)
        claim = add_claim(work, order, zone, service_date=service_date, parts=parts, travel_km=travel_km,
                          other=other, other_note=other_note, external_ref=external_ref, claimed=claimed)
    return claim.number


def add_claim(work: UnitOfWork, order: ServiceOrder, zone: ZoneInfo, *, service_date: date | None,
              parts: Iterable[Any], travel_km: Any, other: Any, other_note: str | None, external_ref: str | None,
              claimed: Mapping[str, Any] | None, event: str = "submitted") -> Claim:
    """Check and write one claim for ``order`` inside ``work`` (``submit_claim`` and the import share it)."""
    session = work.session
    lines = part_lines(parts)
    other_amount = money(other or 0, "other", "other fees")
    other_note = clean(other_note, 255)
    if other_amount and not other_note:
        raise ValidationError("Say what the other fees are for.", "other_note")
    external_ref = clean(external_ref, 64)
    own = {k: money(v, k, f"claimed {k}") for k, v in (claimed or {}).items() if v is not None}
    if unknown := set(own) - {"labour", "travel", "parts"}:
        raise ValidationError(f"Claimed amounts are labour, travel and parts, not {', '.join(sorted(unknown))}.",
                              "claimed")
    day = service_date or service_day(session, order, zone)
    if day > utcnow().astimezone(zone).date():
        raise ValidationError(f"The service date {day} is in the future; give the day of the visit.", "service_date")
    km = distance(travel_km) if travel_km is not None else Decimal(order.distance_km or ZERO)
    card = _rate_card(session, order, day)  # one card for both: the rate's and the claimed distance's amounts
    rate, asked = _amounts(card, order, lines, None), _amounts(card, order, lines, km)
    if external_ref and session.scalar(select(Claim.number).where(Claim.partner_id == order.partner_id,
                                                                  Claim.external_ref == external_ref)):
        raise ValidationError(f"The partner already claimed its reference {external_ref}; "
                              "each claim needs its own reference.", "external_ref")
    labour, travel = own.get("labour", asked.labour), own.get("travel", asked.travel)
    parts_amount = own.get("parts", asked.parts)
    count = session.scalar(select(func.count()).select_from(Claim).where(Claim.order_id == order.id))
    claim = Claim(number=f"{order.number}-C{count + 1}", partner_id=order.partner_id, order_id=order.id,
                  status="submitted", external_ref=external_ref, service_date=day, submitted_at=utcnow(),
                  travel_km=km, labour=labour, travel=travel, parts=parts_amount, other=other_amount,
                  other_note=other_note, amount=labour + travel + parts_amount + other_amount,
                  computed_amount=rate.total)
    session.add(claim)
    session.flush()
    _write_parts(session, claim, lines)
    add_event(work, claim, event, {"amount": claim.amount, "computed": claim.computed_amount,
                                   "parts": [line.text() for line in lines]})
    work.audit(f"claim.{event}", "claim", claim.number, {"order": order.number, "amount": str(claim.amount)})
    return claim


def claimable_order(session: Session, actor: Actor, number: str) -> ServiceOrder:
    """The service order numbered ``number`` (locked), when the actor may claim it and the visit is over."""
    order = session.scalar(select(ServiceOrder).where(ServiceOrder.number == (number or "").strip().upper())
                           .with_for_update())  # claims of one order are numbered one after the other
    if order is None:
        raise ValidationError(f"There is no service order {number}; check the number.", "order_number")
    access.require_partner(session, actor, order.partner_id, f"Service order {order.number}")
    if order.status not in CLAIMABLE_STATUSES:
        raise ValidationError(f"Service order {order.number} is {order.status}; a claim can be submitted once it "
                              "is fixed, confirmed, closed or closed incomplete.", "order_number")
    return order


def _write_parts(session: Session, claim: Claim, lines: Sequence[PartLine]) -> None:
    session.add_all([ClaimPart(claim_id=claim.id, part_number=line.part_number, quantity=line.quantity,
                               installed_serial=line.installed_serial, removed_serial=line.removed_serial)
                     for line in lines])


# -- editing ---------------------------------------------------------------------------------
def edit_claim(app: AppContext, actor: Actor, number: str, *, expected_version: int | None, reason: str,
               **changes: Any) -> int:
    """Change a claim's ``EDITABLE_FIELDS`` (``part_lines`` replaces the parts); returns the new version.

    The reason is required and every changed field is recorded, old and new, in the history. The
    amount is re-summed and the computed amount recomputed from the rate card. A decided claim goes
    back to ``submitted`` for the rules and review; a settled claim never changes.
    """
    reason = clean(reason, 500)
    if not reason:
        raise ValidationError("Say why the claim is changed; the reason is kept in its history.", "reason")
    if unknown := set(changes) - set(EDITABLE_FIELDS):
        raise ValidationError(f"{', '.join(sorted(unknown))} cannot be edited; editable: "
                              f"{', '.join(EDITABLE_FIELDS)}.", sorted(unknown)[0])
    with app.unit_of_work(actor, CLAIM) as work:
        session = work.session
        claim = get_claim(session, actor, number, lock=True)
        if claim.status == "settled" or claim.settlement_id is not None:
            raise ValidationError(f"Claim {claim.number} is settled and can no longer change; raise a new claim "
                                  "for a correction.", "status")
        check_version(claim, expected_version, f"Claim {claim.number}")
        changed = _apply(session, claim, changes)
        if not changed:
            raise ValidationError("Nothing was changed; edit a field or cancel.", None)
        order = session.get(ServiceOrder, claim.order_id)
        lines = claim_parts(session, claim.id)
        claim.amount = claim.labour + claim.travel + claim.parts + claim.other
        claim.computed_amount = compute(session, order, parts_lines=lines, service_date=claim.service_date).total
        detail = {"reason": reason, "changes": changed}
        if claim.status != "submitted":
            detail["reopened_from"] = claim.status
            claim.status, claim.approved_amount = "submitted", None
            claim.decided_by = claim.decided_at = claim.decision_note = None
        add_event(work, claim, "edited", detail)
        work.audit("claim.edit", "claim", claim.number, detail)
        session.flush()
    return claim.version


def _apply(session: Session, claim: Claim, changes: Mapping[str, Any]) -> dict[str, list]:
    """Apply ``changes`` to ``claim``; returns ``{field: [old, new]}`` of what really changed."""
    changed: dict[str, list] = {}
    for field, value in changes.items():
        if field == "part_lines":
            old, new = claim_parts(session, claim.id), part_lines(value)
            if old != new:
                session.execute(delete(ClaimPart).where(ClaimPart.claim_id == claim.id))
                _write_parts(session, claim, new)
                changed[field] = [[p.text() for p in old], [p.text() for p in new]]
            continue
        if field in ("labour", "travel", "parts", "other"):
            value = money(value, field, field)
        elif field == "travel_km":
            value = distance(value)
        elif field in ("other_note", "external_ref"):
            value = clean(value, 255 if field == "other_note" else 64)
        elif not isinstance(value, date):
            raise ValidationError("Give the service date as a date.", "service_date")
        if field == "external_ref" and value and session.scalar(select(Claim.id).where(
                Claim.partner_id == claim.partner_id, Claim.external_ref == value, Claim.id != claim.id)):
            raise ValidationError(f"Another claim already carries the reference {value}.", "external_ref")
        if getattr(claim, field) != value:
            changed[field] = [getattr(claim, field), value]
            setattr(claim, field, value)
    if claim.other and not claim.other_note:
        raise ValidationError("Say what the other fees are for.", "other_note")
    return changed


# -- review ----------------------------------------------------------------------------------
def approve(app: AppContext, actor: Actor, number: str, *, expected_version: int | None,
            note: str | None = None) -> int:
    """Approve a claim in review at its claimed amount; returns the new version."""
    return _decide(app, actor, number, "approved", expected_version, note, None)


def adjust(app: AppContext, actor: Actor, number: str, *, expected_version: int | None, amount: Any,
           note: str) -> int:
    """Approve a claim in review at another ``amount`` (the note says why); returns the new version."""
    return _decide(app, actor, number, "adjusted", expected_version, note, money(amount, "amount", "approved amount"))


def reject(app: AppContext, actor: Actor, number: str, *, expected_version: int | None, note: str) -> int:
    """Reject a claim in review (the note says why); returns the new version."""
    return _decide(app, actor, number, "rejected", expected_version, note, None)


def _decide(app: AppContext, actor: Actor, number: str, status: str, expected_version: int | None,
            note: str | None, amount: Decimal | None) -> int:
    note = clean(note, 500)
    if status != "approved" and not note:
        raise ValidationError(f"Say why the claim is {status}; the partner sees the note.", "note")
    with app.unit_of_work(actor, REVIEW) as work:
        claim = get_claim(work.session, actor, number, lock=True)
        check_version(claim, expected_version, f"Claim {claim.number}")
        if claim.status != "in_review":
            raise ValidationError(f"Claim {claim.number} is {claim.status.replace('_', ' ')}; only a claim in "
                                  "review (checked by the audit rules) can be decided.", "status")
        if status == "adjusted" and amount == claim.amount:
            raise ValidationError(f"{amount} is the claimed amount; approve the claim instead.", "amount")
        claim.status, claim.decision_note = status, note
        claim.approved_amount = {"approved": claim.amount, "adjusted": amount, "rejected": None}[status]
        claim.decided_by, claim.decided_at = actor.username, utcnow()
        detail = {"note": note, "approved_amount": claim.approved_amount}
        add_event(work, claim, status, detail)
        work.audit(f"claim.{status}", "claim", claim.number, detail)
        work.session.flush()
    return claim.version
