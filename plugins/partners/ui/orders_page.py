"""The service-order page: every order dispatched to a partner with its three due instants and
whether a clock breached; under the list, the selected order step by step (``OrderTimeline``).
Actions: a new order, recording the next step, importing a partner's orders."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget
from sqlalchemy import select

from console.api import Context, ValidationError, utcnow
from console.api.ui import ChoiceFilter, Column, Field, ListPage, PageAction, tr, user_zone
from plugins.partners import access, order_import, orders
from plugins.partners.models import (FINAL_STATUSES, INCOMPLETE_REASONS, ORDER_STATUSES, REJECT_REASONS,
                                     REPAIR_LEVELS, Engineer, Partner, ServiceOrder)
from plugins.partners.ui.common import (NAME, REASON_NAMES, STEP_NAMES, import_file, import_report, named,
                                        open_form, partner_choices, yes_no)
from plugins.partners.ui.timeline import OrderTimeline

SATISFACTION = [(score, "★" * score) for score in range(5, 0, -1)]


class ServiceOrdersPage(QWidget):
    """The orders list (``self.list``, keyed by number) above the selected order's timeline (``self.timeline``)."""

    def __init__(self, context: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        now = utcnow()
        late = orders.breached_clause(now)
        query = (select(ServiceOrder.number, Partner.name, ServiceOrder.status, ServiceOrder.incident_ref,
                        ServiceOrder.dispatched_at, ServiceOrder.accept_due_at, ServiceOrder.arrive_due_at,
                        ServiceOrder.fix_due_at, late.label("late"))
                 .join(Partner, Partner.id == ServiceOrder.partner_id))
        with context.app.session() as session:
            query = access.scoped(query, ServiceOrder.partner_id, session, context.actor)
        columns = [
            Column(QT_TRANSLATE_NOOP("partners", "Order"), searchable=True, width=20),
            Column(QT_TRANSLATE_NOOP("partners", "Partner"), searchable=True, width=24),
            Column(QT_TRANSLATE_NOOP("partners", "Status"), format=named(STEP_NAMES), width=14),
            Column(QT_TRANSLATE_NOOP("partners", "Incident"), searchable=True, width=18),
            Column(QT_TRANSLATE_NOOP("partners", "Dispatched"), width=16),
            Column(QT_TRANSLATE_NOOP("partners", "Accept by"), width=16),
            Column(QT_TRANSLATE_NOOP("partners", "Arrive by"), width=16),
            Column(QT_TRANSLATE_NOOP("partners", "Fix by"), width=16),
            Column(QT_TRANSLATE_NOOP("partners", "Breached"), format=yes_no, nullable=False, width=9,
                   colour=lambda value: "#c0392b" if value else None),
        ]
        still_open = ServiceOrder.status.not_in(FINAL_STATUSES)
        filters = [
            ChoiceFilter(QT_TRANSLATE_NOOP("partners", "Orders"), [
                (QT_TRANSLATE_NOOP("partners", "Open orders"), still_open),
                (QT_TRANSLATE_NOOP("partners", "Breached a step clock"), late),
                (QT_TRANSLATE_NOOP("partners", "Open and breached"), still_open & late),
                (QT_TRANSLATE_NOOP("partners", "All orders"), None)]),
            ChoiceFilter(QT_TRANSLATE_NOOP("partners", "Status"),
                         [(QT_TRANSLATE_NOOP("partners", "Any status"), None)]
                         + [(STEP_NAMES[s], ServiceOrder.status == s) for s in ORDER_STATUSES]),
        ]
        actions = [
            PageAction(QT_TRANSLATE_NOOP("partners", "New service order…"), lambda p: new_order(p, context),
                       permission=orders.EDIT, primary=True),
            PageAction(QT_TRANSLATE_NOOP("partners", "Record step…"),
                       lambda p: record_step(p, context, p.current_key(), self.refresh), needs_row=True,
                       permission=orders.RECORD),
            PageAction(QT_TRANSLATE_NOOP("partners", "Import orders…"), lambda p: import_orders(p, context),
                       permission=orders.EDIT),
        ]
        self.list = ListPage(context, owner=NAME, query=query, columns=columns, key=ServiceOrder.number,
                             sort=(4, Qt.SortOrder.DescendingOrder), filters=filters, actions=actions,
                             count_text=QT_TRANSLATE_NOOP("partners", "{count} service orders"),
                             empty_text=QT_TRANSLATE_NOOP("partners", "No service order matches."),
                             export_name="service-orders")
        self.timeline = OrderTimeline(wide=True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(self.timeline)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.list.table.selectionModel().currentRowChanged.connect(lambda current, _p: self._row_changed(current.row()))
        self.list.model.dataChanged.connect(self._select_first)
        self.timeline.show(context, None)

    def open_key(self, key: Any) -> None:
        """Show the order numbered ``key`` (search hits, links)."""
        self.timeline.show(self.context, str(key))

    def refresh(self) -> None:
        """Read the list and the shown order again."""
        self.list.refresh()
        if self.timeline.view is not None:
            self.timeline.show(self.context, self.timeline.view.number)

    def loading(self) -> bool:
        """True while the list or the timeline is still being read."""
        return self.list.loading() or self.timeline.loading()

    def _row_changed(self, row: int) -> None:
        key = self.list.model.key_for(row) if row >= 0 else None
        if key is not None:
            self.timeline.show(self.context, key)

    def _select_first(self) -> None:
        if not self.list.table.currentIndex().isValid() and self.list.model.rowCount():
            if self.list.model.key_for(0) is not None:
                self.list.table.setCurrentIndex(self.list.model.index(0, 0))


def service_orders_page(context: Context) -> ServiceOrdersPage:
    """Service orders, newest first; open ones by default; the selected one step by step."""
    return ServiceOrdersPage(context)


# -- actions ---------------------------------------------------------------------------------
def new_order(page: ListPage, context: Context) -> None:
    """The dispatch form: a partner and what the order is for."""
    app, actor = context.app, context.actor

    def fields(session) -> list[Field]:
        return [
            Field("partner_code", QT_TRANSLATE_NOOP("partners", "Partner"), "choice", partner_choices(session),
                  required=True),
            Field("incident_ref", QT_TRANSLATE_NOOP("partners", "Incident"),
                  help=QT_TRANSLATE_NOOP("partners", "The incident number, e.g. INC-2026-000123.")),
            Field("work_order_ref", QT_TRANSLATE_NOOP("partners", "Work order")),
            Field("asset_serial", QT_TRANSLATE_NOOP("partners", "Asset serial"),
                  help=QT_TRANSLATE_NOOP("partners", "The customer and site follow from the asset; the partner's "
                                                     "centre nearest the site is chosen and the due times set.")),
            Field("category", QT_TRANSLATE_NOOP("partners", "Category")),
            Field("repair_level", QT_TRANSLATE_NOOP("partners", "Repair level"), "choice",
                  [(level, level) for level in REPAIR_LEVELS], required=True, default="L2"),
            Field("external_ref", QT_TRANSLATE_NOOP("partners", "Partner's number")),
        ]

    def save(values: dict) -> str:
        with app.session() as session:
            asset_id = orders.asset_by_serial(session, values.pop("asset_serial"))
        return orders.create_service_order(app, actor, asset_id=asset_id,
                                           **{k: (v or None) if k != "repair_level" else v for k, v in values.items()})

    open_form(page, context, tr(NAME, "New service order"), fields, save)


def record_step(page: ListPage, context: Context, number: str | None, done) -> None:
    """The next step of order ``number``: the steps allowed now, when, by whom, where, why, how satisfied."""
    app, actor = context.app, context.actor
    loaded: dict[str, Any] = {}

    def fields(session) -> list[Field]:
        order = orders.order_by_number(session, number, actor)
        allowed = orders.allowed_steps(order.status)
        if not allowed:
            raise ValidationError(tr(NAME, "Service order {number} is finished; no step can follow.")
                                         .format(number=order.number), "step")
        loaded["version"] = order.version
        engineers = session.execute(select(Engineer.code, Engineer.name).where(
            Engineer.partner_id == order.partner_id, Engineer.active.is_(True)).order_by(Engineer.code)).all()
        form = [Field("step", QT_TRANSLATE_NOOP("partners", "Step"), "choice",
                      [(step, STEP_NAMES[step]) for step in allowed], required=True),
                Field("at", QT_TRANSLATE_NOOP("partners", "Time"), "datetime", required=True,
                      help=QT_TRANSLATE_NOOP("partners", "When it happened; not before the previous step, not in "
                                                         "the future.")),
                Field("engineer_code", QT_TRANSLATE_NOOP("partners", "Engineer"), "choice",
                      [(code, f"{code} · {person}") for code, person in engineers],
                      default=session.scalar(select(Engineer.code).where(Engineer.id == order.engineer_id)))]
        if {"departed", "arrived"} & set(allowed):
            form += [Field("latitude", QT_TRANSLATE_NOOP("partners", "Latitude"),
                           help=QT_TRANSLATE_NOOP("partners", "The check-in position, e.g. 39.904200.")),
                     Field("longitude", QT_TRANSLATE_NOOP("partners", "Longitude"))]
        reasons = [*(REJECT_REASONS if "rejected" in allowed else ()),
                   *(INCOMPLETE_REASONS if "incomplete" in allowed else ())]
        if reasons:
            form.append(Field("reason", QT_TRANSLATE_NOOP("partners", "Reason"), "choice",
                              [(reason, REASON_NAMES[reason]) for reason in dict.fromkeys(reasons)],
                              help=QT_TRANSLATE_NOOP("partners", "Why the order is rejected or closed incomplete.")))
        if "confirmed" in allowed:
            form.append(Field("satisfaction", QT_TRANSLATE_NOOP("partners", "Satisfaction"), "choice", SATISFACTION,
                              help=QT_TRANSLATE_NOOP("partners", "The customer's rating on confirmation, "
                                                                 "5 is best.")))
        form.append(Field("note", QT_TRANSLATE_NOOP("partners", "Note"), "multiline"))
        return form

    def save(values: dict) -> int:
        step = values.pop("step")
        if step not in ("rejected", "incomplete"):
            values.pop("reason", None)
        if step != "confirmed":
            values.pop("satisfaction", None)
        return orders.record_step(app, actor, number, step, expected_version=loaded["version"],
                                  **{k: v or None for k, v in values.items()})

    open_form(page, context, tr(NAME, "Record the next step of {number}").format(number=number), fields, save,
              done=lambda _version: done())


def import_orders(page: ListPage, context: Context) -> None:
    """Import a partner's orders from a spreadsheet."""
    import_file(page, tr(NAME, "Import service orders"),
                lambda path: order_import.import_orders(context.app, context.actor, path),
                lambda result: import_report(result, user_zone(context)))

