"""What the spare-part pages share: translated names of codes, cell formats, forms that load their
choices off the GUI thread, file imports behind a progress dialog."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import Context
from console.api.ui import Field, FormDialog, ListPage, confirm, run_in_background, run_with_progress, tr
from console.api.ui import user_zone
from plugins.spares.models import DEPOT_KINDS, Location
from plugins.spares.service.common import reading

NAME = "spares"

LOCATION_KINDS = {
    "central": QT_TRANSLATE_NOOP("spares", "Central depot"), "regional": QT_TRANSLATE_NOOP("spares", "Regional depot"),
    "consignment": QT_TRANSLATE_NOOP("spares", "Partner consignment"),
    "in_transit": QT_TRANSLATE_NOOP("spares", "In transit"), "repair": QT_TRANSLATE_NOOP("spares", "Repair vendor"),
    "defective": QT_TRANSLATE_NOOP("spares", "Defective store"), "scrap": QT_TRANSLATE_NOOP("spares", "Scrap"),
}
MOVE_KINDS = {
    "receipt": QT_TRANSLATE_NOOP("spares", "Receipt"), "transfer": QT_TRANSLATE_NOOP("spares", "Transfer"),
    "issue": QT_TRANSLATE_NOOP("spares", "Issue"), "unused_return": QT_TRANSLATE_NOOP("spares", "Returned unused"),
    "defective_return": QT_TRANSLATE_NOOP("spares", "Defective return"),
    "restock": QT_TRANSLATE_NOOP("spares", "Back to stock (unused)"),
    "repair_send": QT_TRANSLATE_NOOP("spares", "Sent to repair"),
    "repair_receipt": QT_TRANSLATE_NOOP("spares", "Back from repair"), "scrap": QT_TRANSLATE_NOOP("spares", "Scrapped"),
    "count_adjustment": QT_TRANSLATE_NOOP("spares", "Count adjustment"),
    "transit_loss": QT_TRANSLATE_NOOP("spares", "Lost in transit"),
}
YES_NO = {True: QT_TRANSLATE_NOOP("spares", "Yes"), False: QT_TRANSLATE_NOOP("spares", "No")}


def named(names: dict[Any, str]) -> Callable[[Any], str]:
    """A cell format that shows a stored code by its translated name."""
    return lambda value: tr(NAME, names[value]) if value in names else ("" if value is None else str(value))


def quantity(value) -> str:
    """``3``, ``2.5``; empty for NULL."""
    return "" if value is None else f"{Decimal(value).normalize():,f}"


def money(value) -> str:
    """``1,234.50``; empty for NULL."""
    return "" if value is None else f"{Decimal(value):,.2f}"


def percent(value) -> str:
    """``92.5 %``; a dash when there is nothing to divide."""
    return "—" if value is None else f"{value} %"


def yes_no(value) -> str:
    """Yes or No, translated."""
    return tr(NAME, YES_NO[bool(value)])


def location_choices(session: Session, kinds: Sequence[str] = DEPOT_KINDS) -> list[tuple[str, str]]:
    """``(code, "code · name")`` of the active locations of ``kinds``, by code."""
    return [(code, f"{code} · {name}") for code, name in session.execute(
        select(Location.code, Location.name).where(Location.kind.in_(kinds), Location.active.is_(True))
        .order_by(Location.code))]


def open_form(page: ListPage, context: Context, title: str, fields: Callable[[Session], list[Field]],
              save: Callable[[dict[str, Any]], Any], *, intro: str = "", values: Callable[[Session], dict] | None = None,
              version: tuple[type, Any] | None = None) -> None:
    """Read the form's choices (and its current values) off the GUI thread, then open it; the page
    reloads after a save.

    With ``version=(model, key)`` the row's version is read with them and handed to ``save`` as
    ``expected_version``: a save over someone else's change is refused and the typing kept.
    """
    def load():
        with reading(context.app) as session:
            row = session.get(version[0], version[1]) if version else None
            return fields(session), (values(session) if values else {}), (row.version if row else None)

    def show(loaded) -> None:
        form_fields, current, expected = loaded
        submit = (lambda typed: save({**typed, "expected_version": expected})) if version else save
        dialog = FormDialog(page, title, form_fields, submit, owner=NAME, values=current, intro=intro,
                            zone=user_zone(context))
        dialog.saved.connect(lambda _result: page.refresh())
        dialog.open()

    run_in_background(page, load, show, lambda error, _t: page.show_message(error))


def decision_form(page: ListPage, context: Context, title: str, approve: str, reject: str,
                  decide: Callable[..., Any]) -> None:
    """Ask an approver to approve or reject (with a note); ``decide(approve=…, note=…)`` applies it."""
    open_form(page, context, title, lambda session: [
        Field("approve", QT_TRANSLATE_NOOP("spares", "Decision"), "choice", [(True, approve), (False, reject)],
              required=True),
        Field("note", QT_TRANSLATE_NOOP("spares", "Note")),
    ], lambda v: decide(**v))


def quantity_fields(quantity_help: str = QT_TRANSLATE_NOOP("spares", "Leave empty for serialized parts.")
                    ) -> list[Field]:
    """The quantity and the scanned serials of a move."""
    return [Field("quantity", QT_TRANSLATE_NOOP("spares", "Quantity"), "decimal", help=quantity_help),
            Field("serial", QT_TRANSLATE_NOOP("spares", "Serial numbers"), "multiline",
                  help=QT_TRANSLATE_NOOP("spares", "Scan or type one serial per line; the quantity is then the "
                                                   "number of serials."))]


def run_action(page: ListPage, question: str | None, work: Callable[[], Any], done: Callable[[Any], None] | None = None,
               title: str = "") -> None:
    """Ask ``question`` (when given), run ``work`` off the GUI thread, reload the page and report failures."""
    if question and not confirm(page, title or tr(NAME, "Spare parts"), question):
        return

    def finished(result) -> None:
        page.refresh()
        if done is not None:
            done(result)

    run_in_background(page, work, finished, lambda error, _t: page.show_message(error))


def import_file(page: ListPage, title: str, work: Callable[[str], Any], report: Callable[[Any], str]) -> None:
    """Choose a CSV/XLSX file and import it behind a progress dialog; say what was written, or every problem."""
    path, _ = QFileDialog.getOpenFileName(page, title, "", tr(NAME, "Spreadsheets (*.xlsx *.csv)"))
    if not path:
        return

    def finished(result) -> None:
        page.refresh()
        QMessageBox.information(page, title, report(result))

    run_with_progress(page, title, lambda _progress: work(path), on_done=finished)


def save_file(page: ListPage, title: str, name: str) -> str | None:
    """Ask where to write a spreadsheet; None when the user cancelled."""
    path, _ = QFileDialog.getSaveFileName(page, title, name, tr(NAME, "Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"))
    return path or None
