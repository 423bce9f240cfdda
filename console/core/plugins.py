"""Plugin discovery, dependency order, failure isolation and enable/disable.

pluggy's own loader stops at the first broken entry point and one raising hookimpl
aborts a whole hook call, so the host loads every entry point itself and calls each
plugin's hookimpl separately: a plugin that fails to import, to register, or inside
any hook is marked failed with its traceback and every other plugin keeps working.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from typing import Any, Iterable

import pluggy
from sqlalchemy import select
from sqlalchemy.orm import Session

from console import hookspecs
from console.core.db import utcnow
from console.core.models import PluginState

ENTRY_POINT_GROUP = "service_console.plugins"
BUILTIN_PLUGINS = ("incidents", "worktime", "spares", "partners", "crisis_bulletin")
log = logging.getLogger(__name__)

LOADED, DISABLED, FAILED = "loaded", "disabled", "failed"


@dataclass
class PluginRecord:
    """One installed plugin as the host sees it."""

    name: str
    module: Any = None
    version: str = "?"
    title: str = ""
    requires: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    distribution: str = ""
    state: str = LOADED
    error: str | None = None
    traceback: str | None = None
    failed_in: str | None = None
    builtin: bool = False

    @property
    def active(self) -> bool:
        """True when the plugin's hooks are called."""
        return self.state == LOADED

    def as_dict(self) -> dict[str, Any]:
        """The record as ``plugins list --json`` prints it."""
        return {
            "name": self.name, "version": self.version, "title": self.title,
            "state": self.state, "requires": list(self.requires), "optional": list(self.optional),
            "distribution": self.distribution, "builtin": self.builtin,
            "error": self.error, "failed_in": self.failed_in, "traceback": self.traceback,
        }


