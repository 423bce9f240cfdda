"""Spares with 1,000,000 moves over 5,000 parts and 50 depots, on any backend.

Goals (issue 5): on-hand of one depot ≤ 50 ms; a month of KPIs ≤ 2 s; importing 100,000 moves at
≥ 0.5× the speed of a raw ``executemany`` of the same rows. Builds a scratch database (dropped
afterwards) holding a valid ledger — receipts, then issues and transfers of what each depot
holds — its balance table and 200,000 requests, then measures each against raw SQL.

    python bench/bench_spares.py [sqlite|postgresql|mariadb] [--moves 1000000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from harness import add_backend_argument, scratch_app

PARTS, DEPOTS, REQUESTS, IMPORTED = 5_000, 50, 200_000, 100_000


def timed(fn, repeat: int = 5) -> tuple[float, object]:
    """Median seconds of ``repeat`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def build(app, moves: int, rng: random.Random) -> tuple[list[int], list[int]]:
    """Depots, parts, a valid ledger of ``moves`` moves, its balances and requests; returns depot and part ids."""
    from sqlalchemy import select, text

    from console.api import bulk_insert
    from plugins.spares.models import Location, Move, Part, Request, Stock

    now = datetime.now(timezone.utc)
    start = now - timedelta(days=365)
    with app.session() as session:
        bulk_insert(session, Location, [{"code": f"D{n:02d}", "name": f"库房 {n}", "active": True,
                                         "kind": "central" if n == 0 else "regional"} for n in range(DEPOTS)])
        bulk_insert(session, Part, [{"part_number": f"P-{n:05d}", "name": f"备件 {n}", "compatible_models": "",
                                     "unit_cost": Decimal(rng.randint(50, 5000)), "serialized": False,
                                     "return_required": False, "active": True} for n in range(PARTS)])
        depots = list(session.scalars(select(Location.id).order_by(Location.id)))
        parts = list(session.scalars(select(Part.id).order_by(Part.id)))
    rows, balances = [], []
    step = (now - start) / (moves // PARTS)
    for part in parts:
        held: dict[int, int] = {}
        at = start
        for n in range(moves // PARTS):
            at += step
            depot = depots[rng.randrange(DEPOTS)]
            have = held.get(depot, 0)
            other = depots[rng.randrange(DEPOTS)]
            if have >= 2 and rng.random() < 0.6 and other != depot:
                kind, source, target = ("issue", depot, None) if rng.random() < 0.7 else ("transfer", depot, other)
                held[depot] = have - 1
                if target:
                    held[target] = held.get(target, 0) + 1
                quantity = 1
            else:
                kind, source, target, quantity = "receipt", None, depot, 3
                held[depot] = have + 3
            rows.append({"part_id": part, "from_location_id": source, "to_location_id": target,
                         "quantity": Decimal(quantity), "serial": None, "kind": kind, "at": at,
                         "ref": f"INC-2026-{n:06d}" if kind == "issue" else None, "actor": "bench"})
        balances += [{"part_id": part, "location_id": d, "serial": "", "quantity": Decimal(q), "since": now}
                     for d, q in held.items() if q]
    with app.session() as session:
        bulk_insert(session, Move, rows, chunk=50_000)
        bulk_insert(session, Stock, balances)
        bulk_insert(session, Request, ({
            "number": f"RQ-B-{n:07d}", "ref": f"INC-{n:06d}", "part_id": parts[n % PARTS], "quantity": Decimal(1),
            "depot_id": depots[n % DEPOTS], "status": "filled", "requested_by": "bench",
            "requested_at": start + (now - start) * (n / REQUESTS), "issued_quantity": Decimal(1),
            "first_issue_at": start + (now - start) * (n / REQUESTS), "first_issue_full": n % 4 != 0}
            for n in range(REQUESTS)), chunk=50_000)
    with app.engine.begin() as connection:  # fresh statistics after a bulk load, as autovacuum would
        if app.engine.dialect.name == "postgresql":
            connection.execute(text("ANALYZE"))
        elif app.engine.dialect.name in ("mysql", "mariadb"):
            for table in ("spares_move", "spares_stock", "spares_part", "spares_location", "spares_request"):
                connection.execute(text(f"ANALYZE TABLE {table}"))
    return depots, parts


def on_hand(app, depot: int) -> None:
    """One depot's on-hand per part: the balance table against summing the raw ledger."""
    from sqlalchemy import func, select

    from plugins.spares.models import Move, Stock
    from plugins.spares.service.common import reading

    def balance():
        with reading(app) as session:
            return session.execute(select(Stock.part_id, func.sum(Stock.quantity)).where(Stock.location_id == depot)
                                   .group_by(Stock.part_id)).all()

    def ledger():
        with reading(app) as session:
            inbound = select(Move.part_id, Move.quantity.label("q")).where(Move.to_location_id == depot)
            outbound = select(Move.part_id, (-Move.quantity).label("q")).where(Move.from_location_id == depot)
            both = inbound.union_all(outbound).subquery()
            return session.execute(select(both.c.part_id, func.sum(both.c.q)).group_by(both.c.part_id)).all()

    seconds, rows = timed(balance)
    raw, _ = timed(ledger, 3)
    print(f"on-hand of one depot          {seconds * 1000:8.1f} ms for {len(rows):,} parts (goal ≤ 50 ms); "
          f"summed from the raw ledger {raw * 1000:.1f} ms")


def kpi_month(app) -> None:
    """The last complete month's KPIs by depot, part and partner."""
    from plugins.spares.service import kpis
    from plugins.spares.service.common import reading

    zone = kpis.zone(app)
    start, end = kpis.month_bounds(zone, kpis.complete_months(zone, 1)[0])
    for dimension in ("depot", "part", "partner"):
        def figures(dimension=dimension):
            with reading(app) as session:
                return kpis.figures(zone, session, start, end, dimension)
        seconds, rows = timed(figures, 3)
        print(f"a month of KPIs by {dimension:<8}  {seconds:8.2f} s  ({len(rows):,} rows, goal ≤ 2 s)")


def import_moves(app) -> None:
    """100,000 receipts from a CSV file through the service, against one raw executemany of the same rows."""
    from zoneinfo import ZoneInfo

    from sqlalchemy import delete, func, select

    from console.api import Actor, bulk_insert, tables
    from plugins.spares.models import Location, Move, Part
    from plugins.spares.service import spreadsheets

    base = datetime.now(ZoneInfo("Asia/Shanghai")).replace(microsecond=0) - timedelta(days=2)
    path = Path(tempfile.mkdtemp()) / "moves.csv"
    lines = ["Time,Kind,Part number,Quantity,From,To,Reference"]
    lines += [f"{(base + timedelta(seconds=n)):%Y-%m-%d %H:%M:%S},receipt,P-{n % PARTS:05d},2,,D{n % DEPOTS:02d},PO-{n}"
              for n in range(IMPORTED)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    columns = spreadsheets.move_columns(ZoneInfo("Asia/Shanghai"))
    began = time.perf_counter()
    rows = tables.read_table(path, columns)
    parse = time.perf_counter() - began
    with app.session() as session:
        parts = dict(session.execute(select(Part.part_number, Part.id)).all())
        depots = dict(session.execute(select(Location.code, Location.id)).all())
        first = (session.scalar(select(func.max(Move.id))) or 0) + 10_000_000
    same = [{"id": first + i, "part_id": parts[v["part_number"]], "from_location_id": None,
             "to_location_id": depots[v["to_code"]], "quantity": v["quantity"], "serial": None, "kind": v["kind"],
             "at": v["at"], "ref": v["ref"], "actor": "raw"} for i, (_row, v) in enumerate(rows)]
    began = time.perf_counter()
    with app.session() as session:  # the driver's executemany, with the same value conversions
        bulk_insert(session, Move, same, chunk=len(same))
    raw = time.perf_counter() - began
    with app.session() as session:
        session.execute(delete(Move).where(Move.id >= first))
    began = time.perf_counter()
    count = spreadsheets.record_moves(app, Actor.system(), rows, tables.Problems(path, columns), source=path.name)
    service = time.perf_counter() - began
    print(f"import {count:,} moves           service {service:.2f} s ({raw / service:.2f}× raw, goal ≥ 0.5×); "
          f"raw executemany {raw:.2f} s; with reading the file ({parse:.2f} s) {raw / (parse + service):.2f}× raw")


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_backend_argument(parser)
    parser.add_argument("--moves", type=int, default=1_000_000)
    args = parser.parse_args()
    with scratch_app(args.backend) as app:
        began = time.perf_counter()
        depots, _parts = build(app, args.moves, random.Random(7))
        print(f"{args.backend}: {args.moves:,} moves, {PARTS:,} parts, {DEPOTS} depots built in "
              f"{time.perf_counter() - began:.0f} s")
        on_hand(app, depots[7])
        kpi_month(app)
        import_moves(app)


if __name__ == "__main__":
    main()
