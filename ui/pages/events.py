"""事件: the events in scope, filtered and paged in SQL, and one event in detail with its timeline.

The list filters by state, kind, category, overdue, 督办, mine and escalated (``EventQuery``);
rows past their deadline are red, supervised ones amber. The detail shows the facts, the parties,
the attachments and the timeline (exactly the event's actions). The action buttons come from
``events.available_actions``: an action that doesn't apply to the event's state is hidden, one the
user may not take is disabled with the reason as its tooltip; each opens a small dialog asking for
what it needs.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from html import escape

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout, QFrame, QGridLayout, QHBoxLayout,
                               QHeaderView, QLabel, QPushButton, QScrollArea, QTableWidget, QTableWidgetItem,
                               QToolBar, QToolButton, QVBoxLayout, QWidget)

from gridapp import workflow
from gridapp.errors import GridappError
from gridapp.reports import print_forms
from gridapp.services import codes, events, grids
from gridapp.services.events import EventQuery
from ui.context import AppContext
from ui.dialogs.event import CATEGORY_TABLES, PRIORITY_COLORS, EventDialog
from ui.dialogs.event_action import EventActionDialog
from ui.dialogs.person import select_data
from ui.dialogs.visit import AttachmentStrip, open_visit
from ui.models.paged import PagedTableModel, display
from ui.print_actions import add_print_actions
from ui.widgets import ask
from ui.widgets.lists import CountLabel, empty_label, list_splitter, list_table
from ui.widgets.search_box import SearchBox
from ui.widgets.timeline import STATE_COLORS, TimelineView, state_label

SPLITTER_KEY = "events/splitter"
# Columns of the list: what a clerk scans first comes first.
NUMBER, TITLE, STATE, DEADLINE, PRIORITY, KIND, CATEGORY, REGISTERED, UNIT, LEVEL, HANDLER = range(11)
COLUMN_WIDTHS = (156, 210, 56, 86, 40, 64, 84, 118, 130, 56)
ACTIONS_PER_ROW = 4
OVERDUE_BACKGROUND = QColor("#ffebee")
OVERDUE_TEXT = QColor("#b71c1c")
SUPERVISED_BACKGROUND = QColor("#fff3e0")
OPEN = "open"  # the state filter's “not closed yet”
REPORT_PREFIX = "report:"  # category filter data of a township statistics class (report:合同)
# The orders the event service offers: (column, arrow) of each sort key.
SORT_COLUMNS = {"registered": (REGISTERED, Qt.SortOrder.DescendingOrder),
                "deadline": (DEADLINE, Qt.SortOrder.AscendingOrder)}


def badge(text: str, color: str) -> str:
    return f"<span style='background:{color}; color:white; padding:1px 6px;'>&nbsp;{escape(text)}&nbsp;</span>"


class EventTableModel(PagedTableModel):
    """Events in scope, filtered, sorted and paged in by the event service; overdue rows red,
    supervised rows amber."""

    def __init__(self, ctx: AppContext, parent=None):
        columns = [
            (self.tr("Number"), "number"),
            (self.tr("Title"), "title"),
            (self.tr("State"), lambda r: state_label(r.state)),
            (self.tr("Deadline"), "deadline", "deadline"),
            (self.tr("Priority"), "priority"),
            (self.tr("Kind"), "kind"),
            (self.tr("Category"), "category_name"),
            (self.tr("Registered"), "registered_at", "registered"),
            (self.tr("Village / grid"), lambda r: f"{r.village_name} {r.grid_name}".strip()),
            (self.tr("Level"), "level"),
            (self.tr("Handler"), "handler_name"),
        ]
        super().__init__(columns, count_fn=lambda q: events.count(ctx.actor, q),
                         page_fn=lambda q, offset, limit: events.page(ctx.actor, q, offset=offset, limit=limit),
                         parent=parent, with_sort=lambda q, key, _descending: dataclasses.replace(q, sort=key))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            row = self.row_at(index)
            if row is None:
                return None
            if role == Qt.ItemDataRole.BackgroundRole:
                if row.overdue:
                    return QBrush(OVERDUE_BACKGROUND)
                if row.supervised:
                    return QBrush(SUPERVISED_BACKGROUND)
                return None
            if row.overdue and index.column() in (NUMBER, DEADLINE):
                return QBrush(OVERDUE_TEXT)
            if index.column() == PRIORITY:
                return QBrush(QColor(PRIORITY_COLORS.get(row.priority, "#333")))
            return None
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole:
            row = self.row_at(index)
            if row is not None and (row.overdue or row.supervised):
                flags = [self.tr("Overdue") if row.overdue else "", self.tr("Supervised") if row.supervised else ""]
                return f"{row.title}（{'、'.join(f for f in flags if f)}）"
        return super().data(index, role)


class EventDetailPane(QWidget):
    """One event: facts, parties, attachments, timeline, and the buttons of its next actions."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.detail = None
        self.options: list = []
        self.action_buttons: dict[str, QPushButton] = {}

        self.empty = QLabel(self.tr("Choose an event in the list to see its details and timeline.\n"
                                    "To report a new one, click “Report event” (Ctrl+N)."), self)
        self.empty.setObjectName("detail_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #777; padding: 24px;")

        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(8)
        self.title = QLabel(self.body)
        self.title.setObjectName("detail_title")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.badges = QLabel(self.body)
        self.badges.setObjectName("badges")
        self.badges.setTextFormat(Qt.TextFormat.RichText)
        self.alert = QLabel(self.body)
        self.alert.setObjectName("alert")
        self.alert.setWordWrap(True)
        self.alert.setStyleSheet("background: #fff3e0; border: 1px solid #ffb74d; padding: 6px; color: #4e342e;")
        self.alert.hide()
        self.actions_row = QGridLayout()
        self.actions_row.setHorizontalSpacing(6)
        self.actions_row.setVerticalSpacing(4)
        self.edit_button = QPushButton(self.tr("Correct…"), self.body)
        self.edit_button.setObjectName("edit_event")
        self.visit_button = QPushButton(self.tr("Open the visit"), self.body)
        self.visit_button.setObjectName("open_source_visit")
        self.visit_button.setToolTip(self.tr("The visit or inspection this event was reported from"))
        self.attach_button = QPushButton(self.tr("Add photo…"), self.body)
        self.attach_button.setObjectName("attach")
        self.attach_button.setToolTip(self.tr("Attach a photo or a scanned paper to this event"))
        self.actions_holder = QWidget(self.body)
        self.actions_holder.setLayout(self.actions_row)
        self.actions_row.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.badges)
        bar.addStretch(1)
        bar.addWidget(self.visit_button)
        bar.addWidget(self.attach_button)
        bar.addWidget(self.edit_button)
        self.print_actions = add_print_actions(  # the 人民调解协议书 of a dispute mediated to success
            bar, self, ctx, lambda: print_forms.agreement_form(self.ctx.actor, self.detail.id),
            title=self.tr("Print agreement"))
        body.addWidget(self.title)
        body.addLayout(bar)
        body.addWidget(self.actions_holder)
        body.addWidget(self.alert)

        facts = QFrame(self.body)
        grid = QGridLayout(facts)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        self.facts: dict[str, QLabel] = {}
        columns = (
            (("kind", self.tr("Kind:")), ("category", self.tr("Category:")), ("occurred", self.tr("Occurred:")),
             ("location", self.tr("Location:")), ("unit", self.tr("Village / grid:")),
             ("scale", self.tr("Scale:"))),
            (("registered", self.tr("Registered:")), ("reporter", self.tr("Reported by:")),
             ("handler", self.tr("Handled by:")), ("deadline", self.tr("Deadline:")),
             ("extension", self.tr("Extension:")), ("resolution", self.tr("Resolution:"))),
        )
        for position, rows in enumerate(columns):
            form = QFormLayout()
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            form.setHorizontalSpacing(8)
            form.setVerticalSpacing(3)
            for key, text in rows:
                value = QLabel(facts)
                value.setObjectName(f"fact_{key}")
                value.setWordWrap(True)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.facts[key] = value
                form.addRow(text, value)
            grid.addLayout(form, 0, position)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        body.addWidget(facts)
        self.description = QLabel(self.body)
        self.description.setObjectName("description")
        self.description.setWordWrap(True)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.description.setStyleSheet("background: #fafafa; border: 1px solid #e0e0e0; padding: 6px;")
        body.addWidget(self.description)

        body.addWidget(self._section(self.tr("Parties")))
        self.parties = QTableWidget(0, 4, self.body)
        self.parties.setObjectName("parties")
        self.parties.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"), self.tr("ID number"),
                                                self.tr("Phone")])
        self.parties.verticalHeader().hide()
        self.parties.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.parties.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.parties.setMaximumHeight(110)
        body.addWidget(self.parties)
        self.attachments_title = self._section(self.tr("Attachments"))
        body.addWidget(self.attachments_title)
        self.attachments = AttachmentStrip(self.body)
        self.attachments.set_read_only(True)
        body.addWidget(self.attachments)
        body.addWidget(self._section(self.tr("Timeline")))
        self.timeline = TimelineView(self.body)
        body.addWidget(self.timeline)
        body.addStretch(1)

        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.scroll)
        self.show_event(None)

    def _section(self, text: str) -> QLabel:
        label = QLabel(f"<b>{escape(text)}</b>", self.body)
        label.setStyleSheet("margin-top: 4px;")
        return label

    # ------------------------------------------------------------------ content
    def show_event(self, detail) -> None:
        self.detail = detail
        self.empty.setVisible(detail is None)
        self.scroll.setVisible(detail is not None)
        if detail is None:
            self.options = []
            self._fill_actions()
            return
        d = detail
        self.title.setText(f"{d.number}　{d.title}")
        badges = [badge(state_label(d.state), STATE_COLORS.get(d.state, "#546e7a")),
                  badge(self.tr("Priority %1").replace("%1", d.priority), PRIORITY_COLORS.get(d.priority, "#777"))]
        if d.overdue:
            badges.append(badge(self.tr("Overdue"), "#b71c1c"))
        if d.supervised:
            badges.append(badge(self.tr("Supervised"), "#e65100"))
        if d.escalated:
            badges.append(badge(self.tr("Reported up to %1").replace("%1", d.level), "#4527a0"))
        self.badges.setText(" ".join(badges))
        alerts = []
        if d.supervised and d.supervision_note:
            alerts.append(self.tr("Supervision: %1").replace("%1", d.supervision_note))
        if d.extension_pending:
            alerts.append(self.tr("Extension to %1 requested: %2").replace("%1", display(d.extension_until))
                          .replace("%2", d.extension_reason or ""))
        self.alert.setText("\n".join(alerts))
        self.alert.setVisible(bool(alerts))
        f = self.facts
        f["kind"].setText(d.kind)
        f["category"].setText(" / ".join(x for x in (d.category_name, d.report_category) if x) or "—")
        f["occurred"].setText(display(d.occurred_at) or "—")
        f["location"].setText(" · ".join(x for x in (d.place_name, d.location) if x) or "—")
        f["unit"].setText(" ".join(x for x in (d.village_name, d.grid_name) if x) or "—")
        f["scale"].setText(self.tr("%1, %2 people").replace("%1", d.scale).replace("%2", str(d.people_count)))
        f["registered"].setText(display(d.registered_at))
        f["reporter"].setText(d.reporter_name or "—")
        f["handler"].setText(" · ".join(x for x in (d.level, d.handler_name) if x))
        deadline = display(d.deadline) or "—"
        if d.overdue:
            deadline = self.tr("%1 (overdue)").replace("%1", deadline)
        elif d.on_time is not None:
            timing = self.tr("closed on time") if d.on_time else self.tr("closed late")
            deadline = f"{deadline}（{timing}）"
        f["deadline"].setText(deadline)
        f["deadline"].setStyleSheet("color: #b71c1c; font-weight: bold;" if d.overdue else "")
        f["extension"].setText(self.tr("requested to %1").replace("%1", display(d.extension_until))
                               if d.extension_pending else "—")
        resolution = [x for x in (d.outcome, d.method, d.mediator and self.tr("mediator %1").replace("%1", d.mediator),
                                  d.satisfaction and self.tr("follow-up: %1").replace("%1", d.satisfaction)) if x]
        f["resolution"].setText(" · ".join(resolution) or "—")
        text = d.description or self.tr("(no description)")
        if d.agreement:
            text += "\n\n" + self.tr("Agreement (%1):").replace("%1", display(d.agreement_date)) + "\n" + d.agreement
        self.description.setText(text)
        self.parties.setRowCount(0)
        for p in d.parties:
            row = self.parties.rowCount()
            self.parties.insertRow(row)
            for column, value in enumerate((p.name, p.role, p.id_number or "—", p.phone or "—")):
                self.parties.setItem(row, column, QTableWidgetItem(value))
        self.attachments.set_existing(d.attachments)
        self.attachments_title.setVisible(bool(d.attachments))
        self.attachments.setVisible(bool(d.attachments))
        self.timeline.set_actions(d.timeline)
        self.visit_button.setVisible(d.visit_id is not None)
        try:
            self.options = events.available_actions(self.ctx.actor, d.id)
            refusal = events.edit_refusal(self.ctx.actor, d.id)
        except GridappError as exc:
            self.options, refusal = [], exc.message
        self.attach_button.setEnabled(self.ctx.actor.role in events.REPORT_ROLES and d.state != workflow.ARCHIVED)
        self.attach_button.setToolTip(self.tr("Attach a photo or a scanned paper to this event")
                                      if self.attach_button.isEnabled() else
                                      self.tr("An archived event keeps its attachments as they are")
                                      if d.state == workflow.ARCHIVED else self.tr("Your role can't change events"))
        self.edit_button.setEnabled(refusal is None)
        self.edit_button.setToolTip(refusal or self.tr("Correct the facts of this event"))
        no_agreement = print_forms.agreement_refusal(d)
        self.print_actions.set_available(no_agreement is None, no_agreement or "")
        self.print_actions.button.setVisible(d.kind == workflow.KINDS[0])  # 矛盾纠纷 only
        self._fill_actions()

    def _fill_actions(self) -> None:
        for button in self.action_buttons.values():
            self.actions_row.removeWidget(button)
            button.deleteLater()
        self.action_buttons = {}
        for option in self.options:
            if not option.visible:
                continue
            button = QPushButton(QCoreApplication.translate("Workflow", option.label), self.actions_holder)
            button.setObjectName(f"action_{option.action}")
            button.setEnabled(option.enabled)
            button.setToolTip(option.reason if not option.enabled else
                              self.tr("%1 this event").replace("%1", button.text()))
            if option.enabled:
                button.setStyleSheet("font-weight: bold;")
            count = len(self.action_buttons)
            self.actions_row.addWidget(button, count // ACTIONS_PER_ROW, count % ACTIONS_PER_ROW)
            button.show()
            self.action_buttons[option.action] = button
        self.actions_row.activate()  # lay the new buttons out now, not at the next turn of the event loop
        self.actions_holder.updateGeometry()
        self.body.layout().activate()

    def option(self, action: str):
        return next((o for o in self.options if o.action == action), None)


class EventsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._stale = False
        self._unit: tuple[str, str | int] | None = None
        self._period: tuple[dt.date | None, dt.date | None] = (None, None)  # registered from, to
        self.model = EventTableModel(ctx, self)
        self._build()
        self._connect()
        self.run_query()
        if self.model.total:
            self._select_row(0)

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_action = QAction(self.tr("Report event"), self)
        self.new_action.setObjectName("new_event")
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.new_action.setToolTip(self.tr("Report a new event (Ctrl+N)"))
        self.new_action.setEnabled(ctx_can_report(self.ctx))
        if not self.new_action.isEnabled():
            self.new_action.setToolTip(self.tr("Your role can't report events"))
        self.refresh_action = QAction(self.tr("Refresh"), self)
        self.refresh_action.setObjectName("refresh")
        self.toolbar.addAction(self.new_action)
        self.toolbar.addAction(self.refresh_action)

        self.search = SearchBox(self, self.tr("Search: event number or words of the title (Ctrl+F)"))
        self.search.setObjectName("search")
        self.state = QComboBox(self)
        self.state.setObjectName("state_filter")
        self.state.addItem(self.tr("Any state"), None)
        self.state.addItem(self.tr("Not closed yet"), OPEN)
        for state in workflow.STATES:
            self.state.addItem(state_label(state), state)
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind_filter")
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in workflow.KINDS:
            self.kind.addItem(kind, kind)
        self.category = QComboBox(self)
        self.category.setObjectName("category_filter")
        self.category.setMinimumContentsLength(8)
        for combo in (self.state, self.kind, self.category):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._fill_categories()
        self.flags: dict[str, QToolButton] = {}
        for key, text, tip in (
                ("overdue", self.tr("Overdue"), self.tr("Past the deadline and not closed")),
                ("supervised", self.tr("Supervised"), self.tr("Urged by the level above (督办)")),
                ("mine", self.tr("Mine"), self.tr("Reported or handled by me")),
                ("escalated", self.tr("Reported up"), self.tr("Passed up to the township or county"))):
            button = QToolButton(self)
            button.setObjectName(f"flag_{key}")
            button.setText(text)
            button.setToolTip(tip)
            button.setCheckable(True)
            self.flags[key] = button
        self.unit_label = QLabel(self)
        self.clear_unit_button = QPushButton(self.tr("Show all"), self)
        self.clear_unit_button.setObjectName("clear_unit")
        self.clear_unit_button.hide()
        self.period_label = QLabel(self)
        self.period_label.setObjectName("period")
        self.clear_period_button = QPushButton(self.tr("Any date"), self)
        self.clear_period_button.setObjectName("clear_period")
        self.clear_period_button.setToolTip(self.tr("Show the events of every registration date"))
        self.clear_period_button.hide()
        self.count_label = CountLabel(self, 90)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.state)
        filters.addWidget(self.kind)
        filters.addWidget(self.category)
        for button in self.flags.values():
            filters.addWidget(button)
        filters.addWidget(self.unit_label)
        filters.addWidget(self.clear_unit_button)
        filters.addWidget(self.period_label)
        filters.addWidget(self.clear_period_button)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        self.table = list_table(self, "events", self.model, COLUMN_WIDTHS, sort=SORT_COLUMNS["registered"],
                                alternating=False)
        self.empty_label = empty_label(self.table)

        self.detail = EventDetailPane(self.ctx, self)
        self.splitter = list_splitter(self, "events_splitter", self.table, self.detail, [700, 520],
                                      self.ctx.settings, SPLITTER_KEY)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.toolbar)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        self.find_shortcut = QShortcut(QKeySequence("Ctrl+F"), self)
        self.find_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)

    def _connect(self) -> None:
        self.new_action.triggered.connect(self.new_record)
        self.refresh_action.triggered.connect(self.refresh)
        self.find_shortcut.activated.connect(self.focus_search)
        self.search.search_changed.connect(self.run_query)
        self.state.currentIndexChanged.connect(self.run_query)
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        self.category.currentIndexChanged.connect(self.run_query)
        for button in self.flags.values():
            button.toggled.connect(self.run_query)
        self.clear_unit_button.clicked.connect(lambda: self.set_unit(None))
        self.clear_period_button.clicked.connect(lambda: self.set_period(None, None))
        self.model.total_changed.connect(self._on_model_total_changed)
        self.model.modelReset.connect(self._after_reset)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_sort_indicator_changed)
        self.detail.edit_button.clicked.connect(self.edit_event)
        self.detail.visit_button.clicked.connect(self._on_visit_button_clicked)
        self.detail.attach_button.clicked.connect(self.attach_file)
        self.ctx.bus.data_changed.connect(self._on_bus_data_changed)
        self.splitter.splitterMoved.connect(
            lambda *_: self.ctx.settings.setValue(SPLITTER_KEY, self.splitter.saveState()))

    def _fill_categories(self) -> None:
        table = CATEGORY_TABLES.get(self.kind.currentData())
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("All categories"), None)
        if table == "dispute_category":  # the township's statistics classes first, as the reports count
            self._add_category_heading(self.tr("Statistics class"))
            for _code, name in codes.items("dispute_report"):
                self.category.addItem(name, REPORT_PREFIX + name)
            self._add_category_heading(self.tr("GB/T 31000 category"))
        if table is not None:
            for code, name in codes.items(table):
                indent = "\u3000" if table == "dispute_category" and len(code) > 2 else ""
                self.category.addItem(indent + name, code)
        self.category.setEnabled(table is not None)
        self.category.setToolTip("" if table is not None else
                                 self.tr("Choose 矛盾纠纷 or 安全隐患 first to filter by category"))
        self.category.blockSignals(False)

    def _add_category_heading(self, text: str) -> None:
        """A grey heading in the category list that can't be chosen."""
        self.category.addItem(f"— {text} —", None)
        item = self.category.model().item(self.category.count() - 1)
        item.setEnabled(False)
        font = item.font()
        font.setBold(True)
        item.setFont(font)

    def _on_kind_current_index_changed(self, _index: int) -> None:
        self._fill_categories()
        self.run_query()

    # ------------------------------------------------------------------ query
    def query(self) -> EventQuery:
        state = self.state.currentData()
        current = self.model.query
        unit = self._unit
        category = self.category.currentData()
        report_category = category[len(REPORT_PREFIX):] if category and category.startswith(REPORT_PREFIX) else None
        return EventQuery(
            state=tuple(s for s in workflow.STATES if s in workflow.OPEN_STATES) if state == OPEN else state,
            kind=self.kind.currentData(), category=None if report_category else category,
            report_category=report_category,
            registered_from=self._period[0], registered_to=self._period[1],
            overdue=True if self.flags["overdue"].isChecked() else None,
            supervised=True if self.flags["supervised"].isChecked() else None,
            mine=self.flags["mine"].isChecked(),
            escalated=True if self.flags["escalated"].isChecked() else None,
            text=self.search.text().strip() or None,
            grid_id=unit[1] if unit and unit[0] == "grid" else None,
            village_code=unit[1] if unit and unit[0] == "village" else None,
            sort=current.sort if current is not None else "registered")

    def run_query(self, *_args) -> None:
        keep = self.detail.detail.id if self.detail.detail is not None else None
        try:
            self.model.set_query(self.query())
        except GridappError as exc:
            ask.error(self, self.tr("Search failed"), exc.message)
            return
        self._reselect(keep)

    def refresh(self) -> None:
        self._stale = False
        keep = self.detail.detail.id if self.detail.detail is not None else None
        self.model.refresh()
        self._reselect(keep)
        if keep is not None:
            self._show_detail(keep)

    def _reselect(self, event_id: int | None) -> None:
        row = self.model.find_row(lambda r: r.id == event_id) if event_id is not None else -1
        if row >= 0:
            self._select_row(row)
        elif self.model.total == 1:
            self._select_row(0)

    def _select_row(self, row: int) -> None:
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def set_unit(self, unit: tuple[str, str | int] | None, name: str = "") -> None:
        self._unit = unit
        self.unit_label.setText(self.tr("Only: %1").replace("%1", name) if unit else "")
        self.clear_unit_button.setVisible(unit is not None)
        self.run_query()

    def set_period(self, start: dt.date | None, end: dt.date | None) -> None:
        """Only events registered from ``start`` to ``end`` (both included; None: open-ended)."""
        self._period = (start, end)
        self._show_period()
        self.run_query()

    def _show_period(self) -> None:
        start, end = (d.isoformat() if d else "" for d in self._period)
        if start and end:
            text = self.tr("Registered %1 to %2").replace("%1", start).replace("%2", end)
        elif start or end:
            text = (self.tr("Registered from %1") if start else self.tr("Registered until %1")).replace("%1",
                                                                                                     start or end)
        else:
            text = ""
        self.period_label.setText(text)
        self.clear_period_button.setVisible(bool(text))

    def _after_reset(self) -> None:
        if self.model.total:
            self.empty_label.hide()
            return
        q = self.model.query
        filtered = q is not None and (q.state or q.kind or q.overdue or q.supervised or q.mine or q.escalated
                                      or q.text or q.grid_id or q.village_code or q.registered_from
                                      or q.registered_to)
        self.empty_label.setText(self.tr("No event matches. Clear some filters.") if filtered else
                                 self.tr("No events yet. Click “Report event” (Ctrl+N) to report the first one."))
        self.empty_label.show()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_sort_indicator_changed(self, _column: int, _order) -> None:
        """The list is newest registered first or soonest deadline first: the arrow shows which."""
        key = self.model.query.sort if self.model.query is not None else "registered"
        column, order = SORT_COLUMNS[key]
        header = self.table.horizontalHeader()
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (column, order):
            header.blockSignals(True)
            header.setSortIndicator(column, order)
            header.blockSignals(False)

    def _on_model_total_changed(self, total: int) -> None:
        self.count_label.setText(self.tr("%1 events").replace("%1", f"{total:,}"))

    # ------------------------------------------------------------------ detail
    def _on_table_current_row_changed(self, current, _previous) -> None:
        row = self.model.row_at(current) if current.isValid() else None
        self._show_detail(row.id if row is not None else None)

    def _show_detail(self, event_id: int | None) -> None:
        detail = None
        if event_id is not None:
            try:
                detail = events.get(self.ctx.actor, event_id)
            except GridappError:
                detail = None
        self.detail.show_event(detail)
        for action, button in self.detail.action_buttons.items():
            button.clicked.connect(lambda _checked=False, a=action: self.take_action(a))

    def show_event(self, event_id: int) -> None:
        """Select one event: the filters are cleared and its number searched."""
        try:
            detail = events.get(self.ctx.actor, event_id)
        except GridappError as exc:
            ask.warning(self, self.tr("Event"), exc.message)
            return
        self._reset_filters()
        self.search.setText(detail.number)
        self.run_query()
        self._reselect(event_id)
        if self.detail.detail is None or self.detail.detail.id != event_id:
            self._show_detail(event_id)

    def _reset_filters(self) -> None:
        for widget in (self.state, self.kind, self.category, *self.flags.values()):
            widget.blockSignals(True)
        self.state.setCurrentIndex(0)
        self.kind.setCurrentIndex(0)
        self._fill_categories()
        for button in self.flags.values():
            button.setChecked(False)
        for widget in (self.state, self.kind, self.category, *self.flags.values()):
            widget.blockSignals(False)
        self._unit = None
        self.unit_label.clear()
        self.clear_unit_button.hide()
        self._period = (None, None)
        self._show_period()

    # ------------------------------------------------------------------ actions
    def take_action(self, action: str) -> None:
        detail, option = self.detail.detail, self.detail.option(action)
        if detail is None or option is None or not option.enabled:
            return
        EventActionDialog.ask(self, self.ctx, detail, option)  # the bus refreshes the page
        self._show_detail(detail.id)

    def new_record(self) -> None:
        if not self.new_action.isEnabled():
            return
        detail = EventDialog.ask(self, self.ctx)
        if detail is not None:
            self.show_event(detail.id)

    def edit_event(self) -> None:
        detail = self.detail.detail
        if detail is None or not self.detail.edit_button.isEnabled():
            return
        try:
            EventDialog.ask(self, self.ctx, event_id=detail.id)
        except GridappError as exc:
            ask.error(self, self.tr("Correct event"), exc.message)
        self._show_detail(detail.id)

    def attach_file(self) -> None:
        """A photo or scan for the event, stored in the attachment store."""
        from ui.dialogs.visit import IMAGE_FILTER

        detail = self.detail.detail
        if detail is None:
            return
        path = ask.open_file(self, self.tr("Add photo or scan"), "",
                             self.tr("Photos and scans") + f" ({IMAGE_FILTER});;" + self.tr("All files") + " (*)")
        if not path:
            return
        try:
            events.add_attachments(self.ctx.actor, detail.id, [path])
        except GridappError as exc:
            ask.error(self, self.tr("Add photo or scan"), exc.message)
            return
        self.ctx.bus.data_changed.emit("event")
        self._show_detail(detail.id)

    def _on_visit_button_clicked(self) -> None:
        detail = self.detail.detail
        if detail is None or detail.visit_id is None:
            return
        try:
            open_visit(self, self.ctx, detail.visit_id)
        except GridappError as exc:
            ask.error(self, self.tr("Visit"), exc.message)

    def focus_search(self) -> None:
        self.search.focus()

    def apply_filter(self, filters: dict) -> None:
        """Show what another page asked for: ``event_id``, or filters such as ``state`` (a state or
        ``"open"``), ``kind``, ``category`` (a code) or ``report_category`` (a statistics class of
        矛盾纠纷), ``overdue``, ``supervised``, ``mine``, ``escalated``, ``registered_from`` and
        ``registered_to`` (dates or ISO text, both included), ``village_code``, ``grid_id``, ``text``."""
        if filters.get("event_id") is not None:
            self.show_event(int(filters["event_id"]))
            return
        self._reset_filters()
        for widget in (self.state, self.kind, self.category, *self.flags.values()):
            widget.blockSignals(True)
        select_data(self.state, filters.get("state"))
        select_data(self.kind, filters.get("kind"))
        self._fill_categories()
        report_category = filters.get("report_category")
        select_data(self.category, REPORT_PREFIX + report_category if report_category else filters.get("category"))
        self._period = (_date(filters.get("registered_from")), _date(filters.get("registered_to")))
        self._show_period()
        for key, button in self.flags.items():
            button.setChecked(bool(filters.get(key)))
        for widget in (self.state, self.kind, self.category, *self.flags.values()):
            widget.blockSignals(False)
        self.search.setText(filters.get("text", ""))
        if filters.get("grid_id") is not None:
            grid_id = int(filters["grid_id"])
            try:
                name = grids.get_grid(self.ctx.actor, grid_id).name
            except GridappError:
                name = str(grid_id)
            self.set_unit(("grid", grid_id), name)
        elif filters.get("village_code"):
            self.set_unit(("village", filters["village_code"]), codes.division_name(filters["village_code"]))
        else:
            self.run_query()

    def _on_bus_data_changed(self, entity: str) -> None:
        if entity not in ("event", "visit", "place", "settings"):
            return
        if not self.isVisible():
            self._stale = True
            return
        self.refresh()


def _date(value) -> dt.date | None:
    """A filter's date, given as a date or as ISO text."""
    if not value:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def ctx_can_report(ctx: AppContext) -> bool:
    return ctx.actor.role in events.REPORT_ROLES
