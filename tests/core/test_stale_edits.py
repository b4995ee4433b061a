"""Two clients on one database file: a stale edit is refused, and concurrent writers lose nothing."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from gridapp import db as gdb
from gridapp.errors import StaleRecordError
from gridapp.models import AuditLog, User
from gridapp.services import accounts

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "Grid2026ok"


@pytest.fixture
def shared(db):
    if gdb.is_postgres(db):
        pytest.skip("two clients on one SQLite file")
    accounts.create_first_admin("admin", PASSWORD)
    admin = accounts.authenticate("admin", PASSWORD)
    worker = accounts.create_user(admin, "zhang", "张三", "grid_worker", "420281103200", PASSWORD)
    return admin, worker


def in_other_connection(fn):
    """Run ``fn`` on another thread: peewee gives each thread its own connection to the file."""
    box = {}

    def run():
        try:
            box["result"] = fn()
        except BaseException as exc:  # handed back to the test
            box["error"] = exc
        finally:
            gdb.database.obj.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    if "error" in box:
        raise box["error"]
    return box.get("result")


def test_stale_user_edit_is_refused_and_the_newer_edit_kept(shared):
    admin, worker = shared
    loaded = accounts.get_user(admin, worker.id)  # client A opens the form
    in_other_connection(lambda: accounts.update_user(admin, worker.id, loaded.version, display_name="张三丰"))
    with pytest.raises(StaleRecordError, match="记录已被他人修改"):
        accounts.update_user(admin, worker.id, loaded.version, phone="13812345678")  # client A saves
    again = accounts.get_user(admin, worker.id)  # the reload shows B's edit
    assert (again.display_name, again.phone, again.version) == ("张三丰", None, loaded.version + 1)
    with pytest.raises(StaleRecordError):
        accounts.disable_user(admin, worker.id, loaded.version)
    assert accounts.update_user(admin, worker.id, again.version, phone="13812345678").phone == "13812345678"


def test_stale_household_edit_is_refused(shared):
    from gridapp import ids
    from gridapp.models import Grid
    from gridapp.services import households
    from gridapp.services.actor import actor_for
    from gridapp.services.households import HouseholdInput
    from gridapp.services.people import PersonInput

    admin, worker = shared
    grid = Grid.create(code="42028110320001", name="一网格", village_code="420281103200", township_code="420281103",
                       county_code="420281")
    accounts.assign_grid(admin, grid.id, worker.id)
    me = actor_for(worker.id)
    import datetime as dt

    head = PersonInput(name="王五", id_number=ids.make_id("420281", dt.date(1970, 1, 1), 11), relation="02")
    made = households.create(me, HouseholdInput(grid_id=grid.id, number="H1", address="一号"), head)
    version = households.get(me, made.id).version
    in_other_connection(lambda: households.update(me, made.id, HouseholdInput(grid_id=grid.id, number="H1",
                                                                              address="二号"), version))
    with pytest.raises(StaleRecordError, match="记录已被他人修改"):
        households.update(me, made.id, HouseholdInput(grid_id=grid.id, number="H1", address="三号"), version)
    assert households.get(me, made.id).address == "二号"


WRITER = r"""
import json, sys, time
from gridapp import db
from gridapp.errors import StaleRecordError
from gridapp.services import accounts
from gridapp.services.actor import actor_for

path, user_id, rounds, tag = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
db.open_database(path)
admin = actor_for("admin")
won, retries = [], 0
for n in range(rounds):
    while True:
        current = accounts.get_user(admin, user_id)
        try:
            accounts.update_user(admin, user_id, current.version, display_name=f"{tag}{n}")
        except StaleRecordError:
            retries += 1
            continue
        won.append(current.version)
        break
    accounts.create_user(admin, f"{tag}u{n}", f"{tag}{n}", "grid_worker", "420281103200", "Grid2026ok")
print(json.dumps({"won": won, "retries": retries}))
"""


def test_concurrent_writers_with_busy_timeouts_lose_no_update(shared, tmp_path):
    admin, worker = shared
    path = str(gdb.database.obj.path)
    start_version = accounts.get_user(admin, worker.id).version
    rounds, writers = 15, 3
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, path, str(worker.id), str(rounds), f"p{i}"],
                              cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i in range(writers)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    won = [v for r in results for v in r["won"]]
    final = accounts.get_user(admin, worker.id)
    # every update was based on a distinct version: none overwrote another unseen
    assert len(won) == len(set(won)) == rounds * writers
    assert final.version == start_version + rounds * writers
    assert sorted(won) == list(range(start_version, final.version))
    audited = AuditLog.select().where((AuditLog.action == "update") & (AuditLog.uid == worker.uid)).count()
    assert audited == rounds * writers
    assert User.select().where(User.login.startswith("p")).count() == rounds * writers  # no insert lost either
    assert gdb.check().ok


def test_reader_is_not_blocked_by_a_long_writer(shared):
    """WAL: a client keeps reading while another holds a write transaction."""
    admin, worker = shared
    started, release = threading.Event(), threading.Event()

    def long_write():
        with gdb.write_transaction():
            User.update(display_name="写入中").where(User.id == worker.id).execute()
            started.set()
            release.wait(10)

    thread = threading.Thread(target=lambda: (long_write(), gdb.database.obj.close()))
    thread.start()
    assert started.wait(10)
    # the committed value, while the writer still holds its transaction (a blocked read would only
    # return after the writer gave up waiting and committed, and then see the new name)
    assert accounts.get_user(admin, worker.id).display_name == "张三"
    release.set()
    thread.join(10)
    assert accounts.get_user(admin, worker.id).display_name == "写入中"
