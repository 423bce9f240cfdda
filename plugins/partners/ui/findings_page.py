"""The audit findings: every finding with filters, its evidence beside it; run the rules now, accept or
overrule a finding with a comment, and configure the rules (on/off, severity, parameters)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import aliased

from console.api import Context, ServiceError, ValidationError
from console.api.ui import (
    ChoiceFilter,
    Column,
    ListPage,
    PageAction,
    message_for,
    run_in_background,
    run_with_progress,
    tr,
    user_zone,
)
from plugins.partners import access, findings
from plugins.partners.models import SEVERITIES, Claim, Finding, Partner, ServiceOrder
from plugins.partners.rules import all_rules
from plugins.partners.ui.common import FINDING_STATUS_NAMES, NAME, SEVERITY_NAMES, error_label, named
from plugins.partners.ui.findings_panel import SEVERITY_COLOURS, decision_form, finding_html, rule_title

STATUS_COLOURS = {"open": "#b3261e", "overruled": "#7f8c8d", "resolved": "#2e7d32"}


def findings_page(context: Context) -> ListPage:
    """Open findings first (newest first); filters by status, severity and rule."""
    order, claim = aliased(ServiceOrder), aliased(Claim)
    query = (select(Finding.found_at, Finding.rule, Finding.severity, Partner.code, order.number, claim.number,
                    Finding.summary, Finding.status)
             .join(Partner, Partner.id == Finding.partner_id)
             .outerjoin(order, order.id == Finding.order_id).outerjoin(claim, claim.id == Finding.claim_id))
    with findings.reading(context.app) as session:
        own = access.own_partner_id(session, context.actor)
    if own is not None:
        query = query.where(Finding.partner_id == own)
    columns = [
        Column(QT_TRANSLATE_NOOP("partners", "Found"), width=16),
        Column(QT_TRANSLATE_NOOP("partners", "Rule"), format=rule_title, searchable=True, width=30),
        Column(QT_TRANSLATE_NOOP("partners", "Severity"), format=named(SEVERITY_NAMES), colour=SEVERITY_COLOURS.get,
               width=9),
        Column(QT_TRANSLATE_NOOP("partners", "Partner"), searchable=True, width=10),
        Column(QT_TRANSLATE_NOOP("partners", "Order"), searchable=True, width=16),
        Column(QT_TRANSLATE_NOOP("partners", "Claim"), searchable=True, width=19),
        Column(QT_TRANSLATE_NOOP("partners", "Summary"), searchable=True, width=60),
        Column(QT_TRANSLATE_NOOP("partners", "Status"), format=named(FINDING_STATUS_NAMES), colour=STATUS_COLOURS.get,
               width=12),
    ]
    filters = [
        ChoiceFilter(QT_TRANSLATE_NOOP("partners", "Status"), [
            (QT_TRANSLATE_NOOP("partners", "Open findings"), Finding.status == "open"),
            (QT_TRANSLATE_NOOP("partners", "Accepted findings"), Finding.status == "accepted"),
            (QT_TRANSLATE_NOOP("partners", "Overruled findings"), Finding.status == "overruled"),
            (QT_TRANSLATE_NOOP("partners", "Resolved findings"), Finding.status == "resolved"),
            (QT_TRANSLATE_NOOP("partners", "All findings"), None)]),
        ChoiceFilter(QT_TRANSLATE_NOOP("partners", "Severity"),
                     [(QT_TRANSLATE_NOOP("partners", "Any severity"), None)]
                     + [(SEVERITY_NAMES[s], Finding.severity == s) for s in reversed(SEVERITIES)]),
        ChoiceFilter(QT_TRANSLATE_NOOP("partners", "Rule"),
                     [(QT_TRANSLATE_NOOP("partners", "Every rule"), None)]
                     + [(rule.title, Finding.rule == rule.name) for rule in all_rules()]),
    ]
    actions = [
        PageAction(QT_TRANSLATE_NOOP("partners", "Run rules now"), lambda p: run_now(p, context),
                   permission=findings.REVIEW, primary=True),
        PageAction(QT_TRANSLATE_NOOP("partners", "Accept…"), lambda p: decide(p, context, "accept"), needs_row=True,
                   permission=findings.REVIEW),
        PageAction(QT_TRANSLATE_NOOP("partners", "Overrule…"), lambda p: decide(p, context, "overrule"),
                   needs_row=True, permission=findings.REVIEW),
        PageAction(QT_TRANSLATE_NOOP("partners", "Configure rules…"), lambda p: configure(p, context),
                   permission=findings.CONFIGURE),
    ]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=Finding.id,
                    sort=(0, Qt.SortOrder.DescendingOrder), filters=filters, actions=actions,
                    detail=lambda key: finding_detail(context, key),
                    count_text=QT_TRANSLATE_NOOP("partners", "{count} findings"),
                    empty_text=QT_TRANSLATE_NOOP("partners", "No finding matches these filters."),
                    export_name="audit-findings")


def finding_detail(context: Context, finding_id: Any) -> str:
    """The finding's rule, sentence, decision and evidence."""
    with findings.reading(context.app) as session:
        finding = session.get(Finding, int(finding_id))
        if finding is None:
            return tr(NAME, "This finding no longer exists.")
        access.require_partner(session, context.actor, finding.partner_id, f"Finding {finding.id}")
        return finding_html(finding, user_zone(context))


