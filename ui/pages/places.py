"""场所: the register of places, each with its inspection history and open hazards.

The list is paged in from ``places.page`` with search (name, address, contact) and filters by
category, village and grid, and “not inspected in time”. The right-hand pane shows the chosen
place: its facts and due date, its inspections (newest first; a double-click opens one) and its
安全隐患 events not yet closed (a double-click opens the event on the 事件 page).
新增场所 (Ctrl+N), 编辑, 巡查 and 删除 act on it.
"""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout, QHBoxLayout, QLabel, QTableView,
                               QToolBar, QToolButton, QVBoxLayout, QWidget)

from gridapp import ids
from gridapp.errors import GridappError, ValidationError
from gridapp.services import codes, places, visits, worklist
from gridapp.services.places import PlaceQuery
from ui.context import AppContext
from ui.dialogs.inspection import InspectionDialog
from ui.dialogs.person import select_data
from ui.dialogs.place import PlaceDialog
from ui.dialogs.visit import due_text, open_visit
from ui.models.households import RowListModel
from ui.models.paged import PagedTableModel, display
from ui.pages.households import DivisionFilters
from ui.widgets import ask
from ui.widgets.lists import CountLabel, empty_label, list_splitter, list_table
from ui.widgets.search_box import SearchBox
from ui.widgets.timeline import state_label

SPLITTER_KEY = "places/splitter"
COLUMN_WIDTHS = (150, 90, 118, 70, 130, 64, 100)
HAZARDS_COLUMN = 3


class PlaceTableModel(PagedTableModel):
    def __init__(self, ctx: AppContext, parent=None):
        columns = [
            (self.tr("Name"), "name"),
            (self.tr("Category"), "category"),
            (self.tr("Last inspected"), lambda r: r.last_inspected or self.tr("never")),
            (self.tr("Open hazards"), lambda r: r.open_hazards or ""),
            (self.tr("Village / grid"), lambda r: f"{r.village_name} {r.grid_name}"),
            (self.tr("Contact"), "contact_name"),
            (self.tr("Phone"), "contact_phone"),
            (self.tr("Address"), "address"),
        ]
        super().__init__(columns, count_fn=lambda q: places.count(ctx.actor, q),
                         page_fn=lambda q, offset, limit: places.page(ctx.actor, q, offset=offset, limit=limit),
                         parent=parent)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == HAZARDS_COLUMN:
            row = self.row_at(index)
            if row is not None and row.open_hazards:
                return QBrush(QColor("#b71c1c"))
        return super().data(index, role)


