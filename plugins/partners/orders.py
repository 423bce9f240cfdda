"""Service orders (派工单) step by step, with a clock per step.

An order is dispatched to a partner (by hand, by import, or from an incident's
``incidents.work_order_dispatched`` event), numbered ``<partner code>-<nnnnnn>`` per partner, and
sent to the partner's centre nearest the site. Three step clocks are fixed at dispatch on the
step-clock calendar: accept within ``partners.accept_within_minutes``, arrive by the distance
table ``partners.arrive_distance_table`` (centre-to-site km), fix within ``partners.fix_within_hours``.
Every step is a row (time, who recorded it, engineer, coordinates, reason, satisfaction); the
clocks are replayed from the steps by core's SLA engine, never stored as counters.

Each step publishes ``partners.service_order_changed`` (``number, incident_ref, work_order,
status, at``). Qt-free; dispatch needs ``partners.edit``, recording steps ``partners.record``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, case, func, literal, or_, select, update
from sqlalchemy.orm import Session

from console.api import (
    Actor,
    AppContext,
    Asset,
    ClockDefinition,
    ClockState,
    Customer,
    DomainEvent,
    NotFound,
    ServiceCentre,
    ServiceError,
    Site,
    StaleEditError,
    Transition,
    UnitOfWork,
    UTCDateTime,
    ValidationError,
    compute_clock,
    explain,
    get_setting,
    nearest_centre,
    utcnow,
)
from plugins.partners import access
from plugins.partners.models import (
    FINAL_STATUSES,
    INCOMPLETE_REASONS,
    NEXT_STEPS,
    ORDER_SOURCES,
    REJECT_REASONS,
    REPAIR_LEVELS,
    Engineer,
    OrderStep,
    Partner,
    ServiceOrder,
)
from plugins.partners.network import code_input, engineer_of, partner_by_code, text_input
from plugins.partners.rules.sql import first_step_at

EDIT = "partners.edit"
RECORD = "partners.record"
CHANGED = "partners.service_order_changed"
#: The reason lists of the steps that need one.
REASONS = {"rejected": REJECT_REASONS, "incomplete": INCOMPLETE_REASONS}
CLOCK_NAMES = ("accept", "arrive", "fix")
log = logging.getLogger(__name__)


# -- the clocks' targets ---------------------------------------------------------------------
def clock_calendar(app: AppContext):
    """The step-clock calendar (``partners.calendar``): a stored business calendar, or 24×7 when empty."""
    from console.api import BusinessCalendar, load_calendar

    name = str(get_setting(app, "partners.calendar") or "").strip()
    if not name:
        return BusinessCalendar.always()
    try:
        return load_calendar(app, name)
    except NotFound as error:
        raise ValidationError(f"The step clock calendar “{name}” (setting partners.calendar) does not exist: "
                              f"{error}", "partners.calendar") from None


def parse_distance_table(text: str) -> list[tuple[Decimal | None, int]]:
    """``"50:240, 150:480, *:2880"`` as ``[(50, 240), (150, 480), (None, 2880)]`` (None: any distance),
    nearest first; a malformed table is a ValidationError naming the setting."""
    rows: list[tuple[Decimal | None, int]] = []
    for part in str(text or "").replace("，", ",").split(","):
        if not part.strip():
            continue
        km, _, minutes = part.partition(":")
        try:
            limit = None if km.strip() == "*" else Decimal(km.strip())
            rows.append((limit, int(minutes.strip())))
        except (ArithmeticError, ValueError):
            raise ValidationError(f"The arrive distance table (setting partners.arrive_distance_table) has "
                                  f"“{part.strip()}”; write km:minutes pairs such as 50:240, 150:480, *:2880.",
                                  "partners.arrive_distance_table") from None
        if rows[-1][1] <= 0:
            raise ValidationError(f"The arrive distance table gives {minutes.strip()} minutes; use a positive "
                                  "number of minutes.", "partners.arrive_distance_table")
    return sorted(rows, key=lambda row: (row[0] is None, row[0] or 0))


def arrive_minutes(table: list[tuple[Decimal | None, int]], distance_km: Decimal | None) -> int | None:
    """The minutes of the first row covering ``distance_km`` (unknown distance: the ``*`` row), or None."""
    for limit, minutes in table:
        if limit is None or (distance_km is not None and distance_km <= limit):
            return minutes
    return None


@dataclass(frozen=True)
class DueRules:
    """The step clocks' targets and calendar as the settings stand: read once, used for many orders."""

    accept: timedelta
    table: list[tuple[Decimal | None, int]]
    fix: timedelta
    calendar: Any

    @classmethod
    def current(cls, app: AppContext) -> DueRules:
        """The rules from the ``partners.*`` settings."""
        return cls(timedelta(minutes=int(get_setting(app, "partners.accept_within_minutes"))),
                   parse_distance_table(get_setting(app, "partners.arrive_distance_table")),
                   timedelta(hours=int(get_setting(app, "partners.fix_within_hours"))), clock_calendar(app))

    def dues(self, dispatched_at: datetime, distance_km: Decimal | None) -> tuple[datetime, datetime | None, datetime]:
        """``(accept_due_at, arrive_due_at, fix_due_at)`` of an order dispatched at ``dispatched_at``."""
        add = self.calendar.add
        minutes = arrive_minutes(self.table, distance_km)
        return (add(dispatched_at, self.accept), add(dispatched_at, timedelta(minutes=minutes)) if minutes else None,
                add(dispatched_at, self.fix))


