"""Ledger exports: masked by default, audited, flat and re-importable, never a partial file."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet import _writer as openpyxl_writer

from gridapp import db as gdb
from gridapp import refdata
from gridapp.errors import Cancelled, GridappError, PermissionDenied
from gridapp.importers import import_file
from gridapp.models import AuditLog, Event, EventAction, Household, Person, PersonTag, Visit
from gridapp.reports.ledgers import export_ledger, headers
from gridapp.services import grids
from gridapp.services.actor import system_actor
from tests.core.factories import make_actor
from tests.data import make_fixtures as fx

DATA = Path(__file__).resolve().parent.parent / "data"
TUQIAO = "420281103200"


@pytest.fixture
def ledgers(db):
    grids.create_grid(system_actor(), TUQIAO, "第一网格")
    actor = system_actor()
    import_file(actor, "households", DATA / "households_traps.xlsx")
    import_file(actor, "visits", DATA / "visits_ledger.xlsx")
    import_file(actor, "events", DATA / "events_ledger.xlsx")
    return actor


def sheet_rows(path) -> list[tuple]:
    return list(load_workbook(path).active.iter_rows(values_only=True))


def people_snapshot() -> set[tuple]:
    tags = {}
    for t in PersonTag.select():
        tags.setdefault(t.person_id, set()).add(t.category)
    return {(p.name, p.id_number, p.sex, p.birth_date, p.ethnic, p.relation, p.is_head, p.phone, p.residence,
             p.reg_address, p.notes, p.household.number, p.household.address, p.household.reg_type,
             frozenset(tags.get(p.id, ())))
            for p in Person.select()}


def events_snapshot() -> set[tuple]:
    return {(e.number, e.kind, e.category, e.title, e.description, e.state, e.outcome, e.level, e.method, e.mediator,
             e.people_count, e.registered_at.date(), e.closed_at.date() if e.closed_at else None, e.village_code,
             tuple(a.action for a in e.actions.order_by(EventAction.id)))
            for e in Event.select()}


def visits_snapshot() -> set[tuple]:
    return {(v.visited_at, v.visitor_name, v.person.id_number if v.person_id else None,
             v.household.number if v.household_id else None, v.method, v.state, v.notes, v.findings, v.risk_grade)
            for v in Visit.select()}


def test_exported_ledgers_import_into_an_empty_database_unchanged(ledgers, tmp_path, monkeypatch):
    actor = ledgers
    files = {k: export_ledger(actor, k, tmp_path / f"{k}.xlsx", unmask=True).path
             for k in ("households", "visits", "events")}
    before = (people_snapshot(), visits_snapshot(), events_snapshot())
    gdb.close_database()
    monkeypatch.setenv("GRIDAPP_DATA_DIR", str(tmp_path / "data2"))
    gdb.open_database(tmp_path / "other.sqlite3")
    refdata.load_county("420281")
    refdata.load_codes()
    refdata.load_defaults()
    assert Person.select().count() == 0
    for kind in ("households", "visits", "events"):
        outcome = import_file(system_actor(), kind, files[kind])
        assert outcome.rejected == 0, outcome.errors
    assert (people_snapshot(), visits_snapshot(), events_snapshot()) == before


def test_reimporting_an_export_into_the_same_database_changes_nothing(ledgers, tmp_path):
    actor = ledgers
    for kind in ("households", "visits", "events"):
        path = export_ledger(actor, kind, tmp_path / f"{kind}.xlsx", unmask=True).path
        outcome = import_file(actor, kind, path)
        assert (outcome.rejected, outcome.updated) == (0, 0)
        assert outcome.households_created + outcome.persons_created + outcome.events_created \
            + outcome.visits_created + outcome.grids_created == 0


def test_the_ledger_is_masked_by_default_and_a_masked_file_is_refused_on_import(ledgers, tmp_path):
    path = export_ledger(ledgers, "households", tmp_path / "h.xlsx").path
    rows = sheet_rows(path)
    assert rows[0][0] == "户籍人口登记台账" and rows[1] == headers("households")
    zhang = next(r for r in rows if r[5] == "张建国")
    assert zhang[9] == "420281********011X" and zhang[11] == "138****4567"
    outcome = import_file(ledgers, "households", path, dry_run=True)
    assert outcome.accepted == 0
    assert outcome.errors[0].message == ("公民身份号码：已打码（420281********011X），无法导入：请使用显示完整的号码；"
                                         "联系电话：已打码（138****4567），无法导入：请使用完整的号码")
    row = AuditLog.get((AuditLog.action == "export") & (AuditLog.entity == "households"))
    assert '"unmasked": false' in row.changes and '"rows": 9' in row.changes


def test_unmasking_needs_the_right_and_is_audited(ledgers, tmp_path):
    with pytest.raises(PermissionDenied):
        export_ledger(make_actor("sysadmin"), "people", tmp_path / "p.xlsx", unmask=True)
    with pytest.raises(PermissionDenied):  # residents' data is not the system administrator's business
        export_ledger(make_actor("sysadmin"), "people", tmp_path / "p.xlsx")
    assert not (tmp_path / "p.xlsx").exists()
    clerk = make_actor("township", "420281103")
    outcome = export_ledger(clerk, "people", tmp_path / "p.xlsx", unmask=True)
    assert outcome.unmasked and outcome.rows == 9
    row = AuditLog.get((AuditLog.action == "export") & (AuditLog.entity == "people"))
    assert row.user == clerk.login and '"unmasked": true' in row.changes


def test_the_events_ledger_is_the_dispute_ledger_with_ledger_states(ledgers, tmp_path):
    rows = sheet_rows(export_ledger(ledgers, "events", tmp_path / "e.xlsx").path)
    assert rows[0][0] == "矛盾纠纷排查化解台账"
    assert rows[1] == ("编号", "登记日期", "乡镇(街道)", "村(社区)", "网格", "事件类型", "标题", "简要情况", "当事人",
                       "涉及人数", "状态", "化解方式", "办结日期", "调解员")
    states = {r[6]: (r[5], r[10], r[12]) for r in rows[2:]}
    assert states == {"宅旁排水沟堵塞纠纷": ("邻里", "已化解", "2026-01-10"), "赡养老人纠纷": ("婚恋家庭", "调解中", None),
                      "宅基地边界纠纷": ("宅基地", "已上报", None), "拖欠工资": ("劳动人事", "未化解", "2026-02-20"),
                      "楼道堆放杂物": ("消防", "已受理", None)}
    visits = sheet_rows(export_ledger(ledgers, "visits", tmp_path / "v.xlsx").path)
    assert visits[0][0] == "走访台账" and visits[1] == headers("visits") and len(visits) == 5


def test_the_sheet_is_flat_with_filter_frozen_header_and_print_setup(ledgers, tmp_path):
    ws = load_workbook(export_ledger(ledgers, "people", tmp_path / "p.xlsx").path).active
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref == "A2:Q11"
    assert ws.print_title_rows == "$2:$2" and ws.page_setup.orientation == "landscape"
    assert not ws.merged_cells.ranges and ws["A2"].font.b


def test_formula_text_is_neutralised_and_comes_back_on_import(ledgers, tmp_path):
    Person.update(notes="=cmd|' /C calc'!A0").where(Person.id_number == fx.ZHANG_JIANGUO).execute()
    path = export_ledger(ledgers, "households", tmp_path / "h.xlsx", unmask=True).path
    ws = load_workbook(path).active
    cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "calc" in c.value)
    assert cell.value == "'=cmd|' /C calc'!A0" and cell.data_type == "s"
    Person.update(notes="改过").where(Person.id_number == fx.ZHANG_JIANGUO).execute()
    assert import_file(ledgers, "households", path).updated == 1
    assert Person.get(Person.id_number == fx.ZHANG_JIANGUO).notes == "=cmd|' /C calc'!A0"


def test_a_cancelled_export_leaves_no_file_and_no_temporary_files(ledgers, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    temp_before = list(openpyxl_writer.ALL_TEMP_FILES)
    with pytest.raises(Cancelled):
        export_ledger(ledgers, "people", out / "p.xlsx", is_cancelled=lambda: True)
    assert list(out.iterdir()) == [] and openpyxl_writer.ALL_TEMP_FILES == temp_before
    (out / "p.xlsx").write_bytes(b"previous")
    with pytest.raises(Cancelled):
        export_ledger(ledgers, "people", out / "p.xlsx", is_cancelled=lambda: True)
    assert (out / "p.xlsx").read_bytes() == b"previous" and len(list(out.iterdir())) == 1
    assert not AuditLog.select().where(AuditLog.action == "export").exists()


def test_a_grid_worker_exports_their_grid_and_filters_apply(ledgers, tmp_path):
    g3 = Household.get(Household.number == "H003").grid_id
    worker = make_actor("grid_worker", grid_ids=(g3,))
    rows = sheet_rows(export_ledger(worker, "households", tmp_path / "w.xlsx").path)
    assert [r[5] for r in rows[2:]] == ["刘芳"]
    with pytest.raises(PermissionDenied):
        export_ledger(worker, "events", tmp_path / "x.xlsx", unit="马坪村")
    events = sheet_rows(export_ledger(ledgers, "events", tmp_path / "e.xlsx", unit="马坪村").path)
    assert [r[6] for r in events[2:]] == ["拖欠工资"]
    dated = sheet_rows(export_ledger(ledgers, "visits", tmp_path / "v.xlsx", date_from=dt.date(2026, 3, 3),
                                     date_to=dt.date(2026, 3, 9)).path)
    assert [r[0] for r in dated[2:]] == ["2026-03-05", "2026-03-09"]


def test_a_failing_export_leaves_the_previous_file_untouched(ledgers, tmp_path, monkeypatch):
    from gridapp.reports import ledgers as ledger_module

    real = ledger_module.ledger_rows

    def failing(*args, **kwargs):
        rows = real(*args, **kwargs)
        yield next(rows)
        yield next(rows)
        raise OSError("disk full")

    monkeypatch.setattr(ledger_module, "ledger_rows", failing)
    out = tmp_path / "out"
    out.mkdir()
    (out / "p.xlsx").write_bytes(b"previous")
    temp_before = list(openpyxl_writer.ALL_TEMP_FILES)
    with pytest.raises(GridappError) as err:
        export_ledger(ledgers, "people", out / "p.xlsx")
    assert err.value.message == f"无法写入 {out / 'p.xlsx'}：disk full"
    assert (out / "p.xlsx").read_bytes() == b"previous" and [p.name for p in out.iterdir()] == ["p.xlsx"]
    assert openpyxl_writer.ALL_TEMP_FILES == temp_before
