"""``OrderTimeline``: one service order step by step, as auditors review it — its facts, every
recorded step, a chart of the three step clocks (running and stopped stretches, due line, breach
mark) and sentences saying why each clock stands where it does. The claim review page embeds it."""

from __future__ import annotations

from datetime import datetime, tzinfo
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from console.api import Context, numeric_time_axis
from console.api.ui import ChartCanvas, DetailSection, detail_html, display_text, message_for, run_in_background
from console.api.ui import section_label, tr, user_zone
from plugins.partners import orders
from plugins.partners.ui.common import (CLOCK_NAMES, CLOCK_STATE_NAMES, NAME, REASON_NAMES, SOURCE_NAMES,
                                        STEP_NAMES, duration, error_label, fill_table, km, name, read_only_table)

STEP_COLUMNS = (QT_TRANSLATE_NOOP("partners", "Step"), QT_TRANSLATE_NOOP("partners", "Time"),
                QT_TRANSLATE_NOOP("partners", "Engineer"), QT_TRANSLATE_NOOP("partners", "Check-in"),
                QT_TRANSLATE_NOOP("partners", "Reason"), QT_TRANSLATE_NOOP("partners", "Satisfaction"),
                QT_TRANSLATE_NOOP("partners", "Note"), QT_TRANSLATE_NOOP("partners", "Recorded by"))
#: What stops each clock, as the sentences say it.
STOP_NAMES = {"accept": QT_TRANSLATE_NOOP("partners", "accepted or rejected"),
              "arrive": QT_TRANSLATE_NOOP("partners", "arrived on site"),
              "fix": QT_TRANSLATE_NOOP("partners", "fixed")}
CHART_LABELS = {"running": QT_TRANSLATE_NOOP("partners", "Running"),
                "stopped": QT_TRANSLATE_NOOP("partners", "Stopped"),
                "due": QT_TRANSLATE_NOOP("partners", "Due"), "breach": QT_TRANSLATE_NOOP("partners", "Breach"),
                "now": QT_TRANSLATE_NOOP("partners", "Now"),
                "none": QT_TRANSLATE_NOOP("partners", "Select a service order to see its step clocks.")}
COLOURS = {"running": "#2f6db5", "stopped": "#c9d1db", "due": "#e07b39", "breach": "#c0392b", "now": "#5f6b7a"}


# -- sentences -------------------------------------------------------------------------------
def _at(value: datetime | None, zone: tzinfo | None) -> str:
    return display_text(value, zone) if value is not None else "—"


def clock_sentences(clock: orders.StepClock, zone: tzinfo | None) -> list[str]:
    """Why one step clock stands where it does, in the user's language."""
    state, status = clock.state, clock.state.state.value
    calendar = clock.definition.calendar.name
    calendar = tr(NAME, "round the clock (24×7)") if calendar == "24x7" else calendar
    lines = [tr(NAME, "{clock}: from dispatch until {stop}; target {target}, counted {calendar}.").format(
        clock=name(CLOCK_NAMES, clock.name), stop=tr(NAME, STOP_NAMES[clock.name]), target=duration(clock.target),
        calendar=calendar)]
    if status == "running" and state.breached_at is None:
        lines.append(tr(NAME, "Running: due {at}, {left} left.").format(at=_at(clock.due, zone),
                                                                     left=duration(state.remaining)))
    elif status == "breached" and state.stopped_at is None:
        lines.append(tr(NAME, "Breached at {at} and still running, {over} over the target.").format(
            at=_at(state.breached_at, zone), over=duration(-state.remaining)))
    elif status == "breached":
        lines.append(tr(NAME, "Breached at {at}; stopped {stopped}, {over} over the target.").format(
            at=_at(state.breached_at, zone), stopped=_at(state.stopped_at, zone), over=duration(-state.remaining)))
    elif status == "met":
        lines.append(tr(NAME, "Met: stopped {at} with {spare} to spare.").format(at=_at(state.stopped_at, zone),
                                                                                spare=duration(state.remaining)))
    elif status == "cancelled":
        ended = state.segments[-1].reason if state.segments else None
        lines.append(tr(NAME, "Not applicable: the order was {step} at {at}.").format(
            step=name(STEP_NAMES, ended).lower(), at=_at(state.stopped_at, zone)))
    else:
        lines.append(name(CLOCK_STATE_NAMES, status))
    return lines


def explanation_html(view: orders.OrderTimeline, zone: tzinfo | None) -> str:
    """Every clock's state and sentences, as HTML."""
    parts = []
    for clock in view.clocks:
        colour = COLOURS["breach"] if clock.breached else "#1f2933"
        parts.append(f"<p style='margin:6px 0 2px 0; color:{colour}'><b>{escape(name(CLOCK_NAMES, clock.name))}: "
                     f"{escape(name(CLOCK_STATE_NAMES, clock.state.state.value))}</b></p>"
                     + "".join(f"<div style='margin-left:12px'>{escape(line)}</div>"
                               for line in clock_sentences(clock, zone)))
    if view.arrive_due_at is None:
        parts.append(f"<p>{escape(tr(NAME, 'Arrive: no target — the distance table has no row for this distance.'))}"
                     "</p>")
    return "".join(parts)


