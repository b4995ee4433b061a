"""Importing a visit ledger (tests/data/visits_ledger.xlsx) after the household register."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from gridapp.importers import import_file
from gridapp.models import AuditLog, Household, Person, PersonTag, Visit
from gridapp.services import grids
from gridapp.services.actor import system_actor
from tests.core.factories import make_actor
from tests.data import make_fixtures as fx

DATA = Path(__file__).resolve().parent.parent / "data"
TUQIAO = "420281103200"


@pytest.fixture
def register(db):
    grid = grids.create_grid(system_actor(), TUQIAO, "第一网格")
    assert import_file(system_actor(), "households", DATA / "households_traps.xlsx").accepted == 9
    return grid


def test_the_visit_ledger_imports_its_good_rows(register):
    outcome = import_file(system_actor(), "visits", DATA / "visits_ledger.xlsx")
    assert outcome.as_json() == {"rows": 9, "accepted": 3, "rejected": 6, "visits_created": 3,
                                 "grids_created": 0, "updated": 0}
    assert {e.row_number: e.message for e in outcome.errors} == {
        5: "身份证号：未找到该人员（请先导入或登记户籍人口）",
        6: "走访日期：“2026-02-30”不是有效日期",
        7: "危险等级：应在0到5之间，实际为7",
        8: "走访日期：与第3行是同一次走访（日期、被访对象、走访人都相同）",
        9: "走访方式：“飞鸽传书”无法识别（可填 入户、电话、视频、来访）",
        11: "危险等级：只有严重精神障碍患者需要填写危险性评估",
    }
    rows = [(v.visited_at, v.kind, v.person.name if v.person_id else None,
             v.household.number if v.household_id else None, v.visitor_name, v.method, v.state, v.findings)
            for v in Visit.select().order_by(Visit.visited_at)]
    assert rows == [
        (dt.datetime(2026, 3, 2), "走访", "张建国", None, "王网格", "入户", "正常", None),
        (dt.datetime(2026, 3, 5), "走访", None, "H004", "王网格", "电话", "正常", "房屋漏雨"),
        (dt.datetime(2026, 3, 9), "走访", "张伟", None, "李书记", "入户", "外出", None),
    ]
    h004 = Household.get(Household.number == "H004")
    assert Visit.get(Visit.household == h004.id).village_code == TUQIAO
    assert Visit.get(Visit.household == h004.id).grid_id == register.id


def test_reimporting_the_visit_ledger_creates_nothing_and_a_changed_row_updates(register, tmp_path):
    actor = system_actor()
    import_file(actor, "visits", DATA / "visits_ledger.xlsx")
    again = import_file(actor, "visits", DATA / "visits_ledger.xlsx")
    assert (again.accepted, again.visits_created, again.updated) == (3, 0, 0)
    assert Visit.select().count() == 3
    wb = Workbook()
    wb.active.append(["走访日期", "走访人", "身份证号", "走访方式", "情况记录"])
    wb.active.append(["2026-03-02", "王网格", fx.ZHANG_JIANGUO, "电话", "补记：电话确认身体健康"])
    wb.save(tmp_path / "fix.xlsx")
    fixed = import_file(actor, "visits", tmp_path / "fix.xlsx")
    assert (fixed.accepted, fixed.visits_created, fixed.updated) == (1, 0, 1)
    visit = Visit.get(Visit.person == Person.get(Person.id_number == fx.ZHANG_JIANGUO).id)
    assert (visit.method, visit.notes, visit.version) == ("电话", "补记：电话确认身体健康", 2)
    assert AuditLog.select().where((AuditLog.action == "update") & (AuditLog.uid == visit.uid)).exists()


def test_a_patient_visit_needs_a_risk_grade_and_is_a_follow_up(register, tmp_path):
    li = Person.get(Person.id_number == fx.LI_XIUYING)
    PersonTag.create(person=li.id, category="jsza", attention="01", since=dt.date(2025, 1, 1), sensitive=True)
    wb = Workbook()
    wb.active.append(["随访日期", "随访医生", "身份证号", "危险性评估"])
    wb.active.append(["2026-04-01", "王网格", fx.LI_XIUYING, "3级"])
    wb.active.append(["2026-04-15", "王网格", fx.LI_XIUYING, None])
    wb.save(tmp_path / "jsza.xlsx")
    outcome = import_file(system_actor(), "visits", tmp_path / "jsza.xlsx")
    assert outcome.accepted == 1
    assert [e.message for e in outcome.errors] == ["危险性评估：严重精神障碍患者每次随访都须填写危险性评估（0–5级）"]
    visit = Visit.get(Visit.person == li.id)
    assert (visit.kind, visit.risk_grade) == ("随访", 3)


def test_a_visit_by_name_alone_needs_a_unique_name_and_a_worker_stays_in_scope(register, tmp_path):
    wb = Workbook()
    wb.active.append(["日期", "网格员", "姓名", "村(社区)"])
    wb.active.append(["2026-05-01", "王网格", "周杰", "土桥村"])
    wb.active.append(["2026-05-01", "王网格", "无此人", "土桥村"])
    wb.save(tmp_path / "names.xlsx")
    outcome = import_file(system_actor(), "visits", tmp_path / "names.xlsx")
    assert outcome.accepted == 1
    assert [e.message for e in outcome.errors] == ["姓名：未找到名为“无此人”的人员，请填写公民身份号码"]
    other = grids.create_grid(system_actor(), TUQIAO, "第二网格")
    stranger = make_actor("grid_worker", grid_ids=(other.id,))
    refused = import_file(stranger, "visits", tmp_path / "names.xlsx", dry_run=True)
    assert refused.errors[0].message == "姓名：周杰不在您的管辖范围内"
