"""The demo's world before the year starts: the depot network, the catalogue, the weekly shipments, the
quarterly counts, and the references of the other plugins' demo data."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.api import DemoContext, bulk_insert
from plugins.spares.demo.world import BEIJING, Ids, PartInfo, Places, Shipments
from plugins.spares.models import Count, Counter, Location, Move, Part, Request, Shipment

CHUNK = 20_000
YEAR = timedelta(days=365)
#: code, name, kind, city, demand weight, transport days from the central depot, transport cost base (CNY)
NETWORK = [
    ("BJ-CDC", "北京中心库 Beijing central depot", "central", "北京", 14, 0, 0),
    ("SH-RDC", "上海备件库 Shanghai depot", "regional", "上海", 16, 1.5, 65),
    ("GZ-RDC", "广州备件库 Guangzhou depot", "regional", "广州", 12, 2.5, 95),
    ("CD-RDC", "成都备件库 Chengdu depot", "regional", "成都", 8, 2.5, 110),
    ("WH-RDC", "武汉备件库 Wuhan depot", "regional", "武汉", 7, 1.5, 70),
    ("SY-RDC", "沈阳备件库 Shenyang depot", "regional", "沈阳", 5, 1.5, 75),
    ("TRANSIT", "在途 In transit", "in_transit", None, 0, 0, 0),
    ("DEFECT", "坏件库 Defective store", "defective", "北京", 0, 0, 0),
    ("REPAIR-SZ", "深圳维修中心 Shenzhen repair centre", "repair", "深圳", 0, 0, 0),
    ("REPAIR-SU", "苏州返修厂 Suzhou repair vendor", "repair", "苏州", 0, 0, 0),
    ("SCRAP", "报废 Scrap", "scrap", None, 0, 0, 0),
]
#: Partners with consignment stock (the partners demo uses these codes): code, city, weight, days, cost
CONSIGNMENT = [("SP001", "西安", 4, 2, 90), ("SP002", "杭州", 4, 1.5, 60), ("SP003", "重庆", 3, 2.5, 105)]
#: family code, Chinese, English variants, cost range, serialized, return required, demand weight, lot
FAMILIES = [
    ("HDD", "硬盘", ("600GB SAS 15K", "1.2TB SAS 10K", "2.4TB SAS 10K", "8TB NL-SAS"), (900, 2600), True, True, 12, 1),
    ("SSD", "固态硬盘", ("960GB SATA", "1.92TB SATA", "3.84TB NVMe"), (1400, 5200), True, True, 6, 1),
    ("MEM", "内存", ("16GB DDR4 2933", "32GB DDR4 3200", "64GB DDR4 3200"), (450, 2200), True, True, 9, 1),
    ("PSU", "电源模块", ("550W Platinum", "800W Platinum", "1100W Titanium"), (700, 1900), True, True, 6, 1),
    ("MB", "主板", ("System board", "Mainboard"), (4800, 12800), True, True, 2, 1),
    ("RAID", "RAID 卡", ("12Gb controller", "HBA 9400-8i"), (1800, 4800), True, True, 2, 1),
    ("BAT", "电池", ("Laptop battery 57Wh", "Laptop battery 72Wh"), (280, 820), True, True, 3, 1),
    ("CBB", "缓存电池", ("RAID cache battery", "Supercapacitor module"), (350, 900), True, True, 1, 1),
    ("LCD", "液晶屏", ('LCD panel 14"', 'LCD panel 15.6"'), (650, 1600), True, True, 3, 1),
    ("NIC", "网卡", ("10GbE dual port", "25GbE dual port"), (800, 2600), True, False, 3, 1),
    ("FAN", "风扇模块", ("Fan module", "Hot-swap fan"), (120, 420), False, False, 5, 2),
    ("SFP", "光模块", ("SFP+ 10G SR", "SFP28 25G SR", "QSFP28 100G"), (160, 2400), False, False, 6, 2),
    ("TNR", "硒鼓", ("Toner cartridge black", "Imaging drum"), (280, 900), False, False, 6, 1),
    ("KBD", "键盘", ("Keyboard USB", "Keyboard and mouse set"), (60, 220), False, False, 2, 1),
    ("CBL", "线缆", ("SAS cable 1m", "Power cord C13", "Fibre patch LC-LC 3m"), (25, 260), False, False, 3, 4),
]
#: vendor code → (name, {kind of equipment: the core demo's asset models of that vendor})
VENDORS = {
    "DEL": ("Dell", {"server": "PowerEdge R750, PowerEdge R740"}),
    "LNV": ("Lenovo", {"server": "ThinkSystem SR650", "laptop": "ThinkPad T14"}),
    "HUA": ("Huawei", {"server": "Huawei 2288H V6, OceanStor 5310"}),
    "HPE": ("HPE", {"server": "HPE ProLiant DL380 Gen10"}),
    "INS": ("Inspur", {"server": "Inspur NF5280M6"}),
    "H3C": ("H3C", {"switch": "H3C S5560"}),
    "CSC": ("Cisco", {"switch": "Cisco C9300"}),
    "HP": ("HP", {"printer": "HP LaserJet M507"}),
}
#: family code → the kinds of equipment it goes into
FAMILY_KINDS = {"HDD": ("server",), "SSD": ("server",), "MEM": ("server",), "PSU": ("server", "switch"),
                "MB": ("server",), "RAID": ("server",), "BAT": ("laptop",), "CBB": ("server",), "LCD": ("laptop",),
                "NIC": ("server",), "FAN": ("server", "switch"), "SFP": ("switch",), "TNR": ("printer",),
                "KBD": ("laptop",), "CBL": ("server",)}


def network(session: Session) -> tuple[Places, dict[int, tuple[float, int]]]:
    """The demo locations (created when missing), and each field depot's transport days and cost base."""
    rows = [(c, n, k, city, None, w, d, cost) for c, n, k, city, w, d, cost in NETWORK]
    rows += [(f"{p}-CON", f"{city}服务商寄售库 {p} consignment", "consignment", city, p, w, d, cost)
             for p, city, w, d, cost in CONSIGNMENT]
    existing = set(session.scalars(select(Location.code).where(Location.code.in_([r[0] for r in rows]))))
    missing = [{"code": c, "name": n, "kind": k, "city": city, "partner_code": p, "active": True, "version": 1}
               for c, n, k, city, p, *_ in rows if c not in existing]
    if missing:
        bulk_insert(session, Location, missing)
    ids = dict(session.execute(select(Location.code, Location.id).where(Location.code.in_([r[0] for r in rows]))).all())
    field = [r for r in rows if r[2] in ("regional", "consignment")]
    places = Places(central=ids["BJ-CDC"], field=[ids[r[0]] for r in field],
                    partner_of={ids[r[0]]: r[4] for r in field if r[4]}, transit=ids["TRANSIT"],
                    defective=ids["DEFECT"], repairs=[ids["REPAIR-SZ"], ids["REPAIR-SU"]], scrap=ids["SCRAP"],
                    weights=[float(r[5]) for r in field])
    return places, {ids[r[0]]: (r[6], r[7]) for r in field}


