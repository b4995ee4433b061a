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


@pytest.fixture
def visit_world(db):
    """A small world for the visit and event tests (issue 4), built straight on the models.

    Grids g1, g2 in 土桥村 and g3 in 马坪村 (金山店镇 420281103), g4 in 大箕铺街社区 (大箕铺镇);
    actors: worker1 (g1), worker2 (g2), village (土桥村), township (金山店镇), county (大冶),
    other_township (大箕铺镇), admin (系统管理员). Factories: household(), person(), tag(), place()
    take the grid and optional dates; ``created`` back-dates a record (the never-visited base).
    """
    import datetime as dt
    from types import SimpleNamespace

    from gridapp import models as m
    from gridapp import text
    from gridapp.services.actor import actor_for

    def user(login, role, scope):
        return m.User.create(login=login, display_name=login, role=role, scope_code=scope)

    users = {
        "worker1": user("worker1", "grid_worker", "420281103200"),
        "worker2": user("worker2", "grid_worker", "420281103200"),
        "worker4": user("worker4", "grid_worker", "420281109001"),
        "village": user("village", "village_admin", "420281103200"),
        "township": user("township", "township", "420281103"),
        "county": user("county", "township", "420281"),
        "other_township": user("other_township", "township", "420281109"),
        "admin": user("admin", "sysadmin", None),
    }

    def grid(code, name, village, worker):
        return m.Grid.create(code=code, name=name, village_code=village, township_code=village[:9],
                             county_code=village[:6], worker=worker)

    g1 = grid("42028110320001", "土桥一网格", "420281103200", users["worker1"])
    g2 = grid("42028110320002", "土桥二网格", "420281103200", users["worker2"])
    g3 = grid("42028110320101", "马坪一网格", "420281103201", None)
    g4 = grid("42028110900101", "大箕铺一网格", "420281109001", users["worker4"])
    counter = iter(range(1, 100000))

    def _at(day):
        return dt.datetime.combine(day, dt.time(9, 0)) if day else m.now()

    def scope(g):
        return dict(grid=g, village_code=g.village_code, township_code=g.township_code,
                    county_code=g.county_code)

    def household(g, head="户主", created=None, address="土桥村1号"):
        n = next(counter)
        h = m.Household.create(number=f"H{n:05d}", address=address, addr_tokens=text.tokens(address),
                               created_at=_at(created), **scope(g))
        person(g, head, household=h, is_head=True, created=created)
        return h

    def person(g, name="张三", household=None, is_head=False, residence="户籍在册", created=None):
        pinyin, initials = text.pinyin_keys(name)
        return m.Person.create(name=name, name_tokens=text.tokens(name), pinyin=pinyin, initials=initials,
                               household=household, is_head=is_head, residence=residence,
                               relation="02" if is_head else "20", created_at=_at(created), **scope(g))

    def tag(p, category, attention="02", since=dt.date(2020, 1, 1), until=None):
        return m.PersonTag.create(person=p, category=category, attention=attention, since=since, until=until)

    def place(g, category="沿街店铺", name="好又多超市", created=None):
        return m.Place.create(category=category, name=name, address="土桥村街上", created_at=_at(created),
                              **scope(g))

    actors = SimpleNamespace(**{k: actor_for(u) for k, u in users.items()})
    return SimpleNamespace(users=users, actors=actors, g1=g1, g2=g2, g3=g3, g4=g4, household=household,
                           person=person, tag=tag, place=place)


ENCRYPTED_DB_KEY = "test-passphrase-1"


def _reference_db(tmp_path, monkeypatch, backend: str):
    from gridapp import db as gdb
    from gridapp import refdata

    monkeypatch.setenv("GRIDAPP_DATA_DIR", str(tmp_path / "data"))
    if backend == "postgres":
        database = gdb.open_database(_fresh_postgres(os.environ["GRIDAPP_TEST_PG"]))
    elif backend == "encrypted":
        pytest.importorskip("sqlcipher3")
        database = gdb.open_database(tmp_path / "test.sqlite3", passphrase=ENCRYPTED_DB_KEY)
    else:
        database = gdb.open_database(tmp_path / "test.sqlite3")
    refdata.load_county("420281")
    refdata.load_codes()
    refdata.load_defaults()
    return database


@pytest.fixture
def encrypted_db(tmp_path, monkeypatch):
    """Like ``db``, on a SQLCipher-encrypted file (passphrase ``ENCRYPTED_DB_KEY``): for the tests
    that must hold on an encrypted database too (issue 6)."""
    from gridapp import db as gdb

    yield _reference_db(tmp_path, monkeypatch, "encrypted")
    gdb.close_database()


@pytest.fixture(params=BACKENDS + ["encrypted"])
def any_db(request, tmp_path, monkeypatch):
    """``db`` on every backend, and on an encrypted SQLite file as well."""
    from gridapp import db as gdb

    yield _reference_db(tmp_path, monkeypatch, request.param)
    gdb.close_database()


def pytest_collection_modifyitems(config, items):
    """PostgreSQL runs the core tests (tests/core) only: the UI tests drive the same services, on
    SQLite, and would double the run's time for nothing new."""
    if "postgres" not in BACKENDS:
        return
    ui_on_pg = [item for item in items if item.nodeid.startswith("tests/ui/")
                and "postgres" in getattr(getattr(item, "callspec", None), "params", {}).values()]
    if ui_on_pg:
        config.hook.pytest_deselected(items=ui_on_pg)
        dropped = set(ui_on_pg)
        items[:] = [item for item in items if item not in dropped]
