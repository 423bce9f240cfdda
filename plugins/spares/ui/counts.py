"""Stock counts (盘点): count sheets per depot, entering what was counted, submitting and approving."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)
from sqlalchemy import case, func, select

from console.api import Context, ValidationError
from console.api.ui import (
    ChoiceFilter,
    Column,
    DetailSection,
    Field,
    ListPage,
    PageAction,
    detail_html,
    message_for,
    run_in_background,
    section_label,
    tr,
    user_zone,
)
from plugins.spares.models import Count, CountLine, Location
from plugins.spares.service import counts
from plugins.spares.service.common import APPROVE, MOVE, reading
from plugins.spares.ui.common import (
    NAME,
    decision_form,
    location_choices,
    money,
    named,
    open_form,
    quantity,
    run_action,
)
from plugins.spares.ui.common import save_file

STATUSES = {"counting": QT_TRANSLATE_NOOP("spares", "Counting"),
            "awaiting_approval": QT_TRANSLATE_NOOP("spares", "Awaiting approval"),
            "posted": QT_TRANSLATE_NOOP("spares", "Posted"), "cancelled": QT_TRANSLATE_NOOP("spares", "Cancelled")}
STATUS_COLOURS = {"counting": "#2f6db5", "awaiting_approval": "#c25a00"}
SHEET_TITLES = (QT_TRANSLATE_NOOP("spares", "Part number"), QT_TRANSLATE_NOOP("spares", "Name"),
                QT_TRANSLATE_NOOP("spares", "Serial"), QT_TRANSLATE_NOOP("spares", "Book"),
                QT_TRANSLATE_NOOP("spares", "Counted"))


def counts_page(context: Context) -> ListPage:
    """Every count sheet, newest first, with how far counting is and what the differences are worth."""
    lines = (select(CountLine.count_id, func.count().label("n"),
                    func.sum(case((CountLine.counted_quantity.is_not(None), 1), else_=0)).label("counted"),
                    func.sum(case((CountLine.counted_quantity != CountLine.book_quantity, 1), else_=0)).label("diff"))
             .group_by(CountLine.count_id).subquery())
    query = (select(Count.number, Location.code, Location.name, Count.status, Count.created_at, lines.c.n,
                    lines.c.counted, lines.c.diff, Count.difference_value, Count.created_by, Count.approved_by,
                    Count.posted_at)
             .join(Location, Location.id == Count.location_id).outerjoin(lines, lines.c.count_id == Count.id))
    columns = [
        Column(QT_TRANSLATE_NOOP("spares", "Number"), searchable=True, width=17),
        Column(QT_TRANSLATE_NOOP("spares", "Depot"), searchable=True, width=10),
        Column(QT_TRANSLATE_NOOP("spares", "Name"), width=22),
        Column(QT_TRANSLATE_NOOP("spares", "Status"), format=named(STATUSES), colour=STATUS_COLOURS.get, width=13),
        Column(QT_TRANSLATE_NOOP("spares", "Made"), width=16),
        Column(QT_TRANSLATE_NOOP("spares", "Lines"), align="right", width=6),
        Column(QT_TRANSLATE_NOOP("spares", "Counted"), align="right", width=7),
        Column(QT_TRANSLATE_NOOP("spares", "Differences"), align="right", width=8),
        Column(QT_TRANSLATE_NOOP("spares", "Difference value"), format=money, align="right", width=11),
        Column(QT_TRANSLATE_NOOP("spares", "By"), width=9),
        Column(QT_TRANSLATE_NOOP("spares", "Approved by"), width=9),
        Column(QT_TRANSLATE_NOOP("spares", "Posted"), width=16),
    ]
    filters = [ChoiceFilter(QT_TRANSLATE_NOOP("spares", "Status"), [
        (QT_TRANSLATE_NOOP("spares", "All sheets"), None),
        (QT_TRANSLATE_NOOP("spares", "Being counted"), Count.status == "counting"),
        (QT_TRANSLATE_NOOP("spares", "Awaiting approval"), Count.status == "awaiting_approval"),
        (QT_TRANSLATE_NOOP("spares", "Posted"), Count.status == "posted")])]
    actions = [
        PageAction(QT_TRANSLATE_NOOP("spares", "New count sheet…"), lambda p: new_form(p, context), permission=MOVE,
                   primary=True),
        PageAction(QT_TRANSLATE_NOOP("spares", "Count…"), lambda p: enter(p, context), needs_row=True,
                   permission=MOVE),
        PageAction(QT_TRANSLATE_NOOP("spares", "Decide…"), lambda p: decide_form(p, context), needs_row=True,
                   permission=APPROVE),
        PageAction(QT_TRANSLATE_NOOP("spares", "Cancel sheet"), lambda p: cancel(p, context), needs_row=True,
                   permission=MOVE),
    ]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=Count.id,
                    sort=(4, Qt.SortOrder.DescendingOrder), filters=filters, actions=actions,
                    detail=lambda key: count_detail(context, key),
                    count_text=QT_TRANSLATE_NOOP("spares", "{count} count sheets"),
                    empty_text=QT_TRANSLATE_NOOP("spares", "No count sheet yet."), export_name="spare-part-counts")


def count_detail(context: Context, key) -> str:
    """The sheet and its differences (largest value first)."""
    with reading(context.app) as session:
        sheet = session.get(Count, int(key))
        if sheet is None:
            return tr(NAME, "This count sheet no longer exists.")
        depot = session.get(Location, sheet.location_id)
        rows = counts.sheet_rows(session, sheet.id)
    differences = sorted(((number, name, serial, book, counted) for _id, number, name, serial, book, counted in rows
                          if counted is not None and counted != book),
                         key=lambda r: abs(r[4] - r[3]), reverse=True)[:30]
    left = sum(1 for row in rows if row[5] is None)
    facts = DetailSection(QT_TRANSLATE_NOOP("spares", "Count sheet"), [
        (QT_TRANSLATE_NOOP("spares", "Depot"), f"{depot.code} · {depot.name}"),
        (QT_TRANSLATE_NOOP("spares", "Status"), tr(NAME, STATUSES[sheet.status])),
        (QT_TRANSLATE_NOOP("spares", "Made"), sheet.created_at),
        (QT_TRANSLATE_NOOP("spares", "Lines"), f"{len(rows):,}"),
        (QT_TRANSLATE_NOOP("spares", "Not counted yet"), f"{left:,}"),
        (QT_TRANSLATE_NOOP("spares", "Difference value"), money(sheet.difference_value) or "—"),
        (QT_TRANSLATE_NOOP("spares", "Note"), sheet.note or "—")])
    found = DetailSection(QT_TRANSLATE_NOOP("spares", "Differences"), [
        (f"{number} {serial}".strip(), tr(NAME, "{name}: book {book}, counted {counted}").format(
            name=name, book=quantity(book), counted=quantity(counted))) for number, name, serial, book, counted
        in differences] or [(QT_TRANSLATE_NOOP("spares", "None"), "—")])
    return detail_html(sheet.number, [facts, found], owner=NAME, zone=user_zone(context))


def new_form(page: ListPage, context: Context) -> None:
    """Make a count sheet for a depot (the book quantities are taken now)."""
    open_form(page, context, tr(NAME, "New count sheet"), lambda session: [
        Field("depot_code", QT_TRANSLATE_NOOP("spares", "Depot"), "choice", location_choices(session), required=True),
        Field("note", QT_TRANSLATE_NOOP("spares", "Note")),
    ], lambda v: counts.create_count(context.app, context.actor, **v))


class CountDialog(QDialog):
    """Counted quantities of a sheet, entered in a table (read and saved off the GUI thread); a refused save
    keeps what was typed and says why."""

    def __init__(self, page: ListPage, context: Context, count_id: int):
        super().__init__(page)
        self.page, self.context, self.count_id = page, context, count_id
        self.version: int | None = None
        self.line_ids: list[int] = []
        self.setWindowTitle(tr(NAME, "Enter counts"))
        self.resize(860, 620)
        layout = QVBoxLayout(self)
        layout.addWidget(section_label(tr(NAME, "Type what is on the shelf; leave a cell empty while it is not "
                                                "counted. A serial is 1 when it is there and 0 when it is missing."),
                                       "hint"))
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr(NAME, "Find a part or serial…"))
        self.filter.textChanged.connect(self._filter)
        layout.addWidget(self.filter)
        self.table = QTableWidget(0, len(SHEET_TITLES))
        self.table.setHorizontalHeaderLabels([tr(NAME, t) for t in SHEET_TITLES])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(tr(NAME, "Found, not on the sheet (one per line: part number and serial, or part "
                                         "number and quantity):")))
        self.found = QPlainTextEdit()
        self.found.setFixedHeight(self.fontMetrics().height() * 4)
        layout.addWidget(self.found)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(lambda: self.save(submit=False))
        self.buttons.rejected.connect(self.reject)
        for title, slot in ((tr(NAME, "Save and submit"), lambda: self.save(submit=True)),
                            (tr(NAME, "Import…"), self.import_file), (tr(NAME, "Export…"), self.export_file)):
            button = self.buttons.addButton(title, QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(slot)
        self.buttons.setEnabled(False)
        layout.addWidget(self.buttons)
        self.reload()

    def reload(self) -> None:
        """Read the sheet (again) off the GUI thread."""
        self.buttons.setEnabled(False)
        run_in_background(self, self._load, self._show, lambda error, _t: self._refused(error))

    def _load(self):
        with reading(self.context.app) as session:
            sheet = session.get(Count, self.count_id)
            return (sheet.version if sheet else None), counts.sheet_rows(session, self.count_id)

    def _show(self, loaded) -> None:
        self.version, rows = loaded
        self.line_ids = []
        self.table.setRowCount(len(rows))
        for row, (line_id, number, name, serial, book, counted) in enumerate(rows):
            self.line_ids.append(line_id)
            for column, value in enumerate((number, name, serial, quantity(book), quantity(counted))):
                item = QTableWidgetItem(value)
                if column < 4:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.buttons.setEnabled(True)

    def _filter(self, text: str) -> None:
        text = text.strip().casefold()
        for row in range(self.table.rowCount()):
            shown = not text or any(text in (self.table.item(row, c).text().casefold()) for c in (0, 1, 2))
            self.table.setRowHidden(row, not shown)

    def counted(self) -> dict[int, Decimal | None]:
        """The counted quantity typed on every line (None where the cell is empty)."""
        values = {}
        for row, line_id in enumerate(self.line_ids):
            text = self.table.item(row, 4).text().strip().replace(",", "")
            try:
                values[line_id] = Decimal(text) if text else None
            except InvalidOperation:
                raise ValueError(tr(NAME, "Row {row}: “{text}” is not a number.").format(row=row + 1, text=text)) \
                    from None
        return values

    def save(self, submit: bool) -> None:
        """Save off the GUI thread (and submit the sheet); the dialog closes only when the service accepted it."""
        try:
            counted = self.counted()
            found = counts.found_from_text(self.found.toPlainText())
        except (ValueError, ValidationError) as error:
            self._refused(error)
            return
        self.buttons.setEnabled(False)
        app, actor = self.context.app, self.context.actor

        def work():
            counts.enter_counts(app, actor, self.count_id, counted=counted, found=found, expected_version=self.version)
            return counts.submit(app, actor, self.count_id) if submit else None

        def done(status) -> None:
            self.page.refresh()
            if status == "awaiting_approval":
                self.page.show_message(tr(NAME, "The differences are worth more than the approval limit: the sheet "
                                                "waits for an approver."))
            self.accept()

        run_in_background(self, work, done, lambda error, _t: (self._refused(error), self.reload()))

    def import_file(self) -> None:
        """Fill the sheet from a spreadsheet (part number, serial, counted), then show it again."""
        path, _ = QFileDialog.getOpenFileName(self, tr(NAME, "Import counts"), "",
                                              tr(NAME, "Spreadsheets (*.xlsx *.csv)"))
        if path:
            self.buttons.setEnabled(False)
            run_in_background(self, lambda: counts.import_counts(self.context.app, self.context.actor, self.count_id,
                                                                 path),
                              lambda _n: (self.page.refresh(), self.reload()),
                              lambda error, _t: self._refused(error))

    def export_file(self) -> None:
        """Write the sheet to a spreadsheet, to count on paper or in Excel."""
        path = save_file(self, tr(NAME, "Export the count sheet"), "count-sheet.xlsx")
        if path:
            titles = tuple(tr(NAME, t) for t in SHEET_TITLES)
            run_in_background(self, lambda: counts.export_sheet(self.context.app, self.count_id, path, titles),
                              None, lambda error, _t: self._refused(error))

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(str(error) if isinstance(error, ValueError) else message_for(error))
        self.error.show()


def enter(page: ListPage, context: Context) -> None:
    """Open the count entry table of the selected sheet."""
    CountDialog(page, context, page.current_key()).open()


def decide_form(page: ListPage, context: Context) -> None:
    """Approve (post) or send back the selected sheet."""
    count_id = page.current_key()
    decision_form(page, context, tr(NAME, "Decide the count"), QT_TRANSLATE_NOOP("spares", "Approve: post the differences"),
                  QT_TRANSLATE_NOOP("spares", "Send back for recounting"),
                  lambda **v: counts.decide(context.app, context.actor, count_id, **v))


def cancel(page: ListPage, context: Context) -> None:
    """Drop the selected sheet (nothing changes in stock)."""
    count_id = page.current_key()
    run_action(page, tr(NAME, "Cancel this count sheet? Nothing changes in stock."),
               lambda: counts.cancel(context.app, context.actor, count_id))
