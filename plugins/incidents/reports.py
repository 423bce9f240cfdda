"""Incident figures: the dashboard chart and the counts behind ``service-console incidents-stats``."""

from __future__ import annotations

import argparse

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.api import AppContext, Context
from plugins.incidents.models import DONE_STATUSES, PRIORITIES, STATUSES, Incident

PRIORITY_COLOURS = {"P1": "#c0392b", "P2": "#e07b39", "P3": "#d4a72c", "P4": "#7f8c8d"}


def open_by_priority(session: Session) -> dict[str, int]:
    """Open (not resolved, not closed) incidents per priority, every priority present."""
    rows = session.execute(select(Incident.priority, func.count()).where(Incident.status.not_in(DONE_STATUSES))
                           .group_by(Incident.priority)).all()
    counts = dict.fromkeys(PRIORITIES, 0)
    counts.update(rows)
    return counts


def counts_by_status(session: Session) -> dict[str, int]:
    """Incidents per status, in the order of the status flow."""
    counts = dict.fromkeys(STATUSES, 0)
    counts.update(session.execute(select(Incident.status, func.count()).group_by(Incident.status)).all())
    return counts


def draw_open_by_priority(figure, context: Context) -> None:
    """Bar chart of open incidents by priority, each bar labelled with its count."""
    with context.app.session() as session:
        counts = open_by_priority(session)
    axes = figure.add_subplot()
    bars = axes.bar(list(counts), list(counts.values()), color=[PRIORITY_COLOURS[p] for p in counts])
    axes.bar_label(bars)
    axes.yaxis.get_major_locator().set_params(integer=True)


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
