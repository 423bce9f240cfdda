"""A year of demo incidents, built for volume (the large demo has 1,000,000).

Reference rows are read once; each incident's whole life (status history, milestones, work orders,
notes) is planned in Python, cut at "now"; its clocks are replayed in memory through the same
``sla.engine.replay_all`` the console uses; and each chunk goes to the database as one Core
executemany per table. Ids are assigned here so rows can point at each other without reading back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import accumulate
from typing import NamedTuple

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from console.api import (
    Asset,
    Customer,
    DemoContext,
    Group,
    GroupMember,
    ServiceCentre,
    ServiceContract,
    Site,
    User,
    bulk_insert,
    haversine_km,
)
from plugins.incidents import catalog
from plugins.incidents.demo.texts import (
    CALLERS,
    CATEGORY_TEXTS,
    CUSTOMER_NOTES,
    HARDWARE,
    NOTES,
    PARTNERS,
    PRODUCT_CATEGORY,
    WEIGHTS,
)
from plugins.incidents.models import (
    CHANNELS,
    LEVELS,
    PENDING_REASONS,
    Clock,
    Incident,
    Milestone,
    Note,
    StatusChange,
    WorkOrder,
    WorkOrderStatus,
)
from plugins.incidents.records import format_number, reserve_numbers
from plugins.incidents.sla import engine
from plugins.incidents.sla.clocks import Event

YEAR = timedelta(days=365)
BEIJING = timedelta(hours=8)
CALL_CHARGE = Decimal("800.00")
#: Typical resolve effort per priority; actual durations scatter around it (some breach).
EFFORT = {"P1": timedelta(hours=3), "P2": timedelta(hours=7), "P3": timedelta(hours=20), "P4": timedelta(hours=50)}
CHANNEL_WEIGHTS = list(accumulate([48, 24, 22, 6]))
LEVEL_WEIGHTS = list(accumulate([15, 50, 35]))


class IncidentRow(NamedTuple):
    """The columns ``engine.replay_all`` reads."""

    id: int
    priority: str
    service_level: str | None
    distance_km: Decimal | None
    onsite_agreed_minutes: int | None


@dataclass
class Reference:
    """The core rows demo incidents point at, read once."""

    assets: list[tuple]
    sites_of: dict[int, list[tuple]]
    customers: list[int]
    phones: dict[int, str | None]
    contracts: dict[int, tuple]
    groups: dict[str, list[tuple[int, list[int]]]]
    usernames: dict[int, str]
    names: dict[int, str]
    demo_users: dict[str, int]
    centres: list[tuple[float, float]]
    categories: dict[str, int]
    matrix: dict[tuple[str, str], str]
    site_coordinates: dict[int, tuple[float, float] | None] = field(default_factory=dict)


def read_reference(session: Session) -> Reference:
    """Everything the generator needs from core and the incidents configuration."""
    sites_of: dict[int, list[tuple]] = {}
    coordinates = {}
    for site_id, customer_id, lat, lon in session.execute(select(Site.id, Site.customer_id, Site.latitude,
                                                                 Site.longitude)):
        sites_of.setdefault(customer_id, []).append(site_id)
        coordinates[site_id] = (float(lat), float(lon)) if lat is not None and lon is not None else None
    members: dict[int, list[int]] = {}
    for group_id, user_id in session.execute(select(GroupMember.group_id, GroupMember.user_id)):
        members.setdefault(group_id, []).append(user_id)
    groups: dict[str, list[tuple[int, list[int]]]] = {"l1": [], "l2": [], "onsite": []}
    for group_id, name in session.execute(select(Group.id, Group.name).order_by(Group.id)):
        kind = "l1" if "L1" in name else "l2" if "L2" in name else "onsite" if "On-site" in name else None
        if kind and members.get(group_id):
            groups[kind].append((group_id, members[group_id]))
    for kind in groups:  # a database without the demo's groups: any group with members will do
        if not groups[kind]:
            groups[kind] = [(g, m) for g, m in members.items() if m][:3]
    users = dict(session.execute(select(User.id, User.username).where(User.is_active.is_(True))).all())
    return Reference(
        assets=session.execute(select(Asset.id, Asset.customer_id, Asset.site_id, Asset.product, Asset.contract_id,
                                      Asset.warranty_end, Asset.serial)).all(),
        sites_of=sites_of, customers=list(session.scalars(select(Customer.id))),
        phones=dict(session.execute(select(Customer.id, Customer.phone)).all()),
        contracts={r[0]: tuple(r[1:]) for r in session.execute(
            select(ServiceContract.id, ServiceContract.level, ServiceContract.starts_on, ServiceContract.ends_on,
                   ServiceContract.prepaid_balance, ServiceContract.number))},
        groups=groups, usernames=users, demo_users={name: i for i, name in users.items()},
        names=dict(session.execute(select(User.id, User.display_name)).all()),
        centres=[(float(a), float(b)) for a, b in session.execute(select(ServiceCentre.latitude,
                                                                        ServiceCentre.longitude))],
        categories={node.name: node.id for node in catalog.category_tree(session)},
        matrix={key: cell.priority for key, cell in catalog.priority_matrix(session).items()},
        site_coordinates=coordinates)


def _hour_weight(hour_start: datetime) -> int:
    """Calls arrive mostly in Beijing working hours on weekdays."""
    local = hour_start + BEIJING
    weekday_factor = 1 if local.weekday() >= 5 else 4
    return weekday_factor * (5 if 9 <= local.hour < 18 else 2 if 7 <= local.hour < 22 else 1)


def opening_instants(ctx: DemoContext, count: int) -> list[datetime]:
    """``count`` sorted instants over the last year, weighted towards working hours."""
    first = (ctx.now - YEAR).replace(minute=0, second=0, microsecond=0)
    hours = [first + timedelta(hours=h) for h in range(int(YEAR.total_seconds() // 3600))]
    cumulative = list(accumulate(_hour_weight(h) for h in hours))
    picked = sorted(ctx.rng.choices(range(len(hours)), cum_weights=cumulative, k=count))
    random = ctx.rng.random
    return sorted(min(hours[h] + timedelta(seconds=random() * 3600), ctx.now - timedelta(minutes=1)) for h in picked)


@dataclass
class Plan:
    """One incident's life, as rows to insert."""

    incident: dict
    events: list[Event]
    statuses: list[dict]
    milestones: list[dict] = field(default_factory=list)
    orders: list[dict] = field(default_factory=list)
    order_statuses: list[dict] = field(default_factory=list)
    order_events: list[tuple[str, str, list[Event]]] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)


