"""Adjustments (调整): corrections to an approved, locked period, applied only once a reviewer approves.

An adjustment adds an entry, changes one (new times or activity) or removes one, with a
reason. The proposal is checked when it is made (format, reference, overlaps) and again when
it is approved, because the person's other time may have changed meanwhile. Approving applies
it to the entries and their split; the timesheet stays approved. Open periods need no
adjustment: their entries are edited directly.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, NotFound, User, ValidationError, notify, utcnow
from plugins.worktime import messages
from plugins.worktime.models import ADJUSTMENT_ACTIONS, APPROVED, PENDING, REJECTED, Adjustment, TimeEntry, Timesheet
from plugins.worktime.periods import period_label
from plugins.worktime.service import activities
from plugins.worktime.service.common import (
    REVIEW,
    check_version,
    clean_note,
    load_person,
    lock_recorder,
    local_span,
    person_zone,
    policy,
    recording_permission,
    require_reviewer,
)
from plugins.worktime.service.entries import Draft, check_slot, draft, remove_entry, resplit

GONE = "This adjustment no longer exists."


def _approved_sheet(session: Session, person: User, starts_at: datetime, ends_at: datetime) -> Timesheet:
    """The approved timesheet holding ``[starts_at, ends_at)``; an open or submitted period is refused."""
    first, last = local_span(person_zone(person), starts_at, ends_at)
    sheet = session.scalar(select(Timesheet).where(Timesheet.user_id == person.id, Timesheet.starts_on <= first,
                                                   Timesheet.ends_on >= last))
    if sheet is None or sheet.status != APPROVED:
        raise ValidationError("This time is not in an approved timesheet; change the entry directly "
                              "(withdraw a submitted timesheet first).", "starts_at")
    return sheet


def request_adjustment(app: AppContext, actor: Actor, *, action: str, reason: str, entry_id: int | None = None,
                       user_id: int | None = None, starts_at: datetime | None = None, ends_at: datetime | None = None,
                       minutes: int | None = None, activity_kind: str | None = None, activity_ref: str | None = None,
                       note: str = "") -> int:
    """Propose adding (``add``), changing (``change``) or removing (``remove``) an entry of an approved
    period; returns the adjustment's id. ``change`` and ``remove`` name the ``entry_id``."""
    if action not in ADJUSTMENT_ACTIONS:
        raise ValidationError(f"'{action}' is not an adjustment; use add, change or remove.", "action")
    reason = clean_note(reason, "reason")
    if not reason:
        raise ValidationError("Say why the approved time needs correcting.", "reason")
    proposal = None if action == "remove" else draft(starts_at, ends_at, minutes, activity_kind, activity_ref, note)
    if action != "add" and entry_id is None:
        raise ValidationError("Choose the entry to change or remove.", "entry_id")
    with app.session() as session:
        target = session.get(TimeEntry, entry_id) if entry_id is not None else None
    if action != "add" and target is None:
        raise NotFound("This time entry no longer exists.")
    owner = target.user_id if target is not None else (actor.user_id if user_id is None else user_id)
    with app.unit_of_work(actor, recording_permission(actor, owner)) as work:
        session = work.session
        person = lock_recorder(session, actor, owner)
        span = (target.starts_at, target.ends_at) if target is not None else (proposal.starts_at, proposal.ends_at)
        sheet = _approved_sheet(session, person, *span)
        if target is not None and session.scalar(select(Adjustment.id).where(
                Adjustment.entry_id == target.id, Adjustment.status == PENDING).limit(1)):
            raise ValidationError("This entry already has an adjustment waiting for review; wait for its decision.",
                                  "entry_id")
        kind, ref = (target.activity_kind, target.activity_ref) if target is not None else (None, None)
        if proposal is None:  # a removal keeps what it removes, for the reviewer and the record
            proposal = Draft(target.starts_at, target.ends_at, kind, ref, target.note)
        else:
            _approved_sheet(session, person, proposal.starts_at, proposal.ends_at)
            activity = activities.resolve(app, session, proposal.kind, proposal.ref)
            kind, ref = activity.kind, activity.ref
            check_slot(session, person, proposal.starts_at, proposal.ends_at,
                       exclude_entry=target.id if target is not None else None, locked_ok=True)
        adjustment = Adjustment(
            user_id=person.id, timesheet_id=sheet.id, action=action, entry_id=target.id if target else None,
            starts_at=proposal.starts_at, ends_at=proposal.ends_at, activity_kind=kind, activity_ref=ref,
            note=proposal.note, reason=reason,
            status=PENDING, requested_by_id=actor.user_id or person.id, requested_at=utcnow(), comment="")
        session.add(adjustment)
        session.flush()
        work.audit("adjustment.request", "adjustment", adjustment.id,
                   {"user": person.username, "action": action, "entry": entry_id, "reason": reason})
    return adjustment.id


