"""Work-hour accounting (工时管理): schedules, holidays, time entries, the overtime split, review and cost.

The plugin module: identity and thin hook implementations. The rules live in ``service`` (a
package of focused modules), the split in ``split`` and ``terms``, the tables in ``models``,
figures in ``reports``, the command line in ``cli``, the pages in ``ui`` (imported only when
a page or chart is first shown).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from console.api import (
    ChartSpec,
    Context,
    DemoDataSpec,
    JobSpec,
    PageSpec,
    PermissionSpec,
    SearchProviderSpec,
    SettingSpec,
    TranslationSpec,
    hookimpl,
)
from plugins.worktime import cli, demo
from plugins.worktime.models import MODELS, PERIODS
from plugins.worktime.periods import WEEKDAYS
from plugins.worktime.service import common, queries, reminders, resplit

NAME = "worktime"
VERSION = "0.2.0"
TITLE = "Work hours"
REQUIRES = ()
OPTIONAL = ("incidents",)
HERE = Path(__file__).resolve().parent
PAGE_ID = "worktime.entries"
EVERYONE = ("admin", "back_office", "timesheet_reviewer", "team_lead", "engineer", "read_only")
STAFF = ("admin", "back_office", "timesheet_reviewer", "team_lead", "engineer")


@hookimpl
def register_migrations() -> Path:
    """The ``worktime`` alembic branch."""
    return HERE / "migrations" / "versions"


@hookimpl
def register_models():
    """Set-up, entries and their split, leave, timesheets, adjustments, reminders."""
    return MODELS


@hookimpl
def register_permissions():
    """Employees see and record their own time; reviewers decide on their teams; HR sees everyone."""
    return [
        PermissionSpec(common.READ, "View your own time", EVERYONE),
        PermissionSpec(common.EDIT, "Record your own time", STAFF),
        PermissionSpec(common.EDIT_OTHERS, "Record time for your team", ("admin", "timesheet_reviewer", "team_lead")),
        PermissionSpec(common.REVIEW, "Review your teams' timesheets and adjustments",
                       ("admin", "timesheet_reviewer", "team_lead")),
        PermissionSpec(common.HR, "See and record everyone's time (HR)", ("admin", "back_office")),
        PermissionSpec(common.MANAGE, "Set up schedules, rule sets, projects, leave types and holidays",
                       ("admin", "back_office")),
        PermissionSpec(common.RATES, "See and set hourly rates and costs", ("admin", "back_office")),
        PermissionSpec(common.REPORTS, "See work-hour reports", ("admin", "back_office", "timesheet_reviewer",
                                                                 "team_lead")),
    ]


@hookimpl
def register_settings():
    """Timesheet periods, the holiday calendar, reminder and review deadlines, overtime limits."""
    return [
        SettingSpec("worktime.week_starts", "First day of the week", kind="choice", default="monday",
                    choices=WEEKDAYS, help="Weeks in timesheets, the week grid and charts start on this day."),
        SettingSpec("worktime.timesheet_period", "Timesheet period", kind="choice", default="week", choices=PERIODS,
                    help="Whether people submit their time per week or per calendar month."),
        SettingSpec("worktime.calendar", "Holiday calendar", kind="str", default="China business hours",
                    help="The stored business calendar whose statutory holidays, days off in lieu and make-up "
                         "working days the overtime split uses. Empty: China's holidays built into the console."),
        SettingSpec("worktime.submit_grace_days", "Days to submit a timesheet", kind="int", default=2, minimum=0,
                    maximum=31, help="A timesheet not submitted this many days after its period ends is missing, "
                                     "and its owner is reminded."),
        SettingSpec("worktime.review_days", "Days to review a timesheet", kind="int", default=3, minimum=1,
                    maximum=31, help="A submitted timesheet waiting longer than this is overdue; its reviewers "
                                     "are reminded."),
        SettingSpec("worktime.overtime_threshold", "Overtime review threshold (hours)", kind="int", default=8,
                    minimum=0, maximum=200,
                    help="The review queue can show only timesheets with more overtime than this."),
        SettingSpec("worktime.monthly_overtime_limit", "Monthly overtime limit (hours)", kind="int", default=36,
                    minimum=0, maximum=300,
                    help="Reports flag people above this many overtime hours in a month (Labour Law art. 41: 36)."),
        SettingSpec("worktime.currency", "Currency", kind="str", default="CNY",
                    help="The currency of hourly rates and costs, shown beside amounts."),
    ]


def _page(name: str):
    def factory(context: Context):
        from plugins.worktime.ui import pages

        return getattr(pages, name)(context)

    return factory


@hookimpl
def register_pages():
    """My week, entries, leave, review, adjustments, reports, schedules and the set-up."""
    return [
        PageSpec("worktime.week", "My week", _page("week_page"), permission=common.READ, order=20),
        PageSpec(PAGE_ID, "Time entries", _page("entries_page"), permission=common.READ, order=21),
        PageSpec("worktime.leave", "Leave", _page("leave_page"), permission=common.READ, order=22),
        PageSpec("worktime.review", "Timesheet review", _page("review_page"), permission=common.REVIEW, order=23),
        PageSpec("worktime.adjustments", "Adjustments", _page("adjustments_page"), permission=common.READ,
                 order=24),
        PageSpec("worktime.reports", "Work-hour reports", _page("reports_page"), permission=common.REPORTS,
                 order=25),
        PageSpec("worktime.schedules", "Schedules", _page("schedules_page"), permission=common.MANAGE, order=26),
        PageSpec("worktime.setup", "Rates, rules and projects", _page("setup_page"), permission=common.MANAGE,
                 order=27),
    ]


def _chart(name: str):
    def draw(figure, context: Context) -> None:
        from plugins.worktime.ui import charts

        getattr(charts, name)(figure, context)

    return draw


@hookimpl
def register_dashboard_charts():
    """Overtime by type per month; utilisation by team over the last 30 days."""
    return [
        ChartSpec("worktime.overtime_by_month", "Overtime by type per month", _chart("overtime_by_month"),
                  permission=common.READ, order=20),
        ChartSpec("worktime.team_utilisation", "Utilisation by team, last 30 days", _chart("team_utilisation"),
                  permission=common.REPORTS, order=21),
    ]


@hookimpl
def register_search_providers():
    """Time entries by reference or note."""
    return [SearchProviderSpec("worktime.search", "Time entries", queries.search, permission=common.READ)]


@hookimpl
def register_commands():
    """``worktime-import``, ``worktime-report`` and ``worktime-payroll``."""
    return cli.COMMANDS


@hookimpl
def register_jobs():
    """Reminders every hour; the daily refresh of the split."""
    return [
        JobSpec("worktime.reminders", "Remind people of missing timesheets and reviewers of overdue ones",
                timedelta(hours=1), reminders.reminders_job),
        JobSpec("worktime.resplit", "Split recent open time entries again with the current rules",
                timedelta(days=1), resplit.resplit_job),
    ]


@hookimpl
def register_demo_data():
    """A year of schedules, rates, projects, leave, time entries, timesheets and adjustments."""
    return [DemoDataSpec(NAME, demo.seed)]


@hookimpl
def register_translations():
    """Simplified Chinese."""
    return [TranslationSpec("zh_CN", HERE / "i18n" / "zh_CN.ts")]

