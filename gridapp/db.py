"""Opening, creating, checking and backing up the database.

``open_database()`` binds the models' proxy to a SQLite file (WAL, foreign keys, busy timeout)
and brings its schema up to date through the migration ladder in ``gridapp.migrations``.
Errors a person can meet here (a wrong path, a file that is not a gridapp database, a locked
file, a database from a newer gridapp) become one ``DatabaseError`` with a clear message.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import peewee as pw

from gridapp import crypto, migrations
from gridapp.dialect import is_postgres  # noqa: F401 - part of this module's API (db.is_postgres)
from gridapp.errors import DatabaseError
from gridapp.models import database, now
from gridapp.paths import default_db_path

SQLITE_PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("busy_timeout", 10000),
    ("synchronous", "normal"),
    ("cache_size", -64000),  # 64 MB page cache
    ("temp_store", "memory"),
)


class _WriteErrors:
    """A full disk, a read-only file or an I/O error while writing becomes a DatabaseError that
    says so. SQLite rolls the transaction back by itself on these errors; peewee's own rollback of
    it then fails ("no transaction is active") and would hide the cause, so that one is let pass."""

    def execute_sql(self, sql, params=None):
        try:
            return super().execute_sql(sql, params)
        except pw.OperationalError as exc:
            if sql.startswith("ROLLBACK TO SAVEPOINT") and "no such savepoint" in str(exc):
                return None  # the whole transaction is already rolled back
            error = write_error(exc, self.path)
            if error is None:
                raise
            raise error from exc

    def rollback(self):
        try:
            super().rollback()
        except pw.OperationalError as exc:
            if "no transaction is active" not in str(exc):
                raise


def write_error(exc: Exception, path: Path) -> DatabaseError | None:
    """The DatabaseError for a full disk, a read-only file or an I/O error (None for other errors);
    for code that runs SQL on the raw connection (executemany)."""
    text = str(exc).lower()
    if "disk is full" in text or "disk full" in text:
        return DatabaseError(f"磁盘已满，无法写入数据库，本次操作未保存：{path}")
    if "readonly" in text or "read-only" in text:
        return DatabaseError(f"数据库文件只读（或所在文件夹不可写），本次操作未保存：{path}")
    if "disk i/o error" in text:
        return DatabaseError(f"读写数据库文件出错（磁盘故障或文件被移走），本次操作未保存：{path}")
    return None


class GridDatabase(_WriteErrors, pw.SqliteDatabase):
    """SQLite with our pragmas; ``path`` is the file it was opened on."""

    def __init__(self, path: str | Path, **kwargs):
        self.path = Path(path)
        super().__init__(str(path), pragmas=SQLITE_PRAGMAS, check_same_thread=False, **kwargs)


class GridPostgresDatabase(pw.PostgresqlDatabase):
    """Networked mode: one PostgreSQL server for a township's clients. ``path`` is the URL
    without its password, for display."""

    def __init__(self, url: str, **kwargs):
        from playhouse.db_url import parse

        params = parse(url)
        name = params.pop("database")
        self.url = url
        self.path = _redact(url)
        super().__init__(name, **params, **kwargs)


def _redact(url: str) -> str:
    import re

    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


def write_transaction():
    """A transaction that takes the write lock at its start (SQLite ``BEGIN IMMEDIATE``), so
    read-then-write sequences such as numbering never deadlock or lose an update; on PostgreSQL
    a plain transaction (callers lock rows with ``FOR UPDATE``)."""
    db = database.obj
    if is_postgres(db):
        return db.atomic()
    if db.transaction_depth() > 0:
        return db.atomic()
    return db.atomic("IMMEDIATE")


def resolve_target(target: str | os.PathLike | None) -> str:
    """--db argument, else GRIDAPP_DB, else the per-user default file."""
    if target:
        return str(target)
    env = os.environ.get("GRIDAPP_DB")
    if env:
        return env
    return str(default_db_path())


def is_url(target: str) -> bool:
    return "://" in str(target)


def open_database(target: str | os.PathLike | None = None, *, create: bool = True,
                  migrate: bool = True, passphrase: str | None = None) -> pw.Database:
    """Open (and with ``create``, create) the database and bind the models to it.

    With ``passphrase`` the file is a SQLCipher database (gridapp.crypto), created encrypted.
    Raises ``DatabaseError`` for everything a person can get wrong or meet on a bad day.
    """
    target = resolve_target(target)
    if is_url(target):
        if target.startswith(("postgresql://", "postgres://")):
            return _open_postgres(target, migrate=migrate)
        raise DatabaseError(f"无法识别的数据库地址：{target}")
    path = Path(target).expanduser()
    if path.is_dir():
        raise DatabaseError(f"数据库路径是一个文件夹，不是文件：{path}")
    if not path.exists():
        if not create:
            raise DatabaseError(f"数据库文件不存在：{path}")
        if not path.parent.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(f"无法创建数据库所在的文件夹 {path.parent}：{exc.strerror or exc}") from exc
    elif passphrase:
        if not crypto.looks_encrypted(path) and path.stat().st_size:
            raise DatabaseError(f"该数据库没有加密，打开时不需要口令：{path}")
    else:
        _check_sqlite_header(path)
    db = CipherDatabase(path, passphrase) if passphrase else GridDatabase(path)
    try:
        db.connect(reuse_if_open=True)
        if passphrase:
            db.execute_sql("SELECT count(*) FROM sqlite_master")
    except (pw.DatabaseError, *crypto.module_errors()) as exc:
        if passphrase and "not a database" in str(exc):
            db.close()
            raise DatabaseError(f"数据库口令错误，或文件已损坏：{path}") from exc
        raise _translate(exc, path) from exc
    database.initialize(db)
    try:
        if migrate:
            migrations.upgrade(db)
        else:
            migrations.ensure_not_newer(db)
    except DatabaseError:
        db.close()
        raise
    except (pw.OperationalError, pw.DatabaseError, sqlite3.DatabaseError) as exc:
        db.close()
        raise _translate(exc, path) from exc
    return db


def CipherDatabase(path: Path, passphrase: str) -> pw.Database:  # noqa: N802 - a class made lazily
    """An encrypted SQLite database with our pragmas (the sqlcipher3 extra must be installed)."""
    cls = type("GridCipherDatabase", (_WriteErrors, crypto.database_class()), {})
    db = cls(str(path), passphrase=passphrase, pragmas=(("cipher_log_level", "NONE"), *SQLITE_PRAGMAS),
             check_same_thread=False)
    db.path = Path(path)
    return db


def require_encryption_support() -> None:
    """Raise a clear DatabaseError when the optional sqlcipher3 package is missing."""
    crypto.require()


def passphrase_of(db: pw.Database | None = None) -> str | None:
    """The passphrase an open encrypted database was opened with (None for a plain file)."""
    db = db or database.obj
    return getattr(db, "connect_params", {}).get("passphrase") or None


def _open_postgres(url: str, *, migrate: bool) -> pw.Database:
    try:
        import psycopg2  # noqa: F401
    except ImportError as exc:
        raise DatabaseError("联网模式需要 PostgreSQL 驱动：pip install \"gridapp[postgres]\"") from exc
    db = GridPostgresDatabase(url)
    try:
        db.connect(reuse_if_open=True)
    except pw.DatabaseError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DatabaseError(f"无法连接数据库服务器 {db.path}：{first}") from exc
    database.initialize(db)
    try:
        if migrate:
            migrations.upgrade(db)
        else:
            migrations.ensure_not_newer(db)
    except DatabaseError:
        db.close()
        raise
    except pw.DatabaseError as exc:
        db.close()
        raise DatabaseError(f"数据库服务器上的结构无法升级：{exc}") from exc
    return db


def close_database() -> None:
    db = database.obj
    if db is not None and not db.is_closed():
        db.close()


def _check_sqlite_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except PermissionError as exc:
        raise DatabaseError(f"没有权限读取数据库文件：{path}") from exc
    except OSError as exc:
        raise DatabaseError(f"无法读取数据库文件 {path}：{exc.strerror or exc}") from exc
    if head and head != b"SQLite format 3\x00":
        hint = "，或是需要口令的加密数据库" if len(head) == 16 else ""
        raise DatabaseError(f"该文件不是网格通数据库{hint}：{path}")


def _translate(exc: Exception, path: Path) -> DatabaseError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseError(f"数据库正被其他程序占用（已锁定），请稍后重试：{path}")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseError(f"数据库文件已损坏或不是网格通数据库：{path}")
    if "readonly" in text or "read-only" in text:
        return DatabaseError(f"数据库文件只读，无法写入：{path}")
    if "unable to open" in text:
        return DatabaseError(f"无法打开数据库文件：{path}")
    if "disk" in text and "full" in text:
        return DatabaseError(f"磁盘已满，无法写入数据库：{path}")
    return DatabaseError(f"无法打开数据库 {path}：{exc}")


# --------------------------------------------------------------------------- check
@dataclass(frozen=True)
class CheckResult:
    ok: bool
    problems: tuple[str, ...]
    counts: dict


def check(db: pw.Database | None = None, *, quick: bool = False) -> CheckResult:
    """SQLite's integrity check plus our own consistency rules."""
    db = db or database.obj
    try:
        return _check(db, quick)
    except (pw.DatabaseError, sqlite3.DatabaseError) as exc:
        return CheckResult(ok=False, problems=(f"数据库已损坏：{exc}",), counts={})


