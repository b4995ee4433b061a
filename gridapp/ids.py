"""公民身份号码 (GB 11643-1999) and phone numbers: normalise, validate, mask.

Pure Python on purpose: python-stdnum also checks that the area code existed in the
birth year and so rejects real numbers (420281 before 1994). Here the checksum and the
birth date decide; an unknown area code is a warning at most.

Numbers that went through a numeric Excel cell (4.20281198503120E+17) have lost their
last digits; they are detected first and rejected with a message that says how to fix it.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from gridapp.errors import ValidationError

__all__ = [
    "IdInfo", "check_char", "is_valid_id", "make_id", "mask_id", "mask_phone",
    "normalize_id", "normalize_phone", "parse_id", "reverse_key", "validate_phone",
]

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_DIGITS = frozenset("0123456789")
_MIN_BIRTH = date(1900, 1, 1)

# Full-width ASCII (U+FF01..U+FF5E) -> half-width, ideographic space -> space,
# and the dashes people paste into phone numbers -> "-".
_HALF_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_HALF_WIDTH[0x3000] = 0x20
_HALF_WIDTH.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")

_SCIENTIFIC = re.compile(r"[+-]?\d+(?:\.\d*)?E[+-]?\d+", re.IGNORECASE)
_DECIMAL = re.compile(r"\d+\.\d*")

_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-\d{7,8}")

_EXCEL_MESSAGE = ("{field}被Excel存成了数字（科学计数法），末几位已丢失；"
                  "请把该列设置为文本格式后重新填写")


def _text(value: object) -> str:
    """Any cell value as text; integral floats lose their ".0", None and NaN become ""."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    return str(value)


def _clean(text: str) -> str:
    """Half-width, no whitespace or invisible characters."""
    text = text.translate(_HALF_WIDTH)
    return "".join(c for c in text if not c.isspace() and c not in _INVISIBLE)


def normalize_id(text: object) -> str:
    """Full-width -> half-width, drop all whitespace, upper-case a trailing x.

    A leading apostrophe (Excel's "store as text" marker) is dropped too.
    """
    s = _clean(_text(text)).lstrip("'")
    if s.endswith("x"):
        s = s[:-1] + "X"
    return s


def check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character for the first 17 digits."""
    if len(first17) != 17 or not set(first17) <= _DIGITS:
        raise ValueError(f"check_char needs 17 digits, got {first17!r}")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS))
    return _CHECK_CHARS[total % 11]


@dataclass(frozen=True)
class IdInfo:
    """A valid ID number and what it says.

    ``area_known`` is True only when ``known_areas`` was given and holds the area code.
    """

    number: str
    birth_date: date
    sex: str
    area_code: str
    area_known: bool
    warnings: tuple[str, ...] = ()


def _is_excel_number(value: object, text: str) -> bool:
    """True when the value went through a numeric cell (and so lost digits)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, Decimal)):
        return True
    if isinstance(value, float):
        return not math.isnan(value)
    return bool(_SCIENTIFIC.fullmatch(text) or _DECIMAL.fullmatch(text))


def parse_id(value: object, *, today: date | None = None, known_areas=None,
             field: str = "公民身份号码") -> IdInfo:
    """Validate an ID number and return its parts; raise ValidationError otherwise."""
    def fail(message: str) -> ValidationError:
        return ValidationError(message, field=field)

    s = normalize_id(value)
    if _is_excel_number(value, s):
        raise fail(_EXCEL_MESSAGE.format(field=field))
    if not s:
        raise fail(f"{field}不能为空")
    if len(s) != 18:
        hint = "（15位旧号码请换成18位新号码）" if len(s) == 15 and set(s) <= _DIGITS else ""
        raise fail(f"{field}应为18位，实际为{len(s)}位{hint}")
    first17, last = s[:17], s[17]
    if not set(first17) <= _DIGITS:
        raise fail(f"{field}前17位必须是数字")
    if last not in _DIGITS and last != "X":
        raise fail(f"{field}最后一位必须是数字或X，实际为 {last}")

    ymd = s[6:14]
    try:
        birth = date(int(ymd[:4]), int(ymd[4:6]), int(ymd[6:]))
    except ValueError:
        raise fail(f"{field}中的出生日期 {ymd} 不是有效日期") from None
    if birth < _MIN_BIRTH:
        raise fail(f"{field}中的出生日期 {ymd} 早于1900年")
    if birth > (today or date.today()):
        raise fail(f"{field}中的出生日期 {ymd} 晚于今天")

    expected = check_char(first17)
    if last != expected:
        hint = "（末三位为000，可能被Excel截断过）" if s.endswith("000") else ""
        raise fail(f"{field}校验位错误：应为 {expected}，实际为 {last}{hint}")

    area = s[:6]
    area_known = known_areas is not None and area in known_areas
    warnings: tuple[str, ...] = ()
    if known_areas is not None and not area_known:
        warnings = (f"{field}的地址码 {area} 不在行政区划代码表中，请核对",)
    return IdInfo(number=s, birth_date=birth, sex="男" if int(s[16]) % 2 else "女",
                  area_code=area, area_known=area_known, warnings=warnings)


