"""Every partner audit rule over 100,000 claims and 600,000 order steps, on any backend.

Goal (issue 6): all rules ≤ 10 s on SQLite and on PostgreSQL. Builds a scratch database (dropped
afterwards) with 50 partners, 500 engineers, 150,000 assets and a year of service orders — each
engineer's visits one after the other, six steps each, near the partner's region — one claim
per order (a tenth with a part line and its spares issue and defective return), and a sprinkle
of every anomaly the rules look for. Then runs ``findings.run_rules`` twice (the first run finds
and writes everything and moves the submitted claims to review; the second finds the same
findings again and writes nothing new) and prints the seconds per rule next to a raw-SQL
baseline: one aggregate over every step.

    python bench/bench_partners.py [sqlite|postgresql|mariadb] [--orders 100000]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import time
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from harness import add_backend_argument, scratch_app

PARTNERS, ENGINEERS_PER_PARTNER, SITES_PER_PARTNER, ASSETS_PER_PARTNER = 50, 10, 100, 3_000
CATEGORIES = ("server", "storage", "network", "printer", "pc", "ups", "pos", "display")
PARTS = 200
RATE = {"L1": 300, "L2": 500, "L3": 800}
ANOMALY = 0.002  # the share of orders with each kind of anomaly


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Haversine distance in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def build(app, orders_wanted: int, rng: random.Random) -> dict[str, int]:
    """The scratch network, orders, steps, claims and spares moves; returns the row counts."""
    from sqlalchemy import text

    from console.api import Asset, Customer, ServiceContract, Site, bulk_insert
    from plugins.partners.models import Claim, ClaimPart, Engineer, OrderStep, Partner, ServiceOrder

    now = datetime.now(timezone.utc).replace(microsecond=0)
    start = now - timedelta(days=365)
    bases = [(rng.uniform(22, 41), rng.uniform(102, 122)) for _ in range(PARTNERS)]
    partners = [{"id": p + 1, "code": f"BP{p:02d}", "name": f"服务商 {p:02d}", "level": "gold", "active": True,
                 "last_order_seq": 0, "version": 1} for p in range(PARTNERS)]
    engineers = [{"id": p * ENGINEERS_PER_PARTNER + e + 1, "partner_id": p + 1, "code": f"BE{p:02d}{e:02d}",
                  "name": f"工程师 {p}-{e}", "active": True, "version": 1}
                 for p in range(PARTNERS) for e in range(ENGINEERS_PER_PARTNER)]
    customers = [{"id": p + 1, "code": f"BC{p:02d}", "name": f"客户 {p}", "version": 1} for p in range(PARTNERS)]
    sites, place = [], {}
    for p in range(PARTNERS):
        for s in range(SITES_PER_PARTNER):
            site_id = p * SITES_PER_PARTNER + s + 1
            place[site_id] = (bases[p][0] + rng.uniform(-0.4, 0.4), bases[p][1] + rng.uniform(-0.4, 0.4))
            sites.append({"id": site_id, "customer_id": p + 1, "name": f"现场 {site_id}",
                          "latitude": Decimal(f"{place[site_id][0]:.6f}"),
                          "longitude": Decimal(f"{place[site_id][1]:.6f}"), "version": 1})
    contracts = [{"id": p + 1, "number": f"BSC{p:02d}", "customer_id": p + 1, "level": "gold",
                  "starts_on": start.date(), "ends_on": (now + timedelta(days=365)).date(), "version": 1}
                 for p in range(PARTNERS)]
    assets = []
    for p in range(PARTNERS):
        for a in range(ASSETS_PER_PARTNER):
            lapsed = rng.random() < 0.02
            assets.append({"id": p * ASSETS_PER_PARTNER + a + 1, "serial": f"BSN{p:02d}{a:05d}", "model": "DL380",
                           "product": "Server", "customer_id": p + 1,
                           "site_id": p * SITES_PER_PARTNER + rng.randrange(SITES_PER_PARTNER) + 1,
                           "contract_id": p + 1 if rng.random() < 0.2 and not lapsed else None,
                           "warranty_end": (start - timedelta(days=30) if lapsed
                                            else start + timedelta(days=rng.randint(400, 900))).date(),
                           "version": 1})
    orders, steps, claims, parts, moves = [], [], [], [], []
    per_engineer = orders_wanted // len(engineers)
    gap = 0.95 * 365 * 24 / per_engineer - 4  # hours between one visit's fix and the next dispatch: a year
    for engineer in engineers:
        p = engineer["partner_id"] - 1
        cursor = start + timedelta(hours=rng.uniform(0, 48))
        previous_end = None
        for _ in range(per_engineer):
            order_id = len(orders) + 1
            asset = assets[p * ASSETS_PER_PARTNER + rng.randrange(ASSETS_PER_PARTNER)]
            site_id = asset["site_id"]
            roll = rng.random()
            if roll < ANOMALY and previous_end:  # impossible travel: a site in another partner's region
                site_id = rng.randrange(len(sites)) + 1
                cursor = previous_end + timedelta(minutes=30)
            elif roll < 2 * ANOMALY and previous_end:  # on site in two places at once
                cursor = previous_end - timedelta(minutes=90)
            dispatched = cursor
            accepted = dispatched + timedelta(minutes=rng.randint(5, 30))
            arrived = accepted + timedelta(minutes=rng.randint(40, 120))
            fixed = arrived + timedelta(minutes=rng.randint(30, 180) * (8 if rng.random() < ANOMALY else 1))
            confirmed = fixed + timedelta(minutes=rng.randint(10, 60))
            closed = confirmed + timedelta(hours=1)
            if rng.random() < ANOMALY:  # step times out of order
                accepted, arrived = arrived, accepted
            distance = km_between(bases[p], place[site_id])
            level = rng.choice(("L1", "L2", "L2", "L3"))
            orders.append({"id": order_id, "number": f"BP{p:02d}-{order_id:06d}", "partner_id": p + 1,
                           "status": "closed", "source": "import", "asset_id": asset["id"], "site_id": site_id,
                           "customer_id": p + 1, "engineer_id": engineer["id"], "category": rng.choice(CATEGORIES),
                           "repair_level": level, "distance_km": Decimal(f"{distance:.1f}"),
                           "dispatched_at": dispatched, "accept_due_at": dispatched + timedelta(minutes=30),
                           "arrive_due_at": dispatched + timedelta(hours=4),
                           "fix_due_at": dispatched + timedelta(hours=24),
                           "closed_at": closed, "version": 1})
            lat, lon = place[site_id]
            confirm = rng.random() >= ANOMALY * 5
            for step, at in (("dispatched", dispatched), ("accepted", accepted), ("arrived", arrived),
                             ("fixed", fixed), ("confirmed" if confirm else "closed", confirmed),
                             ("closed" if confirm else None, closed)):
                if step:
                    steps.append({"id": len(steps) + 1, "order_id": order_id, "step": step, "at": at,
                                  "recorded_by": "bench", "recorded_at": at + timedelta(minutes=2),
                                  "engineer_id": engineer["id"],
                                  "latitude": Decimal(f"{lat + rng.uniform(-0.001, 0.001):.6f}") if step == "arrived"
                                  else None,
                                  "longitude": Decimal(f"{lon + rng.uniform(-0.001, 0.001):.6f}") if step == "arrived"
                                  else None, "satisfaction": 5 if step == "confirmed" else None})
            if p == 7 and rng.random() < 0.3:  # one partner's repairs cluster just before warranty end
                asset["warranty_end"] = (fixed + timedelta(days=rng.randint(1, 20))).date()
                asset["contract_id"] = None
            travel = max(0.0, distance - 30) * 2
            claimed_km = distance * (2.5 if rng.random() < ANOMALY else 1)
            amount = RATE[level] + travel + (0 if rng.random() > ANOMALY else 4000)
            for _copy in range(2 if rng.random() < ANOMALY else 1):
                claim_id = len(claims) + 1
                claims.append({"id": claim_id, "number": f"{orders[-1]['number']}-C{_copy + 1}", "partner_id": p + 1,
                               "order_id": order_id,
                               "status": "submitted" if closed > now - timedelta(days=30) else "approved",
                               "service_date": fixed.date(), "submitted_at": closed + timedelta(hours=2),
                               "travel_km": Decimal(f"{claimed_km:.1f}"), "labour": Decimal(RATE[level]),
                               "travel": Decimal(f"{travel:.2f}"), "parts": Decimal(0), "other": Decimal(0),
                               "amount": Decimal(f"{amount:.2f}"), "computed_amount": Decimal(f"{amount:.2f}"),
                               "version": 1})
            if rng.random() < 0.1:
                part = rng.randrange(PARTS) + 1
                fitted, removed = f"NS{order_id}", f"DS{order_id}"
                parts.append({"id": len(parts) + 1, "claim_id": claim_id, "part_number": f"BPN-{part:03d}",
                              "quantity": 1, "installed_serial": fitted, "removed_serial": removed})
                if rng.random() > 0.01:
                    moves.append((part, "issue", fitted, orders[-1]["number"], arrived - timedelta(hours=1)))
                if rng.random() > 0.01 and fixed < now - timedelta(days=20):
                    back = removed if rng.random() > 0.005 else f"XX{order_id}"
                    moves.append((part, "defective_return", back, orders[-1]["number"], fixed + timedelta(days=7)))
            previous_end = fixed
            cursor = fixed + timedelta(hours=rng.uniform(0.5, 1.5) * gap)
    with app.session() as session:
        for model, rows in ((Partner, partners), (Engineer, engineers), (Customer, customers), (Site, sites),
                            (ServiceContract, contracts), (Asset, assets), (ServiceOrder, orders),
                            (OrderStep, steps), (Claim, claims), (ClaimPart, parts)):
            bulk_insert(session, model, rows, chunk=50_000)
        if app.has_plugin("spares"):
            from plugins.spares.models import Location, Move, Part

            bulk_insert(session, Part, [{"id": n + 1, "part_number": f"BPN-{n + 1:03d}", "name": f"备件 {n}",
                                         "unit_cost": Decimal(100), "serialized": True, "return_required": True,
                                         "compatible_models": "", "active": True, "version": 1} for n in range(PARTS)])
            bulk_insert(session, Location, [{"id": 1, "code": "BDEPOT", "name": "库房", "kind": "regional",
                                             "active": True, "version": 1}])
            bulk_insert(session, Move, ({"id": n + 1, "part_id": part, "kind": kind, "serial": serial, "ref": ref,
                                         "at": at, "quantity": Decimal(1), "actor": "bench",
                                         "from_location_id": 1 if kind == "issue" else None,
                                         "to_location_id": None if kind == "issue" else 1}
                                        for n, (part, kind, serial, ref, at) in enumerate(moves)), chunk=50_000)
    with app.engine.begin() as connection:  # fresh statistics after a bulk load, as autovacuum would
        if app.engine.dialect.name == "postgresql":
            connection.execute(text("ANALYZE"))
        elif app.engine.dialect.name in ("mysql", "mariadb"):
            for table in ("partners_order_step", "partners_service_order", "partners_claim", "partners_claim_part",
                          "core_assets", "spares_move"):
                connection.execute(text(f"ANALYZE TABLE {table}"))
        else:
            connection.execute(text("ANALYZE"))
    return {"orders": len(orders), "steps": len(steps), "claims": len(claims), "claim parts": len(parts),
            "spares moves": len(moves)}


def baseline(app) -> float:
    """Median seconds of one aggregate over every step (per order: count, first and last time)."""
    from sqlalchemy import func, select

    from plugins.partners.findings import reading
    from plugins.partners.models import OrderStep
    from plugins.partners.rules.sql import prepare

    times = []
    for _ in range(3):
        began = time.perf_counter()
        with reading(app) as session:
            prepare(session)  # the same session settings as the rules' run
            session.execute(select(OrderStep.order_id, func.count(), func.min(OrderStep.at), func.max(OrderStep.at))
                            .group_by(OrderStep.order_id)).all()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def report(summary, raw: float, title: str) -> None:
    """Seconds per rule, the total and the ratio against the raw aggregate."""
    print(f"  {title}: {summary.ms / 1000:.2f} s in all (goal ≤ 10 s), {summary.new:,} new findings, "
          f"{summary.present:,} found again, {summary.claims_checked:,} claims moved to review; "
          f"{summary.ms / 1000 / raw:.1f}× the raw aggregate")
    for outcome in summary.outcomes:
        status = f"skipped ({outcome.skipped})" if outcome.skipped else \
            f"{outcome.ms / 1000:6.2f} s  {outcome.new:>6,} new {outcome.present:>6,} again"
        print(f"    {outcome.rule:<26} {status}")


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_backend_argument(parser)
    parser.add_argument("--orders", type=int, default=100_000)
    args = parser.parse_args()
    from console.api import Actor
    from plugins.partners import findings

    with scratch_app(args.backend) as app:
        began = time.perf_counter()
        counts = build(app, args.orders, random.Random(6))
        print(f"{args.backend}: " + ", ".join(f"{n:,} {what}" for what, n in counts.items())
              + f" built in {time.perf_counter() - began:.0f} s")
        raw = baseline(app)
        print(f"  raw aggregate over every step: {raw:.2f} s")
        report(findings.run_rules(app, Actor.system()), raw, "first run")
        report(findings.run_rules(app, Actor.system()), raw, "second run")


if __name__ == "__main__":
    main()
