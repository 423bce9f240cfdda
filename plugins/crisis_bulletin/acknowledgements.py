"""Per-reader progress on a bulletin: delivered → read → acknowledged, the reminders and the escalation.

A reader is done when they acknowledged the revision the bulletin last asked for
(``acknowledged_revision >= Bulletin.ack_revision``). The acknowledgement job
(``run_acknowledgement_job``) makes scheduled bulletins active and delivers them, expires old ones,
delivers live bulletins to people who joined their audience, and chases the missing
acknowledgements: a reminder ``remind_before_hours`` before the deadline, another once it has
passed, and ``escalate_after_hours`` after it a message to the reader's lead (their own lead,
else their group's lead, else whoever published the bulletin) naming everyone still missing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, exists, func, insert, or_, select, update
from sqlalchemy.orm import Session, aliased

from console.api import Actor, AppContext, NotFound, User, ValidationError, get_setting, utcnow
from plugins.crisis_bulletin import audience as audiences
from plugins.crisis_bulletin.common import BULLETINS_PAGE, CHANNEL, PUBLISH, READ, SEVERITY_TO_NOTIFICATION, link
from plugins.crisis_bulletin.messages import send, severity, text, when
from plugins.crisis_bulletin.models import Acknowledgement, Bulletin

Compose = Callable[[str, str], tuple[str, str]]


# -- delivery ----------------------------------------------------------------------------------
def notify_readers(session: Session, bulletin: Bulletin, user_ids: Iterable[int], compose: Compose) -> int:
    """Notify readers about ``bulletin`` in their own language; the notification opens it."""
    return send(session, user_ids, compose, SEVERITY_TO_NOTIFICATION[bulletin.severity],
                link(BULLETINS_PAGE, bulletin.id))


def deliver(session: Session, bulletin: Bulletin, readers: Iterable[int], now: datetime) -> list[int]:
    """Give each reader who has no row yet a delivered row and a notification; returns their ids."""
    have = set(session.scalars(select(Acknowledgement.user_id).where(Acknowledgement.bulletin_id == bulletin.id)))
    new = sorted(set(readers) - have)
    if new:
        session.execute(insert(Acknowledgement), [{"bulletin_id": bulletin.id, "user_id": user_id,
                                                   "delivered_at": now, "reminders": 0} for user_id in new])
        notify_readers(session, bulletin, new, lambda locale, zone: (
            text(locale, "published", severity=severity(locale, bulletin.severity), number=bulletin.number,
                 title=bulletin.title),
            text(locale, "published_body", deadline=when(bulletin.ack_deadline, zone, locale))))
    return new


# -- the reader's own steps ---------------------------------------------------------------------
def _own_row(session: Session, actor: Actor, bulletin_id: int) -> tuple[Bulletin, Acknowledgement]:
    bulletin = session.get(Bulletin, bulletin_id)
    if bulletin is None:
        raise NotFound(f"There is no bulletin {bulletin_id} any more.")
    ack = session.scalar(select(Acknowledgement).where(Acknowledgement.bulletin_id == bulletin_id,
                                                       Acknowledgement.user_id == actor.user_id).with_for_update())
    if ack is None:
        raise ValidationError("This bulletin was not sent to you, so there is nothing to acknowledge.", "bulletin")
    return bulletin, ack


def mark_read(app: AppContext, actor: Actor, bulletin_id: int) -> bool:
    """Note that the actor has read the current revision (opening it does this); False when nothing changed."""
    actor.require(READ)
    with app.session() as session:
        unread = session.scalar(
            select(Acknowledgement.id).join(Bulletin, Bulletin.id == Acknowledgement.bulletin_id)
            .where(Acknowledgement.bulletin_id == bulletin_id, Acknowledgement.user_id == actor.user_id,
                   or_(Acknowledgement.read_revision.is_(None), Acknowledgement.read_revision < Bulletin.revision)))
    if unread is None:
        return False
    with app.unit_of_work(actor, READ) as work:
        bulletin, ack = _own_row(work.session, actor, bulletin_id)
        ack.read_at = ack.read_at or utcnow()
        ack.read_revision = bulletin.revision
    return True


def acknowledge(app: AppContext, actor: Actor, bulletin_id: int) -> datetime:
    """The actor acknowledges a bulletin's current revision (reading it too); returns when.

    Acknowledging again changes nothing and returns the time of the first acknowledgement.
    """
    with app.unit_of_work(actor, READ) as work:
        bulletin, ack = _own_row(work.session, actor, bulletin_id)
        if (ack.acknowledged_revision or 0) >= bulletin.ack_revision:
            return ack.acknowledged_at
        if bulletin.status == "withdrawn":
            raise ValidationError(f"Bulletin {bulletin.number} was withdrawn; there is nothing to acknowledge.",
                                  "bulletin")
        now = utcnow()
        ack.read_at, ack.read_revision = ack.read_at or now, bulletin.revision
        ack.acknowledged_at, ack.acknowledged_revision = now, bulletin.revision
        work.announce(CHANNEL, bulletin.number)
        work.audit("bulletin.acknowledge", "bulletin", bulletin.number, {"revision": bulletin.revision})
        work.emit("crisis_bulletin.bulletin_acknowledged", bulletin=bulletin.number, user_id=actor.user_id,
                  revision=bulletin.revision, late=bool(bulletin.ack_deadline and now > bulletin.ack_deadline))
    return now


# -- the acknowledgement report ----------------------------------------------------------------
def done(bulletin: Bulletin):
    """A clause: the reader acknowledged the revision ``bulletin`` asks for."""
    return Acknowledgement.acknowledged_revision >= bulletin.ack_revision


def report_select(bulletin: Bulletin):
    """Every reader of ``bulletin``: name, partner, lead, state (delivered, read, outdated — acknowledged an
    earlier revision —, acknowledged), delivered, read, acknowledged, reminders, escalated (a ``select`` for a
    list page or an export)."""
    lead = aliased(User)
    state = case((done(bulletin), "acknowledged"), (Acknowledgement.acknowledged_revision.is_not(None), "outdated"),
                 (Acknowledgement.read_at.is_not(None), "read"), else_="delivered").label("state")
    return (select(User.display_name, User.partner_code, lead.display_name.label("lead"), state,
                   Acknowledgement.delivered_at, Acknowledgement.read_at, Acknowledgement.acknowledged_at,
                   Acknowledgement.reminders, Acknowledgement.escalated_at)
            .join(User, User.id == Acknowledgement.user_id)
            .outerjoin(lead, lead.id == User.lead_id)
            .where(Acknowledgement.bulletin_id == bulletin.id))


@dataclass(frozen=True)
class Progress:
    """How far a bulletin's readers are."""

    readers: int
    read: int
    acknowledged: int
    overdue: int
    escalated: int

    @property
    def missing(self) -> int:
        """Readers who have not acknowledged yet."""
        return self.readers - self.acknowledged


