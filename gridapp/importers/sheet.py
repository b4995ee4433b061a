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

import datetime as dt
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

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


class _Sheet:
    """One worksheet as plain values: ``rows`` is [(row number, [values])] in sheet order (rows
    that hold nothing may be missing), ``merged`` is [(min_row, min_col, max_row, max_col)]."""

    def __init__(self, title: str, state: str, rows: list, merged: list):
        self.title, self.state, self.rows, self.merged = title, state, rows, merged


def _check_path(path: Path) -> None:
    if not path.is_file():
        raise ValidationError(f"文件不存在：{path}", field="file")
    if path.suffix.lower() == ".xls":
        raise ValidationError("不支持旧版 .xls 文件：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入", field="file")
    if path.suffix.lower() == ".csv":
        raise ValidationError("不支持 .csv 文件：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入", field="file")


def _bad_file(path: Path, exc: Exception) -> ValidationError:
    return ValidationError(f"无法读取 {path.name}：不是有效的 .xlsx 文件（{exc.__class__.__name__}）", field="file")


def _sheets(path: Path) -> Iterator[_Sheet]:
    """The worksheets of a workbook, read lazily one by one: with the fast reader below when the
    file is a plain (transitional) SpreadsheetML package, with openpyxl otherwise."""
    _check_path(path)
    try:
        book = _FastBook(path)
    except (zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError, OSError):
        book = None
    if book is not None:
        with book:
            for name, state, target in book.sheets:
                yield _Sheet(name, state, *book.read(target))
        return
    yield from _openpyxl_sheets(path)


def _openpyxl_sheets(path: Path) -> Iterator[_Sheet]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise _bad_file(path, exc) from exc
    try:
        for ws in wb.worksheets:
            rows = [(n, list(values)) for n, values in enumerate(ws.iter_rows(values_only=True), 1)]
            merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges]
            yield _Sheet(ws.title, ws.sheet_state, rows, merged)
    finally:
        wb.close()


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_M = "{%s}" % _MAIN
# Built-in number formats that show dates or times (ECMA-376 18.8.30, with the East Asian ones).
_DATE_FORMAT_IDS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])
_COLUMN = re.compile(r"[A-Z]+")


def _column_index(ref: str) -> int:
    """0-based column of a cell reference (``AB12`` → 27)."""
    letters = _COLUMN.match(ref).group()
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


class _FastBook:
    """Cell values of an .xlsx read with lxml, about four times faster than openpyxl: shared and
    inline strings, numbers (int when written without a point or exponent, as openpyxl does),
    booleans, errors as their text, cached values of formulas, dates for cells whose number format
    shows a date (1900 or 1904 date system), merged ranges and sheet visibility."""

    def __init__(self, path: Path):
        self.zip = zipfile.ZipFile(path)
        try:
            workbook = etree.fromstring(self.zip.read("xl/workbook.xml"))
            if workbook.tag != f"{_M}workbook":
                raise ValueError("not a transitional SpreadsheetML workbook")
            pr = workbook.find(f"{_M}workbookPr")
            self.epoch = MAC_EPOCH if pr is not None and pr.get("date1904") in ("1", "true") else WINDOWS_EPOCH
            rels = etree.fromstring(self.zip.read("xl/_rels/workbook.xml.rels"))
            targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{{{_PKG}}}Relationship")}
            self.sheets = []
            for sheet in workbook.iter(f"{_M}sheet"):
                target = targets[sheet.get(f"{{{_REL}}}id")]
                target = target.lstrip("/") if target.startswith("/") else "xl/" + target
                self.sheets.append((sheet.get("name"), sheet.get("state", "visible"), target))
            self.strings = self._shared_strings()
            self.date_styles = self._date_styles()
        except BaseException:
            self.zip.close()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.zip.close()

    def _shared_strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self.zip.namelist():
            return []
        out = []
        with self.zip.open("xl/sharedStrings.xml") as fh:
            for _, si in etree.iterparse(fh, tag=f"{_M}si"):
                out.append(self._text(si))
                si.clear()
        return out

    @staticmethod
    def _text(node) -> str:
        """The text of a string item (plain or rich text runs; phonetic runs left out)."""
        parts = []
        for child in node:
            if child.tag == f"{_M}t":
                parts.append(child.text or "")
            elif child.tag == f"{_M}r":
                parts.extend(t.text or "" for t in child.iter(f"{_M}t"))
        return "".join(parts)

    def _date_styles(self) -> frozenset[int]:
        if "xl/styles.xml" not in self.zip.namelist():
            return frozenset()
        styles = etree.fromstring(self.zip.read("xl/styles.xml"))
        custom = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.iter(f"{_M}numFmt")}
        xfs = styles.find(f"{_M}cellXfs")
        dates = set()
        for index, xf in enumerate(xfs if xfs is not None else ()):
            fmt = int(xf.get("numFmtId", "0"))
            if fmt in _DATE_FORMAT_IDS or (fmt in custom and is_date_format(custom[fmt])):
                dates.add(index)
        return frozenset(dates)

    def _value(self, cell):
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            node = cell.find(f"{_M}is")
            return self._text(node) if node is not None else None
        v = cell.find(f"{_M}v")
        if v is None or v.text is None:
            return None
        text = v.text
        if kind == "s":
            return self.strings[int(text)]
        if kind in ("str", "e"):
            return text
        if kind == "b":
            return text in ("1", "true")
        if kind == "d":
            return dt.datetime.fromisoformat(text)
        number = float(text) if ("." in text or "E" in text or "e" in text) else int(text)
        style = cell.get("s")
        if style is not None and int(style) in self.date_styles:
            return from_excel(number, self.epoch)
        return number

    def read(self, target: str) -> tuple[list, list]:
        rows, merged = [], []
        row_tag, cell_tag, merge_tag = f"{_M}row", f"{_M}c", f"{_M}mergeCell"
        with self.zip.open(target) as fh:
            number = 0
            for _, node in etree.iterparse(fh, tag=(row_tag, merge_tag)):
                if node.tag == merge_tag:
                    min_col, min_row, max_col, max_row = range_boundaries(node.get("ref"))
                    merged.append((min_row, min_col, max_row, max_col))
                    continue
                number = int(node.get("r")) if node.get("r") else number + 1
                values: list = []
                for position, cell in enumerate(node.iter(cell_tag)):
                    ref = cell.get("r")
                    col = _column_index(ref) if ref else position
                    if col >= len(values):
                        values.extend([None] * (col + 1 - len(values)))
                    values[col] = self._value(cell)
                rows.append((number, values))
                node.clear()
                while node.getprevious() is not None:
                    del node.getparent()[0]
        return rows, merged


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


