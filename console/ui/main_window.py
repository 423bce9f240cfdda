"""The main window: sidebar navigation, lazily built pages, global search, menus, toolbar,
notification bell and status bar.

Every contribution comes from the plugin host and is filtered by the actor's permissions.
A page is built the first time it is opened, inside ``try``: a factory that raises shows an
error panel with the traceback on that page only, and everything else keeps working.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass, replace
from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QEvent, QPoint, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QIcon,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPixmap,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console import __version__
from console.core.contributions import Context
from console.core.db import is_embedded
from console.ui import pages as shell_pages
from console.ui.banners import BannerBar
from console.ui.i18n import LANGUAGES, current_language, install_language, tr
from console.ui.support import (
    ACCENT,
    MUTED,
    SPACING,
    ErrorPanel,
    message_for,
    qsettings,
    run_in_background,
)

logger = logging.getLogger(__name__)
SHELL = "shell"
POLL_MS = 30_000
SEARCH_DELAY_MS = 300
SEARCH_LIMIT = 8
KEY_METHODS = ("open_key", "show_key", "select_key", "focus_key")
ROLE_PAGE = Qt.ItemDataRole.UserRole
ROLE_HIT = Qt.ItemDataRole.UserRole + 1


@dataclass
class PageEntry:
    """A page in the sidebar: who contributed it, how to build it, and the built widget."""

    id: str
    owner: str  # "shell" or the plugin name (the translation context of the title)
    title: str
    factory: Callable[[Context], Any]
    order: int = 100
    item: QTreeWidgetItem | None = None
    container: QWidget | None = None
    widget: QWidget | None = None
    error: str | None = None

    @property
    def built(self) -> bool:
        return self.widget is not None or self.error is not None


def _is_spec(item: Any, *fields: str) -> bool:
    return all(hasattr(item, f) for f in fields)


def bell_icon(colour: str = "#3d4852", size: int = 20) -> QIcon:
    """A small bell drawn with QPainter (no icon theme needed)."""
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    s = size / 20
    path = QPainterPath()
    path.moveTo(10 * s, 2.5 * s)
    path.cubicTo(6 * s, 2.5 * s, 5 * s, 6 * s, 5 * s, 9 * s)
    path.lineTo(5 * s, 12.5 * s)
    path.lineTo(3 * s, 15 * s)
    path.lineTo(17 * s, 15 * s)
    path.lineTo(15 * s, 12.5 * s)
    path.lineTo(15 * s, 9 * s)
    path.cubicTo(15 * s, 6 * s, 14 * s, 2.5 * s, 10 * s, 2.5 * s)
    painter.drawPath(path)
    painter.drawEllipse(QPointF(10 * s, 16.8 * s), 2 * s, 2 * s)
    painter.drawRoundedRect(QRectF(9 * s, 1 * s, 2 * s, 2.5 * s), 1 * s, 1 * s)
    painter.end()
    return QIcon(pixmap)


class SearchPopup(QFrame):
    """The global-search result list: hits grouped under their provider's title."""

    activated = Signal(str, object)

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("searchPopup")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(12)
        self.tree.setFrameShape(QFrame.Shape.NoFrame)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._activate)
        self.tree.itemClicked.connect(self._activate)
        self.tree.installEventFilter(self)
        layout.addWidget(self.tree)
        self.hide()

    def show_results(self, results: list[tuple[str, Any, Any]], searching: bool = False) -> None:
        """``results``: ``(plugin, provider spec, hits or error)``."""
        self.tree.clear()
        bold = self.font()
        bold.setWeight(bold.Weight.DemiBold)
        first_hit = None
        if searching:
            self._note(tr("shell", "Searching…"))
        for plugin, spec, hits in results:
            if isinstance(hits, BaseException):
                group = QTreeWidgetItem([tr(plugin, spec.title), tr("shell", "search failed")])
                group.setForeground(1, QColor("#b3261e"))
            elif not hits:
                continue
            else:
                group = QTreeWidgetItem([tr(plugin, spec.title), ""])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setFont(0, bold)
            group.setForeground(0, QColor(MUTED))
            self.tree.addTopLevelItem(group)
            for hit in hits if not isinstance(hits, BaseException) else ():
                item = QTreeWidgetItem([str(hit.title), str(hit.subtitle or "")])
                item.setData(0, ROLE_HIT, (hit.page_id, hit.key))
                item.setForeground(1, QColor(MUTED))
                item.setToolTip(0, f"{hit.title}\n{hit.subtitle or ''}".strip())
                group.addChild(item)
                first_hit = first_hit or item
            group.setExpanded(True)
        if not searching and first_hit is None and not self.tree.topLevelItemCount():
            self._note(tr("shell", "No results."))
        self.tree.resizeColumnToContents(0)
        if self.tree.columnWidth(0) > 360:
            self.tree.setColumnWidth(0, 360)
        if first_hit is not None:
            self.tree.setCurrentItem(first_hit)

    def content_height(self) -> int:
        """The height that shows every row (the window caps it)."""
        rows = 0
        for i in range(self.tree.topLevelItemCount()):
            rows += 1 + self.tree.topLevelItem(i).childCount()
        row_height = max(self.tree.sizeHintForRow(0), self.fontMetrics().height() + 8)
        return max(rows, 1) * row_height + 16

    def _note(self, text: str) -> None:
        note = QTreeWidgetItem([text, ""])
        note.setFlags(Qt.ItemFlag.NoItemFlags)
        self.tree.addTopLevelItem(note)

    def first_hit(self) -> QTreeWidgetItem | None:
        current = self.tree.currentItem()
        if current is not None and current.data(0, ROLE_HIT):
            return current
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group.childCount():
                return group.child(0)
        return None

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, ROLE_HIT) if item is not None else None
        if target:
            self.activated.emit(target[0], target[1])

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.tree and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.hide()
            return True
        return super().eventFilter(obj, event)


