"""The 总表 of the summary as a paper form (``PrintForm``), for the 报表 page's 打印预览.

The workbook's 总表 is one wide sheet of 27 columns; on an A4 landscape page that many columns
leave two characters per line, so the form splits it into two tables of the same rows:
一、基本情况与重点人群 (网格、户数、人口 and the special groups) and 二、走访与事件 (visits,
disputes, hazards, overdue events). With a comparison (``summary.compare``) a third table gives
the totals against the previous period (环比) and the same period a year earlier (同比). Every rate
of the 合计 row is spelled out as numerator ÷ denominator in the note, as in the workbook.
"""
from __future__ import annotations

import datetime as dt

from gridapp.reports.forms import FormTable, PrintForm
from gridapp.reports.summary import CARE_GROUP, GROUP_COLUMNS, Summary, UnitRow, change

SIGNATURES = ("填表人", "审核人", "负责人")
# The totals compared with the previous period and a year earlier: (attribute, label, is a rate).
COMPARED = (("visits_done", "实访户次", False), ("coverage", "走访覆盖率", True),
            ("disputes", "排查(受理)数", False), ("resolved", "化解数", False),
            ("resolution_rate", "化解率", True), ("escalated", "上报数", False),
            ("hazards", "安全隐患发现", False), ("overdue_events", "超期事件", False))


def percent(value: float | None) -> str:
    """A rate as 75.0% (— when its denominator is 0)."""
    return "—" if value is None else f"{value:.1%}"


def fraction(numerator: int, denominator: int) -> str:
    """A rate with its numerator and denominator: ``3 ÷ 4 = 75.0%``."""
    if not denominator:
        return f"{numerator} ÷ {denominator}（分母为0，不计算）"
    return f"{numerator} ÷ {denominator} = {numerator / denominator:.1%}"


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


def _change(value: float | None, is_rate: bool) -> str:
    """增减: percentage points for a rate, percent for a count."""
    if value is None:
        return "—"
    if is_rate:
        return f"{value * 100:+.1f}个百分点"
    return f"{value:+.1%}"


def comparison(summary: Summary) -> tuple[tuple[str, object, object, float | None, object, float | None], ...]:
    """The totals compared (one tuple per ``COMPARED`` entry): (attribute, 本期, 上期, 环比增减,
    上年同期, 同比增减); empty when the summary was made without a comparison."""
    if not summary.compare or summary.previous_total is None or "total" not in summary.year_ago_rows:
        return ()
    now_t, before_t, year_t = summary.total, summary.previous_total, summary.year_ago_rows["total"]
    rows = []
    for attr, _label, _is_rate in COMPARED:
        current, before, old = (getattr(t, attr) for t in (now_t, before_t, year_t))
        rows.append((attr, current, before, change(current, before), old, change(current, old)))
    return tuple(rows)


def _basics(summary: Summary) -> FormTable:
    groups = [name for _, name in GROUP_COLUMNS] + [CARE_GROUP]
    headers = (summary.row_label, "网格数", "户数", "户籍人口", "流动人口", *groups)

    def row(r: UnitRow) -> tuple[str, ...]:
        return (r.name, str(r.grids), str(r.households), str(r.residents), str(r.floating),
                *(str(n) for n in r.groups))

    return FormTable(headers=headers, rows=tuple(row(r) for r in (*summary.rows, summary.total)),
                     caption="一、基本情况与重点人群（期末在册）", widths=(3,) + (2,) * (len(headers) - 1))


def _work(summary: Summary) -> FormTable:
    headers = (summary.row_label, "应访户次", "实访户次", "走访覆盖率", "逾期未访", "排查(受理)数", "化解数", "化解率",
               "在调数", "上报数", "隐患发现", "隐患整改", "超期事件")

    def row(r: UnitRow) -> tuple[str, ...]:
        return (r.name, str(r.visits_due), str(r.visits_done), percent(r.coverage), str(r.overdue_households),
                str(r.disputes), str(r.resolved), percent(r.resolution_rate), str(r.mediating), str(r.escalated),
                str(r.hazards), str(r.hazards_fixed), str(r.overdue_events))

    return FormTable(headers=headers, rows=tuple(row(r) for r in (*summary.rows, summary.total)),
                     caption="二、走访与事件（本期）", widths=(3,) + (2,) * (len(headers) - 1))


def _compared(summary: Summary) -> FormTable | None:
    rows = comparison(summary)
    if not rows:
        return None
    labels = {attr: (label, is_rate) for attr, label, is_rate in COMPARED}

    def shown(value, is_rate: bool) -> str:
        return percent(value) if is_rate else _count(value)

    body = []
    for attr, current, before, vs_before, old, vs_old in rows:
        label, is_rate = labels[attr]
        body.append((label, shown(current, is_rate), shown(before, is_rate), _change(vs_before, is_rate),
                     shown(old, is_rate), _change(vs_old, is_rate)))
    caption = f"三、本期与上期（{summary.previous.label}）、上年同期（{summary.year_ago.label}）对比（合计）"
    return FormTable(headers=("指标", "本期", "上期", "环比增减", "上年同期", "同比增减"), rows=tuple(body),
                     caption=caption, widths=(3, 2, 2, 2, 2, 2))


def summary_form(summary: Summary, *, printed_on: dt.date | None = None) -> PrintForm:
    """The 总表 of ``summary`` as an A4 landscape form (see the module docstring)."""
    s = summary
    made = s.made_at.date() if s.made_at else dt.date.today()
    printed_on = printed_on or dt.date.today()
    t = s.total
    tables = [_basics(s), _work(s)]
    compared = _compared(s)
    if compared is not None:
        tables.append(compared)
    note = (f"说明：走访覆盖率 = 本期走访到的户数 ÷ 户数（合计：{fraction(t.households_visited, t.households)}）；"
            f"化解率 = 化解数 ÷ 排查(受理)数（合计：{fraction(t.resolved, t.disputes)}）。"
            "户数、人口、重点人群为期末在册数；走访按走访日期、事件按登记日期计入统计时段；"
            "化解数为本期登记、期末前化解成功的矛盾纠纷，在调数为本期登记、期末尚未办结的。")
    if compared is not None:
        note += "增减 = （本期 − 比较期）÷ 比较期；比率的增减为百分点之差。"
    return PrintForm(
        title=f"{s.unit_name}网格化服务管理工作汇总表",
        station=f"填报单位：{s.unit_name}",
        fields=(("统计时段", f"{s.period.label}（{s.period.range_text}）"), ("制表日期", f"{made:%Y年%m月%d日}")),
        tables=tuple(tables),
        signatures=SIGNATURES,
        note=note,
        landscape=True,
        printed_on=f"{printed_on:%Y年%m月%d日}",
    )


__all__ = ["summary_form", "comparison", "percent", "fraction", "COMPARED", "SIGNATURES"]
