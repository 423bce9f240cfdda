"""Issues and requests check their reference through incidents' and partners' api.py, only while those run."""

import pytest
from sqlalchemy import select

from console.api import DomainEvent, ValidationError
from plugins.incidents import service as incidents
from plugins.partners import network, orders
from plugins.spares.models import Move, Part, Request, Reservation
from plugins.spares.service import requests, stock
from tests.plugins import unique


@pytest.fixture
def incident(app, admin, reference):
    return incidents.create_incident(app, admin, title="服务器硬盘告警", customer_id=reference.customer_id,
                                     category="服务器 Server")


def test_an_issue_names_a_real_open_incident(app, admin, net, incident):
    stock.receive(app, admin, part_number=net.fan, quantity=3, to_code=net.regional)
    stock.issue(app, admin, part_number=net.fan, quantity=1, from_code=net.regional, ref=incident.lower())
    stock.issue(app, admin, part_number=net.fan, quantity=1, from_code=net.regional, ref=f"{incident}-W01")
    with pytest.raises(ValidationError, match="There is no incident INC-2000-999999") as refused:
        stock.issue(app, admin, part_number=net.fan, quantity=1, from_code=net.regional, ref="INC-2000-999999")
    assert refused.value.field == "ref"
    with app.session() as session:
        refs = session.scalars(select(Move.ref).join(Part, Part.id == Move.part_id).where(
            Move.kind == "issue", Part.part_number == net.fan)).all()
    assert sorted(refs) == [incident, f"{incident}-W01"]


def test_a_closed_incident_takes_no_parts_and_its_reservations_are_released(app, admin, net, incident):
    stock.receive(app, admin, part_number=net.fan, quantity=2, to_code=net.regional)
    request_id = requests.create_request(app, admin, ref=incident, part_number=net.fan, quantity=1,
                                         depot_code=net.regional)
    for status in ("assigned", "in_progress", "resolved", "closed"):
        incidents.change_status(app, admin, incident, status, assignee_id=admin.user_id)
    with app.session() as session:  # the incidents.status_changed event released it
        assert session.scalars(select(Reservation.status).where(Reservation.request_id == request_id)).all() == [
            "released"]
    with pytest.raises(ValidationError, match="is closed"):
        stock.issue(app, admin, part_number=net.fan, quantity=1, from_code=net.regional, ref=incident)
    requests.incident_closed(app, DomainEvent("incidents.status_changed", {"number": None, "new": "closed"}))


def test_a_service_order_gives_its_partner(app, admin, net):
    code = unique("P")
    network.create_partner(app, admin, code=code, name="上海恒通系统集成有限公司", level="gold")
    order = orders.create_service_order(app, admin, partner_code=code)
    stock.receive(app, admin, part_number=net.fan, quantity=2, to_code=net.regional)
    request_id = requests.create_request(app, admin, ref=order, part_number=net.fan, quantity=1,
                                         depot_code=net.regional)
    with app.session() as session:
        assert session.get(Request, request_id).partner_code == code
    with pytest.raises(ValidationError, match=f"There is no service order {code}-999999"):
        stock.issue(app, admin, part_number=net.fan, quantity=1, from_code=net.regional, ref=f"{code}-999999")


def test_without_those_plugins_the_reference_is_kept_as_typed(app, admin, net, monkeypatch):
    monkeypatch.setattr(app, "has_plugin", lambda name: False)
    stock.receive(app, admin, part_number=net.fan, quantity=1, to_code=net.regional)
    (move_id,) = stock.issue(app, admin, part_number=net.fan, quantity=1, from_code=net.regional,
                             ref="inc-2000-999999")
    with app.session() as session:
        assert session.get(Move, move_id).ref == "INC-2000-999999"
