"""Settings (the Setting key/value table): known keys, validation, who may change them, audit.

Reading a value for the program's own use needs no actor (``get``, ``get_int``): the idle lock,
the report cutoff day and the station identity are needed before anyone logs in. Listing and
changing settings goes through ``list_settings``/``set_settings`` with the acting user; every
change writes an audit row (a secret's value is never written to the log).

Other modules that need a new key register it once with ``register(SettingSpec(...))``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from gridapp import refdata
from gridapp.db import write_transaction
from gridapp.errors import PermissionDenied, ValidationError, ValidationErrors
from gridapp.models import Division, Setting
from gridapp.services import audit
from gridapp.services.actor import ROLE_NAMES_ZH, SYSADMIN, TOWNSHIP, Actor
from gridapp.text import clean

SECRET_SHOWN = "（已设置）"


@dataclass(frozen=True)
class SettingSpec:
    key: str  # a full key, or a prefix ending in "." for a family (time_limit.)
    label: str
    kind: str = "int"  # int | text | secret | choice | township | village
    default: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    optional: bool = False  # may be left empty
    choices: tuple[str, ...] = ()
    editors: frozenset[str] = frozenset({SYSADMIN})
    max_length: int = 200
    help: str = ""


@dataclass(frozen=True)
class SettingInfo:
    key: str
    label: str
    kind: str
    value: str | None  # secrets: SECRET_SHOWN or None
    default: str | None
    is_default: bool
    help: str
    choices: tuple[str, ...]


_CLERKS = frozenset({SYSADMIN, TOWNSHIP})

_SPECS: dict[str, SettingSpec] = {}


def register(spec: SettingSpec) -> None:
    _SPECS[spec.key] = spec


for _spec in (
    SettingSpec("idle_lock_minutes", "空闲锁定（分钟）", default="15", minimum=1, maximum=240,
                help="客户端无操作超过该时间后锁定，需输入密码解锁"),
    SettingSpec("login.max_failures", "连续输错密码锁定次数", default="5", minimum=3, maximum=20),
    SettingSpec("login.lock_minutes", "输错密码锁定时长（分钟）", default="15", minimum=1, maximum=1440),
    SettingSpec("report_cutoff_day", "统计截止日", optional=True, minimum=1, maximum=28, editors=_CLERKS,
                help="留空为自然月；填 25 表示每月统计到 25 日"),
    SettingSpec("time_limit.", "办理时限（天）", minimum=1, maximum=365, editors=_CLERKS),
    SettingSpec("risk_force_days", "高风险随访间隔（天）", default="14", minimum=1, maximum=90, editors=_CLERKS),
    SettingSpec("risk_force_min_grade", "高风险危险性等级（起）", default="3", minimum=0, maximum=5, editors=_CLERKS),
    SettingSpec("privacy.minor_age", "未成年人保护年龄（周岁以下）", default="14", minimum=1, maximum=18,
                help="未满该年龄人员的信息按敏感个人信息处理"),
    SettingSpec("backup.keep_daily", "保留每日备份（份）", default="7", minimum=1, maximum=60),
    SettingSpec("backup.keep_weekly", "保留每周备份（份）", default="4", minimum=0, maximum=52),
    SettingSpec("station.id", "交换站点编号", kind="text", optional=True, max_length=32, editors=frozenset(),
                help="在“数据交换”设置中设定"),
    SettingSpec("station.name", "服务站名称", kind="text", optional=True, max_length=64),
    SettingSpec("station.township", "所属乡镇（街道）", kind="township", optional=True),
    SettingSpec("station.village", "所属村（社区）", kind="village", optional=True),
    SettingSpec("exchange.secret", "数据交换密钥", kind="secret", optional=True, max_length=200,
                help="站点与乡镇共用，用于校验交换包；至少 16 位"),
    SettingSpec("locale", "界面语言", kind="choice", default="zh_CN", choices=("zh_CN", "en")),
):
    register(_spec)


def spec_for(key: str) -> SettingSpec:
    spec = _SPECS.get(key)
    if spec is None:
        family = key[: key.find(".") + 1] if "." in key else ""
        spec = _SPECS.get(family) if family else None
    if spec is None:
        raise ValidationError(f"未知的设置项：{key}", field=key)
    return spec


def _label(spec: SettingSpec, key: str) -> str:
    if spec.key.endswith(".") and key != spec.key:
        return f"{key[len(spec.key):]}{spec.label}"
    return spec.label


def get(key: str) -> str | None:
    """The stored value, or the key's default; None when neither."""
    return refdata.setting(key, spec_for(key).default)


def get_int(key: str) -> int | None:
    value = get(key)
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return int(spec_for(key).default) if spec_for(key).default else None


