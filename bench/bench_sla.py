"""SLA clock replay speed: 100,000 incident histories on a business calendar with the CN preset.

Prints the time per clock and the ratio against reading the same histories' rows
from SQLite with raw SQL (the cost a sweep pays anyway).

    python bench/bench_sla.py [--clocks 100000]
"""

import argparse
import random
import sqlite3
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from console.core.calendars import BusinessCalendar
from console.core.sla import ClockDefinition, ClockStatus, Transition, compute_clock

SHANGHAI = ZoneInfo("Asia/Shanghai")
STEPS = ["new", "assigned", "in_progress", "pending", "in_progress", "resolved", "reopened", "resolved"]


def histories(count: int) -> list[list[Transition]]:
    """Random but plausible status histories over two years."""
    rng = random.Random(7)
    start = datetime(2025, 1, 1, tzinfo=SHANGHAI)
    result = []
    for _ in range(count):
        at, history = start + timedelta(minutes=rng.randrange(700 * 24 * 60)), []
        for status in STEPS[: rng.randint(5, 8)]:
            history.append(Transition(at, status, "customer" if status == "pending" else None))
            at += timedelta(minutes=rng.randrange(1, 3000))
        result.append(history)
    return result


def raw_read_seconds(all_histories) -> float:
    """Time to read the same rows back with raw SQL from an in-memory SQLite table."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE h (incident INTEGER, at TEXT, status TEXT, reason TEXT)")
    conn.executemany("INSERT INTO h VALUES (?, ?, ?, ?)",
                     ((i, t.at.isoformat(), t.status, t.reason) for i, h in enumerate(all_histories) for t in h))
    began = time.perf_counter()
    rows = conn.execute("SELECT incident, at, status, reason FROM h ORDER BY incident, at").fetchall()
    for _, at, _, _ in rows:
        datetime.fromisoformat(at)
    return time.perf_counter() - began


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clocks", type=int, default=100_000)
    args = parser.parse_args()
    calendar = BusinessCalendar.from_dict({
        "name": "office", "timezone": "Asia/Shanghai", "preset": "CN", "years": [2025, 2026, 2027],
        "week": {d: [["09:00", "12:00"], ["13:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
    })
    defn = ClockDefinition(start_statuses=frozenset({"*"}), stop_statuses=frozenset({"resolved"}),
                           pause_reasons=frozenset({"customer"}), target=timedelta(hours=8), calendar=calendar)
    data = histories(args.clocks)
    now = datetime(2027, 1, 1, tzinfo=SHANGHAI)
    began = time.perf_counter()
    states = [compute_clock(defn, h, now) for h in data]
    replay = time.perf_counter() - began
    raw = raw_read_seconds(data)
    breached = sum(s.state is ClockStatus.BREACHED for s in states)
    print(f"clocks replayed        {args.clocks:>10,}  ({breached:,} breached)")
    print(f"replay                 {replay:>10.2f} s   {replay / args.clocks * 1e6:.1f} µs per clock")
    print(f"raw SQL read of rows   {raw:>10.2f} s")
    print(f"replay / raw read      {replay / raw:>10.1f} ×")


if __name__ == "__main__":
    main()
