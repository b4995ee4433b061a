"""Passwords: a person changes their own (forced after an administrator's reset), and an
administrator sets a temporary one for someone else.

``PasswordPair`` is the new password typed twice, with the strength rule checked as the person
types (the message of ``accounts.check_password_strength``, shown under the field) and reused by
the user dialog. ``ChangePasswordDialog.ask(parent, actor, forced=False)`` returns the updated
``UserInfo`` or None; ``ResetPasswordDialog.ask(parent, ctx, user)`` likewise.
"""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSizePolicy,
                               QVBoxLayout, QWidget)

from gridapp.errors import GridappError, ValidationError
from gridapp.services import accounts
from gridapp.services.actor import Actor
from ui.context import AppContext
from ui.widgets.form import FormErrors

OK_STYLE = "color: #2e7d32;"
PROBLEM_STYLE = "color: #c62828;"
HINT_STYLE = "color: #666;"


def password_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(accounts.MAX_PASSWORD)
    edit.setMinimumWidth(240)
    return edit


class PasswordPair(QObject):
    """A new password and its repetition in a form, with live strength feedback under the first.

    ``field`` and ``repeat_field`` are the names the errors are registered under (the service
    names the first: ``password`` for a new user or a reset, ``new_password`` for a change).
    """

    def __init__(self, form: QFormLayout, parent: QWidget, *, field: str = "password",
                 repeat_field: str = "password2", login: str = ""):
        super().__init__(parent)
        self.field = field
        self.repeat_field = repeat_field
        self.login = login
        self.password = password_edit(parent, field)
        self.repeat = password_edit(parent, repeat_field)
        self.strength = QLabel(parent)
        self.strength.setObjectName(f"{field}_strength")
        self.strength.setWordWrap(True)
        self.strength.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.password_label = QLabel(self.tr("&Password:"), parent)
        self.password_label.setBuddy(self.password)
        self.repeat_label = QLabel(self.tr("Password &again:"), parent)
        self.repeat_label.setBuddy(self.repeat)
        form.addRow(self.password_label, self.password)
        form.addRow("", self.strength)
        form.addRow(self.repeat_label, self.repeat)
        self.password.textChanged.connect(self._on_password_text_changed)
        self.repeat.textChanged.connect(self._on_password_text_changed)
        self._on_password_text_changed()

    def text(self) -> str:
        return self.password.text()

    def rows(self) -> tuple[QWidget, ...]:
        return (self.password_label, self.password, self.strength, self.repeat_label, self.repeat)

    def set_visible(self, visible: bool) -> None:
        for widget in self.rows():
            widget.setVisible(visible)

    def problem(self) -> str | None:
        """What the strength rule says about the password typed now (None: it passes)."""
        try:
            accounts.check_password_strength(self.password.text(), self.login, field=self.field)
        except ValidationError as exc:
            return exc.message
        return None

    def _on_password_text_changed(self, *_args) -> None:
        if not self.password.text():
            self.strength.setText(self.tr("At least %1 characters, with both letters and digits.")
                                  .replace("%1", str(accounts.MIN_PASSWORD)))
            self.strength.setStyleSheet(HINT_STYLE)
            return
        problem = self.problem()
        if problem:
            self.strength.setText(problem)
            self.strength.setStyleSheet(PROBLEM_STYLE)
        elif self.repeat.text() and self.repeat.text() != self.password.text():
            self.strength.setText(self.tr("✓ Strong enough; the repetition below differs."))
            self.strength.setStyleSheet(OK_STYLE)
        else:
            self.strength.setText(self.tr("✓ Strong enough."))
            self.strength.setStyleSheet(OK_STYLE)

    def errors(self) -> list[ValidationError]:
        """The problems to show before calling the service: strength and repetition."""
        found = []
        problem = self.problem()
        if problem:
            found.append(ValidationError(problem, field=self.field))
        if self.repeat.text() != self.password.text():
            found.append(ValidationError(self.tr("The two passwords differ: type the same one twice."),
                                         field=self.repeat_field))
        return found


