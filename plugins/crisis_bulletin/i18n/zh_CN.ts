<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>crisis_bulletin</name>
    <message>
        <source>Acknowledge within (hours)</source>
        <translation>确认时限（小时）</translation>
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
        <source>Deliver bulletins, remind and escalate acknowledgements</source>
        <translation>投递通告，提醒并升级未确认项</translation>
    </message>
    <message>
        <source>Detect incident spikes and propose problems</source>
        <translation>检测事件激增并建议问题</translation>
    </message>
    <message>
        <source>Escalate after the deadline (hours)</source>
        <translation>逾期后升级（小时）</translation>
    </message>
    <message>
        <source>How close together the incidents of a spike must be.</source>
        <translation>构成激增的事件之间最长相隔多久。</translation>
    </message>
    <message>
        <source>Known errors</source>
        <translation>已知错误</translation>
    </message>
    <message>
        <source>Open problems by status</source>
        <translation>未解决问题（按状态）</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Publish workarounds and bulletins, close problems</source>
        <translation>发布临时方案和通告，关闭问题</translation>
    </message>
    <message>
        <source>Read problems and bulletins, acknowledge bulletins</source>
        <translation>查看问题和通告，确认通告</translation>
    </message>
    <message>
        <source>Readers who have not acknowledged are reminded this long before the deadline (0: only once it has passed).</source>
        <translation>在截止时间前这么多小时提醒尚未确认的读者（0：仅在逾期后提醒）。</translation>
    </message>
    <message>
        <source>Record problems and link incidents</source>
        <translation>记录问题并关联事件</translation>
    </message>
    <message>
        <source>Remind before the deadline (hours)</source>
        <translation>截止前提醒（小时）</translation>
    </message>
    <message>
        <source>Spike: number of incidents</source>
        <translation>事件激增：事件数</translation>
    </message>
    <message>
        <source>Spike: window (minutes)</source>
        <translation>事件激增：时间窗口（分钟）</translation>
    </message>
    <message>
        <source>The deadline a new bulletin gets unless its author sets one.</source>
        <translation>新通告的默认确认期限（作者未指定时）。</translation>
    </message>
    <message>
        <source>This long after the deadline, each missing reader's lead is told.</source>
        <translation>逾期这么多小时后，通知每位未确认读者的组长。</translation>
    </message>
    <message>
        <source>This many incidents on one asset model, product or category within the spike window propose a problem and a draft bulletin to the team leads.</source>
        <translation>同一设备型号、产品或类别在时间窗口内达到此数量的事件时，向组长建议一个问题及一份通告草稿。</translation>
    </message>
</context>
</TS>
