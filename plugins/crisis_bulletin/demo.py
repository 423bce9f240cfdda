"""Demo data: a year of problems (with their timeline and linked incidents), known errors, spikes, and the
bulletins about them, each with revisions, an audience and every reader's progress.

Quantities come from ``ctx.scale`` (``problems``, ``bulletins``). Rows are computed in Python and
written with bulk Core inserts; incidents are found through ``plugins.incidents.api`` only. The
newest bulletins are still running: some readers are still to read or acknowledge them, one
critical bulletin waits for the demo admin (its banner shows in every screenshot), and drafts,
a scheduled bulletin and a spike proposal wait for the team leads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import DemoContext, Group, User, bulk_insert, get_setting
from plugins.crisis_bulletin import audience as audiences
from plugins.crisis_bulletin.common import PUBLISH
from plugins.crisis_bulletin.demo_bulletins import seed_bulletins
from plugins.crisis_bulletin.demo_texts import PROBLEMS, STATUS_NOTES
from plugins.crisis_bulletin.models import (
    PROBLEM_STATUSES,
    URGENCIES,
    NumberSequence,
    Problem,
    ProblemChange,
    ProblemIncident,
    Spike,
)

#: Incident look-ups (about half a millisecond each) for linking: the newest problems get the most.
PROBE_BUDGET, RECENT = 12_000, 100
#: How long a problem typically stays in each status before the next one (hours, low and high).
STEP_HOURS = {"identified": (1, 12), "investigating": (4, 96), "root_cause_known": (2, 72),
              "workaround_available": (24, 500), "fix_available": (48, 700), "resolved": (72, 400)}


@dataclass
class People:
    """Who the demo data is about: internal staff, leads, groups and partner users."""

    staff: list[int]
    leads: list[int]
    names: dict[int, str]
    admin: int | None
    groups: list[tuple[int, str]]
    partners: list[str]


@dataclass
class DemoProblem:
    """A problem as the bulletin seeder needs it."""

    id: int
    number: str
    title: str
    urgency: str
    status: str
    created: datetime
    workaround_at: datetime | None
    resolved_at: datetime | None
    row: dict = field(repr=False, default_factory=dict)


class Numbers:
    """Numbers for demo rows, continuing any a database already has (``PRB-2026-0042``)."""

    def __init__(self, session: Session):
        self.session = session
        self.last = {(s.kind, s.year): s for s in session.scalars(select(NumberSequence))}

    def take(self, kind: str, at: datetime) -> str:
        """The next number of ``kind`` for ``at``'s year."""
        counter = self.last.get((kind, at.year))
        if counter is None:
            counter = self.last[kind, at.year] = NumberSequence(kind=kind, year=at.year, last_value=0)
            self.session.add(counter)
        counter.last_value += 1
        return f"{kind}-{at.year}-{counter.last_value:04d}"


class IncidentPool:
    """Demo incidents found through ``incident_summary``: numbers are ``INC-<year>-<nnnnnn>`` from 1 up,
    opened in order, so a date gives a place to look for a category's incidents."""

    def __init__(self, session: Session, years: list[int]):
        from plugins.incidents.api import incident_summary

        self.summary = lambda number: incident_summary(session, number)
        self.years = {}
        for year in years:
            top = self._count(year)
            if top:
                self.years[year] = (top, self._get(year, 1).opened_at, self._get(year, top).opened_at)
        self.used: set[str] = set()

    def _get(self, year: int, n: int):
        return self.summary(f"INC-{year}-{n:06d}")

    def _count(self, year: int) -> int:
        if self._get(year, 1) is None:
            return 0
        low, high = 1, 2
        while self._get(year, high) is not None:
            low, high = high, high * 2
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if self._get(year, middle) is not None else (low, middle)
        return low

    def near(self, when: datetime, category: str, wanted: int, probes: int) -> list[tuple[str, datetime]]:
        """Up to ``wanted`` unused incidents of ``category`` opened about ``when`` (``(number, opened)``),
        looking at ``probes`` incidents at most."""
        if when.year not in self.years or wanted <= 0:
            return []
        top, first, last = self.years[when.year]
        share = (when - first) / (last - first) if last > first else 0
        start = max(1, min(top, int(1 + share * (top - 1))))
        found = []
        for n in range(start, min(top, start + probes) + 1):
            summary = self._get(when.year, n)
            if summary is not None and summary.category == category and summary.number not in self.used:
                self.used.add(summary.number)
                found.append((summary.number, summary.opened_at))
                if len(found) == wanted:
                    break
        return found


