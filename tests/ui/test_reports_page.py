"""The 报表 page, driven as a township clerk does: choose, click, and read the workbook written."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton

from gridapp import ids
from gridapp.services import grids, households, settings, visits
from gridapp.services.households import HouseholdInput
from gridapp.services.people import PersonInput
from gridapp.services.visits import VisitInput
from tests.ui.conftest import TOWNSHIP_CODE, VILLAGE_CODE

TODAY = dt.date.today()
HEADS = [("张卫国", ids.make_id("420281", dt.date(1968, 4, 2), 11)),
         ("李建华", ids.make_id("420281", dt.date(1972, 6, 9), 13)),
         ("王秀兰", ids.make_id("420281", dt.date(1950, 1, 30), 22))]


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


@pytest.fixture
def register(ctx):
    """Three households of 土桥村 (第一网格), two of them visited today."""
    grid = grids.list_grids(ctx.actor, VILLAGE_CODE)[0]
    made = [households.create(ctx.actor, HouseholdInput(grid_id=grid.id, number=f"010{n}", address=f"土桥村一组{n}号"),
                              PersonInput(name=name, id_number=number))
            for n, (name, number) in enumerate(HEADS, 1)]
    for detail in made[:2]:
        visits.record(ctx.actor, "household", detail.id, VisitInput())
    return made


@pytest.fixture
def page(qtbot, ctx):
    from ui.pages.reports import ReportsPage

    widget = ReportsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture(autouse=True)
def opened(monkeypatch) -> list[Path]:
    """What was handed to the desktop to open (nothing is really opened)."""
    from ui.widgets import outputs

    calls: list[Path] = []
    monkeypatch.setattr(outputs, "open_local", lambda path: calls.append(Path(path)) or True)
    return calls


def choose_this_month(page) -> None:
    choose(page.period.kind, "month")
    choose(page.period.year, TODAY.year)
    choose(page.period.index, TODAY.month)


def overview_row(page, name: str) -> dict[str, str]:
    """The figures of one row of the on-screen 总表 (both of its tables), by column header."""
    figures: dict[str, str] = {}
    for table in (page.work, page.basics):
        headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        row = next((r for r in range(table.rowCount()) if table.item(r, 0).text() == name), None)
        assert row is not None, f"no row {name}"
        figures.update({h: table.item(row, c).text() for c, h in enumerate(headers)})
    return figures


def sheet_row(ws, name: str) -> dict[str, object]:
    """The cells of the row whose first cell is ``name``, by the header (lower header row) above."""
    header_row = next(r for r in range(1, 12) if ws.cell(r, 1).value == "村(社区)")
    headers = {}
    for c in range(1, ws.max_column + 1):
        label = ws.cell(header_row + 1, c).value or ws.cell(header_row, c).value
        headers.setdefault(label, c)
    row = next(r for r in range(header_row, ws.max_row + 1) if ws.cell(r, 1).value == name)
    return {label: ws.cell(row, c).value for label, c in headers.items()}


# --------------------------------------------------------------------------- summary
@pytest.mark.usefixtures("sync_jobs", "register")
def test_save_summary_writes_the_workbook_named_after_unit_and_period(qtbot, page, asked, tmp_path, opened):
    assert page.summary_unit.unit_code() == TOWNSHIP_CODE  # a clerk's township, fixed
    assert not page.summary_unit.township.isEnabled()
    choose_this_month(page)
    target = tmp_path / "汇总.xlsx"
    asked.file = str(target)
    click(qtbot, page.save_button)

    kind, title, start = asked[-1]
    assert (kind, title) == ("save_file", "保存汇总表")
    assert Path(start).name == f"金山店镇网格化服务管理工作汇总表_{TODAY.year}年{TODAY.month}月.xlsx"
    wb = load_workbook(target)
    assert wb.sheetnames == ["总表", "矛盾纠纷分类", "重点人群管理", "网格员工作量"]
    ws = wb["总表"]
    assert ws["A1"].value == "金山店镇网格化服务管理工作汇总表"
    tuqiao = sheet_row(ws, "土桥村")
    assert (tuqiao["网格数"], tuqiao["户数"], tuqiao["实访户次"]) == (2, 3, 2)
    assert sheet_row(ws, "合计")["户数"] == 3
    assert page.result_bar.isVisible() and str(target) in page.result_label.text()
    click(qtbot, page.open_file_button)
    click(qtbot, page.open_folder_button)
    assert opened == [target, tmp_path]


@pytest.mark.usefixtures("sync_jobs", "register")
def test_preview_shows_every_row_and_the_total_with_rates_as_fractions(qtbot, page):
    assert page.preview_stack.currentWidget() is page.empty_label
    choose_this_month(page)
    click(qtbot, page.preview_button)
    assert page.preview_stack.currentWidget() is page.tabs
    tuqiao = overview_row(page, "土桥村")
    assert (tuqiao["户数"], tuqiao["户籍"], tuqiao["实访户次"]) == ("3", "3", "2")
    assert tuqiao["走访覆盖率"] == "2 ÷ 3 = 66.7%"
    assert tuqiao["化解率"] == "0 ÷ 0 = —"
    total = overview_row(page, "合计")
    assert total["户数"] == "3" and total["网格数"] == "2"
    assert page.work.item(page.work.rowCount() - 1, 0).font().bold()
    assert page.caption.text().startswith(f"金山店镇 · {TODAY.year}年{TODAY.month}月")
    assert not page.tabs.isTabEnabled(2)  # no comparison asked for

    choose(page.period.index, TODAY.month % 12 + 1)  # another month: the preview is now out of date
    assert "已更改" in page.caption.text()


@pytest.mark.usefixtures("sync_jobs", "register")
def test_a_village_and_a_comparison_show_grid_rows_and_the_previous_periods(qtbot, page):
    choose(page.summary_unit.village, VILLAGE_CODE)
    choose_this_month(page)
    page.compare.setChecked(True)
    click(qtbot, page.preview_button)
    assert [page.work.item(r, 0).text() for r in range(page.work.rowCount())] == \
        ["第一网格", "第二网格", "合计"]
    assert overview_row(page, "第一网格")["户数"] == "3"
    assert page.tabs.isTabEnabled(2)
    table = page.comparison
    first = {table.horizontalHeaderItem(c).text(): table.item(0, c).text() for c in range(table.columnCount())}
    assert first["指标（合计）"] == "实访户次" and first["本期"] == "2"
    previous = [h for h in first if h.startswith("上期")][0]
    assert first[previous] == "0" and first["环比"] == "—"  # nothing to compare with: no change shown


@pytest.mark.usefixtures("sync_jobs", "register")
def test_print_preview_shows_the_overview_as_a_landscape_form(qtbot, page, monkeypatch):
    from ui import printing

    forms = []
    monkeypatch.setattr(printing, "preview", lambda parent, form: forms.append(form))
    choose_this_month(page)
    click(qtbot, page.print_button)
    (form,) = forms
    assert form.landscape and form.title == "金山店镇网格化服务管理工作汇总表"
    assert "土桥村" in [row[0] for row in form.tables[0].rows]
    assert page.summary is not None  # counted once, and shown on the page too
    click(qtbot, page.print_button)
    assert len(forms) == 2 and forms[1].tables == form.tables


def cancel_at_first_progress(monkeypatch) -> list:
    """Press 取消 in the progress dialog as soon as the job reports progress."""
    from ui import jobs

    started = []
    real_start = jobs.start

    def start(job):
        started.append(job)
        job.signals.progress.connect(lambda done, total: job.dialog.findChild(QPushButton).click())
        return real_start(job)

    monkeypatch.setattr(jobs, "start", start)
    return started


@pytest.mark.usefixtures("sync_jobs", "register")
def test_a_cancelled_summary_leaves_no_file(qtbot, page, asked, tmp_path, monkeypatch):
    started = cancel_at_first_progress(monkeypatch)
    folder = tmp_path / "out"
    folder.mkdir()
    asked.file = str(folder / "汇总.xlsx")
    click(qtbot, page.save_button)
    assert started and started[0].is_cancelled()
    assert list(folder.iterdir()) == []  # neither the workbook nor a temporary file
    assert page.result_label.text() == "已取消，没有生成文件。"
    assert not page.open_file_button.isVisible()


@pytest.mark.usefixtures("sync_jobs", "register")
def test_a_cancelled_ledger_export_leaves_no_file(qtbot, page, asked, tmp_path, monkeypatch):
    cancel_at_first_progress(monkeypatch)
    folder = tmp_path / "out"
    folder.mkdir()
    asked.file = str(folder / "台账.xlsx")
    click(qtbot, page.export_button)
    assert list(folder.iterdir()) == []
    assert page.result_label.text() == "已取消，没有生成文件。"


@pytest.mark.usefixtures("register")
def test_the_summary_is_written_on_a_worker_thread(qtbot, page, asked, tmp_path):
    target = tmp_path / "汇总.xlsx"
    asked.file = str(target)
    choose_this_month(page)
    click(qtbot, page.save_button)
    qtbot.waitUntil(page.result_bar.isVisible, timeout=20000)
    assert target.is_file() and str(target) in page.result_label.text()
    assert sheet_row(load_workbook(target)["总表"], "土桥村")["户数"] == 3


def test_the_period_follows_the_cutoff_day_set_in_settings(qtbot, page, ctx):
    choose(page.period.kind, "month")
    choose(page.period.year, 2026)
    choose(page.period.index, 10)
    assert page.period.range_label.text().startswith("2026-10-01 至 2026-10-31（31天）")
    settings.set_setting(ctx.actor, "report_cutoff_day", "25")
    ctx.bus.data_changed.emit("settings")
    assert page.period.range_label.text() == "2026-09-26 至 2026-10-25（30天）  每月统计到25日（在“设置”中修改）"
    choose(page.period.kind, "half")
    choose(page.period.index, 1)
    choose(page.period.year, 2026)
    assert (page.period.period().start, page.period.period().end) == (dt.date(2025, 12, 26), dt.date(2026, 6, 25))


@pytest.mark.usefixtures("sync_jobs", "register")
def test_ctrl_s_saves_the_summary(qtbot, page, asked, tmp_path):
    target = tmp_path / "汇总.xlsx"
    asked.file = str(target)
    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert target.is_file() and load_workbook(target)["总表"]["A1"].value == "金山店镇网格化服务管理工作汇总表"


def test_a_custom_range_backwards_disables_the_buttons_and_says_why(qtbot, page):
    choose(page.period.kind, "custom")
    assert page.period.date_from.isVisible() and not page.period.year.isVisible()
    page.period.date_from.setDate(QDate(2026, 3, 1))
    page.period.date_to.setDate(QDate(2026, 2, 1))
    assert not page.save_button.isEnabled()
    assert page.save_button.toolTip() == "结束日期（2026-02-01）早于开始日期（2026-03-01）"
    assert page.period.range_label.text() == page.save_button.toolTip()
    page.period.date_to.setDate(QDate(2026, 3, 31))
    assert page.save_button.isEnabled()
    assert page.period.period().label == "2026-03-01至2026-03-31"


# --------------------------------------------------------------------------- ledgers
@pytest.mark.usefixtures("sync_jobs", "register")
@pytest.mark.parametrize("unmask", [False, True])
def test_ledger_export_is_masked_unless_full_numbers_are_asked_for(qtbot, page, asked, tmp_path, unmask):
    choose(page.ledger_kind, "households")
    choose(page.ledger_unit.village, VILLAGE_CODE)
    assert page.unmask.isEnabled()
    page.unmask.setChecked(unmask)
    target = tmp_path / "户籍.xlsx"
    asked.file = str(target)
    click(qtbot, page.export_button)
    assert Path(asked[-1][2]).name == f"土桥村户籍人口登记台账_{TODAY:%Y-%m-%d}.xlsx"
    ws = load_workbook(target).active
    headers = [c.value for c in ws[2]]
    numbers = sorted(row[headers.index("公民身份号码")] for row in ws.iter_rows(min_row=3, values_only=True))
    expected = sorted(n for _, n in HEADS)
    assert numbers == sorted(expected if unmask else [ids.mask_id(n) for n in expected])
    assert "3 行" in page.result_label.text()


@pytest.mark.usefixtures("sync_jobs", "register")
def test_ledger_dates_limit_the_rows(qtbot, page, asked, tmp_path):
    choose(page.ledger_kind, "visits")
    assert page.ledger_dates.text() == "走访日期从" and not page.ledger_from.isEnabled()
    page.ledger_dates.setChecked(True)
    page.ledger_from.setDate(QDate(TODAY.year - 1, 1, 1))
    page.ledger_to.setDate(QDate(TODAY.year - 1, 12, 31))
    asked.file = str(tmp_path / "走访.xlsx")
    click(qtbot, page.export_button)
    assert load_workbook(tmp_path / "走访.xlsx").active.max_row == 2  # title and header only
    page.ledger_dates.setChecked(False)
    click(qtbot, page.export_button)
    assert load_workbook(tmp_path / "走访.xlsx").active.max_row == 4


def make_page(qtbot, ctx, role: str, scope: str | None, grid_ids=()):
    from dataclasses import replace

    from ui.pages.reports import ReportsPage

    actor = replace(ctx.actor, role=role, scope_code=scope, grid_ids=tuple(grid_ids))
    page = ReportsPage(replace(ctx, actor=actor))
    qtbot.addWidget(page)
    return page


def test_a_role_that_may_not_unmask_gets_a_disabled_box_that_says_why(qtbot, ctx):
    page = make_page(qtbot, ctx, "sysadmin", None)
    assert not page.unmask.isEnabled() and not page.unmask.isChecked()
    assert "不能导出完整的身份证号" in page.unmask.toolTip()
    assert not page.export_button.isEnabled() and page.export_button.toolTip() == "您的角色不能导出台账"
    assert not page.summary_box.isEnabled() and "汇总表" in page.summary_box.toolTip()


def test_a_grid_worker_exports_ledgers_of_their_village_but_makes_no_summary(qtbot, ctx):
    grid = grids.list_grids(ctx.actor, VILLAGE_CODE)[0]
    page = make_page(qtbot, ctx, "grid_worker", VILLAGE_CODE, [grid.id])
    assert not page.summary_box.isEnabled()
    assert page.export_button.isEnabled() and page.unmask.isEnabled()
    assert page.ledger_unit.township.isHidden()
    assert page.ledger_unit.unit_code() == VILLAGE_CODE


def test_import_opens_the_wizard_for_the_chosen_ledger(qtbot, page, monkeypatch):
    from ui.dialogs.import_wizard import ImportWizard

    kinds = []
    monkeypatch.setattr(ImportWizard, "ask", classmethod(lambda cls, parent, ctx, kind=None: kinds.append(kind)))
    choose(page.ledger_kind, "people")
    click(qtbot, page.import_button)
    choose(page.ledger_kind, "events")
    click(qtbot, page.import_button)
    assert kinds == ["households", "events"]