def decide(page: ListPage, context: Context, decision: str) -> None:
    """Accept or overrule the selected finding with a comment."""
    key = page.current_key()
    if key is not None:
        decision_form(page, context, int(key), decision, lambda _result: page.refresh())


def run_report(summary: findings.RunSummary) -> str:
    """What a run did, rule by rule, in the user's language."""
    lines = [tr(NAME, "{new} new findings, {present} found again, {resolved} no longer found (resolved); {claims} "
                      "submitted claims moved to review ({seconds} s).").format(
        new=summary.new, present=summary.present, resolved=summary.resolved, claims=summary.claims_checked,
        seconds=f"{summary.ms / 1000:.1f}")]
    for outcome in summary.outcomes:
        if outcome.skipped is None:
            lines.append(tr(NAME, "{rule}: {new} new, {present} again, {resolved} resolved, {ms} ms").format(
                rule=rule_title(outcome.rule), new=outcome.new, present=outcome.present, resolved=outcome.resolved,
                ms=f"{outcome.ms:,.0f}"))
        elif outcome.skipped == "switched off":
            lines.append(tr(NAME, "{rule}: switched off").format(rule=rule_title(outcome.rule)))
        elif outcome.skipped.startswith("needs "):
            lines.append(tr(NAME, "{rule}: not run (needs {why})").format(
                rule=rule_title(outcome.rule), why=outcome.skipped.removeprefix("needs ")))
        else:
            lines.append(tr(NAME, "{rule}: failed ({why})").format(
                rule=rule_title(outcome.rule), why=outcome.skipped.removeprefix("failed: ")))
    return "\n".join(lines)


def run_now(page: ListPage, context: Context) -> None:
    """Run every enabled rule now behind a progress dialog, then say what each found."""
    title = tr(NAME, "Run rules now")

    def done(summary: findings.RunSummary) -> None:
        page.refresh()
        page.last_run = summary
        QMessageBox.information(page, title, run_report(summary))

    run_with_progress(page, tr(NAME, "Running the audit rules…"),
                      lambda progress: findings.run_rules(
                          context.app, context.actor,
                          progress=lambda n, total, rule: progress.report(n, total, tr(NAME, rule))), on_done=done)


def params_text(params: dict[str, Any]) -> str:
    """``days=30, min_km=5``."""
    return ", ".join(f"{key}={value}" for key, value in params.items())


def parse_params(text: str, rule: str) -> dict[str, str]:
    """``days=30, min_km=5`` as a dict of texts (the service checks the numbers)."""
    values = {}
    for part in filter(None, (p.strip() for p in text.replace("，", ",").split(","))):
        key, sep, value = part.partition("=")
        if not sep or not key.strip():
            raise ValidationError(tr(NAME, "Write the parameters of {rule} as name=value, separated by commas "
                                           "(e.g. days=30).").format(rule=rule_title(rule)), "params")
        values[key.strip()] = value.strip()
    return values


