"""Incidents (事件管理): incident records, SLA clocks you can explain, escalation ladders, work orders
and a knowledge base.

The plugin module: identity and thin hook implementations. The rules live in ``records``,
``catalog``, ``work_orders``, ``knowledge``, ``transfer`` and the ``sla`` package; the tables in
``models``; the pages in ``ui`` (imported only when a page or chart is first shown).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from console.api import (
    AppContext,
    ChartSpec,
    Context,
    DemoDataSpec,
    DomainEvent,
    JobSpec,
    PageSpec,
    PermissionSpec,
    SearchProviderSpec,
    SettingSpec,
    TranslationSpec,
    hookimpl,
)
from plugins.incidents import commands, demo, knowledge, listeners, queries, records
from plugins.incidents.models import MODELS, PRIORITIES
from plugins.incidents.sla import sweep

NAME = "incidents"
VERSION = "1.0.0"
TITLE = "Incidents"
REQUIRES = ()
HERE = Path(__file__).resolve().parent
WORKERS = ("admin", "back_office", "team_lead", "engineer")


@hookimpl
def register_migrations() -> Path:
    """The ``incidents`` alembic branch."""
    return HERE / "migrations" / "versions"


@hookimpl
def register_models():
    """Incidents and everything around them (see ``models``)."""
    return MODELS


@hookimpl
def register_permissions():
    """Everyone reads; the service desk and engineers work incidents; team leads manage them and the SLAs."""
    return [
        PermissionSpec("incidents.read", "View incidents", (*WORKERS, "partner_auditor", "read_only")),
        PermissionSpec("incidents.edit", "Open incidents and work your own", WORKERS),
        PermissionSpec("incidents.manage", "Reassign any incident and change its priority", ("admin", "team_lead")),
        PermissionSpec("incidents.sla", "Edit SLA definitions and escalation ladders", ("admin", "team_lead")),
        PermissionSpec("incidents.configure", "Edit categories, the priority matrix and standard texts",
                       ("admin", "team_lead")),
        PermissionSpec("incidents.knowledge", "Write knowledge articles", WORKERS),
        PermissionSpec("incidents.review", "Review and publish knowledge articles", ("admin", "team_lead")),
        PermissionSpec("incidents.import", "Import incidents from spreadsheets", ("admin", "back_office")),
    ]


@hookimpl
def register_settings():
    """Default priority, the "breaching soon" window, call charges, attachments, auto-close, suggestions."""
    return [
        SettingSpec("incidents.default_priority", "Default priority", kind="choice", default="P3", choices=PRIORITIES,
                    help="Priority of a new incident whose impact and urgency are not assessed yet."),
        SettingSpec("incidents.breach_horizon_hours", "Breaching soon window (hours)", kind="int", default=4,
                    minimum=1, maximum=72,
                    help="The “Breaching soon” list and dashboard tile show clocks due within this many hours."),
        SettingSpec("incidents.call_charge", "Charge per call on prepaid contracts", kind="decimal",
                    default=Decimal("800.00"), minimum=0, maximum=1_000_000,
                    help="Taken from a contract's prepaid balance for each covered call; when the balance is "
                         "used up, further calls are billable."),
        SettingSpec("incidents.attachment_max_mb", "Largest attachment (MB)", kind="int", default=20, minimum=1,
                    maximum=200, help="Files larger than this are refused."),
        SettingSpec("incidents.auto_close_days", "Close resolved incidents after (days)", kind="int", default=5,
                    minimum=0, maximum=90,
                    help="Resolved incidents the customer did not reopen are closed after this many days; 0 never."),
        SettingSpec("incidents.suggestions", "Knowledge suggestions shown", kind="int", default=5, minimum=0,
                    maximum=20, help="How many articles the incident forms suggest while the title is typed."),
    ]


def _page(module: str, function: str):
    def factory(context: Context):
        import importlib

        return getattr(importlib.import_module(f"plugins.incidents.ui.{module}"), function)(context)

    return factory


@hookimpl
def register_pages():
    """Quick entry, the queues, work orders, escalations, knowledge, reports and the SLA and setup pages."""
    read = "incidents.read"
    return [
        PageSpec("incidents.quick", "Quick entry", _page("quick_entry", "quick_entry_page"), "incidents.edit", 9),
        PageSpec("incidents.queue", "My queue", _page("lists", "my_queue_page"), read, 10),
        PageSpec("incidents.team", "Team queue", _page("lists", "team_queue_page"), read, 11),
        PageSpec("incidents.list", "All incidents", _page("lists", "all_incidents_page"), read, 12),
        PageSpec("incidents.breaching", "Breaching soon", _page("lists", "breaching_page"), read, 13),
        PageSpec("incidents.work_orders", "Work orders", _page("work_orders", "work_orders_page"), read, 14),
        PageSpec("incidents.escalations", "Escalations", _page("escalations", "escalations_page"), read, 15),
        PageSpec("incidents.knowledge", "Knowledge base", _page("knowledge", "knowledge_page"), read, 16),
        PageSpec("incidents.reports", "Incident reports", _page("reports", "reports_page"), read, 17),
        PageSpec("incidents.sla", "SLA definitions", _page("sla", "sla_page"), read, 18),
        PageSpec("incidents.setup", "Categories and priorities", _page("setup", "setup_page"),
                 "incidents.configure", 19),
    ]


def _chart(function: str):
    def draw(figure, context: Context) -> None:
        from plugins.incidents.ui import charts

        getattr(charts, function)(figure, context)

    return draw


@hookimpl
def register_dashboard_charts():
    """Breaching soon, open incidents by priority, the backlog by age and SLA compliance."""
    read = "incidents.read"
    return [
        ChartSpec("incidents.breaching", "SLA clocks at risk", _chart("breaching_tile"), read, 9),
        ChartSpec("incidents.open_by_priority", "Open incidents by priority", _chart("open_by_priority"), read, 10),
        ChartSpec("incidents.backlog", "Backlog by priority and age", _chart("backlog"), read, 11),
        ChartSpec("incidents.compliance", "SLA compliance by month", _chart("compliance"), read, 12),
    ]


@hookimpl
def register_search_providers():
    """Incidents by number or title; published knowledge articles (Chinese full text)."""
    return [SearchProviderSpec("incidents.search", "Incidents", queries.search, permission="incidents.read"),
            SearchProviderSpec("incidents.knowledge", "Knowledge articles", queries.search_knowledge,
                               permission="incidents.read")]


@hookimpl
def register_commands():
    """``incidents-stats``, ``-import``, ``-export``, ``-recompute``, ``-sweep`` and ``-reindex``."""
    return commands.COMMANDS


@hookimpl
def register_jobs():
    """The SLA sweep every minute; closing long-resolved incidents every hour."""
    return [JobSpec("incidents.sla_sweep", "Check SLA clocks: breaches and escalations", timedelta(minutes=1),
                    sweep.sweep),
            JobSpec("incidents.auto_close", "Close incidents resolved days ago", timedelta(hours=1),
                    records.auto_close)]


@hookimpl
def register_demo_data():
    """A year of incidents with history, clocks, work orders, notes and a knowledge base."""
    return [DemoDataSpec(NAME, demo.seed)]


@hookimpl
def register_translations():
    """Simplified Chinese."""
    return [TranslationSpec("zh_CN", HERE / "i18n" / "zh_CN.ts")]


@hookimpl
def console_did_start(app: AppContext) -> None:
    """On SQLite, make sure the knowledge base's FTS5 trigram index exists."""
    knowledge.ensure_search_index(app.engine)


@hookimpl
def event_did_occur(event: DomainEvent, app: AppContext) -> None:
    """Partners' service-order steps, crisis bulletins' workarounds and closed problems (see ``listeners``)."""
    listeners.handle(event, app)
