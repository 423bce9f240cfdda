"""``service-console incidents-*`` commands for administrators (they act as the system user)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, time
from zoneinfo import ZoneInfo

from console.api import Actor, AppContext, CommandSpec, Context, get_setting
from plugins.incidents import knowledge, reports, transfer
from plugins.incidents.sla import definitions, sweep


def _zone(app: AppContext, args: argparse.Namespace) -> str:
    return args.zone or get_setting(app, "core.default_timezone") or "Asia/Shanghai"


def configure_import(parser: argparse.ArgumentParser) -> None:
    """``incidents-import FILE [--zone TZ]``."""
    parser.add_argument("file", help="a .csv (UTF-8 or GB18030) or .xlsx file, one incident per row")
    parser.add_argument("--zone", help="time zone of the Opened column (default: the organisation's)")


def run_import(args: argparse.Namespace, app: AppContext) -> int:
    """Import the file; every problem is listed with its row and nothing is written when there is one."""
    numbers = transfer.import_incidents(app, Actor.system(), args.file, zone=_zone(app, args))
    print(f"{len(numbers)} incidents imported: {numbers[0]} … {numbers[-1]}")
    return 0


def configure_export(parser: argparse.ArgumentParser) -> None:
    """``incidents-export FILE [--status open|done|all] [--since YYYY-MM-DD] [--zone TZ]``."""
    parser.add_argument("file", help="where to write: .xlsx, or .csv (UTF-8 with BOM, for Excel)")
    parser.add_argument("--status", choices=("open", "done", "all"), default="open",
                        help="open (default), done (resolved or closed) or all incidents")
    parser.add_argument("--since", help="only incidents opened on or after this local date, YYYY-MM-DD")
    parser.add_argument("--zone", help="time zone of the written times (default: the organisation's)")


def run_export(args: argparse.Namespace, app: AppContext) -> int:
    """Write the chosen incidents."""
    zone = _zone(app, args)
    since = datetime.combine(datetime.strptime(args.since, "%Y-%m-%d").date(), time(), ZoneInfo(zone)) \
        if args.since else None
    count = transfer.export_incidents(app, Actor.system(), args.file, status=args.status, since=since, zone=zone)
    print(f"{count:,} incidents written to {args.file}")
    return 0


def configure_recompute(parser: argparse.ArgumentParser) -> None:
    """``incidents-recompute [--all-open]``."""
    parser.add_argument("--all-open", action="store_true",
                        help="rebuild every open incident's clocks (after importing a changed business calendar)")


def run_recompute(args: argparse.Namespace, app: AppContext) -> int:
    """Rebuild the SLA clocks waiting for it (all open ones with ``--all-open``) from their history."""
    if args.all_open:
        with app.unit_of_work(Actor.system(), "incidents.sla") as work:
            definitions.mark_covered(work.session, {None})

    def report(done: int, total: int) -> None:
        print(f"\r{done:,} / {total:,} incidents", end="", file=sys.stderr, flush=True)

    count = definitions.recompute_pending(app, report)
    print(file=sys.stderr)
    print(f"{count:,} incidents' clocks rebuilt")
    return 0


def configure_none(parser: argparse.ArgumentParser) -> None:
    """No options beyond ``--db``."""


def run_sweep(args: argparse.Namespace, app: AppContext) -> int:
    """Run the SLA sweep once now (what the ``incidents.sla_sweep`` job does)."""
    print(sweep.sweep(Context(app, Actor.system())))
    return 0


def run_reindex(args: argparse.Namespace, app: AppContext) -> int:
    """Rebuild the knowledge search index."""
    knowledge.ensure_search_index(app.engine)
    print(f"{knowledge.rebuild_search_index(app):,} articles indexed")
    return 0


COMMANDS = (
    CommandSpec("incidents-stats", "print the number of incidents in each status",
                reports.configure_stats, reports.run_stats),
    CommandSpec("incidents-import", "import incidents from a CSV or XLSX file (all rows or none)",
                configure_import, run_import),
    CommandSpec("incidents-export", "export incidents to an XLSX or CSV file", configure_export, run_export),
    CommandSpec("incidents-recompute", "rebuild SLA clocks from the status history", configure_recompute,
                run_recompute),
    CommandSpec("incidents-sweep", "run the SLA sweep (breaches and escalations) once now", configure_none,
                run_sweep),
    CommandSpec("incidents-reindex", "rebuild the knowledge base's full-text search index", configure_none,
                run_reindex),
)
