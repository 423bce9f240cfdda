"""Running the audit rules and deciding their findings.

``run_rules`` runs every enabled rule's query in the database, upserts the findings by
fingerprint (a re-run finds the same finding and creates nothing new; a decided finding keeps
its decision), marks the open findings a rule no longer finds "resolved" (the part came back,
the customer confirmed: the claim is no longer held), then moves every submitted claim to
review with a "checked" event. A reviewer accepts a finding (it stands: the claim is adjusted
or rejected) or overrules it (the claim is fine), always with a comment, and the decision is
audited.
"""

from __future__ import annotations

import json
import logging
import math
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, Callable, Mapping

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, Context, NotFound, StaleEditError, ValidationError, bulk_insert, utcnow
from plugins.partners import access
from plugins.partners.models import SEVERITIES, Claim, ClaimEvent, Finding, Partner, RuleSetting
from plugins.partners.rules import FINDING_COLUMNS, Rule, RuleScope, all_rules, get_rule
from plugins.partners.rules.sql import prepare

log = logging.getLogger(__name__)
REVIEW, CONFIGURE = "partners.review", "partners.configure"
DECISIONS = {"accept": "accepted", "overrule": "overruled"}
CENT = Decimal("0.01")


# -- settings --------------------------------------------------------------------------------
@dataclass(frozen=True)
class RuleConfig:
    """A rule as configured: its defaults overlaid with the admin's ``RuleSetting`` row, if any."""

    rule: Rule
    enabled: bool
    severity: str
    params: dict[str, Any]
    version: int | None

    @property
    def name(self) -> str:
        """The rule's name."""
        return self.rule.name


def rule_settings(session: Session) -> dict[str, RuleConfig]:
    """Every registered rule's effective setting, by name, in registry order (defaults where no row exists)."""
    rows = {row.rule: row for row in session.scalars(select(RuleSetting))}
    configs = {}
    for rule in all_rules():
        row = rows.get(rule.name)
        stored = json.loads(row.params) if row else {}
        params = {key: stored.get(key, default) for key, default in rule.params.items()}
        configs[rule.name] = RuleConfig(rule, row.enabled if row else True, row.severity if row else rule.severity,
                                        params, row.version if row else None)
    return configs


def _params(rule: Rule, params: Mapping[str, Any] | None) -> dict[str, Any]:
    """``params`` checked against the rule's defaults: known names, non-negative numbers of the default's kind."""
    checked = dict(rule.params)
    for key, value in (params or {}).items():
        if key not in rule.params:
            raise ValidationError(f"Rule {rule.name} has no parameter {key!r}; its parameters are "
                                  f"{', '.join(rule.params) or 'none'}.", "params")
        kind = int if isinstance(rule.params[key], int) else float
        try:
            number = kind(value)
        except (TypeError, ValueError):
            raise ValidationError(f"Give {key} of rule {rule.name} as a number (not {value!r}).", "params") from None
        if number < 0 or (kind is int and number != float(value)) or not math.isfinite(number):
            raise ValidationError(f"Give {key} of rule {rule.name} as a {'whole ' if kind is int else ''}number "
                                  f"of 0 or more (not {value!r}).", "params")
        checked[key] = number
    return checked


def configure_rule(app: AppContext, actor: Actor, name: str, *, enabled: bool, severity: str,
                   params: Mapping[str, Any] | None = None, expected_version: int | None = None) -> int:
    """Switch rule ``name`` on or off, set its severity and parameters (missing ones keep their defaults);
    returns the setting's new version. Needs partners.configure; audited."""
    rule = get_rule(name)
    if severity not in SEVERITIES:
        raise ValidationError(f"Choose the severity of rule {name} from {', '.join(SEVERITIES)}.", "severity")
    values = _params(rule, params)
    with app.unit_of_work(actor, CONFIGURE) as work:
        row = work.session.get(RuleSetting, name, with_for_update=True)
        if row is not None and expected_version is not None and row.version != expected_version:
            raise StaleEditError(f"The setting of rule {name}")
        if row is None:
            row = RuleSetting(rule=name)
            work.session.add(row)
        row.enabled, row.severity, row.params = bool(enabled), severity, json.dumps(values, sort_keys=True)
        work.session.flush()
        work.audit("partners.rule_configured", "rule", name, {"enabled": bool(enabled), "severity": severity,
                                                              "params": values})
        return row.version


# -- running ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class RuleOutcome:
    """What one rule did in a run: ``new`` findings, ``present`` ones found again, open ones ``resolved`` (no
    longer found), time in ms, or why skipped."""

    rule: str
    title: str
    new: int = 0
    present: int = 0
    ms: float = 0.0
    skipped: str | None = None
    resolved: int = 0


