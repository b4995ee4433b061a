"""The check before the client opens a database: a damaged file is never opened silently; the
newest good backup is offered; a large file gets its full check in the background."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from gridapp import db as gdb
from gridapp.services import backups, grids, households
from gridapp.services.actor import system_actor
from gridapp.services.households import HouseholdInput, HouseholdQuery
from gridapp.services.people import PersonInput
from tests.ui.conftest import VILLAGE_CODE


def add_household(number: str, head: str) -> None:
    grid_id = grids.list_grids(system_actor(), VILLAGE_CODE)[0].id
    households.create(system_actor(), HouseholdInput(grid_id=grid_id, number=number, address=f"土桥村{number}号"),
                      PersonInput(name=head))


def corrupt(path: Path, *tables: str) -> None:
    """Overwrite the root pages of ``tables`` with junk (the file stays a SQLite file)."""
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    roots = [con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (t,)).fetchone()[0] for t in tables]
    con.close()
    with path.open("r+b") as fh:
        for root in roots:
            fh.seek((root - 1) * page_size)
            fh.write(bytes([0x5A]) * page_size)


@pytest.fixture
def damaged(db, station, sync_jobs):
    """A station database with two households backed up, a third added after the backup, then
    damaged in its household and person tables; closed."""
    path = Path(db.path)
    add_household("0001", "张一")
    add_household("0002", "张二")
    backup = gdb.backup()
    add_household("0003", "张三")
    gdb.close_database()
    corrupt(path, "household", "person")
    return path, backup


def test_the_damage_is_found_before_opening(damaged):
    path, backup = damaged
    status = backups.startup_check(path)
    assert not status.ok and status.problems
    assert status.newest_good_backup.path == backup


def test_declining_the_restore_leaves_the_damaged_database_unopened(damaged, asked):
    from ui import app

    path, backup = damaged
    before = path.read_bytes()
    asked.confirm_answer = False
    assert app.open_database(path) is None
    kind, title, text = asked[0]
    assert (kind, title) == ("confirm", "数据库已损坏")
    assert "数据库已损坏：" in text  # the problem quick_check found
    when = backups.probe(backup).when
    assert f"最近一次完好的备份是 {when:%Y-%m-%d %H:%M}（2 户、2 人、0 次走访、0 件事件" in text
    assert asked.kinds() == ["confirm"]  # nothing else happened: no restore, no opening
    assert gdb.database.obj is None or gdb.database.obj.is_closed()
    assert path.read_bytes() == before


def test_accepting_restores_the_newest_good_backup_and_keeps_the_damaged_file(damaged, asked):
    from ui import app

    path, backup = damaged
    asked.confirm_answer = True
    assert app.open_database(path) == str(path)
    assert asked.kinds() == ["confirm", "info"]
    assert asked[1][1] == "已恢复"
    assert households.count(system_actor(), HouseholdQuery()) == 2  # the data of the backup
    kept = [p for p in (path.parent / "backups").iterdir() if p.name.endswith("-damaged.sqlite3")]
    assert len(kept) == 1 and str(kept[0]) in asked[1][2]
    assert gdb.check().ok


def test_without_a_good_backup_the_database_is_not_opened(damaged, asked):
    from ui import app

    path, backup = damaged
    backup.unlink()
    assert app.open_database(path) is None
    kind, title, text = asked[0]
    assert (kind, title) == ("error", "数据库已损坏")
    assert "没有可用于恢复的完好备份" in text
    assert gdb.database.obj is None or gdb.database.obj.is_closed()


def test_a_large_database_gets_its_full_check_after_opening(db, station, monkeypatch, asked, qtbot, ctx, sync_jobs):
    """Above FULL_CHECK_LIMIT the check before opening covers the core tables; the session runs
    the whole check once the window is up and warns about damage it finds."""
    from ui import app
    from ui.session import Session

    path = Path(db.path)
    add_household("0001", "张一")
    gdb.close_database()
    corrupt(path, "household")
    monkeypatch.setattr(backups, "FULL_CHECK_LIMIT", 0)
    monkeypatch.setattr(app, "FULL_CHECK_PENDING", set())
    assert app.open_database(path) == str(path)  # the core tables are fine: it opens
    assert str(path) in app.FULL_CHECK_PENDING
    assert asked == []
    session = Session(ctx, full_check=True)
    session.startup_timer.setInterval(0)
    session.start()
    qtbot.addWidget(session.window)
    qtbot.waitUntil(lambda: any(a[1] == "数据库已损坏" for a in asked), timeout=5000)
    kind, title, text = next(a for a in asked if a[1] == "数据库已损坏")
    assert kind == "warning"
    assert "数据库已损坏：" in text and "设置 → 备份与恢复" in text
    session.finish()
    session.window.close()
