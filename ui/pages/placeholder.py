"""Stand-ins for pages: one not written yet, and one that failed to load."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    """A neutral page for a part of the application that a later version provides."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        heading = QLabel(title, self)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        note = QLabel(self.tr("This part of the application is not available in this version yet."), self)
        note.setObjectName("placeholder_note")
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setStyleSheet("color: #666;")
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addStretch(2)


class ErrorPage(QWidget):
    """A page whose code failed: says so, with the details to hand to support."""

    def __init__(self, title: str, details: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.details = details
        layout = QVBoxLayout(self)
        message = QLabel(self.tr("The page “%1” could not be opened. Please send the details below "
                                 "to your support contact.").replace("%1", title), self)
        message.setWordWrap(True)
        message.setStyleSheet("color: #c62828;")
        text = QPlainTextEdit(details, self)
        text.setReadOnly(True)
        layout.addWidget(message)
        layout.addWidget(text, 1)
