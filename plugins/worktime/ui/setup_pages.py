"""Set-up pages: schedules and who works which one when; rule sets, hourly rates, projects, leave types,
the organisation's own days and team reviewers. Each tab is a list with its forms; every choice a form
offers is read off the GUI thread before it opens."""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QTabWidget
from sqlalchemy import func, or_, select

from console.api import Context, Customer, Group, User
from console.api.ui import (
    Column,
    ChoiceFilter,
    DetailSection,
    Field,
    FormDialog,
    ListPage,
    PageAction,
    confirm,
    detail_html,
    run_in_background,
    tr,
)
from plugins.worktime.models import (
    ORG_DAY_KINDS,
    HourlyRate,
    LeaveType,
    OrgDay,
    Project,
    RuleSet,
    Schedule,
    ScheduleAssignment,
    TeamReviewer,
)
from plugins.worktime.service import queries, setup
from plugins.worktime.service.common import MANAGE, RATES
from plugins.worktime.ui.common import DAY_KIND_NAMES, NAME, WEEKDAY_SHORT, translated
from plugins.worktime.ui.entries_page import import_file

SEEDED_NAMES = (QT_TRANSLATE_NOOP("worktime", "Office hours 9-18"),
                QT_TRANSLATE_NOOP("worktime", "China Labour Law art. 44"))
POLICIES = [("pay", QT_TRANSLATE_NOOP("worktime", "Pay rest-day overtime")),
            ("time_off", QT_TRANSLATE_NOOP("worktime", "Grant time off in lieu"))]
ORG_KIND_NAMES = {"statutory_holiday": DAY_KIND_NAMES["statutory_holiday"],
                  "day_off": QT_TRANSLATE_NOOP("worktime", "Day off"),
                  "workday": QT_TRANSLATE_NOOP("worktime", "Working day")}
DAY_KEYS = setup.DAY_KEYS
PAIR = 10_000_000  # a team reviewer's key: group id × PAIR + user id


class Tabs(QTabWidget):
    """Tabs of list pages; it answers ``loading`` and ``refresh`` for the shell."""

    def loading(self) -> bool:
        """True while the shown tab is loading."""
        page = self.currentWidget()
        return bool(page is not None and page.loading())

    def refresh(self) -> None:
        """Reload the shown tab."""
        page = self.currentWidget()
        if page is not None:
            page.refresh()


def _form(page: ListPage, context: Context, title: str, fields: Callable[[Any], list[Field]],
          save: Callable[[dict], Any], load: Callable[[], Any] = lambda: None,
          values: Callable[[Any], dict] | None = None) -> None:
    """Read what the form offers off the GUI thread, then open it; the list reloads after a save."""
    def show(loaded):
        dialog = FormDialog(page, tr(NAME, title), fields(loaded), save, owner=NAME,
                            values=values(loaded) if values else None)
        dialog.saved.connect(lambda _r: page.refresh())
        dialog.open()

    run_in_background(page, load, show, lambda error, _t: page.show_message(error))


def _row(context: Context, model, key):
    with context.app.session() as session:
        return session.get(model, int(key))


def _selected(page: ListPage, context: Context, model, then: Callable[[Any], None]) -> None:
    key = page.current_key()
    if key is not None:
        run_in_background(page, lambda: _row(context, model, key), then, lambda error, _t: page.show_message(error))


# -- schedules -----------------------------------------------------------------------------------------
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
                   lambda p: _selected(p, context, Schedule, lambda row: schedule_form(p, context, row)),
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

    _form(page, context, QT_TRANSLATE_NOOP("worktime", "Edit schedule") if row else QT_TRANSLATE_NOOP("worktime", "New schedule"), lambda _l: fields, save)


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
        PageAction(QT_TRANSLATE_NOOP("worktime", "Remove…"), lambda p: _remove_dated(p, context, ScheduleAssignment),
                   needs_row=True),
    ]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=ScheduleAssignment.id,
                    sort=(0, Qt.SortOrder.AscendingOrder), filters=filters, actions=actions,
                    count_text=QT_TRANSLATE_NOOP("worktime", "{count} assignments"), export_name="assignments")


