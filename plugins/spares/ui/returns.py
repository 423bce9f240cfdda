"""The return loop: expected defective returns, the overdue list, inspection, repair, scrap, loss write-offs;
and the wrong shipments to reconcile."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import case, func, select

from console.api import Context, utcnow
from console.api.ui import (
    VALUE_ROLE,
    ChoiceFilter,
    Column,
    DetailSection,
    Field,
    ListPage,
    PageAction,
    detail_html,
    tr,
    user_zone,
)
from plugins.spares.models import DISCREPANCY_RESOLUTIONS, OPEN_RETURN_STATES, Discrepancy, Location, Move, Part, Return
from plugins.spares.service import discrepancies, returns
from plugins.spares.service.common import APPROVE, MOVE, policy, reading
from plugins.spares.ui.common import (
    MOVE_KINDS,
    NAME,
    decision_form,
    location_choices,
    money,
    named,
    open_form,
    quantity,
)

STATES = {
    "expected": QT_TRANSLATE_NOOP("spares", "Expected"), "received": QT_TRANSLATE_NOOP("spares", "Received"),
    "inspected": QT_TRANSLATE_NOOP("spares", "Inspected"), "at_repair": QT_TRANSLATE_NOOP("spares", "At repair"),
    "refurbished": QT_TRANSLATE_NOOP("spares", "Refurbished"), "scrapped": QT_TRANSLATE_NOOP("spares", "Scrapped"),
    "restocked": QT_TRANSLATE_NOOP("spares", "Back in stock (unused)"),
    "loss_requested": QT_TRANSLATE_NOOP("spares", "Write-off requested"),
    "written_off": QT_TRANSLATE_NOOP("spares", "Written off"),
}
OUTCOMES = {"defective": QT_TRANSLATE_NOOP("spares", "Defective"),
            "good_unused": QT_TRANSLATE_NOOP("spares", "Good, unused"),
            "wrong_part": QT_TRANSLATE_NOOP("spares", "Wrong part")}
STATE_COLOURS = {"expected": "#2f6db5", "loss_requested": "#b3261e", "written_off": "#7f8c8d"}


def returns_page(context: Context) -> ListPage:
    """Every return, the open ones first by due date; receive, inspect, repair, scrap, write off."""
    rules = policy(context.app)
    today = rules.local_date(utcnow())
    received = Part.__table__.alias("received")
    late = func.coalesce(Return.due_on < today, False)
    waiting = case((Return.state.in_(("expected", "loss_requested")), Return.due_on)).label("due")  # still out
    query = (select(Return.number, Return.state, waiting, Return.ref, Part.part_number, Part.name,
                    Return.issued_at, Return.outcome, Return.received_serial, received.c.part_number.label("came"),
                    Location.code, Return.partner_code, Return.loss_value)
             .join(Part, Part.id == Return.part_id).outerjoin(received, received.c.id == Return.received_part_id)
             .outerjoin(Location, Location.id == Return.depot_id))
    columns = [
        Column(QT_TRANSLATE_NOOP("spares", "Number"), searchable=True, width=17),
        Column(QT_TRANSLATE_NOOP("spares", "State"), format=named(STATES), colour=STATE_COLOURS.get, width=14),
        Column(QT_TRANSLATE_NOOP("spares", "Due"), width=10,
               colour=lambda due: "#b3261e" if due is not None and due < today else None),
        Column(QT_TRANSLATE_NOOP("spares", "For"), searchable=True, width=20),
        Column(QT_TRANSLATE_NOOP("spares", "Part number"), searchable=True, width=16),
        Column(QT_TRANSLATE_NOOP("spares", "Name"), searchable=True, width=22),
        Column(QT_TRANSLATE_NOOP("spares", "Issued"), width=16),
        Column(QT_TRANSLATE_NOOP("spares", "Inspection"), format=named(OUTCOMES), width=11),
        Column(QT_TRANSLATE_NOOP("spares", "Serial back"), searchable=True, width=16),
        Column(QT_TRANSLATE_NOOP("spares", "Part back"), width=16),
        Column(QT_TRANSLATE_NOOP("spares", "Depot"), width=10),
        Column(QT_TRANSLATE_NOOP("spares", "Partner"), width=8),
        Column(QT_TRANSLATE_NOOP("spares", "Loss value"), format=money, align="right", width=10),
    ]
    expected = Return.state == "expected"
    filters = [ChoiceFilter(QT_TRANSLATE_NOOP("spares", "Queue"), [
        (QT_TRANSLATE_NOOP("spares", "Open returns"), Return.state.in_(OPEN_RETURN_STATES)),
        (QT_TRANSLATE_NOOP("spares", "Overdue"), expected & late),
        (QT_TRANSLATE_NOOP("spares", "Losses (long overdue)"), expected & (Return.due_on < rules.loss_cutoff(today))),
        (QT_TRANSLATE_NOOP("spares", "Write-offs to approve"), Return.state == "loss_requested"),
        (QT_TRANSLATE_NOOP("spares", "Waiting for inspection"), Return.state == "received"),
        (QT_TRANSLATE_NOOP("spares", "To send to repair"), Return.state == "inspected"),
        (QT_TRANSLATE_NOOP("spares", "At repair"), Return.state == "at_repair"),
        (QT_TRANSLATE_NOOP("spares", "Closed"), Return.state.not_in(OPEN_RETURN_STATES)),
        (QT_TRANSLATE_NOOP("spares", "All returns"), None)])]
    actions = [
        PageAction(QT_TRANSLATE_NOOP("spares", "Receive…"), lambda p: receive(p, context), permission=MOVE,
                   primary=True),
        PageAction(QT_TRANSLATE_NOOP("spares", "Inspect…"), lambda p: inspect_form(p, context), needs_row=True,
                   permission=MOVE),
        PageAction(QT_TRANSLATE_NOOP("spares", "Repair or scrap…"), lambda p: repair_form(p, context),
                   needs_row=True, permission=MOVE),
        PageAction(QT_TRANSLATE_NOOP("spares", "Write-off…"), lambda p: write_off(p, context), needs_row=True,
                   permission=MOVE),
    ]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=Return.id,
                    sort=(2, Qt.SortOrder.AscendingOrder), filters=filters, actions=actions,
                    detail=lambda key: return_detail(context, key),
                    count_text=QT_TRANSLATE_NOOP("spares", "{count} returns"),
                    empty_text=QT_TRANSLATE_NOOP("spares", "No return matches these filters."),
                    export_name="spare-part-returns")


def return_detail(context: Context, return_id) -> str:
    """The return's facts and every move of its unit."""
    zone = user_zone(context)
    with reading(context.app) as session:
        row = session.get(Return, int(return_id))
        if row is None:
            return tr(NAME, "This return no longer exists.")
        part = session.get(Part, row.part_id)
        came = session.get(Part, row.received_part_id) if row.received_part_id else None
        serials = [s for s in (row.issued_serial, row.received_serial) if s]
        source, target = Location.__table__.alias("source"), Location.__table__.alias("target")
        moves = session.execute(
            select(Move.at, Move.kind, Move.serial, source.c.code, target.c.code)
            .outerjoin(source, source.c.id == Move.from_location_id)
            .outerjoin(target, target.c.id == Move.to_location_id)
            .where(Move.ref == row.ref, Move.part_id.in_({row.part_id, row.received_part_id or row.part_id}),
                   (Move.serial.in_(serials) | Move.serial.is_(None)) if serials else Move.serial.is_(None))
            .order_by(Move.at)).all() if row.ref else []
    facts = DetailSection(QT_TRANSLATE_NOOP("spares", "Return"), [
        (QT_TRANSLATE_NOOP("spares", "For"), row.ref or "—"),
        (QT_TRANSLATE_NOOP("spares", "State"), tr(NAME, STATES[row.state])),
        (QT_TRANSLATE_NOOP("spares", "Expected part"), f"{part.part_number} · {part.name}"),
        (QT_TRANSLATE_NOOP("spares", "Issued serial"), row.issued_serial or "—"),
        (QT_TRANSLATE_NOOP("spares", "Expected defective serial"), row.expected_serial or "—"),
        (QT_TRANSLATE_NOOP("spares", "Due"), row.due_on.isoformat() if row.due_on else "—"),
        (QT_TRANSLATE_NOOP("spares", "Came back"),
         " · ".join(filter(None, [came.part_number if came else None, row.received_serial])) or "—"),
        (QT_TRANSLATE_NOOP("spares", "Inspection"), tr(NAME, OUTCOMES[row.outcome]) if row.outcome else "—"),
        (QT_TRANSLATE_NOOP("spares", "Partner"), row.partner_code or "—")])
    sections = [facts]
    if row.loss_reason:
        sections.append(DetailSection(QT_TRANSLATE_NOOP("spares", "Loss"), [
            (QT_TRANSLATE_NOOP("spares", "Reason"), row.loss_reason),
            (QT_TRANSLATE_NOOP("spares", "Asked by"), row.loss_requested_by or "—"),
            (QT_TRANSLATE_NOOP("spares", "Written off by"), row.written_off_by or "—"),
            (QT_TRANSLATE_NOOP("spares", "Loss value"), money(row.loss_value) or "—")]))
    sections.append(DetailSection(QT_TRANSLATE_NOOP("spares", "Moves"), [
        (f"{(at.astimezone(zone) if zone else at):%Y-%m-%d %H:%M}",
         f"{tr(NAME, MOVE_KINDS.get(kind, kind))}" + (f" · {serial}" if serial else "") + f" · {src or '—'} → "
         f"{dst or '—'}") for at, kind, serial, src, dst in moves] or [(QT_TRANSLATE_NOOP("spares", "None"), "—")]))
    return detail_html(f"{row.number} · {part.part_number}", sections, owner=NAME, zone=zone)


