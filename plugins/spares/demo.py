"""Demo spare parts: a catalogue, a depot network and a year of stock moves.

Each part's year is simulated in Python with its stock per location, so the ledger never
takes a location below zero: a receipt at the central depot, transfers to regional and
consignment stock, issues to incidents, and for return-required parts the defective return,
repair and refurbished receipt (or scrap).
"""

from __future__ import annotations

from collections import defaultdict
from heapq import heappop, heappush
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from console.api import DemoContext
from plugins.spares.models import Location, Move, Part

CHUNK = 10_000
#: (code suffix, name, kind) of the demo network.
LOCATIONS = [
    ("BJ-CDC", "北京中心库 Beijing central depot", "central"),
    ("SH-RDC", "上海备件库 Shanghai depot", "regional"),
    ("GZ-RDC", "广州备件库 Guangzhou depot", "regional"),
    ("CD-RDC", "成都备件库 Chengdu depot", "regional"),
    ("WH-RDC", "武汉备件库 Wuhan depot", "regional"),
    ("SY-RDC", "沈阳备件库 Shenyang depot", "regional"),
    ("XA-CON", "西安服务商寄售库 Xi'an consignment", "consignment"),
    ("TRANSIT", "在途 In transit", "in_transit"),
    ("REPAIR", "返修供应商 Repair vendor", "repair"),
    ("DEFECT", "坏件库 Defective", "defective"),
    ("SCRAP", "报废 Scrap", "scrap"),
]
#: (name, unit cost range in yuan, serialized, return required)
FAMILIES = [
    ("硬盘 HDD 2.4TB SAS", (1200, 2600), True, True),
    ("固态硬盘 SSD 1.92TB", (1800, 4200), True, True),
    ("内存 DIMM 32GB DDR4", (600, 1500), True, True),
    ("电源模块 PSU 800W", (900, 1800), True, True),
    ("主板 System board", (5200, 12000), True, True),
    ("风扇 Fan module", (150, 420), False, False),
    ("RAID 卡 controller", (2200, 4800), True, True),
    ("网卡 NIC 10GbE", (800, 2100), True, False),
    ("光模块 SFP+ 10G", (180, 650), False, False),
    ("打印机硒鼓 Toner cartridge", (300, 900), False, False),
    ("键盘 Keyboard", (60, 180), False, False),
    ("液晶屏 LCD panel 14\"", (700, 1600), True, True),
]


class _Stock:
    """One part's simulated stock: the units (serials) at the depots it draws from, and the ledger rows.

    Units moved into a depot join its stock at the move's time (``settle``), so a repaired unit
    booked to come back next month cannot be issued today.
    """

    def __init__(self, part_id: int, part_number: str, serialized: bool, depots: set[int]):
        self.part_id, self.part_number, self.serialized, self.depots = part_id, part_number, serialized, depots
        self.units: dict[int, list[str]] = defaultdict(list)
        self.moves: list[dict] = []
        self._incoming: list[tuple[datetime, int, list[str]]] = []
        self._made = 0

    def new(self, count: int, prefix: str = "") -> list[str]:
        """Serials for units entering the network."""
        self._made += count
        return [f"{self.part_number}-{prefix}{n:05d}" for n in range(self._made - count + 1, self._made + 1)]

    def take(self, location: int, count: int) -> list[str]:
        """The ``count`` oldest units at ``location``, removed from it."""
        taken, self.units[location] = self.units[location][:count], self.units[location][count:]
        return taken

    def settle(self, now: datetime) -> None:
        """Units whose move into a depot happened by ``now`` join its stock."""
        while self._incoming and self._incoming[0][0] <= now:
            _, location, serials = heappop(self._incoming)
            self.units[location].extend(serials)

    def move(self, kind: str, at: datetime, source: int | None, target: int | None, serials: list[str],
             ref: str | None = None) -> None:
        """Ledger rows for ``serials`` (taken from ``source`` already) going to ``target``."""
        if target in self.depots:
            heappush(self._incoming, (at, target, serials))
        rows = [(1, s) for s in serials] if self.serialized else [(len(serials), None)]
        self.moves += [{"part_id": self.part_id, "from_location_id": source, "to_location_id": target,
                        "quantity": Decimal(quantity), "serial": serial, "kind": kind, "at": at, "ref": ref,
                        "actor": "demo"} for quantity, serial in rows]


