"""Clocks from history, without the database: events → transitions → ``compute_clock``.

A definition says which event starts its clock and which stops it. Events are the subject's
status changes (an incident's or a work order's) and the incident's milestones (dispatched,
arrived, restored). ``transitions`` maps that history onto the states ``compute_clock`` knows:
waiting (not started), running, pending with the typed reason (which pauses only for the
definition's pause reasons), stopped (latched at the stop event; a reopen resumes clocks that
stop at resolved, closed, restored or done) and cancelled (the subject finished before the stop
event, e.g. an onsite clock of an incident solved remotely, or a cancelled work order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from console.api import ClockDefinition, ClockState, ClockStatus, Transition, ValidationError, compute_clock

WAITING, RUNNING, PENDING, STOPPED, CANCELLED = "waiting", "running", "pending", "stopped", "cancelled"
INCIDENT_DONE = ("resolved", "closed")
WORK_ORDER_DONE = ("done",)
WORK_ORDER_CANCELLED = ("cancelled",)
RESUMING_STOPS = ("resolved", "closed", "restored", "done")
_ZERO = timedelta(0)
_RULE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:km)?\s*:\s*(\d+)\s*([hmd])\s*$", re.IGNORECASE)

#: DOMAIN.md's default distance table: ≤ 50 km 4 h, ≤ 100 km 8 h, ≤ 200 km end of next working day,
#: ≤ 300 km end of the 2nd working day, beyond: agreed per case.
DEFAULT_DISTANCE_RULES = "50:4h, 100:8h, 200:1d, 300:2d"


@dataclass(frozen=True)
class Event:
    """One moment of a subject's history: a status change (``is_status``) or a milestone."""

    at: datetime
    name: str
    is_status: bool = True
    reason: str | None = None


@dataclass(frozen=True)
class DistanceRule:
    """Up to ``max_km`` from the nearest service centre: ``minutes`` of clock time, or the end of
    the ``days``-th working day after the clock starts."""

    max_km: Decimal
    minutes: int | None = None
    days: int | None = None

    def __str__(self) -> str:
        km = f"{self.max_km.normalize():f}"
        if self.days:
            return f"{km}:{self.days}d"
        return f"{km}:{self.minutes // 60}h" if self.minutes % 60 == 0 else f"{km}:{self.minutes}m"


def parse_distance_rules(text: str | None) -> tuple[DistanceRule, ...]:
    """``"50:4h, 100:8h, 200:1d, 300:2d"`` → rules, nearest first; beyond the last: agreed per case."""
    rules = []
    for part in (text or "").replace("；", ",").replace(";", ",").replace("，", ",").split(","):
        if not part.strip():
            continue
        match = _RULE.match(part)
        if not match:
            raise ValidationError(f"“{part.strip()}” is not a distance rule: write km:duration, e.g. 50:4h, "
                                  "90:150m or 200:1d (end of the next working day).", "distance_rules")
        km, amount, unit = Decimal(match[1]), int(match[2]), match[3].lower()
        if amount <= 0:
            raise ValidationError(f"“{part.strip()}”: the duration must be more than zero.", "distance_rules")
        rule = DistanceRule(km, days=amount) if unit == "d" else DistanceRule(
            km, minutes=amount * 60 if unit == "h" else amount)
        if rules and rule.max_km <= rules[-1].max_km:
            raise ValidationError("List the distance rules from the nearest to the farthest, "
                                  "e.g. 50:4h, 100:8h, 200:1d.", "distance_rules")
        rules.append(rule)
    if not rules:
        raise ValidationError("Give at least one distance rule, e.g. 50:4h.", "distance_rules")
    return tuple(rules)


