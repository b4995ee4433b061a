"""The import wizard, driven end to end on the household register full of traps (tests/data)."""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from gridapp.services import households
from gridapp.services.households import HouseholdQuery
from tests.data import make_fixtures as fx
from tests.ui.conftest import VILLAGE_CODE

DATA = Path(__file__).resolve().parent.parent / "data"
TRAPS = DATA / "households_traps.xlsx"
BAD_ROWS = [11, 12, 15, 16, 17]  # tests/core/test_import_households.py counts the same file


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def wizard(qtbot, ctx):
    from ui.dialogs.import_wizard import ImportWizard

    dialog = ImportWizard(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture(autouse=True)
def opened(monkeypatch) -> list[Path]:
    """What was handed to the desktop to open (nothing is really opened)."""
    from ui.widgets import outputs

    calls: list[Path] = []
    monkeypatch.setattr(outputs, "open_local", lambda path: calls.append(Path(path)) or True)
    return calls


@pytest.fixture
def changed(ctx) -> list[str]:
    entities: list[str] = []
    ctx.bus.data_changed.connect(entities.append)
    return entities


def next_button(wizard):
    return wizard.button(QWizard.WizardButton.NextButton)


def commit_button(wizard):
    return wizard.button(QWizard.WizardButton.CommitButton)


def choose_file(qtbot, wizard, asked, path: Path) -> None:
    asked.file = str(path)
    click(qtbot, wizard.source_page.browse_button)
    assert wizard.source_page.file.text() == str(path)


def cells(table, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def household_count(ctx) -> int:
    return households.count(ctx.actor, HouseholdQuery())


@pytest.mark.usefixtures("sync_jobs")
def test_the_wizard_reads_checks_imports_and_saves_the_rows_not_imported(qtbot, wizard, ctx, asked, tmp_path,
                                                                          opened, changed):
    source = wizard.source_page
    assert source.kind() == "households"
    assert not next_button(wizard).isEnabled()  # no file yet
    choose_file(qtbot, wizard, asked, TRAPS)
    assert asked[-1][0] == "open_file"
    click(qtbot, next_button(wizard))

    check = wizard.check_page
    assert wizard.currentPage() is check
    assert check.counts.text().startswith("文件中共 14 行：")
    assert "9 行可以导入" in check.counts.text() and "5 行有问题" in check.counts.text()
    assert check.subTitle() == "工作表“户籍人口”，表头在第 4 行。现在还没有写入任何数据。"
    mapping = dict(zip(cells(check.mapping, 0), cells(check.mapping, 1)))
    assert mapping["身份证号"] == "公民身份号码"
    assert mapping["姓名(必填)"] == "姓名" and mapping["手机号"] == "联系电话"
    assert mapping["序号"] == "（不导入）"
    assert check.unmapped.text() == "未识别、不导入的列：序号"
    assert cells(check.problems, 0) == [str(n) for n in BAD_ROWS]
    reasons = dict(zip(cells(check.problems, 0), cells(check.problems, 2)))
    assert reasons["17"] == "人员类别：“五好家庭”不在代码表中"
    assert reasons["15"].startswith("身份证号：校验位错误")
    assert check.tabs.tabText(2) == "有问题的行（5）"
    sample_rows = cells(check.sample, 0)
    bad = sample_rows.index("11")
    assert check.sample.item(bad, 1).text().startswith("身份证号：被Excel存成了数字")
    assert check.sample.item(bad, 0).background().color().name() == "#fde2e1"
    assert commit_button(wizard).text() == "导入 9 行(&I)"
    assert household_count(ctx) == 0  # nothing written yet

    click(qtbot, commit_button(wizard))
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.result_page)
    result = wizard.result_page
    figures = {attr: label.text() for attr, label in result.figures.items()}
    assert figures == {"rows": "14", "accepted": "9", "rejected": "5", "households_created": "3",
                       "persons_created": "9", "updated": "0", "grids_created": "1"}
    assert household_count(ctx) == 3
    assert {"household", "person"} <= set(changed)

    saved = tmp_path / "out" / "未导入.xlsx"
    saved.parent.mkdir()
    asked.file = str(saved)
    assert result.save_errors_button.isVisible()
    click(qtbot, result.save_errors_button)
    assert Path(asked[-1][2]) == DATA / "households_traps_未导入的行.xlsx"  # beside the source, by default
    ws = load_workbook(saved).active
    header = [c.value for c in ws[1]]
    assert header[-2:] == ["原行号", "错误原因"] and "身份证号" in header
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[-2] for r in rows] == BAD_ROWS
    assert opened == [saved]
    assert result.saved_label.text() == f"已保存到 {saved}"
    assert wizard.outcome.accepted == 9


