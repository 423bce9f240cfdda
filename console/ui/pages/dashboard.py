"""The dashboard: every permitted ``register_dashboard_charts`` chart in a two-column grid of tiles."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from console.core.contributions import Context
from console.ui.charts import ChartCanvas
from console.ui.i18n import tr
from console.ui.support import SPACING, section_label

log = logging.getLogger(__name__)
COLUMNS = 2


def permitted_charts(context: Context) -> list[tuple[str, object]]:
    """``(plugin, ChartSpec)`` pairs the actor may see, in ``order`` then title order."""
    items = context.app.plugins.collect("register_dashboard_charts")
    allowed = [(p, s) for p, s in items if not getattr(s, "permission", None) or context.actor.can(s.permission)]
    return sorted(allowed, key=lambda ps: (getattr(ps[1], "order", 100), ps[0], ps[1].title))


class ChartTile(QFrame):
    """One titled tile holding a ``ChartCanvas`` (drawn the first time it is shown)."""

    def __init__(self, plugin: str, spec, context: Context, parent=None):
        super().__init__(parent)
        self.setObjectName("tile")
        self.plugin, self.spec = plugin, spec
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.setSpacing(SPACING)
        self.title = section_label("")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.canvas = ChartCanvas(spec.draw, context, self)
        self.canvas.setMinimumHeight(260)
        layout.addWidget(self.canvas, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr(self.plugin, self.spec.title))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class DashboardPage(QScrollArea):
    """The dashboard page; ``tiles`` lists the chart tiles."""

    def __init__(self, context: Context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("dashboardBody")
        self.setWidget(body)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.setSpacing(2 * SPACING)
        self.grid = QGridLayout()
        self.grid.setSpacing(2 * SPACING)
        outer.addLayout(self.grid)
        outer.addStretch(1)
        self.tiles: list[ChartTile] = []
        self.empty = QLabel()
        self.empty.setObjectName("muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        try:
            charts = permitted_charts(context)
        except Exception:  # noqa: BLE001 - collect isolates plugins; this guards the shell itself
            log.exception("could not list dashboard charts")
            charts = []
        for index, (plugin, spec) in enumerate(charts):
            tile = ChartTile(plugin, spec, context)
            self.grid.addWidget(tile, index // COLUMNS, index % COLUMNS)
            self.tiles.append(tile)
        for column in range(COLUMNS):
            self.grid.setColumnStretch(column, 1)
        if not self.tiles:
            self.grid.addWidget(self.empty, 0, 0, 1, COLUMNS)
        self.empty.setVisible(not self.tiles)
        self.retranslate()

    @property
    def canvases(self) -> list[ChartCanvas]:
        return [tile.canvas for tile in self.tiles]

    def is_settled(self) -> bool:
        """True when every chart has been drawn (or failed)."""
        return all(c.is_settled for c in self.canvases)

    def refresh(self) -> None:
        """Redraw every chart."""
        for canvas in self.canvases:
            canvas.redraw()

    def retranslate(self) -> None:
        self.empty.setText(tr("shell", "No charts yet. Plugins add their charts to the dashboard."))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
