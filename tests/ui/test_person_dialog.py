"""The person dialog: live ID check, errors next to their field, duplicates, confirmations, tags, keys."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gridapp import ids
from gridapp.services import households, people
from gridapp.services.households import HouseholdInput
from gridapp.services.people import PersonInput, PersonQuery
from tests.ui.conftest import VILLAGE_CODE, type_text_into
from tests.ui.test_households import click

GOOD_ID = "420281198503120017"  # 男, 1985-03-12 (DOMAIN.md §2)
BAD_CHECK = "420281198503120018"


@pytest.fixture
def household(ctx):
    from gridapp.services import grids

    grid = grids.list_grids(ctx.actor, VILLAGE_CODE)[0]
    return households.create(ctx.actor, HouseholdInput(grid_id=grid.id, number="0201", address="土桥村一组3号"),
                             PersonInput(name="刘德明", id_number=ids.make_id("420281", dt.date(1960, 2, 2), 19)))


@pytest.fixture
def dialog(qtbot, ctx, household):
    from ui.dialogs.person import PersonDialog

    widget = PersonDialog(ctx, household_id=household.id)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def live_people(ctx) -> int:
    return people.count(ctx.actor, PersonQuery())


def test_a_wrong_check_digit_is_shown_next_to_the_field_and_blocks_saving(qtbot, ctx, dialog):
    type_text_into(dialog.name, "刘小红")
    dialog.relation.setCurrentIndex(dialog.relation.findData("30"))
    qtbot.keyClicks(dialog.id_number, BAD_CHECK)
    message = dialog.findChild(type(dialog.id_info), "error_id_number")
    assert message.isVisible()
    assert message.text() == "公民身份号码校验位错误：应为 7，实际为 8"
    # the message sits in the row right under the ID field
    form = dialog.left
    id_row = next(r for r in range(form.rowCount()) if form.itemAt(r, form.ItemRole.FieldRole).layout()
                  and form.itemAt(r, form.ItemRole.FieldRole).layout().indexOf(dialog.id_number) >= 0)
    assert form.getWidgetPosition(message)[0] == id_row + 1
    assert not dialog.save_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S refuses too
    assert dialog.isVisible()
    assert live_people(ctx) == 1

    qtbot.keyClick(dialog.id_number, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog.id_number, "7")
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    assert not message.isVisible()
    assert dialog.id_info.text().startswith("出生 1985-03-12 · 男")
    assert dialog.birth_date.date().toString("yyyy-MM-dd") == "1985-03-12"
    assert dialog.sex.currentText() == "男" and not dialog.sex.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert dialog.result_value.name == "刘小红"
    assert live_people(ctx) == 2


def test_a_short_id_only_counts_until_it_is_left(qtbot, dialog):
    qtbot.keyClicks(dialog.id_number, "4202811985")
    assert dialog.id_info.text() == "已输入 10 位，共 18 位"
    assert dialog.error("id_number") == ""
    dialog.id_number.editingFinished.emit()  # leaving the field
    dialog.validate()
    assert dialog.error("id_number") == "公民身份号码应为18位，实际为10位"


def test_every_error_shows_at_once_on_save(qtbot, ctx, dialog):
    qtbot.keyClicks(dialog.phone, "12345")
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert dialog.error("name") == "姓名不能为空"
    assert dialog.error("relation") == "请选择与户主关系"
    assert dialog.error("phone").startswith("联系电话格式不正确")
    assert dialog.name.hasFocus()  # the first field in error
    assert not dialog.save_button.isEnabled()
    assert live_people(ctx) == 1


def test_a_duplicate_id_offers_the_existing_record(qtbot, ctx, dialog, household):
    existing = households.create(
        ctx.actor, HouseholdInput(grid_id=household.grid_id, number="0202"),
        PersonInput(name="陈建国", id_number=GOOD_ID))
    type_text_into(dialog.name, "陈建国")
    dialog.relation.setCurrentIndex(dialog.relation.findData("97"))
    qtbot.keyClicks(dialog.id_number, GOOD_ID)
    dialog.validate()
    assert dialog.error("id_number").startswith("公民身份号码已登记：陈建国")
    assert dialog.open_existing_button.isVisible()
    assert not dialog.save_button.isEnabled()
    with qtbot.waitSignal(ctx.bus.open_household) as opened:
        click(qtbot, dialog.open_existing_button)
    assert opened.args == [existing.id]
    assert not dialog.isVisible()


def test_duplicate_found_only_when_saving_still_offers_the_record(qtbot, ctx, dialog, household, monkeypatch):
    """Someone else registers the number between the live check and Save."""
    from ui.dialogs import person as module

    offered = []
    monkeypatch.setattr(module, "offer_existing", lambda parent, title, text, button: offered.append(text) or True)
    type_text_into(dialog.name, "陈建国")
    dialog.relation.setCurrentIndex(dialog.relation.findData("97"))
    qtbot.keyClicks(dialog.id_number, GOOD_ID)
    dialog.validate()
    assert dialog.save_button.isEnabled()
    existing = households.create(ctx.actor, HouseholdInput(grid_id=household.grid_id, number="0202"),
                                 PersonInput(name="陈建国", id_number=GOOD_ID))
    monkeypatch.setattr(dialog, "validate", lambda: [])  # the live check ran before the other write
    with qtbot.waitSignal(ctx.bus.open_household) as opened:
        click(qtbot, dialog.save_button)
    assert offered and offered[0].startswith("公民身份号码已登记：陈建国")
    assert opened.args == [existing.id]
    assert live_people(ctx) == 2


@pytest.mark.parametrize("answer", [True, False])
def test_same_name_and_birthday_asks_for_confirmation(qtbot, ctx, dialog, asked, answer):
    existing = people.create(ctx.actor, PersonInput(name="王芳", birth_date=dt.date(1990, 6, 1), relation="30"),
                             dialog.household_id)
    asked.confirm_answer = answer
    type_text_into(dialog.name, "王芳")
    dialog.relation.setCurrentIndex(dialog.relation.findData("38"))
    dialog.birth_date.setDate(dialog.birth_date.date().fromString("1990-06-01", "yyyy-MM-dd"))
    click(qtbot, dialog.save_button)
    assert asked.kinds() == ["confirm"]
    assert "同名且出生日期相同" in asked[0][2]
    assert existing.name in asked[0][2]
    assert live_people(ctx) == (3 if answer else 2)
    assert dialog.isVisible() is not answer


def test_tags_are_saved_with_attention_and_dates(qtbot, ctx, dialog):
    type_text_into(dialog.name, "刘小红")
    dialog.relation.setCurrentIndex(dialog.relation.findData("30"))
    click(qtbot, dialog.tags.add_button)
    row = dialog.tags.table.rowCount() - 1
    kind, level = dialog.tags.table.cellWidget(row, 0), dialog.tags.table.cellWidget(row, 1)
    kind.setCurrentIndex(kind.findData("djlr"))
    level.setCurrentIndex(level.findData("01"))
    click(qtbot, dialog.save_button)
    saved = people.get(ctx.actor, dialog.result_value.id)
    assert [(t.category, t.attention, t.since, t.until) for t in saved.tags] == [
        ("djlr", "01", dt.date.today(), None)]


def test_sensitive_categories_are_hidden_from_roles_that_may_not_see_them(qtbot, ctx):
    from gridapp.services.actor import SYSADMIN
    from ui.dialogs.person import PersonDialog

    def categories(actor) -> set[str]:
        widget = PersonDialog(dataclasses.replace(ctx, actor=actor), collect=True)
        qtbot.addWidget(widget)
        widget.tags.add_row()
        combo = widget.tags.table.cellWidget(0, 0)
        return {combo.itemData(i) for i in range(combo.count())}

    assert "jsza" in categories(ctx.actor)
    admin = categories(dataclasses.replace(ctx.actor, role=SYSADMIN))
    assert "jsza" not in admin and "sqjz" not in admin and "djlr" in admin


def test_editing_shows_masked_values_and_keeps_them_unless_retyped(qtbot, ctx, household):
    from ui.dialogs.person import PersonDialog

    head = household.members[0]
    full_id = ids.make_id("420281", dt.date(1960, 2, 2), 19)
    people.update(ctx.actor, head.id, dataclasses.replace(people.as_input(people.get(ctx.actor, head.id)),
                                                         phone="13912345678"), head.version)
    widget = PersonDialog(ctx, person_id=head.id)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.windowTitle() == "编辑人员：刘德明"
    assert widget.id_number.text() == ids.mask_id(full_id)
    assert widget.id_info.text().startswith("出生 1960-02-02 · 男")
    assert widget.relation.currentData() == "02" and not widget.relation.isEnabled()  # the head stays head
    widget.validate()
    assert widget.save_button.isEnabled()
    widget.phone.setFocus()
    qtbot.waitUntil(lambda: widget.phone.selectedText() == widget.phone.text())  # typing replaces the mask
    qtbot.keyClicks(widget.phone, "0714-8123456")
    click(qtbot, widget.save_button)
    assert not widget.isVisible()
    saved = people.reveal(ctx.actor, head.id)
    assert (saved.id_number, saved.phone) == (full_id, "0714-8123456")


def test_tab_order_follows_the_form_and_escape_closes(qtbot, dialog):
    dialog.name.setFocus()
    seen = [QApplication.focusWidget()]
    for _ in range(12):
        if len(seen) == 7:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is not seen[-1]:  # Tab walks through a date's year, month, day first
            seen.append(QApplication.focusWidget())
    assert seen == [dialog.name, dialog.id_number, dialog.sex, dialog.birth_date, dialog.relation,
                    dialog.phone, dialog.ethnic]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
