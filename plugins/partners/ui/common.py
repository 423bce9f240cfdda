"""What the partner pages share: translated names of stored codes (steps, reasons, levels, claim,
finding and settlement statuses), cell formats (money, km, durations), the read-only tables and
error lines of the review panes, and forms, actions and file imports that run their work off the
GUI thread."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any, Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHeaderView, QLabel, QMessageBox, QTableWidget,
                               QTableWidgetItem, QWidget)
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import Context
from console.api.ui import (Field, FormDialog, confirm, display_text, message_for, run_in_background,
                            run_with_progress, section_label, tr, user_zone)
from plugins.partners.models import Partner

NAME = "partners"

#: The steps of a service order; an order's status is its latest step.
STEP_NAMES = {
    "dispatched": QT_TRANSLATE_NOOP("partners", "Dispatched"), "accepted": QT_TRANSLATE_NOOP("partners", "Accepted"),
    "rejected": QT_TRANSLATE_NOOP("partners", "Rejected"), "departed": QT_TRANSLATE_NOOP("partners", "Departed"),
    "arrived": QT_TRANSLATE_NOOP("partners", "Arrived"), "fixed": QT_TRANSLATE_NOOP("partners", "Fixed"),
    "incomplete": QT_TRANSLATE_NOOP("partners", "Closed incomplete"),
    "confirmed": QT_TRANSLATE_NOOP("partners", "Customer confirmed"),
    "closed": QT_TRANSLATE_NOOP("partners", "Closed"),
}
REASON_NAMES = {
    "no_capacity": QT_TRANSLATE_NOOP("partners", "No capacity"),
    "out_of_area": QT_TRANSLATE_NOOP("partners", "Outside the service area"),
    "no_skill": QT_TRANSLATE_NOOP("partners", "No qualified engineer"),
    "customer_unreachable": QT_TRANSLATE_NOOP("partners", "Customer unreachable"),
    "part_missing": QT_TRANSLATE_NOOP("partners", "Part missing"),
    "wrong_part": QT_TRANSLATE_NOOP("partners", "Wrong part"),
    "customer_absent": QT_TRANSLATE_NOOP("partners", "Customer absent"),
    "needs_escalation": QT_TRANSLATE_NOOP("partners", "Needs escalation"),
    "other": QT_TRANSLATE_NOOP("partners", "Other"),
}
LEVEL_NAMES = {"gold": QT_TRANSLATE_NOOP("partners", "Gold"), "silver": QT_TRANSLATE_NOOP("partners", "Silver"),
               "authorised": QT_TRANSLATE_NOOP("partners", "Authorised")}
SOURCE_NAMES = {"dispatch": QT_TRANSLATE_NOOP("partners", "Incident dispatch"),
                "manual": QT_TRANSLATE_NOOP("partners", "Entered by hand"),
                "import": QT_TRANSLATE_NOOP("partners", "Imported")}
CLOCK_NAMES = {"accept": QT_TRANSLATE_NOOP("partners", "Accept"), "arrive": QT_TRANSLATE_NOOP("partners", "Arrive"),
               "fix": QT_TRANSLATE_NOOP("partners", "Fix")}
CLOCK_STATE_NAMES = {
    "not_started": QT_TRANSLATE_NOOP("partners", "Not started"), "running": QT_TRANSLATE_NOOP("partners", "Running"),
    "paused": QT_TRANSLATE_NOOP("partners", "Paused"), "met": QT_TRANSLATE_NOOP("partners", "Met"),
    "breached": QT_TRANSLATE_NOOP("partners", "Breached"),
    "cancelled": QT_TRANSLATE_NOOP("partners", "Not applicable"),
}
CLAIM_STATUS_NAMES = {
    "submitted": QT_TRANSLATE_NOOP("partners", "Submitted"), "in_review": QT_TRANSLATE_NOOP("partners", "In review"),
    "approved": QT_TRANSLATE_NOOP("partners", "Approved"), "adjusted": QT_TRANSLATE_NOOP("partners", "Adjusted"),
    "rejected": QT_TRANSLATE_NOOP("partners", "Rejected"), "settled": QT_TRANSLATE_NOOP("partners", "Settled"),
}
SEVERITY_NAMES = {"info": QT_TRANSLATE_NOOP("partners", "Info"), "warning": QT_TRANSLATE_NOOP("partners", "Warning"),
                  "critical": QT_TRANSLATE_NOOP("partners", "Critical")}
FINDING_STATUS_NAMES = {"open": QT_TRANSLATE_NOOP("partners", "Open"),
                        "accepted": QT_TRANSLATE_NOOP("partners", "Accepted (finding stands)"),
                        "overruled": QT_TRANSLATE_NOOP("partners", "Overruled"),
                        "resolved": QT_TRANSLATE_NOOP("partners", "Resolved (no longer found)")}
SETTLEMENT_STATUS_NAMES = {"draft": QT_TRANSLATE_NOOP("partners", "Draft"),
                           "posted": QT_TRANSLATE_NOOP("partners", "Posted")}
YES_NO = {True: QT_TRANSLATE_NOOP("partners", "Yes"), False: QT_TRANSLATE_NOOP("partners", "No")}


# -- cell formats ----------------------------------------------------------------------------
def name(names: dict[Any, str], value: Any) -> str:
    """The translated name of a stored code (the code itself when unknown; empty for NULL)."""
    if value in names:
        return tr(NAME, names[value])
    return "" if value is None else str(value)


def named(names: dict[Any, str]) -> Callable[[Any], str]:
    """A cell format that shows a stored code by its translated name."""
    return lambda value: name(names, value)


def money(value) -> str:
    """``1,234.50``; empty for NULL."""
    return "" if value is None else f"{Decimal(value):,.2f}"


def km(value) -> str:
    """``12.5 km``; empty for NULL."""
    return "" if value is None else f"{Decimal(value):,.1f} km"


def yes_no(value) -> str:
    """Yes or No, translated."""
    return tr(NAME, YES_NO[bool(value)])


def duration(value: timedelta) -> str:
    """``2 h 05 min`` (translated units); a negative duration keeps its sign."""
    minutes = int(abs(value).total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    sign = "-" if value < timedelta(0) else ""
    if hours:
        return sign + tr(NAME, "{hours} h {minutes:02d} min").format(hours=hours, minutes=minutes)
    return sign + tr(NAME, "{minutes} min").format(minutes=minutes)


def partner_choices(session: Session, *, active_only: bool = True) -> list[tuple[str, str]]:
    """``(code, "code · name")`` of the partners, by code."""
    query = select(Partner.code, Partner.name).order_by(Partner.code)
    if active_only:
        query = query.where(Partner.active.is_(True))
    return [(code, f"{code} · {partner}") for code, partner in session.execute(query)]


# -- review panes ----------------------------------------------------------------------------
def read_only_table(columns: int) -> QTableWidget:
    """A table of texts to read and select rows in (not to edit), its columns fitting their contents."""
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[str]], *, tooltips: bool = False) -> None:
    """Show ``rows`` (each its cells' texts) in ``table`` instead of what it showed (``tooltips``: each
    cell's text as its tooltip too, for cells too narrow for it)."""
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if tooltips:
                item.setToolTip(text)
            table.setItem(row, column, item)


def error_label() -> QLabel:
    """A hidden, wrapping line in the error style: where a pane says why it could not read or save."""
    label = section_label("", "errorText")
    label.setWordWrap(True)
    label.hide()
    return label


# -- forms and actions -----------------------------------------------------------------------
def open_form(page: QWidget, context: Context, title: str, fields: Callable[[Session], list[Field]],
              save: Callable[[dict[str, Any]], Any], *, intro: str = "",
              values: Callable[[Session], dict] | None = None, done: Callable[[Any], None] | None = None) -> None:
    """Read the form's choices (and current values) off the GUI thread, then open the form; after a
    save ``done(result)`` runs, or the page (anything with ``refresh()``) reloads."""
    def load():
        with context.app.session() as session:
            return fields(session), (values(session) if values else {})

    def show(loaded) -> None:
        form_fields, current = loaded
        dialog = FormDialog(page, title, form_fields, save, owner=NAME, values=current, intro=intro,
                            zone=user_zone(context))
        dialog.saved.connect(done or (lambda _result: page.refresh()))
        dialog.open()

    run_in_background(page, load, show, lambda error, _t: _warn(page, title, error))


def run_action(page: QWidget, work: Callable[[], Any], *, question: str | None = None, title: str = "",
               done: Callable[[Any], None] | None = None) -> None:
    """Ask ``question`` (when given), run ``work`` off the GUI thread, then ``done`` or reload the page."""
    if question and not confirm(page, title or tr(NAME, "Partners"), question):
        return
    run_in_background(page, work, done or (lambda _result: page.refresh()),
                      lambda error, _t: _warn(page, title, error))


def import_file(page: QWidget, title: str, work: Callable[[str], Any], report: Callable[[Any], str]) -> None:
    """Choose a CSV/XLSX file and import it behind a progress dialog; say what was written, or every problem."""
    path, _ = QFileDialog.getOpenFileName(page, title, "", tr(NAME, "Spreadsheets (*.xlsx *.csv)"))
    if not path:
        return

    def finished(result) -> None:
        page.refresh()
        QMessageBox.information(page, title, report(result))

    run_with_progress(page, title, lambda _progress: work(path), on_done=finished)


def import_report(result, zone=None) -> str:
    """What an import (``imports.ImportResult``) did, in the user's language and time zone."""
    if result.already is not None:
        return tr(NAME, "{file} was already imported on {at} by {who}; nothing was changed.").format(
            file=result.filename, at=display_text(result.already.imported_at, zone), who=result.already.imported_by)
    return tr(NAME, "{file}: {added} added, {skipped} already present and left as they were.").format(
        file=result.filename, added=result.added, skipped=result.skipped)


def save_file(page: QWidget, title: str, suggested: str, kinds: str | None = None) -> str | None:
    """Ask where to write a file (default: a spreadsheet); None when the user cancelled."""
    path, _ = QFileDialog.getSaveFileName(page, title, suggested,
                                          kinds or tr(NAME, "Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"))
    return path or None


def _warn(page: QWidget, title: str, error: BaseException) -> None:
    """Tell the user why it did not happen (a ListPage says it its own way)."""
    if hasattr(page, "show_message"):
        page.show_message(error)
    else:
        QMessageBox.warning(page, title or tr(NAME, "Partners"), message_for(error))
