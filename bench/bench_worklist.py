"""Worklist (待访) and visit recording latency on a county database; prints the figures.

    python bench/bench_worklist.py [DB] [--runs 15] [--township CODE]

DB defaults to /work/bench/county.sqlite3 (``gridapp demo --households 300000``). Nothing is
changed in it: every recorded visit is rolled back.

A county built before the current indexes should be measured on a copy that has them:
``python bench/prepare_county.py`` makes /work/bench/county.prepared.sqlite3; pass that path.

Measured warm, through the services exactly as the UI calls them (wall clock, and the CPU time of
this process, which is the better guide on a shared machine):

* a township's worklist: ``worklist.view(actor, "overdue")`` = the first page of 200 items, the
  view's total and the counts per village, in one query. Target: < 200 ms. The other views and
  the page/counts calls on their own are shown too.
* a grid worker's worklist (their grid), the same call.
* recording a visit: ``visits.record`` of an overdue household plus the refresh of the grid
  worker's worklist. Target: < 100 ms. (Inside a transaction that is rolled back, so the commit
  itself, a WAL append, is not included.)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import Rollback, line, measure  # noqa: E402

DEFAULT_DB = Path("/work/bench/county.sqlite3")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", nargs="?", default=str(DEFAULT_DB))
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--township", help="township code (default: the one with most households)")
    args = parser.parse_args()
    path = Path(args.db)
    if not path.is_file():
        print(f"no database at {path}: build it with `python -m gridapp.cli --db {path} demo --households 300000`")
        return 1

    from peewee import fn

    from gridapp import db as gdb
    from gridapp.models import Grid, Household, Person, PersonTag, Place, User, Visit, database
    from gridapp.services import visits, worklist
    from gridapp.services.actor import Actor, actor_for

    gdb.open_database(path)
    township = args.township or database.execute_sql(
        "SELECT township_code FROM household WHERE deleted_at IS NULL GROUP BY township_code "
        "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    households = Household.select().where((Household.township_code == township)
                                          & Household.deleted_at.is_null()).count()
    tagged = (PersonTag.select(PersonTag.person).distinct().join(Person)
              .where((Person.township_code == township) & PersonTag.deleted_at.is_null()).count())
    places = Place.select().where((Place.township_code == township) & Place.deleted_at.is_null()).count()
    visits_total = Visit.select().where(Visit.township_code == township).count()
    print(f"database {path}")
    print(f"township {township}: {households} households, {tagged} tagged people, {places} places, "
          f"{visits_total} visits")

    clerk = Actor(user_id=None, login="bench", display_name="bench", role="township", scope_code=township)
    print("township centre")
    walls, cpus, found = measure(lambda: worklist.view(clerk, "overdue"), args.runs)
    line("view overdue (page 200 + total + counts)", walls, cpus, target=200)
    print(f"    overdue {found.total}, villages {len(found.counts)}, "
          f"scheduled {sum(c.scheduled for c in found.counts)}")
    for name in ("today", "week", "all"):
        walls, cpus, found = measure(lambda name=name: worklist.view(clerk, name), args.runs)
        line(f"view {name} ({found.total})", walls, cpus, target=200)
    walls, cpus, _ = measure(lambda: worklist.page(clerk, "overdue"), args.runs)
    line("page overdue alone", walls, cpus)
    walls, cpus, _ = measure(lambda: worklist.counts(clerk), args.runs)
    line("counts per village alone", walls, cpus)
    walls, cpus, _ = measure(lambda: worklist.view(clerk, "overdue", kind="person"), args.runs)
    line("view overdue, people only", walls, cpus)

    grid = (Grid.select().join(Household, on=(Household.grid == Grid.id))
            .where((Grid.township_code == township) & Grid.worker.is_null(False) & Grid.deleted_at.is_null())
            .group_by(Grid.id).order_by(fn.COUNT(Household.id).desc()).first())
    if grid is None:
        print("no grid with a worker: the grid worker figures are skipped")
        return 0
    worker = actor_for(User.get_by_id(grid.worker_id))
    print(f"grid worker {worker.login} ({len(worker.grid_ids)} grid(s), {grid.name})")
    walls, cpus, found = measure(lambda: worklist.view(worker, "overdue"), args.runs)
    line(f"view overdue ({found.total})", walls, cpus, target=200)
    target = next((i for i in found.items if i.kind == "household"), None) or (found.items[0] if found.items else None)
    if target is None:
        walls, cpus, found = measure(lambda: worklist.view(worker, "all"), 1)
        target = found.items[0]
    form = visits.form(worker, target.kind, target.target_id)
    data = visits.VisitInput(method="入户", notes="基准测试走访", risk_grade=1 if form.needs_risk_grade else None,
                             checklist={i.id: "合格" for i in form.checklist} or None)

    def record_and_refresh(refresh: bool):
        def run():
            try:
                with database.atomic():
                    done = visits.record(worker, target.kind, target.target_id, data)
                    if refresh:
                        worklist.view(worker, "overdue")
                    raise Rollback()
            except Rollback:
                return done
        return run

    walls, cpus, done = measure(record_and_refresh(True), args.runs)
    line(f"record a {target.kind} visit + refresh the worklist", walls, cpus, target=100)
    walls, cpus, _ = measure(record_and_refresh(False), args.runs)
    line("record a visit alone", walls, cpus)
    print(f"    next due after the visit: {done.due.due if done.due else '-'}; rolled back, nothing kept")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
