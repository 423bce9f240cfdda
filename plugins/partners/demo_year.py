"""A demo year of service orders step by step and the claims for them, with a sprinkle of anomalies.

``Year`` plans every order of every partner as plain rows (ids handed out up front so steps,
claims and parts point at their order without reading anything back): mostly on time, some late,
a few rejected or closed incomplete with a reason, satisfaction on confirmation, claims for most
finished orders with the spares parts issued to them. ``Anomalies`` then adds a few orders and
claims that each audit rule must find (half of them months ago, half in the last weeks).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from console.api import DemoContext, haversine_km
from plugins.partners.orders import DueRules

YEAR = timedelta(days=365)
MINUTE, HOUR, DAY = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
#: Ordinary repairs stay out of an asset's last weeks of warranty (where only the planted cluster falls).
WARRANTY_END_WEEKS = timedelta(days=35)
SATISFACTION = ((5, 52), (4, 30), (3, 11), (2, 5), (1, 2))
#: The categories of orders when incidents (whose categories the orders take) is not installed.
CATEGORIES = ("硬件故障 Hardware fault", "存储故障 Storage fault", "网络故障 Network fault", "打印机 Printer",
              "笔记本 Laptop")
#: Parts claimed when spares is not installed: part number and serial prefix.
LOCAL_PARTS = (("HDD-1.2T-SAS", "WD"), ("PSU-800W", "PS"), ("MEM-32G-DDR4", "M3"), ("FAN-MOD", None),
               ("TNR-BLK", None))
NOTES = {"rejected": {"no_capacity": "本周工程师已排满 all engineers booked this week",
                      "out_of_area": "站点不在服务区域内 site outside our area",
                      "no_skill": "无该型号认证工程师 no certified engineer for this model",
                      "customer_unreachable": "客户电话无人接听 customer does not answer"},
         "incomplete": {"part_missing": "备件未到 part not delivered", "wrong_part": "备件型号不符 wrong part shipped",
                        "customer_absent": "客户不在现场 customer not on site",
                        "needs_escalation": "需厂商二线支持 needs vendor escalation"}}


@dataclass(frozen=True)
class Job:
    """What a service order is about: the incident (when incidents is installed), asset, site, place."""

    incident_ref: str | None
    customer_id: int | None
    site_id: int | None
    asset_id: int | None
    category: str
    lat: float | None
    lon: float | None
    covered_until: date | None = None
    warranty_end: date | None = None


@dataclass
class PartnerWorld:
    """A demo partner with its centres ``(id, lat, lon)``, engineers ``(id, code)``, rate cards and jobs."""

    id: int
    code: str
    centres: list[tuple[int, float, float]]
    engineers: list[tuple[int, str]]
    jobs: list[Job] = field(default_factory=list)
    free: dict[int, datetime] = field(default_factory=dict)  # engineer id → free again at

    def nearest(self, lat: float | None, lon: float | None) -> tuple[int | None, float | None]:
        """The partner's centre nearest a point and its distance (None, None without coordinates)."""
        if lat is None or not self.centres:
            return (self.centres[0][0] if self.centres else None), None
        return min(((c, haversine_km(lat, lon, clat, clon)) for c, clat, clon in self.centres), key=lambda p: p[1])


class Ids:
    """The next free id of each table the demo writes with explicit ids."""

    def __init__(self, first: dict[str, int]):
        self.first, self.next = dict(first), dict(first)

    def take(self, table: str) -> int:
        """The next id of ``table``."""
        value = self.next[table]
        self.next[table] += 1
        return value


@dataclass
class Visit:
    """One planned service order: its facts, the times of its steps and what the claim will say."""

    id: int
    partner: PartnerWorld
    job: Job
    dispatched: datetime
    level: str
    centre_id: int | None
    distance: float | None
    engineer: tuple[int, str] | None
    times: dict[str, datetime]
    outcome: str  # closed, rejected or incomplete
    reason: str | None = None
    satisfaction: int | None = None
    source: str = "dispatch"
    external_ref: str | None = None
    number: str | None = None
    claims: list[dict] = field(default_factory=list)
    check_in: tuple[float, float] | None = None