@dataclass(frozen=True)
class RunSummary:
    """A run of the rules: one outcome per rule, the claims moved to review, and the total time."""

    outcomes: list[RuleOutcome] = field(default_factory=list)
    claims_checked: int = 0
    ms: float = 0.0

    @property
    def new(self) -> int:
        """New findings over every rule."""
        return sum(o.new for o in self.outcomes)

    @property
    def present(self) -> int:
        """Findings found again over every rule."""
        return sum(o.present for o in self.outcomes)

    @property
    def resolved(self) -> int:
        """Open findings no longer found, over every rule."""
        return sum(o.resolved for o in self.outcomes)

    def message(self) -> str:
        """One line for a job log or the user."""
        ran = sum(1 for o in self.outcomes if o.skipped is None)
        return (f"{ran} audit rules ran in {self.ms / 1000:.1f} s: {self.new} new findings, {self.present} found "
                f"again, {self.resolved} no longer found (resolved); {self.claims_checked} submitted claims moved "
                "to review.")


def jsonable(value: Any) -> Any:
    """An evidence value as JSON: ISO dates and times (UTC), numbers rounded to 2 places, text as it is."""
    if isinstance(value, datetime):
        value = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.quantize(CENT) if value.as_tuple().exponent < -2 else value)
    if isinstance(value, float):
        return round(value, 2) if math.isfinite(value) else None
    return value


def evidence_of(row: Mapping[str, Any]) -> dict[str, Any]:
    """The evidence columns of a finding row, as JSON-friendly values."""
    return {key: jsonable(value) for key, value in row.items() if key not in FINDING_COLUMNS}


def reading(app: AppContext) -> Session:
    """A session for reads only: on SQLite it begins DEFERRED, so running the rules' queries never holds the
    write lock; use it as ``with reading(app) as session:``."""
    engine = app.engine
    return Session(engine.execution_options(sqlite_readonly=True) if engine.dialect.name == "sqlite" else engine)


def _shown(evidence: Mapping[str, Any]) -> dict[str, Any]:
    """Evidence for a sentence: a missing value reads as a dash."""
    return {key: "—" if value is None else value for key, value in evidence.items()}


def summary_of(rule: Rule, evidence: Mapping[str, Any], template: str | None = None) -> str:
    """The sentence of a finding from its evidence (``template``: e.g. the translated summary)."""
    return rule.summarise(_shown(evidence), template)


def _found(session: Session, config: RuleConfig, partner_id: int | None, now: datetime) -> dict[str, dict]:
    """The rows one rule finds now, by fingerprint (the first row of a fingerprint wins)."""
    rule = config.rule
    query = rule.query(RuleScope(session, config.params, now)).subquery(f"rule_{rule.name}")
    if partner_id is not None:
        query = select(query).where(query.c.partner_id == partner_id).subquery(f"partner_{rule.name}")
    rows: dict[str, dict] = {}
    for row in session.execute(select(query)).mappings():
        rows.setdefault(f"{rule.name}:{row['key']}"[:255], dict(row))
    return rows


def _known(session: Session, rule: str) -> dict[str, Any]:
    """The rule's stored findings by fingerprint (id, claim, status, partner): read once for the upsert and the
    resolving of one rule."""
    return {row.fingerprint: row for row in session.execute(
        select(Finding.id, Finding.fingerprint, Finding.claim_id, Finding.status, Finding.partner_id)
        .where(Finding.rule == rule))}


def _upsert(session: Session, config: RuleConfig, rows: dict[str, dict], known: dict[str, Any], now: datetime) -> int:
    """Write the findings not ``known`` yet (returns how many); a known one keeps its state and decision and only
    learns its claim when the order's claim arrived after it was found."""
    rule = config.rule
    fresh = []
    for fingerprint, row in rows.items():
        if fingerprint in known:
            if known[fingerprint].claim_id is None and row["claim_id"] is not None:
                session.execute(update(Finding).where(Finding.fingerprint == fingerprint)
                                .values(claim_id=row["claim_id"], version=Finding.version + 1))
            continue
        proof = evidence_of(row)
        fresh.append({"rule": rule.name, "severity": config.severity, "fingerprint": fingerprint,
                      "partner_id": row["partner_id"], "order_id": row["order_id"], "claim_id": row["claim_id"],
                      "summary": summary_of(rule, proof)[:500], "evidence": json.dumps(proof, ensure_ascii=False),
                      "found_at": now, "status": "open", "version": 1})
    return bulk_insert(session, Finding, fresh)


