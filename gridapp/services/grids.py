"""Grids (网格) and the division tree, as the actor may see them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from gridapp.errors import PermissionDenied, ValidationError
from gridapp.models import Division, Grid, GridAssignment, Household, User, database, now
from gridapp.services import audit
from gridapp.services.actor import (
    GRID_WORKER, SYSADMIN, TOWNSHIP, VILLAGE_ADMIN, Actor, division_in_scope, in_scope, require_role,
    scope_filter,
)
from gridapp.text import clean

GRID_FIELDS = ("code", "name", "village_code", "township_code", "county_code", "worker_id")


@dataclass(frozen=True)
class GridRow:
    id: int
    uid: str
    code: str
    name: str
    village_code: str
    village_name: str
    township_code: str
    worker_id: int | None
    worker_name: str
    household_count: int


@dataclass(frozen=True)
class DivisionRow:
    code: str
    name: str
    level: str  # county | township | village
    kind: str  # 街道/镇/乡/社区/村 …
    example: bool  # a 示例 code, not an official one


def list_grids(actor: Actor, village_code: str | None = None) -> list[GridRow]:
    """The live grids in the actor's scope (optionally of one village), by code."""
    where = Grid.deleted_at.is_null() & scope_filter(actor, Grid)
    if village_code:
        where &= Grid.village_code == village_code
    return _rows(where)


def get_grid(actor: Actor, grid_id: int) -> GridRow:
    load_grid(actor, grid_id)
    return _rows(Grid.id == grid_id)[0]


def create_grid(actor: Actor, village_code: str, name: str, worker_id: int | None = None) -> GridRow:
    """A new grid in a village; its code is the village code plus the next 2-digit number."""
    require_role(actor, VILLAGE_ADMIN, TOWNSHIP, SYSADMIN, what="新建网格")
    village = Division.get_or_none((Division.code == village_code) & (Division.level == "village"))
    if village is None:
        raise ValidationError(f"村(社区)代码不存在：{village_code}", field="village_code")
    if not division_in_scope(actor, village_code):
        raise PermissionDenied(f"{village.name}不在您的管辖范围内")
    name = clean(name)
    if not name:
        raise ValidationError("网格名称不能为空", field="name")
    if len(name) > 64:
        raise ValidationError("网格名称不能超过64个字", field="name")
    with database.atomic():
        clash = Grid.get_or_none((Grid.village_code == village_code) & (Grid.name == name)
                                 & Grid.deleted_at.is_null())
        if clash is not None:
            raise ValidationError(f"{village.name}已有名为“{name}”的网格（{clash.code}）", field="name")
        worker = _worker(worker_id) if worker_id is not None else None
        grid = Grid.create(code=_next_code(village_code), name=name, village_code=village_code,
                           township_code=village_code[:9], county_code=village_code[:6], worker=worker,
                           created_by=actor.login, updated_by=actor.login)
        if worker is not None:
            GridAssignment.create(grid=grid, worker=worker, start=dt.date.today(),
                                  created_by=actor.login, updated_by=actor.login)
        audit.record(actor, "create", "grid", grid.uid, audit.diff({}, _snapshot(grid)))
    return get_grid(actor, grid.id)


def assign_worker(actor: Actor, grid_id: int, worker_id: int | None, note: str | None = None) -> GridRow:
    """Hand the grid over to another worker (or leave it without one); the history is kept."""
    require_role(actor, VILLAGE_ADMIN, TOWNSHIP, SYSADMIN, what="调整网格员")
    grid = load_grid(actor, grid_id)
    worker = _worker(worker_id) if worker_id is not None else None
    if (worker.id if worker else None) == grid.worker_id:
        return get_grid(actor, grid_id)
    today = dt.date.today()
    with database.atomic():
        before = _snapshot(grid)
        (GridAssignment.update(end=today, version=GridAssignment.version + 1, updated_at=now(),
                               updated_by=actor.login)
         .where((GridAssignment.grid == grid.id) & GridAssignment.end.is_null()).execute())
        if worker is not None:
            GridAssignment.create(grid=grid, worker=worker, start=today, note=note,
                                  created_by=actor.login, updated_by=actor.login)
        grid.worker = worker
        grid.version += 1
        grid.updated_at, grid.updated_by = now(), actor.login
        grid.save()
        audit.record(actor, "update", "grid", grid.uid, audit.diff(before, _snapshot(grid)))
    return get_grid(actor, grid_id)


