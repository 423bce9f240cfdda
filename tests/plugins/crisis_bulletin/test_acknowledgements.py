"""Per-reader acknowledgement: read and acknowledged with times, reminders before and after the deadline,
escalation to the reader's lead, the job's activation, expiry and late delivery, and the report."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from console.api import GroupMember, ValidationError, utcnow
from plugins.crisis_bulletin import acknowledgements, bulletins
from plugins.crisis_bulletin.acknowledgements import run_acknowledgement_job
from plugins.crisis_bulletin.models import Bulletin
from plugins.crisis_bulletin.reports import report_rows
from tests.plugins.crisis_bulletin.conftest import acks, notes


def test_read_then_acknowledge_records_each_time_once(app, team, publish, events):
    bulletin_id = publish(audience=[("group", str(team.group_id))])
    row = acks(app, bulletin_id)[team.first.user_id]
    assert row.delivered_at is not None and row.read_at is None and row.acknowledged_at is None
    assert acknowledgements.mark_read(app, team.first, bulletin_id) is True
    assert acknowledgements.mark_read(app, team.first, bulletin_id) is False
    read = acks(app, bulletin_id)[team.first.user_id]
    assert read.read_revision == 1 and read.acknowledged_at is None
    first = acknowledgements.acknowledge(app, team.first, bulletin_id)
    assert acknowledgements.acknowledge(app, team.first, bulletin_id) == first
    done = acks(app, bulletin_id)[team.first.user_id]
    assert done.read_at == read.read_at <= done.acknowledged_at == first and done.acknowledged_revision == 1
    assert [e.payload["user_id"] for e in events if e.name == "crisis_bulletin.bulletin_acknowledged"] == [
        team.first.user_id]
    with pytest.raises(ValidationError, match="not sent to you"):
        acknowledgements.acknowledge(app, team.partner, bulletin_id)


def test_reminders_before_and_after_the_deadline_then_escalation_to_the_lead(app, team, publish, setting):
    setting("crisis_bulletin.remind_before_hours", 2)
    setting("crisis_bulletin.escalate_after_hours", 3)
    deadline = utcnow() + timedelta(hours=8)
    bulletin_id = publish(audience=[("group", str(team.group_id))], ack_deadline=deadline)
    acknowledgements.acknowledge(app, team.lead, bulletin_id)
    acknowledgements.acknowledge(app, team.second, bulletin_id)
    since = {m.user_id: max((n.id for n in notes(app, m.user_id)), default=0) for m in team.members}

    run_acknowledgement_job(app, now=deadline - timedelta(hours=3))  # too early for anything
    assert all(r.reminders == 0 for r in acks(app, bulletin_id).values())
    run_acknowledgement_job(app, now=deadline - timedelta(hours=1))
    run_acknowledgement_job(app, now=deadline - timedelta(minutes=30))  # no second "due" reminder
    rows = acks(app, bulletin_id)
    assert (rows[team.first.user_id].reminders, rows[team.loner.user_id].reminders) == (1, 1)
    assert rows[team.second.user_id].reminders == 0  # acknowledged: left alone
    assert [n.title for n in notes(app, team.first.user_id, since[team.first.user_id])][-1].startswith("提醒")

    run_acknowledgement_job(app, now=deadline + timedelta(minutes=5))
    run_acknowledgement_job(app, now=deadline + timedelta(hours=1))
    assert acks(app, bulletin_id)[team.loner.user_id].reminders == 2
    overdue = notes(app, team.loner.user_id, since[team.loner.user_id])
    assert [n.title.split(":")[0] for n in overdue[-2:]] == ["Reminder", "Overdue"]

    lead_before = max(n.id for n in notes(app, team.lead.user_id))
    run_acknowledgement_job(app, now=deadline + timedelta(hours=3, minutes=1))
    run_acknowledgement_job(app, now=deadline + timedelta(hours=4))  # escalated once only
    rows = acks(app, bulletin_id)
    assert rows[team.first.user_id].escalated_to == team.lead.user_id  # the reader's own lead
    assert rows[team.loner.user_id].escalated_to == team.lead.user_id  # no lead: the group's lead
    (escalation,) = notes(app, team.lead.user_id, lead_before)
    assert escalation.title.startswith("2 of your team have not acknowledged")
    assert team.first.display_name in escalation.body and team.loner.display_name in escalation.body
    assert escalation.link == f"crisis_bulletin.bulletins#{bulletin_id}"


def test_readers_who_left_are_not_chased(app, admin, team, publish, setting):
    from console.core import auth

    setting("crisis_bulletin.escalate_after_hours", 0)
    deadline = utcnow() + timedelta(hours=1)
    bulletin_id = publish(audience=[("group", str(team.group_id))], ack_deadline=deadline)
    auth.set_active(app, admin, team.loner.username, False)
    run_acknowledgement_job(app, now=deadline + timedelta(minutes=1))
    rows = acks(app, bulletin_id)
    assert rows[team.loner.user_id].escalated_at is None and rows[team.first.user_id].escalated_at is not None


def test_without_any_lead_the_publisher_hears_of_it(app, admin, make_actor, publish, setting):
    setting("crisis_bulletin.escalate_after_hours", 0)
    alone = make_actor("back_office")
    deadline = utcnow() + timedelta(hours=1)
    bulletin_id = publish(audience=[("role", "back_office")], ack_deadline=deadline)
    run_acknowledgement_job(app, now=deadline + timedelta(minutes=1))
    assert acks(app, bulletin_id)[alone.user_id].escalated_to == admin.user_id


def test_asking_again_restarts_the_chase(app, admin, team, publish, setting):
    setting("crisis_bulletin.escalate_after_hours", 0)
    deadline = utcnow() + timedelta(hours=1)
    bulletin_id = publish(audience=[("group", str(team.group_id))], ack_deadline=deadline)
    acknowledgements.acknowledge(app, team.first, bulletin_id)
    run_acknowledgement_job(app, now=deadline + timedelta(minutes=1))
    assert acks(app, bulletin_id)[team.loner.user_id].escalated_at is not None
    bulletin = acks(app, bulletin_id)
    with app.session() as session:
        current = session.get(Bulletin, bulletin_id)
    bulletins.update_bulletin(app, admin, bulletin_id, note="新版本 New version", title=current.title,
                              body="v2", severity=current.severity, audience=[("group", str(team.group_id))],
                              valid_until=None, ack_deadline=utcnow() + timedelta(hours=2), ask_ack_again=True)
    rows = acks(app, bulletin_id)
    assert all(r.escalated_at is None and r.reminders == 0 for r in rows.values())
    assert bulletin[team.first.user_id].acknowledged_revision == 1 and rows[team.first.user_id].acknowledged_at
    waiting = select(Bulletin.id).where(acknowledgements.waiting_clause(team.first.user_id), Bulletin.id == bulletin_id)
    with app.session() as session:
        assert session.scalar(waiting) == bulletin_id
    acknowledgements.acknowledge(app, team.first, bulletin_id)
    with app.session() as session:
        assert session.scalar(waiting) is None


def test_the_job_activates_scheduled_bulletins_expires_old_ones_and_reaches_newcomers(app, admin, team, publish,
                                                                                     make_actor):
    start = utcnow() + timedelta(hours=1)
    scheduled = publish(audience=[("group", str(team.group_id))], valid_from=start,
                        valid_until=start + timedelta(days=1))
    assert acks(app, scheduled) == {}
    tally = run_acknowledgement_job(app, now=start + timedelta(minutes=1))
    assert tally.activated >= 1 and "took effect" in str(tally)
    with app.session() as session:
        assert session.get(Bulletin, scheduled).status == "active"
    assert set(acks(app, scheduled)) == {m.user_id for m in team.members}
    newcomer = make_actor("engineer")
    with app.session() as session:
        session.add(GroupMember(group_id=team.group_id, user_id=newcomer.user_id))
    run_acknowledgement_job(app, now=start + timedelta(minutes=3))
    assert newcomer.user_id in acks(app, scheduled)
    run_acknowledgement_job(app, now=start + timedelta(days=2))
    with app.session() as session:
        assert session.get(Bulletin, scheduled).status == "expired"


def test_the_report_lists_who_is_missing_first(app, team, publish):
    from zoneinfo import ZoneInfo

    bulletin_id = publish(audience=[("group", str(team.group_id))])
    acknowledgements.acknowledge(app, team.second, bulletin_id)
    acknowledgements.mark_read(app, team.first, bulletin_id)
    with app.session() as session:
        bulletin = session.get(Bulletin, bulletin_id)
        rows = report_rows(session, bulletin, ZoneInfo("Asia/Shanghai"))
        counts = acknowledgements.progress(session, bulletin)
    states = {row[0]: row[3] for row in rows}
    assert states[team.second.display_name] == "acknowledged" and states[team.first.display_name] == "read"
    assert rows[-1][0] == team.second.display_name and rows[-1][6].tzinfo is None
    assert {row[2] for row in rows if row[0] in (team.first.display_name, team.second.display_name)} == {
        team.lead.display_name}
    assert (counts.readers, counts.read, counts.acknowledged, counts.missing, counts.overdue) == (4, 2, 1, 3, 0)


def test_reading_needs_the_read_permission_and_the_report_is_for_publishers(app, team, publish):
    from console.api import Actor, PermissionDenied

    bulletin_id = publish(audience=[("group", str(team.group_id))])
    revoked = Actor(team.first.user_id, team.first.username, team.first.display_name, frozenset(), frozenset())
    with pytest.raises(PermissionDenied, match="crisis_bulletin.read"):
        acknowledgements.acknowledge(app, revoked, bulletin_id)
    with pytest.raises(PermissionDenied, match="crisis_bulletin.read"):
        acknowledgements.mark_read(app, revoked, bulletin_id)
    with pytest.raises(PermissionDenied, match="crisis_bulletin.publish"):
        acknowledgements.report_for(app, team.first, bulletin_id)
    bulletin, counts = acknowledgements.report_for(app, team.lead, bulletin_id)
    assert bulletin.id == bulletin_id and counts.readers == 4