# -- dispatch --------------------------------------------------------------------------------
def _aware(value: datetime | None, field: str, label: str, now: datetime) -> datetime:
    """``value`` (default: now) as an aware instant that is not in the future."""
    if value is None:
        return now
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(f"Give the {label} as a date and time with its time zone.", field)
    if value > now:
        raise ValidationError(f"The {label} {value:%Y-%m-%d %H:%M} is in the future; enter when it happened.", field)
    return value


def _next_order_sequence(session: Session, partner_id: int) -> int:
    """Increment the partner's order counter; the UPDATE holds the partner's row until commit."""
    table = Partner.__table__
    session.execute(update(table).where(table.c.id == partner_id).values(last_order_seq=table.c.last_order_seq + 1))
    return session.scalar(select(table.c.last_order_seq).where(table.c.id == partner_id))


def _place(session: Session, customer_id, site_id, asset_id) -> tuple[int | None, Site | None, int | None]:
    """The order's customer, site and asset, completed from the asset and the site and checked to agree."""
    asset = site = None
    if asset_id is not None:
        asset = session.get(Asset, asset_id)
        if asset is None:
            raise ValidationError(f"There is no asset {asset_id}; pick the asset from the directory.", "asset_id")
        site_id = site_id if site_id is not None else asset.site_id
        customer_id = customer_id if customer_id is not None else asset.customer_id
    if site_id is not None:
        site = session.get(Site, site_id)
        if site is None:
            raise ValidationError(f"There is no site {site_id}; pick the site from the directory.", "site_id")
        customer_id = customer_id if customer_id is not None else site.customer_id
    if customer_id is not None and session.get(Customer, customer_id) is None:
        raise ValidationError(f"There is no customer {customer_id}; pick the customer from the directory.",
                              "customer_id")
    if site is not None and site.customer_id != customer_id:
        raise ValidationError(f"Site {site.name} belongs to another customer; pick one of this customer's sites.",
                              "site_id")
    if asset is not None and asset.customer_id != customer_id:
        raise ValidationError(f"Asset {asset.serial} belongs to another customer; check the asset.", "asset_id")
    return customer_id, site, asset.id if asset else None


def _centre(session: Session, partner: Partner, site: Site | None) -> tuple[int | None, Decimal | None]:
    """The partner's centre nearest the site and the distance in km (None, None without coordinates or centres)."""
    if site is None or site.latitude is None or site.longitude is None:
        return None, None
    try:
        centre, km = nearest_centre(session, site.latitude, site.longitude, partner.code)
    except NotFound:
        return None, None
    return centre.id, Decimal(str(round(km, 1)))


