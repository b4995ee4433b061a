import datetime as dt
import json
from dataclasses import replace

import pytest

from gridapp import db as gdb
from gridapp.errors import (
    DuplicateError, NeedsConfirmation, NotFoundError, PermissionDenied, StaleRecordError, ValidationError,
    ValidationErrors,
)
from gridapp.models import AuditLog, Household, Person, database
from gridapp.services import households, people
from gridapp.services.actor import GRID_WORKER, SYSADMIN, TOWNSHIP as TOWNSHIP_ROLE, VILLAGE_ADMIN
from gridapp.services.households import HouseholdInput, HouseholdQuery
from gridapp.services.people import PersonInput, TagInput
from tests.core.factories import (
    OTHER_TOWNSHIP_VILLAGE, OTHER_VILLAGE, TOWNSHIP, VILLAGE, household_input, make_actor, make_grid,
    make_household, make_id_number, person_input,
)


@pytest.fixture
def area(db):
    grid = make_grid()
    clerk = make_actor(TOWNSHIP_ROLE, TOWNSHIP)
    return grid, clerk


def audit_rows(uid, action):
    return [json.loads(r.changes) for r in AuditLog.select().where((AuditLog.uid == uid) & (AuditLog.action == action))]


def heads(household_id):
    return [p.id for p in Person.select().where((Person.household == household_id) & Person.is_head
                                                & Person.deleted_at.is_null())]


# --------------------------------------------------------------------------- create / get
def test_create_makes_the_head_and_members_in_one_go(area):
    grid, clerk = area
    head = person_input("张建国", male=True, relation="99")
    home = households.create(clerk, HouseholdInput(grid.id, " 0012 ", "石应高村 3组 12号", phone="13912345678"),
                             head, [person_input("李秀英", relation="12", male=False),
                                    person_input("张伟", relation="20", male=True)])
    assert (home.number, home.address, home.head_name, home.member_count) == ("0012", "石应高村 3组 12号", "张建国", 3)
    assert [(m.name, m.is_head, m.relation) for m in home.members] == [
        ("张建国", True, "02"), ("李秀英", False, "12"), ("张伟", False, "20")]
    assert (home.phone, home.phone_masked, home.village_name, home.township_name) == (
        "139****5678", "139****5678", "石应高村", "大箕铺镇")
    row = Household.get_by_id(home.id)
    assert (row.addr_tokens, row.phone_rev, row.county_code) == ("石 应 高 村 3 组 1 2 号", "87654321931", "420281")
    assert audit_rows(home.uid, "create")[0]["number"] == [None, "0012"]
    assert len(AuditLog.select().where((AuditLog.entity == "person") & (AuditLog.action == "create"))) == 3
    assert gdb.check(database.obj).ok


def test_create_names_the_fields_of_head_and_members(area):
    grid, clerk = area
    same = make_id_number()
    with pytest.raises(ValidationErrors) as info:
        households.create(clerk, HouseholdInput(grid.id, "", reg_type="别墅户", phone="123"),
                          PersonInput(name="王五", relation="10", id_number=same),
                          [PersonInput(name="", relation="02"), PersonInput(name="赵六", id_number=same)])
    assert [e.field for e in info.value.errors] == [
        "number", "reg_type", "phone", "head.relation", "members[0].name", "members[0].relation",
        "members[1].id_number"]
    assert Household.select().count() == 0 and Person.select().count() == 0


def test_create_refuses_a_used_number_or_id_and_writes_nothing(area):
    grid, clerk = area
    first = make_household(clerk, grid.id, 1, number="0001")
    with pytest.raises(DuplicateError, match="户号 0001 在石应高村已被使用") as info:
        make_household(clerk, grid.id, 1, number="0001")
    assert info.value.field == "number" and info.value.existing == first.uid
    taken = Person.get_by_id(first.members[0].id).id_number
    with pytest.raises(DuplicateError) as info:
        households.create(clerk, household_input(grid.id), person_input(), [PersonInput(name="王五", id_number=taken)])
    assert info.value.field == "members[0].id_number" and first.members[0].name in info.value.message
    assert Household.select().count() == 1
    assert make_household(clerk, make_grid(OTHER_VILLAGE).id, 1, number="0001").number == "0001"


