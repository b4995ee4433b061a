"""The audit viewer: filter the append-only AuditLog, page through it, export it to Excel.

Who may read it:

- 系统管理员: every row, including failed logins under unknown names;
- 乡镇综治中心: the rows written by users inside its township (or county), so the centre can see
  who opened full ID numbers or exported unmasked ledgers in its area; its own rows too;
- 村(社区)管理员 and 网格员: no one (their own actions are what the log is about).

Reading the log changes nothing; exporting it writes an ``export`` row of its own.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import peewee as pw

from gridapp import dialect
from gridapp.errors import Cancelled, ValidationError
from gridapp.i18n import QT_TRANSLATE_NOOP
from gridapp.models import AuditLog, User
from gridapp.reports.xlsx import safe_cell
from gridapp.services import audit
from gridapp.services.actor import SYSADMIN, TOWNSHIP, Actor, require_role, system_actor

MAX_LIMIT = 1000

ACTION_NAMES_ZH = {
    "create": "新建", "update": "修改", "delete": "删除", "restore": "恢复",
    "view_sensitive": "查看完整信息", "export": "导出", "import": "导入",
    "login": "登录", "login_failed": "登录失败", "unlock_session": "解除锁屏", "unlock": "解锁账号",
    "backup": "备份", "restore_backup": "从备份恢复",
}
ACTION_LABELS = {
    "create": QT_TRANSLATE_NOOP("AuditAction", "Create"),
    "update": QT_TRANSLATE_NOOP("AuditAction", "Change"),
    "delete": QT_TRANSLATE_NOOP("AuditAction", "Delete"),
    "restore": QT_TRANSLATE_NOOP("AuditAction", "Restore"),
    "view_sensitive": QT_TRANSLATE_NOOP("AuditAction", "Show full details"),
    "export": QT_TRANSLATE_NOOP("AuditAction", "Export"),
    "import": QT_TRANSLATE_NOOP("AuditAction", "Import"),
    "login": QT_TRANSLATE_NOOP("AuditAction", "Log in"),
    "login_failed": QT_TRANSLATE_NOOP("AuditAction", "Failed login"),
    "unlock_session": QT_TRANSLATE_NOOP("AuditAction", "Unlock screen"),
    "unlock": QT_TRANSLATE_NOOP("AuditAction", "Unlock account"),
    "backup": QT_TRANSLATE_NOOP("AuditAction", "Backup"),
    "restore_backup": QT_TRANSLATE_NOOP("AuditAction", "Restore from backup"),
}
ENTITY_NAMES_ZH = {
    "user": "用户", "grid": "网格", "household": "户", "person": "人员", "persontag": "人员类别",
    "person_tag": "人员类别", "place": "场所", "visit": "走访", "event": "事件", "setting": "设置",
    "audit_log": "审计日志", "database": "数据库", "visitrule": "走访规则", "attachment": "附件",
}


# How the details of common rows read in the viewer and the export.
KEY_NAMES_ZH = {
    "reason": "原因", "via": "途径", "locked": "已锁定", "login": "账号", "fields": "字段", "file": "文件",
    "rows": "行数", "unmasked": "完整号码", "filters": "筛选条件", "password": "密码", "display_name": "姓名",
    "role": "角色", "scope_code": "管辖范围", "phone": "电话", "active": "启用", "locked_until": "锁定至",
    "failed_logins": "连续输错次数", "worker_id": "网格员", "handler_id": "承办人", "start": "交接日期",
    "note": "说明", "counts": "记录数", "backup_time": "备份时间", "previous_kept_as": "原数据库保存为",
    "source": "来源", "county": "县(市、区)", "households": "户数", "seed": "随机种子",
}
VALUE_NAMES_ZH = {
    "wrong_password": "密码错误", "unknown_login": "账号不存在", "locked": "账号已锁定", "disabled": "账号已停用",
    "login": "登录", "idle_unlock": "解除锁屏", "damaged": "数据库损坏", True: "是", False: "否",
    "id_number": "身份证号", "phone": "电话",
}


@dataclass(frozen=True)
class AuditFilter:
    user: str | None = None  # login, exact
    actions: tuple[str, ...] = ()  # any of these
    entity: str | None = None
    uid: str | None = None
    since: dt.date | dt.datetime | None = None  # inclusive
    until: dt.date | dt.datetime | None = None  # inclusive (a date: to the end of that day)

    def describe(self) -> dict:
        return {k: (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else list(v) if isinstance(v, tuple) else v)
                for k, v in self.__dict__.items() if v not in (None, ())}


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    user: str | None
    user_name: str
    action: str
    action_name: str
    entity: str | None
    entity_name: str
    uid: str | None
    changes: dict | None
    summary: str


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    total: int
    offset: int = 0
    limit: int = 200
    filters: AuditFilter = field(default_factory=AuditFilter)


def require_viewer(actor: Actor) -> None:
    require_role(actor, SYSADMIN, TOWNSHIP, what="查看审计日志")


def _check(filters: AuditFilter) -> None:
    since, until = _bound(filters.since, start=True), _bound(filters.until, start=False)
    if since and until and since > until:
        raise ValidationError("开始时间不能晚于结束时间", field="since")


def _bound(value, *, start: bool) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time.min if start else dt.time(23, 59, 59))
    raise ValidationError("时间格式不正确", field="since" if start else "until")


def _where(actor: Actor, filters: AuditFilter) -> pw.Expression:
    require_viewer(actor)
    _check(filters)
    where: pw.Expression = dialect.true()
    if actor.role != SYSADMIN and actor.scope_code:
        staff = User.select(User.login).where(User.scope_code.startswith(actor.scope_code) & (User.role != SYSADMIN))
        where &= AuditLog.user.in_(staff) | (AuditLog.user == actor.login)
    if filters.user:
        where &= AuditLog.user == filters.user
    if filters.actions:
        where &= AuditLog.action.in_(list(filters.actions))
    if filters.entity:
        where &= AuditLog.entity == filters.entity
    if filters.uid:
        where &= AuditLog.uid == filters.uid
    since, until = _bound(filters.since, start=True), _bound(filters.until, start=False)
    if since:
        where &= AuditLog.at >= since
    if until:
        where &= AuditLog.at <= until
    return where


def count_audit(actor: Actor, filters: AuditFilter | None = None) -> int:
    return AuditLog.select().where(_where(actor, filters or AuditFilter())).count()


def query_audit(actor: Actor, filters: AuditFilter | None = None, *, offset: int = 0, limit: int = 200) -> AuditPage:
    """One page of audit rows, newest first, with the total for the filters."""
    filters = filters or AuditFilter()
    where = _where(actor, filters)
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    rows = list(AuditLog.select().where(where).order_by(AuditLog.at.desc(), AuditLog.id.desc())
                .offset(offset).limit(limit))
    total = AuditLog.select().where(where).count()
    return AuditPage(rows=tuple(_rows(rows)), total=total, offset=offset, limit=limit, filters=filters)


def audit_users(actor: Actor) -> list[tuple[str, str]]:
    """(login, name) of the users whose rows ``actor`` may see, for the filter's drop-down."""
    require_viewer(actor)
    query = User.select(User.login, User.display_name).where(User.deleted_at.is_null())
    if actor.role != SYSADMIN and actor.scope_code:
        query = query.where(User.scope_code.startswith(actor.scope_code) & (User.role != SYSADMIN))
    return [(u.login, u.display_name) for u in query.order_by(User.login)]


