"""Crash safety, proven: SIGKILL mid-import, mid-backup and mid-export; a full disk; a read-only file.

Each kill runs the real work in a subprocess on its own copy of a database and kills it with
SIGKILL at a random moment (seeded, so a failure can be replayed). The import kills wait for the
importer's write transaction to begin and then strike within (or just after) it, so nearly every
kill lands mid-transaction; a few more strike at any moment from the process start. After every
kill the database must pass ``gridapp.db.check()``, and the import must be wholly present or
wholly absent; a killed backup or export leaves nothing under its target name (only a ``.part``).
"""
from __future__ import annotations

import datetime as dt
import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from gridapp import db as gdb
from gridapp import ids, refdata
from gridapp.errors import DatabaseError
from gridapp.models import AuditLog, Grid, Household, Person, User, database

REPO = Path(__file__).resolve().parents[2]
ROWS = 600
IMPORT_KILLS, RANDOM_KILLS, BACKUP_KILLS, EXPORT_KILLS = 20, 4, 8, 6
AUDIT_ROWS = 20000

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


# --------------------------------------------------------------------------- fixtures
def _workbook(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["乡镇(街道)", "村(社区)", "网格", "户号", "户主姓名", "姓名", "与户主关系", "性别", "公民身份号码",
               "联系电话", "现住址"])
    given = "伟芳娜秀英敏静丽强磊军"
    for i in range(ROWS):
        name = "张" + given[i % 11] + "一二三四五六七八九十"[i // 11 % 10]
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=i * 7)
        ws.append(["金山店镇", "土桥村", "一网格", f"H{i:05d}", name, name, "户主", "男",
                   ids.make_id("420281", birth, 11), "13812345678", f"土桥村{i}号"])
    wb.save(path)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A template database (reference data only), the ledger to import, and a database after the
    import with a long audit log (for backups and exports)."""
    folder = tmp_path_factory.mktemp("crash")
    template = folder / "template.sqlite3"
    gdb.open_database(template)
    refdata.load_county("420281")
    refdata.load_codes()
    refdata.load_defaults()
    gdb.close_database()
    ledger = folder / "households.xlsx"
    _workbook(ledger)
    full = folder / "full.sqlite3"
    shutil.copy2(template, full)
    result = run_child(IMPORT, full, ledger)
    assert result.returncode == 0, result.stderr
    gdb.open_database(full)
    with database.atomic():
        AuditLog.insert_many([{"user": "w1", "action": "view_sensitive", "entity": "person", "uid": f"u{i}",
                               "changes": '{"fields": ["phone"]}'} for i in range(AUDIT_ROWS)]).execute()
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    gdb.close_database()
    return {"folder": folder, "template": template, "ledger": ledger, "full": full}


def child_env() -> dict:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def run_child(script: str, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", script, *map(str, args)], cwd=REPO, env=child_env(),
                          capture_output=True, text=True, timeout=300)


def start_child(script: str, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=REPO, env=child_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(proc: subprocess.Popen, marker: str) -> bool:
    """Read the child's output until ``marker``; False when it ended first."""
    for line in proc.stdout:
        if line.strip() == marker:
            return True
    return False


def kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    proc.stdout.close()
    proc.stderr.close()


IMPORT = r"""
import sys, time
from gridapp import db, importers
from gridapp.importers import households
from gridapp.services.actor import system_actor

db.open_database(sys.argv[1])
original = households.commit

def commit(ctx, batch):
    print("writing", flush=True)
    started = time.perf_counter()
    result = original(ctx, batch)
    print(f"wrote {time.perf_counter() - started:.4f}", flush=True)
    return result

households.commit = commit
importers.import_file(system_actor(), "households", sys.argv[2])
print("done", flush=True)
"""

BACKUP = r"""
import sys
from gridapp import db
db.open_database(sys.argv[1], migrate=False)
print("backing", flush=True)
db.backup(sys.argv[2])
print("done", flush=True)
"""

