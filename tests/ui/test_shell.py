"""The shell: navigation by permission, failure isolation, live language switch, notification
centre, plugin page, settings dialog, connection dialog, sign-in and the no-display exit."""

from __future__ import annotations

import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget
from sqlalchemy.engine import make_url

from console.core.context import AppContext
from console.core.contributions import Context
from console.core.plugins import FAILED, PluginRecord
from console.ui import pages as shell_pages
from console.ui.i18n import current_language
from console.ui.support import ErrorPanel, pending_tasks
from tests.ui import fake_plugin
from tests.ui.conftest import make_host

TIMEOUT = 15_000


def _window(qtbot, app, actor, remember=False):
    from console.ui.main_window import MainWindow

    window = MainWindow(app, actor, remember=remember)
    qtbot.addWidget(window)
    return window


def _idle(qtbot):
    qtbot.waitUntil(lambda: pending_tasks() == 0, timeout=TIMEOUT)


def _settings():
    from console.ui.support import qsettings

    return qsettings()


def _menu_texts(menu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


# -- navigation ------------------------------------------------------------------------------------
def test_sidebar_shows_only_the_pages_the_actor_may_open(qtbot, fake_app, admin, make_actor):
    engineer = make_actor("engineer")
    as_engineer = _window(qtbot, fake_app, engineer)
    as_admin = _window(qtbot, fake_app, admin)

    shell = [shell_pages.DASHBOARD, shell_pages.NOTIFICATIONS, shell_pages.PLUGINS]
    assert as_engineer.page_ids() == shell + ["uidemo.tickets", "uidemo.broken"]
    assert as_admin.page_ids() == shell + ["uidemo.tickets", "uidemo.admin", "uidemo.broken"]
    titles = [as_engineer.entries[i].item.text(0) for i in as_engineer.page_ids()]
    assert titles == ["Dashboard", "Notifications", "Plugins", "Tickets", "Broken page"]
    groups = [group.text(0) for _owner, group in as_engineer.groups]
    assert groups == ["CONSOLE", "FIELD SERVICE"]
    assert not as_engineer.open_page("uidemo.admin")  # not even by id

    assert "Secret action" not in _menu_texts(as_engineer.menus["Tools"])
    assert {"Settings…", "Recalculate"} <= set(_menu_texts(as_engineer.menus["Tools"]))
    assert "Secret action" in _menu_texts(as_admin.menus["Tools"])
    charts = [tile.spec.id for tile in as_engineer.page_widget(shell_pages.DASHBOARD).tiles]
    assert "uidemo.secret" not in charts and "uidemo.by_city" in charts


def test_pages_are_built_only_when_first_opened(qtbot, fake_app, admin):
    window = _window(qtbot, fake_app, admin)
    assert window.current_page_id == shell_pages.DASHBOARD
    assert window.entries["uidemo.tickets"].widget is None
    window.entries["uidemo.tickets"].item.setSelected(True)
    window.sidebar.setCurrentItem(window.entries["uidemo.tickets"].item)  # a click in the sidebar
    assert window.current_page_id == "uidemo.tickets"
    assert isinstance(window.page_widget("uidemo.tickets"), QTableWidget)
    assert window.page_title.text() == "Tickets" and window.page_subtitle.text() == "Field service"


def test_a_page_factory_that_raises_shows_an_error_panel_and_the_rest_works(qtbot, fake_app, admin):
    window = _window(qtbot, fake_app, admin)
    assert window.open_page("uidemo.broken")
    entry = window.entries["uidemo.broken"]
    panels = entry.container.findChildren(ErrorPanel)
    assert len(panels) == 1 and entry.widget is None
    assert "RuntimeError: the demo page exploded on purpose" in panels[0].message.text()
    assert "Traceback (most recent call last)" in panels[0].details.toPlainText()
    assert "_broken" in panels[0].details.toPlainText()
    assert fake_app.plugins.records["uidemo"].state == "loaded"  # the plugin is not failed for it

    assert window.open_page("uidemo.tickets")
    assert isinstance(window.page_widget("uidemo.tickets"), QTableWidget)
    assert window.open_page(shell_pages.PLUGINS)

    window.open_page("uidemo.broken")
    qtbot.mouseClick(panels[0].retry_button, Qt.MouseButton.LeftButton)  # tries again, fails again, politely
    assert len(entry.container.findChildren(ErrorPanel)) >= 1 and entry.error


def test_a_page_factory_that_returns_no_widget_is_an_error_too(qtbot, fake_app, admin):
    import types

    from console.api import PageSpec, hookimpl

    plugin = types.ModuleType("nonepage")
    plugin.NAME, plugin.VERSION = "nonepage", "1"
    plugin.register_pages = hookimpl(lambda: [PageSpec("nonepage.main", "Nothing", lambda context: None)])
    host = make_host(fake_plugin, plugin)
    app = AppContext(fake_app.url, fake_app.engine, fake_app.sessions, host)
    window = _window(qtbot, app, admin)
    window.open_page("nonepage.main")
    panel = window.entries["nonepage.main"].container.findChildren(ErrorPanel)[0]
    assert "returned NoneType, not a QWidget" in panel.message.text()
    assert window.open_page("uidemo.tickets")


def test_a_plugin_whose_hooks_raise_does_not_stop_the_window(qtbot, fake_app, admin):
    from tests.fixture_plugins import raising_hook

    host = make_host(fake_plugin, raising_hook)
    app = AppContext(fake_app.url, fake_app.engine, fake_app.sessions, host)
    window = _window(qtbot, app, admin)
    assert "uidemo.tickets" in window.page_ids()
    assert host.records["raising_hook"].state == FAILED
    assert "page registry exploded" in host.records["raising_hook"].error


# -- language --------------------------------------------------------------------------------------
def test_language_switch_retranslates_the_window_live(qtbot, fake_app, admin):
    window = _window(qtbot, fake_app, admin)
    window.open_page("uidemo.tickets")
    assert window.entries[shell_pages.DASHBOARD].item.text(0) == "Dashboard"

    window.language_actions["zh_CN"].trigger()
    assert current_language() == "zh_CN"
    # Qt posts LanguageChange to every window: it arrives on the next turn of the event loop
    qtbot.waitUntil(lambda: window.entries[shell_pages.DASHBOARD].item.text(0) == "仪表板", timeout=TIMEOUT)
    assert window.entries[shell_pages.NOTIFICATIONS].item.text(0) == "通知中心"
    assert window.entries["uidemo.tickets"].item.text(0) == "工单"  # the plugin's own .ts
    assert window.page_title.text() == "工单" and window.page_subtitle.text() == "现场服务"
    assert window.menus["File"].title() == "文件(&F)"
    assert window.act_sign_out.text() == "退出登录"
    assert "重新计算" in _menu_texts(window.menus["Tools"])
    assert window.status_user.text().startswith("当前用户")
    assert window.language_actions["zh_CN"].isChecked()
    assert _settings().value("ui/language") == "zh_CN"

    window.open_page(shell_pages.PLUGINS)  # a page built after the switch is Chinese from the start
    plugins = window.page_widget(shell_pages.PLUGINS)
    assert plugins.enable_button.text() == "启用"

    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.entries[shell_pages.DASHBOARD].item.text(0) == "Dashboard", timeout=TIMEOUT)
    assert plugins.enable_button.text() == "Enable"


