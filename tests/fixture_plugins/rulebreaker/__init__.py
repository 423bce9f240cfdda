"""A plugin that breaks every static rule of the contract (the contract suite must say so)."""

from pathlib import Path

from PySide6.QtWidgets import QLabel  # noqa: F401 - Qt outside ui/
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from console.api import hookimpl
from console.core import auth  # noqa: F401 - console.core instead of console.api
from plugins.incidents import service  # noqa: F401 - another plugin's internals
from plugins.spares.api import stock_on_hand  # noqa: F401 - an api.py it does not declare

NAME = "rulebreakers"
VERSION = ""


class OwnBase(DeclarativeBase):
    """Its own metadata, so the broken model never joins the console's schema in other tests."""


class Gadget(OwnBase):
    """A table without the plugin's prefix."""

    __tablename__ = "gadgets"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str | None] = mapped_column(String(20))


@hookimpl
def register_models():
    """The unprefixed model."""
    return [Gadget]


@hookimpl
def register_pages(context):
    """Takes an argument the hook does not pass."""
    return []


@hookimpl
def register_migrations():
    """A branch whose downgrade leaves its table and drops one that is not its own."""
    return Path(__file__).parent / "migrations" / "versions"
