"""A plugin that imports fine but raises inside a hook."""

from console.api import hookimpl

NAME = "raising_hook"


@hookimpl
def register_pages():
    """Raises, as a buggy plugin would."""
    raise ValueError("page registry exploded")


@hookimpl
def event_did_occur(event, app):
    """Raises on every event."""
    raise ValueError("listener exploded")
