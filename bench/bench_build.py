"""Build a demo county and print how long it took, the row counts and the file size.

    python bench/bench_build.py [PATH] [--households 300000] [--seed 1] [--force] [-v]

PATH defaults to /work/bench/county.sqlite3 (outside the repository; other benchmarks read it).
An existing file is kept unless --force is given: the county is built once and shared.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gridapp import db, demo, refdata  # noqa: E402
from gridapp.commands.progress import TextProgress  # noqa: E402

DEFAULT_PATH = Path("/work/bench/county.sqlite3")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--households", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    parser.add_argument("-v", "--verbose", action="store_true", help="log the time of each pass and index")
    args = parser.parse_args()
    if args.verbose:
        logging.basicConfig(level=logging.DEBUG, format="  %(message)s")
        logging.getLogger("peewee").setLevel(logging.INFO)
    path: Path = args.path
    if path.exists() and not args.force:
        print(f"{path} exists ({path.stat().st_size / 2**20:.0f} MB); use --force to rebuild it")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    # Built under another name and renamed when complete: nobody opens a half-built county.
    building = path.with_name(path.name + ".building")
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(building) + suffix).unlink(missing_ok=True)

    db.open_database(building)
    refdata.load_county(refdata.DEFAULT_COUNTY)
    refdata.load_codes()
    refdata.load_defaults()
    started, cpu = time.perf_counter(), time.process_time()
    with TextProgress("build") as progress:
        summary = demo.build(args.households, args.seed, on_progress=progress)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    db.close_database()
    # The old file's -wal/-shm must not be taken for the new file's (a reader still holding the old
    # file keeps its own, unlinked, copies).
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.replace(building, path)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"households {args.households:,} (seed {args.seed}) built in {seconds:.1f} s "
          f"(process CPU {cpu:.1f} s, load average {load:.1f}, {os.cpu_count()} CPUs)")
    for name in ("townships", "villages", "grids", "users", "households", "persons", "tags", "places", "visits",
                 "events", "actions"):
        print(f"  {name:<10} {getattr(summary, name):>10,}")
    print(f"  file       {path.stat().st_size / 2**20:>10,.0f} MB  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
