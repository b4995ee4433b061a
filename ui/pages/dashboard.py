"""工作台: the first page: what needs doing in the user's scope, at a glance.

A grid of cards (户数, 人口, 重点人群, 本月走访, 逾期未访, 在办事件, 超期事件, 督办, 本年化解率)
and three charts (events this year by category, events registered and resolved per month, visit
coverage per grid/village/township). Every figure comes from ``dashboard.load`` in one background
job, so the window never waits for it; clicking a card or a bar opens the list that shows what it
counts (``AppBus.navigate`` with the filters the core put on it). The page refreshes on F5, on its
刷新 button and, shortly after, when another page changes data.
"""
from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QMenu, QPushButton, QScrollArea,
                               QSizePolicy, QVBoxLayout, QWidget)

from gridapp.services import dashboard
from gridapp.services.dashboard import Card, Dashboard, Link
from ui import jobs
from ui.context import AppContext
from ui.widgets.charts import BarChart, CoverageChart, MonthChart, level_color

REFRESH_DELAY_MS = 400  # data changed elsewhere: wait for the burst of changes to end
WATCHED = frozenset({"household", "person", "visit", "event", "place", "settings"})
CARD_ROWS = (("households", "population", "groups", "visits_month", "overdue_visits"),
             ("open_events", "overdue_events", "supervised", "resolution"))
ALERT_CARDS = frozenset({"overdue_visits", "overdue_events", "supervised"})
KIND_COLORS = {"矛盾纠纷": "#ef6c00", "安全隐患": "#c62828", "治安": "#6a1b9a", "民生诉求": "#00838f",
               "其他": "#78909c"}
REGISTERED_COLOR = "#1e88e5"
RESOLVED_COLOR = "#43a047"
NUMBER_COLOR = "#263238"
GOOD_COLOR = "#2e7d32"
ALERT_COLOR = "#c62828"

PAGE_STYLE = """
QFrame#dashboard_card, QFrame#chart_panel { background: white; border: 1px solid #dde3e6; border-radius: 6px; }
QFrame#dashboard_card:hover { border-color: #90caf9; background: #f6faff; }
QFrame#dashboard_card:focus { border: 2px solid #64b5f6; }
QLabel#card_caption { color: #546e7a; }
QLabel#card_hint { color: #78909c; }
QLabel#chart_title { color: #37474f; font-weight: bold; }
QLabel#chart_note { color: #78909c; }
QFrame#empty_banner { background: #fff8e1; border: 1px solid #ffe082; border-radius: 6px; }
"""


