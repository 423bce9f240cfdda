"""Leave (scheduled minutes, overlaps, half days, time off in lieu), set-up rules and their permissions."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from console.api import PermissionDenied, StaleEditError, ValidationError
from plugins.worktime.models import REST_IN_LIEU, HourlyRate, Leave, ScheduleAssignment, Segment
from plugins.worktime.service import catalogue, entries, leave, setup
from tests.plugins import unique
from tests.plugins.worktime.conftest import OFFICE, at


def test_leave_counts_only_scheduled_minutes(app, make_actor):
    engineer = make_actor("engineer")
    # Mon 29 Sep – Fri 3 Oct 2026: Tue 30 Sep and Mon 28? National Day 1–3 Oct costs no leave
    leave_id = leave.add_leave(app, engineer, leave_type="annual", first_day=date(2026, 9, 28),
                               last_day=date(2026, 10, 4), note="国庆前后请假")
    with app.session() as session:
        assert session.get(Leave, leave_id).minutes == 3 * 8 * 60  # Mon 28, Tue 29, Wed 30 September
    with pytest.raises(ValidationError, match="already has leave"):
        leave.add_leave(app, engineer, leave_type="sick", first_day=date(2026, 10, 2), last_day=date(2026, 10, 2))
    with pytest.raises(ValidationError, match="no scheduled working time"):
        leave.add_leave(app, engineer, leave_type="annual", first_day=date(2026, 10, 10 + 1),
                        last_day=date(2026, 10, 11))  # a Sunday
    with pytest.raises(ValidationError, match="not a leave type"):
        leave.add_leave(app, engineer, leave_type="holiday", first_day=date(2026, 10, 12), last_day=date(2026, 10, 12))


def test_half_days_split_the_scheduled_time_in_two(app, make_actor):
    engineer = make_actor("engineer")
    morning = leave.add_leave(app, engineer, leave_type="personal", first_day=date(2026, 8, 3),
                              last_day=date(2026, 8, 3), part="am")
    with app.session() as session:
        row = session.get(Leave, morning)
        assert (row.ends_at, row.minutes) == (at(2026, 8, 3, 14), 240)
    entries.add_entry(app, engineer, starts_at=at(2026, 8, 3, 14), ends_at=at(2026, 8, 3, 18), activity_kind="meeting")
    with pytest.raises(ValidationError, match="Half a day of leave is one day"):
        leave.add_leave(app, engineer, leave_type="personal", first_day=date(2026, 8, 4), last_day=date(2026, 8, 5),
                        part="pm")
    with pytest.raises(ValidationError, match="leave cannot overlap it"):
        leave.add_leave(app, engineer, leave_type="personal", first_day=date(2026, 8, 3), last_day=date(2026, 8, 3),
                        part="pm")


def test_time_off_in_lieu_is_earned_on_rest_days_and_spent(app, admin, make_actor):
    engineer = make_actor("engineer")
    toil = catalogue.save_rule_set(app, admin, code=unique("TOIL-"), name="调休制", extended_multiplier="1.50",
                               rest_multiplier="2.00", holiday_multiplier="3.00", rest_day_policy="time_off")
    office = setup.save_schedule(app, admin, name=unique("Office "), week=OFFICE)
    setup.assign_schedule(app, admin, user_id=engineer.user_id, schedule_id=office, rule_set_id=toil,
                          valid_from=date(2026, 1, 1))
    entry = entries.add_entry(app, engineer, starts_at=at(2026, 7, 11, 9), ends_at=at(2026, 7, 11, 15),
                              activity_kind="meeting")  # a Saturday: six hours in lieu
    with app.session() as session:
        assert session.scalar(select(Segment.bucket).where(Segment.entry_id == entry)) == REST_IN_LIEU
        assert leave.in_lieu_balance(session, engineer.user_id) == 360
    with pytest.raises(ValidationError, match="has 6:00 of time off in lieu left; this leave needs 8:00"):
        leave.add_leave(app, engineer, leave_type="in_lieu", first_day=date(2026, 7, 13), last_day=date(2026, 7, 13))
    leave.add_leave(app, engineer, leave_type="in_lieu", first_day=date(2026, 7, 13), last_day=date(2026, 7, 13),
                    part="am")
    with app.session() as session:
        assert leave.in_lieu_balance(session, engineer.user_id) == 120


def test_leave_permissions_and_removal(app, make_actor):
    engineer, colleague = make_actor("engineer"), make_actor("engineer")
    with pytest.raises(PermissionDenied):
        leave.add_leave(app, engineer, user_id=colleague.user_id, leave_type="annual", first_day=date(2026, 6, 8),
                        last_day=date(2026, 6, 8))
    leave_id = leave.add_leave(app, engineer, leave_type="annual", first_day=date(2026, 6, 8),
                               last_day=date(2026, 6, 8))
    with pytest.raises(StaleEditError):
        leave.delete_leave(app, engineer, leave_id, expected_version=7)
    leave.delete_leave(app, engineer, leave_id, expected_version=1)


def test_assignments_close_the_open_one_and_refuse_overlaps(app, admin, make_actor):
    engineer = make_actor("engineer")
    office = setup.save_schedule(app, admin, name=unique("Office "), week=OFFICE)
    shift = setup.save_schedule(app, admin, name=unique("Shift "), week={"mon": [["12:00", "21:00"]]})
    first = setup.assign_schedule(app, admin, user_id=engineer.user_id, schedule_id=office, valid_from=date(2026, 1, 1))
    setup.assign_schedule(app, admin, user_id=engineer.user_id, schedule_id=shift, valid_from=date(2026, 3, 16))
    with app.session() as session:
        assert session.get(ScheduleAssignment, first).valid_to == date(2026, 3, 15)
    with pytest.raises(ValidationError, match="overlaps the one starting 2026-03-16"):
        setup.assign_schedule(app, admin, user_id=engineer.user_id, schedule_id=office, valid_from=date(2026, 2, 1),
                              valid_to=date(2026, 4, 1))
    # a temporary schedule inside the open one: the open one resumes the day after
    setup.assign_schedule(app, admin, user_id=engineer.user_id, schedule_id=office, valid_from=date(2026, 6, 1),
                          valid_to=date(2026, 6, 30))
    with app.session() as session:
        spans = [(a.schedule_id, a.valid_from, a.valid_to) for a in session.scalars(
            select(ScheduleAssignment).where(ScheduleAssignment.user_id == engineer.user_id)
            .order_by(ScheduleAssignment.valid_from))]
    assert spans == [(office, date(2026, 1, 1), date(2026, 3, 15)), (shift, date(2026, 3, 16), date(2026, 5, 31)),
                     (office, date(2026, 6, 1), date(2026, 6, 30)), (shift, date(2026, 7, 1), None)]
    with pytest.raises(PermissionDenied, match="worktime.manage"):
        setup.assign_schedule(app, make_actor("team_lead"), user_id=engineer.user_id, schedule_id=office,
                              valid_from=date(2026, 5, 1))


@pytest.mark.parametrize(("week", "message"), [
    ({}, "at least one working window"),
    ({"mon": [["09:00", "08:00"]]}, "ends before it starts"),
    ({"tue": [["09:00", "12:00"], ["11:00", "13:00"]]}, "overlaps"),
    ({"wed": [["25:00", "26:00"]]}, "not a time"),
])
def test_bad_schedules_are_refused(app, admin, week, message):
    with pytest.raises(ValidationError, match=message):
        setup.save_schedule(app, admin, name=unique("Bad "), week=week)


def test_windows_are_typed_as_people_write_them():
    assert setup.parse_windows("9:00-12:00，13:00–18:00") == [["09:00", "12:00"], ["13:00", "18:00"]]
    assert setup.format_windows([["09:00", "12:00"], ["13:00", "18:00"]]) == "09:00-12:00, 13:00-18:00"
    with pytest.raises(ValidationError, match="not a window"):
        setup.parse_windows("nine to five", "mon")


def test_rates_validate_and_need_their_permission(app, admin, make_actor):
    engineer = make_actor("engineer")
    for bad in ("-5", "abc", "12.345", Decimal("100000")):
        with pytest.raises(ValidationError):
            setup.set_rate(app, admin, user_id=engineer.user_id, valid_from=date(2026, 1, 1), rate=bad)
    with pytest.raises(TypeError):
        setup.set_rate(app, admin, user_id=engineer.user_id, valid_from=date(2026, 1, 1), rate=12.5)
    rate = setup.set_rate(app, admin, user_id=engineer.user_id, valid_from=date(2026, 1, 1), rate="180.00")
    with app.session() as session:
        assert session.get(HourlyRate, rate).rate == Decimal("180.00")
    with pytest.raises(PermissionDenied, match="worktime.rates"):
        setup.set_rate(app, make_actor("timesheet_reviewer"), user_id=engineer.user_id, valid_from=date(2026, 2, 1),
                       rate="1.00")


def test_rule_set_change_resplits_open_entries_only(app, admin, make_actor, team):
    from plugins.worktime.service import timesheets

    crew = team(1)
    member = crew.members[0]
    strict = catalogue.save_rule_set(app, admin, code=unique("R-"), name="Test rules", extended_multiplier="1.50",
                                 rest_multiplier="2.00", holiday_multiplier="3.00")
    office = setup.save_schedule(app, admin, name=unique("Office "), week=OFFICE)
    setup.assign_schedule(app, admin, user_id=member.user_id, schedule_id=office, rule_set_id=strict,
                          valid_from=date(2026, 1, 1))
    locked = entries.add_entry(app, member, starts_at=at(2026, 9, 5, 9), ends_at=at(2026, 9, 5, 10),
                               activity_kind="meeting")  # Saturday
    sheet = timesheets.submit(app, member, day=date(2026, 9, 5))
    timesheets.approve(app, crew.lead, sheet, expected_version=1)
    open_entry = entries.add_entry(app, member, starts_at=at(2026, 9, 12, 9), ends_at=at(2026, 9, 12, 10),
                                   activity_kind="meeting")
    catalogue.save_rule_set(app, admin, code=unique("R-"), name="Test rules", extended_multiplier="1.50",
                        rest_multiplier="2.50", holiday_multiplier="3.00", rule_set_id=strict, expected_version=1)
    with app.session() as session:
        multiplier = {s.entry_id: s.multiplier for s in session.scalars(
            select(Segment).where(Segment.entry_id.in_([locked, open_entry])))}
    assert multiplier == {locked: Decimal("2.00"), open_entry: Decimal("2.50")}  # approved keeps what was approved


def test_organisation_days_change_the_split(app, admin, make_actor):
    engineer = make_actor("engineer")
    entry = entries.add_entry(app, engineer, starts_at=at(2025, 8, 8, 9), ends_at=at(2025, 8, 8, 10),
                              activity_kind="meeting")
    day_id = catalogue.save_org_day(app, admin, day=date(2025, 8, 8), kind="day_off", name="公司活动日")
    with app.session() as session:
        assert session.scalar(select(Segment.bucket).where(Segment.entry_id == entry)) == "rest"
    catalogue.delete_org_day(app, admin, day_id, expected_version=1)
    with app.session() as session:
        assert session.scalar(select(Segment.bucket).where(Segment.entry_id == entry)) == "normal"


def test_projects_and_leave_types_are_unique_by_code(app, admin, make_actor):
    code = unique("P-")
    catalogue.save_project(app, admin, code=code, name="项目")
    with pytest.raises(ValidationError, match="exists"):
        catalogue.save_project(app, admin, code=code, name="again")
    with pytest.raises(ValidationError, match="no spaces"):
        catalogue.save_project(app, admin, code="has space", name="x")
    with pytest.raises(ValidationError, match="exists"):
        catalogue.save_leave_type(app, admin, code="annual", name="Annual again")
    with pytest.raises(PermissionDenied, match="worktime.manage"):
        catalogue.save_project(app, make_actor("engineer"), code=unique("P-"), name="x")