def _check(db: pw.Database, quick: bool) -> CheckResult:
    problems: list[str] = []
    if not is_postgres(db):  # the server checks its own pages and foreign keys
        pragma = "quick_check" if quick else "integrity_check"
        rows = [r[0] for r in db.execute_sql(f"PRAGMA {pragma}").fetchall()]
        if rows != ["ok"]:
            problems.extend(f"SQLite {pragma}: {r}" for r in rows[:20])
        fk = db.execute_sql("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"外键不一致的记录 {len(fk)} 条（如表 {fk[0][0]}）")
    for message, sql in _CONSISTENCY_RULES:
        n = db.execute_sql(sql).fetchone()[0]
        if n:
            problems.append(message.format(n=n))
    counts = {
        name: db.execute_sql(f"SELECT count(*) FROM {name} WHERE deleted_at IS NULL").fetchone()[0]
        for name in ("household", "person", "visit", "event")
    }
    return CheckResult(ok=not problems, problems=tuple(problems), counts=counts)


_CONSISTENCY_RULES = (
    ("{n} 户没有户主",
     "SELECT count(*) FROM household h WHERE h.deleted_at IS NULL AND NOT EXISTS ("
     "SELECT 1 FROM person p WHERE p.household_id = h.id AND p.is_head AND p.deleted_at IS NULL)"),
    ("{n} 户有不止一位户主",
     "SELECT count(*) FROM (SELECT household_id FROM person WHERE is_head AND deleted_at IS NULL "
     "AND household_id IS NOT NULL GROUP BY household_id HAVING count(*) > 1) AS t"),
    ("{n} 人属于已删除的户",
     "SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id "
     "WHERE p.deleted_at IS NULL AND h.deleted_at IS NOT NULL"),
    ("{n} 个公民身份号码在在册人员中重复",
     "SELECT count(*) FROM (SELECT id_number FROM person WHERE deleted_at IS NULL AND id_number IS NOT NULL "
     "GROUP BY id_number HAVING count(*) > 1) AS t"),
    ("{n} 条事件编号与其乡镇不符",
     "SELECT count(*) FROM event WHERE substr(number, 1, 9) != township_code"),
)


# --------------------------------------------------------------------------- backup
def backup_dir(db: pw.Database | None = None) -> Path:
    db = db or database.obj
    return Path(db.path).parent / "backups"


def backup(target: str | os.PathLike | None = None, *, db: pw.Database | None = None,
           keep_daily: int = 7, keep_weekly: int = 4,
           on_progress=lambda done, total: None, is_cancelled=lambda: False) -> Path:
    """Copy the live database with SQLite's online backup API into ``target``.

    Without a target the copy goes to ``backups/`` beside the database, named by time, and the
    folder is rotated (``keep_daily`` newest days, ``keep_weekly`` newest weeks). The copy is
    written to a temporary name first and renamed when complete, so a cancelled or failed backup
    leaves nothing under the target name.
    """
    from gridapp.errors import Cancelled

    db = db or database.obj
    if is_postgres(db):
        raise DatabaseError("联网模式的数据库请在服务器上用 pg_dump 备份（见 README“乡镇服务器”一节）")
    rotate = target is None
    if target is None:
        folder = backup_dir(db)
        stamp = now().strftime("%Y%m%d-%H%M%S")
        target = folder / f"gridapp-{stamp}.sqlite3"
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"无法创建备份文件夹 {target.parent}：{exc.strerror or exc}") from exc
    tmp = target.with_name(target.name + ".part")
    key = passphrase_of(db)
    src = crypto.connect(db.path, key)
    try:
        dest = crypto.connect(tmp, key)
        try:
            def progress(status, remaining, total):
                on_progress(total - remaining, total)
                if is_cancelled():
                    raise Cancelled()
            src.backup(dest, pages=2048, progress=progress)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        os.replace(tmp, target)
    except Cancelled:
        _unlink(tmp)
        raise
    except (OSError, *crypto.module_errors()) as exc:
        _unlink(tmp)
        text = str(exc)
        if "full" in text.lower() or getattr(exc, "errno", None) == 28:
            raise DatabaseError(f"磁盘已满，备份未完成：{target}") from exc
        if isinstance(exc, PermissionError) or getattr(exc, "errno", None) in (errno.EROFS, errno.EACCES) \
                or "readonly" in text.lower() or "read-only" in text.lower():
            raise DatabaseError(f"备份文件夹不可写：{target.parent}") from exc
        raise DatabaseError(f"备份失败：{text}") from exc
    finally:
        src.close()
    if rotate:
        rotate_backups(target.parent, keep_daily=keep_daily, keep_weekly=keep_weekly)
    return target


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def rotate_backups(folder: Path, *, keep_daily: int = 7, keep_weekly: int = 4) -> list[Path]:
    """Keep the newest backup of each of the last ``keep_daily`` days and of ``keep_weekly``
    earlier ISO weeks; delete the rest. Returns the files kept, newest first. Only automatic
    backups (``gridapp-YYYYmmdd-HHMMSS.sqlite3``) rotate: any other file is left alone."""
    files = sorted(folder.glob("gridapp-*.sqlite3"), reverse=True)
    dated: list[Path] = []
    keep: list[Path] = []
    days: set[dt.date] = set()
    weeks: set[tuple[int, int]] = set()
    weekly = 0
    for f in files:
        try:
            stamp = dt.datetime.strptime(f.stem[len("gridapp-"):], "%Y%m%d-%H%M%S")
        except ValueError:
            continue
        dated.append(f)
        day, week = stamp.date(), stamp.isocalendar()[:2]
        if day not in days and len(days) < keep_daily:
            days.add(day)
            weeks.add(week)
            keep.append(f)
        elif week not in weeks and weekly < keep_weekly:
            weeks.add(week)
            weekly += 1
            keep.append(f)
    for f in dated:
        if f not in keep:
            _unlink(f)
    return keep


