"""A deterministic, realistic demo county (``gridapp demo``).

``build()`` fills the bound database with a county's villages, grids, workers, households and
residents, special groups, places, two years of visits and inspections, and events with their full
action histories. The same ``seed`` (and ``today``) gives the same rows, uids included: every
random choice comes from ``random.Random`` instances seeded from the seed.

Speed. A county of 300,000 households (about a million people and 2.5 million visits) must build
in about a minute and a half on two cores, so rows are generated as plain tuples and written with
``executemany`` on the raw connection inside one transaction; ``_SqliteLoad`` describes how the
indexes are dropped and rebuilt around it, partly on a helper thread. A cancel or a failure rolls
the whole transaction back, so the database never holds half a county.

The derived columns are filled exactly as the services fill them: ``name_tokens``/``addr_tokens``
(``text.tokens``), ``pinyin``/``initials`` (``text.pinyin_keys``), ``id_rev``/``phone_rev``
(reversed strings) and the denormalised village/township/county/grid columns.
"""
from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import json
import logging
import math
import os
import random
import re
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache

import peewee as pw

from gridapp import models as m
from gridapp import refdata, text, workflow
from gridapp.errors import Cancelled, ValidationError
from gridapp.paths import resource

log = logging.getLogger(__name__)

MAX_HOUSEHOLDS = 1_000_000
HOUSEHOLDS_PER_GRID = 300
HOUSEHOLDS_PER_VILLAGE = 600  # only so many villages get residents in a small demo
HOUSEHOLDS_PER_PLACE = 20
COMPLETE_TOWNSHIP = 20  # a township with this many villages in the data file gets no 示例 villages
EVENTS_PER_HOUSEHOLD_YEAR = 1 / 60
HISTORY_DAYS = 730  # two years of visits and events
OVERDUE_SHARE = 0.07  # targets whose last visit is too long ago
DEMO_LOGIN = "demo"
RISK_CATEGORY = "jsza"  # 严重精神障碍患者: visited with a 危险性 grade (随访)


@dataclass(frozen=True)
class DemoSummary:
    townships: int
    villages: int
    grids: int
    users: int
    households: int
    persons: int
    tags: int
    places: int
    visits: int
    events: int
    actions: int
    seconds: float


def build(households: int = 3000, seed: int = 1, *, county: str = refdata.DEFAULT_COUNTY,
          today: dt.date | None = None, on_progress=lambda done, total: None,
          is_cancelled=lambda: False) -> DemoSummary:
    """Build a demo county into the bound database, which must not hold any household yet."""
    started = time.perf_counter()
    if isinstance(households, bool) or not isinstance(households, int):
        raise ValidationError("户数必须是整数", field="households")
    if not 1 <= households <= MAX_HOUSEHOLDS:
        raise ValidationError(f"户数应在 1 到 {MAX_HOUSEHOLDS:,} 之间，实际为 {households:,}", field="households")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValidationError("随机种子必须是整数", field="seed")
    today = today or m.now().date()
    _ensure_reference_data(county)
    if m.Household.select().exists() or m.Event.select().exists():
        raise ValidationError("数据库中已有住户或事件数据；演示数据只能生成到空数据库中，请另建一个数据库文件",
                              field="households")
    builder = _Builder(households, seed, county, today, on_progress, is_cancelled)
    counts = builder.run()
    return DemoSummary(**counts, seconds=round(time.perf_counter() - started, 1))


def _ensure_reference_data(county: str) -> None:
    has_county = m.Division.select().where((m.Division.county_code == county)
                                           & (m.Division.level == "township")).exists()
    if not has_county:
        refdata.load_county(county)
    if not m.CodeItem.select().exists():
        refdata.load_codes()
    refdata.load_defaults()  # only fills what is missing


