"""Demo data for ``service-console demo seed``: core reference data, then every plugin's seeders.

Core writes customers (Chinese and English names), sites in real Chinese cities, contracts,
assets with plausible serials, service centres, groups, calendars and one user per role, all
as chunked Core ``executemany`` inserts so the large size stays fast. Then each active
plugin's ``register_demo_data`` seeders run in dependency order; a failing seeder fails only
its plugin. Everything derives from one seed, so a size and seed always give the same data.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from console.core import audit, auth
from console.core.bulk import bulk_insert
from console.core.calendars import BusinessCalendar
from console.core.context import AppContext
from console.core.contributions import DemoContext
from console.core.db import Base, utcnow
from console.core.errors import ValidationError
from console.core.models import (
    Asset,
    CalendarRecord,
    Customer,
    Group,
    GroupMember,
    ServiceCentre,
    ServiceContract,
    Site,
    User,
    UserRole,
)

#: How the login dialog tells a new user to sign in to a demo database.
DEMO_LOGIN = ("admin", "demo-admin-2026")
DEMO_PASSWORD = "demo-pass-2026"
CODE_PREFIX = "DEMO-"
CHUNK = 5_000
CALENDAR_BUSINESS, CALENDAR_24X7 = "China business hours", "24x7"

SIZES: dict[str, dict[str, int]] = {
    "tiny": {"customers": 20, "sites": 30, "contracts": 24, "assets": 80, "users": 20, "incidents": 200,
             "partners": 3, "parts": 40, "employees": 12, "problems": 5, "bulletins": 4},
    "small": {"customers": 300, "sites": 600, "contracts": 360, "assets": 3_000, "users": 40,
              "incidents": 5_000, "partners": 8, "parts": 400, "employees": 40, "problems": 30,
              "bulletins": 20},
    "medium": {"customers": 3_000, "sites": 6_000, "contracts": 3_600, "assets": 40_000, "users": 150,
               "incidents": 100_000, "partners": 20, "parts": 2_000, "employees": 150, "problems": 200,
               "bulletins": 100},
    "large": {"customers": 20_000, "sites": 40_000, "contracts": 24_000, "assets": 200_000, "users": 500,
              "incidents": 1_000_000, "partners": 40, "parts": 5_000, "employees": 500, "problems": 1_000,
              "bulletins": 400},
}


@dataclass(frozen=True)
class City:
    """A city demo sites and service centres are placed in."""

    key: str
    zh: str
    en: str
    lat: float
    lon: float
    area_code: str
    weight: int


CITIES = (
    City("BJ", "北京", "Beijing", 39.9042, 116.4074, "010", 16),
    City("SH", "上海", "Shanghai", 31.2304, 121.4737, "021", 16),
    City("GZ", "广州", "Guangzhou", 23.1291, 113.2644, "020", 10),
    City("SZ", "深圳", "Shenzhen", 22.5431, 114.0579, "0755", 10),
    City("CD", "成都", "Chengdu", 30.5728, 104.0668, "028", 7),
    City("WH", "武汉", "Wuhan", 30.5928, 114.3055, "027", 6),
    City("XA", "西安", "Xi'an", 34.3416, 108.9398, "029", 5),
    City("HZ", "杭州", "Hangzhou", 30.2741, 120.1551, "0571", 7),
    City("NJ", "南京", "Nanjing", 32.0603, 118.7969, "025", 6),
    City("SY", "沈阳", "Shenyang", 41.8057, 123.4315, "024", 4),
    City("HRB", "哈尔滨", "Harbin", 45.8038, 126.5350, "0451", 3),
    City("KM", "昆明", "Kunming", 25.0389, 102.7183, "0871", 3),
    City("URC", "乌鲁木齐", "Urumqi", 43.8256, 87.6168, "0991", 2),
)

_CN_CUSTOMERS = ("中国工商银行{zh}分行", "中国建设银行{zh}分行", "中国银行{zh}分行", "招商银行{zh}分行",
                 "交通银行{zh}分行", "上海浦东发展银行{zh}分行", "中国人寿保险{zh}分公司", "中国平安{zh}分公司",
                 "中国移动{zh}分公司", "中国电信{zh}分公司", "中国联通{zh}分公司", "国家电网{zh}供电公司",
                 "{zh}市第一人民医院", "{zh}市中心医院", "{zh}地铁运营有限公司", "{zh}市税务局",
                 "{zh}海关", "{zh}第一中学")
_EN_CUSTOMERS = ("Acme Logistics {en}", "Globex Manufacturing {en}", "Initech Software {en}",
                 "Umbrella Pharma {en}", "Contoso Retail {en}", "Fabrikam Electronics {en}",
                 "Northwind Foods {en}", "Tailspin Travel {en}", "Litware Consulting {en}")
_SITE_NAMES = ("总部 Head office", "数据中心 Data centre", "营业部 Branch office", "灾备中心 DR site",
               "仓库 Warehouse", "研发中心 R&D centre")
_ROADS = ("建国路", "人民路", "中山路", "解放路", "长安街", "科技园路", "高新大道", "滨江路", "世纪大道")
#: model, product family, serial prefix, weight
_MODELS = (("PowerEdge R750", "Dell PowerEdge server", "", 14),
           ("PowerEdge R740", "Dell PowerEdge server", "", 8),
           ("ThinkSystem SR650", "Lenovo ThinkSystem server", "J30", 12),
           ("Huawei 2288H V6", "Huawei FusionServer", "2102", 12),
           ("HPE ProLiant DL380 Gen10", "HPE ProLiant server", "CZJ", 8),
           ("Inspur NF5280M6", "Inspur server", "NF", 6),
           ("H3C S5560", "H3C switch", "219801A", 10),
           ("Cisco C9300", "Cisco Catalyst switch", "FOC", 10),
           ("OceanStor 5310", "Huawei OceanStor storage", "2103", 6),
           ("HP LaserJet M507", "HP LaserJet printer", "PHB", 7),
           ("ThinkPad T14", "Lenovo ThinkPad laptop", "PF", 7))
_LEVELS = (("gold", 20), ("silver", 35), ("basic", 45))
_SURNAMES = (("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
             ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"),
             ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("林", "Lin"))
_GIVEN = (("伟", "Wei"), ("芳", "Fang"), ("娜", "Na"), ("敏", "Min"), ("静", "Jing"), ("磊", "Lei"),
          ("强", "Qiang"), ("军", "Jun"), ("洋", "Yang"), ("勇", "Yong"), ("艳", "Yan"), ("杰", "Jie"),
          ("涛", "Tao"), ("明", "Ming"), ("超", "Chao"), ("秀英", "Xiuying"), ("霞", "Xia"), ("志强", "Zhiqiang"))
_EN_NAMES = ("Emily Carter", "James Miller", "Olivia Brown", "Daniel Smith", "Sophie Turner", "Lucas Meyer")

#: username, display name, roles, locale; every demo user has DEMO_PASSWORD except admin.
DEMO_USERS = (
    ("admin", "系统管理员 (System administrator)", ("admin",), "en"),
    ("lead", "李娜 (Li Na)", ("team_lead", "engineer"), "zh_CN"),
    ("clerk", "张敏 (Zhang Min)", ("back_office",), "zh_CN"),
    ("reviewer", "刘洋 (Liu Yang)", ("timesheet_reviewer",), "zh_CN"),
    ("engineer", "陈杰 (Chen Jie)", ("engineer",), "zh_CN"),
    ("auditor", "Emily Carter", ("partner_auditor",), "en"),
    ("viewer", "周静 (Zhou Jing)", ("read_only",), "zh_CN"),
)
GROUPS = ("一线服务台 Help desk L1", "二线技术支持 L2 support", "现场服务-北京 On-site Beijing",
          "现场服务-上海 On-site Shanghai", "现场服务-广州 On-site Guangzhou", "现场服务-成都 On-site Chengdu",
          "备件中心 Spare parts desk")

Progress = Callable[[str], None]


def has_demo_data(app: AppContext) -> bool:
    """True when the database already holds core demo data."""
    with app.session() as session:
        return session.scalar(select(Customer.id).where(Customer.code.startswith(CODE_PREFIX)).limit(1)) is not None


def scale_for(size: str, incidents: int | None = None) -> dict[str, int]:
    """The scale numbers of ``size``, with the incident count overridden when given."""
    if size not in SIZES:
        raise ValidationError(f"Unknown demo size '{size}'; use {', '.join(SIZES)}.", field="size")
    if incidents is not None and incidents < 0:
        raise ValidationError("The number of incidents cannot be negative.", field="incidents")
    return {**SIZES[size], **({"incidents": incidents} if incidents is not None else {})}


def seed(app: AppContext, size: str = "small", *, incidents: int | None = None, seed: int = 42,
         progress: Progress | None = None) -> dict[str, int]:
    """Write demo data of ``size`` (core, then every active plugin); returns row counts per table."""
    scale = scale_for(size, incidents)
    report = progress or (lambda _text: None)
    if has_demo_data(app):
        raise ValidationError("The database already has demo data; use a new database file or --db.")
    now = utcnow()
    with app.session() as session:
        counts = _seed_core(session, scale, random.Random(f"{seed}:core"), now, report)
        audit.append(session, "system", "demo.seed", "database", size, {"seed": seed, **counts})
    actor = auth.actor_for(app, DEMO_LOGIN[0])
    for plugin, spec in app.plugins.collect("register_demo_data"):
        if not app.plugins.records[plugin].active:  # a plugin it requires failed earlier in this loop
            continue
        report(f"{plugin}: {spec.name}…")
        context = DemoContext(app, actor, size, scale, random.Random(f"{seed}:{plugin}:{spec.name}"), now)
        try:
            spec.seed(context)
        except Exception as error:  # noqa: BLE001 - one plugin's seeder must not stop the others
            app.plugins.fail(plugin, "register_demo_data", error)
            report(f"{plugin}: demo data failed: {type(error).__name__}: {error}")
    counts.update(_plugin_counts(app))
    return counts


def _plugin_counts(app: AppContext) -> dict[str, int]:
    """Rows in each table of the plugins still active (a failed plugin's tables may not exist)."""
    prefixes = tuple(f"{r.name}_" for r in app.plugins.active())
    tables = [t for t in Base.metadata.sorted_tables if t.name.startswith(prefixes)]
    with app.session() as session:
        return {t.name: session.scalar(select(func.count()).select_from(t)) for t in tables}


# -- core reference data -----------------------------------------------------------------------
def _seed_core(session: Session, scale: dict[str, int], rng: random.Random, now: datetime,
               report: Progress) -> dict[str, int]:
    today = now.date()
    counts = {"core_users": _users(session, scale["users"], rng)}
    counts["core_groups"] = _groups(session)
    counts["core_calendars"] = _calendars(session, today.year)
    counts["core_service_centres"] = _centres(session, rng)
    report(f"core: {counts['core_users']} users, {counts['core_groups']} groups")
    customers = _customers(session, scale["customers"], rng)
    counts["core_customers"] = len(customers)
    sites = _sites(session, customers, scale["sites"], rng)
    counts["core_sites"] = sum(len(s) for s in sites.values())
    contracts = _contracts(session, list(customers), scale["contracts"], rng, today)
    counts["core_service_contracts"] = sum(len(c) for c in contracts.values())
    report(f"core: {len(customers):,} customers, {counts['core_sites']:,} sites, "
           f"{counts['core_service_contracts']:,} contracts")
    counts["core_assets"] = _assets(session, list(customers), sites, contracts, scale["assets"], rng, today)
    report(f"core: {counts['core_assets']:,} assets")
    return counts


def _insert(session: Session, model: type, rows: Iterable[dict]) -> int:
    """Insert ``rows`` in chunks of ``CHUNK`` with one executemany each; returns how many."""
    return bulk_insert(session, model, rows, CHUNK)


def _users(session: Session, count: int, rng: random.Random) -> int:
    """One user per role, a lead per group and engineers up to ``count``; hashes are computed once."""
    existing = set(session.scalars(select(User.username)))
    admin_hash, user_hash = auth.hash_password(DEMO_LOGIN[1]), auth.hash_password(DEMO_PASSWORD)
    leads = _leads()
    people = [*DEMO_USERS, *leads, *_engineers(count - len(DEMO_USERS) - len(leads), rng)]
    people = [p for p in people if p[0] not in existing]
    _insert(session, User, ({"username": name, "display_name": display, "locale": locale,
                             "email": f"{name}@demo.example.com", "timezone": "Asia/Shanghai", "is_active": True,
                             "password_hash": admin_hash if name == DEMO_LOGIN[0] else user_hash}
                            for name, display, _roles, locale in people))
    ids = _user_ids(session)
    _insert(session, UserRole, ({"user_id": ids[name], "role": role}
                                for name, _display, roles, _locale in people for role in roles))
    led = [name for name, *_ in people if name not in ("admin", "lead")]
    if "lead" in ids and led:
        session.execute(update(User).where(User.username.in_(led)).values(lead_id=ids["lead"]))
    return len(people)


def _lead_names() -> list[str]:
    """The lead of each group, in ``GROUPS`` order: ``lead`` for the first, ``lead02``… for the rest."""
    return ["lead", *(f"lead{i:02d}" for i in range(2, len(GROUPS) + 1))]


def _leads() -> list[tuple]:
    return [(name, _chinese_name(i * 7 + 3), ("team_lead", "engineer"), "zh_CN")
            for i, name in enumerate(_lead_names()[1:], start=1)]


def _engineers(count: int, rng: random.Random) -> list[tuple]:
    people = []
    for i in range(1, count + 1):
        if rng.random() < 0.1:
            people.append((f"eng{i:03d}", rng.choice(_EN_NAMES), ("engineer",), "en"))
        else:
            people.append((f"eng{i:03d}", _chinese_name(rng.randrange(10_000)), ("engineer",), "zh_CN"))
    return people


def _chinese_name(n: int) -> str:
    """A name like 王伟 (Wang Wei), picked by ``n``."""
    (surname, surname_pinyin), (given, given_pinyin) = (_SURNAMES[n % len(_SURNAMES)],
                                                        _GIVEN[(n // len(_SURNAMES)) % len(_GIVEN)])
    return f"{surname}{given} ({surname_pinyin} {given_pinyin})"


def _user_ids(session: Session) -> dict[str, int]:
    return dict(session.execute(select(User.username, User.id)).all())


def _groups(session: Session) -> int:
    """The groups with their leads; engineers are spread over them round-robin."""
    existing = set(session.scalars(select(Group.name)))
    ids = _user_ids(session)
    new = [(name, lead) for name, lead in zip(GROUPS, _lead_names(), strict=True) if name not in existing]
    if not new:
        return 0
    _insert(session, Group, ({"name": name, "lead_id": ids.get(lead)} for name, lead in new))
    group_ids = [session.scalar(select(Group.id).where(Group.name == name)) for name, _lead in new]
    members = {(group_id, ids[lead]) for group_id, (_name, lead) in zip(group_ids, new, strict=True) if lead in ids}
    engineers = sorted(u for u in ids if u.startswith("eng"))
    members |= {(group_ids[i % len(group_ids)], ids[u]) for i, u in enumerate(engineers)}
    for username, group in (("clerk", 0), ("engineer", 2)):
        if username in ids:
            members.add((group_ids[min(group, len(group_ids) - 1)], ids[username]))
    _insert(session, GroupMember, ({"group_id": g, "user_id": u} for g, u in sorted(members)))
    return len(new)


def _calendars(session: Session, year: int) -> int:
    """A China business-hours calendar (CN preset) and a 24x7 one, unless they exist."""
    office = {d: [["09:00", "12:00"], ["13:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}
    documents = [
        {"name": CALENDAR_BUSINESS, "timezone": "Asia/Shanghai", "week": office, "holidays": [], "workdays": [],
         "preset": "CN", "years": [year - 1, year, year + 1]},
        BusinessCalendar.always("Asia/Shanghai", CALENDAR_24X7).to_dict(),
    ]
    existing = set(session.scalars(select(CalendarRecord.name)))
    new = [d for d in documents if d["name"] not in existing]
    return _insert(session, CalendarRecord, (
        {"name": d["name"], "document": json.dumps(d, ensure_ascii=False, sort_keys=True)} for d in new))


def _centres(session: Session, rng: random.Random) -> int:
    """Our own service centre in every city, unless its code exists."""
    existing = set(session.scalars(select(ServiceCentre.code)))
    return _insert(session, ServiceCentre, (
        {"code": f"SC-{c.key}", "name": f"{c.zh}服务中心 {c.en} service centre", "city": c.en,
         "latitude": _degrees(c.lat + rng.uniform(-0.03, 0.03)),
         "longitude": _degrees(c.lon + rng.uniform(-0.03, 0.03))}
        for c in CITIES if f"SC-{c.key}" not in existing))


def _customers(session: Session, count: int, rng: random.Random) -> dict[int, City]:
    """Insert the customers; returns each one's id and home city."""
    cities = rng.choices(CITIES, weights=[c.weight for c in CITIES], k=count)
    rows = []
    for i, city in enumerate(cities, start=1):
        template = rng.choice(_EN_CUSTOMERS) if rng.random() < 0.3 else rng.choice(_CN_CUSTOMERS)
        rows.append({"code": f"{CODE_PREFIX}{i:06d}", "name": template.format(zh=city.zh, en=city.en),
                     "phone": f"{city.area_code}{rng.randrange(10**7, 10**8)}",
                     "email": f"it{i}@customer{i}.example.com" if rng.random() < 0.6 else None})
    _insert(session, Customer, rows)
    ids = dict(session.execute(select(Customer.code, Customer.id)
                               .where(Customer.code.startswith(CODE_PREFIX))).all())
    return {ids[row["code"]]: city for row, city in zip(rows, cities, strict=True)}


def _sites(session: Session, customers: dict[int, City], count: int, rng: random.Random) -> dict[int, list[int]]:
    """Insert at least one site per customer; returns the site ids of each customer."""
    owners = list(customers) + rng.choices(list(customers), k=max(0, count - len(customers)))
    rows = []
    for n, customer_id in enumerate(owners):
        city = customers[customer_id] if rng.random() < 0.85 else rng.choice(CITIES)
        lat, lon = _near(city, rng)
        name = _SITE_NAMES[0] if n < len(customers) else rng.choice(_SITE_NAMES)
        rows.append({"customer_id": customer_id, "name": name,
                     "address": f"{city.zh}市{rng.choice(_ROADS)}{rng.randint(1, 999)}号", "city": city.en,
                     "latitude": lat, "longitude": lon})
    _insert(session, Site, rows)
    by_customer: dict[int, list[int]] = defaultdict(list)
    for site_id, customer_id in session.execute(
            select(Site.id, Site.customer_id).where(Site.customer_id.in_(_id_subquery()))):
        by_customer[customer_id].append(site_id)
    return by_customer


def _near(city: City, rng: random.Random) -> tuple[Decimal, Decimal]:
    """A point around ``city``: mostly within a few km, some in the suburbs, a few far out."""
    spread = rng.choices((0.04, 0.4, 1.5), weights=(80, 15, 5))[0]
    return _degrees(city.lat + rng.uniform(-spread, spread)), _degrees(city.lon + rng.uniform(-spread, spread))


def _degrees(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")


def _id_subquery():
    return select(Customer.id).where(Customer.code.startswith(CODE_PREFIX)).scalar_subquery()


def _contracts(session: Session, customers: list[int], count: int, rng: random.Random,
               today: date) -> dict[int, list[int]]:
    """Insert contracts ending up to a year either side of today; returns each customer's contract ids."""
    levels = rng.choices([lv for lv, _ in _LEVELS], weights=[w for _, w in _LEVELS], k=count)
    rows = []
    for i, level in enumerate(levels, start=1):
        ends_on = today + timedelta(days=rng.randint(-365, 365))
        starts_on = ends_on - timedelta(days=rng.choice((365, 730, 1095)))
        rows.append({"number": f"SC-{starts_on.year}-{i:06d}", "customer_id": rng.choice(customers),
                     "level": level, "starts_on": starts_on, "ends_on": ends_on,
                     "max_calls": rng.choice((6, 12, 24)) if level == "basic" and rng.random() < 0.5 else None,
                     "prepaid_balance": Decimal(rng.choice((20_000, 50_000, 100_000))).quantize(Decimal("0.01"))
                     if rng.random() < 0.2 else None})
    _insert(session, ServiceContract, rows)
    by_customer: dict[int, list[int]] = defaultdict(list)
    for contract_id, customer_id in session.execute(
            select(ServiceContract.id, ServiceContract.customer_id)
            .where(ServiceContract.customer_id.in_(_id_subquery()))):
        by_customer[customer_id].append(contract_id)
    return by_customer


def _assets(session: Session, customers: list[int], sites: dict[int, list[int]], contracts: dict[int, list[int]],
            count: int, rng: random.Random, today: date) -> int:
    """Insert assets with unique serials, warranty ends spread a year either side of today."""
    return _insert(session, Asset, _asset_rows(customers, sites, contracts, count, rng, today))


def _asset_rows(customers: list[int], sites: dict[int, list[int]], contracts: dict[int, list[int]], count: int,
                rng: random.Random, today: date) -> Iterator[dict]:
    models = rng.choices(_MODELS, weights=[m[3] for m in _MODELS], k=count)
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
    for i, (model, product, prefix, _weight) in enumerate(models, start=1):
        customer_id = rng.choice(customers)
        warranty_end = today + timedelta(days=rng.randint(-365, 365))
        own_contracts = contracts.get(customer_id)
        yield {"serial": f"{prefix}{_base36(i):0>6}{rng.choice(letters)}{rng.choice(letters)}",
               "model": model, "product": product, "customer_id": customer_id,
               "site_id": rng.choice(sites[customer_id]),
               "contract_id": rng.choice(own_contracts) if own_contracts and rng.random() < 0.7 else None,
               "installed_on": warranty_end - timedelta(days=rng.choice((365, 730, 1095))),
               "warranty_end": warranty_end}


def _base36(n: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    while n:
        n, r = divmod(n, 36)
        text = digits[r] + text
    return text or "0"
