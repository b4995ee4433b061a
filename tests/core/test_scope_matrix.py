"""The scope matrix: every public service function, as each role, inside and outside its scope.

Every function under ``gridapp/services/`` whose first parameter is ``actor`` must have an entry in
``MATRIX`` below; a new one without an entry fails ``test_every_service_function_has_an_entry``
with its name, so no service can slip past unscoped.

An entry says how to call the function for one "side" of the world (a grid with a household, a
person, a place, a visit, an event with a party and an attachment, and the grid's worker), which
roles may call it at all, and, for list reads, how to tell whether a side's record came back.
For each role the test then proves:

- a role that may not call it is refused (PermissionDenied) even inside its scope;
- a role that may, succeeds inside its scope (and a list read returns the inside record);
- outside its scope it is refused (PermissionDenied or NotFoundError) or, for a list read, the
  outside record is not in the result; and a refused call changed nothing at all.

"Outside" is as close as it gets: for a grid worker, the other grid of the same village; for a
village administrator, another village of the same township; for a township centre, another
township. The system administrator is unscoped for the functions it may call.

``HELPER`` marks functions that read and change no record (role predicates, masking of values the
caller already holds, SQL expression builders); ``INTERNAL`` marks building blocks that take model
instances the calling service has already loaded through its own scope check. Both need a reason.
"""
from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import Workbook

from gridapp import db as gdb
from gridapp import ids, refdata
from gridapp.errors import NotFoundError, PermissionDenied, WorkflowError
from gridapp.models import AuditLog, Grid
from gridapp.services.actor import GRID_WORKER, SYSADMIN, TOWNSHIP, VILLAGE_ADMIN, actor_for

ROLES = (GRID_WORKER, VILLAGE_ADMIN, TOWNSHIP, SYSADMIN)
ALL = frozenset(ROLES)
RESIDENT_ROLES = frozenset({GRID_WORKER, VILLAGE_ADMIN, TOWNSHIP})
MANAGERS = frozenset({VILLAGE_ADMIN, TOWNSHIP, SYSADMIN})
CLERKS = frozenset({TOWNSHIP, SYSADMIN})
ADMIN_ONLY = frozenset({SYSADMIN})
PASSWORD = "Grid2026ok"
REFUSED = (PermissionDenied, NotFoundError)


@dataclass(frozen=True)
class Case:
    call: Callable  # (world, actor, side) -> result
    roles: frozenset[str] = ALL
    contains: Callable | None = None  # (result, side) -> bool: the side's record is in a list result
    outside: bool = True  # False: the function is not about records of a place (settings, own account)
    prepare: Callable | None = None  # (world, side) -> dict of extra side attributes, made before the call
    outside_refusal: tuple = REFUSED  # what refusing a record outside the scope may raise
    no_outside: tuple[str, ...] = ()  # roles for which no outside record can exist (see the entry)
    divisions: bool = False  # about divisions, not grids: a grid worker's nearest outside is another village
    refusal: tuple = (PermissionDenied,)  # what a role refusal raises


@dataclass(frozen=True)
class Helper:
    reason: str


@dataclass(frozen=True)
class Internal:
    reason: str


def ids_of(rows, attr="id"):
    return {getattr(r, attr) for r in rows}


# --------------------------------------------------------------------------- the world
VILLAGE_1, VILLAGE_2 = "420281103200", "420281103201"  # 金山店镇 土桥村, 马坪村
OTHER_VILLAGE = "420281109200"  # 大箕铺镇 石应高村
SIDES = {  # side -> (grid code, village)
    "A": ("42028110320001", VILLAGE_1),
    "B": ("42028110320002", VILLAGE_1),
    "C": ("42028110320101", VILLAGE_2),
    "D": ("42028110920001", OTHER_VILLAGE),
}
ROLE_USER = {GRID_WORKER: "wA", VILLAGE_ADMIN: "vaA", TOWNSHIP: "tA", SYSADMIN: "admin"}
TOWNSHIP_USER = {"420281103": "tA", "420281109": "tD"}
OUTSIDE_SIDE = {GRID_WORKER: "B", VILLAGE_ADMIN: "C", TOWNSHIP: "D", SYSADMIN: None}


def _build(folder: Path) -> None:
    from gridapp.services import accounts, events, households, people, places, visits
    from gridapp.services.events import EventDraft, PartyInput
    from gridapp.services.households import HouseholdInput
    from gridapp.services.people import PersonInput, TagInput
    from gridapp.services.places import PlaceInput
    from gridapp.services.visits import VisitInput

    gdb.open_database(folder / "world.sqlite3")
    refdata.load_county("420281")
    refdata.load_codes()
    refdata.load_defaults()
    accounts.create_first_admin("admin", PASSWORD)
    admin = actor_for("admin")
    for login, role, scope in (("vaA", VILLAGE_ADMIN, VILLAGE_1), ("vaC", VILLAGE_ADMIN, VILLAGE_2),
                               ("tA", TOWNSHIP, "420281103"), ("tD", TOWNSHIP, "420281109")):
        accounts.create_user(admin, login, login, role, scope, PASSWORD)
    attachment = folder / "photo.txt"
    attachment.write_text("现场照片", encoding="utf-8")
    for n, (side, (code, village)) in enumerate(SIDES.items(), start=1):
        worker = accounts.create_user(admin, f"w{side}", f"网格员{side}", GRID_WORKER, village, PASSWORD)
        grid = Grid.create(code=code, name=f"网格{side}", village_code=village, township_code=village[:9],
                           county_code="420281")
        accounts.assign_grid(admin, grid.id, worker.id)
        me = actor_for(worker.id)
        head = PersonInput(name=f"户主{side}", id_number=ids.make_id("420281", dt.date(1970, 1, n), 11),
                           phone=f"1381234567{n}", relation="02")
        home = households.create(me, HouseholdInput(grid_id=grid.id, number=f"H{side}", address=f"{side}村1号"), head)
        person_id = home.members[0].id
        people.set_tags(me, person_id, [TagInput(category="djlr", attention="01")])
        places.create(me, PlaceInput(grid_id=grid.id, category="沿街店铺", name=f"商店{side}"))
        visits.record(me, "household", home.id, VisitInput(notes="入户走访"))
        event = events.report(me, EventDraft(title=f"邻里纠纷{side}", category="02", grid_id=grid.id,
                                              parties=(PartyInput(person_id=person_id),)))
        events.add_attachments(me, event.id, [attachment])
    _build_exchange(folder, admin)


