"""The dashboard charts: ``reports`` draws them (Qt-free); this module hands them the UI language.

The texts the charts draw are marked here so they are translated like every other string.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from console.api import Context, User
from console.api.ui import tr
from plugins.worktime import reports
from plugins.worktime.models import Segment
from plugins.worktime.service.common import visible_clause
from plugins.worktime.terms import base_calendar
from plugins.worktime.ui.common import NAME

CHART_TEXTS = (QT_TRANSLATE_NOOP("worktime", "Hours"),
               QT_TRANSLATE_NOOP("worktime", "Service hours ÷ scheduled hours (%)"))


def label(text: str) -> str:
    """A chart text in the UI language."""
    return tr(NAME, text)


def overtime_by_month(figure, context: Context) -> None:
    """Overtime by type per month, the last twelve months, of the people the actor may see."""
    reports.draw_overtime_by_month(figure, context.app, visible_clause(context.actor, Segment.user_id),
                                   reports.today_in(context.actor.timezone), label)


def team_utilisation(figure, context: Context) -> None:
    """Utilisation by team this month so far."""
    reports.draw_team_utilisation(figure, context.app, base_calendar(context.app),
                                  visible_clause(context.actor, User.id), reports.today_in(context.actor.timezone),
                                  label)
