"""Alembic configured in code: core's branch plus one branch per installed plugin.

Installed-but-disabled plugins keep their branch, so disabling never strands a schema.
A plugin whose branch is broken (a missing parent revision, two heads, a wrong label)
is failed on its own and left out; core and every other branch still migrate.
The embedded SQLite file upgrades itself after a backup copy; a server database is only
ever upgraded by ``service-console db upgrade``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, exc, text
from sqlalchemy.engine import URL

from console.core.db import Base, default_data_dir, is_embedded
from console.core.errors import SchemaError
from console.core.plugins import PluginHost

if TYPE_CHECKING:  # pragma: no cover - alembic is imported only when it is needed
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)
#: Revision graphs of migration folders already read, keyed by the folders' fingerprint.
GRAPH_CACHE = default_data_dir() / "cache"

SCRIPT_LOCATION = Path(__file__).resolve().parent.parent / "migrations"
CORE_VERSIONS = SCRIPT_LOCATION / "versions"
CORE_BRANCH = "core"
#: The core revision every plugin's first migration ``depends_on`` (part of the plugin contract).
CORE_BASE_REVISION = "core_0001"


def _config(version_dirs: list[Path]) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("version_locations", os.pathsep.join(str(d) for d in version_dirs))
    return cfg


def plugin_locations(host: PluginHost) -> dict[str, Path]:
    """Each installed plugin's versions folder, as it declares it (sound or not)."""
    locations: dict[str, Path] = {}
    for record in host.installed():
        if record.failed_in == "migrations":
            continue
        location = host.call_installed(record, "register_migrations")
        if location is not None:
            locations[record.name] = Path(location)
    return locations


def plugin_version_dirs(host: PluginHost) -> dict[str, Path]:
    """Each installed plugin's versions folder whose branch is sound; broken ones are failed."""
    dirs: dict[str, Path] = {}
    for name, path in plugin_locations(host).items():
        problem = _branch_problem(name, path)
        if problem:
            host.fail(name, "migrations", problem)
        else:
            dirs[name] = path
    return dirs


def _branch_problem(name: str, path: Path) -> str | None:
    from alembic.script import ScriptDirectory

    if not path.is_dir():
        return f"Its migrations folder {path} does not exist."
    try:
        with warnings.catch_warnings():  # alembic warns of a missing parent; we report it ourselves
            warnings.simplefilter("ignore")
            script = ScriptDirectory.from_config(_config([CORE_VERSIONS, path]))
            heads = script.get_heads()
        own = [h for h in heads if name in script.get_revision(h).branch_labels
               or any(name in r.branch_labels for r in script.iterate_revisions(h, "base"))]
    except Exception as error:  # noqa: BLE001 - alembic raises many kinds for a bad folder
        return f"Its migrations in {path} are broken: {error}"
    if len(own) != 1:
        return (f"Its migrations in {path} must form one branch labelled '{name}' with one head; "
                f"found heads {own or 'none'}.")
    return None


def build_config(host: PluginHost) -> Config:
    """The alembic ``Config`` for core plus every sound plugin branch."""
    return _config([CORE_VERSIONS, *plugin_version_dirs(host).values()])


def import_models(host: PluginHost) -> None:
    """Import the models of every installed plugin so ``Base.metadata`` is complete."""
    import console.core.models  # noqa: F401 - registers core tables

    for record in host.installed():
        host.call_installed(record, "register_models")


@dataclass(frozen=True)
class SchemaStatus:
    """Where a database stands against this console's migrations.

    ``current`` is every applied revision: the database's heads and all they stand on,
    through parents and ``depends_on`` alike (alembic stores only the heads).
    Revision ids are ``<branch>_<nnnn>``: an unknown revision of a branch this console
    has is ``unknown`` (a newer version wrote it); one of a branch it lacks is
    ``foreign`` (a plugin that is not installed here), which does not stop this client.
    """

    current: frozenset[str]
    heads: frozenset[str]
    unknown: frozenset[str]
    foreign: frozenset[str] = frozenset()

    @property
    def is_current(self) -> bool:
        """True when every head is applied."""
        return self.heads <= self.current

    @property
    def is_empty(self) -> bool:
        """True for a database that was never migrated."""
        return not self.current and not self.unknown


