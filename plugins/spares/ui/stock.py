"""Stock per part and location (on hand, reserved, available, safety stock), the consignment view for
partner auditors, and the move ledger; with the forms that move stock."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import select

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
from plugins.spares.models import DEPOT_KINDS, LOCATION_KINDS, Location, Move, Part, Request, Reservation, Stock
from plugins.spares.service import ledger, replenishment, spreadsheets, stock
from plugins.spares.service.common import EDIT, MOVE, reading, visible_locations
from plugins.spares.ui.common import (
    LOCATION_KINDS as KIND_NAMES,
    MOVE_KINDS,
    NAME,
    import_file,
    location_choices,
    named,
    open_form,
    quantity,
    quantity_fields,
)


def stock_page(context: Context) -> ListPage:
    """Every part at every location, with what is reserved and available; receive, issue and ship from here."""
    return _levels_page(context, consignment=False)


def consignment_page(context: Context) -> ListPage:
    """Partners' consignment stock (what partner auditors may see)."""
    return _levels_page(context, consignment=True)


def _levels_page(context: Context, consignment: bool) -> ListPage:
    q = replenishment.levels().subquery()
    query = select(q.c.depot, q.c.part_number, q.c.name, q.c.on_hand, q.c.reserved, q.c.available, q.c.inbound,
                   q.c.minimum, q.c.target, q.c.kind, q.c.partner_code)
    q = q.c
    where = visible_locations(context.actor)
    visible = [q.kind == "consignment"] if consignment else []
    if where is not None:
        allowed = select(Location.code).where(where)
        visible.append(q.depot.in_(allowed))
    query = query.where(*visible) if visible else query
    columns = [
        Column(QT_TRANSLATE_NOOP("spares", "Location"), searchable=True, width=11),
        Column(QT_TRANSLATE_NOOP("spares", "Part number"), searchable=True, width=16),
        Column(QT_TRANSLATE_NOOP("spares", "Name"), searchable=True, width=30),
        Column(QT_TRANSLATE_NOOP("spares", "On hand"), format=quantity, align="right", nullable=False, width=8),
        Column(QT_TRANSLATE_NOOP("spares", "Reserved"), format=quantity, align="right", nullable=False, width=8),
        Column(QT_TRANSLATE_NOOP("spares", "Available"), format=quantity, align="right", nullable=False, width=8,
               colour=lambda v: "#b3261e" if v is not None and v <= 0 else None),
        Column(QT_TRANSLATE_NOOP("spares", "Inbound"), format=quantity, align="right", nullable=False, width=8),
        Column(QT_TRANSLATE_NOOP("spares", "Minimum"), format=quantity, align="right", width=8),
        Column(QT_TRANSLATE_NOOP("spares", "Target"), format=quantity, align="right", width=8),
        Column(QT_TRANSLATE_NOOP("spares", "Kind"), format=named(KIND_NAMES), width=12),
        Column(QT_TRANSLATE_NOOP("spares", "Partner"), width=8),
    ]
    depots = q.kind.in_(DEPOT_KINDS)
    filters = [
        ChoiceFilter(QT_TRANSLATE_NOOP("spares", "Locations"), [
            (QT_TRANSLATE_NOOP("spares", "Depots"), depots), (QT_TRANSLATE_NOOP("spares", "All locations"), None)]
            + [(KIND_NAMES[k], q.kind == k) for k in LOCATION_KINDS]),
        ChoiceFilter(QT_TRANSLATE_NOOP("spares", "Stock"), [
            (QT_TRANSLATE_NOOP("spares", "Any level"), None),
            (QT_TRANSLATE_NOOP("spares", "Below minimum"), q.minimum.is_not(None) & (q.available < q.minimum)),
            (QT_TRANSLATE_NOOP("spares", "Out of stock"), q.on_hand <= 0),
            (QT_TRANSLATE_NOOP("spares", "Reserved"), q.reserved > 0),
            (QT_TRANSLATE_NOOP("spares", "On the way"), q.inbound > 0)]),
    ]
    actions = [] if consignment else [
        PageAction(QT_TRANSLATE_NOOP("spares", "Receive…"), lambda p: receive_form(p, context), permission=MOVE,
                   primary=True),
        PageAction(QT_TRANSLATE_NOOP("spares", "Issue…"), lambda p: issue_form(p, context), permission=MOVE),
        PageAction(QT_TRANSLATE_NOOP("spares", "Move…"), lambda p: move_form(p, context), permission=MOVE),
        PageAction(QT_TRANSLATE_NOOP("spares", "Safety stock…"), lambda p: safety_form(p, context), needs_row=True,
                   permission=EDIT),
        PageAction(QT_TRANSLATE_NOOP("spares", "Import stock…"), lambda p: import_stock(p, context), permission=MOVE),
    ]
    return ListPage(
        context, owner=NAME, query=query, columns=columns, key=q.key, sort=(0, Qt.SortOrder.AscendingOrder),
        filters=filters, actions=actions, detail=lambda key: level_detail(context, key),
        count_text=QT_TRANSLATE_NOOP("spares", "{count} stock lines"),
        empty_text=QT_TRANSLATE_NOOP("spares", "No stock line matches these filters."),
        export_name="spare-parts-consignment" if consignment else "spare-parts-stock")


