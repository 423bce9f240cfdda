"""The parts catalogue and the stock locations."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import func, select

from console.api import Context, ValidationError
from console.api.ui import ChoiceFilter, Column, DetailSection, Field, ListPage, PageAction, detail_html, tr, user_zone
from plugins.spares.models import DEPOT_KINDS, LOCATION_KINDS, OPEN_RETURN_STATES, Location, Part, Return, Stock
from plugins.spares.service import catalogue, spreadsheets
from plugins.spares.service.common import EDIT, reading
from plugins.spares.service.common import code as code_of
from plugins.spares.ui.common import LOCATION_KINDS as KIND_NAMES
from plugins.spares.ui.common import NAME, import_file, money, named, open_form, quantity, yes_no


def parts_page(context: Context) -> ListPage:
    """Every part with its cost and stock in the depots; new parts, edits and imports."""
    in_depots = (select(Stock.part_id, func.sum(Stock.quantity).label("q"))
                 .join(Location, Location.id == Stock.location_id).where(Location.kind.in_(DEPOT_KINDS))
                 .group_by(Stock.part_id).subquery())
    on_hand = func.coalesce(in_depots.c.q, 0)
    query = (select(Part.part_number, Part.name, Part.compatible_models, Part.unit_cost, Part.serialized,
                    Part.return_required, on_hand.label("on_hand"), (on_hand * Part.unit_cost).label("value"),
                    Part.active)
             .outerjoin(in_depots, in_depots.c.part_id == Part.id))
    columns = [
        Column(QT_TRANSLATE_NOOP("spares", "Part number"), searchable=True, width=16),
        Column(QT_TRANSLATE_NOOP("spares", "Name"), searchable=True, width=30),
        Column(QT_TRANSLATE_NOOP("spares", "Compatible models"), searchable=True, width=26),
        Column(QT_TRANSLATE_NOOP("spares", "Unit cost"), format=money, align="right", width=10),
        Column(QT_TRANSLATE_NOOP("spares", "Serialized"), format=yes_no, align="center", width=9),
        Column(QT_TRANSLATE_NOOP("spares", "Return required"), format=yes_no, align="center", width=9),
        Column(QT_TRANSLATE_NOOP("spares", "In depots"), format=quantity, align="right", nullable=False, width=8),
        Column(QT_TRANSLATE_NOOP("spares", "Value"), format=money, align="right", nullable=False, width=11),
        Column(QT_TRANSLATE_NOOP("spares", "Active"), format=yes_no, align="center", width=7),
    ]
    filters = [
        ChoiceFilter(QT_TRANSLATE_NOOP("spares", "Parts"), [
            (QT_TRANSLATE_NOOP("spares", "Active parts"), Part.active.is_(True)),
            (QT_TRANSLATE_NOOP("spares", "All parts"), None),
            (QT_TRANSLATE_NOOP("spares", "Return required (FRU)"), Part.return_required.is_(True)),
            (QT_TRANSLATE_NOOP("spares", "Consumables"), Part.return_required.is_(False)),
            (QT_TRANSLATE_NOOP("spares", "Not in any depot"), on_hand <= 0),
            (QT_TRANSLATE_NOOP("spares", "Discontinued"), Part.active.is_(False))]),
    ]
    return ListPage(
        context, owner=NAME, query=query, columns=columns, key=Part.id,
        sort=(0, Qt.SortOrder.AscendingOrder), filters=filters,
        actions=[
            PageAction(QT_TRANSLATE_NOOP("spares", "New part…"), lambda p: part_form(p, context, None),
                       permission=EDIT, primary=True),
            PageAction(QT_TRANSLATE_NOOP("spares", "Edit part…"), lambda p: part_form(p, context, p.current_key()),
                       needs_row=True, permission=EDIT),
            PageAction(QT_TRANSLATE_NOOP("spares", "Import parts…"), lambda p: import_parts(p, context),
                       permission=EDIT)],
        detail=lambda part_id: part_detail(context, part_id),
        count_text=QT_TRANSLATE_NOOP("spares", "{count} parts"),
        empty_text=QT_TRANSLATE_NOOP("spares", "No part matches."), export_name="spare-parts")


def part_detail(context: Context, part_id) -> str:
    """The part's facts, its stock per location and its open returns."""
    with reading(context.app) as session:
        part = session.get(Part, int(part_id))
        if part is None:
            return tr(NAME, "This part no longer exists.")
        per_location = session.execute(
            select(Location.code, Location.name, func.sum(Stock.quantity)).join(Stock, Stock.location_id == Location.id)
            .where(Stock.part_id == part.id).group_by(Location.code, Location.name).order_by(Location.code)).all()
        open_returns = session.scalar(select(func.count()).select_from(Return).where(
            Return.part_id == part.id, Return.state.in_(OPEN_RETURN_STATES)))
    facts = DetailSection(QT_TRANSLATE_NOOP("spares", "Part"), [
        (QT_TRANSLATE_NOOP("spares", "Unit cost"), money(part.unit_cost)),
        (QT_TRANSLATE_NOOP("spares", "Serialized"), yes_no(part.serialized)),
        (QT_TRANSLATE_NOOP("spares", "Return required"), yes_no(part.return_required)),
        (QT_TRANSLATE_NOOP("spares", "Compatible models"), part.compatible_models or "—"),
        (QT_TRANSLATE_NOOP("spares", "Open returns"), str(open_returns))])
    stock = DetailSection(QT_TRANSLATE_NOOP("spares", "On hand by location"),
                          [(f"{code} · {name}", quantity(q)) for code, name, q in per_location]
                          or [(QT_TRANSLATE_NOOP("spares", "Nowhere"), "0")])
    return detail_html(f"{part.part_number} · {part.name}", [facts, stock], owner=NAME, zone=user_zone(context))


