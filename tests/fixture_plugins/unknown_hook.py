"""A plugin that implements a hook that does not exist."""

from console.api import hookimpl

NAME = "unknown_hook"


@hookimpl
def register_widgets():
    """Not a hook of the contract."""
    return []
