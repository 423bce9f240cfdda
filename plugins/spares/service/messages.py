"""Notification texts in each recipient's language (the notification centre shows stored text as it is).

Each message has an English and a Simplified Chinese title and body with ``{named}`` fields;
``alert`` picks the one matching the recipient's ``locale``.
"""

from __future__ import annotations

#: key → ((English title, English body), (Chinese title, Chinese body))
MESSAGES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "wrong_shipment": (
        ("Wrong shipment {number} logged for {source}", "Expected {expected}, received {received}; reconcile it."),
        ("错发 {number} 已登记（{source}）", "应到 {expected}，实到 {received}；请核对处理。")),
    "shortfall": (
        ("Shipment {source} arrived short ({number})", "{missing} of {part} did not arrive; find the rest or "
                                                        "write the shortfall off."),
        ("调拨单 {source} 到货短缺（{number}）", "{part} 少到 {missing}；请查找或核销短缺。")),
    "below_minimum": (
        ("{part} below safety stock at {depot}", "{available} available, minimum {minimum}, target {target}, "
                                                  "{inbound} on the way: propose {proposal}."),
        ("{depot} 的 {part} 低于安全库存", "可用 {available}，最低 {minimum}，目标 {target}，在途 {inbound}："
                                       "建议补货 {proposal}。")),
    "overdue_return": (
        ("Defective {part} for {ref} is overdue ({number})", "It was due back on {due}; send it to the "
                                                             "spare-parts desk."),
        ("{ref} 的坏件 {part} 已逾期未返还（{number}）", "应于 {due} 前返还；请尽快寄回备件中心。")),
    "loss_requested": (
        ("Write-off of {number} needs approval", "{part} for {ref}, value {value}: {reason}"),
        ("{number} 的损耗核销待审批", "{ref} 的 {part}，金额 {value}：{reason}")),
    "count_approval": (
        ("Stock count {number} needs approval", "Differences at {depot} worth {value} are waiting for an approver."),
        ("盘点单 {number} 待审批", "{depot} 的盘点差异金额 {value}，等待审批。")),
    "reservation_expired": (
        ("Reservation for {request} expired", "{quantity} of {part} at {depot} is no longer held for {ref}."),
        ("{request} 的预留已过期", "{depot} 为 {ref} 预留的 {part} × {quantity} 已释放。")),
}


def render(key: str, locale: str, **fields) -> tuple[str, str]:
    """The title and body of message ``key`` in ``locale`` (Chinese for ``zh*``, else English)."""
    english, chinese = MESSAGES[key]
    title, body = chinese if (locale or "").startswith("zh") else english
    return title.format(**fields), body.format(**fields)
