"""Demo partners and a year of their work: service orders step by step, claims, audit findings,
reviews and monthly settlements.

The partners take the codes of core's partner service centres first, then ``SP001``… (the codes
spares' demo gives its consignment stock and the service orders it issues parts to). Each partner
gets a centre in its home city (when it has none), engineers, a past and a current rate card, and
the sites nearest its centres as its area. ``demo_year`` plans the orders, steps and claims and
``demo_anomalies`` the cases each audit rule must find; all of it is bulk-inserted. Then the flow
runs through the services: the audit rules, decisions on findings and claims older than the last
month (back-dated), and the settlements of past months — posted, the last one left as a draft.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import exists, func, select, text, update
from sqlalchemy.orm import Session

from console.api import (
    Asset,
    DemoContext,
    ServiceCentre,
    ServiceContract,
    Site,
    bulk_insert,
    haversine_km,
)
from plugins.partners import findings, settlement
from plugins.partners.claims import compute, local_zone
from plugins.partners.demo_anomalies import Anomalies
from plugins.partners.demo_review import Review
from plugins.partners.demo_year import LOCAL_PARTS, YEAR, Ids, Job, PartnerWorld, Visit, Year, noted_serial, order_stub
from plugins.partners.models import (
    LEVELS,
    Claim,
    ClaimEvent,
    ClaimPart,
    Engineer,
    OrderStep,
    Partner,
    RateCard,
    ServiceOrder,
    Settlement,
)
from plugins.partners.orders import DueRules

ACTOR = "clerk"
#: Home city of the n-th demo partner: code suffix of its centre, name, region, latitude, longitude.
CITIES = (("XA", "西安", "西北", 34.3416, 108.9398), ("HZ", "杭州", "华东", 30.2741, 120.1551),
          ("CD", "成都", "西南", 30.5728, 104.0668), ("BJ", "北京", "华北", 39.9042, 116.4074),
          ("SH", "上海", "华东", 31.2304, 121.4737), ("GZ", "广州", "华南", 23.1291, 113.2644),
          ("SZ", "深圳", "华南", 22.5431, 114.0579), ("WH", "武汉", "华中", 30.5928, 114.3055),
          ("NJ", "南京", "华东", 32.0603, 118.7969), ("SY", "沈阳", "东北", 41.8057, 123.4315),
          ("HRB", "哈尔滨", "东北", 45.8038, 126.5350), ("KM", "昆明", "西南", 25.0389, 102.7183),
          ("URC", "乌鲁木齐", "西北", 43.8256, 87.6168))
#: The trade name of a partner of each home city (in ``CITIES`` order), and of a second partner in a city.
BRANDS = ("秦川", "西湖", "天府", "信达", "浦江", "粤维", "鹏程", "长江", "金陵", "北方", "冰城", "春城", "天山")
SECOND_BRANDS = ("华信", "卓越", "恒通", "博远")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林"
GIVEN = ("伟", "芳", "磊", "强", "军", "洋", "勇", "杰", "涛", "明", "超", "志强", "建华", "海峰")
#: Rate card per level: labour L1, L2, L3, free radius km, per km, parts handling.
RATES = {"gold": (180, 320, 560, 30, "2.00", 40), "silver": (160, 290, 500, 30, "1.80", 35),
         "authorised": (150, 260, 450, 20, "1.60", 30)}
#: Words of an asset's product and the order category they make (the last one: anything else).
CATEGORY_WORDS = (("server", "服务器 Server"), ("storage", "存储 Storage"), ("switch", "网络设备 Network"),
                  ("printer", "打印机 Printer"), ("laptop", "笔记本 Laptop"), ("", "其他设备 Other"))
AREA_KM, AREA_MIN_SITES = 200, 20
#: Orders a partner has at least in a year: enough peers per category and repair level for the outlier rules.
MIN_ORDERS = 35
OTHER_FEES = (("停车费 parking", 20, 60), ("过路费 tolls", 30, 120), ("登高车租赁 lift rental", 200, 400))


def seed(ctx: DemoContext) -> None:
    """Write the demo partners and a year of their work at ``ctx.size`` (see the module docstring)."""
    count = ctx.scale.get("partners", 8)
    if count <= 0:
        return
    zone = local_zone(ctx.app)
    dues = DueRules.current(ctx.app)
    with ctx.app.unit_of_work(ctx.actor, "partners.edit") as work:
        session = work.session
        places = _sites(session)
        assets = _asset_jobs(session, places)
        partners = _world(ctx, session, count, places, assets)
        ids = Ids({"order": _next_id(session, ServiceOrder), "claim": _next_id(session, Claim)})
        year = Year(ctx, partners, dues, ids, zone)
        per_partner = max(MIN_ORDERS, max(20, ctx.scale.get("incidents", 200) // 10) // count)
        year.plan(per_partner)
        sequences = dict(session.execute(select(Partner.id, Partner.last_order_seq)
                                         .where(Partner.id.in_([p.id for p in partners]))).all())
        spares = ctx.app.has_plugin("spares")
        anomalies = Anomalies(year, assets)
        anomalies.orders(_unreturned(ctx, session, assets) if spares else [])
        year.number(sequences)
        issued = _spares_parts(ctx, session, [v.number for v in year.visits]) if spares else {}
        for visit in year.visits:
            if visit.outcome != "rejected" and (visit.outcome == "closed" or ctx.rng.random() < 0.6) \
                    and (visit.id in anomalies.used or ctx.rng.random() < 0.93):
                year.claim(visit, anomalies.parts(visit, _parts(ctx, visit, issued)), **_extras(ctx))
        anomalies.claims(issued)
        _write(ctx, session, year, anomalies)
        for partner_id, last in sequences.items():
            session.execute(update(Partner).where(Partner.id == partner_id).values(last_order_seq=last))
        _advance_sequences(session)
        work.audit("demo.seed", "service_order", "*", {"partners": len(partners), "orders": len(year.visits)})
    _flow(ctx, zone, ids.first)


# -- the network -------------------------------------------------------------------------------
def _world(ctx: DemoContext, session: Session, count: int, places: dict, assets: list[Job]) -> list[PartnerWorld]:
    """The demo partners with centres, engineers, rate cards and the jobs of their area (``places``: the
    sites, ``_sites``; ``assets``: a job for each asset at them, ``_asset_jobs``)."""
    rng = ctx.rng
    codes = sorted(set(session.scalars(select(ServiceCentre.partner_code)
                                       .where(ServiceCentre.partner_code.is_not(None)))))[:count]
    codes += [c for c in (f"SP{n:03d}" for n in range(1, 2 * count + 1)) if c not in codes][:count - len(codes)]
    taken = set(session.scalars(select(Partner.code).where(Partner.code.in_(codes))))
    rows = []
    for n, code in enumerate(codes):
        if code in taken:
            continue
        _key, city, region, _lat, _lon = CITIES[n % len(CITIES)]
        near = CITIES[(n + 3) % len(CITIES)][2]
        brand = BRANDS[n] if n < len(BRANDS) else SECOND_BRANDS[n % len(SECOND_BRANDS)]
        rows.append({"code": code, "name": f"{city}{brand}技术服务有限公司", "version": 1,
                     "active": True, "last_order_seq": 0, "level": rng.choices(LEVELS, (2, 5, 3))[0],
                     "regions": ", ".join(dict.fromkeys((region, near)) if rng.random() < 0.4 else (region,))})
    bulk_insert(session, Partner, rows)
    partners = session.execute(select(Partner.id, Partner.code, Partner.level)
                               .where(Partner.code.in_(codes)).order_by(Partner.code)).all()
    new = {row["code"] for row in rows}
    _centres(ctx, session, [(code, n) for n, (_id, code, _level) in enumerate(partners)])
    centres = defaultdict(list)
    for centre_id, code, lat, lon in session.execute(
            select(ServiceCentre.id, ServiceCentre.partner_code, ServiceCentre.latitude, ServiceCentre.longitude)
            .where(ServiceCentre.partner_code.in_(codes)).order_by(ServiceCentre.code)):
        centres[code].append((centre_id, float(lat), float(lon)))
    _engineers(ctx, session, [(pid, code) for pid, code, _level in partners if code in new])
    _rate_cards(ctx, session, [(pid, level) for pid, code, level in partners if code in new])
    engineers = defaultdict(list)
    for engineer_id, partner_id, code in session.execute(
            select(Engineer.id, Engineer.partner_id, Engineer.code)
            .where(Engineer.partner_id.in_([p.id for p in partners]), Engineer.active.is_(True))):
        engineers[partner_id].append((engineer_id, code))
    carded = set(session.scalars(select(RateCard.partner_id).distinct()
                                 .where(RateCard.partner_id.in_([p.id for p in partners]))))
    world = [PartnerWorld(pid, code, centres[code], engineers[pid]) for pid, code, _level in partners
             if engineers[pid] and pid in carded]
    _areas(ctx, session, world, places, assets)
    return world


def _centres(ctx: DemoContext, session: Session, partners: list[tuple[str, int]]) -> None:
    """A service centre in the home city of each partner that has none (core's directory holds centres;
    the demo plays the administrator who registered them), a second one for some."""
    have = set(session.scalars(select(ServiceCentre.partner_code).where(
        ServiceCentre.partner_code.in_([code for code, _n in partners]))))
    rows = []
    for code, n in partners:
        if code in have:
            continue
        for k, (key, city, _region, lat, lon) in enumerate((CITIES[n % len(CITIES)], CITIES[(n + 3) % len(CITIES)])):
            if k and ctx.rng.random() < 0.6:
                break
            rows.append({"code": f"{code}-{key}", "name": f"{city}{'服务网点' if k else '服务中心'} ({code})",
                         "city": city, "partner_code": code,
                         "latitude": Decimal(f"{lat + ctx.rng.uniform(-0.05, 0.05):.6f}"),
                         "longitude": Decimal(f"{lon + ctx.rng.uniform(-0.05, 0.05):.6f}")})
    taken = set(session.scalars(select(ServiceCentre.code).where(ServiceCentre.code.in_([r["code"] for r in rows]))))
    bulk_insert(session, ServiceCentre, [r for r in rows if r["code"] not in taken])


def _engineers(ctx: DemoContext, session: Session, partners: list[tuple[int, str]]) -> None:
    """Two to twelve engineers per partner, more for bigger demos."""
    per = max(2, min(12, ctx.scale.get("incidents", 200) // 10 // max(1, len(partners)) // 50 + 2))
    taken = set(session.scalars(select(Engineer.code)))
    rows = []
    for partner_id, code in partners:
        for n in range(1, per + ctx.rng.randint(0, 1) + 1):
            if (engineer := f"{code}-E{n:02d}") not in taken:
                rows.append({"partner_id": partner_id, "code": engineer, "version": 1, "active": True,
                             "name": ctx.rng.choice(SURNAMES) + ctx.rng.choice(GIVEN),
                             "phone": f"1{ctx.rng.choice((38, 39, 58, 86))}{ctx.rng.randrange(10**8):08d}"})
    bulk_insert(session, Engineer, rows)


def _rate_cards(ctx: DemoContext, session: Session, partners: list[tuple[int, str]]) -> None:
    """Last year's rate card, and the current one (about 5% more) since five months ago."""
    today = ctx.now.date()
    change = (today.replace(day=1) - timedelta(days=140)).replace(day=1)
    rows = []
    for partner_id, level in partners:
        l1, l2, l3, radius, per_km, handling = RATES[level]
        for valid_from, valid_to, factor in ((today - YEAR - timedelta(days=60), change - timedelta(days=1), 1),
                                             (change, None, Decimal("1.05"))):
            rows.append({"partner_id": partner_id, "valid_from": valid_from, "valid_to": valid_to, "version": 1,
                         "labour_l1": _money(l1 * factor), "labour_l2": _money(l2 * factor),
                         "labour_l3": _money(l3 * factor), "free_radius_km": Decimal(radius),
                         "travel_per_km": _money(Decimal(per_km) * factor),
                         "parts_handling": _money(handling * factor)})
    bulk_insert(session, RateCard, rows)