def _choices(context: Context) -> dict[str, list[tuple[Any, str]]]:
    """The people, schedules and rule sets a form may offer."""
    with context.app.session() as session:
        schedules = [(i, translated(n)) for i, n in session.execute(select(Schedule.id, Schedule.name)
                                                                     .order_by(Schedule.name))]
        rule_sets = [(i, translated(n)) for i, n in session.execute(select(RuleSet.id, RuleSet.name)
                                                                     .order_by(RuleSet.name))]
        customers = [tuple(r) for r in session.execute(select(Customer.id, Customer.name)
                                                       .order_by(Customer.name).limit(2000))]
        teams = [tuple(r) for r in session.execute(select(Group.id, Group.name).order_by(Group.name))]
    return {"people": queries.people(context.app, context.actor), "schedules": schedules, "rule_sets": rule_sets,
            "customers": customers, "teams": teams}


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

    _form(page, context, QT_TRANSLATE_NOOP("worktime", "Assign a schedule"), fields, save, lambda: _choices(context))


def _remove_dated(page: ListPage, context: Context, model) -> None:
    def remove(row):
        if row is not None and confirm(page, tr(NAME, "Remove…"), tr(NAME, "Remove this row? Open time of its dates "
                                                                        "is split again.")):
            run_in_background(page, lambda: setup.delete_dated(context.app, context.actor, model, row.id,
                                                               expected_version=row.version),
                              lambda _r: page.refresh(), lambda error, _t: page.show_message(error))

    _selected(page, context, model, remove)


# -- rates, rules and projects -------------------------------------------------------------------------------
def setup_page(context: Context) -> Tabs:
    """Rule sets, hourly rates (with ``worktime.rates``), projects, leave types, organisation days, reviewers."""
    tabs = Tabs()
    tabs.addTab(_rule_sets(context), tr(NAME, "Rule sets"))
    if context.actor.can(RATES):
        tabs.addTab(_rates(context), tr(NAME, "Hourly rates"))
    tabs.addTab(_projects(context), tr(NAME, "Projects"))
    tabs.addTab(_leave_types(context), tr(NAME, "Leave types"))
    tabs.addTab(_org_days(context), tr(NAME, "Organisation days"))
    tabs.addTab(_reviewers(context), tr(NAME, "Team reviewers"))
    return tabs


def _rule_sets(context: Context) -> ListPage:
    query = select(RuleSet.code, RuleSet.name, RuleSet.extended_multiplier, RuleSet.rest_multiplier,
                   RuleSet.holiday_multiplier, RuleSet.rest_day_policy, RuleSet.in_lieu_multiplier, RuleSet.is_default)
    columns = [
        Column(QT_TRANSLATE_NOOP("worktime", "Code"), searchable=True, width=12),
        Column(QT_TRANSLATE_NOOP("worktime", "Name"), format=translated, searchable=True, width=34),
        Column(QT_TRANSLATE_NOOP("worktime", "Extended hours ×"), align="right", width=17),
        Column(QT_TRANSLATE_NOOP("worktime", "Rest day ×"), align="right", width=12),
        Column(QT_TRANSLATE_NOOP("worktime", "Statutory holiday ×"), align="right", width=19),
        Column(QT_TRANSLATE_NOOP("worktime", "Rest days"), format=lambda v: tr(NAME, dict(POLICIES)[v]), width=22),
        Column(QT_TRANSLATE_NOOP("worktime", "Time off ×"), align="right", width=10),
        Column(QT_TRANSLATE_NOOP("worktime", "Default"), align="center", width=7),
    ]
    actions = [
        PageAction(QT_TRANSLATE_NOOP("worktime", "New rule set…"), lambda p: rule_set_form(p, context), primary=True),
        PageAction(QT_TRANSLATE_NOOP("worktime", "Edit…"),
                   lambda p: _selected(p, context, RuleSet, lambda row: rule_set_form(p, context, row)),
                   needs_row=True),
    ]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=RuleSet.id, actions=actions,
                    count_text=QT_TRANSLATE_NOOP("worktime", "{count} rule sets"), export_name="rule-sets")


