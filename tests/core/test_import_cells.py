"""Cell parsing and sheet reading: examples, and properties over messy input (no crash, clear errors)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from gridapp.errors import ValidationError
from gridapp.ids import make_id
from gridapp.importers.cells import (
    clean_text, header_key, parse_date, parse_datetime, parse_id_cell, parse_int, parse_phone, split_list,
)
from gridapp.importers.sheet import Column, read_table
from gridapp.reports.xlsx import safe_cell, unquote

props = settings(database=None, max_examples=200, deadline=None)
VALID = "420281198503120017"


@pytest.mark.parametrize("value", [
    dt.datetime(2020, 1, 2), dt.date(2020, 1, 2), "2020-01-02", "2020/1/2", "2020.1.2", "2020年1月2日",
    "2020 年 1 月 2 日", "20200102", 20200102, 43832, 43832.0, "２０２０－０１－０２", "2020-1-2 ", "2020年1月2号",
])
def test_every_common_date_form_reads_as_the_same_day(value):
    assert parse_date(value, "出生日期") == dt.date(2020, 1, 2)


def test_times_are_kept_when_the_cell_has_one():
    assert parse_datetime("2026-03-02 09:30", "走访日期") == dt.datetime(2026, 3, 2, 9, 30)
    assert parse_datetime(dt.datetime(2026, 3, 2, 9, 30, 15, 500), "走访日期") == dt.datetime(2026, 3, 2, 9, 30, 15)
    assert parse_datetime(45718.5, "走访日期") == dt.datetime(2025, 3, 2, 12, 0)


@pytest.mark.parametrize(("value", "message"), [
    ("2020-02-30", "出生日期“2020-02-30”不是有效日期"),
    ("9999-12-31", "出生日期“9999-12-31”的年份超出范围（1900–2100）"),
    (dt.datetime(9999, 12, 31), "出生日期“9999-12-31”的年份超出范围（1900–2100）"),
    ("1/2/2020", "出生日期“1/2/2020”无法识别为日期（可写作 2020-01-02、2020/1/2、2020.1.2、2020年1月2日 或 20200102）"),
    (-5, "出生日期“-5”无法识别为日期（可写作 2020-01-02、2020/1/2、2020.1.2、2020年1月2日 或 20200102）"),
    (True, "出生日期无法识别为日期（可写作 2020-01-02、2020/1/2、2020.1.2、2020年1月2日 或 20200102）"),
])
def test_bad_dates_say_what_is_wrong(value, message):
    with pytest.raises(ValidationError) as err:
        parse_date(value, "出生日期")
    assert err.value.message == message and err.value.field == "出生日期"


def test_empty_cells_are_none():
    for value in (None, "", "   ", "\u3000"):
        assert parse_date(value, "出生日期") is None
        assert parse_id_cell(value) is None
        assert parse_int(value, "涉及人数", low=1, high=9) is None
        assert parse_phone(value, "联系电话") is None


def test_id_cells_normalise_and_refuse_numbers_and_masks():
    assert parse_id_cell(" 420281 1985 0312 0017 ") == VALID
    assert parse_id_cell("４２０２８１１９８５０３１２００１７") == VALID
    x_id = next(make_id("420281", dt.date(1980, 5, 6), s) for s in range(1000)
                if make_id("420281", dt.date(1980, 5, 6), s).endswith("X"))
    assert parse_id_cell(x_id.lower()) == x_id
    for number in (420281198503120017, 4.2028119850312e17, "4.20281198503120E+17"):
        with pytest.raises(ValidationError) as err:
            parse_id_cell(number)
        assert "被Excel存成了数字" in err.value.message
    with pytest.raises(ValidationError) as err:
        parse_id_cell("420281********0017")
    assert err.value.message == "公民身份号码已打码（420281********0017），无法导入：请使用显示完整的号码"


def test_lists_split_on_every_separator_and_drop_duplicates():
    assert split_list("独居老人、低保户，残疾人,退役军人;留守儿童；困境儿童/低保户") == [
        "独居老人", "低保户", "残疾人", "退役军人", "留守儿童", "困境儿童"]
    assert split_list("独居老人\n低保户") == ["独居老人", "低保户"]
    assert split_list(None) == [] and split_list(" 、 ") == []


def test_header_keys_ignore_width_spaces_case_and_required_marks():
    assert header_key(" 姓 名（必填） ") == header_key("姓名(必填)") == header_key("姓名*") == "姓名"
    assert header_key("ＩＤ") == "id" and header_key("公民身份\n号码") == "公民身份号码"


def test_integers_accept_units_and_refuse_the_rest():
    assert parse_int("3级", "危险性评估", low=0, high=5) == 3
    assert parse_int(12.0, "涉及人数", low=1, high=100) == 12
    with pytest.raises(ValidationError) as err:
        parse_int("很多", "涉及人数", low=1, high=100)
    assert err.value.message == "涉及人数“很多”不是整数"


def test_safe_cell_neutralises_formulas_and_unquote_restores_them():
    for text in ("=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "=HYPERLINK(\"http://x\")", "\t=1"):
        assert safe_cell(text) == "'" + text and unquote(safe_cell(text)) == text
    for text in ("-12.5", "+8613800001234", "张三", "", "1e5"):
        assert safe_cell(text) == text
    assert safe_cell("a\x00b\x07c") == "abc" and safe_cell(12) == 12 and safe_cell(None) is None


junk = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=50), st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),
    st.just("=cmd|' /C calc'!A0"), st.just("长" * 20_000), st.datetimes(), st.dates(),
    st.from_regex(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?", fullmatch=True),
)


@props
@given(junk)
def test_junk_cells_give_a_value_or_a_clear_error_never_a_crash(value):
    text = clean_text(value)
    assert isinstance(text, str) and not any(ord(c) < 0x20 for c in text)
    for parse in (lambda v: parse_date(v, "日期"), lambda v: parse_id_cell(v),
                  lambda v: parse_int(v, "人数", low=0, high=10), lambda v: parse_phone(v, "电话")):
        try:
            parse(value)
        except ValidationError as exc:
            assert exc.message and len(exc.message) < 300


@props
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_written_form_of_a_date_reads_back(day):
    forms = [day, day.isoformat(), f"{day.year}/{day.month}/{day.day}", f"{day.year}.{day.month}.{day.day}",
             f"{day.year}年{day.month}月{day.day}日", f"{day:%Y%m%d}", int(f"{day:%Y%m%d}")]
    assert {parse_date(f, "日期") for f in forms} == {day}


@props
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2024, 1, 1)), st.integers(0, 999))
def test_valid_ids_survive_spaces_width_and_case(birth, seq):
    number = make_id("420281", birth, seq)
    messy = " ".join(number[i:i + 6] for i in range(0, 18, 6)).lower()
    assert parse_id_cell(messy) == number
    assert parse_id_cell("".join(chr(ord(c) + 0xFEE0) for c in number)) == number


COLUMNS = (Column("name", "姓名", ("成员姓名",), required=True), Column("number", "户号"),
           Column("id_number", "公民身份号码", ("身份证号",)))


def test_the_header_is_found_below_titles_and_the_footer_ends_the_data(tmp_path):
    wb = Workbook()
    notes = wb.active
    notes.title = "说明"
    notes.append(["本工作簿第二张表是数据"])
    ws = wb.create_sheet("数据")
    ws.append(["某村花名册"])
    ws.append([])
    ws.append(["序号", "户号", "成员姓名（必填）", "身份证号", "备注"])
    ws.append([1, "A1", "张三", VALID, None])
    ws.append([2, None, "李四", None, None])
    ws.append([3, None, None, None, None])  # pre-numbered, otherwise blank
    ws.append(["小计", None, None, None, None])
    ws.append([None, "A2", "王五", None, None])
    ws.append(["合计", None, "3人", None, None])
    ws.append([None, "A3", "不应读到", None, None])
    ws.merge_cells("B4:B5")
    wb.save(tmp_path / "t.xlsx")
    table = read_table(tmp_path / "t.xlsx", COLUMNS)
    assert (table.sheet, table.header_row) == ("数据", 3)
    assert table.mapping == {"户号": "number", "成员姓名(必填)": "name", "身份证号": "id_number"}
    assert [(r.number, r.values["number"], r.values["name"]) for r in table.rows] == [
        (4, "A1", "张三"), (5, "A1", "李四"), (8, "A2", "王五")]


def test_the_fast_reader_reads_what_openpyxl_reads(tmp_path):
    from openpyxl.styles import Font

    from gridapp.importers import sheet as sheet_module

    wb = Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(["文本", "整数", "小数", "日期", "中文日期", "时间", "布尔", "公式", "大数"])
    ws.append(["张三", 42, 3.5, dt.date(2020, 1, 2), dt.date(2021, 3, 4), dt.datetime(2026, 3, 2, 9, 30), True,
               "=1+1", 420281198503120017])
    ws["D2"].number_format = "yyyy/m/d"
    ws["E2"].number_format = 'yyyy"年"m"月"d"日"'
    ws["A3"] = "富文本"
    ws["A3"].font = Font(bold=True)
    ws["C4"] = -0.25
    ws.merge_cells("A3:B4")
    hidden = wb.create_sheet("隐藏")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "x"
    path = tmp_path / "types.xlsx"
    wb.save(path)
    def plain(sheets) -> list:
        """Each sheet as (title, state, merged, {row: values without trailing empty cells})."""
        out = []
        for s in sheets:
            rows = {}
            for n, values in s.rows:
                values = list(values)
                while values and values[-1] is None:
                    values.pop()
                if values:
                    rows[n] = values
            out.append((s.title, s.state, sorted(s.merged), rows))
        return out

    fast = plain(sheet_module._sheets(path))
    assert fast == plain(sheet_module._openpyxl_sheets(path))
    assert fast[0][3][2][:7] == ["张三", 42, 3.5, dt.datetime(2020, 1, 2), dt.datetime(2021, 3, 4),
                                dt.datetime(2026, 3, 2, 9, 30), True]
    assert fast[0][2] == [(3, 1, 4, 2)] and fast[1][1] == "hidden"
