"""``service-console plugin new NAME``: an in-house plugin package that installs and passes its own tests.

The package (``service-console-<name>``, module ``service_console_<name>``) has the entry
point, the plugin module, a model, its first migration in its own branch, a service with a
permission check, a page, a Chinese catalogue and tests that use ``console.testing``
(the contract suite, the rules, and the page in a real shell window). The templates are in
``console/templates/plugin``; ``${name}``, ``${title}`` and ``${module}`` are filled in.
"""

from __future__ import annotations

import re
from pathlib import Path
from string import Template
from xml.sax.saxutils import escape

from console.contract import IDENTIFIER
from console.core.errors import ValidationError

TEMPLATES = Path(__file__).resolve().parent / "templates" / "plugin"
SAFE_TITLE = re.compile(r'^[^"\\$\n]{1,60}$')


def create(name: str, directory: Path, title: str | None = None, taken: tuple[str, ...] = ()) -> Path:
    """Write the package for plugin ``name`` into ``directory``; returns its folder.

    ``taken`` are the identity strings already installed (a clash is refused, as the plugin
    host would refuse the second plugin).
    """
    if not IDENTIFIER.match(name):
        raise ValidationError(f"'{name}' cannot be a plugin name: use 2–31 lower-case letters, digits and "
                              "underscores, starting with a letter (e.g. toolbox or field_tools).", "name")
    if name in taken or name in ("core", "console", "shell", "ui"):
        raise ValidationError(f"A plugin named '{name}' is already installed (or the name is reserved): "
                              "choose another name.", "name")
    title = title or name.replace("_", " ").capitalize()
    if not SAFE_TITLE.match(title):
        raise ValidationError("Give a title of at most 60 characters without quotes, backslashes or $.", "title")
    target = Path(directory) / f"service-console-{name.replace('_', '-')}"
    if target.exists():
        raise ValidationError(f"{target} already exists; choose another folder or remove it first.", "directory")
    values = {"name": name, "title": title, "title_xml": escape(title), "module": f"service_console_{name}"}
    for source in sorted(TEMPLATES.rglob("*.tmpl")):
        parts = list(source.relative_to(TEMPLATES).with_suffix("").parts)
        if parts[0] == "module":
            parts[0] = values["module"]
        path = target.joinpath(*(Template(part).substitute(values) for part in parts))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(Template(source.read_text(encoding="utf-8")).substitute(values), encoding="utf-8")
    return target