def level_detail(context: Context, key: int) -> str:
    """One part at one location: its units (serials, how long they have been there, refurbished or not),
    the reservations on it and its latest moves."""
    part_id, location_id = divmod(int(key), replenishment.KEY_FACTOR)
    zone = user_zone(context)
    with reading(context.app) as session:
        part, location = session.get(Part, part_id), session.get(Location, location_id)
        if part is None or location is None:
            return tr(NAME, "This stock line no longer exists.")
        where = visible_locations(context.actor)
        if where is not None and not session.scalar(select(Location.id).where(where, Location.id == location_id)):
            return tr(NAME, "You may not see this location.")
        units = session.execute(select(Stock.serial, Stock.quantity, Stock.since).where(
            Stock.part_id == part_id, Stock.location_id == location_id).order_by(Stock.since).limit(60)).all()
        refurbished = set(session.scalars(select(Move.serial).where(  # repaired once, wherever it is now
            Move.part_id == part_id, Move.kind == "repair_receipt", Move.serial.in_([u.serial for u in units
                                                                                   if u.serial]))))
        holds = session.execute(select(Request.number, Request.ref, Reservation.quantity, Reservation.expires_at)
                                .join(Request, Request.id == Reservation.request_id)
                                .where(Reservation.part_id == part_id, Reservation.location_id == location_id,
                                       Reservation.status == "active").order_by(Reservation.expires_at)).all()
        source, target = Location.__table__.alias("source"), Location.__table__.alias("target")
        moves = session.execute(
            select(Move.at, Move.kind, Move.quantity, Move.serial, Move.ref, source.c.code, target.c.code)
            .outerjoin(source, source.c.id == Move.from_location_id)
            .outerjoin(target, target.c.id == Move.to_location_id)
            .where(Move.part_id == part_id, (Move.from_location_id == location_id)
                   | (Move.to_location_id == location_id)).order_by(Move.at.desc(), Move.id.desc()).limit(12)).all()
        total = ledger.on_hand(session, part_id, location_id)
    now = utcnow()
    facts = DetailSection(QT_TRANSLATE_NOOP("spares", "Stock"), [
        (QT_TRANSLATE_NOOP("spares", "Location"), f"{location.code} · {location.name}"),
        (QT_TRANSLATE_NOOP("spares", "On hand"), quantity(total)),
        (QT_TRANSLATE_NOOP("spares", "Unit cost"), f"{part.unit_cost:,.2f}"),
        (QT_TRANSLATE_NOOP("spares", "Value"), f"{part.unit_cost * total:,.2f}")])
    unit_rows = [(u.serial or tr(NAME, "(no serial)"),
                  tr(NAME, "{quantity} · here {days} days").format(quantity=quantity(u.quantity),
                                                                   days=max(0, (now - u.since).days))
                  + (f" · {tr(NAME, 'refurbished')}" if u.serial in refurbished else ""))
                 for u in units]
    sections = [facts, DetailSection(QT_TRANSLATE_NOOP("spares", "Units here"),
                                     unit_rows or [(QT_TRANSLATE_NOOP("spares", "None"), "—")])]
    if holds:
        sections.append(DetailSection(QT_TRANSLATE_NOOP("spares", "Reserved for"), [
            (number, tr(NAME, "{quantity} for {ref}, until {until}").format(
                quantity=quantity(q), ref=ref, until=(until.astimezone(zone) if zone else until).strftime(
                    "%Y-%m-%d %H:%M"))) for number, ref, q, until in holds]))
    sections.append(DetailSection(QT_TRANSLATE_NOOP("spares", "Latest moves"), [
        ((at.astimezone(zone) if zone else at).strftime("%Y-%m-%d %H:%M"),
         f"{tr(NAME, MOVE_KINDS.get(kind, kind))} · {quantity(q)}" + (f" · {serial}" if serial else "")
         + f" · {src or '—'} → {dst or '—'}" + (f" · {ref}" if ref else ""))
        for at, kind, q, serial, ref, src, dst in moves]))
    return detail_html(f"{part.part_number} · {part.name}", sections, owner=NAME, zone=zone)


