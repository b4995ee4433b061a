"""A copy of a county database with exactly the indexes of the current models, analysed.

    python bench/prepare_county.py [SRC] [-o OUT] [--fresh]

SRC defaults to /work/bench/county.sqlite3 (``gridapp demo --households 300000``), which other
engineers read and which is never changed here. OUT defaults to ``<SRC stem>.prepared.sqlite3``
beside it. The copy is made with SQLite's backup API (under ``OUT.part``, renamed when complete)
unless OUT exists already (``--fresh`` copies again). Then, on OUT:

* every index a database created now has (the models' indexes, the partial and unique indexes
  and FTS tables of gridapp/migrations.py) is created when missing or when its SQL differs;
* every index of ours that the current schema no longer has is dropped, so the planner never
  leans on an index a real database lacks;
* ``ANALYZE`` and ``PRAGMA optimize`` give the planner the statistics of the finished build.

The last line printed is OUT's path, so other benches can take it:
``python bench/bench_search.py "$(python bench/prepare_county.py | tail -1)"``.
"""
from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_SRC = Path("/work/bench/county.sqlite3")
INDEX_SQL = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"


def current_schema() -> tuple[dict[str, str], dict[str, list[str]]]:
    """(index name → SQL, table → columns) of a database created by the current gridapp."""
    from gridapp import db as gdb

    with tempfile.TemporaryDirectory() as folder:
        db = gdb.open_database(Path(folder) / "schema.sqlite3")
        try:
            indexes = dict(db.execute_sql(INDEX_SQL).fetchall())
            tables = [r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")]
            columns = {t: [r[1] for r in db.execute_sql(f'PRAGMA table_info("{t}")')] for t in tables}
        finally:
            gdb.close_database()
    return indexes, columns


def copy(src: Path, out: Path) -> None:
    started = time.perf_counter()
    part = out.with_name(out.name + ".part")
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    target = sqlite3.connect(part)
    try:
        source.backup(target, pages=65536)
    finally:
        target.close()
        source.close()
    part.replace(out)
    print(f"copied {src} → {out} in {time.perf_counter() - started:.0f} s")


def bring_in_line(path: Path) -> None:
    """Drop, create and analyse so that ``path`` has the current indexes and fresh statistics."""
    wanted, columns = current_schema()
    con = sqlite3.connect(path, isolation_level=None)
    try:
        for table, cols in columns.items():
            have = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
            if have != cols:
                print(f"  warning: table {table} differs from the current models "
                      f"(missing {sorted(set(cols) - set(have))}, extra {sorted(set(have) - set(cols))})")
        have = dict(con.execute(INDEX_SQL).fetchall())
        for name, sql in have.items():
            if wanted.get(name) != sql:
                started = time.perf_counter()
                con.execute(f'DROP INDEX "{name}"')
                print(f"  dropped {name} ({time.perf_counter() - started:.1f} s)")
        for name, sql in wanted.items():
            if have.get(name) != sql:
                started, cpu = time.perf_counter(), time.process_time()
                con.execute(sql)
                print(f"  created {name} ({time.perf_counter() - started:.1f} s, "
                      f"{time.process_time() - cpu:.1f} s CPU)")
        started = time.perf_counter()
        con.execute("ANALYZE")
        con.execute("PRAGMA optimize")
        print(f"  ANALYZE in {time.perf_counter() - started:.0f} s")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", nargs="?", type=Path, default=DEFAULT_SRC)
    parser.add_argument("-o", "--out", type=Path, help="default: <SRC stem>.prepared.sqlite3 beside SRC")
    parser.add_argument("--fresh", action="store_true", help="copy SRC again even if OUT exists")
    args = parser.parse_args(argv)
    if not args.src.is_file():
        print(f"no database at {args.src}: build it with "
              f"`python -m gridapp.cli --db {args.src} demo --households 300000`", file=sys.stderr)
        return 1
    out = args.out or args.src.with_name(args.src.stem + ".prepared.sqlite3")
    if out.resolve() == args.src.resolve():
        print("OUT must differ from SRC: SRC is shared and never changed", file=sys.stderr)
        return 1
    if args.fresh or not out.exists():
        for suffix in ("-wal", "-shm"):
            Path(str(out) + suffix).unlink(missing_ok=True)
        copy(args.src, out)
    bring_in_line(out)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
