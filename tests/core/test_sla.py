"""SLA clocks replayed from status history: start, pause per reason, stop, reopen, cancel, breach."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from console.core.calendars import BusinessCalendar
from console.core.sla import (
    ClockDefinition,
    ClockStatus,
    Segment,
    Transition,
    compute_clock,
    explain,
    percent_elapsed,
)

H, M = timedelta(hours=1), timedelta(minutes=1)
SH = ZoneInfo("Asia/Shanghai")
ALWAYS = BusinessCalendar.always()
OFFICE = BusinessCalendar.from_dict({
    "name": "Beijing office",
    "timezone": "Asia/Shanghai",
    "week": {k: [["09:00", "12:00"], ["13:00", "18:00"]] for k in ("mon", "tue", "wed", "thu", "fri")},
    "preset": "CN",
    "years": [2025, 2026],
})


def clock(target=4 * H, calendar=ALWAYS, start=("*",), stop=("resolved", "closed"), pause=("customer", "parts")):
    return ClockDefinition(start_statuses=frozenset(start), stop_statuses=frozenset(stop),
                           pause_reasons=frozenset(pause), target=target, calendar=calendar)


def T(hours=0.0):
    """Monday 2026-03-02 00:00 UTC plus some hours."""
    return datetime(2026, 3, 2, tzinfo=timezone.utc) + hours * H


def sh(*args):
    return datetime(*args, tzinfo=SH)


def history(*steps):
    return [Transition(at, *rest) for at, *rest in steps]


# -- starting -------------------------------------------------------------------------------


def test_no_history_or_no_start_status_is_not_started():
    assert compute_clock(clock(), [], T(1)).state is ClockStatus.NOT_STARTED
    state = compute_clock(clock(start=("assigned",)), history((T(0), "new")), T(5))
    assert state.state is ClockStatus.NOT_STARTED
    assert (state.started_at, state.elapsed, state.remaining, state.segments) == (None, timedelta(0), 4 * H, ())


def test_running_clock_from_creation():
    state = compute_clock(clock(), history((T(0), "new"), (T(0.5), "assigned")), T(1))
    assert state.state is ClockStatus.RUNNING
    assert (state.started_at, state.elapsed, state.remaining, state.due) == (T(0), H, 3 * H, T(4))
    assert state.segments == (Segment(T(0), T(1), "running"),)  # new and assigned merge


def test_clock_starts_at_first_transition_into_a_start_status():
    h = history((T(0), "new"), (T(1), "assigned"), (T(2), "new"), (T(2.5), "assigned"))
    state = compute_clock(clock(start=("assigned",)), h, T(3))
    assert (state.started_at, state.elapsed, state.due) == (T(1), 2 * H, T(5))


def test_transitions_after_now_are_ignored():
    h = history((T(0), "new"), (T(5), "resolved"))
    state = compute_clock(clock(), h, T(2))
    assert (state.state, state.elapsed, state.stopped_at) == (ClockStatus.RUNNING, 2 * H, None)


# -- pausing --------------------------------------------------------------------------------


def test_pauses_are_counted_per_reason_and_only_listed_reasons_pause():
    h = history(
        (T(0), "new"),
        (T(1), "pending", "customer"),
        (T(3), "in_progress"),
        (T(4), "pending", "parts"),
        (T(4.5), "in_progress"),
        (T(5), "pending", "internal"),  # not a pause reason: keeps running
        (T(6), "in_progress"),
        (T(7), "pending", "customer"),
        (T(7.25), "in_progress"),
    )
    state = compute_clock(clock(target=8 * H), h, T(8))
    assert state.state is ClockStatus.RUNNING
    assert state.paused == {"customer": 2.25 * H, "parts": 0.5 * H}
    assert state.elapsed == 5.25 * H
    assert state.due == T(8) + 2.75 * H
    assert state.segments == (
        Segment(T(0), T(1), "running"),
        Segment(T(1), T(3), "paused", "customer"),
        Segment(T(3), T(4), "running"),
        Segment(T(4), T(4.5), "paused", "parts"),
        Segment(T(4.5), T(7), "running"),
        Segment(T(7), T(7.25), "paused", "customer"),
        Segment(T(7.25), T(8), "running"),
    )


def test_pause_reason_only_pauses_in_a_pause_status():
    h = history((T(0), "new"), (T(1), "on_hold", "customer"))
    assert compute_clock(clock(), h, T(2)).state is ClockStatus.RUNNING


def test_paused_clock_has_no_due_instant():
    h = history((T(0), "new"), (T(1), "pending", "customer"))
    state = compute_clock(clock(), h, T(10))
    assert (state.state, state.elapsed, state.due) == (ClockStatus.PAUSED, H, None)
    assert state.paused == {"customer": 9 * H}


# -- stopping, breaching, reopening, cancelling ------------------------------------------------


def test_met_when_stopped_within_target():
    h = history((T(0), "new"), (T(3), "resolved"), (T(4), "closed"))
    state = compute_clock(clock(), h, T(10))
    assert state.state is ClockStatus.MET
    assert (state.elapsed, state.stopped_at, state.due, state.remaining) == (3 * H, T(3), None, H)
    assert state.segments[-1] == Segment(T(3), T(10), "stopped")


def test_stopping_exactly_at_target_is_met():
    state = compute_clock(clock(), history((T(0), "new"), (T(4), "resolved")), T(5))
    assert (state.state, state.breached_at) == (ClockStatus.MET, None)


def test_breached_while_running_then_stays_breached_after_stop():
    running = compute_clock(clock(), history((T(0), "new")), T(5))
    assert running.state is ClockStatus.BREACHED
    assert (running.breached_at, running.due, running.remaining) == (T(4), T(4), -H)
    stopped = compute_clock(clock(), history((T(0), "new"), (T(6), "resolved")), T(7))
    assert stopped.state is ClockStatus.BREACHED
    assert (stopped.breached_at, stopped.stopped_at, stopped.elapsed) == (T(4), T(6), 6 * H)
    assert explain(stopped, clock())[-2:] == [
        "Breached at 2026-03-02 04:00 (+00:00)",
        "Stopped 2026-03-02 06:00 (+00:00), 2h over target",
    ]


def test_breach_instant_accounts_for_pauses():
    h = history((T(0), "new"), (T(1), "pending", "customer"), (T(3), "in_progress"))
    assert compute_clock(clock(), h, T(6)).state is ClockStatus.RUNNING  # exactly at target
    state = compute_clock(clock(), h, T(7))
    assert (state.state, state.breached_at) == (ClockStatus.BREACHED, T(6))


def test_breached_then_paused_stays_breached():
    h = history((T(0), "new"), (T(5), "pending", "customer"))
    state = compute_clock(clock(), h, T(9))
    assert (state.state, state.breached_at, state.due) == (ClockStatus.BREACHED, T(4), None)


def test_reopen_resumes_the_clock_without_counting_the_stopped_time():
    h = history((T(0), "new"), (T(2), "resolved"), (T(5), "reopened"), (T(6), "resolved"))
    state = compute_clock(clock(), h, T(10))
    assert (state.state, state.elapsed, state.stopped_at) == (ClockStatus.MET, 3 * H, T(6))
    assert [s.kind for s in state.segments] == ["running", "stopped", "running", "stopped"]
    reopened = compute_clock(clock(), h[:3], T(6))
    assert (reopened.state, reopened.elapsed, reopened.due) == (ClockStatus.RUNNING, 3 * H, T(7))


def test_reopen_can_breach_on_accumulated_time():
    h = history((T(0), "new"), (T(2), "resolved"), (T(5), "reopened"), (T(8), "resolved"))
    state = compute_clock(clock(), h, T(10))
    assert (state.state, state.elapsed, state.breached_at) == (ClockStatus.BREACHED, 5 * H, T(7))


def test_cancelled():
    state = compute_clock(clock(), history((T(0), "new"), (T(1), "cancelled")), T(3))
    assert (state.state, state.stopped_at, state.elapsed, state.due) == (ClockStatus.CANCELLED, T(1), H, None)
    breached = compute_clock(clock(), history((T(0), "new"), (T(5), "cancelled")), T(6))
    assert (breached.state, breached.breached_at) == (ClockStatus.CANCELLED, T(4))
    after_stop = compute_clock(clock(), history((T(0), "new"), (T(1), "resolved"), (T(2), "cancelled")), T(3))
    assert (after_stop.state, after_stop.stopped_at) == (ClockStatus.CANCELLED, T(2))
    assert after_stop.segments[1:] == (Segment(T(1), T(2), "stopped"), Segment(T(2), T(3), "stopped", "cancelled"))
    assert explain(after_stop, clock())[-1] == "Cancelled 2026-03-02 02:00 (+00:00)"
    before_start = compute_clock(clock(start=("assigned",)), history((T(0), "new"), (T(1), "cancelled")), T(2))
    assert (before_start.state, before_start.started_at) == (ClockStatus.CANCELLED, None)


# -- on a business calendar --------------------------------------------------------------------


def test_business_clock_across_night_make_up_saturday_and_spring_festival():
    defn = clock(target=8 * H, calendar=OFFICE)
    created = history((sh(2026, 2, 13, 16), "new"))  # Friday 16:00
    state = compute_clock(defn, created, sh(2026, 2, 14, 9, 30))  # make-up Saturday
    assert (state.elapsed, state.due) == (2.5 * H, sh(2026, 2, 14, 16))
    assert state.due.tzinfo is SH
    holiday = compute_clock(defn, created, sh(2026, 2, 20, 12))  # in the Spring Festival break
    assert holiday.state is ClockStatus.BREACHED
    assert (holiday.elapsed, holiday.breached_at) == (10 * H, sh(2026, 2, 14, 16))


def test_business_clock_paused_over_the_holiday():
    defn = clock(target=8 * H, calendar=OFFICE)
    h = history(
        (sh(2026, 2, 13, 16), "new"),
        (sh(2026, 2, 14, 12), "pending", "customer"),  # Saturday noon, a make-up workday
        (sh(2026, 2, 24, 10), "in_progress"),  # first working day after the break
    )
    state = compute_clock(defn, h, sh(2026, 2, 24, 11))
    assert state.paused == {"customer": 6 * H}  # Saturday 13-18 and Tuesday 09-10
    assert (state.state, state.elapsed, state.due) == (ClockStatus.RUNNING, 6 * H, sh(2026, 2, 24, 14))


def test_business_clock_over_a_night_and_due_at_closing_time():
    defn = clock(target=2 * H, calendar=OFFICE)
    state = compute_clock(defn, history((sh(2026, 3, 2, 17, 30), "new")), sh(2026, 3, 3, 9, 30))
    assert (state.elapsed, state.due) == (H, sh(2026, 3, 3, 10, 30))
    state = compute_clock(defn, history((sh(2026, 3, 2, 16), "new")), sh(2026, 3, 2, 16, 30))
    assert state.due == sh(2026, 3, 2, 18)


# -- errors, helpers, speed --------------------------------------------------------------------


def test_unsorted_history_is_refused():
    h = history((T(0), "new"), (T(2), "assigned"), (T(1), "in_progress"))
    with pytest.raises(ValueError, match=r"sorted by time: transition 2 \('in_progress'"):
        compute_clock(clock(), h, T(3))


def test_naive_now_and_non_positive_target_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        compute_clock(clock(), history((T(0), "new")), datetime(2026, 3, 2, 5))
    with pytest.raises(ValueError, match="must be positive"):
        clock(target=timedelta(0))


def test_percent_elapsed():
    defn = clock()
    assert percent_elapsed(compute_clock(defn, history((T(0), "new")), T(1)), defn) == 25.0
    assert percent_elapsed(compute_clock(defn, history((T(0), "new")), T(6)), defn) == 150.0


def test_explain():
    defn = clock()
    h = history((T(0), "new"), (T(1), "pending", "customer"), (T(3.25), "in_progress"))
    assert explain(compute_clock(defn, h, T(7)), defn) == [
        "Target 4h on calendar '24x7'",
        "Started 2026-03-02 00:00 (+00:00)",
        "Counted 4h 45m (119%)",
        "Paused 2h 15m waiting for customer",
        "Breached at 2026-03-02 06:15 (+00:00)",
    ]
    assert explain(compute_clock(defn, h, T(5)), defn)[-1] == "Due 2026-03-02 06:15 (+00:00), 1h 15m left"
    business = clock(target=2 * H, calendar=OFFICE)
    met = compute_clock(business, history((sh(2026, 3, 2, 9), "new"), (sh(2026, 3, 2, 10), "resolved")), sh(2026, 3, 2, 11))
    assert explain(met, business)[-1] == "Met: stopped 2026-03-02 10:00 (+08:00) with 1h to spare"
    paused = compute_clock(defn, history((T(0), "new"), (T(1), "pending", "parts")), T(2))
    assert explain(paused, defn)[-1] == "Paused since 2026-03-02 01:00 (+00:00) waiting for parts"
    assert explain(compute_clock(defn, [], T(0)), defn) == ["Target 4h on calendar '24x7'", "Not started"]
