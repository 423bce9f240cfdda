"""A plugin whose migration raises while it runs."""

from pathlib import Path

from console.api import hookimpl

NAME = "failing_migration"


@hookimpl
def register_migrations():
    """A sound branch whose upgrade fails."""
    return Path(__file__).parent / "failing_migrations"
