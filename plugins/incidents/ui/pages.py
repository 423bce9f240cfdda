"""The incident list: queue filters, search by number, title or customer, details with history, new incident."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import select

from console.api import Context, Customer, User
from console.api.ui import (
    ChoiceFilter,
    Column,
    DetailSection,
    Field,
    FormDialog,
    ListPage,
    PageAction,
    detail_html,
    display_text,
    tr,
    user_zone,
)
from plugins.incidents import service
from plugins.incidents.models import CHANNELS, DONE_STATUSES, LEVELS, STATUSES, Incident, StatusChange

NAME = "incidents"
PRIORITY_COLOURS = {"P1": "#b3261e", "P2": "#c25a00", "P3": "#8a6d00", "P4": "#5f6b7a"}
STATUS_NAMES = {
    "new": QT_TRANSLATE_NOOP("incidents", "New"), "assigned": QT_TRANSLATE_NOOP("incidents", "Assigned"),
    "in_progress": QT_TRANSLATE_NOOP("incidents", "In progress"),
    "pending": QT_TRANSLATE_NOOP("incidents", "Pending"), "resolved": QT_TRANSLATE_NOOP("incidents", "Resolved"),
    "reopened": QT_TRANSLATE_NOOP("incidents", "Reopened"), "closed": QT_TRANSLATE_NOOP("incidents", "Closed"),
}
CHANNEL_NAMES = {"phone": QT_TRANSLATE_NOOP("incidents", "Phone"), "email": QT_TRANSLATE_NOOP("incidents", "E-mail"),
                 "portal": QT_TRANSLATE_NOOP("incidents", "Portal"),
                 "walk_in": QT_TRANSLATE_NOOP("incidents", "Walk-in")}
LEVEL_NAMES = {"high": QT_TRANSLATE_NOOP("incidents", "High"), "medium": QT_TRANSLATE_NOOP("incidents", "Medium"),
               "low": QT_TRANSLATE_NOOP("incidents", "Low")}
REASON_NAMES = {"waiting_customer": QT_TRANSLATE_NOOP("incidents", "Waiting for customer"),
                "waiting_parts": QT_TRANSLATE_NOOP("incidents", "Waiting for parts"),
                "waiting_vendor": QT_TRANSLATE_NOOP("incidents", "Waiting for vendor/partner"),
                "customer_delay": QT_TRANSLATE_NOOP("incidents", "Customer requested delay")}


def named(names: dict[str, str]):
    """A cell format that shows a stored code by its translated name."""
    return lambda value: tr(NAME, names.get(value, value)) if value else ""


def incidents_page(context: Context) -> ListPage:
    """Every incident, newest first; filter by queue, status and priority; open one for its history."""
    assignee = User.__table__.alias("assignee")
    query = (select(Incident.number, Incident.title, Incident.priority, Incident.status, Customer.name,
                    Incident.category, assignee.c.display_name, Incident.opened_at, Incident.due_at)
             .join(Customer, Customer.id == Incident.customer_id)
             .outerjoin(assignee, assignee.c.id == Incident.assignee_id))
    columns = [
        Column(QT_TRANSLATE_NOOP("incidents", "Number"), searchable=True, width=18),
        Column(QT_TRANSLATE_NOOP("incidents", "Title"), searchable=True, width=36),
        Column(QT_TRANSLATE_NOOP("incidents", "Priority"), colour=PRIORITY_COLOURS.get, align="center", width=8),
        Column(QT_TRANSLATE_NOOP("incidents", "Status"), format=named(STATUS_NAMES), width=12),
        Column(QT_TRANSLATE_NOOP("incidents", "Customer"), searchable=True, width=24),
        Column(QT_TRANSLATE_NOOP("incidents", "Category"), width=16),
        Column(QT_TRANSLATE_NOOP("incidents", "Assignee"), nullable=True, width=14),
        Column(QT_TRANSLATE_NOOP("incidents", "Opened"), width=16),
        Column(QT_TRANSLATE_NOOP("incidents", "Due"), width=16),
    ]
    open_only = Incident.status.not_in(DONE_STATUSES)
    filters = [
        ChoiceFilter(QT_TRANSLATE_NOOP("incidents", "Queue"), [
            (QT_TRANSLATE_NOOP("incidents", "Open incidents"), open_only),
            (QT_TRANSLATE_NOOP("incidents", "My open incidents"),
             open_only & (Incident.assignee_id == context.actor.user_id)),
            (QT_TRANSLATE_NOOP("incidents", "All incidents"), None)]),
        ChoiceFilter(QT_TRANSLATE_NOOP("incidents", "Status"),
                     [(QT_TRANSLATE_NOOP("incidents", "Any status"), None)]
                     + [(STATUS_NAMES[s], Incident.status == s) for s in STATUSES]),
        ChoiceFilter(QT_TRANSLATE_NOOP("incidents", "Priority"),
                     [(QT_TRANSLATE_NOOP("incidents", "Any priority"), None)]
                     + [(p, Incident.priority == p) for p in ("P1", "P2", "P3", "P4")]),
    ]
    page = ListPage(
        context, owner=NAME, query=query, columns=columns, key=Incident.number,
        sort=(7, Qt.SortOrder.DescendingOrder), filters=filters,
        actions=[PageAction(QT_TRANSLATE_NOOP("incidents", "New incident…"), lambda p: new_incident(p, context),
                            permission=service.EDIT, primary=True)],
        detail=lambda number: incident_detail(context, number),
        count_text=QT_TRANSLATE_NOOP("incidents", "{count} incidents"),
        empty_text=QT_TRANSLATE_NOOP("incidents", "No incident matches these filters."),
        export_name="incidents")
    return page


def incident_detail(context: Context, number: str) -> str:
    """The detail pane: the incident's fields and its status history (run off the GUI thread)."""
    with context.app.session() as session:
        incident = session.scalar(select(Incident).where(Incident.number == number))
        if incident is None:
            return tr(NAME, "This incident no longer exists.")
        customer = session.get(Customer, incident.customer_id)
        history = session.execute(select(StatusChange.at, StatusChange.status, StatusChange.reason,
                                         StatusChange.actor)
                                  .where(StatusChange.incident_id == incident.id).order_by(StatusChange.at)).all()
    facts = DetailSection(QT_TRANSLATE_NOOP("incidents", "Incident"), [
        (QT_TRANSLATE_NOOP("incidents", "Status"), tr(NAME, STATUS_NAMES[incident.status])
         + (f" · {tr(NAME, REASON_NAMES[incident.pending_reason])}" if incident.pending_reason else "")),
        (QT_TRANSLATE_NOOP("incidents", "Priority"), incident.priority),
        (QT_TRANSLATE_NOOP("incidents", "Customer"), customer.name if customer else ""),
        (QT_TRANSLATE_NOOP("incidents", "Category"), incident.category),
        (QT_TRANSLATE_NOOP("incidents", "Channel"), tr(NAME, CHANNEL_NAMES.get(incident.channel, incident.channel))),
        (QT_TRANSLATE_NOOP("incidents", "Opened"), incident.opened_at),
        (QT_TRANSLATE_NOOP("incidents", "Due"), incident.due_at),
        (QT_TRANSLATE_NOOP("incidents", "Description"), incident.description or "—"),
    ])
    changes = DetailSection(QT_TRANSLATE_NOOP("incidents", "History"), [
        (display_text(at, user_zone(context)),
         f"{tr(NAME, STATUS_NAMES.get(status, status))}"
         + (f" ({tr(NAME, REASON_NAMES.get(reason, reason))})" if reason else "") + f" · {actor}")
        for at, status, reason, actor in history])
    return detail_html(f"{incident.number} · {incident.title}", [facts, changes], owner=NAME,
                       zone=user_zone(context))


