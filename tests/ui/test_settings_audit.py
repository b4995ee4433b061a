"""设置 → 审计日志: filters, paging from the service, details, export to Excel in the background."""
from __future__ import annotations

import dataclasses

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from gridapp.errors import PermissionDenied
from gridapp.services import accounts
from gridapp.services.actor import GRID_WORKER, actor_for
from tests.ui.conftest import VILLAGE_CODE


@pytest.fixture
def admin(db, station):
    return actor_for(accounts.create_first_admin("admin", "Admin2024x", "系统管理员").id)


@pytest.fixture
def history(admin):
    """A morning at the station: a user created, two logins, a failed one."""
    accounts.create_user(admin, "liwg", "李网格", GRID_WORKER, VILLAGE_CODE, "Temp2024x")
    accounts.authenticate("admin", "Admin2024x")
    accounts.authenticate("liwg", "Temp2024x")
    with pytest.raises(PermissionDenied):
        accounts.authenticate("liwg", "Wrong2024x")


def audit_tab(qtbot, ctx):
    from ui.pages.settings_audit import AuditTab

    tab = AuditTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1200, 600)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def shown(tab, header: str) -> list[str]:
    col = [tab.model.headerData(c, Qt.Orientation.Horizontal) for c in range(tab.model.columnCount())].index(header)
    return [tab.model.data(tab.model.index(r, col)) for r in range(tab.model.rowCount())]


def test_the_viewer_filters_by_action(qtbot, ctx, admin, history):
    tab = audit_tab(qtbot, dataclasses.replace(ctx, actor=admin))
    everything = tab.model.total
    assert everything >= 5 and tab.count_label.text() == f"共 {everything} 条"
    tab.action.setCurrentIndex(tab.action.findData("login_failed"))
    assert tab.model.total == 1
    assert shown(tab, "操作") == ["登录失败"]
    assert shown(tab, "账号") == ["liwg"] and shown(tab, "姓名") == ["李网格"]
    assert "密码错误" in shown(tab, "详情")[0]
    tab.action.setCurrentIndex(tab.action.findData("login"))
    assert sorted(shown(tab, "账号")) == ["admin", "liwg"]
    tab.user.setCurrentIndex(tab.user.findData("liwg"))
    assert shown(tab, "账号") == ["liwg"]
    tab.action.setCurrentIndex(0)  # 全部操作: everything of 李网格
    assert set(shown(tab, "操作")) == {"登录", "登录失败"}


def test_choosing_a_row_shows_its_details_in_full(qtbot, ctx, admin, history):
    tab = audit_tab(qtbot, dataclasses.replace(ctx, actor=admin))
    tab.action.setCurrentIndex(tab.action.findData("create"))
    tab.entity.setCurrentIndex(tab.entity.findData("user"))
    assert tab.model.total == 2  # the first administrator (by the system) and 李网格 (by the administrator)
    tab.user.setCurrentIndex(tab.user.findData("admin"))
    assert tab.model.total == 1
    rect = tab.table.visualRect(tab.model.index(0, 0))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    text = tab.details.toPlainText()
    assert "系统管理员（admin）  新建  用户" in text
    assert "账号：（空） → liwg" in text and "角色：（空） → 网格员" in text and "管辖范围：（空） → 420281103200" in text


def test_an_empty_period_says_what_to_do(qtbot, ctx, admin, history):
    import datetime as dt

    from PySide6.QtCore import QDate

    tab = audit_tab(qtbot, dataclasses.replace(ctx, actor=admin))
    tab.period.setCurrentIndex(tab.period.findData("custom"))
    assert tab.since.isVisible() and tab.until.isVisible()
    long_ago = dt.date.today() - dt.timedelta(days=400)
    tab.until.setDate(QDate(long_ago.year, long_ago.month, long_ago.day))
    tab.since.setDate(QDate(long_ago.year - 1, 1, 1))
    assert tab.model.total == 0
    assert tab.empty_label.isVisible() and "没有符合筛选条件的记录" in tab.empty_label.text()
    assert not tab.export_button.isEnabled()


def test_a_township_clerk_sees_only_its_staff(qtbot, ctx, admin, history):
    tab = audit_tab(qtbot, ctx)  # 王文书 of 金山店镇
    logins = {tab.user.itemData(i) for i in range(1, tab.user.count())}
    assert "admin" not in logins and "liwg" in logins
    assert "admin" not in shown(tab, "账号")


def test_a_grid_worker_may_not_open_the_log(qtbot, ctx, admin, history):
    tab = audit_tab(qtbot, dataclasses.replace(ctx, actor=actor_for("liwg")))
    assert not tab.isEnabled() and tab.model.rowCount() == 0
    assert "仅供系统管理员和乡镇综治中心查看" in tab.empty_label.text()


def test_export_writes_the_filtered_rows_in_the_background(qtbot, ctx, admin, history, asked, tmp_path, sync_jobs):
    tab = audit_tab(qtbot, dataclasses.replace(ctx, actor=admin))
    tab.action.setCurrentIndex(tab.action.findData("login"))
    asked.file = str(tmp_path / "审计")  # the extension is added
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "审计.xlsx"
    assert asked[-1] == ("info", "导出审计日志", f"已导出 2 条记录到 {target}。")
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("时间", "账号", "姓名", "操作")
    assert sorted(r[1] for r in rows[1:]) == ["admin", "liwg"]
    tab.action.setCurrentIndex(tab.action.findData("export"))
    assert tab.model.total == 1  # the export is itself logged
