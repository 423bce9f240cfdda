"""Incidents at scale: the all-incidents list on 1,000,000 incidents, and the SLA sweep over 100,000 open ones.

    python bench/bench_incidents.py [--incidents 1000000] [--open 100000] [--dir /tmp/bench-incidents] [--fresh]

Builds two SQLite databases once (reused on later runs unless ``--fresh``): core's small demo data plus
``--incidents`` incidents spread over a year (the list), and ``--open`` open incidents of the last ten days
with their status history under the demo's SLA definitions (the sweep). Then prints, each next to the same
SQL run through the sqlite3 module on the same machine:

* the list (the real ``ListPage`` of "All incidents" under offscreen Qt): the first page, a sort and two
  filters, from the request to the first row on screen; the background count;
* the SLA work: rebuilding every open incident's clocks from history (what editing a definition costs),
  against reading the same history rows and writing the same clock rows; and the minute-by-minute sweep,
  which reads only the clocks whose next check has come (one indexed range) and replays those incidents;
* the knowledge search on ``--articles`` articles, on SQLite, PostgreSQL and MariaDB (the local servers).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import time
from datetime import timedelta
from itertools import accumulate
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness import BACKENDS, scratch_app  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402

from console.core import auth, demo  # noqa: E402
from console.core.bootstrap import open_app  # noqa: E402
from console.core.contributions import Context, DemoContext  # noqa: E402
from console.core.db import utcnow  # noqa: E402
from console.core.models import Customer, GroupMember  # noqa: E402
from plugins.incidents import catalog  # noqa: E402
from plugins.incidents.demo import configuration  # noqa: E402
from plugins.incidents.models import Clock, Incident, NumberSequence, StatusChange  # noqa: E402
from plugins.incidents.records import format_number  # noqa: E402
from plugins.incidents.sla import definitions, sweep  # noqa: E402

CHUNK = 20_000
STATUS_WEIGHTS = (("closed", 88), ("resolved", 4), ("in_progress", 4), ("pending", 2), ("assigned", 1.5),
                  ("new", 0.5))
PRIORITY_WEIGHTS = (("P1", 5), ("P2", 20), ("P3", 45), ("P4", 30))
REASONS = ("waiting_customer", "waiting_parts", "waiting_vendor", "customer_delay")
TITLES = ("服务器硬盘告警", "VPN 无法连接", "Printer toner replacement", "笔记本蓝屏", "ERP 登录失败",
          "Database connection timeouts", "核心交换机端口 down", "邮件客户端无法收信")


def seeded_app(path: Path):
    """The app on ``path``, with core's small demo data (and the incidents configuration) on a new file."""
    new = not path.exists()
    app, _ = open_app(f"sqlite:///{path}")
    if new:
        demo.seed(app, "small", incidents=0)
    return app


def reference(app):
    with app.session() as session:
        customers = list(session.scalars(select(Customer.id)))
        members = session.execute(select(GroupMember.group_id, GroupMember.user_id)).all()
        categories = [n.id for n in catalog.category_tree(session) if n.parent_id is not None]
    return customers, members, categories


def bulk_incidents(app, count: int, span: timedelta, statuses, rng: random.Random, history: bool) -> None:
    """``count`` incidents opened over ``span`` up to now (status drawn from ``statuses``), in chunks."""
    customers, members, categories = reference(app)
    names = [s for s, _w in statuses]
    weights = list(accumulate(w for _s, w in statuses))
    priorities = [p for p, _w in PRIORITY_WEIGHTS]
    priority_weights = list(accumulate(w for _p, w in PRIORITY_WEIGHTS))
    now = utcnow()
    opened = sorted(now - span * rng.random() for _ in range(count))
    with app.session() as session:
        next_id = (session.scalar(select(func.max(Incident.id))) or 0) + 1
        years = {}
        for moment in opened:
            years[moment.year] = years.get(moment.year, 0) + 1
        sequences = {}
        for year, n in years.items():
            row = session.get(NumberSequence, year)
            start = (row.last_value if row else 0) + 1
            if row is None:
                session.add(NumberSequence(year=year, last_value=start + n - 1))
            else:
                row.last_value += n
            sequences[year] = start
    for first in range(0, count, CHUNK):
        incidents, changes = [], []
        for n, at in enumerate(opened[first:first + CHUNK]):
            status = rng.choices(names, cum_weights=weights)[0]
            group, person = rng.choice(members)
            incident_id = next_id + first + n
            number = format_number(at.year, sequences[at.year])
            sequences[at.year] += 1
            done = status in ("resolved", "closed")
            reason = rng.choice(REASONS) if status == "pending" else None
            incidents.append({
                "id": incident_id, "number": number, "title": rng.choice(TITLES), "description": "", "resolution": "",
                "channel": "phone", "customer_id": rng.choice(customers), "category_id": rng.choice(categories),
                "priority": rng.choices(priorities, cum_weights=priority_weights)[0], "status": status,
                "pending_reason": reason, "assignee_id": None if status == "new" else person,
                "group_id": None if status == "new" else group, "billable": False, "entitlement_note": "",
                "opened_at": at, "updated_at": at, "sla_breached": False, "work_order_seq": 0, "version": 1,
                "resolved_at": at + timedelta(hours=6) if done else None,
                "closed_at": at + timedelta(days=3) if status == "closed" else None,
                "due_at": None if done else at + timedelta(hours=rng.choice((4, 8, 24, 72))),
                "clocks_at": None if history else at})
            if history:
                steps = [(at, "new" if status == "new" else "assigned", None)]
                if status in ("in_progress", "pending"):
                    steps.append((at + timedelta(minutes=5 + 60 * rng.random()), "in_progress", None))
                if status == "pending":
                    steps.append((at + timedelta(minutes=70 + 600 * rng.random()), "pending", reason))
                changes += [{"incident_id": incident_id, "at": min(t, now), "status": s, "reason": r, "actor": "bench"}
                            for t, s, r in steps]
        with app.session() as session:
            session.execute(insert(Incident.__table__), incidents)
            if changes:
                session.execute(insert(StatusChange.__table__), changes)
        print(f"\r  {first + len(incidents):,} / {count:,} incidents written", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)


