"""gridapp — the Qt-free core of 网格通 (grid-based community governance).

Layers: ``ui`` (PySide6) → ``gridapp.services`` → ``gridapp.models`` → SQLite/PostgreSQL.
This package never imports PySide6 or ``ui``.

``__version__`` has one source, ``[project].version`` in pyproject.toml: read from that file in a
source checkout (so it is current even when an editable install's metadata is older), otherwise
from the installed package's metadata, which a PyInstaller bundle carries too (build_spec.spec
copies it with ``copy_metadata``).
"""
UNKNOWN_VERSION = "0.0.0"


def _version() -> str:
    from pathlib import Path

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    if pyproject.is_file():
        import tomllib

        try:
            with pyproject.open("rb") as file:
                project = tomllib.load(file).get("project", {})
        except (OSError, tomllib.TOMLDecodeError):
            project = {}
        if project.get("name") == "gridapp" and project.get("version"):
            return str(project["version"])
    from importlib import metadata  # ~50 ms to import: only when there is no pyproject.toml

    try:
        return metadata.version("gridapp")
    except metadata.PackageNotFoundError:  # neither a checkout nor installed: say so, don't crash
        return UNKNOWN_VERSION


def __getattr__(name: str):
    """``__version__`` is read when first asked for, not by every ``import gridapp``."""
    if name == "__version__":
        version = globals()["__version__"] = _version()
        return version
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
