"""The pieces a simulated demo year is made of: the network's ids, the ids and numbers handed out, the
rows written, the weekly shipments, and office hours."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Callable
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")
ONE = Decimal(1)


def office_hours(moment: datetime) -> datetime:
    """``moment`` squeezed into 09:00–19:00 Beijing of its own day: people book things in working hours.

    The map is strictly increasing, so moves keep their order (and the ledger its balance)."""
    local = moment.astimezone(BEIJING)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + timedelta(hours=9) + (local - midnight) * 10 / 24


@dataclass
class Places:
    """Location ids of the demo network."""

    central: int
    field: list[int]  # regional depots, then consignment stock
    partner_of: dict[int, str]  # consignment depot → partner code
    transit: int
    defective: int
    repairs: list[int]
    scrap: int
    weights: list[float]  # demand share of each field depot


@dataclass
class PartInfo:
    """The part being simulated."""

    id: int
    number: str
    serialized: bool
    returns: bool
    cost: Decimal
    demand: float  # requests a year
    lot: int  # units per request (consumables may take several)


class Ids:
    """Ids and document numbers handed out while simulating (rows are inserted with explicit ids)."""

    def __init__(self, first: dict[str, int], numbers: dict[str, int]):
        self.next = dict(first)
        self.numbers = dict(numbers)

    def take(self, table: str) -> int:
        """The next id of ``table``."""
        value = self.next[table]
        self.next[table] = value + 1
        return value

    def number(self, prefix: str, at: datetime) -> str:
        """The next document number ``<prefix>-<year>-<nnnnnn>`` of the year of ``at``."""
        name = f"{prefix}-{at:%Y}"
        self.numbers[name] = self.numbers.get(name, 0) + 1
        return f"{name}-{self.numbers[name]:06d}"


@dataclass
class Rows:
    """Everything the simulation writes, as rows for Core inserts. Requests carry a temporary number and
    returns and discrepancies none: the demo numbers them in time order at the end."""

    moves: list[dict] = field(default_factory=list)
    requests: list[dict] = field(default_factory=list)
    reservations: list[dict] = field(default_factory=list)
    returns: list[dict] = field(default_factory=list)
    discrepancies: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)  # shipment lines
    count_lines: list[dict] = field(default_factory=list)
    safety: list[dict] = field(default_factory=list)


class Shipments:
    """The weekly shipments (Tuesdays 10:00 Beijing) from the central depot to each field depot, shared by
    every part: ``plan`` makes them, ``slot`` finds the one a refill goes with."""

    def __init__(self, ids: Ids, rng, now: datetime, days: Callable[[int], float]):
        self.ids, self.rng, self.now, self.days = ids, rng, now, days
        self.by_slot: dict[tuple[int, datetime], dict] = {}

    def plan(self, start: datetime, depots: list[int], central: int, transit: int) -> list[dict]:
        """One shipment per field depot and week from ``start`` to now; returns them in time order."""
        leaves = self.next_tuesday(start)
        while leaves < self.now:
            for depot in depots:
                arrives = office_hours(leaves + timedelta(days=self.days(depot) * self.rng.uniform(0.8, 1.4)))
                self.by_slot[depot, leaves] = {
                    "id": self.ids.take("shipment"), "number": self.ids.number("SH", leaves),
                    "from_location_id": central, "to_location_id": depot, "transit_location_id": transit,
                    "shipped_at": leaves, "arrives": arrives, "lines": 0, "short": False, "written_off": False}
            leaves += timedelta(days=7)
        return list(self.by_slot.values())

    @staticmethod
    def next_tuesday(after: datetime) -> datetime:
        """The first Tuesday 10:00 in Beijing strictly after ``after``."""
        local = after.astimezone(BEIJING)
        candidate = datetime.combine(local.date() + timedelta(days=(1 - local.weekday()) % 7), time(10), BEIJING)
        return candidate if candidate > after else candidate + timedelta(days=7)

    def slot(self, depot: int, after: datetime) -> dict | None:
        """The shipment to ``depot`` leaving next after ``after`` (None once that is in the future)."""
        return self.by_slot.get((depot, self.next_tuesday(after)))
