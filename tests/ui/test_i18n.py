"""Translations: every tr() string has its zh_CN text, the committed .qm carries them, and the
language can be switched at run time (ours and Qt's own translators)."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from ui import i18n

COMMITTED_QM = i18n.repo_root() / "resources" / "translations" / "gridapp_zh_CN.qm"


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> i18n.Report:
    """lupdate over the current sources into a temporary folder, filled from the TSV files."""
    return i18n.update(out_dir=tmp_path_factory.mktemp("translations"))


def test_every_message_in_the_code_has_a_zh_cn_translation(regenerated):
    missing = "\n".join(f"{context}\t{source}" for context, source in regenerated.missing)
    assert regenerated.total > 50
    assert not regenerated.missing, (
        f"{len(regenerated.missing)} messages have no zh_CN translation; add them to your "
        f"resources/translations/src/<area>.tsv (context<TAB>source<TAB>中文):\n{missing}")


def test_translation_tables_have_no_conflicts(regenerated):
    assert regenerated.conflicts == []


def test_committed_qm_carries_every_translation(regenerated):
    """The .qm in the repository is up to date: run `python -m ui.i18n update` after editing a TSV."""
    import xml.etree.ElementTree as ET

    translator = QTranslator()
    assert translator.load(str(COMMITTED_QM))
    stale = []
    for context in ET.parse(regenerated.ts_path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            expected = message.findtext("translation")
            if expected and translator.translate(name, message.findtext("source")) != expected:
                stale.append(f"{name}\t{message.findtext('source')}")
    assert not stale, "resources/translations/gridapp_zh_CN.qm is stale; run python -m ui.i18n update:\n" \
        + "\n".join(stale[:20])


def test_committed_qm_translates_a_known_string():
    translator = QTranslator()
    assert translator.load(str(COMMITTED_QM))
    assert translator.translate("Navigation", "Households") == "住户"
    assert translator.translate("MainWindow", "GridApp") == "网格通"


def test_switching_language_swaps_our_and_qts_translators():
    try:
        i18n.install("en")
        assert QCoreApplication.translate("Navigation", "Households") == "Households"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
        loaded = i18n.install("zh_CN")
        assert [Path(p).name for p in loaded] == ["qtbase_zh_CN", "gridapp_zh_CN"]
        assert QCoreApplication.translate("Navigation", "Households") == "住户"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        i18n.install(i18n.DEFAULT_LANGUAGE)


def test_tsv_rows_unescape_and_conflicts_are_reported(tmp_path):
    (tmp_path / "a.tsv").write_text("# comment\nCtx\tLine one\\nline two\t第一行\\n第二行\n"
                                    "Ctx\tSame\t同\n", encoding="utf-8")
    (tmp_path / "b.tsv").write_text("Ctx\tSame\t不同\nCtx\tSame\t同\nbroken line\n", encoding="utf-8")
    table, conflicts = i18n.read_tsv(tmp_path)
    assert table[("Ctx", "Line one\nline two")] == "第一行\n第二行"
    assert table[("Ctx", "Same")] == "同"
    assert len(conflicts) == 2
    assert conflicts[0].startswith("b.tsv:1:") and "a.tsv:3" in conflicts[0]
    assert conflicts[1].startswith("b.tsv:3:")


def test_check_command_exits_1_when_a_message_is_untranslated(tmp_path, monkeypatch, capsys):
    root = tmp_path / "repo"
    (root / "ui").mkdir(parents=True)
    (root / "gridapp").mkdir()
    (root / "resources" / "translations" / "src").mkdir(parents=True)
    (root / "ui" / "page.py").write_text(
        "from PySide6.QtWidgets import QWidget\n"
        "class DemoPage(QWidget):\n"
        "    def f(self):\n"
        "        return self.tr('Translated'), self.tr('Forgotten')\n", encoding="utf-8")
    (root / "resources" / "translations" / "src" / "demo.tsv").write_text(
        "DemoPage\tTranslated\t已翻译\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "repo_root", lambda: root)
    assert i18n.main(["check"]) == 1
    out = capsys.readouterr().out
    assert "1/2 messages translated" in out
    assert "DemoPage\t'Forgotten'" in out
    assert not (root / "resources" / "translations" / "gridapp_zh_CN.ts").exists()  # check writes nothing
