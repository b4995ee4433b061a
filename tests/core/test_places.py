"""The register of places and the inspection checklists."""
from __future__ import annotations

import datetime as dt

import pytest

from gridapp.errors import NotFoundError, PermissionDenied, StaleRecordError, ValidationError, ValidationErrors
from gridapp.models import AuditLog, Place, now
from gridapp.services import events, places, visits, worklist
from gridapp.services.places import PlaceInput, PlaceQuery


def shop(w, **kw) -> places.PlaceRow:
    data = dict(grid_id=w.g1.id, category="沿街店铺", name="好又多超市（土桥店）", address="土桥村街上8号",
                contact_name="刘老板", contact_phone="13912345678")
    return places.create(w.actors.worker1, PlaceInput(**{**data, **kw}))


def test_create_and_get_a_place(visit_world):
    w = visit_world
    p = shop(w)
    assert (p.category, p.name, p.grid_name, p.village_name) == ("沿街店铺", "好又多超市（土桥店）", "土桥一网格", "土桥村")
    assert p.contact_phone == "13912345678" and p.last_inspected is None and p.open_hazards == 0
    stored = Place.get_by_id(p.id)
    assert (stored.village_code, stored.township_code, stored.county_code) == ("420281103200", "420281103", "420281")
    assert AuditLog.get((AuditLog.entity == "place") & (AuditLog.action == "create")).uid == p.uid


def test_a_resident_contact_fills_name_and_phone(visit_world):
    w = visit_world
    owner = w.person(w.g1, "陈店主")
    owner.phone = "13700001111"
    owner.save()
    p = shop(w, contact_person_id=owner.id, contact_name="", contact_phone="")
    assert (p.contact_person_id, p.contact_name, p.contact_phone) == (owner.id, "陈店主", "13700001111")
    outsider = w.person(w.g4, "外人")
    with pytest.raises(ValidationError) as err:
        shop(w, contact_person_id=outsider.id)
    assert err.value.field == "contact_person_id"


def test_every_bad_field_is_named(visit_world):
    w = visit_world
    with pytest.raises(ValidationErrors) as err:
        places.create(w.actors.village, PlaceInput(category="夜总会", name="", contact_phone="12345"))
    assert {e.field for e in err.value.errors} == {"grid_id", "category", "name", "contact_phone"}
    with pytest.raises(PermissionDenied):
        shop(w, grid_id=w.g2.id)
    with pytest.raises(PermissionDenied):
        places.create(w.actors.admin, PlaceInput(grid_id=w.g1.id, category="其他", name="x"))


def test_a_grid_worker_with_one_grid_need_not_choose_it(visit_world):
    w = visit_world
    p = places.create(w.actors.worker1, PlaceInput(category="在建工地", name="村部新楼工地"))
    assert p.grid_id == w.g1.id


def test_update_delete_restore(visit_world):
    w = visit_world
    p = shop(w)
    moved = places.update(w.actors.village, p.id, PlaceInput(grid_id=w.g2.id, category="小微企业/作坊",
                                                             name="好又多加工坊", contact_name="刘老板"),
                          expected_version=p.version)
    assert (moved.grid_id, moved.category, moved.version) == (w.g2.id, "小微企业/作坊", p.version + 1)
    with pytest.raises(StaleRecordError):
        places.update(w.actors.village, p.id, PlaceInput(grid_id=w.g2.id, category="其他", name="x"),
                      expected_version=p.version)
    with pytest.raises(PermissionDenied):
        places.get(w.actors.worker1, p.id)  # it moved out of worker1's grid
    places.delete(w.actors.village, p.id)
    assert places.count(w.actors.village) == 0
    with pytest.raises(NotFoundError):
        places.get(w.actors.village, p.id)
    assert places.restore(w.actors.village, p.id).name == "好又多加工坊"
    actions = [a.action for a in AuditLog.select().where(AuditLog.entity == "place").order_by(AuditLog.id)]
    assert actions == ["create", "update", "delete", "restore"]


