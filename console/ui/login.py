"""The sign-in dialog: user name, password, a live language switch and the demo hint."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)
from sqlalchemy import select

from console.core.db import is_embedded
from console.ui.i18n import LANGUAGES, current_language, install_language, tr
from console.ui.support import SPACING, message_for, qsettings, run_in_background

log = logging.getLogger(__name__)


def demo_login(app) -> tuple[str, str] | None:
    """The demo user and password when the database is the embedded one and that user exists."""
    if not is_embedded(app.url):
        return None
    try:
        from console.core.demo import DEMO_LOGIN
        from console.core.models import User

        with app.session() as session:
            found = session.scalar(select(User.id).where(User.username == DEMO_LOGIN[0]))
    except Exception:  # noqa: BLE001 - no demo module or no users table: no hint
        log.debug("no demo hint", exc_info=True)
        return None
    return tuple(DEMO_LOGIN) if found is not None else None


class LoginDialog(QDialog):
    """Sign in to ``app``; after ``exec()`` returns accepted, ``actor`` is the signed-in user."""

    def __init__(self, app, parent=None):
        super().__init__(parent)
        self.app = app
        self.actor = None
        self.busy = False
        self.setModal(True)
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 24)
        layout.setSpacing(SPACING)

        top = QHBoxLayout()
        top.addStretch(1)
        self.language_label = QLabel()
        self.language_label.setObjectName("muted")
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(current_language()), 0))
        self.language.currentIndexChanged.connect(self._language_chosen)
        top.addWidget(self.language_label)
        top.addWidget(self.language)
        layout.addLayout(top)

        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.subheading = QLabel()
        self.subheading.setObjectName("muted")
        self.subheading.setWordWrap(True)
        layout.addSpacing(SPACING)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addSpacing(SPACING)

        form = QFormLayout()
        form.setHorizontalSpacing(2 * SPACING)
        form.setVerticalSpacing(SPACING)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.username_label, self.password_label = QLabel(), QLabel()
        self.username_label.setBuddy(self.username)
        self.password_label.setBuddy(self.password)
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        layout.addLayout(form)

        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo = demo_login(app)
        self.hint.setVisible(self.demo is not None)
        layout.addWidget(self.hint)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

        layout.addSpacing(SPACING)
        # A custom button: QDialogButtonBox resets the texts of standard buttons on LanguageChange.
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in = QPushButton()
        self.buttons.addButton(self.sign_in, QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        last = qsettings().value("login/last_user", "")
        if last:
            self.username.setText(str(last))
            self.password.setFocus()
        else:
            self.username.setFocus()
        self.retranslate()

    # -- signing in ------------------------------------------------------------------------
    def submit(self) -> None:
        """Check the credentials in the background; accept on success, explain on failure."""
        if self.busy:
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username:
            self._fail(tr("shell", "Enter your user name."), self.username)
            return
        self.busy = True
        self.sign_in.setEnabled(False)
        self.error.hide()
        self.sign_in.setText(tr("shell", "Signing in…"))
        from console.core import auth

        run_in_background(self, lambda: auth.authenticate(self.app, username, password),
                          lambda actor: self._signed_in(username, actor), self._refused)

    def _signed_in(self, username: str, actor) -> None:
        self.busy = False
        self.actor = actor
        qsettings().setValue("login/last_user", username)
        self.accept()

    def _refused(self, error: BaseException, text: str) -> None:
        self.busy = False
        self.sign_in.setEnabled(True)
        self.retranslate()
        from console.core.errors import ServiceError

        if not isinstance(error, ServiceError):
            log.error("sign-in failed: %s", text)
        self.password.clear()
        self._fail(message_for(error), self.password)

    def _fail(self, message: str, focus) -> None:
        self.error.setText(message)
        self.error.show()
        focus.setFocus()

    # -- language --------------------------------------------------------------------------
    def _language_chosen(self, _index: int) -> None:
        locale = self.language.currentData()
        qsettings().setValue("ui/language", locale)
        install_language(QApplication.instance(), locale, self.app.plugins)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("shell", "Sign in — Service Console"))
        self.language_label.setText(tr("shell", "Language:"))
        self.heading.setText(tr("shell", "Service Console"))
        self.subheading.setText(tr("shell", "Sign in with your user name and password."))
        self.username_label.setText(tr("shell", "&User name"))
        self.password_label.setText(tr("shell", "&Password"))
        if not self.busy:
            self.sign_in.setText(tr("shell", "Sign in"))
        if self.demo is not None:
            self.hint.setText(tr("shell", "Demo: sign in as {user} / {password}").format(
                user=self.demo[0], password=self.demo[1]))
        with_blocked = self.language.blockSignals(True)
        self.language.setCurrentIndex(max(self.language.findData(current_language()), 0))
        self.language.blockSignals(with_blocked)

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
