"""The ``service-console`` command: the GUI by default, subcommands for admins and plugins.

Every subcommand takes ``--db URL`` (else ``SERVICE_CONSOLE_DB``, else the embedded
SQLite file). Errors go to stderr as one sentence that says what to do, with exit status 1
(2 for wrong usage).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Callable

from console import __version__
from console.core.errors import ServiceError
from console.core.plugins import PluginHost

Handler = Callable[[argparse.Namespace, PluginHost], int]


def _db_option(parser: argparse.ArgumentParser, top: bool = False) -> None:
    """``--db`` on the top parser and on every subcommand; a subcommand's is left unset unless given,
    so ``service-console --db URL demo seed`` and ``service-console demo seed --db URL`` both work."""
    parser.add_argument("--db", metavar="URL", default=None if top else argparse.SUPPRESS,
                        help="database URL (default: $SERVICE_CONSOLE_DB, "
                        "else the embedded SQLite file in your data directory)")


def _open(args: argparse.Namespace, host: PluginHost, **kwargs):
    from console.core.bootstrap import open_app

    app, backup = open_app(args.db, host=host, **kwargs)
    if backup:
        print(f"Backed up the database to {backup} before upgrading it.", file=sys.stderr)
    return app


def _system():
    from console.core.auth import Actor

    return Actor.system()


# -- plugins ---------------------------------------------------------------------------------
def cmd_plugins_list(args, host) -> int:
    """List installed plugins with their state and any error."""
    from console.core import migrate
    from console.core.bootstrap import connect

    migrate.current_graph(host)  # a broken migration branch fails its plugin here too
    try:
        _, engine = connect(args.db)
        from console.core.db import session_factory, session_scope

        with session_scope(session_factory(engine)) as session:
            host.apply_states(session)
    except Exception:  # noqa: BLE001 - no database (or no core tables) yet: list what is installed
        pass
    records = sorted(host.records.values(), key=lambda r: r.name)
    if args.json:
        print(json.dumps([r.as_dict() for r in records], ensure_ascii=False, indent=2))
        return 0
    for r in records:
        line = f"{r.name:<20} {r.version:<10} {r.state:<9} {r.distribution}"
        print(line.rstrip())
        if r.error:
            print(f"    {r.failed_in or 'error'}: {r.error}")
    return 0


def cmd_plugins_toggle(args, host) -> int:
    """Enable or disable a plugin (takes effect at the next start)."""
    if args.name not in host.records:
        raise ServiceError(f"No plugin named '{args.name}' is installed; see `service-console plugins list`.")
    app = _open(args, host)
    with app.unit_of_work(_system(), "core.plugins.manage") as work:
        host.set_enabled(work.session, args.name, args.action == "enable")
        work.audit(f"plugin.{args.action}", "plugin", args.name)
    print(f"Plugin {args.name} {args.action}d; it takes effect the next time a console starts.")
    return 0


# -- plugin authors --------------------------------------------------------------------------
def cmd_plugin_new(args, host) -> int:
    """Scaffold an in-house plugin package."""
    from pathlib import Path

    from console import scaffold

    target = scaffold.create(args.name, Path(args.dir), args.title, taken=tuple(host.records))
    print(f"Created {target}. Next: pip install -e {target} && cd {target} && "
          f"QT_QPA_PLATFORM=offscreen python -m pytest")
    return 0


def cmd_plugin_check(args, host) -> int:
    """Run the contract suite against an installed plugin on an empty scratch database."""
    import tempfile

    from sqlalchemy import inspect

    from console import contract
    from console.core.bootstrap import connect

    with tempfile.TemporaryDirectory() as scratch:
        url = args.db or f"sqlite:///{scratch}/contract-check.db"
        _url, engine = connect(url)
        tables = inspect(engine).get_table_names()
        engine.dispose()
        if tables:
            raise ServiceError("`plugin check` needs an empty database: it upgrades and downgrades the plugin's "
                               "branch. Leave --db out to use a temporary file.")
        try:
            results = contract.check(args.name, url, host)
        except LookupError as error:
            raise ServiceError(str(error)) from None
    failed = 0
    for check, problems in results.items():
        print(f"{'ok  ' if not problems else 'FAIL'} {check}")
        for problem in problems:
            print(f"       {problem}")
        failed += bool(problems)
    print(f"{args.name}: the contract holds" if not failed else f"{args.name}: {failed} of {len(results)} checks fail")
    return 1 if failed else 0


# -- db --------------------------------------------------------------------------------------
def cmd_db(args, host) -> int:
    """Upgrade, inspect, check or back up the database schema."""
    from console.core import migrate
    from console.core.bootstrap import connect
    from console.core.db import is_embedded

    url, engine = connect(args.db)
    if args.action == "upgrade":
        cfg = migrate.upgrade_branches(engine, host)
        failed = [r for r in host.records.values() if r.failed_in == "migrations"]
        for record in failed:
            print(f"plugin {record.name}: migration failed and was skipped: {record.error}", file=sys.stderr)
        print("Database is at: " + ", ".join(sorted(migrate.status(engine, cfg).current)))
        return 1 if failed else 0
    if args.action == "downgrade":
        return _downgrade(args, host, url, engine)
    cfg = migrate.build_config(host)
    if args.action == "current":
        state = migrate.status(engine, cfg)
        print("current: " + (", ".join(sorted(state.current)) or "(empty database)"))
        print("heads:   " + ", ".join(sorted(state.heads)))
        if state.unknown:
            print("unknown: " + ", ".join(sorted(state.unknown)) + " (from a newer version)")
        if state.foreign:
            print("other:   " + ", ".join(sorted(state.foreign)) + " (plugins not installed here)")
        print("up to date" if state.is_current else "upgrade needed: service-console db upgrade")
        return 0
    if args.action == "check":
        state = migrate.status(engine, cfg)
        if not state.is_current:
            print("The schema is not at the latest revision: run `service-console db upgrade`.", file=sys.stderr)
            return 1
        differences = migrate.diff(engine, host)
        for difference in differences:
            print(f"model/database difference: {difference}", file=sys.stderr)
        print("schema matches the models" if not differences else f"{len(differences)} differences")
        return 1 if differences else 0
    if not is_embedded(url):
        raise ServiceError("`db backup` copies the embedded SQLite file; back up a server database "
                           "with its own tools (pg_dump, mariadb-dump).")
    print(migrate.backup_sqlite(url))
    return 0


def _downgrade(args, host, url, engine) -> int:
    """Downgrade one plugin's branch (``NAME@base`` removes its tables before it is uninstalled)."""
    from console.core import migrate
    from console.core.db import is_embedded

    branch = args.target.partition("@")[0]
    if branch == migrate.CORE_BRANCH:
        raise ServiceError("Core's branch cannot be downgraded from here: it holds every plugin's foundation.")
    if branch not in host.records:
        raise ServiceError(f"No plugin named '{branch}' is installed here: install it again to remove its tables, "
                           "since its migrations say how.")
    if not args.yes:
        raise ServiceError(f"Downgrading to {args.target} deletes that plugin's data. Run again with --yes "
                           "if that is what you want (the embedded database is backed up first).")
    if is_embedded(url):
        print(f"Backed up the database to {migrate.backup_sqlite(url, 'before-downgrade')}.")
    migrate.downgrade(engine, migrate.build_config(host), args.target)
    print(f"Downgraded {args.target}. Now: service-console plugins disable {branch}, then pip uninstall it.")
    return 0


