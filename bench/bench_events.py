"""Events list latency on a county database; prints the figures.

    python bench/bench_events.py [DB] [--runs 15] [--township CODE]

DB defaults to /work/bench/county.sqlite3 (``gridapp demo --households 300000``). Nothing is
changed in it: the reported event is rolled back.

A county built before the current indexes should be measured on a copy that has them:
``python bench/prepare_county.py`` makes /work/bench/county.prepared.sqlite3; pass that path.

Measured warm, through the services exactly as the 事件 page calls them (wall clock, and the CPU
time of this process, the better guide on a shared machine): the first page of 200 events with
each filter the page offers (state, kind, category, overdue, 督办, mine, escalated, text), for a
township centre and for the county, as ``events.page`` and ``events.page`` + ``events.count``.
Target: the first page < 50 ms. Also the detail of one event (with its timeline and the buttons
``available_actions`` offers) and reporting one event (numbered under BEGIN IMMEDIATE).
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
    parser.add_argument("--township", help="township code (default: the one with most events)")
    args = parser.parse_args()
    path = Path(args.db)
    if not path.is_file():
        print(f"no database at {path}: build it with `python -m gridapp.cli --db {path} demo --households 300000`")
        return 1

    from gridapp import db as gdb
    from gridapp.models import Event, database
    from gridapp.services import events
    from gridapp.services.actor import Actor
    from gridapp.services.events import EventDraft, EventQuery

    gdb.open_database(path)
    row = database.execute_sql("SELECT township_code, count(*) FROM event WHERE deleted_at IS NULL "
                               "GROUP BY township_code ORDER BY count(*) DESC LIMIT 1").fetchone()
    if row is None:
        print("the database has no events")
        return 1
    township = args.township or row[0]
    total = Event.select().where(Event.deleted_at.is_null()).count()
    print(f"database {path}: {total} events; township {township}: "
          f"{Event.select().where(Event.township_code == township).count()} events")
    handler = database.execute_sql("SELECT handler_id FROM event WHERE township_code = ? AND handler_id IS NOT NULL "
                                   "GROUP BY handler_id ORDER BY count(*) DESC LIMIT 1", [township]).fetchone()
    clerk = Actor(user_id=handler[0] if handler else None, login="bench", display_name="bench", role="township",
                  scope_code=township)
    county = Actor(user_id=None, login="bench", display_name="bench", role="township", scope_code=township[:6])
    queries = {
        "no filter": EventQuery(),
        "state 处置中": EventQuery(state="处置中"),
        "kind 矛盾纠纷": EventQuery(kind="矛盾纠纷"),
        "category 09 (土地资源权属)": EventQuery(kind="矛盾纠纷", category="09"),
        "overdue": EventQuery(overdue=True),
        "督办": EventQuery(supervised=True),
        "mine": EventQuery(mine=True),
        "escalated": EventQuery(escalated=True),
        "text 纠纷": EventQuery(text="纠纷"),
        "open + overdue, by deadline": EventQuery(state=("已受理", "处置中"), overdue=True, sort="deadline"),
    }
    for name, actor in (("township centre", clerk), ("county", county)):
        print(name)
        for label, query in queries.items():
            walls, cpus, rows = measure(lambda q=query, a=actor: events.page(a, q), args.runs)
            line(f"page {label} ({len(rows)})", walls, cpus, target=50)
            walls, cpus, n = measure(lambda q=query, a=actor: (events.page(a, q), events.count(a, q)), args.runs)
            line(f"  + count ({n[1]})", walls, cpus)

    sample = events.page(clerk, EventQuery(state="处置中"), limit=1) or events.page(clerk, limit=1)
    if sample:
        walls, cpus, detail = measure(lambda: (events.get(clerk, sample[0].id),
                                               events.available_actions(clerk, sample[0].id)), args.runs)
        line(f"detail + actions ({len(detail[0].timeline)} actions)", walls, cpus)

    def report():
        try:
            with database.atomic():
                done = events.report(clerk, EventDraft(kind="民生诉求", title="基准测试事件"))
                raise Rollback()
        except Rollback:
            return done

    walls, cpus, done = measure(report, args.runs)
    line(f"report one event ({done.number}, rolled back)", walls, cpus)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
