"""打印预览 / 打印 / 导出PDF on the pages: each form is produced as a PDF offscreen and read back."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt

from gridapp import ids
from gridapp.errors import PermissionDenied
from gridapp.models import AuditLog
from gridapp.reports.forms import PrintForm
from gridapp.services import households
from gridapp.services.households import HouseholdInput
from gridapp.services.people import PersonInput
from tests.ui.conftest import VILLAGE_CODE

HEAD_ID = ids.make_id("420281", dt.date(1968, 4, 2), 11)
WIFE_ID = ids.make_id("420281", dt.date(1970, 9, 15), 22)


def pdf_pages(path) -> int:
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


def pdf_page_size(path) -> tuple[float, float]:
    """Width and height of the first page, in points (A4 portrait: 595 × 842)."""
    width, height = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", path.read_bytes()).groups()
    return round(float(width)), round(float(height))


def pdf_text(path) -> str | None:
    """The PDF's text without the spaces pdftotext puts between CJK glyphs; None without poppler."""
    if not shutil.which("pdftotext"):
        return None
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return "".join(out.split())


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def household(ctx):
    from gridapp.services import grids

    grid = grids.list_grids(ctx.actor, VILLAGE_CODE)[0]
    return households.create(
        ctx.actor, HouseholdInput(grid_id=grid.id, number="0101", address="土桥村三组12号", phone="13812345678"),
        PersonInput(name="张卫国", id_number=HEAD_ID, phone="13900001111"),
        [PersonInput(name="李秀英", id_number=WIFE_ID, relation="12")])


@pytest.fixture
def households_page(qtbot, ctx, household):
    from ui.pages.households import HouseholdsPage

    page = HouseholdsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    qtbot.waitExposed(page)
    page.show_household(household.id)
    return page


# --------------------------------------------------------------------------- 入户登记表
def test_household_form_exported_as_pdf_with_masked_ids(households_page, asked, tmp_path):
    page = households_page
    asked.file = str(tmp_path / "登记表")  # typed without .pdf
    assert page.print_actions.pdf_action.isEnabled()
    page.print_actions.pdf_action.trigger()
    path = tmp_path / "登记表.pdf"
    assert path.exists() and pdf_pages(path) == 1 and pdf_page_size(path) == (595, 842)
    assert asked.kinds() == ["save_file", "info"] and asked[0][1] == "导出PDF"
    _, _, said = asked[-1]
    assert "入户登记表" in said and "1 页" in said and str(path) in said
    content = pdf_text(path)
    if content is not None:
        assert "入户登记表" in content and "0101" in content and "张卫国" in content and "李秀英" in content
        assert ids.mask_id(HEAD_ID) in content and HEAD_ID not in content
        assert "第1页/共1页" in content
    assert AuditLog.select().where(AuditLog.action == "view_sensitive").count() == 0


def test_the_proposed_pdf_name_is_the_household(households_page, asked, tmp_path):
    asked.file = None  # the person cancels the save dialog
    households_page.print_actions.pdf_action.trigger()
    (_, _, proposed), = asked
    assert proposed.endswith("入户登记表_0101_张卫国.pdf")
    assert asked.kinds() == ["save_file"]  # nothing written, nothing said
    assert list(tmp_path.glob("*.pdf")) == []


def test_unmasked_household_form_prints_full_ids_and_is_audited(households_page, asked, tmp_path):
    page = households_page
    assert page.print_actions.unmask_action is not None  # a township clerk may unmask
    page.print_actions.unmask_action.setChecked(True)
    asked.file = str(tmp_path / "full.pdf")
    page.print_actions.pdf_action.trigger()
    content = pdf_text(tmp_path / "full.pdf")
    if content is not None:
        assert HEAD_ID in content and WIFE_ID in content and "13900001111" in content
    assert AuditLog.select().where(AuditLog.action == "view_sensitive").count() == 3
    assert not page.print_actions.unmask_action.isChecked()  # for that one form only
    asked.file = str(tmp_path / "again.pdf")
    page.print_actions.pdf_action.trigger()
    assert AuditLog.select().where(AuditLog.action == "view_sensitive").count() == 3  # masked again