EXPORT = r"""
import sys
from gridapp import db
from gridapp.services import auditlog
from gridapp.services.actor import SYSTEM
db.open_database(sys.argv[1], migrate=False)
print("exporting", flush=True)
auditlog.export_audit(SYSTEM, sys.argv[2])
print("done", flush=True)
"""


def state(path: Path) -> dict:
    """What the killed import left: the database check and the counts of what it writes."""
    gdb.open_database(path)
    try:
        result = gdb.check()
        return {"ok": result.ok, "problems": result.problems, "households": Household.select().count(),
                "persons": Person.select().count(), "grids": Grid.select().count(),
                "audit": AuditLog.select().where(AuditLog.action == "import").count()}
    finally:
        gdb.close_database()


# --------------------------------------------------------------------------- kills
def test_killed_import_is_wholly_present_or_wholly_absent(lab, tmp_path):
    rng = random.Random(20261128)
    calibration = tmp_path / "calibration.sqlite3"
    shutil.copy2(lab["template"], calibration)
    proc = start_child(IMPORT, calibration, lab["ledger"])
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    write_seconds = float(next(line for line in out.splitlines() if line.startswith("wrote")).split()[1])
    present = {"ok": True, "problems": (), "households": ROWS, "persons": ROWS, "grids": 1, "audit": 1}
    absent = {"ok": True, "problems": (), "households": 0, "persons": 0, "grids": 0, "audit": 0}
    assert state(calibration) == present

    outcomes = {"absent": 0, "present": 0}
    for n in range(IMPORT_KILLS + RANDOM_KILLS):
        copy = tmp_path / f"kill{n}.sqlite3"
        shutil.copy2(lab["template"], copy)
        proc = start_child(IMPORT, copy, lab["ledger"])
        if n < IMPORT_KILLS:
            assert wait_for(proc, "writing")
            time.sleep(rng.uniform(0, write_seconds * 1.2))
        else:
            time.sleep(rng.uniform(0, 3.0))
        kill(proc)
        found = state(copy)
        assert found in (present, absent), f"kill {n}: {found}"
        outcomes["present" if found == present else "absent"] += 1
    print(f"\nimport: {IMPORT_KILLS + RANDOM_KILLS} kills, write phase {write_seconds:.3f}s, outcomes {outcomes}")
    assert outcomes["absent"] > 0  # the kills did land inside the transaction


def test_killed_backup_leaves_no_partial_file_under_the_target_name(lab, tmp_path):
    rng = random.Random(7)
    outcomes = {"absent": 0, "complete": 0}
    for n in range(BACKUP_KILLS):
        target = tmp_path / f"backup{n}.sqlite3"
        proc = start_child(BACKUP, lab["full"], target)
        assert wait_for(proc, "backing")
        time.sleep(rng.uniform(0, 0.15))
        kill(proc)
        if target.exists():
            info = gdb.verify_backup(target)
            assert info["counts"]["household"] == ROWS
            outcomes["complete"] += 1
        else:
            outcomes["absent"] += 1
        for p in tmp_path.iterdir():  # complete backups, or temporary names (.part, .part-journal)
            assert p.suffix == ".sqlite3" or ".sqlite3.part" in p.name, p.name
    assert state(lab["full"])["ok"]
    print(f"\nbackup: {BACKUP_KILLS} kills, outcomes {outcomes}")