SECRETS = {side: f"secret-of-station-{side}" for side in SIDES}


def _build_exchange(folder: Path, admin) -> None:
    """The world is 金山店镇's centre (T1) with stations SA (土桥村) and SC (马坪村); each station's
    package (made from a copy of the world set up as that station) lies beside it; and there is an
    open conflict about each side's household."""
    import json

    from gridapp.exchange.conflicts import current_local
    from gridapp.models import ExchangeConflict, ExchangePeer, Household
    from gridapp.services import exchange

    exchange.setup_station(admin, "T1", "金山店镇综治中心", township_code="420281103")
    for side in ("A", "C"):
        exchange.register_peer(admin, f"S{side}", f"站点{side}", SIDES[side][1], secret=SECRETS[side])
    for side, (_, village) in SIDES.items():
        household = Household.get(Household.number == f"H{side}")
        conflict = ExchangeConflict.create(peer=f"S{side}", entity="household", record_uid=household.uid,
                                           scope_code=village, label=f"H{side}", local="{}", remote="{}",
                                           fields=json.dumps(["address"]))
        local = current_local(conflict)
        conflict.local = json.dumps(local, ensure_ascii=False)
        conflict.remote = json.dumps({**local, "address": "对方改的地址"}, ensure_ascii=False)
        conflict.save()
    gdb.close_database()
    for side in ("A", "C"):
        copy = folder / f"station{side}.sqlite3"
        shutil.copy2(folder / "world.sqlite3", copy)
        gdb.open_database(copy)
        ExchangePeer.delete().execute()
        ExchangeConflict.delete().execute()
        exchange.setup_station(admin, f"S{side}", f"站点{side}", village_code=SIDES[side][1], secret=SECRETS[side])
        exchange.register_peer(admin, "T1", "金山店镇综治中心", "420281103", secret=SECRETS[side])
        exchange.export_package(admin, folder / f"pkg{side}.gridpkg", "T1", full=True)
        gdb.close_database()
        copy.unlink()
        for suffix in ("-wal", "-shm"):
            Path(str(copy) + suffix).unlink(missing_ok=True)


@dataclass
class World:
    folder: Path
    sides: dict
    actors: dict

    def side(self, name):
        return self.sides[name]


def _sides() -> dict:
    from gridapp.models import Attachment, Event, EventParty, ExchangeConflict, Household, Person, Place, User, Visit

    out = {}
    for side, (code, village) in SIDES.items():
        grid = Grid.get(Grid.code == code)
        household = Household.get(Household.grid == grid.id)
        event = Event.get(Event.grid == grid.id)
        out[side] = SimpleNamespace(
            name=side, grid_id=grid.id, village_code=village, township_code=village[:9],
            household_id=household.id, person_id=Person.get(Person.household == household.id).id,
            place_id=Place.get(Place.grid == grid.id).id, visit_id=Visit.get(Visit.household == household.id).id,
            event_id=event.id, party_id=EventParty.get(EventParty.event == event.id).id,
            attachment_id=Attachment.get(Attachment.event == event.id).id,
            worker_id=User.get(User.login == f"w{side}").id, worker_login=f"w{side}",
            conflict_id=ExchangeConflict.get(ExchangeConflict.peer == f"S{side}").id)
    return out


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("world")
    import os

    old = os.environ.get("GRIDAPP_DATA_DIR")
    os.environ["GRIDAPP_DATA_DIR"] = str(folder / "data")
    try:
        _build(folder)
    finally:
        if old is None:
            os.environ.pop("GRIDAPP_DATA_DIR", None)
        else:
            os.environ["GRIDAPP_DATA_DIR"] = old
    return folder


@pytest.fixture
def world(template, tmp_path, monkeypatch):
    for item in template.iterdir():
        (shutil.copytree if item.is_dir() else shutil.copy2)(item, tmp_path / item.name)
    monkeypatch.setenv("GRIDAPP_DATA_DIR", str(tmp_path / "data"))
    gdb.open_database(tmp_path / "world.sqlite3")
    refdata.codes.cache_clear()
    actors = {role: actor_for(login) for role, login in ROLE_USER.items()}
    yield World(folder=tmp_path, sides=_sides(), actors=actors)
    gdb.close_database()


def snapshot() -> tuple:
    """Everything a refused call must leave as it was: the content of every table (the world is
    small), and the audit log apart from failed logins."""
    import hashlib

    database = gdb.database.obj
    tables = [r[0] for r in database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
        "AND name NOT IN ('audit_log', 'sqlite_sequence') ORDER BY name")]
    digest = hashlib.sha256()
    for table in tables:
        for row in database.execute_sql(f'SELECT * FROM "{table}" ORDER BY 1'):
            digest.update(repr(row).encode())
    return digest.hexdigest(), AuditLog.select().where(AuditLog.action != "login_failed").count()