def test_print_preview_button_shows_the_household_form(qtbot, households_page, monkeypatch):
    from ui import printing

    shown: list[PrintForm] = []
    monkeypatch.setattr(printing, "preview", lambda parent, form: shown.append(form))
    button = households_page.print_actions.button
    assert button is not None and button.text() == "打印预览"
    click(qtbot, button)
    (form,) = shown
    assert form.title == "入户登记表" and dict(form.fields)["户号"] == "0101"
    printed = []
    monkeypatch.setattr(printing, "print_form", lambda parent, form: printed.append(form) or True)
    households_page.print_actions.print_action.trigger()
    assert printed[0].title == "入户登记表"


def test_print_actions_wait_for_a_live_household(qtbot, households_page):
    page = households_page
    click(qtbot, page.trash_button)  # the recycle bin: nothing chosen
    for action in (page.print_actions.preview_action, page.print_actions.pdf_action):
        assert not action.isEnabled() and action.toolTip()


def test_a_refusal_is_shown_and_nothing_is_written(qtbot, ctx, asked, tmp_path):
    from PySide6.QtWidgets import QMenu, QWidget

    from ui.print_actions import add_print_actions

    def refuse():
        raise PermissionDenied("户号 0101 不在您的管辖范围内")

    host = QWidget()
    qtbot.addWidget(host)
    menu = QMenu(host)
    actions = add_print_actions(menu, host, ctx, refuse)
    assert [a.objectName() for a in menu.actions()] == ["print_preview", "print_form", "export_pdf"]
    asked.file = str(tmp_path / "x.pdf")
    actions.pdf_action.trigger()
    assert asked.kinds() == ["error"] and "管辖范围" in asked[0][2]
    assert not (tmp_path / "x.pdf").exists()


# --------------------------------------------------------------------------- 总表 (报表 page)
@pytest.mark.usefixtures("sync_jobs")
def test_summary_exported_as_a_landscape_pdf_after_counting_it(qtbot, ctx, household, asked, tmp_path):
    from ui.pages.reports import ReportsPage

    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    today = dt.date.today()
    for combo, value in ((page.period.kind, "month"), (page.period.year, today.year),
                         (page.period.index, today.month)):
        combo.setCurrentIndex(combo.findData(value))
    assert page.summary is None and page.print_actions.pdf_action.isEnabled()
    asked.file = str(tmp_path / "总表.pdf")
    page.print_actions.pdf_action.trigger()
    assert page.summary is not None  # counted in the background first, and shown on the page
    path = tmp_path / "总表.pdf"
    assert pdf_pages(path) >= 1 and pdf_page_size(path) == (842, 595)  # A4 landscape
    assert asked.kinds() == ["save_file", "info"]
    assert asked[0][2].endswith("金山店镇网格化服务管理工作汇总表.pdf")
    content = pdf_text(path)
    if content is not None:
        assert "金山店镇网格化服务管理工作汇总表" in content and "土桥村" in content and "合计" in content


# --------------------------------------------------------------------------- 人民调解协议书 (事件 page)
def mediated(ctx, grid_id: int, *, close: bool = True):
    from gridapp.services import events
    from gridapp.services.events import EventDraft, PartyInput

    event = events.report(ctx.actor, EventDraft(
        kind="矛盾纠纷", category="02", title="王某与李某排水沟纠纷", grid_id=grid_id,
        description="王某家排水沟堵塞，雨水流入李某院内。",
        parties=(PartyInput(name="王大成", id_number=HEAD_ID, phone="13812345678"), PartyInput(name="李小龙"))))
    if close:
        for action in ("受理", "处置"):
            events.transition(ctx.actor, event.id, action)
        event = events.transition(ctx.actor, event.id, "办结", outcome="化解成功", method="人民调解",
                                  mediator="刘国强", agreement="王某于本月底前疏通排水沟，李某不再追究此前损失。")
    return event


