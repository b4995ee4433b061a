"""Importing a 矛盾纠纷排查化解台账 (tests/data/events_ledger.xlsx)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from gridapp import db as gdb
from gridapp.importers import import_file
from gridapp.models import Event, EventAction, EventParty, EventSequence
from gridapp.services import grids
from gridapp.services.actor import system_actor
from tests.data import make_fixtures as fx

DATA = Path(__file__).resolve().parent.parent / "data"
LEDGER = DATA / "events_ledger.xlsx"
JSD = "420281103"  # 金山店镇


@pytest.fixture
def village(db):
    return grids.create_grid(system_actor(), "420281103200", "第一网格")


def timeline(event: Event) -> list[tuple]:
    return [(a.action, a.from_state, a.to_state, a.at.date(), a.imported, a.note)
            for a in EventAction.select().where(EventAction.event == event.id).order_by(EventAction.id)]


def test_the_ledger_imports_its_good_rows_and_names_the_column_of_the_bad_ones(village):
    outcome = import_file(system_actor(), "events", LEDGER)
    assert outcome.as_json() == {"rows": 9, "accepted": 5, "rejected": 4, "events_created": 5,
                                 "grids_created": 0, "updated": 0}
    assert {e.row_number: (e.column, e.message) for e in outcome.errors} == {
        7: ("办理状态", "办理状态：“搁置”无法识别（可填 已化解、调解中、未化解、已上报、已办结、已受理、已退回）"),
        8: ("纠纷类型", "纠纷类型：“外星人入侵”无法识别：请填写矛盾纠纷类别（如 邻里、婚姻家庭、宅基地、劳动争议）、"
                       "安全隐患类别（如 消防）或事件类型（治安、民生诉求）"),
        9: ("登记日期", "登记日期：不能为空"),
        11: ("村(社区)", "村(社区)：“不存在村”在金山店镇中不存在（可填写名称或12位代码）"),
    }
    assert gdb.check().ok


def test_states_become_workflow_states_with_imported_actions(village):
    import_file(system_actor(), "events", LEDGER)
    resolved = Event.get(Event.title == "宅旁排水沟堵塞纠纷")
    assert (resolved.number, resolved.source_number) == (f"{JSD}-2026-00008", None)
    assert (resolved.kind, resolved.category, resolved.state, resolved.outcome, resolved.method) == \
        ("矛盾纠纷", "02", "已办结", "化解成功", "人民调解")
    assert (resolved.closed_at, resolved.deadline, resolved.mediator, resolved.people_count) == \
        (dt.datetime(2026, 1, 10), dt.date(2026, 2, 4), "李调解", 2)
    assert (resolved.grid_id, resolved.village_code, resolved.level, resolved.imported) == \
        (village.id, "420281103200", "村", True)
    assert timeline(resolved) == [
        ("登记", None, "已登记", dt.date(2026, 1, 5), True, "导入"),
        ("受理", "已登记", "已受理", dt.date(2026, 1, 5), True, "导入"),
        ("处置", "已受理", "处置中", dt.date(2026, 1, 5), True, "导入"),
        ("办结", "处置中", "已办结", dt.date(2026, 1, 10), True, "导入"),
    ]
    assert json.loads(EventAction.get((EventAction.event == resolved.id) & (EventAction.action == "办结")).details) \
        == {"outcome": "化解成功"}
    assert [p.name for p in EventParty.select().where(EventParty.event == resolved.id)] == ["张某", "王某"]

    mediating = Event.get(Event.source_number == "TQ-2026-002")
    assert (mediating.number, mediating.category, mediating.state, mediating.closed_at) == \
        (f"{JSD}-2026-00009", "01", "处置中", None)
    assert mediating.people_count == 2  # from the two parties (刘某；刘某某)

    escalated = Event.get(Event.number == fx.OUR_NUMBER)
    assert (escalated.state, escalated.level, escalated.escalated, escalated.category, escalated.grid_id) == \
        ("已登记", "乡镇", True, "0902", None)
    assert [a[:3] for a in timeline(escalated)] == [("登记", None, "已登记"), ("上报乡镇", "已登记", "已登记")]

    failed = Event.get(Event.source_number == "TQ-2026-004")
    assert (failed.state, failed.outcome, failed.category, failed.village_code, failed.people_count) == \
        ("已办结", "未化解", "07", "420281103201", 12)
    hazard = Event.get(Event.source_number == "TQ-2026-008")
    assert (hazard.kind, hazard.category, hazard.state, hazard.deadline) == \
        ("安全隐患", "H01", "已受理", dt.date(2026, 3, 8))
    assert EventSequence.get((EventSequence.township_code == JSD) & (EventSequence.year == 2026)).last == 11


def test_reimporting_the_ledger_creates_nothing(village):
    actor = system_actor()
    import_file(actor, "events", LEDGER)
    again = import_file(actor, "events", LEDGER)
    assert (again.accepted, again.rejected, again.events_created) == (5, 4, 0)
    assert Event.select().count() == 5 and EventAction.select().count() == 15


def write(path: Path, rows: list) -> Path:
    wb = Workbook()
    wb.active.append(["登记日期", "乡镇(街道)", "村(社区)", "网格", "类别", "事项", "状态", "办结日期", "编号"])
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def test_rows_without_a_number_are_keyed_by_date_and_title_and_a_new_grid_is_made(village, tmp_path):
    book = write(tmp_path / "e.xlsx", [
        ["2026-04-01", "金山店镇", "土桥村", "第五网格", "矛盾纠纷/邻里", "占道堆放", "已受理", None, None],
        ["2026-04-01", "金山店镇", None, None, "治安", "夜间盗窃", "上报县", None, None],
        ["2026-04-02", "金山店镇", "土桥村", None, "安全隐患-消防", "电动车楼道充电", "已整改", "2026-04-03", None],
        ["2026-04-03", "金山店镇", "土桥村", None, "邻里", "噪音", "调解中", "2026-04-05", None],
        ["2026-04-04", "金山店镇", "土桥村", None, "邻里", "漏水", "已化解", "2026-04-01", None],
        ["2026-04-05", "保安镇", None, None, "邻里", "犬只伤人", "受理", None, f"{JSD}-2026-00099"],
    ])
    outcome = import_file(system_actor(), "events", book)
    assert (outcome.accepted, outcome.events_created, outcome.grids_created) == (3, 3, 1)
    assert {e.row_number: e.message for e in outcome.errors} == {
        5: "办结日期：状态为“调解中”的事件尚未办结，不应填写办结日期",
        6: "办结日期：2026-04-01 早于登记日期",
        7: "编号：乡镇代码 420281103 与乡镇(街道) 420281101 不符",
    }
    theft = Event.get(Event.title == "夜间盗窃")
    assert (theft.kind, theft.level, theft.village_code, theft.state) == ("治安", "县", None, "已登记")
    assert [a.action for a in theft.actions.order_by(EventAction.id)] == ["登记", "上报县"]
    fire = Event.get(Event.title == "电动车楼道充电")
    assert (fire.kind, fire.category, fire.state, fire.outcome, fire.closed_at) == \
        ("安全隐患", "H01", "已办结", None, dt.datetime(2026, 4, 3))
    assert Event.get(Event.title == "占道堆放").grid.name == "第五网格"
    again = import_file(system_actor(), "events", book)
    assert (again.events_created, again.grids_created) == (0, 0)
