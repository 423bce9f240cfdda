"""Settlement: a statement per partner and period, holds for open findings, XLSX/HTML, posting locks."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from console.api import PermissionDenied, ValidationError, utcnow
from plugins.partners import claims, settlement
from plugins.partners.models import Claim, Finding, Partner, Settlement, SettlementLine
from tests.plugins import unique
from tests.plugins.partners.test_claims import finished_order, partner_with_card, row, to_review

TODAY = date.today()
START, END = TODAY.replace(day=1), TODAY + timedelta(days=1)


def approved_claim(app, admin, partner, *, amount=None) -> str:
    number = claims.submit_claim(app, admin, order_number=finished_order(app, partner, days_ago=0))
    version = to_review(app, number)
    if amount is None:
        claims.approve(app, admin, number, expected_version=version)
    else:
        claims.adjust(app, admin, number, expected_version=version, amount=amount, note="less")
    return number


def add_finding(app, claim_number, rule="duplicate_claim", *, on_order=False) -> int:
    claim = row(app, claim_number)
    with app.session() as session:
        finding = Finding(rule=rule, severity="warning", fingerprint=unique("F"), partner_id=claim.partner_id,
                          order_id=claim.order_id, claim_id=None if on_order else claim.id, summary="Test finding",
                          found_at=utcnow())
        session.add(finding)
        session.flush()
        return finding.id


@pytest.fixture
def partner(app, admin) -> str:
    return partner_with_card(app, admin)


def statement(app, number) -> Settlement:
    with app.session() as session:
        return session.scalar(select(Settlement).where(Settlement.number == number))


def test_prepare_holds_claims_with_open_findings_and_post_settles_the_rest(app, admin, make_actor, partner, tmp_path):
    paid = approved_claim(app, admin, partner)
    adjusted = approved_claim(app, admin, partner, amount="120.00")
    held = approved_claim(app, admin, partner)
    order_held = approved_claim(app, admin, partner)
    undecided = claims.submit_claim(app, admin, order_number=finished_order(app, partner, days_ago=0))
    add_finding(app, held, "duplicate_claim")
    add_finding(app, held, "missing_confirmation")
    add_finding(app, order_held, "impossible_travel", on_order=True)
    assert settlement.prepare(app, admin, period_start=START, period_end=END, partner_code=partner.lower()) == [
        f"STL-{START:%Y%m}-{partner}"]
    number = f"STL-{START:%Y%m}-{partner}"
    sheet = statement(app, number)
    full = row(app, paid).amount
    assert (sheet.status, sheet.payable, sheet.held) == ("draft", full + Decimal(120), full * 2)
    with app.session() as session:
        lines = {c: (held_, reason) for c, _o, _d, _a, held_, reason in settlement.statement_lines(session, sheet.id)}
    assert set(lines) == {paid, adjusted, held, order_held} and undecided not in lines
    # the rules' titles, or the name of a rule no plugin registers any more
    assert lines[held] == (True, "Open findings: duplicate_claim, Missing customer confirmation")
    assert lines[order_held] == (True, "Open findings: Impossible travel between sites")

    with app.session() as session:
        count = settlement.export_xlsx(session, number, tmp_path / "s.xlsx")
        page = settlement.statement_html(session, number)
    assert count == 4 and number in page and "duplicate_claim" in page
    values = [c for r in load_workbook(tmp_path / "s.xlsx").active.iter_rows(values_only=True) for c in r]
    assert number in values and paid in values

    with pytest.raises(PermissionDenied, match="partners.settle"):
        settlement.post(app, make_actor("partner_auditor"), number, expected_version=sheet.version)
    assert settlement.post(app, admin, number, expected_version=sheet.version) == 2
    assert (row(app, paid).status, row(app, adjusted).status, row(app, held).status) == ("settled", "settled",
                                                                                         "approved")
    assert row(app, paid).settlement_id == sheet.id and row(app, held).settlement_id is None
    posted = statement(app, number)
    assert (posted.status, posted.posted_by) == ("posted", admin.username)
    with app.session() as session:
        assert claims.history(session, paid)[-1].action == "settled"
    with pytest.raises(ValidationError, match="is settled"):
        claims.edit_claim(app, admin, paid, expected_version=None, reason="too late", labour="1")
    with pytest.raises(ValidationError, match="is posted"):
        settlement.prepare(app, admin, period_start=START, period_end=END, partner_code=partner)
    with pytest.raises(ValidationError, match="posted already"):
        settlement.post(app, admin, number, expected_version=None)

    # the held claims wait for the next period, once their findings are decided
    with app.session() as session:
        session.execute(update(Finding).where(Finding.claim_id == row(app, held).id).values(status="overruled"))
    later = START.replace(year=START.year + 1)
    assert settlement.prepare(app, admin, period_start=later, period_end=later + timedelta(days=30),
                              partner_code=partner) == [f"STL-{later:%Y%m}-{partner}"]
    with app.session() as session:
        lines = {c: h for c, _o, _d, _a, h, _r in settlement.statement_lines(
            session, statement(app, f"STL-{later:%Y%m}-{partner}").id)}
    assert lines == {held: False, order_held: True}


def test_re_preparing_a_draft_refreshes_it_and_a_stale_draft_is_not_posted(app, admin, partner):
    first = approved_claim(app, admin, partner)
    [number] = settlement.prepare(app, admin, period_start=START, period_end=END, partner_code=partner)
    second = approved_claim(app, admin, partner)
    assert settlement.prepare(app, admin, period_start=START, period_end=END, partner_code=partner) == [number]
    sheet = statement(app, number)
    assert sheet.payable == row(app, first).amount + row(app, second).amount
    add_finding(app, second)
    with pytest.raises(ValidationError, match="changed since it was prepared"):
        settlement.post(app, admin, number, expected_version=sheet.version)
    claims.edit_claim(app, admin, first, expected_version=None, reason="typo", other="10", other_note="toll")
    settlement.prepare(app, admin, period_start=START, period_end=END, partner_code=partner)
    sheet = statement(app, number)
    assert (sheet.payable, sheet.held) == (0, row(app, second).amount)


def test_claims_decided_after_the_period_wait_and_empty_drafts_go(app, admin, partner):
    number = approved_claim(app, admin, partner)
    past_end = START - timedelta(days=1)
    past = past_end.replace(day=1)
    assert settlement.prepare(app, admin, period_start=past, period_end=past_end, partner_code=partner) == []
    [draft] = settlement.prepare(app, admin, period_start=START, period_end=END, partner_code=partner)
    with app.session() as session:
        session.execute(update(Claim).where(Claim.number == number).values(status="in_review"))
    assert settlement.prepare(app, admin, period_start=START, period_end=END, partner_code=partner) == []
    assert statement(app, draft) is None
    with pytest.raises(ValidationError, match="ends before it starts"):
        settlement.prepare(app, admin, period_start=END, period_end=START)
    with pytest.raises(ValidationError, match="no partner NOBODY"):
        settlement.prepare(app, admin, period_start=START, period_end=END, partner_code="NOBODY")


def test_all_partners_at_once_and_a_partners_user_sees_only_its_own(app, admin, make_actor, partner):
    other = partner_with_card(app, admin)
    approved_claim(app, admin, partner)
    approved_claim(app, admin, other)
    numbers = settlement.prepare(app, admin, period_start=START, period_end=END)
    assert {f"STL-{START:%Y%m}-{partner}", f"STL-{START:%Y%m}-{other}"} <= set(numbers)
    with app.session() as session:
        with pytest.raises(PermissionDenied, match="another partner"):
            settlement.get_statement(session, make_actor("read_only", partner_code=partner),
                                     f"STL-{START:%Y%m}-{other}")
        assert session.scalar(select(SettlementLine.id).join(Settlement).join(Partner)
                              .where(Partner.code == other)) is not None
