"""Rates, rules and projects: rule sets, hourly rates, projects, leave types, the organisation's own days
and team reviewers. Each tab is a list with its forms; every choice a form offers is read off the GUI
thread before it opens."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import func, or_, select

from console.api import Context, Customer, Group, User
from console.api.ui import (
    ChoiceFilter,
    Column,
    DetailSection,
    Field,
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
    ScheduleAssignment,
    TeamReviewer,
)
from plugins.worktime.service import catalogue, setup
from plugins.worktime.service.common import MANAGE, RATES
from plugins.worktime.ui.common import DAY_KIND_NAMES, NAME, translated
from plugins.worktime.ui.setup_forms import Tabs, form_choices, open_form, remove_dated, with_selected

SEEDED_NAMES = (QT_TRANSLATE_NOOP("worktime", "Office hours 9-18"),
                QT_TRANSLATE_NOOP("worktime", "China Labour Law art. 44"))
POLICIES = [("pay", QT_TRANSLATE_NOOP("worktime", "Pay rest-day overtime")),
            ("time_off", QT_TRANSLATE_NOOP("worktime", "Grant time off in lieu"))]
ORG_KIND_NAMES = {"statutory_holiday": DAY_KIND_NAMES["statutory_holiday"],
                  "day_off": QT_TRANSLATE_NOOP("worktime", "Day off"),
                  "workday": QT_TRANSLATE_NOOP("worktime", "Working day")}
PAIR = 10_000_000  # a team reviewer's key: group id × PAIR + user id


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
                   lambda p: with_selected(p, context, RuleSet, lambda row: rule_set_form(p, context, row)),
                   needs_row=True),
    ]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=RuleSet.id, actions=actions,
                    detail=lambda key: rule_set_html(context, int(key)),
                    count_text=QT_TRANSLATE_NOOP("worktime", "{count} rule sets"), export_name="rule-sets")


def rule_set_html(context: Context, rule_set_id: int) -> str:
    """The detail pane: how the rule set pays each kind of day, and who works under it now."""
    today = date.today()
    with context.app.session() as session:
        row = session.get(RuleSet, rule_set_id)
        if row is None:
            return tr(NAME, "This rule set no longer exists.")
        people = session.scalar(select(func.count(func.distinct(ScheduleAssignment.user_id))).where(
            ScheduleAssignment.rule_set_id == row.id,
            or_(ScheduleAssignment.valid_to.is_(None), ScheduleAssignment.valid_to >= today)))
    rest = (tr(NAME, "time off in lieu, each minute costing ×{m}").format(m=row.in_lieu_multiplier)
            if row.rest_day_policy == "time_off" else f"×{row.rest_multiplier}")
    rules = DetailSection(QT_TRANSLATE_NOOP("worktime", "How time is paid"), [
        (QT_TRANSLATE_NOOP("worktime", "Inside the schedule on a working day"), "×1.00"),
        (QT_TRANSLATE_NOOP("worktime", "Outside it (extended hours)"), f"×{row.extended_multiplier}"),
        (QT_TRANSLATE_NOOP("worktime", "Rest day or day off in lieu"), rest),
        (QT_TRANSLATE_NOOP("worktime", "Statutory holiday day"), f"×{row.holiday_multiplier}"),
        (QT_TRANSLATE_NOOP("worktime", "People under it now"),
         tr(NAME, "everyone without another rule set") if row.is_default else str(people or 0)),
    ])
    return detail_html(f"{row.code} · {translated(row.name)}", [rules], owner=NAME)


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
    title = QT_TRANSLATE_NOOP("worktime", "Edit rule set") if row else QT_TRANSLATE_NOOP("worktime", "New rule set")
    open_form(page, context, title, lambda _l: fields,
          lambda v: catalogue.save_rule_set(context.app, context.actor, rule_set_id=row.id if row else None,
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
        open_form(page, context, QT_TRANSLATE_NOOP("worktime", "Set an hourly rate"), fields,
              lambda v: setup.set_rate(context.app, context.actor, **v), lambda: form_choices(context))

    actions = [PageAction(QT_TRANSLATE_NOOP("worktime", "Set a rate…"), rate_form, permission=RATES, primary=True),
               PageAction(QT_TRANSLATE_NOOP("worktime", "Remove…"), lambda p: remove_dated(p, context, HourlyRate),
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
        title = QT_TRANSLATE_NOOP("worktime", "Edit project") if row else QT_TRANSLATE_NOOP("worktime", "New project")
        open_form(page, context, title, fields,
              lambda v: catalogue.save_project(context.app, context.actor, project_id=row.id if row else None,
                                           expected_version=row.version if row else None, **v),
              lambda: form_choices(context))

    actions = [PageAction(QT_TRANSLATE_NOOP("worktime", "New project…"), project_form, primary=True),
               PageAction(QT_TRANSLATE_NOOP("worktime", "Edit…"),
                          lambda p: with_selected(p, context, Project, lambda row: project_form(p, row)),
                          needs_row=True)]
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
        title = (QT_TRANSLATE_NOOP("worktime", "Edit leave type") if row
                 else QT_TRANSLATE_NOOP("worktime", "New leave type"))
        open_form(page, context, title, lambda _l: fields,
              lambda v: catalogue.save_leave_type(context.app, context.actor, leave_type_id=row.id if row else None,
                                              expected_version=row.version if row else None, **v))

    actions = [PageAction(QT_TRANSLATE_NOOP("worktime", "New leave type…"), leave_type_form, primary=True),
               PageAction(QT_TRANSLATE_NOOP("worktime", "Edit…"),
                          lambda p: with_selected(p, context, LeaveType, lambda row: leave_type_form(p, row)),
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
                run_in_background(page, lambda: catalogue.delete_org_day(context.app, context.actor, row.id,
                                                                     expected_version=row.version),
                                  lambda _r: page.refresh(), lambda error, _t: page.show_message(error))

        with_selected(page, context, OrgDay, go)

    actions = [PageAction(QT_TRANSLATE_NOOP("worktime", "Add a day…"),
                          lambda p: open_form(p, context, QT_TRANSLATE_NOOP("worktime", "Add an organisation day"),
                                              lambda _l: fields,
                                          lambda v: catalogue.save_org_day(context.app, context.actor, **v)),
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
        open_form(page, context, QT_TRANSLATE_NOOP("worktime", "Add a team reviewer"), fields,
              lambda v: catalogue.set_team_reviewer(context.app, context.actor, **v), lambda: form_choices(context))

    def remove(page):
        key = page.current_key()
        if key is None or not confirm(page, tr(NAME, "Remove…"), tr(NAME, "Stop this person reviewing the team?")):
            return
        group_id, user_id = divmod(int(key), PAIR)
        run_in_background(page, lambda: catalogue.set_team_reviewer(context.app, context.actor, group_id=group_id,
                                                                 user_id=user_id, reviews=False),
                          lambda _r: page.refresh(), lambda error, _t: page.show_message(error))

    actions = [PageAction(QT_TRANSLATE_NOOP("worktime", "Add a reviewer…"), add, permission=MANAGE, primary=True),
               PageAction(QT_TRANSLATE_NOOP("worktime", "Remove…"), remove, needs_row=True, permission=MANAGE)]
    key = TeamReviewer.group_id * PAIR + TeamReviewer.user_id
    return ListPage(context, owner=NAME, query=query, columns=columns, key=key.label("pair"), actions=actions,
                    count_text=QT_TRANSLATE_NOOP("worktime", "{count} reviewers"),
                    empty_text=QT_TRANSLATE_NOOP("worktime", "Only each team's lead reviews its timesheets."),
                    export_name="team-reviewers")
