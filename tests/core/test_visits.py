"""Recording, editing and listing visits and inspections; attachments."""
from __future__ import annotations

import datetime as dt
import json

import peewee
import pytest

from gridapp import paths
from gridapp.errors import NotFoundError, PermissionDenied, StaleRecordError, ValidationError, ValidationErrors
from gridapp.models import AuditLog, Visit, database, now
from gridapp.services import attachments, visits, worklist
from gridapp.services.visits import VisitInput

TODAY = dt.date.today()
SHOP_OK = {"消防通道畅通": "合格", "灭火器有效": "合格", "电线私拉乱接": "合格", "燃气使用": "不适用",
           "住人情况（三合一）": "合格", "安全出口": "合格"}


def back_date(visit_id: int, days: int) -> None:
    Visit.update(created_at=now() - dt.timedelta(days=days)).where(Visit.id == visit_id).execute()


def test_recording_a_visit_takes_the_target_off_the_overdue_list(visit_world):
    w = visit_world
    h = w.household(w.g1, created=TODAY - dt.timedelta(days=200))
    actor = w.actors.worker1
    assert worklist.is_listed(actor, "overdue", "household", h.id)
    assert ("household", h.id) in [(i.kind, i.target_id) for i in worklist.page(actor, "overdue").items]
    done = visits.record(actor, "household", h.id, VisitInput(method="入户", notes="家中一切正常",
                                                                companions="村干部李某"))
    assert done.due.due == done.visit.visited_at.date() + dt.timedelta(days=180) and not done.due.overdue
    assert done.visit.next_due == done.due.due
    assert (done.visit.kind, done.visit.target_kind, done.visit.target_name) == ("走访", "household", f"{h.number} 户主")
    assert done.visit.visitor_name == "worker1" and done.visit.companions == "村干部李某"
    assert not worklist.is_listed(actor, "overdue", "household", h.id)
    assert worklist.page(actor, "overdue").total == 0
    row = AuditLog.get((AuditLog.entity == "visit") & (AuditLog.action == "create"))
    assert row.uid == done.visit.uid and json.loads(row.changes)["method"] == "入户"


def test_a_patient_visit_needs_a_risk_grade_and_a_high_grade_shortens_the_interval(visit_world):
    w = visit_world
    p = w.person(w.g1, "患者甲")
    w.tag(p, "jsza", "03", since=TODAY - dt.timedelta(days=400))
    actor = w.actors.worker1
    form = visits.form(actor, "person", p.id)
    assert form.needs_risk_grade and form.kind == "随访" and form.last_risk_grade is None
    with pytest.raises(ValidationError) as missing:
        visits.record(actor, "person", p.id, VisitInput())
    assert missing.value.field == "risk_grade" and "0–5级" in missing.value.message
    for bad in (6, -1, "高", True):
        with pytest.raises(ValidationError) as err:
            visits.record(actor, "person", p.id, VisitInput(risk_grade=bad))
        assert err.value.field == "risk_grade"
    done = visits.record(actor, "person", p.id, VisitInput(risk_grade=3, state="异常"))
    assert done.visit.kind == "随访" and done.visit.risk_grade == 3
    assert done.due.interval_days == 14 and done.due.due == TODAY + dt.timedelta(days=14)
    assert visits.form(actor, "person", p.id).last_risk_grade == 3
    calm = visits.record(actor, "person", p.id, VisitInput(risk_grade=0))
    assert calm.due.interval_days == 90


def test_a_risk_grade_is_refused_for_anybody_else(visit_world):
    w = visit_world
    elder = w.person(w.g1, "老人")
    w.tag(elder, "djlr", "01", since=TODAY - dt.timedelta(days=10))
    with pytest.raises(ValidationError, match="只有严重精神障碍患者") as err:
        visits.record(w.actors.worker1, "person", elder.id, VisitInput(risk_grade=2))
    assert err.value.field == "risk_grade"
    h = w.household(w.g1)
    with pytest.raises(ValidationError):
        visits.record(w.actors.worker1, "household", h.id, VisitInput(risk_grade=0))
    ended = w.person(w.g1, "已出组")
    w.tag(ended, "jsza", "01", since=TODAY - dt.timedelta(days=100), until=TODAY - dt.timedelta(days=1))
    assert not visits.form(w.actors.worker1, "person", ended.id).needs_risk_grade
    assert visits.record(w.actors.worker1, "person", ended.id, VisitInput()).visit.kind == "走访"


