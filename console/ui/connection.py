"""The connection dialog for a shared server database (PostgreSQL or MariaDB).

The URL is built and stored WITHOUT the password (QSettings ``database/url``). The password
goes to ``console.core.credentials`` when "Remember password" is ticked -- the system keyring,
or process memory only when there is no keyring -- and the dialog tells the user which; else
it is kept in this process only. It never reaches QSettings or any file written here.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)
from sqlalchemy.engine import URL, make_url

from console.ui.i18n import tr
from console.ui.support import SPACING, message_for, qsettings, run_in_background

log = logging.getLogger(__name__)

BACKENDS = {  # label -> (driver, default port)
    "PostgreSQL": ("postgresql+psycopg", 5432),
    "MariaDB": ("mariadb+pymysql", 3306),
}
SETTINGS_KEY = "database/url"
_session_passwords: dict[tuple[str, str], str] = {}


def saved_url() -> str | None:
    """The server URL saved by the dialog (no password), if any."""
    value = qsettings().value(SETTINGS_KEY, "")
    return str(value) if value else None


def session_password(url: str, user: str) -> str | None:
    """A password typed in this process without "Remember" (never written anywhere)."""
    return _session_passwords.get((url, user))


def password_for(url: str) -> str | None:
    """The password for a saved server URL: typed this session, else from ``credentials``."""
    parsed = make_url(url)
    user = parsed.username or ""
    found = session_password(url, user)
    if found:
        return found
    try:
        from console.core import credentials

        return credentials.load_password(url, user)
    except Exception:  # noqa: BLE001 - no credentials store: ask again
        log.debug("no stored password for %s", url, exc_info=True)
        return None


def with_password(url: str, password: str | None) -> str:
    """``url`` with ``password`` filled in, rendered for ``create_engine`` (never displayed)."""
    parsed = make_url(url)
    if password:
        parsed = parsed.set(password=password)
    return parsed.render_as_string(hide_password=False)


def describe_where(where) -> str:
    """``credentials.describe(where)`` in the UI language (its keyring sentence names the backend)."""
    from console.core import credentials

    text = credentials.describe(where)
    translated = tr("core", text)
    if translated == text and getattr(where, "place", None) == credentials.KEYRING:
        translated = tr("shell", "Saved in the system keyring ({backend}).").format(
            backend=getattr(where, "backend", "") or "keyring")
    return translated


class ConnectionDialog(QDialog):
    """Edit the server connection. After acceptance: ``url`` (no password) and ``password``."""

    def __init__(self, url: str | None = None, parent=None, message: str | None = None):
        super().__init__(parent)
        self.url: str | None = None
        self.password: str = ""
        self.where = None
        self.saved_message = ""
        self.testing = False
        self._saved = False
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(SPACING)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setObjectName("muted")
        layout.addWidget(self.intro)
        self.problem = QLabel(message or "")
        self.problem.setObjectName("errorText")
        self.problem.setWordWrap(True)
        self.problem.setVisible(bool(message))
        layout.addWidget(self.problem)

        form = QFormLayout()
        form.setHorizontalSpacing(2 * SPACING)
        form.setVerticalSpacing(SPACING)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.backend = QComboBox()
        self.backend.addItems(list(BACKENDS))
        self.host = QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit()
        self.user = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox()
        self.url_preview = QLabel()
        self.url_preview.setObjectName("muted")
        self.url_preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.labels = {name: QLabel()
                       for name in ("backend", "host", "port", "database", "user", "password", "url")}
        for name, editor in (("backend", self.backend), ("host", self.host), ("port", self.port),
                             ("database", self.database), ("user", self.user),
                             ("password", self.password_edit)):
            form.addRow(self.labels[name], editor)
        form.addRow("", self.remember)
        form.addRow(self.labels["url"], self.url_preview)
        layout.addLayout(form)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        layout.addWidget(self.status)
        # Custom texts on custom buttons: QDialogButtonBox resets standard ones on LanguageChange.
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.test_button = QPushButton()
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.test_button.clicked.connect(self.test_connection)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.backend.currentTextChanged.connect(self._backend_changed)
        for edit in (self.host, self.database, self.user):
            edit.textChanged.connect(self._update_preview)
        self.port.valueChanged.connect(self._update_preview)
        self.remember.setChecked(bool(qsettings().value("database/remember", True, type=bool)))
        self._fill(url or saved_url())
        self.retranslate()

    # -- URL -------------------------------------------------------------------------------
    def _fill(self, url: str | None) -> None:
        if not url:
            self.host.setText("localhost")
            self._update_preview()
            return
        try:
            parsed = make_url(url)
        except Exception:  # noqa: BLE001
            return
        backend = "MariaDB" if parsed.get_backend_name() in ("mysql", "mariadb") else "PostgreSQL"
        self.backend.setCurrentText(backend)
        self.host.setText(parsed.host or "localhost")
        self.port.setValue(parsed.port or BACKENDS[backend][1])
        self.database.setText(parsed.database or "")
        self.user.setText(parsed.username or "")
        if parsed.password:
            self.password_edit.setText(str(parsed.password))
        self._update_preview()

    def _backend_changed(self, label: str) -> None:
        ports = {port for _driver, port in BACKENDS.values()}
        if self.port.value() in ports:
            self.port.setValue(BACKENDS[label][1])
        self._update_preview()

    def build_url(self) -> str:
        """The URL without the password, e.g. ``postgresql+psycopg://ops@db:5432/console``."""
        driver, _port = BACKENDS[self.backend.currentText()]
        url = URL.create(driver, username=self.user.text().strip() or None,
                         host=self.host.text().strip() or None, port=self.port.value(),
                         database=self.database.text().strip() or None)
        return url.render_as_string(hide_password=False)

    def _update_preview(self, *_args) -> None:
        self.url_preview.setText(self.build_url())

    def _missing(self) -> str | None:
        if not self.host.text().strip():
            return tr("shell", "Enter the server's host name.")
        if not self.database.text().strip():
            return tr("shell", "Enter the database name.")
        if not self.user.text().strip():
            return tr("shell", "Enter the database user.")
        return None

    # -- actions ---------------------------------------------------------------------------
    def test_connection(self) -> None:
        """Try to connect with the entered values, off the GUI thread."""
        problem = self._missing()
        if problem:
            self._say(problem, ok=False)
            return
        target = with_password(self.build_url(), self.password_edit.text())
        self.testing = True
        self.test_button.setEnabled(False)
        self._say(tr("shell", "Connecting…"), ok=None)

        def attempt() -> None:
            from console.core.bootstrap import connect

            _url, engine = connect(target)
            engine.dispose()

        def done(_result) -> None:
            self.testing = False
            self.test_button.setEnabled(True)
            self._say(tr("shell", "Connection succeeded."), ok=True)

        def failed(error, _text) -> None:
            self.testing = False
            self.test_button.setEnabled(True)
            self._say(message_for(error), ok=False)

        run_in_background(self, attempt, done, failed)

    def save(self) -> None:
        """Store the URL (without password) and the password as chosen; then show where it went."""
        if self._saved:
            self.accept()
            return
        problem = self._missing()
        if problem:
            self._say(problem, ok=False)
            return
        url, user, password = self.build_url(), self.user.text().strip(), self.password_edit.text()
        settings = qsettings()
        settings.setValue(SETTINGS_KEY, url)
        settings.setValue("database/remember", self.remember.isChecked())
        settings.sync()
        self.url, self.password = url, password
        if self.remember.isChecked() and password:
            try:
                from console.core import credentials

                self.where = credentials.store_password(url, user, password)
                self.saved_message = describe_where(self.where)
            except Exception as error:  # noqa: BLE001 - keep it for this session and say so
                log.warning("could not store the password: %s", error)
                _session_passwords[(url, user)] = password
                self.saved_message = tr("shell", "The password could not be stored ({error}); "
                                                 "it is kept in memory until you close the console.").format(
                    error=message_for(error))
        else:
            if password:
                _session_passwords[(url, user)] = password
            self.saved_message = tr("shell", "The password was not saved: it is kept in memory until "
                                             "you close the console, and you will be asked for it next time.")
        self._saved = True
        self._say(tr("shell", "Connection saved.") + " " + self.saved_message, ok=True)
        for widget in (self.backend, self.host, self.port, self.database, self.user,
                       self.password_edit, self.remember, self.test_button):
            widget.setEnabled(False)
        self.save_button.setText(tr("shell", "Connect"))

    def _say(self, text: str, ok: bool | None) -> None:
        colour = {True: "#2e7d32", False: "#b3261e", None: "#5f6b7a"}[ok]
        self.status.setStyleSheet(f"color: {colour};")
        self.status.setText(text)
        self.status.show()

    # -- language --------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(tr("shell", "Connect to server"))
        self.intro.setText(tr("shell", "Connect to the team's shared PostgreSQL or MariaDB database. "
                                       "An administrator creates it with `service-console db upgrade`."))
        self.labels["backend"].setText(tr("shell", "Database type"))
        self.labels["host"].setText(tr("shell", "Host"))
        self.labels["port"].setText(tr("shell", "Port"))
        self.labels["database"].setText(tr("shell", "Database"))
        self.labels["user"].setText(tr("shell", "User"))
        self.labels["password"].setText(tr("shell", "Password"))
        self.labels["url"].setText(tr("shell", "URL"))
        self.remember.setText(tr("shell", "Remember password"))
        self.test_button.setText(tr("shell", "Test connection"))
        self.save_button.setText(tr("shell", "Connect") if self._saved else tr("shell", "Save"))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