# Up to this size a backup is verified with the full integrity_check before a restore; above it
# with quick_check (every page, without comparing indexes to tables): on the 300k-household county
# (2.3 GB) integrity_check takes about 3 minutes, quick_check about 17 s.
VERIFY_FULL_LIMIT = 256 * 1024 * 1024


def verify_backup(path: str | os.PathLike, passphrase: str | None = None, *, thorough: bool | None = None) -> dict:
    """Check a backup file before restoring it: header, integrity, schema version, counts.
    ``thorough`` None: the full integrity_check up to VERIFY_FULL_LIMIT, quick_check above."""
    path = Path(path)
    if not path.is_file():
        raise DatabaseError(f"备份文件不存在：{path}")
    if not passphrase:
        _check_sqlite_header(path)
    if thorough is None:
        thorough = path.stat().st_size <= VERIFY_FULL_LIMIT
    try:
        con = crypto.connect(path, passphrase, readonly=True)
        try:
            pragma = "integrity_check" if thorough else "quick_check"
            if con.execute(f"PRAGMA {pragma}").fetchone()[0] != "ok":
                raise DatabaseError(f"备份文件已损坏：{path}")
            version = migrations.read_version(con)
            if version is None:
                raise DatabaseError(f"该文件不是网格通数据库：{path}")
            if version > migrations.LATEST:
                raise DatabaseError(f"备份来自更新版本的网格通（结构版本 {version}），请先升级程序")
            counts = {t: con.execute(f"SELECT count(*) FROM {t} WHERE deleted_at IS NULL").fetchone()[0]
                      for t in ("household", "person", "visit", "event")}
        finally:
            con.close()
    except crypto.module_errors() as exc:
        hint = "口令错误，或" if passphrase else ""
        raise DatabaseError(f"备份文件{hint}已损坏或不是网格通数据库：{path}") from exc
    stat = path.stat()
    return {"path": str(path), "schema_version": version, "counts": counts,
            "modified": dt.datetime.fromtimestamp(stat.st_mtime).replace(microsecond=0),
            "size": stat.st_size}


