"""Spare-part KPIs per depot, part, partner or month, exactly as DOMAIN.md defines them.

* **Fill rate** (满足率): requests filled in full from their designated depot at the first issue
  ÷ all requests (made in the period, cancelled ones left out; an issue typed without a request
  is not a request).
* **Hit rate** (命中率): issued quantity that was used in the repair ÷ all issued quantity (issued in
  the period); a part that came back good-unused, or a consumable returned unused, is a miss.
* **Overdue returns**: expected defective returns past their due date at the end of the period.
* **Loss value**: returns written off as losses in the period, at the part's cost then.
* **Turnover**: issued value ÷ average stock value (start and end of the period), annualised.
* **Transport cost per shipment**: shipments' transport cost ÷ shipments sent in the period.

Months are calendar months in the organisation's time zone. Values use today's unit cost.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, select, union_all
from sqlalchemy.orm import Session

from console.api import AppContext, ValidationError, get_setting, utcnow
from plugins.spares.models import DEPOT_KINDS, Location, Move, Part, Request, Return, Shipment, Stock
from plugins.spares.service.common import ZERO

DIMENSIONS = ("depot", "part", "partner", "month")
LONG_WINDOW = timedelta(days=62)
HUNDRED = Decimal(100)


@dataclass
class KpiRow:
    """The figures of one depot, part, partner or month (``key``; ``label`` is what people read)."""

    key: str
    label: str
    code: str = ""  # the short name: depot code, part number, partner code
    requests: int = 0
    filled_first: int = 0
    issued: Decimal = ZERO
    unused: Decimal = ZERO
    overdue: int = 0
    loss_value: Decimal = ZERO
    issued_value: Decimal = ZERO
    stock_start: Decimal = ZERO
    stock_end: Decimal = ZERO
    shipments: int = 0
    transport_cost: Decimal = ZERO
    days: int = field(default=30, repr=False)

    @property
    def fill_rate(self) -> Decimal | None:
        """Percent of requests filled in full from the designated depot at the first issue."""
        return _percent(self.filled_first, self.requests)

    @property
    def hit_rate(self) -> Decimal | None:
        """Percent of the issued quantity that was used in the repair."""
        return _percent(self.issued - self.unused, self.issued)

    @property
    def turnover(self) -> Decimal | None:
        """Issued value ÷ average stock value, scaled to a year."""
        average = (self.stock_start + self.stock_end) / 2
        if average <= 0 or not self.days:
            return None
        return (self.issued_value / average * Decimal(365) / Decimal(self.days)).quantize(Decimal("0.01"))

    @property
    def cost_per_shipment(self) -> Decimal | None:
        """Average transport cost of a shipment."""
        return (self.transport_cost / self.shipments).quantize(Decimal("0.01")) if self.shipments else None


def _percent(part, whole) -> Decimal | None:
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.1")) if whole else None


# -- periods ---------------------------------------------------------------------------------
def zone(app: AppContext) -> ZoneInfo:
    """The organisation's time zone (months and due dates are counted there)."""
    return ZoneInfo(get_setting(app, "core.default_timezone") or "Asia/Shanghai")


def month_bounds(tz: ZoneInfo, month: str) -> tuple[datetime, datetime]:
    """``[start, end)`` of ``YYYY-MM`` in ``tz`` as aware instants."""
    try:
        first = date.fromisoformat(f"{month.strip()}-01")
    except ValueError:
        raise ValidationError(f"“{month}” is not a month; write it as YYYY-MM, e.g. 2026-03.", "month") from None
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return datetime.combine(first, time(), tz), datetime.combine(following, time(), tz)


def recent_months(tz: ZoneInfo, count: int = 12, today: date | None = None) -> list[str]:
    """The last ``count`` months up to this one in ``tz``, oldest first (``YYYY-MM``); ``complete_months``
    leaves out the one under way."""
    today = today or utcnow().astimezone(tz).date()
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


# -- figures ---------------------------------------------------------------------------------
GROUPS = ("fill", "hits", "returns", "stock", "shipments")


def table(tz: ZoneInfo, session: Session, start: datetime, end: datetime, dimension: str) -> list[KpiRow]:
    """Every KPI for ``[start, end)`` per ``dimension`` (depot, part, partner or month), the total first."""
    if dimension != "month":
        return figures(tz, session, start, end, dimension)
    total = figures(tz, session, start, end, "depot")[0]
    return [total, *monthly(tz, session, months_between(tz, start, end))]


