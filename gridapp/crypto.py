"""Optional encryption at rest with SQLCipher (``pip install gridapp[encrypt]``: the ``sqlcipher3``
package, which ships wheels for Windows and Linux).

An encrypted database is a SQLCipher file keyed by a passphrase typed at start. Everything else
works the same: ``gridapp.db.open_database(path, passphrase=...)`` binds the models to a
``CipherDatabase``; backups are encrypted with the same key; ``connect()`` opens a plain DB-API
connection to either kind of file for backup, verification and the startup check.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from gridapp.errors import DatabaseError, ValidationError

SQLITE_HEADER = b"SQLite format 3\x00"
MIN_PASSPHRASE = 8
INSTALL_HINT = "加密数据库需要 sqlcipher3 组件：请安装 gridapp[encrypt]（pip install sqlcipher3）"


def available() -> bool:
    try:
        import sqlcipher3  # noqa: F401
    except ImportError:
        return False
    return True


def require() -> None:
    if not available():
        raise DatabaseError(INSTALL_HINT)


def check_passphrase(passphrase: str | None) -> str:
    """A new passphrase: at least 8 characters, not blank."""
    if not passphrase or not passphrase.strip():
        raise ValidationError("请输入数据库口令", field="passphrase")
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(f"数据库口令至少 {MIN_PASSPHRASE} 位", field="passphrase")
    return passphrase


def looks_encrypted(path: str | os.PathLike) -> bool:
    """A non-empty file whose first bytes are not SQLite's header (SQLCipher encrypts them)."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError:
        return False
    return len(head) == 16 and head != SQLITE_HEADER


def _key(con, passphrase: str) -> None:
    con.execute("PRAGMA key = '%s'" % passphrase.replace("'", "''"))


def connect(path: str | os.PathLike, passphrase: str | None = None, *, readonly: bool = False):
    """A DB-API connection to a plain (stdlib sqlite3) or encrypted (sqlcipher3) file.

    Errors from a wrong passphrase surface on the first statement as ``DatabaseError``
    ("file is not a database") of the module used; ``module_errors()`` lists both.
    """
    uri = f"file:{Path(path)}?mode=ro" if readonly else None
    if not passphrase:
        return sqlite3.connect(uri or str(path), uri=readonly)
    require()
    from sqlcipher3 import dbapi2 as sqlcipher

    con = sqlcipher.connect(uri or str(path), uri=readonly)
    try:
        con.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our error, not a log line
        _key(con, passphrase)
    except Exception:
        con.close()
        raise
    return con


def module_errors() -> tuple[type[BaseException], ...]:
    """The DatabaseError classes of stdlib sqlite3 and (when installed) sqlcipher3."""
    errors: list[type[BaseException]] = [sqlite3.DatabaseError]
    if available():
        from sqlcipher3 import dbapi2 as sqlcipher

        errors.append(sqlcipher.DatabaseError)
    return tuple(errors)


def database_class():
    """The peewee database class for encrypted files (imported lazily: the extra is optional)."""
    require()
    from playhouse.sqlcipher_ext import SqlCipherDatabase

    return SqlCipherDatabase


def encrypt_file(path: str | os.PathLike, passphrase: str) -> None:
    """Encrypt an existing plain database in place (the 设置 option and ``init --encrypt`` on an
    existing file). The encrypted copy is written beside it and renamed over it when complete, so
    an interruption leaves the plain file as it was."""
    require()
    check_passphrase(passphrase)
    path = Path(path)
    if looks_encrypted(path):
        raise DatabaseError(f"该数据库已经加密：{path}")
    tmp = path.with_name(path.name + ".encrypting")
    with contextlib.suppress(OSError):
        tmp.unlink()
    con = connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    from sqlcipher3 import dbapi2 as sqlcipher

    con = sqlcipher.connect(str(path))
    try:
        con.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(tmp), passphrase))
        con.execute("SELECT sqlcipher_export('encrypted')")
        version = con.execute("PRAGMA user_version").fetchone()[0]
        con.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        con.execute("DETACH DATABASE encrypted")
    except Exception:
        con.close()
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    con.close()
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(str(path) + suffix).unlink()
    os.replace(tmp, path)
