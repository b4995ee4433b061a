"""Read-only detail panes: one household's facts, members, visits and events.

The pane only shows what it is given; the page that holds it does the writing. The page may put
a row of member actions above the members table (``set_member_actions``).
"""
from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QFrame, QGridLayout, QHeaderView, QLabel,
                               QStackedWidget, QTableView, QTabWidget, QVBoxLayout, QWidget)

from gridapp.errors import GridappError
from gridapp.services.actor import Actor
from ui.models.households import MemberTableModel, RowListModel
from ui.models.paged import display

# Columns shown for history rows, by the attribute names the visit and event services use.
# Only the columns whose attribute the rows have are shown.
_VISIT_COLUMNS = (
    (QT_TRANSLATE_NOOP("HouseholdDetailPane", "Date"), ("visited_at", "date")),
    (QT_TRANSLATE_NOOP("HouseholdDetailPane", "Kind"), ("kind",)),
    (QT_TRANSLATE_NOOP("HouseholdDetailPane", "Method"), ("method",)),
    (QT_TRANSLATE_NOOP("HouseholdDetailPane", "Visitor"), ("visitor_name", "visitor")),
    (QT_TRANSLATE_NOOP("HouseholdDetailPane", "Person"), ("person_name", "target_name")),
    (QT_TRANSLATE_NOOP("HouseholdDetailPane", "State"), ("state",)),
    (QT_TRANSLATE_NOOP("HouseholdDetailPane", "Notes"), ("notes", "summary")),
)
_EVENT_COLUMNS = (
    (QT_TRANSLATE_NOOP("HouseholdDetailPane", "Number"), ("number",)),
    (QT_TRANSLATE_NOOP("HouseholdDetailPane", "Registered"), ("registered_at", "occurred_at")),
    (QT_TRANSLATE_NOOP("HouseholdDetailPane", "Kind"), ("kind_name", "kind")),
    (QT_TRANSLATE_NOOP("HouseholdDetailPane", "Title"), ("title",)),
    (QT_TRANSLATE_NOOP("HouseholdDetailPane", "State"), ("state_name", "state")),
)


def history_source(module: str, function: str) -> Callable[[Actor, int], Sequence[Any]] | None:
    """``gridapp.services.<module>.<function>`` when that service exists in this version."""
    try:
        mod = importlib.import_module(f"gridapp.services.{module}")
    except ModuleNotFoundError as exc:
        if exc.name == f"gridapp.services.{module}":
            return None
        raise
    fn = getattr(mod, function, None)
    return fn if callable(fn) else None


def _getter(names: Sequence[str]):
    def get(row: Any) -> Any:
        for name in names:
            if hasattr(row, name):
                return getattr(row, name)
        return None
    return get


def _columns_for(rows: Sequence[Any], spec) -> list[tuple]:
    if not rows or not dataclasses.is_dataclass(rows[0]):
        return [(QCoreApplication.translate("HouseholdDetailPane", header), _getter(names))
                for header, names in spec]
    fields = {f.name for f in dataclasses.fields(rows[0])}
    return [(QCoreApplication.translate("HouseholdDetailPane", header), _getter(names))
            for header, names in spec if fields.intersection(names)]


class HistoryTab(QStackedWidget):
    """A table of history rows, or an empty state that says so."""

    activated = Signal(object)  # the row double-clicked

    def __init__(self, empty_text: str, spec, parent: QWidget | None = None):
        super().__init__(parent)
        self._spec = spec
        self.empty = QLabel(empty_text, self)
        self.empty.setObjectName("empty_state")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #777; padding: 16px;")
        self.table = QTableView(self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self.activated.emit(self.model.row_at(index)))
        self.model = RowListModel([], self)
        self.table.setModel(self.model)
        self.addWidget(self.empty)
        self.addWidget(self.table)

    def set_rows(self, rows: Sequence[Any]) -> None:
        rows = list(rows)
        if not rows:
            self.setCurrentWidget(self.empty)
            return
        model = RowListModel(_columns_for(rows, self._spec), self)
        model.set_rows(rows)
        self.table.setModel(model)
        self.model.deleteLater()
        self.model = model
        self.table.resizeColumnsToContents()
        self.setCurrentWidget(self.table)

    def is_empty(self) -> bool:
        return self.currentWidget() is self.empty


