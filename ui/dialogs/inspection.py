"""Record or edit one inspection (巡查) of a place: its checklist, notes and photos.

``InspectionDialog.ask(parent, ctx, place_id=...)`` records a new inspection,
``InspectionDialog.ask(parent, ctx, visit_id=...)`` opens a recorded one; both return the saved
``VisitRow`` (or None).

The checklist is the place category's items (data, edited by an administrator): each is
合格/不合格/不适用 (“All passed” answers the rest in one click). Every 不合格 item has a button that
turns it into a 安全隐患 event of the item's hazard category in one click: the inspection is saved
first (the event links back to it), then ``events.create_from_inspection`` reports the event.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QRadioButton,
                               QScrollArea, QVBoxLayout, QWidget)

from gridapp.errors import DuplicateError, GridappError, ValidationError, ValidationErrors
from gridapp.services import codes, events, places, visits
from gridapp.services.visits import CHECK_RESULTS, FAILED, VisitInput
from ui.context import AppContext
from ui.dialogs.person import select_data
from ui.dialogs.visit import BANNER_STYLE, AttachmentStrip, datetime_edit, due_text, from_qdatetime, to_qdatetime
from ui.widgets import ask
from ui.widgets.form import FormErrors

RESULT_COLORS = {"合格": "#2e7d32", "不合格": "#c62828", "不适用": "#616161"}


class ChecklistRow:
    """One checklist item: its text, three radio buttons and the hazard event button."""

    def __init__(self, key, text: str, hazard_category: str, parent: QWidget):
        self.key = key  # the item id (or its text for an item no longer in the checklist)
        self.text = text
        self.hazard_category = hazard_category
        self.label = QLabel(text, parent)
        self.label.setWordWrap(True)
        self.group = QButtonGroup(parent)
        self.buttons: dict[str, QRadioButton] = {}
        for result in CHECK_RESULTS:
            button = QRadioButton(result, parent)
            button.setObjectName(f"check_{result}")
            button.setStyleSheet(f"QRadioButton:checked {{ color: {RESULT_COLORS[result]}; font-weight: bold; }}")
            self.group.addButton(button)
            self.buttons[result] = button
        self.hazard = QLabel(codes.name("hazard_category", hazard_category, hazard_category), parent)
        self.hazard.setStyleSheet("color: #777;")
        self.event_button = QPushButton(parent)
        self.event_button.setObjectName("hazard_event")
        self.event_button.setAutoDefault(False)
        self.event_number: str | None = None

    def result(self) -> str | None:
        checked = self.group.checkedButton()
        return checked.text() if checked is not None else None

    def set_result(self, result: str | None) -> None:
        if result in self.buttons:
            self.buttons[result].setChecked(True)


class InspectionDialog(QDialog):
    """One inspection of a place; see the module docstring."""

    FIELDS = ("visited_at", "method", "companions", "checklist", "notes", "findings", "attachments")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, place_id: int | None = None,
                 visit_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.visit_id = visit_id
        self.row = visits.get(ctx.actor, visit_id) if visit_id is not None else None
        self.refusal = visits.edit_refusal(ctx.actor, visit_id) if visit_id is not None else None
        self.place_id = self.row.target_id if self.row is not None else place_id
        self.place = places.get(ctx.actor, self.place_id)
        self.form_info = visits.form(ctx.actor, "place", self.place_id)
        self.result_value = None
        self._saved_input: VisitInput | None = None
        self.setObjectName("InspectionDialog")
        self.setMinimumWidth(780)
        self._build()
        self._connect()
        if self.row is not None:
            self._fill_from_row()
        self._update_rows()
        self.setWindowTitle(self.tr("Inspection: %1").replace("%1", self.place.name))
        if self.rows and not self.is_read_only():
            first = self.rows[0]
            (first.group.checkedButton() or first.buttons["合格"]).setFocus()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.banner = QLabel(self)
        self.banner.setObjectName("read_only_reason")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        heading = QLabel(f"<b>{self.place.name}</b>　{self.place.category} · {self.place.address or ''} · "
                         f"{self.place.village_name} {self.place.grid_name}", self)
        heading.setWordWrap(True)
        self.due = QLabel(due_text(self.form_info.due, inspection=True), self)
        self.due.setObjectName("due")
        self.due.setStyleSheet("color: #555;")
        self.visited_at = datetime_edit(self)
        self.visited_at.setObjectName("visited_at")
        self.method = QComboBox(self)
        self.method.setObjectName("method")
        for method in self.form_info.methods:
            self.method.addItem(method, method)
        self.companions = QLineEdit(self)
        self.companions.setObjectName("companions")
        self.companions.setMaxLength(100)
        self.companions.setPlaceholderText(self.tr("e.g. fire officer 张军"))
        top = QHBoxLayout()
        top.addWidget(self.visited_at)
        method_label = QLabel(self.tr("&Method:"), self)
        method_label.setBuddy(self.method)
        top.addSpacing(12)
        top.addWidget(method_label)
        top.addWidget(self.method)
        companions_label = QLabel(self.tr("&Companions:"), self)
        companions_label.setBuddy(self.companions)
        top.addSpacing(12)
        top.addWidget(companions_label)
        top.addWidget(self.companions, 1)

        self.checklist_box = QGroupBox(self.tr("Checklist: %1").replace("%1", self.place.category), self)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        self.rows: list[ChecklistRow] = []
        items = [(i.id, i.text, i.hazard_category) for i in self.form_info.checklist]
        if self.row is not None and self.row.checklist:
            items = [(c.item_id if c.item_id is not None else c.text, c.text, c.hazard_category)
                     for c in self.row.checklist]
        body = QWidget(self.checklist_box)
        for n, (key, text, hazard) in enumerate(items):
            row = ChecklistRow(key, text, hazard, body)
            grid.addWidget(row.label, n, 0)
            for column, result in enumerate(CHECK_RESULTS, start=1):
                grid.addWidget(row.buttons[result], n, column)
            grid.addWidget(row.hazard, n, 4)
            grid.addWidget(row.event_button, n, 5)
            self.rows.append(row)
        grid.setColumnStretch(0, 1)
        body.setLayout(grid)
        scroll = QScrollArea(self.checklist_box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        scroll.setMinimumHeight(min(6, max(1, len(items))) * 34 + 8)
        self.all_passed_button = QPushButton(self.tr("&All passed"), self.checklist_box)
        self.all_passed_button.setObjectName("all_passed")
        self.all_passed_button.setAutoDefault(False)
        self.all_passed_button.setToolTip(self.tr("Mark every item not answered yet as passed"))
        self.no_items = QLabel(self.tr("No checklist for this category. An administrator can add items in "
                                       "Settings."), self.checklist_box)
        self.no_items.setStyleSheet("color: #777;")
        self.no_items.setVisible(not items)
        box = QVBoxLayout(self.checklist_box)
        box.addWidget(scroll)
        box.addWidget(self.no_items)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.all_passed_button)
        buttons_row.addStretch(1)
        box.addLayout(buttons_row)

        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(56)
        self.findings = QPlainTextEdit(self)
        self.findings.setObjectName("findings")
        self.findings.setTabChangesFocus(True)
        self.findings.setFixedHeight(56)
        self.findings.setPlaceholderText(self.tr("What must be put right, and by when"))
        self.attachments = AttachmentStrip(self)

        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setHorizontalSpacing(10)
        self.form.setVerticalSpacing(8)
        self.form.addRow(self.tr("Place:"), heading)
        self.form.addRow("", self.due)
        when_label = QLabel(self.tr("&Date and time:"), self)
        when_label.setBuddy(self.visited_at)
        self.form.addRow(when_label, top)
        self.form.addRow(self.checklist_box)
        self.form.addRow(self.tr("&Notes:"), self.notes)
        self.form.addRow(self.tr("&Findings:"), self.findings)
        self.form.addRow(self.tr("Attachments:"), self.attachments)
        self.general = QLabel(self)
        self.general.setObjectName("general_error")
        self.general.setWordWrap(True)
        self.general.hide()
        self.errors = FormErrors(self.form, self.general)
        self.errors.register_all({"visited_at": self.visited_at, "method": self.method,
                                  "companions": self.companions, "notes": self.notes, "findings": self.findings,
                                  "attachments": self.attachments})
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save")
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        for row in self.rows:
            row.group.buttonToggled.connect(lambda *_args: self._update_rows())
            row.event_button.clicked.connect(lambda _checked=False, r=row: self.create_hazard(r))
        self.all_passed_button.clicked.connect(self.mark_all_passed)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.activated.connect(self.save)

    def _fill_from_row(self) -> None:
        row = self.row
        self.visited_at.setDateTime(to_qdatetime(row.visited_at))
        select_data(self.method, row.method)
        self.companions.setText(row.companions)
        for check, item in zip(row.checklist, self.rows):
            item.set_result(check.result)
        self.notes.setPlainText(row.notes)
        self.findings.setPlainText(row.findings)
        self.attachments.set_existing(row.attachments)
        self._saved_input = self.input()
        for event_id in row.event_ids:
            try:
                event = events.get(self.ctx.actor, event_id)
            except GridappError:
                continue
            for item in self.rows:
                if event.title.endswith(f"{item.text}不合格"):
                    item.event_number = event.number
        if self.refusal:
            self.banner.setText(self.tr("Read only: %1").replace("%1", self.refusal))
            self.banner.show()
            for widget in (self.visited_at, self.method, self.all_passed_button,
                           *(b for item in self.rows for b in item.buttons.values())):
                widget.setEnabled(False)
            for edit in (self.companions, self.notes, self.findings):
                edit.setReadOnly(True)
            self.attachments.set_read_only(True)
            self.save_button.hide()
            self.save_shortcut.setEnabled(False)
            self.cancel_button.setText(self.tr("Close"))

    def is_read_only(self) -> bool:
        return self.save_button.isHidden()

    def _update_rows(self) -> None:
        for row in self.rows:
            button = row.event_button
            if row.event_number:
                button.setText(self.tr("Event %1").replace("%1", row.event_number))
                button.setEnabled(False)
                button.setToolTip(self.tr("A hazard event was reported for this item"))
            else:
                failed = row.result() == FAILED
                button.setText(self.tr("Report hazard event"))
                button.setEnabled(failed)
                button.setToolTip(self.tr("Saves the inspection and reports a %1 hazard event for this item")
                                  .replace("%1", row.hazard.text()) if failed
                                  else self.tr("Only an item marked 不合格 becomes a hazard event"))

    def row_for(self, text: str) -> ChecklistRow:
        return next(r for r in self.rows if r.text == text)

    def mark_all_passed(self) -> None:
        for row in self.rows:
            if row.result() is None:
                row.set_result("合格")

    # ------------------------------------------------------------------ saving
    def input(self) -> VisitInput:
        answers = {row.key: row.result() for row in self.rows if row.result() is not None}
        return VisitInput(visited_at=from_qdatetime(self.visited_at.dateTime()), method=self.method.currentData(),
                          companions=self.companions.text(), notes=self.notes.toPlainText(),
                          findings=self.findings.toPlainText(), checklist=answers or None)

    def _write(self) -> bool:
        """Record the inspection, or save what changed since; True when it is stored."""
        self.errors.clear()
        actor = self.ctx.actor
        data = self.input()
        try:
            if self.visit_id is None:
                row = visits.record(actor, "place", self.place_id, data,
                                    attachments=self.attachments.pending_paths()).visit
            else:
                row = self.row
                if data != self._saved_input:
                    row = visits.update(actor, self.visit_id, data, expected_version=self.row.version)
                if self.attachments.pending_paths():
                    row = visits.add_attachments(actor, self.visit_id, self.attachments.pending_paths())
                for attachment_id in self.attachments.removed_ids():
                    row = visits.remove_attachment(actor, attachment_id)
        except (ValidationError, ValidationErrors) as exc:
            errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
            for error in errors:
                self.errors.set_error(error.field if self.errors.widget(error.field or "") else None, error.message)
            return False
        except GridappError as exc:
            ask.error(self, self.tr("Not saved"), exc.message)
            return False
        self.visit_id, self.row, self.result_value = row.id, row, row
        self._saved_input = data
        self.attachments.set_existing(row.attachments)
        self.ctx.bus.data_changed.emit("visit")
        return True

    def save(self) -> bool:
        if self.is_read_only() or not self._write():
            return False
        self.accept()
        return True

    def create_hazard(self, row: ChecklistRow) -> None:
        """不合格 → 安全隐患 event, in one click (the inspection is saved first)."""
        if row.result() != FAILED:
            return
        if not self.is_read_only() and not self._write():
            return
        try:
            event = events.create_from_inspection(self.ctx.actor, self.visit_id, row.key)
        except DuplicateError as exc:
            ask.warning(self, self.tr("Already reported"), exc.message)
            return
        except GridappError as exc:
            ask.error(self, self.tr("Report hazard event"), exc.message)
            return
        row.event_number = event.number
        self._update_rows()
        self.ctx.bus.data_changed.emit("event")

    def error(self, field: str) -> str:
        return self.errors.error(field)

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, **kwargs):
        """Show the dialog; the saved ``VisitRow`` (also when only a hazard button saved it), or None."""
        dialog = cls(ctx, parent, **kwargs)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.result_value if accepted or dialog.result_value is not None else None
        finally:
            dialog.deleteLater()


def screenshot_sample(ctx: AppContext, parent: QWidget | None = None) -> InspectionDialog:
    """For ui.screenshots: a shop being inspected, one item failed."""
    rows = places.page(ctx.actor, places.PlaceQuery(category="沿街店铺"), limit=1) \
        or places.page(ctx.actor, places.PlaceQuery(), limit=1)
    dialog = InspectionDialog(ctx, parent, place_id=rows[0].id)
    for n, row in enumerate(dialog.rows):
        row.set_result(FAILED if n == 1 else "合格")
    dialog.findings.setPlainText("灭火器压力不足，已要求三日内更换。")
    return dialog
