"""The 走访 page and the visit dialog, driven as a grid worker does: pick, type, save."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from gridapp import ids
from gridapp.models import Household, Person
from gridapp.services import events, grids, households, visits, worklist
from gridapp.services.households import HouseholdInput
from gridapp.services.people import PersonInput, TagInput
from tests.ui.conftest import VILLAGE_CODE, type_text_into

LONG_AGO = dt.datetime.now() - dt.timedelta(days=400)


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_row(qtbot, view, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.fixture
def grid_ids(ctx):
    return [g.id for g in grids.list_grids(ctx.actor, VILLAGE_CODE)]


def make_household(ctx, grid_id: int, number: str, head: str, n: int, *, tags=(), age_days: int | None = 400):
    """A household registered ``age_days`` ago (never visited since, so overdue after 180 days)."""
    detail = households.create(
        ctx.actor, HouseholdInput(grid_id=grid_id, number=number, address=f"土桥村{number}号"),
        PersonInput(name=head, id_number=ids.make_id("420281", dt.date(1950 + n, 3, 4), 10 + n), tags=tuple(tags)))
    if age_days is not None:
        then = dt.datetime.now() - dt.timedelta(days=age_days)
        Household.update(created_at=then).where(Household.id == detail.id).execute()
        Person.update(created_at=then).where(Person.household == detail.id).execute()
    return detail


@pytest.fixture
def world(ctx, grid_ids):
    """Two overdue households (one long overdue), and a patient in 严重精神障碍患者 overdue too."""
    old = make_household(ctx, grid_ids[0], "0101", "张卫国", 1, age_days=400)
    newer = make_household(ctx, grid_ids[1], "0102", "王小明", 2, age_days=200)
    since = dt.date.today() - dt.timedelta(days=100)  # due 86 days ago: 86 × 3 > 220 × 1
    patient_home = make_household(ctx, grid_ids[0], "0103", "李建华", 3, age_days=10,
                                  tags=[TagInput(category="jsza", attention="01", since=since)])
    return {"old": old, "newer": newer, "patient_home": patient_home,
            "patient_id": patient_home.members[0].id}


@pytest.fixture
def page(qtbot, ctx, world):
    from ui.pages.visits import VisitsPage

    widget = VisitsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def worklist_keys(page) -> list[tuple[str, int]]:
    return [(r.kind, r.target_id) for r in page.model.rows]


def drive_visit(qtbot, notes: str):
    """A VisitDialog.ask replacement that types the notes and clicks Save, like a person."""
    from ui.dialogs.visit import VisitDialog

    def run(parent, ctx_, **kwargs):
        dialog = VisitDialog(ctx_, parent, **kwargs)
        qtbot.addWidget(dialog)
        type_text_into(dialog.notes, notes)
        click(qtbot, dialog.save_button)
        assert dialog.result() == dialog.DialogCode.Accepted, dialog.general.text()
        return dialog.result_value
    return run


# --------------------------------------------------------------------------- the worklist
def test_worklist_lists_the_overdue_most_urgent_first_with_counts_per_village(page, world):
    keys = worklist_keys(page)
    assert keys[0] == ("person", world["patient_id"])  # 高 attention weighs three times
    assert ("household", world["old"].id) in keys and ("household", world["newer"].id) in keys
    assert keys.index(("household", world["old"].id)) < keys.index(("household", world["newer"].id))
    assert page.view_buttons.button(0).text() == "逾期 (3)"
    assert page.counts.rowCount() == 1  # a township clerk counts per village
    assert page.counts.item(0, 0).text() == "土桥村"
    assert page.counts.item(0, 1).text() == "3"
    # the first row is chosen and its history shown
    assert page.history.target.id == world["patient_id"]
    assert "逾期" in page.history.due.text()


def test_kind_filter_and_views(qtbot, page, world):
    page.kind.setCurrentIndex(page.kind.findData("household"))
    assert {k for k, _ in worklist_keys(page)} == {"household"}
    click(qtbot, page.view_buttons.button(1))  # 今日到期
    assert page.current_view() == "today"
    assert page.model.total == 0
    assert page.empty_label.isVisible() and "今天" in page.empty_label.text()
    click(qtbot, page.view_buttons.button(3))  # 本月到期: the overdue ones are still to visit this month
    assert page.current_view() == "month"
    assert set(worklist_keys(page)) >= {("household", world["old"].id), ("household", world["newer"].id)}
    assert page.counts.horizontalHeaderItem(4).text() == "本月到期"
    assert page.counts.item(0, 4).text() == str(page.model.total)


def test_record_a_visit_from_the_worklist_and_it_leaves_the_overdue_list(qtbot, page, ctx, world, monkeypatch):
    from ui.dialogs.visit import VisitDialog

    monkeypatch.setattr(VisitDialog, "ask", classmethod(lambda cls, *a, **k: drive_visit(qtbot, "家中一切正常")(*a, **k)))
    row = page.model.find_row(lambda r: r.target_id == world["old"].id and r.kind == "household")
    click_row(qtbot, page.table, row)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter on the row opens the prefilled dialog

    assert ("household", world["old"].id) not in worklist_keys(page)
    assert not worklist.is_listed(ctx.actor, "overdue", "household", world["old"].id)
    assert page.view_buttons.button(0).text() == "逾期 (2)"
    # the history on the right shows the new visit
    assert page.history.target.id == world["old"].id
    assert page.history.model.rowCount() == 1
    assert page.history.model.row_at(0).notes == "家中一切正常"
    assert "180" in page.history.due.text() and "逾期" not in page.history.due.text()


def test_record_visit_button_without_a_choice_opens_the_search(qtbot, page, monkeypatch):
    from ui.dialogs.visit import VisitDialog

    seen = {}
    monkeypatch.setattr(VisitDialog, "ask", classmethod(lambda cls, parent, ctx_, **k: seen.update(k)))
    page.table.clearSelection()
    page.table.selectionModel().clearCurrentIndex()
    page.record_action.trigger()
    assert seen == {"target": None}


def test_history_double_click_opens_the_visit(qtbot, page, ctx, world, monkeypatch):
    from ui.dialogs import visit as module

    recorded = visits.record(ctx.actor, "household", world["newer"].id, visits.VisitInput(notes="第一次"))
    page.apply_filter({"household_id": world["newer"].id})
    assert page.history.title.text().startswith("0102")
    assert page.history.model.rowCount() == 1
    opened = []
    monkeypatch.setattr(module.VisitDialog, "ask", classmethod(lambda cls, parent, ctx_, **k: opened.append(k)))
    click_row(qtbot, page.history.table, 0)
    assert page.history.open_button.isEnabled()
    rect = page.history.table.visualRect(page.history.model.index(0, 0))
    qtbot.mouseDClick(page.history.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [{"visit_id": recorded.visit.id}]


def test_clicking_a_village_count_narrows_the_list(qtbot, page, world):
    rect = page.counts.visualItemRect(page.counts.item(0, 0))
    qtbot.mouseClick(page.counts.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.model.query.village_code == VILLAGE_CODE
    assert page.clear_unit_button.isVisible()
    assert page.model.total == 3
    click(qtbot, page.clear_unit_button)
    assert page.model.query.village_code is None


# --------------------------------------------------------------------------- the dialog
# The completer's drop-down is a popup window: the offscreen platform can't raise it or grab the keyboard.
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
def test_visit_dialog_is_filled_and_saved_by_keyboard_alone(qtbot, ctx, world):
    from ui.dialogs.visit import VisitDialog

    dialog = VisitDialog(ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # shortcuts such as Ctrl+S reach the active window only
        dialog.show()
    assert dialog.focusWidget() is dialog.target
    qtbot.keyClicks(dialog.target, "zwg")  # pinyin initials of 张卫国
    assert dialog.target.matches and dialog.target.matches[0].label.startswith("张卫国")
    qtbot.keyClick(dialog.target, Qt.Key.Key_Return)  # Enter takes the first match
    assert dialog.target.target is not None and dialog.target.target.kind == "person"
    assert not dialog.risk_shown()
    for expected in (dialog.visited_at, dialog.method, dialog.companions):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        assert dialog.focusWidget() is expected
    type_text_into(dialog.companions, "村干部李明")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.state
    qtbot.keyClick(dialog.state, Qt.Key.Key_Down)  # 正常 → 异常
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.notes  # the hidden risk row is skipped
    type_text_into(dialog.notes, "血压偏高，已提醒按时服药")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert dialog.result() == dialog.DialogCode.Accepted, dialog.general.text()
    saved = dialog.result_value
    assert (saved.target_kind, saved.target_name) == ("person", "张卫国")
    assert (saved.companions, saved.state, saved.notes) == ("村干部李明", "异常", "血压偏高，已提醒按时服药")
    assert visits.history_for_person(ctx.actor, saved.target_id)[0].id == saved.id


def test_the_risk_grade_is_asked_only_for_a_patient_and_required(qtbot, ctx, world):
    from ui.dialogs.visit import Target, VisitDialog

    dialog = VisitDialog(ctx, target=Target("person", world["patient_id"], "李建华"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.risk_shown()
    assert dialog.focusWidget() is dialog.risk_grade
    click(qtbot, dialog.save_button)
    assert "危险性评估" in dialog.error("risk_grade")
    assert dialog.result() != dialog.DialogCode.Accepted
    qtbot.keyClicks(dialog.risk_grade, "3")  # typing the grade's digit picks it
    assert dialog.risk_grade.currentData() == 3
    click(qtbot, dialog.save_button)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.general.text()
    assert dialog.result_value.risk_grade == 3 and dialog.result_value.kind == "随访"
    due = worklist.due_for(ctx.actor, "person", world["patient_id"])
    assert due.interval_days == 14  # grade 3 forces the next visit within two weeks

    household = VisitDialog(ctx, target=Target("household", world["old"].id, "0101"))
    qtbot.addWidget(household)
    assert not household.risk_shown()


def test_a_visit_needs_a_target(qtbot, ctx, world):
    from ui.dialogs.visit import VisitDialog

    dialog = VisitDialog(ctx)
    qtbot.addWidget(dialog)
    click(qtbot, dialog.save_button)
    assert "选择" in dialog.error("target")
    assert dialog.result() != dialog.DialogCode.Accepted


def test_attachments_are_shown_as_thumbnails_and_stored(qtbot, ctx, world, asked, tmp_path):
    from ui.dialogs.visit import Target, VisitDialog

    photo = tmp_path / "门口.png"
    image = QImage(320, 240, QImage.Format.Format_RGB32)
    image.fill(QColor("#4caf50"))
    assert image.save(str(photo))
    dialog = VisitDialog(ctx, target=Target("household", world["old"].id, "0101"))
    qtbot.addWidget(dialog)
    asked.file = str(photo)
    click(qtbot, dialog.attachments.add_button)
    assert asked.kinds() == ["open_file"]
    assert dialog.attachments.count() == 1
    thumb = dialog.attachments.thumbnail(0).pixmap(96, 72)
    assert not thumb.isNull() and thumb.width() <= 96 and thumb.height() <= 72
    click(qtbot, dialog.save_button)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.general.text()
    stored = dialog.result_value.attachments
    assert [(a.filename, a.is_image) for a in stored] == [("门口.png", True)]
    assert Path(stored[0].path).read_bytes() == photo.read_bytes()


def test_someone_elses_visit_is_read_only_with_the_reason(qtbot, ctx, world):
    from gridapp.models import User
    from gridapp.services.actor import actor_for
    from ui.dialogs.visit import VisitDialog

    other = actor_for(User.create(login="clerk2", display_name="赵文书", role="township", scope_code="420281103"))
    recorded = visits.record(other, "household", world["old"].id, visits.VisitInput(notes="别人记的"))
    dialog = VisitDialog(ctx, visit_id=recorded.visit.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.is_read_only()
    assert dialog.banner.isVisible() and "只有走访人本人" in dialog.banner.text()
    assert dialog.notes.isReadOnly() and not dialog.method.isEnabled()
    assert not dialog.save_button.isVisible()


def test_the_author_edits_a_visit(qtbot, ctx, world):
    from ui.dialogs.visit import VisitDialog

    recorded = visits.record(ctx.actor, "household", world["old"].id, visits.VisitInput(notes="初记"))
    dialog = VisitDialog(ctx, visit_id=recorded.visit.id)
    qtbot.addWidget(dialog)
    assert not dialog.is_read_only() and not dialog.target.isEnabled()
    dialog.notes.clear()
    type_text_into(dialog.notes, "补记：户主外出务工")
    click(qtbot, dialog.save_button)
    assert visits.get(ctx.actor, recorded.visit.id).notes == "补记：户主外出务工"


# --------------------------------------------------------------------------- 发现问题 → 生成事件
def test_report_an_event_from_a_visit_linked_back(qtbot, ctx, world, monkeypatch, asked):
    from ui.dialogs.event import EventDialog
    from ui.dialogs.visit import Target, VisitDialog

    def event_ask(parent, ctx_, **kwargs):
        dialog = EventDialog(ctx_, parent, **kwargs)  # a child of the visit dialog, deleted with it
        assert dialog.title.text() == "与邻居因宅基地界址争吵"  # the first line of the findings
        assert dialog.parties.parties()[0].person_id is not None  # the household head, linked
        assert dialog.visit_note.isVisibleTo(dialog)
        dialog.category.setCurrentIndex(dialog.category.findData("0902"))  # 宅基地
        click(qtbot, dialog.save_button)
        assert dialog.result() == dialog.DialogCode.Accepted, (dialog.general.text(), list(asked))
        return dialog.result_value

    monkeypatch.setattr(EventDialog, "ask", classmethod(lambda cls, *a, **k: event_ask(*a, **k)))
    dialog = VisitDialog(ctx, target=Target("household", world["old"].id, "0101 张卫国"))
    qtbot.addWidget(dialog)
    type_text_into(dialog.findings, "与邻居因宅基地界址争吵")
    qtbot.keyClick(dialog.findings, Qt.Key.Key_Return)
    type_text_into(dialog.findings, "双方情绪激动")
    click(qtbot, dialog.event_button)

    saved = dialog.result_value
    assert saved is not None  # the visit was saved first
    row = visits.get(ctx.actor, saved.id)
    assert len(row.event_ids) == 1
    event = events.get(ctx.actor, row.event_ids[0])
    assert event.visit_id == saved.id and event.kind == "矛盾纠纷" and event.category == "0902"
    assert dialog.events_label.isVisibleTo(dialog) and event.number in dialog.events_label.text()
    # saving again updates the same visit; nothing is recorded twice
    click(qtbot, dialog.save_button)
    assert len(visits.history_for_household(ctx.actor, world["old"].id)) == 1


# --------------------------------------------------------------------------- the household's history
def test_the_household_page_shows_its_visits_and_events_newest_first(qtbot, ctx, world, monkeypatch):
    from ui.dialogs.visit import VisitDialog
    from ui.pages.households import HouseholdsPage

    home = world["patient_home"]
    first = visits.record(ctx.actor, "household", home.id, visits.VisitInput(
        visited_at=dt.datetime.now() - dt.timedelta(days=3), notes="入户走访"))
    second = visits.record(ctx.actor, "person", world["patient_id"], visits.VisitInput(risk_grade=1, notes="随访"))
    event = events.create_from_visit(ctx.actor, second.visit.id, category="02", title="邻里噪音")
    page = HouseholdsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    page.show_household(home.id)
    tab = page.detail.visits
    assert not tab.is_empty()
    assert [r.id for r in tab.model.rows] == [second.visit.id, first.visit.id]
    assert [r.id for r in page.detail.events.model.rows] == [event.id]
    page.detail.tabs.setCurrentWidget(tab)
    opened = []
    monkeypatch.setattr(VisitDialog, "ask", classmethod(lambda cls, parent, ctx_, **k: opened.append(k)))
    click_row(qtbot, tab.table, 1)
    rect = tab.table.visualRect(tab.model.index(1, 0))
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [{"visit_id": first.visit.id}]


def test_a_grid_worker_sees_their_grid_counted_per_grid(qtbot, ctx, world, grid_ids):
    import dataclasses

    from gridapp.models import Grid, User
    from gridapp.services.actor import actor_for
    from ui.pages.visits import VisitsPage

    user = User.create(login="wg1", display_name="刘网格", role="grid_worker", scope_code=VILLAGE_CODE)
    Grid.update(worker=user.id).where(Grid.id == grid_ids[0]).execute()
    page = VisitsPage(dataclasses.replace(ctx, actor=actor_for(user)))
    qtbot.addWidget(page)
    assert page.counts.horizontalHeaderItem(0).text() == "网格"
    assert [page.counts.item(r, 0).text() for r in range(page.counts.rowCount())] == ["第一网格"]
    assert {r.grid_id for r in page.model.rows} == {grid_ids[0]}  # 王小明's household is in 第二网格
    assert ("household", world["newer"].id) not in worklist_keys(page)
