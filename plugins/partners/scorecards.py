"""Partner scorecards (网点考核) per period: the DOMAIN.md measures, a weighted score 0–100 and a rank.

Every measure is aggregated in the database, one grouped query per family (orders and steps,
repeat visits, claims, findings), over the service orders dispatched in the period. Each measure
becomes a 0–100 points value (a percentage as it is, or 100 − it when lower is better;
satisfaction 1–5 maps to 0–100; findings per 100 orders count down from 100); the score is the
weighted mean of the points of the measures that have data. Weights are editable
(``partners.configure``) and need not sum to anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Callable, Mapping, Sequence
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, aliased

from console.api import Actor, AppContext, ValidationError, tables, utcnow
from plugins.partners import access
from plugins.partners.models import Claim, Finding, OrderStep, Partner, ScoreWeight, ServiceOrder
from plugins.partners.rules.sql import seconds_between

CONFIGURE = "partners.configure"
REPEAT_DAYS = 30


@dataclass(frozen=True)
class Measure:
    """One scorecard measure: ``higher`` tells whether more is better; ``unit`` is "%", "/5" or "/100"."""

    name: str
    title: str
    higher: bool
    unit: str
    weight: Decimal


MEASURES = (
    Measure("on_time_arrival", "On-time arrival", True, "%", Decimal(20)),
    Measure("on_time_fix", "On-time fix", True, "%", Decimal(20)),
    Measure("first_time_fix", "First-time fix", True, "%", Decimal(15)),
    Measure("repeat_visits", "Repeat visits within 30 days", False, "%", Decimal(10)),
    Measure("satisfaction", "Customer satisfaction", True, "/5", Decimal(15)),
    Measure("rejection_rate", "Claim rejection rate", False, "%", Decimal(10)),
    Measure("findings_per_100", "Findings per 100 orders", False, "/100", Decimal(10)),
)
BY_NAME = {m.name: m for m in MEASURES}


@dataclass
class ScoreRow:
    """One partner's scorecard for a period: ``measures`` by name (None: no data), score, rank."""

    partner_id: int
    code: str
    name: str
    orders: int
    measures: dict[str, float | None] = field(default_factory=dict)
    score: float | None = None
    rank: int | None = None


# -- weights ---------------------------------------------------------------------------------
def weights(session: Session) -> dict[str, Decimal]:
    """The weight of every measure (the default where an admin set none)."""
    stored = dict(session.execute(select(ScoreWeight.measure, ScoreWeight.weight)).all())
    return {m.name: Decimal(stored.get(m.name, m.weight)) for m in MEASURES}


def set_weights(app: AppContext, actor: Actor, new: Mapping[str, object]) -> dict[str, Decimal]:
    """Store the weights of the measures named in ``new`` (0–1000, two decimals); returns all weights."""
    checked = {}
    for name, value in new.items():
        if name not in BY_NAME:
            raise ValidationError(f"There is no measure {name}; measures: {', '.join(BY_NAME)}.", name)
        try:
            weight = value if isinstance(value, Decimal) else Decimal(str(value).strip())
        except InvalidOperation:
            raise ValidationError(f"The weight of {BY_NAME[name].title} must be a number, not {value!r}.",
                                  name) from None
        if not weight.is_finite() or not 0 <= weight <= 1000 or weight != weight.quantize(Decimal("0.01")):
            raise ValidationError(f"The weight of {BY_NAME[name].title} must be 0 to 1000 with at most two "
                                  "decimals.", name)
        checked[name] = weight
    with app.unit_of_work(actor, CONFIGURE) as work:
        session = work.session
        before = weights(session)
        if not any({**before, **checked}.values()):
            raise ValidationError("At least one measure needs a weight above zero.", next(iter(checked), None))
        for name, weight in checked.items():
            row = session.get(ScoreWeight, name)
            if row is None:
                session.add(ScoreWeight(measure=name, weight=weight))
            else:
                row.weight = weight
        work.audit("scorecard.weights", "score_weight", "all",
                   {n: [before[n], w] for n, w in checked.items() if before[n] != w})
        session.flush()
        return weights(session)


