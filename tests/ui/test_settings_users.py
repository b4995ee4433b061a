"""设置 → 用户 and its dialogs (user, reset password, grid handover), and what every edit dialog
does when someone else saved the record first (记录已被他人修改)."""
from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from gridapp.services import accounts, events, grids, households, people
from gridapp.services.actor import GRID_WORKER, actor_for
from gridapp.services.events import EventDraft
from gridapp.services.households import HouseholdInput
from gridapp.services.people import PersonInput
from tests.ui.conftest import VILLAGE_CODE

PASSWORD = "Admin2024x"


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def admin(db, station):
    return actor_for(accounts.create_first_admin("admin", PASSWORD, "系统管理员").id)


@pytest.fixture
def admin_ctx(ctx, admin):
    return dataclasses.replace(ctx, actor=admin)


@pytest.fixture
def grid_ids(admin):
    return {g.name: g.id for g in grids.list_grids(admin, VILLAGE_CODE)}


@pytest.fixture
def worker(admin, grid_ids):
    """李网格, looking after 第一网格."""
    info = accounts.create_user(admin, "liwg", "李网格", GRID_WORKER, VILLAGE_CODE, "Temp2024x")
    accounts.assign_grid(admin, grid_ids["第一网格"], info.id)
    return accounts.get_user(admin, info.id)


def users_tab(qtbot, ctx):
    from ui.pages.settings_users import UsersTab

    tab = UsersTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1200, 600)
    tab.show()
    return tab


def select(qtbot, tab, login: str) -> None:
    row = next(i for i, u in enumerate(tab.model.rows) if u.login == login)
    rect = tab.table.visualRect(tab.model.index(row, 0))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.selected().login == login


def column(tab, login: str, header: str) -> str:
    row = next(i for i, u in enumerate(tab.model.rows) if u.login == login)
    return tab.model.data(tab.model.index(row, tab.model.headers.index(header)))


# --------------------------------------------------------------------------- creating a user
def test_create_a_grid_worker_through_the_user_dialog(qtbot, admin_ctx, admin, grid_ids, monkeypatch, type_text):
    from ui.dialogs.user import UserDialog

    seen = {}

    def ask(cls, parent, ctx_, user_id=None):
        dialog = UserDialog(ctx_, parent, user_id=user_id)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.windowTitle() == "新建用户"
        assert dialog.role.currentData() == GRID_WORKER  # the usual case first
        assert dialog.village.currentData() == VILLAGE_CODE  # the station's village
        assert [dialog.grids.item(i).text() for i in range(dialog.grids.count())] == ["第一网格", "第二网格"]
        qtbot.keyClicks(dialog.login, "wangwg")
        type_text(dialog.display_name, "王网格")
        dialog.set_grid_ticked(grid_ids["第二网格"])
        qtbot.keyClicks(dialog.pair.password, "abcdefgh")
        seen["weak"] = dialog.pair.strength.text()
        qtbot.keyClicks(dialog.pair.repeat, "abcdefgh")
        click(qtbot, dialog.save_button)
        seen["after weak save"] = (dialog.isVisible(), dialog.pair.strength.text())
        dialog.pair.password.clear()
        dialog.pair.repeat.clear()
        qtbot.keyClicks(dialog.pair.password, "Wang2024ok")
        qtbot.keyClicks(dialog.pair.repeat, "Wang2024ok")
        qtbot.keyClicks(dialog.phone, "13912345678")
        click(qtbot, dialog.save_button)
        assert dialog.result() == dialog.DialogCode.Accepted, dialog.general.text()
        return dialog.result_value

    monkeypatch.setattr(UserDialog, "ask", classmethod(ask))
    tab = users_tab(qtbot, admin_ctx)
    tab.new_action.trigger()

    assert seen["weak"] == "密码须同时包含字母和数字"
    assert seen["after weak save"] == (True, "密码须同时包含字母和数字")
    created = next(u for u in accounts.list_users(admin) if u.login == "wangwg")
    assert (created.display_name, created.role, created.scope_code, created.phone) == \
        ("王网格", GRID_WORKER, VILLAGE_CODE, "13912345678")
    assert created.grids == ("第二网格",)
    assert created.must_change_password  # a password set by the administrator is temporary
    assert accounts.grid_history(admin, grid_ids["第二网格"])[0].worker_name == "王网格"
    assert tab.selected().login == "wangwg"
    assert column(tab, "wangwg", "负责网格") == "第二网格"
    assert column(tab, "wangwg", "状态") == "启用（临时密码）"


def test_user_dialog_shows_errors_next_to_the_fields(qtbot, admin_ctx, worker):
    from ui.dialogs.user import UserDialog

    dialog = UserDialog(admin_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.login, "liwg")  # taken
    qtbot.keyClicks(dialog.pair.password, "Wang2024ok")
    qtbot.keyClicks(dialog.pair.repeat, "Wang2024oj")
    click(qtbot, dialog.save_button)
    assert dialog.errors.error("password2") == "两次输入的密码不一致，请再输入一次。"
    dialog.pair.repeat.clear()
    qtbot.keyClicks(dialog.pair.repeat, "Wang2024ok")
    click(qtbot, dialog.save_button)
    assert dialog.errors.error("login") == "登录名“liwg”已被使用"
    assert dialog.isVisible()