class DashboardCard(QFrame):
    """A figure with its caption and a hint; a click (or Enter/Space) emits ``clicked``."""

    clicked = Signal()

    def __init__(self, key: str, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setObjectName("dashboard_card")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.caption = QLabel(caption, self)
        self.caption.setObjectName("card_caption")
        self.value = QLabel("—", self)
        self.value.setObjectName("card_value")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.value.setFont(font)
        self.hint = QLabel(self)
        self.hint.setObjectName("card_hint")
        small = QFont(self.font())
        small.setPointSizeF(max(7.5, small.pointSizeF() - 1))
        self.hint.setFont(small)
        for label in (self.caption, self.value, self.hint):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.hint)

    def show_figures(self, value: str, hint: str, color: str, tooltip: str) -> None:
        self.value.setText(value)
        self.value.setStyleSheet(f"color: {color};")
        self.hint.setText(hint)
        self.setToolTip(tooltip)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class DashboardPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.data: Dashboard | None = None
        self.breakdown_menu: QMenu | None = None
        self._job: jobs.Job | None = None
        self._again = False  # data changed while a load was running
        self._stale = True
        self._build()
        self._connect()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.setStyleSheet(PAGE_STYLE)
        self.title = QLabel(self.tr("Dashboard"), self)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.scope_label = QLabel(self)
        self.scope_label.setObjectName("scope")
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setStyleSheet("color: #78909c;")
        self.refresh_button = QPushButton(self.tr("Refresh (F5)"), self)
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.setToolTip(self.tr("Count everything again"))
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addSpacing(12)
        header.addWidget(self.scope_label)
        header.addStretch(1)
        header.addWidget(self.status)
        header.addWidget(self.refresh_button)

        self.banner = self._empty_banner()
        self.banner.hide()

        captions = {
            "households": self.tr("Households"), "population": self.tr("People"),
            "groups": self.tr("Special groups"), "visits_month": self.tr("Visits this month (done / due)"),
            "overdue_visits": self.tr("Overdue visits"), "open_events": self.tr("Open events"),
            "overdue_events": self.tr("Overdue events"), "supervised": self.tr("Supervised"),
            "resolution": self.tr("Resolution rate this year"),
        }
        self.cards: dict[str, DashboardCard] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        for row, keys in enumerate(CARD_ROWS):
            for column, key in enumerate(keys):
                card = DashboardCard(key, captions[key], self)
                self.cards[key] = card
                grid.addWidget(card, row, column, 1, 2 if key == "resolution" else 1)
        for column in range(len(CARD_ROWS[0])):
            grid.setColumnStretch(column, 1)

        self.category_chart = BarChart(self)
        self.category_chart.setObjectName("category_chart")
        self.category_chart.set_empty_text(self.tr("No events registered this year yet."))
        self.month_chart = MonthChart(self)
        self.month_chart.setObjectName("month_chart")
        self.month_chart.set_empty_text(self.tr("No events in the last 12 months."))
        self.coverage_chart = CoverageChart(self)
        self.coverage_chart.setObjectName("coverage_chart")
        self.coverage_chart.set_empty_text(self.tr("No households registered yet."))
        self.category_title, self.category_note, category_panel = self._panel(self.category_chart, scroll=True)
        self.month_title, self.month_note, month_panel = self._panel(self.month_chart, scroll=False)
        self.coverage_title, self.coverage_note, coverage_panel = self._panel(self.coverage_chart, scroll=True)
        charts = QHBoxLayout()
        charts.setSpacing(10)
        charts.addWidget(category_panel, 4)
        charts.addWidget(month_panel, 5)
        charts.addWidget(coverage_panel, 4)

        # The page scrolls rather than forcing its size on a small window.
        content = QWidget(self)
        content.setObjectName("dashboard_content")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addLayout(grid)
        layout.addLayout(charts, 1)
        self.scroll = QScrollArea(self)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    def _panel(self, chart, *, scroll: bool) -> tuple[QLabel, QLabel, QFrame]:
        """A white panel: the chart's title, the chart (scrolling when ``scroll``), a note on how it counts."""
        panel = QFrame(self)
        panel.setObjectName("chart_panel")
        title = QLabel(panel)
        title.setObjectName("chart_title")
        title.setWordWrap(True)
        note = QLabel(panel)
        note.setObjectName("chart_note")
        note.setWordWrap(True)
        small = QFont(note.font())
        small.setPointSizeF(max(7.5, small.pointSizeF() - 1))
        note.setFont(small)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(10, 8, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(title)
        if scroll:
            area = QScrollArea(panel)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidgetResizable(True)
            area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            area.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: white; }")
            area.setWidget(chart)
            layout.addWidget(area, 1)
        else:
            layout.addWidget(chart, 1)
        layout.addWidget(note)
        return title, note, panel

    def _empty_banner(self) -> QFrame:
        banner = QFrame(self)
        banner.setObjectName("empty_banner")
        text = QLabel(self.tr("Nothing is registered yet. Start by registering the households of your grids "
                              "(住户 page, Ctrl+N), or import your existing Excel ledgers (报表 page)."), banner)
        text.setWordWrap(True)
        self.households_button = QPushButton(self.tr("Register households"), banner)
        self.households_button.setObjectName("go_households")
        self.import_button = QPushButton(self.tr("Import ledgers"), banner)
        self.import_button.setObjectName("go_reports")
        layout = QHBoxLayout(banner)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(text, 1)
        layout.addWidget(self.households_button)
        layout.addWidget(self.import_button)
        return banner

    def _connect(self) -> None:
        self.refresh_button.clicked.connect(self.refresh)
        self.households_button.clicked.connect(lambda: self.open_link(Link("households")))
        self.import_button.clicked.connect(lambda: self.open_link(Link("reports")))
        for key, card in self.cards.items():
            card.clicked.connect(lambda key=key: self._on_card_clicked(key))
        self.category_chart.bar_clicked.connect(
            lambda i: self._open_bar(self.data.categories if self.data else (), i))
        self.month_chart.bar_clicked.connect(lambda i: self._open_bar(self.data.months if self.data else (), i))
        self.coverage_chart.bar_clicked.connect(
            lambda i: self._open_bar(self.data.coverage if self.data else (), i))
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(REFRESH_DELAY_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        self.ctx.bus.data_changed.connect(self._on_bus_data_changed)

    # ------------------------------------------------------------------ loading
    def refresh(self) -> None:
        """Count everything again in the background (a load already running is followed by one more)."""
        self._stale = False
        if self._job is not None and not self._job.done:
            self._again = True
            return
        self.status.setText(self.tr("Updating…"))
        actor = self.ctx.actor
        job = jobs.Job(lambda _on_progress, _is_cancelled: dashboard.load(actor))
        job.signals.finished.connect(self._on_job_finished)
        job.signals.failed.connect(self._on_job_failed)
        self._job = job
        jobs.start(job)

    def _on_job_finished(self, data: Dashboard) -> None:
        self.show_dashboard(data)
        self._load_again()

    def _on_job_failed(self, message: str) -> None:
        self.status.setText(self.tr("Could not count: %1").replace("%1", message))
        self._load_again()

    def _load_again(self) -> None:
        if self._again:
            self._again = False
            QTimer.singleShot(0, self.refresh)

    def _on_bus_data_changed(self, entity: str) -> None:
        if entity not in WATCHED:
            return
        if self.isVisible():
            self.refresh_timer.start()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # ------------------------------------------------------------------ showing
    def show_dashboard(self, d: Dashboard) -> None:
        self.data = d
        locale = QLocale()
        self.scope_label.setText(d.scope_name or self.tr("All units"))
        self.status.setText(self.tr("As of %1").replace("%1", locale.toString(d.today, QLocale.FormatType.LongFormat)))
        self.banner.setVisible(d.is_empty)
        self._show_cards(d, locale)
        self._show_categories(d)
        self._show_months(d, locale)
        self._show_coverage(d)

    def _show_cards(self, d: Dashboard, locale: QLocale) -> None:
        number = locale.toString
        open_tip = self.tr("Click to open the matching list")
        groups_hint = (self.tr("Click to choose a group") if d.groups.breakdown else self.tr("Nobody in a group"))
        month = d.visits_month
        resolution = d.resolution
        figures = {
            "households": (number(d.households.value), self.tr("Registered households"), NUMBER_COLOR, open_tip),
            "population": (number(d.population.value),
                           self.tr("Of them %1 floating").replace("%1", number(d.population.extra or 0)),
                           NUMBER_COLOR, self.tr("Residents except the dead and moved out; click to list people")),
            "groups": (number(d.groups.value), groups_hint, NUMBER_COLOR,
                       self.tr("People in at least one special group, each counted once")),
            "visits_month": (f"{number(month.value)} / {number(month.total or 0)}",
                             self.tr("%1 still to visit by the month's end").replace("%1", number(month.extra or 0)),
                             level_color(month.rate).name() if month.total else NUMBER_COLOR,
                             self.tr("Scheduled households, people and places visited in %1, of those due "
                                     "by its end; click for those due this week").replace("%1", d.month.label)),
            "overdue_visits": (number(d.overdue_visits.value), self.tr("Past their visit date"), None, open_tip),
            "open_events": (number(d.open_events.value), self.tr("Not closed yet"), NUMBER_COLOR, open_tip),
            "overdue_events": (number(d.overdue_events.value), self.tr("Past the deadline"), None, open_tip),
            "supervised": (number(d.supervised.value), self.tr("Urged by the level above, not closed"), None,
                           open_tip),
            "resolution": (self._percent(resolution, locale), self._resolution_hint(resolution, number),
                           level_color(resolution.rate).name() if resolution.total else NUMBER_COLOR,
                           self.tr("Disputes registered in %1 and resolved (化解成功), as the summary counts "
                                   "them; click to list the disputes").replace("%1", d.year.label)),
        }
        for key, (value, hint, color, tip) in figures.items():
            if color is None:  # an alert card: red while there is something, green when clear
                color = ALERT_COLOR if getattr(d, key).value else GOOD_COLOR
            self.cards[key].show_figures(value, hint, color, tip)
        self.cards["resolution"].caption.setText(self.tr("Resolution rate %1").replace("%1", d.year.label))

    def _percent(self, card: Card, locale: QLocale) -> str:
        return "—" if card.rate is None else locale.toString(card.rate * 100, "f", 1) + "%"

    def _resolution_hint(self, card: Card, number) -> str:
        if not card.total:
            return self.tr("No disputes registered this year")
        text = self.tr("%1 resolved ÷ %2 registered")
        return text.replace("%1", number(card.value)).replace("%2", number(card.total))

    def _show_categories(self, d: Dashboard) -> None:
        self.category_title.setText(self.tr("Events in %1 by category").replace("%1", d.year.label))
        self.category_note.setText(self.tr("Disputes by the class of the township statistics; "
                                           "every other kind as one bar. Returned events are left out."))
        tip = self.tr("%1: %2 in %3 — click to list them")
        self.category_chart.set_bars(
            [b.label for b in d.categories], [b.value for b in d.categories],
            [KIND_COLORS.get(b.group, KIND_COLORS["其他"]) for b in d.categories],
            [tip.replace("%1", b.label).replace("%2", str(b.value)).replace("%3", d.year.label) for b in d.categories])

    def _show_months(self, d: Dashboard, locale: QLocale) -> None:
        self.month_title.setText(self.tr("Events per month, last 12 months"))
        self.month_note.setText(self.tr("Registered: events registered in the month (returned ones left out). "
                                        "Resolved: events closed in the month as 化解成功."))
        labels = [locale.standaloneMonthName(m.month, QLocale.FormatType.ShortFormat) for m in d.months]
        tip = self.tr("%1-%2 (%3 to %4)\nRegistered: %5\nResolved: %6\nClick to list the events registered")
        tips = [tip.replace("%1", str(m.year)).replace("%2", str(m.month)).replace("%3", m.start.isoformat())
                .replace("%4", m.end.isoformat()).replace("%5", str(m.registered)).replace("%6", str(m.resolved))
                for m in d.months]
        self.month_chart.set_series(labels, [
            (self.tr("Registered"), QColor(REGISTERED_COLOR), [m.registered for m in d.months]),
            (self.tr("Resolved"), QColor(RESOLVED_COLOR), [m.resolved for m in d.months])], tips)

    def _show_coverage(self, d: Dashboard) -> None:
        by = {"grid": self.tr("by grid"), "village": self.tr("by village"), "township": self.tr("by township")}
        self.coverage_title.setText(self.tr("Visit coverage, %1 (%2)").replace("%1", d.half.label)
                                    .replace("%2", by[d.unit_level]))
        self.coverage_note.setText(self.tr("Coverage = households visited since %1 (a visit to a member counts) "
                                           "÷ registered households.").replace("%1", d.half.start.isoformat()))
        tip = self.tr("%1: %2 of %3 households visited since %4 — click to list the households")
        self.coverage_chart.set_rates(
            [c.name for c in d.coverage], [c.visited for c in d.coverage], [c.households for c in d.coverage],
            [tip.replace("%1", c.name).replace("%2", str(c.visited)).replace("%3", str(c.households))
             .replace("%4", d.half.start.isoformat()) for c in d.coverage])

    # ------------------------------------------------------------------ click-through
    def open_link(self, link: Link | None) -> None:
        if link is not None:
            self.ctx.bus.navigate.emit(link.page, dict(link.filters))

    def _open_bar(self, bars, index: int) -> None:
        if 0 <= index < len(bars):
            self.open_link(bars[index].link)

    def _on_card_clicked(self, key: str) -> None:
        if self.data is None:
            return
        card: Card = getattr(self.data, key)
        if card.breakdown:
            self._show_breakdown(self.cards[key], card)
        else:
            self.open_link(card.link)

    def _show_breakdown(self, widget: QWidget, card: Card) -> None:
        """A menu of the groups with their numbers; choosing one lists its people."""
        menu = QMenu(self)
        menu.setObjectName("breakdown_menu")
        number = QLocale().toString
        for bar in card.breakdown:
            action = menu.addAction(self.tr("%1 — %2 people").replace("%1", bar.label).replace("%2", number(bar.value)))
            action.triggered.connect(lambda _checked=False, link=bar.link: self.open_link(link))
        self.breakdown_menu = menu
        menu.popup(widget.mapToGlobal(widget.rect().bottomLeft()))
