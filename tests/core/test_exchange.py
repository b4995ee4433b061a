"""Exchange packages between two village stations and their township (issue 8).

Three database files — township T (大箕铺镇), station A (大箕铺街社区) and station B (熊家洲社区) —
each with its own attachment folder. ``on(site)`` binds the models to one of them at a time.
Records are compared by uid across databases, every field except local integer ids.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from gridapp import db as gdb
from gridapp import refdata
from gridapp.errors import PermissionDenied, ValidationError
from gridapp.exchange.package import tables
from gridapp.models import (
    AuditLog, Event, EventAction, EventSequence, ExchangeConflict, Household, Person, PersonTag, User, Visit,
    VisitRule, database,
)
from gridapp.services import events, exchange, grids, households, visits
from gridapp.services.actor import GRID_WORKER, TOWNSHIP, VILLAGE_ADMIN, actor_for, system_actor
from gridapp.services.people import PersonInput, TagInput

TOWN = "420281109"
VILLAGE_A = "420281109001"
VILLAGE_B = "420281109002"
SECRET_A = "secret-of-station-a-0001"
SECRET_B = "secret-of-station-b-0002"


@dataclass
class Site:
    name: str
    path: Path
    data: Path


@contextlib.contextmanager
def on(site: Site):
    """Bind the models (and the attachment folder) to one site's database for the block."""
    previous = os.environ.get("GRIDAPP_DATA_DIR")
    os.environ["GRIDAPP_DATA_DIR"] = str(site.data)
    gdb.open_database(site.path)
    try:
        yield
    finally:
        gdb.close_database()
        if previous is None:
            os.environ.pop("GRIDAPP_DATA_DIR", None)
        else:
            os.environ["GRIDAPP_DATA_DIR"] = previous


def id_number(birth: str, seq: int) -> str:
    body = f"420281{birth}{seq:03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


def _user(login: str, name: str, role: str, scope: str):
    user = User.create(login=login, display_name=name, role=role, scope_code=scope)
    return actor_for(user)


class World:
    """T, A and B, set up as a township and its two stations."""

    def __init__(self, root: Path):
        self.root = root
        self.T = Site("T", root / "t.sqlite3", root / "t-data")
        self.A = Site("A", root / "a.sqlite3", root / "a-data")
        self.B = Site("B", root / "b.sqlite3", root / "b-data")
        for site in (self.T, self.A, self.B):
            with on(site):
                refdata.load_county("420281")
                refdata.load_codes()
                refdata.load_defaults()
        system = system_actor()
        with on(self.T):
            exchange.setup_station(system, "T109", "大箕铺镇综治中心", township_code=TOWN)
            exchange.register_peer(system, "A001", "大箕铺街社区服务站", VILLAGE_A, SECRET_A)
            exchange.register_peer(system, "B002", "熊家洲社区服务站", VILLAGE_B, SECRET_B)
            _user("clerk", "乡镇综治员", TOWNSHIP, TOWN)
        for site, sid, village, secret, admin in ((self.A, "A001", VILLAGE_A, SECRET_A, "admin_a"),
                                                  (self.B, "B002", VILLAGE_B, SECRET_B, "admin_b")):
            with on(site):
                exchange.setup_station(system, sid, f"{site.name}站", village_code=village, secret=secret)
                exchange.register_peer(system, "T109", "大箕铺镇综治中心", TOWN)
                _user(admin, f"{site.name}管理员", VILLAGE_ADMIN, village)
        self.n = 0

    def actor(self, login: str):
        return actor_for(login)

    def package(self, site: Site, receiver: str = "township", full: bool = False) -> Path:
        self.n += 1
        path = self.root / "usb" / f"{self.n:03d}-{site.name}.gridpkg"
        with on(site):
            exchange.export_package(self._exchanger(site), path, receiver=receiver, full=full)
        return path

    def take(self, site: Site, path: Path, ack: bool = False) -> exchange.ImportResult:
        with on(site):
            ack_path = path.with_suffix(".gridack") if ack else None
            return exchange.import_package(self._exchanger(site), path, ack_path=ack_path)

    def _exchanger(self, site: Site):
        return actor_for({"T": "clerk", "A": "admin_a", "B": "admin_b"}[site.name])

    def sync(self, station: Site) -> None:
        """Station → township → station, each package acknowledged by the next one back."""
        self.take(self.T, self.package(station))
        self.take(station, self.package(self.T, receiver={"A": "A001", "B": "B002"}[station.name]))


def household(actor, grid_id: int, number: str, head: str, birth: str, seq: int, *, tags=()) -> int:
    detail = households.create(actor, households.HouseholdInput(grid_id=grid_id, number=number, address=f"{head}家"),
                               PersonInput(name=head, id_number=id_number(birth, seq), relation="02", tags=tags))
    return detail.id


def snapshot(scope: str) -> dict[str, dict[str, dict]]:
    """Every tracked record of a village, by table and uid, without local ids (foreign keys as uids)."""
    from gridapp.exchange.export import UidMap, encode_rows, scope_condition, select_rows

    uids = UidMap()
    out = {}
    for tbl in tables():
        cond = scope_condition(tbl, scope)
        if cond is None:
            continue
        out[tbl.entity] = {rec["uid"]: rec for _id, rec in encode_rows(tbl, select_rows(tbl, cond), uids)}
    return out


def assert_same(world: World, station: Site, scope: str) -> None:
    with on(world.T):
        township = snapshot(scope)
    with on(station):
        local = snapshot(scope)
    for entity in township:
        assert set(township[entity]) == set(local[entity]), entity
        for uid, rec in township[entity].items():
            assert local[entity][uid] == rec, (entity, uid)


@pytest.fixture
def world(tmp_path, monkeypatch):
    monkeypatch.setenv("GRIDAPP_DATA_DIR", str(tmp_path / "unused"))
    w = World(tmp_path)
    yield w
    gdb.close_database()


# --------------------------------------------------------------------------- first exchange
def test_a_station_register_reaches_the_township_and_back(world):
    with on(world.A):
        admin = world.actor("admin_a")
        grid = grids.create_grid(admin, VILLAGE_A, "一网格")
        hh = household(admin, grid.id, "001", "张三", "19850312", 1, tags=(TagInput(category="djlr", attention="01"),))
        visits.record(admin, "household", hh, visits.VisitInput(notes="入户走访"))
    package = world.package(world.A)
    result = world.take(world.T, package)
    assert result.inserted["household"] == 1
    assert result.inserted["person"] == 1
    assert result.inserted["person_tag"] == 1
    assert result.inserted["visit"] == 1
    assert result.inserted["grid"] == 1
    with on(world.T):
        person = Person.get(Person.name == "张三")
        assert person.village_code == VILLAGE_A
        assert person.household.number == "001"
        assert Visit.get().household_id == person.household_id
        assert AuditLog.select().where(AuditLog.action == "import").count() == 1
    with on(world.A):
        assert AuditLog.select().where(AuditLog.action == "export").count() == 1
    world.take(world.A, world.package(world.T, receiver="A001"))
    assert_same(world, world.A, VILLAGE_A)
