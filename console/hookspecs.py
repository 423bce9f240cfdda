"""The plugin contract: every hook a plugin may implement.

A plugin is a module (or object) with ``NAME``, ``VERSION``, optional ``TITLE`` and
``REQUIRES``, registered under the entry-point group ``service_console.plugins``.
``register_*`` hooks return contributions (frozen dataclasses from ``console.api``);
``*_did_*`` hooks are notifications. Every hook is called per plugin and isolated: a
hook that raises disables only its own plugin. ``docs/hooks.md`` lists each signature;
a test keeps the two in step.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pluggy

from console.core.context import AppContext
from console.core.contributions import (
    ActionSpec,
    BannerSpec,
    ChartSpec,
    CommandSpec,
    DemoDataSpec,
    DomainEvent,
    JobSpec,
    PageSpec,
    PermissionSpec,
    SearchProviderSpec,
    SettingSpec,
    TranslationSpec,
)

PROJECT = "service_console"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_migrations() -> Path | str:
    """Return the folder holding this plugin's alembic versions (its own branch, labelled ``NAME``)."""


@hookspec
def register_models() -> Iterable[type]:
    """Return this plugin's mapped classes; every table is named ``<NAME>_<thing>``."""


@hookspec
def register_permissions() -> Iterable[PermissionSpec]:
    """Return the permissions this plugin checks, named ``<NAME>.<verb>``, with default roles."""


@hookspec
def register_settings() -> Iterable[SettingSpec]:
    """Return this plugin's organisation-wide settings, keyed ``<NAME>.<name>``."""


@hookspec
def register_pages() -> Iterable[PageSpec]:
    """Return the sidebar pages this plugin contributes."""


@hookspec
def register_actions() -> Iterable[ActionSpec]:
    """Return menu, toolbar and context-menu actions."""


@hookspec
def register_dashboard_charts() -> Iterable[ChartSpec]:
    """Return the charts this plugin adds to the dashboard."""


@hookspec
def register_search_providers() -> Iterable[SearchProviderSpec]:
    """Return global-search providers."""


@hookspec
def register_banners() -> Iterable[BannerSpec]:
    """Return banner sources: conditions every running console shows across its top (e.g. an unacknowledged critical bulletin)."""


@hookspec
def register_commands() -> Iterable[CommandSpec]:
    """Return ``service-console`` subcommands (named ``<NAME>`` or ``<NAME>-<verb>``)."""


@hookspec
def register_jobs() -> Iterable[JobSpec]:
    """Return background jobs, named ``<NAME>.<job>``."""


@hookspec
def register_demo_data() -> Iterable[DemoDataSpec]:
    """Return demo-data seeders, run by ``service-console demo seed`` in dependency order."""


@hookspec
def register_translations() -> Iterable[TranslationSpec]:
    """Return this plugin's Qt Linguist ``.ts`` files."""


@hookspec
def console_did_start(app: AppContext) -> None:
    """Called once the database is ready and every plugin is loaded (GUI, CLI and worker)."""


@hookspec
def event_did_occur(event: DomainEvent, app: AppContext) -> None:
    """Called after commit for every domain event any plugin or core published."""
