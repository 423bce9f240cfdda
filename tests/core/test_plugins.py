"""The plugin host: discovery, isolation of every kind of failure, dependency order, enable/disable."""

from importlib.metadata import EntryPoint

import pytest

from console.core.contributions import DomainEvent
from console.core.plugins import DISABLED, FAILED, LOADED, PluginHost
from tests.fixture_plugins import good

GROUP = "service_console.plugins"


def host_with(**plugins: str) -> PluginHost:
    host = PluginHost()
    host.discover([EntryPoint(name, f"tests.fixture_plugins.{module}", GROUP) for name, module in plugins.items()])
    return host


def test_a_plugin_that_fails_to_import_is_failed_with_its_traceback_and_others_load():
    host = host_with(good="good", import_error="import_error")
    assert host.records["good"].state == LOADED
    broken = host.records["import_error"]
    assert broken.state == FAILED and broken.failed_in == "import"
    assert "broken at import time" in broken.error and "Traceback" in broken.traceback


def test_an_entry_point_that_points_nowhere_is_failed():
    host = host_with(good="good", nowhere="no_such_module")
    assert host.records["nowhere"].state == FAILED
    assert "No module named" in host.records["nowhere"].error


def test_a_raising_hook_fails_only_its_plugin_and_the_call_goes_on():
    host = host_with(good="good", raising_hook="raising_hook")
    pages = host.collect("register_pages")
    assert [plugin for plugin, _ in pages] == ["good"]
    assert host.records["raising_hook"].state == FAILED
    assert host.records["raising_hook"].failed_in == "register_pages"
    assert "page registry exploded" in host.records["raising_hook"].traceback
    assert [p for p, _ in host.collect("register_pages")] == ["good"]  # the failed one is not called again


def test_events_reach_healthy_plugins_when_a_listener_raises():
    host = host_with(raising_hook="raising_hook", good="good")
    good.received.clear()
    host.call("event_did_occur", event=DomainEvent("x.happened"), app=None)
    assert good.received == ["x.happened"]
    assert host.records["raising_hook"].state == FAILED


def test_unknown_hook_and_name_mismatch_are_refused_at_registration():
    host = host_with(unknown_hook="unknown_hook", renamed="good")
    assert "register_widgets" in host.records["unknown_hook"].error
    assert "NAME" in host.records["renamed"].error


def test_requires_orders_plugins_and_fails_missing_dependencies():
    host = host_with(needs_good="needs_good", needs_missing="needs_missing", good="good")
    order = [r.name for r in host.active()]
    assert order.index("good") < order.index("needs_good")
    assert host.records["needs_missing"].state == FAILED
    assert "'nowhere', which is not installed" in host.records["needs_missing"].error


def test_optional_plugins_come_first_when_present_and_are_not_needed():
    host = host_with(likes_good="likes_good", good="good")
    order = [r.name for r in host.active()]
    assert order.index("good") < order.index("likes_good")
    assert host.is_active("good") and not host.is_active("nowhere")
    alone = host_with(likes_good="likes_good")
    assert alone.records["likes_good"].state == LOADED and not alone.is_active("good")


def test_a_name_clash_keeps_the_first_and_explains_the_second():
    host = PluginHost()
    host.discover([EntryPoint("good", "tests.fixture_plugins.good", GROUP),
                   EntryPoint("good", "tests.fixture_plugins.good", GROUP)])
    clashes = [r for r in host.records.values() if r.state == FAILED]
    assert host.records["good"].state == LOADED
    assert len(clashes) == 1 and "already provided" in clashes[0].error


def test_disabled_state_persists_and_disables_dependants(app):
    host = host_with(good="good", needs_good="needs_good")
    with app.session() as session:
        PluginHost.set_enabled(session, "good", False)
    try:
        with app.session() as session:
            host.apply_states(session)
        assert host.records["good"].state == DISABLED
        assert host.records["needs_good"].state == DISABLED
        assert host.collect("register_pages") == []
        assert host.installed()  # still installed: its migrations keep running
    finally:
        with app.session() as session:
            PluginHost.set_enabled(session, "good", True)


@pytest.mark.parametrize("hook", ["register_pages", "register_permissions"])
def test_collect_returns_plugin_and_item_pairs(hook):
    host = host_with(good="good")
    assert all(plugin == "good" for plugin, _ in host.collect(hook))
