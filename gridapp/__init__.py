"""gridapp — the Qt-free core of 网格通 (grid-based community governance).

Layers: ``ui`` (PySide6) → ``gridapp.services`` → ``gridapp.models`` → SQLite/PostgreSQL.
This package never imports PySide6 or ``ui``.
"""
from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("gridapp")
except _metadata.PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
