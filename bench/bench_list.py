"""The generic lazy list over 1,000,000 rows: first page, jump to the last row, memory while scrolling.

Builds a scratch table of ``--rows`` rows (once; reused while it exists), then measures
``console.ui.sql_model.SqlTableModel`` against the raw SQL that answers the same question on
the same connection. Goals (ARCHITECTURE, issue 2): first page ≤ 100 ms, last row ≤ 50 ms,
memory flat as you scroll.

    QT_QPA_PLATFORM=offscreen python bench/bench_list.py [--rows 1000000] [--db URL]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
import tracemalloc
from datetime import datetime, timedelta, timezone

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import Column as SqlColumn  # noqa: E402
from sqlalchemy import Integer, MetaData, String, Table, func, insert, select, text  # noqa: E402

from console.core.db import UTCDateTime, make_engine  # noqa: E402
from console.ui.sql_model import Column, SqlTableModel  # noqa: E402

METADATA = MetaData()
TABLE = Table("bench_list_rows", METADATA,
              SqlColumn("id", Integer, primary_key=True),
              SqlColumn("title", String(80), nullable=False),
              SqlColumn("status", String(16), nullable=False),
              SqlColumn("opened_at", UTCDateTime(), nullable=False, index=True))
STATUSES = ("new", "assigned", "in_progress", "pending", "resolved", "closed")
TITLES = ("服务器硬盘告警", "打印机卡纸", "VPN 无法连接", "Laptop screen flickers", "Core switch port down")


def build(engine, rows: int) -> None:
    """Create and fill the scratch table unless it already holds ``rows`` rows."""
    METADATA.create_all(engine)
    with engine.connect() as connection:
        present = connection.execute(select(func.count()).select_from(TABLE)).scalar_one()
    if present == rows:
        return
    rng = random.Random(3)
    start = datetime(2025, 12, 1, tzinfo=timezone.utc)
    with engine.begin() as connection:
        connection.execute(TABLE.delete())
        for first in range(1, rows + 1, 50_000):
            connection.execute(insert(TABLE), [
                {"id": i, "title": f"{rng.choice(TITLES)} #{i}", "status": rng.choice(STATUSES),
                 "opened_at": start + timedelta(seconds=i * 31)} for i in range(first, min(first + 50_000, rows + 1))])


def wait(predicate, timeout: float = 30.0) -> float:
    """Process Qt events until ``predicate()``; returns the seconds it took."""
    began = time.perf_counter()
    while not predicate():
        QCoreApplication.processEvents()
        if time.perf_counter() - began > timeout:
            raise TimeoutError("the model did not answer in time")
        time.sleep(0.0005)
    return time.perf_counter() - began


def raw(engine, statement) -> float:
    """Seconds for the raw statement, rows fetched."""
    with engine.connect() as connection:
        began = time.perf_counter()
        connection.execute(statement).fetchall()
        return time.perf_counter() - began


def model_for(engine) -> SqlTableModel:
    """The model a list page would build: newest first."""
    return SqlTableModel(engine, select(TABLE.c.title, TABLE.c.status, TABLE.c.opened_at),
                         [Column("Title"), Column("Status"), Column("Opened")], TABLE.c.id,
                         sort=(2, Qt.SortOrder.DescendingOrder))


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", default="sqlite:////tmp/service-console-bench-list.db")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    _qapp = QApplication.instance() or QApplication([])
    engine = make_engine(args.db)
    build(engine, args.rows)
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    first_raw = raw(engine, select(TABLE.c.title, TABLE.c.status, TABLE.c.opened_at, TABLE.c.id)
                    .order_by(TABLE.c.opened_at.desc(), TABLE.c.id.desc()).limit(200))
    last_raw = raw(engine, select(TABLE.c.title, TABLE.c.status, TABLE.c.opened_at, TABLE.c.id)
                   .order_by(TABLE.c.opened_at.asc(), TABLE.c.id.asc()).limit(200))

    firsts, lasts, counts = [], [], []
    for _ in range(args.repeat):
        began = time.perf_counter()
        model = model_for(engine)
        wait(lambda: model.row_values(0) is not None)
        firsts.append(time.perf_counter() - began)
        counts.append(wait(lambda: model.total() is not None) + firsts[-1])
        last = model.rowCount() - 1
        began = time.perf_counter()
        wait(lambda: model.row_values(last) is not None)
        lasts.append(time.perf_counter() - began)

    tracemalloc.start()
    model = model_for(engine)
    wait(lambda: model.total() is not None and model.row_values(0) is not None)
    baseline = tracemalloc.get_traced_memory()[0]
    rng = random.Random(5)
    rows = model.rowCount()
    positions = list(range(0, 200 * 60, 50)) + [rng.randrange(rows) for _ in range(300)]
    samples = []
    for index, row in enumerate(positions):
        wait(lambda r=row: model.row_values(r) is not None)
        if index % 50 == 0:
            samples.append(tracemalloc.get_traced_memory()[0])
    after, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    first, last_row = statistics.median(firsts), statistics.median(lasts)
    print(f"backend                      {engine.dialect.name}, {args.rows:,} rows")
    print(f"first page (model)           {first * 1000:8.1f} ms   goal ≤ 100 ms   raw SQL {first_raw * 1000:.1f} ms"
          f"   ratio {first / first_raw:.1f}×")
    print(f"row count known after        {statistics.median(counts) * 1000:8.1f} ms   (background COUNT)")
    print(f"jump to the last row (model) {last_row * 1000:8.1f} ms   goal ≤ 50 ms    raw SQL {last_raw * 1000:.1f} ms"
          f"   ratio {last_row / last_raw:.1f}×")
    print(f"memory while scrolling       {baseline / 1e6:8.1f} MB after the first page, "
          f"{after / 1e6:.1f} MB after {len(positions)} jumps and scrolls (peak {peak / 1e6:.1f} MB), "
          f"samples {', '.join(f'{s / 1e6:.1f}' for s in samples)} MB; {model.cached_pages()} pages cached")
    engine.dispose()


if __name__ == "__main__":
    main()
