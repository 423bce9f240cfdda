"""UI test set-up: QSettings in a temporary folder, the shell theme, English restored after each test."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def english_afterwards(qapp):
    """Every UI test ends in English, whatever language it switched to."""
    yield
    from console.ui.i18n import install_language

    install_language(qapp, "en", None)


@pytest.fixture
def themed(qapp):
    """The shell's look (Fusion, palette, CJK-capable font) on the test QApplication."""
    from console.ui.support import apply_theme

    apply_theme(qapp)
    return qapp


@pytest.fixture
def shell_context(app, admin):
    """A page context for the session app and a fresh administrator."""
    from console.core.contributions import Context

    return Context(app, admin)


def make_host(*modules):
    """A plugin host holding just ``modules`` (each registered like an installed plugin)."""
    from console.core.plugins import PluginHost

    host = PluginHost()
    for module in modules:
        host.add(module)
    host.resolve()
    return host


@pytest.fixture
def fake_app(app):
    """The session database with a host that holds only the UI test plugin ``uidemo``."""
    from console.core.context import AppContext
    from tests.ui import fake_plugin

    return AppContext(url=app.url, engine=app.engine, sessions=app.sessions, plugins=make_host(fake_plugin))
