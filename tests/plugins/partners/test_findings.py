"""Running the rules (upsert by fingerprint, claims moved to review), deciding findings, rule settings,
and who sees which findings."""

from __future__ import annotations

import json
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from console.api import Context, NotFound, PermissionDenied, StaleEditError, ValidationError
from console.core.models import AuditEntry
from plugins.partners import findings
from plugins.partners.models import Claim, ClaimEvent, Finding
from plugins.partners.rules import Rule, register
from tests.plugins import unique
from tests.plugins.partners.test_rules import START, Book, closed


@pytest.fixture
def book(app):
    return Book(app)


def partner_findings(app, book, rule: str | None = None) -> list[Finding]:
    with app.session() as session:
        query = select(Finding).where(Finding.partner_id == book.partner_id).order_by(Finding.id)
        rows = list(session.scalars(query.where(Finding.rule == rule) if rule else query))
        session.expunge_all()
        return rows


def outcome(summary, rule: str):
    return next(o for o in summary.outcomes if o.rule == rule)


def duplicate(book) -> tuple[int, int]:
    order, _ = book.order(closed(START))
    return book.claim(order), book.claim(order)


@pytest.fixture
def counting_rule(own_registry):
    """A rule of the test's own that finds every claim of the partners it is told about, with a parameter."""
    from plugins.partners.models import Claim as C

    partners: list[int] = []

    def query(scope):
        return (select(C.partner_id, C.order_id, C.id.label("claim_id"), C.id.label("key"), C.number.label("claim"))
                .where(C.partner_id.in_(partners or [-1]), C.amount >= scope.params["minimum"]))

    rule = register(Rule(unique("counting_").lower(), "Counting", "Every claim of the partner.", "info",
                         {"minimum": 0}, query, "Claim {claim} was counted."))
    return SimpleNamespace(name=rule.name, partners=partners)


def test_a_rerun_creates_nothing_new_and_a_decision_stays(app, admin, book):
    _first, second = duplicate(book)
    summary = findings.run_rules(app, admin, partner_code=book.code)
    assert outcome(summary, "duplicate_order_claim").new == 1 and summary.ms > 0
    [finding] = partner_findings(app, book, "duplicate_order_claim")
    assert finding.claim_id == second and finding.severity == "critical" and finding.status == "open"
    assert "C2" in finding.summary and json.loads(finding.evidence)["claims"] == 2
    again = findings.run_rules(app, admin, partner_code=book.code)
    assert outcome(again, "duplicate_order_claim").new == 0 and outcome(again, "duplicate_order_claim").present == 1
    findings.decide_finding(app, admin, finding.id, decision="overrule", comment="Second visit was agreed.",
                            expected_version=finding.version)
    findings.run_rules(app, admin, partner_code=book.code)
    [kept] = partner_findings(app, book, "duplicate_order_claim")
    assert kept.status == "overruled" and kept.comment == "Second visit was agreed."
    assert kept.decided_by == admin.username


def test_submitted_claims_move_to_review_with_a_checked_event(app, admin, book):
    first, second = duplicate(book)
    clean = book.claim(book.order(closed(START))[0])
    approved = book.claim(book.order(closed(START))[0], status="approved")
    summary = findings.run_rules(app, admin, partner_code=book.code)
    assert summary.claims_checked == 3 and "3 submitted claims moved to review" in summary.message()
    with app.session() as session:
        statuses = dict(session.execute(select(Claim.id, Claim.status)
                                        .where(Claim.partner_id == book.partner_id)).all())
        events = {claim: json.loads(detail) for claim, detail in session.execute(
            select(ClaimEvent.claim_id, ClaimEvent.detail).where(ClaimEvent.claim_id.in_(statuses),
                                                                 ClaimEvent.action == "checked"))}
        version = session.get(Claim, second).version
    assert statuses == {first: "in_review", second: "in_review", clean: "in_review", approved: "approved"}
    assert events == {first: {"findings": 0}, second: {"findings": 1}, clean: {"findings": 0}}
    assert version == 2
    assert findings.run_rules(app, admin, partner_code=book.code).claims_checked == 0


