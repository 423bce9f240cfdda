"""The spare-part pages, by the factory names ``plugins.spares.PAGES`` refers to."""

from plugins.spares.ui.catalogue import locations_page, parts_page
from plugins.spares.ui.counts import counts_page
from plugins.spares.ui.kpis import kpis_page
from plugins.spares.ui.requests import requests_page
from plugins.spares.ui.returns import discrepancies_page, returns_page
from plugins.spares.ui.shipments import replenishment_page, shipments_page
from plugins.spares.ui.stock import consignment_page, moves_page, stock_page

__all__ = ["consignment_page", "counts_page", "discrepancies_page", "kpis_page", "locations_page", "moves_page",
           "parts_page", "replenishment_page", "requests_page", "returns_page", "shipments_page", "stock_page"]
