"""The 事件 page: list filters and highlights, the detail with its timeline, and the workflow
taken step by step through the action buttons and their dialogs, as a township clerk does."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from gridapp.models import Event, Grid, User
from gridapp.services import events, grids
from gridapp.services.actor import actor_for
from gridapp.services.events import EventDraft, PartyInput
from tests.ui.conftest import VILLAGE_CODE, type_text_into


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def grid_ids(ctx):
    return [g.id for g in grids.list_grids(ctx.actor, VILLAGE_CODE)]


@pytest.fixture
def worker(ctx, grid_ids):
    """The grid worker of 第一网格 (reports at village level)."""
    user = User.create(login="wg1", display_name="刘网格", role="grid_worker", scope_code=VILLAGE_CODE)
    Grid.update(worker=user.id).where(Grid.id == grid_ids[0]).execute()
    return actor_for(user)


def dispute(actor, grid_id: int, title: str = "王某与李某排水沟纠纷", **fields):
    draft = EventDraft(kind="矛盾纠纷", category="02", title=title, grid_id=grid_id,
                       parties=(PartyInput(name="王某", phone="13812345678"), PartyInput(name="李某")), **fields)
    return events.report(actor, draft)


@pytest.fixture
def page(qtbot, ctx):
    from ui.pages.events import EventsPage

    def make():
        widget = EventsPage(ctx)
        qtbot.addWidget(widget)
        widget.resize(1300, 760)
        widget.show()
        qtbot.waitExposed(widget)
        return widget
    return make


def drive_action(qtbot, fill=None, expect_error: str | None = None):
    """An EventActionDialog.ask replacement: fill the dialog like a person, click the action button."""
    from ui.dialogs.event_action import EventActionDialog

    def run(parent, ctx_, event, option):
        dialog = EventActionDialog(ctx_, event, option, parent)
        if fill is not None:
            fill(dialog)
        click(qtbot, dialog.ok_button)
        if expect_error is None:
            assert dialog.result() == dialog.DialogCode.Accepted, (dialog.general.text(), option.action)
        return dialog.result_value
    return run


def set_combo(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value))


# --------------------------------------------------------------------------- the workflow
def test_take_an_event_through_accept_handle_close_by_mediation_and_follow_up(qtbot, page, ctx, grid_ids,
                                                                               monkeypatch):
    from ui.dialogs.event_action import EventActionDialog

    event = dispute(ctx.actor, grid_ids[0])
    events_page = page()
    assert events_page.detail.detail.id == event.id  # the first event is shown at once
    buttons = events_page.detail.action_buttons

    def press(action: str, fill=None) -> None:
        monkeypatch.setattr(EventActionDialog, "ask", classmethod(lambda cls, *a: drive_action(qtbot, fill)(*a)))
        button = events_page.detail.action_buttons[action]
        assert button.isVisible() and button.isEnabled(), button.toolTip()
        click(qtbot, button)

    assert buttons["受理"].text() == "受理"
    press("受理")
    assert events.get(ctx.actor, event.id).state == "已受理"
    assert events_page.detail.badges.text().count("已受理") == 1
    press("处置", lambda d: type_text_into(d.note, "约双方到村委会调解"))
    assert events.get(ctx.actor, event.id).state == "处置中"

    # 办结 by 人民调解 needs the mediator and the agreement: the dialog shows them only then
    def close_without_agreement(dialog):
        set_combo(dialog.outcome, "化解成功")
        assert not dialog.mediator.isVisibleTo(dialog)
        set_combo(dialog.method, "人民调解")
        assert dialog.mediator.isVisibleTo(dialog) and dialog.agreement.isVisibleTo(dialog)
        type_text_into(dialog.mediator, "刘国强")
        click(qtbot, dialog.ok_button)
        assert "调解协议" in dialog.error("agreement")
        type_text_into(dialog.agreement, "李某清除建材，疏通排水沟")

    press("办结", close_without_agreement)
    closed = events.get(ctx.actor, event.id)
    assert (closed.state, closed.outcome, closed.method, closed.mediator, closed.agreement) == (
        "已办结", "化解成功", "人民调解", "刘国强", "李某清除建材，疏通排水沟")
    assert closed.on_time is True
    assert "刘国强" in events_page.detail.facts["resolution"].text()
    assert "李某清除建材" in events_page.detail.description.text()

    press("回访", lambda d: (set_combo(d.satisfaction, "满意"), type_text_into(d.note, "电话回访，双方满意")))
    done = events.get(ctx.actor, event.id)
    assert (done.state, done.satisfaction) == ("已回访", "满意")
    # the timeline is exactly the actions, oldest first
    assert [a.action for a in done.timeline] == ["登记", "受理", "处置", "办结", "回访"]
    texts = events_page.detail.timeline.texts()
    assert len(texts) == 5 and texts[0].startswith("登记") and "电话回访，双方满意" in texts[4]
    assert set(events_page.detail.action_buttons) == {"重新处置", "归档"}
    assert not events_page.detail.action_buttons["重新处置"].isEnabled()  # only after 不满意


def test_a_refused_action_is_disabled_with_its_reason(page, ctx, grid_ids):
    dispute(ctx.actor, grid_ids[0])
    events_page = page()
    buttons = events_page.detail.action_buttons
    assert "处置" not in buttons  # not possible in this state: hidden
    assert not buttons["退回"].isEnabled()
    assert buttons["退回"].toolTip() == "不能退回自己登记的事件，如需更正请直接修改"
    assert not buttons["督办"].isEnabled()
    assert "上级综治中心" in buttons["督办"].toolTip()
    assert buttons["上报县"].isEnabled()


def test_a_refusal_by_the_service_shows_its_message(qtbot, page, ctx, grid_ids, monkeypatch, asked):
    from ui.dialogs.event_action import EventActionDialog

    event = dispute(ctx.actor, grid_ids[0])
    events_page = page()
    events.transition(ctx.actor, event.id, "受理")  # done elsewhere meanwhile: the page still offers 受理
    monkeypatch.setattr(EventActionDialog, "ask",
                        classmethod(lambda cls, *a: drive_action(qtbot, expect_error="受理")(*a)))
    click(qtbot, events_page.detail.action_buttons["受理"])
    assert asked.kinds() == ["error"]
    assert "不能受理" in asked[0][2]
    # the page now shows the event as it is
    assert "受理" not in events_page.detail.action_buttons
    assert events_page.detail.action_buttons["处置"].isEnabled()


def test_a_supervised_village_event_is_highlighted_and_the_supervision_note_shown(qtbot, page, ctx, grid_ids,
                                                                                  worker, monkeypatch):
    from ui.dialogs.event_action import EventActionDialog
    from ui.pages.events import OVERDUE_BACKGROUND, SUPERVISED_BACKGROUND

    urged = dispute(worker, grid_ids[0], "村道积水反映")
    late = dispute(worker, grid_ids[0], "宅基地纠纷")
    Event.update(deadline=dt.date.today() - dt.timedelta(days=3)).where(Event.id == late.id).execute()
    events_page = page()
    row = events_page.model.find_row(lambda r: r.id == urged.id)
    events_page._select_row(row)
    monkeypatch.setattr(EventActionDialog, "ask", classmethod(
        lambda cls, *a: drive_action(qtbot, lambda d: type_text_into(d.note, "请三日内办结"))(*a)))
    click(qtbot, events_page.detail.action_buttons["督办"])
    assert events.get(ctx.actor, urged.id).supervised
    assert events_page.detail.alert.isVisibleTo(events_page) and "请三日内办结" in events_page.detail.alert.text()

    model = events_page.model
    background = lambda event_id: model.data(  # noqa: E731
        model.index(model.find_row(lambda r: r.id == event_id), 1), Qt.ItemDataRole.BackgroundRole)
    assert background(urged.id).color() == SUPERVISED_BACKGROUND
    assert background(late.id).color() == OVERDUE_BACKGROUND
    click(qtbot, events_page.flags["overdue"])
    assert [r.id for r in model.rows] == [late.id]
    click(qtbot, events_page.flags["overdue"])
    click(qtbot, events_page.flags["supervised"])
    assert [r.id for r in model.rows] == [urged.id]


def test_filters_by_state_kind_and_search(qtbot, page, ctx, grid_ids):
    first = dispute(ctx.actor, grid_ids[0], "排水沟纠纷")
    events.report(ctx.actor, EventDraft(kind="安全隐患", category="H01", title="沿街店铺灭火器过期",
                                        grid_id=grid_ids[1]))
    events.transition(ctx.actor, first.id, "受理")
    events_page = page()
    assert events_page.model.total == 2 and events_page.count_label.text() == "共 2 件"
    events_page.kind.setCurrentIndex(events_page.kind.findData("安全隐患"))
    assert [r.title for r in events_page.model.rows] == ["沿街店铺灭火器过期"]
    assert events_page.category.isEnabled()
    events_page.kind.setCurrentIndex(0)
    assert not events_page.category.isEnabled()
    events_page.state.setCurrentIndex(events_page.state.findData("已受理"))
    assert [r.id for r in events_page.model.rows] == [first.id]
    events_page.state.setCurrentIndex(0)
    with qtbot.waitSignal(events_page.model.total_changed, timeout=3000):
        qtbot.keyClicks(events_page.search, first.number[-5:])
    assert [r.id for r in events_page.model.rows] == [first.id]


def test_report_a_new_event_from_the_page(qtbot, page, ctx, grid_ids, monkeypatch):
    from ui.dialogs.event import EventDialog

    def fill(parent, ctx_, **kwargs):
        dialog = EventDialog(ctx_, parent, **kwargs)
        qtbot.addWidget(dialog)
        set_combo(dialog.kind, "民生诉求")
        days = events.time_limits()["民生诉求"]
        assert dialog.deadline.text().startswith((dt.date.today() + dt.timedelta(days=days)).isoformat())
        assert f"{days} 天" in dialog.deadline.text()
        assert not dialog.category.isEnabled()
        click(qtbot, dialog.save_button)
        assert "标题" in dialog.error("title")
        assert "网格" in dialog.error("grid_id")
        type_text_into(dialog.title, "村民反映路灯不亮")
        set_combo(dialog.unit, f"grid:{grid_ids[1]}")
        click(qtbot, dialog.parties.add_button)
        dialog.parties.table.item(0, 0).setText("赵大爷")
        set_combo(dialog.priority, "橙")
        click(qtbot, dialog.save_button)
        assert dialog.result() == dialog.DialogCode.Accepted, [dialog.error(f) for f in dialog.FIELDS]
        return dialog.result_value

    events_page = page()
    assert events_page.empty_label.isVisible()
    monkeypatch.setattr(EventDialog, "ask", classmethod(lambda cls, *a, **k: fill(*a, **k)))
    events_page.new_action.trigger()
    shown = events_page.detail.detail
    assert (shown.kind, shown.title, shown.priority, shown.grid_id) == ("民生诉求", "村民反映路灯不亮", "橙", grid_ids[1])
    assert [p.name for p in shown.parties] == ["赵大爷"]
    assert shown.number.startswith("420281103-")


def test_navigation_to_one_event_clears_the_filters(page, ctx, grid_ids):
    first = dispute(ctx.actor, grid_ids[0], "甲")
    dispute(ctx.actor, grid_ids[0], "乙")
    events_page = page()
    events_page.apply_filter({"overdue": True})
    assert events_page.model.total == 0 and events_page.flags["overdue"].isChecked()
    events_page.apply_filter({"event_id": first.id})
    assert not events_page.flags["overdue"].isChecked()
    assert events_page.detail.detail.id == first.id


def test_a_photo_is_attached_to_the_event(qtbot, page, ctx, grid_ids, asked, tmp_path):
    from PySide6.QtGui import QColor, QImage

    dispute(ctx.actor, grid_ids[0])
    events_page = page()
    assert not events_page.detail.attachments.isVisibleTo(events_page)
    photo = tmp_path / "现场.jpg"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#795548"))
    assert image.save(str(photo))
    asked.file = str(photo)
    click(qtbot, events_page.detail.attach_button)
    assert [a.filename for a in events_page.detail.detail.attachments] == ["现场.jpg"]
    assert events_page.detail.attachments.count() == 1
    assert events_page.detail.attachments.isVisibleTo(events_page)


def test_ctrl_n_on_each_page_opens_its_own_form(qtbot, main_window, monkeypatch):
    from ui.dialogs.event import EventDialog
    from ui.dialogs.place import PlaceDialog
    from ui.dialogs.visit import VisitDialog

    opened = []
    for cls in (VisitDialog, EventDialog, PlaceDialog):
        monkeypatch.setattr(cls, "ask", classmethod(lambda cls, *a, **k: opened.append(cls.__name__)))
    qtbot.waitUntil(main_window.isActiveWindow)  # shortcuts reach the active window only
    for key in ("visits", "events", "places"):
        main_window.navigate(key)
        qtbot.keyClick(main_window.current_page(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["VisitDialog", "EventDialog", "PlaceDialog"]


def test_a_period_from_the_dashboard_limits_the_list_until_cleared(qtbot, page, ctx, grid_ids):
    march, april = dispute(ctx.actor, grid_ids[0], "三月纠纷"), dispute(ctx.actor, grid_ids[0], "四月纠纷")
    Event.update(registered_at=dt.datetime(2026, 3, 31, 18, 0)).where(Event.id == march.id).execute()
    Event.update(registered_at=dt.datetime(2026, 4, 1, 8, 0)).where(Event.id == april.id).execute()
    events_page = page()
    events_page.apply_filter({"registered_from": "2026-03-01", "registered_to": "2026-03-31"})
    assert [r.id for r in events_page.model.rows] == [march.id]
    assert events_page.period_label.text() == "登记日期 2026-03-01 至 2026-03-31"
    assert events_page.clear_period_button.isVisible()
    events_page.kind.setCurrentIndex(events_page.kind.findData("矛盾纠纷"))  # other filters keep the period
    assert events_page.model.total == 1
    click(qtbot, events_page.clear_period_button)
    assert events_page.model.total == 2 and not events_page.clear_period_button.isVisible()
    events_page.apply_filter({"registered_from": "2026-04-01"})
    assert [r.id for r in events_page.model.rows] == [april.id]
    assert events_page.period_label.text() == "登记日期 2026-04-01 起"


def test_the_statistics_classes_of_disputes_are_a_category_filter(qtbot, page, ctx, grid_ids):
    sale = events.report(ctx.actor, EventDraft(kind="矛盾纠纷", category="0601", title="买卖纠纷", grid_id=grid_ids[0]))
    loan = events.report(ctx.actor, EventDraft(kind="矛盾纠纷", category="08", title="借款纠纷", grid_id=grid_ids[0]))
    dispute(ctx.actor, grid_ids[0])  # 邻里
    events_page = page()
    events_page.apply_filter({"kind": "矛盾纠纷", "report_category": "合同"})
    assert {r.id for r in events_page.model.rows} == {sale.id, loan.id}
    assert events_page.category.currentText() == "合同"
    assert events_page.query().report_category == "合同" and events_page.query().category is None
    # the person's way: the class is offered in the category list, the GB/T categories below it
    texts = [events_page.category.itemText(i) for i in range(events_page.category.count())]
    assert texts.index("邻里") < texts.index("\u3000恋爱婚姻")
    events_page.category.setCurrentIndex(texts.index("邻里"))
    assert [r.title for r in events_page.model.rows] == ["王某与李某排水沟纠纷"]
    events_page.category.setCurrentIndex(events_page.category.findData("0601"))
    assert [r.id for r in events_page.model.rows] == [sale.id]
