"""Crisis bulletin figures: how many readers acknowledged the latest bulletins."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.api import Context
from plugins.crisis_bulletin.models import Acknowledgement, Bulletin

SHOWN = 10
LABEL_LENGTH = 28


def acknowledgement_rates(session: Session, limit: int = SHOWN) -> list[tuple[str, int, int]]:
    """``(title, acknowledged, readers)`` of the ``limit`` most recent bulletins, newest first."""
    return [tuple(row) for row in session.execute(
        select(Bulletin.title, func.count(Acknowledgement.acknowledged_at), func.count(Acknowledgement.id))
        .join(Acknowledgement, Acknowledgement.bulletin_id == Bulletin.id)
        .group_by(Bulletin.id, Bulletin.title, Bulletin.published_at)
        .order_by(Bulletin.published_at.desc(), Bulletin.id.desc()).limit(limit))]


def draw_acknowledgement(figure, context: Context) -> None:
    """Horizontal bars: the share of readers who acknowledged each recent bulletin (newest at the top)."""
    with context.app.session() as session:
        rates = acknowledgement_rates(session)[::-1]
    axes = figure.add_subplot()
    labels = [t if len(t) <= LABEL_LENGTH else t[:LABEL_LENGTH - 1] + "…" for t, _, _ in rates]
    shares = [100 * done / readers for _, done, readers in rates]
    bars = axes.barh(range(len(rates)), shares, color="#e07b39")
    axes.set_yticks(range(len(rates)), labels)
    axes.bar_label(bars, labels=[f"{done}/{readers}" for _, done, readers in rates], padding=3)
    axes.set_xlim(0, 100)
    axes.xaxis.set_major_formatter("{x:.0f}%")
