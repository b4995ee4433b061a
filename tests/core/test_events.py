"""Events: reporting, the workflow in the database, overdue and 按时办结, lists, links."""
from __future__ import annotations

import datetime as dt

import pytest

from gridapp import ids, workflow
from gridapp.errors import (
    DuplicateError, NotFoundError, PermissionDenied, StaleRecordError, ValidationError, ValidationErrors,
    WorkflowError,
)
from gridapp.models import AuditLog, Event, EventAction, Person
from gridapp.services import events, visits
from gridapp.services.events import EventDraft, EventQuery, PartyInput

TODAY = dt.date.today()
ID = ids.make_id("420281", dt.date(1985, 3, 12), 1)


def draft(**kw) -> EventDraft:
    base = dict(kind="矛盾纠纷", title="邻里宅基地纠纷", category="0902", description="两户因界址起争执")
    return EventDraft(**{**base, **kw})


def report(w, actor=None, **kw) -> events.EventDetail:
    return events.report(actor or w.actors.worker1, draft(grid_id=w.g1.id, **kw))


def force(event_id: int, **values) -> None:
    Event.update(**values).where(Event.id == event_id).execute()


def actions_of(event_id: int) -> list[tuple]:
    return [(a.action, a.from_state, a.to_state) for a in
            EventAction.select().where(EventAction.event == event_id).order_by(EventAction.id)]


# --------------------------------------------------------------------------- reporting
def test_report_registers_a_numbered_event_with_its_deadline_and_first_action(visit_world):
    w = visit_world
    e = report(w, priority="橙", people_count=3,
               parties=(PartyInput(name="张三", id_number=ID, phone="13812341234"), PartyInput(name="李四")))
    assert e.number == f"420281103-{TODAY.year}-00001"
    assert e.state == "已登记" and e.level == "村" and not e.escalated
    assert e.deadline == TODAY + dt.timedelta(days=30)  # 矛盾纠纷: 30 days by default
    assert e.grid_name == "土桥一网格" and e.village_name == "土桥村" and e.reporter_name == "worker1"
    assert e.category_name == "宅基地" and e.report_category == "房屋宅基地"
    assert [(p.name, p.id_number, p.phone) for p in e.parties] == [
        ("张三", "420281********0017", "138****1234"), ("李四", "", "")]
    assert [(a.action, a.from_state, a.to_state) for a in e.timeline] == [("登记", None, "已登记")]
    assert not e.overdue and e.on_time is None
    assert AuditLog.select().where((AuditLog.entity == "event") & (AuditLog.uid == e.uid)
                                   & (AuditLog.action == "create")).count() == 1


def test_report_checks_every_field_with_a_named_message(visit_world):
    w = visit_world
    with pytest.raises(ValidationErrors) as err:
        report(w, title=" ", category=None, priority="紫", people_count=0,
               parties=(PartyInput(name="王五", id_number="420281198503120018"),))
    fields = {e.field for e in err.value.errors}
    assert fields == {"title", "category", "priority", "people_count", "parties"}
    assert any("校验位错误" in e.message for e in err.value.errors)
    with pytest.raises(ValidationError) as one:
        report(w, deadline=TODAY + dt.timedelta(days=31))
    assert one.value.field == "deadline" and "申请延期" in one.value.message
    with pytest.raises(ValidationError) as kind:
        report(w, kind="投诉")
    assert kind.value.field == "kind"


def test_a_shorter_deadline_may_be_set_and_time_limits_are_configurable(visit_world):
    w = visit_world
    assert report(w, deadline=TODAY + dt.timedelta(days=3)).deadline == TODAY + dt.timedelta(days=3)
    events.set_time_limit(w.actors.admin, "矛盾纠纷", 10)
    assert events.time_limits()["矛盾纠纷"] == 10
    assert report(w).deadline == TODAY + dt.timedelta(days=10)
    with pytest.raises(PermissionDenied):
        events.set_time_limit(w.actors.worker1, "矛盾纠纷", 5)