# -- notifications ---------------------------------------------------------------------------------
def _notify(app, actor, *titles, link=None):
    from console.core import notify

    with app.session() as session:
        for title in titles:
            notify.notify(session, [actor.user_id], title, f"Body of {title}", "warning", link)


def test_notification_centre_lists_unread_and_marks_read(qtbot, fake_app, admin):
    from console.ui.pages.notifications import NotificationsPage

    _notify(fake_app, admin, "Spare part arrived", "工单已分派")
    _notify(fake_app, admin, "SLA breach on INC-7", link="uidemo.tickets#INC-7")
    page = NotificationsPage(Context(fake_app, admin))
    qtbot.addWidget(page)
    counts = []
    page.unread_changed.connect(counts.append)
    qtbot.waitUntil(lambda: not page.loading, timeout=TIMEOUT)
    assert page.table.rowCount() == 3 and page.unread == 3
    assert page.table.item(0, 2).text() == "SLA breach on INC-7"  # newest first
    assert page.table.item(2, 1).text() == "Warning"

    with qtbot.waitSignal(page.open_link, timeout=TIMEOUT) as opened:
        page.activate(0)
    assert opened.args == ["uidemo.tickets", "INC-7"]
    qtbot.waitUntil(lambda: not page.loading and page.unread == 2, timeout=TIMEOUT)

    page.table.selectRow(0)
    page.mark_selected_read()
    qtbot.waitUntil(lambda: not page.loading and page.unread == 1, timeout=TIMEOUT)
    assert page.table.rowCount() == 1 and page.table.item(0, 2).text() == "Spare part arrived"

    page.mark_all_read()
    qtbot.waitUntil(lambda: not page.loading and page.unread == 0, timeout=TIMEOUT)
    assert page.table.rowCount() == 0 and page.list_stack.currentWidget() is page.empty
    assert counts[-1] == 0

    page.filter.setCurrentIndex(1)  # all
    qtbot.waitUntil(lambda: not page.loading and page.table.rowCount() == 3, timeout=TIMEOUT)


