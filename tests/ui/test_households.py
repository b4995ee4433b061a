"""The 住户 page, driven as a clerk does: type, click, and check what the services then hold."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from gridapp import ids
from gridapp.services import households, people
from gridapp.services.households import HouseholdInput, HouseholdQuery
from gridapp.services.people import PersonInput
from tests.ui.conftest import VILLAGE_CODE, type_text_into

HEAD_ID = ids.make_id("420281", dt.date(1968, 4, 2), 11)  # 男
WIFE_ID = ids.make_id("420281", dt.date(1970, 9, 15), 22)  # 女
SON_ID = ids.make_id("420281", dt.date(1995, 1, 20), 33)  # 男


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def fill_person(qtbot, dialog, name: str, id_number: str, relation: str | None = None,
                phone: str | None = None) -> None:
    """Type a person into an open PersonDialog and click Save."""
    type_text_into(dialog.name, name)
    qtbot.keyClicks(dialog.id_number, id_number)
    if relation is not None:
        dialog.relation.setCurrentIndex(dialog.relation.findData(relation))
    if phone:
        qtbot.keyClicks(dialog.phone, phone)
    click(qtbot, dialog.save_button)


@pytest.fixture
def page(qtbot, ctx):
    from ui.pages.households import HouseholdsPage

    widget = HouseholdsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def grid_ids(ctx):
    from gridapp.services import grids

    return [g.id for g in grids.list_grids(ctx.actor, VILLAGE_CODE)]


@pytest.fixture
def household(ctx, grid_ids):
    """张卫国's household of three, registered through the service."""
    return households.create(
        ctx.actor, HouseholdInput(grid_id=grid_ids[0], number="0101", address="土桥村三组12号", phone="13812345678"),
        PersonInput(name="张卫国", id_number=HEAD_ID, phone="13900001111"),
        [PersonInput(name="李秀英", id_number=WIFE_ID, relation="12"),
         PersonInput(name="张强", id_number=SON_ID, relation="22")])


def select_household(qtbot, page, household_id: int) -> None:
    row = page.model.find_row(lambda r: r.id == household_id)
    assert row >= 0
    click_row(qtbot, page.table, row)
    assert page.detail.household.id == household_id


