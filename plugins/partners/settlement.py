"""Settlement (清算): one statement per partner and period of its approved and adjusted claims.

A claim with an open audit finding (on the claim, or on its order) is held: it appears on the
statement with the rules that hold it, is not paid, and waits for a later period. Posting pays
the statement: its payable claims become ``settled`` and never change again; a posted statement
is never prepared again. Qt-free; writes need ``partners.settle``.
"""

from __future__ import annotations

import html
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import and_, delete, exists, or_, select, update
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, NotFound, ValidationError, bulk_insert, utcnow
from plugins.partners import access
from plugins.partners.claims import check_version, local_zone
from plugins.partners.models import (
    PAYABLE_STATUSES,
    Claim,
    ClaimEvent,
    Finding,
    Partner,
    ServiceOrder,
    Settlement,
    SettlementLine,
)
from plugins.partners.rules import title_of

SETTLE = "partners.settle"
ZERO = Decimal(0)


def statement_number(partner_code: str, period_start: date) -> str:
    """``STL-<yyyymm>-<partner code>``."""
    return f"STL-{period_start:%Y%m}-{partner_code}"


def open_finding_clause():
    """Open findings about a claim: on the claim itself, or on its order without a claim."""
    return and_(Finding.status == "open",
                or_(Finding.claim_id == Claim.id, and_(Finding.claim_id.is_(None), Finding.order_id == Claim.order_id)))


def _holding_rules(session: Session, claim_ids: list[int]) -> dict[int, list[str]]:
    """``{claim id: sorted rule names}`` of the open findings holding each claim."""
    rules: dict[int, set[str]] = defaultdict(set)
    for start in range(0, len(claim_ids), 500):
        chunk = claim_ids[start:start + 500]
        query = (select(Claim.id, Finding.rule).join(Finding, open_finding_clause()).where(Claim.id.in_(chunk))
                 .distinct())
        for claim_id, rule in session.execute(query):
            rules[claim_id].add(rule)
    return {claim_id: sorted(names) for claim_id, names in rules.items()}


def _hold_reason(rules: list[str]) -> str:
    """Why a claim is held, for the statement: the titles of the rules of its open findings."""
    return ("Open findings: " + ", ".join(title_of(name) for name in rules))[:500]


def _candidates(session: Session, partner_id: int, cutoff: datetime, settlement_id: int | None):
    """Payable, unsettled claims of the partner decided before ``cutoff`` and on no other draft."""
    elsewhere = (select(SettlementLine.id).join(Settlement, Settlement.id == SettlementLine.settlement_id)
                 .where(SettlementLine.claim_id == Claim.id, Settlement.status == "draft"))
    if settlement_id is not None:
        elsewhere = elsewhere.where(Settlement.id != settlement_id)
    return session.execute(select(Claim.id, Claim.approved_amount, Claim.amount).where(
        Claim.partner_id == partner_id, Claim.status.in_(PAYABLE_STATUSES), Claim.settlement_id.is_(None),
        Claim.decided_at < cutoff, ~exists(elsewhere)).order_by(Claim.id)).all()


def prepare(app: AppContext, actor: Actor, *, period_start: date, period_end: date,
            partner_code: str | None = None) -> list[str]:
    """Prepare (or refresh) the draft statement of every partner with claims to settle for the period
    (or only ``partner_code``'s); returns the statement numbers, by partner code.

    A statement takes the approved and adjusted claims decided in or before the period and not yet
    settled; claims with open findings are held with the rules that hold them. A draft left with no
    claims is removed; a posted statement is never touched.
    """
    if period_end < period_start:
        raise ValidationError("The period ends before it starts; swap the dates.", "period_end")
    cutoff = datetime.combine(period_end + timedelta(days=1), time(), local_zone(app))
    numbers = []
    with app.unit_of_work(actor, SETTLE) as work:
        session = work.session
        query = access.scoped(select(Partner).order_by(Partner.code), Partner.id, session, actor)
        if partner_code:
            query = query.where(Partner.code == partner_code.strip().upper())
        partners = session.scalars(query).all()
        if partner_code and not partners:
            raise ValidationError(f"There is no partner {partner_code}; pick one from the list.", "partner_code")
        for partner in partners:
            number = _prepare_one(work, partner, period_start, period_end, cutoff, explicit=bool(partner_code))
            if number:
                numbers.append(number)
    return numbers


