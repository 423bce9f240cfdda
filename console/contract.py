"""The plugin contract, checked: what ``service-console plugin check`` and ``console.testing.PluginContract`` run.

Each check takes the plugin host and one plugin's record and returns a list of problems,
each a sentence that says what to fix (empty: the plugin keeps that part of the contract):

* ``identity`` — the entry-point name is ``NAME``; ``VERSION`` is set; a valid identifier.
* ``hookimpls`` — every ``@hookimpl`` is a hook of ``console/hookspecs.py`` with the spec's arguments.
* ``tables`` — every model's table is named ``<NAME>_<thing>``.
* ``imports`` — only ``console.api`` (``console.api.ui`` and Qt inside ``ui/`` only), and other
  plugins only through their ``api.py`` when named in ``REQUIRES`` or ``OPTIONAL``.
* ``translations`` — each shipped ``.ts`` has one context, ``NAME``, with a translation for every
  contribution title and help text and every literal the ``ui/`` code translates, and nothing unused.
* ``migrations`` — one branch labelled ``NAME`` with one head whose first revision depends on
  core; upgrade, downgrade to base (only its own tables go), upgrade again, models match.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path
from typing import Callable

from console import hookspecs
from console.core.plugins import PluginHost, PluginRecord

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
QT_MODULES = ("PySide6", "shiboken6", "matplotlib.backends.backend_qt", "matplotlib.backends.backend_qtagg")


def _specs() -> dict[str, list[str]]:
    return {name: list(inspect.signature(function).parameters)
            for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
            if hasattr(function, f"{hookspecs.PROJECT}_spec")}


def check_identity(host: PluginHost, record: PluginRecord) -> list[str]:
    """The identity string: entry point = ``NAME`` = branch label = table prefix."""
    problems = []
    declared = getattr(record.module, "NAME", None)
    if declared != record.name:
        problems.append(f"NAME is {declared!r} but the entry point is named {record.name!r}: make them the same.")
    if not IDENTIFIER.match(record.name):
        problems.append(f"'{record.name}' is not a good identity string: use 2–31 lower-case letters, digits "
                        "and underscores, starting with a letter (it becomes table prefix and branch label).")
    if getattr(record.module, "VERSION", None) in (None, ""):
        problems.append("Set VERSION (e.g. VERSION = \"0.1.0\"): the Plugins page and `plugins list` show it.")
    return problems


def check_hookimpls(host: PluginHost, record: PluginRecord) -> list[str]:
    """Every hook implementation names a known hook and takes only that hook's arguments."""
    specs, problems = _specs(), []
    marker = f"{hookspecs.PROJECT}_impl"
    for name, function in inspect.getmembers(record.module, callable):
        if not hasattr(function, marker):
            continue
        if name not in specs:
            problems.append(f"@hookimpl {name}() is not a hook; see docs/hooks.md for the hook names.")
            continue
        extra = [a for a in inspect.signature(function).parameters if a not in specs[name]]
        if extra:
            problems.append(f"{name}() takes {', '.join(extra)}, which the hook does not pass "
                            f"(it passes: {', '.join(specs[name]) or 'nothing'}).")
    return problems


def check_tables(host: PluginHost, record: PluginRecord) -> list[str]:
    """Every model's table carries the plugin's prefix."""
    models = host.call_installed(record, "register_models") or ()
    return [f"Table {model.__tablename__} of {model.__name__} must be named {record.name}_<thing>."
            for model in models if not getattr(model, "__tablename__", "").startswith(f"{record.name}_")]


