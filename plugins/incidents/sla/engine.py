"""Rebuild stored clocks from history: the only writer of ``incidents_clock``.

``prepare(app)`` loads what lives outside the unit of work (business calendars from core's
store, the organisation's time zone) *before* a transaction starts: on SQLite a second
connection inside a write transaction would wait for its own lock. ``rebuild(work, setup,
incident_ids, now)`` then, inside the caller's unit of work, locks the incidents, replays every
applicable definition over their status history, milestones and work orders, writes the clock
rows (state, due, breach, next check), records the escalation firings that are due and sets the
incidents' derived ``due_at``, ``sla_breached`` and ``clocks_at``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from console.api import BusinessCalendar, NotFound, UnitOfWork, get_setting, load_calendar
from plugins.incidents.models import (
    Clock,
    Escalation,
    EscalationLevel,
    Incident,
    Milestone,
    SlaDefinition,
    StatusChange,
    WorkOrder,
    WorkOrderStatus,
)
from plugins.incidents.sla import actions
from plugins.incidents.sla.clocks import (
    WORK_ORDER_CANCELLED,
    WORK_ORDER_DONE,
    Event,
    Level,
    Replay,
    Target,
    parse_distance_rules,
    replay,
)

log = logging.getLogger(__name__)
CHUNK = 500
CALENDAR_TTL_SECONDS = 300
_calendars: dict[str, tuple[float, BusinessCalendar]] = {}
_calendars_lock = threading.Lock()


@dataclass(frozen=True)
class Setup:
    """What a rebuild needs from outside its transaction: calendars by name (None: 24×7)."""

    calendars: dict[str | None, BusinessCalendar]
    zone: str

    def calendar(self, name: str | None) -> BusinessCalendar:
        """The calendar a definition names; a calendar that disappeared counts as 24×7 (and is logged)."""
        found = self.calendars.get(name)
        if found is None:
            log.warning("SLA calendar %r is not stored (any more); counting 24x7", name)
            return self.calendars[None]
        return found


def _cached_calendar(key: str, build) -> BusinessCalendar:
    with _calendars_lock:
        entry = _calendars.get(key)
        if entry is not None and time.monotonic() - entry[0] < CALENDAR_TTL_SECONDS:
            return entry[1]
    calendar = build()
    with _calendars_lock:
        _calendars[key] = (time.monotonic(), calendar)
    return calendar


def forget_calendars() -> None:
    """Drop cached calendars (after an import, so the next rebuild reads them again)."""
    with _calendars_lock:
        _calendars.clear()


def prepare(app, names: Iterable[str] | None = None) -> Setup:
    """Load the calendars of the active definitions (or ``names``) and the default zone; call it
    before ``app.unit_of_work``."""
    zone = get_setting(app, "core.default_timezone") or "Asia/Shanghai"
    if names is None:
        with app.session() as session:
            names = session.scalars(select(SlaDefinition.calendar_name).distinct().where(
                SlaDefinition.active.is_(True), SlaDefinition.calendar_name.is_not(None))).all()
    calendars: dict[str | None, BusinessCalendar] = {
        None: _cached_calendar(f"24x7@{zone}", lambda: BusinessCalendar.always(zone, "24×7"))}
    for name in names:
        try:
            calendars[name] = _cached_calendar(name, lambda n=name: load_calendar(app, n))
        except NotFound:
            log.warning("SLA definitions name the calendar %r, which is not stored", name)
    return Setup(calendars, zone)


def load_targets(session: Session, setup: Setup) -> list[Target]:
    """The active definitions with their ladders, ready to replay."""
    levels: dict[int, list[Level]] = defaultdict(list)
    for row in session.scalars(select(EscalationLevel).order_by(EscalationLevel.definition_id,
                                                                 EscalationLevel.level)):
        levels[row.definition_id].append(Level(row.level, row.trigger, row.share_percent, row.offset_minutes,
                                               row.action, row.notify_target, row.role, row.group_id,
                                               row.repeat_minutes))
    return [target_of(d, setup.calendar(d.calendar_name), tuple(levels[d.id]))
            for d in session.scalars(select(SlaDefinition).where(SlaDefinition.active.is_(True))
                                     .order_by(SlaDefinition.id))]


def target_of(definition: SlaDefinition, calendar: BusinessCalendar, levels: tuple[Level, ...] = ()) -> Target:
    """A stored definition as a replayable ``Target``."""
    return Target(
        definition_id=definition.id, version=definition.version, name=definition.name, kind=definition.kind,
        scope=definition.scope, metric=definition.metric, start_event=definition.start_event,
        stop_event=definition.stop_event,
        pause_reasons=frozenset(r for r in definition.pause_reasons.split(",") if r),
        calendar=calendar,
        minutes={"P1": definition.p1_minutes, "P2": definition.p2_minutes, "P3": definition.p3_minutes,
                 "P4": definition.p4_minutes},
        distance_rules=parse_distance_rules(definition.distance_rules) if definition.distance_rules else (),
        service_level=definition.service_level, levels=levels, work_order_kind=definition.work_order_kind)


def applicable(targets: list[Target], scope: str, service_level: str | None) -> list[Target]:
    """Per kind and metric, the definition for ``service_level`` if there is one, else the default one."""
    chosen: dict[tuple[str, str], Target] = {}
    for target in targets:
        if target.scope == scope and target.service_level is None:
            chosen.setdefault((target.kind, target.metric), target)
    for target in targets:
        if target.scope == scope and service_level is not None and target.service_level == service_level:
            chosen[(target.kind, target.metric)] = target
    return sorted(chosen.values(), key=lambda t: t.definition_id)


def _chunks(ids: list[int], size: int = CHUNK) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def incident_events(session: Session, incident_ids: list[int]) -> dict[int, list[Event]]:
    """Status changes and milestones of each incident, in time order."""
    events: dict[int, list[tuple]] = defaultdict(list)
    for row in session.execute(select(StatusChange.incident_id, StatusChange.at, StatusChange.id,
                                      StatusChange.status, StatusChange.reason)
                               .where(StatusChange.incident_id.in_(incident_ids))):
        events[row.incident_id].append((row.at, 0, row.id, Event(row.at, row.status, True, row.reason)))
    for row in session.execute(select(Milestone.incident_id, Milestone.at, Milestone.id, Milestone.name)
                               .where(Milestone.incident_id.in_(incident_ids))):
        events[row.incident_id].append((row.at, 1, row.id, Event(row.at, row.name, False)))
    return {key: [item[-1] for item in sorted(value, key=lambda i: i[:3])] for key, value in events.items()}


def work_order_events(session: Session, incident_ids: list[int]) -> list[tuple]:
    """``(incident_id, work order number, kind, events)`` for every work order of the incidents."""
    orders = session.execute(select(WorkOrder.id, WorkOrder.incident_id, WorkOrder.number, WorkOrder.kind)
                             .where(WorkOrder.incident_id.in_(incident_ids))).all()
    if not orders:
        return []
    history: dict[int, list[Event]] = defaultdict(list)
    for row in session.execute(select(WorkOrderStatus.work_order_id, WorkOrderStatus.at, WorkOrderStatus.status,
                                      WorkOrderStatus.reason)
                               .where(WorkOrderStatus.work_order_id.in_([o.id for o in orders]))
                               .order_by(WorkOrderStatus.work_order_id, WorkOrderStatus.at, WorkOrderStatus.id)):
        history[row.work_order_id].append(Event(row.at, row.status, True, row.reason))
    return [(o.incident_id, o.number, o.kind, history[o.id]) for o in orders]


INCIDENT_COLUMNS = (Incident.id, Incident.priority, Incident.service_level, Incident.distance_km,
                    Incident.onsite_agreed_minutes)


def replay_all(targets: list[Target], incidents: list, events: dict[int, list[Event]], orders: list[tuple],
               now: datetime) -> list[tuple[int, str, Replay]]:
    """``(incident_id, subject, replay)`` for every applicable definition of the incidents and their work orders.

    ``incidents`` are rows of ``INCIDENT_COLUMNS``; ``orders`` come from ``work_order_events``."""
    replays: list[tuple[int, str, Replay]] = []
    by_id = {row.id: row for row in incidents}
    for row in incidents:
        for target in applicable(targets, "incident", row.service_level):
            replays.append((row.id, "", replay(target, events.get(row.id, []), row.priority, now,
                                               distance_km=row.distance_km,
                                               agreed_minutes=row.onsite_agreed_minutes)))
    for incident_id, number, kind, history in orders:
        row = by_id.get(incident_id)
        if row is None or not history:
            continue
        for target in applicable(targets, "work_order", row.service_level):
            if target.work_order_kind not in (None, kind):
                continue
            replays.append((incident_id, number, replay(target, history, row.priority, now,
                                                        distance_km=row.distance_km,
                                                        agreed_minutes=row.onsite_agreed_minutes,
                                                        done=WORK_ORDER_DONE, cancelled=WORK_ORDER_CANCELLED)))
    return replays


@dataclass
class Outcome:
    """What a rebuild did: clocks written, clocks newly breached, firings recorded."""

    clocks: int = 0
    breached: int = 0
    fired: int = 0
    incidents: int = 0

    def add(self, other: Outcome) -> None:
        """Add another outcome's counts to this one."""
        self.clocks += other.clocks
        self.breached += other.breached
        self.fired += other.fired
        self.incidents += other.incidents


