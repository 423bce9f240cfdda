"""Pieces the incident pages share: a page built once its reference data is read off the GUI thread,
saved views on a list, and opening an incident's window."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.api import Context
from console.api.ui import ListPage, message_for, run_in_background, tr
from plugins.incidents import views
from plugins.incidents.ui.names import NAME


class Deferred(QWidget):
    """A page whose widget is built by ``build(data)`` once ``load()`` has run in the background.

    It forwards ``open_key``, ``current_key``, ``refresh`` and ``loading`` to the built page, and
    keeps a key asked for before the page exists.
    """

    def __init__(self, load: Callable[[], Any], build: Callable[[Any], QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self._build, self.inner, self._pending, self._busy = build, None, None, True
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._placeholder = QLabel(tr(NAME, "Loading…"))
        self._placeholder.setObjectName("emptyState")
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(self._placeholder)
        run_in_background(self, load, self._built, self._failed)

    def _built(self, data: Any) -> None:
        self.inner = self._build(data)
        self._placeholder.hide()
        self._layout.addWidget(self.inner)
        self._busy = False
        if self._pending is not None:
            self.open_key(self._pending)

    def _failed(self, error: BaseException, _text: str) -> None:
        self._busy = False
        self._placeholder.setObjectName("errorText")
        self._placeholder.setText(message_for(error))
        self._placeholder.setStyleSheet("")

    def loading(self) -> bool:
        """True until the page is built and has read its first rows."""
        inner_loading = getattr(self.inner, "loading", None)
        return self._busy or bool(callable(inner_loading) and inner_loading())

    def open_key(self, key: Any) -> None:
        """Show the row (or record) ``key`` once the page exists."""
        if self.inner is None:
            self._pending = key
        elif hasattr(self.inner, "open_key"):
            self.inner.open_key(key)

    def current_key(self) -> Any:
        """The selected row's key on the built page."""
        return self.inner.current_key() if self.inner is not None and hasattr(self.inner, "current_key") else None

    def refresh(self) -> None:
        """Read the built page again."""
        if self.inner is not None and hasattr(self.inner, "refresh"):
            self.inner.refresh()


def add_saved_views(page: ListPage, context: Context, page_id: str) -> QPushButton:
    """A "Saved views" menu in the list's filter bar: apply one, save the current view, delete one."""
    bar = page.layout().itemAt(0).layout()
    button = QPushButton(tr(NAME, "Saved views"))
    button.setAutoDefault(False)
    button.setToolTip(tr(NAME, "Saved views: your own searches and filters on this page"))
    menu = QMenu(button)
    button.setMenu(menu)
    button.setMinimumWidth(button.sizeHint().width())
    for box in page.filter_boxes:  # long choices (category paths) must not squeeze the bar
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(10)
    bar.insertWidget(1 + len(page.filter_boxes), button)
    known: list[tuple[str, str, list[int]]] = []

    def read():
        with context.app.session() as session:
            return views.saved_views(session, context.actor.user_id, page_id)

    def remember(found: list) -> None:
        known[:] = found

    def load() -> None:
        run_in_background(button, read, remember)

    def apply(search: str, choices: list[int]) -> None:
        for filter_box, choice in zip(page.filter_boxes, choices):
            if 0 <= choice < filter_box.count():
                filter_box.setCurrentIndex(choice)
        page.search.setText(search)
        page.model.set_search(search)

    def save_current() -> None:
        name, ok = QInputDialog.getText(page, tr(NAME, "Save view"), tr(NAME, "Name of this view:"))
        if not ok or not name.strip():
            return
        choices = [b.currentIndex() for b in page.filter_boxes]
        run_in_background(page, lambda: views.save_view(context.app, context.actor, page_id, name, page.search.text(),
                                                        choices),
                          lambda _r: load(), lambda error, _t: page.show_message(error))

    def delete(name: str) -> None:
        run_in_background(page, lambda: views.delete_view(context.app, context.actor, page_id, name),
                          lambda _r: load(), lambda error, _t: page.show_message(error))

    def fill() -> None:
        menu.clear()
        for name, search, choices in known:
            menu.addAction(name, lambda s=search, c=choices: apply(s, c))
        if known:
            menu.addSeparator()
        menu.addAction(tr(NAME, "Save view…"), save_current)
        if known:
            remove = menu.addMenu(tr(NAME, "Delete view"))
            for name, _search, _choices in known:
                remove.addAction(name, lambda n=name: delete(n))

    menu.aboutToShow.connect(fill)
    load()
    return button


def keyboard(page: ListPage, on_open: Callable[[Any], None] | None = None) -> None:
    """F5 reads the list again; Enter on a row opens it (as a double-click does)."""
    QShortcut(QKeySequence("F5"), page, activated=page.refresh)
    if on_open is not None:
        page.table.activated.connect(lambda index: (key := page.model.key_for(index.row())) is not None
                                     and on_open(key))


def open_incident(parent: QWidget, context: Context, number: str, on_change: Callable[[], None] | None = None) -> None:
    """Open (or raise) the window of incident ``number``."""
    from plugins.incidents.ui.incident_window import IncidentWindow

    IncidentWindow.show_for(parent, context, number, on_change)


def make_table(headers: list[str]) -> QTableWidget:
    """A read-only table with translated headers, one row selected at a time."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels([tr(NAME, h) for h in headers])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    return table


def fill_table(table: QTableWidget, rows: list[list[str]], keys: list[Any] | None = None) -> None:
    """Put ``rows`` (text cells) in ``table``; ``keys`` are kept on each row's first cell."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(value)
            item.setToolTip(value if len(value) > 40 else "")
            if keys is not None and c == 0:
                item.setData(Qt.ItemDataRole.UserRole, keys[r])
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for c in range(table.columnCount() - 1):
        table.setColumnWidth(c, min(table.columnWidth(c) + 16, 320))