@dataclass(frozen=True)
class Level:
    """One rung of an escalation ladder (see ``models.EscalationLevel``)."""

    number: int
    trigger: str
    share_percent: int | None
    offset_minutes: int | None
    action: str
    notify_target: str | None = None
    role: str | None = None
    group_id: int | None = None
    repeat_minutes: int | None = None

    def threshold(self, target: timedelta) -> timedelta:
        """The counted time at which the level first fires."""
        if self.trigger == "share":
            return target * (self.share_percent or 0) / 100
        return timedelta(minutes=self.offset_minutes or 0)

    def repetition_due(self, target: timedelta, elapsed: timedelta) -> int | None:
        """The latest repetition (0 = the first firing) due at ``elapsed`` counted time, or None."""
        threshold = self.threshold(target)
        if elapsed < threshold:
            return None
        if not self.repeat_minutes:
            return 0
        return int((elapsed - threshold) // timedelta(minutes=self.repeat_minutes))

    def counted_at(self, target: timedelta, repetition: int) -> timedelta | None:
        """The counted time of firing number ``repetition`` (None when the level does not repeat)."""
        if repetition and not self.repeat_minutes:
            return None
        return self.threshold(target) + repetition * timedelta(minutes=self.repeat_minutes or 0)


@dataclass(frozen=True)
class Target:
    """A definition ready to replay: events, pause reasons, calendar, targets and ladder."""

    definition_id: int
    version: int
    name: str
    kind: str
    scope: str
    metric: str
    start_event: str
    stop_event: str
    pause_reasons: frozenset[str]
    calendar: object  # a console.api.BusinessCalendar
    minutes: dict[str, int | None]
    distance_rules: tuple[DistanceRule, ...] = ()
    service_level: str | None = None
    levels: tuple[Level, ...] = field(default_factory=tuple)
    work_order_kind: str | None = None

    @property
    def uses_distance(self) -> bool:
        """True for an onsite target that reads the distance table."""
        return self.metric == "onsite" and bool(self.distance_rules)


def transitions(events: list[Event], start_event: str, stop_event: str, *, done: tuple[str, ...] = INCIDENT_DONE,
                cancelled: tuple[str, ...] = ()) -> list[Transition]:
    """The history mapped onto one clock's states (see the module docstring); ``events`` are sorted."""
    out: list[Transition] = []
    status = reason = None
    started = stopped = False
    resumes = stop_event in RESUMING_STOPS
    for index, event in enumerate(events):
        if event.is_status:
            status, reason = event.name, event.reason
        if not started and (event.name == start_event or (start_event == "created" and index == 0)):
            started = True
            if event.name == stop_event:  # started and stopped at once (opened already assigned): met at zero
                out.append(Transition(event.at, RUNNING))
        if started and not stopped and event.name == stop_event:
            stopped = True
        elif stopped and resumes and event.is_status and event.name == "reopened":
            stopped = False
        if not started:  # finished without the start event ever happening: the clock does not apply
            finished = status in cancelled or status in done
            out.append(Transition(event.at, CANCELLED if finished else WAITING, status if finished else None))
        elif stopped:
            out.append(Transition(event.at, STOPPED))
        elif status in cancelled or (status in done and stop_event not in done):
            out.append(Transition(event.at, CANCELLED, status))
        elif status == "pending":
            out.append(Transition(event.at, PENDING, reason))
        else:
            out.append(Transition(event.at, RUNNING))
    return out


def end_of_working_day(calendar, start: datetime, days: int) -> datetime:
    """The end of the ``days``-th working day after the local date of ``start`` on ``calendar``."""
    day: date = start.astimezone(calendar.zone).date()
    counted = 0
    for _ in range(3660):  # ten years of closed days would be a broken calendar
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
            if counted == days:
                end_minute = calendar.windows(day)[-1][1]
                midnight = datetime.combine(day, time(), tzinfo=calendar.zone)
                return midnight + timedelta(minutes=end_minute)
    raise ValidationError(f"Calendar {calendar.name!r} has no working day in the next ten years.")


def target_for(target: Target, priority: str, start: datetime, distance_km: Decimal | None,
               agreed_minutes: int | None) -> timedelta | None:
    """The clock's target: per priority, or for onsite from the distance table (None: not agreed yet)."""
    if not target.uses_distance:
        minutes = target.minutes.get(priority)
        return timedelta(minutes=minutes) if minutes else None
    rule = None
    if distance_km is not None:
        rule = next((r for r in target.distance_rules if distance_km <= r.max_km), None)
    if rule is None:  # beyond the table, or no coordinates: agreed per case
        return timedelta(minutes=agreed_minutes) if agreed_minutes else None
    if rule.minutes:
        return timedelta(minutes=rule.minutes)
    worked = target.calendar.between(start, end_of_working_day(target.calendar, start, rule.days))
    return worked if worked > _ZERO else None


@dataclass(frozen=True)
class Replay:
    """One clock replayed: its state (None until started or without a target) and what it stands on."""

    target: Target
    transitions: tuple[Transition, ...]
    status: str  # one of models.CLOCK_STATES
    state: ClockState | None = None
    goal: timedelta | None = None
    definition: ClockDefinition | None = None
    started_at: datetime | None = None

    @property
    def running(self) -> bool:
        """True while time is counted (running, or breached and still running)."""
        return self.state is not None and bool(self.state.segments) and self.state.segments[-1].kind == RUNNING

    def instant_for(self, counted: timedelta, now: datetime) -> datetime | None:
        """When the clock reaches ``counted`` time if it keeps running from ``now`` (None unless running)."""
        if not self.running:
            return None
        last = self.state.segments[-1]
        before = self.state.elapsed - self.target.calendar.between(last.start, now)
        if counted <= before:
            return last.start
        return self.target.calendar.add(last.start, counted - before)


_STATUS = {ClockStatus.NOT_STARTED: "not_started", ClockStatus.RUNNING: "running", ClockStatus.PAUSED: "paused",
           ClockStatus.MET: "met", ClockStatus.BREACHED: "breached", ClockStatus.CANCELLED: "cancelled"}


def replay(target: Target, events: list[Event], priority: str, now: datetime, *, distance_km: Decimal | None = None,
           agreed_minutes: int | None = None, done: tuple[str, ...] = INCIDENT_DONE,
           cancelled: tuple[str, ...] = ()) -> Replay:
    """Replay ``events`` for ``target`` up to ``now``."""
    mapped = transitions(events, target.start_event, target.stop_event, done=done, cancelled=cancelled)
    started = next((t.at for t in mapped if t.at <= now and t.status in (RUNNING, PENDING)), None)
    if started is None:
        last = next((t for t in reversed(mapped) if t.at <= now), None)
        status = "cancelled" if last is not None and last.status == CANCELLED else "not_started"
        return Replay(target, tuple(mapped), status)
    goal = target_for(target, priority, started, distance_km, agreed_minutes)
    if goal is None:
        return Replay(target, tuple(mapped), "no_target", started_at=started)
    definition = ClockDefinition(start_statuses=frozenset({RUNNING, PENDING}), stop_statuses=frozenset({STOPPED}),
                                 pause_reasons=target.pause_reasons, target=goal, calendar=target.calendar,
                                 pause_statuses=frozenset({PENDING}), cancel_statuses=frozenset({CANCELLED}))
    state = compute_clock(definition, mapped, now)
    return Replay(target, tuple(mapped), _STATUS[state.state], state, goal, definition, started)
