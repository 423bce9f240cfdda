"""``render_all``: every page of the console rendered offscreen to PNG files (1400 × 900).

Names: ``shell-login.png``, ``shell-dashboard.png``, ``shell-notifications.png``,
``shell-plugins.png``, ``shell-settings.png`` and ``<plugin>-<page>.png`` for plugin pages
(``<page>`` is the PageSpec id without its ``<plugin>.`` prefix). Any locale other than
English adds ``-<locale>`` before ``.png`` (``shell-dashboard-zh_CN.png``). Before each grab
the page is given time (bounded) to finish its background work: lazy lists load their first
page and charts are drawn.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from console.core.contributions import Context
from console.ui import pages as shell_pages
from console.ui.i18n import current_language, install_language
from console.ui.support import WINDOW_BG, background_pools, pending_tasks, wait_until

log = logging.getLogger(__name__)
SIZE = (1400, 900)
PAGE_TIMEOUT = 20.0
SHELL_NAMES = {shell_pages.DASHBOARD: "dashboard", shell_pages.NOTIFICATIONS: "notifications",
               shell_pages.PLUGINS: "plugins"}


def file_stem(owner: str, page_id: str) -> str:
    """``shell-<page>`` or ``<plugin>-<page id without the plugin prefix>``."""
    if owner == "shell":
        page = SHELL_NAMES.get(page_id, page_id.removeprefix("shell."))
    else:
        page = page_id.removeprefix(f"{owner}.")
    return f"{owner}-{re.sub(r'[^A-Za-z0-9_.-]+', '-', page).strip('-') or 'page'}"


def _loading(widget: QWidget) -> bool:
    """True while a widget (or its model) says it is still loading."""
    for name in ("loading", "is_loading", "busy"):
        value = getattr(widget, name, None)
        if callable(value):
            try:
                value = value()
            except TypeError:
                value = None
        if value is True:
            return True
    return False


def is_idle(root: QWidget) -> bool:
    """No background work pending, no visible chart drawing, no visible list still loading."""
    from console.ui.charts import ChartCanvas

    if pending_tasks() or any(pool.activeThreadCount() for pool in background_pools()):
        return False
    for canvas in root.findChildren(ChartCanvas):
        if canvas.isVisible() and not canvas.is_settled:
            return False
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if _loading(widget):
            return False
        if isinstance(widget, QAbstractItemView) and widget.model() is not None and _loading(widget.model()):
            return False
    return True


def settle(root: QWidget, timeout: float = PAGE_TIMEOUT) -> bool:
    """Process events until ``root`` is idle (or ``timeout``); returns whether it got idle."""
    ok = wait_until(lambda: is_idle(root), timeout=timeout, settle=0.15)
    if not ok:
        log.warning("%s was still busy after %.0f s; grabbing it as it is", root.objectName() or root, timeout)
    QApplication.processEvents()
    return ok


def _compose(background: QImage | None, dialog: QImage, title: str) -> QImage:
    """A 1400 × 900 image: ``background`` dimmed (or a plain backdrop) with ``dialog`` centred on it,
    framed by a simple title bar (offscreen windows have no decorations of their own)."""
    image = QImage(*SIZE, QImage.Format.Format_ARGB32)
    image.fill(QColor(WINDOW_BG))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if background is not None:
        painter.drawImage(0, 0, background)
        painter.fillRect(image.rect(), QColor(20, 28, 38, 110))
    bar = 32
    width, height = dialog.width(), dialog.height() + bar
    x = (SIZE[0] - width) // 2
    y = (SIZE[1] - height) // 2
    painter.setPen(Qt.PenStyle.NoPen)
    for spread, alpha in ((12, 6), (8, 9), (4, 14)):
        painter.setBrush(QColor(0, 0, 0, alpha))
        painter.drawRoundedRect(QRect(x - spread, y - spread + 2, width + 2 * spread, height + 2 * spread),
                                6 + spread, 6 + spread)
    painter.setBrush(QColor("#e9edf2"))
    painter.drawRoundedRect(QRect(x, y, width, bar + 8), 6, 6)
    painter.drawImage(QPoint(x, y + bar), dialog)
    font = QApplication.font()
    font.setWeight(font.Weight.DemiBold)
    painter.setFont(font)
    painter.setPen(QColor("#1f2933"))
    painter.drawText(QRect(x + 12, y, width - 60, bar), Qt.AlignmentFlag.AlignVCenter, title)
    painter.setPen(QPen(QColor("#5f6b7a"), 1.4))
    cx, cy = x + width - 20, y + bar // 2
    painter.drawLine(cx - 5, cy - 5, cx + 5, cy + 5)
    painter.drawLine(cx - 5, cy + 5, cx + 5, cy - 5)
    painter.setPen(QPen(QColor("#b8c0cb"), 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(QRect(x, y, width - 1, height - 1), 6, 6)
    painter.end()
    return image


def _save(image: QImage, out_dir: Path, stem: str, suffix: str, written: list[Path]) -> None:
    path = out_dir / f"{stem}{suffix}.png"
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    written.append(path)


def render_all(app, actor, out_dir: Path, locale: str = "en") -> list[Path]:
    """Render the login dialog, every page the actor may open and the settings dialog to PNG files."""
    from console.ui.app import make_qapplication
    from console.ui.login import LoginDialog
    from console.ui.main_window import MainWindow
    from console.ui.pages.settings_dialog import SettingsDialog

    qapp = make_qapplication()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    suffix = "" if locale == "en" else f"-{locale}"
    previous = current_language()
    install_language(qapp, locale, app.plugins)
    written: list[Path] = []
    try:
        login = LoginDialog(app)
        login.username.setText(actor.username)
        login.password.clear()
        login.adjustSize()
        login.resize(max(login.width(), 460), login.sizeHint().height())
        login.show()
        settle(login, 5)
        login.password.setFocus()
        _save(_compose(None, login.grab().toImage(), login.windowTitle()), out_dir, "shell-login", suffix,
              written)
        login.close()
        login.deleteLater()

        window = MainWindow(app, actor, remember=False)
        window.resize(*SIZE)
        window.show()
        settle(window)
        for page_id in window.page_ids():
            entry = window.entries[page_id]
            window.open_page(page_id)
            settle(window)
            _save(window.grab().toImage(), out_dir, file_stem(entry.owner, page_id), suffix, written)

        window.open_page(shell_pages.DASHBOARD)
        settle(window)
        dialog = SettingsDialog(Context(app, actor), window)
        dialog.resize(880, 620)
        dialog.show()
        settle(dialog, 10)
        background = window.grab().toImage()
        _save(_compose(background, dialog.grab().toImage(), dialog.windowTitle()), out_dir, "shell-settings",
              suffix, written)
        dialog.close()
        dialog.deleteLater()
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    finally:
        install_language(qapp, previous, app.plugins)
    return written