def test_create_asks_to_confirm_a_similar_person(area):
    grid, clerk = area
    born = dt.date(1970, 1, 1)
    make_household(clerk, grid.id, head=PersonInput(name="王芳", birth_date=born), members=[])
    with pytest.raises(NeedsConfirmation) as info:
        households.create(clerk, household_input(grid.id), PersonInput(name="王芳", birth_date=born))
    assert info.value.field == "head.name"
    assert households.create(clerk, household_input(grid.id), PersonInput(name="王芳", birth_date=born),
                             confirm=True).head_name == "王芳"


def test_get_masks_and_reveal_shows_the_phone_with_an_audit_row(area):
    grid, clerk = area
    home = make_household(clerk, grid.id, 1, phone="0714-8123456")
    assert households.get(clerk, home.id).phone == "0714-***3456"
    assert households.reveal(clerk, home.id).phone == "0714-8123456"
    assert audit_rows(home.uid, "view_sensitive") == [{"fields": ["phone"]}]
    with pytest.raises(PermissionDenied):
        households.reveal(make_actor(SYSADMIN), home.id)


def test_next_number_continues_the_village_numbering(area):
    grid, clerk = area
    assert households.next_number(clerk, grid.id) == "0001"
    make_household(clerk, grid.id, 1, number="0041")
    make_household(clerk, grid.id, 1, number="A7")
    assert households.next_number(clerk, grid.id) == "0042"


# --------------------------------------------------------------------------- update / move
def test_update_checks_version_and_audits_changes(area):
    grid, clerk = area
    home = make_household(clerk, grid.id, 2, address="旧址")
    data = HouseholdInput(grid.id, home.number, "新址 8号", "流动户", "租住")
    saved = households.update(clerk, home.id, data, version=home.version)
    assert (saved.address, saved.reg_type, saved.housing, saved.version) == ("新址 8号", "流动户", "租住", 2)
    assert Household.get_by_id(home.id).addr_tokens == "新 址 8 号"
    assert audit_rows(home.uid, "update")[0] == {"address": ["旧址", "新址 8号"], "reg_type": ["户籍户", "流动户"],
                                                  "housing": ["自有", "租住"]}
    with pytest.raises(StaleRecordError):
        households.update(clerk, home.id, replace(data, address="又一址"), version=home.version)


def test_update_keeps_a_masked_phone(area):
    grid, clerk = area
    home = make_household(clerk, grid.id, 1, phone="13912345678")
    saved = households.update(clerk, home.id, HouseholdInput(grid.id, home.number, "x", phone=home.phone),
                              version=home.version)
    assert Household.get_by_id(saved.id).phone == "13912345678"


def test_move_carries_the_members_to_the_new_grid_and_village(area):
    grid, clerk = area
    home = make_household(clerk, grid.id, 3, number="0007")
    people.delete(clerk, home.members[2].id)
    target = make_grid(OTHER_VILLAGE)
    moved = households.move(clerk, home.id, target.id)
    assert (moved.grid_id, moved.village_name, moved.village_code) == (target.id, "袁家咀村", OTHER_VILLAGE)
    assert {(p.grid_id, p.village_code) for p in Person.select().where(Person.household == home.id)} == {
        (target.id, OTHER_VILLAGE)}
    assert audit_rows(home.uid, "move")[0]["village_code"] == [VILLAGE, OTHER_VILLAGE]
    assert [p.version for p in Person.select().where((Person.household == home.id) & Person.deleted_at.is_null())
            ] == [2, 2]


def test_move_refuses_a_clashing_number_and_grids_out_of_scope(area):
    grid, clerk = area
    home = make_household(clerk, grid.id, 1, number="0007")
    target = make_grid(OTHER_VILLAGE)
    make_household(clerk, target.id, 1, number="0007")
    with pytest.raises(DuplicateError, match="户号 0007 在袁家咀村已被使用"):
        households.move(clerk, home.id, target.id)
    far = make_grid(OTHER_TOWNSHIP_VILLAGE)
    with pytest.raises(PermissionDenied):
        households.move(clerk, home.id, far.id)