# -- users -----------------------------------------------------------------------------------
def _read_password(args) -> str:
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("New password: ")
    if first != getpass.getpass("Repeat it: "):
        raise ServiceError("The two passwords differ; nothing was changed. Run the command again.")
    return first


def cmd_user(args, host) -> int:
    """Add users, set passwords and roles."""
    from console.core import auth

    app = _open(args, host)
    actor = _system()
    if args.action == "add":
        auth.create_user(app, actor, username=args.username, password=_read_password(args),
                         display_name=args.name or args.username, roles=tuple(args.role or ["read_only"]),
                         email=args.email, partner_code=args.partner)
        print(f"User {args.username} added.")
    elif args.action == "passwd":
        auth.set_password(app, actor, args.username, _read_password(args))
        print(f"Password of {args.username} changed.")
    else:
        if args.set is not None:
            auth.set_roles(app, actor, args.username, tuple(args.set))
        who = auth.actor_for(app, args.username)
        print(f"{args.username}: {', '.join(sorted(who.roles)) or '(no roles)'}")
    return 0


# -- audit, calendars, demo, worker, screenshot ------------------------------------------------
def cmd_audit_verify(args, host) -> int:
    """Verify the audit log's hash chain."""
    from console.core import audit

    app = _open(args, host)
    with app.session() as session:
        result = audit.verify(session)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    print(f"{result.checked} entries checked: " + ("the chain is intact" if result.ok else "TAMPERED"))
    return 0 if result.ok else 1


