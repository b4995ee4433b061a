"""The version has one source, pyproject.toml, and is found from a checkout, an install or a bundle."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import gridapp

ROOT = Path(__file__).resolve().parents[2]
PRINT_VERSION = "import gridapp; print(gridapp.__version__)"


def pyproject_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def copy_package(into: Path) -> Path:
    """A tree with only gridapp/__init__.py, to import it away from this checkout."""
    package = into / "gridapp"
    package.mkdir(parents=True)
    shutil.copy(ROOT / "gridapp" / "__init__.py", package / "__init__.py")
    return into


def version_in(tree: Path, *, isolated: bool) -> str:
    flags = ["-I", "-S"] if isolated else ["-I"]  # -S: no site-packages, so no installed metadata either
    return subprocess.run([sys.executable, *flags, "-c", f"import sys; sys.path.insert(0, {str(tree)!r}); "
                           + PRINT_VERSION], capture_output=True, text=True, check=True, cwd=tree).stdout.strip()


def test_the_version_is_the_one_in_pyproject():
    assert gridapp.__version__ == pyproject_version()
    assert gridapp.__version__ != gridapp.UNKNOWN_VERSION


def test_a_source_checkout_reads_pyproject_even_when_not_installed(tmp_path):
    tree = copy_package(tmp_path)
    (tree / "pyproject.toml").write_text('[project]\nname = "gridapp"\nversion = "9.8.7"\n', encoding="utf-8")
    assert version_in(tree, isolated=True) == "9.8.7"


def test_another_projects_pyproject_is_not_taken_for_ours(tmp_path):
    tree = copy_package(tmp_path)
    (tree / "pyproject.toml").write_text('[project]\nname = "other"\nversion = "5.5.5"\n', encoding="utf-8")
    assert version_in(tree, isolated=True) == gridapp.UNKNOWN_VERSION


def test_an_install_without_pyproject_reads_the_package_metadata(tmp_path):
    tree = copy_package(tmp_path)  # like site-packages or a bundle: no pyproject.toml beside the package
    assert version_in(tree, isolated=False) == pyproject_version()  # this venv's gridapp dist-info
    assert version_in(tree, isolated=True) == gridapp.UNKNOWN_VERSION  # no metadata at all
