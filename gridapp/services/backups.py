"""Automatic backups, the backup list, restore, and the check a client runs before opening.

Policy (issue 6): the client backs up once a day (``backup_if_due`` at start and on a timer) and
when it closes (``backup_on_close``), with SQLite's online backup API, into ``backups/`` beside the
database. Rotation keeps the newest backup of each of the last 7 days and of 4 earlier weeks
(settings ``backup.keep_daily``/``backup.keep_weekly``). Backups of an encrypted database are
encrypted with the same passphrase.

Before opening, the client calls ``startup_check(path)``: it runs ``quick_check`` and, on damage,
names the newest backup that passes the same check, so a damaged database is never opened
silently. ``recover_from_backup`` restores it before anyone can log in (the damaged file is kept
beside the backups); ``restore_backup`` is the administrator's restore from 设置 or the CLI.
"""
from __future__ import annotations

import datetime as dt
import errno
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from gridapp import crypto, migrations
from gridapp import db as gdb
from gridapp.errors import DatabaseError, GridappError, ValidationError
from gridapp.models import CST, database
from gridapp.models import now as cst_now
from gridapp.services import audit, settings
from gridapp.services.actor import SYSADMIN, Actor, require_role

COUNTED = ("household", "person", "visit", "event")
# Above this size (about 1–2 s of quick_check on a station PC) the check before opening covers the
# small core tables only, and the client runs the whole check in the background once it is open;
# a file left with a non-empty WAL (the last session ended without closing) is always checked whole.
FULL_CHECK_LIMIT = 256 * 1024 * 1024
CORE_TABLES = ("schema_version", "setting", "user", "division", "code_item", "grid")
STALE_PART_SECONDS = 3600  # a .part file older than this is left over from a killed backup

_NAME_RE = re.compile(r"gridapp-(\d{8}-\d{6})(?:-([a-z-]+))?\.sqlite3")
KIND_NAMES = {"auto": "自动备份", "before-restore": "恢复前的数据库", "damaged": "已损坏的数据库",
              "manual": "手动备份"}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    when: dt.datetime  # CST, from the file name (or the file's time)
    size: int
    counts: dict | None  # live households/persons/visits/events; None when unreadable
    kind: str  # auto | before-restore | damaged | manual
    schema_version: int | None = None
    problem: str | None = None  # why it can't be restored, when it can't

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, self.kind)


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    when: dt.datetime
    counts: dict
    previous_kept_as: Path | None


@dataclass(frozen=True)
class StartupStatus:
    ok: bool
    problems: tuple[str, ...]
    newest_good_backup: BackupInfo | None
    complete: bool = True  # False: only CORE_TABLES were checked; run startup_check(path, full=True) later


def os_error(exc: OSError, path: Path, doing: str) -> GridappError:
    """A clear message for a file-system error while writing ``path``."""
    code = getattr(exc, "errno", None)
    if code in (errno.ENOSPC, errno.EDQUOT):
        return GridappError(f"磁盘已满，{doing}未完成（未留下不完整的文件）：{path}")
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return GridappError(f"文件夹不可写（只读或没有权限），{doing}未完成：{path.parent}")
    return GridappError(f"{doing}失败：{exc.strerror or exc}（{path}）")


# --------------------------------------------------------------------------- folder and list
def backup_folder() -> Path:
    """Where automatic backups of the open database go (shown in 设置)."""
    return gdb.backup_dir()


def _passphrase() -> str | None:
    return gdb.passphrase_of() if database.obj is not None else None


def _when(path: Path) -> tuple[dt.datetime, str]:
    m = _NAME_RE.fullmatch(path.name)
    if m:
        return dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S"), m.group(2) or "auto"
    mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, CST).replace(tzinfo=None, microsecond=0)
    return mtime, "manual"


def probe(path: str | os.PathLike, passphrase: str | None = None, *, check: str | None = "quick_check") -> BackupInfo:
    """Look at one backup file: its time, size, counts, and whether it is a gridapp database
    this program can open. ``check``: "quick_check", "integrity_check", or None to skip the
    page check (fast, for listing large backups)."""
    path = Path(path)
    when, kind = _when(path)
    size = path.stat().st_size
    problem, counts, version = None, None, None
    try:
        con = crypto.connect(path, passphrase, readonly=True)
        try:
            result = [r[0] for r in con.execute(f"PRAGMA {check}").fetchall()] if check else ["ok"]
            version = migrations.read_version(con)
            if result != ["ok"]:
                problem = "文件已损坏"
            elif version is None or version == 0:
                problem = "不是网格通数据库"
            elif version > migrations.LATEST:
                problem = f"来自更新版本的网格通（结构版本 {version}）"
            else:
                counts = {t: con.execute(f"SELECT count(*) FROM {t} WHERE deleted_at IS NULL").fetchone()[0]
                          for t in COUNTED}
        finally:
            con.close()
    except crypto.module_errors():
        problem = "口令不符或文件已损坏" if passphrase else "文件已损坏或不是网格通数据库"
    return BackupInfo(path=path, when=when, size=size, counts=counts, kind=kind, schema_version=version,
                      problem=problem)


