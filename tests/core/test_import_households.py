"""Importing the household register: the traps of tests/data/households_traps.xlsx, counted exactly."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from gridapp import db as gdb
from gridapp.errors import Cancelled, PermissionDenied, ValidationError
from gridapp.importers import households as household_importer
from gridapp.importers import import_file, preview
from gridapp.models import AuditLog, Grid, Household, Person, PersonTag
from gridapp.services import grids
from gridapp.services.actor import system_actor
from tests.core.factories import make_actor
from tests.data import make_fixtures as fx

DATA = Path(__file__).resolve().parent.parent / "data"
TRAPS = DATA / "households_traps.xlsx"
TUQIAO = "420281103200"  # 金山店镇 土桥村

EXPECTED_ERRORS = {
    11: ("身份证号", "身份证号：被Excel存成了数字（科学计数法），末几位已丢失；请把该列设置为文本格式后重新填写"),
    12: ("与户主关系", "与户主关系：户号 H002 没有可导入的户主行（户主行缺失或有错误；与户主关系填“户主”，"
                      "或姓名与户主姓名相同），本户未导入"),
    15: ("身份证号", f"身份证号：校验位错误：应为 {fx.LIU_YANG[-1]}，实际为 {fx.bad_check(fx.LIU_YANG)[-1]}"),
    16: ("身份证号", "身份证号：与第5行重复（同一人在文件中出现了两次）"),
    17: ("人员类别", "人员类别：“五好家庭”不在代码表中"),
}


@pytest.fixture
def village(db):
    """土桥村 with its 第一网格 (the file also names a 第三网格 that doesn't exist yet)."""
    return grids.create_grid(system_actor(), TUQIAO, "第一网格")


def person(number: str) -> Person:
    return Person.get(Person.id_number == number)


def test_the_traps_file_imports_the_good_rows_and_names_the_column_of_every_bad_one(village):
    outcome = import_file(system_actor(), "households", TRAPS)
    assert outcome.as_json() == {"rows": 14, "accepted": 9, "rejected": 5, "households_created": 3,
                                 "persons_created": 9, "grids_created": 1, "updated": 0}
    assert {e.row_number: (e.column, e.message) for e in outcome.errors} == EXPECTED_ERRORS
    assert outcome.mapping["身份证号"] == "id_number" and outcome.mapping["姓名(必填)"] == "name"
    assert outcome.mapping["户号*"] == "number" and "序号" not in outcome.mapping
    assert Household.select().count() == 3 and Person.select().count() == 9
    assert Grid.get((Grid.village_code == TUQIAO) & (Grid.name == "第三网格")).code == TUQIAO + "02"
    assert gdb.check().ok


def test_merged_cells_dates_widths_and_relations_come_through(village):
    import_file(system_actor(), "households", TRAPS)
    h001 = Household.get((Household.village_code == TUQIAO) & (Household.number == "H001"))
    assert (h001.address, h001.reg_type, h001.phone, h001.grid_id) == ("土桥村一组12号", "户籍户", "13871234567",
                                                                       village.id)
    members = {p.name: p for p in Person.select().where(Person.household == h001.id)}
    assert set(members) == {"张建国", "李秀英", "张伟", "张丽", "张小明", "张小红"}
    assert [p.name for p in members.values() if p.is_head] == ["张建国"]
    assert {n: p.relation for n, p in members.items()} == {"张建国": "02", "李秀英": "12", "张伟": "20",
                                                            "张丽": "38", "张小明": "41", "张小红": "42"}
    assert members["李秀英"].id_number == fx.LI_XIUYING  # typed with full-width digits
    assert members["张伟"].id_number == fx.ZHANG_WEI and fx.ZHANG_WEI.endswith("X")  # typed with a lowercase x
    assert {n: p.birth_date for n, p in members.items()} == {
        "张建国": dt.date(1955, 3, 12), "李秀英": dt.date(1957, 8, 1), "张伟": dt.date(1980, 5, 6),
        "张丽": dt.date(1983, 2, 3), "张小明": dt.date(2010, 6, 1), "张小红": dt.date(2012, 9, 15)}
    assert members["李秀英"].ethnic == "汉族"  # written 汉
    assert members["张伟"].phone == "13800001234" and members["张伟"].residence == "外出"
    assert members["张建国"].reg_address == "湖北省大冶市金山店镇土桥村一组"
    assert members["张建国"].pinyin == "zhangjianguo" and members["张建国"].township_code == "420281103"
    tags = {(t.person.name, t.category) for t in PersonTag.select().join(Person)}
    assert tags == {("张建国", "tyjr"), ("张建国", "dbh"), ("张小明", "lset"), ("张小红", "lset"), ("刘芳", "lsfn")}
    h004 = Household.get(Household.number == "H004")
    assert h004.reg_type == "流动户" and person(fx.CHEN_JING).is_head and person(fx.ZHOU_JIE).relation == "11"


def test_reimporting_the_same_file_changes_nothing(village):
    actor = system_actor()
    import_file(actor, "households", TRAPS)
    before = [(p.uid, p.version, p.updated_at) for p in Person.select().order_by(Person.id)]
    again = import_file(actor, "households", TRAPS)
    assert again.as_json() == {"rows": 14, "accepted": 9, "rejected": 5, "households_created": 0,
                               "persons_created": 0, "grids_created": 0, "updated": 0}
    assert [(p.uid, p.version, p.updated_at) for p in Person.select().order_by(Person.id)] == before
    assert PersonTag.select().count() == 5 and Grid.select().count() == 2


def test_the_corrected_errors_file_imports_on_its_own(village, tmp_path):
    actor = system_actor()
    errors = tmp_path / "errors.xlsx"
    outcome = import_file(actor, "households", TRAPS, errors_path=errors)
    assert outcome.errors_path == str(errors)
    ws = load_workbook(errors).active
    header = [c.value for c in ws[1]]
    assert header[-2:] == ["原行号", "错误原因"] and header[:2] == ["序号", "乡镇(街道)"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert [r[-2] for r in rows] == [11, 12, 15, 16, 17]
    assert rows[0][-1] == EXPECTED_ERRORS[11][1]
    assert rows[1][1:5] == ["金山店镇", "土桥村", "第一网格", "H002"]  # merged cells were filled in
    col = header.index("身份证号")
    ws.cell(row=2, column=col + 1, value=fx.WANG_DALI)  # the number stored as text this time
    ws.cell(row=4, column=col + 1, value=fx.LIU_YANG)  # the check digit corrected
    ws.cell(row=6, column=header.index("人员类别") + 1, value="残疾人")  # a known tag
    ws.delete_rows(5)  # the duplicate person is dropped
    ws.parent.save(errors)
    fixed = import_file(actor, "households", errors)
    assert fixed.as_json() == {"rows": 4, "accepted": 4, "rejected": 0, "households_created": 1,
                               "persons_created": 4, "grids_created": 0, "updated": 0}
    assert person(fx.LIU_YANG).household.number == "H003" and person(fx.WANG_XIAOLI).household.number == "H002"
    assert [t.category for t in person(fx.LIU_XIAO).tags] == ["cjr"]
    assert gdb.check().ok


def test_dry_run_reports_the_same_counts_and_writes_nothing(village, tmp_path):
    outcome = import_file(system_actor(), "households", TRAPS, dry_run=True, errors_path=tmp_path / "e.xlsx")
    assert outcome.as_json() == {"rows": 14, "accepted": 9, "rejected": 5, "households_created": 3,
                                 "persons_created": 9, "grids_created": 1, "updated": 0, "dry_run": True,
                                 "errors_file": str(tmp_path / "e.xlsx")}
    assert Person.select().count() == 0 and Grid.select().count() == 1
    assert not AuditLog.select().where(AuditLog.action == "import").exists()


def test_preview_shows_the_mapping_the_first_rows_and_the_counts(village):
    shown = preview(system_actor(), "households", TRAPS)
    assert (shown.sheet, shown.header_row, shown.rows, shown.good, shown.bad) == ("户籍人口", 4, 14, 9, 5)
    assert shown.unmapped == ("序号",)
    assert shown.labels["id_number"] == "公民身份号码" and shown.mapping["身份证号"] == "id_number"
    assert shown.sample[0][0] == 5 and shown.sample[0][1][6] == "张建国"
    assert shown.sample[1][1][5] == "张建国"  # the merged 户主姓名 is filled on the second member
    assert Person.select().count() == 0


def test_a_failure_while_writing_leaves_nothing_of_the_import(village, monkeypatch):
    real = household_importer.bulk_insert
    calls = []

    def failing(model, rows):
        calls.append(model)
        if model is Person:
            raise OSError("disk full")
        real(model, rows)

    monkeypatch.setattr(household_importer, "bulk_insert", failing)
    with pytest.raises(OSError):
        import_file(system_actor(), "households", TRAPS)
    assert Household in calls and Person in calls
    assert Household.select().count() == 0 and Grid.select().count() == 1
    assert not AuditLog.select().where(AuditLog.action == "import").exists()


def test_cancelling_leaves_nothing(village):
    seen = []

    def cancel_when_writing() -> bool:
        return len(seen) > 0 and seen[-1] >= 70

    with pytest.raises(Cancelled):
        import_file(system_actor(), "households", TRAPS, on_progress=lambda d, t: seen.append(d),
                    is_cancelled=cancel_when_writing)
    assert Household.select().count() == 0 and Person.select().count() == 0


def write_book(path: Path, header: list, rows: list) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


HEADER = ["村(社区)", "户号", "户主姓名", "姓名", "与户主关系", "公民身份号码", "人员类别", "现住址"]


def test_a_second_import_adds_members_and_updates_only_what_the_file_fills(village, tmp_path):
    actor = system_actor()
    import_file(actor, "households", TRAPS)
    zhang = person(fx.ZHANG_JIANGUO)
    new_id = fx.make_id(fx.AREA, dt.date(2015, 1, 1), 61)
    book = write_book(tmp_path / "more.xlsx", HEADER, [
        ["土桥村", "H001", "张建国", "张建国", "户主", fx.ZHANG_JIANGUO, "独居老人", "土桥村一组12号之一"],
        ["土桥村", "H001", "张建国", "张小刚", "孙子", new_id, None, None],
        ["土桥村", "H001", "张建国", "李秀英", "妻", fx.LI_XIUYING, None, None],
        ["土桥村", "H003", "刘芳", "陈静", "女", fx.CHEN_JING, None, None],
        ["土桥村", "H004", "周杰", "周杰", "户主", fx.ZHOU_JIE, None, None],
    ])
    outcome = import_file(actor, "households", book)
    assert outcome.as_json() == {"rows": 5, "accepted": 3, "rejected": 2, "households_created": 0,
                                 "persons_created": 1, "grids_created": 0, "updated": 2}
    assert {e.row_number: e.message for e in outcome.errors} == {
        5: "公民身份号码：该人员已登记为 陈静（土桥村，户号 H004）；如需迁户，请在系统中办理",
        6: "与户主关系：户号 H004 已有户主 陈静；更换户主请在系统中办理",
    }
    zhang2 = person(fx.ZHANG_JIANGUO)
    assert zhang2.version == zhang.version  # only a tag was added to the head
    assert {t.category for t in zhang2.tags} == {"tyjr", "dbh", "djlr"}
    assert Household.get(Household.number == "H001").address == "土桥村一组12号之一"
    assert person(new_id).relation == "41" and not person(new_id).is_head
    assert person(fx.LI_XIUYING).version == 1  # 妻 = 12, unchanged
    assert AuditLog.select().where((AuditLog.action == "update") & (AuditLog.entity == "household")).count() == 1


def test_an_update_of_a_field_bumps_the_version_and_is_audited(village, tmp_path):
    actor = system_actor()
    import_file(actor, "households", TRAPS)
    book = write_book(tmp_path / "fix.xlsx", ["村(社区)", "户号", "姓名", "与户主关系", "公民身份号码", "手机号"],
                      [["土桥村", "H001", "李秀英", "妻子", fx.LI_XIUYING, "13912345678"]])
    assert import_file(actor, "households", book).updated == 1
    li = person(fx.LI_XIUYING)
    assert (li.phone, li.phone_rev, li.version) == ("13912345678", "87654321931", 2)
    row = AuditLog.get((AuditLog.action == "update") & (AuditLog.uid == li.uid))
    assert json.loads(row.changes) == {"phone": [None, "13912345678"]}


def test_places_resolve_by_name_or_code_and_unknown_ones_are_refused(village, tmp_path):
    book = write_book(tmp_path / "p.xlsx", ["乡镇(街道)", "村(社区)", "网格", "户号", "姓名", "与户主关系", "公民身份号码"], [
        ["420281103", "420281103200", "第一网格", "P1", "甲一", "户主", fx.make_id(fx.AREA, dt.date(1970, 1, 1), 1)],
        ["金山店", "土桥", None, "P2", "乙一", "户主", fx.make_id(fx.AREA, dt.date(1970, 1, 2), 1)],
        ["金山店镇", "石应高村", "第一网格", "P3", "丙一", "户主", fx.make_id(fx.AREA, dt.date(1970, 1, 3), 1)],
        ["火星镇", "土桥村", "第一网格", "P4", "丁一", "户主", fx.make_id(fx.AREA, dt.date(1970, 1, 4), 1)],
    ])
    outcome = import_file(system_actor(), "households", book)
    assert (outcome.accepted, outcome.rejected) == (2, 2)
    assert {e.row_number: e.message for e in outcome.errors} == {
        4: "村(社区)：“石应高村”在金山店镇中不存在（可填写名称或12位代码）",
        5: "乡镇(街道)：“火星镇”不存在（可填写名称或9位代码）",
    }
    assert {h.number for h in Household.select().where(Household.grid == village.id)} == {"P1", "P2"}


def test_the_unit_is_the_default_place_when_the_file_has_no_place_columns(db, tmp_path):
    grids.create_grid(system_actor(), TUQIAO, "一网格")
    book = write_book(tmp_path / "u.xlsx", ["户号", "姓名", "与户主关系", "公民身份号码"],
                      [["U1", "戊一", "户主", fx.make_id(fx.AREA, dt.date(1980, 1, 1), 1)]])
    with_unit = import_file(system_actor(), "households", book, unit="土桥村")
    assert with_unit.accepted == 1 and Household.get(Household.number == "U1").village_code == TUQIAO
    without = import_file(system_actor(), "households", book, dry_run=True)
    assert without.errors[0].message.startswith("村(社区)：不能为空")


def test_a_grid_worker_imports_only_into_their_grid_and_creates_no_grid(village, tmp_path):
    worker = make_actor("grid_worker", grid_ids=(village.id,))
    book = write_book(tmp_path / "w.xlsx", ["村(社区)", "网格", "户号", "姓名", "与户主关系", "公民身份号码"], [
        ["土桥村", "第一网格", "W1", "己一", "户主", fx.make_id(fx.AREA, dt.date(1981, 1, 1), 1)],
        ["土桥村", "第九网格", "W2", "庚一", "户主", fx.make_id(fx.AREA, dt.date(1981, 1, 2), 1)],
        ["马坪村", "第一网格", "W3", "辛一", "户主", fx.make_id(fx.AREA, dt.date(1981, 1, 3), 1)],
    ])
    outcome = import_file(worker, "households", book)
    assert outcome.accepted == 1 and outcome.grids_created == 0
    assert [e.message for e in outcome.errors] == ["网格：“第九网格”不是您负责的网格（网格员不能新建网格）",
                                                    "村(社区)：马坪村不在您的管辖范围内"]
    with pytest.raises(PermissionDenied):
        import_file(make_actor("sysadmin"), "households", book)


def test_a_file_without_a_recognisable_header_is_refused_with_a_reason(db, tmp_path):
    book = write_book(tmp_path / "x.xlsx", ["甲", "乙", "丙"], [[1, 2, 3]])
    with pytest.raises(ValidationError) as err:
        import_file(system_actor(), "households", book)
    assert "没有找到表头" in err.value.message
    missing = write_book(tmp_path / "y.xlsx", ["村(社区)", "姓名", "公民身份号码"], [["土桥村", "甲", None]])
    with pytest.raises(ValidationError) as err:
        import_file(system_actor(), "households", missing)
    assert err.value.message == "第1行表头缺少必需的列：户号"
    with pytest.raises(ValidationError) as err:
        import_file(system_actor(), "households", tmp_path / "old.xls")
    assert err.value.message.startswith("文件不存在")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ValidationError) as err:
        import_file(system_actor(), "households", tmp_path / "old.xls")
    assert "另存为" in err.value.message


def test_a_place_outside_the_chosen_unit_is_refused_by_name(village, tmp_path):
    book = write_book(tmp_path / "o.xlsx", ["乡镇(街道)", "村(社区)", "网格", "户号", "姓名", "与户主关系", "公民身份号码"],
                      [["保安镇", "庄咀村", "一网格", "O1", "壬一", "户主", fx.make_id(fx.AREA, dt.date(1975, 1, 1), 1)]])
    outcome = import_file(system_actor(), "households", book, unit="金山店镇", dry_run=True)
    assert [e.message for e in outcome.errors] == ["乡镇(街道)：保安镇不在导入单位（金山店镇）范围内"]


def test_a_tag_that_starts_later_is_not_added_again(village, tmp_path):
    """The person already has the group, starting tomorrow (say from another station's clock):
    re-importing the ledger keeps that one tag instead of adding a second."""
    actor = system_actor()
    import_file(actor, "households", TRAPS)
    zhang = person(fx.ZHANG_JIANGUO)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    PersonTag.update(since=tomorrow).where((PersonTag.person == zhang.id) & (PersonTag.category == "dbh")).execute()
    book = write_book(tmp_path / "again.xlsx", HEADER, [
        ["土桥村", "H001", "张建国", "张建国", "户主", fx.ZHANG_JIANGUO, "低保户", None]])
    outcome = import_file(actor, "households", book)
    assert (outcome.accepted, outcome.as_json()["updated"]) == (1, 0)
    assert PersonTag.select().where((PersonTag.person == zhang.id) & (PersonTag.category == "dbh")
                                    & PersonTag.deleted_at.is_null()).count() == 1


def test_a_large_import_leaves_the_query_planner_statistics_of_the_tables_it_filled(village, monkeypatch):
    from tests.core.backends import sqlite_only

    sqlite_only("SQLite's planner statistics (sqlite_stat1)")
    import gridapp.importers as importers

    def analysed() -> set[str]:
        tables = gdb.database.execute_sql("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchall()
        if not tables:
            return set()
        return {t for (t,) in gdb.database.execute_sql("SELECT DISTINCT tbl FROM sqlite_stat1")}

    monkeypatch.setattr(importers, "ANALYZE_ROWS", 10)  # the file's 9 good rows are not "large"
    import_file(system_actor(), "households", TRAPS)
    assert "person" not in analysed()
    monkeypatch.setattr(importers, "ANALYZE_ROWS", 9)
    import_file(system_actor(), "households", TRAPS)  # the same 9 rows again: "large" now
    assert {"household", "person"} <= analysed()
    assert gdb.database.execute_sql("PRAGMA analysis_limit").fetchone()[0] == 0  # left as it was
