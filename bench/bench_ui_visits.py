"""The 走访, 事件 and 场所 pages on the demo county, as a township clerk uses them; prints the figures.

    python bench/bench_ui_visits.py [--db /work/bench/county.sqlite3] [--runs 10] [--township CODE]

A county built before the current indexes should be measured on a copy that has them:
``python bench/prepare_county.py`` makes /work/bench/county.prepared.sqlite3; pass that path.

Offscreen widgets, warm, wall clock and this process's CPU time (the better guide on a shared
machine). Each figure is from the user's action to the repainted widget:

* opening the 走访 page (first view of the worklist with the counts per village, the first row's
  history); showing each view; choosing a worklist row (its visit history). Nearly all of it is
  ``worklist.view`` (bench_worklist.py times it alone);
* recording a visit through the visit dialog, up to the refreshed worklist and history (the page
  refreshes on the bus signal the dialog sends). Target < 100 ms for the service part (see
  bench_worklist.py); here the whole round trip. The visit is rolled back: nothing is kept;
* the 事件 list with filters (overdue 矛盾纠纷): first page shown. Target < 50 ms for the query;
  choosing an event (detail, timeline, the actions offered);
* opening the 场所 page.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_DB = "/work/bench/county.sqlite3"


class Rollback(Exception):
    """Raised to undo a measured write."""


def measure(fn, runs: int, app, discard=None) -> tuple[list[float], list[float], object]:
    """Run ``fn`` once to warm up, then ``runs`` times timed; ``discard(result)`` (untimed) drops
    every result but the last (a page built per run)."""
    result = fn()
    app.processEvents()
    walls, cpus = [], []
    for _ in range(runs):
        if discard is not None:
            discard(result)
            app.processEvents()
        w0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        app.processEvents()
        walls.append((time.perf_counter() - w0) * 1000)
        cpus.append((time.process_time() - c0) * 1000)
    return walls, cpus, result


def line(label: str, walls: list[float], cpus: list[float], target: float | None = None) -> None:
    walls, cpus = sorted(walls), sorted(cpus)
    p95 = walls[max(0, round(0.95 * len(walls)) - 1)]
    verdict = ""
    if target is not None:
        verdict = f"  target < {target:.0f} ms: {'ok' if statistics.median(walls) < target else 'MISSED'}"
    print(f"  {label:<52} p50 {statistics.median(walls):7.1f} ms  p95 {p95:7.1f} ms  "
          f"(cpu p50 {statistics.median(cpus):6.1f} ms){verdict}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--township", help="township code (default: the one with most households)")
    args = parser.parse_args(argv)
    if not Path(args.db).is_file():
        print(f"no database at {args.db}: build it with "
              f"python -m gridapp.cli --db {args.db} demo --households 300000", file=sys.stderr)
        return 1

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from gridapp import db as gdb
    from gridapp.models import database
    from gridapp.services.actor import TOWNSHIP, Actor
    from gridapp.services.events import EventQuery
    from ui import app as ui_app
    from ui.context import AppBus, AppContext
    from ui.dialogs.visit import Target, VisitDialog
    from ui.pages.events import EventsPage
    from ui.pages.places import PlacesPage
    from ui.pages.visits import VisitsPage

    app = QApplication.instance() or QApplication([])
    ui_app.configure_font(app)
    gdb.open_database(args.db, create=False, migrate=False)  # a shared bench file: every write is rolled back
    township = args.township or database.execute_sql(
        "SELECT township_code FROM household WHERE deleted_at IS NULL GROUP BY township_code "
        "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    actor = Actor(user_id=None, login="bench", display_name="bench", role=TOWNSHIP, scope_code=township)
    settings = QSettings(str(Path(os.environ.get("TMPDIR", "/tmp")) / "bench_ui_visits.ini"),
                         QSettings.Format.IniFormat)
    ctx = AppContext(actor=actor, db_path=args.db, station_name="bench", settings=settings, bus=AppBus())
    print(f"database {args.db}, township {township}")

    def open_page(cls):
        def run():
            page = cls(ctx)
            page.resize(1366, 700)
            page.show()
            app.processEvents()
            page.repaint()
            return page
        return run

    def drop(page) -> None:
        ctx.bus.data_changed.disconnect(page._on_bus_data_changed)
        page.deleteLater()

    print("走访 page")
    walls, cpus, page = measure(open_page(VisitsPage), args.runs, app, discard=drop)
    line("open: worklist (overdue) + counts + first history", walls, cpus, target=300)
    print(f"    overdue {page.model.total}, villages {page.counts.rowCount()}, rows loaded {page.model.loaded}")
    for n, view in ((1, "today"), (2, "week"), (0, "overdue")):
        page.view_buttons.button(n).setChecked(True)  # the view button: its query is timed below
        walls, cpus, _ = measure(lambda: (page.run_query(), page.table.repaint()), args.runs, app)
        line(f"show view {view} ({page.model.total})", walls, cpus, target=300)
    rows = min(page.model.loaded, 50)
    state = {"row": 0}

    def choose_row():
        state["row"] = (state["row"] + 1) % max(rows, 1)
        page._select_row(state["row"])
        page.history.repaint()

    walls, cpus, _ = measure(choose_row, args.runs, app)
    line("choose a worklist row: its visit history", walls, cpus, target=100)

    item = next(i for i in page.model.rows if i.kind != "place")
    dialog = VisitDialog(ctx, page, target=Target(item.kind, item.target_id, item.name))
    if dialog.risk_shown():
        dialog.risk_grade.setCurrentIndex(dialog.risk_grade.findData(1))
    dialog.notes.setPlainText("基准测试走访")

    def record():
        try:
            with database.atomic():
                dialog.visit_id = dialog.row = None
                assert dialog._write(), dialog.general.text()  # the bus refreshes the page
                page.table.repaint()
                raise Rollback()
        except Rollback:
            return page.model.total

    walls, cpus, _ = measure(record, args.runs, app)
    line(f"record a {item.kind} visit → worklist and history refreshed", walls, cpus, target=300)
    dialog.deleteLater()
    page.deleteLater()
    app.processEvents()

    print("事件 page")
    walls, cpus, events_page = measure(open_page(EventsPage), args.runs, app, discard=drop)
    line("open: first page + the first event in detail", walls, cpus, target=200)
    print(f"    events {events_page.model.total}")
    walls, cpus, _ = measure(lambda: (events_page.apply_filter({"overdue": True, "kind": "矛盾纠纷"}),
                                      events_page.table.repaint()), args.runs, app)
    line(f"filter overdue 矛盾纠纷 ({events_page.model.total})", walls, cpus, target=50)
    walls, cpus, _ = measure(lambda: (events_page.apply_filter({"state": "open"}), events_page.table.repaint()),
                             args.runs, app)
    line(f"filter not closed ({events_page.model.total})", walls, cpus, target=50)
    from gridapp.services import events

    started = time.perf_counter()
    events.page(actor, EventQuery(overdue=True, kind="矛盾纠纷"), limit=200)
    print(f"    the query alone: {(time.perf_counter() - started) * 1000:.1f} ms")
    shown = min(events_page.model.loaded, 30)
    state["row"] = 0

    def choose_event():
        state["row"] = (state["row"] + 1) % max(shown, 1)
        events_page._select_row(state["row"])
        events_page.detail.repaint()

    walls, cpus, _ = measure(choose_event, args.runs, app)
    line("choose an event: detail, timeline, actions", walls, cpus, target=100)
    events_page.deleteLater()
    app.processEvents()

    print("场所 page")
    walls, cpus, places_page = measure(open_page(PlacesPage), args.runs, app, discard=drop)
    line("open: first page + the first place in detail", walls, cpus, target=200)
    print(f"    places {places_page.model.total}")
    places_page.deleteLater()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
