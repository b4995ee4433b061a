"""Shared fixtures. Qt runs offscreen everywhere (set before anything imports Qt)."""
from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("GRIDAPP_DATA_DIR", os.path.join(os.path.dirname(__file__), ".." , "build", "test-data"))

import pytest  # noqa: E402


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A fresh file database with reference data (the 大冶 divisions and code tables)."""
    from gridapp import db as gdb
    from gridapp import refdata

    monkeypatch.setenv("GRIDAPP_DATA_DIR", str(tmp_path / "data"))
    database = gdb.open_database(tmp_path / "test.sqlite3")
    refdata.load_county("420281")
    refdata.load_codes()
    refdata.load_defaults()
    yield database
    gdb.close_database()
