"""A plugin whose migration branch depends on a revision that does not exist."""

from pathlib import Path

from console.api import hookimpl

NAME = "bad_migration"


@hookimpl
def register_migrations():
    """A branch whose first revision has a parent nobody has."""
    return Path(__file__).parent / "bad_migrations"
