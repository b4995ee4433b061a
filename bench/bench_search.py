"""Search latency on a county database; prints the figures (issue 2 benchmarks).

    python bench/bench_search.py [DB] [--queries 200] [--synthetic N]

DB defaults to /work/bench/county.sqlite3 (``gridapp demo --households 300000``). When that file
does not exist, a synthetic county of N households (default 300,000, about a million people) is
built with bulk raw inserts at /work/bench/synthetic-<N>.sqlite3 and reused on later runs.
When the database was built by an older schema whose household/person indexes differ from the
current models, the benchmark runs on a copy (``<DB>.indexed.sqlite3``) with the indexes brought
in line, leaving the shared file untouched.

A county built before the current indexes should be measured on a copy that has them:
``python bench/prepare_county.py`` makes /work/bench/county.prepared.sqlite3; pass that path.

Measured, warm, through the services exactly as the UI calls them:

* 200 mixed search texts taken from the data (2-character names, pinyin initials of 2–3 letters,
  ID tails of 4 and 6, phone tails of 4–8 digits, address fragments of 2–4 characters from the
  house part of an address): ``count`` + the first page of 200 rows, for households and for
  people, as a township clerk and as a county-wide actor. Target: p95 < 50 ms. The count is the
  one the list shows first: exact up to ``COUNT_UP_TO`` (10,000), "超过 10,000" beyond it; the
  exact count of those, which the list then runs on a worker thread, is timed on its own.
* the first page of a township's households sorted by 户号 (and the same with its count).
  Target: < 30 ms.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT_DB = Path("/work/bench/county.sqlite3")
KINDS = ("name2", "initials", "id_tail4", "id_tail6", "phone_tail", "address")


# --------------------------------------------------------------------------- synthetic county
SURNAMES = [("王", 7.1), ("李", 7.0), ("张", 6.7), ("刘", 5.4), ("陈", 4.5), ("杨", 3.1), ("黄", 2.2), ("赵", 2.0),
            ("吴", 1.8), ("周", 1.7), ("徐", 1.3), ("孙", 1.3), ("马", 1.2), ("朱", 1.1), ("胡", 1.0), ("郭", 1.0),
            ("何", 0.9), ("高", 0.9), ("林", 0.9), ("罗", 0.8), ("郑", 0.8), ("梁", 0.7), ("谢", 0.6), ("宋", 0.5),
            ("唐", 0.5), ("许", 0.5), ("韩", 0.5), ("冯", 0.4), ("邓", 0.4), ("曹", 0.4), ("彭", 0.4), ("曾", 0.4),
            ("肖", 0.4), ("田", 0.3), ("董", 0.3), ("袁", 0.3), ("潘", 0.3), ("于", 0.3), ("蒋", 0.3), ("蔡", 0.3),
            ("余", 0.3), ("杜", 0.3), ("叶", 0.3), ("程", 0.3), ("苏", 0.2), ("魏", 0.2), ("吕", 0.2), ("丁", 0.2),
            ("柯", 0.2), ("石", 0.2), ("欧阳", 0.05)]
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华平刚桂兰霞玉萍红建国志文斌辉海燕春梅金凤德林永福生荣新宇浩然子涵欣怡佳琪"


def build_synthetic(path: Path, households: int, seed: int = 7) -> None:
    """A county of ``households`` households written with executemany (FTS triggers on)."""
    from gridapp import db as gdb
    from gridapp import ids, refdata, text
    from gridapp.models import Division

    started = time.perf_counter()
    gdb.open_database(path)
    refdata.load_county("420281")
    refdata.load_codes()
    refdata.load_defaults()
    villages = [(d.code, d.name) for d in Division.select().where(Division.level == "village").order_by(Division.code)]
    gdb.close_database()
    rnd = random.Random(seed)
    names, weights = zip(*SURNAMES)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    stamp = "2024-01-01 08:00:00"
    used_ids: set[str] = set()
    per_village = households // len(villages) + 1
    grid_rows, household_rows, person_rows, tag_rows = [], [], [], []
    grid_id = household_id = person_id = 0
    for code, vname in villages:
        n_grids = max(1, min(99, round(per_village / 300)))
        first_grid = grid_id + 1
        for g in range(n_grids):
            grid_id += 1
            grid_rows.append((grid_id, f"g{grid_id:06d}", 1, stamp, stamp, f"{code}{g + 1:02d}", f"第{g + 1}网格",
                              code, code[:9], code[:6]))
        for k in range(per_village):
            if household_id >= households:
                break
            household_id += 1
            grid = first_grid + k % n_grids
            address = f"{vname}{rnd.randint(1, 12)}组{rnd.randint(1, 200)}号"
            phone = f"1{rnd.choice('3578')}{rnd.randrange(10**9):09d}" if rnd.random() < 0.5 else None
            household_rows.append((household_id, f"h{household_id:08d}", 1, stamp, stamp, grid, code, code[:9],
                                   code[:6], f"{k + 1:05d}", address, text.tokens(address), "户籍户", "自有",
                                   phone, ids.reverse_key(phone) or None))
            surname = rnd.choices(names, weights)[0]
            for m in range(rnd.choice((1, 2, 2, 3, 3, 3, 4, 4, 5, 6))):
                person_id += 1
                name = (surname if m != 1 else rnd.choices(names, weights)[0]) + "".join(
                    rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2, 2))))
                while True:
                    birth = dt.date(1935, 1, 1) + dt.timedelta(days=rnd.randrange(32000))
                    number = ids.make_id("420281", birth, rnd.randrange(1000))
                    if number not in used_ids:
                        used_ids.add(number)
                        break
                mobile = f"1{rnd.choice('3578')}{rnd.randrange(10**9):09d}" if rnd.random() < 0.6 else None
                pinyin, initials = text.pinyin_keys(name)
                person_rows.append((person_id, f"p{person_id:09d}", 1, stamp, stamp, household_id, grid, code,
                                    code[:9], code[:6], name, text.tokens(name), pinyin, initials, number,
                                    number[::-1], "男" if int(number[16]) % 2 else "女", birth.isoformat(),
                                    "汉族", "02" if m == 0 else rnd.choice(("12", "20", "30", "51")), int(m == 0),
                                    mobile, ids.reverse_key(mobile) or None, "户籍在册"))
                if rnd.random() < 0.04:
                    category = rnd.choice(("djlr", "lset", "cjr", "dbh", "jsza"))
                    tag_rows.append((len(tag_rows) + 1, f"t{len(tag_rows) + 1:08d}", 1, stamp, stamp, person_id,
                                     category, "02", "2023-01-01", int(category == "jsza")))
    with con:
        con.executemany("INSERT INTO grid (id, uid, version, created_at, updated_at, code, name, village_code,"
                        " township_code, county_code) VALUES (?,?,?,?,?,?,?,?,?,?)", grid_rows)
        con.executemany("INSERT INTO household (id, uid, version, created_at, updated_at, grid_id, village_code,"
                        " township_code, county_code, number, address, addr_tokens, reg_type, housing, phone,"
                        " phone_rev) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", household_rows)
        con.executemany("INSERT INTO person (id, uid, version, created_at, updated_at, household_id, grid_id,"
                        " village_code, township_code, county_code, name, name_tokens, pinyin, initials,"
                        " id_number, id_rev, sex, birth_date, ethnic, relation, is_head, phone, phone_rev,"
                        " residence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", person_rows)
        con.executemany("INSERT INTO person_tag (id, uid, version, created_at, updated_at, person_id, category,"
                        " attention, since, sensitive) VALUES (?,?,?,?,?,?,?,?,?,?)", tag_rows)
    con.execute("ANALYZE")
    con.close()
    print(f"synthetic county: {len(household_rows):,} households, {len(person_rows):,} people "
          f"in {time.perf_counter() - started:.0f} s → {path}")


# --------------------------------------------------------------------------- queries
def sample_queries(n: int, seed: int = 11) -> list[tuple[str, str]]:
    """``n`` search texts of the six kinds, taken from live rows of the database."""
    from gridapp.models import database

    rnd = random.Random(seed)
    db = database.obj
    top = db.execute_sql("SELECT max(id) FROM person").fetchone()[0]

    def person(column: str) -> str:
        while True:
            row = db.execute_sql(f"SELECT {column} FROM person WHERE id >= ? AND deleted_at IS NULL "
                                 f"AND {column} IS NOT NULL ORDER BY id LIMIT 1", (rnd.randrange(1, top),)).fetchone()
            if row and row[0]:
                return row[0]

    def household_address() -> str:
        top_h = db.execute_sql("SELECT max(id) FROM household").fetchone()[0]
        while True:
            row = db.execute_sql("SELECT address FROM household WHERE id >= ? AND address != '' ORDER BY id LIMIT 1",
                                 (rnd.randrange(1, top_h),)).fetchone()
            if row:
                return row[0]

    queries = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        if kind == "name2":
            name = person("name")
            queries.append((kind, name[:2] if len(name) > 2 and rnd.random() < 0.5 else name[-2:]))
        elif kind == "initials":
            queries.append((kind, person("initials")[: rnd.choice((2, 3))]))
        elif kind == "id_tail4":
            queries.append((kind, person("id_number")[-4:]))
        elif kind == "id_tail6":
            queries.append((kind, person("id_number")[-6:]))
        elif kind == "phone_tail":
            queries.append((kind, person("phone")[-rnd.choice((4, 5, 6, 8)):]))
        else:
            queries.append((kind, address_fragment(household_address(), rnd)))
    return queries


STRUCTURE = set("组号栋单元室小区村社街道镇乡路花园家新")


def address_fragment(address: str, rnd: random.Random) -> str:
    """2–4 characters of the part of an address after its village or community (a 小区 or a
    组/号), with at least one Chinese character and something besides structure words: what a
    grid worker types to find a house, not '社区' (that is the village filter's job)."""
    tail = re.split(r"村|社区", address)[-1] or address
    while True:
        size = min(len(tail), rnd.choice((2, 3, 4)))
        start = rnd.randrange(len(tail) - size + 1)
        fragment = tail[start:start + size]
        if any("\u4e00" <= ch <= "\u9fff" for ch in fragment) and not set(fragment) <= STRUCTURE:
            return fragment


def current_indexes() -> dict[str, str]:
    """name → SQL of the household and person indexes a new database gets now."""
    import tempfile

    from gridapp import db as gdb

    with tempfile.TemporaryDirectory() as folder:
        db = gdb.open_database(Path(folder) / "schema.sqlite3")
        found = dict(db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                                    "AND tbl_name IN ('household', 'person')").fetchall())
        gdb.close_database()
    return found


