"""The command line as a user runs it: subprocesses, real databases, broken plugins installed."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from console.testing import backend_name

ROOT = Path(__file__).resolve().parents[2]
BROKEN_DIST = ROOT / "tests" / "fixture_plugins" / "site-packages"  # a .dist-info naming the fixture plugins


def run(*args: str, db: str | None = None, broken: bool = False, stdin: str = "", env: dict | None = None):
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    paths = [str(ROOT)] + ([str(BROKEN_DIST)] if broken else [])
    environment["PYTHONPATH"] = os.pathsep.join(paths + [environment.get("PYTHONPATH", "")])
    command = [sys.executable, "-m", "console", *args] + (["--db", db] if db else [])
    return subprocess.run(command, capture_output=True, text=True, input=stdin, env=environment, timeout=300)


def test_plugins_list_shows_broken_plugins_and_keeps_the_rest(fresh_database_url):
    result = run("plugins", "list", "--json", db=fresh_database_url, broken=True)
    assert result.returncode == 0, result.stderr
    plugins = {p["name"]: p for p in json.loads(result.stdout)}
    assert plugins["good"]["state"] == "loaded"
    assert plugins["import_error"]["state"] == "failed" and "broken at import time" in plugins["import_error"]["error"]
    assert plugins["points_nowhere"]["state"] == "failed" and "No module named" in plugins["points_nowhere"]["error"]
    assert plugins["bad_migration"]["state"] == "failed" and "no_such_revision" in plugins["bad_migration"]["error"]
    assert plugins["raising_hook"]["state"] == "loaded"  # fails only when its hook is called


def test_db_upgrade_migrates_everything_but_the_broken_plugin(fresh_database_url):
    result = run("db", "upgrade", db=fresh_database_url, broken=True)
    assert result.returncode == 1  # one plugin's migration failed: the admin must see that
    assert "failing_migration" in result.stderr and "this migration is broken" in result.stderr
    assert "core_0001" in result.stdout or "good_0001" in result.stdout
    current = run("db", "current", db=fresh_database_url, broken=True)
    applied = current.stdout.splitlines()[0]
    assert current.returncode == 0 and applied.startswith("current: core_0001"), current.stdout
    assert "good_0001" in applied and "failing_0001" not in applied
    assert "upgrade needed" in current.stdout  # the failing plugin is still behind, and says so


def test_a_client_without_an_installed_plugin_still_opens_the_shared_database(fresh_database_url):
    run("db", "upgrade", db=fresh_database_url, broken=True)
    current = run("db", "current", db=fresh_database_url)  # this client lacks the fixture plugins
    assert current.returncode == 0 and "up to date" in current.stdout, current.stdout
    assert "good_0001 (plugins not installed here)" in current.stdout


def test_a_malformed_url_says_what_a_url_looks_like():
    result = run("db", "current", db="not a url")
    assert result.returncode == 1
    assert "is not a database URL" in result.stderr and "postgresql://" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreachable_server_says_what_to_check():
    result = run("db", "current", db="postgresql://nobody@127.0.0.1:1/none")
    assert result.returncode == 1
    assert "Cannot open the database" in result.stderr and "server is running" in result.stderr
    assert "Traceback" not in result.stderr


def test_user_add_and_audit_verify(fresh_database_url):
    assert run("db", "upgrade", db=fresh_database_url).returncode == 0  # the admin's first step on a server
    added = run("user", "add", "wang.wei", "--name", "王伟", "--role", "engineer", "--password-stdin",
                db=fresh_database_url, stdin="correct-horse-9\n")
    assert added.returncode == 0, added.stderr
    roles = run("user", "roles", "wang.wei", db=fresh_database_url)
    assert "engineer" in roles.stdout
    partner = run("user", "add", "sp001.li", "--role", "engineer", "--partner", "SP001", "--password-stdin",
                  db=fresh_database_url, stdin="correct-horse-9\n")
    assert partner.returncode == 0, partner.stderr
    from console.core import auth
    from console.core.bootstrap import open_app

    app, _ = open_app(fresh_database_url)
    assert auth.actor_for(app, "sp001.li").partner_code == "SP001"
    app.engine.dispose()
    short = run("user", "passwd", "wang.wei", "--password-stdin", db=fresh_database_url, stdin="short\n")
    assert short.returncode == 1 and "8" in short.stderr
    verify = run("audit", "verify", db=fresh_database_url)
    assert verify.returncode == 0 and "intact" in verify.stdout, verify.stderr


def test_calendar_import_accepts_a_good_file_and_explains_a_corrupt_one(fresh_database_url, tmp_path):
    assert run("db", "upgrade", db=fresh_database_url).returncode == 0
    good = tmp_path / "beijing.json"
    good.write_text(json.dumps({
        "name": "北京 工作日", "timezone": "Asia/Shanghai",
        "week": {d: [["09:00", "12:00"], ["13:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
        "holidays": [], "workdays": [], "preset": "CN", "years": [2026],
    }, ensure_ascii=False), encoding="utf-8")
    result = run("calendars", "import", str(good), db=fresh_database_url)
    assert result.returncode == 0, result.stderr
    assert "北京 工作日" in run("calendars", "list", db=fresh_database_url).stdout
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text('{"name": "x", "timezone": "Asia/Shanghai", "week": {"mon": [["25:00", "18:00"]]}}')
    result = run("calendars", "import", str(corrupt), db=fresh_database_url)
    assert result.returncode == 1 and "corrupt.json" in result.stderr and "25:00" in result.stderr
    assert "Traceback" not in result.stderr
    truncated = tmp_path / "truncated.json"
    truncated.write_text('{"name": "x", "week": ')
    result = run("calendars", "import", str(truncated), db=fresh_database_url)
    assert result.returncode == 1 and "not a valid UTF-8 JSON document" in result.stderr


@pytest.mark.skipif(backend_name() != "sqlite", reason="backup copies the embedded SQLite file")
def test_db_backup_copies_the_embedded_file(fresh_database_url):
    run("db", "upgrade", db=fresh_database_url)
    result = run("db", "backup", db=fresh_database_url)
    assert result.returncode == 0 and Path(result.stdout.strip()).exists()


def test_db_may_come_before_or_after_the_subcommand(fresh_database_url):
    before = subprocess.run([sys.executable, "-m", "console", "--db", fresh_database_url, "db", "upgrade"],
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert before.returncode == 0, before.stderr
    after = run("db", "current", db=fresh_database_url)
    assert "up to date" in after.stdout, after.stdout


def test_a_plugin_branch_is_downgraded_to_base_only_when_asked_twice(fresh_database_url):
    assert run("db", "upgrade", db=fresh_database_url, broken=True).returncode == 1  # failing_migration fails
    refused = run("db", "downgrade", "good@base", db=fresh_database_url, broken=True)
    assert refused.returncode == 1 and "--yes" in refused.stderr
    assert "cannot be downgraded" in run("db", "downgrade", "core@base", "--yes", db=fresh_database_url).stderr
    done = run("db", "downgrade", "good@base", "--yes", db=fresh_database_url, broken=True)
    assert done.returncode == 0 and "plugins disable good" in done.stdout, done.stderr
    current = run("db", "current", db=fresh_database_url, broken=True)
    assert "good_0001" not in current.stdout.splitlines()[0]
