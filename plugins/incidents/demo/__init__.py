"""Demo data for incidents: SLA targets and ladders, standard texts, a year of incidents (with history,
clocks, work orders and notes), a knowledge base, and the escalations open incidents have reached."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from console.api import DemoContext, User
from plugins.incidents.demo import configuration
from plugins.incidents.demo.incidents import open_ids, seed_incidents
from plugins.incidents.sla import engine

BATCH = 500
SWEEPS = (96, 48, 24, 12, 6, 3, 1, 0)  # hours before "now" at which the demo replays the sweep


def seed(ctx: DemoContext) -> None:
    """Write the demo data for ``ctx.size`` (``ctx.scale["incidents"]`` incidents, default 200)."""
    configuration.sla_definitions(ctx)
    configuration.standard_texts(ctx)
    setup = engine.prepare(ctx.app)
    resolved, first = seed_incidents(ctx, setup)
    with ctx.app.session() as session:
        authors = list(session.scalars(select(User.display_name).where(User.is_active.is_(True)).limit(40)))
    configuration.articles(ctx, authors or ["Service desk"], resolved)
    ids = open_ids(ctx, first) if first else []
    for hours_ago in SWEEPS:  # the sweep as it ran over the last days: escalations fired when they were due
        for start in range(0, len(ids), BATCH):
            with ctx.app.unit_of_work(ctx.actor, "incidents.edit") as work:
                engine.rebuild(work, setup, ids[start:start + BATCH], ctx.now - timedelta(hours=hours_ago))