def _state(page: ListPage) -> str | None:
    """The state of the selected return, read from the list."""
    index = page.table.currentIndex()
    return page.model.data(page.model.index(index.row(), 1), VALUE_ROLE) if index.isValid() else None


def receive(page: ListPage, context: Context) -> None:
    """Receive the selected expected return, or (nothing expected selected) a part by its reference."""
    if _state(page) == "expected":
        receive_form(page, context)
    else:
        receive_other_form(page, context)


def write_off(page: ListPage, context: Context) -> None:
    """Decide a requested write-off (approvers), else ask for one."""
    if _state(page) == "loss_requested" and context.actor.can(APPROVE):
        decide_form(page, context)
    else:
        write_off_form(page, context)


def receive_form(page: ListPage, context: Context) -> None:
    """The defective part of the selected expected return came back: scan its serial."""
    return_id = page.current_key()

    def values(session) -> dict:
        row = session.get(Return, return_id)
        part = session.get(Part, row.part_id) if row else None
        return {"part_number": part.part_number} if part else {}

    open_form(page, context, tr(NAME, "Receive the defective part"), lambda session: [
        Field("part_number", QT_TRANSLATE_NOOP("spares", "Part number"), required=True),
        Field("serial", QT_TRANSLATE_NOOP("spares", "Serial"),
              help=QT_TRANSLATE_NOOP("spares", "Scan the serial on the unit that came back.")),
        Field("to_code", QT_TRANSLATE_NOOP("spares", "Defective store"), "choice",
              location_choices(session, ("defective",)), required=True),
        Field("accept_mismatch", QT_TRANSLATE_NOOP("spares", "Log as wrong shipment"), "bool",
              help=QT_TRANSLATE_NOOP("spares", "Tick only when the part or serial differs from the expected one and "
                                               "you checked it: it is received and logged for reconciliation.")),
        Field("note", QT_TRANSLATE_NOOP("spares", "Note")),
    ], lambda v: returns.receive(context.app, context.actor, return_id, **v), values=values)


