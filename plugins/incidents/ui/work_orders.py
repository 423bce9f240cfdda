"""Every work order (工作单): open ones first, by status and kind; move one along or open its incident."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import select
from sqlalchemy.orm import aliased

from console.api import Context, Group, User
from console.api.ui import ChoiceFilter, Column, DetailSection, ListPage, PageAction, detail_html, tr, user_zone
from plugins.incidents.models import WORK_ORDER_DONE, WORK_ORDER_KINDS, WORK_ORDER_STATUSES, Incident, WorkOrder
from plugins.incidents.rules import EDIT
from plugins.incidents.ui import forms
from plugins.incidents.ui.common import add_saved_views, keyboard, open_incident
from plugins.incidents.ui.names import NAME, REASON, WORK_ORDER_KIND, WORK_ORDER_STATUS, name, named


def work_order_detail(context: Context, number: str) -> str:
    """The detail pane of one work order."""
    assignee, group = aliased(User), aliased(Group)
    with context.app.session() as session:
        row = session.execute(
            select(WorkOrder, Incident.number, Incident.title, assignee.display_name, group.name)
            .join(Incident, Incident.id == WorkOrder.incident_id)
            .outerjoin(assignee, assignee.id == WorkOrder.assignee_id).outerjoin(group, group.id == WorkOrder.group_id)
            .where(WorkOrder.number == number)).one_or_none()
    if row is None:
        return tr(NAME, "This work order no longer exists.")
    order, incident, title, who, team = row
    status = name(WORK_ORDER_STATUS, order.status) + (f" · {name(REASON, order.pending_reason)}"
                                                      if order.pending_reason else "")
    section = DetailSection(QT_TRANSLATE_NOOP("incidents", "Work order"), [
        (QT_TRANSLATE_NOOP("incidents", "Incident"), f"{incident} · {title}"),
        (QT_TRANSLATE_NOOP("incidents", "Kind"), name(WORK_ORDER_KIND, order.kind)),
        (QT_TRANSLATE_NOOP("incidents", "Status"), status),
        (QT_TRANSLATE_NOOP("incidents", "Assignee"), who or "—"),
        (QT_TRANSLATE_NOOP("incidents", "Group"), team or "—"),
        (QT_TRANSLATE_NOOP("incidents", "Partner"), order.partner_code or "—"),
        (QT_TRANSLATE_NOOP("incidents", "Service order"), order.service_order or "—"),
        (QT_TRANSLATE_NOOP("incidents", "Created"), order.created_at),
        (QT_TRANSLATE_NOOP("incidents", "Done"), order.done_at or "—"),
        (QT_TRANSLATE_NOOP("incidents", "Note"), order.note or "—"),
    ])
    return detail_html(f"{order.number} · {order.title}", [section], owner=NAME, zone=user_zone(context))


def work_orders_page(context: Context) -> ListPage:
    """The work-order list."""
    assignee, group = aliased(User), aliased(Group)
    query = (select(WorkOrder.number, Incident.number, WorkOrder.kind, WorkOrder.title, WorkOrder.status,
                    assignee.display_name, group.name, WorkOrder.partner_code, WorkOrder.service_order,
                    WorkOrder.created_at)
             .join(Incident, Incident.id == WorkOrder.incident_id)
             .outerjoin(assignee, assignee.id == WorkOrder.assignee_id).outerjoin(group, group.id == WorkOrder.group_id))
    columns = [
        Column(QT_TRANSLATE_NOOP("incidents", "Number"), searchable=True, width=21),
        Column(QT_TRANSLATE_NOOP("incidents", "Incident"), searchable=True, width=17, sortable=False),
        Column(QT_TRANSLATE_NOOP("incidents", "Kind"), format=named(WORK_ORDER_KIND), width=12, sortable=False),
        Column(QT_TRANSLATE_NOOP("incidents", "Title"), searchable=True, width=26, sortable=False),
        Column(QT_TRANSLATE_NOOP("incidents", "Status"), format=named(WORK_ORDER_STATUS), width=10),
        Column(QT_TRANSLATE_NOOP("incidents", "Assignee"), nullable=True, width=14, sortable=False),
        Column(QT_TRANSLATE_NOOP("incidents", "Group"), nullable=True, width=18, sortable=False),
        Column(QT_TRANSLATE_NOOP("incidents", "Partner"), nullable=True, width=9, sortable=False),
        Column(QT_TRANSLATE_NOOP("incidents", "Service order"), nullable=True, width=14, sortable=False),
        Column(QT_TRANSLATE_NOOP("incidents", "Created"), width=15),
    ]
    open_orders = WorkOrder.status.not_in(WORK_ORDER_DONE)
    filters = [
        ChoiceFilter(QT_TRANSLATE_NOOP("incidents", "Status"),
                     [(QT_TRANSLATE_NOOP("incidents", "Open work orders"), open_orders),
                      (QT_TRANSLATE_NOOP("incidents", "My open work orders"),
                       open_orders & (WorkOrder.assignee_id == context.actor.user_id)),
                      (QT_TRANSLATE_NOOP("incidents", "All work orders"), None)]
                     + [(WORK_ORDER_STATUS[s], WorkOrder.status == s) for s in WORK_ORDER_STATUSES]),
        ChoiceFilter(QT_TRANSLATE_NOOP("incidents", "Kind"),
                     [(QT_TRANSLATE_NOOP("incidents", "Any kind"), None)]
                     + [(WORK_ORDER_KIND[k], WorkOrder.kind == k) for k in WORK_ORDER_KINDS]),
    ]

    def incident_of(order_number: str) -> str:
        return order_number.rsplit("-W", 1)[0]

    page = ListPage(
        context, owner=NAME, query=query, columns=columns, key=WorkOrder.number,
        sort=(9, Qt.SortOrder.DescendingOrder), filters=filters,
        actions=[PageAction(QT_TRANSLATE_NOOP("incidents", "Move…"),
                            lambda p: forms.move_work_order(p, context, p.current_key(), p.refresh),
                            needs_row=True, permission=EDIT, primary=True),
                 PageAction(QT_TRANSLATE_NOOP("incidents", "Open incident"),
                            lambda p: open_incident(p, context, incident_of(p.current_key()), p.refresh), needs_row=True)],
        detail=lambda number: work_order_detail(context, number),
        on_open=lambda number: open_incident(page, context, incident_of(number), page.refresh),
        count_text=QT_TRANSLATE_NOOP("incidents", "{count} work orders"),
        empty_text=QT_TRANSLATE_NOOP("incidents", "No work order matches these filters."), export_name="work-orders")
    add_saved_views(page, context, "incidents.work_orders")
    keyboard(page, lambda number: open_incident(page, context, incident_of(number), page.refresh))
    return page
