"""Partner figures: service orders per partner over the last 90 days."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.api import Context, utcnow
from plugins.partners.models import Partner, ServiceOrder

PERIOD = timedelta(days=90)
SHOWN = 10


def orders_by_partner(session: Session, since: datetime, limit: int = SHOWN) -> dict[str, int]:
    """Service orders dispatched since ``since`` per partner name, the busiest ``limit`` partners first."""
    count = func.count(ServiceOrder.id)
    rows = session.execute(select(Partner.name, count).join(ServiceOrder, ServiceOrder.partner_id == Partner.id)
                           .where(ServiceOrder.dispatched_at >= since).group_by(Partner.name)
                           .order_by(count.desc(), Partner.name).limit(limit)).all()
    return dict(rows)


def draw_orders_by_partner(figure, context: Context) -> None:
    """Horizontal bars of the last 90 days' orders for the ten busiest partners."""
    with context.app.session() as session:
        counts = orders_by_partner(session, utcnow() - PERIOD)
    axes = figure.add_subplot()
    names = list(counts)[::-1]
    bars = axes.barh(names, [counts[n] for n in names], color="#8e6bbf")
    axes.bar_label(bars, padding=3)
    axes.xaxis.get_major_locator().set_params(integer=True)