def test_the_bell_shows_the_unread_count_and_opens_the_centre(qtbot, fake_app, admin):
    _notify(fake_app, admin, "One", "Two")
    window = _window(qtbot, fake_app, admin)
    qtbot.waitUntil(lambda: window.unread == 2, timeout=TIMEOUT)
    assert window.bell.text() == "2"
    assert window.poll.interval() == 30_000 and window.poll.isActive()
    window.bell.click()
    assert window.current_page_id == shell_pages.NOTIFICATIONS
    page = window.page_widget(shell_pages.NOTIFICATIONS)
    qtbot.waitUntil(lambda: not page.loading, timeout=TIMEOUT)
    page.mark_all_read()
    qtbot.waitUntil(lambda: window.unread == 0 and window.bell.text() == "", timeout=TIMEOUT)


# -- plugins page ----------------------------------------------------------------------------------
def _failing_record() -> PluginRecord:
    trace = ('Traceback (most recent call last):\n  File "acme_plugin/__init__.py", line 3, in <module>\n'
             "    import acme_sdk\nModuleNotFoundError: No module named 'acme_sdk'\n")
    return PluginRecord(name="acme", version="2.1", distribution="acme-console-plugin", state=FAILED,
                        error="Entry point 'acme_plugin' could not be loaded: ModuleNotFoundError: "
                              "No module named 'acme_sdk'", traceback=trace, failed_in="import")