@dataclass(frozen=True)
class RevisionGraph:
    """What the migration folders say, reduced to what a schema check needs.

    ``ancestors[r]`` is ``r`` and every revision it stands on, through parents and
    ``depends_on`` alike (alembic stores only heads in the database); ``problems`` are the
    plugins whose branch is unsound, with the reason. It is cached on disk per fingerprint of
    the folders, so a console whose schema is current never imports alembic at start-up.
    """

    heads: frozenset[str]
    ancestors: dict[str, frozenset[str]]
    branches: frozenset[str]
    problems: dict[str, str]

    @classmethod
    def from_script(cls, script: ScriptDirectory, problems: dict[str, str] | None = None) -> RevisionGraph:
        """Read the graph from alembic's script directory."""
        parents: dict[str, set[str]] = {}
        branches: set[str] = set()
        for revision in script.walk_revisions():
            branches.update(revision.branch_labels)
            wanted = (*_as_tuple(revision.down_revision), *_as_tuple(revision.dependencies))
            parents[revision.revision] = {r.revision for name in wanted
                                          for r in script.get_revisions(name) if r is not None}
        ancestors: dict[str, frozenset[str]] = {}

        def closure(name: str) -> frozenset[str]:
            if name not in ancestors:
                found, stack = set(), [name]
                while stack:
                    current = stack.pop()
                    if current not in found:
                        found.add(current)
                        stack.extend(parents.get(current, ()))
                ancestors[name] = frozenset(found)
            return ancestors[name]

        for name in parents:
            closure(name)
        return cls(frozenset(script.get_heads()), ancestors, frozenset(branches), dict(problems or {}))

    def to_json(self) -> str:
        """The graph as JSON for the cache."""
        return json.dumps({"heads": sorted(self.heads), "branches": sorted(self.branches),
                           "ancestors": {k: sorted(v) for k, v in self.ancestors.items()},
                           "problems": self.problems})

    @classmethod
    def from_json(cls, text_: str) -> RevisionGraph:
        """The graph from the cache's JSON."""
        data = json.loads(text_)
        return cls(frozenset(data["heads"]), {k: frozenset(v) for k, v in data["ancestors"].items()},
                   frozenset(data["branches"]), dict(data["problems"]))

    def status(self, stored: set[str]) -> SchemaStatus:
        """Where a database whose ``alembic_version`` holds ``stored`` stands."""
        strangers = stored - set(self.ancestors)
        foreign = {r for r in strangers if r.rpartition("_")[0] not in self.branches}
        implied = {CORE_BASE_REVISION} if foreign else set()  # alembic folds it into the foreign head
        applied = set().union(*(self.ancestors[r] for r in (stored & set(self.ancestors)) | implied
                                if r in self.ancestors))
        return SchemaStatus(frozenset(applied), self.heads, frozenset(strangers - foreign), frozenset(foreign))


def _as_tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def stored_revisions(engine: Engine) -> set[str]:
    """The revisions in the database's ``alembic_version`` table (none for a new database)."""
    try:
        with engine.connect() as conn:
            return {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}
    except exc.DatabaseError:  # no such table yet: a database never migrated
        return set()


def graph_for(cfg: Config, problems: dict[str, str] | None = None) -> RevisionGraph:
    """The revision graph of a configuration."""
    from alembic.script import ScriptDirectory

    return RevisionGraph.from_script(ScriptDirectory.from_config(cfg), problems)


def status(engine: Engine, cfg: Config) -> SchemaStatus:
    """Compare the database's alembic revisions with the heads this console knows."""
    return graph_for(cfg).status(stored_revisions(engine))


def _fingerprint(locations: dict[str, Path]) -> str:
    """A digest of the migration folders: plugin names, file names, sizes and modification times."""
    digest = hashlib.sha256()
    for owner, folder in sorted({CORE_BRANCH: CORE_VERSIONS, **locations}.items()):
        digest.update(f"{owner}={folder}\n".encode())
        files = sorted(folder.glob("*.py")) if folder.is_dir() else []
        for path in files:
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def current_graph(host: PluginHost) -> RevisionGraph:
    """The revision graph of core plus every installed plugin, from the cache when the folders are
    unchanged (no alembic import), else read with alembic and cached. Unsound plugin branches
    fail their plugin either way."""
    locations = plugin_locations(host)
    cached = GRAPH_CACHE / f"schema-{_fingerprint(locations)}.json"
    try:
        graph = RevisionGraph.from_json(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError):
        graph = None
    if graph is None:
        problems = {name: why for name, path in locations.items() if (why := _branch_problem(name, path))}
        sound = [path for name, path in locations.items() if name not in problems]
        graph = graph_for(_config([CORE_VERSIONS, *sound]), problems)
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(graph.to_json(), encoding="utf-8")
        except OSError as error:  # a read-only home only costs start-up time
            log.debug("revision graph not cached: %s", error)
    for name, why in graph.problems.items():
        host.fail(name, "migrations", why)
    return graph


