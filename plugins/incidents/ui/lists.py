"""The incident lists: my queue, my team's queue, all incidents, and clocks breaching soon.

Every list is a lazy ``ListPage`` over one ``select()``. On "All incidents" (a million rows) only
columns with an index are sortable (number, priority, status, opened) and every drop-down filter has
an index that also serves the default order.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import aliased

from console.api import Context, Customer, Group, GroupMember, User, get_setting, utcnow
from console.api.ui import (
    ChoiceFilter,
    Column,
    DetailSection,
    ListPage,
    PageAction,
    detail_html,
    display_text,
    run_in_background,
    tr,
    user_zone,
)
from plugins.incidents import catalog, queries, records
from plugins.incidents.models import DONE_STATUSES, OPEN_STATUSES, PRIORITIES, STATUSES, Category, Clock, Incident, SlaDefinition
from plugins.incidents.rules import EDIT, IMPORT
from plugins.incidents.ui.common import Deferred, add_saved_views, keyboard, open_incident
from plugins.incidents.ui.names import (
    CLOCK_STATE,
    NAME,
    PRIORITY_COLOURS,
    REASON,
    STATE_COLOURS,
    STATUS,
    duration,
    name,
    named,
    stored_sentence,
)


def _incident_query():
    assignee, group = aliased(User), aliased(Group)
    return (select(Incident.number, Incident.title, Incident.priority, Incident.status, Customer.name, Category.name,
                   assignee.display_name, group.name, Incident.opened_at, Incident.due_at, Incident.sla_breached)
            .join(Customer, Customer.id == Incident.customer_id).join(Category, Category.id == Incident.category_id)
            .outerjoin(assignee, assignee.id == Incident.assignee_id).outerjoin(group, group.id == Incident.group_id))


def _columns(large: bool) -> list[Column]:
    """The incident columns; on a large list only indexed columns sort."""
    small = not large
    return [
        Column(QT_TRANSLATE_NOOP("incidents", "Number"), searchable=True, width=17),
        Column(QT_TRANSLATE_NOOP("incidents", "Title"), searchable=True, width=34, sortable=small),
        Column(QT_TRANSLATE_NOOP("incidents", "Priority"), colour=PRIORITY_COLOURS.get, align="center", width=8),
        Column(QT_TRANSLATE_NOOP("incidents", "Status"), format=named(STATUS), width=10),
        Column(QT_TRANSLATE_NOOP("incidents", "Customer"), searchable=True, width=24, sortable=small),
        Column(QT_TRANSLATE_NOOP("incidents", "Category"), width=14, sortable=small),
        Column(QT_TRANSLATE_NOOP("incidents", "Assignee"), nullable=True, width=14, sortable=small),
        Column(QT_TRANSLATE_NOOP("incidents", "Group"), nullable=True, width=18, sortable=small),
        Column(QT_TRANSLATE_NOOP("incidents", "Opened"), width=15),
        Column(QT_TRANSLATE_NOOP("incidents", "Due"), width=15, sortable=small),
        Column(QT_TRANSLATE_NOOP("incidents", "SLA"), format=lambda v: tr(NAME, "Breached") if v else "",
               colour=lambda v: STATE_COLOURS["breached"] if v else None, width=8, sortable=small),
    ]


def incident_detail(context: Context, number: str) -> str:
    """The detail pane: the incident's facts, its clocks as last computed and its latest history."""
    zone = user_zone(context)
    with context.app.session() as session:
        try:
            incident = queries.incident_view(session, number)
        except Exception:  # noqa: BLE001 - deleted meanwhile
            return tr(NAME, "This incident no longer exists.")
        clocks = queries.stored_clocks(session, incident.id)
        recent = queries.history(session, incident.id)[-6:]
    status = name(STATUS, incident.status) + (f" · {name(REASON, incident.pending_reason)}"
                                              if incident.pending_reason else "")
    facts = DetailSection(QT_TRANSLATE_NOOP("incidents", "Incident"), [
        (QT_TRANSLATE_NOOP("incidents", "Status"), status),
        (QT_TRANSLATE_NOOP("incidents", "Priority"), incident.priority),
        (QT_TRANSLATE_NOOP("incidents", "Customer"), incident.customer),
        (QT_TRANSLATE_NOOP("incidents", "Asset"), incident.asset or "—"),
        (QT_TRANSLATE_NOOP("incidents", "Category"), incident.category),
        (QT_TRANSLATE_NOOP("incidents", "Assignee"), " · ".join(filter(None, (incident.assignee, incident.group)))
         or "—"),
        (QT_TRANSLATE_NOOP("incidents", "Entitlement"), stored_sentence(incident.entitlement_note)),
        (QT_TRANSLATE_NOOP("incidents", "Opened"), incident.opened_at),
        (QT_TRANSLATE_NOOP("incidents", "Description"), incident.description or "—"),
    ])
    sla = DetailSection(QT_TRANSLATE_NOOP("incidents", "SLA clocks"), [
        (f"{definition}{' · ' + subject.rsplit('-', 1)[-1] if subject else ''}",
         f"{name(CLOCK_STATE, state)}" + (f" · {tr(NAME, 'due')} {display_text(due, zone)}" if due else "")
         + (f" · {duration(target)}" if target else ""))
        for definition, subject, _metric, state, target, due, _breached, _elapsed in clocks])
    history = DetailSection(QT_TRANSLATE_NOOP("incidents", "Latest changes"), [
        (display_text(e.at, zone), _history_line(e)) for e in reversed(recent)])
    return detail_html(f"{incident.number} · {incident.title}", [facts, sla, history], owner=NAME, zone=zone)


