"""The layers stay apart (DESIGN §2), and the Qt binding is one that does not crash.

- import-linter's contracts in pyproject.toml hold, and they would catch a violation;
- importing every gridapp module loads no PySide6/shiboken6;
- no file in ui/ imports peewee, playhouse or gridapp.models;
- PySide6 is within >=6.11.3,<6.12 (6.12.0 crashes CPython 3.11 after a few thousand Qt calls
  returning None), and many such calls run fine.

This module never imports Qt itself: everything Qt runs in a subprocess.
"""
from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import textwrap
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
FORBIDDEN_IN_UI = ("peewee", "playhouse", "gridapp.models")


def lint_imports() -> str:
    beside = BIN / "lint-imports"
    found = str(beside) if beside.exists() else shutil.which("lint-imports")
    if not found:
        pytest.fail("lint-imports is not installed: pip install import-linter (it is in the test extra)")
    return found


def run(args, cwd: Path, **env) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(cwd), **env}
    return subprocess.run(args, cwd=cwd, env=environment, capture_output=True, text=True, timeout=300)


def test_import_linter_contracts_are_kept():
    result = run([lint_imports(), "--no-cache"], ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "core is Qt-free KEPT" in result.stdout
    assert "ui goes through services KEPT" in result.stdout


def test_import_linter_contracts_catch_violations(tmp_path):
    """The same configuration, on a tree that breaks both rules, fails."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "gridapp").mkdir()
    (tmp_path / "gridapp" / "__init__.py").write_text("")
    (tmp_path / "gridapp" / "models.py").write_text("import peewee\n")
    (tmp_path / "gridapp" / "bad.py").write_text("from PySide6 import QtCore\n")
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "__init__.py").write_text("")
    (tmp_path / "ui" / "page.py").write_text("def f():\n    from gridapp.models import database\n")
    result = run([lint_imports(), "--no-cache"], tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "core is Qt-free BROKEN" in result.stdout
    assert "ui goes through services BROKEN" in result.stdout


def gridapp_modules() -> list[str]:
    code = "import pkgutil, gridapp; print('\\n'.join(m.name for m in pkgutil.walk_packages(gridapp.__path__, 'gridapp.')))"
    result = run([sys.executable, "-c", code], ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_importing_every_core_module_loads_no_qt():
    modules = gridapp_modules()
    assert "gridapp.services.codes" in modules and "gridapp.db" in modules
    code = textwrap.dedent(f"""
        import importlib, sys
        for name in {modules!r}:
            importlib.import_module(name)
        qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))
        print('QT:' + ','.join(qt))
    """)
    result = run([sys.executable, "-c", code], ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "QT:"


def imported_names(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, anywhere in it (functions included): (line, dotted name)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found.extend((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
    return found


def forbidden_imports(folder: Path) -> list[str]:
    problems = []
    for path in sorted(folder.rglob("*.py")):
        bad_lines = sorted({line for line, name in imported_names(path)
                            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN_IN_UI)})
        problems.extend(f"{path.relative_to(folder.parent)}:{line}" for line in bad_lines)
    return problems


def test_ui_imports_no_orm():
    assert forbidden_imports(ROOT / "ui") == []


def test_orm_import_check_finds_every_form(tmp_path):
    ui = tmp_path / "ui"
    ui.mkdir()
    (ui / "a.py").write_text("import peewee as pw\n")
    (ui / "b.py").write_text("def f():\n    from gridapp import models\n")
    (ui / "c.py").write_text("from playhouse.sqlite_ext import FTS5Model\n")
    (ui / "d.py").write_text("from gridapp.services import households\nimport gridapp.db\n")
    assert [p.split(":")[0] for p in forbidden_imports(ui)] == ["ui/a.py", "ui/b.py", "ui/c.py"]


def test_pyside6_version_avoids_the_612_crash():
    version = tuple(int(p) for p in metadata.version("PySide6-Essentials").split(".")[:3])
    assert (6, 11, 3) <= version < (6, 12, 0)
    assert metadata.version("shiboken6").split(".")[:2] == ["6", "11"]


def test_many_qt_calls_returning_none_do_not_crash():
    """The 6.12.0 trap: thousands of calls that return None corrupt the interpreter."""
    code = textwrap.dedent("""
        from PySide6.QtCore import QObject
        from PySide6.QtWidgets import QApplication, QLabel
        app = QApplication([])
        label = QLabel()
        holder = QObject()
        for i in range(7000):
            label.setText(str(i))
            label.setProperty("n", i)
            holder.setObjectName(f"o{i}")
        assert label.text() == "6999" and holder.objectName() == "o6999"
        print("ok")
    """)
    result = run([sys.executable, "-c", code], ROOT, QT_QPA_PLATFORM="offscreen")
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