def facts_html(view: orders.OrderTimeline, zone: tzinfo | None) -> str:
    """The order's facts as a detail pane."""
    heading = f"{view.number} · {view.partner_name} · {name(STEP_NAMES, view.status)}"
    order = DetailSection(QT_TRANSLATE_NOOP("partners", "Service order"), [
        (QT_TRANSLATE_NOOP("partners", "Partner"), f"{view.partner_code} · {view.partner_name}"),
        (QT_TRANSLATE_NOOP("partners", "Source"), name(SOURCE_NAMES, view.source)),
        (QT_TRANSLATE_NOOP("partners", "Incident"), view.incident_ref or "—"),
        (QT_TRANSLATE_NOOP("partners", "Work order"), view.work_order_ref or "—"),
        (QT_TRANSLATE_NOOP("partners", "Partner's number"), view.external_ref or "—"),
        (QT_TRANSLATE_NOOP("partners", "Category"), view.category or "—"),
        (QT_TRANSLATE_NOOP("partners", "Repair level"), view.repair_level),
        (QT_TRANSLATE_NOOP("partners", "Engineer"), view.engineer or "—"),
    ])
    where = DetailSection(QT_TRANSLATE_NOOP("partners", "Where"), [
        (QT_TRANSLATE_NOOP("partners", "Customer"), view.customer or "—"),
        (QT_TRANSLATE_NOOP("partners", "Site"), view.site or "—"),
        (QT_TRANSLATE_NOOP("partners", "Asset"), view.asset_serial or "—"),
        (QT_TRANSLATE_NOOP("partners", "Nearest centre"), view.centre or "—"),
        (QT_TRANSLATE_NOOP("partners", "Distance"), km(view.distance_km) or "—"),
    ])
    when = DetailSection(QT_TRANSLATE_NOOP("partners", "Due"), [
        (QT_TRANSLATE_NOOP("partners", "Dispatched"), view.dispatched_at),
        (QT_TRANSLATE_NOOP("partners", "Accept by"), view.accept_due_at),
        (QT_TRANSLATE_NOOP("partners", "Arrive by"), view.arrive_due_at or "—"),
        (QT_TRANSLATE_NOOP("partners", "Fix by"), view.fix_due_at or "—"),
        (QT_TRANSLATE_NOOP("partners", "Closed"), view.closed_at or "—"),
    ])
    return detail_html(heading, [order, where, when], owner=NAME, zone=zone)


# -- the chart -------------------------------------------------------------------------------
def draw_clocks(figure, view: orders.OrderTimeline | None, zone: tzinfo | None) -> None:
    """The three step clocks as lanes: running and stopped stretches, the due instant, the breach, now."""
    from matplotlib import dates
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    axes = figure.add_subplot()
    if view is None or not view.clocks:
        axes.set_axis_off()
        axes.text(0.5, 0.5, tr(NAME, CHART_LABELS["none"]), ha="center", va="center", transform=axes.transAxes)
        return

    def x(value: datetime) -> float:
        return dates.date2num(value.astimezone(zone).replace(tzinfo=None))

    lanes = list(reversed(view.clocks))
    for row, clock in enumerate(lanes):
        for start, end, kind, _reason in clock.state.segments:
            axes.broken_barh([(x(start), max(x(end) - x(start), 1e-6))], (row - 0.3, 0.6),
                             facecolors=COLOURS.get(kind, COLOURS["stopped"]), edgecolor="white", linewidth=0.5)
        axes.plot([x(clock.due)] * 2, [row - 0.42, row + 0.42], color=COLOURS["due"], linestyle="--", linewidth=1.4)
        if clock.state.breached_at is not None:
            axes.plot(x(clock.state.breached_at), row, marker="X", markersize=10, color=COLOURS["breach"], zorder=5)
    axes.axvline(x(view.now), color=COLOURS["now"], linewidth=1, linestyle=":")
    axes.set_yticks(range(len(lanes)), [name(CLOCK_NAMES, clock.name) for clock in lanes])
    axes.set_ylim(-0.7, len(lanes) - 0.3)
    numeric_time_axis(axes)
    axes.grid(axis="y", visible=False)
    label = {key: tr(NAME, text) for key, text in CHART_LABELS.items()}
    handles = [Patch(facecolor=COLOURS["running"], label=label["running"]),
               Patch(facecolor=COLOURS["stopped"], label=label["stopped"]),
               Line2D([], [], color=COLOURS["due"], linestyle="--", label=label["due"]),
               Line2D([], [], color=COLOURS["breach"], marker="X", linestyle="none", label=label["breach"]),
               Line2D([], [], color=COLOURS["now"], linestyle=":", label=label["now"])]
    axes.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=5, fontsize=8)


