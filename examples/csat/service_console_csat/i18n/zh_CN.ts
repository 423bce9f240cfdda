<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>csat</name>
    <message>
        <source>1 – very unhappy</source>
        <translation>1 – 非常不满意</translation>
    </message>
    <message>
        <source>2 – unhappy</source>
        <translation>2 – 不满意</translation>
    </message>
    <message>
        <source>3 – neutral</source>
        <translation>3 – 一般</translation>
    </message>
    <message>
        <source>4 – happy</source>
        <translation>4 – 满意</translation>
    </message>
    <message>
        <source>5 – very happy</source>
        <translation>5 – 非常满意</translation>
    </message>
    <message>
        <source>A score at or below this notifies the incident's assignee.</source>
        <translation>评分不高于此值时通知该事件的处理人。</translation>
    </message>
    <message>
        <source>A survey nobody answered is closed as expired after this many days.</source>
        <translation>无人回复的回访在这么多天后关闭为已过期。</translation>
    </message>
    <message>
        <source>All surveys</source>
        <translation>全部回访</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已回复</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Customer satisfaction</source>
        <translation>客户满意度</translation>
    </message>
    <message>
        <source>Customer satisfaction by month</source>
        <translation>每月客户满意度</translation>
    </message>
    <message>
        <source>Expire unanswered surveys after (days)</source>
        <translation>未回复回访过期天数</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Hours between the resolution of an incident and its survey.</source>
        <translation>事件解决后多少小时发出回访。</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Low score</source>
        <translation>低分阈值</translation>
    </message>
    <message>
        <source>Low scores</source>
        <translation>低分回访</translation>
    </message>
    <message>
        <source>No survey here. Surveys open when incidents are resolved.</source>
        <translation>这里没有回访。事件解决后会自动生成回访。</translation>
    </message>
    <message>
        <source>Record answer…</source>
        <translation>记录回复…</translation>
    </message>
    <message>
        <source>Record survey answers</source>
        <translation>记录回访结果</translation>
    </message>
    <message>
        <source>Record the customer's answer</source>
        <translation>记录客户回复</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>解决时间</translation>
    </message>
    <message>
        <source>Satisfaction surveys</source>
        <translation>满意度回访</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Send at</source>
        <translation>计划发送时间</translation>
    </message>
    <message>
        <source>Send due satisfaction surveys</source>
        <translation>发送到期的满意度回访</translation>
    </message>
    <message>
        <source>Send the survey after (hours)</source>
        <translation>回访发送延迟（小时）</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Surveys</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>This survey no longer exists.</source>
        <translation>该回访已不存在。</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>View satisfaction surveys</source>
        <translation>查看满意度回访</translation>
    </message>
    <message>
        <source>Waiting for an answer</source>
        <translation>等待回复</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <source>{count} surveys</source>
        <translation>{count} 条回访</translation>
    </message>
</context>
</TS>
