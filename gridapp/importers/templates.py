"""Empty import workbooks (``gridapp template households|visits|events``).

Each template has a title row, a notes row with what to write in every column, the header row
with the canonical column names of DESIGN.md §7 (the same the ledger exports use), and, for the
first 2,000 data rows: drop-down lists for the coded columns (与户主关系, 性别, 民族, 人员类别,
人口类型, 走访方式, 人员状态, 状态, 化解方式, 事件类型) and the text format for ID numbers, phones
and 户号 (so Excel never turns an ID number into 4.20281E+17). The lists live on a hidden sheet
``代码表``; a list that accepts other words too (与户主关系: 妻子, 儿子 …; 人员类别: several at once)
only warns about a value that isn't in it.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from gridapp import refdata
from gridapp.errors import ValidationError
from gridapp.importers import columns
from gridapp.importers.events import STATES
from gridapp.importers.households import POPULATION_TYPES
from gridapp.reports import xlsx

DATA_ROWS = 2000
TITLES = {"households": ("户籍人口", "户籍人口信息导入模板"), "visits": ("走访台账", "走访台账导入模板"),
          "events": ("矛盾纠纷排查化解台账", "矛盾纠纷排查化解台账导入模板")}
TEXT_FIELDS = ("id_number", "phone", "number")
LEDGER_STATES = ("已登记", "已受理", "调解中", "已化解", "未化解", "已办结", "已上报", "上报县", "已回访", "已归档",
                 "已退回")
WIDTHS = {"id_number": 21, "address": 24, "reg_address": 24, "tags": 18, "notes": 24, "description": 30,
          "title": 20, "findings": 20, "parties": 16, "number": 14}


@lru_cache(maxsize=1)
def _code_tables() -> dict:
    """The bundled code tables (resources/data/codes.json): a template needs no database."""
    return json.loads(refdata.data_file("codes.json").read_text(encoding="utf-8"))


def _names(table: str) -> list[str]:
    return [item["name"] for item in _code_tables()[table]["items"]]


def _lists(kind: str) -> dict[str, tuple[list[str], bool]]:
    """field -> (allowed values, strict)."""
    names = _names
    if kind == "households":
        return {"relation": (names("relation"), False), "sex": (names("sex"), True),
                "ethnic": (names("ethnic"), False), "tags": (names("person_category"), False),
                "population_type": ([p for p in POPULATION_TYPES if p.endswith(("人口", "户"))], False)}
    if kind == "visits":
        return {"method": (names("visit_method"), False), "state": (names("visit_state"), False),
                "risk_grade": ([f"{g}级" for g in range(6)], False)}
    categories = names("dispute_report") + [n for n in names("hazard_category") if n != "其他"] + ["治安", "民生诉求"]
    assert set(LEDGER_STATES) <= set(STATES)
    return {"state": (list(LEDGER_STATES), False), "method": (names("resolution_method"), True),
            "category": (categories, False)}


def write_template(kind: str, path) -> Path:
    """Write the empty import workbook of ``kind`` to ``path`` (atomically)."""
    if kind not in TITLES:
        raise ValidationError(f"不支持的模板类型：{kind}（可选 households、visits、events）", field="kind")
    cols = columns(kind)
    sheet_title, title = TITLES[kind]
    lists = _lists(kind)

    def save(tmp: Path) -> None:
        wb = Workbook()
        ws = wb.active
        ws.title = sheet_title
        codes = wb.create_sheet("代码表")
        codes.sheet_state = "hidden"
        n = len(cols)
        ws.cell(row=1, column=1, value=title).font = xlsx.TITLE_FONT
        ws.cell(row=1, column=1).alignment = xlsx.CENTER
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
        ws.row_dimensions[1].height = 30
        for i, col in enumerate(cols, 1):
            note = ("必填；" if col.required and not col.note.startswith("必填") else "") + col.note
            cell = ws.cell(row=2, column=i, value=note or None)
            cell.font, cell.alignment = xlsx.NOTE_FONT, xlsx.LEFT
            head = ws.cell(row=3, column=i, value=col.header)
            head.font = Font(name=xlsx.FONT_NAME, size=10, bold=True, color="C00000" if col.required else "000000")
            head.alignment, head.border, head.fill = xlsx.CENTER, xlsx.BORDER, xlsx.HEADER_FILL
            letter = get_column_letter(i)
            ws.column_dimensions[letter].width = WIDTHS.get(col.field, max(10, 2.2 * len(col.header) + 2))
            if col.field in TEXT_FIELDS:
                for r in range(4, 4 + DATA_ROWS):
                    ws.cell(row=r, column=i).number_format = "@"
        ws.row_dimensions[2].height = 45
        for c, (fld, (values, strict)) in enumerate(lists.items(), 1):
            i = next(k for k, col in enumerate(cols, 1) if col.field == fld)
            code_letter = get_column_letter(c)
            codes.cell(row=1, column=c, value=cols[i - 1].header)
            for r, value in enumerate(values, 2):
                codes.cell(row=r, column=c, value=value)
            dv = DataValidation(type="list", formula1=f"'代码表'!${code_letter}$2:${code_letter}${len(values) + 1}",
                                allow_blank=True, showErrorMessage=True, errorStyle="stop" if strict else "warning",
                                errorTitle=cols[i - 1].header,
                                error="请从下拉列表中选择" if strict else "不在常用列表中，确定要这样填写吗？")
            letter = get_column_letter(i)
            dv.add(f"{letter}4:{letter}{3 + DATA_ROWS}")
            ws.add_data_validation(dv)
        ws.freeze_panes = "A4"
        xlsx.print_setup(ws, header_rows="3:3", freeze=None)
        wb.save(tmp)

    return xlsx.save_atomic(save, path)
