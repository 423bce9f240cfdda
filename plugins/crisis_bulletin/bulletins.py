"""Bulletin rules: compose a draft, publish it to its audience, update it (a new revision), withdraw it.

Publishing numbers the bulletin (``BUL-2026-0007``) and stores revision 1. With ``valid_from``
now or earlier it is ``active`` and delivered at once; with a later ``valid_from`` it is
``scheduled`` and the acknowledgement job delivers it then. Every update is a new revision with a
note saying what changed; an update may ask every reader to acknowledge again. Each publish,
update and withdrawal announces ``CHANNEL`` inside its transaction, so every console connected to
a PostgreSQL database shows (or drops) the banner of a critical bulletin at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, true, update
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, NotFound, ValidationError, get_setting, utcnow
from plugins.crisis_bulletin import audience as audiences
from plugins.crisis_bulletin.acknowledgements import deliver, notify_readers
from plugins.crisis_bulletin.common import (
    CHANNEL,
    PUBLISH,
    READ,
    check_version,
    one_of,
    optional_text,
    required_text,
)
from plugins.crisis_bulletin.messages import text, when
from plugins.crisis_bulletin.models import SEVERITIES, Acknowledgement, Audience, Bulletin, Revision
from plugins.crisis_bulletin.numbering import BULLETIN, next_number
from plugins.crisis_bulletin.problems import add_change
from plugins.crisis_bulletin.problems import load as load_problem

MAX_BODY = 100_000


def load(session: Session, bulletin_id: int) -> Bulletin:
    """The bulletin with ``bulletin_id``; raises ``NotFound``."""
    bulletin = session.get(Bulletin, bulletin_id)
    if bulletin is None:
        raise NotFound(f"There is no bulletin {bulletin_id} any more.")
    return bulletin


def _set_audience(session: Session, bulletin: Bulletin, entries: list[tuple[str, str]]) -> None:
    session.execute(delete(Audience).where(Audience.bulletin_id == bulletin.id))
    session.add_all(Audience(bulletin_id=bulletin.id, kind=kind, value=value) for kind, value in entries)


def _apply(session: Session, bulletin: Bulletin, *, title: str, body: str, severity: str, problem: str | None,
           valid_from: datetime | None, valid_until: datetime | None, ack_deadline: datetime | None) -> None:
    about = load_problem(session, problem) if problem else None
    bulletin.title = required_text(title, "title", "bulletin's title")
    bulletin.body = optional_text(body, "body", "text", MAX_BODY)
    bulletin.severity = one_of(severity, SEVERITIES, "severity", "severity")
    bulletin.problem = about
    bulletin.valid_from, bulletin.valid_until, bulletin.ack_deadline = valid_from, valid_until, ack_deadline
    bulletin.updated_at = utcnow()


def _save(work, *, title: str, body: str, severity: str, problem: str | None, audience: Iterable[tuple[str, str]],
          valid_from: datetime | None, valid_until: datetime | None, ack_deadline: datetime | None,
          bulletin_id: int | None, expected_version: int | None, source: str = "manual") -> Bulletin:
    """A new draft, or the draft ``bulletin_id``, with these fields (inside the caller's unit of work)."""
    session = work.session
    if bulletin_id is None:
        now = utcnow()
        bulletin = Bulletin(status="draft", created_at=now, updated_at=now, created_by=work.actor.username,
                            source=source)
    else:
        bulletin = load(session, bulletin_id)
        check_version(bulletin, expected_version, "This draft")
        if bulletin.status != "draft":
            raise ValidationError("This bulletin is already published; update it instead.", "status")
    _apply(session, bulletin, title=title, body=body, severity=severity, problem=problem,
           valid_from=valid_from, valid_until=valid_until, ack_deadline=ack_deadline)
    entries = audiences.clean(session, audience)
    session.add(bulletin)
    session.flush()
    _set_audience(session, bulletin, entries)
    session.flush()
    return bulletin


def save_draft(app: AppContext, actor: Actor, *, title: str, body: str = "", severity: str = "major",
               problem: str | None = None, audience: Iterable[tuple[str, str]] = (("everyone", ""),),
               valid_from: datetime | None = None, valid_until: datetime | None = None,
               ack_deadline: datetime | None = None, bulletin_id: int | None = None,
               expected_version: int | None = None, source: str = "manual") -> int:
    """Create (or, with ``bulletin_id``, change) a draft; returns its id. Nothing is sent yet."""
    with app.unit_of_work(actor, PUBLISH) as work:
        bulletin = _save(work, title=title, body=body, severity=severity, problem=problem, audience=audience,
                         valid_from=valid_from, valid_until=valid_until, ack_deadline=ack_deadline,
                         bulletin_id=bulletin_id, expected_version=expected_version, source=source)
        work.audit("bulletin.draft", "bulletin", bulletin.id, {"title": bulletin.title})
    return bulletin.id


def _check_dates(bulletin: Bulletin) -> None:
    """Validity and deadline in order: from < until, from < deadline <= until."""
    if bulletin.valid_until is not None and bulletin.valid_until <= bulletin.valid_from:
        raise ValidationError("“Valid until” must be after “valid from”; leave it empty for no end.", "valid_until")
    if bulletin.ack_deadline <= bulletin.valid_from:
        raise ValidationError("The acknowledgement deadline must be after the bulletin takes effect.", "ack_deadline")
    if bulletin.valid_until is not None and bulletin.ack_deadline > bulletin.valid_until:
        raise ValidationError("The acknowledgement deadline must fall while the bulletin is valid.", "ack_deadline")


def _publish(work, bulletin: Bulletin, ack_within: timedelta) -> None:
    """Number, schedule and deliver a draft inside the caller's unit of work."""
    session, actor = work.session, work.actor
    if bulletin.status != "draft":
        raise ValidationError(f"Bulletin {bulletin.number} is already published.", "status")
    if not bulletin.body:
        raise ValidationError("Write the bulletin's text: what happened, who is affected, what to do.", "body")
    entries = audiences.entries_of(session, bulletin.id)
    readers = audiences.readers(session, entries)
    if not readers:
        raise ValidationError("Nobody would receive this bulletin: its audience has no active users.", "audience")
    now = utcnow()
    if bulletin.valid_from is None or bulletin.valid_from <= now:
        bulletin.valid_from = now
    if bulletin.ack_deadline is None:
        bulletin.ack_deadline = bulletin.valid_from + ack_within
        if bulletin.valid_until is not None:
            bulletin.ack_deadline = min(bulletin.ack_deadline, bulletin.valid_until)
    _check_dates(bulletin)
    bulletin.number = next_number(session, BULLETIN, now)
    bulletin.status = "active" if bulletin.valid_from <= now else "scheduled"
    bulletin.revision = bulletin.ack_revision = 1
    bulletin.published_at, bulletin.published_by, bulletin.updated_at = now, actor.username, now
    session.add(Revision(bulletin_id=bulletin.id, revision=1, at=now, actor=actor.username, title=bulletin.title,
                         severity=bulletin.severity, body=bulletin.body, valid_until=bulletin.valid_until,
                         ack_deadline=bulletin.ack_deadline, asks_ack=True))
    if bulletin.status == "active":
        deliver(session, bulletin, readers, now)
    if bulletin.problem is not None:
        add_change(session, bulletin.problem, actor, "bulletin", bulletin.number)
    work.announce(CHANNEL, bulletin.number)
    work.audit("bulletin.publish", "bulletin", bulletin.number, {"title": bulletin.title, "readers": len(readers),
                                                                 "status": bulletin.status})
    work.emit("crisis_bulletin.bulletin_published", bulletin=bulletin.number, title=bulletin.title,
              severity=bulletin.severity, problem=bulletin.problem.number if bulletin.problem else None,
              readers=len(readers), valid_from=bulletin.valid_from.isoformat())


def publish(app: AppContext, actor: Actor, bulletin_id: int, *, expected_version: int | None = None) -> str:
    """Publish a draft to its audience; returns the bulletin's number."""
    ack_within = timedelta(hours=get_setting(app, "crisis_bulletin.ack_hours"))
    with app.unit_of_work(actor, PUBLISH) as work:
        bulletin = load(work.session, bulletin_id)
        check_version(bulletin, expected_version, "This draft")
        _publish(work, bulletin, ack_within)
    return bulletin.number


def publish_bulletin(app: AppContext, actor: Actor, *, title: str, body: str, severity: str = "major",
                     problem: str | None = None, audience: Iterable[tuple[str, str]] = (("everyone", ""),),
                     valid_from: datetime | None = None, valid_until: datetime | None = None,
                     ack_deadline: datetime | None = None, bulletin_id: int | None = None,
                     expected_version: int | None = None) -> str:
    """Save (a new bulletin, or the draft ``bulletin_id``) and publish it at once; returns its number.

    Both steps run in one transaction: a refused publication leaves nothing behind.
    """
    ack_within = timedelta(hours=get_setting(app, "crisis_bulletin.ack_hours"))
    with app.unit_of_work(actor, PUBLISH) as work:
        bulletin = _save(work, title=title, body=body, severity=severity, problem=problem, audience=audience,
                         valid_from=valid_from, valid_until=valid_until, ack_deadline=ack_deadline,
                         bulletin_id=bulletin_id, expected_version=expected_version)
        _publish(work, bulletin, ack_within)
    return bulletin.number


def update_bulletin(app: AppContext, actor: Actor, bulletin_id: int, *, note: str, title: str, body: str,
                    severity: str, audience: Iterable[tuple[str, str]], valid_until: datetime | None,
                    ack_deadline: datetime | None, ask_ack_again: bool = False,
                    expected_version: int | None = None) -> int:
    """Publish a new revision of a bulletin; returns its revision number.

    ``note`` says what changed (readers see it in the timeline). With ``ask_ack_again`` every
    reader must acknowledge the new revision by ``ack_deadline``; otherwise earlier
    acknowledgements still count. Readers added to the audience receive it now; readers removed
    from it who had not acknowledged it are no longer asked to.
    """
    note = required_text(note, "note", "note on what changed", 2000)
    with app.unit_of_work(actor, PUBLISH) as work:
        session = work.session
        bulletin = _published(session, bulletin_id, expected_version, "A {status} bulletin cannot be updated.")
        now = utcnow()
        previous_deadline = bulletin.ack_deadline
        _apply(session, bulletin, title=title, body=body, severity=severity,
               problem=bulletin.problem.number if bulletin.problem else None, valid_from=bulletin.valid_from,
               valid_until=valid_until, ack_deadline=ack_deadline or previous_deadline)
        if not bulletin.body:
            raise ValidationError("The bulletin's text cannot be empty.", "body")
        if bulletin.valid_until is not None and bulletin.valid_until <= max(now, bulletin.valid_from):
            raise ValidationError("“Valid until” must be in the future; leave it empty for no end.", "valid_until")
        if ask_ack_again and bulletin.ack_deadline <= now:
            raise ValidationError("Readers must acknowledge again: give them a deadline in the future.",
                                  "ack_deadline")
        _check_dates(bulletin)
        entries = audiences.clean(session, audience)
        readers = audiences.readers(session, entries)
        if not readers:
            raise ValidationError("Nobody would receive this bulletin: its audience has no active users.",
                                  "audience")
        _set_audience(session, bulletin, entries)
        bulletin.revision += 1
        if ask_ack_again:
            bulletin.ack_revision = bulletin.revision
            session.execute(update(Acknowledgement).where(Acknowledgement.bulletin_id == bulletin.id)
                            .values(reminders=0, reminded_at=None, escalated_at=None, escalated_to=None))
        if bulletin.status == "expired" and (bulletin.valid_until is None or bulletin.valid_until > now):
            bulletin.status = "active"
        session.add(Revision(bulletin_id=bulletin.id, revision=bulletin.revision, at=now, actor=actor.username,
                             title=bulletin.title, severity=bulletin.severity, body=bulletin.body,
                             valid_until=bulletin.valid_until, ack_deadline=bulletin.ack_deadline, note=note,
                             asks_ack=ask_ack_again))
        _drop_removed_readers(session, bulletin, readers)
        if bulletin.status == "active":
            old = set(session.scalars(select(Acknowledgement.user_id)
                                      .where(Acknowledgement.bulletin_id == bulletin.id)))
            deliver(session, bulletin, readers, now)
            _tell_update(session, bulletin, old & readers, note, ask_ack_again)
        work.announce(CHANNEL, bulletin.number)
        work.audit("bulletin.update", "bulletin", bulletin.number, {"revision": bulletin.revision, "note": note,
                                                                    "ask_ack_again": ask_ack_again})
        work.emit("crisis_bulletin.bulletin_updated", bulletin=bulletin.number, revision=bulletin.revision,
                  note=note, ask_ack_again=ask_ack_again)
    return bulletin.revision


def _published(session: Session, bulletin_id: int, expected_version: int | None, refusal: str) -> Bulletin:
    """The published bulletin to change; ``refusal`` (with ``{status}``) for a draft or a withdrawn one."""
    bulletin = load(session, bulletin_id)
    check_version(bulletin, expected_version, f"Bulletin {bulletin.number or ''}".strip())
    if bulletin.status in ("draft", "withdrawn"):
        raise ValidationError(refusal.format(status=bulletin.status), "status")
    return bulletin


def _drop_removed_readers(session: Session, bulletin: Bulletin, readers: set[int]) -> None:
    """Readers no longer in the audience are not asked any more, unless they already acknowledged it."""
    session.execute(delete(Acknowledgement).where(
        Acknowledgement.bulletin_id == bulletin.id, Acknowledgement.user_id.not_in(readers),
        or_(Acknowledgement.acknowledged_revision.is_(None),
            Acknowledgement.acknowledged_revision < bulletin.ack_revision)))


def _tell_update(session: Session, bulletin: Bulletin, user_ids: set[int], note: str, ask_ack_again: bool) -> None:
    def compose(locale: str, zone: str) -> tuple[str, str]:
        key = "updated_ack" if ask_ack_again else "updated_info"
        return (text(locale, "updated", number=bulletin.number, title=bulletin.title),
                text(locale, key, note=note, deadline=when(bulletin.ack_deadline, zone, locale)))

    notify_readers(session, bulletin, user_ids, compose)


def withdraw(app: AppContext, actor: Actor, bulletin_id: int, *, reason: str,
             expected_version: int | None = None) -> None:
    """Withdraw a published bulletin: no more reminders or banners; its readers are told why."""
    reason = required_text(reason, "reason", "reason for withdrawing it", 2000)
    with app.unit_of_work(actor, PUBLISH) as work:
        session = work.session
        bulletin = _published(session, bulletin_id, expected_version,
                              "Only a published bulletin can be withdrawn; discard a draft instead.")
        now = utcnow()
        bulletin.status, bulletin.withdrawn_at, bulletin.withdrawn_by = "withdrawn", now, actor.username
        bulletin.withdraw_reason, bulletin.updated_at = reason, now
        readers = set(session.scalars(select(Acknowledgement.user_id)
                                      .where(Acknowledgement.bulletin_id == bulletin.id)))
        notify_readers(session, bulletin, readers, lambda locale, _zone: (
            text(locale, "withdrawn", number=bulletin.number, title=bulletin.title), reason))
        work.announce(CHANNEL, bulletin.number)
        work.audit("bulletin.withdraw", "bulletin", bulletin.number, {"reason": reason})
        work.emit("crisis_bulletin.bulletin_withdrawn", bulletin=bulletin.number, reason=reason)


def discard_draft(app: AppContext, actor: Actor, bulletin_id: int, *, expected_version: int | None = None) -> None:
    """Delete a draft that will not be published."""
    with app.unit_of_work(actor, PUBLISH) as work:
        bulletin = load(work.session, bulletin_id)
        check_version(bulletin, expected_version, "This draft")
        if bulletin.status != "draft":
            raise ValidationError("Only a draft can be discarded; withdraw a published bulletin instead.", "status")
        work.session.delete(bulletin)
        work.audit("bulletin.discard", "bulletin", bulletin_id, {"title": bulletin.title})



def visible_to(actor: Actor):
    """A clause on ``Bulletin``: what ``actor`` may see. Partners see only published bulletins addressed to
    them; drafts are for publishers; everyone else sees every published bulletin."""
    if actor.partner_code:
        return Bulletin.id.in_(select(Acknowledgement.bulletin_id).where(Acknowledgement.user_id == actor.user_id))
    if actor.can(PUBLISH):
        return true()
    return Bulletin.status != "draft"


def readable(session: Session, actor: Actor, bulletin_id: int) -> Bulletin:
    """The bulletin if ``actor`` may see it; ``NotFound`` otherwise (a partner never learns of others)."""
    actor.require(READ)
    bulletin = session.scalar(select(Bulletin).where(Bulletin.id == bulletin_id, visible_to(actor)))
    if bulletin is None:
        raise NotFound(f"There is no bulletin {bulletin_id} for you to read.")
    return bulletin
