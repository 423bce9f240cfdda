"""Live signals between running consoles: PostgreSQL ``LISTEN/NOTIFY``; other backends are polled.

A service that changes something every console must see at once (a critical bulletin, say)
calls ``announce(session, channel)`` inside its transaction; PostgreSQL delivers the
notification when the transaction commits, never for a rollback. Each console's
``Listener`` holds one extra connection that waits on the channels its banners name.
SQLite and MariaDB have no such mechanism: there the shell polls (cheaply) instead.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Callable, Iterable

from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)
PREFIX = "service_console_"
RETRY_SECONDS = 5.0


def supported(url: URL) -> bool:
    """True when the backend pushes notifications (PostgreSQL)."""
    return url.get_backend_name() == "postgresql"


def channel_name(channel: str) -> str:
    """The database channel for a plugin's channel name (prefixed, only ``[a-z0-9_]``, ≤ 63 bytes)."""
    return (PREFIX + re.sub(r"[^a-z0-9_]+", "_", channel.lower()))[:63]


def announce(session: Session, channel: str, payload: str = "") -> None:
    """Tell every listening console that ``channel`` changed, once this transaction commits.

    A no-op on backends without notifications; their consoles find the change at the next poll.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:channel, :payload)"),
                        {"channel": channel_name(channel), "payload": payload[:7000]})


class Listener:
    """Waits on ``channels`` of a PostgreSQL database in a daemon thread; calls ``on_notify(channel)``.

    ``on_notify`` runs on the listener's thread. A lost connection is retried every few
    seconds; ``stop()`` ends the thread within a second.
    """

    def __init__(self, url: URL, channels: Iterable[str], on_notify: Callable[[str], None]):
        self._conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._channels = {channel_name(c): c for c in channels}
        self._on_notify = on_notify
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="console-listener", daemon=True)

    def start(self) -> Listener:
        """Start listening; returns self."""
        self._thread.start()
        return self

    def wait_ready(self, timeout: float = 10.0) -> bool:
        """Block until the LISTEN statements are in place (tests use this before they announce)."""
        return self._ready.wait(timeout)

    def stop(self) -> None:
        """Stop listening and close the connection."""
        self._stop.set()
        self._thread.join(timeout=3)

    def _deliver(self, channel: str) -> None:
        try:
            self._on_notify(channel)
        except Exception:  # noqa: BLE001 - a failing receiver must not stop the listening
            log.exception("live listener: handling %s failed", channel)

    def _run(self) -> None:
        import psycopg
        from psycopg import sql

        while not self._stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True, connect_timeout=5) as connection:
                    for name in self._channels:
                        connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(name)))
                    self._ready.set()
                    while not self._stop.is_set():
                        for notice in connection.notifies(timeout=1.0):
                            channel = self._channels.get(notice.channel)
                            if channel is not None:
                                self._deliver(channel)
            except Exception as error:  # noqa: BLE001 - a dropped server must not end the console
                log.warning("live listener lost its connection (%s); retrying in %.0f s", error, RETRY_SECONDS)
                self._stop.wait(RETRY_SECONDS)