def is_valid_id(value: object) -> bool:
    """True when ``parse_id`` accepts the value."""
    try:
        parse_id(value)
    except ValidationError:
        return False
    return True


def make_id(area: str, birth: date, seq: int) -> str:
    """Build a valid ID number (demo data, tests). ``seq`` odd = 男, even = 女."""
    if len(area) != 6 or not set(area) <= _DIGITS:
        raise ValueError(f"area must be 6 digits, got {area!r}")
    if not 0 <= seq <= 999:
        raise ValueError(f"seq must be 0..999, got {seq}")
    first17 = f"{area}{birth.year:04d}{birth.month:02d}{birth.day:02d}{seq:03d}"
    return first17 + check_char(first17)


def _mask_short(s: str) -> str:
    """Mask all but the last 2 characters (all of them when there are 2 or fewer)."""
    return "*" * len(s) if len(s) <= 2 else "*" * (len(s) - 2) + s[-2:]


def mask_id(number: object) -> str:
    """``420281********0017``: keep the first 6 and last 4 characters. Never raises."""
    try:
        s = normalize_id(number)
    except Exception:  # display helper: any odd value still masks to something
        s = ""
    if len(s) <= 10:
        return _mask_short(s)
    return s[:6] + "*" * (len(s) - 10) + s[-4:]


def _landline(digits: str) -> str | None:
    """Split "07148123456" into "0714-8123456" (010 and 02x have 3-digit area codes)."""
    area_len = 3 if digits[:2] in ("01", "02") else 4
    local = digits[area_len:]
    if digits.startswith("0") and 7 <= len(local) <= 8:
        return f"{digits[:area_len]}-{local}"
    return None


def normalize_phone(text: object) -> str:
    """Half-width, no spaces or dashes, except a landline written as ``0714-8123456``.

    A +86/0086 prefix is dropped; a landline typed without its dash gets one.
    """
    s = _clean(_text(text))
    for prefix in ("+86", "0086"):
        if s.startswith(prefix):
            s = s[len(prefix):].lstrip("-")
    s = s.replace("(", "").replace(")", "-") if s.startswith("(0") else s
    if _LANDLINE.fullmatch(s):
        return s
    digits = s.replace("-", "")
    if digits.isascii() and digits.isdigit() and digits.startswith("0"):
        return _landline(digits) or digits
    return digits


def validate_phone(value: object, field: str = "联系电话") -> str:
    """Return the normalised phone, or raise ValidationError naming the field."""
    s = normalize_phone(value)
    if not s:
        raise ValidationError(f"{field}不能为空", field=field)
    if _MOBILE.fullmatch(s) or _LANDLINE.fullmatch(s):
        return s
    raise ValidationError(
        f"{field}格式不正确：{s}（手机号为1开头的11位数字，固话为区号加7-8位号码，如0714-8123456）",
        field=field)


def mask_phone(phone: object) -> str:
    """``138****1234`` for mobiles, ``0714-***3456`` for landlines. Never raises."""
    try:
        s = normalize_phone(phone)
    except Exception:  # display helper: any odd value still masks to something
        s = ""
    if _LANDLINE.fullmatch(s):
        area, local = s.split("-")
        return f"{area}-{'*' * (len(local) - 4)}{local[-4:]}"
    if len(s) < 8:
        return _mask_short(s)
    return s[:3] + "*" * (len(s) - 7) + s[-4:]


def reverse_key(s: str | None) -> str:
    """``s`` reversed, for tail searches (last digits of an ID or phone) on an index."""
    return (s or "")[::-1]