# -- computing -------------------------------------------------------------------------------
def _bounds(period_start: date, period_end: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    if period_end < period_start:
        raise ValidationError("The period ends before it starts; swap the dates.", "period_end")
    return (datetime.combine(period_start, time(), zone),
            datetime.combine(period_end + timedelta(days=1), time(), zone))


def _percent(part, whole) -> float | None:
    return round(100.0 * float(part or 0) / float(whole), 1) if whole else None


def _order_facts(session: Session, orders, now: datetime) -> dict[int, dict]:
    """On-time arrival and fix, first-time fix and satisfaction per partner, from one grouped query."""
    first = {step: func.min(case((OrderStep.step == step, OrderStep.at))).label(step)
             for step in ("arrived", "fixed", "incomplete")}
    steps = (select(OrderStep.order_id, *first.values(),
                    func.max(case((OrderStep.step == "confirmed", OrderStep.satisfaction))).label("satisfaction"))
             .where(OrderStep.step.in_(("arrived", "fixed", "incomplete", "confirmed")))
             .group_by(OrderStep.order_id).subquery("scored_steps"))
    o = orders.c

    def due(clock, done):
        """1 for orders whose clock is decided: done, or past due; the count of on-time ones."""
        decided = and_(clock.is_not(None), o.status != "rejected", (done.is_not(None)) | (clock < now))
        return (func.sum(case((decided, 1), else_=0)), func.sum(case((and_(decided, done <= clock), 1), else_=0)))

    query = (select(o.partner_id, func.count(), *due(o.arrive_due_at, steps.c.arrived),
                    *due(o.fix_due_at, steps.c.fixed),
                    func.sum(case(((steps.c.fixed.is_not(None)) | (steps.c.incomplete.is_not(None)), 1), else_=0)),
                    func.sum(case((and_(steps.c.fixed.is_not(None), steps.c.incomplete.is_(None)), 1), else_=0)),
                    func.avg(steps.c.satisfaction))
             .select_from(orders).outerjoin(steps, steps.c.order_id == o.id).group_by(o.partner_id))
    facts = {}
    for partner_id, count, arrive_n, arrive_ok, fix_n, fix_ok, visits, first_ok, mood in session.execute(query):
        facts[partner_id] = {"orders": count, "on_time_arrival": _percent(arrive_ok, arrive_n),
                             "on_time_fix": _percent(fix_ok, fix_n), "first_time_fix": _percent(first_ok, visits),
                             "satisfaction": round(float(mood), 2) if mood is not None else None}
    return facts


def _repeats(session: Session, orders) -> dict[int, int]:
    """Orders per partner whose asset had an earlier order of the same partner within ``REPEAT_DAYS``."""
    earlier = aliased(ServiceOrder)
    o = orders.c
    gap = seconds_between(session.get_bind().dialect.name, o.dispatched_at, earlier.dispatched_at)
    repeat = (select(earlier.id).where(earlier.asset_id == o.asset_id, earlier.partner_id == o.partner_id,
                                       earlier.id != o.id, earlier.dispatched_at <= o.dispatched_at,
                                       gap <= REPEAT_DAYS * 86400).exists())
    return dict(session.execute(select(o.partner_id, func.count()).select_from(orders)
                                .where(o.asset_id.is_not(None), repeat).group_by(o.partner_id)).all())


def _claims(session: Session, orders) -> dict[int, float | None]:
    """Rejected claims as a % of the decided claims for the period's orders, per partner."""
    o = orders.c
    query = (select(Claim.partner_id, func.count(), func.sum(case((Claim.status == "rejected", 1), else_=0)))
             .join(orders, o.id == Claim.order_id).where(Claim.decided_at.is_not(None)).group_by(Claim.partner_id))
    return {partner_id: _percent(rejected, decided) for partner_id, decided, rejected in session.execute(query)}


def _findings(session: Session, orders) -> dict[int, int]:
    """Findings that stand or may stand (open or accepted, not overruled or resolved) about the period's orders,
    per partner."""
    o = orders.c
    return dict(session.execute(select(o.partner_id, func.count()).select_from(orders)
                                .join(Finding, Finding.order_id == o.id).where(Finding.status.in_(("open", "accepted")))
                                .group_by(o.partner_id)).all())


def points(measure: Measure, value: float | None) -> float | None:
    """``value`` of ``measure`` as 0–100 points (more points are better)."""
    if value is None:
        return None
    if measure.unit == "/5":
        raw = (value - 1) / 4 * 100
    else:
        raw = value if measure.higher else 100 - value
    return max(0.0, min(100.0, raw))


def scorecard(session: Session, actor: Actor, *, period_start: date, period_end: date,
              zone: ZoneInfo | None = None, weighting: Mapping[str, Decimal] | None = None) -> list[ScoreRow]:
    """Every partner with service orders dispatched in the period (days in ``zone``, default the actor's
    time zone), best first: its measures, weighted score and rank (equal scores share a rank).
    A partner's user sees only its own row."""
    start, end = _bounds(period_start, period_end, zone or ZoneInfo(actor.timezone))
    query = access.scoped(select(ServiceOrder.id, ServiceOrder.partner_id, ServiceOrder.status,
                                 ServiceOrder.asset_id, ServiceOrder.dispatched_at, ServiceOrder.arrive_due_at,
                                 ServiceOrder.fix_due_at)
                          .where(ServiceOrder.dispatched_at >= start, ServiceOrder.dispatched_at < end),
                          ServiceOrder.partner_id, session, actor)
    orders = query.subquery("period_orders")
    facts = _order_facts(session, orders, utcnow())
    if not facts:
        return []
    repeats, rejections, findings = _repeats(session, orders), _claims(session, orders), _findings(session, orders)
    names = dict((i, (c, n)) for i, c, n in session.execute(select(Partner.id, Partner.code, Partner.name)
                                                             .where(Partner.id.in_(facts))))
    weighting = weighting or weights(session)
    rows = []
    for partner_id, fact in facts.items():
        count = fact.pop("orders")
        measures = {**fact, "repeat_visits": _percent(repeats.get(partner_id, 0), count),
                    "rejection_rate": rejections.get(partner_id),
                    "findings_per_100": round(100.0 * findings.get(partner_id, 0) / count, 1)}
        rows.append(ScoreRow(partner_id, *names[partner_id], count, {m.name: measures[m.name] for m in MEASURES},
                             weighted_score(measures, weighting)))
    return ranked(rows)


def weighted_score(measures: Mapping[str, float | None], weighting: Mapping[str, Decimal]) -> float | None:
    """The weighted mean of the measures' points, over the measures with data and weight; None if none."""
    scored = [(float(weighting.get(m.name, 0)), points(m, measures.get(m.name))) for m in MEASURES]
    scored = [(w, p) for w, p in scored if w > 0 and p is not None]
    total = sum(w for w, _ in scored)
    return round(sum(w * p for w, p in scored) / total, 1) if total else None


def ranked(rows: list[ScoreRow]) -> list[ScoreRow]:
    """``rows`` best score first with their rank; rows without a score come last, unranked."""
    rows.sort(key=lambda r: (r.score is None, -(r.score or 0), r.code))
    for n, row in enumerate(rows):
        if row.score is not None:
            row.rank = rows[n - 1].rank if n and rows[n - 1].score == row.score else n + 1
    return rows


def month_start(day: date, back: int = 0) -> date:
    """The first day of ``day``'s month, ``back`` months earlier."""
    months = day.year * 12 + day.month - 1 - back
    return date(months // 12, months % 12 + 1, 1)


def trend(session: Session, actor: Actor, partner_id: int, months: int, *, today: date | None = None,
          zone: ZoneInfo | None = None) -> list[tuple[date, ScoreRow | None]]:
    """The partner's scorecard for each of the last ``months`` calendar months, oldest first
    (``None`` for a month without its orders)."""
    access.require_partner(session, actor, partner_id, "This partner's scorecard")
    today = today or utcnow().astimezone(zone or ZoneInfo(actor.timezone)).date()
    weighting, points_by_month = weights(session), []
    for back in range(months - 1, -1, -1):
        start = month_start(today, back)
        end = month_start(today, back - 1) - timedelta(days=1)
        rows = scorecard(session, actor, period_start=start, period_end=end, zone=zone, weighting=weighting)
        points_by_month.append((start, next((r for r in rows if r.partner_id == partner_id), None)))
    return points_by_month


def export(rows: Sequence[ScoreRow], path: Path | str, *, titles: Sequence[str] | None = None,
           progress: Callable[[int], None] | None = None) -> int:
    """Write scorecard rows to CSV or XLSX (``titles``: rank, code, name, score, orders, each measure)."""
    titles = titles or ("Rank", "Partner", "Name", "Score", "Orders", *(m.title for m in MEASURES))
    return tables.write_table(path, titles, ([r.rank, r.code, r.name, r.score, r.orders,
                                              *(r.measures[m.name] for m in MEASURES)] for r in rows), progress)