class Year:
    """Plans a year of service orders for each partner (see the module docstring)."""

    def __init__(self, ctx: DemoContext, partners: list[PartnerWorld], dues: DueRules, ids: Ids, zone: ZoneInfo):
        self.ctx, self.rng, self.now = ctx, ctx.rng, ctx.now
        self.partners, self.dues, self.ids, self.zone = partners, dues, ids, zone
        self.start = ctx.now - YEAR
        self.visits: list[Visit] = []

    # -- planning ----------------------------------------------------------------------------
    def plan(self, per_partner: int) -> None:
        """``per_partner`` orders for each partner, spread evenly over the year (so the order numbers
        run with time, as spares' demo assumes when it issues parts to them)."""
        for partner in self.partners:
            jobs = sorted(partner.jobs, key=_cover)
            ends = [_cover(job) for job in jobs]
            for n in range(per_partner):
                at = self.start + YEAR * ((n + self.rng.random()) / per_partner)
                self.visits.append(self.visit(partner, self.job_for(at, jobs, ends), at))
            for _ in range(max(1, per_partner // 30)):  # on their way right now
                at = self.now - HOUR * self.rng.uniform(0.2, 20)
                self.visits.append(self.visit(partner, self.job_for(at, jobs, ends), at))

    def job_for(self, at: datetime, jobs: list[Job], ends: list[date]) -> Job:
        """One of ``jobs`` (sorted by ``ends``, the day their cover ends) covered on ``at``: partners are
        sent to assets under warranty or contract (the anomalies add the others)."""
        if not jobs:
            return Job(None, None, None, None, self.rng.choice(CATEGORIES), None, None)
        pool = jobs[bisect_left(ends, at.date() + 2 * DAY):] or jobs
        return self.ordinary_job(pool, at.date())

    def ordinary_job(self, pool: list[Job], day: date) -> Job:
        """A job of ``pool`` whose warranty does not end within ``WARRANTY_END_WEEKS`` after ``day`` (a few
        random draws, so that picking stays cheap on large pools; the last draw when all of them are near)."""
        for _ in range(6):
            job = self.rng.choice(pool)
            if job.warranty_end is None or not day <= job.warranty_end <= day + WARRANTY_END_WEEKS:
                break
        return job

    def visit(self, partner: PartnerWorld, job: Job, dispatched: datetime, *, engineer=None, outcome=None,
              departed: datetime | None = None, arrive_after: timedelta | None = None,
              on_site: timedelta | None = None, confirm: bool | None = None) -> Visit:
        """One order and the times of its steps (the keyword arguments force what an anomaly needs)."""
        rng = self.rng
        centre_id, distance = partner.nearest(job.lat, job.lon)
        outcome = outcome or rng.choices(("closed", "rejected", "incomplete"), (92, 3, 5))[0]
        accepted = dispatched + MINUTE * min(600.0, rng.lognormvariate(math.log(12), 0.8))
        times = {"dispatched": dispatched, "accepted": accepted}
        if outcome == "rejected":
            times["rejected"] = times.pop("accepted")
            visit = Visit(self.ids.take("order"), partner, job, dispatched, self._level(), centre_id, distance, None,
                          times, outcome, reason=rng.choice(tuple(NOTES["rejected"])))
            return self._sourced(visit)
        engineer = engineer or self._engineer(partner, accepted)
        departed = departed or max(accepted, partner.free.get(engineer[0], accepted)) + MINUTE * rng.uniform(10, 60)
        times["departed"] = departed = max(departed, accepted)
        travel = arrive_after or HOUR * ((distance or 15) / rng.uniform(35, 55) + 0.2)
        if arrive_after is None and rng.random() < 0.08:  # traffic, a wrong address: late now and then
            travel += HOUR * rng.uniform(2, 10)
        times["arrived"] = departed + travel
        work = on_site or HOUR * min(9.0, rng.lognormvariate(math.log(1.6), 0.5))
        times["incomplete" if outcome == "incomplete" else "fixed"] = times["arrived"] + work
        satisfaction = None
        if outcome == "closed":
            done = times["fixed"]
            if confirm if confirm is not None else rng.random() < 0.97:
                done = times["confirmed"] = done + HOUR * rng.uniform(0.5, 20)
                satisfaction = rng.choices(*zip(*SATISFACTION))[0]
            times["closed"] = done + HOUR * rng.uniform(0.5, 30)
        partner.free[engineer[0]] = max(partner.free.get(engineer[0], dispatched),
                                        times.get("fixed", times.get("incomplete")))
        spot = ((job.lat + rng.gauss(0, 0.0008), job.lon + rng.gauss(0, 0.0008))
                if job.lat is not None else None)
        visit = Visit(self.ids.take("order"), partner, job, dispatched, self._level(), centre_id, distance, engineer,
                      times, outcome, satisfaction=satisfaction, check_in=spot,
                      reason=rng.choice(tuple(NOTES["incomplete"])) if outcome == "incomplete" else None)
        return self._sourced(visit)

    def _sourced(self, visit: Visit) -> Visit:
        """Dispatched from an incident, or imported from the partner's own system with its reference."""
        if visit.job.incident_ref is None:
            visit.source = "import" if self.rng.random() < 0.4 else "manual"
        if visit.source == "import":
            visit.external_ref = f"{visit.partner.code}-WX{visit.dispatched:%y%m}{visit.id % 100_000:05d}"
        return visit

    def _level(self) -> str:
        return self.rng.choices(("L1", "L2", "L3"), (40, 45, 15))[0]

    def _engineer(self, partner: PartnerWorld, at: datetime) -> tuple[int, str]:
        """A free engineer of the partner (the one free soonest when all are out)."""
        free = [e for e in partner.engineers if partner.free.get(e[0], at) <= at]
        return self.rng.choice(free) if free else min(partner.engineers, key=lambda e: partner.free.get(e[0], at))

    # -- rows --------------------------------------------------------------------------------
    def number(self, sequences: dict[int, int]) -> None:
        """Number each partner's orders in dispatch order after ``sequences`` (moved on in place)."""
        for visit in sorted(self.visits, key=lambda v: (v.dispatched, v.id)):
            sequences[visit.partner.id] += 1
            visit.number = f"{visit.partner.code}-{sequences[visit.partner.id]:06d}"

    def order_row(self, visit: Visit, *, keep_future: bool = False) -> dict:
        """The service order as it stands now (steps after now have not happened yet, unless
        ``keep_future``: an engineer's phone with a wrong clock recorded it)."""
        done = [(step, at) for step, at in visit.times.items() if at <= self.now or keep_future]
        status = done[-1][0]
        accept_due, arrive_due, fix_due = self.dues.dues(visit.dispatched, _km(visit.distance))
        return {"id": visit.id, "number": visit.number, "partner_id": visit.partner.id, "status": status,
                "source": visit.source, "incident_ref": visit.job.incident_ref, "work_order_ref": None,
                "external_ref": visit.external_ref, "customer_id": visit.job.customer_id, "site_id": visit.job.site_id,
                "asset_id": visit.job.asset_id, "centre_id": visit.centre_id,
                "engineer_id": visit.engineer[0] if visit.engineer and status != "dispatched" else None,
                "category": visit.job.category, "repair_level": visit.level,
                "distance_km": _km(visit.distance), "dispatched_at": visit.dispatched,
                "accept_due_at": accept_due, "arrive_due_at": arrive_due, "fix_due_at": fix_due,
                "closed_at": done[-1][1] if status in ("closed", "rejected", "incomplete") else None,
                "version": len(done)}

    def step_rows(self, visit: Visit, actor: str, *, keep_future: bool = False) -> list[dict]:
        """The recorded steps (``keep_future``: also a step whose clock was wrong, recorded now)."""
        rows, engineer = [], visit.engineer
        for step, at in visit.times.items():
            if at > self.now and not keep_future:
                break
            who = engineer[0] if engineer and step != "dispatched" else None
            spot = visit.check_in if step == "arrived" else None
            rows.append({"order_id": visit.id, "step": step, "at": at,
                         "recorded_by": actor if step in ("dispatched", "closed") or not engineer else engineer[1],
                         "recorded_at": min(self.now, at + MINUTE * self.rng.uniform(0.2, 8)), "engineer_id": who,
                         "latitude": _degrees(spot[0]) if spot else None,
                         "longitude": _degrees(spot[1]) if spot else None,
                         "reason": visit.reason if step in ("rejected", "incomplete") else None,
                         "note": NOTES[step][visit.reason] if step in ("rejected", "incomplete") else None,
                         "satisfaction": visit.satisfaction if step == "confirmed" else None})
        return rows

    def service_day(self, visit: Visit) -> date | None:
        """The local day of the visit (fixed or incomplete step), None while it has not happened."""
        at = visit.times.get("fixed") or visit.times.get("incomplete")
        return at.astimezone(self.zone).date() if at and at <= self.now else None

    def claim(self, visit: Visit, parts: list[tuple], *, delay: timedelta | None = None, **changes) -> dict | None:
        """The claim a partner submits some days after the visit (None when that is still ahead).

        ``parts`` are ``(part number, quantity, installed serial, removed serial)``; ``changes`` override
        the claimed travel km, other fees or the claimed labour.
        """
        day = self.service_day(visit)
        if day is None:
            return None
        submitted = visit.times.get("closed", visit.times.get("incomplete") or visit.times["fixed"])
        submitted += delay or DAY * self.rng.uniform(0.5, 9)
        if submitted > self.now:
            return None
        claim = {"id": self.ids.take("claim"), "visit": visit, "service_date": day, "submitted_at": submitted,
                 "parts": parts, "travel_km": changes.get("travel_km"), "other": changes.get("other", Decimal(0)),
                 "other_note": changes.get("other_note"), "labour": changes.get("labour"),
                 "external_ref": f"{visit.partner.code}-JS{day:%y%m%d}{len(visit.claims) + 1}{visit.id % 10_000:04d}"}
        visit.claims.append(claim)
        return claim


def noted_serial(rng, installed: str) -> str:
    """The serial an engineer notes for the defective unit taken out in place of ``installed``."""
    return f"{installed[:-3]}R{rng.randrange(100):02d}"


def _cover(job: Job) -> date:
    return job.covered_until or date.min


def order_stub(visit: Visit) -> SimpleNamespace:
    """What ``claims.compute`` reads of an order, for a planned visit."""
    return SimpleNamespace(id=visit.id, number=visit.number, partner_id=visit.partner.id,
                           distance_km=_km(visit.distance), repair_level=visit.level)


def _km(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(f"{value:.1f}")


def _degrees(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")
