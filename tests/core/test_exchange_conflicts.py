"""Conflicts: the 3-way field merge, and what a person sees and chooses in 冲突处理."""
from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gridapp.errors import NotFoundError, PermissionDenied, ValidationError
from gridapp.exchange.conflicts import three_way
from gridapp.models import AuditLog, ExchangeConflict, Household, Person
from gridapp.services import exchange, households
from gridapp.services.actor import GRID_WORKER, TOWNSHIP
from tests.core.test_exchange import (  # noqa: F401 - fixtures
    TOWN, VILLAGE_A, _edit_person, _user, _village_a_register, assert_same, on, world, world_template,
)


# --------------------------------------------------------------------------- the field merge
def _rec(**fields):
    return {"uid": "u1", "version": 1, "updated_at": "2025-01-01 08:00:00", "updated_by": "x", **fields}


def test_changes_to_different_fields_merge_and_meta_comes_from_the_newer_side():
    base = _rec(name="张三", phone=None, notes="")
    local = {**base, "phone": "13812345678", "version": 2, "updated_at": "2025-01-02 08:00:00", "updated_by": "a"}
    remote = {**base, "notes": "外出务工", "version": 3, "updated_at": "2025-01-03 08:00:00", "updated_by": "t"}
    outcome = three_way(base, local, remote)
    assert outcome.conflicting == ()
    assert (outcome.record["phone"], outcome.record["notes"]) == ("13812345678", "外出务工")
    assert (outcome.record["version"], outcome.record["updated_by"]) == (4, "t")
    assert outcome.record["updated_at"] == "2025-01-03 08:00:00"


def test_the_same_field_changed_differently_conflicts_and_to_the_same_value_does_not():
    base = _rec(phone="1", notes="")
    assert three_way(base, {**base, "phone": "2"}, {**base, "phone": "3"}).conflicting == ("phone",)
    assert three_way(base, {**base, "phone": "2"}, {**base, "phone": "2"}).conflicting == ()


def test_a_deletion_against_an_edit_is_a_conflict():
    base = _rec(phone="1", deleted_at=None)
    deleted = {**base, "deleted_at": "2025-02-01 09:00:00"}
    edited = {**base, "phone": "2"}
    assert set(three_way(base, deleted, edited).conflicting) == {"deleted_at", "phone"}
    assert set(three_way(base, edited, deleted).conflicting) == {"deleted_at", "phone"}


def test_without_a_shared_version_a_value_fills_a_blank_and_two_values_conflict():
    local = _rec(phone=None, notes="甲", occupation="")
    remote = _rec(phone="13812345678", notes="乙", occupation="农民")
    outcome = three_way(None, local, remote)
    assert outcome.conflicting == ("notes",)
    assert (outcome.record["phone"], outcome.record["occupation"]) == ("13812345678", "农民")


values = st.one_of(st.none(), st.sampled_from(["", "a", "b", "c"]))
records = st.fixed_dictionaries({"f1": values, "f2": values, "f3": values})


@given(records, records, records)
def test_the_merge_keeps_every_one_sided_change_and_never_invents_values(base, local, remote):
    outcome = three_way(_rec(**base), _rec(**local), _rec(**remote))
    for f in ("f1", "f2", "f3"):
        merged = outcome.record[f]
        assert merged in (local[f], remote[f])
        if f in outcome.conflicting:
            assert local[f] != remote[f] and local[f] != base[f] and remote[f] != base[f]
            assert merged == local[f]  # this side's record stays until a person chooses
        elif local[f] == base[f]:
            assert merged == remote[f]
        else:
            assert merged == local[f]


@given(records, records)
def test_merging_is_symmetric_when_nothing_conflicts(local, remote):
    base = _rec(f1=None, f2=None, f3=None)
    here = three_way(base, _rec(**local), _rec(**remote))
    there = three_way(base, _rec(**remote), _rec(**local))
    if not here.conflicting:
        assert here.record == {**there.record, "uid": here.record["uid"]}


# --------------------------------------------------------------------------- a conflict across databases
def _conflicting_phones(world) -> None:
    """Both A and the township change 张三's phone (and the township also his occupation)."""
    _village_a_register(world)
    world.sync(world.A)
    with on(world.A):
        _edit_person(world.actor("admin_a"), "张三", phone="13811111111")
    with on(world.T):
        _edit_person(world.actor("clerk"), "张三", phone="13922222222", occupation="个体户")


