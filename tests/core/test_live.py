"""Live signals: a committed announce reaches a listener on PostgreSQL; a rollback does not."""

import threading

import pytest
from sqlalchemy.orm import Session

from console.core import live
from console.core.db import make_engine
from console.testing import backend_name


def test_channel_names_are_safe_identifiers():
    assert live.channel_name("crisis_bulletin.Critical-Banner") == "service_console_crisis_bulletin_critical_banner"
    assert len(live.channel_name("x" * 200)) == 63


@pytest.mark.skipif(backend_name() != "postgresql", reason="only PostgreSQL pushes notifications; others poll")
def test_a_committed_announce_reaches_the_listener_and_a_rollback_does_not(database_url):
    engine = make_engine(database_url)
    heard, arrived = [], threading.Event()
    listener = live.Listener(engine.url, ["bulletins", "other"], lambda c: (heard.append(c), arrived.set()))
    listener.start()
    try:
        assert listener.wait_ready()
        with Session(engine) as session:
            live.announce(session, "bulletins")
            session.rollback()
        with Session(engine) as session:
            live.announce(session, "bulletins")
            session.commit()
        assert arrived.wait(10)
        assert heard == ["bulletins"]
    finally:
        listener.stop()
        engine.dispose()


def test_announce_is_harmless_where_nothing_listens(database_url):
    engine = make_engine(database_url)
    with Session(engine) as session:
        live.announce(session, "bulletins")
        session.commit()
    engine.dispose()
    assert live.supported(engine.url) == (backend_name() == "postgresql")
