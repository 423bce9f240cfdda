"""The banner bar: shown at once, updated by the poll, woken by a live announce, isolated from broken sources."""

from datetime import timedelta

from console.core.contributions import Banner, BannerSpec, Context
from console.ui.banners import BannerBar

TIMEOUT = 10_000


def test_banners_show_follow_their_condition_and_survive_a_broken_source(qtbot, app, admin):
    state = {"banners": [Banner("b1", "Critical: core switch firmware recalled", page_id="x.page", link_key=7)]}
    opened = []

    def broken(_context):
        raise RuntimeError("this source is broken")

    specs = [("x", BannerSpec("x.critical", lambda _c: list(state["banners"]), interval=timedelta(seconds=1))),
             ("y", BannerSpec("y.broken", broken))]
    bar = BannerBar(Context(app, admin), specs, lambda page, key: opened.append((page, key)))
    qtbot.addWidget(bar)
    qtbot.waitUntil(lambda: len(bar.banners) == 1, timeout=TIMEOUT)
    assert bar.isVisibleTo(bar.parentWidget() or bar) or not bar.isHidden()
    from PySide6.QtWidgets import QPushButton

    button = bar.findChild(QPushButton)
    button.click()
    assert opened == [("x.page", 7)]
    state["banners"] = []
    qtbot.waitUntil(lambda: not bar.banners, timeout=TIMEOUT)
    assert bar.isHidden()
    bar.shutdown()


def test_a_banner_action_runs_and_the_bar_polls_again(qtbot, app, admin):
    done = []
    banners = [Banner("b2", "Please acknowledge", action_title="Acknowledge", action=lambda c: done.append(c.actor))]
    bar = BannerBar(Context(app, admin), [("x", BannerSpec("x.ack", lambda _c: banners if not done else []))],
                    lambda *_: None)
    qtbot.addWidget(bar)
    qtbot.waitUntil(lambda: len(bar.banners) == 1, timeout=TIMEOUT)
    from PySide6.QtWidgets import QPushButton

    [button] = [b for b in bar.findChildren(QPushButton) if b.text() == "Acknowledge"]
    button.click()
    qtbot.waitUntil(lambda: not bar.banners, timeout=TIMEOUT)
    assert done == [admin]
    bar.shutdown()


def test_without_permission_a_source_is_not_polled(qtbot, app, make_actor):
    reader = make_actor("read_only")
    calls = []
    spec = BannerSpec("x.secret", lambda c: calls.append(c) or [], permission="x.secret_permission")
    bar = BannerBar(Context(app, reader), [("x", spec)], lambda *_: None)
    qtbot.addWidget(bar)
    qtbot.wait(200)
    assert calls == [] and bar.isHidden()
    bar.shutdown()


def test_on_postgresql_an_announce_wakes_the_bar_at_once(qtbot, app, admin):
    import pytest

    from console.core import live

    if not live.supported(app.url):
        pytest.skip("only PostgreSQL pushes notifications; SQLite and MariaDB rely on the poll")
    state = {"banners": []}
    spec = BannerSpec("x.live", lambda _c: list(state["banners"]), channel="x.live", interval=timedelta(hours=1))
    bar = BannerBar(Context(app, admin), [("x", spec)], lambda *_: None)
    qtbot.addWidget(bar)
    assert bar._listener.wait_ready()
    state["banners"] = [Banner("b3", "Published just now")]
    with app.unit_of_work(admin) as work:
        work.announce("x.live")
    qtbot.waitUntil(lambda: len(bar.banners) == 1, timeout=TIMEOUT)  # long before the hourly poll
    bar.shutdown()