def test_a_conflict_keeps_both_versions_and_the_record_stays_home(world):
    _conflicting_phones(world)
    result = world.take(world.T, world.package(world.A))
    assert result.conflicts == 1
    assert "冲突 1" in result.summary
    with on(world.T):
        clerk = world.actor("clerk")
        [row] = exchange.list_conflicts(clerk)
        assert (row.entity_label, row.label, row.peer_name) == ("人员", "张三", "大箕铺街社区服务站")
        phone = next(f for f in row.fields if f.name == "phone")
        assert (phone.local, phone.remote, phone.conflicting, phone.default) == (
            "13922222222", "13811111111", True, None)
        occupation = next(f for f in row.fields if f.name == "occupation")
        assert (occupation.conflicting, occupation.default) == (False, "local")
        assert not any(f.name in ("pinyin", "phone_rev") for f in row.fields)  # derived keys follow their field
        assert Person.get(Person.name == "张三").phone == "13922222222"  # nothing overwritten
        assert exchange.list_peers(clerk)[0].open_conflicts == 1
    # while the conflict is open the township does not send its version of the record
    back = world.package(world.T, receiver="A001")
    import zipfile

    with zipfile.ZipFile(back) as zf:
        assert "records/person.jsonl" not in zf.namelist()


def test_resolving_field_by_field_reaches_both_sides(world):
    _conflicting_phones(world)
    world.take(world.T, world.package(world.A))
    with on(world.T):
        clerk = world.actor("clerk")
        [row] = exchange.list_conflicts(clerk)
        with pytest.raises(ValidationError, match="请为“联系电话”选择"):
            exchange.resolve_conflict(clerk, row.id)
        with pytest.raises(ValidationError, match="应为 local 或 remote"):
            exchange.resolve_conflict(clerk, row.id, fields={"phone": "both"})
        done = exchange.resolve_conflict(clerk, row.id, fields={"phone": "remote"})
        assert done.status == "resolved" and done.resolved_by == "clerk"
        person = Person.get(Person.name == "张三")
        assert (person.phone, person.phone_rev, person.occupation) == ("13811111111", "11111111831", "个体户")
        assert exchange.list_conflicts(clerk) == []
        assert len(exchange.list_conflicts(clerk, status=None)) == 1
        audit = AuditLog.select().where(AuditLog.uid == person.uid).order_by(AuditLog.id.desc()).first()
        assert json.loads(audit.changes)["phone"] == ["13922222222", "13811111111"]
        with pytest.raises(ValidationError, match="已处理过"):
            exchange.resolve_conflict(clerk, row.id, choice="local")
    world.take(world.A, world.package(world.T, receiver="A001"))
    with on(world.A):
        person = Person.get(Person.name == "张三")
        assert (person.phone, person.occupation) == ("13811111111", "个体户")
    world.sync(world.A)
    assert_same(world, world.A, VILLAGE_A)


@pytest.mark.parametrize("choice, phone, occupation", [("local", "13922222222", "个体户"),
                                                       ("remote", "13811111111", None)])
def test_keeping_a_whole_version(world, choice, phone, occupation):
    _conflicting_phones(world)
    world.take(world.T, world.package(world.A))
    with on(world.T):
        clerk = world.actor("clerk")
        exchange.resolve_conflict(clerk, exchange.list_conflicts(clerk)[0].id, choice=choice)
    world.sync(world.A)
    world.sync(world.A)
    for site in (world.T, world.A):
        with on(site):
            person = Person.get(Person.name == "张三")
            assert (person.phone, person.occupation) == (phone, occupation)
            assert not ExchangeConflict.select().where(ExchangeConflict.status == "open").exists()
    assert_same(world, world.A, VILLAGE_A)


def test_a_deletion_against_an_edit_waits_for_a_person(world):
    ids = _village_a_register(world)
    world.sync(world.A)
    with on(world.A):
        households.delete(world.actor("admin_a"), ids["second"])
    with on(world.T):
        _edit_person(world.actor("clerk"), "李四", occupation="木匠")
    result = world.take(world.T, world.package(world.A))
    assert result.conflicts == 1  # the household's tombstone merges; the person's does not
    with on(world.T):
        clerk = world.actor("clerk")
        [row] = exchange.list_conflicts(clerk)
        assert {f.name for f in row.fields if f.conflicting} == {"deleted_at", "occupation"}
        assert Person.get(Person.name == "李四").deleted_at is None
        assert Household.get(Household.number == "002").deleted_at is not None
        exchange.resolve_conflict(clerk, row.id, choice="remote")
        assert Person.get(Person.name == "李四").deleted_at is not None
    world.sync(world.A)
    assert_same(world, world.A, VILLAGE_A)


def test_conflicts_are_listed_only_within_the_scope_and_to_exchanging_roles(world):
    _conflicting_phones(world)
    world.take(world.T, world.package(world.A))
    with on(world.T):
        other = _user("other_town", "他乡镇", TOWNSHIP, "420281103")
        assert exchange.list_conflicts(other) == []
        conflict_id = exchange.list_conflicts(world.actor("clerk"))[0].id
        with pytest.raises(NotFoundError):
            exchange.resolve_conflict(other, conflict_id, choice="local")
        worker = _user("worker_t", "网格员", GRID_WORKER, TOWN)
        with pytest.raises(PermissionDenied, match="冲突处理仅限"):
            exchange.list_conflicts(worker)
