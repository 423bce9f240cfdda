"""The return loop: expected → received → inspected → repair → refurbished or scrapped; overdue, losses,
wrong shipments."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from console.api import Actor, Context, PermissionDenied, ValidationError, utcnow
from plugins.spares.api import defective_returns, issued_parts, stock_on_hand
from plugins.spares.models import Discrepancy, Return
from plugins.spares.service import discrepancies, returns, stock
from plugins.spares.service.common import policy
from tests.plugins import unique


def on_hand(app, part, location=None):
    with app.session() as session:
        return stock_on_hand(session, part, location)


def the_return(app, ref) -> Return:
    with app.session() as session:
        return session.scalars(select(Return).where(Return.ref == ref)).one()


def issue_disk(app, actor, net, ref, **extra):
    serial = unique("SN")
    stock.receive(app, actor, part_number=net.disk, serial=serial, to_code=net.regional)
    stock.issue(app, actor, part_number=net.disk, serial=serial, from_code=net.regional, ref=ref, **extra)
    return serial


def test_the_whole_loop_ends_refurbished_in_stock(app, admin, net, events):
    ref = unique("JOB-")
    issued = issue_disk(app, admin, net, ref)
    due = events[-1].payload["return_due"]
    row = the_return(app, ref)
    assert (row.state, row.issued_serial, row.due_on.isoformat()) == ("expected", issued, due)
    assert row.due_on == policy(app).local_date(row.issued_at) + timedelta(days=15)
    broken = unique("SN")
    assert returns.receive(app, admin, row.id, serial=broken, to_code=net.defective) == row.id
    assert on_hand(app, net.disk, net.defective) == 1
    returns.inspect(app, admin, row.id, outcome="defective")
    returns.send_to_repair(app, admin, [row.id], vendor_code=net.repair)
    assert on_hand(app, net.disk, net.repair) == 1 and on_hand(app, net.disk, net.defective) == 0
    returns.back_from_repair(app, admin, row.id, to_code=net.central)
    row = the_return(app, ref)
    assert (row.state, row.outcome, row.received_serial) == ("refurbished", "defective", broken)
    assert on_hand(app, net.disk, net.central) == 1 and row.closed_at is not None
    with app.session() as session:
        issued_rows = session.execute(issued_parts().where(issued_parts().selected_columns.ref == ref)).all()
        returned = defective_returns().subquery()
        back = session.execute(select(returned).where(returned.c.ref == ref)).all()
    assert [(r.part_number, r.serial) for r in issued_rows] == [(net.disk, issued)]
    assert [(r.part_number, r.serial) for r in back] == [(net.disk, broken)]


def test_a_unit_beyond_repair_is_scrapped(app, admin, net):
    ref = unique("JOB-")
    issue_disk(app, admin, net, ref)
    row = the_return(app, ref)
    returns.receive(app, admin, row.id, serial=unique("SN"), to_code=net.defective)
    returns.send_to_repair(app, admin, [row.id], vendor_code=net.repair)  # received → repair: defective implied
    returns.scrap(app, admin, row.id)
    row = the_return(app, ref)
    assert (row.state, row.outcome) == ("scrapped", "defective")
    assert on_hand(app, net.disk, net.repair) == 0
    with pytest.raises(ValidationError, match="scrapped"):
        returns.back_from_repair(app, admin, row.id, to_code=net.central)


def test_good_unused_goes_back_to_stock_and_is_a_miss(app, admin, net):
    ref = unique("JOB-")
    issued = issue_disk(app, admin, net, ref)
    row = the_return(app, ref)
    returns.receive(app, admin, row.id, serial=issued, to_code=net.defective)
    with pytest.raises(ValidationError, match="depot it goes back to"):
        returns.inspect(app, admin, row.id, outcome="good_unused")
    returns.inspect(app, admin, row.id, outcome="good_unused", to_code=net.regional)
    row = the_return(app, ref)
    assert (row.state, row.outcome) == ("restocked", "good_unused")
    assert on_hand(app, net.disk, net.regional) == 1


def test_a_different_serial_is_a_wrong_shipment_never_silently_accepted(app, admin, net):
    ref, expected = unique("JOB-"), unique("OLD")
    issue_disk(app, admin, net, ref, defective_serial=expected)
    row = the_return(app, ref)
    wrong = unique("SN")
    with pytest.raises(ValidationError, match=f"expects serial {expected}") as refused:
        returns.receive(app, admin, row.id, serial=wrong, to_code=net.defective)
    assert refused.value.field == "serial" and the_return(app, ref).state == "expected"
    returns.receive(app, admin, row.id, serial=wrong, to_code=net.defective, accept_mismatch=True)
    with app.session() as session:
        logged = session.scalars(select(Discrepancy).where(Discrepancy.source == row.number)).one()
    assert (logged.kind, logged.status, logged.expected_serial, logged.received_serial) == (
        "return_serial", "open", expected, wrong)
    with pytest.raises(ValidationError, match="what was found"):
        discrepancies.reconcile(app, admin, logged.id, resolution="accepted", note=" ")
    discrepancies.reconcile(app, admin, logged.id, resolution="charged_back", note="服务商承认发错，已扣款")
    with pytest.raises(ValidationError, match="reconciled already"):
        discrepancies.reconcile(app, admin, logged.id, resolution="accepted", note="again")


def test_the_wrong_part_back_is_logged(app, admin, net):
    ref = unique("JOB-")
    issue_disk(app, admin, net, ref)
    row = the_return(app, ref)
    with pytest.raises(ValidationError, match=f"expects {net.disk}, but {net.psu} came back"):
        returns.receive(app, admin, row.id, part_number=net.psu, to_code=net.defective)
    returns.receive(app, admin, row.id, part_number=net.psu, to_code=net.defective, accept_mismatch=True)
    returns.inspect(app, admin, row.id, outcome="wrong_part", note="型号不符")
    with app.session() as session:
        kinds = sorted(session.scalars(select(Discrepancy.kind).where(Discrepancy.source == row.number)))
    assert kinds == ["return_part", "return_part"]
    assert on_hand(app, net.psu, net.defective) == 1


def test_an_unexpected_defective_return_opens_its_own_return(app, admin, net):
    ref = unique("JOB-")
    return_id = returns.receive(app, admin, None, ref=ref, part_number=net.disk, serial=unique("SN"),
                                to_code=net.defective)
    row = the_return(app, ref)
    assert row.id == return_id and row.state == "received" and row.issue_id is None


def test_overdue_loss_and_a_write_off_needs_another_approver(app, admin, make_actor, net):
    clerk, approver = make_actor("back_office"), make_actor("team_lead")
    ref = unique("JOB-")
    issue_disk(app, admin, net, ref)
    row = the_return(app, ref)
    with pytest.raises(ValidationError, match="not overdue yet"):
        returns.request_write_off(app, clerk, row.id, reason="lost")
    with app.session() as session:  # the issue was 50 days ago
        session.execute(update(Return).where(Return.id == row.id).values(
            due_on=policy(app).local_date(utcnow()) - timedelta(days=35)))
    with app.session() as session:
        assert session.scalar(select(Return.id).where(returns.overdue_clause(policy(app).local_date(utcnow())),
                                                      Return.id == row.id)) == row.id
    with pytest.raises(ValidationError, match="Say why"):
        returns.request_write_off(app, clerk, row.id, reason="")
    returns.request_write_off(app, clerk, row.id, reason="工程师确认遗失")
    with pytest.raises(PermissionDenied, match="spares.approve"):
        returns.decide_write_off(app, clerk, row.id, approve=True)
    lead = make_actor("team_lead", "back_office")
    returns.decide_write_off(app, approver, row.id, approve=False, note="再找找")
    assert the_return(app, ref).state == "expected"
    returns.request_write_off(app, lead, row.id, reason="确认遗失")
    with pytest.raises(ValidationError, match="another approver"):
        returns.decide_write_off(app, lead, row.id, approve=True)
    returns.decide_write_off(app, approver, row.id, approve=True)
    row = the_return(app, ref)
    assert (row.state, row.loss_value, row.written_off_by) == ("written_off", 1999, approver.username)


def test_newly_overdue_returns_are_announced_once(app, admin, desk, net):
    ref = unique("JOB-")
    issue_disk(app, admin, net, ref)
    row = the_return(app, ref)
    with app.session() as session:
        session.execute(update(Return).where(Return.id == row.id).values(
            due_on=policy(app).local_date(utcnow()) - timedelta(days=1)))
    context = Context(app, Actor.system())
    returns.notify_overdue(context)
    returns.notify_overdue(context)
    assert [t for t in desk.titles() if row.number in t] == [
        f"Defective {net.disk} for {ref} is overdue ({row.number})"]