def _people(session: Session) -> People:
    staff = dict(session.execute(select(User.id, User.display_name).where(User.is_active.is_(True),
                                                                          User.partner_code.is_(None))).all())
    leads = list(session.scalars(select(User.id).where(User.is_active.is_(True), User.partner_code.is_(None),
                                                       audiences.users_with_roles(["team_lead"]))))
    admin = session.scalar(select(User.id).where(User.username == "admin"))
    groups = [tuple(g) for g in session.execute(select(Group.id, Group.name).order_by(Group.id))]
    return People(list(staff), leads or list(staff)[:1], staff, admin, groups, audiences.partner_codes(session))


def _status_for(rng, age_days: float) -> str:
    """A plausible status for a problem recorded ``age_days`` ago."""
    if age_days < 2:
        weights = (5, 4, 1, 0, 0, 0, 0)
    elif age_days < 14:
        weights = (1, 4, 3, 4, 1, 0, 0)
    elif age_days < 60:
        weights = (0, 1, 1, 4, 3, 2, 1)
    elif age_days < 180:
        weights = (0, 0, 0, 1, 3, 3, 5)
    else:
        weights = (0, 0, 0, 0, 1, 1, 10)
    return rng.choices(PROBLEM_STATUSES, weights)[0]


def _steps(rng, status: str, created: datetime, now: datetime) -> list[tuple[str, datetime]]:
    """The status changes that led to ``status``, at increasing times no later than ``now``."""
    path = PROBLEM_STATUSES[1:PROBLEM_STATUSES.index(status) + 1]
    hours = [rng.uniform(*STEP_HOURS[previous]) for previous in PROBLEM_STATUSES[:len(path)]]
    span = (now - created).total_seconds() / 3600 * 0.95
    scale = min(1.0, span / sum(hours)) if hours else 1.0
    at, steps = created, []
    for step, h in zip(path, hours):
        at += timedelta(hours=h * scale)
        steps.append((step, at))
    return steps


