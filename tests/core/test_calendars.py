"""Business calendars: windows, holidays, presets, DST, add/between properties, document errors."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.core.calendars import BusinessCalendar, CalendarError, DayKind

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
OFFICE = [["09:00", "12:00"], ["13:00", "18:00"]]
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
H = timedelta(hours=1)


def doc(**over):
    d = {"name": "Beijing office", "timezone": "Asia/Shanghai", "week": {k: OFFICE for k in WEEKDAYS}}
    d.update(over)
    return d


@pytest.fixture(scope="module")
def office():
    return BusinessCalendar.from_dict(doc())


@pytest.fixture(scope="module")
def cn():
    return BusinessCalendar.from_dict(doc(preset="CN", years=[2025, 2026]))


def sh(*args):
    return datetime(*args, tzinfo=SH)


# -- weekly windows ---------------------------------------------------------------------------


def test_lunch_break_is_not_counted(office):
    assert office.between(sh(2026, 3, 2, 11), sh(2026, 3, 2, 14)) == 2 * H
    assert office.add(sh(2026, 3, 2, 11), 2 * H) == sh(2026, 3, 2, 14)
    assert office.add(sh(2026, 3, 2, 12, 30), timedelta(minutes=30)) == sh(2026, 3, 2, 13, 30)


def test_24_00_is_the_midnight_ending_the_day():
    cal = BusinessCalendar.from_dict(doc(week={"mon": [["18:00", "24:00"]], "tue": [["00:00", "06:00"]]}))
    assert cal.between(sh(2026, 3, 2, 20), sh(2026, 3, 3, 2)) == 6 * H
    assert cal.add(sh(2026, 3, 2, 20), 4 * H) == sh(2026, 3, 3, 0)
    assert cal.add(sh(2026, 3, 2, 20), 10 * H) == sh(2026, 3, 3, 6)


def test_a_weekday_left_out_is_closed(office):
    assert not office.is_working_day(date(2026, 3, 7))
    assert office.day_kind(date(2026, 3, 7)) is DayKind.REST_DAY
    assert office.between(sh(2026, 3, 6, 17), sh(2026, 3, 9, 10)) == 2 * H  # Fri 17-18, Mon 9-10


def test_between_across_nights_and_weekends(office):
    # Mon 2026-03-02 10:00 to Mon 2026-03-09 10:00: one working week of 5 × 8 h.
    assert office.between(sh(2026, 3, 2, 10), sh(2026, 3, 9, 10)) == 40 * H
    assert office.between(sh(2026, 3, 2, 18), sh(2026, 3, 3, 9)) == timedelta(0)


def test_between_is_zero_unless_b_after_a(office):
    assert office.between(sh(2026, 3, 2, 11), sh(2026, 3, 2, 11)) == timedelta(0)
    assert office.between(sh(2026, 3, 2, 11), sh(2026, 3, 2, 10)) == timedelta(0)


def test_add_rolls_forward_from_outside_hours(office):
    assert office.add(sh(2026, 3, 7, 10), H) == sh(2026, 3, 9, 10)  # Saturday → Monday
    assert office.add(sh(2026, 3, 2, 7), H) == sh(2026, 3, 2, 10)
    assert office.add(sh(2026, 3, 2, 20), H) == sh(2026, 3, 3, 10)


def test_add_can_end_exactly_at_closing_time(office):
    assert office.add(sh(2026, 3, 2, 17), H) == sh(2026, 3, 2, 18)
    assert office.add(sh(2026, 3, 6, 9), 8 * H) == sh(2026, 3, 6, 18)  # Friday, not Monday 09:00
    assert office.add(sh(2026, 3, 2, 11), H) == sh(2026, 3, 2, 12)  # lunch starts, not 13:00


def test_add_zero_returns_start_even_outside_hours(office):
    saturday = sh(2026, 3, 7, 23, 59)
    assert office.add(saturday, timedelta(0)) == saturday


def test_results_are_aware_in_the_calendar_zone(office):
    result = office.add(datetime(2026, 3, 2, 1, tzinfo=timezone.utc), H)  # 09:00 in Shanghai
    assert result == sh(2026, 3, 2, 10)
    assert result.tzinfo is SH
    assert office.add(datetime(2026, 3, 2, 1, tzinfo=timezone.utc), timedelta(0)).tzinfo is SH


def test_naive_datetimes_and_negative_durations_are_refused(office):
    with pytest.raises(ValueError, match="timezone-aware"):
        office.between(datetime(2026, 3, 2, 9), sh(2026, 3, 2, 10))
    with pytest.raises(ValueError, match="timezone-aware"):
        office.add(datetime(2026, 3, 2, 9), H)
    with pytest.raises(ValueError, match="timezone-aware"):
        office.day_kind(datetime(2026, 3, 2, 9))
    with pytest.raises(ValueError, match="negative"):
        office.add(sh(2026, 3, 2, 9), -H)


def test_long_spans_cross_years_exactly():
    cal = BusinessCalendar.always("Asia/Shanghai")
    a = sh(2024, 12, 31, 23)
    assert cal.between(a, a + timedelta(days=800)) == timedelta(days=800)
    assert cal.add(a, timedelta(days=800)) == a + timedelta(days=800)


# -- holidays, make-up days, presets ----------------------------------------------------------


def test_cn_spring_festival_2026_make_up_saturday_is_worked(cn):
    assert cn.is_working_day(date(2026, 2, 14))
    # Fri 2026-02-13 17:00 + 2 h: 1 h on Friday, then the make-up Saturday from 09:00.
    assert cn.add(sh(2026, 2, 13, 17), 2 * H) == sh(2026, 2, 14, 10)
    # Sat 14 worked; Sun 15 to Mon 23 off; Tue 24 back.
    assert cn.between(sh(2026, 2, 13, 9), sh(2026, 2, 25, 9)) == 24 * H
    assert cn.add(sh(2026, 2, 14, 17), 2 * H) == sh(2026, 2, 24, 10)


def test_cn_national_day_2025_between(cn):
    # Tue 30 Sep 17:00 → Thu 9 Oct 10:00: 1 h + Oct 1-8 off + 1 h.
    assert cn.between(sh(2025, 9, 30, 17), sh(2025, 10, 9, 10)) == 2 * H
    assert cn.is_working_day(date(2025, 9, 28)) and cn.is_working_day(date(2025, 10, 11))


@pytest.mark.parametrize(
    "day, kind",
    [
        # 2025 Spring Festival: 除夕 Jan 28 to Jan 31 statutory; off Jan 28 - Feb 4; work Jan 26 (Sun), Feb 8 (Sat).
        (date(2025, 1, 26), DayKind.MAKEUP_WORKDAY),
        (date(2025, 1, 27), DayKind.WORKDAY),
        (date(2025, 1, 28), DayKind.STATUTORY_HOLIDAY),
        (date(2025, 1, 29), DayKind.STATUTORY_HOLIDAY),
        (date(2025, 1, 30), DayKind.STATUTORY_HOLIDAY),
        (date(2025, 1, 31), DayKind.STATUTORY_HOLIDAY),
        (date(2025, 2, 1), DayKind.REST_DAY),
        (date(2025, 2, 2), DayKind.REST_DAY),
        (date(2025, 2, 3), DayKind.DAY_OFF_IN_LIEU),
        (date(2025, 2, 4), DayKind.DAY_OFF_IN_LIEU),
        (date(2025, 2, 5), DayKind.WORKDAY),
        (date(2025, 2, 8), DayKind.MAKEUP_WORKDAY),
        (date(2025, 6, 2), DayKind.DAY_OFF_IN_LIEU),  # Dragon Boat on Saturday 31 May, observed Monday
        # 2026 Spring Festival: 除夕 Feb 16 to Feb 19 statutory; off Feb 15 - Feb 23; work Feb 14, Feb 28 (Sat).
        (date(2026, 2, 14), DayKind.MAKEUP_WORKDAY),
        (date(2026, 2, 15), DayKind.REST_DAY),
        (date(2026, 2, 16), DayKind.STATUTORY_HOLIDAY),
        (date(2026, 2, 19), DayKind.STATUTORY_HOLIDAY),
        (date(2026, 2, 20), DayKind.DAY_OFF_IN_LIEU),
        (date(2026, 2, 21), DayKind.REST_DAY),
        (date(2026, 2, 23), DayKind.DAY_OFF_IN_LIEU),
        (date(2026, 2, 28), DayKind.MAKEUP_WORKDAY),
        (date(2026, 10, 5), DayKind.DAY_OFF_IN_LIEU),  # National Day on Saturday 3 Oct, observed Monday
    ],
)
def test_cn_day_kinds(cn, day, kind):
    assert cn.day_kind(day) is kind
    assert cn.is_working_day(day) == (kind in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY))


@pytest.mark.parametrize("year", [2025, 2026])
def test_cn_has_13_statutory_days_a_year(cn, year):
    days = [date(year, 1, 1) + timedelta(i) for i in range(365)]
    assert sum(cn.day_kind(d) is DayKind.STATUTORY_HOLIDAY for d in days) == 13


def test_day_kind_of_a_datetime_is_its_local_date(cn):
    assert cn.day_kind(datetime(2026, 2, 13, 16, tzinfo=timezone.utc)) is DayKind.MAKEUP_WORKDAY
    assert cn.is_working_day(datetime(2026, 2, 13, 16, tzinfo=timezone.utc))


def test_explicit_holiday_beats_preset_workday_and_explicit_workday_beats_preset_holiday():
    cal = BusinessCalendar.from_dict(
        doc(preset="CN", years=[2026], holidays=["2026-02-14"], workdays=["2026-10-01"])
    )
    assert cal.day_kind(date(2026, 2, 14)) is DayKind.STATUTORY_HOLIDAY
    assert not cal.is_working_day(date(2026, 2, 14))
    assert cal.day_kind(date(2026, 10, 1)) is DayKind.WORKDAY
    assert cal.between(sh(2026, 10, 1, 0), sh(2026, 10, 2, 0)) == 8 * H


def test_custom_holidays_days_off_and_extra_workdays():
    cal = BusinessCalendar.from_dict(
        doc(week={"mon": OFFICE, "tue": [["10:00", "16:00"]]},
            holidays=["2026-03-02"], days_off=["2026-03-03"], workdays=["2026-03-07"])
    )
    assert cal.day_kind(date(2026, 3, 2)) is DayKind.STATUTORY_HOLIDAY
    assert cal.day_kind(date(2026, 3, 3)) is DayKind.DAY_OFF_IN_LIEU
    assert cal.day_kind(date(2026, 3, 7)) is DayKind.MAKEUP_WORKDAY
    assert cal.windows(date(2026, 3, 7)) == ((540, 720), (780, 1080))  # Monday's windows
    assert cal.windows(date(2026, 3, 10)) == ((600, 960),)
    assert cal.between(sh(2026, 3, 2), sh(2026, 3, 9)) == 8 * H  # only the extra Saturday


# -- daylight saving time ---------------------------------------------------------------------


def test_spring_forward_day_holds_23_hours_and_fall_back_25():
    cal = BusinessCalendar.always("America/New_York")
    assert cal.between(datetime(2026, 3, 8, tzinfo=NY), datetime(2026, 3, 9, tzinfo=NY)) == 23 * H
    assert cal.between(datetime(2026, 11, 1, tzinfo=NY), datetime(2026, 11, 2, tzinfo=NY)) == 25 * H
    assert cal.add(datetime(2026, 3, 8, tzinfo=NY), 24 * H) == datetime(2026, 3, 9, 1, tzinfo=NY)


def test_dst_jump_inside_a_window_changes_its_length():
    cal = BusinessCalendar.from_dict(doc(timezone="Europe/Berlin", week={"sun": [["01:00", "04:00"]]}))
    spring = cal.between(datetime(2026, 3, 29, tzinfo=BERLIN), datetime(2026, 3, 30, tzinfo=BERLIN))
    autumn = cal.between(datetime(2026, 10, 25, tzinfo=BERLIN), datetime(2026, 10, 26, tzinfo=BERLIN))
    assert (spring, autumn) == (2 * H, 4 * H)
    assert cal.add(datetime(2026, 3, 29, 1, tzinfo=BERLIN), 2 * H) == datetime(2026, 3, 29, 4, tzinfo=BERLIN)


def test_always_counts_elapsed_time():
    cal = BusinessCalendar.always("Europe/Berlin")
    a, b = datetime(2026, 3, 28, 12, tzinfo=BERLIN), datetime(2026, 3, 30, 12, tzinfo=BERLIN)
    assert cal.between(a, b) == b.astimezone(timezone.utc) - a.astimezone(timezone.utc) == 47 * H
    assert cal.name == "24x7" and cal.day_kind(date(2026, 1, 1)) is DayKind.WORKDAY


# -- properties -------------------------------------------------------------------------------

PROPERTY_CALENDARS = {
    "cn": BusinessCalendar.from_dict(doc(preset="CN", years=[2025, 2026])),
    # Windows around Berlin's 02:00-03:00 jumps, and a closed weekend.
    "berlin": BusinessCalendar.from_dict(
        doc(timezone="Europe/Berlin",
            week={k: [["00:00", "02:30"], ["02:45", "09:00"], ["22:00", "24:00"]] for k in WEEKDAYS})
    ),
    "ny": BusinessCalendar.always("America/New_York"),
}
calendars = st.sampled_from(sorted(PROPERTY_CALENDARS)).map(PROPERTY_CALENDARS.get)
instants = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 12, 31),
                        timezones=st.sampled_from([SH, BERLIN, NY, timezone.utc]))
durations = st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=900))


def utc(t):
    """Aware datetimes sharing a tzinfo compare by wall clock; compare instants in UTC."""
    return t.astimezone(timezone.utc)


@settings(max_examples=300, deadline=None)
@given(calendars, instants, durations)
def test_between_undoes_add(cal, start, d):
    end = cal.add(start, d)
    assert utc(end) >= utc(start)
    assert cal.between(start, end) == d
    if d:  # and it is the earliest such instant
        assert cal.between(start, utc(end) - timedelta(microseconds=1)) < d


@settings(max_examples=200, deadline=None)
@given(calendars, instants, durations, durations)
def test_add_is_monotone(cal, start, d1, d2):
    d1, d2 = sorted((d1, d2))
    assert utc(cal.add(start, d1)) <= utc(cal.add(start, d2))


@settings(max_examples=300, deadline=None)
@given(calendars, instants, instants, instants)
def test_between_is_additive(cal, p, q, r):
    a, b, c = sorted((p, q, r), key=utc)
    assert cal.between(a, b) + cal.between(b, c) == cal.between(a, c)


# -- documents --------------------------------------------------------------------------------


def test_to_dict_round_trips():
    d = {
        "name": "工作日历",
        "timezone": "Asia/Shanghai",
        "week": {"mon": OFFICE, "sat": [["10:00", "24:00"]]},
        "holidays": ["2026-03-02"],
        "workdays": ["2026-03-08"],
        "days_off": ["2026-03-03"],
        "preset": "CN",
        "years": [2025, 2026],
    }
    cal = BusinessCalendar.from_dict(d)
    assert cal.to_dict() == d
    assert BusinessCalendar.from_dict(cal.to_dict()).to_dict() == d
    always = BusinessCalendar.always("Europe/Berlin")
    assert BusinessCalendar.from_dict(always.to_dict()).to_dict() == always.to_dict()


def test_windows_in_any_order_are_sorted():
    cal = BusinessCalendar.from_dict(doc(week={"mon": [["13:00", "18:00"], ["09:00", "12:00"]]}))
    assert cal.to_dict()["week"] == {"mon": OFFICE}


@pytest.mark.parametrize(
    "document, message",
    [
        ([], "A calendar document must be a JSON object"),
        (doc(holiday=[]), 'unknown key "holiday"; use one of: name, timezone, week, holidays'),
        ({"name": "x", "week": {"mon": OFFICE}}, 'missing key "timezone"; add it, e.g. "timezone": "Asia/Shanghai"'),
        ({"timezone": "UTC", "week": {"mon": OFFICE}}, 'missing key "name"'),
        ({"name": "x", "timezone": "UTC"}, 'missing key "week"'),
        (doc(name=" "), "name: give the calendar a non-empty name"),
        (doc(timezone="Mars/Olympus"), 'timezone: unknown time zone "Mars/Olympus"; use an IANA name'),
        (doc(week=[["09:00", "18:00"]]), "week: expected an object"),
        (doc(week={"monday": OFFICE}), 'week: unknown day "monday"; use mon, tue, wed, thu, fri, sat, sun'),
        (doc(week={"mon": "09:00-18:00"}), 'week.mon: expected a list of ["HH:MM", "HH:MM"] windows'),
        (doc(week={"mon": [["09:00"]]}), 'week.mon[0]: expected ["HH:MM", "HH:MM"], got ["09:00"]'),
        (doc(week={"mon": [["25:00", "26:00"]]}), 'week.mon[0]: "25:00" is not a time; use "HH:MM" from "00:00" to "24:00"'),
        (doc(week={"tue": [["09:00", "24:30"]]}), 'week.tue[0]: "24:30" is not a time'),
        (doc(week={"tue": [["09:60", "12:00"]]}), 'week.tue[0]: "09:60" is not a time'),
        (doc(week={"tue": [["9:00", "12:00"]]}), 'week.tue[0]: "9:00" is not a time'),
        (doc(week={"tue": [[900, "12:00"]]}), "week.tue[0]: 900 is not a time"),
        (doc(week={"mon": [["09:00", "12:00"], ["13:00", "12:00"]]}), 'week.mon[1]: "13:00"-"12:00" ends before it starts'),
        (doc(week={"mon": [["09:00", "09:00"]]}), 'week.mon[0]: "09:00"-"09:00" is empty; remove it'),
        (doc(week={"mon": [["09:00", "12:00"], ["11:00", "14:00"]]}),
         'week.mon[1]: "11:00"-"14:00" overlaps "09:00"-"12:00"; windows must not overlap'),
        (doc(week={"sat": []}), "week: no day has a working window"),
        (doc(holidays="2026-02-14"), 'holidays: expected a list of "YYYY-MM-DD" dates'),
        (doc(holidays=["2026-02-14", "2026-02-30"]), 'holidays[1]: "2026-02-30" is not a date; use "YYYY-MM-DD"'),
        (doc(workdays=[20260214]), "workdays[0]: 20260214 is not a date"),
        (doc(days_off=["20260214"]), 'days_off[0]: "20260214" is not a date'),
        (doc(holidays=["2026-02-14"], workdays=["2026-02-14"]),
         "workdays[0]: 2026-02-14 is also listed in holidays; keep it in one list"),
        (doc(week={"tue": OFFICE}, workdays=["2026-02-14"]), "week.mon: extra workdays use Monday's windows"),
        (doc(preset="US", years=[2026]), 'preset: unknown preset "US"; use "CN" or null'),
        (doc(preset="CN"), 'years: list the years the "CN" preset covers, e.g. [2025, 2026]'),
        (doc(preset="CN", years=2026), "years: expected a list of years, got 2026"),
        (doc(preset="CN", years=["2026"]), 'years[0]: "2026" is not a year such as 2026'),
    ],
)
def test_corrupt_documents_say_what_to_fix(document, message):
    with pytest.raises(CalendarError) as raised:
        BusinessCalendar.from_dict(document)
    assert str(raised.value).startswith(message)
    assert isinstance(raised.value, ValueError)