def restore(backup_path: str | os.PathLike, *, db_path: str | os.PathLike | None = None,
            passphrase: str | None = None) -> dict:
    """Replace the database with a verified backup, keeping the current file as a backup first.

    The current file is kept as ``backups/gridapp-<time>-before-restore.sqlite3`` (never rotated
    away), or, when it is damaged, moved there as it is under ``…-damaged.sqlite3``. An encrypted
    database is restored from a backup encrypted with the same ``passphrase``.
    """
    if is_url(str(db_path)) if db_path is not None else is_postgres():
        raise DatabaseError("联网模式的数据库请在服务器上用 pg_restore 恢复（见 README“乡镇服务器”一节）")
    info = verify_backup(backup_path, passphrase)
    current = Path(db_path) if db_path else Path(database.obj.path)
    if current.exists():
        info["previous_kept_as"] = str(_keep_current(current, passphrase))
    close_database()
    tmp = current.with_name(current.name + ".restoring")
    try:
        src = crypto.connect(backup_path, passphrase, readonly=True)
        try:
            dest = crypto.connect(tmp, passphrase)
            try:
                src.backup(dest)
            finally:
                dest.close()
        finally:
            src.close()
        for suffix in ("-wal", "-shm"):
            _unlink(Path(str(current) + suffix))
        os.replace(tmp, current)
    except (OSError, *crypto.module_errors()) as exc:
        _unlink(tmp)
        if "full" in str(exc).lower() or getattr(exc, "errno", None) == 28:
            raise DatabaseError(f"磁盘已满，恢复未完成，当前数据库未改动：{current}") from exc
        raise DatabaseError(f"恢复失败，当前数据库未改动：{exc}") from exc
    open_database(current, passphrase=passphrase)
    return info


def _keep_current(current: Path, passphrase: str | None) -> Path:
    folder = current.parent / "backups"
    stamp = now().strftime("%Y%m%d-%H%M%S")
    open_now = database.obj is not None and not database.obj.is_closed() \
        and Path(getattr(database.obj, "path", "")) == current
    try:
        if not open_now:
            open_database(current, migrate=False, passphrase=passphrase)
        damaged = database.obj.execute_sql("PRAGMA quick_check").fetchone()[0] != "ok"
    except (DatabaseError, pw.DatabaseError, *crypto.module_errors()):
        damaged = True
    if not damaged:
        return backup(folder / f"gridapp-{stamp}-before-restore.sqlite3", db=database.obj)
    close_database()
    target = folder / f"gridapp-{stamp}-damaged.sqlite3"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            os.replace(str(current) + "-wal", str(target) + "-wal")
        os.replace(current, target)
    except OSError as exc:
        raise DatabaseError(f"无法保留已损坏的数据库文件 {current}：{exc.strerror or exc}") from exc
    _unlink(Path(str(current) + "-shm"))
    return target
