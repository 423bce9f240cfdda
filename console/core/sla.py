"""SLA clocks computed from status history: replayable, never a stored counter.

A clock is defined by when it starts, stops and pauses (ClockDefinition); `compute_clock`
replays an object's transitions up to `now` into a ClockState: working time counted and
paused per reason (through the definition's BusinessCalendar), due instant, breach instant,
and the running/paused/stopped timeline for an "SLA explain" chart.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from console.core.calendars import BusinessCalendar

__all__ = [
    "PAUSED", "RUNNING", "START_AT_CREATION", "STOPPED",
    "ClockDefinition", "ClockState", "ClockStatus", "Segment", "Transition",
    "compute_clock", "explain", "percent_elapsed",
]

START_AT_CREATION = "*"
RUNNING, PAUSED, STOPPED = "running", "paused", "stopped"
_ZERO = timedelta(0)


@dataclass(frozen=True)
class Transition:
    """One status change in an object's history; the first one is the object's creation."""

    at: datetime
    status: str
    reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class ClockDefinition:
    """When a clock starts, stops and pauses, its target and the calendar it counts on.

    The clock starts at the first transition into a start status ("*": at creation), stops
    at a transition into a stop status, and pauses while the status is a pause status and
    the transition's reason is a pause reason. A later transition out of a stop status
    (reopened) resumes it; a transition into a cancel status cancels it.
    """

    start_statuses: frozenset[str]
    stop_statuses: frozenset[str]
    pause_reasons: frozenset[str]
    target: timedelta
    calendar: BusinessCalendar
    pause_statuses: frozenset[str] = frozenset({"pending"})
    cancel_statuses: frozenset[str] = frozenset({"cancelled"})

    def __post_init__(self):
        if self.target <= _ZERO:
            raise ValueError(f"An SLA target must be positive, got {self.target}")


class ClockStatus(enum.Enum):
    """Where a clock stands."""

    NOT_STARTED = "not_started"
    RUNNING = "running"
    PAUSED = "paused"
    MET = "met"
    BREACHED = "breached"
    CANCELLED = "cancelled"


class Segment(NamedTuple):
    """A stretch of the timeline: kind is "running", "paused" or "stopped".

    `reason` is the pause reason of a paused stretch, the cancel status of a cancelled one.
    """

    start: datetime
    end: datetime
    kind: str
    reason: str | None = None


@dataclass(frozen=True)
class ClockState:
    """A clock replayed up to `now`. Durations are working time on the clock's calendar.

    `stopped_at` is the instant of the stop (or cancel) the clock currently rests on; `due`
    is when the target is (or was) reached if the clock keeps running, None unless running;
    `breached_at` is when the counted time exceeded the target — a breach is never undone
    by a later stop, only a cancel outranks it.
    """

    state: ClockStatus
    started_at: datetime | None = None
    stopped_at: datetime | None = None
    elapsed: timedelta = _ZERO
    paused: dict[str, timedelta] = field(default_factory=dict)
    due: datetime | None = None
    breached_at: datetime | None = None
    remaining: timedelta = _ZERO
    segments: tuple[Segment, ...] = ()


def _mode(defn: ClockDefinition, t: Transition) -> tuple[str, str | None]:
    """What a started clock does after transition `t`: (kind, reason)."""
    if t.status in defn.cancel_statuses:
        return STOPPED, t.status
    if t.status in defn.stop_statuses:
        return STOPPED, None
    if t.status in defn.pause_statuses and t.reason in defn.pause_reasons:
        return PAUSED, t.reason
    return RUNNING, None


_FINAL = {RUNNING: ClockStatus.RUNNING, PAUSED: ClockStatus.PAUSED, STOPPED: ClockStatus.MET}


def compute_clock(defn: ClockDefinition, history: Sequence[Transition], now: datetime) -> ClockState:
    """Replay `history` (sorted by `at`; transitions after `now` ignored) into a ClockState."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"`now` must be a timezone-aware datetime, got {now!r}")
    ats = [t.at for t in history]
    if ats != sorted(ats):
        i = next(i for i in range(1, len(ats)) if ats[i] < ats[i - 1])
        raise ValueError(
            f"History must be sorted by time: transition {i} ({history[i].status!r} at "
            f"{ats[i]}) comes before transition {i - 1} ({ats[i - 1]})"
        )
    starts, cal = defn.start_statuses, defn.calendar
    # Merge the started history into (start, kind, reason) pieces, one per change of mode.
    pieces: list[tuple[datetime, str, str | None]] = []
    last = None  # the last transition up to now
    for i, t in enumerate(history):
        if t.at > now:
            break
        last = t
        if not pieces and not (t.status in starts or (i == 0 and START_AT_CREATION in starts)):
            continue
        mode = _mode(defn, t)
        if not pieces or pieces[-1][1:] != mode:
            pieces.append((t.at, *mode))
    cancelled = last is not None and last.status in defn.cancel_statuses
    if not pieces:
        return ClockState(ClockStatus.CANCELLED if cancelled else ClockStatus.NOT_STARTED,
                          remaining=defn.target)

    elapsed, paused, breached_at, segments = _ZERO, {}, None, []
    run_start = run_before = None  # the last running piece and the time counted before it
    for (start, kind, reason), nxt in zip(pieces, pieces[1:] + [(now,)]):
        end = nxt[0]
        segments.append(Segment(start, end, kind, reason))
        if kind == STOPPED:
            continue
        worked = cal.between(start, end)
        if kind == PAUSED:
            paused[reason] = paused.get(reason, _ZERO) + worked
            continue
        run_start, run_before = start, elapsed
        if breached_at is None and elapsed + worked > defn.target:
            breached_at = cal.add(start, defn.target - elapsed)
        elapsed += worked

    final_kind, final_start = pieces[-1][1], pieces[-1][0]
    if cancelled:
        state = ClockStatus.CANCELLED
    elif breached_at is not None:
        state = ClockStatus.BREACHED
    else:
        state = _FINAL[final_kind]
    due = None
    if final_kind == RUNNING:
        due = breached_at or cal.add(run_start, defn.target - run_before)
    return ClockState(
        state=state,
        started_at=pieces[0][0],
        stopped_at=final_start if final_kind == STOPPED else None,
        elapsed=elapsed,
        paused=paused,
        due=due,
        breached_at=breached_at,
        remaining=defn.target - elapsed,
        segments=tuple(segments),
    )


