<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>worktime</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>1:30, 1.5 (hours) or 90m; when given, it sets the end.</source>
        <translation>例如 1:30、1.5（小时）或 90m；填写后将据此计算结束时间。</translation>
    </message>
    <message>
        <source>A correction of this entry waits for review.</source>
        <translation>此记录有一项调整申请正在等待审核。</translation>
    </message>
    <message>
        <source>A submitted timesheet waiting longer than this is overdue; its reviewers are reminded.</source>
        <translation>已提交的工时单等待超过此天数即为审核逾期，系统将提醒审核人。</translation>
    </message>
    <message>
        <source>A timesheet not submitted this many days after its period ends is missing, and its owner is reminded.</source>
        <translation>工时单在周期结束后超过此天数仍未提交即视为缺交，系统将提醒本人。</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>工作内容</translation>
    </message>
    <message>
        <source>Add a day…</source>
        <translation>添加日期…</translation>
    </message>
    <message>
        <source>Add a reviewer…</source>
        <translation>添加审核人…</translation>
    </message>
    <message>
        <source>Add a team reviewer</source>
        <translation>添加团队审核人</translation>
    </message>
    <message>
        <source>Add activity…</source>
        <translation>添加工作内容…</translation>
    </message>
    <message>
        <source>Add an activity</source>
        <translation>添加工作内容</translation>
    </message>
    <message>
        <source>Add an entry</source>
        <translation>补录工时</translation>
    </message>
    <message>
        <source>Add an organisation day</source>
        <translation>添加本单位日期</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>调整申请</translation>
    </message>
    <message>
        <source>Adjustments</source>
        <translation>调整申请</translation>
    </message>
    <message>
        <source>Afternoon</source>
        <translation>下午</translation>
    </message>
    <message>
        <source>All my teams</source>
        <translation>我的全部团队</translation>
    </message>
    <message>
        <source>All projects</source>
        <translation>全部项目</translation>
    </message>
    <message>
        <source>All, also past</source>
        <translation>全部（含已失效）</translation>
    </message>
    <message>
        <source>Annual leave</source>
        <translation>年假</translation>
    </message>
    <message>
        <source>Any activity</source>
        <translation>全部工作内容</translation>
    </message>
    <message>
        <source>Any overtime</source>
        <translation>不限加班时长</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>不限时间</translation>
    </message>
    <message>
        <source>Approve adjustment</source>
        <translation>批准调整</translation>
    </message>
    <message>
        <source>Approve timesheet</source>
        <translation>批准工时单</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>批准…</translation>
    </message>
    <message>
        <source>Assign a schedule</source>
        <translation>分配工作时间表</translation>
    </message>
    <message>
        <source>Assignments</source>
        <translation>人员分配</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>分配…</translation>
    </message>
    <message>
        <source>Bereavement leave</source>
        <translation>丧假</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>Change an entry</source>
        <translation>修改工时记录</translation>
    </message>
    <message>
        <source>China Labour Law art. 44</source>
        <translation>《劳动法》第四十四条</translation>
    </message>
    <message>
        <source>Chosen dates</source>
        <translation>自定义日期</translation>
    </message>
    <message>
        <source>Click a day to see it; double-click a block to correct it, or free time to record time there. Type hours into the grid, e.g. 1:30 or 1.5.</source>
        <translation>单击某天可查看当天明细；双击时间块可修改记录，双击空白处可在该时段登记工时；也可在上方表格中直接输入时长，如 1:30 或 1.5。</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <source>Copied {count} entries from last week.</source>
        <translation>已从上周复制 {count} 条记录。</translation>
    </message>
    <message>
        <source>Copy last week</source>
        <translation>复制上周</translation>
    </message>
    <message>
        <source>Correct time</source>
        <translation>修改工时</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>调整类型</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Cost ({currency})</source>
        <translation>成本（{currency}）</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Current and future</source>
        <translation>当前及未来</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Day off</source>
        <translation>公司放假</translation>
    </message>
    <message>
        <source>Day off in lieu</source>
        <translation>调休放假</translation>
    </message>
    <message>
        <source>Days to review a timesheet</source>
        <translation>工时单审核期限（天）</translation>
    </message>
    <message>
        <source>Days to submit a timesheet</source>
        <translation>工时单提交期限（天）</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>已处理</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Default for people without a schedule</source>
        <translation>作为未分配人员的默认时间表</translation>
    </message>
    <message>
        <source>Edit leave type</source>
        <translation>编辑假期类型</translation>
    </message>
    <message>
        <source>Edit project</source>
        <translation>编辑项目</translation>
    </message>
    <message>
        <source>Edit rule set</source>
        <translation>编辑加班规则</translation>
    </message>
    <message>
        <source>Edit schedule</source>
        <translation>编辑工作时间表</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Empty: the default rule set.</source>
        <translation>留空则使用默认规则。</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>工时明细</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>工时记录</translation>
    </message>
    <message>
        <source>Everyone's</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Extended hours ×</source>
        <translation>延时加班倍数</translation>
    </message>
    <message>
        <source>Extended-hours OT minutes</source>
        <translation>延时加班（分钟）</translation>
    </message>
    <message>
        <source>Extended-hours overtime</source>
        <translation>延时加班</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>First day of the week</source>
        <translation>每周第一天</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Grant time off in lieu</source>
        <translation>安排调休</translation>
    </message>
    <message>
        <source>Holiday calendar</source>
        <translation>节假日日历</translation>
    </message>
    <message>
        <source>Holiday overtime</source>
        <translation>法定节假日加班</translation>
    </message>
    <message>
        <source>Hourly rate</source>
        <translation>小时费率</translation>
    </message>
    <message>
        <source>Hourly rates</source>
        <translation>小时费率</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <source>Hours and cost by activity</source>
        <translation>按工作内容统计工时与成本</translation>
    </message>
    <message>
        <source>Hours and cost by customer</source>
        <translation>按客户统计工时与成本</translation>
    </message>
    <message>
        <source>Hours and cost by incident</source>
        <translation>按事件统计工时与成本</translation>
    </message>
    <message>
        <source>Hours and cost by person</source>
        <translation>按人员统计工时与成本</translation>
    </message>
    <message>
        <source>Hours and cost by project</source>
        <translation>按项目统计工时与成本</translation>
    </message>
    <message>
        <source>Hours and cost by team</source>
        <translation>按团队统计工时与成本</translation>
    </message>
    <message>
        <source>How time is paid</source>
        <translation>工时计算方式</translation>
    </message>
    <message>
        <source>INC-2026-000123, INC-2026-000123-W01 or a project code.</source>
        <translation>填写事件号（如 INC-2026-000123）、工作单号（如 INC-2026-000123-W01）或项目编码。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Import assignments…</source>
        <translation>导入人员分配…</translation>
    </message>
    <message>
        <source>Import entries…</source>
        <translation>导入工时记录…</translation>
    </message>
    <message>
        <source>Import schedules…</source>
        <translation>导入工作时间表…</translation>
    </message>
    <message>
        <source>Imported {count} rows.</source>
        <translation>已导入 {count} 行。</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Inside the schedule on a working day</source>
        <translation>工作日排班时间内</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>最近 12 个月</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>假期</translation>
    </message>
    <message>
        <source>Leave type</source>
        <translation>假期类型</translation>
    </message>
    <message>
        <source>Leave types</source>
        <translation>假期类型</translation>
    </message>
    <message>
        <source>Left out {count}:</source>
        <translation>未复制 {count} 条：</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Make-up working day</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <source>Marriage leave</source>
        <translation>婚假</translation>
    </message>
    <message>
        <source>Maternity leave</source>
        <translation>产假</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Monthly overtime limit (hours)</source>
        <translation>每月加班上限（小时）</translation>
    </message>
    <message>
        <source>Monthly overtime limit per person: {hours} h.</source>
        <translation>每人每月加班上限：{hours} 小时。</translation>
    </message>
    <message>
        <source>More than {hours} h overtime</source>
        <translation>加班超过 {hours} 小时</translation>
    </message>
    <message>
        <source>Morning</source>
        <translation>上午</translation>
    </message>
    <message>
        <source>My teams'</source>
        <translation>我的团队</translation>
    </message>
    <message>
        <source>My week</source>
        <translation>我的一周</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>New leave type</source>
        <translation>新建假期类型</translation>
    </message>
    <message>
        <source>New leave type…</source>
        <translation>新建假期类型…</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>新建项目…</translation>
    </message>
    <message>
        <source>New rule set</source>
        <translation>新建加班规则</translation>
    </message>
    <message>
        <source>New rule set…</source>
        <translation>新建加班规则…</translation>
    </message>
    <message>
        <source>New schedule</source>
        <translation>新建工作时间表</translation>
    </message>
    <message>
        <source>New schedule…</source>
        <translation>新建工作时间表…</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>下一周</translation>
    </message>
    <message>
        <source>No adjustment here.</source>
        <translation>这里没有调整申请。</translation>
    </message>
    <message>
        <source>No leave recorded here.</source>
        <translation>这里没有假期记录。</translation>
    </message>
    <message>
        <source>No time recorded here yet.</source>
        <translation>这里还没有工时记录。</translation>
    </message>
    <message>
        <source>No timesheet waits for you here.</source>
        <translation>没有等待您审核的工时单。</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常工时</translation>
    </message>
    <message>
        <source>Normal minutes</source>
        <translation>正常工时（分钟）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Office hours 9-18</source>
        <translation>标准工时 9:00-18:00</translation>
    </message>
    <message>
        <source>Only each team's lead reviews its timesheets.</source>
        <translation>目前仅由各团队负责人审核工时单。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未提交</translation>
    </message>
    <message>
        <source>Open projects</source>
        <translation>进行中的项目</translation>
    </message>
    <message>
        <source>Or a duration</source>
        <translation>或填写时长</translation>
    </message>
    <message>
        <source>Organisation days</source>
        <translation>本单位日期</translation>
    </message>
    <message>
        <source>Outside it (extended hours)</source>
        <translation>工作日排班时间外（延时加班）</translation>
    </message>
    <message>
        <source>Overtime</source>
        <translation>加班</translation>
    </message>
    <message>
        <source>Overtime by type per month</source>
        <translation>每月各类加班工时</translation>
    </message>
    <message>
        <source>Overtime cost</source>
        <translation>加班成本</translation>
    </message>
    <message>
        <source>Overtime minutes</source>
        <translation>加班合计（分钟）</translation>
    </message>
    <message>
        <source>Overtime review threshold (hours)</source>
        <translation>审核加班提示阈值（小时）</translation>
    </message>
    <message>
        <source>PDF…</source>
        <translation>PDF…</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>带薪</translation>
    </message>
    <message>
        <source>Part of the day</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Pay rest-day overtime</source>
        <translation>支付休息日加班费</translation>
    </message>
    <message>
        <source>Payroll export</source>
        <translation>导出薪资加班数据</translation>
    </message>
    <message>
        <source>Payroll export of {count} people written to {path}</source>
        <translation>已将 {count} 人的薪资加班数据导出到 {path}</translation>
    </message>
    <message>
        <source>Payroll export…</source>
        <translation>导出薪资数据…</translation>
    </message>
    <message>
        <source>Peak month overtime</source>
        <translation>单月最高加班</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>People under it now</source>
        <translation>当前适用人数</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Period from</source>
        <translation>周期开始</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Personal leave</source>
        <translation>事假</translation>
    </message>
    <message>
        <source>Previous week</source>
        <translation>上一周</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>申请改为</translation>
    </message>
    <message>
        <source>Rates, rules and projects</source>
        <translation>费率、规则与项目</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Record leave</source>
        <translation>登记假期</translation>
    </message>
    <message>
        <source>Record leave…</source>
        <translation>登记假期…</translation>
    </message>
    <message>
        <source>Record time</source>
        <translation>登记工时</translation>
    </message>
    <message>
        <source>Record time for your team</source>
        <translation>为团队成员登记工时</translation>
    </message>
    <message>
        <source>Record time…</source>
        <translation>登记工时…</translation>
    </message>
    <message>
        <source>Record your own time</source>
        <translation>登记本人工时</translation>
    </message>
    <message>
        <source>Red: more overtime in a month than the limit of {hours} h.</source>
        <translation>红色：单月加班超过 {hours} 小时上限。</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>关联编号</translation>
    </message>
    <message>
        <source>Reject adjustment</source>
        <translation>驳回调整</translation>
    </message>
    <message>
        <source>Reject timesheet</source>
        <translation>退回工时单</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Rejected: {comment}</source>
        <translation>已退回：{comment}</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <source>Remind people of missing timesheets and reviewers of overdue ones</source>
        <translation>提醒缺交工时单的员工和逾期未审核的审核人</translation>
    </message>
    <message>
        <source>Remove an entry</source>
        <translation>删除工时记录</translation>
    </message>
    <message>
        <source>Remove the entry of {start} ({hours})?</source>
        <translation>删除 {start} 的工时记录（{hours}）吗？</translation>
    </message>
    <message>
        <source>Remove this day?</source>
        <translation>删除这个日期吗？</translation>
    </message>
    <message>
        <source>Remove this leave record?</source>
        <translation>删除这条假期记录吗？</translation>
    </message>
    <message>
        <source>Remove this row? Open time of its dates is split again.</source>
        <translation>删除这一行吗？相关日期中未锁定的工时将重新拆分。</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>删除内容</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Reports flag people above this many overtime hours in a month (Labour Law art. 41: 36).</source>
        <translation>报表中标出单月加班超过此小时数的人员（《劳动法》第四十一条：36 小时）。</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Rest day</source>
        <translation>休息日</translation>
    </message>
    <message>
        <source>Rest day or day off in lieu</source>
        <translation>休息日或调休放假日</translation>
    </message>
    <message>
        <source>Rest day ×</source>
        <translation>休息日倍数</translation>
    </message>
    <message>
        <source>Rest days</source>
        <translation>休息日加班处理</translation>
    </message>
    <message>
        <source>Rest-day OT (time off) minutes</source>
        <translation>休息日加班-调休（分钟）</translation>
    </message>
    <message>
        <source>Rest-day OT minutes</source>
        <translation>休息日加班（分钟）</translation>
    </message>
    <message>
        <source>Rest-day overtime</source>
        <translation>休息日加班</translation>
    </message>
    <message>
        <source>Rest-day overtime (time off)</source>
        <translation>休息日加班（调休）</translation>
    </message>
    <message>
        <source>Review your teams' timesheets and adjustments</source>
        <translation>审核本团队的工时单和调整申请</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Rule set</source>
        <translation>加班规则</translation>
    </message>
    <message>
        <source>Rule sets</source>
        <translation>加班规则</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>保存为 PDF</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>工作时间表</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>应出勤</translation>
    </message>
    <message>
        <source>Scheduled hours</source>
        <translation>应出勤工时</translation>
    </message>
    <message>
        <source>Scheduled time</source>
        <translation>排班时间</translation>
    </message>
    <message>
        <source>Schedules</source>
        <translation>工作时间表</translation>
    </message>
    <message>
        <source>See and record everyone's time (HR)</source>
        <translation>查看并登记所有人的工时（人事）</translation>
    </message>
    <message>
        <source>See and set hourly rates and costs</source>
        <translation>查看并设置小时费率与成本</translation>
    </message>
    <message>
        <source>See work-hour reports</source>
        <translation>查看工时报表</translation>
    </message>
    <message>
        <source>Service hours</source>
        <translation>服务工时</translation>
    </message>
    <message>
        <source>Service hours ÷ scheduled hours (%)</source>
        <translation>服务工时 ÷ 应出勤工时（%）</translation>
    </message>
    <message>
        <source>Set a rate…</source>
        <translation>设置费率…</translation>
    </message>
    <message>
        <source>Set an hourly rate</source>
        <translation>设置小时费率</translation>
    </message>
    <message>
        <source>Set up schedules, rule sets, projects, leave types and holidays</source>
        <translation>设置工作时间表、加班规则、项目、假期类型和节假日</translation>
    </message>
    <message>
        <source>Sick leave</source>
        <translation>病假</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>工时拆分</translation>
    </message>
    <message>
        <source>Split recent open time entries again with the current rules</source>
        <translation>按当前规则重新拆分近期未锁定的工时记录</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>电子表格 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Statutory holiday</source>
        <translation>法定节假日</translation>
    </message>
    <message>
        <source>Statutory holiday day</source>
        <translation>法定节假日当天</translation>
    </message>
    <message>
        <source>Statutory holiday ×</source>
        <translation>法定节假日倍数</translation>
    </message>
    <message>
        <source>Statutory-holiday OT minutes</source>
        <translation>法定节假日加班（分钟）</translation>
    </message>
    <message>
        <source>Stop this person reviewing the team?</source>
        <translation>取消此人对该团队的审核权吗？</translation>
    </message>
    <message>
        <source>Submit month</source>
        <translation>提交本月</translation>
    </message>
    <message>
        <source>Submit week</source>
        <translation>提交本周</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Submitted for review. You can withdraw it until a reviewer decides.</source>
        <translation>已提交审核。审核人处理前您可以撤回。</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Team lead</source>
        <translation>团队负责人</translation>
    </message>
    <message>
        <source>Team reviewers</source>
        <translation>团队审核人</translation>
    </message>
    <message>
        <source>The currency of hourly rates and costs, shown beside amounts.</source>
        <translation>小时费率和成本的币种，显示在金额旁。</translation>
    </message>
    <message>
        <source>The holiday calendar is used as it is: no days of the organisation's own.</source>
        <translation>直接使用节假日日历，本单位未添加自定义日期。</translation>
    </message>
    <message>
        <source>The last day is before the first day.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>The review queue can show only timesheets with more overtime than this.</source>
        <translation>审核列表可只显示加班超过此小时数的工时单。</translation>
    </message>
    <message>
        <source>The stored business calendar whose statutory holidays, days off in lieu and make-up working days the overtime split uses. Empty: China's holidays built into the console.</source>
        <translation>加班拆分所依据的工作日历（含法定节假日、调休放假和调休上班日）。留空则使用系统内置的中国节假日。</translation>
    </message>
    <message>
        <source>This adjustment no longer exists.</source>
        <translation>此调整申请已不存在。</translation>
    </message>
    <message>
        <source>This entry no longer exists.</source>
        <translation>此工时记录已不存在。</translation>
    </message>
    <message>
        <source>This entry's timesheet is submitted for review; withdraw it in My week to change its time.</source>
        <translation>此记录所在的工时单已提交审核；如需修改，请先在“我的一周”中撤回。</translation>
    </message>
    <message>
        <source>This leave record no longer exists.</source>
        <translation>此假期记录已不存在。</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>This page could not be loaded.</source>
        <translation>此页面无法加载。</translation>
    </message>
    <message>
        <source>This period is approved and locked. Double-click an entry in the timeline to request a correction.</source>
        <translation>该周期已批准并锁定。如需更正，请在时间轴中双击相应记录提交调整申请。</translation>
    </message>
    <message>
        <source>This period is approved and locked. Your correction is applied once a reviewer approves it.</source>
        <translation>该周期已批准并锁定。您的调整经审核人批准后才会生效。</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>This rule set no longer exists.</source>
        <translation>此加班规则已不存在。</translation>
    </message>
    <message>
        <source>This schedule no longer exists.</source>
        <translation>此工作时间表已不存在。</translation>
    </message>
    <message>
        <source>This timesheet no longer exists.</source>
        <translation>此工时单已不存在。</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>This week {booked} booked of {scheduled} scheduled · normal {normal} · overtime {overtime}</source>
        <translation>本周已登记 {booked}，应出勤 {scheduled} · 正常 {normal} · 加班 {overtime}</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Time entries</source>
        <translation>工时记录</translation>
    </message>
    <message>
        <source>Time off in lieu</source>
        <translation>调休假</translation>
    </message>
    <message>
        <source>Time off in lieu left</source>
        <translation>剩余调休</translation>
    </message>
    <message>
        <source>Time off ×</source>
        <translation>调休倍数</translation>
    </message>
    <message>
        <source>Timesheet</source>
        <translation>工时单</translation>
    </message>
    <message>
        <source>Timesheet period</source>
        <translation>工时单周期</translation>
    </message>
    <message>
        <source>Timesheet review</source>
        <translation>工时单审核</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
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
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Until further notice</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <source>Uses time off in lieu</source>
        <translation>使用调休</translation>
    </message>
    <message>
        <source>Utilisation</source>
        <translation>利用率</translation>
    </message>
    <message>
        <source>Utilisation = service hours (incidents, work orders, projects) ÷ scheduled hours not on leave.</source>
        <translation>利用率 = 服务工时（事件、工作单、项目）÷ 扣除假期后的应出勤工时。</translation>
    </message>
    <message>
        <source>Utilisation by person</source>
        <translation>按人员统计利用率</translation>
    </message>
    <message>
        <source>Utilisation by team</source>
        <translation>按团队统计利用率</translation>
    </message>
    <message>
        <source>Utilisation by team, last 30 days</source>
        <translation>近 30 天各团队利用率</translation>
    </message>
    <message>
        <source>Validity</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>View your own time</source>
        <translation>查看本人工时</translation>
    </message>
    <message>
        <source>Waiting for review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Weeks in timesheets, the week grid and charts start on this day.</source>
        <translation>工时单、周视图和图表中的每周从这一天开始。</translation>
    </message>
    <message>
        <source>What a rest-day minute compensated with time off costs.</source>
        <translation>以调休补偿的休息日加班每分钟的成本倍数。</translation>
    </message>
    <message>
        <source>What to correct (a rejection needs one).</source>
        <translation>需要修改的内容（退回时必填）。</translation>
    </message>
    <message>
        <source>Whether people submit their time per week or per calendar month.</source>
        <translation>员工按周还是按自然月提交工时单。</translation>
    </message>
    <message>
        <source>Whole days</source>
        <translation>全天</translation>
    </message>
    <message>
        <source>Whose</source>
        <translation>人员范围</translation>
    </message>
    <message>
        <source>Why the approved time needs correcting.</source>
        <translation>说明已批准工时需要更正的原因。</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Withdrawn: the period is open again.</source>
        <translation>已撤回，该周期可以重新编辑。</translation>
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
        <source>Work-hour reports</source>
        <translation>工时报表</translation>
    </message>
    <message>
        <source>Working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>Working windows</source>
        <translation>工作时段</translation>
    </message>
    <message>
        <source>Working windows, e.g. 09:00-12:00, 13:00-18:00; empty for a day off.</source>
        <translation>工作时段，如 09:00-12:00, 13:00-18:00；留空表示当天休息。</translation>
    </message>
    <message>
        <source>Works it now</source>
        <translation>当前使用人员</translation>
    </message>
    <message>
        <source>Your correction was sent for review; it shows under Adjustments.</source>
        <translation>您的调整申请已提交审核，可在“调整申请”页查看。</translation>
    </message>
    <message>
        <source>booked {time}</source>
        <translation>已登记 {time}</translation>
    </message>
    <message>
        <source>everyone without another rule set</source>
        <translation>未指定其他规则的所有人员</translation>
    </message>
    <message>
        <source>on leave: {name}</source>
        <translation>休假：{name}</translation>
    </message>
    <message>
        <source>scheduled {time}</source>
        <translation>应出勤 {time}</translation>
    </message>
    <message>
        <source>since {day}</source>
        <translation>自 {day} 起</translation>
    </message>
    <message>
        <source>time off in lieu, each minute costing ×{m}</source>
        <translation>安排调休，每分钟按 ×{m} 计成本</translation>
    </message>
    <message>
        <source>{count} adjustments</source>
        <translation>{count} 条调整申请</translation>
    </message>
    <message>
        <source>{count} assignments</source>
        <translation>{count} 条分配</translation>
    </message>
    <message>
        <source>{count} days</source>
        <translation>{count} 天</translation>
    </message>
    <message>
        <source>{count} entries</source>
        <translation>{count} 条记录</translation>
    </message>
    <message>
        <source>{count} leave records</source>
        <translation>{count} 条假期记录</translation>
    </message>
    <message>
        <source>{count} leave types</source>
        <translation>{count} 种假期类型</translation>
    </message>
    <message>
        <source>{count} projects</source>
        <translation>{count} 个项目</translation>
    </message>
    <message>
        <source>{count} rates</source>
        <translation>{count} 条费率</translation>
    </message>
    <message>
        <source>{count} reviewers</source>
        <translation>{count} 位审核人</translation>
    </message>
    <message>
        <source>{count} rule sets</source>
        <translation>{count} 套加班规则</translation>
    </message>
    <message>
        <source>{count} schedules</source>
        <translation>{count} 个工作时间表</translation>
    </message>
    <message>
        <source>{count} timesheets</source>
        <translation>{count} 份工时单</translation>
    </message>
</context>
</TS>
