"""Spare-part figures and the charts drawn from them (matplotlib ``Figure``, Qt-free).

Draw functions take the texts they show as arguments (``labels``), so the UI passes them
translated; the data functions are what the CLI and the tests read.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Mapping, Sequence

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from console.api import Context, utcnow
from plugins.spares.models import DEPOT_KINDS, Location, Part, Return, Stock
from plugins.spares.service import kpis, returns
from plugins.spares.service.common import Policy, policy, reading

GREEN, BLUE, ORANGE, RED, GREY = "#3a9d5d", "#2f6db5", "#e07b39", "#c0392b", "#7f8c8d"


def stock_value_by_depot(session: Session) -> dict[str, Decimal]:
    """On-hand quantity × unit cost, summed per depot (central, regional, consignment), largest first."""
    total = func.sum(Stock.quantity * Part.unit_cost)
    rows = session.execute(select(Location.name, total).join(Stock, Stock.location_id == Location.id)
                           .join(Part, Part.id == Stock.part_id).where(Location.kind.in_(DEPOT_KINDS))
                           .group_by(Location.name).order_by(total.desc())).all()
    return {name: Decimal(amount).quantize(Decimal("0.01")) for name, amount in rows}


def overdue_by_depot(rules: Policy, session: Session) -> dict[str, tuple[int, int]]:
    """``{depot name: (overdue, of which losses)}`` of the expected returns now, most overdue first."""
    today = rules.local_date(utcnow())
    loss = func.sum(case((Return.due_on < rules.loss_cutoff(today), 1), else_=0))
    rows = session.execute(select(Location.name, func.count(), loss).join(Location, Location.id == Return.depot_id)
                           .where(returns.overdue_clause(today)).group_by(Location.name)
                           .order_by(func.count().desc())).all()
    return {name: (count, int(losses or 0)) for name, count, losses in rows}


def draw_rates(figure, context: Context, labels: Mapping[str, str], title: str = "") -> None:
    """Fill rate and hit rate of the network for each of the last twelve complete months (lines, percent)."""
    tz = kpis.zone(context.app)
    with reading(context.app) as session:
        months = kpis.monthly(tz, session, kpis.complete_months(tz), groups=("fill", "hits"))
    draw_rate_lines(figure, months, labels)
    if title:
        figure.axes[0].set_title(title, loc="left")


def draw_rate_lines(figure, months: Sequence[kpis.KpiRow], labels: Mapping[str, str]) -> None:
    """The two rate lines over ``months`` (rows keyed ``YYYY-MM``); months without data leave gaps."""
    axes = figure.add_subplot()
    names = [m.key[2:] for m in months]
    for attribute, colour, marker in (("fill_rate", BLUE, "o"), ("hit_rate", GREEN, "s")):
        values = [float(v) if (v := getattr(m, attribute)) is not None else float("nan") for m in months]
        axes.plot(names, values, marker=marker, markersize=4, color=colour, label=labels[attribute])
    axes.set_ylim(0, 105)
    axes.yaxis.set_major_formatter("{x:.0f}%")
    axes.tick_params(axis="x", labelrotation=45)
    axes.legend(loc="lower left", ncols=2)


def draw_stock_value(figure, context: Context) -> None:
    """Horizontal bars of stock value per depot, largest at the top."""
    with reading(context.app) as session:
        values = stock_value_by_depot(session)
    axes = figure.add_subplot()
    names = list(values)[::-1]
    bars = axes.barh(names, [float(values[n]) for n in names], color=GREEN)
    axes.bar_label(bars, labels=[f"{values[n]:,.0f}" for n in names], padding=3)
    axes.xaxis.set_major_formatter("{x:,.0f}")
    axes.margins(x=0.18)


def draw_overdue(figure, context: Context, labels: Mapping[str, str]) -> None:
    """Bars of overdue returns per depot now, the long overdue ones (losses) in red."""
    rules = policy(context.app)
    with reading(context.app) as session:
        values = overdue_by_depot(rules, session)
    axes = figure.add_subplot()
    if not values:
        axes.text(0.5, 0.5, labels["none"], ha="center", va="center", transform=axes.transAxes, color=GREY)
        axes.set_axis_off()
        return
    names = list(values)[::-1]
    losses = [values[n][1] for n in names]
    overdue = [values[n][0] - values[n][1] for n in names]
    axes.barh(names, overdue, color=ORANGE, label=labels["overdue"])
    bars = axes.barh(names, losses, left=overdue, color=RED, label=labels["loss"])
    axes.bar_label(bars, labels=[str(values[n][0]) for n in names], padding=3)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.legend(loc="lower right")
    axes.margins(x=0.12)


def draw_kpi_bars(figure, rows: Sequence[kpis.KpiRow], attribute: str, title: str, colour: str = BLUE) -> None:
    """A percentage of each row (``rows`` without the total; the first fifteen that have one): horizontal
    bars labelled by code, best at the top."""
    shown = [r for r in rows if getattr(r, attribute) is not None][:15]
    axes = figure.add_subplot()
    axes.set_title(title, loc="left")
    if not shown:
        axes.set_axis_off()
        return
    shown.sort(key=lambda r: getattr(r, attribute))
    values = [float(getattr(r, attribute)) for r in shown]
    bars = axes.barh([r.code for r in shown], values, color=colour)
    axes.bar_label(bars, labels=[f"{v:,.1f}" for v in values], padding=3)
    axes.set_xlim(0, max(100.0, max(values)) * 1.12)
