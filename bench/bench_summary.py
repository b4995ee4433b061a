"""Time the summary workbook on the demo county; prints the figures.

    python bench/bench_summary.py [--db /work/bench/county.sqlite3] [--year 2025] [--prepare]

A county built before the current indexes should be measured on a copy that has them:
``python bench/prepare_county.py`` makes /work/bench/county.prepared.sqlite3; pass that path.

Targets (issue 5): a township's annual summary < 1 s; the county's (a row per township) < 5 s.
The database is the 300,000-household demo county (``gridapp demo --households 300000``); the
township is the one with the most households. Each figure is the best of three runs, wall clock
and CPU (the machine may be shared: CPU time is what an idle machine would take).

The summary relies on the covering report indexes of ``gridapp.models``. A database built before
they existed lacks them: ``--prepare`` makes a copy beside it (``<name>.report.sqlite3``, with
SQLite's backup API) that has every index of the current models, and measures that copy.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_DB = "/work/bench/county.sqlite3"


def best(fn, runs: int = 3):
    wall, cpu, result = [], [], None
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return min(wall), min(cpu), result


def missing_indexes(path: Path) -> list:
    from gridapp import models as m

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    have = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    con.close()
    return [(model, index) for model in m.ALL_MODELS for index in model._meta.fields_to_index()
            if index._name not in have]


def prepare(path: Path) -> Path:
    """A copy of ``path`` with every index of the current models (kept for the next run)."""
    import peewee as pw

    target = path.with_name(path.stem + ".report.sqlite3")
    if not target.exists():
        print(f"copying {path} to {target} …")
        src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        dst = sqlite3.connect(str(target) + ".part")
        src.backup(dst, pages=65536)
        dst.close()
        src.close()
        Path(str(target) + ".part").rename(target)
    db = pw.SqliteDatabase(str(target))
    for _model, index in missing_indexes(target):
        sql, params = db.get_sql_context().sql(index.safe(True)).query()
        print(f"  {sql[:110]}")
        db.execute_sql(sql, params)
    db.execute_sql("ANALYZE")
    db.close()
    return target


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--year", type=int, default=None, help="default: the last complete year")
    parser.add_argument("--prepare", action="store_true", help="measure a copy with the current indexes")
    args = parser.parse_args()
    path = Path(args.db)
    if not path.is_file():
        sys.exit(f"{path} not found: build it with  gridapp --db {path} demo --households 300000")
    if missing_indexes(path):
        if not args.prepare:
            names = ", ".join(sorted({i._name for _, i in missing_indexes(path)}))
            sys.exit(f"{path} lacks indexes of the current models ({names}); run with --prepare")
        path = prepare(path)

    import peewee as pw

    from gridapp import db
    from gridapp.models import Household, Visit
    from gridapp.reports.summary import compute_summary, save_summary
    from gridapp.services.actor import system_actor

    db.open_database(path, create=False)
    actor = system_actor()
    year = args.year or dt.date.today().year - 1
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    township, households = (Household.select(Household.township_code, pw.fn.COUNT(Household.id))
                            .where(Household.deleted_at.is_null()).group_by(Household.township_code)
                            .order_by(pw.fn.COUNT(Household.id).desc()).tuples().first())
    county = township[:6]
    print(f"database: {path}  households: {Household.select().count():,}  visits: {Visit.select().count():,}")
    runs = ((f"township {township} ({households:,} households)", township, 1.0), (f"county {county}", county, 5.0))
    for label, unit, target in runs:
        wall, cpu, s = best(lambda: compute_summary(actor, unit, start, end))
        print(f"{label}, {year}: {wall:.2f} s wall, {cpu:.2f} s CPU (target < {target:.0f} s)  rows={len(s.rows)} "
              f"disputes={s.total.disputes} visits={s.total.visits_done:,} coverage={s.total.coverage or 0:.1%}")
        wall, cpu, _ = best(lambda: compute_summary(actor, unit, start, end, compare=True), runs=1)
        print(f"  with --compare: {wall:.2f} s wall, {cpu:.2f} s CPU")
    with tempfile.TemporaryDirectory() as tmp:  # save_summary: no audit row in the shared database
        t = time.perf_counter()
        save_summary(compute_summary(actor, township, start, end, compare=True), Path(tmp) / "summary.xlsx")
        print(f"township workbook (with --compare) computed and written in {time.perf_counter() - t:.2f} s")
    db.close_database()


if __name__ == "__main__":
    main()
