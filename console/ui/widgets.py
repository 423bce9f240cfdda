"""Building blocks for plugin pages, re-exported by ``console.api.ui``.

* ``ListPage``: a filter bar, a lazy ``SqlTableModel`` table with a live row count, actions,
  an optional detail pane, and export of every matching row to CSV or XLSX.
* ``FormDialog`` and ``Field``: a form whose save runs off the GUI thread; a rejected save
  shows the service's message beside the offending field and keeps everything typed.
* ``run_with_progress``: long work on a pool thread behind a progress dialog with Cancel.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QDate, QDateTime, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.sql import ColumnElement, Select

from console.core.contributions import Context
from console.core.errors import ValidationError
from console.core.tables import write_table
from console.ui.i18n import tr
from console.ui.sql_model import KEY_ROLE, Column, SqlTableModel, display_text
from console.ui.support import SPACING, message_for, run_in_background, section_label

log = logging.getLogger(__name__)
SEARCH_DELAY_MS = 250


def user_zone(context: Context) -> tzinfo | None:
    """The signed-in user's time zone (the machine's if theirs is unknown here)."""
    try:
        return ZoneInfo(context.actor.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return None


# -- list pages ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ChoiceFilter:
    """A drop-down in the filter bar: ``options`` are ``(label, clause)``; a ``None`` clause shows all."""

    title: str
    options: Sequence[tuple[str, ColumnElement | None]]


@dataclass(frozen=True)
class PageAction:
    """A button above the list. ``run(page)`` does the work; ``needs_row`` enables it only with a
    row selected (``page.current_key()``); ``permission`` hides it from users without it."""

    title: str
    run: Callable[["ListPage"], None]
    needs_row: bool = False
    permission: str | None = None
    primary: bool = False


class ListPage(QWidget):
    """A list of database rows: search box, drop-down filters, lazy table, count, actions, details.

    ``query`` selects the shown columns (one ``Column`` each); ``key`` identifies a row.
    ``detail(key) -> html`` (run off the GUI thread) fills the pane beside the table;
    ``on_open(key)`` runs on double-click. ``count_text`` (with ``{count}``) and ``empty_text``
    replace the generic "{count} rows" and "Nothing to show.". Every title is translated in
    ``owner``'s context (the plugin's ``NAME``).
    """

    def __init__(self, context: Context, *, owner: str, query: Select, columns: Sequence[Column],
                 key: ColumnElement, sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder),
                 filters: Sequence[ChoiceFilter] = (), actions: Sequence[PageAction] = (),
                 detail: Callable[[Any], str] | None = None, on_open: Callable[[Any], None] | None = None,
                 count_text: str | None = None, empty_text: str | None = None,
                 export_name: str = "export", parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.owner = context, owner
        self._filters, self._detail, self._on_open = list(filters), detail, on_open
        self._count_text, self._empty_text, self._export_name = count_text, empty_text, export_name
        initial = [spec.options[0][1] for spec in self._filters if spec.options and spec.options[0][1] is not None]
        self.model = SqlTableModel(context.app.engine, query, columns, key, context=owner, sort=sort,
                                   where=initial, zone=user_zone(context), parent=self)
        self._detail_generation = 0

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        bar = QHBoxLayout()
        bar.setSpacing(SPACING)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.search.setVisible(any(c.searchable for c in columns))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(lambda: self.model.set_search(self.search.text()))
        self.search.textEdited.connect(lambda _t: self._search_timer.start())
        bar.addWidget(self.search)
        self.filter_boxes: list[QComboBox] = []
        for spec in self._filters:
            box = QComboBox()
            box.setToolTip(tr(owner, spec.title))
            for label, _clause in spec.options:
                box.addItem(tr(owner, label))
            box.currentIndexChanged.connect(self._apply_filters)
            self.filter_boxes.append(box)
            bar.addWidget(box)
        bar.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        bar.addWidget(self.count_label)
        self.action_buttons: list[tuple[PageAction, QPushButton]] = []
        for action in actions:
            if action.permission and not context.actor.can(action.permission):
                continue
            button = QPushButton(tr(owner, action.title))
            button.setDefault(action.primary)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, a=action: self._run(a))
            self.action_buttons.append((action, button))
            bar.addWidget(button)
        self.export_button = QPushButton(tr("ui", "Export…"))
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.export)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        column, order = self.model.sort_state()
        header.setSortIndicator(column, order)  # before sorting is enabled, which sorts by the indicator
        self.table.setSortingEnabled(True)
        char = self.fontMetrics().horizontalAdvance("n")  # CJK fonts' average width counts wide glyphs
        for index, spec in enumerate(columns):
            header.resizeSection(index, (spec.width or max(len(tr(owner, spec.title)) + 4, 10)) * char + 16)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.selectionModel().currentRowChanged.connect(lambda current, _p: self._row_changed(current.row()))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()

        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table, 1)
        table_layout.addWidget(self.empty, 1)
        if detail is not None:
            self.splitter = QSplitter(Qt.Orientation.Horizontal)
            self.splitter.addWidget(table_box)
            self.details = QTextBrowser()
            self.details.setOpenExternalLinks(False)
            self.details.setMinimumWidth(280)
            self.details.setPlaceholderText(tr("ui", "Select a row to see its details."))
            self.splitter.addWidget(self.details)
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 1)
            self.splitter.setSizes([700, 320])
            layout.addWidget(self.splitter, 1)
        else:
            self.details = None
            layout.addWidget(table_box, 1)
        self.model.signals.count_changed.connect(self._update_count)
        self.model.signals.failed.connect(self._show_error)
        self.model.modelReset.connect(self._update_count)
        self.model.dataChanged.connect(self._select_first)
        self.retranslate()
        self._update_buttons()

    # -- state -------------------------------------------------------------------------------
    def loading(self) -> bool:
        """True while the list or the detail pane is still being read."""
        return self.model.loading()

    def current_key(self) -> Any:
        """The key of the selected row, or ``None``."""
        index = self.table.currentIndex()
        return self.model.data(index, KEY_ROLE) if index.isValid() else None

    def refresh(self) -> None:
        """Read the list again (after a change, or on F5)."""
        self.model.reload()

    def show_message(self, error: BaseException | str) -> None:
        """Tell the user why something they asked for did not happen."""
        QMessageBox.warning(self, tr("ui", "Not done"), error if isinstance(error, str) else message_for(error))

    def open_key(self, key: Any) -> None:
        """Show the row with ``key`` (the shell calls this for search hits and notification links)."""
        if self._on_open is not None:
            self._on_open(key)
        elif self.details is not None:
            self._show_detail(key)

    # -- behaviour ---------------------------------------------------------------------------
    def _apply_filters(self) -> None:
        clauses = []
        for spec, box in zip(self._filters, self.filter_boxes):
            clause = spec.options[box.currentIndex()][1] if box.currentIndex() >= 0 else None
            if clause is not None:
                clauses.append(clause)
        self.model.set_filters(clauses)

    def _update_count(self) -> None:
        total = self.model.total()
        if total is None:
            self.count_label.setText(tr("ui", "Counting…"))
        else:
            text = tr(self.owner, self._count_text) if self._count_text else tr("ui", "{count} rows")
            self.count_label.setText(text.format(count=f"{total:,}"))
        empty = total == 0 and not self.model.error()
        self.empty.setText(tr(self.owner, self._empty_text) if self._empty_text else tr("ui", "Nothing to show."))
        self.empty.setVisible(empty)
        self.table.setVisible(not empty)
        self._update_buttons()

    def _show_error(self, message: str) -> None:
        self.count_label.setText("")
        self.empty.setText(message)
        self.empty.setObjectName("errorText")
        self.empty.setStyleSheet("")  # re-polish with the new object name
        self.empty.show()
        self.table.hide()

    def _update_buttons(self) -> None:
        has_row = self.current_key() is not None
        for action, button in self.action_buttons:
            button.setEnabled(has_row or not action.needs_row)

    def _select_first(self) -> None:
        """With a detail pane, the first row is selected as soon as it is read (as in a mail client)."""
        if self.details is not None and not self.table.currentIndex().isValid() and self.model.rowCount():
            if self.model.key_for(0) is not None:
                self.table.setCurrentIndex(self.model.index(0, 0))

    def _row_changed(self, row: int) -> None:
        self._update_buttons()
        if self.details is not None and row >= 0:
            key = self.model.key_for(row)
            if key is not None:
                self._show_detail(key)

    def _show_detail(self, key: Any) -> None:
        self._detail_generation += 1
        generation = self._detail_generation

        def show(html: str) -> None:
            if generation == self._detail_generation:  # a later selection wins
                self.details.setHtml(html)

        run_in_background(self.details, lambda: self._detail(key), show,
                          lambda error, _t: self.details.setPlainText(message_for(error)))

    def _open(self, row: int) -> None:
        key = self.model.key_for(row)
        if key is not None and self._on_open is not None:
            self._on_open(key)

    def _run(self, action: PageAction) -> None:
        try:
            action.run(self)
        except Exception as error:  # noqa: BLE001 - a failing action is reported, never raised into Qt
            log.exception("action %s failed", action.title)
            QMessageBox.warning(self, tr(self.owner, action.title), message_for(error))

    def _context_menu(self, position) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        menu = QMenu(self)
        for action, button in self.action_buttons:
            if button.isEnabled():
                menu.addAction(button.text(), lambda a=action: self._run(a))
        menu.addAction(tr("ui", "Copy"), lambda: self._copy(index))
        menu.exec(self.table.viewport().mapToGlobal(position))

    def _copy(self, index) -> None:
        from PySide6.QtWidgets import QApplication

        QApplication.clipboard().setText(str(self.model.data(index) or ""))

    # -- export ------------------------------------------------------------------------------
    def export(self, path: str | None = None) -> None:
        """Write every matching row (as filtered and sorted) to a CSV or XLSX file, off the GUI thread."""
        if path is None:
            path, _kind = QFileDialog.getSaveFileName(
                self, tr("ui", "Export the list"), f"{self._export_name}.xlsx",
                tr("ui", "Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"))
            if not path:
                return
        query, columns, engine = self.model.filtered_query(), self.model.columns(), self.model.reader
        titles = [tr(self.owner, c.title) for c in columns]
        zone = self.model.zone
        run_with_progress(self, tr("ui", "Exporting…"),
                          lambda progress: export_rows(engine, query, columns, titles, Path(path), progress, zone),
                          on_done=lambda n: self.count_label.setText(
                              tr("ui", "Exported {count} rows to {path}").format(count=f"{n:,}", path=path)))

    def retranslate(self) -> None:
        """Set every text in the current UI language."""
        self.search.setPlaceholderText(tr("ui", "Filter…"))
        self.export_button.setText(tr("ui", "Export…"))
        for action, button in self.action_buttons:
            button.setText(tr(self.owner, action.title))
        self._update_count()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def export_rows(engine, query: Select, columns: Sequence[Column], titles: Sequence[str], path: Path,
                progress: "Progress", zone: tzinfo | None = None) -> int:
    """Stream ``query`` into ``path`` (``.csv`` or ``.xlsx``, see ``write_table``); returns the row count.

    Numbers and dates stay typed; datetimes become local times of ``zone``; other values are
    written as the list shows them."""
    formats = [c.format or (lambda v: display_text(v, zone)) for c in columns]
    with engine.connect() as connection:
        result = connection.execution_options(stream_results=True, yield_per=1000).execute(query)
        rows = ([_cell(value, fmt, zone) for value, fmt in zip(row[:len(columns)], formats)] for row in result)
        return write_table(path, titles, rows, progress.report)


def _cell(value: Any, fmt: Callable[[Any], str], zone: tzinfo | None) -> Any:
    """A spreadsheet cell: numbers and dates stay typed, everything else is its display text."""
    if isinstance(value, bool) or value is None:
        return fmt(value)
    if isinstance(value, (int, Decimal)):
        return value
    if isinstance(value, datetime):
        return value.astimezone(zone).replace(tzinfo=None)
    if isinstance(value, date):
        return value
    return fmt(value)


# -- long work -------------------------------------------------------------------------------
class Cancelled(Exception):
    """Raised inside long work when the user pressed Cancel."""


class Progress(QObject):
    """What long work is given: ``report(done, total=None, text='')`` and ``check()`` (raises ``Cancelled``)."""

    changed = Signal(int, int, str)

    def __init__(self):
        super().__init__()
        self._cancel = threading.Event()

    def report(self, done: int, total: int | None = None, text: str = "") -> None:
        """Tell the dialog how far the work is; raises ``Cancelled`` when the user cancelled."""
        self.check()
        self.changed.emit(done, total or 0, text)

    def check(self) -> None:
        """Raise ``Cancelled`` if the user pressed Cancel."""
        if self._cancel.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        """Ask the work to stop at its next ``report`` or ``check``."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """True once the user pressed Cancel."""
        return self._cancel.is_set()


def run_with_progress(parent: QWidget | None, label: str, work: Callable[[Progress], Any],
                      on_done: Callable[[Any], None] | None = None) -> Progress:
    """Run ``work(progress)`` on a pool thread behind a progress dialog with a Cancel button.

    A ``Cancelled`` work ends quietly; any other error is shown in a message box.
    """
    progress = Progress()
    dialog = QProgressDialog(label, tr("ui", "Cancel"), 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.canceled.connect(progress.cancel)

    def changed(done: int, total: int, text: str) -> None:
        dialog.setMaximum(total)
        dialog.setValue(min(done, total) if total else 0)
        dialog.setLabelText(f"{label}\n{text or f'{done:,}'}")

    def finished(result: Any) -> None:
        dialog.reset()
        dialog.deleteLater()
        if on_done is not None:
            on_done(result)

    def failed(error: BaseException, _text: str) -> None:
        dialog.reset()
        dialog.deleteLater()
        if not isinstance(error, Cancelled):
            QMessageBox.warning(parent, label, message_for(error))

    progress.changed.connect(changed)
    run_in_background(parent, lambda: work(progress), finished, failed)
    return progress


# -- forms -----------------------------------------------------------------------------------
KINDS = ("text", "multiline", "choice", "int", "decimal", "date", "datetime", "bool")


@dataclass(frozen=True)
class Field:
    """One input of a ``FormDialog``. ``kind`` is one of ``KINDS``; ``choices`` are ``(value, label)``.

    ``key`` is the name the save function receives, and the ``field`` a ``ValidationError``
    names to point at this input.
    """

    key: str
    label: str
    kind: str = "text"
    choices: Sequence[tuple[Any, str]] = ()
    required: bool = False
    default: Any = None
    help: str = ""
    minimum: int = 0
    maximum: int = 1_000_000


class FormDialog(QDialog):
    """A dialog that edits ``fields`` and hands their values to ``save(values)`` off the GUI thread.

    While saving, the inputs stay as typed and the buttons are disabled. A ``ServiceError``
    (validation, permission, a stale edit) is shown above the form, the offending field is
    marked and focused, and nothing the user typed is lost. On success the dialog accepts and
    ``result_value`` holds what ``save`` returned. Datetimes are entered in ``zone`` (the user's).
    """

    saved = Signal(object)

    def __init__(self, parent: QWidget | None, title: str, fields: Sequence[Field],
                 save: Callable[[dict[str, Any]], Any], *, owner: str, values: dict[str, Any] | None = None,
                 intro: str = "", zone: tzinfo | None = None):
        super().__init__(parent)
        self._zone = zone
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self._fields, self._save, self._owner = list(fields), save, owner
        self.result_value: Any = None
        self.inputs: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        if intro:
            hint = section_label(intro, "hint")
            hint.setWordWrap(True)
            layout.addWidget(hint)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        form = QFormLayout()
        form.setSpacing(SPACING)
        values = values or {}
        for spec in self._fields:
            editor = self._editor(spec, values.get(spec.key, spec.default))
            label = QLabel(tr(owner, spec.label) + (" *" if spec.required else ""))
            if spec.help:
                editor.setToolTip(tr(owner, spec.help))
            self.inputs[spec.key] = editor
            self._labels[spec.key] = label
            form.addRow(label, editor)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _editor(self, spec: Field, value: Any) -> QWidget:
        if spec.kind not in KINDS:
            raise ValueError(f"unknown field kind {spec.kind!r}; use one of {', '.join(KINDS)}")
        if spec.kind == "multiline":
            editor = QPlainTextEdit(str(value or ""))
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(self.fontMetrics().height() * 5)
            return editor
        if spec.kind == "choice":
            editor = QComboBox()
            for choice, label in spec.choices:
                editor.addItem(tr(self._owner, label), choice)
            found = editor.findData(value)
            editor.setCurrentIndex(found if found >= 0 else (0 if spec.required else -1))
            return editor
        if spec.kind == "int":
            editor = QSpinBox()
            editor.setRange(spec.minimum, spec.maximum)
            editor.setValue(int(value or 0))
            return editor
        if spec.kind == "bool":
            editor = QCheckBox()
            editor.setChecked(bool(value))
            return editor
        if spec.kind == "date":
            editor = QDateEdit(QDate(value) if isinstance(value, date) else QDate.currentDate())
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("yyyy-MM-dd")
            return editor
        if spec.kind == "datetime":
            shown = value.astimezone(self._zone) if isinstance(value, datetime) else datetime.now(self._zone)
            editor = QDateTimeEdit(QDateTime(shown.replace(tzinfo=None)))
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("yyyy-MM-dd HH:mm")
            return editor
        editor = QLineEdit("" if value is None else str(value))
        return editor

    def values(self) -> dict[str, Any]:
        """What the user entered, typed: str, int, Decimal, date, aware datetime, bool or the choice value."""
        out: dict[str, Any] = {}
        for spec in self._fields:
            editor = self.inputs[spec.key]
            if spec.kind == "multiline":
                out[spec.key] = editor.toPlainText()
            elif spec.kind == "choice":
                out[spec.key] = editor.currentData()
            elif spec.kind == "int":
                out[spec.key] = editor.value()
            elif spec.kind == "bool":
                out[spec.key] = editor.isChecked()
            elif spec.kind == "date":
                out[spec.key] = editor.date().toPython()
            elif spec.kind == "datetime":
                typed = editor.dateTime().toPython()
                out[spec.key] = typed.replace(tzinfo=self._zone) if self._zone else typed.astimezone()
            elif spec.kind == "decimal":
                out[spec.key] = self._decimal(spec, editor.text())
            else:
                out[spec.key] = editor.text()
        return out

    def _decimal(self, spec: Field, text: str) -> Decimal | None:
        text = text.strip().replace(",", "")
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValidationError(tr("ui", "“{text}” is not a number; type digits with an optional decimal point, "
                                           "e.g. 1280.50.").format(text=text), spec.key) from None

    def submit(self) -> None:
        """Validate locally, then save off the GUI thread; errors keep the dialog open with the input."""
        self._mark(None)
        try:
            values = self.values()
            for spec in self._fields:
                if spec.required and values[spec.key] in (None, ""):
                    raise ValidationError(tr("ui", "Fill in “{label}”.").format(label=tr(self._owner, spec.label)),
                                          spec.key)
        except ValidationError as error:
            self._show(error)
            return
        self.buttons.setEnabled(False)
        run_in_background(self, lambda: self._save(values), self._saved, lambda error, _t: self._show(error))

    def _saved(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        self.result_value = result
        self.saved.emit(result)
        self.accept()

    def _show(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(message_for(error))
        self.error.show()
        self._mark(getattr(error, "field", None))

    def _mark(self, key: str | None) -> None:
        for name, label in self._labels.items():
            label.setObjectName("errorText" if name == key else "")
            label.setStyleSheet("")
        if key in self.inputs:
            self.inputs[key].setFocus()
        if key is None:
            self.error.hide()


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    """Ask a yes/no question; True for yes."""
    answer = QMessageBox.question(parent, title, question)
    return answer == QMessageBox.StandardButton.Yes


@dataclass
class DetailSection:
    """One titled block of ``detail_html``: ``rows`` are ``(label, value)`` pairs."""

    title: str
    rows: list[tuple[str, Any]] = field(default_factory=list)


def detail_html(heading: str, sections: Sequence[DetailSection], *, owner: str, zone: tzinfo | None = None) -> str:
    """HTML for a detail pane: a heading, then each section as a two-column table (values escaped,
    datetimes in ``zone``)."""
    from html import escape

    parts = [f"<h3 style='margin:0 0 8px 0'>{escape(heading)}</h3>"]
    for section in sections:
        parts.append(f"<p style='margin:12px 0 4px 0; color:#5f6b7a; font-weight:600'>"
                     f"{escape(tr(owner, section.title))}</p><table cellspacing='0' cellpadding='3'>")
        for label, value in section.rows:
            text = display_text(value, zone) if not isinstance(value, str) else value
            parts.append(f"<tr><td style='color:#5f6b7a; padding-right:12px'>{escape(tr(owner, label))}</td>"
                         f"<td>{escape(text).replace(chr(10), '<br>')}</td></tr>")
        parts.append("</table>")
    return "".join(parts)
