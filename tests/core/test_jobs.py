"""Background jobs: due times, the single-runner lock, failures, and exactly-once under concurrency."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest

from console.core import jobs
from console.core.context import AppContext
from console.core.contributions import JobSpec
from console.core.db import make_engine, session_factory, utcnow
from console.core.models import JobState

HOUR = timedelta(hours=1)


class FakeHost:
    """A plugin host whose only contributions are the given jobs."""

    def __init__(self, *specs: JobSpec):
        self.specs = specs

    def collect(self, hook: str, **_kwargs):
        return [("demo_plugin", s) for s in self.specs] if hook == "register_jobs" else []


def with_jobs(app: AppContext, *specs: JobSpec, engine=None) -> AppContext:
    engine = engine or app.engine
    sessions = app.sessions if engine is app.engine else session_factory(engine)
    return AppContext(url=app.url, engine=engine, sessions=sessions, plugins=FakeHost(*specs))


def only_plugin(items):
    """Outcomes or due jobs of the test's plugin (core's own jobs run beside them)."""
    return [i for i in items if (i.plugin if hasattr(i, "plugin") else i[0]) == "demo_plugin"]


def job_name() -> str:
    return f"demo_plugin.job_{uuid.uuid4().hex[:10]}"


def state(app: AppContext, name: str) -> JobState:
    with app.session() as session:
        return session.get(JobState, name)


class Counter:
    """A job body that counts its runs (thread-safe) and can be slowed down."""

    def __init__(self, result: str | None = "done", delay: float = 0.0):
        self.runs, self.result, self.delay, self.lock = 0, result, delay, threading.Lock()
        self.actors: list = []

    def __call__(self, context) -> str | None:
        with self.lock:
            self.runs += 1
        self.actors.append(context.actor)
        if self.delay:
            threading.Event().wait(self.delay)
        return self.result


def test_a_due_job_runs_once_and_is_recorded(app):
    body, name = Counter("3 reminders sent"), job_name()
    console = with_jobs(app, JobSpec(name, "Reminders", HOUR, body))
    (outcome,) = only_plugin(jobs.run_due(console, "runner-a"))
    assert (outcome.name, outcome.plugin, outcome.status, outcome.summary) == (
        name, "demo_plugin", "ok", "3 reminders sent")
    assert str(outcome).startswith(f"{name}: ok in ") and str(outcome).endswith("— 3 reminders sent")
    assert body.actors[0].username == "system" and body.actors[0].can("anything")
    row = state(app, name)
    assert (row.runs, row.last_status, row.last_error, row.locked_by, row.locked_until) == (1, "ok", None, None, None)
    assert row.last_started_at <= row.last_finished_at
    assert only_plugin(jobs.run_due(console, "runner-b")) == []  # not due again for an hour
    assert body.runs == 1


def test_a_job_is_due_again_after_its_interval(app):
    name = job_name()
    console = with_jobs(app, JobSpec(name, "Tick", HOUR, Counter()))
    jobs.run_due(console)
    assert only_plugin(jobs.due_jobs(console)) == []
    assert [spec.name for _, spec in only_plugin(jobs.due_jobs(console, now=utcnow() + HOUR))] == [name]


def test_a_raising_job_is_recorded_and_the_others_still_run(app):
    def explode(_context):
        raise RuntimeError("the mail server is down")

    good, bad = job_name(), job_name()
    body = Counter(None)
    console = with_jobs(app, JobSpec(bad, "Bad", HOUR, explode), JobSpec(good, "Good", HOUR, body))
    outcomes = {o.name: o for o in jobs.run_due(console)}
    assert outcomes[bad].status == "error"
    assert outcomes[bad].summary == "RuntimeError: the mail server is down"
    assert outcomes[good].status == "ok" and outcomes[good].summary == "" and body.runs == 1
    row = state(app, bad)
    assert row.last_status == "error" and "the mail server is down" in row.last_error and row.runs == 1
    assert row.locked_by is None  # the lock is released after a failure too


def test_the_lock_is_exclusive_until_released_or_expired(app):
    name = job_name()
    assert jobs.try_acquire(app, name, "runner-a", timedelta(minutes=5))
    assert not jobs.try_acquire(app, name, "runner-b", timedelta(minutes=5))
    assert jobs.try_acquire(app, name, "runner-b", timedelta(minutes=5), now=utcnow() + timedelta(minutes=6))
    assert not jobs.release(app, name, "runner-a", "ok")  # runner-a lost its lease: it must not clobber
    assert state(app, name).locked_by == "runner-b"
    assert jobs.release(app, name, "runner-b", "ok")
    assert jobs.try_acquire(app, name, "runner-a", timedelta(minutes=5))


def test_acquire_with_an_interval_refuses_a_job_that_is_not_due(app):
    name = job_name()
    assert jobs.try_acquire(app, name, "runner-a", interval=HOUR)
    jobs.release(app, name, "runner-a", "ok")
    assert not jobs.try_acquire(app, name, "runner-b", interval=HOUR)
    assert jobs.try_acquire(app, name, "runner-b", interval=HOUR, now=utcnow() + HOUR)


def test_a_locked_job_is_not_due(app):
    name = job_name()
    console = with_jobs(app, JobSpec(name, "Slow", timedelta(0), Counter()))
    assert jobs.try_acquire(app, name, "someone-else", timedelta(minutes=5))
    assert jobs.due_jobs(console) == []
    assert jobs.run_due(console) == []


@pytest.mark.parametrize("round_", range(3))
def test_two_runners_at_the_same_moment_run_a_job_exactly_once(app, round_):
    body, name = Counter(delay=0.05), job_name()
    engines = [make_engine(app.url) for _ in range(2)]  # two processes, as far as the database can tell
    consoles = [with_jobs(app, JobSpec(name, "Once", HOUR, body), engine=e) for e in engines]
    barrier, outcomes, errors = threading.Barrier(2), [], []

    def runner(console: AppContext, runner_id: str) -> None:
        barrier.wait()
        try:
            outcomes.extend(jobs.run_due(console, runner_id))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=runner, args=(c, f"runner-{i}")) for i, c in enumerate(consoles)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        for e in engines:
            e.dispose()
    assert errors == []
    assert body.runs == 1 and len(outcomes) == 1
    assert state(app, name).runs == 1


def test_run_worker_once_returns_the_rounds_outcomes(app):
    name = job_name()
    console = with_jobs(app, JobSpec(name, "Once", HOUR, Counter()))
    assert [o.name for o in jobs.run_worker(console, once=True)] == [name]


def test_run_worker_stops_when_asked(app):
    body, name = Counter(), job_name()
    console = with_jobs(app, JobSpec(name, "Loop", HOUR, body))
    stop = threading.Event()
    stop.set()
    assert [o.name for o in jobs.run_worker(console, once=False, poll_seconds=60, stop_event=stop)] == [name]
    assert body.runs == 1


def test_runner_ids_are_unique_per_call():
    assert jobs.default_runner_id() != jobs.default_runner_id()