def _history_line(entry) -> str:
    from plugins.incidents.ui.incident_window import history_text

    return history_text(entry)


def _actions(context: Context) -> list[PageAction]:
    def take(page: ListPage) -> None:
        number = page.current_key()
        run_in_background(page, lambda: records.assign(context.app, context.actor, number,
                                                       assignee_id=context.actor.user_id),
                          lambda _r: page.refresh(), lambda error, _t: page.show_message(error))

    return [
        PageAction(QT_TRANSLATE_NOOP("incidents", "New incident…"), lambda page: _new(page, context), permission=EDIT,
                   primary=True),
        PageAction(QT_TRANSLATE_NOOP("incidents", "Open"), lambda page: open_incident(page, context, page.current_key(),
                                                                                      page.refresh), needs_row=True),
        PageAction(QT_TRANSLATE_NOOP("incidents", "Take"), take, needs_row=True, permission=EDIT),
    ]


def _import(page: ListPage, context: Context) -> None:
    """Import incidents from a spreadsheet; a refused file lists every problem with its row."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from console.api.ui import run_with_progress
    from plugins.incidents import transfer

    path, _kind = QFileDialog.getOpenFileName(page, tr(NAME, "Import incidents"), "",
                                              tr(NAME, "Spreadsheets (*.xlsx *.csv)"))
    if not path:
        return

    def done(numbers: list[str]) -> None:
        page.refresh()
        QMessageBox.information(page, tr(NAME, "Import incidents"),
                                tr(NAME, "{count} incidents imported.").format(count=len(numbers)))

    run_with_progress(page, tr(NAME, "Importing incidents…"),
                      lambda _progress: transfer.import_incidents(context.app, context.actor, path), on_done=done)


def _new(page: ListPage, context: Context) -> None:
    from plugins.incidents.ui.quick_entry import QuickEntryDialog

    QuickEntryDialog(page, context, on_saved=lambda _number: page.refresh()).show()


def incident_list(context: Context, page_id: str, where, filters: list[ChoiceFilter], *, large: bool = False,
                  extra: list[PageAction] = (), sort: tuple[int, Qt.SortOrder] = (8, Qt.SortOrder.DescendingOrder),
                  empty: str = QT_TRANSLATE_NOOP("incidents", "No incident matches these filters.")) -> ListPage:
    """A list of incidents restricted by ``where``, with the shared columns, actions and saved views."""
    page = ListPage(
        context, owner=NAME, query=_incident_query().where(*where), columns=_columns(large), key=Incident.number,
        sort=sort, filters=filters, actions=[*_actions(context), *extra],
        detail=lambda number: incident_detail(context, number),
        on_open=lambda number: open_incident(page, context, number, page.refresh),
        count_text=QT_TRANSLATE_NOOP("incidents", "{count} incidents"), empty_text=empty, export_name="incidents")
    add_saved_views(page, context, page_id)
    keyboard(page, lambda number: open_incident(page, context, number, page.refresh))
    return page


def _status_filters(categories) -> list[ChoiceFilter]:
    """Status, priority and category; each served by an index that also gives the newest-first order.

    "Open" is written as NOT IN the finished statuses (and the reverse): an IN list on an index's first
    column would make SQLite sort every matching row instead of walking the opened-at index."""
    return [
        ChoiceFilter(QT_TRANSLATE_NOOP("incidents", "Status"), [
            (QT_TRANSLATE_NOOP("incidents", "Open incidents"), Incident.status.not_in(DONE_STATUSES)),
            (QT_TRANSLATE_NOOP("incidents", "All incidents"), None),
            (QT_TRANSLATE_NOOP("incidents", "Resolved and closed"), Incident.status.not_in(OPEN_STATUSES)),
            *[(STATUS[s], Incident.status == s) for s in STATUSES]]),
        ChoiceFilter(QT_TRANSLATE_NOOP("incidents", "Priority"),
                     [(QT_TRANSLATE_NOOP("incidents", "Any priority"), None)]
                     + [(p, Incident.priority == p) for p in PRIORITIES]),
        ChoiceFilter(QT_TRANSLATE_NOOP("incidents", "Category"),
                     [(QT_TRANSLATE_NOOP("incidents", "Any category"), None)]
                     + [(path, Incident.category_id == category_id) for category_id, path in categories]),
    ]


def _categories(context: Context) -> list[tuple[int, str]]:
    """The categories incidents are filed under (leaves), by path."""
    with context.app.session() as session:
        tree = catalog.category_tree(session)
        parents = {node.parent_id for node in tree}
        return [(node.id, node.path) for node in tree if node.id not in parents]


def all_incidents_page(context: Context) -> Deferred:
    """Every incident, newest first: open ones by default, filter by status, priority and category."""
    def build(categories) -> ListPage:
        return incident_list(context, "incidents.list", [], _status_filters(categories), large=True,
                             extra=[PageAction(QT_TRANSLATE_NOOP("incidents", "Import…"),
                                               lambda page: _import(page, context), permission=IMPORT)])

    return Deferred(lambda: _categories(context), build)


def my_queue_page(context: Context) -> ListPage:
    """The signed-in user's open incidents, the most urgent deadline first."""
    where = [Incident.assignee_id == context.actor.user_id, Incident.status.in_(OPEN_STATUSES)]
    filters = [ChoiceFilter(QT_TRANSLATE_NOOP("incidents", "Status"),
                            [(QT_TRANSLATE_NOOP("incidents", "Any status"), None)]
                            + [(STATUS[s], Incident.status == s) for s in OPEN_STATUSES])]
    return incident_list(context, "incidents.queue", where, filters, sort=(9, Qt.SortOrder.AscendingOrder),
                         empty=QT_TRANSLATE_NOOP("incidents", "Nothing assigned to you is open. Take one from "
                                                              "your team's queue."))