@pytest.mark.usefixtures("sync_jobs")
def test_the_rows_not_imported_import_on_their_own_once_corrected(qtbot, wizard, ctx, asked, tmp_path):
    choose_file(qtbot, wizard, asked, TRAPS)
    click(qtbot, next_button(wizard))
    click(qtbot, commit_button(wizard))
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.result_page)
    errors = tmp_path / "errors.xlsx"
    asked.file = str(errors)
    click(qtbot, wizard.result_page.save_errors_button)

    wb = load_workbook(errors)
    ws = wb.active
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[header.index("原行号")].value == 17:  # the unknown tag: drop it
            row[header.index("人员类别")].value = None
    wb.save(errors)

    from ui.dialogs.import_wizard import ImportWizard

    again = ImportWizard(ctx)
    qtbot.addWidget(again)
    again.show()
    choose_file(qtbot, again, asked, errors)
    click(qtbot, next_button(again))
    assert again.check_page.source.preview.good == 1
    assert "原行号" in again.check_page.unmapped.text()  # the two extra columns are left out
    click(qtbot, commit_button(again))
    qtbot.waitUntil(lambda: again.currentPage() is again.result_page)
    assert again.outcome.persons_created == 1


@pytest.mark.usefixtures("sync_jobs")
def test_a_file_that_is_not_a_workbook_is_refused_on_the_first_page(qtbot, wizard, asked, tmp_path):
    bad = tmp_path / "台账.xlsx"
    bad.write_text("not a workbook")
    choose_file(qtbot, wizard, asked, bad)
    click(qtbot, next_button(wizard))
    assert wizard.currentPage() is wizard.source_page
    assert wizard.source_page.error.isVisible()
    assert wizard.source_page.error.text().startswith("无法读取 台账.xlsx：不是有效的 .xlsx 文件")
    wizard.source_page.file.setText(str(tmp_path / "没有这个文件.xlsx"))
    assert not wizard.source_page.error.isVisible()
    click(qtbot, next_button(wizard))
    assert wizard.source_page.error.text() == f"文件 {tmp_path / '没有这个文件.xlsx'} 不存在。"


@pytest.mark.usefixtures("sync_jobs")
def test_a_file_without_good_rows_cannot_be_imported(qtbot, wizard, asked, tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "坏.xlsx"
    wb = Workbook()
    wb.active.append(["户号", "姓名", "与户主关系", "身份证号"])
    wb.active.append(["H9", "某某", "户主", fx.bad_check(fx.LIU_FANG)])
    wb.save(path)
    choose_file(qtbot, wizard, asked, path)
    wizard.source_page.unit.set_unit(VILLAGE_CODE)
    click(qtbot, next_button(wizard))
    assert wizard.currentPage() is wizard.check_page
    assert "没有可以导入的行" in wizard.check_page.counts.text()
    assert not commit_button(wizard).isEnabled()


@pytest.mark.usefixtures("sync_jobs")
def test_the_default_unit_places_rows_of_a_file_without_place_columns(qtbot, wizard, ctx, asked, tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "无地点列.xlsx"
    wb = Workbook()
    wb.active.append(["网格", "户号", "姓名", "与户主关系", "身份证号"])
    wb.active.append(["第二网格", "H1", "刘芳", "户主", fx.LIU_FANG])
    wb.save(path)
    choose_file(qtbot, wizard, asked, path)
    click(qtbot, next_button(wizard))  # the township alone can't place the row
    assert wizard.check_page.source.preview.good == 0
    click(qtbot, wizard.button(QWizard.WizardButton.BackButton))
    wizard.source_page.unit.set_unit(VILLAGE_CODE)
    assert wizard.source_page.unit.unit_name() == "土桥村"
    click(qtbot, next_button(wizard))
    assert wizard.check_page.source.preview.good == 1
    click(qtbot, commit_button(wizard))
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.result_page)
    (row,) = households.page(ctx.actor, HouseholdQuery(), limit=5)
    assert (row.number, row.grid_name) == ("H1", "第二网格")
    assert not wizard.result_page.save_errors_button.isVisible()
    assert wizard.result_page.rejected_note.text() == "所有行都已导入。"


@pytest.mark.usefixtures("sync_jobs")
def test_a_cancelled_import_writes_nothing_and_can_start_again(qtbot, wizard, ctx, asked, monkeypatch):
    from ui import jobs

    real_start = jobs.start

    def start(job):
        job.signals.progress.connect(lambda done, total: done >= 70 and wizard.import_page.cancel_button.click())
        return real_start(job)

    choose_file(qtbot, wizard, asked, TRAPS)
    click(qtbot, next_button(wizard))
    monkeypatch.setattr(jobs, "start", start)
    click(qtbot, commit_button(wizard))
    page = wizard.import_page
    qtbot.waitUntil(lambda: page.retry_button.isVisible())
    assert wizard.currentPage() is page
    assert page.status.text() == "导入已取消，没有写入任何数据。"
    assert household_count(ctx) == 0 and page.outcome is None
    assert not next_button(wizard).isEnabled()

    monkeypatch.setattr(jobs, "start", real_start)
    click(qtbot, page.retry_button)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.result_page)
    assert household_count(ctx) == 3