def _run(engine: Engine, cfg: Config, fn_name: str, *args) -> None:
    from alembic import command

    fn = getattr(command, fn_name)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":  # batch mode recreates tables: FKs off outside the transaction
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        cfg.attributes["connection"] = conn
        try:
            fn(cfg, *args)
            conn.commit()
        finally:
            if engine.dialect.name == "sqlite":
                conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")


def upgrade(engine: Engine, cfg: Config, target: str = "heads") -> None:
    """Upgrade to ``target`` (every branch's head by default)."""
    _run(engine, cfg, "upgrade", target)


def downgrade(engine: Engine, cfg: Config, target: str) -> None:
    """Downgrade to ``target``, e.g. ``spares@base`` to remove one plugin's tables."""
    _run(engine, cfg, "downgrade", target)


def diff(engine: Engine, host: PluginHost) -> list:
    """Differences between the models and the database (empty when they match)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    import_models(host)
    with engine.connect() as conn:
        virtual = _virtual_tables(conn)
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return [d for d in compare_metadata(context, Base.metadata) if not _ignorable(d, virtual)]


def _virtual_tables(conn) -> tuple[str, ...]:
    """SQLite virtual tables (FTS5 indexes, say): SQLAlchemy models cannot describe them."""
    if conn.dialect.name != "sqlite":
        return ()
    rows = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'")
    return tuple(name for (name,) in rows)


def _ignorable(difference, virtual: tuple[str, ...]) -> bool:
    """alembic's own version table and SQLite virtual tables with their shadow tables are not models."""
    if difference[0] != "remove_table":
        return False
    name = difference[1].name
    return name == "alembic_version" or any(name == v or name.startswith(f"{v}_") for v in virtual)


def backup_sqlite(url: URL, reason: str = "backup") -> Path:
    """Copy the embedded database (WAL-safe, through SQLite's backup API) to a timestamped file."""
    source = Path(url.database)
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = source.with_name(f"{source.stem}.{reason}-{stamp}{source.suffix}")
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    dst.close()
    return target


def upgrade_branches(engine: Engine, host: PluginHost) -> Config:
    """Upgrade core, then each plugin's branch on its own; a failing plugin branch fails only that plugin.

    Returns the configuration of what is left sound. A failing core branch raises ``SchemaError``.
    """
    cfg = build_config(host)
    try:
        upgrade(engine, cfg, f"{CORE_BRANCH}@head")
    except Exception as error:
        raise SchemaError(f"The core schema could not be upgraded: {error}") from error
    for name in plugin_version_dirs(host):
        try:
            upgrade(engine, cfg, f"{name}@head")
        except Exception as error:  # noqa: BLE001 - the plugin's own migration code failed
            host.fail(name, "migrations", error)
    return build_config(host)


def ensure_schema(url: URL, engine: Engine, host: PluginHost) -> Path | None:
    """Make the schema usable or stop with a clear message.

    Embedded SQLite: back up (unless new), then upgrade branch by branch; returns the backup path.
    Server: never changed here; out of date raises ``SchemaError`` naming the admin command.
    """
    state = current_graph(host).status(stored_revisions(engine))
    if state.unknown:
        raise SchemaError(
            "This database was upgraded by a newer Service Console (unknown revisions "
            f"{', '.join(sorted(state.unknown))}). Install the newer version of the console or its plugins."
        )
    if state.is_current:
        return None
    if not is_embedded(url):
        safe_url = url.render_as_string(hide_password=True)
        raise SchemaError(
            "The database schema is older than this console. Ask an administrator to run: "
            f"service-console db upgrade --db '{safe_url}'"
        )
    backup = None if state.is_empty else backup_sqlite(url, "before-upgrade")
    upgrade_branches(engine, host)
    return backup
