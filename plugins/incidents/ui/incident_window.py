"""One incident's window: its facts and every action on it, the SLA explain panel (timeline chart and
sentences, escalations to acknowledge), notes, work orders, attachments, the full history and the
knowledge articles that match it. Everything is read and written off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from console.api import Context, utcnow
from console.api.ui import (
    ChartCanvas,
    DetailSection,
    ErrorPanel,
    detail_html,
    display_text,
    message_for,
    run_in_background,
    section_label,
    tr,
    user_zone,
)
from plugins.incidents import knowledge, notes, queries, records
from plugins.incidents.rules import EDIT, KNOWLEDGE
from plugins.incidents.sla import acknowledge, engine
from plugins.incidents.ui import charts, explain, forms
from plugins.incidents.ui.common import fill_table, make_table
from plugins.incidents.ui.names import (
    ACTION,
    CHANNEL,
    FIELD,
    LEVEL,
    MILESTONE,
    NAME,
    REASON,
    STATUS,
    SYSTEM_ACTORS,
    level_name,
    VISIBILITY,
    WORK_ORDER_KIND,
    WORK_ORDER_STATUS,
    name,
    stored_sentence,
)

HISTORY_KINDS = {"status": QT_TRANSLATE_NOOP("incidents", "Status"), "field": QT_TRANSLATE_NOOP("incidents", "Change"),
                 "note": QT_TRANSLATE_NOOP("incidents", "Note"), "milestone": QT_TRANSLATE_NOOP("incidents", "Milestone"),
                 "attachment": QT_TRANSLATE_NOOP("incidents", "Attachment"),
                 "escalation": QT_TRANSLATE_NOOP("incidents", "Escalation")}
CODED_FIELDS = {"channel": CHANNEL, "impact": LEVEL, "urgency": LEVEL}


def history_text(entry: queries.HistoryEntry) -> str:
    """One history entry as a sentence."""
    if entry.kind == "status":
        return name(STATUS, entry.name) + (f" ({name(REASON, entry.new)})" if entry.new else "")
    if entry.kind == "field":
        names = CODED_FIELDS.get(entry.name)
        old, new = (name(names, entry.old), name(names, entry.new)) if names else (entry.old, entry.new)
        return f"{name(FIELD, entry.name)}: {old or '—'} → {new or '—'}"
    if entry.kind == "note":
        return f"{name(VISIBILITY, entry.name)}: {entry.detail}"
    if entry.kind == "milestone":
        return name(MILESTONE, entry.name)
    if entry.kind == "attachment":
        return f"{entry.name} ({entry.detail})"
    return tr(NAME, "Level {level}: {action} — {summary}").format(level=entry.name, action=name(ACTION, entry.new),
                                                                 summary=stored_sentence(entry.detail))


@dataclass
class Bundle:
    """Everything the window shows, read in one go."""

    view: queries.IncidentView
    history: list
    notes: list
    attachments: list
    work_orders: list
    escalations: list
    replays: list
    suggestions: list
    now: Any


def read(context: Context, number: str) -> Bundle:
    """Read the incident and everything around it (runs off the GUI thread)."""
    now = utcnow()
    with context.app.session() as session:
        view = queries.incident_view(session, number)
        bundle = Bundle(view, queries.history(session, view.id), queries.notes(session, view.id),
                        queries.attachments(session, view.id), queries.work_orders(session, view.id),
                        queries.escalations(session, view.id), [],
                        knowledge.hits(session, knowledge.suggest_ids(session, view.title, 5)), now)
    bundle.replays = engine.explain(context.app, number, now)
    return bundle


class IncidentWindow(QDialog):
    """The window of one incident; ``show_for`` opens it or raises the one already open."""

    open_windows: dict[str, IncidentWindow] = {}

    @classmethod
    def show_for(cls, parent: QWidget, context: Context, number: str, on_change: Callable[[], None] | None = None):
        """Show the window of ``number`` (one per incident)."""
        number = str(number).strip().upper()
        window = cls.open_windows.get(number)
        if window is None:
            window = cls(parent, context, number, on_change)
            cls.open_windows[number] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def __init__(self, parent: QWidget | None, context: Context, number: str,
                 on_change: Callable[[], None] | None = None):
        super().__init__(parent)
        self.context, self.number, self.on_change = context, number, on_change
        self.zone = user_zone(context)
        self.bundle: Bundle | None = None
        self.busy = True
        self.setWindowTitle(number)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1080, 760)
        layout = QVBoxLayout(self)
        self.heading = section_label(number)
        self.heading.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        self.summary.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        self.buttons = QHBoxLayout()
        layout.addLayout(self.buttons)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.overview = QTextBrowser()
        self.sla_tab = QWidget()
        self.sla_layout = QVBoxLayout(self.sla_tab)
        self.canvas: ChartCanvas | None = None
        self.explain = QTextBrowser()
        self.explain.setMinimumHeight(150)
        self.escalations = make_table([QT_TRANSLATE_NOOP("incidents", "Fired"), QT_TRANSLATE_NOOP("incidents", "Level"),
                                   QT_TRANSLATE_NOOP("incidents", "Action"), QT_TRANSLATE_NOOP("incidents", "What happened"),
                                   QT_TRANSLATE_NOOP("incidents", "Acknowledged")])
        self.escalations.setMaximumHeight(150)
        self.ack_button = QPushButton(tr(NAME, "Acknowledge escalation"))
        self.ack_button.clicked.connect(self._acknowledge)
        self.notes = QTextBrowser()
        self.orders = make_table([QT_TRANSLATE_NOOP("incidents", "Number"), QT_TRANSLATE_NOOP("incidents", "Kind"),
                              QT_TRANSLATE_NOOP("incidents", "Title"), QT_TRANSLATE_NOOP("incidents", "Status"),
                              QT_TRANSLATE_NOOP("incidents", "Assignee"), QT_TRANSLATE_NOOP("incidents", "Group"),
                              QT_TRANSLATE_NOOP("incidents", "Partner"), QT_TRANSLATE_NOOP("incidents", "Service order"),
                              QT_TRANSLATE_NOOP("incidents", "Created")])
        self.files = make_table([QT_TRANSLATE_NOOP("incidents", "File"), QT_TRANSLATE_NOOP("incidents", "Type"),
                             QT_TRANSLATE_NOOP("incidents", "Size"), QT_TRANSLATE_NOOP("incidents", "Added"),
                             QT_TRANSLATE_NOOP("incidents", "By")])
        self.history = make_table([QT_TRANSLATE_NOOP("incidents", "When"), QT_TRANSLATE_NOOP("incidents", "What"),
                               QT_TRANSLATE_NOOP("incidents", "Who"), QT_TRANSLATE_NOOP("incidents", "Details")])
        self.articles = QTextBrowser()
        self.articles.setOpenLinks(False)
        self._build_tabs()
        self.reload()

    # -- layout ----------------------------------------------------------------------------------
    def _tab_with(self, widget: QWidget, *buttons: tuple[str, Callable[[], None], str | None]) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addWidget(widget, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        for title, action, permission in buttons:
            if permission and not self.context.actor.can(permission):
                continue
            button = QPushButton(tr(NAME, title))
            button.setAutoDefault(False)
            button.clicked.connect(action)
            row.addWidget(button)
        layout.addLayout(row)
        return box

    def _build_tabs(self) -> None:
        self.tabs.addTab(self.overview, tr(NAME, "Overview"))
        self.sla_layout.addWidget(self.explain)
        self.sla_layout.addWidget(section_label(tr(NAME, "Escalations")))
        self.sla_layout.addWidget(self.escalations)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.ack_button)
        self.sla_layout.addLayout(row)
        self.tabs.addTab(self.sla_tab, tr(NAME, "SLA explain"))
        self.tabs.addTab(self._tab_with(self.notes, (QT_TRANSLATE_NOOP("incidents", "Add note…"), self._note, EDIT)),
                         tr(NAME, "Notes"))
        self.tabs.addTab(self._tab_with(
            self.orders, (QT_TRANSLATE_NOOP("incidents", "New work order…"), self._new_order, EDIT),
            (QT_TRANSLATE_NOOP("incidents", "Move work order…"), self._move_order, EDIT)), tr(NAME, "Work orders"))
        self.tabs.addTab(self._tab_with(
            self.files, (QT_TRANSLATE_NOOP("incidents", "Attach file…"), self._attach, EDIT),
            (QT_TRANSLATE_NOOP("incidents", "Save a copy…"), self._save_file, None)), tr(NAME, "Attachments"))
        self.tabs.addTab(self.history, tr(NAME, "History"))
        self.tabs.addTab(self._tab_with(
            self.articles, (QT_TRANSLATE_NOOP("incidents", "Capture as article…"), self._capture, KNOWLEDGE)),
            tr(NAME, "Knowledge"))

    def loading(self) -> bool:
        """True while the incident is being read (the screenshot tool and tests wait for it)."""
        return self.busy

    # -- reading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the incident again and redraw everything."""
        self.busy = True
        run_in_background(self, lambda: read(self.context, self.number), self._show, self._failed)

    def _failed(self, error: BaseException, text: str) -> None:
        self.busy = False
        self.tabs.hide()
        self.layout().addWidget(ErrorPanel(tr(NAME, "This incident could not be shown."), message_for(error), text,
                                           retry=False))

    def _changed(self) -> None:
        self.reload()
        if self.on_change is not None:
            self.on_change()

    def _show(self, bundle: Bundle) -> None:
        self.bundle, view = bundle, bundle.view
        self.setWindowTitle(f"{view.number} · {view.title}")
        self.heading.setText(f"{view.number} · {view.title}")
        status = name(STATUS, view.status) + (f" · {name(REASON, view.pending_reason)}" if view.pending_reason else "")
        due = display_text(view.due_at, self.zone) if view.due_at else "—"
        self.summary.setText(tr(NAME, "{priority} · {status} · {customer} · next deadline {due}").format(
            priority=view.priority, status=status, customer=view.customer, due=due)
            + (" · " + tr(NAME, "SLA breached") if view.sla_breached else ""))
        self.overview.setHtml(self._overview_html(view))
        self._show_sla(bundle)
        self.notes.setHtml(self._notes_html(bundle.notes))
        fill_table(self.orders, [[o[0], name(WORK_ORDER_KIND, o[1]), o[2], name(WORK_ORDER_STATUS, o[3]), o[4] or "",
                             o[5] or "", o[6] or "", o[7] or "", display_text(o[8], self.zone)]
                            for o in bundle.work_orders], [o[0] for o in bundle.work_orders])
        fill_table(self.files, [[a[1], a[2], f"{a[3]:,} B", display_text(a[4], self.zone), a[5]] for a in bundle.attachments],
              [a[0] for a in bundle.attachments])
        fill_table(self.history, [[display_text(e.at, self.zone), name(HISTORY_KINDS, e.kind),
                                   name(SYSTEM_ACTORS, e.actor) if e.actor in SYSTEM_ACTORS else e.actor,
                                   history_text(e)] for e in bundle.history])
        self.articles.setHtml(self._articles_html(bundle.suggestions))
        self._build_buttons(view)
        self.busy = False

    def _overview_html(self, view: queries.IncidentView) -> str:
        zone = self.zone
        people = DetailSection(QT_TRANSLATE_NOOP("incidents", "Who and where"), [
            (QT_TRANSLATE_NOOP("incidents", "Customer"), view.customer + (f" · {view.customer_phone}"
                                                                          if view.customer_phone else "")),
            (QT_TRANSLATE_NOOP("incidents", "Caller"), " · ".join(filter(None, (view.caller_name, view.caller_phone)))
             or "—"),
            (QT_TRANSLATE_NOOP("incidents", "Site"), view.site or "—"),
            (QT_TRANSLATE_NOOP("incidents", "Asset"), view.asset or "—"),
            (QT_TRANSLATE_NOOP("incidents", "Assignee"), view.assignee or "—"),
            (QT_TRANSLATE_NOOP("incidents", "Group"), view.group or "—"),
        ])
        facts = DetailSection(QT_TRANSLATE_NOOP("incidents", "Incident"), [
            (QT_TRANSLATE_NOOP("incidents", "Category"), view.category),
            (QT_TRANSLATE_NOOP("incidents", "Channel"), name(CHANNEL, view.channel)),
            (QT_TRANSLATE_NOOP("incidents", "Impact × urgency"),
             f"{name(LEVEL, view.impact) or '—'} × {name(LEVEL, view.urgency) or '—'} → {view.priority}"),
            (QT_TRANSLATE_NOOP("incidents", "Opened"), view.opened_at),
            (QT_TRANSLATE_NOOP("incidents", "Service restored"), view.restored_at or "—"),
            (QT_TRANSLATE_NOOP("incidents", "Resolved"), view.resolved_at or "—"),
            (QT_TRANSLATE_NOOP("incidents", "Closed"), view.closed_at or "—"),
        ])
        terms = DetailSection(QT_TRANSLATE_NOOP("incidents", "Entitlement"), [
            (QT_TRANSLATE_NOOP("incidents", "Contract"), view.contract or "—"),
            (QT_TRANSLATE_NOOP("incidents", "Service level"), level_name(view.service_level) or "—"),
            (QT_TRANSLATE_NOOP("incidents", "Billable"), tr(NAME, "Yes") if view.billable else tr(NAME, "No")),
            (QT_TRANSLATE_NOOP("incidents", "Why"), stored_sentence(view.entitlement_note)),
            (QT_TRANSLATE_NOOP("incidents", "Charge"), f"{view.charge:,}" if view.charge is not None else "—"),
            (QT_TRANSLATE_NOOP("incidents", "Distance"), f"{view.distance_km:,} km" if view.distance_km is not None
             else "—"),
        ])
        texts = DetailSection(QT_TRANSLATE_NOOP("incidents", "Description and resolution"), [
            (QT_TRANSLATE_NOOP("incidents", "Description"), view.description or "—"),
            (QT_TRANSLATE_NOOP("incidents", "Resolution"), view.resolution or "—"),
        ])
        return detail_html(f"{view.number} · {view.title}", [facts, people, terms, texts], owner=NAME, zone=zone)

    def _notes_html(self, notes: list) -> str:
        if not notes:
            return f"<p style='color:#5f6b7a'>{escape(tr(NAME, 'No notes yet.'))}</p>"
        parts = []
        for note in notes:
            colour = "#e3ecf7" if note.visibility == "customer" else "#f4f6f9"
            parts.append(f"<div style='background:{colour}; padding:6px; margin:4px 0'>"
                         f"<b>{escape(note.author)}</b> · {escape(display_text(note.at, self.zone))} · "
                         f"{escape(name(VISIBILITY, note.visibility))}"
                         + (f" · {escape(note.source)}" if note.source else "")
                         + f"<br>{escape(note.body).replace(chr(10), '<br>')}</div>")
        return "".join(parts)

    def _articles_html(self, hits: list) -> str:
        if not hits:
            return f"<p style='color:#5f6b7a'>{escape(tr(NAME, 'No published article matches this incident.'))}</p>"
        return "".join(f"<p><b>{escape(h.number)} {escape(h.title)}</b><br><span style='color:#5f6b7a'>"
                       f"{escape(h.category)}</span><br>{escape(h.solution)}</p>" for h in hits)

    def _show_sla(self, bundle: Bundle) -> None:
        replays, zone = bundle.replays, charts.zone_of(self.context)
        if self.canvas is not None:
            self.canvas.deleteLater()
        self.canvas = ChartCanvas(lambda figure, _c: charts.timeline(figure, replays, bundle.now, zone), self.context)
        self.canvas.setMinimumHeight(max(200, 70 + 42 * len([r for _s, r in replays if r.state is not None])))
        self.sla_layout.insertWidget(0, self.canvas, 1)
        html = []
        for subject, result in replays:
            lines = explain.sentences(result, self.zone, bundle.view.priority, bundle.view.distance_km)
            html.append(f"<p style='margin:6px 0 2px 0'><b>{escape(explain.heading(subject, result))}</b></p>"
                        + "".join(f"<div style='margin-left:12px'>{escape(line)}</div>" for line in lines))
        self.explain.setHtml("".join(html) or escape(tr(NAME, "No SLA definition covers this incident.")))
        fill_table(self.escalations, [[display_text(e.fired_at, self.zone), str(e.level), name(ACTION, e.action),
                                      stored_sentence(e.summary),
                                  f"{e.acknowledged_by} · {display_text(e.acknowledged_at, self.zone)}"
                                  if e.acknowledged_at else ""] for e in bundle.escalations],
              [e.id for e in bundle.escalations])
        self.ack_button.setEnabled(any(e.acknowledged_at is None for e in bundle.escalations)
                                   and self.context.actor.can(EDIT))

    # -- actions ---------------------------------------------------------------------------------
    def _build_buttons(self, view: queries.IncidentView) -> None:
        while self.buttons.count():
            item = self.buttons.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        actor = self.context.actor
        if not actor.can(EDIT):
            self.buttons.addWidget(QLabel(tr(NAME, "You can read this incident.")))
            self.buttons.addStretch(1)
            return
        moves = records.TRANSITIONS[view.status]
        wanted: list[tuple[str, Callable[[], None]]] = []
        if view.assignee_id is None and view.status not in ("resolved", "closed"):
            wanted.append((QT_TRANSLATE_NOOP("incidents", "Take"), self._take))
        if view.status not in ("resolved", "closed"):
            wanted.append((QT_TRANSLATE_NOOP("incidents", "Assign…"), self._assign))
        if "in_progress" in moves:
            wanted.append((QT_TRANSLATE_NOOP("incidents", "Resume work") if view.status == "pending"
                           else QT_TRANSLATE_NOOP("incidents", "Start work"), lambda: self._move("in_progress")))
        if "pending" in moves:
            wanted.append((QT_TRANSLATE_NOOP("incidents", "Pending…"), self._pending))
        if view.status in ("assigned", "in_progress", "pending", "reopened") and view.restored_at is None:
            wanted.append((QT_TRANSLATE_NOOP("incidents", "Service restored"), self._restored))
        if "resolved" in moves:
            wanted.append((QT_TRANSLATE_NOOP("incidents", "Resolve…"), self._resolve))
        if "closed" in moves:
            wanted.append((QT_TRANSLATE_NOOP("incidents", "Close"), lambda: self._move("closed")))
        if "reopened" in moves:
            wanted.append((QT_TRANSLATE_NOOP("incidents", "Reopen"), lambda: self._move("reopened")))
        wanted.append((QT_TRANSLATE_NOOP("incidents", "Edit…"), self._edit))
        for title, action in wanted:
            button = QPushButton(tr(NAME, title))
            button.setAutoDefault(False)
            button.clicked.connect(action)
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        refresh = QPushButton(tr(NAME, "Refresh"))
        refresh.setAutoDefault(False)
        refresh.clicked.connect(self.reload)
        self.buttons.addWidget(refresh)

    def _run(self, work: Callable[[], Any]) -> None:
        def failed(error: BaseException, _text: str) -> None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, self.number, message_for(error))

        run_in_background(self, work, lambda _r: self._changed(), failed)

    def _move(self, status: str) -> None:
        version = self.bundle.view.version
        self._run(lambda: records.change_status(self.context.app, self.context.actor, self.number, status,
                                                expected_version=version))

    def _take(self) -> None:
        self._run(lambda: records.assign(self.context.app, self.context.actor, self.number,
                                         assignee_id=self.context.actor.user_id))

    def _restored(self) -> None:
        self._run(lambda: records.mark_restored(self.context.app, self.context.actor, self.number))

    def _acknowledge(self) -> None:
        row = self.escalations.currentRow()
        open_ones = [e for e in self.bundle.escalations if e.acknowledged_at is None]
        chosen = self.bundle.escalations[row] if row >= 0 else (open_ones[0] if open_ones else None)
        if chosen is not None:
            self._run(lambda: acknowledge.acknowledge(self.context.app, self.context.actor, chosen.id))

    def _pending(self) -> None:
        forms.pending(self, self.context, self.bundle.view, self._changed)

    def _resolve(self) -> None:
        forms.resolve(self, self.context, self.bundle.view, self._changed)

    def _assign(self) -> None:
        forms.assign(self, self.context, self.bundle.view, self._changed)

    def _edit(self) -> None:
        forms.edit_incident(self, self.context, self.bundle.view, self._changed)

    def _note(self) -> None:
        forms.note(self, self.context, self.number, self._changed)

    def _new_order(self) -> None:
        forms.new_work_order(self, self.context, self.number, self._changed)

    def _move_order(self) -> None:
        row = self.orders.currentRow()
        if row < 0:
            if not self.bundle.work_orders:
                return
            row = 0
        forms.move_work_order(self, self.context, self.bundle.work_orders[row][0], self._changed)

    def _attach(self) -> None:
        path, _kind = QFileDialog.getOpenFileName(self, tr(NAME, "Attach a file"))
        if path:
            self._run(lambda: notes.add_attachment(self.context.app, self.context.actor, self.number, Path(path)))

    def _save_file(self) -> None:
        row = self.files.currentRow()
        if row < 0 or not self.bundle.attachments:
            return
        attachment_id, file_name = self.bundle.attachments[row][0], self.bundle.attachments[row][1]
        path, _kind = QFileDialog.getSaveFileName(self, tr(NAME, "Save a copy"), file_name)
        if path:
            def save():
                _name, data = notes.attachment_data(self.context.app, self.context.actor, attachment_id)
                Path(path).write_bytes(data)

            run_in_background(self, save, None, lambda error, _t: self.summary.setText(message_for(error)))

    def _capture(self) -> None:
        self._run(lambda: knowledge.capture_from_incident(self.context.app, self.context.actor, self.number))

    def done(self, result: int) -> None:  # noqa: D401 - Qt's name
        """Forget the window when it closes."""
        IncidentWindow.open_windows.pop(self.number, None)
        super().done(result)