def test_a_finding_about_an_order_learns_its_claim_when_the_claim_arrives(app, admin, book):
    order, _ = book.order([("dispatched", START), ("accepted", START + timedelta(minutes=30)),
                           ("departed", START + timedelta(minutes=10))])
    findings.run_rules(app, admin, partner_code=book.code, rules=["step_out_of_order"])
    [finding] = partner_findings(app, book, "step_out_of_order")
    assert finding.order_id == order and finding.claim_id is None
    claim = book.claim(order)
    summary = findings.run_rules(app, admin, partner_code=book.code, rules=["step_out_of_order"])
    assert [o.rule for o in summary.outcomes] == ["step_out_of_order"] and summary.present == 1
    [finding] = partner_findings(app, book, "step_out_of_order")
    assert finding.claim_id == claim
    with app.session() as session:
        assert [f.id for f in findings.open_findings(session, claim_id=claim)] == [finding.id]
        assert [f.id for f in findings.open_findings(session, order_id=order)] == [finding.id]


def test_deciding_needs_a_comment_the_review_permission_and_the_current_version(app, admin, make_actor, book):
    duplicate(book)
    findings.run_rules(app, admin, partner_code=book.code, rules=["duplicate_order_claim"])
    [finding] = partner_findings(app, book)
    with pytest.raises(ValidationError, match="comment") as refused:
        findings.decide_finding(app, admin, finding.id, decision="accept", comment="  ", expected_version=1)
    assert refused.value.field == "comment"
    with pytest.raises(ValidationError, match="accept or to overrule"):
        findings.decide_finding(app, admin, finding.id, decision="maybe", comment="x", expected_version=1)
    with pytest.raises(PermissionDenied):
        findings.decide_finding(app, make_actor("back_office"), finding.id, decision="accept", comment="x",
                                expected_version=1)
    with pytest.raises(StaleEditError):
        findings.decide_finding(app, admin, finding.id, decision="accept", comment="x", expected_version=7)
    auditor = make_actor("partner_auditor")
    version = findings.decide_finding(app, auditor, finding.id, decision="accept", comment="Claimed twice.",
                                      expected_version=finding.version)
    assert version == finding.version + 1
    with pytest.raises(ValidationError, match="already accepted"):
        findings.decide_finding(app, admin, finding.id, decision="overrule", comment="x", expected_version=None)
    with pytest.raises(NotFound):
        findings.decide_finding(app, admin, 10**9, decision="accept", comment="x", expected_version=None)
    with app.session() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "finding",
                                                         AuditEntry.entity_id == str(finding.id))).one()
        assert entry.action == "partners.finding_accepted" and entry.actor == auditor.username
        assert json.loads(entry.detail)["comment"] == "Claimed twice."
        assert findings.open_findings(session, claim_id=finding.claim_id) == []


def test_rule_settings_switch_off_change_severity_and_parameters(app, admin, book, counting_rule):
    counting_rule.partners.append(book.partner_id)
    cheap = book.claim(book.order(closed(START))[0], amount="100")
    dear = book.claim(book.order(closed(START))[0], amount="900")
    with app.session() as session:
        config = findings.rule_settings(session)[counting_rule.name]
    assert (config.enabled, config.severity, config.params, config.version) == (True, "info", {"minimum": 0}, None)
    version = findings.configure_rule(app, admin, counting_rule.name, enabled=True, severity="critical",
                                      params={"minimum": 500})
    summary = findings.run_rules(app, admin, partner_code=book.code, rules=[counting_rule.name])
    assert outcome(summary, counting_rule.name).new == 1
    [finding] = partner_findings(app, book, counting_rule.name)
    assert finding.claim_id == dear and finding.severity == "critical" and finding.claim_id != cheap
    assert finding.summary.startswith("Claim ") and finding.summary.endswith("was counted.")
    findings.configure_rule(app, admin, counting_rule.name, enabled=False, severity="critical",
                            params={"minimum": 500}, expected_version=version)
    skipped = outcome(findings.run_rules(app, admin, partner_code=book.code), counting_rule.name)
    assert skipped.skipped == "switched off" and skipped.new == 0
    with pytest.raises(StaleEditError):
        findings.configure_rule(app, admin, counting_rule.name, enabled=True, severity="info", expected_version=version)