class Generator:
    """Plans incidents one by one from a seeded RNG (see the module docstring)."""

    def __init__(self, ctx: DemoContext, ref: Reference):
        self.ctx, self.ref, self.rng, self.now = ctx, ref, ctx.rng, ctx.now
        hardware = [c for c in HARDWARE if c in ref.categories]
        self.soft = [c for c in WEIGHTS if c not in HARDWARE and c in ref.categories]
        self.soft_weights = list(accumulate(WEIGHTS[c] for c in self.soft))
        self.hardware_share = sum(WEIGHTS[c] for c in hardware) / max(1, sum(WEIGHTS.values()))
        self.assets_by_category: dict[str, list[tuple]] = {c: [] for c in hardware}
        for asset in ref.assets:
            product = (asset.product or "").lower()
            category = next((c for word, c in PRODUCT_CATEGORY if word in product), None)
            if category in self.assets_by_category:
                self.assets_by_category[category].append(asset)
        self.hardware = [c for c in hardware if self.assets_by_category[c]]
        self.hardware_weights = list(accumulate(WEIGHTS[c] for c in self.hardware))
        self.special = [ref.demo_users[n] for n in ("admin", "lead", "engineer") if n in ref.demo_users]
        self._distances: dict[int | None, Decimal | None] = {}

    # -- who, what, where ---------------------------------------------------------------------
    def _subject(self) -> tuple[str, int, int | None, tuple | None]:
        rng, ref = self.rng, self.ref
        if self.hardware and rng.random() < self.hardware_share:
            category = rng.choices(self.hardware, cum_weights=self.hardware_weights)[0]
            asset = rng.choice(self.assets_by_category[category])
            return category, asset.customer_id, asset.site_id, asset
        category = rng.choices(self.soft, cum_weights=self.soft_weights)[0] if self.soft else \
            next(iter(ref.categories))
        customer = rng.choice(ref.customers)
        sites = ref.sites_of.get(customer)
        return category, customer, rng.choice(sites) if sites else None, None

    def _team(self, category: str, recent: bool) -> tuple[int | None, int | None]:
        rng, groups = self.rng, self.ref.groups
        kind = "onsite" if category in ("打印机 Printer", "终端 PC", "安装移机 Install and move") else \
            "l2" if category in HARDWARE or category in ("数据库 Database", "业务系统 Business application") else "l1"
        options = groups.get(kind) or []
        if not options:
            return None, None
        group_id, people = rng.choice(options)
        if self.special and rng.random() < (0.2 if recent else 0.03):  # the demo users have work of their own
            return self.special[rng.randrange(len(self.special))], group_id
        return (rng.choice(people) if rng.random() < 0.9 else None), group_id

    def _entitlement(self, asset: tuple | None, opened: datetime) -> dict:
        if asset is None:
            return {"billable": False, "entitlement_note": "No asset given: entitlement not checked."}
        on = (opened + BEIJING).date()
        contract = self.ref.contracts.get(asset.contract_id)
        if contract is not None:
            level, starts_on, ends_on, prepaid, contract_number = contract
            if starts_on <= on <= ends_on:
                return {"contract_id": asset.contract_id, "service_level": level, "billable": False,
                        "charge": CALL_CHARGE if prepaid is not None else None,
                        "entitlement_note": f"Covered by contract {contract_number} ({level}) until {ends_on}."}
        if asset.warranty_end is not None and on <= asset.warranty_end:
            return {"billable": False, "entitlement_note": f"Covered by the warranty until {asset.warranty_end}."}
        return {"billable": True, "entitlement_note": f"Billable: asset {asset.serial} is out of contract and "
                                                      "warranty."}

    def _distance(self, site_id: int | None) -> Decimal | None:
        if site_id not in self._distances:
            point = self.ref.site_coordinates.get(site_id) if site_id else None
            self._distances[site_id] = None if point is None or not self.ref.centres else Decimal(
                f"{min(haversine_km(*point, *c) for c in self.ref.centres):.1f}")
        return self._distances[site_id]

    # -- a life -------------------------------------------------------------------------------
    def plan(self, incident_id: int, number: str, opened: datetime, next_order_id: int) -> Plan:
        """Plan incident ``number`` opened at ``opened``; work orders get ids from ``next_order_id``."""
        rng, now = self.rng, self.now
        category, customer_id, site_id, asset = self._subject()
        texts = CATEGORY_TEXTS[category]
        impact, urgency = rng.choices(LEVELS, cum_weights=LEVEL_WEIGHTS, k=2)
        priority = self.ref.matrix.get((impact, urgency), "P3")
        assignee, group = self._team(category, now - opened < timedelta(days=30))
        entitled = self._entitlement(asset, opened)
        pace = {"gold": 0.5, "silver": 0.75}.get(entitled.get("service_level"), 1.0)
        distance = self._distance(site_id)
        actor = self.ref.usernames.get(assignee, "desk")
        plan = Plan(incident={}, events=[], statuses=[])

        def status(at: datetime, name: str, reason: str | None = None, who: str = actor) -> bool:
            if at > now:
                return False
            plan.events.append(Event(at, name, True, reason))
            plan.statuses.append({"incident_id": incident_id, "at": at, "status": name, "reason": reason, "actor": who})
            return True

        def milestone(at: datetime, name: str, order_id: int | None = None) -> None:
            if at <= now:
                plan.events.append(Event(at, name, False))
                plan.milestones.append({"incident_id": incident_id, "at": at, "name": name,
                                        "work_order_id": order_id, "actor": actor})

        young = now - opened < timedelta(minutes=40)
        if young and rng.random() < 0.5 or group is None:
            status(opened, "new", who="desk")
        else:
            if rng.random() < 0.4:
                status(opened, "new", who="desk")
                status(opened + timedelta(minutes=2 + rng.random() * 20), "assigned", who="desk")
            else:
                status(opened, "assigned", who="desk")
            speed = {"P1": 10, "P2": 25, "P3": 60, "P4": 120}[priority] * pace
            started = plan.events[-1].at + timedelta(minutes=2 + rng.expovariate(1 / speed))
            if status(started, "in_progress"):
                self._work(plan, incident_id, number, started, EFFORT[priority] * pace, category, asset, distance,
                           status, milestone, next_order_id, self.ref.names.get(assignee, "一线服务台 Help desk"))
        last = plan.events and [e for e in plan.events if e.is_status][-1]
        final, reason = (last.name, last.reason) if last else ("new", None)
        restored = [e.at for e in plan.events if e.name == "restored"]
        reopened = [e.at for e in plan.events if e.name == "reopened"]
        resolved = [e.at for e in plan.events if e.name == "resolved"]
        done = final in ("resolved", "closed")
        plan.incident = {
            "id": incident_id, "number": number, "title": rng.choice(texts["titles"]),
            "description": rng.choice(texts["descriptions"]), "resolution": rng.choice(texts["resolutions"]) if done
            else "", "channel": rng.choices(CHANNELS, cum_weights=CHANNEL_WEIGHTS)[0],
            "caller_name": rng.choice(CALLERS), "caller_phone": self.ref.phones.get(customer_id),
            "customer_id": customer_id, "site_id": site_id, "asset_id": asset.id if asset else None,
            "category_id": self.ref.categories[category], "impact": impact, "urgency": urgency, "priority": priority,
            "status": final, "pending_reason": reason if final == "pending" else None,
            "assignee_id": assignee if final != "new" else None, "group_id": group if final != "new" else None,
            "contract_id": None, "service_level": None, "charge": None, "distance_km": distance,
            "onsite_agreed_minutes": 2880 if distance is not None and distance > 300 else None,
            "opened_at": opened, "updated_at": plan.events[-1].at if plan.events else opened,
            "restored_at": max(restored) if restored and (not reopened or max(restored) > max(reopened)) else None,
            "resolved_at": resolved[-1] if done else None,
            "closed_at": plan.events[-1].at if final == "closed" else None,
            "work_order_seq": len(plan.orders), "sla_breached": False, "version": 1, **entitled}
        return plan

    def _work(self, plan: Plan, incident_id: int, number: str, started: datetime, typical: timedelta, category: str,
              asset, distance, status, milestone, next_order_id: int, author: str) -> None:
        """In progress → maybe pending, maybe a visit, restored, resolved, closed (or reopened)."""
        rng = self.rng
        at = started
        hardware = asset is not None and category in HARDWARE
        if self.now - started < timedelta(days=45) and rng.random() < 0.12:  # the backlog: still being worked
            if hardware and rng.random() < 0.5:
                self._visit(plan, incident_id, number, at, distance, milestone, next_order_id, finish=False)
            if rng.random() < 0.6:
                status(started + timedelta(hours=1 + rng.random() * 48), "pending", rng.choice(PENDING_REASONS))
            return
        effort = typical * (0.15 + rng.random() * 1.3) * (3 if rng.random() < 0.05 else 1)
        if rng.random() < 0.25:
            paused = at + timedelta(minutes=10 + rng.random() * 300)
            reason = rng.choice(PENDING_REASONS)
            if not status(paused, "pending", reason):
                return
            at = paused + timedelta(hours=0.5 + rng.random() * 30)
            if not status(at, "in_progress"):
                return
        if hardware and rng.random() < 0.45:
            at = self._visit(plan, incident_id, number, at, distance, milestone, next_order_id)
            if at is None:
                return
        resolved = at + effort
        if rng.random() < 0.55:
            milestone(at + (resolved - at) * rng.random() * 0.8, "restored")
        if not status(resolved, "resolved"):
            return
        if not any(e.name == "restored" for e in plan.events):
            milestone(resolved, "restored")
        if rng.random() < 0.03:
            reopened = resolved + timedelta(hours=2 + rng.random() * 30)
            if not status(reopened, "reopened", who="desk"):
                return
            if not status(reopened + timedelta(minutes=10), "in_progress"):
                return
            resolved = reopened + timedelta(hours=1 + rng.random() * 6)
            if not status(resolved, "resolved"):
                return
            milestone(resolved, "restored")
        self._notes(plan, incident_id, started, resolved, author)
        status(resolved + timedelta(days=1 + rng.random() * 4), "closed", who="auto-close")

    def _visit(self, plan: Plan, incident_id: int, number: str, at: datetime, distance, milestone,
               order_id: int, finish: bool = True) -> datetime | None:
        """An on-site visit (or a partner dispatch): dispatched, travelling, on site, done (unless not ``finish``)."""
        rng, now = self.rng, self.now
        partner = rng.random() < 0.2
        dispatched = at + timedelta(minutes=10 + rng.random() * 50)
        if dispatched > now:
            return None
        order_number = f"{number}-W01"
        travel = timedelta(hours=0.3 + float(distance or 20) / 60 + rng.random() * 1.2)
        arrived, fixed = dispatched + travel, dispatched + travel + timedelta(hours=0.5 + rng.random() * 3)
        steps = [(dispatched, "open"), (dispatched, "dispatched" if partner else "assigned"),
                 (dispatched + travel * (0.1 + rng.random() * 0.4), "in_progress"), (arrived, "on_site"),
                 (fixed, "done")]
        steps = [(t, s) for t, s in steps if t <= now][:None if finish else rng.randint(2, 4)]
        state = steps[-1][1]
        people = self.ref.groups.get("onsite") or [(None, [None])]
        group_id, members = rng.choice(people)
        plan.orders.append({
            "id": order_id, "incident_id": incident_id, "number": order_number,
            "kind": "partner_dispatch" if partner else "onsite_visit",
            "title": "服务商上门 Partner visit" if partner else "现场服务 On-site visit",
            "note": "", "status": state, "pending_reason": None,
            "assignee_id": None if partner else rng.choice(members), "group_id": None if partner else group_id,
            "partner_code": rng.choice(PARTNERS) if partner else None,
            "service_order": None, "created_at": dispatched, "updated_at": steps[-1][0],
            "done_at": fixed if state == "done" else None, "version": 1})
        plan.order_statuses += [{"work_order_id": order_id, "at": t, "status": s, "reason": None,
                                 "actor": "partners" if partner and s != "open" else "desk"} for t, s in steps]
        plan.order_events.append((order_number, plan.orders[-1]["kind"], [Event(t, s) for t, s in steps]))
        milestone(dispatched, "dispatched", order_id)
        if arrived <= now:
            milestone(arrived, "arrived", order_id)
        return fixed if state == "done" else None

    def _notes(self, plan: Plan, incident_id: int, start: datetime, end: datetime, author: str) -> None:
        rng = self.rng
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            customer = rng.random() < 0.3
            plan.notes.append({"incident_id": incident_id, "at": start + (end - start) * rng.random(),
                               "author": author, "visibility": "customer" if customer else "internal",
                               "body": rng.choice(CUSTOMER_NOTES if customer else NOTES), "source": None})


