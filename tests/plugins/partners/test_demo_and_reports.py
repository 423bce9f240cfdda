"""The partners demo seeder (a whole demo database in which every audit rule finds something) and the
dashboard charts: orders per partner, on-time arrival and fix, open findings per rule."""

from datetime import timedelta

import pytest
from matplotlib.figure import Figure
from sqlalchemy import func, select

from console.api import ServiceCentre, utcnow
from console.testing import upgrade_database
from plugins.partners import demo, network, orders, reports
from plugins.partners.models import (
    FINAL_STATUSES,
    NEXT_STEPS,
    Claim,
    Engineer,
    Finding,
    OrderStep,
    Partner,
    RateCard,
    ServiceOrder,
    Settlement,
)
from plugins.partners.rules import all_rules
from tests.plugins import unique


@pytest.fixture
def demo_app(fresh_database_url):
    """A database of its own with the tiny demo of core and every plugin seeded."""
    from console.core import demo as core_demo
    from console.core.bootstrap import open_app

    upgrade_database(fresh_database_url)
    app, _ = open_app(fresh_database_url)
    core_demo.seed(app, "tiny")
    yield app
    app.engine.dispose()


def test_the_tiny_demo_is_a_year_of_partner_work_in_which_every_rule_finds_something(demo_app):
    app = demo_app
    assert app.plugins.records["partners"].active, app.plugins.records["partners"].error
    with app.session() as session:
        partners = session.scalars(select(Partner).order_by(Partner.code)).all()
        assert [p.code for p in partners] == ["SP001", "SP002", "SP003"]  # spares' consignment partners
        for partner in partners:
            assert network.centres_of(session, partner.id)
            assert session.scalar(select(func.count()).where(Engineer.partner_id == partner.id)) >= 2
            cards = session.scalars(select(RateCard).where(RateCard.partner_id == partner.id)
                                    .order_by(RateCard.valid_from)).all()
            assert len(cards) == 2 and cards[0].valid_to < cards[1].valid_from and cards[1].valid_to is None
            numbers = session.scalars(select(ServiceOrder.number).where(ServiceOrder.partner_id == partner.id)
                                      .order_by(ServiceOrder.dispatched_at, ServiceOrder.id)).all()
            assert numbers == [f"{partner.code}-{n:06d}" for n in range(1, len(numbers) + 1)]
            assert partner.last_order_seq == len(numbers)
        every = session.scalars(select(ServiceOrder)).all()
        now = utcnow()
        assert all(o.dispatched_at >= now - timedelta(days=366) for o in every)
        assert all(o.closed_at is None or o.dispatched_at < o.closed_at for o in every)
        assert {"closed", "rejected", "incomplete"} <= {o.status for o in every}
        steps = session.execute(select(OrderStep.order_id, OrderStep.step).order_by(OrderStep.order_id,
                                                                                  OrderStep.id)).all()
        by_order: dict[int, list[str]] = {}
        for order_id, step in steps:
            by_order.setdefault(order_id, []).append(step)
        for order in every:  # each step may follow the one before, and the status is the last step
            path = by_order[order.id]
            assert path[0] == "dispatched" and path[-1] == order.status
            assert all(b in NEXT_STEPS[a] for a, b in zip(path, path[1:]))
            assert (order.closed_at is not None) == (order.status in FINAL_STATUSES)
        assert session.scalar(select(func.count()).where(OrderStep.step == "confirmed",
                                                         OrderStep.satisfaction.is_(None))) == 0
        found = dict(session.execute(select(Finding.rule, func.count()).group_by(Finding.rule)).all())
        assert {rule.name for rule in all_rules()} <= set(found), "rules without findings in the demo"
        decided = dict(session.execute(select(Finding.status, func.count()).group_by(Finding.status)).all())
        assert decided.get("accepted") and decided.get("overruled") and decided.get("open")
        claims = dict(session.execute(select(Claim.status, func.count()).group_by(Claim.status)).all())
        assert claims.get("settled") and claims.get("in_review") and not claims.get("submitted")
        assert session.scalar(select(func.count()).where(Claim.submitted_at > now)) == 0
        statements = session.execute(select(Settlement.period_start, Settlement.status)).all()
        last = max(start for start, _status in statements)
        assert {status for start, status in statements if start == last} == {"draft"}
        assert {status for start, status in statements if start < last} == {"posted"}
        assert not session.scalar(select(func.count()).where(Claim.status == "settled",
                                                             Claim.settlement_id.is_(None)))
    # the counters moved on: the next order of a demo partner gets the next number
    admin = _admin(app)
    assert orders.create_service_order(app, admin, partner_code="SP001") == f"SP001-{partners[0].last_order_seq + 1:06d}"


def _admin(app):
    from console.core import auth

    return auth.actor_for(app, "admin")


def test_seeding_a_sparse_database_takes_the_partner_centres_codes(app, demo_context):
    code = unique("SC")
    with app.session() as session:
        session.add(ServiceCentre(code=unique("C"), name="深圳服务站", latitude=22.5, longitude=114.1, partner_code=code))
        before = session.scalar(select(func.max(ServiceOrder.id))) or 0
    demo.seed(demo_context(partners=2, incidents=200))
    with app.session() as session:
        partner = session.scalar(select(Partner).where(Partner.code == code))
        assert partner is not None and partner.regions
        made = session.scalars(select(ServiceOrder).where(ServiceOrder.id > before,
                                                          ServiceOrder.partner_id == partner.id)).all()
        assert len(made) >= 15 and all(o.centre_id for o in made)


