"""Leave: who is (or was) away, of which kind and for how many scheduled hours; record and remove leave,
and see the time off in lieu a person has left."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import select

from console.api import Context, User
from console.api.ui import (
    Column,
    DetailSection,
    Field,
    FormDialog,
    ListPage,
    PageAction,
    confirm,
    detail_html,
    run_in_background,
    tr,
    user_zone,
)
from plugins.worktime.models import Leave, LeaveType
from plugins.worktime.periods import format_minutes
from plugins.worktime.service import leave, queries
from plugins.worktime.service.common import EDIT
from plugins.worktime.ui.common import NAME, hours, translated
from plugins.worktime.ui.entries_page import period_filter, whose_filter

PARTS = [("day", QT_TRANSLATE_NOOP("worktime", "Whole days")), ("am", QT_TRANSLATE_NOOP("worktime", "Morning")),
         ("pm", QT_TRANSLATE_NOOP("worktime", "Afternoon"))]


def _day_or_time(zone, last: bool = False):
    """A leave boundary as people read it: a date for whole days (the last day for an end at midnight),
    else the date and time."""
    def show(moment) -> str:
        local = moment.astimezone(zone)
        if (local.hour, local.minute) == (0, 0):
            return (local.date() - timedelta(days=1) if last else local.date()).isoformat()
        return f"{local:%Y-%m-%d %H:%M}"

    return show


def leave_page(context: Context) -> ListPage:
    """Leave records, latest first."""
    zone = user_zone(context)
    query = (select(User.display_name, LeaveType.name, Leave.starts_at, Leave.ends_at, Leave.minutes, Leave.note)
             .join(User, User.id == Leave.user_id).join(LeaveType, LeaveType.id == Leave.leave_type_id))
    columns = [
        Column(QT_TRANSLATE_NOOP("worktime", "Person"), searchable=True, width=18),
        Column(QT_TRANSLATE_NOOP("worktime", "Leave type"), format=translated, width=16),
        Column(QT_TRANSLATE_NOOP("worktime", "From"), format=_day_or_time(zone), width=16),
        Column(QT_TRANSLATE_NOOP("worktime", "Until"), format=_day_or_time(zone, last=True), width=16),
        Column(QT_TRANSLATE_NOOP("worktime", "Scheduled hours"), format=hours, align="right", width=15),
        Column(QT_TRANSLATE_NOOP("worktime", "Note"), searchable=True, width=30),
    ]
    filters = [whose_filter(context, Leave.user_id, prefer_team=True),
               period_filter(context, Leave.starts_at, first="year")]
    actions = [
        PageAction(QT_TRANSLATE_NOOP("worktime", "Record leave…"), lambda p: record_leave(p, context),
                   permission=EDIT, primary=True),
        PageAction(QT_TRANSLATE_NOOP("worktime", "Remove…"), lambda p: remove_leave(p, context), needs_row=True,
                   permission=EDIT),
    ]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=Leave.id,
                    sort=(2, Qt.SortOrder.DescendingOrder), filters=filters, actions=actions,
                    detail=lambda key: leave_html(context, int(key)),
                    count_text=QT_TRANSLATE_NOOP("worktime", "{count} leave records"),
                    empty_text=QT_TRANSLATE_NOOP("worktime", "No leave recorded here."), export_name="leave")


def leave_html(context: Context, leave_id: int) -> str:
    """The detail pane: the leave and the person's time off in lieu left (off the GUI thread)."""
    with context.app.session() as session:
        row = session.get(Leave, leave_id)
        if row is None:
            return tr(NAME, "This leave record no longer exists.")
        person = session.get(User, row.user_id)
        kind = session.get(LeaveType, row.leave_type_id)
        balance = leave.in_lieu_balance(session, row.user_id)
    zone = user_zone(context)
    facts = DetailSection(QT_TRANSLATE_NOOP("worktime", "Leave"), [
        (QT_TRANSLATE_NOOP("worktime", "Person"), person.display_name),
        (QT_TRANSLATE_NOOP("worktime", "Leave type"), translated(kind.name)),
        (QT_TRANSLATE_NOOP("worktime", "From"), _day_or_time(zone)(row.starts_at)),
        (QT_TRANSLATE_NOOP("worktime", "Until"), _day_or_time(zone, last=True)(row.ends_at)),
        (QT_TRANSLATE_NOOP("worktime", "Scheduled hours"), format_minutes(row.minutes)),
        (QT_TRANSLATE_NOOP("worktime", "Time off in lieu left"), format_minutes(balance)),
        (QT_TRANSLATE_NOOP("worktime", "Note"), row.note or "—"),
    ])
    return detail_html(f"{person.display_name} · {translated(kind.name)}", [facts], owner=NAME, zone=zone)


def record_leave(page: ListPage, context: Context) -> None:
    """The record-leave form (leave types and people are read off the GUI thread first)."""
    def load():
        with context.app.session() as session:
            kinds = [(code, name) for code, name in session.execute(
                select(LeaveType.code, LeaveType.name).order_by(LeaveType.id))]
        return kinds, queries.people(context.app, context.actor)

    def show(loaded):
        kinds, people = loaded
        fields = [
            Field("user_id", QT_TRANSLATE_NOOP("worktime", "Person"), "choice", people, required=True,
                  default=context.actor.user_id),
            Field("leave_type", QT_TRANSLATE_NOOP("worktime", "Leave type"), "choice", kinds, required=True),
            Field("first_day", QT_TRANSLATE_NOOP("worktime", "First day"), "date"),
            Field("last_day", QT_TRANSLATE_NOOP("worktime", "Last day"), "date"),
            Field("part", QT_TRANSLATE_NOOP("worktime", "Part of the day"), "choice", PARTS, required=True),
            Field("note", QT_TRANSLATE_NOOP("worktime", "Note"), "multiline"),
        ]
        dialog = FormDialog(page, tr(NAME, "Record leave"), fields,
                            lambda values: leave.add_leave(context.app, context.actor, **values), owner=NAME,
                            zone=user_zone(context))
        dialog.saved.connect(lambda _id: page.refresh())
        dialog.open()

    run_in_background(page, load, show, lambda error, _t: page.show_message(error))


def remove_leave(page: ListPage, context: Context) -> None:
    """Remove the selected leave record, after a question."""
    key = page.current_key()
    if key is None or not confirm(page, tr(NAME, "Remove…"), tr(NAME, "Remove this leave record?")):
        return

    def remove():
        with context.app.session() as session:
            version = session.scalar(select(Leave.version).where(Leave.id == int(key)))
        leave.delete_leave(context.app, context.actor, int(key), expected_version=version)

    run_in_background(page, remove, lambda _r: page.refresh(), lambda error, _t: page.show_message(error))
