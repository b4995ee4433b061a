"""The 工作台: cards show the figures of the core, clicks open the filtered lists, charts paint."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip

from gridapp import ids
from gridapp.services import events, grids, households, people, visits
from gridapp.services.events import EventDraft
from gridapp.services.households import HouseholdInput
from gridapp.services.people import PersonInput, TagInput
from gridapp.services.visits import VisitInput
from tests.ui.conftest import VILLAGE_CODE

POPUP_CHATTER = ("This plugin does not support raise", "This plugin does not support grabbing")


def click(qtbot, widget, pos: QPoint | None = None) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos if pos is not None else widget.rect().center())


def painted_pixels(widget, width: int = 520, height: int = 360) -> int:
    """Render the widget offscreen on white and count the pixels it painted."""
    widget.resize(width, height)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    widget.render(image)
    white = QColor("white").rgb()
    return sum(1 for y in range(0, height, 2) for x in range(0, width, 2) if image.pixel(x, y) != white)


@pytest.fixture
def grid_ids(ctx):
    return [g.id for g in grids.list_grids(ctx.actor, VILLAGE_CODE)]


@pytest.fixture
def data(ctx, grid_ids):
    """Two households (four people, one of them 独居老人), one visit and one open 邻里 dispute."""
    actor = ctx.actor
    first = households.create(
        actor, HouseholdInput(grid_id=grid_ids[0], number="0101", address="土桥村一组1号"),
        PersonInput(name="张卫国", id_number=ids.make_id("420281", dt.date(1950, 4, 2), 11)),
        [PersonInput(name="李秀英", id_number=ids.make_id("420281", dt.date(1952, 9, 15), 22), relation="12")])
    second = households.create(
        actor, HouseholdInput(grid_id=grid_ids[1], number="0201", address="土桥村二组5号"),
        PersonInput(name="王建军", id_number=ids.make_id("420281", dt.date(1975, 1, 20), 31)),
        [PersonInput(name="王小明", id_number=ids.make_id("420281", dt.date(2005, 6, 1), 51), relation="22")])
    people.set_tags(actor, first.members[0].id, [TagInput(category="djlr", attention="01")])
    visits.record(actor, "household", first.id, VisitInput(notes="入户走访，一切正常"))
    events.report(actor, EventDraft(title="邻里宅基地边界纠纷", category="02", grid_id=grid_ids[0]))
    return first, second


@pytest.fixture
def page(qtbot, ctx, sync_jobs):
    from ui.pages.dashboard import DashboardPage

    widget = DashboardPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def window(qtbot, sync_jobs, data, main_window):
    """The main window on the dashboard, with the data counted."""
    page = main_window.page("dashboard")
    qtbot.waitUntil(lambda: page.data is not None and page.data.households.value == 2)
    return main_window


def dashboard(window):
    return window.page("dashboard")


# --------------------------------------------------------------------------- figures
def test_cards_show_the_figures_of_the_scope(qtbot, data, page):
    page.refresh()
    cards = page.cards
    assert cards["households"].value.text() == "2"
    assert cards["population"].value.text() == "4"
    assert cards["population"].hint.text() == "其中流动人口 0 人"
    assert cards["groups"].value.text() == "1"
    assert cards["groups"].hint.text() == "点击选择人员类别"
    assert cards["open_events"].value.text() == "1"
    assert cards["overdue_events"].value.text() == "0"
    assert cards["supervised"].value.text() == "0"
    year = dt.date.today().year
    assert cards["resolution"].caption.text() == f"{year}年化解率"
    assert cards["resolution"].value.text() == "0.0%"
    assert cards["resolution"].hint.text() == "化解 0 ÷ 受理 1"
    assert page.scope_label.text() == "金山店镇"
    assert page.status.text().startswith("数据截至")
    assert not page.banner.isVisibleTo(page)


def test_an_empty_database_says_what_to_do(qtbot, ctx, page):
    assert page.data.is_empty
    assert page.banner.isVisibleTo(page)
    assert page.cards["households"].value.text() == "0"
    assert page.cards["resolution"].value.text() == "—"
    assert page.category_chart.count() == 0 and page.coverage_chart.count() == 0
    assert page.month_chart.count() == 0
    assert painted_pixels(page.coverage_chart) > 0  # the empty-state text
    with qtbot.waitSignal(ctx.bus.navigate) as signal:
        click(qtbot, page.households_button)
    assert signal.args == ["households", {}]


def test_data_changed_elsewhere_refreshes_the_cards(qtbot, ctx, data, page, grid_ids):
    page.refresh()
    assert page.cards["households"].value.text() == "2"
    households.create(ctx.actor, HouseholdInput(grid_id=grid_ids[1], number="0202", address="土桥村二组9号"),
                      PersonInput(name="陈明", id_number=ids.make_id("420281", dt.date(1980, 3, 3), 71)))
    ctx.bus.data_changed.emit("household")
    qtbot.waitUntil(lambda: page.cards["households"].value.text() == "3", timeout=3000)
    assert page.cards["population"].value.text() == "5"


def test_f5_counts_again(qtbot, window, grid_ids, ctx):
    households.create(ctx.actor, HouseholdInput(grid_id=grid_ids[0], number="0102", address="土桥村一组3号"),
                      PersonInput(name="刘芳", id_number=ids.make_id("420281", dt.date(1985, 7, 8), 82)))
    page = dashboard(window)
    assert page.cards["households"].value.text() == "2"  # no signal was sent: still the old figure
    assert window.refresh_action.isEnabled()
    qtbot.keyClick(page, Qt.Key.Key_F5)
    assert page.cards["households"].value.text() == "3"


# --------------------------------------------------------------------------- click-through
def test_overdue_visits_card_opens_the_overdue_worklist(qtbot, window):
    visits_page = window.page("visits")
    visits_page.view_buttons.button(2).setChecked(True)  # somebody looked at this week before
    click(qtbot, dashboard(window).cards["overdue_visits"])
    assert window.current_key() == "visits"
    assert visits_page.current_view() == "overdue"


def test_visits_this_month_card_opens_who_is_still_to_visit_this_month(qtbot, window):
    click(qtbot, dashboard(window).cards["visits_month"])
    visits_page = window.page("visits")
    assert window.current_key() == "visits"
    assert visits_page.current_view() == "month"
    assert visits_page.model.total == dashboard(window).data.visits_month.extra
    assert visits_page.view_buttons.button(3).text() == f"本月到期 ({visits_page.model.total})"


def test_open_events_card_lists_the_events_not_closed(qtbot, window):
    click(qtbot, dashboard(window).cards["open_events"])
    events_page = window.page("events")
    assert window.current_key() == "events"
    assert events_page.state.currentData() == "open"
    assert not events_page.flags["supervised"].isChecked()
    assert events_page.model.total == 1


def test_supervised_card_lists_the_urged_open_events(qtbot, window):
    click(qtbot, dashboard(window).cards["supervised"])
    events_page = window.page("events")
    assert events_page.flags["supervised"].isChecked() and events_page.state.currentData() == "open"
    assert events_page.model.total == 0


def test_overdue_events_card_sets_the_overdue_flag(qtbot, window):
    dashboard(window).cards["overdue_events"].setFocus()
    qtbot.keyClick(dashboard(window).cards["overdue_events"], Qt.Key.Key_Return)  # the keyboard works too
    assert window.page("events").flags["overdue"].isChecked()


def test_households_card_lists_every_live_household(qtbot, window):
    households_page = window.page("households")
    households_page.apply_filter({"village_code": VILLAGE_CODE, "text": "0201"})
    window.show_page("dashboard")
    click(qtbot, dashboard(window).cards["households"])
    assert window.current_key() == "households"
    assert households_page.query().text == "" and households_page.query().village_code is None
    assert households_page.model.total == 2


@pytest.mark.qt_log_ignore(*POPUP_CHATTER)
def test_groups_card_offers_the_groups_and_opens_the_chosen_one(qtbot, window):
    page = dashboard(window)
    click(qtbot, page.cards["groups"])
    menu = page.breakdown_menu
    assert [a.text() for a in menu.actions()] == ["独居老人 — 1 人"]
    menu.actions()[0].trigger()
    people_page = window.page("people")
    assert window.current_key() == "people"
    assert people_page.category.currentData() == "djlr"
    assert people_page.model.total == 1
    menu.close()


def test_clicking_a_category_bar_lists_its_events(qtbot, window):
    page = dashboard(window)
    chart = page.category_chart
    assert chart.labels == ["邻里"] and chart.values == [1]
    with qtbot.waitSignal(chart.bar_clicked) as signal:
        click(qtbot, chart, chart.bar_rect(0).center().toPoint())
    assert signal.args == [0]
    events_page = window.page("events")
    assert window.current_key() == "events"
    assert events_page.kind.currentData() == "矛盾纠纷" and events_page.category.currentText() == "邻里"
    assert events_page.query().report_category == "邻里"
    assert events_page.period_label.text().startswith("登记日期 ")
    assert events_page.model.total == 1


def test_clicking_a_coverage_bar_lists_the_households_of_the_village(qtbot, window):
    page = dashboard(window)
    chart = page.coverage_chart
    assert chart.labels == ["土桥村"] and chart.values == [1] and chart.totals == [2]
    assert page.coverage_title.text() == f"走访覆盖率（{page.data.half.label}，按村（社区））"
    click(qtbot, chart, chart.bar_rect(0).center().toPoint())
    households_page = window.page("households")
    assert window.current_key() == "households"
    assert households_page.places.village_code() == VILLAGE_CODE
    assert households_page.model.total == 2


def test_clicking_a_month_opens_the_events(qtbot, window):
    page = dashboard(window)
    chart = page.month_chart
    assert len(chart.labels) == 12 and chart.series[0][2][-1] == 1  # registered this month
    click(qtbot, chart, chart.bar_rect(11).center().toPoint())
    assert window.current_key() == "events"
    events_page = window.page("events")
    month = page.data.months[-1]
    assert (events_page.query().registered_from, events_page.query().registered_to) == (month.start, month.end)
    assert events_page.model.total == 1
    window.show_page("dashboard")
    click(qtbot, chart, chart.bar_rect(0).center().toPoint())  # a month with nothing registered
    assert events_page.model.total == 0 and events_page.query().registered_to == page.data.months[0].end


def test_resolution_card_lists_the_disputes_registered_this_year(qtbot, window):
    click(qtbot, dashboard(window).cards["resolution"])
    events_page = window.page("events")
    year = dashboard(window).data.year
    assert events_page.kind.currentData() == "矛盾纠纷"
    assert (events_page.query().registered_from, events_page.query().registered_to) == (year.start, year.end)
    assert events_page.model.total == dashboard(window).data.resolution.total == 1


# --------------------------------------------------------------------------- charts
def test_bar_chart_paints_offscreen_and_keeps_chinese_labels_whole(qtbot):
    from PySide6.QtGui import QFontMetrics

    from ui.widgets.charts import BarChart

    chart = BarChart()
    qtbot.addWidget(chart)
    labels = ["婚姻家庭", "劳动争议(含拖欠工资)", "安全隐患"]
    chart.set_bars(labels, [5, 3, 0], ["#ef6c00", "#ef6c00", "#c62828"])
    longest = QFontMetrics(chart.font()).horizontalAdvance("劳动争议(含拖欠工资)")
    assert chart.minimumSizeHint().width() > longest
    assert painted_pixels(chart, chart.minimumSizeHint().width(), 200) > 200
    assert chart.bar_rect(2).isValid()  # a zero bar is still a row that can be clicked
    assert chart.index_at(chart.bar_rect(1).center()) == 1
    assert chart.index_at(QPointF(-5, -5)) == -1


def test_month_and_coverage_charts_paint_offscreen(qtbot):
    from ui.widgets.charts import CoverageChart, MonthChart

    months = MonthChart()
    qtbot.addWidget(months)
    months.set_series([f"{m}月" for m in range(1, 13)],
                      [("登记", "#1e88e5", [3, 0, 5, 2, 1, 0, 7, 4, 2, 2, 3, 1]),
                       ("化解", "#43a047", [2, 1, 4, 2, 0, 0, 6, 3, 2, 1, 3, 0])])
    assert months.count() == 12
    assert painted_pixels(months) > 500
    coverage = CoverageChart()
    qtbot.addWidget(coverage)
    coverage.set_rates(["土桥村", "马坪村", "新村社区"], [90, 30, 0], [100, 60, 0])
    assert coverage.rate(0) == 0.9 and coverage.rate(2) is None
    assert painted_pixels(coverage) > 500
    assert coverage.colors[0] != coverage.colors[1]  # 90 % and 50 % are told apart


@pytest.mark.qt_log_ignore(*POPUP_CHATTER)
def test_hovering_a_bar_shows_its_tooltip(qtbot):
    from ui.widgets.charts import BarChart

    chart = BarChart()
    qtbot.addWidget(chart)
    chart.set_bars(["邻里", "合同"], [2, 1], tooltips=["邻里：2 件", "合同：1 件"])
    chart.resize(400, 200)
    chart.show()
    qtbot.waitExposed(chart)
    pos = chart.bar_rect(1).center().toPoint()
    QApplication.sendEvent(chart, QHelpEvent(QHelpEvent.Type.ToolTip, pos, chart.mapToGlobal(pos)))
    assert QToolTip.text() == "合同：1 件"
    QToolTip.hideText()