def team_queue_page(context: Context) -> Deferred:
    """Open incidents of the user's groups (or of any group they choose), unassigned ones first to take."""
    def load():
        with context.app.session() as session:
            groups = session.execute(select(Group.id, Group.name).order_by(Group.name)).all()
            mine = set(session.scalars(select(GroupMember.group_id).where(GroupMember.user_id == context.actor.user_id)))
        return groups, mine

    def build(data) -> ListPage:
        groups, mine = data
        choices = [(g.name, Incident.group_id == g.id) for g in groups]
        if mine:
            choices.insert(0, (QT_TRANSLATE_NOOP("incidents", "My groups"), Incident.group_id.in_(sorted(mine))))
        else:
            choices.insert(0, (QT_TRANSLATE_NOOP("incidents", "All groups"), Incident.group_id.is_not(None)))
        filters = [ChoiceFilter(QT_TRANSLATE_NOOP("incidents", "Group"), choices),
                   ChoiceFilter(QT_TRANSLATE_NOOP("incidents", "Assignment"), [
                       (QT_TRANSLATE_NOOP("incidents", "Anyone"), None),
                       (QT_TRANSLATE_NOOP("incidents", "Unassigned"), Incident.assignee_id.is_(None)),
                       (QT_TRANSLATE_NOOP("incidents", "Assigned"), Incident.assignee_id.is_not(None))])]
        return incident_list(context, "incidents.team", [Incident.status.in_(OPEN_STATUSES)], filters,
                             sort=(9, Qt.SortOrder.AscendingOrder),
                             empty=QT_TRANSLATE_NOOP("incidents", "Your team has no open incident."))

    return Deferred(load, build)


