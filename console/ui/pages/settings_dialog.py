"""The settings dialog: a "General" tab (UI language and ``core.*`` settings) and one tab per
plugin that declares ``SettingSpec``s. Editors follow each spec's ``kind``; saving goes through
``console.core.settings.set_value`` and a rejected value is shown next to its field, keeping
everything the user typed."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.core.contributions import Context, SettingSpec
from console.core.settings import CORE_SETTINGS
from console.core.errors import ValidationError
from console.ui.i18n import LANGUAGES, current_language, install_language, tr
from console.ui.support import SPACING, message_for, qsettings, run_in_background

log = logging.getLogger(__name__)
GENERAL = "general"


def collect_specs(context: Context) -> list[tuple[str, list[SettingSpec]]]:
    """``(tab owner, specs)``: ``general`` with core's, then each plugin with settings."""
    tabs: dict[str, list[SettingSpec]] = {GENERAL: list(CORE_SETTINGS)}
    for plugin, spec in context.app.plugins.collect("register_settings"):
        tabs.setdefault(plugin, []).append(spec)
    return list(tabs.items())


@dataclass
class Field:
    """One editor and what it edits."""

    owner: str
    spec: SettingSpec
    editor: QWidget
    error: QLabel
    loaded: Any = None


def make_editor(spec: SettingSpec) -> QWidget:
    """An editor widget for ``spec.kind`` (str, int, decimal, bool, choice)."""
    if spec.kind == "bool":
        return QCheckBox()
    if spec.kind == "int":
        box = QSpinBox()
        box.setRange(spec.minimum if spec.minimum is not None else -2_000_000_000,
                     spec.maximum if spec.maximum is not None else 2_000_000_000)
        box.setMinimumWidth(120)
        return box
    if spec.kind == "choice":
        combo = QComboBox()
        for choice in spec.choices:
            combo.addItem(str(choice), choice)
        return combo
    line = QLineEdit()
    line.setMinimumWidth(280)
    return line


def set_editor(editor: QWidget, spec: SettingSpec, value: Any) -> None:
    if value is None:
        value = spec.default
    if isinstance(editor, QCheckBox):
        editor.setChecked(bool(value))
    elif isinstance(editor, QSpinBox):
        try:
            editor.setValue(int(value))
        except (TypeError, ValueError):
            editor.setValue(0)
    elif isinstance(editor, QComboBox):
        index = editor.findData(value)
        editor.setCurrentIndex(max(index, 0))
    elif isinstance(editor, QLineEdit):
        editor.setText("" if value is None else str(value))


def editor_value(editor: QWidget, spec: SettingSpec) -> Any:
    """The typed value of an editor; raises ``ValidationError`` for text that is not a number."""
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QSpinBox):
        return editor.value()
    if isinstance(editor, QComboBox):
        return editor.currentData()
    text = editor.text().strip()
    if spec.kind == "decimal":
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValidationError(tr("shell", "Enter a number, for example 12.50."), spec.key) from None
    return text


