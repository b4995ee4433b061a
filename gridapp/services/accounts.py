"""User accounts: passwords, login and lockout, user management, and grid handover.

Passwords are hashed with ``hashlib.scrypt`` and a per-user random salt; the parameters travel
with the hash in one self-describing string, ``scrypt$n=16384,r=8,p=1$<salt b64>$<hash b64>``, so
they can be raised later and old hashes still verify (and are upgraded at the next login).

Login: ``authenticate(login, password)`` returns the ``Actor``. After ``login.max_failures`` (5)
wrong passwords in a row the account is locked for ``login.lock_minutes`` (15); a system
administrator can unlock it sooner. Every success and every failure is audited (``login`` and
``login_failed``). ``verify_password(actor, password)`` unlocks an idle-locked client and counts
towards the same lockout.

User management (create, change, disable, enable, reset password, change role and scope, unlock)
is for the system administrator. Every change carries the version the form was loaded with; a
stale one is refused with 记录已被他人修改. Grid handover (``assign_grid``) is for the village and
township administrators too: it closes the previous assignment in the grid's history. Before a
worker leaves, ``departing_worker_items`` lists their open events and overdue visit targets, and
``reassign_events`` gives the events to someone else.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import NamedTuple

import peewee as pw

from gridapp import dialect
from gridapp.db import write_transaction
from gridapp.errors import NotFoundError, PermissionDenied, StaleRecordError, ValidationError
from gridapp.models import Division, Event, EventAction, Grid, GridAssignment, User, now
from gridapp.services import audit, settings
from gridapp.services.actor import (
    GRID_WORKER, ROLE_NAMES_ZH, SYSADMIN, SYSTEM, TOWNSHIP, VILLAGE_ADMIN, Actor, actor_for,
    in_scope, require_role, scope_filter,
)
from gridapp.text import clean

ROLES = (GRID_WORKER, VILLAGE_ADMIN, TOWNSHIP, SYSADMIN)
MANAGERS = (SYSADMIN, TOWNSHIP, VILLAGE_ADMIN)  # may hand grids over and reassign events

# --------------------------------------------------------------------------- password hashing
SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_LEN, SALT_LEN = 2 ** 14, 8, 1, 32, 16
MIN_PASSWORD = 8
MAX_PASSWORD = 128
_COMMON_PASSWORDS = frozenset({
    "password1", "passw0rd", "password123", "abc12345", "abcd1234", "a1234567", "a12345678",
    "1234567a", "12345678a", "qwer1234", "qwerty123", "1qaz2wsx", "admin123", "admin888",
    "test1234", "woaini1314", "aa123456", "a123456789", "zxcv1234", "asdf1234",
})


def hash_password(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    salt = secrets.token_bytes(SALT_LEN)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=SCRYPT_LEN,
                            maxmem=_maxmem(n, r))
    return f"scrypt$n={n},r={r},p={p}${_b64(salt)}${_b64(digest)}"


def check_password_hash(password: str, stored: str | None) -> bool:
    """Whether ``password`` matches a stored hash; False for a missing or malformed hash."""
    params = _parse(stored)
    if params is None or password is None:
        return False
    n, r, p, salt, digest = params
    try:
        candidate = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=len(digest),
                                   maxmem=_maxmem(n, r))
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(candidate, digest)


def needs_rehash(stored: str | None) -> bool:
    params = _parse(stored)
    return params is None or params[:3] != (SCRYPT_N, SCRYPT_R, SCRYPT_P)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _maxmem(n: int, r: int) -> int:
    return 128 * r * n + 1024 * 1024


_HASH_RE = re.compile(r"scrypt\$n=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)")


def _parse(stored: str | None):
    m = _HASH_RE.fullmatch(stored or "")
    if not m:
        return None
    n, r, p = (int(x) for x in m.group(1, 2, 3))
    if n < 2 or n & (n - 1) or n > 2 ** 20 or not 1 <= r <= 32 or not 1 <= p <= 16:
        return None
    try:
        return n, r, p, base64.b64decode(m.group(4), validate=True), base64.b64decode(m.group(5), validate=True)
    except ValueError:
        return None


# A hash to verify against when the login does not exist, so that answering takes as long.
_DUMMY_HASH = hash_password(secrets.token_hex(8))


def check_password_strength(password: str | None, login: str = "", *, field: str = "password") -> str:
    """The password, or ValidationError saying what is wrong with it."""
    if not password:
        raise ValidationError("请输入密码", field=field)
    if not isinstance(password, str):
        raise ValidationError("密码应为文字", field=field)
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"密码至少 {MIN_PASSWORD} 位，且须同时包含字母和数字", field=field)
    if len(password) > MAX_PASSWORD:
        raise ValidationError(f"密码不能超过 {MAX_PASSWORD} 位", field=field)
    if any(ord(c) < 32 or ord(c) == 127 for c in password):
        raise ValidationError("密码不能包含控制字符（如换行、制表符）", field=field)
    if not (re.search(r"[A-Za-z]", password) and re.search(r"[0-9]", password)):
        raise ValidationError("密码须同时包含字母和数字", field=field)
    if login and password.lower() == login.lower():
        raise ValidationError("密码不能与登录名相同", field=field)
    if password.lower() in _COMMON_PASSWORDS:
        raise ValidationError("该密码过于常见，容易被猜中，请换一个", field=field)
    return password


# --------------------------------------------------------------------------- rows
@dataclass(frozen=True)
class UserInfo:
    id: int
    uid: str
    version: int
    login: str
    display_name: str
    role: str
    role_name: str
    scope_code: str | None
    scope_name: str
    phone: str | None
    active: bool
    locked_until: dt.datetime | None
    failed_logins: int
    last_login_at: dt.datetime | None
    must_change_password: bool
    grids: tuple[str, ...]  # names of the grids a grid worker looks after

    @property
    def locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > now()


@dataclass(frozen=True)
class AssignmentInfo:
    id: int
    grid_id: int
    grid_name: str
    worker_id: int
    worker_name: str
    start: dt.date
    end: dt.date | None
    note: str | None


@dataclass(frozen=True)
class OpenEventInfo:
    id: int
    uid: str
    number: str
    title: str
    kind: str
    state: str
    deadline: dt.date | None
    overdue: bool
    grid_name: str
    relation: str  # 承办 (the worker handles it) or 登记 (reported by them, no handler yet)


class HandoverItems(NamedTuple):
    """What a departing grid worker leaves behind: it must be reassigned."""

    open_events: tuple[OpenEventInfo, ...]
    overdue_targets: tuple  # gridapp.services.worklist.WorkItem rows


# --------------------------------------------------------------------------- login
def _by_login(login: str) -> User | None:
    if not login:
        return None
    return User.get_or_none((pw.fn.LOWER(User.login) == login.lower()) & User.deleted_at.is_null())


def _as_actor(user: User) -> Actor:
    """The user as the subject of an audit row (no grid lookup: nothing is done as them)."""
    return Actor(user_id=user.id, login=user.login, display_name=user.display_name, role=user.role,
                 scope_code=user.scope_code)


def _lock_policy() -> tuple[int, int]:
    return settings.get_int("login.max_failures") or 5, settings.get_int("login.lock_minutes") or 15


def _locked_message(user: User) -> str:
    return (f"账号“{user.login}”因连续输错密码已锁定，请于 {user.locked_until:%Y-%m-%d %H:%M} 后再试，"
            "或请系统管理员解锁")


def _failed(user: User, how: str) -> str:
    """Count a wrong password; lock the account at the limit. Returns the message to show."""
    limit, minutes = _lock_policy()
    with write_transaction():
        User.update(failed_logins=User.failed_logins + 1).where(User.id == user.id).execute()
        count = User.select(User.failed_logins).where(User.id == user.id).scalar()
        locked = count >= limit
        if locked:
            until = now() + dt.timedelta(minutes=minutes)
            User.update(failed_logins=0, locked_until=until).where(User.id == user.id).execute()
        audit.record(_as_actor(user), "login_failed", "user", user.uid,
                     {"reason": "wrong_password", "via": how, "locked": locked})
    if locked:
        return f"密码错误；已连续输错 {limit} 次，账号锁定至 {until:%Y-%m-%d %H:%M}"
    left = limit - count
    return f"用户名或密码错误（再错 {left} 次将锁定账号 {minutes} 分钟）"


def authenticate(login: str, password: str) -> Actor:
    """Check a login and password; return the Actor or raise PermissionDenied with the reason."""
    login = clean(login)
    user = _by_login(login)
    if user is None:
        check_password_hash(password or "", _DUMMY_HASH)
        audit.record(None, "login_failed", "user", None, {"login": login[:64], "reason": "unknown_login"})
        raise PermissionDenied("用户名或密码错误", field="password")
    if user.locked_until is not None and user.locked_until > now():
        audit.record(_as_actor(user), "login_failed", "user", user.uid, {"reason": "locked"})
        raise PermissionDenied(_locked_message(user), field="login")
    if not check_password_hash(password or "", user.password_hash):
        raise PermissionDenied(_failed(user, "login"), field="password")
    if not user.active:
        audit.record(_as_actor(user), "login_failed", "user", user.uid, {"reason": "disabled"})
        raise PermissionDenied("该账号已停用，请联系系统管理员", field="login")
    changes = {"failed_logins": 0, "locked_until": None, "last_login_at": now()}
    if needs_rehash(user.password_hash):
        changes["password_hash"] = hash_password(password)
    with write_transaction():
        User.update(**changes).where(User.id == user.id).execute()
        actor = actor_for(user.id)
        audit.record(actor, "login", "user", user.uid)
    return actor


def verify_password(actor: Actor, password: str) -> bool:
    """Unlock an idle-locked client: True when the password is right. A wrong one counts towards
    the lockout; once the account is locked (or disabled) this raises PermissionDenied, and the
    client should return to the login dialog."""
    user = _user(actor.user_id)
    if not user.active:
        raise PermissionDenied("该账号已停用，请联系系统管理员")
    if user.locked_until is not None and user.locked_until > now():
        raise PermissionDenied(_locked_message(user))
    if not check_password_hash(password or "", user.password_hash):
        message = _failed(user, "idle_unlock")
        if "锁定至" in message:
            raise PermissionDenied(message)
        return False
    with write_transaction():
        User.update(failed_logins=0).where(User.id == user.id).execute()
        audit.record(actor, "unlock_session", "user", user.uid)
    return True


def change_password(actor: Actor, old_password: str, new_password: str) -> UserInfo:
    """A user changes their own password (required after an administrator's reset)."""
    user = _user(actor.user_id)
    if not check_password_hash(old_password or "", user.password_hash):
        raise ValidationError("原密码不正确", field="old_password")
    check_password_strength(new_password, user.login, field="new_password")
    if new_password == old_password:
        raise ValidationError("新密码不能与原密码相同", field="new_password")
    with write_transaction():
        _update(actor, user, user.version, password_hash=hash_password(new_password), must_change_password=False)
        audit.record(actor, "update", "user", user.uid, {"password": ["***", "***"]})
    return _info(_user(user.id))


def current_user(actor: Actor) -> UserInfo:
    """The acting user's own account (for the title bar and the must-change-password prompt)."""
    return _info(_user(actor.user_id))


# --------------------------------------------------------------------------- user management
_LOGIN_RE = re.compile(r"[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9_.\-\u4e00-\u9fff]{1,31}")


def _check_login(login: str, *, exclude_id: int | None = None) -> str:
    login = clean(login)
    if not login:
        raise ValidationError("登录名不能为空", field="login")
    if not _LOGIN_RE.fullmatch(login):
        raise ValidationError("登录名为 2–32 位字母、数字、汉字或 _ . -，且以字母、数字或汉字开头", field="login")
    if login.lower() == SYSTEM.login:
        raise ValidationError(f"“{login}”是系统保留名，不能用作登录名", field="login")
    clash = User.select(User.id).where(pw.fn.LOWER(User.login) == login.lower())
    if exclude_id is not None:
        clash = clash.where(User.id != exclude_id)
    if clash.exists():
        raise ValidationError(f"登录名“{login}”已被使用", field="login")
    return login


def _check_display_name(name: str) -> str:
    name = clean(name)
    if not name:
        raise ValidationError("姓名不能为空", field="display_name")
    if len(name) > 32:
        raise ValidationError("姓名不能超过 32 个字", field="display_name")
    if any(ord(c) < 32 for c in name) or name[0] in "=+-@":
        raise ValidationError("姓名含有不允许的字符", field="display_name")
    return name


def _check_phone(phone: str | None) -> str | None:
    from gridapp.ids import validate_phone

    return validate_phone(phone, "联系电话") if clean(phone) else None


_SCOPE_LEVELS = {
    GRID_WORKER: ("village", "township"),
    VILLAGE_ADMIN: ("village",),
    TOWNSHIP: ("township", "county"),
    SYSADMIN: ("county",),
}
_LEVEL_NAMES = {"village": "村(社区)", "township": "乡镇(街道)", "county": "县(市、区)"}


def _check_scope(role: str, scope_code: str | None) -> str | None:
    if role not in ROLES:
        raise ValidationError(f"未知的角色：{role}", field="role")
    code = clean(scope_code) or None
    levels = _SCOPE_LEVELS[role]
    if code is None:
        if role == SYSADMIN:
            return None
        need = "或".join(_LEVEL_NAMES[lv] for lv in levels)
        raise ValidationError(f"{ROLE_NAMES_ZH[role]}须指定管辖范围（{need}）", field="scope_code")
    division = Division.get_or_none(Division.code == code)
    if division is None:
        raise ValidationError(f"管辖范围代码不存在：{code[:20]}", field="scope_code")
    if division.level not in levels:
        need = "或".join(_LEVEL_NAMES[lv] for lv in levels)
        raise ValidationError(f"{ROLE_NAMES_ZH[role]}的管辖范围应为{need}，“{division.name}”是"
                              f"{_LEVEL_NAMES[division.level]}", field="scope_code")
    return code


def _require_admin(actor: Actor, what: str) -> None:
    require_role(actor, SYSADMIN, what=what)


def create_user(actor: Actor, login: str, display_name: str, role: str, scope_code: str | None,
                password: str, phone: str | None = None) -> UserInfo:
    _require_admin(actor, "新建用户")
    login = _check_login(login)
    values = dict(login=login, display_name=_check_display_name(display_name), role=role,
                  scope_code=_check_scope(role, scope_code), phone=_check_phone(phone))
    check_password_strength(password, login)
    with write_transaction():
        user = User.create(**values, password_hash=hash_password(password), must_change_password=True,
                           created_by=actor.login, updated_by=actor.login)
        audit.record(actor, "create", "user", user.uid, audit.diff({}, values))
    return _info(user)


def create_first_admin(login: str, password: str, display_name: str | None = None) -> UserInfo:
    """The first system administrator (``gridapp init --admin``); refused once one exists."""
    if User.select().where((User.role == SYSADMIN) & User.deleted_at.is_null()
                           & User.password_hash.is_null(False)).exists():
        raise PermissionDenied("已有系统管理员账号；其他用户请由管理员在“设置 → 用户”中创建")
    login = _check_login(login)
    check_password_strength(password, login)
    values = dict(login=login, display_name=_check_display_name(display_name or login), role=SYSADMIN,
                  scope_code=None)
    with write_transaction():
        user = User.create(**values, password_hash=hash_password(password), created_by=SYSTEM.login,
                           updated_by=SYSTEM.login)
        audit.record(SYSTEM, "create", "user", user.uid, audit.diff({}, values))
    return _info(user)


_UNSET = object()


def update_user(actor: Actor, user_id: int, version: int, *, display_name=_UNSET, phone=_UNSET,
                login=_UNSET) -> UserInfo:
    """Change a user's name, phone or login (fields left out keep their value)."""
    _require_admin(actor, "修改用户")
    user = _user(user_id)
    changes: dict = {}
    if display_name is not _UNSET:
        changes["display_name"] = _check_display_name(display_name)
    if phone is not _UNSET:
        changes["phone"] = _check_phone(phone)
    if login is not _UNSET:
        changes["login"] = _check_login(login, exclude_id=user.id)
    return _apply(actor, user, version, changes)


def change_scope(actor: Actor, user_id: int, version: int, role: str, scope_code: str | None) -> UserInfo:
    """Change a user's role and scope. A grid worker keeps only grids inside the new scope; hand
    the others over first."""
    _require_admin(actor, "调整用户角色和管辖范围")
    user = _user(user_id)
    scope = _check_scope(role, scope_code)
    grids = _grids_of(user.id)
    if role != GRID_WORKER and grids:
        raise ValidationError(f"{user.display_name}仍负责{len(grids)}个网格（{_names(grids)}），请先办理网格移交",
                              field="role")
    outside = [g for g in grids if not g.village_code.startswith(scope or "")]
    if outside:
        raise ValidationError(f"新的管辖范围不包含{user.display_name}负责的网格：{_names(outside)}；请先办理网格移交",
                              field="scope_code")
    if user.role == SYSADMIN and role != SYSADMIN:
        _require_other_admin(user)
    return _apply(actor, user, version, {"role": role, "scope_code": scope})


def disable_user(actor: Actor, user_id: int, version: int) -> UserInfo:
    """停用: the account can no longer log in; its history stays. Refused while it still looks
    after grids (hand them over first) and for the last active administrator."""
    _require_admin(actor, "停用用户")
    user = _user(user_id)
    if user.id == actor.user_id:
        raise ValidationError("不能停用自己的账号", field="active")
    grids = _grids_of(user.id)
    if grids:
        raise ValidationError(f"{user.display_name}仍负责{len(grids)}个网格（{_names(grids)}），请先办理网格移交",
                              field="active")
    if user.role == SYSADMIN:
        _require_other_admin(user)
    return _apply(actor, user, version, {"active": False})


def enable_user(actor: Actor, user_id: int, version: int) -> UserInfo:
    _require_admin(actor, "启用用户")
    user = _user(user_id)
    return _apply(actor, user, version, {"active": True, "failed_logins": 0, "locked_until": None})


def reset_password(actor: Actor, user_id: int, new_password: str) -> UserInfo:
    """An administrator sets a new password (the user must change it at the next login); this
    also unlocks the account."""
    _require_admin(actor, "重置密码")
    user = _user(user_id)
    check_password_strength(new_password, user.login)
    with write_transaction():
        _update(actor, user, user.version, password_hash=hash_password(new_password), must_change_password=True,
                failed_logins=0, locked_until=None)
        audit.record(actor, "update", "user", user.uid, {"password": ["***", "***(重置)"]})
    return _info(_user(user.id))


def unlock_user(actor: Actor, user_id: int) -> UserInfo:
    _require_admin(actor, "解锁用户")
    user = _user(user_id)
    with write_transaction():
        User.update(failed_logins=0, locked_until=None).where(User.id == user.id).execute()
        audit.record(actor, "unlock", "user", user.uid,
                     audit.diff({"locked_until": user.locked_until, "failed_logins": user.failed_logins},
                                {"locked_until": None, "failed_logins": 0}))
    return _info(_user(user.id))


def list_users(actor: Actor, *, include_inactive: bool = True, role: str | None = None) -> list[UserInfo]:
    """系统管理员: every user; 乡镇综治中心 and 村(社区)管理员: the users inside their scope (to pick
    a new grid worker or handler); 网格员: refused."""
    require_role(actor, *MANAGERS, what="查看用户列表")
    where = User.deleted_at.is_null() & _user_scope(actor)
    if not include_inactive:
        where &= User.active == True  # noqa: E712 - peewee expression
    if role:
        where &= User.role == role
    users = list(User.select().where(where).order_by(User.role, User.login))
    grids = _grid_names_by_worker([u.id for u in users])
    names = _division_names({u.scope_code for u in users if u.scope_code})
    return [_info(u, grids.get(u.id, ()), names) for u in users]


def get_user(actor: Actor, user_id: int) -> UserInfo:
    if actor.user_id is not None and user_id == actor.user_id:
        return current_user(actor)
    require_role(actor, *MANAGERS, what="查看用户")
    user = _user(user_id)
    _require_user_in_scope(actor, user)
    return _info(user)


def _user_scope(actor: Actor) -> pw.Expression:
    if actor.role == SYSADMIN or not actor.scope_code:
        return dialect.true()
    return User.scope_code.startswith(actor.scope_code) & (User.role != SYSADMIN)


def _require_user_in_scope(actor: Actor, user: User) -> None:
    if actor.role == SYSADMIN or not actor.scope_code:
        return
    if user.role == SYSADMIN or not (user.scope_code or "").startswith(actor.scope_code):
        raise PermissionDenied(f"用户“{user.display_name}”不在您的管辖范围内")


# --------------------------------------------------------------------------- grid handover
def assign_grid(actor: Actor, grid_id: int, worker_id: int | None, start: dt.date | None = None,
                note: str | None = None) -> list[AssignmentInfo]:
    """Hand a grid over to ``worker_id`` from ``start`` (today by default), or leave it without a
    worker (None). The previous assignment ends on ``start``. Returns the grid's history."""
    require_role(actor, *MANAGERS, what="网格移交")
    grid = _grid(actor, grid_id)
    start = start or dt.date.today()
    if not isinstance(start, dt.date) or isinstance(start, dt.datetime):
        raise ValidationError("交接日期格式不正确", field="start")
    if start > dt.date.today():
        raise ValidationError("交接日期不能晚于今天", field="start")
    note = clean(note) or None
    if note and len(note) > 500:
        raise ValidationError("交接说明不能超过 500 字", field="note")
    worker = None
    if worker_id is not None:
        worker = _user(worker_id, field="worker_id")
        if worker.role != GRID_WORKER:
            raise ValidationError(f"{worker.display_name}不是网格员账号", field="worker_id")
        if not worker.active:
            raise ValidationError(f"{worker.display_name}的账号已停用", field="worker_id")
        if not grid.village_code.startswith(worker.scope_code or "-"):
            raise ValidationError(f"{worker.display_name}的管辖范围不包含网格“{grid.name}”", field="worker_id")
        if grid.worker_id == worker.id:
            raise ValidationError(f"网格“{grid.name}”已由{worker.display_name}负责", field="worker_id")
    elif grid.worker_id is None:
        raise ValidationError(f"网格“{grid.name}”目前没有网格员", field="worker_id")
    with write_transaction():
        current = (GridAssignment.select().where((GridAssignment.grid == grid.id) & GridAssignment.end.is_null()
                                                 & GridAssignment.deleted_at.is_null()))
        for a in current:
            if a.start > start:
                raise ValidationError(f"交接日期不能早于上一任的接手日期 {a.start:%Y-%m-%d}", field="start")
            (GridAssignment.update(end=start, version=GridAssignment.version + 1, updated_at=now(),
                                   updated_by=actor.login).where(GridAssignment.id == a.id).execute())
        if worker is not None:
            GridAssignment.create(grid=grid, worker=worker, start=start, note=note,
                                  created_by=actor.login, updated_by=actor.login)
        (Grid.update(worker=worker, version=Grid.version + 1, updated_at=now(), updated_by=actor.login)
         .where(Grid.id == grid.id).execute())
        audit.record(actor, "update", "grid", grid.uid,
                     {"worker_id": [grid.worker_id, worker.id if worker else None], "start": start, "note": note})
    return grid_history(actor, grid.id)


def grid_history(actor: Actor, grid_id: int) -> list[AssignmentInfo]:
    """Who looked after the grid, newest first."""
    grid = _grid(actor, grid_id)
    rows = (GridAssignment.select(GridAssignment, User.display_name.alias("worker_name"))
            .join(User, on=(User.id == GridAssignment.worker))
            .where((GridAssignment.grid == grid.id) & GridAssignment.deleted_at.is_null())
            .order_by(GridAssignment.start.desc(), GridAssignment.id.desc()).objects())
    return [AssignmentInfo(id=a.id, grid_id=grid.id, grid_name=grid.name, worker_id=a.worker_id,
                           worker_name=a.worker_name, start=a.start, end=a.end, note=a.note) for a in rows]


def departing_worker_items(actor: Actor, worker_id: int) -> HandoverItems:
    """The open events a worker handles (or reported and nobody handles yet) and the overdue visit
    targets of their grids: what to reassign before the worker leaves."""
    require_role(actor, *MANAGERS, what="查看待移交事项")
    worker = _user(worker_id, field="worker_id")
    _require_user_in_scope(actor, worker)
    open_events = _open_events_of(actor, worker)
    overdue: list = []
    grid_ids = [g.id for g in _grids_of(worker.id) if in_scope(actor, g)]
    if grid_ids:
        from gridapp.services import worklist

        for gid in grid_ids:
            offset = 0
            while True:
                page = worklist.page(actor, "overdue", grid_id=gid, offset=offset, limit=worklist.MAX_LIMIT)
                overdue.extend(page.items)
                offset += len(page.items)
                if not page.items or offset >= page.total:
                    break
    return HandoverItems(open_events=tuple(open_events), overdue_targets=tuple(overdue))


def _open_events_of(actor: Actor, worker: User) -> list[OpenEventInfo]:
    from gridapp.workflow import CLOSED_STATES

    mine = (Event.handler == worker.id) | (Event.handler.is_null() & (Event.reporter == worker.id))
    query = (Event.select(Event, Grid.name.alias("grid_name"))
             .join(Grid, pw.JOIN.LEFT_OUTER, on=(Grid.id == Event.grid))
             .where(Event.deleted_at.is_null() & Event.state.not_in(sorted(CLOSED_STATES)) & mine
                    & scope_filter(actor, Event))
             .order_by(Event.deadline.is_null(), Event.deadline, Event.number).objects())
    today = dt.date.today()
    return [OpenEventInfo(id=e.id, uid=e.uid, number=e.number, title=e.title, kind=e.kind, state=e.state,
                          deadline=e.deadline, overdue=e.deadline is not None and e.deadline < today,
                          grid_name=e.grid_name or "", relation="承办" if e.handler_id == worker.id else "登记")
            for e in query]


def reassign_events(actor: Actor, event_ids: list[int], new_handler_id: int, note: str | None = None) -> int:
    """Give open events to another handler (each event's history records the change). Returns
    how many events changed hands."""
    from gridapp.workflow import CLOSED_STATES

    require_role(actor, *MANAGERS, what="改派事件")
    handler = _user(new_handler_id, field="handler_id")
    if not handler.active:
        raise ValidationError(f"{handler.display_name}的账号已停用", field="handler_id")
    if handler.role == SYSADMIN:
        raise ValidationError("系统管理员不承办事件，请选择网格员或管理员", field="handler_id")
    handler_actor = actor_for(handler)
    note = clean(note) or None
    events = list(Event.select().where(Event.id.in_(list(event_ids)) & Event.deleted_at.is_null()))
    if len(events) != len(set(event_ids)):
        raise NotFoundError("部分事件不存在或已删除，请刷新后重试")
    for e in events:
        if not in_scope(actor, e):
            raise PermissionDenied("所选事件中有不在您管辖范围内的事件")
        if e.state in CLOSED_STATES:
            raise ValidationError(f"事件 {e.number} 已{e.state}，无需改派", field="event_ids")
        if not in_scope(handler_actor, e):
            raise ValidationError(f"事件 {e.number} 不在{handler.display_name}的管辖范围内", field="handler_id")
    names = {u.id: u.display_name for u in User.select(User.id, User.display_name)
             .where(User.id.in_([e.handler_id for e in events if e.handler_id]))}
    changed = 0
    with write_transaction():
        for e in events:
            if e.handler_id == handler.id:
                continue
            before = names.get(e.handler_id, "（无）")
            (Event.update(handler=handler.id, version=Event.version + 1, updated_at=now(), updated_by=actor.login)
             .where(Event.id == e.id).execute())
            EventAction.create(event=e.id, action="改派", from_state=e.state, to_state=e.state, actor=actor.user_id,
                               actor_name=actor.display_name, note=f"承办人由{before}改为{handler.display_name}"
                               + (f"：{note}" if note else ""), created_by=actor.login, updated_by=actor.login)
            audit.record(actor, "update", "event", e.uid, {"handler_id": [e.handler_id, handler.id]})
            changed += 1
    return changed


# --------------------------------------------------------------------------- helpers
def _user(user_id: int | None, *, field: str = "user_id") -> User:
    user = User.get_or_none((User.id == user_id) & User.deleted_at.is_null()) if user_id else None
    if user is None:
        raise NotFoundError("用户不存在或已删除", field=field)
    return user


def _grid(actor: Actor, grid_id: int) -> Grid:
    grid = Grid.get_or_none((Grid.id == grid_id) & Grid.deleted_at.is_null()) if grid_id else None
    if grid is None:
        raise NotFoundError("网格不存在或已删除", field="grid_id")
    if not in_scope(actor, grid):
        raise PermissionDenied(f"网格“{grid.name}”不在您的管辖范围内")
    return grid


def _grids_of(user_id: int) -> list[Grid]:
    return list(Grid.select().where((Grid.worker == user_id) & Grid.deleted_at.is_null()).order_by(Grid.code))


def _names(grids: list[Grid]) -> str:
    shown = "、".join(g.name for g in grids[:5])
    return shown + ("等" if len(grids) > 5 else "")


def _require_other_admin(user: User) -> None:
    others = User.select().where((User.role == SYSADMIN) & (User.active == True) & (User.id != user.id)  # noqa: E712
                                 & User.deleted_at.is_null())
    if not others.exists():
        raise ValidationError("这是最后一个可用的系统管理员账号，不能停用或改为其他角色", field="role")


def _update(actor: Actor, user: User, version: int, **changes) -> None:
    """Write ``changes`` if the row is still at ``version`` (inside the caller's transaction)."""
    n = (User.update(**changes, version=User.version + 1, updated_at=now(), updated_by=actor.login)
         .where((User.id == user.id) & (User.version == version) & User.deleted_at.is_null()).execute())
    if n != 1:
        raise StaleRecordError()


def _apply(actor: Actor, user: User, version: int, changes: dict) -> UserInfo:
    before = {k: getattr(user, k) for k in changes}
    with write_transaction():
        _update(actor, user, version, **changes)
        diff = audit.diff(before, changes)
        if diff:
            audit.record(actor, "update", "user", user.uid, diff)
    return _info(_user(user.id))


def _grid_names_by_worker(user_ids: list[int]) -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    if user_ids:
        for g in (Grid.select(Grid.worker, Grid.name).where(Grid.worker.in_(user_ids) & Grid.deleted_at.is_null())
                  .order_by(Grid.code)):
            out.setdefault(g.worker_id, []).append(g.name)
    return {k: tuple(v) for k, v in out.items()}


def _division_names(codes: set[str]) -> dict[str, str]:
    return {d.code: d.name for d in Division.select(Division.code, Division.name).where(Division.code.in_(list(codes)))}


def _info(user: User, grids: tuple[str, ...] | None = None, names: dict[str, str] | None = None) -> UserInfo:
    if grids is None:
        grids = _grid_names_by_worker([user.id]).get(user.id, ())
    if names is None:
        names = _division_names({user.scope_code} if user.scope_code else set())
    return UserInfo(id=user.id, uid=user.uid, version=user.version, login=user.login,
                    display_name=user.display_name, role=user.role, role_name=ROLE_NAMES_ZH.get(user.role, user.role),
                    scope_code=user.scope_code, scope_name=names.get(user.scope_code or "", "全部"),
                    phone=user.phone, active=user.active, locked_until=user.locked_until,
                    failed_logins=user.failed_logins, last_login_at=user.last_login_at,
                    must_change_password=user.must_change_password, grids=grids)


__all__ = [
    "UserInfo", "AssignmentInfo", "OpenEventInfo", "HandoverItems", "ROLES",
    "hash_password", "check_password_hash", "needs_rehash", "check_password_strength",
    "authenticate", "verify_password", "change_password", "current_user",
    "create_user", "create_first_admin", "update_user", "change_scope", "disable_user", "enable_user",
    "reset_password", "unlock_user", "list_users", "get_user",
    "assign_grid", "grid_history", "departing_worker_items", "reassign_events",
]
