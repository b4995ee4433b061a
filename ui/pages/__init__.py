"""The pages of the main window, in navigation order.

``PAGES = {key: ("module.path:ClassName", label)}``: each page engineer adds their own line.
A page is built lazily, the first time it is shown, as ``ClassName(ctx, parent)``; a page whose
module does not exist yet shows a neutral placeholder. Pages may implement ``refresh()``,
``apply_filter(filters: dict)``, ``focus_search()`` (Ctrl+F) and ``new_record()`` (Ctrl+N).
"""
from __future__ import annotations

import importlib
import traceback

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

PAGES: dict[str, tuple[str, str]] = {
    "dashboard": ("ui.pages.dashboard:DashboardPage", QT_TRANSLATE_NOOP("Navigation", "Dashboard")),
    "households": ("ui.pages.households:HouseholdsPage", QT_TRANSLATE_NOOP("Navigation", "Households")),
    "people": ("ui.pages.people:PeoplePage", QT_TRANSLATE_NOOP("Navigation", "People")),
    "places": ("ui.pages.places:PlacesPage", QT_TRANSLATE_NOOP("Navigation", "Places")),
    "visits": ("ui.pages.visits:VisitsPage", QT_TRANSLATE_NOOP("Navigation", "Visits")),
    "events": ("ui.pages.events:EventsPage", QT_TRANSLATE_NOOP("Navigation", "Events")),
    "reports": ("ui.pages.reports:ReportsPage", QT_TRANSLATE_NOOP("Navigation", "Reports")),
    "settings": ("ui.pages.settings:SettingsPage", QT_TRANSLATE_NOOP("Navigation", "Settings")),
}


def label(key: str) -> str:
    """The translated navigation label of a page."""
    return QCoreApplication.translate("Navigation", PAGES[key][1])


def load_class(spec: str) -> type | None:
    """The class named by ``"module.path:ClassName"``, or None when the module does not exist yet."""
    module_name, _, class_name = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None
        raise
    return getattr(module, class_name)


def create_page(key: str, ctx, parent: QWidget | None = None) -> QWidget:
    """Build the page ``key``; a placeholder when it is not written yet, an error page when it fails."""
    from ui.pages.placeholder import ErrorPage, PlaceholderPage

    spec, _ = PAGES[key]
    try:
        cls = load_class(spec)
        if cls is None:
            return PlaceholderPage(label(key), parent)
        return cls(ctx, parent)
    except Exception:  # noqa: BLE001 - one broken page must not take the window down
        details = traceback.format_exc()
        print(details)
        return ErrorPage(label(key), details, parent)