class HouseholdDetailPane(QWidget):
    """One household: its facts, its members, and its visit and event history."""

    member_activated = Signal(object)  # PersonRow double-clicked
    event_activated = Signal(object)

    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.household = None
        self._visits_fn = history_source("visits", "history_for_household")
        self._events_fn = history_source("events", "events_for_household")

        self.empty = QLabel(self.tr("Choose a household in the list to see its members and history.\n"
                                    "To register a new household, click “New household” (Ctrl+N)."), self)
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
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.deleted_note = QLabel(self.body)
        self.deleted_note.setObjectName("deleted_note")
        self.deleted_note.setStyleSheet("color: #c62828;")
        self.deleted_note.hide()
        body.addWidget(self.title)
        body.addWidget(self.deleted_note)

        facts = QFrame(self.body)
        grid = QGridLayout(facts)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        self.facts: dict[str, QLabel] = {}
        columns = (
            (("division", self.tr("Village:")), ("grid", self.tr("Grid:")), ("reg_type", self.tr("Type:")),
             ("housing", self.tr("Housing:"))),
            (("phone", self.tr("Phone:")), ("members", self.tr("Members:")), ("updated", self.tr("Updated:"))),
            (("address", self.tr("Address:")), ("notes", self.tr("Notes:"))),
        )
        for position, rows in enumerate(columns):
            form = QFormLayout()
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            form.setHorizontalSpacing(8)
            form.setVerticalSpacing(4)
            for key, text in rows:
                value = QLabel(facts)
                value.setObjectName(f"fact_{key}")
                value.setWordWrap(True)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.facts[key] = value
                form.addRow(text, value)
            if position < 2:
                grid.addLayout(form, 0, position)
            else:
                grid.addLayout(form, 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        body.addWidget(facts)

        self.members_label = QLabel(self.tr("<b>Members</b>"), self.body)
        body.addWidget(self.members_label)
        self._actions_slot = QVBoxLayout()
        self._actions_slot.setContentsMargins(0, 0, 0, 0)
        body.addLayout(self._actions_slot)
        self.members = MemberTableModel(self)
        self.members_view = QTableView(self.body)
        self.members_view.setObjectName("members")
        self.members_view.setModel(self.members)
        self.members_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.members_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members_view.verticalHeader().hide()
        self.members_view.setAlternatingRowColors(True)
        header = self.members_view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((64, 72, 40, 40, 60, 142, 100)):
            self.members_view.setColumnWidth(column, width)
        self.members_view.doubleClicked.connect(
            lambda index: self.member_activated.emit(self.members.row_at(index)))
        body.addWidget(self.members_view, 3)

        self.tabs = QTabWidget(self.body)
        self.tabs.setObjectName("history_tabs")
        self.visits = HistoryTab(self.tr("No visits recorded yet."), _VISIT_COLUMNS, self.tabs)
        self.visits.setObjectName("visits_tab")
        self.events = HistoryTab(self.tr("No events for this household."), _EVENT_COLUMNS, self.tabs)
        self.events.setObjectName("events_tab")
        self.events.activated.connect(self.event_activated)
        self.tabs.addTab(self.visits, self.tr("Visits"))
        self.tabs.addTab(self.events, self.tr("Events"))
        body.addWidget(self.tabs, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.body)
        self.show_household(None)

    def set_member_actions(self, widget: QWidget) -> None:
        """Put the page's member actions (a tool bar) above the members table."""
        self._actions_slot.addWidget(widget)

    # ------------------------------------------------------------------ content
    def show_household(self, detail) -> None:
        """Show a ``HouseholdDetail`` (or the empty state for None)."""
        previous = self.household.id if self.household is not None else None
        self.household = detail
        self.empty.setVisible(detail is None)
        self.body.setVisible(detail is not None)
        if detail is None:
            self.members.set_rows([])
            return
        self.title.setText(self.tr("Household %1 · head %2").replace("%1", detail.number)
                           .replace("%2", detail.head_name or self.tr("(none)")))
        if detail.deleted_at is not None:
            self.deleted_note.setText(self.tr("In the recycle bin since %1.").replace("%1", display(detail.deleted_at)))
        self.deleted_note.setVisible(detail.deleted_at is not None)
        f = self.facts
        f["address"].setText(detail.address or "—")
        f["division"].setText(" / ".join(x for x in (detail.township_name, detail.village_name) if x))
        f["grid"].setText(detail.grid_name)
        f["reg_type"].setText(detail.reg_type)
        f["housing"].setText(detail.housing)
        f["phone"].setText(detail.phone or "—")
        f["members"].setText(str(detail.member_count))
        f["updated"].setText(display(detail.updated_at))
        f["notes"].setText(detail.notes or "—")
        selected = self.selected_member()
        self.members.set_rows(detail.members)
        if selected is not None and previous == detail.id:
            self.select_member(selected.id)
        self._load_history(detail.id)

    def _load_history(self, household_id: int) -> None:
        for fn, tab in ((self._visits_fn, self.visits), (self._events_fn, self.events)):
            rows: Sequence[Any] = []
            if fn is not None:
                try:
                    rows = fn(self.actor, household_id)
                except GridappError:
                    rows = []
            tab.set_rows(rows)

    def reload_history(self) -> None:
        if self.household is not None:
            self._load_history(self.household.id)

    # ------------------------------------------------------------------ members
    def selected_member(self):
        indexes = self.members_view.selectionModel().selectedRows()
        return self.members.row_at(indexes[0]) if indexes else None

    def select_member(self, person_id: int) -> bool:
        row = self.members.find_row(lambda r: r.id == person_id)
        if row < 0:
            return False
        self.members_view.selectRow(row)
        return True

    def reveal_member(self, person) -> None:
        """Show one member's full ID number and phone (a ``PersonDetail`` from people.reveal)."""
        self.members.reveal(person.id, person.id_number, person.phone)

    def reveal_phone(self, phone: str | None) -> None:
        self.facts["phone"].setText(phone or "—")
