"""Demo incidents: a year of history over core's demo customers, sites, assets, users and groups.

Built for volume (the large demo has 1,000,000 incidents): reference ids are read once,
rows are plain dicts computed in Python, and each chunk goes to the database as one Core
executemany. Incident ids are assigned here so the status history can point at them
without reading anything back.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone
from itertools import accumulate

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from console.api import Asset, Customer, DemoContext, Group, Site, User
from plugins.incidents.models import LEVELS, PENDING_REASONS, Incident, StatusChange
from plugins.incidents.service import RESOLVE_WITHIN, format_number, priority_for, reserve_numbers

CHUNK = 10_000
YEAR = timedelta(days=365)
BEIJING = timedelta(hours=8)

#: Category → typical titles, as users type them (Chinese and English).
TITLES = {
    "服务器 Server": ["服务器硬盘告警", "服务器无法开机", "Server fan failure alarm", "RAID 降级，需更换硬盘",
                    "Memory ECC errors on host", "服务器电源模块故障"],
    "存储 Storage": ["存储控制器切换", "LUN 响应缓慢", "Storage array disk predictive failure",
                   "备份作业失败", "Snapshot space exhausted"],
    "网络 Network": ["核心交换机端口down", "VPN 无法连接", "Wi-Fi drops on 3rd floor", "防火墙策略变更申请",
                   "Packet loss to branch office"],
    "打印机 Printer": ["打印机卡纸", "打印机无法联网", "Printer toner replacement", "Scanner not sending email"],
    "终端 PC": ["笔记本蓝屏", "电脑开机慢", "Laptop screen flickers", "Keyboard not working", "新员工电脑安装"],
    "软件 Software": ["ERP 登录失败", "邮件客户端无法收信", "Office activation error", "系统补丁安装申请",
                    "Database connection timeouts"],
}
CATEGORIES = list(TITLES)
CATEGORY_WEIGHTS = list(accumulate([24, 10, 18, 14, 22, 12]))
CHANNELS = ["phone", "email", "portal", "walk_in"]
CHANNEL_WEIGHTS = list(accumulate([45, 25, 25, 5]))
LEVEL_WEIGHTS = list(accumulate([15, 50, 35]))
DESCRIPTIONS = ["客户来电报修，已记录现象。", "Customer reported by phone; symptoms recorded.",
                "监控系统自动告警。", "Raised from the self-service portal.", ""]


def _hour_weight(hour_start: datetime) -> int:
    """Calls arrive mostly in Beijing working hours on weekdays."""
    local = hour_start + BEIJING
    weekday_factor = 1 if local.weekday() >= 5 else 4
    return weekday_factor * (5 if 9 <= local.hour < 18 else 2 if 7 <= local.hour < 22 else 1)


def _opening_instants(ctx: DemoContext, count: int) -> list[datetime]:
    """``count`` sorted instants over the last year, weighted towards working hours."""
    first = (ctx.now - YEAR).replace(minute=0, second=0, microsecond=0)
    hours = [first + timedelta(hours=h) for h in range(int(YEAR.total_seconds() // 3600))]
    cumulative = list(accumulate(_hour_weight(h) for h in hours))
    picked = sorted(ctx.rng.choices(range(len(hours)), cum_weights=cumulative, k=count))
    random = ctx.rng.random
    return [min(hours[h] + timedelta(seconds=random() * 3600), ctx.now) for h in picked]


def _reference(session: Session) -> dict[str, list]:
    """Ids of the core rows incidents point at, read once."""
    return {
        "assets": session.execute(select(Asset.id, Asset.customer_id, Asset.site_id)).all(),
        "sites": session.execute(select(Site.id, Site.customer_id)).all(),
        "customers": session.scalars(select(Customer.id)).all(),
        "users": session.scalars(select(User.id).where(User.is_active.is_(True))).all(),
        "groups": session.scalars(select(Group.id)).all(),
    }


def _history(ctx: DemoContext, opened: datetime, priority: str) -> list[tuple[datetime, str, str | None]]:
    """One to four status changes: assigned → in progress → resolved → closed, cut at now.

    A few incidents stay new (the last two hours) or pending (the last three weeks).
    """
    rng, now = ctx.rng, ctx.now
    if now - opened < timedelta(hours=2) and rng.random() < 0.5:
        return [(opened, "new", None)]
    steps = [(opened, "assigned", None)]
    started = opened + timedelta(minutes=5 + rng.random() * 85)
    if started > now:
        return steps
    steps.append((started, "in_progress", None))
    if now - opened < timedelta(days=21) and rng.random() < 0.15:
        paused = started + timedelta(minutes=10 + rng.random() * 240)
        if paused <= now:
            steps.append((paused, "pending", rng.choice(PENDING_REASONS)))
        return steps
    resolved = started + RESOLVE_WITHIN[priority] * (0.2 + rng.random() * 1.4)
    if resolved > now:
        return steps
    steps.append((resolved, "resolved", None))
    closed = resolved + timedelta(days=1 + rng.random() * 4)
    if closed <= now:
        steps.append((closed, "closed", None))
    return steps


def seed(ctx: DemoContext) -> None:
    """Write ``ctx.scale["incidents"]`` incidents (default 200) with their status history."""
    count = ctx.scale.get("incidents", 200)
    with ctx.app.unit_of_work(ctx.actor, "incidents.edit") as work:
        session = work.session
        ref = _reference(session)
        if not ref["customers"] or count <= 0:
            return
        instants = _opening_instants(ctx, count)
        per_year = Counter(t.year for t in instants)
        sequences = {year: reserve_numbers(session, year, n) for year, n in sorted(per_year.items())}
        next_id = (session.scalar(select(func.max(Incident.id))) or 0) + 1
        for start in range(0, count, CHUNK):
            incidents, history = _chunk(ctx, ref, instants[start:start + CHUNK], next_id + start, sequences)
            session.execute(insert(Incident.__table__), incidents)
            session.execute(insert(StatusChange.__table__), history)
        if session.bind.dialect.name == "postgresql":  # explicit ids leave the serial sequence behind
            session.execute(text("SELECT setval(pg_get_serial_sequence('incidents_incident', 'id'), "
                                 "(SELECT max(id) FROM incidents_incident))"))
        work.audit("demo.seed", "incident", "*", {"incidents": count})


def _chunk(ctx: DemoContext, ref: dict[str, list], instants: list[datetime], first_id: int,
           sequences: dict[int, int]) -> tuple[list[dict], list[dict]]:
    """Rows of one chunk of incidents and their history; advances ``sequences``."""
    rng = ctx.rng
    random, choice = rng.random, rng.choice
    assets, sites, customers = ref["assets"], ref["sites"], ref["customers"]
    users, groups = ref["users"] or [None], ref["groups"] or [None]
    matrix = {(i, u): priority_for(i, u) for i in LEVELS for u in LEVELS}
    categories = rng.choices(CATEGORIES, cum_weights=CATEGORY_WEIGHTS, k=len(instants))
    channels = rng.choices(CHANNELS, cum_weights=CHANNEL_WEIGHTS, k=len(instants))
    levels = rng.choices(LEVELS, cum_weights=LEVEL_WEIGHTS, k=2 * len(instants))
    incidents, history = [], []
    for n, opened in enumerate(instants):
        incident_id = first_id + n
        if assets and random() < 0.8:
            asset_id, customer_id, site_id = choice(assets)
        elif sites:
            asset_id, (site_id, customer_id) = None, choice(sites)
        else:
            asset_id, site_id, customer_id = None, None, choice(customers)
        impact, urgency = levels[2 * n], levels[2 * n + 1]
        priority = matrix[impact, urgency]
        steps = _history(ctx, opened, priority)
        status, reason = steps[-1][1], steps[-1][2]
        category = categories[n]
        year = opened.year
        number = format_number(year, sequences[year])
        sequences[year] += 1
        incidents.append({
            "id": incident_id, "number": number, "title": choice(TITLES[category]),
            "description": choice(DESCRIPTIONS), "channel": channels[n], "customer_id": customer_id,
            "site_id": site_id, "asset_id": asset_id, "category": category, "impact": impact,
            "urgency": urgency, "priority": priority, "status": status, "pending_reason": reason,
            "assignee_id": None if status == "new" else choice(users),
            "group_id": None if status == "new" else choice(groups),
            "opened_at": opened, "due_at": opened + RESOLVE_WITHIN[priority],
            "resolved_at": next((at for at, s, _ in steps if s == "resolved"), None),
            "closed_at": steps[-1][0] if status == "closed" else None, "version": 1,
        })
        history.extend({"incident_id": incident_id, "at": at, "status": s, "reason": r, "actor": "demo"}
                       for at, s, r in steps)
    return incidents, history
