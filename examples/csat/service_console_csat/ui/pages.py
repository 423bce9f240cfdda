"""The survey list: who was asked, who answered, the scores; record a customer's answer."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import select

from console.api import Context, Customer
from console.api.ui import (
    ChoiceFilter,
    Column,
    DetailSection,
    Field,
    FormDialog,
    ListPage,
    PageAction,
    detail_html,
    tr,
    user_zone,
)
from service_console_csat import service
from service_console_csat.models import SCORES, STATUSES, Survey

NAME = "csat"
STATUS_NAMES = {"pending": QT_TRANSLATE_NOOP("csat", "Waiting to be sent"), "sent": QT_TRANSLATE_NOOP("csat", "Sent"),
                "answered": QT_TRANSLATE_NOOP("csat", "Answered"), "expired": QT_TRANSLATE_NOOP("csat", "Expired")}
SCORE_NAMES = {1: QT_TRANSLATE_NOOP("csat", "1 – very unhappy"), 2: QT_TRANSLATE_NOOP("csat", "2 – unhappy"),
               3: QT_TRANSLATE_NOOP("csat", "3 – neutral"), 4: QT_TRANSLATE_NOOP("csat", "4 – happy"),
               5: QT_TRANSLATE_NOOP("csat", "5 – very happy")}
SCORE_COLOURS = {1: "#b3261e", 2: "#c25a00", 3: "#5f6b7a", 4: "#2e7d32", 5: "#2e7d32"}


def stars(score: int | None) -> str:
    """A score as five stars."""
    return "" if score is None else "★" * score + "☆" * (5 - score)


def surveys_page(context: Context) -> ListPage:
    """Every survey, newest resolution first; those waiting for an answer by default."""
    query = (select(Survey.incident, Customer.name, Survey.status, Survey.score, Survey.resolved_at,
                    Survey.sent_at, Survey.answered_at, Survey.comment)
             .join(Customer, Customer.id == Survey.customer_id))
    columns = [
        Column(QT_TRANSLATE_NOOP("csat", "Incident"), searchable=True, width=18),
        Column(QT_TRANSLATE_NOOP("csat", "Customer"), searchable=True, width=24),
        Column(QT_TRANSLATE_NOOP("csat", "Status"), format=lambda s: tr(NAME, STATUS_NAMES.get(s, s)), width=14),
        Column(QT_TRANSLATE_NOOP("csat", "Score"), format=stars, colour=SCORE_COLOURS.get, width=8),
        Column(QT_TRANSLATE_NOOP("csat", "Resolved"), width=16),
        Column(QT_TRANSLATE_NOOP("csat", "Sent"), width=16),
        Column(QT_TRANSLATE_NOOP("csat", "Answered"), width=16),
        Column(QT_TRANSLATE_NOOP("csat", "Comment"), searchable=True, width=30),
    ]
    filters = [ChoiceFilter(QT_TRANSLATE_NOOP("csat", "Surveys"), [
        (QT_TRANSLATE_NOOP("csat", "Waiting for an answer"), Survey.status == "sent"),
        (QT_TRANSLATE_NOOP("csat", "Low scores"), Survey.score <= 2),
        (QT_TRANSLATE_NOOP("csat", "All surveys"), None)]),
        ChoiceFilter(QT_TRANSLATE_NOOP("csat", "Status"), [(QT_TRANSLATE_NOOP("csat", "Any status"), None)]
                     + [(STATUS_NAMES[s], Survey.status == s) for s in STATUSES])]
    return ListPage(
        context, owner=NAME, query=query, columns=columns, key=Survey.id, sort=(4, Qt.SortOrder.DescendingOrder),
        filters=filters,
        actions=[PageAction(QT_TRANSLATE_NOOP("csat", "Record answer…"), lambda page: record(page, context),
                            needs_row=True, permission=service.RECORD, primary=True)],
        detail=lambda survey_id: survey_detail(context, survey_id),
        count_text=QT_TRANSLATE_NOOP("csat", "{count} surveys"),
        empty_text=QT_TRANSLATE_NOOP("csat", "No survey here. Surveys open when incidents are resolved."),
        export_name="satisfaction-surveys")


def survey_detail(context: Context, survey_id: int) -> str:
    """The survey and the incident it follows up (through the incidents plugin's api.py)."""
    from plugins.incidents.api import incident_summary

    with context.app.session() as session:
        survey = session.get(Survey, survey_id)
        if survey is None:
            return tr(NAME, "This survey no longer exists.")
        incident = incident_summary(session, survey.incident)
    facts = DetailSection(QT_TRANSLATE_NOOP("csat", "Survey"), [
        (QT_TRANSLATE_NOOP("csat", "Status"), tr(NAME, STATUS_NAMES[survey.status])),
        (QT_TRANSLATE_NOOP("csat", "Score"), tr(NAME, SCORE_NAMES[survey.score]) if survey.score else "—"),
        (QT_TRANSLATE_NOOP("csat", "Comment"), survey.comment or "—"),
        (QT_TRANSLATE_NOOP("csat", "Send at"), survey.send_at),
        (QT_TRANSLATE_NOOP("csat", "Recorded by"), survey.recorded_by or "—")])
    sections = [facts]
    if incident is not None:
        sections.append(DetailSection(QT_TRANSLATE_NOOP("csat", "Incident"), [
            (QT_TRANSLATE_NOOP("csat", "Title"), incident.title),
            (QT_TRANSLATE_NOOP("csat", "Customer"), incident.customer_name),
            (QT_TRANSLATE_NOOP("csat", "Resolved"), incident.resolved_at)]))
    return detail_html(survey.incident, sections, owner=NAME, zone=user_zone(context))


def record(page: ListPage, context: Context) -> None:
    """The answer form for the selected survey."""
    survey_id = page.current_key()
    fields = [Field("score", QT_TRANSLATE_NOOP("csat", "Score"), "choice",
                    [(s, SCORE_NAMES[s]) for s in reversed(SCORES)], required=True),
              Field("comment", QT_TRANSLATE_NOOP("csat", "Comment"), "multiline")]
    dialog = FormDialog(page, tr(NAME, "Record the customer's answer"), fields,
                        lambda values: service.record_answer(context.app, context.actor, survey_id, **values),
                        owner=NAME)
    dialog.saved.connect(lambda _r: page.refresh())
    dialog.open()
