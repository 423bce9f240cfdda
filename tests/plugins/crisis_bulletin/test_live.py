"""A critical bulletin reaches a second console process connected to the same PostgreSQL database."""

import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from console.testing import backend_name

HELPER = Path(__file__).with_name("second_console.py")


@pytest.mark.skipif(backend_name() != "postgresql", reason="only PostgreSQL pushes notifications; SQLite and "
                                                            "MariaDB consoles find the banner at their next poll")
def test_a_second_console_shows_the_banner_of_a_critical_bulletin_when_it_is_published(database_url, make_actor,
                                                                                       publish):
    reader = make_actor("engineer")
    console = subprocess.Popen([sys.executable, str(HELPER), database_url, reader.username], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True,
                               env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line.strip()) for line in console.stdout], daemon=True).start()
    try:
        assert lines.get(timeout=90) == "ready"
        bulletin_id = publish(severity="critical", audience=[("role", "engineer")])
        wanted = f"banner crisis_bulletin:{bulletin_id}:1"
        while (line := lines.get(timeout=90)) != wanted:
            assert line.startswith("banner "), line
    finally:
        console.kill()
        console.wait()
