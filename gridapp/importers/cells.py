"""Turning one spreadsheet cell into one clean value, or a ValidationError that says why not.

Every parser takes the raw cell value (what openpyxl read: str, int, float, datetime, None) and
the column label used in messages. Nothing here touches the database.
"""
from __future__ import annotations

import datetime as dt
import math
import re

from openpyxl.utils.datetime import from_excel

from gridapp import ids
from gridapp.errors import ValidationError
from gridapp.reports.xlsx import unquote

MAX_TEXT = 2000
MIN_YEAR, MAX_YEAR = 1900, 2100
TAG_SEPARATORS = re.compile(r"[、，,;；/／\r\n]+")
MASKED_ID = re.compile(r"\d{6}\*+\d{3}[\dX]")

_SPACES = re.compile(r"\s+")
# Control and invisible format characters (C0/C1 controls except tab and line breaks, zero-width
# and direction marks, BOM): dropped from every cell.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
# Full-width ASCII -> half-width; ideographic and no-break spaces -> space.
_HALF_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_HALF_WIDTH.update({0x3000: 0x20, 0xA0: 0x20})
_DATE_PATTERNS = (
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]?(?:(\d{1,2})[:时](\d{2})分?(?::?(\d{2})秒?)?)?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)
_DATE_HINT = "可写作 2020-01-02、2020/1/2、2020.1.2、2020年1月2日 或 20200102"
_EXCEL_FIRST, _EXCEL_LAST = 1, 73050  # serial numbers of 1900-01-01 and 2099-12-31


def clean_text(value) -> str:
    """Cell as text: width folded, control characters dropped, white space collapsed, stripped;
    integral floats lose their ``.0``; the ``'`` that marks formula-looking text is removed."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            value = int(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ") if value.time() != dt.time() else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _CONTROL.sub("", str(value)).translate(_HALF_WIDTH)
    return unquote(_SPACES.sub(" ", text).strip())


def filled(value) -> bool:
    """Whether a raw cell holds anything (cheaper than ``clean_text(value) != ""``)."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip()) and bool(clean_text(value))
    return not (isinstance(value, float) and math.isnan(value))


def text_value(value, label: str, *, max_len: int = 200, required: bool = False) -> str | None:
    """Free text of at most ``max_len`` characters (None when empty and not required)."""
    text = clean_text(value)
    if not text:
        if required:
            raise ValidationError(f"{label}不能为空", field=label)
        return None
    if len(text) > max_len:
        raise ValidationError(f"{label}过长：{len(text)}个字，最多{max_len}个字", field=label)
    return text


def long_text(value, label: str, *, max_len: int = MAX_TEXT) -> str | None:
    """Multi-line free text (notes): keeps line breaks, drops control characters."""
    if value is None:
        return None
    text = unquote(str(value)) if not isinstance(value, (int, float)) else clean_text(value)
    text = _CONTROL.sub("", text).replace("\r\n", "\n").strip()
    if len(text) > max_len:
        raise ValidationError(f"{label}过长：{len(text)}个字，最多{max_len}个字", field=label)
    return text or None


def _checked_date(year: int, month: int, day: int, label: str, shown: str) -> dt.date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(f"{label}“{shown}”的年份超出范围（{MIN_YEAR}–{MAX_YEAR}）", field=label)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValidationError(f"{label}“{shown}”不是有效日期", field=label) from None