def new_order(work: UnitOfWork, rules: DueRules, *, partner_code: str, incident_ref=None, work_order_ref=None,
              customer_id=None, site_id=None, asset_id=None, category=None, repair_level="L2", external_ref=None,
              source="manual", dispatched_at=None, audit: bool = True) -> ServiceOrder:
    """Dispatch one service order inside ``work`` (the import writes many in one transaction; with
    ``audit=False`` it audits its file once instead); see ``create_service_order``."""
    session, now = work.session, utcnow()
    incident_ref = code_input(incident_ref, "incident_ref", "incident number", 32, required=False)
    work_order_ref = code_input(work_order_ref, "work_order_ref", "work order number", 48, required=False)
    external_ref = text_input(external_ref, "external_ref", "partner's own order number", 64, required=False)
    category = text_input(category, "category", "category", 64, required=False)
    if repair_level not in REPAIR_LEVELS:
        raise ValidationError(f"'{repair_level}' is not a repair level; use one of {', '.join(REPAIR_LEVELS)}.",
                              "repair_level")
    if source not in ORDER_SOURCES:
        raise ValidationError(f"'{source}' is not an order source; use one of {', '.join(ORDER_SOURCES)}.", "source")
    dispatched_at = _aware(dispatched_at, "dispatched_at", "dispatch time", now)
    partner = partner_by_code(session, partner_code)
    access.require_partner(session, work.actor, partner.id, f"Partner {partner.code}")
    _refuse_second_open_order(session, partner, incident_ref, work_order_ref)
    if external_ref is not None and session.scalar(select(ServiceOrder.number).where(
            ServiceOrder.partner_id == partner.id, ServiceOrder.external_ref == external_ref)) is not None:
        raise ValidationError(f"{partner.code} already has an order with its number {external_ref}.", "external_ref")
    customer_id, site, asset_id = _place(session, customer_id, site_id, asset_id)
    centre_id, distance = _centre(session, partner, site)
    accept_due, arrive_due, fix_due = rules.dues(dispatched_at, distance)
    order = ServiceOrder(
        number=f"{partner.code}-{_next_order_sequence(session, partner.id):06d}", partner_id=partner.id,
        status="dispatched", source=source, incident_ref=incident_ref, work_order_ref=work_order_ref,
        external_ref=external_ref, customer_id=customer_id, site_id=site.id if site else None, asset_id=asset_id,
        centre_id=centre_id, category=category, repair_level=repair_level, distance_km=distance,
        dispatched_at=dispatched_at, accept_due_at=accept_due, arrive_due_at=arrive_due, fix_due_at=fix_due)
    session.add(order)
    session.flush()
    session.add(OrderStep(order_id=order.id, step="dispatched", at=dispatched_at, recorded_by=work.actor.username,
                          recorded_at=now))
    if audit:
        work.audit("service_order.create", "service_order", order.number,
                   {"partner": partner.code, "incident": incident_ref, "work_order": work_order_ref,
                    "source": source, "centre_id": centre_id,
                    "distance_km": str(distance) if distance is not None else None})
    return order


def _refuse_second_open_order(session: Session, partner: Partner, incident_ref: str | None,
                              work_order_ref: str | None) -> None:
    """A partner holds at most one open order per incident, and a work order at most one open order."""
    still_open = ServiceOrder.status.not_in(FINAL_STATUSES)
    if incident_ref is not None:
        number = session.scalar(select(ServiceOrder.number).where(
            ServiceOrder.partner_id == partner.id, ServiceOrder.incident_ref == incident_ref, still_open))
        if number is not None:
            raise ValidationError(f"{partner.code} already has open order {number} for {incident_ref}.",
                                  "incident_ref")
    if work_order_ref is not None:
        number = session.scalar(select(ServiceOrder.number).where(
            ServiceOrder.work_order_ref == work_order_ref, still_open))
        if number is not None:
            raise ValidationError(f"Work order {work_order_ref} already has open service order {number}.",
                                  "work_order_ref")