def test_update_with_another_grid_moves_too(area):
    grid, clerk = area
    home = make_household(clerk, grid.id, 2)
    target = make_grid(OTHER_VILLAGE)
    households.update(clerk, home.id, HouseholdInput(target.id, home.number), version=home.version)
    assert {p.village_code for p in Person.select().where(Person.household == home.id)} == {OTHER_VILLAGE}


# --------------------------------------------------------------------------- delete / restore
def test_delete_and_restore_take_the_members_along(area):
    grid, clerk = area
    home = make_household(clerk, grid.id, 3)
    gone_before = home.members[2]
    people.delete(clerk, gone_before.id)
    households.delete(clerk, home.id)
    assert households.count(clerk, HouseholdQuery()) == 0
    binned = households.page(clerk, HouseholdQuery(deleted=True))
    assert [(h.id, h.member_count, h.head_name) for h in binned] == [(home.id, 2, home.head_name)]
    assert people.count(clerk) == 0
    with pytest.raises(NotFoundError):
        households.update(clerk, home.id, HouseholdInput(grid.id, "1"), version=2)
    back = households.restore(clerk, home.id)
    assert [m.id for m in back.members] == [home.members[0].id, home.members[1].id]
    assert Person.get_by_id(gone_before.id).deleted_at is not None
    assert audit_rows(home.uid, "restore") and audit_rows(home.members[0].uid, "restore")
    assert gdb.check(database.obj).ok


def test_restore_is_refused_when_an_id_or_the_number_is_taken(area):
    grid, clerk = area
    home = make_household(clerk, grid.id, 2, number="0003")
    taken = Person.get_by_id(home.members[1].id).id_number
    households.delete(clerk, home.id)
    squatter = make_household(clerk, grid.id, head=PersonInput(name="后来者", id_number=taken), members=[])
    with pytest.raises(DuplicateError, match=f"无法恢复：成员{home.members[1].name}的公民身份号码已登记：后来者"):
        households.restore(clerk, home.id)
    households.delete(clerk, squatter.id)
    make_household(clerk, grid.id, 1, number="0003")
    with pytest.raises(DuplicateError, match="户号 0003"):
        households.restore(clerk, home.id)


# --------------------------------------------------------------------------- head
def family(clerk, grid_id):
    """Old head 张父 with wife, two sons (older and younger), the elder son's wife and child, and a lodger."""
    born = dt.date
    return make_household(clerk, grid_id, head=person_input("张父", male=True, birth_date=None), members=[
        person_input("李母", relation="12", male=False),
        person_input("张大", relation="22", male=True, id_number=make_id_number(birth=born(1980, 1, 1), male=True)),
        person_input("张二", relation="23", male=True, id_number=make_id_number(birth=born(1985, 1, 1), male=True)),
        person_input("王媳", relation="38", male=False),
        person_input("张孙", relation="41", male=True),
        person_input("租客", relation="99"),
    ])


def test_suggest_relations_when_the_elder_son_takes_over(area):
    grid, clerk = area
    home = family(clerk, grid.id)
    ids_ = {m.name: m.id for m in home.members}
    suggested = households.suggest_relations(clerk, home.id, ids_["张大"])
    named = {name: suggested[pid] for name, pid in ids_.items() if pid in suggested}
    assert named == {"张父": "51", "李母": "52", "张二": "73", "王媳": "12", "张孙": "97", "租客": "99"}


def test_suggest_relations_when_the_wife_takes_over(area):
    grid, clerk = area
    home = family(clerk, grid.id)
    ids_ = {m.name: m.id for m in home.members}
    suggested = households.suggest_relations(clerk, home.id, ids_["李母"])
    assert suggested[ids_["张父"]] == "11" and suggested[ids_["张大"]] == "22" and suggested[ids_["王媳"]] == "38"


