"""The week grid: one row per activity, one column per day and the week's total; type a duration into a
cell to book it. Headers name each day's kind (statutory holiday, day off in lieu, make-up working day,
rest day) and tint its column; the footer rows give each day's total, overtime and scheduled time."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from console.api.ui import tr
from plugins.worktime.models import OVERTIME_BUCKETS
from plugins.worktime.periods import format_minutes, parse_minutes
from plugins.worktime.service.queries import WeekView
from plugins.worktime.ui.common import (
    ACTIVITY_NAMES,
    DAY_KIND_COLOURS,
    DAY_KIND_NAMES,
    NAME,
    WEEKDAY_SHORT,
    activity_label,
)

FOOTER = (QT_TRANSLATE_NOOP("worktime", "Total"), QT_TRANSLATE_NOOP("worktime", "Overtime"),
          QT_TRANSLATE_NOOP("worktime", "Scheduled"))
ROW_KEY = Qt.ItemDataRole.UserRole + 10


class WeekGrid(QTableWidget):
    """Activities × the seven days of a ``WeekView``.

    Emits ``minutes_typed(activity, day, minutes)`` when a cell is given a new duration,
    ``typing_refused(message)`` when what was typed is no duration, and ``day_picked(day)``.
    """

    minutes_typed = Signal(object, object, int)
    typing_refused = Signal(str)
    day_picked = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 9, parent)
        self.view: WeekView | None = None
        self._filling = False
        self.verticalHeader().setVisible(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 9):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, 92)
        header.setMinimumHeight(54)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.itemChanged.connect(self._edited)
        self.currentCellChanged.connect(lambda _row, column, *_: self._pick(column))
        header.sectionClicked.connect(self._pick)

    def show_week(self, view: WeekView, rows: list[tuple[str, str | None]], editable: bool) -> None:
        """Fill the grid with ``rows`` (activities) of ``view``; cells are editable when ``editable``."""
        self.view, grid = view, self
        self._filling = True
        grid.setRowCount(len(rows) + len(FOOTER))
        for column, day in enumerate(view.days, start=1):
            kind = tr(NAME, DAY_KIND_NAMES[day.kind]) if day.kind != "workday" else ""
            item = QTableWidgetItem(f"{tr(NAME, WEEKDAY_SHORT[day.day.weekday()])} {day.day:%m-%d}\n{kind}")
            item.setToolTip(tr(NAME, DAY_KIND_NAMES[day.kind]))
            if day.kind == "statutory_holiday":
                item.setForeground(QColor("#b3261e"))
            grid.setHorizontalHeaderItem(column, item)
        grid.setHorizontalHeaderItem(0, QTableWidgetItem(tr(NAME, "Activity")))
        grid.setHorizontalHeaderItem(8, QTableWidgetItem(tr(NAME, "Total")))
        for row, activity in enumerate(rows):
            label = QTableWidgetItem(activity_label(*activity, view.titles))
            label.setToolTip(f"{tr(NAME, ACTIVITY_NAMES[activity[0]])}: {activity_label(*activity, view.titles)}")
            label.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            label.setData(ROW_KEY, activity)
            grid.setItem(row, 0, label)
            total = 0
            for column, day in enumerate(view.days, start=1):
                minutes = view.minutes(activity, day.day)
                total += minutes
                item = self._cell(format_minutes(minutes) if minutes else "", day.kind)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if editable else flags)
                grid.setItem(row, column, item)
            grid.setItem(row, 8, self._cell(format_minutes(total) if total else "", None, bold=True))
        self._fill_footer(len(rows))
        self._filling = False

    def _fill_footer(self, first: int) -> None:
        view, grid = self.view, self
        sums = {"total": [], "overtime": [], "scheduled": []}
        for day in view.days:
            totals = view.totals.get(day.day, {})
            sums["total"].append(sum(totals.values()))
            sums["overtime"].append(sum(totals.get(b, 0) for b in OVERTIME_BUCKETS))
            sums["scheduled"].append(day.scheduled)
        for offset, (key, values) in enumerate(sums.items()):
            row = first + offset
            title = QTableWidgetItem(tr(NAME, FOOTER[offset]))
            title.setFlags(Qt.ItemFlag.ItemIsEnabled)
            title.setFont(self._bold())
            grid.setItem(row, 0, title)
            for column, (day, minutes) in enumerate(zip(view.days, values), start=1):
                item = self._cell(format_minutes(minutes) if minutes else "", day.kind, bold=key == "total")
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                if key == "overtime" and minutes:
                    item.setForeground(QColor("#c25a00"))
                grid.setItem(row, column, item)
            grid.setItem(row, 8, self._cell(format_minutes(sum(values)) if sum(values) else "", None, bold=True))
            grid.item(row, 8).setFlags(Qt.ItemFlag.ItemIsEnabled)

    def _bold(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _cell(self, text: str, kind: str | None, bold: bool = False) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        colour = DAY_KIND_COLOURS.get(kind) if kind else None
        if colour:
            item.setBackground(QColor(colour))
        if bold:
            item.setFont(self._bold())
        return item

    def _pick(self, column: int) -> None:
        if self.view is not None and 1 <= column <= 7:
            self.day_picked.emit(self.view.days[column - 1].day)

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling or self.view is None or not 1 <= item.column() <= 7:
            return
        label = self.item(item.row(), 0)
        activity = label.data(ROW_KEY) if label else None
        if activity is None:
            return
        try:
            minutes = parse_minutes(item.text())
        except ValueError as error:
            self.typing_refused.emit(str(error))
            return
        self.minutes_typed.emit(activity, self.view.days[item.column() - 1].day, minutes)
