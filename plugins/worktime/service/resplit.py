"""Keeping the stored split true: entries are split again whenever a rule behind them changes.

A schedule, an assignment, a rule set, a rate or an organisation day changes → the affected
entries in *open and submitted* periods are split again in the same transaction. Approved
periods keep the split and cost their reviewer approved (an adjustment corrects them). The
daily ``worktime.resplit`` job does the same for the last weeks, which picks up a business
calendar re-imported through core (core sends no event for it), and splits any entry that
has no segments yet (entries recorded before this version).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from console.api import Context, utcnow
from plugins.worktime.models import APPROVED, Segment, TimeEntry, Timesheet
from plugins.worktime.service.common import Policy, policy
from plugins.worktime.split import local_days
from plugins.worktime.terms import TermsBook, write_segments

JOB_WINDOW = timedelta(days=62)


def _approved_days(session: Session, user_ids: set[int] | None) -> dict[int, list[tuple[date, date]]]:
    query = select(Timesheet.user_id, Timesheet.starts_on, Timesheet.ends_on).where(Timesheet.status == APPROVED)
    if user_ids is not None:
        query = query.where(Timesheet.user_id.in_(user_ids))
    locked = defaultdict(list)
    for user_id, first, last in session.execute(query):
        locked[user_id].append((first, last))
    return locked


def resplit_open(session: Session, rules: Policy, *, user_ids: set[int] | None = None,
                 since: datetime | None = None, until: datetime | None = None, missing_only: bool = False) -> int:
    """Split again the entries (of ``user_ids``, overlapping ``[since, until)``) outside approved periods.

    With ``missing_only``, only entries that have no segments at all (approved or not). Returns
    how many entries were split.
    """
    query = select(TimeEntry.id, TimeEntry.user_id, TimeEntry.starts_at, TimeEntry.ends_at)
    if user_ids is not None:
        if not user_ids:
            return 0
        query = query.where(TimeEntry.user_id.in_(user_ids))
    if since is not None:
        query = query.where(TimeEntry.ends_at > since)
    if until is not None:
        query = query.where(TimeEntry.starts_at < until)
    if missing_only:
        query = query.where(~exists().where(Segment.entry_id == TimeEntry.id))
    rows = session.execute(query.order_by(TimeEntry.user_id, TimeEntry.starts_at)).all()
    if not rows:
        return 0
    book = TermsBook(session, rules.calendar, {r.user_id for r in rows}, min(r.starts_at for r in rows).date()
                     - timedelta(days=1), max(r.ends_at for r in rows).date() + timedelta(days=1))
    locked = {} if missing_only else _approved_days(session, {r.user_id for r in rows})

    def is_locked(row) -> bool:
        days = local_days(row.starts_at, row.ends_at, book.zone(row.user_id))
        return any(first <= days[0] and days[-1] <= last for first, last in locked.get(row.user_id, ()))

    return write_segments(session, book, [tuple(r) for r in rows if not is_locked(r)])


def resplit_job(context: Context) -> str:
    """The ``worktime.resplit`` job: split again the last weeks' open entries and any entry without a split."""
    app = context.app
    rules = policy(app)
    with app.unit_of_work(context.actor, "worktime.manage") as work:
        missing = resplit_open(work.session, rules, missing_only=True)
        recent = resplit_open(work.session, rules, since=utcnow() - JOB_WINDOW)
        work.audit("split.refresh", "time_entry", "*", {"recent": recent, "unsplit": missing})
    return f"split {recent:,} open entries of the last {JOB_WINDOW.days} days again and {missing:,} unsplit entries"
