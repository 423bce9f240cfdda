"""``run_gui``: the desktop console from display check to main window.

Order: make sure a display exists (else explain how to run headless and return 2), create the
QApplication (names for QSettings, Fusion theme, a CJK-capable font, the saved language),
open the database off the GUI thread (a configuration or schema problem is shown in a
message box; a server that cannot be reached offers the connection dialog), sign in, then
the main window. Signing out returns to the sign-in dialog; "Connect to server…" reopens
the console on the new database.
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from console.core.errors import ConfigError, SchemaError, ServiceError
from console.ui.i18n import LANGUAGES, current_language, install_language, tr
from console.ui.support import APPLICATION, ORGANIZATION, apply_theme, message_for, qsettings, run_in_background

log = logging.getLogger(__name__)

NO_DISPLAY_MESSAGE = """\
service-console: no display found (DISPLAY and WAYLAND_DISPLAY are not set), so the window cannot open.
  To render every page to PNG files without a display:
      QT_QPA_PLATFORM=offscreen service-console screenshot --out DIR
  To run the console on a virtual display:
      xvfb-run service-console
  (Or set QT_QPA_PLATFORM to a Qt platform plugin that works here.)"""


def display_problem(environ=None, platform: str | None = None) -> str | None:
    """A message when Qt would have no display to open a window on (Linux/BSD only), else ``None``."""
    environ = os.environ if environ is None else environ
    platform = platform or sys.platform
    if platform.startswith(("win", "darwin", "cygwin")):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY") or environ.get("QT_QPA_PLATFORM"):
        return None
    return NO_DISPLAY_MESSAGE


def make_qapplication() -> QApplication:
    """The QApplication with the console's names, theme and saved UI language."""
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    qapp.setOrganizationName(ORGANIZATION)
    qapp.setApplicationName(APPLICATION)
    qapp.setApplicationDisplayName("Service Console")
    apply_theme(qapp)
    return qapp


def _wait_for(fn, label: str):
    """Run ``fn`` off the GUI thread while a busy dialog shows (after a short delay); return or raise."""
    outcome: dict = {}
    loop = QEventLoop()
    progress = QProgressDialog(label, "", 0, 0)
    progress.setCancelButton(None)
    progress.setMinimumDuration(400)
    progress.setWindowTitle("Service Console")

    def done(result) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(error, _text) -> None:
        outcome["error"] = error
        loop.quit()

    run_in_background(None, fn, done, failed)
    if not outcome:
        loop.exec()
    progress.reset()
    progress.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _resolve_target(db: str | None) -> str | None:
    """``--db``, else ``SERVICE_CONSOLE_DB``, else the server saved by the connection dialog
    (with its password from this session or ``credentials``), else ``None`` (embedded)."""
    if db or os.environ.get("SERVICE_CONSOLE_DB"):
        return db
    from console.ui.connection import password_for, saved_url, with_password

    url = saved_url()
    if not url:
        return None
    return with_password(url, password_for(url))


def _is_server(target: str | None) -> bool:
    from console.core.db import is_embedded, resolve_url

    try:
        return not is_embedded(resolve_url(target))
    except Exception:  # noqa: BLE001
        return False


def _open_database(target: str | None, host):
    """Open the application, offering the connection dialog while a server cannot be reached.

    Returns ``(app, target)`` or ``(None, exit status)``.
    """
    from console.core.bootstrap import open_app
    from console.core.plugins import PluginHost

    while True:
        if host is None:
            host = PluginHost()
            host.discover()
        try:
            app, backup = _wait_for(lambda h=host, t=target: open_app(t, host=h),
                                    tr("shell", "Opening the database…"))
        except ConfigError as error:
            if not _is_server(target):
                _error_box(tr("shell", "The database could not be opened"), str(error))
                return None, 1
            new_target = _ask_connection(target, str(error))
            if new_target is None:
                return None, 1
            target, host = new_target, None
            continue
        except SchemaError as error:
            _error_box(tr("shell", "The database schema does not match"), str(error))
            return None, 1
        except ServiceError as error:
            _error_box(tr("shell", "The console could not start"), str(error))
            return None, 1
        except Exception as error:  # noqa: BLE001 - a crash here is shown, not a silent exit
            log.exception("the console could not start")
            _error_box(tr("shell", "The console could not start"), message_for(error))
            return None, 1
        if backup:
            log.info("backed up the database to %s before upgrading it", backup)
        return app, target


def _ask_connection(target: str | None, problem: str) -> str | None:
    """Offer the connection dialog for a server that failed; returns the new target or ``None``."""
    from sqlalchemy.engine import make_url

    from console.ui.connection import ConnectionDialog, with_password

    box = QMessageBox(QMessageBox.Icon.Warning, tr("shell", "Cannot connect to the database server"), problem)
    change = box.addButton(tr("shell", "Connection settings…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("shell", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not change:
        return None
    shown = make_url(target).render_as_string(hide_password=True) if target else None
    dialog = ConnectionDialog(shown, message=problem)
    if dialog.exec() != ConnectionDialog.DialogCode.Accepted or not dialog.url:
        return None
    return with_password(dialog.url, dialog.password)


def _error_box(title: str, text: str) -> None:
    QMessageBox.critical(None, title, text)


def run_gui(db: str | None = None, host=None) -> int:
    """Open the desktop console on ``db`` (else ``SERVICE_CONSOLE_DB``, else the saved server,
    else the embedded database). Returns the process exit status (2: no display)."""
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    qapp = make_qapplication()
    language = str(qsettings().value("ui/language", "en") or "en")
    install_language(qapp, language, host)

    from console.ui.login import LoginDialog
    from console.ui.main_window import MainWindow

    target = _resolve_target(db)
    app, result = _open_database(target, host)
    if app is None:
        return result
    target = result
    if language != "en":  # plugins are loaded now: include their translations
        install_language(qapp, language, app.plugins)
    while True:
        login = LoginDialog(app)
        if login.exec() != LoginDialog.DialogCode.Accepted or login.actor is None:
            app.engine.dispose()
            return 0
        actor = login.actor
        login.deleteLater()
        if not qsettings().contains("ui/language") and actor.locale in LANGUAGES \
                and actor.locale != current_language():
            install_language(qapp, actor.locale, app.plugins)  # the user's own preference, until they choose
        window = MainWindow(app, actor)
        window.show()
        QTimer.singleShot(0, window.raise_)
        qapp.exec()
        outcome = window.outcome
        window.deleteLater()
        if outcome == "sign_out":
            continue
        if outcome == "reconnect" and window.reconnect_url:
            from console.ui.connection import password_for, with_password

            app.engine.dispose()
            target = with_password(window.reconnect_url, password_for(window.reconnect_url))
            app, result = _open_database(target, None)
            if app is None:
                return result
            continue
        app.engine.dispose()
        return 0