def _merged_values(sheet: _Sheet, first_row: int) -> dict[tuple[int, int], object]:
    """(row, col) -> value for every cell covered by a merged range at or below ``first_row``
    (1-based row and column, the value of the range's top-left cell)."""
    ranges = [m for m in sheet.merged if m[2] >= first_row]
    if not ranges:
        return {}
    rows = dict(sheet.rows)
    filled: dict[tuple[int, int], object] = {}
    for min_row, min_col, max_row, max_col in ranges:
        top = rows.get(min_row, [])
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        for r in range(max(min_row, first_row), max_row + 1):
            for c in range(min_col, max_col + 1):
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
    best = None
    try:
        for sheet in _sheets(path):
            if sheet.state != "visible":
                continue
            for number, cells in sheet.rows:
                if number > HEADER_SCAN_ROWS:
                    break
                found = _match_header(cells, lookup)
                if len(found) >= MIN_HEADER_MATCHES and (best is None or len(found) > len(best[2])):
                    best = (sheet, number, found, cells)
            if best is not None:
                break
    except (zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError) as exc:
        raise _bad_file(path, exc) from exc
    if best is None:
        examples = "、".join(f"“{c.header}”" for c in columns[:4])
        raise ValidationError(
            f"没有找到表头：前{HEADER_SCAN_ROWS}行中没有一行包含{examples}等列名，请检查是否选错了文件", field="file")
    sheet, header_row, found, header_cells = best
    missing = [c.header for c in columns if c.required and c.field not in found.values()]
    if missing:
        raise ValidationError(f"第{header_row}行表头缺少必需的列：{'、'.join(missing)}", field="file")
    headers = tuple(clean_text(v) for v in header_cells)
    while headers and not headers[-1]:
        headers = headers[:-1]
    width = max(max(found) + 1, len(headers))
    table = Table(path=path, sheet=sheet.title, header_row=header_row, headers=headers,
                  mapping={headers[i]: f for i, f in found.items()},
                  columns={f: i for i, f in found.items()})
    merged = _merged_values(sheet, header_row + 1)
    body = [(n, cells) for n, cells in sheet.rows if n > header_row]
    total = max(len(body), 1)
    for offset, (number, cells) in enumerate(body):
        if offset % 500 == 0:
            if is_cancelled():
                raise Cancelled()
            on_progress(offset, total)
        cells = tuple(cells[:width]) + (None,) * (width - len(cells))
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