def new_incident(page: ListPage, context: Context) -> None:
    """The new-incident form; the list reloads once it is saved."""
    with context.app.session() as session:
        customers = session.execute(select(Customer.id, Customer.name).order_by(Customer.name).limit(2000)).all()
    fields = [
        Field("title", QT_TRANSLATE_NOOP("incidents", "Title"), required=True),
        Field("customer_id", QT_TRANSLATE_NOOP("incidents", "Customer"), "choice", customers, required=True),
        Field("category", QT_TRANSLATE_NOOP("incidents", "Category"), required=True),
        Field("channel", QT_TRANSLATE_NOOP("incidents", "Channel"), "choice",
              [(c, CHANNEL_NAMES[c]) for c in CHANNELS], required=True),
        Field("impact", QT_TRANSLATE_NOOP("incidents", "Impact"), "choice", [(v, LEVEL_NAMES[v]) for v in LEVELS]),
        Field("urgency", QT_TRANSLATE_NOOP("incidents", "Urgency"), "choice", [(v, LEVEL_NAMES[v]) for v in LEVELS]),
        Field("description", QT_TRANSLATE_NOOP("incidents", "Description"), "multiline"),
    ]
    dialog = FormDialog(page, tr(NAME, "New incident"), fields,
                        lambda values: service.create_incident(context.app, context.actor, **values), owner=NAME,
                        zone=user_zone(context))
    dialog.saved.connect(lambda _number: page.refresh())
    dialog.open()