def _names(logins: set[str]) -> dict[str, str]:
    """Display names of the logins; the 系统 actor of headless commands has no account."""
    system = system_actor()
    if not logins:
        return {}
    found = {u.login: u.display_name
             for u in User.select(User.login, User.display_name).where(User.login.in_(list(logins)))}
    return {system.login: system.display_name, **found}


def _summary(action: str, changes: dict | None) -> str:
    if not changes:
        return ""
    parts = []
    for key, value in changes.items():
        label = KEY_NAMES_ZH.get(key, key)
        if isinstance(value, list) and len(value) == 2 and key not in ("fields",):
            parts.append(f"{label}：{_short(value[0])} → {_short(value[1])}")
        else:
            parts.append(f"{label}：{_short(value)}")
    return "；".join(parts)


def _short(value) -> str:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "、".join(VALUE_NAMES_ZH.get(v, v) for v in value)
    elif isinstance(value, (bool, str)) and value in VALUE_NAMES_ZH:
        value = VALUE_NAMES_ZH[value]
    text = "（空）" if value in (None, "") else json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) \
        else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _rows(records) -> list[AuditRow]:
    names = _names({r.user for r in records if r.user})
    out = []
    for r in records:
        try:
            changes = json.loads(r.changes) if r.changes else None
        except ValueError:
            changes = {"text": r.changes}
        out.append(AuditRow(id=r.id, at=r.at, user=r.user, user_name=names.get(r.user or "", r.user or ""),
                            action=r.action, action_name=ACTION_NAMES_ZH.get(r.action, r.action),
                            entity=r.entity, entity_name=ENTITY_NAMES_ZH.get(r.entity or "", r.entity or ""),
                            uid=r.uid, changes=changes if isinstance(changes, dict) else {"value": changes},
                            summary=_summary(r.action, changes if isinstance(changes, dict) else None)))
    return out