def with_current_indexes(path: Path) -> Path:
    """``path``, or a copy of it whose household/person indexes match the current models."""
    wanted = current_indexes()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    have = dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                            "AND tbl_name IN ('household', 'person')").fetchall())
    if have == wanted:
        con.close()
        return path
    copy = path.with_name(path.stem + ".indexed.sqlite3")
    if not copy.exists():
        print(f"{path.name} has older indexes; copying it to {copy.name} to bring them in line …")
        part = copy.with_name(copy.name + ".part")
        target = sqlite3.connect(part)
        con.backup(target)
        target.close()
        part.replace(copy)
    con.close()
    target = sqlite3.connect(copy)
    have = dict(target.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                               "AND tbl_name IN ('household', 'person')").fetchall())
    if have != wanted:
        started = time.perf_counter()
        for name in have:
            if wanted.get(name) != have[name]:
                target.execute(f'DROP INDEX "{name}"')
        for name in wanted:
            if have.get(name) != wanted[name]:
                target.execute(wanted[name])
        target.execute("ANALYZE household")
        target.execute("ANALYZE person")
        target.commit()
        print(f"indexes of {copy.name} brought in line in {time.perf_counter() - started:.0f} s")
    target.close()
    return copy


def timed(call) -> tuple[float, float]:
    """(wall, CPU) milliseconds. The CPU time shows the work itself when other processes compete
    for the cores (wall time then includes waiting for one)."""
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def run(path: Path, n_queries: int) -> None:
    from gridapp import db as gdb
    from gridapp.models import Household, Person, database
    from gridapp.services import households, people
    from gridapp.services.actor import TOWNSHIP, Actor
    from gridapp.services.households import HouseholdQuery
    from gridapp.services.people import PersonQuery
    from gridapp.services.search import COUNT_UP_TO

    gdb.open_database(path)
    n_households = Household.select().count()
    n_people = Person.select().count()
    township = database.obj.execute_sql(
        "SELECT township_code FROM household WHERE deleted_at IS NULL GROUP BY township_code "
        "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    county = township[:6]
    actors = {
        f"township {township}": Actor(None, "bench", "bench", TOWNSHIP, township),
        f"county {county}": Actor(None, "bench", "bench", TOWNSHIP, county),
    }
    print(f"database: {path} ({os.path.getsize(path) / 2**20:,.0f} MB), {n_households:,} households, "
          f"{n_people:,} people; SQLite {sqlite3.sqlite_version}; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")
    queries = sample_queries(n_queries)
    for label, actor in actors.items() if queries else ():
        for kind, text in queries[:12]:  # warm the page cache and the code tables
            households.count(actor, HouseholdQuery(text=text))
        print(f"\n{label}: {households.count(actor, HouseholdQuery()):,} households in scope")
        for what, service, make in (("households", households, HouseholdQuery), ("people", people, PersonQuery)):
            times: dict[str, list[float]] = {k: [] for k in KINDS}
            cpus: dict[str, list[float]] = {k: [] for k in KINDS}
            hits: dict[str, list[int]] = {k: [] for k in KINDS}
            slowest = []
            exact: list[float] = []
            exact_cpus: list[float] = []
            for kind, text in queries:
                query = make(text=text)
                found = []
                wall, cpu = timed(lambda: (found.append(service.count(actor, query, up_to=COUNT_UP_TO)),
                                           service.page(actor, query, 0, 200)))
                exact_wall, exact_cpu = timed(lambda: found.append(service.count(actor, query)))
                exact.append(exact_wall)
                exact_cpus.append(exact_cpu)
                times[kind].append(wall)
                cpus[kind].append(cpu)
                hits[kind].append(found[1])
                slowest.append((wall, cpu, kind, text, found[1]))
            every = [t for ts in times.values() for t in ts]
            every_cpu = [t for ts in cpus.values() for t in ts]
            print(f"  {what}: count + first page of 200, {len(every)} queries: "
                  f"p50 {percentile(every, 50):.1f} ms, p95 {percentile(every, 95):.1f} ms, "
                  f"max {max(every):.1f} ms (target p95 < 50 ms); "
                  f"CPU p50 {percentile(every_cpu, 50):.1f} ms, p95 {percentile(every_cpu, 95):.1f} ms")
            print(f"    the exact count alone (the list shows \"超过 {COUNT_UP_TO:,}\" until it lands, on a worker "
                  f"thread): p50 {percentile(exact, 50):.1f} ms, p95 {percentile(exact, 95):.1f} ms, "
                  f"max {max(exact):.1f} ms; CPU p95 {percentile(exact_cpus, 95):.1f} ms")
            for kind in KINDS:
                print(f"    {kind:<11} p50 {percentile(times[kind], 50):6.1f} ms  p95 {percentile(times[kind], 95):6.1f}"
                      f" ms  max {max(times[kind]):6.1f} ms  CPU p95 {percentile(cpus[kind], 95):6.1f} ms"
                      f"  median hits {statistics.median(hits[kind]):,.0f}")
            slowest.sort(reverse=True)
            print("    slowest: " + ", ".join(f"{text!r} ({kind}, {n:,} hits) {wall:.0f}/{cpu:.0f} ms"
                                           for wall, cpu, kind, text, n in slowest[:4]))
    print("\nunfiltered lists, first page of 200 (median of 20; target < 30 ms for households by 户号):")
    lists = [("households of the township by 户号", households, actors[f"township {township}"],
              HouseholdQuery(township_code=township)),
             ("households of the township by 户主", households, actors[f"township {township}"],
              HouseholdQuery(township_code=township, sort="head")),
             ("people of the township by name", people, actors[f"township {township}"], PersonQuery()),
             ("households of the county by 户号", households, actors[f"county {county}"], HouseholdQuery()),
             ("people of the county by name", people, actors[f"county {county}"], PersonQuery())]
    for label, service, actor, query in lists:
        service.page(actor, query, 0, 200)
        page_only = [timed(lambda: service.page(actor, query, 0, 200)) for _ in range(20)]
        with_count = [timed(lambda: (service.count(actor, query, up_to=COUNT_UP_TO),
                                     service.page(actor, query, 0, 200))) for _ in range(20)]
        exact_count = [timed(lambda: service.count(actor, query)) for _ in range(20)]
        print(f"  {label:<36} page {statistics.median(w for w, _ in page_only):6.1f} ms"
              f" (CPU {statistics.median(c for _, c in page_only):5.1f}),"
              f" page + count {statistics.median(w for w, _ in with_count):6.1f} ms"
              f" (CPU {statistics.median(c for _, c in with_count):5.1f}),"
              f" the exact count {statistics.median(w for w, _ in exact_count):6.1f} ms")
    gdb.close_database()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", nargs="?", type=Path, default=DEFAULT_DB)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--synthetic", type=int, default=300_000, metavar="N",
                        help="households of the synthetic county built when DB does not exist")
    args = parser.parse_args(argv)
    path = args.db
    if not path.exists():
        path = path.parent / f"synthetic-{args.synthetic}.sqlite3"
        print(f"{args.db} does not exist; using a synthetic county at {path}")
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            build_synthetic(path, args.synthetic)
    run(with_current_indexes(path), args.queries)


if __name__ == "__main__":
    main()