# -- charts ---------------------------------------------------------------------------------------
@pytest.fixture
def busy_partner(app, admin):
    """A partner with two orders: both arrived on time, one fixed late (fix due in 24 h)."""
    code = unique("OT")
    network.create_partner(app, admin, code=code, name=f"准时服务 {code}", level="gold")
    network.add_engineer(app, admin, partner_code=code, code=unique("E"), name="王伟")
    now = utcnow()
    for hours_ago, fixed_after in ((10, 3), (30, 28)):
        start = now - timedelta(hours=hours_ago)
        number = orders.create_service_order(app, admin, partner_code=code, dispatched_at=start)
        for step, after in (("accepted", 0.2), ("departed", 0.5), ("arrived", 1.5), ("fixed", fixed_after)):
            orders.record_step(app, admin, number, step, at=start + timedelta(hours=after))
    return code


def test_on_time_counts_arrivals_and_fixes_against_their_due_instants(app, admin, make_actor, busy_partner):
    name = f"准时服务 {busy_partner}"
    own = make_actor("read_only", partner_code=busy_partner)
    with app.session() as session:
        rows = {row.partner: row for row in reports.on_time(session, admin, utcnow() - reports.PERIOD,
                                                              limit=10_000)}
        mine = reports.on_time(session, own, utcnow() - reports.PERIOD)
    assert (rows[name].arrivals, rows[name].arrived_on_time, rows[name].fixes, rows[name].fixed_on_time) == (2, 2, 2, 1)
    assert rows[name].arrival_pct == 100 and rows[name].fix_pct == 50
    assert [row.partner for row in mine] == [name]  # a partner's user sees only its own partner


def test_on_time_chart_draws_two_bars_per_partner(app, context, make_actor, busy_partner):
    from console.api import Context

    figure = Figure()
    reports.draw_on_time(figure, Context(app=app, actor=make_actor("read_only", partner_code=busy_partner)))
    (axes,) = figure.axes
    assert [label.get_text() for label in axes.get_yticklabels()] == [f"准时服务 {busy_partner}"]
    assert sorted(bar.get_width() for bar in axes.patches) == [50, 100]


def test_orders_by_partner_chart(app, context, busy_partner):
    with app.session() as session:
        assert reports.orders_by_partner(session, utcnow() - timedelta(days=2), limit=10_000)[
            f"准时服务 {busy_partner}"] == 2
        shown = reports.orders_by_partner(session, utcnow() - reports.PERIOD)
    figure = Figure()
    reports.draw_orders_by_partner(figure, context)
    (axes,) = figure.axes
    counts = {label.get_text(): bar.get_width() for label, bar in zip(axes.get_yticklabels(), axes.patches)}
    assert counts == shown and 0 < len(counts) <= reports.SHOWN


def test_open_findings_by_rule_and_the_empty_chart(app, admin, make_actor, busy_partner):
    from console.api import Context

    with app.session() as session:
        partner_id = session.scalar(select(Partner.id).where(Partner.code == busy_partner))
        for n, (rule, severity, status) in enumerate((("repeat_repair", "warning", "open"),
                                                      ("repeat_repair", "warning", "open"),
                                                      ("impossible_travel", "critical", "open"),
                                                      ("impossible_travel", "critical", "overruled"))):
            session.add(Finding(rule=rule, severity=severity, fingerprint=f"{rule}:{unique('T')}:{n}",
                                partner_id=partner_id, summary="test", evidence="{}", found_at=utcnow(),
                                status=status, version=1))
    own = make_actor("read_only", partner_code=busy_partner)
    with app.session() as session:
        assert reports.open_findings_by_rule(session, own) == [("repeat_repair", "warning", 2),
                                                               ("impossible_travel", "critical", 1)]
    figure = Figure()
    reports.draw_open_findings(figure, Context(app=app, actor=own), titles={"repeat_repair": "Repeat"})
    (axes,) = figure.axes
    assert [label.get_text() for label in axes.get_yticklabels()] == ["Impossible travel between sites", "Repeat"]
    assert sorted(bar.get_width() for bar in axes.patches if bar.get_width()) == [1, 2]

    quiet = unique("Q")
    network.create_partner(app, admin, code=quiet, name=f"无单 {quiet}", level="silver")
    empty = Figure()
    reports.draw_open_findings(empty, Context(app=app, actor=make_actor("read_only", partner_code=quiet)),
                               {"none": "Nothing open"})
    assert [text.get_text() for text in empty.axes[0].texts] == ["Nothing open"]
    reports.draw_on_time(empty := Figure(), Context(app=app, actor=make_actor("read_only", partner_code=quiet)))
    assert [text.get_text() for text in empty.axes[0].texts] == [reports.ON_TIME_LABELS["none"]]


def test_translated_charts_draw(app, context):
    from plugins.partners.ui import charts

    for draw in (charts.orders_by_partner, charts.on_time, charts.open_findings):
        figure = Figure()
        draw(figure, context)
        assert figure.axes