def test_the_import_runs_on_a_worker_thread(qtbot, wizard, ctx, asked):
    choose_file(qtbot, wizard, asked, TRAPS)
    click(qtbot, next_button(wizard))
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.check_page, timeout=20000)
    click(qtbot, commit_button(wizard))
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.result_page, timeout=20000)
    assert wizard.outcome.accepted == 9 and household_count(ctx) == 3


@pytest.mark.usefixtures("sync_jobs")
@pytest.mark.parametrize(("kind", "name", "header"), [
    ("households", "户籍人口信息导入模板.xlsx", "公民身份号码"),
    ("events", "矛盾纠纷排查化解台账导入模板.xlsx", "编号"),
])
def test_the_template_is_saved_and_opened(qtbot, wizard, asked, tmp_path, opened, kind, name, header):
    wizard.source_page.set_kind(kind)
    target = tmp_path / "模板"
    asked.file = str(target)  # typed without .xlsx
    click(qtbot, wizard.source_page.template_button)
    assert Path(asked[-1][2]).name == name
    written = tmp_path / "模板.xlsx"
    values = {c.value for row in load_workbook(written).worksheets[0].iter_rows(max_row=5) for c in row}
    assert header in values
    assert opened == [written]


def test_the_households_toolbar_opens_the_wizard_for_the_register(qtbot, ctx, monkeypatch):
    from ui.dialogs.import_wizard import ImportWizard
    from ui.pages.households import HouseholdsPage

    kinds = []
    monkeypatch.setattr(ImportWizard, "ask", classmethod(lambda cls, parent, ctx_, kind=None: kinds.append(kind)))
    page = HouseholdsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.import_action.trigger()
    assert kinds == ["households"]
    assert page.import_action.text() == "导入…"


def test_esc_while_importing_cancels_before_closing(qtbot, wizard, asked, ctx, monkeypatch):
    """A running import is cancelled first; the wizard closes once the job has stopped."""
    import threading

    from gridapp.errors import Cancelled
    from gridapp.services import reporting
    from ui import jobs

    choose_file(qtbot, wizard, asked, TRAPS)
    monkeypatch.setattr(jobs, "SYNCHRONOUS", True)
    click(qtbot, next_button(wizard))
    monkeypatch.setattr(jobs, "SYNCHRONOUS", False)
    release = threading.Event()

    def slow_import(*args, is_cancelled, **kwargs):
        release.wait(10)
        if is_cancelled():
            raise Cancelled()
        raise AssertionError("the import should have been cancelled")

    monkeypatch.setattr(reporting, "import_file", slow_import)
    click(qtbot, commit_button(wizard))
    qtbot.waitUntil(lambda: wizard.import_page.running(), timeout=5000)
    wizard.reject()  # Esc / the window's close button
    assert wizard.isVisible()  # still open while the job stops
    release.set()
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=10000)
    assert household_count(ctx) == 0