def test_reporting_is_scoped(visit_world):
    w = visit_world
    with pytest.raises(PermissionDenied):
        events.report(w.actors.worker1, draft(grid_id=w.g2.id))
    with pytest.raises(PermissionDenied):
        events.report(w.actors.admin, draft(grid_id=w.g1.id))
    township = events.report(w.actors.township, draft())
    assert township.level == "乡镇" and township.grid_id is None and township.village_code == ""
    village = events.report(w.actors.village, draft())
    assert village.level == "村" and village.village_code == "420281103200"
    with pytest.raises(ValidationError) as err:
        events.report(w.actors.county, draft())
    assert err.value.field == "village_code"
    county = events.report(w.actors.county, draft(village_code="420281109001"))
    assert county.number.startswith("420281109-") and county.level == "县"


# --------------------------------------------------------------------------- the whole state machine
FIELDS = {
    "退回": dict(note="材料不全"), "申请延期": dict(until=TODAY + dt.timedelta(days=60), note="当事人外出"),
    "拒绝延期": dict(note="不予延期"), "上报乡镇": dict(note="涉及多村"), "上报县": dict(note="涉及县直部门"),
    "督办": dict(note="请尽快办理"), "重新处置": dict(note="回访不满意"), "回访": dict(satisfaction="满意"),
    "办结": dict(outcome="化解成功", method="人民调解", mediator="王调解", agreement="双方同意赔偿2000元"),
}


def actor_for_action(w, action: str):
    spec = workflow.ACTIONS[action]
    if spec.who == {workflow.REPORTER}:
        return w.actors.worker1  # the reporter
    if spec.who == {workflow.SUPERIOR}:
        return w.actors.township
    return w.actors.township if spec.from_levels == ("乡镇",) else w.actors.village


@pytest.mark.parametrize("action", list(workflow.ACTIONS))
def test_every_state_times_this_action_in_the_database(visit_world, action):
    """For each state: either the right new state and one EventAction row, or a WorkflowError
    with the Chinese reason and nothing changed."""
    w = visit_world
    spec = workflow.ACTIONS[action]
    actor = actor_for_action(w, action)
    for state in workflow.STATES:
        e = report(w)
        force(e.id, state=state, level=spec.from_levels[0], satisfaction="不满意",
              extension_until=TODAY + dt.timedelta(days=45) if workflow.EXTENSION_PENDING in spec.guards else None)
        before = actions_of(e.id)
        if state in spec.from_states:
            after = events.transition(actor, e.id, action, **FIELDS.get(action, {}))
            expected = spec.to_state or state
            assert after.state == expected, (action, state)
            assert actions_of(e.id) == before + [(action, state, expected)], (action, state)
            assert after.timeline[-1].actor_name == actor.display_name
            assert after.timeline[-1].note == FIELDS.get(action, {}).get("note", "")
        else:
            with pytest.raises(WorkflowError) as err:
                events.transition(actor, e.id, action, **FIELDS.get(action, {}))
            assert err.value.message == workflow.state_refusal(action, state)
            assert "事件当前为" in err.value.message
            assert actions_of(e.id) == before and Event.get_by_id(e.id).state == state


# --------------------------------------------------------------------------- paths through it
def test_accept_handle_close_with_mediation_follow_up_and_archive(visit_world):
    w = visit_world
    e = report(w)
    village = w.actors.village
    e = events.transition(village, e.id, "受理")
    assert e.handler_name == "village"
    events.transition(village, e.id, "处置", note="约双方到村委会")
    with pytest.raises(ValidationError) as missing:
        events.transition(village, e.id, "办结", outcome="化解成功", method="人民调解", mediator="王调解")
    assert missing.value.field == "agreement"
    with pytest.raises(ValidationErrors) as both:
        events.transition(village, e.id, "办结")
    assert [x.field for x in both.value.errors] == ["outcome", "method"]
    with pytest.raises(ValidationError) as wrong:
        events.transition(village, e.id, "办结", outcome="部分化解", method="行政调解")
    assert wrong.value.field == "outcome"
    e = events.transition(village, e.id, "办结", **FIELDS["办结"])
    assert e.state == "已办结" and e.outcome == "化解成功" and e.mediator == "王调解"
    assert e.agreement_date == TODAY and e.on_time is True and e.closed_at is not None and not e.overdue
    assert e.timeline[-1].details["method"] == "人民调解"
    e = events.transition(w.actors.township, e.id, "回访", satisfaction="满意")
    assert e.satisfaction == "满意"
    e = events.transition(village, e.id, "归档")
    assert [a.action for a in e.timeline] == ["登记", "受理", "处置", "办结", "回访", "归档"]
    assert [a.to_state for a in e.timeline] == ["已登记", "已受理", "处置中", "已办结", "已回访", "已归档"]
    with pytest.raises(WorkflowError, match="已归档"):
        events.update(village, e.id, draft(grid_id=w.g1.id))


