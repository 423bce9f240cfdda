"""One month of a partner's work through every service: the network, dispatch, each step with its
clock, claims, the audit rules, review, the scorecard and the settlement that pays and locks."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select

from console.api import Asset, Customer, ServiceCentre, Site, utcnow
from plugins.partners import claims, findings, network, orders, scorecards, settlement
from plugins.partners.models import Claim, Finding, Partner, ServiceOrder, Settlement
from tests.plugins import unique

UTC = timezone.utc


def month_before(day: date) -> tuple[date, date]:
    last = day.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def build_network(app, admin) -> tuple[str, str, list[int]]:
    """A partner with a centre in Beijing, two engineers, a rate card, and a customer's three assets
    about 60 km from the centre, under warranty."""
    code = unique("E2E")
    network.create_partner(app, admin, code=code, name="北京信达技术服务有限公司", level="gold", regions="华北")
    for n in (1, 2):
        network.add_engineer(app, admin, partner_code=code, code=f"{code}-E{n}", name=f"工程师 {n}")
    network.set_rate_card(app, admin, partner_code=code, valid_from=date(2020, 1, 1), labour_l1=Decimal(120),
                          labour_l2=Decimal(260), labour_l3=Decimal(420), free_radius_km=Decimal(30),
                          travel_per_km=Decimal("2.00"), parts_handling=Decimal(20))
    with app.session() as session:
        session.add(ServiceCentre(code=unique("SC"), name=f"{code} 北京中心", city="北京", latitude=Decimal("39.904200"),
                                  longitude=Decimal("116.407400"), partner_code=code))
        customer = Customer(code=unique("C"), name="北京某银行")
        session.add(customer)
        session.flush()
        site = Site(customer_id=customer.id, name="数据中心 怀柔", city="北京", latitude=Decimal("40.316000"),
                    longitude=Decimal("116.632000"))
        session.add(site)
        session.flush()
        assets = [Asset(serial=unique("SN"), model="DL380 Gen10", product="Server", customer_id=customer.id,
                        site_id=site.id, installed_on=date(2024, 1, 1), warranty_end=date(2099, 12, 31))
                  for _ in range(5)]
        session.add_all(assets)
        session.flush()
        return code, f"{code}-E1", [a.id for a in assets]


def work_through(app, admin, code: str, engineer: str, asset_id: int, dispatched: datetime, *,
                 late: bool = False) -> str:
    """Dispatch an order and record every step, on site 1½ h after dispatch (9 h when ``late``)."""
    number = orders.create_service_order(app, admin, partner_code=code, asset_id=asset_id, category="服务器 Server",
                                         repair_level="L2", dispatched_at=dispatched)
    arrive = timedelta(hours=9 if late else 1, minutes=30)
    for step, after, extra in (
            ("accepted", timedelta(minutes=10), {"engineer_code": engineer}),
            ("departed", timedelta(minutes=20), {}),
            ("arrived", arrive, {"latitude": "40.316100", "longitude": "116.631900"}),
            ("fixed", arrive + timedelta(hours=1, minutes=30), {}),
            ("confirmed", arrive + timedelta(hours=2), {"satisfaction": 4 if late else 5}),
            ("closed", arrive + timedelta(hours=2, minutes=10), {})):
        orders.record_step(app, admin, number, step, at=dispatched + after, **extra)
    return number


def claim_row(app, number) -> Claim:
    with app.session() as session:
        return session.scalar(select(Claim).where(Claim.number == number))


def test_one_month_from_dispatch_to_settlement(app, admin, make_actor):
    code, engineer, assets = build_network(app, admin)
    first, last = month_before(utcnow().date())
    at = [datetime.combine(first + timedelta(days=d), time(2, 0), UTC) for d in (2, 6, 10, 14, 18)]
    numbers = [work_through(app, admin, code, engineer, asset, moment, late=n == 3)
               for n, (asset, moment) in enumerate(zip(assets, at))]
    with app.session() as session:
        order = session.scalar(select(ServiceOrder).where(ServiceOrder.number == numbers[0]))
        assert order.status == "closed" and order.distance_km is not None and 40 < order.distance_km < 60
        clocks = {c.name: c.state.state.value for c in orders.timeline(session, numbers[0], admin).clocks}
    assert clocks == {"accept": "met", "arrive": "met", "fix": "met"}

    # the partner's user claims its month; one claim inflates the distance, one order is claimed twice
    partner_user = make_actor("engineer", partner_code=code)
    normal, inflated, adjusted, rejected, twice = (claims.submit_claim(app, partner_user, order_number=n)
                                                   for n in numbers)
    inflated_claim = claim_row(app, inflated)
    claims.edit_claim(app, partner_user, inflated, expected_version=inflated_claim.version,
                      reason="实际绕路 detour", travel_km="400")
    duplicate = claims.submit_claim(app, partner_user, order_number=numbers[4])
    expected = claim_row(app, normal).computed_amount
    assert claim_row(app, normal).amount == expected == 260 + (order.distance_km - 30) * 2

    auditor = make_actor("partner_auditor")
    summary = findings.run_rules(app, auditor, partner_code=code)
    assert summary.claims_checked == 6
    with app.session() as session:
        partner_id = session.scalar(select(Partner.id).where(Partner.code == code))
        found = session.execute(select(Finding.rule, Claim.number).join(Claim, Claim.id == Finding.claim_id)
                                .where(Finding.partner_id == partner_id, Finding.status == "open")).all()
    rules_by_claim = {}
    for rule, claim in found:
        rules_by_claim.setdefault(claim, set()).add(rule)
    assert "inflated_distance" in rules_by_claim[inflated]
    assert "duplicate_order_claim" in rules_by_claim.get(duplicate, set()) | rules_by_claim.get(twice, set())
    assert normal not in rules_by_claim and adjusted not in rules_by_claim
    assert all(claim_row(app, n).status == "in_review" for n in (normal, inflated, adjusted, rejected, twice,
                                                                   duplicate))

    # review: the duplicate finding stands and the second claim is rejected; the rest is decided
    with app.session() as session:
        duplicate_findings = session.execute(select(Finding.id, Finding.version).where(
            Finding.partner_id == partner_id, Finding.rule == "duplicate_order_claim")).all()
    for finding_id, version in duplicate_findings:
        findings.decide_finding(app, auditor, finding_id, decision="accept", comment="同一派工单重复申请",
                                expected_version=version)
    for number in (normal, inflated, twice):
        claims.approve(app, auditor, number, expected_version=claim_row(app, number).version)
    claims.adjust(app, auditor, adjusted, expected_version=claim_row(app, adjusted).version, amount="200.00",
                  note="labour capped")
    for number in (rejected, duplicate):
        claims.reject(app, auditor, number, expected_version=claim_row(app, number).version, note="not payable")

    # the scorecard of the month
    with app.session() as session:
        [card] = scorecards.scorecard(session, partner_user, period_start=first, period_end=last, zone=ZoneInfo("UTC"))
    assert (card.code, card.orders) == (code, 5)
    assert card.measures["on_time_arrival"] == 80.0 and card.measures["on_time_fix"] == 100.0
    assert card.measures["first_time_fix"] == 100.0 and card.measures["satisfaction"] == 4.8
    assert card.measures["rejection_rate"] == round(100 * 2 / 6, 1) and card.score is not None

    # settlement of the month in which the claims were decided: the inflated claim is held
    clerk = make_actor("back_office")
    today = utcnow().astimezone(ZoneInfo("Asia/Shanghai")).date()
    start, end = today.replace(day=1), (today.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    [number] = settlement.prepare(app, clerk, period_start=start, period_end=end, partner_code=code)
    assert number == f"STL-{start:%Y%m}-{code}"
    with app.session() as session:
        statement = session.scalar(select(Settlement).where(Settlement.number == number))
        lines = {c: (held, reason) for c, _o, _d, _a, held, reason in settlement.statement_lines(session,
                                                                                                  statement.id)}
    assert set(lines) == {normal, inflated, adjusted, twice}
    assert lines[inflated] == (True, "Open findings: Claimed distance above the centre-to-site distance")
    assert statement.payable == claim_row(app, normal).amount + Decimal(200) + claim_row(app, twice).amount
    assert statement.held == claim_row(app, inflated).amount
    assert settlement.post(app, clerk, number, expected_version=statement.version) == 3
    assert [claim_row(app, n).status for n in (normal, adjusted, twice, inflated)] == ["settled"] * 3 + ["approved"]

    # the held claim waits; once its findings are overruled it is paid the next month
    with app.session() as session:
        held_findings = session.execute(select(Finding.id, Finding.version).where(
            Finding.claim_id == inflated_claim.id, Finding.status == "open")).all()
    for finding_id, version in held_findings:
        findings.decide_finding(app, auditor, finding_id, decision="overrule", comment="客户确认绕路",
                                expected_version=version)
    following = end + timedelta(days=1)
    [later] = settlement.prepare(app, clerk, period_start=following, period_end=following + timedelta(days=27),
                                 partner_code=code)
    with app.session() as session:
        version = session.scalar(select(Settlement.version).where(Settlement.number == later))
    assert settlement.post(app, clerk, later, expected_version=version) == 1
    assert claim_row(app, inflated).status == "settled"
    with app.session() as session:
        assert [e.action for e in claims.history(session, inflated)] == [
            "submitted", "edited", "checked", "approved", "settled"]