def create_service_order(app: AppContext, actor: Actor, *, partner_code: str, incident_ref: str | None = None,
                         work_order_ref: str | None = None, customer_id: int | None = None, site_id: int | None = None,
                         asset_id: int | None = None, category: str | None = None, repair_level: str = "L2",
                         external_ref: str | None = None, source: str = "manual",
                         dispatched_at: datetime | None = None) -> str:
    """Dispatch a service order to an active partner; returns its number (``<partner code>-<nnnnnn>``).

    The customer and site default from the asset (and the customer from the site). The partner's
    centre nearest the site is stored with its distance; the accept, arrive and fix due instants
    are fixed now on the step-clock calendar; the first step, "dispatched", is recorded. A
    partner holds at most one open order per incident.
    """
    rules = DueRules.current(app)
    with app.unit_of_work(actor, EDIT) as work:
        order = new_order(work, rules, partner_code=partner_code, incident_ref=incident_ref,
                          work_order_ref=work_order_ref, customer_id=customer_id, site_id=site_id, asset_id=asset_id,
                          category=category, repair_level=repair_level, external_ref=external_ref, source=source,
                          dispatched_at=dispatched_at)
        announce_step(work, order, order.dispatched_at)
        return order.number


def announce_step(work: UnitOfWork, order: ServiceOrder, at: datetime) -> None:
    """Queue ``partners.service_order_changed`` for the order's current status."""
    work.emit(CHANGED, number=order.number, incident_ref=order.incident_ref, work_order=order.work_order_ref,
              status=order.status, at=at)


def order_for_dispatch(app: AppContext, event: DomainEvent) -> str | None:
    """Turn ``incidents.work_order_dispatched`` into a service order (category from the incident when
    incidents is installed); returns its number. Never raises: a refusal is logged."""
    payload = event.payload
    try:
        category = None
        if app.has_plugin("incidents") and payload.get("number"):
            from plugins.incidents.api import incident_summary

            with app.session() as session:
                summary = incident_summary(session, str(payload["number"]))
            category = summary.category[:64] if summary else None
        return create_service_order(app, Actor.system(), partner_code=str(payload.get("partner_code") or ""),
                                    incident_ref=payload.get("number"), work_order_ref=payload.get("work_order"),
                                    customer_id=payload.get("customer_id"), site_id=payload.get("site_id"),
                                    asset_id=payload.get("asset_id"), category=category, source="dispatch")
    except ServiceError as error:
        log.warning("dispatch of %s (%s) by %s not turned into a service order: %s", payload.get("number"),
                    payload.get("work_order"), event.actor, error)
    except Exception:  # noqa: BLE001 - a listener must never break the publisher
        log.exception("dispatch of %s could not be turned into a service order", payload.get("number"))
    return None


def asset_by_serial(session: Session, serial: str | None, field: str = "asset_serial") -> int | None:
    """The id of the asset with ``serial`` (None for an empty serial); a ValidationError when there is none."""
    serial = (serial or "").strip()
    if not serial:
        return None
    asset_id = session.scalar(select(Asset.id).where(Asset.serial == serial))
    if asset_id is None:
        raise ValidationError(f"There is no asset with serial number {serial}; check it or register the asset.",
                              field)
    return asset_id


# -- steps -----------------------------------------------------------------------------------
def order_by_number(session: Session, number: str, actor: Actor) -> ServiceOrder:
    """The service order ``number`` (NotFound), refused to another partner's user (PermissionDenied)."""
    order = session.scalar(select(ServiceOrder).where(ServiceOrder.number == str(number or "").strip().upper()))
    if order is None:
        raise NotFound(f"There is no service order {number}; check the number.")
    access.require_partner(session, actor, order.partner_id, f"Service order {order.number}")
    return order


def allowed_steps(status: str) -> tuple[str, ...]:
    """The steps that may follow ``status`` (none after a final step)."""
    return NEXT_STEPS.get(status, ())


