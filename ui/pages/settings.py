"""设置: a tab per area. ``SETTINGS_TABS`` lists them; other areas add their tab with one line.

Each entry is ``("module.path:ClassName", label)``; the tab is built as ``ClassName(ctx, parent)``.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QTabWidget, QVBoxLayout, QWidget)

from gridapp import paths
from gridapp.services import codes
from ui import i18n
from ui.context import AppContext
from ui.pages import load_class
from ui.pages.placeholder import ErrorPage, PlaceholderPage

SETTINGS_TABS: list[tuple[str, str]] = [
    ("ui.pages.settings:GeneralTab", QT_TRANSLATE_NOOP("SettingsPage", "General")),
    ("ui.pages.settings_users:UsersTab", QT_TRANSLATE_NOOP("SettingsPage", "Users")),
    ("ui.pages.settings_rules:RulesTab", QT_TRANSLATE_NOOP("SettingsPage", "Visit rules")),
    ("ui.pages.settings_audit:AuditTab", QT_TRANSLATE_NOOP("SettingsPage", "Audit log")),
    ("ui.pages.settings_backup:BackupTab", QT_TRANSLATE_NOOP("SettingsPage", "Backup and restore")),
]


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs)
        for spec, label in SETTINGS_TABS:
            title = QCoreApplication.translate("SettingsPage", label)
            self.tabs.addTab(self._create_tab(spec, title), title)

    def _create_tab(self, spec: str, title: str) -> QWidget:
        import traceback

        try:
            cls = load_class(spec)
            return PlaceholderPage(title, self) if cls is None else cls(self.ctx, self)
        except Exception:  # noqa: BLE001 - one broken tab must not take the page down
            details = traceback.format_exc()
            print(details)
            return ErrorPage(title, details, self)

    def refresh(self) -> None:
        for i in range(self.tabs.count()):
            refresh = getattr(self.tabs.widget(i), "refresh", None)
            if callable(refresh):
                refresh()


class GeneralTab(QWidget):
    """Language, this station, and where the data and the backups are."""

    language_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.setSpacing(16)

        language_box = QGroupBox(self.tr("Language"), self)
        form = self._form(language_box)
        self.language = QComboBox(language_box)
        self.language.setObjectName("language")
        self.language.setMinimumWidth(220)
        for code_, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code_)
        self.language.setCurrentIndex(self.language.findData(i18n.language_from(ctx.settings)))
        self.language.currentIndexChanged.connect(self._on_language_current_index_changed)
        form.addRow(self.tr("Interface language:"), self.language)
        outer.addWidget(language_box)

        station_box = QGroupBox(self.tr("This station"), self)
        form = self._form(station_box)
        station = codes.station_info()
        self.station_name = QLabel(station.name or ctx.station_name or self.tr("(not set up)"), station_box)
        self.station_name.setObjectName("station_name")
        form.addRow(self.tr("Station:"), self.station_name)
        form.addRow(self.tr("Township:"), QLabel(codes.division_name(station.township_code) or "—", station_box))
        form.addRow(self.tr("Village:"), QLabel(codes.division_name(station.village_code) or "—", station_box))
        outer.addWidget(station_box)

        storage_box = QGroupBox(self.tr("Data and backups"), self)
        form = self._form(storage_box)
        db_path = Path(ctx.db_path)
        self.db_path = self._path_row(form, self.tr("Database file:"), db_path, db_path.parent)
        self.db_path.setObjectName("db_path")
        backups = db_path.parent / "backups"
        self.backup_path = self._path_row(form, self.tr("Backups folder:"), backups, backups)
        self.backup_path.setObjectName("backup_path")
        self._path_row(form, self.tr("User data folder:"), paths.data_dir(), paths.data_dir())
        note = QLabel(self.tr("Backups are made with the database online and kept for 7 days and 4 weeks. "
                              "Copy the backups folder to a USB drive regularly."), storage_box)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        form.addRow(note)
        outer.addWidget(storage_box)
        outer.addStretch(1)
        for box in (language_box, station_box, storage_box):
            box.setMaximumWidth(960)

    @staticmethod
    def _form(parent: QWidget) -> QFormLayout:
        form = QFormLayout(parent)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        return form

    def _path_row(self, form: QFormLayout, caption: str, path: Path, folder: Path) -> QLabel:
        row = QHBoxLayout()
        label = QLabel(str(path), self)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        button = QPushButton(self.tr("Open folder"), self)
        button.setEnabled(folder.exists())
        if not folder.exists():
            button.setToolTip(self.tr("The folder does not exist yet: it is created with the first backup."))
        button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
        row.addWidget(label, 1)
        row.addWidget(button)
        form.addRow(caption, row)
        return label

    def _on_language_current_index_changed(self, _index: int) -> None:
        language = self.language.currentData()
        if language == i18n.language_from(self.ctx.settings):
            return
        self.ctx.settings.setValue(i18n.SETTINGS_KEY, language)
        self.ctx.settings.sync()
        i18n.install(language)
        self.ctx.bus.data_changed.emit("settings")
        self.language_changed.emit(language)