class SettingsDialog(QDialog):
    """Settings; ``saved`` is emitted after a successful save."""

    saved = Signal()

    def __init__(self, context: Context, parent=None):
        super().__init__(parent)
        self.context = context
        self.fields: list[Field] = []
        self.loading = True
        self.saving = False
        self.setMinimumSize(640, 480)
        self.resize(820, 600)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(SPACING)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("errorText")
        self.status.hide()
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.tab_owners: list[str] = []
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(current_language()), 0))
        try:
            specs = collect_specs(context)
        except Exception:  # noqa: BLE001
            log.exception("could not collect settings")
            specs = [(GENERAL, [])]
        for owner, owner_specs in specs:
            self._add_tab(owner, owner_specs)
        self.retranslate()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        run_in_background(self, self._load_values, self._loaded, self._load_failed)

    # -- building --------------------------------------------------------------------------
    def _add_tab(self, owner: str, specs: list[SettingSpec]) -> None:
        page = QWidget()
        page.setObjectName("settingsPage")
        form = QFormLayout(page)
        form.setContentsMargins(16, 16, 16, 16)
        form.setHorizontalSpacing(2 * SPACING)
        form.setVerticalSpacing(SPACING)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if owner == GENERAL:
            self.language_label = QLabel()
            self.language_help = QLabel()
            self.language_help.setObjectName("muted")
            self.language_help.setWordWrap(True)
            box = QWidget()
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(4)
            row = QHBoxLayout()
            row.addWidget(self.language)
            row.addStretch(1)
            column.addLayout(row)
            column.addWidget(self.language_help)
            form.addRow(self.language_label, box)
        for spec in specs:
            editor = make_editor(spec)
            editor.setEnabled(False)
            error = QLabel()
            error.setObjectName("errorText")
            error.setWordWrap(True)
            error.hide()
            box = QWidget()
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(4)
            if isinstance(editor, QLineEdit):
                column.addWidget(editor)
            else:
                row = QHBoxLayout()
                row.addWidget(editor)
                row.addStretch(1)
                column.addLayout(row)
            if spec.help:
                help_label = QLabel(tr(owner if owner != GENERAL else "core", spec.help))
                help_label.setObjectName("muted")
                help_label.setWordWrap(True)
                column.addWidget(help_label)
            column.addWidget(error)
            label = QLabel(tr(owner if owner != GENERAL else "core", spec.title))
            label.setWordWrap(True)
            form.addRow(label, box)
            self.fields.append(Field(owner, spec, editor, error))
        if owner == GENERAL:
            self._add_smtp_password(form)
        scroll = QScrollArea()
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        self.tabs.addTab(scroll, "")
        self.tab_owners.append(owner)

    def _add_smtp_password(self, form: QFormLayout) -> None:
        """The SMTP password: never a setting (settings are plain rows); saved through credentials."""
        self.smtp_password = QLineEdit()
        self.smtp_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.smtp_password_help = QLabel()
        self.smtp_password_help.setObjectName("muted")
        self.smtp_password_help.setWordWrap(True)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.smtp_password)
        column.addWidget(self.smtp_password_help)
        self.smtp_password_label = QLabel()
        form.addRow(self.smtp_password_label, box)

    def _load_values(self) -> dict[str, Any]:
        from console.core import settings

        values = {}
        for field in self.fields:
            try:
                values[field.spec.key] = settings.get(self.context.app, field.spec.key)
            except Exception:  # noqa: BLE001 - an unknown key shows its default
                values[field.spec.key] = field.spec.default
        return values

    def _loaded(self, values: dict[str, Any]) -> None:
        self.loading = False
        for field in self.fields:
            set_editor(field.editor, field.spec, values.get(field.spec.key))
            field.loaded = editor_value_safe(field)
            field.editor.setEnabled(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)

    def _load_failed(self, error: BaseException, _text: str) -> None:
        self.loading = False
        self._say(message_for(error))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)

    # -- saving ----------------------------------------------------------------------------
    def changed(self) -> list[tuple[Field, Any]]:
        """Fields whose value differs from what was loaded (a bad number raises ``ValidationError``)."""
        out = []
        for field in self.fields:
            value = editor_value(field.editor, field.spec)
            if value != field.loaded:
                out.append((field, value))
        return out

    def save(self) -> None:
        """Validate and save every changed value; on errors, show them and keep the dialog open."""
        if self.saving:
            return
        for field in self.fields:
            field.error.hide()
        self.status.hide()
        try:
            changes = self.changed()
        except ValidationError as error:
            self._show_errors({error.field: error})
            return
        locale = self.language.currentData()
        if locale != current_language():
            qsettings().setValue("ui/language", locale)
            install_language(None, locale, self.context.app.plugins)
        password = self.smtp_password.text()
        if not changes and not password:
            self.saved.emit()
            self.accept()
            return
        self.saving = True
        self.buttons.setEnabled(False)
        app, actor = self.context.app, self.context.actor

        def write() -> tuple[dict[str, BaseException], str | None]:
            from console.core import credentials, settings

            errors: dict[str, BaseException] = {}
            for field, value in changes:
                try:
                    settings.set_value(app, actor, field.spec.key, value)
                except Exception as error:  # noqa: BLE001 - every field reports its own problem
                    errors[field.spec.key] = error
            if not password or errors:
                return errors, None
            smtp = settings.values(app, "core.smtp_")
            if not smtp["core.smtp_host"] or not smtp["core.smtp_user"]:
                errors["core.smtp_user"] = ValidationError(tr("shell", "Enter the SMTP server and user name "
                                                                       "that the password belongs to."))
                return errors, None
            actor.require(settings.EDIT)
            where = credentials.store_password(f"smtp://{smtp['core.smtp_host']}:{smtp['core.smtp_port']}",
                                               smtp["core.smtp_user"], password)
            return errors, credentials.describe(where)

        run_in_background(self, write, self._written, self._write_failed)

    def _written(self, result: tuple[dict[str, BaseException], str | None]) -> None:
        errors, password_kept = result
        self.saving = False
        self.buttons.setEnabled(True)
        for field in self.fields:
            if field.spec.key not in errors:
                field.loaded = editor_value_safe(field)
        if errors:
            self._show_errors(errors)
            return
        if password_kept:
            self.smtp_password.clear()
            QMessageBox.information(self, tr("shell", "SMTP password"), tr("core", password_kept))
        self.saved.emit()
        self.accept()

    def _write_failed(self, error: BaseException, _text: str) -> None:
        self.saving = False
        self.buttons.setEnabled(True)
        self._say(message_for(error))

    def _show_errors(self, errors: dict[str | None, BaseException]) -> None:
        first_tab = None
        general = []
        for key, error in errors.items():
            field = next((f for f in self.fields if f.spec.key == key), None)
            if field is None:
                general.append(message_for(error))
                continue
            field.error.setText(message_for(error))
            field.error.show()
            if first_tab is None:
                first_tab = self.tab_owners.index(field.owner)
        if first_tab is not None:
            self.tabs.setCurrentIndex(first_tab)
        self._say(tr("shell", "Some values were not saved. Correct the marked fields and save again.")
                  + ("\n" + "\n".join(general) if general else ""))

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()

    # -- language --------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(tr("shell", "Settings"))
        records = self.context.app.plugins.records
        for index, owner in enumerate(self.tab_owners):
            if owner == GENERAL:
                self.tabs.setTabText(index, tr("shell", "General"))
            else:
                record = records.get(owner)
                self.tabs.setTabText(index, tr(owner, record.title) if record and record.title else owner)
        self.language_label.setText(tr("shell", "Language"))
        self.smtp_password_label.setText(tr("shell", "SMTP password"))
        self.smtp_password.setPlaceholderText(tr("shell", "unchanged"))
        self.smtp_password_help.setText(tr("shell", "Kept in the system keyring, never in a file. On a worker "
                                                    "without a keyring, set SERVICE_CONSOLE_SMTP_PASSWORD instead."))
        self.language_help.setText(tr("shell", "The language of this console on this computer. "
                                               "It changes as soon as you save."))

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def editor_value_safe(field: Field) -> Any:
    try:
        return editor_value(field.editor, field.spec)
    except ValidationError:
        return None
