"""Partner figures for the dashboard and the charts drawn from them (matplotlib ``Figure``, Qt-free).

Each figure is one set-based query scoped to the actor's partner (a partner's user sees only its
own). Draw functions take the texts they show as ``labels`` (English by default), so the UI passes
them translated (``ui/charts.py``); a chart without data says so instead of drawing empty axes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Mapping

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from console.api import Actor, Context, utcnow
from plugins.partners import access
from plugins.partners.models import Finding, OrderStep, Partner, ServiceOrder

PERIOD = timedelta(days=90)
SHOWN = 10
GREEN, BLUE, ORANGE, RED, GREY = "#3a9d5d", "#2f6db5", "#e07b39", "#c0392b", "#7f8c8d"
SEVERITY_COLOURS = {"info": BLUE, "warning": ORANGE, "critical": RED}
ON_TIME_LABELS = {"arrival": "On-time arrival", "fix": "On-time fix",
                  "none": "No service orders in the last 90 days yet."}
FINDINGS_LABELS = {"none": "No open audit findings."}


@dataclass(frozen=True)
class OnTime:
    """A partner's step clocks over a period: how many arrivals and fixes are due or done, and on time."""

    partner: str
    arrivals: int
    arrived_on_time: int
    fixes: int
    fixed_on_time: int

    @property
    def arrival_pct(self) -> float | None:
        """On-time arrivals in percent of the arrivals due or done (None: none yet)."""
        return 100.0 * self.arrived_on_time / self.arrivals if self.arrivals else None

    @property
    def fix_pct(self) -> float | None:
        """On-time fixes in percent of the fixes due or done (None: none yet)."""
        return 100.0 * self.fixed_on_time / self.fixes if self.fixes else None


def orders_by_partner(session: Session, since: datetime, limit: int = SHOWN, actor: Actor | None = None
                      ) -> dict[str, int]:
    """Service orders dispatched since ``since`` per partner name, the busiest ``limit`` partners first."""
    count = func.count(ServiceOrder.id)
    query = (select(Partner.name, count).join(ServiceOrder, ServiceOrder.partner_id == Partner.id)
             .where(ServiceOrder.dispatched_at >= since).group_by(Partner.name)
             .order_by(count.desc(), Partner.name).limit(limit))
    if actor is not None:
        query = access.scoped(query, Partner.id, session, actor)
    return dict(session.execute(query).all())


def on_time(session: Session, actor: Actor, since: datetime, now: datetime | None = None,
            limit: int = SHOWN) -> list[OnTime]:
    """Per partner, of the orders dispatched since ``since``: the arrivals and fixes that happened or are
    overdue (a rejected order has neither), and how many of them met their due instant. The partners
    with the most orders first; one query."""
    now = now or utcnow()
    first = (select(OrderStep.order_id,
                    func.min(case((OrderStep.step == "arrived", OrderStep.at))).label("arrived"),
                    func.min(case((OrderStep.step == "fixed", OrderStep.at))).label("fixed"))
             .where(OrderStep.step.in_(("arrived", "fixed"))).group_by(OrderStep.order_id).subquery("first_steps"))
    live = ServiceOrder.status != "rejected"

    def due_or_done(done, due):
        return func.sum(case((done.is_not(None), 1), (and_(live, due.is_not(None), due < now), 1), else_=0))

    def met(done, due):
        return func.sum(case((and_(done.is_not(None), due.is_not(None), done <= due), 1), else_=0))

    orders = func.count(ServiceOrder.id)
    query = (select(Partner.name,
                    due_or_done(first.c.arrived, ServiceOrder.arrive_due_at),
                    met(first.c.arrived, ServiceOrder.arrive_due_at),
                    due_or_done(first.c.fixed, ServiceOrder.fix_due_at), met(first.c.fixed, ServiceOrder.fix_due_at))
             .join(ServiceOrder, ServiceOrder.partner_id == Partner.id)
             .outerjoin(first, first.c.order_id == ServiceOrder.id)
             .where(ServiceOrder.dispatched_at >= since).group_by(Partner.name)
             .order_by(orders.desc(), Partner.name).limit(limit))
    rows = session.execute(access.scoped(query, Partner.id, session, actor)).all()
    return [OnTime(name, int(a or 0), int(ao or 0), int(f or 0), int(fo or 0)) for name, a, ao, f, fo in rows]


