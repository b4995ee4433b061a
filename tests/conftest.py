"""Shared fixtures. Qt runs offscreen everywhere (set before anything imports Qt)."""
from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("GRIDAPP_DATA_DIR", os.path.join(os.path.dirname(__file__), ".." , "build", "test-data"))

import pytest  # noqa: E402


BACKENDS = ["sqlite"] + (["postgres"] if os.environ.get("GRIDAPP_TEST_PG") else [])


def _fresh_postgres(url: str) -> str:
    """Empty the test server's schema so each test starts from nothing."""
    import peewee as pw
    from playhouse.db_url import parse

    params = parse(url)
    name = params.pop("database")
    server = pw.PostgresqlDatabase(name, **params)
    server.connect()
    server.execute_sql("DROP SCHEMA IF EXISTS public CASCADE")
    server.execute_sql("CREATE SCHEMA public")
    server.close()
    return url


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path, monkeypatch):
    """A fresh database with reference data (the 大冶 divisions and code tables): a SQLite file,
    and a PostgreSQL schema too when GRIDAPP_TEST_PG names a server."""
    from gridapp import db as gdb
    from gridapp import refdata

    monkeypatch.setenv("GRIDAPP_DATA_DIR", str(tmp_path / "data"))
    if request.param == "postgres":
        target = _fresh_postgres(os.environ["GRIDAPP_TEST_PG"])
    else:
        target = tmp_path / "test.sqlite3"
    database = gdb.open_database(target)
    refdata.load_county("420281")
    refdata.load_codes()
    refdata.load_defaults()
    yield database
    gdb.close_database()
