"""The daily re-split job, global search, the api for other plugins, and the plugin's contributions."""

from datetime import date

from sqlalchemy import delete, func, select

from console.api import Actor, Context
from plugins import worktime
from plugins.worktime.api import minutes_booked
from plugins.worktime.models import Segment
from plugins.worktime.service import entries, queries, resplit
from tests.plugins import unique
from tests.plugins.worktime.conftest import at


def test_the_resplit_job_splits_entries_that_have_no_split(app, make_actor):
    engineer = make_actor("engineer")
    entry = entries.add_entry(app, engineer, starts_at=at(2026, 11, 2, 17), ends_at=at(2026, 11, 2, 19),
                              activity_kind="meeting")
    with app.session() as session:  # as if recorded before this version of the plugin
        session.execute(delete(Segment).where(Segment.entry_id == entry))
    summary = resplit.resplit_job(Context(app, Actor.system()))
    assert "unsplit entries" in summary
    with app.session() as session:
        assert session.scalar(select(func.sum(Segment.minutes)).where(Segment.entry_id == entry)) == 120


def test_search_finds_entries_the_actor_may_see(app, make_actor):
    engineer, other = make_actor("engineer"), make_actor("engineer")
    note = unique("客户现场巡检")
    entries.add_entry(app, engineer, starts_at=at(2026, 11, 3, 9), ends_at=at(2026, 11, 3, 10),
                      activity_kind="meeting", note=note)
    hits = queries.search(Context(app, engineer), note[-6:], 10)
    assert len(hits) == 1 and hits[0].page_id == "worktime.entries"
    assert queries.search(Context(app, other), note[-6:], 10) == []


def test_minutes_booked_for_other_plugins(app, admin, make_actor):
    from plugins.worktime.service import catalogue

    code = unique("PRJ-")
    catalogue.save_project(app, admin, code=code, name="API 测试")
    engineer = make_actor("engineer")
    entries.add_entry(app, engineer, starts_at=at(2026, 11, 4, 9), ends_at=at(2026, 11, 4, 10, 30),
                      activity_kind="project", activity_ref=code)
    with app.session() as session:
        assert minutes_booked(session, code) == 90


def test_contributions_are_complete():
    names = {spec.id for spec in worktime.register_pages()}
    assert {"worktime.week", "worktime.entries", "worktime.review", "worktime.reports"} <= names
    assert {spec.name for spec in worktime.register_jobs()} == {"worktime.reminders", "worktime.resplit"}
    assert {spec.name for spec in worktime.register_commands()} == {"worktime-import", "worktime-report",
                                                                    "worktime-payroll"}
    assert worktime.OPTIONAL == ("incidents",)
    assert all(spec.key.startswith("worktime.") for spec in worktime.register_settings())


def test_the_week_view_of_someone_outside_your_teams_is_refused(app, make_actor):
    import pytest

    from console.api import PermissionDenied

    engineer, other = make_actor("engineer"), make_actor("engineer")
    with pytest.raises(PermissionDenied):
        queries.week_view(app, engineer, other.user_id, date(2026, 11, 2))
    view = queries.week_view(app, engineer, engineer.user_id, date(2026, 11, 2))
    assert [d.day for d in view.days][0] == date(2026, 11, 2) and len(view.days) == 7
