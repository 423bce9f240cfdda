"""Schedules (工作时间表): weekly working windows, and who works which schedule when (assignments)."""

from __future__ import annotations

import json
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import func, or_, select

from console.api import Context, User
from console.api.ui import ChoiceFilter, Column, DetailSection, Field, ListPage, PageAction, detail_html, tr
from plugins.worktime.models import RuleSet, Schedule, ScheduleAssignment
from plugins.worktime.service import setup
from plugins.worktime.ui.common import NAME, WEEKDAY_SHORT, translated
from plugins.worktime.ui.entries_page import import_file
from plugins.worktime.ui.setup_forms import Tabs, form_choices, open_form, remove_dated, with_selected

DAY_KEYS = setup.DAY_KEYS


def week_text(week_json: str) -> str:
    """A schedule's week in one line: ``Mon–Fri 09:00-12:00, 13:00-18:00``."""
    week = json.loads(week_json or "{}")
    groups: list[tuple[list[int], str]] = []
    for i, day in enumerate(DAY_KEYS):
        text = setup.format_windows(week.get(day) or [])
        if not text:
            continue
        if groups and groups[-1][1] == text and groups[-1][0][-1] == i - 1:
            groups[-1][0].append(i)
        else:
            groups.append(([i], text))
    names = lambda days: tr(NAME, WEEKDAY_SHORT[days[0]]) + (  # noqa: E731
        f"–{tr(NAME, WEEKDAY_SHORT[days[-1]])}" if len(days) > 1 else "")
    return "; ".join(f"{names(days)} {text}" for days, text in groups)


def schedules_page(context: Context) -> Tabs:
    """Schedules and assignments."""
    tabs = Tabs()
    tabs.addTab(_schedules(context), tr(NAME, "Schedules"))
    tabs.addTab(_assignments(context), tr(NAME, "Assignments"))
    return tabs


def _schedules(context: Context) -> ListPage:
    assigned = (select(func.count(func.distinct(ScheduleAssignment.user_id)))
                .where(ScheduleAssignment.schedule_id == Schedule.id,
                       or_(ScheduleAssignment.valid_to.is_(None), ScheduleAssignment.valid_to >= date.today()))
                .scalar_subquery())
    query = select(Schedule.name, Schedule.week, assigned.label("people"), Schedule.is_default, Schedule.note)
    columns = [
        Column(QT_TRANSLATE_NOOP("worktime", "Schedule"), format=translated, searchable=True, width=32),
        Column(QT_TRANSLATE_NOOP("worktime", "Working windows"), format=week_text, sortable=False, width=44),
        Column(QT_TRANSLATE_NOOP("worktime", "People"), align="right", sortable=False, width=7),
        Column(QT_TRANSLATE_NOOP("worktime", "Default"), align="center", width=7),
        Column(QT_TRANSLATE_NOOP("worktime", "Note"), searchable=True, width=30),
    ]
    actions = [
        PageAction(QT_TRANSLATE_NOOP("worktime", "New schedule…"), lambda p: schedule_form(p, context), primary=True),
        PageAction(QT_TRANSLATE_NOOP("worktime", "Edit…"),
                   lambda p: with_selected(p, context, Schedule, lambda row: schedule_form(p, context, row)),
                   needs_row=True),
        PageAction(QT_TRANSLATE_NOOP("worktime", "Import schedules…"), lambda p: import_file(p, context, "schedules")),
        PageAction(QT_TRANSLATE_NOOP("worktime", "Import assignments…"),
                   lambda p: import_file(p, context, "assignments")),
    ]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=Schedule.id, actions=actions,
                    detail=lambda key: schedule_html(context, int(key)),
                    count_text=QT_TRANSLATE_NOOP("worktime", "{count} schedules"), export_name="schedules")


def schedule_html(context: Context, schedule_id: int) -> str:
    """The detail pane: a schedule's windows day by day and who works it now (off the GUI thread)."""
    today = date.today()
    with context.app.session() as session:
        row = session.get(Schedule, schedule_id)
        if row is None:
            return tr(NAME, "This schedule no longer exists.")
        people = session.execute(select(User.display_name, ScheduleAssignment.valid_from)
                                 .join(User, User.id == ScheduleAssignment.user_id)
                                 .where(ScheduleAssignment.schedule_id == row.id,
                                        or_(ScheduleAssignment.valid_to.is_(None),
                                            ScheduleAssignment.valid_to >= today))
                                 .order_by(User.display_name).limit(200)).all()
    week = json.loads(row.week)
    days = DetailSection(QT_TRANSLATE_NOOP("worktime", "Working windows"), [
        (WEEKDAY_SHORT[i], setup.format_windows(week.get(day) or []) or tr(NAME, "Day off"))
        for i, day in enumerate(DAY_KEYS)])
    who = DetailSection(QT_TRANSLATE_NOOP("worktime", "Works it now"),
                        [(name, tr(NAME, "since {day}").format(day=since)) for name, since in people])
    return detail_html(translated(row.name), [days, who], owner=NAME)