def test_an_open_finding_its_rule_no_longer_finds_is_resolved_and_holds_its_claim_no_more(app, admin, book,
                                                                                           counting_rule):
    other = Book(app)
    counting_rule.partners.extend([book.partner_id, other.partner_id])
    dear = book.claim(book.order(closed(START))[0], amount="900")
    accepted = book.claim(book.order(closed(START))[0], amount="950")
    elsewhere = other.claim(other.order(closed(START))[0], amount="900")
    name = counting_rule.name
    findings.run_rules(app, admin, rules=[name])
    found = {f.claim_id: f for f in partner_findings(app, book, name)}
    findings.decide_finding(app, admin, found[accepted].id, decision="accept", comment="It stands.",
                            expected_version=found[accepted].version)
    version = findings.configure_rule(app, admin, name, enabled=False, severity="info", params={"minimum": 2000})
    assert outcome(findings.run_rules(app, admin, rules=[name]), name).resolved == 0  # switched off: not run
    assert partner_findings(app, book, name)[0].status == "open"
    findings.configure_rule(app, admin, name, enabled=True, severity="info", params={"minimum": 2000},
                            expected_version=version)

    summary = findings.run_rules(app, admin, partner_code=book.code, rules=[name])  # one partner's run
    assert outcome(summary, name).resolved == 1 and "1 no longer found (resolved)" in summary.message()
    states = {f.claim_id: f for f in partner_findings(app, book, name)}
    assert (states[dear].status, states[dear].decided_by) == ("resolved", admin.username)
    assert states[dear].comment.startswith("No longer found when the rules ran at ")
    assert states[accepted].status == "accepted" and states[accepted].comment == "It stands."
    assert [f.status for f in partner_findings(app, other, name)] == ["open"]  # not that partner's run
    with app.session() as session:
        assert findings.open_findings(session, claim_id=dear) == []
        assert [f.claim_id for f in findings.open_findings(session, order_id=None, claim_id=elsewhere)] == [elsewhere]
    assert findings.run_rules(app, admin, partner_code=book.code, rules=[name]).resolved == 0
    assert findings.run_rules(app, admin, rules=[name]).resolved == 1  # the whole network: the other one too


@pytest.mark.parametrize(("changes", "message"), [
    ({"severity": "fatal"}, "severity"),
    ({"params": {"nope": 1}}, "no parameter 'nope'"),
    ({"params": {"days": -1}}, "0 or more"),
    ({"params": {"days": 2.5}}, "whole number"),
    ({"params": {"days": "soon"}}, "as a number"),
])
def test_rule_settings_are_validated(app, admin, changes, message):
    values = {"enabled": True, "severity": "warning", **changes}
    with pytest.raises(ValidationError, match=message):
        findings.configure_rule(app, admin, "repeat_repair", **values)


def test_configuring_needs_the_configure_permission_and_a_known_rule(app, make_actor):
    with pytest.raises(PermissionDenied):
        findings.configure_rule(app, make_actor("back_office"), "repeat_repair", enabled=False, severity="info")
    with pytest.raises(NotFound, match="no audit rule"):
        findings.configure_rule(app, make_actor("admin"), "no_such_rule", enabled=False, severity="info")


def test_running_needs_the_review_permission_and_a_known_partner(app, admin, make_actor):
    with pytest.raises(PermissionDenied):
        findings.run_rules(app, make_actor("back_office"))
    with pytest.raises(ValidationError, match="no partner"):
        findings.run_rules(app, admin, partner_code=unique("NOPE"))
    with pytest.raises(NotFound):
        findings.run_rules(app, admin, rules=["no_such_rule"])


def test_rules_that_need_spares_are_skipped_without_it(app, admin, book, monkeypatch):
    active = app.has_plugin
    monkeypatch.setattr(app, "has_plugin", lambda name: name != "spares" and active(name))
    summary = findings.run_rules(app, admin, partner_code=book.code)
    assert outcome(summary, "part_not_issued").skipped == "needs spares"
    assert outcome(summary, "repeat_repair").skipped is None


