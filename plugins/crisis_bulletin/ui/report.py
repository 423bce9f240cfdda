"""The acknowledgement report of one bulletin: who, when, who not yet — on screen, exported, printed or as PDF."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QVBoxLayout, QWidget
from sqlalchemy import or_

from console.api import Context, utcnow
from console.api.ui import (
    ChoiceFilter,
    Column,
    ListPage,
    display_text,
    html_to_pdf,
    print_html,
    run_in_background,
    tr,
    user_zone,
)
from plugins.crisis_bulletin import acknowledgements
from plugins.crisis_bulletin.acknowledgements import done, report_select
from plugins.crisis_bulletin.common import NAME
from plugins.crisis_bulletin.models import Acknowledgement
from plugins.crisis_bulletin.reports import report_rows
from plugins.crisis_bulletin.ui.common import READER_STATE_COLOURS, READER_STATE_NAMES, name_of, named

TITLES = (QT_TRANSLATE_NOOP("crisis_bulletin", "Reader"), QT_TRANSLATE_NOOP("crisis_bulletin", "Partner"),
          QT_TRANSLATE_NOOP("crisis_bulletin", "Lead"), QT_TRANSLATE_NOOP("crisis_bulletin", "State"),
          QT_TRANSLATE_NOOP("crisis_bulletin", "Delivered"), QT_TRANSLATE_NOOP("crisis_bulletin", "Read"),
          QT_TRANSLATE_NOOP("crisis_bulletin", "Acknowledged"), QT_TRANSLATE_NOOP("crisis_bulletin", "Reminders"),
          QT_TRANSLATE_NOOP("crisis_bulletin", "Escalated"))


def summary_text(counts: acknowledgements.Progress) -> str:
    """“37 of 40 acknowledged · 3 not yet (2 overdue) · 1 escalated”."""
    return tr(NAME, "{done} of {readers} acknowledged · {missing} not yet ({overdue} overdue) · {escalated} escalated"
              ).format(done=counts.acknowledged, readers=counts.readers, missing=counts.missing,
                       overdue=counts.overdue, escalated=counts.escalated)


class ReadersDialog(QDialog):
    """Every reader of a bulletin with their progress; loads off the GUI thread, then shows the list."""

    def __init__(self, parent: QWidget | None, context: Context, bulletin_id: int):
        super().__init__(parent)
        self.context, self.bulletin_id = context, bulletin_id
        self.setWindowTitle(tr(NAME, "Readers and acknowledgements"))
        self.resize(1100, 640)
        self.list: ListPage | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel(tr(NAME, "Loading…"))
        self.heading.setObjectName("sectionTitle")
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.outputs = [self.buttons.addButton(tr(NAME, "Print…"), QDialogButtonBox.ButtonRole.ActionRole),
                        self.buttons.addButton(tr(NAME, "Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole)]
        self.outputs[0].clicked.connect(self.print_report)
        self.outputs[1].clicked.connect(lambda: self.save_pdf())
        for button in self.outputs:
            button.setEnabled(False)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        run_in_background(self, self._load, self._loaded, lambda error, _t: self.heading.setText(str(error)))

    def _load(self):
        return acknowledgements.report_for(self.context.app, self.context.actor, self.bulletin_id)

    def _loaded(self, loaded) -> None:
        self.bulletin, counts = loaded
        self.heading.setText(f"{self.bulletin.number} · {self.bulletin.title}")
        self.summary.setText(summary_text(counts))
        self.list = readers_list(self.context, self.bulletin)
        self.layout().insertWidget(2, self.list, 1)
        for button in self.outputs:
            button.setEnabled(True)

    def loading(self) -> bool:
        """True until the list is built and loaded (the screenshot tool and tests wait for it)."""
        return self.list is None or self.list.loading()

    def _html(self) -> str:
        with self.context.app.session() as session:
            rows = report_rows(session, self.bulletin, user_zone(self.context))
            counts = acknowledgements.progress(session, self.bulletin)
        head = "".join(f"<th align='left'>{escape(tr(NAME, t))}</th>" for t in TITLES)
        body = "".join("<tr>" + "".join(f"<td>{escape(_cell(i, v))}</td>" for i, v in enumerate(row)) + "</tr>"
                       for row in rows)
        return (f"<html><head><meta charset='utf-8'></head><body><h2>{escape(self.bulletin.number)} · "
                f"{escape(self.bulletin.title)}</h2><p>{escape(summary_text(counts))}</p>"
                f"<table cellspacing='0' cellpadding='3' border='1' style='border-collapse:collapse'>"
                f"<tr>{head}</tr>{body}</table><p style='color:#8a94a3'>"
                f"{escape(display_text(utcnow(), user_zone(self.context)))}</p></body></html>")

    def print_report(self) -> None:
        """Print the report (its rows are read off the GUI thread)."""
        run_in_background(self, self._html,
                          lambda html: print_html(self, html, tr(NAME, "Readers and acknowledgements")))

    def save_pdf(self, path: str | None = None) -> None:
        """Save the report as PDF (asks where unless ``path`` is given)."""
        if path is None:
            path, _kind = QFileDialog.getSaveFileName(self, tr(NAME, "Save as PDF…"), f"{self.bulletin.number}-"
                                                      "readers.pdf", tr(NAME, "PDF document (*.pdf)"))
        if path:
            run_in_background(self, self._html, lambda html: html_to_pdf(html, Path(path), self.bulletin.number))


def _cell(index: int, value) -> str:
    if index == 3:
        return name_of(READER_STATE_NAMES, value)
    if value is None:
        return ""
    return f"{value:%Y-%m-%d %H:%M}" if hasattr(value, "strftime") else str(value)


def readers_list(context: Context, bulletin) -> ListPage:
    """The readers of ``bulletin`` as a list page (search, filters, export), missing readers first."""
    query = report_select(bulletin)
    formats = {3: named(READER_STATE_NAMES)}
    columns = [Column(title, searchable=index in (0, 1, 2), format=formats.get(index),
                      colour=READER_STATE_COLOURS.get if index == 3 else None,
                      align="right" if index == 7 else "left", width=(20, 10, 18, 12, 15, 15, 15, 9, 15)[index],
                      nullable=index not in (0, 3, 4, 7))
               for index, title in enumerate(TITLES)]
    missing = or_(Acknowledgement.acknowledged_revision.is_(None),
                  Acknowledgement.acknowledged_revision < bulletin.ack_revision)
    filters = [ChoiceFilter(QT_TRANSLATE_NOOP("crisis_bulletin", "Readers"), [
        (QT_TRANSLATE_NOOP("crisis_bulletin", "All readers"), None),
        (QT_TRANSLATE_NOOP("crisis_bulletin", "Not yet acknowledged"), missing),
        (QT_TRANSLATE_NOOP("crisis_bulletin", "Acknowledged"), done(bulletin)),
        (QT_TRANSLATE_NOOP("crisis_bulletin", "Acknowledged late"),
         done(bulletin) & (Acknowledgement.acknowledged_at > bulletin.ack_deadline)),
        (QT_TRANSLATE_NOOP("crisis_bulletin", "Escalated to their lead"), Acknowledgement.escalated_at.is_not(None)),
    ])]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=Acknowledgement.id,
                    sort=(3, Qt.SortOrder.DescendingOrder), filters=filters,
                    count_text=QT_TRANSLATE_NOOP("crisis_bulletin", "{count} readers"),
                    empty_text=QT_TRANSLATE_NOOP("crisis_bulletin", "No reader matches."),
                    export_name=f"{bulletin.number}-readers")
