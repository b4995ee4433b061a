"""Opening, migrating, checking, backing up and restoring the database."""
from __future__ import annotations

import sqlite3

import pytest

from gridapp import db as gdb
from gridapp import migrations, refdata
from gridapp.errors import DatabaseError
from gridapp.models import AuditLog, Division, Grid, Household, Person, SchemaVersion, database


def test_open_creates_schema_with_pragmas(tmp_path):
    database_ = gdb.open_database(tmp_path / "a.sqlite3")
    try:
        assert database_.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert database_.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert database_.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert SchemaVersion.get().version == migrations.LATEST
    finally:
        gdb.close_database()


def test_reopen_is_idempotent(tmp_path):
    path = tmp_path / "a.sqlite3"
    gdb.open_database(path)
    gdb.close_database()
    gdb.open_database(path)
    try:
        assert SchemaVersion.select().count() == 1
    finally:
        gdb.close_database()


def test_unreachable_postgres_server_is_a_clear_error():
    pytest.importorskip("psycopg2")
    with pytest.raises(DatabaseError, match="无法连接数据库服务器"):
        gdb.open_database("postgresql://user:secret@127.0.0.1:1/gridapp")


def test_postgres_password_is_not_shown():
    assert gdb._redact("postgresql://u:secret@h/db") == "postgresql://u:***@h/db"


def test_unknown_url_scheme_refused():
    with pytest.raises(DatabaseError, match="无法识别"):
        gdb.open_database("mysql://u@h/db")


def test_directory_refused(tmp_path):
    with pytest.raises(DatabaseError, match="文件夹"):
        gdb.open_database(tmp_path)


def test_missing_file_without_create(tmp_path):
    with pytest.raises(DatabaseError, match="不存在"):
        gdb.open_database(tmp_path / "nope.sqlite3", create=False)


def test_not_a_database(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("这不是数据库" * 100, encoding="utf-8")
    with pytest.raises(DatabaseError, match="不是网格通数据库"):
        gdb.open_database(path)


def test_foreign_sqlite_database_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE things (x)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="不是网格通数据库"):
        gdb.open_database(path)


def test_newer_schema_refused(tmp_path):
    path = tmp_path / "new.sqlite3"
    gdb.open_database(path)
    SchemaVersion.update(version=migrations.LATEST + 1).execute()
    gdb.close_database()
    with pytest.raises(DatabaseError, match="更新版本"):
        gdb.open_database(path)


def test_locked_database_gives_clear_message(tmp_path, monkeypatch):
    path = tmp_path / "locked.sqlite3"
    gdb.open_database(path)
    gdb.close_database()
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(gdb, "SQLITE_PRAGMAS", (("busy_timeout", 50),))
    try:
        with pytest.raises(DatabaseError, match="占用"):
            gdb.open_database(path)
    finally:
        holder.rollback()
        holder.close()
        gdb.close_database()


def test_reference_data_loaded(db):
    assert Division.select().where(Division.level == "township").count() == 18
    assert Division.get_by_id("420281109").name == "大箕铺镇"
    assert Division.get_by_id("420281109206").example is True
    assert Division.get_by_id("420281103200").example is False
    c = refdata.codes()
    assert c.name("relation", "02") == "户主"
    assert c.code("ethnic", "土家族") == "15"
    assert c.extra("dispute_category", "0902")["report"] == "房屋宅基地"
    assert "jsza" in refdata.sensitive_categories()
    assert "djlr" not in refdata.sensitive_categories()


def test_unknown_county_says_so(db):
    from gridapp.errors import ValidationError

    with pytest.raises(ValidationError, match="110101"):
        refdata.load_county("110101")


def _household(db, number="001", heads=1, members=1):
    grid = Grid.create(code="42028110920001", name="第一网格", village_code="420281109200",
                       township_code="420281109", county_code="420281")
    hh = Household.create(grid=grid, village_code=grid.village_code, township_code=grid.township_code,
                          county_code="420281", number=number)
    for i in range(members):
        Person.create(household=hh, grid=grid, name=f"人{i}", is_head=i < heads,
                      village_code=grid.village_code, township_code=grid.township_code, county_code="420281")
    return hh


def test_check_passes_on_consistent_data(db):
    _household(db, members=3)
    result = gdb.check()
    assert result.ok, result.problems
    assert result.counts["household"] == 1 and result.counts["person"] == 3


def test_check_finds_household_without_head(db):
    _household(db, heads=0, members=2)
    result = gdb.check()
    assert not result.ok
    assert any("没有户主" in p for p in result.problems)


