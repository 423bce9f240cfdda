"""Spare-part figures: the value of the stock held in each depot."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session

from console.api import Context
from plugins.spares.models import DEPOT_KINDS, Location, Move, Part


def stock_value_by_depot(session: Session) -> dict[str, Decimal]:
    """On-hand quantity × unit cost, summed per depot (central, regional, consignment), largest first."""
    value = Move.quantity * Part.unit_cost
    signed = union_all(
        select(Move.to_location_id.label("location_id"), value.label("value")).join(Part, Part.id == Move.part_id)
        .where(Move.to_location_id.is_not(None)),
        select(Move.from_location_id, -value).join(Part, Part.id == Move.part_id)
        .where(Move.from_location_id.is_not(None)),
    ).subquery()
    total = func.sum(signed.c.value)
    rows = session.execute(select(Location.name, total).join(signed, signed.c.location_id == Location.id)
                           .where(Location.kind.in_(DEPOT_KINDS)).group_by(Location.name)
                           .order_by(total.desc())).all()
    return {name: Decimal(amount).quantize(Decimal("0.01")) for name, amount in rows}


def draw_stock_value(figure, context: Context) -> None:
    """Horizontal bars of stock value per depot, largest at the top."""
    with context.app.session() as session:
        values = stock_value_by_depot(session)
    axes = figure.add_subplot()
    names = list(values)[::-1]
    bars = axes.barh(names, [float(values[n]) for n in names], color="#3a9d5d")
    axes.bar_label(bars, labels=[f"{values[n]:,.0f}" for n in names], padding=3)
    axes.xaxis.set_major_formatter("{x:,.0f}")