def _areas(ctx: DemoContext, session: Session, world: list[PartnerWorld], places: dict, assets: list[Job]) -> None:
    """Each partner's jobs: the assets (with their incidents) at the sites within ``AREA_KM`` of its
    centres, or at least at its ``AREA_MIN_SITES`` nearest sites."""
    area: dict[int, set[int]] = {}
    for partner in world:
        distance = {site: min(haversine_km(lat, lon, c[1], c[2]) for c in partner.centres) if partner.centres else 0
                    for site, (lat, lon, _customer) in places.items()}
        nearest = sorted(distance, key=distance.get)
        area[partner.id] = set(nearest[:AREA_MIN_SITES]) | {s for s in nearest if distance[s] <= AREA_KM}
    jobs = _jobs(ctx, session, assets)
    for partner in world:
        partner.jobs = [job for job in jobs if job.site_id in area[partner.id]] or jobs[:200]


def _jobs(ctx: DemoContext, session: Session, jobs: list[Job]) -> list[Job]:
    """What orders are about: the assets at sites with coordinates (``jobs``, with the incidents about
    them, month by month, when incidents is installed)."""
    if not ctx.app.has_plugin("incidents"):
        return jobs
    from plugins.incidents.api import resolved_between

    by_asset = {job.asset_id: job for job in jobs}
    wanted = max(200, ctx.scale.get("incidents", 200) // 40)
    found, month = [], ctx.now - YEAR - timedelta(days=30)
    while month < ctx.now:
        found += resolved_between(session, month, month + timedelta(days=30), limit=wanted)
        month += timedelta(days=30)
    latest = {i.asset_id: i.number for i in found if i.asset_id in by_asset}  # one job per asset
    return [replace(by_asset[asset], incident_ref=number) for asset, number in latest.items()] or jobs


def _asset_jobs(session: Session, places: dict) -> list[Job]:
    """A job for every asset at a site with coordinates: its category from the product, its cover."""
    covered = _coverage(session)
    rows = session.execute(select(Asset.id, Asset.site_id, Asset.product, Asset.warranty_end)
                           .where(Asset.site_id.in_(select(Site.id).where(Site.latitude.is_not(None))))
                           .order_by(Asset.id).limit(100_000))
    return [Job(None, places[site_id][2], site_id, asset_id, _category(product), *places[site_id][:2],
                covered.get(asset_id), warranty_end)
            for asset_id, site_id, product, warranty_end in rows if site_id in places]


def _category(product: str | None) -> str:
    """The kind of equipment, from the asset's product: the peer group of the outlier rules."""
    name = (product or "").lower()
    return next((category for word, category in CATEGORY_WORDS if word in name), CATEGORY_WORDS[-1][1])


def _sites(session: Session) -> dict[int, tuple[float, float, int]]:
    """``{site id: (latitude, longitude, customer id)}`` of the sites with coordinates."""
    return {site_id: (float(lat), float(lon), customer_id) for site_id, lat, lon, customer_id in session.execute(
        select(Site.id, Site.latitude, Site.longitude, Site.customer_id).where(Site.latitude.is_not(None)))}


def _coverage(session: Session) -> dict[int, date | None]:
    """``{asset id: the last day it is under warranty or contract}`` (None: never covered)."""
    ends = dict(session.execute(select(ServiceContract.id, ServiceContract.ends_on)).all())
    return {asset_id: max((d for d in (warranty, ends.get(contract)) if d), default=None)
            for asset_id, warranty, contract in session.execute(
                select(Asset.id, Asset.warranty_end, Asset.contract_id))}


# -- parts and claims ----------------------------------------------------------------------------
def _spares_parts(ctx: DemoContext, session: Session, numbers: list[str]) -> dict[str, list[tuple]]:
    """``{order number: [(part number, quantity, installed serial, removed serial)]}`` from spares' ledger:
    the serial issued is the one fitted; the one removed is the serial that came back to the defective
    store or, for half of the parts of which nothing came back, a serial the engineer noted."""
    from plugins.spares.api import defective_returns, issued_parts

    issued, returned = issued_parts().subquery(), defective_returns().subquery()
    lines: dict[str, list[tuple]] = defaultdict(list)
    back: dict[tuple[str, str], list[str]] = defaultdict(list)
    for start in range(0, len(numbers), 500):
        chunk = numbers[start:start + 500]
        for ref, part, serial in session.execute(select(returned.c.ref, returned.c.part_number, returned.c.serial)
                                                 .where(returned.c.ref.in_(chunk)).order_by(returned.c.at)):
            back[ref, part].append(serial)
        for ref, part, serial, quantity in session.execute(
                select(issued.c.ref, issued.c.part_number, issued.c.serial, issued.c.quantity)
                .where(issued.c.ref.in_(chunk)).order_by(issued.c.at)):
            came_back = back.get((ref, part))
            removed = came_back.pop(0) if serial and came_back else None
            if serial and (ref, part) not in back and ctx.rng.random() < 0.5:
                removed = noted_serial(ctx.rng, serial)
            lines[ref].append((part, max(1, int(quantity)), serial, removed))
    return lines


def _unreturned(ctx: DemoContext, session: Session, assets: list[Job]) -> list[tuple[Job, str, str, datetime]]:
    """Parts spares issued with a serial to an incident more than 45 days ago of which nothing came back:
    ``(the incident's asset as a job, part number, serial, issued at)``, oldest first (at most three; none
    without incidents)."""
    if not ctx.app.has_plugin("incidents"):
        return []
    from plugins.incidents.api import incident_summary
    from plugins.spares.api import defective_returns, issued_parts

    issued, returned = issued_parts().subquery(), defective_returns().subquery()
    rows = session.execute(select(issued.c.ref, issued.c.part_number, issued.c.serial, issued.c.at)
                           .where(issued.c.serial.is_not(None), issued.c.at < ctx.now - timedelta(days=45),
                                  ~exists().where(returned.c.ref == issued.c.ref,
                                                  returned.c.part_number == issued.c.part_number))
                           .order_by(issued.c.at).limit(50))
    jobs = {job.asset_id: job for job in assets}
    found = []
    for ref, part, serial, at in rows:
        incident = incident_summary(session, ref)
        if incident is not None and incident.asset_id in jobs:
            found.append((replace(jobs[incident.asset_id], incident_ref=ref), part, serial, at))
    return found[:3]


def _parts(ctx: DemoContext, visit: Visit, issued: dict[str, list[tuple]]) -> list[tuple]:
    """The parts a claim lists: what spares issued to the order, or (without spares) a part now and then."""
    if ctx.app.has_plugin("spares"):
        return list(issued.get(visit.number, ()))
    if ctx.rng.random() > 0.35:
        return []
    part, prefix = ctx.rng.choice(LOCAL_PARTS)
    serial = (lambda: f"{prefix}{ctx.rng.randrange(16**8):08X}") if prefix else (lambda: None)
    return [(part, 1, serial(), serial())]


def _extras(ctx: DemoContext) -> dict:
    """Now and then a parking fee or toll on top of the rate card."""
    if ctx.rng.random() > 0.07:
        return {}
    note, low, high = ctx.rng.choice(OTHER_FEES)
    return {"other": Decimal(ctx.rng.randint(low, high)), "other_note": note}


def _claim_rows(session: Session, claims: list[dict]) -> tuple[list[dict], list[dict], list[dict]]:
    """Claims (amounts from the rate card, ``claims.compute``), their parts and their "submitted" events."""
    rows, parts, events = [], [], []
    numbered: dict[int, int] = defaultdict(int)
    for claim in sorted(claims, key=lambda c: c["submitted_at"]):
        visit = claim["visit"]
        order = order_stub(visit)
        rate = compute(session, order, parts_lines=len(claim["parts"]), service_date=claim["service_date"])
        km = claim["travel_km"] if claim["travel_km"] is not None else rate.distance_km
        asked = rate if km == rate.distance_km else compute(session, order, parts_lines=len(claim["parts"]),
                                                           service_date=claim["service_date"], distance_km=km)
        labour = claim["labour"] or asked.labour
        amount = labour + asked.travel + asked.parts + claim["other"]
        numbered[visit.id] += 1
        rows.append({"id": claim["id"], "number": f"{visit.number}-C{numbered[visit.id]}",
                     "partner_id": visit.partner.id, "order_id": visit.id, "status": "submitted",
                     "external_ref": claim["external_ref"], "service_date": claim["service_date"],
                     "submitted_at": claim["submitted_at"], "travel_km": km, "labour": labour,
                     "travel": asked.travel, "parts": asked.parts, "other": claim["other"],
                     "other_note": claim["other_note"], "amount": amount, "computed_amount": rate.total,
                     "approved_amount": None, "decided_by": None, "decided_at": None, "decision_note": None,
                     "settlement_id": None, "version": 1})
        texts = []
        for part, quantity, installed, removed in claim["parts"]:
            parts.append({"claim_id": claim["id"], "part_number": part, "quantity": quantity,
                          "installed_serial": installed, "removed_serial": removed})
            texts.append(":".join((part, str(quantity), installed or "", removed or "")))
        events.append({"claim_id": claim["id"], "at": claim["submitted_at"], "actor": f"{visit.partner.code.lower()}",
                       "action": "submitted", "detail": json.dumps(
                           {"amount": str(amount), "computed": str(rate.total), "parts": texts}, ensure_ascii=False)})
    return rows, parts, events


def _write(ctx: DemoContext, session: Session, year: Year, anomalies: Anomalies) -> None:
    """Orders, steps, claims, claim parts and events, in that order."""
    visits = sorted(year.visits, key=lambda v: v.id)
    bulk_insert(session, ServiceOrder, (year.order_row(v, keep_future=anomalies.early_clock(v)) for v in visits))
    bulk_insert(session, OrderStep, (row for v in visits
                                     for row in year.step_rows(v, ACTOR, keep_future=anomalies.early_clock(v))))
    claims, parts, events = _claim_rows(session, [c for v in visits for c in v.claims])
    for model, rows in ((Claim, claims), (ClaimPart, parts), (ClaimEvent, events)):
        bulk_insert(session, model, rows)


# -- the flow through the services ---------------------------------------------------------------
def _flow(ctx: DemoContext, zone, first: dict[str, int]) -> None:
    """Run the audit rules, decide what is older than the last month, settle the past months."""
    findings.run_rules(ctx.app, ctx.actor)
    this_month = ctx.now.astimezone(zone).date().replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    with ctx.app.unit_of_work(ctx.actor, "partners.review") as work:
        review = Review(ctx, work.session, zone, first["claim"], first["order"])
        review.decide(decided_before=datetime.combine(last_month, time(), zone),
                      partly_before=datetime.combine(this_month, time(), zone))
    _settle(ctx, zone, last_month)


def _settle(ctx: DemoContext, zone, last_month: date) -> None:
    """Prepare and post each month's statements up to the last month, which stays a draft."""
    month = (ctx.now - YEAR).astimezone(zone).date().replace(day=1)
    while month <= last_month:
        end = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        numbers = settlement.prepare(ctx.app, ctx.actor, period_start=month, period_end=end)
        if month < last_month:
            for number in numbers:
                settlement.post(ctx.app, ctx.actor, number, expected_version=None)
        _backdate_statements(ctx, numbers, end, zone, posted=month < last_month)
        month = end + timedelta(days=1)


def _backdate_statements(ctx: DemoContext, numbers: list[str], period_end: date, zone, *, posted: bool) -> None:
    """A past month's statements were prepared a few days after it ended, and posted a few days later."""
    if not numbers:
        return
    prepared = datetime.combine(period_end + timedelta(days=3), time(10), zone)
    paid = prepared + timedelta(days=2, hours=5)
    with ctx.app.unit_of_work(ctx.actor, "partners.settle") as work:
        session = work.session
        session.execute(update(Settlement).where(Settlement.number.in_(numbers)).values(
            created_at=min(prepared, ctx.now), created_by=ACTOR,
            **({"posted_at": min(paid, ctx.now), "posted_by": "lead"} if posted else {})))
        if posted:
            ids = select(Settlement.id).where(Settlement.number.in_(numbers))
            session.execute(update(ClaimEvent).where(ClaimEvent.action == "settled", ClaimEvent.claim_id.in_(
                select(Claim.id).where(Claim.settlement_id.in_(ids)))).values(at=min(paid, ctx.now), actor="lead"))


# -- ids -----------------------------------------------------------------------------------------
def _next_id(session: Session, model) -> int:
    return (session.scalar(select(func.max(model.id))) or 0) + 1


def _advance_sequences(session: Session) -> None:
    """Explicit ids leave PostgreSQL's serial sequences behind; move them past the largest id."""
    if session.bind.dialect.name != "postgresql":
        return
    for table in ("partners_service_order", "partners_claim"):
        session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                             f"(SELECT coalesce(max(id), 1) FROM {table}))"))


def _money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))

