"""Spare parts (备件管理): stock across depots, reservations, the return-and-repair loop, counts and KPIs.

The plugin module: identity and thin hook implementations. The rules live in ``service``
(one module per subject), the tables in ``models``, the command line in ``cli``, the charts in
``reports`` and the pages in ``ui`` (imported only when a page or chart is opened).
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
from plugins.spares import cli, demo
from plugins.spares.models import MODELS
from plugins.spares.service import replenishment, requests, returns, search
from plugins.spares.service.common import APPROVE, CONSIGNMENT, EDIT, MOVE, READ, REQUEST

NAME = "spares"
VERSION = "0.2.0"
TITLE = "Spare parts"
REQUIRES = ()
OPTIONAL = ("incidents", "partners")
HERE = Path(__file__).resolve().parent
EVERYONE_INSIDE = ("admin", "back_office", "team_lead", "engineer", "read_only")

#: (page id, title, factory name in ``ui.pages``, permission)
PAGES = (
    ("spares.stock", "Stock", "stock_page", READ),
    ("spares.parts", "Parts catalogue", "parts_page", READ),
    ("spares.requests", "Requests and reservations", "requests_page", READ),
    ("spares.returns", "Defective returns", "returns_page", READ),
    ("spares.shipments", "Shipments", "shipments_page", READ),
    ("spares.replenishment", "Replenishment", "replenishment_page", READ),
    ("spares.counts", "Stock counts", "counts_page", READ),
    ("spares.discrepancies", "Wrong shipments", "discrepancies_page", READ),
    ("spares.moves", "Stock moves", "moves_page", READ),
    ("spares.kpis", "Spare-part KPIs", "kpis_page", READ),
    ("spares.locations", "Locations", "locations_page", READ),
    ("spares.consignment", "Partner consignment stock", "consignment_page", CONSIGNMENT),
)


@hookimpl
def register_migrations() -> Path:
    """The ``spares`` alembic branch."""
    return HERE / "migrations" / "versions"


@hookimpl
def register_models():
    """Parts, locations, the move ledger and its stock balance, requests, returns, shipments, counts."""
    return MODELS


@hookimpl
def register_permissions():
    """Most roles see stock; engineers request parts; the back office moves stock; approvers write off."""
    return [
        PermissionSpec(READ, "View parts and stock", EVERYONE_INSIDE),
        PermissionSpec(CONSIGNMENT, "View partners' consignment stock", ("admin", "partner_auditor")),
        PermissionSpec(REQUEST, "Request and reserve parts", ("admin", "back_office", "team_lead", "engineer")),
        PermissionSpec(MOVE, "Record stock moves, returns and counts", ("admin", "back_office")),
        PermissionSpec(EDIT, "Maintain parts, locations and safety stock", ("admin", "back_office")),
        PermissionSpec(APPROVE, "Approve loss write-offs and large adjustments", ("admin", "team_lead")),
    ]


@hookimpl
def register_settings():
    """Return deadlines, reservation hold time, the approval limit and who hears about shortages."""
    return [
        SettingSpec("spares.return_due_days", "Defective return due after (days)", kind="int", default=15,
                    minimum=1, maximum=365,
                    help="Issuing a return-required part expects the defective part back within this many days."),
        SettingSpec("spares.loss_after_days", "Overdue return becomes a loss after (days)", kind="int", default=30,
                    minimum=1, maximum=365,
                    help="An expected return this many days past its due date is listed as a loss to write off."),
        SettingSpec("spares.reservation_hours", "Hold reservations for (hours)", kind="int", default=72,
                    minimum=1, maximum=2160,
                    help="A reservation is released automatically when it was not issued within this time."),
        SettingSpec("spares.adjustment_approval_value", "Adjustments needing approval above (CNY)", kind="decimal",
                    default=Decimal("5000.00"), minimum=0, maximum=10_000_000,
                    help="Stock count differences and adjustments worth more than this wait for an approver."),
        SettingSpec("spares.alert_group", "Spare-parts desk group", kind="str", default="备件中心 Spare parts desk",
                    help="Members of this group are told about shortages, overdue returns, wrong shipments and "
                         "approvals in the notification centre."),
    ]


def _page(factory: str):
    def open_page(context: Context):
        from plugins.spares.ui import pages

        return getattr(pages, factory)(context)

    return open_page


@hookimpl
def register_pages():
    """Stock, catalogue, requests, returns, shipments, replenishment, counts, wrong shipments, moves, KPIs."""
    return [PageSpec(page_id, title, _page(factory), permission=permission, order=30 + n)
            for n, (page_id, title, factory, permission) in enumerate(PAGES)]


def _chart(name: str):
    def draw(figure, context: Context) -> None:
        from plugins.spares.ui import charts

        getattr(charts, name)(figure, context)

    return draw


@hookimpl
def register_dashboard_charts():
    """Fill and hit rate by month, stock value by depot, overdue returns by depot."""
    return [
        ChartSpec("spares.rates", "Spare parts: fill and hit rate (%)", _chart("rates"), permission=READ, order=30),
        ChartSpec("spares.stock_value", "Stock value by depot", _chart("stock_value"), permission=READ, order=31),
        ChartSpec("spares.overdue", "Overdue defective returns by depot", _chart("overdue"), permission=READ,
                  order=32),
    ]


@hookimpl
def register_search_providers():
    """Parts, serials, requests, returns and shipments."""
    return [SearchProviderSpec("spares.search", "Spare parts", search.search, permission=READ)]


@hookimpl
def register_commands():
    """``spares-import``, ``spares-export``, ``spares-check`` and ``spares-kpis``."""
    return cli.COMMANDS


@hookimpl
def register_jobs():
    """Reservation expiry, safety-stock alerts and overdue-return reminders."""
    return [
        JobSpec("spares.expire_reservations", "Release expired reservations", timedelta(minutes=10),
                requests.expire_reservations),
        JobSpec("spares.safety_stock", "Announce parts below safety stock", timedelta(minutes=30),
                replenishment.check_levels),
        JobSpec("spares.overdue_returns", "Announce overdue defective returns", timedelta(hours=6),
                returns.notify_overdue),
    ]


@hookimpl
def register_demo_data():
    """A depot network, a catalogue and a year of requests, moves, returns, shipments and counts."""
    return [DemoDataSpec(NAME, demo.seed)]


@hookimpl
def register_translations():
    """Simplified Chinese."""
    return [TranslationSpec("zh_CN", HERE / "i18n" / "zh_CN.ts")]


@hookimpl
def event_did_occur(event: DomainEvent, app: AppContext) -> None:
    """A closed incident releases the stock its open requests still hold."""
    requests.incident_closed(app, event)
