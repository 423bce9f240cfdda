"""The application context: database, plugins and the unit of work every service write uses."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from console.core.contributions import DomainEvent
from console.core.db import session_scope, utcnow

if TYPE_CHECKING:  # pragma: no cover
    from console.core.auth import Actor
    from console.core.plugins import PluginHost


@dataclass
class UnitOfWork:
    """One transaction of one service call: its session, audit entries and domain events."""

    session: Session
    actor: Actor
    _audit: list[tuple[str, str, str, dict]] = field(default_factory=list)
    events: list[DomainEvent] = field(default_factory=list)

    def audit(self, action: str, entity: str, entity_id: Any, detail: dict | None = None) -> None:
        """Record an audit entry, appended to the chain just before commit."""
        self._audit.append((action, entity, str(entity_id), detail or {}))

    def announce(self, channel: str, payload: str = "") -> None:
        """Wake every console listening on ``channel`` once this transaction commits (PostgreSQL; others poll)."""
        from console.core.live import announce

        announce(self.session, channel, payload)

    def emit(self, name: str, **payload: Any) -> None:
        """Queue a domain event, published to every plugin after a successful commit."""
        self.events.append(DomainEvent(name=name, payload=payload, actor=self.actor.username, at=utcnow()))


@dataclass
class AppContext:
    """The running application: one database, the loaded plugins."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session]
    plugins: PluginHost

    def has_plugin(self, name: str) -> bool:
        """True when plugin ``name`` is installed and active: guard every use of an ``OPTIONAL`` plugin."""
        return self.plugins.is_active(name)

    def session(self):
        """A committing session scope (reads, or writes that need no audit)."""
        return session_scope(self.sessions)

    @contextmanager
    def unit_of_work(self, actor: Actor, permission: str | None = None) -> Iterator[UnitOfWork]:
        """Check ``permission``, run the block in one transaction with its audit entries, then publish events."""
        from console.core import audit  # audit imports models only; kept local to avoid a cycle

        if permission is not None:
            actor.require(permission)
        with session_scope(self.sessions) as session:
            work = UnitOfWork(session=session, actor=actor)
            yield work
            session.flush()
            for action, entity, entity_id, detail in work._audit:
                audit.append(session, actor.username, action, entity, entity_id, detail)
        for event in work.events:
            self.publish(event)

    def publish(self, event: DomainEvent) -> None:
        """Deliver a domain event to every active plugin's ``event_did_occur``."""
        self.plugins.call("event_did_occur", event=event, app=self)
