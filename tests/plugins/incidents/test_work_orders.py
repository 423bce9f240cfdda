"""Work orders: numbering under the incident's lock, dispatch as an event, the partner's steps moving it
along, milestones that stop onsite clocks, and their own clocks."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from console.api import DomainEvent, PermissionDenied, ValidationError
from plugins.incidents import api, records, work_orders
from plugins.incidents.models import Clock, Incident, Milestone
from tests.plugins.incidents.conftest import clock, deactivate, define, in_threads, open_in


def milestones(app, number):
    with app.session() as session:
        return list(session.scalars(select(Milestone.name).join(Incident, Incident.id == Milestone.incident_id)
                                    .where(Incident.number == number).order_by(Milestone.id)))


def test_numbers_follow_the_incident_even_under_concurrency(app, world):
    number = open_in(app, world, assignee_id=world.admin.user_id)
    made = []
    assert not in_threads(4, lambda: made.append(
        work_orders.create_work_order(app, world.admin, number, kind="group_support", title="二线协助")))
    assert sorted(made) == [f"{number}-W0{n}" for n in range(1, 5)]


def test_partner_dispatch_publishes_the_event(app, world, events):
    number = open_in(app, world, assignee_id=world.admin.user_id)
    order = work_orders.dispatch_work_order(app, world.admin, number, "SZ-HT", note="现场更换硬盘")
    dispatched = [e.payload for e in events if e.name == "incidents.work_order_dispatched"][-1]
    assert dispatched["number"] == number and dispatched["work_order"] == order == f"{number}-W01"
    assert dispatched["partner_code"] == "SZ-HT" and dispatched["site_id"] == world.site_id
    assert dispatched["asset_id"] == world.asset_id and dispatched["note"] == "现场更换硬盘"
    with app.session() as session:
        summary = api.work_order_summary(session, order)
        assert (summary.incident, summary.kind, summary.status) == (number, "partner_dispatch", "dispatched")
        assert api.work_order_summary(session, "INC-1999-000001-W01") is None
    assert milestones(app, number) == ["dispatched"]
    with pytest.raises(ValidationError, match="partner code"):
        work_orders.create_work_order(app, world.admin, number, kind="partner_dispatch", title="x")


def test_the_partners_steps_move_the_work_order(app, world, events):
    number = open_in(app, world, assignee_id=world.engineer.user_id)
    order = work_orders.dispatch_work_order(app, world.engineer, number, "SZ-HT")

    def step(status):
        app.publish(DomainEvent("partners.service_order_changed", {"number": "SZ-HT-000042", "incident_ref": number,
                                                                   "work_order": order, "status": status}))
        with app.session() as session:
            return work_orders.load_work_order(session, order)

    assert step("accepted").status == "in_progress"
    arrived = step("arrived")
    assert (arrived.status, arrived.service_order) == ("on_site", "SZ-HT-000042")
    assert milestones(app, number) == ["dispatched", "arrived"]
    assert step("fixed").status == "done"
    assert step("rejected").status == "done"  # a finished work order does not move back
    assert step("no_such_step").status == "done"


def test_a_rejected_dispatch_returns_to_the_queue_and_tells_the_owner(app, world):
    from console.core.models import Notification

    number = open_in(app, world, assignee_id=world.engineer.user_id)
    order = work_orders.dispatch_work_order(app, world.engineer, number, "SZ-HT")
    app.publish(DomainEvent("partners.service_order_changed", {"number": "SZ-HT-000043", "work_order": order,
                                                               "status": "rejected"}))
    with app.session() as session:
        assert work_orders.load_work_order(session, order).status == "open"
        titles = session.scalars(select(Notification.title).where(Notification.user_id == world.engineer.user_id))
        assert any(order in t for t in titles)


def test_an_unknown_work_order_event_is_only_logged(app, caplog):
    app.publish(DomainEvent("partners.service_order_changed", {"number": "X-1", "work_order": "INC-1999-000009-W01",
                                                               "status": "accepted"}))
    assert "not applied" in caplog.text and app.plugins.records["incidents"].active


def test_arrival_stops_the_onsite_clock(app, world, now):
    onsite = define(app, world, metric="onsite", stop_event="arrived", p1_minutes=None, p2_minutes=None,
                    p3_minutes=None, p4_minutes=None, distance_rules="50:4h, 100:8h, 200:1d, 300:2d")
    try:
        number = open_in(app, world, assignee_id=world.engineer.user_id, opened_at=now - timedelta(hours=1))
        assert clock(app, number, onsite).target_minutes == 240  # 10 km from the centre
        order = work_orders.create_work_order(app, world.engineer, number, kind="onsite_visit", title="上门",
                                              assignee_id=world.engineer.user_id)
        work_orders.change_work_order(app, world.engineer, order, "in_progress")
        work_orders.change_work_order(app, world.engineer, order, "on_site")
        stopped = clock(app, number, onsite)
        assert stopped.state == "met" and 59 <= stopped.elapsed_minutes <= 61
        far = open_in(app, world, asset_id=world.far_asset_id)  # Urumqi: beyond the table
        assert clock(app, far, onsite).state == "no_target"
        records.update_incident(app, world.lead, far, onsite_agreed_minutes=2880)
        assert clock(app, far, onsite).target_minutes == 2880
    finally:
        deactivate(app, world.admin, onsite)


def test_work_orders_have_clocks_of_their_own(app, world):
    partner = define(app, world, kind="uc", scope="work_order", metric="onsite", start_event="dispatched",
                     stop_event="on_site", work_order_kind="partner_dispatch", p1_minutes=120, p2_minutes=240,
                     p3_minutes=480, p4_minutes=960)
    try:
        number = open_in(app, world, assignee_id=world.admin.user_id)
        visit = work_orders.create_work_order(app, world.admin, number, kind="onsite_visit", title="上门")
        dispatch = work_orders.dispatch_work_order(app, world.admin, number, "SZ-HT")
        with app.session() as session:
            subjects = {c.subject: c.state for c in session.scalars(select(Clock).where(
                Clock.definition_id == partner))}
        assert subjects.get(dispatch) == "running" and visit not in subjects
    finally:
        deactivate(app, world.admin, partner)


def test_work_order_rules(app, world, make_actor):
    number = open_in(app, world, assignee_id=world.engineer.user_id)
    order = work_orders.create_work_order(app, world.engineer, number, kind="group_support", title="数据库协助")
    with pytest.raises(ValidationError, match="not to done"):
        work_orders.change_work_order(app, world.engineer, order, "done")
    with pytest.raises(ValidationError, match="reason"):
        work_orders.change_work_order(app, world.engineer, order, "pending")
    with pytest.raises(PermissionDenied):
        work_orders.change_work_order(app, world.other, order, "in_progress")
    with pytest.raises(PermissionDenied, match="incidents.edit"):
        work_orders.create_work_order(app, make_actor("read_only"), number, kind="group_support", title="x")
    records.change_status(app, world.engineer, number, "in_progress")
    records.change_status(app, world.engineer, number, "resolved")
    with pytest.raises(ValidationError, match="reopen"):
        work_orders.create_work_order(app, world.engineer, number, kind="onsite_visit", title="x")