def test_a_dissatisfied_follow_up_may_reopen_the_event(visit_world):
    w = visit_world
    e = report(w)
    force(e.id, state="已办结", outcome="化解成功", method="行政调解")
    e = events.transition(w.actors.village, e.id, "回访", satisfaction="不满意", note="赔偿未到位")
    e = events.transition(w.actors.village, e.id, "重新处置", note="督促履行协议")
    assert e.state == "处置中" and e.outcome is None and e.satisfaction is None and e.closed_at is None
    other = report(w)
    force(other.id, state="已办结")
    events.transition(w.actors.village, other.id, "回访", satisfaction="基本满意")
    with pytest.raises(WorkflowError, match="不满意"):
        events.transition(w.actors.village, other.id, "重新处置", note="再看看")


def test_return_to_the_reporter_who_corrects_and_resubmits(visit_world):
    w = visit_world
    e = report(w)
    with pytest.raises(WorkflowError, match="不能退回自己登记的事件"):
        events.transition(w.actors.worker1, e.id, "退回", note="自己退回")
    with pytest.raises(ValidationError) as err:
        events.transition(w.actors.village, e.id, "退回")
    assert err.value.field == "note"
    e = events.transition(w.actors.village, e.id, "退回", note="请补充当事人信息")
    assert e.state == "已退回" and e.timeline[-1].note == "请补充当事人信息"
    with pytest.raises(WorkflowError, match="只有事件的登记人可以重新提交"):
        events.transition(w.actors.village, e.id, "重新提交")
    e = events.update(w.actors.worker1, e.id, draft(grid_id=w.g1.id, parties=(PartyInput(name="赵六"),)),
                      expected_version=e.version)
    assert [p.name for p in e.parties] == ["赵六"]
    e = events.transition(w.actors.worker1, e.id, "重新提交")
    assert e.state == "已登记"


def test_extension_requested_then_approved_or_refused_by_the_township(visit_world):
    w = visit_world
    e = report(w)
    events.transition(w.actors.village, e.id, "受理")
    old = e.deadline
    until = old + dt.timedelta(days=20)
    with pytest.raises(ValidationError) as early:
        events.transition(w.actors.village, e.id, "申请延期", until=old, note="太忙")
    assert early.value.field == "until"
    e = events.transition(w.actors.village, e.id, "申请延期", until=until, note="当事人外出务工")
    assert e.extension_pending and e.extension_until == until and e.deadline == old
    with pytest.raises(WorkflowError, match="已有一条延期申请"):
        events.transition(w.actors.village, e.id, "申请延期", until=until, note="再申请")
    with pytest.raises(WorkflowError, match="仅限乡镇综治中心"):
        events.transition(w.actors.village, e.id, "同意延期")
    e = events.transition(w.actors.township, e.id, "同意延期")
    assert e.deadline == until and not e.extension_pending
    assert e.timeline[-1].details == {"from": old.isoformat(), "to": until.isoformat()}
    e = events.transition(w.actors.village, e.id, "申请延期", until=until + dt.timedelta(days=5), note="再延")
    e = events.transition(w.actors.township, e.id, "拒绝延期", note="期限已够")
    assert e.deadline == until and not e.extension_pending and e.state == "已受理"


