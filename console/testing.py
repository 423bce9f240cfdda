"""pytest fixtures for Service Console and its plugin authors (loaded as a pytest11 plugin).

The backend comes from ``SERVICE_CONSOLE_TEST_DB``: ``sqlite`` (default), ``postgresql`` or
``mariadb`` (the local servers), or a server URL. Each test session creates its own empty
database on that server and drops it at the end, so parallel runs never share data.
``isolated_qsettings`` keeps a test's UI settings out of the user's own; ``console_window`` is
a shell window with every installed plugin; ``PluginContract`` is the contract suite to subclass;
``fill_form(dialog, **values)`` types into a ``FormDialog`` as a user would.

Fixtures: ``database_url`` (session, migrated by ``console_app``), ``console_app`` / ``app``
(the migrated application with every installed plugin), ``fresh_database_url`` (an empty
database per test), ``make_actor`` (a signed-in user with chosen roles), ``admin``.
"""

from __future__ import annotations

import os
import uuid
from typing import Callable, Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

SERVERS = {
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    "mariadb": "mariadb+pymysql://root@127.0.0.1:3306/test",
}


def backend_name() -> str:
    """The backend the tests run on: sqlite, postgresql or mariadb."""
    chosen = os.environ.get("SERVICE_CONSOLE_TEST_DB", "sqlite")
    return make_url(SERVERS.get(chosen, chosen)).get_backend_name() if chosen != "sqlite" else "sqlite"


def _server_url() -> str:
    chosen = os.environ.get("SERVICE_CONSOLE_TEST_DB", "sqlite")
    return SERVERS.get(chosen, chosen)


