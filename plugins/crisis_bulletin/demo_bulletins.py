"""Demo bulletins: about the demo problems and standalone, each with its revisions, audience and every
reader's delivered → read → acknowledged times, reminders and escalations (see ``demo``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from console.api import DemoContext, User, bulk_insert
from plugins.crisis_bulletin import audience as audiences
from plugins.crisis_bulletin.common import BULLETINS_PAGE, PROBLEMS_PAGE, link
from plugins.crisis_bulletin.demo_texts import DRAFT, REVISION_NOTES, SCHEDULED, STANDALONE, WITHDRAW_REASONS
from plugins.crisis_bulletin.messages import send, severity as severity_name, text, when
from plugins.crisis_bulletin.models import (
    Acknowledgement,
    Audience,
    Bulletin,
    ProblemChange,
    Revision,
    Spike,
)



@dataclass
class Plan:
    """One demo bulletin before it is written."""

    title: str
    severity: str
    body: str
    published: datetime
    entries: list[tuple[str, str]]
    problem: object | None = None
    status: str = "active"
    source: str = "manual"
    waits_for_admin: bool = False
    revisions: list[tuple[datetime, str, bool, str]] = field(default_factory=list)  # at, note, asks ack, body


def _problem_body(problem) -> str:
    row = problem.row
    parts = [f"## 影响 Impact\n\n{row['impact']}", f"**受影响型号 Models:** {row['models'] or row['products']}  \n"
             f"**版本 Versions:** {row['versions']}"]
    if row["workaround"]:
        parts.append(f"## 临时方案 Workaround\n\n{row['workaround']}")
    parts.append(f"## 下一步 Next steps\n\n- 已在问题 {problem.number} 中跟踪。Tracked in problem {problem.number}.\n"
                 "- 如有新发现将更新本通告。This bulletin is updated as we learn more.")
    return "\n\n".join(parts)


def _audience(ctx: DemoContext, people, kind: str | None = None) -> list[tuple[str, str]]:
    rng = ctx.rng
    kind = kind or rng.choices(("everyone", "role", "group"), (7, 2, 2))[0]
    if kind == "partner" and people.partners:
        return [("partner", code) for code in rng.sample(people.partners, min(3, len(people.partners)))]
    if kind == "group" and people.groups:
        return [("group", str(g)) for g, _name in rng.sample(people.groups, min(2, len(people.groups)))]
    if kind == "role":
        entries = [("role", "engineer"), ("role", "team_lead")]
        return entries + ([("partner", rng.choice(people.partners))] if people.partners and rng.random() < 0.3 else [])
    return [("everyone", "")]


def _plans(ctx: DemoContext, people, problems: list, count: int) -> list[Plan]:
    """What to publish: about two thirds about problems, the rest standalone; oldest first."""
    rng, now = ctx.rng, ctx.now
    about = [p for p in problems if p.workaround_at or p.urgency == "high"]
    chosen = rng.sample(about, min(len(about), round(count * 0.65)))
    plans = [Plan(p.title, "critical" if p.urgency == "high" and rng.random() < 0.6 else "major", _problem_body(p),
                  min(p.workaround_at or p.created + timedelta(hours=rng.uniform(1, 6)), now),
                  _audience(ctx, people), problem=p) for p in chosen]
    for i in range(count - len(plans)):
        title, severity, kind, body = STANDALONE[i % len(STANDALONE)]
        age = rng.uniform(0.5, 21) if rng.random() < 0.4 else rng.uniform(21, 355)
        plans.append(Plan(title, severity, body, now - timedelta(days=age), _audience(ctx, people, kind)))
    plans.sort(key=lambda p: p.published)
    if plans:
        live = [p for p in plans if p.problem is None or p.problem.resolved_at is None] or plans
        current = next((p for p in reversed(live) if p.severity == "critical"), live[-1])
        current.severity, current.published = "critical", now - timedelta(hours=rng.uniform(2, 5))
        current.entries, current.waits_for_admin = [("everyone", "")], True
        plans.sort(key=lambda p: p.published)
    return plans


def _revise(ctx: DemoContext, plan: Plan, end: datetime) -> None:
    """Revision 1 and, for some bulletins, one or two updates before ``end``."""
    rng = ctx.rng
    plan.revisions = [(plan.published, "", True, plan.body)]
    body = plan.body
    for n in range(rng.choices((0, 1, 2), (60, 28, 12))[0]):
        at = plan.revisions[-1][0] + timedelta(hours=rng.uniform(3, 72))
        if at >= end:
            break
        note = rng.choice(REVISION_NOTES)
        body = f"{body}\n\n**更新 Update {n + 2}:** {note}"
        plan.revisions.append((at, note, rng.random() < 0.35, body))
    plan.body = body


def _reader_row(ctx: DemoContext, bulletin: dict, plan: Plan, user_id: int, deadline: datetime, ack_rev: int,
                lead: int | None, timing: dict) -> dict:
    """One reader's progress: most read within hours and acknowledge soon after; late ones are chased."""
    rng, now = ctx.rng, ctx.now
    end = min(now, bulletin["withdrawn_at"] or now)
    revision_at = lambda at: max((i + 1 for i, r in enumerate(plan.revisions) if r[0] <= at), default=1)  # noqa: E731
    read = plan.published + timedelta(hours=rng.expovariate(1 / 5)) if rng.random() < 0.93 else None
    read = read if read and read <= end else None
    acked = read + timedelta(hours=rng.expovariate(1 / 0.8)) if read and rng.random() < 0.9 else None
    acked = acked if acked and acked <= end else None
    ack_revision = revision_at(acked) if acked else None
    if acked and ack_revision < ack_rev:
        again = plan.revisions[ack_rev - 1][0] + timedelta(hours=rng.expovariate(1 / 4))
        if again <= end and rng.random() < 0.8:
            acked, ack_revision = again, ack_rev
    row = {"bulletin_id": bulletin["id"], "user_id": user_id, "delivered_at": plan.published, "read_at": read,
           "read_revision": revision_at(max(read, acked or read)) if read else None, "acknowledged_at": acked,
           "acknowledged_revision": ack_revision, "reminders": 0, "reminded_at": None, "escalated_at": None,
           "escalated_to": None}
    missing_at = acked if acked and (ack_revision or 0) >= ack_rev else end + timedelta(seconds=1)
    for at in (deadline - timing["remind_before"], deadline):
        if at < missing_at and at <= end and at > plan.published:
            row["reminders"], row["reminded_at"] = row["reminders"] + 1, at
    escalation = deadline + timing["escalate_after"]
    if escalation < missing_at and escalation <= end:
        row["escalated_at"], row["escalated_to"] = escalation, lead
    return row


