"""Fill rate and hit rate exactly as DOMAIN.md defines them, on an example computed by hand."""

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select, update

from plugins.spares.models import Location, Return
from plugins.spares.service import kpis, requests, returns, shipments, stock
from plugins.spares.service.common import policy
from plugins.spares.service.shipments import Line
from console.api import utcnow
from tests.plugins import unique


def test_fill_hit_overdue_loss_and_transport_on_a_hand_computed_month(app, admin, make_actor, net):
    depot, partner_depot = net.regional, net.consignment
    stock.receive(app, admin, part_number=net.fan, quantity=10, to_code=depot)
    stock.receive(app, admin, part_number=net.fan, quantity=5, to_code=net.central)
    stock.receive(app, admin, part_number=net.fan, quantity=2, to_code=partner_depot)
    disks = [unique("SN") for _ in range(3)]
    stock.receive(app, admin, part_number=net.disk, serial=disks, to_code=depot)

    def request(quantity):
        return requests.create_request(app, admin, ref=unique("PRJ-"), part_number=net.fan, quantity=quantity,
                                       depot_code=depot, reserve=False)

    r1, r2, r3 = request(2), request(1), request(3)
    request(1)  # r4: stays open, a request that is not filled
    r5 = request(1)
    (first_fan,) = stock.issue(app, admin, request_id=r1, from_code=depot)  # in full, from the depot: a hit
    stock.issue(app, admin, request_id=r2, from_code=net.central)  # another depot: not filled at first issue
    stock.issue(app, admin, request_id=r3, from_code=depot, quantity=1)  # short first issue
    stock.issue(app, admin, request_id=r3, from_code=depot, quantity=2)
    requests.cancel(app, admin, r5)
    stock.return_unused(app, admin, issue_id=first_fan, to_code=depot, quantity=1)  # one fan was not used
    refs = [unique("JOB-") for _ in disks]
    for serial, ref in zip(disks, refs):
        stock.issue(app, admin, part_number=net.disk, serial=serial, from_code=depot, ref=ref)
    with app.session() as session:
        ids = {ref: session.scalar(select(Return.id).where(Return.ref == ref)) for ref in refs}
    returns.receive(app, admin, ids[refs[0]], serial=disks[0], to_code=net.defective)
    returns.inspect(app, admin, ids[refs[0]], outcome="good_unused", to_code=depot)  # a miss
    today = policy(app).local_date(utcnow())
    with app.session() as session:
        session.execute(update(Return).where(Return.id == ids[refs[1]]).values(due_on=today - timedelta(days=1)))
        session.execute(update(Return).where(Return.id == ids[refs[2]]).values(due_on=today - timedelta(days=40)))
    returns.request_write_off(app, admin, ids[refs[2]], reason="遗失")
    returns.decide_write_off(app, make_actor("team_lead"), ids[refs[2]], approve=True)
    requests.create_request(app, admin, ref=unique("PRJ-"), part_number=net.fan, quantity=1,
                            depot_code=partner_depot)
    partner_request = requests.create_request(app, admin, ref=unique("PRJ-"), part_number=net.fan, quantity=1,
                                              depot_code=partner_depot)
    stock.issue(app, admin, request_id=partner_request, from_code=partner_depot)
    shipments.ship(app, admin, from_code=net.central, to_code=depot, lines=[Line(net.fan, 1)], cost="100.00")

    now, tz = utcnow(), kpis.zone(app)
    with app.session() as session:
        location = dict(session.execute(select(Location.code, Location.id)).all())
        by_depot = {r.key: r for r in kpis.figures(tz, session, now - timedelta(hours=1), now + timedelta(hours=1),
                                                   "depot")}
        by_partner = {r.key: r for r in kpis.figures(tz, session, now - timedelta(hours=1),
                                                     now + timedelta(hours=1), "partner")}
    row = by_depot[str(location[depot])]
    assert (row.requests, row.filled_first, row.fill_rate) == (4, 1, Decimal("25.0"))  # r1 of r1…r4
    assert (row.issued, row.unused, row.hit_rate) == (8, 2, Decimal("75.0"))  # 5 fans + 3 disks; 1 fan, 1 disk
    assert (row.overdue, row.loss_value) == (1, Decimal("1999.00"))
    assert row.issued_value == Decimal("5") * Decimal("180.50") + 3 * Decimal("1999.00")
    assert row.turnover is not None and row.code == depot
    central = by_depot[str(location[net.central])]
    assert (central.issued, central.shipments, central.cost_per_shipment) == (1, 1, Decimal("100.00"))
    partner = by_partner[net.partner]
    assert (partner.requests, partner.filled_first, partner.fill_rate, partner.hit_rate) == (
        2, 1, Decimal("50.0"), Decimal("100.0"))
    assert by_depot["*"].requests >= 6


def test_months_are_calendar_months_in_the_organisation_zone(app):
    tz = kpis.zone(app)
    start, end = kpis.month_bounds(tz, "2026-02")
    assert (start.isoformat(), end.isoformat()) == ("2026-02-01T00:00:00+08:00", "2026-03-01T00:00:00+08:00")
    months = kpis.recent_months(tz, 3, today=utcnow().astimezone(tz).date().replace(year=2026, month=1, day=15))
    assert months == ["2025-11", "2025-12", "2026-01"]
    assert kpis.complete_months(tz, 2)[-1] < kpis.recent_months(tz, 1)[0]


def test_a_year_by_month_has_a_row_per_month_after_the_total(app):
    tz = kpis.zone(app)
    months = kpis.complete_months(tz, 3)
    start, end = kpis.month_bounds(tz, months[0])[0], kpis.month_bounds(tz, months[-1])[1]
    assert kpis.months_between(tz, start, end) == months
    with app.session() as session:
        rows = kpis.table(tz, session, start, end, "month")
    assert [r.key for r in rows] == ["*", *months]
    assert rows[0].requests == sum(r.requests for r in rows[1:])
