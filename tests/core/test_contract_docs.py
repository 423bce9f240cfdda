"""The documented contract matches the code: hook signatures, layers, CLI help."""

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from console import hookspecs

ROOT = Path(__file__).resolve().parents[2]


def hook_signatures() -> dict[str, str]:
    found = {}
    for name, function in inspect.getmembers(hookspecs, inspect.isfunction):
        if hasattr(function, "service_console_spec"):
            signature = inspect.signature(function)
            params = ", ".join(f"{p.name}: {p.annotation}" for p in signature.parameters.values())
            found[name] = f"def {name}({params}) -> {signature.return_annotation}"
    return found


def test_every_hook_is_documented_with_its_exact_signature():
    docs = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")
    signatures = hook_signatures()
    assert len(signatures) >= 14
    missing = [s for s in signatures.values() if s not in docs]
    assert not missing, f"docs/hooks.md lacks: {missing}"


def test_every_hook_has_a_docstring():
    for name, function in inspect.getmembers(hookspecs, inspect.isfunction):
        if hasattr(function, "service_console_spec"):
            assert function.__doc__, name


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def python_files(*parts: str) -> list[Path]:
    base = ROOT.joinpath(*parts)
    return sorted(base.rglob("*.py")) if base.is_dir() else []


QT = ("PySide6", "matplotlib.backends.backend_qt", "matplotlib.backends.backend_qtagg", "console.ui")


@pytest.mark.parametrize("path", python_files("console", "core") + [ROOT / "console" / "api" / "__init__.py"],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_core_and_the_qt_free_api_import_no_qt(path):
    bad = {name for name in imports_of(path) if name.startswith(QT)}
    assert not bad, f"{path} imports {bad}"


def installed_plugins() -> list[str]:
    from console.core.plugins import PluginHost

    host = PluginHost()
    host.discover()
    return sorted(host.records)


@pytest.mark.parametrize("name", installed_plugins())
def test_every_installed_plugin_keeps_the_static_contract(name):
    from console import contract

    host, record = contract.load(name)
    problems = {check: fn(host, record) for check, fn in contract.STATIC_CHECKS.items()}
    assert problems == {check: [] for check in contract.STATIC_CHECKS}


def test_every_cli_command_has_help():
    from console.cli import build_parser
    from console.core.plugins import PluginHost

    host = PluginHost()
    host.discover()
    parser = build_parser(host)
    stack = [parser]
    seen = 0
    while stack:
        current = stack.pop()
        assert current.description or current.format_help()
        for action in current._actions:
            if hasattr(action, "choices") and isinstance(action.choices, dict):
                for name, sub in action.choices.items():
                    assert sub.description, f"`{sub.prog}` has no help text"
                    stack.append(sub)
                    seen += 1
    assert seen >= 15


def test_version_and_help_run_as_commands():
    out = subprocess.run([sys.executable, "-m", "console", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("service-console ")
