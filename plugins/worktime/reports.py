"""Work-hour figures (Qt-free): hours and cost by person, team, project, customer, incident or activity;
overtime by type per month; utilisation; the payroll export; and the charts that draw them.

Everything is summed from the stored split (``worktime_segment``), by local date, so an entry
across midnight or across a month end counts on each side exactly. ``scope`` is a WHERE clause
on the person (``service.common.visible_clause``): HR see everyone, leads their teams, others
themselves. Chart draw functions take a ``label`` function that translates their texts (the
plugin's UI passes ``tr``; see ``ui.charts``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from console.api import AppContext, Customer, Group, GroupMember, User, tables, utcnow
from plugins.worktime.models import (
    BUCKETS,
    EXTENDED,
    HOLIDAY,
    NORMAL,
    OVERTIME_BUCKETS,
    REST,
    REST_IN_LIEU,
    SERVICE_KINDS,
    Leave,
    Project,
    Segment,
    TimeEntry,
)
from plugins.worktime.periods import month_end, month_start
from plugins.worktime.split import local_midnight
from plugins.worktime.terms import BaseCalendar, TermsBook, zone_of

GROUPINGS = ("person", "team", "project", "customer", "incident", "activity")
#: English names of the buckets (the UI translates them).
BUCKET_TITLES = {NORMAL: "Normal", EXTENDED: "Extended-hours overtime", REST: "Rest-day overtime",
                 REST_IN_LIEU: "Rest-day overtime (time off)", HOLIDAY: "Holiday overtime"}
BUCKET_COLOURS = {NORMAL: "#2f6db5", EXTENDED: "#e07b39", REST: "#8e6bbf", REST_IN_LIEU: "#b8a3d9",
                  HOLIDAY: "#c0392b"}
NO_VALUE = "—"
Label = Callable[[str], str]


def _same(text: str) -> str:
    return text


@dataclass
class Row:
    """One line of a report: minutes per bucket and their cost (``None`` when no rate applied)."""

    key: object
    label: str
    minutes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))
    cost: Decimal | None = None

    @property
    def total(self) -> int:
        """All minutes."""
        return sum(self.minutes.values())

    @property
    def overtime(self) -> int:
        """Minutes in the overtime buckets."""
        return sum(self.minutes[b] for b in OVERTIME_BUCKETS)

    def add(self, bucket: str, minutes: int, cost: Decimal | None) -> None:
        """Count ``minutes`` (and their cost) in ``bucket``."""
        self.minutes[bucket] += int(minutes or 0)
        if cost is not None:
            self.cost = (self.cost or Decimal("0.00")) + Decimal(cost)


def _grouping(by: str):
    """The columns a report groups by (key, label) and the joins it needs."""
    if by == "person":
        return (User.id, User.display_name), lambda q: q.join(User, User.id == Segment.user_id)
    if by == "team":
        return (Group.id, Group.name), lambda q: q.outerjoin(GroupMember, GroupMember.user_id == Segment.user_id) \
            .outerjoin(Group, Group.id == GroupMember.group_id)
    if by == "project":
        return (TimeEntry.activity_ref, Project.name), lambda q: q.join(
            Project, Project.code == TimeEntry.activity_ref).where(TimeEntry.activity_kind == "project")
    if by == "customer":
        return (Customer.id, Customer.name), lambda q: q.outerjoin(Customer, Customer.id == TimeEntry.customer_id)
    if by == "incident":
        number = func.substr(TimeEntry.activity_ref, 1, 15)
        return (number, number), lambda q: q.where(TimeEntry.activity_ref.like("INC-%"))
    if by == "activity":
        return (TimeEntry.activity_kind, TimeEntry.activity_kind), lambda q: q
    raise ValueError(f"unknown grouping {by!r}; use one of {', '.join(GROUPINGS)}")


def hours_and_cost(session: Session, *, first: date, last: date, by: str,
                   scope: ColumnElement | None = None) -> list[Row]:
    """Minutes per bucket and cost for ``first``..``last`` grouped ``by`` one of ``GROUPINGS``, most hours first.

    A person in two teams counts in both; time without a team, customer … is one row keyed ``None``.
    """
    (key, label), join = _grouping(by)
    query = select(key, label, Segment.bucket, func.sum(Segment.minutes), func.sum(Segment.cost)).select_from(Segment)
    if by not in ("person", "team"):  # what the time was on is the entry's
        query = query.join(TimeEntry, TimeEntry.id == Segment.entry_id)
    query = join(query.where(Segment.day >= first, Segment.day <= last))
    if scope is not None:
        query = query.where(scope)
    rows: dict[object, Row] = {}
    for k, name, bucket, minutes, cost in session.execute(query.group_by(key, label, Segment.bucket)):
        rows.setdefault(k, Row(k, name if name is not None else NO_VALUE)).add(bucket, minutes, cost)
    if by == "person":
        _tell_apart(session, rows)
    return sorted(rows.values(), key=lambda r: (-r.total, str(r.label)))


def _tell_apart(session: Session, rows: dict[object, Row]) -> None:
    """Two people with one name (王伟 and 王伟) get their user names added."""
    names: dict[str, list[Row]] = defaultdict(list)
    for row in rows.values():
        names[row.label].append(row)
    twins = [row for same in names.values() if len(same) > 1 for row in same]
    if twins:
        usernames = dict(session.execute(select(User.id, User.username)
                                         .where(User.id.in_([r.key for r in twins]))).all())
        for row in twins:
            row.label = f"{row.label} · {usernames.get(row.key, row.key)}"


def overtime_by_month(session: Session, *, first: date, last: date,
                      scope: ColumnElement | None = None) -> dict[date, dict[str, int]]:
    """Overtime minutes per bucket for each month from ``first`` to ``last`` (empty months included)."""
    query = (select(Segment.day, Segment.bucket, func.sum(Segment.minutes))
             .where(Segment.day >= first, Segment.day <= last, Segment.bucket.in_(OVERTIME_BUCKETS))
             .group_by(Segment.day, Segment.bucket))
    if scope is not None:
        query = query.where(scope)
    months: dict[date, dict[str, int]] = {}
    month = month_start(first)
    while month <= last:
        months[month] = dict.fromkeys(OVERTIME_BUCKETS, 0)
        month = month_end(month) + timedelta(days=1)
    for day, bucket, minutes in session.execute(query):
        months[month_start(day)][bucket] += int(minutes)
    return months


def overtime_peaks(session: Session, *, first: date, last: date,
                   scope: ColumnElement | None = None) -> dict[int, tuple[date, int]]:
    """Each person's month with the most overtime between ``first`` and ``last``: ``{user id: (month, minutes)}``."""
    query = (select(Segment.user_id, Segment.day, func.sum(Segment.minutes))
             .where(Segment.day >= first, Segment.day <= last, Segment.bucket.in_(OVERTIME_BUCKETS))
             .group_by(Segment.user_id, Segment.day))
    if scope is not None:
        query = query.where(scope)
    months: dict[tuple[int, date], int] = defaultdict(int)
    for user_id, day, minutes in session.execute(query):
        months[user_id, month_start(day)] += int(minutes)
    peaks: dict[int, tuple[date, int]] = {}
    for (user_id, month), minutes in months.items():
        if minutes > peaks.get(user_id, (month, -1))[1]:
            peaks[user_id] = (month, minutes)
    return peaks