def add_step(work: UnitOfWork, order: ServiceOrder, step: str, *, at: datetime | None = None,
             engineer: Engineer | None = None, latitude=None, longitude=None, reason: str | None = None,
             note: str | None = None, satisfaction: int | None = None, previous: datetime | None = None,
             audit: bool = True) -> OrderStep:
    """Record one step inside ``work`` and move the order on (the checks of ``record_step``).

    ``engineer`` is one of the order's partner's (``network.engineer_of``); ``previous``, when the
    caller knows it, is the time of the order's latest step; ``audit=False`` leaves the audit to
    the caller (an import audits its file once).
    """
    session, now = work.session, utcnow()
    if step not in allowed_steps(order.status):
        allowed = ", ".join(allowed_steps(order.status)) or "nothing (it is finished)"
        raise ValidationError(f"Service order {order.number} is {order.status}; the next step can be {allowed}, "
                              f"not {step}.", "step")
    at = _aware(at, "at", f"time of the “{step}” step", now)
    if previous is None:
        previous = session.scalar(select(OrderStep.at).where(OrderStep.order_id == order.id)
                                  .order_by(OrderStep.at.desc()).limit(1)) or order.dispatched_at
    if at < previous:
        raise ValidationError(f"The “{step}” step at {at:%Y-%m-%d %H:%M} is before the previous step "
                              f"({previous:%Y-%m-%d %H:%M}); steps are recorded in time order.", "at")
    reason = _reason(step, reason)
    if satisfaction is not None and step != "confirmed":
        raise ValidationError("Customer satisfaction is recorded with the customer's confirmation only.",
                              "satisfaction")
    if satisfaction is not None and (not isinstance(satisfaction, int) or not 1 <= satisfaction <= 5):
        raise ValidationError(f"Satisfaction is 1 (poor) to 5 (excellent), not {satisfaction}.", "satisfaction")
    latitude, longitude = _position(latitude, longitude)
    row = OrderStep(order_id=order.id, step=step, at=at, recorded_by=work.actor.username, recorded_at=now,
                    engineer_id=engineer.id if engineer else None, latitude=latitude, longitude=longitude,
                    reason=reason, note=text_input(note, "note", "note", 500, required=False),
                    satisfaction=satisfaction)
    session.add(row)
    order.status = step
    if engineer is not None:
        order.engineer_id = engineer.id
    if step in FINAL_STATUSES:
        order.closed_at = at
    if audit:
        work.audit("service_order.step", "service_order", order.number,
                   {"step": step, "at": at.isoformat(), "engineer": engineer.code if engineer else None,
                    "reason": reason, "satisfaction": satisfaction})
    return row


def _reason(step: str, reason: str | None) -> str | None:
    """The reason of a rejection or an incomplete closure (required there, refused elsewhere)."""
    reason = (reason or "").strip().lower() or None
    choices = REASONS.get(step)
    if choices is None:
        if reason is not None:
            raise ValidationError(f"A reason is recorded only when an order is rejected or closed incomplete, "
                                  f"not with “{step}”.", "reason")
        return None
    if reason not in choices:
        raise ValidationError(f"Choose why the order is {step}: one of {', '.join(choices)}.", "reason")
    return reason


def _position(latitude, longitude) -> tuple[Decimal | None, Decimal | None]:
    """Check-in coordinates: both or neither, in degrees, six decimals."""
    if latitude in (None, "") and longitude in (None, ""):
        return None, None
    if latitude in (None, "") or longitude in (None, ""):
        raise ValidationError("Give both the latitude and the longitude of the check-in, or neither.",
                              "latitude" if latitude in (None, "") else "longitude")
    values = []
    for value, name, limit in ((latitude, "latitude", 90), (longitude, "longitude", 180)):
        try:
            number = Decimal(str(value).strip())
        except ArithmeticError:
            raise ValidationError(f"The {name} “{value}” is not a number of degrees such as 39.9042.", name) from None
        if not number.is_finite() or abs(number) > limit:
            raise ValidationError(f"The {name} must be between -{limit} and {limit} degrees, not {value}.", name)
        values.append(round(number, 6))
    return values[0], values[1]