def test_an_inspection_answers_every_item_of_the_place_checklist(visit_world):
    w = visit_world
    shop = w.place(w.g1, "沿街店铺", "小卖部")
    actor = w.actors.worker1
    form = visits.form(actor, "place", shop.id)
    assert form.kind == "巡查" and [i.text for i in form.checklist] == list(SHOP_OK)
    with pytest.raises(ValidationError) as missing:
        visits.record(actor, "place", shop.id, VisitInput(checklist={"灭火器有效": "合格"}))
    assert missing.value.field == "checklist" and "消防通道畅通" in missing.value.message
    with pytest.raises(ValidationErrors) as bad:
        visits.record(actor, "place", shop.id, VisitInput(checklist={**SHOP_OK, "灭火器有效": "还行", "广告牌": "合格"}))
    assert {e.field for e in bad.value.errors} == {"checklist"} and len(bad.value.errors) == 2
    by_id = {form.checklist[0].id: "不合格", **{k: v for k, v in SHOP_OK.items() if k != "消防通道畅通"}}
    done = visits.record(actor, "place", shop.id, VisitInput(checklist=by_id, findings="消防通道堆放杂物"))
    assert done.visit.kind == "巡查" and [c.text for c in done.visit.failed_items] == ["消防通道畅通"]
    assert done.visit.failed_items[0].hazard_category == "H01"
    assert done.due.due == done.visit.visited_at.date() + dt.timedelta(days=90)
    with pytest.raises(ValidationError) as not_place:
        visits.record(actor, "household", w.household(w.g1).id, VisitInput(checklist=SHOP_OK))
    assert not_place.value.field == "checklist"


def test_bad_input_gets_a_message_per_field(visit_world):
    w = visit_world
    h = w.household(w.g1)
    with pytest.raises(ValidationErrors) as err:
        visits.record(w.actors.worker1, "household", h.id, VisitInput(
            visited_at=now() + dt.timedelta(days=1), method="微信", state="很好", companions="人" * 101,
            kind="巡查"))
    assert {e.field for e in err.value.errors} == {"visited_at", "method", "state", "companions", "kind"}
    assert any("不能晚于现在" in e.message for e in err.value.errors)
    with pytest.raises(ValidationError) as old:
        visits.record(w.actors.worker1, "household", h.id, VisitInput(visited_at=dt.date(1999, 12, 31)))
    assert old.value.field == "visited_at"
    with pytest.raises(ValidationError) as target:
        visits.record(w.actors.worker1, "grid", w.g1.id)
    assert target.value.field == "target"


def test_a_past_date_and_an_explicit_follow_up_kind(visit_world):
    w = visit_world
    h = w.household(w.g1)
    done = visits.record(w.actors.worker1, "household", h.id,
                         VisitInput(visited_at=dt.datetime(2024, 3, 5, 14, 30), method="电话", kind="随访"))
    assert done.visit.visited_at == dt.datetime(2024, 3, 5, 14, 30) and done.visit.kind == "随访"
    assert done.due.due == dt.date(2024, 3, 5) + dt.timedelta(days=180)


def test_recording_is_scoped_and_only_for_field_roles(visit_world):
    w = visit_world
    other = w.household(w.g2)
    with pytest.raises(PermissionDenied):
        visits.record(w.actors.worker1, "household", other.id)
    with pytest.raises(PermissionDenied):
        visits.record(w.actors.admin, "household", other.id)
    with pytest.raises(NotFoundError):
        visits.record(w.actors.worker1, "person", 424242)
    assert visits.record(w.actors.village, "household", other.id).visit.grid_id == w.g2.id


def test_only_the_author_edits_within_seven_days_then_only_a_system_administrator(visit_world):
    w = visit_world
    h = w.household(w.g1)
    v = visits.record(w.actors.worker1, "household", h.id, VisitInput(notes="初次走访")).visit
    edited = visits.update(w.actors.worker1, v.id, VisitInput(notes="初次走访，已补充", method="入户"),
                           expected_version=v.version)
    assert edited.notes == "初次走访，已补充" and edited.version == v.version + 1
    assert edited.visited_at == v.visited_at  # kept when the input leaves it empty
    change = AuditLog.get((AuditLog.entity == "visit") & (AuditLog.action == "update"))
    assert json.loads(change.changes) == {"notes": ["初次走访", "初次走访，已补充"]}
    with pytest.raises(StaleRecordError):
        visits.update(w.actors.worker1, v.id, VisitInput(notes="x"), expected_version=v.version)
    with pytest.raises(PermissionDenied, match="只有走访人本人"):
        visits.update(w.actors.village, v.id, VisitInput(notes="村里改"))
    assert visits.edit_refusal(w.actors.village, v.id) == "只有走访人本人可以修改该走访记录"

    back_date(v.id, 8)
    assert "超过7天" in visits.edit_refusal(w.actors.worker1, v.id)
    with pytest.raises(PermissionDenied, match="超过7天"):
        visits.update(w.actors.worker1, v.id, VisitInput(notes="晚了"))
    with pytest.raises(PermissionDenied):
        visits.delete(w.actors.worker1, v.id)
    assert visits.edit_refusal(w.actors.admin, v.id) is None
    fixed = visits.update(w.actors.admin, v.id, VisitInput(notes="管理员更正", method="电话"))
    assert (fixed.notes, fixed.method) == ("管理员更正", "电话")
    assert AuditLog.select().where((AuditLog.user == "admin") & (AuditLog.entity == "visit")).count() == 1


