"""Register a new household (户 facts, its head and members) or edit a household's facts.

``HouseholdDialog.ask(parent, ctx, household_id=None, grid_id=None)`` returns the saved
``HouseholdDetail`` or None. A new household is saved in one transaction with its head and
members, which are entered through the person dialog (nothing is written until Save here).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from gridapp import ids
from gridapp.errors import (DuplicateError, GridappError, NeedsConfirmation, StaleRecordError, ValidationError,
                            ValidationErrors)
from gridapp.services import codes, grids, households
from gridapp.services.households import HouseholdInput
from gridapp.services.people import PersonInput
from ui.context import AppContext
from ui.dialogs.person import PersonDialog, find_person_by_id_number, offer_existing, open_existing, select_data
from ui.widgets import ask
from ui.widgets.form import FormErrors


class HouseholdDialog(QDialog):
    FIELDS = ("grid_id", "number", "address", "reg_type", "housing", "phone", "notes")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, household_id: int | None = None,
                 grid_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        # The phone is shown masked: the service keeps the stored number when it gets the mask back.
        self.detail = households.get(ctx.actor, household_id) if household_id is not None else None
        self.result_value = None
        self.head: PersonInput | None = None
        self.members: list[PersonInput] = []
        self.setObjectName("HouseholdDialog")
        self.setWindowTitle(self.tr("Edit household %1").replace("%1", self.detail.number) if self.detail
                            else self.tr("New household"))
        self.setMinimumWidth(720)
        self._build()
        self._fill(grid_id)
        self._connect()
        # A record opened from a duplicate message replaces what this dialog was doing.
        ctx.bus.open_household.connect(self._on_record_opened)
        ctx.bus.open_person.connect(self._on_record_opened)
        self._listening = True

    @property
    def is_new(self) -> bool:
        return self.detail is None

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.grid = QComboBox(self)
        self.grid.setObjectName("grid")
        for g in grids.list_grids(self.ctx.actor):
            self.grid.addItem(f"{g.village_name} · {g.name}", g.id)
        self.number = QLineEdit(self)
        self.number.setObjectName("number")
        self.number.setMaxLength(households.NUMBER_MAX)
        self.suggest_button = QPushButton(self.tr("Next free number"), self)
        self.suggest_button.setObjectName("suggest_number")
        self.suggest_button.setAutoDefault(False)
        self.suggest_button.setToolTip(self.tr("Fill in the next free household number of the grid's village"))
        number_row = QHBoxLayout()
        number_row.addWidget(self.number, 1)
        number_row.addWidget(self.suggest_button)
        self.address = QLineEdit(self)
        self.address.setObjectName("address")
        self.address.setMaxLength(200)
        self.address.setPlaceholderText(self.tr("e.g. Group 3, No. 12"))
        self.reg_type = QComboBox(self)
        self.reg_type.setObjectName("reg_type")
        for code, name in codes.items("reg_type"):
            self.reg_type.addItem(name, code)
        self.housing = QComboBox(self)
        self.housing.setObjectName("housing")
        for code, name in codes.items("housing"):
            self.housing.addItem(name, code)
        self.phone = QLineEdit(self)
        self.phone.setObjectName("phone")
        self.phone.setMaxLength(20)
        self.phone.setPlaceholderText(self.tr("mobile 13812345678 or 0714-8123456"))
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)

        facts = QGroupBox(self.tr("Household"), self)
        self.form = QFormLayout(facts)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setVerticalSpacing(8)
        self.form.addRow(self.tr("&Grid:"), self.grid)
        number_label = QLabel(self.tr("Household &no.:"), self)
        number_label.setBuddy(self.number)  # the row holds a layout: the mnemonic needs a buddy
        self.form.addRow(number_label, number_row)
        self.form.addRow(self.tr("&Address:"), self.address)
        self.form.addRow(self.tr("&Type:"), self.reg_type)
        self.form.addRow(self.tr("&Housing:"), self.housing)
        self.form.addRow(self.tr("&Phone:"), self.phone)
        self.form.addRow(self.tr("N&otes:"), self.notes)

        self.general = QLabel(self)
        self.general.setObjectName("general_error")
        self.general.setWordWrap(True)
        self.general.hide()
        self.errors = FormErrors(self.form, self.general)
        self.errors.register_all({"grid_id": self.grid, "number": self.number, "address": self.address,
                                  "reg_type": self.reg_type, "housing": self.housing, "phone": self.phone,
                                  "notes": self.notes})

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(facts)
        order = [self.grid, self.number, self.suggest_button, self.address, self.reg_type, self.housing,
                 self.phone, self.notes]
        if self.is_new:
            layout.addWidget(self._build_people())
            order += [self.head_button, self.people_table, self.add_member_button, self.edit_member_button,
                      self.remove_member_button]
        layout.addWidget(self.general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save")
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        layout.addWidget(self.buttons)
        order += [self.save_button, self.buttons.button(QDialogButtonBox.StandardButton.Cancel)]
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)

    def _build_people(self) -> QGroupBox:
        box = QGroupBox(self.tr("Head and members"), self)
        self.people_table = QTableWidget(0, 5, box)
        self.people_table.setObjectName("people")
        self.people_table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Relation"), self.tr("Sex"),
                                                     self.tr("ID number"), self.tr("Phone")])
        self.people_table.verticalHeader().hide()
        self.people_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.people_table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((90, 90, 50, 170)):
            self.people_table.setColumnWidth(column, width)
        self.people_table.setMinimumHeight(140)
        self.head_button = QPushButton(self.tr("Enter the &head…"), box)
        self.head_button.setObjectName("head")
        self.add_member_button = QPushButton(self.tr("Add &member…"), box)
        self.add_member_button.setObjectName("add_member")
        self.edit_member_button = QPushButton(self.tr("&Edit…"), box)
        self.edit_member_button.setObjectName("edit_member")
        self.remove_member_button = QPushButton(self.tr("&Remove"), box)
        self.remove_member_button.setObjectName("remove_member")
        for button in (self.head_button, self.add_member_button, self.edit_member_button,
                       self.remove_member_button):
            button.setAutoDefault(False)
        self.people_error = QLabel(box)
        self.people_error.setObjectName("people_error")
        self.people_error.setStyleSheet("color: #c62828;")
        self.people_error.setWordWrap(True)
        self.people_error.hide()
        buttons = QVBoxLayout()
        for button in (self.head_button, self.add_member_button, self.edit_member_button,
                       self.remove_member_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.people_table, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.people_error)
        return box

    def _fill(self, grid_id: int | None) -> None:
        d = self.detail
        if d is not None:
            select_data(self.grid, d.grid_id)
            self.number.setText(d.number)
            self.address.setText(d.address)
            select_data(self.reg_type, d.reg_type)
            select_data(self.housing, d.housing)
            self.phone.setText(d.phone or "")
            self.notes.setPlainText(d.notes or "")
            self.grid.setToolTip(self.tr("Choosing another grid moves the household and its members there"))
            return
        if grid_id is not None:
            select_data(self.grid, grid_id)
        if self.grid.count() == 0:
            self.errors.set_error("grid_id", self.tr("There is no grid in your area yet: create one in Settings first."))
        self._suggest_number()
        self._refresh_people()

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.activated.connect(self.save)
        self.suggest_button.clicked.connect(self._suggest_number)
        self.grid.currentIndexChanged.connect(self._on_grid_current_index_changed)
        for field, edit in (("number", self.number), ("address", self.address), ("phone", self.phone)):
            edit.textEdited.connect(lambda _t, f=field: self.errors.clear_error(f))
        self.phone.editingFinished.connect(self._check_phone)
        self.notes.textChanged.connect(lambda: self.errors.clear_error("notes"))
        if self.is_new:
            self.head_button.clicked.connect(self._on_head_button_clicked)
            self.add_member_button.clicked.connect(self._on_add_member_button_clicked)
            self.edit_member_button.clicked.connect(self._on_edit_member_button_clicked)
            self.remove_member_button.clicked.connect(self._on_remove_member_button_clicked)
            self.people_table.doubleClicked.connect(self._on_edit_member_button_clicked)
            self.people_table.itemSelectionChanged.connect(self._update_buttons)

    def _on_grid_current_index_changed(self, _index: int) -> None:
        self.errors.clear_error("grid_id")
        if self.is_new and not self.number.isModified():
            self._suggest_number()

    def _suggest_number(self) -> None:
        grid_id = self.grid.currentData()
        if grid_id is None:
            return
        try:
            self.number.setText(households.next_number(self.ctx.actor, grid_id))
        except GridappError as exc:
            self.errors.set_error(exc.field if exc.field in self.FIELDS else "grid_id", exc.message)
            return
        self.number.setModified(False)
        self.errors.clear_error("number")

    def _check_phone(self) -> None:
        text = self.phone.text().strip()
        if not text or (self.detail is not None and text == self.detail.phone):
            return
        try:
            ids.validate_phone(text)
        except ValidationError as exc:
            self.errors.set_error("phone", exc.message)

    # ------------------------------------------------------------------ head and members
    def people_inputs(self) -> list[PersonInput]:
        return ([self.head] if self.head else []) + self.members

    def _refresh_people(self) -> None:
        table = self.people_table
        table.setRowCount(0)
        for person in self.people_inputs():
            row = table.rowCount()
            table.insertRow(row)
            relation = codes.name("relation", "02" if person is self.head else person.relation)
            check = ids.mask_id(person.id_number) if person.id_number else ""
            for column, text in enumerate((person.name, relation, person.sex or "", check,
                                           ids.mask_phone(person.phone) if person.phone else "")):
                table.setItem(row, column, QTableWidgetItem(text))
        self.head_button.setText(self.tr("Change the &head…") if self.head else self.tr("Enter the &head…"))
        self._update_buttons()

    def _selected_index(self) -> int:
        rows = self.people_table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _update_buttons(self) -> None:
        index = self._selected_index()
        self.add_member_button.setEnabled(self.head is not None)
        self.add_member_button.setToolTip("" if self.head else self.tr("Enter the head of household first"))
        self.edit_member_button.setEnabled(index >= 0)
        self.remove_member_button.setEnabled(index >= 0)

    def _person_dialog(self, initial: PersonInput | None, head: bool) -> PersonInput | None:
        return PersonDialog.ask(self, self.ctx, collect=True, initial=initial, head=head)

    def _on_head_button_clicked(self) -> None:
        result = self._person_dialog(self.head, head=True)
        if result is not None:
            self.head = result
            self.people_error.hide()
            self._refresh_people()

    def _on_add_member_button_clicked(self) -> None:
        result = self._person_dialog(None, head=False)
        if result is not None:
            self.members.append(result)
            self._refresh_people()
            self.people_table.selectRow(self.people_table.rowCount() - 1)

    def _on_edit_member_button_clicked(self, *_args) -> None:
        index = self._selected_index()
        if index < 0:
            return
        is_head = self.head is not None and index == 0
        current = self.people_inputs()[index]
        result = self._person_dialog(current, head=is_head)
        if result is None:
            return
        if is_head:
            self.head = result
        else:
            self.members[index - (1 if self.head else 0)] = result
        self.people_error.hide()
        self._refresh_people()

    def _on_remove_member_button_clicked(self) -> None:
        index = self._selected_index()
        if index < 0:
            return
        if self.head is not None and index == 0:
            self.head = None
        else:
            del self.members[index - (1 if self.head else 0)]
        self._refresh_people()

    # ------------------------------------------------------------------ saving
    def input(self) -> HouseholdInput:
        return HouseholdInput(grid_id=self.grid.currentData() or 0, number=self.number.text(),
                              address=self.address.text(), reg_type=self.reg_type.currentData() or "户籍户",
                              housing=self.housing.currentData() or "自有", phone=self.phone.text().strip() or None,
                              notes=self.notes.toPlainText().strip() or None)

    def save(self) -> bool:
        self.errors.clear()
        if self.is_new:
            self.people_error.hide()
        if self.is_new and self.head is None:
            self._show_people_error(self.tr("Enter the head of household (button “Enter the head…”)."))
            return False
        confirm = False
        while True:
            try:
                if self.is_new:
                    self.result_value = households.create(self.ctx.actor, self.input(), self.head, self.members,
                                                          confirm=confirm)
                else:
                    self.result_value = households.update(self.ctx.actor, self.detail.id, self.input(),
                                                          self.detail.version)
            except NeedsConfirmation as exc:
                if not confirm and ask.confirm(self, self.tr("Please confirm"), self._describe(exc)):
                    confirm = True
                    continue
                return False
            except DuplicateError as exc:
                self._show_error(exc)
                self._offer_existing(exc)
                return False
            except (ValidationError, ValidationErrors) as exc:
                for error in exc.errors if isinstance(exc, ValidationErrors) else [exc]:
                    self._show_error(error)
                return False
            except StaleRecordError as exc:
                self._reload_stale(exc)
                return False
            except GridappError as exc:
                ask.error(self, self.tr("Not saved"), exc.message)
                return False
            break
        self.ctx.bus.data_changed.emit("household")
        self.accept()
        return True

    def _who(self, field: str | None) -> tuple[str, str] | None:
        """(person's name, field) for ``head.<field>`` / ``members[i].<field>``; None for household fields."""
        field = field or ""
        if field.startswith("head."):
            return (self.head.name if self.head else ""), field[5:]
        if field.startswith("members["):
            index = int(field[8:field.index("]")])
            name = self.members[index].name if index < len(self.members) else ""
            return name, field[field.index("].") + 2:]
        return None

    def _describe(self, error: GridappError) -> str:
        who = self._who(error.field)
        return f"{who[0]}：{error.message}" if who and who[0] else error.message

    def _show_error(self, error: GridappError) -> None:
        if self._who(error.field) is not None:
            self._show_people_error(self._describe(error) + self.tr(" (select the person and click “Edit…”)"))
        else:
            self.errors.set_error(error.field if error.field in self.FIELDS else None, error.message)

    def _show_people_error(self, message: str) -> None:
        self.people_error.setText(message)
        self.people_error.show()

    def _offer_existing(self, exc: DuplicateError) -> None:
        who = self._who(exc.field)
        if who is None:  # a household number in use
            ask.warning(self, self.tr("Already registered"), exc.message)
            return
        person = self.head if (exc.field or "").startswith("head.") else \
            self.members[int(exc.field[8:exc.field.index("]")])]
        row = find_person_by_id_number(self.ctx, person.id_number or "")
        if row is None:
            ask.warning(self, self.tr("Already registered"), self._describe(exc))
        elif offer_existing(self, self.tr("Already registered"), self._describe(exc),
                            self.tr("Open existing record")):
            open_existing(self.ctx, row)

    def _on_record_opened(self, _record_id: int) -> None:
        if self.isVisible():
            self.reject()

    def done(self, result: int) -> None:
        if self._listening:
            self._listening = False
            self.ctx.bus.open_household.disconnect(self._on_record_opened)
            self.ctx.bus.open_person.disconnect(self._on_record_opened)
        super().done(result)

    def _reload_stale(self, exc: StaleRecordError) -> None:
        """Someone else saved this record meanwhile: say so and show what they saved."""
        ask.warning(self, self.tr("Changed meanwhile"), exc.message + self.tr(" The form now shows the record as "
                                                                              "saved by the other person; check it "
                                                                              "and save your change again."))
        self.detail = households.get(self.ctx.actor, self.detail.id)
        self.errors.clear()
        self._fill(None)

    # ------------------------------------------------------------------ entry point
    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, **kwargs):
        """Show the dialog; the saved ``HouseholdDetail``, or None when cancelled."""
        dialog = cls(ctx, parent, **kwargs)
        try:
            return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def screenshot_sample(ctx: AppContext, parent: QWidget | None = None) -> HouseholdDialog:
    """For ui.screenshots: a new household with its head and two members entered."""
    import datetime as dt

    dialog = HouseholdDialog(ctx, parent)
    dialog.address.setText("三组12号")
    dialog.phone.setText("13812345678")
    dialog.head = PersonInput(name="张卫国", id_number=ids.make_id("420281", dt.date(1968, 4, 2), 11),
                              phone="13900001111")
    dialog.members = [PersonInput(name="李秀英", id_number=ids.make_id("420281", dt.date(1970, 9, 15), 22),
                                  relation="12"),
                      PersonInput(name="张强", id_number=ids.make_id("420281", dt.date(1995, 1, 20), 33),
                                  relation="22")]
    dialog._refresh_people()
    return dialog