def _selected(page: ListPage) -> tuple[str | None, str | None]:
    """The part number and location code of the selected stock line, read from the list (None, None: none)."""
    index = page.table.currentIndex()
    if not index.isValid():
        return None, None
    model = page.model
    return model.data(model.index(index.row(), 1), VALUE_ROLE), model.data(model.index(index.row(), 0), VALUE_ROLE)


def receive_form(page: ListPage, context: Context) -> None:
    """Receive a delivery into a depot."""
    part, location = _selected(page)
    open_form(page, context, tr(NAME, "Receive stock"), lambda session: [
        Field("part_number", QT_TRANSLATE_NOOP("spares", "Part number"), required=True, default=part),
        Field("to_code", QT_TRANSLATE_NOOP("spares", "Depot"), "choice", location_choices(session), required=True,
              default=location),
        *quantity_fields(),
        Field("ref", QT_TRANSLATE_NOOP("spares", "Reference"),
              help=QT_TRANSLATE_NOOP("spares", "Delivery note or purchase order number.")),
        Field("note", QT_TRANSLATE_NOOP("spares", "Note")),
    ], lambda values: stock.receive(context.app, context.actor, **values))


def issue_form(page: ListPage, context: Context) -> None:
    """Issue parts to an incident, work order or service order (without a request)."""
    part, location = _selected(page)
    open_form(page, context, tr(NAME, "Issue parts"), lambda session: [
        Field("part_number", QT_TRANSLATE_NOOP("spares", "Part number"), required=True, default=part),
        Field("from_code", QT_TRANSLATE_NOOP("spares", "Depot"), "choice", location_choices(session), required=True,
              default=location),
        Field("ref", QT_TRANSLATE_NOOP("spares", "For"), required=True,
              help=QT_TRANSLATE_NOOP("spares", "Incident, work order or service order number, e.g. "
                                               "INC-2026-000123 or SP001-000045.")),
        *quantity_fields(),
        Field("defective_serial", QT_TRANSLATE_NOOP("spares", "Serial of the defective unit"),
              help=QT_TRANSLATE_NOOP("spares", "When known: the return is then checked against it.")),
        Field("note", QT_TRANSLATE_NOOP("spares", "Note")),
    ], lambda values: stock.issue(context.app, context.actor, **values),
        intro=tr(NAME, "An issue against a request counts for fill rate: issue from the Requests page when there "
                       "is one."))


