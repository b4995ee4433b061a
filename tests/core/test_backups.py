"""Backups: rotation, the daily and on-close policy, listing, restore, the startup check, errors."""
from __future__ import annotations

import datetime as dt
import errno
import os
import random
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gridapp import db as gdb
from gridapp import migrations
from gridapp.errors import DatabaseError, PermissionDenied, ValidationError
from gridapp.models import AuditLog, Grid, Household, Person, SchemaVersion, database
from gridapp.services import accounts, backups
from gridapp.services.actor import actor_for

PASSWORD = "Grid2026ok"


@pytest.fixture
def plain(db):
    if gdb.is_postgres(db):
        pytest.skip("SQLite file backups")
    return db


@pytest.fixture
def admin(plain):
    accounts.create_first_admin("admin", PASSWORD)
    return accounts.authenticate("admin", PASSWORD)


def add_households(n: int, prefix: str = "H") -> None:
    grid = Grid.get_or_none(Grid.code == "42028110320001") or Grid.create(
        code="42028110320001", name="一网格", village_code="420281103200", township_code="420281103",
        county_code="420281")
    with database.atomic():
        for i in range(n):
            h = Household.create(grid=grid, village_code=grid.village_code, township_code=grid.township_code,
                                 county_code=grid.county_code, number=f"{prefix}{i:05d}")
            Person.create(household=h, grid=grid, village_code=grid.village_code, township_code=grid.township_code,
                          county_code=grid.county_code, name=f"户主{i}", is_head=True)


# --------------------------------------------------------------------------- rotation
def expected_kept(stamps: list[dt.datetime], daily: int, weekly: int) -> set[dt.datetime]:
    """The rule, written independently: the newest backup of each of the ``daily`` most recent
    days, plus the newest of each of the ``weekly`` most recent weeks older than those days' weeks."""
    newest_per_day: dict[dt.date, dt.datetime] = {}
    for s in stamps:
        newest_per_day[s.date()] = max(s, newest_per_day.get(s.date(), s))
    days = sorted(newest_per_day, reverse=True)[:daily]
    kept = {newest_per_day[d] for d in days}
    daily_weeks = {d.isocalendar()[:2] for d in days}
    newest_per_week: dict[tuple, dt.datetime] = {}
    for s in stamps:
        w = s.isocalendar()[:2]
        if w not in daily_weeks:
            newest_per_week[w] = max(s, newest_per_week.get(w, s))
    for w in sorted(newest_per_week, reverse=True)[:weekly]:
        kept.add(newest_per_week[w])
    return kept


def touch(folder, stamp: dt.datetime, suffix: str = "") -> None:
    (folder / f"gridapp-{stamp:%Y%m%d-%H%M%S}{suffix}.sqlite3").write_bytes(b"x")


def test_rotation_of_a_year_of_irregular_backups(tmp_path):
    rng = random.Random(7)
    start = dt.datetime(2026, 11, 28, 18, 0, 0)
    stamps = set()
    for day in range(365):
        if rng.random() < 0.3:  # closed on weekends and holidays: gaps
            continue
        for _ in range(rng.randint(1, 4)):
            stamps.add(start - dt.timedelta(days=day, seconds=rng.randint(0, 36000)))
    for s in stamps:
        touch(tmp_path, s)
    keepers = ["gridapp-20200101-000000-before-restore.sqlite3", "gridapp-20200101-000000-damaged.sqlite3",
               "gridapp-notes.sqlite3", "other.sqlite3"]
    for name in keepers:
        (tmp_path / name).write_bytes(b"x")
    kept = gdb.rotate_backups(tmp_path, keep_daily=7, keep_weekly=4)
    want = expected_kept(sorted(stamps), 7, 4)
    assert {dt.datetime.strptime(p.stem[8:], "%Y%m%d-%H%M%S") for p in kept} == want
    assert len(want) == 11 and max(stamps) in want
    on_disk = {p.name for p in tmp_path.iterdir()}
    assert on_disk == {p.name for p in kept} | set(keepers)  # files it did not name are left alone
    assert gdb.rotate_backups(tmp_path, keep_daily=7, keep_weekly=4) == kept  # idempotent


