"""gridapp.dialect: the same answers from SQLite and PostgreSQL (the ``db`` fixture runs each test
on both when GRIDAPP_TEST_PG names a server)."""
from __future__ import annotations

import datetime as dt

import peewee as pw
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gridapp import dialect
from gridapp.models import Person, Setting

EPOCH = dt.date(1970, 1, 1)


def test_the_constant_conditions_work_alone_and_combined(db):
    Setting.delete().execute()
    Setting.insert_many([{"key": "a", "value": "1"}, {"key": "b", "value": "2"}]).execute()
    assert Setting.select().where(dialect.true()).count() == 2
    assert Setting.select().where(dialect.false()).count() == 0
    assert Setting.select().where(dialect.true() & (Setting.key == "a")).count() == 1
    assert Setting.select().where(dialect.false() | (Setting.key == "b")).count() == 1


def test_count_rows_and_count_if(db):
    Setting.delete().execute()
    Setting.insert_many([{"key": k, "value": v} for k, v in (("a", "x"), ("b", "y"), ("c", "x"))]).execute()
    assert dict(Setting.select(Setting.value, dialect.count_rows()).group_by(Setting.value).tuples()) == \
        {"x": 2, "y": 1}
    assert Setting.select(dialect.count_if(Setting.value == "x")).scalar() == 2
    assert Setting.select(dialect.count_if(Setting.value == "z")).scalar() == 0


@pytest.fixture
def people(db):
    """(name, birth date, created at) rows: a date column and a timestamp column to compute on."""
    rows = [("甲", dt.date(1969, 12, 31), dt.datetime(2024, 2, 29, 23, 59, 59)),
            ("乙", dt.date(2000, 3, 1), dt.datetime(1970, 1, 1, 0, 0, 0)),
            ("丙", None, dt.datetime(2026, 12, 31, 8, 30, 0))]
    for name, birth, created in rows:
        Person.create(name=name, birth_date=birth, created_at=created)
    return rows


def _per_person(sql_expr: str, params=()) -> dict:
    return dict(dialect.execute(f"SELECT name, {sql_expr} FROM person", params).fetchall())


def test_day_numbers_of_dates_and_timestamps(people):
    births = _per_person(dialect.day_number("birth_date"))
    created = _per_person(dialect.day_number("created_at"))
    for name, birth, at in people:
        assert births[name] == ((birth - EPOCH).days if birth else None)
        assert created[name] == (at.date() - EPOCH).days


def test_days_between_and_date_add(people):
    between = _per_person(dialect.days_between("birth_date", "created_at"))
    for name, birth, at in people:
        assert between[name] == ((at.date() - birth).days if birth else None)
    later = dialect.execute(f"SELECT name FROM person WHERE {dialect.date_add('created_at', 30)} = ?",
                            [dt.date(2024, 3, 30)]).fetchall()
    assert [r[0] for r in later] == ["甲"]  # 2024-02-29 + 30 days, across the leap day
    back = _per_person(dialect.day_number(dialect.date_add("birth_date", -1)))
    assert back["甲"] == -2 and back["丙"] is None


def test_latest_skips_nulls(people):
    latest = _per_person(dialect.day_number(dialect.latest("birth_date", "created_at")))
    neither = _per_person(dialect.latest("birth_date", "NULL"))
    for name, birth, at in people:
        assert latest[name] == (max(birth, at.date()) if birth else at.date()).toordinal() - EPOCH.toordinal()
    assert neither["丙"] is None and neither["甲"] is not None


def test_hand_written_sql_keeps_question_marks_and_percents_in_literals(db):
    row = dialect.execute("SELECT '50% 完成?', ?, 'it''s ?'", ["参数"]).fetchone()
    assert tuple(row) == ("50% 完成?", "参数", "it's ?")


def test_execute_many_inserts_every_row_in_the_transaction(db):
    rows = [(f"k{i}", f"{i}% 是?") for i in range(2500)]
    with db.atomic() as txn:
        dialect.execute_many("INSERT INTO setting (key, value) VALUES (?, ?)", rows)
        assert Setting.select().where(Setting.key.startswith("k")).count() == 2500
        txn.rollback()
    assert Setting.select().where(Setting.key.startswith("k")).count() == 0
    dialect.execute_many("INSERT INTO setting (key, value) VALUES (?, ?)", [])


def test_for_update_locks_on_postgresql_only(db):
    query = dialect.for_update(Setting.select().where(Setting.key == "x"))
    sql, _ = query.sql()
    assert sql.endswith("FOR UPDATE") == dialect.is_postgres()
    with db.atomic():
        assert query.first() is None


def test_table_names_are_the_schema_tables(db):
    names = dialect.table_names()
    assert {"person", "household", "audit_log", "event_sequence", "schema_version"} <= names
    assert not any(n.startswith(("sqlite_", "pg_")) for n in names)


@given(st.text(alphabet="ab?%' ", max_size=20))
def test_adapt_turns_question_marks_outside_literals_into_psycopg2_placeholders(text):
    pg = pw.PostgresqlDatabase("unused")
    sql = f"SELECT ? WHERE x = '{text.replace(chr(39), chr(39) * 2)}'"
    adapted = dialect.adapt(sql, pg)
    assert adapted.startswith("SELECT %s WHERE x = '")
    literal = adapted[len("SELECT %s WHERE x = '"):-1]
    assert literal.replace("%%", "%") == text.replace("'", "''")  # the literal's '?' stay, '%' doubled
    assert dialect.adapt(sql, pw.SqliteDatabase(":memory:")) == sql


# SQLite-only constructs that PostgreSQL refuses, with what to use instead. Other engineers run the
# suite on SQLite only, so this scan is what tells them before a township server does.
SQLITE_ONLY = {
    r"\.on_conflict_replace\(|\b(?:%s)\.replace(?:_many)?\(": "refdata.put_setting or on_conflict(update=…)",
    r"(?i)\binsert\s+or\s+(?:replace|ignore)\b": "INSERT … ON CONFLICT",
    r"(?i)\bjulianday\(": "dialect.day_number / days_between / date_add",
    r"(?<!select\()pw\.SQL\(\s*[\"'][01][\"']\s*\)": "dialect.true() / dialect.false()",
    r"(?i)\b(?:group_concat|ifnull|iif)\(": "string_agg / COALESCE / CASE (or a dialect helper)",
}


def test_code_and_tests_use_no_sqlite_only_sql():
    import re
    from pathlib import Path

    from gridapp import models

    root = Path(__file__).resolve().parents[2]
    model_names = "|".join(m.__name__ for m in models.ALL_MODELS)
    patterns = {re.compile(p % model_names if "%s" in p else p): fix for p, fix in SQLITE_ONLY.items()}
    exempt = {root / "gridapp" / "dialect.py", Path(__file__).resolve()}
    found = []
    for path in sorted([*root.joinpath("gridapp").rglob("*.py"), *root.joinpath("tests").rglob("*.py")]):
        if path in exempt:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found += [f"{path.relative_to(root)}:{n}: {line.strip()}  → {fix}"
                      for pattern, fix in patterns.items() if pattern.search(line)]
    assert not found, "SQLite-only SQL (PostgreSQL refuses it):\n" + "\n".join(found)