def months_between(tz: ZoneInfo, start: datetime, end: datetime) -> list[str]:
    """The months (``YYYY-MM`` in ``tz``) that ``[start, end)`` touches, in order."""
    month, months = start.astimezone(tz).date().replace(day=1), []
    while datetime.combine(month, time(), tz) < end:
        months.append(f"{month:%Y-%m}")
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def figures(tz: ZoneInfo, session: Session, start: datetime, end: datetime, dimension: str,
            groups: tuple[str, ...] = GROUPS) -> list[KpiRow]:
    """The KPIs of ``groups`` for ``[start, end)`` per ``dimension`` (depot, part, partner); the total comes first.

    ``groups`` picks the figures worth their queries: ``fill``, ``hits`` (hit rate, issued value),
    ``returns`` (overdue, loss), ``stock`` (turnover) and ``shipments``. Due dates are days in ``tz``.
    """
    if dimension not in ("depot", "part", "partner"):
        raise ValidationError(f"Group KPIs by one of {', '.join(DIMENSIONS)}.", "dimension")  # month: table()
    days = max(1, round((end - start) / timedelta(days=1)))
    rows: dict[str, KpiRow] = {}

    def row(key) -> KpiRow:
        key = "" if key is None else str(key)
        if key not in rows:
            rows[key] = KpiRow(key, key, days=days)
        return rows[key]

    steps = {"fill": _fill, "hits": _hits, "returns": _returns, "stock": _stock, "shipments": _shipments}
    for group in groups:
        steps[group](tz, session, start, end, dimension, row)
    _label(session, dimension, rows)
    total = KpiRow("*", "", days=days)
    for item in rows.values():
        for name in ("requests", "filled_first", "issued", "unused", "overdue", "loss_value", "issued_value",
                     "stock_start", "stock_end", "shipments", "transport_cost"):
            setattr(total, name, getattr(total, name) + getattr(item, name))
    return [total, *sorted(rows.values(), key=lambda r: (r.key == "", r.label))]


def _dimension(dimension: str, depot, part, partner):
    return {"depot": depot, "part": part, "partner": partner}[dimension]


def _fill(_tz, session, start, end, dimension, row) -> None:
    key = _dimension(dimension, Request.depot_id, Request.part_id, Request.partner_code)
    full = func.sum(case((Request.first_issue_full.is_(True), 1), else_=0))
    for value, requests, filled in session.execute(
            select(key, func.count(), full).where(Request.requested_at >= start, Request.requested_at < end,
                                                  Request.status != "cancelled").group_by(key)):
        item = row(value)
        item.requests += requests
        item.filled_first += int(filled or 0)


def _hits(_tz, session, start, end, dimension, row) -> None:
    key = _dimension(dimension, Move.from_location_id, Move.part_id, Move.partner_code)
    period = (Move.kind == "issue", Move.at >= start, Move.at < end)
    for value, issued, worth in session.execute(
            select(key, func.sum(Move.quantity), func.sum(Move.quantity * Part.unit_cost))
            .join(Part, Part.id == Move.part_id).where(*period).group_by(key)):
        item = row(value)
        item.issued += issued or ZERO
        item.issued_value += worth or ZERO
    issue = Move.__table__.alias("issue")
    issue_key = _dimension(dimension, issue.c.from_location_id, issue.c.part_id, issue.c.partner_code)
    in_period = (issue.c.kind == "issue", issue.c.at >= start, issue.c.at < end)
    unused_returns = (select(issue_key.label("k"), Move.quantity.label("q"))
                      .join(issue, issue.c.id == Move.issue_id).where(Move.kind == "unused_return", *in_period))
    good_unused = (select(issue_key, Return.quantity).join(issue, issue.c.id == Return.issue_id)
                   .where(Return.outcome == "good_unused", *in_period))
    misses = union_all(unused_returns, good_unused).subquery()
    for value, quantity in session.execute(select(misses.c.k, func.sum(misses.c.q)).group_by(misses.c.k)):
        row(value).unused += quantity or ZERO


def _returns(tz, session, start, end, dimension, row) -> None:
    key = _dimension(dimension, Return.depot_id, Return.part_id, Return.partner_code)
    cut = min(end, utcnow())  # overdue as the period ended (or as it stands now)
    outstanding = ((Return.received_at.is_(None) | (Return.received_at >= cut))
                   & (Return.written_off_at.is_(None) | (Return.written_off_at >= cut)))
    for value, count in session.execute(
            select(key, func.count()).where(Return.due_on < cut.astimezone(tz).date(), Return.issued_at < cut,
                                            outstanding).group_by(key)):
        row(value).overdue += count
    for value, lost in session.execute(
            select(key, func.sum(Return.loss_value)).where(Return.written_off_at >= start, Return.written_off_at < end)
            .group_by(key)):
        row(value).loss_value += lost or ZERO


