"""Engine and session factory, backend pragmas, naming convention, shared column types.

One SQL database serves the core and every plugin. The URL comes from ``--db``,
else ``SERVICE_CONSOLE_DB``, else an embedded SQLite file in the user's data directory.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Iterator

from sqlalchemy import DateTime, Engine, MetaData, Numeric, create_engine, event, exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, declared_attr, mapped_column, sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.types import TypeDecorator

from console.core.errors import ConfigError, StaleEditError

ENV_VAR = "SERVICE_CONSOLE_DB"
SQLITE_BUSY_TIMEOUT_MS = 15_000

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every table, core's and plugins' alike."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator):
    """An aware datetime stored as UTC; naive values are refused, loaded values are aware UTC.

    ``timestamptz`` on PostgreSQL, ``DATETIME(6)`` (microseconds) on MariaDB, text on SQLite.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name in ("mysql", "mariadb"):  # the MySQL types load only for that backend
            from sqlalchemy.dialects.mysql import DATETIME

            return dialect.type_descriptor(DATETIME(fsp=6))
        return dialect.type_descriptor(self.impl)

    def __init__(self, timezone: bool = True):  # accepts the argument autogenerate renders
        super().__init__()

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware datetime")
        value = value.astimezone(timezone.utc)
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def Money() -> Numeric:  # noqa: N802 - reads as a type in column declarations
    """Money column type: exact decimal with two places, loaded as ``Decimal``."""
    return Numeric(14, 2, asdecimal=True)


def Quantity() -> Numeric:  # noqa: N802
    """Quantity column type: exact decimal with three places (metres, litres, hours)."""
    return Numeric(14, 3, asdecimal=True)


def utcnow() -> datetime:
    """The current instant as an aware UTC datetime."""
    return datetime.now(timezone.utc)


class Versioned:
    """Mixin for editable rows: a version column that SQLAlchemy checks on every UPDATE.

    A stale write raises ``StaleDataError`` at flush; ``session_scope`` turns it into
    ``StaleEditError`` so the user's form keeps what they typed.
    """

    version: Mapped[int] = mapped_column(nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls):  # noqa: N805
        return {"version_id_col": cls.__table__.c.version}


def expect_version(record: Versioned, expected: int | None, what: str = "This record") -> None:
    """Refuse an edit made on a copy older than ``record``: the form names the version it loaded.

    Sessions are short (on SQLite a reading session holds the write lock), so an edit is
    applied in a new session; this check plus ``version_id_col`` covers both the slow
    case (someone saved while the form was open) and the race during the flush.
    """
    if expected is not None and record.version != expected:
        raise StaleEditError(what)


def default_data_dir() -> Path:
    """The per-user data directory for the embedded database and backups."""
    if sys.platform == "win32":
        root = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Application Support"
    else:
        root = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return root / "service-console"


def resolve_url(cli_value: str | None = None) -> URL:
    """The database URL: ``--db``, else ``SERVICE_CONSOLE_DB``, else the embedded SQLite file.

    Bare ``postgresql://`` and ``mysql://``/``mariadb://`` URLs get the project's drivers.
    """
    raw = cli_value or os.environ.get(ENV_VAR)
    if not raw:
        path = default_data_dir() / "service-console.db"
        return make_url(f"sqlite:///{path}")
    try:
        url = make_url(raw)
    except exc.ArgumentError:
        raise ConfigError(
            f"'{raw}' is not a database URL. Use for example sqlite:///path/to/console.db, "
            "postgresql://user@host:5432/dbname or mariadb://user@host:3306/dbname."
        ) from None
    drivers = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg",
               "mysql": "mysql+pymysql", "mariadb": "mariadb+pymysql"}
    if url.drivername in drivers:
        url = url.set(drivername=drivers[url.drivername])
    if url.get_backend_name() not in ("sqlite", "postgresql", "mysql", "mariadb"):
        raise ConfigError(
            f"Unsupported database '{url.get_backend_name()}' in {url.render_as_string()}: "
            "use sqlite, postgresql or mariadb."
        )
    return url


def is_embedded(url: URL) -> bool:
    """True for the SQLite file that the console upgrades by itself."""
    return url.get_backend_name() == "sqlite"


def make_engine(url: URL | str, **kwargs) -> Engine:
    """An engine for ``url`` with the backend's settings applied.

    SQLite: WAL, busy timeout, ``foreign_keys=ON`` and ``BEGIN IMMEDIATE`` for every
    transaction, so a read-then-write never loses an update to another connection;
    pass ``execution_options(sqlite_readonly=True)`` for a reader that begins deferred.
    """
    url = make_url(url) if isinstance(url, str) else url
    backend = url.get_backend_name()
    if backend == "sqlite":
        database = url.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    if backend in ("mysql", "mariadb"):
        kwargs.setdefault("isolation_level", "READ COMMITTED")
        url = url.update_query_dict({"charset": "utf8mb4"})
    return create_engine(url, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # let BEGIN below own the transaction
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        readonly = conn.get_execution_options().get("sqlite_readonly", False)
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit (the UI shows them)."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session that commits on success, rolls back on error and maps stale writes."""
    session = factory()
    try:
        yield session
        session.commit()
    except StaleDataError:
        session.rollback()
        raise StaleEditError() from None
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def as_decimal(value) -> Decimal:
    """Coerce an input (str, int, Decimal) to ``Decimal``; floats are refused."""
    if isinstance(value, float):
        raise TypeError("money and quantities are Decimal, never float")
    return value if isinstance(value, Decimal) else Decimal(str(value))
