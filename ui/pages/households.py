"""住户: search and filter the households in scope, see one in detail, and keep the register.

The list is a ``PagedTableModel`` over the household service: counting, filtering and sorting
happen in SQL and only the rows the view shows are loaded, so it stays quick on a county of
300k households. The right-hand pane shows the selected household, its members and history.
"""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QToolBar, QToolButton, QVBoxLayout, QWidget

from gridapp.errors import GridappError, ValidationError
from gridapp.reports import print_forms
from gridapp.services import codes, grids, households, people
from gridapp.services.households import HouseholdQuery
from ui.context import AppContext
from ui.dialogs.household import HouseholdDialog
from ui.dialogs.move import MoveDialog
from ui.dialogs.person import PersonDialog, select_data
from ui.dialogs.set_head import SetHeadDialog
from ui.dialogs.visit import open_visit
from ui.models.households import HouseholdTableModel
from ui.print_actions import add_print_actions
from ui.widgets import ask
from ui.widgets.detail import HouseholdDetailPane
from ui.widgets.search_box import SearchBox
from ui.widgets.lists import CountLabel, empty_label, list_splitter, list_table

SPLITTER_KEY = "households/splitter"
COLUMN_WIDTHS = (96, 64, 170, 44, 70, 72, 110, 100)


def can_write(ctx: AppContext) -> bool:
    return ctx.actor.role in people.WRITER_ROLES