def _next_id(session: Session, model) -> int:
    return (session.scalar(select(func.max(model.id))) or 0) + 1


def seed_incidents(ctx: DemoContext, setup: engine.Setup, chunk: int = 5_000) -> tuple[dict[str, list[str]], int]:
    """Write ``ctx.scale["incidents"]`` incidents with everything around them; returns the resolved numbers
    per category (for knowledge articles) and the first new incident id."""
    count = ctx.scale.get("incidents", 200)
    resolved: dict[str, list[str]] = {}
    first = 0
    with ctx.app.unit_of_work(ctx.actor, "incidents.edit") as work:
        session = work.session
        ref = read_reference(session)
        if not ref.customers or not ref.categories or count <= 0:
            return resolved, first
        generator = Generator(ctx, ref)
        targets = engine.load_targets(session, setup)
        names = {v: k for k, v in ref.categories.items()}
        instants = opening_instants(ctx, count)
        years = sorted({t.year for t in instants})
        sequences = {y: reserve_numbers(session, y, sum(1 for t in instants if t.year == y)) for y in years}
        incident_id, order_id = _next_id(session, Incident), _next_id(session, WorkOrder)
        first = incident_id
        for start in range(0, count, chunk):
            plans = []
            for opened in instants[start:start + chunk]:
                number = format_number(opened.year, sequences[opened.year])
                sequences[opened.year] += 1
                plan = generator.plan(incident_id, number, opened, order_id)
                plans.append(plan)
                incident_id += 1
                order_id += len(plan.orders)
                if plan.incident["status"] in ("resolved", "closed"):
                    resolved.setdefault(names[plan.incident["category_id"]], []).append(number)
            _write(session, targets, plans, ctx.now)
        if session.get_bind().dialect.name == "postgresql":  # explicit ids leave the serial sequences behind
            for table in ("incidents_incident", "incidents_work_order"):
                session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                     f"(SELECT coalesce(max(id), 1) FROM {table}))"))
        work.audit("demo.seed", "incident", "*", {"incidents": count})
    return resolved, first


