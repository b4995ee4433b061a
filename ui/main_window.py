"""The main window: navigation on the left, the pages on the right, the station in the status bar."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (QLabel, QListWidget, QListWidgetItem, QMainWindow, QSplitter,
                               QStackedWidget, QWidget)

import gridapp
from gridapp.services.actor import ROLE_LABELS
from ui import pages as registry
from ui.context import AppContext
from ui.widgets import ask

GEOMETRY_KEY = "main/geometry"
STATE_KEY = "main/state"
SPLITTER_KEY = "main/splitter"

def _claims_key(widget: QWidget | None, sequence: QKeySequence) -> bool:
    """Whether a shortcut or action inside ``widget`` is bound to ``sequence``."""
    if widget is None or sequence.isEmpty():
        return False
    if any(s.key() == sequence for s in widget.findChildren(QShortcut)):
        return True
    return any(sequence in a.shortcuts() for a in widget.findChildren(QAction))


NAV_STYLE = """
QListWidget#navigation { background: #f6f8f6; border: none; border-right: 1px solid #d9dfd9;
                         font-size: 11pt; outline: 0; padding-top: 6px; }
QListWidget#navigation::item { padding: 9px 10px; margin: 1px 6px; border-radius: 4px; color: #263238; }
QListWidget#navigation::item:selected { background: #dcedc8; color: #1b5e20; }
QListWidget#navigation::item:hover:!selected { background: #edf3ec; }
"""
NAV_COLORS = {"dashboard": "#2e7d32", "households": "#1565c0", "people": "#6a1b9a", "places": "#ef6c00",
              "visits": "#00838f", "events": "#c62828", "reports": "#4e342e", "settings": "#546e7a"}


def nav_icon(text: str, color: str) -> QIcon:
    """A rounded square in the page's colour with the first character of its label."""
    icon = QIcon()
    for size in (22, 44):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(color))
        painter.drawRoundedRect(QRectF(0, 0, size, size), size * 0.22, size * 0.22)
        font = QFont()
        font.setPixelSize(int(size * 0.62))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, text[:1].upper())
        painter.end()
        icon.addPixmap(pixmap)
    return icon


