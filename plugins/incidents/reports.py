"""Incident figures (Qt-free): the data of each report, its matplotlib chart, and ``incidents-stats``.

Each report is computed in SQL (grouped with portable CASE buckets, so months are the organisation's
local months on every backend) and returned as a ``Report``: column titles, rows and a ``draw(figure)``
for its chart. Texts come from ``labels`` — English by default; the pages pass translated ones.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, literal_column, select
from sqlalchemy.orm import Session, aliased

from console.api import AppContext, Context, Customer, User, numeric_time_axis, utcnow
from plugins.incidents import catalog
from plugins.incidents.models import (
    OPEN_STATUSES,
    PRIORITIES,
    STATUSES,
    Clock,
    Incident,
    SlaDefinition,
)

PRIORITY_COLOURS = {"P1": "#c0392b", "P2": "#e07b39", "P3": "#d4a72c", "P4": "#7f8c8d"}
AGE_BUCKETS = ((timedelta(days=1), "< 1 day"), (timedelta(days=3), "1–3 days"), (timedelta(days=7), "3–7 days"),
               (timedelta(days=30), "7–30 days"), (None, "> 30 days"))
TOP = 10
LABELS = {
    "priority": "Priority", "count": "Number of incidents", "age": "Age", "month": "Month", "compliance": "Compliance %",
    "target": "Target", "met": "Met", "breached": "Breached", "hours": "Hours", "restore": "Mean time to restore",
    "resolve": "Mean time to resolve", "category": "Category", "customer": "Customer", "engineer": "Engineer",
    "open": "Open", "resolved": "Resolved (30 days)", "breaches": "Breaches", "none": "Nothing to show yet.",
    "unassigned": "(unassigned)", "due_soon": "Breaching within {hours} h", "breached_now": "Breached and open",
    "running": "Running", "paused": "Paused", "stopped": "Stopped", "due": "Due", "breach": "Breach", "now": "Now",
}


@dataclass(frozen=True)
class Report:
    """One report: what the table shows and how the chart is drawn."""

    columns: tuple[str, ...]
    rows: list[tuple]
    draw: Callable[[object], None]


def _label(labels: dict[str, str] | None, key: str) -> str:
    return (labels or {}).get(key, LABELS.get(key, key))


def local_months(count: int, zone: str, now: datetime | None = None) -> list[tuple[datetime, datetime, str]]:
    """The last ``count`` local calendar months up to now: ``(start, end, "2026-03")``, oldest first."""
    local = (now or utcnow()).astimezone(ZoneInfo(zone))
    year, month = local.year, local.month
    months = []
    for _ in range(count):
        start = datetime(year, month, 1, tzinfo=ZoneInfo(zone))
        end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=ZoneInfo(zone))
        months.append((start, end, f"{year}-{month:02d}"))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def _bucket(column, months: list[tuple[datetime, datetime, str]]):
    """A CASE giving the index of the month ``column`` falls in (NULL outside them)."""
    return case(*((column.between(start, end - timedelta(microseconds=1)), i)
                  for i, (start, end, _label) in enumerate(months)), else_=None)


def seconds_between(session: Session, later, earlier):
    """``later - earlier`` in seconds as SQL, for each backend."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return func.extract("epoch", later - earlier)
    if dialect in ("mysql", "mariadb"):
        return func.timestampdiff(literal_column("SECOND"), earlier, later)
    return (func.julianday(later) - func.julianday(earlier)) * 86400


# -- the dashboard's open incidents ------------------------------------------------------------
def open_by_priority(session: Session) -> dict[str, int]:
    """Open incidents per priority, every priority present."""
    rows = session.execute(select(Incident.priority, func.count()).where(Incident.status.in_(OPEN_STATUSES))
                           .group_by(Incident.priority)).all()
    counts = dict.fromkeys(PRIORITIES, 0)
    counts.update(rows)
    return counts


def counts_by_status(session: Session) -> dict[str, int]:
    """Incidents per status, in the order of the status flow."""
    counts = dict.fromkeys(STATUSES, 0)
    counts.update(session.execute(select(Incident.status, func.count()).group_by(Incident.status)).all())
    return counts


def draw_open_by_priority(figure, context: Context, labels: dict[str, str] | None = None) -> None:
    """Bar chart of open incidents by priority, each bar labelled with its count."""
    with context.app.session() as session:
        counts = open_by_priority(session)
    axes = figure.add_subplot()
    bars = axes.bar(list(counts), list(counts.values()), color=[PRIORITY_COLOURS[p] for p in counts])
    axes.bar_label(bars)
    axes.set_ylabel(_label(labels, "count"))
    axes.yaxis.get_major_locator().set_params(integer=True)


