"""One workflow action on an event, asking for exactly what the action needs.

``EventActionDialog.ask(parent, ctx, event, option)`` takes an ``EventDetail`` and the
``ActionOption`` of the button pressed and returns the event after the action (or None):

- 退回, 上报乡镇/上报县, 督办, 拒绝延期, 重新处置: the reason or note (required);
- 申请延期: the new date and the reason;
- 办结: the outcome and 化解方式, and for 人民调解 the mediator and the agreement text (and date);
- 回访: the satisfaction (不满意 lets the event be reopened later);
- 受理, 处置, 归档, 同意延期, 重新提交: an optional note.

The service decides (``events.transition``); its field errors are shown next to the fields.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from gridapp import workflow
from gridapp.errors import GridappError, ValidationError, ValidationErrors
from gridapp.services import events
from ui.context import AppContext
from ui.dialogs.person import from_qdate, to_qdate
from ui.models.paged import display
from ui.widgets import ask
from ui.widgets.form import FormErrors
from ui.widgets.timeline import action_label, state_label

# The label of the note, per action (required ones say why they are asked).
NOTE_LABELS = {
    workflow.RETURN: QT_TRANSLATE_NOOP("EventActionDialog", "Reason for returning:"),
    workflow.REQUEST_EXTENSION: QT_TRANSLATE_NOOP("EventActionDialog", "Reason for the extension:"),
    workflow.REFUSE_EXTENSION: QT_TRANSLATE_NOOP("EventActionDialog", "Reason for refusing:"),
    workflow.ESCALATE_TOWNSHIP: QT_TRANSLATE_NOOP("EventActionDialog", "Why it goes up:"),
    workflow.ESCALATE_COUNTY: QT_TRANSLATE_NOOP("EventActionDialog", "Why it goes up:"),
    workflow.SUPERVISE: QT_TRANSLATE_NOOP("EventActionDialog", "Supervision note:"),
    workflow.REOPEN: QT_TRANSLATE_NOOP("EventActionDialog", "Reason for reopening:"),
    workflow.FOLLOW_UP: QT_TRANSLATE_NOOP("EventActionDialog", "What the parties said:"),
    workflow.CLOSE: QT_TRANSLATE_NOOP("EventActionDialog", "How it was resolved:"),
}
FIELDS = ("note", "until", "outcome", "method", "mediator", "agreement", "agreement_date", "satisfaction")


class EventActionDialog(QDialog):
    def __init__(self, ctx: AppContext, event, option, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.detail = event
        self.option = option
        self.result_value = None
        self.required = {name for name, _label in option.required}
        self._labels: dict[str, tuple[QLabel, str]] = {}
        self.setObjectName("EventActionDialog")
        self.setWindowTitle(f"{action_label(option.action)}：{event.number}")
        self.setMinimumWidth(560)
        self._build()
        self._update_mediation()
        first = next((w for w in (self.outcome, self.satisfaction, self.until, self.note)
                      if w is not None), None)
        if first is not None:
            first.setFocus()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        accepts = set(self.option.accepts)
        to_state = workflow.target_state(self.option.action, self.detail.state)
        change = state_label(self.detail.state) if to_state == self.detail.state else \
            f"{state_label(self.detail.state)} → {state_label(to_state)}"
        heading = QLabel(f"<b>{self.detail.number}</b>　{self.detail.title}<br>"
                         f"<span style='color:#555'>{change}</span>", self)
        heading.setObjectName("heading")
        heading.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setHorizontalSpacing(10)
        self.form.setVerticalSpacing(8)
        widgets: dict[str, QWidget] = {}

        self.outcome = self._combo("outcome", workflow.OUTCOMES, self.tr("&Outcome:"), accepts, widgets)
        self.method = self._combo("method", workflow.METHODS, self.tr("&Resolved by:"), accepts, widgets)
        self.mediator = self.agreement = self.agreement_date = None
        if "mediator" in accepts:
            self.mediator = QLineEdit(self)
            self.mediator.setObjectName("mediator")
            self.mediator.setMaxLength(64)
            self.form.addRow(self._label(self.tr("&Mediator:"), "mediator", self.mediator), self.mediator)
            widgets["mediator"] = self.mediator
        if "agreement" in accepts:
            self.agreement = QPlainTextEdit(self)
            self.agreement.setObjectName("agreement")
            self.agreement.setTabChangesFocus(True)
            self.agreement.setFixedHeight(90)
            self.agreement.setPlaceholderText(self.tr("The terms both parties agreed to"))
            self.form.addRow(self._label(self.tr("A&greement:"), "agreement", self.agreement), self.agreement)
            widgets["agreement"] = self.agreement
        if "agreement_date" in accepts:
            self.agreement_date = self._date("agreement_date", QDate.currentDate())
            self.form.addRow(self._label(self.tr("Agreement &date:"), "agreement_date", self.agreement_date),
                             self.agreement_date)
            widgets["agreement_date"] = self.agreement_date
        self.satisfaction = self._combo("satisfaction", workflow.SATISFACTIONS, self.tr("&Satisfaction:"),
                                        accepts, widgets)
        self.until = None
        if "until" in accepts:
            current = self.detail.deadline or dt.date.today()
            self.until = self._date("until", to_qdate(max(current, dt.date.today()) + dt.timedelta(days=7)))
            self.until.setMinimumDate(to_qdate(dt.date.today() + dt.timedelta(days=1)))
            self.form.addRow(self.tr("Current deadline:"), QLabel(display(self.detail.deadline) or "—", self))
            self.form.addRow(self._label(self.tr("&Extend to:"), "until", self.until), self.until)
            widgets["until"] = self.until
        if self.option.action == workflow.APPROVE_EXTENSION and self.detail.extension_until:
            self.form.addRow(self.tr("Requested:"), QLabel(
                self.tr("%1 (now %2): %3").replace("%1", display(self.detail.extension_until))
                .replace("%2", display(self.detail.deadline)).replace("%3", self.detail.extension_reason or ""),
                self))
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(76)
        source = NOTE_LABELS.get(self.option.action)
        text = QCoreApplication.translate("EventActionDialog", source) if source else self.tr("Note (optional):")
        self.form.addRow(self._label(text, "note", self.note), self.note)
        widgets["note"] = self.note

        self.general = QLabel(self)
        self.general.setObjectName("general_error")
        self.general.setWordWrap(True)
        self.general.hide()
        self.errors = FormErrors(self.form, self.general)
        self.errors.register_all(widgets)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("ok")
        self.ok_button.setText(action_label(self.option.action))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.activated.connect(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)

    def _label(self, text: str, field: str, buddy: QWidget | None = None) -> QLabel:
        """A row label (its Alt+key goes to ``buddy``); a required field's is marked with a star."""
        label = QLabel(self)
        self._labels[field] = (label, text)
        self._mark(field, field in self.required)
        if buddy is not None:
            label.setBuddy(buddy)
        return label

    def _mark(self, field: str, required: bool) -> None:
        label, text = self._labels[field]
        label.setText(f"* {text}" if required else text)
        label.setToolTip(self.tr("Required") if required else "")

    def _combo(self, field: str, values, text: str, accepts: set, widgets: dict) -> QComboBox | None:
        if field not in accepts:
            return None
        combo = QComboBox(self)
        combo.setObjectName(field)
        combo.addItem(self.tr("Choose…"), None)
        for value in values:
            combo.addItem(value, value)
        self.form.addRow(self._label(text, field, combo), combo)
        widgets[field] = combo
        if field == "method":
            combo.currentIndexChanged.connect(self._update_mediation)
        return combo

    def _date(self, field: str, value: QDate) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(field)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDate(value)
        return edit

    def _update_mediation(self, *_args) -> None:
        """Mediator, agreement and its date belong to 人民调解."""
        mediation = self.method is not None and self.method.currentData() == workflow.MEDIATION
        for widget in (self.mediator, self.agreement, self.agreement_date):
            if widget is not None:
                self.form.setRowVisible(widget, mediation)
        for name, value, fields in workflow.spec(self.option.action).required_when:
            for field in fields:
                if field in self._labels:
                    chosen = getattr(self, name, None)
                    self._mark(field, chosen is not None and chosen.currentData() == value)

    # ------------------------------------------------------------------ saving
    def values(self) -> dict:
        """The fields this action takes, as ``events.transition`` keyword arguments."""
        mediation = self.method is not None and self.method.currentData() == workflow.MEDIATION
        values = {"note": self.note.toPlainText().strip() or None}
        for name in ("outcome", "method", "satisfaction"):
            combo = getattr(self, name)
            if combo is not None:
                values[name] = combo.currentData()
        if self.until is not None:
            values["until"] = from_qdate(self.until.date())
        if mediation:
            if self.mediator is not None:
                values["mediator"] = self.mediator.text().strip() or None
            if self.agreement is not None:
                values["agreement"] = self.agreement.toPlainText().strip() or None
            if self.agreement_date is not None:
                values["agreement_date"] = from_qdate(self.agreement_date.date())
        return values

    def save(self) -> bool:
        self.errors.clear()
        try:
            self.result_value = events.transition(self.ctx.actor, self.detail.id, self.option.action,
                                                  expected_version=self.detail.version, **self.values())
        except (ValidationError, ValidationErrors) as exc:
            errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
            for error in errors:
                self.errors.set_error(error.field if error.field in FIELDS and self.errors.widget(error.field)
                                      else None, error.message)
            first = next((self.errors.widget(e.field) for e in errors if self.errors.widget(e.field or "")), None)
            if first is not None:
                first.setFocus()
            return False
        except GridappError as exc:
            ask.error(self, action_label(self.option.action), exc.message)
            return False
        self.ctx.bus.data_changed.emit("event")
        self.accept()
        return True

    def error(self, field: str) -> str:
        return self.errors.error(field)

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, event, option):
        """Show the dialog; the ``EventDetail`` after the action, or None."""
        dialog = cls(ctx, event, option, parent)
        try:
            return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def screenshot_sample(ctx: AppContext, parent: QWidget | None = None) -> EventActionDialog:
    """For ui.screenshots: closing a dispute after 人民调解, with the agreement."""
    rows = events.page(ctx.actor, events.EventQuery(state=workflow.HANDLING, kind="矛盾纠纷"), limit=1) \
        or events.page(ctx.actor, events.EventQuery(state=workflow.HANDLING), limit=1) \
        or events.page(ctx.actor, events.EventQuery(), limit=1)
    detail = events.get(ctx.actor, rows[0].id)
    option = next(o for o in events.available_actions(ctx.actor, detail.id) if o.action == workflow.CLOSE)
    dialog = EventActionDialog(ctx, detail, option, parent)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("化解成功"))
    dialog.method.setCurrentIndex(dialog.method.findData(workflow.MEDIATION))
    dialog.mediator.setText("刘国强")
    dialog.agreement.setPlainText("一、李某于本月底前清除堆放的建材，疏通排水沟；\n二、王某不再追究此前损失；\n三、双方今后友好相处。")
    return dialog
