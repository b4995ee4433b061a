"""The schema migration ladder.

``STEPS`` is append-only: step N brings a database from version N-1 to N, and each step runs in
one transaction together with the update of the ``schema_version`` row. A database whose version
is higher than ``LATEST`` was written by a newer gridapp and is refused.
"""
from __future__ import annotations

import peewee as pw

from gridapp import dialect
from gridapp import models as m
from gridapp.errors import DatabaseError

# Full-text indexes over tokens prepared by gridapp.text.tokens(): one token per CJK character,
# so a phrase query matches any substring of a name or an address, even one or two characters
# long (a trigram index can't). External content: the tokens live in the main tables.
_FTS_SQL = [
    "CREATE VIRTUAL TABLE person_fts USING fts5(name_tokens, content='person', content_rowid='id')",
    "CREATE TRIGGER person_fts_ai AFTER INSERT ON person BEGIN "
    "INSERT INTO person_fts(rowid, name_tokens) VALUES (new.id, new.name_tokens); END",
    "CREATE TRIGGER person_fts_ad AFTER DELETE ON person BEGIN "
    "INSERT INTO person_fts(person_fts, rowid, name_tokens) VALUES ('delete', old.id, old.name_tokens); END",
    "CREATE TRIGGER person_fts_au AFTER UPDATE OF name_tokens ON person BEGIN "
    "INSERT INTO person_fts(person_fts, rowid, name_tokens) VALUES ('delete', old.id, old.name_tokens); "
    "INSERT INTO person_fts(rowid, name_tokens) VALUES (new.id, new.name_tokens); END",
    "CREATE VIRTUAL TABLE household_fts USING fts5(addr_tokens, content='household', content_rowid='id')",
    "CREATE TRIGGER household_fts_ai AFTER INSERT ON household BEGIN "
    "INSERT INTO household_fts(rowid, addr_tokens) VALUES (new.id, new.addr_tokens); END",
    "CREATE TRIGGER household_fts_ad AFTER DELETE ON household BEGIN "
    "INSERT INTO household_fts(household_fts, rowid, addr_tokens) VALUES ('delete', old.id, old.addr_tokens); END",
    "CREATE TRIGGER household_fts_au AFTER UPDATE OF addr_tokens ON household BEGIN "
    "INSERT INTO household_fts(household_fts, rowid, addr_tokens) VALUES ('delete', old.id, old.addr_tokens); "
    "INSERT INTO household_fts(rowid, addr_tokens) VALUES (new.id, new.addr_tokens); END",
]

_AUDIT_SQL = [
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN "
    "SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN "
    "SELECT RAISE(ABORT, 'audit_log is append-only'); END",
]

# Partial unique index: an ID number is unique among live records only.
_UNIQUE_SQL = [
    "CREATE UNIQUE INDEX person_live_id_number ON person(id_number) "
    "WHERE deleted_at IS NULL AND id_number IS NOT NULL",
    "CREATE UNIQUE INDEX household_live_number ON household(village_code, number) "
    "WHERE deleted_at IS NULL",
]


# PostgreSQL: the same token columns, indexed as arrays (GIN); a search takes the rows whose
# token array contains every character of the query, then checks the substring itself.
_PG_SEARCH_SQL = [
    "CREATE INDEX person_name_tokens_gin ON person USING gin (string_to_array(name_tokens, ' '))",
    "CREATE INDEX household_addr_tokens_gin ON household USING gin (string_to_array(addr_tokens, ' '))",
]
_PG_AUDIT_SQL = [
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$ BEGIN "
    "RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
]


def _step1(db: pw.Database) -> None:
    db.create_tables(m.ALL_MODELS, safe=False)
    extra = _PG_SEARCH_SQL + _PG_AUDIT_SQL if dialect.is_postgres(db) else _FTS_SQL + _AUDIT_SQL
    for sql in extra + _UNIQUE_SQL:
        db.execute_sql(sql)


STEPS = [_step1]
LATEST = len(STEPS)


def read_version(con) -> int | None:
    """The schema version of a DB-API connection or peewee database, or None if not ours."""
    if isinstance(con, pw.Database):
        execute, tables = con.execute_sql, dialect.table_names(con)
    else:
        execute = con.execute
        tables = {r[0] for r in execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()}
    if "schema_version" not in tables:
        return None if tables else 0
    row = execute("SELECT max(version) FROM schema_version").fetchone()
    return row[0] or 0


def ensure_not_newer(db: pw.Database) -> int:
    version = read_version(db)
    if version is None:
        raise DatabaseError(f"该文件不是网格通数据库：{getattr(db, 'path', db.database)}")
    if version > LATEST:
        raise DatabaseError(
            f"该数据库由更新版本的网格通创建（结构版本 {version}，本程序支持到 {LATEST}），请先升级程序。")
    return version


# PostgreSQL advisory lock held by the transaction of a step: clients of one server that start at
# the same time upgrade one after the other, and the later ones find the step done.
_PG_UPGRADE_LOCK = 4207281


def upgrade(db: pw.Database) -> int:
    """Bring the schema up to ``LATEST``; returns the version found before."""
    version = ensure_not_newer(db)
    for number in range(version + 1, LATEST + 1):
        with db.atomic():
            if dialect.is_postgres(db):
                db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (_PG_UPGRADE_LOCK,))
                if (read_version(db) or 0) >= number:
                    continue
            STEPS[number - 1](db)
            m.SchemaVersion.delete().execute()
            m.SchemaVersion.create(version=number)
    return version