MANUAL_KINDS = ("transfer", "unused_return", "count_adjustment", "transit_loss", "scrap")


def move_form(page: ListPage, context: Context) -> None:
    """Any other move: a direct transfer, a count adjustment, a loss in transit, a scrapping."""
    part, location = _selected(page)
    open_form(page, context, tr(NAME, "Move stock"), lambda session: [
        Field("kind", QT_TRANSLATE_NOOP("spares", "Kind"), "choice", [(k, MOVE_KINDS[k]) for k in MANUAL_KINDS],
              required=True),
        Field("part_number", QT_TRANSLATE_NOOP("spares", "Part number"), required=True, default=part),
        Field("from_code", QT_TRANSLATE_NOOP("spares", "From"), "choice",
              [("", "—"), *location_choices(session, LOCATION_KINDS)], default=location),
        Field("to_code", QT_TRANSLATE_NOOP("spares", "To"), "choice",
              [("", "—"), *location_choices(session, LOCATION_KINDS)], default=""),
        *quantity_fields(),
        Field("ref", QT_TRANSLATE_NOOP("spares", "Reference")),
        Field("note", QT_TRANSLATE_NOOP("spares", "Note"), required=True),
    ], lambda values: stock.move(context.app, context.actor, **values),
        intro=tr(NAME, "Leave “From” empty for stock coming from outside, “To” empty for stock leaving the network. "
                       "Large adjustments and losses need an approver."))


def safety_form(page: ListPage, context: Context) -> None:
    """Set the minimum and target of the selected part at its depot (both 0 removes them)."""
    part, location = _selected(page)
    key = page.current_key()

    def values(session):
        levels = replenishment.levels()
        row = session.execute(levels.where(levels.selected_columns.key == key)).one_or_none()
        return {"minimum": quantity(row.minimum) if row and row.minimum is not None else "0",
                "target": quantity(row.target) if row and row.target is not None else "0"}

    open_form(page, context, tr(NAME, "Safety stock of {part} at {depot}").format(part=part, depot=location),
              lambda session: [Field("minimum", QT_TRANSLATE_NOOP("spares", "Minimum"), "decimal", required=True),
                               Field("target", QT_TRANSLATE_NOOP("spares", "Target"), "decimal", required=True)],
              lambda v: replenishment.set_safety_stock(context.app, context.actor, part_number=part,
                                                       depot_code=location, **v),
              values=values, intro=tr(NAME, "Below the minimum the console proposes a refill up to the target."))


def import_stock(page: ListPage, context: Context) -> None:
    """Opening balances or a delivery from a spreadsheet (location, part number, quantity, serial)."""
    import_file(page, tr(NAME, "Import stock"), lambda path: spreadsheets.import_stock(context.app, context.actor, path),
                lambda count: tr(NAME, "{count} receipts booked.").format(count=f"{count:,}"))


