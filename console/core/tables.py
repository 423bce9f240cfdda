"""Spreadsheet import and export shared by every plugin: CSV (UTF-8, or GB18030 from Chinese Excel) and XLSX.

Import is all-or-nothing: ``read_table`` reads every row, maps the headers (English titles
or their aliases, e.g. the Chinese ones) to column keys and parses every cell; a service
then checks its own rules row by row with ``Problems`` and writes everything in one
transaction, or nothing. Every problem names its row as the spreadsheet shows it (the
header is row 1) and its column, and says what to fix.

Export (``write_table``) streams rows, so a million-row list never sits in memory.
"""

from __future__ import annotations

import csv
import io
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from console.core.errors import ServiceError, ValidationError

MAX_LISTED = 50  # problems listed in the message; the count says how many more there are


@dataclass(frozen=True)
class TableColumn:
    """One column of an import or export: ``key`` for the code, ``title`` for people.

    ``aliases`` are other headers accepted on import (e.g. ``("备件号",)``); ``parse(value)``
    turns a cell (text from CSV, typed from XLSX, never empty) into a value or raises
    ``ValueError`` with a message that says what is wrong.
    """

    key: str
    title: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    parse: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one row (``row`` as the spreadsheet numbers it; 1 is the header)."""

    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column “{self.column}”" if self.column else "")
        return f"{where}: {self.message}"


class ImportRejected(ServiceError):
    """The file was refused as a whole; nothing was written. ``problems`` lists every row problem."""

    def __init__(self, path: Path | str, problems: Sequence[RowProblem]):
        self.problems = list(problems)
        listed = "\n".join(f"  {p}" for p in self.problems[:MAX_LISTED])
        more = len(self.problems) - MAX_LISTED
        tail = f"\n  … and {more} more." if more > 0 else ""
        super().__init__(f"{Path(path).name} was not imported (nothing was changed): fix "
                         f"{'this problem' if len(self.problems) == 1 else f'these {len(self.problems)} problems'}"
                         f" and import it again.\n{listed}{tail}")


@dataclass
class Problems:
    """Collects row problems while a service checks an import; ``raise_if_any`` refuses the file."""

    path: Path | str
    columns: Sequence[TableColumn] = ()
    found: list[RowProblem] = field(default_factory=list)

    def add(self, row: int, column: str | None, message: str) -> None:
        """Note a problem in ``row`` (``column`` is a key or a title)."""
        titles = {c.key: c.title for c in self.columns}
        self.found.append(RowProblem(row, titles.get(column, column), message))

    @contextmanager
    def row(self, number: int) -> Iterator[None]:
        """Check one row: a ``ValidationError`` inside becomes a problem of that row, and checking goes on."""
        try:
            yield
        except ValidationError as error:
            self.add(number, error.field, str(error))

    def raise_if_any(self) -> None:
        """Raise ``ImportRejected`` when any problem was noted."""
        if self.found:
            raise ImportRejected(self.path, sorted(self.found, key=lambda p: p.row))


# -- reading ---------------------------------------------------------------------------------
def read_table(path: Path | str, columns: Sequence[TableColumn]) -> list[tuple[int, dict[str, Any]]]:
    """``(row number, {key: value})`` for every non-empty row of a ``.csv`` or ``.xlsx`` file.

    Empty cells read as ``None``. Unknown headers are ignored; a missing required column,
    a required cell left empty or a cell ``parse`` refuses is a problem, and any problem
    refuses the whole file with ``ImportRejected``.
    """
    path = Path(path)
    if not path.is_file():
        raise ValidationError(f"There is no file {path}; check the name and folder.")
    header, rows = _raw_rows(path)
    problems = Problems(path, columns)
    index = _map_header(header, columns, problems)
    problems.raise_if_any()
    parsed = []
    for number, cells in rows:
        values: dict[str, Any] = {}
        for column in columns:
            position = index.get(column.key)
            raw = cells[position] if position is not None and position < len(cells) else None
            if isinstance(raw, str):
                raw = raw.strip() or None
            if raw is None:
                if column.required:
                    problems.add(number, column.key, "this cell is empty; fill it in.")
                values[column.key] = None
                continue
            try:
                values[column.key] = column.parse(raw) if column.parse else (raw if isinstance(raw, str) else str(raw))
            except (ValueError, InvalidOperation) as error:
                problems.add(number, column.key, str(error))
        parsed.append((number, values))
    problems.raise_if_any()
    return parsed


def _map_header(header: list[Any], columns: Sequence[TableColumn], problems: Problems) -> dict[str, int]:
    names = {_norm(h): i for i, h in enumerate(header) if h is not None and str(h).strip()}
    index = {}
    for column in columns:
        for name in (column.key, column.title, *column.aliases):
            if _norm(name) in names:
                index[column.key] = names[_norm(name)]
                break
        else:
            if column.required:
                problems.add(1, None, f"the header has no column “{column.title}” "
                                      f"(also accepted: {', '.join((column.key, *column.aliases))}).")
    return index


def _norm(name: Any) -> str:
    return " ".join(str(name).replace("\ufeff", "").split()).casefold()


def _raw_rows(path: Path) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _xlsx_rows(path)
    if suffix == ".csv":
        return _csv_rows(path)
    raise ValidationError(f"{path.name} is neither a .csv nor an .xlsx file; save it as one of those.")


def _csv_rows(path: Path) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise ValidationError(f"{path.name} is not UTF-8 or GB18030 text; save it as CSV UTF-8.")
    try:
        sample = text[:4096]
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows = list(reader)
    if not rows:
        raise ValidationError(f"{path.name} is empty: the first row must name the columns.")
    return rows[0], [(n, r) for n, r in enumerate(rows[1:], start=2) if any(c.strip() for c in r)]


def _xlsx_rows(path: Path) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise ValidationError(f"{path.name} could not be read as an Excel workbook ({error}); "
                              "save it again as .xlsx.") from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = list(next(rows, ()) or ())
        if not header:
            raise ValidationError(f"{path.name} is empty: the first row must name the columns.")
        body = [(n, list(r)) for n, r in enumerate(rows, start=2)
                if any(c is not None and str(c).strip() for c in r)]
    finally:
        book.close()
    return header, body


# -- cell parsers ----------------------------------------------------------------------------
def text(limit: int) -> Callable[[Any], str]:
    """Text of at most ``limit`` characters."""
    def parse(value: Any) -> str:
        value = str(value).strip()
        if len(value) > limit:
            raise ValueError(f"{len(value)} characters is too long; shorten it to {limit}.")
        return value
    return parse


def integer(value: Any) -> int:
    """A whole number (``12``, ``12.0`` from Excel)."""
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise ValueError(f"“{value}” is not a whole number.") from None
    if number != number.to_integral_value():
        raise ValueError(f"“{value}” is not a whole number.")
    return int(number)


def decimal(places: int) -> Callable[[Any], Decimal]:
    """An exact number with at most ``places`` decimals (``1,280.50``)."""
    def parse(value: Any) -> Decimal:
        try:
            number = Decimal(str(value).replace(",", "").strip())
        except InvalidOperation:
            raise ValueError(f"“{value}” is not a number; write it like 1280.50.") from None
        if not number.is_finite():
            raise ValueError(f"“{value}” is not a number; write it like 1280.50.")
        rounded = round(number, places)
        if isinstance(value, float):
            return rounded  # Excel stores binary floats: 0.1 arrives as 0.1000000000000000055…
        if number != rounded:
            raise ValueError(f"“{value}” has more than {places} decimals.")
        return rounded
    return parse


def parse_date(value: Any) -> date:
    """A date: an Excel date, or ``YYYY-MM-DD`` (also ``YYYY/MM/DD``)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip().replace("/", "-"))
    except ValueError:
        raise ValueError(f"“{value}” is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31.") from None


