"""Every user-visible string of a built-in plugin has a Simplified Chinese translation in its own context."""

import ast
import importlib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

PLUGINS = ("incidents", "worktime", "spares", "partners", "crisis_bulletin")
ROOT = Path(__file__).resolve().parents[2]


def catalogue(name: str) -> dict[str, dict[str, str]]:
    """``context -> {source: translation}`` of the plugin's ``zh_CN.ts``."""
    module = importlib.import_module(f"plugins.{name}")
    (spec,) = [s for s in module.register_translations() if s.locale == "zh_CN"]
    root = ET.parse(spec.path).getroot()
    assert root.tag == "TS" and root.get("version") == "2.1" and root.get("language") == "zh_CN"
    return {ctx.findtext("name"): {m.findtext("source"): m.findtext("translation") or ""
                                   for m in ctx.iter("message")} for ctx in root.iter("context")}


def contribution_texts(name: str) -> set[str]:
    """The English titles (and help texts) the shell shows for the plugin's contributions."""
    module = importlib.import_module(f"plugins.{name}")
    texts = {module.TITLE}
    for hook, fields in (("register_pages", ("title",)), ("register_dashboard_charts", ("title",)),
                         ("register_permissions", ("title",)), ("register_settings", ("title", "help")),
                         ("register_search_providers", ("title",)), ("register_jobs", ("title",))):
        for spec in getattr(module, hook, lambda: ())():
            texts.update(getattr(spec, f) for f in fields if getattr(spec, f))
    return texts


def ui_literals(name: str) -> set[str]:
    """The literals the plugin's UI code translates: ``tr(NAME, "...")`` and, for texts kept as data
    (column titles, choice labels), ``QT_TRANSLATE_NOOP("<name>", "...")``. Any other context is an error."""
    found = set()
    for path in (ROOT / "plugins" / name / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            function = getattr(node, "func", None) if isinstance(node, ast.Call) else None
            if getattr(function, "id", None) == "tr" and len(node.args) == 2:
                context, text = node.args
                if not isinstance(text, ast.Constant):  # tr(NAME, mapping[value]): marked where defined
                    continue
                assert ast.unparse(context) == "NAME", f"{path}:{node.lineno}: use the plugin's NAME as context"
                found.add(text.value)
            elif getattr(function, "id", None) == "QT_TRANSLATE_NOOP":
                context, text = node.args
                assert context.value == name, f"{path}:{node.lineno}: use the context '{name}'"
                found.add(text.value)
    return found


@pytest.mark.parametrize("name", PLUGINS)
def test_every_string_is_translated_in_the_plugin_context(name):
    messages = catalogue(name)
    assert set(messages) == {name}
    wanted = contribution_texts(name) | ui_literals(name)
    missing = sorted(t for t in wanted if not messages[name].get(t))
    assert not missing, f"{name}/i18n/zh_CN.ts lacks: {missing}"
    unused = sorted(set(messages[name]) - wanted)
    assert not unused, f"{name}/i18n/zh_CN.ts has messages no code uses: {unused}"
