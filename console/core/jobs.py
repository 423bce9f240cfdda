"""Background jobs run by exactly one runner, however many consoles and workers are running.

Each job has a row in ``core_jobs``. A runner wins a job with ONE conditional UPDATE that
succeeds only while the lock is free (or its lease expired) and the job is due; the same
statement stamps ``last_started_at``, so a second runner arriving a moment later finds the job
no longer due. Row locks (PostgreSQL, MariaDB) or ``BEGIN IMMEDIATE`` (SQLite) make that
UPDATE atomic, and its row count says who won.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import traceback
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from console.core import notify
from console.core.auth import Actor
from console.core.context import AppContext
from console.core.contributions import Context, JobSpec
from console.core.db import utcnow
from console.core.models import JobState

LEASE = timedelta(minutes=30)
OK, ERROR = "ok", "error"
CORE_JOBS: tuple[JobSpec, ...] = (
    JobSpec("core.email_notifications", "E-mail notifications", timedelta(minutes=2), notify.email_notifications),
)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobOutcome:
    """What one run of a job did: ``status`` is ``ok`` or ``error``; ``summary`` its message or error."""

    name: str
    plugin: str
    status: str
    summary: str
    started_at: datetime
    finished_at: datetime

    def __str__(self) -> str:
        seconds = (self.finished_at - self.started_at).total_seconds()
        return f"{self.name}: {self.status} in {seconds:.1f} s" + (f" — {self.summary}" if self.summary else "")


def default_runner_id() -> str:
    """A runner id unique to this process: ``host:pid:random``."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def registered_jobs(app: AppContext) -> list[tuple[str, JobSpec]]:
    """Every job: core's own, then each active plugin's, as ``(plugin, spec)`` pairs."""
    return [("core", spec) for spec in CORE_JOBS] + app.plugins.collect("register_jobs")


def due_jobs(app: AppContext, now: datetime | None = None) -> list[tuple[str, JobSpec]]:
    """The registered jobs that are due at ``now`` and not locked by a live runner."""
    now = now or utcnow()
    jobs = registered_jobs(app)
    with app.session() as session:
        states = {s.name: s for s in session.scalars(
            select(JobState).where(JobState.name.in_([spec.name for _, spec in jobs])))}
    return [(plugin, spec) for plugin, spec in jobs if _is_due(states.get(spec.name), spec.interval, now)]


def _is_due(state: JobState | None, interval: timedelta, now: datetime) -> bool:
    if state is None:
        return True
    free = state.locked_until is None or state.locked_until < now
    return free and (state.last_started_at is None or state.last_started_at + interval <= now)


def try_acquire(app: AppContext, name: str, runner_id: str, lease: timedelta = LEASE, *,
                interval: timedelta | None = None, now: datetime | None = None) -> bool:
    """Lock job ``name`` for ``runner_id`` for ``lease``; True when this runner won it.

    With ``interval`` the job must also be due (its last start at least ``interval`` ago).
    """
    now = now or utcnow()
    _ensure_row(app, name)
    conditions = [JobState.name == name, or_(JobState.locked_until.is_(None), JobState.locked_until < now)]
    if interval is not None:
        conditions.append(or_(JobState.last_started_at.is_(None), JobState.last_started_at <= now - interval))
    with app.session() as session:
        result = session.execute(
            update(JobState).where(*conditions)
            .values(locked_by=runner_id, locked_until=now + lease, last_started_at=now)
            .execution_options(synchronize_session=False))
        return result.rowcount == 1


def _ensure_row(app: AppContext, name: str) -> None:
    try:
        with app.session() as session:
            if session.get(JobState, name) is None:
                session.add(JobState(name=name, runs=0))
    except IntegrityError:  # another runner created it at the same moment
        pass


def release(app: AppContext, name: str, runner_id: str, status: str, error: str | None = None) -> bool:
    """Record how the run ended and free the lock; False when the lease was lost to another runner."""
    with app.session() as session:
        result = session.execute(
            update(JobState).where(JobState.name == name, JobState.locked_by == runner_id)
            .values(locked_by=None, locked_until=None, last_finished_at=utcnow(), last_status=status,
                    last_error=error, runs=JobState.runs + 1)
            .execution_options(synchronize_session=False))
        return result.rowcount == 1


def run_due(app: AppContext, runner_id: str | None = None) -> list[JobOutcome]:
    """Run every due job whose lock this runner wins; a raising job is recorded and the others still run."""
    runner_id = runner_id or default_runner_id()
    outcomes = []
    for plugin, spec in due_jobs(app):
        if try_acquire(app, spec.name, runner_id, LEASE, interval=spec.interval):
            outcomes.append(_run(app, plugin, spec, runner_id))
    return outcomes


def _run(app: AppContext, plugin: str, spec: JobSpec, runner_id: str) -> JobOutcome:
    started = utcnow()
    status, summary, error = ERROR, "interrupted", "interrupted before it finished"
    try:
        summary, status, error = str(spec.run(Context(app, Actor.system())) or ""), OK, None
    except Exception as exc:  # noqa: BLE001 - one job's failure must not stop the others
        summary, error = f"{type(exc).__name__}: {exc}", traceback.format_exc()
        log.warning("job %s failed: %s", spec.name, summary)
    finally:
        release(app, spec.name, runner_id, status, error)
    return JobOutcome(spec.name, plugin, status, summary, started, utcnow())


def run_worker(app: AppContext, once: bool, poll_seconds: float = 30,
               stop_event: threading.Event | None = None) -> list[JobOutcome]:
    """Run due jobs every ``poll_seconds`` until ``stop_event`` is set (one round when ``once``).

    Returns the outcomes of the last round.
    """
    runner_id, stop_event = default_runner_id(), stop_event or threading.Event()
    while True:
        outcomes = run_due(app, runner_id)
        for outcome in outcomes:
            log.info("%s", outcome)
        if once or stop_event.wait(poll_seconds):
            return outcomes