# -- backlog by priority and age ---------------------------------------------------------------
def backlog(session: Session, now: datetime, labels: dict[str, str] | None = None) -> Report:
    """Open incidents by priority and age (time since opened)."""
    age = case(*((Incident.opened_at >= now - limit, i) for i, (limit, _l) in enumerate(AGE_BUCKETS) if limit),
               else_=len(AGE_BUCKETS) - 1)
    counts = {(p, b): 0 for p in PRIORITIES for b in range(len(AGE_BUCKETS))}
    for priority, bucket, count in session.execute(
            select(Incident.priority, age, func.count()).where(Incident.status.in_(OPEN_STATUSES))
            .group_by(Incident.priority, age)):
        counts[(priority, bucket)] = count
    names = [_label(labels, name) for _limit, name in AGE_BUCKETS]
    rows = [(p, *(counts[(p, b)] for b in range(len(names))), sum(counts[(p, b)] for b in range(len(names))))
            for p in PRIORITIES]

    def draw(figure) -> None:
        axes = figure.add_subplot()
        bottom = [0] * len(names)
        for priority, *values, _total in rows:
            axes.bar(names, values, bottom=bottom, label=priority, color=PRIORITY_COLOURS[priority])
            bottom = [b + v for b, v in zip(bottom, values)]
        axes.set_xlabel(_label(labels, "age"))
        axes.set_ylabel(_label(labels, "count"))
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.legend(ncols=4, loc="lower center", bbox_to_anchor=(0.5, 1.0), fontsize=8)

    return Report((_label(labels, "priority"), *names, "Σ"), rows, draw)


# -- SLA compliance per target per month --------------------------------------------------------
def compliance(session: Session, months: list[tuple[datetime, datetime, str]],
               labels: dict[str, str] | None = None, metrics: dict[str, str] | None = None) -> Report:
    """Met ÷ (met + breached) per definition and local month (the month a clock stopped, or breached).

    With ``metrics`` (metric → its name) the customer SLAs are summed per metric instead (the dashboard)."""
    ended = func.coalesce(Clock.stopped_at, Clock.breached_at)
    bucket = _bucket(ended, months)
    first = months[0][0]
    series = Clock.metric if metrics else SlaDefinition.name
    query = (select(series, bucket, Clock.state, func.count())
             .join(SlaDefinition, SlaDefinition.id == Clock.definition_id)
             .where(Clock.state.in_(("met", "breached")), Clock.started_at >= first - timedelta(days=90),
                    ended >= first).group_by(series, bucket, Clock.state))
    if metrics:
        query = query.where(SlaDefinition.kind == "sla")
    counts: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for key, index, state, count in session.execute(query):
        if index is not None:
            counts[((metrics or {}).get(key, key), index)][0 if state == "met" else 1] += count
    names = sorted({name for name, _i in counts})
    rows = []
    for name in names:
        for index, (_s, _e, month) in enumerate(months):
            met, breached = counts.get((name, index), (0, 0))
            if met + breached:
                rows.append((name, month, met, breached, round(100 * met / (met + breached), 1)))

    def draw(figure) -> None:
        axes = figure.add_subplot()
        for name in names:
            points = [(m, pct) for n, m, _met, _b, pct in rows if n == name]
            axes.plot([m for m, _p in points], [p for _m, p in points], marker="o", label=name)
        axes.set_ylim(0, 105)
        axes.set_ylabel(_label(labels, "compliance"))
        axes.tick_params(axis="x", labelrotation=30)
        if names:
            axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7 if len(names) > 5 else 8)
        else:
            axes.text(0.5, 0.5, _label(labels, "none"), ha="center", va="center", transform=axes.transAxes)

    return Report((_label(labels, "target"), _label(labels, "month"), _label(labels, "met"),
                   _label(labels, "breached"), _label(labels, "compliance")), rows, draw)


# -- mean time to restore and to resolve ----------------------------------------------------------
def mean_times(session: Session, months: list[tuple[datetime, datetime, str]],
               labels: dict[str, str] | None = None) -> Report:
    """Mean elapsed hours from opening to restore and to resolve, per local month of resolution."""
    bucket = _bucket(Incident.resolved_at, months)
    restore = func.avg(seconds_between(session, Incident.restored_at, Incident.opened_at))
    resolve = func.avg(seconds_between(session, Incident.resolved_at, Incident.opened_at))
    found = {index: (count, r1, r2) for index, count, r1, r2 in session.execute(
        select(bucket, func.count(), restore, resolve).where(Incident.resolved_at >= months[0][0])
        .group_by(bucket)) if index is not None}
    rows = [(month, found.get(i, (0, None, None))[0],
             *(round(float(v) / 3600, 1) if v is not None else None for v in found.get(i, (0, None, None))[1:]))
            for i, (_s, _e, month) in enumerate(months)]

    def draw(figure) -> None:
        axes = figure.add_subplot()
        shown = [r for r in rows if r[1]]
        for position, key in ((2, "restore"), (3, "resolve")):
            axes.plot([r[0] for r in shown], [r[position] for r in shown], marker="o", label=_label(labels, key))
        axes.set_ylabel(_label(labels, "hours"))
        axes.tick_params(axis="x", labelrotation=30)
        axes.legend(loc="upper left")

    return Report((_label(labels, "month"), _label(labels, "resolved"), _label(labels, "restore"),
                   _label(labels, "resolve")), rows, draw)