def list_backups(folder: str | os.PathLike | None = None, *, check: str | None = None) -> list[BackupInfo]:
    """The backups in the folder (default: beside the open database), newest first. Without
    ``check`` the pages are not verified (restore does that); counts and version are read."""
    folder = Path(folder) if folder else backup_folder()
    if not folder.is_dir():
        return []
    key = _passphrase()
    infos = [probe(p, key, check=check) for p in folder.glob("gridapp-*.sqlite3") if p.is_file()]
    return sorted(infos, key=lambda b: (b.when, b.path.name), reverse=True)


# --------------------------------------------------------------------------- making backups
def _keep() -> tuple[int, int]:
    return settings.get_int("backup.keep_daily") or 7, settings.get_int("backup.keep_weekly") or 0


def _newest_auto(folder: Path) -> dt.datetime | None:
    stamps = [_when(p)[0] for p in folder.glob("gridapp-*.sqlite3") if _NAME_RE.fullmatch(p.name)
              and not _NAME_RE.fullmatch(p.name).group(2)] if folder.is_dir() else []
    return max(stamps, default=None)


def _clear_stale_parts(folder: Path) -> None:
    if not folder.is_dir():
        return
    limit = time.time() - STALE_PART_SECONDS
    for part in folder.glob("gridapp-*.part"):
        try:
            if part.stat().st_mtime < limit:
                part.unlink()
        except OSError:
            pass


def _auto_backup(on_progress=lambda done, total: None, is_cancelled=lambda: False) -> Path:
    if gdb.is_postgres():
        raise DatabaseError("联网模式的数据库由服务器备份")
    daily, weekly = _keep()
    _clear_stale_parts(backup_folder())
    return gdb.backup(keep_daily=daily, keep_weekly=weekly, on_progress=on_progress, is_cancelled=is_cancelled)


def backup_if_due(now: dt.datetime | None = None) -> Path | None:
    """Back up when today has no automatic backup yet; returns the new file or None."""
    if gdb.is_postgres():
        return None
    current = now or cst_now()
    newest = _newest_auto(backup_folder())
    if newest is not None and newest.date() >= current.date():
        return None
    return _auto_backup()


def backup_on_close() -> Path | None:
    """Back up when the client closes, unless nothing was written since the newest backup."""
    if gdb.is_postgres():
        return None
    folder = backup_folder()
    newest = _newest_auto(folder)
    if newest is not None:
        db_path = Path(database.obj.path)
        changed = max((p.stat().st_mtime for p in (db_path, Path(str(db_path) + "-wal")) if p.exists()), default=0)
        newest_file = max((p.stat().st_mtime for p in folder.glob("gridapp-*.sqlite3")
                           if _NAME_RE.fullmatch(p.name) and not _NAME_RE.fullmatch(p.name).group(2)), default=0)
        if changed <= newest_file:
            return None
    return _auto_backup()


def backup_now(actor: Actor, target: str | os.PathLike | None = None,
               on_progress=lambda done, total: None, is_cancelled=lambda: False) -> BackupInfo:
    """An administrator's backup: into the backup folder (rotated), or to ``target`` (a whole copy
    of the data, so it is audited like an unmasked export)."""
    require_role(actor, SYSADMIN, what="手动备份")
    if target is not None:
        target = Path(target)
        if target.exists() and target.is_dir():
            raise ValidationError(f"备份目标是一个文件夹，请给出文件名：{target}", field="target")
        path = gdb.backup(target, on_progress=on_progress, is_cancelled=is_cancelled)
    else:
        path = _auto_backup(on_progress, is_cancelled)
    audit.record(actor, "backup", "database", None, {"file": str(path)})
    return probe(path, _passphrase(), check=None)


# --------------------------------------------------------------------------- restore
def restore_backup(actor: Actor, path: str | os.PathLike) -> RestoreResult:
    """Replace the open database with a backup (any file, e.g. from a USB stick): it is verified
    first (full integrity check, schema version), the current database is kept as a backup, and
    the restore is audited in the restored database."""
    require_role(actor, SYSADMIN, what="从备份恢复")
    if gdb.is_postgres():
        raise DatabaseError("联网模式的数据库请在服务器上恢复")
    result = _restore(Path(path), Path(database.obj.path), _passphrase())
    audit.record(actor, "restore_backup", "database", None,
                 {"file": str(result.restored_from), "backup_time": result.when, "counts": result.counts,
                  "previous_kept_as": str(result.previous_kept_as) if result.previous_kept_as else None})
    return result


