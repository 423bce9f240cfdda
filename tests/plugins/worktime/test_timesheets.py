"""Timesheets: submit → review queue → approve or reject with a comment → locked; adjustments after
locking need approval again; every decision audited and notified; reminders for missing and overdue ones."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from console.api import Actor, Context, PermissionDenied, StaleEditError, User, ValidationError, utcnow
from console.core.models import AuditEntry, Notification  # tests read core's log and messages
from plugins.worktime.models import (
    APPROVED,
    REJECTED,
    SUBMITTED,
    Adjustment,
    Reminder,
    TimeEntry,
    Timesheet,
)
from plugins.worktime.service import adjustments, catalogue, entries, reminders, setup, timesheets
from tests.plugins.worktime.conftest import at


def audit_actions(app, entity, entity_id):
    with app.session() as session:
        return list(session.scalars(select(AuditEntry.action).where(
            AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id)).order_by(AuditEntry.id)))


def notifications_of(app, user_id):
    with app.session() as session:
        return list(session.scalars(select(Notification.title).where(Notification.user_id == user_id)
                                    .order_by(Notification.id)))


def book(app, actor, day: date, hours=(9, 12)):
    return entries.add_entry(app, actor, starts_at=at(day.year, day.month, day.day, hours[0]),
                             ends_at=at(day.year, day.month, day.day, hours[1]), activity_kind="meeting")


def test_submit_approve_locks_and_is_audited(app, team):
    crew = team(1)
    member = crew.members[0]
    book(app, member, date(2026, 4, 7))
    sheet_id = timesheets.submit(app, member, day=date(2026, 4, 9))
    with app.session() as session:
        sheet = session.get(Timesheet, sheet_id)
        assert (sheet.status, sheet.starts_on, sheet.ends_on) == (SUBMITTED, date(2026, 4, 6), date(2026, 4, 12))
    with pytest.raises(ValidationError, match="already submitted"):
        timesheets.submit(app, member, day=date(2026, 4, 6))
    timesheets.approve(app, crew.lead, sheet_id, expected_version=1, comment="辛苦了")
    with app.session() as session:
        sheet = session.get(Timesheet, sheet_id)
        assert (sheet.status, sheet.decided_by_id, sheet.comment) == (APPROVED, crew.lead.user_id, "辛苦了")
    assert audit_actions(app, "timesheet", sheet_id) == ["timesheet.submit", "timesheet.approve"]
    assert notifications_of(app, member.user_id)[-1] == "Timesheet 2026-04-06 – 04-12 approved"


def test_reject_needs_a_comment_opens_the_period_and_resubmits(app, team):
    crew = team(1)
    member = crew.members[0]
    with app.session() as session:
        session.get(User, member.user_id).locale = "zh_CN"
    book(app, member, date(2026, 4, 14))
    sheet_id = timesheets.submit(app, member, day=date(2026, 4, 14))
    with pytest.raises(ValidationError, match="needs a comment") as raised:
        timesheets.reject(app, crew.lead, sheet_id, expected_version=1, comment="  ")
    assert raised.value.field == "comment"
    timesheets.reject(app, crew.lead, sheet_id, expected_version=1, comment="请补充周三下午的工作内容")
    assert notifications_of(app, member.user_id)[-1] == "工时单 2026-04-13 – 04-19 被退回"
    book(app, member, date(2026, 4, 15), (14, 17))  # open again
    assert timesheets.submit(app, member, day=date(2026, 4, 15)) == sheet_id
    with app.session() as session:
        assert session.get(Timesheet, sheet_id).status == SUBMITTED
    assert audit_actions(app, "timesheet", sheet_id) == ["timesheet.submit", "timesheet.reject", "timesheet.submit"]


def test_withdraw_before_the_decision(app, team):
    crew = team(1)
    member = crew.members[0]
    book(app, member, date(2026, 4, 21))
    sheet_id = timesheets.submit(app, member, day=date(2026, 4, 21))
    timesheets.withdraw(app, member, sheet_id, expected_version=1)
    book(app, member, date(2026, 4, 22))
    with pytest.raises(ValidationError, match="only a submitted one"):
        timesheets.withdraw(app, member, sheet_id, expected_version=2)


def test_who_may_decide(app, team, make_actor):
    crew, other = team(1), team(1)
    member = crew.members[0]
    book(app, member, date(2026, 4, 28))
    sheet_id = timesheets.submit(app, member, day=date(2026, 4, 28))
    with pytest.raises(PermissionDenied, match="reviews only their own teams"):
        timesheets.approve(app, other.lead, sheet_id, expected_version=1)
    with pytest.raises(PermissionDenied, match="worktime.review"):
        timesheets.approve(app, crew.members[0], sheet_id, expected_version=1)
    with pytest.raises(PermissionDenied, match="worktime.review"):
        timesheets.approve(app, make_actor("back_office"), sheet_id, expected_version=1)
    book(app, crew.lead, date(2026, 4, 28))
    own = timesheets.submit(app, crew.lead, day=date(2026, 4, 28))
    with pytest.raises(PermissionDenied, match="Nobody reviews their own time"):
        timesheets.approve(app, crew.lead, own, expected_version=1)
    reviewer = make_actor("timesheet_reviewer")
    with pytest.raises(PermissionDenied):
        timesheets.approve(app, reviewer, sheet_id, expected_version=1)
    catalogue.set_team_reviewer(app, make_actor("admin"), group_id=crew.group_id, user_id=reviewer.user_id)
    with pytest.raises(StaleEditError):
        timesheets.approve(app, reviewer, sheet_id, expected_version=0)
    timesheets.approve(app, reviewer, sheet_id, expected_version=1)
    timesheets.approve(app, reviewer, own, expected_version=1)  # the lead's own, by the team's reviewer


def test_nothing_to_submit_and_not_started(app, make_actor):
    engineer = make_actor("engineer")
    with pytest.raises(ValidationError, match="no time or leave recorded"):
        timesheets.submit(app, engineer, day=date(2026, 5, 5))
    with pytest.raises(ValidationError, match="has not started yet"):
        timesheets.submit(app, engineer, day=date.today() + timedelta(days=30))


def test_adjustment_after_locking_needs_approval_again(app, team):
    crew = team(1)
    member = crew.members[0]
    entry_id = book(app, member, date(2026, 5, 12))
    sheet_id = timesheets.submit(app, member, day=date(2026, 5, 12))
    with pytest.raises(ValidationError, match="not in an approved timesheet"):
        adjustments.request_adjustment(app, member, action="remove", entry_id=entry_id, reason="记错了")
    timesheets.approve(app, crew.lead, sheet_id, expected_version=1)
    change = adjustments.request_adjustment(app, member, action="change", entry_id=entry_id, reason="实际是下午",
                                            starts_at=at(2026, 5, 12, 18), ends_at=at(2026, 5, 12, 21),
                                            activity_kind="meeting")
    with pytest.raises(ValidationError, match="already has an adjustment waiting"):
        adjustments.request_adjustment(app, member, action="remove", entry_id=entry_id, reason="x")
    with app.session() as session:  # nothing changes before approval
        assert session.get(TimeEntry, entry_id).starts_at == at(2026, 5, 12, 9)
    with pytest.raises(PermissionDenied, match="worktime.review"):
        adjustments.decide_adjustment(app, member, change, expected_version=1, approve=True)
    with pytest.raises(ValidationError, match="needs a comment"):
        adjustments.decide_adjustment(app, crew.lead, change, expected_version=1, approve=False)
    adjustments.decide_adjustment(app, crew.lead, change, expected_version=1, approve=True, comment="同意")
    with app.session() as session:
        entry = session.get(TimeEntry, entry_id)
        assert (entry.starts_at, entry.minutes) == (at(2026, 5, 12, 18), 180)
        assert session.get(Timesheet, sheet_id).status == APPROVED
        assert session.get(Adjustment, change).status == APPROVED
    added = adjustments.request_adjustment(app, member, action="add", reason="漏记周三培训",
                                           starts_at=at(2026, 5, 13, 9), ends_at=at(2026, 5, 13, 11),
                                           activity_kind="training")
    adjustments.decide_adjustment(app, crew.lead, added, expected_version=1, approve=False, comment="请附培训通知")
    with app.session() as session:
        assert session.get(Adjustment, added).status == REJECTED
        assert session.scalar(select(func.count()).select_from(TimeEntry).where(
            TimeEntry.user_id == member.user_id, TimeEntry.activity_kind == "training")) == 0
    removal = adjustments.request_adjustment(app, member, action="remove", entry_id=entry_id, reason="重复")
    adjustments.decide_adjustment(app, crew.lead, removal, expected_version=1, approve=True)
    with app.session() as session:
        assert session.get(TimeEntry, entry_id) is None
        assert session.get(Adjustment, removal).status == APPROVED
    assert audit_actions(app, "adjustment", change) == ["adjustment.request", "adjustment.approve"]
    assert audit_actions(app, "adjustment", added) == ["adjustment.request", "adjustment.reject"]


def test_reminders_for_missing_and_overdue_timesheets_are_sent_once(app, team, admin, monkeypatch):
    crew = team(2)
    late, waiting = crew.members
    schedule = setup.save_schedule(app, admin, name=f"Reminder schedule {late.user_id}",
                                   week={"mon": [["09:00", "18:00"]]})
    today = utcnow().date()
    for person in (late, waiting):
        setup.assign_schedule(app, admin, user_id=person.user_id, schedule_id=schedule,
                              valid_from=today - timedelta(days=60))
    last_week = today - timedelta(days=today.weekday() + 7)
    book(app, waiting, last_week)
    sheet_id = timesheets.submit(app, waiting, day=last_week)
    with app.session() as session:  # submitted five days ago: overdue for review
        session.get(Timesheet, sheet_id).submitted_at = utcnow() - timedelta(days=5)
    context = Context(app, Actor.system())
    summary = reminders.reminders_job(context)
    assert "reminders of missing timesheets" in summary
    titles = notifications_of(app, late.user_id)
    assert titles and all("not submitted" in t for t in titles)
    assert len(titles) == reminders.LOOKBACK_PERIODS  # the last four weeks, once each
    assert notifications_of(app, crew.lead.user_id)[-1] == "1 timesheets wait for your review"
    reminders.reminders_job(context)
    assert len(notifications_of(app, late.user_id)) == len(titles)
    assert len(notifications_of(app, crew.lead.user_id)) == 1
    with app.session() as session:
        assert session.scalar(select(func.count()).select_from(Reminder).where(
            Reminder.user_id == waiting.user_id, Reminder.kind == "missing",
            Reminder.period_start == last_week)) == 0  # submitted: not missing