@dataclass(frozen=True)
class Utilisation:
    """One person's (or team's) utilisation: service minutes ÷ (scheduled − leave) minutes."""

    key: object
    label: str
    scheduled: int
    leave: int
    booked: int
    service: int

    @property
    def available(self) -> int:
        """Scheduled minutes not on leave."""
        return max(self.scheduled - self.leave, 0)

    @property
    def ratio(self) -> Decimal | None:
        """Service ÷ available, as a Decimal fraction (``None`` with nothing available)."""
        return (Decimal(self.service) / Decimal(self.available)).quantize(Decimal("0.001")) if self.available else None


def utilisation(session: Session, base: BaseCalendar, *, first: date, last: date, people: Iterable[tuple[int, str]],
                by_team: bool = False) -> list[Utilisation]:
    """Utilisation of ``people`` (``(id, name)``) for ``first``..``last``; per team with ``by_team``."""
    people = list(people)
    ids = [p for p, _ in people]
    if not ids:
        return []
    book, now = TermsBook(session, base, ids, first, last), utcnow()
    booked, service = defaultdict(int), defaultdict(int)
    for uid, kind, minutes in session.execute(
            select(Segment.user_id, TimeEntry.activity_kind, func.sum(Segment.minutes))
            .join(TimeEntry, TimeEntry.id == Segment.entry_id)
            .where(Segment.user_id.in_(ids), Segment.day >= first, Segment.day <= last)
            .group_by(Segment.user_id, TimeEntry.activity_kind)):
        booked[uid] += int(minutes)
        if kind in SERVICE_KINDS:
            service[uid] += int(minutes)
    scheduled, leave = {}, defaultdict(int)
    for uid in ids:
        zone = book.zone(uid)
        lo = local_midnight(first, zone)
        hi = min(local_midnight(last + timedelta(days=1), zone), max(now, lo))  # no scheduled time in the future
        scheduled[uid] = sum(book.scheduled(uid, lo, hi).values())
        for start, end in session.execute(select(Leave.starts_at, Leave.ends_at).where(
                Leave.user_id == uid, Leave.starts_at < hi, Leave.ends_at > lo)):
            leave[uid] += sum(book.scheduled(uid, max(start, lo), min(end, hi)).values())
    rows = [Utilisation(uid, name, scheduled[uid], leave[uid], booked[uid], service[uid]) for uid, name in people]
    if by_team:
        rows = _per_team(session, rows)
    return sorted(rows, key=lambda r: (-(r.ratio or 0), str(r.label)))


