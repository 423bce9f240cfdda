"""Time entries: minutes, references, the stored split, overlaps (also from two clients at once),
the future, locked periods, who may record for whom, the week grid's bookings and copy last week."""

import threading
from datetime import date, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select

from console.api import PermissionDenied, StaleEditError, ValidationError
from plugins.worktime.api import minutes_booked
from plugins.worktime.models import EXTENDED, HOLIDAY, NORMAL, REST, Segment, TimeEntry
from plugins.worktime.service import catalogue, entries, grid, setup, timesheets
from tests.plugins import unique
from tests.plugins.worktime.conftest import OFFICE, at


def segments_of(app, entry_id):
    with app.session() as session:
        rows = session.scalars(select(Segment).where(Segment.entry_id == entry_id))
        return {(s.day, s.bucket): s.minutes for s in rows}


def test_entry_is_cut_to_minutes_counted_and_split(app, make_actor, events):
    engineer = make_actor("engineer")
    entry_id = entries.add_entry(app, engineer, starts_at=at(2026, 3, 2, 17).replace(second=40),
                                 ends_at=at(2026, 3, 2, 19, 30).replace(microsecond=5), activity_kind="meeting",
                                 note=" 周例会 ")
    with app.session() as session:
        entry = session.get(TimeEntry, entry_id)
        assert (entry.minutes, entry.note) == (150, "周例会")
        assert entry.starts_at == at(2026, 3, 2, 17).astimezone(timezone.utc)
    assert segments_of(app, entry_id) == {(date(2026, 3, 2), NORMAL): 60, (date(2026, 3, 2), EXTENDED): 90}
    assert events[-1].name == "worktime.entry_added" and events[-1].payload["minutes"] == 150


def test_duration_instead_of_an_end(app, make_actor):
    engineer = make_actor("engineer")
    entry_id = entries.add_entry(app, engineer, starts_at=at(2026, 3, 3, 9), minutes=95, activity_kind="training")
    with app.session() as session:
        assert session.get(TimeEntry, entry_id).ends_at == at(2026, 3, 3, 10, 35)
    with pytest.raises(ValidationError, match="not both"):
        entries.add_entry(app, engineer, starts_at=at(2026, 3, 4, 9), ends_at=at(2026, 3, 4, 10), minutes=60,
                          activity_kind="training")


def test_overlap_for_one_person_is_refused(app, make_actor):
    engineer = make_actor("engineer", display_name="王伟")
    entries.add_entry(app, engineer, starts_at=at(2026, 3, 3, 9), ends_at=at(2026, 3, 3, 12), activity_kind="meeting")
    with pytest.raises(ValidationError, match="王伟 already has an entry from 2026-03-03 09:00 to 12:00"):
        entries.add_entry(app, engineer, starts_at=at(2026, 3, 3, 11), ends_at=at(2026, 3, 3, 13),
                          activity_kind="training")
    # touching entries do not overlap; another person may book the same hours
    entries.add_entry(app, engineer, starts_at=at(2026, 3, 3, 12), ends_at=at(2026, 3, 3, 13), activity_kind="training")
    entries.add_entry(app, make_actor("engineer"), starts_at=at(2026, 3, 3, 9), ends_at=at(2026, 3, 3, 12),
                      activity_kind="meeting")


def test_overlapping_entries_saved_from_two_clients_at_once_keep_one(app, make_actor):
    engineer = make_actor("engineer")
    outcomes, barrier = [], threading.Barrier(4)

    def book(hour: int):
        barrier.wait()
        try:
            entries.add_entry(app, engineer, starts_at=at(2026, 3, 4, hour), ends_at=at(2026, 3, 4, hour + 2),
                              activity_kind="travel")
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")

    threads = [threading.Thread(target=book, args=(9 + n % 2,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused", "refused", "refused"]
    with app.session() as session:
        assert len(session.scalars(select(TimeEntry.id).where(TimeEntry.user_id == engineer.user_id)).all()) == 1


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"ends_at": at(2026, 3, 5, 9)}, "ends_at", "end after it starts"),
    ({"ends_at": at(2026, 3, 6, 9, 1)}, "ends_at", "at most 24 hours"),
    ({"starts_at": at(2026, 3, 5, 9).replace(tzinfo=None)}, "starts_at", "no time zone"),
    ({"activity_kind": "lunch"}, "activity_kind", "not an activity"),
    ({"activity_kind": "project", "activity_ref": " "}, "activity_ref", "project code"),
    ({"activity_kind": "incident", "activity_ref": "12345"}, "activity_ref", "INC-2026-000123"),
    ({"activity_kind": "work_order", "activity_ref": "INC-2026-000123"}, "activity_ref", "INC-2026-000123-W01"),
    ({"activity_kind": "meeting", "activity_ref": "INC-2026-000123"}, "activity_ref", "names no reference"),
    ({"activity_kind": "travel", "activity_ref": "Beijing"}, "activity_ref", "Travel may name"),
    ({"activity_kind": "project", "activity_ref": "x" * 65}, "activity_ref", "longer than 64"),
])
def test_bad_entries_are_refused_with_a_message_and_field(app, make_actor, fields, field, message):
    values = {"starts_at": at(2026, 3, 5, 9), "ends_at": at(2026, 3, 5, 10), "activity_kind": "meeting", **fields}
    with pytest.raises(ValidationError, match=message) as raised:
        entries.add_entry(app, make_actor("engineer"), **values)
    assert raised.value.field == field