def _problem_rows(ctx: DemoContext, people: People, numbers: Numbers, count: int) -> list[tuple[dict, list]]:
    """``(problem row, status steps)`` for ``count`` problems over the last year, oldest first."""
    rng, now = ctx.rng, ctx.now
    fresh = min(count, 1 + count // 10)  # a few from the last days, the newest proposed by a spike
    created = sorted([now - timedelta(days=rng.uniform(3, 360)) for _ in range(count - fresh)]
                     + [now - timedelta(days=rng.uniform(0.05, 3)) for _ in range(fresh)])
    owners = people.leads + people.staff
    out = []
    for i, at in enumerate(created):
        newest = i == count - 1
        text = PROBLEMS[i % len(PROBLEMS)]
        variant = 10 + (i * 7) % 80
        fill = {"v": variant, "w": variant + 1}
        status = "identified" if newest else _status_for(rng, (now - at).total_seconds() / 86_400)
        steps = _steps(rng, status, at, now)
        reached = {s: t for s, t in steps}
        known = PROBLEM_STATUSES.index(status)
        out.append(({
            "number": numbers.take("PRB", at), "title": text.title.format(**fill), "status": status,
            "urgency": rng.choices(URGENCIES, (3, 5, 2))[0], "impact": text.impact,
            "owner_id": None if newest else rng.choice(owners), "category": text.category, "products": text.product,
            "models": text.model, "versions": text.versions.format(**fill),
            "assets": "", "external_ref": text.external_ref.format(**fill),
            "root_cause": text.root_cause if known >= 2 else "",
            "workaround": text.workaround.format(**fill) if known >= 3 else "",
            "fix": text.fix.format(**fill) if known >= 4 else "",
            "source": "spike" if newest or rng.random() < 0.08 else "manual", "created_at": at, "created_by": "demo",
            "updated_at": steps[-1][1] if steps else at, "workaround_published_at": reached.get("workaround_available"),
            "resolved_at": reached.get("resolved"), "closed_at": reached.get("closed"), "version": 1}, steps))
    return out


def seed_problems(ctx: DemoContext, session: Session, people: People, numbers: Numbers) -> list[DemoProblem]:
    """Write the problems, their timelines, linked incidents and spikes; returns them oldest first."""
    rows = _problem_rows(ctx, people, numbers, ctx.scale.get("problems", 6))
    bulk_insert(session, Problem, [row for row, _steps in rows])
    ids = dict(session.execute(select(Problem.number, Problem.id).where(
        Problem.number.in_([row["number"] for row, _ in rows]))).all())
    pool = IncidentPool(session, sorted({ctx.now.year - 1, ctx.now.year})) if ctx.app.has_plugin("incidents") else None
    changes, links, spikes = [], [], []
    older = max(8, (PROBE_BUDGET - 60 * RECENT) // max(1, len(rows) - RECENT))
    for index, (row, steps) in enumerate(rows):
        problem_id = ids[row["number"]]
        owner = people.names.get(row["owner_id"], "system")
        changes.append({"problem_id": problem_id, "at": row["created_at"], "actor": owner, "action": "created",
                        "status": "identified", "note": ""})
        for status, at in steps:
            action = {"workaround_available": "workaround", "closed": "closed"}.get(status, "status")
            note = row["workaround"] if action == "workaround" else STATUS_NOTES.get(status, "")
            changes.append({"problem_id": problem_id, "at": at, "actor": owner, "action": action, "status": status,
                            "note": note})
        probes = 60 if index >= len(rows) - RECENT else min(60, older)
        found = pool.near(row["created_at"], row["category"], ctx.rng.randint(2, 9), probes) if pool else []
        for number, opened in found:
            linked_at = max(opened, row["created_at"]) + timedelta(minutes=ctx.rng.randint(5, 600))
            links.append({"problem_id": problem_id, "incident_number": number, "linked_at": linked_at,
                          "linked_by": "system" if row["source"] == "spike" else owner, "source": row["source"]})
            changes.append({"problem_id": problem_id, "at": linked_at, "actor": owner, "action": "linked",
                            "status": row["status"], "note": number})
        if row["source"] == "spike":
            spikes.append({"dimension": "asset_model" if row["models"] else "category",
                           "value": row["models"] or row["category"],
                           "first_at": row["created_at"] - timedelta(minutes=ctx.rng.randint(30, 55)),
                           "last_at": row["created_at"] - timedelta(minutes=1),
                           "incidents": max(len(found), 5), "detected_at": row["created_at"],
                           "problem_id": problem_id, "bulletin_id": None})
    bulk_insert(session, ProblemChange, changes)
    bulk_insert(session, ProblemIncident, links)
    bulk_insert(session, Spike, spikes)
    return [DemoProblem(ids[row["number"]], row["number"], row["title"], row["urgency"], row["status"],
                        row["created_at"], row["workaround_published_at"], row["resolved_at"], row)
            for row, _steps in rows]


def seed(ctx: DemoContext) -> None:
    """Write the demo problems and bulletins (see the module docstring)."""
    timing = {"ack_hours": get_setting(ctx.app, "crisis_bulletin.ack_hours"),
              "remind_before": timedelta(hours=get_setting(ctx.app, "crisis_bulletin.remind_before_hours")),
              "escalate_after": timedelta(hours=get_setting(ctx.app, "crisis_bulletin.escalate_after_hours"))}
    with ctx.app.unit_of_work(ctx.actor, PUBLISH) as work:
        session = work.session
        people = _people(session)
        if not people.staff:
            return
        numbers = Numbers(session)
        problems = seed_problems(ctx, session, people, numbers)
        counts = seed_bulletins(ctx, session, people, numbers, problems, timing)
        work.audit("demo.seed", "problem", "*", {"problems": len(problems), **counts})

