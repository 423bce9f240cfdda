"""Every user-visible string of a built-in plugin has a Simplified Chinese translation in its own context."""

import pytest

from console import contract

PLUGINS = ("incidents", "worktime", "spares", "partners", "crisis_bulletin")


@pytest.mark.parametrize("name", PLUGINS)
def test_every_string_is_translated_in_the_plugin_context(name):
    host, record = contract.load(name)
    assert [spec.locale for spec in record.module.register_translations()] == ["zh_CN"]
    assert contract.check_translations(host, record) == []