# -- breaches by category and by customer --------------------------------------------------------
def _breach_counts(session: Session, since: datetime, key) -> list[tuple]:
    count = func.count(Clock.id)
    return session.execute(select(key, count).join(Incident, Incident.id == Clock.incident_id)
                           .where(Clock.state == "breached", Clock.breached_at >= since)
                           .group_by(key).order_by(count.desc()).limit(TOP)).all()


def _barh(figure, names: list[str], values: list[int], colour: str, labels, key: str) -> None:
    axes = figure.add_subplot()
    bars = axes.barh(names[::-1], values[::-1], color=colour)
    axes.bar_label(bars, padding=3)
    axes.set_xlabel(_label(labels, key))
    axes.xaxis.get_major_locator().set_params(integer=True)
    if not names:
        axes.text(0.5, 0.5, _label(labels, "none"), ha="center", va="center", transform=axes.transAxes)


def breaches_by_category(session: Session, since: datetime, labels: dict[str, str] | None = None) -> Report:
    """Clocks breached since ``since`` per category, the ten most breached first."""
    paths = {n.id: n.path for n in catalog.category_tree(session, include_inactive=True)}
    rows = [(paths.get(c, str(c)), n) for c, n in _breach_counts(session, since, Incident.category_id)]
    return Report((_label(labels, "category"), _label(labels, "breaches")), rows,
                  lambda figure: _barh(figure, [r[0] for r in rows], [r[1] for r in rows], "#c0392b", labels,
                                       "breaches"))


def breaches_by_customer(session: Session, since: datetime, labels: dict[str, str] | None = None) -> Report:
    """Clocks breached since ``since`` per customer, the ten most breached first."""
    counts = _breach_counts(session, since, Incident.customer_id)
    names = dict(session.execute(select(Customer.id, Customer.name).where(
        Customer.id.in_([c for c, _n in counts] or [0]))).all())
    rows = [(names.get(c, str(c)), n) for c, n in counts]
    return Report((_label(labels, "customer"), _label(labels, "breaches")), rows,
                  lambda figure: _barh(figure, [r[0] for r in rows], [r[1] for r in rows], "#8e6bbf", labels,
                                       "breaches"))


# -- workload per engineer -----------------------------------------------------------------------
def workload(session: Session, now: datetime, labels: dict[str, str] | None = None, limit: int = 15) -> Report:
    """Open incidents per assignee and priority (the busiest ``limit``), with what each resolved in 30 days."""
    person = aliased(User)
    open_counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(PRIORITIES, 0))
    for name, priority, count in session.execute(
            select(person.display_name, Incident.priority, func.count()).select_from(Incident)
            .outerjoin(person, person.id == Incident.assignee_id).where(Incident.status.in_(OPEN_STATUSES))
            .group_by(person.display_name, Incident.priority)):
        open_counts[name or _label(labels, "unassigned")][priority] = count
    resolved = dict(session.execute(
        select(person.display_name, func.count()).select_from(Incident).join(person, person.id == Incident.assignee_id)
        .where(Incident.resolved_at >= now - timedelta(days=30)).group_by(person.display_name)).all())
    busiest = sorted(open_counts, key=lambda n: -sum(open_counts[n].values()))[:limit]
    rows = [(name, *(open_counts[name][p] for p in PRIORITIES), sum(open_counts[name].values()),
             resolved.get(name, 0)) for name in busiest]

    def draw(figure) -> None:
        axes = figure.add_subplot()
        names = [r[0] for r in rows][::-1]
        left = [0] * len(names)
        for position, priority in enumerate(PRIORITIES, start=1):
            values = [r[position] for r in rows][::-1]
            axes.barh(names, values, left=left, label=priority, color=PRIORITY_COLOURS[priority])
            left = [a + b for a, b in zip(left, values)]
        axes.set_xlabel(_label(labels, "open"))
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.legend(title=_label(labels, "priority"), ncols=4, loc="lower right")

    return Report((_label(labels, "engineer"), *PRIORITIES, _label(labels, "open"), _label(labels, "resolved")),
                  rows, draw)


