"""The township annual summary on PostgreSQL (a networked township) against the SQLite figure;
prints both.

    python bench/bench_pg.py [--pg URL] [--sqlite FILE] [--households 300000] [--year 2025]

The PostgreSQL county is built with the demo generator into the database of ``--pg`` when it
holds no households yet (``gridapp --db URL demo --households N``; the build time is printed),
then analysed. The SQLite county is the same generator's output with the current indexes
(``--sqlite``, default /work/bench/county.prepared.sqlite3: ``bench/prepare_county.py``). For each
database: the annual summary of the township with the most households and of the whole county,
best of three, wall clock and this process's CPU. On PostgreSQL most of the work runs in the
server process, so the client's CPU understates it: compare the wall-clock figures (the machine
may be shared).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_PG = "postgresql://gridapp:gridapp@127.0.0.1/gridapp_bench"
DEFAULT_SQLITE = "/work/bench/county.prepared.sqlite3"


def best(fn, runs: int = 3):
    wall, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return min(wall), min(cpu)


def build_if_empty(households: int) -> None:
    from gridapp import demo
    from gridapp.models import Household, database

    if Household.select().exists():
        return
    print(f"building the {households:,}-household demo county on PostgreSQL …", flush=True)
    t = time.perf_counter()
    s = demo.build(households=households)
    print(f"  built in {time.perf_counter() - t:.0f} s: {s.households:,} households, {s.persons:,} people, "
          f"{s.visits:,} visits, {s.events:,} events", flush=True)
    t = time.perf_counter()
    database.execute_sql("VACUUM ANALYZE")
    print(f"  VACUUM ANALYZE {time.perf_counter() - t:.0f} s", flush=True)


def measure(target: str, year: int) -> dict:
    """{unit label: (wall, cpu)} for the biggest township and the county on one database."""
    import peewee as pw

    from gridapp import db
    from gridapp.models import Household, Visit
    from gridapp.reports.summary import compute_summary
    from gridapp.services.actor import system_actor

    db.open_database(target, create=False)
    try:
        actor = system_actor()
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        township, households = (Household.select(Household.township_code, pw.fn.COUNT(Household.id))
                                .where(Household.deleted_at.is_null()).group_by(Household.township_code)
                                .order_by(pw.fn.COUNT(Household.id).desc(), Household.township_code)
                                .tuples().first())
        print(f"{db.database.obj.path}: {Household.select().count():,} households, "
              f"{Visit.select().count():,} visits", flush=True)
        figures = {}
        for label, unit in ((f"township {township}", township), (f"county {township[:6]}", township[:6])):
            compute_summary(actor, unit, start, end)  # warm the caches once
            wall, cpu = best(lambda unit=unit: compute_summary(actor, unit, start, end))
            figures[label] = (wall, cpu)
            size = f" ({households:,} households)" if unit == township else ""
            print(f"  {label}{size}: {wall:.2f} s wall, {cpu:.2f} s CPU", flush=True)
        return figures
    finally:
        db.close_database()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default=DEFAULT_PG)
    parser.add_argument("--sqlite", default=DEFAULT_SQLITE)
    parser.add_argument("--households", type=int, default=300_000, help="size of the PostgreSQL county to build")
    parser.add_argument("--year", type=int, default=None, help="default: the last complete year")
    args = parser.parse_args()
    year = args.year or dt.date.today().year - 1
    if not Path(args.sqlite).is_file():
        sys.exit(f"{args.sqlite} not found: build a county with  gridapp --db FILE demo --households 300000, "
                 "then  python bench/prepare_county.py FILE")

    from gridapp import db

    db.open_database(args.pg)
    try:
        build_if_empty(args.households)
    finally:
        db.close_database()
    pg = measure(args.pg, year)
    lite = measure(args.sqlite, year)
    print(f"\nannual summary {year}, best of 3 (wall clock):")
    print(f"  {'unit':<20} {'SQLite':>8} {'PostgreSQL':>11}")
    for (label, (pg_wall, _)), (lite_label, (lite_wall, _)) in zip(pg.items(), lite.items()):
        name = label if label == lite_label else f"{label} / {lite_label}"
        print(f"  {name:<20} {lite_wall:>7.2f}s {pg_wall:>10.2f}s")


if __name__ == "__main__":
    main()