@settings(max_examples=60, deadline=None)
@given(st.lists(st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2026, 12, 31)),
                min_size=1, max_size=40, unique=True),
       st.integers(1, 8), st.integers(0, 5))
def test_rotation_matches_the_rule(tmp_path_factory, stamps, daily, weekly):
    folder = tmp_path_factory.mktemp("rot")
    stamps = sorted({s.replace(microsecond=0) for s in stamps})
    for s in stamps:
        touch(folder, s)
    kept = gdb.rotate_backups(folder, keep_daily=daily, keep_weekly=weekly)
    assert {dt.datetime.strptime(p.stem[8:], "%Y%m%d-%H%M%S") for p in kept} == expected_kept(stamps, daily, weekly)
    assert len(list(folder.iterdir())) == len(kept) <= daily + weekly


# --------------------------------------------------------------------------- policy
def test_backup_once_a_day(plain):
    first = backups.backup_if_due()
    assert first is not None and first.parent == backups.backup_folder()
    assert backups.backup_if_due() is None
    tomorrow = backups.cst_now() + dt.timedelta(days=1)
    time.sleep(1.05)  # a new file name (names carry the second)
    second = backups.backup_if_due(tomorrow)
    assert second is not None and second != first
    assert [b.path for b in backups.list_backups()] == [second]  # one a day: the newest is kept


def test_backup_on_close_only_when_something_changed(plain):
    assert backups.backup_on_close() is not None  # the first one
    assert backups.backup_on_close() is None
    time.sleep(1.05)
    add_households(1)
    made = backups.backup_on_close()
    assert made is not None and backups.probe(made).counts["household"] == 1


def test_stale_partial_files_are_cleared(plain):
    folder = backups.backup_folder()
    folder.mkdir(parents=True)
    old, fresh = folder / "gridapp-20260101-000000.sqlite3.part", folder / "gridapp-20260102-000000.sqlite3.part"
    old.write_bytes(b"half")
    fresh.write_bytes(b"half")  # maybe another client's backup in progress
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    backups.backup_if_due()
    assert not old.exists() and fresh.exists()


def test_list_shows_kinds_counts_and_problems(admin, tmp_path):
    add_households(3)
    backups.backup_now(admin)
    folder = backups.backup_folder()
    (folder / "gridapp-20200101-000000.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    listed = backups.list_backups()
    assert [b.kind for b in listed] == ["auto", "auto"]
    assert listed[0].counts == {"household": 3, "person": 3, "visit": 0, "event": 0} and listed[0].ok
    assert listed[1].when == dt.datetime(2020, 1, 1) and not listed[1].ok and listed[1].counts is None
    assert listed[0].kind_name == "自动备份"


def test_manual_backup_is_for_the_administrator_and_audited(admin, tmp_path):
    worker = accounts.create_user(admin, "w1", "网格员", "grid_worker", "420281103200", PASSWORD)
    with pytest.raises(PermissionDenied):
        backups.backup_now(actor_for(worker.id), tmp_path / "copy.sqlite3")
    info = backups.backup_now(admin, tmp_path / "usb" / "copy.sqlite3")
    assert info.path.is_file() and info.kind == "manual"
    row = AuditLog.select().where(AuditLog.action == "backup").get()
    assert row.user == "admin" and "copy.sqlite3" in row.changes


# --------------------------------------------------------------------------- restore
def test_restore_verifies_keeps_current_and_reports(admin):
    add_households(2, "A")
    made = backups.backup_now(admin)
    add_households(5, "B")
    result = backups.restore_backup(admin, made.path)
    assert result.counts == {"household": 2, "person": 2, "visit": 0, "event": 0}
    assert result.when == made.when and result.restored_from == made.path
    assert Household.select().count() == 2  # the later households are gone …
    kept = backups.probe(result.previous_kept_as)
    assert kept.kind == "before-restore" and kept.counts["household"] == 7  # … but kept
    assert made.path.exists()  # restoring today's backup never rotates it away
    row = AuditLog.select().where(AuditLog.action == "restore_backup").get()
    assert row.user == "admin" and str(made.path) in row.changes
    assert gdb.check().ok


def test_restore_refuses_damaged_foreign_or_newer_files_and_changes_nothing(admin, tmp_path):
    add_households(2)
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(5000))
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("不是数据库" * 50, encoding="utf-8")
    newer = tmp_path / "newer.sqlite3"
    gdb.backup(newer)
    import sqlite3

    con = sqlite3.connect(newer)
    con.execute("UPDATE schema_version SET version = ?", (migrations.LATEST + 1,))
    con.commit()
    con.close()
    for path, fragment in ((bad, "损坏"), (junk, "不是网格通数据库"), (newer, "更新版本"),
                           (tmp_path / "missing.sqlite3", "不存在")):
        with pytest.raises(DatabaseError, match=fragment):
            backups.restore_backup(admin, path)
    assert Household.select().count() == 2
    assert not (backups.backup_folder()).exists() or not list(backups.backup_folder().glob("*before-restore*"))