def record_step(app: AppContext, actor: Actor, number: str, step: str, *, at: datetime | None = None,
                engineer_code: str | None = None, latitude=None, longitude=None, reason: str | None = None,
                note: str | None = None, satisfaction: int | None = None,
                expected_version: int | None = None) -> int:
    """Record the next step of a service order; returns the order's new version.

    The step must be allowed after the current one (``NEXT_STEPS``); a rejection or an
    incomplete closure needs a reason from ``REJECT_REASONS`` / ``INCOMPLETE_REASONS``;
    satisfaction (1–5) goes with the customer's confirmation only; ``at`` (default: now) is not
    before the previous step and not in the future. The step's engineer becomes the order's;
    a final step closes it. Publishes ``partners.service_order_changed``.
    """
    with app.unit_of_work(actor, RECORD) as work:
        order = order_by_number(work.session, number, actor)
        if expected_version is not None and order.version != expected_version:
            raise StaleEditError(f"Service order {order.number}")
        engineer = engineer_of(work.session, work.session.get(Partner, order.partner_id), engineer_code)
        row = add_step(work, order, step, at=at, engineer=engineer, latitude=latitude, longitude=longitude,
                       reason=reason, note=note, satisfaction=satisfaction)
        work.session.flush()
        announce_step(work, order, row.at)
        return order.version


# -- clocks and the timeline -----------------------------------------------------------------
#: Which steps stop each clock, and which end it without applying (a rejected order is never fixed).
CLOCK_RULES = {
    "accept": (frozenset({"accepted", "rejected"}), frozenset()),
    "arrive": (frozenset({"arrived"}), frozenset({"rejected"})),
    "fix": (frozenset({"fixed"}), frozenset({"rejected", "incomplete"})),
}


@dataclass(frozen=True)
class StepClock:
    """One step clock of an order: ``name`` ("accept", "arrive", "fix"), ``target``, the replayed
    ``state`` (``console.api.ClockState``), the ``due`` instant fixed at dispatch and the definition."""

    name: str
    target: timedelta
    state: ClockState
    due: datetime
    definition: ClockDefinition

    @property
    def breached(self) -> bool:
        """True when the clock ran past its due instant."""
        return self.state.breached_at is not None

    def sentences(self) -> list[str]:
        """Core's English explanation of the clock (``console.api.explain``)."""
        return explain(self.state, self.definition)


def step_clocks(order: ServiceOrder, steps, *, calendar=None, now: datetime | None = None) -> list[StepClock]:
    """The accept, arrive and fix clocks of ``order`` replayed from its ``steps`` (OrderStep rows or
    anything with ``step``, ``at`` and ``reason``) up to ``now``.

    Each clock runs from dispatch to its stop step against the due instant fixed at dispatch.
    With ``calendar`` (``clock_calendar(app)``) time is counted in its working hours; without,
    round the clock — the due instants, states and breaches are the same either way. A clock
    without a due instant (no arrive target) is left out.
    """
    from console.api import BusinessCalendar

    now = now or utcnow()
    calendar = calendar or BusinessCalendar.always()
    history = sorted([Transition(order.dispatched_at, "dispatched")]
                     + [Transition(s.at, s.step, s.reason) for s in steps if s.step != "dispatched"],
                     key=lambda t: t.at)
    clocks = []
    for name, due in zip(CLOCK_NAMES, (order.accept_due_at, order.arrive_due_at, order.fix_due_at)):
        if due is None:
            continue
        stops, cancels = CLOCK_RULES[name]
        target = max(calendar.between(order.dispatched_at, due), timedelta(minutes=1))
        definition = ClockDefinition(start_statuses=frozenset({"*"}), stop_statuses=stops, pause_reasons=frozenset(),
                                     pause_statuses=frozenset(), cancel_statuses=cancels, target=target,
                                     calendar=calendar)
        clocks.append(StepClock(name, target, compute_clock(definition, _until(history, stops | cancels), now),
                                due, definition))
    return clocks


def _until(history: list[Transition], ends: frozenset[str]) -> list[Transition]:
    """``history`` up to and including its first transition into ``ends``: a step clock, once stopped,
    stays stopped (later steps would otherwise resume it, as a reopened ticket does)."""
    for index, transition in enumerate(history):
        if transition.status in ends:
            return history[:index + 1]
    return history


@dataclass(frozen=True)
class StepRow:
    """One recorded step as the timeline shows it."""

    step: str
    at: datetime
    recorded_by: str
    recorded_at: datetime
    engineer_code: str | None
    engineer_name: str | None
    latitude: Decimal | None
    longitude: Decimal | None
    reason: str | None
    note: str | None
    satisfaction: int | None


