"""The summary workbook against a hand-made township whose figures were counted by hand.

金山店镇 (420281103): 土桥村 (grids 一网格 with worker 王网格, 二网格), 马坪村 (一网格, worker 李网格), and the
other villages empty. Period 2026年第1季度 (2026-01-01..2026-03-31), the report made on 2026-06-30.
Every expected number below was worked out from the rows inserted here, following the counting
rules in the summary module's docstring; none comes from the production queries.
"""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from gridapp import refdata
from gridapp.errors import Cancelled, PermissionDenied
from gridapp.models import (
    AuditLog, Event, EventAction, Household, Person, PersonTag, Place, User, Visit,
)
from gridapp.reports import summary as summary_module
from gridapp.reports.summary import compute_summary, write_summary
from gridapp.services import grids
from gridapp.services.actor import system_actor
from tests.core.factories import make_actor

JSD, TUQIAO, MAPING = "420281103", "420281103200", "420281103201"
Q1 = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
TODAY = dt.date(2026, 6, 30)


def d(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@pytest.fixture
def township(db):
    actor = system_actor()
    wang = User.create(login="wang", display_name="王网格", role="grid_worker", scope_code=TUQIAO)
    li = User.create(login="li", display_name="李网格", role="grid_worker", scope_code=MAPING)
    g1 = grids.create_grid(actor, TUQIAO, "一网格", worker_id=wang.id).id
    g2 = grids.create_grid(actor, TUQIAO, "二网格").id
    g3 = grids.create_grid(actor, MAPING, "一网格", worker_id=li.id).id
    village_of = {g1: TUQIAO, g2: TUQIAO, g3: MAPING}

    def place_cols(grid: int) -> dict:
        v = village_of[grid]
        return dict(grid=grid, village_code=v, township_code=v[:9], county_code=v[:6])

    def household(grid: int, number: str, created: str, deleted: bool = False) -> Household:
        return Household.create(number=number, created_at=d(created), deleted_at=d("2026-01-02") if deleted else None,
                                **place_cols(grid))

    def person(name: str, grid: int, home: Household | None, residence: str = "户籍在册") -> Person:
        return Person.create(name=name, household=home, residence=residence, **place_cols(grid))

    h1 = household(g1, "H1", "2025-01-01")
    h2 = household(g1, "H2", "2025-01-01")
    h3 = household(g1, "H3", "2026-02-01")
    h4 = household(g2, "H4", "2025-06-01")
    h5 = household(g3, "H5", "2024-01-01")
    household(g3, "H6", "2024-01-01", deleted=True)
    a = person("甲", g1, h1)
    person("乙", g1, h1, "流动")
    c = person("丙", g1, h2)
    person("丁", g1, h2, "死亡")
    person("戊", g1, h3, "外出")
    f = person("己", g2, h4, "常住")
    g = person("庚", g3, h5)
    p = person("患者", g3, h5)
    person("流动者", g3, None, "流动")

    def tag(who: Person, category: str, attention: str, since: str, until: str | None = None) -> None:
        PersonTag.create(person=who, category=category, attention=attention, since=dt.date.fromisoformat(since),
                         until=dt.date.fromisoformat(until) if until else None)

    tag(a, "djlr", "02", "2025-01-01")
    tag(c, "xmsf", "02", "2025-06-01")
    tag(p, "jsza", "03", "2025-01-01")
    tag(g, "sqjz", "02", "2026-04-15")  # starts after the period
    tag(f, "dbh", "02", "2024-01-01", "2025-12-31")  # ended before it

    def visit(at: str, *, household=None, person=None, place=None, grid=g1, visitor=None, name="", state="正常",
              grade=None) -> None:
        Visit.create(household=household, person=person, place=place, visited_at=d(at), visitor=visitor,
                     visitor_name=name or (visitor.display_name if visitor else ""), state=state, risk_grade=grade,
                     **place_cols(grid))

    shop = Place.create(category="沿街店铺", name="小卖部", **{k: v for k, v in place_cols(g1).items()})
    visit("2025-10-15 09:00", household=h1, visitor=wang)
    visit("2026-02-10 09:00", household=h1, visitor=wang)
    visit("2026-03-05 10:00", person=a, visitor=wang)
    visit("2026-02-01 15:00", place=shop, visitor=wang)
    visit("2025-12-20 09:00", household=h4, grid=g2, visitor=wang)
    visit("2026-04-02 09:00", household=h4, grid=g2, visitor=wang)
    visit("2025-11-15 09:00", person=p, grid=g3, visitor=li, grade=2)
    visit("2026-01-20 09:00", person=p, grid=g3, visitor=li, grade=1)
    visit("2026-03-25 09:00", person=p, grid=g3, name="村医刘", state="失访")
    visit("2025-03-01 09:00", household=h5, grid=g3, visitor=li)

    def event(kind: str, category: str | None, registered: str, deadline: str, *, grid=None, village=None,
              closed: str | None = None, outcome: str | None = None, state: str | None = None, people: int = 1,
              reporter: User | None = None, deleted: bool = False) -> Event:
        village = village or (village_of[grid] if grid else None)
        return Event.create(
            number=f"{JSD}-{registered[:4]}-{Event.select().count() + 1:05d}", kind=kind, category=category,
            title="事件", registered_at=d(registered + " 09:00"), deadline=dt.date.fromisoformat(deadline), grid=grid,
            village_code=village, township_code=JSD, county_code=JSD[:6],
            closed_at=d(closed + " 17:00") if closed else None, outcome=outcome,
            state=state or ("已办结" if closed else "处置中"), people_count=people, reporter=reporter,
            reporter_name=reporter.display_name if reporter else "", deleted_at=d("2026-03-01") if deleted else None)

    event("矛盾纠纷", "02", "2026-01-05", "2026-02-04", grid=g1, closed="2026-01-20", outcome="化解成功", people=2,
          reporter=wang)
    event("矛盾纠纷", "0101", "2026-02-01", "2026-03-03", grid=g1, closed="2026-03-10", outcome="未化解", people=3,
          reporter=wang)
    event("矛盾纠纷", "0902", "2026-03-20", "2026-04-19", grid=g2, people=2)
    e4 = event("矛盾纠纷", "07", "2026-01-10", "2026-02-09", grid=g3, closed="2026-04-05", outcome="化解成功",
               people=10, reporter=li)
    event("安全隐患", "H01", "2026-02-15", "2026-02-22", grid=g3, closed="2026-02-20", reporter=li)
    event("安全隐患", "H04", "2026-03-01", "2026-03-08", grid=g1, reporter=wang)
    event("矛盾纠纷", "99", "2026-03-15", "2026-04-14")  # the township's own
    e8 = event("矛盾纠纷", "02", "2025-12-20", "2026-01-19", grid=g1, reporter=wang)
    event("矛盾纠纷", "02", "2026-02-05", "2026-03-07", grid=g1, state="已退回", reporter=wang)
    event("矛盾纠纷", "02", "2026-02-06", "2026-03-08", grid=g1, reporter=wang, deleted=True)
    event("矛盾纠纷", "02", "2025-02-01", "2025-03-03", grid=g1, closed="2025-02-10", outcome="化解成功")
    for e, at in ((e4, "2026-01-15 10:00"), (e8, "2026-01-03 10:00")):
        EventAction.create(event=e, action="上报乡镇", from_state="处置中", to_state="已登记", at=d(at))
    return dict(wang=wang, li=li, g1=g1, g2=g2, g3=g3)


def clerk():
    return make_actor("township", JSD)


def test_the_overview_figures_match_the_hand_count(township):
    s = compute_summary(clerk(), JSD, *Q1, today=TODAY)
    assert s.period.label == "2026年第1季度" and s.row_label == "村(社区)"
    rows = {r.name: r for r in s.rows}
    assert list(rows) == ["新村社区", "富民社区", "土桥村", "马坪村", "向阳村", "山下村", "火石村", "白合村", "梅山村",
                          "龙口村", "乡镇本级"]
    t, m, own = rows["土桥村"], rows["马坪村"], rows["乡镇本级"]
    #                        grids households 户籍 流动
    assert (t.grids, t.households, t.residents, t.floating) == (2, 4, 4, 1)
    assert (m.grids, m.households, m.residents, m.floating) == (1, 1, 2, 1)
    # 刑满释放 社区矫正 严重精神障碍 吸毒 艾滋病危险 重点青少年 重点上访 关爱人群
    assert t.groups == (1, 0, 0, 0, 0, 0, 0, 1)
    assert m.groups == (0, 0, 1, 0, 0, 0, 0, 0)
    #                        应访户次 实访户次 visited 逾期未访
    assert (t.visits_due, t.visits_done, t.households_visited, t.overdue_households) == (1, 2, 1, 1)
    assert (m.visits_due, m.visits_done, m.households_visited, m.overdue_households) == (0, 2, 1, 0)
    #                     排查 化解 在调 上报 隐患发现 整改 超期
    assert (t.disputes, t.resolved, t.mediating, t.escalated, t.hazards, t.hazards_fixed, t.overdue_events) == \
        (3, 1, 1, 1, 1, 0, 2)
    assert (m.disputes, m.resolved, m.mediating, m.escalated, m.hazards, m.hazards_fixed, m.overdue_events) == \
        (1, 0, 1, 1, 1, 1, 1)
    assert (own.disputes, own.mediating, own.households, own.grids) == (1, 1, 0, 0)
    total = s.total
    assert (total.grids, total.households, total.residents, total.floating, total.groups) == \
        (3, 5, 6, 2, (1, 0, 1, 0, 0, 0, 0, 1))
    assert (total.visits_due, total.visits_done, total.households_visited, total.overdue_households) == (1, 4, 2, 1)
    assert total.coverage == pytest.approx(2 / 5)
    assert (total.disputes, total.resolved, total.mediating, total.escalated) == (5, 1, 3, 2)
    assert total.resolution_rate == pytest.approx(1 / 5)
    assert (total.hazards, total.hazards_fixed, total.overdue_events) == (2, 1, 3)
    assert (total.closed, total.closed_on_time) == (3, 2)


def test_categories_special_groups_and_workers_match_the_hand_count(township):
    s = compute_summary(clerk(), JSD, *Q1, today=TODAY)
    by_name = {r.name: r for r in s.category_totals}
    assert {n: (r.disputes, r.resolved, r.mediating, r.people) for n, r in by_name.items() if r.disputes} == {
        "婚姻家庭": (1, 0, 0, 3), "邻里": (1, 1, 0, 2), "房屋宅基地": (1, 0, 1, 2),
        "劳动争议(含拖欠工资)": (1, 0, 1, 10), "其他": (1, 0, 1, 1), "合计": (5, 1, 3, 18)}
    tuqiao = next(r for r in s.category_rows if r.name == "土桥村")
    assert dict(zip(s.categories, tuqiao.by_category)) == {c: (1 if c in ("婚姻家庭", "邻里", "房屋宅基地") else 0)
                                                           for c in s.categories}
    mental = {r.name: r for r in s.mental_rows}
    m = mental["马坪村"]
    assert (m.registered, m.managed, m.standard, m.followups, m.overdue) == (1, 1, 1, 2, 0)
    assert (mental["合计"].management_rate, mental["合计"].standard_rate) == (1.0, 1.0)
    assert mental["土桥村"].registered == 0 and mental["土桥村"].management_rate is None
    groups = {g.category: g for g in s.groups}
    assert (groups["xmsf"].registered, groups["xmsf"].due, groups["xmsf"].done, groups["xmsf"].overdue) == (1, 3, 0, 1)
    assert (groups["djlr"].registered, groups["djlr"].due, groups["djlr"].done, groups["djlr"].overdue) == (1, 3, 1, 0)
    assert groups["xmsf"].on_schedule_rate == 0.0 and groups["djlr"].on_schedule_rate == 1.0
    assert (groups["sqjz"].registered, groups["dbh"].registered, groups["dbh"].due) == (0, 0, None)
    assert "jsza" not in groups
    assert [(w.name, w.village, w.grids, w.visits, w.reported, w.closed, w.closed_on_time) for w in s.workers] == [
        ("王网格", "土桥村", "一网格", 3, 3, 2, 1),
        ("李网格", "马坪村", "一网格", 1, 2, 1, 1),
        ("村医刘", "", "", 1, 0, 0, 0),
    ]


def test_compare_adds_the_year_earlier_and_the_previous_period(township):
    s = compute_summary(clerk(), JSD, *Q1, compare=True, today=TODAY)
    assert (s.year_ago.label, s.previous.label) == ("2025年第1季度", "2025年第4季度")
    year = s.year_ago_rows["total"]
    assert (year.visits_done, year.disputes, year.resolved, year.hazards) == (1, 1, 1, 0)
    assert s.year_ago_rows[MAPING].visits_done == 1 and s.year_ago_rows[TUQIAO].disputes == 1
    prev = s.previous_total
    assert (prev.visits_done, prev.disputes, prev.resolved, prev.escalated) == (3, 1, 0, 0)
    assert summary_module.change(4, 1) == 3.0 and summary_module.change(0.4, 0.5) == pytest.approx(-0.1)
    assert summary_module.change(3, 0) is None


def test_a_village_summary_has_a_row_per_grid_and_a_county_one_per_township(township):
    village = compute_summary(make_actor("village_admin", TUQIAO), TUQIAO, *Q1, today=TODAY)
    assert [(r.name, r.households, r.disputes) for r in village.rows] == [("一网格", 3, 2), ("二网格", 1, 1)]
    assert village.total.disputes == 3 and village.row_label == "网格"
    county = compute_summary(system_actor(), "420281", *Q1, today=TODAY)
    assert len(county.rows) == 18  # the township-level units in resources/data/divisions/420281.json
    jsd = next(r for r in county.rows if r.key == JSD)
    assert (jsd.households, jsd.disputes, jsd.escalated) == (5, 5, 2)
    assert county.total.disputes == 5


def test_a_cutoff_day_shifts_the_months(township):
    refdata.put_setting("report_cutoff_day", "25")
    s = compute_summary(clerk(), JSD, dt.date(2025, 12, 26), dt.date(2026, 1, 25), today=TODAY)
    assert s.period.label == "2026年1月"
    assert s.total.disputes == 2  # registered 01-05 and 01-10 (12-20 is in the previous month)


def test_only_clerks_of_the_unit_may_make_it(township):
    with pytest.raises(PermissionDenied):
        compute_summary(make_actor("township", "420281109"), JSD, *Q1)
    with pytest.raises(PermissionDenied):
        compute_summary(make_actor("grid_worker", grid_ids=(township["g1"],)), TUQIAO, *Q1)


def cell_rows(ws) -> list[list]:
    return [[c for c in row] for row in ws.iter_rows(values_only=True)]


def test_the_workbook_holds_the_form_and_the_values(township, tmp_path):
    path = write_summary(clerk(), JSD, *Q1, tmp_path / "汇总.xlsx", compare=True, today=TODAY)
    wb = load_workbook(path)
    assert wb.sheetnames == ["总表", "矛盾纠纷分类", "重点人群管理", "网格员工作量"]
    ws = wb["总表"]
    assert ws["A1"].value == "金山店镇网格化服务管理工作汇总表"
    assert "A1:AG1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A2"].value.startswith("填报单位：金山店镇") and "统计时段：2026年第1季度" in ws["A2"].value
    assert "制表日期：" in ws["A2"].value
    assert [ws.cell(row=3, column=c).value for c in (1, 2, 4, 6, 14, 18, 23, 26)] == \
        ["村(社区)", "网格数", "人口", "重点人群", "走访", "矛盾纠纷", "安全隐患", "同比"]
    assert ws.freeze_panes == "B5" and ws.print_title_rows == "$3:$4"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert int(ws.page_setup.paperSize) == 9 and ws.sheet_properties.pageSetUpPr.fitToPage  # 9 = A4
    rows = cell_rows(ws)
    tuqiao = next(r for r in rows if r[0] == "土桥村")
    assert tuqiao[:25] == ["土桥村", 2, 4, 4, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 2, 0.25, 1, 3, 1, pytest.approx(1 / 3), 1, 1,
                           1, 0, 2]
    total_row = next(i for i, r in enumerate(rows, 1) if r[0] == "合计")
    assert rows[total_row - 1][14:19] == [4, pytest.approx(0.4), 1, 5, 1]
    assert ws.cell(row=total_row, column=16).number_format == "0.0%"
    assert ws.cell(row=total_row, column=1).font.b
    assert ws.cell(row=total_row, column=3).border.left.style == "thin"
    texts = [r[0] for r in rows if isinstance(r[0], str)]
    assert any("走访覆盖率 = 本期走访到的户数 ÷ 户数（合计：2 ÷ 5 = 40.0%）" in t for t in texts)
    assert any("化解率 = 化解数 ÷ 排查(受理)数（合计：1 ÷ 5 = 20.0%）" in t for t in texts)
    assert any(t.startswith("本期与上期（2025年第4季度）、上年同期（2025年第1季度）对比") for t in texts)
    assert any(t.startswith("填表人：") and "审核人：" in t and "负责人：" in t for t in texts)
    overview = {r[0]: r[1:6] for r in rows if r[0] in ("实访户次", "排查(受理)数")}
    assert overview["实访户次"] == [4, 3, pytest.approx(1 / 3), 1, 3.0]
    assert overview["排查(受理)数"] == [5, 1, 4.0, 1, 4.0]
    assert not any(isinstance(v, str) and v.startswith("=") for r in rows for v in r)
    groups = cell_rows(wb["重点人群管理"])
    assert ["马坪村", 1, 1, 1.0, 1, 1.0, 2, 0] in groups
    assert any(isinstance(r[0], str) and r[0].startswith("说明：1. 管理率 = 在管 ÷ 在册（合计：1 ÷ 1 = 100.0%）")
               for r in groups)
    workers = cell_rows(wb["网格员工作量"])
    assert ["王网格", "土桥村", "一网格", 3, 3, 2, 1, 0.5] in workers
    assert ["合计", None, None, 5, 5, 3, 2, pytest.approx(2 / 3)] in workers
    audit = AuditLog.get(AuditLog.action == "export")
    assert audit.entity == "summary" and JSD in audit.changes


def test_a_cancelled_summary_leaves_no_file(township, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "汇总.xlsx"
    with pytest.raises(Cancelled):
        write_summary(clerk(), JSD, *Q1, target, is_cancelled=lambda: True)
    assert list(out.iterdir()) == []
    target.write_bytes(b"old")
    computed = []  # cancel once the figures are computed, while the sheets are being written
    with pytest.raises(Cancelled):
        write_summary(clerk(), JSD, *Q1, target, on_progress=lambda done, total: computed.append(done >= 80),
                      is_cancelled=lambda: bool(computed) and computed[-1])
    assert target.read_bytes() == b"old" and [p.name for p in out.iterdir()] == ["汇总.xlsx"]
    assert not AuditLog.select().where(AuditLog.action == "export").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_workbook_to_pdf(township, tmp_path):
    path = write_summary(clerk(), JSD, *Q1, tmp_path / "summary.xlsx", today=TODAY)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "summary.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")

