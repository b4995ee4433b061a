"""Reading a ledger worksheet the way people actually keep them (DESIGN.md §7).

* The header row is found within the first 10 rows: the row whose cells match the most known
  column names. A column name matches any of its synonyms, ignoring spaces, case, full-width
  forms and the marks （必填）/(必填)/*.
* Title rows above the header are ignored. Below it, blank rows (no value in any recognised
  column, so pre-numbered 序号 rows count as blank) and 小计/注/说明 rows are skipped, and the
  data ends at a 合计/总计 row or at the 填表人/审核人/负责人 line.
* Merged cells are filled: every cell of a merged range gets the value of its top-left cell (a
  household's 户号 and 户主姓名 are often merged down over its members).
* Of a workbook, the first visible sheet with a recognisable header is read.
"""
from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gridapp.errors import Cancelled, ValidationError
from gridapp.importers.cells import clean_text, filled, header_key

HEADER_SCAN_ROWS = 10
MIN_HEADER_MATCHES = 2
END_MARKS = ("合计", "总计", "填表人", "制表人", "填报人", "审核人", "负责人", "填表日期", "制表日期",
             "填报日期", "统计人", "单位负责人")
SKIP_MARKS = ("小计", "注:", "说明:", "填写说明", "备注:")


@dataclass(frozen=True)
class Column:
    """One importable field: its canonical header (templates and exports use it) and synonyms."""

    field: str
    header: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    note: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(header_key(h) for h in (self.header, *self.synonyms)))


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number in the workbook (1-based, as Excel shows it)
    values: dict  # field -> raw cell value (merged cells filled)
    cells: tuple  # every cell of the row under a header, as read (merged cells filled)


@dataclass
class Table:
    path: Path
    sheet: str
    header_row: int
    headers: tuple[str, ...]  # header texts as written in the file, one per column
    mapping: dict[str, str]  # header text -> field
    columns: dict[str, int]  # field -> 0-based column index
    rows: list[SheetRow] = field(default_factory=list)


def _open(path: Path):
    from openpyxl import load_workbook

    if not path.is_file():
        raise ValidationError(f"文件不存在：{path}", field="file")
    if path.suffix.lower() == ".xls":
        raise ValidationError("不支持旧版 .xls 文件：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入", field="file")
    if path.suffix.lower() == ".csv":
        raise ValidationError("不支持 .csv 文件：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入", field="file")
    try:
        return load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise ValidationError(f"无法读取 {path.name}：不是有效的 .xlsx 文件（{exc.__class__.__name__}）",
                              field="file") from exc


def _match_header(cells: Sequence, lookup: dict[str, str]) -> dict[int, str]:
    """Column index -> field for one candidate header row (first match of a field wins)."""
    found: dict[int, str] = {}
    taken: set[str] = set()
    for i, value in enumerate(cells):
        f = lookup.get(header_key(value))
        if f and f not in taken:
            found[i] = f
            taken.add(f)
    return found


def _merged_values(ws, first_row: int) -> dict[tuple[int, int], object]:
    """(row, col) -> value for every cell covered by a merged range at or below ``first_row``."""
    filled: dict[tuple[int, int], object] = {}
    for rng in ws.merged_cells.ranges:
        if rng.max_row < first_row:
            continue
        value = ws.cell(row=rng.min_row, column=rng.min_col).value
        for r in range(max(rng.min_row, first_row), rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                filled[(r, c)] = value
    return filled


def _first_text(cells: Sequence) -> str:
    for value in cells:
        text = "".join(clean_text(value).split())
        if text:
            return text
    return ""


def read_table(path, columns: Sequence[Column], *, on_progress: Callable[[int, int], None] = lambda d, t: None,
               is_cancelled: Callable[[], bool] = lambda: False) -> Table:
    """The data rows of the first sheet with a recognisable header, or ValidationError."""
    path = Path(path)
    lookup = {key: col.field for col in columns for key in col.keys}
    wb = _open(path)
    try:
        best = None
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            for r, cells in enumerate(ws.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS, values_only=True), 1):
                found = _match_header(cells, lookup)
                if len(found) >= MIN_HEADER_MATCHES and (best is None or len(found) > len(best[2])):
                    best = (ws, r, found, cells)
            if best is not None:
                break
        if best is None:
            examples = "、".join(f"“{c.header}”" for c in columns[:4])
            raise ValidationError(
                f"没有找到表头：前{HEADER_SCAN_ROWS}行中没有一行包含{examples}等列名，请检查是否选错了文件", field="file")
        ws, header_row, found, header_cells = best
        missing = [c.header for c in columns if c.required and c.field not in found.values()]
        if missing:
            raise ValidationError(f"第{header_row}行表头缺少必需的列：{'、'.join(missing)}", field="file")
        width = max(found) + 1
        headers = tuple(clean_text(v) for v in header_cells)
        while headers and not headers[-1]:
            headers = headers[:-1]
        width = max(width, len(headers))
        table = Table(path=path, sheet=ws.title, header_row=header_row, headers=headers,
                      mapping={headers[i]: f for i, f in found.items()},
                      columns={f: i for i, f in found.items()})
        merged = _merged_values(ws, header_row + 1)
        total = max(ws.max_row - header_row, 1)
        for offset, cells in enumerate(ws.iter_rows(min_row=header_row + 1, max_col=width, values_only=True)):
            number = header_row + 1 + offset
            if offset % 500 == 0:
                if is_cancelled():
                    raise Cancelled()
                on_progress(offset, total)
            cells = tuple(cells) + (None,) * (width - len(cells))
            if merged:
                cells = tuple(merged.get((number, c + 1), v) if v is None else v for c, v in enumerate(cells))
            values = {f: cells[i] for f, i in table.columns.items()}
            if not any(filled(v) for v in values.values()):
                continue
            mark = _first_text(cells)
            if mark.startswith(END_MARKS):
                break
            if mark.startswith(SKIP_MARKS):
                continue
            table.rows.append(SheetRow(number=number, values=values, cells=cells))
        on_progress(total, total)
        return table
    finally:
        wb.close()