@pytest.fixture
def events_page(qtbot, ctx):
    from ui.pages.events import EventsPage

    page = EventsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_agreement_of_a_mediated_dispute_exported_as_pdf(qtbot, ctx, events_page, asked, tmp_path):
    from gridapp.services import grids

    grid = grids.list_grids(ctx.actor, VILLAGE_CODE)[0]
    event = mediated(ctx, grid.id)
    events_page.refresh()
    events_page.show_event(event.id)
    actions = events_page.detail.print_actions
    assert actions.button.isVisible() and actions.button.isEnabled() and actions.button.text() == "打印调解协议书"
    asked.file = str(tmp_path / "协议.pdf")
    actions.pdf_action.trigger()
    assert asked[0][2].endswith(f"人民调解协议书_{event.number}.pdf")
    path = tmp_path / "协议.pdf"
    assert pdf_pages(path) == 1
    content = pdf_text(path)
    if content is not None:
        assert "人民调解协议书" in content and "王某于本月底前疏通排水沟" in content and "刘国强" in content
        assert "土桥村人民调解委员会（盖章）" in content and "138****5678" in content and "13812345678" not in content
        lines = [line.strip() for line in subprocess.run(["pdftotext", "-layout", str(path), "-"],
                                                          capture_output=True, text=True).stdout.splitlines()]
        assert "经调解，当事人自愿达成如下协议" in lines  # a heading on a line of its own


def test_agreement_button_says_why_an_open_dispute_has_none_and_hides_for_other_kinds(ctx, events_page):
    from gridapp.services import events, grids
    from gridapp.services.events import EventDraft

    grid = grids.list_grids(ctx.actor, VILLAGE_CODE)[0]
    open_dispute = mediated(ctx, grid.id, close=False)
    hazard = events.report(ctx.actor, EventDraft(kind="安全隐患", category="H01", title="楼道堆放杂物",
                                                 grid_id=grid.id))
    events_page.refresh()
    events_page.show_event(open_dispute.id)
    actions = events_page.detail.print_actions
    assert actions.button.isVisible() and not actions.button.isEnabled()
    assert "尚未办结" in actions.button.toolTip() and not actions.pdf_action.isEnabled()
    events_page.show_event(hazard.id)
    assert not actions.button.isVisible()


# --------------------------------------------------------------------------- 走访记录 (走访 page, history)
def test_visit_record_exported_from_the_history(qtbot, ctx, household, asked, tmp_path):
    from gridapp.services import visits
    from gridapp.services.visits import VisitInput
    from ui.dialogs.visit import Target
    from ui.pages.visits import HistoryPane

    done = visits.record(ctx.actor, "household", household.id, VisitInput(
        method="入户", companions="村主任刘明", notes="屋顶漏雨，已联系维修", findings="院墙开裂"))
    pane = HistoryPane(ctx)
    qtbot.addWidget(pane)
    pane.show()
    actions = pane.print_actions
    assert not actions.button.isEnabled() and actions.button.toolTip()  # no visit chosen yet
    pane.show_target(Target("household", household.id, "0101 张卫国"))
    assert pane.selected().id == done.visit.id  # the latest visit is chosen
    assert actions.button.isEnabled() and actions.button.text() == "打印记录"
    asked.file = str(tmp_path / "走访.pdf")
    actions.pdf_action.trigger()
    path = tmp_path / "走访.pdf"
    assert pdf_pages(path) == 1
    content = pdf_text(path)
    if content is not None:
        assert "走访记录" in content and "0101张卫国" in content and "屋顶漏雨，已联系维修" in content
        assert "院墙开裂" in content and "村主任刘明" in content and "王文书" in content


def test_the_unmask_entry_is_offered_only_to_roles_that_may_unmask(qtbot, ctx):
    import dataclasses

    from PySide6.QtWidgets import QMenu, QWidget

    from gridapp.services.actor import SYSADMIN
    from ui.print_actions import add_print_actions

    host = QWidget()
    qtbot.addWidget(host)
    clerk = add_print_actions(QMenu(host), host, ctx, lambda unmask=False: None, unmask_option=True)
    assert [a.objectName() for a in clerk.menu.actions()] == ["print_preview", "print_form", "export_pdf", "",
                                                               "print_unmasked"]
    admin_ctx = dataclasses.replace(ctx, actor=dataclasses.replace(ctx.actor, role=SYSADMIN))
    admin = add_print_actions(QMenu(host), host, admin_ctx, lambda unmask=False: None, unmask_option=True)
    assert admin.unmask_action is None and len(admin.menu.actions()) == 3