def test_the_scope_follows_the_role(qtbot, admin_ctx):
    from gridapp.services.actor import SYSADMIN, TOWNSHIP, VILLAGE_ADMIN
    from ui.dialogs.user import UserDialog

    dialog = UserDialog(admin_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.role.setCurrentIndex(dialog.role.findData(VILLAGE_ADMIN))
    assert dialog.scope_code() == VILLAGE_CODE and not dialog.grids.isVisible()
    dialog.role.setCurrentIndex(dialog.role.findData(TOWNSHIP))
    assert dialog.scope_code() == VILLAGE_CODE[:9] and not dialog.village.isVisible()
    dialog.role.setCurrentIndex(dialog.role.findData(SYSADMIN))
    assert dialog.scope_code() is None and not dialog.township.isVisible()


# --------------------------------------------------------------------------- managing users
def test_unlock_disable_enable_and_reset_password(qtbot, admin_ctx, admin, worker, grid_ids, asked, monkeypatch):
    from gridapp.errors import PermissionDenied
    from ui.dialogs.change_password import ResetPasswordDialog

    for _ in range(5):
        with pytest.raises(PermissionDenied):
            accounts.authenticate("liwg", "Wrong2024x")
    tab = users_tab(qtbot, admin_ctx)
    locked_until = accounts.get_user(admin, worker.id).locked_until
    assert column(tab, "liwg", "状态") == f"锁定至 {locked_until:%m-%d %H:%M}"
    select(qtbot, tab, "admin")
    assert not tab.unlock_action.isEnabled() and tab.unlock_action.toolTip() == "该账号未被锁定"
    select(qtbot, tab, "liwg")
    tab.unlock_action.trigger()
    assert asked[-1] == ("info", "解锁", "李网格 可以重新登录了。")
    assert not accounts.get_user(admin, worker.id).locked

    tab.disable_action.trigger()  # 李网格 still looks after 第一网格: refused, with the reason
    assert asked[-1][0] == "warning" and "请先办理网格移交" in asked[-1][2]
    accounts.assign_grid(admin, grid_ids["第一网格"], None)
    tab.refresh()
    select(qtbot, tab, "liwg")
    tab.disable_action.trigger()
    assert column(tab, "liwg", "状态") == "已停用"
    assert tab.disable_action.text() == "启用"
    tab.disable_action.trigger()
    assert column(tab, "liwg", "状态") == "启用（临时密码）"

    def reset(cls, parent, ctx_, user):
        dialog = ResetPasswordDialog(ctx_, user, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.pair.password, "Reset2024x")
        qtbot.keyClicks(dialog.pair.repeat, "Reset2024x")
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
        assert dialog.result() == dialog.DialogCode.Accepted, dialog.general.text()
        return dialog.result_value

    monkeypatch.setattr(ResetPasswordDialog, "ask", classmethod(reset))
    tab.reset_action.trigger()
    assert accounts.authenticate("liwg", "Reset2024x").login == "liwg"


def test_a_grid_worker_manages_no_accounts(qtbot, ctx, worker):
    tab = users_tab(qtbot, dataclasses.replace(ctx, actor=actor_for(worker.id)))
    assert tab.model.rowCount() == 0
    assert tab.empty_label.isVisible() and "系统管理员" in tab.empty_label.text()
    assert not tab.new_action.isEnabled() and not tab.handover_action.isEnabled()


def test_a_township_clerk_sees_the_staff_of_the_township_and_hands_grids_over(qtbot, ctx, worker):
    tab = users_tab(qtbot, ctx)
    assert sorted(u.login for u in tab.model.rows) == ["clerk", "liwg"]  # not the administrator
    assert not tab.new_action.isEnabled() and tab.new_action.toolTip() == "仅系统管理员可以管理账号"
    assert tab.handover_action.isEnabled()


# --------------------------------------------------------------------------- grid handover
def test_handover_passes_the_grid_and_the_open_events_to_the_successor(qtbot, ctx, admin, worker, grid_ids):
    from ui.dialogs.handover import HandoverDialog

    successor = accounts.create_user(admin, "zhaowg", "赵网格", GRID_WORKER, VILLAGE_CODE, "Temp2024x")
    reported = events.report(actor_for(worker.id), EventDraft(title="邻里噪音纠纷", category="02",
                                                              description="楼上装修噪音", grid_id=grid_ids["第一网格"]))
    dialog = HandoverDialog(ctx, grid_id=grid_ids["第一网格"])  # the township centre hands grids over
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.current_worker.text() == "李网格"
    assert dialog.worker.currentData() == successor.id  # the only other worker of the village
    assert dialog.handler.currentData() == successor.id  # the events follow the grid by default
    assert dialog.events.rowCount() == 1 and dialog.events.item(0, 0).text() == reported.number
    assert dialog.events.item(0, 0).checkState() == Qt.CheckState.Checked
    assert dialog.history.rowCount() == 1 and dialog.history.item(0, 2).text() == "至今"
    dialog.note.setText("李网格调岗")
    click(qtbot, dialog.save_button)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.general.text()
    history = accounts.grid_history(admin, grid_ids["第一网格"])
    assert [(a.worker_name, a.end is None, a.note) for a in history] == [("赵网格", True, "李网格调岗"),
                                                                         ("李网格", False, None)]
    assert events.get(ctx.actor, reported.id).handler_id == successor.id
    assert accounts.departing_worker_items(ctx.actor, worker.id).open_events == ()


def test_events_can_be_given_away_before_the_handover(qtbot, ctx, admin, worker, grid_ids, asked):
    from gridapp.services.actor import VILLAGE_ADMIN
    from ui.dialogs.handover import HandoverDialog

    accounts.create_user(admin, "zhaowg", "赵网格", GRID_WORKER, VILLAGE_CODE, "Temp2024x")
    head = accounts.create_user(admin, "cunzhang", "村管理员", VILLAGE_ADMIN, VILLAGE_CODE, "Temp2024x")
    reported = events.report(actor_for(worker.id), EventDraft(title="路灯损坏", category="02",
                                                              description="村口路灯不亮", grid_id=grid_ids["第一网格"]))
    dialog = HandoverDialog(ctx, grid_id=grid_ids["第一网格"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.handler.setCurrentIndex(dialog.handler.findData(head.id))
    click(qtbot, dialog.reassign_button)
    assert asked[-1] == ("info", "改派事件", f"已将 1 件事件改派给 {dialog.handler.currentText()}。")
    assert events.get(ctx.actor, reported.id).handler_id == head.id
    assert dialog.events.rowCount() == 0 and not dialog.reassign_button.isEnabled()
    assert dialog.isVisible()  # the grid itself is not handed over yet
    assert accounts.grid_history(admin, grid_ids["第一网格"])[0].worker_name == "李网格"


def test_handover_needs_another_worker(qtbot, ctx, worker, grid_ids):
    from ui.dialogs.handover import HandoverDialog

    dialog = HandoverDialog(ctx, grid_id=grid_ids["第二网格"])  # no worker yet, and nobody else to take it
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.current_worker.text() == "无人负责"
    assert dialog.leaving_note.text() == "该网格目前没有网格员，没有需要交接的事项。"
    assert dialog.worker.currentData() == worker.id


# --------------------------------------------------------------------------- stale edits
def test_a_stale_user_edit_says_so_and_shows_the_saved_account(qtbot, admin_ctx, admin, worker, asked, type_text):
    from ui.dialogs.user import UserDialog

    dialog = UserDialog(admin_ctx, user_id=worker.id)
    qtbot.addWidget(dialog)
    dialog.show()
    accounts.update_user(admin, worker.id, worker.version, display_name="李网格员")  # someone else, meanwhile
    dialog.display_name.clear()
    type_text(dialog.display_name, "李四")
    click(qtbot, dialog.save_button)
    kind, title, text = asked[-1]
    assert (kind, title) == ("warning", "记录已被他人修改")
    assert text.startswith("记录已被他人修改")
    assert dialog.isVisible() and dialog.display_name.text() == "李网格员"
    click(qtbot, dialog.save_button)  # saving again, on the fresh version, works
    assert dialog.result() == dialog.DialogCode.Accepted


def test_a_stale_person_edit_says_so_and_reloads(qtbot, ctx, grid_ids, asked, type_text):
    from ui.dialogs.household import HouseholdDialog
    from ui.dialogs.person import PersonDialog

    detail = households.create(ctx.actor, HouseholdInput(grid_id=grid_ids["第一网格"], number="0101",
                                                         address="土桥村一组1号"), PersonInput(name="张卫国"))
    head = detail.members[0]
    dialog = PersonDialog(ctx, person_id=head.id)
    qtbot.addWidget(dialog)
    dialog.show()
    current = people.get(ctx.actor, head.id)
    people.update(ctx.actor, head.id, dataclasses.replace(dialog.input(), occupation="农民"), current.version)
    type_text(dialog.occupation, "个体")
    click(qtbot, dialog.save_button)
    kind, title, text = asked[-1]
    assert (kind, title) == ("warning", "记录已被他人修改")
    assert text.startswith("记录已被他人修改，请刷新后重试")
    assert dialog.isVisible() and dialog.occupation.text() == "农民"  # what the other person saved

    edit = HouseholdDialog(ctx, household_id=detail.id)
    qtbot.addWidget(edit)
    edit.show()
    households.update(ctx.actor, detail.id, dataclasses.replace(edit.input(), address="土桥村一组2号"),
                      households.get(ctx.actor, detail.id).version)
    edit.notes.setPlainText("新装了门牌")
    click(qtbot, edit.save_button)
    assert asked[-1][1] == "记录已被他人修改"
    assert edit.isVisible() and edit.address.text() == "土桥村一组2号"
