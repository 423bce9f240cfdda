"""Time-entry rules: minutes, references, overlaps (also under concurrency) and who may record."""

import threading
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from console.api import PermissionDenied, ValidationError
from plugins.worktime import service
from plugins.worktime.api import minutes_booked
from plugins.worktime.models import TimeEntry
from tests.plugins import unique

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=SHANGHAI)


def test_entry_is_cut_to_minutes_and_counted(app, make_actor, events):
    engineer = make_actor("engineer")
    ref = unique("INC-")
    entry_id = service.add_entry(app, engineer, starts_at=at(2, 9, 0).replace(second=40),
                                 ends_at=at(2, 10, 30).replace(microsecond=5), activity_kind="incident",
                                 activity_ref=f" {ref} ", note=" 现场更换硬盘 ")
    with app.session() as session:
        entry = session.get(TimeEntry, entry_id)
        assert (entry.minutes, entry.activity_ref, entry.note) == (90, ref, "现场更换硬盘")
        assert entry.starts_at == at(2, 9).astimezone(timezone.utc)
        assert minutes_booked(session, ref) == 90
    assert events[-1].name == "worktime.entry_added" and events[-1].payload["minutes"] == 90


def test_overlap_for_one_person_is_refused(app, make_actor):
    engineer = make_actor("engineer", display_name="王伟")
    service.add_entry(app, engineer, starts_at=at(3, 9), ends_at=at(3, 12), activity_kind="meeting")
    with pytest.raises(ValidationError, match="王伟 already has an entry from 2026-03-03 09:00 to 12:00"):
        service.add_entry(app, engineer, starts_at=at(3, 11), ends_at=at(3, 13), activity_kind="training")
    # touching entries do not overlap; another person may book the same hours
    service.add_entry(app, engineer, starts_at=at(3, 12), ends_at=at(3, 13), activity_kind="training")
    service.add_entry(app, make_actor("engineer"), starts_at=at(3, 9), ends_at=at(3, 12), activity_kind="meeting")


def test_concurrent_overlapping_entries_keep_one(app, make_actor):
    engineer = make_actor("engineer")
    outcomes = []

    def book(hour: int):
        try:
            service.add_entry(app, engineer, starts_at=at(4, hour), ends_at=at(4, hour + 2), activity_kind="travel")
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")

    threads = [threading.Thread(target=book, args=(9 + n % 2,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused", "refused", "refused"]


@pytest.mark.parametrize(("fields", "field"), [
    ({"ends_at": at(5, 9)}, "ends_at"),
    ({"ends_at": at(6, 9, 1)}, "ends_at"),
    ({"starts_at": datetime(2026, 3, 5, 9)}, "starts_at"),
    ({"activity_kind": "lunch"}, "activity_kind"),
    ({"activity_kind": "project", "activity_ref": " "}, "activity_ref"),
    ({"activity_kind": "incident", "activity_ref": "x" * 65}, "activity_ref"),
])
def test_bad_entries_are_refused(app, make_actor, fields, field):
    values = {"starts_at": at(5, 9), "ends_at": at(5, 10), "activity_kind": "meeting", **fields}
    with pytest.raises(ValidationError) as raised:
        service.add_entry(app, make_actor("engineer"), **values)
    assert raised.value.field == field


def test_recording_for_someone_else_needs_edit_others(app, make_actor):
    engineer, colleague, lead = make_actor("engineer"), make_actor("engineer"), make_actor("team_lead")
    with pytest.raises(PermissionDenied, match="worktime.edit_others"):
        service.add_entry(app, engineer, user_id=colleague.user_id, starts_at=at(9, 9), ends_at=at(9, 10),
                          activity_kind="meeting")
    entry_id = service.add_entry(app, lead, user_id=colleague.user_id, starts_at=at(9, 9), ends_at=at(9, 10),
                                 activity_kind="meeting")
    with app.session() as session:
        assert session.scalar(select(TimeEntry.user_id).where(TimeEntry.id == entry_id)) == colleague.user_id


def test_read_only_users_record_nothing(app, make_actor):
    with pytest.raises(PermissionDenied, match="worktime.edit"):
        service.add_entry(app, make_actor("read_only"), starts_at=at(10, 9), ends_at=at(10, 10),
                          activity_kind="meeting")


def test_time_is_recorded_for_existing_users_only(app, admin):
    with pytest.raises(ValidationError, match="active user"):
        service.add_entry(app, admin, user_id=-5, starts_at=at(11, 9), ends_at=at(11, 10) + timedelta(minutes=5),
                          activity_kind="meeting")
