"""Service orders: numbering per partner, the nearest centre and the step clocks fixed at dispatch,
dispatch by domain event, every step recorded with its checks, the clocks replayed, isolation."""

import logging
import threading
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from console.api import (BusinessCalendar, ClockStatus, DomainEvent, NotFound, PermissionDenied, ServiceCentre, Site,
                         StaleEditError, ValidationError, utcnow)
from console.core import settings
from plugins.incidents import service as incidents
from plugins.partners import network, orders
from plugins.partners.api import open_orders_for, service_order_summary
from plugins.partners.models import OrderStep, Partner, ServiceOrder
from tests.plugins import unique

BEIJING = (Decimal("39.904200"), Decimal("116.407400"))


@pytest.fixture
def partner(app, admin) -> str:
    """A partner with two centres (Beijing, Tianjin) and an engineer ``<code>-E1``."""
    code = unique("BJ")
    network.create_partner(app, admin, code=code, name="北京信达技术服务有限公司", level="gold")
    network.add_engineer(app, admin, partner_code=code, code=f"{code}-E1", name="王工")
    with app.session() as session:
        session.add_all([ServiceCentre(code=unique("SC"), name="北京站", latitude=BEIJING[0], longitude=BEIJING[1],
                                       partner_code=code),
                         ServiceCentre(code=unique("SC"), name="天津站", latitude=Decimal("39.0842"),
                                       longitude=Decimal("117.2009"), partner_code=code)])
    return code


@pytest.fixture
def site(app, reference):
    """A site of the reference customer about 11 km north of the Beijing centre."""
    with app.session() as session:
        row = Site(customer_id=reference.customer_id, name="海淀机房", latitude=Decimal("40.0"),
                   longitude=Decimal("116.4074"))
        session.add(row)
        session.flush()
        return row.id


def order(app, number) -> ServiceOrder:
    with app.session() as session:
        return session.scalar(select(ServiceOrder).where(ServiceOrder.number == number))


def steps(app, number) -> list[str]:
    with app.session() as session:
        return list(session.scalars(select(OrderStep.step).join(ServiceOrder, ServiceOrder.id == OrderStep.order_id)
                                    .where(ServiceOrder.number == number).order_by(OrderStep.at, OrderStep.id)))


def test_orders_are_numbered_per_partner_with_their_clocks_fixed_at_dispatch(app, admin, partner, site, events):
    settings.set_value(app, admin, "partners.accept_within_minutes", 45)
    try:
        first = orders.create_service_order(app, admin, partner_code=partner.lower(), incident_ref="inc-2026-000007",
                                            site_id=site, category="服务器 Server", repair_level="L3")
    finally:
        settings.set_value(app, admin, "partners.accept_within_minutes", 30)
    second = orders.create_service_order(app, admin, partner_code=partner)
    assert (first, second) == (f"{partner}-000001", f"{partner}-000002")
    row = order(app, first)
    assert (row.status, row.incident_ref, row.source, row.repair_level) == ("dispatched", "INC-2026-000007",
                                                                            "manual", "L3")
    with app.session() as session:
        assert session.get(ServiceCentre, row.centre_id).name == "北京站"
    assert row.distance_km == Decimal("10.7")
    assert row.accept_due_at - row.dispatched_at == timedelta(minutes=45)
    assert row.arrive_due_at - row.dispatched_at == timedelta(minutes=240)  # 10.7 km: the 50 km row
    assert row.fix_due_at - row.dispatched_at == timedelta(hours=24)
    assert steps(app, first) == ["dispatched"]
    plain = order(app, second)
    assert (plain.centre_id, plain.distance_km) == (None, None)
    assert plain.arrive_due_at - plain.dispatched_at == timedelta(minutes=2880)  # unknown distance: the * row
    assert events[-1].name == "partners.service_order_changed"
    assert events[-1].payload == {"number": second, "incident_ref": None, "work_order": None, "status": "dispatched",
                                  "at": plain.dispatched_at}


def test_the_customer_and_site_follow_the_asset_and_must_agree(app, admin, partner, reference):
    number = orders.create_service_order(app, admin, partner_code=partner, asset_id=reference.asset_ids[1])
    row = order(app, number)
    assert (row.customer_id, row.site_id, row.asset_id) == (reference.customer_id, reference.site_ids[1],
                                                            reference.asset_ids[1])
    with pytest.raises(ValidationError, match="another customer") as raised:
        orders.create_service_order(app, admin, partner_code=partner, customer_id=reference.other_customer_id,
                                    asset_id=reference.asset_ids[0], site_id=reference.other_site_id)
    assert raised.value.field == "asset_id"
    with pytest.raises(ValidationError, match="another customer") as raised:
        orders.create_service_order(app, admin, partner_code=partner, site_id=reference.other_site_id,
                                    customer_id=reference.customer_id)
    assert raised.value.field == "site_id"
    with pytest.raises(ValidationError, match="no asset"):
        orders.create_service_order(app, admin, partner_code=partner, asset_id=-5)


