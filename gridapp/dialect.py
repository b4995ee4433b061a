"""The SQL that differs between SQLite (a station's file) and PostgreSQL (a township server).

Services build their queries with peewee, which speaks both. The few places that write SQL by
hand, or lean on a behaviour one of the two databases lacks, take the difference from here, so
there is one list of what differs:

- a constant condition must be a boolean on PostgreSQL: ``true()``/``false()`` (``1 = 1``), never
  a bare ``1``;
- day arithmetic: ``day_number(expr)`` (days since 1970-01-01 of a date or timestamp column),
  ``days_between(a, b)``, ``date_add(expr, days)`` and ``latest(a, b)`` (NULLs skipped);
- placeholders: hand-written SQL uses ``?`` and goes through ``adapt``/``execute``/``execute_many``,
  which turn it into psycopg2's ``%s`` (and double a literal ``%``);
- counting: ``count_rows()`` (``COUNT(*)``, which a covering index answers alone on PostgreSQL)
  and ``count_if(cond)`` for the rows that meet a condition (PostgreSQL can't sum booleans);
- row locks for read-then-write sequences: ``for_update(query)`` locks the selected rows until the
  transaction ends on PostgreSQL; SQLite has no row locks (a write transaction holds the whole
  file, and a stale read can't be written back: see ``gridapp.db.write_transaction``);
- ``table_names()``: the tables of the current schema.

API::

    is_postgres(db=None) -> bool
    true() -> pw.SQL; false() -> pw.SQL
    day_number(expr: str) -> str
    days_between(start: str, end: str) -> str
    date_add(expr: str, days: str | int) -> str
    latest(a: str, b: str) -> str
    param(db=None) -> str
    adapt(sql: str, db=None) -> str
    execute(sql: str, params=(), db=None) -> cursor
    execute_many(sql: str, rows, db=None) -> None
    count_rows() -> pw.Node
    count_if(condition) -> pw.Node
    for_update(query) -> query
    table_names(db=None) -> set[str]
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import peewee as pw

from gridapp.models import database


def _db(db: pw.Database | None) -> pw.Database:
    return db if db is not None else database.obj


def is_postgres(db: pw.Database | None = None) -> bool:
    return isinstance(_db(db), pw.PostgresqlDatabase)


def true() -> pw.SQL:
    """A condition that always holds (``WHERE 1`` is an error on PostgreSQL)."""
    return pw.SQL("1 = 1")


def false() -> pw.SQL:
    return pw.SQL("1 = 0")


# --------------------------------------------------------------------------- days
def day_number(expr: str) -> str:
    """SQL for the day number (days since 1970-01-01) of a date or timestamp column ``expr``.

    SQLite stores dates and timestamps as ISO text, so the first 10 characters are the date."""
    if is_postgres():
        return f"(CAST({expr} AS DATE) - DATE '1970-01-01')"
    return f"CAST(julianday(substr({expr}, 1, 10)) - 2440587.5 AS INTEGER)"


def days_between(start: str, end: str) -> str:
    """SQL for the whole days from the date of ``start`` to the date of ``end`` (``end - start``)."""
    return f"({day_number(end)} - {day_number(start)})"


def latest(a: str, b: str) -> str:
    """SQL for the later of two dates or timestamps, either of which may be NULL (NULL only when
    both are): PostgreSQL's GREATEST skips NULLs; SQLite's two-argument max() would return NULL."""
    if is_postgres():
        return f"GREATEST({a}, {b})"
    return f"NULLIF(MAX(COALESCE({a}, ''), COALESCE({b}, '')), '')"


def date_add(expr: str, days: str | int) -> str:
    """SQL for the date ``days`` days after the date of ``expr`` (a date on PostgreSQL, ISO text on
    SQLite: both compare correctly with a date parameter)."""
    if is_postgres():
        return f"(CAST({expr} AS DATE) + CAST({days} AS INTEGER))"
    return f"date(substr({expr}, 1, 10), ({days}) || ' days')"


# --------------------------------------------------------------------------- placeholders
def param(db: pw.Database | None = None) -> str:
    """The placeholder of the database's driver: ``?`` (sqlite3) or ``%s`` (psycopg2)."""
    return _db(db).param


def adapt(sql: str, db: pw.Database | None = None) -> str:
    """``sql`` written with ``?`` placeholders, for the database's driver.

    For psycopg2 every ``?`` outside a quoted literal becomes ``%s`` and every ``%`` becomes
    ``%%`` (psycopg2 reads ``%`` as the start of a placeholder, even inside literals)."""
    if param(db) == "?":
        return sql
    out: list[str] = []
    quote: str | None = None
    for ch in sql:
        if ch == "%":
            out.append("%%")
        elif quote:
            out.append(ch)
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        else:
            out.append(ch)
    return "".join(out)


def execute(sql: str, params: Sequence = (), db: pw.Database | None = None):
    """Run ``sql`` (``?`` placeholders) through peewee; returns the cursor."""
    db = _db(db)
    return db.execute_sql(adapt(sql, db), list(params))


def execute_many(sql: str, rows: Iterable[Sequence], db: pw.Database | None = None) -> None:
    """Run ``sql`` (``?`` placeholders) once per row on the raw connection, inside the caller's
    transaction: the fast path of bulk inserts (one prepared statement on SQLite; on PostgreSQL
    psycopg2's ``execute_batch``, a few round trips per thousand rows)."""
    db = _db(db)
    rows = rows if isinstance(rows, list) else list(rows)
    if not rows:
        return
    if is_postgres(db):
        from psycopg2.extras import execute_batch

        with db.cursor() as cursor:
            execute_batch(cursor, adapt(sql, db), rows, page_size=1000)
        return
    db.cursor().executemany(sql, rows)


# --------------------------------------------------------------------------- queries
def count_rows() -> pw.Node:
    """``COUNT(*)`` for an aggregate query. Count rows this way, not ``COUNT(id)``: PostgreSQL's
    indexes don't hold the id, so a covering index answers ``COUNT(*)`` alone (an index-only scan)
    while ``COUNT(id)`` reads the table rows too (the township summary's visits: 220 → 60 ms)."""
    return pw.fn.COUNT(pw.SQL("*"))


def count_if(condition) -> pw.Node:
    """The number of rows meeting ``condition`` in an aggregate query (``SUM(CASE …)``: PostgreSQL
    has no sum of booleans)."""
    return pw.fn.SUM(pw.Case(None, [(condition, 1)], 0))


def for_update(query):
    """``query`` locking its rows until the transaction ends (``FOR UPDATE``) on PostgreSQL, so
    two clients that read-then-write the same row run one after the other. Unchanged on SQLite,
    which locks the whole file for a write (peewee refuses FOR UPDATE there)."""
    return query.for_update() if is_postgres() else query


def table_names(db: pw.Database | None = None) -> set[str]:
    """The tables of the database (of the current schema on PostgreSQL)."""
    db = _db(db)
    if is_postgres(db):
        sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    return {r[0] for r in db.execute_sql(sql).fetchall()}
