"""Incident reports: backlog by priority and age, SLA compliance per target per month, mean time to
restore and resolve, breaches by category and customer, workload per engineer — each a chart and its
table, exported to CSV, XLSX, PNG or PDF."""

from __future__ import annotations

import tempfile
from html import escape
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.api import Context, get_setting, tables, utcnow
from console.api.ui import ChartCanvas, html_to_pdf, message_for, run_in_background, tr
from plugins.incidents import reports
from plugins.incidents.ui import charts
from plugins.incidents.ui.common import fill_table, make_table
from plugins.incidents.ui.names import NAME

REPORTS = (
    ("backlog", QT_TRANSLATE_NOOP("incidents", "Backlog by priority and age")),
    ("compliance", QT_TRANSLATE_NOOP("incidents", "SLA compliance per target per month")),
    ("mean_times", QT_TRANSLATE_NOOP("incidents", "Mean time to restore and to resolve")),
    ("by_category", QT_TRANSLATE_NOOP("incidents", "Breaches by category")),
    ("by_customer", QT_TRANSLATE_NOOP("incidents", "Breaches by customer")),
    ("workload", QT_TRANSLATE_NOOP("incidents", "Workload per engineer")),
)
PERIODS = ((3, QT_TRANSLATE_NOOP("incidents", "Last 3 months")), (6, QT_TRANSLATE_NOOP("incidents", "Last 6 months")),
           (12, QT_TRANSLATE_NOOP("incidents", "Last 12 months")))


def compute(context: Context, key: str, months: int) -> reports.Report:
    """The chosen report over the last ``months`` months (runs off the GUI thread)."""
    zone = get_setting(context.app, "core.default_timezone") or "Asia/Shanghai"
    labels, now = charts.labels(), utcnow()
    span = reports.local_months(months, zone)
    with context.app.session() as session:
        if key == "backlog":
            return reports.backlog(session, now, labels)
        if key == "compliance":
            return reports.compliance(session, span, labels)
        if key == "mean_times":
            return reports.mean_times(session, span, labels)
        if key == "by_category":
            return reports.breaches_by_category(session, span[0][0], labels)
        if key == "by_customer":
            return reports.breaches_by_customer(session, span[0][0], labels)
        return reports.workload(session, now, labels)


class ReportsPage(QWidget):
    """A report chooser, the chart above, its table below, and the exports."""

    def __init__(self, context: Context):
        super().__init__()
        self.context, self.report, self.busy, self.canvas = context, None, True, None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.choice, self.period = QComboBox(), QComboBox()
        for key, title in REPORTS:
            self.choice.addItem(tr(NAME, title), key)
        for months, title in PERIODS:
            self.period.addItem(tr(NAME, title), months)
        self.period.setCurrentIndex(2)
        bar.addWidget(self.choice)
        bar.addWidget(self.period)
        bar.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("muted")
        bar.addWidget(self.status)
        for suffix, title in (("csv", QT_TRANSLATE_NOOP("incidents", "CSV…")),
                              ("xlsx", QT_TRANSLATE_NOOP("incidents", "Excel…")),
                              ("png", QT_TRANSLATE_NOOP("incidents", "PNG…")),
                              ("pdf", QT_TRANSLATE_NOOP("incidents", "PDF…"))):
            button = QPushButton(tr(NAME, title))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, s=suffix: self.export(s))
            bar.addWidget(button)
        layout.addLayout(bar)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.chart_box = QWidget()
        self.chart_layout = QVBoxLayout(self.chart_box)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.table = make_table([])
        self.splitter.addWidget(self.chart_box)
        self.splitter.addWidget(self.table)
        self.splitter.setSizes([520, 260])
        layout.addWidget(self.splitter, 1)
        self.choice.currentIndexChanged.connect(lambda _i: self.refresh())
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    def loading(self) -> bool:
        """True while the report is computed."""
        return self.busy

    def refresh(self) -> None:
        """Compute the chosen report again."""
        self.busy = True
        self.status.setText(tr(NAME, "Computing…"))
        key, months = self.choice.currentData(), self.period.currentData()
        run_in_background(self, lambda: compute(self.context, key, months), self._show,
                          lambda error, _t: self._failed(error))

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.status.setText(message_for(error))

    def _show(self, report: reports.Report) -> None:
        self.report = report
        if self.canvas is not None:
            self.canvas.deleteLater()
        self.canvas = ChartCanvas(lambda figure, _c: report.draw(figure), self.context)
        self.chart_layout.addWidget(self.canvas)
        self.table.clear()
        self.table.setColumnCount(len(report.columns))
        self.table.setHorizontalHeaderLabels(list(report.columns))
        fill_table(self.table, [["" if v is None else f"{v:,}" if isinstance(v, (int, float)) else str(v) for v in row]
                           for row in report.rows])
        self.status.setText(tr(NAME, "{count} rows").format(count=len(report.rows)))
        self.busy = False

    def export(self, suffix: str) -> None:
        """Save the report as CSV, XLSX, PNG or PDF."""
        if self.report is None:
            return
        title = self.choice.currentText()
        path, _kind = QFileDialog.getSaveFileName(self, tr(NAME, "Export the report"),
                                                  f"{self.choice.currentData()}.{suffix}")
        if path:
            self.write(Path(path), suffix, title)

    def _figure(self):
        """The chart as drawn on screen, or drawn now when the canvas has not drawn yet."""
        if self.canvas is not None and self.canvas.figure is not None:
            return self.canvas.figure
        from matplotlib.figure import Figure

        figure = Figure(figsize=(10, 5.5), layout="constrained")
        self.report.draw(figure)
        return figure

    def write(self, path: Path, suffix: str, title: str) -> Path:
        """Write the current report to ``path`` (PNG and PDF use the drawn chart)."""
        report = self.report
        if suffix in ("csv", "xlsx"):
            tables.write_table(path, report.columns, report.rows)
        elif suffix == "png":
            self._figure().savefig(path, dpi=150)
        else:
            image = Path(tempfile.mkdtemp()) / "chart.png"
            self._figure().savefig(image, dpi=150)
            head = "".join(f"<th align='left'>{escape(str(c))}</th>" for c in report.columns)
            body = "".join("<tr>" + "".join(f"<td>{escape('' if v is None else str(v))}</td>" for v in row) + "</tr>"
                           for row in report.rows)
            stamp = utcnow().astimezone(charts.zone_of(self.context)).strftime("%Y-%m-%d %H:%M")
            html_to_pdf(f"<h2>{escape(title)}</h2><p style='color:#5f6b7a'>{escape(self.period.currentText())} · "
                        f"{stamp}</p><img src='{image}' width='640'><table cellspacing='0' cellpadding='4' "
                        f"border='1'><tr>{head}</tr>{body}</table>", path, title)
        self.status.setText(tr(NAME, "Saved {path}").format(path=path))
        return path


def reports_page(context: Context) -> ReportsPage:
    """The reports page."""
    return ReportsPage(context)