def _prepare_one(work, partner: Partner, period_start: date, period_end: date, cutoff: datetime,
                 explicit: bool) -> str | None:
    session = work.session
    statement = session.scalar(select(Settlement).where(Settlement.partner_id == partner.id,
                                                        Settlement.period_start == period_start).with_for_update())
    if statement is not None and statement.status == "posted":
        if explicit:
            raise ValidationError(f"Statement {statement.number} is posted; it cannot be prepared again.",
                                  "period_start")
        return None
    claims = _candidates(session, partner.id, cutoff, statement.id if statement else None)
    if not claims:
        if statement is not None:
            session.delete(statement)
            work.audit("settlement.remove", "settlement", statement.number, {"reason": "no claims to settle"})
        return None
    if statement is None:
        statement = Settlement(number=statement_number(partner.code, period_start), partner_id=partner.id,
                               period_start=period_start, period_end=period_end, status="draft", payable=ZERO,
                               held=ZERO, created_at=utcnow(), created_by=work.actor.username)
        session.add(statement)
        session.flush()
    else:
        session.execute(delete(SettlementLine).where(SettlementLine.settlement_id == statement.id))
    holds = _holding_rules(session, [c.id for c in claims])
    lines = [{"settlement_id": statement.id, "claim_id": c.id, "amount": c.approved_amount or c.amount,
              "held": c.id in holds,
              "hold_reason": _hold_reason(holds[c.id]) if c.id in holds else None}
             for c in claims]
    bulk_insert(session, SettlementLine, lines)
    statement.period_end = period_end
    statement.payable = sum((line["amount"] for line in lines if not line["held"]), ZERO)
    statement.held = sum((line["amount"] for line in lines if line["held"]), ZERO)
    statement.created_at, statement.created_by = utcnow(), work.actor.username
    work.audit("settlement.prepare", "settlement", statement.number,
               {"claims": len(lines), "payable": statement.payable, "held": statement.held})
    return statement.number


def _statement(session: Session, number: str) -> Settlement:
    """The statement numbered ``number`` (any case, spaces around), else NotFound."""
    statement = session.scalar(select(Settlement).where(Settlement.number == (number or "").strip().upper()))
    if statement is None:
        raise NotFound(f"There is no statement {number}; refresh the list.")
    return statement


def get_statement(session: Session, actor: Actor, number: str) -> Settlement:
    """The statement numbered ``number`` the actor may see, else NotFound / PermissionDenied."""
    statement = _statement(session, number)
    access.require_partner(session, actor, statement.partner_id, f"Statement {statement.number}")
    return statement


def post(app: AppContext, actor: Actor, number: str, *, expected_version: int | None) -> int:
    """Post a draft statement: its payable claims become ``settled`` (locked for good); held claims
    stay for a later period. Returns how many claims were settled.

    A statement whose claims changed since it was prepared (edited, reopened, a new finding) is
    refused: prepare the period again, then post.
    """
    with app.unit_of_work(actor, SETTLE) as work:
        session = work.session
        statement = get_statement(session, actor, number)
        session.refresh(statement, with_for_update=True)
        check_version(statement, expected_version, f"Statement {statement.number}")
        if statement.status != "draft":
            raise ValidationError(f"Statement {statement.number} is posted already.", "status")
        paid = session.execute(select(SettlementLine.claim_id, SettlementLine.amount.label("line_amount"),
                                      Claim.status, Claim.settlement_id, Claim.approved_amount,
                                      Claim.amount.label("claimed"))
                               .join(Claim, Claim.id == SettlementLine.claim_id)
                               .where(SettlementLine.settlement_id == statement.id,
                                      SettlementLine.held.is_(False)).with_for_update()).all()
        stale = [row.claim_id for row in paid
                 if row.status not in PAYABLE_STATUSES or row.settlement_id is not None
                 or row.line_amount != (row.approved_amount or row.claimed)]
        if stale or _holding_rules(session, [row.claim_id for row in paid]):
            raise ValidationError(f"Claims on statement {statement.number} changed since it was prepared (edited, "
                                  "reopened or with a new finding); prepare the period again, then post.", "status")
        ids = [row.claim_id for row in paid]
        now = utcnow()
        for start in range(0, len(ids), 500):
            session.execute(update(Claim).where(Claim.id.in_(ids[start:start + 500]))
                            .values(status="settled", settlement_id=statement.id, version=Claim.version + 1)
                            .execution_options(synchronize_session=False))
        bulk_insert(session, ClaimEvent, ({"claim_id": claim_id, "at": now, "actor": actor.username,
                                           "action": "settled", "detail": f'{{"statement": "{statement.number}"}}'}
                                          for claim_id in ids))
        statement.status, statement.posted_at, statement.posted_by = "posted", now, actor.username
        work.audit("settlement.post", "settlement", statement.number,
                   {"claims": len(ids), "payable": statement.payable, "held": statement.held})
    return len(ids)


