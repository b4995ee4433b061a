"""What the 报表 page asks of gridapp.services.reporting: periods under the cutoff day, the
default period, file names and who may do what."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gridapp.errors import ValidationError
from gridapp.services import reporting
from gridapp.services.actor import SYSADMIN, Actor, system_actor


def actor(role: str) -> Actor:
    return Actor(user_id=1, login="u", display_name="某人", role=role, scope_code="420281103")


@pytest.mark.parametrize(("day", "cutoff", "expected"), [
    (dt.date(2026, 10, 25), 25, (2026, 10)),
    (dt.date(2026, 10, 26), 25, (2026, 11)),
    (dt.date(2026, 12, 26), 25, (2027, 1)),
    (dt.date(2026, 12, 31), None, (2026, 12)),
])
def test_report_month_follows_the_cutoff_day(day, cutoff, expected):
    assert reporting.report_month(day, cutoff) == expected


@given(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)), st.one_of(st.none(), st.integers(1, 28)),
       st.sampled_from(("month", "quarter", "half", "year")))
def test_the_current_period_contains_today_and_the_default_is_the_complete_month_before(today, cutoff, kind):
    current = reporting.current_period(kind, today, cutoff)
    assert current.kind == kind and current.start <= today <= current.end
    default = reporting.default_period(today, cutoff)
    assert default.kind == "month" and default.end < today
    assert default.end + dt.timedelta(days=1) == reporting.current_period("month", today, cutoff).start


def test_a_picker_describes_every_kind_of_period():
    assert reporting.period("month", 2026, 10, cutoff=25).label == "2026年10月"
    assert (reporting.period("month", 2026, 10, cutoff=25).start, reporting.period("month", 2026, 10, cutoff=25).end) \
        == (dt.date(2026, 9, 26), dt.date(2026, 10, 25))
    assert reporting.period("quarter", 2026, 3).label == "2026年第3季度"
    assert reporting.period("half", 2026, 2).label == "2026年下半年"
    assert reporting.period("year", 2026).end == dt.date(2026, 12, 31)
    custom = reporting.period("custom", date_from=dt.date(2026, 1, 5), date_to=dt.date(2026, 2, 4))
    assert custom.label == "2026-01-05至2026-02-04" and custom.days == 31


def test_a_custom_range_backwards_or_incomplete_names_the_date_field():
    with pytest.raises(ValidationError) as backwards:
        reporting.period("custom", date_from=dt.date(2026, 2, 4), date_to=dt.date(2026, 1, 5))
    assert backwards.value.field == "date_to" and "早于开始日期" in backwards.value.message
    with pytest.raises(ValidationError) as missing:
        reporting.period("custom", date_to=dt.date(2026, 1, 5))
    assert missing.value.field == "date_from"
    with pytest.raises(ValidationError) as unknown:
        reporting.period("week", 2026, 1)
    assert unknown.value.field == "period"


def test_file_names_carry_the_unit_the_title_and_the_period():
    october = reporting.period("month", 2026, 10)
    assert reporting.summary_file_name("金山店镇", october) == "金山店镇网格化服务管理工作汇总表_2026年10月.xlsx"
    custom = reporting.period("custom", date_from=dt.date(2026, 1, 5), date_to=dt.date(2026, 2, 4))
    assert reporting.summary_file_name("土桥村", custom) == "土桥村网格化服务管理工作汇总表_2026-01-05至2026-02-04.xlsx"
    assert reporting.ledger_file_name("金山店镇", "visits", dt.date(2026, 11, 28)) == "金山店镇走访台账_2026-11-28.xlsx"
    assert reporting.ledger_file_name("a/b:c", "events", dt.date(2026, 1, 2)) == "a_b_c矛盾纠纷排查化解台账_2026-01-02.xlsx"
    assert reporting.errors_file_name("/tmp/村 台账.xlsx") == "村 台账_未导入的行.xlsx"
    assert reporting.template_file_name("events") == "矛盾纠纷排查化解台账导入模板.xlsx"


def test_roles():
    worker, village, township, admin = (actor(r) for r in ("grid_worker", "village_admin", "township", SYSADMIN))
    assert [reporting.may_summarize(a) for a in (worker, village, township, admin)] == [False, True, True, False]
    assert [reporting.may_export_ledgers(a) for a in (worker, village, township, admin)] == [True, True, True, False]
    assert [reporting.may_import(a) for a in (worker, village, township, admin)] == [True, True, True, False]
    assert [reporting.may_unmask(a) for a in (worker, village, township, admin)] == [True, True, True, False]
    assert reporting.may_summarize(system_actor())


def test_the_cutoff_day_comes_from_the_settings(db):
    from gridapp.services import settings

    assert reporting.cutoff_day() is None
    settings.set_setting(system_actor(), "report_cutoff_day", "25")
    assert reporting.cutoff_day() == 25
