<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>worktime</name>
    <message>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Any activity</source>
        <translation>任意活动</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Everyone's entries</source>
        <translation>所有人的记录</translation>
    </message>
    <message>
        <source>First day of the week</source>
        <translation>每周第一天</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <source>Hours recorded per week</source>
        <translation>每周记录工时</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>My entries</source>
        <translation>我的记录</translation>
    </message>
    <message>
        <source>No time recorded here yet.</source>
        <translation>这里还没有工时记录。</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Record time</source>
        <translation>记录工时</translation>
    </message>
    <message>
        <source>Record time for other people</source>
        <translation>为他人记录工时</translation>
    </message>
    <message>
        <source>Record time…</source>
        <translation>记录工时…</translation>
    </message>
    <message>
        <source>Record your own time</source>
        <translation>记录自己的工时</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>关联编号</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>The incident, work order or project number.</source>
        <translation>事件、工作单或项目的编号。</translation>
    </message>
    <message>
        <source>Time entries</source>
        <translation>工时记录</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Travel</source>
        <translation>差旅</translation>
    </message>
    <message>
        <source>View time entries</source>
        <translation>查看工时记录</translation>
    </message>
    <message>
        <source>Weeks in timesheets and charts start on this day.</source>
        <translation>工时单和图表中的每周从这一天开始。</translation>
    </message>
    <message>
        <source>Whose</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Work hours</source>
        <translation>工时管理</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>工作单</translation>
    </message>
    <message>
        <source>{count} entries</source>
        <translation>{count} 条记录</translation>
    </message>
</context>
</TS>
