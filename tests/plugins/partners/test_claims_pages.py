"""The claims, scorecards and settlements pages under pytest-qt: they open and read, the review
panels follow the selected claim, forms save off the GUI thread, statements export and post."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from console.api import Context
from console.api.ui import FormDialog
from console.testing import fill_form
from console.ui.support import pending_tasks
from plugins.partners import claims
from plugins.partners.models import Settlement
from plugins.partners.ui import claims_page as claims_ui
from plugins.partners.ui import common
from plugins.partners.ui import scorecards_page as scorecards_ui
from plugins.partners.ui import settlements_page as settlements_ui
from tests.plugins.partners.test_claims import finished_order, partner_with_card, row, to_review

TIMEOUT = 20_000


def idle(qtbot, page=None):
    qtbot.waitUntil(lambda: pending_tasks() == 0 and not (page is not None and page.loading()), timeout=TIMEOUT)


def dialog_of(qtbot, parent) -> FormDialog:
    qtbot.waitUntil(lambda: bool([d for d in parent.findChildren(FormDialog) if d.isVisible()]), timeout=TIMEOUT)
    return [d for d in parent.findChildren(FormDialog) if d.isVisible()][-1]




def save(qtbot, dialog: FormDialog) -> None:
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible() or dialog.error.isVisible(), timeout=TIMEOUT)
    assert not dialog.isVisible(), dialog.error.text()


@pytest.fixture
def quiet(monkeypatch):
    """Answer every question with yes and swallow information boxes."""
    said = []
    monkeypatch.setattr(common, "confirm", lambda *_a: True)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    return said


def select_key(qtbot, page, key) -> None:
    qtbot.waitUntil(lambda: any(page.model.key_for(r) == key for r in range(page.model.rowCount())), timeout=TIMEOUT)
    row_number = next(r for r in range(page.model.rowCount()) if page.model.key_for(r) == key)
    page.table.setCurrentIndex(page.model.index(row_number, 0))
    idle(qtbot, page)


def test_the_claims_page_reviews_a_claim_beside_its_findings_and_timeline(qtbot, app, admin, quiet):
    code = partner_with_card(app, admin)
    order = finished_order(app, code)
    number = claims.submit_claim(app, admin, order_number=order, parts=[("HDD-1", 1, "N1", "O1")])
    page = claims_ui.claims_page(Context(app, admin))
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, page)
    assert page.model.error() is None
    page.search.setText(number)
    page.model.set_search(number)
    select_key(qtbot, page, number)
    qtbot.waitUntil(lambda: number in page.details.toHtml() and page.timeline.state == "shown", timeout=TIMEOUT)
    text = page.details.toPlainText()
    assert "HDD-1" in text and "Submitted" in text and order in text
    assert page.timeline.view.number == order
    qtbot.waitUntil(lambda: page.findings.state == "shown", timeout=TIMEOUT)

    claims_ui.edit_form(page, Context(app, admin))
    dialog = dialog_of(qtbot, page)
    fill_form(dialog, reason="客户确认只付一半", labour="120")
    save(qtbot, dialog)
    assert row(app, number).labour == 120 and [e.action for e in _history(app, number)][-1] == "edited"

    to_review(app, number)
    page.refresh()
    select_key(qtbot, page, number)
    qtbot.waitUntil(lambda: page.versions.get(number) == row(app, number).version, timeout=TIMEOUT)
    claims_ui.decide_form(page, Context(app, admin), "adjust")
    dialog = dialog_of(qtbot, page)
    fill_form(dialog, amount="99.50", note="distance")
    save(qtbot, dialog)
    assert (row(app, number).status, row(app, number).approved_amount) == ("adjusted", Decimal("99.50"))


def _history(app, number):
    with app.session() as session:
        return claims.history(session, number)


def test_submitting_and_importing_through_the_page(qtbot, app, admin, quiet, tmp_path, monkeypatch):
    code = partner_with_card(app, admin)
    order = finished_order(app, code)
    page = claims_ui.claims_page(Context(app, admin))
    qtbot.addWidget(page)
    idle(qtbot, page)
    claims_ui.submit_form(page, Context(app, admin))
    dialog = dialog_of(qtbot, page)
    fill_form(dialog, order_number="NOPE-1")
    dialog.submit()
    qtbot.waitUntil(dialog.error.isVisible, timeout=TIMEOUT)
    assert "no service order NOPE-1" in dialog.error.text() and dialog.inputs["order_number"].text() == "NOPE-1"
    fill_form(dialog, order_number=order, service_date=date.today() - timedelta(days=1), travel_km="45",
         part_lines="PSU-1:2\nFAN-2")
    save(qtbot, dialog)
    claim = row(app, f"{order}-C1")
    assert claim.travel_km == 45 and claim.parts == 30

    other = finished_order(app, code)
    path = tmp_path / "claims.csv"
    path.write_text(f"Service order,Claim ref\n{other},EXT-9\n", encoding="utf-8")
    monkeypatch.setattr(common.QFileDialog, "getOpenFileName", lambda *_a: (str(path), ""))
    claims_ui.import_claims(page, Context(app, admin))
    qtbot.waitUntil(lambda: bool(quiet), timeout=TIMEOUT)
    assert "1 claims added" in quiet[-1] and row(app, f"{other}-C1").external_ref == "EXT-9"


def test_the_scorecards_page_ranks_edits_weights_and_exports(qtbot, app, admin, quiet, tmp_path, monkeypatch):
    code = partner_with_card(app, admin)
    finished_order(app, code, days_ago=0)
    page = scorecards_ui.scorecards_page(Context(app, admin))
    qtbot.addWidget(page)
    page.show()
    today = date.today()
    page.start.setDate(today - timedelta(days=2))
    page.end.setDate(today + timedelta(days=1))
    idle(qtbot, page)
    codes = [r.code for r in page.rows]
    assert code in codes and page.table.rowCount() == len(codes)
    assert page.table.horizontalHeaderItem(0).text() == "Rank"
    page.table.selectRow(codes.index(code))
    idle(qtbot, page)
    assert page.points and page.points[-1][1].code == code and page.chart.state == "drawn"

    target = tmp_path / "score.csv"
    monkeypatch.setattr(common.QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    page.export()
    qtbot.waitUntil(target.exists, timeout=TIMEOUT)
    assert code in target.read_text(encoding="utf-8-sig")

    with app.session() as session:
        from plugins.partners import scorecards

        before = scorecards.weights(session)
    page.edit_weights()
    dialog = dialog_of(qtbot, page)
    fill_form(dialog, satisfaction="-5")
    dialog.submit()
    qtbot.waitUntil(dialog.error.isVisible, timeout=TIMEOUT)
    assert "0 to 1000" in dialog.error.text()
    dialog.reject()
    with app.session() as session:
        assert scorecards.weights(session) == before


def test_the_settlements_page_prepares_exports_and_posts(qtbot, app, admin, quiet, tmp_path, monkeypatch):
    code = partner_with_card(app, admin)
    number = claims.submit_claim(app, admin, order_number=finished_order(app, code, days_ago=0))
    claims.approve(app, admin, number, expected_version=to_review(app, number))
    page = settlements_ui.settlements_page(Context(app, admin))
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, page)
    settlements_ui.prepare_form(page, Context(app, admin))
    dialog = dialog_of(qtbot, page)
    today = date.today()
    fill_form(dialog, period_start=today.replace(day=1), period_end=today + timedelta(days=1), partner_code=code)
    save(qtbot, dialog)
    statement = f"STL-{today:%Y%m}-{code}"
    qtbot.waitUntil(lambda: bool(quiet) and statement in quiet[-1], timeout=TIMEOUT)
    page.refresh()
    select_key(qtbot, page, statement)
    qtbot.waitUntil(lambda: number in page.details.toPlainText(), timeout=TIMEOUT)

    for suffix, action in ((".xlsx", settlements_ui.export_xlsx), (".pdf", settlements_ui.export_pdf)):
        target = tmp_path / f"statement{suffix}"
        monkeypatch.setattr(common.QFileDialog, "getSaveFileName", lambda *_a, t=target: (str(t), ""))
        action(page, Context(app, admin))
        qtbot.waitUntil(lambda t=target: t.exists() and t.stat().st_size > 0, timeout=TIMEOUT)
        idle(qtbot, page)

    settlements_ui.post(page, Context(app, admin))
    idle(qtbot, page)
    qtbot.waitUntil(lambda: row(app, number).status == "settled", timeout=TIMEOUT)
    with app.session() as session:
        assert session.scalar(select(Settlement.status).where(Settlement.number == statement)) == "posted"
