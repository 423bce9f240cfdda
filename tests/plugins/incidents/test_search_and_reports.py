"""Global search, the dashboard chart and the ``incidents-stats`` command."""

import argparse

from matplotlib.figure import Figure

from plugins.incidents import reports, service
from tests.plugins import unique


def test_search_by_number_and_title(app, admin, reference, context):
    token = unique("DISK")
    number = service.create_incident(app, admin, title=f"Array {token} degraded", customer_id=reference.customer_id,
                                     category="存储 Storage", impact="high", urgency="medium")
    by_title = service.search(context, token.lower(), 5)
    assert [(h.key, h.page_id) for h in by_title] == [(number, service.PAGE_ID)]
    assert by_title[0].subtitle == "P2 · 测试客户 Test customer"
    assert number in [h.key for h in service.search(context, number.lower(), 5)]
    assert service.search(context, "  ", 5) == []


def test_chart_draws_open_incidents_by_priority(app, admin, reference, context):
    service.create_incident(app, admin, title="P1 for the chart", customer_id=reference.customer_id,
                            category="网络 Network", impact="high", urgency="high")
    figure = Figure()
    reports.draw_open_by_priority(figure, context)
    (axes,) = figure.axes
    heights = {label.get_text(): bar.get_height()
               for label, bar in zip(axes.get_xticklabels(), axes.patches)}
    assert list(heights) == ["P1", "P2", "P3", "P4"]
    with app.session() as session:
        assert heights["P1"] == reports.open_by_priority(session)["P1"] >= 1


def test_stats_command_prints_counts_by_status(app, admin, reference, capsys):
    service.create_incident(app, admin, title="Counted", customer_id=reference.customer_id, category="终端 PC")
    parser = argparse.ArgumentParser()
    reports.configure_stats(parser)
    assert reports.run_stats(parser.parse_args([]), app) == 0
    lines = dict(line.split(maxsplit=1) for line in capsys.readouterr().out.splitlines())
    assert list(lines) == ["new", "assigned", "in_progress", "pending", "resolved", "reopened", "closed", "total"]
    assert int(lines["new"].replace(",", "")) >= 1