def breaching_page(context: Context) -> Deferred:
    """Running clocks due within the next hours, and breached clocks of open incidents, soonest first."""
    def build(hours: int) -> ListPage:
        now = utcnow()
        assignee = aliased(User)
        query = (select(Incident.number, Incident.title, Incident.priority, SlaDefinition.name, Clock.subject,
                        Clock.state, Clock.due_at, assignee.display_name, Incident.status)
                 .join(Incident, Incident.id == Clock.incident_id)
                 .join(SlaDefinition, SlaDefinition.id == Clock.definition_id)
                 .outerjoin(assignee, assignee.id == Incident.assignee_id)
                 .where(Clock.state.in_(("running", "breached")), Clock.due_at.is_not(None),
                        Incident.status.in_(OPEN_STATUSES)))

        def window(limit_hours: int):
            return and_(Clock.state == "running", Clock.due_at < now + timedelta(hours=limit_hours))

        horizons = sorted({1, 4, 8, 24, hours})
        options = [(tr(NAME, "Breached, or due within {hours} h").format(hours=hours),
                    or_(Clock.state == "breached", window(hours))),
                   *[(tr(NAME, "Due within {hours} h").format(hours=h), window(h)) for h in horizons],
                   (QT_TRANSLATE_NOOP("incidents", "Already breached"), Clock.state == "breached")]
        columns = [
            Column(QT_TRANSLATE_NOOP("incidents", "Number"), searchable=True, width=17),
            Column(QT_TRANSLATE_NOOP("incidents", "Title"), searchable=True, width=30),
            Column(QT_TRANSLATE_NOOP("incidents", "Priority"), colour=PRIORITY_COLOURS.get, align="center", width=8),
            Column(QT_TRANSLATE_NOOP("incidents", "Target"), width=26),
            Column(QT_TRANSLATE_NOOP("incidents", "Work order"), width=12),
            Column(QT_TRANSLATE_NOOP("incidents", "Clock"), format=named(CLOCK_STATE), width=9,
                   colour=STATE_COLOURS.get),
            Column(QT_TRANSLATE_NOOP("incidents", "Due"), nullable=False, width=15),
            Column(QT_TRANSLATE_NOOP("incidents", "Assignee"), nullable=True, width=14),
            Column(QT_TRANSLATE_NOOP("incidents", "Status"), format=named(STATUS), width=10),
        ]
        page = ListPage(
            context, owner=NAME, query=query, columns=columns, key=Clock.id, sort=(6, Qt.SortOrder.AscendingOrder),
            filters=[ChoiceFilter(QT_TRANSLATE_NOOP("incidents", "Window"), options)],
            on_open=lambda clock_id: _open_clock(page, context, clock_id),
            detail=lambda clock_id: _clock_detail(context, clock_id),
            actions=[PageAction(QT_TRANSLATE_NOOP("incidents", "Open"),
                                lambda p: _open_clock(p, context, p.current_key()), needs_row=True)],
            count_text=QT_TRANSLATE_NOOP("incidents", "{count} clocks"),
            empty_text=QT_TRANSLATE_NOOP("incidents", "No SLA clock is due in this window."),
            export_name="breaching-soon")
        add_saved_views(page, context, "incidents.breaching")
        keyboard(page, lambda clock_id: _open_clock(page, context, clock_id))
        return page

    return Deferred(lambda: int(get_setting(context.app, "incidents.breach_horizon_hours") or 4), build)


def _number_of_clock(context: Context, clock_id: int) -> str | None:
    with context.app.session() as session:
        return session.scalar(select(Incident.number).join(Clock, Clock.incident_id == Incident.id)
                              .where(Clock.id == clock_id))


def _open_clock(page: ListPage, context: Context, clock_id: int) -> None:
    run_in_background(page, lambda: _number_of_clock(context, clock_id),
                      lambda number: number and open_incident(page, context, number, page.refresh))


def _clock_detail(context: Context, clock_id: int) -> str:
    number = _number_of_clock(context, clock_id)
    return incident_detail(context, number) if number else tr(NAME, "This incident no longer exists.")