# --------------------------------------------------------------------------- calls
def _households():
    from gridapp.services import households as m
    from gridapp.services.households import HouseholdInput, HouseholdQuery
    from gridapp.services.people import PersonInput

    def new_head(w, s):
        n = 40 + ord(s.name)
        return PersonInput(name="新户主", id_number=ids.make_id("420281", dt.date(1980, 2, n % 28 + 1), 13),
                           relation="02")

    def current(w, a, s):
        return m.get(w.actors[SYSADMIN], s.household_id).version

    return {
        "households.count": Case(lambda w, a, s: m.count(a, HouseholdQuery(grid_id=s.grid_id)), contains=lambda r, s: r > 0),
        "households.page": Case(lambda w, a, s: m.page(a, HouseholdQuery(village_code=s.village_code)),
                                contains=lambda r, s: s.household_id in ids_of(r)),
        "households.get": Case(lambda w, a, s: m.get(a, s.household_id)),
        "households.reveal": Case(lambda w, a, s: m.reveal(a, s.household_id), roles=RESIDENT_ROLES),
        "households.next_number": Case(lambda w, a, s: m.next_number(a, s.grid_id)),
        "households.create": Case(lambda w, a, s: m.create(a, HouseholdInput(grid_id=s.grid_id, number="N1"), new_head(w, s)),
                                  roles=RESIDENT_ROLES),
        "households.update": Case(lambda w, a, s: m.update(a, s.household_id, HouseholdInput(
            grid_id=s.grid_id, number=f"H{s.name}", address="新地址"), current(w, a, s)), roles=RESIDENT_ROLES),
        "households.move": Case(lambda w, a, s: m.move(a, s.household_id, s.grid_id), roles=RESIDENT_ROLES),
        "households.delete": Case(lambda w, a, s: m.delete(a, s.household_id), roles=RESIDENT_ROLES),
        "households.restore": Case(lambda w, a, s: m.restore(a, s.household_id), roles=RESIDENT_ROLES,
                                   prepare=lambda w, s: m.delete(owner(s), s.household_id) or {}),
        "households.set_head": Case(lambda w, a, s: m.set_head(a, s.household_id, w.sides[s.name].person_id),
                                    roles=RESIDENT_ROLES),
        "households.suggest_relations": Case(lambda w, a, s: m.suggest_relations(a, s.household_id, s.person_id)),
    }


def _people():
    from gridapp.services import people as m
    from gridapp.services.people import PersonInput, PersonQuery, TagInput

    def version(w, s):
        return m.get(owner(s), s.person_id).version

    def member(w, s):
        return {"member_id": m.create(owner(s), PersonInput(name="家属"), s.household_id).id}

    def deleted_member(w, s):
        made = member(w, s)
        m.delete(owner(s), made["member_id"])
        return made

    def floating(w, s):
        return {"member_id": m.create(owner(s), PersonInput(name="流动人员"), grid_id=s.grid_id).id}

    return {
        "people.count": Case(lambda w, a, s: m.count(a, PersonQuery(grid_id=s.grid_id)), contains=lambda r, s: r > 0),
        "people.page": Case(lambda w, a, s: m.page(a, PersonQuery(village_code=s.village_code)),
                            contains=lambda r, s: s.person_id in ids_of(r)),
        "people.get": Case(lambda w, a, s: m.get(a, s.person_id)),
        "people.reveal": Case(lambda w, a, s: m.reveal(a, s.person_id), roles=RESIDENT_ROLES),
        "people.create": Case(lambda w, a, s: m.create(a, PersonInput(name="新居民"), s.household_id),
                              roles=RESIDENT_ROLES),
        "people.update": Case(lambda w, a, s: m.update(a, s.person_id, PersonInput(name=f"户主{s.name}", relation="02"),
                                                       version(w, s)), roles=RESIDENT_ROLES),
        "people.set_tags": Case(lambda w, a, s: m.set_tags(a, s.person_id, [TagInput(category="cjr")]),
                                roles=RESIDENT_ROLES),
        "people.delete": Case(lambda w, a, s: m.delete(a, s.member_id), roles=RESIDENT_ROLES, prepare=member),
        "people.restore": Case(lambda w, a, s: m.restore(a, s.member_id), roles=RESIDENT_ROLES, prepare=deleted_member),
        "people.move": Case(lambda w, a, s: m.move(a, s.member_id, s.household_id, "99"), roles=RESIDENT_ROLES,
                            prepare=floating),
        "people.validate": Case(lambda w, a, s: m.validate(a, PersonInput(name="核对"), s.person_id, s.household_id)),
        "people.require_writer": Helper("a role predicate: raises for roles that may not write resident data"),
        "people.hidden_categories": Helper("the categories the actor's role may not see; reads code tables only"),
        "people.category_choices": Helper("the categories offered to the actor's role; reads code tables only"),
        "people.tag_filter": Helper("builds a WHERE expression; the calling query applies the scope"),
        "people.clean_person": Helper("checks and normalises one form's values against the code tables; "
                                      "reads no record, writes nothing"),
        "people.search_township": Helper("the township a search is confined to, from the actor and the query"),
        "people.person_rows": Internal("turns a query the people service built (already scoped) into rows"),
        "people.members_of": Internal("rows of a Household instance its caller loaded through a scope check"),
        "people.insert_person": Internal("inserts a validated person for households.create and importers"),
        "people.change_head": Internal("moves the head within a Household instance already loaded in scope"),
    }


