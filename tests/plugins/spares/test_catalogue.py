"""Parts and locations: the rules of the catalogue, optimistic locking, and who may do what."""

from decimal import Decimal

import pytest

from console.api import PermissionDenied, StaleEditError, ValidationError
from plugins.spares.service import catalogue, replenishment, stock
from tests.plugins import unique


@pytest.mark.parametrize(("fields", "field"), [
    ({"part_number": " "}, "part_number"), ({"name": ""}, "name"), ({"unit_cost": "-1"}, "unit_cost"),
    ({"unit_cost": "1.999"}, "unit_cost"), ({"unit_cost": 9.99}, "unit_cost"), ({"part_number": "X" * 65}, "part_number"),
    ({"compatible_models": "M" * 501}, "compatible_models")])
def test_bad_parts_are_refused(app, admin, fields, field):
    values = {"part_number": unique("P-"), "name": "Part", "unit_cost": "1.00", **fields}
    with pytest.raises(ValidationError) as raised:
        catalogue.create_part(app, admin, **values)
    assert raised.value.field == field


def test_part_numbers_and_location_codes_are_unique_and_rules_hold(app, admin, net):
    with pytest.raises(ValidationError, match="exists already"):
        catalogue.create_part(app, admin, part_number=net.fan.lower(), name="Again", unit_cost=1)
    with pytest.raises(ValidationError, match="is taken"):
        catalogue.create_location(app, admin, code=net.central, name="Again", kind="central")
    with pytest.raises(ValidationError, match="not a location kind"):
        catalogue.create_location(app, admin, code=unique("L"), name="Moon base", kind="moon")
    with pytest.raises(ValidationError, match="belongs to a partner"):
        catalogue.create_location(app, admin, code=unique("L"), name="寄售库", kind="consignment")
    with pytest.raises(ValidationError, match="Only consignment stock"):
        catalogue.create_location(app, admin, code=unique("L"), name="区域库", kind="regional", partner_code="P1")


def test_editing_a_part_checks_the_version_and_its_stock(app, admin, net):
    from sqlalchemy import select

    from plugins.spares.models import Part

    with app.session() as session:
        part = session.scalar(select(Part).where(Part.part_number == net.disk))
    catalogue.update_part(app, admin, part.id, name="硬盘 HDD 2.4TB 10K", unit_cost="1899.00",
                          compatible_models="PowerEdge R750，ThinkSystem SR650", expected_version=part.version)
    with pytest.raises(StaleEditError, match="changed by someone else"):
        catalogue.update_part(app, admin, part.id, name="late", unit_cost=1, expected_version=part.version)
    stock.receive(app, admin, part_number=net.disk, serial=unique("SN"), to_code=net.central)
    with pytest.raises(ValidationError, match="has stock"):
        catalogue.update_part(app, admin, part.id, name="x", unit_cost=1, serialized=False)
    with app.session() as session:
        part = session.get(Part, part.id)
    assert (part.unit_cost, part.compatible_models) == (Decimal("1899.00"), "PowerEdge R750, ThinkSystem SR650")


def test_a_location_with_stock_cannot_close(app, admin, net):
    from sqlalchemy import select

    from plugins.spares.models import Location

    stock.receive(app, admin, part_number=net.fan, quantity=1, to_code=net.regional)
    with app.session() as session:
        location = session.scalar(select(Location).where(Location.code == net.regional))
    with pytest.raises(ValidationError, match="still holds stock"):
        catalogue.update_location(app, admin, location.id, name=location.name, active=False)
    catalogue.update_location(app, admin, location.id, name="上海备件库（浦东）", city="上海",
                              expected_version=location.version)


@pytest.mark.parametrize(("role", "call"), [
    ("engineer", lambda app, a, n: catalogue.create_part(app, a, part_number=unique("P-"), name="x", unit_cost=1)),
    ("read_only", lambda app, a, n: catalogue.create_location(app, a, code=unique("L"), name="x", kind="regional")),
    ("engineer", lambda app, a, n: replenishment.set_safety_stock(app, a, part_number=n.fan, depot_code=n.regional,
                                                                 minimum=1, target=2)),
    ("partner_auditor", lambda app, a, n: stock.receive(app, a, part_number=n.fan, quantity=1, to_code=n.central)),
    ("timesheet_reviewer", lambda app, a, n: stock.move(app, a, kind="receipt", part_number=n.fan, quantity=1,
                                                        to_code=n.central)),
], ids=["engineer-part", "read-only-location", "engineer-safety-stock", "auditor-receive", "reviewer-move"])
def test_each_role_is_refused_what_it_may_not_do(app, make_actor, net, role, call):
    with pytest.raises(PermissionDenied):
        call(app, make_actor(role), net)