def local_datetime(zone: tzinfo) -> Callable[[Any], datetime]:
    """A wall-clock date and time in ``zone`` (``YYYY-MM-DD HH:MM``), returned aware."""
    def parse(value: Any) -> datetime:
        if isinstance(value, datetime):
            moment = value
        elif isinstance(value, date):
            moment = datetime.combine(value, time())
        else:
            try:
                moment = datetime.fromisoformat(str(value).strip().replace("/", "-"))
            except ValueError:
                raise ValueError(f"“{value}” is not a date and time; write it as YYYY-MM-DD HH:MM, "
                                 "e.g. 2026-03-31 09:30.") from None
        return moment if moment.tzinfo else moment.replace(tzinfo=zone)
    return parse


def choice(values: dict[str, Any]) -> Callable[[Any], Any]:
    """One of ``values`` (matched without regard to case); the mapping gives what it stands for."""
    folded = {str(k).casefold(): v for k, v in values.items()}

    def parse(value: Any) -> Any:
        found = folded.get(str(value).strip().casefold())
        if found is None:
            raise ValueError(f"“{value}” is not one of: {', '.join(map(str, values))}.")
        return found
    return parse


def boolean(value: Any) -> bool:
    """Yes or no: ``yes/no``, ``true/false``, ``1/0``, ``是/否``, ``Y/N``."""
    if isinstance(value, bool):
        return value
    folded = str(value).strip().casefold()
    if folded in ("yes", "y", "true", "1", "是", "x", "✓"):
        return True
    if folded in ("no", "n", "false", "0", "否"):
        return False
    raise ValueError(f"“{value}” is not yes or no.")


# -- writing ---------------------------------------------------------------------------------
def write_table(path: Path | str, titles: Sequence[str], rows: Iterable[Sequence[Any]],
                progress: Callable[[int], None] | None = None, every: int = 1000) -> int:
    """Stream ``rows`` under a header of ``titles`` into ``path`` (``.csv``: UTF-8 with BOM, which
    Excel opens correctly; anything else: ``.xlsx``). Returns how many rows were written.

    ``progress(n)`` is called every ``every`` rows (it may raise to cancel). Numbers and dates
    stay typed in XLSX; aware datetimes must be converted to local ones by the caller.
    """
    path = Path(path)
    count = 0
    if path.suffix.lower() == ".csv":
        with path.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(titles)
            for row in rows:
                writer.writerow(["" if v is None else v for v in row])
                count += 1
                if progress and count % every == 0:
                    progress(count)
        return count
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(titles))
    for row in rows:
        sheet.append(list(row))
        count += 1
        if progress and count % every == 0:
            progress(count)
    book.save(path)
    return count
