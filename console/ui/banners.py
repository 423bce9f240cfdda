"""The banner bar: conditions plugins report (``register_banners``) across the top of the window.

Each ``BannerSpec`` is polled off the GUI thread when the window opens (so a critical
bulletin shows at sign-in), every ``interval``, and at once when a transaction announces
the spec's ``channel`` on PostgreSQL (``console.core.live.Listener``). A source that raises
is logged and shows nothing; the others still show.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from console.core import live
from console.core.contributions import Banner, Context
from console.ui.i18n import tr
from console.ui.support import SPACING, message_for, run_in_background

log = logging.getLogger(__name__)
#: With notifications pushed (PostgreSQL) the poll is only a safety net.
LIVE_POLL_MS = 60_000
COLOURS = {"critical": ("#fbe9e7", "#b3261e"), "warning": ("#fff4e0", "#8a5300"), "info": ("#e3ecf7", "#2f6db5")}


class _Wake(QObject):
    """Carries a listener thread's notification to the GUI thread."""

    notified = Signal(str)


class BannerBar(QWidget):
    """The stack of banners; hidden while there is none. ``open_page(page_id, key)`` follows links."""

    def __init__(self, context: Context, specs: list[tuple[str, Any]], open_page: Callable[[str, Any], Any],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self._open_page = context, open_page
        self.specs = [(plugin, spec) for plugin, spec in specs
                      if not spec.permission or context.actor.can(spec.permission)]
        self.banners: list[tuple[str, Banner]] = []
        self._polling = False
        self._again = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.hide()
        self._listener: live.Listener | None = None
        if not self.specs:
            return
        self._wake = _Wake(self)
        self._wake.notified.connect(lambda _channel: self.poll())
        channels = {spec.channel for _p, spec in self.specs if spec.channel}
        pushed = live.supported(context.app.url) and bool(channels)
        interval = min(int(spec.interval.total_seconds() * 1000) for _p, spec in self.specs)
        self.timer = QTimer(self)
        self.timer.setInterval(max(interval, LIVE_POLL_MS) if pushed else max(interval, 1000))
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        if pushed:
            self._listener = live.Listener(context.app.url, channels, self._wake.notified.emit).start()
        self.poll()

    def loading(self) -> bool:
        """True while a poll is running (the screenshot tool waits for it)."""
        return self._polling

    def poll(self) -> None:
        """Ask every source for its banners now (a poll already running is followed by one more)."""
        if self._polling:
            self._again = True
            return
        self._polling = True
        run_in_background(self, self._collect, self._show, self._failed)

    def _collect(self) -> list[tuple[str, Banner]]:
        found = []
        for plugin, spec in self.specs:
            try:
                found.extend((plugin, banner) for banner in spec.poll(self.context))
            except Exception:  # noqa: BLE001 - one broken source shows nothing, the rest still show
                log.exception("banner source %s of %s failed", spec.id, plugin)
        return found

    def _failed(self, error: BaseException, _text: str) -> None:
        log.error("banner poll failed: %s", message_for(error))
        self._finished()

    def _show(self, banners: list[tuple[str, Banner]]) -> None:
        if [(p, b.key, b.text) for p, b in banners] != [(p, b.key, b.text) for p, b in self.banners]:
            self.banners = banners
            self._rebuild()
        self._finished()

    def _finished(self) -> None:
        self._polling = False
        if self._again:
            self._again = False
            self.poll()

    def _rebuild(self) -> None:
        while self._layout.count():
            widget = self._layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for plugin, banner in self.banners:
            self._layout.addWidget(self._row(plugin, banner))
        self.setVisible(bool(self.banners))

    def _row(self, plugin: str, banner: Banner) -> QFrame:
        background, colour = COLOURS.get(banner.severity, COLOURS["info"])
        row = QFrame()
        row.setObjectName("banner")
        row.setStyleSheet(f"QFrame#banner {{ background: {background}; border-bottom: 1px solid {colour}; }}"
                          f"QFrame#banner QLabel {{ color: {colour}; font-weight: 600; }}")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(16, 6, 16, 6)
        layout.setSpacing(SPACING)
        label = QLabel(banner.text)
        label.setWordWrap(True)
        layout.addWidget(label, 1)
        if banner.page_id:
            button = QPushButton(tr("shell", "Open"))
            button.clicked.connect(lambda _c=False, b=banner: self._open_page(b.page_id, b.link_key))
            layout.addWidget(button)
        if banner.action is not None and banner.action_title:
            button = QPushButton(tr(plugin, banner.action_title))
            button.clicked.connect(lambda _c=False, p=plugin, b=banner: self._act(p, b))
            layout.addWidget(button)
        return row

    def _act(self, plugin: str, banner: Banner) -> None:
        def failed(error: BaseException, _text: str) -> None:
            QMessageBox.warning(self, tr(plugin, banner.action_title), message_for(error))
            self.poll()

        run_in_background(self, lambda: banner.action(self.context), lambda _r: self.poll(), failed)

    def shutdown(self) -> None:
        """Stop polling and listening (the window is closing)."""
        if self.specs:
            self.timer.stop()
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
