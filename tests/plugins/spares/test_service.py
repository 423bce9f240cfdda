"""Spare-part rules: catalogue, locations, and a ledger that never goes negative."""

import threading
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest

from console.api import NotFound, PermissionDenied, ValidationError
from console.core import settings
from plugins.spares import service
from plugins.spares.api import stock_on_hand
from tests.plugins import unique


@pytest.fixture
def stock(app, admin):
    """A plain part, a serialized return-required part, two depots and a defective store."""
    codes = SimpleNamespace(central=unique("CDC"), regional=unique("RDC"), defective=unique("BAD"),
                            fan=unique("FAN-"), disk=unique("HDD-"))
    service.create_location(app, admin, code=codes.central, name="北京中心库", kind="central")
    service.create_location(app, admin, code=codes.regional, name="上海备件库", kind="regional")
    service.create_location(app, admin, code=codes.defective, name="坏件库", kind="defective")
    service.create_part(app, admin, part_number=codes.fan, name="风扇 Fan", unit_cost="180.50")
    service.create_part(app, admin, part_number=codes.disk, name="硬盘 HDD 2.4TB", unit_cost=Decimal("1999.00"),
                        serialized=True, return_required=True)
    return codes


def on_hand(app, part, location=None) -> Decimal:
    with app.session() as session:
        return stock_on_hand(session, part, location)


def test_receipt_transfer_issue_keep_the_ledger_balanced(app, admin, stock, events):
    service.move(app, admin, kind="receipt", part_number=stock.fan, quantity=10, to_code=stock.central, ref="PO-1")
    service.move(app, admin, kind="transfer", part_number=stock.fan.lower(), quantity="4", from_code=stock.central,
                 to_code=stock.regional)
    service.move(app, admin, kind="issue", part_number=stock.fan, quantity=Decimal("1.5"), from_code=stock.regional,
                 ref="INC-2026-000001")
    assert on_hand(app, stock.fan, stock.central) == 6
    assert on_hand(app, stock.fan, stock.regional) == Decimal("2.5")
    assert on_hand(app, stock.fan) == Decimal("8.5")
    issued = events[-1].payload
    assert (issued["kind"], issued["quantity"], issued["return_due"]) == ("issue", "1.5", None)


def test_stock_never_goes_negative(app, admin, stock):
    service.move(app, admin, kind="receipt", part_number=stock.fan, quantity=2, to_code=stock.regional)
    with pytest.raises(ValidationError, match=f"{stock.regional} holds 2 of {stock.fan}; it cannot give 3"):
        service.move(app, admin, kind="issue", part_number=stock.fan, quantity=3, from_code=stock.regional)
    assert on_hand(app, stock.fan, stock.regional) == 2


