"""SLA definitions: each target's metric, start and stop events, pause reasons, calendar, targets per
priority or distance table, and its escalation ladder. Saving recomputes the open incidents it covers,
with progress (the sweep finishes what a cancelled recompute left)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
)
from sqlalchemy import select

from console.api import Context, Group, calendar_names
from console.api.ui import (
    ChoiceFilter,
    Column,
    DetailSection,
    Field,
    FormDialog,
    ListPage,
    PageAction,
    detail_html,
    message_for,
    run_in_background,
    run_with_progress,
    tr,
)
from plugins.incidents.models import (
    INCIDENT_EVENTS,
    NOTIFY_TARGETS,
    PENDING_REASONS,
    SLA_KINDS,
    SLA_METRICS,
    SLA_SCOPES,
    WORK_ORDER_EVENTS,
    WORK_ORDER_KINDS,
    EscalationLevel,
    SlaDefinition,
)
from plugins.incidents.rules import SLA_EDIT
from plugins.incidents.sla import definitions
from plugins.incidents.sla.clocks import DEFAULT_DISTANCE_RULES
from plugins.incidents.ui.names import (
    ACTION,
    EVENT,
    METRIC,
    NAME,
    NOTIFY_TARGET,
    REASON,
    SCOPE,
    SLA_KIND,
    TRIGGER,
    WORK_ORDER_KIND,
    choices,
    duration,
    level_name,
    name,
    named,
)

EVENTS = {code: EVENT[code] for code in dict.fromkeys((*INCIDENT_EVENTS, *WORK_ORDER_EVENTS))}


def _targets(p1, p2, p3, p4, rules) -> str:
    if rules:
        return tr(NAME, "distance table {rules}").format(rules=rules)
    return " / ".join(duration(v) if v else "—" for v in (p1, p2, p3, p4))


def definition_detail(context: Context, definition_id: int) -> str:
    """A definition and its ladder, in words."""
    with context.app.session() as session:
        d = session.get(SlaDefinition, definition_id)
        if d is None:
            return tr(NAME, "This definition no longer exists.")
        levels = list(session.scalars(select(EscalationLevel).where(EscalationLevel.definition_id == definition_id)
                                      .order_by(EscalationLevel.level)))
        groups = dict(session.execute(select(Group.id, Group.name)).all())
    pauses = tr(NAME, ", ").join(name(REASON, r) for r in d.pause_reasons.split(",") if r) or tr(NAME, "never")
    facts = DetailSection(QT_TRANSLATE_NOOP("incidents", "Definition"), [
        (QT_TRANSLATE_NOOP("incidents", "Kind"), name(SLA_KIND, d.kind)),
        (QT_TRANSLATE_NOOP("incidents", "Measures"), f"{name(SCOPE, d.scope)} · {name(METRIC, d.metric)}"
         + (f" · {name(WORK_ORDER_KIND, d.work_order_kind)}" if d.work_order_kind else "")),
        (QT_TRANSLATE_NOOP("incidents", "Counts"), f"{name(EVENT, d.start_event)} → {name(EVENT, d.stop_event)}"),
        (QT_TRANSLATE_NOOP("incidents", "Pauses while pending"), pauses),
        (QT_TRANSLATE_NOOP("incidents", "Calendar"), d.calendar_name or tr(NAME, "24×7 (round the clock)")),
        (QT_TRANSLATE_NOOP("incidents", "Service level"), level_name(d.service_level) or tr(NAME, "every level (default)")),
        (QT_TRANSLATE_NOOP("incidents", "Targets P1 / P2 / P3 / P4"),
         _targets(d.p1_minutes, d.p2_minutes, d.p3_minutes, d.p4_minutes, d.distance_rules)),
        (QT_TRANSLATE_NOOP("incidents", "Active"), tr(NAME, "Yes") if d.active else tr(NAME, "No")),
    ])
    ladder = DetailSection(QT_TRANSLATE_NOOP("incidents", "Escalation ladder"), [
        (tr(NAME, "Level {level}").format(level=level.level), level_text(level, groups)) for level in levels]
        or [(QT_TRANSLATE_NOOP("incidents", "Levels"), tr(NAME, "none: this target does not escalate"))])
    return detail_html(d.name, [facts, ladder], owner=NAME)


def level_text(level: EscalationLevel, groups: dict[int, str]) -> str:
    """``at 75 %: notify the group lead, every 60 min``."""
    when = (tr(NAME, "at {share}% of the target").format(share=level.share_percent) if level.trigger == "share"
            else tr(NAME, "after {minutes} min counted").format(minutes=level.offset_minutes))
    what = name(ACTION, level.action)
    if level.action == "notify":
        what += " " + (name(NOTIFY_TARGET, level.notify_target) + (f" ({level.role})" if level.role else ""))
    elif level.action == "reassign":
        what += f" {groups.get(level.group_id, level.group_id)}"
    again = tr(NAME, ", again every {minutes} min until acknowledged").format(minutes=level.repeat_minutes) \
        if level.repeat_minutes else ""
    return f"{when}: {what}{again}"


def sla_page(context: Context) -> ListPage:
    """The list of SLA definitions."""
    query = select(SlaDefinition.name, SlaDefinition.kind, SlaDefinition.metric, SlaDefinition.service_level,
                   SlaDefinition.calendar_name, SlaDefinition.p1_minutes, SlaDefinition.p2_minutes,
                   SlaDefinition.p3_minutes, SlaDefinition.p4_minutes, SlaDefinition.distance_rules,
                   SlaDefinition.active)
    minutes_column = {"format": duration, "align": "right", "width": 9, "nullable": True}
    columns = [
        Column(QT_TRANSLATE_NOOP("incidents", "Name"), searchable=True, width=30),
        Column(QT_TRANSLATE_NOOP("incidents", "Kind"), format=named(SLA_KIND), width=14),
        Column(QT_TRANSLATE_NOOP("incidents", "Metric"), format=named(METRIC), width=8),
        Column(QT_TRANSLATE_NOOP("incidents", "Service level"), nullable=True, width=10,
               format=lambda v: level_name(v) or tr(NAME, "(default)")),
        Column(QT_TRANSLATE_NOOP("incidents", "Calendar"), nullable=True, width=18,
               format=lambda v: v or tr(NAME, "24×7")),
        Column("P1", **minutes_column), Column("P2", **minutes_column), Column("P3", **minutes_column),
        Column("P4", **minutes_column),
        Column(QT_TRANSLATE_NOOP("incidents", "Distance table"), nullable=True, width=20),
        Column(QT_TRANSLATE_NOOP("incidents", "Active"), align="center", width=7),
    ]
    filters = [ChoiceFilter(QT_TRANSLATE_NOOP("incidents", "Show"), [
        (QT_TRANSLATE_NOOP("incidents", "Active definitions"), SlaDefinition.active.is_(True)),
        (QT_TRANSLATE_NOOP("incidents", "All definitions"), None)])]
    page = ListPage(
        context, owner=NAME, query=query, columns=columns, key=SlaDefinition.id, sort=(0, Qt.SortOrder.AscendingOrder),
        filters=filters,
        actions=[PageAction(QT_TRANSLATE_NOOP("incidents", "New definition…"), lambda p: edit_definition(p, context, None),
                            permission=SLA_EDIT, primary=True),
                 PageAction(QT_TRANSLATE_NOOP("incidents", "Edit…"), lambda p: edit_definition(p, context, p.current_key()),
                            needs_row=True, permission=SLA_EDIT),
                 PageAction(QT_TRANSLATE_NOOP("incidents", "Escalation ladder…"),
                            lambda p: edit_ladder(p, context, p.current_key()), needs_row=True, permission=SLA_EDIT),
                 PageAction(QT_TRANSLATE_NOOP("incidents", "Recompute open incidents"), lambda p: recompute(p, context, True),
                            permission=SLA_EDIT)],
        detail=lambda definition_id: definition_detail(context, definition_id),
        count_text=QT_TRANSLATE_NOOP("incidents", "{count} definitions"),
        empty_text=QT_TRANSLATE_NOOP("incidents", "No SLA definition yet."), export_name="sla-definitions")
    return page


def recompute(page: ListPage, context: Context, everything: bool = False) -> None:
    """Rebuild the clocks waiting for it (every open incident's with ``everything``), with progress."""
    def work(progress) -> int:
        if everything:
            with context.app.unit_of_work(context.actor, SLA_EDIT) as unit:
                definitions.mark_covered(unit.session, {None})
        return definitions.recompute_pending(context.app, lambda done, total: progress.report(
            done, total, tr(NAME, "{done} of {total} incidents recomputed").format(done=f"{done:,}", total=f"{total:,}")))

    run_with_progress(page, tr(NAME, "Recomputing SLA clocks…"), work,
                      on_done=lambda count: page.count_label.setText(
                          tr(NAME, "{count} incidents recomputed").format(count=f"{count:,}")))


def edit_definition(page: ListPage, context: Context, definition_id: int | None) -> None:
    """The definition form; saving recomputes what it covers, with progress."""
    def load():
        calendars = calendar_names(context.app)
        if definition_id is None:
            return calendars, {"kind": "sla", "scope": "incident", "metric": "resolve", "start_event": "created",
                               "stop_event": "resolved", "active": True}
        with context.app.session() as session:
            d = session.get(SlaDefinition, definition_id)
            values = {f: getattr(d, f) for f in definitions.FIELDS}
            values["version"] = d.version
        return calendars, values

    def show(data) -> None:
        calendars, values = data
        version = values.pop("version", None)
        reasons = set((values.get("pause_reasons") or "").split(","))
        for reason in PENDING_REASONS:
            values[f"pause_{reason}"] = reason in reasons
        fields = [
            Field("name", QT_TRANSLATE_NOOP("incidents", "Name"), required=True),
            Field("kind", QT_TRANSLATE_NOOP("incidents", "Kind"), "choice", choices(SLA_KIND, SLA_KINDS), required=True),
            Field("scope", QT_TRANSLATE_NOOP("incidents", "Measures"), "choice", choices(SCOPE, SLA_SCOPES),
                  required=True),
            Field("work_order_kind", QT_TRANSLATE_NOOP("incidents", "Work orders of kind"), "choice",
                  [(None, "—"), *choices(WORK_ORDER_KIND, WORK_ORDER_KINDS)]),
            Field("metric", QT_TRANSLATE_NOOP("incidents", "Metric"), "choice", choices(METRIC, SLA_METRICS),
                  required=True),
            Field("start_event", QT_TRANSLATE_NOOP("incidents", "Starts at"), "choice", choices(EVENTS), required=True),
            Field("stop_event", QT_TRANSLATE_NOOP("incidents", "Stops at"), "choice", choices(EVENTS), required=True),
            *[Field(f"pause_{r}", REASON[r], "bool",
                    help=QT_TRANSLATE_NOOP("incidents", "The clock pauses while the incident is pending for this "
                                                        "reason.")) for r in PENDING_REASONS],
            Field("calendar_name", QT_TRANSLATE_NOOP("incidents", "Calendar"), "choice",
                  [(None, QT_TRANSLATE_NOOP("incidents", "24×7 (round the clock)")), *[(c, c) for c in calendars]]),
            Field("service_level", QT_TRANSLATE_NOOP("incidents", "Service level"),
                  help=QT_TRANSLATE_NOOP("incidents", "The contract level it covers (e.g. gold); empty: the default "
                                                      "for every level.")),
            *[Field(f"p{n}_minutes", label, "int", maximum=525_600) for n, label in enumerate((
                QT_TRANSLATE_NOOP("incidents", "P1 target (minutes)"), QT_TRANSLATE_NOOP("incidents", "P2 target (minutes)"),
                QT_TRANSLATE_NOOP("incidents", "P3 target (minutes)"), QT_TRANSLATE_NOOP("incidents", "P4 target (minutes)")),
                start=1)],
            Field("distance_rules", QT_TRANSLATE_NOOP("incidents", "Distance table"),
                  help=QT_TRANSLATE_NOOP("incidents", "Onsite only: km:duration from the nearest service centre, e.g. "
                                                      "50:4h, 100:8h, 200:1d (end of the next working day), 300:2d; "
                                                      "beyond the last: agreed per case.")),
            Field("active", QT_TRANSLATE_NOOP("incidents", "Active"), "bool"),
        ]
        if definition_id is None:
            values.setdefault("distance_rules", "")

        def save(entered: dict) -> int:
            entered["pause_reasons"] = ",".join(r for r in PENDING_REASONS if entered.pop(f"pause_{r}"))
            for n in range(1, 5):
                entered[f"p{n}_minutes"] = entered[f"p{n}_minutes"] or None
            return definitions.save_definition(context.app, context.actor, definition_id=definition_id,
                                               expected_version=version, recompute=False, **entered)

        dialog = FormDialog(page, tr(NAME, "SLA definition"), fields, save, owner=NAME, values=values,
                            intro=tr(NAME, "Targets are minutes of counted time on the calendar; 0 leaves a priority "
                                           "without target. For onsite, a distance table replaces them, e.g. "
                                           "{example}.").format(example=DEFAULT_DISTANCE_RULES))
        dialog.saved.connect(lambda _id: (page.refresh(), recompute(page, context)))
        dialog.open()

    run_in_background(page, load, show, lambda error, _t: page.show_message(error))


class LadderDialog(QDialog):
    """The escalation ladder of one definition, one row per level."""

    def __init__(self, parent, context: Context, definition_id: int, version: int, levels: list[dict],
                 groups: list[tuple[int, str]]):
        super().__init__(parent)
        self.context, self.definition_id, self.version, self.groups = context, definition_id, version, groups
        self.setWindowTitle(tr(NAME, "Escalation ladder"))
        self.resize(980, 420)
        layout = QVBoxLayout(self)
        hint = QLabel(tr(NAME, "Levels fire at a share of the target or after minutes of counted time; a level with "
                               "a repeat interval fires again until someone acknowledges it or the clock stops."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        headers = [QT_TRANSLATE_NOOP("incidents", "Fires"), QT_TRANSLATE_NOOP("incidents", "At"),
                   QT_TRANSLATE_NOOP("incidents", "Action"), QT_TRANSLATE_NOOP("incidents", "Whom"),
                   QT_TRANSLATE_NOOP("incidents", "Role or group"), QT_TRANSLATE_NOOP("incidents", "Repeat (min)")]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels([tr(NAME, h) for h in headers])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(True)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        add, remove = QPushButton(tr(NAME, "Add level")), QPushButton(tr(NAME, "Remove level"))
        add.clicked.connect(lambda: self.add_row({}))
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)
        for level in levels:
            self.add_row(level)
        for column, width in enumerate((190, 90, 170, 200, 180)):
            self.table.setColumnWidth(column, width)

    @staticmethod
    def _combo(entries: list[tuple], value) -> QComboBox:
        box = QComboBox()
        for code, label in entries:
            box.addItem(tr(NAME, label), code)
        box.setCurrentIndex(max(0, box.findData(value)))
        return box

    def add_row(self, level: dict) -> None:
        """A row for ``level`` (a new one: 50 %, notify the assignee)."""
        r = self.table.rowCount()
        self.table.insertRow(r)
        trigger = level.get("trigger") or "share"
        amount = QSpinBox()
        amount.setRange(1, 100_000)
        amount.setValue(int(level.get("share_percent") or level.get("offset_minutes") or 50))
        repeat = QSpinBox()
        repeat.setRange(0, 100_000)
        repeat.setSpecialValueText(tr(NAME, "no repeat"))
        repeat.setValue(int(level.get("repeat_minutes") or 0))
        whom = [(t, NOTIFY_TARGET[t]) for t in NOTIFY_TARGETS]
        extra = [(None, "—"), *[(f"role:{r}", r) for r in definitions.ROLES],
                 *[(f"group:{g}", n) for g, n in self.groups]]
        extra_value = f"role:{level['role']}" if level.get("role") else (
            f"group:{level['group_id']}" if level.get("group_id") else None)
        widgets = [self._combo(list(TRIGGER.items()), trigger), amount,
                   self._combo(list(ACTION.items()), level.get("action") or "notify"),
                   self._combo(whom, level.get("notify_target") or "assignee"), self._combo(extra, extra_value), repeat]
        for column, widget in enumerate(widgets):
            self.table.setCellWidget(r, column, widget)

    def levels(self) -> list[dict]:
        """The ladder as the service takes it."""
        rows = []
        for r in range(self.table.rowCount()):
            trigger, amount, action, whom, extra, repeat = (self.table.cellWidget(r, c) for c in range(6))
            extra_value = extra.currentData() or ""
            rows.append({"trigger": trigger.currentData(), "action": action.currentData(),
                         "share_percent": amount.value() if trigger.currentData() == "share" else None,
                         "offset_minutes": amount.value() if trigger.currentData() == "offset" else None,
                         "notify_target": whom.currentData() if action.currentData() == "notify" else None,
                         "role": extra_value.removeprefix("role:") if extra_value.startswith("role:") else None,
                         "group_id": int(extra_value.removeprefix("group:")) if extra_value.startswith("group:")
                         else None, "repeat_minutes": repeat.value() or None})
        return rows

    def save(self) -> None:
        """Save off the GUI thread; a refusal keeps the rows as edited."""
        levels = self.levels()
        self.buttons.setEnabled(False)

        def failed(error: BaseException, _text: str) -> None:
            self.buttons.setEnabled(True)
            self.error.setText(message_for(error))
            self.error.show()

        run_in_background(self, lambda: definitions.save_definition(
            self.context.app, self.context.actor, definition_id=self.definition_id, expected_version=self.version,
            levels=levels, recompute=False), lambda _id: self.accept(), failed)


def edit_ladder(page: ListPage, context: Context, definition_id: int) -> None:
    """Open the ladder editor of the selected definition."""
    def load():
        with context.app.session() as session:
            version = session.get(SlaDefinition, definition_id).version
            levels = [{c: getattr(level, c) for c in ("trigger", "share_percent", "offset_minutes", "action",
                                                       "notify_target", "role", "group_id", "repeat_minutes")}
                      for level in session.scalars(select(EscalationLevel).where(
                          EscalationLevel.definition_id == definition_id).order_by(EscalationLevel.level))]
            groups = session.execute(select(Group.id, Group.name).order_by(Group.name)).all()
        return version, levels, [tuple(g) for g in groups]

    def show(data) -> None:
        dialog = LadderDialog(page, context, definition_id, *data)
        dialog.accepted.connect(lambda: (page.refresh(), recompute(page, context)))
        dialog.open()

    run_in_background(page, load, show, lambda error, _t: page.show_message(error))