class ChangePasswordDialog(QDialog):
    """The person's own password. ``forced``: an administrator set a temporary one, so the client
    goes no further until the person has chosen their own."""

    def __init__(self, actor: Actor, parent: QWidget | None = None, *, forced: bool = False):
        super().__init__(parent)
        self.actor = actor
        self.forced = forced
        self.result_value: accounts.UserInfo | None = None
        self.setObjectName("ChangePasswordDialog")
        self.setWindowTitle(self.tr("Change password"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        if forced:
            intro = self.tr("<b>Please choose your own password.</b> The password you logged in with was set by "
                            "an administrator and is only good for this first login.")
        else:
            intro = self.tr("Choose a new password for %1. You will use it from the next login on.") \
                .replace("%1", actor.display_name)
        self.intro = QLabel(intro, self)
        self.intro.setObjectName("intro")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.form = QFormLayout()
        self.form.setSpacing(8)
        self.old_password = password_edit(self, "old_password")
        self.form.addRow(self.tr("&Current password:") if not forced else self.tr("&Temporary password:"),
                         self.old_password)
        self.pair = PasswordPair(self.form, self, field="new_password", repeat_field="new_password2",
                                 login=actor.login)
        self.pair.password_label.setText(self.tr("&New password:"))
        self.pair.repeat_label.setText(self.tr("New password &again:"))
        layout.addLayout(self.form)
        self.general = QLabel(self)
        self.general.setObjectName("general_error")
        self.general.setWordWrap(True)
        self.general.hide()
        layout.addWidget(self.general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(self.tr("Change password"))
        if forced:
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Log out"))
        layout.addWidget(self.buttons)
        self.errors = FormErrors(self.form, self.general)
        self.errors.register_all({"old_password": self.old_password, "new_password2": self.pair.repeat})
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.old_password.setFocus()

    def save(self) -> bool:
        self.errors.clear()
        if not self.old_password.text():
            self.errors.set_error("old_password", self.tr("Please enter your current password."))
            self.old_password.setFocus()
            return False
        problems = self.pair.errors()
        for problem in problems:
            if problem.field == "new_password":
                self.pair.password.setFocus()  # the strength label under the field says why
            else:
                self.errors.set_error(problem.field, problem.message)
        if problems:
            return False
        try:
            self.result_value = accounts.change_password(self.actor, self.old_password.text(), self.pair.text())
        except ValidationError as exc:
            if exc.field == "new_password":
                self.pair.strength.setText(exc.message)
                self.pair.strength.setStyleSheet(PROBLEM_STYLE)
                self.pair.password.setFocus()
            else:
                self.errors.show(exc)
            if exc.field == "old_password":
                self.old_password.clear()
            return False
        except GridappError as exc:
            self.errors.set_error(None, exc.message)
            return False
        self.accept()
        return True

    @classmethod
    def ask(cls, parent: QWidget | None, actor: Actor, *, forced: bool = False) -> accounts.UserInfo | None:
        """The account with its new password, or None when the person cancelled (logged out)."""
        dialog = cls(actor, parent, forced=forced)
        try:
            return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class ResetPasswordDialog(QDialog):
    """An administrator gives someone a temporary password (they must change it at the next login;
    the account is unlocked too)."""

    def __init__(self, ctx: AppContext, user: accounts.UserInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.result_value: accounts.UserInfo | None = None
        self.setObjectName("ResetPasswordDialog")
        self.setWindowTitle(self.tr("Reset password of %1").replace("%1", user.display_name))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        intro = QLabel(self.tr("Give %1 (login %2) a temporary password and tell it to them in person. They "
                               "must choose their own at the next login. A locked account is unlocked too.")
                       .replace("%1", user.display_name).replace("%2", user.login), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = QFormLayout()
        self.form.setSpacing(8)
        self.pair = PasswordPair(self.form, self, login=user.login)
        self.pair.password_label.setText(self.tr("&Temporary password:"))
        layout.addLayout(self.form)
        self.general = QLabel(self)
        self.general.setWordWrap(True)
        self.general.hide()
        layout.addWidget(self.general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Reset password"))
        layout.addWidget(self.buttons)
        self.errors = FormErrors(self.form, self.general)
        self.errors.register("password2", self.pair.repeat)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.pair.password.setFocus()

    def save(self) -> bool:
        self.errors.clear()
        problems = self.pair.errors()
        for problem in problems:
            if problem.field == "password2":
                self.errors.set_error("password2", problem.message)
        if problems:
            (self.pair.password if problems[0].field == "password" else self.pair.repeat).setFocus()
            return False
        try:
            self.result_value = accounts.reset_password(self.ctx.actor, self.user.id, self.pair.text())
        except GridappError as exc:
            if exc.field == "password":
                self.pair.strength.setText(exc.message)
                self.pair.strength.setStyleSheet(PROBLEM_STYLE)
            else:
                self.errors.set_error(None, exc.message)
            return False
        self.accept()
        return True

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, user: accounts.UserInfo) -> accounts.UserInfo | None:
        dialog = cls(ctx, user, parent)
        try:
            return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def screenshot_sample(ctx: AppContext, parent: QWidget | None = None) -> ChangePasswordDialog:
    """For ui.screenshots: the forced change after a reset, with a weak password typed."""
    dialog = ChangePasswordDialog(ctx.actor, parent, forced=True)
    dialog.old_password.setText("Temp2024x")
    dialog.pair.password.setText("12345678")
    return dialog
