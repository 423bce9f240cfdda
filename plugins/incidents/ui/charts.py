"""Charts with translated texts: the dashboard's tiles and the SLA explain timeline (drawn off the GUI thread)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP

from console.api import Context, get_setting, utcnow
from console.api.ui import tr, user_zone
from plugins.incidents import reports
from plugins.incidents.sla.clocks import Replay
from plugins.incidents.ui.names import METRIC, NAME, REASON

#: The report texts (reports.LABELS keys) as the pages show them.
LABELS = {
    "priority": QT_TRANSLATE_NOOP("incidents", "Priority"),
    "count": QT_TRANSLATE_NOOP("incidents", "Number of incidents"),
    "age": QT_TRANSLATE_NOOP("incidents", "Age"), "month": QT_TRANSLATE_NOOP("incidents", "Month"),
    "compliance": QT_TRANSLATE_NOOP("incidents", "Compliance %"), "target": QT_TRANSLATE_NOOP("incidents", "Target"),
    "met": QT_TRANSLATE_NOOP("incidents", "Met"), "breached": QT_TRANSLATE_NOOP("incidents", "Breached"),
    "hours": QT_TRANSLATE_NOOP("incidents", "Hours"),
    "restore": QT_TRANSLATE_NOOP("incidents", "Mean time to restore"),
    "resolve": QT_TRANSLATE_NOOP("incidents", "Mean time to resolve"),
    "category": QT_TRANSLATE_NOOP("incidents", "Category"), "customer": QT_TRANSLATE_NOOP("incidents", "Customer"),
    "engineer": QT_TRANSLATE_NOOP("incidents", "Engineer"), "open": QT_TRANSLATE_NOOP("incidents", "Open"),
    "resolved": QT_TRANSLATE_NOOP("incidents", "Resolved (30 days)"),
    "breaches": QT_TRANSLATE_NOOP("incidents", "Breaches"), "none": QT_TRANSLATE_NOOP("incidents", "Nothing to show yet."),
    "unassigned": QT_TRANSLATE_NOOP("incidents", "(unassigned)"),
    "due_soon": QT_TRANSLATE_NOOP("incidents", "Breaching within {hours} h"),
    "breached_now": QT_TRANSLATE_NOOP("incidents", "Breached and open"),
    "running": QT_TRANSLATE_NOOP("incidents", "Running"), "paused": QT_TRANSLATE_NOOP("incidents", "Paused"),
    "stopped": QT_TRANSLATE_NOOP("incidents", "Stopped"), "due": QT_TRANSLATE_NOOP("incidents", "Due"),
    "breach": QT_TRANSLATE_NOOP("incidents", "Breach"), "now": QT_TRANSLATE_NOOP("incidents", "Now"),
}
AGE_NAMES = {"< 1 day": QT_TRANSLATE_NOOP("incidents", "< 1 day"), "1–3 days": QT_TRANSLATE_NOOP("incidents", "1–3 days"),
             "3–7 days": QT_TRANSLATE_NOOP("incidents", "3–7 days"),
             "7–30 days": QT_TRANSLATE_NOOP("incidents", "7–30 days"),
             "> 30 days": QT_TRANSLATE_NOOP("incidents", "> 30 days")}


def labels() -> dict[str, str]:
    """The report texts in the current language (age buckets included)."""
    return {**{key: tr(NAME, text) for key, text in LABELS.items()},
            **{key: tr(NAME, text) for key, text in AGE_NAMES.items()}}


def zone_of(context: Context) -> ZoneInfo:
    """The user's zone, else the organisation's."""
    return user_zone(context) or ZoneInfo(get_setting(context.app, "core.default_timezone") or "Asia/Shanghai")


def open_by_priority(figure, context: Context) -> None:
    """Dashboard: open incidents by priority."""
    reports.draw_open_by_priority(figure, context, labels())


def backlog(figure, context: Context) -> None:
    """Dashboard: the backlog by priority and age."""
    with context.app.session() as session:
        report = reports.backlog(session, utcnow(), labels())
    report.draw(figure)


def compliance(figure, context: Context) -> None:
    """Dashboard: customer SLA compliance % per metric over the last six months."""
    with context.app.session() as session:
        report = reports.compliance(session, reports.local_months(6, zone_of(context).key), labels(),
                                    {code: tr(NAME, text) for code, text in METRIC.items()})
    report.draw(figure)


def breaching_tile(figure, context: Context) -> None:
    """Dashboard: how many clocks breach within the window, and how many open incidents are breached."""
    hours = int(get_setting(context.app, "incidents.breach_horizon_hours") or 4)
    with context.app.session() as session:
        soon, breached = reports.breaching_counts(session, utcnow(), hours)
    reports.draw_breaching_tile(figure, soon, breached, hours, labels())


def timeline(figure, replays: list[tuple[str, Replay]], now: datetime, zone: ZoneInfo) -> None:
    """The SLA explain chart of one incident."""
    lanes = [reports.Lane(f"{result.target.name}" + (f" · {subject}" if subject else ""),
                          tuple((s.start, s.end, s.kind, s.reason) for s in result.state.segments),
                          result.state.due if result.running else None, result.state.breached_at, result.status)
             for subject, result in replays if result.state is not None]
    reports.draw_sla_timeline(figure, lanes, now, zone, labels(), {k: tr(NAME, v) for k, v in REASON.items()})