def _events():
    from gridapp.services import events as m
    from gridapp.services.events import EventDraft, EventQuery

    return {
        "events.report": Case(lambda w, a, s: m.report(a, EventDraft(title="新纠纷", category="02", grid_id=s.grid_id)),
                              roles=RESIDENT_ROLES),
        "events.update": Case(lambda w, a, s: m.update(a, s.event_id, EventDraft(title="改标题", category="02",
                                                                                  grid_id=s.grid_id)),
                              roles=frozenset({GRID_WORKER, VILLAGE_ADMIN}), refusal=(PermissionDenied, WorkflowError)),
        "events.draft_from_visit": Case(lambda w, a, s: m.draft_from_visit(a, s.visit_id)),
        "events.create_from_visit": Case(lambda w, a, s: m.create_from_visit(a, s.visit_id, title="走访发现",
                                                                             category="02"), roles=RESIDENT_ROLES),
        "events.create_from_inspection": Case(lambda w, a, s: m.create_from_inspection(a, s.inspection_id, s.item),
                                              roles=RESIDENT_ROLES, prepare=_inspection),
        "events.transition": Case(lambda w, a, s: m.transition(a, s.event_id, "督办", note="请加快") if a.role == TOWNSHIP
                                  else m.transition(a, s.event_id, "受理"), roles=RESIDENT_ROLES,
                                  refusal=(PermissionDenied, WorkflowError)),
        "events.available_actions": Case(lambda w, a, s: m.available_actions(a, s.event_id)),
        "events.get": Case(lambda w, a, s: m.get(a, s.event_id)),
        "events.draft_of": Case(lambda w, a, s: m.draft_of(a, s.event_id)),
        "events.edit_refusal": Case(lambda w, a, s: m.edit_refusal(a, s.event_id)),
        "events.timeline": Case(lambda w, a, s: m.timeline(a, s.event_id)),
        "events.page": Case(lambda w, a, s: m.page(a, EventQuery(village_code=s.village_code)),
                            contains=lambda r, s: s.event_id in ids_of(r)),
        "events.count": Case(lambda w, a, s: m.count(a, EventQuery(grid_id=s.grid_id)), contains=lambda r, s: r > 0),
        "events.events_for_household": Case(lambda w, a, s: m.events_for_household(a, s.household_id)),
        "events.events_for_person": Case(lambda w, a, s: m.events_for_person(a, s.person_id)),
        "events.party_contact": Case(lambda w, a, s: m.party_contact(a, s.party_id), roles=RESIDENT_ROLES),
        "events.add_attachments": Case(lambda w, a, s: m.add_attachments(a, s.event_id, [w.folder / "photo.txt"]),
                                       roles=RESIDENT_ROLES),
        "events.remove_attachment": Case(lambda w, a, s: m.remove_attachment(a, s.attachment_id), roles=RESIDENT_ROLES),
        "events.set_time_limit": Case(lambda w, a, s: m.set_time_limit(a, "矛盾纠纷", 20), roles=CLERKS, outside=False),
        "events.validate_draft": Case(lambda w, a, s: m.validate_draft(
            a, EventDraft(title="改标题", category="02", grid_id=s.grid_id), s.event_id)),
        "events.rows": Internal("turns Event instances its caller selected in scope into rows"),
    }


def _inspection(w, s):
    """An inspection of the side's place with its first item 不合格."""
    from gridapp.services import visits
    from gridapp.services.visits import VisitInput

    entries = visits.form(owner(s), "place", s.place_id).checklist
    answers = {e.id: "不合格" if n == 0 else "合格" for n, e in enumerate(entries)}
    recorded = visits.record(owner(s), "place", s.place_id, VisitInput(checklist=answers))
    return {"inspection_id": recorded.visit.id, "item": entries[0].id}


def _places():
    from gridapp.services import places as m
    from gridapp.services.places import PlaceInput, PlaceQuery

    return {
        "places.create": Case(lambda w, a, s: m.create(a, PlaceInput(grid_id=s.grid_id, category="沿街店铺", name="新店")),
                              roles=RESIDENT_ROLES),
        "places.update": Case(lambda w, a, s: m.update(a, s.place_id, PlaceInput(grid_id=s.grid_id, category="沿街店铺",
                                                                                   name="改名")), roles=RESIDENT_ROLES),
        "places.delete": Case(lambda w, a, s: m.delete(a, s.place_id), roles=RESIDENT_ROLES),
        "places.restore": Case(lambda w, a, s: m.restore(a, s.place_id), roles=RESIDENT_ROLES,
                               prepare=lambda w, s: m.delete(owner(s), s.place_id) or {}),
        "places.get": Case(lambda w, a, s: m.get(a, s.place_id)),
        "places.page": Case(lambda w, a, s: m.page(a, PlaceQuery(village_code=s.village_code)),
                            contains=lambda r, s: s.place_id in ids_of(r)),
        "places.count": Case(lambda w, a, s: m.count(a, PlaceQuery(grid_id=s.grid_id)), contains=lambda r, s: r > 0),
        "places.open_hazards": Case(lambda w, a, s: m.open_hazards(a, s.place_id)),
        "places.checklist_items": Case(lambda w, a, s: m.checklist_items(a, "沿街店铺"), outside=False),
        "places.add_checklist_item": Case(lambda w, a, s: m.add_checklist_item(a, "沿街店铺", "新项目"), roles=CLERKS,
                                          outside=False),
        "places.update_checklist_item": Case(lambda w, a, s: m.update_checklist_item(a, 1, text="改过的项目"),
                                             roles=CLERKS, outside=False),
    }


VISIT_EDITORS = frozenset({GRID_WORKER, SYSADMIN})  # the visitor (wA recorded the visits) or a correcting admin


