"""Tests of the built-in plugins; ``unique`` makes codes that no other test in the shared database uses."""

import uuid


def unique(prefix: str = "T") -> str:
    """A short upper-case code no other test uses."""
    return f"{prefix}{uuid.uuid4().hex[:8].upper()}"