def check_imports(host: PluginHost, record: PluginRecord) -> list[str]:
    """The layers: console.api only, Qt only in ui/, other plugins only through a declared api.py."""
    source = Path(record.module.__file__)
    root = source.parent
    files = sorted(root.rglob("*.py")) if source.name == "__init__.py" else [source]  # a package, or one module
    declared = {*record.requires, *record.optional}
    others = {r.module.__name__: r.name for r in host.records.values()
              if r.module is not None and r.name != record.name}
    problems = []
    for path in files:
        relative = path.relative_to(root)
        if "tests" in relative.parts or "migrations" in relative.parts:
            continue
        in_ui = "ui" in relative.parts
        for module, line in _imports(path, set(others)):
            where = f"{relative}:{line}"
            if module.startswith("console.") or module == "console":
                if module == "console.api.ui" and not in_ui:
                    problems.append(f"{where} imports console.api.ui outside ui/: Qt building blocks belong in ui/.")
                elif module not in ("console.api", "console.api.ui"):
                    problems.append(f"{where} imports {module}: a plugin imports console.api only.")
            elif module.startswith(QT_MODULES) and not in_ui:
                problems.append(f"{where} imports {module} outside ui/: keep Qt in the plugin's ui/ folder.")
            else:
                owner = next(((prefix, name) for prefix, name in others.items()
                              if module == prefix or module.startswith(prefix + ".")), None)
                if owner is None:
                    continue
                prefix, owner = owner
                if module != f"{prefix}.api":
                    problems.append(f"{where} imports {module}: use {prefix}.api, the only part of '{owner}' "
                                    "other plugins may import.")
                elif owner not in declared:
                    problems.append(f"{where} imports {owner}'s api.py without naming '{owner}' in REQUIRES "
                                    "or OPTIONAL.")
    return problems


def _imports(path: Path, packages: set[str]) -> list[tuple[str, int]]:
    """``(module, line)`` of every absolute import; ``from <plugin package> import x`` counts as ``<package>.x``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module in packages:
                found.extend((f"{node.module}.{alias.name}", node.lineno) for alias in node.names)
            else:
                found.append((node.module, node.lineno))
    return found


def check_migrations(host: PluginHost, record: PluginRecord, url: str) -> list[str]:
    """One branch, one head, first revision on core; up, down to base, up again on an empty database."""
    from sqlalchemy import inspect as inspect_db

    from console.core import migrate
    from console.core.db import make_engine

    location = host.call_installed(record, "register_migrations")
    if location is None:
        return [] if not host.call_installed(record, "register_models") else [
            "The plugin has models but no register_migrations: ship its tables as migrations in its own branch."]
    problem = migrate._branch_problem(record.name, Path(location))
    if problem:
        return [problem]
    cfg = migrate.build_config(host)
    graph = migrate.graph_for(cfg)
    own = {r for r in graph.ancestors if r.rpartition("_")[0] == record.name}
    roots = [r for r in own if not (graph.ancestors[r] - {r}) & own]
    problems = []
    if roots and not any(migrate.CORE_BASE_REVISION in graph.ancestors[r] for r in roots):
        problems.append(f"The first revision of '{record.name}' must have depends_on = "
                        f"console.api.CORE_BASE_REVISION ('{migrate.CORE_BASE_REVISION}').")
    engine = make_engine(url)
    try:
        migrate.upgrade(engine, cfg)
        before = set(inspect_db(engine).get_table_names())
        migrate.downgrade(engine, cfg, f"{record.name}@base")
        after = set(inspect_db(engine).get_table_names())
        left = sorted(t for t in after if t.startswith(f"{record.name}_"))
        if left:
            problems.append(f"Downgrading '{record.name}' to base leaves {', '.join(left)}: drop them in downgrade().")
        foreign = sorted(t for t in before - after if not t.startswith(f"{record.name}_"))
        if foreign:
            problems.append(f"Downgrading '{record.name}' drops {', '.join(foreign)}, which are not its tables.")
        migrate.upgrade(engine, cfg)
        prefix = f"{record.name}_"
        for difference in migrate.diff(engine, host):
            if prefix in repr(difference):
                problems.append(f"The models and the migrations differ: {difference}. Add a migration.")
    except Exception as error:  # noqa: BLE001 - a failing migration is the finding
        problems.append(f"Its migrations failed on {engine.dialect.name}: {type(error).__name__}: {error}")
    finally:
        engine.dispose()
    return problems


#: The contribution fields the shell shows, so translates in the plugin's context.
SHOWN_FIELDS = (("register_pages", ("title",)), ("register_dashboard_charts", ("title",)),
                ("register_permissions", ("title",)), ("register_settings", ("title", "help")),
                ("register_search_providers", ("title",)), ("register_jobs", ("title",)),
                ("register_actions", ("title",)))


def shown_texts(host: PluginHost, record: PluginRecord) -> set[str]:
    """The English texts the shell shows for the plugin: its TITLE and its contributions' titles and help."""
    texts = {record.title} if record.title else set()
    for hook, fields in SHOWN_FIELDS:
        for spec in host.call_installed(record, hook) or ():
            texts.update(getattr(spec, f) for f in fields if getattr(spec, f, None))
    return texts


