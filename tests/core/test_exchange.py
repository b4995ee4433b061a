"""Exchange packages between two village stations and their township (issue 8).

Three database files — township T (大箕铺镇), station A (大箕铺街社区) and station B (熊家洲社区) —
each in its own folder (attachments live beside the database). ``on(site)`` binds the models to one of them at a time.
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
    AuditLog, Event, EventAction, EventSequence, ExchangeConflict, Household, Person, User, Visit, VisitRule,
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
        self.T = Site("T", root / "t" / "gridapp.sqlite3", root / "t")
        self.A = Site("A", root / "a" / "gridapp.sqlite3", root / "a")
        self.B = Site("B", root / "b" / "gridapp.sqlite3", root / "b")
        self.n = 0

    @classmethod
    def build(cls, root: Path) -> World:
        self = cls(root)
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
        return self

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
    """Every tracked record of a village (and every visit rule and checklist item), by table and
    uid, every field but the local integer id (foreign keys as uids)."""
    import peewee as pw

    from gridapp.exchange.export import UidMap, encode_rows, scope_condition, select_rows

    uids = UidMap()
    out = {}
    for tbl in tables():
        cond = scope_condition(tbl, scope)
        rows = select_rows(tbl, cond if cond is not None else pw.SQL("1 = 1"))
        out[tbl.entity] = {rec["uid"]: rec for _id, rec in encode_rows(tbl, rows, uids)}
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


@pytest.fixture(scope="session")
def world_template(tmp_path_factory):
    root = tmp_path_factory.mktemp("exchange-world")
    World.build(root)
    return root


@pytest.fixture
def world(world_template, tmp_path, monkeypatch):
    """A fresh copy of the three set-up databases for each test."""
    monkeypatch.setenv("GRIDAPP_DATA_DIR", str(tmp_path / "unused"))
    root = tmp_path / "world"
    shutil.copytree(world_template, root)
    yield World(root)
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


def _village_a_register(world) -> dict:
    """A grid with two households at station A (one with a special-group member), a visit and an event."""
    with on(world.A):
        admin = world.actor("admin_a")
        grid = grids.create_grid(admin, VILLAGE_A, "一网格")
        first = household(admin, grid.id, "001", "张三", "19850312", 1,
                          tags=(TagInput(category="djlr", attention="01", since=dt.date(2024, 1, 1)),))
        second = household(admin, grid.id, "002", "李四", "19700101", 3)
        visits.record(admin, "household", first, visits.VisitInput(notes="入户走访"))
        event = events.report(admin, events.EventDraft(kind="矛盾纠纷", category="02", title="邻里噪音纠纷",
                                                       grid_id=grid.id))
        return {"grid": grid.id, "first": first, "second": second, "event": event.id, "number": event.number}


def _person_id(name: str) -> int:
    return Person.get((Person.name == name) & Person.deleted_at.is_null()).id


def _edit_person(actor, name: str, **changes) -> None:
    from dataclasses import replace

    from gridapp.services import people

    person_id = _person_id(name)
    detail = people.reveal(actor, person_id)
    people.update(actor, person_id, replace(people.as_input(detail), **changes), detail.version)


# --------------------------------------------------------------------------- both directions
def test_edits_on_all_sides_converge_record_by_record(world):
    _village_a_register(world)
    with on(world.B):
        admin_b = world.actor("admin_b")
        grid_b = grids.create_grid(admin_b, VILLAGE_B, "一网格")
        household(admin_b, grid_b.id, "001", "王五", "19900202", 5)
    world.sync(world.A)
    world.sync(world.B)
    # the township edits a resident of A while A edits another field of the same resident
    with on(world.T):
        _edit_person(world.actor("clerk"), "张三", occupation="个体户")
    with on(world.A):
        _edit_person(world.actor("admin_a"), "张三", phone="13812345678")
        _edit_person(world.actor("admin_a"), "李四", notes="已搬至县城居住")
    with on(world.B):
        _edit_person(world.actor("admin_b"), "王五", occupation="教师")
    world.take(world.A, world.package(world.T, receiver="A001"))  # crosses A's edits
    world.sync(world.A)
    world.sync(world.B)
    world.sync(world.A)
    assert_same(world, world.A, VILLAGE_A)
    assert_same(world, world.B, VILLAGE_B)
    with on(world.A):
        person = Person.get(Person.name == "张三")
        assert (person.occupation, person.phone) == ("个体户", "13812345678")
        assert not Person.select().where(Person.name == "王五").exists()  # B's register stays out of A
        assert not ExchangeConflict.select().exists()
    with on(world.T):
        assert Person.get(Person.name == "王五").occupation == "教师"
        assert Person.get(Person.name == "李四").notes == "已搬至县城居住"


def test_township_decisions_reach_the_station(world):
    ids = _village_a_register(world)
    world.sync(world.A)
    with on(world.T):
        clerk = world.actor("clerk")
        event_id = Event.get(Event.number == ids["number"]).id
        events.transition(clerk, event_id, "督办", note="请三日内上门调解")
        rule = VisitRule.get((VisitRule.target == "djlr") & (VisitRule.attention == "01"))
        rule.interval_days, rule.version = 10, rule.version + 1
        rule.save()
    world.take(world.A, world.package(world.T, receiver="A001"))
    with on(world.A):
        event = Event.get_by_id(ids["event"])
        assert event.supervised and event.supervision_note == "请三日内上门调解"
        assert [a.action for a in EventAction.select().where(EventAction.event == event).order_by(EventAction.at,
                                                                                                   EventAction.id)] \
            == ["登记", "督办"]
        assert VisitRule.get((VisitRule.target == "djlr") & (VisitRule.attention == "01")).interval_days == 10
        assert VisitRule.select().count() == VisitRule.select(VisitRule.target, VisitRule.attention).distinct().count()
        admin = world.actor("admin_a")
        events.transition(admin, ids["event"], "上报乡镇", note="调解不成，请乡镇处理")
    world.take(world.T, world.package(world.A))
    with on(world.T):
        event = Event.get(Event.number == ids["number"])
        assert (event.level, event.escalated) == ("乡镇", True)
        events.transition(world.actor("clerk"), event.id, "受理", note="乡镇受理")
    world.take(world.A, world.package(world.T, receiver="A001"))
    with on(world.A):
        assert Event.get_by_id(ids["event"]).state == "已受理"
    world.sync(world.A)
    assert_same(world, world.A, VILLAGE_A)


def test_a_new_grid_worker_and_a_handover_made_at_the_township_reach_the_station(world):
    from gridapp.models import Grid, GridAssignment

    _village_a_register(world)
    world.sync(world.A)
    with on(world.T):
        worker = _user("worker_new", "新网格员", GRID_WORKER, VILLAGE_A)
        User.update(password_hash="scrypt$new").where(User.login == "worker_new").execute()
        grid = Grid.get(Grid.village_code == VILLAGE_A)
        grids.assign_worker(world.actor("clerk"), grid.id, worker.user_id, note="工作调整")
    world.take(world.A, world.package(world.T, receiver="A001"))
    with on(world.A):
        worker = User.get(User.login == "worker_new")
        assert worker.password_hash == "scrypt$new"  # a login of the village: it can sign in here
        grid = Grid.get(Grid.village_code == VILLAGE_A)
        assert grid.worker_id == worker.id
        assert GridAssignment.get(GridAssignment.grid == grid).note == "工作调整"
        assert actor_for("worker_new").grid_ids == (grid.id,)
    world.sync(world.A)
    assert_same(world, world.A, VILLAGE_A)


def _manifest(package: Path) -> dict:
    with zipfile.ZipFile(package) as zf:
        return json.loads(zf.read("manifest.json"))


def test_a_township_user_handling_a_station_event_travels_as_a_reference(world):
    ids = _village_a_register(world)
    with on(world.A):
        events.transition(world.actor("admin_a"), ids["event"], "上报乡镇", note="请乡镇处理")
    world.sync(world.A)
    with on(world.T):
        User.update(password_hash="scrypt$example").where(User.login == "clerk").execute()
        events.transition(world.actor("clerk"), Event.get(Event.number == ids["number"]).id, "受理")
    package = world.package(world.T, receiver="A001")
    assert _manifest(package)["references"] == {"user": 1}
    world.take(world.A, package)
    with on(world.A):
        clerk = User.get(User.login == "clerk")
        assert Event.get_by_id(ids["event"]).handler_id == clerk.id
        assert clerk.password_hash is None  # a login of the township: no password hash at the station
    with on(world.T):
        clerk = User.get(User.login == "clerk")
        clerk.display_name, clerk.version = "乡镇综治员王某", clerk.version + 1
        clerk.save()
    world.sync(world.A)
    with on(world.A):
        assert User.get(User.login == "clerk").display_name == "乡镇综治员王某"
    with on(world.T):
        assert User.get(User.login == "clerk").password_hash == "scrypt$example"
    world.sync(world.A)  # settled: nothing left to send either way
    assert _manifest(world.package(world.A))["counts"] == {}
    assert _manifest(world.package(world.T, receiver="A001"))["counts"] == {}
    assert_same(world, world.A, VILLAGE_A)


def test_the_township_package_for_a_station_carries_only_its_scope(world):
    _village_a_register(world)
    with on(world.B):
        admin_b = world.actor("admin_b")
        grid_b = grids.create_grid(admin_b, VILLAGE_B, "一网格")
        household(admin_b, grid_b.id, "001", "王五", "19900202", 5)
    world.sync(world.A)
    world.take(world.T, world.package(world.B))
    result = world.take(world.B, world.package(world.T, receiver="B002"))
    assert "household" not in result.inserted  # B's own household came from B
    with on(world.B):
        assert not Person.select().where(Person.name.in_(["张三", "李四"])).exists()
        assert Household.select().count() == 1


def test_deleted_records_travel_as_tombstones(world):
    ids = _village_a_register(world)
    world.sync(world.A)
    with on(world.A):
        households.delete(world.actor("admin_a"), ids["second"])
    world.take(world.T, world.package(world.A))
    with on(world.T):
        gone = Household.get(Household.number == "002")
        assert gone.deleted_at is not None
        assert Person.get(Person.name == "李四").deleted_at is not None
        households.restore(world.actor("clerk"), gone.id)
    world.take(world.A, world.package(world.T, receiver="A001"))
    with on(world.A):
        assert Household.get_by_id(ids["second"]).deleted_at is None
        assert Person.get(Person.name == "李四").deleted_at is None
    world.sync(world.A)
    assert_same(world, world.A, VILLAGE_A)


# --------------------------------------------------------------------------- order and duplicates
def test_importing_the_same_package_twice_changes_nothing(world):
    _village_a_register(world)
    package = world.package(world.A)
    first = world.take(world.T, package)
    with on(world.T):
        before = snapshot(VILLAGE_A)
        counts = {m.__name__: m.select().count() for m in (Household, Person, Visit, Event, EventAction,
                                                             EventSequence, ExchangeConflict)}
    again = world.take(world.T, package)
    assert sum(first.inserted.values()) > 0
    assert again.duplicate and not again.inserted and not again.updated
    assert "此前已导入" in again.summary
    with on(world.T):
        assert snapshot(VILLAGE_A) == before
        assert counts == {m.__name__: m.select().count() for m in (Household, Person, Visit, Event, EventAction,
                                                                     EventSequence, ExchangeConflict)}


def test_a_package_superseded_by_a_later_one_is_not_applied(world):
    _village_a_register(world)
    older = world.package(world.A)
    with on(world.A):
        _edit_person(world.actor("admin_a"), "张三", occupation="司机")
    newer = world.package(world.A)  # cumulative: carries everything since the last acknowledgement
    world.take(world.T, newer)
    stale = world.take(world.T, older)
    assert stale.duplicate
    with on(world.T):
        assert Person.get(Person.name == "张三").occupation == "司机"


def test_a_package_that_builds_on_one_not_imported_is_refused_naming_it(world):
    _village_a_register(world)
    world.take(world.T, world.package(world.A))
    shutil.copy(world.T.path, world.root / "t-before.sqlite3")  # the township's backup, taken closed
    world.sync(world.A)  # package 2 imported and acknowledged
    with on(world.A):
        _edit_person(world.actor("admin_a"), "张三", occupation="司机")
    third = world.package(world.A)  # builds on package 2
    shutil.copy(world.root / "t-before.sqlite3", world.T.path)  # the township restores its backup
    with pytest.raises(ValidationError, match="缺少来自“大箕铺街社区服务站”的第 2 号交换包"):
        world.take(world.T, third)
    with on(world.T):
        assert Person.get(Person.name == "张三").occupation is None
    world.take(world.T, world.package(world.A, full=True))  # the way out the message names
    with on(world.T):
        assert Person.get(Person.name == "张三").occupation == "司机"
    back = world.take(world.A, world.package(world.T, receiver="A001"))
    assert back.seq == 2 and not back.duplicate  # numbered past the package the backup forgot
    world.sync(world.A)
    assert_same(world, world.A, VILLAGE_A)


def test_acknowledgement_file_shrinks_the_next_package(world):
    _village_a_register(world)
    first = world.package(world.A)
    world.take(world.T, first, ack=True)
    ack = first.with_suffix(".gridack")
    assert ack.is_file()
    resent = world.package(world.A)
    with zipfile.ZipFile(resent) as zf:
        assert json.loads(zf.read("manifest.json"))["counts"]  # not acknowledged yet: sent again
    result = world.take(world.A, ack)
    assert result.kind == "ack" and result.acknowledged == 1
    assert world.take(world.A, ack).acknowledged is None  # twice: nothing new
    with on(world.A):
        _edit_person(world.actor("admin_a"), "李四", occupation="木匠")
    small = world.package(world.A)
    with zipfile.ZipFile(small) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["counts"] == {"person": 1}
    assert manifest["since"] == 1


# --------------------------------------------------------------------------- refusals
def _all_rows(site: Site) -> dict:
    with on(site):
        return {tbl.entity: sorted(tbl.model.select().tuples()) for tbl in tables()}


def test_a_tampered_byte_is_refused_before_anything_is_written(world):
    _village_a_register(world)
    package = world.package(world.A)
    before = _all_rows(world.T)
    data = bytearray(package.read_bytes())
    for offset in (len(data) // 3, len(data) // 2, 40):
        tampered = world.root / f"tampered-{offset}.gridpkg"
        changed = bytearray(data)
        changed[offset] ^= 0x01
        tampered.write_bytes(bytes(changed))
        with pytest.raises(ValidationError, match="交换包"):
            world.take(world.T, tampered)
    truncated = world.root / "truncated.gridpkg"
    truncated.write_bytes(bytes(data[: len(data) // 2]))
    with pytest.raises(ValidationError, match="已损坏、不完整或被改动过"):
        world.take(world.T, truncated)
    assert _all_rows(world.T) == before
    with on(world.T):
        refusals = [json.loads(a.changes) for a in AuditLog.select().where(AuditLog.action == "import")]
        assert len(refusals) == 4 and all("refused" in r for r in refusals)


def test_an_edited_record_with_a_recomputed_checksum_fails_the_signature(world):
    _village_a_register(world)
    package = world.package(world.A)
    forged = world.root / "forged.gridpkg"
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(forged, "w") as dst:
        manifest = json.loads(src.read("manifest.json"))
        for name in src.namelist():
            data = src.read(name)
            if name == "records/person.jsonl":
                data = data.replace("张三".encode(), "张叁".encode())
                import hashlib

                manifest["parts"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            if name != "manifest.json":
                dst.writestr(name, data)
        dst.writestr("manifest.json", json.dumps(manifest))
    with pytest.raises(ValidationError, match="签名不符"):
        world.take(world.T, forged)
    with on(world.T):
        assert not Person.select().exists()


def test_a_wrong_secret_an_unknown_sender_and_a_wrong_receiver_are_refused(world):
    _village_a_register(world)
    package = world.package(world.A)
    with on(world.T):
        exchange.register_peer(system_actor(), "A001", "大箕铺街社区服务站", VILLAGE_A, "another-secret-not-a-s")
    with pytest.raises(ValidationError, match="交换密钥不一致"):
        world.take(world.T, package)
    with pytest.raises(ValidationError, match="是发给“T109”的，本机是“B002”"):
        world.take(world.B, package)
    with on(world.B):
        exchange.setup_station(system_actor(), "T109", "冒名乡镇", township_code=TOWN)
    with pytest.raises(ValidationError, match="未登记的站点“A站”"):
        world.take(world.B, package)
    with on(world.T):
        assert not Person.select().exists()


def test_a_grid_worker_may_not_exchange_and_nobody_outside_the_scope(world):
    with on(world.A):
        worker = _user("worker_a", "网格员甲", GRID_WORKER, VILLAGE_A)
        with pytest.raises(PermissionDenied, match="导出交换包仅限"):
            exchange.export_package(worker, world.root / "x.gridpkg")
    with on(world.T):
        other = _user("other_town", "外乡镇", TOWNSHIP, "420281103")
        with pytest.raises(PermissionDenied, match="不在您的管辖范围内"):
            exchange.export_package(other, world.root / "x.gridpkg", receiver="A001")
    assert not (world.root / "x.gridpkg").exists()


def test_a_cancelled_export_leaves_no_file_and_no_trace(world):
    from gridapp.errors import Cancelled

    _village_a_register(world)
    target = world.root / "usb" / "cancelled.gridpkg"
    with on(world.A):
        with pytest.raises(Cancelled):
            exchange.export_package(world.actor("admin_a"), target, is_cancelled=lambda: True)
        assert [p.out_seq for p in exchange.list_peers(world.actor("admin_a"))] == [0]
        assert not AuditLog.select().where(AuditLog.action == "export").exists()
    assert not target.exists()
    assert list(target.parent.glob("*")) == []  # no temporary file left either


# --------------------------------------------------------------------------- natural keys and files
def test_event_numbers_of_two_stations_never_collide_at_the_township(world):
    _village_a_register(world)
    with on(world.B):
        admin_b = world.actor("admin_b")
        grid_b = grids.create_grid(admin_b, VILLAGE_B, "一网格")
        b_event = events.report(admin_b, events.EventDraft(kind="矛盾纠纷", category="02", title="宅基地纠纷",
                                                           grid_id=grid_b.id))
    with on(world.A):
        a_number = Event.get().number
    assert b_event.number == a_number  # both stations numbered from 1
    world.take(world.T, world.package(world.A))
    result = world.take(world.T, world.package(world.B))
    assert [old for old, _new in result.renumbered] == [a_number]
    new_number = result.renumbered[0][1]
    with on(world.T):
        assert {e.title: e.number for e in Event.select()} == {"邻里噪音纠纷": a_number, "宅基地纠纷": new_number}
        clerk = world.actor("clerk")
        own = events.report(clerk, events.EventDraft(kind="矛盾纠纷", category="02", title="乡镇直接受理",
                                                     village_code=VILLAGE_A))
        assert own.number not in (a_number, new_number)
    world.take(world.B, world.package(world.T, receiver="B002"))
    with on(world.B):
        assert Event.get_by_id(b_event.id).number == new_number
        next_b = events.report(world.actor("admin_b"), events.EventDraft(kind="矛盾纠纷", category="02",
                                                                         title="又一起", grid_id=grid_b.id))
        assert next_b.number > new_number
    world.sync(world.B)
    assert_same(world, world.B, VILLAGE_B)


def test_attachments_travel_with_their_records(world, tmp_path):
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 40)
    with on(world.A):
        admin = world.actor("admin_a")
        grid = grids.create_grid(admin, VILLAGE_A, "一网格")
        hh = household(admin, grid.id, "001", "张三", "19850312", 1)
        visits.record(admin, "household", hh, visits.VisitInput(notes="拍照"), attachments=[photo])
        from gridapp.services import attachments

        sha = attachments.rows_for(visit_id=Visit.get().id)[0].sha256
    package = world.package(world.A)
    with zipfile.ZipFile(package) as zf:
        assert f"attachments/{sha}" in zf.namelist()
    result = world.take(world.T, package)
    assert result.attachments == 1 and result.inserted["attachment"] == 1
    with on(world.T):
        assert attachments.path_for(sha).read_bytes() == photo.read_bytes()
        assert attachments.path_for(sha).parent.parent.parent == world.T.path.parent
    world.sync(world.A)
    assert_same(world, world.A, VILLAGE_A)


def test_the_command_line_exports_and_imports(world, capsys):
    from gridapp import cli

    _village_a_register(world)
    out = world.root / "cli.gridpkg"
    os.environ["GRIDAPP_DATA_DIR"] = str(world.A.data)
    assert cli.main(["--db", str(world.A.path), "exchange", "export", "-o", str(out)]) == 0
    assert "已导出给“大箕铺镇综治中心”的第 1 号交换包" in capsys.readouterr().out
    os.environ["GRIDAPP_DATA_DIR"] = str(world.T.data)
    assert cli.main(["--db", str(world.T.path), "exchange", "import", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "已导入来自“大箕铺街社区服务站”的第 1 号交换包" in printed
    assert out.with_suffix(".gridack").is_file()
    assert cli.main(["--db", str(world.T.path), "exchange", "import", str(out)]) == 0
    assert "此前已导入" in capsys.readouterr().out
    assert cli.main(["--db", str(world.T.path), "exchange", "export", "--to", "Z999", "-o", str(out)]) == 1
    assert "未登记的接收方：Z999" in capsys.readouterr().err
    os.environ["GRIDAPP_DATA_DIR"] = str(world.A.data)
    assert cli.main(["--db", str(world.A.path), "exchange", "import", str(out.with_suffix(".gridack"))]) == 0
    assert "已确认收到第 1 号交换包" in capsys.readouterr().out


def test_records_outside_the_registered_village_are_left_out_and_named(world, capsys):
    from gridapp import cli

    system = system_actor()
    with on(world.A):  # station A was set up with the wrong village
        exchange.setup_station(system, "A001", "A站", village_code=VILLAGE_B, secret=SECRET_A)
        grid = grids.create_grid(system, VILLAGE_B, "一网格")
        household(system, grid.id, "001", "赵六", "19800808", 7)
    package = world.root / "misconfigured.gridpkg"
    with on(world.A):
        exchange.export_package(system, package)
    os.environ["GRIDAPP_DATA_DIR"] = str(world.T.data)
    assert cli.main(["--db", str(world.T.path), "exchange", "import", str(package)]) == 3
    printed = capsys.readouterr().out
    assert "未导入 " in printed and "不在该站点的管辖范围内" in printed
    with on(world.T):
        assert not Household.select().exists()
        assert not Person.select().exists()


def test_a_cancelled_import_writes_nothing_and_can_be_done_again(world):
    from gridapp.errors import Cancelled

    _village_a_register(world)
    package = world.package(world.A)
    before = _all_rows(world.T)
    calls = []
    with on(world.T):
        with pytest.raises(Cancelled):
            exchange.import_package(world.actor("clerk"), package, is_cancelled=lambda: len(calls) > 3,
                                    on_progress=lambda done, total: calls.append(done))
    assert _all_rows(world.T) == before
    assert sum(world.take(world.T, package).inserted.values()) > 0
