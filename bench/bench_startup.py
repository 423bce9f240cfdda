"""Process start to main window shown (offscreen), against a bare PySide6 window on the same machine.

Each run is a fresh Python process, timed from just before it starts until it prints that its
window is shown (after one round of events). The console opens the demo database (seeded
once, ``--size small``), loads every installed plugin, and shows the main window on the
dashboard for the demo administrator: everything but typing the password. Goal: ≤ 3×.

    python bench/bench_startup.py [--runs 7] [--db URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1400, 900)
window.show()
app.processEvents()
print("shown", flush=True)
"""

CONSOLE = """
import sys
from console.core import auth
from console.core.bootstrap import open_app
from console.ui.app import make_qapplication
from console.ui.main_window import MainWindow
qapp = make_qapplication()
app, _ = open_app(sys.argv[1])
window = MainWindow(app, auth.actor_for(app, "admin"), remember=False)
window.show()
qapp.processEvents()
print("shown", flush=True)
"""


def seconds_to_shown(code: str, *args: str) -> float:
    """Wall time from process start to the line ``shown``."""
    # As on a user's machine, modules are compiled once and loaded from __pycache__ afterwards
    # (this workplace sets PYTHONDONTWRITEBYTECODE, which would recompile every module at every start).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    began = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env)
    for line in process.stdout:
        if line.strip() == "shown":
            elapsed = time.perf_counter() - began
            break
    else:
        raise RuntimeError("the window was never shown")
    process.kill()
    process.wait()
    return elapsed


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", default="sqlite:////tmp/service-console-bench-startup.db")
    args = parser.parse_args()
    seeded = subprocess.run([sys.executable, "-m", "console", "--db", args.db, "demo", "seed", "--size", "small"],
                            capture_output=True, text=True)
    if seeded.returncode != 0 and "already has demo data" not in seeded.stderr:
        raise SystemExit(f"could not seed the demo database: {seeded.stderr.strip()}")
    seconds_to_shown(BARE)  # warm the file cache for both
    seconds_to_shown(CONSOLE, args.db)
    bare = statistics.median(seconds_to_shown(BARE) for _ in range(args.runs))
    console = statistics.median(seconds_to_shown(CONSOLE, args.db) for _ in range(args.runs))
    print(f"bare PySide6 window shown    {bare * 1000:8.0f} ms (median of {args.runs})")
    print(f"console main window shown    {console * 1000:8.0f} ms (median of {args.runs}, demo database, all plugins)")
    print(f"ratio                        {console / bare:8.2f}×   goal ≤ 3×")


if __name__ == "__main__":
    main()