def test_escalation_passes_the_event_up_and_the_level_above_takes_over(visit_world):
    w = visit_world
    e = report(w)
    events.transition(w.actors.worker1, e.id, "受理")
    e = events.transition(w.actors.worker1, e.id, "上报乡镇", note="涉及两个村")
    assert (e.state, e.level, e.escalated, e.handler_id) == ("已登记", "乡镇", True, None)
    with pytest.raises(WorkflowError, match="当前由乡镇级承办"):
        events.transition(w.actors.village, e.id, "受理")
    escalated = events.page(w.actors.township, EventQuery(escalated=True))
    assert [x.id for x in escalated] == [e.id]
    assert events.page(w.actors.worker1, EventQuery(escalated=True))[0].id == e.id  # still visible below
    e = events.transition(w.actors.township, e.id, "受理")
    assert e.handler_name == "township"
    e = events.transition(w.actors.township, e.id, "上报县", note="需县级协调")
    assert e.level == "县" and e.state == "已登记"
    with pytest.raises(WorkflowError):
        events.transition(w.actors.township, e.id, "受理")
    assert events.transition(w.actors.county, e.id, "受理").handler_name == "county"
    assert [a.action for a in e.timeline] == ["登记", "受理", "上报乡镇", "受理", "上报县"]


def test_supervision_flags_the_event_with_a_note_for_the_handler(visit_world):
    w = visit_world
    e = report(w)
    with pytest.raises(WorkflowError, match="仅限乡镇综治中心"):
        events.transition(w.actors.village, e.id, "督办", note="快办")
    e = events.transition(w.actors.township, e.id, "督办", note="群众反映强烈，三日内办结")
    assert e.supervised and e.supervision_note == "群众反映强烈，三日内办结" and e.state == "已登记"
    flagged = events.page(w.actors.worker1, EventQuery(supervised=True))
    assert [x.id for x in flagged] == [e.id] and flagged[0].supervised


def test_available_actions_say_what_is_allowed_and_why_not(visit_world):
    w = visit_world
    e = report(w)
    options = {o.action: o for o in events.available_actions(w.actors.worker1, e.id)}
    assert set(options) == set(workflow.ACTIONS)
    assert options["受理"].enabled and options["受理"].visible and options["受理"].reason == ""
    assert not options["退回"].enabled and options["退回"].visible
    assert options["退回"].reason == "不能退回自己登记的事件，如需更正请直接修改"
    assert not options["督办"].enabled and options["督办"].reason == "“督办”仅限乡镇综治中心操作"
    assert not options["办结"].visible and not options["办结"].enabled and "事件当前为“已登记”" in options["办结"].reason
    assert not options["上报县"].visible
    assert options["办结"].required == (("outcome", "化解结果"), ("method", "化解方式"))
    township = {o.action: o for o in events.available_actions(w.actors.township, e.id)}
    assert township["督办"].enabled and not township["受理"].enabled
    assert township["受理"].reason == "只有事件的承办单位可以受理（当前由村级承办）"


def test_stale_edits_are_refused(visit_world):
    w = visit_world
    e = report(w)
    events.transition(w.actors.village, e.id, "受理", expected_version=e.version)
    with pytest.raises(StaleRecordError):
        events.transition(w.actors.village, e.id, "处置", expected_version=e.version)


def test_update_rules(visit_world):
    w = visit_world
    e = report(w)
    with pytest.raises(PermissionDenied):
        events.update(w.actors.worker2, e.id, draft(grid_id=w.g2.id))
    with pytest.raises(WorkflowError, match="只有事件的登记人或承办单位可以修改事件"):
        events.update(w.actors.county, e.id, draft(grid_id=w.g1.id))
    force(e.id, level="县")
    with pytest.raises(ValidationError, match="原乡镇"):
        events.update(w.actors.county, e.id, draft(village_code="420281109001"))
    force(e.id, level="村")
    moved = events.update(w.actors.village, e.id, draft(grid_id=w.g2.id, kind="民生诉求", category=None,
                                                        title="路灯不亮"))
    assert moved.grid_id == w.g2.id and moved.kind == "民生诉求"
    assert moved.deadline == TODAY + dt.timedelta(days=15)
    assert moved.number == e.number


# --------------------------------------------------------------------------- overdue and on time
def test_overdue_means_past_the_deadline_and_not_closed(visit_world):
    w = visit_world
    late = report(w)
    force(late.id, deadline=TODAY - dt.timedelta(days=1))
    due_today = report(w)
    force(due_today.id, deadline=TODAY)
    closed_late = report(w)
    force(closed_late.id, deadline=TODAY - dt.timedelta(days=5), state="已办结")
    returned = report(w)
    force(returned.id, deadline=TODAY - dt.timedelta(days=2), state="已退回")
    actor = w.actors.worker1
    assert events.get(actor, late.id).overdue and not events.get(actor, due_today.id).overdue
    assert not events.get(actor, closed_late.id).overdue and events.get(actor, returned.id).overdue
    assert {e.id for e in events.page(actor, EventQuery(overdue=True))} == {late.id, returned.id}
    assert events.count(actor, EventQuery(overdue=False)) == 2


