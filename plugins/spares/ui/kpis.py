"""The KPI page: fill rate, hit rate, overdue returns, losses, turnover and transport cost per depot, part or
partner for a month (or the last twelve), with charts and an export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.api import Context, tables
from console.api.ui import ChartCanvas, message_for, run_in_background, run_with_progress, tr
from plugins.spares import reports
from plugins.spares.service import kpis
from plugins.spares.service.common import reading
from plugins.spares.ui.charts import rate_labels
from plugins.spares.ui.common import NAME, money, percent, quantity, save_file

DIMENSIONS = {"depot": QT_TRANSLATE_NOOP("spares", "Depot"), "part": QT_TRANSLATE_NOOP("spares", "Part"),
              "partner": QT_TRANSLATE_NOOP("spares", "Partner"), "month": QT_TRANSLATE_NOOP("spares", "Month")}
#: (attribute, column title, format) of the KPI table; the first column is the dimension.
COLUMNS = (
    ("requests", QT_TRANSLATE_NOOP("spares", "Requests"), lambda v: f"{v:,}"),
    ("filled_first", QT_TRANSLATE_NOOP("spares", "Filled at first issue"), lambda v: f"{v:,}"),
    ("fill_rate", QT_TRANSLATE_NOOP("spares", "Fill rate"), percent),
    ("issued", QT_TRANSLATE_NOOP("spares", "Issued"), quantity),
    ("unused", QT_TRANSLATE_NOOP("spares", "Not used"), quantity),
    ("hit_rate", QT_TRANSLATE_NOOP("spares", "Hit rate"), percent),
    ("overdue", QT_TRANSLATE_NOOP("spares", "Overdue returns"), lambda v: f"{v:,}"),
    ("loss_value", QT_TRANSLATE_NOOP("spares", "Loss value"), money),
    ("issued_value", QT_TRANSLATE_NOOP("spares", "Issued value"), money),
    ("turnover", QT_TRANSLATE_NOOP("spares", "Turnover (a year)"), lambda v: "—" if v is None else f"{v}"),
    ("shipments", QT_TRANSLATE_NOOP("spares", "Shipments sent"), lambda v: f"{v:,}"),
    ("cost_per_shipment", QT_TRANSLATE_NOOP("spares", "Transport cost per shipment"), money),
)
YEAR = "last12"


class KpiPage(QWidget):
    """Pick a period and a grouping; the figures are read off the GUI thread."""

    def __init__(self, context: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.tz = None
        self.rows: list[kpis.KpiRow] = []
        self._busy = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.period = QComboBox()
        self.period.setMinimumContentsLength(14)
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.dimension = QComboBox()
        self.dimension.setMinimumContentsLength(10)
        for key, title in DIMENSIONS.items():
            self.dimension.addItem(tr(NAME, title), key)
        self.status = QLabel()
        self.status.setObjectName("muted")
        self.export_button = QPushButton(tr(NAME, "Export…"))
        self.export_button.clicked.connect(self.export)
        for widget in (QLabel(tr(NAME, "Period")), self.period, QLabel(tr(NAME, "Per")), self.dimension):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        charts = QHBoxLayout()
        self.trend = ChartCanvas(lambda figure, c: reports.draw_rates(
            figure, c, rate_labels(), tr(NAME, "Fill and hit rate by month (%)")), context)
        self.fill = ChartCanvas(lambda figure, _c: reports.draw_kpi_bars(
            figure, self.rows[1:], "fill_rate", tr(NAME, "Fill rate (%)")), context)
        self.hit = ChartCanvas(lambda figure, _c: reports.draw_kpi_bars(
            figure, self.rows[1:], "hit_rate", tr(NAME, "Hit rate (%)"), reports.GREEN), context)
        for canvas in (self.trend, self.fill, self.hit):
            canvas.setMinimumHeight(240)
            charts.addWidget(canvas, 1)
        chart_box = QWidget()
        chart_box.setLayout(charts)
        self.table = QTableWidget(0, len(COLUMNS) + 1)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(chart_box)
        splitter.addWidget(self.table)
        splitter.setSizes([300, 460])
        layout.addWidget(splitter, 1)
        self.period.currentIndexChanged.connect(self.refresh)
        self.dimension.currentIndexChanged.connect(self.refresh)
        self._busy += 1
        run_in_background(self, lambda: kpis.zone(context.app), self._periods, self._failed)

    def _periods(self, tz) -> None:
        self._busy -= 1
        self.tz = tz
        months = kpis.recent_months(tz)
        blocked = self.period.blockSignals(True)
        self.period.addItem(tr(NAME, "Last 12 months"), YEAR)
        for month in reversed(months):
            self.period.addItem(month, month)
        self.period.setCurrentIndex(2 if len(months) > 1 else 1)  # the last complete month
        self.period.blockSignals(blocked)
        self.refresh()

    def loading(self) -> bool:
        """True while figures are being read (the screenshot tool waits)."""
        return self._busy > 0

    def bounds(self):
        """The chosen period as ``[start, end)``."""
        choice = self.period.currentData()
        months = kpis.recent_months(self.tz)
        if choice == YEAR:
            return kpis.month_bounds(self.tz, months[0])[0], kpis.month_bounds(self.tz, months[-1])[1]
        return kpis.month_bounds(self.tz, choice)

    def refresh(self) -> None:
        """Read the figures of the chosen period and grouping again."""
        if self.tz is None or self.period.currentData() is None:
            return
        start, end = self.bounds()
        dimension, tz = self.dimension.currentData(), self.tz
        self._busy += 1
        self.status.setText(tr(NAME, "Reading…"))

        def read():
            with reading(self.context.app) as session:
                return kpis.table(tz, session, start, end, dimension)

        run_in_background(self, read, self._show, self._failed)
        self.trend.redraw()

    def _show(self, rows: list[kpis.KpiRow]) -> None:
        self._busy -= 1
        self.rows = rows
        self.status.setText("")
        dimension = tr(NAME, DIMENSIONS[self.dimension.currentData()])
        self.table.setHorizontalHeaderLabels([dimension, *(tr(NAME, title) for _a, title, _f in COLUMNS)])
        self.table.setRowCount(len(rows))
        for row, item in enumerate(rows):
            label = tr(NAME, "All") if item.key == "*" else item.label
            cells = [label, *(fmt(getattr(item, attribute)) for attribute, _t, fmt in COLUMNS)]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if row == 0:
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(row, column, cell)
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, min(max(self.table.columnWidth(0), 160), 320))
        self.fill.redraw()
        self.hit.redraw()

    def _failed(self, error: BaseException, _text: str) -> None:
        self._busy = max(0, self._busy - 1)
        self.status.setText(message_for(error))

    def export(self) -> None:
        """Write the table as shown to XLSX or CSV (numbers stay numbers)."""
        path = save_file(self, tr(NAME, "Export the KPIs"), f"spare-part-kpis-{self.period.currentData()}.xlsx")
        if not path:
            return
        titles = [tr(NAME, DIMENSIONS[self.dimension.currentData()]), *(tr(NAME, t) for _a, t, _f in COLUMNS)]
        rows = [[tr(NAME, "All") if r.key == "*" else r.label, *(getattr(r, a) for a, _t, _f in COLUMNS)]
                for r in self.rows]
        run_with_progress(self, tr(NAME, "Export the KPIs"),
                          lambda _progress: tables.write_table(Path(path), titles, rows),
                          on_done=lambda n: self.status.setText(tr(NAME, "{count} rows written to {path}").format(
                              count=f"{n:,}", path=path)))


def kpis_page(context: Context) -> KpiPage:
    """The KPI page."""
    return KpiPage(context)
