"""The event state machine as data (gridapp.workflow): no database needed."""
from __future__ import annotations

import itertools

import pytest

from gridapp import workflow as wf
from gridapp.errors import WorkflowError
from gridapp.services.actor import GRID_WORKER, SYSADMIN, TOWNSHIP, VILLAGE_ADMIN

ALL_RELATIONS = frozenset({wf.OWNER, wf.SUPERIOR, wf.REPORTER})
ROLES = (GRID_WORKER, VILLAGE_ADMIN, TOWNSHIP, SYSADMIN)

EXPECTED = {  # action: (from states, to state or None for "unchanged")
    "受理": ({"已登记"}, "已受理"),
    "处置": ({"已受理"}, "处置中"),
    "办结": ({"处置中"}, "已办结"),
    "回访": ({"已办结"}, "已回访"),
    "重新处置": ({"已回访"}, "处置中"),
    "归档": ({"已回访"}, "已归档"),
    "退回": ({"已登记", "已受理"}, "已退回"),
    "重新提交": ({"已退回"}, "已登记"),
    "申请延期": ({"已受理", "处置中"}, None),
    "同意延期": ({"已受理", "处置中"}, None),
    "拒绝延期": ({"已受理", "处置中"}, None),
    "上报乡镇": ({"已登记", "已受理", "处置中"}, "已登记"),
    "上报县": ({"已登记", "已受理", "处置中"}, "已登记"),
    "督办": ({"已登记", "已受理", "处置中", "已退回"}, None),
}


def facts_for(action: str, state: str) -> wf.EventFacts:
    """Facts that satisfy every guard and level condition of ``action``."""
    spec = wf.ACTIONS[action]
    return wf.EventFacts(state=state, level=spec.from_levels[0],
                         extension_pending=wf.EXTENSION_PENDING in spec.guards,
                         satisfaction="不满意", reported_by_actor=False)


def role_for(action: str) -> str:
    return next(r for r in ROLES if r in wf.ACTIONS[action].roles)


def test_the_table_is_the_documented_state_machine():
    assert set(wf.ACTIONS) == set(EXPECTED)
    for action, (sources, target) in EXPECTED.items():
        spec = wf.ACTIONS[action]
        assert set(spec.from_states) == sources, action
        assert spec.to_state == target, action
    assert wf.ACTION_ORDER == tuple(wf.ACTIONS)
    assert set(wf.STATES) == {"已登记", "已受理", "处置中", "已办结", "已回访", "已归档", "已退回"}
    assert wf.CLOSED_STATES == {"已办结", "已回访", "已归档"}


@pytest.mark.parametrize("state,action", list(itertools.product(wf.STATES, wf.ACTIONS)))
def test_every_state_and_action_is_allowed_or_refused_with_a_message(state, action):
    sources, target = EXPECTED[action]
    message = wf.refusal(action, facts_for(action, state), role_for(action), ALL_RELATIONS)
    if state in sources:
        assert message is None
        assert wf.target_state(action, state) == (target or state)
    else:
        assert message == wf.state_refusal(action, state)
        assert f"事件当前为“{state}”" in message and f"不能{action}" in message
        for source in sources:
            assert f"“{source}”" in message


def test_archived_is_terminal_and_every_state_is_reachable():
    assert not [a for a, s in wf.ACTIONS.items() if wf.ARCHIVED in s.from_states]
    reached, frontier = {wf.REGISTERED}, [wf.REGISTERED]
    while frontier:
        state = frontier.pop()
        for spec in wf.ACTIONS.values():
            if state in spec.from_states:
                nxt = spec.to_state or state
                if nxt not in reached:
                    reached.add(nxt)
                    frontier.append(nxt)
    assert reached == set(wf.STATES)


@pytest.mark.parametrize("action,role", [(a, r) for a in wf.ACTIONS for r in ROLES if r not in wf.ACTIONS[a].roles])
def test_roles_outside_the_action_are_refused_by_name(action, role):
    state = wf.ACTIONS[action].from_states[0]
    message = wf.refusal(action, facts_for(action, state), role, ALL_RELATIONS)
    assert message.startswith(f"“{action}”仅限")


def test_a_system_administrator_performs_no_workflow_action():
    assert all(SYSADMIN not in spec.roles for spec in wf.ACTIONS.values())


@pytest.mark.parametrize("action", list(wf.ACTIONS))
def test_only_the_right_relation_may_act(action):
    spec = wf.ACTIONS[action]
    state = spec.from_states[0]
    facts = facts_for(action, state)
    for relation in (wf.OWNER, wf.SUPERIOR, wf.REPORTER):
        message = wf.refusal(action, facts, role_for(action), frozenset({relation}))
        if relation in spec.who:
            assert message is None, (action, relation)
        else:
            assert message is not None and message.startswith("只有"), (action, relation)
    assert wf.refusal(action, facts, role_for(action), frozenset()).startswith("只有")


