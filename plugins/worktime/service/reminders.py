"""The ``worktime.reminders`` job: missing timesheets remind their owners, overdue reviews their reviewers.

A timesheet is *missing* when its period ended ``worktime.submit_grace_days`` days ago and it is
neither submitted nor approved; people are reminded about the last ``LOOKBACK_PERIODS`` periods
they had a schedule assignment in. A submitted timesheet is *overdue* for review after
``worktime.review_days`` days; each reviewer gets one reminder per period listing the people
waiting. Every reminder is sent once (``worktime_reminder``), however often the job runs.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import Context, User, get_setting, notify, utcnow
from plugins.worktime import messages
from plugins.worktime.models import LOCKING_STATUSES, SUBMITTED, Reminder, ScheduleAssignment, Timesheet
from plugins.worktime.periods import period_label
from plugins.worktime.service.common import HR, Policy, person_zone, policy, reviewers_of
from plugins.worktime.service.timesheets import REVIEW_PAGE, WEEK_PAGE

LOOKBACK_PERIODS = 4
MISSING, REVIEW = "missing", "review"


def _recent_periods(rules: Policy, today: date, grace: int) -> list[tuple[date, date]]:
    """The last ``LOOKBACK_PERIODS`` periods whose grace time is over, newest first."""
    periods, day = [], today - timedelta(days=grace)
    start, end = rules.bounds(day)
    if end >= day:  # the period holding that day is not yet due
        start, end = rules.bounds(start - timedelta(days=1))
    while len(periods) < LOOKBACK_PERIODS:
        periods.append((start, end))
        start, end = rules.bounds(start - timedelta(days=1))
    return periods


def _sent(session: Session, kind: str) -> set[tuple[int, date]]:
    return set(session.execute(select(Reminder.user_id, Reminder.period_start).where(Reminder.kind == kind)))


def remind_missing(session: Session, rules: Policy, grace: int) -> int:
    """Remind people of timesheets they have not submitted; returns how many reminders were sent."""
    people = session.scalars(select(User).where(User.is_active.is_(True), User.id.in_(
        select(ScheduleAssignment.user_id)))).all()
    sent, submitted = _sent(session, MISSING), set(session.execute(
        select(Timesheet.user_id, Timesheet.starts_on).where(Timesheet.status.in_(LOCKING_STATUSES))))
    assigned = defaultdict(list)
    for uid, first, last in session.execute(select(ScheduleAssignment.user_id, ScheduleAssignment.valid_from,
                                                   ScheduleAssignment.valid_to)):
        assigned[uid].append((first, last or date.max))
    count = 0
    for person in people:
        today = utcnow().astimezone(person_zone(person)).date()
        for start, end in _recent_periods(rules, today, grace):
            if (person.id, start) in sent or (person.id, start) in submitted:
                continue
            if not any(first <= end and start <= last for first, last in assigned[person.id]):
                continue
            label = period_label(start, end)
            due = (end + timedelta(days=grace)).isoformat()
            notify(session, [person.id], messages.text("missing.title", person.locale, period=label),
                   messages.text("missing.body", person.locale, period=label, due=due), "warning",
                   f"{WEEK_PAGE}#{start.isoformat()}")
            session.add(Reminder(user_id=person.id, kind=MISSING, period_start=start, sent_at=utcnow()))
            count += 1
    return count


def remind_reviewers(session: Session, review_days: int) -> int:
    """Remind reviewers of timesheets waiting longer than ``review_days``; returns how many reminders."""
    waiting = session.execute(select(Timesheet.user_id, Timesheet.starts_on, Timesheet.ends_on, User.display_name)
                              .join(User, User.id == Timesheet.user_id)
                              .where(Timesheet.status == SUBMITTED,
                                     Timesheet.submitted_at < utcnow() - timedelta(days=review_days))).all()
    if not waiting:
        return 0
    reviewers = reviewers_of(session, {w.user_id for w in waiting})
    queue: dict[tuple[int, date], list] = defaultdict(list)
    for row in waiting:
        for reviewer in reviewers.get(row.user_id, ()):
            queue[reviewer, row.starts_on].append(row)
    sent = _sent(session, REVIEW)
    locales = dict(session.execute(select(User.id, User.locale).where(
        User.id.in_({r for r, _ in queue}), User.is_active.is_(True))).all())
    count = 0
    for (reviewer, start), rows in sorted(queue.items()):
        if (reviewer, start) in sent or reviewer not in locales:
            continue
        locale, label = locales[reviewer], period_label(start, rows[0].ends_on)
        notify(session, [reviewer], messages.text("review.title", locale, count=len(rows)),
               messages.text("review.body", locale, period=label, days=review_days,
                             people=", ".join(sorted(r.display_name for r in rows))), "warning", REVIEW_PAGE)
        session.add(Reminder(user_id=reviewer, kind=REVIEW, period_start=start, sent_at=utcnow()))
        count += 1
    return count


def reminders_job(context: Context) -> str:
    """The job: send the reminders that are due; returns what it sent."""
    app = context.app
    rules = policy(app)
    grace, review_days = get_setting(app, "worktime.submit_grace_days"), get_setting(app, "worktime.review_days")
    with app.unit_of_work(context.actor, HR) as work:
        missing = remind_missing(work.session, rules, grace)
        overdue = remind_reviewers(work.session, review_days)
        if missing or overdue:
            work.audit("reminders.send", "timesheet", "*", {"missing": missing, "overdue_reviews": overdue})
    return f"{missing} reminders of missing timesheets, {overdue} of overdue reviews"
