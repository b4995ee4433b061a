"""gridapp — the Qt-free core of 网格通 (grid-based community governance).

Layers: ``ui`` (PySide6) → ``gridapp.services`` → ``gridapp.models`` → SQLite/PostgreSQL.
This package never imports PySide6 or ``ui``.

``__version__`` has one source, ``[project].version`` in pyproject.toml: read from that file in a
source checkout (so it is current even when an editable install's metadata is older), otherwise
from the installed package's metadata, which a PyInstaller bundle carries too (build_spec.spec
copies it with ``copy_metadata``).
"""
from importlib import metadata as _metadata
from pathlib import Path as _Path

UNKNOWN_VERSION = "0.0.0"


def _version() -> str:
    pyproject = _Path(__file__).resolve().parent.parent / "pyproject.toml"
    if pyproject.is_file():
        import tomllib

        try:
            with pyproject.open("rb") as file:
                project = tomllib.load(file).get("project", {})
        except (OSError, tomllib.TOMLDecodeError):
            project = {}
        if project.get("name") == "gridapp" and project.get("version"):
            return str(project["version"])
    try:
        return _metadata.version("gridapp")
    except _metadata.PackageNotFoundError:  # neither a checkout nor installed: say so, don't crash
        return UNKNOWN_VERSION


__version__ = _version()
