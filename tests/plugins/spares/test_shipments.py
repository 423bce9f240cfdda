"""Transfers through transit checked on arrival; shortfalls and unexpected serials logged; replenishment."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from console.api import Actor, Context, PermissionDenied, ValidationError
from plugins.spares.api import stock_on_hand
from plugins.spares.models import Discrepancy, Shipment
from plugins.spares.service import replenishment, shipments, stock
from plugins.spares.service.shipments import Line
from tests.plugins import unique


def on_hand(app, part, location=None):
    with app.session() as session:
        return stock_on_hand(session, part, location)


def shipment(app, shipment_id) -> Shipment:
    with app.session() as session:
        return session.get(Shipment, shipment_id)


def logged(app, source) -> list[tuple]:
    with app.session() as session:
        return sorted(session.execute(select(Discrepancy.kind, Discrepancy.quantity, Discrepancy.received_serial)
                                      .where(Discrepancy.source == source)).all())


def test_a_shipment_travels_through_transit_and_arrives_complete(app, admin, net):
    serials = [unique("SN"), unique("SN")]
    stock.receive(app, admin, part_number=net.fan, quantity=10, to_code=net.central)
    stock.receive(app, admin, part_number=net.disk, serial=serials, to_code=net.central)
    shipment_id = shipments.ship(app, admin, from_code=net.central, to_code=net.regional, carrier="顺丰速运",
                                 cost="86.50", lines=shipments.lines_from_text(
                                     f"{net.fan} 4\n{net.disk.lower()} {serials[0]} {serials[1]}"))
    assert on_hand(app, net.fan, net.central) == 6 and on_hand(app, net.fan, net.regional) == 0
    assert on_hand(app, net.fan) == 10  # still in the network: in transit
    assert shipments.receive(app, admin, shipment_id) == "received"
    assert on_hand(app, net.fan, net.regional) == 4 and on_hand(app, net.disk, net.regional) == 2
    assert shipment(app, shipment_id).cost == Decimal("86.50")
    with pytest.raises(ValidationError, match="received completely already"):
        shipments.receive(app, admin, shipment_id)


def test_less_than_shipped_stays_in_transit_and_is_logged_then_written_off(app, admin, make_actor, net):
    serials = [unique("SN"), unique("SN")]
    stock.receive(app, admin, part_number=net.fan, quantity=5, to_code=net.central)
    stock.receive(app, admin, part_number=net.disk, serial=serials, to_code=net.central)
    shipment_id = shipments.ship(app, admin, from_code=net.central, to_code=net.regional,
                                 lines=[Line(net.fan, 5), Line(net.disk, serials=serials)])
    number = shipment(app, shipment_id).number
    status = shipments.receive(app, admin, shipment_id, arrived=f"{net.fan} 3\n{serials[0]}")
    assert status == "short" and on_hand(app, net.fan, net.regional) == 3 and on_hand(app, net.disk, net.regional) == 1
    assert [kind for kind, *_ in logged(app, number)] == ["shipment_short", "shipment_short"]
    assert on_hand(app, net.fan) == 5
    clerk = make_actor("back_office")
    with pytest.raises(PermissionDenied, match="spares.approve"):
        shipments.write_off_shortfall(app, clerk, shipment_id, note="承运商确认丢失")
    assert shipments.write_off_shortfall(app, admin, shipment_id, note="承运商确认丢失") == Decimal("2360.00")
    assert on_hand(app, net.fan) == 3 and shipment(app, shipment_id).status == "received"


def test_a_serial_that_was_not_shipped_is_refused_or_logged(app, admin, net):
    shipped, stranger = unique("SN"), unique("SN")
    stock.receive(app, admin, part_number=net.disk, serial=shipped, to_code=net.central)
    shipment_id = shipments.ship(app, admin, from_code=net.central, to_code=net.regional,
                                 lines=[Line(net.disk, serials=shipped)])
    with pytest.raises(ValidationError, match=f"Serial {stranger} is not on"):
        shipments.receive(app, admin, shipment_id, serials=f"{shipped}\n{stranger}")
    assert shipments.receive(app, admin, shipment_id, serials=[shipped, stranger], log_unexpected=True) == "received"
    number = shipment(app, shipment_id).number
    assert logged(app, number) == [("shipment_serial", 1, stranger)]
    assert on_hand(app, net.disk, net.regional) == 1  # the stranger is not booked until someone reconciles it


@pytest.mark.parametrize(("lines", "message"), [
    ("", "Add at least one part"), ("NO-SUCH 1", "There is no part NO-SUCH"), ("{fan}", "no quantity or serials")])
def test_bad_shipments_are_refused(app, admin, net, lines, message):
    with pytest.raises(ValidationError, match=message):
        shipments.ship(app, admin, from_code=net.central, to_code=net.regional,
                       lines=shipments.lines_from_text(lines.format(fan=net.fan)))
    with pytest.raises(ValidationError, match="another depot"):
        shipments.ship(app, admin, from_code=net.central, to_code=net.central, lines=[Line(net.fan, 1)])


def test_below_minimum_is_proposed_announced_once_and_shipped(app, admin, desk, net):
    stock.receive(app, admin, part_number=net.fan, quantity=20, to_code=net.central)
    stock.receive(app, admin, part_number=net.fan, quantity=1, to_code=net.regional)
    replenishment.set_safety_stock(app, admin, part_number=net.fan, depot_code=net.regional, minimum=3, target=8)
    with pytest.raises(ValidationError, match="at least the minimum"):
        replenishment.set_safety_stock(app, admin, part_number=net.fan, depot_code=net.regional, minimum=3, target=2)
    key = replenishment.level_key(*_ids(app, net.fan, net.regional))
    with app.session() as session:
        (row,) = [r for r in replenishment.proposals(session) if r.key == key]
    assert (row.available, row.inbound, row.proposal) == (1, 0, 7)  # 8 − 1 − 0
    context = Context(app, Actor.system())
    replenishment.check_levels(context)
    replenishment.check_levels(context)
    assert [t for t in desk.titles() if net.fan in t] == [f"{net.fan} 风扇 Fan below safety stock at {net.regional}"]
    assert [t for t in desk.titles(in_chinese=True) if net.fan in t] == [
        f"{net.regional} 的 {net.fan} 风扇 Fan 低于安全库存"]
    replenishment.replenish(app, admin, key, from_code=net.central)
    with app.session() as session:
        assert key not in {r.key for r in replenishment.proposals(session)}  # inbound 7 covers it
    replenishment.set_safety_stock(app, admin, part_number=net.fan, depot_code=net.regional, minimum=0, target=0)


def _ids(app, part_number, code):
    from plugins.spares.models import Location, Part

    with app.session() as session:
        return (session.scalar(select(Part.id).where(Part.part_number == part_number)),
                session.scalar(select(Location.id).where(Location.code == code)))


def test_stock_level_keys_stay_exact_for_a_large_catalogue(app, admin, net):
    """part id × 1,000,000 + location id passes 32 bits from part 2,148 on (PostgreSQL integers are 32 bits)."""
    from sqlalchemy import insert

    from plugins.spares.models import Part

    big = 2_500_000 + int(unique("")[:5], 16)
    with app.session() as session:
        session.execute(insert(Part.__table__).values(id=big, part_number=unique("BIG-"), name="大目录备件",
                                                      unit_cost=Decimal("1.00"), serialized=False,
                                                      return_required=False, compatible_models="", active=True,
                                                      version=1))
        number = session.get(Part, big).part_number
    stock.receive(app, admin, part_number=number, quantity=2, to_code=net.regional)
    key = replenishment.level_key(big, _ids(app, number, net.regional)[1])
    levels = replenishment.levels()
    with app.session() as session:
        (row,) = session.execute(levels.where(levels.selected_columns.key == key)).all()
    assert (row.key, row.part_number, row.on_hand) == (key, number, 2)
