"""Shipments between depots (checked on arrival) and the replenishment proposals that start them."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import func, select

from console.api import Context
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
from plugins.spares.models import Location, Part, Shipment, ShipmentLine
from plugins.spares.service import replenishment, shipments
from plugins.spares.service.common import APPROVE, EDIT, MOVE, reading, visible_locations
from plugins.spares.ui.common import NAME, location_choices, money, named, open_form, quantity
from plugins.spares.ui.stock import safety_form

STATUSES = {"in_transit": QT_TRANSLATE_NOOP("spares", "In transit"), "received": QT_TRANSLATE_NOOP("spares", "Received"),
            "short": QT_TRANSLATE_NOOP("spares", "Short")}
STATUS_COLOURS = {"in_transit": "#2f6db5", "short": "#b3261e"}


def shipments_page(context: Context) -> ListPage:
    """Every shipment, newest first, with its lines and transport cost; ship, receive, write off shortfalls."""
    source, target = Location.__table__.alias("source"), Location.__table__.alias("target")
    lines = (select(ShipmentLine.shipment_id, func.count().label("n"), func.sum(ShipmentLine.quantity).label("q"),
                    func.sum(ShipmentLine.received_quantity).label("r"))
             .group_by(ShipmentLine.shipment_id).subquery())
    query = (select(Shipment.number, Shipment.shipped_at, source.c.code, target.c.code.label("to_code"),
                    Shipment.status, lines.c.n, lines.c.q, lines.c.r, Shipment.carrier, Shipment.tracking,
                    Shipment.cost, Shipment.received_at)
             .join(source, source.c.id == Shipment.from_location_id).join(target, target.c.id == Shipment.to_location_id)
             .outerjoin(lines, lines.c.shipment_id == Shipment.id))
    where = visible_locations(context.actor)
    if where is not None:
        query = query.where(Shipment.to_location_id.in_(select(Location.id).where(where)))
    columns = [
        Column(QT_TRANSLATE_NOOP("spares", "Number"), searchable=True, width=17),
        Column(QT_TRANSLATE_NOOP("spares", "Shipped"), width=16),
        Column(QT_TRANSLATE_NOOP("spares", "From"), searchable=True, width=10),
        Column(QT_TRANSLATE_NOOP("spares", "To"), searchable=True, width=10),
        Column(QT_TRANSLATE_NOOP("spares", "Status"), format=named(STATUSES), colour=STATUS_COLOURS.get, width=9),
        Column(QT_TRANSLATE_NOOP("spares", "Lines"), align="right", width=6),
        Column(QT_TRANSLATE_NOOP("spares", "Shipped quantity"), format=quantity, align="right", width=8),
        Column(QT_TRANSLATE_NOOP("spares", "Arrived"), format=quantity, align="right", width=8),
        Column(QT_TRANSLATE_NOOP("spares", "Carrier"), width=16),
        Column(QT_TRANSLATE_NOOP("spares", "Tracking"), searchable=True, width=15),
        Column(QT_TRANSLATE_NOOP("spares", "Transport cost"), format=money, align="right", width=10),
        Column(QT_TRANSLATE_NOOP("spares", "Received"), width=16),
    ]
    filters = [ChoiceFilter(QT_TRANSLATE_NOOP("spares", "Status"), [
        (QT_TRANSLATE_NOOP("spares", "All shipments"), None),
        (QT_TRANSLATE_NOOP("spares", "On the way"), Shipment.status == "in_transit"),
        (QT_TRANSLATE_NOOP("spares", "Arrived short"), Shipment.status == "short"),
        (QT_TRANSLATE_NOOP("spares", "Received"), Shipment.status == "received")])]
    actions = [
        PageAction(QT_TRANSLATE_NOOP("spares", "New shipment…"), lambda p: ship_form(p, context), permission=MOVE,
                   primary=True),
        PageAction(QT_TRANSLATE_NOOP("spares", "Receive…"), lambda p: receive_form(p, context), needs_row=True,
                   permission=MOVE),
        PageAction(QT_TRANSLATE_NOOP("spares", "Write off shortfall…"), lambda p: write_off_form(p, context),
                   needs_row=True, permission=APPROVE),
    ]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=Shipment.id,
                    sort=(1, Qt.SortOrder.DescendingOrder), filters=filters, actions=actions,
                    detail=lambda key: shipment_detail(context, key),
                    count_text=QT_TRANSLATE_NOOP("spares", "{count} shipments"),
                    empty_text=QT_TRANSLATE_NOOP("spares", "No shipment matches."), export_name="spare-part-shipments")


def shipment_detail(context: Context, key) -> str:
    """The shipment and each line: what was shipped and what arrived."""
    with reading(context.app) as session:
        shipment = session.get(Shipment, int(key))
        if shipment is None:
            return tr(NAME, "This shipment no longer exists.")
        source, target = session.get(Location, shipment.from_location_id), session.get(Location, shipment.to_location_id)
        lines = session.execute(select(Part.part_number, Part.name, ShipmentLine.serial, ShipmentLine.quantity,
                                       ShipmentLine.received_quantity)
                                .join(Part, Part.id == ShipmentLine.part_id)
                                .where(ShipmentLine.shipment_id == shipment.id).order_by(ShipmentLine.id)).all()
    facts = DetailSection(QT_TRANSLATE_NOOP("spares", "Shipment"), [
        (QT_TRANSLATE_NOOP("spares", "From"), f"{source.code} · {source.name}"),
        (QT_TRANSLATE_NOOP("spares", "To"), f"{target.code} · {target.name}"),
        (QT_TRANSLATE_NOOP("spares", "Status"), tr(NAME, STATUSES[shipment.status])),
        (QT_TRANSLATE_NOOP("spares", "Shipped"), shipment.shipped_at),
        (QT_TRANSLATE_NOOP("spares", "By"), shipment.shipped_by),
        (QT_TRANSLATE_NOOP("spares", "Carrier"), " ".join(filter(None, [shipment.carrier, shipment.tracking])) or "—"),
        (QT_TRANSLATE_NOOP("spares", "Transport cost"), money(shipment.cost) or "—"),
        (QT_TRANSLATE_NOOP("spares", "Received"), shipment.received_at or "—")])
    contents = DetailSection(QT_TRANSLATE_NOOP("spares", "Lines"), [
        (f"{number} {serial or ''}".strip(),
         tr(NAME, "{name}: {arrived} of {shipped} arrived").format(name=name, arrived=quantity(received),
                                                                   shipped=quantity(q)))
        for number, name, serial, q, received in lines])
    return detail_html(shipment.number, [facts, contents], owner=NAME, zone=user_zone(context))


def ship_form(page: ListPage, context: Context) -> None:
    """Ship parts from one depot to another."""
    open_form(page, context, tr(NAME, "New shipment"), lambda session: [
        Field("from_code", QT_TRANSLATE_NOOP("spares", "From"), "choice", location_choices(session), required=True),
        Field("to_code", QT_TRANSLATE_NOOP("spares", "To"), "choice", location_choices(session), required=True),
        Field("lines", QT_TRANSLATE_NOOP("spares", "Parts"), "multiline", required=True,
              help=QT_TRANSLATE_NOOP("spares", "One line per part: the part number and a quantity, or the part "
                                               "number and the serials scanned.")),
        Field("carrier", QT_TRANSLATE_NOOP("spares", "Carrier")),
        Field("tracking", QT_TRANSLATE_NOOP("spares", "Tracking")),
        Field("cost", QT_TRANSLATE_NOOP("spares", "Transport cost"), "decimal"),
    ], lambda v: shipments.ship(context.app, context.actor, lines=shipments.lines_from_text(v.pop("lines")), **v),
        intro=tr(NAME, "For example “DEL-HDD-00017 2” or “DEL-HDD-00017 SN1 SN2”, one part per line."))


def receive_form(page: ListPage, context: Context) -> None:
    """Book what arrived of the selected shipment."""
    shipment_id = page.current_key()
    open_form(page, context, tr(NAME, "Receive the shipment"), lambda session: [
        Field("arrived", QT_TRANSLATE_NOOP("spares", "What arrived"), "multiline",
              help=QT_TRANSLATE_NOOP("spares", "Empty when everything arrived. Otherwise the serials scanned, and "
                                               "one line “PART-NUMBER quantity” per part without serials.")),
        Field("log_unexpected", QT_TRANSLATE_NOOP("spares", "Log as wrong shipment"), "bool",
              help=QT_TRANSLATE_NOOP("spares", "Tick to log serials that are not on the shipment instead of "
                                               "refusing them.")),
    ], lambda v: shipments.receive(context.app, context.actor, shipment_id, **v), version=(Shipment, shipment_id),
        intro=tr(NAME, "Whatever did not arrive stays in transit and is logged as a shortfall."))


def write_off_form(page: ListPage, context: Context) -> None:
    """Write off what never arrived of the selected short shipment."""
    shipment_id = page.current_key()
    open_form(page, context, tr(NAME, "Write off the shortfall"), lambda session: [
        Field("note", QT_TRANSLATE_NOOP("spares", "What the carrier or the sender found"), "multiline",
              required=True)],
        lambda v: shipments.write_off_shortfall(context.app, context.actor, shipment_id, **v))


# -- replenishment ---------------------------------------------------------------------------
def replenishment_page(context: Context) -> ListPage:
    """The stock levels below their minimum and what to ship there (target − available − inbound)."""
    levels = replenishment.levels()
    q = levels.where(levels.selected_columns.safety_id.is_not(None)).subquery().c
    query = select(q.depot, q.part_number, q.name, q.available, q.inbound, q.minimum, q.target, q.proposal, q.value)
    where = visible_locations(context.actor)
    if where is not None:
        query = query.where(q.depot.in_(select(Location.code).where(where)))
    columns = [
        Column(QT_TRANSLATE_NOOP("spares", "Depot"), searchable=True, width=11),
        Column(QT_TRANSLATE_NOOP("spares", "Part number"), searchable=True, width=16),
        Column(QT_TRANSLATE_NOOP("spares", "Name"), searchable=True, width=30),
        Column(QT_TRANSLATE_NOOP("spares", "Available"), format=quantity, align="right", nullable=False, width=8),
        Column(QT_TRANSLATE_NOOP("spares", "Inbound"), format=quantity, align="right", nullable=False, width=8),
        Column(QT_TRANSLATE_NOOP("spares", "Minimum"), format=quantity, align="right", width=8),
        Column(QT_TRANSLATE_NOOP("spares", "Target"), format=quantity, align="right", width=8),
        Column(QT_TRANSLATE_NOOP("spares", "Proposal"), format=quantity, align="right", nullable=False, width=8,
               colour=lambda v: "#b3261e" if v and v > 0 else None),
        Column(QT_TRANSLATE_NOOP("spares", "Proposal value"), format=money, align="right", nullable=False, width=11),
    ]
    below = (q.available < q.minimum) & (q.proposal > 0)
    filters = [ChoiceFilter(QT_TRANSLATE_NOOP("spares", "Show"), [
        (QT_TRANSLATE_NOOP("spares", "Below minimum"), below),
        (QT_TRANSLATE_NOOP("spares", "Every safety stock"), None)])]
    actions = [
        PageAction(QT_TRANSLATE_NOOP("spares", "Ship the proposal…"), lambda p: replenish_form(p, context),
                   needs_row=True, permission=MOVE, primary=True),
        PageAction(QT_TRANSLATE_NOOP("spares", "Safety stock…"), lambda p: safety_form(p, context), needs_row=True,
                   permission=EDIT),
    ]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=q.key,
                    sort=(8, Qt.SortOrder.DescendingOrder), filters=filters, actions=actions,
                    count_text=QT_TRANSLATE_NOOP("spares", "{count} stock levels"),
                    empty_text=QT_TRANSLATE_NOOP("spares", "Every depot is at or above its minimum."),
                    export_name="spare-part-replenishment")


def replenish_form(page: ListPage, context: Context) -> None:
    """Ship the selected proposal from a depot (the central one, usually)."""
    key = page.current_key()
    index = page.table.currentIndex()
    depot = page.model.data(page.model.index(index.row(), 0), VALUE_ROLE) if index.isValid() else ""
    open_form(page, context, tr(NAME, "Ship the proposal to {depot}").format(depot=depot), lambda session: [
        Field("from_code", QT_TRANSLATE_NOOP("spares", "From"), "choice", location_choices(session, ("central",))
              + [c for c in location_choices(session, ("regional",)) if c[0] != depot], required=True),
        Field("carrier", QT_TRANSLATE_NOOP("spares", "Carrier")),
    ], lambda v: replenishment.replenish(context.app, context.actor, key, **v),
        intro=tr(NAME, "Serialized parts go oldest first. The shipment appears on the Shipments page."))