def part_form(page: ListPage, context: Context, part_id: int | None) -> None:
    """The new-part form, or the edit form of the part ``part_id`` (optimistic locking on its version)."""
    original: dict = {}

    def values(session) -> dict:
        part = session.get(Part, part_id) if part_id else None
        if part is None:
            return {}
        original["part_number"] = part.part_number
        return {"part_number": part.part_number, "name": part.name, "unit_cost": f"{part.unit_cost:f}",
                "compatible_models": part.compatible_models, "serialized": part.serialized,
                "return_required": part.return_required, "active": part.active}

    def save(v: dict):
        if not part_id:
            v.pop("active")
            return catalogue.create_part(context.app, context.actor, **v)
        if code_of(v.pop("part_number")) != original.get("part_number"):
            raise ValidationError(tr(NAME, "A part number cannot change; add a new part instead."), "part_number")
        return catalogue.update_part(context.app, context.actor, part_id, **v)

    open_form(page, context, tr(NAME, "Edit part") if part_id else tr(NAME, "New part"), lambda session: [
        Field("part_number", QT_TRANSLATE_NOOP("spares", "Part number"), required=True),
        Field("name", QT_TRANSLATE_NOOP("spares", "Name"), required=True),
        Field("unit_cost", QT_TRANSLATE_NOOP("spares", "Unit cost"), "decimal", required=True),
        Field("compatible_models", QT_TRANSLATE_NOOP("spares", "Compatible models"),
              help=QT_TRANSLATE_NOOP("spares", "Models the part fits, separated by commas.")),
        Field("serialized", QT_TRANSLATE_NOOP("spares", "Serialized"), "bool",
              help=QT_TRANSLATE_NOOP("spares", "Every unit has a serial that is scanned at each move.")),
        Field("return_required", QT_TRANSLATE_NOOP("spares", "Return required"), "bool",
              help=QT_TRANSLATE_NOOP("spares", "A field-replaceable unit: the defective part must come back.")),
        Field("active", QT_TRANSLATE_NOOP("spares", "Active"), "bool", default=True),
    ], save, values=values, version=(Part, part_id) if part_id else None)


def import_parts(page: ListPage, context: Context) -> None:
    """Add and update parts from a spreadsheet."""
    import_file(page, tr(NAME, "Import parts"), lambda path: spreadsheets.import_parts(context.app, context.actor, path),
                lambda counts: tr(NAME, "{added} parts added, {updated} updated.").format(
                    added=f"{counts[0]:,}", updated=f"{counts[1]:,}"))