def _simulate(ctx: DemoContext, stock: _Stock, places: dict[str, int], field: list[int],
              return_required: bool) -> None:
    """A year of one part: receipts, transfers, issues and the return loop, never below zero."""
    rng, now, central = ctx.rng, ctx.now, places["central"]
    incidents = max(1, ctx.scale.get("incidents", 200))
    at = now - timedelta(days=365)
    stock.move("receipt", at, None, central, stock.new(rng.randint(8, 40)), f"PO-{at:%Y}-{rng.randint(1, 999):03d}")
    while (at := at + timedelta(hours=rng.uniform(12, 24 * 20))) < now:
        stock.settle(at)
        depot = rng.choice(field)
        if len(stock.units[depot]) < 2 and stock.units[central]:
            stock.move("transfer", at, central, depot, stock.take(central, rng.randint(2, 6)))
        elif stock.units[depot]:
            ref = f"INC-{at:%Y}-{rng.randint(1, incidents):06d}"
            stock.move("issue", at, depot, None, stock.take(depot, 1), ref)
            if return_required:
                _return_loop(ctx, stock, places, at, ref)
        if len(stock.units[central]) < 4:
            stock.move("receipt", at, None, central, stock.new(rng.randint(8, 30)),
                       f"PO-{at:%Y}-{rng.randint(1, 999):03d}")


def _return_loop(ctx: DemoContext, stock: _Stock, places: dict[str, int], issued: datetime, ref: str) -> None:
    """The defective part comes back, goes to repair, then back to stock refurbished or to scrap."""
    rng = ctx.rng
    ending = ("repair_receipt", "central") if rng.random() < 0.8 else ("scrap", "scrap")
    steps = [("defective_return", None, "defective", 2, 20), ("repair_send", "defective", "repair", 3, 10),
             (ending[0], "repair", ending[1], 5, 30)]
    serials, at = stock.new(1, "R"), issued
    for kind, source, target, low, high in steps:
        at += timedelta(days=rng.uniform(low, high))
        if at >= ctx.now:
            return
        stock.move(kind, at, places[source] if source else None, places[target], serials, ref)


def _network(session: Session) -> tuple[dict[str, int], list[int]]:
    """The demo locations (created when missing): ids by kind for the single ones, and the field depots."""
    codes = [code for code, _, _ in LOCATIONS]
    existing = set(session.scalars(select(Location.code).where(Location.code.in_(codes))))
    missing = [{"code": c, "name": n, "kind": k, "version": 1} for c, n, k in LOCATIONS if c not in existing]
    if missing:
        session.execute(insert(Location.__table__), missing)
    rows = session.execute(select(Location.id, Location.kind).where(Location.code.in_(codes))).all()
    return {kind: location_id for location_id, kind in rows}, [i for i, k in rows if k in ("regional", "consignment")]


def seed(ctx: DemoContext) -> None:
    """Write ``ctx.scale["parts"]`` parts (default 60), the depot network and a year of moves."""
    count, rng = ctx.scale.get("parts", 60), ctx.rng
    with ctx.app.unit_of_work(ctx.actor, "spares.edit") as work:
        session = work.session
        places, field = _network(session)
        first = (session.scalar(select(func.count()).select_from(Part)) or 0) + 1
        families = [FAMILIES[n % len(FAMILIES)] for n in range(count)]
        rows = [{"part_number": f"SP-{first + n:06d}", "name": name, "version": 1,
                 "unit_cost": Decimal(rng.randint(*costs)) + Decimal(rng.randint(0, 99)) / 100,
                 "serialized": serialized, "return_required": returns}
                for n, (name, costs, serialized, returns) in enumerate(families)]
        if not rows:
            return
        session.execute(insert(Part.__table__), rows)
        ids = dict(session.execute(select(Part.part_number, Part.id).where(
            Part.part_number.between(rows[0]["part_number"], rows[-1]["part_number"]))).all())
        moves: list[dict] = []
        for row in rows:
            stock = _Stock(ids[row["part_number"]], row["part_number"], row["serialized"], {*field, places["central"]})
            _simulate(ctx, stock, places, field, row["return_required"])
            moves += stock.moves
            if len(moves) >= CHUNK:
                session.execute(insert(Move.__table__), moves)
                moves = []
        if moves:
            session.execute(insert(Move.__table__), moves)
        work.audit("demo.seed", "part", "*", {"parts": count})
