"""Translations: the .ts loader, installing a language, and that every shell string ships in Chinese."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from console.ui.i18n import I18N_DIR, TsTranslator, current_language, install_language, parse_ts, tr

ROOT = Path(__file__).resolve().parents[2]
ZH = I18N_DIR / "zh_CN.ts"

SAMPLE = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>shell</name>
    <message><source>Dashboard</source><translation>仪表板</translation></message>
    <message><source>Open</source><comment>verb</comment><translation>打开</translation></message>
    <message><source>Draft</source><translation type="unfinished"></translation></message>
    <message><source>Almost</source><translation type="unfinished">差不多</translation></message>
    <message><source>Gone</source><translation type="obsolete">已删除</translation></message>
    <message><source>Quote &amp; "sign" &lt;x&gt;</source>
        <translation>引号 &amp; “符号” &lt;x&gt;</translation></message>
    <message numerus="yes"><source>%n items</source>
        <translation><numerusform>%n 个条目</numerusform></translation></message>
</context>
<context>
    <name>spares</name>
    <message><source>Dashboard</source><translation>备件仪表板</translation></message>
</context>
</TS>
"""


@pytest.fixture
def sample_ts(tmp_path) -> Path:
    path = tmp_path / "sample_zh_CN.ts"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_parse_ts_keeps_finished_messages_only(sample_ts):
    messages = parse_ts(sample_ts)
    assert messages[("shell", "Dashboard", "")] == ["仪表板"]
    assert messages[("shell", "Open", "verb")] == ["打开"]
    assert messages[("shell", "Almost", "")] == ["差不多"]  # unfinished but with text: kept, as lrelease does
    assert ("shell", "Draft", "") not in messages  # unfinished and empty
    assert ("shell", "Gone", "") not in messages  # obsolete
    assert messages[("spares", "Dashboard", "")] == ["备件仪表板"]


def test_translator_translates_by_context_and_returns_empty_for_unknown(sample_ts, qapp):
    translator = TsTranslator([sample_ts], "zh_CN")
    assert isinstance(translator, QTranslator)
    assert not translator.isEmpty()
    assert translator.language() == "zh_CN"
    assert translator.translate("shell", "Dashboard") == "仪表板"
    assert translator.translate("spares", "Dashboard") == "备件仪表板"
    assert translator.translate("shell", "Open", "verb") == "打开"
    assert translator.translate("shell", 'Quote & "sign" <x>') == "引号 & “符号” <x>"
    assert translator.translate("shell", "Draft") == ""
    assert translator.translate("shell", "Gone") == ""
    assert translator.translate("shell", "Never heard of it") == ""
    assert translator.translate("nowhere", "Dashboard") == ""


def test_installed_translator_falls_back_to_the_source_text(sample_ts, qapp):
    translator = TsTranslator([sample_ts], "zh_CN")
    qapp.installTranslator(translator)
    try:
        assert tr("shell", "Dashboard") == "仪表板"
        assert tr("shell", "Not translated") == "Not translated"  # not blanked
        assert QCoreApplication.translate("shell", "%n items", None, 3) == "3 个条目"
    finally:
        qapp.removeTranslator(translator)
    assert tr("shell", "Dashboard") == "Dashboard"


def test_empty_translator_is_empty(qapp):
    assert TsTranslator().isEmpty()
    assert TsTranslator().translate("shell", "Dashboard") == ""


def test_compiled_catalogue_agrees_with_lrelease(tmp_path, qapp):
    lrelease = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent / "pyside6-lrelease")
    if not Path(lrelease).exists():
        pytest.skip("pyside6-lrelease is not installed")
    qm = tmp_path / "zh.qm"
    subprocess.run([lrelease, str(ZH), "-qm", str(qm)], check=True, capture_output=True)
    reference = QTranslator()
    assert reference.load(str(qm))
    ours = TsTranslator([ZH], "zh_CN")
    for (context, source, comment), forms in parse_ts(ZH).items():
        assert ours.translate(context, source, comment or None) == reference.translate(
            context, source, comment or None) == forms[0]


def test_install_language_adds_plugin_files_and_english_removes_all(qapp, fake_app):
    translator = install_language(qapp, "zh_CN", fake_app.plugins)
    assert translator is not None and current_language() == "zh_CN"
    assert tr("shell", "Dashboard") == "仪表板"
    assert tr("uidemo", "Tickets") == "工单"  # from the plugin's register_translations
    assert tr("shell", "no such message") == "no such message"
    # switching again replaces, never stacks
    install_language(qapp, "zh_CN", fake_app.plugins)
    assert tr("shell", "Dashboard") == "仪表板"
    assert install_language(qapp, "en", fake_app.plugins) is None
    assert current_language() == "en"
    assert tr("shell", "Dashboard") == "Dashboard"
    assert tr("uidemo", "Tickets") == "Tickets"


def test_a_broken_plugin_translation_file_is_skipped(qapp, tmp_path, monkeypatch):
    broken = tmp_path / "broken.ts"
    broken.write_text("<TS><context><name>x</name>", encoding="utf-8")

    class Host:
        def collect(self, hook):
            from console.core.contributions import TranslationSpec

            return [("bad", TranslationSpec("zh_CN", broken)),
                    ("gone", TranslationSpec("zh_CN", tmp_path / "nope.ts"))]

    install_language(qapp, "zh_CN", Host())
    assert tr("shell", "Plugins") == "插件"


def test_unknown_locale_means_english(qapp):
    assert install_language(qapp, "xx_YY", None) is None
    assert current_language() == "en"


# -- completeness ----------------------------------------------------------------------------------
def _literals(paths, context: str) -> set[str]:
    found = set()
    for path in paths:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            first, second = node.args[0], node.args[1]
            if (name in ("tr", "QT_TRANSLATE_NOOP") and isinstance(first, ast.Constant) and first.value == context
                    and isinstance(second, ast.Constant) and isinstance(second.value, str)):
                found.add(second.value)
    return found


def _translated(context: str) -> set[str]:
    return {source for (ctx, source, _comment) in parse_ts(ZH) if ctx == context}


def test_every_shell_string_has_a_chinese_translation():
    shell_files = list((ROOT / "console" / "ui").rglob("*.py"))
    strings = _literals(shell_files, "shell")
    assert len(strings) > 80
    missing = sorted(strings - _translated("shell"))
    assert not missing, f"add these to console/i18n/zh_CN.ts (context shell): {missing}"


def test_every_building_block_string_has_a_chinese_translation():
    files = [ROOT / "console" / "ui" / "widgets.py", ROOT / "console" / "ui" / "sql_model.py",
             ROOT / "console" / "api" / "ui.py"]
    assert _literals(files, "ui")
    missing = sorted(_literals(files, "ui") - _translated("ui"))
    assert not missing, f"add these to console/i18n/zh_CN.ts (context ui): {missing}"


def test_core_settings_shown_in_the_general_tab_are_translated():
    from console.core.settings import CORE_SETTINGS

    texts = {s.title for s in CORE_SETTINGS} | {s.help for s in CORE_SETTINGS if s.help}
    missing = sorted(texts - _translated("core"))
    assert not missing, f"add these to console/i18n/zh_CN.ts (context core): {missing}"


def test_placeholders_survive_translation():
    import re

    for (_ctx, source, _c), forms in parse_ts(ZH).items():
        assert set(re.findall(r"\{\w+\}", source)) == set(re.findall(r"\{\w+\}", forms[0])), source