def raw(path: Path, sql: str, params=()) -> tuple[float, int]:
    """Seconds to run ``sql`` through the sqlite3 module and fetch every row; and the row count."""
    connection = sqlite3.connect(path)
    began = time.perf_counter()
    rows = connection.execute(sql, params).fetchall()
    elapsed = time.perf_counter() - began
    connection.close()
    return elapsed, len(rows)


def compiled(engine, statement) -> str:
    return str(statement.compile(engine, compile_kwargs={"literal_binds": True}))


# -- the list --------------------------------------------------------------------------------------
def bench_list(path: Path, count: int, fresh: bool) -> None:
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    from plugins.incidents.ui import lists

    if fresh and path.exists():
        path.unlink()
    building = not path.exists()
    app = seeded_app(path)
    if building:
        began = time.perf_counter()
        bulk_incidents(app, count, timedelta(days=365), STATUS_WEIGHTS, random.Random(11), history=False)
        print(f"built {count:,} incidents in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    with app.session() as session:
        total = session.scalar(select(func.count()).select_from(Incident))
    qapp = QApplication.instance() or QApplication([])
    context = Context(app, auth.actor_for(app, "admin"))
    filters = lists._status_filters(lists._categories(context))  # noqa: SLF001 - the page's own filters
    holder = {}

    def build() -> None:
        holder["page"] = lists.incident_list(context, "incidents.list", [], filters, large=True)
        holder["page"].resize(1200, 800)
        holder["page"].show()

    def first_row(action) -> float:
        began = time.perf_counter()
        action()
        model = holder["page"].model
        while model.key_for(0) is None:
            QCoreApplication.processEvents()
            time.sleep(0.0005)
            if model.error():
                raise RuntimeError(model.error())
        return time.perf_counter() - began

    def count_time() -> float:
        began = time.perf_counter()
        while holder["page"].model.total() is None:
            QCoreApplication.processEvents()
            time.sleep(0.001)
        return time.perf_counter() - began

    print(f"\nAll incidents on {total:,} incidents (SQLite, {path})")
    print(f"{'':36}{'page':>8}{'raw SQL':>10}{'ratio':>8}")
    cold = first_row(build)  # from building the page to its first row: the first page this process shows
    count_time()
    holder["page"].close()
    first = first_row(build)  # the same again: what opening the page costs once Qt is warm
    page = holder["page"]
    model = page.model
    raw_first, _ = raw(path, compiled(app.engine, model._page_statement(0)[0]))  # noqa: SLF001
    print(f"{'first page, cold (open, newest)':34}{cold * 1000:>8.0f}ms{raw_first * 1000:>8.0f}ms"
          f"{cold / raw_first:>7.1f}×")
    print(f"{'first page (open, newest first)':34}{first * 1000:>8.0f}ms{raw_first * 1000:>8.0f}ms"
          f"{first / raw_first:>7.1f}×")
    print(f"{'count (background)':34}{count_time() * 1000:>8.0f}ms")
    boxes = page.filter_boxes  # status (0 open, 1 all, 6 pending), priority (1 = P1), category (1 = the first)
    cases = [("sort by priority", None, lambda: model.sort(2, Qt.SortOrder.DescendingOrder)),
             ("sort by number", None, lambda: model.sort(0, Qt.SortOrder.AscendingOrder)),
             ("filter: all statuses, newest first", lambda: model.sort(8, Qt.SortOrder.DescendingOrder),
              lambda: boxes[0].setCurrentIndex(1)),
             ("filter: status pending", None, lambda: boxes[0].setCurrentIndex(6)),
             ("filter: priority P1", lambda: boxes[0].setCurrentIndex(1), lambda: boxes[1].setCurrentIndex(1)),
             ("filter: one category", lambda: boxes[1].setCurrentIndex(0), lambda: boxes[2].setCurrentIndex(1)),
             ("filter: open, P1, sorted by number", lambda: (boxes[2].setCurrentIndex(0), boxes[0].setCurrentIndex(0),
                                                             model.sort(0, Qt.SortOrder.AscendingOrder)),
              lambda: boxes[1].setCurrentIndex(1))]
    for title, setup, action in cases:
        if setup is not None:  # get to the starting point first, and let its reads finish
            first_row(setup)
        count_time()  # the previous count has finished, as it has when a person clicks again
        elapsed = first_row(action)
        raw_elapsed, _ = raw(path, compiled(app.engine, model._page_statement(0)[0]))  # noqa: SLF001
        print(f"{title:34}{elapsed * 1000:>8.0f}ms{raw_elapsed * 1000:>8.0f}ms{elapsed / raw_elapsed:>7.1f}×")
    page.close()
    qapp.processEvents()
    app.engine.dispose()


# -- the SLA sweep ---------------------------------------------------------------------------------
def bench_sweep(path: Path, count: int, fresh: bool) -> None:
    if fresh and path.exists():
        path.unlink()
    building = not path.exists()
    app = seeded_app(path)
    if building:
        actor = auth.actor_for(app, "admin")
        configuration.sla_definitions(DemoContext(app, actor, "small", {}, random.Random(3), utcnow()))
        bulk_incidents(app, count, timedelta(days=10), (("in_progress", 55), ("pending", 20), ("assigned", 20),
                                                         ("new", 5)), random.Random(12), history=True)
    print(f"\nSLA clocks of {definitions.pending_count(app) or count:,} open incidents (SQLite, {path})")
    if definitions.pending_count(app):  # the first build records every escalation already due
        began = time.perf_counter()
        built = definitions.recompute_pending(app)
        print(f"first build: {built:,} incidents in {time.perf_counter() - began:.1f} s (firing what was due)")
    with app.session() as session:  # what editing a definition does: every open incident marked for a rebuild
        session.execute(Incident.__table__.update().values(clocks_at=None))
    began = time.perf_counter()
    rebuilt = definitions.recompute_pending(app)
    full = time.perf_counter() - began
    with app.session() as session:
        clocks = session.scalar(select(func.count()).select_from(Clock))
    connection = sqlite3.connect(path)
    rows = connection.execute("SELECT id, state, target_minutes, started_at, due_at, breached_at, stopped_at, "
                              "elapsed_minutes, next_check_at, computed_at FROM incidents_clock").fetchall()
    began = time.perf_counter()
    connection.execute("SELECT i.id, i.priority, i.service_level, i.distance_km, s.at, s.status, s.reason "
                       "FROM incidents_incident i JOIN incidents_status_change s ON s.incident_id = i.id "
                       "WHERE i.status IN ('new','assigned','in_progress','pending','reopened') "
                       "ORDER BY i.id, s.at").fetchall()
    connection.executemany("UPDATE incidents_clock SET state=?, target_minutes=?, started_at=?, due_at=?, "
                           "breached_at=?, stopped_at=?, elapsed_minutes=?, next_check_at=?, computed_at=? "
                           "WHERE id=?", [r[1:] + r[:1] for r in rows])
    connection.commit()
    raw_full = time.perf_counter() - began
    print(f"{'':46}{'console':>10}{'raw SQL':>10}{'ratio':>8}")
    print(f"{f'rebuild all ({rebuilt:,} incidents, {clocks:,} clocks)':46}{full:>9.1f}s{raw_full:>9.1f}s"
          f"{full / raw_full:>7.1f}×   ({full / max(rebuilt, 1) * 1e6:.0f} µs per incident)")
    for minutes in (1, 10, 60):
        at = utcnow() + timedelta(minutes=minutes)
        stamp = at.replace(tzinfo=None).isoformat(sep=" ")
        began = time.perf_counter()  # raw SQL first, on the same state: find what is due, read its history,
        ids = list(dict.fromkeys(r[0] for r in connection.execute(  # write its clock rows back
            "SELECT incident_id FROM incidents_clock WHERE next_check_at <= ? ORDER BY next_check_at "
            "LIMIT 80000", (stamp,)).fetchall()))[:sweep.DUE_PER_RUN]
        if ids:
            marks = ",".join("?" * len(ids))
            connection.execute(f"SELECT incident_id, at, status, reason FROM incidents_status_change "
                               f"WHERE incident_id IN ({marks}) ORDER BY incident_id, at", ids).fetchall()
            chosen = connection.execute(f"SELECT id, state FROM incidents_clock WHERE incident_id IN ({marks})",
                                        ids).fetchall()
            connection.executemany("UPDATE incidents_clock SET state=? WHERE id=?", [(st, i) for i, st in chosen])
        connection.commit()
        raw_took = time.perf_counter() - began
        began = time.perf_counter()
        outcome = sweep.check(app, at)
        took = time.perf_counter() - began
        print(f"{f'sweep {minutes} min later ({len(ids):,} due, {outcome.fired:,} fired)':46}{took * 1000:>8.0f}ms"
              f"{raw_took * 1000:>8.0f}ms{took / raw_took:>7.1f}×")
    for _round in range(20):  # a run handles at most sweep.DUE_PER_RUN incidents: catch up first
        if not sweep.check(app, at).incidents:
            break
    began = time.perf_counter()  # the same instant again: everything due was handled, only the range is read
    outcome = sweep.check(app, at)
    idle = time.perf_counter() - began
    began = time.perf_counter()
    connection.execute("SELECT incident_id FROM incidents_clock WHERE next_check_at <= ? ORDER BY next_check_at "
                       "LIMIT 80000", (at.replace(tzinfo=None).isoformat(sep=" "),)).fetchall()
    raw_idle = time.perf_counter() - began
    print(f"{f'sweep again at once ({outcome.incidents:,} due)':46}{idle * 1000:>8.1f}ms{raw_idle * 1000:>8.1f}ms"
          f"{idle / raw_idle:>7.1f}×")
    connection.close()
    app.engine.dispose()


# -- knowledge search ------------------------------------------------------------------------------
def bench_knowledge(backend: str, count: int) -> None:
    """Full-text search and suggestions over ``count`` articles on one backend (a database of its own)."""
    from plugins.incidents import knowledge
    from plugins.incidents.demo.texts import ARTICLES, MODELS_BY_CATEGORY
    from plugins.incidents.models import Article

    with scratch_app(backend) as app:
        rng, now = random.Random(5), utcnow()
        rows = []
        for n in range(count):
            _category, title, symptom, solution, words = ARTICLES[n % len(ARTICLES)]
            model = rng.choice(sum(MODELS_BY_CATEGORY.values(), []))
            title, symptom = f"{title.format(model=model)} {n}", symptom.format(model=model)
            solution = solution.format(model=model)
            rows.append({"title": title, "symptom": symptom, "solution": solution, "keywords": words,
                         "status": "published", "author": "bench", "review_comment": "", "created_at": now,
                         "updated_at": now, "views": 0, "version": 1,
                         "search_text": knowledge.search_text(title, words, symptom, solution)})
        with app.session() as session:
            for first in range(0, count, 5000):
                session.execute(insert(Article.__table__), rows[first:first + 5000])
        queries = [("硬盘", "search"), ("更换硬盘", "search"), ("控制器 固件", "search"), ("raid", "search"),
                   ("服务器硬盘告警", "suggest"), ("Outlook 无法收发邮件", "suggest")]
        print(f"\nKnowledge search on {count:,} articles ({backend})")
        for text, kind in queries:
            with app.session() as session:
                function = knowledge.search_ids if kind == "search" else knowledge.suggest_ids
                function(session, text)  # warm the plan cache
                began = time.perf_counter()
                found = function(session, text) if kind == "search" else function(session, text, 5)
                took = time.perf_counter() - began
            print(f"  {kind:8} {text:22} {took * 1000:>7.1f} ms  ({len(found)} found)")


def main() -> None:
    """Build the databases if needed and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--open", type=int, default=100_000)
    parser.add_argument("--dir", default="/tmp/bench-incidents")
    parser.add_argument("--fresh", action="store_true", help="rebuild the databases")
    parser.add_argument("--only", choices=("list", "sweep", "knowledge"))
    parser.add_argument("--articles", type=int, default=20_000, help="articles for the knowledge search")
    args = parser.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    if args.only in (None, "list"):
        bench_list(folder / f"list-{args.incidents}.db", args.incidents, args.fresh)
    if args.only in (None, "sweep"):
        bench_sweep(folder / f"sweep-{args.open}.db", args.open, args.fresh)
    if args.only in (None, "knowledge"):
        for backend in BACKENDS:
            bench_knowledge(backend, args.articles)


if __name__ == "__main__":
    main()
