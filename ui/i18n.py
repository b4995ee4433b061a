"""Languages: installing translators at run time, and the translation tool.

Run time: ``install(language)`` installs Qt's own ``qtbase_<lang>`` translator (standard buttons
read 确定/取消) and ours (``resources/translations/gridapp_<lang>.qm``); English removes both.

Tool (``python -m ui.i18n update|check``):

- ``update`` runs ``pyside6-lupdate`` over every .py file in gridapp/ and ui/ into
  ``resources/translations/gridapp_zh_CN.ts``, fills every message from the TSV files in
  ``resources/translations/src/*.tsv`` (columns ``context<TAB>source<TAB>zh_CN``; ``\\n`` and
  ``\\t`` escapes; lines starting with ``#`` are comments), marks the filled ones finished, and
  runs ``pyside6-lrelease`` into ``gridapp_zh_CN.qm``.
- ``check`` does the same into a temporary folder and lists every message without a translation;
  it exits 1 when there is any.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from gridapp.paths import resource

LANGUAGES = {"zh_CN": "中文（简体）", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"
SETTINGS_KEY = "ui/language"
TARGET = "zh_CN"
SOURCE_PACKAGES = ("gridapp", "ui")

_installed: list = []  # QTranslator objects installed now (kept alive here)


# --------------------------------------------------------------------------- run time
def translations_dir() -> Path:
    return resource("translations")


def language_from(settings) -> str:
    value = settings.value(SETTINGS_KEY, DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def install(language: str) -> list[str]:
    """Replace the installed translators by those of ``language``; returns the files loaded."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language not in LANGUAGES or language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return []
    QLocale.setDefault(QLocale(language))
    loaded = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [(f"qtbase_{language}", qt_dir), (f"gridapp_{language}", str(translations_dir()))]
    for name, folder in candidates:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(str(Path(folder) / name))
    return loaded


# --------------------------------------------------------------------------- tool
@dataclass
class Report:
    ts_path: Path
    qm_path: Path
    total: int = 0
    missing: list[tuple[str, str]] = field(default_factory=list)  # (context, source) without zh
    unused: list[tuple[str, str]] = field(default_factory=list)  # TSV rows matching no message
    conflicts: list[str] = field(default_factory=list)


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def tool(name: str) -> str:
    """The path of a PySide6 tool: next to this Python, else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 in this Python environment")
    return found


def source_files(root: Path) -> list[Path]:
    return sorted(p for pkg in SOURCE_PACKAGES for p in (root / pkg).rglob("*.py")
                  if "__pycache__" not in p.parts)


def _unescape(value: str) -> str:
    return value.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def read_tsv(folder: Path) -> tuple[dict[tuple[str, str], str], list[str]]:
    """All (context, source) → translation pairs of the TSV files; and conflicts found."""
    table: dict[tuple[str, str], str] = {}
    origin: dict[tuple[str, str], str] = {}
    conflicts: list[str] = []
    for path in sorted(folder.glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            where = f"{path.name}:{number}"
            if len(parts) != 3 or not all(parts):
                conflicts.append(f"{where}: expected context<TAB>source<TAB>translation")
                continue
            key = (parts[0], _unescape(parts[1]))
            value = _unescape(parts[2])
            if key in table and table[key] != value:
                conflicts.append(f"{where}: {key[0]} “{key[1]}” already translated differently in {origin[key]}")
                continue
            table[key] = value
            origin[key] = where
    return table, conflicts


def update(root: Path | None = None, out_dir: Path | None = None) -> Report:
    """Extract, fill and compile. ``out_dir`` (default resources/translations) gets .ts and .qm."""
    root = root or repo_root()
    out_dir = out_dir or root / "resources" / "translations"
    out_dir.mkdir(parents=True, exist_ok=True)
    final_ts = out_dir / f"gridapp_{TARGET}.ts"
    final_qm = out_dir / f"gridapp_{TARGET}.qm"
    # Work on temporary files and rename them into place at the end, so a client or a test that
    # loads the translations meanwhile never reads a half-written file.
    ts_path = out_dir / f".gridapp_{TARGET}.{os.getpid()}.ts"
    qm_path = out_dir / f".gridapp_{TARGET}.{os.getpid()}.qm"
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "sources.lst"
        listing.write_text("\n".join(str(p) for p in source_files(root)) + "\n", encoding="utf-8")
        if final_ts.exists():
            shutil.copyfile(final_ts, ts_path)
        _run([tool("pyside6-lupdate"), f"@{listing}", "-no-obsolete", "-locations", "none",
              "-source-language", "en", "-target-language", TARGET, "-ts", str(ts_path)])
    table, conflicts = read_tsv(root / "resources" / "translations" / "src")
    report = Report(ts_path=final_ts, qm_path=final_qm, conflicts=conflicts)
    tree = ET.parse(ts_path)
    used: set[tuple[str, str]] = set()
    for context in tree.getroot().iter("context"):
        context_name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            report.total += 1
            key = (context_name, source)
            if key in table:
                used.add(key)
                translation.text = table[key]
                translation.attrib.pop("type", None)
            else:
                translation.text = None
                translation.set("type", "unfinished")
                report.missing.append(key)
    report.unused = sorted(set(table) - used)
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts_path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                       encoding="utf-8")
    try:
        _run([tool("pyside6-lrelease"), str(ts_path), "-qm", str(qm_path)])
        os.replace(ts_path, final_ts)
        os.replace(qm_path, final_qm)
    finally:
        for leftover in (ts_path, qm_path):
            leftover.unlink(missing_ok=True)
    return report


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{Path(command[0]).name} failed ({result.returncode}):\n{result.stdout}{result.stderr}")


def _print_report(report: Report, *, verbose_unused: bool) -> None:
    done = report.total - len(report.missing)
    print(f"{report.ts_path}: {done}/{report.total} messages translated")
    for context, source in report.missing:
        print(f"  missing  {context}\t{source!r}")
    for problem in report.conflicts:
        print(f"  tsv      {problem}")
    if report.unused:
        print(f"  {len(report.unused)} TSV rows match no message in the code")
        if verbose_unused:
            for context, source in report.unused:
                print(f"  unused   {context}\t{source!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.i18n", description="Update or check translations.")
    parser.add_argument("command", choices=["update", "check"])
    parser.add_argument("-v", "--verbose", action="store_true", help="list TSV rows that match no message")
    args = parser.parse_args(argv)
    if args.command == "update":
        report = update()
    else:
        with tempfile.TemporaryDirectory() as tmp:
            report = update(out_dir=Path(tmp))
    try:
        _print_report(report, verbose_unused=args.verbose)
    except BrokenPipeError:  # piped into head: the files are written, the listing was cut short
        pass
    return 1 if report.missing or report.conflicts else 0


if __name__ == "__main__":
    sys.exit(main())
