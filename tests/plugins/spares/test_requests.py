"""Requests and reservations: stock held for an incident, issued against, released, expired; never over-held."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from console.api import Actor, Context, PermissionDenied, ValidationError, utcnow
from plugins.spares.models import Request, Reservation
from plugins.spares.service import requests, stock
from tests.plugins.spares import concurrently


def held(app, request_id) -> Decimal:
    with app.session() as session:
        return session.scalar(select(func.coalesce(func.sum(Reservation.quantity), 0)).where(
            Reservation.request_id == request_id, Reservation.status == "active"))


def get(app, request_id) -> Request:
    with app.session() as session:
        return session.get(Request, request_id)


def test_a_request_holds_stock_that_others_cannot_issue(app, admin, make_actor, net):
    engineer = make_actor("engineer")
    stock.receive(app, admin, part_number=net.fan, quantity=3, to_code=net.regional)
    first = requests.create_request(app, engineer, ref="PRJ-01", part_number=net.fan, quantity=2,
                                    depot_code=net.regional)
    assert held(app, first) == 2
    second = requests.create_request(app, engineer, ref="PRJ-02", part_number=net.fan, quantity=2,
                                     depot_code=net.regional)
    assert held(app, second) == 1  # what was left
    with pytest.raises(ValidationError, match=r"Only 0 of .* available .* 3 of the 3 there are reserved"):
        stock.issue(app, admin, part_number=net.fan, quantity=1, from_code=net.regional, ref="OTHER-1")
    stock.issue(app, admin, request_id=first, from_code=net.regional)
    request = get(app, first)
    assert (request.status, request.issued_quantity, request.first_issue_full) == ("filled", 2, True)
    assert held(app, first) == 0 and held(app, second) == 1


def test_a_first_issue_from_another_depot_or_short_is_not_filled_in_full(app, admin, net):
    stock.receive(app, admin, part_number=net.fan, quantity=5, to_code=net.central)
    request_id = requests.create_request(app, admin, ref="PRJ-03", part_number=net.fan, quantity=2,
                                         depot_code=net.regional)
    assert held(app, request_id) == 0  # nothing at the designated depot
    stock.issue(app, admin, request_id=request_id, from_code=net.central, quantity=1)
    request = get(app, request_id)
    assert (request.status, request.first_issue_full) == ("open", False)
    stock.issue(app, admin, request_id=request_id, from_code=net.central)
    request = get(app, request_id)
    assert (request.status, request.issued_quantity, request.first_issue_full) == ("filled", 2, False)
    with pytest.raises(ValidationError, match="is filled"):
        stock.issue(app, admin, request_id=request_id, from_code=net.central)


def test_six_engineers_reserving_the_last_three_units_at_once_hold_exactly_three(app, admin, net):
    stock.receive(app, admin, part_number=net.fan, quantity=3, to_code=net.regional)
    ids = concurrently(6, lambda n: requests.create_request(app, admin, ref=f"PRJ-1{n}", part_number=net.fan,
                                                           quantity=1, depot_code=net.regional))
    assert sorted(held(app, i) for i in ids) == [0, 0, 0, 1, 1, 1]


def test_release_cancel_and_who_may(app, admin, make_actor, net):
    engineer, other = make_actor("engineer"), make_actor("engineer")
    stock.receive(app, admin, part_number=net.fan, quantity=2, to_code=net.regional)
    request_id = requests.create_request(app, engineer, ref="PRJ-04", part_number=net.fan, quantity=1,
                                         depot_code=net.regional)
    assert requests.release(app, engineer, request_id) == 1
    with pytest.raises(ValidationError, match="holds no stock"):
        requests.release(app, engineer, request_id)
    assert requests.reserve(app, engineer, request_id, hours=4) == 1
    with pytest.raises(ValidationError, match="fully reserved"):
        requests.reserve(app, engineer, request_id)
    with pytest.raises(ValidationError, match="only they or the spare-parts desk"):
        requests.cancel(app, other, request_id)
    requests.cancel(app, engineer, request_id)
    assert get(app, request_id).status == "cancelled" and held(app, request_id) == 0
    with pytest.raises(PermissionDenied, match="spares.request"):
        requests.create_request(app, make_actor("read_only"), ref="PRJ-05", part_number=net.fan,
                                quantity=1, depot_code=net.regional)


@pytest.mark.parametrize(("change", "field"), [
    ({"quantity": 0}, "quantity"), ({"part_number": "NOPE"}, "part_number"), ({"depot_code": "NOWHERE"}, "depot_code"),
    ({"ref": ""}, "ref"), ({"hours": 0}, "hours")])
def test_bad_requests_are_refused(app, admin, net, change, field):
    values = {"ref": "PRJ-06", "part_number": net.fan, "quantity": 1, "depot_code": net.regional, **change}
    with pytest.raises(ValidationError) as refused:
        requests.create_request(app, admin, **values)
    assert refused.value.field == field


def test_the_job_releases_expired_reservations_and_tells_the_requester(app, admin, make_actor, net):
    engineer = make_actor("engineer", locale="zh_CN")
    stock.receive(app, admin, part_number=net.fan, quantity=1, to_code=net.regional)
    request_id = requests.create_request(app, engineer, ref="PRJ-07", part_number=net.fan, quantity=1,
                                         depot_code=net.regional)
    with app.session() as session:
        session.execute(update(Reservation).where(Reservation.request_id == request_id)
                        .values(expires_at=utcnow() - timedelta(minutes=1)))
    summary = requests.expire_reservations(Context(app, Actor.system()))
    assert summary.endswith("reservation(s) expired") and held(app, request_id) == 0
    from console.core.models import Notification

    with app.session() as session:
        (title,) = session.scalars(select(Notification.title).where(Notification.user_id == engineer.user_id))
    assert title == f"{get(app, request_id).number} 的预留已过期"


