"""Time the 工作台 (``dashboard.load``) on the demo county; prints the figures.

    python bench/bench_dashboard.py [DB] [--runs 7] [--prepare]

Target (issue 7): the whole load < 500 ms on the 300,000-household demo county, for the people who
open it every morning: a grid worker, a village and a township centre (the largest of each, and
the township of median size). The county centre's figure is printed too: it counts every
household of the county (the page computes it in the background, so the window never waits).

DB defaults to /work/bench/county.indexed.sqlite3. The dashboard relies on the indexes of the
current models (the covering report indexes and the visit (target, visited_at, deleted_at)
indexes); ``--prepare`` measures a copy beside it (``county.dashboard.sqlite3``, made with
SQLite's backup API and kept for the next run) that has every index of the current models.
Nothing is written to the measured database.

Each figure: the median of the runs after a warm-up, wall clock and CPU time of this process
(the better guide on a shared machine), and the time of each part of the load.
"""
from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_DB = Path("/work/bench/county.indexed.sqlite3")
TARGET_MS = 500


def missing_indexes(path: Path) -> list:
    from gridapp import models as m

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    have = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    con.close()
    return [index for model in m.ALL_MODELS for index in model._meta.fields_to_index() if index._name not in have]


def prepare(path: Path) -> Path:
    """A copy of ``path`` with every index of the current models (kept for the next run)."""
    import peewee as pw

    target = path.with_name(path.name.split(".")[0] + ".dashboard.sqlite3")
    if not target.exists():
        print(f"copying {path} to {target} …")
        src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        dst = sqlite3.connect(str(target) + ".part")
        src.backup(dst, pages=65536)
        dst.close()
        src.close()
        Path(str(target) + ".part").rename(target)
    db = pw.SqliteDatabase(str(target))
    missing = missing_indexes(target)
    for index in missing:
        sql, params = db.get_sql_context().sql(index.safe(True)).query()
        print(f"  {sql[:110]}")
        db.execute_sql(sql, params)
    if missing:
        db.execute_sql("ANALYZE")
    db.close()
    return target


def measure(fn, runs: int) -> tuple[float, float]:
    fn()  # warm
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def actors() -> list[tuple[str, object]]:
    """The largest grid, village and township of the database, and the county, as actors."""
    import peewee as pw

    from gridapp.models import Division, Grid, Household
    from gridapp.services.actor import GRID_WORKER, TOWNSHIP, VILLAGE_ADMIN, Actor

    def by_size(column) -> list[tuple]:
        return list(Household.select(column, pw.fn.COUNT(Household.id)).where(Household.deleted_at.is_null())
                    .group_by(column).order_by(pw.fn.COUNT(Household.id).desc()).tuples())

    grid_id, grid_households = by_size(Household.grid)[0]
    grid = Grid.get_by_id(grid_id)
    village, village_households = by_size(Household.village_code)[0]
    townships = by_size(Household.township_code)
    township, township_households = townships[0]
    typical, typical_households = townships[len(townships) // 2]
    county = township[:6]
    names = dict(Division.select(Division.code, Division.name).where(
        Division.code.in_([village, township, typical, county])).tuples())
    return [
        (f"grid worker, {grid.name} ({grid_households:,} households)",
         Actor(None, "bench", "bench", GRID_WORKER, grid.village_code, (grid_id,))),
        (f"village, {names[village]} ({village_households:,})", Actor(None, "bench", "bench", VILLAGE_ADMIN, village)),
        (f"township, {names[typical]} ({typical_households:,}, median)",
         Actor(None, "bench", "bench", TOWNSHIP, typical)),
        (f"township, {names[township]} ({township_households:,})", Actor(None, "bench", "bench", TOWNSHIP, township)),
        (f"county, {names[county]} (everything)", Actor(None, "bench", "bench", TOWNSHIP, county)),
    ]


def parts(actor, runs: int) -> str:
    """The median wall time of each query of the load, in ms."""
    import datetime as dt

    from gridapp.services import dashboard as d
    from gridapp.services import reporting, worklist

    today = dt.date.today()
    cutoff = reporting.cutoff_day()
    year, half = (reporting.current_period(kind, today, cutoff) for kind in ("year", "half"))
    steps = (("coverage", lambda: d._coverage(actor, d.unit_level(actor), half)),
             ("people", lambda: d._population(actor)), ("groups", lambda: d._groups(actor, today)),
             ("worklist", lambda: worklist.month_progress(actor, today=today)),
             ("events", lambda: (d._event_states(actor, today), d._year_events(actor, year),
                                 d._months(actor, today, cutoff))))
    return ", ".join(f"{name} {measure(fn, max(1, runs // 2))[0]:.0f}" for name, fn in steps)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", nargs="?", type=Path, default=DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--prepare", action="store_true", help="measure a copy with the current indexes")
    args = parser.parse_args()
    path: Path = args.db
    if not path.is_file():
        sys.exit(f"{path} not found: build it with  gridapp --db {path} demo --households 300000")
    if missing_indexes(path):
        if not args.prepare:
            names = ", ".join(sorted({i._name for i in missing_indexes(path)}))
            sys.exit(f"{path} lacks indexes of the current models ({names}); run with --prepare")
        path = prepare(path)

    from gridapp import db
    from gridapp.models import Event, Household, Visit
    from gridapp.services import dashboard

    db.open_database(path, create=False)
    print(f"database: {path}  households: {Household.select().count():,}  visits: {Visit.select().count():,}  "
          f"events: {Event.select().count():,}")
    print(f"dashboard.load, median of {args.runs} warm runs (target < {TARGET_MS} ms):")
    for label, actor in actors():
        wall, cpu = measure(lambda actor=actor: dashboard.load(actor), args.runs)
        verdict = "" if label.startswith("county") else f"  {'ok' if wall < TARGET_MS else 'MISSED'}"
        print(f"  {label:<44} {wall:7.1f} ms wall  {cpu:7.1f} ms CPU{verdict}")
        print(f"      parts (ms wall): {parts(actor, args.runs)}")
    db.close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main())
