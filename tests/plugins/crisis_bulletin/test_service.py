"""Crisis bulletin rules: problems, publishing to readers, acknowledgement, spike detection."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from console.api import DomainEvent, Group, NotFound, PermissionDenied, ValidationError, utcnow
from console.core import settings
from plugins.crisis_bulletin import service
from plugins.crisis_bulletin.api import open_problems
from plugins.crisis_bulletin.models import Acknowledgement, Bulletin, Problem
from plugins.incidents import service as incidents
from tests.plugins import unique


def acks(app, bulletin_id) -> dict[int, Acknowledgement]:
    with app.session() as session:
        return {a.user_id: a for a in session.scalars(select(Acknowledgement)
                                                      .where(Acknowledgement.bulletin_id == bulletin_id))}


def test_publish_to_a_group_and_acknowledge(app, admin, make_actor, reference, events):
    problem_id = service.create_problem(app, admin, title="存储固件缺陷 Storage firmware bug", urgency="high",
                                        owner_id=admin.user_id, workaround="Do not fail over at peak time.")
    bulletin_id = service.publish(app, admin, title="固件 7.2 紧急通告", body="请勿升级。Do not upgrade.",
                                  severity="critical", problem_id=problem_id, group_ids=[reference.group_id])
    assert events[-1].payload == {"bulletin_id": bulletin_id, "title": "固件 7.2 紧急通告", "severity": "critical",
                                  "readers": 1}
    rows = acks(app, bulletin_id)
    assert list(rows) == [admin.user_id] and rows[admin.user_id].acknowledged_at is None
    with app.session() as session:
        bulletin = session.get(Bulletin, bulletin_id)
        assert bulletin.ack_deadline - bulletin.published_at == timedelta(hours=24)
    first = service.acknowledge(app, admin, bulletin_id)
    assert service.acknowledge(app, admin, bulletin_id) == first
    row = acks(app, bulletin_id)[admin.user_id]
    assert row.read_at == row.acknowledged_at == first
    assert [e.name for e in events].count("crisis_bulletin.bulletin_acknowledged") == 1
    with pytest.raises(ValidationError, match="not sent to you"):
        service.acknowledge(app, make_actor("engineer"), bulletin_id)
    with pytest.raises(NotFound):
        service.acknowledge(app, admin, -1)


def test_without_groups_every_active_user_reads_it(app, admin, make_actor):
    engineer = make_actor("engineer")
    settings.set_value(app, admin, "crisis_bulletin.ack_hours", 4)
    try:
        bulletin_id = service.publish(app, admin, title="热线维护", body="周六 22:00 维护。", severity="minor")
    finally:
        settings.set_value(app, admin, "crisis_bulletin.ack_hours", 24)
    assert {admin.user_id, engineer.user_id} <= set(acks(app, bulletin_id))
    with app.session() as session:
        bulletin = session.get(Bulletin, bulletin_id)
        assert bulletin.ack_deadline - bulletin.published_at == timedelta(hours=4)
    service.acknowledge(app, engineer, bulletin_id)
    assert acks(app, bulletin_id)[engineer.user_id].acknowledged_at is not None


@pytest.mark.parametrize(("fields", "field"), [
    ({"title": " "}, "title"),
    ({"body": ""}, "body"),
    ({"severity": "apocalyptic"}, "severity"),
    ({"problem_id": -1}, "problem_id"),
    ({"group_ids": [-1]}, "group_ids"),
])
def test_bad_bulletins_are_refused(app, admin, fields, field):
    with pytest.raises(ValidationError) as raised:
        service.publish(app, admin, **{"title": "Bulletin", "body": "Text", **fields})
    assert raised.value.field == field and str(raised.value)


def test_a_bulletin_needs_readers(app, admin):
    with app.session() as session:
        group = Group(name=unique("Empty "))
        session.add(group)
        session.flush()
        group_id = group.id
    with pytest.raises(ValidationError, match="Nobody would receive"):
        service.publish(app, admin, title="Bulletin", body="Text", group_ids=[group_id])


@pytest.mark.parametrize(("fields", "field"), [
    ({"title": ""}, "title"), ({"urgency": "whenever"}, "urgency"), ({"owner_id": -1}, "owner_id"),
])
def test_bad_problems_are_refused(app, admin, fields, field):
    with pytest.raises(ValidationError) as raised:
        service.create_problem(app, admin, **{"title": "Problem", **fields})
    assert raised.value.field == field


def test_engineers_may_not_publish(app, make_actor):
    with pytest.raises(PermissionDenied, match="crisis_bulletin.edit"):
        service.publish(app, make_actor("read_only"), title="x", body="y")
    with pytest.raises(PermissionDenied):
        service.create_problem(app, make_actor("engineer"), title="x")


def incident_created(number: str, category: str, opened: datetime) -> DomainEvent:
    return DomainEvent("incidents.incident_created", {"number": number, "category": category,
                                                       "opened_at": opened.isoformat()})


def test_a_spike_in_one_category_proposes_one_problem(app, events):
    category = unique("打印机 ")
    start = utcnow() - timedelta(minutes=50)
    for n in range(4):
        app.publish(incident_created(unique("INC-"), category, start + timedelta(minutes=n)))
    app.publish(incident_created(unique("INC-"), unique("other "), start))
    with app.session() as session:
        assert open_problems(session, category) == []
    again = unique("INC-")
    app.publish(incident_created(again, category, start + timedelta(minutes=40)))
    app.publish(incident_created(again, category, start + timedelta(minutes=40)))  # a repeat counts once
    with app.session() as session:
        ((problem_id, title, status),) = open_problems(session, category)
        assert session.get(Problem, problem_id).urgency == "high"
    assert (title, status) == (f"{category}: 5 起事件 / incidents in 60 min", "identified")
    spikes = [e.payload for e in events if e.name == "crisis_bulletin.spike_detected"]
    assert spikes == [{"problem_id": problem_id, "category": category, "incidents": 5}]
    app.publish(incident_created(unique("INC-"), category, start + timedelta(minutes=45)))
    with app.session() as session:
        assert len(open_problems(session, category)) == 1


def test_incidents_outside_the_window_are_no_spike(app):
    category = unique("网络 ")
    start = utcnow() - timedelta(days=1)
    for n in range(6):
        app.publish(incident_created(unique("INC-"), category, start + timedelta(minutes=30 * n)))
    with app.session() as session:
        assert open_problems(session, category) == []


def test_real_incidents_feed_spike_detection(app, admin, reference):
    category = unique("存储 ")
    settings.set_value(app, admin, "crisis_bulletin.spike_count", 2)
    try:
        for _ in range(2):
            incidents.create_incident(app, admin, title="LUN 响应缓慢", customer_id=reference.customer_id,
                                      category=category)
    finally:
        settings.set_value(app, admin, "crisis_bulletin.spike_count", 5)
    with app.session() as session:
        assert len(open_problems(session, category)) == 1
