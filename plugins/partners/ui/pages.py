"""The service-order list: every order dispatched to a partner, its status and its acceptance deadline."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import select

from console.api import Context, utcnow
from console.api.ui import ChoiceFilter, Column, Field, FormDialog, ListPage, PageAction, tr
from plugins.partners import service
from plugins.partners.models import FINAL_STATUSES, ORDER_STATUSES, Partner, ServiceOrder

NAME = "partners"
STATUS_NAMES = {
    "dispatched": QT_TRANSLATE_NOOP("partners", "Dispatched"), "accepted": QT_TRANSLATE_NOOP("partners", "Accepted"),
    "rejected": QT_TRANSLATE_NOOP("partners", "Rejected"), "departed": QT_TRANSLATE_NOOP("partners", "Departed"),
    "arrived": QT_TRANSLATE_NOOP("partners", "Arrived"), "fixed": QT_TRANSLATE_NOOP("partners", "Fixed"),
    "incomplete": QT_TRANSLATE_NOOP("partners", "Closed incomplete"),
    "confirmed": QT_TRANSLATE_NOOP("partners", "Customer confirmed"),
    "closed": QT_TRANSLATE_NOOP("partners", "Closed"),
}


def service_orders_page(context: Context) -> ListPage:
    """Service orders, newest first; open ones by default."""
    query = (select(ServiceOrder.number, Partner.name, ServiceOrder.status, ServiceOrder.incident_ref,
                    ServiceOrder.dispatched_at, ServiceOrder.accept_due_at, ServiceOrder.closed_at)
             .join(Partner, Partner.id == ServiceOrder.partner_id))
    now = utcnow()
    columns = [
        Column(QT_TRANSLATE_NOOP("partners", "Order"), searchable=True, width=22),
        Column(QT_TRANSLATE_NOOP("partners", "Partner"), searchable=True, width=28),
        Column(QT_TRANSLATE_NOOP("partners", "Status"), format=lambda s: tr(NAME, STATUS_NAMES.get(s, s)), width=14),
        Column(QT_TRANSLATE_NOOP("partners", "Incident"), searchable=True, width=18),
        Column(QT_TRANSLATE_NOOP("partners", "Dispatched"), width=16),
        Column(QT_TRANSLATE_NOOP("partners", "Accept by"), width=16),
        Column(QT_TRANSLATE_NOOP("partners", "Closed"), width=16),
    ]
    still_open = ServiceOrder.status.not_in(FINAL_STATUSES)
    filters = [ChoiceFilter(QT_TRANSLATE_NOOP("partners", "Orders"), [
        (QT_TRANSLATE_NOOP("partners", "Open orders"), still_open),
        (QT_TRANSLATE_NOOP("partners", "Not accepted in time"),
         (ServiceOrder.status == "dispatched") & (ServiceOrder.accept_due_at < now)),
        (QT_TRANSLATE_NOOP("partners", "All orders"), None)]),
        ChoiceFilter(QT_TRANSLATE_NOOP("partners", "Status"),
                     [(QT_TRANSLATE_NOOP("partners", "Any status"), None)]
                     + [(STATUS_NAMES[s], ServiceOrder.status == s) for s in ORDER_STATUSES])]
    return ListPage(
        context, owner=NAME, query=query, columns=columns, key=ServiceOrder.id,
        sort=(4, Qt.SortOrder.DescendingOrder), filters=filters,
        actions=[PageAction(QT_TRANSLATE_NOOP("partners", "Dispatch order…"), lambda p: dispatch(p, context),
                            permission=service.EDIT, primary=True)],
        count_text=QT_TRANSLATE_NOOP("partners", "{count} service orders"),
        empty_text=QT_TRANSLATE_NOOP("partners", "No service order matches."), export_name="service-orders")


def dispatch(page: ListPage, context: Context) -> None:
    """The dispatch form: a partner and, optionally, the incident it is for."""
    with context.app.session() as session:
        partners = session.execute(select(Partner.code, Partner.name).where(Partner.active.is_(True))
                                   .order_by(Partner.name)).all()
    fields = [
        Field("partner_code", QT_TRANSLATE_NOOP("partners", "Partner"), "choice",
              [(code, name) for code, name in partners], required=True),
        Field("incident_ref", QT_TRANSLATE_NOOP("partners", "Incident"),
              help=QT_TRANSLATE_NOOP("partners", "The incident number, e.g. INC-2026-000123.")),
    ]
    dialog = FormDialog(page, tr(NAME, "Dispatch a service order"), fields,
                        lambda values: service.create_service_order(context.app, context.actor,
                                                                    partner_code=values["partner_code"],
                                                                    incident_ref=values["incident_ref"] or None),
                        owner=NAME)
    dialog.saved.connect(lambda _number: page.refresh())
    dialog.open()
