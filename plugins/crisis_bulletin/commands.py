"""``service-console crisis_bulletin-…`` commands and the two background jobs' entry points."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from console.api import Actor, AppContext, CommandSpec, Context, NotFound, get_setting
from plugins.crisis_bulletin.acknowledgements import progress, run_acknowledgement_job
from plugins.crisis_bulletin.models import Bulletin
from plugins.crisis_bulletin.reports import REPORT_TITLES, report_rows, write_report
from plugins.crisis_bulletin.spikes import detect_spikes


def acknowledgement_job(context: Context) -> str:
    """The ``crisis_bulletin.acknowledgements`` job: activate, expire, deliver, remind, escalate."""
    return str(run_acknowledgement_job(context.app))


def spike_job(context: Context) -> str:
    """The ``crisis_bulletin.spikes`` job: propose a problem for every new spike."""
    proposed = detect_spikes(context.app)
    return f"{len(proposed)} spikes" + (f": proposed {', '.join(proposed)}" if proposed else "")


def by_number(app: AppContext, number: str) -> Bulletin:
    """The published bulletin numbered ``number`` (``BUL-2026-0007``); raises ``NotFound``."""
    with app.session() as session:
        bulletin = session.scalar(select(Bulletin).where(Bulletin.number == number.strip().upper()))
    if bulletin is None:
        raise NotFound(f"There is no bulletin {number}; check the number (e.g. BUL-2026-0007).")
    return bulletin


def _bulletin_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bulletin", help="the bulletin's number, e.g. BUL-2026-0007")


def _configure_acks(parser: argparse.ArgumentParser) -> None:
    _bulletin_argument(parser)
    parser.add_argument("--out", help="write the report to this .xlsx or .csv file instead of printing it")


def run_acks(args: argparse.Namespace, app: AppContext) -> int:
    """Print (or write) who acknowledged a bulletin, when, and who has not yet."""
    bulletin = by_number(app, args.bulletin)
    zone = ZoneInfo(get_setting(app, "core.default_timezone"))
    with app.session() as session:
        counts = progress(session, bulletin)
        if args.out:
            written = write_report(session, bulletin, Path(args.out), zone)
            print(f"{bulletin.number}: {written} readers written to {args.out}")
            return 0
        rows = report_rows(session, bulletin, zone)
    print(f"{bulletin.number} {bulletin.title}")
    print(f"{counts.acknowledged} of {counts.readers} acknowledged, {counts.missing} not yet "
          f"({counts.overdue} overdue), {counts.escalated} escalated")
    for row in [list(REPORT_TITLES), *rows]:
        cells = ["" if v is None else f"{v:%Y-%m-%d %H:%M}" if hasattr(v, "strftime") else str(v) for v in row]
        print("  ".join(cells))
    return 0


def _configure_export(parser: argparse.ArgumentParser) -> None:
    _bulletin_argument(parser)
    parser.add_argument("--out", required=True, help="the file to write: .html or .pdf")


def run_export(args: argparse.Namespace, app: AppContext) -> int:
    """Write a bulletin (with its timeline) as a standalone HTML page or an A4 PDF."""
    bulletin = by_number(app, args.bulletin)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from plugins.crisis_bulletin.ui.documents import export_file

    path = export_file(app, bulletin.id, Path(args.out))
    print(f"{bulletin.number} written to {path}")
    return 0


def run_spikes(_args: argparse.Namespace, app: AppContext) -> int:
    """Look for incident spikes now."""
    print(spike_job(Context(app, Actor.system())))
    return 0


def run_remind(_args: argparse.Namespace, app: AppContext) -> int:
    """Run the acknowledgement job now."""
    print(acknowledgement_job(Context(app, Actor.system())))
    return 0


COMMANDS = [
    CommandSpec("crisis_bulletin-acks", "show who acknowledged a bulletin, when, and who has not yet",
                _configure_acks, run_acks),
    CommandSpec("crisis_bulletin-export", "export a bulletin with its timeline to HTML or PDF",
                _configure_export, run_export),
    CommandSpec("crisis_bulletin-spikes", "look for incident spikes now and propose problems for them",
                lambda _parser: None, run_spikes),
    CommandSpec("crisis_bulletin-remind", "deliver due bulletins, remind and escalate missing acknowledgements now",
                lambda _parser: None, run_remind),
]
