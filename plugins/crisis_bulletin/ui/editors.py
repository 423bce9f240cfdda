"""Inputs the stock form lacks, and the form that uses them.

* ``RichTextEditor``: formatted text (bold, italic, headings, lists, links) kept as Markdown —
  readable as plain text in notifications and the command line, easy to compare between
  revisions, and rendered to HTML by Qt with raw HTML switched off.
* ``AudienceEditor``: everyone, roles, groups and partners, ticked in lists.
* ``OptionalDateTime``: an instant that may be left empty (“no end”, “default deadline”).
* ``ExtendedFormDialog``: ``FormDialog`` with the field kinds ``richtext``, ``audience`` and
  ``optional_datetime``, and extra buttons that save through another function.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Any, Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime, Qt
from PySide6.QtGui import QFont, QTextCharFormat, QTextListFormat
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.api.ui import Field, FormDialog, tr
from plugins.crisis_bulletin.common import NAME
from plugins.crisis_bulletin.ui.common import ROLE_NAMES, name_of

TIPS = {"bold": QT_TRANSLATE_NOOP("crisis_bulletin", "Bold"), "italic": QT_TRANSLATE_NOOP("crisis_bulletin", "Italic"),
        "heading": QT_TRANSLATE_NOOP("crisis_bulletin", "Heading"),
        "bullets": QT_TRANSLATE_NOOP("crisis_bulletin", "Bulleted list"),
        "numbers": QT_TRANSLATE_NOOP("crisis_bulletin", "Numbered list"),
        "link": QT_TRANSLATE_NOOP("crisis_bulletin", "Link")}
AUDIENCE_TITLES = {"role": QT_TRANSLATE_NOOP("crisis_bulletin", "Roles"),
                   "group": QT_TRANSLATE_NOOP("crisis_bulletin", "Groups"),
                   "partner": QT_TRANSLATE_NOOP("crisis_bulletin", "Partners (only they see it)")}


class RichTextEditor(QWidget):
    """A text editor with a small formatting toolbar; ``markdown()`` is what is stored."""

    def __init__(self, markdown: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        bar = QHBoxLayout()
        bar.setSpacing(2)
        self.editor = QTextEdit()
        self.editor.setAcceptRichText(True)
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(self.fontMetrics().height() * 12)
        self.editor.setMarkdown(markdown or "")
        self.buttons: dict[str, QToolButton] = {}
        for key, label, tip, run in (
                ("bold", "B", TIPS["bold"], self._bold), ("italic", "I", TIPS["italic"], self._italic),
                ("heading", "H", TIPS["heading"], self._heading),
                ("bullets", "•", TIPS["bullets"], lambda: self._list(QTextListFormat.Style.ListDisc)),
                ("numbers", "1.", TIPS["numbers"], lambda: self._list(QTextListFormat.Style.ListDecimal)),
                ("link", tr(NAME, TIPS["link"]), TIPS["link"], self._link)):
            button = QToolButton()
            button.setText(label)
            button.setToolTip(tr(NAME, tip))
            button.setAutoRaise(True)
            button.clicked.connect(run)
            self.buttons[key] = button
            bar.addWidget(button)
        bold, italic = self.buttons["bold"].font(), self.buttons["italic"].font()
        bold.setBold(True)
        italic.setItalic(True)
        self.buttons["bold"].setFont(bold)
        self.buttons["italic"].setFont(italic)
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addWidget(self.editor, 1)

    def markdown(self) -> str:
        """The text as Markdown (``''`` when empty)."""
        return self.editor.toMarkdown().strip() if self.editor.toPlainText().strip() else ""

    text = markdown  # what FormDialog reads from an input it does not know

    def _merge(self, fmt: QTextCharFormat) -> None:
        self.editor.mergeCurrentCharFormat(fmt)
        self.editor.setFocus()

    def _bold(self) -> None:
        fmt = QTextCharFormat()
        bold = self.editor.fontWeight() < QFont.Weight.Bold
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self._merge(fmt)

    def _italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.editor.fontItalic())
        self._merge(fmt)

    def _heading(self) -> None:
        cursor = self.editor.textCursor()
        block = cursor.blockFormat()
        block.setHeadingLevel(0 if block.headingLevel() else 3)
        cursor.setBlockFormat(block)
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if block.headingLevel() else QFont.Weight.Normal)
        cursor.select(cursor.SelectionType.BlockUnderCursor)
        cursor.mergeCharFormat(fmt)
        self.editor.setFocus()

    def _list(self, style: QTextListFormat.Style) -> None:
        cursor = self.editor.textCursor()
        current = cursor.currentList()
        if current is not None and current.format().style() == style:
            current.remove(cursor.block())
            block = cursor.blockFormat()
            block.setIndent(0)
            cursor.setBlockFormat(block)
        else:
            cursor.createList(style)
        self.editor.setFocus()

    def _link(self) -> None:
        address, ok = QInputDialog.getText(self, tr(NAME, "Insert a link"), tr(NAME, "Web address (https://…)"))
        if not ok or not address.strip():
            return
        cursor = self.editor.textCursor()
        shown = cursor.selectedText() or address.strip()
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(address.strip())
        fmt.setForeground(self.palette().link())
        fmt.setFontUnderline(True)
        cursor.insertText(shown, fmt)
        self.editor.setFocus()


class AudienceEditor(QWidget):
    """Who must read a bulletin: everyone, and/or ticked roles, groups and partners."""

    def __init__(self, choices: dict[str, list[tuple[str, str]]], chosen: Sequence[tuple[str, str]] = (),
                 parent: QWidget | None = None):
        super().__init__(parent)
        chosen = set(chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.everyone = QCheckBox(tr(NAME, "Everyone in our organisation (not partners)"))
        self.everyone.setChecked(("everyone", "") in chosen)
        layout.addWidget(self.everyone)
        lists = QHBoxLayout()
        self.lists: dict[str, QListWidget] = {}
        for kind, title in (("role", AUDIENCE_TITLES["role"]), ("group", AUDIENCE_TITLES["group"]),
                            ("partner", AUDIENCE_TITLES["partner"])):
            column = QVBoxLayout()
            column.setSpacing(2)
            label = QLabel(tr(NAME, title))
            label.setObjectName("muted")
            column.addWidget(label)
            widget = QListWidget()
            widget.setMinimumHeight(self.fontMetrics().height() * 6)
            for value, text in choices.get(kind, []):
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, value)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if (kind, value) in chosen else Qt.CheckState.Unchecked)
                widget.addItem(item)
            if not widget.count():
                placeholder = QListWidgetItem(tr(NAME, "(none)"))
                placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
                widget.addItem(placeholder)
            self.lists[kind] = widget
            column.addWidget(widget)
            lists.addLayout(column, 1)
        layout.addLayout(lists)
        self.everyone.toggled.connect(self._everyone_toggled)
        self._everyone_toggled(self.everyone.isChecked())

    def _everyone_toggled(self, on: bool) -> None:
        for kind in ("role", "group"):
            self.lists[kind].setEnabled(not on)

    def entries(self) -> list[tuple[str, str]]:
        """The audience as ``(kind, value)`` entries."""
        found = [("everyone", "")] if self.everyone.isChecked() else []
        for kind, widget in self.lists.items():
            if kind != "partner" and self.everyone.isChecked():
                continue
            for row in range(widget.count()):
                item = widget.item(row)
                if item.checkState() == Qt.CheckState.Checked:
                    found.append((kind, item.data(Qt.ItemDataRole.UserRole)))
        return found

    def text(self) -> str:
        """What FormDialog reads: the entries, as text (``values()`` gives the list)."""
        return repr(self.entries())


class OptionalDateTime(QWidget):
    """A date and time that may be left out: a tick box switches the editor on."""

    def __init__(self, label: str, value: datetime | None, zone: tzinfo | None, default: timedelta,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._zone = zone
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.enabled = QCheckBox(label)
        self.enabled.setMinimumWidth(self.fontMetrics().horizontalAdvance("n") * 18)
        shown = (value or datetime.now(zone) + default).astimezone(zone)
        self.edit = QDateTimeEdit(QDateTime(shown.replace(tzinfo=None, second=0, microsecond=0)))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.enabled.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.enabled.toggled.connect(self.edit.setEnabled)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit, 1)

    def value(self) -> datetime | None:
        """The instant (aware, in the user's zone), or ``None`` when left out."""
        if not self.enabled.isChecked():
            return None
        typed = self.edit.dateTime().toPython()
        return typed.replace(tzinfo=self._zone) if self._zone else typed.astimezone()

    def text(self) -> str:
        """What FormDialog reads; ``values()`` gives the instant."""
        value = self.value()
        return value.isoformat() if value else ""


class ExtendedFormDialog(FormDialog):
    """``FormDialog`` with the custom kinds above. ``choices`` of an ``audience`` field is the dict
    ``{"role": [(value, label)], "group": …, "partner": …}``; of an ``optional_datetime`` field,
    ``[(default offset, tick-box label)]``. ``extra`` adds buttons ``(title, save)``: pressing one
    saves through that function instead (e.g. “Publish” beside “Save draft”)."""

    def __init__(self, parent: QWidget | None, title: str, fields: Sequence[Field], save: Callable[[dict], Any], *,
                 owner: str, values: dict[str, Any] | None = None, intro: str = "", zone: tzinfo | None = None,
                 save_title: str | None = None, extra: Sequence[tuple[str, Callable[[dict], Any]]] = ()):
        self._zone_for_custom = zone
        super().__init__(parent, title, fields, self._chosen_save, owner=owner, values=values, intro=intro, zone=zone)
        self._default_save = self._chosen = save
        if save_title:
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(save_title)
        for text, function in extra:
            button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(lambda _c=False, f=function: self.submit(f))
        self.setMinimumWidth(760)

    def _chosen_save(self, values: dict) -> Any:
        return self._chosen(values)

    def submit(self, save: Callable[[dict], Any] | None = None) -> None:
        """Save through ``save`` (the form's own save function when ``None``); see ``FormDialog.submit``."""
        self._chosen = save or self._default_save  # the buttons stay disabled until this save is over
        super().submit()

    def _editor(self, spec: Field, value: Any) -> QWidget:
        if spec.kind == "richtext":
            return RichTextEditor(value or "")
        if spec.kind == "audience":
            return AudienceEditor(dict(spec.choices), value or ())
        if spec.kind == "optional_datetime":
            (offset, label), = spec.choices
            return OptionalDateTime(tr(NAME, label), value, self._zone_for_custom, offset)
        return super()._editor(spec, value)

    def values(self) -> dict[str, Any]:
        """The typed values; custom inputs give Markdown, audience entries and optional instants."""
        out = super().values()
        for spec in self._fields:
            editor = self.inputs[spec.key]
            if isinstance(editor, AudienceEditor):
                out[spec.key] = editor.entries()
            elif isinstance(editor, OptionalDateTime):
                out[spec.key] = editor.value()
        return out


def audience_choices(roles: dict[str, str], groups: list[tuple[int, str]], partners: list[str]) -> dict:
    """The ``choices`` of an audience field from the role titles, groups and partner codes."""
    return {"role": [(name, name_of(ROLE_NAMES, name) if name in ROLE_NAMES else title)
                     for name, title in roles.items()],
            "group": [(str(group_id), name) for group_id, name in groups],
            "partner": [(code, code) for code in partners]}
