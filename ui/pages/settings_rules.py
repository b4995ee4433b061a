"""设置 → 走访规则: how often whom is visited, what an inspection checks, and the time limits.

The township centre and the system administrator change the visit intervals (services.rules),
the forced interval after a high risk grade, the inspection checklists (services.places), the
events' time limits and the report cutoff day (services.settings); the system administrator
also the idle lock. Everything applies at once: due dates are computed from the rules when they
are shown, and the idle lock re-reads its minutes (bus ``data_changed('settings')``). Everyone
else sees the rules read-only.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QScrollArea, QSpinBox,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from gridapp import workflow
from gridapp.errors import GridappError, StaleRecordError, ValidationError, ValidationErrors
from gridapp.services import codes, events, places, rules, settings
from gridapp.services.actor import SYSADMIN, TOWNSHIP
from ui.context import AppContext
from ui.dialogs.person import select_data
from ui.widgets import ask

EDITORS = (TOWNSHIP, SYSADMIN)
NATURAL_MONTH = 0  # the cutoff spin box at 0 means calendar months


def spin(parent: QWidget, minimum: int, maximum: int, suffix: str = "") -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(minimum, maximum)
    box.setSuffix(suffix)
    box.setMinimumWidth(110)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    return box


class RulesTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.editor = ctx.actor.role in EDITORS
        self.admin = ctx.actor.role == SYSADMIN
        self.rules: list[rules.RuleRow] = []
        self.items: list[places.ChecklistItemRow] = []
        self._loading = False
        self._build()
        self._connect()
        self.refresh()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(scroll)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(10)

        self.note = QLabel(body)
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        layout.addWidget(self.note)

        top = QHBoxLayout()
        top.setSpacing(12)
        rules_box = QGroupBox(self.tr("Visit intervals"), body)
        rules_layout = QVBoxLayout(rules_box)
        self.rules_table = QTableWidget(0, 3, rules_box)
        self.rules_table.setObjectName("rules")
        self.rules_table.setHorizontalHeaderLabels([self.tr("Who or what"), self.tr("Attention"),
                                                    self.tr("Every")])
        self._plain_table(self.rules_table, (200, 90, 130))
        self.rules_table.setMinimumHeight(300)
        rules_layout.addWidget(self.rules_table)
        top.addWidget(rules_box, 3)

        side = QVBoxLayout()
        side.setSpacing(10)
        risk_box = QGroupBox(self.tr("High risk (严重精神障碍)"), body)
        risk_form = self._form(risk_box)
        self.risk_grade = spin(risk_box, 1, 5)
        self.risk_grade.setObjectName("risk_force_min_grade")
        self.risk_grade.setSuffix(self.tr(" or higher"))
        self.risk_days = spin(risk_box, 1, 90, self.tr(" days"))
        self.risk_days.setObjectName("risk_force_days")
        risk_form.addRow(self.tr("Risk grade:"), self.risk_grade)
        risk_form.addRow(self.tr("visit every:"), self.risk_days)
        side.addWidget(risk_box)

        limits_box = QGroupBox(self.tr("Event time limits"), body)
        limits_form = self._form(limits_box)
        self.time_limits: dict[str, QSpinBox] = {}
        for kind in workflow.KINDS:
            box = spin(limits_box, 1, 365, self.tr(" days"))
            box.setObjectName(f"time_limit.{kind}")
            self.time_limits[kind] = box
            limits_form.addRow(f"{codes.name('event_kind', kind, kind)}：", box)
        side.addWidget(limits_box)

        other_box = QGroupBox(self.tr("Reports and screen lock"), body)
        other_form = self._form(other_box)
        self.cutoff = spin(other_box, NATURAL_MONTH, 28)
        self.cutoff.setObjectName("report_cutoff_day")
        self.cutoff.setSpecialValueText(self.tr("calendar month"))
        self.cutoff.setToolTip(self.tr("Reports count a month up to this day (e.g. the 25th); “calendar month” "
                                       "counts the 1st to the last day"))
        self.idle_minutes = spin(other_box, 1, 240, self.tr(" minutes"))
        self.idle_minutes.setObjectName("idle_lock_minutes")
        self.idle_minutes.setToolTip(self.tr("The screen locks after this long without use; unlocking needs "
                                             "the password"))
        other_form.addRow(self.tr("Monthly reports end on day:"), self.cutoff)
        other_form.addRow(self.tr("Lock the screen after:"), self.idle_minutes)
        side.addWidget(other_box)
        side.addStretch(1)
        top.addLayout(side, 2)
        layout.addLayout(top)

        checklist_box = QGroupBox(self.tr("Inspection checklists"), body)
        grid = QGridLayout(checklist_box)
        grid.setSpacing(8)
        self.category = QComboBox(checklist_box)
        self.category.setObjectName("checklist_category")
        for code_, name in codes.items("place_category"):
            self.category.addItem(name, code_)
        grid.addWidget(QLabel(self.tr("Place category:"), checklist_box), 0, 0)
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        grid.addWidget(self.category, 0, 1, Qt.AlignmentFlag.AlignLeft)
        self.items_table = QTableWidget(0, 3, checklist_box)
        self.items_table.setObjectName("checklist")
        self.items_table.setHorizontalHeaderLabels([self.tr("Item checked"), self.tr("A failure is a hazard of"),
                                                    self.tr("In use")])
        self._plain_table(self.items_table, (420, 160, 70))
        self.items_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                         | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.items_table.setMinimumHeight(220)
        grid.addWidget(self.items_table, 1, 0, 1, 4)
        order = QVBoxLayout()
        self.up_button = QPushButton(self.tr("Move &up"), checklist_box)
        self.up_button.setObjectName("item_up")
        self.down_button = QPushButton(self.tr("Move &down"), checklist_box)
        self.down_button.setObjectName("item_down")
        order.addWidget(self.up_button)
        order.addWidget(self.down_button)
        order.addStretch(1)
        grid.addLayout(order, 1, 4)
        self.new_item = QLineEdit(checklist_box)
        self.new_item.setObjectName("new_item")
        self.new_item.setMaxLength(100)
        self.new_item.setPlaceholderText(self.tr("A new item to check, e.g. 灭火器在有效期内"))
        self.new_hazard = QComboBox(checklist_box)
        self.new_hazard.setObjectName("new_hazard")
        for code_, name in codes.items("hazard_category"):
            self.new_hazard.addItem(name, code_)
        self.add_button = QPushButton(self.tr("&Add item"), checklist_box)
        self.add_button.setObjectName("add_item")
        grid.addWidget(self.new_item, 2, 0, 1, 2)
        grid.addWidget(self.new_hazard, 2, 2)
        grid.addWidget(self.add_button, 2, 3)
        grid.setColumnStretch(1, 1)
        layout.addWidget(checklist_box)

        buttons = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.undo_button = QPushButton(self.tr("Undo changes"), self)
        self.undo_button.setObjectName("undo")
        self.save_button = QPushButton(self.tr("&Save changes"), self)
        self.save_button.setObjectName("save")
        self.save_button.setToolTip(self.tr("Save (Ctrl+S); applies at once"))
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.save_button)
        bar = QWidget(self)
        bar.setLayout(buttons)
        buttons.setContentsMargins(12, 4, 12, 8)
        outer.addWidget(bar)
        self.save_shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        self.save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        for widget in (self.risk_grade, self.risk_days, self.cutoff, *self.time_limits.values(), self.new_item,
                       self.new_hazard, self.add_button, self.up_button, self.down_button, self.undo_button,
                       self.save_button):
            widget.setEnabled(self.editor)
        self.idle_minutes.setEnabled(self.admin)
        if not self.admin:
            self.idle_minutes.setToolTip(self.tr("Only the system administrator sets the screen lock"))

    @staticmethod
    def _form(parent: QWidget) -> QFormLayout:
        form = QFormLayout(parent)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(6)
        return form

    @staticmethod
    def _plain_table(table: QTableWidget, widths: tuple[int, ...]) -> None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(28)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the text takes the room left
        for column, width in enumerate(widths):
            table.setColumnWidth(column, width)

    def _connect(self) -> None:
        self.category.currentIndexChanged.connect(self._fill_items)
        self.add_button.clicked.connect(self.add_item)
        self.new_item.returnPressed.connect(self.add_item)
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button.clicked.connect(lambda: self.move_item(1))
        self.undo_button.clicked.connect(self.refresh)
        self.save_button.clicked.connect(self.save)
        self.save_shortcut.activated.connect(self.save)
        for box in (self.risk_grade, self.risk_days, self.cutoff, self.idle_minutes, *self.time_limits.values()):
            box.valueChanged.connect(self._on_changed)
        self.items_table.itemChanged.connect(self._on_items_table_item_changed)

    # ------------------------------------------------------------------ loading
    def refresh(self) -> None:
        """Show what is saved now (dropping unsaved changes)."""
        self._loading = True
        try:
            self.rules = rules.list_rules(self.ctx.actor)
            self._fill_rules()
            force = rules.risk_force()
            self.risk_grade.setValue(force.min_grade)
            self.risk_days.setValue(force.days)
            for kind, days in events.time_limits().items():
                if kind in self.time_limits:
                    self.time_limits[kind].setValue(days)
            self.cutoff.setValue(settings.get_int("report_cutoff_day") or NATURAL_MONTH)
            self.idle_minutes.setValue(settings.get_int("idle_lock_minutes") or 15)
            self._fill_items()
        finally:
            self._loading = False
        self.note.setText(self.tr("Intervals, time limits and the other values are stored with “Save changes”; "
                                  "checklist edits are stored as you make them. Both apply at once to every due "
                                  "date and deadline shown from then on.")
                          if self.editor else
                          self.tr("Only the township centre and the system administrator change these rules."))
        self._set_status("")

    def _fill_rules(self) -> None:
        self.rules_table.setRowCount(len(self.rules))
        self.rule_spins: list[QSpinBox] = []
        for row, rule in enumerate(self.rules):
            self.rules_table.setItem(row, 0, QTableWidgetItem(rule.target_name))
            self.rules_table.setItem(row, 1, QTableWidgetItem(rule.attention_name or "—"))
            box = spin(self.rules_table, 1, rules.MAX_INTERVAL, self.tr(" days"))
            box.setObjectName(f"rule_{rule.target}_{rule.attention}")
            box.setValue(rule.interval_days)
            box.setEnabled(self.editor)
            box.valueChanged.connect(self._on_changed)
            self.rules_table.setCellWidget(row, 2, box)
            self.rule_spins.append(box)

    def _fill_items(self, *_args) -> None:
        loading, self._loading = self._loading, True
        try:
            self.items = places.checklist_items(self.ctx.actor, self.category.currentData())
            self.items_table.setRowCount(len(self.items))
            hazards = codes.items("hazard_category")
            for row, item in enumerate(self.items):
                text = QTableWidgetItem(item.text)
                text.setData(Qt.ItemDataRole.UserRole, item.id)
                if not self.editor:
                    text.setFlags(text.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.items_table.setItem(row, 0, text)
                hazard = QComboBox(self.items_table)
                for code_, name in hazards:
                    hazard.addItem(name, code_)
                select_data(hazard, item.hazard_category)
                hazard.setEnabled(self.editor)
                hazard.currentIndexChanged.connect(lambda _i, item_id=item.id, combo=hazard: self._update_item(
                    item_id, hazard_category=combo.currentData()))
                self.items_table.setCellWidget(row, 1, hazard)
                active = QCheckBox(self.items_table)
                active.setChecked(item.active)
                active.setEnabled(self.editor)
                active.toggled.connect(lambda on, item_id=item.id: self._update_item(item_id, active=on))
                self.items_table.setCellWidget(row, 2, active)
        finally:
            self._loading = loading

    # ------------------------------------------------------------------ editing
    def _on_changed(self, *_args) -> None:
        if not self._loading:
            self._set_status(self.tr("Changed, not saved yet."), "#ef6c00")

    def _set_status(self, text: str, color: str = "#2e7d32") -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {color};")

    def has_changes(self) -> bool:
        return bool(self._changed_rules() or self._changed_settings() or self._changed_risk())

    def _changed_rules(self) -> list[tuple[rules.RuleRow, int]]:
        return [(rule, box.value()) for rule, box in zip(self.rules, self.rule_spins, strict=True)
                if box.value() != rule.interval_days]

    def _changed_risk(self) -> tuple[int, int] | None:
        force = rules.risk_force()
        wanted = (self.risk_days.value(), self.risk_grade.value())
        return wanted if wanted != (force.days, force.min_grade) else None

    def _changed_settings(self) -> dict[str, object]:
        wanted: dict[str, object] = {f"time_limit.{kind}": box.value() for kind, box in self.time_limits.items()}
        wanted["report_cutoff_day"] = self.cutoff.value() or None
        if self.admin:
            wanted["idle_lock_minutes"] = self.idle_minutes.value()
        now = {f"time_limit.{kind}": days for kind, days in events.time_limits().items()}
        now["report_cutoff_day"] = settings.get_int("report_cutoff_day")
        now["idle_lock_minutes"] = settings.get_int("idle_lock_minutes")
        return {key: value for key, value in wanted.items() if now.get(key) != value}

    def _on_items_table_item_changed(self, item: QTableWidgetItem) -> None:
        if not self._loading and item.column() == 0:
            self._update_item(item.data(Qt.ItemDataRole.UserRole), text=item.text())

    def _update_item(self, item_id: int, **changes) -> None:
        """A checklist edit is saved at once (like adding and moving items)."""
        if self._loading or not self.editor:
            return
        try:
            saved = places.update_checklist_item(self.ctx.actor, item_id, **changes)
        except GridappError as exc:
            ask.warning(self, self.tr("Inspection checklists"), exc.message)
            QTimer.singleShot(0, self._fill_items)  # back to what is saved (not inside the table's own signal)
            return
        self.items = [saved if i.id == saved.id else i for i in self.items]
        self.ctx.bus.data_changed.emit("settings")
        self._set_status(self.tr("Checklist saved."))

    def save(self) -> bool:
        """Store every change; True when all were saved."""
        if not self.editor:
            return False
        actor = self.ctx.actor
        try:
            for rule, days in self._changed_rules():
                rules.update_rule(actor, rule.id, days, expected_version=rule.version)
            risk = self._changed_risk()
            if risk is not None:
                rules.set_risk_force(actor, *risk)
            changed = self._changed_settings()
            if changed:
                settings.set_settings(actor, {k: (str(v) if v is not None else None) for k, v in changed.items()})
        except StaleRecordError as exc:
            ask.warning(self, self.tr("Visit rules"), exc.message + self.tr(" The rules now show what the other person "
                                                                            "saved; make your change again."))
            self.refresh()
            return False
        except (ValidationError, ValidationErrors) as exc:
            errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
            ask.warning(self, self.tr("Not saved"), "\n".join(e.message for e in errors))
            self._set_status(self.tr("Not saved: correct the value and save again."), "#c62828")
            return False
        except GridappError as exc:
            ask.error(self, self.tr("Not saved"), exc.message)
            return False
        self.ctx.bus.data_changed.emit("settings")
        self.refresh()
        self._set_status(self.tr("Saved; applies from now on."))
        return True

    def add_item(self) -> None:
        if not self.editor:
            return
        try:
            places.add_checklist_item(self.ctx.actor, self.category.currentData(), self.new_item.text(),
                                      self.new_hazard.currentData())
        except GridappError as exc:
            ask.warning(self, self.tr("Add item"), exc.message)
            return
        self.new_item.clear()
        self._fill_items()
        self.items_table.selectRow(self.items_table.rowCount() - 1)
        self.ctx.bus.data_changed.emit("settings")
        self._set_status(self.tr("Item added."))

    def move_item(self, step: int) -> None:
        """Swap the chosen item with its neighbour (saved at once: the order is not a draft)."""
        rows = self.items_table.selectionModel().selectedRows()
        if not self.editor or not rows:
            return
        row = rows[0].row()
        other = row + step
        if not 0 <= other < len(self.items):
            return
        a, b = self.items[row], self.items[other]
        sort_a, sort_b = (b.sort, a.sort) if a.sort != b.sort else (a.sort + step, a.sort)
        try:
            places.update_checklist_item(self.ctx.actor, a.id, sort=sort_a)
            places.update_checklist_item(self.ctx.actor, b.id, sort=sort_b)
        except GridappError as exc:
            ask.warning(self, self.tr("Move item"), exc.message)
            return
        self._fill_items()
        self.items_table.selectRow(other)

