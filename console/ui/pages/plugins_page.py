"""The plugin status page: every installed plugin, its state and error, the full traceback,
and enable/disable for holders of ``core.plugins.manage`` (effective at the next start)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.core.contributions import Context
from console.ui.i18n import tr
from console.ui.support import SPACING, message_for, run_in_background, section_label

MANAGE = "core.plugins.manage"
STATE_COLOURS = {"loaded": "#2e7d32", "disabled": "#5f6b7a", "failed": "#b3261e"}
STATE_NAMES = {"loaded": QT_TRANSLATE_NOOP("shell", "Loaded"),
               "disabled": QT_TRANSLATE_NOOP("shell", "Disabled"),
               "failed": QT_TRANSLATE_NOOP("shell", "Failed")}


def set_plugin_enabled(context: Context, name: str, enabled: bool) -> None:
    """Persist an enable/disable choice through the unit of work (permission, audit)."""
    app = context.app
    with app.unit_of_work(context.actor, MANAGE) as work:
        app.plugins.set_enabled(work.session, name, enabled)
        work.audit("plugin.enable" if enabled else "plugin.disable", "plugin", name)


class PluginsPage(QWidget):
    """Table of plugins (name, version, state, distribution, error) with a details pane."""

    COLUMNS = (QT_TRANSLATE_NOOP("shell", "Name"), QT_TRANSLATE_NOOP("shell", "Version"),
               QT_TRANSLATE_NOOP("shell", "State"), QT_TRANSLATE_NOOP("shell", "Distribution"),
               QT_TRANSLATE_NOOP("shell", "Error"))

    def __init__(self, context: Context, parent=None):
        super().__init__(parent)
        self.context = context
        self.host = context.app.plugins
        self.pending: dict[str, bool] = {}  # choices saved this session, effective at next start
        self.can_manage = context.actor.can(MANAGE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(SPACING)
        self.intro = QLabel()
        self.intro.setObjectName("muted")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._show_details)

        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, SPACING, 0, 0)
        details_layout.setSpacing(SPACING)
        top = QHBoxLayout()
        self.details_title = section_label("")
        top.addWidget(self.details_title, 1)
        self.enable_button = QPushButton()
        self.disable_button = QPushButton()
        self.enable_button.clicked.connect(lambda: self.toggle(True))
        self.disable_button.clicked.connect(lambda: self.toggle(False))
        for button in (self.enable_button, self.disable_button):
            button.setVisible(self.can_manage)
            top.addWidget(button)
        details_layout.addLayout(top)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        details_layout.addWidget(self.message)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(9)
        self.details.setFont(mono)
        details_layout.addWidget(self.details, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.retranslate()
        self.populate()
        failed = [i for i, r in enumerate(self.records) if r.state == "failed"]
        if self.records:
            self.table.selectRow(failed[0] if failed else 0)

    @property
    def records(self):
        return sorted(self.host.records.values(), key=lambda r: (r.state != "failed", r.name))

    def populate(self) -> None:
        """Fill the table from the plugin host."""
        selected = self.current_name()
        records = self.records
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            state = self._state_text(record)
            values = (record.name, record.version, state, record.distribution or "—",
                      (record.error or "").splitlines()[0] if record.error else "")
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, record.name)
                if column == 2:
                    item.setForeground(QColor(STATE_COLOURS.get(record.state, "#1f2933")))
                if column == 4 and record.error:
                    item.setToolTip(record.error)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        for column in range(len(self.COLUMNS) - 1):  # room for the style's cell padding
            self.table.setColumnWidth(column, self.table.columnWidth(column) + 2 * SPACING)
        if selected:
            self.select(selected)

    def _state_text(self, record) -> str:
        text = tr("shell", STATE_NAMES.get(record.state, record.state))
        if record.name in self.pending:
            later = tr("shell", "enabled") if self.pending[record.name] else tr("shell", "disabled")
            text = tr("shell", "{state} ({change} at next start)").format(state=text, change=later)
        return text

    def current_name(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select(self, name: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == name:
                self.table.selectRow(row)
                return

    def _show_details(self) -> None:
        name = self.current_name()
        record = self.host.records.get(name) if name else None
        if record is None:
            self.details_title.setText("")
            self.details.setPlainText("")
            self.enable_button.setEnabled(False)
            self.disable_button.setEnabled(False)
            return
        title = tr(record.name, record.title) if record.title and record.title != record.name else ""
        version = record.version if record.version not in ("", "?") else ""
        parts = (title, f"{record.name} {version}".strip())
        self.details_title.setText("  ·  ".join(part for part in parts if part))
        lines = [
            f"{tr('shell', 'State')}: {self._state_text(record)}",
            f"{tr('shell', 'Distribution')}: {record.distribution or '—'}",
            f"{tr('shell', 'Requires')}: {', '.join(record.requires) or '—'}",
            f"{tr('shell', 'Works with')}: {', '.join(record.optional) or '—'}",
            f"{tr('shell', 'Built in')}: {tr('shell', 'Yes') if record.builtin else tr('shell', 'No')}",
        ]
        if record.error:
            lines += ["", f"{tr('shell', 'Failed in')}: {record.failed_in or '—'}",
                      f"{tr('shell', 'Error')}: {record.error}"]
        if record.traceback:
            lines += ["", tr("shell", "Traceback:"), record.traceback.rstrip()]
        self.details.setPlainText("\n".join(lines))
        will_be_enabled = self.pending.get(record.name, record.state != "disabled")
        self.enable_button.setEnabled(not will_be_enabled)
        self.disable_button.setEnabled(will_be_enabled)

    def toggle(self, enabled: bool) -> None:
        """Enable or disable the selected plugin from the next start (saved in the background)."""
        name = self.current_name()
        if not name or not self.can_manage:
            return
        self.enable_button.setEnabled(False)
        self.disable_button.setEnabled(False)

        def saved(_result) -> None:
            self.pending[name] = enabled
            self._say(tr("shell", "Saved. The change takes effect at the next start of the console."), ok=True)
            self.populate()
            self._show_details()

        def failed(error, _text) -> None:
            self._say(message_for(error), ok=False)
            self._show_details()

        run_in_background(self, lambda: set_plugin_enabled(self.context, name, enabled), saved, failed)

    def _say(self, text: str, ok: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {'#2e7d32' if ok else '#b3261e'};")
        self.message.show()

    def retranslate(self) -> None:
        self.intro.setText(tr("shell", "Every installed plugin and its state. A plugin that fails to load "
                                       "is switched off on its own; the rest of the console keeps working."))
        self.table.setHorizontalHeaderLabels([tr("shell", c) for c in self.COLUMNS])
        self.enable_button.setText(tr("shell", "Enable"))
        self.disable_button.setText(tr("shell", "Disable"))
        if self.table.rowCount():
            self.populate()
        self._show_details()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
