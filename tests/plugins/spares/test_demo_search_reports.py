"""The demo seeder, the global search and the dashboard charts."""

from collections import defaultdict
from decimal import Decimal

from matplotlib.figure import Figure
from sqlalchemy import func, select

from plugins.spares import demo, reports
from plugins.spares.models import Location, Move, Part, Request, Return
from plugins.spares.service import catalogue, ledger, search, stock
from plugins.spares.service.common import policy
from tests.plugins import unique


def test_a_demo_year_never_takes_a_location_below_zero(app, demo_context):
    with app.session() as session:
        before = set(session.scalars(select(Part.id)))
    demo.seed(demo_context(parts=24, incidents=400))
    with app.session() as session:
        parts = {p.id: p for p in session.scalars(select(Part)) if p.id not in before}
        moves = session.scalars(select(Move).where(Move.part_id.in_(parts)).order_by(Move.at, Move.id)).all()
        kinds = dict(session.execute(select(Location.id, Location.kind)).all())
        requests = session.scalars(select(Request).where(Request.part_id.in_(parts))).all()
        states = dict(session.execute(select(Return.state, func.count()).where(Return.part_id.in_(parts))
                                      .group_by(Return.state)).all())
        assert ledger.mismatches(session) == []
    assert len(parts) == 24 and len(moves) > 24 * 5
    balance: dict[tuple, Decimal] = defaultdict(Decimal)
    for m in moves:
        if m.from_location_id is not None:
            balance[m.part_id, m.from_location_id, m.serial] -= m.quantity
            assert balance[m.part_id, m.from_location_id, m.serial] >= 0, (m.kind, m.at)
        if m.to_location_id is not None:
            balance[m.part_id, m.to_location_id, m.serial] += m.quantity
        assert (m.serial is not None) == parts[m.part_id].serialized
    assert {m.kind for m in moves} >= {"receipt", "transfer", "issue", "defective_return", "repair_send",
                                       "repair_receipt"}
    assert {kinds[m.to_location_id] for m in moves if m.kind == "defective_return"} == {"defective"}
    statuses = {r.status for r in requests}
    assert "filled" in statuses and statuses <= {"open", "filled", "cancelled"}
    assert any(r.first_issue_full for r in requests) and any(r.first_issue_full is False for r in requests)
    assert {"expected", "refurbished"} <= set(states)
    numbers = [r.number for r in sorted(requests, key=lambda r: (r.requested_at, r.id))]
    assert numbers == sorted(numbers, key=lambda n: (n[3:7], n))  # numbered in time order, per year


def test_search_finds_parts_serials_and_documents(app, admin, context, net):
    number, serial = unique("PSU-"), unique("SN")
    catalogue.create_part(app, admin, part_number=number, name=f"电源模块 {number} 800W", unit_cost="1234.50",
                          serialized=True)
    stock.receive(app, admin, part_number=number, serial=serial, to_code=net.central)
    (hit,) = [h for h in search.search(context, number[:8].lower(), 10) if h.title.startswith(number)]
    assert (hit.subtitle, hit.page_id) == ("1,234.50", "spares.parts")
    assert [h.title for h in search.search(context, f"模块 {number}", 10)] == [f"{number} 电源模块 {number} 800W"]
    (found,) = search.search(context, serial.lower(), 10)
    assert found.page_id == "spares.stock" and net.central in found.subtitle


def test_stock_value_and_overdue_charts(app, admin, context, net):
    depot = unique("DEPOT")
    catalogue.create_location(app, admin, code=depot, name=f"成都备件库 {depot}", kind="regional")
    stock.receive(app, admin, part_number=net.fan, quantity=4, to_code=depot)
    stock.issue(app, admin, part_number=net.fan, quantity=1, from_code=depot, ref="X-1")
    with app.session() as session:
        assert reports.stock_value_by_depot(session)[f"成都备件库 {depot}"] == Decimal("541.50")
    figure = Figure()
    reports.draw_stock_value(figure, context)
    (axes,) = figure.axes
    values = {label.get_text(): bar.get_width() for label, bar in zip(axes.get_yticklabels(), axes.patches)}
    assert values[f"成都备件库 {depot}"] == 541.5
    with app.session() as session:
        assert isinstance(reports.overdue_by_depot(policy(app), session), dict)
    figure = Figure()
    reports.draw_overdue(figure, context, {"overdue": "Overdue", "loss": "Loss", "none": "None"})
    assert figure.axes
