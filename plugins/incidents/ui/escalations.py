"""Escalations fired by the ladders, newest first; acknowledge one to stop its level repeating."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import select

from console.api import Context
from console.api.ui import ChoiceFilter, Column, ListPage, PageAction, run_in_background
from plugins.incidents.models import Clock, Escalation, Incident, SlaDefinition
from plugins.incidents.rules import EDIT
from plugins.incidents.sla import acknowledge
from plugins.incidents.ui.common import keyboard, open_incident
from plugins.incidents.ui.lists import incident_detail
from plugins.incidents.ui.names import ACTION, METRIC, NAME, PRIORITY_COLOURS, named, stored_sentence


def escalations_page(context: Context) -> ListPage:
    """The escalation list."""
    query = (select(Escalation.fired_at, Incident.number, Incident.title, Incident.priority, SlaDefinition.name,
                    Clock.metric, Escalation.level, Escalation.repetition, Escalation.action, Escalation.summary,
                    Escalation.acknowledged_by)
             .join(Incident, Incident.id == Escalation.incident_id).join(Clock, Clock.id == Escalation.clock_id)
             .join(SlaDefinition, SlaDefinition.id == Clock.definition_id))
    columns = [
        Column(QT_TRANSLATE_NOOP("incidents", "Fired"), width=15),
        Column(QT_TRANSLATE_NOOP("incidents", "Incident"), searchable=True, width=17, sortable=False),
        Column(QT_TRANSLATE_NOOP("incidents", "Title"), searchable=True, width=26, sortable=False),
        Column(QT_TRANSLATE_NOOP("incidents", "Priority"), colour=PRIORITY_COLOURS.get, align="center", width=8,
               sortable=False),
        Column(QT_TRANSLATE_NOOP("incidents", "Target"), width=22, sortable=False),
        Column(QT_TRANSLATE_NOOP("incidents", "Metric"), format=named(METRIC), width=8, sortable=False),
        Column(QT_TRANSLATE_NOOP("incidents", "Level"), align="center", width=6, sortable=False),
        Column(QT_TRANSLATE_NOOP("incidents", "Repeat"), align="center", width=6, sortable=False),
        Column(QT_TRANSLATE_NOOP("incidents", "Action"), format=named(ACTION), width=12, sortable=False),
        Column(QT_TRANSLATE_NOOP("incidents", "What happened"), format=stored_sentence, width=30, sortable=False),
        Column(QT_TRANSLATE_NOOP("incidents", "Acknowledged by"), nullable=True, width=14, sortable=False),
    ]
    filters = [ChoiceFilter(QT_TRANSLATE_NOOP("incidents", "Show"), [
        (QT_TRANSLATE_NOOP("incidents", "Not acknowledged"), Escalation.acknowledged_at.is_(None)),
        (QT_TRANSLATE_NOOP("incidents", "On my incidents"), (Escalation.acknowledged_at.is_(None))
         & (Incident.assignee_id == context.actor.user_id)),
        (QT_TRANSLATE_NOOP("incidents", "All escalations"), None)])]

    def ack(page: ListPage) -> None:
        escalation_id = page.current_key()
        run_in_background(page, lambda: acknowledge.acknowledge(context.app, context.actor, escalation_id),
                          lambda _n: page.refresh(), lambda error, _t: page.show_message(error))

    def number_of(escalation_id: int) -> str | None:
        with context.app.session() as session:
            return session.scalar(select(Incident.number).join(Escalation, Escalation.incident_id == Incident.id)
                                  .where(Escalation.id == escalation_id))

    def open_row(page: ListPage, escalation_id: int) -> None:
        run_in_background(page, lambda: number_of(escalation_id),
                          lambda number: number and open_incident(page, context, number, page.refresh))

    page = ListPage(
        context, owner=NAME, query=query, columns=columns, key=Escalation.id, sort=(0, Qt.SortOrder.DescendingOrder),
        filters=filters,
        actions=[PageAction(QT_TRANSLATE_NOOP("incidents", "Acknowledge"), ack, needs_row=True, permission=EDIT,
                            primary=True),
                 PageAction(QT_TRANSLATE_NOOP("incidents", "Open incident"), lambda p: open_row(p, p.current_key()),
                            needs_row=True)],
        detail=lambda escalation_id: incident_detail(context, number_of(escalation_id) or ""),
        on_open=lambda escalation_id: open_row(page, escalation_id),
        count_text=QT_TRANSLATE_NOOP("incidents", "{count} escalations"),
        empty_text=QT_TRANSLATE_NOOP("incidents", "No escalation waits for an acknowledgement."),
        export_name="escalations")
    keyboard(page, lambda escalation_id: open_row(page, escalation_id))
    return page