def click_row(qtbot, view, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def select_member(qtbot, page, name: str) -> None:
    row = page.detail.members.find_row(lambda r: r.name == name)
    assert row >= 0
    click_row(qtbot, page.detail.members_view, row)
    assert page.detail.selected_member().name == name


def search(qtbot, page, text: str) -> None:
    page.search.clear()
    with qtbot.waitSignal(page.model.total_changed, timeout=3000):
        qtbot.keyClicks(page.search, text)


# --------------------------------------------------------------------------- creating
def test_create_household_with_three_members_through_the_dialogs(qtbot, page, ctx, monkeypatch, grid_ids):
    from ui.dialogs.household import HouseholdDialog
    from ui.dialogs.person import PersonDialog

    people_to_enter = [("张卫国", HEAD_ID, None, "13900001111"), ("李秀英", WIFE_ID, "12", None),
                       ("张强", SON_ID, "22", None)]

    def person_ask(parent, ctx_, **kwargs):
        dialog = PersonDialog(ctx_, parent, **kwargs)
        qtbot.addWidget(dialog)
        name, id_number, relation, phone = people_to_enter.pop(0)
        assert dialog.relation.isEnabled() == (relation is not None)  # the head's relation is fixed
        fill_person(qtbot, dialog, name, id_number, relation, phone)
        assert dialog.result() == dialog.DialogCode.Accepted, dialog.general.text()
        return dialog.result_value

    def household_ask(parent, ctx_, **kwargs):
        dialog = HouseholdDialog(ctx_, parent, **kwargs)
        qtbot.addWidget(dialog)
        assert dialog.number.text() == "0001"  # the next free number of the village
        dialog.number.clear()
        qtbot.keyClicks(dialog.number, "0107")
        type_text_into(dialog.address, "土桥村三组7号")
        click(qtbot, dialog.head_button)
        click(qtbot, dialog.add_member_button)
        click(qtbot, dialog.add_member_button)
        assert dialog.people_table.rowCount() == 3
        click(qtbot, dialog.save_button)
        assert dialog.result() == dialog.DialogCode.Accepted, dialog.general.text()
        return dialog.result_value

    monkeypatch.setattr(PersonDialog, "ask", classmethod(lambda cls, *a, **k: person_ask(*a, **k)))
    monkeypatch.setattr(HouseholdDialog, "ask", classmethod(lambda cls, *a, **k: household_ask(*a, **k)))
    page.new_action.trigger()

    assert households.count(ctx.actor, HouseholdQuery()) == 1
    saved = households.page(ctx.actor, HouseholdQuery())[0]
    detail = households.get(ctx.actor, saved.id)
    assert (detail.number, detail.address, detail.head_name) == ("0107", "土桥村三组7号", "张卫国")
    assert [(m.name, m.relation, m.sex, m.birth_date) for m in detail.members] == [
        ("张卫国", "02", "男", dt.date(1968, 4, 2)), ("李秀英", "12", "女", dt.date(1970, 9, 15)),
        ("张强", "22", "男", dt.date(1995, 1, 20))]
    # the page shows the new household, selected, with its members
    assert page.count_label.text() == "共 1 户"
    assert page.detail.household.id == saved.id
    assert page.detail.members.rowCount() == 3
    assert page.detail.members.data(page.detail.members.index(0, 5)) == ids.mask_id(HEAD_ID)


def test_household_dialog_needs_a_head(qtbot, ctx, grid_ids):
    from ui.dialogs.household import HouseholdDialog

    dialog = HouseholdDialog(ctx)
    qtbot.addWidget(dialog)
    click(qtbot, dialog.save_button)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.people_error.isVisibleTo(dialog)
    assert "户主" in dialog.people_error.text()
    assert households.count(ctx.actor, HouseholdQuery()) == 0


def test_household_number_in_use_is_shown_next_to_the_field(qtbot, ctx, household, monkeypatch):
    from ui.dialogs import household as module

    dialog = module.HouseholdDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.head = PersonInput(name="王五", id_number=ids.make_id("420281", dt.date(1980, 1, 1), 15))
    dialog.number.clear()
    qtbot.keyClicks(dialog.number, "0101")
    click(qtbot, dialog.save_button)
    assert "户号 0101" in dialog.errors.error("number")
    assert households.count(ctx.actor, HouseholdQuery()) == 1


# --------------------------------------------------------------------------- searching
def test_search_by_pinyin_initials_finds_the_household(qtbot, page, ctx, household, grid_ids):
    households.create(ctx.actor, HouseholdInput(grid_id=grid_ids[1], number="0102"),
                      PersonInput(name="王小明", id_number=ids.make_id("420281", dt.date(1990, 5, 5), 17)))
    page.refresh()
    assert page.model.total == 2
    search(qtbot, page, "zwg")
    assert page.model.total == 1
    assert page.model.row_at(0).head_name == "张卫国"
    assert page.count_label.text() == "共 1 户"
    search(qtbot, page, "lxy")  # a member's initials find the household too
    assert [r.number for r in page.model.rows] == ["0101"]
    search(qtbot, page, "qqq")
    assert page.model.total == 0
    assert page.empty_label.isVisible()


def test_filters_cascade_and_combine(qtbot, page, ctx, household, grid_ids):
    households.create(ctx.actor, HouseholdInput(grid_id=grid_ids[1], number="0102"),
                      PersonInput(name="王小明", id_number=ids.make_id("420281", dt.date(1990, 5, 5), 17)))
    page.refresh()
    assert not page.places.township.isVisible()  # a township clerk's township is fixed
    village = page.places.village
    village.setCurrentIndex(village.findData(VILLAGE_CODE))
    assert page.places.grid.count() == 3  # 全部网格 + two grids
    page.places.grid.setCurrentIndex(page.places.grid.findData(grid_ids[1]))
    assert [r.number for r in page.model.rows] == ["0102"]
    page.apply_filter({"village_code": VILLAGE_CODE})
    assert page.model.total == 2


def test_sorting_by_clicking_a_header_sorts_in_sql(qtbot, page, ctx, household, grid_ids):
    households.create(ctx.actor, HouseholdInput(grid_id=grid_ids[0], number="0009"),
                      PersonInput(name="阿明", id_number=ids.make_id("420281", dt.date(1990, 5, 5), 17)))
    page.refresh()
    header = page.table.horizontalHeader()
    assert [r.number for r in page.model.rows] == ["0009", "0101"]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_center(header, 0))
    assert page.model.query.descending
    assert [r.number for r in page.model.rows] == ["0101", "0009"]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_center(header, 1))
    assert page.model.query.sort == "head"
    assert [r.head_name for r in page.model.rows] == ["阿明", "张卫国"]  # by pinyin: a < z


