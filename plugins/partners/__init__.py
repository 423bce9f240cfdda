"""Partner network (服务商管理): service partners and the service orders dispatched to them.

Works without the incidents plugin: an incident's dispatch arrives as a domain event.
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
    SettingSpec,
    TranslationSpec,
    hookimpl,
)
from plugins.partners import demo, reports, service
from plugins.partners.models import MODELS

NAME = "partners"
VERSION = "0.1.0"
TITLE = "Partners"
REQUIRES = ()
HERE = Path(__file__).resolve().parent
PAGE_ID = "partners.orders"


@hookimpl
def register_migrations() -> Path:
    """The ``partners`` alembic branch."""
    return HERE / "migrations" / "versions"


@hookimpl
def register_models():
    """Partners and service orders."""
    return MODELS


@hookimpl
def register_permissions():
    """Auditors and the back office see partners' work; the back office dispatches it."""
    return [
        PermissionSpec("partners.read", "View partners and service orders",
                       ("admin", "back_office", "partner_auditor", "team_lead", "read_only")),
        PermissionSpec("partners.edit", "Register partners and dispatch service orders", ("admin", "back_office")),
    ]


@hookimpl
def register_settings():
    """How soon a partner must accept a dispatched order."""
    return [SettingSpec("partners.accept_within_minutes", "Accept within (minutes)", kind="int", default=30,
                        minimum=1, maximum=1440,
                        help="A partner must accept a dispatched service order within this many minutes.")]


def _open_page(context: Context):
    from plugins.partners.ui.pages import service_orders_page

    return service_orders_page(context)


@hookimpl
def register_pages():
    """The service-order list."""
    return [PageSpec(PAGE_ID, "Service orders", _open_page, permission="partners.read", order=40)]


@hookimpl
def register_dashboard_charts():
    """Orders per partner."""
    return [ChartSpec("partners.orders_by_partner", "Service orders by partner (90 days)",
                      reports.draw_orders_by_partner, permission="partners.read", order=40)]


@hookimpl
def register_demo_data():
    """Partners and a year of service orders."""
    return [DemoDataSpec(NAME, demo.seed)]


@hookimpl
def register_translations():
    """Simplified Chinese."""
    return [TranslationSpec("zh_CN", HERE / "i18n" / "zh_CN.ts")]


@hookimpl
def event_did_occur(event: DomainEvent, app: AppContext) -> None:
    """An incident dispatched to a partner becomes that partner's service order."""
    if event.name == "incidents.work_order_dispatched":
        service.order_for_dispatch(app, event)