def test_concurrent_clerks_cannot_both_issue_the_last_units(app, admin, stock):
    service.move(app, admin, kind="receipt", part_number=stock.fan, quantity=3, to_code=stock.regional)
    outcomes = []

    def issue():
        try:
            service.move(app, admin, kind="issue", part_number=stock.fan, quantity=2, from_code=stock.regional)
            outcomes.append("issued")
        except ValidationError:
            outcomes.append("refused")

    threads = [threading.Thread(target=issue) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["issued", "refused", "refused", "refused"]
    assert on_hand(app, stock.fan, stock.regional) == 1


def test_serialized_parts_move_by_serial(app, admin, stock, events):
    serial = unique("SN")
    service.move(app, admin, kind="receipt", part_number=stock.disk, quantity=1, serial=serial, to_code=stock.central)
    with pytest.raises(ValidationError, match="in stock already"):
        service.move(app, admin, kind="receipt", part_number=stock.disk, quantity=1, serial=serial,
                     to_code=stock.regional)
    with pytest.raises(ValidationError, match="cannot give serial"):
        service.move(app, admin, kind="issue", part_number=stock.disk, quantity=1, serial=unique("SN"),
                     from_code=stock.central)
    settings.set_value(app, admin, "spares.return_due_days", 10)
    try:
        service.move(app, admin, kind="issue", part_number=stock.disk, quantity=1, serial=serial,
                     from_code=stock.central, ref="INC-2026-000002")
    finally:
        settings.set_value(app, admin, "spares.return_due_days", 15)
    issued = events[-1]
    assert issued.payload["return_due"] == (issued.at + timedelta(days=10)).date().isoformat()
    assert on_hand(app, stock.disk) == 0
    service.move(app, admin, kind="defective_return", part_number=stock.disk, quantity=1, serial=serial,
                 to_code=stock.defective, ref="INC-2026-000002")
    assert on_hand(app, stock.disk, stock.defective) == 1


@pytest.mark.parametrize(("change", "field"), [
    pytest.param(lambda s: {"kind": "teleport"}, "kind", id="kind"),
    pytest.param(lambda s: {"quantity": 0}, "quantity", id="zero"),
    pytest.param(lambda s: {"quantity": -2}, "quantity", id="negative"),
    pytest.param(lambda s: {"quantity": 1.5}, "quantity", id="float"),
    pytest.param(lambda s: {"quantity": "1.0005"}, "quantity", id="too-precise"),
    pytest.param(lambda s: {"quantity": "lots"}, "quantity", id="not-a-number"),
    pytest.param(lambda s: {"part_number": "NO-SUCH-PART"}, "part_number", id="unknown-part"),
    pytest.param(lambda s: {"to_code": None}, "to_code", id="no-destination"),
    pytest.param(lambda s: {"to_code": s.defective}, "to_code", id="receipt-into-defective"),
    pytest.param(lambda s: {"from_code": s.central}, "from_code", id="receipt-from-inside"),
    pytest.param(lambda s: {"serial": "SN1"}, "serial", id="serial-on-plain-part"),
    pytest.param(lambda s: {"part_number": s.disk}, "serial", id="serialized-without-serial"),
])
def test_bad_moves_are_refused(app, admin, stock, change, field):
    values = {"kind": "receipt", "part_number": stock.fan, "quantity": 1, "to_code": stock.central, **change(stock)}
    with pytest.raises(ValidationError) as raised:
        service.move(app, admin, **values)
    assert raised.value.field == field and str(raised.value)


@pytest.mark.parametrize(("fields", "field"), [
    ({"part_number": " "}, "part_number"),
    ({"name": ""}, "name"),
    ({"unit_cost": "-1"}, "unit_cost"),
    ({"unit_cost": "1.999"}, "unit_cost"),
    ({"unit_cost": 9.99}, "unit_cost"),
])
def test_bad_parts_are_refused(app, admin, fields, field):
    values = {"part_number": unique("P-"), "name": "Part", "unit_cost": "1.00", **fields}
    with pytest.raises(ValidationError) as raised:
        service.create_part(app, admin, **values)
    assert raised.value.field == field


def test_part_numbers_and_location_codes_are_unique(app, admin, stock):
    with pytest.raises(ValidationError, match="exists already"):
        service.create_part(app, admin, part_number=stock.fan.lower(), name="Again", unit_cost=1)
    with pytest.raises(ValidationError, match="is taken"):
        service.create_location(app, admin, code=stock.central, name="Again", kind="central")
    with pytest.raises(ValidationError, match="not a location kind"):
        service.create_location(app, admin, code=unique("L"), name="Moon base", kind="moon")


def test_only_the_back_office_records_moves(app, make_actor, stock):
    with pytest.raises(PermissionDenied, match="spares.edit"):
        service.move(app, make_actor("read_only"), kind="receipt", part_number=stock.fan, quantity=1,
                     to_code=stock.central)
    with pytest.raises(PermissionDenied):
        service.create_part(app, make_actor("engineer"), part_number=unique("P-"), name="x", unit_cost=1)


def test_api_names_unknown_parts_and_locations(app, stock):
    with pytest.raises(NotFound):
        on_hand(app, "NO-SUCH-PART")
    with pytest.raises(NotFound):
        on_hand(app, stock.fan, "NOWHERE")