def percent_elapsed(state: ClockState, defn: ClockDefinition) -> float:
    """Counted time as a percentage of the target (above 100 once breached)."""
    return 100.0 * (state.elapsed / defn.target)


_REASONS = {
    "customer": "waiting for customer",
    "parts": "waiting for parts",
    "vendor": "waiting for vendor",
    "delay": "on customer-requested delay",
}


def _why(reason: str) -> str:
    return _REASONS.get(reason, f"for {reason!r}")


def _duration(d: timedelta) -> str:
    minutes = int(abs(d).total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes}m" if hours and minutes else f"{hours}h" if hours else f"{minutes}m"


def _instant(dt: datetime, defn: ClockDefinition) -> str:
    local = dt.astimezone(defn.calendar.zone)
    offset = int(local.utcoffset().total_seconds() // 60)
    sign, offset = "+-"[offset < 0], abs(offset)
    return f"{local:%Y-%m-%d %H:%M} ({sign}{offset // 60:02d}:{offset % 60:02d})"


def explain(state: ClockState, defn: ClockDefinition) -> list[str]:
    """Short English sentences describing a clock, for tooltips and the SLA explain view."""
    target = f"Target {_duration(defn.target)} on calendar {defn.calendar.name!r}"
    if state.state is ClockStatus.NOT_STARTED:
        return [target, "Not started"]
    lines = [target]
    if state.started_at is not None:
        lines.append(f"Started {_instant(state.started_at, defn)}")
        lines.append(f"Counted {_duration(state.elapsed)} ({percent_elapsed(state, defn):.0f}%)")
    lines += [f"Paused {_duration(d)} {_why(r)}" for r, d in state.paused.items()]
    if state.breached_at is not None:
        lines.append(f"Breached at {_instant(state.breached_at, defn)}")
    if state.state is ClockStatus.RUNNING:
        lines.append(f"Due {_instant(state.due, defn)}, {_duration(state.remaining)} left")
    elif state.state is ClockStatus.PAUSED:
        last = state.segments[-1]
        lines.append(f"Paused since {_instant(last.start, defn)} {_why(last.reason)}")
    elif state.state is ClockStatus.MET:
        stopped, spare = _instant(state.stopped_at, defn), _duration(state.remaining)
        lines.append(f"Met: stopped {stopped} with {spare} to spare")
    elif state.state is ClockStatus.BREACHED and state.stopped_at is not None:
        stopped, over = _instant(state.stopped_at, defn), _duration(state.remaining)
        lines.append(f"Stopped {stopped}, {over} over target")
    elif state.state is ClockStatus.CANCELLED:
        lines.append(f"Cancelled {_instant(state.stopped_at, defn)}" if state.stopped_at else "Cancelled")
    return lines