def rule_set_form(page: ListPage, context: Context, row: RuleSet | None = None) -> None:
    """Create or edit a rule set: multipliers and the rest-day policy."""
    current = {"code": row.code, "name": row.name, "extended_multiplier": row.extended_multiplier,
               "rest_multiplier": row.rest_multiplier, "holiday_multiplier": row.holiday_multiplier,
               "in_lieu_multiplier": row.in_lieu_multiplier, "rest_day_policy": row.rest_day_policy,
               "is_default": row.is_default} if row else {
        "extended_multiplier": "1.50", "rest_multiplier": "2.00", "holiday_multiplier": "3.00",
        "in_lieu_multiplier": "1.00", "rest_day_policy": "pay"}
    fields = [Field("code", QT_TRANSLATE_NOOP("worktime", "Code"), required=True),
              Field("name", QT_TRANSLATE_NOOP("worktime", "Name"), required=True),
              Field("extended_multiplier", QT_TRANSLATE_NOOP("worktime", "Extended hours ×"), "decimal", required=True),
              Field("rest_multiplier", QT_TRANSLATE_NOOP("worktime", "Rest day ×"), "decimal", required=True),
              Field("holiday_multiplier", QT_TRANSLATE_NOOP("worktime", "Statutory holiday ×"), "decimal",
                    required=True),
              Field("rest_day_policy", QT_TRANSLATE_NOOP("worktime", "Rest days"), "choice", POLICIES, required=True),
              Field("in_lieu_multiplier", QT_TRANSLATE_NOOP("worktime", "Time off ×"), "decimal", required=True,
                    help=QT_TRANSLATE_NOOP("worktime", "What a rest-day minute compensated with time off costs.")),
              Field("is_default", QT_TRANSLATE_NOOP("worktime", "Default"), "bool")]
    _form(page, context, QT_TRANSLATE_NOOP("worktime", "Edit rule set") if row else QT_TRANSLATE_NOOP("worktime", "New rule set"), lambda _l: fields,
          lambda v: setup.save_rule_set(context.app, context.actor, rule_set_id=row.id if row else None,
                                        expected_version=row.version if row else None, **v),
          values=lambda _l: current)


def _rates(context: Context) -> ListPage:
    query = (select(User.display_name, HourlyRate.valid_from, HourlyRate.valid_to, HourlyRate.rate)
             .join(User, User.id == HourlyRate.user_id))
    columns = [Column(QT_TRANSLATE_NOOP("worktime", "Person"), searchable=True, width=22),
               Column(QT_TRANSLATE_NOOP("worktime", "From"), width=10),
               Column(QT_TRANSLATE_NOOP("worktime", "To"), nullable=True, width=10),
               Column(QT_TRANSLATE_NOOP("worktime", "Hourly rate"), align="right", width=12)]
    current = or_(HourlyRate.valid_to.is_(None), HourlyRate.valid_to >= date.today())
    filters = [ChoiceFilter(QT_TRANSLATE_NOOP("worktime", "Validity"), [
        (QT_TRANSLATE_NOOP("worktime", "Current and future"), current),
        (QT_TRANSLATE_NOOP("worktime", "All, also past"), None)])]

    def rate_form(page):
        fields = lambda c: [  # noqa: E731
            Field("user_id", QT_TRANSLATE_NOOP("worktime", "Person"), "choice", c["people"], required=True),
            Field("valid_from", QT_TRANSLATE_NOOP("worktime", "From"), "date"),
            Field("rate", QT_TRANSLATE_NOOP("worktime", "Hourly rate"), "decimal", required=True)]
        _form(page, context, QT_TRANSLATE_NOOP("worktime", "Set an hourly rate"), fields,
              lambda v: setup.set_rate(context.app, context.actor, **v), lambda: _choices(context))

    actions = [PageAction(QT_TRANSLATE_NOOP("worktime", "Set a rate…"), rate_form, permission=RATES, primary=True),
               PageAction(QT_TRANSLATE_NOOP("worktime", "Remove…"), lambda p: _remove_dated(p, context, HourlyRate),
                          needs_row=True, permission=RATES)]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=HourlyRate.id, filters=filters,
                    actions=actions, count_text=QT_TRANSLATE_NOOP("worktime", "{count} rates"), export_name="rates")


