"""Crisis bug bulletins (危机问题(BUG)通告): problems and known errors, bulletins with per-reader
acknowledgement, a live banner for critical ones, incident linkage and spike detection.

Works with the incidents plugin when it is installed (``OPTIONAL``): incident creations arrive
as domain events, incident facts come from ``plugins.incidents.api``. The plugin module holds
identity and thin hook implementations; the rules live in the service modules, the pages in
``ui`` (imported only when first shown).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

from console.api import (
    ActionSpec,
    AppContext,
    BannerSpec,
    ChartSpec,
    DemoDataSpec,
    DomainEvent,
    JobSpec,
    PageSpec,
    PermissionSpec,
    SearchProviderSpec,
    ServiceError,
    SettingSpec,
    TranslationSpec,
    hookimpl,
)
from plugins.crisis_bulletin import commands, demo, reports
from plugins.crisis_bulletin.common import (
    BULLETINS_PAGE,
    CHANNEL,
    EDIT,
    KNOWN_ERRORS_PAGE,
    PROBLEMS_PAGE,
    PUBLISH,
    READ,
)
from plugins.crisis_bulletin.models import MODELS

NAME = "crisis_bulletin"
VERSION = "0.2.0"
TITLE = "Crisis bulletins"
REQUIRES = ()
OPTIONAL = ("incidents",)
HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)


@hookimpl
def register_migrations() -> Path:
    """The ``crisis_bulletin`` alembic branch."""
    return HERE / "migrations" / "versions"


@hookimpl
def register_models():
    """Problems, bulletins, acknowledgements, incident signals and spikes."""
    return MODELS


@hookimpl
def register_permissions():
    """Everyone reads and acknowledges; engineers and leads record problems; leads publish."""
    return [
        PermissionSpec(READ, "Read problems and bulletins, acknowledge bulletins",
                       ("admin", "back_office", "timesheet_reviewer", "team_lead", "engineer", "partner_auditor",
                        "read_only")),
        PermissionSpec(EDIT, "Record problems and link incidents", ("admin", "back_office", "team_lead", "engineer")),
        PermissionSpec(PUBLISH, "Publish workarounds and bulletins, close problems", ("admin", "team_lead")),
    ]


@hookimpl
def register_settings():
    """Spike detection, the acknowledgement deadline, reminders and escalation."""
    return [
        SettingSpec("crisis_bulletin.spike_count", "Spike: number of incidents", kind="int", default=5,
                    minimum=2, maximum=1000,
                    help="This many incidents on one asset model, product or category within the spike window "
                         "propose a problem and a draft bulletin to the team leads."),
        SettingSpec("crisis_bulletin.spike_minutes", "Spike: window (minutes)", kind="int", default=60,
                    minimum=1, maximum=10080, help="How close together the incidents of a spike must be."),
        SettingSpec("crisis_bulletin.ack_hours", "Acknowledge within (hours)", kind="int", default=24,
                    minimum=1, maximum=720,
                    help="The deadline a new bulletin gets unless its author sets one."),
        SettingSpec("crisis_bulletin.remind_before_hours", "Remind before the deadline (hours)", kind="int",
                    default=4, minimum=0, maximum=168,
                    help="Readers who have not acknowledged are reminded this long before the deadline "
                         "(0: only once it has passed)."),
        SettingSpec("crisis_bulletin.escalate_after_hours", "Escalate after the deadline (hours)", kind="int",
                    default=4, minimum=0, maximum=720,
                    help="This long after the deadline, each missing reader's lead is told."),
    ]


def _ui(module: str):
    """A module of ``ui`` (Qt), imported on first use."""
    from importlib import import_module

    return import_module(f"plugins.crisis_bulletin.ui.{module}")


@hookimpl
def register_pages():
    """The bulletin board, the problems and the known errors."""
    return [
        PageSpec(BULLETINS_PAGE, "Bulletins", lambda c: _ui("bulletins").bulletins_page(c), permission=READ,
                 order=50),
        PageSpec(PROBLEMS_PAGE, "Problems", lambda c: _ui("problems").problems_page(c), permission=READ, order=51),
        PageSpec(KNOWN_ERRORS_PAGE, "Known errors", lambda c: _ui("problems").known_errors_page(c),
                 permission=READ, order=52),
    ]


@hookimpl
def register_actions():
    """On the incident list: link the selected incident to a problem (or unlink it)."""
    return [ActionSpec("crisis_bulletin.link_incident", "Link to a problem…", "context:incidents.list",
                       lambda c: _ui("incident_link").link_from_incident(c), permission=EDIT)]


@hookimpl
def register_banners():
    """An unacknowledged critical bulletin, across the top of every console of its readers."""
    return [BannerSpec("crisis_bulletin.critical", lambda c: _ui("banners").critical_banners(c), channel=CHANNEL,
                       interval=timedelta(seconds=5), permission=READ)]


@hookimpl
def register_dashboard_charts():
    """Acknowledgement of the latest bulletins; open problems along the status flow."""
    return [ChartSpec("crisis_bulletin.acknowledgement", "Bulletins acknowledged (%)", reports.draw_acknowledgement,
                      permission=READ, order=50),
            ChartSpec("crisis_bulletin.open_problems", "Open problems by status",
                      lambda figure, c: _ui("common").draw_open_problems(figure, c), permission=READ, order=51)]


@hookimpl
def register_search_providers():
    """Problems and bulletins."""
    return [SearchProviderSpec("crisis_bulletin.problems", "Problems",
                               lambda c, text, limit: _ui("common").search_problems(c, text, limit), permission=READ),
            SearchProviderSpec("crisis_bulletin.bulletins", "Crisis bulletins",
                               lambda c, text, limit: _ui("common").search_bulletins(c, text, limit),
                               permission=READ)]


@hookimpl
def register_commands():
    """Run the jobs now, the acknowledgement report, bulletin export."""
    return commands.COMMANDS


@hookimpl
def register_jobs():
    """Acknowledgements (every two minutes) and spike detection (every minute)."""
    return [JobSpec("crisis_bulletin.acknowledgements", "Deliver bulletins, remind and escalate acknowledgements",
                    timedelta(minutes=2), commands.acknowledgement_job),
            JobSpec("crisis_bulletin.spikes", "Detect incident spikes and propose problems", timedelta(minutes=1),
                    commands.spike_job)]


@hookimpl
def register_demo_data():
    """A year of problems, known errors, bulletins and their readers' progress."""
    return [DemoDataSpec(NAME, demo.seed)]


@hookimpl
def register_translations():
    """Simplified Chinese."""
    return [TranslationSpec("zh_CN", HERE / "i18n" / "zh_CN.ts")]


@hookimpl
def event_did_occur(event: DomainEvent, app: AppContext) -> None:
    """Count each new incident towards spike detection (never raises)."""
    if event.name != "incidents.incident_created":
        return
    from plugins.crisis_bulletin.spikes import record_incident

    try:
        record_incident(app, event)
    except ServiceError as error:
        log.warning("incident %s not counted for spikes: %s", event.payload.get("number"), error)