def test_killed_export_leaves_no_partial_file_under_the_target_name(lab, tmp_path):
    rng = random.Random(11)
    outcomes = {"absent": 0, "complete": 0}
    for n in range(EXPORT_KILLS):
        target = tmp_path / f"audit{n}.xlsx"
        proc = start_child(EXPORT, lab["full"], target)
        assert wait_for(proc, "exporting")
        time.sleep(rng.uniform(0, 2.5))
        kill(proc)
        if target.exists():
            wb = load_workbook(target, read_only=True)
            assert sum(1 for _ in wb.active.iter_rows(values_only=True)) > AUDIT_ROWS  # header + every row
            wb.close()
            outcomes["complete"] += 1
        else:
            outcomes["absent"] += 1
        for p in tmp_path.iterdir():  # complete workbooks, or the temporary name
            assert p.suffix == ".xlsx" or p.name.endswith(".xlsx.part"), p.name
    print(f"\nexport: {EXPORT_KILLS} kills, outcomes {outcomes}")


# --------------------------------------------------------------------------- full disk, read-only
def _fill_disk(limit_pages: int = 5) -> None:
    """Let the database grow by only a few pages: SQLite then fails exactly as on a full disk."""
    pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
    database.execute_sql(f"PRAGMA max_page_count = {pages + limit_pages}")


@pytest.fixture
def copy_of_template(lab, tmp_path, monkeypatch):
    monkeypatch.setenv("GRIDAPP_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "db.sqlite3"
    shutil.copy2(lab["template"], path)
    gdb.open_database(path)
    yield path
    gdb.close_database()


def test_full_disk_during_a_service_write_says_so_and_keeps_the_data(copy_of_template):
    from gridapp.services import accounts

    accounts.create_first_admin("admin", "Grid2026ok")
    admin = accounts.authenticate("admin", "Grid2026ok")
    _fill_disk(0)
    with pytest.raises(DatabaseError, match="磁盘已满"):
        for n in range(200):
            accounts.create_user(admin, f"user{n}", f"用户{n}", "grid_worker", "420281103200", "Grid2026ok")
    database.execute_sql("PRAGMA max_page_count = 1073741823")
    assert gdb.check().ok
    created = User.select().count()
    assert AuditLog.select().where(AuditLog.action == "create").count() == created  # no half-done change


def test_full_disk_during_an_import_says_so(copy_of_template, lab):
    from gridapp import importers
    from gridapp.services.actor import system_actor

    _fill_disk()
    try:
        importers.import_file(system_actor(), "households", lab["ledger"])
    except DatabaseError as exc:
        assert "磁盘已满" in exc.message
    except Exception as exc:  # noqa: BLE001 - the point of the test is which exception it is
        raise AssertionError(f"{type(exc).__name__}: {exc}") from exc
    else:
        raise AssertionError("the import did not fail on a full disk")


def test_full_disk_during_an_import_loses_nothing(copy_of_template, lab):
    from gridapp import importers
    from gridapp.services.actor import system_actor

    _fill_disk()
    with pytest.raises(Exception, match="full"):
        importers.import_file(system_actor(), "households", lab["ledger"])
    assert (Household.select().count(), Person.select().count()) == (0, 0)
    assert gdb.check().ok


def test_read_only_database_file_says_so(copy_of_template):
    """A database on a read-only share: opened read-only, every write says why it failed."""
    from gridapp.services import accounts

    gdb.close_database()
    readonly = gdb.GridDatabase(f"file:{copy_of_template}?mode=ro", uri=True)
    readonly.path = copy_of_template
    readonly.connect()
    database.initialize(readonly)
    with pytest.raises(DatabaseError, match="只读"):
        accounts.create_first_admin("admin", "Grid2026ok")
    readonly.close()
    gdb.open_database(copy_of_template)
    assert User.select().count() == 0 and gdb.check().ok


@pytest.mark.parametrize("error, fragment", [(errno.ENOSPC, "磁盘已满"), (errno.EROFS, "不可写")])
def test_backup_to_a_full_or_read_only_folder_says_so(copy_of_template, tmp_path, monkeypatch, error, fragment):
    def failing(src, dst):
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(gdb.os, "replace", failing)
    target = tmp_path / "usb" / "copy.sqlite3"
    with pytest.raises(DatabaseError, match=fragment):
        gdb.backup(target)
    assert list(target.parent.iterdir()) == []