def test_deleting_a_visit_puts_the_target_back_on_the_list(visit_world):
    w = visit_world
    h = w.household(w.g1, created=TODAY - dt.timedelta(days=200))
    v = visits.record(w.actors.worker1, "household", h.id).visit
    assert not worklist.is_listed(w.actors.worker1, "overdue", "household", h.id)
    visits.delete(w.actors.worker1, v.id)
    assert worklist.is_listed(w.actors.worker1, "overdue", "household", h.id)
    with pytest.raises(NotFoundError):
        visits.get(w.actors.worker1, v.id)


def test_history_newest_first_for_household_person_and_place(visit_world):
    w = visit_world
    h = w.household(w.g1)
    member = w.person(w.g1, "家庭成员", household=h)
    shop = w.place(w.g1, "沿街店铺")
    at = [dt.datetime(2024, 1, d, 9) for d in (1, 2, 3)]
    visits.record(w.actors.worker1, "household", h.id, VisitInput(visited_at=at[0]))
    visits.record(w.actors.worker1, "person", member.id, VisitInput(visited_at=at[2]))
    visits.record(w.actors.worker1, "household", h.id, VisitInput(visited_at=at[1]))
    visits.record(w.actors.worker1, "place", shop.id, VisitInput(visited_at=at[0], checklist=SHOP_OK))
    actor = w.actors.worker1
    assert [v.visited_at for v in visits.history_for_household(actor, h.id)] == [at[2], at[1], at[0]]
    assert [v.visited_at for v in visits.history_for_household(actor, h.id, include_members=False)] == [at[1], at[0]]
    assert [(v.target_kind, v.target_name) for v in visits.history_for_person(actor, member.id)] == [
        ("person", "家庭成员")]
    assert [v.kind for v in visits.history_for_place(actor, shop.id)] == ["巡查"]
    with pytest.raises(PermissionDenied):
        visits.history_for_household(w.actors.worker2, h.id)


def test_attachments_are_content_addressed_and_deduplicated(visit_world, tmp_path):
    w = visit_world
    h = w.household(w.g1)
    scan = tmp_path / "走访记录表.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned form")
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(scan.read_bytes())
    v = visits.record(w.actors.worker1, "household", h.id, attachments=[scan, copy]).visit
    assert [a.filename for a in v.attachments] == ["走访记录表.pdf", "copy.pdf"]
    first, second = v.attachments
    assert first.sha256 == second.sha256 and first.path == second.path and first.mime == "application/pdf"
    stored = attachments.path_for(first.sha256)
    folder = database.obj.path.parent if isinstance(database.obj, peewee.SqliteDatabase) else paths.data_dir()
    assert attachments.root() == folder / "attachments"  # beside a database file, like backups
    assert stored.parent.name == first.sha256[:2] and stored.read_bytes() == scan.read_bytes()
    assert len([p for p in attachments.root().rglob("*") if p.is_file()]) == 1
    assert attachments.open_path(w.actors.worker1, first.id) == stored
    with pytest.raises(PermissionDenied):
        attachments.open_path(w.actors.worker2, first.id)
    v = visits.remove_attachment(w.actors.worker1, first.id)
    assert [a.filename for a in v.attachments] == ["copy.pdf"] and stored.exists()
    with pytest.raises(PermissionDenied):
        visits.remove_attachment(w.actors.village, second.id)
    v = visits.add_attachments(w.actors.worker1, v.id, [scan])
    assert len(v.attachments) == 2
    with pytest.raises(ValidationError) as err:
        visits.record(w.actors.worker1, "household", h.id, attachments=[tmp_path / "没有这个文件.jpg"])
    assert err.value.field == "attachments" and "找不到附件文件" in err.value.message


def test_a_failed_save_records_nothing(visit_world, tmp_path, monkeypatch):
    w = visit_world
    h = w.household(w.g1)
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"jpeg")

    def broken(*args, **kwargs):
        raise OSError("gone")

    monkeypatch.setattr(attachments, "add_rows", broken)
    with pytest.raises(OSError):
        visits.record(w.actors.worker1, "household", h.id, attachments=[photo])
    assert Visit.select().count() == 0
    assert not AuditLog.select().where(AuditLog.entity == "visit").exists()


def test_input_of_round_trips_through_update_unchanged(visit_world):
    w = visit_world
    shop = w.place(w.g1, "沿街店铺")
    v = visits.record(w.actors.worker1, "place", shop.id,
                      VisitInput(checklist=SHOP_OK, companions="消防专干", findings="无")).visit
    data = visits.input_of(w.actors.worker1, v.id)
    assert data.checklist == SHOP_OK and data.kind == "巡查" and data.companions == "消防专干"
    again = visits.update(w.actors.worker1, v.id, data, expected_version=v.version)
    assert again.version == v.version
    assert not AuditLog.select().where((AuditLog.entity == "visit") & (AuditLog.action == "update")).exists()