def _per_team(session: Session, rows: list[Utilisation]) -> list[Utilisation]:
    by_person = {r.key: r for r in rows}
    teams: dict[object, list[Utilisation]] = defaultdict(list)
    names = {}
    for uid, gid, name in session.execute(select(GroupMember.user_id, Group.id, Group.name)
                                          .join(Group, Group.id == GroupMember.group_id)
                                          .where(GroupMember.user_id.in_(list(by_person)))):
        teams[gid].append(by_person[uid])
        names[gid] = name
    return [Utilisation(gid, names[gid], *(sum(getattr(m, f) for m in members)
                                           for f in ("scheduled", "leave", "booked", "service")))
            for gid, members in teams.items()]


def people_in_scope(session: Session, scope: ColumnElement | None) -> list[tuple[int, str]]:
    """Active people (``(id, name)``) a report may show, by name."""
    query = select(User.id, User.display_name).where(User.is_active.is_(True), User.partner_code.is_(None))
    if scope is not None:
        query = query.where(scope)
    return [tuple(r) for r in session.execute(query.order_by(User.display_name))]


# -- payroll -------------------------------------------------------------------------------------------
PAYROLL_COLUMNS = ("Employee", "Name", "Normal minutes", "Extended-hours OT minutes", "Rest-day OT minutes",
                   "Rest-day OT (time off) minutes", "Statutory-holiday OT minutes", "Overtime minutes",
                   "Overtime cost")


def payroll_rows(session: Session, *, first: date, last: date, scope: ColumnElement | None = None) -> list[list]:
    """One row per person: username, name, minutes per bucket, overtime minutes and the overtime cost."""
    query = (select(User.username, User.display_name, Segment.bucket, func.sum(Segment.minutes),
                    func.sum(Segment.cost))
             .join(User, User.id == Segment.user_id).where(Segment.day >= first, Segment.day <= last)
             .group_by(User.username, User.display_name, Segment.bucket))
    if scope is not None:
        query = query.where(scope)
    people: dict[str, Row] = {}
    for username, name, bucket, minutes, cost in session.execute(query):
        row = people.setdefault(username, Row(username, name))
        row.add(bucket, minutes, cost if bucket in OVERTIME_BUCKETS else None)
    return [[r.key, r.label, *(r.minutes[b] for b in BUCKETS), r.overtime, r.cost or Decimal("0.00")]
            for r in sorted(people.values(), key=lambda r: r.key)]