# -- the ledger ------------------------------------------------------------------------------
def moves_page(context: Context) -> ListPage:
    """Every stock move, newest first; filter by kind and period; import moves; return unused consumables."""
    source, target = Location.__table__.alias("source"), Location.__table__.alias("target")
    query = (select(Move.at, Move.kind, Part.part_number, Part.name, Move.quantity, Move.serial, source.c.code,
                    target.c.code.label("to_code"), Move.ref, Move.actor, Move.note)
             .join(Part, Part.id == Move.part_id).outerjoin(source, source.c.id == Move.from_location_id)
             .outerjoin(target, target.c.id == Move.to_location_id))
    where = visible_locations(context.actor)
    if where is not None:
        allowed = select(Location.id).where(where)
        query = query.where(Move.from_location_id.in_(allowed) | Move.to_location_id.in_(allowed))
    columns = [
        Column(QT_TRANSLATE_NOOP("spares", "Time"), width=16),
        Column(QT_TRANSLATE_NOOP("spares", "Kind"), format=named(MOVE_KINDS), width=14),
        Column(QT_TRANSLATE_NOOP("spares", "Part number"), searchable=True, width=16),
        Column(QT_TRANSLATE_NOOP("spares", "Name"), searchable=True, width=26),
        Column(QT_TRANSLATE_NOOP("spares", "Quantity"), format=quantity, align="right", width=8),
        Column(QT_TRANSLATE_NOOP("spares", "Serial"), searchable=True, width=16),
        Column(QT_TRANSLATE_NOOP("spares", "From"), searchable=True, width=10),
        Column(QT_TRANSLATE_NOOP("spares", "To"), searchable=True, width=10),
        Column(QT_TRANSLATE_NOOP("spares", "Reference"), searchable=True, width=18),
        Column(QT_TRANSLATE_NOOP("spares", "By"), width=10),
        Column(QT_TRANSLATE_NOOP("spares", "Note"), searchable=True, width=20),
    ]
    now = utcnow()
    filters = [
        ChoiceFilter(QT_TRANSLATE_NOOP("spares", "Kind"), [(QT_TRANSLATE_NOOP("spares", "Any kind"), None)]
                     + [(label, Move.kind == kind) for kind, label in MOVE_KINDS.items()]),
        ChoiceFilter(QT_TRANSLATE_NOOP("spares", "Period"), [
            (QT_TRANSLATE_NOOP("spares", "Last 30 days"), Move.at >= now - timedelta(days=30)),
            (QT_TRANSLATE_NOOP("spares", "Last 7 days"), Move.at >= now - timedelta(days=7)),
            (QT_TRANSLATE_NOOP("spares", "Last 12 months"), Move.at >= now - timedelta(days=365)),
            (QT_TRANSLATE_NOOP("spares", "All time"), None)]),
    ]
    actions = [
        PageAction(QT_TRANSLATE_NOOP("spares", "Return unused…"), lambda p: return_unused_form(p, context),
                   needs_row=True, permission=MOVE),
        PageAction(QT_TRANSLATE_NOOP("spares", "Import moves…"), lambda p: import_moves(p, context), permission=MOVE),
    ]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=Move.id,
                    sort=(0, Qt.SortOrder.DescendingOrder), filters=filters, actions=actions,
                    count_text=QT_TRANSLATE_NOOP("spares", "{count} moves"),
                    empty_text=QT_TRANSLATE_NOOP("spares", "No move matches these filters."),
                    export_name="spare-parts-moves")


def return_unused_form(page: ListPage, context: Context) -> None:
    """A consumable came back unused: book it into a depot against the selected issue."""
    issue_id = page.current_key()
    open_form(page, context, tr(NAME, "Returned unused"), lambda session: [
        Field("to_code", QT_TRANSLATE_NOOP("spares", "Depot"), "choice", location_choices(session), required=True),
        Field("quantity", QT_TRANSLATE_NOOP("spares", "Quantity"), "decimal",
              help=QT_TRANSLATE_NOOP("spares", "Empty: everything that issue gave.")),
        Field("note", QT_TRANSLATE_NOOP("spares", "Note")),
    ], lambda values: stock.return_unused(context.app, context.actor, issue_id=issue_id, **values),
        intro=tr(NAME, "The selected line must be an issue. A part returned unused counts as a miss for hit rate."))


def import_moves(page: ListPage, context: Context) -> None:
    """Moves from a spreadsheet (time, kind, part, quantity, serial, from, to, reference), in time order."""
    zone = context.actor.timezone or "Asia/Shanghai"
    import_file(page, tr(NAME, "Import moves"),
                lambda path: spreadsheets.import_moves(context.app, context.actor, path, zone=zone),
                lambda count: tr(NAME, "{count} moves recorded.").format(count=f"{count:,}"))