# -- the widget ------------------------------------------------------------------------------
def _column(*widgets: QWidget) -> QVBoxLayout:
    """``widgets`` one under the other; labels keep their height, the rest share the space."""
    column = QVBoxLayout()
    for widget in widgets:
        column.addWidget(widget, 0 if isinstance(widget, QLabel) else 1)
    return column


class OrderTimeline(QWidget):
    """A service order step by step: ``show(context, number)`` reads it off the GUI thread and shows
    its facts, steps, clock chart and explanation; ``show(context, None)`` clears it.

    ``state`` is ``empty``, ``loading``, ``shown`` or ``failed``; ``loaded`` is emitted when it settles;
    ``view`` is the ``orders.OrderTimeline`` shown.
    """

    loaded = Signal()

    def __init__(self, parent: QWidget | None = None, *, wide: bool = False):
        """Stacked for a narrow pane; ``wide`` puts facts, steps and clocks side by side (under a list)."""
        super().__init__(parent)
        self.context: Context | None = None
        self.view: orders.OrderTimeline | None = None
        self.state = "empty"
        self._generation = 0
        self.facts = QTextBrowser()
        self.facts.setMinimumSize(220, 120)
        self.steps_title = section_label(tr(NAME, "Steps"))
        self.steps = read_only_table(len(STEP_COLUMNS))
        self.steps.setMinimumHeight(110)
        self.clocks_title = section_label(tr(NAME, "Step clocks"))
        self.chart = ChartCanvas(lambda figure, _c: draw_clocks(figure, self.view, self._zone()), None)
        self.chart.setMinimumSize(320, 190)
        self.explanation = QTextBrowser()
        self.explanation.setMinimumSize(220, 90)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.error)
        if wide:
            columns = QHBoxLayout()
            layout.addLayout(columns, 1)
            columns.addWidget(self.facts, 2)
            columns.addLayout(_column(self.steps_title, self.steps, self.explanation), 3)
            columns.addLayout(_column(self.clocks_title, self.chart), 3)
        else:
            layout.addLayout(_column(self.facts, self.steps_title, self.steps, self.clocks_title, self.chart,
                                     self.explanation), 1)
        self._retranslate()

    def show(self, context: Context | None = None, number: str | None = None) -> None:  # noqa: D417
        """Show the service order ``number`` as ``context``'s user may see it (no arguments: ``QWidget.show``)."""
        if context is None:
            super().show()
            return
        self.context = context
        self._generation += 1
        generation = self._generation
        if not number:
            self._fill(generation, None)
            return
        self.state = "loading"
        app, actor = context.app, context.actor

        def load() -> orders.OrderTimeline:
            calendar = orders.clock_calendar(app)
            with app.session() as session:
                return orders.timeline(session, number, actor, calendar=calendar)

        run_in_background(self, load, lambda view: self._fill(generation, view),
                          lambda error, _t: self._failed(generation, error))

    def loading(self) -> bool:
        """True while the order or its chart is still being read or drawn."""
        return self.state == "loading" or not self.chart.is_settled

    # -- internals ---------------------------------------------------------------------------
    def _zone(self) -> tzinfo | None:
        return user_zone(self.context) if self.context is not None else None

    def _fill(self, generation: int, view: orders.OrderTimeline | None) -> None:
        if generation != self._generation:
            return
        self.view, zone = view, self._zone()
        self.error.hide()
        self.facts.setHtml(facts_html(view, zone) if view else "")
        self.facts.setPlaceholderText(tr(NAME, "Select a service order to see it step by step."))
        fill_table(self.steps, [
            [name(STEP_NAMES, step.step), _at(step.at, zone),
             f"{step.engineer_code} · {step.engineer_name}" if step.engineer_code else "",
             f"{step.latitude}, {step.longitude}" if step.latitude is not None else "",
             name(REASON_NAMES, step.reason), "★" * step.satisfaction if step.satisfaction else "",
             step.note or "", f"{step.recorded_by} · {_at(step.recorded_at, zone)}"]
            for step in (view.steps if view else [])])
        self.explanation.setHtml(explanation_html(view, zone) if view else "")
        self.state = "shown" if view else "empty"
        if self.chart.state != "idle" or self.chart.isVisible():
            self.chart.redraw()
        self.loaded.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.view = None
        self.state = "failed"
        self.error.setText(message_for(error))
        self.error.show()
        self.loaded.emit()

    def _retranslate(self) -> None:
        self.steps.setHorizontalHeaderLabels([tr(NAME, title) for title in STEP_COLUMNS])
        self.steps_title.setText(tr(NAME, "Steps"))
        self.clocks_title.setText(tr(NAME, "Step clocks"))
        self.facts.setPlaceholderText(tr(NAME, "Select a service order to see it step by step."))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == event.Type.LanguageChange:
            self._retranslate()
            if self.view is not None:
                self._fill(self._generation, self.view)
        super().changeEvent(event)