class RulesDialog(QDialog):
    """Every rule with its on/off switch, severity and parameters; Save applies the rows that changed."""

    HEADERS = (QT_TRANSLATE_NOOP("partners", "On"), QT_TRANSLATE_NOOP("partners", "Rule"),
               QT_TRANSLATE_NOOP("partners", "Severity"), QT_TRANSLATE_NOOP("partners", "Parameters"))

    def __init__(self, parent: QWidget | None, context: Context, configs: dict[str, findings.RuleConfig]):
        super().__init__(parent)
        self.context, self.configs = context, configs
        self.setWindowTitle(tr(NAME, "Configure the audit rules"))
        self.setMinimumSize(820, 520)
        layout = QVBoxLayout(self)
        self.error = error_label()
        layout.addWidget(self.error)
        self.table = QTableWidget(len(configs), len(self.HEADERS))
        self.table.setHorizontalHeaderLabels([tr(NAME, h) for h in self.HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.inputs: dict[str, tuple[QCheckBox, QComboBox, QLineEdit]] = {}
        for row, (rule_name, config) in enumerate(configs.items()):
            enabled = QCheckBox()
            enabled.setChecked(config.enabled)
            severity = QComboBox()
            for value in SEVERITIES:
                severity.addItem(tr(NAME, SEVERITY_NAMES[value]), value)
            severity.setCurrentIndex(severity.findData(config.severity))
            params = QLineEdit(params_text(config.params))
            params.setEnabled(bool(config.params))
            title = QTableWidgetItem(rule_title(rule_name))
            title.setToolTip(tr(NAME, config.rule.description))
            title.setFlags(title.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setCellWidget(row, 0, enabled)
            self.table.setItem(row, 1, title)
            self.table.setCellWidget(row, 2, severity)
            self.table.setCellWidget(row, 3, params)
            self.inputs[rule_name] = (enabled, severity, params)
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def changes(self) -> list[tuple[str, dict[str, Any]]]:
        """``(rule, configure_rule arguments)`` of every row that differs from what was loaded."""
        out = []
        for rule_name, (enabled, severity, params) in self.inputs.items():
            config = self.configs[rule_name]
            typed = {"enabled": enabled.isChecked(), "severity": severity.currentData(),
                     "params": parse_params(params.text(), rule_name)}
            loaded = {"enabled": config.enabled, "severity": config.severity,
                      "params": {k: str(v) for k, v in config.params.items()}}
            if typed != loaded:
                out.append((rule_name, {**typed, "expected_version": config.version}))
        return out

    def save(self) -> None:
        """Apply the changed rows off the GUI thread; a refused one is named and everything typed stays."""
        try:
            changes = self.changes()
        except ValidationError as error:
            self._show(error)
            return
        app, actor = self.context.app, self.context.actor
        saved: dict[str, findings.RuleConfig] = {}

        def work() -> int:
            for rule_name, arguments in changes:
                try:
                    version = findings.configure_rule(app, actor, rule_name, **arguments)
                except ServiceError as error:  # say which rule was refused; the earlier ones are saved
                    raise ValidationError(f"{rule_title(rule_name)}: {message_for(error)}", "params") from error
                saved[rule_name] = findings.RuleConfig(self.configs[rule_name].rule, arguments["enabled"],
                                                       arguments["severity"], arguments["params"], version)
            return len(changes)

        def failed(error: BaseException, _trace: str) -> None:
            self.configs.update(saved)  # a second Save applies only what is still to do
            self._show(error)

        self.buttons.setEnabled(False)
        run_in_background(self, work, lambda _n: self.accept(), failed)

    def _show(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(message_for(error))
        self.error.show()


def configure(page: ListPage, context: Context) -> None:
    """Open the rules dialog with the current settings (read off the GUI thread)."""
    def load() -> dict[str, findings.RuleConfig]:
        with findings.reading(context.app) as session:
            return findings.rule_settings(session)

    def show(configs) -> None:
        dialog = RulesDialog(page, context, configs)
        dialog.accepted.connect(page.refresh)
        dialog.open()

    run_in_background(page, load, show, lambda error, _t: page.show_message(error))