# -- the "breaching soon" tile ------------------------------------------------------------------
def breaching_counts(session: Session, now: datetime, hours: int) -> tuple[int, int]:
    """(running clocks due within ``hours``, breached clocks of open incidents)."""
    soon = session.scalar(select(func.count()).select_from(Clock).where(
        Clock.state == "running", Clock.due_at >= now, Clock.due_at < now + timedelta(hours=hours)))
    breached = session.scalar(select(func.count(func.distinct(Clock.incident_id))).join(
        Incident, Incident.id == Clock.incident_id).where(Clock.state == "breached",
                                                          Incident.status.in_(OPEN_STATUSES)))
    return soon or 0, breached or 0


def draw_breaching_tile(figure, soon: int, breached: int, hours: int, labels: dict[str, str] | None = None) -> None:
    """Two big numbers: clocks breaching within ``hours``, and open incidents already breached."""
    figure.clear()
    for x, value, text, colour in ((0.27, soon, _label(labels, "due_soon").format(hours=hours), "#e07b39"),
                                   (0.73, breached, _label(labels, "breached_now"), "#c0392b")):
        figure.text(x, 0.55, f"{value:,}", ha="center", va="center", fontsize=34, fontweight="bold", color=colour)
        figure.text(x, 0.25, text, ha="center", va="center", fontsize=10, color="#5f6b7a")


# -- service-console incidents-stats ------------------------------------------------------------
def configure_stats(parser: argparse.ArgumentParser) -> None:
    """``incidents-stats`` takes no options beyond ``--db``."""


def run_stats(args: argparse.Namespace, app: AppContext) -> int:
    """Print the number of incidents in each status, then the total."""
    with app.session() as session:
        counts = counts_by_status(session)
    for status, count in counts.items():
        print(f"{status:<12} {count:>10,}")
    print(f"{'total':<12} {sum(counts.values()):>10,}")
    return 0


# -- the SLA explain timeline ----------------------------------------------------------------------
@dataclass(frozen=True)
class Lane:
    """One clock on the SLA timeline: its segments ``(start, end, kind, reason)`` and key instants."""

    label: str
    segments: tuple[tuple[datetime, datetime, str, str | None], ...]
    due: datetime | None
    breached_at: datetime | None
    status: str


SEGMENT_COLOURS = {"running": "#2f6db5", "paused": "#e0a030", "stopped": "#c9d1db"}


def draw_sla_timeline(figure, lanes: list[Lane], now: datetime, zone: ZoneInfo,
                      labels: dict[str, str] | None = None, reasons: dict[str, str] | None = None) -> None:
    """Each clock as a lane: running and paused stretches (with their reasons), due instants, breaches, now."""
    from matplotlib import dates

    axes = figure.add_subplot()
    if not lanes:
        axes.set_axis_off()
        axes.text(0.5, 0.5, _label(labels, "none"), ha="center", va="center", transform=axes.transAxes)
        return

    def x(value: datetime) -> float:
        return dates.date2num(value.astimezone(zone).replace(tzinfo=None))

    for row, lane in enumerate(reversed(lanes)):
        for start, end, kind, reason in lane.segments:
            width = max(x(end) - x(start), 1e-6)
            axes.broken_barh([(x(start), width)], (row - 0.3, 0.6), facecolors=SEGMENT_COLOURS.get(kind, "#c9d1db"),
                             hatch="//" if kind == "paused" else None, edgecolor="white", linewidth=0.5)
            if kind == "paused" and reason:
                axes.text(x(start) + width / 2, row, (reasons or {}).get(reason, reason), ha="center", va="center",
                          fontsize=7, color="#5a3d00", clip_on=True)
        if lane.due is not None:
            axes.plot([x(lane.due)] * 2, [row - 0.42, row + 0.42], color="#e07b39", linestyle="--", linewidth=1.4)
        if lane.breached_at is not None:
            axes.plot(x(lane.breached_at), row, marker="X", markersize=10, color="#c0392b", zorder=5)
    axes.axvline(x(now), color="#5f6b7a", linewidth=1, linestyle=":")
    axes.set_yticks(range(len(lanes)), [lane.label for lane in reversed(lanes)])
    axes.set_ylim(-0.7, len(lanes) - 0.3)
    numeric_time_axis(axes)
    axes.grid(axis="y", visible=False)
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=SEGMENT_COLOURS["running"], label=_label(labels, "running")),
               Patch(facecolor=SEGMENT_COLOURS["paused"], hatch="//", label=_label(labels, "paused")),
               Patch(facecolor=SEGMENT_COLOURS["stopped"], label=_label(labels, "stopped")),
               Line2D([], [], color="#e07b39", linestyle="--", label=_label(labels, "due")),
               Line2D([], [], color="#c0392b", marker="X", linestyle="none", label=_label(labels, "breach")),
               Line2D([], [], color="#5f6b7a", linestyle=":", label=_label(labels, "now"))]
    axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=6, fontsize=8)