def _visits():
    from gridapp.services import visits as m
    from gridapp.services.visits import VisitInput

    return {
        "visits.form": Case(lambda w, a, s: m.form(a, "household", s.household_id)),
        "visits.record": Case(lambda w, a, s: m.record(a, "household", s.household_id, VisitInput(notes="再访")),
                              roles=RESIDENT_ROLES),
        "visits.update": Case(lambda w, a, s: m.update(a, s.visit_id, VisitInput(notes="更正")), roles=VISIT_EDITORS),
        "visits.delete": Case(lambda w, a, s: m.delete(a, s.visit_id), roles=VISIT_EDITORS),
        "visits.add_attachments": Case(lambda w, a, s: m.add_attachments(a, s.visit_id, [w.folder / "photo.txt"]),
                                       roles=VISIT_EDITORS),
        "visits.remove_attachment": Case(lambda w, a, s: m.remove_attachment(a, s.visit_attachment_id),
                                         roles=VISIT_EDITORS, prepare=_visit_attachment),
        "visits.get": Case(lambda w, a, s: m.get(a, s.visit_id)),
        "visits.input_of": Case(lambda w, a, s: m.input_of(a, s.visit_id)),
        "visits.edit_refusal": Case(lambda w, a, s: m.edit_refusal(a, s.visit_id)),
        "visits.history_for_household": Case(lambda w, a, s: m.history_for_household(a, s.household_id)),
        "visits.history_for_person": Case(lambda w, a, s: m.history_for_person(a, s.person_id)),
        "visits.history_for_place": Case(lambda w, a, s: m.history_for_place(a, s.place_id)),
    }


def _visit_attachment(w, s):
    from gridapp.models import Attachment
    from gridapp.services import visits

    visits.add_attachments(w.actors[SYSADMIN], s.visit_id, [w.folder / "photo.txt"])
    return {"visit_attachment_id": Attachment.get(Attachment.visit == s.visit_id).id}


def _worklist_and_rules():
    from gridapp.services import rules, worklist

    return {
        "worklist.page": Case(lambda w, a, s: worklist.page(a, "all", village_code=s.village_code),
                              contains=lambda r, s: s.household_id in {i.target_id for i in r.items if i.kind == "household"}),
        "worklist.view": Case(lambda w, a, s: worklist.view(a, "all", village_code=s.village_code),
                              contains=lambda r, s: s.household_id in {i.target_id for i in r.items if i.kind == "household"}),
        "worklist.counts": Case(lambda w, a, s: worklist.counts(a, grid_id=s.grid_id),
                                contains=lambda r, s: sum(c.scheduled for c in r) > 0),
        "worklist.month_progress": Case(lambda w, a, s: worklist.month_progress(a, grid_id=s.grid_id),
                                        contains=lambda r, s: r.total > 0),
        "worklist.due_for": Case(lambda w, a, s: worklist.due_for(a, "household", s.household_id)),
        "worklist.is_listed": Case(lambda w, a, s: worklist.is_listed(a, "all", "household", s.household_id)),
        "worklist.target_ids": Case(lambda w, a, s: worklist.target_ids(a, "all", "household", village_code=s.village_code),
                                    contains=lambda r, s: s.household_id in r),
        "rules.list_rules": Case(lambda w, a, s: rules.list_rules(a), outside=False),
        "rules.update_rule": Case(lambda w, a, s: rules.update_rule(a, 1, 45), roles=CLERKS, outside=False),
        "rules.set_rule": Case(lambda w, a, s: rules.set_rule(a, "cjr", "01", 60), roles=CLERKS, outside=False),
        "rules.remove_rule": Case(lambda w, a, s: rules.remove_rule(a, 1), roles=CLERKS, outside=False),
        "rules.set_risk_force": Case(lambda w, a, s: rules.set_risk_force(a, 10, 3), roles=CLERKS, outside=False),
        "rules.effective_interval": Case(lambda w, a, s: rules.effective_interval(a, "household", s.household_id)),
    }


def _dashboard():
    from gridapp.services import dashboard

    return {
        "dashboard.load": Case(lambda w, a, s: dashboard.load(a), contains=lambda r, s: bool(
            {str(s.grid_id), s.village_code, s.township_code} & {c.key for c in r.coverage})),
        "dashboard.unit_level": Helper("what the coverage chart compares, from the actor's role and scope; reads nothing"),
    }


def _grids_and_codes():
    from gridapp.services import codes, grids

    return {
        "grids.list_grids": Case(lambda w, a, s: grids.list_grids(a, s.village_code),
                                 contains=lambda r, s: s.grid_id in ids_of(r)),
        "grids.get_grid": Case(lambda w, a, s: grids.get_grid(a, s.grid_id)),
        "grids.load_grid": Case(lambda w, a, s: grids.load_grid(a, s.grid_id)),
        "grids.create_grid": Case(lambda w, a, s: grids.create_grid(a, s.village_code, "新网格"), roles=MANAGERS),
        "grids.assign_worker": Case(lambda w, a, s: grids.assign_worker(a, s.grid_id, None), roles=MANAGERS),
        "grids.divisions": Case(lambda w, a, s: grids.divisions(a, s.township_code), divisions=True,
                                contains=lambda r, s: s.village_code in ids_of(r, "code")),
        "codes.setup_station": Case(lambda w, a, s: codes.setup_station(a, s.township_code, s.village_code, []),
                                    roles=CLERKS),
    }


