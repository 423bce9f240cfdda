"""``ChartCanvas``: a widget that shows one matplotlib chart drawn by a plugin's draw function.

matplotlib is imported only when a canvas is first shown (or ``redraw()`` is called), never
when this module is imported, so the shell starts fast and a page without charts never pays
for it. The draw function -- ``draw(figure, context)``, which usually queries the database --
runs on a background thread onto a fresh ``Figure``; the finished figure is then attached to
a Qt canvas on the GUI thread. A draw function that raises gets its error drawn as a readable
message in the chart's place; nothing else is affected.
"""

from __future__ import annotations

import logging
import textwrap
import threading
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QThreadPool, Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedLayout, QWidget

from console.ui.i18n import tr
from console.ui.support import MUTED, run_in_background

log = logging.getLogger(__name__)

#: Families tried in order; matplotlib (>= 3.6) falls back glyph by glyph along the list.
CJK_FONTS = [
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC",
    "Hiragino Sans GB", "Noto Sans CJK JP", "Droid Sans Fallback", "Arial Unicode MS",
]

#: File-name fragments of CJK fonts, for the rescan when matplotlib's cache predates them.
CJK_FILE_MARKS = ("CJK", "wqy", "WenQuanYi", "SourceHan", "DroidSansFallback", "msyh", "simhei", "PingFang")

_configured = False
_config_lock = threading.Lock()
# Draw functions run one at a time: matplotlib's global state is not thread-safe.
_draw_pool: QThreadPool | None = None


def configure_matplotlib() -> None:
    """Import matplotlib (headless Agg for figures) and set fonts that render Chinese labels."""
    global _configured
    with _config_lock:
        if _configured:
            return
        import matplotlib
        from matplotlib import font_manager

        cjk = _cjk_families(font_manager)
        # An explicit family list (not the generic "sans-serif", which resolves to one font) makes
        # matplotlib fall back glyph by glyph: the CJK font first, DejaVu Sans for anything it lacks.
        matplotlib.rcParams["font.sans-serif"] = [*cjk, "DejaVu Sans",
                                                  *[f for f in CJK_FONTS if f not in cjk]]
        matplotlib.rcParams["font.family"] = [*cjk[:1], "DejaVu Sans", *cjk[1:2]] if cjk else ["sans-serif"]
        matplotlib.rcParams["axes.unicode_minus"] = False  # CJK fonts lack U+2212
        matplotlib.rcParams.update({
            "font.size": 9, "axes.titlesize": 10, "axes.labelsize": 9,
            "axes.edgecolor": "#9aa5b4", "axes.labelcolor": "#1f2933", "axes.titleweight": "semibold",
            "xtick.color": "#5f6b7a", "ytick.color": "#5f6b7a", "axes.grid": True,
            "grid.color": "#e6e9ee", "grid.linewidth": 0.8, "axes.axisbelow": True,
            "axes.spines.top": False, "axes.spines.right": False, "legend.frameon": False,
            "axes.prop_cycle": matplotlib.cycler(color=[
                "#2f6db5", "#e07b39", "#3a9d5d", "#c0392b", "#8e6bbf", "#7f8c8d", "#d4a72c", "#1f9aa8"]),
        })
        _configured = True


def _cjk_families(font_manager) -> list[str]:
    """The installed CJK families, best first. matplotlib caches its font list once per version,
    so a CJK font installed after that is missing: then the system fonts are scanned once more."""
    def found() -> list[str]:
        installed = {f.name for f in font_manager.fontManager.ttflist}
        return [name for name in CJK_FONTS if name in installed]

    families = found()
    if not families:
        for path in font_manager.findSystemFonts():
            if any(mark in path for mark in CJK_FILE_MARKS):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):  # an unreadable font file is skipped
                    log.debug("font %s could not be added", path)
        families = found()
    return families


def _pool() -> QThreadPool:
    global _draw_pool
    if _draw_pool is None:
        _draw_pool = QThreadPool()
        _draw_pool.setMaxThreadCount(1)
    return _draw_pool


def _render(draw: Callable[[Any, Any], None], context: Any, size: tuple[float, float], dpi: float):
    """Background half: a new Figure with the chart, or with the error drawn in its place."""
    configure_matplotlib()
    from matplotlib.figure import Figure

    figure = Figure(figsize=size, dpi=dpi, facecolor="white", layout="constrained")
    try:
        draw(figure, context)
        return figure, None
    except Exception as error:  # noqa: BLE001 - a chart's failure is shown, not raised
        log.exception("chart draw function failed")
        figure = Figure(figsize=size, dpi=dpi, facecolor="white")
        draw_error(figure, error)
        return figure, error


