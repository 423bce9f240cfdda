"""The dashboard chart and ``service-console csat-report``, from ``service.by_month``."""

from __future__ import annotations

import argparse

from console.api import AppContext, Context
from service_console_csat.service import by_month

BAR, LINE = "#8ec1e6", "#2f6db5"


def draw_by_month(figure, context: Context) -> None:
    """Bars: surveys answered per month; line: the average score (right axis, 1–5)."""
    months = by_month(context.app)
    axes = figure.add_subplot()
    labels = [m.month[2:] for m in months]
    axes.bar(labels, [m.answered for m in months], color=BAR)
    axes.yaxis.get_major_locator().set_params(integer=True)
    score = axes.twinx()
    score.plot(labels, [m.average for m in months], color=LINE, marker="o")
    score.set_ylim(1, 5)
    score.grid(False)
    axes.tick_params(axis="x", labelrotation=45)


def configure_report(parser: argparse.ArgumentParser) -> None:
    """``--months N`` (default 12)."""
    parser.add_argument("--months", type=int, default=12, help="how many months back (default 12)")


def run_report(args: argparse.Namespace, app: AppContext) -> int:
    """Print surveyed, answered, response rate and average score per month."""
    print(f"{'month':<8} {'surveyed':>9} {'answered':>9} {'rate':>6} {'score':>6}")
    for month in by_month(app, args.months):
        average = f"{month.average:.2f}" if month.average is not None else "—"
        print(f"{month.month:<8} {month.surveyed:>9,} {month.answered:>9,} {month.response_rate:>6.0%} {average:>6}")
    return 0
