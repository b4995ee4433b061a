"""Paper forms of single records (入户登记表, 走访记录, 调解协议书): what they say, for whom."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gridapp import ids, refdata
from gridapp.errors import NotFoundError, PermissionDenied, ValidationError, WorkflowError
from gridapp.models import AuditLog
from gridapp.reports import print_forms
from gridapp.services import events, households, visits
from gridapp.services.actor import GRID_WORKER, SYSADMIN, TOWNSHIP
from gridapp.services.events import EventDraft, PartyInput
from gridapp.services.people import TagInput
from gridapp.services.visits import VisitInput
from tests.core import factories as f

DAY = dt.date(2026, 11, 28)
PARTY_ID = ids.make_id("420281", dt.date(1985, 3, 12), 1)


@pytest.fixture
def home(db):
    """A household of 大箕铺镇 石应高村 with a 独居老人 head, a 严重精神障碍 spouse and a child of 8."""
    grid = f.make_grid()
    worker = f.make_actor(GRID_WORKER, grid_ids=(grid.id,))
    head = f.person_input("王建国", male=True, relation="02", phone="13812345678",
                          tags=(TagInput("djlr", since=dt.date(2024, 1, 1)),))
    spouse = f.person_input("李桂英", male=False, relation="12", tags=(TagInput("jsza", since=dt.date(2024, 1, 1)),))
    child = f.person_input("王小明", relation="20", id_number=f.make_id_number(birth=dt.date.today().replace(
        year=dt.date.today().year - 8, day=1), male=True))
    detail = f.make_household(worker, grid.id, number="0012", address="石应高村3组12号", phone="13912345678",
                              head=head, members=[spouse, child])
    return detail, worker, grid


def member_rows(form) -> dict[str, tuple[str, ...]]:
    return {row[1]: row for row in form.tables[0].rows}


def view_rows() -> int:
    return AuditLog.select().where(AuditLog.action == "view_sensitive").count()


# --------------------------------------------------------------------------- 入户登记表
def test_household_form_shows_facts_members_and_groups_with_ids_masked(home):
    detail, worker, _ = home
    form = print_forms.household_form(worker, detail.id, today=DAY)
    assert form.title == "入户登记表" and form.station == "大箕铺镇石应高村"  # no station set up yet
    assert form.printed_on == "2026年11月28日"
    fields = dict(form.fields)
    assert fields["户号"] == "0012" and fields["户主"] == "王建国" and fields["现住址"] == "石应高村3组12号"
    assert fields["家庭人数"] == "3人" and fields["联系电话"] == "139****5678"
    assert set(fields["重点人群"].split("、")) == {"严重精神障碍患者", "独居老人"}
    table = form.tables[0]
    assert table.headers == ("序号", "姓名", "与户主关系", "性别", "出生日期", "公民身份号码", "联系电话", "人员类别")
    rows = member_rows(form)
    assert list(rows) == ["王建国", "李桂英", "王小明"]  # head first
    head = rows["王建国"]
    assert head[2] == "户主" and head[3] == "男" and head[7] == "独居老人"
    assert re.fullmatch(r"420281\*{8}\d{3}[\dX]", head[5]) and head[6] == "138****5678"
    assert rows["李桂英"][7] == "严重精神障碍患者"
    assert form.note == print_forms.MASKED_NOTE
    assert ("户主（签名）" in form.signatures) and ("登记人（签名）" in form.signatures)
    assert form.extra["file_name"] == "入户登记表_0012_王建国.pdf"
    assert view_rows() == 0  # a masked form is no 显示完整


def test_unmasked_household_form_prints_full_numbers_and_audits_every_member(home):
    detail, worker, _ = home
    before = view_rows()
    form = print_forms.household_form(worker, detail.id, unmask=True, today=DAY)
    rows = member_rows(form)
    full = {p.name: p for p in detail.members}
    assert all("*" not in row[5] and len(row[5]) == 18 for row in rows.values())
    assert rows["王建国"][6] == "13812345678" and dict(form.fields)["联系电话"] == "13912345678"
    assert rows["王建国"][5].endswith(full["王建国"].id_masked[-4:])
    assert form.note == print_forms.UNMASKED_NOTE
    audited = AuditLog.select().where(AuditLog.action == "view_sensitive").order_by(AuditLog.id)
    assert view_rows() - before == 4  # the household's phone and each of the three members
    assert {a.entity for a in audited} == {"household", "person"}


def test_a_role_that_may_not_unmask_gets_a_clear_refusal_and_nothing_is_logged(home):
    detail, _, _ = home
    admin = f.make_actor(SYSADMIN)
    with pytest.raises(PermissionDenied) as err:
        print_forms.household_form(admin, detail.id, unmask=True)
    assert "完整身份证号" in err.value.message
    assert view_rows() == 0


def test_a_role_without_sensitive_access_sees_neither_sensitive_groups_nor_minors(home):
    detail, _, _ = home
    admin = f.make_actor(SYSADMIN)
    form = print_forms.household_form(admin, detail.id)
    rows = member_rows(form)
    assert rows["李桂英"][7] == ""  # 严重精神障碍患者 is hidden from a system administrator
    assert "严重精神障碍" not in form.plain_text()
    child = [row for name, row in rows.items() if name.startswith("王") and name != "王建国"][0]
    assert child[1] == "王**" and child[4] == ""  # a minor: surname only, no birth date


def test_household_form_keeps_to_the_actor_scope_and_live_households(home):
    detail, worker, grid = home
    other = f.make_actor(TOWNSHIP, "420281103")  # 金山店镇
    with pytest.raises(PermissionDenied):
        print_forms.household_form(other, detail.id)
    with pytest.raises(NotFoundError):
        print_forms.household_form(worker, 999999)
    households.delete(worker, detail.id)
    with pytest.raises(ValidationError) as err:
        print_forms.household_form(worker, detail.id)
    assert "回收站" in err.value.message and "0012" in err.value.message


def test_the_station_name_heads_the_form_once_set_up(home):
    detail, worker, _ = home
    refdata.put_setting("station.name", "石应高村网格服务站")
    assert print_forms.household_form(worker, detail.id).station == "石应高村网格服务站"


# --------------------------------------------------------------------------- 走访记录
def test_visit_form_of_a_household_visit(visit_world):
    w = visit_world
    h = w.household(w.g1, head="张大山")
    at = dt.datetime.combine(dt.date.today() - dt.timedelta(days=1), dt.time(9, 30))
    done = visits.record(w.actors.worker1, "household", h.id, VisitInput(
        visited_at=at, method="入户", companions="村主任刘明", notes="家中老人身体尚好", findings="屋顶漏雨"))
    reported = events.create_from_visit(w.actors.worker1, done.visit.id, kind="民生诉求")
    form = print_forms.visit_form(w.actors.worker1, done.visit.id, today=DAY)
    assert form.title == "走访记录" and form.station == "金山店镇土桥村"
    fields = dict(form.fields)
    assert fields["对象类型"] == "住户" and "张大山" in fields["走访对象"]
    assert fields["时间"] == f"{at:%Y-%m-%d} 09:30" and fields["方式"] == "入户"
    assert fields["陪同人员"] == "村主任刘明" and fields["网格"] == "土桥一网格" and fields["村(社区)"] == "土桥村"
    assert fields["走访人"] == "worker1" and fields["生成事件"] == reported.number
    assert "危险性评估" not in fields
    sections = {s.heading: s.text for s in form.sections}
    assert sections == {"情况记录": "家中老人身体尚好", "发现问题": "屋顶漏雨"}
    assert form.tables == ()
    assert form.signatures == ("走访人（签名）", "被访人（签名）", "日期")
    assert form.extra["file_name"].startswith("走访记录_") and form.extra["file_name"].endswith(f"{at:%Y-%m-%d}.pdf")


def test_visit_form_of_a_patient_follow_up_has_the_risk_grade(visit_world):
    w = visit_world
    p = w.person(w.g1, "赵四")
    w.tag(p, "jsza")
    done = visits.record(w.actors.worker1, "person", p.id, VisitInput(risk_grade=2, state="异常"))
    form = print_forms.visit_form(w.actors.worker1, done.visit.id)
    fields = dict(form.fields)
    assert form.title == "随访记录" and fields["危险性评估"] == "2级" and fields["对象状态"] == "异常"
    assert fields["随访对象"] == "赵四" and fields["随访人"] == "worker1" and form.signatures[0] == "随访人（签名）"
    assert {s.heading: s.text for s in form.sections}["发现问题"] == "未发现问题"


def test_inspection_form_lists_the_checklist(visit_world):
    w = visit_world
    shop = w.place(w.g1, "沿街店铺", "小卖部")
    items = visits.form(w.actors.worker1, "place", shop.id).checklist
    answers = {i.text: "合格" for i in items}
    answers[items[0].text] = "不合格"
    done = visits.record(w.actors.worker1, "place", shop.id, VisitInput(checklist=answers))
    form = print_forms.visit_form(w.actors.worker1, done.visit.id)
    assert form.title == "巡查记录" and dict(form.fields)["巡查场所"] == "小卖部"
    table = form.tables[0]
    assert table.headers == ("序号", "检查项目", "结果") and table.caption == "检查项目（不合格 1 项）"
    assert table.rows[0] == ("1", items[0].text, "不合格") and len(table.rows) == len(items)
    assert form.signatures[:2] == ("巡查人（签名）", "场所负责人（签名）")


def test_visit_form_keeps_to_the_actor_scope(visit_world):
    w = visit_world
    done = visits.record(w.actors.worker1, "household", w.household(w.g1).id, VisitInput())
    with pytest.raises(PermissionDenied):
        print_forms.visit_form(w.actors.other_township, done.visit.id)


# --------------------------------------------------------------------------- 调解协议书
def closed_event(w, *, method="人民调解", outcome="化解成功", agreement="王家赔偿李家损失2000元，十日内付清"):
    e = events.report(w.actors.worker1, EventDraft(
        kind="矛盾纠纷", title="宅基地界址纠纷", category="0902", grid_id=w.g1.id,
        description="王某建房越过界址约半米，李某不满，双方争执。",
        parties=(PartyInput(name="王大成", id_number=PARTY_ID, phone="13812341234"), PartyInput(name="李小龙"))))
    for action in ("受理", "处置"):
        events.transition(w.actors.village, e.id, action)
    extra = dict(mediator="刘调解", agreement=agreement) if method == "人民调解" else {}
    return events.transition(w.actors.village, e.id, "办结", outcome=outcome, method=method,
                             agreement_date=dt.date(2026, 11, 20), **extra)


def test_agreement_form_of_a_mediated_dispute(visit_world):
    w = visit_world
    e = closed_event(w)
    form = print_forms.agreement_form(w.actors.village, e.id, today=DAY)
    assert form.title == "人民调解协议书" and form.station == "金山店镇土桥村"
    fields = dict(form.fields)
    assert fields["协议编号"] == e.number and fields["调解员"] == "刘调解"
    assert fields["协议日期"] == "2026年11月20日" and fields["调解组织"] == "土桥村人民调解委员会"
    assert fields["纠纷类型"] == "宅基地"
    parties = form.tables[0]
    assert parties.rows[0][1:] == ("王大成", "当事人", "420281********0017", "138****1234")
    assert parties.rows[1][1] == "李小龙"
    sections = {s.heading: s.text for s in form.sections}
    assert sections["纠纷主要事实、争议事项"].startswith("王某建房越过界址")
    assert sections["经调解，当事人自愿达成如下协议"] == "王家赔偿李家损失2000元，十日内付清"
    assert "一式3份" in sections["履行约定"]
    assert form.signatures == ("当事人 王大成（签名）", "当事人 李小龙（签名）", "调解员 刘调解（签名）",
                               "土桥村人民调解委员会（盖章）", "日期")
    assert "13812341234" not in form.plain_text() and PARTY_ID not in form.plain_text()
    assert form.extra["file_name"] == f"人民调解协议书_{e.number}.pdf"


def test_agreement_form_is_refused_for_any_other_event(visit_world):
    w = visit_world
    open_event = events.report(w.actors.worker1, EventDraft(kind="矛盾纠纷", title="噪音", category="02",
                                                             grid_id=w.g1.id))
    with pytest.raises(WorkflowError) as err:
        print_forms.agreement_form(w.actors.village, open_event.id)
    assert "尚未办结" in err.value.message and open_event.number in err.value.message
    administrative = closed_event(w, method="行政调解")
    with pytest.raises(WorkflowError) as err:
        print_forms.agreement_form(w.actors.village, administrative.id)
    assert "行政调解" in err.value.message and "人民调解" in err.value.message
    failed = closed_event(w, outcome="未化解")
    with pytest.raises(WorkflowError) as err:
        print_forms.agreement_form(w.actors.village, failed.id)
    assert "调解未成功" in err.value.message


def test_agreement_form_keeps_to_the_actor_scope(visit_world):
    w = visit_world
    e = closed_event(w)
    with pytest.raises(PermissionDenied):
        print_forms.agreement_form(w.actors.other_township, e.id)


# --------------------------------------------------------------------------- file names
@given(st.lists(st.text(max_size=12), min_size=1, max_size=4))
def test_file_names_never_hold_characters_windows_refuses(parts):
    name = print_forms.file_name(*parts)
    assert name.endswith(".pdf")
    assert not re.search(r'[\\/:*?"<>|\s]', name)