def draw_error(figure, error: BaseException) -> None:
    """Write ``error`` readably across an empty figure."""
    figure.clear()
    heading = tr("shell", "This chart could not be drawn.")
    detail = "\n".join(textwrap.wrap(f"{type(error).__name__}: {error}", 70)[:6])
    figure.text(0.5, 0.56, heading, ha="center", va="bottom", fontsize=10, color="#b3261e",
                fontweight="semibold")
    figure.text(0.5, 0.50, detail, ha="center", va="top", fontsize=8.5, color="#5f6b7a", wrap=True)


_canvas_cls = None


def _canvas_class():
    """matplotlib's Qt canvas, guarded so a draw queued before the widget was deleted is dropped."""
    global _canvas_cls
    if _canvas_cls is None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        class GuardedCanvas(FigureCanvasQTAgg):
            def _draw_idle(self):
                if shiboken6.isValid(self):
                    super()._draw_idle()

            def draw(self):
                if not shiboken6.isValid(self):
                    return
                try:
                    super().draw()
                except RuntimeError:  # the widget was deleted while the figure was being drawn
                    if shiboken6.isValid(self):
                        raise

        _canvas_cls = GuardedCanvas
    return _canvas_cls


class ChartCanvas(QWidget):
    """A lazily drawn matplotlib chart: ``ChartCanvas(draw, context, parent=None)``.

    ``draw(figure, context)`` is called on first show and on ``redraw()``; ``state`` is
    ``idle`` (not drawn yet), ``drawing``, ``drawn`` or ``failed``; ``drawn`` is emitted once
    the chart (or its error message) is on screen.
    """

    drawn = Signal()

    def __init__(self, draw: Callable[[Any, Any], None], context: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self._draw, self._context = draw, context
        self.state = "idle"
        self.error: BaseException | None = None
        self.figure = None
        self.canvas: QWidget | None = None
        self._generation = 0
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._stack = QStackedLayout(self)
        self._placeholder = QLabel()
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._placeholder.setStyleSheet(f"color: {MUTED};")
        self._stack.addWidget(self._placeholder)
        self._retranslate()

    # -- public ----------------------------------------------------------------------------
    def redraw(self) -> None:
        """Draw (again) now: the draw function runs in the background, the result replaces the chart."""
        self._generation += 1
        generation = self._generation
        self.state = "drawing"
        self._retranslate()
        dpi = max(self.logicalDpiX(), 72)
        width = max(self.width(), 320) / dpi
        height = max(self.height(), 220) / dpi
        context = self._context
        run_in_background(self, lambda: _render(self._draw, context, (width, height), dpi),
                          lambda result: self._attach(generation, *result),
                          lambda error, text: self._failed(generation, error, text), pool=_pool())

    @property
    def is_settled(self) -> bool:
        """True when nothing is pending: drawn, failed, or never asked to draw."""
        return self.state in ("idle", "drawn", "failed")

    # -- internals ---------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.state == "idle":
            self.redraw()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == event.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        if self.state in ("idle", "drawing"):
            self._placeholder.setText(tr("shell", "Drawing chart…"))

    def _attach(self, generation: int, figure, error: BaseException | None) -> None:
        if generation != self._generation:
            return
        canvas = _canvas_class()(figure)
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        canvas.setMinimumSize(1, 1)
        if self.canvas is not None:
            self._retire(self.canvas)
        self.canvas, self.figure, self.error = canvas, figure, error
        self._stack.addWidget(canvas)
        self._stack.setCurrentWidget(canvas)
        canvas.draw_idle()
        self.state = "failed" if error is not None else "drawn"
        self.drawn.emit()

    def _retire(self, canvas) -> None:
        # A draw_idle queued on the old canvas must not run after it is deleted.
        canvas._draw_pending = False
        canvas.hide()
        self._stack.removeWidget(canvas)
        canvas.deleteLater()

    def _failed(self, generation: int, error: BaseException, text: str) -> None:
        # Only reached when matplotlib itself is unusable (not installed, broken fonts …).
        if generation != self._generation:
            return
        log.error("chart could not be rendered: %s", text)
        self.error = error
        self.state = "failed"
        self._placeholder.setText(tr("shell", "This chart could not be drawn.") + "\n"
                                  + f"{type(error).__name__}: {error}")
        self._placeholder.setStyleSheet("color: #b3261e;")
        self._stack.setCurrentWidget(self._placeholder)
        self.drawn.emit()