@dataclass
class PluginHost:
    """Loads plugins and calls their hooks, one plugin at a time, isolating failures."""

    records: dict[str, PluginRecord] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self._order: list[str] = []

    # -- loading ---------------------------------------------------------------------------
    def discover(self, eps: Iterable[EntryPoint] | None = None) -> None:
        """Load every entry point of ``service_console.plugins`` (or ``eps``), isolating failures."""
        eps = entry_points(group=ENTRY_POINT_GROUP) if eps is None else eps
        for ep in sorted(eps, key=lambda e: (e.name not in BUILTIN_PLUGINS, e.name)):
            dist = ep.dist.name if ep.dist else ""
            if ep.name in self.records:
                clash = PluginRecord(name=ep.name, distribution=dist)
                self._mark_failed(clash, "load", f"Plugin name '{ep.name}' is already provided by "
                                  f"'{self.records[ep.name].distribution or 'another package'}'; "
                                  f"uninstall one of the two or rename the plugin in '{dist}'.")
                self.records[f"{ep.name} ({dist or 'duplicate'})"] = clash
                continue
            try:
                module = ep.load()
            except BaseException as error:  # noqa: BLE001 - any failure must stay inside the plugin
                record = PluginRecord(name=ep.name, distribution=dist,
                                      builtin=ep.name in BUILTIN_PLUGINS and ep.value.startswith("plugins."))
                self._mark_failed(record, "import", f"Entry point '{ep.value}' could not be loaded: "
                                  f"{type(error).__name__}: {error}", error)
                self.records[ep.name] = record
                continue
            self.add(module, name=ep.name, distribution=dist)
        self.resolve()

    def add(self, module: Any, name: str | None = None, distribution: str = "") -> PluginRecord:
        """Register one plugin object; its failure is recorded, not raised."""
        declared = getattr(module, "NAME", None)
        name = name or declared or getattr(module, "__name__", repr(module))
        record = PluginRecord(
            name=name, module=module, distribution=distribution,
            version=str(getattr(module, "VERSION", "?")),
            title=str(getattr(module, "TITLE", name)),
            requires=tuple(getattr(module, "REQUIRES", ())),
            optional=tuple(getattr(module, "OPTIONAL", ())),
            builtin=name in BUILTIN_PLUGINS and getattr(module, "__name__", "").startswith("plugins."),
        )
        self.records[name] = record
        if declared != name:
            self._mark_failed(record, "load", f"The entry point is named '{name}' but the plugin's NAME "
                              f"is {declared!r}: they must be the same identity string.")
            return record
        try:
            self.pm.register(module, name=name)
            unknown = [c.name for c in self.pm.get_hookcallers(module) or [] if not c.has_spec()]
            if unknown:
                raise pluggy.PluginValidationError(module, f"unknown hooks: {', '.join(unknown)} "
                                                   "(see docs/hooks.md for the hook names)")
        except BaseException as error:  # noqa: BLE001
            self._mark_failed(record, "register", f"{type(error).__name__}: {error}", error)
        return record

    def resolve(self) -> None:
        """Order active plugins so each comes after what it ``REQUIRES`` (and after the ``OPTIONAL``
        plugins that are present); fail those whose required plugins are missing."""
        order: list[str] = []
        visiting: set[str] = set()

        def visit(name: str) -> bool:
            record = self.records[name]
            if name in order:
                return True
            if not record.active:
                return False
            if name in visiting:
                self._mark_failed(record, "load", f"Circular REQUIRES involving '{name}'.")
                return False
            visiting.add(name)
            for needed in record.requires:
                dependency = self.records.get(needed)
                if dependency is None or not visit(needed):
                    why = "is not installed" if dependency is None else f"is {dependency.state}"
                    self._mark_failed(record, "load", f"Requires plugin '{needed}', which {why}.")
                    visiting.discard(name)
                    return False
            for wanted in record.optional:  # present ones first; absent or broken ones are simply skipped
                if wanted in self.records and wanted not in visiting:
                    visit(wanted)
            visiting.discard(name)
            order.append(name)
            return True

        for name in sorted(self.records, key=lambda n: (n not in BUILTIN_PLUGINS, n)):
            visit(name)
        self._order = order

    # -- state -----------------------------------------------------------------------------
    def active(self) -> list[PluginRecord]:
        """Active plugins in dependency order."""
        return [self.records[n] for n in self._order if self.records[n].active]

    def is_active(self, name: str) -> bool:
        """True when the plugin ``name`` is installed and running (for ``OPTIONAL`` integrations)."""
        record = self.records.get(name)
        return record is not None and record.active and name in self._order

    def installed(self) -> list[PluginRecord]:
        """Every plugin whose module loaded, active or not (their migrations still run)."""
        return [r for r in self.records.values() if r.module is not None]

    def apply_states(self, session: Session) -> None:
        """Disable the plugins an admin disabled (persisted in ``core_plugin_state``)."""
        for state in session.scalars(select(PluginState).where(PluginState.enabled.is_(False))):
            record = self.records.get(state.name)
            if record is not None and record.active:
                record.state = DISABLED
                self.pm.unregister(name=record.name)
        for record in self.records.values():  # dependants of a disabled plugin stop too
            if record.state == LOADED and any(
                self.records.get(n) is None or not self.records[n].active for n in record.requires
            ):
                record.state = DISABLED
                record.error = f"Disabled because a required plugin ({', '.join(record.requires)}) is off."
                self.pm.unregister(name=record.name)
        self.resolve()

    @staticmethod
    def set_enabled(session: Session, name: str, enabled: bool) -> None:
        """Persist an admin's enable/disable choice; it takes effect at the next start."""
        state = session.get(PluginState, name) or PluginState(name=name)
        state.enabled = enabled
        state.changed_at = utcnow()
        session.add(state)

    # -- calling ---------------------------------------------------------------------------
    def call(self, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call ``hook`` on each active plugin in dependency order; a raising plugin is failed and skipped."""
        impls = {impl.plugin_name: impl for impl in getattr(self.pm.hook, hook).get_hookimpls()}
        results = []
        for name in list(self._order):
            impl = impls.get(name)
            if impl is None or not self.records[name].active:
                continue
            try:
                results.append((name, impl.function(*[kwargs[a] for a in impl.argnames])))
            except BaseException as error:  # noqa: BLE001
                self._mark_failed(self.records[name], hook, f"{type(error).__name__}: {error}", error)
        return results

    def collect(self, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Flatten the contributions a ``register_*`` hook returns, as ``(plugin name, item)`` pairs."""
        items = []
        for name, result in self.call(hook, **kwargs):
            try:
                items.extend((name, item) for item in (result or ()))
            except BaseException as error:  # noqa: BLE001 - a generator may raise while iterated
                self._mark_failed(self.records[name], hook, f"{type(error).__name__}: {error}", error)
        return items

    def call_installed(self, record: PluginRecord, hook: str) -> Any:
        """Call a hook on an installed plugin even when it is disabled (used for migrations)."""
        function = getattr(record.module, hook, None)
        if function is None:
            return None
        try:
            return function()
        except BaseException as error:  # noqa: BLE001
            self._mark_failed(record, hook, f"{type(error).__name__}: {error}", error)
            return None

    def fail(self, name: str, where: str, error: BaseException | str) -> None:
        """Mark a plugin failed from outside the host (e.g. its migration branch is broken)."""
        exc = error if isinstance(error, BaseException) else None
        message = f"{type(error).__name__}: {error}" if exc else str(error)
        self._mark_failed(self.records[name], where, message, exc)
        self.resolve()

    def _mark_failed(self, record: PluginRecord, where: str, message: str,
                     error: BaseException | None = None) -> None:
        record.state = FAILED
        record.failed_in = where
        record.error = message
        record.traceback = "".join(traceback.format_exception(error)) if error else None
        if record.module is not None and self.pm.is_registered(record.module):
            self.pm.unregister(record.module)
        log.warning("plugin %s failed in %s: %s", record.name, where, message)
