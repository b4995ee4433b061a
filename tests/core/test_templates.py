"""Import templates: headers of DESIGN §7, a notes row, drop-down lists, and they import back."""
from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from gridapp.errors import ValidationError
from gridapp.ids import make_id
from gridapp.importers import columns, import_file
from gridapp.importers.templates import write_template
from gridapp.models import Person
from gridapp.services import grids
from gridapp.services.actor import system_actor

HEADERS = {
    "households": ["乡镇(街道)", "村(社区)", "网格", "户号", "户主姓名", "姓名", "与户主关系", "性别", "民族", "公民身份号码",
                   "出生日期", "联系电话", "现住址", "户籍地址", "人口类型", "人员类别", "备注"],
    "visits": ["走访日期", "网格员", "被访人", "公民身份号码", "乡镇(街道)", "村(社区)", "户号", "走访方式", "走访情况",
               "人员状态", "危险性评估", "发现问题"],
    "events": ["编号", "登记日期", "乡镇(街道)", "村(社区)", "网格", "事件类型", "标题", "简要情况", "当事人", "涉及人数",
               "状态", "化解方式", "办结日期", "调解员"],
}


def validations(ws) -> dict[str, str]:
    """header -> formula of the list validation on its column."""
    header = {c.column_letter: c.value for c in ws[3]}
    out = {}
    for dv in ws.data_validations.dataValidation:
        letter = str(dv.sqref).split(":")[0].rstrip("0123456789")
        out[header[letter]] = dv.formula1
    return out


@pytest.mark.parametrize("kind", ["households", "visits", "events"])
def test_each_template_has_the_headers_notes_and_lists(db, tmp_path, kind):
    path = write_template(kind, tmp_path / f"{kind}.xlsx")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    assert [c.value for c in ws[3]] == HEADERS[kind] == [c.header for c in columns(kind)]
    assert ws["A1"].value.endswith("导入模板") and ws.freeze_panes == "A4"
    assert all(isinstance(c.value, str) for c in ws[2] if c.value) and any(c.value for c in ws[2])
    assert wb["代码表"].sheet_state == "hidden"
    assert all(f.startswith("'代码表'!$") for f in validations(ws).values())


def test_household_lists_hold_relations_sex_tags_and_ids_are_text(db, tmp_path):
    wb = load_workbook(write_template("households", tmp_path / "h.xlsx"))
    ws, codes = wb.worksheets[0], wb["代码表"]
    lists = validations(ws)
    assert set(lists) == {"与户主关系", "性别", "民族", "人员类别", "人口类型"}
    column = {codes.cell(row=1, column=c).value: [codes.cell(row=r, column=c).value for r in range(2, codes.max_row + 1)]
              for c in range(1, codes.max_column + 1)}
    assert column["性别"][:2] == ["男", "女"] and "妻" in column["与户主关系"] and "户主" in column["与户主关系"]
    assert "严重精神障碍患者" in column["人员类别"] and "留守儿童" in column["人员类别"]
    sex_dv = next(dv for dv in ws.data_validations.dataValidation if str(dv.sqref).startswith("H"))
    assert sex_dv.errorStyle == "stop"
    assert ws["J4"].number_format == "@" and ws["L4"].number_format == "@" and ws["D4"].number_format == "@"


def test_event_template_lists_the_ledger_states(db, tmp_path):
    wb = load_workbook(write_template("events", tmp_path / "e.xlsx"))
    codes = wb["代码表"]
    states = [codes.cell(row=r, column=1).value for r in range(2, 13)]
    assert codes["A1"].value == "状态" and {"已化解", "调解中", "未化解", "已上报", "已办结", "已受理"} <= set(states)


def test_a_filled_template_imports_and_an_empty_one_has_no_rows(db, tmp_path):
    grids.create_grid(system_actor(), "420281103200", "一网格")
    path = write_template("households", tmp_path / "h.xlsx")
    empty = import_file(system_actor(), "households", path)
    assert (empty.rows, empty.accepted, empty.rejected) == (0, 0, 0)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    number = make_id("420281", dt.date(1960, 5, 5), 11)
    for c, value in enumerate(["金山店镇", "土桥村", "一网格", "T1", "周一", "周一", "户主", "男", "汉族", number], 1):
        ws.cell(row=4, column=c, value=value)
    wb.save(path)
    outcome = import_file(system_actor(), "households", path)
    assert (outcome.accepted, outcome.rejected) == (1, 0)
    assert Person.get(Person.id_number == number).name == "周一"


def test_an_unknown_kind_is_refused(db, tmp_path):
    with pytest.raises(ValidationError):
        write_template("places", tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()