# -- the statement as a document -------------------------------------------------------------
def statement_lines(session: Session, settlement_id: int) -> list:
    """The statement's lines with their claim and order: ``(claim, order, service_date, amount, held, reason)``."""
    return session.execute(select(Claim.number, ServiceOrder.number, Claim.service_date, SettlementLine.amount,
                                  SettlementLine.held, SettlementLine.hold_reason)
                           .join(Claim, Claim.id == SettlementLine.claim_id)
                           .join(ServiceOrder, ServiceOrder.id == Claim.order_id)
                           .where(SettlementLine.settlement_id == settlement_id)
                           .order_by(SettlementLine.held, Claim.number)).all()


def _document(session: Session, number: str) -> tuple[Settlement, Partner, list]:
    statement = _statement(session, number)
    return statement, session.get(Partner, statement.partner_id), statement_lines(session, statement.id)


HEADINGS = ("Claim 单据", "Service order 派工单", "Service date 服务日期", "Amount 金额", "Held 暂扣",
            "Why held 暂扣原因")
HELD_WHY = "Held: why 暂扣原因"


def export_xlsx(session: Session, number: str, path: Path | str) -> int:
    """Write the statement to an Excel workbook: its header, every line, the totals. Returns the line count."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    statement, partner, lines = _document(session, number)
    book = Workbook()
    sheet = book.active
    sheet.title = statement.number[:31]
    for row in (("Statement 结算单", statement.number), ("Partner 服务商", f"{partner.code} {partner.name}"),
                ("Period 结算期间", f"{statement.period_start} – {statement.period_end}"),
                ("Status 状态", statement.status), ("Payable 应付", statement.payable),
                ("Held 暂扣", statement.held), ()):
        sheet.append(list(row))
    sheet.append(list(HEADINGS))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for line in lines:
        sheet.append([line[0], line[1], line[2], line[3], "yes 是" if line[4] else "", line[5] or ""])
        sheet.cell(sheet.max_row, 4).number_format = "#,##0.00"
    for column, width in zip("ABCDEF", (26, 20, 14, 14, 8, 50)):
        sheet.column_dimensions[column].width = width
    book.save(Path(path))
    return len(lines)


def statement_html(session: Session, number: str) -> str:
    """The statement as an HTML document (bilingual headings); the UI prints it to PDF."""
    statement, partner, lines = _document(session, number)
    cells = "".join(
        f"<tr{' class=held' if held else ''}><td class=ref>{html.escape(claim)}</td>"
        f"<td class=ref>{html.escape(order)}</td><td class=ref>{day}</td><td class='num ref'>{amount:,.2f}</td>"
        f"<td>{html.escape(reason or '✓') if held else ''}</td></tr>"
        for claim, order, day, amount, held, reason in lines)
    # one column for "held" and why (the rows are coloured), wide enough that a narrow preview wraps by line
    head = ("".join(f"<th>{html.escape(h)}</th>" for h in HEADINGS[:3]) + f"<th class=ref>{HEADINGS[3]}</th>"
            f"<th width='40%'>{HELD_WHY}</th>")
    posted = (f"Posted 已过账 {statement.posted_at:%Y-%m-%d %H:%M} UTC · {html.escape(statement.posted_by or '')}"
              if statement.posted_at else "Draft 草稿")
    return (
        "<html><head><meta charset='utf-8'><style>"
        "body{font-family:sans-serif;font-size:10pt} table{border-collapse:collapse;width:100%}"
        "th,td{border:1px solid #999;padding:3px 5px} th{background:#eee} .num{text-align:right}"
        " .ref{white-space:nowrap}"
        "tr.held td{color:#8a5a00}</style></head><body>"
        f"<h2>Settlement statement 结算单 {html.escape(statement.number)}</h2>"
        f"<p>Partner 服务商: <b>{html.escape(partner.code)}</b> {html.escape(partner.name)}<br>"
        f"Period 结算期间: {statement.period_start} – {statement.period_end}<br>{posted}</p>"
        f"<table><tr>{head}</tr>{cells}</table>"
        f"<p>Payable 应付: <b>{statement.payable:,.2f}</b> · Held 暂扣: {statement.held:,.2f} · "
        f"Claims 单据数: {len(lines)}</p></body></html>")
