"""Export about 100,000 people as a ledger and compare with a bare openpyxl write-only loop.

    python bench/bench_export.py [--households 32000] [--db PATH]

Target (issue 5): the people ledger export takes at most 1.3 × the time a bare write-only loop
takes to write the same rows in the same run, and its peak memory stays under 250 MB.

Without ``--db`` a demo county of ``--households`` households (about 3.4 people each) is built
once in /work/bench (kept for the next run). The export runs first, in this fresh process, so the
peak resident memory it reports is the export's own (ru_maxrss, minus the memory before it);
then the rows are fetched into a list and written by the bare loop. Each time is the best of two.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ensure_db(path: Path, households: int) -> None:
    if path.is_file():
        return
    from gridapp import db, demo

    print(f"building {path} with {households:,} households …")
    tmp = path.with_name(path.name + ".building")
    db.open_database(tmp)
    t = time.perf_counter()
    demo.build(households=households, seed=7)
    db.close_database()
    os.replace(tmp, path)
    print(f"  built in {time.perf_counter() - t:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=32000)
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    path = Path(args.db or f"/work/bench/export-{args.households}.sqlite3")
    os.environ.setdefault("GRIDAPP_DATA_DIR", str(path.parent / "export-bench-data"))
    ensure_db(path, args.households)

    from openpyxl import Workbook

    from gridapp import db
    from gridapp.reports.ledgers import export_ledger, headers, ledger_rows
    from gridapp.services.actor import system_actor

    db.open_database(path, create=False)
    actor = system_actor()
    out = Path(tempfile.mkdtemp(prefix="bench-export-"))
    before = rss_mb()
    export_times = []
    for n in range(2):
        t = time.perf_counter()
        outcome = export_ledger(actor, "people", out / f"people-{n}.xlsx")
        export_times.append(time.perf_counter() - t)
    peak = rss_mb() - before

    rows = list(ledger_rows(actor, "people"))
    bare_times = []
    for n in range(2):
        t = time.perf_counter()
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("bare")
        ws.append(list(headers("people")))
        for row in rows:
            ws.append(row)
        wb.save(out / f"bare-{n}.xlsx")
        bare_times.append(time.perf_counter() - t)
    export_s, bare_s = min(export_times), min(bare_times)
    print(f"people ledger: {outcome.rows:,} rows, {Path(outcome.path).stat().st_size / 1e6:.1f} MB")
    print(f"export: {export_s:.1f} s   bare write-only loop: {bare_s:.1f} s   ratio: {export_s / bare_s:.2f} "
          f"(target ≤ 1.30)")
    print(f"peak resident memory after the exports: {before + peak:.0f} MB, {peak:.0f} MB of it added by the export "
          "(target < 250 MB)")
    db.close_database()


if __name__ == "__main__":
    main()
