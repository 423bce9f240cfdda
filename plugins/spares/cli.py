"""``service-console spares-…`` commands: import, export, check the ledger, print KPIs.

Commands act as the system user (the audit log says ``system``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from console.api import Actor, AppContext, CommandSpec, tables
from plugins.spares.service import kpis, ledger, spreadsheets
from plugins.spares.service.common import reading

WHAT = ("parts", "stock", "moves")
KPI_FIELDS = ("requests", "filled_first", "fill_rate", "issued", "unused", "hit_rate", "overdue", "loss_value",
              "issued_value", "turnover", "shipments", "cost_per_shipment")


def configure_import(parser: argparse.ArgumentParser) -> None:
    """``spares-import parts|stock|moves FILE [--zone ZONE]``."""
    parser.add_argument("what", choices=WHAT, help="what the file holds")
    parser.add_argument("file", type=Path, help="a .csv (UTF-8 or GB18030) or .xlsx file with a header row")
    parser.add_argument("--zone", default="Asia/Shanghai", help="time zone of the times in a moves file")


def run_import(args: argparse.Namespace, app: AppContext) -> int:
    """Import the file all-or-nothing; print what was written."""
    actor = Actor.system()
    if args.what == "parts":
        added, updated = spreadsheets.import_parts(app, actor, args.file)
        print(f"{added:,} parts added, {updated:,} updated from {args.file.name}.")
    elif args.what == "stock":
        print(f"{spreadsheets.import_stock(app, actor, args.file):,} receipts booked from {args.file.name}.")
    else:
        print(f"{spreadsheets.import_moves(app, actor, args.file, zone=args.zone):,} moves recorded from "
              f"{args.file.name}.")
    return 0


def configure_export(parser: argparse.ArgumentParser) -> None:
    """``spares-export parts|stock|moves FILE``."""
    parser.add_argument("what", choices=WHAT, help="what to write")
    parser.add_argument("file", type=Path, help="the .csv or .xlsx file to write")
    parser.add_argument("--zone", default="Asia/Shanghai", help="time zone for the times of moves")


def run_export(args: argparse.Namespace, app: AppContext) -> int:
    """Write the file (the matching import reads it back)."""
    count = spreadsheets.export(app, Actor.system(), args.what, args.file, zone=args.zone)
    print(f"{count:,} rows written to {args.file}.")
    return 0


def configure_check(parser: argparse.ArgumentParser) -> None:
    """``spares-check [--repair]``."""
    parser.add_argument("--repair", action="store_true",
                        help="rewrite the stock balance from the ledger when they differ")


def run_check(args: argparse.Namespace, app: AppContext) -> int:
    """Compare every stock balance with the sum of its ledger lines; exit 1 when any differs (unless repaired)."""
    with app.session() as session:
        wrong = ledger.mismatches(session)
        for part_id, location_id, serial, held, summed in wrong[:50]:
            print(f"part {part_id} at location {location_id} {serial or ''}: stock {held}, ledger {summed}")
        if wrong and args.repair:
            count = ledger.rebuild(session)
            print(f"Stock rewritten from the ledger: {count:,} balances.")
            return 0
    print(f"{len(wrong):,} balance(s) differ from the ledger." if wrong else "Every stock balance equals its ledger.")
    return 1 if wrong else 0


def configure_kpis(parser: argparse.ArgumentParser) -> None:
    """``spares-kpis [--month YYYY-MM] [--months N] [--by depot|part|partner|month] [--out FILE]``."""
    parser.add_argument("--month", help="the month, YYYY-MM (default: this month)")
    parser.add_argument("--by", choices=kpis.DIMENSIONS, default="depot", help="one row per depot, part, partner "
                        "or month")
    parser.add_argument("--months", type=int, default=1, help="the period: this many months up to --month")
    parser.add_argument("--out", type=Path, help="write a .csv or .xlsx file instead of printing")


def run_kpis(args: argparse.Namespace, app: AppContext) -> int:
    """Print (or write) the month's KPIs, the network total first."""
    tz = kpis.zone(app)
    month = args.month or kpis.recent_months(tz, 1)[0]
    first = kpis.recent_months(tz, max(1, args.months), kpis.month_bounds(tz, month)[0].date())[0]
    start, end = kpis.month_bounds(tz, first)[0], kpis.month_bounds(tz, month)[1]
    with reading(app) as session:
        rows = kpis.table(tz, session, start, end, args.by)
    titles = ["key", "label", *KPI_FIELDS]
    values = [[r.key, r.label or "total", *(getattr(r, f) for f in KPI_FIELDS)] for r in rows]
    if args.out:
        tables.write_table(args.out, titles, values)
        print(f"{len(values):,} rows written to {args.out}.")
        return 0
    print(f"Spare-part KPIs {first}…{month} by {args.by}" if first != month else f"Spare-part KPIs {month} by {args.by}")
    print(f"{'':<34}{'fill %':>8}{'hit %':>8}{'requests':>10}{'issued':>10}{'overdue':>9}{'loss':>12}"
          f"{'turnover':>10}{'cost/shipment':>15}")
    for r in rows:
        print(f"{(r.label or 'total')[:33]:<34}{_cell(r.fill_rate):>8}{_cell(r.hit_rate):>8}{r.requests:>10,}"
              f"{_cell(r.issued):>10}{r.overdue:>9,}{r.loss_value:>12,.2f}{_cell(r.turnover):>10}"
              f"{_cell(r.cost_per_shipment):>15}")
    return 0


def _cell(value) -> str:
    return "—" if value is None else f"{value.normalize():,f}" if hasattr(value, "normalize") else str(value)


COMMANDS = [
    CommandSpec("spares-import", "import parts, stock or moves from CSV/XLSX, all rows or none",
                configure_import, run_import),
    CommandSpec("spares-export", "export parts, stock or moves to CSV/XLSX", configure_export, run_export),
    CommandSpec("spares-check", "check that every stock balance equals the sum of its ledger lines",
                configure_check, run_check),
    CommandSpec("spares-kpis", "print fill rate, hit rate and the other spare-part KPIs of a month",
                configure_kpis, run_kpis),
]