def seed_bulletins(ctx: DemoContext, session: Session, people, numbers, problems: list, timing: dict) -> dict:
    """Write the bulletins with revisions, audiences and readers; returns counts for the audit entry."""
    rng, now = ctx.rng, ctx.now
    plans = _plans(ctx, people, problems, ctx.scale.get("bulletins", 4))
    logins = dict(session.execute(select(User.id, User.username).where(User.id.in_(people.leads))).all())
    leads = audiences.leads_of(session, session.scalars(select(User.id).where(User.is_active.is_(True))).all())
    acks, revisions, entries, changes = [], [], [], []
    current = None
    for plan in plans:
        publisher = rng.choice(people.leads)
        problem = plan.problem
        if problem is not None:
            valid_until = (max(problem.resolved_at + timedelta(days=3), plan.published + timedelta(days=1))
                           if problem.resolved_at else None)  # a day at least, however late it went out
        else:
            valid_until = plan.published + timedelta(days=rng.choice((7, 14, 30, 45)))
        withdrawn = plan.published + timedelta(hours=rng.uniform(2, 30)) if rng.random() < 0.04 else None
        withdrawn = withdrawn if withdrawn and withdrawn < now and plan.published < now - timedelta(days=2) else None
        _revise(ctx, plan, min(now, valid_until or now, withdrawn or now))
        ack_rev = max(i + 1 for i, r in enumerate(plan.revisions) if r[2])
        deadline = plan.revisions[ack_rev - 1][0] + timedelta(hours=8 if plan.severity == "critical" else
                                                              timing["ack_hours"])
        if valid_until is not None:
            deadline = min(deadline, valid_until)
        status = ("withdrawn" if withdrawn else "expired" if valid_until and valid_until <= now else "active")
        bulletin = Bulletin(number=numbers.take("BUL", plan.published), problem_id=problem.id if problem else None,
                            title=plan.title, severity=plan.severity, body=plan.body, status=status,
                            revision=len(plan.revisions), ack_revision=ack_rev, valid_from=plan.published,
                            valid_until=valid_until, ack_deadline=deadline, source=plan.source,
                            created_at=plan.published - timedelta(minutes=rng.randint(10, 90)),
                            created_by=logins[publisher],
                            updated_at=plan.revisions[-1][0], published_at=plan.published,
                            published_by=logins[publisher], withdrawn_at=withdrawn,
                            withdrawn_by=logins[publisher] if withdrawn else None,
                            withdraw_reason=rng.choice(WITHDRAW_REASONS) if withdrawn else "")
        session.add(bulletin)
        session.flush()
        current = bulletin if plan.waits_for_admin else current
        row = {"id": bulletin.id, "withdrawn_at": withdrawn}
        entries += [{"bulletin_id": bulletin.id, "kind": k, "value": v} for k, v in sorted(set(plan.entries))]
        revisions += [{"bulletin_id": bulletin.id, "revision": i + 1, "at": at, "actor": logins[publisher],
                       "title": plan.title, "severity": plan.severity, "body": body, "valid_until": valid_until,
                       "ack_deadline": deadline, "note": note, "asks_ack": asks}
                      for i, (at, note, asks, body) in enumerate(plan.revisions)]
        if problem is not None:
            changes.append({"problem_id": problem.id, "at": plan.published, "actor": logins[publisher],
                            "action": "bulletin", "status": problem.status, "note": bulletin.number})
        readers = sorted(audiences.readers(session, plan.entries))
        waiting = None  # the current bulletin waits for the demo admin (its banner), else for its last reader
        if plan.waits_for_admin and readers:
            waiting = people.admin if people.admin in readers else readers[-1]
        for user_id in readers:
            ack = _reader_row(ctx, row, plan, user_id, deadline, ack_rev, leads.get(user_id, publisher), timing)
            if user_id == waiting:
                ack.update(read_at=None, read_revision=None, acknowledged_at=None, acknowledged_revision=None)
            acks.append(ack)
    for table, rows in ((Audience, entries), (Revision, revisions), (ProblemChange, changes),
                        (Acknowledgement, acks)):
        bulk_insert(session, table, rows)
    drafts = _drafts(ctx, session, people, numbers, problems, logins)
    _notifications(session, people, current, problems)
    return {"bulletins": len(plans) + drafts, "readers": len(acks)}


