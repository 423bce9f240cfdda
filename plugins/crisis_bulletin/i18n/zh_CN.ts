<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>crisis_bulletin</name>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Acknowledge by</source>
        <translation>确认期限</translation>
    </message>
    <message>
        <source>Acknowledge within (hours)</source>
        <translation>确认时限（小时）</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>All bulletins</source>
        <translation>全部通告</translation>
    </message>
    <message>
        <source>Any severity</source>
        <translation>任意严重性</translation>
    </message>
    <message>
        <source>Bulletin</source>
        <translation>通告</translation>
    </message>
    <message>
        <source>Bulletins</source>
        <translation>通告</translation>
    </message>
    <message>
        <source>Bulletins acknowledged (%)</source>
        <translation>通告确认率（%）</translation>
    </message>
    <message>
        <source>Crisis bulletins</source>
        <translation>危机通告</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>重要</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>No bulletin matches.</source>
        <translation>没有匹配的通告。</translation>
    </message>
    <message>
        <source>Not addressed to you</source>
        <translation>未发送给您</translation>
    </message>
    <message>
        <source>Publish a bulletin</source>
        <translation>发布通告</translation>
    </message>
    <message>
        <source>Publish bulletin…</source>
        <translation>发布通告…</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <source>Read and acknowledge bulletins</source>
        <translation>阅读并确认通告</translation>
    </message>
    <message>
        <source>Readers</source>
        <translation>读者</translation>
    </message>
    <message>
        <source>Readers must acknowledge a bulletin within this many hours.</source>
        <translation>读者须在这么多小时内确认通告。</translation>
    </message>
    <message>
        <source>Record problems and publish bulletins</source>
        <translation>记录问题并发布通告</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重性</translation>
    </message>
    <message>
        <source>Spike: number of incidents</source>
        <translation>突增：事件数</translation>
    </message>
    <message>
        <source>Spike: window (minutes)</source>
        <translation>突增：时间窗口（分钟）</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>This bulletin no longer exists.</source>
        <translation>该通告已不存在。</translation>
    </message>
    <message>
        <source>This many incidents of one category within the spike window propose a problem.</source>
        <translation>同一类别在时间窗口内达到这么多事件时，建议创建问题。</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Waiting for my acknowledgement</source>
        <translation>等我确认</translation>
    </message>
    <message>
        <source>Waiting for your acknowledgement</source>
        <translation>等待您确认</translation>
    </message>
    <message>
        <source>You</source>
        <translation>您</translation>
    </message>
    <message>
        <source>You acknowledged it</source>
        <translation>您已确认</translation>
    </message>
    <message>
        <source>{count} bulletins</source>
        <translation>{count} 条通告</translation>
    </message>
</context>
</TS>
