"""ChartCanvas: lazy matplotlib, background drawing, errors drawn in place, Chinese labels."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path
from types import SimpleNamespace

from console.core.contributions import ChartSpec
from console.ui.charts import ChartCanvas, configure_matplotlib

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MPLBACKEND="Agg", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=240)


def test_importing_the_chart_module_does_not_import_matplotlib():
    result = _run("""
        import sys
        import console.ui.charts, console.ui.pages.dashboard, console.ui.main_window, console.ui.screenshot
        print("matplotlib" in sys.modules)
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_dashboard_builds_without_matplotlib_until_a_chart_is_drawn():
    result = _run("""
        import sys, time
        from types import SimpleNamespace
        from PySide6.QtWidgets import QApplication
        from console.core.contributions import ChartSpec

        qapp = QApplication([])
        drawn = []
        def draw(figure, context):
            figure.add_subplot().bar(["北京", "上海"], [3, 4])
            drawn.append(True)
        specs = [("demo", ChartSpec("demo.a", "A", draw)), ("demo", ChartSpec("demo.b", "B", draw))]
        host = SimpleNamespace(collect=lambda hook: specs if hook == "register_dashboard_charts" else [])
        actor = SimpleNamespace(can=lambda permission: True)
        context = SimpleNamespace(app=SimpleNamespace(plugins=host), actor=actor)

        from console.ui.pages.dashboard import DashboardPage
        page = DashboardPage(context)
        assert len(page.tiles) == 2
        print("before show:", "matplotlib" in sys.modules)
        page.resize(900, 700)
        page.show()
        from console.ui.support import wait_until
        assert wait_until(lambda: page.is_settled() and all(c.state == "drawn" for c in page.canvases), 120)
        print("after show:", "matplotlib" in sys.modules, len(drawn))
    """)
    assert result.returncode == 0, result.stderr
    assert "before show: False" in result.stdout
    assert "after show: True 2" in result.stdout


def _context():
    return SimpleNamespace(app=None, actor=SimpleNamespace(can=lambda p: True))


def test_canvas_draws_in_the_background_and_attaches_the_figure(qtbot):
    seen = []

    def draw(figure, context):
        seen.append(context)
        ax = figure.add_subplot()
        ax.plot([1, 2, 3], [2, 1, 3])
        ax.set_title("备件满足率 fill rate")

    context = _context()
    canvas = ChartCanvas(draw, context)
    qtbot.addWidget(canvas)
    assert canvas.state == "idle" and canvas.figure is None
    canvas.resize(500, 300)
    with qtbot.waitSignal(canvas.drawn, timeout=60_000):
        canvas.show()
    assert canvas.state == "drawn" and canvas.error is None
    assert seen == [context]
    assert canvas.figure.axes[0].get_title() == "备件满足率 fill rate"
    assert canvas.canvas is not None and canvas.canvas.figure is canvas.figure
    assert not canvas.grab().isNull()


def test_a_failing_draw_function_shows_its_error_in_the_chart(qtbot):
    def draw(figure, context):
        figure.add_subplot().plot([1], [1])
        raise ZeroDivisionError("no incidents in this period")

    canvas = ChartCanvas(draw, _context())
    qtbot.addWidget(canvas)
    with qtbot.waitSignal(canvas.drawn, timeout=60_000):
        canvas.redraw()
    assert canvas.state == "failed"
    assert isinstance(canvas.error, ZeroDivisionError)
    texts = " ".join(t.get_text() for t in canvas.figure.texts)
    assert "This chart could not be drawn." in texts
    assert "ZeroDivisionError: no incidents in this period" in texts
    assert not canvas.figure.axes  # the half-drawn axes are gone
    canvas.grab()  # renders without raising


def test_redraw_replaces_the_chart(qtbot):
    values = iter([[1, 2], [5, 6, 7]])

    def draw(figure, context):
        figure.add_subplot().plot(next(values))

    canvas = ChartCanvas(draw, _context())
    qtbot.addWidget(canvas)
    with qtbot.waitSignal(canvas.drawn, timeout=60_000):
        canvas.redraw()
    first = canvas.figure
    with qtbot.waitSignal(canvas.drawn, timeout=60_000):
        canvas.redraw()
    assert canvas.figure is not first
    assert len(canvas.figure.axes[0].lines[0].get_xdata()) == 3


def test_chinese_labels_render_with_a_cjk_font(qtbot):
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    configure_matplotlib()
    families = matplotlib.rcParams["font.family"]
    installed = {f.name for f in matplotlib.font_manager.fontManager.ttflist}
    cjk = [f for f in ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Source Han Sans SC")
           if f in installed]
    if not cjk:
        import pytest

        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    assert cjk[0] in families and matplotlib.rcParams["font.sans-serif"][0] == cjk[0]
    figure = Figure()
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.bar(["北京", "上海", "广州"], [1, 2, 3])
    ax.set_title("各服务商满足率 − 2026")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" would raise here
        figure.canvas.draw()


def test_chart_spec_draw_signature_matches_the_canvas(qtbot):
    spec = ChartSpec("x.y", "Title", lambda figure, context: figure.add_subplot())
    canvas = ChartCanvas(spec.draw, _context())
    qtbot.addWidget(canvas)
    with qtbot.waitSignal(canvas.drawn, timeout=60_000):
        canvas.redraw()
    assert canvas.state == "drawn"


def test_a_cjk_font_installed_after_matplotlibs_cache_is_found_by_a_rescan(tmp_path):
    from types import SimpleNamespace

    from console.ui import charts

    added = []
    entry = SimpleNamespace(name="Noto Sans CJK SC")
    manager = SimpleNamespace(ttflist=[SimpleNamespace(name="DejaVu Sans")],
                              addfont=lambda path: (added.append(path), manager.ttflist.append(entry)))
    fake = SimpleNamespace(fontManager=manager,
                           findSystemFonts=lambda: ["/fonts/DejaVuSans.ttf", "/fonts/NotoSansCJK-Regular.ttc"])
    assert charts._cjk_families(fake) == ["Noto Sans CJK SC"]
    assert added == ["/fonts/NotoSansCJK-Regular.ttc"]
