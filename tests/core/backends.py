"""Backend-specific tests. The ``db`` fixture runs every core test on SQLite and, when
GRIDAPP_TEST_PG names a server, on PostgreSQL; service behaviour must be the same on both. A test
of a feature of the SQLite file itself (FTS internals, PRAGMAs, file backups, a second connection
to the file) says so with ``sqlite_only`` and is skipped on PostgreSQL with that reason."""
from __future__ import annotations

import os

import pytest

from gridapp import dialect

PG_URL = os.environ.get("GRIDAPP_TEST_PG")


def sqlite_only(feature: str) -> None:
    """Skip the running test on PostgreSQL: ``feature`` belongs to the SQLite file."""
    if dialect.is_postgres():
        pytest.skip(f"SQLite file feature: {feature}")


def postgres_only(feature: str) -> None:
    if not dialect.is_postgres():
        pytest.skip(f"PostgreSQL feature: {feature}")
