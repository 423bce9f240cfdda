"""Stock counts (盘点): a count sheet per depot, the counted quantities, and the differences posted as adjustments.

A sheet takes the book quantity of every line when it is made. Posting adjusts each line by
counted − book, so moves made while counting are kept. Differences worth more than
``spares.adjustment_approval_value`` wait for an approver who did not submit the sheet.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from console.api import Actor, AppContext, ValidationError, tables, utcnow
from plugins.spares.models import DEPOT_KINDS, Count, CountLine, Location, Part, SafetyStock, Stock
from plugins.spares.service import stock
from plugins.spares.service.common import (
    APPROVE,
    MOVE,
    ZERO,
    Policy,
    alert,
    check_version,
    clean,
    code,
    exact,
    get_or_404,
    location_by_code,
    next_numbers,
    part_by_number,
    policy,
    reading,
)
from plugins.spares.service.ledger import MoveSpec

PAGE_ID = "spares.counts"
SHEET_COLUMNS = (
    tables.TableColumn("part_number", "Part number", ("备件号", "料号"), required=True, parse=tables.text(64)),
    tables.TableColumn("serial", "Serial", ("序列号", "serial number"), parse=tables.text(64)),
    tables.TableColumn("counted", "Counted", ("实盘数量", "盘点数量", "counted quantity"), parse=tables.decimal(3)),
)


def create_count(app: AppContext, actor: Actor, *, depot_code: str, note: str | None = None) -> int:
    """Make a count sheet for a depot with the book quantity of everything it holds (and every part it
    should hold: its safety-stock parts); returns the sheet's id."""
    with app.unit_of_work(actor, MOVE) as work:
        session = work.session
        depot = location_by_code(session, depot_code, "depot_code", DEPOT_KINDS, "depot")
        busy = session.scalar(select(Count.number).where(Count.location_id == depot.id,
                                                         Count.status.in_(("counting", "awaiting_approval"))))
        if busy:
            raise ValidationError(f"{depot.code} is being counted on {busy} already; finish or cancel it first.",
                                  "depot_code")
        now = utcnow()
        (number,) = next_numbers(session, "CT", now)
        sheet = Count(number=number, location_id=depot.id, status="counting", created_at=now,
                      created_by=actor.username, note=clean(note))
        session.add(sheet)
        session.flush()
        book = {(p, s): q for p, s, q in session.execute(
            select(Stock.part_id, Stock.serial, Stock.quantity).where(Stock.location_id == depot.id))}
        for (part_id,) in session.execute(select(SafetyStock.part_id).where(SafetyStock.location_id == depot.id)):
            if not any(p == part_id for p, _s in book):
                book[part_id, ""] = ZERO
        if book:
            session.execute(CountLine.__table__.insert(), [
                {"count_id": sheet.id, "part_id": p, "serial": s, "book_quantity": q}
                for (p, s), q in sorted(book.items())])
        work.audit("count.create", "count", number, {"depot": depot.code, "lines": len(book)})
    return sheet.id


def _sheet(session: Session, count_id: int, states: tuple[str, ...], doing: str) -> Count:
    sheet = get_or_404(session, Count, count_id, "This count sheet")
    if sheet.status not in states:
        raise ValidationError(f"Count {sheet.number} is {sheet.status.replace('_', ' ')}; it cannot be {doing}.",
                              "count")
    return sheet


def enter_counts(app: AppContext, actor: Actor, count_id: int, *, counted: dict[int, object] | None = None,
                 found: list[tuple[str, str | None, object]] | None = None,
                 expected_version: int | None = None) -> None:
    """Record counted quantities by line id (None: not counted yet), and ``found`` units that are not on the
    sheet as ``(part number, serial, quantity)``."""
    with app.unit_of_work(actor, MOVE) as work:
        session = work.session
        sheet = _sheet(session, count_id, ("counting",), "counted")
        check_version(sheet, expected_version, f"Count {sheet.number}")
        lines = _lines(session, sheet)
        by_id = {line.id: line for line in lines.values()}
        for line_id, value in (counted or {}).items():
            line = by_id.get(int(line_id))
            if line is None:
                raise ValidationError(f"Line {line_id} is not on {sheet.number}; reload the sheet.", "counted")
            line.counted_quantity = _counted(line.serial, value)
        for part_number, serial, value in found or []:
            _set_found(session, sheet, lines, part_number, serial, value)
        flag_modified(sheet, "status")  # an edit of its lines is an edit of the sheet: its version moves on
        work.audit("count.enter", "count", sheet.number, {"lines": len(counted or {}), "found": len(found or [])})


