"""Crisis bulletin figures (Qt-free): the dashboard charts and the acknowledgement report as a table file."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from console.api import Context, User, tables
from plugins.crisis_bulletin.acknowledgements import done, report_select
from plugins.crisis_bulletin.models import DONE_PROBLEM_STATUSES, PROBLEM_STATUSES, Acknowledgement, Bulletin, Problem

SHOWN = 10
LABEL_LENGTH = 28
REPORT_TITLES = ("Reader", "Partner", "Lead", "State", "Delivered", "Read", "Acknowledged", "Reminders", "Escalated")
STATUS_COLOURS = {"identified": "#b3261e", "investigating": "#c25a00", "root_cause_known": "#8a6d00",
                  "workaround_available": "#2f6db5", "fix_available": "#3b8a3e"}


def acknowledgement_rates(session: Session, limit: int = SHOWN) -> list[tuple[str, int, int]]:
    """``(number, acknowledged, readers)`` of the ``limit`` most recently published bulletins, newest first."""
    bulletins = session.execute(select(Bulletin).where(Bulletin.published_at.is_not(None))
                                .order_by(Bulletin.published_at.desc(), Bulletin.id.desc()).limit(limit)).scalars()
    rates = []
    for bulletin in bulletins:
        readers, acknowledged = session.execute(
            select(func.count(), func.coalesce(func.sum(case((done(bulletin), 1), else_=0)), 0))
            .where(Acknowledgement.bulletin_id == bulletin.id)).one()
        if readers:
            rates.append((f"{bulletin.number} {bulletin.title}", int(acknowledged), int(readers)))
    return rates


def draw_acknowledgement(figure, context: Context) -> None:
    """Horizontal bars: the share of readers who acknowledged each recent bulletin (newest at the top)."""
    with context.app.session() as session:
        rates = acknowledgement_rates(session)[::-1]
    axes = figure.add_subplot()
    labels = [t if len(t) <= LABEL_LENGTH else t[:LABEL_LENGTH - 1] + "…" for t, _, _ in rates]
    shares = [100 * done_ / readers for _, done_, readers in rates]
    bars = axes.barh(range(len(rates)), shares, color="#e07b39")
    axes.set_yticks(range(len(rates)), labels)
    axes.bar_label(bars, labels=[f"{done_}/{readers}" for _, done_, readers in rates], padding=3)
    axes.set_xlim(0, 110)
    axes.xaxis.set_major_formatter("{x:.0f}%")


def open_problems_by_status(session: Session) -> list[tuple[str, int]]:
    """``(status, count)`` of the problems not yet resolved, in the order of the status flow."""
    counts = dict(session.execute(select(Problem.status, func.count()).where(
        Problem.status.not_in(DONE_PROBLEM_STATUSES)).group_by(Problem.status)).all())
    return [(status, counts.get(status, 0)) for status in PROBLEM_STATUSES if status not in DONE_PROBLEM_STATUSES]


def draw_open_problems(figure, context: Context, names=None) -> None:
    """Bars: open problems per status along the flow; ``names`` maps a status to its label."""
    with context.app.session() as session:
        counts = open_problems_by_status(session)
    axes = figure.add_subplot()
    labels = [(names or {}).get(status, status.replace("_", " ")) for status, _ in counts]
    bars = axes.bar(labels, [n for _, n in counts], color=[STATUS_COLOURS[s] for s, _ in counts])
    axes.bar_label(bars, padding=2)
    axes.margins(y=0.15)
    axes.tick_params(axis="x", labelrotation=15)
    axes.yaxis.get_major_locator().set_params(integer=True)


def report_rows(session: Session, bulletin: Bulletin, zone: ZoneInfo) -> list[list]:
    """The acknowledgement report of ``bulletin`` as table rows (``REPORT_TITLES``), local times, missing first."""
    query = report_select(bulletin).order_by(case((done(bulletin), 1), else_=0), Acknowledgement.acknowledged_at,
                                             User.display_name)
    local = (lambda v: v.astimezone(zone).replace(tzinfo=None) if v is not None else None)
    return [[name, partner or "", lead or "", state, local(delivered), local(read), local(acknowledged), reminders,
             local(escalated)]
            for name, partner, lead, state, delivered, read, acknowledged, reminders, escalated
            in session.execute(query)]


def write_report(session: Session, bulletin: Bulletin, path: Path, zone: ZoneInfo) -> int:
    """Write the acknowledgement report to ``path`` (.xlsx or .csv); returns how many readers."""
    return tables.write_table(path, REPORT_TITLES, report_rows(session, bulletin, zone))
