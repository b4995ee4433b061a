"""Register or edit one place (场所): its grid, category, name, address and contact.

``PlaceDialog.ask(parent, ctx, place_id=..., grid_id=...)`` returns the saved ``PlaceRow`` (or
None). The contact is a resident found by search (name and phone then come from their record) or
a name and phone typed in. A new place can be inspected straight away (“Inspect after saving”):
the page then opens the inspection dialog.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget)

from gridapp import ids
from gridapp.errors import GridappError, ValidationError, ValidationErrors
from gridapp.services import codes, grids, places
from gridapp.services.places import PlaceInput
from ui.context import AppContext
from ui.dialogs.person import select_data
from ui.dialogs.visit import SearchPicker, Target, search_people
from ui.widgets import ask
from ui.widgets.form import FormErrors

FIELDS = ("grid_id", "category", "name", "address", "contact_person_id", "contact_name", "contact_phone", "notes")


class PlaceDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, place_id: int | None = None,
                 grid_id: int | None = None, category: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.place_id = place_id
        self.row = places.get(ctx.actor, place_id) if place_id is not None else None
        self.result_value = None
        self.setObjectName("PlaceDialog")
        self.setWindowTitle(self.tr("Edit place: %1").replace("%1", self.row.name) if self.row
                            else self.tr("New place"))
        self.setMinimumWidth(620)
        self._build()
        if self.row is not None:
            self._fill_from_row()
        else:
            select_data(self.grid, grid_id)
            select_data(self.category, category)
        self.name.setFocus()

    def _build(self) -> None:
        self.grid = QComboBox(self)
        self.grid.setObjectName("grid_id")
        rows = grids.list_grids(self.ctx.actor)
        if len(rows) != 1:
            self.grid.addItem(self.tr("Choose the grid…"), None)
        for g in rows:
            self.grid.addItem(f"{g.village_name} · {g.name}", g.id)
        self.category = QComboBox(self)
        self.category.setObjectName("category")
        for code, name in codes.items("place_category"):
            self.category.addItem(name, code)
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.name.setMaxLength(100)
        self.name.setPlaceholderText(self.tr("e.g. 好又多超市, 张家出租屋"))
        self.address = QLineEdit(self)
        self.address.setObjectName("address")
        self.address.setMaxLength(200)
        self.contact = SearchPicker(lambda text: search_people(self.ctx, text),
                                    self.tr("A resident: name, pinyin initials, ID or phone tail (optional)"), self)
        self.contact.setObjectName("contact_person_id")
        self.contact_name = QLineEdit(self)
        self.contact_name.setObjectName("contact_name")
        self.contact_name.setMaxLength(64)
        self.contact_name.setPlaceholderText(self.tr("or a name"))
        self.contact_phone = QLineEdit(self)
        self.contact_phone.setObjectName("contact_phone")
        self.contact_phone.setMaxLength(20)
        self.contact_phone.setPlaceholderText(self.tr("phone"))
        contact_row = QHBoxLayout()
        contact_row.addWidget(self.contact_name, 1)
        contact_row.addWidget(self.contact_phone, 1)
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(64)
        self.inspect_after = QCheckBox(self.tr("Inspect it after saving"), self)
        self.inspect_after.setObjectName("inspect_after")
        self.inspect_after.setVisible(self.row is None)

        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setHorizontalSpacing(10)
        self.form.setVerticalSpacing(8)
        self.form.addRow(self.tr("&Grid:"), self.grid)
        self.form.addRow(self.tr("&Category:"), self.category)
        self.form.addRow(self.tr("&Name:"), self.name)
        self.form.addRow(self.tr("&Address:"), self.address)
        self.form.addRow(self.tr("Con&tact:"), self.contact)
        contact_label = QLabel("", self)
        self.form.addRow(contact_label, contact_row)
        self.form.addRow(self.tr("N&otes:"), self.notes)
        self.general = QLabel(self)
        self.general.setObjectName("general_error")
        self.general.setWordWrap(True)
        self.general.hide()
        self.errors = FormErrors(self.form, self.general)
        self.errors.register_all({"grid_id": self.grid, "category": self.category, "name": self.name,
                                  "address": self.address, "contact_person_id": self.contact,
                                  "contact_name": self.contact_name, "contact_phone": self.contact_phone,
                                  "notes": self.notes})
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save")
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.activated.connect(self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.inspect_after)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addLayout(bottom)

    def _fill_from_row(self) -> None:
        row = self.row
        select_data(self.grid, row.grid_id)
        select_data(self.category, row.category)
        self.name.setText(row.name)
        self.address.setText(row.address or "")
        if row.contact_person_id is not None:
            self.contact.set_target(Target("person", row.contact_person_id, row.contact_name))
        else:
            self.contact_name.setText(row.contact_name)
            self.contact_phone.setText(ids.mask_phone(row.contact_phone) if row.contact_phone else "")
            self.contact_phone.setToolTip(self.tr("Partly hidden. Left as it is, it stays unchanged; to correct "
                                                  "it, type the whole number again."))
        self.notes.setPlainText(row.notes)

    def _phone(self) -> str:
        """The phone typed; the stored one when its masked form is left as it was."""
        text = self.contact_phone.text().strip()
        stored = self.row.contact_phone if self.row is not None else ""
        return stored if stored and text == ids.mask_phone(stored) else text

    def input(self) -> PlaceInput:
        contact = self.contact.target
        return PlaceInput(grid_id=self.grid.currentData(), category=self.category.currentData() or "",
                          name=self.name.text(), address=self.address.text(),
                          contact_person_id=contact.id if contact is not None else None,
                          contact_name=self.contact_name.text() if contact is None else "",
                          contact_phone=self._phone() if contact is None else "",
                          notes=self.notes.toPlainText())

    def save(self) -> bool:
        self.errors.clear()
        try:
            if self.place_id is None:
                self.result_value = places.create(self.ctx.actor, self.input())
            else:
                self.result_value = places.update(self.ctx.actor, self.place_id, self.input(),
                                                  expected_version=self.row.version)
        except (ValidationError, ValidationErrors) as exc:
            errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
            for error in errors:
                self.errors.set_error(error.field if error.field in FIELDS else None, error.message)
            first = next((self.errors.widget(e.field) for e in errors if self.errors.widget(e.field or "")), None)
            if first is not None:
                first.setFocus()
            return False
        except GridappError as exc:
            ask.error(self, self.tr("Not saved"), exc.message)
            return False
        self.ctx.bus.data_changed.emit("place")
        self.accept()
        return True

    def error(self, field: str) -> str:
        return self.errors.error(field)

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, **kwargs):
        """Show the dialog; (the saved ``PlaceRow``, inspect now?) or None."""
        dialog = cls(ctx, parent, **kwargs)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.result_value, dialog.inspect_after.isChecked()
        finally:
            dialog.deleteLater()


def screenshot_sample(ctx: AppContext, parent: QWidget | None = None) -> PlaceDialog:
    """For ui.screenshots: a rented house being registered."""
    dialog = PlaceDialog(ctx, parent, category="出租房屋")
    if dialog.grid.count() > 1:
        dialog.grid.setCurrentIndex(1)
    dialog.name.setText("陈家出租屋")
    dialog.address.setText("土桥村四组18号")
    dialog.contact_name.setText("陈志强")
    dialog.contact_phone.setText("13972345678")
    dialog.notes.setPlainText("三层自建房，租住务工人员6户。")
    dialog.inspect_after.setChecked(True)
    return dialog