@dataclass(frozen=True)
class OrderTimeline:
    """An order's facts, its steps in time order and its step clocks: the reviewers' view."""

    number: str
    version: int
    partner_code: str
    partner_name: str
    status: str
    source: str
    incident_ref: str | None
    work_order_ref: str | None
    external_ref: str | None
    customer: str | None
    site: str | None
    asset_serial: str | None
    centre: str | None
    distance_km: Decimal | None
    category: str | None
    repair_level: str
    engineer: str | None
    dispatched_at: datetime
    accept_due_at: datetime
    arrive_due_at: datetime | None
    fix_due_at: datetime | None
    closed_at: datetime | None
    now: datetime
    steps: list[StepRow] = field(default_factory=list)
    clocks: list[StepClock] = field(default_factory=list)

    @property
    def next_steps(self) -> tuple[str, ...]:
        """The steps that may be recorded now."""
        return allowed_steps(self.status)


def timeline(session: Session, number: str, actor: Actor, *, calendar=None, now: datetime | None = None
             ) -> OrderTimeline:
    """The order ``number`` with its steps and clocks (see ``step_clocks`` for ``calendar``);
    NotFound, or PermissionDenied for another partner's user."""
    order = order_by_number(session, number, actor)
    now = now or utcnow()
    partner = session.get(Partner, order.partner_id)
    rows = session.execute(select(OrderStep, Engineer.code, Engineer.name)
                           .outerjoin(Engineer, Engineer.id == OrderStep.engineer_id)
                           .where(OrderStep.order_id == order.id).order_by(OrderStep.at, OrderStep.id)).all()
    steps = [StepRow(s.step, s.at, s.recorded_by, s.recorded_at, code, name, s.latitude, s.longitude, s.reason,
                     s.note, s.satisfaction) for s, code, name in rows]
    customer = session.get(Customer, order.customer_id) if order.customer_id else None
    site = session.get(Site, order.site_id) if order.site_id else None
    asset = session.get(Asset, order.asset_id) if order.asset_id else None
    centre = session.get(ServiceCentre, order.centre_id) if order.centre_id else None
    engineer = session.get(Engineer, order.engineer_id) if order.engineer_id else None
    return OrderTimeline(
        number=order.number, version=order.version, partner_code=partner.code, partner_name=partner.name,
        status=order.status, source=order.source, incident_ref=order.incident_ref,
        work_order_ref=order.work_order_ref, external_ref=order.external_ref,
        customer=customer.name if customer else None, site=site.name if site else None,
        asset_serial=asset.serial if asset else None, centre=f"{centre.code} · {centre.name}" if centre else None,
        distance_km=order.distance_km, category=order.category, repair_level=order.repair_level,
        engineer=f"{engineer.code} · {engineer.name}" if engineer else None, dispatched_at=order.dispatched_at,
        accept_due_at=order.accept_due_at, arrive_due_at=order.arrive_due_at, fix_due_at=order.fix_due_at,
        closed_at=order.closed_at, now=now, steps=steps,
        clocks=step_clocks(order, steps, calendar=calendar, now=now))


# -- the clocks in SQL -----------------------------------------------------------------------
def breached_clause(now: datetime):
    """SQL: true when any of the order's step clocks breached (as ``step_clocks`` replays them): its stop
    step came after the due instant, or it is still running past it. A clock whose order ended
    without its stop step (rejected, closed incomplete) does not apply."""
    def late(stop, due):
        running = case((ServiceOrder.closed_at.is_(None), literal(now, UTCDateTime())), else_=None)
        return and_(due.is_not(None), func.coalesce(stop, running) > due)

    return or_(late(first_step_at(ServiceOrder.id, "accepted", "rejected"), ServiceOrder.accept_due_at),
               late(first_step_at(ServiceOrder.id, "arrived"), ServiceOrder.arrive_due_at),
               late(first_step_at(ServiceOrder.id, "fixed"), ServiceOrder.fix_due_at))
