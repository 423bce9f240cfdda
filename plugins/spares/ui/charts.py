"""The dashboard charts with their texts translated (the drawing itself is in ``reports``)."""

from __future__ import annotations

from console.api import Context
from console.api.ui import tr
from plugins.spares import reports

NAME = "spares"


def rate_labels() -> dict[str, str]:
    """The legend of the fill- and hit-rate lines."""
    return {"fill_rate": tr(NAME, "Fill rate"), "hit_rate": tr(NAME, "Hit rate")}


def rates(figure, context: Context) -> None:
    """Fill and hit rate of the last twelve months."""
    reports.draw_rates(figure, context, rate_labels())


def stock_value(figure, context: Context) -> None:
    """Stock value per depot."""
    reports.draw_stock_value(figure, context)


def overdue(figure, context: Context) -> None:
    """Overdue returns per depot, losses in red."""
    reports.draw_overdue(figure, context, {"overdue": tr(NAME, "Overdue"), "loss": tr(NAME, "Loss (long overdue)"),
                                           "none": tr(NAME, "No defective return is overdue.")})