def catalogue(ctx: DemoContext, session: Session, count: int) -> list[PartInfo]:
    """``count`` parts over the families and vendors, with a yearly demand that follows usage."""
    rng = ctx.rng
    first = (session.scalar(select(func.count()).select_from(Part)) or 0) + 1
    weights = [f[6] for f in FAMILIES]
    requests_a_year = max(400, ctx.scale.get("incidents", 200) * 0.35)
    per_weight = requests_a_year / count / (sum(weights) / len(weights))
    rows, infos = [], []
    for n in range(count):
        code, zh, variants, (low, high), serialized, returns, weight, lot = rng.choices(FAMILIES, weights)[0]
        kind = rng.choice(FAMILY_KINDS[code])
        vendor_code = rng.choice([v for v, (_name, kinds) in VENDORS.items() if kind in kinds])
        vendor, models = VENDORS[vendor_code][0], VENDORS[vendor_code][1][kind]
        number = f"{vendor_code}-{code}-{first + n:05d}"
        cost = Decimal(rng.randint(low, high)) + Decimal(rng.choice((0, 50, 80, 99))) / 100
        rows.append({"part_number": number, "name": f"{zh} {vendor} {rng.choice(variants)}", "unit_cost": cost,
                     "serialized": serialized, "return_required": returns, "compatible_models": models,
                     "active": rng.random() > 0.02, "version": 1})
        infos.append((number, serialized, returns, cost, weight * per_weight * rng.lognormvariate(0, 0.7), lot))
    bulk_insert(session, Part, rows)
    ids = dict(session.execute(select(Part.part_number, Part.id).where(
        Part.part_number.in_([r["part_number"] for r in rows]))).all())
    return [PartInfo(ids[number], number, serialized, returns, cost, demand, lot)
            for number, serialized, returns, cost, demand, lot in infos]