def _section_center(header, section: int):
    from PySide6.QtCore import QPoint

    return QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2, header.height() // 2)


# --------------------------------------------------------------------------- editing
def test_edit_move_delete_and_restore(qtbot, page, ctx, household, grid_ids, monkeypatch, asked):
    from ui.dialogs.household import HouseholdDialog
    from ui.dialogs.move import MoveDialog

    page.refresh()
    select_household(qtbot, page, household.id)

    def edit(parent, ctx_, **kwargs):
        dialog = HouseholdDialog(ctx_, parent, **kwargs)
        qtbot.addWidget(dialog)
        assert dialog.phone.text() == "138****5678"  # masked; left so, it stays as it was
        dialog.address.clear()
        type_text_into(dialog.address, "土桥村五组8号")
        click(qtbot, dialog.save_button)
        return dialog.result_value

    monkeypatch.setattr(HouseholdDialog, "ask", classmethod(lambda cls, *a, **k: edit(*a, **k)))
    page.edit_action.trigger()
    assert households.get(ctx.actor, household.id).address == "土桥村五组8号"
    assert households.reveal(ctx.actor, household.id).phone == "13812345678"
    assert page.detail.facts["address"].text() == "土桥村五组8号"

    def move(parent, ctx_, detail):
        dialog = MoveDialog(ctx_, detail, parent)
        qtbot.addWidget(dialog)
        assert dialog.grid.count() == 1  # the other grid of the village
        click(qtbot, dialog.ok_button)
        return dialog.grid_id()

    monkeypatch.setattr(MoveDialog, "ask", classmethod(lambda cls, *a, **k: move(*a, **k)))
    page.move_action.trigger()
    moved = households.get(ctx.actor, household.id)
    assert moved.grid_id == grid_ids[1]
    assert {m.grid_name for m in moved.members} == {moved.grid_name}
    assert page.detail.facts["grid"].text() == moved.grid_name

    page.delete_action.trigger()
    assert asked.kinds() == ["confirm"]
    assert households.count(ctx.actor, HouseholdQuery()) == 0
    assert page.model.total == 0
    assert page.detail.household is None

    click(qtbot, page.trash_button)
    assert page.restore_action.isVisible() and not page.edit_action.isVisible()
    assert [r.number for r in page.model.rows] == ["0101"]
    assert page.count_label.text() == "回收站中共 1 户"
    select_household(qtbot, page, household.id)
    page.restore_action.trigger()
    assert households.count(ctx.actor, HouseholdQuery()) == 1
    assert len(households.get(ctx.actor, household.id).members) == 3
    assert page.model.total == 0  # the recycle bin is empty again


def test_cancelled_delete_keeps_the_household(qtbot, page, ctx, household, asked):
    page.refresh()
    select_household(qtbot, page, household.id)
    asked.confirm_answer = False
    page.delete_action.trigger()
    assert households.count(ctx.actor, HouseholdQuery()) == 1


# --------------------------------------------------------------------------- members
def test_make_a_member_head_with_confirmed_relations(qtbot, page, ctx, household, monkeypatch):
    from ui.dialogs.set_head import SetHeadDialog

    page.refresh()
    select_household(qtbot, page, household.id)
    select_member(qtbot, page, "张强")

    def confirm(parent, ctx_, detail, **kwargs):
        dialog = SetHeadDialog(ctx_, detail, parent, **kwargs)
        qtbot.addWidget(dialog)
        shown = {dialog.table.item(r, 0).text(): dialog.table.cellWidget(r, 2).currentText()
                 for r in range(dialog.table.rowCount())}
        assert shown == {"张卫国": "父亲", "李秀英": "母亲"}  # suggested from their relation to the old head
        click(qtbot, dialog.ok_button)
        return dialog.new_head_id(), dialog.relations()

    monkeypatch.setattr(SetHeadDialog, "ask", classmethod(lambda cls, *a, **k: confirm(*a, **k)))
    page.set_head_action.trigger()
    detail = households.get(ctx.actor, household.id)
    assert [(m.name, m.relation) for m in detail.members] == [("张强", "02"), ("张卫国", "51"), ("李秀英", "52")]
    assert page.detail.title.text().endswith("张强")
    assert page.detail.selected_member().name == "张强"
    assert not page.set_head_action.isEnabled()