def _projects(context: Context) -> ListPage:
    query = (select(Project.code, Project.name, Customer.name, Project.active)
             .outerjoin(Customer, Customer.id == Project.customer_id))
    columns = [Column(QT_TRANSLATE_NOOP("worktime", "Code"), searchable=True, width=18),
               Column(QT_TRANSLATE_NOOP("worktime", "Name"), searchable=True, width=30),
               Column(QT_TRANSLATE_NOOP("worktime", "Customer"), searchable=True, nullable=True, width=28),
               Column(QT_TRANSLATE_NOOP("worktime", "Active"), align="center", width=6)]
    filters = [ChoiceFilter(QT_TRANSLATE_NOOP("worktime", "Projects"), [
        (QT_TRANSLATE_NOOP("worktime", "Open projects"), Project.active.is_(True)),
        (QT_TRANSLATE_NOOP("worktime", "All projects"), None)])]

    def project_form(page, row=None):
        fields = lambda c: [  # noqa: E731
            Field("code", QT_TRANSLATE_NOOP("worktime", "Code"), required=True, default=row.code if row else ""),
            Field("name", QT_TRANSLATE_NOOP("worktime", "Name"), required=True, default=row.name if row else ""),
            Field("customer_id", QT_TRANSLATE_NOOP("worktime", "Customer"), "choice", c["customers"],
                  default=row.customer_id if row else None),
            Field("active", QT_TRANSLATE_NOOP("worktime", "Active"), "bool", default=row.active if row else True)]
        _form(page, context, QT_TRANSLATE_NOOP("worktime", "Edit project") if row else QT_TRANSLATE_NOOP("worktime", "New project"), fields,
              lambda v: setup.save_project(context.app, context.actor, project_id=row.id if row else None,
                                           expected_version=row.version if row else None, **v),
              lambda: _choices(context))

    actions = [PageAction(QT_TRANSLATE_NOOP("worktime", "New project…"), project_form, primary=True),
               PageAction(QT_TRANSLATE_NOOP("worktime", "Edit…"),
                          lambda p: _selected(p, context, Project, lambda row: project_form(p, row)), needs_row=True)]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=Project.id, filters=filters,
                    actions=actions, count_text=QT_TRANSLATE_NOOP("worktime", "{count} projects"),
                    export_name="projects")


def _leave_types(context: Context) -> ListPage:
    query = select(LeaveType.code, LeaveType.name, LeaveType.paid, LeaveType.uses_in_lieu)
    columns = [Column(QT_TRANSLATE_NOOP("worktime", "Code"), width=14),
               Column(QT_TRANSLATE_NOOP("worktime", "Name"), format=translated, searchable=True, width=24),
               Column(QT_TRANSLATE_NOOP("worktime", "Paid"), align="center", width=6),
               Column(QT_TRANSLATE_NOOP("worktime", "Uses time off in lieu"), align="center", width=16)]

    def leave_type_form(page, row=None):
        fields = [Field("code", QT_TRANSLATE_NOOP("worktime", "Code"), required=True, default=row.code if row else ""),
                  Field("name", QT_TRANSLATE_NOOP("worktime", "Name"), required=True, default=row.name if row else ""),
                  Field("paid", QT_TRANSLATE_NOOP("worktime", "Paid"), "bool", default=row.paid if row else True),
                  Field("uses_in_lieu", QT_TRANSLATE_NOOP("worktime", "Uses time off in lieu"), "bool",
                        default=row.uses_in_lieu if row else False)]
        _form(page, context, QT_TRANSLATE_NOOP("worktime", "Edit leave type") if row else QT_TRANSLATE_NOOP("worktime", "New leave type"), lambda _l: fields,
              lambda v: setup.save_leave_type(context.app, context.actor, leave_type_id=row.id if row else None,
                                              expected_version=row.version if row else None, **v))

    actions = [PageAction(QT_TRANSLATE_NOOP("worktime", "New leave type…"), leave_type_form, primary=True),
               PageAction(QT_TRANSLATE_NOOP("worktime", "Edit…"),
                          lambda p: _selected(p, context, LeaveType, lambda row: leave_type_form(p, row)),
                          needs_row=True)]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=LeaveType.id, actions=actions,
                    count_text=QT_TRANSLATE_NOOP("worktime", "{count} leave types"), export_name="leave-types")