def _resolve(session: Session, rows: dict[str, dict], known: dict[str, Any], partner_id: int | None,
             actor: Actor, now: datetime) -> int:
    """Mark "resolved" the open ``known`` findings (of the partner, when the run is scoped) that the rule no
    longer finds in ``rows``; returns how many. A finding decided meanwhile keeps its decision."""
    gone = [finding.id for fingerprint, finding in known.items()
            if finding.status == "open" and fingerprint not in rows
            and (partner_id is None or finding.partner_id == partner_id)]
    comment = f"No longer found when the rules ran at {now:%Y-%m-%d %H:%M} UTC."
    resolved = 0
    for start in range(0, len(gone), 500):
        resolved += session.execute(
            update(Finding).where(Finding.id.in_(gone[start:start + 500]), Finding.status == "open")
            .values(status="resolved", decided_by=actor.username, decided_at=now, comment=comment,
                    version=Finding.version + 1).execution_options(synchronize_session=False)).rowcount
    return resolved


def run_rules(app: AppContext, actor: Actor, *, partner_code: str | None = None,
              rules: list[str] | tuple[str, ...] | None = None,
              progress: Callable[[int, int, str], None] | None = None) -> RunSummary:
    """Run the enabled rules (or only ``rules``) over the network (or one partner), upsert their findings, resolve
    the open ones they no longer find, then move every submitted claim (of that partner) to review with a
    "checked" event. Needs partners.review.

    The queries run in a read-only session; only the upsert takes the write transaction. ``progress(done,
    total, rule title)`` is told before each rule; an exception it raises (a cancel) stops the run before
    anything is written."""
    actor.require(REVIEW)
    began, now = time.perf_counter(), utcnow()
    found: list[tuple[RuleConfig, dict[str, dict], float]] = []
    outcomes: dict[str, RuleOutcome] = {}
    with reading(app) as session:
        partner_id = _partner_scope(session, actor, partner_code)
        configs = rule_settings(session)
        wanted = list(configs) if rules is None else [get_rule(name).name for name in rules]
        prepare(session)
        for done, name in enumerate(wanted):
            config = configs[name]
            if progress is not None:
                progress(done, len(wanted), config.rule.title)
            missing = [plugin for plugin in config.rule.requires if not app.has_plugin(plugin)]
            if not config.enabled or missing:
                why = "switched off" if not config.enabled else f"needs {', '.join(missing)}"
                outcomes[name] = RuleOutcome(name, config.rule.title, skipped=why)
                continue
            started = time.perf_counter()
            try:
                with session.begin_nested():  # a broken rule (another plugin's) fails alone
                    rows = _found(session, config, partner_id, now)
            except Exception as error:  # noqa: BLE001 - reported in the outcome and the log, the others run
                log.exception("audit rule %s failed", name)
                outcomes[name] = RuleOutcome(name, config.rule.title, skipped=f"failed: {error}"[:300])
                continue
            found.append((config, rows, time.perf_counter() - started))
    def write() -> RunSummary:
        with app.unit_of_work(actor, REVIEW) as work:
            for config, rows, seconds in found:
                started = time.perf_counter()
                known = _known(work.session, config.name)
                new = _upsert(work.session, config, rows, known, now)
                resolved = _resolve(work.session, rows, known, partner_id, actor, now)
                ms = (seconds + time.perf_counter() - started) * 1000
                outcomes[config.name] = RuleOutcome(config.name, config.rule.title, new, len(rows) - new, ms,
                                                    resolved=resolved)
            checked = _check_submitted(work.session, actor, partner_id, now)
            summary = RunSummary([outcomes[name] for name in wanted], checked, (time.perf_counter() - began) * 1000)
            work.audit("partners.rules_run", "findings", partner_code or "*",
                       {"new": summary.new, "present": summary.present, "resolved": summary.resolved,
                        "claims_checked": checked,
                        "rules": [o.rule for o in summary.outcomes if o.skipped is None]})
        return summary

    try:
        return write()
    except IntegrityError:  # a run at the same time wrote some of these findings: write again, knowing them
        return write()


def _partner_scope(session: Session, actor: Actor, partner_code: str | None) -> int | None:
    """The partner a run is limited to: the one named, or the actor's own; None for the whole network."""
    own = access.own_partner_id(session, actor)
    if partner_code is None:
        return own
    partner_id = session.scalar(select(Partner.id).where(Partner.code == partner_code.strip().upper()))
    if partner_id is None:
        raise ValidationError(f"There is no partner {partner_code}; give a registered partner code.", "partner_code")
    access.require_partner(session, actor, partner_id, f"Partner {partner_code.upper()}")
    return partner_id