def test_removing_the_head_asks_for_a_new_one(qtbot, page, ctx, household, monkeypatch):
    from ui.dialogs.set_head import SetHeadDialog

    page.refresh()
    select_household(qtbot, page, household.id)
    select_member(qtbot, page, "张卫国")

    def choose(parent, ctx_, detail, **kwargs):
        dialog = SetHeadDialog(ctx_, detail, parent, **kwargs)
        qtbot.addWidget(dialog)
        assert dialog.head.isEnabled()
        dialog.head.setCurrentIndex(dialog.head.findText("李秀英"))
        assert [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())] == ["张强"]
        click(qtbot, dialog.ok_button)
        return dialog.new_head_id(), dialog.relations()

    monkeypatch.setattr(SetHeadDialog, "ask", classmethod(lambda cls, *a, **k: choose(*a, **k)))
    page.delete_member_action.trigger()
    detail = households.get(ctx.actor, household.id)
    assert [(m.name, m.is_head) for m in detail.members] == [("李秀英", True), ("张强", False)]
    assert page.detail.members.rowCount() == 2


def test_add_and_edit_a_member(qtbot, page, ctx, household, monkeypatch):
    from ui.dialogs.person import PersonDialog

    page.refresh()
    select_household(qtbot, page, household.id)
    daughter = ids.make_id("420281", dt.date(2001, 3, 3), 44)

    def add(parent, ctx_, **kwargs):
        dialog = PersonDialog(ctx_, parent, **kwargs)
        qtbot.addWidget(dialog)
        fill_person(qtbot, dialog, "张丽", daughter, "32")
        return dialog.result_value

    monkeypatch.setattr(PersonDialog, "ask", classmethod(lambda cls, *a, **k: add(*a, **k)))
    page.add_member_action.trigger()
    assert [m.name for m in households.get(ctx.actor, household.id).members][-1] == "张丽"
    assert page.detail.selected_member().name == "张丽"

    def edit(parent, ctx_, **kwargs):
        dialog = PersonDialog(ctx_, parent, **kwargs)
        qtbot.addWidget(dialog)
        assert dialog.id_number.text() == ids.mask_id(daughter)  # masked; left so, it stays as it was
        assert dialog.id_info.text().startswith("出生 2001-03-03 · 女")
        dialog.occupation.clear()
        type_text_into(dialog.occupation, "教师")
        click(qtbot, dialog.save_button)
        return dialog.result_value

    monkeypatch.setattr(PersonDialog, "ask", classmethod(lambda cls, *a, **k: edit(*a, **k)))
    page.edit_member_action.trigger()
    member = page.detail.selected_member()
    assert people.get(ctx.actor, member.id).occupation == "教师"
    assert people.reveal(ctx.actor, member.id).id_number == daughter


# --------------------------------------------------------------------------- privacy
def test_show_full_writes_an_audit_row(qtbot, page, ctx, household):
    from gridapp.services import auditlog

    page.refresh()
    select_household(qtbot, page, household.id)
    select_member(qtbot, page, "张卫国")
    members = page.detail.members
    assert members.data(members.index(0, 5)) == ids.mask_id(HEAD_ID)
    assert page.reveal_action.isEnabled()
    page.reveal_action.trigger()
    assert members.data(members.index(0, 5)) == HEAD_ID
    assert members.data(members.index(0, 6)) == "13900001111"
    assert members.data(members.index(1, 5)) == ids.mask_id(WIFE_ID)  # only the chosen record
    head_uid = next(m.uid for m in households.get(ctx.actor, household.id).members if m.is_head)
    views = auditlog.query_audit(ctx.actor, auditlog.AuditFilter(actions=("view_sensitive",))).rows
    assert [(v.user, v.entity, v.uid) for v in views] == [("clerk", "person", head_uid)]


def test_show_full_is_disabled_with_a_reason_for_a_role_that_may_not(qtbot, ctx, household):
    import dataclasses

    from gridapp.services.actor import SYSADMIN
    from ui.pages.households import HouseholdsPage

    admin_ctx = dataclasses.replace(ctx, actor=dataclasses.replace(ctx.actor, role=SYSADMIN, scope_code=None))
    page = HouseholdsPage(admin_ctx)
    qtbot.addWidget(page)
    page.show()
    select_household(qtbot, page, household.id)
    select_member(qtbot, page, "张卫国")
    assert not page.reveal_action.isEnabled()
    assert "无权" in page.reveal_action.toolTip()
    assert not page.edit_member_action.isEnabled()
    assert "角色" in page.edit_member_action.toolTip()