def test_on_time_is_computed_from_the_close_action(visit_world):
    w = visit_world
    e = report(w)
    force(e.id, state="处置中", deadline=TODAY - dt.timedelta(days=1))
    e = events.transition(w.actors.village, e.id, "办结", outcome="未化解", method="信访")
    assert e.on_time is False and not e.overdue
    EventAction.update(at=dt.datetime.combine(TODAY - dt.timedelta(days=3), dt.time(10))).where(
        (EventAction.event == e.id) & (EventAction.action == "办结")).execute()
    assert events.get(w.actors.village, e.id).on_time is True


# --------------------------------------------------------------------------- lists
def test_list_filters_paging_and_scope(visit_world):
    w = visit_world
    a = report(w, title="婚姻纠纷", category="0101")
    b = report(w, title="拖欠工资", category="07")
    c = events.report(w.actors.worker2, draft(grid_id=w.g2.id, kind="安全隐患", category="H01", title="电线老化"))
    d = events.report(w.actors.worker4, draft(grid_id=w.g4.id, title="外乡镇"))
    events.transition(w.actors.village, b.id, "受理")
    t = w.actors.township
    assert [e.id for e in events.page(t)] == [c.id, b.id, a.id]  # newest first, other township hidden
    assert events.count(t) == 3 and events.count(w.actors.county) == 4
    assert [e.id for e in events.page(t, EventQuery(state="已受理"))] == [b.id]
    assert [e.id for e in events.page(t, EventQuery(state=("已受理", "已登记"), kind="矛盾纠纷"))] == [b.id, a.id]
    assert [e.id for e in events.page(t, EventQuery(kind="安全隐患"))] == [c.id]
    assert [e.id for e in events.page(t, EventQuery(category="01"))] == [a.id]  # parent matches children
    assert [e.id for e in events.page(t, EventQuery(text="工资"))] == [b.id]
    assert [e.id for e in events.page(t, EventQuery(text=c.number[-5:]))] == [c.id]
    assert [e.id for e in events.page(w.actors.village, EventQuery(mine=True))] == [b.id]  # handler
    assert [e.id for e in events.page(w.actors.worker2, EventQuery(mine=True))] == [c.id]  # reporter
    assert [e.id for e in events.page(t, EventQuery(grid_id=w.g1.id), offset=1, limit=1)] == [a.id]
    assert [e.id for e in events.page(t, EventQuery(sort="deadline"))][0] == c.id  # 7-day limit
    assert [e.id for e in events.page(w.actors.worker1)] == [b.id, a.id]
    assert events.page(w.actors.worker4)[0].id == d.id
    with pytest.raises(PermissionDenied):
        events.get(w.actors.worker2, a.id)
    with pytest.raises(NotFoundError):
        events.get(w.actors.township, 99999)


def test_events_for_household_and_person_through_parties_and_visits(visit_world):
    w = visit_world
    h = w.household(w.g1, head="陈户主")
    member = w.person(w.g1, "陈成员", household=h)
    head = Person.get((Person.household == h.id) & Person.is_head)
    as_party = report(w, parties=(PartyInput(person_id=member.id),))
    v = visits.record(w.actors.worker1, "household", h.id,
                      visits.VisitInput(findings="屋顶漏雨，需要危房鉴定")).visit
    from_visit = events.create_from_visit(w.actors.worker1, v.id, kind="民生诉求")
    unrelated = report(w, title="别人的事")
    assert [e.id for e in events.events_for_household(w.actors.worker1, h.id)] == [from_visit.id, as_party.id]
    assert [e.id for e in events.events_for_person(w.actors.worker1, member.id)] == [as_party.id]
    assert [e.id for e in events.events_for_person(w.actors.worker1, head.id)] == [from_visit.id]
    assert unrelated.id not in {e.id for e in events.events_for_household(w.actors.village, h.id)}
    with pytest.raises(PermissionDenied):
        events.events_for_household(w.actors.worker2, h.id)


