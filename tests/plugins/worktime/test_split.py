"""The split, to the minute, on real Chinese calendar dates (2025 and 2026), and its properties.

Calendars are built exactly as the plugin builds them (``terms.calendar_document`` over China's
preset), so these tests exercise the same day kinds the service sees.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.api import BusinessCalendar
from plugins.worktime.models import BUCKETS, EXTENDED, HOLIDAY, NORMAL, REST, REST_IN_LIEU
from plugins.worktime.split import DayTerms, Rules, cost, pieces, split_entry
from plugins.worktime.terms import calendar_document

SHANGHAI = ZoneInfo("Asia/Shanghai")
OFFICE = {d: [["09:00", "12:00"], ["13:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}
BASE = {"name": "CN", "timezone": "Asia/Shanghai", "week": OFFICE, "holidays": [], "workdays": [],
        "days_off": [], "preset": "CN", "years": [2026]}
RATE = Decimal("120.00")


def calendar(week=OFFICE, org_days=()) -> BusinessCalendar:
    return BusinessCalendar.from_dict(calendar_document(BASE, week, "Asia/Shanghai", org_days, 2025, 2026))


CAL = calendar()


def terms_for(rules=Rules(), cal=CAL, rate=RATE):
    return lambda day: DayTerms(cal, rules, rate)


def at(y, m, d, hh, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=SHANGHAI)


def buckets(starts_at, ends_at, terms=None) -> dict[str, int]:
    """Minutes per bucket of one entry."""
    out: dict[str, int] = {}
    for seg in split_entry(starts_at, ends_at, SHANGHAI, terms or terms_for()):
        out[seg.bucket] = out.get(seg.bucket, 0) + seg.minutes
    return out


# -- the day kinds, on the real calendar --------------------------------------------------------
@pytest.mark.parametrize(("day", "kind"), [
    (date(2025, 1, 28), "statutory_holiday"),  # 除夕 Spring Festival's Eve, statutory from 2025
    (date(2025, 1, 29), "statutory_holiday"),  # 春节
    (date(2025, 1, 31), "statutory_holiday"),
    (date(2025, 2, 3), "day_off_in_lieu"),  # 调休放假 (worked on Sunday 26 January)
    (date(2025, 2, 4), "day_off_in_lieu"),
    (date(2025, 1, 26), "makeup_workday"),  # 调休上班, a Sunday
    (date(2025, 2, 8), "makeup_workday"),  # a Saturday
    (date(2025, 10, 1), "statutory_holiday"),  # 国庆节
    (date(2025, 10, 3), "statutory_holiday"),
    (date(2025, 10, 4), "rest_day"),  # an ordinary Saturday inside the Golden Week
    (date(2025, 10, 6), "statutory_holiday"),  # 中秋节
    (date(2025, 10, 7), "day_off_in_lieu"),
    (date(2025, 10, 8), "day_off_in_lieu"),
    (date(2025, 9, 28), "makeup_workday"),  # a Sunday worked for the National Day holiday
    (date(2025, 10, 11), "makeup_workday"),  # a Saturday worked for it
    (date(2026, 2, 16), "statutory_holiday"),  # 除夕 2026
    (date(2026, 2, 17), "statutory_holiday"),
    (date(2026, 2, 19), "statutory_holiday"),
    (date(2026, 2, 20), "day_off_in_lieu"),
    (date(2026, 2, 23), "day_off_in_lieu"),
    (date(2026, 2, 15), "rest_day"),
    (date(2026, 2, 14), "makeup_workday"),
    (date(2026, 2, 28), "makeup_workday"),
    (date(2026, 3, 2), "workday"),
])
def test_day_kinds_of_the_chinese_calendar(day, kind):
    assert CAL.day_kind(day).value == kind


@pytest.mark.parametrize("year", [2025, 2026])
def test_thirteen_statutory_holiday_days_a_year(year):
    days = [date(year, 1, 1) + timedelta(n) for n in range(365)]
    assert sum(CAL.day_kind(d).value == "statutory_holiday" for d in days) == 13


# -- every split case ---------------------------------------------------------------------------
def test_inside_the_schedule_is_normal():
    assert buckets(at(2026, 3, 2, 9), at(2026, 3, 2, 12)) == {NORMAL: 180}


def test_across_the_end_of_the_working_day_splits_at_the_edge():
    assert buckets(at(2026, 3, 2, 17, 15), at(2026, 3, 2, 19, 40)) == {NORMAL: 45, EXTENDED: 100}


def test_the_lunch_break_is_extended_hours():
    assert buckets(at(2026, 3, 3, 11, 30), at(2026, 3, 3, 13, 30)) == {NORMAL: 60, EXTENDED: 60}


def test_before_the_working_day_is_extended_hours():
    assert buckets(at(2026, 3, 4, 6, 30), at(2026, 3, 4, 9, 30)) == {EXTENDED: 150, NORMAL: 30}


def test_across_midnight_into_a_rest_day():
    # Friday 6 March 2026, 22:00 until Saturday 02:30: the Saturday part is rest-day overtime
    split = split_entry(at(2026, 3, 6, 22), at(2026, 3, 7, 2, 30), SHANGHAI, terms_for())
    assert {(s.day, s.bucket): s.minutes for s in split} == {
        (date(2026, 3, 6), EXTENDED): 120, (date(2026, 3, 7), REST): 150}


def test_across_midnight_between_working_days_is_cut_at_midnight():
    cut = pieces(at(2026, 3, 3, 23, 0), at(2026, 3, 4, 1, 0), SHANGHAI, terms_for())
    assert [(p.day, p.bucket, p.minutes) for p in cut] == [
        (date(2026, 3, 3), EXTENDED, 60), (date(2026, 3, 4), EXTENDED, 60)]
    assert cut[0].ends_at == cut[1].starts_at == at(2026, 3, 4, 0)


def test_spring_festival_2025_eve_and_first_days_are_holiday_overtime():
    assert buckets(at(2025, 1, 28, 9), at(2025, 1, 28, 17)) == {HOLIDAY: 480}
    assert buckets(at(2025, 1, 29, 10), at(2025, 1, 29, 14)) == {HOLIDAY: 240}


def test_spring_festival_2026_holiday_then_day_off_in_lieu():
    # 19 February 2026 is a statutory day (×3); 20 February is a day off in lieu: rest-day overtime (×2)
    split = split_entry(at(2026, 2, 19, 20), at(2026, 2, 20, 4), SHANGHAI, terms_for())
    assert {(s.day, s.bucket): (s.minutes, s.multiplier) for s in split} == {
        (date(2026, 2, 19), HOLIDAY): (240, Decimal("3.00")), (date(2026, 2, 20), REST): (240, Decimal("2.00"))}


def test_a_day_off_in_lieu_is_a_rest_day_not_a_holiday():
    assert buckets(at(2025, 10, 8, 9), at(2025, 10, 8, 12)) == {REST: 180}
    assert buckets(at(2026, 2, 23, 9), at(2026, 2, 23, 12)) == {REST: 180}


def test_a_make_up_saturday_is_a_working_day_with_mondays_windows():
    # Saturday 11 October 2025 and Saturday 14 February 2026 are worked (调休上班)
    assert buckets(at(2025, 10, 11, 9), at(2025, 10, 11, 19)) == {NORMAL: 480, EXTENDED: 120}
    assert buckets(at(2026, 2, 14, 8), at(2026, 2, 14, 12)) == {EXTENDED: 60, NORMAL: 180}


def test_national_day_2025_golden_week_has_three_different_kinds():
    assert buckets(at(2025, 10, 2, 9), at(2025, 10, 2, 11)) == {HOLIDAY: 120}  # statutory
    assert buckets(at(2025, 10, 4, 9), at(2025, 10, 4, 11)) == {REST: 120}  # ordinary Saturday
    assert buckets(at(2025, 10, 7, 9), at(2025, 10, 7, 11)) == {REST: 120}  # day off in lieu
    assert buckets(at(2025, 9, 28, 9), at(2025, 9, 28, 11)) == {NORMAL: 120}  # make-up Sunday


def test_time_off_in_lieu_policy_moves_rest_days_only():
    rules = Rules(rest_day_policy="time_off")
    assert buckets(at(2026, 3, 7, 9), at(2026, 3, 7, 13), terms_for(rules)) == {REST_IN_LIEU: 240}
    assert buckets(at(2026, 2, 17, 9), at(2026, 2, 17, 13), terms_for(rules)) == {HOLIDAY: 240}
    assert buckets(at(2026, 3, 9, 18), at(2026, 3, 9, 20), terms_for(rules)) == {EXTENDED: 120}


def test_an_organisation_day_overrides_the_preset():
    cal = calendar(org_days=[(date(2026, 3, 6), "day_off"), (date(2026, 3, 8), "workday"),
                             (date(2026, 3, 10), "statutory_holiday")])
    assert buckets(at(2026, 3, 6, 9), at(2026, 3, 6, 10), terms_for(cal=cal)) == {REST: 60}
    assert buckets(at(2026, 3, 8, 9), at(2026, 3, 8, 10), terms_for(cal=cal)) == {NORMAL: 60}
    assert buckets(at(2026, 3, 10, 9), at(2026, 3, 10, 10), terms_for(cal=cal)) == {HOLIDAY: 60}


def test_a_shift_schedule_with_a_window_to_midnight():
    late = {d: [["14:00", "18:00"], ["19:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}
    cal = calendar(late)
    assert buckets(at(2026, 3, 2, 13), at(2026, 3, 3, 1), terms_for(cal=cal)) == {EXTENDED: 180, NORMAL: 540}


def test_cost_is_minutes_times_rate_times_multiplier_in_decimal():
    split = split_entry(at(2026, 3, 6, 17), at(2026, 3, 7, 1), SHANGHAI, terms_for(rate=Decimal("100.00")))
    by_bucket = {s.bucket: s.cost for s in split}
    # 60 normal min = 100.00; 360 extended min × 1.5 = 900.00; 60 rest-day min × 2 = 200.00
    assert by_bucket == {NORMAL: Decimal("100.00"), EXTENDED: Decimal("900.00"), REST: Decimal("200.00")}
    assert cost(7, Decimal("99.99"), Decimal("1.50")) == Decimal("17.50")  # 17.49825 half up
    assert cost(1, None, Decimal("3.00")) is None


def test_rate_is_taken_on_each_date():
    rates = {date(2026, 3, 31): Decimal("100.00"), date(2026, 4, 1): Decimal("130.00")}
    split = split_entry(at(2026, 3, 31, 23), at(2026, 4, 1, 1), SHANGHAI,
                        lambda day: DayTerms(CAL, Rules(), rates[day]))
    assert [(s.day, s.rate, s.cost) for s in split] == [
        (date(2026, 3, 31), Decimal("100.00"), Decimal("150.00")),
        (date(2026, 4, 1), Decimal("130.00"), Decimal("195.00"))]


# -- properties ---------------------------------------------------------------------------------
START = datetime(2025, 1, 1, tzinfo=SHANGHAI)
instants = st.integers(min_value=0, max_value=2 * 365 * 24 * 60).map(lambda m: START + timedelta(minutes=m))
durations = st.integers(min_value=1, max_value=24 * 60)
policies = st.sampled_from(["pay", "time_off"])


def oracle(minute: datetime, rules: Rules) -> str:
    """The bucket of one minute, decided on its own from the calendar (the definition, minute by minute)."""
    local = minute.astimezone(SHANGHAI)
    kind = CAL.day_kind(local.date()).value
    if kind == "statutory_holiday":
        return HOLIDAY
    if kind in ("rest_day", "day_off_in_lieu"):
        return REST_IN_LIEU if rules.rest_day_policy == "time_off" else REST
    offset = local.hour * 60 + local.minute
    inside = any(s <= offset < e for s, e in CAL.windows(local.date()))
    return NORMAL if inside else EXTENDED


@settings(max_examples=200, deadline=None)
@given(instants, durations, policies)
def test_minutes_are_conserved_and_each_lands_in_exactly_one_bucket(start, length, policy):
    rules = Rules(rest_day_policy=policy)
    end = start + timedelta(minutes=length)
    cut = pieces(start, end, SHANGHAI, terms_for(rules))
    assert sum(p.minutes for p in cut) == length
    assert cut[0].starts_at == start and cut[-1].ends_at == end
    assert all(a.ends_at == b.starts_at for a, b in zip(cut, cut[1:]))  # no gap, no overlap
    expected: dict[str, int] = {}
    for n in range(length):
        bucket = oracle(start + timedelta(minutes=n), rules)
        expected[bucket] = expected.get(bucket, 0) + 1
    assert buckets(start, end, terms_for(rules)) == expected
    assert set(expected) <= set(BUCKETS)


@settings(max_examples=100, deadline=None)
@given(instants, durations)
def test_normal_minutes_equal_the_calendars_working_time(start, length):
    end = start + timedelta(minutes=length)
    normal = buckets(start, end).get(NORMAL, 0)
    assert timedelta(minutes=normal) == CAL.between(start, end)
