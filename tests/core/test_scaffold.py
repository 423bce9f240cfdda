"""`service-console plugin new` makes a package that pip installs and that passes its own tests as
generated; `plugin check` runs the contract suite from the command line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from console import scaffold
from console.core.errors import ValidationError

ROOT = Path(__file__).resolve().parents[2]


def test_bad_names_and_clashes_are_refused_with_what_to_do(tmp_path):
    for name, message in (("Tool-Box", "cannot be a plugin name"), ("incidents", "already installed"),
                          ("core", "reserved")):
        with pytest.raises(ValidationError, match=message):
            scaffold.create(name, tmp_path, taken=("incidents",))
    with pytest.raises(ValidationError, match="without quotes"):
        scaffold.create("toolbox", tmp_path, 'The "best" tools')
    scaffold.create("toolbox", tmp_path)
    with pytest.raises(ValidationError, match="already exists"):
        scaffold.create("toolbox", tmp_path)


def test_the_generated_package_installs_with_pip_and_passes_its_own_tests(tmp_path):
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    made = subprocess.run([sys.executable, "-m", "console", "plugin", "new", "toolbox", "--dir", str(tmp_path),
                           "--title", "Tool checkout 工具借用"], capture_output=True, text=True, env=environment)
    assert made.returncode == 0, made.stderr
    package = tmp_path / "service-console-toolbox"
    site = tmp_path / "site"
    installed = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
                                str(site), str(package)], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    environment["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT)])
    tested = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=package,
                            capture_output=True, text=True, env=environment, timeout=600)
    assert tested.returncode == 0, tested.stdout[-4000:] + tested.stderr[-4000:]
    assert "10 passed" in tested.stdout  # the contract suite (6) and the four generated tests
    checked = subprocess.run([sys.executable, "-m", "console", "plugin", "check", "toolbox"],
                             capture_output=True, text=True, env=environment)
    assert checked.returncode == 0 and "toolbox: the contract holds" in checked.stdout, checked.stdout


def test_plugin_check_refuses_a_database_that_is_not_empty(database_url, console_app):
    result = subprocess.run([sys.executable, "-m", "console", "plugin", "check", "incidents", "--db", database_url],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "needs an empty database" in result.stderr