def _attachments():
    from gridapp.services import attachments as m

    return {
        "attachments.open_path": Case(lambda w, a, s: m.open_path(a, s.attachment_id)),
        "attachments.copy_out": Case(lambda w, a, s: m.copy_out(a, s.attachment_id, w.folder / "out" / "copy.txt"),
                                     prepare=lambda w, s: (w.folder / "out").mkdir(exist_ok=True) or {}),
        "attachments.add_rows": Internal("records files for a visit/event instance the visits/events service loaded in scope"),
        "attachments.remove_row": Internal("removes an Attachment instance the visits/events service loaded in scope"),
    }


def _accounts():
    from gridapp.services import accounts as m

    def version(s):
        from gridapp.models import User

        return User.get_by_id(s.worker_id).version

    return {
        "accounts.verify_password": Case(lambda w, a, s: m.verify_password(a, PASSWORD), outside=False),
        "accounts.change_password": Case(lambda w, a, s: m.change_password(a, PASSWORD, "Newer2026pw"), outside=False),
        "accounts.current_user": Case(lambda w, a, s: m.current_user(a), outside=False),
        "accounts.create_user": Case(lambda w, a, s: m.create_user(a, "newbie", "新人", GRID_WORKER, s.village_code,
                                                                   PASSWORD), roles=ADMIN_ONLY),
        "accounts.update_user": Case(lambda w, a, s: m.update_user(a, s.worker_id, version(s), phone="13900001111"),
                                     roles=ADMIN_ONLY),
        "accounts.change_scope": Case(lambda w, a, s: m.change_scope(a, s.worker_id, version(s), GRID_WORKER,
                                                                     s.village_code), roles=ADMIN_ONLY),
        "accounts.disable_user": Case(lambda w, a, s: m.disable_user(a, s.idle_id, version_of(s.idle_id)),
                                      roles=ADMIN_ONLY, prepare=_idle_user),
        "accounts.enable_user": Case(lambda w, a, s: m.enable_user(a, s.worker_id, version(s)), roles=ADMIN_ONLY),
        "accounts.reset_password": Case(lambda w, a, s: m.reset_password(a, s.worker_id, "Reset2026pw"), roles=ADMIN_ONLY),
        "accounts.unlock_user": Case(lambda w, a, s: m.unlock_user(a, s.worker_id), roles=ADMIN_ONLY),
        "accounts.list_users": Case(lambda w, a, s: m.list_users(a), roles=MANAGERS,
                                    contains=lambda r, s: s.worker_id in ids_of(r)),
        "accounts.get_user": Case(lambda w, a, s: m.get_user(a, s.idle_id), roles=MANAGERS, prepare=_idle_user),
        "accounts.assign_grid": Case(lambda w, a, s: m.assign_grid(a, s.grid_id, None), roles=MANAGERS),
        "accounts.grid_history": Case(lambda w, a, s: m.grid_history(a, s.grid_id)),
        "accounts.departing_worker_items": Case(lambda w, a, s: m.departing_worker_items(a, s.worker_id), roles=MANAGERS),
        "accounts.reassign_events": Case(lambda w, a, s: m.reassign_events(a, [s.event_id], s.worker_id),
                                         roles=MANAGERS),
    }


def _idle_user(w, s):
    """A grid worker of the side's village without grids (disabling needs no handover)."""
    from gridapp.models import User

    user = User.create(login=f"idle{s.name}", display_name=f"idle{s.name}", role=GRID_WORKER, scope_code=s.village_code)
    return {"idle_id": user.id}


def version_of(user_id):
    from gridapp.models import User

    return User.get_by_id(user_id).version


def _admin_services():
    from gridapp.services import auditlog, backups
    from gridapp.services import settings as app_settings
    from gridapp.services.auditlog import AuditFilter

    return {
        "settings.list_settings": Case(lambda w, a, s: app_settings.list_settings(a), roles=CLERKS, outside=False),
        "settings.set_settings": Case(lambda w, a, s: app_settings.set_settings(a, {"report_cutoff_day": 25}),
                                      roles=CLERKS, outside=False),
        "settings.set_setting": Case(lambda w, a, s: app_settings.set_setting(a, "report_cutoff_day", 26),
                                     roles=CLERKS, outside=False),
        "auditlog.count_audit": Case(lambda w, a, s: auditlog.count_audit(a, AuditFilter(user=s.worker_login)),
                                     roles=CLERKS, contains=lambda r, s: r > 0),
        "auditlog.query_audit": Case(lambda w, a, s: auditlog.query_audit(a, AuditFilter(user=s.worker_login)),
                                     roles=CLERKS, contains=lambda r, s: r.total > 0),
        "auditlog.audit_users": Case(lambda w, a, s: auditlog.audit_users(a), roles=CLERKS,
                                     contains=lambda r, s: s.worker_login in {login for login, _ in r}),
        "auditlog.export_audit": Case(lambda w, a, s: auditlog.export_audit(
            a, w.folder / f"audit-{s.name}.xlsx", AuditFilter(user=s.worker_login)), roles=CLERKS,
            contains=lambda r, s: r > 0),
        "auditlog.require_viewer": Helper("a role predicate for the audit viewer"),
        "reporting.may_summarize": Helper("a role predicate for the 汇总表 menu"),
        "reporting.may_export_ledgers": Helper("a role predicate for the ledger export menu"),
        "reporting.may_import": Helper("a role predicate for the import menu"),
        "reporting.may_unmask": Helper("a role predicate for the unmasked-export option"),
        "backups.backup_now": Case(lambda w, a, s: backups.backup_now(a), roles=ADMIN_ONLY, outside=False),
        "backups.restore_backup": Case(lambda w, a, s: backups.restore_backup(a, gdb.backup(w.folder / "b.sqlite3")),
                                       roles=ADMIN_ONLY, outside=False),
        "privacy.can_see_sensitive": Helper("a role predicate"),
        "privacy.can_see_minors": Helper("a role predicate"),
        "privacy.can_unmask": Helper("a role predicate"),
        "privacy.policy": Helper("the role's privacy policy; reads settings and code tables only"),
        "privacy.mask_person_fields": Helper("masks a row the caller already loaded in scope"),
        "privacy.mask_rows": Helper("masks rows the caller already loaded in scope"),
        "privacy.visible_categories": Helper("filters category codes by role"),
        "privacy.tag_filter": Helper("builds a WHERE expression; the calling query applies the scope"),
        "privacy.require_unmask": Helper("a role predicate"),
        "privacy.reveal": Internal("checks the role and audits 显示完整 of a record its caller loaded in scope"),
        "privacy.record_export": Internal("checks the role and audits an export its caller scoped"),
        "actor.scope_filter": Helper("the scope rule itself, as a WHERE expression"),
        "actor.in_scope": Helper("the scope rule itself, for one record the caller holds"),
        "actor.require_in_scope": Helper("the scope rule itself, raising"),
        "actor.require_role": Helper("the role rule itself"),
        "actor.division_in_scope": Helper("the scope rule for a division code"),
        "audit.record": Internal("appends the audit row of a change its caller already checked"),
    }


