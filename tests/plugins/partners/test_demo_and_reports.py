"""The partners demo seeder and the orders-by-partner chart."""

from datetime import timedelta

from matplotlib.figure import Figure
from sqlalchemy import select

from console.api import ServiceCentre, utcnow
from plugins.partners import demo, reports, service
from plugins.partners.models import FINAL_STATUSES, ORDER_STATUSES, Partner, ServiceOrder
from tests.plugins import unique


def test_tiny_seed_uses_service_centre_codes_and_numbers_orders_per_partner(app, admin, demo_context):
    centre_code = unique("SC")
    with app.session() as session:
        session.add(ServiceCentre(code=unique("C"), name="深圳服务站", latitude=22.5, longitude=114.1,
                                  partner_code=centre_code))
        before = set(session.scalars(select(ServiceOrder.id)))
    ctx = demo_context(partners=1000, incidents=400)
    demo.seed(ctx)
    with app.session() as session:
        orders = [o for o in session.scalars(select(ServiceOrder)) if o.id not in before]
        partners = {p.id: p for p in session.scalars(select(Partner))}
    assert len(orders) == 40
    assert centre_code in {p.code for p in partners.values()}
    assert {o.status for o in orders} <= set(ORDER_STATUSES)
    assert all(o.closed_at is None or o.dispatched_at < o.closed_at <= ctx.now for o in orders)
    assert all(o.number.startswith(partners[o.partner_id].code + "-") for o in orders)
    assert all(o.dispatched_at >= ctx.now - timedelta(days=366) for o in orders)
    assert {o.status for o in orders if ctx.now - o.dispatched_at > timedelta(days=3)} <= set(FINAL_STATUSES) | {"confirmed"}
    # the counters moved on: a new order of a demo partner gets the next number
    busiest = max(partners.values(), key=lambda p: sum(o.partner_id == p.id for o in orders))
    used = max(int(o.number.rsplit("-", 1)[1]) for o in orders if o.partner_id == busiest.id)
    assert service.create_service_order(app, admin, partner_code=busiest.code) == f"{busiest.code}-{used + 1:06d}"


def test_orders_by_partner_chart(app, admin, context):
    code = unique("GZ")
    service.create_partner(app, admin, code=code, name=f"广州粤维 {code}", level="silver")
    for _ in range(3):
        service.create_service_order(app, admin, partner_code=code)
    with app.session() as session:
        assert reports.orders_by_partner(session, utcnow() - timedelta(days=1), limit=10_000)[f"广州粤维 {code}"] == 3
        shown = reports.orders_by_partner(session, utcnow() - reports.PERIOD)
    figure = Figure()
    reports.draw_orders_by_partner(figure, context)
    (axes,) = figure.axes
    counts = {label.get_text(): bar.get_width() for label, bar in zip(axes.get_yticklabels(), axes.patches)}
    assert counts == shown and 0 < len(counts) <= reports.SHOWN