# --------------------------------------------------------------------------- from visits and inspections
def test_report_from_a_visit_is_prefilled_and_linked_back(visit_world):
    w = visit_world
    p = w.person(w.g1, "周某")
    v = visits.record(w.actors.worker1, "person", p.id,
                      visits.VisitInput(findings="与邻居因排水沟发生争执\n已劝解")).visit
    d = events.draft_from_visit(w.actors.worker1, v.id)
    assert d.title == "与邻居因排水沟发生争执" and d.visit_id == v.id and d.grid_id == w.g1.id
    assert d.parties == (PartyInput(person_id=p.id),) and d.occurred_at == v.visited_at
    e = events.create_from_visit(w.actors.worker1, v.id, category="02")
    assert e.visit_id == v.id and e.parties[0].person_id == p.id and e.category_name == "邻里"
    assert visits.get(w.actors.worker1, v.id).event_ids == (e.id,)
    with pytest.raises(ValidationError) as err:
        events.create_from_visit(w.actors.worker1, v.id, colour="红")
    assert err.value.field == "colour"


def test_an_inspection_failure_becomes_a_hazard_event_in_one_call(visit_world):
    w = visit_world
    shop = w.place(w.g1, "沿街店铺", "好又多超市")
    answers = {"消防通道畅通": "合格", "灭火器有效": "不合格", "电线私拉乱接": "合格", "燃气使用": "不适用",
               "住人情况（三合一）": "合格", "安全出口": "合格"}
    v = visits.record(w.actors.worker1, "place", shop.id, visits.VisitInput(checklist=answers)).visit
    assert [c.text for c in v.failed_items] == ["灭火器有效"]
    e = events.create_from_inspection(w.actors.worker1, v.id, "灭火器有效")
    assert (e.kind, e.category, e.category_name) == ("安全隐患", "H01", "消防")
    assert e.title == "好又多超市：灭火器有效不合格" and e.place_id == shop.id and e.visit_id == v.id
    assert e.deadline == TODAY + dt.timedelta(days=7) and "灭火器有效" in e.description
    with pytest.raises(DuplicateError) as dup:
        events.create_from_inspection(w.actors.worker1, v.id, "灭火器有效")
    assert dup.value.existing == e.uid and e.number in dup.value.message
    with pytest.raises(ValidationError, match="只有不合格项"):
        events.create_from_inspection(w.actors.worker1, v.id, "安全出口")
    with pytest.raises(ValidationError, match="没有巡查项目"):
        events.create_from_inspection(w.actors.worker1, v.id, "不存在的项")


# --------------------------------------------------------------------------- parties and attachments
def test_full_party_contact_needs_an_unmasking_role_and_is_audited(visit_world):
    w = visit_world
    e = report(w, parties=(PartyInput(name="张三", id_number=ID, phone="13812341234"),))
    contact = events.party_contact(w.actors.village, e.parties[0].id)
    assert (contact.id_number, contact.phone) == (ID, "13812341234")
    assert AuditLog.select().where(AuditLog.action == "view_sensitive").count() == 1
    with pytest.raises(PermissionDenied):
        events.party_contact(w.actors.admin, e.parties[0].id)


def test_event_attachments_are_stored_once_and_listed(visit_world, tmp_path):
    w = visit_world
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8jpeg-bytes")
    e = events.report(w.actors.worker1, draft(grid_id=w.g1.id), attachments=[photo])
    assert [(a.filename, a.mime, a.is_image) for a in e.attachments] == [("现场.jpg", "image/jpeg", True)]
    e = events.add_attachments(w.actors.village, e.id, [photo])
    assert len(e.attachments) == 2 and e.attachments[0].sha256 == e.attachments[1].sha256
    e = events.remove_attachment(w.actors.village, e.attachments[0].id)
    assert len(e.attachments) == 1


