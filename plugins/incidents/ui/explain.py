"""Why a clock stands where it does, in sentences (translated): the facts ``console.core.sla.explain``
states — target, start, counted time, pauses per reason, breach, due or stop — plus the definition's
start and stop events, its pause reasons and, for an onsite target, the distance that chose it."""

from __future__ import annotations

from datetime import datetime, tzinfo
from decimal import Decimal

from console.api.ui import display_text, tr
from plugins.incidents.sla.clocks import Replay
from plugins.incidents.ui.names import CLOCK_STATE, EVENT, METRIC, NAME, REASON, SLA_KIND, duration, name


def _at(value: datetime, zone: tzinfo | None) -> str:
    return display_text(value, zone)


def heading(subject: str, result: Replay) -> str:
    """``解决 · 金牌解决 Gold resolve (W01): 已违约``."""
    target = result.target
    where = f" · {subject}" if subject else ""
    return (f"{name(METRIC, target.metric)} · {target.name}{where}: {name(CLOCK_STATE, result.status)}")


def sentences(result: Replay, zone: tzinfo | None, priority: str, distance_km: Decimal | None) -> list[str]:
    """The explanation of one replayed clock, line by line."""
    target, state = result.target, result.state
    calendar = target.calendar.name if target.calendar.name != "24×7" else tr(NAME, "24×7 (round the clock)")
    lines = [tr(NAME, "{kind}: counts from “{start}” to “{stop}” on {calendar}.").format(
        kind=name(SLA_KIND, target.kind), start=name(EVENT, target.start_event), stop=name(EVENT, target.stop_event),
        calendar=calendar)]
    reasons = [name(REASON, r) for r in sorted(target.pause_reasons)]
    lines.append(tr(NAME, "Pauses while pending: {reasons}.").format(reasons=tr(NAME, ", ").join(reasons)) if reasons
                 else tr(NAME, "Never pauses."))
    if result.status == "not_started":
        return lines + [tr(NAME, "Not started: waiting for “{start}”.").format(start=name(EVENT, target.start_event))]
    if result.status == "cancelled" and state is None:
        return lines + [tr(NAME, "Not applicable: it finished without “{start}”.").format(
            start=name(EVENT, target.start_event))]
    if result.status == "no_target":
        if distance_km is None:
            return lines + [tr(NAME, "No target: the site has no coordinates, so the distance table cannot apply; "
                                     "agree one per case.")]
        return lines + [tr(NAME, "No target: {km} km from the nearest service centre is beyond the distance table; "
                                 "agree one per case.").format(km=f"{distance_km:,}")]
    if target.uses_distance and distance_km is not None:
        lines.append(tr(NAME, "Target {target}: {km} km from the nearest service centre.").format(
            target=duration(result.goal), km=f"{distance_km:,}"))
    else:
        lines.append(tr(NAME, "Target {target} for {priority}.").format(target=duration(result.goal),
                                                                       priority=priority))
    percent = 100 * state.elapsed / result.goal
    lines.append(tr(NAME, "Started {at}; counted {elapsed} so far ({percent}% of the target).").format(
        at=_at(state.started_at, zone), elapsed=duration(state.elapsed), percent=f"{percent:.0f}"))
    for reason, paused in state.paused.items():
        lines.append(tr(NAME, "Paused {duration}: {reason}.").format(duration=duration(paused),
                                                                    reason=name(REASON, reason)))
    if state.breached_at is not None:
        lines.append(tr(NAME, "Breached at {at}.").format(at=_at(state.breached_at, zone)))
    if result.status == "running":
        lines.append(tr(NAME, "Due {at}; {left} left.").format(at=_at(state.due, zone), left=duration(state.remaining)))
    elif result.status == "paused":
        last = state.segments[-1]
        lines.append(tr(NAME, "Paused since {at}: {reason}.").format(at=_at(last.start, zone),
                                                                    reason=name(REASON, last.reason)))
    elif result.status == "met":
        lines.append(tr(NAME, "Met: stopped {at} with {spare} to spare.").format(at=_at(state.stopped_at, zone),
                                                                                spare=duration(state.remaining)))
    elif result.status == "breached" and result.running:
        lines.append(tr(NAME, "Still running, {over} over the target.").format(over=duration(-state.remaining)))
    elif result.status == "breached":
        lines.append(tr(NAME, "Stopped {at}, {over} over the target.").format(at=_at(state.stopped_at, zone),
                                                                             over=duration(-state.remaining)))
    elif result.status == "cancelled":
        lines.append(tr(NAME, "Not applicable since {at}: it finished without “{stop}”.").format(
            at=_at(state.stopped_at, zone) if state.stopped_at else "", stop=name(EVENT, target.stop_event)))
    return lines