def recover_from_backup(db_path: str | os.PathLike, backup_path: str | os.PathLike,
                        passphrase: str | None = None) -> RestoreResult:
    """Replace a damaged database (``startup_check`` said so) with one of its own backups, before
    anyone can log in. Only a backup from the database's own backup folder is accepted."""
    db_path, backup_path = Path(db_path), Path(backup_path)
    folder = db_path.parent / "backups"
    if backup_path.resolve().parent != folder.resolve():
        raise ValidationError(f"只能从本数据库的备份文件夹中恢复：{folder}", field="backup_path")
    status = startup_check(db_path, passphrase, find_backup=False)
    if status.ok:
        raise ValidationError("数据库完好，无需从备份恢复；如需恢复旧数据，请登录后在“设置 → 备份”中操作",
                              field="backup_path")
    result = _restore(backup_path, db_path, passphrase)
    audit.record(None, "restore_backup", "database", None,
                 {"file": str(result.restored_from), "backup_time": result.when, "counts": result.counts,
                  "reason": "damaged", "problems": list(status.problems),
                  "previous_kept_as": str(result.previous_kept_as) if result.previous_kept_as else None})
    return result


def _restore(backup_path: Path, db_path: Path, passphrase: str | None) -> RestoreResult:
    when, _ = _when(backup_path) if backup_path.is_file() else (None, None)
    info = gdb.restore(backup_path, db_path=db_path, passphrase=passphrase)
    kept = info.get("previous_kept_as")
    return RestoreResult(restored_from=backup_path, when=when, counts=info["counts"],
                         previous_kept_as=Path(kept) if kept else None)


# --------------------------------------------------------------------------- startup
def startup_check(path: str | os.PathLike, passphrase: str | None = None, *,
                  find_backup: bool = True, full: bool | None = None) -> StartupStatus:
    """Run ``quick_check`` on the database file before the client opens it.

    ``ok`` False means the file is damaged; ``newest_good_backup`` is then the newest backup in
    its folder that passes the same check (None if there is none). A missing file is fine (it
    will be created). Situations a restore would not cure raise DatabaseError instead: a
    database from a newer gridapp, a wrong passphrase, a file that is no gridapp database.

    ``full`` None decides by size: a file up to FULL_CHECK_LIMIT, or one whose last session did not
    end cleanly, is checked whole; a larger one only in its core tables (``complete`` False), and
    the client then calls ``startup_check(path, full=True)`` on a background thread.
    """
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return StartupStatus(ok=True, problems=(), newest_good_backup=None)
    if path.is_dir():
        raise DatabaseError(f"数据库路径是一个文件夹，不是文件：{path}")
    if not passphrase and crypto.looks_encrypted(path):
        raise DatabaseError(f"该文件不是网格通数据库，或是需要口令的加密数据库：{path}")
    if full is None:
        wal = Path(f"{path}-wal")
        full = path.stat().st_size <= FULL_CHECK_LIMIT or (wal.exists() and wal.stat().st_size > 0)
    problems: list[str] = []
    try:
        con = crypto.connect(path, passphrase)
        try:
            con.execute("PRAGMA busy_timeout = 10000")
            checks = ["PRAGMA quick_check"] if full else [f"PRAGMA quick_check('{t}')" for t in CORE_TABLES]
            rows = [r[0] for sql in checks for r in con.execute(sql).fetchall()]
            rows = [r for r in rows if r != "ok"] or ["ok"]
            if rows != ["ok"]:
                problems.extend(rows[:10])
            else:
                version = migrations.read_version(con)
                if version is None:
                    raise DatabaseError(f"该文件不是网格通数据库：{path}")
                if version > migrations.LATEST:
                    raise DatabaseError(f"该数据库由更新版本的网格通创建（结构版本 {version}），请先升级程序")
        finally:
            con.close()
    except crypto.module_errors() as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise DatabaseError(f"数据库正被其他程序占用（已锁定），请稍后重试：{path}") from exc
        if passphrase and "not a database" in text:
            raise DatabaseError(f"数据库口令错误，或文件已损坏：{path}") from exc
        problems.append(str(exc))
    if not problems:
        return StartupStatus(ok=True, problems=(), newest_good_backup=None, complete=full)
    good = None
    if find_backup:
        candidates = [b for b in list_backups_of(path, passphrase) if b.ok and b.kind != "damaged"]
        good = next((c for c in (probe(b.path, passphrase) for b in candidates) if c.ok), None)
    return StartupStatus(ok=False, problems=tuple(f"数据库已损坏：{p}" for p in problems), newest_good_backup=good,
                         complete=full)


def list_backups_of(db_path: str | os.PathLike, passphrase: str | None = None) -> list[BackupInfo]:
    """The backups of a database that is not open (the startup check), newest first."""
    folder = Path(db_path).parent / "backups"
    if not folder.is_dir():
        return []
    infos = [probe(p, passphrase, check=None) for p in folder.glob("gridapp-*.sqlite3") if p.is_file()]
    return sorted(infos, key=lambda b: (b.when, b.path.name), reverse=True)
