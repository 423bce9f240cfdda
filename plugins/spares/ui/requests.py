"""Part requests and the stock reserved for them: request, reserve, issue, release, cancel."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import func, select

from console.api import Context
from console.api.ui import ChoiceFilter, Column, DetailSection, Field, ListPage, PageAction, detail_html, tr, user_zone
from plugins.spares.models import Location, Move, Part, Request, Reservation
from plugins.spares.service import requests, stock
from plugins.spares.service.common import MOVE, REQUEST, reading
from plugins.spares.ui.common import NAME, location_choices, named, open_form, quantity, quantity_fields, run_action

STATUSES = {"open": QT_TRANSLATE_NOOP("spares", "Open"), "filled": QT_TRANSLATE_NOOP("spares", "Filled"),
            "cancelled": QT_TRANSLATE_NOOP("spares", "Cancelled")}
RESERVATION_STATUSES = {"active": QT_TRANSLATE_NOOP("spares", "Held"),
                        "issued": QT_TRANSLATE_NOOP("spares", "Issued"),
                        "released": QT_TRANSLATE_NOOP("spares", "Released"),
                        "expired": QT_TRANSLATE_NOOP("spares", "Expired")}
FIRST_ISSUE = {True: QT_TRANSLATE_NOOP("spares", "In full from the depot"),
               False: QT_TRANSLATE_NOOP("spares", "Not in full / other depot")}


def requests_page(context: Context) -> ListPage:
    """Every request, newest first; what it holds, what was issued, whether the first issue filled it."""
    held = (select(Reservation.request_id, func.sum(Reservation.quantity).label("q"),
                   func.min(Reservation.expires_at).label("until"))
            .where(Reservation.status == "active").group_by(Reservation.request_id).subquery())
    query = (select(Request.number, Request.requested_at, Request.ref, Part.part_number, Part.name, Request.quantity,
                    Location.code, Request.status, func.coalesce(held.c.q, 0).label("held"), held.c.until,
                    Request.issued_quantity, Request.first_issue_full, Request.requested_by)
             .join(Part, Part.id == Request.part_id).join(Location, Location.id == Request.depot_id)
             .outerjoin(held, held.c.request_id == Request.id))
    columns = [
        Column(QT_TRANSLATE_NOOP("spares", "Number"), searchable=True, width=17),
        Column(QT_TRANSLATE_NOOP("spares", "Requested"), width=16),
        Column(QT_TRANSLATE_NOOP("spares", "For"), searchable=True, width=20),
        Column(QT_TRANSLATE_NOOP("spares", "Part number"), searchable=True, width=16),
        Column(QT_TRANSLATE_NOOP("spares", "Name"), searchable=True, width=24),
        Column(QT_TRANSLATE_NOOP("spares", "Quantity"), format=quantity, align="right", width=7),
        Column(QT_TRANSLATE_NOOP("spares", "Depot"), width=10),
        Column(QT_TRANSLATE_NOOP("spares", "Status"), format=named(STATUSES), width=9),
        Column(QT_TRANSLATE_NOOP("spares", "Reserved"), format=quantity, align="right", nullable=False, width=8),
        Column(QT_TRANSLATE_NOOP("spares", "Held until"), width=16),
        Column(QT_TRANSLATE_NOOP("spares", "Issued"), format=quantity, align="right", width=7),
        Column(QT_TRANSLATE_NOOP("spares", "First issue"), format=named(FIRST_ISSUE), width=18,
               colour=lambda v: "#3a7d44" if v else ("#c25a00" if v is False else None)),
        Column(QT_TRANSLATE_NOOP("spares", "By"), width=10),
    ]
    filters = [
        ChoiceFilter(QT_TRANSLATE_NOOP("spares", "Status"), [
            (QT_TRANSLATE_NOOP("spares", "Open requests"), Request.status == "open"),
            (QT_TRANSLATE_NOOP("spares", "My requests"), Request.requested_by == context.actor.username),
            (QT_TRANSLATE_NOOP("spares", "Waiting for stock"), (Request.status == "open") & held.c.q.is_(None)),
            (QT_TRANSLATE_NOOP("spares", "All requests"), None),
            (QT_TRANSLATE_NOOP("spares", "Filled"), Request.status == "filled"),
            (QT_TRANSLATE_NOOP("spares", "Cancelled"), Request.status == "cancelled")]),
    ]
    actions = [
        PageAction(QT_TRANSLATE_NOOP("spares", "New request…"), lambda p: request_form(p, context), permission=REQUEST,
                   primary=True),
        PageAction(QT_TRANSLATE_NOOP("spares", "Issue…"), lambda p: issue_form(p, context), needs_row=True,
                   permission=MOVE),
        PageAction(QT_TRANSLATE_NOOP("spares", "Reserve…"), lambda p: reserve_form(p, context), needs_row=True,
                   permission=REQUEST),
        PageAction(QT_TRANSLATE_NOOP("spares", "Release"), lambda p: release(p, context), needs_row=True,
                   permission=REQUEST),
        PageAction(QT_TRANSLATE_NOOP("spares", "Cancel request"), lambda p: cancel(p, context), needs_row=True,
                   permission=REQUEST),
    ]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=Request.id,
                    sort=(1, Qt.SortOrder.DescendingOrder), filters=filters, actions=actions,
                    detail=lambda key: request_detail(context, key),
                    count_text=QT_TRANSLATE_NOOP("spares", "{count} requests"),
                    empty_text=QT_TRANSLATE_NOOP("spares", "No request matches these filters."),
                    export_name="spare-part-requests")


def request_detail(context: Context, request_id: int) -> str:
    """The request, its reservations and its issues."""
    zone = user_zone(context)
    with reading(context.app) as session:
        row = session.execute(select(Request, Part, Location).join(Part, Part.id == Request.part_id)
                              .join(Location, Location.id == Request.depot_id)
                              .where(Request.id == int(request_id))).one_or_none()
        if row is None:
            return tr(NAME, "This request no longer exists.")
        request, part, depot = row
        holds = session.execute(select(Reservation, Location.code).join(Location, Location.id == Reservation.location_id)
                                .where(Reservation.request_id == request.id).order_by(Reservation.created_at)).all()
        issues = session.execute(select(Move.at, Move.quantity, Move.serial, Location.code)
                                 .join(Location, Location.id == Move.from_location_id)
                                 .where(Move.request_id == request.id, Move.kind == "issue")
                                 .order_by(Move.at)).all()
    facts = DetailSection(QT_TRANSLATE_NOOP("spares", "Request"), [
        (QT_TRANSLATE_NOOP("spares", "For"), request.ref),
        (QT_TRANSLATE_NOOP("spares", "Part"), f"{part.part_number} · {part.name}"),
        (QT_TRANSLATE_NOOP("spares", "Quantity"), quantity(request.quantity)),
        (QT_TRANSLATE_NOOP("spares", "Designated depot"), f"{depot.code} · {depot.name}"),
        (QT_TRANSLATE_NOOP("spares", "Status"), tr(NAME, STATUSES[request.status])),
        (QT_TRANSLATE_NOOP("spares", "Requested"), request.requested_at),
        (QT_TRANSLATE_NOOP("spares", "By"), request.requested_by),
        (QT_TRANSLATE_NOOP("spares", "First issue"),
         tr(NAME, FIRST_ISSUE[request.first_issue_full]) if request.first_issue_full is not None else "—"),
        (QT_TRANSLATE_NOOP("spares", "Note"), request.note or "—")])
    sections = [facts, DetailSection(QT_TRANSLATE_NOOP("spares", "Reservations"), [
        (code, f"{quantity(r.quantity)} · {tr(NAME, RESERVATION_STATUSES[r.status])} · "
               f"{(r.expires_at.astimezone(zone) if zone else r.expires_at):%Y-%m-%d %H:%M}") for r, code in holds]
        or [(QT_TRANSLATE_NOOP("spares", "None"), "—")])]
    if issues:
        sections.append(DetailSection(QT_TRANSLATE_NOOP("spares", "Issues"), [
            (f"{(at.astimezone(zone) if zone else at):%Y-%m-%d %H:%M}",
             f"{quantity(q)} · {code}" + (f" · {serial}" if serial else "")) for at, q, serial, code in issues]))
    return detail_html(f"{request.number} · {part.part_number}", sections, owner=NAME, zone=zone)


def request_form(page: ListPage, context: Context) -> None:
    """Request a part for an incident, work order or service order, and hold the stock."""
    open_form(page, context, tr(NAME, "New request"), lambda session: [
        Field("ref", QT_TRANSLATE_NOOP("spares", "For"), required=True,
              help=QT_TRANSLATE_NOOP("spares", "Incident, work order or service order number, e.g. "
                                               "INC-2026-000123 or SP001-000045.")),
        Field("part_number", QT_TRANSLATE_NOOP("spares", "Part number"), required=True),
        Field("quantity", QT_TRANSLATE_NOOP("spares", "Quantity"), "decimal", required=True, default="1"),
        Field("depot_code", QT_TRANSLATE_NOOP("spares", "Designated depot"), "choice", location_choices(session),
              required=True),
        Field("reserve", QT_TRANSLATE_NOOP("spares", "Reserve what is available"), "bool", default=True),
        Field("hours", QT_TRANSLATE_NOOP("spares", "Hold for (hours)"), "int", default=72, minimum=1, maximum=2160),
        Field("note", QT_TRANSLATE_NOOP("spares", "Note")),
    ], lambda values: requests.create_request(context.app, context.actor, **values))


def issue_form(page: ListPage, context: Context) -> None:
    """Issue against the selected request (its reservation is used; the first issue decides fill rate)."""
    request_id = page.current_key()

    def values(session) -> dict:
        request = session.get(Request, request_id)
        depot = session.get(Location, request.depot_id) if request else None
        return {"from_code": depot.code if depot else None}

    open_form(page, context, tr(NAME, "Issue against the request"), lambda session: [
        Field("from_code", QT_TRANSLATE_NOOP("spares", "Depot"), "choice", location_choices(session), required=True),
        *quantity_fields(QT_TRANSLATE_NOOP("spares", "Empty: what the request still needs (serialized parts: "
                                                     "leave empty and scan the serials).")),
        Field("defective_serial", QT_TRANSLATE_NOOP("spares", "Serial of the defective unit"),
              help=QT_TRANSLATE_NOOP("spares", "When known: the return is then checked against it.")),
        Field("note", QT_TRANSLATE_NOOP("spares", "Note")),
    ], lambda v: stock.issue(context.app, context.actor, request_id=request_id, **v), values=values,
        intro=tr(NAME, "Issuing from the designated depot, all at once, counts as filled at the first issue."))


def reserve_form(page: ListPage, context: Context) -> None:
    """Hold stock for the rest of the selected request at a depot."""
    request_id = page.current_key()
    open_form(page, context, tr(NAME, "Reserve stock"), lambda session: [
        Field("location_code", QT_TRANSLATE_NOOP("spares", "Depot"), "choice", location_choices(session),
              required=True),
        Field("hours", QT_TRANSLATE_NOOP("spares", "Hold for (hours)"), "int", default=72, minimum=1, maximum=2160),
    ], lambda v: requests.reserve(context.app, context.actor, request_id, **v))


def release(page: ListPage, context: Context) -> None:
    """Give back what the selected request holds."""
    request_id = page.current_key()
    run_action(page, tr(NAME, "Release the stock held for this request?"),
               lambda: requests.release(context.app, context.actor, request_id))


def cancel(page: ListPage, context: Context) -> None:
    """Cancel the selected request."""
    request_id = page.current_key()
    run_action(page, tr(NAME, "Cancel this request and release what it holds?"),
               lambda: requests.cancel(context.app, context.actor, request_id))
