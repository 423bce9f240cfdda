"""Work-hour accounting (工时管理): who spent which minutes on which activity.

The plugin module: identity and thin hook implementations. The rules live in
``service``, the tables in ``models``, the page in ``ui`` (imported only when opened).
"""

from __future__ import annotations

from pathlib import Path

from console.api import (
    ChartSpec,
    Context,
    DemoDataSpec,
    PageSpec,
    PermissionSpec,
    SettingSpec,
    TranslationSpec,
    hookimpl,
)
from plugins.worktime import demo, reports
from plugins.worktime.models import MODELS

NAME = "worktime"
VERSION = "0.1.0"
TITLE = "Work hours"
REQUIRES = ()
HERE = Path(__file__).resolve().parent
PAGE_ID = "worktime.entries"


@hookimpl
def register_migrations() -> Path:
    """The ``worktime`` alembic branch."""
    return HERE / "migrations" / "versions"


@hookimpl
def register_models():
    """Time entries."""
    return MODELS


@hookimpl
def register_permissions():
    """Staff record their own time; reviewers and leads may record it for others."""
    return [
        PermissionSpec("worktime.read", "View time entries",
                       ("admin", "back_office", "timesheet_reviewer", "team_lead", "engineer", "read_only")),
        PermissionSpec("worktime.edit", "Record your own time",
                       ("admin", "back_office", "timesheet_reviewer", "team_lead", "engineer")),
        PermissionSpec("worktime.edit_others", "Record time for other people",
                       ("admin", "timesheet_reviewer", "team_lead")),
    ]


@hookimpl
def register_settings():
    """The first day of a timesheet week."""
    return [SettingSpec("worktime.week_starts", "First day of the week", kind="choice", default="monday",
                        choices=reports.WEEKDAYS, help="Weeks in timesheets and charts start on this day.")]


def _open_page(context: Context):
    from plugins.worktime.ui.pages import time_entries_page

    return time_entries_page(context)


@hookimpl
def register_pages():
    """The time-entry list."""
    return [PageSpec(PAGE_ID, "Time entries", _open_page, permission="worktime.read", order=20)]


@hookimpl
def register_dashboard_charts():
    """Hours recorded per week."""
    return [ChartSpec("worktime.hours_per_week", "Hours recorded per week", reports.draw_hours_per_week,
                      permission="worktime.read", order=20)]


@hookimpl
def register_demo_data():
    """A year of time entries."""
    return [DemoDataSpec(NAME, demo.seed)]


@hookimpl
def register_translations():
    """Simplified Chinese."""
    return [TranslationSpec("zh_CN", HERE / "i18n" / "zh_CN.ts")]
