"""The generic lazy table model on the real backend: exact keyset paging in every sort order,
jumps to the end and the middle, filters, a bounded cache, and Qt's own model tester."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from sqlalchemy import Column as SqlColumn
from sqlalchemy import Integer, MetaData, String, Table, create_engine, insert, select

from console.core.db import UTCDateTime, make_engine
from console.ui.sql_model import Column, SqlTableModel

ROWS = 1_037  # five pages of 200 and a short one
TIMEOUT = 15_000


@pytest.fixture(scope="module")
def table(database_url):
    """A scratch table (not part of any plugin) with a nullable column and many ties."""
    engine = make_engine(database_url)
    metadata = MetaData()
    table = Table(f"scratch_{uuid.uuid4().hex[:8]}", metadata,
                  SqlColumn("id", Integer, primary_key=True),
                  SqlColumn("name", String(40), nullable=False),
                  SqlColumn("grade", Integer, nullable=True),
                  SqlColumn("at", UTCDateTime(), nullable=False))
    metadata.create_all(engine)
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    rows = [{"id": i, "name": f"{'王李张'[i % 3]}工程师 {i:05d}", "grade": None if i % 7 == 0 else i % 5,
             "at": start + timedelta(hours=i % 97)} for i in range(1, ROWS + 1)]
    with engine.begin() as connection:
        connection.execute(insert(table), rows)
    yield engine, table, rows
    metadata.drop_all(engine)
    engine.dispose()


def make_model(qtbot, table, sort=(0, Qt.SortOrder.AscendingOrder), page_size=200, max_pages=40):
    engine, t, _rows = table
    columns = [Column("Name", searchable=True), Column("Grade", align="right"), Column("At")]
    model = SqlTableModel(engine, select(t.c.name, t.c.grade, t.c.at), columns, t.c.id, sort=sort,
                          page_size=page_size, max_pages=max_pages)
    qtbot.waitUntil(lambda: not model.loading(), timeout=TIMEOUT)
    return model


def read(qtbot, model, row):
    """The raw values of ``row``, waiting for its page the way a view does."""
    if model.row_values(row) is None:
        qtbot.waitUntil(lambda: model.row_values(row) is not None, timeout=TIMEOUT)
    return model.row_values(row)


def expected(rows, column, descending):
    """Python's version of the model's order: NULLs after every value, ties by id."""
    def key(r):
        value = r[column]
        return (value is None, value if value is not None else 0, r["id"])
    ordered = sorted(rows, key=key)
    return [r["id"] for r in (ordered[::-1] if descending else ordered)]


@pytest.mark.parametrize("column,name", [(0, "name"), (1, "grade"), (2, "at")])
@pytest.mark.parametrize("descending", [False, True])
def test_every_row_in_order_forwards_and_backwards(qtbot, table, column, name, descending):
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    model = make_model(qtbot, table, sort=(column, order))
    assert model.total() == ROWS and model.rowCount() == ROWS
    want = expected(table[2], name, descending)
    forwards = [read(qtbot, model, r)[-1] for r in range(ROWS)]
    assert forwards == want
    model.reload()
    qtbot.waitUntil(lambda: model.total() == ROWS, timeout=TIMEOUT)
    backwards = [read(qtbot, model, r)[-1] for r in reversed(range(ROWS))]  # last page, then seeks back
    assert backwards[::-1] == want


def test_jumps_to_the_end_and_the_middle(qtbot, table):
    model = make_model(qtbot, table, sort=(1, Qt.SortOrder.DescendingOrder))
    want = expected(table[2], "grade", True)
    assert read(qtbot, model, ROWS - 1)[-1] == want[-1]
    assert read(qtbot, model, 555)[-1] == want[555]  # an OFFSET read
    assert read(qtbot, model, 556)[-1] == want[556]
    assert read(qtbot, model, 401)[-1] == want[401]  # seeks back from the page after


def test_the_cache_stays_bounded(qtbot, table):
    model = make_model(qtbot, table, page_size=50, max_pages=4)
    for row in range(0, ROWS, 25):
        read(qtbot, model, row)
    assert model.cached_pages() <= 4


def test_search_and_filters(qtbot, table):
    engine, t, rows = table
    model = make_model(qtbot, table)
    model.set_search("王工程师 000")
    qtbot.waitUntil(lambda: model.total() is not None and not model.loading(), timeout=TIMEOUT)
    assert model.total() == len([r for r in rows if r["name"].startswith("王工程师 000")])
    model.set_search("")
    model.set_filters([t.c.grade.is_(None)])
    qtbot.waitUntil(lambda: model.total() is not None and not model.loading(), timeout=TIMEOUT)
    assert model.total() == len([r for r in rows if r["grade"] is None])
    assert all(read(qtbot, model, r)[1] is None for r in range(model.total()))


def test_the_table_grows_by_fetch_more_before_the_count_is_known(qtbot, table):
    model = make_model(qtbot, table, page_size=300)
    model._total = None  # as if the count were still running
    model._rows = 300
    assert model.canFetchMore()
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 600, timeout=TIMEOUT)


def test_passes_qts_model_tester(qtbot, table):
    model = make_model(qtbot, table)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not model.loading(), timeout=TIMEOUT)
    for row in (0, ROWS - 1, 700):
        read(qtbot, model, row)
    model.set_search("李")
    qtbot.waitUntil(lambda: not model.loading(), timeout=TIMEOUT)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"


def test_a_broken_query_is_reported_not_raised(qtbot, table):
    engine, t, _rows = table
    missing = Table("no_such_table_here", MetaData(), SqlColumn("id", Integer, primary_key=True),
                    SqlColumn("x", String(4)))
    model = SqlTableModel(engine, select(missing.c.x), [Column("X")], missing.c.id)
    qtbot.waitUntil(lambda: model.error() is not None, timeout=TIMEOUT)
    assert "could not be read" in model.error() and not model.loading()


def test_sqlite_readers_never_take_the_write_lock(table):
    engine, _t, _rows = table
    if engine.dialect.name != "sqlite":
        pytest.skip("only SQLite has a database-wide write lock")
    other = create_engine(engine.url, connect_args={"timeout": 0.2})
    model_engine = engine.execution_options(sqlite_readonly=True)
    with model_engine.connect() as reader:
        reader.exec_driver_sql("SELECT 1").all()
        with other.begin() as writer:  # would time out if the reader held RESERVED
            writer.exec_driver_sql("CREATE TABLE IF NOT EXISTS scratch_lock_probe (x INTEGER)")
    other.dispose()
