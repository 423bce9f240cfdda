"""The demo's sprinkle of anomalies: a few orders and claims that each audit rule must find.

Every kind is planted around a few moments of the year — months ago (decided and settled by now)
and in the last weeks (still open for the reviewers) — next to ordinary orders of the same partner:
duplicate claims (one order claimed twice, one part serial on two orders), assets out of warranty
and contract, steps out of order or in the future, impossible travel and two places at once, repeat
repairs, amounts and visits far above peers, missing confirmations, inflated distances, repairs
clustered just before warranty end, and (with spares) parts never issued, never returned or
returned with another serial.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from decimal import Decimal

from console.api import haversine_km
from plugins.partners.demo_year import DAY, HOUR, MINUTE, Job, Visit, Year, noted_serial


class Anomalies:
    """Plants the anomalies into ``year`` (orders before numbering, claims after)."""

    def __init__(self, year: Year, jobs: list[Job]):
        self.year, self.rng, self.now, self.jobs = year, year.rng, year.now, jobs
        self.used: set[int] = set()
        self.early: set[int] = set()
        days = (150, 70, 12) if len(year.visits) < 2_000 else (300, 240, 180, 120, 70, 40, 20, 10)
        self.moments = [self.now - DAY * d for d in days]
        self.clustering = max(year.partners, key=lambda p: len(p.jobs)) if year.partners else None
        self.fitted: dict[int, tuple] = {}

    def early_clock(self, visit: Visit) -> bool:
        """True for the order whose engineer's phone recorded a step in the future."""
        return visit.id in self.early

    # -- orders ------------------------------------------------------------------------------
    def orders(self, unreturned: list[tuple[Job, str, str, datetime]]) -> None:
        """The extra orders (and changed steps) of every kind, around each moment; and one that fits a part of
        ``unreturned`` (spares parts issued to an incident that never came back, ``demo._unreturned``)."""
        for when in self.moments:
            for plant in (self._travel, self._overlap, self._repeat, self._long_visit, self._uncovered,
                          self._out_of_order, self._unconfirmed, self._serial_twice):
                base = self._base(when)
                if base is not None:
                    plant(base)
            self._cluster(when)
        self._future()
        self._kept_defective(unreturned)

    def _base(self, when: datetime) -> Visit | None:
        """An ordinary, finished visit of an engineer near ``when`` with at least an hour on site."""
        best = None
        for visit in self.year.visits:
            if (visit.id in self.used or visit.outcome != "closed" or visit.job.lat is None
                    or visit.times["fixed"] - visit.times["arrived"] < HOUR or visit.times["closed"] > self.now):
                continue
            if best is None or abs(visit.dispatched - when) < abs(best.dispatched - when):
                best = visit
        if best is not None:
            self.used.add(best.id)
        return best

    def _add(self, base: Visit, job: Job, dispatched: datetime, **forced) -> Visit | None:
        """A planted order of ``base``'s partner (None when it would be dispatched too late to be done by now)."""
        if dispatched > self.now - DAY * 2 and "departed" not in forced:
            return None
        forced.setdefault("engineer", self.rng.choice(base.partner.engineers))
        forced.setdefault("departed", dispatched + MINUTE * self.rng.uniform(20, 50))
        visit = self.year.visit(base.partner, job, dispatched, outcome=forced.pop("outcome", "closed"), **forced)
        self.year.visits.append(visit)
        self.used.add(visit.id)
        return visit

    def _other(self, base: Visit) -> Job:
        """Another asset of the partner's area, covered on the day (so only the planted rule fires)."""
        day = base.dispatched.date() + 2 * DAY
        pool = [j for j in base.partner.jobs if j.covered_until and j.covered_until >= day and j.lat is not None
                and j.asset_id != base.job.asset_id]
        return self.year.ordinary_job(pool, day) if pool else base.job

    def _near(self, job: Job, low: float, high: float) -> Job | None:
        """A job whose site is between ``low`` and ``high`` km from ``job``'s."""
        for candidate in self.rng.sample(self.jobs, min(len(self.jobs), 400)):
            if low <= haversine_km(job.lat, job.lon, candidate.lat, candidate.lon) <= high:
                return candidate
        return None

    def _travel(self, base: Visit) -> None:
        """The same engineer checks in 300+ km away 45 minutes after fixing the last site."""
        if (far := self._near(base.job, 300, 3000)) is not None:
            fixed = base.times["fixed"]
            self._add(base, far, fixed - HOUR, engineer=base.engineer, departed=fixed + MINUTE * 5,
                      arrive_after=MINUTE * 40)

    def _overlap(self, base: Visit) -> None:
        """The same engineer checks in at a site nearby while still on site at the first one."""
        if (near := self._near(base.job, 3, 12)) is not None:
            arrived = base.times["arrived"]
            self._add(base, near, arrived - HOUR, engineer=base.engineer, departed=arrived - MINUTE * 10,
                      arrive_after=MINUTE * 25, on_site=HOUR * 2)

    def _repeat(self, base: Visit) -> None:
        """The same asset repaired again a fortnight later."""
        self._add(base, base.job, base.times["fixed"] + DAY * self.rng.uniform(10, 25))

    def _long_visit(self, base: Visit) -> None:
        """An engineer on site for half a day for a routine job."""
        self._add(base, self._other(base), base.dispatched + HOUR * 3, on_site=HOUR * self.rng.uniform(11, 15))

    def _uncovered(self, base: Visit) -> None:
        """A visit to an asset whose warranty and contract ended months before."""
        day = base.dispatched.date()
        pool = [j for j in base.partner.jobs + self.jobs if (j.covered_until is None or j.covered_until < day
                                                             - 40 * DAY) and j.lat is not None]
        if pool:
            self._add(base, self.rng.choice(pool[:200]), base.dispatched + HOUR * 5)

    def _out_of_order(self, base: Visit) -> None:
        """The arrival recorded 25 minutes before the departure."""
        if visit := self._add(base, self._other(base), base.dispatched + HOUR * 2):
            visit.times["arrived"] = visit.times["departed"] - MINUTE * 25

    def _unconfirmed(self, base: Visit) -> None:
        """Closed without the customer's confirmation."""
        self._add(base, self._other(base), base.dispatched + HOUR * 6, confirm=False)

    def _serial_twice(self, base: Visit) -> None:
        """The same asset claimed again by another order a few days later."""
        self._add(base, base.job, base.times["fixed"] + DAY * self.rng.uniform(2, 5))

    def _cluster(self, when: datetime) -> None:
        """Six repairs by one partner in the two months after ``when``, each within days before the
        asset's warranty ends."""
        partner = self.clustering
        if partner is None:
            return
        soon = [j for j in partner.jobs + self.jobs if j.warranty_end and j.lat is not None
                and j.warranty_end == j.covered_until and when.date() <= j.warranty_end <= when.date() + 60 * DAY]
        base = next((v for v in self.year.visits if v.partner is partner and v.outcome == "closed"), None)
        if base is None:
            return
        for job in self.rng.sample(soon, min(6, len(soon))):
            ends = datetime.combine(job.warranty_end, when.timetz())
            self._add(base, job, ends - DAY * self.rng.uniform(1.5, 12))

    def _kept_defective(self, unreturned: list[tuple[Job, str, str, datetime]]) -> None:
        """A partner fits a part the help desk had issued for the incident and notes the defective unit taken
        out, which never comes back to spares."""
        for job, part, serial, issued in unreturned:
            base = self._base(issued)
            if base is not None and (visit := self._add(base, job, issued + HOUR * 2)) is not None:
                self.fitted[visit.id] = (part, 1, serial, noted_serial(self.rng, serial))

    def parts(self, visit: Visit, issued: list[tuple]) -> list[tuple]:
        """The parts ``visit``'s claim lists: ``issued`` (spares' issues to the order), plus the incident's part
        it fitted, unless spares issued (and so may have taken back) that part number for the order itself."""
        fitted = self.fitted.get(visit.id)
        return [*issued, fitted] if fitted and all(line[0] != fitted[0] for line in issued) else issued

    def _future(self) -> None:
        """An engineer's phone a day ahead: the fix of an order of the last hours recorded tomorrow."""
        base = self._base(self.now - DAY * 3)
        if base is None:
            return
        visit = self._add(base, self._other(base), self.now - HOUR * 6, departed=self.now - HOUR * 5)
        for step in ("confirmed", "closed"):
            visit.times.pop(step, None)
        visit.times["fixed"] = self.now + DAY
        self.early.add(visit.id)

    # -- claims ------------------------------------------------------------------------------
    def claims(self, issued: dict[str, list[tuple]]) -> None:
        """Change some ordinary claims near each moment."""
        groups = Counter((v.job.category, v.level) for v in self.year.visits if v.claims)
        busiest = groups.most_common(1)[0][0] if groups else None
        for when in self.moments:
            self._claimed(when, self._twice)
            self._claimed(when, self._far)
            self._claimed(when, self._expensive, lambda c: (c["visit"].job.category, c["visit"].level) == busiest)
            if issued:
                self._claimed(when, lambda c: self._not_issued(c, issued))
                self._claimed(when, self._other_serial, lambda c: any(p[3] for p in c["parts"]))

    def _claimed(self, when: datetime, change, wanted=lambda claim: True) -> None:
        """Apply ``change`` to the ordinary claim submitted nearest ``when`` that ``wanted`` accepts."""
        best = None
        for visit in self.year.visits:
            if visit.id in self.used or len(visit.claims) != 1 or not wanted(visit.claims[0]):
                continue
            if best is None or abs(visit.dispatched - when) < abs(best.dispatched - when):
                best = visit
        if best is not None:
            self.used.add(best.id)
            change(best.claims[0])

    def _twice(self, claim: dict) -> None:
        """The same order claimed again two weeks later."""
        self.year.claim(claim["visit"], claim["parts"], delay=DAY * self.rng.uniform(12, 20))

    def _far(self, claim: dict) -> None:
        """Three times the centre-to-site distance claimed."""
        distance = claim["visit"].distance or 10.0
        claim["travel_km"] = Decimal(f"{distance * 3 + 35:.1f}")

    def _expensive(self, claim: dict) -> None:
        """An "expedite fee" that puts the claim far above its peers (same category and repair level)."""
        claim["other"], claim["other_note"] = Decimal(self.rng.randint(15_000, 25_000)), "加急费 expedite fee"

    def _not_issued(self, claim: dict, issued: dict[str, list[tuple]]) -> None:
        """A part that no spares issue went out for."""
        part = self.rng.choice([line[0] for lines in issued.values() for line in lines] or ["HDD-1.2T-SAS"])
        claim["parts"] = [*claim["parts"], (part, 1, f"X{self.rng.randrange(16**8):08X}", None)]

    def _other_serial(self, claim: dict) -> None:
        """The removed serial claimed is not the one that came back to the defective store."""
        claim["parts"] = [(p, q, i, f"{r[:-2]}ZZ" if r else r) for p, q, i, r in claim["parts"]]