def decide_adjustment(app: AppContext, actor: Actor, adjustment_id: int, *, expected_version: int | None,
                      approve: bool, comment: str = "") -> None:
    """Approve (and apply) or reject an adjustment; a rejection needs a comment."""
    comment = clean_note(comment, "comment")
    if not approve and not comment:
        raise ValidationError("Say why: a rejected adjustment needs a comment.", "comment")
    rules = policy(app)
    with app.unit_of_work(actor, REVIEW) as work:
        session = work.session
        adjustment = session.scalar(select(Adjustment).where(Adjustment.id == adjustment_id).with_for_update())
        if adjustment is None:
            raise NotFound(GONE)
        person = load_person(session, adjustment.user_id, lock=True)
        sheet = session.get(Timesheet, adjustment.timesheet_id)
        label = period_label(sheet.starts_on, sheet.ends_on)
        require_reviewer(session, actor, person.id, f"{person.display_name}'s adjustment to {label}")
        check_version(adjustment, expected_version, "This adjustment")
        if adjustment.status != PENDING:
            raise ValidationError(f"This adjustment is already {adjustment.status}.", "status")
        if approve:
            _apply(app, session, person, adjustment, rules)
        adjustment.status = APPROVED if approve else REJECTED
        adjustment.decided_by_id, adjustment.decided_at, adjustment.comment = actor.user_id, utcnow(), comment
        session.flush()
        key = "adjustment_approved" if approve else "adjustment_rejected"
        notify(session, {person.id, adjustment.requested_by_id}, messages.text(f"{key}.title", person.locale),
               messages.text("adjustment.body", person.locale, reviewer=actor.display_name, period=label,
                             comment=comment or "✓"), "info" if approve else "warning", "worktime.adjustments")
        work.audit(f"adjustment.{'approve' if approve else 'reject'}", "adjustment", adjustment.id,
                   {"user": person.username, "action": adjustment.action, "entry": adjustment.entry_id,
                    "comment": comment})


def _apply(app: AppContext, session: Session, person: User, adjustment: Adjustment, rules) -> None:
    """Carry out an approved adjustment on the entries (checked again: the person's time may have changed)."""
    target = session.get(TimeEntry, adjustment.entry_id) if adjustment.entry_id is not None else None
    if adjustment.action != "add" and target is None:
        raise ValidationError("The entry this adjustment corrects no longer exists; reject it.", "entry_id")
    if adjustment.action == "remove":
        remove_entry(session, target)
        return
    proposal = Draft(adjustment.starts_at, adjustment.ends_at, adjustment.activity_kind, adjustment.activity_ref,
                     adjustment.note)
    activity = activities.resolve(app, session, proposal.kind, proposal.ref)
    check_slot(session, person, proposal.starts_at, proposal.ends_at,
               exclude_entry=target.id if target is not None else None, locked_ok=True)
    row = target or TimeEntry(user_id=person.id)
    row.starts_at, row.ends_at, row.minutes = proposal.starts_at, proposal.ends_at, proposal.minutes
    row.activity_kind, row.activity_ref, row.customer_id = activity.kind, activity.ref, activity.customer_id
    row.note = proposal.note
    session.add(row)
    session.flush()
    adjustment.entry_id = row.id
    resplit(session, rules, [row])
