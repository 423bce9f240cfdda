"""``demo seed`` against a raw ``executemany`` of the same rows, on SQLite.

Seeds a fresh embedded database with ``service-console demo seed --size SIZE`` (large:
1,000,000 incidents), timed as a user runs it (a new process, schema creation included).
Then copies the empty schema to a second file and inserts exactly the rows the seed wrote,
table by table, with ``sqlite3``'s ``executemany`` in one transaction and the console's
pragmas: the least any seeder could spend writing them. Prints rows per second of both and
the ratio raw ÷ seed (goal ≥ 0.5: the seed at most twice the raw cost).

    python bench/bench_seed.py [--size large] [--incidents N] [--dir /tmp]
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import time
from pathlib import Path


def seed(path: Path, size: str, incidents: int | None) -> float:
    """Seconds for ``demo seed`` into a new file at ``path``."""
    command = [sys.executable, "-m", "console", "--db", f"sqlite:///{path}", "demo", "seed", "--size", size]
    if incidents is not None:
        command += ["--incidents", str(incidents)]
    began = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - began
    if result.returncode != 0:
        raise SystemExit(f"demo seed failed: {result.stderr.strip()}")
    return elapsed


def raw_copy(source: Path, target: Path) -> tuple[float, int]:
    """Seconds and rows for inserting every row of ``source`` into an empty copy of its schema."""
    src = sqlite3.connect(source)
    # A full-text index (a virtual table) creates its own shadow tables and is filled by the
    # triggers on its content table, so neither its DDL nor its rows are copied by hand.
    virtual = [name for (name,) in src.execute(
        "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")]

    def own(name: str) -> bool:
        return not any(name.startswith(f"{v}_") for v in virtual)

    tables = [name for (name,) in src.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
        if own(name) and name not in virtual]
    ddl = [sql for (name, type_, sql) in src.execute(
        "SELECT name, type, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
        "ORDER BY type = 'index', rowid") if type_ != "table" or own(name)]
    data = {name: src.execute(f'SELECT * FROM "{name}"').fetchall() for name in tables}
    src.close()
    dst = sqlite3.connect(target, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=OFF"):
        dst.execute(f"PRAGMA {pragma}")
    for statement in ddl:
        dst.execute(statement)
    rows = 0
    began = time.perf_counter()
    dst.execute("BEGIN IMMEDIATE")
    for name, values in data.items():
        if values:
            marks = ", ".join("?" * len(values[0]))
            dst.executemany(f'INSERT INTO "{name}" VALUES ({marks})', values)
            rows += len(values)
    dst.execute("COMMIT")
    elapsed = time.perf_counter() - began
    dst.close()
    return elapsed, rows


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=("tiny", "small", "medium", "large"))
    parser.add_argument("--incidents", type=int, default=None)
    parser.add_argument("--dir", type=Path, default=Path("/tmp"))
    args = parser.parse_args()
    seeded, copied = args.dir / "bench-seed.db", args.dir / "bench-seed-raw.db"
    for path in (seeded, copied):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    seed_seconds = seed(seeded, args.size, args.incidents)
    with sqlite3.connect(seeded) as connection:
        incidents = connection.execute("SELECT count(*) FROM incidents_incident").fetchone()[0]
    raw_seconds, rows = raw_copy(seeded, copied)
    print(f"demo seed --size {args.size}          {seed_seconds:8.1f} s  {rows / seed_seconds:>10,.0f} rows/s "
          f"({rows:,} rows, {incidents:,} incidents)")
    print(f"raw executemany, same rows     {raw_seconds:8.1f} s  {rows / raw_seconds:>10,.0f} rows/s")
    print(f"ratio raw / seed               {raw_seconds / seed_seconds:8.2f}    goal ≥ 0.5")


if __name__ == "__main__":
    main()
