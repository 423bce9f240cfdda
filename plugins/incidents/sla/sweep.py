"""The ``incidents.sla_sweep`` job: act on clocks whose next check is due, build missing ones.

Between events a running clock's due instant and its ladder's firing instants are fixed, so the
sweep reads only the clocks whose ``next_check_at`` has come (one indexed range) and replays those
incidents: a breach is recorded, a due level fires (once, see ``actions``), the next check is set.
It also builds the clocks of incidents marked for a rebuild (``clocks_at`` empty), at most
``PENDING_PER_RUN`` per run, so an interrupted recompute is finished here.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from console.api import Actor, AppContext, Context, utcnow
from plugins.incidents.models import Clock
from plugins.incidents.sla import engine
from plugins.incidents.sla.definitions import recompute_pending

DUE_PER_RUN = 20_000
PENDING_PER_RUN = 5_000
BATCH = 500


def due_incidents(app: AppContext, now: datetime, limit: int = DUE_PER_RUN) -> list[int]:
    """Incidents with a clock whose next check is at or before ``now`` (at most ``limit``, soonest first).

    Read as a plain range of the next-check index and de-duplicated here: with DISTINCT, SQLite
    prefers walking the unique (incident, definition) index through every clock."""
    with app.session() as session:
        found = session.scalars(select(Clock.incident_id).where(Clock.next_check_at <= now)
                                .order_by(Clock.next_check_at).limit(limit * 4))
        return list(dict.fromkeys(found))[:limit]


def check(app: AppContext, now: datetime | None = None) -> engine.Outcome:
    """Replay the incidents whose clocks are due at ``now`` (default: now), in batches."""
    now = now or utcnow()
    ids = due_incidents(app, now)
    outcome = engine.Outcome()
    if not ids:
        return outcome
    setup = engine.prepare(app)
    for start in range(0, len(ids), BATCH):
        with app.unit_of_work(Actor.system()) as work:
            outcome.add(engine.rebuild(work, setup, ids[start:start + BATCH], now))
    return outcome


def sweep(context: Context) -> str:
    """The job: build pending clocks, then check the due ones; a one-line summary."""
    built = recompute_pending(context.app, limit=PENDING_PER_RUN)
    outcome = check(context.app)
    return (f"{outcome.incidents} incidents checked, {outcome.breached} clocks newly breached, "
            f"{outcome.fired} escalations fired, {built} incidents' clocks rebuilt")