def test_time_in_the_future_is_refused(app, make_actor):
    engineer = make_actor("engineer")
    tomorrow = date.today() + timedelta(days=2)
    with pytest.raises(ValidationError, match="in the future") as raised:
        entries.add_entry(app, engineer, starts_at=at(tomorrow.year, tomorrow.month, tomorrow.day, 9),
                          ends_at=at(tomorrow.year, tomorrow.month, tomorrow.day, 10), activity_kind="meeting")
    assert raised.value.field == "ends_at"


def test_projects_and_their_customers(app, admin, make_actor, reference):
    code = unique("PRJ-")
    project_id = catalogue.save_project(app, admin, code=code, name="华东数据中心迁移", customer_id=reference.customer_id)
    engineer = make_actor("engineer")
    entry_id = entries.add_entry(app, engineer, starts_at=at(2026, 3, 9, 9), ends_at=at(2026, 3, 9, 11),
                                 activity_kind="project", activity_ref=code)
    with app.session() as session:
        assert session.get(TimeEntry, entry_id).customer_id == reference.customer_id
    with pytest.raises(ValidationError, match="There is no project"):
        entries.add_entry(app, engineer, starts_at=at(2026, 3, 9, 13), ends_at=at(2026, 3, 9, 14),
                          activity_kind="project", activity_ref=unique("NOPE-"))
    catalogue.save_project(app, admin, code=code, name="华东数据中心迁移", active=False, project_id=project_id,
                       expected_version=1)
    with pytest.raises(ValidationError, match="is closed"):
        entries.add_entry(app, engineer, starts_at=at(2026, 3, 9, 13), ends_at=at(2026, 3, 9, 14),
                          activity_kind="project", activity_ref=code)


def test_incidents_and_work_orders_are_checked_through_the_incidents_plugin(app, admin, make_actor, reference):
    from plugins.incidents import service as incidents
    from plugins.incidents.work_orders import create_work_order

    number = incidents.create_incident(app, admin, title="服务器硬盘告警", customer_id=reference.customer_id,
                                       category="Server")
    work_order = create_work_order(app, admin, number, kind="onsite_visit", title="上门 On-site visit")
    engineer = make_actor("engineer")
    with app.session() as session:
        before = minutes_booked(session, number)  # the shared database may hold demo time on it
    entry_id = entries.add_entry(app, engineer, starts_at=at(2026, 3, 10, 9), ends_at=at(2026, 3, 10, 10),
                                 activity_kind="incident", activity_ref=number.lower())
    travel_id = entries.add_entry(app, engineer, starts_at=at(2026, 3, 10, 10), ends_at=at(2026, 3, 10, 11),
                                  activity_kind="travel", activity_ref=work_order)
    with app.session() as session:
        entry, travel = session.get(TimeEntry, entry_id), session.get(TimeEntry, travel_id)
        assert (entry.activity_ref, entry.customer_id) == (number, reference.customer_id)
        assert travel.customer_id == reference.customer_id
        assert minutes_booked(session, number) == before + 60
    year = number.split("-")[1]
    with pytest.raises(ValidationError, match=f"There is no work order INC-{year}-999999-W02"):
        entries.add_entry(app, engineer, starts_at=at(2026, 3, 10, 13), ends_at=at(2026, 3, 10, 14),
                          activity_kind="work_order", activity_ref=f"INC-{year}-999999-W02")


