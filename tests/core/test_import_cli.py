"""``gridapp import|export|template`` as a person at a terminal (or a script) uses them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gridapp import cli

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def database(tmp_path, monkeypatch):
    monkeypatch.setenv("GRIDAPP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("GRIDAPP_DB", raising=False)
    path = tmp_path / "cli.sqlite3"
    assert cli.main(["--db", str(path), "init"]) == 0
    return str(path)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_reports_rejections_with_exit_code_3_and_json_last(database, capsys, tmp_path):
    code, out, _ = run(capsys, "--db", database, "import", "households", str(DATA / "households_traps.xlsx"),
                       "--errors", str(tmp_path / "err.xlsx"), "--json")
    assert code == 3
    lines = out.strip().splitlines()
    assert json.loads(lines[-1]) == {"rows": 14, "accepted": 9, "rejected": 5, "households_created": 3,
                                     "persons_created": 9, "grids_created": 2, "updated": 0,
                                     "errors_file": str(tmp_path / "err.xlsx")}
    assert "  第16行：身份证号：与第5行重复（同一人在文件中出现了两次）" in lines
    assert load_workbook(tmp_path / "err.xlsx").active.max_row == 6
    code, out, _ = run(capsys, "import", "households", str(DATA / "households_traps.xlsx"), "--dry-run", "--json",
                       "--db", database)
    assert code == 3 and json.loads(out.strip().splitlines()[-1])["persons_created"] == 0
    assert "试运行：只做了校验，没有写入数据库" in out


def test_a_clean_import_exits_0_and_a_bad_file_exits_1(database, capsys, tmp_path):
    run(capsys, "--db", database, "import", "households", str(DATA / "households_traps.xlsx"))
    code, out, _ = run(capsys, "--db", database, "import", "events", str(DATA / "events_ledger.xlsx"), "--json")
    assert code == 3 and json.loads(out.strip().splitlines()[-1])["events_created"] == 5
    template = tmp_path / "v.xlsx"
    assert run(capsys, "template", "visits", "-o", str(template))[0] == 0
    code, out, _ = run(capsys, "--db", database, "import", "visits", str(template), "--json")
    assert code == 0 and json.loads(out.strip().splitlines()[-1]) == {
        "rows": 0, "accepted": 0, "rejected": 0, "visits_created": 0, "grids_created": 0, "updated": 0}
    code, _, err = run(capsys, "--db", database, "import", "households", str(tmp_path / "missing.xlsx"))
    assert code == 1 and "文件不存在" in err


def test_export_summary_by_period_and_ledgers(database, capsys, tmp_path):
    run(capsys, "--db", database, "import", "households", str(DATA / "households_traps.xlsx"))
    code, out, _ = run(capsys, "--db", database, "export", "summary", "--unit", "金山店镇", "--period", "2026Q1",
                       "--compare", "-o", str(tmp_path / "s.xlsx"))
    assert code == 0 and "已导出金山店镇汇总表（2026年第1季度）" in out
    assert load_workbook(tmp_path / "s.xlsx").sheetnames == ["总表", "矛盾纠纷分类", "重点人群管理", "网格员工作量"]
    code, out, _ = run(capsys, "--db", database, "export", "summary", "--unit", "420281103", "--from", "2026-01-01",
                       "--to", "2026-03-31", "-o", str(tmp_path / "s2.xlsx"))
    assert code == 0
    code, out, _ = run(capsys, "--db", database, "export", "people", "--unit", "土桥村", "--unmask",
                       "-o", str(tmp_path / "p.xlsx"))
    assert code == 0 and "人员信息台账 9 行（身份证号和电话为完整号码" in out
    code, _, err = run(capsys, "--db", database, "export", "summary", "--unit", "金山店镇", "-o", str(tmp_path / "x.xlsx"))
    assert code == 1 and "指定统计时段" in err
    code, _, err = run(capsys, "--db", database, "export", "events", "--from", "2026-13-01", "-o", str(tmp_path / "x.xlsx"))
    assert code == 1 and "--from 的日期格式应为 YYYY-MM-DD" in err
    assert not (tmp_path / "x.xlsx").exists()
