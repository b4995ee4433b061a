"""Reference data bundled in resources/data: divisions, code tables, default visit rules, checklists.

``load_county()`` and ``load_codes()`` write it into the database (``gridapp init``); ``codes`` reads
it back, cached, for services that turn codes into names and names into codes.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from gridapp.errors import ValidationError
from gridapp.models import ChecklistItem, CodeItem, Division, Setting, VisitRule, database
from gridapp.paths import resource

DEFAULT_COUNTY = "420281"


def data_file(*parts: str) -> Path:
    return resource("data", *parts)


def available_counties() -> list[str]:
    return sorted(p.stem for p in data_file("divisions").glob("*.json"))


@lru_cache(maxsize=None)
def _json(name: str) -> dict:
    return json.loads(data_file(name).read_text(encoding="utf-8"))


def county_data(code: str) -> dict:
    path = data_file("divisions", f"{code}.json")
    if not path.is_file():
        have = "、".join(available_counties()) or "无"
        raise ValidationError(f"没有找到县（市、区）代码 {code} 的区划数据文件；已有：{have}", field="county")
    return json.loads(path.read_text(encoding="utf-8"))


def load_county(code: str = DEFAULT_COUNTY) -> dict:
    """Insert or refresh the county's divisions. Returns counts."""
    data = county_data(code)
    county = data["county"]
    rows = [dict(code=county["code"], name=county["name"], level="county", parent=None,
                 county_code=code, kind=county.get("kind", ""), example=False)]
    for t in data["townships"]:
        rows.append(dict(code=t["code"], name=t["name"], level="township", parent=code,
                         county_code=code, kind=t.get("kind", ""), example=bool(t.get("example"))))
    for v in data["villages"]:
        rows.append(dict(code=v["code"], name=v["name"], level="village", parent=v["code"][:9],
                         county_code=code, kind=v.get("kind", ""), example=bool(v.get("example"))))
    with database.atomic():
        for row in rows:
            Division.insert(row).on_conflict(
                conflict_target=[Division.code],
                update={k: v for k, v in row.items() if k != "code"}).execute()
    return {"townships": len(data["townships"]), "villages": len(data["villages"])}


def load_codes() -> int:
    """Insert or refresh every code table; returns the number of items."""
    tables = _json("codes.json")
    n = 0
    with database.atomic():
        for table, spec in tables.items():
            CodeItem.delete().where(CodeItem.table == table).execute()
            for sort, item in enumerate(spec["items"]):
                extra = {k: v for k, v in item.items() if k not in ("code", "name", "parent")}
                CodeItem.create(table=table, code=item["code"], name=item["name"], parent=item.get("parent"),
                                extra=json.dumps(extra, ensure_ascii=False) if extra else None, sort=sort)
                n += 1
    codes.cache_clear()
    return n


def load_defaults() -> None:
    """Default visit rules, checklists and settings, only where none exist yet (never overwrite edits)."""
    rules = _json("visit_rules.json")
    with database.atomic():
        if not VisitRule.select().exists():
            for r in rules["rules"]:
                VisitRule.create(target=r["target"], attention=r["attention"], interval_days=r["days"])
        if not ChecklistItem.select().exists():
            for category, items in _json("checklists.json")["checklists"].items():
                for sort, item in enumerate(items):
                    ChecklistItem.create(place_category=category, text=item["text"], sort=sort,
                                         hazard_category=item["hazard"])
        defaults = {
            "risk_force_days": str(rules["risk_force_days"]),
            "risk_force_min_grade": str(rules["risk_force_min_grade"]),
            "report_cutoff_day": "",
            "idle_lock_minutes": "15",
            "locale": "zh_CN",
        }
        for kind in _json("codes.json")["event_kind"]["items"]:
            defaults[f"time_limit.{kind['code']}"] = str(kind["time_limit_days"])
        for key, value in defaults.items():
            Setting.insert(key=key, value=value).on_conflict_ignore().execute()


class Codes:
    """Read-only view of the code tables: names by code, codes by name, extras."""

    def __init__(self):
        self._items: dict[str, list[CodeItem]] = {}
        for item in CodeItem.select().order_by(CodeItem.table, CodeItem.sort):
            self._items.setdefault(item.table, []).append(item)
        self._extra = {(i.table, i.code): json.loads(i.extra) if i.extra else {}
                       for items in self._items.values() for i in items}

    def items(self, table: str) -> list[tuple[str, str]]:
        return [(i.code, i.name) for i in self._items.get(table, [])]

    def name(self, table: str, code: str | None, default: str = "") -> str:
        for i in self._items.get(table, []):
            if i.code == code:
                return i.name
        return default

    def code(self, table: str, name: str | None) -> str | None:
        """Code for a name (or a code given as is); None if unknown."""
        if not name:
            return None
        for i in self._items.get(table, []):
            if name in (i.name, i.code):
                return i.code
        return None

    def extra(self, table: str, code: str) -> dict:
        return self._extra.get((table, code), {})

    def parent(self, table: str, code: str) -> str | None:
        for i in self._items.get(table, []):
            if i.code == code:
                return i.parent
        return None


_codes_cache: tuple[object, Codes] | None = None


def codes() -> Codes:
    """The code tables of the database the models are bound to now (cached per database)."""
    global _codes_cache
    if _codes_cache is None or _codes_cache[0] is not database.obj:
        _codes_cache = (database.obj, Codes())
    return _codes_cache[1]


def _clear_codes() -> None:
    global _codes_cache
    _codes_cache = None


codes.cache_clear = _clear_codes  # type: ignore[attr-defined]


def sensitive_categories() -> frozenset[str]:
    c = codes()
    return frozenset(code for code, _ in c.items("person_category") if c.extra("person_category", code).get("sensitive"))


def put_setting(key: str, value: str | None) -> None:
    """Insert or overwrite one setting (portable upsert: SQLite and PostgreSQL)."""
    Setting.insert(key=key, value=value).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: value}).execute()


def setting(key: str, default: str | None = None) -> str | None:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row is not None and row.value not in (None, "") else default