def test_without_incidents_references_are_kept_as_typed(app, make_actor, monkeypatch):
    monkeypatch.setattr(app, "has_plugin", lambda name: name != "incidents")
    engineer = make_actor("engineer")
    entry_id = entries.add_entry(app, engineer, starts_at=at(2026, 3, 11, 9), ends_at=at(2026, 3, 11, 10),
                                 activity_kind="work_order", activity_ref="INC-2019-000001-W07")
    with app.session() as session:
        entry = session.get(TimeEntry, entry_id)
        assert (entry.activity_ref, entry.customer_id) == ("INC-2019-000001-W07", None)


def test_who_may_record_for_whom(app, make_actor, team):
    crew = team(2)
    outsider, clerk = make_actor("engineer"), make_actor("back_office")
    member = crew.members[0]
    with pytest.raises(PermissionDenied, match="worktime.edit_others"):
        entries.add_entry(app, crew.members[1], user_id=member.user_id, starts_at=at(2026, 3, 12, 9),
                          ends_at=at(2026, 3, 12, 10), activity_kind="meeting")
    entries.add_entry(app, crew.lead, user_id=member.user_id, starts_at=at(2026, 3, 12, 9),
                      ends_at=at(2026, 3, 12, 10), activity_kind="meeting")
    other_lead = team(1).lead
    with pytest.raises(PermissionDenied, match="not in a team they lead or review"):
        entries.add_entry(app, other_lead, user_id=member.user_id, starts_at=at(2026, 3, 12, 10),
                          ends_at=at(2026, 3, 12, 11), activity_kind="meeting")
    entries.add_entry(app, clerk, user_id=outsider.user_id, starts_at=at(2026, 3, 12, 9),
                      ends_at=at(2026, 3, 12, 10), activity_kind="meeting")  # HR records anyone's time
    with pytest.raises(PermissionDenied, match="worktime.edit"):
        entries.add_entry(app, make_actor("read_only"), starts_at=at(2026, 3, 12, 9), ends_at=at(2026, 3, 12, 10),
                          activity_kind="meeting")
    with pytest.raises(ValidationError, match="active user"):
        entries.add_entry(app, clerk, user_id=-5, starts_at=at(2026, 3, 12, 9), ends_at=at(2026, 3, 12, 10),
                          activity_kind="meeting")


def test_edit_and_delete_with_optimistic_locking(app, make_actor):
    engineer = make_actor("engineer")
    entry_id = entries.add_entry(app, engineer, starts_at=at(2026, 3, 13, 9), ends_at=at(2026, 3, 13, 10),
                                 activity_kind="meeting")
    entries.update_entry(app, engineer, entry_id, expected_version=1, starts_at=at(2026, 3, 13, 17),
                         ends_at=at(2026, 3, 13, 19), activity_kind="training", note="新产品培训")
    assert segments_of(app, entry_id) == {(date(2026, 3, 13), NORMAL): 60, (date(2026, 3, 13), EXTENDED): 60}
    with pytest.raises(StaleEditError):
        entries.update_entry(app, engineer, entry_id, expected_version=1, starts_at=at(2026, 3, 13, 9),
                             ends_at=at(2026, 3, 13, 10), activity_kind="meeting")
    with pytest.raises(StaleEditError):
        entries.delete_entry(app, engineer, entry_id, expected_version=1)
    entries.delete_entry(app, engineer, entry_id, expected_version=2)
    assert segments_of(app, entry_id) == {}
    with app.session() as session:
        assert session.get(TimeEntry, entry_id) is None


def test_locked_periods_refuse_every_change_in_the_service(app, make_actor, team):
    crew = team(1)
    member = crew.members[0]
    entry_id = entries.add_entry(app, member, starts_at=at(2026, 3, 16, 9), ends_at=at(2026, 3, 16, 12),
                                 activity_kind="meeting")
    sheet_id = timesheets.submit(app, member, day=date(2026, 3, 18))
    with pytest.raises(ValidationError, match="2026-03-16 – 03-22 is submitted for review; withdraw it"):
        entries.add_entry(app, member, starts_at=at(2026, 3, 17, 9), ends_at=at(2026, 3, 17, 10),
                          activity_kind="meeting")
    with pytest.raises(ValidationError, match="submitted for review"):
        entries.delete_entry(app, member, entry_id, expected_version=1)
    timesheets.approve(app, crew.lead, sheet_id, expected_version=1)
    for change in (
        lambda: entries.add_entry(app, member, starts_at=at(2026, 3, 22, 23), ends_at=at(2026, 3, 23, 1),
                                  activity_kind="meeting"),  # crosses into the locked week
        lambda: entries.update_entry(app, member, entry_id, expected_version=1, starts_at=at(2026, 3, 9, 9),
                                     ends_at=at(2026, 3, 9, 12), activity_kind="meeting"),
        lambda: entries.delete_entry(app, member, entry_id, expected_version=1),
        lambda: entries.delete_entry(app, crew.lead, entry_id, expected_version=1),
        lambda: grid.set_day_total(app, member, user_id=member.user_id, day=date(2026, 3, 17),
                                      activity_kind="meeting", activity_ref=None, minutes=60),
        lambda: grid.copy_week(app, member, user_id=member.user_id, week_start=date(2026, 3, 16)),
    ):
        with pytest.raises(ValidationError, match="approved and locked; request an adjustment"):
            change()