def found_from_text(text: str | None) -> list[tuple[str, str | None, object]]:
    """Units found that the sheet does not list, as typed: ``PART-NUMBER SERIAL`` or ``PART-NUMBER quantity``
    per line."""
    found = []
    for number, row in enumerate((text or "").splitlines(), start=1):
        words = row.replace(",", " ").split()
        if not words:
            continue
        if len(words) != 2:
            raise ValidationError(f"Found line {number}: write the part number and then a serial or a quantity.",
                                  "found")
        part_number, other = words
        is_quantity = other.replace(".", "", 1).isdigit()
        found.append((part_number, None if is_quantity else other, other if is_quantity else 1))
    return found


def _lines(session: Session, sheet: Count) -> dict[tuple[int, str], CountLine]:
    return {(line.part_id, line.serial): line
            for line in session.scalars(select(CountLine).where(CountLine.count_id == sheet.id))}


def _counted(serial: str, value) -> Decimal | None:
    if value in (None, ""):
        return None
    quantity = exact(value, "counted", "counted quantity")
    if quantity < 0:
        raise ValidationError("A counted quantity cannot be negative.", "counted")
    if serial and quantity not in (0, 1):
        raise ValidationError(f"Serial {serial} is one unit: count it as 1 (there) or 0 (missing).", "counted")
    return quantity


def _set_found(session: Session, sheet: Count, lines: dict[tuple[int, str], CountLine], part_number: str,
               serial: str | None, value) -> None:
    """Set the count of a (part, serial) on the sheet, adding a line (book 0) for a unit it did not list."""
    part = part_by_number(session, part_number)
    serial = code(serial)
    if part.serialized != bool(serial):
        raise ValidationError(f"{part.part_number} {'needs' if part.serialized else 'has no'} serial; "
                              f"{'give' if part.serialized else 'leave out'} the serial of what was found.", "serial")
    quantity = _counted(serial, value)
    line = lines.get((part.id, serial))
    if line is None:
        line = lines[part.id, serial] = CountLine(count_id=sheet.id, part_id=part.id, serial=serial,
                                                  book_quantity=ZERO)
        session.add(line)
    line.counted_quantity = quantity


SHEET_TITLES = ("Part number", "Name", "Serial", "Book", "Counted")


def export_sheet(app: AppContext, count_id: int, path: Path | str, titles: tuple[str, ...] = SHEET_TITLES) -> int:
    """Write a count sheet to CSV/XLSX for counting on paper or in Excel (``import_counts`` reads it back,
    with English or Chinese headers)."""
    with reading(app) as session:
        rows = [(number, name, serial, book, counted) for _id, number, name, serial, book, counted
                in sheet_rows(session, count_id)]
    return tables.write_table(path, list(titles), rows)


def import_counts(app: AppContext, actor: Actor, count_id: int, path: Path | str) -> int:
    """Read counted quantities from a CSV/XLSX sheet (part number, serial, counted): all rows or none;
    returns how many lines it filled."""
    rows = tables.read_table(path, SHEET_COLUMNS)
    problems = tables.Problems(path, SHEET_COLUMNS)
    with app.unit_of_work(actor, MOVE) as work:
        session = work.session
        sheet = _sheet(session, count_id, ("counting",), "counted")
        lines = _lines(session, sheet)
        for number, values in rows:
            with problems.row(number):
                _set_found(session, sheet, lines, values["part_number"], values["serial"], values["counted"])
        problems.raise_if_any()
        flag_modified(sheet, "status")
        work.audit("count.import", "count", sheet.number, {"file": Path(path).name, "rows": len(rows)})
    return len(rows)


def sheet_rows(session: Session, count_id: int) -> list[tuple]:
    """``(line id, part number, name, serial, book, counted)`` of a sheet, for counting or a spreadsheet."""
    return session.execute(select(CountLine.id, Part.part_number, Part.name, CountLine.serial, CountLine.book_quantity,
                                  CountLine.counted_quantity)
                           .join(Part, Part.id == CountLine.part_id).where(CountLine.count_id == count_id)
                           .order_by(Part.part_number, CountLine.serial)).all()


