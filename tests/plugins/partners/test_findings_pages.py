"""The findings page and the findings panel under pytest-qt: the list reads, the evidence shows, accepting
and overruling take a comment, the rules run behind a progress dialog and are configured in a table."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from console.api import Context
from console.api.ui import FormDialog
from console.ui.support import pending_tasks
from plugins.partners import findings
from plugins.partners.models import Finding
from plugins.partners.rules import FINDING_COLUMNS, RuleScope, all_rules
from plugins.partners.ui import findings_page as page_ui
from plugins.partners.ui.findings_panel import EVIDENCE_LABELS, RULE_TEXTS, FindingsPanel
from tests.plugins.partners.test_rules import START, Book, closed

TIMEOUT = 20_000


def idle(qtbot, widget=None):
    qtbot.waitUntil(lambda: pending_tasks() == 0 and not (widget is not None and widget.loading()), timeout=TIMEOUT)


def dialog_of(qtbot, parent, kind=FormDialog):
    qtbot.waitUntil(lambda: bool(parent.findChildren(kind)), timeout=TIMEOUT)
    return parent.findChildren(kind)[-1]


@pytest.fixture
def found(app, admin):
    """A partner with a claim that duplicates another, and its finding."""
    book = Book(app)
    order, _ = book.order(closed(START))
    book.claim(order)
    claim = book.claim(order)
    findings.run_rules(app, admin, partner_code=book.code, rules=["duplicate_order_claim"])
    with app.session() as session:
        finding = session.scalars(select(Finding).where(Finding.claim_id == claim)).one()
        return book, claim, finding.id


def status_of(app, finding_id):
    with app.session() as session:
        return session.get(Finding, finding_id).status


def test_the_page_lists_findings_with_their_evidence(qtbot, app, admin, found):
    book, _claim, finding_id = found
    page = page_ui.findings_page(Context(app, admin))
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, page)
    assert page.model.error() is None and page.model.total() >= 1
    page.search.setText(book.code)
    page.model.set_search(book.code)
    idle(qtbot, page)
    assert page.model.total() == 1
    page.open_key(finding_id)
    qtbot.waitUntil(lambda: "Evidence" in page.details.toPlainText(), timeout=TIMEOUT)
    text = page.details.toPlainText()
    assert "Duplicate claim for one order" in text and "First claim" in text and f"{book.code}-000001-C1" in text


def test_accepting_takes_a_comment_and_keeps_the_typing_when_refused(qtbot, app, admin, found):
    _book, _claim, finding_id = found
    page = page_ui.findings_page(Context(app, admin))
    qtbot.addWidget(page)
    idle(qtbot, page)
    page_ui.decision_form(page, Context(app, admin), finding_id, "accept", lambda _r: page.refresh())
    dialog = dialog_of(qtbot, page)
    dialog.inputs["comment"].setPlainText("   ")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=TIMEOUT)
    assert "comment" in dialog.error.text().lower() and dialog.isVisible()
    dialog.inputs["comment"].setPlainText("Claimed twice for one visit.")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    assert status_of(app, finding_id) == "accepted"


def test_run_rules_now_reports_each_rule(qtbot, app, admin, found, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: said.append(text))
    page = page_ui.findings_page(Context(app, admin))
    qtbot.addWidget(page)
    idle(qtbot, page)
    page_ui.run_now(page, Context(app, admin))
    qtbot.waitUntil(lambda: bool(said), timeout=60_000)
    assert "Duplicate claim for one order:" in said[0] and "found again" in said[0]
    assert page.last_run.present >= 1


def test_configuring_rules_in_the_table(qtbot, app, admin):
    page = page_ui.findings_page(Context(app, admin))
    qtbot.addWidget(page)
    idle(qtbot, page)
    page_ui.configure(page, Context(app, admin))
    dialog = dialog_of(qtbot, page, page_ui.RulesDialog)
    enabled, severity, params = dialog.inputs["repeat_repair"]
    params.setText("days=oops")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=TIMEOUT)
    assert "Repeat repair of the same asset" in dialog.error.text() and dialog.isVisible()
    params.setText("days")
    dialog.save()
    assert "name=value" in dialog.error.text()
    params.setText("days=45")
    severity.setCurrentIndex(severity.findData("critical"))
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    try:
        with app.session() as session:
            config = findings.rule_settings(session)["repeat_repair"]
        assert config.params == {"days": 30 + 15} and config.severity == "critical" and config.enabled
    finally:
        findings.configure_rule(app, admin, "repeat_repair", enabled=True, severity="warning", params={"days": 30})


def test_the_panel_shows_a_claims_findings_and_decides_them(qtbot, app, admin, make_actor, found):
    book, claim, finding_id = found
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.show(Context(app, admin), claim_id=claim)
    qtbot.waitUntil(lambda: panel.state == "shown", timeout=TIMEOUT)
    assert panel.table.rowCount() == 1 and "C2" in panel.table.item(0, 3).text()
    assert "First claim" in panel.evidence.toPlainText()
    assert panel.accept_button.isEnabled() and not panel.accept_button.isHidden()
    panel.overrule_button.click()
    dialog = dialog_of(qtbot, panel)
    dialog.inputs["comment"].setPlainText("Agreed second visit.")
    with qtbot.waitSignal(panel.decided, timeout=TIMEOUT):
        dialog.submit()
    qtbot.waitUntil(lambda: panel.state == "shown" and panel.rows and panel.rows[0].status == "overruled",
                    timeout=TIMEOUT)
    assert not panel.accept_button.isEnabled()
    other = make_actor("engineer", partner_code=Book(app).code)
    panel.show(Context(app, other), claim_id=claim)
    qtbot.waitUntil(lambda: panel.state == "shown", timeout=TIMEOUT)
    assert panel.table.rowCount() == 0 and panel.accept_button.isHidden()
    panel.show(Context(app, admin))
    assert panel.state == "empty" and panel.table.rowCount() == 0


def test_every_rule_text_and_evidence_label_is_marked_for_translation(app):
    builtin = {rule.name: rule for rule in all_rules() if rule.name in RULE_TEXTS}
    assert len(builtin) == 15
    for name, (title, summary, description) in RULE_TEXTS.items():
        rule = builtin[name]
        assert (rule.title, rule.summary, rule.description) == (title, summary, description), name
    with app.session() as session:
        for rule in builtin.values():
            query = rule.query(RuleScope(session, dict(rule.params), START))
            unlabelled = set(query.selected_columns.keys()) - set(FINDING_COLUMNS) - set(EVIDENCE_LABELS)
            assert not unlabelled, f"{rule.name}: {unlabelled}"


def test_the_run_report_names_every_outcome(qtbot):
    outcomes = [findings.RuleOutcome("repeat_repair", "Repeat repair", 2, 3, 12.0, resolved=1),
                findings.RuleOutcome("part_not_issued", "Parts", skipped="needs spares"),
                findings.RuleOutcome("amount_outlier", "Amounts", skipped="switched off"),
                findings.RuleOutcome("plugin_rule", "Plugin rule", skipped="failed: boom")]
    lines = page_ui.run_report(findings.RunSummary(outcomes, 4, 1500.0)).splitlines()
    assert lines == ["2 new findings, 3 found again, 1 no longer found (resolved); 4 submitted claims moved to "
                     "review (1.5 s).",
                     "Repeat repair of the same asset: 2 new, 3 again, 1 resolved, 12 ms",
                     "Claimed part without a spares issue: not run (needs spares)",
                     "Amount far above peers: switched off",
                     "plugin_rule: failed (boom)"]
