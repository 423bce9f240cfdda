"""The demo's reviewers at work: findings decided and claims approved, adjusted or rejected, back-dated.

The audit rules ran just now (``findings.run_rules``), so their findings and "checked" events carry
today's time; a demo year needs them where they happened: found an hour after the claim came in,
decided days later by the auditor. Decisions made through the services would all be stamped now,
so the demo writes them as the services would have written them on the day: a finding accepted or
overruled with a comment; the claim approved, adjusted to the rate card (an accepted finding or
more than the rate card) or rejected (an accepted duplicate or entitlement finding), with its
history event. Everything submitted before ``decided_before`` is decided (a few findings stay open
and hold their claims at settlement); most of what came in up to ``partly_before`` too.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from console.api import DemoContext, bulk_insert
from plugins.partners.models import Claim, ClaimEvent, Finding

REVIEWER = "auditor"
#: Rules whose accepted finding rejects the claim outright (otherwise it is paid at the rate card).
REJECTING = ("duplicate_order_claim", "duplicate_serial_claim", "not_entitled", "part_not_issued")
ACCEPT_COMMENTS = ("核实属实，按规定处理 Confirmed with the partner; handled per the agreement.",
                   "与服务商电话核实，情况属实 Checked with the partner by phone: the finding stands.",
                   "证据充分 The evidence is clear.")
OVERRULE_COMMENTS = ("服务商已补充证明材料 The partner sent the missing evidence.",
                     "客户已书面确认 The customer confirmed in writing.",
                     "特殊情况，经主管批准 Special case approved by the team lead.",
                     "GPS 漂移，现场照片已核实 GPS drift; the site photos check out.")
ADJUST_NOTE = "按协议价核减 Reduced to the rate card amount."
REJECT_NOTES = {"finding": "审核发现问题，不予结算 Not payable: see the audit finding.",
                "papers": "服务报告缺失 The signed service report is missing."}


class Review:
    """Decides the findings and claims of the demo's own claims (ids from ``first_claim``)."""

    def __init__(self, ctx: DemoContext, session: Session, zone, first_claim: int, first_order: int):
        self.ctx, self.rng, self.now, self.session, self.zone = ctx, ctx.rng, ctx.now, session, zone
        self.first_claim, self.first_order = first_claim, first_order

    def decide(self, *, decided_before: datetime, partly_before: datetime) -> None:
        """Back-date the rule check, decide findings and claims (see the module docstring)."""
        claims = {row.id: row for row in self.session.execute(
            select(Claim.id, Claim.order_id, Claim.submitted_at, Claim.amount, Claim.computed_amount, Claim.status)
            .where(Claim.id >= self.first_claim))}
        self._checked(claims)
        outcome = self._findings(claims, decided_before, partly_before)
        self._claims(claims, outcome, decided_before, partly_before)

    def _due(self, submitted: datetime, decided_before: datetime, partly_before: datetime) -> datetime | None:
        """When a claim submitted at ``submitted`` was decided, or None while it is still in review."""
        if submitted >= partly_before or (submitted >= decided_before and self.rng.random() < 0.3):
            return None
        limit = decided_before if submitted < decided_before else partly_before
        return min(submitted + timedelta(days=self.rng.uniform(1, 9)), limit - timedelta(hours=1),
                   self.now - timedelta(hours=1))

    def _checked(self, claims: dict) -> None:
        """The rule check an hour after each claim came in."""
        rows = [{"id": event_id, "at": claims[claim_id].submitted_at + timedelta(hours=1)}
                for event_id, claim_id in self.session.execute(
                    select(ClaimEvent.id, ClaimEvent.claim_id).where(ClaimEvent.action == "checked",
                                                                     ClaimEvent.claim_id >= self.first_claim))]
        self._update(ClaimEvent, rows)

    def _findings(self, claims: dict, decided_before: datetime, partly_before: datetime) -> dict[int, list]:
        """Decide the demo's findings; returns ``{claim id: [(rule, accepted?)]}`` of the decided ones."""
        found = self.session.execute(select(Finding.id, Finding.rule, Finding.claim_id, Finding.order_id).where(
            Finding.status == "open",
            (Finding.claim_id >= self.first_claim) | (Finding.order_id >= self.first_order))).all()
        submitted = {row.order_id: row.submitted_at for row in claims.values()}
        rows, outcome = [], defaultdict(list)
        for finding_id, rule, claim_id, order_id in found:
            came = claims[claim_id].submitted_at if claim_id in claims else submitted.get(order_id)
            if came is None:
                continue
            row = {"id": finding_id, "found_at": came + timedelta(hours=1), "status": "open", "decided_by": None,
                   "decided_at": None, "comment": None}
            decided = self._due(came, decided_before, partly_before)
            if decided is not None and self.rng.random() < 0.9:
                accepted = self.rng.random() < 0.65
                row.update(status="accepted" if accepted else "overruled", decided_by=REVIEWER,
                           decided_at=decided - timedelta(hours=2),
                           comment=self.rng.choice(ACCEPT_COMMENTS if accepted else OVERRULE_COMMENTS))
                if claim_id is not None:
                    outcome[claim_id].append((rule, accepted))
            rows.append(row)
        self._update(Finding, rows)
        return outcome

    def _claims(self, claims: dict, outcome: dict, decided_before: datetime, partly_before: datetime) -> None:
        """Approve, adjust or reject the claims due for a decision, with their history events."""
        rows, events = [], []
        for claim in claims.values():
            if claim.status != "in_review":
                continue
            decided = self._due(claim.submitted_at, decided_before, partly_before)
            if decided is None:
                continue
            status, amount, note = self._verdict(claim, outcome.get(claim.id, ()))
            rows.append({"id": claim.id, "status": status, "approved_amount": amount, "decided_by": REVIEWER,
                         "decided_at": decided, "decision_note": note})
            events.append({"claim_id": claim.id, "at": decided, "actor": REVIEWER, "action": status,
                           "detail": json.dumps({"note": note, "approved_amount": str(amount) if amount else None},
                                                ensure_ascii=False)})
        self._update(Claim, rows)
        bulk_insert(self.session, ClaimEvent, events)

    def _verdict(self, claim, decided: list) -> tuple[str, Decimal | None, str | None]:
        """``(status, approved amount, note)`` for a claim given its decided findings."""
        accepted = [rule for rule, stands in decided if stands]
        if any(rule in REJECTING for rule in accepted):
            return "rejected", None, REJECT_NOTES["finding"]
        if (accepted or claim.amount > claim.computed_amount) and claim.amount != claim.computed_amount:
            return "adjusted", claim.computed_amount, ADJUST_NOTE
        if self.rng.random() < 0.015:
            return "rejected", None, REJECT_NOTES["papers"]
        return "approved", claim.amount, None

    def _update(self, model, rows: list[dict]) -> None:
        """Set the columns each row gives on the row of ``model`` whose id is the row's ``id``."""
        if not rows:
            return
        table = model.__table__
        columns = [name for name in rows[0] if name != "id"]
        statement = update(table).where(table.c.id == bindparam("row_id")).values(
            {name: bindparam(f"new_{name}") for name in columns})
        values = [{"row_id": row["id"], **{f"new_{name}": row[name] for name in columns}} for row in rows]
        for start in range(0, len(values), 5_000):
            self.session.execute(statement, values[start:start + 5_000])
