"""The 人员 page: one searchable list of everyone in scope; opening a person shows their household."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from gridapp import ids
from gridapp.services import households
from gridapp.services.households import HouseholdInput
from gridapp.services.people import PersonInput, TagInput
from tests.ui.conftest import VILLAGE_CODE, type_text_into
from tests.ui.test_households import click_row

HEAD_ID = ids.make_id("420281", dt.date(1950, 7, 1), 21)
SON_ID = ids.make_id("420281", dt.date(1979, 3, 8), 35)


@pytest.fixture
def household(ctx):
    from gridapp.services import grids

    grid = grids.list_grids(ctx.actor, VILLAGE_CODE)[0]
    return households.create(
        ctx.actor, HouseholdInput(grid_id=grid.id, number="0301", address="土桥村二组5号"),
        PersonInput(name="黄桂兰", id_number=HEAD_ID, phone="13712340001",
                    tags=(TagInput(category="djlr", attention="01", since=dt.date(2023, 1, 1)),)),
        [PersonInput(name="黄志强", id_number=SON_ID, relation="20",
                     tags=(TagInput(category="jsza", attention="02", since=dt.date(2022, 5, 1)),))])


@pytest.fixture
def page(qtbot, ctx, household):
    from ui.pages.people import PeoplePage

    widget = PeoplePage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def names(page) -> list[str]:
    return [r.name for r in page.model.rows]


def test_lists_everyone_masked_and_counts(page):
    assert page.count_label.text() == "共 2 人"
    assert names(page) == ["黄桂兰", "黄志强"]  # by pinyin
    model = page.model
    assert model.data(model.index(0, 3)) == ids.mask_id(HEAD_ID)
    assert model.data(model.index(0, 4)) == "137****0001"


def test_search_by_id_tail_and_pinyin(qtbot, page):
    with qtbot.waitSignal(page.model.total_changed, timeout=3000):
        qtbot.keyClicks(page.search, SON_ID[-4:])
    assert names(page) == ["黄志强"]
    page.search.clear()
    with qtbot.waitSignal(page.model.total_changed, timeout=3000):
        qtbot.keyClicks(page.search, "hgl")
    assert names(page) == ["黄桂兰"]


def test_filters_by_special_group_and_attention(qtbot, page):
    page.category.setCurrentIndex(page.category.findData("jsza"))
    assert names(page) == ["黄志强"]
    page.category.setCurrentIndex(0)
    page.attention.setCurrentIndex(page.attention.findData("01"))
    assert names(page) == ["黄桂兰"]
    assert page.attention.currentText() == "关注程度：高"
    page.apply_filter({"category": "djlr", "attention": "02"})
    assert page.model.total == 0
    assert page.empty_label.isVisible()


def test_opening_a_person_shows_their_household(qtbot, main_window, household):
    main_window.navigate("people")
    people_page = main_window.current_page()
    row = people_page.model.find_row(lambda r: r.name == "黄志强")
    click_row(qtbot, people_page.table, row)
    rect = people_page.table.visualRect(people_page.model.index(row, 0))
    qtbot.mouseDClick(people_page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert main_window.current_key() == "households"
    households_page = main_window.current_page()
    assert households_page.detail.household.id == household.id
    assert households_page.selected_row().number == "0301"


def test_enter_opens_the_household_too(qtbot, page, ctx, household):
    click_row(qtbot, page.table, 0)
    with qtbot.waitSignal(ctx.bus.open_household) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [household.id]


def test_open_person_from_the_bus_selects_them(page, household):
    son = next(m for m in household.members if m.name == "黄志强")
    page.apply_filter({"person_id": son.id})
    assert page.selected_row().id == son.id


def test_show_full_on_one_person_is_logged(qtbot, page, ctx, household):
    from gridapp.services import auditlog

    click_row(qtbot, page.table, 0)
    page.reveal_action.trigger()
    model = page.model
    assert model.data(model.index(0, 3)) == HEAD_ID
    assert model.data(model.index(1, 3)) == ids.mask_id(SON_ID)
    rows = auditlog.query_audit(ctx.actor, auditlog.AuditFilter(actions=("view_sensitive",))).rows
    assert [(r.entity, r.uid) for r in rows] == [("person", household.members[0].uid)]


def test_sensitive_groups_are_not_offered_to_roles_that_may_not_see_them(qtbot, ctx, household):
    import dataclasses

    from gridapp.services.actor import SYSADMIN
    from ui.pages.people import PeoplePage

    admin = dataclasses.replace(ctx, actor=dataclasses.replace(ctx.actor, role=SYSADMIN))
    page = PeoplePage(admin)
    qtbot.addWidget(page)
    assert page.category.findData("jsza") < 0
    assert page.category.findData("djlr") >= 0
    assert all("严重精神障碍" not in " ".join(r.tags) for r in page.model.rows)
    page.table.selectRow(0)
    assert not page.reveal_action.isEnabled()
    assert "无权" in page.reveal_action.toolTip()


def test_a_removed_member_is_restored_from_the_recycle_bin(qtbot, page, ctx, household, asked):
    from gridapp.services import people
    from gridapp.services.people import PersonQuery

    son = next(m for m in household.members if m.name == "黄志强")
    people.delete(ctx.actor, son.id)
    ctx.bus.data_changed.emit("person")
    assert names(page) == ["黄桂兰"]
    assert not page.restore_action.isVisible()
    page.trash_button.click()
    assert names(page) == ["黄志强"] and page.count_label.text() == "回收站中共 1 人"
    assert page.restore_action.isVisible() and not page.edit_action.isVisible()
    click_row(qtbot, page.table, 0)
    page.restore_action.trigger()
    assert asked.kinds() == ["info"] and "0301" in asked[0][2]
    assert [p.name for p in people.page(ctx.actor, PersonQuery())] == ["黄桂兰", "黄志强"]
    assert page.model.total == 0  # the recycle bin is empty again


def test_the_dead_and_moved_away_are_listed_only_when_asked(qtbot, ctx, household, main_window):
    from gridapp.models import Person
    from gridapp.services import people

    son = next(m for m in household.members if m.name == "黄志强")
    Person.update(residence="死亡").where(Person.id == son.id).execute()
    main_window.navigate("people")
    page = main_window.current_page()
    page.refresh()
    assert names(page) == ["黄桂兰"] and page.count_label.text() == "共 1 人"
    page.residence.setCurrentIndex(page.residence.findData("死亡"))
    assert names(page) == ["黄志强"]
    page.residence.setCurrentIndex(page.residence.findData(people.ANY_RESIDENCE))
    assert names(page) == ["黄桂兰", "黄志强"]
    model = page.model
    status = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "人员状态")
    assert [model.data(model.index(r, status)) for r in range(2)] == ["户籍在册", "死亡"]
    page.residence.setCurrentIndex(0)
    assert page.residence.currentText() == "在册人员（不含死亡、迁出）"
    with qtbot.waitSignal(page.model.total_changed, timeout=3000):
        type_text_into(page.search, "黄志强")
    assert page.model.total == 0 and "死亡" in page.empty_label.text()
    page.apply_filter({"person_id": son.id})  # opened from elsewhere: found under their status
    assert page.selected_row().id == son.id and page.residence.currentData() == "死亡"
    # the household still shows every member, with their status
    main_window.page("households").apply_filter({"household_id": household.id})
    members = main_window.page("households").detail.members
    status = next(c for c in range(members.columnCount()) if members.headerData(c, Qt.Orientation.Horizontal) == "人员状态")
    assert {members.data(members.index(r, 0)): members.data(members.index(r, status))
            for r in range(members.rowCount())} == {"黄桂兰": "户籍在册", "黄志强": "死亡"}


def test_the_counting_label_is_never_cut_off_on_a_laptop_screen(qtbot, ctx, household):
    """Regression: in a 1366-pixel window (the page is about 1210 wide beside the navigation) a
    county-level user, who also has the township filter, saw "超过 10,000 人，正在统计…" lose its
    first characters and the filters squeezed; the search box now leaves them room."""
    import dataclasses

    from gridapp.services.actor import system_actor
    from ui.pages.people import PeoplePage

    page = PeoplePage(dataclasses.replace(ctx, actor=system_actor()))
    qtbot.addWidget(page)
    page.resize(1210, 700)
    page.show()
    qtbot.waitExposed(page)
    page.model.counting = True
    page.model.at_least_changed.emit(10_000)
    label = page.count_label
    assert label.text() == "超过 10,000 人，正在统计…"
    qtbot.wait(20)  # the row is laid out again for the longer text
    assert label.width() >= label.fontMetrics().horizontalAdvance(label.text())
    for combo in (page.category, page.attention, page.residence):
        assert combo.width() >= combo.minimumSizeHint().width()
    assert page.places.width() >= page.places.sizeHint().width() - 10  # 全部乡镇（街道） and the rest legible
    assert page.search.width() >= 200  # still room to type an ID number
