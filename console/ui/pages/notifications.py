"""The notification centre: the signed-in user's unread (or all) notifications, mark read, open links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from console.core.contributions import Context
from console.ui.i18n import tr
from console.ui.support import SPACING, message_for, run_in_background

LIMIT = 500
SEVERITY_COLOURS = {"critical": "#b3261e", "error": "#b3261e", "warning": "#a15c00", "info": "#2f6db5"}
SEVERITY_NAMES = {"critical": QT_TRANSLATE_NOOP("shell", "Critical"),
                  "error": QT_TRANSLATE_NOOP("shell", "Error"),
                  "warning": QT_TRANSLATE_NOOP("shell", "Warning"),
                  "info": QT_TRANSLATE_NOOP("shell", "Info")}


def severity_text(severity: str) -> str:
    return tr("shell", SEVERITY_NAMES.get(severity, severity))


@dataclass(frozen=True)
class Row:
    """A notification as the page shows it (detached from the session)."""

    id: int
    created_at: datetime
    severity: str
    title: str
    body: str
    link: str | None
    read_at: datetime | None


def parse_link(link: str | None) -> tuple[str, str | None] | None:
    """``(page id, key)`` from a notification link: ``page.id``, ``page.id#key`` or ``page.id/key``."""
    if not link:
        return None
    for separator in ("#", "/"):
        if separator in link:
            page, key = link.split(separator, 1)
            return page, key or None
    return link, None


def load_rows(context: Context, show_all: bool) -> tuple[list[Row], int]:
    """The rows to show and the unread count (runs off the GUI thread)."""
    from console.core import notify
    from console.core.models import Notification

    user_id = context.actor.user_id
    if user_id is None:
        return [], 0
    with context.app.session() as session:
        if show_all:
            found = session.scalars(select(Notification).where(Notification.user_id == user_id)
                                    .order_by(Notification.id.desc()).limit(LIMIT)).all()
        else:
            found = notify.unread(session, user_id, LIMIT)
        rows = [Row(n.id, n.created_at, n.severity or "info", n.title, n.body or "", n.link, n.read_at)
                for n in found]
        count = notify.unread_count(session, user_id)
    return rows, count


