"""Work-hour reports: hours and cost by person, team, project, customer, incident or activity; overtime
by type per month; utilisation by person or team. A table beside its chart, for a chosen period;
exported as CSV/XLSX or PDF, or printed; and the payroll export of overtime minutes by type and person.
People above the monthly overtime limit are flagged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from html import escape
from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
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

from console.api import Context, User, get_setting, tables
from console.api.ui import ChartCanvas, html_to_pdf, message_for, print_html, run_in_background, tr, user_zone
from plugins.worktime import reports
from plugins.worktime.models import BUCKETS, OVERTIME_BUCKETS, Segment
from plugins.worktime.periods import format_minutes, month_end, month_start
from plugins.worktime.service.common import RATES, visible_clause
from plugins.worktime.terms import base_calendar
from plugins.worktime.ui.common import ACTIVITY_NAMES, BUCKET_NAMES, NAME

VIEWS = (
    ("person", QT_TRANSLATE_NOOP("worktime", "Hours and cost by person")),
    ("team", QT_TRANSLATE_NOOP("worktime", "Hours and cost by team")),
    ("project", QT_TRANSLATE_NOOP("worktime", "Hours and cost by project")),
    ("customer", QT_TRANSLATE_NOOP("worktime", "Hours and cost by customer")),
    ("incident", QT_TRANSLATE_NOOP("worktime", "Hours and cost by incident")),
    ("activity", QT_TRANSLATE_NOOP("worktime", "Hours and cost by activity")),
    ("overtime", QT_TRANSLATE_NOOP("worktime", "Overtime by type per month")),
    ("utilisation", QT_TRANSLATE_NOOP("worktime", "Utilisation by person")),
    ("team_utilisation", QT_TRANSLATE_NOOP("worktime", "Utilisation by team")),
)
PERIODS = (
    ("this_month", QT_TRANSLATE_NOOP("worktime", "This month")),
    ("last_month", QT_TRANSLATE_NOOP("worktime", "Last month")),
    ("this_quarter", QT_TRANSLATE_NOOP("worktime", "This quarter")),
    ("this_year", QT_TRANSLATE_NOOP("worktime", "This year")),
    ("last_12", QT_TRANSLATE_NOOP("worktime", "Last 12 months")),
    ("custom", QT_TRANSLATE_NOOP("worktime", "Chosen dates")),
)
GROUP_TITLES = {"person": QT_TRANSLATE_NOOP("worktime", "Person"), "team": QT_TRANSLATE_NOOP("worktime", "Team"),
                "project": QT_TRANSLATE_NOOP("worktime", "Project"),
                "customer": QT_TRANSLATE_NOOP("worktime", "Customer"),
                "incident": QT_TRANSLATE_NOOP("worktime", "Incident"),
                "activity": QT_TRANSLATE_NOOP("worktime", "Activity")}
PAYROLL_TITLES = (QT_TRANSLATE_NOOP("worktime", "Employee"), QT_TRANSLATE_NOOP("worktime", "Name"),
                  QT_TRANSLATE_NOOP("worktime", "Normal minutes"),
                  QT_TRANSLATE_NOOP("worktime", "Extended-hours OT minutes"),
                  QT_TRANSLATE_NOOP("worktime", "Rest-day OT minutes"),
                  QT_TRANSLATE_NOOP("worktime", "Rest-day OT (time off) minutes"),
                  QT_TRANSLATE_NOOP("worktime", "Statutory-holiday OT minutes"),
                  QT_TRANSLATE_NOOP("worktime", "Overtime minutes"), QT_TRANSLATE_NOOP("worktime", "Overtime cost"))
FLAG = "#b3261e"


@dataclass(frozen=True)
class Cell:
    """A table cell: what it shows, what a spreadsheet gets, and an optional colour."""

    text: str
    value: Any
    colour: str | None = None


@dataclass(frozen=True)
class Report:
    """A computed report: column titles, rows of cells and how to chart it."""

    title: str
    titles: list[str]
    rows: list[list[Cell]]
    draw: Callable[[Any, Callable[[str], str]], None]
    note: str = ""


def period_dates(key: str, today: date) -> tuple[date, date]:
    """The first and last day of a named period around ``today``."""
    if key == "last_month":
        last = month_start(today) - timedelta(days=1)
        return month_start(last), last
    if key == "this_quarter":
        first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        return first, month_end(first.replace(month=first.month + 2))
    if key == "this_year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if key == "last_12":
        return reports.last_months(today)
    return month_start(today), month_end(today)


def _hours(minutes: int) -> Cell:
    return Cell(format_minutes(minutes) if minutes else "", (Decimal(minutes) / 60).quantize(Decimal("0.01")))


def _label(view: str, value: str) -> str:
    if view == "activity":
        return tr(NAME, ACTIVITY_NAMES.get(value, value))
    return tr(NAME, "(none)") if value == reports.NO_VALUE else str(value)


def compute(context: Context, view: str, first: date, last: date) -> Report:
    """The report ``view`` for ``first``..``last``, as the actor may see it (runs off the GUI thread)."""
    actor, app = context.actor, context.app
    scope = visible_clause(actor, Segment.user_id)
    title = tr(NAME, dict(VIEWS)[view])
    if view == "overtime":
        with app.session() as session:
            months = reports.overtime_by_month(session, first=first, last=last, scope=scope)
        limit = get_setting(app, "worktime.monthly_overtime_limit")
        rows = [[Cell(f"{m:%Y-%m}", f"{m:%Y-%m}"), *(_hours(v[b]) for b in OVERTIME_BUCKETS), _hours(sum(v.values()))]
                for m, v in months.items()]
        titles = [tr(NAME, "Month"), *(tr(NAME, BUCKET_NAMES[b]) for b in OVERTIME_BUCKETS), tr(NAME, "Overtime")]
        note = tr(NAME, "Monthly overtime limit per person: {hours} h.").format(hours=limit)
        return Report(title, titles, rows, lambda fig, lab: reports.draw_months(fig, months, lab), note)
    if view in ("utilisation", "team_utilisation"):
        base = base_calendar(app)
        with app.session() as session:
            people = reports.people_in_scope(session, visible_clause(actor, User.id))
            found = reports.utilisation(session, base, first=first, last=last, people=people,
                                        by_team=view == "team_utilisation")
        titles = [tr(NAME, GROUP_TITLES["team" if view == "team_utilisation" else "person"]), tr(NAME, "Scheduled"),
                  tr(NAME, "Leave"),
                  tr(NAME, "Booked"), tr(NAME, "Service hours"), tr(NAME, "Utilisation")]
        rows = [[Cell(str(u.label), str(u.label)), _hours(u.scheduled), _hours(u.leave), _hours(u.booked),
                 _hours(u.service), Cell(f"{float(u.ratio) * 100:.0f}%" if u.ratio is not None else "—",
                                         u.ratio)] for u in found]
        return Report(title, titles, rows, lambda fig, lab: reports.draw_utilisation(fig, found, lab),
                      tr(NAME, "Utilisation = service hours (incidents, work orders, projects) ÷ scheduled hours "
                               "not on leave."))
    with app.session() as session:
        found = reports.hours_and_cost(session, first=first, last=last, by=view, scope=scope)
        peaks = reports.overtime_peaks(session, first=first, last=last, scope=scope) if view == "person" else {}
    limit = get_setting(app, "worktime.monthly_overtime_limit") * 60
    sees_cost = actor.can(RATES)
    titles = [tr(NAME, GROUP_TITLES[view]), *(tr(NAME, BUCKET_NAMES[b]) for b in BUCKETS), tr(NAME, "Total")]
    if view == "person":
        titles.append(tr(NAME, "Peak month overtime"))
    if sees_cost:
        titles.append(tr(NAME, "Cost ({currency})").format(currency=get_setting(app, "worktime.currency")))
    rows = []
    for r in found:
        row = [Cell(_label(view, r.label), _label(view, r.label)), *(_hours(r.minutes[b]) for b in BUCKETS),
               _hours(r.total)]
        if view == "person":
            month, minutes = peaks.get(r.key, (None, 0))
            cell = _hours(minutes)
            row.append(Cell(f"{cell.text} ({month:%m})" if month else "", cell.value,
                            FLAG if minutes > limit else None))
        if sees_cost:
            row.append(Cell(f"{r.cost:,}" if r.cost is not None else "", r.cost))
        rows.append(row)
    note = tr(NAME, "Red: more overtime in a month than the limit of {hours} h.").format(hours=limit // 60) \
        if view == "person" else ""
    chart_rows = [reports.Row(r.key, _label(view, r.label), r.minutes, r.cost) for r in found]
    return Report(title, titles, rows, lambda fig, lab: reports.draw_rows(fig, chart_rows, lab), note)


def _wrap(title: str, width: int = 14) -> str:
    """A long column title on two lines, broken at the space nearest its middle."""
    if len(title) <= width or " " not in title:
        return title
    middle = len(title) // 2
    cut = min((i for i, c in enumerate(title) if c == " "), key=lambda i: abs(i - middle))
    return f"{title[:cut]}\n{title[cut + 1:]}"


class ReportsPage(QWidget):
    """The report picker, a table and its chart."""

    def __init__(self, context: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.report: Report | None = None
        self._busy = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.view = QComboBox()
        self.period = QComboBox()
        for key, title in VIEWS:
            self.view.addItem(tr(NAME, title), key)
        for key, title in PERIODS:
            self.period.addItem(tr(NAME, title), key)
        self.first, self.last = QDateEdit(), QDateEdit()
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.export_button, self.pdf_button = QPushButton(), QPushButton()
        self.print_button, self.payroll_button = QPushButton(), QPushButton()
        for widget in (self.view, self.period, self.first, self.last):
            bar.addWidget(widget)
        bar.addStretch(1)
        for button in (self.export_button, self.pdf_button, self.print_button, self.payroll_button):
            button.setAutoDefault(False)
            bar.addWidget(button)
        self.payroll_button.setVisible(context.actor.can(RATES))
        layout.addLayout(bar)
        self.note = QLabel()
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.table = QTableWidget(0, 0)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.chart = ChartCanvas(self._draw, context)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([860, 400])
        layout.addWidget(splitter, 1)
        self.period.setCurrentIndex(self.period.findData("last_month"))
        self._set_period("last_month")
        self.view.currentIndexChanged.connect(self.refresh)
        self.period.currentIndexChanged.connect(lambda _i: self._period_chosen())
        self.first.dateChanged.connect(self._dates_edited)
        self.last.dateChanged.connect(self._dates_edited)
        self.export_button.clicked.connect(self.export)
        self.pdf_button.clicked.connect(self.pdf)
        self.print_button.clicked.connect(self.print)
        self.payroll_button.clicked.connect(self.payroll)
        self.retranslate()
        self.refresh()

    # -- state -----------------------------------------------------------------------------------
    def loading(self) -> bool:
        """True while a report is being computed."""
        return self._busy > 0

    def _today(self) -> date:
        return datetime.now(user_zone(self.context)).date()

    def _set_period(self, key: str) -> None:
        first, last = period_dates(key, self._today())
        for edit, day in ((self.first, first), (self.last, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day))
            edit.blockSignals(False)

    def _period_chosen(self) -> None:
        key = self.period.currentData()
        if key != "custom":
            self._set_period(key)
            self.refresh()

    def _dates_edited(self) -> None:
        self.period.blockSignals(True)
        self.period.setCurrentIndex(self.period.findData("custom"))
        self.period.blockSignals(False)
        self.refresh()

    def dates(self) -> tuple[date, date]:
        """The chosen first and last day."""
        return self.first.date().toPython(), self.last.date().toPython()

    def refresh(self) -> None:
        """Compute the chosen report again."""
        view, (first, last) = self.view.currentData(), self.dates()
        if last < first:
            self.note.setText(tr(NAME, "The last day is before the first day."))
            return
        self._busy += 1
        run_in_background(self, lambda: compute(self.context, view, first, last), self._show, self._failed)

    def _failed(self, error: BaseException, _text: str) -> None:
        self._busy -= 1
        self.note.setText(message_for(error))

    def _show(self, report: Report) -> None:
        self._busy -= 1
        self.report = report
        first, last = self.dates()
        self.note.setText(" ".join(filter(None, (f"{report.title} · {first} – {last}.", report.note))))
        table = self.table
        table.clear()
        table.setColumnCount(len(report.titles))
        table.setRowCount(len(report.rows))
        table.setHorizontalHeaderLabels([_wrap(t) for t in report.titles])
        for r, row in enumerate(report.rows):
            for c, cell in enumerate(row):
                item = QTableWidgetItem(cell.text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if cell.colour:
                    item.setForeground(QColor(cell.colour))
                table.setItem(r, c, item)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.chart.redraw()

    def _draw(self, figure, _context) -> None:
        if self.report is not None:
            self.report.draw(figure, lambda text: tr(NAME, text))

    # -- output ----------------------------------------------------------------------------------
    def _file_name(self, suffix: str) -> str:
        first, last = self.dates()
        return f"worktime-{self.view.currentData()}-{first}-{last}.{suffix}"

    def export(self, path: str | None = None) -> None:
        """The table as CSV or XLSX."""
        if self.report is None:
            return
        if path is None:
            path, _kind = QFileDialog.getSaveFileName(self, tr(NAME, "Export the report"), self._file_name("xlsx"),
                                                      tr(NAME, "Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"))
            if not path:
                return
        report = self.report
        tables.write_table(path, report.titles, ([cell.value for cell in row] for row in report.rows))
        self.note.setText(tr(NAME, "Exported to {path}").format(path=path))

    def html(self) -> str:
        """The report as an HTML document (for PDF and printing)."""
        report, (first, last) = self.report, self.dates()
        head = "".join(f"<th style='text-align:left;border-bottom:1px solid #9aa5b4;padding:3px 6px'>{escape(t)}</th>"
                       for t in report.titles)
        body = "".join("<tr>" + "".join(
            f"<td style='padding:2px 6px;{'color:' + cell.colour if cell.colour else ''}'>{escape(cell.text)}</td>"
            for cell in row) + "</tr>" for row in report.rows)
        return (f"<h2>{escape(report.title)}</h2><p>{first} – {last}</p><p style='color:#5f6b7a'>"
                f"{escape(report.note)}</p><table cellspacing='0'><tr>{head}</tr>{body}</table>")

    def pdf(self, path: str | None = None) -> None:
        """The report as an A4 PDF."""
        if self.report is None:
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, tr(NAME, "Save as PDF"), self._file_name("pdf"), "PDF (*.pdf)")
            if not path:
                return
        html_to_pdf(self.html(), path, self.report.title)
        self.note.setText(tr(NAME, "Saved {path}").format(path=path))

    def print(self) -> None:
        """The report on paper."""
        if self.report is not None:
            print_html(self, self.html(), self.report.title)

    def payroll(self, path: str | None = None) -> None:
        """Overtime minutes by type and person for the chosen period, for payroll (CSV or XLSX)."""
        first, last = self.dates()
        if path is None:
            path, _kind = QFileDialog.getSaveFileName(self, tr(NAME, "Payroll export"),
                                                      f"payroll-overtime-{first}-{last}.xlsx",
                                                      tr(NAME, "Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"))
            if not path:
                return
        titles = [tr(NAME, t) for t in PAYROLL_TITLES]

        def work():
            with self.context.app.session() as session:
                rows = reports.payroll_rows(session, first=first, last=last,
                                            scope=visible_clause(self.context.actor, Segment.user_id))
            return reports.write_payroll(path, rows, titles)

        self._busy += 1
        run_in_background(self, work, lambda n: self._exported(n, path), self._failed)

    def _exported(self, count: int, path: str) -> None:
        self._busy -= 1
        self.note.setText(tr(NAME, "Payroll export of {count} people written to {path}").format(count=count,
                                                                                                 path=path))

    def retranslate(self) -> None:
        """Set every text in the current UI language."""
        self.export_button.setText(tr(NAME, "Export…"))
        self.pdf_button.setText(tr(NAME, "PDF…"))
        self.print_button.setText(tr(NAME, "Print…"))
        self.payroll_button.setText(tr(NAME, "Payroll export…"))
        self.view.setToolTip(tr(NAME, "Report"))
        self.period.setToolTip(tr(NAME, "Period"))
