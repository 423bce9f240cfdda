"""The settlements page: every partner's statements per period; prepare a period, read a statement's
lines and holds, export it to XLSX or PDF, post it (which locks its claims)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from console.api import Context, utcnow
from console.api.ui import (ChoiceFilter, Column, Field, ListPage, PageAction, html_to_pdf, run_in_background,
                            run_with_progress, tr, user_zone)
from plugins.partners import access, settlement
from plugins.partners.models import Partner, Settlement
from plugins.partners.ui.common import (NAME, SETTLEMENT_STATUS_NAMES, money, named, open_form, partner_choices,
                                        run_action, save_file)


class SettlementsPage(ListPage):
    """Statements, newest period first; the detail pane is the statement itself."""

    def __init__(self, context: Context):
        with context.app.session() as session:
            query = access.scoped(
                select(Settlement.number, Partner.code, Settlement.period_start, Settlement.period_end,
                       Settlement.status, Settlement.payable, Settlement.held, Settlement.created_at,
                       Settlement.posted_at).join(Partner, Partner.id == Settlement.partner_id),
                Settlement.partner_id, session, context.actor)
        columns = [
            Column(QT_TRANSLATE_NOOP("partners", "Statement"), searchable=True, width=22),
            Column(QT_TRANSLATE_NOOP("partners", "Partner"), searchable=True, width=10),
            Column(QT_TRANSLATE_NOOP("partners", "From"), width=11),
            Column(QT_TRANSLATE_NOOP("partners", "To"), width=11),
            Column(QT_TRANSLATE_NOOP("partners", "Status"), format=named(SETTLEMENT_STATUS_NAMES), width=9),
            Column(QT_TRANSLATE_NOOP("partners", "Payable"), format=money, width=12),
            Column(QT_TRANSLATE_NOOP("partners", "Held"), format=money, width=12),
            Column(QT_TRANSLATE_NOOP("partners", "Prepared"), width=16),
            Column(QT_TRANSLATE_NOOP("partners", "Posted"), width=16),
        ]
        filters = [ChoiceFilter(QT_TRANSLATE_NOOP("partners", "Status"), [
            (QT_TRANSLATE_NOOP("partners", "Any status"), None),
            *((SETTLEMENT_STATUS_NAMES[s], Settlement.status == s) for s in ("draft", "posted"))])]
        actions = [
            PageAction(QT_TRANSLATE_NOOP("partners", "Prepare period…"), lambda p: prepare_form(p, context),
                       permission=settlement.SETTLE, primary=True),
            PageAction(QT_TRANSLATE_NOOP("partners", "Export XLSX…"), lambda p: export_xlsx(p, context),
                       needs_row=True),
            PageAction(QT_TRANSLATE_NOOP("partners", "Export PDF…"), lambda p: export_pdf(p, context),
                       needs_row=True),
            PageAction(QT_TRANSLATE_NOOP("partners", "Post…"), lambda p: post(p, context), needs_row=True,
                       permission=settlement.SETTLE),
        ]
        super().__init__(context, owner=NAME, query=query, columns=columns, key=Settlement.number,
                         sort=(2, Qt.SortOrder.DescendingOrder), filters=filters, actions=actions,
                         detail=lambda number: self.statement(number),
                         count_text=QT_TRANSLATE_NOOP("partners", "{count} statements"),
                         empty_text=QT_TRANSLATE_NOOP("partners", "No statement yet: prepare a period."),
                         export_name="settlements")
        #: The version of each statement as its detail pane last showed it (what posting is done on).
        self.versions: dict[str, int] = {}
        self.splitter.setSizes([600, 600])  # the statement needs room for its table

    def statement(self, number: str) -> str:
        """The statement as a document (read off the GUI thread)."""
        with self.context.app.session() as session:
            row = settlement.get_statement(session, self.context.actor, number)
            self.versions[row.number] = row.version
            return settlement.statement_html(session, row.number)


def settlements_page(context: Context) -> SettlementsPage:
    """Settlement statements per partner and period."""
    return SettlementsPage(context)


def prepare_form(page: SettlementsPage, context: Context) -> None:
    """Prepare (or refresh) the draft statements of a period, for every partner or one."""
    today = utcnow().astimezone(user_zone(context)).date()
    end = today.replace(day=1) - timedelta(days=1)

    def fields(session) -> list[Field]:
        return [Field("period_start", QT_TRANSLATE_NOOP("partners", "From"), "date", required=True,
                      default=end.replace(day=1)),
                Field("period_end", QT_TRANSLATE_NOOP("partners", "To"), "date", required=True, default=end),
                Field("partner_code", QT_TRANSLATE_NOOP("partners", "Partner"), "choice",
                      [("", tr(NAME, "Every partner")), *partner_choices(session, active_only=False)])]

    def save(values: dict) -> list[str]:
        return settlement.prepare(context.app, context.actor, period_start=values["period_start"],
                                  period_end=values["period_end"], partner_code=values["partner_code"] or None)

    def done(numbers: list[str]) -> None:
        page.refresh()
        QMessageBox.information(page, tr(NAME, "Prepare period"),
                                tr(NAME, "{count} statements prepared: {numbers}").format(
                                    count=len(numbers), numbers=", ".join(numbers) or "—"))

    open_form(page, context, tr(NAME, "Prepare a settlement period"), fields, save, done=done,
              intro=tr(NAME, "Approved and adjusted claims decided up to the end of the period are settled; claims "
                             "with open findings are held for a later period. Posted statements are not touched."))


def export_xlsx(page: SettlementsPage, context: Context) -> None:
    """Write the selected statement to an Excel workbook."""
    number = page.current_key()
    path = save_file(page, tr(NAME, "Export the statement"), f"{number}.xlsx", tr(NAME, "Excel workbook (*.xlsx)"))
    if not path:
        return

    def write(_progress) -> int:
        with context.app.session() as session:
            settlement.get_statement(session, context.actor, number)
            return settlement.export_xlsx(session, number, path)

    run_with_progress(page, tr(NAME, "Export the statement"), write,
                      on_done=lambda n: QMessageBox.information(
                          page, tr(NAME, "Export the statement"),
                          tr(NAME, "{count} lines written to {path}").format(count=n, path=path)))


def export_pdf(page: SettlementsPage, context: Context) -> None:
    """Print the selected statement to an A4 PDF."""
    number = page.current_key()
    path = save_file(page, tr(NAME, "Export the statement"), f"{number}.pdf", tr(NAME, "PDF document (*.pdf)"))
    if not path:
        return

    def read() -> str:
        with context.app.session() as session:
            settlement.get_statement(session, context.actor, number)
            return settlement.statement_html(session, number)

    def write(html: str) -> None:
        html_to_pdf(html, path, title=number)
        QMessageBox.information(page, tr(NAME, "Export the statement"),
                                tr(NAME, "The statement was written to {path}").format(path=path))

    run_in_background(page, read, write, lambda error, _t: page.show_message(error))


def post(page: SettlementsPage, context: Context) -> None:
    """Post the selected draft statement: its payable claims are settled and locked."""
    number = page.current_key()
    version = page.versions.get(number)
    run_action(page, lambda: settlement.post(context.app, context.actor, number, expected_version=version),
               question=tr(NAME, "Post statement {number}? Its payable claims are settled and can never change "
                                 "again; held claims wait for a later period.").format(number=number),
               title=tr(NAME, "Post"))