def rebuild(work: UnitOfWork, setup: Setup, incident_ids: Iterable[int], now: datetime, *,
            fire: bool = True) -> Outcome:
    """Rebuild the clocks of ``incident_ids`` at ``now`` (see the module docstring); ``fire=False``
    records no escalation firing."""
    outcome = Outcome()
    ids = sorted(set(incident_ids))
    if not ids:
        return outcome
    targets = load_targets(work.session, setup)
    for chunk in _chunks(ids):
        for _attempt in range(3):  # a raised priority changes targets: replay those incidents again
            part, changed = _rebuild_chunk(work, targets, chunk, now, fire)
            outcome.add(part)
            if not changed:
                break
            chunk = sorted(changed)
    return outcome


def _rebuild_chunk(work: UnitOfWork, targets: list[Target], ids: list[int], now: datetime,
                   fire: bool) -> tuple[Outcome, set[int]]:
    session = work.session
    incidents = session.execute(select(*INCIDENT_COLUMNS).where(Incident.id.in_(ids)).order_by(Incident.id)
                                .with_for_update()).all()
    events = incident_events(session, ids)
    orders = work_order_events(session, ids) if any(t.scope == "work_order" for t in targets) else []
    existing = {(r.incident_id, r.definition_id, r.subject): (r.id, r.state) for r in session.execute(
        select(Clock.id, Clock.incident_id, Clock.definition_id, Clock.subject, Clock.state)
        .where(Clock.incident_id.in_(ids)))}
    firings = _recorded_firings(session, [v[0] for v in existing.values()])

    replays = replay_all(targets, incidents, events, orders, now)
    outcome = Outcome(clocks=len(replays), incidents=len(incidents))
    candidates, rows = [], []
    for incident_id, subject, result in replays:
        key = (incident_id, result.target.definition_id, subject)
        clock_id, old_state = existing.get(key, (None, None))
        recorded = firings.get(clock_id, {})
        due = _due_firings(result, recorded) if fire else []
        candidates += [(key, result.target.metric, level, repetition) for level, repetition in due]
        for level, repetition in due:  # counted as recorded, whoever wins the insert
            recorded[level.number] = (max(repetition, recorded.get(level.number, (-1, False))[0]), False)
        rows.append((key, clock_id, clock_values(result, recorded, now)))
        if result.status == "breached" and old_state != "breached":
            outcome.breached += 1
    clock_ids = _store_clocks(session, rows, existing, ids)
    _store_incidents(session, replays, ids, now)
    changed: set[int] = set()
    if candidates:
        fired, changed = actions.fire(work, [(clock_ids[key], key[0], metric, level, repetition)
                                             for key, metric, level, repetition in candidates], now)
        outcome.fired += fired
    return outcome, changed