def cmd_calendars(args, host) -> int:
    """Import a business calendar from JSON, or list stored calendars."""
    from console.core import calendar_store

    app = _open(args, host)
    if args.action == "list":
        for name in calendar_store.list_names(app):
            print(name)
        return 0
    name = calendar_store.import_file(app, _system(), Path(args.file))
    print(f"Calendar '{name}' imported.")
    return 0


def cmd_demo_seed(args, host) -> int:
    """Write realistic demo data across every plugin."""
    from console.core import demo

    app = _open(args, host)
    counts = demo.seed(app, args.size, incidents=args.incidents,
                       progress=lambda text: print(text, file=sys.stderr))
    for key, value in sorted(counts.items()):
        print(f"{key:<32} {value:>10,}")
    return 0


def cmd_demo(args, host) -> int:
    """Seed the demo data if the database has none, then open the console."""
    from console.core import demo

    app = _open(args, host)
    if not demo.has_demo_data(app):
        print("Writing demo data (first start only)…", file=sys.stderr)
        demo.seed(app, args.size)
    app.engine.dispose()
    return cmd_gui(args, host)


def cmd_worker(args, host) -> int:
    """Run background jobs (single-runner locked), once or until interrupted."""
    from console.core import jobs

    app = _open(args, host)
    try:
        outcomes = jobs.run_worker(app, once=args.once, poll_seconds=args.poll)
    except KeyboardInterrupt:
        return 0
    for outcome in outcomes or ():
        print(outcome)
    return 0


