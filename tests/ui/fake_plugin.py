"""A plugin used by the UI tests: pages (one admin-only, one broken), charts (one broken),
a search provider, settings, actions and a Chinese translation file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from console.api import (
    ActionSpec,
    ChartSpec,
    PageSpec,
    SearchHit,
    SearchProviderSpec,
    SettingSpec,
    TranslationSpec,
    hookimpl,
)

NAME = "uidemo"
VERSION = "0.9"
TITLE = "Field service"
REQUIRES = ()
actions_run: list[str] = []
opened_keys: list[str] = []
search_calls: list[str] = []

ROWS = [
    ("INC-2026-0001", "北京朝阳医院", "服务器宕机，无法登录", "P1", "处理中"),
    ("INC-2026-0002", "上海浦东机场", "打印机卡纸", "P3", "新建"),
    ("INC-2026-0003", "广州天河城", "UPS battery alarm", "P2", "待客户确认"),
    ("INC-2026-0004", "深圳南山科技园", "存储阵列磁盘故障（RAID 5 降级）", "P1", "等待备件"),
]


def _tickets(context):
    from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

    class Tickets(QTableWidget):
        def open_key(self, key):
            opened_keys.append(key)

        def current_key(self):
            return self.item(self.currentRow(), 0).text() if self.currentRow() >= 0 else None

    table = Tickets(len(ROWS), 5)
    table.setHorizontalHeaderLabels(["Number", "Customer", "Summary", "Priority", "Status"])
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))
    table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setVisible(False)
    return table


def _admin_page(context):
    from PySide6.QtWidgets import QLabel

    return QLabel("Only administrators see this page.")


def _broken(context):
    raise RuntimeError("the demo page exploded on purpose")


def _bar_chart(figure, context):
    ax = figure.add_subplot()
    labels = ["北京", "上海", "广州", "深圳", "成都"]
    ax.bar(labels, [42, 35, 28, 31, 12])
    ax.set_title("各城市未关闭事件")
    ax.set_ylabel("事件数")


def _line_chart(figure, context):
    ax = figure.add_subplot()
    days = list(range(1, 15))
    ax.plot(days, [3, 5, 4, 6, 8, 7, 9, 6, 5, 7, 8, 10, 9, 11], marker="o", label="Opened")
    ax.plot(days, [2, 4, 5, 5, 6, 8, 7, 7, 6, 6, 7, 8, 9, 10], marker="s", label="Resolved")
    ax.set_xlabel("Day")
    ax.legend()


def _broken_chart(figure, context):
    raise ValueError("no data for this period")


def _search(context, text, limit):
    search_calls.append(text)
    hits = [SearchHit(number, f"{customer} · {summary}", "uidemo.tickets", number)
            for number, customer, summary, _p, _s in ROWS
            if text.lower() in f"{number} {customer} {summary}".lower()]
    return hits[:limit]


def _failing_search(context, text, limit):
    raise RuntimeError("search index offline")


@hookimpl
def register_pages():
    return [
        PageSpec("uidemo.tickets", "Tickets", _tickets, permission="core.directory.read", order=10),
        PageSpec("uidemo.admin", "Administration", _admin_page, permission="core.users.manage", order=20),
        PageSpec("uidemo.broken", "Broken page", _broken, order=30),
    ]


@hookimpl
def register_dashboard_charts():
    return [
        ChartSpec("uidemo.by_city", "Open incidents by city", _bar_chart, order=10),
        ChartSpec("uidemo.trend", "Opened and resolved", _line_chart, order=20),
        ChartSpec("uidemo.broken", "Broken chart", _broken_chart, order=30),
        ChartSpec("uidemo.secret", "Admin chart", _line_chart, permission="core.users.manage", order=40),
    ]


@hookimpl
def register_search_providers():
    return [SearchProviderSpec("uidemo.tickets", "Tickets", _search),
            SearchProviderSpec("uidemo.offline", "Archive", _failing_search)]


@hookimpl
def register_settings():
    return [
        SettingSpec("uidemo.max_items", "Maximum items", "int", 10, minimum=1, maximum=100,
                    help="How many items a list shows at most."),
        SettingSpec("uidemo.mode", "Dispatch mode", "choice", "auto", choices=("auto", "manual")),
        SettingSpec("uidemo.rate", "Hourly rate", "decimal", Decimal("120.00")),
        SettingSpec("uidemo.notify", "Notify the customer", "bool", True),
        SettingSpec("uidemo.region", "Region code", "str", "CN-N"),
    ]


@hookimpl
def register_actions():
    return [
        ActionSpec("uidemo.recalc", "Recalculate", "menu:Tools", lambda ctx: actions_run.append("recalc")),
        ActionSpec("uidemo.new", "New ticket", "toolbar", lambda ctx: actions_run.append("new")),
        ActionSpec("uidemo.escalate", "Escalate", "context:uidemo.tickets",
                   lambda ctx: actions_run.append(f"escalate {ctx.selection}")),
        ActionSpec("uidemo.secret", "Secret action", "menu:Tools", lambda ctx: None,
                   permission="core.users.manage"),
    ]


@hookimpl
def register_translations():
    return [TranslationSpec("zh_CN", Path(__file__).parent / "fake_i18n" / "zh_CN.ts")]