def difference_value(session: Session, count_id: int) -> Decimal:
    """The value of counted − book over the counted lines, gains and losses both counted (absolute)."""
    rows = session.execute(select(CountLine.book_quantity, CountLine.counted_quantity, Part.unit_cost)
                           .join(Part, Part.id == CountLine.part_id)
                           .where(CountLine.count_id == count_id, CountLine.counted_quantity.is_not(None))).all()
    return sum((abs(counted - book) * cost for book, counted, cost in rows), ZERO)


def submit(app: AppContext, actor: Actor, count_id: int, *, expected_version: int | None = None) -> str:
    """Finish counting: post the differences now, or send them for approval when they are worth more than
    ``spares.adjustment_approval_value``; returns the sheet's new status."""
    rules = policy(app)
    with app.unit_of_work(actor, MOVE) as work:
        session = work.session
        sheet = _sheet(session, count_id, ("counting",), "submitted")
        check_version(sheet, expected_version, f"Count {sheet.number}")
        left = session.scalar(select(func.count()).select_from(CountLine).where(
            CountLine.count_id == sheet.id, CountLine.counted_quantity.is_(None)))
        if left:
            raise ValidationError(f"{left} line(s) of {sheet.number} are not counted yet; count them (0 when none "
                                  "is there).", "counted")
        sheet.submitted_at, sheet.submitted_by = utcnow(), actor.username
        sheet.difference_value = difference_value(session, sheet.id)
        if rules.needs_approval(sheet.difference_value):
            sheet.status = "awaiting_approval"
            depot = session.get(Location, sheet.location_id)
            alert(rules, session, "count_approval", link=f"{PAGE_ID}#{sheet.id}", number=sheet.number,
                  depot=depot.code, value=f"{sheet.difference_value:,.2f}")
        else:
            _post(rules, work, sheet)
        work.audit("count.submit", "count", sheet.number, {"value": str(sheet.difference_value),
                                                           "status": sheet.status})
    return sheet.status


def decide(app: AppContext, actor: Actor, count_id: int, *, approve: bool, note: str | None = None) -> None:
    """Approve (the differences are posted) or send back for recounting; not by the person who submitted it."""
    rules = policy(app)
    with app.unit_of_work(actor, APPROVE) as work:
        sheet = _sheet(work.session, count_id, ("awaiting_approval",), "decided")
        if sheet.submitted_by == actor.username:
            raise ValidationError("You submitted this count; another approver must decide it.", "approve")
        if approve:
            sheet.approved_by = actor.username
            _post(rules, work, sheet)
        else:
            sheet.status, sheet.submitted_at, sheet.submitted_by = "counting", None, None
            sheet.note = "\n".join(filter(None, [sheet.note, clean(note)]))[:255] or None
        work.audit("count.approve" if approve else "count.reject", "count", sheet.number, {"note": clean(note)})


def _post(rules: Policy, work, sheet: Count) -> None:
    """Book counted − book of every line as count adjustments at the sheet's depot."""
    session = work.session
    depot = session.get(Location, sheet.location_id)
    specs = []
    for line, part in session.execute(select(CountLine, Part).join(Part, Part.id == CountLine.part_id)
                                      .where(CountLine.count_id == sheet.id).order_by(CountLine.id)):
        difference = line.counted_quantity - line.book_quantity
        if difference:
            source, target = (None, depot) if difference > 0 else (depot, None)
            specs.append(MoveSpec("count_adjustment", part, abs(difference), source, target, line.serial or None,
                                  sheet.number, note=f"{sheet.number}"))
    stock.post(rules, work, specs)
    sheet.status, sheet.posted_at = "posted", utcnow()


def cancel(app: AppContext, actor: Actor, count_id: int) -> None:
    """Drop a count sheet that is not posted; nothing changes in stock."""
    with app.unit_of_work(actor, MOVE) as work:
        sheet = _sheet(work.session, count_id, ("counting", "awaiting_approval"), "cancelled")
        sheet.status = "cancelled"
        work.audit("count.cancel", "count", sheet.number)
