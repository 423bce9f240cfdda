"""Quick entry (快速开单) for the hotline: keyboard only, from the caller lookup to the saved incident.

Tab order: caller lookup (phone, name or serial; ↓ moves into the matches, Enter picks one) → asset →
category (type any part of its path) → standard description (Enter inserts it) → title (knowledge
articles are suggested as it is typed) → description → impact → urgency → group → assignee → channel →
caller name → caller phone → "solved on the call" → standard solution → resolution. Ctrl+Enter saves,
Ctrl+L goes back to the lookup. Picking an asset shows its entitlement and warns when it already has
an open incident.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from console.api import Asset, Context, Site, ValidationError, find_caller, phone_digits
from console.api.ui import message_for, run_in_background, section_label, tr
from plugins.incidents import catalog, entitlement, knowledge, queries, records
from plugins.incidents.models import CHANNELS, LEVELS
from plugins.incidents.ui.common import open_incident
from plugins.incidents.ui.forms import people
from plugins.incidents.ui.names import CHANNEL, LEVEL, NAME, PRIORITY_COLOURS, STATUS, name

LOOKUP_DELAY_MS = 250


@dataclass
class Reference:
    """What the form offers, read once in the background."""

    categories: list[tuple[int, str]]
    matrix: dict[tuple[str, str], str]
    users: list[tuple[Any, str]]
    groups: list[tuple[Any, str]]


def read_reference(context: Context) -> Reference:
    """Categories, the priority matrix, people and groups."""
    with context.app.session() as session:
        categories = [(n.id, n.path) for n in catalog.category_tree(session) if n.parent_id is not None]
        matrix = {key: cell.priority for key, cell in catalog.priority_matrix(session).items()}
    found = people(context)
    return Reference(categories, matrix, found["users"], found["groups"])


def read_asset(context: Context, asset_id: int) -> dict:
    """An asset's entitlement now and its open incidents (the duplicate warning)."""
    billable, level, why = entitlement.preview_entitlement(context.app, asset_id)
    with context.app.session() as session:
        duplicates = queries.open_for_asset(session, asset_id)
        asset = session.get(Asset, asset_id)
        site = session.get(Site, asset.site_id) if asset.site_id else None
    return {"billable": billable, "level": level, "why": why, "duplicates": duplicates,
            "site": " · ".join(filter(None, (site.name, site.city))) if site else ""}


