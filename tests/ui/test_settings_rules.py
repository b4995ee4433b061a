"""设置 → 走访规则: visit intervals, the high-risk interval, time limits, cutoff day, idle lock and
inspection checklists; changes apply at once."""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt

from gridapp.services import accounts, events, places, rules
from gridapp.services import settings as settings_service
from gridapp.services.actor import GRID_WORKER, actor_for
from tests.ui.conftest import VILLAGE_CODE


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def rules_tab(qtbot, ctx):
    from ui.pages.settings_rules import RulesTab

    tab = RulesTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    return tab


def rule_spin(tab, target: str, attention: str = ""):
    row = next(i for i, r in enumerate(tab.rules) if (r.target, r.attention) == (target, attention))
    return tab.rule_spins[row]


def set_spin(qtbot, box, value: int) -> None:
    box.selectAll()
    qtbot.keyClicks(box, str(value))
    box.interpretText()


def test_a_township_clerk_changes_intervals_and_limits_which_apply_at_once(qtbot, ctx):
    tab = rules_tab(qtbot, ctx)
    assert rule_spin(tab, "household").value() == 180
    set_spin(qtbot, rule_spin(tab, "household"), 90)
    set_spin(qtbot, rule_spin(tab, "jsza", "01"), 10)
    set_spin(qtbot, tab.time_limits["矛盾纠纷"], 20)
    set_spin(qtbot, tab.cutoff, 25)
    set_spin(qtbot, tab.risk_days, 7)
    assert tab.status.text() == "已修改，尚未保存。"
    assert not tab.idle_minutes.isEnabled()  # the screen lock is the administrator's
    with qtbot.waitSignal(ctx.bus.data_changed) as changed:
        click(qtbot, tab.save_button)
    assert changed.args == ["settings"]
    assert tab.status.text() == "已保存，立即生效。"
    assert rules.interval("household") == 90 and rules.interval("jsza", "01") == 10
    assert events.time_limits()["矛盾纠纷"] == 20
    assert settings_service.get_int("report_cutoff_day") == 25
    assert rules.risk_force().days == 7
    set_spin(qtbot, tab.cutoff, 0)  # back to calendar months
    assert tab.cutoff.text() == "自然月"
    click(qtbot, tab.save_button)
    assert settings_service.get_int("report_cutoff_day") is None


def test_the_administrator_sets_the_idle_lock(qtbot, ctx, db, station):
    admin = actor_for(accounts.create_first_admin("admin", "Admin2024x", "管理员").id)
    tab = rules_tab(qtbot, dataclasses.replace(ctx, actor=admin))
    assert tab.idle_minutes.value() == 15 and tab.idle_minutes.isEnabled()
    set_spin(qtbot, tab.idle_minutes, 5)
    click(qtbot, tab.save_button)
    assert settings_service.get_int("idle_lock_minutes") == 5


def test_a_rule_changed_meanwhile_is_reported_and_reloaded(qtbot, ctx, asked):
    tab = rules_tab(qtbot, ctx)
    household = next(r for r in tab.rules if r.target == "household")
    rules.update_rule(ctx.actor, household.id, 120)  # someone else, meanwhile
    set_spin(qtbot, rule_spin(tab, "household"), 90)
    click(qtbot, tab.save_button)
    kind, title, text = asked[-1]
    assert kind == "warning" and text.startswith("记录已被他人修改")
    assert rule_spin(tab, "household").value() == 120  # what the other person saved
    assert rules.interval("household") == 120


def test_checklist_items_are_added_edited_switched_off_and_ordered(qtbot, ctx):
    tab = rules_tab(qtbot, ctx)
    tab.category.setCurrentIndex(tab.category.findData("出租房屋"))
    before = len(tab.items)
    tab.new_item.setText("灭火器在有效期内")
    tab.new_hazard.setCurrentIndex(tab.new_hazard.findData("H01"))
    qtbot.keyClick(tab.new_item, Qt.Key.Key_Return)
    assert tab.items[-1].text == "灭火器在有效期内" and tab.items[-1].hazard_category == "H01"
    assert len(tab.items) == before + 1 and tab.new_item.text() == ""
    assert tab.status.text() == "已添加项目。"

    click(qtbot, tab.up_button)  # the new item, still selected, moves up one place
    texts = [i.text for i in places.checklist("出租房屋")]
    assert texts.index("灭火器在有效期内") == len(texts) - 2

    row = next(r for r, i in enumerate(tab.items) if i.text == "灭火器在有效期内")
    tab.items_table.cellWidget(row, 2).setChecked(False)
    assert "灭火器在有效期内" not in [i.text for i in places.checklist("出租房屋")]
    assert tab.status.text() == "巡查项目已保存。"
    tab.items_table.item(row, 0).setText("灭火器压力正常、在有效期内")
    assert any(i.text == "灭火器压力正常、在有效期内"
               for i in places.checklist_items(ctx.actor, "出租房屋"))


def test_a_grid_worker_sees_the_rules_read_only(qtbot, ctx, db, station):
    admin = actor_for(accounts.create_first_admin("admin", "Admin2024x", "管理员").id)
    accounts.create_user(admin, "liwg", "李网格", GRID_WORKER, VILLAGE_CODE, "Temp2024x")
    tab = rules_tab(qtbot, dataclasses.replace(ctx, actor=actor_for("liwg")))
    assert tab.rules and not rule_spin(tab, "household").isEnabled()
    assert not tab.save_button.isEnabled() and not tab.add_button.isEnabled()
    assert tab.note.text() == "只有乡镇综治中心和系统管理员可以修改这些规则。"
