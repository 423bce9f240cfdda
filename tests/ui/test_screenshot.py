"""render_all: one PNG per page, named as the outside checks expect, taken when the page is ready."""

from __future__ import annotations

import time

import pytest
from PySide6.QtGui import QImage

from console.ui.i18n import current_language
from console.ui.screenshot import file_stem, render_all
from tests.ui import fake_plugin

EXPECTED = {"shell-login", "shell-dashboard", "shell-notifications", "shell-plugins", "shell-settings",
            "uidemo-tickets", "uidemo-admin", "uidemo-broken"}


@pytest.mark.parametrize("owner, page_id, stem", [
    ("shell", "shell.dashboard", "shell-dashboard"),
    ("incidents", "incidents.list", "incidents-list"),
    ("incidents", "incidents.queue.mine", "incidents-queue.mine"),
    ("spares", "parts", "spares-parts"),
    ("crisis_bulletin", "crisis_bulletin.bulletins", "crisis_bulletin-bulletins"),
    ("x", "x.a b/c", "x-a-b-c"),
])
def test_file_names(owner, page_id, stem):
    assert file_stem(owner, page_id) == stem


def _distinct_colours(image: QImage, step: int = 25) -> int:
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


def test_render_all_writes_every_page_at_1400_by_900(qtbot, fake_app, admin, tmp_path):
    out = tmp_path / "shots"
    written = render_all(fake_app, admin, out)
    assert {p.stem for p in written} == EXPECTED
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{s}.png" for s in EXPECTED)
    for path in written:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1400, 900), path.name
        assert _distinct_colours(image) > 5, f"{path.name} looks blank"


def test_render_all_in_chinese_adds_the_locale_suffix_and_restores_english(qtbot, fake_app, admin, tmp_path):
    written = render_all(fake_app, admin, tmp_path, locale="zh_CN")
    assert {p.name for p in written} == {f"{s}-zh_CN.png" for s in EXPECTED}
    assert current_language() == "en"


def test_pages_are_grabbed_after_lists_load_and_charts_are_drawn(qtbot, fake_app, admin, tmp_path, monkeypatch):
    from console.ui.charts import ChartCanvas
    from console.ui.main_window import MainWindow

    def slow_chart(figure, context):
        time.sleep(0.6)
        figure.add_subplot().bar(["A", "B"], [1, 2])

    monkeypatch.setattr(fake_plugin, "_bar_chart", slow_chart)
    monkeypatch.setattr(fake_plugin, "_line_chart", slow_chart)
    states: list[list[str]] = []
    loading: list[bool] = []
    original = MainWindow.grab

    def grab(self, *args):
        states.append([c.state for c in self.findChildren(ChartCanvas) if c.isVisible()])
        page = self.page_widget("shell.notifications")
        if self.current_page_id == "shell.notifications":
            loading.append(page.loading)
        return original(self, *args)

    monkeypatch.setattr(MainWindow, "grab", grab)
    render_all(fake_app, admin, tmp_path)
    dashboard = next(s for s in states if s)
    assert dashboard and all(state in ("drawn", "failed") for state in dashboard)
    assert "failed" in dashboard  # the broken chart shows its error, it does not hang the run
    assert loading == [False]
