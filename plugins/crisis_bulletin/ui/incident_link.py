"""Links between problems and incidents, from either side, and resolving the linked incidents together.

* ``ProblemIncidentsDialog``: a problem's incidents (facts from the incidents plugin when it is
  active): link by number, unlink, resolve the open ones.
* ``link_from_incident``: the Actions menu of the incident list — the selected incident's
  problems, unlink, or link it to an open problem.
* ``offer_to_resolve``: after a problem is closed, offer to resolve its open incidents and show
  what happened to each.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.api import Context
from console.api.ui import confirm, message_for, run_in_background, tr
from plugins.crisis_bulletin import problems
from plugins.crisis_bulletin.common import EDIT, NAME, PUBLISH
from plugins.crisis_bulletin.ui.common import PROBLEM_STATUS_NAMES, name_of, show_dialog, window_of

INCIDENT_STATUS_NAMES = {"new": QT_TRANSLATE_NOOP("crisis_bulletin", "New"),
                         "assigned": QT_TRANSLATE_NOOP("crisis_bulletin", "Assigned"),
                         "in_progress": QT_TRANSLATE_NOOP("crisis_bulletin", "In progress"),
                         "pending": QT_TRANSLATE_NOOP("crisis_bulletin", "Pending"),
                         "resolved": QT_TRANSLATE_NOOP("crisis_bulletin", "Resolved"),
                         "reopened": QT_TRANSLATE_NOOP("crisis_bulletin", "Reopened"),
                         "closed": QT_TRANSLATE_NOOP("crisis_bulletin", "Closed")}


def _table(headers: list[str], stretch: int = 1) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(stretch == len(headers) - 1)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    for column in range(table.columnCount()):
        if table.horizontalHeader().sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
            table.resizeColumnToContents(column)


class ProblemIncidentsDialog(QDialog):
    """The incidents linked to one problem; ``changed`` tells the page to reload afterwards."""

    def __init__(self, parent: QWidget | None, context: Context, number: str):
        super().__init__(parent)
        self.context, self.number, self.changed = context, number, False
        self.setWindowTitle(tr(NAME, "Incidents of {number}").format(number=number))
        self.resize(820, 460)
        layout = QVBoxLayout(self)
        self.hint = QLabel()
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.table = _table([tr(NAME, "Incident"), tr(NAME, "Title"), tr(NAME, "Status"), tr(NAME, "Priority")])
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.link_button = QPushButton(tr(NAME, "Link an incident…"))
        self.unlink_button = QPushButton(tr(NAME, "Unlink"))
        self.resolve_button = QPushButton(tr(NAME, "Resolve the open ones…"))
        resolves = context.actor.can(PUBLISH) and context.app.has_plugin("incidents")
        for button, allowed in ((self.link_button, context.actor.can(EDIT)),
                                (self.unlink_button, context.actor.can(EDIT)), (self.resolve_button, resolves)):
            button.setVisible(allowed)
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        layout.addLayout(row)
        self.link_button.clicked.connect(self.link)
        self.unlink_button.clicked.connect(self.unlink)
        self.resolve_button.clicked.connect(lambda: offer_to_resolve(self, context, number, self.reload))
        self.reload()

    def reload(self) -> None:
        """Read the links (and the incidents' facts) again, off the GUI thread."""
        def load():
            with self.context.app.session() as session:
                problem = problems.load(session, self.number)
                numbers = problems.linked_incidents(session, problem.id)
                return problem.status, numbers, problems.incident_facts(self.context.app, session, numbers)

        run_in_background(self, load, self._show, lambda error, _t: self.hint.setText(message_for(error)))

    def _show(self, loaded) -> None:
        status, numbers, facts = loaded
        self.hint.setText(tr(NAME, "{count} incidents are linked to {number} ({status}).").format(
            count=len(numbers), number=self.number, status=name_of(PROBLEM_STATUS_NAMES, status))
            + ("" if self.context.app.has_plugin("incidents") else " " + tr(
                NAME, "The incidents plugin is not active here: only the numbers are known.")))
        rows = []
        for n in numbers:
            summary = facts.get(n)
            rows.append([n, summary.title if summary else "", name_of(INCIDENT_STATUS_NAMES, summary.status)
                         if summary else "", summary.priority if summary else ""])
        _fill(self.table, rows)

    def _run(self, work) -> None:
        def done(_result) -> None:
            self.changed = True
            self.reload()

        run_in_background(self, work, done, lambda error, _t: QMessageBox.warning(self, self.windowTitle(),
                                                                                   message_for(error)))

    def link(self) -> None:
        """Ask for an incident number and link it."""
        incident, ok = QInputDialog.getText(self, tr(NAME, "Link an incident…"), tr(NAME, "Incident number"))
        if ok and incident.strip():
            self._run(lambda: problems.link_incident(self.context.app, self.context.actor, self.number, incident))

    def unlink(self) -> None:
        """Unlink the selected incident."""
        row = self.table.currentRow()
        if row >= 0:
            incident = self.table.item(row, 0).text()
            self._run(lambda: problems.unlink_incident(self.context.app, self.context.actor, self.number, incident))


def offer_to_resolve(parent: QWidget, context: Context, number: str, then=None) -> None:
    """If the problem has open linked incidents, offer to resolve them all and show the outcome per incident."""
    if not context.app.has_plugin("incidents") or not context.actor.can(PUBLISH):
        return

    def counted(open_incidents: list[str]) -> None:
        if not open_incidents:
            return
        if not confirm(window_of(parent), tr(NAME, "Resolve the linked incidents"),
                       tr(NAME, "{count} incidents linked to {number} are still open: {numbers}. Resolve them "
                                "together now?").format(count=len(open_incidents), number=number,
                                                        numbers=", ".join(open_incidents))):
            return
        run_in_background(parent, lambda: problems.resolve_linked_incidents(context.app, context.actor, number),
                          lambda outcome: (show_dialog(OutcomeDialog(window_of(parent), number, outcome)),
                                           then() if then else None),
                          lambda error, _t: QMessageBox.warning(window_of(parent), number, message_for(error)))

    def load() -> list[str]:
        with context.app.session() as session:
            return problems.open_linked_incidents(context.app, session, problems.load(session, number).id)

    run_in_background(parent, load, counted)


class OutcomeDialog(QDialog):
    """What happened to each incident when they were resolved together."""

    def __init__(self, parent: QWidget | None, number: str, outcome: dict[str, str | None]):
        super().__init__(parent)
        self.setWindowTitle(tr(NAME, "Incidents of {number}").format(number=number))
        self.resize(760, 360)
        layout = QVBoxLayout(self)
        resolved = sum(1 for why in outcome.values() if why is None)
        summary = QLabel(tr(NAME, "{resolved} of {count} incidents were resolved.").format(
            resolved=resolved, count=len(outcome)))
        summary.setObjectName("sectionTitle")
        layout.addWidget(summary)
        self.table = _table([tr(NAME, "Incident"), tr(NAME, "Result")])
        _fill(self.table, [[n, tr(NAME, "Resolved") if why is None else why] for n, why in sorted(outcome.items())])
        for row, why in enumerate(outcome[n] for n in sorted(outcome)):
            self.table.item(row, 1).setForeground(Qt.GlobalColor.darkGreen if why is None else Qt.GlobalColor.darkRed)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class IncidentProblemsDialog(QDialog):
    """From the incident list: the problems of one incident; link it to an open problem, or unlink it."""

    def __init__(self, parent: QWidget | None, context: Context, incident: str):
        super().__init__(parent)
        self.context, self.incident = context, incident
        self.setWindowTitle(tr(NAME, "Link to a problem…"))
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        self.hint = QLabel(tr(NAME, "Problems of {incident}").format(incident=incident))
        self.hint.setObjectName("sectionTitle")
        layout.addWidget(self.hint)
        self.table = _table([tr(NAME, "Problem"), tr(NAME, "Title"), tr(NAME, "Status")])
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.problem = QComboBox()
        self.problem.setMinimumWidth(380)
        self.link_button = QPushButton(tr(NAME, "Link"))
        self.link_button.setDefault(True)
        self.unlink_button = QPushButton(tr(NAME, "Unlink"))
        row.addWidget(QLabel(tr(NAME, "Open problem")))
        row.addWidget(self.problem, 1)
        row.addWidget(self.link_button)
        row.addWidget(self.unlink_button)
        layout.addLayout(row)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.link_button.clicked.connect(self.link)
        self.unlink_button.clicked.connect(self.unlink)
        self.reload()

    def reload(self) -> None:
        """Read the incident's problems and the open problems, off the GUI thread."""
        def load():
            with self.context.app.session() as session:
                return (problems.problems_of_incident(session, self.incident),
                        problems.open_problems_choices(session))

        run_in_background(self, load, self._show, lambda error, _t: self.error.setText(message_for(error)))

    def _show(self, loaded) -> None:
        linked, choices = loaded
        _fill(self.table, [[n, t, name_of(PROBLEM_STATUS_NAMES, s)] for n, t, s in linked])
        taken = {n for n, _t, _s in linked}
        self.problem.clear()
        for number, label in choices:
            if number not in taken:
                self.problem.addItem(label, number)

    def _run(self, work) -> None:
        self.error.clear()
        run_in_background(self, work, lambda _r: self.reload(),
                          lambda error, _t: self.error.setText(message_for(error)))

    def link(self) -> None:
        """Link the incident to the chosen problem."""
        number = self.problem.currentData()
        if number:
            self._run(lambda: problems.link_incident(self.context.app, self.context.actor, number, self.incident))

    def unlink(self) -> None:
        """Unlink the incident from the selected problem."""
        row = self.table.currentRow()
        if row >= 0:
            number = self.table.item(row, 0).text()
            self._run(lambda: problems.unlink_incident(self.context.app, self.context.actor, number, self.incident))


def link_from_incident(context: Context) -> None:
    """The incident list's action: the selected incident's problems dialog."""
    if not context.selection:
        QMessageBox.information(window_of(), tr(NAME, "Link to a problem…"),
                                tr(NAME, "Select an incident in the list first."))
        return
    show_dialog(IncidentProblemsDialog(window_of(), context, str(context.selection)))