# Where bus requests to open one record go: (page key, filter key).
_OPEN_TARGETS = {"household": ("households", "household_id"), "person": ("people", "person_id"),
                 "event": ("events", "event_id")}


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self._pages: dict[str, QWidget] = {}
        self._retranslate_pending = False

        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setMinimumWidth(130)
        self.nav.setStyleSheet(NAV_STYLE)
        for key in registry.PAGES:
            item = QListWidgetItem(registry.label(key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("pages")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([150, 1200])
        self.setCentralWidget(self.splitter)

        self.status_station = QLabel(self)
        self.status_station.setObjectName("status_station")
        self.status_user = QLabel(self)
        self.status_user.setObjectName("status_user")
        self.status_db = QLabel(self)
        self.status_db.setObjectName("status_db")
        self.status_db.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self.status_station, self.status_user, self.status_db):
            label.setContentsMargins(8, 0, 8, 0)
        self.statusBar().addWidget(self.status_station)
        self.statusBar().addWidget(self.status_user)
        self.statusBar().addPermanentWidget(self.status_db)

        self._build_menus()
        self._retranslate()
        self.nav.currentRowChanged.connect(self._on_nav_current_row_changed)
        ctx.bus.navigate.connect(self.navigate)
        ctx.bus.open_household.connect(lambda id_: self._open("household", id_))
        ctx.bus.open_person.connect(lambda id_: self._open("person", id_))
        ctx.bus.open_event.connect(lambda id_: self._open("event", id_))
        self.resize(1280, 800)
        self._restore_layout()
        self.nav.setCurrentRow(0)

    # ------------------------------------------------------------------ chrome
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu("")
        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.triggered.connect(self.new_record)
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self.focus_search)
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(self.refresh_page)
        for action in (self.new_action, self.find_action, self.refresh_action):
            # Only while no widget of the page claims the key itself (a page's own Ctrl+F wins).
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.edit_menu.addAction(action)

        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("GridApp") + " " + gridapp.__version__)
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            key = item.data(Qt.ItemDataRole.UserRole)
            item.setText(registry.label(key))
            item.setIcon(nav_icon(item.text(), NAV_COLORS.get(key, "#546e7a")))
        self.file_menu.setTitle(self.tr("&File"))
        self.quit_action.setText(self.tr("E&xit"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.new_action.setText(self.tr("&New record"))
        self.find_action.setText(self.tr("&Find"))
        self.refresh_action.setText(self.tr("&Refresh"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About"))
        self._update_status()
        self._update_actions()

    def _update_status(self) -> None:
        actor = self.ctx.actor
        station = self.ctx.station_name or self.tr("Station not set up")
        role = QCoreApplication.translate("Roles", ROLE_LABELS.get(actor.role, actor.role))
        self.status_station.setText(self.tr("Station: %1").replace("%1", station))
        self.status_user.setText(self.tr("User: %1 (%2)").replace("%1", actor.display_name).replace("%2", role))
        self.status_db.setText(self.tr("Database: %1").replace("%1", self.ctx.db_path))
        self.status_db.setToolTip(self.ctx.db_path)

    def _update_actions(self) -> None:
        """Enable Ctrl+N/Ctrl+F/F5 for the pages that offer them and don't bind the key themselves
        (two active shortcuts for one key would cancel each other out)."""
        page = self.current_page()
        for action, method in ((self.new_action, "new_record"), (self.find_action, "focus_search"),
                               (self.refresh_action, "refresh")):
            offered = callable(getattr(page, method, None))
            action.setEnabled(offered and not _claims_key(page, action.shortcut()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange and not self._retranslate_pending:
            # Translators come and go in pairs; rebuild once, after the signal that caused it.
            self._retranslate_pending = True
            QTimer.singleShot(0, self._on_language_changed)
        super().changeEvent(event)

    def _on_language_changed(self) -> None:
        self._retranslate_pending = False
        self._retranslate()
        current = self.current_key()
        for key, page in list(self._pages.items()):
            self.stack.removeWidget(page)
            page.deleteLater()
        self._pages.clear()
        if current:
            self.show_page(current)

    # ------------------------------------------------------------------ pages
    def current_key(self) -> str | None:
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def page_keys(self) -> list[str]:
        return [self.nav.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.nav.count())]

    def loaded_pages(self) -> dict[str, QWidget]:
        """The pages built so far (pages are built the first time they are shown)."""
        return dict(self._pages)

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def page(self, key: str) -> QWidget:
        """The page ``key``, built on first use."""
        if key not in self._pages:
            page = registry.create_page(key, self.ctx, self.stack)
            page.setObjectName(f"page_{key}")
            self._pages[key] = page
            self.stack.addWidget(page)
        return self._pages[key]

    def show_page(self, key: str) -> QWidget:
        keys = list(registry.PAGES)
        if self.nav.currentRow() != keys.index(key):
            self.nav.setCurrentRow(keys.index(key))  # calls back into show_page
            return self._pages[key]
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        self._update_actions()
        return page

    def _on_nav_current_row_changed(self, row: int) -> None:
        if row >= 0:
            self.show_page(self.nav.item(row).data(Qt.ItemDataRole.UserRole))

    def navigate(self, key: str, filters: dict | None = None) -> None:
        """Show page ``key`` and hand it ``filters`` (a click-through from another page)."""
        if key not in registry.PAGES:
            return
        page = self.show_page(key)
        apply_filter = getattr(page, "apply_filter", None)
        if filters and callable(apply_filter):
            apply_filter(dict(filters))

    def _open(self, entity: str, record_id: int) -> None:
        key, filter_key = _OPEN_TARGETS[entity]
        self.navigate(key, {filter_key: record_id})

    # ------------------------------------------------------------------ actions
    def focus_search(self) -> None:
        method = getattr(self.current_page(), "focus_search", None)
        if callable(method):
            method()

    def new_record(self) -> None:
        method = getattr(self.current_page(), "new_record", None)
        if callable(method):
            method()

    def refresh_page(self) -> None:
        method = getattr(self.current_page(), "refresh", None)
        if callable(method):
            method()

    def show_about(self) -> None:
        from PySide6 import __version__ as pyside_version

        text = self.tr("<h3>GridApp %1</h3><p>Offline grid-based community governance for village "
                       "service stations and township centres.</p><p>Database: %2</p><p>Qt for Python %3</p>")
        text = text.replace("%1", gridapp.__version__).replace("%2", self.ctx.db_path) \
            .replace("%3", pyside_version)
        ask.about(self, self.tr("About GridApp"), text)

    # ------------------------------------------------------------------ layout memory
    def _restore_layout(self) -> None:
        settings = self.ctx.settings
        geometry = settings.value(GEOMETRY_KEY)
        if geometry:
            self.restoreGeometry(geometry)
        state = settings.value(STATE_KEY)
        if state:
            self.restoreState(state)
        splitter = settings.value(SPLITTER_KEY)
        if splitter:
            self.splitter.restoreState(splitter)

    def save_layout(self) -> None:
        settings = self.ctx.settings
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.save_layout()
        super().closeEvent(event)