def validate(key: str, value) -> str | None:
    """The value as stored (text), or None for empty; ValidationError naming the setting."""
    spec = spec_for(key)
    label = _label(spec, key)
    text = value if spec.kind == "secret" and isinstance(value, str) else clean(value)
    if text in (None, ""):
        if spec.optional:
            return None
        raise ValidationError(f"{label}不能为空", field=key)
    if spec.kind == "int":
        if not re.fullmatch(r"-?\d{1,9}", text):
            raise ValidationError(f"{label}应为整数，实际为“{text[:20]}”", field=key)
        n = int(text)
        if (spec.minimum is not None and n < spec.minimum) or (spec.maximum is not None and n > spec.maximum):
            raise ValidationError(f"{label}应在 {spec.minimum}–{spec.maximum} 之间，实际为 {n}", field=key)
        return str(n)
    if spec.kind == "choice":
        if text not in spec.choices:
            raise ValidationError(f"{label}只能是：{'、'.join(spec.choices)}", field=key)
        return text
    if spec.kind in ("township", "village"):
        level, digits = ("township", 9) if spec.kind == "township" else ("village", 12)
        if not (text.isdigit() and len(text) == digits and Division.get_or_none(
                (Division.code == text) & (Division.level == level))):
            raise ValidationError(f"{label}代码不存在：{text[:20]}", field=key)
        return text
    if len(text) > spec.max_length:
        raise ValidationError(f"{label}太长：最多 {spec.max_length} 个字符", field=key)
    if any(ord(c) < 32 for c in text):
        raise ValidationError(f"{label}不能包含控制字符", field=key)
    if spec.kind == "secret" and len(text) < 16:
        raise ValidationError(f"{label}至少 16 位", field=key)
    return text


def _may_edit(actor: Actor, spec: SettingSpec) -> bool:
    return actor.role in spec.editors


def _keys() -> list[str]:
    keys = [k for k in _SPECS if not k.endswith(".")]
    stored = [s.key for s in Setting.select(Setting.key).order_by(Setting.key)]
    return keys + [k for k in stored if k not in keys and _family_known(k)]


def _family_known(key: str) -> bool:
    return "." in key and key[: key.find(".") + 1] in _SPECS


def _info(key: str, stored: dict[str, str | None]) -> SettingInfo:
    spec = spec_for(key)
    raw = stored.get(key)
    present = raw not in (None, "")
    if spec.kind == "secret":
        value = SECRET_SHOWN if present else None
    else:
        value = raw if present else spec.default
    return SettingInfo(key=key, label=_label(spec, key), kind=spec.kind, value=value, default=spec.default,
                       is_default=not present, help=spec.help, choices=spec.choices)


def list_settings(actor: Actor) -> list[SettingInfo]:
    """The settings ``actor`` may change (系统管理员: all; 乡镇综治中心: report and time limits)."""
    keys = [k for k in _keys() if _may_edit(actor, spec_for(k))]
    if not keys:
        raise PermissionDenied("查看和修改设置仅限系统管理员和乡镇综治中心")
    stored = {s.key: s.value for s in Setting.select().where(Setting.key.in_(keys))}
    return [_info(k, stored) for k in keys]


def set_settings(actor: Actor, values: dict[str, object]) -> list[SettingInfo]:
    """Validate every value first, then store all of them in one transaction with one audit row."""
    errors: list[ValidationError] = []
    clean_values: dict[str, str | None] = {}
    for key, value in values.items():
        try:
            spec = spec_for(key)
            if not _may_edit(actor, spec):
                editors = "、".join(ROLE_NAMES_ZH[r] for r in sorted(spec.editors))
                raise PermissionDenied(f"修改“{_label(spec, key)}”仅限{editors}")
            clean_values[key] = validate(key, value)
        except ValidationError as exc:
            errors.append(exc)
    if errors:
        raise ValidationErrors(errors) if len(errors) > 1 else errors[0]
    with write_transaction():
        before = {s.key: s.value for s in Setting.select().where(Setting.key.in_(list(clean_values)))}
        changes = {}
        for key, value in clean_values.items():
            if (before.get(key) or None) == value:
                continue
            refdata.put_setting(key, value)
            secret = spec_for(key).kind == "secret"
            changes[key] = ["***" if secret and before.get(key) else before.get(key),
                            "***" if secret and value else value]
        if changes:
            audit.record(actor, "update", "setting", None, changes)
    stored = {s.key: s.value for s in Setting.select().where(Setting.key.in_(list(clean_values)))}
    return [_info(k, stored) for k in clean_values]


def set_setting(actor: Actor, key: str, value) -> SettingInfo:
    return set_settings(actor, {key: value})[0]