def _recorded_firings(session: Session, clock_ids: list[int]) -> dict[int, dict[int, tuple[int, bool]]]:
    """Per clock and level: the highest repetition recorded and whether the level was acknowledged."""
    recorded: dict[int, dict[int, tuple[int, bool]]] = defaultdict(dict)
    if not clock_ids:
        return recorded
    for row in session.execute(select(Escalation.clock_id, Escalation.level, func.max(Escalation.repetition),
                                      func.count(Escalation.acknowledged_at))
                               .where(Escalation.clock_id.in_(clock_ids))
                               .group_by(Escalation.clock_id, Escalation.level)):
        recorded[row[0]][row[1]] = (row[2], row[3] > 0)
    return recorded


def _due_firings(result: Replay, recorded: dict[int, tuple[int, bool]]) -> list[tuple[Level, int]]:
    """The levels whose next repetition is due now (only while the clock runs, never once acknowledged)."""
    if not result.running or result.goal is None:
        return []
    due = []
    for level in result.target.levels:
        highest, acknowledged = recorded.get(level.number, (-1, False))
        repetition = level.repetition_due(result.goal, result.state.elapsed)
        if not acknowledged and repetition is not None and repetition > highest:
            due.append((level, repetition))
    return due


def next_check(result: Replay, recorded: dict[int, tuple[int, bool]], now: datetime) -> datetime | None:
    """The next instant something happens without a new event: the breach, or a level's next firing."""
    if not result.running or result.goal is None:
        return None
    instants = []
    if result.state.breached_at is None and result.state.due is not None:
        instants.append(result.state.due)
    for level in result.target.levels:
        highest, acknowledged = recorded.get(level.number, (-1, False))
        if acknowledged:
            continue
        counted = level.counted_at(result.goal, highest + 1)
        if counted is not None:
            instant = result.instant_for(counted, now)
            if instant is not None:
                instants.append(max(instant, now + timedelta(seconds=1)))
    return min(instants) if instants else None