def schedule_form(page: ListPage, context: Context, row: Schedule | None = None) -> None:
    """Create or edit a schedule: one line of windows per weekday."""
    week = json.loads(row.week) if row else {}
    fields = [Field("name", QT_TRANSLATE_NOOP("worktime", "Name"), required=True, default=row.name if row else "")]
    fields += [Field(day, WEEKDAY_SHORT[i], default=setup.format_windows(week.get(day) or []),
                     help=QT_TRANSLATE_NOOP("worktime", "Working windows, e.g. 09:00-12:00, 13:00-18:00; "
                                                        "empty for a day off."))
               for i, day in enumerate(DAY_KEYS)]
    fields += [Field("is_default", QT_TRANSLATE_NOOP("worktime", "Default for people without a schedule"), "bool",
                     default=bool(row and row.is_default)),
               Field("note", QT_TRANSLATE_NOOP("worktime", "Note"), "multiline", default=row.note if row else "")]

    def save(values):
        windows = {day: setup.parse_windows(values.pop(day), day) for day in DAY_KEYS}
        return setup.save_schedule(context.app, context.actor, week=windows, schedule_id=row.id if row else None,
                                   expected_version=row.version if row else None, **values)

    title = QT_TRANSLATE_NOOP("worktime", "Edit schedule") if row else QT_TRANSLATE_NOOP("worktime", "New schedule")
    open_form(page, context, title, lambda _l: fields, save)


def _assignments(context: Context) -> ListPage:
    query = (select(User.display_name, Schedule.name, RuleSet.name, ScheduleAssignment.valid_from,
                    ScheduleAssignment.valid_to)
             .join(User, User.id == ScheduleAssignment.user_id)
             .join(Schedule, Schedule.id == ScheduleAssignment.schedule_id)
             .outerjoin(RuleSet, RuleSet.id == ScheduleAssignment.rule_set_id))
    columns = [
        Column(QT_TRANSLATE_NOOP("worktime", "Person"), searchable=True, width=20),
        Column(QT_TRANSLATE_NOOP("worktime", "Schedule"), format=translated, searchable=True, width=22),
        Column(QT_TRANSLATE_NOOP("worktime", "Rule set"), format=lambda v: translated(v) or tr(NAME, "Default"),
               nullable=True, width=22),
        Column(QT_TRANSLATE_NOOP("worktime", "From"), width=10),
        Column(QT_TRANSLATE_NOOP("worktime", "To"), nullable=True, width=10),
    ]
    current = or_(ScheduleAssignment.valid_to.is_(None), ScheduleAssignment.valid_to >= date.today())
    filters = [ChoiceFilter(QT_TRANSLATE_NOOP("worktime", "Validity"), [
        (QT_TRANSLATE_NOOP("worktime", "Current and future"), current),
        (QT_TRANSLATE_NOOP("worktime", "All, also past"), None)])]
    actions = [
        PageAction(QT_TRANSLATE_NOOP("worktime", "Assign…"), lambda p: assignment_form(p, context), primary=True),
        PageAction(QT_TRANSLATE_NOOP("worktime", "Remove…"), lambda p: remove_dated(p, context, ScheduleAssignment),
                   needs_row=True),
    ]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=ScheduleAssignment.id,
                    sort=(0, Qt.SortOrder.AscendingOrder), filters=filters, actions=actions,
                    count_text=QT_TRANSLATE_NOOP("worktime", "{count} assignments"), export_name="assignments")


def assignment_form(page: ListPage, context: Context) -> None:
    """Let someone work a schedule from a date (the assignment before it ends the day before)."""
    def fields(choices):
        return [Field("user_id", QT_TRANSLATE_NOOP("worktime", "Person"), "choice", choices["people"], required=True),
                Field("schedule_id", QT_TRANSLATE_NOOP("worktime", "Schedule"), "choice", choices["schedules"],
                      required=True),
                Field("rule_set_id", QT_TRANSLATE_NOOP("worktime", "Rule set"), "choice", choices["rule_sets"],
                      help=QT_TRANSLATE_NOOP("worktime", "Empty: the default rule set.")),
                Field("valid_from", QT_TRANSLATE_NOOP("worktime", "From"), "date"),
                Field("open_ended", QT_TRANSLATE_NOOP("worktime", "Until further notice"), "bool", default=True),
                Field("valid_to", QT_TRANSLATE_NOOP("worktime", "To"), "date")]

    def save(values):
        valid_to = None if values.pop("open_ended") else values.pop("valid_to")
        values.pop("valid_to", None)
        return setup.assign_schedule(context.app, context.actor, valid_to=valid_to, **values)

    open_form(page, context, QT_TRANSLATE_NOOP("worktime", "Assign a schedule"), fields, save,
              lambda: form_choices(context))