# --------------------------------------------------------------------------- navigation
def test_open_household_from_the_bus_selects_it(qtbot, page, ctx, household, grid_ids):
    households.create(ctx.actor, HouseholdInput(grid_id=grid_ids[1], number="0102"),
                      PersonInput(name="王小明", id_number=ids.make_id("420281", dt.date(1990, 5, 5), 17)))
    page.apply_filter({"household_id": household.id})
    assert page.detail.household.id == household.id
    assert page.selected_row().id == household.id
    assert page.search.text() == "0101"


def test_ctrl_f_focuses_the_search_box(qtbot, page):
    page.table.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()


# --------------------------------------------------------------------------- scale
@pytest.fixture(scope="module")
def county_db(tmp_path_factory):
    """A demo county of 50,000 households, built once for this module."""
    from gridapp import db as gdb
    from gridapp import demo

    path = tmp_path_factory.mktemp("county") / "county.sqlite3"
    gdb.open_database(path)
    try:
        demo.build(50_000)
    finally:
        gdb.close_database()
    return path


@pytest.mark.slow
def test_a_large_county_loads_only_the_first_pages(qtbot, county_db, settings):
    from gridapp import db as gdb
    from gridapp.services.actor import system_actor
    from ui.context import AppBus, AppContext
    from ui.models.paged import PagedTableModel
    from ui.pages.households import HouseholdsPage
    from ui.pages.people import PeoplePage

    gdb.open_database(county_db)
    try:
        ctx = AppContext(actor=system_actor(), db_path=str(county_db), station_name="", settings=settings,
                         bus=AppBus())
        for page_class, at_least in ((HouseholdsPage, 50_000), (PeoplePage, 100_000)):
            page = page_class(ctx)
            qtbot.addWidget(page)
            page.resize(1366, 768)
            page.show()
            qtbot.waitExposed(page)
            qtbot.wait(50)  # let the view ask for what it shows
            assert page.model.loaded <= 2 * PagedTableModel.PAGE  # shown before the count is known
            qtbot.waitUntil(lambda p=page: not p.model.counting, timeout=20_000)
            assert page.model.total >= at_least
            assert page.count_label.text() == f"共 {page.model.total:,} {'户' if page_class is HouseholdsPage else '人'}"
            assert 0 < page.model.loaded <= 2 * PagedTableModel.PAGE
            page.table.scrollToBottom()  # scrolling pages more in, still not everything
            qtbot.wait(20)
            assert page.model.loaded <= 4 * PagedTableModel.PAGE
            page.close()
    finally:
        gdb.close_database()


# --------------------------------------------------------------------------- the counting model
def test_first_page_shows_before_the_count_and_a_stale_count_is_dropped(qtbot):
    import threading

    from ui.models.households import CountingTableModel

    data = {"big": list(range(450)), "small": list(range(7))}
    release = threading.Event()

    def count(query):
        if query == "big":
            release.wait(5)
        return len(data[query])

    model = CountingTableModel([("n", lambda r: r)], count_fn=count,
                               page_fn=lambda q, offset, limit: data[q][offset:offset + limit])
    model.set_query("big")
    assert model.counting and model.loaded == 200 and model.canFetchMore()
    model.fetchMore()
    assert model.loaded == 400 and model.canFetchMore()  # still counting: paging goes on
    with qtbot.waitSignal(model.total_changed) as counted:
        release.set()
    assert counted.args == [450] and not model.counting

    release.clear()
    model.set_query("big")
    stale = model._job
    with qtbot.waitSignal(model.total_changed) as shown:
        model.set_query("small")  # under 200 rows: that is the count, at once
    assert shown.args == [7]
    release.set()
    qtbot.waitUntil(lambda: stale.done)
    qtbot.wait(10)  # the stale job's queued result reaches the model
    assert model.total == 7 and model.loaded == 7 and not model.counting


