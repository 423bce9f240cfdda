"""SLA clocks from history (no database): nights, weekends, holidays and make-up working days, every pause
reason, reopening, the distance table, start/stop events and the ladder arithmetic."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from console.api import BusinessCalendar, DayKind, ValidationError
from plugins.incidents.models import PENDING_REASONS
from plugins.incidents.sla.clocks import (
    DEFAULT_DISTANCE_RULES,
    Event,
    Level,
    Target,
    parse_distance_rules,
    replay,
    transitions,
)

SH = ZoneInfo("Asia/Shanghai")
OFFICE = BusinessCalendar.from_dict({
    "name": "office", "timezone": "Asia/Shanghai", "preset": "CN", "years": [2026],
    "week": {d: [["09:00", "12:00"], ["13:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}})
ALWAYS = BusinessCalendar.always("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def target(metric="resolve", start="created", stop="resolved", pauses=(), calendar=OFFICE, minutes=240,
           distance=None, levels=()) -> Target:
    return Target(definition_id=1, version=1, name="t", kind="sla", scope="incident", metric=metric,
                  start_event=start, stop_event=stop, pause_reasons=frozenset(pauses), calendar=calendar,
                  minutes=dict.fromkeys(("P1", "P2", "P3", "P4"), minutes),
                  distance_rules=parse_distance_rules(distance) if distance else (), levels=tuple(levels))


def opened(text: str, status: str = "new") -> list[Event]:
    return [Event(at(text), status)]


@pytest.mark.parametrize(("start", "due", "what"), [
    ("2026-03-12 17:00", "2026-03-13 12:00", "overnight: one hour on Thursday, three on Friday morning"),
    ("2026-03-13 16:00", "2026-03-16 11:00", "over the weekend"),
    ("2026-09-30 17:00", "2026-10-08 12:00", "over National Day and its days off in lieu"),
    ("2026-10-09 17:00", "2026-10-10 12:00", "onto the make-up working Saturday"),
    ("2026-03-15 10:00", "2026-03-16 14:00", "opened on a Sunday: counting starts on Monday"),
])
def test_business_hours_clocks(start, due, what):
    assert OFFICE.day_kind(at("2026-10-10 00:00").date()) is DayKind.MAKEUP_WORKDAY
    result = replay(target(), opened(start), "P1", at(start) + timedelta(hours=1))
    assert result.state.due == at(due), what


def test_a_24x7_clock_counts_nights_and_holidays():
    result = replay(target(calendar=ALWAYS), opened("2026-09-30 22:00"), "P1", at("2026-10-01 01:00"))
    assert result.state.due == at("2026-10-01 02:00") and result.state.elapsed == timedelta(hours=3)


@pytest.mark.parametrize("reason", PENDING_REASONS)
def test_only_the_definitions_pause_reasons_stop_the_clock(reason):
    history = [Event(at("2026-03-16 09:00"), "assigned"), Event(at("2026-03-16 09:30"), "in_progress"),
               Event(at("2026-03-16 10:00"), "pending", reason=reason), Event(at("2026-03-16 14:00"), "in_progress")]
    paused = replay(target(pauses={reason}), history, "P1", at("2026-03-16 15:00")).state
    assert paused.elapsed == timedelta(hours=2) and paused.paused == {reason: timedelta(hours=3)}
    others = set(PENDING_REASONS) - {reason}
    counted = replay(target(pauses=others), history, "P1", at("2026-03-16 15:00")).state
    assert counted.elapsed == timedelta(hours=5) and counted.paused == {}


def test_a_clock_paused_at_now_has_no_due_instant():
    history = opened("2026-03-16 09:00", "in_progress") + [
        Event(at("2026-03-16 10:00"), "pending", reason="waiting_customer")]
    result = replay(target(pauses={"waiting_customer"}), history, "P1", at("2026-03-17 09:00"))
    assert result.status == "paused" and result.state.due is None and not result.running


def test_breached_stays_breached_and_reopen_resumes_only_resumable_clocks():
    history = [Event(at("2026-03-16 09:00"), "assigned"), Event(at("2026-03-16 09:20"), "in_progress"),
               Event(at("2026-03-16 15:00"), "resolved"), Event(at("2026-03-17 09:00"), "reopened"),
               Event(at("2026-03-17 09:10"), "in_progress")]
    resolve = replay(target(), history, "P1", at("2026-03-17 10:00"))
    assert resolve.status == "breached" and resolve.running
    assert resolve.state.breached_at == at("2026-03-16 14:00")
    response = replay(target(metric="response", stop="in_progress", minutes=30), history, "P1", at("2026-03-17 10:00"))
    assert response.status == "met" and response.state.elapsed == timedelta(minutes=20)


def test_a_clock_that_starts_and_stops_at_opening_is_met_at_zero():
    result = replay(target(metric="response", stop="assigned", minutes=10), opened("2026-03-16 09:00", "assigned"),
                    "P1", at("2026-03-16 10:00"))
    assert result.status == "met" and result.state.elapsed == timedelta(0)


def test_a_clock_whose_start_never_came_does_not_apply():
    history = opened("2026-03-16 09:00", "in_progress") + [Event(at("2026-03-16 11:00"), "resolved")]
    onsite = replay(target(metric="onsite", start="dispatched", stop="arrived", minutes=240), history, "P1",
                    at("2026-03-16 12:00"))
    assert onsite.status == "cancelled"
    solved_remotely = replay(target(metric="onsite", stop="arrived", minutes=240), history, "P1",
                             at("2026-03-16 12:00"))
    assert solved_remotely.status == "cancelled"


def test_milestones_start_and_stop_clocks():
    history = [Event(at("2026-03-16 09:00"), "assigned"), Event(at("2026-03-16 09:30"), "in_progress"),
               Event(at("2026-03-16 10:00"), "dispatched", is_status=False),
               Event(at("2026-03-16 12:30"), "arrived", is_status=False)]
    result = replay(target(metric="onsite", start="dispatched", stop="arrived", calendar=ALWAYS), history, "P1",
                    at("2026-03-16 15:00"))
    assert result.status == "met" and result.state.elapsed == timedelta(hours=2, minutes=30)
    assert [t.status for t in transitions(history, "dispatched", "arrived")] == [
        "waiting", "waiting", "running", "stopped"]


@pytest.mark.parametrize(("km", "calendar", "due"), [
    ("10", OFFICE, "2026-03-12 15:00"),
    ("50", OFFICE, "2026-03-12 15:00"),
    ("80", OFFICE, "2026-03-13 10:00"),
    ("150", OFFICE, "2026-03-13 18:00"),
    ("250", OFFICE, "2026-03-16 18:00"),
    ("150", ALWAYS, "2026-03-14 00:00"),
])
def test_the_distance_table(km, calendar, due):
    onsite = target(metric="onsite", stop="arrived", calendar=calendar, distance=DEFAULT_DISTANCE_RULES)
    result = replay(onsite, opened("2026-03-12 10:00"), "P1", at("2026-03-12 10:30"), distance_km=Decimal(km))
    assert result.state.due == at(due)


def test_beyond_the_table_the_target_is_agreed_per_case():
    onsite = target(metric="onsite", stop="arrived", calendar=ALWAYS, distance=DEFAULT_DISTANCE_RULES)
    far = replay(onsite, opened("2026-03-12 10:00"), "P1", at("2026-03-12 11:00"), distance_km=Decimal("500"))
    assert far.status == "no_target" and far.state is None
    agreed = replay(onsite, opened("2026-03-12 10:00"), "P1", at("2026-03-12 11:00"), distance_km=Decimal("500"),
                    agreed_minutes=2880)
    assert agreed.state.due == at("2026-03-14 10:00")
    unknown = replay(onsite, opened("2026-03-12 10:00"), "P1", at("2026-03-12 11:00"))
    assert unknown.status == "no_target"


@pytest.mark.parametrize(("text", "message"), [
    ("50-4h", "not a distance rule"), ("100:8h, 50:4h", "nearest to the farthest"), ("", "at least one"),
    ("50:0h", "more than zero"),
])
def test_distance_rules_are_checked(text, message):
    with pytest.raises(ValidationError, match=message):
        parse_distance_rules(text)


def test_distance_rules_read_chinese_punctuation_and_print_back():
    rules = parse_distance_rules("50:4h；100:90m，200:1d")
    assert [str(r) for r in rules] == ["50:4h", "100:90m", "200:1d"]


def test_ladder_arithmetic():
    repeating = Level(1, "share", 50, None, "notify", "assignee", repeat_minutes=10)
    goal = timedelta(hours=1)
    assert repeating.threshold(goal) == timedelta(minutes=30)
    assert repeating.repetition_due(goal, timedelta(minutes=29)) is None
    assert repeating.repetition_due(goal, timedelta(minutes=30)) == 0
    assert repeating.repetition_due(goal, timedelta(minutes=55)) == 2
    assert repeating.counted_at(goal, 3) == timedelta(minutes=60)
    once = Level(2, "offset", None, 45, "raise_priority")
    assert once.repetition_due(goal, timedelta(hours=5)) == 0 and once.counted_at(goal, 1) is None


def test_the_instant_a_running_clock_reaches_a_counted_time():
    result = replay(target(), opened("2026-03-13 16:00", "in_progress"), "P1", at("2026-03-13 17:00"))
    assert result.instant_for(timedelta(hours=3), at("2026-03-13 17:00")) == at("2026-03-16 10:00")
    assert result.instant_for(timedelta(minutes=10), at("2026-03-13 17:00")) == at("2026-03-13 16:10")
