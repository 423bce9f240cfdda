"""Test-wide set-up: offscreen Qt, an in-memory keyring, and the console fixtures (console.testing)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "tests.memory_keyring.MemoryKeyring")
os.environ.setdefault("MPLBACKEND", "Agg")