def test_a_schedule_change_in_mid_month(app, admin, make_actor):
    engineer = make_actor("engineer")
    early = setup.save_schedule(app, admin, name=unique("Early "), week=OFFICE)
    late = setup.save_schedule(app, admin, name=unique("Late "),
                               week={d: [["10:00", "13:00"], ["14:00", "19:00"]] for d in OFFICE})
    first = entries.add_entry(app, engineer, starts_at=at(2026, 4, 8, 18), ends_at=at(2026, 4, 8, 19),
                              activity_kind="meeting")
    second = entries.add_entry(app, engineer, starts_at=at(2026, 4, 20, 18), ends_at=at(2026, 4, 20, 19),
                               activity_kind="meeting")
    setup.assign_schedule(app, admin, user_id=engineer.user_id, schedule_id=early, valid_from=date(2026, 4, 1))
    setup.assign_schedule(app, admin, user_id=engineer.user_id, schedule_id=late, valid_from=date(2026, 4, 16))
    assert segments_of(app, first) == {(date(2026, 4, 8), EXTENDED): 60}
    assert segments_of(app, second) == {(date(2026, 4, 20), NORMAL): 60}  # re-split when the assignment came
    third = entries.add_entry(app, engineer, starts_at=at(2026, 4, 15, 18, 30), ends_at=at(2026, 4, 16, 10, 30),
                              activity_kind="travel")
    assert segments_of(app, third) == {(date(2026, 4, 15), EXTENDED): 330, (date(2026, 4, 16), EXTENDED): 600,
                                       (date(2026, 4, 16), NORMAL): 30}


def test_rates_and_cost_per_entry(app, admin, make_actor):
    engineer = make_actor("engineer")
    setup.set_rate(app, admin, user_id=engineer.user_id, valid_from=date(2026, 1, 1), rate=Decimal("100.00"))
    setup.set_rate(app, admin, user_id=engineer.user_id, valid_from=date(2026, 5, 2), rate=Decimal("120.00"))
    # Labour Day: 1 May 2026 (Friday) and 2 May (Saturday) are statutory holidays
    entry_id = entries.add_entry(app, engineer, starts_at=at(2026, 5, 1, 22), ends_at=at(2026, 5, 2, 2),
                                 activity_kind="incident", activity_ref="INC-2026-000001") \
        if not app.has_plugin("incidents") else entries.add_entry(
            app, engineer, starts_at=at(2026, 5, 1, 22), ends_at=at(2026, 5, 2, 2), activity_kind="meeting")
    with app.session() as session:
        rows = {(s.day, s.bucket): (s.rate, s.cost) for s in session.scalars(
            select(Segment).where(Segment.entry_id == entry_id))}
    assert rows == {(date(2026, 5, 1), HOLIDAY): (Decimal("100.00"), Decimal("600.00")),
                    (date(2026, 5, 2), HOLIDAY): (Decimal("120.00"), Decimal("720.00"))}
    with pytest.raises(PermissionDenied, match="worktime.rates"):
        setup.set_rate(app, make_actor("team_lead"), user_id=engineer.user_id, valid_from=date(2026, 6, 1),
                       rate=Decimal("1.00"))


