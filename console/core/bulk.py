"""``bulk_insert``: many plain rows into one table at close to the driver's own speed.

SQLAlchemy's ``session.execute(insert(table), rows)`` builds parameters row by row through its
general statement machinery, which costs more than the database itself for demo data and
large imports. Here the INSERT is compiled once, each column's bind processor (the same
conversion SQLAlchemy would apply: aware datetimes to UTC, booleans, decimals) is looked
up once, and every chunk goes to the DBAPI as one ``executemany`` on the session's
connection, inside the caller's transaction.
"""

from __future__ import annotations

from itertools import chain, islice
from typing import Any, Iterable, Mapping

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

CHUNK = 5_000


def bulk_insert(session: Session, target: Any, rows: Iterable[Mapping[str, Any]], chunk: int = CHUNK) -> int:
    """Insert ``rows`` (dicts with the same keys) into ``target`` (a mapped class or a Table); returns how many.

    Columns a row leaves out get their ``default``: a scalar as it is (``version = 1``), a
    callable evaluated once for the whole call (``created_at = utcnow``: one instant for the
    batch); SQL-expression defaults must be given. No ORM events run; no objects are created.
    """
    table: Table = getattr(target, "__table__", target)
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return 0
    given = list(first)
    defaults = {}
    for column in table.columns:
        if column.key in given or column.default is None:
            continue
        if column.default.is_scalar:
            defaults[column.key] = column.default.arg
        elif column.default.is_callable:
            defaults[column.key] = column.default.arg(None)  # SQLAlchemy wraps it to take a context
        else:
            raise ValueError(f"bulk_insert into {table.name}: give '{column.key}' (its default is SQL)")
    keys = [*given, *defaults]
    connection = session.connection()
    dialect = connection.dialect
    processors = [table.c[key].type.dialect_impl(dialect).bind_processor(dialect) for key in keys]
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    order = [keys.index(name) for name in compiled.positiontup] if dialect.positional else None

    def convert(row: Mapping[str, Any]) -> tuple | dict:
        values = [row[key] if key in row else defaults[key] for key in keys]
        values = [proc(value) if proc else value for proc, value in zip(processors, values)]
        return tuple(values[i] for i in order) if order is not None else dict(zip(keys, values))

    total, rows = 0, chain([first], rows)
    while batch := [convert(row) for row in islice(rows, chunk)]:
        connection.exec_driver_sql(compiled.string, batch)
        total += len(batch)
    return total
