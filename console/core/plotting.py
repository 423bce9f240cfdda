"""Matplotlib helpers shared by the plugins' charts (Qt-free: reports draw on a plain ``Figure``)."""

from __future__ import annotations


def numeric_time_axis(axes, *, minticks: int = 3, maxticks: int = 8) -> None:
    """Label a date/time x axis with numbers only (``12-01``, ``14:00``, offset ``2026-12``), so a
    Chinese console never shows English month names."""
    from matplotlib import dates

    locator = dates.AutoDateLocator(minticks=minticks, maxticks=maxticks)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(dates.ConciseDateFormatter(
        locator, formats=["%Y", "%m-%d", "%m-%d", "%H:%M", "%H:%M", "%S"],
        zero_formats=["", "%Y", "%m-%d", "%m-%d", "%H:%M", "%H:%M"],
        offset_formats=["", "%Y", "%Y-%m", "%Y-%m-%d", "%Y-%m-%d", "%Y-%m-%d %H:%M"]))
