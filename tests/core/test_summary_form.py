"""The printable 总表: a hand-made Summary (no database) laid out as a landscape PrintForm."""
from __future__ import annotations

import datetime as dt

import pytest

from gridapp.reports import periods
from gridapp.reports.summary import Summary, UnitRow
from gridapp.reports.summary_form import comparison, fraction, percent, summary_form

OCTOBER = periods.month(2026, 10)


def unit_row(key, name: str, **figures) -> UnitRow:
    return UnitRow(key=key, name=name, groups=figures.pop("groups", (0,) * 8), **figures)


TUQIAO = unit_row("420281103200", "土桥村", grids=2, households=40, residents=120, floating=6,
                  groups=(1, 0, 2, 0, 0, 0, 0, 9), visits_due=30, visits_done=24, households_visited=20,
                  overdue_households=5, disputes=4, resolved=3, mediating=1, escalated=1, hazards=2,
                  hazards_fixed=1, overdue_events=1)
MAPING = unit_row("420281103201", "马坪村", grids=1, households=10, residents=31, floating=0,
                  visits_due=8, visits_done=0)
TOTAL = unit_row("total", "合计", grids=3, households=50, residents=151, floating=6,
                 groups=(1, 0, 2, 0, 0, 0, 0, 9), visits_due=38, visits_done=24, households_visited=20,
                 overdue_households=5, disputes=4, resolved=3, mediating=1, escalated=1, hazards=2,
                 hazards_fixed=1, overdue_events=1)


def make_summary(**changes) -> Summary:
    values = dict(unit_code="420281103", unit_name="金山店镇", unit_level="township", row_label="村(社区)",
                  period=OCTOBER, rows=(TUQIAO, MAPING), total=TOTAL, household_interval=90, categories=(),
                  category_rows=(), category_totals=(), mental_rows=(), groups=(), workers=(),
                  made_at=dt.datetime(2026, 11, 2, 9, 30))
    values.update(changes)
    return Summary(**values)


def test_the_form_is_a_landscape_sheet_with_title_unit_period_and_signature_lines():
    form = summary_form(make_summary(), printed_on=dt.date(2026, 11, 3))
    assert form.landscape is True
    assert form.title == "金山店镇网格化服务管理工作汇总表"
    assert form.station == "填报单位：金山店镇"
    assert dict(form.fields) == {"统计时段": "2026年10月（2026年10月01日至2026年10月31日）",
                                 "制表日期": "2026年11月02日"}
    assert form.printed_on == "2026年11月03日"
    assert form.signatures == ("填表人", "审核人", "负责人")


def test_two_tables_carry_every_row_and_the_total_with_the_figures_of_each_unit():
    form = summary_form(make_summary())
    basics, work = form.tables
    assert basics.headers[:5] == ("村(社区)", "网格数", "户数", "户籍人口", "流动人口")
    assert basics.headers[5:] == ("刑满释放", "社区矫正", "严重精神障碍", "吸毒", "艾滋病危险", "重点青少年",
                                  "重点上访", "关爱人群")
    assert [r[0] for r in basics.rows] == ["土桥村", "马坪村", "合计"]
    assert basics.rows[0] == ("土桥村", "2", "40", "120", "6", "1", "0", "2", "0", "0", "0", "0", "9")
    assert work.headers == ("村(社区)", "应访户次", "实访户次", "走访覆盖率", "逾期未访", "排查(受理)数", "化解数",
                            "化解率", "在调数", "上报数", "隐患发现", "隐患整改", "超期事件")
    assert work.rows[0] == ("土桥村", "30", "24", "50.0%", "5", "4", "3", "75.0%", "1", "1", "2", "1", "1")
    assert work.rows[1][3] == "0.0%" and work.rows[1][7] == "—"  # 0 disputes: no 化解率
    assert work.rows[2][0] == "合计" and work.rows[2][3] == "40.0%"
    for table in form.tables:
        assert table.widths is not None and len(table.widths) == len(table.headers)
        assert all(len(row) == len(table.headers) for row in table.rows)


def test_the_note_names_the_numerator_and_denominator_of_the_total_rates():
    note = summary_form(make_summary()).note
    assert "走访覆盖率 = 本期走访到的户数 ÷ 户数（合计：20 ÷ 50 = 40.0%）" in note
    assert "化解率 = 化解数 ÷ 排查(受理)数（合计：3 ÷ 4 = 75.0%）" in note
    assert "同比" not in note and "增减" not in note


def test_a_comparison_adds_the_totals_against_the_previous_period_and_a_year_earlier():
    before = unit_row("total", "合计", households=50, visits_done=12, households_visited=10, disputes=2, resolved=2,
                      escalated=0, hazards=4, overdue_events=1)
    year_ago = unit_row("total", "合计", households=45, visits_done=30, households_visited=30, disputes=0,
                        resolved=0, hazards=2, overdue_events=2)
    summary = make_summary(compare=True, previous=periods.previous(OCTOBER), previous_total=before,
                           year_ago=periods.year_earlier(OCTOBER), year_ago_rows={"total": year_ago})
    rows = {attr: values for attr, *values in comparison(summary)}
    assert rows["visits_done"] == [24, 12, 1.0, 30, pytest.approx(-0.2)]
    assert rows["resolution_rate"] == [0.75, 1.0, -0.25, None, None]  # no disputes a year earlier
    form = summary_form(summary)
    assert len(form.tables) == 3
    compared = form.tables[2]
    assert compared.caption == "三、本期与上期（2026年9月）、上年同期（2025年10月）对比（合计）"
    assert compared.headers == ("指标", "本期", "上期", "环比增减", "上年同期", "同比增减")
    by_label = {row[0]: row[1:] for row in compared.rows}
    assert by_label["实访户次"] == ("24", "12", "+100.0%", "30", "-20.0%")
    assert by_label["化解率"] == ("75.0%", "100.0%", "-25.0个百分点", "—", "—")
    assert by_label["走访覆盖率"] == ("40.0%", "20.0%", "+20.0个百分点", "66.7%", "-26.7个百分点")
    assert "增减 = （本期 − 比较期）÷ 比较期" in form.note


def test_without_a_comparison_there_is_nothing_to_compare():
    assert comparison(make_summary()) == ()


def test_rates_read_as_percent_and_as_a_fraction():
    assert percent(None) == "—" and percent(0.4567) == "45.7%"
    assert fraction(3, 4) == "3 ÷ 4 = 75.0%"
    assert fraction(0, 0) == "0 ÷ 0（分母为0，不计算）"


def test_plain_text_reads_the_whole_form_in_order():
    text = summary_form(make_summary()).plain_text()
    assert text.index("金山店镇网格化服务管理工作汇总表") < text.index("一、基本情况与重点人群") \
        < text.index("二、走访与事件") < text.index("填表人")