def test_concurrent_dispatches_get_distinct_numbers(app, admin, partner):
    numbers = []
    threads = [threading.Thread(target=lambda: numbers.append(orders.create_service_order(
        app, admin, partner_code=partner))) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(numbers) == [f"{partner}-{n:06d}" for n in range(1, 7)]


def test_one_open_order_per_partner_and_incident_and_per_work_order(app, admin, partner):
    number = orders.create_service_order(app, admin, partner_code=partner, incident_ref="INC-2026-000100",
                                         work_order_ref="INC-2026-000100-W01")
    with pytest.raises(ValidationError, match=f"already has open order {number}"):
        orders.create_service_order(app, admin, partner_code=partner, incident_ref="INC-2026-000100")
    with pytest.raises(ValidationError, match=f"already has open service order {number}"):
        orders.create_service_order(app, admin, partner_code=partner, work_order_ref="inc-2026-000100-w01")
    with app.session() as session:
        assert open_orders_for(session, "inc-2026-000100") == [number]
        assert service_order_summary(session, number.lower())["status"] == "dispatched"
    orders.record_step(app, admin, number, "rejected", reason="no_capacity")
    orders.create_service_order(app, admin, partner_code=partner, incident_ref="INC-2026-000100")


def test_orders_go_to_active_partners_only_and_are_checked(app, admin, partner):
    with pytest.raises(ValidationError, match="no active partner"):
        orders.create_service_order(app, admin, partner_code="NOBODY")
    with pytest.raises(ValidationError, match="longer|shorten"):
        orders.create_service_order(app, admin, partner_code=partner, incident_ref="X" * 33)
    with pytest.raises(ValidationError, match="repair level"):
        orders.create_service_order(app, admin, partner_code=partner, repair_level="L9")
    with pytest.raises(ValidationError, match="in the future"):
        orders.create_service_order(app, admin, partner_code=partner, dispatched_at=utcnow() + timedelta(hours=1))
    orders.create_service_order(app, admin, partner_code=partner, external_ref="XD-1")
    with pytest.raises(ValidationError, match="already has an order with its number XD-1"):
        orders.create_service_order(app, admin, partner_code=partner, external_ref="XD-1")
    with app.session() as session:
        session.execute(update(Partner).where(Partner.code == partner).values(active=False))
    with pytest.raises(ValidationError, match="no active partner"):
        orders.create_service_order(app, admin, partner_code=partner)


def test_auditors_may_not_dispatch(app, make_actor, partner):
    with pytest.raises(PermissionDenied, match="partners.edit"):
        orders.create_service_order(app, make_actor("read_only"), partner_code=partner)


def test_a_dispatched_incident_becomes_a_service_order_and_follows_its_steps(app, admin, partner, reference):
    from plugins.incidents import api as incidents_api

    number = incidents.create_incident(app, admin, title="需要现场服务", customer_id=reference.customer_id,
                                       category="服务器 Server", asset_id=reference.asset_ids[0])
    work_order = incidents.dispatch_work_order(app, admin, number, partner)
    with app.session() as session:
        assert open_orders_for(session, number) == [f"{partner}-000001"]
    row = order(app, f"{partner}-000001")
    assert (row.source, row.work_order_ref, row.asset_id, row.category) == ("dispatch", work_order,
                                                                            reference.asset_ids[0], "服务器 Server")
    orders.record_step(app, admin, row.number, "accepted")
    orders.record_step(app, admin, row.number, "departed")
    orders.record_step(app, admin, row.number, "arrived")
    with app.session() as session:
        summary = incidents_api.work_order_summary(session, work_order)
    assert (summary.status, summary.service_order) == ("on_site", row.number)


def test_the_event_alone_is_enough_and_a_bad_one_is_only_logged(app, partner, caplog):
    app.publish(DomainEvent("incidents.work_order_dispatched", {"number": "INC-2026-123456", "partner_code": partner},
                            actor="someone"))
    with app.session() as session:
        assert open_orders_for(session, "INC-2026-123456") == [f"{partner}-000001"]
    with caplog.at_level(logging.WARNING, logger="plugins.partners.orders"):
        app.publish(DomainEvent("incidents.work_order_dispatched", {"number": "INC-2026-123457",
                                                                     "partner_code": "NOBODY"}))
    assert "no active partner NOBODY" in caplog.text
    assert app.plugins.records["partners"].active


def test_every_step_is_recorded_and_announced(app, admin, partner, site, events):
    start = utcnow() - timedelta(hours=6)
    number = orders.create_service_order(app, admin, partner_code=partner, site_id=site, dispatched_at=start,
                                         incident_ref="INC-2026-000777")
    engineer = f"{partner}-E1"
    orders.record_step(app, admin, number, "accepted", at=start + timedelta(minutes=10), engineer_code=engineer)
    orders.record_step(app, admin, number, "departed", at=start + timedelta(minutes=20))
    orders.record_step(app, admin, number, "arrived", at=start + timedelta(hours=1), latitude="40.0001",
                       longitude=Decimal("116.4075"))
    orders.record_step(app, admin, number, "fixed", at=start + timedelta(hours=2), note="更换硬盘")
    version = orders.record_step(app, admin, number, "confirmed", at=start + timedelta(hours=3), satisfaction=5)
    assert order(app, number).closed_at is None
    orders.record_step(app, admin, number, "closed", expected_version=version)
    row = order(app, number)
    assert row.status == "closed" and row.closed_at is not None
    changed = [e.payload for e in events
               if e.name == "partners.service_order_changed" and e.payload["number"] == number]
    assert [p["status"] for p in changed] == ["dispatched", "accepted", "departed", "arrived", "fixed", "confirmed",
                                              "closed"]
    assert changed[1]["at"] == start + timedelta(minutes=10) and changed[1]["incident_ref"] == "INC-2026-000777"
    with app.session() as session:
        view = orders.timeline(session, number, admin)
    assert [s.step for s in view.steps] == ["dispatched", "accepted", "departed", "arrived", "fixed", "confirmed",
                                            "closed"]
    arrived = view.steps[3]
    assert (arrived.latitude, arrived.longitude, arrived.recorded_by) == (Decimal("40.0001"), Decimal("116.4075"),
                                                                          admin.username)
    assert view.steps[1].engineer_code == engineer and view.engineer.startswith(engineer)
    assert view.steps[5].satisfaction == 5 and view.steps[4].note == "更换硬盘"
    assert view.next_steps == ()
    assert [c.state.state for c in view.clocks] == [ClockStatus.MET] * 3


@pytest.mark.parametrize(("step", "fields", "field", "message"), [
    ("departed", {}, "step", "next step can be accepted, rejected"),
    ("rejected", {}, "reason", "Choose why"),
    ("rejected", {"reason": "bored"}, "reason", "Choose why"),
    ("accepted", {"reason": "other"}, "reason", "only when an order is rejected"),
    ("accepted", {"satisfaction": 4}, "satisfaction", "confirmation only"),
    ("accepted", {"latitude": "39.9"}, "longitude", "both"),
    ("accepted", {"latitude": "99", "longitude": "116"}, "latitude", "between -90 and 90"),
    ("accepted", {"engineer_code": "NOBODY"}, "engineer_code", "no active engineer"),
    ("accepted", {"at": "past"}, "at", "before the previous step"),
    ("accepted", {"at": "future"}, "at", "in the future"),
])
def test_steps_are_checked(app, admin, partner, step, fields, field, message):
    number = orders.create_service_order(app, admin, partner_code=partner)
    moments = {"past": order(app, number).dispatched_at - timedelta(minutes=1), "future": utcnow() + timedelta(hours=1)}
    if "at" in fields:
        fields = {**fields, "at": moments[fields["at"]]}
    with pytest.raises(ValidationError, match=message) as raised:
        orders.record_step(app, admin, number, step, **fields)
    assert raised.value.field == field
    assert steps(app, number) == ["dispatched"]


def test_satisfaction_is_one_to_five_and_edits_need_the_current_version(app, admin, partner):
    number = orders.create_service_order(app, admin, partner_code=partner)
    version = order(app, number).version
    for step in ("accepted", "departed", "arrived", "fixed"):
        orders.record_step(app, admin, number, step)
    with pytest.raises(ValidationError, match="1 \\(poor\\) to 5"):
        orders.record_step(app, admin, number, "confirmed", satisfaction=6)
    with pytest.raises(StaleEditError):
        orders.record_step(app, admin, number, "confirmed", expected_version=version)
    with pytest.raises(NotFound):
        orders.record_step(app, admin, "NOPE-000001", "accepted")


def test_the_step_clocks_replay_the_steps(app, admin, partner, site):
    start = utcnow() - timedelta(hours=5)
    number = orders.create_service_order(app, admin, partner_code=partner, site_id=site, dispatched_at=start)
    orders.record_step(app, admin, number, "accepted", at=start + timedelta(minutes=10))
    orders.record_step(app, admin, number, "departed", at=start + timedelta(minutes=30))
    orders.record_step(app, admin, number, "arrived", at=start + timedelta(hours=4, minutes=30))
    with app.session() as session:
        view = orders.timeline(session, number, admin)
    accept, arrive, fix = view.clocks
    assert (accept.name, accept.state.state, accept.breached) == ("accept", ClockStatus.MET, False)
    assert accept.state.stopped_at == start + timedelta(minutes=10)
    assert (arrive.name, arrive.target, arrive.state.state) == ("arrive", timedelta(hours=4), ClockStatus.BREACHED)
    assert arrive.state.breached_at == arrive.due == start + timedelta(hours=4)
    assert (fix.name, fix.state.state, fix.state.due) == ("fix", ClockStatus.RUNNING, start + timedelta(hours=24))
    assert any(line.startswith("Breached at") for line in arrive.sentences())
    orders.record_step(app, admin, number, "incomplete", reason="part_missing")
    with app.session() as session:
        final = orders.timeline(session, number, admin)
    assert final.clocks[2].state.state is ClockStatus.CANCELLED and final.status == "incomplete"


def test_a_rejection_ends_the_accept_clock_and_cancels_the_others(app, admin, partner):
    number = orders.create_service_order(app, admin, partner_code=partner, dispatched_at=utcnow() - timedelta(hours=1))
    orders.record_step(app, admin, number, "rejected", reason="out_of_area", note="不在服务范围")
    with app.session() as session:
        view = orders.timeline(session, number, admin)
    assert [c.state.state for c in view.clocks] == [ClockStatus.BREACHED, ClockStatus.CANCELLED,
                                                    ClockStatus.CANCELLED]
    assert view.steps[-1].reason == "out_of_area" and view.closed_at is not None


def test_the_clocks_count_on_a_business_calendar():
    office = BusinessCalendar("office", "UTC", {day: ((540, 1080),) for day in range(5)})
    rules = orders.DueRules(timedelta(minutes=30), orders.parse_distance_table("50:120, *:480"), timedelta(hours=2),
                            office)
    friday = datetime(2026, 3, 6, 17, 0, tzinfo=timezone.utc)
    accept, arrive, fix = rules.dues(friday, Decimal("80"))
    assert accept == datetime(2026, 3, 6, 17, 30, tzinfo=timezone.utc)
    assert arrive == datetime(2026, 3, 9, 16, 0, tzinfo=timezone.utc)  # 1 h on Friday, 7 h on Monday
    assert fix == datetime(2026, 3, 9, 10, 0, tzinfo=timezone.utc)
    row = ServiceOrder(dispatched_at=friday, accept_due_at=accept, arrive_due_at=arrive, fix_due_at=fix)
    step = OrderStep(step="fixed", at=datetime(2026, 3, 9, 9, 30, tzinfo=timezone.utc), reason=None)
    clocks = orders.step_clocks(row, [step], calendar=office, now=datetime(2026, 3, 9, 12, tzinfo=timezone.utc))
    assert clocks[2].target == timedelta(hours=2) and clocks[2].state.state is ClockStatus.MET
    assert clocks[2].state.elapsed == timedelta(hours=1, minutes=30)
    assert clocks[1].state.state is ClockStatus.RUNNING  # still on its way: only 1 working hour counted


def test_the_distance_table_and_the_calendar_setting_are_checked(app, admin):
    table = orders.parse_distance_table("150:480, *:2880, 50:240")
    assert table == [(Decimal(50), 240), (Decimal(150), 480), (None, 2880)]
    assert [orders.arrive_minutes(table, Decimal(km)) for km in ("50", "50.1", "999")] == [240, 480, 2880]
    assert orders.arrive_minutes(orders.parse_distance_table("50:240"), Decimal("60")) is None
    with pytest.raises(ValidationError, match="km:minutes"):
        orders.parse_distance_table("50-240")
    settings.set_value(app, admin, "partners.calendar", "No such calendar")
    try:
        with pytest.raises(ValidationError, match="does not exist"):
            orders.clock_calendar(app)
    finally:
        settings.set_value(app, admin, "partners.calendar", "")


def test_a_partners_user_sees_and_records_only_its_own_orders(app, admin, make_actor, partner):
    other = unique("SH")
    network.create_partner(app, admin, code=other, name="上海", level="silver")
    theirs = orders.create_service_order(app, admin, partner_code=other)
    mine = orders.create_service_order(app, admin, partner_code=partner)
    engineer = make_actor("engineer", partner_code=partner)
    orders.record_step(app, engineer, mine, "accepted", engineer_code=f"{partner}-E1")
    with pytest.raises(PermissionDenied, match="another partner"):
        orders.record_step(app, engineer, theirs, "accepted")
    with app.session() as session:
        with pytest.raises(PermissionDenied):
            orders.timeline(session, theirs, engineer)
        assert orders.timeline(session, mine, engineer).status == "accepted"
    with pytest.raises(PermissionDenied, match="partners.edit"):
        orders.create_service_order(app, engineer, partner_code=partner)
    clerk = make_actor("back_office", partner_code=partner)
    with pytest.raises(PermissionDenied, match="another partner"):
        orders.create_service_order(app, clerk, partner_code=other)
