"""Time the summary workbook on the demo county; prints the figures.

    python bench/bench_summary.py [--db /work/bench/county.sqlite3] [--year 2025]

Targets (issue 5): a township's annual summary < 1 s; the county's (a row per township) < 5 s.
The database is the 300,000-household demo county (``gridapp demo --households 300000``); the
township is the one with the most households. Each figure is the best of three runs (the machine
is shared), computing the figures only; writing the workbook is timed separately.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_DB = "/work/bench/county.sqlite3"


def best(fn, runs: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--year", type=int, default=None, help="default: the last complete year")
    args = parser.parse_args()
    if not Path(args.db).is_file():
        sys.exit(f"{args.db} not found: build it with  gridapp --db {args.db} demo --households 300000")
    from gridapp import db
    from gridapp.models import Household, Visit
    from gridapp.reports.summary import compute_summary, write_summary
    from gridapp.services.actor import system_actor

    import peewee as pw

    db.open_database(args.db, create=False)
    actor = system_actor()
    year = args.year or dt.date.today().year - 1
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    township, households = (Household.select(Household.township_code, pw.fn.COUNT(Household.id))
                            .where(Household.deleted_at.is_null()).group_by(Household.township_code)
                            .order_by(pw.fn.COUNT(Household.id).desc()).tuples().first())
    county = township[:6]
    print(f"database: {args.db}  households: {Household.select().count():,}  visits: {Visit.select().count():,}")
    for label, unit, target in ((f"township {township} ({households:,} households)", township, 1.0),
                                (f"county {county}", county, 5.0)):
        seconds, s = best(lambda: compute_summary(actor, unit, start, end))
        print(f"{label}, {year}: {seconds:.2f} s (target < {target:.0f} s)  rows={len(s.rows)} "
              f"disputes={s.total.disputes} visits={s.total.visits_done:,} coverage={s.total.coverage or 0:.1%}")
        seconds, s = best(lambda: compute_summary(actor, unit, start, end, compare=True), runs=1)
        print(f"  with --compare: {seconds:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        write_summary(actor, township, start, end, Path(tmp) / "summary.xlsx")
        print(f"township workbook written in {time.perf_counter() - t:.2f} s")
    db.close_database()


if __name__ == "__main__":
    main()
