"""Migrations: one head per branch, up/down/up gives the same schema, models match, failures isolated."""

from importlib.metadata import EntryPoint

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from console.core import migrate
from console.core.db import make_engine
from console.core.errors import SchemaError
from console.core.plugins import FAILED, LOADED, PluginHost
from console.testing import backend_name

GROUP = "service_console.plugins"
FIXTURES = {"good": "good", "bad_migration": "bad_migration", "failing_migration": "failing_migration"}


def installed_host(**extra: str) -> PluginHost:
    """Every installed plugin (the built-ins) plus fixture plugins."""
    from importlib.metadata import entry_points

    host = PluginHost()
    eps = list(entry_points(group=GROUP))
    eps += [EntryPoint(name, f"tests.fixture_plugins.{module}", GROUP) for name, module in extra.items()]
    host.discover(eps)
    return host


def schema(engine) -> dict:
    inspector = inspect(engine)
    return {t: sorted((c["name"], str(c["type"])) for c in inspector.get_columns(t))
            for t in inspector.get_table_names()}


@pytest.fixture
def engine(fresh_database_url):
    engine = make_engine(fresh_database_url)
    yield engine
    engine.dispose()


def test_every_branch_has_exactly_one_head():
    host = installed_host(good="good")
    script = ScriptDirectory.from_config(migrate.build_config(host))
    labels = {label for rev in script.walk_revisions() for label in rev.branch_labels}
    assert {"core", "good"} <= labels
    for label in labels:
        assert len(script.get_revisions(f"{label}@head")) == 1, label
    assert len(script.get_heads()) == len(labels)


def test_upgrade_downgrade_each_plugin_and_upgrade_again_gives_the_same_schema(engine):
    host = installed_host(good="good")
    cfg = migrate.build_config(host)
    migrate.upgrade(engine, cfg)
    first = schema(engine)
    assert "good_thing" in first and "core_users" in first
    for name in migrate.plugin_version_dirs(host):
        migrate.downgrade(engine, cfg, f"{name}@base")
        assert not any(t.startswith(f"{name}_") for t in schema(engine)), name
        migrate.upgrade(engine, cfg)
    assert schema(engine) == first
    assert migrate.status(engine, cfg).is_current


def test_models_match_migrations(engine):
    host = installed_host(good="good")
    migrate.upgrade(engine, migrate.build_config(host))
    assert migrate.diff(engine, host) == []


@pytest.mark.skipif(backend_name() != "sqlite", reason="virtual tables are SQLite's")
def test_sqlite_virtual_tables_and_their_shadow_tables_are_not_differences(engine):
    host = installed_host(good="good")
    migrate.upgrade(engine, migrate.build_config(host))
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE VIRTUAL TABLE good_search USING fts5(body, tokenize='trigram')")
    assert migrate.diff(engine, host) == []


def test_broken_branches_fail_only_their_plugin(engine):
    host = installed_host(**FIXTURES)
    cfg = migrate.upgrade_branches(engine, host)
    assert host.records["bad_migration"].state == FAILED
    assert "no_such_revision" in host.records["bad_migration"].error
    assert host.records["failing_migration"].state == FAILED
    assert "this migration is broken" in host.records["failing_migration"].error
    assert host.records["good"].state == LOADED
    assert migrate.status(engine, cfg).is_current
    tables = schema(engine)
    assert "good_thing" in tables
    if backend_name() != "mariadb":  # MariaDB cannot roll back DDL
        assert "failing_migration_thing" not in tables


def test_embedded_database_upgrades_itself_after_a_backup(tmp_path):
    from sqlalchemy.engine import make_url

    url = make_url(f"sqlite:///{tmp_path}/embedded.db")
    engine = make_engine(url)
    core_only = PluginHost()
    migrate.upgrade(engine, migrate.build_config(core_only))
    host = installed_host(good="good")
    backup = migrate.ensure_schema(url, engine, host)
    assert backup is not None and backup.exists()
    assert migrate.status(engine, migrate.build_config(host)).is_current
    assert migrate.ensure_schema(url, engine, host) is None  # nothing to do the second time


@pytest.mark.skipif(backend_name() == "sqlite", reason="a server database is never upgraded by a client")
def test_an_out_of_date_server_database_names_the_admin_command(fresh_database_url, engine):
    from sqlalchemy.engine import make_url

    migrate.upgrade(engine, migrate.build_config(PluginHost()))
    with pytest.raises(SchemaError, match="service-console db upgrade --db"):
        migrate.ensure_schema(make_url(fresh_database_url), engine, installed_host(good="good"))


def test_a_database_from_a_newer_version_is_refused(engine, fresh_database_url):
    from sqlalchemy.engine import make_url

    host = PluginHost()
    migrate.upgrade(engine, migrate.build_config(host))
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES ('core_9999')"))
    with pytest.raises(SchemaError, match="newer Service Console"):
        migrate.ensure_schema(make_url(fresh_database_url), engine, host)
