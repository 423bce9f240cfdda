"""The database layer: URLs, pragmas, UTC and Decimal columns, locking, stale edits, the unit of work."""

import threading
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from console.core import db
from console.core.auth import Actor
from console.core.errors import ConfigError, PermissionDenied, StaleEditError
from console.testing import backend_name


def test_url_comes_from_option_then_environment_then_the_embedded_file(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv(db.ENV_VAR, raising=False)
    assert db.resolve_url(None).database == str(tmp_path / "service-console" / "service-console.db")
    monkeypatch.setenv(db.ENV_VAR, "postgresql://u@h/envdb")
    assert db.resolve_url(None).database == "envdb"
    assert db.resolve_url("mariadb://u@h/x").drivername == "mariadb+pymysql"
    assert db.resolve_url("postgresql://u@h/x").drivername == "postgresql+psycopg"


@pytest.mark.parametrize("bad", ["not a url", "oracle://u@h/x"])
def test_bad_urls_say_what_to_write(bad):
    with pytest.raises(ConfigError, match="sqlite|postgresql"):
        db.resolve_url(bad)


def test_sqlite_pragmas(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path}/p.db")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.SQLITE_BUSY_TIMEOUT_MS


class _Base(DeclarativeBase):
    metadata = MetaData(naming_convention=db.NAMING_CONVENTION)


class Account(db.Versioned, _Base):
    __tablename__ = "test_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str] = mapped_column(String(64))
    balance: Mapped[Decimal] = mapped_column(db.Money())
    opened_at: Mapped[datetime] = mapped_column(db.UTCDateTime)


@pytest.fixture
def engine(fresh_database_url):
    engine = db.make_engine(fresh_database_url)
    _Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


def test_aware_utc_and_exact_decimals_round_trip(engine):
    shanghai = timezone(timedelta(hours=8))
    opened = datetime(2026, 2, 17, 9, 30, 15, 123456, tzinfo=shanghai)
    sessions = db.session_factory(engine)
    with db.session_scope(sessions) as session:
        session.add(Account(id=1, owner="王伟", balance=Decimal("1234567.89"), opened_at=opened))
    with db.session_scope(sessions) as session:
        account = session.get(Account, 1)
        assert account.opened_at == opened and account.opened_at.tzinfo == timezone.utc
        assert account.balance == Decimal("1234567.89") and isinstance(account.balance, Decimal)
        assert account.owner == "王伟"


def test_naive_datetimes_and_floats_are_refused(engine):
    with pytest.raises(Exception, match="naive"):
        with db.session_scope(db.session_factory(engine)) as session:
            session.add(Account(id=2, owner="x", balance=Decimal(1), opened_at=datetime(2026, 1, 1)))
    with pytest.raises(TypeError):
        db.as_decimal(0.1)


def test_an_edit_of_an_older_copy_is_refused_with_a_reload_message(engine):
    sessions = db.session_factory(engine)
    with db.session_scope(sessions) as session:
        session.add(Account(id=3, owner="a", balance=Decimal(0), opened_at=db.utcnow()))
    with db.session_scope(sessions) as session:
        loaded_version = session.get(Account, 3).version  # the form opens
    with db.session_scope(sessions) as session:
        session.get(Account, 3).owner = "them"  # someone else saves
    with pytest.raises(StaleEditError, match="changed by someone else"):
        with db.session_scope(sessions) as session:
            account = session.get(Account, 3)
            db.expect_version(account, loaded_version)


@pytest.mark.skipif(backend_name() == "sqlite", reason="SQLite serialises writers: the race cannot happen")
def test_a_write_racing_another_is_refused(engine):
    sessions = db.session_factory(engine)
    with db.session_scope(sessions) as session:
        session.add(Account(id=4, owner="a", balance=Decimal(0), opened_at=db.utcnow()))
    first, second = sessions(), sessions()
    mine, theirs = first.get(Account, 4), second.get(Account, 4)
    theirs.owner = "them"
    second.commit()
    second.close()
    mine.owner = "me"
    with pytest.raises(StaleEditError, match="changed by someone else"):
        with db.session_scope(lambda: first):
            pass


def test_read_then_write_never_loses_an_update_between_connections(engine):
    counters = Table("test_counter", MetaData(), Column("id", Integer, primary_key=True), Column("n", Integer))
    counters.create(engine)
    with engine.begin() as conn:
        conn.execute(counters.insert().values(id=1, n=0))

    def bump(times: int) -> None:
        for _ in range(times):
            with engine.begin() as conn:
                n = conn.execute(select(counters.c.n).where(counters.c.id == 1).with_for_update()).scalar_one()
                conn.execute(counters.update().where(counters.c.id == 1).values(n=n + 1))

    threads = [threading.Thread(target=bump, args=(40,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with engine.connect() as conn:
        assert conn.execute(select(counters.c.n)).scalar_one() == 120


@pytest.mark.skipif(backend_name() != "sqlite", reason="the SQLite transaction recipe")
def test_sqlite_writers_begin_immediate_and_readers_deferred(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path}/lock.db")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    writer = engine.connect()
    writer.begin()  # BEGIN IMMEDIATE takes the write lock now
    reader = engine.execution_options(sqlite_readonly=True).connect()
    assert reader.execute(text("SELECT count(*) FROM t")).scalar() == 0  # readers are not blocked
    reader.close()
    writer.rollback()
    writer.close()


def test_unit_of_work_checks_permission_first_and_publishes_events_after_commit(app, monkeypatch):
    published = []
    monkeypatch.setattr(app, "publish", published.append)
    viewer = Actor(None, "viewer", "Viewer", frozenset({"read_only"}), frozenset())
    with pytest.raises(PermissionDenied, match="core.settings.edit"):
        with app.unit_of_work(viewer, "core.settings.edit"):
            raise AssertionError("the block must not run")
    with pytest.raises(RuntimeError):
        with app.unit_of_work(Actor.system()) as work:
            work.emit("test.never")
            raise RuntimeError("rolled back")
    assert published == []
    with app.unit_of_work(Actor.system()) as work:
        work.emit("test.happened", key=1)
        work.audit("test.did", "thing", 1, {"k": "v"})
    assert [e.name for e in published] == ["test.happened"] and published[0].payload == {"key": 1}
