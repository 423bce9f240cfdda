"""Customer satisfaction surveys (满意度回访): an example in-house plugin, installed with pip.

After an incident is resolved the customer is surveyed; the back office records the score.
Identity string ``csat``: entry point, ``NAME``, alembic branch, table prefix, permission and
setting namespace. It needs the incidents plugin and uses only its ``api.py``.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from console.api import (
    ChartSpec,
    CommandSpec,
    DemoDataSpec,
    JobSpec,
    PageSpec,
    PermissionSpec,
    SettingSpec,
    TranslationSpec,
    hookimpl,
)

NAME = "csat"
VERSION = "1.0.0"
TITLE = "Customer satisfaction"
REQUIRES = ("incidents",)
HERE = Path(__file__).resolve().parent
PAGE_ID = "csat.surveys"
READ, RECORD = "csat.read", "csat.record"


@hookimpl
def register_migrations() -> Path:
    """The ``csat`` branch."""
    return HERE / "migrations" / "versions"


@hookimpl
def register_models():
    """Surveys."""
    from service_console_csat.models import MODELS

    return MODELS


@hookimpl
def register_permissions():
    """Everyone who reads incidents may read surveys; the back office and team leads record answers."""
    return [PermissionSpec(READ, "View satisfaction surveys",
                           ("admin", "back_office", "team_lead", "engineer", "read_only")),
            PermissionSpec(RECORD, "Record survey answers", ("admin", "back_office", "team_lead"))]


@hookimpl
def register_settings():
    """When a survey goes out, when it expires, and what counts as a low score."""
    return [
        SettingSpec("csat.send_after_hours", "Send the survey after (hours)", "int", 24, minimum=0, maximum=720,
                    help="Hours between the resolution of an incident and its survey."),
        SettingSpec("csat.expire_after_days", "Expire unanswered surveys after (days)", "int", 14, minimum=1,
                    maximum=365, help="A survey nobody answered is closed as expired after this many days."),
        SettingSpec("csat.low_score", "Low score", "int", 2, minimum=1, maximum=4,
                    help="A score at or below this notifies the incident's assignee."),
    ]


def _open_page(context):
    from service_console_csat.ui.pages import surveys_page

    return surveys_page(context)


@hookimpl
def register_pages():
    """The survey list."""
    return [PageSpec(PAGE_ID, "Satisfaction surveys", _open_page, permission=READ, order=15)]


@hookimpl
def register_dashboard_charts():
    """Average score and response rate per month."""
    from service_console_csat import reports

    return [ChartSpec("csat.by_month", "Customer satisfaction by month", reports.draw_by_month, permission=READ,
                      order=60)]


@hookimpl
def register_commands():
    """``service-console csat-report``."""
    from service_console_csat import reports

    return [CommandSpec("csat-report", "average satisfaction score and response rate per month",
                        reports.configure_report, reports.run_report)]


@hookimpl
def register_jobs():
    """Send due surveys and expire old ones, every ten minutes."""
    from service_console_csat import service

    return [JobSpec("csat.send_due", "Send due satisfaction surveys", timedelta(minutes=10), service.send_due)]


@hookimpl
def register_demo_data():
    """Surveys for the demo's resolved incidents."""
    from service_console_csat import demo

    return [DemoDataSpec(NAME, demo.seed)]


@hookimpl
def event_did_occur(event, app):
    """An incident resolved: open its survey."""
    if event.name == "incidents.status_changed" and event.payload.get("new") == "resolved":
        from service_console_csat import service

        service.open_survey(app, event.payload["number"])


@hookimpl
def register_translations():
    """Simplified Chinese."""
    return [TranslationSpec("zh_CN", HERE / "i18n" / "zh_CN.ts")]
