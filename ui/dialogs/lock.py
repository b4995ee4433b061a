"""The lock screen: after a while without input the main window is covered until the person who
logged in types their password again, or someone else logs in instead (换个用户登录).

Wrong passwords count towards the account's lockout like wrong logins do; once the account is
locked (or was disabled meanwhile) the only way on is the login dialog.
``LockDialog.cover(window, actor)`` shows it over ``window`` without blocking; its ``finished``
signal carries ``UNLOCKED`` or ``SWITCH_USER``.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from gridapp.errors import GridappError
from gridapp.paths import resource
from gridapp.services import accounts
from gridapp.services.actor import Actor
from ui.dialogs.change_password import password_edit

UNLOCKED = QDialog.DialogCode.Accepted.value
SWITCH_USER = 2

COVER_STYLE = """
QDialog#LockDialog { background: #eef2ee; }
QFrame#lock_card { background: white; border: 1px solid #cfd8cf; border-radius: 8px; }
"""


class LockDialog(QDialog):
    def __init__(self, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.actor = actor
        self.setObjectName("LockDialog")
        self.setWindowTitle(self.tr("Locked"))
        self.setWindowFlags(Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setStyleSheet(COVER_STYLE)

        card = QFrame(self)
        card.setObjectName("lock_card")
        card.setFixedWidth(420)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 20)
        inner.setSpacing(12)
        logo = QLabel(card)
        logo.setPixmap(QIcon(str(resource("icons", "gridapp.png"))).pixmap(48, 48))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner.addWidget(logo)
        heading = QLabel(self.tr("The station is locked"), card)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner.addWidget(heading)
        self.explanation = QLabel(self.tr("Nobody used GridApp for a while, so residents' data is hidden. "
                                          "%1, type your password to go on where you left off.")
                                  .replace("%1", actor.display_name), card)
        self.explanation.setObjectName("explanation")
        self.explanation.setWordWrap(True)
        inner.addWidget(self.explanation)
        self.password = password_edit(card, "password")
        self.password.setPlaceholderText(self.tr("Password of %1").replace("%1", actor.login))
        inner.addWidget(self.password)
        self.message = QLabel(card)
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #c62828;")
        self.message.setWordWrap(True)
        self.message.hide()
        inner.addWidget(self.message)
        buttons = QHBoxLayout()
        self.switch_button = QPushButton(self.tr("&Switch user"), card)
        self.switch_button.setObjectName("switch_user")
        self.switch_button.setAutoDefault(False)
        self.switch_button.setToolTip(self.tr("Log in as someone else; forms left open are closed unsaved"))
        self.unlock_button = QPushButton(self.tr("&Unlock"), card)
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        inner.addLayout(buttons)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        self.unlock_button.clicked.connect(self._on_unlock_button_clicked)
        self.switch_button.clicked.connect(lambda: self.done(SWITCH_USER))
        self.password.setFocus()

    def _on_unlock_button_clicked(self) -> None:
        if not self.password.text():
            self._say(self.tr("Please enter your password."))
            return
        try:
            right = accounts.verify_password(self.actor, self.password.text())
        except GridappError as exc:  # locked by now, or disabled: only a fresh login goes on
            self._say(exc.message + self.tr(" Log in again (or as someone else)."))
            self.password.setEnabled(False)
            self.unlock_button.setEnabled(False)
            self.switch_button.setText(self.tr("&Log in again"))
            self.switch_button.setFocus()
            return
        if not right:
            self.show_wrong_password()
            return
        self.accept()

    def show_wrong_password(self) -> None:
        self._say(self.tr("Wrong password. Repeated mistakes lock the account."))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.password.clear()
        self.password.setFocus()

    def reject(self) -> None:
        """Esc does not take the cover away."""

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.result() in (UNLOCKED, SWITCH_USER):
            super().closeEvent(event)
        else:
            event.ignore()

    def fit_over(self, window: QWidget | None) -> None:
        """Cover ``window`` (or a reasonable area without one)."""
        if window is not None and window.isVisible():
            self.setGeometry(window.frameGeometry())
        else:
            self.resize(900, 600)

    @classmethod
    def cover(cls, window: QWidget | None, actor: Actor) -> LockDialog:
        """Show the lock over ``window`` (application-modal, not blocking the caller)."""
        dialog = cls(actor, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fit_over(window)
        dialog.show()  # a new application-modal window: on top, with the focus
        dialog.password.setFocus()
        return dialog


def screenshot_sample(ctx, parent: QWidget | None = None) -> LockDialog:
    """For ui.screenshots: the lock screen after a wrong password."""
    dialog = LockDialog(ctx.actor, parent)
    dialog.resize(900, 560)
    dialog.show_wrong_password()
    return dialog
