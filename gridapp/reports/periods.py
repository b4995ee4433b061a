"""Statistical periods: month, quarter, half-year, year or a custom range, with a cutoff day.

Without a cutoff day a month is its calendar month. With one (Setting ``report_cutoff_day``, 1–28;
e.g. 25) the month named "2026年10月" runs from the day after the cutoff in the previous month to
the cutoff day: 2026-09-26 .. 2026-10-25. Quarters, half-years and years are made of such months
(with 25: 2026年 = 2025-12-26 .. 2026-12-25).

``previous(period)`` is the period of the same kind just before it (环比); ``year_earlier(period)``
is the same period a year earlier (同比). ``parse(text)`` reads 2026-10, 2026年10月, 2026Q3,
2026年第3季度, 2026H1, 2026年上半年, 2026 and 2026年.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from gridapp.errors import ValidationError

CUTOFF_KEY = "report_cutoff_day"
MAX_CUTOFF = 28
KINDS = ("month", "quarter", "half", "year", "custom")


@dataclass(frozen=True)
class Period:
    kind: str  # month | quarter | half | year | custom
    start: dt.date
    end: dt.date  # inclusive
    label: str  # 2026年10月, 2026年第3季度, 2026年上半年, 2026年, 2026-01-05至2026-02-04
    year: int = 0
    index: int = 0  # month 1–12, quarter 1–4, half 1–2; 0 for year and custom
    cutoff: int | None = None  # the cutoff day the period was made with

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def range_text(self) -> str:
        return f"{self.start:%Y年%m月%d日}至{self.end:%Y年%m月%d日}"


def parse_cutoff(value) -> int | None:
    """A cutoff day from settings or a form: empty → None; 1–28; anything else is an error."""
    text = str(value).strip() if value is not None else ""
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= MAX_CUTOFF:
        raise ValidationError(f"统计截止日应为1到{MAX_CUTOFF}之间的日期（每月几号），或留空表示按自然月",
                              field=CUTOFF_KEY)
    return int(text)


def cutoff_day() -> int | None:
    """The cutoff day set in 设置 (None: calendar months); an invalid setting counts as none."""
    from gridapp import refdata

    try:
        return parse_cutoff(refdata.setting(CUTOFF_KEY))
    except ValidationError:
        return None


def _month_bounds(year: int, month: int, cutoff: int | None) -> tuple[dt.date, dt.date]:
    if not cutoff:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    prev_year, prev_month = (year - 1, 12) if month == 1 else (year, month - 1)
    return dt.date(prev_year, prev_month, cutoff) + dt.timedelta(days=1), dt.date(year, month, cutoff)


def _span(kind: str, year: int, first: int, last: int, index: int, label: str, cutoff: int | None) -> Period:
    start = _month_bounds(year, first, cutoff)[0]
    end = _month_bounds(year, last, cutoff)[1]
    return Period(kind, start, end, label, year, index, cutoff)


def month(year: int, month_: int, cutoff: int | None = None) -> Period:
    if not 1 <= month_ <= 12:
        raise ValidationError(f"月份应为1到12，实际为{month_}", field="period")
    return _span("month", year, month_, month_, month_, f"{year}年{month_}月", cutoff)


def month_of(day: dt.date, cutoff: int | None = None) -> Period:
    """The statistical month ``day`` falls in: with a cutoff of 25, 10-26 already belongs to
    November, and 12-26 to January of the next year."""
    if cutoff and day.day > cutoff:
        return month(day.year + 1, 1, cutoff) if day.month == 12 else month(day.year, day.month + 1, cutoff)
    return month(day.year, day.month, cutoff)


def quarter(year: int, q: int, cutoff: int | None = None) -> Period:
    if not 1 <= q <= 4:
        raise ValidationError(f"季度应为1到4，实际为{q}", field="period")
    return _span("quarter", year, 3 * q - 2, 3 * q, q, f"{year}年第{q}季度", cutoff)


def half(year: int, h: int, cutoff: int | None = None) -> Period:
    if h not in (1, 2):
        raise ValidationError(f"半年应为1（上半年）或2（下半年），实际为{h}", field="period")
    return _span("half", year, 6 * h - 5, 6 * h, h, f"{year}年{'上' if h == 1 else '下'}半年", cutoff)


def year(year_: int, cutoff: int | None = None) -> Period:
    return _span("year", year_, 1, 12, 0, f"{year_}年", cutoff)


def custom(start: dt.date, end: dt.date) -> Period:
    if end < start:
        raise ValidationError(f"结束日期（{end:%Y-%m-%d}）早于开始日期（{start:%Y-%m-%d}）", field="date_to")
    return Period("custom", start, end, f"{start:%Y-%m-%d}至{end:%Y-%m-%d}")


_PATTERNS = (
    (re.compile(r"(\d{4})[-/.年](\d{1,2})月?"), "month"),
    (re.compile(r"(\d{4})\s*[Qq]([1-4])"), "quarter"),
    (re.compile(r"(\d{4})年?第?([1-4一二三四])季度?"), "quarter"),
    (re.compile(r"(\d{4})\s*[Hh]([12])"), "half"),
    (re.compile(r"(\d{4})年?([上下])半年"), "half"),
    (re.compile(r"(\d{4})年?"), "year"),
)
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "上": 1, "下": 2}


def parse(text: str, cutoff: int | None = None) -> Period:
    """A period from its short form (see the module docstring)."""
    value = "".join(str(text or "").split())
    for pattern, kind in _PATTERNS:
        m = pattern.fullmatch(value)
        if not m:
            continue
        y = int(m.group(1))
        if not 1900 <= y <= 2100:
            break
        n = m.group(2) if m.lastindex and m.lastindex > 1 else None
        n = _CN.get(n, n)
        if kind == "month":
            return month(y, int(n), cutoff)
        if kind == "quarter":
            return quarter(y, int(n), cutoff)
        if kind == "half":
            return half(y, int(n), cutoff)
        return year(y, cutoff)
    raise ValidationError(f"无法识别的统计时段“{text}”（可写 2026-10、2026Q3、2026H1 或 2026）", field="period")


def _months_back(y: int, m: int, n: int) -> tuple[int, int]:
    total = y * 12 + (m - 1) - n
    return total // 12, total % 12 + 1


def previous(period: Period) -> Period:
    """The period of the same kind immediately before (环比), with the same cutoff day; a custom
    range: the same number of days just before it."""
    cutoff = period.cutoff
    if period.kind == "month":
        return month(*_months_back(period.year, period.index, 1), cutoff)
    if period.kind == "quarter":
        return quarter(period.year - 1, 4, cutoff) if period.index == 1 else quarter(period.year, period.index - 1,
                                                                                      cutoff)
    if period.kind == "half":
        return half(period.year - 1, 2, cutoff) if period.index == 1 else half(period.year, 1, cutoff)
    if period.kind == "year":
        return year(period.year - 1, cutoff)
    end = period.start - dt.timedelta(days=1)
    return custom(end - dt.timedelta(days=period.days - 1), end)


def _minus_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def year_earlier(period: Period) -> Period:
    """The same period one year earlier (同比), with the same cutoff day."""
    cutoff = period.cutoff
    if period.kind == "month":
        return month(period.year - 1, period.index, cutoff)
    if period.kind == "quarter":
        return quarter(period.year - 1, period.index, cutoff)
    if period.kind == "half":
        return half(period.year - 1, period.index, cutoff)
    if period.kind == "year":
        return year(period.year - 1, cutoff)
    return custom(_minus_year(period.start), _minus_year(period.end))


def identify(start: dt.date, end: dt.date, cutoff: int | None = None) -> Period:
    """The named period (month, quarter, half-year, year) that is exactly this range under the
    cutoff, or a custom period."""
    if end < start:
        return custom(start, end)
    for y in {end.year, end.year + 1}:
        candidates = [year(y, cutoff)] + [half(y, h, cutoff) for h in (1, 2)] + \
            [quarter(y, q, cutoff) for q in range(1, 5)] + [month(y, m, cutoff) for m in range(1, 13)]
        for p in candidates:
            if (p.start, p.end) == (start, end):
                return p
    return custom(start, end)