def test_set_head_changes_the_head_in_one_action(area):
    grid, clerk = area
    home = family(clerk, grid.id)
    ids_ = {m.name: m.id for m in home.members}
    after = households.set_head(clerk, home.id, ids_["张大"], {ids_["张孙"]: "20"})
    assert heads(home.id) == [ids_["张大"]]
    relation = {m.name: m.relation for m in after.members}
    # the old head gets the suggested relation; the others change only as given
    assert relation == {"张大": "02", "张父": "51", "李母": "12", "张二": "23", "王媳": "38", "张孙": "20", "租客": "99"}
    assert after.head_name == "张大" and after.members[0].name == "张大" and after.version == 2
    assert audit_rows(home.uid, "update")[0]["head"] == [home.members[0].uid, after.members[0].uid]
    with pytest.raises(ValidationError, match="新户主必须是本户的在册成员"):
        households.set_head(clerk, home.id, make_household(clerk, grid.id, 1).members[0].id)
    with pytest.raises(ValidationErrors, match="不能同时是户主"):
        households.set_head(clerk, home.id, ids_["张二"], {ids_["张父"]: "02"})
    assert gdb.check(database.obj).ok


def test_set_head_with_the_confirmed_suggestions_rewrites_every_relation(area):
    grid, clerk = area
    home = family(clerk, grid.id)
    ids_ = {m.name: m.id for m in home.members}
    suggested = households.suggest_relations(clerk, home.id, ids_["张大"])
    after = households.set_head(clerk, home.id, ids_["张大"], suggested)
    assert {m.name: m.relation for m in after.members} == {
        "张大": "02", "张父": "51", "李母": "52", "张二": "73", "王媳": "12", "张孙": "97", "租客": "99"}
    assert [m.name for m in after.members][:3] == ["张大", "王媳", "张父"]


# --------------------------------------------------------------------------- listing
def test_page_sorts_by_each_key_in_sql(area):
    grid, clerk = area
    grid2 = make_grid(VILLAGE, "二网格")
    make_household(clerk, grid2.id, 1, number="0003", address="c路", head=person_input("阿大"))
    make_household(clerk, grid.id, 3, number="0001", address="b路", head=person_input("周三"), reg_type="流动户")
    make_household(clerk, grid.id, 2, number="0002", address="a路", head=person_input("白二"))

    def order(sort, descending=False):
        return [h.number for h in households.page(clerk, HouseholdQuery(sort=sort, descending=descending))]

    assert order("number") == ["0001", "0002", "0003"]
    assert order("number", True) == ["0003", "0002", "0001"]
    assert order("head") == ["0003", "0002", "0001"]
    assert order("address") == ["0002", "0001", "0003"]
    assert order("members") == ["0003", "0002", "0001"]
    assert order("members", True) == ["0001", "0002", "0003"]
    assert order("grid") == ["0001", "0002", "0003"]
    assert order("grid", True) == ["0003", "0002", "0001"]
    assert order("reg_type") == ["0002", "0003", "0001"]
    assert [h.number for h in households.page(clerk, HouseholdQuery(), offset=1, limit=1)] == ["0002"]
    with pytest.raises(ValidationError):
        households.page(clerk, HouseholdQuery(sort="size"))


def test_filters_combine(area):
    grid, clerk = area
    grid2 = make_grid(OTHER_VILLAGE)
    a = make_household(clerk, grid.id, 2)
    b = make_household(clerk, grid2.id, 2)
    people.set_tags(clerk, a.members[1].id, [TagInput("lset", "02", dt.date(2024, 1, 1))])
    people.set_tags(clerk, b.members[0].id, [TagInput("lset", "02", dt.date(2024, 1, 1), until=dt.date(2024, 2, 1))])
    people.update(clerk, b.members[1].id, replace(people.as_input(people.get(clerk, b.members[1].id)), residence="外出"),
                  version=1)

    def found(**kw):
        return [h.id for h in households.page(clerk, HouseholdQuery(**kw))]

    assert found(category="lset") == [a.id]
    assert households.page(clerk, HouseholdQuery(category="lset"))[0].tags == ("留守儿童",)
    assert found(residence="外出") == [b.id]
    assert found(village_code=OTHER_VILLAGE) == [b.id]
    assert found(grid_id=grid.id, category="lset") == [a.id]
    assert found(grid_id=grid2.id, category="lset") == []
    assert found(township_code=TOWNSHIP) == [a.id, b.id]
    assert found(township_code="420281103") == []


