<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>partners</name>
    <message>
        <source>A partner must accept a dispatched service order within this many minutes.</source>
        <translation>服务商须在这么多分钟内接受派工单。</translation>
    </message>
    <message>
        <source>Accept by</source>
        <translation>接单期限</translation>
    </message>
    <message>
        <source>Accept within (minutes)</source>
        <translation>接单时限（分钟）</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接单</translation>
    </message>
    <message>
        <source>All orders</source>
        <translation>全部派工单</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>已到场</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Closed incomplete</source>
        <translation>未完成关闭</translation>
    </message>
    <message>
        <source>Customer confirmed</source>
        <translation>客户已确认</translation>
    </message>
    <message>
        <source>Departed</source>
        <translation>已出发</translation>
    </message>
    <message>
        <source>Dispatch a service order</source>
        <translation>派发服务工单</translation>
    </message>
    <message>
        <source>Dispatch order…</source>
        <translation>派工…</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>已派工</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>已修复</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>No service order matches.</source>
        <translation>没有匹配的派工单。</translation>
    </message>
    <message>
        <source>Not accepted in time</source>
        <translation>未按时接单</translation>
    </message>
    <message>
        <source>Open orders</source>
        <translation>未关闭派工单</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>派工单</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>派工单</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>服务商管理</translation>
    </message>
    <message>
        <source>Register partners and dispatch service orders</source>
        <translation>登记服务商并派工</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒单</translation>
    </message>
    <message>
        <source>Service orders</source>
        <translation>派工单</translation>
    </message>
    <message>
        <source>Service orders by partner (90 days)</source>
        <translation>各服务商派工单（90 天）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>The incident number, e.g. INC-2026-000123.</source>
        <translation>事件编号，例如 INC-2026-000123。</translation>
    </message>
    <message>
        <source>View partners and service orders</source>
        <translation>查看服务商和派工单</translation>
    </message>
    <message>
        <source>{count} service orders</source>
        <translation>{count} 张派工单</translation>
    </message>
</context>
</TS>
