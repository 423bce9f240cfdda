"""The parts catalogue with on-hand stock from the ledger, and stock receipts."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import func, select

from console.api import Context
from console.api.ui import (
    ChoiceFilter,
    Column,
    DetailSection,
    Field,
    FormDialog,
    ListPage,
    PageAction,
    detail_html,
    display_text,
    tr,
    user_zone,
)
from plugins.spares import service
from plugins.spares.models import DEPOT_KINDS, Location, Move, Part

NAME = "spares"


def on_hand_by_part():
    """On-hand quantity per part in the depots: receipts into depots minus moves out of them."""
    depots = select(Location.id).where(Location.kind.in_(DEPOT_KINDS))
    inbound = select(Move.part_id, Move.quantity.label("q")).where(Move.to_location_id.in_(depots))
    outbound = select(Move.part_id, (-Move.quantity).label("q")).where(Move.from_location_id.in_(depots))
    moves = inbound.union_all(outbound).subquery()
    return select(moves.c.part_id, func.sum(moves.c.q).label("on_hand")).group_by(moves.c.part_id).subquery()


def parts_page(context: Context) -> ListPage:
    """Every part with its cost and depot stock; the detail pane shows stock per location."""
    stock = on_hand_by_part()
    on_hand = func.coalesce(stock.c.on_hand, 0)
    query = (select(Part.part_number, Part.name, Part.unit_cost, Part.serialized, Part.return_required,
                    on_hand.label("on_hand"))
             .outerjoin(stock, stock.c.part_id == Part.id))
    columns = [
        Column(QT_TRANSLATE_NOOP("spares", "Part number"), searchable=True, width=16),
        Column(QT_TRANSLATE_NOOP("spares", "Name"), searchable=True, width=34),
        Column(QT_TRANSLATE_NOOP("spares", "Unit cost"), align="right", width=12),
        Column(QT_TRANSLATE_NOOP("spares", "Serialized"), align="center", width=10),
        Column(QT_TRANSLATE_NOOP("spares", "Return required"), align="center", width=14),
        Column(QT_TRANSLATE_NOOP("spares", "On hand"), align="right", nullable=False,
               format=lambda q: f"{q.normalize():,f}" if q is not None else "", width=10),
    ]
    filters = [ChoiceFilter(QT_TRANSLATE_NOOP("spares", "Stock"), [
        (QT_TRANSLATE_NOOP("spares", "All parts"), None),
        (QT_TRANSLATE_NOOP("spares", "In stock"), on_hand > 0),
        (QT_TRANSLATE_NOOP("spares", "Out of stock"), on_hand <= 0)])]
    return ListPage(
        context, owner=NAME, query=query, columns=columns, key=Part.id, sort=(0, Qt.SortOrder.AscendingOrder),
        filters=filters,
        actions=[PageAction(QT_TRANSLATE_NOOP("spares", "Receive stock…"), lambda p: receive(p, context),
                            permission=service.EDIT, primary=True)],
        detail=lambda part_id: part_detail(context, part_id),
        count_text=QT_TRANSLATE_NOOP("spares", "{count} parts"),
        empty_text=QT_TRANSLATE_NOOP("spares", "No part matches."), export_name="spare-parts")


def part_detail(context: Context, part_id: int) -> str:
    """The part's facts, its stock per location and its latest moves."""
    with context.app.session() as session:
        part = session.get(Part, part_id)
        if part is None:
            return tr(NAME, "This part no longer exists.")
        per_location = []
        for location in session.scalars(select(Location).order_by(Location.code)):
            quantity = service.on_hand(session, part_id, location.id)
            if quantity:
                per_location.append((f"{location.code} · {location.name}", f"{quantity.normalize():,f}"))
        moves = session.execute(select(Move.at, Move.kind, Move.quantity, Move.ref).where(Move.part_id == part_id)
                                .order_by(Move.at.desc()).limit(10)).all()
    zone = user_zone(context)
    facts = DetailSection(QT_TRANSLATE_NOOP("spares", "Part"), [
        (QT_TRANSLATE_NOOP("spares", "Unit cost"), part.unit_cost),
        (QT_TRANSLATE_NOOP("spares", "Serialized"), tr(NAME, "Yes") if part.serialized else tr(NAME, "No")),
        (QT_TRANSLATE_NOOP("spares", "Return required"),
         tr(NAME, "Yes") if part.return_required else tr(NAME, "No"))])
    stock = DetailSection(QT_TRANSLATE_NOOP("spares", "On hand by location"),
                          per_location or [(QT_TRANSLATE_NOOP("spares", "Nowhere"), "0")])
    latest = DetailSection(QT_TRANSLATE_NOOP("spares", "Latest moves"), [
        (display_text(at, zone), f"{kind} · {quantity.normalize():,f}" + (f" · {ref}" if ref else ""))
        for at, kind, quantity, ref in moves])
    return detail_html(f"{part.part_number} · {part.name}", [facts, stock, latest], owner=NAME, zone=zone)


def receive(page: ListPage, context: Context) -> None:
    """The receipt form: a quantity of a part into a depot."""
    with context.app.session() as session:
        depots = session.execute(select(Location.code, Location.name).where(Location.kind.in_(DEPOT_KINDS))
                                 .order_by(Location.code)).all()
    fields = [
        Field("part_number", QT_TRANSLATE_NOOP("spares", "Part number"), required=True),
        Field("to_code", QT_TRANSLATE_NOOP("spares", "Depot"), "choice",
              [(code, f"{code} · {name}") for code, name in depots], required=True),
        Field("quantity", QT_TRANSLATE_NOOP("spares", "Quantity"), "decimal", required=True, default="1"),
        Field("serial", QT_TRANSLATE_NOOP("spares", "Serial number"),
              help=QT_TRANSLATE_NOOP("spares", "Serialized parts are received one serial at a time.")),
        Field("ref", QT_TRANSLATE_NOOP("spares", "Reference"),
              help=QT_TRANSLATE_NOOP("spares", "Delivery note or purchase order number.")),
    ]
    dialog = FormDialog(page, tr(NAME, "Receive stock"), fields,
                        lambda values: service.move(context.app, context.actor, kind="receipt", **values), owner=NAME)
    dialog.saved.connect(lambda _id: page.refresh())
    dialog.open()
