"""Open the application: connect, load plugins, bring the schema up to date, sync permissions."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import exc, text

from console.core import auth, migrate
from console.core.context import AppContext
from console.core.db import make_engine, resolve_url, session_factory
from console.core.errors import ConfigError
from console.core.plugins import PluginHost


def connect(db: str | None):
    """Resolve the URL and return ``(url, engine)`` after proving the server answers."""
    url = resolve_url(db)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except exc.SQLAlchemyError as error:
        engine.dispose()
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
        raise ConfigError(
            f"Cannot open the database {url.render_as_string(hide_password=True)}: {reason}. "
            "Check that the server is running and that the URL, user name and password are right."
        ) from None
    return url, engine


def open_app(db: str | None = None, *, host: PluginHost | None = None,
             migrate_schema: bool = True) -> tuple[AppContext, Path | None]:
    """The ready application and the path of any backup taken before an automatic upgrade.

    ``migrate_schema=False`` skips the schema check (the ``db`` commands manage it themselves).
    """
    url, engine = connect(db)
    if host is None:
        host = PluginHost()
        host.discover()
    backup = migrate.ensure_schema(url, engine, host) if migrate_schema else None
    app = AppContext(url=url, engine=engine, sessions=session_factory(engine), plugins=host)
    migrate.import_models(host)
    if migrate_schema:
        with app.session() as session:
            host.apply_states(session)
        auth.sync_permissions(app)
        host.call("console_did_start", app=app)
    return app, backup
