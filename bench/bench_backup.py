"""Backup time and size on the 300k-household demo county, and what the startup check costs.

    python bench/bench_backup.py [--db /work/bench/county.sqlite3] [--wait 3600]

Never changes the database it measures: the backup goes to a temporary folder beside it (same
disk) and is deleted afterwards. Prints: the database size; the online backup's time and the
backup's size; the full verification a restore runs first (integrity_check, schema version,
counts); ``startup_check`` (quick_check) on the live file; and listing a folder of backups.
With ``--wait`` it polls until the database exists and has stopped growing (it may still be
being built by ``gridapp demo``).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gridapp import db as gdb  # noqa: E402
from gridapp.services import backups  # noqa: E402

DEFAULT_DB = "/work/bench/county.sqlite3"


def wait_until_stable(path: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    last = -1
    while time.monotonic() < deadline:
        size = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists()) if path.exists() else -1
        if size > 0 and size == last:
            return
        last = size
        time.sleep(30)
    if not path.exists():
        sys.exit(f"{path} does not exist (build it with: python -m gridapp.cli --db {path} demo --households 300000)")


def mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--wait", type=float, default=0, help="seconds to wait for the database to appear and settle")
    parser.add_argument("--thorough", action="store_true", help="also time the full integrity_check (minutes at 300k)")
    parser.add_argument("--zip", action="store_true", help="also time zipping the backup, for comparison")
    args = parser.parse_args()
    path = Path(args.db)
    wait_until_stable(path, args.wait)
    if not path.exists():
        sys.exit(f"{path} does not exist")
    print(f"database: {path} ({mb(path.stat().st_size)})")

    for label, full in (("startup check (as the client runs it)", None), ("whole-file quick_check", True)):
        started = time.perf_counter()
        status = backups.startup_check(path, find_backup=False, full=full)
        scope = "whole file" if status.complete else f"core tables {', '.join(backups.CORE_TABLES)}"
        print(f"{label}: {time.perf_counter() - started:.2f} s, {scope} "
              f"({'ok' if status.ok else status.problems})")

    gdb.open_database(path, create=False, migrate=False)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix="bench-backup-") as folder:
        target = Path(folder) / "gridapp-20260101-000000.sqlite3"
        steps = []
        started = time.perf_counter()
        gdb.backup(target, on_progress=lambda done, total: steps.append(done))
        elapsed = time.perf_counter() - started
        print(f"online backup: {elapsed:.2f} s, {mb(target.stat().st_size)} "
              f"({mb(int(target.stat().st_size / elapsed))}/s, {len(steps)} progress steps)")
        gdb.close_database()

        checks = [(None, "as restore runs it")] + ([(True, "full integrity_check")] if args.thorough else [])
        for thorough, label in checks:
            started = time.perf_counter()
            info = gdb.verify_backup(target, thorough=thorough)
            print(f"verify before restore ({label}): {time.perf_counter() - started:.2f} s, counts {info['counts']}")

        started = time.perf_counter()
        listed = backups.list_backups(folder)
        print(f"list backups (counts, no page check): {time.perf_counter() - started:.2f} s for {len(listed)} file")

        if args.zip:
            started = time.perf_counter()
            compressed = shutil.make_archive(str(Path(folder) / "zipped"), "zip", folder, target.name)
            print(f"for comparison, zipped: {mb(Path(compressed).stat().st_size)} "
                  f"in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
