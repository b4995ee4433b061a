"""Formula injection (issue 6): exported cells never start with = + - @ unless they hold a real number.

The database is filled with text that a spreadsheet would run as a formula: through the forms
wherever they accept it (addresses, notes, titles, descriptions, companions, agreements,
mediators, places, 户号), and straight into the tables for what the forms refuse but a package
from another station or an older version may carry (names, display names, grid and village
names, the names copied onto visits, events and their history). Then every workbook gridapp
writes — the four ledgers (masked and unmasked), the summary of a township and of a village
(with comparison), the audit export, the import error workbook and the three templates — is
read back cell by cell, every sheet, hidden ones included.

A cell passes when it is not a formula and its text does not start with = + - @ (or a tab or
carriage return) — except text that is a plain number (``-12.5``, ``+8613800001234``), which no
spreadsheet runs, and numbers stored as numbers. The neutralised text (a leading ``'``) comes
back unchanged when gridapp imports its own workbook again.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from gridapp import dialect
from gridapp.importers import import_file
from gridapp.importers.templates import write_template
from gridapp.models import (
    Division, Event, EventAction, EventParty, Grid, Household, Person, User, Visit,
)
from gridapp.reports.ledgers import KINDS, export_ledger, headers
from gridapp.reports.summary import compute_summary, save_summary
from gridapp.services import events, people, places, visits
from gridapp.services.actor import GRID_WORKER, SYSADMIN, TOWNSHIP
from gridapp.services.auditlog import export_audit
from gridapp.services.events import EventDraft, PartyInput
from gridapp.services.people import TagInput
from gridapp.services.places import PlaceInput
from gridapp.services.visits import VisitInput
from tests.core.factories import TOWNSHIP as TOWNSHIP_CODE
from tests.core.factories import VILLAGE, make_actor, make_grid, make_household, make_id_number, person_input

PAYLOADS = ("=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A9)", '=HYPERLINK("http://x.example","点我")',
            "-", "\t=1+1", "=1+1\x00", "@", "+")
CALC = PAYLOADS[0]
STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def leaks(path: Path) -> list[tuple]:
    """Every cell of every sheet that a spreadsheet would run: formulas, and text starting with
    = + - @ (tab, CR) that is not a plain number."""
    wb = load_workbook(path)
    found = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith(STARTS)
                                             and not PLAIN_NUMBER.fullmatch(cell.value)):
                    found.append((ws.title, cell.coordinate, cell.value))
    wb.close()
    return found


def texts(path: Path) -> set[str]:
    wb = load_workbook(path)
    found = {c for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)}
    wb.close()
    return found


@pytest.fixture
def poisoned(db):
    """A village whose every free-text value starts like a formula."""
    payload = itertools.cycle(PAYLOADS)
    grid = make_grid()
    clerk = make_actor(TOWNSHIP, TOWNSHIP_CODE)
    worker = make_actor(GRID_WORKER, grid_ids=(grid.id,))
    home = make_household(worker, grid.id, n_members=2, number="-2+3", address=CALC, notes="+1+1\n=2+2")
    member = people.create(worker, person_input(notes="@SUM(A1:A9)", occupation="=1+1", reg_address="-12.5",
                                                tags=(TagInput("djlr", "02", dt.date(2024, 1, 1)),)),
                           household_id=home.id, confirm=True)
    visits.record(worker, "household", home.id, VisitInput(companions=CALC, notes="-2+3", findings="@SUM(A1)"))
    visits.record(worker, "person", member.id, VisitInput(method="电话", notes="=1+1"))
    event = events.report(worker, EventDraft(
        kind="矛盾纠纷", category="02", title=PAYLOADS[4], description="+1+1", location="@A1", grid_id=grid.id,
        parties=(PartyInput(name=CALC, phone="13871234567"), PartyInput(person_id=member.id))))
    events.transition(worker, event.id, "受理", note="=受理")
    events.transition(worker, event.id, "处置")
    events.transition(worker, event.id, "办结", outcome="化解成功", method="人民调解", mediator="+1+1",
                      agreement=CALC, note="-办结")
    shop = places.create(worker, PlaceInput(grid_id=grid.id, category="出租房屋", name=CALC, address="-1-1",
                                            contact_name="@联系人", contact_phone="13871234567", notes="+2"))
    visits.record(worker, "place", shop.id, VisitInput(
        checklist={i.id: "合格" for i in places.checklist("出租房屋")}, notes="=巡查"))
    # What the forms refuse (names must be Chinese, display names may not start so) but a
    # package from another station or an older version may still carry:
    for person in Person.select():
        Person.update(name=next(payload)).where(Person.id == person.id).execute()
    for user in User.select():
        User.update(display_name=next(payload)).where(User.id == user.id).execute()
    nul = "" if dialect.is_postgres() else "\x00"  # XLSX can't hold \x00 (nor can PostgreSQL text)
    User.update(display_name="=1+1" + nul).where(User.id == worker.user_id).execute()
    Visit.update(visitor_name="=cmd|' /C calc'!A0").execute()
    Event.update(reporter_name="@SUM(A1)").execute()
    EventAction.update(actor_name="+1+1").execute()
    EventParty.update(name="-2+3").where(EventParty.person.is_null()).execute()
    Grid.update(name="=网格").execute()
    Division.update(name="@石应高村").where(Division.code == VILLAGE).execute()
    return dict(clerk=clerk, worker=worker, admin=make_actor(SYSADMIN), home=home, member=member)


def assert_safe(path: Path, *, must_show: tuple[str, ...] = ()) -> None:
    assert leaks(path) == []
    shown = texts(path)
    for text in must_show:  # the poisoned values are in the workbook, neutralised
        assert "'" + text in shown, (text, path.name)


@pytest.mark.parametrize("unmask", [False, True])
def test_every_ledger_neutralises_formula_text(poisoned, tmp_path, unmask):
    expected = {"households": (CALC, "-2+3", "@SUM(A1:A9)", "@石应高村", "=网格"),
                "people": (CALC, "-2+3", "@石应高村"),
                "visits": (CALC, "@SUM(A1)", "=1+1"),
                "events": (PAYLOADS[4], "+1+1", "=网格")}
    for kind in KINDS:
        path = export_ledger(poisoned["clerk"], kind, tmp_path / f"{kind}.xlsx", unmask=unmask).path
        assert_safe(Path(path), must_show=expected[kind])
    assert "-12.5" in texts(tmp_path / "people.xlsx")  # a plain number stays as typed


def test_the_summary_neutralises_unit_and_worker_names(poisoned, tmp_path):
    today = dt.date.today()
    for unit in (TOWNSHIP_CODE, VILLAGE):
        summary = compute_summary(poisoned["clerk"], unit, today - dt.timedelta(days=364), today, compare=True)
        path = save_summary(summary, tmp_path / f"summary-{unit}.xlsx")
        assert_safe(path, must_show=("@石应高村",) if unit == TOWNSHIP_CODE else ("=网格",))
    assert "'=1+1" in texts(tmp_path / f"summary-{VILLAGE}.xlsx")  # the grid worker, without the \x00


def test_the_audit_export_neutralises_names_and_details(poisoned, tmp_path):
    path = tmp_path / "audit.xlsx"
    assert export_audit(poisoned["admin"], path) > 0
    assert_safe(path, must_show=("=1+1",))  # the grid worker's name, without the \x00


def test_the_import_error_workbook_neutralises_the_rejected_cells_and_they_import_back(poisoned, tmp_path):
    source = tmp_path / "in.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["户号", "户主姓名", "姓名", "与户主关系", "身份证号", "现住址", "备注"])
    good_id = make_id_number()
    ws.append(["H9", "张三", "张三", "户主", good_id[:-1] + ("0" if good_id[-1] != "0" else "1"), "+1+1",
               "'=cmd|' /C calc'!A0"])
    ws.append(["H10", "李四", "李四", "户主", "12345", "-2+3", "@SUM(A1)"])
    wb.save(source)
    errors = tmp_path / "errors.xlsx"
    outcome = import_file(poisoned["clerk"], "households", source, unit=VILLAGE, errors_path=errors)
    assert outcome.rejected == 2
    assert_safe(errors, must_show=("+1+1", CALC, "-2+3", "@SUM(A1)"))

    fixed = load_workbook(errors)
    sheet = fixed.active
    id_column = [c.value for c in sheet[1]].index("身份证号") + 1
    sheet.cell(row=2, column=id_column, value=good_id)
    sheet.delete_rows(3)
    fixed.save(errors)
    assert import_file(poisoned["clerk"], "households", errors, unit=VILLAGE).accepted == 1
    person = Person.get(Person.id_number == good_id)
    assert (person.notes, Household.get_by_id(person.household_id).address) == (CALC, "+1+1")


def test_templates_hold_no_formula_cells(db, tmp_path):
    for kind in ("households", "visits", "events"):
        path = write_template(kind, tmp_path / f"{kind}.xlsx")
        assert leaks(path) == []
        assert set(headers("households" if kind == "households" else kind)) <= texts(path)


def test_a_neutralised_ledger_imports_back_unchanged(poisoned, tmp_path):
    """Re-importing the household ledger finds the household by its 户号 ("-2+3", exported as
    "'-2+3") in its village (named "@石应高村") and grid ("=网格"), and restores what changed."""
    for person, name in zip(Person.select().order_by(Person.id), ("张建国", "李秀英", "王小明")):
        Person.update(name=name).where(Person.id == person.id).execute()  # the importer checks names
    path = export_ledger(poisoned["clerk"], "households", tmp_path / "h.xlsx", unmask=True).path
    member, home = poisoned["member"], poisoned["home"]
    Person.update(notes="改过", occupation="改过").where(Person.id == member.id).execute()
    Household.update(address="改过").where(Household.id == home.id).execute()
    before = (Household.select().count(), Person.select().count())
    outcome = import_file(poisoned["clerk"], "households", path, unit=VILLAGE)
    assert (outcome.rejected, outcome.households_created, outcome.persons_created) == (0, 0, 0)
    assert (Household.select().count(), Person.select().count()) == before
    assert Person.get_by_id(member.id).notes == "@SUM(A1:A9)"
    assert Household.get_by_id(home.id).address == CALC