def receive_other_form(page: ListPage, context: Context) -> None:
    """A defective part arrived without a return selected: matched by reference and part, else a new return."""
    open_form(page, context, tr(NAME, "Receive a defective part"), lambda session: [
        Field("ref", QT_TRANSLATE_NOOP("spares", "For"),
              help=QT_TRANSLATE_NOOP("spares", "The incident, work order or service order it was issued for.")),
        Field("part_number", QT_TRANSLATE_NOOP("spares", "Part number"), required=True),
        Field("serial", QT_TRANSLATE_NOOP("spares", "Serial"),
              help=QT_TRANSLATE_NOOP("spares", "Scan the serial on the unit that came back.")),
        Field("to_code", QT_TRANSLATE_NOOP("spares", "Defective store"), "choice",
              location_choices(session, ("defective",)), required=True),
        Field("note", QT_TRANSLATE_NOOP("spares", "Note")),
    ], lambda v: returns.receive(context.app, context.actor, None, **v),
        intro=tr(NAME, "It answers the oldest expected return of that reference and part; without one it is "
                       "recorded as an unexpected return."))


def inspect_form(page: ListPage, context: Context) -> None:
    """Record what the received unit is."""
    return_id = page.current_key()
    open_form(page, context, tr(NAME, "Inspect the returned unit"), lambda session: [
        Field("outcome", QT_TRANSLATE_NOOP("spares", "Inspection"), "choice", list(OUTCOMES.items()), required=True),
        Field("to_code", QT_TRANSLATE_NOOP("spares", "Back to depot (good, unused)"), "choice",
              [("", "—"), *location_choices(session)]),
        Field("note", QT_TRANSLATE_NOOP("spares", "Note")),
    ], lambda v: returns.inspect(context.app, context.actor, return_id, **v),
        intro=tr(NAME, "Good, unused parts go straight back to stock and count as a miss for hit rate; a wrong "
                       "part is logged as a wrong shipment."))


