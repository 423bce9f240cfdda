"""Timesheets (工时单): a person's week or month, submitted → approved (locked) or rejected with a comment.

The period (week or month, and the first weekday) comes from the settings when the timesheet is
submitted. Submitting locks the period for its owner; the owner may withdraw it until a
reviewer decides. Reviewers decide on their own teams' timesheets only, never on their own;
a rejection says what to correct. Every decision is audited and the owner is notified.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, NotFound, User, ValidationError, notify, utcnow
from plugins.worktime import messages
from plugins.worktime.models import (
    APPROVED,
    REJECTED,
    SUBMITTED,
    WITHDRAWN,
    Leave,
    TimeEntry,
    Timesheet,
)
from plugins.worktime.periods import period_label
from plugins.worktime.service.common import (
    REVIEW,
    check_version,
    clean_note,
    lock_recorder,
    owner_of,
    person_zone,
    policy,
    recording_permission,
    require_reviewer,
)
from plugins.worktime.split import local_midnight

GONE = "This timesheet no longer exists."
REVIEW_PAGE = "worktime.review"
WEEK_PAGE = "worktime.week"


def submit(app: AppContext, actor: Actor, *, day: date, user_id: int | None = None) -> int:
    """Submit the timesheet of the period holding ``day`` for review; returns its id.

    A rejected or withdrawn timesheet is submitted again; a submitted or approved one is refused.
    """
    user_id = actor.user_id if user_id is None else user_id
    rules = policy(app)
    starts_on, ends_on = rules.bounds(day)
    label = period_label(starts_on, ends_on)
    with app.unit_of_work(actor, recording_permission(actor, user_id)) as work:
        session = work.session
        person = lock_recorder(session, actor, user_id)
        zone = person_zone(person)
        if starts_on > utcnow().astimezone(zone).date():
            raise ValidationError(f"The period {label} has not started yet; submit it once it is worked.", "day")
        lo, hi = local_midnight(starts_on, zone), local_midnight(ends_on + timedelta(days=1), zone)
        booked = session.scalar(select(exists().where(TimeEntry.user_id == person.id, TimeEntry.starts_at < hi,
                                                      TimeEntry.ends_at > lo)))
        on_leave = session.scalar(select(exists().where(Leave.user_id == person.id, Leave.starts_at < hi,
                                                        Leave.ends_at > lo)))
        if not booked and not on_leave:
            raise ValidationError(f"There is no time or leave recorded in {label}; record it before submitting.",
                                  "day")
        sheet = session.scalar(select(Timesheet).where(Timesheet.user_id == person.id, Timesheet.starts_on <= ends_on,
                                                       Timesheet.ends_on >= starts_on).with_for_update())
        if sheet is not None and (sheet.starts_on, sheet.ends_on) != (starts_on, ends_on):
            raise ValidationError(f"{label} overlaps the timesheet {period_label(sheet.starts_on, sheet.ends_on)}, "
                                  "kept from an earlier period setting; submit that one instead.", "day")
        if sheet is not None and sheet.status in (SUBMITTED, APPROVED):
            state = "is already submitted for review" if sheet.status == SUBMITTED else "is already approved"
            raise ValidationError(f"The timesheet {label} {state}.", "day")
        if sheet is None:
            sheet = Timesheet(user_id=person.id, period=rules.period, starts_on=starts_on, ends_on=ends_on,
                              status=SUBMITTED, submitted_at=utcnow())
            session.add(sheet)
        else:
            sheet.status, sheet.submitted_at = SUBMITTED, utcnow()
            sheet.decided_at = sheet.decided_by_id = None
        session.flush()
        work.audit("timesheet.submit", "timesheet", sheet.id, {"user": person.username, "period": label})
        work.emit("worktime.timesheet_submitted", timesheet_id=sheet.id, user_id=person.id,
                  starts_on=starts_on.isoformat(), ends_on=ends_on.isoformat())
    return sheet.id


def _load(session: Session, timesheet_id: int) -> Timesheet:
    sheet = session.scalar(select(Timesheet).where(Timesheet.id == timesheet_id).with_for_update())
    if sheet is None:
        raise NotFound(GONE)
    return sheet


def withdraw(app: AppContext, actor: Actor, timesheet_id: int, *, expected_version: int | None) -> None:
    """Take a submitted timesheet back before it is decided, to change its time (it opens again)."""
    owner = owner_of(app, Timesheet, timesheet_id, GONE)
    with app.unit_of_work(actor, recording_permission(actor, owner)) as work:
        session = work.session
        person = lock_recorder(session, actor, owner)
        sheet = _load(session, timesheet_id)
        check_version(sheet, expected_version, "This timesheet")
        if sheet.status != SUBMITTED:
            raise ValidationError(f"The timesheet {period_label(sheet.starts_on, sheet.ends_on)} is {sheet.status}; "
                                  "only a submitted one can be withdrawn.", "status")
        sheet.status = WITHDRAWN
        work.audit("timesheet.withdraw", "timesheet", sheet.id,
                   {"user": person.username, "period": period_label(sheet.starts_on, sheet.ends_on)})


def approve(app: AppContext, actor: Actor, timesheet_id: int, *, expected_version: int | None,
            comment: str = "") -> None:
    """Approve a submitted timesheet: its period is locked from now on."""
    _decide(app, actor, timesheet_id, expected_version, APPROVED, clean_note(comment, "comment"))


def reject(app: AppContext, actor: Actor, timesheet_id: int, *, expected_version: int | None, comment: str) -> None:
    """Send a submitted timesheet back with a comment saying what to correct; it opens again."""
    comment = clean_note(comment, "comment")
    if not comment:
        raise ValidationError("Say what to correct: a rejection needs a comment.", "comment")
    _decide(app, actor, timesheet_id, expected_version, REJECTED, comment)


def _decide(app: AppContext, actor: Actor, timesheet_id: int, expected_version: int | None, status: str,
            comment: str) -> None:
    with app.unit_of_work(actor, REVIEW) as work:
        session = work.session
        sheet = _load(session, timesheet_id)
        label = period_label(sheet.starts_on, sheet.ends_on)
        owner = session.get(User, sheet.user_id)
        require_reviewer(session, actor, sheet.user_id, f"{owner.display_name}'s timesheet {label}")
        check_version(sheet, expected_version, "This timesheet")
        if sheet.status != SUBMITTED:
            raise ValidationError(f"The timesheet {label} is {sheet.status}, not waiting for review.", "status")
        sheet.status, sheet.comment = status, comment
        sheet.decided_at, sheet.decided_by_id = utcnow(), actor.user_id
        session.flush()
        key = "approved" if status == APPROVED else "rejected"
        notify(session, [owner.id], messages.text(f"{key}.title", owner.locale, period=label),
               messages.text(f"{key}.body", owner.locale, period=label, reviewer=actor.display_name,
                             comment=comment), "info" if status == APPROVED else "warning",
               f"{WEEK_PAGE}#{sheet.starts_on.isoformat()}")
        work.audit(f"timesheet.{'approve' if status == APPROVED else 'reject'}", "timesheet", sheet.id,
                   {"user": owner.username, "period": label, "comment": comment})
        work.emit("worktime.timesheet_decided", timesheet_id=sheet.id, user_id=owner.id, status=status,
                  starts_on=sheet.starts_on.isoformat(), ends_on=sheet.ends_on.isoformat())
