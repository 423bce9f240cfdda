"""Shell plumbing shared by the windows and pages: settings, theme, background work, panels.

Everything here is the shell's own; plugin pages use ``console.api.ui`` instead.
"""

from __future__ import annotations

import logging
import sys
import time
import traceback
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from console.ui.i18n import tr

log = logging.getLogger("console.ui")

ORGANIZATION = APPLICATION = "ServiceConsole"
SPACING = 8  # the layout grid, in pixels


def qsettings() -> QSettings:
    """The per-user UI settings (window geometry, last page, language, server URL without password)."""
    # INI on every platform (not the Windows registry): one inspectable file per user.
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


# -- look and feel ---------------------------------------------------------------------------
ACCENT = "#2f6db5"
ACCENT_SOFT = "#e3ecf7"
BORDER = "#d5dae1"
MUTED = "#5f6b7a"
WINDOW_BG = "#f4f6f9"
DANGER = "#b3261e"


def ui_font_families() -> list[str]:
    """Font families for the UI, Latin first, then one that has Simplified Chinese glyphs."""
    if sys.platform == "win32":
        wanted = ["Segoe UI", "Microsoft YaHei UI", "Microsoft YaHei", "SimSun"]
    elif sys.platform == "darwin":
        wanted = [".AppleSystemUIFont", "Helvetica Neue", "PingFang SC", "Hiragino Sans GB"]
    else:
        wanted = ["Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                  "WenQuanYi Zen Hei", "Droid Sans Fallback", "DejaVu Sans"]
    available = set(QFontDatabase.families())
    chosen = [f for f in wanted if f in available]
    return chosen or wanted


def apply_theme(qapp: QApplication) -> None:
    """Fusion with a calm, light palette, a 10 pt CJK-capable font and a few shell styles."""
    qapp.setStyle("Fusion")
    font = QFont()
    font.setFamilies(ui_font_families())
    font.setPointSizeF(10)
    qapp.setFont(font)
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: WINDOW_BG, QPalette.ColorRole.WindowText: "#1f2933",
        QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#f7f9fb",
        QPalette.ColorRole.Text: "#1f2933", QPalette.ColorRole.Button: "#ffffff",
        QPalette.ColorRole.ButtonText: "#1f2933", QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: "#1f2933", QPalette.ColorRole.PlaceholderText: "#8a94a3",
        QPalette.ColorRole.Link: ACCENT, QPalette.ColorRole.Mid: BORDER,
        QPalette.ColorRole.Light: "#ffffff", QPalette.ColorRole.Midlight: "#eef1f5",
        QPalette.ColorRole.Dark: "#9aa5b4", QPalette.ColorRole.Shadow: "#6b7785",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9aa5b4"))
    qapp.setPalette(palette)
    qapp.setStyleSheet(STYLE_SHEET)


STYLE_SHEET = f"""
QToolBar#mainToolBar {{ background: #ffffff; border: none; border-bottom: 1px solid {BORDER};
    padding: 4px 8px; spacing: 8px; }}
QTreeWidget#sidebar {{ background: #ffffff; border: none; border-right: 1px solid {BORDER};
    padding: 8px 0px; outline: 0; }}
QTreeWidget#sidebar::item {{ padding: 6px 8px; border: none; margin: 0px 8px; border-radius: 4px; }}
QTreeWidget#sidebar::branch {{ background: transparent; border: none; }}
QWidget#settingsPage {{ background: #ffffff; }}
QTreeWidget#sidebar::item:hover {{ background: #eef2f7; }}
QTreeWidget#sidebar::item:selected {{ background: {ACCENT_SOFT}; color: {ACCENT}; }}
QWidget#pageHeader {{ background: #ffffff; border-bottom: 1px solid {BORDER}; }}
QLabel#pageTitle {{ font-size: 15pt; font-weight: 600; color: #1f2933; }}
QLabel#pageSubtitle {{ color: {MUTED}; }}
QLabel#sectionTitle {{ font-size: 11pt; font-weight: 600; color: #1f2933; }}
QLabel#muted {{ color: {MUTED}; }}
QLabel#errorText {{ color: {DANGER}; }}
QLabel#hint {{ color: {MUTED}; background: {ACCENT_SOFT}; border-radius: 4px; padding: 6px 8px; }}
QFrame#tile {{ background: #ffffff; border: 1px solid {BORDER}; border-radius: 6px; }}
QFrame#errorPanel {{ background: #ffffff; border: 1px solid #e8c4c1; border-radius: 6px; }}
QFrame#searchPopup {{ background: #ffffff; border: 1px solid #c3cad4; border-radius: 6px; }}
QFrame#searchPopup QTreeWidget {{ border: none; }}
QFrame#searchPopup QTreeWidget::item {{ padding: 4px 4px; }}
QLineEdit#globalSearch {{ padding: 4px 8px; border: 1px solid {BORDER}; border-radius: 4px;
    background: #f7f9fb; min-height: 20px; }}
QLineEdit#globalSearch:focus {{ border-color: {ACCENT}; background: #ffffff; }}
QToolButton#bell {{ padding: 4px 8px; border-radius: 4px; }}
QToolButton#bell:hover {{ background: #eef2f7; }}
QStatusBar {{ background: #ffffff; border-top: 1px solid {BORDER}; color: {MUTED}; }}
QStatusBar QLabel {{ color: {MUTED}; padding: 0px 8px; }}
QTabWidget::pane {{ border: 1px solid {BORDER}; border-radius: 4px; background: #ffffff; top: -1px; }}
QTabBar::tab {{ padding: 6px 16px; margin-right: 2px; border: 1px solid {BORDER}; border-bottom: none;
    border-top-left-radius: 4px; border-top-right-radius: 4px; background: #eef1f5; color: {MUTED}; }}
QTabBar::tab:selected {{ background: #ffffff; color: #1f2933; }}
QTabBar::tab:hover:!selected {{ background: #f6f8fa; }}
QLabel#emptyState {{ color: {MUTED}; background: #ffffff; font-size: 11pt; }}
QTableWidget, QTableView, QTreeView, QListView, QPlainTextEdit {{ border: 1px solid {BORDER}; }}
QHeaderView::section {{ background: #f7f9fb; border: none; border-bottom: 1px solid {BORDER};
    border-right: 1px solid #e6e9ee; padding: 4px 8px; font-weight: 600; }}
QPushButton {{ padding: 5px 14px; border: 1px solid #c3cad4; border-radius: 4px; background: #ffffff; }}
QPushButton:hover {{ background: #f1f4f8; }}
QPushButton:default {{ background: {ACCENT}; color: #ffffff; border-color: #285f9e; }}
QPushButton:default:hover {{ background: #285f9e; }}
QPushButton:disabled {{ color: #9aa5b4; background: #f4f6f9; border-color: {BORDER}; }}
"""


# -- background work -------------------------------------------------------------------------
class _Relay(QObject):
    """Lives on the GUI thread; a worker emits through it so callbacks run on the GUI thread."""

    done = Signal(object)
    failed = Signal(object, str)


_pending = 0
_pools: list[QThreadPool] = []  # the pools besides the global one that tasks were started on


def pending_tasks() -> int:
    """How many ``run_in_background`` calls have not reported back yet."""
    return _pending


def background_pools() -> list[QThreadPool]:
    """Every pool ``run_in_background`` has started work on and that still exists: the global one and
    any given to it."""
    _pools[:] = [pool for pool in _pools if shiboken6.isValid(pool)]
    return [QThreadPool.globalInstance(), *_pools]


def wait_for_background(timeout_ms: int = 60_000) -> bool:
    """Block until no background task is running on any pool (their results are delivered later)."""
    return all([pool.waitForDone(timeout_ms) for pool in background_pools()])


def run_in_background(owner: QObject | None, fn: Callable[[], Any],
                      on_done: Callable[[Any], None] | None = None,
                      on_error: Callable[[BaseException, str], None] | None = None,
                      pool: QThreadPool | None = None) -> None:
    """Run ``fn()`` on a pool thread; call ``on_done(result)`` or ``on_error(error, traceback)`` on the GUI thread.

    When ``owner`` has been destroyed before the task starts, ``fn`` is not run at all; when it is
    destroyed before the result arrives, the callbacks are skipped, so a closed page never reads
    for nothing nor receives a late result. Errors without ``on_error`` are logged.
    """
    global _pending
    # Owned by the application object (GUI thread), deleted there after delivery: the worker
    # thread never holds the last reference, so the relay is never destroyed off the GUI thread.
    relay = _Relay(QCoreApplication.instance())

    def alive() -> bool:
        return owner is None or shiboken6.isValid(owner)

    def deliver(result: Any) -> None:
        _finish(relay)
        if on_done is not None and alive():
            on_done(result)

    def report(error: BaseException, text: str) -> None:
        _finish(relay)
        if on_error is not None and alive():
            on_error(error, text)
        else:
            log.error("background task failed: %s", text)

    relay.done.connect(deliver)
    relay.failed.connect(report)

    def work() -> None:
        if not alive():  # queued for a page that has closed since
            relay.done.emit(None)
            return
        try:
            result = fn()
        except BaseException as error:  # noqa: BLE001 - reported to the GUI thread
            relay.failed.emit(error, "".join(traceback.format_exception(error)))
            return
        relay.done.emit(result)

    _pending += 1
    if pool is not None and pool not in _pools:
        _pools.append(pool)
    (pool or QThreadPool.globalInstance()).start(work)


def _finish(relay: QObject) -> None:
    global _pending
    _pending -= 1
    relay.deleteLater()


def wait_until(condition: Callable[[], bool], timeout: float = 10.0, settle: float = 0.05) -> bool:
    """Process events until ``condition()`` holds (then ``settle`` seconds more) or ``timeout`` passes."""
    app = QCoreApplication.instance()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        if condition():
            end = time.monotonic() + settle
            while time.monotonic() < end:
                app.processEvents()
                time.sleep(0.005)
            if condition():
                return True
        time.sleep(0.01)
    return False


# -- small shell widgets ---------------------------------------------------------------------
def section_label(text: str, name: str = "sectionTitle") -> QLabel:
    """A label styled by the shell's style sheet (``sectionTitle``, ``muted``, ``errorText``, ``hint``)."""
    label = QLabel(text)
    label.setObjectName(name)
    return label


class ErrorPanel(QFrame):
    """What a page shows instead of crashing: a sentence, the error and the full traceback."""

    retry_requested = Signal()

    def __init__(self, heading: str, message: str, details: str = "", retry: bool = True, parent=None):
        super().__init__(parent)
        self.setObjectName("errorPanel")
        self._heading_text, self._retry = heading, retry
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(SPACING)
        self.heading = section_label(heading)
        self.heading.setWordWrap(True)
        self.message = QLabel(message)
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(9)
        self.details.setFont(mono)
        self.details.setVisible(bool(details))
        layout.addWidget(self.details, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.retry_button = QPushButton()
        self.retry_button.clicked.connect(self.retry_requested)
        self.retry_button.setVisible(retry)
        row.addWidget(self.retry_button)
        layout.addLayout(row)
        if not details:
            layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.retry_button.setText(tr("shell", "Try again"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def message_for(error: BaseException) -> str:
    """One sentence for the user: a service error's own message, else the exception's type and text."""
    from console.core.errors import ServiceError

    if isinstance(error, ServiceError):
        return tr("core", str(error))  # core's fixed sentences have translations; others pass through
    return f"{type(error).__name__}: {error}"