def _exchange():
    from gridapp.errors import ValidationError
    from gridapp.services import exchange

    lenient = (*REFUSED, ValidationError)  # a peer of another township can't even be registered here
    no_township_outside = (TOWNSHIP,)  # this township centre exchanges with its own stations only

    def imported(w, s):
        exchange.import_package(w.actors[SYSADMIN], w.folder / f"pkg{s.name}.gridpkg")
        return {}

    return {
        "exchange.station": Case(lambda w, a, s: exchange.station(a), outside=False),
        "exchange.station_secret": Case(lambda w, a, s: exchange.station_secret(a), roles=CLERKS, outside=False),
        "exchange.suggested_filename": Helper("names the next package file from this installation's counter"),
        "exchange.setup_station": Case(lambda w, a, s: exchange.setup_station(a, "X9", "新站", village_code=s.village_code),
                                       roles=CLERKS),
        "exchange.register_peer": Case(lambda w, a, s: exchange.register_peer(
            a, f"S{s.name}", "站点", s.village_code, secret=SECRETS[s.name]), roles=CLERKS, outside_refusal=lenient),
        "exchange.list_peers": Case(lambda w, a, s: exchange.list_peers(a), roles=MANAGERS,
                                    contains=lambda r, s: f"S{s.name}" in ids_of(r, "peer_id")),
        "exchange.export_package": Case(lambda w, a, s: exchange.export_package(
            a, w.folder / f"out{s.name}.gridpkg", f"S{s.name}"), roles=MANAGERS, outside_refusal=lenient),
        "exchange.import_package": Case(lambda w, a, s: exchange.import_package(a, w.folder / f"pkg{s.name}.gridpkg"),
                                        roles=MANAGERS, no_outside=no_township_outside),
        "exchange.write_acknowledgement": Case(lambda w, a, s: exchange.write_acknowledgement(
            a, f"S{s.name}", w.folder / f"ack{s.name}.gridpkg"), roles=MANAGERS, prepare=imported,
            no_outside=no_township_outside),
        "exchange.history": Case(lambda w, a, s: exchange.history(a), roles=MANAGERS, prepare=imported,
                                 contains=lambda r, s: f"S{s.name}" in ids_of(r, "peer_id"),
                                 no_outside=no_township_outside),
        "exchange.list_conflicts": Case(lambda w, a, s: exchange.list_conflicts(a), roles=MANAGERS,
                                        contains=lambda r, s: s.conflict_id in ids_of(r)),
        "exchange.get_conflict": Case(lambda w, a, s: exchange.get_conflict(a, s.conflict_id), roles=MANAGERS),
        "exchange.resolve_conflict": Case(lambda w, a, s: exchange.resolve_conflict(a, s.conflict_id, "remote"),
                                          roles=MANAGERS),
    }


def _ledger(w, s, path):
    """A one-household ledger for the side's grid."""
    from gridapp.models import Division

    village = Division.get_by_id(s.village_code).name
    township = Division.get_by_id(s.township_code).name
    wb = Workbook()
    wb.active.append(["乡镇(街道)", "村(社区)", "网格", "户号", "户主姓名", "姓名", "与户主关系", "性别", "公民身份号码"])
    number = ids.make_id("420281", dt.date(1990, 3, ord(s.name) - 60), 21)
    wb.active.append([township, village, f"网格{s.name}", f"N{s.name}", "导入户主", "导入户主", "户主", "男", number])
    wb.save(path)
    return {"ledger": path}


def _cells(path) -> set:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        return {v for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row}
    finally:
        wb.close()


def _mediated(w, s):
    """The side's dispute closed by 人民调解 with 化解成功 and an agreement (it has a 调解协议书)."""
    from gridapp.models import Event, now

    Event.update(state="已办结", outcome="化解成功", method="人民调解", mediator="调解员", agreement="双方和解",
                 closed_at=now()).where(Event.id == s.event_id).execute()
    return {}