def progress(session: Session, bulletin: Bulletin, now: datetime | None = None) -> Progress:
    """The counts behind the acknowledgement report's summary line."""
    now = now or utcnow()
    late = bool(bulletin.ack_deadline and now > bulletin.ack_deadline)
    row = session.execute(select(
        func.count(), func.count(Acknowledgement.read_at),
        func.coalesce(func.sum(case((done(bulletin), 1), else_=0)), 0),
        func.count(Acknowledgement.escalated_at)).where(Acknowledgement.bulletin_id == bulletin.id)).one()
    readers, read, acknowledged, escalated = (int(v) for v in row)
    return Progress(readers, read, acknowledged, readers - acknowledged if late else 0, escalated)


def report_for(app: AppContext, actor: Actor, bulletin_id: int) -> tuple[Bulletin, Progress]:
    """The bulletin and its readers' progress, for its acknowledgement report (publishers only)."""
    actor.require(PUBLISH)
    with app.session() as session:
        bulletin = session.get(Bulletin, bulletin_id)
        if bulletin is None:
            raise NotFound(f"There is no bulletin {bulletin_id} any more.")
        return bulletin, progress(session, bulletin)


# -- the job -----------------------------------------------------------------------------------
@dataclass
class JobTally:
    """What one run of the acknowledgement job did."""

    activated: int = 0
    expired: int = 0
    delivered: int = 0
    reminded: int = 0
    escalated: int = 0

    def __str__(self) -> str:
        return (f"{self.activated} bulletins took effect, {self.expired} expired; delivered to {self.delivered} "
                f"readers, reminded {self.reminded}, escalated {self.escalated} to their leads")