def translated_literals(record: PluginRecord) -> tuple[set[str], list[str]]:
    """The literals the plugin's ``ui/`` translates — ``tr(NAME, "...")`` and
    ``QT_TRANSLATE_NOOP("<name>", "...")`` — and the calls that use another context."""
    root = Path(record.module.__file__).parent / "ui"
    found, wrong = set(), []
    for path in sorted(root.rglob("*.py")) if root.is_dir() else []:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            function = getattr(node.func, "id", None) if isinstance(node, ast.Call) else None
            if function not in ("tr", "QT_TRANSLATE_NOOP") or len(node.args) != 2:
                continue
            context, text = node.args
            if not (isinstance(text, ast.Constant) and isinstance(text.value, str)):
                continue  # tr(NAME, names[code]): the names are marked where they are defined
            if ast.unparse(context) not in ("NAME", repr(record.name), f'"{record.name}"'):
                wrong.append(f"ui/{path.relative_to(root)}:{node.lineno} translates in context "
                             f"{ast.unparse(context)}; use NAME ('{record.name}').")
            found.add(text.value)
    return found, wrong


def check_translations(host: PluginHost, record: PluginRecord) -> list[str]:
    """Every shown text has a translation in every shipped language, and no catalogue entry is unused."""
    from console.ui.i18n import parse_ts

    literals, problems = translated_literals(record)
    wanted = shown_texts(host, record) | literals
    for spec in host.call_installed(record, "register_translations") or ():
        try:
            messages = parse_ts(spec.path)
        except Exception as error:  # noqa: BLE001 - an unreadable catalogue is the finding
            problems.append(f"{spec.path} cannot be read: {error}")
            continue
        contexts = {context for context, _source, _comment in messages}
        if contexts - {record.name}:
            problems.append(f"{Path(spec.path).name} ({spec.locale}) has contexts {sorted(contexts - {record.name})}; "
                            f"use only '{record.name}'.")
        have = {source for context, source, _comment in messages if context == record.name}
        if missing := sorted(wanted - have):
            problems.append(f"{Path(spec.path).name} ({spec.locale}) lacks: {missing}")
        if unused := sorted(have - wanted):
            problems.append(f"{Path(spec.path).name} ({spec.locale}) has entries no code uses: {unused}")
    return problems


STATIC_CHECKS: dict[str, Callable[[PluginHost, PluginRecord], list[str]]] = {
    "identity": check_identity, "hookimpls": check_hookimpls, "tables": check_tables, "imports": check_imports,
    "translations": check_translations,
}


def load(name: str, host: PluginHost | None = None) -> tuple[PluginHost, PluginRecord]:
    """The installed plugin ``name`` and its host; raises ``LookupError`` saying why it cannot be checked."""
    if host is None:
        host = PluginHost()
        host.discover()
    record = host.records.get(name)
    if record is None:
        raise LookupError(f"No plugin named '{name}' is installed (pip install it, then check again); "
                          f"installed: {', '.join(sorted(host.records))}.")
    if record.module is None:
        raise LookupError(f"Plugin '{name}' does not load: {record.error}")
    return host, record


def check(name: str, url: str, host: PluginHost | None = None) -> dict[str, list[str]]:
    """Every check of the contract for plugin ``name``; ``url`` is an empty scratch database."""
    host, record = load(name, host)
    results = {title: fn(host, record) for title, fn in STATIC_CHECKS.items()}
    results["migrations"] = check_migrations(host, record, url)
    return results