def create_database(tmp_dir) -> tuple[str, Callable[[], None]]:
    """Create an empty database on the test backend; returns its URL and a function that drops it."""
    if backend_name() == "sqlite":
        return f"sqlite:///{tmp_dir}/console-{uuid.uuid4().hex[:8]}.db", lambda: None
    server = make_url(_server_url())
    name = f"sc_test_{uuid.uuid4().hex[:12]}"
    admin_engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as conn:
        if server.get_backend_name() == "postgresql":
            conn.execute(text(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0'))
        else:
            conn.execute(text(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"))

    def drop() -> None:
        with admin_engine.connect() as conn:
            if server.get_backend_name() == "postgresql":
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            else:
                conn.execute(text(f"DROP DATABASE IF EXISTS `{name}`"))
        admin_engine.dispose()

    return server.set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> Iterator[str]:
    """An empty database for the whole test session (``console_app`` migrates it)."""
    url, drop = create_database(tmp_path_factory.mktemp("db"))
    yield url
    drop()


@pytest.fixture
def fresh_database_url(tmp_path) -> Iterator[str]:
    """An empty database of its own for one test."""
    url, drop = create_database(tmp_path)
    yield url
    drop()


def upgrade_database(url: str) -> None:
    """Bring a database to every installed branch's head, as ``service-console db upgrade`` does.

    A console never upgrades a server database by itself, so tests on PostgreSQL or MariaDB
    play the administrator first; the embedded SQLite file would upgrade itself anyway.
    """
    from console.core import migrate
    from console.core.bootstrap import connect
    from console.core.plugins import PluginHost

    _url, engine = connect(url)
    try:
        host = PluginHost()
        host.discover()
        migrate.upgrade_branches(engine, host)
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def console_app(database_url):
    """The application opened on the session database: migrated, every installed plugin loaded."""
    from console.core.bootstrap import open_app

    upgrade_database(database_url)
    app, _ = open_app(database_url)
    yield app
    app.engine.dispose()


@pytest.fixture
def app(console_app):
    """The session's application (tests use unique names, so they do not depend on each other)."""
    return console_app


@pytest.fixture
def make_actor(console_app) -> Callable[..., object]:
    """Create a user with ``roles`` and return their ``Actor``: ``make_actor("engineer", "team_lead")``."""
    from console.core import auth

    def make(*roles: str, username: str | None = None, **fields):
        username = username or f"user_{uuid.uuid4().hex[:8]}"
        auth.create_user(console_app, auth.Actor.system(), username=username, password="Secret-123!",
                         display_name=fields.pop("display_name", username), roles=roles or ("read_only",),
                         **fields)
        return auth.actor_for(console_app, username)

    return make


@pytest.fixture
def isolated_qsettings(tmp_path_factory):
    """QSettings (window layout, language, last page) written in a fresh folder of their own, never the user's."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def admin(make_actor):
    """A signed-in administrator."""
    return make_actor("admin")


@pytest.fixture
def console_window(qtbot, app, admin, isolated_qsettings):
    """The shell's main window for an administrator, every installed plugin loaded, shown offscreen.

    ``console_window.open_page(page_id)`` opens a page; ``page_widget(page_id)`` returns it.
    Needs pytest-qt (``qtbot``) and ``QT_QPA_PLATFORM=offscreen`` without a display. Afterwards the
    window is closed, its background reads (counts, charts) are waited for and the window is deleted
    with its pages and their timers, so nothing of it reads the database once the session drops it.
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    from console.ui.main_window import MainWindow
    from console.ui.support import wait_for_background

    window = MainWindow(app, admin, remember=False)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # no timer of it starts more reads
    wait_for_background()  # reads already running (lists, counts, charts) finish; queued ones are dropped
    qtbot.wait(10)  # deliver what the reads returned (to deleted pages, which ignore it)


def fill_form(dialog, **values) -> None:
    """Type ``values`` into a ``FormDialog``'s inputs by field key: text into line and text edits,
    a bool into a check box, a ``date`` (``datetime``) into a date (date-time) edit, a choice's value into a combo box."""
    from PySide6.QtWidgets import QCheckBox, QDateEdit, QDateTimeEdit, QLineEdit, QPlainTextEdit

    for key, value in values.items():
        editor = dialog.inputs[key]
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value)
        elif isinstance(editor, QLineEdit):
            editor.setText(value)
        elif isinstance(editor, QCheckBox):
            editor.setChecked(value)
        elif isinstance(editor, QDateEdit):
            editor.setDate(value)
        elif isinstance(editor, QDateTimeEdit):
            editor.setDateTime(value)
        else:
            index = editor.findData(value)
            assert index >= 0, f"{value!r} is not a choice of {key}"
            editor.setCurrentIndex(index)


class PluginContract:
    """The contract suite for one installed plugin: subclass it in your tests and name the plugin.

        from console.testing import PluginContract

        class TestContract(PluginContract):
            plugin = "toolbox"

    It checks the identity string, the hook implementations, the table prefix, the imports
    (console.api only; other plugins through a declared api.py), the translations and the migrations (one head;
    up, down to base and up again on an empty database; models match). Each failure says what
    to fix. ``service-console plugin check NAME`` runs the same checks without pytest.
    """

    plugin = ""

    @pytest.fixture(scope="class")
    @classmethod
    def subject(cls):
        """The plugin host and the plugin's record."""
        from console import contract

        return contract.load(cls.plugin)

    def test_identity(self, subject):
        """Entry-point name = NAME, a valid identifier, VERSION set."""
        from console import contract

        assert contract.check_identity(*subject) == []

    def test_hookimpls_match_the_specs(self, subject):
        """Every @hookimpl is a known hook with the spec's arguments."""
        from console import contract

        assert contract.check_hookimpls(*subject) == []

    def test_tables_carry_the_prefix(self, subject):
        """Every table is named <NAME>_<thing>."""
        from console import contract

        assert contract.check_tables(*subject) == []

    def test_imports_follow_the_layers(self, subject):
        """console.api only; Qt in ui/ only; other plugins through a declared api.py."""
        from console import contract

        assert contract.check_imports(*subject) == []

    def test_every_shown_string_is_translated(self, subject):
        """Each shipped .ts translates every title, help text and ui/ literal, and holds nothing unused."""
        from console import contract

        assert contract.check_translations(*subject) == []

    def test_migrations_have_one_head_and_downgrade_cleanly(self, subject, fresh_database_url):
        """One branch, one head on core; upgrade, downgrade to base, upgrade again; models match."""
        from console import contract

        assert contract.check_migrations(*subject, fresh_database_url) == []
