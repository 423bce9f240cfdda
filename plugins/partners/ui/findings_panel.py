"""The findings of one claim or order with their evidence, and Accept/Overrule with a comment.

``FindingsPanel`` sits beside the order timeline on the claim review page; ``decision_form`` is the
comment dialog the findings page uses too. The rules' titles, summaries and descriptions and the
evidence labels are marked for translation here (the rules themselves are Qt-free).
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QMessageBox, QPushButton, QTextBrowser,
                               QVBoxLayout, QWidget)

from console.api import Context, NotFound
from console.api.ui import (DetailSection, Field, FormDialog, detail_html, message_for, run_in_background,
                            section_label, tr, user_zone)
from plugins.partners import findings
from plugins.partners.models import Finding
from plugins.partners.rules import get_rule, title_of
from plugins.partners.ui.common import (FINDING_STATUS_NAMES, NAME, SEVERITY_NAMES, STEP_NAMES, error_label,
                                        fill_table, name, read_only_table)

SEVERITY_COLOURS = {"critical": "#b3261e", "warning": "#b26a00", "info": "#2f6db5"}
#: Each built-in rule's (title, summary, description), as the rules define them, marked for translation.
RULE_TEXTS = {
    "duplicate_order_claim": (
        QT_TRANSLATE_NOOP("partners", "Duplicate claim for one order"),
        QT_TRANSLATE_NOOP("partners", "Claim {claim} is claim number {claims} for order {order}; {first_claim} "
                                      "already claims it."),
        QT_TRANSLATE_NOOP("partners", "Another claim (not rejected) for a service order that already has one.")),
    "duplicate_serial_claim": (
        QT_TRANSLATE_NOOP("partners", "Duplicate claim for one serial"),
        QT_TRANSLATE_NOOP("partners", "Claim {claim} for serial {serial} on {service_date} comes {days_apart} days "
                                      "after claim {previous_claim} for the same serial ({previous_date})."),
        QT_TRANSLATE_NOOP("partners", "A claim for another service order on the same asset serial within N days "
                                      "of the claim before it.")),
    "not_entitled": (
        QT_TRANSLATE_NOOP("partners", "Asset not under warranty or contract"),
        QT_TRANSLATE_NOOP("partners", "Claim {claim}: serial {serial} was not covered on {service_date} (warranty "
                                      "until {warranty_end}, contract {contract} until {contract_ends})."),
        QT_TRANSLATE_NOOP("partners", "The asset was covered by neither its warranty nor its service contract on "
                                      "the claim's service date.")),
    "inflated_distance": (
        QT_TRANSLATE_NOOP("partners", "Claimed distance above the centre-to-site distance"),
        QT_TRANSLATE_NOOP("partners", "Claim {claim} claims {claimed_km} km of travel; the centre is {distance_km} "
                                      "km from the site ({ratio}×)."),
        QT_TRANSLATE_NOOP("partners", "The travel claimed is more than ratio × the distance from the partner's "
                                      "nearest centre to the site, plus a slack in km.")),
    "missing_confirmation": (
        QT_TRANSLATE_NOOP("partners", "Missing customer confirmation"),
        QT_TRANSLATE_NOOP("partners", "Claim {claim}: order {order} was fixed at {fixed_at} and the customer never "
                                      "confirmed it."),
        QT_TRANSLATE_NOOP("partners", "A claim for an order that was fixed (longer ago than the grace period) but "
                                      "never confirmed by the customer.")),
    "warranty_end_cluster": (
        QT_TRANSLATE_NOOP("partners", "Repairs clustered just before warranty end"),
        QT_TRANSLATE_NOOP("partners", "Claim {claim}: serial {serial} repaired on {service_date}, {days_before_end} "
                                      "days before its warranty ends ({warranty_end}); {partner_share} % of "
                                      "{partner}'s claims fall in that window against {network_share} % for the "
                                      "rest of the network."),
        QT_TRANSLATE_NOOP("partners", "Claims in the last N days of the asset's warranty from a partner with at "
                                      "least a minimum number of them, whose share of such claims is above ratio × "
                                      "the rest of the network's share.")),
    "step_out_of_order": (
        QT_TRANSLATE_NOOP("partners", "Step times out of order or in the future"),
        QT_TRANSLATE_NOOP("partners", "Order {order}: step {step} at {at} is {problem} ({previous_step} at "
                                      "{previous_at}; recorded at {recorded_at})."),
        QT_TRANSLATE_NOOP("partners", "A step timed before the step that comes before it in the process, or later "
                                      "than the moment it was recorded (a time in the future), beyond a tolerance "
                                      "in minutes.")),
    "impossible_travel": (
        QT_TRANSLATE_NOOP("partners", "Impossible travel between sites"),
        QT_TRANSLATE_NOOP("partners", "Engineer {engineer} left order {previous_order} at {left_at} and checked in "
                                      "for order {order} at {arrived_at}: {distance_km} km in {hours} h is "
                                      "{speed_kmh} km/h."),
        QT_TRANSLATE_NOOP("partners", "Between one engineer's consecutive visits, the distance from the last site "
                                      "(left when it was fixed) to the next check-in implies a speed above the "
                                      "limit in km/h; jumps shorter than a minimum in km are ignored.")),
    "overlapping_visits": (
        QT_TRANSLATE_NOOP("partners", "Engineer on site in two places at once"),
        QT_TRANSLATE_NOOP("partners", "Engineer {engineer} was on site for order {order} from {start} while still "
                                      "on site for order {other_order} until {other_end} ({overlap_minutes} minutes "
                                      "at once)."),
        QT_TRANSLATE_NOOP("partners", "One engineer's visit to a site starts before the same engineer's visit to "
                                      "another site has ended.")),
    "repeat_repair": (
        QT_TRANSLATE_NOOP("partners", "Repeat repair of the same asset"),
        QT_TRANSLATE_NOOP("partners", "Order {order} for serial {serial} comes {days_apart} days after order "
                                      "{previous_order} ({previous_partner}) fixed it."),
        QT_TRANSLATE_NOOP("partners", "A new service order for an asset within N days of its previous order that "
                                      "was fixed.")),
    "part_not_issued": (
        QT_TRANSLATE_NOOP("partners", "Claimed part without a spares issue"),
        QT_TRANSLATE_NOOP("partners", "Claim {claim} claims part {part_number} (serial {installed_serial}) for order "
                                      "{order}, but spares issued no such part for it."),
        QT_TRANSLATE_NOOP("partners", "A part on a claim that spares never issued for the order, its incident or "
                                      "its work order (with the same serial when the claim gives the installed "
                                      "serial).")),
    "defective_not_returned": (
        QT_TRANSLATE_NOOP("partners", "Defective part never came back"),
        QT_TRANSLATE_NOOP("partners", "Claim {claim}: the defective {part_number} (serial {removed_serial}) taken "
                                      "out on {service_date} has not come back after {days_waited} days."),
        QT_TRANSLATE_NOOP("partners", "A claimed part whose defective unit was taken out but never came back to "
                                      "spares within N days of the service date.")),
    "returned_serial_mismatch": (
        QT_TRANSLATE_NOOP("partners", "Returned serial differs from the one taken out"),
        QT_TRANSLATE_NOOP("partners", "Claim {claim}: serial {removed_serial} of {part_number} was taken out, but "
                                      "serial {returned_serial} came back on {returned_at}."),
        QT_TRANSLATE_NOOP("partners", "The defective part that came back for a claimed part carries another serial "
                                      "than the one the claim says was removed.")),
    "amount_outlier": (
        QT_TRANSLATE_NOOP("partners", "Amount far above peers"),
        QT_TRANSLATE_NOOP("partners", "Claim {claim} claims {value}; claims for “{category}” have a median of "
                                      "{median} (MAD {mad}, {peers} claims), so anything above {threshold} stands "
                                      "out."),
        QT_TRANSLATE_NOOP("partners", "A claim's amount is far above the claims for orders of the same category and "
                                      "repair level: above the median plus k robust standard deviations (1.4826 × "
                                      "MAD) and above min_ratio × the median, among at least min_peers claims.")),
    "duration_outlier": (
        QT_TRANSLATE_NOOP("partners", "On-site duration far above peers"),
        QT_TRANSLATE_NOOP("partners", "Order {order} was on site {value} minutes; visits for category “{category}” "
                                      "take a median of {median} minutes (MAD {mad}, {peers} visits), so anything "
                                      "above {threshold} stands out."),
        QT_TRANSLATE_NOOP("partners", "A visit's on-site time (check-in to fix) is far above the visits for orders "
                                      "of the same category: above the median plus k robust standard deviations and "
                                      "above min_ratio × the median, among at least min_peers visits.")),
}
EVIDENCE_LABELS = {
    "claim": QT_TRANSLATE_NOOP("partners", "Claim"), "order": QT_TRANSLATE_NOOP("partners", "Order"),
    "first_claim": QT_TRANSLATE_NOOP("partners", "First claim"),
    "claims": QT_TRANSLATE_NOOP("partners", "Claims for the order"),
    "service_date": QT_TRANSLATE_NOOP("partners", "Service date"), "serial": QT_TRANSLATE_NOOP("partners", "Serial"),
    "days_apart": QT_TRANSLATE_NOOP("partners", "Days apart"),
    "previous_claim": QT_TRANSLATE_NOOP("partners", "Previous claim"),
    "previous_date": QT_TRANSLATE_NOOP("partners", "Previous service date"),
    "warranty_end": QT_TRANSLATE_NOOP("partners", "Warranty ends"),
    "contract": QT_TRANSLATE_NOOP("partners", "Contract"),
    "contract_ends": QT_TRANSLATE_NOOP("partners", "Contract ends"),
    "claimed_km": QT_TRANSLATE_NOOP("partners", "Claimed km"),
    "distance_km": QT_TRANSLATE_NOOP("partners", "Distance (km)"), "ratio": QT_TRANSLATE_NOOP("partners", "Ratio"),
    "fixed_at": QT_TRANSLATE_NOOP("partners", "Fixed at"), "status": QT_TRANSLATE_NOOP("partners", "Order status"),
    "days_before_end": QT_TRANSLATE_NOOP("partners", "Days before warranty end"),
    "partner": QT_TRANSLATE_NOOP("partners", "Partner"),
    "partner_share": QT_TRANSLATE_NOOP("partners", "Partner's share (%)"),
    "network_share": QT_TRANSLATE_NOOP("partners", "Rest of the network (%)"),
    "step": QT_TRANSLATE_NOOP("partners", "Step"), "at": QT_TRANSLATE_NOOP("partners", "At"),
    "previous_step": QT_TRANSLATE_NOOP("partners", "Previous step"),
    "previous_at": QT_TRANSLATE_NOOP("partners", "Previous step at"),
    "recorded_at": QT_TRANSLATE_NOOP("partners", "Recorded at"), "problem": QT_TRANSLATE_NOOP("partners", "Problem"),
    "engineer": QT_TRANSLATE_NOOP("partners", "Engineer"),
    "previous_order": QT_TRANSLATE_NOOP("partners", "Previous order"),
    "left_at": QT_TRANSLATE_NOOP("partners", "Left the previous site"),
    "arrived_at": QT_TRANSLATE_NOOP("partners", "Checked in"), "hours": QT_TRANSLATE_NOOP("partners", "Hours between"),
    "speed_kmh": QT_TRANSLATE_NOOP("partners", "Implied speed (km/h)"),
    "start": QT_TRANSLATE_NOOP("partners", "On site from"), "end": QT_TRANSLATE_NOOP("partners", "On site until"),
    "other_order": QT_TRANSLATE_NOOP("partners", "Other order"),
    "other_start": QT_TRANSLATE_NOOP("partners", "Other visit from"),
    "other_end": QT_TRANSLATE_NOOP("partners", "Other visit until"),
    "overlap_minutes": QT_TRANSLATE_NOOP("partners", "Overlap (minutes)"),
    "dispatched_at": QT_TRANSLATE_NOOP("partners", "Dispatched at"),
    "previous_partner": QT_TRANSLATE_NOOP("partners", "Previous partner"),
    "part_number": QT_TRANSLATE_NOOP("partners", "Part number"), "quantity": QT_TRANSLATE_NOOP("partners", "Quantity"),
    "installed_serial": QT_TRANSLATE_NOOP("partners", "Installed serial"),
    "removed_serial": QT_TRANSLATE_NOOP("partners", "Removed serial"),
    "days_waited": QT_TRANSLATE_NOOP("partners", "Days waited"),
    "returned_serial": QT_TRANSLATE_NOOP("partners", "Serial that came back"),
    "returned_at": QT_TRANSLATE_NOOP("partners", "Came back at"), "category": QT_TRANSLATE_NOOP("partners", "Category"),
    "value": QT_TRANSLATE_NOOP("partners", "Value"), "median": QT_TRANSLATE_NOOP("partners", "Peers' median"),
    "mad": QT_TRANSLATE_NOOP("partners", "MAD"), "peers": QT_TRANSLATE_NOOP("partners", "Peers"),
    "threshold": QT_TRANSLATE_NOOP("partners", "Threshold"),
}
PROBLEMS = (QT_TRANSLATE_NOOP("partners", "earlier than the step before it"),
            QT_TRANSLATE_NOOP("partners", "later than when it was recorded"))
COLUMNS = (QT_TRANSLATE_NOOP("partners", "Severity"), QT_TRANSLATE_NOOP("partners", "Rule"),
           QT_TRANSLATE_NOOP("partners", "Status"), QT_TRANSLATE_NOOP("partners", "Summary"))


def rule_title(rule_name: str) -> str:
    """A rule's title in the user's language (a rule the registry no longer knows shows its name)."""
    return tr(NAME, title_of(rule_name))


def shown_evidence(evidence: dict[str, Any]) -> dict[str, Any]:
    """Evidence values as a reader sees them: step and status codes and problems translated."""
    out = {}
    for key, value in evidence.items():
        if key in ("step", "previous_step", "status"):
            value = name(STEP_NAMES, value)
        elif key == "problem" and value in PROBLEMS:
            value = tr(NAME, value)
        out[key] = value
    return out


def finding_summary(finding: Finding) -> str:
    """The finding's sentence in the user's language, rebuilt from its evidence."""
    try:
        rule = get_rule(finding.rule)
    except NotFound:  # the stored English sentence stays
        return finding.summary
    return findings.summary_of(rule, shown_evidence(findings.evidence(finding)), tr(NAME, rule.summary))


def evidence_rows(finding: Finding) -> list[tuple[str, str]]:
    """``(label, value)`` of each piece of evidence, labels in English (translated where shown)."""
    return [(EVIDENCE_LABELS.get(key, key.replace("_", " ")), "—" if value is None else str(value))
            for key, value in shown_evidence(findings.evidence(finding)).items()]


def decision_form(parent: QWidget, context: Context, finding_id: int, decision: str,
                  done: Callable[[Any], None]) -> None:
    """Ask for the comment of accepting or overruling a finding, then decide it off the GUI thread."""
    app, actor = context.app, context.actor
    accept = decision == "accept"
    title = tr(NAME, "Accept the finding") if accept else tr(NAME, "Overrule the finding")
    intro = (tr(NAME, "The finding stands: adjust or reject the claim. Say why.") if accept
             else tr(NAME, "The claim is fine despite the finding. Say why."))

    def load() -> tuple[int, str]:
        with findings.reading(app) as session:
            finding = session.get(Finding, int(finding_id))
            if finding is None:
                raise NotFound(tr(NAME, "This finding no longer exists; reload the list."))
            return finding.version, finding_summary(finding)

    def show(loaded: tuple[int, str]) -> None:
        version, summary = loaded
        fields = [Field("comment", QT_TRANSLATE_NOOP("partners", "Comment"), "multiline", required=True,
                        help=QT_TRANSLATE_NOOP("partners", "Why the finding stands or does not; it is audited."))]
        dialog = FormDialog(parent, title, fields, lambda values: findings.decide_finding(
            app, actor, finding_id, decision=decision, comment=values["comment"], expected_version=version),
            owner=NAME, intro=f"{summary}\n\n{intro}", zone=user_zone(context))
        dialog.saved.connect(done)
        dialog.open()

    run_in_background(parent, load, show,
                      lambda error, _t: QMessageBox.warning(parent, title, message_for(error)))


class FindingsPanel(QWidget):
    """The findings of a claim and/or an order: ``show(context, claim_id=…, order_id=…)`` reads them off
    the GUI thread; the selected one's evidence shows below; Accept…/Overrule… decide it.

    ``state`` is ``empty``, ``loading``, ``shown`` or ``failed``; ``loaded`` is emitted when it settles
    and ``decided`` after a decision was saved.
    """

    loaded = Signal()
    decided = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.context: Context | None = None
        self.rows: list[Finding] = []
        self.state = "empty"
        self._about: tuple[int | None, int | None] = (None, None)
        self._generation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = section_label(tr(NAME, "Audit findings"))
        layout.addWidget(self.title)
        self.table = read_only_table(len(COLUMNS))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.currentCellChanged.connect(lambda row, *_: self._select(row))
        layout.addWidget(self.table, 2)
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.evidence = QTextBrowser()
        self.evidence.setMinimumHeight(120)
        layout.addWidget(self.evidence, 3)
        buttons = QHBoxLayout()
        self.accept_button, self.overrule_button = QPushButton(), QPushButton()
        self.accept_button.clicked.connect(lambda: self._decide("accept"))
        self.overrule_button.clicked.connect(lambda: self._decide("overrule"))
        buttons.addStretch(1)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.overrule_button)
        layout.addLayout(buttons)
        self.error = error_label()
        layout.addWidget(self.error)
        self._retranslate()
        self._fill(0, [])

    def loading(self) -> bool:
        """True while the findings are being read."""
        return self.state == "loading"

    def show(self, context: Context | None = None, claim_id: int | None = None,  # noqa: D417
             order_id: int | None = None) -> None:
        """Show the findings of ``claim_id`` and/or ``order_id`` that ``context``'s user may see (no arguments:
        ``QWidget.show``)."""
        if context is None:
            super().show()
            return
        self.context, self._about = context, (claim_id, order_id)
        self._generation += 1
        generation = self._generation
        if claim_id is None and order_id is None:
            self._fill(generation, [])
            return
        self.state = "loading"
        app, actor = context.app, context.actor

        def load() -> list[Finding]:
            with findings.reading(app) as session:
                rows = findings.findings_for(session, actor, claim_id=claim_id, order_id=order_id)
                session.expunge_all()
                return rows

        run_in_background(self, load, lambda rows: self._fill(generation, rows),
                          lambda error, _t: self._failed(generation, error))

    def reload(self) -> None:
        """Read the same claim's or order's findings again."""
        if self.context is not None:
            self.show(self.context, *self._about)

    def _fill(self, generation: int, rows: list[Finding]) -> None:
        if generation != self._generation:
            return
        self.rows, self.state = rows, "shown" if (self._about != (None, None)) else "empty"
        self.error.hide()
        fill_table(self.table, [(name(SEVERITY_NAMES, finding.severity), rule_title(finding.rule),
                                 name(FINDING_STATUS_NAMES, finding.status), finding_summary(finding))
                                for finding in rows], tooltips=True)
        for index, finding in enumerate(rows):
            if finding.severity in SEVERITY_COLOURS:
                self.table.item(index, 0).setForeground(QColor(SEVERITY_COLOURS[finding.severity]))
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.empty.setText(tr(NAME, "No audit finding.") if self._about != (None, None) else "")
        if rows:
            self.table.setCurrentCell(0, 0)
        self._select(0 if rows else -1)
        self.loaded.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.state = "failed"
            self.error.setText(message_for(error))
            self.error.show()
            self.loaded.emit()

    def current(self) -> Finding | None:
        """The selected finding."""
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _select(self, row: int) -> None:
        finding = self.rows[row] if 0 <= row < len(self.rows) else None
        can = self.context is not None and self.context.actor.can(findings.REVIEW)
        for button in (self.accept_button, self.overrule_button):
            button.setVisible(can)
            button.setEnabled(finding is not None and finding.status == "open")
        self.evidence.setHtml(finding_html(finding, user_zone(self.context) if self.context else None)
                              if finding else "")

    def _decide(self, decision: str) -> None:
        finding = self.current()
        if finding is not None and self.context is not None:
            decision_form(self, self.context, finding.id, decision, lambda _r: (self.reload(), self.decided.emit()))

    def _retranslate(self) -> None:
        self.title.setText(tr(NAME, "Audit findings"))
        self.table.setHorizontalHeaderLabels([tr(NAME, title) for title in COLUMNS])
        self.accept_button.setText(tr(NAME, "Accept…"))
        self.overrule_button.setText(tr(NAME, "Overrule…"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == event.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


def finding_html(finding: Finding, zone=None) -> str:
    """A finding for a detail pane: the rule, its sentence, the decision and the evidence table."""
    try:
        description = tr(NAME, get_rule(finding.rule).description)
    except NotFound:  # a rule whose plugin is gone
        description = ""
    facts = DetailSection(QT_TRANSLATE_NOOP("partners", "Finding"), [
        (QT_TRANSLATE_NOOP("partners", "Rule"), rule_title(finding.rule)),
        (QT_TRANSLATE_NOOP("partners", "What it checks"), description),
        (QT_TRANSLATE_NOOP("partners", "Severity"), name(SEVERITY_NAMES, finding.severity)),
        (QT_TRANSLATE_NOOP("partners", "Status"), name(FINDING_STATUS_NAMES, finding.status)),
        (QT_TRANSLATE_NOOP("partners", "Found"), finding.found_at),
        (QT_TRANSLATE_NOOP("partners", "Summary"), finding_summary(finding))])
    sections = [facts]
    if finding.status != "open":
        sections.append(DetailSection(QT_TRANSLATE_NOOP("partners", "Decision"), [
            (QT_TRANSLATE_NOOP("partners", "Decided by"), finding.decided_by or "—"),
            (QT_TRANSLATE_NOOP("partners", "Decided at"), finding.decided_at),
            (QT_TRANSLATE_NOOP("partners", "Comment"), finding.comment or "—")]))
    sections.append(DetailSection(QT_TRANSLATE_NOOP("partners", "Evidence"), evidence_rows(finding)))
    return detail_html(rule_title(finding.rule), sections, owner=NAME, zone=zone)
