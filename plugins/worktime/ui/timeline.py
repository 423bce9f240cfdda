"""The day timelines: one lane per day of the week, hours left to right. Each lane shades the schedule's
windows, hatches leave and draws every entry as a block in its activity's colour, with a strip under it
showing where the split put its minutes (normal, extended hours, rest day, statutory holiday); holidays
and rest days tint the lane. Click a lane to pick that day; double-click a block to correct it, or free
time to record time there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from console.api.ui import tr
from plugins.worktime.periods import format_minutes
from plugins.worktime.reports import BUCKET_COLOURS
from plugins.worktime.service.queries import DayView, EntryView
from plugins.worktime.split import local_midnight
from plugins.worktime.ui.common import (
    ACTIVITY_COLOURS,
    BUCKET_NAMES,
    DAY_KIND_COLOURS,
    NAME,
    WEEKDAY_SHORT,
    activity_label,
)

AXIS, LANE, GAP, STRIP, LABEL, LEGEND = 22, 25, 4, 5, 84, 24
RIGHT = 26
SELECTED = "#e3ecf7"


@dataclass(frozen=True)
class _Block:
    entry: EntryView
    rect: QRectF


class DayTimeline(QWidget):
    """The week's days as timelines; ``show_days(days, entries, zone, titles, selected)`` fills it.

    Emits ``day_selected(date)`` on a click, ``entry_activated(entry)`` on a double-clicked block and
    ``time_activated(datetime)`` on a double-click in free time (rounded down to the quarter hour).
    """

    day_selected = Signal(object)
    entry_activated = Signal(object)
    time_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.days: list[DayView] = []
        self.entries: list[EntryView] = []
        self.titles: dict[str, str] = {}
        self.zone = None
        self.selected: date | None = None
        self._range = (7 * 60, 21 * 60)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self._height(7))

    @staticmethod
    def _height(lanes: int) -> int:
        return AXIS + lanes * (LANE + GAP) + LEGEND

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(900, self._height(max(len(self.days), 1)))

    def show_days(self, days: list[DayView], entries: list[EntryView], zone, titles: dict[str, str],
                  selected: date | None) -> None:
        """Show ``days`` (one lane each) with the entries that fall in them; ``selected`` is highlighted."""
        self.days, self.entries, self.zone, self.titles, self.selected = days, entries, zone, titles, selected
        minutes = [m for d in days for w in d.windows for m in w]
        for day in days:
            lo, hi = self._bounds(day.day)
            for entry in entries:
                if entry.starts_at < hi and entry.ends_at > lo:
                    minutes += [self._minute(day.day, max(entry.starts_at, lo)),
                                self._minute(day.day, min(entry.ends_at, hi))]
        first, last = min([8 * 60, *minutes]), max([19 * 60, *minutes])
        self._range = (first // 60 * 60, min(-(-last // 60) * 60, 1440))
        self.setFixedHeight(self._height(len(days)))
        self.update()

    def select(self, day: date) -> None:
        """Highlight ``day``'s lane."""
        self.selected = day
        self.update()

    # -- geometry ----------------------------------------------------------------------------------
    def _bounds(self, day: date) -> tuple[datetime, datetime]:
        return local_midnight(day, self.zone), local_midnight(day + timedelta(days=1), self.zone)

    def _minute(self, day: date, moment: datetime) -> int:
        return max(0, min(1440, int((moment - local_midnight(day, self.zone)).total_seconds() // 60)))

    def _x(self, minute: float) -> float:
        first, last = self._range
        return LABEL + (minute - first) / max(last - first, 1) * (self.width() - LABEL - RIGHT)

    def _minute_at(self, x: float) -> int:
        first, last = self._range
        return int(first + (x - LABEL) / max(self.width() - LABEL - RIGHT, 1) * (last - first))

    def _lane_top(self, index: int) -> float:
        return AXIS + index * (LANE + GAP)

    def _lane_at(self, y: float) -> int | None:
        index = int((y - AXIS) // (LANE + GAP))
        return index if 0 <= index < len(self.days) else None

    # -- painting ------------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if not self.days:
            return
        font = QFont(self.font())
        font.setPointSizeF(8.5)
        painter.setFont(font)
        for index, day in enumerate(self.days):
            self._paint_lane(painter, index, day)
        self._paint_axis(painter)
        self._paint_legend(painter)

    def _paint_axis(self, painter: QPainter) -> None:
        first, last = self._range
        bottom = self._lane_top(len(self.days)) - GAP
        step = 60 if last - first <= 16 * 60 else 120
        for minute in range(first, last + 1, step):
            x = self._x(minute)
            painter.setPen(QPen(QColor(0, 0, 0, 28), 1))
            painter.drawLine(QPointF(x, AXIS - 2), QPointF(x, bottom))
            painter.setPen(QColor("#5f6b7a"))
            painter.drawText(QRectF(x - 22, 2, 44, AXIS - 6), Qt.AlignmentFlag.AlignCenter, f"{minute // 60:02d}:00")

    def _paint_lane(self, painter: QPainter, index: int, day: DayView) -> None:
        top = self._lane_top(index)
        lane = QRectF(LABEL, top, self.width() - LABEL - RIGHT, LANE)
        if day.day == self.selected:
            painter.fillRect(QRectF(0, top - GAP / 2, self.width(), LANE + GAP), QColor(SELECTED))
        painter.fillRect(lane, QColor(DAY_KIND_COLOURS.get(day.kind) or "#f7f9fb"))
        for start, end in day.windows:
            painter.fillRect(QRectF(self._x(start), top, self._x(end) - self._x(start), LANE), QColor("#e6f2e8"))
        for start, end, _name in day.leave:
            a, b = (self._x(self._minute(day.day, t)) for t in (max(start, self._bounds(day.day)[0]),
                                                                 min(end, self._bounds(day.day)[1])))
            painter.fillRect(QRectF(a, top, b - a, LANE), QBrush(QColor("#9aa5b4"), Qt.BrushStyle.BDiagPattern))
        painter.setPen(QColor("#b3261e") if day.kind == "statutory_holiday" else QColor("#1f2933"))
        painter.drawText(QRectF(6, top, LABEL - 10, LANE), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         f"{tr(NAME, WEEKDAY_SHORT[day.day.weekday()])} {day.day:%m-%d}")
        for block in self._lane_blocks(index):
            self._paint_entry(painter, day.day, top, block.entry, block.rect.adjusted(0, 0, 0, -STRIP))

    def _lane_blocks(self, index: int) -> list[_Block]:
        """Where each entry of a lane is drawn (the block and its split strip)."""
        day, top = self.days[index].day, self._lane_top(index)
        lo, hi = self._bounds(day)
        blocks = []
        for entry in self.entries:
            if entry.starts_at < hi and entry.ends_at > lo:
                a = self._x(self._minute(day, max(entry.starts_at, lo)))
                b = self._x(self._minute(day, min(entry.ends_at, hi)))
                blocks.append(_Block(entry, QRectF(a + 0.5, top + 1, max(b - a - 1, 2), LANE - 2)))
        return blocks

    def _paint_entry(self, painter: QPainter, day: date, top: float, entry: EntryView, rect: QRectF) -> None:
        lo, hi = self._bounds(day)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(ACTIVITY_COLOURS.get(entry.kind, "#5f6b7a")))
        painter.drawRoundedRect(rect, 3, 3)
        for start, end, bucket in entry.pieces:
            if end <= lo or start >= hi:
                continue
            x1, x2 = (self._x(self._minute(day, t)) for t in (max(start, lo), min(end, hi)))
            painter.fillRect(QRectF(x1, top + LANE - STRIP, max(x2 - x1, 1), STRIP), QColor(BUCKET_COLOURS[bucket]))
        text = f"{activity_label(entry.kind, entry.ref)} {format_minutes(entry.minutes)}"
        width = int(rect.width()) - 8
        if width > 24:
            painter.setPen(QColor("#ffffff"))
            painter.drawText(rect.adjusted(4, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width))

    def _paint_legend(self, painter: QPainter) -> None:
        x, y = LABEL, self._lane_top(len(self.days)) + 2
        metrics = painter.fontMetrics()
        shown = {b for e in self.entries for *_t, b in e.pieces}
        items = [(BUCKET_COLOURS[b], tr(NAME, BUCKET_NAMES[b])) for b in BUCKET_COLOURS if b in shown]
        items.append(("#e6f2e8", tr(NAME, "Scheduled time")))
        for colour, text in items:
            painter.fillRect(QRectF(x, y + 4, 10, 10), QColor(colour))
            painter.setPen(QColor("#5f6b7a"))
            painter.drawText(QPointF(x + 14, y + 13), text)
            x += 30 + metrics.horizontalAdvance(text)

    # -- interaction --------------------------------------------------------------------------------------
    def block_at(self, x: float, y: float) -> EntryView | None:
        """The entry drawn at a point, if any."""
        index = self._lane_at(y)
        blocks = self._lane_blocks(index) if index is not None else []
        return next((b.entry for b in blocks if b.rect.contains(QPointF(x, y))), None)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        index = self._lane_at(event.position().y())
        if index is not None:
            self.select(self.days[index].day)
            self.day_selected.emit(self.days[index].day)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        entry = self.block_at(event.position().x(), event.position().y())
        if entry is None:
            QToolTip.hideText()
            return
        zone = self.zone
        parts = "\n".join(f"  {tr(NAME, BUCKET_NAMES[b])}: {format_minutes(int((e - s).total_seconds() // 60))}"
                          for s, e, b in entry.pieces)
        QToolTip.showText(event.globalPosition().toPoint(),
                          f"{activity_label(entry.kind, entry.ref, self.titles)}\n"
                          f"{entry.starts_at.astimezone(zone):%Y-%m-%d %H:%M} – {entry.ends_at.astimezone(zone):%H:%M}"
                          f"  ({format_minutes(entry.minutes)})\n{parts}" + (f"\n{entry.note}" if entry.note else ""),
                          self)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        index = self._lane_at(event.position().y())
        if index is None:
            return
        entry = self.block_at(event.position().x(), event.position().y())
        if entry is not None:
            self.entry_activated.emit(entry)
            return
        minute = max(0, min(self._minute_at(event.position().x()) // 15 * 15, 1440 - 15))
        self.time_activated.emit(local_midnight(self.days[index].day, self.zone) + timedelta(minutes=minute))