def test_check_finds_two_heads_and_person_in_deleted_household(db):
    hh = _household(db, heads=2, members=2)
    result = gdb.check()
    assert any("不止一位户主" in p for p in result.problems)
    Household.update(deleted_at=hh.created_at).where(Household.id == hh.id).execute()
    assert any("已删除的户" in p for p in gdb.check().problems)


def test_audit_log_is_append_only(db):
    AuditLog.create(user="u", action="create", entity="household", uid="x")
    with pytest.raises(Exception, match="append-only"):
        database.execute_sql("UPDATE audit_log SET action = 'v'")
    with pytest.raises(Exception, match="append-only"):
        database.execute_sql("DELETE FROM audit_log")
    assert AuditLog.select().count() == 1


def test_live_id_number_unique_but_deleted_may_repeat(db):
    hh = _household(db)
    kw = dict(household=hh, grid=hh.grid, name="甲", id_number="420281198503120017")
    first = Person.create(**kw)
    with pytest.raises(Exception):
        with database.atomic():
            Person.create(**kw)
    Person.update(deleted_at=first.created_at).where(Person.id == first.id).execute()
    Person.create(**kw)


def sqlite_only(db):
    from gridapp.db import is_postgres

    if is_postgres(db):
        pytest.skip("SQLite file feature")


def test_fts_finds_short_substrings(db):
    sqlite_only(db)
    from gridapp.text import fts_phrase, tokens

    hh = _household(db, members=0)
    p = Person.create(household=hh, grid=hh.grid, name="欧阳娜娜", name_tokens=tokens("欧阳娜娜"), is_head=True)
    for q in ("娜", "阳娜", "欧阳娜娜"):
        rows = database.execute_sql("SELECT rowid FROM person_fts WHERE person_fts MATCH ?", (fts_phrase(q),)).fetchall()
        assert rows == [(p.id,)], q
    Person.update(name="李四", name_tokens=tokens("李四")).where(Person.id == p.id).execute()
    assert database.execute_sql("SELECT rowid FROM person_fts WHERE person_fts MATCH ?", (fts_phrase("娜"),)).fetchall() == []


def test_backup_and_verify_and_restore(db, tmp_path):
    sqlite_only(db)
    _household(db, members=2)
    path = gdb.backup(tmp_path / "copy.sqlite3")
    info = gdb.verify_backup(path)
    assert info["counts"]["person"] == 2 and info["schema_version"] == migrations.LATEST
    assert not list(tmp_path.glob("*.part"))
    Person.delete().execute()
    Household.delete().execute()
    db_path = database.obj.path
    restored = gdb.restore(path, db_path=db_path)
    assert restored["counts"]["person"] == 2
    assert Person.select().count() == 2
    assert restored["previous_kept_as"]
    kept = gdb.verify_backup(restored["previous_kept_as"])
    assert kept["counts"]["person"] == 0


def test_backup_cancel_leaves_nothing(db, tmp_path):
    sqlite_only(db)
    from gridapp.errors import Cancelled

    with pytest.raises(Cancelled):
        gdb.backup(tmp_path / "c.sqlite3", is_cancelled=lambda: True)
    assert list(tmp_path.glob("c.sqlite3*")) == []


def test_verify_rejects_damaged_backup(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(DatabaseError):
        gdb.verify_backup(bad)


def test_backup_on_postgres_points_to_pg_dump(db, tmp_path):
    from gridapp.db import is_postgres

    if not is_postgres(db):
        pytest.skip("PostgreSQL only")
    with pytest.raises(DatabaseError, match="pg_dump"):
        gdb.backup(tmp_path / "x.sqlite3")


def test_rotation_keeps_daily_and_weekly(tmp_path):
    import datetime as dt

    start = dt.datetime(2026, 11, 28, 12, 0, 0)
    for i in range(60):
        stamp = start - dt.timedelta(days=i)
        (tmp_path / f"gridapp-{stamp:%Y%m%d-%H%M%S}.sqlite3").write_bytes(b"x")
        (tmp_path / f"gridapp-{stamp + dt.timedelta(hours=1):%Y%m%d-%H%M%S}.sqlite3").write_bytes(b"x")
    kept = gdb.rotate_backups(tmp_path, keep_daily=7, keep_weekly=4)
    days = {p.stem[8:16] for p in kept}
    assert len([p for p in kept if p.stem[8:16] >= "20261122"]) == 7
    assert len(kept) == 11
    assert len(days) == 11
    assert len(list(tmp_path.glob("*.sqlite3"))) == 11
