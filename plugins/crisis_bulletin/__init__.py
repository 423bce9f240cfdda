"""Crisis bug bulletins (危机问题(BUG)通告): problems, bulletins to readers, acknowledgements, spikes.

Works without the incidents plugin: incident creations arrive as domain events.
The plugin module: identity and thin hook implementations; the rules live in ``service``.
"""

from __future__ import annotations

from pathlib import Path

from console.api import (
    AppContext,
    ChartSpec,
    Context,
    DemoDataSpec,
    DomainEvent,
    PageSpec,
    PermissionSpec,
    SearchProviderSpec,
    SettingSpec,
    TranslationSpec,
    hookimpl,
)
from plugins.crisis_bulletin import demo, reports, service
from plugins.crisis_bulletin.models import MODELS

NAME = "crisis_bulletin"
VERSION = "0.1.0"
TITLE = "Crisis bulletins"
REQUIRES = ()
HERE = Path(__file__).resolve().parent


@hookimpl
def register_migrations() -> Path:
    """The ``crisis_bulletin`` alembic branch."""
    return HERE / "migrations" / "versions"


@hookimpl
def register_models():
    """Problems, bulletins, acknowledgements and incident signals."""
    return MODELS


@hookimpl
def register_permissions():
    """Everyone reads and acknowledges bulletins; leads publish them."""
    return [
        PermissionSpec("crisis_bulletin.read", "Read and acknowledge bulletins",
                       ("admin", "back_office", "timesheet_reviewer", "team_lead", "engineer", "partner_auditor",
                        "read_only")),
        PermissionSpec("crisis_bulletin.edit", "Record problems and publish bulletins", ("admin", "team_lead")),
    ]


@hookimpl
def register_settings():
    """Spike detection and the acknowledgement deadline."""
    return [
        SettingSpec("crisis_bulletin.spike_count", "Spike: number of incidents", kind="int", default=5,
                    minimum=2, maximum=1000,
                    help="This many incidents of one category within the spike window propose a problem."),
        SettingSpec("crisis_bulletin.spike_minutes", "Spike: window (minutes)", kind="int", default=60,
                    minimum=1, maximum=10080),
        SettingSpec("crisis_bulletin.ack_hours", "Acknowledge within (hours)", kind="int", default=24,
                    minimum=1, maximum=720, help="Readers must acknowledge a bulletin within this many hours."),
    ]


def _open_page(context: Context):
    from plugins.crisis_bulletin.ui.pages import bulletins_page

    return bulletins_page(context)


@hookimpl
def register_pages():
    """The bulletin list."""
    return [PageSpec(service.PAGE_ID, "Crisis bulletins", _open_page, permission="crisis_bulletin.read", order=50)]


@hookimpl
def register_dashboard_charts():
    """Acknowledgement of the latest bulletins."""
    return [ChartSpec("crisis_bulletin.acknowledgement", "Bulletins acknowledged (%)",
                      reports.draw_acknowledgement, permission="crisis_bulletin.read", order=50)]


@hookimpl
def register_search_providers():
    """Bulletins by title."""
    return [SearchProviderSpec("crisis_bulletin.search", "Crisis bulletins", service.search,
                               permission="crisis_bulletin.read")]


@hookimpl
def register_demo_data():
    """Problems, bulletins and acknowledgements."""
    return [DemoDataSpec(NAME, demo.seed)]


@hookimpl
def register_translations():
    """Simplified Chinese."""
    return [TranslationSpec("zh_CN", HERE / "i18n" / "zh_CN.ts")]


@hookimpl
def event_did_occur(event: DomainEvent, app: AppContext) -> None:
    """Count each new incident towards spike detection."""
    if event.name == "incidents.incident_created":
        service.note_incident(app, event)