def test_a_broad_count_says_more_than_the_limit_at_once_then_the_exact_total(qtbot, monkeypatch):
    """Counting to COUNT_UP_TO first: above it the list says "超过 …" within milliseconds, and the
    exact total follows; below it that count is the total and the exact count never runs."""
    import threading

    from ui.models import households as models

    monkeypatch.setattr(models, "COUNT_UP_TO", 300)
    data = {"big": list(range(450)), "mid": list(range(250))}
    release = threading.Event()
    asked, exact = [], []

    def count(query):
        exact.append(query)
        release.wait(5)
        return len(data[query])

    def count_up_to(query, n):
        asked.append((query, n))
        return min(len(data[query]), n + 1)

    model = models.CountingTableModel([("n", lambda r: r)], count_fn=count, count_up_to_fn=count_up_to,
                                      page_fn=lambda q, offset, limit: data[q][offset:offset + limit])
    with qtbot.waitSignal(model.at_least_changed) as more:
        model.set_query("big")
    assert more.args == [300] and model.counting and model.at_least == 300
    with qtbot.waitSignal(model.total_changed) as counted:
        release.set()
    assert counted.args == [450] and not model.counting and exact == ["big"]

    with qtbot.waitSignal(model.total_changed) as counted:
        model.set_query("mid")
    assert counted.args == [250] and asked[-1] == ("mid", 300) and exact == ["big"]


def test_the_count_label_says_more_than_while_the_exact_count_runs(qtbot, page):
    page.model.counting = True
    page.model.at_least_changed.emit(10_000)
    assert page.count_label.text() == "超过 10,000 户，正在统计…"


def test_ctrl_n_opens_the_new_household_dialog(qtbot, page, monkeypatch):
    from ui.dialogs.household import HouseholdDialog

    opened = []
    monkeypatch.setattr(HouseholdDialog, "ask", classmethod(lambda cls, *a, **k: opened.append(k)))
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == [{"grid_id": None}]


def test_clearing_the_search_after_opening_a_household_lists_all_again(qtbot, page, ctx, household, grid_ids):
    households.create(ctx.actor, HouseholdInput(grid_id=grid_ids[1], number="0102"),
                      PersonInput(name="王小明", id_number=ids.make_id("420281", dt.date(1990, 5, 5), 17)))
    page.apply_filter({"household_id": household.id})
    assert page.model.total == 1
    with qtbot.waitSignal(page.model.total_changed):
        page.search.clear()  # the clear button
    assert page.model.total == 2


def test_a_grid_worker_sees_and_filters_only_their_grid(qtbot, ctx, household, grid_ids):
    import dataclasses

    from gridapp.models import User
    from gridapp.services import grids
    from gridapp.services.actor import GRID_WORKER, actor_for
    from ui.pages.households import HouseholdsPage

    households.create(ctx.actor, HouseholdInput(grid_id=grid_ids[1], number="0102"),
                      PersonInput(name="王小明", id_number=ids.make_id("420281", dt.date(1990, 5, 5), 17)))
    worker = User.create(login="wg", display_name="网格员小李", role=GRID_WORKER, scope_code=VILLAGE_CODE)
    grids.assign_worker(ctx.actor, grid_ids[1], worker.id)
    page = HouseholdsPage(dataclasses.replace(ctx, actor=actor_for(worker)))
    qtbot.addWidget(page)
    page.show()
    assert [r.number for r in page.model.rows] == ["0102"]
    assert not page.places.township.isVisible()
    assert [page.places.village.itemData(i) for i in range(page.places.village.count())] == [None, VILLAGE_CODE]
    assert [page.places.grid.itemData(i) for i in range(page.places.grid.count())] == [None, grid_ids[1]]
    assert page.detail.household.number == "0102"  # the page opens on its first household


def test_a_county_user_chooses_the_township_then_the_village(qtbot, ctx, household):
    import dataclasses

    from ui.pages.households import HouseholdsPage

    county = dataclasses.replace(ctx, actor=dataclasses.replace(ctx.actor, scope_code="420281"))
    page = HouseholdsPage(county)
    qtbot.addWidget(page)
    page.show()
    township = page.places.township
    assert township.isVisible() and township.itemText(0) == "全部乡镇（街道）"
    assert township.findData("420281103") > 0 and township.findData("420281109") > 0
    assert not page.places.village.isEnabled()
    township.setCurrentIndex(township.findData("420281103"))
    village = page.places.village
    assert village.isEnabled() and village.findData(VILLAGE_CODE) > 0
    village.setCurrentIndex(village.findData(VILLAGE_CODE))
    assert page.places.grid.count() == 3
    assert [r.number for r in page.model.rows] == ["0101"]
    township.setCurrentIndex(township.findData("420281109"))  # 大箕铺镇: nobody registered there
    assert page.model.total == 0 and page.places.grid.count() == 1
