"""Every audit rule on a hand-built case that must fire and a near miss that must not.

The rows are written straight to the tables (``Book``) so that each case controls its times,
places and amounts exactly; each case uses a partner (and a category) of its own, so the rule's
findings are looked at for that partner only.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from console.api import Asset, Customer, ServiceContract, Site, utcnow
from plugins.partners.models import Claim, ClaimPart, Engineer, OrderStep, Partner, ServiceOrder
from plugins.partners.rules import Rule, RuleScope, all_rules, get_rule
from plugins.partners.rules.sql import prepare
from tests.plugins import unique

BEIJING, TIANJIN, SHANGHAI = (39.9042, 116.4074), (39.3434, 117.3616), (31.2304, 121.4737)
START = (utcnow() - timedelta(days=60)).replace(second=0, microsecond=0)


class Book:
    """One partner of its own with its engineers, sites, assets, orders, steps, claims (and spares moves)."""

    def __init__(self, app):
        self.app, self.code, self.category = app, unique("P"), unique("cat-")
        self.orders = 0
        with app.session() as session:
            partner = Partner(code=self.code, name=f"服务商 {self.code}", level="gold")
            customer = Customer(code=unique("C"), name="测试客户")
            session.add_all([partner, customer])
            session.flush()
            self.partner_id, self.customer_id = partner.id, customer.id
        self.home = self.site(*BEIJING)

    def _add(self, row):
        with self.app.session() as session:
            session.add(row)
            session.flush()
            return row.id

    def site(self, latitude: float, longitude: float) -> int:
        """A site of the customer at these coordinates."""
        return self._add(Site(customer_id=self.customer_id, name=unique("Site "), latitude=Decimal(str(latitude)),
                              longitude=Decimal(str(longitude))))

    def engineer(self) -> int:
        """A new engineer of the partner."""
        return self._add(Engineer(partner_id=self.partner_id, code=unique("E"), name="工程师"))

    def asset(self, *, warranty_end: date | None = None, contract: tuple[date, date] | None = None) -> int:
        """An asset at the home site, with a warranty end and a contract (start, end) when given."""
        contract_id = None
        if contract:
            contract_id = self._add(ServiceContract(number=unique("SC"), customer_id=self.customer_id, level="gold",
                                                    starts_on=contract[0], ends_on=contract[1]))
        return self._add(Asset(serial=unique("SN"), model="DL380", product="Server", customer_id=self.customer_id,
                               site_id=self.home, contract_id=contract_id, warranty_end=warranty_end))

    def order(self, steps=(), *, asset_id=None, site_id=None, engineer_id=None, distance_km=None,
              category=None, dispatched_at: datetime | None = None, status: str | None = None) -> tuple[int, str]:
        """A service order with ``steps`` — ``(step, at)`` or ``(step, at, {extra columns})`` — recorded just after
        they happened; returns its id and number."""
        self.orders += 1
        number = f"{self.code}-{self.orders:06d}"
        steps = [(s[0], s[1], s[2] if len(s) > 2 else {}) for s in steps]
        at = dispatched_at or (steps[0][1] if steps else START)
        order_id = self._add(ServiceOrder(
            number=number, partner_id=self.partner_id, status=status or (steps[-1][0] if steps else "dispatched"),
            site_id=site_id or self.home, asset_id=asset_id, engineer_id=engineer_id,
            category=category or self.category,
            distance_km=None if distance_km is None else Decimal(str(distance_km)), dispatched_at=at,
            accept_due_at=at + timedelta(minutes=30), customer_id=self.customer_id))
        with self.app.session() as session:
            session.add_all([OrderStep(order_id=order_id, step=step, at=when, recorded_by="test",
                                       recorded_at=extra.pop("recorded_at", when + timedelta(minutes=1)),
                                       engineer_id=engineer_id, **extra) for step, when, extra in steps])
        return order_id, number

    def visit(self, engineer_id: int, start: datetime, minutes: int, *, site_id=None, place=None, **order):
        """A finished order whose engineer checked in at ``start`` (at ``place``) and fixed it ``minutes`` later."""
        extra = {"latitude": Decimal(str(place[0])), "longitude": Decimal(str(place[1]))} if place else {}
        return self.order([("dispatched", start - timedelta(hours=2)), ("accepted", start - timedelta(hours=1)),
                           ("arrived", start, extra), ("fixed", start + timedelta(minutes=minutes))],
                          engineer_id=engineer_id, site_id=site_id, **order)

    def claim(self, order_id: int, *, service_date: date | None = None, amount="300.00", travel_km="0",
              status="submitted", parts=()) -> int:
        """A claim for the order; ``parts`` are ``(part number, installed serial, removed serial)``."""
        with self.app.session() as session:
            count = session.query(Claim).filter(Claim.order_id == order_id).count()
            number = session.get(ServiceOrder, order_id).number
        amount = Decimal(amount)
        claim_id = self._add(Claim(
            number=f"{number}-C{count + 1}", partner_id=self.partner_id, order_id=order_id, status=status,
            service_date=service_date or START.date(), submitted_at=utcnow(), travel_km=Decimal(travel_km),
            labour=amount, travel=Decimal(0), parts=Decimal(0), other=Decimal(0), amount=amount,
            computed_amount=amount))
        with self.app.session() as session:
            session.add_all([ClaimPart(claim_id=claim_id, part_number=pn, quantity=1, installed_serial=fitted,
                                       removed_serial=removed) for pn, fitted, removed in parts])
        return claim_id

    def hits(self, name: str, **params) -> list[dict]:
        """What rule ``name`` finds for this partner now (with ``params`` over its defaults)."""
        rule = get_rule(name)
        with self.app.session() as session:
            prepare(session)
            query = rule.query(RuleScope(session, {**rule.params, **params}, utcnow())).subquery()
            return [dict(row) for row in session.execute(select(query).where(query.c.partner_id == self.partner_id))
                    .mappings()]


class Spares:
    """A part, a depot and a defective store, and moves recorded through the spares ledger (so its
    stock balance stays true for the other tests sharing the database)."""

    def __init__(self, app):
        from plugins.spares.models import Location, Part

        self.app, self.part_number = app, unique("PN-")
        with app.session() as session:
            part = Part(part_number=self.part_number, name="硬盘", unit_cost=Decimal("100"), serialized=True)
            depot = Location(code=unique("D"), name="库房", kind="regional")
            defective = Location(code=unique("DEF"), name="坏件库", kind="defective")
            session.add_all([part, depot, defective])
            session.flush()
            self.part_id, self.depot_id, self.defective_id = part.id, depot.id, defective.id

    def move(self, kind: str, ref: str, serial: str | None, at: datetime | None = None) -> None:
        """An issue (received into the depot a minute before, then issued) or a defective return for ``ref``."""
        from plugins.spares.models import Location, Part
        from plugins.spares.service.ledger import MoveSpec, record

        at = at or utcnow()
        with self.app.session() as session:
            part, one = session.get(Part, self.part_id), Decimal(1)
            if kind == "issue":
                depot = session.get(Location, self.depot_id)
                specs = [MoveSpec("receipt", part, one, target=depot, serial=serial, ref=f"PO-{ref}",
                                  at=at - timedelta(minutes=1)),
                         MoveSpec("issue", part, one, source=depot, serial=serial, ref=ref, at=at)]
            else:
                specs = [MoveSpec(kind, part, one, target=session.get(Location, self.defective_id), serial=serial,
                                  ref=ref, at=at)]
            record(session, "test", specs, utcnow())


@pytest.fixture
def book(app):
    return Book(app)


def claims_of(hits) -> set[int]:
    return {row["claim_id"] for row in hits}


def orders_of(hits) -> set[int]:
    return {row["order_id"] for row in hits}


def closed(at: datetime):
    """The steps of an order dispatched at ``at`` and closed, confirmed, the same day."""
    return [("dispatched", at), ("accepted", at + timedelta(minutes=10)), ("departed", at + timedelta(minutes=20)),
            ("arrived", at + timedelta(hours=1)), ("fixed", at + timedelta(hours=2)),
            ("confirmed", at + timedelta(hours=3)), ("closed", at + timedelta(hours=4))]


# -- the registry ----------------------------------------------------------------------------
def test_the_registry_holds_every_domain_rule_with_a_title_severity_and_summary():
    names = {rule.name for rule in all_rules()}
    assert names == {"duplicate_order_claim", "duplicate_serial_claim", "not_entitled", "step_out_of_order",
                     "impossible_travel", "overlapping_visits", "part_not_issued", "defective_not_returned",
                     "returned_serial_mismatch", "repeat_repair", "amount_outlier", "duration_outlier",
                     "missing_confirmation", "inflated_distance", "warranty_end_cluster"}
    for rule in all_rules():
        assert rule.title and rule.description and rule.summary and rule.severity in ("info", "warning", "critical")


def test_another_plugin_registers_a_rule_through_the_api_and_names_are_unique(own_registry):
    from plugins.partners.api import Rule as ApiRule, register_rule

    name = unique("custom_").lower()
    nothing = select(Claim.partner_id, Claim.order_id, Claim.id.label("claim_id"), Claim.id.label("key")).where(False)
    rule = register_rule(ApiRule(name, "Custom", "A plugin's own rule.", "info", {}, lambda scope: nothing, "{x}"))
    assert get_rule(name) is rule and rule in all_rules()
    with pytest.raises(ValueError, match="already registered"):
        register_rule(Rule(name, "Other", "Same name.", "info", {}, lambda scope: select(), "{x}"))
    with pytest.raises(ValueError, match="severity"):
        Rule("bad", "Bad", "Bad severity.", "fatal", {}, lambda scope: select(), "")


def test_a_summary_with_a_missing_value_falls_back_to_the_title():
    rule = get_rule("inflated_distance")
    assert rule.summarise({"claim": "X"}) == rule.title


@pytest.mark.parametrize("rule", [r.name for r in all_rules()])
def test_every_rule_compiles_for_every_backend(app, rule):
    from sqlalchemy.dialects import mysql, postgresql, sqlite

    with app.session() as session:
        query = get_rule(rule).query(RuleScope(session, dict(get_rule(rule).params), utcnow()))
        for dialect in (sqlite.dialect(), postgresql.dialect(), mysql.dialect()):
            assert "SELECT" in str(query.compile(dialect=dialect))
        assert set(query.selected_columns.keys()) >= {"partner_id", "order_id", "claim_id", "key"}


# -- claims ----------------------------------------------------------------------------------
def test_duplicate_order_claim(book):
    order, _ = book.order(closed(START))
    first, second = book.claim(order), book.claim(order)
    other, _ = book.order(closed(START))
    book.claim(other, status="rejected")
    resubmitted = book.claim(other)
    hits = book.hits("duplicate_order_claim")
    assert claims_of(hits) == {second}
    assert hits[0]["first_claim"].endswith("-C1") and hits[0]["claims"] == 2
    assert first not in claims_of(hits) and resubmitted not in claims_of(hits)


def test_duplicate_serial_claim_within_days(book):
    asset, spaced = book.asset(), book.asset()
    day = START.date()
    book.claim(book.order(closed(START), asset_id=asset)[0], service_date=day)
    again = book.claim(book.order(closed(START), asset_id=asset)[0], service_date=day + timedelta(days=3))
    book.claim(book.order(closed(START), asset_id=spaced)[0], service_date=day)
    later = book.claim(book.order(closed(START), asset_id=spaced)[0], service_date=day + timedelta(days=8))
    hits = book.hits("duplicate_serial_claim")
    assert claims_of(hits) == {again} and later not in claims_of(hits)
    assert hits[0]["days_apart"] == 3


def test_not_entitled_on_the_service_date(book):
    day = START.date()
    lapsed = book.asset(warranty_end=day - timedelta(days=1))
    last_day = book.asset(warranty_end=day)
    contract = book.asset(warranty_end=day - timedelta(days=400), contract=(day - timedelta(days=30), day))
    ended = book.asset(contract=(day - timedelta(days=90), day - timedelta(days=1)))
    claims = {name: book.claim(book.order(closed(START), asset_id=asset)[0], service_date=day)
              for name, asset in (("lapsed", lapsed), ("last_day", last_day), ("contract", contract),
                                  ("ended", ended))}
    assert claims_of(book.hits("not_entitled")) == {claims["lapsed"], claims["ended"]}


def test_inflated_distance(book):
    far = book.claim(book.order(closed(START), distance_km=20)[0], travel_km="41")
    fair = book.claim(book.order(closed(START), distance_km=20)[0], travel_km="40")
    hits = book.hits("inflated_distance")
    assert claims_of(hits) == {far} and fair not in claims_of(hits)
    assert Decimal(str(hits[0]["ratio"])).quantize(Decimal("0.01")) == Decimal("2.05")


def test_missing_confirmation_after_the_grace_period(book):
    fixed = [("dispatched", START), ("accepted", START + timedelta(minutes=5)),
             ("arrived", START + timedelta(hours=1)), ("fixed", START + timedelta(hours=2))]
    unconfirmed = book.claim(book.order(fixed)[0])
    confirmed = book.claim(book.order(closed(START))[0])
    now = utcnow().replace(microsecond=0)
    recent = book.claim(book.order([("dispatched", now - timedelta(hours=3)), ("arrived", now - timedelta(hours=2)),
                                    ("fixed", now - timedelta(hours=1))])[0])
    incomplete = book.claim(book.order([("dispatched", START), ("arrived", START + timedelta(hours=1)),
                                        ("incomplete", START + timedelta(hours=2))])[0])
    hits = book.hits("missing_confirmation")
    assert claims_of(hits) == {unconfirmed}
    assert not claims_of(hits) & {confirmed, recent, incomplete}


def test_warranty_end_cluster(app, book):
    day = START.date()
    rest = Book(app)  # the rest of the network: ordinary claims, far from any warranty end
    far = rest.asset(warranty_end=day + timedelta(days=400))
    for _ in range(60):
        rest.claim(rest.order(closed(START), asset_id=far)[0], service_date=day)
    clustered = [book.claim(book.order(closed(START), asset_id=book.asset(warranty_end=day + timedelta(days=n)))[0],
                            service_date=day) for n in (1, 5, 9, 20, 29)]
    ordinary = book.claim(book.order(closed(START), asset_id=book.asset(warranty_end=day + timedelta(days=300)))[0],
                          service_date=day)
    few = Book(app)
    for n in (1, 5, 9, 20):
        few.claim(few.order(closed(START), asset_id=few.asset(warranty_end=day + timedelta(days=n)))[0],
                  service_date=day)
    hits = book.hits("warranty_end_cluster")
    assert claims_of(hits) == set(clustered) and ordinary not in claims_of(hits)
    assert hits[0]["partner_share"] == pytest.approx(500 / 6)
    assert few.hits("warranty_end_cluster") == []


# -- the process -----------------------------------------------------------------------------
def test_step_times_out_of_order_or_in_the_future(book):
    swapped, _ = book.order([("dispatched", START), ("accepted", START + timedelta(minutes=30)),
                             ("departed", START + timedelta(minutes=10))])
    now = utcnow()
    ahead, _ = book.order([("dispatched", now - timedelta(hours=2)),
                           ("accepted", now + timedelta(hours=1), {"recorded_at": now})])
    in_order, _ = book.order(closed(START))
    tolerated, _ = book.order([("dispatched", now - timedelta(hours=2)),
                               ("accepted", now + timedelta(minutes=3), {"recorded_at": now})])
    hits = book.hits("step_out_of_order")
    assert orders_of(hits) == {swapped, ahead}
    by_order = {row["order_id"]: row for row in hits}
    assert by_order[swapped]["step"] == "departed" and by_order[swapped]["previous_step"] == "accepted"
    assert by_order[ahead]["problem"] == "later than when it was recorded"
    assert not orders_of(hits) & {in_order, tolerated}


def test_impossible_travel_between_consecutive_sites(book):
    fast, steady = book.engineer(), book.engineer()
    shanghai, tianjin = book.site(*SHANGHAI), book.site(*TIANJIN)
    book.visit(fast, START, 60, place=BEIJING)
    jump, _ = book.visit(fast, START + timedelta(hours=3), 60, site_id=shanghai)
    book.visit(steady, START, 60, place=BEIJING)
    drive, _ = book.visit(steady, START + timedelta(hours=3), 60, site_id=tianjin)
    hits = book.hits("impossible_travel")
    assert orders_of(hits) == {jump} and drive not in orders_of(hits)
    assert hits[0]["distance_km"] == pytest.approx(1067, rel=0.01)
    assert hits[0]["hours"] == pytest.approx(2) and hits[0]["speed_kmh"] > 500


def test_one_engineer_on_site_in_two_places_at_once(book):
    busy, careful = book.engineer(), book.engineer()
    elsewhere = book.site(*TIANJIN)
    book.visit(busy, START, 180)
    inside, _ = book.visit(busy, START + timedelta(hours=1), 30, site_id=elsewhere)
    book.visit(careful, START, 60)
    book.visit(careful, START + timedelta(hours=1), 60, site_id=elsewhere)  # starts as the other ends
    same_site, _ = book.visit(careful, START + timedelta(hours=5), 120)
    book.visit(careful, START + timedelta(hours=6), 30)  # two assets on one site
    hits = book.hits("overlapping_visits")
    assert orders_of(hits) == {inside}
    assert hits[0]["overlap_minutes"] == pytest.approx(120) and hits[0]["other_order"].startswith(book.code)


def test_repeat_repair_of_the_same_asset(book):
    asset, spaced = book.asset(), book.asset()
    book.order(closed(START), asset_id=asset)
    repeat, _ = book.order(closed(START + timedelta(days=10)), asset_id=asset)
    book.order(closed(START), asset_id=spaced)
    later, _ = book.order(closed(START + timedelta(days=31)), asset_id=spaced)
    hits = book.hits("repeat_repair")
    assert orders_of(hits) == {repeat} and later not in orders_of(hits)
    assert hits[0]["days_apart"] == pytest.approx(10)


# -- parts (spares) --------------------------------------------------------------------------
@pytest.fixture
def spares(app):
    if not app.has_plugin("spares"):
        pytest.skip("spares is not installed")
    return Spares(app)


def test_claimed_part_without_a_spares_issue(book, spares):
    order, number = book.order(closed(START))
    spares.move("issue", number, "S1")
    matching = book.claim(order, parts=[(spares.part_number, "S1", None)])
    other, other_number = book.order(closed(START))
    spares.move("issue", other_number, "S1")
    wrong_serial = book.claim(other, parts=[(spares.part_number, "S9", None)])
    never, _ = book.order(closed(START))
    not_issued = book.claim(never, parts=[(spares.part_number, None, None)])
    hits = book.hits("part_not_issued")
    assert claims_of(hits) == {wrong_serial, not_issued} and matching not in claims_of(hits)


def test_defective_part_that_never_came_back(book, spares):
    old = (utcnow() - timedelta(days=40)).date()
    kept, kept_number = book.order(closed(START))
    missing = book.claim(kept, service_date=old, parts=[(spares.part_number, "N1", "R1")])
    back, back_number = book.order(closed(START))
    spares.move("defective_return", back_number, "R2")
    returned = book.claim(back, service_date=old, parts=[(spares.part_number, "N2", "R2")])
    recent = book.claim(book.order(closed(START))[0], service_date=utcnow().date(),
                        parts=[(spares.part_number, "N3", "R3")])
    hits = book.hits("defective_not_returned")
    assert claims_of(hits) == {missing} and not claims_of(hits) & {returned, recent}
    assert hits[0]["days_waited"] == 40


def test_returned_serial_differs_from_the_one_taken_out(book, spares):
    swapped, number = book.order(closed(START))
    spares.move("defective_return", number, "OTHER")
    mismatch = book.claim(swapped, parts=[(spares.part_number, "N1", "R1")])
    honest, honest_number = book.order(closed(START))
    spares.move("defective_return", honest_number, "R2")
    same = book.claim(honest, parts=[(spares.part_number, "N2", "R2")])
    hits = book.hits("returned_serial_mismatch")
    assert claims_of(hits) == {mismatch} and same not in claims_of(hits)
    assert hits[0]["returned_serial"] == "OTHER"


# -- outliers --------------------------------------------------------------------------------
def test_amount_far_above_peers(book):
    peers = [book.claim(book.order(closed(START))[0], amount=str(290 + n % 5 * 5)) for n in range(24)]
    inflated = book.claim(book.order(closed(START))[0], amount="2000")
    high_but_fair = book.claim(book.order(closed(START))[0], amount="400")
    hits = book.hits("amount_outlier")
    assert claims_of(hits) == {inflated} and high_but_fair not in claims_of(hits) and not claims_of(hits) & set(peers)
    assert Decimal(str(hits[0]["median"])) == Decimal(300) and hits[0]["peers"] == 26


def test_amount_outliers_need_enough_peers(book):
    for n in range(5):
        book.claim(book.order(closed(START))[0], amount="300")
    book.claim(book.order(closed(START))[0], amount="5000")
    assert book.hits("amount_outlier") == []


def test_on_site_duration_far_above_peers(book):
    engineer = book.engineer()
    for n in range(24):
        book.visit(engineer, START + timedelta(hours=3 * n), 55 + n % 3 * 5)
    long, _ = book.visit(engineer, START + timedelta(days=10), 600)
    longer_but_fair, _ = book.visit(engineer, START + timedelta(days=11), 80)
    hits = book.hits("duration_outlier")
    assert orders_of(hits) == {long} and longer_but_fair not in orders_of(hits)
    assert hits[0]["value"] == pytest.approx(600) and hits[0]["median"] == pytest.approx(60)


def test_rules_are_rules():
    assert all(isinstance(rule, Rule) for rule in all_rules())


def test_a_plugin_rule_built_on_claim_facts_runs_like_a_builtin(app, admin, book, own_registry):
    from plugins.partners import findings
    from plugins.partners.api import Rule as ApiRule, claim_facts, register_rule

    def big_amounts(scope):
        claims = claim_facts().subquery()
        return (select(claims.c.partner_id, claims.c.order_id, claims.c.claim_id, claims.c.claim_id.label("key"),
                       claims.c.claim, claims.c.amount).where(claims.c.amount > scope.params["limit"]))

    rule = register_rule(ApiRule(unique("big_").lower(), "Big", "Big amounts.", "info", {"limit": 1000},
                                 big_amounts, "Claim {claim} is {amount}."))
    big = book.claim(book.order(closed(START))[0], amount="1500")
    book.claim(book.order(closed(START))[0], amount="900")
    findings.run_rules(app, admin, partner_code=book.code, rules=[rule.name])
    with app.session() as session:
        from plugins.partners.models import Finding

        found = session.execute(select(Finding.claim_id, Finding.summary).where(Finding.rule == rule.name)).all()
        number = session.get(Claim, big).number
    assert found == [(big, f"Claim {number} is 1500.00.")]