# --------------------------------------------------------------------------- export
HEADERS = ("时间", "账号", "姓名", "操作", "对象", "记录标识", "详情")


def export_audit(actor: Actor, path: str | os.PathLike, filters: AuditFilter | None = None,
                 on_progress=lambda done, total: None, is_cancelled=lambda: False) -> int:
    """Write the filtered audit rows (oldest first) to an Excel workbook; returns the row count.

    The workbook is written to ``<path>.part`` and renamed when complete, so a cancel or a
    failure leaves nothing under ``path``. The export itself is audited.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from gridapp.services.backups import os_error

    filters = filters or AuditFilter()
    where = _where(actor, filters)
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError("导出文件应以 .xlsx 结尾", field="path")
    total = AuditLog.select().where(where).count()
    tmp = path.with_name(path.name + ".part")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("审计日志")
    ws.freeze_panes = "A2"
    for col, width in zip("ABCDEFG", (20, 14, 12, 14, 10, 34, 80)):
        ws.column_dimensions[col].width = width
    from openpyxl.cell import WriteOnlyCell

    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(ws, value=text)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    done = 0
    on_progress(0, total)
    query = AuditLog.select().where(where).order_by(AuditLog.at, AuditLog.id)
    try:
        batch: list = []
        for record in query.iterator():
            batch.append(record)
            if len(batch) == 500:
                done = _write_batch(ws, batch, done, total, on_progress, is_cancelled)
                batch = []
        done = _write_batch(ws, batch, done, total, on_progress, is_cancelled)
        wb.save(tmp)
        os.replace(tmp, path)
    except Cancelled:
        ws.close()
        _unlink(tmp)
        raise
    except OSError as exc:
        _unlink(tmp)
        raise os_error(exc, path, "导出") from exc
    audit.record(actor, "export", "audit_log", None, {"file": str(path), "rows": done, "filters": filters.describe()})
    return done


def _write_batch(ws, batch, done, total, on_progress, is_cancelled) -> int:
    if is_cancelled():
        raise Cancelled()
    for row in _rows(batch):
        ws.append([safe_cell(v) for v in (row.at, row.user or "", row.user_name, row.action_name,
                                          row.entity_name, row.uid or "", row.summary)])
    done += len(batch)
    if batch:
        on_progress(done, total)
    return done


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