class MainWindow(QMainWindow):
    """The console's main window for ``actor`` on ``app``.

    ``outcome`` after closing: ``None`` (quit), ``"sign_out"`` or ``"reconnect"``
    (then ``reconnect_url`` holds the new server URL, without password).
    """

    signed_out = Signal()
    reconnect_requested = Signal(str)

    def __init__(self, app, actor, parent=None, remember: bool = True):
        super().__init__(parent)
        self.app, self.actor = app, actor
        self.context = Context(app, actor)
        self.remember = remember
        self.outcome: str | None = None
        self.reconnect_url: str | None = None
        self.unread = 0
        self.entries: dict[str, PageEntry] = {}
        self.groups: list[tuple[str, QTreeWidgetItem]] = []
        self.current_page_id: str | None = None
        self._search_generation = 0
        self.searching = False
        self.plugin_actions: list[tuple[str, Any, QAction]] = []
        self.setObjectName("mainWindow")
        self.setMinimumSize(760, 520)
        self.resize(1400, 900)

        self._collect_contributions()
        self._build_toolbar()
        self._build_central()
        self._build_menus()
        self._build_status_bar()
        self.retranslate()

        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self.refresh_unread)
        self.poll.start()
        self.refresh_unread()

        last = None
        if remember:
            self._restore_state()
            last = qsettings().value("main/last_page", "")
        self.open_page(str(last) if last and str(last) in self.entries else shell_pages.DASHBOARD)

    # -- contributions ---------------------------------------------------------------------
    def _permitted(self, spec: Any) -> bool:
        permission = getattr(spec, "permission", None)
        return not permission or self.actor.can(permission)

    def _collect_contributions(self) -> None:
        host = self.app.plugins
        from console.ui.pages.dashboard import DashboardPage
        from console.ui.pages.notifications import NotificationsPage
        from console.ui.pages.plugins_page import PluginsPage

        def notifications(context):
            page = NotificationsPage(context)
            page.open_link.connect(self.open_page)
            page.unread_changed.connect(self._set_unread)
            return page

        for order, (page_id, title, factory) in enumerate((
                (shell_pages.DASHBOARD, QT_TRANSLATE_NOOP("shell", "Dashboard"), DashboardPage),
                (shell_pages.NOTIFICATIONS, QT_TRANSLATE_NOOP("shell", "Notifications"), notifications),
                (shell_pages.PLUGINS, QT_TRANSLATE_NOOP("shell", "Plugins"), PluginsPage))):
            self.entries[page_id] = PageEntry(page_id, SHELL, title, factory, order)

        for plugin, spec in host.collect("register_pages"):
            if not _is_spec(spec, "id", "title", "factory"):
                logger.warning("plugin %s returned %r from register_pages; not a PageSpec", plugin, spec)
                continue
            if not self._permitted(spec):
                continue
            if spec.id in self.entries:
                logger.warning("page id %s of plugin %s is already used; skipped", spec.id, plugin)
                continue
            order = getattr(spec, "order", 100)
            self.entries[spec.id] = PageEntry(spec.id, plugin, spec.title, spec.factory,
                                              order if isinstance(order, int) else 100)
        self.action_specs = [(p, s) for p, s in host.collect("register_actions")
                             if _is_spec(s, "id", "title", "location", "run") and self._permitted(s)]
        self.search_specs = [(p, s) for p, s in host.collect("register_search_providers")
                             if _is_spec(s, "id", "title", "search") and self._permitted(s)]
        self.banner_specs = [(p, s) for p, s in host.collect("register_banners") if _is_spec(s, "id", "poll")]

    # -- layout ----------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar()
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.setIconSize(QSize(20, 20))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar
        self.brand = QLabel()
        self.brand.setStyleSheet(f"font-weight: 600; font-size: 11pt; color: {ACCENT}; padding: 0px 8px;")
        bar.addWidget(self.brand)
        self.search = QLineEdit()
        self.search.setObjectName("globalSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(360)
        self.search.setMaximumWidth(520)
        self.search.installEventFilter(self)
        self.search.textEdited.connect(self._search_edited)
        self.search.returnPressed.connect(self._search_return)
        bar.addWidget(self.search)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.run_search)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        for plugin, spec in self.action_specs:
            if spec.location == "toolbar":
                action = self._make_action(plugin, spec)
                bar.addAction(action)
        self.bell = QToolButton()
        self.bell.setObjectName("bell")
        self.bell.setIcon(bell_icon())
        self.bell.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.bell.clicked.connect(lambda: self.open_page(shell_pages.NOTIFICATIONS))
        bar.addWidget(self.bell)
        self.search_popup = SearchPopup(self)
        self.search_popup.activated.connect(self._search_hit)

    def _build_central(self) -> None:
        self.sidebar = QTreeWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setHeaderHidden(True)
        self.sidebar.setRootIsDecorated(False)
        self.sidebar.setItemsExpandable(False)
        self.sidebar.setIndentation(0)
        self.sidebar.setUniformRowHeights(False)
        self.sidebar.setMinimumWidth(200)
        self.sidebar.currentItemChanged.connect(self._sidebar_changed)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        by_owner: dict[str, list[PageEntry]] = {}
        for entry in self.entries.values():
            by_owner.setdefault(entry.owner, []).append(entry)
        owners = sorted(by_owner, key=lambda o: (o != SHELL, min(e.order for e in by_owner[o]), o))
        group_font = self.sidebar.font()
        group_font.setPointSizeF(max(group_font.pointSizeF() - 1, 8))
        group_font.setWeight(group_font.Weight.DemiBold)
        for owner in owners:
            group = QTreeWidgetItem([""])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setFont(0, group_font)
            group.setForeground(0, QColor("#7a8594"))
            group.setSizeHint(0, QSize(0, 32))
            self.sidebar.addTopLevelItem(group)
            self.groups.append((owner, group))
            for entry in sorted(by_owner[owner], key=lambda e: (e.order, e.title)):
                item = QTreeWidgetItem([""])
                item.setData(0, ROLE_PAGE, entry.id)
                group.addChild(item)
                entry.item = item
            group.setExpanded(True)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        header = QWidget()
        header.setObjectName("pageHeader")
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(24, 12, 24, 12)
        header_layout.setSpacing(SPACING)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.page_title = QLabel()
        self.page_title.setObjectName("pageTitle")
        self.page_subtitle = QLabel()
        self.page_subtitle.setObjectName("pageSubtitle")
        titles.addWidget(self.page_subtitle)
        titles.addWidget(self.page_title)
        header_layout.addLayout(titles, 1)
        self.page_actions = QToolButton()
        self.page_actions.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.page_actions.hide()
        header_layout.addWidget(self.page_actions)
        right_layout.addWidget(header)
        self.stack = QStackedWidget()
        right_layout.addWidget(self.stack, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 1160])
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        self.banner_bar = BannerBar(self.context, self.banner_specs, self.open_page)
        central_layout.addWidget(self.banner_bar)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menus: dict[str, QMenu] = {}
        for name in ("File", "View", "Tools", "Help"):
            self.menus[name] = QMenu(self)
        self.act_connect = QAction(self, triggered=self.connect_to_server)
        self.act_sign_out = QAction(self, triggered=self.sign_out)
        self.act_quit = QAction(self, triggered=self.close)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.menus["File"].addAction(self.act_connect)
        self.menus["File"].addSeparator()
        self.menus["File"].addAction(self.act_sign_out)
        self.menus["File"].addAction(self.act_quit)

        self.language_menu = QMenu(self)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.menus["View"].addMenu(self.language_menu)
        self.act_refresh = QAction(self, triggered=self.refresh_current)
        self.act_refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        self.act_search = QAction(self, triggered=self.focus_search)
        self.act_search.setShortcut(QKeySequence("Ctrl+K"))
        self.menus["View"].addAction(self.act_refresh)
        self.menus["View"].addAction(self.act_search)

        self.act_settings = QAction(self, triggered=self.open_settings)
        self.act_settings.setShortcut(QKeySequence("Ctrl+,"))
        self.menus["Tools"].addAction(self.act_settings)
        self.extra_menus: list[tuple[str, str, QMenu]] = []
        tools_separated = False
        for plugin, spec in self.action_specs:
            location = str(spec.location)
            if not location.startswith("menu:"):
                continue
            menu_name = location.split(":", 1)[1] or "Tools"
            if menu_name not in self.menus:
                menu = QMenu(self)
                self.menus[menu_name] = menu
                self.extra_menus.append((plugin, menu_name, menu))
            if menu_name == "Tools" and not tools_separated:
                self.menus["Tools"].addSeparator()
                tools_separated = True
            self.menus[menu_name].addAction(self._make_action(plugin, spec))

        self.act_about = QAction(self, triggered=self.about)
        self.act_plugins = QAction(self, triggered=lambda: self.open_page(shell_pages.PLUGINS))
        self.menus["Help"].addAction(self.act_plugins)
        self.menus["Help"].addSeparator()
        self.menus["Help"].addAction(self.act_about)
        order = ["File", "View", *[name for _p, name, _m in self.extra_menus], "Tools", "Help"]
        for name in order:
            bar.addMenu(self.menus[name])

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.setSizeGripEnabled(False)
        self.status_user = QLabel()
        self.status_db = QLabel()
        self.status_db.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_backend = QLabel()
        status.addWidget(self.status_user)
        status.addPermanentWidget(self.status_db)
        status.addPermanentWidget(self.status_backend)

    def _make_action(self, plugin: str, spec) -> QAction:
        action = QAction(self)
        action.setData((plugin, spec.title))
        if getattr(spec, "shortcut", None):
            action.setShortcut(QKeySequence(spec.shortcut))
        action.triggered.connect(lambda _checked=False, p=plugin, s=spec: self.run_action(p, s))
        self.plugin_actions.append((plugin, spec, action))
        return action

    # -- pages -----------------------------------------------------------------------------
    def page_ids(self) -> list[str]:
        """Every page the actor can open, in sidebar order."""
        ids = []
        for _owner, group in self.groups:
            for i in range(group.childCount()):
                ids.append(group.child(i).data(0, ROLE_PAGE))
        return ids

    def page_widget(self, page_id: str) -> QWidget | None:
        """The built widget of a page (``None`` when not built yet or when it failed)."""
        entry = self.entries.get(page_id)
        return entry.widget if entry else None

    def open_page(self, page_id: str, key: Any = None) -> bool:
        """Show ``page_id`` (building it on first use); ``key`` is passed to the page's ``open_key``."""
        entry = self.entries.get(page_id)
        if entry is None:
            self.statusBar().showMessage(tr("shell", "That page is not available to you."), 5000)
            return False
        if not entry.built:
            self._build_page(entry)
        self.current_page_id = page_id
        self.stack.setCurrentWidget(entry.container)
        if entry.item is not None and self.sidebar.currentItem() is not entry.item:
            blocked = self.sidebar.blockSignals(True)
            self.sidebar.setCurrentItem(entry.item)
            self.sidebar.blockSignals(blocked)
        self._update_header()
        if key is not None and entry.widget is not None:
            for name in KEY_METHODS:
                method = getattr(entry.widget, name, None)
                if callable(method):
                    try:
                        method(key)
                    except Exception:  # noqa: BLE001
                        logger.exception("page %s could not open %r", page_id, key)
                    break
        return True

    def _build_page(self, entry: PageEntry) -> None:
        if entry.container is None:
            entry.container = QWidget()
            layout = QVBoxLayout(entry.container)
            layout.setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(entry.container)
        layout = entry.container.layout()
        while layout.count():
            old = layout.takeAt(0).widget()
            if old is not None:
                old.deleteLater()
        try:
            widget = entry.factory(self.context)
            if not isinstance(widget, QWidget):
                raise TypeError(f"the page factory returned {type(widget).__name__}, not a QWidget")
        except Exception as error:  # noqa: BLE001 - the page shows the failure, the shell goes on
            entry.widget = None
            entry.error = "".join(traceback.format_exception(error))
            logger.error("page %s of %s could not be built:\n%s", entry.id, entry.owner, entry.error)
            panel = ErrorPanel(
                tr("shell", "This page could not be opened."),
                tr("shell", "The page “{page}” of the plugin “{plugin}” failed while it was being built: "
                            "{error}").format(page=tr(entry.owner, entry.title), plugin=entry.owner,
                                              error=f"{type(error).__name__}: {error}"),
                entry.error)
            panel.retry_requested.connect(lambda e=entry: self._retry(e))
            wrapper = QWidget()
            wrapper_layout = QVBoxLayout(wrapper)
            wrapper_layout.setContentsMargins(16, 16, 16, 16)
            wrapper_layout.addWidget(panel)
            layout.addWidget(wrapper)
            return
        entry.widget, entry.error = widget, None
        if entry.owner != SHELL:  # the shell's pages bring their own margins; plugin pages get the grid's
            layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(widget)

    def _retry(self, entry: PageEntry) -> None:
        entry.error = None
        self._build_page(entry)
        self.stack.setCurrentWidget(entry.container)

    def _sidebar_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        page_id = current.data(0, ROLE_PAGE) if current is not None else None
        if page_id:
            self.open_page(page_id)

    def _update_header(self) -> None:
        entry = self.entries.get(self.current_page_id or "")
        if entry is None:
            return
        title = tr(entry.owner, entry.title)
        self.page_title.setText(title)
        self.page_subtitle.setText(self._group_title(entry.owner))
        self.setWindowTitle(f"{title} — {tr('shell', 'Service Console')}")
        context_actions = [(p, s) for p, s in self.action_specs if s.location == f"context:{entry.id}"]
        if context_actions:
            menu = QMenu(self.page_actions)
            for plugin, spec in context_actions:
                action = menu.addAction(tr(plugin, spec.title))
                action.triggered.connect(lambda _c=False, p=plugin, s=spec: self.run_action(p, s))
            self.page_actions.setMenu(menu)
            self.page_actions.setText(tr("shell", "Actions"))
        self.page_actions.setVisible(bool(context_actions))

    def _group_title(self, owner: str) -> str:
        if owner == SHELL:
            return tr("shell", "Console")
        record = self.app.plugins.records.get(owner)
        return tr(owner, record.title) if record is not None and record.title else owner

    def refresh_current(self) -> None:
        """Ask the current page to reload, if it knows how."""
        entry = self.entries.get(self.current_page_id or "")
        widget = entry.widget if entry else None
        for name in ("refresh", "reload"):
            method = getattr(widget, name, None)
            if callable(method):
                method()
                return

    # -- actions ---------------------------------------------------------------------------
    def run_action(self, plugin: str, spec) -> None:
        """Run a plugin's action; its errors are shown, never raised into Qt."""
        from console.core.errors import ServiceError

        context = self.context
        if spec.location.startswith("context:"):
            page = self.page_widget(spec.location.removeprefix("context:"))
            current_key = getattr(page, "current_key", None)
            context = replace(context, selection=current_key() if callable(current_key) else None)
        try:
            spec.run(context)
        except ServiceError as error:
            QMessageBox.warning(self, tr(plugin, spec.title), str(error))
        except Exception as error:  # noqa: BLE001
            logger.exception("action %s of %s failed", spec.id, plugin)
            box = QMessageBox(QMessageBox.Icon.Critical, tr(plugin, spec.title),
                              tr("shell", "The action failed: {error}").format(error=message_for(error)),
                              QMessageBox.StandardButton.Ok, self)
            box.setDetailedText("".join(traceback.format_exception(error)))
            box.exec()

    def open_settings(self) -> None:
        from console.ui.pages.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.context, self)
        dialog.exec()

    def connect_to_server(self) -> None:
        """Edit the server connection; on save offer to reconnect now."""
        from console.ui.connection import ConnectionDialog

        current = None if is_embedded(self.app.url) else self.app.url.render_as_string(hide_password=True)
        dialog = ConnectionDialog(current, self)
        if dialog.exec() != ConnectionDialog.DialogCode.Accepted or not dialog.url:
            return
        answer = QMessageBox.question(
            self, tr("shell", "Connect to server"),
            tr("shell", "Switch to {url} now? You will sign in again.").format(url=dialog.url))
        if answer == QMessageBox.StandardButton.Yes:
            self.outcome, self.reconnect_url = "reconnect", dialog.url
            self.reconnect_requested.emit(dialog.url)
            self.close()

    def sign_out(self) -> None:
        self.outcome = "sign_out"
        self.signed_out.emit()
        self.close()

    def about(self) -> None:
        plugins = ", ".join(f"{r.name} {r.version}" for r in self.app.plugins.active()) or "—"
        QMessageBox.about(self, tr("shell", "About Service Console"),
                          tr("shell", "Service Console {version}\n\nPlugins: {plugins}\nDatabase: {database}")
                          .format(version=__version__, plugins=plugins,
                                  database=self.app.url.render_as_string(hide_password=True)))

    # -- language --------------------------------------------------------------------------
    def set_language(self, locale: str) -> None:
        """Switch the UI language now; every open window and page retranslates."""
        qsettings().setValue("ui/language", locale)
        install_language(QApplication.instance(), locale, self.app.plugins)

    def retranslate(self) -> None:
        self.brand.setText(tr("shell", "Service Console"))
        self.search.setPlaceholderText(tr("shell", "Search incidents, parts, partners…  (Ctrl+K)"))
        self.menus["File"].setTitle(tr("shell", "&File"))
        self.menus["View"].setTitle(tr("shell", "&View"))
        self.menus["Tools"].setTitle(tr("shell", "&Tools"))
        self.menus["Help"].setTitle(tr("shell", "&Help"))
        for plugin, name, menu in self.extra_menus:
            menu.setTitle(tr(plugin, name))
        self.language_menu.setTitle(tr("shell", "&Language"))
        for code, action in self.language_actions.items():
            action.setChecked(code == current_language())
        self.act_connect.setText(tr("shell", "Connect to server…"))
        self.act_sign_out.setText(tr("shell", "Sign out"))
        self.act_quit.setText(tr("shell", "Quit"))
        self.act_refresh.setText(tr("shell", "Refresh page"))
        self.act_search.setText(tr("shell", "Search"))
        self.act_settings.setText(tr("shell", "Settings…"))
        self.act_about.setText(tr("shell", "About Service Console"))
        self.act_plugins.setText(tr("shell", "Plugins"))
        for plugin, spec, action in self.plugin_actions:
            action.setText(tr(plugin, spec.title))
        for owner, group in self.groups:
            group.setText(0, self._group_title(owner).upper())
        for entry in self.entries.values():
            if entry.item is not None:
                entry.item.setText(0, tr(entry.owner, entry.title))
        self._update_header()
        self._update_bell()
        self._update_status()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- status bar and bell ---------------------------------------------------------------
    def _update_status(self) -> None:
        actor = self.actor
        name = actor.display_name if actor.display_name == actor.username else \
            f"{actor.display_name} ({actor.username})"
        self.status_user.setText(tr("shell", "Signed in as {name}").format(name=name))
        self.status_db.setText(tr("shell", "Database: {url}").format(
            url=self.app.url.render_as_string(hide_password=True)))
        backend = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "mysql": "MySQL",
                   "mariadb": "MariaDB"}.get(self.app.url.get_backend_name(), self.app.url.get_backend_name())
        kind = tr("shell", "embedded") if is_embedded(self.app.url) else tr("shell", "server")
        self.status_backend.setText(f"{backend} ({kind})")

    def refresh_unread(self) -> None:
        """Ask the database for the unread count, off the GUI thread."""
        user_id = self.actor.user_id
        if user_id is None:
            return

        def count() -> int:
            from console.core import notify

            with self.app.session() as session:
                return int(notify.unread_count(session, user_id))

        run_in_background(self, count, self._set_unread,
                          lambda error, text: logger.debug("unread count failed: %s", text))

    def _set_unread(self, count: int) -> None:
        self.unread = count
        self._update_bell()

    def _update_bell(self) -> None:
        self.bell.setText(str(self.unread) if self.unread else "")
        self.bell.setIcon(bell_icon(ACCENT if self.unread else "#3d4852"))
        self.bell.setToolTip(tr("shell", "{count} unread notifications").format(count=self.unread))

    # -- global search ---------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_edited(self, text: str) -> None:
        if not text.strip():
            self.search_timer.stop()
            self._search_generation += 1
            self.search_popup.hide()
            return
        self.search_timer.start()

    def _search_return(self) -> None:
        if self.search_timer.isActive():
            self.search_timer.stop()
            self.run_search()
            return
        hit = self.search_popup.first_hit() if self.search_popup.isVisible() else None
        if hit is not None:
            self.search_popup._activate(hit)

    def run_search(self, text: str | None = None) -> None:
        """Query every permitted search provider in the background; show hits grouped by provider."""
        text = (self.search.text() if text is None else text).strip()
        if not text:
            return
        self._search_generation += 1
        generation = self._search_generation
        providers = list(self.search_specs)
        context = self.context
        self.searching = True
        self.search_popup.show_results([], searching=True)
        self._place_popup()
        self.search_popup.show()
        self.search_popup.raise_()

        def query() -> list[tuple[str, Any, Any]]:
            results = []
            for plugin, spec in providers:
                try:
                    hits = list(spec.search(context, text, SEARCH_LIMIT) or [])[:SEARCH_LIMIT]
                except Exception as error:  # noqa: BLE001 - one provider's failure stays in its row
                    logger.warning("search provider %s of %s failed: %s", spec.id, plugin, error)
                    hits = error
                results.append((plugin, spec, hits))
            return results

        def show(results) -> None:
            if generation != self._search_generation:
                return
            self.searching = False
            self.search_popup.show_results(results)
            self._place_popup()

        def failed(_error, text_) -> None:
            self.searching = False
            logger.error("search failed: %s", text_)

        run_in_background(self, query, show, failed)

    def _place_popup(self) -> None:
        anchor = self.search.mapTo(self, QPoint(0, self.search.height() + 4))
        width = max(self.search.width() + 160, 520)
        height = min(self.search_popup.content_height(), 480, self.height() - anchor.y() - 40)
        self.search_popup.setGeometry(anchor.x(), anchor.y(), width, height)

    def _search_hit(self, page_id: str, key: Any) -> None:
        self.search_popup.hide()
        self.open_page(page_id, key)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.search_popup.hide()
                return True
            if event.key() == Qt.Key.Key_Down and self.search_popup.isVisible():
                self.search_popup.tree.setFocus()
                return True
        return super().eventFilter(obj, event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.search_popup.hide()
        super().mousePressEvent(event)

    # -- persistence -----------------------------------------------------------------------
    def _restore_state(self) -> None:
        settings = qsettings()
        geometry = settings.value("main/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = settings.value("main/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        sizes = settings.value("main/splitter")
        if isinstance(sizes, QByteArray) and not sizes.isEmpty():
            self.splitter.restoreState(sizes)

    def save_state(self) -> None:
        """Remember geometry, toolbar state, sidebar width and the current page."""
        if not self.remember:
            return
        settings = qsettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        settings.setValue("main/splitter", self.splitter.saveState())
        if self.current_page_id:
            settings.setValue("main/last_page", self.current_page_id)
        settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.save_state()
        self.poll.stop()
        self.banner_bar.shutdown()
        self.search_popup.hide()
        super().closeEvent(event)