class NotificationsPage(QWidget):
    """Notification centre. ``open_link(page_id, key)`` asks the window to open a page;
    ``unread_changed(count)`` tells it the new unread count."""

    open_link = Signal(str, object)
    unread_changed = Signal(int)

    def __init__(self, context: Context, parent=None):
        super().__init__(parent)
        self.context = context
        self.rows: list[Row] = []
        self.loading = False
        self.unread = 0
        tz = getattr(context.actor, "timezone", None) or "UTC"
        try:
            self.zone = ZoneInfo(tz)
        except Exception:  # noqa: BLE001 - an unknown zone name falls back to UTC
            self.zone = ZoneInfo("UTC")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(SPACING)
        bar = QHBoxLayout()
        bar.setSpacing(SPACING)
        self.show_label = QLabel()
        self.filter = QComboBox()
        self.filter.addItems(["", ""])
        self.filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        self.mark_button = QPushButton()
        self.mark_button.clicked.connect(self.mark_selected_read)
        self.mark_all_button = QPushButton()
        self.mark_all_button.clicked.connect(self.mark_all_read)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.reload)
        for widget in (self.show_label, self.filter, self.count_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.refresh_button, self.mark_button, self.mark_all_button):
            bar.addWidget(widget)
        layout.addLayout(bar)

        self.table = QTableWidget(0, 3)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.table.itemDoubleClicked.connect(lambda item: self.activate(item.row()))
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(lambda _url: self.activate(self.table.currentRow()))
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list_stack)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.status = QLabel()
        self.status.setObjectName("errorText")
        self.status.setWordWrap(True)
        self.status.hide()
        layout.addWidget(self.status)
        self.retranslate()
        self.reload()

    # -- data ------------------------------------------------------------------------------
    @property
    def show_all(self) -> bool:
        return self.filter.currentIndex() == 1

    def reload(self) -> None:
        """Load the list again (in the background)."""
        self.loading = True
        self.list_stack.setCurrentWidget(self.table)
        show_all = self.show_all
        run_in_background(self, lambda: load_rows(self.context, show_all), self._loaded, self._error)

    def _loaded(self, result: tuple[list[Row], int]) -> None:
        self.loading = False
        self.rows, self.unread = result
        self.status.hide()
        self.table.setRowCount(len(self.rows))
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        for index, row in enumerate(self.rows):
            when = QTableWidgetItem(row.created_at.astimezone(self.zone).strftime("%Y-%m-%d %H:%M"))
            severity = QTableWidgetItem(severity_text(row.severity))
            severity.setForeground(QColor(SEVERITY_COLOURS.get(row.severity, "#5f6b7a")))
            title = QTableWidgetItem(row.title)
            title.setToolTip(row.body)
            if row.read_at is None:
                for item in (when, severity, title):
                    item.setFont(bold)
            for column, item in enumerate((when, severity, title)):
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                self.table.setItem(index, column, item)
        self._update_labels()
        self._show_selected()
        self.unread_changed.emit(self.unread)

    def _error(self, error: BaseException, _text: str) -> None:
        self.loading = False
        self.status.setText(message_for(error))
        self.status.show()

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.rows[r].id for r in rows if r < len(self.rows)]

    def mark_selected_read(self) -> None:
        """Mark the selected notifications read."""
        ids = self.selected_ids()
        if ids:
            self._write(lambda: self._notify().mark_read(self.context.app, self.context.actor, ids))

    def mark_all_read(self) -> None:
        """Mark every notification of the user read."""
        self._write(lambda: self._notify().mark_all_read(self.context.app, self.context.actor))

    @staticmethod
    def _notify():
        from console.core import notify

        return notify

    def _write(self, fn) -> None:
        self.loading = True
        run_in_background(self, fn, lambda _r: self.reload(), self._error)

    def activate(self, row: int) -> None:
        """Open the page the notification links to (and mark it read)."""
        if not 0 <= row < len(self.rows):
            return
        notification = self.rows[row]
        if notification.read_at is None:
            self._write(lambda: self._notify().mark_read(self.context.app, self.context.actor, [notification.id]))
        target = parse_link(notification.link)
        if target is not None:
            self.open_link.emit(target[0], target[1])

    # -- presentation ----------------------------------------------------------------------
    def _show_selected(self) -> None:
        self.mark_button.setEnabled(bool(self.rows) and self.table.selectionModel().hasSelection())
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows) or not self.table.selectionModel().hasSelection():
            self.detail.setHtml(f"<p style='color:#5f6b7a'>{tr('shell', 'Select a notification to read it.')}</p>")
            return
        n = self.rows[row]
        from html import escape

        body = escape(n.body).replace("\n", "<br>")
        link = (f"<p><a href='open'>{escape(tr('shell', 'Open the linked page'))}</a></p>"
                if parse_link(n.link) else "")
        self.detail.setHtml(f"<h3>{escape(n.title)}</h3><p>{body}</p>{link}")

    def _update_labels(self) -> None:
        self.count_label.setText(tr("shell", "{count} unread").format(count=self.unread))
        self.mark_all_button.setEnabled(self.unread > 0)
        self.mark_button.setEnabled(bool(self.rows) and self.table.selectionModel().hasSelection())
        self.empty.setText(tr("shell", "No notifications yet.") if self.show_all
                           else tr("shell", "You are all caught up: no unread notifications."))
        self.list_stack.setCurrentWidget(self.table if self.rows or self.loading else self.empty)
        self.table.setHorizontalHeaderLabels(
            [tr("shell", "Received"), tr("shell", "Severity"), tr("shell", "Title")])

    def retranslate(self) -> None:
        self.show_label.setText(tr("shell", "Show:"))
        self.filter.setItemText(0, tr("shell", "Unread"))
        self.filter.setItemText(1, tr("shell", "All"))
        self.mark_button.setText(tr("shell", "Mark read"))
        self.mark_all_button.setText(tr("shell", "Mark all read"))
        self.refresh_button.setText(tr("shell", "Refresh"))
        self._update_labels()
        if self.rows:
            for index, row in enumerate(self.rows):
                item = self.table.item(index, 1)
                if item is not None:
                    item.setText(severity_text(row.severity))
        self._show_selected()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
