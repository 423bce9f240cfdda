"""The worktime pages, one factory per ``PageSpec`` (imported only when a page is first opened)."""

from __future__ import annotations

from console.api import Context
from plugins.worktime.ui.entries_page import entries_page
from plugins.worktime.ui.leave_page import leave_page
from plugins.worktime.ui.reports_page import ReportsPage
from plugins.worktime.ui.review import adjustments_page, review_page
from plugins.worktime.ui.schedules_page import schedules_page
from plugins.worktime.ui.setup_pages import setup_page
from plugins.worktime.ui.week import WeekPage


def week_page(context: Context) -> WeekPage:
    """My week: the week grid and the day timeline."""
    return WeekPage(context)


def reports_page(context: Context) -> ReportsPage:
    """Work-hour reports."""
    return ReportsPage(context)


__all__ = ["adjustments_page", "entries_page", "leave_page", "reports_page", "review_page", "schedules_page",
           "setup_page", "week_page"]
