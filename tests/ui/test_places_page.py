"""The 场所 page and the inspection dialog: register a shop, inspect it, turn a failed item into
a 安全隐患 event in one click."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from gridapp.models import Place
from gridapp.services import events, grids, places, visits, worklist
from gridapp.services.places import PlaceInput, PlaceQuery
from tests.ui.conftest import VILLAGE_CODE, type_text_into


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def grid_ids(ctx):
    return [g.id for g in grids.list_grids(ctx.actor, VILLAGE_CODE)]


@pytest.fixture
def shop(ctx, grid_ids):
    """好又多超市, a shop registered 200 days ago and never inspected (so overdue)."""
    row = places.create(ctx.actor, PlaceInput(grid_id=grid_ids[0], category="沿街店铺", name="好又多超市",
                                              address="土桥村街上8号", contact_name="陈老板",
                                              contact_phone="13972345678"))
    Place.update(created_at=dt.datetime.now() - dt.timedelta(days=200)).where(Place.id == row.id).execute()
    return row


@pytest.fixture
def page(qtbot, ctx, shop):
    from ui.pages.places import PlacesPage

    widget = PlacesPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_page_shows_the_place_with_its_due_inspection(page, shop):
    assert page.model.total == 1 and page.count_label.text() == "共 1 处"
    assert page.detail.place.id == shop.id
    assert page.detail.facts["contact"].text() == "陈老板 139****5678"  # masked
    assert "逾期" in page.detail.facts["due"].text()
    assert page.detail.inspections_empty.isVisibleTo(page) and page.detail.hazards_empty.isVisibleTo(page)
    assert page.model.data(page.model.index(0, 2)) == "从未"


def test_inspect_a_shop_and_turn_a_failed_extinguisher_into_a_hazard_event(qtbot, page, ctx, shop, monkeypatch):
    from ui.dialogs.inspection import InspectionDialog

    seen = {}

    def inspect(parent, ctx_, **kwargs):
        dialog = InspectionDialog(ctx_, parent, **kwargs)
        assert [r.text for r in dialog.rows][:2] == ["消防通道畅通", "灭火器有效"]
        row = dialog.row_for("灭火器有效")
        assert not row.event_button.isEnabled()  # only a failed item becomes an event
        click(qtbot, row.buttons["不合格"])
        assert row.event_button.isEnabled()
        click(qtbot, dialog.all_passed_button)  # the rest passed
        assert row.result() == "不合格"
        type_text_into(dialog.findings, "灭火器压力不足")
        click(qtbot, row.event_button)  # saves the inspection, then reports the hazard
        assert row.event_number and row.event_number in row.event_button.text()
        assert not row.event_button.isEnabled()
        seen["event_number"] = row.event_number
        click(qtbot, dialog.save_button)
        assert dialog.result() == dialog.DialogCode.Accepted, dialog.general.text()
        return dialog.result_value

    monkeypatch.setattr(InspectionDialog, "ask", classmethod(lambda cls, *a, **k: inspect(*a, **k)))
    click(qtbot, page.toolbar.widgetForAction(page.inspect_action))

    history = visits.history_for_place(ctx.actor, shop.id)
    assert len(history) == 1
    inspection = history[0]
    assert inspection.kind == "巡查" and [c.text for c in inspection.failed_items] == ["灭火器有效"]
    hazard = events.get(ctx.actor, inspection.event_ids[0])
    assert hazard.number == seen["event_number"]
    assert (hazard.kind, hazard.category, hazard.place_id, hazard.visit_id) == ("安全隐患", "H01", shop.id,
                                                                               inspection.id)
    assert "灭火器有效" in hazard.title
    # the place's pane shows the inspection and the open hazard; it is no longer overdue
    assert page.detail.inspections.rowCount() == 1
    assert "灭火器有效" in page.detail.inspections.data(page.detail.inspections.index(0, 2))
    assert [r.id for r in page.detail.hazards.rows] == [hazard.id]
    assert not worklist.is_listed(ctx.actor, "overdue", "place", shop.id)
    assert page.model.row_at(0).open_hazards == 1


def test_an_inspection_needs_every_item_answered(qtbot, ctx, shop):
    from ui.dialogs.inspection import InspectionDialog

    dialog = InspectionDialog(ctx, place_id=shop.id)
    qtbot.addWidget(dialog)
    click(qtbot, dialog.row_for("消防通道畅通").buttons["合格"])
    click(qtbot, dialog.save_button)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "灭火器有效" in dialog.general.text()
    assert visits.history_for_place(ctx.actor, shop.id) == []


def test_a_recorded_inspection_reopens_with_its_answers_and_event(qtbot, ctx, shop):
    from ui.dialogs.inspection import InspectionDialog

    answers = {"消防通道畅通": "合格", "灭火器有效": "合格", "电线私拉乱接": "不合格", "燃气使用": "不适用",
               "住人情况（三合一）": "合格", "安全出口": "合格"}
    done = visits.record(ctx.actor, "place", shop.id, visits.VisitInput(checklist=answers))
    event = events.create_from_inspection(ctx.actor, done.visit.id, "电线私拉乱接")
    dialog = InspectionDialog(ctx, visit_id=done.visit.id)
    qtbot.addWidget(dialog)
    assert {r.text: r.result() for r in dialog.rows} == answers
    assert dialog.row_for("电线私拉乱接").event_number == event.number
    assert not dialog.is_read_only()


def test_register_a_place_and_inspect_it_straight_away(qtbot, page, ctx, grid_ids, monkeypatch):
    from ui.dialogs.inspection import InspectionDialog
    from ui.dialogs.place import PlaceDialog

    def register(parent, ctx_, **kwargs):
        dialog = PlaceDialog(ctx_, parent, **kwargs)
        qtbot.addWidget(dialog)
        click(qtbot, dialog.save_button)
        assert "名称" in dialog.error("name") and "网格" in dialog.error("grid_id")
        dialog.grid.setCurrentIndex(dialog.grid.findData(grid_ids[1]))
        dialog.category.setCurrentIndex(dialog.category.findData("出租房屋"))
        type_text_into(dialog.name, "陈家出租屋")
        type_text_into(dialog.address, "土桥村四组18号")
        qtbot.keyClicks(dialog.contact_phone, "1397234")
        click(qtbot, dialog.save_button)
        assert "联系电话" in dialog.error("contact_phone")
        qtbot.keyClicks(dialog.contact_phone, "5678")
        dialog.inspect_after.setChecked(True)
        click(qtbot, dialog.save_button)
        assert dialog.result() == dialog.DialogCode.Accepted, dialog.general.text()
        return dialog.result_value, dialog.inspect_after.isChecked()

    inspected = []
    monkeypatch.setattr(PlaceDialog, "ask", classmethod(lambda cls, *a, **k: register(*a, **k)))
    monkeypatch.setattr(InspectionDialog, "ask", classmethod(lambda cls, parent, ctx_, **k: inspected.append(k)))
    page.new_action.trigger()
    saved = places.page(ctx.actor, PlaceQuery(text="陈家"))[0]
    assert (saved.category, saved.grid_id, saved.address) == ("出租房屋", grid_ids[1], "土桥村四组18号")
    assert page.detail.place.id == saved.id
    assert inspected == [{"place_id": saved.id}]


def test_search_category_filter_and_delete(qtbot, page, ctx, shop, grid_ids, asked):
    places.create(ctx.actor, PlaceInput(grid_id=grid_ids[1], category="在建工地", name="村委会新楼工地"))
    page.refresh()
    assert page.model.total == 2
    page.category.setCurrentIndex(page.category.findData("在建工地"))
    assert [r.name for r in page.model.rows] == ["村委会新楼工地"]
    page.category.setCurrentIndex(0)
    with qtbot.waitSignal(page.model.total_changed, timeout=3000):
        type_text_into(page.search, "好又多")
        page.search.returnPressed.emit()
    assert [r.name for r in page.model.rows] == ["好又多超市"]
    assert page.detail.place.id == shop.id
    page.delete_action.trigger()
    assert asked.kinds() == ["confirm"]
    assert places.count(ctx.actor, PlaceQuery()) == 1
    assert page.model.total == 0 and page.empty_label.isVisible()