def parse_datetime(value, label: str) -> dt.datetime | None:
    """A date (and time, when the cell has one) in any common form; None for an empty cell.

    Accepted: Excel dates and serial numbers, ``2020-01-02``, ``2020/1/2``, ``2020.1.2``,
    ``2020年1月2日``, ``20200102``, each optionally followed by a time ``10:30``.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        _checked_date(value.year, value.month, value.day, label, value.date().isoformat())
        return value.replace(microsecond=0, tzinfo=None)
    if isinstance(value, dt.date):
        _checked_date(value.year, value.month, value.day, label, value.isoformat())
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, bool):
        raise ValidationError(f"{label}无法识别为日期（{_DATE_HINT}）", field=label)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            return None
        if float(value).is_integer() and 10000101 <= value <= 99991231:
            return parse_datetime(str(int(value)), label)
        if _EXCEL_FIRST <= value <= _EXCEL_LAST:
            stamp = from_excel(value)
            return stamp.replace(microsecond=0) if isinstance(stamp, dt.datetime) else \
                dt.datetime(stamp.year, stamp.month, stamp.day)
        raise ValidationError(f"{label}“{clean_text(value)[:30]}”无法识别为日期（{_DATE_HINT}）", field=label)
    text = clean_text(value)
    if not text:
        return None
    compact = text.replace(" ", "") if "年" in text else text
    for pattern in _DATE_PATTERNS:
        m = pattern.fullmatch(compact)
        if m:
            y, mo, d, hh, mm, ss = (list(m.groups()) + [None, None, None])[:6]
            day = _checked_date(int(y), int(mo), int(d), label, text)
            if hh is None:
                return dt.datetime(day.year, day.month, day.day)
            try:
                return dt.datetime(day.year, day.month, day.day, int(hh), int(mm), int(ss or 0))
            except ValueError:
                raise ValidationError(f"{label}“{text}”中的时间无效", field=label) from None
    shown = text if len(text) <= 30 else text[:30] + "…"
    raise ValidationError(f"{label}“{shown}”无法识别为日期（{_DATE_HINT}）", field=label)


def parse_date(value, label: str) -> dt.date | None:
    """Like ``parse_datetime`` but only the date."""
    stamp = parse_datetime(value, label)
    return stamp.date() if stamp is not None else None


def parse_id_cell(value, label: str = "公民身份号码") -> str | None:
    """A valid 18-character ID number, or None for an empty cell.

    A number that went through a numeric Excel cell is refused (it has lost digits), and so is
    a masked one (``420281********0017``, from an export made without 显示完整).
    """
    if value is None or (isinstance(value, str) and not clean_text(value)):
        return None
    text = ids.normalize_id(value) if isinstance(value, str) else ""
    if MASKED_ID.fullmatch(text):
        raise ValidationError(f"{label}已打码（{text}），无法导入：请使用显示完整的号码", field=label)
    return ids.parse_id(value, field=label).number


def parse_phone(value, label: str) -> str | None:
    text = clean_text(value)
    if not text:
        return None
    check_phone_text(text, label)
    return ids.validate_phone(text, field=label)


def check_phone_text(text: str, label: str) -> None:
    """Refuse a masked phone (from an export without 显示完整) or one far too long to be a phone."""
    if "*" in text:
        raise ValidationError(f"{label}已打码（{text[:20]}），无法导入：请使用完整的号码", field=label)
    if len(text) > 30:
        raise ValidationError(f"{label}过长（{len(text)}个字符），不是电话号码", field=label)


def parse_int(value, label: str, *, low: int, high: int) -> int | None:
    """A whole number in [low, high]; ``3级`` and ``3人`` are read as 3."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValidationError(f"{label}应为{low}到{high}之间的整数", field=label)
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if not value.is_integer():
            raise ValidationError(f"{label}应为整数，实际为{value}", field=label)
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = clean_text(value)
        if not text:
            return None
        m = re.fullmatch(r"(\d{1,9})\s*(级|人|户|件|次)?", text)
        if not m:
            shown = text if len(text) <= 20 else text[:20] + "…"
            raise ValidationError(f"{label}“{shown}”不是整数", field=label)
        number = int(m.group(1))
    if not low <= number <= high:
        actual = number if abs(number) < 10**12 else "一个过大的数"
        raise ValidationError(f"{label}应在{low}到{high}之间，实际为{actual}", field=label)
    return number


def split_list(value) -> list[str]:
    """Several names in one cell, separated by 、，, ; / or line breaks; duplicates dropped."""
    if value is None:
        return []
    text = _CONTROL.sub("", unquote(str(value))) if isinstance(value, str) else clean_text(value)
    parts = (_SPACES.sub(" ", p.translate(_HALF_WIDTH)).strip() for p in TAG_SEPARATORS.split(text))
    return list(dict.fromkeys(p for p in parts if p))


def header_key(text) -> str:
    """A header cell reduced for synonym matching: width folded, no spaces or line breaks,
    lower case, without the (必填)/（必填）/* marks."""
    key = "".join(clean_text(text).split()).lower()
    for mark in ("(必填)", "(选填)", "*", "※"):
        key = key.replace(mark, "")
    return key
