"""The dashboard charts with their texts translated (the figures and the drawing are in ``reports``)."""

from __future__ import annotations

from console.api import Context
from console.api.ui import tr
from plugins.partners import reports
from plugins.partners.ui.common import SEVERITY_NAMES, name

NAME = "partners"


def _no_orders() -> str:
    return tr(NAME, "No service orders in the last 90 days yet.")


def orders_by_partner(figure, context: Context) -> None:
    """Service orders per partner over the last 90 days."""
    reports.draw_orders_by_partner(figure, context, {"none": _no_orders()})


def on_time(figure, context: Context) -> None:
    """On-time arrival and fix per partner over the last 90 days."""
    reports.draw_on_time(figure, context, {"arrival": tr(NAME, "On-time arrival"), "fix": tr(NAME, "On-time fix"),
                                           "none": _no_orders()})


def open_findings(figure, context: Context) -> None:
    """Open audit findings per rule, coloured by severity."""
    from plugins.partners.rules import all_rules

    labels = {"none": tr(NAME, "No open audit findings."),
              **{severity: name(SEVERITY_NAMES, severity) for severity in SEVERITY_NAMES}}
    titles = {rule.name: tr(NAME, rule.title) for rule in all_rules()}
    reports.draw_open_findings(figure, context, labels, titles)
