"""设置 → 备份与恢复 and the restore dialog: a backup now, then a restore from the list with its
date and counts shown before anything is replaced."""
from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from gridapp.services import accounts, auditlog, backups, grids, households
from gridapp.services.actor import actor_for
from gridapp.services.auditlog import AuditFilter
from gridapp.services.households import HouseholdInput, HouseholdQuery
from gridapp.services.people import PersonInput
from tests.ui.conftest import VILLAGE_CODE


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def admin_ctx(ctx, db, station):
    return dataclasses.replace(ctx, actor=actor_for(accounts.create_first_admin("admin", "Admin2024x", "管理员").id))


def add_household(ctx, number: str, head: str) -> None:
    grid_id = grids.list_grids(ctx.actor, VILLAGE_CODE)[0].id
    households.create(ctx.actor, HouseholdInput(grid_id=grid_id, number=number, address=f"土桥村{number}号"),
                      PersonInput(name=head))


def backup_tab(qtbot, ctx):
    from ui.pages.settings_backup import BackupTab

    tab = BackupTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1200, 600)
    tab.show()
    return tab


def test_backup_now_then_restore_from_the_list(qtbot, ctx, admin_ctx, asked, monkeypatch, sync_jobs):
    from ui.dialogs.restore import RestoreDialog

    add_household(ctx, "0001", "张一")
    add_household(ctx, "0002", "张二")
    tab = backup_tab(qtbot, admin_ctx)
    assert tab.table.rowCount() == 0 and tab.table.empty.isVisible()
    assert tab.folder.text() == str(backups.backup_folder())
    click(qtbot, tab.backup_button)
    kind, title, text = asked[-1]
    assert (kind, title) == ("info", "备份完成") and "2 户、2 人、0 次走访、0 件事件" in text
    assert tab.table.rowCount() == 1
    assert [tab.table.item(0, c).text() for c in (1, 3, 4, 7)] == ["自动备份", "2", "2", "完好"]
    add_household(ctx, "0003", "张三")  # entered after the backup

    seen = {}

    def restore(cls, parent, ctx_, backup_path=None):
        dialog = RestoreDialog(ctx_, parent, backup_path=backup_path)
        qtbot.addWidget(dialog)
        dialog.show()
        seen["current"] = dialog.current.text()
        seen["details"] = dialog.details.text()
        with qtbot.waitSignal(ctx_.bus.data_changed, timeout=5000) as changed:
            click(qtbot, dialog.restore_button)
        seen["changed"] = changed.args
        assert dialog.result() == dialog.DialogCode.Accepted
        return dialog.result_value

    monkeypatch.setattr(RestoreDialog, "ask", classmethod(restore))
    click(qtbot, tab.restore_button)

    assert seen["current"] == "本站当前数据：3 户、3 人、0 次走访、0 件事件。"
    assert "包含 2 户、2 人、0 次走访、0 件事件" in seen["details"]
    confirm = next(a for a in asked if a[0] == "confirm")
    assert confirm[1] == "从备份恢复" and "该备份包含 2 户、2 人、0 次走访、0 件事件" in confirm[2]
    assert asked.index(confirm) < next(i for i, a in enumerate(asked) if a[1] == "已恢复")  # asked first
    assert seen["changed"] == ["database"]  # everyone logs in again on the restored data
    assert households.count(ctx.actor, HouseholdQuery()) == 2
    kinds = sorted(b.kind for b in backups.list_backups())
    assert kinds == ["auto", "before-restore"]  # the data before the restore is kept
    before = next(b for b in backups.list_backups() if b.kind == "before-restore")
    assert before.counts["household"] == 3
    rows = auditlog.query_audit(admin_ctx.actor, AuditFilter(actions=("restore_backup",)))
    assert rows.total == 1


def test_declining_the_confirmation_restores_nothing(qtbot, ctx, admin_ctx, asked, sync_jobs):
    from ui.dialogs.restore import RestoreDialog

    add_household(ctx, "0001", "张一")
    backups.backup_now(admin_ctx.actor)
    add_household(ctx, "0002", "张二")
    dialog = RestoreDialog(admin_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    asked.confirm_answer = False
    click(qtbot, dialog.restore_button)
    assert asked.kinds() == ["confirm"]
    assert dialog.isVisible()
    assert households.count(ctx.actor, HouseholdQuery()) == 2


def test_a_file_that_is_no_backup_cannot_be_restored(qtbot, admin_ctx, asked, tmp_path, sync_jobs):
    from ui.dialogs.restore import RestoreDialog

    junk = tmp_path / "照片.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    asked.file = str(junk)
    dialog = RestoreDialog(admin_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    click(qtbot, dialog.file_button)
    assert dialog.selected().path == junk
    assert dialog.table.item(0, 7).text() == "文件已损坏或不是网格通数据库"
    assert not dialog.restore_button.isEnabled()
    assert "不能用于恢复" in dialog.details.text()


def test_back_up_to_a_file_of_ones_choice(qtbot, admin_ctx, asked, tmp_path, sync_jobs):
    target = tmp_path / "U盘" / "station.sqlite3"
    target.parent.mkdir()
    asked.file = str(target)
    tab = backup_tab(qtbot, admin_ctx)
    click(qtbot, tab.copy_button)
    assert target.is_file() and backups.probe(target).ok
    kind, title, text = asked[-1]
    assert (kind, title) == ("info", "备份完成") and str(target) in text


def test_only_the_administrator_backs_up_and_restores(qtbot, ctx):
    tab = backup_tab(qtbot, ctx)
    for button in (tab.backup_button, tab.copy_button, tab.restore_button):
        assert not button.isEnabled()
        assert button.toolTip() == "仅系统管理员可以备份和恢复"


def test_the_list_is_read_in_the_background_when_the_tab_is_first_shown(qtbot, admin_ctx):
    from ui.pages.settings_backup import BackupTab

    backups.backup_now(admin_ctx.actor)
    tab = BackupTab(admin_ctx)  # built with the settings page: reads nothing yet
    qtbot.addWidget(tab)
    assert tab.table.rowCount() == 0 and tab._listing is None
    tab.show()
    assert tab.table.empty.text() == "正在读取备份…" or tab.table.rowCount() == 1
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=5000)
    assert tab.count_label.text().startswith("共 1 份备份")