def run_acknowledgement_job(app: AppContext, now: datetime | None = None) -> JobTally:
    """Activate, expire, deliver, remind and escalate (see the module docstring); one transaction."""
    now = now or utcnow()
    remind_before = timedelta(hours=get_setting(app, "crisis_bulletin.remind_before_hours"))
    escalate_after = timedelta(hours=get_setting(app, "crisis_bulletin.escalate_after_hours"))
    tally = JobTally()
    with app.unit_of_work(Actor.system(), PUBLISH) as work:
        session = work.session
        tally.expired = session.execute(
            update(Bulletin).where(Bulletin.status.in_(("active", "scheduled")), Bulletin.valid_until <= now)
            .values(status="expired", updated_at=now).execution_options(synchronize_session=False)).rowcount
        due = session.scalars(select(Bulletin).where(Bulletin.status == "scheduled", Bulletin.valid_from <= now)
                              .with_for_update()).all()
        for bulletin in due:
            bulletin.status, bulletin.updated_at = "active", now
        tally.activated = len(due)
        live = session.scalars(select(Bulletin).where(Bulletin.status == "active").with_for_update()).all()
        for bulletin in live:
            readers = audiences.readers(session, audiences.entries_of(session, bulletin.id))
            tally.delivered += len(deliver(session, bulletin, readers, now))
        tally.reminded, tally.escalated = _chase(session, now, remind_before, escalate_after)
        if tally.activated or tally.expired:
            work.announce(CHANNEL)
        if tally.activated or tally.expired or tally.delivered or tally.reminded or tally.escalated:
            work.audit("bulletin.job", "bulletin", "*", vars(tally))
    return tally


def _chase(session: Session, now: datetime, remind_before: timedelta, escalate_after: timedelta) -> tuple[int, int]:
    """Send the due reminders and escalations (readers who left are not chased); returns how many of each."""
    rows = session.execute(
        select(Acknowledgement, Bulletin).join(Bulletin, Bulletin.id == Acknowledgement.bulletin_id)
        .join(User, User.id == Acknowledgement.user_id)
        .where(User.is_active.is_(True), Bulletin.status == "active", Bulletin.ack_deadline.is_not(None),
               Bulletin.ack_deadline <= now + remind_before, Acknowledgement.escalated_at.is_(None),
               or_(Acknowledgement.acknowledged_revision.is_(None),
                   Acknowledgement.acknowledged_revision < Bulletin.ack_revision))
        .order_by(Acknowledgement.id).with_for_update()).all()
    reminders: dict[tuple[int, str], list[int]] = defaultdict(list)
    missing: dict[int, list[Acknowledgement]] = defaultdict(list)
    bulletins = {}
    for ack, bulletin in rows:
        bulletins[bulletin.id] = bulletin
        deadline = bulletin.ack_deadline
        if now >= deadline + escalate_after:
            missing[bulletin.id].append(ack)
        elif now >= deadline and (ack.reminded_at is None or ack.reminded_at < deadline):
            reminders[bulletin.id, "overdue"].append(ack.user_id)
        elif now < deadline and ack.reminders == 0 and remind_before > timedelta(0):
            reminders[bulletin.id, "due"].append(ack.user_id)
        else:
            continue
        if now < deadline + escalate_after:
            ack.reminders, ack.reminded_at = ack.reminders + 1, now
    for (bulletin_id, kind), user_ids in reminders.items():
        bulletin = bulletins[bulletin_id]
        notify_readers(session, bulletin, user_ids, lambda locale, zone, b=bulletin, k=kind: (
            text(locale, k, number=b.number, deadline=when(b.ack_deadline, zone, locale)),
            text(locale, "reminder_body", title=b.title)))
    escalated = sum(_escalate(session, bulletins[b], acks, now) for b, acks in missing.items())
    return sum(len(ids) for ids in reminders.values()), escalated


def _escalate(session: Session, bulletin: Bulletin, acks: list[Acknowledgement], now: datetime) -> int:
    """Tell each missing reader's lead who in their team has not acknowledged; returns how many readers."""
    leads = audiences.leads_of(session, [a.user_id for a in acks])
    publisher = session.scalar(select(User.id).where(User.username == bulletin.published_by))
    names = dict(session.execute(select(User.id, User.display_name)
                                 .where(User.id.in_([a.user_id for a in acks]))).all())
    team: dict[int, list[str]] = defaultdict(list)
    for ack in acks:
        lead = leads.get(ack.user_id, publisher)
        ack.escalated_at, ack.escalated_to = now, lead
        if lead is not None:
            team[lead].append(names.get(ack.user_id, str(ack.user_id)))
    for lead, members in team.items():
        send(session, [lead], lambda locale, zone, m=members: (
            text(locale, "escalated", count=len(m), number=bulletin.number),
            text(locale, "escalated_body", title=bulletin.title, deadline=when(bulletin.ack_deadline, zone, locale),
                 names="、".join(m) if locale == "zh_CN" else ", ".join(m))),
             "warning", link(BULLETINS_PAGE, bulletin.id))
    return len(acks)


def waiting_clause(user_id: int | None):
    """A clause on ``Bulletin``: it is active and waits for ``user_id``'s acknowledgement."""
    return (Bulletin.status == "active") & exists().where(
        Acknowledgement.bulletin_id == Bulletin.id, Acknowledgement.user_id == user_id,
        or_(Acknowledgement.acknowledged_revision.is_(None),
            Acknowledgement.acknowledged_revision < Bulletin.ack_revision))