def test_a_partner_user_sees_only_its_own_findings(app, admin, make_actor, book):
    other = Book(app)
    duplicate(book)
    duplicate(other)
    findings.run_rules(app, admin, partner_code=book.code, rules=["duplicate_order_claim"])
    findings.run_rules(app, admin, partner_code=other.code, rules=["duplicate_order_claim"])
    partner_user = make_actor("engineer", partner_code=book.code)
    with app.session() as session:
        seen = findings.findings_for(session, partner_user)
        everything = findings.findings_for(session, admin)
    assert seen and {f.partner_id for f in seen} == {book.partner_id}
    assert {book.partner_id, other.partner_id} <= {f.partner_id for f in everything}
    [theirs] = partner_findings(app, other)
    reviewer = make_actor("partner_auditor", partner_code=book.code)
    with pytest.raises(PermissionDenied, match="another partner"):
        findings.decide_finding(app, reviewer, theirs.id, decision="accept", comment="x", expected_version=None)
    with pytest.raises(PermissionDenied, match="another partner"):
        findings.run_rules(app, reviewer, partner_code=other.code)


def test_the_hourly_job_runs_every_rule(app, admin, book):
    duplicate(book)
    from console.api import Actor

    message = findings.run_rules_job(Context(app, Actor.system()))
    assert "audit rules ran" in message
    assert partner_findings(app, book, "duplicate_order_claim")


def test_open_findings_come_most_severe_first(app, admin, book):
    order, _ = book.order([("dispatched", START), ("accepted", START + timedelta(minutes=30)),
                           ("departed", START + timedelta(minutes=10))])
    book.claim(order)
    claim = book.claim(order)
    findings.run_rules(app, admin, partner_code=book.code, rules=["step_out_of_order", "duplicate_order_claim"])
    with app.session() as session:
        shown = findings.open_findings(session, claim_id=claim, order_id=order)
    assert [f.rule for f in shown] == ["duplicate_order_claim", "step_out_of_order"]


def test_evidence_values_become_json():
    from datetime import date, datetime, timezone
    from decimal import Decimal

    assert findings.jsonable(Decimal("1.234567")) == "1.23" and findings.jsonable(Decimal("41.0")) == "41.0"
    assert findings.jsonable(2.0 / 3) == 0.67 and findings.jsonable(float("inf")) is None
    assert findings.jsonable(date(2026, 3, 1)) == "2026-03-01"
    assert findings.jsonable(datetime(2026, 3, 1, 8, 30, tzinfo=timezone.utc)) == "2026-03-01 08:30 UTC"


def test_a_broken_rule_fails_alone(app, admin, book, own_registry):
    def broken(scope):
        raise RuntimeError("the plugin's query is wrong")

    name = register(Rule(unique("broken_").lower(), "Broken", "A rule whose query fails.", "info", {}, broken,
                         "never")).name
    duplicate(book)
    summary = findings.run_rules(app, admin, partner_code=book.code)
    assert outcome(summary, name).skipped == "failed: the plugin's query is wrong"
    assert outcome(summary, "duplicate_order_claim").new == 1


def test_a_run_that_collides_with_another_writes_again(app, admin, book, monkeypatch):
    from sqlalchemy.exc import IntegrityError

    real, collided = findings._upsert, []

    def colliding(session, config, *rest):
        if not collided:
            collided.append(config.name)
            raise IntegrityError("INSERT INTO partners_finding", {}, Exception("duplicate fingerprint"))
        return real(session, config, *rest)

    monkeypatch.setattr(findings, "_upsert", colliding)
    duplicate(book)
    summary = findings.run_rules(app, admin, partner_code=book.code, rules=["duplicate_order_claim"])
    assert collided and outcome(summary, "duplicate_order_claim").new == 1
    assert len(partner_findings(app, book, "duplicate_order_claim")) == 1


def test_a_run_tells_its_progress_and_a_cancel_writes_nothing(app, admin, book):
    duplicate(book)
    told = []
    findings.run_rules(app, admin, partner_code=book.code, rules=["not_entitled", "duplicate_order_claim"],
                       progress=lambda done, total, title: told.append((done, total, title)))
    assert told == [(0, 2, "Asset not under warranty or contract"), (1, 2, "Duplicate claim for one order")]
    other = Book(app)
    duplicate(other)

    class Cancelled(Exception):
        pass

    def cancel(done, total, title):
        if done:
            raise Cancelled()

    with pytest.raises(Cancelled):
        findings.run_rules(app, admin, partner_code=other.code, rules=["not_entitled", "duplicate_order_claim"],
                           progress=cancel)
    assert partner_findings(app, other) == []
