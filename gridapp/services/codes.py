"""Code tables, divisions and the station's identity, as plain values for the UI.

The UI may not touch the models, so everything it needs to fill a combo box comes from here:
``items(table)`` and ``name(table, code)`` for the code tables, ``townships()``/``villages()``
for the bundled divisions (grids: ``gridapp.services.grids``), and ``station_info()`` for
the name and place of this installation (Setting rows ``station.name``/``station.township``/
``station.village``). ``setup_station()`` is the first-run step that records the station and
creates its grids.
"""
from __future__ import annotations

from dataclasses import dataclass

from gridapp import refdata, text
from gridapp.errors import PermissionDenied, ValidationError, ValidationErrors
from gridapp.models import CodeItem, Division, Household, Setting, User, database
from gridapp.services import audit, grids
from gridapp.services.actor import SYSADMIN, TOWNSHIP, Actor, require_role

STATION_NAME = "station.name"
STATION_TOWNSHIP = "station.township"
STATION_VILLAGE = "station.village"

GRID_NAME_MAX = 64
MAX_GRIDS_AT_SETUP = 50


@dataclass(frozen=True)
class StationInfo:
    name: str
    township_code: str | None
    village_code: str | None

    @property
    def configured(self) -> bool:
        return bool(self.township_code)


# --------------------------------------------------------------------------- code tables
def items(table: str) -> list[tuple[str, str]]:
    """(code, name) of a code table, in the table's order."""
    return refdata.codes().items(table)


def name(table: str, code: str | None, default: str = "") -> str:
    return refdata.codes().name(table, code, default)


def code(table: str, name_or_code: str | None) -> str | None:
    """The code of a name (or a code given as is); None when unknown."""
    return refdata.codes().code(table, name_or_code)


def extra(table: str, code_: str) -> dict:
    """The extra attributes of an item (sensitive flag, time limit …)."""
    return dict(refdata.codes().extra(table, code_))


def sensitive_categories() -> frozenset[str]:
    return refdata.sensitive_categories()


# --------------------------------------------------------------------------- divisions
def county() -> tuple[str, str] | None:
    """(code, name) of the county in the database, or None before reference data is loaded."""
    row = Division.select(Division.code, Division.name).where(Division.level == "county") \
        .order_by(Division.code).first()
    return (row.code, row.name) if row else None


def townships(county_code: str | None = None) -> list[tuple[str, str]]:
    query = Division.select(Division.code, Division.name).where(Division.level == "township")
    if county_code:
        query = query.where(Division.parent == county_code)
    return [(d.code, d.name) for d in query.order_by(Division.code)]


def villages(township_code: str) -> list[tuple[str, str]]:
    query = Division.select(Division.code, Division.name).where(
        (Division.level == "village") & (Division.parent == township_code))
    return [(d.code, d.name) for d in query.order_by(Division.code)]


def division_name(code_: str | None) -> str:
    if not code_:
        return ""
    row = Division.get_or_none(Division.code == code_)
    return row.name if row else code_


def division_path(code_: str | None) -> str:
    """``东岳路街道 / 新村社区`` for a village; the township alone for a township."""
    if not code_:
        return ""
    parts = [division_name(code_[:9])]
    if len(code_) == 12:
        parts.append(division_name(code_))
    return " / ".join(parts)


def ensure_reference_data(county_code: str = refdata.DEFAULT_COUNTY) -> bool:
    """Load the bundled divisions, code tables and defaults into a fresh database.

    Returns True when something was loaded (a new database), False when it was already there.
    """
    loaded = False
    if not Division.select().exists():
        refdata.load_county(county_code)
        loaded = True
    if not CodeItem.select().exists():
        refdata.load_codes()
        loaded = True
    refdata.load_defaults()
    return loaded


# --------------------------------------------------------------------------- station
def _setting(key: str) -> str | None:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row is not None and row.value else None


def station_info() -> StationInfo:
    """The station's name and place. Without a stored name: the village's (or township's) name."""
    township = _setting(STATION_TOWNSHIP)
    village = _setting(STATION_VILLAGE)
    name_ = _setting(STATION_NAME)
    if not name_:
        name_ = division_name(village) + "网格服务站" if village else \
            division_name(township) + "综治中心" if township else ""
    return StationInfo(name=name_, township_code=township, village_code=village)


def is_first_run() -> bool:
    """A database with no households and no station settings: the setup dialog should open."""
    if Household.select().exists():
        return False
    return not (_setting(STATION_TOWNSHIP) or _setting(STATION_NAME))


def login_required() -> bool:
    """Whether anyone must log in: some active account has a password."""
    return User.select().where(User.deleted_at.is_null() & User.active
                               & User.password_hash.is_null(False) & (User.password_hash != "")).exists()


def clean_grid_names(names: list[str]) -> list[str]:
    """Grid names as typed, trimmed; empty lines dropped. Raises for duplicates and over-long names."""
    cleaned: list[str] = []
    errors: list[ValidationError] = []
    for raw in names:
        n = text.clean(raw)
        if not n:
            continue
        if len(n) > GRID_NAME_MAX:
            errors.append(ValidationError(f"网格名称“{n[:12]}…”太长：最多 {GRID_NAME_MAX} 个字", field="grids"))
        elif n in cleaned:
            errors.append(ValidationError(f"网格名称“{n}”重复了", field="grids"))
        else:
            cleaned.append(n)
    if len(cleaned) > MAX_GRIDS_AT_SETUP:
        errors.append(ValidationError(f"一次最多创建 {MAX_GRIDS_AT_SETUP} 个网格", field="grids"))
    if errors:
        raise ValidationErrors(errors) if len(errors) > 1 else errors[0]
    return cleaned


def setup_station(actor: Actor, township_code: str, village_code: str | None,
                  grid_names: list[str], station_name: str | None = None) -> StationInfo:
    """Record which township (and village) this station serves and create its first grids.

    Grids need a village. Existing grids of the village with the same name are kept, not doubled.
    """
    require_role(actor, SYSADMIN, TOWNSHIP, what="设置服务站")
    township = Division.get_or_none((Division.code == township_code) & (Division.level == "township")) \
        if township_code else None
    if township is None:
        raise ValidationError("请选择乡镇（街道）", field="township")
    if actor.scope_code and not township.code.startswith(actor.scope_code[:9]):
        raise PermissionDenied(f"“{township.name}”不在您的管辖范围内")
    village = None
    if village_code:
        village = Division.get_or_none((Division.code == village_code) & (Division.level == "village"))
        if village is None or village.parent != township.code:
            raise ValidationError(f"所选村（社区）不属于{township.name}", field="village")
    names = clean_grid_names(grid_names)
    if names and village is None:
        raise ValidationError("创建网格前请先选择村（社区）", field="village")
    station_name = text.clean(station_name or "")
    if len(station_name) > 64:
        raise ValidationError("服务站名称太长：最多 64 个字", field="name")
    with database.atomic():
        values = {STATION_TOWNSHIP: township.code, STATION_VILLAGE: village.code if village else "",
                  STATION_NAME: station_name}
        for key, value in values.items():
            refdata.put_setting(key, value)
        audit.record(actor, "update", "setting", None, {k: [None, v] for k, v in values.items()})
        if village is not None:
            existing = {g.name for g in grids.list_grids(actor, village.code)}
            for n in names:
                if n not in existing:
                    grids.create_grid(actor, village.code, n)
    return station_info()