def test_draft_of_round_trips_through_update_unchanged(visit_world):
    w = visit_world
    member = w.person(w.g1, "当事人甲")
    e = report(w, priority="红", people_count=4,
               parties=(PartyInput(person_id=member.id, role="申请人"), PartyInput(name="乙", phone="13812341234")))
    d = events.draft_of(w.actors.village, e.id)
    assert d.grid_id == w.g1.id and d.priority == "红" and d.deadline == e.deadline
    assert d.parties == (PartyInput(person_id=member.id, role="申请人"),
                         PartyInput(name="乙", phone="13812341234", role="当事人"))
    again = events.update(w.actors.village, e.id, d, expected_version=e.version)
    assert again.version == e.version  # nothing changed, nothing written
    assert not AuditLog.select().where((AuditLog.entity == "event") & (AuditLog.action == "update")).exists()


def test_edit_refusal_says_why_update_would_refuse(visit_world):
    w = visit_world
    e = report(w)
    assert events.edit_refusal(w.actors.worker1, e.id) is None
    assert events.edit_refusal(w.actors.township, e.id) == "只有事件的登记人或承办单位可以修改事件"
    assert events.edit_refusal(w.actors.admin, e.id) == "只有网格员、村(社区)管理员和乡镇综治中心可以修改事件"
    force(e.id, state="已办结")
    assert events.edit_refusal(w.actors.village, e.id) == "事件已办结，不能再修改"
    with pytest.raises(PermissionDenied):
        events.edit_refusal(w.actors.worker2, e.id)


def test_report_category_filters_by_the_township_statistics_class(visit_world):
    w = visit_world
    sale = report(w, title="买卖合同纠纷", category="0601")  # 合同 (through the GB/T 06 subtree)
    loan = report(w, title="借款纠纷", category="08")  # 合同 too (金融借贷)
    hurt = report(w, title="劳务受伤", category="0507")  # 损害赔偿
    other = report(w, title="名誉纠纷", category="03")  # 其他 (人格权)
    odd = report(w, title="旧台账类别", category="02")
    force(odd.id, category="X1")  # an imported category the table doesn't know counts as 其他
    events.report(w.actors.worker1, draft(grid_id=w.g1.id, kind="民生诉求", category=None, title="路灯不亮"))
    t = w.actors.township

    def found(name):
        return {e.id for e in events.page(t, EventQuery(report_category=name))}

    assert found("合同") == {sale.id, loan.id}
    assert found("损害赔偿") == {hurt.id}
    assert found("其他") == {other.id, odd.id}  # not the 民生诉求 (kind 其他 is not a dispute class)
    assert events.count(t, EventQuery(report_category="合同", text="借款")) == 1
    assert {e.report_category for e in events.page(t, EventQuery(report_category="合同"))} == {"合同"}
    with pytest.raises(ValidationError) as raised:
        events.count(t, EventQuery(report_category="不存在的分类"))
    assert raised.value.field == "report_category"


def test_registered_dates_bound_the_list_inclusively(visit_world):
    w = visit_world
    early, late = report(w, title="三月纠纷"), report(w, title="四月纠纷")
    force(early.id, registered_at=dt.datetime(2026, 3, 31, 23, 59))
    force(late.id, registered_at=dt.datetime(2026, 4, 1, 0, 0))
    t = w.actors.township
    march = EventQuery(registered_from=dt.date(2026, 3, 1), registered_to=dt.date(2026, 3, 31))
    assert [e.id for e in events.page(t, march)] == [early.id]
    assert [e.id for e in events.page(t, EventQuery(registered_from=dt.date(2026, 4, 1)))] == [late.id]


def test_validate_draft_lists_every_field_error_and_writes_nothing(visit_world):
    w = visit_world
    found = events.validate_draft(w.actors.worker1, EventDraft(kind="矛盾纠纷", people_count=0))
    assert {e.field for e in found} == {"category", "title", "people_count"}
    assert events.count(w.actors.worker1) == 0
    good = EventDraft(kind="治安", title="夜间有人翻墙", grid_id=w.g1.id)
    assert events.validate_draft(w.actors.worker1, good) == []
    e = report(w)
    # a correction is checked against the event's own registration day and deadline
    late = draft(grid_id=w.g1.id, deadline=TODAY + dt.timedelta(days=400))
    assert [x.field for x in events.validate_draft(w.actors.worker1, late, e.id)] == ["deadline"]
    assert events.validate_draft(w.actors.worker1, events.draft_of(w.actors.worker1, e.id), e.id) == []
    with pytest.raises(PermissionDenied):
        events.validate_draft(w.actors.worker2, good, e.id)