def _check_submitted(session: Session, actor: Actor, partner_id: int | None, now: datetime) -> int:
    """Move the submitted claims to review, each with a "checked" event counting its open findings."""
    query = select(Claim.id).where(Claim.status == "submitted")
    if partner_id is not None:
        query = query.where(Claim.partner_id == partner_id)
    ids = list(session.scalars(query))
    if not ids:
        return 0
    counts = dict(session.execute(select(Finding.claim_id, func.count()).where(
        Finding.claim_id.in_(query), Finding.status == "open").group_by(Finding.claim_id)).all())
    bulk_insert(session, ClaimEvent, ({"claim_id": claim_id, "at": now, "actor": actor.username, "action": "checked",
                                       "detail": json.dumps({"findings": counts.get(claim_id, 0)})}
                                      for claim_id in ids))
    session.execute(update(Claim).where(Claim.id.in_(ids), Claim.status == "submitted")
                    .values(status="in_review", version=Claim.version + 1).execution_options(synchronize_session=False))
    return len(ids)


def run_rules_job(context: Context) -> str:
    """The hourly job: every enabled rule over the whole network."""
    return run_rules(context.app, context.actor).message()


# -- deciding and reading --------------------------------------------------------------------
def decide_finding(app: AppContext, actor: Actor, finding_id: int, *, decision: str, comment: str,
                   expected_version: int | None) -> int:
    """Accept (the finding stands) or overrule (the claim is fine) an open finding, with a comment; returns its
    new version. Needs partners.review; audited."""
    if decision not in DECISIONS:
        raise ValidationError("Choose to accept or to overrule the finding.", "decision")
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError("Write a comment saying why you accept or overrule this finding.", "comment")
    if len(comment) > 1000:
        raise ValidationError(f"Shorten the comment to 1,000 characters (it has {len(comment):,}).", "comment")
    with app.unit_of_work(actor, REVIEW) as work:
        finding = work.session.get(Finding, int(finding_id), with_for_update=True)
        if finding is None:
            raise NotFound(f"Finding {finding_id} does not exist (any more); reload the list.")
        access.require_partner(work.session, actor, finding.partner_id, f"Finding {finding_id}")
        if expected_version is not None and finding.version != expected_version:
            raise StaleEditError(f"Finding {finding_id} ({finding.rule})")
        if finding.status != "open":
            raise ValidationError(f"Finding {finding_id} was already {finding.status} by {finding.decided_by}; "
                                  "reload to see the decision.", "decision")
        finding.status, finding.comment = DECISIONS[decision], comment
        finding.decided_by, finding.decided_at = actor.username, utcnow()
        work.session.flush()
        work.audit(f"partners.finding_{DECISIONS[decision]}", "finding", finding.id,
                   {"rule": finding.rule, "claim_id": finding.claim_id, "order_id": finding.order_id,
                    "comment": comment})
        return finding.version


def _about(query, claim_id: int | None, order_id: int | None):
    """``query`` limited to the findings about a claim and/or an order (either matches)."""
    if claim_id is not None and order_id is not None:
        return query.where((Finding.claim_id == claim_id) | (Finding.order_id == order_id))
    if claim_id is not None:
        return query.where(Finding.claim_id == claim_id)
    if order_id is not None:
        return query.where(Finding.order_id == order_id)
    return query


def open_findings(session: Session, *, claim_id: int | None = None, order_id: int | None = None) -> list[Finding]:
    """The open findings (of a claim and/or an order), most severe first, then oldest."""
    severity = {name: n for n, name in enumerate(reversed(SEVERITIES))}
    rows = session.scalars(_about(select(Finding).where(Finding.status == "open"), claim_id, order_id)
                           .order_by(Finding.id))
    return sorted(rows, key=lambda f: severity.get(f.severity, len(SEVERITIES)))


def findings_for(session: Session, actor: Actor, *, claim_id: int | None = None,
                 order_id: int | None = None) -> list[Finding]:
    """Every finding (of a claim and/or an order) the actor may see, open ones first, then newest."""
    query = access.scoped(_about(select(Finding), claim_id, order_id), Finding.partner_id, session, actor)
    return list(session.scalars(query.order_by((Finding.status != "open"), Finding.id.desc())))


def evidence(finding: Finding) -> dict[str, Any]:
    """A finding's evidence as a dict."""
    return json.loads(finding.evidence or "{}")
