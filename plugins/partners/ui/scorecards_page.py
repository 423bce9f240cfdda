"""The scorecards page: pick a period, see every partner ranked by its weighted score with each
measure, edit the weights, follow one partner's score month by month, export the table."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.api import Context, utcnow
from console.api.ui import ChartCanvas, Field, message_for, run_in_background, run_with_progress, tr, user_zone
from plugins.partners import scorecards
from plugins.partners.ui.common import NAME, open_form, save_file

MEASURE_TITLES = {
    "on_time_arrival": QT_TRANSLATE_NOOP("partners", "On-time arrival %"),
    "on_time_fix": QT_TRANSLATE_NOOP("partners", "On-time fix %"),
    "first_time_fix": QT_TRANSLATE_NOOP("partners", "First-time fix %"),
    "repeat_visits": QT_TRANSLATE_NOOP("partners", "Repeat visits within 30 days %"),
    "satisfaction": QT_TRANSLATE_NOOP("partners", "Customer satisfaction (1–5)"),
    "rejection_rate": QT_TRANSLATE_NOOP("partners", "Claim rejection rate %"),
    "findings_per_100": QT_TRANSLATE_NOOP("partners", "Findings per 100 orders"),
}
#: Titles of the fixed columns before the measures (the score beside the name, where the eye looks first).
SCORE = QT_TRANSLATE_NOOP("partners", "Score")
HEAD = (QT_TRANSLATE_NOOP("partners", "Rank"), QT_TRANSLATE_NOOP("partners", "Partner"),
        QT_TRANSLATE_NOOP("partners", "Name"), SCORE, QT_TRANSLATE_NOOP("partners", "Orders"))
TREND_MONTHS = 12


def titles() -> list[str]:
    """The table's column titles, translated."""
    return [*(tr(NAME, t) for t in HEAD), *(tr(NAME, MEASURE_TITLES[m.name]) for m in scorecards.MEASURES)]


def _cell(value) -> str:
    return "—" if value is None else f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"


def draw_trend(figure, points, code: str | None) -> None:
    """The selected partner's score (and on-time arrival) month by month."""
    axes = figure.add_subplot(111)
    known = [(month, row) for month, row in points or () if row is not None]
    if not known:
        axes.text(0.5, 0.5, tr(NAME, "Select a partner with orders to see its trend."), ha="center", va="center",
                  transform=axes.transAxes)
        axes.set_axis_off()
        return
    months = [f"{month:%Y-%m}" for month, _ in known]
    axes.plot(months, [row.score for _, row in known], marker="o", label=tr(NAME, SCORE))
    axes.plot(months, [row.measures["on_time_arrival"] for _, row in known], marker=".", linestyle="--",
              label=tr(NAME, MEASURE_TITLES["on_time_arrival"]))
    axes.set_ylim(0, 105)
    axes.set_title(tr(NAME, "{partner}: score by month").format(partner=code))
    axes.legend(loc="lower left", fontsize="small")
    axes.tick_params(axis="x", labelrotation=45, labelsize="small")


