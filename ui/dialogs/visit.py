"""Record or edit one visit (走访/随访) of a household or a person: the quick entry dialog.

``VisitDialog.ask(parent, ctx, target=..., visit_id=...)`` is the entry point; it returns the
saved ``VisitRow`` (or None). Made to be filled in well under 30 seconds by keyboard alone: the
target comes prefilled from the worklist or is found by typing a name, pinyin initials, ID or
phone tail in the search field (Enter takes the first match); the time is now, 方式 and 对象状态
have their usual defaults, and Ctrl+S saves.

The 危险性评估 grade is shown only for a person in the 严重精神障碍患者 group (the service asks
for it). Photos and scans are added through ``ask.open_file`` and shown as thumbnails; they are
copied into the attachment store when the visit is saved. 发现问题 → 生成事件 saves the visit
first, then opens the event dialog prefilled from it; the event is linked back to the visit.

Editing: only the author may change a visit, within 7 days (an administrator always may); the
service decides, and the dialog shows the visit read-only with the reason otherwise.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, QModelIndex, QSize, QStringListModel, Qt, QTime, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QCompleter, QDateTimeEdit, QDialog,
                               QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListView,
                               QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QStyle, QVBoxLayout,
                               QWidget)

from gridapp.errors import GridappError, ValidationError, ValidationErrors
from gridapp.services import codes, events, households, people, visits
from gridapp.services.households import HouseholdQuery
from gridapp.services.people import PersonQuery
from gridapp.services.visits import VisitInput
from ui.context import AppContext
from ui.dialogs.person import select_data
from ui.models.paged import display
from ui.widgets import ask
from ui.widgets.form import FormErrors

THUMB = QSize(96, 72)
SEARCH_LIMIT = 6
IMAGE_FILTER = "*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff *.pdf"
BANNER_STYLE = "background: #fff8e1; border: 1px solid #ffe082; padding: 6px; color: #5d4037;"

# 危险性评估 (国家基本公共卫生服务规范): what each grade means, shown in the combo.
RISK_GRADES = (
    (0, QT_TRANSLATE_NOOP("VisitDialog", "Grade 0: none of the behaviour of grades 1–5")),
    (1, QT_TRANSLATE_NOOP("VisitDialog", "Grade 1: verbal threats, shouting, no smashing")),
    (2, QT_TRANSLATE_NOOP("VisitDialog", "Grade 2: smashing at home, aimed at things, stops when talked to")),
    (3, QT_TRANSLATE_NOOP("VisitDialog", "Grade 3: smashing anywhere, at things, won't stop when told")),
    (4, QT_TRANSLATE_NOOP("VisitDialog", "Grade 4: persistent smashing, things or people, incl. self-harm")),
    (5, QT_TRANSLATE_NOOP("VisitDialog", "Grade 5: any armed violence against people, arson or explosion")),
)


@dataclass(frozen=True)
class Target:
    """Who or what is visited: ``kind`` household/person/place, the record id, and a label."""

    kind: str
    id: int
    label: str


def now_qdatetime() -> QDateTime:
    current = QDateTime.currentDateTime()
    return current.addSecs(-current.time().second())


def from_qdatetime(value: QDateTime) -> dt.datetime:
    d, t = value.date(), value.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def to_qdatetime(value: dt.datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


class QuickDateTimeEdit(QDateTimeEdit):
    """A date-time field that Tab leaves at once (a plain one walks its five sections first);
    Left/Right move between the sections, Up/Down change one."""

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802
        return QWidget.focusNextPrevChild(self, forward)


def datetime_edit(parent: QWidget) -> QDateTimeEdit:
    edit = QuickDateTimeEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setDateTime(now_qdatetime())
    return edit


def due_text(due, *, inspection: bool = False) -> str:
    """“Due 2024-05-01 (12 days overdue) · last visit … · 独居老人（高）7天” for a ``worklist.DueInfo``
    (of an inspection: “last inspected”)."""
    if due is None:
        return QCoreApplication.translate("DueText", "Not on a visit schedule")
    if due.overdue_days > 0:
        state = QCoreApplication.translate("DueText", "%1 days overdue").replace("%1", str(due.overdue_days))
    elif due.overdue_days == 0:
        state = QCoreApplication.translate("DueText", "due today")
    else:
        state = QCoreApplication.translate("DueText", "in %1 days").replace("%1", str(-due.overdue_days))
    last = display(due.last_visit) if due.last_visit else QCoreApplication.translate("DueText", "never")
    text = QCoreApplication.translate("DueText", "Due %1 (%2) · last inspected %3 · %4") if inspection else \
        QCoreApplication.translate("DueText", "Due %1 (%2) · last visit %3 · %4")
    return text.replace("%1", display(due.due)).replace("%2", state).replace("%3", last).replace("%4", due.reason)


# --------------------------------------------------------------------------- target search
class SearchPicker(QLineEdit):
    """A search field with a completer: ``search(text) -> list[Target]`` runs as the person types.

    The matches drop down; Down/Enter or a click picks one, and Enter with the list closed takes
    the first match. ``target_changed`` fires with the chosen ``Target`` (None when the text is
    edited again). With ``keep=False`` the field empties after a pick (to add several).
    """

    target_changed = Signal(object)

    def __init__(self, search: Callable[[str], list[Target]], placeholder: str, parent: QWidget | None = None,
                 *, keep: bool = True):
        super().__init__(parent)
        self._search = search
        self._keep = keep
        self.target: Target | None = None
        self.matches: list[Target] = []
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self._model = QStringListModel(self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setMaxVisibleItems(SEARCH_LIMIT * 2)
        self.completer_.setWidget(self)
        self.completer_.activated[QModelIndex].connect(self._on_completer_activated)
        self.textEdited.connect(self._on_text_edited)
        self.returnPressed.connect(self._on_return_pressed)

    def set_target(self, target: Target | None) -> None:
        self.completer_.popup().hide()
        self.matches = []
        self.target = target if self._keep else None
        self.setText(target.label if target is not None and self._keep else "")
        self.setCursorPosition(0)
        self.target_changed.emit(target)

    def _on_text_edited(self, text: str) -> None:
        if self.target is not None:
            self.target = None
            self.target_changed.emit(None)
        try:
            self.matches = self._search(text.strip()) if text.strip() else []
        except GridappError:
            self.matches = []
        self._model.setStringList([m.label for m in self.matches])
        if self.matches:
            self.completer_.complete()
            self.completer_.popup().setCurrentIndex(self._model.index(0, 0))  # Enter takes the first
        else:
            self.completer_.popup().hide()

    def _on_completer_activated(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self.matches):
            self.set_target(self.matches[index.row()])

    def keyPressEvent(self, event) -> None:  # noqa: N802
        """Enter picks a match (and does not also press the dialog's default button)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.target is None and self.matches:
            self._on_return_pressed()
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_return_pressed(self) -> None:
        if self.target is None and self.matches:
            popup = self.completer_.popup()
            row = popup.currentIndex().row() if popup.isVisible() and popup.currentIndex().isValid() else 0
            self.set_target(self.matches[row])


def search_people(ctx: AppContext, text: str) -> list[Target]:
    """People in scope matching ``text`` (name, pinyin initials, ID or phone tail …)."""
    found = []
    for p in people.page(ctx.actor, PersonQuery(text=text), limit=SEARCH_LIMIT):
        tags = "、".join(p.tags)
        where = [QCoreApplication.translate("SearchPicker", "household %1").replace("%1", p.household_number)
                 if p.household_number else "", p.grid_name]
        label = " · ".join(x for x in (f"{p.name}（{tags}）" if tags else p.name, *where) if x)
        found.append(Target("person", p.id, label))
    return found


def search_households(ctx: AppContext, text: str) -> list[Target]:
    return [Target("household", h.id, QCoreApplication.translate("SearchPicker", "Household %1 %2 · %3")
                   .replace("%1", h.number).replace("%2", h.head_name).replace("%3", h.address or h.grid_name))
            for h in households.page(ctx.actor, HouseholdQuery(text=text), limit=SEARCH_LIMIT)]


def search_places(ctx: AppContext, text: str) -> list[Target]:
    from gridapp.services import places

    return [Target("place", p.id, f"{p.name}（{p.category}）· {p.address or p.grid_name}")
            for p in places.page(ctx.actor, places.PlaceQuery(text=text), limit=SEARCH_LIMIT)]


def target_picker(ctx: AppContext, parent: QWidget | None = None) -> SearchPicker:
    """The visit's target: people first, then households."""
    return SearchPicker(lambda text: search_people(ctx, text) + search_households(ctx, text),
                        QCoreApplication.translate("SearchPicker", "Name, pinyin initials (zs), ID or phone tail, "
                                                                   "or household no."), parent)


# --------------------------------------------------------------------------- attachments
class AttachmentStrip(QWidget):
    """Photos and scans as thumbnails: stored ones (``AttachmentRow``) and files still to add."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setObjectName("attachments")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(THUMB)
        self.list.setGridSize(QSize(THUMB.width() + 28, THUMB.height() + 34))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWrapping(False)
        self.list.setFixedHeight(THUMB.height() + 44)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setToolTip(self.tr("Double-click to open"))
        self.add_button = QPushButton(self.tr("Add photo or scan…"), self)
        self.add_button.setObjectName("add_attachment")
        self.add_button.setAutoDefault(False)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("remove_attachment")
        self.remove_button.setAutoDefault(False)
        self.remove_button.setEnabled(False)
        self.empty = QLabel(self.tr("No attachments. Photos of the visit or scanned papers can be added."), self)
        self.empty.setStyleSheet("color: #777;")
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list)
        column.addWidget(self.empty)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(column, 1)
        layout.addLayout(buttons)
        self._removed: list[int] = []
        self._read_only = False
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.list.itemSelectionChanged.connect(self._update)
        self.list.itemDoubleClicked.connect(self._on_item_double_clicked)
        self._update()

    # ------------------------------------------------------------------ content
    def set_existing(self, rows: Sequence) -> None:
        """Show the stored attachments (``AttachmentRow``s); forget pending changes."""
        self.list.clear()
        self._removed = []
        for row in rows:
            self._add_item(row.path, row.filename, row.is_image, attachment_id=row.id)
        self._update()

    def add_file(self, path: str) -> None:
        source = Path(path)
        image = not QPixmap(str(source)).isNull()
        self._add_item(str(source), source.name, image, attachment_id=None)
        self._update()
        self.changed.emit()

    def _add_item(self, path: str, name: str, image: bool, *, attachment_id: int | None) -> None:
        icon = QIcon()
        if image:
            pixmap = QPixmap(path)
            if not pixmap.isNull():
                icon = QIcon(pixmap.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))
        if icon.isNull():
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        item = QListWidgetItem(icon, name if len(name) <= 14 else name[:12] + "…")
        item.setToolTip(name)
        item.setData(Qt.ItemDataRole.UserRole, (attachment_id, path))
        self.list.addItem(item)

    def pending_paths(self) -> list[str]:
        """Files added here and not stored yet."""
        return [data[1] for data in self._items() if data[0] is None]

    def removed_ids(self) -> list[int]:
        """Stored attachments removed here (the owner service detaches them on save)."""
        return list(self._removed)

    def count(self) -> int:
        return self.list.count()

    def thumbnail(self, row: int) -> QIcon:
        return self.list.item(row).icon()

    def _items(self) -> list[tuple[int | None, str]]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._update()

    def _update(self) -> None:
        self.add_button.setVisible(not self._read_only)
        self.remove_button.setVisible(not self._read_only)
        self.remove_button.setEnabled(bool(self.list.selectedItems()))
        self.list.setVisible(self.list.count() > 0)
        self.empty.setVisible(self.list.count() == 0)

    # ------------------------------------------------------------------ actions
    def _on_add_button_clicked(self) -> None:
        path = ask.open_file(self, self.tr("Add photo or scan"), "",
                             self.tr("Photos and scans") + f" ({IMAGE_FILTER});;" + self.tr("All files") + " (*)")
        if path:
            self.add_file(path)

    def _on_remove_button_clicked(self) -> None:
        for item in self.list.selectedItems():
            attachment_id, _path = item.data(Qt.ItemDataRole.UserRole)
            if attachment_id is not None:
                self._removed.append(attachment_id)
            self.list.takeItem(self.list.row(item))
        self._update()
        self.changed.emit()

    def _on_item_double_clicked(self, item: QListWidgetItem) -> None:
        _attachment_id, path = item.data(Qt.ItemDataRole.UserRole)
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))


# --------------------------------------------------------------------------- the dialog
class VisitDialog(QDialog):
    """One visit of a household or person; see the module docstring."""

    FIELDS = ("target", "visited_at", "method", "companions", "state", "risk_grade", "notes", "findings",
              "attachments")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, target: Target | None = None,
                 visit_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.visit_id = visit_id
        self.row = visits.get(ctx.actor, visit_id) if visit_id is not None else None
        self.refusal = visits.edit_refusal(ctx.actor, visit_id) if visit_id is not None else None
        self.form_info = None
        self.result_value = None  # the saved VisitRow
        self.linked_events: list = []
        self.setObjectName("VisitDialog")
        self.setMinimumWidth(720)
        self._build()
        self._connect()
        if self.row is not None:
            self._fill_from_row()
        elif target is not None:
            self.target.set_target(target)
        self._update_title()
        self._initial_focus()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.banner = QLabel(self)
        self.banner.setObjectName("read_only_reason")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.target = target_picker(self.ctx, self)
        self.target.setObjectName("target")
        self.due = QLabel(self)
        self.due.setObjectName("due")
        self.due.setWordWrap(True)
        self.due.setStyleSheet("color: #555;")
        target_box = QVBoxLayout()
        target_box.setSpacing(2)
        target_box.addWidget(self.target)
        target_box.addWidget(self.due)
        self.visited_at = datetime_edit(self)
        self.visited_at.setObjectName("visited_at")
        self.method = QComboBox(self)
        self.method.setObjectName("method")
        for code, _name in codes.items("visit_method"):
            self.method.addItem(code, code)
        self.companions = QLineEdit(self)
        self.companions.setObjectName("companions")
        self.companions.setMaxLength(100)
        self.companions.setPlaceholderText(self.tr("e.g. village cadre 李明, doctor 王芳"))
        self.state = QComboBox(self)
        self.state.setObjectName("state")
        for code, _name in codes.items("visit_state"):
            self.state.addItem(code, code)
        self.risk_grade = QComboBox(self)
        self.risk_grade.setObjectName("risk_grade")
        self.risk_grade.addItem(self.tr("Choose the grade…"), None)
        for grade, text in RISK_GRADES:
            self.risk_grade.addItem(self.tr(text), grade)
        self.risk_grade.setMinimumContentsLength(30)
        self.risk_hint = QLabel(self)
        self.risk_hint.setStyleSheet("color: #777;")
        risk_box = QHBoxLayout()
        risk_box.addWidget(self.risk_grade, 1)
        risk_box.addWidget(self.risk_hint)
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(84)
        self.notes.setPlaceholderText(self.tr("What you saw and talked about"))
        self.findings = QPlainTextEdit(self)
        self.findings.setObjectName("findings")
        self.findings.setTabChangesFocus(True)
        self.findings.setFixedHeight(60)
        self.findings.setPlaceholderText(self.tr("Problems found (a dispute, a hazard, a request …)"))
        self.event_button = QPushButton(self.tr("Problem found → report event…"), self)
        self.event_button.setObjectName("report_event")
        self.event_button.setAutoDefault(False)
        self.event_button.setToolTip(self.tr("Saves the visit, then opens the event form prefilled from it; "
                                             "the event stays linked to this visit"))
        self.events_label = QLabel(self)
        self.events_label.setObjectName("linked_events")
        self.events_label.setStyleSheet("color: #2e7d32;")
        self.events_label.hide()
        findings_box = QVBoxLayout()
        findings_box.setSpacing(4)
        findings_box.addWidget(self.findings)
        event_row = QHBoxLayout()
        event_row.addWidget(self.event_button)
        event_row.addWidget(self.events_label, 1)
        findings_box.addLayout(event_row)
        self.attachments = AttachmentStrip(self)

        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setHorizontalSpacing(10)
        self.form.setVerticalSpacing(8)
        target_label = QLabel(self.tr("&Visited:"), self)
        target_label.setBuddy(self.target)
        self.form.addRow(target_label, target_box)
        self.form.addRow(self.tr("&Date and time:"), self.visited_at)
        self.form.addRow(self.tr("&Method:"), self.method)
        self.form.addRow(self.tr("&Companions:"), self.companions)
        self.form.addRow(self.tr("&State:"), self.state)
        risk_label = QLabel(self.tr("&Risk assessment:"), self)
        risk_label.setBuddy(self.risk_grade)
        self.form.addRow(risk_label, risk_box)
        self.form.addRow(self.tr("&Notes:"), self.notes)
        findings_label = QLabel(self.tr("&Findings:"), self)
        findings_label.setBuddy(self.findings)
        self.form.addRow(findings_label, findings_box)
        self.form.addRow(self.tr("Attachments:"), self.attachments)

        self.general = QLabel(self)
        self.general.setObjectName("general_error")
        self.general.setWordWrap(True)
        self.general.hide()
        self.errors = FormErrors(self.form, self.general)
        self.errors.register_all({"target": self.target, "visited_at": self.visited_at, "method": self.method,
                                  "companions": self.companions, "state": self.state,
                                  "risk_grade": self.risk_grade, "notes": self.notes, "findings": self.findings,
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
        self._show_risk(False)

        order = (self.target, self.visited_at, self.method, self.companions, self.state, self.risk_grade,
                 self.notes, self.findings, self.event_button, self.attachments.add_button, self.save_button,
                 self.cancel_button)
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)

    def _connect(self) -> None:
        self.target.target_changed.connect(self._on_target_target_changed)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.event_button.clicked.connect(self.report_event)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.activated.connect(self.save)

    def _fill_choices(self, methods: Sequence[str], states: Sequence[str]) -> None:
        for combo, values in ((self.method, methods), (self.state, states)):
            current = combo.currentData()
            combo.clear()
            for value in values:
                combo.addItem(value, value)
            select_data(combo, current)

    # ------------------------------------------------------------------ content
    def _on_target_target_changed(self, target: Target | None) -> None:
        self.errors.clear_error("target")
        self.form_info = None
        if target is None:
            self.due.clear()
            self._show_risk(False)
            return
        try:
            self.form_info = visits.form(self.ctx.actor, target.kind, target.id)
        except GridappError as exc:
            self.errors.set_error("target", exc.message)
            return
        info = self.form_info
        self._fill_choices(info.methods, info.states)
        self.due.setText(due_text(info.due))
        self._show_risk(info.needs_risk_grade)
        if info.last_risk_grade is not None:
            self.risk_hint.setText(self.tr("Last time: grade %1").replace("%1", str(info.last_risk_grade)))
        else:
            self.risk_hint.clear()
        self._update_title()

    def _show_risk(self, shown: bool) -> None:
        self.form.setRowVisible(self._risk_row(), shown)
        if not shown:
            self.risk_grade.setCurrentIndex(0)
            self.errors.clear_error("risk_grade")

    def _risk_row(self) -> int:
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if item is not None and item.layout() is not None and item.layout().indexOf(self.risk_grade) >= 0:
                return row
        return -1

    def risk_shown(self) -> bool:
        return self.form.isRowVisible(self._risk_row())

    def _fill_from_row(self) -> None:
        row = self.row
        self.target.set_target(Target(row.target_kind, row.target_id, row.target_name))
        self.target.setEnabled(False)
        self.target.setToolTip(self.tr("A recorded visit keeps its target"))
        self.visited_at.setDateTime(to_qdatetime(row.visited_at))
        select_data(self.method, row.method)
        select_data(self.state, row.state)
        self.companions.setText(row.companions)
        if row.risk_grade is not None:
            self._show_risk(True)
            select_data(self.risk_grade, row.risk_grade)
        self.notes.setPlainText(row.notes)
        self.findings.setPlainText(row.findings)
        self.attachments.set_existing(row.attachments)
        self._show_linked_events(row.event_ids)
        if self.refusal:
            self._set_read_only(self.refusal)

    def _set_read_only(self, reason: str) -> None:
        self.banner.setText(self.tr("Read only: %1").replace("%1", reason))
        self.banner.show()
        for widget in (self.visited_at, self.method, self.state, self.risk_grade):
            widget.setEnabled(False)
        for edit in (self.companions, self.notes, self.findings):
            edit.setReadOnly(True)
        self.attachments.set_read_only(True)
        self.save_button.hide()
        self.save_shortcut.setEnabled(False)
        self.cancel_button.setText(self.tr("Close"))

    def is_read_only(self) -> bool:
        return self.save_button.isHidden()

    def _show_linked_events(self, event_ids: Sequence[int]) -> None:
        numbers = []
        for event_id in event_ids:
            try:
                numbers.append(events.get(self.ctx.actor, event_id).number)
            except GridappError:
                continue
        self.linked_events = numbers
        self.events_label.setText(self.tr("Events reported: %1").replace("%1", "、".join(numbers)))
        self.events_label.setVisible(bool(numbers))

    def _update_title(self) -> None:
        name = self.target.target.label if self.target.target else ""
        kind = self.form_info.kind if self.form_info else self.tr("Visit")
        if self.visit_id is None:
            title = self.tr("Record %1").replace("%1", kind)
        else:
            title = self.tr("%1 record").replace("%1", self.row.kind if self.row else kind)
        self.setWindowTitle(f"{title}：{name}" if name else title)

    def _initial_focus(self) -> None:
        if self.target.target is None:
            self.target.setFocus()
        elif self.risk_shown() and self.risk_grade.isEnabled():
            self.risk_grade.setFocus()
        else:
            self.notes.setFocus()

    # ------------------------------------------------------------------ saving
    def input(self) -> VisitInput:
        return VisitInput(visited_at=from_qdatetime(self.visited_at.dateTime()),
                          method=self.method.currentData() or "", companions=self.companions.text(),
                          state=self.state.currentData() or "",
                          risk_grade=self.risk_grade.currentData() if self.risk_shown() else None,
                          notes=self.notes.toPlainText(), findings=self.findings.toPlainText())

    def _write(self) -> bool:
        """Record the visit (or save the edit); True when it is stored."""
        self.errors.clear()
        target = self.target.target
        if target is None:
            self.errors.set_error("target", self.tr("Choose who was visited: type a name and pick from the list"))
            self.target.setFocus()
            return False
        actor = self.ctx.actor
        try:
            if self.visit_id is None:
                recorded = visits.record(actor, target.kind, target.id, self.input(),
                                         attachments=self.attachments.pending_paths())
                row = recorded.visit
            else:
                row = visits.update(actor, self.visit_id, self.input(), expected_version=self.row.version)
                if self.attachments.pending_paths():
                    row = visits.add_attachments(actor, self.visit_id, self.attachments.pending_paths())
                for attachment_id in self.attachments.removed_ids():
                    row = visits.remove_attachment(actor, attachment_id)
        except (ValidationError, ValidationErrors) as exc:
            self._show_errors(exc)
            return False
        except GridappError as exc:
            ask.error(self, self.tr("Not saved"), exc.message)
            return False
        self.visit_id, self.row, self.result_value = row.id, row, row
        self.attachments.set_existing(row.attachments)
        self.ctx.bus.data_changed.emit("visit")
        return True

    def _show_errors(self, exc: GridappError) -> None:
        errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
        for error in errors:
            field = error.field if error.field in self.FIELDS else None
            self.errors.set_error(field, error.message)
        first = next((self.errors.widget(e.field) for e in errors if self.errors.widget(e.field or "")), None)
        if first is not None:
            first.setFocus()

    def save(self) -> bool:
        if self.is_read_only() or not self._write():
            return False
        self.accept()
        return True

    def error(self, field: str) -> str:
        return self.errors.error(field)

    def report_event(self) -> None:
        """发现问题 → 生成事件: save the visit, then report an event prefilled from it."""
        from ui.dialogs.event import EventDialog

        if not self.is_read_only() and not self._write():
            return
        try:
            draft = events.draft_from_visit(self.ctx.actor, self.visit_id)
        except GridappError as exc:
            ask.error(self, self.tr("Report event"), exc.message)
            return
        self._update_title()
        detail = EventDialog.ask(self, self.ctx, draft=draft)
        if detail is not None:
            self._show_linked_events(visits.get(self.ctx.actor, self.visit_id).event_ids)

    # ------------------------------------------------------------------ entry point
    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, **kwargs):
        """Show the dialog; the saved ``VisitRow`` (also when only 生成事件 saved it), or None."""
        dialog = cls(ctx, parent, **kwargs)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.result_value if accepted or dialog.result_value is not None else None
        finally:
            dialog.deleteLater()


def open_visit(parent: QWidget | None, ctx: AppContext, visit_id: int):
    """Open a recorded visit in its dialog (an inspection in the inspection dialog)."""
    row = visits.get(ctx.actor, visit_id)
    if row.target_kind == "place":
        from ui.dialogs.inspection import InspectionDialog

        return InspectionDialog.ask(parent, ctx, visit_id=visit_id)
    return VisitDialog.ask(parent, ctx, visit_id=visit_id)


def screenshot_sample(ctx: AppContext, parent: QWidget | None = None) -> VisitDialog:
    """For ui.screenshots: a visit of the most overdue person of the worklist, partly filled in."""
    from gridapp.services import worklist

    items = worklist.page(ctx.actor, "overdue", kind="person", limit=1).items \
        or worklist.page(ctx.actor, "all", limit=1).items
    target = Target(items[0].kind, items[0].target_id, items[0].name) if items else None
    dialog = VisitDialog(ctx, parent, target=target)
    dialog.companions.setText("村委会 李明")
    dialog.notes.setPlainText("本人在家，精神状态良好，按时服药；家属照看到位。")
    return dialog
