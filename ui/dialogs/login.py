"""登录: who is using the station now."""
from __future__ import annotations

import importlib

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout,
                               QWidget)

from gridapp.errors import GridappError
from gridapp.paths import resource
from gridapp.services.actor import Actor


def accounts_module():
    """``gridapp.services.accounts`` when it is installed, else None."""
    try:
        return importlib.import_module("gridapp.services.accounts")
    except ModuleNotFoundError as exc:
        if exc.name == "gridapp.services.accounts":
            return None
        raise


class LoginDialog(QDialog):
    def __init__(self, station_name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Log in"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(12)
        logo = QLabel(self)
        logo.setPixmap(QIcon(str(resource("icons", "gridapp.png"))).pixmap(56, 56))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(logo)
        heading = QLabel(station_name or self.tr("GridApp"), self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(heading)
        form = QFormLayout()
        form.setSpacing(10)
        self.login = QLineEdit(self)
        self.login.setObjectName("login")
        self.login.setPlaceholderText(self.tr("Your login name"))
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Login:"), self.login)
        form.addRow(self.tr("&Password:"), self.password)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #c62828;")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.login.setFocus()

    def _on_buttons_accepted(self) -> None:
        login = self.login.text().strip()
        if not login:
            self._fail(self.tr("Please enter your login name."), self.login)
            return
        if not self.password.text():
            self._fail(self.tr("Please enter your password."), self.password)
            return
        accounts = accounts_module()
        try:
            self.actor = accounts.authenticate(login, self.password.text())
        except GridappError as exc:
            self._fail(exc.message, self.password)
            return
        self.accept()

    def _fail(self, message: str, widget: QLineEdit) -> None:
        self.message.setText(message)
        self.message.show()
        if widget is self.password:
            self.password.clear()
        widget.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None = None, station_name: str = "") -> Actor | None:
        """The logged-in actor, or None when the person cancels."""
        dialog = cls(station_name, parent)
        return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None
