"""Spare parts (备件管理): the parts catalogue, the depot network and the stock move ledger.

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
    SearchProviderSpec,
    SettingSpec,
    TranslationSpec,
    hookimpl,
)
from plugins.spares import demo, reports, service
from plugins.spares.models import MODELS

NAME = "spares"
VERSION = "0.1.0"
TITLE = "Spare parts"
REQUIRES = ()
HERE = Path(__file__).resolve().parent


@hookimpl
def register_migrations() -> Path:
    """The ``spares`` alembic branch."""
    return HERE / "migrations" / "versions"


@hookimpl
def register_models():
    """Parts, locations and the move ledger."""
    return MODELS


@hookimpl
def register_permissions():
    """Most roles see stock; the back office keeps the catalogue and records moves."""
    return [
        PermissionSpec("spares.read", "View parts and stock",
                       ("admin", "back_office", "team_lead", "engineer", "partner_auditor", "read_only")),
        PermissionSpec("spares.edit", "Maintain parts and record stock moves", ("admin", "back_office")),
    ]


@hookimpl
def register_settings():
    """How long an engineer has to send back the defective part of a return-required issue."""
    return [SettingSpec("spares.return_due_days", "Defective return due after (days)", kind="int", default=15,
                        minimum=1, maximum=365,
                        help="Issuing a return-required part expects the defective part back within this many days.")]


def _open_page(context: Context):
    from plugins.spares.ui.pages import parts_page

    return parts_page(context)


@hookimpl
def register_pages():
    """The parts catalogue with stock on hand."""
    return [PageSpec(service.PAGE_ID, "Spare parts", _open_page, permission="spares.read", order=30)]


@hookimpl
def register_dashboard_charts():
    """Stock value per depot."""
    return [ChartSpec("spares.stock_value", "Stock value by depot", reports.draw_stock_value,
                      permission="spares.read", order=30)]


@hookimpl
def register_search_providers():
    """Parts by part number or name."""
    return [SearchProviderSpec("spares.search", "Spare parts", service.search, permission="spares.read")]


@hookimpl
def register_demo_data():
    """A parts catalogue, the depot network and a year of moves."""
    return [DemoDataSpec(NAME, demo.seed)]


@hookimpl
def register_translations():
    """Simplified Chinese."""
    return [TranslationSpec("zh_CN", HERE / "i18n" / "zh_CN.ts")]