def _reports_and_imports():
    from gridapp import importers
    from gridapp.reports import ledgers, print_forms, summary

    year = dt.date.today().year
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)

    def ledger_file(w, s):
        return _ledger(w, s, w.folder / f"ledger{s.name}.xlsx")

    return {
        "reports.ledgers.ledger_rows": Case(lambda w, a, s: list(ledgers.ledger_rows(a, "households", unit=s.village_code)),
                                            contains=lambda r, s: any(f"H{s.name}" in row for row in r)),
        "reports.ledgers.export_ledger": Case(lambda w, a, s: ledgers.export_ledger(
            a, "households", w.folder / f"ledger-out-{s.name}.xlsx", unit=s.village_code, unmask=True),
            roles=RESIDENT_ROLES, contains=lambda r, s: f"H{s.name}" in _cells(r.path)),
        "reports.summary.compute_summary": Case(lambda w, a, s: summary.compute_summary(a, s.village_code, start, end),
                                                roles=frozenset({VILLAGE_ADMIN, TOWNSHIP})),
        "reports.summary.write_summary": Case(lambda w, a, s: summary.write_summary(
            a, s.village_code, start, end, w.folder / f"summary-{s.name}.xlsx"), roles=frozenset({VILLAGE_ADMIN, TOWNSHIP})),
        "reports.print_forms.household_form": Case(lambda w, a, s: print_forms.household_form(
            a, s.household_id, unmask=True), roles=RESIDENT_ROLES),
        "reports.print_forms.visit_form": Case(lambda w, a, s: print_forms.visit_form(a, s.visit_id)),
        "reports.print_forms.agreement_form": Case(lambda w, a, s: print_forms.agreement_form(a, s.event_id),
                                                   prepare=_mediated),
        "importers.import_file": Case(lambda w, a, s: importers.import_file(a, "households", s.ledger),
                                      roles=RESIDENT_ROLES, prepare=ledger_file, contains=lambda r, s: r.accepted > 0),
        "importers.preview": Case(lambda w, a, s: importers.preview(a, "households", s.ledger), roles=RESIDENT_ROLES,
                                  prepare=ledger_file, contains=lambda r, s: r.good > 0),
    }


MATRIX: dict = {
    **_reports_and_imports(), **_exchange(), **_households(), **_people(), **_events(), **_places(), **_visits(), **_worklist_and_rules(), **_dashboard(),
    **_grids_and_codes(), **_attachments(), **_accounts(), **_admin_services(),
}


# Where functions that act for a user live: the services, and the exports and imports built on them.
# Entries are named "module.function" for services, "reports.<module>.function" and
# "importers.function" for the others.
PACKAGES = {"gridapp.services": "", "gridapp.reports": "reports.", "gridapp.importers": "importers."}


def public_actor_functions() -> list[str]:
    found = []
    for package, prefix in PACKAGES.items():
        root = importlib.import_module(package)
        modules = [(prefix.rstrip("."), root)] if prefix else []
        modules += [(f"{prefix}{info.name}", importlib.import_module(f"{package}.{info.name}"))
                    for info in pkgutil.iter_modules(root.__path__)]
        for label, module in modules:
            for name, fn in vars(module).items():
                if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                    continue
                params = list(inspect.signature(fn).parameters)
                if params and params[0] == "actor":
                    found.append(f"{label}.{name}")
    return sorted(found)


def test_every_service_function_has_an_entry():
    missing = [name for name in public_actor_functions() if name not in MATRIX]
    assert not missing, ("public service functions without a scope-matrix entry (add each to MATRIX in "
                         "tests/core/test_scope_matrix.py): " + ", ".join(missing))
    stale = sorted(set(MATRIX) - set(public_actor_functions()))
    assert not stale, "MATRIX entries for functions that no longer exist: " + ", ".join(stale)


# Problems this matrix found in other engineers' code, reported to them; each is an expected failure
# until fixed (xfail_strict turns the fix into a reminder to delete the line).
KNOWN_PROBLEMS: dict[tuple[str, str], str] = {
}

CASES = sorted(name for name, case in MATRIX.items() if isinstance(case, Case))


def owner(s):
    """The township centre of a side: may prepare anything there."""
    return actor_for(TOWNSHIP_USER[s.township_code])


def _prepared(world, case, name):
    side = world.side(name)
    if case.prepare is None:
        return side
    return SimpleNamespace(**{**vars(side), **case.prepare(world, side)})


@pytest.mark.parametrize("name, role", [
    pytest.param(name, role, marks=pytest.mark.xfail(reason=KNOWN_PROBLEMS[(name, role)], raises=AssertionError,
                                                     strict=True) if (name, role) in KNOWN_PROBLEMS else ())
    for name in CASES for role in ROLES])
def test_scope(world, name, role):
    case = MATRIX[name]
    actor = world.actors[role]
    inside = _prepared(world, case, "A")
    if role not in case.roles:
        before = snapshot()
        with pytest.raises(case.refusal):
            case.call(world, actor, inside)
        assert snapshot() == before, f"{name} as {role}: refused, but something changed"
        return
    outside_name = "C" if case.divisions and role == GRID_WORKER else OUTSIDE_SIDE[role]
    if case.outside and outside_name and role not in case.no_outside:
        outside = _prepared(world, case, outside_name)
        before = snapshot()
        try:
            result = case.call(world, actor, outside)
        except case.outside_refusal:
            assert snapshot() == before, f"{name} as {role}: refused outside its scope, but something changed"
        else:
            assert case.contains is not None, f"{name} as {role} was not refused outside its scope"
            assert not case.contains(result, outside), f"{name} as {role} returned a record outside its scope"
    result = case.call(world, actor, inside)
    if case.contains is not None:
        assert case.contains(result, inside), f"{name} as {role} did not return the record inside its scope"


@pytest.mark.parametrize("name", sorted(n for n, c in MATRIX.items() if not isinstance(c, Case)))
def test_helpers_and_internals_give_a_reason(name):
    assert len(MATRIX[name].reason) > 10
