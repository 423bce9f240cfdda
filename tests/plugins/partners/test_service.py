"""Partner rules: the register, service orders numbered per partner, and dispatch by domain event."""

import logging
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from console.api import DomainEvent, PermissionDenied, ValidationError
from console.core import settings
from plugins.incidents import service as incidents
from plugins.partners import service
from plugins.partners.api import open_orders_for
from plugins.partners.models import Partner, ServiceOrder
from tests.plugins import unique


@pytest.fixture
def partner(app, admin) -> str:
    code = unique("BJ")
    service.create_partner(app, admin, code=code, name="北京信达技术服务有限公司", level="gold")
    return code


def order(app, number) -> ServiceOrder:
    with app.session() as session:
        return session.scalar(select(ServiceOrder).where(ServiceOrder.number == number))


def test_orders_are_numbered_per_partner_with_an_acceptance_deadline(app, admin, partner, events):
    settings.set_value(app, admin, "partners.accept_within_minutes", 45)
    try:
        first = service.create_service_order(app, admin, partner_code=partner.lower(), incident_ref="inc-2026-000007")
    finally:
        settings.set_value(app, admin, "partners.accept_within_minutes", 30)
    second = service.create_service_order(app, admin, partner_code=partner)
    assert (first, second) == (f"{partner}-000001", f"{partner}-000002")
    row = order(app, first)
    assert (row.status, row.incident_ref) == ("dispatched", "INC-2026-000007")
    assert row.accept_due_at - row.dispatched_at == timedelta(minutes=45)
    assert order(app, second).accept_due_at - order(app, second).dispatched_at == timedelta(minutes=30)
    assert events[-1].name == "partners.service_order_created" and events[-1].payload["number"] == second


def test_concurrent_dispatches_get_distinct_numbers(app, admin, partner):
    numbers = []
    threads = [threading.Thread(target=lambda: numbers.append(service.create_service_order(
        app, admin, partner_code=partner))) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(numbers) == [f"{partner}-{n:06d}" for n in range(1, 7)]


def test_one_open_order_per_partner_and_incident(app, admin, partner):
    number = service.create_service_order(app, admin, partner_code=partner, incident_ref="INC-2026-000100")
    with pytest.raises(ValidationError, match=f"already has open order {number}"):
        service.create_service_order(app, admin, partner_code=partner, incident_ref="INC-2026-000100")
    with app.session() as session:
        assert open_orders_for(session, "inc-2026-000100") == [number]
        session.execute(update(ServiceOrder).where(ServiceOrder.number == number).values(status="closed"))
    service.create_service_order(app, admin, partner_code=partner, incident_ref="INC-2026-000100")


def test_orders_go_to_active_partners_only(app, admin, partner):
    with pytest.raises(ValidationError, match="no active partner"):
        service.create_service_order(app, admin, partner_code="NOBODY")
    with app.session() as session:
        session.execute(update(Partner).where(Partner.code == partner).values(active=False))
    with pytest.raises(ValidationError, match="no active partner"):
        service.create_service_order(app, admin, partner_code=partner)
    with pytest.raises(ValidationError, match="longer than 32"):
        service.create_service_order(app, admin, partner_code=partner, incident_ref="X" * 33)


@pytest.mark.parametrize(("fields", "field"), [
    ({"code": " "}, "code"), ({"code": "X" * 33}, "code"), ({"name": ""}, "name"), ({"level": "platinum"}, "level"),
])
def test_bad_partners_are_refused(app, admin, fields, field):
    with pytest.raises(ValidationError) as raised:
        service.create_partner(app, admin, **{"code": unique("P"), "name": "Partner", "level": "silver", **fields})
    assert raised.value.field == field


def test_partner_codes_are_unique(app, admin, partner):
    with pytest.raises(ValidationError, match="is taken"):
        service.create_partner(app, admin, code=partner.lower(), name="Again", level="silver")


def test_auditors_may_not_dispatch(app, make_actor, partner):
    with pytest.raises(PermissionDenied, match="partners.edit"):
        service.create_service_order(app, make_actor("read_only"), partner_code=partner)


def test_a_dispatched_incident_becomes_a_service_order(app, admin, partner, reference):
    number = incidents.create_incident(app, admin, title="需要现场服务", customer_id=reference.customer_id,
                                       category="服务器 Server")
    incidents.dispatch_work_order(app, admin, number, partner)
    with app.session() as session:
        assert open_orders_for(session, number) == [f"{partner}-000001"]


def test_the_event_alone_is_enough_and_a_bad_one_is_only_logged(app, partner, caplog):
    app.publish(DomainEvent("incidents.work_order_dispatched", {"number": "INC-2026-123456", "partner_code": partner},
                            actor="someone"))
    with app.session() as session:
        assert open_orders_for(session, "INC-2026-123456") == [f"{partner}-000001"]
    with caplog.at_level(logging.WARNING, logger="plugins.partners.service"):
        app.publish(DomainEvent("incidents.work_order_dispatched", {"number": "INC-2026-123457",
                                                                     "partner_code": "NOBODY"}))
    assert "no active partner NOBODY" in caplog.text
    assert app.plugins.records["partners"].active
