"""``SqlTableModel``: a Qt table model over one SQL query, read in keyset pages, never all at once.

The model never blocks the GUI thread on the database. ``data()`` for a row that is not
loaded returns nothing and asks for its page; pages are read on the model's own thread pool
(two at a time, most recently asked first) and announced with ``dataChanged``. The row count
is a ``COUNT(*)`` in the background: until it arrives the table grows page by page through
``fetchMore``; once it is known the scroll bar spans every row.

How a page is read, cheapest first:

* the first page: ``ORDER BY sort, key LIMIT n``;
* the page after (or before) a page in the cache: a keyset seek from its last (first) row,
  ``WHERE (sort, key) > (:v, :k)``, which an index on the sort column answers directly;
* the last page: the same order reversed, ``LIMIT`` the rows left;
* any other page (a jump to the middle of the scroll bar): ``LIMIT n OFFSET m``.

At most ``max_pages`` pages stay cached (least recently used go first), so memory stays
flat however far the user scrolls. Sorting orders NULLs after every value, the same on
SQLite, PostgreSQL and MariaDB; ties are broken by the key, so paging is exact.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Any, Callable, Iterable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, QThreadPool, QTimer, Signal
from sqlalchemy import Engine, and_, bindparam, func, or_, select, tuple_
from sqlalchemy.sql import ColumnElement, Select

from console.ui.i18n import tr
from console.ui.support import run_in_background

log = logging.getLogger(__name__)

ALIGN = {"left": Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
         "right": Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
         "center": Qt.AlignmentFlag.AlignCenter}
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # data(index, KEY_ROLE) -> the row's key
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2  # data(index, VALUE_ROLE) -> the raw value
MAX_QUEUED_PAGES = 64


@dataclass(frozen=True)
class Column:
    """How one selected column is shown: a title (translated in the model's context) and a format.

    ``format(value) -> str`` turns the raw value into display text (default: ``display_text``);
    ``colour(value) -> str | None`` gives a text colour; ``searchable`` columns are matched by
    the free-text filter; ``nullable=None`` takes nullability from the SQL column itself.
    """

    title: str
    format: Callable[[Any], str] | None = None
    align: str = "left"
    sortable: bool = True
    searchable: bool = False
    nullable: bool | None = None
    colour: Callable[[Any], str | None] | None = None
    width: int | None = None


def display_text(value: Any, zone: tzinfo | None = None) -> str:
    """Default cell text: ``''`` for NULL, thousands separators for numbers, datetimes to the minute
    in ``zone`` (the user's time zone; the machine's when ``None``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Decimal):
        return f"{value:,}"
    if isinstance(value, datetime):
        return value.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _unlabel(expression: ColumnElement) -> ColumnElement:
    """The expression under a ``label()``: WHERE and ORDER BY need the expression, not its name."""
    return getattr(expression, "element", expression) if expression.__class__.__name__ == "Label" else expression


def _bind(value: Any, like: ColumnElement):
    return bindparam(None, value, type_=like.type)


def beyond(expr: ColumnElement, key: ColumnElement, value: Any, key_value: Any, *, greater: bool,
           nullable: bool) -> ColumnElement:
    """Rows strictly after (``greater``) or before ``(value, key_value)`` in the order
    ``expr IS NULL, expr, key`` (ascending, NULLs last)."""
    pair = tuple_(expr, key)
    anchor = tuple_(_bind(value, expr), _bind(key_value, key))
    if value is None:  # the anchor is among the NULLs, which sort last
        return and_(expr.is_(None), key > key_value) if greater else or_(expr.is_not(None), and_(
            expr.is_(None), key < key_value))
    # The plain comparison first lets every backend use an index range on expr.
    seek = and_(expr >= _bind(value, expr), pair > anchor) if greater else and_(
        expr <= _bind(value, expr), pair < anchor)
    if not nullable:
        return seek
    return or_(expr.is_(None), seek) if greater else and_(expr.is_not(None), seek)


def ordering(expr: ColumnElement, key: ColumnElement, ascending: bool, nullable: bool) -> list:
    """ORDER BY terms for ``expr`` then ``key``, NULLs after every value, in either direction."""
    terms = [expr.asc(), key.asc()] if ascending else [expr.desc(), key.desc()]
    if nullable:
        flag = expr.is_(None)
        terms.insert(0, flag.asc() if ascending else flag.desc())
    return terms


class _Signals(QObject):
    """Signals of a model that the page listens to (kept apart from Qt's own model signals)."""

    count_changed = Signal()
    failed = Signal(str)


class SqlTableModel(QAbstractTableModel):
    """A read-only, sortable, filterable table over ``query`` (a ``select()`` of the shown columns).

    ``key`` is a unique column (usually the primary key) used to break ties and to identify a
    row: ``key_for(row)``. ``where`` are extra WHERE clauses (``set_filters`` replaces them);
    ``set_search`` text matches every ``searchable`` column (case-insensitive, any script).
    ``context`` is the translation context of the column titles (the plugin's ``NAME``);
    ``zone`` the time zone datetimes are shown in.
    """

    def __init__(self, engine: Engine, query: Select, columns: Sequence[Column], key: ColumnElement, *,
                 context: str = "ui", sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder),
                 where: Iterable[ColumnElement] = (), zone: tzinfo | None = None,
                 page_size: int = 200, max_pages: int = 40, parent: QObject | None = None):
        super().__init__(parent)
        selected = list(query.selected_columns)
        if len(selected) != len(columns):
            raise ValueError(f"the query selects {len(selected)} columns but {len(columns)} are described")
        # SQLite readers begin DEFERRED: a list must never hold the write lock.
        self.reader = engine.execution_options(sqlite_readonly=True) if engine.dialect.name == "sqlite" else engine
        self._query = query.add_columns(key)
        self._exprs = [_unlabel(c) for c in selected]
        self._columns = list(columns)
        self._nullable = [c.nullable if c.nullable is not None else getattr(e, "nullable", True)
                          for c, e in zip(columns, self._exprs)]
        self._key = key
        self._context = context
        self._page_size = page_size
        self._max_pages = max_pages
        self._sort_column, self._sort_order = sort
        self._filters: list[ColumnElement] = list(where)
        self._zone = zone
        self._search = ""
        self.signals = _Signals()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._pump_timer = QTimer(self)
        self._pump_timer.setSingleShot(True)
        self._pump_timer.setInterval(0)
        self._pump_timer.timeout.connect(self._pump)
        self._generation = 0
        self._reset_state()
        self._start()

    # -- the query -------------------------------------------------------------------------
    def set_filters(self, clauses: Iterable[ColumnElement]) -> None:
        """Replace the extra WHERE clauses and reload."""
        self._filters = list(clauses)
        self.reload()

    def set_search(self, text: str) -> None:
        """Show only rows whose searchable columns contain ``text`` (case-insensitive); ``''`` shows all."""
        text = text.strip()
        if text != self._search:
            self._search = text
            self.reload()

    def where(self) -> list[ColumnElement]:
        """Every condition now applied: the filters and the search."""
        clauses = list(self._filters)
        if self._search:
            matches = [e.icontains(self._search, autoescape=True)
                       for e, c in zip(self._exprs, self._columns) if c.searchable]
            if matches:
                clauses.append(or_(*matches))
        return clauses

    def filtered_query(self) -> Select:
        """The shown columns plus the key, filtered and sorted as on screen (for exports)."""
        return self._query.where(*self.where()).order_by(*self._ordering(True))

    @property
    def zone(self) -> tzinfo | None:
        """The time zone datetimes are shown in."""
        return self._zone

    def columns(self) -> list[Column]:
        """The column descriptions, in display order."""
        return list(self._columns)

    def _ordering(self, forward: bool) -> list:
        column = self._sort_column
        ascending = (self._sort_order == Qt.SortOrder.AscendingOrder) == forward
        return ordering(self._exprs[column], self._key, ascending, self._nullable[column])

    def _seek(self, row: tuple, after: bool) -> ColumnElement:
        column = self._sort_column
        ascending = self._sort_order == Qt.SortOrder.AscendingOrder
        return beyond(self._exprs[column], self._key, row[column], row[-1], greater=after == ascending,
                      nullable=self._nullable[column])

    # -- state -----------------------------------------------------------------------------
    def _reset_state(self) -> None:
        self._pages: OrderedDict[int, list[tuple]] = OrderedDict()
        self._wanted: OrderedDict[int, None] = OrderedDict()
        self._in_flight: set[int] = set()
        self._rows = 0
        self._total: int | None = None
        self._counting = False
        self._error: str | None = None

    def reload(self) -> None:
        """Forget every loaded row and read again (new filters, new sort, or fresh data)."""
        self.beginResetModel()
        self._generation += 1
        self._reset_state()
        self.endResetModel()
        self._start()

    refresh = reload

    def _start(self) -> None:
        self._counting = True
        generation, statement = self._generation, self._count_statement()
        run_in_background(self, lambda: self._scalar(statement),
                          lambda n: self._counted(generation, n),
                          lambda error, text: self._failed(generation, error, text), pool=self._pool)
        self._request(0)

    def _count_statement(self):
        inner = self._query.where(*self.where()).order_by(None).subquery()
        return select(func.count()).select_from(inner)

    def _scalar(self, statement) -> int:
        with self.reader.connect() as connection:
            return int(connection.execute(statement).scalar_one())

    def loading(self) -> bool:
        """True while the count or a page is being read (the screenshot tool waits for it)."""
        return self._error is None and (self._counting or bool(self._in_flight) or (
            0 not in self._pages and self._rows == 0 and self._total != 0))

    def total(self) -> int | None:
        """How many rows match, once the background count has answered."""
        return self._total

    def error(self) -> str | None:
        """The last database error, as a sentence for the page."""
        return self._error

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(self._context, self._columns[section].title)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN[self._columns[section].align]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self._rows:
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN[column.align]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                        KEY_ROLE, VALUE_ROLE):
            return None
        row = self.row_values(index.row())
        if row is None:
            return None
        value = row[index.column()]
        if role == KEY_ROLE:
            return row[-1]
        if role == VALUE_ROLE:
            return value
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = column.colour(value) if column.colour else None
            if colour:
                from PySide6.QtGui import QColor

                return QColor(colour)
            return None
        text = column.format(value) if column.format else display_text(value, self._zone)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if len(text) > 40 else None
        return text

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns) or not self._columns[column].sortable:
            return
        if (column, order) == (self._sort_column, self._sort_order):
            return
        self._sort_column, self._sort_order = column, order
        self.reload()

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        """The column and order the rows are sorted by."""
        return self._sort_column, self._sort_order

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802
        if parent.isValid() or self._total is not None or self._error:
            return False
        last = (self._rows - 1) // self._page_size
        return self._rows > 0 and self._rows % self._page_size == 0 and last + 1 not in self._in_flight

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: N802
        if self.canFetchMore(parent):
            self._request(self._rows // self._page_size)

    # -- rows ------------------------------------------------------------------------------
    def row_values(self, row: int) -> tuple | None:
        """The raw values of ``row`` (the key last), or ``None`` while its page is being read."""
        page_number, offset = divmod(row, self._page_size)
        page = self._pages.get(page_number)
        if page is None:
            self._request(page_number)
            return None
        self._pages.move_to_end(page_number)
        return page[offset] if offset < len(page) else None

    def key_for(self, row: int) -> Any:
        """The key of ``row`` (``None`` while it is being read)."""
        values = self.row_values(row)
        return values[-1] if values else None

    def cached_pages(self) -> int:
        """How many pages are held in memory now (at most ``max_pages``)."""
        return len(self._pages)

    def _request(self, page_number: int) -> None:
        if page_number in self._pages or page_number in self._in_flight:
            return
        self._wanted.pop(page_number, None)
        self._wanted[page_number] = None
        while len(self._wanted) > MAX_QUEUED_PAGES:  # scrolled past long ago: no longer on screen
            self._wanted.popitem(last=False)
        if not self._pump_timer.isActive():
            self._pump_timer.start()

    def _pump(self) -> None:
        while self._wanted and len(self._in_flight) < self._pool.maxThreadCount():
            page_number, _ = self._wanted.popitem(last=True)
            if page_number in self._pages or page_number in self._in_flight:
                continue
            statement, reverse = self._page_statement(page_number)
            if statement is None:
                continue
            self._in_flight.add(page_number)
            generation = self._generation
            run_in_background(self, lambda s=statement, r=reverse: self._read(s, r),
                              lambda rows, p=page_number: self._loaded(generation, p, rows),
                              lambda error, text, p=page_number: self._page_failed(generation, p, error, text),
                              pool=self._pool)

    def _page_statement(self, page_number: int) -> tuple[Select | None, bool]:
        """The cheapest statement that reads page ``page_number``, and whether it reads backwards."""
        size = self._page_size
        base = self._query.where(*self.where())
        previous, following = self._pages.get(page_number - 1), self._pages.get(page_number + 1)
        if page_number == 0:
            return base.order_by(*self._ordering(True)).limit(size), False
        if previous and len(previous) == size:
            return base.where(self._seek(previous[-1], after=True)).order_by(*self._ordering(True)).limit(size), False
        if following:
            return base.where(self._seek(following[0], after=False)).order_by(*self._ordering(False)).limit(size), True
        if self._total is None:
            return None, False  # without a count only the next page is reachable (fetchMore)
        start = page_number * size
        if start >= self._total:
            return None, False
        if page_number == (self._total - 1) // size:
            return base.order_by(*self._ordering(False)).limit(self._total - start), True
        return base.order_by(*self._ordering(True)).limit(size).offset(start), False

    def _read(self, statement: Select, reverse: bool) -> list[tuple]:
        with self.reader.connect() as connection:
            rows = [tuple(r) for r in connection.execute(statement)]
        return rows[::-1] if reverse else rows

    # -- results (GUI thread) --------------------------------------------------------------
    def _loaded(self, generation: int, page_number: int, rows: list[tuple]) -> None:
        if generation != self._generation:
            return
        self._in_flight.discard(page_number)
        self._pages[page_number] = rows
        while len(self._pages) > self._max_pages:
            self._pages.popitem(last=False)
        start = page_number * self._page_size
        end = start + len(rows)
        if self._total is None:
            if len(rows) < self._page_size and end >= self._rows:
                self._set_total(end)  # the last page: now the count is known exactly
            elif end > self._rows and start <= self._rows:
                self._grow(end)
        if rows:
            self.dataChanged.emit(self.index(start, 0), self.index(min(end, self._rows) - 1,
                                                                   len(self._columns) - 1))
        self._pump()

    def _counted(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return
        self._counting = False
        self._set_total(count)

    def _set_total(self, count: int) -> None:
        self._total = count
        if count > self._rows:
            self._grow(count)
        elif count < self._rows:
            self.beginRemoveRows(QModelIndex(), count, self._rows - 1)
            self._rows = count
            self.endRemoveRows()
        self.signals.count_changed.emit()

    def _grow(self, rows: int) -> None:
        self.beginInsertRows(QModelIndex(), self._rows, rows - 1)
        self._rows = rows
        self.endInsertRows()

    def _failed(self, generation: int, error: BaseException, text: str) -> None:
        if generation != self._generation:
            return
        self._counting = False
        self._report(error, text)

    def _page_failed(self, generation: int, page_number: int, error: BaseException, text: str) -> None:
        if generation != self._generation:
            return
        self._in_flight.discard(page_number)
        self._report(error, text)

    def _report(self, error: BaseException, text: str) -> None:
        log.error("list query failed: %s", text)
        self._error = tr("ui", "The list could not be read from the database: {error}").format(
            error=f"{type(error).__name__}: {error}")
        self.signals.failed.emit(self._error)
