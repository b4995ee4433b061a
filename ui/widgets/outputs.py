"""Workbooks the 报表 page and the import wizard write and read, and opening them afterwards.

The save and open dialogs go through ``ui.widgets.ask`` (tests patch them) and start in the
folder used last (remembered in the settings); a name typed without ``.xlsx`` gets it.
``open_local`` hands a file or folder to the desktop (Excel/WPS, the file manager); tests patch it.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from ui.widgets import ask

FOLDER_KEY = "reports/folder"


def xlsx_filter() -> str:
    return QCoreApplication.translate("Outputs", "Excel workbooks (*.xlsx)")


def default_folder(settings: QSettings) -> Path:
    remembered = settings.value(FOLDER_KEY)
    if remembered and Path(str(remembered)).is_dir():
        return Path(str(remembered))
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def choose_save_path(parent: QWidget | None, settings: QSettings, title: str, file_name: str,
                     folder: Path | None = None) -> Path | None:
    """Where to write a workbook (None when the person cancels); remembers the folder."""
    start = (folder or default_folder(settings)) / file_name
    chosen = ask.save_file(parent, title, str(start), xlsx_filter())
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    settings.setValue(FOLDER_KEY, str(path.parent))
    return path


def choose_open_path(parent: QWidget | None, settings: QSettings, title: str) -> Path | None:
    """A workbook to read (None when the person cancels); remembers the folder."""
    chosen = ask.open_file(parent, title, str(default_folder(settings)), xlsx_filter())
    if not chosen:
        return None
    path = Path(chosen)
    settings.setValue(FOLDER_KEY, str(path.parent))
    return path


def open_local(path: str | Path) -> bool:
    """Open a file with its program, or a folder in the file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_folder(path: str | Path) -> bool:
    """Open the folder that holds ``path``."""
    return open_local(Path(path).parent)