REPAIR_STEPS = {"send": QT_TRANSLATE_NOOP("spares", "Send to a repair vendor"),
                "back": QT_TRANSLATE_NOOP("spares", "Back from repair, into a depot (refurbished)"),
                "scrap": QT_TRANSLATE_NOOP("spares", "Scrap it")}


def repair_form(page: ListPage, context: Context) -> None:
    """The next step of the selected unit: to a repair vendor, back into a depot refurbished, or scrap."""
    return_id = page.current_key()
    state = _state(page)

    def save(v: dict):
        step, location = v["step"], v["location"]
        if step == "send":
            return returns.send_to_repair(context.app, context.actor, [return_id], vendor_code=location, note=v["note"])
        if step == "back":
            return returns.back_from_repair(context.app, context.actor, return_id, to_code=location, note=v["note"])
        return returns.scrap(context.app, context.actor, return_id, note=v["note"])

    open_form(page, context, tr(NAME, "Repair or scrap"), lambda session: [
        Field("step", QT_TRANSLATE_NOOP("spares", "Next step"), "choice", list(REPAIR_STEPS.items()), required=True,
              default="back" if state == "at_repair" else "send"),
        Field("location", QT_TRANSLATE_NOOP("spares", "Repair vendor or depot"), "choice",
              [("", "—"), *location_choices(session, ("repair",)), *location_choices(session)]),
        Field("note", QT_TRANSLATE_NOOP("spares", "Note")),
    ], save, intro=tr(NAME, "A unit goes to the repair vendor, comes back into a depot as refurbished, or is "
                            "scrapped when it cannot be repaired."))


def write_off_form(page: ListPage, context: Context) -> None:
    """Ask an approver to write off the selected overdue return."""
    return_id = page.current_key()
    open_form(page, context, tr(NAME, "Request write-off"), lambda session: [
        Field("reason", QT_TRANSLATE_NOOP("spares", "Reason"), "multiline", required=True,
              help=QT_TRANSLATE_NOOP("spares", "Why the part will not come back.")),
    ], lambda v: returns.request_write_off(context.app, context.actor, return_id, **v))


def decide_form(page: ListPage, context: Context) -> None:
    """Approve or reject the write-off of the selected return."""
    return_id = page.current_key()
    decision_form(page, context, tr(NAME, "Decide the write-off"), QT_TRANSLATE_NOOP("spares", "Approve: write it off"),
                  QT_TRANSLATE_NOOP("spares", "Reject: keep expecting it"),
                  lambda **v: returns.decide_write_off(context.app, context.actor, return_id, **v))


# -- wrong shipments -------------------------------------------------------------------------
KINDS = {"return_part": QT_TRANSLATE_NOOP("spares", "Wrong part returned"),
         "return_serial": QT_TRANSLATE_NOOP("spares", "Wrong serial returned"),
         "shipment_short": QT_TRANSLATE_NOOP("spares", "Shipment short"),
         "shipment_serial": QT_TRANSLATE_NOOP("spares", "Unexpected serial in a shipment")}
RESOLUTIONS = {"accepted": QT_TRANSLATE_NOOP("spares", "Accepted as it is"),
               "replaced": QT_TRANSLATE_NOOP("spares", "Right part received"),
               "charged_back": QT_TRANSLATE_NOOP("spares", "Charged back"),
               "written_off": QT_TRANSLATE_NOOP("spares", "Written off")}
DISCREPANCY_STATUSES = {"open": QT_TRANSLATE_NOOP("spares", "Open"),
                        "reconciled": QT_TRANSLATE_NOOP("spares", "Reconciled")}


