"""The reviewer's pages: the timesheet queue (filter by team, status and overtime above a threshold;
approve or reject with a comment) and the adjustments waiting for a decision."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import func, select

from console.api import Context, Group, GroupMember, User, get_setting
from console.api.ui import (
    ChoiceFilter,
    Column,
    DetailSection,
    Field,
    FormDialog,
    ListPage,
    PageAction,
    detail_html,
    run_in_background,
    tr,
    user_zone,
)
from plugins.worktime.models import NORMAL, Adjustment, Segment, Timesheet
from plugins.worktime.periods import format_minutes, period_label
from plugins.worktime.service import adjustments, queries, timesheets
from plugins.worktime.service.common import HR, REVIEW, visible_clause
from plugins.worktime.ui.common import (
    ACTION_NAMES,
    ACTIVITY_NAMES,
    BUCKET_NAMES,
    NAME,
    STATUS_COLOURS,
    STATUS_NAMES,
    WEEKDAY_SHORT,
    Deferred,
    hours,
    named,
)
from plugins.worktime.ui.entries_page import whose_filter

LIMIT_HOURS = 36


def _period_minutes(bucket_clause):
    return (select(func.coalesce(func.sum(Segment.minutes), 0))
            .where(Segment.user_id == Timesheet.user_id, Segment.day >= Timesheet.starts_on,
                   Segment.day <= Timesheet.ends_on, bucket_clause).scalar_subquery())


def review_page(context: Context) -> Deferred:
    """The queue, built once the teams the actor reviews and the overtime threshold are read."""
    def load():
        with context.app.session() as session:
            groups = select(Group.id, Group.name).order_by(Group.name)
            if not context.actor.can(HR):
                people = queries.people(context.app, context.actor)
                groups = groups.where(Group.id.in_(select(GroupMember.group_id).where(
                    GroupMember.user_id.in_([p for p, _ in people]))))
            teams = [tuple(r) for r in session.execute(groups)]
        return teams, get_setting(context.app, "worktime.overtime_threshold")

    return Deferred(load, lambda loaded: _queue(context, *loaded))


def _queue(context: Context, teams: list[tuple[int, str]], threshold: int) -> ListPage:
    actor = context.actor
    decider = User.__table__.alias("decider")
    total = _period_minutes(Segment.bucket.is_not(None))
    overtime = _period_minutes(Segment.bucket != NORMAL)
    query = (select(User.display_name, Timesheet.starts_on, Timesheet.ends_on, Timesheet.status, Timesheet.submitted_at,
                    total.label("total"), overtime.label("overtime"), decider.c.display_name, Timesheet.comment)
             .join(User, User.id == Timesheet.user_id).outerjoin(decider, decider.c.id == Timesheet.decided_by_id)
             .where(Timesheet.user_id != actor.user_id))
    scope = visible_clause(actor, Timesheet.user_id)
    if scope is not None:
        query = query.where(scope)
    columns = [
        Column(QT_TRANSLATE_NOOP("worktime", "Person"), searchable=True, width=18),
        Column(QT_TRANSLATE_NOOP("worktime", "From"), width=10),
        Column(QT_TRANSLATE_NOOP("worktime", "To"), width=10),
        Column(QT_TRANSLATE_NOOP("worktime", "Status"), format=named(STATUS_NAMES), colour=STATUS_COLOURS.get,
               width=10),
        Column(QT_TRANSLATE_NOOP("worktime", "Submitted"), width=16),
        Column(QT_TRANSLATE_NOOP("worktime", "Hours"), format=hours, align="right", width=8, sortable=False),
        Column(QT_TRANSLATE_NOOP("worktime", "Overtime"), format=hours, align="right", width=8, sortable=False,
               colour=lambda m: "#c25a00" if m and m > threshold * 60 else None),
        Column(QT_TRANSLATE_NOOP("worktime", "Decided by"), nullable=True, width=14),
        Column(QT_TRANSLATE_NOOP("worktime", "Comment"), searchable=True, width=30),
    ]
    in_team = [(name, Timesheet.user_id.in_(select(GroupMember.user_id).where(GroupMember.group_id == gid)))
               for gid, name in teams]
    filters = [
        ChoiceFilter(QT_TRANSLATE_NOOP("worktime", "Status"), [
            (QT_TRANSLATE_NOOP("worktime", "Waiting for review"), Timesheet.status == "submitted"),
            (QT_TRANSLATE_NOOP("worktime", "Approved"), Timesheet.status == "approved"),
            (QT_TRANSLATE_NOOP("worktime", "Rejected"), Timesheet.status == "rejected"),
            (QT_TRANSLATE_NOOP("worktime", "Any status"), None)]),
        ChoiceFilter(QT_TRANSLATE_NOOP("worktime", "Team"),
                     [(QT_TRANSLATE_NOOP("worktime", "All my teams"), None), *in_team]),
        ChoiceFilter(QT_TRANSLATE_NOOP("worktime", "Overtime"), [
            (QT_TRANSLATE_NOOP("worktime", "Any overtime"), None),
            (tr(NAME, "More than {hours} h overtime").format(hours=threshold), overtime > threshold * 60),
            (tr(NAME, "More than {hours} h overtime").format(hours=LIMIT_HOURS), overtime > LIMIT_HOURS * 60)]),
    ]
    actions = [
        PageAction(QT_TRANSLATE_NOOP("worktime", "Approve…"), lambda p: decide(p, context, True), needs_row=True,
                   permission=REVIEW, primary=True),
        PageAction(QT_TRANSLATE_NOOP("worktime", "Reject…"), lambda p: decide(p, context, False), needs_row=True,
                   permission=REVIEW),
    ]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=Timesheet.id,
                    sort=(4, Qt.SortOrder.AscendingOrder), filters=filters, actions=actions,
                    detail=lambda key: timesheet_html(context, int(key)),
                    count_text=QT_TRANSLATE_NOOP("worktime", "{count} timesheets"),
                    empty_text=QT_TRANSLATE_NOOP("worktime", "No timesheet waits for you here."),
                    export_name="timesheets")


def timesheet_html(context: Context, timesheet_id: int) -> str:
    """The detail pane: totals per bucket against the scheduled time, cost, and every entry (off the GUI thread)."""
    detail = queries.timesheet_detail(context.app, context.actor, timesheet_id)
    if detail is None:
        return tr(NAME, "This timesheet no longer exists.")
    zone, sheet = user_zone(context), detail.sheet
    booked = sum(detail.totals.values())
    rows = [(QT_TRANSLATE_NOOP("worktime", "Status"), tr(NAME, STATUS_NAMES[sheet.status])
             + (f" · {sheet.decided_by}" if sheet.decided_by else "")),
            (QT_TRANSLATE_NOOP("worktime", "Booked"), format_minutes(booked)),
            (QT_TRANSLATE_NOOP("worktime", "Scheduled"), format_minutes(detail.scheduled))]
    rows += [(BUCKET_NAMES[b], format_minutes(m)) for b, m in detail.totals.items() if m]
    if detail.cost is not None:
        rows.append((QT_TRANSLATE_NOOP("worktime", "Cost"), f"{detail.cost:,}"))
    if sheet.comment:
        rows.append((QT_TRANSLATE_NOOP("worktime", "Comment"), sheet.comment))
    if detail.adjustments:
        rows.append((QT_TRANSLATE_NOOP("worktime", "Adjustments"), str(detail.adjustments)))
    facts = DetailSection(QT_TRANSLATE_NOOP("worktime", "Timesheet"), rows)
    lines = DetailSection(QT_TRANSLATE_NOOP("worktime", "Entries"), [
        (f"{tr(NAME, WEEKDAY_SHORT[start.astimezone(zone).weekday()])} "
         f"{start.astimezone(zone):%m-%d %H:%M}–{end.astimezone(zone):%H:%M}",
         " · ".join(filter(None, (tr(NAME, ACTIVITY_NAMES[kind]), ref, note))))
        for start, end, kind, ref, note in detail.entries])
    return detail_html(f"{detail.person} · {escape(sheet.label)}", [facts, lines], owner=NAME, zone=zone)


def decide(page: ListPage, context: Context, approve: bool) -> None:
    """Approve (comment optional) or reject (comment required) the selected timesheet."""
    key = page.current_key()
    if key is None:
        return

    def show(detail):
        if detail is None:
            page.refresh()
            return
        sheet = detail.sheet
        label = f"{detail.person} · {period_label(sheet.starts_on, sheet.ends_on)}"
        comment = Field("comment", QT_TRANSLATE_NOOP("worktime", "Comment"), "multiline", required=not approve,
                        help=QT_TRANSLATE_NOOP("worktime", "What to correct (a rejection needs one)."))
        call = timesheets.approve if approve else timesheets.reject
        dialog = FormDialog(page, tr(NAME, "Approve timesheet") if approve else tr(NAME, "Reject timesheet"),
                            [comment], lambda v: call(context.app, context.actor, sheet.id,
                                                      expected_version=sheet.version, comment=v["comment"]),
                            owner=NAME, intro=label)
        dialog.saved.connect(lambda _r: page.refresh())
        dialog.open()

    run_in_background(page, lambda: queries.timesheet_detail(context.app, context.actor, int(key)), show,
                      lambda error, _t: page.show_message(error))


# -- adjustments -------------------------------------------------------------------------------------
def adjustments_page(context: Context) -> ListPage:
    """Corrections of approved periods: the actor's own requests and, for reviewers, their teams'."""
    query = (select(User.display_name, Timesheet.starts_on, Adjustment.action, Adjustment.starts_at,
                    Adjustment.ends_at, Adjustment.activity_kind, Adjustment.activity_ref, Adjustment.reason,
                    Adjustment.status, Adjustment.requested_at, Adjustment.comment)
             .join(User, User.id == Adjustment.user_id).join(Timesheet, Timesheet.id == Adjustment.timesheet_id))
    scope = visible_clause(context.actor, Adjustment.user_id)
    if scope is not None:
        query = query.where(scope)
    columns = [
        Column(QT_TRANSLATE_NOOP("worktime", "Person"), searchable=True, width=16),
        Column(QT_TRANSLATE_NOOP("worktime", "Period from"), width=10),
        Column(QT_TRANSLATE_NOOP("worktime", "Correction"), format=named(ACTION_NAMES), width=14),
        Column(QT_TRANSLATE_NOOP("worktime", "Start"), width=16),
        Column(QT_TRANSLATE_NOOP("worktime", "End"), width=16),
        Column(QT_TRANSLATE_NOOP("worktime", "Activity"), format=named(ACTIVITY_NAMES), nullable=True, width=10),
        Column(QT_TRANSLATE_NOOP("worktime", "Reference"), searchable=True, nullable=True, width=18),
        Column(QT_TRANSLATE_NOOP("worktime", "Reason"), searchable=True, width=26),
        Column(QT_TRANSLATE_NOOP("worktime", "Status"), format=named(STATUS_NAMES), colour=STATUS_COLOURS.get,
               width=10),
        Column(QT_TRANSLATE_NOOP("worktime", "Requested"), width=16),
        Column(QT_TRANSLATE_NOOP("worktime", "Comment"), width=20),
    ]
    filters = [
        ChoiceFilter(QT_TRANSLATE_NOOP("worktime", "Status"), [
            (QT_TRANSLATE_NOOP("worktime", "Waiting for review"), Adjustment.status == "pending"),
            (QT_TRANSLATE_NOOP("worktime", "Decided"), Adjustment.status != "pending"),
            (QT_TRANSLATE_NOOP("worktime", "Any status"), None)]),
        whose_filter(context, Adjustment.user_id, prefer_team=True),
    ]
    actions = [
        PageAction(QT_TRANSLATE_NOOP("worktime", "Approve…"), lambda p: decide_adjustment(p, context, True),
                   needs_row=True, permission=REVIEW, primary=True),
        PageAction(QT_TRANSLATE_NOOP("worktime", "Reject…"), lambda p: decide_adjustment(p, context, False),
                   needs_row=True, permission=REVIEW),
    ]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=Adjustment.id,
                    sort=(9, Qt.SortOrder.DescendingOrder), filters=filters, actions=actions,
                    detail=lambda key: adjustment_html(context, int(key)),
                    count_text=QT_TRANSLATE_NOOP("worktime", "{count} adjustments"),
                    empty_text=QT_TRANSLATE_NOOP("worktime", "No adjustment here."), export_name="adjustments")


def adjustment_html(context: Context, adjustment_id: int) -> str:
    """The detail pane: what the adjustment changes, beside the entry as it stands (off the GUI thread)."""
    detail = queries.adjustment_detail(context.app, context.actor, adjustment_id)
    if detail is None:
        return tr(NAME, "This adjustment no longer exists.")
    zone, row = user_zone(context), detail.adjustment

    def span(start, end, kind, ref):
        return (f"{start.astimezone(zone):%Y-%m-%d %H:%M} – {end.astimezone(zone):%H:%M} · "
                + " · ".join(filter(None, (tr(NAME, ACTIVITY_NAMES.get(kind, kind or "")), ref))))

    rows = [(QT_TRANSLATE_NOOP("worktime", "Status"), tr(NAME, STATUS_NAMES[row.status])
             + (f" · {detail.decided_by}" if detail.decided_by else "")),
            (QT_TRANSLATE_NOOP("worktime", "Period from"), row.period_start),
            (QT_TRANSLATE_NOOP("worktime", "Requested"), f"{row.requested_at.astimezone(zone):%Y-%m-%d %H:%M} · "
                                                         f"{detail.requested_by}"),
            (QT_TRANSLATE_NOOP("worktime", "Reason"), row.reason)]
    if detail.current is not None and row.action != "remove":
        rows.append((QT_TRANSLATE_NOOP("worktime", "Now"), span(*detail.current)))
    if row.starts_at is not None:
        rows.append((QT_TRANSLATE_NOOP("worktime", "Removed") if row.action == "remove"
                     else QT_TRANSLATE_NOOP("worktime", "Proposed"),
                     span(row.starts_at, row.ends_at, row.activity_kind, row.activity_ref)))
    if row.comment:
        rows.append((QT_TRANSLATE_NOOP("worktime", "Comment"), row.comment))
    return detail_html(f"{detail.person} · {tr(NAME, ACTION_NAMES[row.action])}",
                       [DetailSection(QT_TRANSLATE_NOOP("worktime", "Adjustment"), rows)], owner=NAME, zone=zone)


def decide_adjustment(page: ListPage, context: Context, approve: bool) -> None:
    """Approve (and apply) or reject the selected adjustment, with a comment."""
    key = page.current_key()
    if key is None:
        return

    def load():
        with context.app.session() as session:
            return session.scalar(select(Adjustment.version).where(Adjustment.id == int(key)))

    def show(version):
        comment = Field("comment", QT_TRANSLATE_NOOP("worktime", "Comment"), "multiline", required=not approve)
        dialog = FormDialog(page, tr(NAME, "Approve adjustment") if approve else tr(NAME, "Reject adjustment"),
                            [comment], lambda v: adjustments.decide_adjustment(
                                context.app, context.actor, int(key), expected_version=version, approve=approve,
                                comment=v["comment"]), owner=NAME)
        dialog.saved.connect(lambda _r: page.refresh())
        dialog.open()

    run_in_background(page, load, show, lambda error, _t: page.show_message(error))