class ScorecardsPage(QWidget):
    """Period picker, ranked table, weights editor, trend chart of the selected partner, export."""

    def __init__(self, context: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.rows: list[scorecards.ScoreRow] = []
        self.points: list = []
        self._busy = 0
        self._generation = 0
        self._trend_for: int | None = None
        today = utcnow().astimezone(user_zone(context)).date()
        last_month_end = today.replace(day=1) - timedelta(days=1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.start = QDateEdit(QDate(last_month_end.replace(day=1)))
        self.end = QDateEdit(QDate(last_month_end))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self.refresh())
        self.status = QLabel()
        self.status.setObjectName("muted")
        self.weights_button = QPushButton(tr(NAME, "Weights…"))
        self.weights_button.clicked.connect(self.edit_weights)
        self.weights_button.setVisible(context.actor.can(scorecards.CONFIGURE))
        self.export_button = QPushButton(tr(NAME, "Export…"))
        self.export_button.clicked.connect(self.export)
        for widget in (QLabel(tr(NAME, "From")), self.start, QLabel(tr(NAME, "to")), self.end):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.status, self.weights_button, self.export_button):
            bar.addWidget(widget)
        layout.addLayout(bar)
        self.table = QTableWidget(0, len(titles()))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.currentCellChanged.connect(lambda row, _c, _r, _pc: self.show_trend(row))
        self.chart = ChartCanvas(lambda figure, _c: draw_trend(figure, self.points, self._selected_code()), context)
        self.chart.setMinimumHeight(240)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setSizes([420, 300])
        layout.addWidget(splitter, 1)
        self.refresh()

    def loading(self) -> bool:
        """True while the table or the chart is still being read or drawn."""
        return self._busy > 0 or not self.chart.is_settled

    def period(self) -> tuple[date, date]:
        """The chosen period, first and last day."""
        return self.start.date().toPython(), self.end.date().toPython()

    def refresh(self) -> None:
        """Read the scorecard of the chosen period again."""
        start, end = self.period()
        app, actor, zone = self.context.app, self.context.actor, user_zone(self.context)
        self._busy += 1
        self._generation += 1
        generation = self._generation
        self.status.setText(tr(NAME, "Reading…"))

        def read() -> list[scorecards.ScoreRow]:
            with app.session() as session:
                return scorecards.scorecard(session, actor, period_start=start, period_end=end, zone=zone)

        run_in_background(self, read, lambda rows: self._show(generation, rows), self._failed)

    def _show(self, generation: int, rows: list[scorecards.ScoreRow]) -> None:
        self._busy -= 1
        if generation != self._generation:
            return  # a later period was chosen meanwhile
        self.rows = rows
        self.status.setText(tr(NAME, "{count} partners").format(count=len(rows)) if rows
                            else tr(NAME, "No service orders were dispatched in this period."))
        self.table.setHorizontalHeaderLabels(titles())
        self.table.setRowCount(len(rows))
        for line, row in enumerate(rows):
            cells = [_cell(row.rank), row.code, row.name, _cell(row.score), _cell(row.orders),
                     *(_cell(row.measures[m.name]) for m in scorecards.MEASURES)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column not in (1, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(line, column, item)
        self.table.resizeColumnsToContents()
        if rows:
            self.table.selectRow(0)
        else:
            self.show_trend(-1)

    def _failed(self, error: BaseException, _text: str) -> None:
        self._busy = max(0, self._busy - 1)
        self.status.setText(message_for(error))

    def _selected_code(self) -> str | None:
        row = self.table.currentRow()
        return self.rows[row].code if 0 <= row < len(self.rows) else None

    def show_trend(self, row: int) -> None:
        """Read and draw the selected partner's last twelve months."""
        if not 0 <= row < len(self.rows):
            self.points = []
            self.chart.redraw()
            return
        partner_id, app, actor = self.rows[row].partner_id, self.context.app, self.context.actor
        zone = user_zone(self.context)
        self._busy += 1
        self._trend_for = partner_id

        def read():
            with app.session() as session:
                return scorecards.trend(session, actor, partner_id, TREND_MONTHS, zone=zone)

        def show(points) -> None:
            self._busy -= 1
            if self._trend_for == partner_id:  # else another partner was selected meanwhile
                self.points = points
                self.chart.redraw()

        run_in_background(self, read, show, self._failed)

    def edit_weights(self) -> None:
        """Edit the weight of every measure; the table is scored again after a save."""
        def fields(_session) -> list[Field]:
            return [Field(m.name, MEASURE_TITLES[m.name], "decimal", required=True) for m in scorecards.MEASURES]

        open_form(self, self.context, tr(NAME, "Scorecard weights"), fields,
                  lambda values: scorecards.set_weights(self.context.app, self.context.actor, values),
                  values=lambda session: {k: str(v) for k, v in scorecards.weights(session).items()},
                  intro=tr(NAME, "The score is the weighted mean of the measures' points (0–100); "
                                 "a weight of 0 leaves a measure out."),
                  done=lambda _weights: self.refresh())

    def export(self) -> None:
        """Write the ranked table to XLSX or CSV."""
        start, end = self.period()
        path = save_file(self, tr(NAME, "Export the scorecard"), f"partner-scorecard-{start}-{end}.xlsx")
        if not path:
            return
        rows, shown = list(self.rows), titles()
        run_with_progress(self, tr(NAME, "Export the scorecard"),
                          lambda _progress: scorecards.export(rows, path, titles=shown),
                          on_done=lambda n: self.status.setText(tr(NAME, "{count} rows written to {path}").format(
                              count=n, path=path)))


def scorecards_page(context: Context) -> ScorecardsPage:
    """Partner scorecards for a period, ranked."""
    return ScorecardsPage(context)