def _write(session: Session, targets, plans: list[Plan], now: datetime) -> None:
    """Replay the chunk's clocks in memory, then insert every table's rows."""
    rows = [IncidentRow(p.incident["id"], p.incident["priority"], p.incident.get("service_level"),
                        p.incident["distance_km"], p.incident["onsite_agreed_minutes"]) for p in plans]
    orders = [(p.incident["id"], number, kind, events) for p in plans for number, kind, events in p.order_events]
    replays = engine.replay_all(targets, rows, {p.incident["id"]: sorted(p.events, key=lambda e: e.at)
                                                for p in plans}, orders, now)
    derived = engine.derived(replays, [r.id for r in rows])
    for plan in plans:
        due, breached = derived[plan.incident["id"]]
        plan.incident.update(due_at=due, sla_breached=breached, clocks_at=now)
    bulk_insert(session, Incident, [p.incident for p in plans])
    for model, key in ((StatusChange, "statuses"), (WorkOrder, "orders"), (WorkOrderStatus, "order_statuses"),
                       (Milestone, "milestones"), (Note, "notes")):
        values = [row for p in plans for row in getattr(p, key)]
        if values:
            bulk_insert(session, model, values)
    clocks = [{"incident_id": incident_id, "definition_id": result.target.definition_id, "subject": subject,
               **engine.clock_values(result, {}, now)} for incident_id, subject, result in replays]
    if clocks:
        bulk_insert(session, Clock, clocks)


def open_ids(ctx: DemoContext, first: int) -> list[int]:
    """The demo's open incidents, from id ``first`` on (the escalation passes replay them through the engine)."""
    with ctx.app.session() as session:
        return list(session.scalars(select(Incident.id).where(Incident.id >= first, Incident.resolved_at.is_(None),
                                                              Incident.closed_at.is_(None))))