def test_plugins_page_lists_plugins_and_a_failed_ones_traceback(qtbot, fake_app, admin, make_actor):
    from console.ui.pages.plugins_page import PluginsPage

    host = make_host(fake_plugin)
    host.records["acme"] = _failing_record()
    app = AppContext(fake_app.url, fake_app.engine, fake_app.sessions, host)
    page = PluginsPage(Context(app, admin))
    qtbot.addWidget(page)
    rows = {page.table.item(r, 0).text(): [page.table.item(r, c).text() for c in range(5)]
            for r in range(page.table.rowCount())}
    assert rows["uidemo"][:4] == ["uidemo", "0.9", "Loaded", "—"]
    assert rows["acme"][1:4] == ["2.1", "Failed", "acme-console-plugin"]
    assert "No module named 'acme_sdk'" in rows["acme"][4]
    assert page.current_name() == "acme"  # failed plugins first, selected
    details = page.details.toPlainText()
    assert "ModuleNotFoundError: No module named 'acme_sdk'" in details
    assert 'File "acme_plugin/__init__.py", line 3' in details and "Failed in: import" in details

    assert page.enable_button.isVisibleTo(page) and page.disable_button.isVisibleTo(page)
    page.select("uidemo")
    try:
        qtbot.mouseClick(page.disable_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.message.isVisibleTo(page), timeout=TIMEOUT)
        assert "next start" in page.message.text()
        assert "Loaded (disabled at next start)" in page.table.item(
            [page.table.item(r, 0).text() for r in range(page.table.rowCount())].index("uidemo"), 2).text()
        assert page.enable_button.isEnabled() and not page.disable_button.isEnabled()
        from console.core.models import PluginState

        with fake_app.session() as session:
            assert session.get(PluginState, "uidemo").enabled is False
        assert host.records["uidemo"].state == "loaded"  # nothing changes before the next start
    finally:
        qtbot.mouseClick(page.enable_button, Qt.MouseButton.LeftButton)
        _idle(qtbot)
    with fake_app.session() as session:
        assert session.get(PluginState, "uidemo").enabled is True

    reader = PluginsPage(Context(app, make_actor("engineer")))
    qtbot.addWidget(reader)
    assert not reader.enable_button.isVisibleTo(reader) and not reader.disable_button.isVisibleTo(reader)


# -- settings --------------------------------------------------------------------------------------
def _field(dialog, key):
    return next(f for f in dialog.fields if f.spec.key == key)


def test_settings_dialog_has_general_and_plugin_tabs(qtbot, fake_app, admin):
    from console.ui.pages.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Context(fake_app, admin))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=TIMEOUT)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == ["General", "Field service"]
    kinds = {f.spec.key: type(f.editor).__name__ for f in dialog.fields if f.owner == "uidemo"}
    assert kinds == {"uidemo.max_items": "QSpinBox", "uidemo.mode": "QComboBox", "uidemo.rate": "QLineEdit",
                     "uidemo.notify": "QCheckBox", "uidemo.region": "QLineEdit"}
    assert _field(dialog, "uidemo.max_items").editor.maximum() == 100
    assert any(f.spec.key == "core.organisation" for f in dialog.fields)


def test_settings_dialog_keeps_input_after_a_validation_error(qtbot, fake_app, admin):
    from console.core import settings
    from console.ui.pages.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Context(fake_app, admin))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=TIMEOUT)
    too_long = "R" * 2500
    _field(dialog, "uidemo.region").editor.setText(too_long)
    _field(dialog, "uidemo.mode").editor.setCurrentIndex(1)  # manual
    dialog.tabs.setCurrentIndex(0)
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.saving, timeout=TIMEOUT)

    region = _field(dialog, "uidemo.region")
    assert dialog.isVisible() and dialog.result() == 0  # not accepted
    assert region.editor.text() == too_long  # input kept
    assert region.error.isVisibleTo(dialog) and "too long" in region.error.text()
    assert dialog.tabs.currentIndex() == 1  # the tab with the problem is shown
    assert dialog.status.isVisibleTo(dialog)
    assert settings.get(fake_app, "uidemo.mode") == "manual"  # the valid change was saved

    _field(dialog, "uidemo.rate").editor.setText("twelve")  # caught before anything is written
    dialog.save()
    rate = _field(dialog, "uidemo.rate")
    assert rate.error.isVisibleTo(dialog) and rate.editor.text() == "twelve"

    rate.editor.setText("99.50")
    region.editor.setText("CN-E")
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        dialog.save()
    assert settings.get(fake_app, "uidemo.region") == "CN-E"
    assert str(settings.get(fake_app, "uidemo.rate")) == "99.50"
    for key in ("uidemo.region", "uidemo.mode", "uidemo.rate"):  # leave the session database as found
        spec = settings.specs(fake_app)[key]
        settings.set_value(fake_app, admin, key, spec.default)