def discrepancies_page(context: Context) -> ListPage:
    """Wrong shipments and shortfalls, the open ones first; reconcile each with a resolution and a note."""
    expected, received = Part.__table__.alias("expected"), Part.__table__.alias("received")
    query = (select(Discrepancy.number, Discrepancy.logged_at, Discrepancy.kind, Discrepancy.source, Discrepancy.ref,
                    expected.c.part_number, Discrepancy.expected_serial, received.c.part_number.label("received"),
                    Discrepancy.received_serial, Discrepancy.quantity, Discrepancy.status, Discrepancy.resolution)
             .outerjoin(expected, expected.c.id == Discrepancy.expected_part_id)
             .outerjoin(received, received.c.id == Discrepancy.received_part_id))
    columns = [
        Column(QT_TRANSLATE_NOOP("spares", "Number"), searchable=True, width=17),
        Column(QT_TRANSLATE_NOOP("spares", "Logged"), width=16),
        Column(QT_TRANSLATE_NOOP("spares", "Kind"), format=named(KINDS), width=20),
        Column(QT_TRANSLATE_NOOP("spares", "Found on"), searchable=True, width=17),
        Column(QT_TRANSLATE_NOOP("spares", "For"), searchable=True, width=18),
        Column(QT_TRANSLATE_NOOP("spares", "Expected part"), searchable=True, width=16),
        Column(QT_TRANSLATE_NOOP("spares", "Expected serial"), searchable=True, width=15),
        Column(QT_TRANSLATE_NOOP("spares", "Part back"), searchable=True, width=16),
        Column(QT_TRANSLATE_NOOP("spares", "Serial back"), searchable=True, width=15),
        Column(QT_TRANSLATE_NOOP("spares", "Quantity"), format=quantity, align="right", width=7),
        Column(QT_TRANSLATE_NOOP("spares", "Status"), format=named(DISCREPANCY_STATUSES), width=10,
               colour=lambda v: "#b3261e" if v == "open" else None),
        Column(QT_TRANSLATE_NOOP("spares", "Resolution"), format=named(RESOLUTIONS), width=16),
    ]
    filters = [ChoiceFilter(QT_TRANSLATE_NOOP("spares", "Status"), [
        (QT_TRANSLATE_NOOP("spares", "Open"), Discrepancy.status == "open"),
        (QT_TRANSLATE_NOOP("spares", "Reconciled"), Discrepancy.status == "reconciled"),
        (QT_TRANSLATE_NOOP("spares", "All"), None)])]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=Discrepancy.id,
                    sort=(1, Qt.SortOrder.DescendingOrder), filters=filters,
                    actions=[PageAction(QT_TRANSLATE_NOOP("spares", "Reconcile…"), lambda p: reconcile_form(p, context),
                                        needs_row=True, permission=MOVE, primary=True)],
                    detail=lambda key: discrepancy_detail(context, key),
                    count_text=QT_TRANSLATE_NOOP("spares", "{count} wrong shipments"),
                    empty_text=QT_TRANSLATE_NOOP("spares", "No wrong shipment matches."),
                    export_name="spare-part-wrong-shipments")


def discrepancy_detail(context: Context, key) -> str:
    """What was expected, what arrived, and how it was settled."""
    with reading(context.app) as session:
        row = session.get(Discrepancy, int(key))
        if row is None:
            return tr(NAME, "This wrong shipment no longer exists.")
        parts = {p.id: p.part_number for p in session.scalars(select(Part).where(
            Part.id.in_([i for i in (row.expected_part_id, row.received_part_id) if i])))}
    facts = DetailSection(QT_TRANSLATE_NOOP("spares", "Wrong shipment"), [
        (QT_TRANSLATE_NOOP("spares", "Kind"), tr(NAME, KINDS[row.kind])),
        (QT_TRANSLATE_NOOP("spares", "Found on"), row.source),
        (QT_TRANSLATE_NOOP("spares", "Expected"), " ".join(filter(None, [parts.get(row.expected_part_id),
                                                                       row.expected_serial])) or "—"),
        (QT_TRANSLATE_NOOP("spares", "Came back"), " ".join(filter(None, [parts.get(row.received_part_id),
                                                                        row.received_serial])) or "—"),
        (QT_TRANSLATE_NOOP("spares", "Quantity"), quantity(row.quantity)),
        (QT_TRANSLATE_NOOP("spares", "Logged"), row.logged_at),
        (QT_TRANSLATE_NOOP("spares", "By"), row.logged_by),
        (QT_TRANSLATE_NOOP("spares", "Status"), tr(NAME, DISCREPANCY_STATUSES[row.status])),
        (QT_TRANSLATE_NOOP("spares", "Resolution"), tr(NAME, RESOLUTIONS[row.resolution]) if row.resolution else "—"),
        (QT_TRANSLATE_NOOP("spares", "Note"), row.note or "—")])
    return detail_html(row.number, [facts], owner=NAME, zone=user_zone(context))


def reconcile_form(page: ListPage, context: Context) -> None:
    """Settle the selected wrong shipment."""
    key = page.current_key()
    open_form(page, context, tr(NAME, "Reconcile the wrong shipment"), lambda session: [
        Field("resolution", QT_TRANSLATE_NOOP("spares", "Resolution"), "choice",
              [(r, RESOLUTIONS[r]) for r in DISCREPANCY_RESOLUTIONS], required=True),
        Field("note", QT_TRANSLATE_NOOP("spares", "What was found and agreed"), "multiline", required=True),
    ], lambda v: discrepancies.reconcile(context.app, context.actor, key, **v), version=(Discrepancy, key))
