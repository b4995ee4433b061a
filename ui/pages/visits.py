"""走访: the worklist (待访) on the left, the chosen target's visit history on the right.

The worklist comes from ``worklist.view``: one view at a time (逾期 / 今日到期 / 本周到期 /
本月到期, which is what is still to visit this statistical month, as the 工作台 counts it), most
urgent first (overdue days × attention), with the counts per grid (grid workers and villages) or
per village (townships and above) in a small table above it; clicking a unit narrows the list to
it. Due dates are computed in SQL at query time, so a visit recorded here leaves the overdue list
at once.

记录走访 (Ctrl+N), Enter or a double-click on a worklist row opens the visit dialog prefilled with
that target (a place opens the inspection dialog). The history on the right lists the target's
visits, newest first; a double-click opens one (editable by its author within 7 days).
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableView, QTableWidget, QTableWidgetItem, QToolBar,
                               QVBoxLayout, QWidget)

from gridapp.errors import GridappError
from gridapp.reports import print_forms
from gridapp.services import visits, worklist
from gridapp.services.actor import GRID_WORKER
from ui.context import AppContext
from ui.dialogs.inspection import InspectionDialog
from ui.dialogs.person import select_data
from ui.dialogs.visit import AttachmentStrip, Target, VisitDialog, due_text, open_visit
from ui.models.households import RowListModel
from ui.models.paged import PagedTableModel, display
from ui.print_actions import add_print_actions
from ui.widgets import ask
from ui.widgets.lists import empty_label, list_splitter

SPLITTER_KEY = "visits/splitter"
VIEWS = ("overdue", "today", "week", "month")
EVENTS_COLUMN_OF_COUNTS = 5  # the counts table's overdue events (double-click opens them)
WORK_WIDTHS = (150, 64, 170, 86, 86, 86, 120)
HISTORY_WIDTHS = (118, 44, 44, 70, 64, 50, 140, 40, 40)
STATE_COLUMN, RISK_COLUMN, CHECKLIST_COLUMN, FILES_COLUMN, EVENTS_COLUMN = 4, 5, 6, 7, 8
COUNT_ROWS_SHOWN = 5  # the counts table grows to this many rows, then scrolls
OVERDUE_COLOR = QColor("#b71c1c")
SOON_COLOR = QColor("#e65100")


@dataclass(frozen=True)
class WorkQuery:
    view: str = "overdue"
    kind: str | None = None
    grid_id: int | None = None
    village_code: str | None = None


class WorklistModel(PagedTableModel):
    """One view of the worklist; a new query reads its first page and the counts in one pass."""

    counts_changed = Signal(object)  # worklist.Worklist of the last query

    def __init__(self, ctx: AppContext, parent=None):
        self.ctx = ctx
        self.last: worklist.Worklist | None = None
        kinds = {"household": self.tr("Household"), "person": self.tr("Person"), "place": self.tr("Place")}
        columns = [
            (self.tr("Name"), "name"),
            (self.tr("Kind"), lambda r: kinds.get(r.kind, r.kind)),
            (self.tr("Why"), lambda r: "、".join(r.categories) if r.kind == "person" else r.reason),
            (self.tr("Due"), "due"),
            (self.tr("Overdue"), self.overdue_text),
            (self.tr("Last visit"), lambda r: r.last_visit or self.tr("never")),
            (self.tr("Grid"), lambda r: r.grid_name if self._by_grid() else f"{r.village_name} {r.grid_name}"),
            (self.tr("Address"), "address"),
        ]
        super().__init__(columns, count_fn=lambda q: self.last.total if self.last else 0,
                         page_fn=self._page, parent=parent)

    def _by_grid(self) -> bool:
        return self.ctx.actor.role == GRID_WORKER or self.ctx.actor.level == "village"

    def _page(self, query: WorkQuery, offset: int, limit: int):
        if offset == 0 and self.last is not None:
            return self.last.items
        return worklist.page(self.ctx.actor, query.view, grid_id=query.grid_id, village_code=query.village_code,
                             kind=query.kind, offset=offset, limit=limit).items

    def set_query(self, query: WorkQuery) -> None:
        self.last = worklist.view(self.ctx.actor, query.view, grid_id=query.grid_id,
                                  village_code=query.village_code, kind=query.kind, limit=self.PAGE)
        super().set_query(query)
        self.counts_changed.emit(self.last)

    def refresh(self) -> None:
        if self.query is not None:
            self.set_query(self.query)

    def overdue_text(self, item) -> str:
        if item.overdue_days > 0:
            return self.tr("%1 days").replace("%1", str(item.overdue_days))
        if item.overdue_days == 0:
            return self.tr("today")
        return self.tr("in %1 days").replace("%1", str(-item.overdue_days))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            item = self.row_at(index)
            if item is not None and index.column() in (3, 4):
                return QBrush(OVERDUE_COLOR if item.overdue_days > 0 else SOON_COLOR if item.overdue_days == 0
                              else QColor("#37474f"))
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            item = self.row_at(index)
            if item is not None:
                return f"{item.name} · {item.reason}"
        return super().data(index, role)


class HistoryPane(QWidget):
    """The visits of one target, newest first, with its due date and a button to record another."""

    visit_activated = Signal(int)  # a visit id, double-clicked

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.target: Target | None = None
        self.title = QLabel(self)
        self.title.setObjectName("history_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.due = QLabel(self)
        self.due.setObjectName("history_due")
        self.due.setWordWrap(True)
        self.record_button = QPushButton(self.tr("Record a visit of this target"), self)
        self.record_button.setObjectName("record_for_target")
        self.open_button = QPushButton(self.tr("Open record"), self)
        self.open_button.setObjectName("open_visit")
        self.open_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        self.print_actions = add_print_actions(buttons, self, ctx, self._chosen_visit_form,
                                               title=self.tr("Print record"))
        self.print_actions.set_available(False, self.tr("Choose a visit in the list first"))
        self.model = RowListModel([
            (self.tr("Date"), lambda r: display(r.visited_at)),
            (self.tr("Kind"), "kind"),
            (self.tr("Method"), "method"),
            (self.tr("Visitor"), "visitor_name"),
            (self.tr("State"), "state"),
            (self.tr("Risk"), lambda r: "" if r.risk_grade is None else self.tr("grade %1").replace(
                "%1", str(r.risk_grade))),
            (self.tr("Checklist"), lambda r: self._checklist_text(r)),
            (self.tr("Files"), lambda r: len(r.attachments) or ""),
            (self.tr("Events"), lambda r: len(r.event_ids) or ""),
            (self.tr("Notes"), lambda r: " ".join(r.notes.split())),
        ], self)
        self.table = QTableView(self)
        self.table.setObjectName("history")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate(HISTORY_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.preview = QLabel(self)
        self.preview.setObjectName("visit_preview")
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setStyleSheet("background: #fafafa; border: 1px solid #e0e0e0; padding: 6px;")
        self.preview.hide()
        self.attachments = AttachmentStrip(self)
        self.attachments.set_read_only(True)
        self.attachments.hide()
        self.empty = empty_label(self.table, "history_empty")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.due)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.preview)
        layout.addWidget(self.attachments)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.open_button.clicked.connect(lambda: self.selected() and self.visit_activated.emit(self.selected().id))
        self.show_target(None)

    def _checklist_text(self, row) -> str:
        if not row.checklist:
            return ""
        failed = row.failed_items
        return self.tr("%1 failed").replace("%1", str(len(failed))) if failed else self.tr("all passed")

    def show_target(self, target: Target | None, due=None) -> None:
        self.target = target
        self.record_button.setEnabled(target is not None)
        if target is None:
            self.title.setText(self.tr("Visit history"))
            self.due.clear()
            self.model.set_rows([])
            self._set_empty(self.tr("Choose someone in the worklist to see their visits.\n"
                                    "To record a visit of anyone else, click “Record visit” (Ctrl+N)."))
            return
        self.title.setText(target.label)
        if due is None:
            try:
                due = worklist.due_for(self.ctx.actor, target.kind, target.id)
            except GridappError:
                due = None
        self.due.setText(due_text(due))
        self.due.setStyleSheet("color: #b71c1c;" if due is not None and due.overdue else "color: #555;")
        self.reload()

    def reload(self) -> None:
        if self.target is None:
            return
        fn = {"household": self._household_history, "person": visits.history_for_person,
              "place": visits.history_for_place}[self.target.kind]
        try:
            rows = fn(self.ctx.actor, self.target.id)
        except GridappError as exc:
            rows = []
            self._set_empty(exc.message)
        self.model.set_rows(rows)
        for column, shown in ((STATE_COLUMN, self.target.kind != "place"),
                              (RISK_COLUMN, any(r.risk_grade is not None for r in rows)),
                              (CHECKLIST_COLUMN, any(r.checklist for r in rows)),
                              (FILES_COLUMN, any(r.attachments for r in rows)),
                              (EVENTS_COLUMN, any(r.event_ids for r in rows))):
            self.table.setColumnHidden(column, not shown)
        self._on_selection_changed()
        if not rows:
            self._set_empty(self.tr("No visits recorded yet."))
        else:
            self.empty.hide()
            self.table.selectRow(0)  # the latest visit, in full below the list

    @staticmethod
    def _household_history(actor, household_id: int):
        """The household's visits and its members': all of them count for its due date."""
        return visits.history_for_household(actor, household_id)

    def _set_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.empty.show()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0]) if rows else None

    def _chosen_visit_form(self):
        """The chosen visit's 走访记录 as a paper form (None when none is chosen)."""
        row = self.selected()
        return print_forms.visit_form(self.ctx.actor, row.id) if row is not None else None

    def _on_selection_changed(self, *_args) -> None:
        """The chosen visit in full under the list: notes, findings, companions, photos."""
        row = self.selected()
        self.open_button.setEnabled(row is not None)
        self.print_actions.set_available(row is not None, self.tr("Choose a visit in the list first"))
        parts = []
        if row is not None:
            for label, text in ((self.tr("Notes"), row.notes), (self.tr("Findings"), row.findings),
                                (self.tr("Companions"), row.companions),
                                (self.tr("Failed items"), "、".join(c.text for c in row.failed_items))):
                if text:
                    parts.append(f"<b>{escape(label)}：</b>{escape(text)}")
        self.preview.setText("<br>".join(parts))
        self.preview.setVisible(bool(parts))
        self.attachments.set_existing(row.attachments if row is not None else ())
        self.attachments.setVisible(row is not None and bool(row.attachments))

    def _on_table_double_clicked(self, index) -> None:
        row = self.model.row_at(index)
        if row is not None:
            self.visit_activated.emit(row.id)


class VisitsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._stale = False
        self._by_grid = ctx.actor.role == GRID_WORKER or ctx.actor.level == "village"
        self.model = WorklistModel(ctx, self)
        self._build()
        self._connect()
        self.run_query()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.record_action = QAction(self.tr("Record visit"), self)
        self.record_action.setObjectName("record_visit")
        self.record_action.setShortcut(QKeySequence("Ctrl+N"))
        self.record_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.record_action.setToolTip(self.tr("Record a visit of the chosen target, or of anyone found by "
                                              "search (Ctrl+N)"))
        self.refresh_action = QAction(self.tr("Refresh"), self)
        self.refresh_action.setObjectName("refresh")
        self.toolbar.addAction(self.record_action)
        self.toolbar.addAction(self.refresh_action)

        self.view_buttons = QButtonGroup(self)
        views = QHBoxLayout()
        views.setSpacing(4)
        for n, view in enumerate(VIEWS):
            button = QPushButton(self)
            button.setObjectName(f"view_{view}")
            button.setCheckable(True)
            button.setMinimumWidth(110)
            self.view_buttons.addButton(button, n)
            views.addWidget(button)
        self.view_buttons.button(0).setChecked(True)
        self.view_buttons.button(VIEWS.index("month")).setToolTip(
            self.tr("Due by the end of this statistical month, overdue included: who is still to visit this "
                    "month (the dashboard's “visits this month” counts the same)"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind_filter")
        self.kind.addItem(self.tr("Everyone and everything"), None)
        self.kind.addItem(self.tr("Households"), "household")
        self.kind.addItem(self.tr("People in special groups"), "person")
        self.kind.addItem(self.tr("Places"), "place")
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.unit_label = QLabel(self)
        self.unit_label.setObjectName("unit_filter")
        self.clear_unit_button = QPushButton(self.tr("Show all"), self)
        self.clear_unit_button.setObjectName("clear_unit")
        self.clear_unit_button.hide()
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addLayout(views)
        filters.addSpacing(12)
        filters.addWidget(self.kind)
        filters.addWidget(self.unit_label)
        filters.addWidget(self.clear_unit_button)
        filters.addStretch(1)

        self.counts = QTableWidget(0, 6, self)
        self.counts.setObjectName("counts")
        self.counts.setHorizontalHeaderLabels([self.tr("Grid") if self._by_grid else self.tr("Village"),
                                               self.tr("Overdue"), self.tr("Due today"), self.tr("This week"),
                                               self.tr("This month"), self.tr("Overdue events")])
        self.counts.verticalHeader().hide()
        self.counts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.counts.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.counts.setToolTip(self.tr("Click a row to show only its worklist; double-click the overdue events "
                                       "to open them"))
        header = self.counts.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.table = QTableView(self)
        self.table.setObjectName("worklist")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate(WORK_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.empty_label = empty_label(self.table)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(6)
        left_layout.addWidget(self.counts)
        left_layout.addWidget(self.table, 1)
        self.history = HistoryPane(self.ctx, self)
        self.splitter = list_splitter(self, "visits_splitter", left, self.history, [720, 500],
                                      self.ctx.settings, SPLITTER_KEY)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.toolbar)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        self._unit: tuple[str, str | int] | None = None  # ('grid', id) or ('village', code), and its name
        self._scope_counts: dict[str | None, tuple] = {}  # kind → counts of every unit, until a refresh
        self._unit_name = ""

    def _connect(self) -> None:
        self.record_action.triggered.connect(self.record_visit)
        self.refresh_action.triggered.connect(self.refresh)
        self.view_buttons.idToggled.connect(lambda _id, checked: checked and self.run_query())
        self.kind.currentIndexChanged.connect(self.run_query)
        self.clear_unit_button.clicked.connect(lambda: self.set_unit(None))
        self.counts.cellClicked.connect(self._on_counts_cell_clicked)
        self.counts.cellDoubleClicked.connect(self._on_counts_cell_double_clicked)
        self.model.counts_changed.connect(self._on_model_counts_changed)
        self.model.modelReset.connect(self._after_reset)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.table.activated.connect(lambda _index: self.record_visit())  # Enter or a double-click
        self.history.record_button.clicked.connect(self.record_for_target)
        self.history.visit_activated.connect(self.open_visit)
        self.ctx.bus.data_changed.connect(self._on_bus_data_changed)
        self.splitter.splitterMoved.connect(
            lambda *_: self.ctx.settings.setValue(SPLITTER_KEY, self.splitter.saveState()))

    # ------------------------------------------------------------------ query
    def current_view(self) -> str:
        return VIEWS[max(0, self.view_buttons.checkedId())]

    def query(self) -> WorkQuery:
        unit = self._unit
        return WorkQuery(view=self.current_view(), kind=self.kind.currentData(),
                         grid_id=unit[1] if unit and unit[0] == "grid" else None,
                         village_code=unit[1] if unit and unit[0] == "village" else None)

    def run_query(self, *_args) -> None:
        try:
            self.model.set_query(self.query())
        except GridappError as exc:
            ask.error(self, self.tr("Worklist"), exc.message)

    def refresh(self) -> None:
        self._stale = False
        self._scope_counts.clear()
        keep = self.selected_item()
        self.run_query()
        if keep is not None:
            row = self.model.find_row(lambda r: (r.kind, r.target_id) == (keep.kind, keep.target_id))
            if row >= 0:
                self._select_row(row)
        self.history.show_target(self.history.target)

    def set_unit(self, unit: tuple[str, str | int] | None, name: str = "") -> None:
        """Show only one grid's or village's worklist (None: the whole scope)."""
        self._unit, self._unit_name = unit, name
        self.unit_label.setText(self.tr("Only: %1").replace("%1", name) if unit else "")
        self.clear_unit_button.setVisible(unit is not None)
        if unit is None:
            self.counts.clearSelection()
        self.run_query()

    def _on_model_counts_changed(self, found) -> None:
        query = self.model.query
        if query.grid_id is None and not query.village_code:
            units = self._scope_counts[query.kind] = found.counts
        else:  # one unit's list: the table still counts every unit (kept from the last full query)
            units = self._scope_counts.get(query.kind)
            if units is None:
                units = self._scope_counts[query.kind] = tuple(worklist.counts(self.ctx.actor, kind=query.kind))
        self._fill_counts(units)
        shown = [c for c in units if self._unit is None or c.code == str(self._unit[1])]
        totals = {view: sum(getattr(c, view) for c in shown) for view in VIEWS}
        labels = {"overdue": self.tr("Overdue (%1)"), "today": self.tr("Due today (%1)"),
                  "week": self.tr("Due this week (%1)"), "month": self.tr("This month (%1)")}
        for n, view in enumerate(VIEWS):
            self.view_buttons.button(n).setText(labels[view].replace("%1", f"{totals[view]:,}"))

    def _fill_counts(self, units) -> None:
        self.counts.setRowCount(0)
        for unit in units:
            row = self.counts.rowCount()
            self.counts.insertRow(row)
            name = QTableWidgetItem(unit.name)
            name.setData(Qt.ItemDataRole.UserRole, unit)
            self.counts.setItem(row, 0, name)
            for column, value in enumerate((unit.overdue, unit.today, unit.week, unit.month, unit.overdue_events),
                                           start=1):
                item = QTableWidgetItem(f"{value:,}")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if value and column in (1, EVENTS_COLUMN_OF_COUNTS):
                    item.setForeground(QBrush(OVERDUE_COLOR))
                self.counts.setItem(row, column, item)
            if self._unit is not None and unit.code == str(self._unit[1]):
                self.counts.selectRow(row)
        shown = max(1, min(self.counts.rowCount(), COUNT_ROWS_SHOWN))
        self.counts.setFixedHeight(self.counts.horizontalHeader().sizeHint().height() + 2 * self.counts.frameWidth()
                                   + shown * self.counts.verticalHeader().defaultSectionSize() + 2)

    def _unit_of(self, row: int):
        item = self.counts.item(row, 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _on_counts_cell_clicked(self, row: int, _column: int) -> None:
        unit = self._unit_of(row)
        if unit is None or not unit.code:
            return
        key = ("grid", int(unit.code)) if self._by_grid else ("village", unit.code)
        self.set_unit(key, unit.name)

    def _on_counts_cell_double_clicked(self, row: int, column: int) -> None:
        unit = self._unit_of(row)
        if unit is None or column != EVENTS_COLUMN_OF_COUNTS or not unit.overdue_events:
            return
        filters: dict = {"overdue": True}
        if unit.code:
            filters["grid_id" if self._by_grid else "village_code"] = int(unit.code) if self._by_grid else unit.code
        self.ctx.bus.navigate.emit("events", filters)

    def _after_reset(self) -> None:
        if self.model.total:
            self.empty_label.hide()
            if self.selected_item() is None and self.history.target is None:
                self._select_row(0)
            return
        texts = {"overdue": self.tr("Nobody is overdue. Well done!"),
                 "today": self.tr("Nobody is due today."), "week": self.tr("Nobody is due this week."),
                 "month": self.tr("Nobody is left to visit this month.")}
        self.empty_label.setText(texts[self.current_view()])
        self.empty_label.show()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # ------------------------------------------------------------------ selection
    def _select_row(self, row: int) -> None:
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def selected_item(self):
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.row_at(index)

    def _on_table_current_row_changed(self, current, _previous) -> None:
        item = self.model.row_at(current) if current.isValid() else None
        if item is not None:
            self.history.show_target(Target(item.kind, item.target_id, item.name),
                                     due=worklist.DueInfo(item.kind, item.target_id, item.interval_days,
                                                          item.last_visit, item.due, item.overdue_days,
                                                          item.reason))

    # ------------------------------------------------------------------ actions
    def new_record(self) -> None:
        self.record_visit()

    def record_visit(self) -> None:
        """Record a visit of the chosen worklist row (anyone, found by search, when none is chosen)."""
        item = self.selected_item()
        target = Target(item.kind, item.target_id, item.name) if item is not None else None
        self._record(target)

    def record_for_target(self) -> None:
        self._record(self.history.target)

    def _record(self, target: Target | None) -> None:
        try:
            if target is not None and target.kind == "place":
                row = InspectionDialog.ask(self, self.ctx, place_id=target.id)
            else:
                row = VisitDialog.ask(self, self.ctx, target=target)
        except GridappError as exc:
            ask.error(self, self.tr("Record visit"), exc.message)
            return
        if row is not None:  # the bus has refreshed the worklist; keep showing the target visited
            self.history.show_target(Target(row.target_kind, row.target_id, target.label if target is not None
                                            else row.target_name))

    def open_visit(self, visit_id: int) -> None:
        try:
            open_visit(self, self.ctx, visit_id)
        except GridappError as exc:
            ask.error(self, self.tr("Visit"), exc.message)

    def apply_filter(self, filters: dict) -> None:
        """Show what another page asked for: ``view`` (overdue/today/week/month), ``kind``, ``grid_id`` or
        ``village_code``, or one target's history (``household_id``, ``person_id``, ``place_id``)."""
        for key, kind in (("household_id", "household"), ("person_id", "person"), ("place_id", "place")):
            if filters.get(key) is not None:
                try:
                    name = visits.form(self.ctx.actor, kind, int(filters[key])).target_name
                except GridappError as exc:
                    ask.warning(self, self.tr("Visit history"), exc.message)
                    return
                self.history.show_target(Target(kind, int(filters[key]), name))
                return
        view = filters.get("view")
        if view in VIEWS:
            self.view_buttons.blockSignals(True)
            self.view_buttons.button(VIEWS.index(view)).setChecked(True)
            self.view_buttons.blockSignals(False)
        self.kind.blockSignals(True)
        select_data(self.kind, filters.get("kind"))
        self.kind.blockSignals(False)
        if filters.get("grid_id") is not None:
            self.set_unit(("grid", int(filters["grid_id"])), filters.get("name", ""))
        elif filters.get("village_code"):
            self.set_unit(("village", filters["village_code"]), filters.get("name", filters["village_code"]))
        else:
            self.set_unit(None)

    def _on_bus_data_changed(self, entity: str) -> None:
        if entity not in ("visit", "household", "person", "place", "settings"):
            return
        if not self.isVisible():
            self._stale = True
            return
        self.refresh()