def test_who_may_do_what():
    assert wf.ACTIONS["受理"].who == {wf.OWNER}
    assert wf.ACTIONS["办结"].who == {wf.OWNER}
    assert wf.ACTIONS["重新提交"].who == {wf.REPORTER}
    assert wf.ACTIONS["督办"].who == {wf.SUPERIOR} and wf.ACTIONS["督办"].roles == {TOWNSHIP}
    assert wf.ACTIONS["同意延期"].who == {wf.SUPERIOR} and wf.ACTIONS["拒绝延期"].roles == {TOWNSHIP}
    assert wf.ACTIONS["回访"].who == {wf.OWNER, wf.SUPERIOR}
    assert wf.ACTIONS["上报乡镇"].roles == {GRID_WORKER, VILLAGE_ADMIN}
    assert wf.ACTIONS["上报县"].roles == {TOWNSHIP}


def test_the_owner_message_names_the_level():
    facts = wf.EventFacts(state="已登记", level="乡镇")
    assert wf.refusal("受理", facts, TOWNSHIP, frozenset({wf.SUPERIOR})) == "只有事件的承办单位可以受理（当前由乡镇级承办）"


@pytest.mark.parametrize("action,level,allowed", [
    ("上报乡镇", "村", True), ("上报乡镇", "乡镇", False), ("上报乡镇", "县", False),
    ("上报县", "村", False), ("上报县", "乡镇", True), ("上报县", "县", False),
])
def test_escalation_goes_up_one_level_at_a_time(action, level, allowed):
    facts = wf.EventFacts(state="处置中", level=level)
    message = wf.refusal(action, facts, role_for(action) if level == "村" else TOWNSHIP, ALL_RELATIONS)
    if allowed:
        assert message is None
    else:
        assert message == f"事件已由{level}级承办，不能再{action}"
    assert wf.ACTIONS[action].to_level == ("乡镇" if action == "上报乡镇" else "县")


@pytest.mark.parametrize("action,facts,message", [
    ("同意延期", wf.EventFacts(state="处置中"), "该事件没有待审批的延期申请"),
    ("拒绝延期", wf.EventFacts(state="已受理"), "该事件没有待审批的延期申请"),
    ("申请延期", wf.EventFacts(state="处置中", extension_pending=True), "已有一条延期申请等待审批，请勿重复申请"),
    ("重新处置", wf.EventFacts(state="已回访", satisfaction="满意"), "只有回访“不满意”的事件才能重新处置"),
    ("重新处置", wf.EventFacts(state="已回访", satisfaction="基本满意"), "只有回访“不满意”的事件才能重新处置"),
    ("退回", wf.EventFacts(state="已登记", reported_by_actor=True), "不能退回自己登记的事件，如需更正请直接修改"),
])
def test_guards_refuse_with_their_message(action, facts, message):
    assert wf.refusal(action, facts, role_for(action), ALL_RELATIONS) == message


def test_closing_requires_outcome_and_method_and_for_mediation_mediator_and_agreement():
    assert wf.missing_fields("办结", {}) == [("outcome", "请填写化解结果"), ("method", "请填写化解方式")]
    assert wf.missing_fields("办结", {"outcome": "化解成功", "method": "行政调解"}) == []
    assert wf.missing_fields("办结", {"outcome": "化解成功", "method": "人民调解", "mediator": " "}) == [
        ("mediator", "人民调解须填写调解员"), ("agreement", "人民调解须填写调解协议")]
    assert wf.missing_fields("办结", {"outcome": "未化解", "method": "人民调解", "mediator": "王调解",
                                      "agreement": "双方同意……"}) == []


@pytest.mark.parametrize("action,fields", [
    ("退回", ["note"]), ("回访", ["satisfaction"]), ("申请延期", ["until", "note"]), ("拒绝延期", ["note"]),
    ("督办", ["note"]), ("上报乡镇", ["note"]), ("上报县", ["note"]), ("重新处置", ["note"]),
    ("受理", []), ("处置", []), ("归档", []), ("重新提交", []), ("同意延期", []),
])
def test_required_fields_per_action(action, fields):
    assert [name for name, _ in wf.missing_fields(action, {})] == fields


def test_an_unknown_action_is_a_workflow_error():
    with pytest.raises(WorkflowError, match="未知的事件操作"):
        wf.refusal("删除", wf.EventFacts(state="已登记"), TOWNSHIP, ALL_RELATIONS)


def test_every_action_has_a_translatable_label_and_accepts_its_required_fields():
    for spec in wf.ACTIONS.values():
        assert spec.label and spec.label.isascii()
        assert {name for name, _ in spec.required} <= set(spec.accepts)
        assert "note" in spec.accepts
    assert set(wf.ACTIONS["办结"].accepts) == {"note", "outcome", "method", "mediator", "agreement", "agreement_date"}