def ids_in_use(session: Session) -> Ids:
    """The next free id of each table the simulation numbers, and the document counters used so far."""
    def after(model) -> int:
        return (session.scalar(select(func.max(model.id))) or 0) + 1

    numbers = dict(session.execute(select(Counter.name, Counter.value)).all())
    return Ids({"move": after(Move), "request": after(Request), "shipment": after(Shipment), "count": after(Count)},
               numbers)


def weekly_shipments(ctx: DemoContext, session: Session, places: Places, ids: Ids, start: datetime,
                      costs: dict[int, tuple[float, int]]) -> Shipments:
    """Every weekly shipment of the year (rows written now; the ones nothing went with are removed at the end)."""
    shipments = Shipments(ids, ctx.rng, ctx.now, lambda depot: costs[depot][0])
    rows = [{"id": slot["id"], "number": slot["number"], "from_location_id": slot["from_location_id"],
             "to_location_id": slot["to_location_id"], "transit_location_id": slot["transit_location_id"],
             "status": "in_transit", "shipped_at": slot["shipped_at"], "shipped_by": "clerk", "version": 1}
            for slot in shipments.plan(start, places.field, places.central, places.transit)]
    bulk_insert(session, Shipment, rows)
    return shipments


def count_plan(ctx: DemoContext, session: Session, places: Places, ids: Ids) -> list[dict]:
    """Quarterly counts at each regional depot (posted the next day), one being counted, one awaiting approval."""
    regional = [depot for depot in places.field if depot not in places.partner_of]
    numbers = dict(session.execute(select(Location.id, Location.code)).all())
    sheets = []
    for days_ago in (330, 240, 150, 60):
        for n, depot in enumerate(regional):
            created = datetime.combine((ctx.now - timedelta(days=days_ago + 2 * n)).astimezone(BEIJING).date(),
                                       time(9), BEIJING)
            sheets.append(_sheet(ids, depot, created, "posted", f"{numbers[depot]} 季度盘点 quarterly count"))
    for depot, days_ago, status in ((regional[1 % len(regional)], 1, "counting"),
                                    (regional[2 % len(regional)], 3, "awaiting_approval")):
        created = datetime.combine((ctx.now - timedelta(days=days_ago)).astimezone(BEIJING).date(), time(9), BEIJING)
        sheets.append(_sheet(ids, depot, created, status, f"{numbers[depot]} 月度抽盘 spot check"))
    sheets.sort(key=lambda s: s["created_at"])
    for sheet in sheets:
        sheet["number"] = ids.number("CT", sheet["created_at"])
    bulk_insert(session, Count, sheets)
    return sheets


def _sheet(ids: Ids, depot: int, created: datetime, status: str, note: str) -> dict:
    posted = created + timedelta(days=1, hours=6) if status == "posted" else None
    return {"id": ids.take("count"), "number": None, "location_id": depot, "status": status,
            "created_at": created, "created_by": "clerk", "note": note, "version": 1,
            "submitted_at": posted or (created + timedelta(hours=7) if status == "awaiting_approval" else None),
            "submitted_by": "clerk" if status != "counting" else None, "posted_at": posted, "approved_by": None,
            "difference_value": None}


class Refs:
    """Incident, work-order and service-order numbers like the ones the other demo seeders write."""

    def __init__(self, ctx: DemoContext, places: Places):
        self.ctx, self.places = ctx, places
        self.start = ctx.now - YEAR
        self.incidents = max(1, ctx.scale.get("incidents", 200))
        self.orders = max(20, self.incidents // 10) // max(1, ctx.scale.get("partners", 8))
        self.partners = [f"SP{n:03d}" for n in range(1, max(1, ctx.scale.get("partners", 8)) + 1)]

    def __call__(self, when: datetime, depot: int) -> tuple[str, str | None]:
        rng = self.ctx.rng
        share = (when - self.start) / YEAR
        partner = self.places.partner_of.get(depot) or (rng.choice(self.partners) if rng.random() < 0.08 else None)
        if partner:
            return f"{partner}-{max(1, round(share * self.orders) + rng.randint(-2, 2)):06d}", partner
        year_start = max(self.start, datetime(when.year, 1, 1, tzinfo=when.tzinfo))
        year_end = min(self.ctx.now, datetime(when.year + 1, 1, 1, tzinfo=when.tzinfo))
        in_year = self.incidents * ((year_end - year_start) / YEAR)
        sequence = max(1, round((when - year_start) / max(year_end - year_start, timedelta(hours=1)) * in_year))
        number = f"INC-{when:%Y}-{sequence:06d}"
        return (f"{number}-W01", None) if rng.random() < 0.12 else (number, None)