def test_the_smtp_password_goes_to_the_keyring_never_to_settings_or_files(qtbot, fake_app, admin, monkeypatch,
                                                                         isolated_qsettings):
    from PySide6.QtWidgets import QMessageBox

    from console.core import credentials, settings
    from console.core.models import Setting
    from console.ui.pages.settings_dialog import SettingsDialog

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    dialog = SettingsDialog(Context(fake_app, admin))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=TIMEOUT)
    dialog.smtp_password.setText("Sm7p-secret!")
    dialog.save()  # no server or user yet: refused, the password is kept in the field
    qtbot.waitUntil(lambda: not dialog.saving, timeout=TIMEOUT)
    assert "SMTP server and user name" in _field(dialog, "core.smtp_user").error.text()
    assert dialog.smtp_password.text() == "Sm7p-secret!"
    _field(dialog, "core.smtp_host").editor.setText("mail.example.com")
    _field(dialog, "core.smtp_user").editor.setText("relay")
    try:
        with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
            dialog.save()
        assert credentials.load_password("smtp://mail.example.com:25", "relay") == "Sm7p-secret!"
        assert told and "keyring" in told[0]
        with fake_app.session() as session:
            assert all("Sm7p-secret!" not in (row.value or "") for row in session.query(Setting))
        assert "Sm7p-secret!" not in _files_text(isolated_qsettings)
    finally:
        credentials.forget_password("smtp://mail.example.com:25", "relay")
        for key in ("core.smtp_host", "core.smtp_user"):
            settings.set_value(fake_app, admin, key, "")


def test_settings_dialog_shows_a_permission_error_without_losing_input(qtbot, fake_app, make_actor):
    from console.ui.pages.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Context(fake_app, make_actor("engineer")))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=TIMEOUT)
    _field(dialog, "uidemo.region").editor.setText("CN-W")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.saving, timeout=TIMEOUT)
    region = _field(dialog, "uidemo.region")
    assert "core.settings.edit" in region.error.text() and region.editor.text() == "CN-W"


def test_settings_dialog_switches_language(qtbot, fake_app, admin):
    from console.ui.pages.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Context(fake_app, admin))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=TIMEOUT)
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        dialog.save()
    assert current_language() == "zh_CN"
    qtbot.waitUntil(lambda: dialog.windowTitle() == "设置", timeout=TIMEOUT)
    assert dialog.tabs.tabText(0) == "常规"


# -- connection dialog -----------------------------------------------------------------------------
def _fill_connection(dialog, password="S3cret-pw!"):
    dialog.backend.setCurrentText("PostgreSQL")
    dialog.host.setText("db.example.com")
    dialog.database.setText("console")
    dialog.user.setText("ops")
    dialog.password_edit.setText(password)


def _files_text(folder: Path) -> str:
    return "".join(p.read_text(errors="replace") for p in folder.rglob("*") if p.is_file())


def test_connection_dialog_keeps_the_password_out_of_qsettings(qtbot, isolated_qsettings, monkeypatch):
    import keyring
    from keyring.backends import fail

    from console.core import credentials
    from console.ui.connection import ConnectionDialog, password_for

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())  # no keyring here
    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    _fill_connection(dialog)
    assert dialog.url_preview.text() == "postgresql+psycopg://ops@db.example.com:5432/console"
    dialog.remember.setChecked(True)
    dialog.save()

    assert dialog.url == "postgresql+psycopg://ops@db.example.com:5432/console"
    assert dialog.where.place == credentials.MEMORY
    assert dialog.saved_message == credentials.describe(dialog.where)
    assert "kept in memory" in dialog.status.text() and dialog.status.isVisibleTo(dialog)
    settings_text = _files_text(isolated_qsettings)
    assert "db.example.com" in settings_text  # the URL is saved ...
    assert "S3cret-pw!" not in settings_text  # ... the password never
    assert password_for(dialog.url) == "S3cret-pw!"  # from credentials' memory, for this process
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        dialog.save()  # second click: "Connect"


