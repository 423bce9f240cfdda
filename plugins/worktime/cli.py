"""The plugin's ``service-console`` subcommands (run as the system actor, like core's admin commands).

* ``worktime-import entries|schedules|assignments FILE``: all or nothing, every problem with its row;
* ``worktime-report [--from D] [--to D] [--by person|team|project|customer|incident|activity] [--out F]``;
* ``worktime-payroll [--from D] [--to D] --out F``: overtime minutes by type and person (CSV or XLSX).

Dates default to last calendar month.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

from console.api import Actor, AppContext, CommandSpec, ValidationError, tables, utcnow
from plugins.worktime import reports
from plugins.worktime.models import BUCKETS
from plugins.worktime.periods import format_minutes, month_end, month_start
from plugins.worktime.service import imports

IMPORTS = {"entries": imports.import_entries, "schedules": imports.import_schedules,
           "assignments": imports.import_assignments}


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date; write it as YYYY-MM-DD") from None


def _period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="first", type=_date, help="first day (default: first day of last month)")
    parser.add_argument("--to", dest="last", type=_date, help="last day (default: last day of last month)")


def _bounds(args: argparse.Namespace) -> tuple[date, date]:
    last_month = month_start(utcnow().date()) - timedelta(days=1)
    first, last = args.first or month_start(last_month), args.last or month_end(last_month)
    if last < first:
        raise ValidationError("--to is before --from.")
    return first, last


def configure_import(parser: argparse.ArgumentParser) -> None:
    """``worktime-import KIND FILE``."""
    parser.add_argument("kind", choices=sorted(IMPORTS), help="what the file holds")
    parser.add_argument("file", type=Path, help="a .csv (UTF-8 or GB18030) or .xlsx file with a header row")


def run_import(args: argparse.Namespace, app: AppContext) -> int:
    """Import the file; print how many rows were written."""
    count = IMPORTS[args.kind](app, Actor.system(), args.file)
    print(f"{args.file.name}: imported {count:,} {args.kind}.")
    return 0


def configure_report(parser: argparse.ArgumentParser) -> None:
    """``worktime-report``."""
    _period(parser)
    parser.add_argument("--by", choices=reports.GROUPINGS, default="person", help="what each line is (default person)")
    parser.add_argument("--out", type=Path, help="write a .csv or .xlsx file instead of printing")


def run_report(args: argparse.Namespace, app: AppContext) -> int:
    """Hours per bucket and cost for the period, one line per person (or team, project …)."""
    first, last = _bounds(args)
    with app.session() as session:
        rows = reports.hours_and_cost(session, first=first, last=last, by=args.by)
    titles = [args.by.title(), *(reports.BUCKET_TITLES[b] for b in BUCKETS), "Total", "Cost"]
    if args.out:
        count = tables.write_table(args.out, titles, ([r.label, *(r.minutes[b] for b in BUCKETS), r.total, r.cost]
                                                      for r in rows))
        print(f"Wrote {count:,} lines to {args.out}")
        return 0
    print(f"{first} – {last}, by {args.by} (hours:minutes)")
    print("  ".join(f"{t:>14}" if i else f"{t:<28}" for i, t in enumerate(titles)))
    for r in rows:
        cells = [format_minutes(r.minutes[b]) for b in BUCKETS] + [format_minutes(r.total), str(r.cost or "")]
        print(f"{str(r.label)[:28]:<28}" + "".join(f"  {c:>14}" for c in cells))
    return 0


def configure_payroll(parser: argparse.ArgumentParser) -> None:
    """``worktime-payroll``."""
    _period(parser)
    parser.add_argument("--out", type=Path, required=True, help="the .csv or .xlsx file to write")


def run_payroll(args: argparse.Namespace, app: AppContext) -> int:
    """Overtime minutes by type and person for payroll."""
    first, last = _bounds(args)
    with app.session() as session:
        rows = reports.payroll_rows(session, first=first, last=last)
    count = reports.write_payroll(args.out, rows)
    print(f"Wrote the payroll export for {first} – {last} ({count:,} people) to {args.out}", file=sys.stdout)
    return 0


COMMANDS = [
    CommandSpec("worktime-import", "import time entries, schedules or schedule assignments from CSV/XLSX",
                configure_import, run_import),
    CommandSpec("worktime-report", "print or export hours and cost per person, team, project, customer or incident",
                configure_report, run_report),
    CommandSpec("worktime-payroll", "export overtime minutes by type and person for payroll (CSV/XLSX)",
                configure_payroll, run_payroll),
]