def _moved_value(session: Session, dimension: str, depots: dict[int, str | None], since: datetime,
                 until: datetime | None) -> dict:
    """The value that moved into ``depots`` (out counts negative) in ``[since, until)``, per ``dimension`` key,
    added up by the database, grouped on the move's own columns (one aggregate per side)."""
    # A window reaching back months covers most of the ledger: reading it straight through beats an index
    # range (which SQLite, without statistics, would otherwise pick), so the index is kept out of it then.
    at = func.coalesce(Move.at, Move.at) if utcnow() - since > LONG_WINDOW else Move.at
    window = [at >= since, *([at < until] if until else [])]
    values: dict = defaultdict(Decimal)
    for side, sign in ((Move.to_location_id, 1), (Move.from_location_id, -1)):
        group = Move.part_id if dimension == "part" else side
        query = (select(group, func.sum(Move.quantity * Part.unit_cost)).join(Part, Part.id == Move.part_id)
                 .where(*window, side.in_(list(depots))).group_by(group))
        for value, worth in session.execute(query):
            values[_key(dimension, value, depots)] += sign * Decimal(str(worth or 0))
    return values


def _key(dimension: str, value, depots: dict[int, str | None]):
    """The dimension key of a grouped value: a depot id or part id as it is, a depot's partner."""
    return depots[value] if dimension == "partner" else value


def stock_values(session: Session, dimension: str, start: datetime, end: datetime) -> tuple[dict, dict]:
    """Stock value in the depots per ``dimension`` key at ``start`` and at ``end`` (or now, when ``end`` is
    later): today's stock minus what moved since, so only the moves after ``start`` are read."""
    depots = dict(session.execute(select(Location.id, Location.partner_code).where(Location.kind.in_(DEPOT_KINDS))).all())
    group = Stock.part_id if dimension == "part" else Stock.location_id
    at_end: dict = defaultdict(Decimal)
    for value, worth in session.execute(
            select(group, func.sum(Stock.quantity * Part.unit_cost)).join(Part, Part.id == Stock.part_id)
            .where(Stock.location_id.in_(list(depots))).group_by(group)):
        at_end[_key(dimension, value, depots)] += Decimal(str(worth or 0))
    now = utcnow()
    if end < now:
        for value, worth in _moved_value(session, dimension, depots, end, None).items():
            at_end[value] -= worth
    at_start = defaultdict(Decimal, at_end)
    for value, worth in _moved_value(session, dimension, depots, start, min(end, now)).items():
        at_start[value] -= worth
    return at_start, at_end


def _stock(_tz, session, start, end, dimension, row) -> None:
    at_start, at_end = stock_values(session, dimension, start, end)
    for value, worth in at_start.items():
        row(value).stock_start += worth
    for value, worth in at_end.items():
        row(value).stock_end += worth


def _shipments(_tz, session, start, end, dimension, row) -> None:
    if dimension == "part":
        return
    target = Location.__table__.alias("target")
    key = Shipment.from_location_id if dimension == "depot" else target.c.partner_code
    for value, count, cost in session.execute(
            select(key, func.count(), func.coalesce(func.sum(Shipment.cost), 0))
            .join(target, target.c.id == Shipment.to_location_id)
            .where(Shipment.shipped_at >= start, Shipment.shipped_at < end).group_by(key)):
        item = row(value)
        item.shipments += count
        item.transport_cost += cost or ZERO


def _label(session, dimension: str, rows: dict[str, KpiRow]) -> None:
    """Readable labels: ``BJ-CDC 北京中心库`` for depots, ``SP-000123 硬盘`` for parts, the code for partners."""
    if dimension == "depot":
        names = {str(i): f"{c} · {n}" for i, c, n in session.execute(select(Location.id, Location.code,
                                                                            Location.name))}
    elif dimension == "part":
        ids = [int(k) for k in rows if k]
        names = {str(i): f"{c} · {n}" for i, c, n in session.execute(
            select(Part.id, Part.part_number, Part.name).where(Part.id.in_(ids)))} if ids else {}
    else:
        names = {}
    for key, item in rows.items():
        item.label = names.get(key, key) if key else "—"
        item.code = item.label.split(" · ")[0]


def complete_months(tz: ZoneInfo, count: int = 12) -> list[str]:
    """The last ``count`` months that are over, oldest first (a month under way would show a few days as a trend)."""
    return recent_months(tz, count + 1)[:-1]


def monthly(tz: ZoneInfo, session: Session, months: list[str], groups: tuple[str, ...] = GROUPS) -> list[KpiRow]:
    """The network's totals of ``groups`` for each month in ``months`` (``YYYY-MM`` in ``tz``), keyed by month."""
    result = []
    for month in months:
        start, end = month_bounds(tz, month)
        total = figures(tz, session, start, end, "depot", groups)[0]
        total.key = total.label = total.code = month
        result.append(total)
    return result