def divisions(actor: Actor, parent_code: str | None = None) -> list[DivisionRow]:
    """Children of ``parent_code`` that lie in or contain the actor's scope; without a parent, the
    top of the actor's scope (their county, township or village; a grid worker's villages)."""
    roots = _scope_roots(actor)
    if parent_code is None:
        where = Division.code.in_(roots) if roots is not None else Division.level == "county"
    else:
        where = Division.parent == parent_code
    rows = Division.select().where(where).order_by(Division.code)
    return [DivisionRow(code=d.code, name=d.name, level=d.level, kind=d.kind, example=d.example)
            for d in rows
            if roots is None or any(r.startswith(d.code) or d.code.startswith(r) for r in roots)]


def _scope_roots(actor: Actor) -> list[str] | None:
    """The division codes at the top of the actor's scope; None when unscoped."""
    if actor.role == GRID_WORKER:
        return sorted({g.village_code for g in Grid.select(Grid.village_code)
                       .where(Grid.id.in_(list(actor.grid_ids)))})
    return [actor.scope_code] if actor.scope_code else None


def load_grid(actor: Actor, grid_id: int) -> Grid:
    """The live grid, or NotFoundError; PermissionDenied when outside the actor's scope."""
    grid = Grid.get_or_none((Grid.id == grid_id) & Grid.deleted_at.is_null()) if grid_id else None
    if grid is None:
        raise ValidationError("所选网格不存在或已删除", field="grid_id")
    if not in_scope(actor, grid):
        raise PermissionDenied(f"网格“{grid.name}”不在您的管辖范围内")
    return grid


def _worker(worker_id: int) -> User:
    user = User.get_or_none((User.id == worker_id) & User.deleted_at.is_null())
    if user is None or not user.active:
        raise ValidationError("所选网格员不存在或已停用", field="worker_id")
    if user.role != GRID_WORKER:
        raise ValidationError(f"{user.display_name}不是网格员账号", field="worker_id")
    return user


def _next_code(village_code: str) -> str:
    last = (Grid.select(pw.fn.MAX(Grid.code))
            .where((Grid.village_code == village_code) & (pw.fn.LENGTH(Grid.code) == 14)).scalar())
    seq = int(last[12:]) + 1 if last else 1
    if seq > 99:
        raise ValidationError("该村(社区)的网格编号已用完（最多99个）", field="village_code")
    return f"{village_code}{seq:02d}"


def _snapshot(grid: Grid) -> dict:
    return {f: getattr(grid, f) for f in GRID_FIELDS}


def _rows(where) -> list[GridRow]:
    count = (Household.select(pw.fn.COUNT(Household.id))
             .where((Household.grid == Grid.id) & Household.deleted_at.is_null()))
    query = (Grid.select(Grid, Division.name.alias("village_name"), User.display_name.alias("worker_name"),
                         count.alias("household_count"))
             .join(Division, pw.JOIN.LEFT_OUTER, on=(Division.code == Grid.village_code))
             .switch(Grid).join(User, pw.JOIN.LEFT_OUTER, on=(User.id == Grid.worker))
             .where(where).order_by(Grid.code).objects())
    return [GridRow(id=g.id, uid=g.uid, code=g.code, name=g.name, village_code=g.village_code,
                    village_name=g.village_name or g.village_code, township_code=g.township_code,
                    worker_id=g.worker_id, worker_name=g.worker_name or "", household_count=g.household_count)
            for g in query]
