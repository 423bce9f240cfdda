"""Global search: parts by number or name, serials, and request, return and shipment numbers."""

from __future__ import annotations

from sqlalchemy import or_, select

from console.api import Context, SearchHit
from plugins.spares.models import Location, Part, Request, Return, Shipment, Stock
from plugins.spares.service import requests, returns, shipments
from plugins.spares.service.common import code, reading
from plugins.spares.service.replenishment import level_key

PARTS_PAGE = "spares.parts"
STOCK_PAGE = "spares.stock"


def search(context: Context, text: str, limit: int) -> list[SearchHit]:
    """Parts whose number starts with, or whose name contains, ``text``; serials and document numbers
    that start with it."""
    text = text.strip()
    if not text:
        return []
    upper = code(text)
    with reading(context.app) as session:
        hits = [SearchHit(f"{number} {name}", f"{cost:,.2f}", PARTS_PAGE, part_id) for number, name, cost, part_id in
                session.execute(select(Part.part_number, Part.name, Part.unit_cost, Part.id)
                                .where(or_(Part.part_number.startswith(upper, autoescape=True),
                                           Part.name.icontains(text, autoescape=True)))
                                .order_by(Part.part_number).limit(limit))]
        hits += [SearchHit(f"{serial} · {number}", f"{location} · {name}", STOCK_PAGE, level_key(part_id, location_id))
                 for serial, number, location, name, part_id, location_id in session.execute(
                     select(Stock.serial, Part.part_number, Location.code, Location.name, Stock.part_id,
                            Stock.location_id)
                     .join(Part, Part.id == Stock.part_id).join(Location, Location.id == Stock.location_id)
                     .where(Stock.serial.startswith(upper, autoescape=True), Stock.serial != "")
                     .order_by(Stock.serial).limit(limit))]
        for model, page in ((Request, requests.PAGE_ID), (Return, returns.PAGE_ID), (Shipment, shipments.PAGE_ID)):
            hits += [SearchHit(number, ref or "", page, key) for number, ref, key in session.execute(
                select(model.number, _subtitle(model), model.id).where(model.number.startswith(upper, autoescape=True))
                .order_by(model.number).limit(limit))]
    return hits[:limit]


def _subtitle(model):
    """What a document hit shows under its number: the reference it is for (a shipment: its tracking number)."""
    return model.tracking if model is Shipment else model.ref
