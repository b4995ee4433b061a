"""Add or edit one resident (人员信息).

``PersonDialog.ask(parent, ctx, ...)`` is the entry point:

- ``person_id=``: edit that person (saved with ``people.update``);
- ``household_id=``: a new member of that household (``people.create``);
- ``collect=True``: nothing is saved; the checked ``PersonInput`` is returned, for the household
  dialog that registers a whole new household in one transaction (``head=True`` for its 户主).

The 公民身份号码 is checked as it is typed: the birth date and sex it holds are shown next to it
and fill those fields; a wrong check digit says what it should be. Every other field is checked
by ``people.validate`` shortly after it changes; errors sit under the field that causes them and
Save stays disabled while any remains.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QDialog, QDialogButtonBox,
                               QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QMessageBox, QPlainTextEdit, QPushButton, QTableWidget, QVBoxLayout, QWidget)

from gridapp.errors import (DuplicateError, GridappError, NeedsConfirmation, StaleRecordError, ValidationError,
                            ValidationErrors)
from gridapp.services import codes, people
from gridapp.services.people import PersonInput, PersonQuery, TagInput
from ui.context import AppContext
from ui.widgets import ask
from ui.widgets.form import FormErrors

HEAD = "02"
SELF = "01"
NO_DATE = QDate(1899, 12, 31)  # a date edit at this minimum shows as empty
VALIDATE_DELAY_MS = 300


def to_qdate(value: dt.date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else NO_DATE


def from_qdate(value: QDate) -> dt.date | None:
    return None if value <= NO_DATE else dt.date(value.year(), value.month(), value.day())


class OptionalDateEdit(QDateEdit):
    """A date edit that may be empty (it shows ``specialValueText`` at its minimum date).

    Empty, Tab leaves it (a plain QDateEdit would keep Tab to walk its hidden sections), and its
    calendar opens on a sensible page instead of 1899.
    """

    def is_empty(self) -> bool:
        return self.date() <= self.minimumDate()

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802
        if self.is_empty():
            return QWidget.focusNextPrevChild(self, forward)
        return super().focusNextPrevChild(forward)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        super().mousePressEvent(event)
        if self.is_empty() and self.calendarPopup():
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year() - 30, 1)


def date_edit(parent: QWidget, *, optional: bool, empty_text: str = "") -> QDateEdit:
    edit = OptionalDateEdit(parent) if optional else QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMaximumDate(QDate(2100, 12, 31))
    if optional:
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(empty_text or " ")
        edit.setDate(NO_DATE)
    else:
        edit.setMinimumDate(QDate(1900, 1, 1))
        edit.setDate(QDate.currentDate())
    return edit


def select_data(combo: QComboBox, value) -> None:
    """Choose the item whose data is ``value`` (the first item when there is none)."""
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


def offer_existing(parent: QWidget | None, title: str, message: str, button_text: str) -> bool:
    """A duplicate's message with a button that opens the existing record; True when clicked."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Close, parent)
    open_button = box.addButton(button_text, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(open_button)
    box.exec()
    return box.clickedButton() is open_button


def find_person_by_id_number(ctx: AppContext, id_number: str):
    """The live person in the actor's scope with this ID number (a PersonRow), or None."""
    check = people.check_id(id_number)
    if not check.ok:
        return None
    rows = people.page(ctx.actor, PersonQuery(text=check.normalized, residence=people.ANY_RESIDENCE), limit=1)
    return rows[0] if rows else None


def open_existing(ctx: AppContext, row) -> None:
    """Show an existing person: their household when they have one."""
    if row.household_id is not None:
        ctx.bus.open_household.emit(row.household_id)
    else:
        ctx.bus.open_person.emit(row.id)


class TagEditor(QWidget):
    """特殊人群/重点人群 tags: category, attention level, since, until; one row per category."""

    changed = Signal()

    COLUMNS = 4

    def __init__(self, choices: Sequence[tuple[str, str]], attention: Sequence[tuple[str, str]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._choices = list(choices)
        self._attention = list(attention)
        self._details: dict[str, dict | None] = {}
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("tags")
        self.table.setHorizontalHeaderLabels([self.tr("Category"), self.tr("Attention"), self.tr("Since"),
                                              self.tr("Until")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 90), (2, 130), (3, 130)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        self.table.setMinimumHeight(96)
        self.table.setMaximumHeight(150)
        self.add_button = QPushButton(self.tr("&Add category"), self)
        self.add_button.setObjectName("add_tag")
        self.add_button.setAutoDefault(False)
        self.remove_button = QPushButton(self.tr("Re&move"), self)
        self.remove_button.setObjectName("remove_tag")
        self.remove_button.setAutoDefault(False)
        self.remove_button.setEnabled(False)
        if not self._choices:
            self.add_button.setEnabled(False)
        self.add_button.setToolTip(self.tr("Add a special group this person belongs to"))
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.table.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows())))

    def add_row(self, category: str | None = None, attention: str = "02", since: dt.date | None = None,
                until: dt.date | None = None) -> int:
        """Add a row (the first category not used yet when none is given); returns its index."""
        used = {self._combo(r, 0).currentData() for r in range(self.table.rowCount())}
        if category is None:
            category = next((c for c, _ in self._choices if c not in used), None)
            if category is None:
                return -1
        row = self.table.rowCount()
        self.table.insertRow(row)
        kind = QComboBox(self.table)
        for code, name in self._choices:
            kind.addItem(name, code)
        select_data(kind, category)
        level = QComboBox(self.table)
        for code, name in self._attention:
            level.addItem(name, code)
        select_data(level, attention)
        start = date_edit(self.table, optional=False)
        start.setDate(to_qdate(since or dt.date.today()))
        end = date_edit(self.table, optional=True, empty_text=self.tr("ongoing"))
        end.setDate(to_qdate(until))
        for column, widget in enumerate((kind, level, start, end)):
            self.table.setCellWidget(row, column, widget)
        kind.currentIndexChanged.connect(self.changed)
        level.currentIndexChanged.connect(self.changed)
        start.dateChanged.connect(self.changed)
        end.dateChanged.connect(self.changed)
        self.table.selectRow(row)
        self.changed.emit()
        return row

    def _combo(self, row: int, column: int):
        return self.table.cellWidget(row, column)

    def _on_remove_button_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.table.removeRow(rows[0].row())
            self.changed.emit()

    def set_tags(self, tags) -> None:
        """Fill from ``TagRow``s or ``TagInput``s (their details are kept as they are)."""
        self.table.setRowCount(0)
        self._details = {t.category: t.details for t in tags}
        for t in tags:
            self.add_row(t.category, t.attention, t.since, t.until)
        self.table.clearSelection()

    def tags(self) -> tuple[TagInput, ...]:
        out = []
        for row in range(self.table.rowCount()):
            category = self._combo(row, 0).currentData()
            out.append(TagInput(category=category, attention=self._combo(row, 1).currentData(),
                                since=from_qdate(self._combo(row, 2).date()),
                                until=from_qdate(self._combo(row, 3).date()),
                                details=self._details.get(category)))
        return tuple(out)


class PersonDialog(QDialog):
    """One resident's form; see the module docstring for its three uses."""

    FIELDS = ("name", "id_number", "sex", "birth_date", "ethnic", "relation", "phone", "residence",
              "political", "education", "occupation", "notes", "tags")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, person_id: int | None = None,
                 household_id: int | None = None, initial: PersonInput | None = None, head: bool = False,
                 collect: bool = False):
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        self.household_id = household_id
        self.collect = collect
        self.result_value = None  # PersonDetail when saved, PersonInput in collect mode
        self._touched: set[str] = set()
        self._detail = None
        self._loading = False
        if person_id is not None:
            # Shown masked: the service keeps the stored number when it gets the mask back.
            self._detail = people.get(ctx.actor, person_id)
            head = self._detail.is_head
            self.household_id = self._detail.household_id
        self.head = head
        self.in_household = collect or self.household_id is not None
        self.setObjectName("PersonDialog")
        self.setWindowTitle(self._title())
        self.setMinimumWidth(900)
        self._build()
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(VALIDATE_DELAY_MS)
        self._validate_timer.timeout.connect(self.validate)
        self._fill(initial)
        self._connect()
        self.name.setFocus()

    def _title(self) -> str:
        if self._detail is not None:
            return self.tr("Edit resident: %1").replace("%1", self._detail.name)
        if self.head:
            return self.tr("Head of household")
        return self.tr("New household member") if self.in_household else self.tr("New resident")

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.name.setMaxLength(people.NAME_MAX)
        self.id_number = QLineEdit(self)
        self.id_number.setObjectName("id_number")
        self.id_number.setMaxLength(24)
        self.id_number.setMinimumWidth(190)
        self.id_number.setPlaceholderText(self.tr("18 characters; the birth date and sex are read from it"))
        self.id_info = QLabel(self)
        self.id_info.setObjectName("id_info")
        self.id_info.setMinimumWidth(200)
        self.id_info.setStyleSheet("color: #2e7d32;")
        self.open_existing_button = QPushButton(self.tr("Open existing record"), self)
        self.open_existing_button.setObjectName("open_existing")
        self.open_existing_button.setAutoDefault(False)
        self.open_existing_button.hide()
        id_row = QHBoxLayout()
        id_row.addWidget(self.id_number, 1)
        id_row.addWidget(self.id_info)
        id_row.addWidget(self.open_existing_button)
        self.sex = QComboBox(self)
        self.sex.setObjectName("sex")
        self.sex.addItem(self.tr("(not given)"), None)
        for _, name in codes.items("sex"):
            self.sex.addItem(name, name)
        self.birth_date = date_edit(self, optional=True, empty_text=self.tr("(not given)"))
        self.birth_date.setObjectName("birth_date")
        self.ethnic = QComboBox(self)
        self.ethnic.setObjectName("ethnic")
        for _, name in codes.items("ethnic"):
            self.ethnic.addItem(name, name)
        self.relation = QComboBox(self)
        self.relation.setObjectName("relation")
        self._fill_relations()
        self.phone = QLineEdit(self)
        self.phone.setObjectName("phone")
        self.phone.setMaxLength(20)
        self.phone.setPlaceholderText(self.tr("mobile 13812345678 or 0714-8123456"))
        self.residence = QComboBox(self)
        self.residence.setObjectName("residence")
        for code, name in codes.items("residence"):
            self.residence.addItem(name, code)
        self.political = QComboBox(self)
        self.political.setObjectName("political")
        self.political.addItem(self.tr("(not given)"), None)
        for code, name in codes.items("political"):
            self.political.addItem(name, code)
        self.education = QComboBox(self)
        self.education.setObjectName("education")
        self.education.addItem(self.tr("(not given)"), None)
        for code, name in codes.items("education"):
            self.education.addItem(name, code)
        self.occupation = QLineEdit(self)
        self.occupation.setObjectName("occupation")
        self.occupation.setMaxLength(64)
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(72)
        self.tags = TagEditor(people.category_choices(self.ctx.actor), codes.items("attention"), self)

        self.left = QFormLayout()
        self.right = QFormLayout()
        for form in (self.left, self.right):
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            form.setHorizontalSpacing(10)
            form.setVerticalSpacing(8)
        self.left.addRow(self.tr("&Name:"), self.name)
        id_label = QLabel(self.tr("&ID number:"), self)
        id_label.setBuddy(self.id_number)  # the row holds a layout: the mnemonic needs a buddy
        self.left.addRow(id_label, id_row)
        self.left.addRow(self.tr("&Sex:"), self.sex)
        self.left.addRow(self.tr("&Birth date:"), self.birth_date)
        self.left.addRow(self.tr("&Relation to head:"), self.relation)
        self.left.addRow(self.tr("&Phone:"), self.phone)
        self.right.addRow(self.tr("&Ethnic group:"), self.ethnic)
        self.right.addRow(self.tr("&Residence status:"), self.residence)
        self.right.addRow(self.tr("P&olitical status:"), self.political)
        self.right.addRow(self.tr("E&ducation:"), self.education)
        self.right.addRow(self.tr("O&ccupation:"), self.occupation)
        self.right.addRow(self.tr("No&tes:"), self.notes)
        if not self.in_household:
            self.relation.setEnabled(False)
            self.relation.setToolTip(self.tr("Only members of a household have a relation to its head"))

        group = QGroupBox(self.tr("Special groups"), self)
        self.tag_form = QFormLayout(group)
        self.tag_form.addRow(self.tags)
        if len(people.category_choices(self.ctx.actor)) < len(codes.items("person_category")):
            note = QLabel(self.tr("Sensitive categories are not shown for your role."), group)
            note.setStyleSheet("color: #777;")
            self.tag_form.addRow(note)

        self.general = QLabel(self)
        self.general.setObjectName("general_error")
        self.general.setWordWrap(True)
        self.general.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save")
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)

        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(self.left, 3)
        columns.addLayout(self.right, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addLayout(columns)
        layout.addWidget(group)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)

        self.errors_left = FormErrors(self.left, self.general)
        self.errors_left.register_all({"name": self.name, "id_number": self.id_number, "sex": self.sex,
                                       "birth_date": self.birth_date, "relation": self.relation,
                                       "phone": self.phone})
        self.errors_right = FormErrors(self.right, self.general)
        self.errors_right.register_all({"ethnic": self.ethnic, "residence": self.residence,
                                        "political": self.political, "education": self.education,
                                        "occupation": self.occupation, "notes": self.notes})
        self.errors_tags = FormErrors(self.tag_form, self.general)
        self.errors_tags.register("tags", self.tags)

        order = (self.name, self.id_number, self.open_existing_button, self.sex, self.birth_date, self.relation,
                 self.phone, self.ethnic, self.residence, self.political, self.education, self.occupation,
                 self.notes, self.tags.table, self.tags.add_button, self.tags.remove_button, self.save_button,
                 self.cancel_button)
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)

    def _fill_relations(self) -> None:
        if self.head:
            self.relation.addItem(codes.name("relation", HEAD) or "户主", HEAD)
            self.relation.setEnabled(False)
            self.relation.setToolTip(self.tr("To make someone else the head, use “Make head” on the household page"))
            return
        self.relation.addItem(self.tr("Choose…"), None)
        for code, name in codes.items("relation"):
            if code in (HEAD, SELF):
                continue
            indent = "" if code.endswith("0") or code in ("97", "99") else "\u3000"
            self.relation.addItem(indent + name, code)

    def _fill(self, initial: PersonInput | None) -> None:
        self._loading = True
        d = self._detail
        if d is not None:
            initial = PersonInput(name=d.name, id_number=d.id_number, sex=d.sex, birth_date=d.birth_date,
                                  ethnic=d.ethnic or "汉族", relation=d.relation or "99", phone=d.phone,
                                  residence=d.residence, political=d.political, education=d.education,
                                  occupation=d.occupation, notes=d.notes)
            self.tags.set_tags(d.tags)
        elif initial is not None:
            self.tags.set_tags(initial.tags)
        if initial is not None:
            self.name.setText(initial.name or "")
            self.id_number.setText(initial.id_number or "")
            select_data(self.sex, initial.sex)
            self.birth_date.setDate(to_qdate(initial.birth_date))
            select_data(self.ethnic, initial.ethnic or "汉族")
            if not self.head:
                select_data(self.relation, initial.relation)
            self.phone.setText(initial.phone or "")
            select_data(self.residence, initial.residence)
            select_data(self.political, initial.political)
            select_data(self.education, initial.education)
            self.occupation.setText(initial.occupation or "")
            self.notes.setPlainText(initial.notes or "")
        else:
            select_data(self.ethnic, "汉族")
        self._loading = False
        self._on_id_number_text_changed(self.id_number.text(), live=False)

    def _connect(self) -> None:
        for edit in (self.id_number, self.phone):
            edit.installEventFilter(self)
            if self._unchanged_mask(edit.objectName()):
                edit.setToolTip(self.tr("Partly hidden. Left as it is, it stays unchanged; to correct it, "
                                        "type the whole number again."))
        for field, edit in (("name", self.name), ("phone", self.phone), ("occupation", self.occupation)):
            edit.textEdited.connect(lambda _t, f=field: self._changed(f, touch=f in self._touched))
            edit.editingFinished.connect(lambda f=field: self._changed(f))
        self.id_number.textEdited.connect(self._on_id_number_text_changed)
        self.id_number.editingFinished.connect(lambda: self._changed("id_number"))
        for field, combo in (("sex", self.sex), ("ethnic", self.ethnic), ("relation", self.relation),
                             ("residence", self.residence), ("political", self.political),
                             ("education", self.education)):
            combo.currentIndexChanged.connect(lambda _i, f=field: self._changed(f))
        self.birth_date.dateChanged.connect(lambda _d: self._changed("birth_date"))
        self.notes.textChanged.connect(lambda: self._changed("notes"))
        self.tags.changed.connect(lambda: self._changed("tags"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.open_existing_button.clicked.connect(self._on_open_existing_button_clicked)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.activated.connect(self.save)

    # ------------------------------------------------------------------ live checks
    def _changed(self, field: str, touch: bool = True) -> None:
        if self._loading:
            return
        if touch:
            self._touched.add(field)
        self._validate_timer.start()

    def _unchanged_mask(self, field: str) -> bool:
        """Whether ``field`` (id_number or phone) still shows the stored value, masked."""
        shown = getattr(self._detail, field, None) if self._detail is not None else None
        return bool(shown) and getattr(self, field).text().strip() == shown

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        """A masked value is replaced as a whole: entering the field selects it."""
        if event.type() == QEvent.Type.FocusIn and watched in (self.id_number, self.phone) \
                and self._unchanged_mask(watched.objectName()):
            QTimer.singleShot(0, watched.selectAll)
        return super().eventFilter(watched, event)

    def _on_id_number_text_changed(self, text: str, live: bool = True) -> None:
        """Read the birth date and sex from the ID as it is typed; say what is wrong once it is long enough."""
        if self._unchanged_mask("id_number"):
            d = self._detail
            check = people.IdCheck(bool(d.birth_date and d.sex), text, d.birth_date, d.sex, "")
        else:
            check = people.check_id(text)
        derived = check.ok
        self.sex.setEnabled(not derived)
        self.birth_date.setEnabled(not derived)
        reason = self.tr("Read from the ID number") if derived else ""
        self.sex.setToolTip(reason)
        self.birth_date.setToolTip(reason)
        if derived:
            self._loading, loading = True, self._loading
            select_data(self.sex, check.sex)
            self.birth_date.setDate(to_qdate(check.birth_date))
            self._loading = loading
            age = people.age_on(check.birth_date)
            self.id_info.setText(self.tr("Born %1 · %2 · %3 years").replace("%1", check.birth_date.isoformat())
                                 .replace("%2", check.sex or "").replace("%3", str(age)))
            self.id_info.setStyleSheet("color: #2e7d32;")
        elif check.normalized and len(check.normalized) < 18:
            self.id_info.setText(self.tr("%1 of 18 characters").replace("%1", str(len(check.normalized))))
            self.id_info.setStyleSheet("color: #777;")
        else:
            self.id_info.clear()
        if not live:
            return
        if derived or len(check.normalized) >= 18:
            self._touched.add("id_number")  # a complete number: say now what is wrong with it
        self.open_existing_button.hide()
        self.errors_left.clear_error("id_number")
        if check.message and "id_number" in self._touched:
            self.errors_left.set_error("id_number", check.message)
        self._validate_timer.start()
        self._update_save()

    def input(self) -> PersonInput:
        """The form's values as the service takes them."""
        return PersonInput(
            name=self.name.text(), id_number=self.id_number.text().strip() or None,
            sex=self.sex.currentData(), birth_date=from_qdate(self.birth_date.date()),
            ethnic=self.ethnic.currentData() or "汉族", relation=self.relation.currentData() or "99",
            phone=self.phone.text().strip() or None, residence=self.residence.currentData() or "户籍在册",
            political=self.political.currentData(), education=self.education.currentData(),
            occupation=self.occupation.text().strip() or None, notes=self.notes.toPlainText().strip() or None,
            tags=self.tags.tags())

    def _validation_input(self) -> PersonInput:
        """What the live check sees: a masked value left as it was is not checked again."""
        data = self.input()
        return dataclasses.replace(data, id_number=None if self._unchanged_mask("id_number") else data.id_number,
                                   phone=None if self._unchanged_mask("phone") else data.phone)

    def _errors_for(self, field: str | None) -> FormErrors:
        for errors in (self.errors_left, self.errors_right, self.errors_tags):
            if errors.widget(field or "") is not None:
                return errors
        return self.errors_left

    def _local_errors(self) -> list[ValidationError]:
        """Checks the service leaves to the form: a member must say how they relate to the head."""
        if self.in_household and not self.head and self.relation.currentData() is None:
            return [ValidationError(self.tr("Choose the relation to the head of household"), field="relation")]
        return []

    def validate(self) -> list[ValidationError]:
        """Check every field now; show the errors of the fields touched so far."""
        self._validate_timer.stop()
        try:
            found = people.validate(self.ctx.actor, self._validation_input(), self.person_id,
                                    None if self.collect else self.household_id)
        except GridappError as exc:
            found = [ValidationError(exc.message, field=exc.field)]
        found = list(found) + self._local_errors()
        by_field: dict[str | None, ValidationError] = {}
        for error in found:
            by_field.setdefault(error.field if error.field in self.FIELDS else None, error)
        for field in self.FIELDS:
            errors = self._errors_for(field)
            error = by_field.get(field)
            if error is not None and field in self._touched:
                errors.set_error(field, error.message)
            else:
                errors.clear_error(field)
        general = by_field.get(None)
        if general is not None:
            self.errors_left.set_error(None, general.message)
        else:
            self.errors_left.clear_error("")
        duplicate = by_field.get("id_number")
        self.open_existing_button.setVisible(isinstance(duplicate, DuplicateError) and "id_number" in self._touched
                                             and find_person_by_id_number(self.ctx, self.id_number.text())
                                             is not None)
        self._update_save()
        return found

    def has_errors(self) -> bool:
        return any(e.has_errors() for e in (self.errors_left, self.errors_right, self.errors_tags))

    def error(self, field: str) -> str:
        """The message shown under ``field`` now ('' when none)."""
        return self._errors_for(field).error(field)

    def _update_save(self) -> None:
        blocked = self.has_errors()
        self.save_button.setEnabled(not blocked)
        self.save_button.setToolTip(self.tr("Correct the fields marked in red first") if blocked
                                    else self.tr("Save (Ctrl+S)"))

    # ------------------------------------------------------------------ saving
    def save(self) -> bool:
        """Check everything and save (or, collecting, accept); False when something is still wrong."""
        self._touched.update(self.FIELDS)
        if self.validate():
            self._focus_first_error()
            return False
        data = self.input()
        if self.collect:
            self.result_value = data
            self.accept()
            return True
        confirm = False
        while True:
            try:
                if self.person_id is not None:
                    self.result_value = people.update(self.ctx.actor, self.person_id, data, self._detail.version,
                                                      confirm=confirm)
                else:
                    self.result_value = people.create(self.ctx.actor, data, self.household_id, confirm=confirm)
            except NeedsConfirmation as exc:
                if not confirm and ask.confirm(self, self.tr("Please confirm"), exc.message):
                    confirm = True
                    continue
                return False
            except DuplicateError as exc:
                self._errors_for(exc.field).set_error(exc.field if exc.field in self.FIELDS else None, exc.message)
                self._update_save()
                self._offer_existing(exc.message)
                return False
            except (ValidationError, ValidationErrors) as exc:
                self._show_errors(exc)
                return False
            except StaleRecordError as exc:
                self._reload_stale(exc)
                return False
            except GridappError as exc:
                ask.error(self, self.tr("Not saved"), exc.message)
                return False
            break
        self.ctx.bus.data_changed.emit("person")
        self.accept()
        return True

    def _show_errors(self, exc: GridappError) -> None:
        errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
        for error in errors:
            field = error.field if error.field in self.FIELDS else None
            self._errors_for(field).set_error(field, error.message)
        self._update_save()
        self._focus_first_error()

    def _focus_first_error(self) -> None:
        for field in self.FIELDS:
            errors = self._errors_for(field)
            if errors.error(field):
                widget = errors.widget(field)
                widget.setFocus()
                return

    def _offer_existing(self, message: str) -> None:
        row = find_person_by_id_number(self.ctx, self.id_number.text())
        if row is None:
            ask.warning(self, self.tr("Already registered"), message)
            return
        if offer_existing(self, self.tr("Already registered"), message, self.tr("Open existing record")):
            self._open(row)

    def _on_open_existing_button_clicked(self) -> None:
        row = find_person_by_id_number(self.ctx, self.id_number.text())
        if row is not None:
            self._open(row)

    def _open(self, row) -> None:
        self.reject()
        open_existing(self.ctx, row)

    def _reload_stale(self, exc: StaleRecordError) -> None:
        """Someone else saved this record meanwhile: say so and show what they saved."""
        ask.warning(self, self.tr("Changed meanwhile"), exc.message + self.tr(" The form now shows the record as "
                                                                              "saved by the other person; check it "
                                                                              "and save your change again."))
        self._detail = people.get(self.ctx.actor, self.person_id)
        self._touched.clear()
        self._fill(None)
        self.validate()

    # ------------------------------------------------------------------ entry point
    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, **kwargs):
        """Show the dialog; the saved ``PersonDetail`` (or, collecting, the ``PersonInput``), or None."""
        dialog = cls(ctx, parent, **kwargs)
        try:
            return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def screenshot_sample(ctx: AppContext, parent: QWidget | None = None) -> PersonDialog:
    """For ui.screenshots: a resident of a special group, opened for editing."""
    rows = people.page(ctx.actor, PersonQuery(category="djlr"), limit=1) or people.page(ctx.actor, PersonQuery(),
                                                                                        limit=1)
    return PersonDialog(ctx, parent, person_id=rows[0].id)


def screenshot_check(ctx: AppContext, parent: QWidget | None = None) -> PersonDialog:
    """For ui.screenshots: a new member whose ID has a wrong check digit."""
    from gridapp.services import households
    from gridapp.services.households import HouseholdQuery

    household = households.page(ctx.actor, HouseholdQuery(), limit=1)[0]
    dialog = PersonDialog(ctx, parent, household_id=household.id)
    dialog.name.setText("张小红")
    dialog.id_number.setText("420281198503120018")
    dialog._on_id_number_text_changed(dialog.id_number.text())
    dialog.validate()
    return dialog
