"""``gridapp --db postgresql://…``: the same commands against a township's PostgreSQL server
(runs when GRIDAPP_TEST_PG names one)."""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook

from gridapp import cli, migrations
from gridapp import db as gdb

PG_URL = os.environ.get("GRIDAPP_TEST_PG")
DATA = Path(__file__).resolve().parent.parent / "data"

pytestmark = pytest.mark.skipif(not PG_URL, reason="GRIDAPP_TEST_PG names no PostgreSQL server")


@pytest.fixture
def url(tmp_path, monkeypatch):
    """An empty schema on the test server; the URL a clerk would pass to --db."""
    from tests.conftest import _fresh_postgres

    monkeypatch.setenv("GRIDAPP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("GRIDAPP_DB", raising=False)
    monkeypatch.delenv("GRIDAPP_PASSWORD", raising=False)
    yield _fresh_postgres(PG_URL)
    gdb.close_database()


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_creates_the_schema_and_check_finds_it_sound(url, capsys):
    code, out, _ = run(capsys, "--db", url, "init")
    assert code == 0
    assert "18 个乡镇" in out
    assert f"数据库：{gdb._redact(url)}" in out
    password = urlsplit(url).password
    assert not password or f":{password}@" not in out  # the password is never printed
    assert run(capsys, "--db", url, "init")[0] == 0  # again: an upgrade that finds nothing to do
    code, out, _ = run(capsys, "check", "--db", url)
    assert (code, out.strip()) == (0, "数据库完好（household 0，person 0，visit 0，event 0）")


def test_a_schema_from_a_newer_gridapp_is_refused(url, capsys):
    assert run(capsys, "--db", url, "init")[0] == 0
    gdb.open_database(url)
    from gridapp.models import SchemaVersion

    SchemaVersion.update(version=migrations.LATEST + 1).execute()
    gdb.close_database()
    code, _, err = run(capsys, "--db", url, "check")
    assert code == 2
    assert "更新版本" in err


def test_an_unreachable_server_is_named(capsys):
    code, _, err = run(capsys, "--db", "postgresql://gridapp:secret@127.0.0.1:1/none", "check")
    assert code == 2
    assert "无法连接数据库服务器 postgresql://gridapp:***@127.0.0.1:1/none" in err
    assert "secret" not in err and "Traceback" not in err


def test_demo_then_summary_export(url, capsys, tmp_path, monkeypatch):
    from gridapp import demo

    monkeypatch.setattr(demo, "_FLUSH_ROWS", 500)  # written in many batches, as a 300k county is
    assert run(capsys, "--db", url, "init")[0] == 0
    code, out, _ = run(capsys, "--db", url, "demo", "--households", "300", "--seed", "7")
    assert code == 0 and "300 户" in out
    code, out, _ = run(capsys, "--db", url, "check")
    assert code == 0 and "household 300，" in out
    people = int(out.split("person ")[1].split("，")[0])
    target = tmp_path / "summary.xlsx"
    code, out, err = run(capsys, "--db", url, "export", "summary", "--unit", "420281", "--from", "2025-01-01",
                         "--to", "2025-12-31", "-o", str(target))
    assert code == 0, err
    sheet = load_workbook(target).worksheets[0]
    assert "网格化服务管理工作汇总表" in str(sheet["A1"].value)
    total = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "合计")
    assert 300 in total  # 户数 of the county
    ledger = tmp_path / "households.xlsx"
    code, out, err = run(capsys, "--db", url, "export", "households", "-o", str(ledger))
    assert code == 0, err
    assert f"台账 {people} 行" in out
    rows = list(load_workbook(ledger, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert sum(1 for row in rows if row[0] is not None) > people  # title and header above the people


def test_import_households_then_again_changes_nothing(url, capsys, tmp_path):
    assert run(capsys, "--db", url, "init")[0] == 0
    book = str(DATA / "households_traps.xlsx")
    errors = tmp_path / "errors.xlsx"
    code, out, _ = run(capsys, "--db", url, "import", "households", book, "--errors", str(errors), "--json")
    first = json.loads(out.strip().splitlines()[-1])
    assert code == 3  # good rows committed, the bad ones listed
    assert first["accepted"] > 0 and first["rejected"] > 0 and errors.exists()
    code, out, _ = run(capsys, "--db", url, "import", "households", book, "--errors", str(errors), "--json")
    again = json.loads(out.strip().splitlines()[-1])
    assert code == 3
    assert (again["households_created"], again["persons_created"], again["updated"]) == (0, 0, 0)
    code, out, _ = run(capsys, "--db", url, "check")
    assert f"person {first['persons_created']}，" in out


def test_file_backup_and_restore_point_to_the_server_tools(url, capsys, tmp_path):
    assert run(capsys, "--db", url, "init")[0] == 0
    code, _, err = run(capsys, "--db", url, "backup", "-o", str(tmp_path / "b.sqlite3"))
    assert code == 2 and "pg_dump" in err
    code, _, err = run(capsys, "--db", url, "restore", str(tmp_path / "b.sqlite3"))
    assert code == 2 and "pg_restore" in err
    assert not list(tmp_path.glob("*.sqlite3*"))