def locations_page(context: Context) -> ListPage:
    """Every stock location with what it holds; new locations and edits."""
    held = (select(Stock.location_id, func.sum(Stock.quantity).label("q"),
                   func.sum(Stock.quantity * Part.unit_cost).label("v"))
            .join(Part, Part.id == Stock.part_id).group_by(Stock.location_id).subquery())
    query = (select(Location.code, Location.name, Location.kind, Location.city, Location.partner_code,
                    func.coalesce(held.c.q, 0).label("units"), func.coalesce(held.c.v, 0).label("value"),
                    Location.active)
             .outerjoin(held, held.c.location_id == Location.id))
    columns = [
        Column(QT_TRANSLATE_NOOP("spares", "Code"), searchable=True, width=12),
        Column(QT_TRANSLATE_NOOP("spares", "Name"), searchable=True, width=32),
        Column(QT_TRANSLATE_NOOP("spares", "Kind"), format=named(KIND_NAMES), width=19),
        Column(QT_TRANSLATE_NOOP("spares", "City"), searchable=True, width=10),
        Column(QT_TRANSLATE_NOOP("spares", "Partner"), searchable=True, width=9),
        Column(QT_TRANSLATE_NOOP("spares", "Units"), format=quantity, align="right", nullable=False, width=9),
        Column(QT_TRANSLATE_NOOP("spares", "Value"), format=money, align="right", nullable=False, width=13),
        Column(QT_TRANSLATE_NOOP("spares", "Active"), format=yes_no, align="center", width=7),
    ]
    filters = [ChoiceFilter(QT_TRANSLATE_NOOP("spares", "Kind"), [(QT_TRANSLATE_NOOP("spares", "Any kind"), None)]
                            + [(KIND_NAMES[k], Location.kind == k) for k in LOCATION_KINDS])]
    return ListPage(
        context, owner=NAME, query=query, columns=columns, key=Location.id, sort=(0, Qt.SortOrder.AscendingOrder),
        filters=filters, actions=[
            PageAction(QT_TRANSLATE_NOOP("spares", "New location…"), lambda p: location_form(p, context, None),
                       permission=EDIT, primary=True),
            PageAction(QT_TRANSLATE_NOOP("spares", "Edit location…"),
                       lambda p: location_form(p, context, p.current_key()), needs_row=True, permission=EDIT)],
        count_text=QT_TRANSLATE_NOOP("spares", "{count} locations"),
        empty_text=QT_TRANSLATE_NOOP("spares", "No location matches."), export_name="spare-parts-locations")


def location_form(page: ListPage, context: Context, location_id: int | None) -> None:
    """The new-location form, or the edit form of the location ``location_id``."""
    original: dict = {}

    def values(session) -> dict:
        location = session.get(Location, location_id) if location_id else None
        if location is None:
            return {}
        original.update(code=location.code, kind=location.kind)
        return {"code": location.code, "name": location.name, "kind": location.kind, "city": location.city or "",
                "partner_code": location.partner_code or "", "active": location.active}

    def save(v: dict):
        if not location_id:
            v.pop("active")
            return catalogue.create_location(context.app, context.actor, **v)
        if code_of(v.pop("code")) != original.get("code") or v.pop("kind") != original.get("kind"):
            raise ValidationError(tr(NAME, "A location's code and kind cannot change; add a new location instead."),
                                  "code")
        return catalogue.update_location(context.app, context.actor, location_id, **v)

    open_form(page, context, tr(NAME, "Edit location") if location_id else tr(NAME, "New location"), lambda session: [
        Field("code", QT_TRANSLATE_NOOP("spares", "Code"), required=True),
        Field("name", QT_TRANSLATE_NOOP("spares", "Name"), required=True),
        Field("kind", QT_TRANSLATE_NOOP("spares", "Kind"), "choice", [(k, KIND_NAMES[k]) for k in LOCATION_KINDS],
              required=True),
        Field("city", QT_TRANSLATE_NOOP("spares", "City")),
        Field("partner_code", QT_TRANSLATE_NOOP("spares", "Partner"),
              help=QT_TRANSLATE_NOOP("spares", "The partner that holds consignment stock; empty for our own.")),
        Field("active", QT_TRANSLATE_NOOP("spares", "Active"), "bool", default=True),
    ], save, values=values, version=(Location, location_id) if location_id else None)
