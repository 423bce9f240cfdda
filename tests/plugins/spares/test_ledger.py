"""The ledger: the only way stock changes, never below zero, also for concurrent clerks on every backend."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from console.api import NotFound, PermissionDenied, ValidationError
from plugins.spares.api import stock_on_hand
from plugins.spares.service import catalogue, ledger, stock
from tests.plugins import unique
from tests.plugins.spares import concurrently


def on_hand(app, part, location=None) -> Decimal:
    with app.session() as session:
        return stock_on_hand(session, part, location)


def test_receipt_transfer_issue_keep_the_ledger_balanced(app, admin, net, events):
    stock.receive(app, admin, part_number=net.fan, quantity=10, to_code=net.central, ref="PO-1")
    stock.move(app, admin, kind="transfer", part_number=net.fan.lower(), quantity="4", from_code=net.central,
               to_code=net.regional)
    stock.issue(app, admin, part_number=net.fan, quantity=Decimal("1.5"), from_code=net.regional,
                ref="PRJ-2026-7")
    assert on_hand(app, net.fan, net.central) == 6
    assert on_hand(app, net.fan, net.regional) == Decimal("2.5")
    assert on_hand(app, net.fan) == Decimal("8.5")
    issued = events[-1].payload
    assert issued["kind"] == "issue" and issued["quantity"] == "1.5" and issued["return_due"] is None
    assert issued["ref"] == "PRJ-2026-7" and issued["from_code"] == net.regional and issued["to_code"] is None


def test_stock_never_goes_negative(app, admin, net):
    stock.receive(app, admin, part_number=net.fan, quantity=2, to_code=net.regional)
    with pytest.raises(ValidationError, match=f"Only 2 of {net.fan} left at {net.regional}; it cannot give 3"):
        stock.issue(app, admin, part_number=net.fan, quantity=3, from_code=net.regional, ref="X-1")
    assert on_hand(app, net.fan, net.regional) == 2


def test_ten_clerks_issue_the_last_five_units_at_once(app, admin, net):
    """Separate sessions in separate threads: exactly five win, the others are told how many are left."""
    stock.receive(app, admin, part_number=net.fan, quantity=5, to_code=net.regional)
    outcomes = concurrently(10, lambda n: stock.issue(app, admin, part_number=net.fan, quantity=1,
                                                      from_code=net.regional, ref=f"JOB-{n}") and "issued")
    assert outcomes.count("issued") == 5
    assert [o for o in outcomes if o != "issued"] == [f"{net.regional} has no {net.fan} left."] * 5
    assert on_hand(app, net.fan, net.regional) == 0


def test_the_last_serial_issued_from_two_connections_at_once(app, admin, net):
    serial = unique("SN")
    stock.receive(app, admin, part_number=net.disk, serial=serial, to_code=net.regional)
    outcomes = concurrently(2, lambda n: stock.issue(app, admin, part_number=net.disk, serial=serial,
                                                     from_code=net.regional, ref=f"JOB-{n}") and "issued")
    assert sorted(outcomes) == sorted(["issued", f"Serial {serial} of {net.disk} is not at {net.regional}; "
                                                 "check the serial."])


def test_serialized_parts_move_by_serial(app, admin, net):
    first, second = unique("SN"), unique("SN")
    ids = stock.receive(app, admin, part_number=net.disk, serial=f"{first}\n{second}", to_code=net.central)
    assert len(ids) == 2 and on_hand(app, net.disk, net.central) == 2
    with pytest.raises(ValidationError, match="in stock already"):
        stock.receive(app, admin, part_number=net.disk, serial=first, to_code=net.regional)
    with pytest.raises(ValidationError, match="given twice"):
        stock.receive(app, admin, part_number=net.disk, serial=f"{unique('SN')}, X1, X1", to_code=net.regional)
    with pytest.raises(ValidationError, match="2 serials but a quantity of 3"):
        stock.receive(app, admin, part_number=net.disk, serial=f"{unique('SN')} {unique('SN')}", quantity=3,
                      to_code=net.regional)
    with pytest.raises(ValidationError, match="is not at"):
        stock.issue(app, admin, part_number=net.disk, serial=unique("SN"), from_code=net.central, ref="X-1")


@pytest.mark.parametrize(("change", "field"), [
    pytest.param(lambda n: {"kind": "teleport"}, "kind", id="kind"),
    pytest.param(lambda n: {"quantity": 0}, "quantity", id="zero"),
    pytest.param(lambda n: {"quantity": -2}, "quantity", id="negative"),
    pytest.param(lambda n: {"quantity": 1.5}, "quantity", id="float"),
    pytest.param(lambda n: {"quantity": "1.0005"}, "quantity", id="too-precise"),
    pytest.param(lambda n: {"quantity": "lots"}, "quantity", id="not-a-number"),
    pytest.param(lambda n: {"part_number": "NO-SUCH-PART"}, "part_number", id="unknown-part"),
    pytest.param(lambda n: {"to_code": None}, "to_code", id="no-destination"),
    pytest.param(lambda n: {"to_code": "NOWHERE"}, "to_code", id="unknown-location"),
    pytest.param(lambda n: {"to_code": n.defective}, "to_code", id="receipt-into-defective"),
    pytest.param(lambda n: {"from_code": n.central}, "from_code", id="receipt-from-inside"),
    pytest.param(lambda n: {"serial": "SN1"}, "serial", id="serial-on-plain-part"),
    pytest.param(lambda n: {"part_number": n.disk}, "serial", id="serialized-without-serial"),
    pytest.param(lambda n: {"kind": "transfer", "from_code": n.central}, "to_code", id="transfer-to-itself"),
])
def test_bad_moves_are_refused(app, admin, net, change, field):
    stock.receive(app, admin, part_number=net.fan, quantity=3, to_code=net.central)
    values = {"kind": "receipt", "part_number": net.fan, "quantity": 1, "to_code": net.central, **change(net)}
    with pytest.raises(ValidationError) as raised:
        stock.move(app, admin, **values)
    assert raised.value.field == field and str(raised.value)


def test_only_the_back_office_records_moves(app, make_actor, net):
    with pytest.raises(PermissionDenied, match="spares.move"):
        stock.receive(app, make_actor("read_only"), part_number=net.fan, quantity=1, to_code=net.central)
    with pytest.raises(PermissionDenied, match="spares.move"):
        stock.issue(app, make_actor("engineer"), part_number=net.fan, quantity=1, from_code=net.central, ref="X")


def test_large_adjustments_and_losses_in_transit_need_an_approver(app, admin, make_actor, net):
    clerk = make_actor("back_office")
    stock.move(app, clerk, kind="count_adjustment", part_number=net.fan, quantity=2, to_code=net.central)
    with pytest.raises(PermissionDenied, match="spares.approve"):
        stock.move(app, clerk, kind="count_adjustment", part_number=net.fan, quantity=100, to_code=net.central)
    stock.move(app, clerk, kind="transfer", part_number=net.fan, quantity=1, from_code=net.central, to_code=net.transit)
    with pytest.raises(PermissionDenied, match="spares.approve"):
        stock.move(app, clerk, kind="transit_loss", part_number=net.fan, quantity=1, from_code=net.transit)
    stock.move(app, admin, kind="transit_loss", part_number=net.fan, quantity=1, from_code=net.transit)
    assert on_hand(app, net.fan) == 1 and on_hand(app, net.fan, net.transit) == 0


def test_api_names_unknown_parts_and_locations(app, net):
    with pytest.raises(NotFound):
        on_hand(app, "NO-SUCH-PART")
    with pytest.raises(NotFound):
        on_hand(app, net.fan, "NOWHERE")


KINDS = ("receipt", "transfer", "issue", "count_adjustment_in", "count_adjustment_out")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 2), st.integers(0, 2),
                          st.decimals(min_value=Decimal("0.001"), max_value=Decimal(9), places=3)),
                min_size=1, max_size=12))
def test_random_moves_never_break_on_hand_equals_the_ledger(app, admin, net, steps):
    """Whatever is tried, each accepted move keeps every balance = the sum of its ledger lines ≥ 0."""
    part = unique("H-")  # a part of its own for each example: the fixture's network is shared
    catalogue.create_part(app, admin, part_number=part, name="Hypothesis", unit_cost="1.00")
    depots = (net.central, net.regional, net.consignment)
    expected = {d: Decimal(0) for d in depots}
    for kind, a, b, quantity in steps:
        source, target = depots[a], depots[b]
        attempts = {
            "receipt": dict(kind="receipt", to_code=target), "transfer": dict(kind="transfer", from_code=source,
                                                                             to_code=target),
            "issue": dict(kind="issue", from_code=source, ref="H-1"),
            "count_adjustment_in": dict(kind="count_adjustment", to_code=target),
            "count_adjustment_out": dict(kind="count_adjustment", from_code=source)}
        try:
            stock.move(app, admin, part_number=part, quantity=quantity, **attempts[kind])
        except ValidationError:
            continue
        if "from_code" in attempts[kind]:
            expected[source] -= quantity
        if "to_code" in attempts[kind]:
            expected[target] += quantity
    assert all(value >= 0 for value in expected.values())
    assert {d: on_hand(app, part, d) for d in depots} == expected
    with app.session() as session:
        assert ledger.mismatches(session) == []