def clock_values(result: Replay, recorded: dict[int, tuple[int, bool]], now: datetime) -> dict:
    """The stored columns of one replayed clock (``recorded``: its firings so far, per level)."""
    state = result.state
    return {
        "definition_version": result.target.version, "metric": result.target.metric, "state": result.status,
        "target_minutes": int(result.goal.total_seconds() // 60) if result.goal else None,
        "started_at": result.started_at,
        "due_at": state.due if state is not None and result.running else None,
        "breached_at": state.breached_at if state else None,
        "stopped_at": state.stopped_at if state else None,
        "elapsed_minutes": int(state.elapsed.total_seconds() // 60) if state else 0,
        "next_check_at": next_check(result, recorded, now), "computed_at": now,
    }


def _store_clocks(session: Session, rows: list[tuple], existing: dict, ids: list[int]) -> dict[tuple, int]:
    """Update known clock rows, insert new ones, delete those no definition applies to any more."""
    table = Clock.__table__
    updates = [{"clock_id": clock_id, **values} for _key, clock_id, values in rows if clock_id is not None]
    if updates:
        columns = {name: bindparam(name) for name in updates[0] if name != "clock_id"}
        session.execute(update(table).where(table.c.id == bindparam("clock_id")).values(**columns)
                        .execution_options(synchronize_session=False), updates)
    inserts = [{"incident_id": key[0], "definition_id": key[1], "subject": key[2], **values}
               for key, clock_id, values in rows if clock_id is None]
    if inserts:
        session.execute(insert(table), inserts)
    kept = {key for key, _clock_id, _values in rows}
    obsolete = [clock_id for key, (clock_id, _state) in existing.items() if key not in kept]
    if obsolete:
        session.execute(delete(table).where(table.c.id.in_(obsolete)).execution_options(synchronize_session=False))
    clock_ids = {key: clock_id for key, clock_id, _values in rows if clock_id is not None}
    if inserts:
        for row in session.execute(select(table.c.id, table.c.incident_id, table.c.definition_id, table.c.subject)
                                   .where(table.c.incident_id.in_(ids))):
            clock_ids[(row.incident_id, row.definition_id, row.subject)] = row.id
    return clock_ids


def derived(replays: list[tuple[int, str, Replay]], ids: Iterable[int]) -> dict[int, tuple[datetime | None, bool]]:
    """Per incident: the next due instant of its own running clocks, and whether any clock is breached."""
    due: dict[int, datetime | None] = dict.fromkeys(ids)
    breached: dict[int, bool] = dict.fromkeys(due, False)
    for incident_id, subject, result in replays:
        if result.status == "breached":
            breached[incident_id] = True
        if not subject and result.running and result.state.due is not None:
            current = due[incident_id]
            due[incident_id] = result.state.due if current is None else min(current, result.state.due)
    return {i: (due[i], breached[i]) for i in due}


def _store_incidents(session: Session, replays: list[tuple[int, str, Replay]], ids: list[int], now: datetime) -> None:
    """The incidents' derived fields: next due instant, breached flag, when the clocks were built.

    Written with Core (no version bump): a form open on the incident stays valid."""
    table = Incident.__table__
    session.execute(update(table).where(table.c.id == bindparam("incident_id"))
                    .values(due_at=bindparam("due"), sla_breached=bindparam("breached"), clocks_at=now)
                    .execution_options(synchronize_session=False),
                    [{"incident_id": i, "due": due, "breached": breached}
                     for i, (due, breached) in derived(replays, ids).items()])


def explain(app, number: str, now: datetime) -> list[tuple[str, Replay]]:
    """The incident's clocks replayed fresh at ``now`` (nothing is written): ``(subject, replay)`` pairs,
    the incident's own clocks first, then its work orders'."""
    setup = prepare(app)
    with app.session() as session:
        row = session.execute(select(*INCIDENT_COLUMNS).where(Incident.number == number.strip().upper())).one_or_none()
        if row is None:
            raise NotFound(f"There is no incident {number}; check the number.")
        replays = replay_all(load_targets(session, setup), [row], incident_events(session, [row.id]),
                             work_order_events(session, [row.id]), now)
    return [(subject, result) for _id, subject, result in replays]
