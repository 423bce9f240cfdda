"""The spares demo seeder, the part search and the stock-value chart."""

from collections import defaultdict
from decimal import Decimal

from matplotlib.figure import Figure
from sqlalchemy import select

from plugins.spares import demo, reports, service
from plugins.spares.models import Location, Move, Part
from tests.plugins import unique


def test_tiny_seed_never_takes_a_location_below_zero(app, demo_context):
    with app.session() as session:
        before = set(session.scalars(select(Part.id)))
    demo.seed(demo_context(parts=24, incidents=200))
    with app.session() as session:
        parts = {p.id: p for p in session.scalars(select(Part)) if p.id not in before}
        moves = session.scalars(select(Move).where(Move.part_id.in_(parts)).order_by(Move.at, Move.id)).all()
        kinds = dict(session.execute(select(Location.id, Location.kind)).all())
    assert len(parts) == 24 and len(moves) > 24 * 5
    balance: dict[tuple, Decimal] = defaultdict(Decimal)
    for m in moves:
        if m.from_location_id is not None:
            balance[m.part_id, m.from_location_id, m.serial] -= m.quantity
            assert balance[m.part_id, m.from_location_id, m.serial] >= 0, m.kind
        if m.to_location_id is not None:
            balance[m.part_id, m.to_location_id, m.serial] += m.quantity
        assert (m.serial is not None) == parts[m.part_id].serialized
    assert {m.kind for m in moves} >= {"receipt", "transfer", "issue", "defective_return", "repair_send"}
    assert {kinds[m.to_location_id] for m in moves if m.kind == "defective_return"} == {"defective"}


def test_search_by_part_number_and_name(app, admin, context):
    number = unique("PSU-")
    service.create_part(app, admin, part_number=number, name=f"电源模块 {number} 800W", unit_cost="1234.50")
    (hit,) = service.search(context, number[:8].lower(), 10)
    assert (hit.key, hit.subtitle, hit.page_id) == (number, "1,234.50", service.PAGE_ID)
    assert [h.key for h in service.search(context, f"模块 {number}", 10)] == [number]


def test_stock_value_chart(app, admin, context):
    depot, part = unique("DEPOT"), unique("LCD-")
    service.create_location(app, admin, code=depot, name=f"成都备件库 {depot}", kind="regional")
    service.create_part(app, admin, part_number=part, name="液晶屏", unit_cost="700.25")
    service.move(app, admin, kind="receipt", part_number=part, quantity=4, to_code=depot)
    service.move(app, admin, kind="issue", part_number=part, quantity=1, from_code=depot)
    with app.session() as session:
        assert reports.stock_value_by_depot(session)[f"成都备件库 {depot}"] == Decimal("2100.75")
    figure = Figure()
    reports.draw_stock_value(figure, context)
    (axes,) = figure.axes
    values = {label.get_text(): bar.get_width() for label, bar in zip(axes.get_yticklabels(), axes.patches)}
    assert values[f"成都备件库 {depot}"] == 2100.75