def cmd_screenshot(args, host) -> int:
    """Render every page offscreen to ``<plugin>-<page>.png`` / ``shell-<page>.png``."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from console.core import demo
    from console.ui.screenshot import render_all

    app = _open(args, host)
    if not demo.has_demo_data(app):
        demo.seed(app, "tiny")
    from console.core import auth

    actor = auth.actor_for(app, args.user)
    locales = ["en", "zh_CN"] if args.lang == "all" else [args.lang]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for locale in locales:
        for path in render_all(app, actor, out, locale=locale):
            print(path)
    return 0


def cmd_gui(args, host) -> int:
    """Open the desktop console."""
    from console.ui.app import run_gui

    return run_gui(getattr(args, "db", None), host=host)


# -- parser ----------------------------------------------------------------------------------
def build_parser(host: PluginHost) -> argparse.ArgumentParser:
    """The full parser, including the subcommands plugins contribute."""
    parser = argparse.ArgumentParser(prog="service-console", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"service-console {__version__}")
    _db_option(parser, top=True)
    parser.set_defaults(handler=cmd_gui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str, parent=sub) -> argparse.ArgumentParser:
        p = parent.add_parser(name, help=help_text, description=help_text)
        _db_option(p)
        p.set_defaults(handler=handler)
        return p

    def group(name: str, help_text: str):
        parser_ = sub.add_parser(name, help=help_text, description=help_text)
        return parser_.add_subparsers(title="actions", metavar="ACTION", required=True)

    plugins = group("plugins", "list, enable or disable plugins")
    command("list", cmd_plugins_list, "list installed plugins", plugins).add_argument(
        "--json", action="store_true", help="machine-readable output")
    for action in ("enable", "disable"):
        p = command(action, cmd_plugins_toggle, f"{action} a plugin at the next start", plugins)
        p.add_argument("name")
        p.set_defaults(action=action)

    author = group("plugin", "for plugin authors: scaffold a plugin, check it against the contract")
    new = command("new", cmd_plugin_new, "create a pip-installable plugin package that passes its tests", author)
    new.add_argument("name", help="the identity string: entry point, NAME, table prefix, e.g. toolbox")
    new.add_argument("--dir", default=".", help="folder to create it in (default: here)")
    new.add_argument("--title", help="the title users see, e.g. 'Tool checkout'")
    check = command("check", cmd_plugin_check, "run the contract suite against an installed plugin "
                    "(--db: an EMPTY scratch database; default a temporary SQLite file)", author)
    check.add_argument("name")

    db = group("db", "database schema: upgrade, current, check, backup")
    for action, text in (("upgrade", "upgrade every branch to its head (admins; server databases)"),
                         ("current", "show the schema revisions and whether an upgrade is needed"),
                         ("check", "check that the schema matches this version's models"),
                         ("backup", "copy the embedded SQLite database to a timestamped file")):
        command(action, cmd_db, text, db).set_defaults(action=action)
    down = command("downgrade", cmd_db, "downgrade a plugin's branch, e.g. toolbox@base to remove its tables", db)
    down.add_argument("target", help="NAME@base (remove all its tables) or a revision id such as toolbox_0001")
    down.add_argument("--yes", action="store_true", help="yes, delete that plugin's data")
    down.set_defaults(action="downgrade")

    users = group("user", "users, passwords and roles")
    add = command("add", cmd_user, "add a user (asks for the password)", users)
    add.add_argument("username")
    add.add_argument("--name", help="display name, e.g. 王伟 (Wang Wei)")
    add.add_argument("--email")
    add.add_argument("--role", action="append", help="a role; repeat for several (default read_only)")
    add.add_argument("--partner", metavar="CODE",
                     help="a partner's own user: sees and touches only this partner's work (e.g. SP001)")
    passwd = command("passwd", cmd_user, "set a user's password (asks for it)", users)
    passwd.add_argument("username")
    roles = command("roles", cmd_user, "show or set (--set) a user's roles", users)
    roles.add_argument("username")
    roles.add_argument("--set", nargs="*", metavar="ROLE", help="replace the roles with these")
    for p, action in ((add, "add"), (passwd, "passwd"), (roles, "roles")):
        p.set_defaults(action=action)
        if action != "roles":
            p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")

    audit = group("audit", "the tamper-evident audit log")
    command("verify", cmd_audit_verify, "verify the audit log's hash chain", audit)

    cal = group("calendars", "business calendars: import, list")
    imp = command("import", cmd_calendars, "import a calendar from a JSON file", cal)
    imp.add_argument("file", help="the calendar document (see docs/user-guide.md)")
    imp.set_defaults(action="import")
    command("list", cmd_calendars, "list stored calendars", cal).set_defaults(action="list")

    demo = command("demo", cmd_demo, "open the console on demo data (seeded on first start)")
    demo.set_defaults(size="small")
    demo_sub = demo.add_subparsers(title="actions", metavar="ACTION")
    seed = command("seed", cmd_demo_seed, "write demo data across every plugin", demo_sub)
    seed.add_argument("--size", choices=["tiny", "small", "medium", "large"], default="small",
                      help="tiny ≈ 200 incidents, small ≈ 5,000, medium ≈ 100,000, large = 1,000,000")
    seed.add_argument("--incidents", type=int, help="override the number of incidents")

    worker = command("worker", cmd_worker, "run background jobs (one runner per job at a time)")
    worker.add_argument("--once", action="store_true", help="run due jobs once and exit")
    worker.add_argument("--poll", type=int, default=30, help="seconds between rounds (default 30)")

    shot = command("screenshot", cmd_screenshot, "render every page to PNG files, offscreen")
    shot.add_argument("--out", required=True, help="folder for the PNG files")
    shot.add_argument("--lang", choices=["en", "zh_CN", "all"], default="en")
    shot.add_argument("--user", default="admin", help="render as this user (default admin)")

    for plugin, spec in host.collect("register_commands"):
        p = command(spec.name, _plugin_command(spec), f"[{plugin}] {spec.help}")
        try:
            spec.configure(p)
        except Exception as error:  # noqa: BLE001 - a plugin's parser must not break the CLI
            host.fail(plugin, "register_commands", error)
    return parser


def _plugin_command(spec) -> Handler:
    def run(args, host) -> int:
        return int(spec.run(args, _open(args, host)) or 0)

    return run


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``service-console``."""
    host = PluginHost()
    host.discover()
    args = build_parser(host).parse_args(argv)
    try:
        return args.handler(args, host)
    except ServiceError as error:
        print(f"service-console: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("service-console: interrupted", file=sys.stderr)
        return 130
