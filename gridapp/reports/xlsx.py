"""Shared openpyxl helpers: safe cell values, the form style of official tables, atomic saving.

``safe_cell`` neutralises spreadsheet formula injection: text that a spreadsheet would run as a
formula (starting with ``= + - @``, a tab or a carriage return) is written with a leading ``'``
so it stays text in Excel, WPS and LibreOffice alike; text that is a plain number (``-12.5``,
``+8613800000000``) is left as it is. The importers strip the ``'`` again (``unquote``), so an
exported ledger re-imports unchanged.
"""
from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from gridapp.errors import Cancelled, GridappError

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_FIRST = frozenset("".join(FORMULA_PREFIXES))
PERCENT = "0.0%"
DATE = "yyyy-mm-dd"
PAPER_A4 = "9"  # the paperSize code of A4
FONT_NAME = "宋体"

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# Characters the XLSX format can't hold (openpyxl raises IllegalCharacterError on them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TITLE_FONT = Font(name=FONT_NAME, size=16, bold=True)
HEADER_FONT = Font(name=FONT_NAME, size=10, bold=True)
BODY_FONT = Font(name=FONT_NAME, size=10)
NOTE_FONT = Font(name=FONT_NAME, size=9, italic=True, color="555555")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")


def safe_cell(value):
    """The value to put in a cell: formula-looking text gets a leading ``'``; characters that
    XLSX can't store are dropped. Numbers, dates and None pass through."""
    if not isinstance(value, str) or not value or (value.isprintable() and value[0] not in _FIRST):
        return value  # the common case, decided without a regular expression
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("", value)
    if value.startswith(FORMULA_PREFIXES) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def unquote(text: str) -> str:
    """Undo ``safe_cell``: drop the ``'`` in front of formula-looking text."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


# --------------------------------------------------------------------------- form sheets
def title_block(ws, title: str, ncols: int, lines: Sequence[str]) -> int:
    """Merged title on row 1 and the 填报单位/统计时段/制表日期 line on row 2; returns the next row."""
    ws.cell(row=1, column=1, value=safe_cell(title)).font = TITLE_FONT
    ws.cell(row=1, column=1).alignment = CENTER
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(ncols, 1))
    ws.row_dimensions[1].height = 30
    ws.cell(row=2, column=1, value=safe_cell("    ".join(lines))).font = BODY_FONT
    ws.cell(row=2, column=1).alignment = LEFT
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=max(ncols, 1))
    ws.row_dimensions[2].height = 20
    return 3


def header_block(ws, top: int, columns: Sequence[tuple[str, str | None]]) -> int:
    """Two header rows from (label, group) pairs: cells of one group share a merged group header
    on the first row; a column without a group spans both rows. Returns the first data row."""
    col = 1
    while col <= len(columns):
        label, group = columns[col - 1]
        if group is None:
            ws.cell(row=top, column=col, value=label)
            ws.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
            col += 1
            continue
        end = col
        while end < len(columns) and columns[end][1] == group:
            end += 1
        ws.cell(row=top, column=col, value=group)
        if end > col:
            ws.merge_cells(start_row=top, start_column=col, end_row=top, end_column=end)
        for c in range(col, end + 1):
            ws.cell(row=top + 1, column=c, value=columns[c - 1][0])
        col = end + 1
    for r in (top, top + 1):
        ws.row_dimensions[r].height = 30
        for c in range(1, len(columns) + 1):
            cell = ws.cell(row=r, column=c)
            cell.font, cell.alignment, cell.border, cell.fill = HEADER_FONT, CENTER, BORDER, HEADER_FILL
    return top + 2


def body_row(ws, row: int, values: Sequence, formats: Sequence[str | None], *, total: bool = False) -> None:
    """One bordered data row; ``formats`` gives a number format per column (None: general)."""
    for c, value in enumerate(values, 1):
        cell = ws.cell(row=row, column=c, value=safe_cell(value))
        cell.border = BORDER
        cell.font = HEADER_FONT if total else BODY_FONT
        cell.alignment = LEFT if c == 1 else RIGHT if isinstance(value, (int, float)) else CENTER
        fmt = formats[c - 1] if c - 1 < len(formats) else None
        if fmt:
            cell.number_format = fmt
        if total:
            cell.fill = TOTAL_FILL


def note_rows(ws, row: int, ncols: int, notes: Sequence[str]) -> int:
    """Merged note rows under a table (统计口径 and the numerator/denominator of every rate)."""
    for note in notes:
        cell = ws.cell(row=row, column=1, value=safe_cell(note))
        cell.font, cell.alignment = NOTE_FONT, LEFT
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=max(ncols, 1))
        ws.row_dimensions[row].height = 15 * max(1, 1 + len(note) // (ncols * 9 or 1))
        row += 1
    return row


def signature_row(ws, row: int, ncols: int) -> int:
    """The 填表人/审核人/负责人 line a clerk signs."""
    text = "填表人：                    审核人：                    负责人："
    cell = ws.cell(row=row + 1, column=1, value=text)
    cell.font, cell.alignment = BODY_FONT, LEFT
    ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=max(ncols, 1))
    return row + 2


def print_setup(ws, *, header_rows: str, freeze: str | None, landscape: bool = True) -> None:
    """A4, landscape, fit to one page wide, repeat the header rows on every page, freeze panes."""
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = header_rows
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    if freeze:
        ws.freeze_panes = freeze


def column_widths(ws, widths: Sequence[float]) -> None:
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width


def header_cells(ws, labels: Sequence[str]) -> list[WriteOnlyCell]:
    """Styled header cells for a write-only sheet."""
    cells = []
    for label in labels:
        cell = WriteOnlyCell(ws, value=label)
        cell.font, cell.alignment, cell.border, cell.fill = HEADER_FONT, CENTER, BORDER, HEADER_FILL
        cells.append(cell)
    return cells


def title_cell(ws, title: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=safe_cell(title))
    cell.font = TITLE_FONT
    return cell


def discard(ws) -> None:
    """Close an abandoned write-only sheet and remove its temporary file (cancel or failure)."""
    with contextlib.suppress(Exception):
        if not ws.closed:
            ws.close()
    writer = getattr(ws, "_writer", None)
    if writer is not None:
        with contextlib.suppress(OSError, ValueError):
            writer.cleanup()


# --------------------------------------------------------------------------- saving
def temp_path(path: Path) -> Path:
    """A temporary name beside the target (same folder, so os.replace is atomic)."""
    return path.with_name(f".{path.name}.{os.getpid()}.part")


def save_atomic(save: Callable[[Path], None], path: str | os.PathLike) -> Path:
    """Call ``save(tmp)`` and move the result over ``path``; on any failure (or Cancelled) remove
    the temporary file, so the target is either the complete new file or untouched."""
    path = Path(path)
    if path.is_dir():
        raise GridappError(f"输出路径是一个文件夹：{path}")
    if not path.parent.exists():
        raise GridappError(f"输出文件夹不存在：{path.parent}")
    tmp = temp_path(path)
    try:
        save(tmp)
        os.replace(tmp, path)
    except Cancelled:
        _unlink(tmp)
        raise
    except PermissionError as exc:
        _unlink(tmp)
        raise GridappError(f"无法写入 {path}：文件可能正在 Excel/WPS 中打开，请关闭后重试") from exc
    except OSError as exc:
        _unlink(tmp)
        raise GridappError(f"无法写入 {path}：{exc.strerror or exc}") from exc
    except BaseException:
        _unlink(tmp)
        raise
    return path


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
