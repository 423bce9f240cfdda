"""Incidents (事件管理): incidents and service requests, their status flow and history.

The plugin module: identity and thin hook implementations. The rules live in
``service``, the tables in ``models``, the page in ``ui`` (imported only when opened).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from console.api import (
    ChartSpec,
    CommandSpec,
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
from plugins.incidents import demo, reports, service
from plugins.incidents.models import MODELS, PRIORITIES

NAME = "incidents"
VERSION = "0.1.0"
TITLE = "Incidents"
REQUIRES = ()
HERE = Path(__file__).resolve().parent


@hookimpl
def register_migrations() -> Path:
    """The ``incidents`` alembic branch."""
    return HERE / "migrations" / "versions"


@hookimpl
def register_models():
    """Incidents, their status history and the number sequence."""
    return MODELS


@hookimpl
def register_permissions():
    """Everyone may read incidents; the service desk and engineers open and update them."""
    return [
        PermissionSpec("incidents.read", "View incidents",
                       ("admin", "back_office", "team_lead", "engineer", "partner_auditor", "read_only")),
        PermissionSpec("incidents.edit", "Open and update incidents",
                       ("admin", "back_office", "team_lead", "engineer")),
    ]


@hookimpl
def register_settings():
    """The priority given while impact and urgency are not assessed."""
    return [SettingSpec("incidents.default_priority", "Default priority", kind="choice", default="P3",
                        choices=PRIORITIES,
                        help="Priority of a new incident whose impact and urgency are not assessed yet.")]


def _open_page(context: Context):
    from plugins.incidents.ui.pages import incidents_page

    return incidents_page(context)


@hookimpl
def register_pages():
    """The incident list."""
    return [PageSpec(service.PAGE_ID, "Incidents", _open_page, permission="incidents.read", order=10)]


@hookimpl
def register_dashboard_charts():
    """Open incidents by priority."""
    return [ChartSpec("incidents.open_by_priority", "Open incidents by priority", reports.draw_open_by_priority,
                      permission="incidents.read", order=10)]


@hookimpl
def register_search_providers():
    """Incidents by number or title."""
    return [SearchProviderSpec("incidents.search", "Incidents", service.search, permission="incidents.read")]


@hookimpl
def register_commands():
    """``service-console incidents-stats``."""
    return [CommandSpec("incidents-stats", "print the number of incidents in each status",
                        reports.configure_stats, reports.run_stats)]


@hookimpl
def register_jobs():
    """The SLA sweep, every five minutes."""
    return [JobSpec("incidents.sla_sweep", "Count open incidents past their resolve target",
                    timedelta(minutes=5), service.sla_sweep)]


@hookimpl
def register_demo_data():
    """A year of incidents with their history."""
    return [DemoDataSpec(NAME, demo.seed)]


@hookimpl
def register_translations():
    """Simplified Chinese."""
    return [TranslationSpec("zh_CN", HERE / "i18n" / "zh_CN.ts")]
