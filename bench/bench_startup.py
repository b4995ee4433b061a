"""Start-up time and memory of the desktop client on the 300k-household demo county.

    python bench/bench_startup.py [--db /work/bench/county.sqlite3] [--runs 3]

A county built before the current indexes should be measured on a copy that has them:
``python bench/prepare_county.py`` makes /work/bench/county.prepared.sqlite3; pass that path.

Figures (issue 3 targets):
- process start → main window shown with the first page of households loaded: < 1.5 s;
- resident memory after browsing (scrolling households a few pages, visiting every page): < 300 MB.

Each run is a fresh process (``--child``), timed from just before the parent spawns it, so the
interpreter start and every import count. Runs offscreen.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = "/work/bench/county.sqlite3"
TARGET_S = 1.5
TARGET_MB = 300
SCROLL_PAGES = 5


def rss_mb() -> float:
    """Resident set size of this process in MB (Linux /proc; Windows via the Win32 API)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    import ctypes
    from ctypes import wintypes

    class Counters(ctypes.Structure):
        _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD)] + [
            (name, ctypes.c_size_t) for name in ("PeakWorkingSetSize", "WorkingSetSize", "QuotaPeakPagedPoolUsage",
                                                 "QuotaPagedPoolUsage", "QuotaPeakNonPagedPoolUsage",
                                                 "QuotaNonPagedPoolUsage", "PagefileUsage", "PeakPagefileUsage")]
    counters = Counters()
    counters.cb = ctypes.sizeof(counters)
    ctypes.windll.psapi.GetProcessMemoryInfo(ctypes.windll.kernel32.GetCurrentProcess(),
                                             ctypes.byref(counters), counters.cb)
    return counters.WorkingSetSize / 2**20


def child(db: str) -> None:
    """Open the client like `gridapp --db`, show households, browse; print JSON figures."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractItemView

    from gridapp.services.actor import system_actor
    from ui import app as ui_app
    from ui import i18n

    app = ui_app.create_application()
    i18n.install("zh_CN")
    db_path = ui_app.open_database(db)
    if db_path is None:
        raise SystemExit(2)
    settings = ui_app.open_settings(Path(os.environ["BENCH_TMP"]) / "settings.ini")
    ctx = ui_app.make_context(system_actor(), db_path, settings)
    window = ui_app.show_main_window(ctx)
    page = window.show_page("households")
    views = [v for v in page.findChildren(QAbstractItemView) if v.model() is not None and v.isVisible()]
    table = max(views, key=lambda v: v.model().rowCount())
    while table.model().rowCount() == 0 or not window.isVisible():
        app.processEvents()
    app.processEvents()
    shown = time.time()
    rows_loaded = table.model().rowCount()
    deadline = time.time() + 60
    while getattr(table.model(), "counting", False) and time.time() < deadline:  # a background count
        QTest.qWait(20)
    total = getattr(table.model(), "total", None)

    for _ in range(SCROLL_PAGES):
        table.scrollToBottom()
        QTest.qWait(50)
    rows_after_scroll = table.model().rowCount()
    for key in window.page_keys():
        window.show_page(key)
        QTest.qWait(100)
    window.show_page("households")
    QTest.qWait(200)
    print(json.dumps({"shown_at": shown, "rows_loaded": rows_loaded, "total": total,
                      "rows_after_scroll": rows_after_scroll, "rss_mb": round(rss_mb(), 1)}))
    window.close()


def run_once(db: str, tmp: Path) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BENCH_TMP": str(tmp), "GRIDAPP_DATA_DIR": str(tmp)}
    started = time.time()
    cpu_before = _children_cpu()
    result = subprocess.run([sys.executable, __file__, "--child", "--db", db], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"child failed ({result.returncode}):\n{result.stderr[-3000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["startup_s"] = figures.pop("shown_at") - started
    figures["cpu_s"] = _children_cpu() - cpu_before  # the whole child, browsing included
    return figures


def _children_cpu() -> float:
    """CPU seconds used by finished child processes (0 where the resource module is missing)."""
    try:
        import resource
    except ImportError:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.db)
        return 0
    if not Path(args.db).is_file():
        print(f"{args.db} does not exist: build it with\n"
              f"  python -m gridapp.cli --db {args.db} demo --households 300000")
        return 1
    import tempfile

    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        run_once(args.db, Path(tmp))  # warm the OS file cache once, not counted
        for _ in range(args.runs):
            runs.append(run_once(args.db, Path(tmp)))
    starts = [r["startup_s"] for r in runs]
    rss = max(r["rss_mb"] for r in runs)
    last = runs[-1]
    print(f"database: {args.db} ({last['total']:,} households in scope)" if last["total"] is not None
          else f"database: {args.db}")
    print(f"start → main window with households page 1: median {statistics.median(starts):.2f} s, "
          f"min {min(starts):.2f} s, max {max(starts):.2f} s over {len(runs)} runs (target < {TARGET_S} s)")
    print(f"CPU time of a whole run (start, browsing, exit): median "
          f"{statistics.median(r['cpu_s'] for r in runs):.2f} s; load average now "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall times suffer when the machine is busy)"
          if hasattr(os, "getloadavg") else "")
    print(f"rows loaded when shown: {last['rows_loaded']}; after scrolling {SCROLL_PAGES}×: "
          f"{last['rows_after_scroll']}")
    print(f"resident memory after browsing: {rss:.0f} MB (target < {TARGET_MB} MB)")
    ok = statistics.median(starts) < TARGET_S and rss < TARGET_MB
    print("PASS" if ok else "OVER TARGET")
    return 0


if __name__ == "__main__":
    sys.exit(main())