def test_connection_dialog_uses_the_keyring_when_there_is_one(qtbot, isolated_qsettings):
    from console.core import credentials
    from console.ui.connection import ConnectionDialog

    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    _fill_connection(dialog, "Another-pw-9")
    dialog.backend.setCurrentText("MariaDB")
    assert dialog.port.value() == 3306
    dialog.remember.setChecked(True)
    dialog.save()
    assert dialog.where.place == credentials.KEYRING  # the tests' in-memory keyring backend
    assert "Another-pw-9" not in _files_text(isolated_qsettings)
    assert credentials.load_password(dialog.url, "ops") == "Another-pw-9"


def test_connection_dialog_without_remember_stores_nothing(qtbot, isolated_qsettings, monkeypatch):
    from console.core import credentials
    from console.ui.connection import ConnectionDialog, session_password

    stored = []
    monkeypatch.setattr(credentials, "store_password", lambda *args: stored.append(args))
    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    _fill_connection(dialog, "Only-now-1")
    dialog.remember.setChecked(False)
    dialog.save()
    assert stored == []
    assert "not saved" in dialog.status.text()
    assert session_password(dialog.url, "ops") == "Only-now-1"
    assert "Only-now-1" not in _files_text(isolated_qsettings)


def test_test_connection_runs_off_the_gui_thread(qtbot, monkeypatch):
    from console.core import bootstrap
    from console.ui.connection import ConnectionDialog

    seen = []

    class Engine:
        def dispose(self):
            pass

    def fake_connect(url):
        seen.append((url, threading.current_thread() is threading.main_thread()))
        return make_url(url), Engine()

    monkeypatch.setattr(bootstrap, "connect", fake_connect)
    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    _fill_connection(dialog)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: not dialog.testing, timeout=TIMEOUT)
    assert [(make_url(url).password, main) for url, main in seen] == [("S3cret-pw!", False)]
    assert make_url(seen[0][0]).render_as_string(hide_password=True) == \
        "postgresql+psycopg://ops:***@db.example.com:5432/console"
    assert dialog.status.text() == "Connection succeeded."

    def refuse(url):
        from console.core.errors import ConfigError

        raise ConfigError("Cannot open the database: connection refused.")

    monkeypatch.setattr(bootstrap, "connect", refuse)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: not dialog.testing, timeout=TIMEOUT)
    assert "connection refused" in dialog.status.text()


# -- sign in ---------------------------------------------------------------------------------------
def test_login_wrong_password_keeps_the_user_name(qtbot, app, make_actor):
    from console.ui.login import LoginDialog

    user = make_actor("engineer")
    dialog = LoginDialog(app)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText(user.username)
    dialog.password.setText("not-the-password")
    qtbot.mouseClick(dialog.sign_in, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=TIMEOUT)
    assert dialog.error.isVisibleTo(dialog) and dialog.error.text() == "Wrong user name or password."
    assert dialog.username.text() == user.username
    assert dialog.password.text() == ""
    assert dialog.focusWidget() is dialog.password
    assert dialog.result() == 0 and dialog.actor is None

    dialog.password.setText("Secret-123!")
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.sign_in, Qt.MouseButton.LeftButton)
    assert dialog.actor.username == user.username
    assert _settings().value("login/last_user") == user.username


