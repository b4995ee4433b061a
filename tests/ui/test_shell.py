"""The shell: main window, navigation, status bar, layout memory, first run, jobs, paged model."""
from __future__ import annotations

from PySide6.QtCore import Qt

from ui import pages as registry


def test_main_window_opens_with_every_navigation_entry(main_window, qtbot):
    keys = main_window.page_keys()
    assert keys == ["dashboard", "households", "people", "places", "visits", "events", "reports", "settings"]
    for row, key in enumerate(keys):
        item = main_window.nav.item(row)
        rect = main_window.nav.visualItemRect(item)
        qtbot.mouseClick(main_window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert main_window.current_key() == key
        assert main_window.stack.currentWidget() is main_window.loaded_pages()[key]
