"""Stored clocks: built with every change, recomputed after an SLA edit, checked by the sweep; escalation
ladders: repeats, acknowledgement, actions, and one firing however many runners race."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from console.api import Actor, Context, PermissionDenied, ValidationError
from console.core.models import Notification
from plugins.incidents import records
from plugins.incidents.models import Clock, Escalation, FieldChange, Incident, SlaDefinition
from plugins.incidents.sla import acknowledge, actions, definitions, engine, sweep
from tests.plugins.incidents.conftest import clock, deactivate, define, in_threads, open_in


def incident_id(app, number) -> int:
    with app.session() as session:
        return session.scalar(select(Incident.id).where(Incident.number == number))


def rebuild_at(app, number, when) -> engine.Outcome:
    setup = engine.prepare(app)
    with app.unit_of_work(Actor.system()) as work:
        return engine.rebuild(work, setup, [incident_id(app, number)], when)


def firings(app, number) -> list[tuple[int, int, str]]:
    with app.session() as session:
        return [tuple(r) for r in session.execute(
            select(Escalation.level, Escalation.repetition, Escalation.action)
            .where(Escalation.incident_id == incident_id(app, number)).order_by(Escalation.id))]


def notifications(app, user_id) -> list[str]:
    with app.session() as session:
        return list(session.scalars(select(Notification.title).where(Notification.user_id == user_id)
                                    .order_by(Notification.id)))


def test_clocks_are_stored_with_every_change(app, world, now):
    resolve = define(app, world, p2_minutes=120)
    try:
        number = open_in(app, world, impact="high", urgency="medium", assignee_id=world.admin.user_id)
        stored = clock(app, number, resolve)
        assert (stored.state, stored.target_minutes, stored.metric) == ("running", 120, "resolve")
        assert stored.due_at is not None and stored.next_check_at is not None
        with app.session() as session:
            incident = session.scalar(select(Incident).where(Incident.number == number))
            assert incident.due_at is not None and incident.clocks_at is not None and not incident.sla_breached
        records.change_status(app, world.admin, number, "in_progress")
        records.change_status(app, world.admin, number, "resolved")
        assert clock(app, number, resolve).state == "met" and clock(app, number, resolve).next_check_at is None
    finally:
        deactivate(app, world.admin, resolve)


def test_editing_a_definition_recomputes_the_open_incidents_it_covers(app, world, now):
    resolve = define(app, world, p3_minutes=600)
    try:
        still_open = open_in(app, world, impact="medium", urgency="medium", opened_at=now - timedelta(hours=5))
        closed = open_in(app, world, impact="medium", urgency="medium", assignee_id=world.admin.user_id,
                         opened_at=now - timedelta(hours=5))
        for status in ("in_progress", "resolved", "closed"):
            records.change_status(app, world.admin, closed, status)
        assert clock(app, still_open, resolve).state == "running"
        with app.session() as session:
            version = session.get(SlaDefinition, resolve).version
        definitions.save_definition(app, world.admin, definition_id=resolve, expected_version=version, p3_minutes=240)
        assert clock(app, still_open, resolve).state == "breached"
        assert clock(app, still_open, resolve).target_minutes == 240
        assert clock(app, closed, resolve).target_minutes == 600  # measured by the target of its time
        with pytest.raises(Exception, match="changed by someone else"):
            definitions.save_definition(app, world.admin, definition_id=resolve, expected_version=version,
                                        p3_minutes=300)
    finally:
        deactivate(app, world.admin, resolve)


def test_a_level_specific_definition_outranks_the_default(app, world):
    specific = define(app, world, metric="response", stop_event="in_progress", p3_minutes=5)
    try:
        number = open_in(app, world, impact="medium", urgency="medium")
        with app.session() as session:
            used = set(session.scalars(select(Clock.definition_id).where(Clock.incident_id == incident_id(app, number),
                                                                         Clock.metric == "response")))
            default_response = session.scalar(select(SlaDefinition.id).where(
                SlaDefinition.metric == "response", SlaDefinition.kind == "sla", SlaDefinition.service_level.is_(None),
                SlaDefinition.active.is_(True)))
        assert specific in used and default_response not in used
    finally:
        deactivate(app, world.admin, specific)


@pytest.mark.parametrize(("values", "field"), [
    ({"metric": "speed"}, "metric"),
    ({"stop_event": "created"}, "stop_event"),
    ({"stop_event": "done"}, "stop_event"),
    ({"pause_reasons": "sleeping"}, "pause_reasons"),
    ({"calendar_name": "no such calendar"}, "calendar_name"),
    ({"p1_minutes": None, "p2_minutes": None, "p3_minutes": None, "p4_minutes": None}, "p1_minutes"),
    ({"p1_minutes": -5}, "p1_minutes"),
    ({"distance_rules": "50:4h"}, "distance_rules"),
    ({"work_order_kind": "onsite_visit"}, "work_order_kind"),
])
def test_definitions_are_validated(app, world, values, field):
    with pytest.raises(ValidationError) as raised:
        define(app, world, **values)
    assert raised.value.field == field


def test_only_team_leads_edit_slas(app, world):
    with pytest.raises(PermissionDenied, match="incidents.sla"):
        definitions.save_definition(app, world.engineer, name="x", metric="resolve", stop_event="resolved",
                                    p1_minutes=60)


def ladder_definition(app, world, **extra):
    return define(app, world, p2_minutes=60, levels=[
        {"trigger": "share", "share_percent": 50, "action": "notify", "notify_target": "assignee",
         "repeat_minutes": 10},
        {"trigger": "share", "share_percent": 100, "action": "raise_priority"},
        {"trigger": "offset", "offset_minutes": 5, "action": "notify", "notify_target": "group_lead"}], **extra)


def test_escalation_repeats_until_acknowledged(app, world, now):
    resolve = ladder_definition(app, world)
    try:
        number = open_in(app, world, impact="high", urgency="medium", assignee_id=world.engineer.user_id,
                         group_id=world.group_id, opened_at=now - timedelta(minutes=40))
        assert firings(app, number) == [(1, 1, "notify"), (3, 0, "notify")]  # 40 min: 50 % +1 repeat, offset 5 min
        assert any(number in t and "50%" in t for t in notifications(app, world.engineer.user_id)), notifications(app, world.engineer.user_id)
        assert any(number in t for t in notifications(app, world.lead.user_id))
        rebuild_at(app, number, now + timedelta(minutes=4))  # 44 min: the same repetition, nothing new
        assert len(firings(app, number)) == 2
        assert clock(app, number, resolve).next_check_at == pytest.approx(now + timedelta(minutes=10),
                                                                          abs=timedelta(seconds=2))
        rebuild_at(app, number, now + timedelta(minutes=11))  # 51 min: the second repeat
        assert firings(app, number)[-1] == (1, 2, "notify")
        with app.session() as session:
            first = session.scalar(select(Escalation.id).where(Escalation.incident_id == incident_id(app, number),
                                                               Escalation.level == 1).order_by(Escalation.id))
        assert acknowledge.acknowledge(app, world.engineer, first) == 2
        rebuild_at(app, number, now + timedelta(minutes=19))  # acknowledged: no third repeat
        assert [f for f in firings(app, number) if f[0] == 1] == [(1, 1, "notify"), (1, 2, "notify")]
        with pytest.raises(ValidationError, match="acknowledged"):
            acknowledge.acknowledge(app, world.engineer, first)
        rebuild_at(app, number, now + timedelta(minutes=21))  # 61 min: 100 % raises the priority
        with app.session() as session:
            incident = session.scalar(select(Incident).where(Incident.number == number))
            assert incident.priority == "P1"
            assert session.scalar(select(FieldChange.actor).where(FieldChange.incident_id == incident.id,
                                                                  FieldChange.field == "priority")) == "escalation"
    finally:
        deactivate(app, world.admin, resolve)


def test_a_paused_clock_does_not_escalate(app, world, now):
    resolve = ladder_definition(app, world, pause_reasons="waiting_customer")
    try:
        number = open_in(app, world, impact="high", urgency="medium", assignee_id=world.engineer.user_id,
                         opened_at=now - timedelta(minutes=20))
        records.change_status(app, world.engineer, number, "in_progress")
        records.change_status(app, world.engineer, number, "pending", reason="waiting_customer")
        rebuild_at(app, number, now + timedelta(hours=3))
        assert [f[0] for f in firings(app, number)] == [3]  # only the 5-minute offset, reached before the pause
        assert clock(app, number, resolve).state == "paused" and clock(app, number, resolve).next_check_at is None
    finally:
        deactivate(app, world.admin, resolve)


def test_reassign_action(app, world, now):
    from console.api import Group

    with app.session() as session:
        target_group = Group(name=f"二线 L2 {world.level}")
        session.add(target_group)
        session.flush()
        group_id = target_group.id
    resolve = define(app, world, p2_minutes=60, levels=[
        {"trigger": "share", "share_percent": 75, "action": "reassign", "group_id": group_id}])
    try:
        number = open_in(app, world, impact="high", urgency="medium", assignee_id=world.engineer.user_id,
                         group_id=world.group_id, opened_at=now - timedelta(minutes=50))
        with app.session() as session:
            incident = session.scalar(select(Incident).where(Incident.number == number))
            assert (incident.group_id, incident.assignee_id) == (group_id, None)
    finally:
        deactivate(app, world.admin, resolve)


def test_two_runners_record_one_firing(app, world, now):
    resolve = ladder_definition(app, world)
    try:
        number = open_in(app, world, impact="high", urgency="medium", assignee_id=world.engineer.user_id,
                         opened_at=now - timedelta(minutes=25))
        before = len(notifications(app, world.engineer.user_id))
        barrier = threading.Barrier(2)

        def runner():
            barrier.wait(timeout=10)
            rebuild_at(app, number, now + timedelta(minutes=6))  # 31 min: level 1 is due for both

        assert not in_threads(2, runner)
        assert [f for f in firings(app, number) if f[0] == 1] == [(1, 0, "notify")]
        assert len(notifications(app, world.engineer.user_id)) == before + 1
    finally:
        deactivate(app, world.admin, resolve)


def test_a_racing_duplicate_insert_is_ignored(app, world, now):
    """Without the incident lock: two transactions insert the same firing; the second does nothing."""
    number = open_in(app, world)
    with app.session() as session:
        clock_id = session.scalar(select(Clock.id).where(Clock.incident_id == incident_id(app, number)).limit(1))
    values = {"incident_id": incident_id(app, number), "clock_id": clock_id, "level": 9, "repetition": 0,
              "fired_at": now, "action": "notify", "summary": ""}
    inserted, first_in = [], threading.Event()

    def first():
        with app.session() as session:
            inserted.append(("first", bool(actions.insert_ignoring_duplicates(
                session, Escalation.__table__, [values], actions.FIRING_KEY))))
            first_in.set()
            threading.Event().wait(0.5)  # hold the row until the second runner is waiting on it

    def second():
        first_in.wait(timeout=10)
        with app.session() as session:
            inserted.append(("second", bool(actions.insert_ignoring_duplicates(
                session, Escalation.__table__, [values], actions.FIRING_KEY))))

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(inserted) == [("first", True), ("second", False)]
    with app.session() as session:
        assert session.scalar(select(func.count()).select_from(Escalation).where(
            Escalation.clock_id == clock_id, Escalation.level == 9)) == 1


def test_the_sweep_checks_due_clocks_and_builds_missing_ones(app, world, now):
    resolve = define(app, world, p3_minutes=30)
    try:
        number = open_in(app, world, impact="medium", urgency="medium", opened_at=now - timedelta(minutes=29))
        with app.session() as session:
            session.execute(Incident.__table__.update().where(Incident.number == number).values(clocks_at=None))
        assert definitions.pending_count(app) >= 1
        outcome = sweep.check(app, now + timedelta(minutes=2))
        assert outcome.incidents >= 1
        summary = sweep.sweep(Context(app, Actor.system()))
        assert "incidents checked" in summary and "rebuilt" in summary
        assert clock(app, number, resolve).state == "breached"
        with app.session() as session:
            assert session.scalar(select(Incident.sla_breached).where(Incident.number == number))
    finally:
        deactivate(app, world.admin, resolve)


def test_explain_replays_fresh_without_writing(app, world, now):
    number = open_in(app, world, assignee_id=world.admin.user_id)
    replays = engine.explain(app, number, now + timedelta(hours=1))
    assert replays and all(subject == "" for subject, _r in replays)
    assert {r.target.metric for _s, r in replays} >= {"response", "resolve"}

