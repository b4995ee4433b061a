"""Where things live: bundled resources (source tree or PyInstaller bundle) and user data."""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "gridapp"


def resource_root() -> Path:
    """The ``resources/`` folder, from a source checkout or from a frozen bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


def data_dir() -> Path:
    """The per-user data folder (database, attachments, backups)."""
    override = os.environ.get("GRIDAPP_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "gridapp.sqlite3"
