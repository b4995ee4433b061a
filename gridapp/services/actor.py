"""The acting user and the scope rules every service applies.

Roles (DESIGN.md §9): 网格员 sees their own grids; 村(社区)管理员 a village; 乡镇综治中心 a township
(including events escalated from its villages); 系统管理员 manages users, settings and reference data.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import peewee as pw

from gridapp.errors import NotFoundError, PermissionDenied
from gridapp.i18n import QT_TRANSLATE_NOOP
from gridapp.models import Division, Grid, User, database

GRID_WORKER = "grid_worker"
VILLAGE_ADMIN = "village_admin"
TOWNSHIP = "township"
SYSADMIN = "sysadmin"

ROLE_LABELS = {
    GRID_WORKER: QT_TRANSLATE_NOOP("Roles", "Grid worker"),
    VILLAGE_ADMIN: QT_TRANSLATE_NOOP("Roles", "Village administrator"),
    TOWNSHIP: QT_TRANSLATE_NOOP("Roles", "Township centre"),
    SYSADMIN: QT_TRANSLATE_NOOP("Roles", "System administrator"),
}
ROLE_NAMES_ZH = {GRID_WORKER: "网格员", VILLAGE_ADMIN: "村(社区)管理员", TOWNSHIP: "乡镇综治中心",
                 SYSADMIN: "系统管理员"}

# Roles that may see sensitive categories and unmask IDs/phones. A system administrator manages
# the installation, not residents, so it is not among them by default.
SENSITIVE_ROLES = frozenset({GRID_WORKER, VILLAGE_ADMIN, TOWNSHIP})
UNMASK_ROLES = frozenset({VILLAGE_ADMIN, TOWNSHIP, GRID_WORKER})


@dataclass(frozen=True)
class Actor:
    """Who is acting. ``scope_code`` is a division code (county, township or village);
    ``grid_ids`` are the grids of a grid worker."""

    user_id: int | None
    login: str
    display_name: str
    role: str
    scope_code: str | None
    grid_ids: tuple[int, ...] = field(default=())

    @property
    def level(self) -> str:
        if self.role == GRID_WORKER:
            return "grid"
        n = len(self.scope_code or "")
        return {6: "county", 9: "township", 12: "village"}.get(n, "all")

    @property
    def can_see_sensitive(self) -> bool:
        return self.role in SENSITIVE_ROLES

    @property
    def can_unmask(self) -> bool:
        return self.role in UNMASK_ROLES

    @property
    def is_admin(self) -> bool:
        return self.role == SYSADMIN

    @property
    def township_code(self) -> str | None:
        return self.scope_code[:9] if self.scope_code and len(self.scope_code) >= 9 else None


SYSTEM = Actor(user_id=None, login="system", display_name="系统", role=SYSADMIN, scope_code=None)


def system_actor() -> Actor:
    """The actor of headless commands run before any account exists: sees everything."""
    return Actor(user_id=None, login="system", display_name="系统", role=TOWNSHIP, scope_code=None)


def actor_for(user: User | str | int) -> Actor:
    """Build the Actor of a user (object, login or id)."""
    if not isinstance(user, User):
        query = User.login == user if isinstance(user, str) else User.id == user
        user = User.get_or_none(query & User.deleted_at.is_null())
        if user is None:
            raise NotFoundError("用户不存在")
    grid_ids: tuple[int, ...] = ()
    if user.role == GRID_WORKER:
        grid_ids = tuple(g.id for g in Grid.select(Grid.id).where(
            (Grid.worker == user.id) & Grid.deleted_at.is_null()).order_by(Grid.id))
    return Actor(user_id=user.id, login=user.login, display_name=user.display_name, role=user.role,
                 scope_code=user.scope_code, grid_ids=grid_ids)


def scope_filter(actor: Actor, model) -> pw.Expression:
    """A WHERE expression limiting ``model`` (which has grid/village/township/county columns)
    to the actor's scope."""
    if actor.role == GRID_WORKER:
        if not actor.grid_ids:
            return pw.SQL("1 = 0")  # a bare 0/1 is not a boolean on PostgreSQL
        grid_col = model.id if model is Grid else model.grid
        return grid_col.in_(list(actor.grid_ids))
    code = actor.scope_code
    if not code:
        return pw.SQL("1 = 1")
    column = {6: "county_code", 9: "township_code", 12: "village_code"}[len(code)]
    return getattr(model, column) == code


def in_scope(actor: Actor, record) -> bool:
    """Whether one record (with grid/village/township/county columns) is in the actor's scope."""
    if actor.role == GRID_WORKER:
        grid_id = record.id if isinstance(record, Grid) else record.grid_id
        return grid_id in actor.grid_ids
    code = actor.scope_code
    if not code:
        return True
    column = {6: "county_code", 9: "township_code", 12: "village_code"}[len(code)]
    return getattr(record, column, None) == code


def require_in_scope(actor: Actor, record, what: str = "该记录") -> None:
    if not in_scope(actor, record):
        raise PermissionDenied(f"{what}不在您的管辖范围内")


def require_role(actor: Actor, *roles: str, what: str = "此操作") -> None:
    if actor.role not in roles:
        allowed = "、".join(ROLE_NAMES_ZH[r] for r in roles)
        raise PermissionDenied(f"{what}仅限{allowed}")


def division_in_scope(actor: Actor, code: str) -> bool:
    """Whether a division (any level) lies within the actor's scope (grid workers: their villages)."""
    if actor.role == GRID_WORKER:
        villages = {g.village_code for g in Grid.select(Grid.village_code).where(Grid.id.in_(list(actor.grid_ids)))}
        return code in villages or any(v.startswith(code) for v in villages) if code else False
    if not actor.scope_code:
        return True
    return code.startswith(actor.scope_code)


def division_name(code: str | None) -> str:
    if not code:
        return ""
    d = Division.get_or_none(Division.code == code)
    return d.name if d else code


__all__ = ["Actor", "actor_for", "scope_filter", "in_scope", "require_in_scope", "require_role",
           "division_in_scope", "division_name", "system_actor", "database",
           "GRID_WORKER", "VILLAGE_ADMIN", "TOWNSHIP", "SYSADMIN", "ROLE_LABELS", "ROLE_NAMES_ZH"]