def write_payroll(path: Path | str, rows: list[list], titles: Iterable[str] = PAYROLL_COLUMNS) -> int:
    """The payroll export as CSV or XLSX (by the file's suffix); returns how many people."""
    return tables.write_table(path, list(titles), rows)


# -- charts --------------------------------------------------------------------------------------------
def last_months(today: date, count: int = 12) -> tuple[date, date]:
    """The first and last day of the ``count`` months up to and including the one holding ``today``."""
    first = month_start(today)
    for _ in range(count - 1):
        first = month_start(first - timedelta(days=1))
    return first, month_end(today)


def draw_months(figure, months: dict[date, dict[str, int]], label: Label = _same) -> None:
    """Stacked bars of overtime hours per type and month (``overtime_by_month``'s result)."""
    axes = figure.add_subplot()
    names = [f"{m:%y-%m}" for m in months]
    bottom = [0.0] * len(months)
    for bucket in OVERTIME_BUCKETS:
        values = [v[bucket] / 60 for v in months.values()]
        if any(values):
            axes.bar(names, values, bottom=bottom, color=BUCKET_COLOURS[bucket], label=label(BUCKET_TITLES[bucket]))
            bottom = [b + v for b, v in zip(bottom, values)]
    axes.set_ylabel(label("Hours"))
    axes.tick_params(axis="x", labelrotation=45)
    if any(bottom):
        _legend(figure, axes)


def draw_overtime_by_month(figure, app: AppContext, scope: ColumnElement | None, today: date,
                           label: Label = _same) -> None:
    """Overtime hours per type for the last twelve months (the dashboard chart)."""
    first, last = last_months(today)
    with app.session() as session:
        months = overtime_by_month(session, first=first, last=last, scope=scope)
    draw_months(figure, months, label)


def draw_rows(figure, rows: list[Row], label: Label = _same, limit: int = 12) -> None:
    """Horizontal stacked bars of hours per bucket for the biggest ``limit`` rows of a report."""
    shown = rows[:limit][::-1]
    axes = figure.add_subplot()
    names = [_short(label(r.label) if r.label == NO_VALUE else r.label) for r in shown]
    left = [0.0] * len(shown)
    for bucket in BUCKETS:
        values = [r.minutes[bucket] / 60 for r in shown]
        if any(values):
            axes.barh(names, values, left=left, color=BUCKET_COLOURS[bucket], label=label(BUCKET_TITLES[bucket]))
            left = [a + v for a, v in zip(left, values)]
    axes.set_xlabel(label("Hours"))
    if shown:
        _legend(figure, axes)


def _legend(figure, axes) -> None:
    """The legend above the plot, never over the bars."""
    handles, labels = axes.get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside upper center", ncol=min(len(labels), 3), fontsize=8)


def draw_utilisation(figure, rows: list[Utilisation], label: Label = _same, limit: int = 15) -> None:
    """Horizontal bars of utilisation (%) per person or team, a line at 100 %."""
    shown = [r for r in rows if r.ratio is not None][:limit][::-1]
    axes = figure.add_subplot()
    bars = axes.barh([_short(r.label) for r in shown], [float(r.ratio) * 100 for r in shown], color="#3a9d5d")
    axes.bar_label(bars, labels=[f"{float(r.ratio) * 100:.0f}%" for r in shown], padding=3, fontsize=8)
    axes.axvline(100, color="#9aa5b4", linewidth=0.8)
    axes.set_xlabel(label("Service hours ÷ scheduled hours (%)"))


def draw_team_utilisation(figure, app: AppContext, base: BaseCalendar, scope: ColumnElement | None, today: date,
                          label: Label = _same) -> None:
    """Utilisation per team over the 30 days up to yesterday."""
    with app.session() as session:
        people = people_in_scope(session, scope)
        rows = utilisation(session, base, first=today - timedelta(days=30), last=today - timedelta(days=1),
                           people=people, by_team=True)
    draw_utilisation(figure, rows, label)


def _short(text: str, width: int = 22) -> str:
    text = str(text)
    return text if len(text) <= width else text[:width - 1] + "…"


def today_in(zone_name: str) -> date:
    """Today's date in a time zone."""
    return utcnow().astimezone(zone_of(zone_name)).date()