def open_findings_by_rule(session: Session, actor: Actor) -> list[tuple[str, str, int]]:
    """``(rule, severity, open findings)`` per rule and severity, most findings first; one query."""
    count = func.count(Finding.id)
    query = (select(Finding.rule, Finding.severity, count).where(Finding.status == "open")
             .group_by(Finding.rule, Finding.severity).order_by(count.desc(), Finding.rule))
    return [(rule, severity, n) for rule, severity, n
            in session.execute(access.scoped(query, Finding.partner_id, session, actor))]


def _no_data(figure, text: str) -> None:
    """An empty chart that says why it is empty."""
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.text(0.5, 0.5, text, ha="center", va="center", color=GREY, fontsize=11, transform=axes.transAxes)


def draw_orders_by_partner(figure, context: Context, labels: Mapping[str, str] | None = None) -> None:
    """Horizontal bars of the last 90 days' orders for the ten busiest partners."""
    with context.app.session() as session:
        counts = orders_by_partner(session, utcnow() - PERIOD, actor=context.actor)
    if not counts:
        _no_data(figure, {**ON_TIME_LABELS, **(labels or {})}["none"])
        return
    axes = figure.add_subplot()
    names = list(counts)[::-1]
    bars = axes.barh(names, [counts[n] for n in names], color="#8e6bbf")
    axes.bar_label(bars, padding=3)
    axes.xaxis.get_major_locator().set_params(integer=True)


def draw_on_time(figure, context: Context, labels: Mapping[str, str] | None = None) -> None:
    """Paired horizontal bars per partner: on-time arrival and on-time fix in percent (last 90 days)."""
    labels = {**ON_TIME_LABELS, **(labels or {})}
    with context.app.session() as session:
        rows = on_time(session, context.actor, utcnow() - PERIOD)
    rows = [row for row in rows if row.arrivals or row.fixes][::-1]
    if not rows:
        _no_data(figure, labels["none"])
        return
    axes = figure.add_subplot()
    height = 0.38
    positions = range(len(rows))
    for offset, attribute, colour, label in ((height / 2, "arrival_pct", BLUE, labels["arrival"]),
                                             (-height / 2, "fix_pct", GREEN, labels["fix"])):
        values = [getattr(row, attribute) or 0.0 for row in rows]
        bars = axes.barh([p + offset for p in positions], values, height=height, color=colour, label=label)
        axes.bar_label(bars, labels=[f"{v:.0f}%" for v in values], padding=2, fontsize=8)
    axes.set_yticks(list(positions), [row.partner for row in rows])
    axes.set_xlim(0, 112)
    axes.xaxis.set_major_formatter("{x:.0f}%")
    _legend_on_top(axes)


def draw_open_findings(figure, context: Context, labels: Mapping[str, str] | None = None,
                       titles: Mapping[str, str] | None = None) -> None:
    """Horizontal bars of the open findings per audit rule (``titles``: rule name → shown title), coloured
    by severity and stacked when a rule's findings were raised with different severities."""
    labels = {**FINDINGS_LABELS, **(labels or {})}
    with context.app.session() as session:
        rows = open_findings_by_rule(session, context.actor)
    if not rows:
        _no_data(figure, labels["none"])
        return
    titles = {**_rule_titles(), **(titles or {})}
    totals: dict[str, int] = {}
    for rule, _severity, n in rows:
        totals[rule] = totals.get(rule, 0) + n
    rules = sorted(totals, key=lambda r: (totals[r], r))[-SHOWN:]
    axes = figure.add_subplot()
    left = dict.fromkeys(rules, 0)
    shown = [titles.get(rule, rule) for rule in rules]
    for severity, colour in SEVERITY_COLOURS.items():
        counts = {rule: n for rule, s, n in rows if s == severity and rule in left}
        if counts:
            axes.barh(shown, [counts.get(r, 0) for r in rules], left=[left[r] for r in rules], color=colour,
                      label=labels.get(severity, severity))
            for rule in rules:
                left[rule] += counts.get(rule, 0)
    for y, rule in enumerate(rules):
        axes.text(left[rule], y, f" {left[rule]}", va="center", fontsize=8)
    axes.set_xlim(0, max(left.values()) * 1.12)
    axes.xaxis.get_major_locator().set_params(integer=True)
    _legend_on_top(axes)


def _legend_on_top(axes) -> None:
    """The legend in one row above the bars, where it hides none of them."""
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=8, frameon=False)


def _rule_titles() -> dict[str, str]:
    """Rule name → title of every registered audit rule."""
    from plugins.partners.rules import all_rules

    return {rule.name: rule.title for rule in all_rules()}