def test_login_demo_hint_only_for_the_embedded_database(qtbot, app, make_actor, monkeypatch):
    import types

    from console.ui import login

    user = make_actor("admin")
    demo = types.ModuleType("console.core.demo")
    demo.DEMO_LOGIN = (user.username, "Secret-123!")
    monkeypatch.setitem(sys.modules, "console.core.demo", demo)
    embedded = replace(app, url=make_url("sqlite:///console.db"))  # the test database, as if it were embedded
    dialog = login.LoginDialog(embedded)
    qtbot.addWidget(dialog)
    assert dialog.hint.isVisibleTo(dialog)
    assert dialog.hint.text() == f"Demo: sign in as {user.username} / Secret-123!"

    demo.DEMO_LOGIN = ("nobody-here", "x")
    assert login.LoginDialog(embedded).hint.isHidden()  # that user does not exist

    demo.DEMO_LOGIN = (user.username, "Secret-123!")
    server = replace(app, url=make_url("postgresql+psycopg://ops@db/console"))
    assert login.LoginDialog(server).hint.isHidden()


def test_login_language_switch_retranslates_the_dialog(qtbot, app):
    from console.ui.login import LoginDialog

    dialog = LoginDialog(app)
    qtbot.addWidget(dialog)
    assert dialog.sign_in.text() == "Sign in"
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    qtbot.waitUntil(lambda: dialog.sign_in.text() == "登录", timeout=TIMEOUT)
    assert dialog.username_label.text() == "用户名(&U)"
    assert dialog.heading.text() == "服务控制台"


