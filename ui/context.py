"""What every page and dialog gets: the acting user, the database, settings and the app bus."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Signal

from gridapp.services.actor import Actor


class AppBus(QObject):
    """Application-wide signals, so pages talk to each other without knowing each other."""

    data_changed = Signal(str)  # entity: 'household', 'person', 'visit', 'event', 'place', 'settings'
    open_household = Signal(int)
    open_person = Signal(int)
    open_event = Signal(int)
    navigate = Signal(str, dict)  # page key, filter dict (click-through from the dashboard)


@dataclass
class AppContext:
    actor: Actor
    db_path: str
    station_name: str
    settings: QSettings
    bus: AppBus
