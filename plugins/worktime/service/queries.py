"""Reads for the pages and global search (no writes): one person's week, the people an actor may pick,
a period's totals, timesheet and entry details. Every read checks whose time the actor may see.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, Context, Customer, NotFound, PermissionDenied, SearchHit, User
from plugins.worktime.models import (
    BUCKETS,
    Adjustment,
    Leave,
    LeaveType,
    Project,
    Segment,
    TimeEntry,
    Timesheet,
)
from plugins.worktime.periods import format_minutes, period_label
from plugins.worktime.service.common import (
    Policy,
    local_span,
    may_see,
    person_zone,
    policy,
    require_open,
    sees_everyone,
    team_ids,
    visible_clause,
)
from plugins.worktime.split import local_midnight, pieces
from plugins.worktime.terms import TermsBook, zone_of

ENTRIES_PAGE = "worktime.entries"


@dataclass(frozen=True)
class DayView:
    """One day of the week grid: its kind, scheduled windows (minutes after midnight) and leave."""

    day: date
    kind: str
    windows: tuple[tuple[int, int], ...]
    scheduled: int
    leave: tuple[tuple[datetime, datetime, str], ...] = ()


@dataclass(frozen=True)
class EntryView:
    """An entry as the grid and the timeline show it, with its split into pieces."""

    id: int
    version: int
    starts_at: datetime
    ends_at: datetime
    kind: str
    ref: str | None
    note: str
    minutes: int
    pieces: tuple[tuple[datetime, datetime, str], ...]

    @property
    def activity(self) -> tuple[str, str | None]:
        """The grid row this entry belongs to."""
        return self.kind, self.ref


@dataclass(frozen=True)
class SheetView:
    """The timesheet covering a week, when there is one."""

    id: int
    version: int
    status: str
    starts_on: date
    ends_on: date
    comment: str
    decided_by: str | None

    @property
    def label(self) -> str:
        """The period as people read it."""
        return period_label(self.starts_on, self.ends_on)


@dataclass
class WeekView:
    """Everything the week grid and the day timeline show for one person's week."""

    user_id: int
    name: str
    zone: object
    days: list[DayView]
    entries: list[EntryView]
    titles: dict[str, str]
    sheet: SheetView | None
    period: tuple[date, date]
    locked: str | None  # why the week cannot be edited, or None
    totals: dict[date, dict[str, int]] = field(default_factory=dict)

    def minutes(self, activity: tuple[str, str | None], day: date) -> int:
        """Minutes of one activity on one local day (entries across midnight count on each side)."""
        lo, hi = local_midnight(day, self.zone), local_midnight(day + timedelta(days=1), self.zone)
        return sum(int((min(e.ends_at, hi) - max(e.starts_at, lo)).total_seconds() // 60)
                   for e in self.entries if e.activity == activity and e.starts_at < hi and e.ends_at > lo)

    def activities(self) -> list[tuple[str, str | None]]:
        """The grid's rows: every activity booked this week, in the order first booked."""
        return list(dict.fromkeys(e.activity for e in sorted(self.entries, key=lambda e: e.starts_at)))


def week_view(app: AppContext, actor: Actor, user_id: int, week_start: date, rules: Policy | None = None) -> WeekView:
    """One person's week from ``week_start`` (seven days), as the week grid and timeline show it."""
    rules = rules or policy(app)
    with app.session() as session:
        person = session.get(User, user_id)
        if person is None or not may_see(session, actor, user_id):
            raise PermissionDenied(f"{actor.display_name} may not see this person's time.")
        zone = person_zone(person)
        lo, hi = local_midnight(week_start, zone), local_midnight(week_start + timedelta(days=7), zone)
        book = TermsBook(session, rules.calendar, [user_id], week_start - timedelta(days=1),
                         week_start + timedelta(days=8))
        terms = book.terms(user_id)
        rows = list(session.scalars(select(TimeEntry).where(
            TimeEntry.user_id == user_id, TimeEntry.starts_at < hi, TimeEntry.ends_at > lo)
            .order_by(TimeEntry.starts_at)))
        entries = [EntryView(e.id, e.version, e.starts_at, e.ends_at, e.activity_kind, e.activity_ref, e.note,
                             e.minutes, tuple((p.starts_at, p.ends_at, p.bucket)
                                              for p in pieces(e.starts_at, e.ends_at, zone, terms)))
                   for e in rows]
        leave = session.execute(select(Leave.starts_at, Leave.ends_at, LeaveType.name)
                                .join(LeaveType, LeaveType.id == Leave.leave_type_id)
                                .where(Leave.user_id == user_id, Leave.starts_at < hi, Leave.ends_at > lo)).all()
        days = []
        for n in range(7):
            day = week_start + timedelta(days=n)
            calendar = terms(day).calendar
            day_lo, day_hi = local_midnight(day, zone), local_midnight(day + timedelta(days=1), zone)
            days.append(DayView(day, calendar.day_kind(day).value, calendar.windows(day),
                                int(calendar.between(day_lo, day_hi).total_seconds() // 60),
                                tuple((s, e, t) for s, e, t in leave if s < day_hi and e > day_lo)))
        totals: dict[date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(BUCKETS, 0))
        for day, bucket, minutes in session.execute(
                select(Segment.day, Segment.bucket, func.sum(Segment.minutes))
                .where(Segment.user_id == user_id, Segment.day >= week_start,
                       Segment.day < week_start + timedelta(days=7)).group_by(Segment.day, Segment.bucket)):
            totals[day][bucket] += int(minutes)
        period = rules.bounds(week_start)
        sheet_row = session.scalar(select(Timesheet).where(
            Timesheet.user_id == user_id, Timesheet.starts_on <= week_start + timedelta(days=6),
            Timesheet.ends_on >= week_start).order_by(Timesheet.starts_on.desc()).limit(1))
        sheet = _sheet_view(session, sheet_row) if sheet_row else None
        locked = None
        try:
            require_open(session, user_id, week_start, week_start + timedelta(days=6))
        except Exception as error:  # noqa: BLE001 - a ValidationError that says why
            locked = str(error)
        titles = reference_titles(app, session, {e.ref for e in entries if e.ref})
        return WeekView(user_id, person.display_name, zone, days, entries, titles, sheet,
                        (sheet.starts_on, sheet.ends_on) if sheet else period, locked, dict(totals))


def _sheet_view(session: Session, row: Timesheet) -> SheetView:
    decider = session.get(User, row.decided_by_id) if row.decided_by_id else None
    return SheetView(row.id, row.version, row.status, row.starts_on, row.ends_on, row.comment,
                     decider.display_name if decider else None)


def reference_titles(app: AppContext, session: Session, refs: set[str]) -> dict[str, str]:
    """A readable title for each reference: the project's name, the incident's title (when incidents is active)."""
    titles = dict(session.execute(select(Project.code, Project.name)
                                  .where(Project.code.in_(refs))).all()) if refs else {}
    if app.has_plugin("incidents"):
        from plugins.incidents.api import incident_summary

        for ref in refs - set(titles):
            summary = incident_summary(session, ref[:15]) if ref.startswith("INC-") else None
            if summary is not None:
                titles[ref] = summary.title
    return titles


def _visible(session: Session, actor: Actor, model, row_id: int):
    """A row of someone's time (``None`` when it is gone); refused when ``actor`` may not see that person."""
    row = session.get(model, row_id)
    if row is not None and not may_see(session, actor, row.user_id):
        raise PermissionDenied(f"{actor.display_name} may not see this person's time.")
    return row


def entry(app: AppContext, actor: Actor, entry_id: int) -> EntryView:
    """One entry (for its correction form), with its stored split as pieces of whole days."""
    with app.session() as session:
        row = _visible(session, actor, TimeEntry, entry_id)
        if row is None:
            raise NotFound("This time entry no longer exists; it was removed by someone else.")
        return EntryView(row.id, row.version, row.starts_at, row.ends_at, row.activity_kind, row.activity_ref,
                         row.note, row.minutes, ())


@dataclass(frozen=True)
class EntryDetail:
    """An entry for the detail pane: who, what, its segments and its period's state."""

    entry: EntryView
    person: str
    zone: object
    customer: str | None
    title: str | None
    segments: list[tuple[date, str, int, object, object, object]]
    sheet: SheetView | None
    pending: int


def entry_detail(app: AppContext, actor: Actor, entry_id: int) -> EntryDetail | None:
    """Everything the entries page shows about one entry (``None`` when it is gone)."""
    with app.session() as session:
        row = _visible(session, actor, TimeEntry, entry_id)
        if row is None:
            return None
        person = session.get(User, row.user_id)
        zone = person_zone(person)
        first, last = local_span(zone, row.starts_at, row.ends_at)
        sheet = session.scalar(select(Timesheet).where(Timesheet.user_id == row.user_id, Timesheet.starts_on <= last,
                                                       Timesheet.ends_on >= first).limit(1))
        customer = session.get(Customer, row.customer_id) if row.customer_id else None
        segments = [(s.day, s.bucket, s.minutes, s.multiplier, s.rate, s.cost) for s in session.scalars(
            select(Segment).where(Segment.entry_id == row.id).order_by(Segment.day, Segment.id))]
        pending = session.scalar(select(func.count()).select_from(Adjustment).where(
            Adjustment.entry_id == row.id, Adjustment.status == "pending")) or 0
        view = EntryView(row.id, row.version, row.starts_at, row.ends_at, row.activity_kind, row.activity_ref,
                         row.note, row.minutes, ())
        title = reference_titles(app, session, {row.activity_ref}).get(row.activity_ref) if row.activity_ref else None
        return EntryDetail(view, person.display_name, zone, customer.name if customer else None, title, segments,
                           _sheet_view(session, sheet) if sheet else None, pending)


def people(app: AppContext, actor: Actor) -> list[tuple[int, str]]:
    """The people whose time ``actor`` may see, the actor first, then by name."""
    with app.session() as session:
        query = select(User.id, User.display_name).where(User.is_active.is_(True), User.partner_code.is_(None))
        if not sees_everyone(actor):
            query = query.where(User.id.in_(team_ids(session, actor.user_id) | {actor.user_id}))
        found = [tuple(r) for r in session.execute(query.order_by(User.display_name))]
    return sorted(found, key=lambda p: p[0] != actor.user_id)


def period_totals(session: Session, user_id: int, first: date, last: date) -> dict[str, int]:
    """Minutes per bucket of one person from ``first`` to ``last``."""
    out = dict.fromkeys(BUCKETS, 0)
    for bucket, minutes in session.execute(select(Segment.bucket, func.sum(Segment.minutes)).where(
            Segment.user_id == user_id, Segment.day >= first, Segment.day <= last).group_by(Segment.bucket)):
        out[bucket] = int(minutes)
    return out


@dataclass(frozen=True)
class SheetDetail:
    """A timesheet for the review pane: the person, totals, scheduled time, entries and adjustments."""

    sheet: SheetView
    person: str
    totals: dict[str, int]
    cost: object
    scheduled: int
    entries: list[tuple[datetime, datetime, str, str | None, str]]
    adjustments: int


def timesheet_detail(app: AppContext, actor: Actor, timesheet_id: int) -> SheetDetail | None:
    """One timesheet with what a reviewer needs to decide (``None`` when it is gone)."""
    rules = policy(app)
    with app.session() as session:
        row = _visible(session, actor, Timesheet, timesheet_id)
        if row is None:
            return None
        person = session.get(User, row.user_id)
        zone = person_zone(person)
        lo, hi = local_midnight(row.starts_on, zone), local_midnight(row.ends_on + timedelta(days=1), zone)
        book = TermsBook(session, rules.calendar, [person.id], row.starts_on, row.ends_on)
        cost = session.scalar(select(func.sum(Segment.cost)).where(
            Segment.user_id == person.id, Segment.day >= row.starts_on, Segment.day <= row.ends_on))
        entries = [tuple(r) for r in session.execute(
            select(TimeEntry.starts_at, TimeEntry.ends_at, TimeEntry.activity_kind, TimeEntry.activity_ref,
                   TimeEntry.note).where(TimeEntry.user_id == person.id, TimeEntry.starts_at < hi,
                                         TimeEntry.ends_at > lo).order_by(TimeEntry.starts_at))]
        adjustments = session.scalar(select(func.count()).select_from(Adjustment)
                                     .where(Adjustment.timesheet_id == row.id)) or 0
        return SheetDetail(_sheet_view(session, row), person.display_name,
                           period_totals(session, person.id, row.starts_on, row.ends_on),
                           cost if actor.can("worktime.rates") else None,
                           sum(book.scheduled(person.id, lo, hi).values()), entries, adjustments)


@dataclass(frozen=True)
class AdjustmentRow:
    """An adjustment as its detail pane reads it."""

    action: str
    status: str
    period_start: date
    requested_at: datetime
    reason: str
    comment: str
    starts_at: datetime | None
    ends_at: datetime | None
    activity_kind: str | None
    activity_ref: str | None


@dataclass(frozen=True)
class AdjustmentDetail:
    """An adjustment, who asked and decided, and the entry it corrects as it stands now."""

    adjustment: AdjustmentRow
    person: str
    requested_by: str
    decided_by: str | None
    current: tuple | None


def adjustment_detail(app: AppContext, actor: Actor, adjustment_id: int) -> AdjustmentDetail | None:
    """One adjustment for its detail pane (``None`` when it is gone)."""
    with app.session() as session:
        row = _visible(session, actor, Adjustment, adjustment_id)
        if row is None:
            return None
        names = dict(session.execute(select(User.id, User.display_name).where(
            User.id.in_({row.user_id, row.requested_by_id, row.decided_by_id} - {None}))).all())
        sheet = session.get(Timesheet, row.timesheet_id)
        entry = session.get(TimeEntry, row.entry_id) if row.entry_id else None
        return AdjustmentDetail(
            AdjustmentRow(row.action, row.status, sheet.starts_on, row.requested_at, row.reason, row.comment,
                          row.starts_at, row.ends_at, row.activity_kind, row.activity_ref),
            names.get(row.user_id, ""), names.get(row.requested_by_id, ""), names.get(row.decided_by_id),
            (entry.starts_at, entry.ends_at, entry.activity_kind, entry.activity_ref) if entry else None)


def search(context: Context, text: str, limit: int) -> list[SearchHit]:
    """Global search: entries the actor may see whose reference starts with, or whose note contains, ``text``."""
    text = " ".join(text.split())
    if len(text) < 2:
        return []
    query = (select(TimeEntry.id, TimeEntry.starts_at, TimeEntry.minutes, TimeEntry.activity_ref, TimeEntry.note,
                    User.display_name, User.timezone)
             .join(User, User.id == TimeEntry.user_id)
             .where(or_(TimeEntry.activity_ref.startswith(text.upper(), autoescape=True),
                        TimeEntry.activity_ref.startswith(text, autoescape=True),
                        TimeEntry.note.icontains(text, autoescape=True)))
             .order_by(TimeEntry.starts_at.desc()).limit(limit))
    scope = visible_clause(context.actor, TimeEntry.user_id)
    if scope is not None:
        query = query.where(scope)
    with context.app.session() as session:
        rows = session.execute(query).all()
    return [SearchHit(f"{ref or note[:40]} · {format_minutes(minutes)}",
                      f"{name} · {starts.astimezone(zone_of(tz)):%Y-%m-%d %H:%M}", ENTRIES_PAGE, str(entry_id))
            for entry_id, starts, minutes, ref, note, name, tz in rows]