def test_scoping_for_grid_workers_villages_and_townships(area):
    grid, clerk = area
    grid2 = make_grid(VILLAGE, "二网格")
    far_grid = make_grid(OTHER_TOWNSHIP_VILLAGE)
    mine = make_household(clerk, grid.id, 1)
    theirs = make_household(clerk, grid2.id, 1)
    neighbour = make_household(clerk, make_grid(OTHER_VILLAGE).id, 1)
    far = make_household(make_actor(TOWNSHIP_ROLE, "420281103"), far_grid.id, 1)
    worker = make_actor(GRID_WORKER, grid_ids=(grid.id,))
    village = make_actor(VILLAGE_ADMIN, VILLAGE)
    assert [h.id for h in households.page(worker)] == [mine.id]
    assert {h.id for h in households.page(village)} == {mine.id, theirs.id}
    assert {h.id for h in households.page(clerk)} == {mine.id, theirs.id, neighbour.id}
    assert households.count(make_actor(TOWNSHIP_ROLE, "420281")) == 4
    for call in (lambda: households.get(worker, theirs.id), lambda: households.get(village, neighbour.id),
                 lambda: households.get(clerk, far.id), lambda: households.delete(worker, theirs.id),
                 lambda: households.set_head(village, neighbour.id, neighbour.members[0].id),
                 lambda: households.suggest_relations(clerk, far.id, far.members[0].id),
                 lambda: households.update(worker, theirs.id, HouseholdInput(grid2.id, "9"), 1),
                 lambda: households.create(worker, household_input(grid2.id), person_input()),
                 lambda: households.move(worker, mine.id, grid2.id),
                 lambda: households.create(make_actor(SYSADMIN), household_input(grid.id), person_input())):
        with pytest.raises(PermissionDenied):
            call()


def test_sensitive_tags_stay_hidden_in_rows(area):
    grid, clerk = area
    home = make_household(clerk, grid.id, 2)
    people.set_tags(clerk, home.members[1].id, [TagInput("sqjz", "01", dt.date(2024, 1, 1)),
                                                TagInput("cjr", "02", dt.date(2024, 1, 1))])
    assert households.get(clerk, home.id).tags == ("社区矫正人员", "残疾人")
    admin = make_actor(SYSADMIN)
    assert households.page(admin)[0].tags == ("残疾人",)
    assert households.get(admin, home.id).members[1].tags == ("残疾人",)
    with pytest.raises(PermissionDenied):
        households.page(admin, HouseholdQuery(category="sqjz"))


class QueryCounter:
    """Counts the SQL statements run through the bound database."""

    def __init__(self, monkeypatch):
        self.statements: list[str] = []
        real = database.obj.execute_sql

        def counting(sql, params=None, *args, **kwargs):
            self.statements.append(sql)
            return real(sql, params, *args, **kwargs)

        monkeypatch.setattr(database.obj, "execute_sql", counting)

    def run(self, call):
        self.statements.clear()
        call()
        return len(self.statements)


def test_a_page_costs_the_same_few_queries_whatever_its_size(area, monkeypatch):
    grid, clerk = area
    for i in range(3):
        home = make_household(clerk, grid.id, 2, phone="13900001111")
        people.set_tags(clerk, home.members[0].id, [TagInput("djlr", "02", dt.date(2024, 1, 1))])
    counter = QueryCounter(monkeypatch)
    small = counter.run(lambda: households.page(clerk, HouseholdQuery(sort="head"), limit=200))
    people_small = counter.run(lambda: people.page(clerk, limit=200))
    monkeypatch.undo()
    for i in range(40):
        home = make_household(clerk, grid.id, 3)
        people.set_tags(clerk, home.members[1].id, [TagInput("cjr", "02", dt.date(2024, 1, 1))])
    counter = QueryCounter(monkeypatch)
    rows = []
    big = counter.run(lambda: rows.extend(households.page(clerk, HouseholdQuery(sort="head"), limit=200)))
    people_big = counter.run(lambda: people.page(clerk, limit=200))
    assert len(rows) == 43 and all(r.head_name and r.member_count for r in rows)
    assert big == small <= 3
    assert people_big == people_small <= 3
    assert counter.run(lambda: households.count(clerk, HouseholdQuery(text="zs"))) == 1
