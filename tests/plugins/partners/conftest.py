"""Fixtures shared by the partners tests."""

import pytest

from plugins.partners.rules import all_rules


@pytest.fixture
def own_registry(monkeypatch):
    """Rules registered by the test are gone after it."""
    import plugins.partners.rules as registry

    all_rules()
    monkeypatch.setattr(registry, "_RULES", dict(registry._RULES))
