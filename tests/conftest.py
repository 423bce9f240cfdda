"""Test-wide set-up: offscreen Qt, an in-memory keyring, and the console fixtures (console.testing)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "tests.memory_keyring.MemoryKeyring")
os.environ.setdefault("MPLBACKEND", "Agg")


import pytest  # noqa: E402 - the environment above must be set before Qt is imported


@pytest.fixture(autouse=True)
def _own_qsettings(isolated_qsettings):
    """No test reads or writes the developer's own console settings."""
    return isolated_qsettings