def test_the_week_grid_books_a_duration_in_the_free_scheduled_time(app, make_actor):
    engineer = make_actor("engineer")
    entries.add_entry(app, engineer, starts_at=at(2026, 6, 1, 9), ends_at=at(2026, 6, 1, 10), activity_kind="meeting")
    grid.set_day_total(app, engineer, user_id=engineer.user_id, day=date(2026, 6, 1), activity_kind="training",
                          activity_ref=None, minutes=4 * 60)
    with app.session() as session:
        booked = [(e.starts_at, e.ends_at) for e in session.scalars(
            select(TimeEntry).where(TimeEntry.user_id == engineer.user_id, TimeEntry.activity_kind == "training")
            .order_by(TimeEntry.starts_at))]
    assert booked == [(at(2026, 6, 1, 10), at(2026, 6, 1, 12)), (at(2026, 6, 1, 13), at(2026, 6, 1, 15))]
    grid.set_day_total(app, engineer, user_id=engineer.user_id, day=date(2026, 6, 1), activity_kind="training",
                          activity_ref=None, minutes=90)
    with app.session() as session:
        kept = [(e.starts_at, e.ends_at) for e in session.scalars(
            select(TimeEntry).where(TimeEntry.user_id == engineer.user_id, TimeEntry.activity_kind == "training"))]
    assert kept == [(at(2026, 6, 1, 10), at(2026, 6, 1, 11, 30))]
    grid.set_day_total(app, engineer, user_id=engineer.user_id, day=date(2026, 6, 1), activity_kind="training",
                          activity_ref=None, minutes=9 * 60)  # more than the free schedule: into the evening
    with app.session() as session:
        total = sum(e.minutes for e in session.scalars(select(TimeEntry).where(
            TimeEntry.user_id == engineer.user_id, TimeEntry.activity_kind == "training")))
        evening = session.scalar(select(TimeEntry).where(TimeEntry.user_id == engineer.user_id,
                                                         TimeEntry.starts_at == at(2026, 6, 1, 18)))
    assert total == 9 * 60 and evening is not None and evening.ends_at == at(2026, 6, 1, 20)
    with pytest.raises(ValidationError, match="between 0:00 and 24:00"):
        grid.set_day_total(app, engineer, user_id=engineer.user_id, day=date(2026, 6, 1),
                              activity_kind="training", activity_ref=None, minutes=25 * 60)


def test_copy_last_week_skips_the_holiday_and_what_overlaps(app, make_actor):
    engineer = make_actor("engineer")
    # the week of 21 September 2026 → the week of 28 September (1 October is National Day)
    for day in (21, 22, 23, 24, 25):
        entries.add_entry(app, engineer, starts_at=at(2026, 9, day, 9), ends_at=at(2026, 9, day, 12),
                          activity_kind="meeting", note="周例会")
    entries.add_entry(app, engineer, starts_at=at(2026, 9, 29, 10), ends_at=at(2026, 9, 29, 11),
                      activity_kind="training")
    result = grid.copy_week(app, engineer, user_id=engineer.user_id, week_start=date(2026, 9, 28))
    # Mon 28 and Wed 30 are copied; Tue 29 overlaps; Thu 1 October is National Day, while Thursday 24
    # was a working day: left out. Fri 25 September was itself a holiday (Mid-Autumn Festival), so its
    # holiday duty is copied onto the holiday of Fri 2 October.
    assert result.copied == 3
    assert len(result.skipped) == 2
    assert "Tue 09-29" in result.skipped[0] and "already has an entry" in result.skipped[0]
    assert "Thu 10-01" in result.skipped[1] and "holiday or rest day" in result.skipped[1]
    with app.session() as session:
        copied = sorted(e.starts_at for e in session.scalars(select(TimeEntry).where(
            TimeEntry.user_id == engineer.user_id, TimeEntry.starts_at >= at(2026, 9, 28))))
    assert copied == [at(2026, 9, 28, 9), at(2026, 9, 29, 10), at(2026, 9, 30, 9), at(2026, 10, 2, 9)]


def test_entries_may_not_overlap_leave(app, make_actor):
    from plugins.worktime.service import leave

    engineer = make_actor("engineer")
    leave.add_leave(app, engineer, leave_type="annual", first_day=date(2026, 7, 6), last_day=date(2026, 7, 7))
    with pytest.raises(ValidationError, match=r"is on leave \(Annual leave\)"):
        entries.add_entry(app, engineer, starts_at=at(2026, 7, 7, 9), ends_at=at(2026, 7, 7, 10),
                          activity_kind="meeting")


def test_rest_day_entry_under_the_default_rules(app, make_actor):
    engineer = make_actor("engineer")
    entry_id = entries.add_entry(app, engineer, starts_at=at(2026, 3, 21, 10), ends_at=at(2026, 3, 21, 12),
                                 activity_kind="meeting")
    assert segments_of(app, entry_id) == {(date(2026, 3, 21), REST): 120}
