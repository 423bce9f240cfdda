"""Crisis bulletin rules: problems, publishing a bulletin to its readers, acknowledgement, spikes.

Works without the incidents plugin: incident creations arrive as ``incidents.incident_created``
events, and ``spike_count`` of them in one category within ``spike_minutes`` propose a problem.
Qt-free; publishing needs ``crisis_bulletin.edit``, acknowledging ``crisis_bulletin.read``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from console.api import (
    Actor,
    AppContext,
    Context,
    DomainEvent,
    Group,
    GroupMember,
    NotFound,
    SearchHit,
    User,
    ValidationError,
    get_setting,
    utcnow,
)
from plugins.crisis_bulletin.models import (
    DONE_PROBLEM_STATUSES,
    SEVERITIES,
    URGENCIES,
    Acknowledgement,
    Bulletin,
    IncidentSignal,
    Problem,
)

READ, EDIT = "crisis_bulletin.read", "crisis_bulletin.edit"
PAGE_ID = "crisis_bulletin.bulletins"


def _title(value: str) -> str:
    title = value.strip()
    if not title or len(title) > 255:
        raise ValidationError("Enter a title of at most 255 characters.", "title")
    return title


def create_problem(app: AppContext, actor: Actor, *, title: str, urgency: str = "medium",
                   owner_id: int | None = None, category: str | None = None, workaround: str = "") -> int:
    """Record a problem (status ``identified``); returns its id."""
    title = _title(title)
    if urgency not in URGENCIES:
        raise ValidationError(f"'{urgency}' is not an urgency; use one of {', '.join(URGENCIES)}.", "urgency")
    with app.unit_of_work(actor, EDIT) as work:
        if owner_id is not None and work.session.get(User, owner_id) is None:
            raise ValidationError(f"There is no user with id {owner_id} to own the problem.", "owner_id")
        problem = _add_problem(work.session, title, urgency, owner_id, category, workaround.strip())
        work.audit("problem.create", "problem", problem.id, {"title": title})
        work.emit("crisis_bulletin.problem_created", problem_id=problem.id, title=title, category=category)
    return problem.id


def _add_problem(session: Session, title: str, urgency: str, owner_id: int | None, category: str | None,
                 workaround: str = "") -> Problem:
    problem = Problem(title=title, status="identified", urgency=urgency, owner_id=owner_id, category=category,
                      workaround=workaround, created_at=utcnow())
    session.add(problem)
    session.flush()
    return problem


def _readers(session: Session, group_ids: tuple[int, ...]) -> list[int]:
    """Active members of the groups, or every active user when no group is named."""
    query = select(User.id).where(User.is_active.is_(True))
    if group_ids:
        known = set(session.scalars(select(Group.id).where(Group.id.in_(group_ids))))
        if unknown := sorted(set(group_ids) - known):
            raise ValidationError(f"There is no group with id {', '.join(map(str, unknown))}.", "group_ids")
        query = query.where(User.id.in_(select(GroupMember.user_id).where(GroupMember.group_id.in_(group_ids))))
    return list(session.scalars(query))


def publish(app: AppContext, actor: Actor, *, title: str, body: str, severity: str = "major",
            problem_id: int | None = None, group_ids: tuple[int, ...] = ()) -> int:
    """Publish a bulletin to the members of ``group_ids`` (everyone when empty); returns its id.

    Each reader gets a delivered acknowledgement row; they must acknowledge within
    ``crisis_bulletin.ack_hours``.
    """
    title, body = _title(title), body.strip()
    if not body:
        raise ValidationError("Write the bulletin's text: what happened, who is affected, what to do.", "body")
    if severity not in SEVERITIES:
        raise ValidationError(f"'{severity}' is not a severity; use one of {', '.join(SEVERITIES)}.", "severity")
    ack_within = timedelta(hours=get_setting(app, "crisis_bulletin.ack_hours"))
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        if problem_id is not None and session.get(Problem, problem_id) is None:
            raise ValidationError(f"There is no problem {problem_id} to link; leave it empty or pick one.",
                                  "problem_id")
        readers = _readers(session, tuple(group_ids))
        if not readers:
            raise ValidationError("Nobody would receive this bulletin: choose groups with active members.",
                                  "group_ids")
        now = utcnow()
        bulletin = Bulletin(problem_id=problem_id, title=title, severity=severity, body=body, published_at=now,
                            ack_deadline=now + ack_within)
        session.add(bulletin)
        session.flush()
        session.execute(insert(Acknowledgement.__table__),
                        [{"bulletin_id": bulletin.id, "user_id": user_id, "delivered_at": now} for user_id in readers])
        work.audit("bulletin.publish", "bulletin", bulletin.id, {"title": title, "readers": len(readers)})
        work.emit("crisis_bulletin.bulletin_published", bulletin_id=bulletin.id, title=title, severity=severity,
                  readers=len(readers))
    return bulletin.id


def acknowledge(app: AppContext, actor: Actor, bulletin_id: int) -> datetime:
    """The actor acknowledges a bulletin (marking it read too); returns when. A repeat keeps the first time."""
    with app.unit_of_work(actor, READ) as work:
        session = work.session
        ack = session.scalar(select(Acknowledgement).where(Acknowledgement.bulletin_id == bulletin_id,
                                                           Acknowledgement.user_id == actor.user_id))
        if ack is None:
            if session.get(Bulletin, bulletin_id) is None:
                raise NotFound(f"There is no bulletin {bulletin_id}.")
            raise ValidationError("This bulletin was not sent to you, so there is nothing to acknowledge.",
                                  "bulletin_id")
        if ack.acknowledged_at is None:
            now = utcnow()
            ack.read_at = ack.read_at or now
            ack.acknowledged_at = now
            work.audit("bulletin.acknowledge", "bulletin", bulletin_id)
            work.emit("crisis_bulletin.bulletin_acknowledged", bulletin_id=bulletin_id, user_id=actor.user_id)
    return ack.acknowledged_at


def note_incident(app: AppContext, event: DomainEvent) -> int | None:
    """Count an ``incidents.incident_created`` event; on a spike in its category, propose a problem.

    A spike is ``crisis_bulletin.spike_count`` incidents of one category within
    ``crisis_bulletin.spike_minutes``, unless an open problem of that category exists.
    Returns the proposed problem's id, if any. A repeated event is counted once.
    """
    number, category = event.payload.get("number"), event.payload.get("category")
    if not number or not category:
        return None
    opened = event.payload.get("opened_at")
    at = datetime.fromisoformat(opened) if opened else (event.at or utcnow())
    needed = get_setting(app, "crisis_bulletin.spike_count")
    window = timedelta(minutes=get_setting(app, "crisis_bulletin.spike_minutes"))
    with app.unit_of_work(Actor.system(), EDIT) as work:
        session = work.session
        if session.scalar(select(IncidentSignal.id).where(IncidentSignal.incident_ref == number)) is not None:
            return None
        session.add(IncidentSignal(incident_ref=number, category=category, at=at))
        session.flush()
        seen = session.scalar(select(func.count()).select_from(IncidentSignal).where(
            IncidentSignal.category == category, IncidentSignal.at > at - window, IncidentSignal.at <= at))
        open_problem = session.scalar(select(Problem.id).where(
            Problem.category == category, Problem.status.not_in(DONE_PROBLEM_STATUSES)).limit(1))
        if seen < needed or open_problem is not None:
            return None
        minutes = int(window.total_seconds() // 60)
        problem = _add_problem(session, f"{category}: {seen} 起事件 / incidents in {minutes} min", "high", None,
                               category)
        work.audit("problem.spike", "problem", problem.id, {"category": category, "incidents": seen})
        work.emit("crisis_bulletin.spike_detected", problem_id=problem.id, category=category, incidents=seen)
    return problem.id


def search(context: Context, text: str, limit: int) -> list[SearchHit]:
    """Global search: bulletins whose title contains ``text``, newest first."""
    text = text.strip()
    if not text:
        return []
    query = (select(Bulletin.id, Bulletin.title, Bulletin.published_at)
             .where(Bulletin.title.icontains(text, autoescape=True))
             .order_by(Bulletin.published_at.desc()).limit(limit))
    with context.app.session() as session:
        rows = session.execute(query).all()
    zone = ZoneInfo(context.actor.timezone)
    return [SearchHit(title, f"{published.astimezone(zone):%Y-%m-%d %H:%M}", PAGE_ID, str(bulletin_id))
            for bulletin_id, title, published in rows]
