"""Report or correct one event (事件登记).

``EventDialog.ask(parent, ctx, event_id=..., draft=...)`` returns the saved ``EventDetail`` (or
None). A ``draft`` prefills a new event (``events.draft_from_visit`` for 发现问题 → 生成事件: the
event stays linked to the visit); ``event_id`` corrects an open event.

The category list follows the kind (GB/T 31000 classes for 矛盾纠纷, hazard classes for 安全隐患);
the deadline is the registration date plus the kind's time limit and is shown as the kind
changes. Parties are residents found by search (linked to their record) or people typed in by
name with an optional ID number and phone.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from gridapp import ids, workflow
from gridapp.errors import GridappError, ValidationError, ValidationErrors
from gridapp.services import codes, events, grids, people, places, visits
from gridapp.services.events import EventDraft, PartyInput
from ui.context import AppContext
from ui.dialogs.person import select_data
from ui.dialogs.visit import SearchPicker, Target, datetime_edit, from_qdatetime, search_people, search_places, \
    to_qdatetime
from ui.models.paged import display
from ui.widgets import ask
from ui.widgets.form import FormErrors

CATEGORY_TABLES = {"矛盾纠纷": "dispute_category", "安全隐患": "hazard_category"}
PRIORITY_COLORS = {"红": "#c62828", "橙": "#ef6c00", "黄": "#f9a825"}
PARTY_ROLES = ("当事人", "申请人", "被申请人", "反映人", "场所负责人")


def color_icon(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class PartiesEditor(QWidget):
    """当事人: residents picked by search (linked), or names typed in with an optional ID and phone."""

    NAME, ID_NUMBER, PHONE, ROLE = range(4)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("parties")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("ID number"), self.tr("Phone"),
                                              self.tr("Role")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((self.ID_NUMBER, 170), (self.PHONE, 120), (self.ROLE, 110)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        self.table.setMinimumHeight(92)
        self.table.setMaximumHeight(140)
        self.picker = SearchPicker(lambda text: search_people(ctx, text),
                                   self.tr("Add a resident: name, pinyin initials, ID or phone tail"), self,
                                   keep=False)
        self.picker.setObjectName("party_search")
        self.add_button = QPushButton(self.tr("Add someone else"), self)
        self.add_button.setObjectName("add_party")
        self.add_button.setAutoDefault(False)
        self.add_button.setToolTip(self.tr("A person not in the register: type the name, and the ID number and "
                                           "phone when known"))
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("remove_party")
        self.remove_button.setAutoDefault(False)
        self.remove_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.picker, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table)
        self.picker.target_changed.connect(self._on_picker_target_changed)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.table.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows())))

    def set_parties(self, parties: Sequence[PartyInput]) -> None:
        self.table.setRowCount(0)
        for party in parties:
            if party.person_id is not None:
                self.add_resident(party.person_id, party.role)
            else:
                self.add_free(party)

    def add_resident(self, person_id: int, role: str = "当事人") -> int:
        """A linked resident (shown masked); returns the row, or -1 when they are listed already."""
        if any(self._original(r).person_id == person_id for r in range(self.table.rowCount())):
            return -1
        try:
            person = people.get(self.ctx.actor, person_id)
        except GridappError:
            return -1
        return self._add_row(PartyInput(person_id=person_id, role=role), person.name, person.id_masked,
                             person.phone_masked, linked=True)

    def add_free(self, party: PartyInput | None = None) -> int:
        party = party or PartyInput()
        return self._add_row(party, party.name, ids.mask_id(party.id_number) if party.id_number else "",
                             ids.mask_phone(party.phone) if party.phone else "", linked=False)

    def _add_row(self, party: PartyInput, name: str, id_text: str, phone_text: str, *, linked: bool) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in ((self.NAME, name), (self.ID_NUMBER, id_text), (self.PHONE, phone_text)):
            item = QTableWidgetItem(text)
            if linked:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(self.tr("Linked to the resident's record"))
            self.table.setItem(row, column, item)
        self.table.item(row, self.NAME).setData(Qt.ItemDataRole.UserRole, party)
        role = QComboBox(self.table)
        role.setEditable(True)
        role.addItems(PARTY_ROLES)
        role.setCurrentText(party.role or "当事人")
        self.table.setCellWidget(row, self.ROLE, role)
        return row

    def _original(self, row: int) -> PartyInput:
        return self.table.item(row, self.NAME).data(Qt.ItemDataRole.UserRole)

    def parties(self) -> tuple[PartyInput, ...]:
        """The parties as the service takes them; an untouched masked value keeps the stored one."""
        out = []
        for row in range(self.table.rowCount()):
            original = self._original(row)
            role = self.table.cellWidget(row, self.ROLE).currentText().strip() or "当事人"
            if original.person_id is not None:
                out.append(PartyInput(person_id=original.person_id, role=role))
                continue
            name, id_text, phone = (self.table.item(row, c).text().strip()
                                    for c in (self.NAME, self.ID_NUMBER, self.PHONE))
            if not (name or id_text or phone):
                continue
            if original.id_number and id_text == ids.mask_id(original.id_number):
                id_text = original.id_number
            if original.phone and phone == ids.mask_phone(original.phone):
                phone = original.phone
            out.append(PartyInput(name=name, id_number=id_text or None, phone=phone or None, role=role))
        return tuple(out)

    def _on_picker_target_changed(self, target: Target | None) -> None:
        if target is not None:
            self.add_resident(target.id)

    def _on_add_button_clicked(self) -> None:
        row = self.add_free()
        self.table.setCurrentCell(row, self.NAME)
        self.table.editItem(self.table.item(row, self.NAME))

    def _on_remove_button_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.table.removeRow(rows[0].row())


class EventDialog(QDialog):
    """One event's registration form; see the module docstring."""

    FIELDS = ("kind", "category", "title", "description", "occurred_at", "location", "place_id", "grid_id",
              "parties", "scale", "people_count", "priority")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, event_id: int | None = None,
                 draft: EventDraft | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.event_id = event_id
        self.detail = events.get(ctx.actor, event_id) if event_id is not None else None
        self.draft = events.draft_of(ctx.actor, event_id) if event_id is not None else (draft or EventDraft())
        self.result_value = None
        self._limits = events.time_limits()
        self.setObjectName("EventDialog")
        self.setMinimumWidth(820)
        self._build()
        self._connect()
        self._fill(self.draft)
        self.setWindowTitle(self.tr("Correct event %1").replace("%1", self.detail.number) if self.detail
                            else self.tr("Report an event"))
        (self.title if self.detail or draft else self.kind).setFocus()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for kind in workflow.KINDS:
            self.kind.addItem(kind, kind)
        self.category = QComboBox(self)
        self.category.setObjectName("category")
        self.category.setMinimumContentsLength(14)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind)
        category_label = QLabel(self.tr("&Category:"), self)
        category_label.setBuddy(self.category)
        kind_row.addSpacing(12)
        kind_row.addWidget(category_label)
        kind_row.addWidget(self.category, 1)
        self.title = QLineEdit(self)
        self.title.setObjectName("title")
        self.title.setMaxLength(200)
        self.title.setPlaceholderText(self.tr("One line: who, what (e.g. 张某与李某宅基地界址纠纷)"))
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("description")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(76)
        self.occurred_at = datetime_edit(self)
        self.occurred_at.setObjectName("occurred_at")
        self.location = QLineEdit(self)
        self.location.setObjectName("location")
        self.location.setMaxLength(200)
        self.place = SearchPicker(lambda text: search_places(self.ctx, text),
                                  self.tr("A registered place, when it happened at one (optional)"), self)
        self.place.setObjectName("place")
        when_row = QHBoxLayout()
        when_row.addWidget(self.occurred_at)
        location_label = QLabel(self.tr("&Location:"), self)
        location_label.setBuddy(self.location)
        when_row.addSpacing(12)
        when_row.addWidget(location_label)
        when_row.addWidget(self.location, 1)
        self.unit = QComboBox(self)
        self.unit.setObjectName("grid_id")
        self._fill_units()
        self.parties = PartiesEditor(self.ctx, self)
        self.scale = QComboBox(self)
        self.scale.setObjectName("scale")
        for scale in workflow.SCALES:
            self.scale.addItem(scale, scale)
        self.people_count = QSpinBox(self)
        self.people_count.setObjectName("people_count")
        self.people_count.setRange(1, events.MAX_PEOPLE)
        self.priority = QComboBox(self)
        self.priority.setObjectName("priority")
        hints = {"红": self.tr("red: report up at once"), "橙": self.tr("orange: handle the same day"),
                 "黄": self.tr("yellow: handle in the grid")}
        for priority in workflow.PRIORITIES:
            self.priority.addItem(color_icon(PRIORITY_COLORS[priority]), f"{priority} — {hints[priority]}",
                                  priority)
        size_row = QHBoxLayout()
        size_row.addWidget(self.scale)
        people_label = QLabel(self.tr("&People involved:"), self)
        people_label.setBuddy(self.people_count)
        size_row.addSpacing(12)
        size_row.addWidget(people_label)
        size_row.addWidget(self.people_count)
        priority_label = QLabel(self.tr("P&riority:"), self)
        priority_label.setBuddy(self.priority)
        size_row.addSpacing(12)
        size_row.addWidget(priority_label)
        size_row.addWidget(self.priority, 1)
        self.deadline = QLabel(self)
        self.deadline.setObjectName("deadline")
        self.deadline.setStyleSheet("color: #1b5e20; font-weight: bold;")
        self.visit_note = QLabel(self)
        self.visit_note.setObjectName("visit_link")
        self.visit_note.setStyleSheet("color: #555;")
        self.visit_note.hide()

        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setHorizontalSpacing(10)
        self.form.setVerticalSpacing(8)
        kind_label = QLabel(self.tr("&Kind:"), self)
        kind_label.setBuddy(self.kind)
        self.form.addRow(kind_label, kind_row)
        self.form.addRow(self.tr("&Title:"), self.title)
        self.form.addRow(self.tr("&Description:"), self.description)
        when_label = QLabel(self.tr("&Occurred at:"), self)
        when_label.setBuddy(self.occurred_at)
        self.form.addRow(when_label, when_row)
        self.form.addRow(self.tr("Pl&ace:"), self.place)
        self.form.addRow(self.tr("&Grid:"), self.unit)
        self.form.addRow(self.tr("Parties:"), self.parties)
        scale_label = QLabel(self.tr("&Scale:"), self)
        scale_label.setBuddy(self.scale)
        self.form.addRow(scale_label, size_row)
        self.form.addRow(self.tr("Deadline:"), self.deadline)
        self.form.addRow("", self.visit_note)

        self.general = QLabel(self)
        self.general.setObjectName("general_error")
        self.general.setWordWrap(True)
        self.general.hide()
        self.errors = FormErrors(self.form, self.general)
        self.errors.register_all({"kind": self.kind, "category": self.category, "title": self.title,
                                  "description": self.description, "occurred_at": self.occurred_at,
                                  "location": self.location, "place_id": self.place, "grid_id": self.unit,
                                  "parties": self.parties, "scale": self.scale,
                                  "people_count": self.people_count, "priority": self.priority})
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save")
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        order = (self.kind, self.category, self.title, self.description, self.occurred_at, self.location,
                 self.place, self.unit, self.parties.picker, self.parties.add_button, self.parties.table,
                 self.scale, self.people_count, self.priority, self.save_button)
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)

    def _fill_units(self) -> None:
        """Grids in scope; above a grid worker also a whole village, and the township itself."""
        actor = self.ctx.actor
        rows = grids.list_grids(actor)
        if actor.role != "grid_worker":
            self.unit.addItem(self.tr("Choose where it happened…"), None)
            if actor.level == "township":
                self.unit.addItem(self.tr("The township itself (no village)"), f"township:{actor.scope_code}")
        villages: dict[str, str] = {}
        for g in rows:
            villages.setdefault(g.village_code, g.village_name)
        if actor.level == "village" and actor.scope_code not in villages:
            villages[actor.scope_code] = codes.division_name(actor.scope_code)
        for village_code, village_name in villages.items():
            if actor.role != "grid_worker":
                self.unit.addItem(self.tr("%1 (whole village)").replace("%1", village_name), f"village:{village_code}")
            for g in rows:
                if g.village_code == village_code:
                    self.unit.addItem(f"{village_name} · {g.name}", f"grid:{g.id}")

    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        self.place.target_changed.connect(self._on_place_target_changed)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.activated.connect(self.save)

    # ------------------------------------------------------------------ content
    def _fill(self, draft: EventDraft) -> None:
        select_data(self.kind, draft.kind)
        self._fill_categories()
        select_data(self.category, draft.category)
        self.title.setText(draft.title)
        self.description.setPlainText(draft.description)
        if draft.occurred_at:
            self.occurred_at.setDateTime(to_qdatetime(draft.occurred_at))
        self.location.setText(draft.location)
        if draft.place_id is not None:
            try:
                place = places.get(self.ctx.actor, draft.place_id)
                self.place.set_target(Target("place", place.id, f"{place.name}（{place.category}）"))
            except GridappError:
                pass
        if draft.grid_id is not None:
            select_data(self.unit, f"grid:{draft.grid_id}")
        elif draft.village_code:
            select_data(self.unit, f"village:{draft.village_code}")
        elif self.detail is not None:
            select_data(self.unit, f"township:{self.ctx.actor.scope_code}")
        self.parties.set_parties(draft.parties)
        select_data(self.scale, draft.scale)
        self.people_count.setValue(max(1, draft.people_count))
        select_data(self.priority, draft.priority)
        if draft.visit_id is not None:
            try:
                visit = visits.get(self.ctx.actor, draft.visit_id)
                self.visit_note.setText(self.tr("From the %1 of %2 on %3").replace("%1", visit.kind)
                                        .replace("%2", visit.target_name).replace("%3", display(visit.visited_at)))
                self.visit_note.show()
            except GridappError:
                pass
        self._update_deadline()

    def _fill_categories(self) -> None:
        kind = self.kind.currentData()
        table = CATEGORY_TABLES.get(kind)
        self.category.clear()
        if table is None:
            self.category.addItem(self.tr("(no category for this kind)"), None)
            self.category.setEnabled(False)
            return
        self.category.setEnabled(True)
        self.category.addItem(self.tr("Choose…"), None)
        for code, name in codes.items(table):
            indent = "\u3000" if table == "dispute_category" and len(code) > 2 else ""
            self.category.addItem(f"{indent}{name}", code)

    def _on_kind_current_index_changed(self, _index: int) -> None:
        self._fill_categories()
        self.errors.clear_error("category")
        self._update_deadline()

    def _on_place_target_changed(self, target: Target | None) -> None:
        if target is None or self.unit_choice()[0] == "grid":
            return
        try:
            place = places.get(self.ctx.actor, target.id)
        except GridappError:
            return
        select_data(self.unit, f"grid:{place.grid_id}")
        if not self.location.text().strip():
            self.location.setText(place.address)

    def deadline_date(self) -> dt.date:
        kind = self.kind.currentData()
        if self.detail is not None and kind == self.detail.kind and self.detail.deadline:
            return self.detail.deadline
        registered = self.detail.registered_at.date() if self.detail is not None else dt.date.today()
        return registered + dt.timedelta(days=self._limits.get(kind, 15))

    def _update_deadline(self) -> None:
        kind = self.kind.currentData()
        self.deadline.setText(self.tr("%1 (time limit of %2: %3 days from registration)")
                              .replace("%1", self.deadline_date().isoformat()).replace("%2", kind)
                              .replace("%3", str(self._limits.get(kind, 15))))

    # ------------------------------------------------------------------ saving
    def unit_choice(self) -> tuple[str | None, str | None]:
        """('grid', id) / ('village', code) / ('township', code) chosen, or (None, None)."""
        data = self.unit.currentData()
        if not data:
            return None, None
        kind, _, value = data.partition(":")
        return kind, value

    def draft_input(self) -> EventDraft:
        kind, value = self.unit_choice()
        place = self.place.target
        return dataclasses.replace(
            self.draft, kind=self.kind.currentData(), category=self.category.currentData(),
            title=self.title.text(), description=self.description.toPlainText(),
            occurred_at=from_qdatetime(self.occurred_at.dateTime()), location=self.location.text(),
            place_id=place.id if place is not None else None,
            grid_id=int(value) if kind == "grid" else None,
            village_code=value if kind == "village" else None,
            parties=self.parties.parties(), scale=self.scale.currentData(), people_count=self.people_count.value(),
            priority=self.priority.currentData(),
            deadline=self.draft.deadline if self.detail is not None and self.kind.currentData() == self.detail.kind
            else None)

    def save(self) -> bool:
        """Check every field (all errors at once, next to their fields), then report or update."""
        self.errors.clear()
        draft = self.draft_input()
        try:
            found = events.validate_draft(self.ctx.actor, draft, self.event_id)
            if self.unit.currentData() is None and self.unit.count() > 1 and self.place.target is None:
                found.append(ValidationError(self.tr("Choose the grid or village where it happened"),
                                             field="grid_id"))
            if found:
                raise ValidationErrors(found)
            if self.event_id is None:
                self.result_value = events.report(self.ctx.actor, draft)
            else:
                self.result_value = events.update(self.ctx.actor, self.event_id, draft,
                                                  expected_version=self.detail.version)
        except (ValidationError, ValidationErrors) as exc:
            self._show_errors(exc.errors if isinstance(exc, ValidationErrors) else [exc])
            return False
        except GridappError as exc:
            ask.error(self, self.tr("Not saved"), exc.message)
            return False
        self.ctx.bus.data_changed.emit("event")
        self.accept()
        return True

    def _show_errors(self, errors) -> None:
        for error in errors:
            field = {"village_code": "grid_id"}.get(error.field, error.field)
            self.errors.set_error(field if field in self.FIELDS else None, error.message)
        first = next((self.errors.widget(f) for f in self.FIELDS if self.errors.error(f)), None)
        if first is not None:
            first.setFocus()

    def error(self, field: str) -> str:
        return self.errors.error(field)

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, **kwargs):
        """Show the dialog; the saved ``EventDetail``, or None."""
        dialog = cls(ctx, parent, **kwargs)
        try:
            return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def screenshot_sample(ctx: AppContext, parent: QWidget | None = None) -> EventDialog:
    """For ui.screenshots: a neighbour dispute being reported, with two parties."""
    dialog = EventDialog(ctx, parent)
    select_data(dialog.category, "02")
    dialog.title.setText("王某与邻居因排水沟堵塞发生争执")
    dialog.description.setPlainText("王某反映邻居李某在自家门前堆放建筑材料，堵塞排水沟，雨天积水倒灌，双方多次争吵。")
    dialog.location.setText("土桥村三组")
    if dialog.unit.count() > 2:
        dialog.unit.setCurrentIndex(2)
    for target in search_people(ctx, "王")[:1] + search_people(ctx, "李")[:1]:
        dialog.parties.add_resident(target.id)
    dialog.people_count.setValue(2)
    return dialog

