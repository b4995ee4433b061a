"""The version from pyproject.toml shows in the window title and in 关于."""
from __future__ import annotations

import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_window_title_and_about_show_the_version(main_window, asked):
    version = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
    assert main_window.windowTitle() == f"网格通 {version}"
    main_window.about_action.trigger()
    (kind, title, text), = asked
    assert kind == "about" and title == "关于网格通"
    assert f"<h3>网格通 {version}</h3>" in text
