"""The bulletin board: bulletins newest first with acknowledgement progress; acknowledge, publish."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import func, select

from console.api import Context
from console.api.ui import (
    ChoiceFilter,
    Column,
    DetailSection,
    Field,
    FormDialog,
    ListPage,
    PageAction,
    detail_html,
    run_in_background,
    tr,
    user_zone,
)
from plugins.crisis_bulletin import service
from plugins.crisis_bulletin.models import SEVERITIES, Acknowledgement, Bulletin

NAME = "crisis_bulletin"
SEVERITY_NAMES = {"critical": QT_TRANSLATE_NOOP("crisis_bulletin", "Critical"),
                  "major": QT_TRANSLATE_NOOP("crisis_bulletin", "Major"),
                  "minor": QT_TRANSLATE_NOOP("crisis_bulletin", "Minor")}
SEVERITY_COLOURS = {"critical": "#b3261e", "major": "#c25a00", "minor": "#5f6b7a"}


def bulletins_page(context: Context) -> ListPage:
    """Every bulletin with how many of its readers acknowledged it."""
    acks = (select(Acknowledgement.bulletin_id, func.count().label("readers"),
                   func.count(Acknowledgement.acknowledged_at).label("acknowledged"))
            .group_by(Acknowledgement.bulletin_id).subquery())
    mine = (select(Acknowledgement.bulletin_id).where(Acknowledgement.user_id == context.actor.user_id,
                                                      Acknowledgement.acknowledged_at.is_(None)))
    query = (select(Bulletin.title, Bulletin.severity, Bulletin.published_at, Bulletin.ack_deadline,
                    func.coalesce(acks.c.acknowledged, 0), func.coalesce(acks.c.readers, 0))
             .outerjoin(acks, acks.c.bulletin_id == Bulletin.id))
    columns = [
        Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Title"), searchable=True, width=44),
        Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Severity"),
               format=lambda s: tr(NAME, SEVERITY_NAMES.get(s, s)), colour=SEVERITY_COLOURS.get, width=10),
        Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Published"), width=16),
        Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Acknowledge by"), width=16),
        Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Acknowledged"), align="right", nullable=False, width=12),
        Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Readers"), align="right", nullable=False, width=10),
    ]
    filters = [ChoiceFilter(QT_TRANSLATE_NOOP("crisis_bulletin", "Bulletins"), [
        (QT_TRANSLATE_NOOP("crisis_bulletin", "All bulletins"), None),
        (QT_TRANSLATE_NOOP("crisis_bulletin", "Waiting for my acknowledgement"), Bulletin.id.in_(mine))]),
        ChoiceFilter(QT_TRANSLATE_NOOP("crisis_bulletin", "Severity"),
                     [(QT_TRANSLATE_NOOP("crisis_bulletin", "Any severity"), None)]
                     + [(SEVERITY_NAMES[s], Bulletin.severity == s) for s in SEVERITIES])]
    return ListPage(
        context, owner=NAME, query=query, columns=columns, key=Bulletin.id, sort=(2, Qt.SortOrder.DescendingOrder),
        filters=filters,
        actions=[PageAction(QT_TRANSLATE_NOOP("crisis_bulletin", "Acknowledge"), lambda p: acknowledge(p, context),
                            needs_row=True),
                 PageAction(QT_TRANSLATE_NOOP("crisis_bulletin", "Publish bulletin…"), lambda p: compose(p, context),
                            permission=service.EDIT, primary=True)],
        detail=lambda bulletin_id: bulletin_detail(context, bulletin_id),
        count_text=QT_TRANSLATE_NOOP("crisis_bulletin", "{count} bulletins"),
        empty_text=QT_TRANSLATE_NOOP("crisis_bulletin", "No bulletin matches."), export_name="bulletins")


def bulletin_detail(context: Context, bulletin_id: int) -> str:
    """The bulletin's text and the reader's own acknowledgement state."""
    with context.app.session() as session:
        bulletin = session.get(Bulletin, bulletin_id)
        if bulletin is None:
            return tr(NAME, "This bulletin no longer exists.")
        own = session.scalar(select(Acknowledgement).where(Acknowledgement.bulletin_id == bulletin_id,
                                                           Acknowledgement.user_id == context.actor.user_id))
    if own is None:
        state = tr(NAME, "Not addressed to you")
    elif own.acknowledged_at:
        state = tr(NAME, "You acknowledged it")
    else:
        state = tr(NAME, "Waiting for your acknowledgement")
    zone = user_zone(context)
    facts = DetailSection(QT_TRANSLATE_NOOP("crisis_bulletin", "Bulletin"), [
        (QT_TRANSLATE_NOOP("crisis_bulletin", "Severity"), tr(NAME, SEVERITY_NAMES[bulletin.severity])),
        (QT_TRANSLATE_NOOP("crisis_bulletin", "Published"), bulletin.published_at),
        (QT_TRANSLATE_NOOP("crisis_bulletin", "Acknowledge by"), bulletin.ack_deadline),
        (QT_TRANSLATE_NOOP("crisis_bulletin", "You"), state)])
    text = DetailSection(QT_TRANSLATE_NOOP("crisis_bulletin", "Text"), [("", bulletin.body)])
    return detail_html(bulletin.title, [facts, text], owner=NAME, zone=zone)


def acknowledge(page: ListPage, context: Context) -> None:
    """Acknowledge the selected bulletin (off the GUI thread), then reload the list."""
    bulletin_id = page.current_key()
    run_in_background(page, lambda: service.acknowledge(context.app, context.actor, bulletin_id),
                      lambda _at: page.refresh(), lambda error, _t: page.show_message(error))


def compose(page: ListPage, context: Context) -> None:
    """The publish form: title, severity and text, sent to everyone."""
    fields = [
        Field("title", QT_TRANSLATE_NOOP("crisis_bulletin", "Title"), required=True),
        Field("severity", QT_TRANSLATE_NOOP("crisis_bulletin", "Severity"), "choice",
              [(s, SEVERITY_NAMES[s]) for s in SEVERITIES], required=True, default="major"),
        Field("body", QT_TRANSLATE_NOOP("crisis_bulletin", "Text"), "multiline", required=True),
    ]
    dialog = FormDialog(page, tr(NAME, "Publish a bulletin"), fields,
                        lambda values: service.publish(context.app, context.actor, **values), owner=NAME)
    dialog.saved.connect(lambda _id: page.refresh())
    dialog.open()