def test_only_the_administrator_restores(admin):
    made = backups.backup_now(admin)
    clerk = accounts.create_user(admin, "clerk", "综治中心", "township", "420281103", PASSWORD)
    with pytest.raises(PermissionDenied):
        backups.restore_backup(actor_for(clerk.id), made.path)


# --------------------------------------------------------------------------- startup check
def damage(path, start: float = 0.0) -> None:
    """Overwrite pages of a database file from ``start`` (a fraction of its size; never the header page)."""
    size = path.stat().st_size
    with path.open("r+b") as fh:
        for offset in range(max(4096 * 2, int(size * start) // 4096 * 4096), size - 4096, 4096 * 3):
            fh.seek(offset + 100)
            fh.write(os.urandom(600))


def test_startup_check_finds_damage_and_the_newest_good_backup(admin):
    add_households(300)
    yesterday = backups.cst_now() - dt.timedelta(days=1)
    good = backups.probe(gdb.backup(backups.backup_folder() / f"gridapp-{yesterday:%Y%m%d-%H%M%S}.sqlite3"))
    broken_backup = backups.backup_now(admin)
    damage(broken_backup.path)
    path = gdb.database.obj.path
    assert backups.startup_check(path).ok
    gdb.close_database()
    damage(path)
    status = backups.startup_check(path)
    assert not status.ok and status.problems and all("已损坏" in p for p in status.problems)
    assert status.newest_good_backup.path == good.path  # the newer, damaged backup is skipped

    result = backups.recover_from_backup(path, status.newest_good_backup.path)
    assert result.counts["household"] == 300 and result.previous_kept_as.name.endswith("-damaged.sqlite3")
    assert backups.startup_check(path).ok and gdb.check().ok
    assert AuditLog.select().where(AuditLog.action == "restore_backup").get().user is None


def test_a_large_database_is_checked_in_its_core_tables_first(admin, monkeypatch):
    add_households(300)
    path = gdb.database.obj.path
    gdb.close_database()
    damage(path, start=0.8)  # the households added last, not the core tables
    monkeypatch.setattr(backups, "FULL_CHECK_LIMIT", 0)
    quick = backups.startup_check(path)
    assert quick.ok and not quick.complete  # the client opens it and checks the rest in the background
    whole = backups.startup_check(path, full=True)
    assert not whole.ok and whole.complete
    Path(f"{path}-wal").write_bytes(b"left by a session that did not end cleanly")
    assert backups.startup_check(path).complete


def test_recover_refuses_a_sound_database_or_a_foreign_backup(admin, tmp_path):
    made = backups.backup_now(admin)
    path = gdb.database.obj.path
    with pytest.raises(ValidationError, match="数据库完好"):
        backups.recover_from_backup(path, made.path)
    outside = tmp_path / "elsewhere.sqlite3"
    outside.write_bytes(made.path.read_bytes())
    with pytest.raises(ValidationError, match="只能从本数据库的备份文件夹"):
        backups.recover_from_backup(path, outside)


def test_startup_check_missing_newer_and_foreign(tmp_path):
    assert backups.startup_check(tmp_path / "new.sqlite3").ok
    gdb.open_database(tmp_path / "a.sqlite3")
    SchemaVersion.update(version=migrations.LATEST + 1).execute()
    gdb.close_database()
    with pytest.raises(DatabaseError, match="更新版本"):
        backups.startup_check(tmp_path / "a.sqlite3")
    (tmp_path / "enc.sqlite3").write_bytes(os.urandom(4096))
    with pytest.raises(DatabaseError, match="加密"):
        backups.startup_check(tmp_path / "enc.sqlite3")


# --------------------------------------------------------------------------- disk full, read-only
@pytest.mark.parametrize("error, fragment", [(errno.ENOSPC, "磁盘已满"), (errno.EACCES, "不可写")])
def test_backup_disk_full_or_read_only_says_so_and_leaves_nothing(plain, monkeypatch, error, fragment):
    add_households(2)

    def failing_replace(src, dst):
        raise (PermissionError if error == errno.EACCES else OSError)(error, os.strerror(error))

    monkeypatch.setattr(gdb.os, "replace", failing_replace)
    with pytest.raises(DatabaseError, match=fragment):
        backups.backup_if_due()
    assert list(backups.backup_folder().iterdir()) == []
    monkeypatch.undo()
    assert Household.select().count() == 2 and gdb.check().ok


def test_backup_folder_that_cannot_be_created_says_so(plain, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(gdb.Path, "mkdir", refuse)
    with pytest.raises(DatabaseError, match="无法创建备份文件夹"):
        backups.backup_if_due()


def test_restore_on_a_full_disk_leaves_the_database_as_it_was(admin, monkeypatch):
    add_households(2)
    made = backups.backup_now(admin)
    add_households(1, "B")
    real_replace = os.replace

    def full_when_restoring(src, dst):
        if str(src).endswith(".restoring"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(gdb.os, "replace", full_when_restoring)
    with pytest.raises(DatabaseError, match="磁盘已满，恢复未完成，当前数据库未改动"):
        backups.restore_backup(admin, made.path)
    monkeypatch.undo()
    gdb.open_database(gdb.database.obj.path)
    assert Household.select().count() == 3 and gdb.check().ok
    assert not list(gdb.database.obj.path.parent.glob("*.restoring"))


# --------------------------------------------------------------------------- encrypted
def test_encrypted_database_backups_are_encrypted_and_restore(encrypted_db, tmp_path):
    from tests.conftest import ENCRYPTED_DB_KEY

    accounts.create_first_admin("admin", PASSWORD)
    admin = accounts.authenticate("admin", PASSWORD)
    add_households(4)
    made = backups.backup_now(admin)
    assert made.path.read_bytes()[:16] != b"SQLite format 3\x00" and made.counts["household"] == 4
    add_households(1, "B")
    result = backups.restore_backup(admin, made.path)
    assert result.counts["household"] == 4 and Household.select().count() == 4
    path = gdb.database.obj.path
    gdb.close_database()
    assert backups.startup_check(path, ENCRYPTED_DB_KEY).ok
    with pytest.raises(DatabaseError, match="口令错误"):
        backups.startup_check(path, "wrong-passphrase")
    with pytest.raises(DatabaseError, match="加密"):
        backups.startup_check(path)
    with pytest.raises(DatabaseError, match="口令错误"):
        gdb.open_database(path, passphrase="wrong-passphrase")


def test_an_existing_plain_database_can_be_encrypted_in_place(plain):
    pytest.importorskip("sqlcipher3")
    from gridapp import crypto

    add_households(3)
    path = gdb.database.obj.path
    gdb.close_database()
    with pytest.raises(ValidationError, match="至少 8 位"):
        crypto.encrypt_file(path, "short")
    crypto.encrypt_file(path, "a-long-passphrase")
    assert crypto.looks_encrypted(path) and not list(path.parent.glob("*.encrypting"))
    with pytest.raises(DatabaseError, match="需要口令的加密数据库"):
        gdb.open_database(path)
    gdb.open_database(path, passphrase="a-long-passphrase")
    assert Household.select().count() == 3 and gdb.check().ok
    gdb.close_database()
    with pytest.raises(DatabaseError, match="已经加密"):
        crypto.encrypt_file(path, "a-long-passphrase")
