"""gridapp.ids: ID numbers and phones, checked by example and by property."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gridapp.errors import ValidationError
from gridapp.ids import (
    IdInfo, check_char, is_valid_id, make_id, mask_id, mask_phone, normalize_id,
    normalize_phone, parse_id, reverse_key, validate_phone,
)

VALID = "420281198503120017"
TODAY = date(2024, 6, 1)
props = settings(database=None, max_examples=200, deadline=None)

areas = st.sampled_from(["420281", "420200", "110101", "440305", "654321"])
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
seqs = st.integers(min_value=0, max_value=999)
valid_ids = st.builds(make_id, areas, births, seqs)


def full_width(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


# --- ID numbers: examples -------------------------------------------------------------

def test_check_char_known_number():
    assert check_char(VALID[:17]) == "7"
    assert check_char("11010519491231002") == "X"


def test_check_char_rejects_bad_input():
    with pytest.raises(ValueError):
        check_char("1234")


def test_parse_valid_number_born_before_1994():
    info = parse_id(VALID, today=TODAY)
    assert info == IdInfo(number=VALID, birth_date=date(1985, 3, 12), sex="男",
                          area_code="420281", area_known=False, warnings=())


def test_parse_female_and_trailing_x():
    info = parse_id("11010519491231002x", today=TODAY)
    assert info.number == "11010519491231002X"
    assert info.sex == "女"
    assert info.birth_date == date(1949, 12, 31)


def test_normalize_id():
    assert normalize_id(" ４２０２８１　19850312\u00a0001７ ") == VALID
    assert normalize_id("11010519491231002ｘ") == "11010519491231002X"
    assert normalize_id(None) == ""
    assert normalize_id(420281198503120017) == VALID
    assert normalize_id(4.2028119850312e17) == "420281198503120000"
    assert normalize_id("'" + VALID) == VALID


@pytest.mark.parametrize("value", [
    4.2028119850312e17,
    420281198503120000,
    "4.20281198503120E+17",
    "4.2028119850312e17",
    "４.２０２８１１９８５０３１２Ｅ＋１７",
    "420281198503120000.0",
])
def test_excel_mangled_numbers_are_rejected(value):
    with pytest.raises(ValidationError) as exc:
        parse_id(value, today=TODAY)
    assert "Excel" in exc.value.message
    assert "文本格式" in exc.value.message
    assert exc.value.field == "公民身份号码"


def test_excel_check_comes_before_other_checks():
    # A float of a valid number's digits would otherwise pass or fail on something else.
    with pytest.raises(ValidationError, match="Excel"):
        parse_id(float(VALID), today=TODAY)


@pytest.mark.parametrize(("value", "fragment"), [
    ("", "不能为空"),
    (None, "不能为空"),
    ("42028119850312001", "实际为17位"),
    ("4202811985031200177", "实际为19位"),
    ("420281850312001", "15位旧号码"),
    ("42028119850312A017", "前17位必须是数字"),
    ("42028119850312001Y", "最后一位必须是数字或X"),
    ("420281198502300017", "不是有效日期"),
    ("420281189912310017", "早于1900年"),
    ("420281203001010017", "晚于今天"),
])
def test_invalid_numbers_have_actionable_messages(value, fragment):
    with pytest.raises(ValidationError, match=fragment) as exc:
        parse_id(value, today=TODAY)
    assert exc.value.field == "公民身份号码"


def test_bad_check_char_names_expected_char():
    with pytest.raises(ValidationError) as exc:
        parse_id("42028119850312001X", today=TODAY)
    assert exc.value.message == "公民身份号码校验位错误：应为 7，实际为 X"


def test_field_name_is_used():
    with pytest.raises(ValidationError) as exc:
        parse_id("123", field="监护人身份证号")
    assert exc.value.field == "监护人身份证号"
    assert exc.value.message.startswith("监护人身份证号")


def test_unknown_area_is_only_a_warning():
    info = parse_id(VALID, today=TODAY, known_areas={"420200"})
    assert not info.area_known
    assert len(info.warnings) == 1 and "420281" in info.warnings[0]
    info = parse_id(VALID, today=TODAY, known_areas={"420281": "大冶市"})
    assert info.area_known and info.warnings == ()


def test_is_valid_id():
    assert is_valid_id(VALID)
    assert is_valid_id(" 420281 19850312 0017 ")
    assert not is_valid_id("420281198503120018")
    assert not is_valid_id(4.2028119850312e17)
    assert not is_valid_id(None)


def test_make_id():
    assert make_id("420281", date(1985, 3, 12), 1) == VALID
    with pytest.raises(ValueError):
        make_id("4202", date(1985, 3, 12), 1)
    with pytest.raises(ValueError):
        make_id("420281", date(1985, 3, 12), 1000)


def test_mask_id():
    assert mask_id(VALID) == "420281********0017"
    assert mask_id("") == ""
    assert mask_id(None) == ""
    assert mask_id("12345") == "***45"
    assert mask_id("1") == "*"
    assert mask_id(object()) != ""


def test_reverse_key():
    assert reverse_key(VALID) == "710021305891182024"
    assert reverse_key("") == ""
    assert reverse_key(None) == ""


# --- ID numbers: properties -----------------------------------------------------------

@props
@given(st.text())
def test_normalize_id_is_idempotent(text):
    once = normalize_id(text)
    assert normalize_id(once) == once
    assert not any(c.isspace() for c in once)


@props
@given(areas, births, seqs)
def test_make_id_round_trips(area, birth, seq):
    info = parse_id(make_id(area, birth, seq), today=TODAY)
    assert info.birth_date == birth
    assert info.area_code == area
    assert info.sex == ("男" if seq % 2 else "女")


@props
@given(valid_ids, st.integers(min_value=0, max_value=17), st.integers(min_value=1, max_value=9))
def test_any_single_digit_change_is_rejected(number, pos, delta):
    old = number[pos]
    if old == "X":
        new = str(delta)
    else:
        new = str((int(old) + delta) % 10)
    changed = number[:pos] + new + number[pos + 1:]
    with pytest.raises(ValidationError):
        parse_id(changed, today=TODAY)


@props
@given(valid_ids)
def test_full_width_parses_equal_to_half_width(number):
    spaced = f" {number[:6]}\u3000{number[6:14]} {number[14:].lower()}"
    assert parse_id(full_width(spaced), today=TODAY) == parse_id(number, today=TODAY)


@props
@given(valid_ids)
def test_mask_keeps_first6_last4_and_length(number):
    masked = mask_id(number)
    assert len(masked) == len(number)
    assert masked[:6] == number[:6] and masked[-4:] == number[-4:]
    assert masked[6:-4] == "*" * 8


@props
@given(st.one_of(st.none(), st.text(), st.integers(), st.floats()))
def test_masks_never_raise(value):
    assert isinstance(mask_id(value), str)
    assert isinstance(mask_phone(value), str)


@props
@given(valid_ids)
def test_float_and_scientific_forms_are_detected(number):
    value = float(number.replace("X", "0"))  # an X-ending number typed into a numeric cell
    for form in (value, f"{value:.14E}", repr(value), int(value)):
        with pytest.raises(ValidationError, match="Excel"):
            parse_id(form, today=TODAY)


@props
@given(st.dates(min_value=date(2024, 6, 2), max_value=date(2999, 12, 31)), seqs)
def test_future_birth_dates_are_rejected(birth, seq):
    with pytest.raises(ValidationError, match="晚于今天"):
        parse_id(make_id("420281", birth, seq), today=TODAY)


@props
@given(valid_ids, st.sampled_from("0123456789X"))
def test_bad_check_char_message_names_expected(number, wrong):
    if wrong == number[-1]:
        return
    with pytest.raises(ValidationError, match=f"应为 {number[-1]}，实际为 {wrong}"):
        parse_id(number[:17] + wrong, today=TODAY)


# --- phones ---------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("13812341234", "13812341234"),
    (" 138 1234 1234 ", "13812341234"),
    ("138-1234-1234", "13812341234"),
    ("１３８１２３４１２３４", "13812341234"),
    ("+86 138 1234 1234", "13812341234"),
    (13812341234, "13812341234"),
    (13812341234.0, "13812341234"),
    ("0714-8123456", "0714-8123456"),
    ("０７１４－８１２３４５６", "0714-8123456"),
    ("07148123456", "0714-8123456"),
    ("(0714)8123456", "0714-8123456"),
    ("010-12345678", "010-12345678"),
    ("01012345678", "010-12345678"),
    ("0755 8888 6666", "0755-88886666"),
])
def test_validate_phone_accepts_and_normalises(raw, expected):
    assert validate_phone(raw) == expected


@pytest.mark.parametrize("raw", [
    "12812341234", "1381234123", "138123412345", "0714-123456", "0714-123456789",
    "8123456", "abc", "138１２３４abcd",
])
def test_validate_phone_rejects(raw):
    with pytest.raises(ValidationError, match="联系电话格式不正确") as exc:
        validate_phone(raw)
    assert exc.value.field == "联系电话"


def test_validate_phone_empty_and_field_name():
    with pytest.raises(ValidationError, match="监护人电话不能为空") as exc:
        validate_phone("  ", field="监护人电话")
    assert exc.value.field == "监护人电话"


def test_normalize_phone_keeps_unknown_text_readable():
    assert normalize_phone(None) == ""
    assert normalize_phone("0714-8123456") == "0714-8123456"
    assert normalize_phone("138 1234-1234") == "13812341234"


def test_mask_phone():
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone("0714-8123456") == "0714-***3456"
    assert mask_phone("07148123456") == "0714-***3456"
    assert mask_phone("010-12345678") == "010-****5678"
    assert mask_phone("") == ""
    assert mask_phone(None) == ""
    assert mask_phone("123") == "*23"


@props
@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_mobile_round_trip_and_mask(mobile):
    assert validate_phone(mobile) == mobile
    assert validate_phone(full_width(f"{mobile[:3]} {mobile[3:7]}-{mobile[7:]}")) == mobile
    masked = mask_phone(mobile)
    assert masked == mobile[:3] + "****" + mobile[-4:]


@props
@given(st.text())
def test_normalize_phone_is_idempotent(text):
    once = normalize_phone(text)
    assert normalize_phone(once) == once