def _drafts(ctx: DemoContext, session: Session, people, numbers, problems: list, logins: dict) -> int:
    """Drafts for the leads: one per open spike proposal, one ordinary draft, and one scheduled bulletin."""
    now, rng = ctx.now, ctx.rng
    spikes = [p for p in problems if p.row["source"] == "spike" and p.status in ("identified", "investigating")]
    author = logins[people.leads[0]]
    written = 0
    for problem in spikes[-2:]:
        draft = Bulletin(title=f"故障通告（草稿）：{problem.row['models'] or problem.row['category']}"[:255],
                         severity="major", body=_problem_body(problem), status="draft", problem_id=problem.id,
                         source="spike", created_at=problem.created, created_by="system", updated_at=problem.created)
        session.add(draft)
        session.flush()
        session.add(Audience(bulletin_id=draft.id, kind="everyone", value=""))
        session.execute(update(Spike).where(Spike.problem_id == problem.id).values(bulletin_id=draft.id))
        written += 1
    title, severity, body = DRAFT
    session.add(Bulletin(title=title, severity=severity, body=body, status="draft", created_at=now - timedelta(hours=3),
                         created_by=author, updated_at=now - timedelta(hours=2)))
    if len(problems) >= 5:
        start = now + timedelta(days=rng.randint(2, 5), hours=rng.randint(0, 8))
        title, severity, body = SCHEDULED
        scheduled = Bulletin(title=title, severity=severity, body=body, status="scheduled", revision=1, ack_revision=1,
                             valid_from=start, valid_until=start + timedelta(days=1),
                             ack_deadline=start + timedelta(hours=12), created_at=now - timedelta(hours=5),
                             created_by=author, updated_at=now - timedelta(hours=5),
                             published_at=now - timedelta(hours=5), published_by=author,
                             number=numbers.take("BUL", now))
        session.add(scheduled)
        session.flush()
        session.add(Audience(bulletin_id=scheduled.id, kind="everyone", value=""))
        session.add(Revision(bulletin_id=scheduled.id, revision=1, at=scheduled.published_at, actor=author,
                             title=title, severity=severity, body=body, valid_until=scheduled.valid_until,
                             ack_deadline=scheduled.ack_deadline))
        written += 1
    return written + 1


def _notifications(session: Session, people, current: Bulletin | None, problems: list) -> None:
    """What the demo admin and lead find in their notification centre."""
    if current is not None and people.admin:
        send(session, [people.admin], lambda locale, zone: (
            text(locale, "published", severity=severity_name(locale, "critical"), number=current.number,
                 title=current.title),
            text(locale, "published_body", deadline=when(current.ack_deadline, zone, locale))),
             "critical", link(BULLETINS_PAGE, current.id))
    spike = next((p for p in reversed(problems) if p.row["source"] == "spike"), None)
    if spike is not None:
        send(session, people.leads[:1], lambda locale, _zone: (
            text(locale, "spike", count=5, value=spike.row["models"] or spike.row["category"], minutes=60),
            text(locale, "spike_body", problem=spike.number)), "warning", link(PROBLEMS_PAGE, spike.number))