class PlaceDetailPane(QWidget):
    """One place: facts, due date, inspections and open hazards."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.place = None
        self.empty = QLabel(self.tr("Choose a place in the list to see its inspections and hazards.\n"
                                    "To register a new place, click “New place” (Ctrl+N)."), self)
        self.empty.setObjectName("detail_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #777; padding: 24px;")
        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(6)
        self.title = QLabel(self.body)
        self.title.setObjectName("detail_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        body.addWidget(self.title)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setVerticalSpacing(3)
        self.facts: dict[str, QLabel] = {}
        for key, text in (("category", self.tr("Category:")), ("address", self.tr("Address:")),
                          ("unit", self.tr("Village / grid:")), ("contact", self.tr("Contact:")),
                          ("due", self.tr("Next inspection:")), ("notes", self.tr("Notes:"))):
            value = QLabel(self.body)
            value.setObjectName(f"fact_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts[key] = value
            form.addRow(text, value)
        body.addLayout(form)

        inspections = QLabel(self.tr("Inspections"), self.body)
        inspections.setStyleSheet("font-weight: bold;")
        body.addWidget(inspections)
        self.inspections = RowListModel([
            (self.tr("Date"), lambda r: display(r.visited_at)),
            (self.tr("Inspector"), "visitor_name"),
            (self.tr("Result"), self._result_text),
            (self.tr("Findings"), "findings"),
            (self.tr("Events"), lambda r: len(r.event_ids) or ""),
        ], self)
        self.inspections_view = self._table("inspections", self.inspections, (118, 64, 130, 160))
        self.inspections_empty = QLabel(self.tr("Not inspected yet. Click “Inspect” to record the first "
                                                "inspection."), self.body)
        self.inspections_empty.setStyleSheet("color: #777;")
        body.addWidget(self.inspections_view, 3)
        body.addWidget(self.inspections_empty)
        hazards = QLabel(self.tr("Open hazards"), self.body)
        hazards.setStyleSheet("font-weight: bold;")
        body.addWidget(hazards)
        self.hazards = RowListModel([
            (self.tr("Number"), "number"),
            (self.tr("Title"), "title"),
            (self.tr("State"), lambda r: state_label(r.state)),
            (self.tr("Deadline"), "deadline"),
        ], self)
        self.hazards_view = self._table("hazards", self.hazards, (150, 200, 64))
        self.hazards_empty = QLabel(self.tr("No open hazards."), self.body)
        self.hazards_empty.setStyleSheet("color: #777;")
        body.addWidget(self.hazards_view, 2)
        body.addWidget(self.hazards_empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.body)
        self.show_place(None)

    def _table(self, name: str, model, widths) -> QTableView:
        view = QTableView(self.body)
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate(widths):
            view.setColumnWidth(column, width)
        return view

    def _result_text(self, row) -> str:
        failed = row.failed_items
        if not row.checklist:
            return ""
        if not failed:
            return self.tr("all passed")
        return self.tr("failed: %1").replace("%1", "、".join(c.text for c in failed))

    def show_place(self, place) -> None:
        self.place = place
        self.empty.setVisible(place is None)
        self.body.setVisible(place is not None)
        if place is None:
            self.inspections.set_rows([])
            self.hazards.set_rows([])
            return
        actor = self.ctx.actor
        self.title.setText(place.name)
        f = self.facts
        f["category"].setText(place.category)
        f["address"].setText(place.address or "—")
        f["unit"].setText(f"{place.village_name} {place.grid_name}")
        f["contact"].setText(" ".join(x for x in (place.contact_name, place.contact_phone) if x) or "—")
        f["notes"].setText(place.notes or "—")
        try:
            due = worklist.due_for(actor, "place", place.id)
            history = visits.history_for_place(actor, place.id)
            hazards = places.open_hazards(actor, place.id)
        except GridappError:
            due, history, hazards = None, [], []
        f["due"].setText(due_text(due, inspection=True))
        f["due"].setStyleSheet("color: #b71c1c;" if due is not None and due.overdue else "")
        self.inspections.set_rows(history)
        self.inspections_view.setVisible(bool(history))
        self.inspections_empty.setVisible(not history)
        self.hazards.set_rows(hazards)
        self.hazards_view.setVisible(bool(hazards))
        self.hazards_empty.setVisible(not hazards)


class PlacesPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._stale = False
        self._writer = ctx.actor.role in places.EDIT_ROLES
        self._inspector = ctx.actor.role in visits.RECORD_ROLES
        self.model = PlaceTableModel(ctx, self)
        self._build()
        self._connect()
        self.run_query()
        if self.model.total:
            self._select_row(0)

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_action = self._action(self.tr("New place"), "new_place", QKeySequence("Ctrl+N"))
        self.edit_action = self._action(self.tr("Edit"), "edit_place")
        self.inspect_action = self._action(self.tr("Inspect"), "inspect_place", QKeySequence("Ctrl+I"))
        self.delete_action = self._action(self.tr("Delete"), "delete_place")
        for action in (self.new_action, self.edit_action, self.inspect_action, self.delete_action):
            self.toolbar.addAction(action)

        self.search = SearchBox(self, self.tr("Search: name, address or contact (Ctrl+F)"))
        self.search.setObjectName("search")
        self.category = QComboBox(self)
        self.category.setObjectName("category_filter")
        self.category.addItem(self.tr("All categories"), None)
        for code, name in codes.items("place_category"):
            self.category.addItem(name, code)
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.units = DivisionFilters(self.ctx, self)
        self.overdue = QToolButton(self)
        self.overdue.setObjectName("overdue_filter")
        self.overdue.setText(self.tr("Inspection overdue"))
        self.overdue.setToolTip(self.tr("Only places whose next inspection is past due"))
        self.overdue.setCheckable(True)
        self.count_label = CountLabel(self, 90)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.units)
        filters.addWidget(self.category)
        filters.addWidget(self.overdue)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        self.table = list_table(self, "places", self.model, COLUMN_WIDTHS)
        self.empty_label = empty_label(self.table)

        self.detail = PlaceDetailPane(self.ctx, self)
        self.splitter = list_splitter(self, "places_splitter", self.table, self.detail, [740, 480],
                                      self.ctx.settings, SPLITTER_KEY)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.toolbar)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        self.find_shortcut = QShortcut(QKeySequence("Ctrl+F"), self)
        self.find_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)

    def _action(self, text: str, name: str, shortcut: QKeySequence | None = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(action)
        return action

    def _connect(self) -> None:
        self.new_action.triggered.connect(self.new_record)
        self.edit_action.triggered.connect(self.edit_place)
        self.inspect_action.triggered.connect(self.inspect_place)
        self.delete_action.triggered.connect(self.delete_place)
        self.find_shortcut.activated.connect(self.focus_search)
        self.search.search_changed.connect(self.run_query)
        for combo in (self.units.township, self.units.village, self.units.grid, self.category):
            combo.currentIndexChanged.connect(self.run_query)
        self.overdue.toggled.connect(self.run_query)
        self.model.total_changed.connect(self._on_model_total_changed)
        self.model.modelReset.connect(self._after_reset)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.table.activated.connect(lambda _index: self.inspect_place())  # Enter or a double-click
        self.detail.inspections_view.doubleClicked.connect(self._on_inspections_double_clicked)
        self.detail.hazards_view.doubleClicked.connect(
            lambda index: self.ctx.bus.open_event.emit(self.detail.hazards.row_at(index).id))
        self.ctx.bus.data_changed.connect(self._on_bus_data_changed)
        self.splitter.splitterMoved.connect(
            lambda *_: self.ctx.settings.setValue(SPLITTER_KEY, self.splitter.saveState()))

    # ------------------------------------------------------------------ query
    def query(self) -> PlaceQuery:
        return PlaceQuery(text=self.search.text().strip() or None, category=self.category.currentData(),
                          grid_id=self.units.grid_id(), village_code=self.units.village_code(),
                          overdue_only=self.overdue.isChecked())

    def run_query(self, *_args) -> None:
        keep = self.detail.place.id if self.detail.place is not None else None
        try:
            self.model.set_query(self.query())
        except GridappError as exc:
            ask.error(self, self.tr("Search failed"), exc.message)
            return
        self._reselect(keep)

    def refresh(self) -> None:
        self._stale = False
        keep = self.detail.place.id if self.detail.place is not None else None
        self.model.refresh()
        self._reselect(keep)
        if keep is not None:
            self._show_detail(keep)

    def _reselect(self, place_id: int | None) -> None:
        row = self.model.find_row(lambda r: r.id == place_id) if place_id is not None else -1
        if row >= 0:
            self._select_row(row)
        elif self.model.total == 1:
            self._select_row(0)
        else:
            self._update_actions()

    def _select_row(self, row: int) -> None:
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _after_reset(self) -> None:
        if self.model.total:
            self.empty_label.hide()
            return
        q = self.model.query
        filtered = q is not None and (q.text or q.category or q.grid_id or q.village_code or q.overdue_only)
        self.empty_label.setText(self.tr("No place matches. Clear some filters.") if filtered else
                                 self.tr("No places registered yet. Click “New place” (Ctrl+N) to add rented "
                                         "houses, shops, workshops and other places to inspect."))
        self.empty_label.show()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_model_total_changed(self, total: int) -> None:
        self.count_label.setText(self.tr("%1 places").replace("%1", f"{total:,}"))

    def _on_table_current_row_changed(self, current, _previous) -> None:
        row = self.model.row_at(current) if current.isValid() else None
        self._show_detail(row.id if row is not None else None)

    def _show_detail(self, place_id: int | None) -> None:
        place = None
        if place_id is not None:
            try:
                place = places.get(self.ctx.actor, place_id)
            except GridappError:
                place = None
        if place is not None and place.contact_phone:  # shown masked, as in the list
            place = dataclasses.replace(place, contact_phone=ids.mask_phone(place.contact_phone))
        self.detail.show_place(place)
        self._update_actions()

    def _update_actions(self) -> None:
        chosen = self.detail.place is not None
        no_role = self.tr("Your role can't change the register of places")
        pick = self.tr("Choose a place in the list first")
        for action, allowed, reason in ((self.new_action, self._writer, no_role),
                                        (self.edit_action, self._writer and chosen, no_role if not self._writer
                                         else pick),
                                        (self.delete_action, self._writer and chosen, no_role if not self._writer
                                         else pick),
                                        (self.inspect_action, self._inspector and chosen,
                                         self.tr("Your role can't record inspections") if not self._inspector
                                         else pick)):
            action.setEnabled(allowed)
            action.setToolTip(action.text() if allowed else reason)

    # ------------------------------------------------------------------ actions
    def focus_search(self) -> None:
        self.search.focus()

    def new_record(self) -> None:
        if not self.new_action.isEnabled():
            return
        answer = PlaceDialog.ask(self, self.ctx, grid_id=self.units.grid_id(),
                                 category=self.category.currentData())
        if answer is None:
            return
        place, inspect = answer
        self.show_place(place.id)
        if inspect:
            self.inspect_place()

    def edit_place(self) -> None:
        place = self.detail.place
        if place is None or not self.edit_action.isEnabled():
            return
        PlaceDialog.ask(self, self.ctx, place_id=place.id)  # the bus refreshes the page

    def inspect_place(self) -> None:
        place = self.detail.place
        if place is None or not self.inspect_action.isEnabled():
            return
        try:
            InspectionDialog.ask(self, self.ctx, place_id=place.id)
        except GridappError as exc:
            ask.error(self, self.tr("Inspect"), exc.message)
            return
        self._show_detail(place.id)

    def delete_place(self) -> None:
        place = self.detail.place
        if place is None or not self.delete_action.isEnabled():
            return
        if not ask.confirm(self, self.tr("Delete place"),
                           self.tr("Move %1 to the recycle bin? Its inspections are kept.").replace("%1", place.name)):
            return
        try:
            places.delete(self.ctx.actor, place.id, expected_version=place.version)
        except ValidationError as exc:
            ask.warning(self, self.tr("Not done"), exc.message)
            return
        except GridappError as exc:
            ask.error(self, self.tr("Not done"), exc.message)
            return
        self.detail.show_place(None)
        self.ctx.bus.data_changed.emit("place")

    def _on_inspections_double_clicked(self, index) -> None:
        row = self.detail.inspections.row_at(index)
        if row is None:
            return
        try:
            open_visit(self, self.ctx, row.id)
        except GridappError as exc:
            ask.error(self, self.tr("Inspection"), exc.message)
        self._show_detail(row.target_id)

    def show_place(self, place_id: int) -> None:
        """Select one place (the filters are cleared and its name searched)."""
        try:
            place = places.get(self.ctx.actor, place_id)
        except GridappError as exc:
            ask.warning(self, self.tr("Place"), exc.message)
            return
        for widget in (self.category, self.overdue):
            widget.blockSignals(True)
        self.category.setCurrentIndex(0)
        self.overdue.setChecked(False)
        for widget in (self.category, self.overdue):
            widget.blockSignals(False)
        self.units.set_values()
        self.search.setText(place.name)
        self.run_query()
        self._reselect(place_id)
        if self.detail.place is None or self.detail.place.id != place_id:
            self._show_detail(place_id)

    def apply_filter(self, filters: dict) -> None:
        """``place_id``, or filters ``category``, ``village_code``, ``grid_id``, ``overdue``, ``text``."""
        if filters.get("place_id") is not None:
            self.show_place(int(filters["place_id"]))
            return
        for widget in (self.category, self.overdue):
            widget.blockSignals(True)
        select_data(self.category, filters.get("category"))
        self.overdue.setChecked(bool(filters.get("overdue")))
        for widget in (self.category, self.overdue):
            widget.blockSignals(False)
        self.units.set_values(filters.get("township_code"), filters.get("village_code"), filters.get("grid_id"))
        self.search.setText(filters.get("text", ""))
        self.run_query()

    def _on_bus_data_changed(self, entity: str) -> None:
        if entity not in ("place", "visit", "event", "settings"):
            return
        if not self.isVisible():
            self._stale = True
            return
        self.refresh()
