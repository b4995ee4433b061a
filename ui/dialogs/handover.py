"""网格移交: a grid passes to another worker from a given date, with a note; the grid's history
shows who looked after it when. Before the previous worker leaves, their open events and the
overdue visits of their grids are listed, and the events can be given to someone else.

``HandoverDialog.ask(parent, ctx, grid_id=None, worker_id=None)`` returns the grid's history
after the handover (``list[AssignmentInfo]``) or None.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSplitter, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from gridapp import workflow
from gridapp.errors import GridappError, ValidationError
from gridapp.services import accounts, grids
from gridapp.services.actor import GRID_WORKER, SYSADMIN
from ui.context import AppContext
from ui.dialogs.person import date_edit, from_qdate, select_data
from ui.widgets import ask
from ui.widgets.form import FormErrors
from ui.widgets.lists import empty_label


def _table(parent: QWidget, headers: list[str], widths: tuple[int, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    return table


def _item(text: str, data=None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


class HandoverDialog(QDialog):
    FIELDS = ("grid_id", "worker_id", "start", "note")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, grid_id: int | None = None,
                 worker_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.result_value: list[accounts.AssignmentInfo] | None = None
        self.items: accounts.HandoverItems | None = None
        self.setObjectName("HandoverDialog")
        self.setWindowTitle(self.tr("Grid handover"))
        self.setMinimumSize(1000, 640)
        self._workers = accounts.list_users(ctx.actor, include_inactive=False, role=GRID_WORKER)
        self._handlers = [u for u in accounts.list_users(ctx.actor, include_inactive=False) if u.role != SYSADMIN]
        self._build()
        self._fill(grid_id, worker_id)
        self._connect()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(10)
        top = QHBoxLayout()
        top.setSpacing(16)

        handover = QGroupBox(self.tr("Handover"), self)
        self.form = QFormLayout(handover)
        self.form.setSpacing(8)
        self.grid = QComboBox(handover)
        self.grid.setObjectName("grid")
        self.current_worker = QLabel(handover)
        self.current_worker.setObjectName("current_worker")
        self.worker = QComboBox(handover)
        self.worker.setObjectName("worker")
        self.start = date_edit(handover, optional=False)
        self.start.setObjectName("start")
        self.start.setMaximumDate(QDate.currentDate())
        self.note = QLineEdit(handover)
        self.note.setObjectName("note")
        self.note.setMaxLength(500)
        self.note.setPlaceholderText(self.tr("e.g. 张三 retired; papers handed over on paper"))
        self.form.addRow(self.tr("&Grid:"), self.grid)
        self.form.addRow(self.tr("Looked after by:"), self.current_worker)
        self.form.addRow(self.tr("&New worker:"), self.worker)
        self.form.addRow(self.tr("&From:"), self.start)
        self.form.addRow(self.tr("N&ote:"), self.note)
        top.addWidget(handover, 3)

        history = QGroupBox(self.tr("History of this grid"), self)
        history_layout = QVBoxLayout(history)
        self.history = _table(history, [self.tr("Worker"), self.tr("From"), self.tr("To"), self.tr("Note")],
                              (90, 90, 90), "history")
        history_layout.addWidget(self.history)
        top.addWidget(history, 4)
        layout.addLayout(top)

        leaving = QGroupBox(self.tr("What the previous worker leaves open"), self)
        self.leaving_box = leaving
        leaving_layout = QVBoxLayout(leaving)
        self.leaving_note = QLabel(leaving)
        self.leaving_note.setObjectName("leaving_note")
        self.leaving_note.setWordWrap(True)
        leaving_layout.addWidget(self.leaving_note)
        splitter = QSplitter(Qt.Orientation.Horizontal, leaving)
        events_box = QWidget(splitter)
        events_layout = QVBoxLayout(events_box)
        events_layout.setContentsMargins(0, 0, 0, 0)
        events_layout.addWidget(QLabel(self.tr("Open events (the ticked ones go to the person chosen below):"),
                                       events_box))
        self.events = _table(events_box, [self.tr("Number"), self.tr("Title"), self.tr("State"), self.tr("Deadline"),
                                          self.tr("Role")], (150, 150, 64, 86), "open_events")
        events_layout.addWidget(self.events)
        reassign = QHBoxLayout()
        self.handler = QComboBox(events_box)
        self.handler.setObjectName("handler")
        handler_label = QLabel(self.tr("Ticked events &go to:"), events_box)
        handler_label.setBuddy(self.handler)
        self.reassign_button = QPushButton(self.tr("Give them &now"), events_box)
        self.reassign_button.setObjectName("reassign")
        self.reassign_button.setAutoDefault(False)
        self.reassign_button.setToolTip(self.tr("Give the ticked events away without handing the grid over "
                                                "(they go along with the handover too)"))
        reassign.addWidget(handler_label)
        reassign.addWidget(self.handler, 1)
        reassign.addWidget(self.reassign_button)
        events_layout.addLayout(reassign)
        overdue_box = QWidget(splitter)
        overdue_layout = QVBoxLayout(overdue_box)
        overdue_layout.setContentsMargins(0, 0, 0, 0)
        overdue_layout.addWidget(QLabel(self.tr("Overdue visits of the worker's grids (they pass with the grid):"),
                                        overdue_box))
        self.overdue = _table(overdue_box, [self.tr("Who or what"), self.tr("Grid"), self.tr("Due"),
                                            self.tr("Overdue by")], (130, 76, 86), "overdue")
        overdue_layout.addWidget(self.overdue)
        splitter.setSizes([540, 420])
        leaving_layout.addWidget(splitter, 1)
        layout.addWidget(leaving, 1)

        self.general = QLabel(self)
        self.general.setObjectName("general_error")
        self.general.setWordWrap(True)
        self.general.hide()
        layout.addWidget(self.general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.addButton(self.tr("&Hand over"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("hand_over")
        layout.addWidget(self.buttons)
        self.errors = FormErrors(self.form, self.general)
        self.errors.register_all({"grid_id": self.grid, "worker_id": self.worker, "start": self.start,
                                  "note": self.note})

    def _fill(self, grid_id: int | None, worker_id: int | None) -> None:
        rows = grids.list_grids(self.ctx.actor)
        if worker_id is not None:
            rows = [g for g in rows if g.worker_id == worker_id] or rows
        self._grids = {g.id: g for g in rows}
        for g in rows:
            self.grid.addItem(f"{g.village_name} · {g.name}", g.id)
        if grid_id is None and worker_id is not None:
            grid_id = next((g.id for g in rows if g.worker_id == worker_id), None)
        select_data(self.grid, grid_id)
        for u in self._handlers:
            self.handler.addItem(f"{u.display_name}（{u.role_name}，{u.scope_name}）", u.id)
        self._on_grid_changed()

    def _connect(self) -> None:
        self.grid.currentIndexChanged.connect(self._on_grid_changed)
        self.worker.currentIndexChanged.connect(self._on_worker_changed)
        self.reassign_button.clicked.connect(self.reassign)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    # ------------------------------------------------------------------ the grid
    def selected_grid(self):
        return self._grids.get(self.grid.currentData())

    def _on_grid_changed(self, *_args) -> None:
        self.errors.clear()
        g = self.selected_grid()
        self.worker.blockSignals(True)
        self.worker.clear()
        if g is None:
            self.current_worker.setText(self.tr("(no grid in your area)"))
            self.worker.blockSignals(False)
            self._show_history([])
            self._show_leaving(None)
            return
        self.current_worker.setText(g.worker_name or self.tr("nobody"))
        for u in self._workers:
            if g.village_code.startswith(u.scope_code or "-") and u.id != g.worker_id:
                self.worker.addItem(f"{u.display_name}（{u.login}）", u.id)
        if g.worker_id is not None:
            self.worker.addItem(self.tr("(nobody for now: the grid waits for a worker)"), None)
        self.worker.blockSignals(False)
        if self.worker.count() == 0:
            self.errors.set_error("worker_id", self.tr("No other active grid worker account covers this grid: create "
                                                       "one in the Users tab first."))
        self.save_button.setEnabled(self.worker.count() > 0)
        self._on_worker_changed()
        try:
            self._show_history(accounts.grid_history(self.ctx.actor, g.id))
        except GridappError as exc:
            self.errors.set_error(None, exc.message)
        self._show_leaving(g.worker_id)

    def _on_worker_changed(self, *_args) -> None:
        select_data(self.handler, self.worker.currentData())
        self.errors.clear_error("worker_id")

    def _show_history(self, rows: list[accounts.AssignmentInfo]) -> None:
        self.history.setRowCount(len(rows))
        for r, a in enumerate(rows):
            values = (a.worker_name, f"{a.start:%Y-%m-%d}", f"{a.end:%Y-%m-%d}" if a.end else self.tr("now"),
                      a.note or "")
            for c, value in enumerate(values):
                self.history.setItem(r, c, _item(value))

    def _show_leaving(self, worker_id: int | None) -> None:
        self.events.setRowCount(0)
        self.overdue.setRowCount(0)
        self._empty(self.events, "")
        self._empty(self.overdue, "")
        self.items = None
        if worker_id is None:
            self.leaving_note.setText(self.tr("The grid has no worker now: nothing is left to pass on."))
            self._update_reassign()
            return
        try:
            self.items = accounts.departing_worker_items(self.ctx.actor, worker_id)
        except GridappError as exc:
            self.leaving_note.setText(exc.message)
            self._update_reassign()
            return
        g = self.selected_grid()
        events, overdue = self.items.open_events, self.items.overdue_targets
        self.leaving_note.setText(self.tr("%1 has %2 open events and %3 overdue visits in their grids. Give the "
                                          "events to the new worker (or someone else) so none is forgotten.")
                                  .replace("%1", g.worker_name).replace("%2", str(len(events)))
                                  .replace("%3", str(len(overdue))))
        self.events.setRowCount(len(events))
        self._empty(self.events, self.tr("No open events: nothing to give away.") if not events else "")
        self._empty(self.overdue, self.tr("No overdue visits.") if not overdue else "")
        today = dt.date.today()
        for r, e in enumerate(events):
            number = _item(e.number, e.id)
            number.setFlags(number.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            number.setCheckState(Qt.CheckState.Checked)
            self.events.setItem(r, 0, number)
            deadline = f"{e.deadline:%Y-%m-%d}" if e.deadline else ""
            state = QCoreApplication.translate("Workflow", workflow.STATE_LABELS.get(e.state, e.state))
            for c, value in enumerate((e.title, state, deadline, e.relation), 1):
                item = _item(value)
                if c == 3 and e.deadline and e.deadline < today:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.events.setItem(r, c, item)
        self.overdue.setRowCount(len(overdue))
        for r, w in enumerate(overdue):
            values = (w.name, w.grid_name, f"{w.due:%Y-%m-%d}", self.tr("%1 days").replace("%1", str(w.overdue_days)))
            for c, value in enumerate(values):
                self.overdue.setItem(r, c, _item(value))
        self._update_reassign()

    @staticmethod
    def _empty(table: QTableWidget, text: str) -> None:
        """Say so in an empty table instead of showing a blank area."""
        label = table.viewport().findChild(QLabel, "empty") or empty_label(table, "empty")
        label.setText(text)
        label.setVisible(bool(text))

    def ticked_events(self) -> list[int]:
        out = []
        for r in range(self.events.rowCount()):
            item = self.events.item(r, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def _update_reassign(self) -> None:
        enabled = self.events.rowCount() > 0 and self.handler.count() > 0
        self.reassign_button.setEnabled(enabled)
        self.handler.setEnabled(enabled)
        self.reassign_button.setToolTip("" if enabled else self.tr("No open events to give away"))

    # ------------------------------------------------------------------ actions
    def reassign(self) -> int:
        """Give the ticked events to the chosen handler; how many changed hands."""
        ids = self.ticked_events()
        if not ids:
            ask.info(self, self.tr("Give events"), self.tr("Tick the events to give away first."))
            return 0
        try:
            changed = accounts.reassign_events(self.ctx.actor, ids, self.handler.currentData(),
                                               self.note.text() or None)
        except GridappError as exc:
            ask.warning(self, self.tr("Give events"), exc.message)
            return 0
        self.ctx.bus.data_changed.emit("event")
        ask.info(self, self.tr("Give events"), self.tr("%1 events now handled by %2.")
                 .replace("%1", str(changed)).replace("%2", self.handler.currentText()))
        g = self.selected_grid()
        self._show_leaving(g.worker_id if g else None)
        return changed

    def save(self) -> bool:
        """Hand the grid over; the ticked events go to the chosen handler in the same step."""
        self.errors.clear()
        g = self.selected_grid()
        if g is None:
            self.errors.set_error("grid_id", self.tr("Choose a grid."))
            return False
        try:
            self.result_value = accounts.assign_grid(self.ctx.actor, g.id, self.worker.currentData(),
                                                     from_qdate(self.start.date()), self.note.text())
        except ValidationError as exc:
            self.errors.set_error(exc.field if exc.field in self.FIELDS else None, exc.message)
            return False
        except GridappError as exc:
            self.errors.set_error(None, exc.message)
            return False
        ids = self.ticked_events()
        if ids and self.handler.currentData() is not None:
            try:
                accounts.reassign_events(self.ctx.actor, ids, self.handler.currentData(), self.note.text() or None)
            except GridappError as exc:
                ask.warning(self, self.tr("Grid handover"),
                            self.tr("The grid was handed over, but the ticked events stay with %1: %2")
                            .replace("%1", g.worker_name).replace("%2", exc.message))
            self.ctx.bus.data_changed.emit("event")
        self.ctx.bus.data_changed.emit("user")
        self.accept()
        return True

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, grid_id: int | None = None,
            worker_id: int | None = None) -> list[accounts.AssignmentInfo] | None:
        dialog = cls(ctx, parent, grid_id=grid_id, worker_id=worker_id)
        try:
            return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def screenshot_sample(ctx: AppContext, parent: QWidget | None = None) -> HandoverDialog:
    """For ui.screenshots: the handover of a grid that has a worker."""
    rows = [g for g in grids.list_grids(ctx.actor) if g.worker_id]
    return HandoverDialog(ctx, parent, grid_id=rows[0].id if rows else None)
