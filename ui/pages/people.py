"""人员: one searchable list of everyone in scope; opening a person shows their household.

Same search as the households page (name, pinyin initials, ID or phone tail, address), plus
filters by place, special group, attention level and residence status. Paged and sorted in SQL.
"""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolBar, QToolButton, QVBoxLayout, QWidget

from gridapp.errors import GridappError
from gridapp.services import codes, people
from gridapp.services.people import PersonQuery
from ui.context import AppContext
from ui.dialogs.person import PersonDialog, select_data
from ui.models.people import PersonTableModel
from ui.pages.households import DivisionFilters, can_write
from ui.widgets import ask
from ui.widgets.search_box import SearchBox
from ui.widgets.lists import CountLabel, empty_label, list_table

COLUMN_WIDTHS = (80, 44, 44, 160, 110, 100, 110, 90, 72)


class PeoplePage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._stale = False
        self._setting_text = False
        self.model = PersonTableModel(ctx.actor, self)
        self._build()
        self._connect()
        self.run_query()

    def _build(self) -> None:
        self.search = SearchBox(self)
        self.search.setObjectName("search")
        self.places = DivisionFilters(self.ctx, self)
        self.category = QComboBox(self)
        self.category.setObjectName("category_filter")
        self.category.addItem(self.tr("All groups"), None)
        for code, name in people.category_choices(self.ctx.actor):
            self.category.addItem(name, code)
        self.attention = QComboBox(self)
        self.attention.setObjectName("attention_filter")
        self.attention.addItem(self.tr("Any attention level"), None)
        for code, name in codes.items("attention"):
            self.attention.addItem(self.tr("Attention: %1").replace("%1", name), code)
        self.residence = QComboBox(self)
        self.residence.setObjectName("residence_filter")
        self.residence.addItem(self.tr("On the register (not died or moved out)"), None)
        for code, name in codes.items("residence"):
            self.residence.addItem(name, code)
        self.residence.addItem(self.tr("Everyone, the died and moved out too"), people.ANY_RESIDENCE)
        self.residence.setToolTip(self.tr("People who died or moved out are listed only when chosen here"))
        for combo in (self.category, self.attention, self.residence):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.count_label = CountLabel(self)

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.open_action = QAction(self.tr("Open household"), self)
        self.open_action.setObjectName("open_household")
        self.edit_action = QAction(self.tr("Edit"), self)
        self.edit_action.setObjectName("edit_person")
        self.reveal_action = QAction(self.tr("Show full"), self)
        self.reveal_action.setObjectName("reveal")
        self.restore_action = QAction(self.tr("Restore"), self)
        self.restore_action.setObjectName("restore_person")
        for action in (self.open_action, self.edit_action, self.reveal_action, self.restore_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.trash_button = QToolButton(self)
        self.trash_button.setObjectName("trash")
        self.trash_button.setText(self.tr("Recycle bin"))
        self.trash_button.setCheckable(True)
        self.trash_button.setToolTip(self.tr("Show people removed from their household, to restore them"))
        self.toolbar.addWidget(self.trash_button)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.places)
        filters.addWidget(self.category)
        filters.addWidget(self.attention)
        filters.addWidget(self.residence)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        self.table = list_table(self, "people", self.model, COLUMN_WIDTHS, sort=(0, Qt.SortOrder.AscendingOrder))
        self.empty_label = empty_label(self.table)
        self.hint = QLabel(self.tr("Double-click a person (or press Enter) to open their household."), self)
        self.hint.setStyleSheet("color: #777;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.toolbar)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)

        self.find_shortcut = QShortcut(QKeySequence("Ctrl+F"), self)
        self.find_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        order = (self.search, self.places.township, self.places.village, self.places.grid, self.category,
                 self.attention, self.residence, self.table)
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)

    def _connect(self) -> None:
        self.search.search_changed.connect(self._on_search_search_changed)
        self.find_shortcut.activated.connect(self.focus_search)
        for combo in (self.places.township, self.places.village, self.places.grid, self.category,
                      self.attention, self.residence):
            combo.currentIndexChanged.connect(self.run_query)
        self.count_label.follow(
            self.model, lambda n: self.tr("Over %1 people, counting…").replace("%1", f"{n:,}"), self._count_text)
        self.model.modelReset.connect(self._after_reset)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.activated.connect(lambda _index: self.open_household())  # double-click or Enter
        self.open_action.triggered.connect(self.open_household)
        self.edit_action.triggered.connect(self.edit_person)
        self.reveal_action.triggered.connect(self.reveal)
        self.restore_action.triggered.connect(self.restore_person)
        self.trash_button.toggled.connect(self.run_query)
        self.ctx.bus.data_changed.connect(self._on_bus_data_changed)

    # ------------------------------------------------------------------ query
    def query(self) -> PersonQuery:
        current = self.model.query
        return PersonQuery(text=self.search.text().strip(), township_code=self.places.township_code(),
                           village_code=self.places.village_code(), grid_id=self.places.grid_id(),
                           category=self.category.currentData(), attention=self.attention.currentData(),
                           residence=self.residence.currentData(), deleted=self.trash_button.isChecked(),
                           sort=current.sort if current is not None else "name",
                           descending=current.descending if current is not None else False)

    def run_query(self, *_args) -> None:
        try:
            self.model.set_query(self.query())
        except GridappError as exc:
            ask.error(self, self.tr("Search failed"), exc.message)
        self._update_actions()

    def refresh(self) -> None:
        self._stale = False
        keep = self.selected_row()
        self.model.refresh()
        if keep is not None:
            self.select_person(keep.id)
        self._update_actions()

    def _after_reset(self) -> None:
        if self.model.total:
            self.empty_label.hide()
            return
        q = self.model.query
        filtered = bool(q and (q.text or q.township_code or q.village_code or q.grid_id or q.category
                               or q.attention or q.residence))
        if self.trash_button.isChecked():
            text = self.tr("The recycle bin is empty.")
        elif filtered and q.residence is None:
            text = self.tr("Nobody matches. Try fewer letters or clear the filters. People who died or moved "
                           "out are listed when the status filter asks for them.")
        elif filtered:
            text = self.tr("Nobody matches. Try fewer letters or clear the filters.")
        else:
            text = self.tr("No residents registered yet. Add households on the Households page.")
        self.empty_label.setText(text)
        self.empty_label.show()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _count_text(self, total: int) -> str:
        if self.trash_button.isChecked():
            return self.tr("%1 in the recycle bin").replace("%1", f"{total:,}")
        return self.tr("%1 people").replace("%1", f"{total:,}")

    def _on_bus_data_changed(self, entity: str) -> None:
        if entity not in ("household", "person", "settings"):
            return
        if not self.isVisible():
            self._stale = True
            return
        self.refresh()

    def _on_search_search_changed(self, _text: str) -> None:
        if not self._setting_text:
            self.run_query()

    def _set_search_text(self, text: str) -> None:
        """Put ``text`` in the search box as if it had been searched (the caller runs the query)."""
        self._setting_text = True
        try:
            self.search.setText(text)
            self.search.returnPressed.emit()  # the box takes it as searched: clearing it later searches again
        finally:
            self._setting_text = False

    # ------------------------------------------------------------------ page protocol
    def focus_search(self) -> None:
        self.search.focus()

    def apply_filter(self, filters: dict) -> None:
        """``person_id`` selects one person; ``category``, ``attention``, ``village_code``,
        ``township_code``, ``grid_id``, ``residence``, ``text`` and ``deleted`` set the filters."""
        person_id = filters.get("person_id")
        if person_id is not None:
            self.show_person(int(person_id))
            return
        for combo, key in ((self.category, "category"), (self.attention, "attention"),
                           (self.residence, "residence")):
            combo.blockSignals(True)
            select_data(combo, filters.get(key))
            combo.blockSignals(False)
        self.places.set_values(filters.get("township_code"), filters.get("village_code"), filters.get("grid_id"))
        self.trash_button.blockSignals(True)
        self.trash_button.setChecked(bool(filters.get("deleted")))
        self.trash_button.blockSignals(False)
        self._set_search_text(filters.get("text", ""))
        self.run_query()

    def show_person(self, person_id: int) -> None:
        """List the people of the person's village with their name, and select them."""
        try:
            person = people.get(self.ctx.actor, person_id)
        except GridappError as exc:
            ask.warning(self, self.tr("Person"), exc.message)
            return
        gone = person.residence in people.GONE_RESIDENCE
        self.apply_filter({"text": person.name, "village_code": person.village_code,
                           "residence": person.residence if gone else None,
                           "deleted": person.deleted_at is not None})
        self.select_person(person_id)

    def select_person(self, person_id: int) -> bool:
        row = self.model.find_row(lambda r: r.id == person_id)
        if row < 0:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        return True

    # ------------------------------------------------------------------ actions
    def selected_row(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0]) if rows else None

    def _update_actions(self, *_args) -> None:
        row = self.selected_row()
        pick = self.tr("Choose a person in the list first")
        trash = self.trash_button.isChecked()
        writer = can_write(self.ctx)
        self.restore_action.setVisible(trash)
        self.edit_action.setVisible(not trash)
        self.restore_action.setEnabled(writer and row is not None)
        self.restore_action.setToolTip(self.tr("Your role can't change the register") if not writer else pick
                                       if row is None else self.tr("Bring this person back into their household"))
        self.open_action.setEnabled(row is not None and row.household_id is not None)
        self.open_action.setToolTip(pick if row is None else
                                    self.tr("Show this person's household on the Households page")
                                    if row.household_id is not None else self.tr("Not placed in a household yet"))
        self.edit_action.setEnabled(writer and row is not None and not trash)
        self.edit_action.setToolTip(self.tr("Your role can't change the register") if not writer
                                    else pick if row is None else self.tr("Edit this person"))
        if not self.ctx.actor.can_unmask:
            self.reveal_action.setEnabled(False)
            self.reveal_action.setToolTip(self.tr("Your role may not see full ID numbers and phones"))
        else:
            self.reveal_action.setEnabled(row is not None)
            self.reveal_action.setToolTip(pick if row is None else
                                          self.tr("Show this person's full ID number and phone; the view is logged"))

    def open_household(self) -> None:
        row = self.selected_row()
        if row is not None and row.household_id is not None:
            self.ctx.bus.open_household.emit(row.household_id)

    def edit_person(self) -> None:
        row = self.selected_row()
        if row is None or not self.edit_action.isEnabled():
            return
        try:
            PersonDialog.ask(self, self.ctx, person_id=row.id)  # the bus refreshes the list
        except GridappError as exc:
            ask.error(self, self.tr("Edit"), exc.message)

    def restore_person(self) -> None:
        row = self.selected_row()
        if row is None or not self.restore_action.isEnabled():
            return
        try:
            people.restore(self.ctx.actor, row.id)
        except GridappError as exc:
            ask.warning(self, self.tr("Restore"), exc.message)
            return
        ask.info(self, self.tr("Restored"), self.tr("%1 is back in household %2.").replace("%1", row.name)
                 .replace("%2", row.household_number or "—"))
        self.ctx.bus.data_changed.emit("person")

    def reveal(self) -> None:
        row = self.selected_row()
        if row is None or not self.reveal_action.isEnabled():
            return
        try:
            person = people.reveal(self.ctx.actor, row.id)
        except GridappError as exc:
            ask.error(self, self.tr("Show full"), exc.message)
            return
        self.model.reveal(person.id, person.id_number, person.phone)
