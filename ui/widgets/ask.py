"""Every message box and file dialog goes through these functions, so tests can monkeypatch them."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question; the default button is No, so Enter never destroys anything."""
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warning(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.critical(parent, title, text)


def open_file(parent: QWidget | None, title: str, directory: str = "", filter: str = "") -> str | None:
    """A file to open, or None when the person cancels."""
    path, _ = QFileDialog.getOpenFileName(parent, title, directory, filter)
    return path or None


def save_file(parent: QWidget | None, title: str, directory: str = "", filter: str = "") -> str | None:
    """A file name to write, or None when the person cancels."""
    path, _ = QFileDialog.getSaveFileName(parent, title, directory, filter)
    return path or None


def directory(parent: QWidget | None, title: str, start: str = "") -> str | None:
    path = QFileDialog.getExistingDirectory(parent, title, start)
    return path or None


def about(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.about(parent, title, text)


def password(parent: QWidget | None, title: str, label: str) -> str | None:
    """A secret typed by the person (shown as dots), or None when they cancel."""
    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
    return text if ok else None
