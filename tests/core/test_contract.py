"""The contract suite finds what a plugin does wrong, and passes a plugin that does it right."""

from importlib.metadata import EntryPoint

from console import contract
from console.core.plugins import PluginHost

GROUP = "service_console.plugins"


def host_with(**plugins: str) -> PluginHost:
    from importlib.metadata import entry_points

    host = PluginHost()
    host.discover([*entry_points(group=GROUP),
                   *(EntryPoint(name, f"tests.fixture_plugins.{module}", GROUP) for name, module in plugins.items())])
    return host


def test_a_plugin_that_keeps_the_contract_passes_every_check(fresh_database_url):
    host = host_with(good="good")
    assert contract.check("good", fresh_database_url, host) == {
        "identity": [], "hookimpls": [], "tables": [], "imports": [], "translations": [], "migrations": []}


def test_every_broken_rule_is_named_with_what_to_do(fresh_database_url):
    host = host_with(rulebreaker="rulebreaker")
    found = contract.check("rulebreaker", fresh_database_url, host)
    identity = " ".join(found["identity"])
    assert "NAME is 'rulebreakers' but the entry point is named 'rulebreaker'" in identity and "Set VERSION" in identity
    assert found["hookimpls"] == ["register_pages() takes context, which the hook does not pass (it passes: nothing)."]
    assert found["tables"] == ["Table gadgets of Gadget must be named rulebreaker_<thing>."]
    imports = "\n".join(found["imports"])
    assert "__init__.py:5 imports PySide6.QtWidgets outside ui/" in imports
    assert "__init__.py:10 imports console.core: a plugin imports console.api only" in imports
    assert "imports plugins.incidents.service: use plugins.incidents.api" in imports
    assert "imports spares's api.py without naming 'spares' in REQUIRES or OPTIONAL" in imports
    assert "ui/pages.py" not in imports  # Qt and console.api.ui belong there
    migrations = " ".join(found["migrations"])
    assert "leaves rulebreaker_kept: drop them in downgrade()" in migrations
    assert "drops gadgets, which are not its tables" in migrations


def test_a_plugin_that_is_not_installed_cannot_be_checked():
    import pytest

    with pytest.raises(LookupError, match="No plugin named 'nothing_here' is installed"):
        contract.load("nothing_here", host_with())
