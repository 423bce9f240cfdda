"""What plugins contribute: frozen dataclasses returned by the ``register_*`` hooks.

Contributions are data; the shell, the CLI and the worker build widgets, parsers and
schedules from them. ``console.api`` re-exports every name here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping

if TYPE_CHECKING:  # pragma: no cover - typing only
    import argparse

    from console.core.auth import Actor
    from console.core.context import AppContext


@dataclass(frozen=True)
class Context:
    """What a page, chart, action, search or job is given: the application and the acting user.

    For an action in a page's context menu (``context:<page id>``), ``selection`` is the key
    of the row selected on that page (``None`` when nothing is selected).
    """

    app: AppContext
    actor: Actor
    selection: Any = None


@dataclass(frozen=True)
class PermissionSpec:
    """A permission ``<namespace>.<verb>`` and the seeded roles that hold it by default."""

    name: str
    title: str
    default_roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class SettingSpec:
    """An organisation-wide setting ``<namespace>.<name>`` shown on the plugin's settings page.

    ``kind`` is one of ``str``, ``int``, ``decimal``, ``bool``, ``choice``.
    """

    key: str
    title: str
    kind: str = "str"
    default: Any = None
    choices: tuple[str, ...] = ()
    help: str = ""
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class PageSpec:
    """A page in the sidebar; ``factory(context)`` builds its widget with ``console.api.ui``."""

    id: str
    title: str
    factory: Callable[[Context], Any]
    permission: str | None = None
    order: int = 100
    icon: str | None = None


@dataclass(frozen=True)
class ActionSpec:
    """A command in a menu (``menu:<Menu>``), the ``toolbar`` or a page's context menu (``context:<page id>``)."""

    id: str
    title: str
    location: str
    run: Callable[[Context], None]
    permission: str | None = None
    shortcut: str | None = None


@dataclass(frozen=True)
class ChartSpec:
    """A dashboard chart; ``draw(figure, context)`` draws on a matplotlib ``Figure``."""

    id: str
    title: str
    draw: Callable[[Any, Context], None]
    permission: str | None = None
    order: int = 100


@dataclass(frozen=True)
class SearchHit:
    """One global-search result; activating it opens ``page_id`` focused on ``key``."""

    title: str
    subtitle: str
    page_id: str
    key: str


@dataclass(frozen=True)
class SearchProviderSpec:
    """A global-search source: ``search(context, text, limit) -> list[SearchHit]``."""

    id: str
    title: str
    search: Callable[[Context, str, int], list[SearchHit]]
    permission: str | None = None


@dataclass(frozen=True)
class CommandSpec:
    """A ``service-console`` subcommand: ``configure(parser)`` adds arguments, ``run(args, app)`` returns an exit status."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, AppContext], int]


@dataclass(frozen=True)
class JobSpec:
    """Background work run every ``interval`` by exactly one runner; ``run(context)`` returns a short summary."""

    name: str
    title: str
    interval: timedelta
    run: Callable[[Context], str | None]


@dataclass(frozen=True)
class DemoContext:
    """What a demo-data seeder is given: the app, an admin actor, a size and a seeded RNG."""

    app: AppContext
    actor: Actor
    size: str
    scale: Mapping[str, int]
    rng: random.Random
    now: datetime


@dataclass(frozen=True)
class DemoDataSpec:
    """Demo data: ``seed(context)`` writes realistic rows for ``context.size``."""

    name: str
    seed: Callable[[DemoContext], None]


@dataclass(frozen=True)
class Banner:
    """A message across the top of every console window while its condition holds.

    ``key`` identifies it between polls; ``page_id``/``link_key`` make an "Open" button;
    ``action_title``/``action(context)`` add a button that does something (then the bar polls again).
    """

    key: str
    text: str
    severity: str = "critical"
    page_id: str | None = None
    link_key: Any = None
    action_title: str | None = None
    action: Callable[[Context], None] | None = None


@dataclass(frozen=True)
class BannerSpec:
    """A source of banners: ``poll(context) -> list[Banner]`` runs off the GUI thread, at start,
    every ``interval``, and at once when a transaction ``announce``s ``channel`` (PostgreSQL
    LISTEN/NOTIFY; other backends rely on the poll, so keep it cheap)."""

    id: str
    poll: Callable[[Context], list[Banner]]
    channel: str | None = None
    interval: timedelta = timedelta(seconds=5)
    permission: str | None = None


@dataclass(frozen=True)
class TranslationSpec:
    """A Qt Linguist ``.ts`` file for ``locale`` (e.g. ``zh_CN``)."""

    locale: str
    path: Path


@dataclass(frozen=True)
class DomainEvent:
    """Something that happened, published after commit to every plugin's ``event_did_occur``."""

    name: str
    payload: Mapping[str, Any] = field(default_factory=dict)
    actor: str | None = None
    at: datetime | None = None