def _org_days(context: Context) -> ListPage:
    query = select(OrgDay.day, OrgDay.kind, OrgDay.name)
    columns = [Column(QT_TRANSLATE_NOOP("worktime", "Date"), width=12),
               Column(QT_TRANSLATE_NOOP("worktime", "Kind"), format=lambda v: tr(NAME, ORG_KIND_NAMES.get(v, v)),
                      width=18),
               Column(QT_TRANSLATE_NOOP("worktime", "Name"), searchable=True, width=30)]
    fields = [Field("day", QT_TRANSLATE_NOOP("worktime", "Date"), "date"),
              Field("kind", QT_TRANSLATE_NOOP("worktime", "Kind"), "choice",
                    [(k, ORG_KIND_NAMES[k]) for k in ORG_DAY_KINDS], required=True),
              Field("name", QT_TRANSLATE_NOOP("worktime", "Name"), required=True)]

    def remove(page):
        def go(row):
            if row is not None and confirm(page, tr(NAME, "Remove…"), tr(NAME, "Remove this day?")):
                run_in_background(page, lambda: setup.delete_org_day(context.app, context.actor, row.id,
                                                                     expected_version=row.version),
                                  lambda _r: page.refresh(), lambda error, _t: page.show_message(error))

        _selected(page, context, OrgDay, go)

    actions = [PageAction(QT_TRANSLATE_NOOP("worktime", "Add a day…"),
                          lambda p: _form(p, context, QT_TRANSLATE_NOOP("worktime", "Add an organisation day"), lambda _l: fields,
                                          lambda v: setup.save_org_day(context.app, context.actor, **v)),
                          primary=True),
               PageAction(QT_TRANSLATE_NOOP("worktime", "Remove…"), remove, needs_row=True)]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=OrgDay.id,
                    sort=(0, Qt.SortOrder.DescendingOrder), actions=actions,
                    count_text=QT_TRANSLATE_NOOP("worktime", "{count} days"),
                    empty_text=QT_TRANSLATE_NOOP("worktime", "The holiday calendar is used as it is: no days of "
                                                             "the organisation's own."), export_name="org-days")


def _reviewers(context: Context) -> ListPage:
    lead = User.__table__.alias("lead")
    query = (select(Group.name, lead.c.display_name, User.display_name)
             .select_from(TeamReviewer).join(Group, Group.id == TeamReviewer.group_id)
             .join(User, User.id == TeamReviewer.user_id).outerjoin(lead, lead.c.id == Group.lead_id))
    columns = [Column(QT_TRANSLATE_NOOP("worktime", "Team"), searchable=True, width=28),
               Column(QT_TRANSLATE_NOOP("worktime", "Team lead"), nullable=True, width=20),
               Column(QT_TRANSLATE_NOOP("worktime", "Reviewer"), searchable=True, width=20)]

    def add(page):
        fields = lambda c: [  # noqa: E731
            Field("group_id", QT_TRANSLATE_NOOP("worktime", "Team"), "choice", c["teams"], required=True),
            Field("user_id", QT_TRANSLATE_NOOP("worktime", "Reviewer"), "choice", c["people"], required=True)]
        _form(page, context, QT_TRANSLATE_NOOP("worktime", "Add a team reviewer"), fields,
              lambda v: setup.set_team_reviewer(context.app, context.actor, **v), lambda: _choices(context))

    def remove(page):
        key = page.current_key()
        if key is None or not confirm(page, tr(NAME, "Remove…"), tr(NAME, "Stop this person reviewing the team?")):
            return
        group_id, user_id = divmod(int(key), PAIR)
        run_in_background(page, lambda: setup.set_team_reviewer(context.app, context.actor, group_id=group_id,
                                                                 user_id=user_id, reviews=False),
                          lambda _r: page.refresh(), lambda error, _t: page.show_message(error))

    actions = [PageAction(QT_TRANSLATE_NOOP("worktime", "Add a reviewer…"), add, permission=MANAGE, primary=True),
               PageAction(QT_TRANSLATE_NOOP("worktime", "Remove…"), remove, needs_row=True, permission=MANAGE)]
    key = TeamReviewer.group_id * PAIR + TeamReviewer.user_id
    return ListPage(context, owner=NAME, query=query, columns=columns, key=key.label("pair"), actions=actions,
                    count_text=QT_TRANSLATE_NOOP("worktime", "{count} reviewers"),
                    empty_text=QT_TRANSLATE_NOOP("worktime", "Only each team's lead reviews its timesheets."),
                    export_name="team-reviewers")

