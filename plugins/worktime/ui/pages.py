"""The time-entry list: own or everyone's entries, by activity; record time."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import select

from console.api import Context, User
from console.api.ui import ChoiceFilter, Column, Field, FormDialog, ListPage, PageAction, tr, user_zone
from plugins.worktime import service
from plugins.worktime.models import ACTIVITY_KINDS, TimeEntry

NAME = "worktime"
ACTIVITY_NAMES = {
    "incident": QT_TRANSLATE_NOOP("worktime", "Incident"), "work_order": QT_TRANSLATE_NOOP("worktime", "Work order"),
    "project": QT_TRANSLATE_NOOP("worktime", "Project"), "meeting": QT_TRANSLATE_NOOP("worktime", "Meeting"),
    "training": QT_TRANSLATE_NOOP("worktime", "Training"), "travel": QT_TRANSLATE_NOOP("worktime", "Travel"),
}


def hours(minutes: int | None) -> str:
    """Minutes as ``h:mm``."""
    return "" if minutes is None else f"{minutes // 60}:{minutes % 60:02d}"


def time_entries_page(context: Context) -> ListPage:
    """Time entries, newest first: the actor's own by default, everyone's for those who may see them."""
    query = (select(User.display_name, TimeEntry.starts_at, TimeEntry.ends_at, TimeEntry.minutes,
                    TimeEntry.activity_kind, TimeEntry.activity_ref, TimeEntry.note)
             .join(User, User.id == TimeEntry.user_id))
    columns = [
        Column(QT_TRANSLATE_NOOP("worktime", "Person"), searchable=True, width=16),
        Column(QT_TRANSLATE_NOOP("worktime", "Start"), width=16),
        Column(QT_TRANSLATE_NOOP("worktime", "End"), width=16),
        Column(QT_TRANSLATE_NOOP("worktime", "Hours"), format=hours, align="right", width=8),
        Column(QT_TRANSLATE_NOOP("worktime", "Activity"),
               format=lambda kind: tr(NAME, ACTIVITY_NAMES.get(kind, kind)), width=12),
        Column(QT_TRANSLATE_NOOP("worktime", "Reference"), searchable=True, width=18),
        Column(QT_TRANSLATE_NOOP("worktime", "Note"), searchable=True, width=30),
    ]
    mine = TimeEntry.user_id == context.actor.user_id
    owner_options = [(QT_TRANSLATE_NOOP("worktime", "My entries"), mine)]
    if context.actor.can(service.EDIT_OTHERS):
        owner_options.append((QT_TRANSLATE_NOOP("worktime", "Everyone's entries"), None))
    filters = [
        ChoiceFilter(QT_TRANSLATE_NOOP("worktime", "Whose"), owner_options),
        ChoiceFilter(QT_TRANSLATE_NOOP("worktime", "Activity"),
                     [(QT_TRANSLATE_NOOP("worktime", "Any activity"), None)]
                     + [(ACTIVITY_NAMES[k], TimeEntry.activity_kind == k) for k in ACTIVITY_KINDS]),
    ]
    return ListPage(
        context, owner=NAME, query=query, columns=columns, key=TimeEntry.id,
        sort=(1, Qt.SortOrder.DescendingOrder), filters=filters,
        actions=[PageAction(QT_TRANSLATE_NOOP("worktime", "Record time…"), lambda p: record_time(p, context),
                            permission=service.EDIT, primary=True)],
        count_text=QT_TRANSLATE_NOOP("worktime", "{count} entries"),
        empty_text=QT_TRANSLATE_NOOP("worktime", "No time recorded here yet."), export_name="time-entries")


def record_time(page: ListPage, context: Context) -> None:
    """The record-time form for the actor's own time, prefilled with the last full hour."""
    zone = user_zone(context)
    end = datetime.now(zone).replace(minute=0, second=0, microsecond=0)
    fields = [
        Field("starts_at", QT_TRANSLATE_NOOP("worktime", "Start"), "datetime", default=end - timedelta(hours=1)),
        Field("ends_at", QT_TRANSLATE_NOOP("worktime", "End"), "datetime", default=end),
        Field("activity_kind", QT_TRANSLATE_NOOP("worktime", "Activity"), "choice",
              [(k, ACTIVITY_NAMES[k]) for k in ACTIVITY_KINDS], required=True),
        Field("activity_ref", QT_TRANSLATE_NOOP("worktime", "Reference"),
              help=QT_TRANSLATE_NOOP("worktime", "The incident, work order or project number.")),
        Field("note", QT_TRANSLATE_NOOP("worktime", "Note"), "multiline"),
    ]
    dialog = FormDialog(page, tr(NAME, "Record time"), fields,
                        lambda values: service.add_entry(context.app, context.actor, **values), owner=NAME, zone=zone)
    dialog.saved.connect(lambda _id: page.refresh())
    dialog.open()