@lru_cache(maxsize=None)
def _pool(name: str) -> dict:
    return json.loads(resource("data", "demo", f"{name}.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- small helpers
class _Pick:
    """Weighted choice with a precomputed cumulative table (faster than ``choices`` per call)."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, weighted: dict | list):
        pairs = list(weighted.items()) if isinstance(weighted, dict) else list(weighted)
        self.items = [k for k, _ in pairs]
        self.cum = []
        total = 0.0
        for _, w in pairs:
            total += w
            self.cum.append(total)
        self.total = total

    def __call__(self, rnd):
        return self.items[bisect.bisect(self.cum, rnd() * self.total)]


def _table(weighted: dict, size: int) -> list:
    """A list of ``size`` items in proportion to their weights: pick with ``table[int(rnd() * size)]``."""
    total = sum(weighted.values())
    table = [k for k, w in weighted.items() for _ in range(round(w / total * size))]
    return (table + table[-1:] * size)[:size]


def _tokens(s: str) -> str:
    """``text.tokens`` for text we generate ourselves (CJK characters and digits only)."""
    return " ".join(s)


_CN_DIGITS = "零一二三四五六七八九"


def _cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五 (grid names 第一网格 …)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


class _Calendar:
    """Date and time strings by day ordinal, computed once (the builder formats millions)."""

    def __init__(self, today: dt.date):
        self.today = today
        self.today_ord = today.toordinal()
        self.first_ord = dt.date(1900, 1, 1).toordinal()
        last = self.today_ord + 5 * 366  # deadlines, next visits and sentence ends lie ahead
        self.days = [dt.date.fromordinal(d).isoformat() for d in range(self.first_ord, last + 1)]
        # Working hours, to the second: 08:30:00 … 17:29:59.
        self.times = [f"{minute // 60:02d}:{minute % 60:02d}:{sec:02d}"
                      for minute in range(510, 1050) for sec in range(60)]
        self._id: dict[int, tuple[str, int]] = {}

    def iso(self, ordinal: int) -> str:
        return self.days[ordinal - self.first_ord]

    def stamp(self, ordinal: int, rnd) -> str:
        """A time of the working day ``ordinal``."""
        return f"{self.days[ordinal - self.first_ord]} {self.times[int(rnd() * 32400)]}"

    def id_part(self, ordinal: int) -> tuple[str, int]:
        """(YYYYMMDD, its weighted digit sum for the check character)."""
        part = self._id.get(ordinal)
        if part is None:
            ymd = self.iso(ordinal).replace("-", "")
            part = self._id[ordinal] = (ymd, sum(int(d) * w for d, w in zip(ymd, _ID_WEIGHTS[6:14])))
        return part

    def year(self, ordinal: int) -> int:
        return int(self.days[ordinal - self.first_ord][:4])


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


class _IdMaker:
    """Valid 公民身份号码: area + birth date + a sequence unique per area, date and sex.

    The same result as ``ids.make_id``, with the weighted sums of the parts precomputed.
    """

    def __init__(self, rng: random.Random, calendar: _Calendar):
        self.calendar = calendar
        order = list(range(500))
        rng.shuffle(order)
        self.order = order
        self.used: dict[tuple[str, int, int], int] = {}
        self.area_sums: dict[str, int] = {}
        self.seq_sums = [sum(int(d) * w for d, w in zip(f"{s:03d}", _ID_WEIGHTS[14:])) for s in range(1000)]

    def make(self, area: str, birth_ord: int, male: bool) -> tuple[str, int]:
        """(ID number, birth ordinal); the birth date moves a day when its sequences are used up."""
        parity = 1 if male else 0
        while True:
            key = (area, birth_ord, parity)
            n = self.used.get(key, 0)
            if n < 500:
                break
            birth_ord -= 1
        self.used[key] = n + 1
        seq = self.order[n] * 2 + parity
        area_sum = self.area_sums.get(area)
        if area_sum is None:
            area_sum = self.area_sums[area] = sum(int(d) * w for d, w in zip(area, _ID_WEIGHTS[:6]))
        ymd, date_sum = self.calendar.id_part(birth_ord)
        check = _ID_CHECK[(area_sum + date_sum + self.seq_sums[seq]) % 11]
        return f"{area}{ymd}{seq:03d}{check}", birth_ord


class _Names:
    """Surnames by frequency and given names by sex and birth year."""

    def __init__(self):
        pool = _pool("names")
        self.surname = _Pick(pool["surnames"])
        self.eras = [(e["until"], e["two_char"], e["男"], e["女"]) for e in pool["eras"]]
        self._surname_keys: dict[str, tuple[str, str]] = {}
        self._given_keys: dict[str, tuple[str, str]] = {}

    def given(self, rng: random.Random, male: bool, birth_year: int) -> str:
        for until, two_char, male_chars, female_chars in self.eras:
            if birth_year <= until:
                break
        chars = male_chars if male else female_chars
        first = chars[int(rng.random() * len(chars))]
        if rng.random() >= two_char:
            return first
        second = chars[int(rng.random() * len(chars))]
        while second == first:
            second = chars[int(rng.random() * len(chars))]
        return first + second

    def keys(self, surname: str, given: str) -> tuple[str, str]:
        """``text.pinyin_keys(surname + given)``, from cached parts (a county has ~10⁵ names).

        A name's keys are its characters' readings in order, the first read as a surname; the
        given name's part is therefore taken from "一" + given with the "yi" dropped.
        """
        s = self._surname_keys.get(surname)
        if s is None:
            s = self._surname_keys[surname] = text.pinyin_keys(surname)
        g = self._given_keys.get(given)
        if g is None:
            full, initials = text.pinyin_keys("一" + given)
            g = self._given_keys[given] = (full[2:], initials[1:])
        return s[0] + g[0], s[1] + g[1]


_MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
                    "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "178",
                    "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199")

# Other Hubei areas where people who moved to the county were born (流动人口, married-in spouses).
_OTHER_AREAS = _Pick({"420222": 30, "420202": 8, "420203": 6, "420204": 6, "420205": 4, "420704": 8,
                      "421126": 6, "421125": 5, "421127": 4, "421181": 3, "421221": 3, "421281": 3,
                      "429004": 3, "420102": 2, "422801": 2, "422802": 1, "421023": 2})
_ETHNIC = _Pick({"汉族": 9950, "土家族": 28, "回族": 10, "苗族": 6, "满族": 3, "蒙古族": 2, "壮族": 1})
_HOUSEHOLD_SIZE = _Pick({1: 14, 2: 22, 3: 24, 4: 20, 5: 13, 6: 7})


# --------------------------------------------------------------------------- the plan
@dataclass(eq=False)
class _Township:
    code: str
    name: str
    kind: str
    weight: float
    villages: list = field(default_factory=list)
    events: list = field(default_factory=list)
    user: _User | None = None


@dataclass(eq=False)
class _Village:
    code: str
    name: str
    kind: str  # 社区 / 村
    example: bool
    new: bool  # to be inserted into Division
    weight: float
    township: _Township
    households: int = 0
    grid_sizes: list = field(default_factory=list)  # households per grid, planned
    grids: list = field(default_factory=list)  # the _Grid objects
    admin: _User | None = None


@dataclass(eq=False)
class _User:
    id: int
    login: str
    name: str


@dataclass(eq=False)
class _Grid:
    id: int
    code: str
    name: str
    village: _Village
    households: int
    worker: _User
    adults: list = field(default_factory=list)  # a sample: (person id, name, id number, phone, address)
    seen: int = 0
    places: list = field(default_factory=list)  # (place id, category, name, address)
    household_ids: list = field(default_factory=list)
    tagged: list = field(default_factory=list)  # people with a visit rule: (id, category, interval, since, risk)

    def sample_adult(self, adult: tuple, rnd) -> None:
        """Keep a uniform sample of the grid's adults (reservoir sampling): contacts and parties."""
        self.seen += 1
        if len(self.adults) < _ADULT_SAMPLE:
            self.adults.append(adult)
        else:
            j = int(rnd() * self.seen)
            if j < _ADULT_SAMPLE:
                self.adults[j] = adult


# --------------------------------------------------------------------------- bulk writing
class _Table:
    """The INSERT statement of one model for the columns we give; the other NOT NULL columns get
    their model default as a literal, so a column added later does not break the loader."""

    def __init__(self, db: pw.Database, model: type[m.BaseModel], columns: tuple[str, ...]):
        self.name = model._meta.table_name
        self.rows: list[tuple] = []
        self.count = 0
        names = list(columns)
        values = [db.param] * len(columns)
        for f in model._meta.sorted_fields:
            if f.column_name in columns or f.null or isinstance(f, pw.AutoField):
                continue
            if callable(f.default) or f.default is None:
                raise RuntimeError(f"demo: {self.name}.{f.column_name} needs a value")
            names.append(f.column_name)
            values.append(_literal(f.default))
        quoted = ", ".join(f'"{n}"' for n in names)
        self.sql = f'INSERT INTO "{self.name}" ({quoted}) VALUES ({", ".join(values)})'
        self.pg_sql = f'INSERT INTO "{self.name}" ({quoted}) VALUES %s'
        self.pg_template = f"({', '.join('%s' if v == db.param else v for v in values)})"


def _literal(value) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


_TRACKED = ("id", "uid", "created_at", "created_by", "updated_at", "updated_by")
_COLUMNS = {
    m.Division: ("code", "name", "level", "parent", "county_code", "kind", "example"),
    m.User: _TRACKED + ("login", "display_name", "role", "scope_code", "phone", "active"),
    m.Grid: _TRACKED + ("code", "name", "village_code", "township_code", "county_code", "worker_id"),
    m.GridAssignment: _TRACKED + ("grid_id", "worker_id", "start"),
    m.Household: _TRACKED + ("grid_id", "village_code", "township_code", "county_code", "number", "address",
                             "addr_tokens", "reg_type", "housing", "phone", "phone_rev"),
    m.Person: _TRACKED + ("household_id", "grid_id", "village_code", "township_code", "county_code", "name",
                          "name_tokens", "pinyin", "initials", "id_number", "id_rev", "sex", "birth_date",
                          "ethnic", "relation", "is_head", "phone", "phone_rev", "residence", "political",
                          "education", "occupation", "reg_address"),
    m.PersonTag: _TRACKED + ("person_id", "category", "attention", "since", "details", "sensitive"),
    m.Place: _TRACKED + ("grid_id", "village_code", "township_code", "county_code", "category", "name",
                         "address", "contact_id", "contact_name", "contact_phone"),
    m.Visit: _TRACKED + ("household_id", "person_id", "place_id", "grid_id", "village_code", "township_code",
                         "county_code", "kind", "visitor_id", "visitor_name", "visited_at", "method", "state",
                         "risk_grade", "notes", "findings", "checklist", "next_due"),
    m.Event: _TRACKED + ("version", "number", "kind", "category", "title", "description", "occurred_at",
                         "registered_at", "location", "place_id", "grid_id", "village_code", "township_code",
                         "county_code", "reporter_id", "reporter_name", "handler_id", "scale", "people_count",
                         "priority", "deadline", "state", "level", "escalated", "supervised", "method",
                         "outcome", "mediator", "agreement", "agreement_date", "closed_at", "satisfaction",
                         "visit_id", "supervision_note", "extension_until", "extension_reason"),
    m.EventParty: _TRACKED + ("event_id", "person_id", "name", "id_number", "phone", "role"),
    m.EventAction: _TRACKED + ("event_id", "action", "from_state", "to_state", "actor_id", "actor_name", "at",
                               "note", "details"),
    m.EventSequence: ("township_code", "year", "last"),
}
_LOADED = tuple(model for model in _COLUMNS if model is not m.Division and model is not m.EventSequence)
_FLUSH_ROWS = 40_000
_ADULT_SAMPLE = 300


class _Writer:
    """Buffers rows per table and writes them with executemany on the raw connection (or, with
    ``use()``, on the staging database's connection)."""

    def __init__(self, db: pw.Database):
        self.db = db
        self.postgres = isinstance(db, pw.PostgresqlDatabase)
        self.tables = {model: _Table(db, model, cols) for model, cols in _COLUMNS.items()}
        self.target: sqlite3.Connection | None = None
        self.cpu = 0.0  # spent writing
        self.next_id = {model: (db.execute_sql(f'SELECT max(id) FROM "{model._meta.table_name}"').fetchone()[0]
                                or 0) + 1 for model in _LOADED}

    def ids(self, model, n: int = 1) -> int:
        """Reserve ``n`` consecutive primary keys; returns the first."""
        first = self.next_id[model]
        self.next_id[model] = first + n
        return first

    def rows(self, model) -> list[tuple]:
        return self.tables[model].rows

    def use(self, connection: sqlite3.Connection) -> None:
        self.flush(force=True)
        self.target = connection

    def flush(self, force: bool = False) -> None:
        # PostgreSQL checks foreign keys row by row (SQLite's load turns them off): once one table
        # is full every table is written, parents first (the order of _COLUMNS), so no row arrives
        # before a row it refers to.
        full = self.postgres and any(len(t.rows) >= _FLUSH_ROWS for t in self.tables.values())
        for table in self.tables.values():
            if table.rows and (force or full or len(table.rows) >= _FLUSH_ROWS):
                self._write(table)

    def _write(self, table: _Table) -> None:
        cpu = time.thread_time()
        if self.postgres:
            from psycopg2.extras import execute_values

            with self.db.cursor() as cursor:
                execute_values(cursor, table.pg_sql, table.rows, template=table.pg_template, page_size=2000)
        else:
            (self.target or self.db.connection()).executemany(table.sql, table.rows)
        table.count += len(table.rows)
        table.rows.clear()
        self.cpu += time.thread_time() - cpu

    def count(self, model) -> int:
        return self.tables[model].count + len(self.tables[model].rows)

    def finish_postgres(self) -> None:
        """Move the id sequences past the ids we gave ourselves."""
        for model in _LOADED:
            name = model._meta.table_name
            self.db.execute_sql(f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "
                                f"(SELECT coalesce(max(id), 0) + 1 FROM \"{name}\"), false)")


class _SqliteLoad:
    """How a county gets into SQLite fast, in three passes inside one transaction.

    Around the transaction: loader PRAGMAs (no fsync, a large page cache, a rollback journal,
    which costs nothing for pages appended to the file) and a staging database attached to the
    connection. Inside it: the secondary indexes and full-text insert triggers of the loaded
    tables are dropped. Pass 1 writes the register (households, people …) into the database;
    then a helper thread rebuilds the register's indexes and full-text indexes — SQLite runs
    those long statements without Python's lock — while pass 2 writes visits and events into
    the staging database. Pass 3 copies the staged rows over in SQL and rebuilds their indexes.
    """

    STAGED = (m.Visit, m.Event, m.EventParty, m.EventAction, m.EventSequence)
    _PRAGMAS = (("foreign_keys", "0"), ("synchronous", "OFF"), ("journal_mode", "DELETE"),
                ("temp_store", "MEMORY"))

    def __init__(self, db: pw.Database, households: int):
        self.con: sqlite3.Connection = db.connection()
        self.cache_kb = min(2_000_000, max(64_000, households * 6))  # ~ the size of the new database
        self.stage_path = str(db.path) + ".demo-stage"
        self.stage: sqlite3.Connection | None = None
        self.saved: list[tuple[str, object]] = []
        self.dropped: dict[str, list[str]] = {}
        self.fts: dict[str, str] = {}  # content table -> its FTS table
        self.helper: threading.Thread | None = None
        self.helper_error: BaseException | None = None
        self.stop = False

    # ------------------------------------------------------------------ around the transaction
    def __enter__(self) -> _SqliteLoad:
        for name, value in self._PRAGMAS + (("cache_size", f"-{self.cache_kb}"),):
            before = self.con.execute(f"PRAGMA {name}").fetchone()[0]
            self.con.execute(f"PRAGMA {name}={value}")
            self.saved.append((name, before))
        _remove(self.stage_path)
        self.stage = sqlite3.connect(self.stage_path, isolation_level=None, check_same_thread=False)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", f"cache_size=-{self.cache_kb // 2}"):
            self.stage.execute(f"PRAGMA {pragma}")
        names = [model._meta.table_name for model in self.STAGED]
        for (sql,) in self.con.execute(f"SELECT sql FROM sqlite_master WHERE type = 'table' AND name IN "
                                       f"({', '.join('?' * len(names))})", names).fetchall():
            self.stage.execute(sql)
        self.con.execute("ATTACH DATABASE ? AS demo_stage", (self.stage_path,))
        return self

    def __exit__(self, *exc) -> None:
        self.stop_helper()
        if self.stage is not None:
            self.stage.close()
        with contextlib.suppress(sqlite3.Error):
            self.con.execute("DETACH DATABASE demo_stage")
        _remove(self.stage_path)
        for name, value in reversed(self.saved):
            self.con.execute(f"PRAGMA {name}={value}")

    # ------------------------------------------------------------------ inside the transaction
    def drop_secondary(self) -> None:
        tables = [model._meta.table_name for model in _LOADED]
        marks = ", ".join("?" * len(tables))
        rows = self.con.execute(
            f"SELECT type, name, tbl_name, sql FROM main.sqlite_master WHERE tbl_name IN ({marks}) "
            f"AND sql IS NOT NULL AND (type = 'index' OR (type = 'trigger' AND sql LIKE '%AFTER INSERT%'))",
            tables).fetchall()
        for kind, name, table, sql in rows:
            self.con.execute(f'DROP {kind.upper()} main."{name}"')
            self.dropped.setdefault(table, []).append(sql)
        for name, sql in self.con.execute("SELECT name, sql FROM main.sqlite_master WHERE type = 'table' "
                                          "AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'").fetchall():
            content = re.search(r"content\s*=\s*'(\w+)'", sql)
            if content and content.group(1) in tables:
                self.fts[content.group(1)] = name

    def _statements(self, tables) -> list[str]:
        tables = sorted(tables)
        out = [sql for t in tables for sql in self.dropped.get(t, ())]
        return out + [f"INSERT INTO \"{self.fts[t]}\"(\"{self.fts[t]}\") VALUES ('rebuild')"
                      for t in tables if t in self.fts]

    def rebuild_in_background(self) -> None:
        """Start rebuilding the indexes of every table that is not staged."""
        staged = {model._meta.table_name for model in self.STAGED}
        statements = self._statements(t for t in self.dropped.keys() | self.fts.keys() if t not in staged)

        def work():
            try:
                for sql in statements:
                    if self.stop:
                        return
                    _timed(self.con, sql)
            except BaseException as exc:  # handed to the main thread by wait()
                self.helper_error = exc

        self.helper = threading.Thread(target=work, name="demo-indexes", daemon=True)
        self.helper.start()

    def stage_connection(self) -> sqlite3.Connection:
        self.stage.execute("BEGIN")
        return self.stage

    def wait(self) -> None:
        """Let the helper finish its statements; raise what went wrong in it."""
        if self.helper is not None:
            self.helper.join()
            self.helper = None
        if self.helper_error is not None:
            raise self.helper_error

    def stop_helper(self) -> None:
        """Stop the helper after its current statement (the transaction is being abandoned)."""
        self.stop = True
        if self.helper is not None:
            self.helper.join()
            self.helper = None

    def copy_stage(self) -> None:
        self.stage.execute("COMMIT")
        for model in self.STAGED:
            name = model._meta.table_name
            _timed(self.con, f'INSERT INTO main."{name}" SELECT * FROM demo_stage."{name}"')

    def staged_statements(self) -> list[str]:
        return self._statements(model._meta.table_name for model in self.STAGED)

    def finish(self) -> None:
        self.con.execute("PRAGMA analysis_limit=400")
        _timed(self.con, "ANALYZE main")


def _timed(con: sqlite3.Connection, sql: str) -> None:
    started, cpu = time.perf_counter(), time.thread_time()
    con.execute(sql)
    log.debug("%5.2f s (cpu %5.2f s)  %s", time.perf_counter() - started, time.thread_time() - cpu, sql[:100])


def _remove(path: str) -> None:
    for suffix in ("", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(path + suffix)


# --------------------------------------------------------------------------- the builder
class _Builder:
    def __init__(self, households: int, seed: int, county: str, today: dt.date, on_progress, is_cancelled):
        self.total = households
        self.seed = seed
        self.county = county
        self.cal = _Calendar(today)
        self.on_progress = on_progress
        self.is_cancelled = is_cancelled
        self.rng = random.Random(f"gridapp-demo:{seed}")
        self.rnd = self.rng.random
        self._uid_buf, self._uid_at = "", 0
        self.names = _Names()
        self.ids = _IdMaker(random.Random(f"gridapp-demo-ids:{seed}"), self.cal)
        self.db = m.database.obj
        self.start_ord = self.cal.today_ord - HISTORY_DAYS
        # The last day with activity: yesterday, so that nothing is dated later than now.
        self.last_day = self.cal.today_ord - 1
        # Registry rows (households, people, grids) date from just before the history starts.
        self.base_ts = f"{self.cal.iso(self.start_ord - 30)} 09:00:00"
        self.done = 0
        self.work = 2 * households + max(households // 4, 1)  # two passes, then the indexes
        self._load_rules()
        self.texts = _Texts()

    def _load_rules(self) -> None:
        self.rules = {(r.target, r.attention): r.interval_days for r in m.VisitRule.select()
                      if r.deleted_at is None}
        self.risk_force_days = int(refdata.setting("risk_force_days", "14"))
        self.risk_force_grade = int(refdata.setting("risk_force_min_grade", "3"))
        self.time_limits = {kind: int(refdata.setting(f"time_limit.{kind}", "15")) for kind in workflow.KINDS}
        # The active inspection items per place category, as services.visits lists them.
        self.checklists: dict[str, list[tuple[int, str, str]]] = {}
        for item in (m.ChecklistItem.select().where(m.ChecklistItem.active & m.ChecklistItem.deleted_at.is_null())
                     .order_by(m.ChecklistItem.sort, m.ChecklistItem.id)):
            self.checklists.setdefault(item.place_category, []).append((item.id, item.text, item.hazard_category))
        self.sensitive = refdata.sensitive_categories()

    def uid(self) -> str:
        """A uid (32 hex digits) from the seeded generator, cut from a buffer of random bytes."""
        i = self._uid_at
        if i >= len(self._uid_buf):
            self._uid_buf = self.rng.randbytes(16 * 4096).hex()
            i = 0
        self._uid_at = i + 32
        return self._uid_buf[i:i + 32]

    # ------------------------------------------------------------------ run
    def run(self) -> dict:
        townships = self._plan()
        self.writer = _Writer(self.db)
        if self.writer.postgres:
            with self.db.atomic():
                self._register_pass(townships)
                self._activity_pass(townships)
                self.writer.flush(force=True)
                self.writer.finish_postgres()
                self._record()
        else:
            self._sqlite_run(townships)
        self.on_progress(self.work, self.work)
        populated = [v for t in townships for v in t.villages if v.households]
        w = self.writer
        return dict(townships=len({v.township.code for v in populated}), villages=len(populated),
                    grids=w.count(m.Grid), users=w.count(m.User), households=w.count(m.Household),
                    persons=w.count(m.Person), tags=w.count(m.PersonTag), places=w.count(m.Place),
                    visits=w.count(m.Visit), events=w.count(m.Event), actions=w.count(m.EventAction))

    def _sqlite_run(self, townships: list[_Township]) -> None:
        with _SqliteLoad(self.db, self.total) as load, self.db.atomic():
            load.drop_secondary()
            clock = time.perf_counter()
            self._register_pass(townships)
            self.writer.flush(force=True)
            log.debug("pass 1 (register) %.1f s, cpu %.1f s (%.1f s writing)", time.perf_counter() - clock,
                      time.thread_time(), self.writer.cpu)
            load.rebuild_in_background()
            try:
                self.writer.use(load.stage_connection())
                self._activity_pass(townships)
                self.writer.flush(force=True)
            except BaseException:
                load.stop_helper()
                raise
            load.wait()
            log.debug("pass 2 (visits and events) %.1f s, cpu %.1f s (%.1f s writing)", time.perf_counter() - clock,
                      time.thread_time(), self.writer.cpu)
            load.copy_stage()
            statements = load.staged_statements()
            unit = max((self.work - self.done) // max(len(statements), 1), 1)
            for sql in statements:
                self._check_cancel()
                _timed(load.con, sql)
                self.done += unit
                self.on_progress(min(self.done, self.work), self.work)
            load.finish()
            self._record()
            log.debug("pass 3 (indexes) %.1f s, cpu %.1f s", time.perf_counter() - clock, time.thread_time())

    def _register_pass(self, townships: list[_Township]) -> None:
        """Divisions, accounts, grids, households, people, special groups and places."""
        self._write_divisions(townships)
        self._make_users_and_grids(townships)
        for township in townships:
            for village in township.villages:
                if village.households:
                    self._fill_village(village)

    def _activity_pass(self, townships: list[_Township]) -> None:
        """Two years of visits, inspections and events, grid by grid."""
        for township in townships:
            for village in township.villages:
                for grid in village.grids:
                    self._check_cancel()
                    self._grid_activity(grid)
                    self._progress(grid.households)
            self._finish_events(township)
            self.writer.flush()

    def _progress(self, households: int) -> None:
        self.done += households
        self.on_progress(self.done, self.work)
        self.writer.flush()

    def _check_cancel(self) -> None:
        if self.is_cancelled():
            raise Cancelled("已取消生成演示数据，数据库未作改动")

    def _record(self) -> None:
        from gridapp.services import audit
        from gridapp.services.actor import system_actor

        value = json.dumps({"households": self.total, "seed": self.seed, "today": self.cal.today.isoformat()})
        m.Setting.insert(key="demo", value=value).on_conflict(
            conflict_target=[m.Setting.key], update={m.Setting.value: value}).execute()
        audit.record(system_actor(), "import", "database", None,
                     {"source": "演示数据", "county": self.county, "households": self.total, "seed": self.seed})

    # ------------------------------------------------------------------ divisions
    def _plan(self) -> list[_Township]:
        """Townships with their villages (示例 villages added), weights, households and grids."""
        spec = _pool("divisions")
        rng = random.Random(f"gridapp-demo-plan:{self.seed}")
        rows = list(m.Division.select().where(m.Division.county_code == self.county).order_by(m.Division.code))
        townships = [_Township(d.code, d.name, d.kind, 0.0) for d in rows if d.level == "township"]
        by_code = {t.code: t for t in townships}
        for d in rows:
            if d.level == "village" and d.parent in by_code:
                t = by_code[d.parent]
                t.villages.append(_Village(d.code, d.name, d.kind or ("社区" if d.name.endswith("社区") else "村"),
                                           d.example, False, 0.0, t))
        taken_names = {v.name for t in townships for v in t.villages}
        sizes = spec["village_size_weight"]
        for t in townships:
            kind_spec = spec["villages_per_township"].get(t.kind, spec["villages_per_township"]["镇"])
            t.weight = kind_spec["weight"] * rng.uniform(0.75, 1.3)
            complete = len(t.villages) >= COMPLETE_TOWNSHIP  # the data file lists all its villages
            for kind in () if complete else ("社区", "村"):
                low, high = kind_spec[kind]
                want = rng.randint(low, high) - sum(1 for v in t.villages if v.kind == kind)
                for _ in range(max(want, 0)):
                    name = self._village_name(rng, spec, kind, taken_names)
                    code = _free_code(t, kind)
                    t.villages.append(_Village(code, name, kind, True, True, 0.0, t))
            t.villages.sort(key=lambda v: v.code)
            for v in t.villages:
                v.weight = t.weight * sizes.get(v.kind, 1.0) * rng.lognormvariate(0, 0.35)
        self._allocate(rng, townships)
        return townships

    @staticmethod
    def _village_name(rng: random.Random, spec: dict, kind: str, taken: set[str]) -> str:
        for _ in range(1000):
            if kind == "社区":
                name = rng.choice(spec["community_prefixes"]) + rng.choice(spec["community_suffixes"]) + "社区"
            else:
                pattern = rng.choice(spec["village_patterns"])
                name = pattern.format(s=rng.choice(spec["village_surnames"]),
                                      p=rng.choice(spec["village_prefixes"])) + "村"
            if name not in taken:
                taken.add(name)
                return name
        raise RuntimeError("demo: ran out of village names")

    def _allocate(self, rng: random.Random, townships: list[_Township]) -> None:
        """Households to villages (a weighted subset when the demo is small), then to grids."""
        villages = [v for t in townships for v in t.villages]
        k = min(len(villages), max(1, round(self.total / HOUSEHOLDS_PER_VILLAGE)))
        if k < len(villages):
            keyed = sorted(villages, key=lambda v: rng.random() ** (1 / v.weight), reverse=True)
            active = sorted(keyed[:k], key=lambda v: v.code)
        else:
            active = villages
        for v, n in zip(active, _apportion(self.total, [v.weight for v in active])):
            v.households = n
        for v in active:
            if v.households:
                g = max(1, round(v.households / HOUSEHOLDS_PER_GRID))
                v.grid_sizes = _apportion(v.households, [rng.uniform(0.85, 1.15) for _ in range(g)])

    def _write_divisions(self, townships) -> None:
        rows = self.writer.rows(m.Division)
        for t in townships:
            for v in t.villages:
                if v.new:
                    rows.append((v.code, v.name, "village", t.code, self.county, v.kind, True))

    # ------------------------------------------------------------------ users and grids
    def _make_users_and_grids(self, townships) -> None:
        w = self.writer
        users, grids, assignments = w.rows(m.User), w.rows(m.Grid), w.rows(m.GridAssignment)
        taken = {login for (login,) in self.db.execute_sql('SELECT login FROM "user"').fetchall()}
        ts = self.base_ts

        def user(login: str, role: str, scope: str | None, name: str | None = None) -> _User:
            if login in taken:
                row = m.User.get(m.User.login == login)
                return _User(row.id, row.login, row.display_name)
            taken.add(login)
            user_id = w.ids(m.User)
            name = name or self.person_name()
            users.append((user_id, self.uid(), ts, DEMO_LOGIN, ts, DEMO_LOGIN, login, name, role, scope,
                          self._mobile(), True))
            return _User(user_id, login, name)

        user("admin", "sysadmin", None, "系统管理员")
        self.county_user = user(f"xian{self.county}", "township", self.county)
        for t in townships:
            if not any(v.households for v in t.villages):
                continue
            t.user = user(f"xz{t.code}", "township", t.code)
            for v in t.villages:
                if not v.households:
                    continue
                v.admin = user(f"cun{v.code}", "village_admin", v.code)
                for seq, n in enumerate(v.grid_sizes, 1):
                    code = f"{v.code}{seq:02d}"
                    worker = user(f"wg{code}", "grid_worker", v.code)
                    gid = w.ids(m.Grid)
                    name = f"第{_cn_number(seq)}网格"
                    grids.append((gid, self.uid(), ts, DEMO_LOGIN, ts, DEMO_LOGIN, code, name, v.code, t.code,
                                  self.county, worker.id))
                    start = self.cal.iso(self.start_ord - 30 - int(self.rnd() * 700))
                    assignments.append((w.ids(m.GridAssignment), self.uid(), ts, DEMO_LOGIN, ts, DEMO_LOGIN,
                                        gid, worker.id, start))
                    v.grids.append(_Grid(gid, code, name, v, n, worker))

    def person_name(self) -> str:
        male = self.rnd() < 0.5
        return self.names.surname(self.rnd) + self.names.given(self.rng, male, 1965 + int(self.rnd() * 30))

    def _mobile(self) -> str:
        return _MOBILE_PREFIXES[int(self.rnd() * len(_MOBILE_PREFIXES))] + f"{int(self.rnd() * 1e8):08d}"

    # ------------------------------------------------------------------ a village
    def _fill_village(self, village: _Village) -> None:
        addresses = _Addresses(self.rng, village)
        number = 0
        for grid in village.grids:
            self._check_cancel()
            for _ in range(grid.households):
                number += 1
                self._household(grid, number, addresses.next())
            self._places(grid, addresses)
            self._progress(grid.households)

    def _grid_activity(self, grid: _Grid) -> None:
        for hid in grid.household_ids:
            self._household_visits(grid, hid)
        for pid, category, interval, since, risk in grid.tagged:
            self._person_visits(grid, pid, category, interval, since, risk)
        for place_id, category, _, _ in grid.places:
            self._inspections(grid, place_id, category)
        self._grid_events(grid, grid.village.township)

    # ------------------------------------------------------------------ households and people
    def _household(self, grid: _Grid, number: int, address: str) -> None:
        rnd, rng, cal, w = self.rnd, self.rng, self.cal, self.writer
        v = grid.village
        rural = v.kind == "村"
        urban_share = 0.0 if rural else 1.0
        r = rnd()
        if r < 0.86 - 0.08 * urban_share:
            reg_type = "户籍户"
        elif r < 0.95:
            reg_type = "流动户"
        else:
            reg_type = "人户分离户"
        if reg_type == "流动户":
            housing = "租住" if rnd() < 0.8 else ("借住" if rnd() < 0.5 else "自有")
        else:
            r = rnd()
            housing = "自有" if r < 0.92 else ("租住" if r < 0.97 else ("借住" if r < 0.99 else "其他"))
        members, left_behind = _family(rng, _HOUSEHOLD_SIZE(rnd), rural)
        left_behind = left_behind and reg_type == "户籍户"
        hid = w.ids(m.Household)
        pid0 = w.ids(m.Person, len(members))
        login = grid.worker.login
        ts = self.base_ts
        codes = (v.code, v.township.code, self.county)
        family_area = "420281" if reg_type == "户籍户" or rnd() < 0.3 else _OTHER_AREAS(rnd)
        persons = w.rows(m.Person)
        surname = self.names.surname
        head_surname, spouse_surname = surname(rnd), surname(rnd)
        has_spouse = len(members) > 1 and members[1][3] == "spouse"
        # Children take their father's surname: the head's, or the spouse's when the head is a wife.
        family_surname = spouse_surname if has_spouse and not members[0][1] else head_surname
        head_ethnic = _ETHNIC(rnd)
        generation_char = None
        people = []  # (pid, name, id number, phone, age in years, male, role, residence, birth ordinal)
        household_phone = None
        for i, (relation, male, age, role) in enumerate(members):
            pid = pid0 + i
            if role == "head":
                family_name = head_surname
            elif role == "spouse":
                family_name = spouse_surname
            elif role in ("child", "grandchild"):
                family_name = family_surname
            elif role == "parent" and male:
                family_name = head_surname
            else:
                family_name = surname(rnd)
            birth_ord = cal.today_ord - int((age + rnd()) * 365.2425)
            given = self.names.given(rng, male, cal.year(birth_ord))
            if role == "child" and male and len(given) == 2:
                # Brothers often share a generation character (字辈).
                if generation_char is None:
                    generation_char = given[0]
                elif rnd() < 0.5 and given[1] != generation_char:
                    given = generation_char + given[1]
            name = family_name + given
            if role in ("head", "child", "grandchild"):
                area = family_area
            elif reg_type != "户籍户" or rnd() < 0.12:
                area = _OTHER_AREAS(rnd)
            else:
                area = "420281"
            id_number, birth_ord = self.ids.make(area, birth_ord, male)
            birth_year = cal.year(birth_ord)
            years = (cal.today_ord - birth_ord) / 365.2425
            phone = None
            if (16 <= years < 80 and rnd() < 0.93) or (years >= 80 and rnd() < 0.35):
                phone = self._mobile()
            residence = _residence(rnd, reg_type, rural, years, role, left_behind)
            pinyin, initials = self.names.keys(family_name, given)
            ethnic = _ETHNIC(rnd) if role in ("spouse", "inlaw") else head_ethnic
            political, education, occupation = _status(rnd, years, birth_year, male, rural)
            persons.append((pid, self.uid(), ts, login, ts, login, hid, grid.id, *codes, name, _tokens(name),
                            pinyin, initials, id_number, id_number[::-1], "男" if male else "女",
                            cal.iso(birth_ord), ethnic, relation, role == "head", phone,
                            phone[::-1] if phone else None, residence, political, education, occupation,
                            address if reg_type == "户籍户" else None))
            if household_phone is None and phone and years >= 18:
                household_phone = phone
            people.append((pid, name, id_number, phone, years, male, role, residence, birth_ord))
        if rnd() < 0.08:
            household_phone = f"0714-87{int(rnd() * 1e5):05d}"
        w.rows(m.Household).append((hid, self.uid(), ts, login, ts, login, grid.id, *codes,
                                     f"{v.code[-3:]}{number:05d}", address, _tokens(address), reg_type, housing,
                                     household_phone, household_phone[::-1] if household_phone else None))
        for p in people:
            if p[4] >= 18:
                grid.sample_adult((p[0], p[1], p[2], p[3], address), rnd)
        grid.household_ids.append(hid)
        self._tags(grid, people, left_behind, reg_type)

    # ------------------------------------------------------------------ tags
    def _tags(self, grid: _Grid, people, left_behind: bool, reg_type: str) -> None:
        """Special groups at plausible rates; the household decides 独居/空巢/留守."""
        rnd = self.rnd
        tags = []
        size = len(people)
        empty_nest = (size == 2 and reg_type == "户籍户" and all(p[4] >= 60.05 for p in people)
                      and rnd() < 0.3)
        for p in people:
            pid, name, _, _, years, male, role, residence, birth_ord = p
            if size == 1 and years >= 65.05:
                tags.append((p, "djlr", _attention(rnd, (0.05, 0.4) if years >= 80 else (0.005, 0.25)), 65))
                if rnd() < 0.15:
                    tags.append((p, "tkgy", "03", 65))
            if empty_nest:
                tags.append((p, "kclr", _attention(rnd, (0.005, 0.15)), 60))
            if left_behind and role == "grandchild" and years < 17.95:
                tags.append((p, "lset", _attention(rnd, (0.1, 0.6)), 0))
            if left_behind and role in ("head", "spouse") and years >= 60.05 and rnd() < 0.3:
                tags.append((p, "lslr", "03", 60))
            if 18.05 <= years < 80 and rnd() < 0.0036:
                tags.append((p, "jsza", _attention(rnd, (0.12, 0.38)), 18))
            if 20.05 <= years < 70:
                if rnd() < (0.015 if male else 0.002):
                    tags.append((p, "xmsf", _attention(rnd, (0.1, 0.5)), 20))
                if rnd() < (0.0055 if male else 0.001):
                    tags.append((p, "sqjz", _attention(rnd, (0.1, 0.6)), 20))
                if years < 50 and rnd() < 0.0008:
                    tags.append((p, "xdry", _attention(rnd, (0.2, 0.5)), 20))
            if 40 <= years < 75 and rnd() < 0.0004:
                tags.append((p, "zdsf", _attention(rnd, (0.3, 0.5)), 40))
            if rnd() < (0.03 if years >= 60 else 0.008):
                tags.append((p, "cjr", "03", 0))
            if male and 35 <= years < 85 and rnd() < 0.025:
                tags.append((p, "tyjr", "03", 35))
            if years < 17.95:
                if rnd() < 0.004:
                    tags.append((p, "kjet", _attention(rnd, (0.1, 0.6)), 0))
                if years >= 14.05 and rnd() < 0.005:
                    tags.append((p, "zdqsn", _attention(rnd, (0.1, 0.5)), 14))
            if role == "head" and rnd() < 0.02:
                tags.append((p, "dbh", "03", 18 if years >= 18 else 0))
        # One visit schedule per person, as the worklist sees it: the shortest interval of their
        # groups; anyone with a 严重精神障碍 tag gets 随访 with a risk grade.
        ruled: dict[int, list[tuple]] = {}
        for p, category, attention, min_age in tags:
            since, risk = self._tag(grid, p, category, attention, min_age, people)
            interval = self.rules.get((category, attention))
            if interval:
                ruled.setdefault(p[0], []).append((interval, category, since, risk))
        for pid, schedules in ruled.items():
            mental = [x for x in schedules if x[1] == RISK_CATEGORY]
            interval, category, _, _ = min(schedules)
            since = min(x[2] for x in schedules)
            if mental:  # graded from the day the tag started (a grade needs a live tag)
                grid.tagged.append((pid, RISK_CATEGORY, interval, mental[0][2], mental[0][3]))
            else:
                grid.tagged.append((pid, category, interval, since, None))

    def _tag(self, grid: _Grid, person, category: str, attention: str, min_age: int,
             people) -> tuple[int, int | None]:
        """Write the tag; returns (its start day, the risk grade for 严重精神障碍患者)."""
        rnd, cal, w = self.rnd, self.cal, self.writer
        pid, name, _, _, years, male, role, residence, birth_ord = person
        eligible = birth_ord + int(min_age * 365.2425) + 1
        since = max(cal.today_ord - 365 - int(rnd() * 4 * 365), eligible)
        since = min(since, self.last_day)
        details, risk = self._details(category, since, people, person)
        since_ts = f"{cal.iso(since)} 10:00:00"
        w.rows(m.PersonTag).append((w.ids(m.PersonTag), self.uid(), since_ts, grid.worker.login, since_ts,
                                    grid.worker.login, pid, category, attention, cal.iso(since),
                                    json.dumps(details, ensure_ascii=False, sort_keys=True) if details else None,
                                    category in self.sensitive))
        return since, risk

    def _details(self, category: str, since: int, people, person) -> tuple[dict | None, int | None]:
        rnd, rng, cal = self.rnd, self.rng, self.cal
        texts = self.texts
        if category == "jsza":
            risk = _pick_risk(rnd)
            carers = [p[1] for p in people if p is not person and p[4] >= 18]
            diagnosis = texts.diagnosis(rnd)
            return {"diagnosis": diagnosis[0], "diagnosis_name": diagnosis[1], "risk": risk,
                    "treatment": texts.treatment(rnd), "guardian": carers[0] if carers else None}, risk
        if category == "xmsf":
            return {"subtype": "重点帮教" if rnd() < 0.2 else "一般帮教", "crime": texts.crime(rnd),
                    "released_on": cal.iso(since - int(rnd() * 30))}, None
        if category == "sqjz":  # still under correction: the term ends after today
            end = max(since + 365 + int(rnd() * 3 * 365), cal.today_ord + 30 + int(rnd() * 700))
            return {"subtype": texts.correction(rnd), "start": cal.iso(since), "end": cal.iso(end)}, None
        if category == "xdry":
            return {"subtype": "在控" if rnd() < 0.9 else "失控"}, None
        if category == "zdqsn":
            return {"subtype": rng.choice(("闲散青少年", "有不良行为青少年", "服刑人员未成年子女"))}, None
        if category == "lset":
            carers = [p[1] for p in people if p[4] >= 50]
            return {"guardian": carers[0] if carers else None, "parents_out": True}, None
        if category == "cjr":
            return {"type": rng.choice(("肢体", "视力", "听力", "言语", "智力", "精神")),
                    "grade": rng.choice(("一级", "二级", "三级", "四级"))}, None
        if category == "dbh":
            return {"members": len(people)}, None
        return None, None

    # ------------------------------------------------------------------ visits
    def _chain(self, first: int, interval: int, overdue: bool) -> list[int]:
        """Visit days from ``first`` up to today, mostly within ``interval`` of each other; an
        overdue chain stops so that its last visit is more than ``interval`` days ago."""
        rnd = self.rnd
        today = self.last_day
        days = []
        d = first + int(rnd() * interval * 0.9)
        while d <= today:
            days.append(d)
            late = rnd() < 0.05
            d += max(1, int(interval * ((1.0 + rnd() * 0.25) if late else (0.85 + rnd() * 0.15))))
        if overdue:
            cut = today - interval - 1 - int(rnd() * min(interval, 90))
            days = [x for x in days if x <= cut]
        return days

    def _stamp(self, day: int) -> str:
        return self.cal.stamp(day, self.rnd)

    def _routine_visits(self, grid: _Grid, days: list[int], interval: int, kind: str, notes: list[str], *,
                        household: int | None = None, person: int | None = None, place: int | None = None,
                        away: float = 0.0, checklist: str | None = None) -> None:
        """Visits that found nothing special, on ``days``: most of the visit table, so built inline."""
        if not days:
            return
        rnd, uid, w = self.rnd, self.uid, self.writer
        days_iso, times, base = self.cal.days, self.cal.times, self.cal.first_ord
        methods, n_notes = self.texts.methods, len(notes)
        worker, v = grid.worker, grid.village
        login, wid, wname, gid, vcode, tcode, county = (worker.login, worker.id, worker.name, grid.id, v.code,
                                                         v.township.code, self.county)
        vid = w.ids(m.Visit, len(days))
        rows = w.rows(m.Visit)
        for day in days:
            at = f"{days_iso[day - base]} {times[int(rnd() * 32400)]}"
            rows.append((vid, uid(), at, login, at, login, household, person, place, gid, vcode, tcode, county,
                         kind, wid, wname, at, methods[int(rnd() * 100)], "外出" if rnd() < away else "正常",
                         None, notes[int(rnd() * n_notes)], None, checklist, days_iso[day + interval - base]))
            vid += 1

    def _visit(self, grid: _Grid, day: int, next_day: int | None, *, household=None, person=None, place=None,
               kind="走访", method="入户", state="正常", risk=None, notes=None, findings=None,
               checklist=None, at: str | None = None) -> int:
        w, v = self.writer, grid.village
        vid = w.ids(m.Visit)
        at = at or self._stamp(day)
        worker = grid.worker
        w.rows(m.Visit).append((vid, self.uid(), at, worker.login, at, worker.login, household, person, place,
                                grid.id, v.code, v.township.code, self.county, kind, worker.id, worker.name, at,
                                method, state, risk, notes, findings, checklist,
                                self.cal.iso(next_day) if next_day is not None else None))
        return vid

    def _household_visits(self, grid: _Grid, hid: int) -> None:
        interval = self.rules.get(("household", ""))
        if not interval:
            return
        days = self._chain(self.start_ord, interval, self.rnd() < OVERDUE_SHARE)
        self._routine_visits(grid, days, interval, "走访", self.texts.visit_notes["household"], household=hid,
                             away=0.05)

    def _person_visits(self, grid: _Grid, pid: int, category: str, interval: int, since: int,
                       risk: int | None) -> None:
        rnd, texts = self.rnd, self.texts
        first = max(self.start_ord, since)
        kind, note_kind = _VISIT_KIND.get(category, ("走访", "supervision"))
        if category != RISK_CATEGORY:
            days = self._chain(first, interval, rnd() < OVERDUE_SHARE)
            self._routine_visits(grid, days, interval, kind, texts.visit_notes[note_kind], person=pid)
            return
        # 严重精神障碍患者: a risk grade at every visit; grades 3–5 bring the next visit within 14 days.
        overdue = rnd() < OVERDUE_SHARE
        today = self.last_day
        day = first + int(rnd() * interval * 0.9)
        days = []
        while day <= today:
            grade = risk if rnd() < 0.7 else _pick_risk(rnd)
            gap = self.risk_force_days if grade >= self.risk_force_grade else interval
            days.append((day, grade, gap))
            day += max(1, int(gap * (0.8 + rnd() * 0.2)))
        if overdue and days:
            cut = today - interval - 1 - int(rnd() * min(interval, 60))
            days = [d for d in days if d[0] <= cut]
        for day, grade, gap in days:
            state = "正常" if grade < 3 else "异常"
            self._visit(grid, day, day + gap, person=pid, kind=kind, method=texts.method(rnd), state=state,
                        risk=grade, notes=texts.note(note_kind, rnd))

    # ------------------------------------------------------------------ places
    def _places(self, grid: _Grid, addresses: _Addresses) -> None:
        rnd, w, texts = self.rnd, self.writer, self.texts
        expected = grid.households / HOUSEHOLDS_PER_PLACE
        n = int(expected) + (1 if rnd() < expected - int(expected) else 0)
        if not grid.adults:
            return
        v = grid.village
        short = v.name.removesuffix("社区").removesuffix("村")
        used = set()
        for _ in range(n):
            category = texts.place_category(rnd)
            pid, name, _, phone, address = grid.adults[int(rnd() * len(grid.adults))]
            for _attempt in range(5):
                place_name = texts.place_name(rnd, category, contact=name, village=short, township=v.township.name)
                if place_name not in used:
                    break
            used.add(place_name)
            if category != "出租房屋":
                address = addresses.place_address()
            place_id = w.ids(m.Place)
            ts = self.base_ts
            w.rows(m.Place).append((place_id, self.uid(), ts, grid.worker.login, ts, grid.worker.login, grid.id,
                                    v.code, v.township.code, self.county, category, place_name, address, pid,
                                    name, phone))
            grid.places.append((place_id, category, place_name, address))

    def _inspections(self, grid: _Grid, place_id: int, category: str) -> None:
        interval = self.rules.get((f"place:{category}", ""))
        items = self.checklists.get(category, [])
        if not interval:
            return
        rnd, texts = self.rnd, self.texts
        passed = []
        for day in self._chain(self.start_ord, interval, rnd() < OVERDUE_SHARE):
            if items and rnd() < 0.08:
                bad = items[int(rnd() * len(items))]
                self._visit(grid, day, day + interval, place=place_id, kind="巡查",
                            checklist=texts.checklist(items, bad), notes=texts.note("place_bad", rnd),
                            findings=f"{bad[1]}不合格，已责令整改")
            else:
                passed.append(day)
        self._routine_visits(grid, passed, interval, "巡查", texts.visit_notes["place_ok"], place=place_id,
                             checklist=texts.checklist(items, None))

    # ------------------------------------------------------------------ events
    def _grid_events(self, grid: _Grid, township: _Township) -> None:
        rnd = self.rnd
        expected = grid.households * EVENTS_PER_HOUSEHOLD_YEAR * HISTORY_DAYS / 365
        n = int(expected) + (1 if rnd() < expected - int(expected) else 0)
        for _ in range(n):
            if grid.adults:
                township.events.append(self._event(grid))

    def _event(self, grid: _Grid) -> _EventDraft:
        """One event of the grid. A 安全隐患 at one of the grid's places comes from an inspection
        that found the item 不合格 (category: the item's hazard category), as the service does."""
        rnd, texts = self.rnd, self.texts
        kind = texts.kind(rnd)
        day = self.start_ord + int(rnd() * HISTORY_DAYS)
        registered = self._stamp(day)
        a = grid.adults[int(rnd() * len(grid.adults))]
        b = grid.adults[int(rnd() * len(grid.adults))]
        v = grid.village
        group = _group_of(a[4], v.township.name + v.name)
        place = bad = None
        if kind == "安全隐患" and grid.places and rnd() < 0.6:
            place = grid.places[int(rnd() * len(grid.places))]
            items = self.checklists.get(place[1], [])
            bad = items[int(rnd() * len(items))] if items else None
        category = bad[2] if bad else None
        category, title, description = texts.event_text(kind, rnd, a[1], b[1], v.name, group, category)
        where = place[2] if place else a[4]
        title, description = title.replace("{p}", where), description.replace("{p}", where)
        visit_id = None
        if bad:
            interval = self.rules.get((f"place:{place[1]}", ""), 30)
            visit_id = self._visit(grid, day, day + interval, place=place[0], kind="巡查",
                                   checklist=texts.checklist(items, bad), notes=texts.note("place_bad", rnd),
                                   findings=title, at=registered)
        parties = [a, b] if kind == "矛盾纠纷" and b[0] != a[0] else [a]
        return _EventDraft(grid=grid, kind=kind, category=category, title=title, description=description,
                           day=day, registered=registered, location=place[3] if place else a[4],
                           place_id=place[0] if place else None, parties=parties, visit_id=visit_id)

    def _finish_events(self, township: _Township) -> None:
        """Number the township's events in registration order and write them with their history."""
        drafts = sorted(township.events, key=lambda e: e.registered)
        township.events = []
        w = self.writer
        last: dict[int, int] = {}
        for e in drafts:
            year = int(e.registered[:4])
            seq = last.get(year, 0) + 1
            last[year] = seq
            e.number = f"{township.code}-{year}-{seq:05d}"
            self._write_event(e, township)
        w.rows(m.EventSequence).extend((township.code, year, n) for year, n in sorted(last.items()))

    def _write_event(self, e: _EventDraft, township: _Township) -> None:
        w, rnd, texts = self.writer, self.rnd, self.texts
        story = _EventStory(self, e, township)
        story.play()
        eid = w.ids(m.Event)
        g = e.grid
        v = g.village
        for (action, from_state, to_state, actor, at, note, details) in story.actions:
            w.rows(m.EventAction).append((w.ids(m.EventAction), self.uid(), at, actor.login, at, actor.login, eid,
                                          action, from_state, to_state, actor.id, actor.name, at, note, details))
        role = "当事人" if e.kind == "矛盾纠纷" else "反映人"
        for pid, name, id_number, phone, _ in e.parties:
            w.rows(m.EventParty).append((w.ids(m.EventParty), self.uid(), e.registered, g.worker.login,
                                         e.registered, g.worker.login, eid, pid, name, id_number, phone, role))
        occurred = self._stamp(max(e.day - int(rnd() * 3), self.start_ord))
        if occurred > e.registered:
            occurred = e.registered
        last_at = story.actions[-1][4]
        people = len(e.parties) if rnd() < 0.95 else 5 + int(rnd() * 25)
        r = rnd()
        priority = "黄" if r < 0.85 else ("橙" if r < 0.97 else "红")
        r = rnd()
        scale = "一般" if r < 0.95 else ("较大" if r < 0.99 else "重大")
        w.rows(m.Event).append((
            eid, self.uid(), e.registered, g.worker.login, last_at, story.actions[-1][3].login,
            len(story.actions), e.number, e.kind, e.category, e.title, e.description, occurred, e.registered,
            e.location, e.place_id, g.id, v.code, township.code, self.county, g.worker.id, g.worker.name,
            story.handler.id if story.handler else None, scale, people, priority,
            self.cal.iso(story.deadline), story.state, story.level, story.level != "村", story.supervised,
            story.method, story.outcome, story.mediator, story.agreement, story.agreement_date,
            story.closed_at, story.satisfaction, e.visit_id, story.supervision_note,
            self.cal.iso(story.extension_until) if story.extension_until else None, story.extension_reason))


_VISIT_KIND = {"jsza": ("随访", "jsza"), "djlr": ("走访", "elder"), "kclr": ("走访", "elder"),
               "lset": ("走访", "child"), "kjet": ("走访", "child")}


@dataclass(eq=False)
class _EventDraft:
    grid: _Grid
    kind: str
    category: str | None
    title: str
    description: str
    day: int
    registered: str
    location: str
    place_id: int | None
    parties: list
    visit_id: int | None
    number: str = ""


class _EventStory:
    """The history of one event, played along ``gridapp.workflow`` up to today.

    Each step happens some time after the previous one; the story stops at the first step that
    would fall after today, so old events are mostly closed and recent ones still open. Each
    step changes the event's fields and records the same details as ``services.events`` does.
    """

    def __init__(self, builder: _Builder, e: _EventDraft, township: _Township):
        self.b = builder
        self.e = e
        self.township = township
        self.rnd = builder.rnd
        self.texts = builder.texts
        self.iso = builder.cal.iso
        self.actions: list[tuple] = []  # (action, from state, to state, actor, at, note, details JSON)
        self.state = workflow.REGISTERED
        self.level = workflow.VILLAGE_LEVEL
        self.supervised = False
        self.supervision_note = None
        self.extension_until = self.extension_reason = None
        self.handler: _User | None = None
        self.limit = builder.time_limits.get(e.kind, 15)
        self.deadline = e.day + self.limit
        self.method = self.outcome = self.mediator = self.agreement = self.agreement_date = None
        self.closed_at = self.satisfaction = None
        self.now = dt.datetime.fromisoformat(e.registered)
        self.last_day = builder.last_day

    # ------------------------------------------------------------------ steps
    def _step(self, action: str, actor: _User, after_days: float, note: str | None = None, **details) -> bool:
        """Record ``action`` about ``after_days`` after the previous step; False (and nothing
        recorded) when that would be after today."""
        if after_days < 1:
            at = self.now + dt.timedelta(minutes=5 + int(self.rnd() * 120))
        else:
            day = dt.datetime.fromordinal(self.now.toordinal() + int(after_days))
            at = day.replace(hour=8, minute=30) + dt.timedelta(minutes=int(self.rnd() * 540))
        if at.toordinal() > self.last_day:
            return False
        self.now = at
        self._record(action, actor, at.strftime("%Y-%m-%d %H:%M:%S"), note, details)
        return True

    def _record(self, action: str, actor: _User, at: str, note: str | None, details: dict) -> None:
        to_state = workflow.target_state(action, self.state) if self.actions else self.state
        details = {k: v for k, v in details.items() if v is not None}
        self.actions.append((action, self.state if self.actions else None, to_state, actor, at, note,
                             json.dumps(details, ensure_ascii=False) if details else None))
        self.state = to_state

    def _note(self, key: str) -> str:
        return self.texts.action_note(key, self.rnd)

    def _owner(self) -> _User:
        """Who handles the event at its level: the village (its administrator or the grid worker),
        the township centre or the county centre."""
        if self.level == workflow.VILLAGE_LEVEL:
            return self.e.grid.village.admin if self.rnd() < 0.6 else self.e.grid.worker
        if self.level == workflow.TOWNSHIP_LEVEL:
            return self.township.user
        return self.b.county_user

    # ------------------------------------------------------------------ the story
    def play(self) -> None:
        e, rnd = self.e, self.rnd
        self._record(workflow.REGISTER, e.grid.worker, e.registered, None,
                     {"deadline": self.iso(self.deadline), "level": self.level})
        if rnd() < 0.01:
            if self._step(workflow.RETURN, e.grid.village.admin, rnd() * 2, self._note("退回")):
                self._supervise(late_only=False)
            return
        owner = self._accept()
        if owner is None:
            return
        if self._escalates():
            owner = self._escalate(owner)
            if owner is None:
                return
        if rnd() < 0.05 and self.level == workflow.VILLAGE_LEVEL and not self._extend(owner):
            return
        stuck = rnd() < 0.06
        duration = self.limit * ((1.5 + rnd() * 4) if stuck else (0.05 + rnd() * 0.85))
        close_day = self.now.toordinal() + int(duration)
        if close_day > self.deadline or close_day > self.last_day:
            self._supervise(late_only=True)
        if self._close(owner, max(close_day - self.now.toordinal(), 0)):
            self._follow_up(owner)

    def _accept(self) -> _User | None:
        owner = self._owner()
        if not self._step(workflow.ACCEPT, owner, self.rnd() * 2, self._note("受理"), handler=owner.name):
            return None
        self.handler = owner
        if not self._step(workflow.START, owner, self.rnd() * 3, self._note("处置"), handler=owner.name):
            return None
        return owner

    def _escalates(self) -> bool:
        if self.e.kind == "矛盾纠纷":
            return self.rnd() < 0.04
        return self.rnd() < 0.01

    def _escalate(self, owner: _User) -> _User | None:
        """上报乡镇 (and now and then on to the county); the new owner accepts it again."""
        rnd = self.rnd
        if not self._step(workflow.ESCALATE_TOWNSHIP, owner, 1 + rnd() * 5, self._note("上报乡镇"),
                          level=[self.level, workflow.TOWNSHIP_LEVEL]):
            return None
        self.level, self.handler = workflow.TOWNSHIP_LEVEL, None
        if rnd() < 0.08:
            if not self._step(workflow.ESCALATE_COUNTY, self.township.user, 1 + rnd() * 5, self._note("上报县"),
                              level=[self.level, workflow.COUNTY_LEVEL]):
                return None
            self.level = workflow.COUNTY_LEVEL
        return self._accept()

    def _extend(self, owner: _User) -> bool:
        """申请延期 by the owner for 15 more days, granted by the township the next day."""
        until, reason = self.deadline + 15, self._note("申请延期")
        if not self._step(workflow.REQUEST_EXTENSION, owner, self.limit * 0.6, reason,
                          until=self.iso(until), deadline=self.iso(self.deadline)):
            return False
        self.extension_until, self.extension_reason = until, reason
        if not self._step(workflow.APPROVE_EXTENSION, self.township.user, 1, self._note("同意延期"),
                          **{"from": self.iso(self.deadline), "to": self.iso(until)}):
            return False
        self.deadline, self.extension_until, self.extension_reason = until, None, None
        return True

    def _supervise(self, *, late_only: bool) -> None:
        """督办 by the township: most events at village level that run past their deadline."""
        if self.level != workflow.VILLAGE_LEVEL:
            return
        late = self.deadline < self.last_day
        if not ((late and self.rnd() < 0.4) or (not late_only and self.rnd() < 0.3)):
            return
        wait = max(self.deadline + 1 - self.now.toordinal(), 0) if late else 1
        note = self._note("督办")
        if self._step(workflow.SUPERVISE, self.township.user, wait + self.rnd() * 3, note, supervised=True):
            self.supervised, self.supervision_note = True, note

    def _close(self, owner: _User, after_days: float) -> bool:
        b, e, rnd = self.b, self.e, self.rnd
        failed = e.kind == "矛盾纠纷" and rnd() < 0.04
        method = self.texts.resolution_method(rnd) if e.kind == "矛盾纠纷" else "其他"
        mediator = agreement = None
        if method == workflow.MEDIATION:
            mediator = e.grid.village.admin.name if rnd() < 0.5 else b.person_name()
            names = [p[1] for p in e.parties] * 2
            agreement = self.texts.agreement(mediator, names[0], names[1], failed)
        outcome = "未化解" if failed else "化解成功"
        day = self.iso(self.now.toordinal() + int(after_days))
        if not self._step(workflow.CLOSE, owner, after_days, self._note("办结失败" if failed else "办结成功"),
                          outcome=outcome, method=method, mediator=mediator,
                          agreement_date=day if agreement else None, deadline=self.iso(self.deadline)):
            return False
        self.method, self.outcome, self.mediator, self.agreement = method, outcome, mediator, agreement
        self.closed_at = self.actions[-1][4]
        self.agreement_date = self.closed_at[:10] if agreement else None
        self.extension_until = self.extension_reason = None
        return True

    def _follow_up(self, owner: _User) -> None:
        rnd = self.rnd
        visitor = self.e.grid.worker if self.level == workflow.VILLAGE_LEVEL else owner
        satisfaction = self.texts.satisfaction(rnd)
        if not self._step(workflow.FOLLOW_UP, visitor, 3 + rnd() * 12, self._note("回访"),
                          satisfaction=satisfaction):
            return
        self.satisfaction = satisfaction
        if satisfaction == workflow.DISSATISFIED and rnd() < 0.6:
            if not self._step(workflow.REOPEN, owner, 1 + rnd() * 3, "回访不满意，重新处置",
                              outcome=self.outcome, satisfaction=self.satisfaction):
                return
            self.outcome = self.satisfaction = self.closed_at = None
            if not self._close(owner, self.limit * (0.1 + rnd() * 0.5)):
                return
            satisfaction = "基本满意" if rnd() < 0.6 else "满意"
            if not self._step(workflow.FOLLOW_UP, visitor, 3 + rnd() * 10, self._note("回访"),
                              satisfaction=satisfaction):
                return
            self.satisfaction = satisfaction
        self._step(workflow.ARCHIVE, owner, 5 + rnd() * 25, self._note("归档"))


# --------------------------------------------------------------------------- people helpers
def _family(rng: random.Random, size: int, rural: bool) -> tuple[list[tuple], bool]:
    """The members of a household: (relation code, male, age, role), head first; and whether
    it is a left-behind household (the working-age parents of its children are away)."""
    r = rng.random()
    ri = rng.randint
    members: list[list] = []
    left_behind = False

    def couple(low: int, high: int, male_head: float = 0.85) -> None:
        head_male = rng.random() < male_head
        age = ri(low, high)
        spouse_age = max(18, age - ri(-2, 5) if head_male else age + ri(-2, 5))
        members.append(["02", head_male, age, "head"])
        members.append(["10", not head_male, spouse_age, "spouse"])

    def single(low: int, high: int, male: float) -> None:
        members.append(["02", rng.random() < male, ri(low, high), "head"])

    def children(n: int, parent_age: int) -> None:
        for _ in range(n):
            age = parent_age - ri(20, 35)
            members.append([None, rng.random() < 0.52, max(age, 0), "child"])

    def parents(n: int, child_age: int) -> None:
        father_age = min(child_age + ri(22, 35), 99)
        if n == 2:
            members.append(["51", True, father_age, "parent"])
            members.append(["52", False, min(max(father_age - ri(0, 5), child_age + 20), 99), "parent"])
        else:
            male = rng.random() < 0.35
            members.append(["51" if male else "52", male, min(child_age + ri(22, 35), 99), "parent"])

    def three_generations(grandchildren: int, widowed: bool) -> None:
        nonlocal left_behind
        if widowed:
            single(60, 82, 0.4)
        else:
            couple(55, 80)
        head_age = members[0][2]
        son_age = max(head_age - ri(22, 32), 20)
        members.append([None, True, son_age, "child"])
        members.append(["38", False, max(son_age - ri(-2, 4), 19), "inlaw"])
        for _ in range(grandchildren):
            members.append([None, rng.random() < 0.52, max(son_age - ri(22, 32), 0), "grandchild"])
        left_behind = rng.random() < (0.6 if rural else 0.15)

    if size == 1:
        if r < 0.45:
            single(65, 92, 0.4)
        elif r < 0.8:
            single(35, 64, 0.6)
        else:
            single(20, 34, 0.6)
    elif size == 2:
        if r < 0.42:
            couple(62, 88)
        elif r < 0.65:
            couple(45, 64)
        elif r < 0.75:
            couple(23, 34)
        elif r < 0.88:
            single(32, 55, 0.4)
            children(1, members[0][2])
        else:
            single(60, 85, 0.4)
            members.append([None, rng.random() < 0.6, max(members[0][2] - ri(22, 35), 20), "child"])
    elif size == 3:
        if r < 0.74:
            couple(25, 55)
            children(1, min(members[0][2], members[1][2]))
        elif r < 0.88:
            couple(30, 55)
            parents(1, members[0][2])
        else:
            single(32, 55, 0.4)
            children(2, members[0][2])
    elif size == 4:
        if r < 0.58:
            couple(28, 55)
            children(2, min(members[0][2], members[1][2]))
        elif r < 0.8:
            couple(28, 50)
            children(1, min(members[0][2], members[1][2]))
            parents(1, members[0][2])
        else:
            three_generations(1, widowed=True)
    elif size == 5:
        if r < 0.35:
            couple(28, 50)
            children(2, min(members[0][2], members[1][2]))
            parents(1, members[0][2])
        elif r < 0.8:
            three_generations(1, widowed=False)
        else:
            couple(30, 50)
            children(3, min(members[0][2], members[1][2]))
    else:
        if r < 0.45:
            couple(28, 48)
            children(2, min(members[0][2], members[1][2]))
            parents(2, members[0][2])
        else:
            three_generations(2, widowed=False)
    _child_relations(members)
    return [tuple(x) for x in members], left_behind


def _child_relations(members: list[list]) -> None:
    """独生子/女 for an only child; otherwise 长子, 次子 … and 长女, 次女 … by age; 孙子/孙女."""
    kids = [x for x in members if x[3] == "child"]
    if len(kids) == 1:
        kids[0][0] = "21" if kids[0][1] else "31"
    else:
        sons = sorted((x for x in kids if x[1]), key=lambda x: -x[2])
        daughters = sorted((x for x in kids if not x[1]), key=lambda x: -x[2])
        for i, x in enumerate(sons):
            x[0] = f"{22 + i}" if i < 5 else "29"
        for i, x in enumerate(daughters):
            x[0] = f"{32 + i}" if i < 5 else "39"
    for x in members:
        if x[3] == "grandchild":
            x[0] = "41" if x[1] else "42"


def _residence(rnd, reg_type: str, rural: bool, years: float, role: str, left_behind: bool) -> str:
    if reg_type == "流动户":
        return "流动"
    if reg_type == "人户分离户":
        return "常住"
    if left_behind and role in ("child", "inlaw") and 18 <= years < 60:
        return "外出"
    if 18 <= years < 55:
        share = {"head": 0.06, "spouse": 0.05, "child": 0.25, "inlaw": 0.15}.get(role, 0.02)
        if rnd() < (share if rural else share / 3):
            return "外出"
    return "户籍在册"


def _status(rnd, years: float, birth_year: int, male: bool, rural: bool) -> tuple[str | None, str, str | None]:
    """(政治面貌 code, 文化程度, occupation) that fit the age."""
    if years < 6:
        return None, "学龄前", None
    if years < 12:
        return None, "小学", "学生"
    if years < 15:
        return ("03" if rnd() < 0.2 else None), "初中", "学生"
    if years < 18:
        return ("03" if rnd() < 0.4 else "13"), "高中" if rnd() < 0.7 else "中专", "学生"
    r = rnd()
    if years < 28 and r < 0.35:
        political = "03"
    elif years >= 25 and r < (0.12 if male else 0.05):
        political = "01"
    else:
        political = "13"
    education = _EDUCATION[_era_index(birth_year)](rnd)
    if years >= 60:
        occupation = "务农" if rural else ("退休" if rnd() < 0.6 else "无业")
    elif years < 23 and education in ("大学本科", "大学专科", "研究生") and rnd() < 0.6:
        occupation = "学生"
    else:
        occupation = (_RURAL_JOBS if rural else _URBAN_JOBS)(rnd)
    return political, education, occupation


def _era_index(birth_year: int) -> int:
    return 0 if birth_year < 1950 else 1 if birth_year < 1970 else 2 if birth_year < 1990 else 3


_EDUCATION = (
    _Pick({"文盲或半文盲": 35, "小学": 45, "初中": 15, "高中": 5}),
    _Pick({"文盲或半文盲": 3, "小学": 30, "初中": 45, "高中": 14, "中专": 5, "大学专科": 3}),
    _Pick({"小学": 8, "初中": 45, "高中": 20, "中专": 10, "大学专科": 10, "大学本科": 7}),
    _Pick({"初中": 22, "高中": 20, "中专": 12, "大学专科": 24, "大学本科": 20, "研究生": 2}),
)
_RURAL_JOBS = _Pick({"务农": 40, "务工": 35, "个体经营": 10, "无业": 8, "教师": 2, "村干部": 1, "公司职员": 4})
_URBAN_JOBS = _Pick({"公司职员": 30, "务工": 20, "个体经营": 18, "无业": 10, "教师": 5, "公务员": 4,
                     "医务人员": 4, "企业管理人员": 5, "自由职业": 4})


def _attention(rnd, shares: tuple[float, float]) -> str:
    """01 高 / 02 中 / 03 低, with the given shares of 高 and 中."""
    r = rnd()
    return "01" if r < shares[0] else "02" if r < shares[0] + shares[1] else "03"


def _pick_risk(rnd) -> int:
    r = rnd()
    return 0 if r < 0.45 else 1 if r < 0.75 else 2 if r < 0.92 else 3 if r < 0.97 else 4 if r < 0.995 else 5


def _apportion(total: int, weights: list[float]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainder): the parts sum to it."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    parts = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)[:total - sum(parts)]:
        parts[i] += 1
    return parts


def _free_code(township: _Township, kind: str) -> str:
    """The next unused village code: 0xx for a 社区, 2xx for a 村 (statistical code convention)."""
    used = {v.code for v in township.villages}
    start, end = (1, 200) if kind == "社区" else (200, 1000)
    for n in range(start, end):
        code = f"{township.code}{n:03d}"
        if code not in used:
            return code
    raise RuntimeError(f"demo: no free village code in {township.code}")


class _Addresses:
    """Household addresses of a village in order: 组 and 号 in a 村, estates and flats in a 社区."""

    def __init__(self, rng: random.Random, village: _Village):
        self.rng = rng
        self.prefix = village.township.name + village.name
        self.rural = village.kind == "村"
        self.i = 0
        n = max(village.households, 1)
        if self.rural:
            self.groups = max(3, math.ceil(n / 35))
            self.per_group = math.ceil(n / self.groups)
        else:
            spec = _pool("divisions")
            estates = max(1, min(6, n // 300 + 1))
            prefixes = rng.sample(spec["community_prefixes"], k=min(estates, len(spec["community_prefixes"])))
            self.estates = [rng.choice(spec["estates"]).format(c=p) for p in prefixes]
            self.per_estate = math.ceil(n / len(self.estates))
            self.streets = rng.sample(spec["streets"], k=3)

    def next(self) -> str:
        i = self.i
        self.i += 1
        if self.rural:
            group, house = divmod(i, self.per_group)
            return f"{self.prefix}{group + 1}组{house + 1}号"
        estate, k = divmod(i, self.per_estate)
        building, k = divmod(k, 24)
        unit, k = divmod(k, 12)
        floor, room = divmod(k, 2)
        return f"{self.prefix}{self.estates[estate]}{building + 1}栋{unit + 1}单元{floor + 1}0{room + 1}室"

    def place_address(self) -> str:
        if self.rural:
            return f"{self.prefix}{1 + int(self.rng.random() * self.groups)}组"
        street = self.streets[int(self.rng.random() * len(self.streets))]
        return f"{self.prefix}{street}{1 + int(self.rng.random() * 200)}号"


class _Texts:
    """Text templates and category mixes from resources/data/demo."""

    def __init__(self):
        events, visits, places = _pool("events"), _pool("visits"), _pool("places")
        codes = refdata.codes()
        self._kind = _Pick(events["kinds"])
        dispute_codes = {c for c, _ in codes.items("dispute_category")}
        hazard_codes = {c for c, _ in codes.items("hazard_category")}
        self.dispute = {k: v for k, v in events["dispute"].items() if k in dispute_codes}
        self.hazard = {k: v for k, v in events["hazard"].items() if k in hazard_codes}
        self._dispute = _Pick({k: v["weight"] for k, v in self.dispute.items()})
        self._hazard = _Pick({k: v["weight"] for k, v in self.hazard.items()})
        self.other = events["other_kinds"]
        self.notes = events["notes"]
        self._agreement = events["agreement"]
        self.methods = _table(visits["methods"], 100)
        self.visit_notes = visits["notes"]
        self._diagnosis = _Pick({(k, v): 1 for k, v in visits["mental_diagnosis"].items()})
        self._place_category = _Pick(places["categories"])
        self.place_names = places["names"]
        self._checklists: dict[tuple, str] = {}

    def kind(self, rnd) -> str:
        return self._kind(rnd)

    def method(self, rnd) -> str:
        return self.methods[int(rnd() * 100)]

    def note(self, kind: str, rnd) -> str:
        notes = self.visit_notes[kind]
        return notes[int(rnd() * len(notes))]

    def diagnosis(self, rnd) -> tuple[str, str]:
        return self._diagnosis(rnd)

    @staticmethod
    def treatment(rnd) -> str:
        r = rnd()
        return "居家服药" if r < 0.8 else "住院" if r < 0.9 else "未治疗" if r < 0.96 else "其他"

    @staticmethod
    def crime(rnd) -> str:
        return _CRIMES(rnd)

    @staticmethod
    def correction(rnd) -> str:
        r = rnd()
        return "缓刑" if r < 0.8 else "假释" if r < 0.9 else "暂予监外执行" if r < 0.97 else "管制"

    def place_category(self, rnd) -> str:
        return self._place_category(rnd)

    def place_name(self, rnd, category: str, *, contact: str, village: str, township: str) -> str:
        names = self.place_names.get(category) or self.place_names["其他"]
        pattern = names[int(rnd() * len(names))]
        return pattern.format(n=contact, s=contact[0], v=village, t=township)

    def checklist(self, items: list[tuple[int, str, str]], bad: tuple | None) -> str | None:
        """The answers as ``services.visits`` stores them: every item 合格 but ``bad``."""
        if not items:
            return None
        key = (tuple(items), bad)
        s = self._checklists.get(key)
        if s is None:
            s = self._checklists[key] = json.dumps(
                [{"id": i, "text": t, "result": "不合格" if (i, t, h) == bad else "合格", "hazard": h}
                 for i, t, h in items], ensure_ascii=False)
        return s

    def event_text(self, kind: str, rnd, a: str, b: str, village: str, group: str, category: str | None = None):
        """(category, title, description) with {p} left for the caller (a place or an address)."""
        if kind == "矛盾纠纷":
            category = self._dispute(rnd)
            spec = self.dispute[category]
        elif kind == "安全隐患":
            if category not in self.hazard:
                category = self._hazard(rnd)
            spec = self.hazard[category]
        else:
            category = None
            spec = self.other[kind]
        title = spec["titles"][int(rnd() * len(spec["titles"]))]
        fill = {"a": a, "b": b, "v": village, "g": group, "p": "{p}"}
        return category, title.format(**fill), spec["text"].format(**fill)

    def action_note(self, key: str, rnd) -> str:
        notes = self.notes[key]
        return notes[int(rnd() * len(notes))]

    def resolution_method(self, rnd) -> str:
        return _RESOLUTION(rnd)

    def satisfaction(self, rnd) -> str:
        r = rnd()
        return "满意" if r < 0.84 else "基本满意" if r < 0.96 else "不满意"

    def agreement(self, mediator: str, a: str, b: str, failed: bool) -> str:
        template = self._agreement["failed" if failed else "agreed"]
        return template.format(m=mediator, a=a, b=b)


_CRIMES = _Pick({"盗窃罪": 30, "故意伤害罪": 15, "诈骗罪": 12, "寻衅滋事罪": 10, "危险驾驶罪": 12,
                 "开设赌场罪": 5, "交通肇事罪": 8, "非法采矿罪": 3, "聚众斗殴罪": 5})
_RESOLUTION = _Pick({"人民调解": 72, "行政调解": 14, "司法调解": 5, "信访": 4, "其他": 5})
_GROUP_RE = re.compile(r"\d+组|\D+")


def _group_of(address: str, prefix: str) -> str:
    """The 组 of a village address ("3组") or the estate of a community one ("湛月花园")."""
    found = _GROUP_RE.match(address[len(prefix):]) if address.startswith(prefix) else None
    return found.group(0) if found else ""
