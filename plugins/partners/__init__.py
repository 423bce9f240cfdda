"""Partner network auditing (服务商管理/网点考核): partners, service orders step by step with a clock
per step, claims checked by explainable audit rules, scorecards and settlement.

Works without incidents and spares: an incident's dispatch arrives as a domain event, and the
spares facts the rules need are read through spares' ``api`` only when spares is installed.
This module is identity and thin hook implementations; every page, job and rule loads lazily.
"""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module
from pathlib import Path

from console.api import (
    AppContext,
    ChartSpec,
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

NAME = "partners"
VERSION = "0.2.0"
TITLE = "Partners"
REQUIRES = ()
OPTIONAL = ("incidents", "spares")
HERE = Path(__file__).resolve().parent

READ = "partners.read"
EDIT = "partners.edit"
RECORD = "partners.record"
CLAIM = "partners.claim"
REVIEW = "partners.review"
CONFIGURE = "partners.configure"
SETTLE = "partners.settle"

#: (page id, title, ``module:function`` under ``plugins.partners.ui``, permission)
PAGES = (
    ("partners.orders", "Service orders", "orders_page:service_orders_page", READ),
    ("partners.claims", "Partner claims", "claims_page:claims_page", READ),
    ("partners.findings", "Audit findings", "findings_page:findings_page", REVIEW),
    ("partners.scorecards", "Partner scorecards", "scorecards_page:scorecards_page", READ),
    ("partners.settlements", "Settlements", "settlements_page:settlements_page", READ),
    ("partners.network", "Partner network", "network_page:network_page", READ),
)


def _lazy(module: str, function: str):
    """A callable that imports ``plugins.partners.<module>`` on first call and calls ``function``."""

    def call(*args, **kwargs):
        return getattr(import_module(f"plugins.partners.{module}"), function)(*args, **kwargs)

    call.__doc__ = f"plugins.partners.{module}.{function}, imported on first use."
    return call


@hookimpl
def register_migrations() -> Path:
    """The ``partners`` alembic branch."""
    return HERE / "migrations" / "versions"


@hookimpl
def register_models():
    """Partners, engineers, rate cards, service orders and steps, claims, findings, settlements."""
    from plugins.partners.models import MODELS

    return MODELS


@hookimpl
def register_permissions():
    """Auditors review and approve; back-office clerks dispatch and settle; partners record and claim.

    A user with a partner code (a partner's own user) sees and touches only that partner's data.
    """
    inside = ("admin", "back_office", "partner_auditor", "team_lead", "read_only", "engineer")
    return [
        PermissionSpec(READ, "View partners, service orders, claims, scorecards and settlements", inside),
        PermissionSpec(EDIT, "Maintain partners, engineers and rate cards; dispatch and import service orders",
                       ("admin", "back_office")),
        PermissionSpec(RECORD, "Record the steps of service orders", ("admin", "back_office", "engineer")),
        PermissionSpec(CLAIM, "Submit and import partner claims", ("admin", "back_office", "engineer")),
        PermissionSpec(REVIEW, "Run the audit rules, decide findings and review claims",
                       ("admin", "partner_auditor")),
        PermissionSpec(CONFIGURE, "Configure audit rules and scorecard weights", ("admin", "partner_auditor")),
        PermissionSpec(SETTLE, "Prepare, export and post settlements", ("admin", "back_office")),
    ]


@hookimpl
def register_settings():
    """Step clock targets and the calendar they count on."""
    return [
        SettingSpec("partners.accept_within_minutes", "Accept within (minutes)", kind="int", default=30,
                    minimum=1, maximum=1440,
                    help="A partner must accept a dispatched service order within this many minutes."),
        SettingSpec("partners.arrive_distance_table", "Arrive by (distance table)", kind="str",
                    default="50:240, 150:480, 300:1440, *:2880",
                    help="km:minutes pairs: a partner must be on site within the minutes of the first row whose "
                         "distance covers the centre-to-site distance; * covers any distance."),
        SettingSpec("partners.fix_within_hours", "Fix within (hours)", kind="int", default=24, minimum=1,
                    maximum=720, help="A service order must be fixed within this many hours of dispatch."),
        SettingSpec("partners.calendar", "Step clock calendar", kind="str", default="",
                    help="The business calendar the step clocks count on; empty counts around the clock (24×7)."),
    ]


def _page(target: str):
    """The factory of a page given as ``module:function`` under ``plugins.partners.ui``."""
    module, function = target.split(":")
    return _lazy(f"ui.{module}", function)


@hookimpl
def register_pages():
    """Service orders, claims, findings, scorecards, settlements and the partner network."""
    return [PageSpec(page_id, title, _page(target), permission=permission, order=40 + n)
            for n, (page_id, title, target, permission) in enumerate(PAGES)]


@hookimpl
def register_dashboard_charts():
    """Orders per partner, on-time arrival per partner, open findings per rule."""
    return [
        ChartSpec("partners.orders_by_partner", "Service orders by partner (90 days)",
                  _lazy("ui.charts", "orders_by_partner"), permission=READ, order=40),
        ChartSpec("partners.on_time", "Partners: on-time arrival and fix (%, 90 days)",
                  _lazy("ui.charts", "on_time"), permission=READ, order=41),
        ChartSpec("partners.findings", "Open audit findings by rule",
                  _lazy("ui.charts", "open_findings"), permission=REVIEW, order=42),
    ]


@hookimpl
def register_search_providers():
    """Service orders, claims and settlements by number; partners by code or name."""
    return [SearchProviderSpec("partners.search", "Partners", _lazy("search", "search"), permission=READ)]


@hookimpl
def register_jobs():
    """The audit rules over new and changed claims and orders, every hour."""
    return [JobSpec("partners.audit_rules", "Run the partner audit rules", timedelta(hours=1),
                    _lazy("findings", "run_rules_job"))]


@hookimpl
def register_demo_data():
    """Partners, engineers, rate cards and a year of orders, steps, claims, findings and settlements."""
    return [DemoDataSpec(NAME, _lazy("demo", "seed"))]


@hookimpl
def register_translations():
    """Simplified Chinese."""
    return [TranslationSpec("zh_CN", HERE / "i18n" / "zh_CN.ts")]


@hookimpl
def event_did_occur(event: DomainEvent, app: AppContext) -> None:
    """An incident's work order dispatched to a partner becomes that partner's service order."""
    if event.name == "incidents.work_order_dispatched":
        from plugins.partners import orders

        orders.order_for_dispatch(app, event)
