"""A well-behaved plugin with a table of its own, a page, a permission and an event listener."""

from pathlib import Path

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from console.api import Base, PageSpec, PermissionSpec, hookimpl

NAME = "good"
VERSION = "1.0"
TITLE = "Good plugin"
REQUIRES = ()
received = []


class Thing(Base):
    """The plugin's one table."""

    __tablename__ = "good_thing"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str | None] = mapped_column(String(64))


@hookimpl
def register_migrations():
    """This plugin's branch."""
    return Path(__file__).parent / "good_migrations" / "versions"


@hookimpl
def register_models():
    """Its one model."""
    return [Thing]


@hookimpl
def register_permissions():
    """One permission for engineers."""
    return [PermissionSpec("good.use", "Use the good plugin", ("engineer",))]


@hookimpl
def register_pages():
    """One page."""
    return [PageSpec("good.main", "Good things", factory=lambda context: None, permission="good.use")]


@hookimpl
def event_did_occur(event, app):
    """Remember every event."""
    received.append(event.name)