# -- search, actions, persistence, status bar ------------------------------------------------------
def test_global_search_is_debounced_grouped_and_opens_the_hit(qtbot, fake_app, admin):
    window = _window(qtbot, fake_app, admin)
    window.show()
    fake_plugin.search_calls.clear()
    qtbot.keyClicks(window.search, "INC-2026-0003")
    qtbot.waitUntil(lambda: window.search_popup.isVisible() and not window.searching, timeout=TIMEOUT)
    assert fake_plugin.search_calls == ["INC-2026-0003"]  # one query for the whole word
    tree = window.search_popup.tree
    groups = {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
    assert set(groups) == {"Tickets", "Archive"}
    assert groups["Archive"].text(1) == "search failed"  # a failing provider stays in its own row
    hit = groups["Tickets"].child(0)
    assert hit.text(0) == "INC-2026-0003" and "广州天河城" in hit.text(1)
    fake_plugin.opened_keys.clear()
    window.search_popup._activate(hit)
    assert window.current_page_id == "uidemo.tickets"
    assert fake_plugin.opened_keys == ["INC-2026-0003"]
    assert not window.search_popup.isVisible()


def test_plugin_actions_run_from_menu_and_toolbar(qtbot, fake_app, admin):
    window = _window(qtbot, fake_app, admin)
    fake_plugin.actions_run.clear()
    recalc = next(a for a in window.menus["Tools"].actions() if a.text() == "Recalculate")
    recalc.trigger()
    new = next(a for a in window.toolbar.actions() if a.text() == "New ticket")
    new.trigger()
    assert fake_plugin.actions_run == ["recalc", "new"]


def test_a_context_action_gets_the_row_selected_on_its_page(qtbot, fake_app, admin):
    window = _window(qtbot, fake_app, admin)
    window.open_page("uidemo.tickets")
    fake_plugin.actions_run.clear()
    assert window.page_actions.isVisibleTo(window)
    [escalate] = [a for a in window.page_actions.menu().actions() if a.text() == "Escalate"]
    escalate.trigger()
    window.page_widget("uidemo.tickets").setCurrentCell(2, 0)
    escalate.trigger()
    assert fake_plugin.actions_run == ["escalate None", "escalate INC-2026-0003"]


def test_window_remembers_geometry_and_last_page(qtbot, fake_app, admin):
    first = _window(qtbot, fake_app, admin, remember=True)
    first.show()
    first.resize(780, 640)  # inside the offscreen screen (800 × 800): restoring clamps to the screen
    first.open_page("uidemo.tickets")
    first.close()
    settings = _settings()
    assert settings.value("main/last_page") == "uidemo.tickets"
    second = _window(qtbot, fake_app, admin, remember=True)
    assert second.current_page_id == "uidemo.tickets"
    assert (second.width(), second.height()) == (780, 640)


def test_status_bar_shows_user_database_without_password_and_backend(qtbot, fake_app, admin):
    server = replace(fake_app, url=make_url("postgresql+psycopg://ops:topsecret@db.example.com:5432/console"))
    window = _window(qtbot, server, admin)
    assert admin.username in window.status_user.text()
    assert "topsecret" not in window.status_db.text() and "***" in window.status_db.text()
    assert "db.example.com" in window.status_db.text()
    assert window.status_backend.text() == "PostgreSQL (server)"
    local = _window(qtbot, replace(fake_app, url=make_url("sqlite:////tmp/console.db")), admin)
    assert local.status_backend.text() == "SQLite (embedded)"


# -- run_gui ---------------------------------------------------------------------------------------
def test_run_gui_without_a_display_explains_and_returns_2(monkeypatch, capsys):
    from console.ui import app as gui

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert gui.run_gui(None) == 2
    err = capsys.readouterr().err
    assert "no display" in err
    assert "QT_QPA_PLATFORM=offscreen service-console screenshot --out DIR" in err
    assert "xvfb-run service-console" in err


def test_display_check_accepts_any_display_or_platform():
    from console.ui.app import display_problem

    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({}, "win32") is None and display_problem({}, "darwin") is None
    assert display_problem({}, "linux")


def test_run_gui_shows_a_config_error_and_exits_non_zero(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from console.ui import app as gui

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append((title, text)))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert gui.run_gui("nonsense://what") == 1
    assert shown and ("not a database URL" in shown[0][1] or "Unsupported database" in shown[0][1])


def test_run_gui_offers_the_connection_dialog_when_a_server_is_unreachable(qtbot, monkeypatch, database_url):
    from console.ui import app as gui
    from console.ui import login

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    asked = []

    def ask(target, problem):
        asked.append((target, problem))
        return database_url if len(asked) == 1 else None  # the user picks a database that works

    monkeypatch.setattr(gui, "_ask_connection", ask)
    monkeypatch.setattr(login.LoginDialog, "exec", lambda self: login.LoginDialog.DialogCode.Rejected)
    assert gui.run_gui("postgresql://ops:pw@127.0.0.1:1/console") == 0
    assert len(asked) == 1 and "Cannot open the database" in asked[0][1]
    assert "pw@" not in asked[0][1]  # the message never shows the password


@pytest.mark.parametrize("link, target", [("uidemo.tickets#INC-7", ("uidemo.tickets", "INC-7")),
                                          ("shell.plugins", ("shell.plugins", None)),
                                          ("spares.parts/PN-1", ("spares.parts", "PN-1")), ("", None)])
def test_notification_links(link, target):
    from console.ui.pages.notifications import parse_link

    assert parse_link(link) == target


def test_error_panel_is_readable(qtbot):
    panel = ErrorPanel("Heading", "Message", "Traceback …")
    qtbot.addWidget(panel)
    assert isinstance(panel.heading, QLabel) and panel.details.isReadOnly()


def test_run_gui_signs_in_shows_the_window_and_signs_out_to_the_login(qtbot, monkeypatch, database_url, admin):
    from PySide6.QtCore import QTimer

    from console.ui import app as gui
    from console.ui import login, main_window

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    logins, windows = [], []

    def fake_exec(self):
        logins.append(self)
        if len(logins) == 1:
            self.actor = admin
            return login.LoginDialog.DialogCode.Accepted
        return login.LoginDialog.DialogCode.Rejected  # the second time the user cancels

    original_show = main_window.MainWindow.show

    def show(self):
        original_show(self)
        windows.append(self)
        QTimer.singleShot(200, self.sign_out)

    monkeypatch.setattr(login.LoginDialog, "exec", fake_exec)
    monkeypatch.setattr(main_window.MainWindow, "show", show)
    assert gui.run_gui(database_url) == 0
    assert len(logins) == 2 and len(windows) == 1
    assert windows[0].outcome == "sign_out"
    assert windows[0].actor == admin
