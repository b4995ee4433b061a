"""Statistical periods with and without a cutoff day."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gridapp import refdata
from gridapp.errors import ValidationError
from gridapp.models import Setting
from gridapp.reports import periods

D = dt.date


def span(p: periods.Period) -> tuple[dt.date, dt.date]:
    return p.start, p.end


def test_calendar_periods():
    assert span(periods.month(2026, 2)) == (D(2026, 2, 1), D(2026, 2, 28))
    assert span(periods.month(2028, 2)) == (D(2028, 2, 1), D(2028, 2, 29))
    assert span(periods.quarter(2026, 3)) == (D(2026, 7, 1), D(2026, 9, 30))
    assert span(periods.half(2026, 2)) == (D(2026, 7, 1), D(2026, 12, 31))
    assert span(periods.year(2026)) == (D(2026, 1, 1), D(2026, 12, 31))
    assert periods.quarter(2026, 3).label == "2026年第3季度" and periods.half(2026, 1).label == "2026年上半年"


def test_a_cutoff_day_of_25_shifts_every_period():
    october = periods.month(2026, 10, 25)
    assert (span(october), october.label) == ((D(2026, 9, 26), D(2026, 10, 25)), "2026年10月")
    assert span(periods.month(2026, 1, 25)) == (D(2025, 12, 26), D(2026, 1, 25))
    assert span(periods.quarter(2026, 1, 25)) == (D(2025, 12, 26), D(2026, 3, 25))
    assert span(periods.half(2026, 2, 25)) == (D(2026, 6, 26), D(2026, 12, 25))
    assert span(periods.year(2026, 25)) == (D(2025, 12, 26), D(2026, 12, 25))
    assert span(periods.month(2026, 3, 28)) == (D(2026, 3, 1), D(2026, 3, 28))


def test_short_forms_parse():
    assert span(periods.parse("2026-10")) == (D(2026, 10, 1), D(2026, 10, 31))
    assert span(periods.parse("2026-10", 25)) == (D(2026, 9, 26), D(2026, 10, 25))
    assert periods.parse("2026年10月").label == "2026年10月"
    assert periods.parse("2026Q3") == periods.parse("2026年第3季度") == periods.parse("2026年第三季度") \
        == periods.quarter(2026, 3)
    assert periods.parse("2026H1") == periods.parse("2026年上半年") == periods.half(2026, 1)
    assert periods.parse("2026") == periods.parse("2026年") == periods.year(2026)
    for bad in ("2026-13", "26Q1", "2026Q5", "明年", ""):
        with pytest.raises(ValidationError) as err:
            periods.parse(bad)
        assert err.value.field == "period"


def test_previous_and_year_earlier():
    assert periods.previous(periods.month(2026, 1, 25)) == periods.month(2025, 12, 25)
    assert periods.previous(periods.quarter(2026, 1)) == periods.quarter(2025, 4)
    assert periods.previous(periods.half(2026, 2)) == periods.half(2026, 1)
    assert periods.previous(periods.year(2026)) == periods.year(2025)
    assert span(periods.previous(periods.custom(D(2026, 3, 10), D(2026, 3, 19)))) == (D(2026, 2, 28), D(2026, 3, 9))
    assert periods.year_earlier(periods.quarter(2026, 3, 25)) == periods.quarter(2025, 3, 25)
    assert span(periods.year_earlier(periods.custom(D(2028, 2, 29), D(2028, 3, 5)))) == (D(2027, 2, 28),
                                                                                        D(2027, 3, 5))


def test_identify_names_a_range_that_is_a_period():
    assert periods.identify(D(2026, 9, 26), D(2026, 10, 25), 25) == periods.month(2026, 10, 25)
    assert periods.identify(D(2026, 1, 1), D(2026, 12, 31)).label == "2026年"
    assert periods.identify(D(2026, 1, 5), D(2026, 2, 4)).kind == "custom"


def test_the_cutoff_setting(db):
    assert periods.cutoff_day() is None
    refdata.put_setting("report_cutoff_day", "25")
    assert periods.cutoff_day() == 25
    Setting.update(value="31").where(Setting.key == "report_cutoff_day").execute()
    assert periods.cutoff_day() is None
    with pytest.raises(ValidationError) as err:
        periods.parse_cutoff("31")
    assert "1到28" in err.value.message


@settings(database=None, max_examples=100, deadline=None)
@given(st.integers(2000, 2099), st.sampled_from([None, 1, 10, 20, 25, 28]))
def test_the_months_of_a_year_tile_it_without_gaps(year, cutoff):
    months = [periods.month(year, m, cutoff) for m in range(1, 13)]
    assert months[0].start == periods.year(year, cutoff).start and months[-1].end == periods.year(year, cutoff).end
    assert all(b.start == a.end + dt.timedelta(days=1) for a, b in zip(months, months[1:]))
    assert periods.previous(months[0]).end + dt.timedelta(days=1) == months[0].start