def test_search_with_filters_and_masked_phones(visit_world):
    w = visit_world
    a = shop(w)
    b = shop(w, category="出租房屋", name="王家出租屋", address="土桥村二组", contact_name="王房东")
    c = places.create(w.actors.worker2, PlaceInput(grid_id=w.g2.id, category="沿街店铺", name="平价药店"))
    actor = w.actors.village
    assert {p.id for p in places.page(actor)} == {a.id, b.id, c.id} and places.count(actor) == 3
    assert [p.id for p in places.page(actor, PlaceQuery(category="出租房屋"))] == [b.id]
    assert [p.id for p in places.page(actor, PlaceQuery(grid_id=w.g2.id))] == [c.id]
    assert [p.id for p in places.page(actor, PlaceQuery(text="二组"))] == [b.id]
    assert [p.id for p in places.page(actor, PlaceQuery(text="王房东"))] == [b.id]
    assert [p.id for p in places.page(actor, PlaceQuery(text="超市"))] == [a.id]
    assert places.page(actor, PlaceQuery(text="超市"))[0].contact_phone == "139****5678"
    assert [p.id for p in places.page(w.actors.worker2)] == [c.id]
    assert places.count(w.actors.other_township) == 0
    assert len(places.page(actor, offset=1, limit=1)) == 1


def test_overdue_filter_last_inspection_and_open_hazards(visit_world):
    w = visit_world
    rental = shop(w, category="出租房屋", name="出租屋")
    Place.update(created_at=now() - dt.timedelta(days=40)).where(Place.id == rental.id).execute()
    fresh = shop(w)
    actor = w.actors.worker1
    assert [p.id for p in places.page(actor, PlaceQuery(overdue_only=True))] == [rental.id]
    answers = {i.text: "合格" for i in places.checklist("出租房屋")}
    answers["灭火器有效"] = "不合格"
    v = visits.record(actor, "place", rental.id, visits.VisitInput(checklist=answers)).visit
    assert places.page(actor, PlaceQuery(overdue_only=True)) == []
    hazard = events.create_from_inspection(actor, v.id, "灭火器有效")
    row = places.get(actor, rental.id)
    assert row.last_inspected == v.visited_at and row.open_hazards == 1
    assert [e.id for e in places.open_hazards(actor, rental.id)] == [hazard.id]
    events.transition(w.actors.village, hazard.id, "受理")
    events.transition(w.actors.village, hazard.id, "处置")
    events.transition(w.actors.village, hazard.id, "办结", outcome="化解成功", method="其他", note="已更换灭火器")
    assert places.open_hazards(actor, rental.id) == [] and places.get(actor, rental.id).open_hazards == 0
    assert places.get(actor, fresh.id).open_hazards == 0
    assert not worklist.is_listed(actor, "overdue", "place", rental.id)


def test_checklists_are_data_an_administrator_edits(visit_world):
    w = visit_world
    items = places.checklist("沿街店铺")
    assert [i.text for i in items] == ["消防通道畅通", "灭火器有效", "电线私拉乱接", "燃气使用", "住人情况（三合一）", "安全出口"]
    assert items[1].hazard_name == "消防"
    with pytest.raises(PermissionDenied):
        places.add_checklist_item(w.actors.worker1, "沿街店铺", "门头招牌牢固")
    added = places.add_checklist_item(w.actors.admin, "沿街店铺", "门头招牌牢固", "安全生产")
    assert added.hazard_category == "H02" and added.sort > items[-1].sort
    with pytest.raises(ValidationError) as dup:
        places.add_checklist_item(w.actors.admin, "沿街店铺", "门头招牌牢固")
    assert dup.value.field == "text"
    with pytest.raises(ValidationError) as hazard:
        places.add_checklist_item(w.actors.admin, "沿街店铺", "别的", "火灾")
    assert hazard.value.field == "hazard_category"
    places.update_checklist_item(w.actors.township, items[3].id, active=False)
    places.update_checklist_item(w.actors.township, added.id, text="门头招牌安装牢固", sort=-1)
    assert [i.text for i in places.checklist("沿街店铺")] == [
        "门头招牌安装牢固", "消防通道畅通", "灭火器有效", "电线私拉乱接", "住人情况（三合一）", "安全出口"]
    everything = places.checklist_items(w.actors.worker1, "沿街店铺")
    assert len(everything) == 7 and [i.active for i in everything].count(False) == 1
    assert AuditLog.select().where(AuditLog.entity == "checklist_item").count() == 3
    # an inspection now answers the edited list
    p = shop(w)
    answers = {i.text: "合格" for i in places.checklist("沿街店铺")}
    v = visits.record(w.actors.worker1, "place", p.id, visits.VisitInput(checklist=answers)).visit
    assert [c.text for c in v.checklist][0] == "门头招牌安装牢固" and "燃气使用" not in [c.text for c in v.checklist]
