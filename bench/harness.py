"""What the benchmarks share: the backend argument and a scratch database of the backend,
upgraded to the current schema, opened as an app and dropped afterwards."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

BACKENDS = ("sqlite", "postgresql", "mariadb")


def add_backend_argument(parser: argparse.ArgumentParser) -> None:
    """The optional positional ``backend`` (sqlite, postgresql or mariadb; default sqlite)."""
    parser.add_argument("backend", nargs="?", default="sqlite", choices=BACKENDS)


@contextmanager
def scratch_app(backend: str) -> Iterator:
    """An ``AppContext`` on a new, upgraded database of ``backend``; the database is dropped on exit.

    The servers are the test servers (``console.testing``): PostgreSQL on 127.0.0.1:5432 and
    MariaDB on 127.0.0.1:3306.
    """
    os.environ["SERVICE_CONSOLE_TEST_DB"] = backend
    from console.core.bootstrap import open_app
    from console.testing import create_database, upgrade_database

    url, drop = create_database(tempfile.mkdtemp())
    try:
        upgrade_database(url)
        app, _ = open_app(url)
        try:
            yield app
        finally:
            app.engine.dispose()
    finally:
        drop()