class DivisionFilters(QWidget):
    """Cascaded 乡镇 → 村(社区) → 网格 combos within the actor's scope.

    A level the actor's scope fixes (a township clerk's township) is not shown.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.township = QComboBox(self)
        self.township.setObjectName("township_filter")
        self.village = QComboBox(self)
        self.village.setObjectName("village_filter")
        self.grid = QComboBox(self)
        self.grid.setObjectName("grid_filter")
        for combo in (self.township, self.village, self.grid):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(6)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.township)
        layout.addWidget(self.village)
        layout.addWidget(self.grid)
        roots = grids.divisions(ctx.actor)
        self._fixed_township = None
        self._fixed_villages: list = []
        if ctx.actor.level == "grid" or (roots and all(r.level == "village" for r in roots)):
            self._fixed_villages = roots
        elif roots and roots[0].level == "township":
            self._fixed_township = roots[0].code
        self._county = roots[0].code if roots and roots[0].level == "county" else None
        choose_township = self._fixed_township is None and not self._fixed_villages
        self.township.setVisible(choose_township)
        self.township.addItem(self.tr("All townships"), None)
        if choose_township:
            parent_code = self._county
            for d in (grids.divisions(ctx.actor, parent_code) if parent_code else
                      [t for r in roots for t in grids.divisions(ctx.actor, r.code)]):
                self.township.addItem(d.name, d.code)
        self.township.currentIndexChanged.connect(self._fill_villages)
        self.village.currentIndexChanged.connect(self._fill_grids)
        self._fill_villages()

    def _fill_villages(self, *_args) -> None:
        township = self.township_code() or self._fixed_township
        self.village.blockSignals(True)
        self.village.clear()
        self.village.addItem(self.tr("All villages"), None)
        if self._fixed_villages:
            villages = self._fixed_villages
        elif township:
            villages = grids.divisions(self.ctx.actor, township)
        else:
            villages = []
        for d in villages:
            self.village.addItem(d.name, d.code)
        self.village.setEnabled(self.village.count() > 1)
        self.village.setToolTip("" if self.village.isEnabled() else self.tr("Choose a township first"))
        self.village.blockSignals(False)
        self._fill_grids()

    def _fill_grids(self, *_args) -> None:
        village = self.village_code()
        self.grid.blockSignals(True)
        self.grid.clear()
        self.grid.addItem(self.tr("All grids"), None)
        if village or self._fixed_villages:
            for g in grids.list_grids(self.ctx.actor, village):
                self.grid.addItem(g.name if village else f"{g.village_name} · {g.name}", g.id)
        self.grid.setEnabled(self.grid.count() > 1)
        self.grid.setToolTip("" if self.grid.isEnabled() else self.tr("Choose a village first"))
        self.grid.blockSignals(False)

    def township_code(self) -> str | None:
        """The chosen township (None for all, or when the actor's scope is one township)."""
        return self.township.currentData()

    def village_code(self) -> str | None:
        return self.village.currentData()

    def grid_id(self) -> int | None:
        return self.grid.currentData()

    def set_values(self, township_code: str | None = None, village_code: str | None = None,
                   grid_id: int | None = None) -> None:
        """Choose a place (a village implies its township); unknown values choose 'all'."""
        if village_code and not township_code:
            township_code = village_code[:9]
        for combo in (self.township, self.village, self.grid):
            combo.blockSignals(True)
        select_data(self.township, township_code)
        self.township.blockSignals(False)
        self._fill_villages()
        self.village.blockSignals(True)
        select_data(self.village, village_code)
        self.village.blockSignals(False)
        self._fill_grids()
        self.grid.blockSignals(True)
        select_data(self.grid, grid_id)
        self.grid.blockSignals(False)


class HouseholdsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._stale = False
        self._setting_text = False
        self._writer = can_write(ctx)
        self.model = HouseholdTableModel(ctx.actor, self)
        self._build()
        self._connect()
        self.run_query()
        if self.model.total and self.detail.household is None:
            self._select_row(0)  # opening the page shows the first household, not an empty pane

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.search = SearchBox(self)
        self.search.setObjectName("search")
        self.places = DivisionFilters(self.ctx, self)
        self.category = QComboBox(self)
        self.category.setObjectName("category_filter")
        self.category.addItem(self.tr("All groups"), None)
        for code, name in people.category_choices(self.ctx.actor):
            self.category.addItem(name, code)
        self.residence = QComboBox(self)
        self.residence.setObjectName("residence_filter")
        self.residence.addItem(self.tr("Any residence status"), None)
        for code, name in codes.items("residence"):
            self.residence.addItem(name, code)
        for combo in (self.category, self.residence):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.count_label = CountLabel(self)

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_action = self._action(self.tr("New household"), "new_household", QKeySequence("Ctrl+N"))
        self.edit_action = self._action(self.tr("Edit"), "edit_household")
        self.move_action = self._action(self.tr("Move to another grid"), "move_household")
        self.delete_action = self._action(self.tr("Delete"), "delete_household")
        self.restore_action = self._action(self.tr("Restore"), "restore_household")
        for action in (self.new_action, self.edit_action, self.move_action, self.delete_action,
                       self.restore_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.trash_button = QToolButton(self)
        self.trash_button.setObjectName("trash")
        self.trash_button.setText(self.tr("Recycle bin"))
        self.trash_button.setCheckable(True)
        self.trash_button.setToolTip(self.tr("Show the deleted households, to restore them"))
        self.toolbar.addWidget(self.trash_button)
        self.import_action = self._action(self.tr("Import…"), "import_households")
        self.import_action.setEnabled(self._writer)
        self.import_action.setToolTip(self.tr("Import a household register kept in Excel") if self._writer
                                      else self.tr("Your role can't change the register"))
        self.toolbar.addAction(self.import_action)
        self.toolbar.addSeparator()
        self.print_actions = add_print_actions(  # the 入户登记表 of the chosen household
            self.toolbar, self, self.ctx,
            lambda unmask=False: print_forms.household_form(self.ctx.actor, self.selected_id(), unmask),
            unmask_option=True)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.places)
        filters.addWidget(self.category)
        filters.addWidget(self.residence)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        self.table = list_table(self, "households", self.model, COLUMN_WIDTHS, sort=(0, Qt.SortOrder.AscendingOrder))
        self.empty_label = empty_label(self.table)

        self.detail = HouseholdDetailPane(self.ctx.actor, self)
        self.member_bar = QToolBar(self.detail)
        self.member_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_member_action = self._action(self.tr("Add member"), "add_member", parent=self.member_bar)
        self.edit_member_action = self._action(self.tr("Edit member"), "edit_member", parent=self.member_bar)
        self.set_head_action = self._action(self.tr("Make head"), "set_head", parent=self.member_bar)
        self.delete_member_action = self._action(self.tr("Remove member"), "delete_member",
                                                 parent=self.member_bar)
        self.reveal_action = self._action(self.tr("Show full"), "reveal", parent=self.member_bar)
        for action in (self.add_member_action, self.edit_member_action, self.set_head_action,
                       self.delete_member_action, self.reveal_action):
            self.member_bar.addAction(action)
        self.detail.set_member_actions(self.member_bar)

        self.splitter = list_splitter(self, "households_splitter", self.table, self.detail, [740, 480],
                                      self.ctx.settings, SPLITTER_KEY)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.toolbar)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

        self.find_shortcut = QShortcut(QKeySequence("Ctrl+F"), self)
        self.find_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.setTabOrder(self.search, self.places.township)
        self.setTabOrder(self.places.township, self.places.village)
        self.setTabOrder(self.places.village, self.places.grid)
        self.setTabOrder(self.places.grid, self.category)
        self.setTabOrder(self.category, self.residence)
        self.setTabOrder(self.residence, self.table)
        self.setTabOrder(self.table, self.detail.members_view)

    def _action(self, text: str, name: str, shortcut: QKeySequence | None = None, parent=None) -> QAction:
        action = QAction(text, parent or self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut if name == "new_household"
                                      else Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{text} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})")
        self.addAction(action)
        return action

    def _connect(self) -> None:
        self.search.search_changed.connect(self._on_search_search_changed)
        self.find_shortcut.activated.connect(self.focus_search)
        for combo in (self.places.township, self.places.village, self.places.grid, self.category,
                      self.residence):
            combo.currentIndexChanged.connect(self.run_query)
        self.trash_button.toggled.connect(self._on_trash_button_toggled)
        self.count_label.follow(
            self.model, lambda n: self.tr("Over %1 households, counting…").replace("%1", f"{n:,}"), self._count_text)
        self.model.modelReset.connect(self._after_reset)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_sort_indicator_changed)
        self.table.activated.connect(lambda _index: self.edit_household())  # double-click or Enter
        self.detail.members_view.selectionModel().selectionChanged.connect(self._update_actions)
        self.detail.member_activated.connect(lambda _row: self.edit_member())
        self.detail.event_activated.connect(lambda row: getattr(row, "id", None) is not None
                                            and self.ctx.bus.open_event.emit(row.id))
        self.detail.visits.activated.connect(self._on_visit_activated)
        self.new_action.triggered.connect(self.new_record)
        self.edit_action.triggered.connect(self.edit_household)
        self.move_action.triggered.connect(self.move_household)
        self.delete_action.triggered.connect(self.delete_household)
        self.restore_action.triggered.connect(self.restore_household)
        self.import_action.triggered.connect(self.import_register)
        self.add_member_action.triggered.connect(self.add_member)
        self.edit_member_action.triggered.connect(self.edit_member)
        self.set_head_action.triggered.connect(self.set_head)
        self.delete_member_action.triggered.connect(self.delete_member)
        self.reveal_action.triggered.connect(self.reveal)
        self.ctx.bus.data_changed.connect(self._on_bus_data_changed)
        self.splitter.splitterMoved.connect(
            lambda *_: self.ctx.settings.setValue(SPLITTER_KEY, self.splitter.saveState()))

    # ------------------------------------------------------------------ query
    def query(self) -> HouseholdQuery:
        current = self.model.query
        return HouseholdQuery(
            text=self.search.text().strip(), township_code=self.places.township_code(),
            village_code=self.places.village_code(), grid_id=self.places.grid_id(),
            category=self.category.currentData(), residence=self.residence.currentData(),
            deleted=self.trash_button.isChecked(),
            sort=current.sort if current is not None else "number",
            descending=current.descending if current is not None else False)

    def run_query(self, *_args) -> None:
        """Count and load the first page for the search text and filters now on screen."""
        keep = self.selected_id()
        try:
            self.model.set_query(self.query())
        except GridappError as exc:
            ask.error(self, self.tr("Search failed"), exc.message)
            return
        self._reselect(keep)
        if self.detail.household is None and self.model.total == 1:
            self._select_row(0)  # the one household searched for: show it

    def _select_row(self, row: int) -> None:
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def refresh(self) -> None:
        """Re-read the list and the household shown (after changes made here or elsewhere)."""
        self._stale = False
        keep = self.selected_id()
        self.model.refresh()
        self._reselect(keep)

    def _reselect(self, household_id: int | None) -> None:
        row = self.model.find_row(lambda r: r.id == household_id) if household_id is not None else -1
        if row >= 0:
            self._select_row(row)
            self._show_detail(household_id)
        elif self.detail.household is not None and household_id is not None:
            self._show_detail(None)
        self._update_actions()

    def _after_reset(self) -> None:
        total = self.model.total
        if total:
            self.empty_label.hide()
            return
        if self.trash_button.isChecked():
            text = self.tr("The recycle bin is empty.")
        elif self._filtered():
            text = self.tr("No household matches. Try fewer letters or clear the filters.")
        else:
            text = self.tr("No households registered yet. Click “New household” (Ctrl+N) to add the first one.")
        self.empty_label.setText(text)
        self.empty_label.show()

    def _filtered(self) -> bool:
        q = self.model.query
        return bool(q and (q.text or q.township_code or q.village_code or q.grid_id or q.category
                           or q.residence))

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _count_text(self, total: int) -> str:
        if self.trash_button.isChecked():
            return self.tr("%1 in the recycle bin").replace("%1", f"{total:,}")
        return self.tr("%1 households").replace("%1", f"{total:,}")

    def _on_sort_indicator_changed(self, column: int, _order) -> None:
        if not self.model.is_sortable(column):  # keep the arrow on the column the list is sorted by
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            current = max(self.model.sort_column, 0)
            header.setSortIndicator(current, Qt.SortOrder.DescendingOrder if self.model.query
                                    and self.model.query.descending else Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)

    def _on_trash_button_toggled(self, checked: bool) -> None:
        self.detail.show_household(None)
        self.run_query()
        self._update_actions()

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

    def new_record(self) -> None:
        self.new_household()

    def apply_filter(self, filters: dict) -> None:
        """Show what another page asked for: ``household_id``, or filters such as ``category``,
        ``village_code``, ``township_code``, ``grid_id``, ``residence``, ``text``."""
        household_id = filters.get("household_id")
        if household_id is not None:
            self.show_household(int(household_id))
            return
        for combo in (self.category, self.residence):
            combo.blockSignals(True)
        select_data(self.category, filters.get("category"))
        select_data(self.residence, filters.get("residence"))
        for combo in (self.category, self.residence):
            combo.blockSignals(False)
        self.places.set_values(filters.get("township_code"), filters.get("village_code"), filters.get("grid_id"))
        self.trash_button.blockSignals(True)
        self.trash_button.setChecked(bool(filters.get("deleted")))
        self.trash_button.blockSignals(False)
        self._set_search_text(filters.get("text", ""))
        self.run_query()

    def show_household(self, household_id: int) -> None:
        """Select one household: found by its number, with the filters cleared."""
        try:
            detail = households.get(self.ctx.actor, household_id)
        except GridappError as exc:
            ask.warning(self, self.tr("Household"), exc.message)
            return
        self.places.set_values()
        for combo in (self.category, self.residence):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.trash_button.blockSignals(True)
        self.trash_button.setChecked(detail.deleted_at is not None)
        self.trash_button.blockSignals(False)
        self._set_search_text(detail.number)
        self.model.set_query(self.query())
        self._reselect(household_id)
        if self.detail.household is None or self.detail.household.id != household_id:
            self.detail.show_household(detail)
        self._update_actions()

    # ------------------------------------------------------------------ selection
    def selected_row(self):
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.row_at(index)

    def selected_id(self) -> int | None:
        if self.detail.household is not None:
            return self.detail.household.id
        row = self.selected_row()
        return row.id if row is not None else None

    def _on_table_current_row_changed(self, current, _previous) -> None:
        row = self.model.row_at(current) if current.isValid() else None
        self._show_detail(row.id if row is not None else None)

    def _show_detail(self, household_id: int | None) -> None:
        if household_id is None:
            self.detail.show_household(None)
        else:
            try:
                self.detail.show_household(households.get(self.ctx.actor, household_id))
            except GridappError:
                self.detail.show_household(None)
        self._update_actions()

    def _update_actions(self, *_args) -> None:
        household = self.detail.household
        live = household is not None and household.deleted_at is None
        trash = self.trash_button.isChecked()
        member = self.detail.selected_member() if live else None
        no_role = self.tr("Your role can't change the register")
        pick_household = self.tr("Choose a household in the list first")
        pick_member = self.tr("Choose a member in the members table first")

        def state(action: QAction, enabled: bool, reason: str) -> None:
            action.setEnabled(enabled)
            action.setToolTip(action.text() if enabled else reason)

        state(self.new_action, self._writer and not trash,
              no_role if not self._writer else self.tr("Leave the recycle bin first"))
        for action in (self.edit_action, self.move_action, self.delete_action, self.add_member_action):
            state(action, self._writer and live, no_role if not self._writer else pick_household)
        self.restore_action.setVisible(trash)
        state(self.restore_action, self._writer and household is not None and not live,
              no_role if not self._writer else self.tr("Choose a deleted household first"))
        for action in (self.edit_action, self.move_action, self.delete_action):
            action.setVisible(not trash)
        for action in (self.edit_member_action, self.delete_member_action):
            state(action, self._writer and member is not None, no_role if not self._writer else pick_member)
        state(self.set_head_action, self._writer and member is not None and not member.is_head,
              no_role if not self._writer else pick_member if member is None
              else self.tr("This member is already the head"))
        self.print_actions.set_available(live, pick_household if household is None
                                         else self.tr("Restore the household before printing it"))
        if not self.ctx.actor.can_unmask:
            state(self.reveal_action, False, self.tr("Your role may not see full ID numbers and phones"))
        else:
            state(self.reveal_action, household is not None, pick_household)
            self.reveal_action.setToolTip(self.tr("Show the full ID number and phone of the chosen member "
                                                  "(or the household's phone); the view is logged")
                                          if household is not None else self.reveal_action.toolTip())

    def _on_bus_data_changed(self, entity: str) -> None:
        if entity in ("visit", "event"):
            self.detail.reload_history()
            return
        if entity not in ("household", "person", "settings"):
            return
        if not self.isVisible():
            self._stale = True
            return
        self.refresh()

    # ------------------------------------------------------------------ household actions
    def new_household(self) -> None:
        if not self.new_action.isEnabled():
            return
        detail = HouseholdDialog.ask(self, self.ctx, grid_id=self.places.grid_id())
        if detail is not None:
            self.show_household(detail.id)

    def edit_household(self) -> None:
        household = self.detail.household
        if household is None or not self.edit_action.isEnabled():
            return
        HouseholdDialog.ask(self, self.ctx, household_id=household.id)  # the bus refreshes the page

    def move_household(self) -> None:
        household = self.detail.household
        if household is None or not self.move_action.isEnabled():
            return
        grid_id = MoveDialog.ask(self, self.ctx, household)
        if grid_id is None:
            return
        self._write(lambda: households.move(self.ctx.actor, household.id, grid_id, version=household.version),
                    "household")

    def delete_household(self) -> None:
        household = self.detail.household
        if household is None or not self.delete_action.isEnabled():
            return
        text = self.tr("Move household %1 (head %2, %3 members) to the recycle bin? It can be restored "
                       "from there.").replace("%1", household.number).replace("%2", household.head_name) \
            .replace("%3", str(household.member_count))
        if not ask.confirm(self, self.tr("Delete household"), text):
            return
        self._write(lambda: households.delete(self.ctx.actor, household.id, version=household.version),
                    "household")

    def restore_household(self) -> None:
        household = self.detail.household
        if household is None or not self.restore_action.isEnabled():
            return
        if self._write(lambda: households.restore(self.ctx.actor, household.id), "household"):
            ask.info(self, self.tr("Restored"), self.tr("Household %1 is back in the register.")
                     .replace("%1", household.number))

    def import_register(self) -> None:
        """导入: a household register kept in Excel, through the import wizard (the bus refreshes the list)."""
        from ui.dialogs.import_wizard import ImportWizard

        ImportWizard.ask(self, self.ctx, kind="households")

    def _on_visit_activated(self, row) -> None:
        """A visit double-clicked in the 走访记录 tab: open it (its author may edit it for 7 days)."""
        if getattr(row, "id", None) is None:
            return
        try:
            open_visit(self, self.ctx, row.id)
        except GridappError as exc:
            ask.error(self, self.tr("Open visit"), exc.message)

    # ------------------------------------------------------------------ member actions
    def add_member(self) -> None:
        household = self.detail.household
        if household is None or not self.add_member_action.isEnabled():
            return
        person = PersonDialog.ask(self, self.ctx, household_id=household.id)
        if person is not None:
            self.detail.select_member(person.id)

    def edit_member(self) -> None:
        member = self.detail.selected_member()
        if member is None or not self.edit_member_action.isEnabled():
            return
        try:
            person = PersonDialog.ask(self, self.ctx, person_id=member.id)
        except GridappError as exc:
            ask.error(self, self.tr("Edit member"), exc.message)
            return
        if person is not None:
            self.detail.select_member(person.id)

    def set_head(self) -> None:
        household, member = self.detail.household, self.detail.selected_member()
        if household is None or member is None or not self.set_head_action.isEnabled():
            return
        answer = SetHeadDialog.ask(self, self.ctx, household, new_head_id=member.id)
        if answer is None:
            return
        new_head_id, relations = answer
        if self._write(lambda: households.set_head(self.ctx.actor, household.id, new_head_id, relations),
                       "household"):
            self.detail.select_member(new_head_id)

    def delete_member(self) -> None:
        household, member = self.detail.household, self.detail.selected_member()
        if household is None or member is None or not self.delete_member_action.isEnabled():
            return
        if household.member_count <= 1:
            ask.warning(self, self.tr("Remove member"),
                        self.tr("%1 is the only member of this household. To remove them, delete the "
                                "household.").replace("%1", member.name))
            return
        new_head_id, relations = None, None
        if member.is_head:
            answer = SetHeadDialog.ask(self, self.ctx, household, leaving_id=member.id)
            if answer is None:
                return
            new_head_id, relations = answer
        elif not ask.confirm(self, self.tr("Remove member"),
                             self.tr("Move %1 to the recycle bin?").replace("%1", member.name)):
            return
        self._write(lambda: people.delete(self.ctx.actor, member.id, new_head_id, relations=relations,
                                          version=member.version), "person")

    def reveal(self) -> None:
        """显示完整: the chosen member's full ID and phone (or the household's phone); the service logs it."""
        household = self.detail.household
        if household is None or not self.reveal_action.isEnabled():
            return
        member = self.detail.selected_member()
        try:
            if member is not None:
                self.detail.reveal_member(people.reveal(self.ctx.actor, member.id))
            else:
                self.detail.reveal_phone(households.reveal(self.ctx.actor, household.id).phone)
        except GridappError as exc:
            ask.error(self, self.tr("Show full"), exc.message)

    def _write(self, fn, entity: str) -> bool:
        """Run a service write; say what went wrong in a message box. True when it worked."""
        try:
            fn()
        except ValidationError as exc:
            ask.warning(self, self.tr("Not done"), exc.message)
            return False
        except GridappError as exc:
            ask.error(self, self.tr("Not done"), exc.message)
            return False
        self.ctx.bus.data_changed.emit(entity)
        return True