class QuickEntryForm(QWidget):
    """The quick-entry form; ``saved(number)`` is emitted for each incident opened."""

    saved = Signal(str)

    def __init__(self, context: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.reference: Reference | None = None
        self.customer_id: int | None = None
        self.busy = True
        self._generation = 0
        self._build()
        run_in_background(self, lambda: read_reference(context), self._loaded,
                          lambda error, _t: self._error(message_for(error)))

    # -- layout ------------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(splitter)
        left = QWidget()
        form_box = QVBoxLayout(left)
        self.hint = section_label(tr(NAME, "Type the caller's phone, name or an asset serial; ↓ and Enter pick a "
                                           "match. Ctrl+Enter saves."), "hint")
        self.hint.setWordWrap(True)
        form_box.addWidget(self.hint)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("errorText")
        self.message.hide()
        form_box.addWidget(self.message)
        form = QFormLayout()
        self.lookup = QLineEdit()
        self.lookup.setPlaceholderText(tr(NAME, "Phone, name or serial"))
        self.lookup.installEventFilter(self)
        self.caller = QLabel(tr(NAME, "No customer chosen yet."))
        self.caller.setObjectName("muted")
        self.caller.setWordWrap(True)
        self.asset = QComboBox()
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.standard = QComboBox()
        self.title = QLineEdit()
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.fontMetrics().height() * 5)
        self.impact, self.urgency = QComboBox(), QComboBox()
        for box in (self.impact, self.urgency):
            box.addItem(tr(NAME, "Not assessed"), None)
            for level in LEVELS:
                box.addItem(name(LEVEL, level), level)
        self.priority = QLabel()
        assess = QHBoxLayout()
        for widget in (self.impact, QLabel("×"), self.urgency, QLabel("→"), self.priority):
            assess.addWidget(widget)
        assess.addStretch(1)
        self.group, self.assignee, self.channel = QComboBox(), QComboBox(), QComboBox()
        for code in CHANNELS:
            self.channel.addItem(name(CHANNEL, code), code)
        self.caller_name, self.caller_phone = QLineEdit(), QLineEdit()
        self.solved = QCheckBox(tr(NAME, "Solved on the call (first-call resolution)"))
        self.solution = QComboBox()
        self.resolution = QPlainTextEdit()
        self.resolution.setTabChangesFocus(True)
        self.resolution.setFixedHeight(self.fontMetrics().height() * 3)
        rows = [(QT_TRANSLATE_NOOP("incidents", "Caller lookup"), self.lookup), ("", self.caller),
                (QT_TRANSLATE_NOOP("incidents", "Asset"), self.asset),
                (QT_TRANSLATE_NOOP("incidents", "Category"), self.category),
                (QT_TRANSLATE_NOOP("incidents", "Standard description"), self.standard),
                (QT_TRANSLATE_NOOP("incidents", "Title"), self.title),
                (QT_TRANSLATE_NOOP("incidents", "Description"), self.description),
                (QT_TRANSLATE_NOOP("incidents", "Impact × urgency"), assess),
                (QT_TRANSLATE_NOOP("incidents", "Group"), self.group),
                (QT_TRANSLATE_NOOP("incidents", "Assignee"), self.assignee),
                (QT_TRANSLATE_NOOP("incidents", "Channel"), self.channel),
                (QT_TRANSLATE_NOOP("incidents", "Caller"), self.caller_name),
                (QT_TRANSLATE_NOOP("incidents", "Caller phone"), self.caller_phone),
                ("", self.solved), (QT_TRANSLATE_NOOP("incidents", "Standard solution"), self.solution),
                (QT_TRANSLATE_NOOP("incidents", "Resolution"), self.resolution)]
        for label, widget in rows:
            form.addRow(tr(NAME, label) if label else "", widget)
        form_box.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.clear_button = QPushButton(tr(NAME, "Clear"))
        self.save_button = QPushButton(tr(NAME, "Save incident (Ctrl+Enter)"))
        self.save_button.setDefault(True)
        for button in (self.clear_button, self.save_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        form_box.addLayout(buttons)
        form_box.addStretch(1)
        splitter.addWidget(left)

        right = QWidget()
        side = QVBoxLayout(right)
        side.addWidget(section_label(tr(NAME, "Matches")))
        side.addWidget(section_label(tr(NAME, "Customers and assets matching the lookup appear here."), "muted"))
        self.matches = QListWidget()
        self.matches.installEventFilter(self)
        side.addWidget(self.matches, 2)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setObjectName("errorText")
        self.warning.setTextFormat(Qt.TextFormat.RichText)
        self.warning.hide()
        side.addWidget(self.warning)
        self.entitlement = QLabel()
        self.entitlement.setWordWrap(True)
        self.entitlement.setObjectName("hint")
        self.entitlement.hide()
        side.addWidget(self.entitlement)
        side.addWidget(section_label(tr(NAME, "Suggested knowledge articles")))
        side.addWidget(section_label(tr(NAME, "Published articles matching the title appear here as you type."),
                                     "muted"))
        self.suggestions = QListWidget()
        side.addWidget(self.suggestions, 2)
        self.article = QTextBrowser()
        self.article.setPlaceholderText(tr(NAME, "Pick an article to read its solution."))
        side.addWidget(self.article, 2)
        self.use_solution = QPushButton(tr(NAME, "Use this solution"))
        self.use_solution.setAutoDefault(False)
        self.use_solution.setEnabled(False)
        side.addWidget(self.use_solution)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 480])

        order = [self.lookup, self.asset, self.category, self.standard, self.title, self.description, self.impact,
                 self.urgency, self.group, self.assignee, self.channel, self.caller_name, self.caller_phone,
                 self.solved, self.solution, self.resolution, self.save_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        self._lookup_timer = QTimer(self, singleShot=True, interval=LOOKUP_DELAY_MS)
        self._lookup_timer.timeout.connect(self._find)
        self._title_timer = QTimer(self, singleShot=True, interval=LOOKUP_DELAY_MS)
        self._title_timer.timeout.connect(self._suggest)
        self.lookup.textEdited.connect(lambda _t: self._lookup_timer.start())
        self.title.textEdited.connect(lambda _t: self._title_timer.start())
        self.matches.itemActivated.connect(self._pick)
        self.asset.currentIndexChanged.connect(self._asset_changed)
        self.category.currentIndexChanged.connect(self._category_changed)
        self.standard.activated.connect(self._insert_standard)
        self.solution.activated.connect(self._insert_solution)
        self.impact.currentIndexChanged.connect(self._show_priority)
        self.urgency.currentIndexChanged.connect(self._show_priority)
        self.solved.toggled.connect(self._solved_toggled)
        self.suggestions.currentItemChanged.connect(self._show_article)
        self.use_solution.clicked.connect(self._use_article)
        self.warning.linkActivated.connect(lambda number: open_incident(self, self.context, number))
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self.clear)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.save)
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self.save)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.lookup.setFocus)
        self._solved_toggled(False)

    def loading(self) -> bool:
        """True until the form's choices are read."""
        return self.busy

    def _loaded(self, reference: Reference) -> None:
        self.reference = reference
        for box, entries in ((self.group, reference.groups), (self.assignee, reference.users)):
            box.clear()
            for value, label in entries:
                box.addItem(label, value)
        self.category.clear()
        self.category.addItem("", None)
        for category_id, path in reference.categories:
            self.category.addItem(path, category_id)
        completer = QCompleter([path for _i, path in reference.categories], self.category)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.category.setCompleter(completer)
        self._show_priority()
        self.busy = False
        self.lookup.setFocus()

    # -- keyboard ----------------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if watched is self.lookup and key == Qt.Key.Key_Down and self.matches.count():
                self.matches.setFocus()
                self.matches.setCurrentRow(0)
                return True
            if watched is self.lookup and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.matches.count() == 1:
                self._pick(self.matches.item(0))
                return True
            if watched is self.matches and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.matches.currentItem():
                self._pick(self.matches.currentItem())
                return True
        return super().eventFilter(watched, event)

    # -- caller lookup -----------------------------------------------------------------------------
    def _find(self) -> None:
        text = self.lookup.text().strip()
        self._generation += 1
        generation = self._generation

        def read():
            with self.context.app.session() as session:
                return find_caller(session, text, 20)

        def show(found) -> None:
            if generation != self._generation:
                return
            self.matches.clear()
            for match in found:
                item = QListWidgetItem(f"{match.title} · {match.subtitle}")
                item.setData(Qt.ItemDataRole.UserRole, match)
                self.matches.addItem(item)

        run_in_background(self, read, show)

    def _pick(self, item: QListWidgetItem) -> None:
        match = item.data(Qt.ItemDataRole.UserRole)
        self.customer_id = match.customer_id
        digits = phone_digits(self.lookup.text())
        if len(digits) >= 7 and not self.caller_phone.text():
            self.caller_phone.setText(digits)
        self.caller.setText(f"{match.title} · {match.subtitle}")

        def read():
            with self.context.app.session() as session:
                rows = session.execute(select(Asset.id, Asset.serial, Asset.model).where(
                    Asset.customer_id == match.customer_id).order_by(Asset.serial).limit(300)).all()
            return rows

        def show(assets) -> None:
            self.asset.blockSignals(True)
            self.asset.clear()
            self.asset.addItem(tr(NAME, "No asset"), None)
            for asset_id, serial, model in assets:
                self.asset.addItem(f"{serial} · {model}", asset_id)
            if match.kind == "asset":
                self.asset.setCurrentIndex(max(0, self.asset.findData(match.id)))
            self.asset.blockSignals(False)
            self._asset_changed()
            (self.category if match.kind == "asset" else self.asset).setFocus()

        run_in_background(self, read, show)

    def _asset_changed(self) -> None:
        asset_id = self.asset.currentData()
        self.warning.hide()
        self.entitlement.hide()
        if asset_id is None:
            return

        def show(info: dict) -> None:
            if self.asset.currentData() != asset_id:
                return
            self.entitlement.setText(("⚠ " if info["billable"] else "✓ ") + info["why"]
                                     + (f"\n{info['site']}" if info["site"] else ""))
            self.entitlement.show()
            if info["duplicates"]:
                links = tr(NAME, ", ").join(f"<a href='{n}'>{escape(n)}</a> {escape(t)} ({escape(name(STATUS, s))})"
                                 for n, t, s in info["duplicates"])
                self.warning.setText(escape(tr(NAME, "This asset already has open incidents — add a note there "
                                                     "instead of opening a duplicate:")) + f"<br>{links}")
                self.warning.show()

        run_in_background(self, lambda: read_asset(self.context, asset_id), show)

    # -- category, texts, suggestions --------------------------------------------------------------
    def _category_changed(self) -> None:
        category_id = self.category.currentData()
        for box in (self.standard, self.solution):
            box.clear()
            box.addItem("—", "")
        if category_id is None:
            return

        def read():
            with self.context.app.session() as session:
                return [(t.kind, t.title, t.body) for t in catalog.standard_texts(session, category_id)]

        def show(texts) -> None:
            for kind, title, body in texts:
                (self.standard if kind == "description" else self.solution).addItem(title, body)

        run_in_background(self, read, show)

    def _insert_standard(self) -> None:
        body = self.standard.currentData()
        if body:
            if not self.title.text().strip():
                self.title.setText(self.standard.currentText())
                self._suggest()
            self.description.setPlainText((self.description.toPlainText().rstrip() + "\n" + body).strip())

    def _insert_solution(self) -> None:
        body = self.solution.currentData()
        if body:
            self.resolution.setPlainText(body)

    def _suggest(self) -> None:
        title = self.title.text()

        def read():
            with self.context.app.session() as session:
                return knowledge.hits(session, knowledge.suggest_ids(session, title, 5))

        def show(hits) -> None:
            if self.title.text() != title:
                return
            self.suggestions.clear()
            for hit in hits:
                item = QListWidgetItem(f"{hit.number} · {hit.title}")
                item.setData(Qt.ItemDataRole.UserRole, hit)
                item.setToolTip(hit.category)
                self.suggestions.addItem(item)

        run_in_background(self, read, show)

    def _show_article(self, item: QListWidgetItem | None, _previous=None) -> None:
        hit = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.use_solution.setEnabled(hit is not None)
        self.article.setHtml("" if hit is None else f"<b>{escape(hit.number)} {escape(hit.title)}</b><br>"
                             f"<span style='color:#5f6b7a'>{escape(hit.category)}</span><p>{escape(hit.solution)}</p>")

    def _use_article(self) -> None:
        item = self.suggestions.currentItem()
        if item is not None:
            hit = item.data(Qt.ItemDataRole.UserRole)
            self.solved.setChecked(True)
            self.resolution.setPlainText(f"{hit.solution}\n({hit.number})")

    def _show_priority(self) -> None:
        impact, urgency = self.impact.currentData(), self.urgency.currentData()
        if impact and urgency and self.reference is not None:
            priority = self.reference.matrix.get((impact, urgency), "")
            self.priority.setText(f"<b style='color:{PRIORITY_COLOURS.get(priority, '#1f2933')}'>{priority}</b>")
        else:
            self.priority.setText(tr(NAME, "default priority"))

    def _solved_toggled(self, on: bool) -> None:
        self.solution.setEnabled(on)
        self.resolution.setEnabled(on)

    # -- saving ------------------------------------------------------------------------------------
    def _category_id(self) -> int | None:
        """The category whose path is in the box (typed, or picked from the list)."""
        typed = self.category.currentText().strip()
        if self.category.currentData() is not None and self.category.itemText(self.category.currentIndex()) == typed:
            return self.category.currentData()
        return next((i for i, path in (self.reference.categories if self.reference else []) if path == typed), None)

    def values(self) -> dict:
        """What was entered, as ``create_incident`` takes it."""
        return {"title": self.title.text(), "customer_id": self.customer_id,
                "category_id": self._category_id(), "channel": self.channel.currentData(),
                "impact": self.impact.currentData(), "urgency": self.urgency.currentData(),
                "description": self.description.toPlainText(), "asset_id": self.asset.currentData(),
                "group_id": self.group.currentData(), "assignee_id": self.assignee.currentData(),
                "caller_name": self.caller_name.text(), "caller_phone": self.caller_phone.text()}

    def save(self) -> None:
        """Open the incident off the GUI thread (and resolve it at once when it was solved on the call)."""
        if self.busy:
            return
        values, solved, resolution = self.values(), self.solved.isChecked(), self.resolution.toPlainText()
        self.save_button.setEnabled(False)
        context = self.context

        def work() -> str:
            if solved:
                if not resolution.strip():
                    raise ValidationError(tr(NAME, "Write how it was solved, or untick “Solved on the call”."),
                                          "resolution")
                values["assignee_id"] = context.actor.user_id
            number = records.create_incident(context.app, context.actor, **values)
            if solved:
                records.change_status(context.app, context.actor, number, "in_progress")
                records.change_status(context.app, context.actor, number, "resolved", resolution=resolution)
            return number

        run_in_background(self, work, self._saved, lambda error, _t: self._refused(error))

    def _saved(self, number: str) -> None:
        self.save_button.setEnabled(True)
        self.clear()
        self.hint.setText(tr(NAME, "Saved {number}. Next caller: type the phone, name or serial.").format(number=number))
        self.saved.emit(number)

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self._error(message_for(error))
        widget = {"title": self.title, "customer_id": self.lookup, "category_id": self.category,
                  "asset_id": self.asset, "impact": self.impact, "urgency": self.urgency,
                  "resolution": self.resolution, "assignee_id": self.assignee, "group_id": self.group,
                  "caller_phone": self.caller_phone, "caller_name": self.caller_name,
                  "description": self.description}.get(getattr(error, "field", None))
        if widget is not None:
            widget.setFocus()

    def _error(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def clear(self) -> None:
        """Empty the form for the next caller."""
        self.customer_id = None
        for widget in (self.lookup, self.title, self.caller_name, self.caller_phone):
            widget.clear()
        for widget in (self.description, self.resolution):
            widget.clear()
        for box in (self.impact, self.urgency, self.group, self.assignee, self.channel, self.category):
            box.setCurrentIndex(0)
        self.asset.clear()
        self.matches.clear()
        self.suggestions.clear()
        self.article.clear()
        self.solved.setChecked(False)
        self.caller.setText(tr(NAME, "No customer chosen yet."))
        self.warning.hide()
        self.entitlement.hide()
        self._error("")
        self.lookup.setFocus()


def quick_entry_page(context: Context) -> QuickEntryForm:
    """The quick-entry page."""
    return QuickEntryForm(context)


class QuickEntryDialog(QDialog):
    """Quick entry in its own window (the lists' "New incident…")."""

    def __init__(self, parent: QWidget, context: Context, on_saved: Callable[[str], None] | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr(NAME, "New incident"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1120, 760)
        layout = QVBoxLayout(self)
        self.form = QuickEntryForm(context, self)
        layout.addWidget(self.form)
        self.form.saved.connect(lambda number: (on_saved(number) if on_saved else None, self.accept()))
