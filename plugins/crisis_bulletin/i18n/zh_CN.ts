<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>crisis_bulletin</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>(not about a problem)</source>
        <translation>（不涉及具体问题）</translation>
    </message>
    <message>
        <source>A critical bulletin shows as a banner in every console of its readers until they acknowledge it.</source>
        <translation>严重通告会以横幅显示在每位读者的控制台顶部，直到其确认为止。</translation>
    </message>
    <message>
        <source>A withdrawn bulletin stops its reminders and its banner; readers keep it in their list, marked withdrawn.</source>
        <translation>撤回后不再提醒、不再显示横幅；读者列表中仍保留该通告并标记为已撤回。</translation>
    </message>
    <message>
        <source>About the problem</source>
        <translation>关联问题</translation>
    </message>
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
        <source>Acknowledged an older revision</source>
        <translation>已确认旧版本</translation>
    </message>
    <message>
        <source>Acknowledged late</source>
        <translation>逾期确认</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>生效中</translation>
    </message>
    <message>
        <source>Administrators</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <source>All bulletins</source>
        <translation>全部通告</translation>
    </message>
    <message>
        <source>All known errors</source>
        <translation>全部已知错误</translation>
    </message>
    <message>
        <source>All problems</source>
        <translation>全部问题</translation>
    </message>
    <message>
        <source>All readers</source>
        <translation>全部读者</translation>
    </message>
    <message>
        <source>Any urgency</source>
        <translation>任意紧急度</translation>
    </message>
    <message>
        <source>Ask every reader to acknowledge again</source>
        <translation>要求所有读者重新确认</translation>
    </message>
    <message>
        <source>Assets</source>
        <translation>设备序列号</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已分派</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>发送范围</translation>
    </message>
    <message>
        <source>Back-office clerks</source>
        <translation>后台文员</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>粗体</translation>
    </message>
    <message>
        <source>Bulleted list</source>
        <translation>项目符号列表</translation>
    </message>
    <message>
        <source>Bulletin</source>
        <translation>通告</translation>
    </message>
    <message>
        <source>Bulletin published</source>
        <translation>已发布通告</translation>
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
        <source>Business impact</source>
        <translation>业务影响</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Change the status of {number}</source>
        <translation>变更 {number} 的状态</translation>
    </message>
    <message>
        <source>Changed since read</source>
        <translation>阅读后有更新</translation>
    </message>
    <message>
        <source>Changed since you acknowledged it: please acknowledge again</source>
        <translation>您确认后内容有更新：请重新确认</translation>
    </message>
    <message>
        <source>Changed since you read revision {n}</source>
        <translation>自您阅读第 {n} 版以来的变更</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Crisis bulletin</source>
        <translation>危机通告</translation>
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
        <source>Critical bulletin {number}: {title} — please acknowledge by {deadline}.</source>
        <translation>严重通告 {number}：{title} —— 请于 {deadline} 前确认。</translation>
    </message>
    <message>
        <source>Current bulletins</source>
        <translation>当前通告</translation>
    </message>
    <message>
        <source>Current critical bulletins</source>
        <translation>当前严重通告</translation>
    </message>
    <message>
        <source>Delete this draft? It was never sent.</source>
        <translation>删除此草稿？它尚未发送给任何人。</translation>
    </message>
    <message>
        <source>Deliver bulletins, remind and escalate acknowledgements</source>
        <translation>投递通告，提醒并升级未确认项</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Delivered when it takes effect on {when}</source>
        <translation>将于 {when} 生效时送达</translation>
    </message>
    <message>
        <source>Details changed</source>
        <translation>修改了详情</translation>
    </message>
    <message>
        <source>Detect incident spikes and propose problems</source>
        <translation>检测事件激增并建议问题</translation>
    </message>
    <message>
        <source>Discard the draft…</source>
        <translation>删除草稿…</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Edit or update…</source>
        <translation>编辑或更新…</translation>
    </message>
    <message>
        <source>Edit the details…</source>
        <translation>编辑详情…</translation>
    </message>
    <message>
        <source>Edit the draft</source>
        <translation>编辑草稿</translation>
    </message>
    <message>
        <source>Edit {number}</source>
        <translation>编辑 {number}</translation>
    </message>
    <message>
        <source>Ended (expired or withdrawn)</source>
        <translation>已结束（已过期或已撤回）</translation>
    </message>
    <message>
        <source>Ends:</source>
        <translation>结束于：</translation>
    </message>
    <message>
        <source>Engineers</source>
        <translation>工程师</translation>
    </message>
    <message>
        <source>Escalate after the deadline (hours)</source>
        <translation>逾期后升级（小时）</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <source>Escalated to their lead</source>
        <translation>已升级至组长</translation>
    </message>
    <message>
        <source>Every reader is told this reason.</source>
        <translation>每位读者都会收到此原因。</translation>
    </message>
    <message>
        <source>Everyone in our organisation</source>
        <translation>本单位全体人员</translation>
    </message>
    <message>
        <source>Everyone in our organisation (not partners)</source>
        <translation>本单位全体人员（不含服务商）</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>External bug</source>
        <translation>厂商问题单号</translation>
    </message>
    <message>
        <source>Firmware, software or BIOS versions; separate with commas.</source>
        <translation>固件、软件或 BIOS 版本，多个用逗号分隔。</translation>
    </message>
    <message>
        <source>First published</source>
        <translation>首次发布</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修复方案</translation>
    </message>
    <message>
        <source>Fix available</source>
        <translation>已有修复</translation>
    </message>
    <message>
        <source>For me</source>
        <translation>我的状态</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Heading</source>
        <translation>标题格式</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>How close together the incidents of a spike must be.</source>
        <translation>构成激增的事件之间最长相隔多久。</translation>
    </message>
    <message>
        <source>Identified</source>
        <translation>已识别</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Incident linked</source>
        <translation>关联了事件</translation>
    </message>
    <message>
        <source>Incident number</source>
        <translation>事件编号</translation>
    </message>
    <message>
        <source>Incident numbers, separated by commas.</source>
        <translation>事件编号，多个用逗号分隔。</translation>
    </message>
    <message>
        <source>Incident unlinked</source>
        <translation>取消关联事件</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>事件数</translation>
    </message>
    <message>
        <source>Incidents of {number}</source>
        <translation>{number} 的关联事件</translation>
    </message>
    <message>
        <source>Incidents…</source>
        <translation>关联事件…</translation>
    </message>
    <message>
        <source>Insert a link</source>
        <translation>插入链接</translation>
    </message>
    <message>
        <source>Investigating</source>
        <translation>调查中</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>斜体</translation>
    </message>
    <message>
        <source>Known errors</source>
        <translation>已知错误</translation>
    </message>
    <message>
        <source>Known errors not yet closed</source>
        <translation>未关闭的已知错误</translation>
    </message>
    <message>
        <source>Known since</source>
        <translation>记录为已知错误</translation>
    </message>
    <message>
        <source>Later than now:</source>
        <translation>延后生效：</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>组长</translation>
    </message>
    <message>
        <source>Left out: the default deadline from the settings.</source>
        <translation>不勾选则使用设置中的默认确认时限。</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>Link an incident…</source>
        <translation>关联事件…</translation>
    </message>
    <message>
        <source>Link to a problem…</source>
        <translation>关联到问题…</translation>
    </message>
    <message>
        <source>Linked incidents</source>
        <translation>关联事件</translation>
    </message>
    <message>
        <source>Linked incidents resolved</source>
        <translation>关联事件已一并解决</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>重要</translation>
    </message>
    <message>
        <source>Manage…</source>
        <translation>管理…</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>My open problems</source>
        <translation>我负责的未解决问题</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>New bulletin</source>
        <translation>新建通告</translation>
    </message>
    <message>
        <source>New bulletin…</source>
        <translation>新建通告…</translation>
    </message>
    <message>
        <source>New problem</source>
        <translation>新建问题</translation>
    </message>
    <message>
        <source>New problem…</source>
        <translation>新建问题…</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>No bulletin matches these filters.</source>
        <translation>没有符合筛选条件的通告。</translation>
    </message>
    <message>
        <source>No incident is linked yet.</source>
        <translation>尚未关联任何事件。</translation>
    </message>
    <message>
        <source>No known error matches: try fewer characters.</source>
        <translation>没有匹配的已知错误：请尝试减少关键字。</translation>
    </message>
    <message>
        <source>No problem matches these filters.</source>
        <translation>没有符合筛选条件的问题。</translation>
    </message>
    <message>
        <source>No reader matches.</source>
        <translation>没有匹配的读者。</translation>
    </message>
    <message>
        <source>Nobody yet: it is a draft</source>
        <translation>尚无读者：这是草稿</translation>
    </message>
    <message>
        <source>Not addressed to you</source>
        <translation>未发送给您</translation>
    </message>
    <message>
        <source>Not yet acknowledged</source>
        <translation>尚未确认</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Numbered list</source>
        <translation>编号列表</translation>
    </message>
    <message>
        <source>Open problem</source>
        <translation>未关闭的问题</translation>
    </message>
    <message>
        <source>Open problems</source>
        <translation>未解决问题</translation>
    </message>
    <message>
        <source>Open problems by status</source>
        <translation>未解决问题（按状态）</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Partner auditors</source>
        <translation>服务商审核员</translation>
    </message>
    <message>
        <source>Partner {code}</source>
        <translation>服务商 {code}</translation>
    </message>
    <message>
        <source>Partners (only they see it)</source>
        <translation>服务商（仅被选中者可见）</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Print / save…</source>
        <translation>打印 / 保存…</translation>
    </message>
    <message>
        <source>Printed {when} by {who}</source>
        <translation>{who} 于 {when} 打印</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Problems of {incident}</source>
        <translation>{incident} 关联的问题</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Proposed by spike detection</source>
        <translation>由事件激增检测建议</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Publish the workaround of {number}</source>
        <translation>发布 {number} 的临时方案</translation>
    </message>
    <message>
        <source>Publish the workaround…</source>
        <translation>发布临时方案…</translation>
    </message>
    <message>
        <source>Publish update</source>
        <translation>发布更新</translation>
    </message>
    <message>
        <source>Publish workarounds and bulletins, close problems</source>
        <translation>发布临时方案和通告，关闭问题</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Publishing makes {number} a known error and adds the workaround to its {count} linked incidents; their assignees are told.</source>
        <translation>发布后 {number} 将成为已知错误，临时方案会作为备注添加到其 {count} 个关联事件中，并通知处理人。</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>已阅读</translation>
    </message>
    <message>
        <source>Read problems and bulletins, acknowledge bulletins</source>
        <translation>查看问题和通告，确认通告</translation>
    </message>
    <message>
        <source>Read-only users</source>
        <translation>只读用户</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>读者</translation>
    </message>
    <message>
        <source>Readers</source>
        <translation>读者</translation>
    </message>
    <message>
        <source>Readers and acknowledgements</source>
        <translation>读者与确认情况</translation>
    </message>
    <message>
        <source>Readers see this note in the bulletin's timeline.</source>
        <translation>读者可在通告的时间线中看到此说明。</translation>
    </message>
    <message>
        <source>Readers who have not acknowledged are reminded this long before the deadline (0: only once it has passed).</source>
        <translation>在截止时间前这么多小时提醒尚未确认的读者（0：仅在逾期后提醒）。</translation>
    </message>
    <message>
        <source>Readers…</source>
        <translation>读者…</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Record problems and link incidents</source>
        <translation>记录问题并关联事件</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Recorded by hand</source>
        <translation>人工记录</translation>
    </message>
    <message>
        <source>Remind before the deadline (hours)</source>
        <translation>截止前提醒（小时）</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>提醒次数</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>已重开</translation>
    </message>
    <message>
        <source>Resolve the linked incidents</source>
        <translation>一并解决关联事件</translation>
    </message>
    <message>
        <source>Resolve the open ones…</source>
        <translation>解决未关闭的事件…</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Resolved or closed</source>
        <translation>已解决或已关闭</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Revision {n}</source>
        <translation>第 {n} 版</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>根本原因</translation>
    </message>
    <message>
        <source>Root cause known</source>
        <translation>已知根因</translation>
    </message>
    <message>
        <source>Root cause, workaround and fix</source>
        <translation>根因、临时方案与修复</translation>
    </message>
    <message>
        <source>Save as HTML…</source>
        <translation>另存为 HTML…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <source>Save the bulletin</source>
        <translation>保存通告</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>待生效</translation>
    </message>
    <message>
        <source>Search workarounds, titles, products…</source>
        <translation>搜索临时方案、标题、产品…</translation>
    </message>
    <message>
        <source>Select an incident in the list first.</source>
        <translation>请先在列表中选择一个事件。</translation>
    </message>
    <message>
        <source>Separate several with commas.</source>
        <translation>多个用逗号分隔。</translation>
    </message>
    <message>
        <source>Serial numbers of affected assets; separate with commas.</source>
        <translation>受影响设备的序列号，多个用逗号分隔。</translation>
    </message>
    <message>
        <source>Set:</source>
        <translation>指定：</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重性</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
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
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <source>Status…</source>
        <translation>变更状态…</translation>
    </message>
    <message>
        <source>Team leads</source>
        <translation>组长</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>The deadline a new bulletin gets unless its author sets one.</source>
        <translation>新通告的默认确认期限（作者未指定时）。</translation>
    </message>
    <message>
        <source>The incidents plugin is not active here: only the numbers are known.</source>
        <translation>本控制台未启用事件管理插件：仅显示事件编号。</translation>
    </message>
    <message>
        <source>The update becomes the next revision; every reader is told what changed.</source>
        <translation>更新将成为新版本，每位读者都会收到变更说明。</translation>
    </message>
    <message>
        <source>The vendor's bug or case number.</source>
        <translation>厂商的问题单或服务请求编号。</translation>
    </message>
    <message>
        <source>This bulletin was withdrawn; publish a new one instead.</source>
        <translation>该通告已撤回，请发布一份新通告。</translation>
    </message>
    <message>
        <source>This long after the deadline, each missing reader's lead is told.</source>
        <translation>逾期这么多小时后，通知每位未确认读者的组长。</translation>
    </message>
    <message>
        <source>This many incidents on one asset model, product or category within the spike window propose a problem and a draft bulletin to the team leads.</source>
        <translation>同一设备型号、产品或类别在时间窗口内达到此数量的事件时，向组长建议一个问题及一份通告草稿。</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Timesheet reviewers</source>
        <translation>工时审核员</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>To acknowledge</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>To read</source>
        <translation>待阅读</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <source>Until withdrawn</source>
        <translation>直至撤回</translation>
    </message>
    <message>
        <source>Update {number}</source>
        <translation>更新 {number}</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>紧急度</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Waiting for my acknowledgement</source>
        <translation>待我确认</translation>
    </message>
    <message>
        <source>Waiting for your acknowledgement</source>
        <translation>等待您确认</translation>
    </message>
    <message>
        <source>Web address (https://…)</source>
        <translation>网址（https://…）</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>变更说明</translation>
    </message>
    <message>
        <source>What engineers and customers can do until the fix is there.</source>
        <translation>在修复发布之前，工程师和客户可以采取的措施。</translation>
    </message>
    <message>
        <source>Withdraw the bulletin</source>
        <translation>撤回通告</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>撤回…</translation>
    </message>
    <message>
        <source>Workaround</source>
        <translation>临时方案</translation>
    </message>
    <message>
        <source>Workaround available</source>
        <translation>已有临时方案</translation>
    </message>
    <message>
        <source>Workaround published</source>
        <translation>发布了临时方案</translation>
    </message>
    <message>
        <source>Write a bulletin about it…</source>
        <translation>就此问题撰写通告…</translation>
    </message>
    <message>
        <source>Write what happened, who is affected and what to do meanwhile. Readers must acknowledge it by the deadline.</source>
        <translation>请写明发生了什么、影响哪些人、期间应如何处理。读者须在期限前确认。</translation>
    </message>
    <message>
        <source>You</source>
        <translation>您</translation>
    </message>
    <message>
        <source>You acknowledged it on {when}</source>
        <translation>您已于 {when} 确认</translation>
    </message>
    <message>
        <source>asked to acknowledge again</source>
        <translation>要求重新确认</translation>
    </message>
    <message>
        <source>{count} bulletins</source>
        <translation>{count} 条通告</translation>
    </message>
    <message>
        <source>{count} incidents are linked to {number} ({status}).</source>
        <translation>{number}（{status}）关联了 {count} 个事件。</translation>
    </message>
    <message>
        <source>{count} incidents linked to {number} are still open: {numbers}. Resolve them together now?</source>
        <translation>{number} 关联的 {count} 个事件尚未解决：{numbers}。现在一并解决吗？</translation>
    </message>
    <message>
        <source>{count} known errors</source>
        <translation>{count} 个已知错误</translation>
    </message>
    <message>
        <source>{count} problems</source>
        <translation>{count} 个问题</translation>
    </message>
    <message>
        <source>{count} readers</source>
        <translation>{count} 位读者</translation>
    </message>
    <message>
        <source>{done} of {readers} acknowledged</source>
        <translation>{readers} 人中已有 {done} 人确认</translation>
    </message>
    <message>
        <source>{done} of {readers} acknowledged · {missing} not yet ({overdue} overdue) · {escalated} escalated</source>
        <translation>{readers} 人中已有 {done} 人确认 · {missing} 人未确认（{overdue} 人逾期）· 已升级 {escalated} 人</translation>
    </message>
    <message>
        <source>{number} is {status}. A problem only moves forward. A workaround is published with Manage → Publish the workaround; closing a resolved problem offers to resolve its open incidents.</source>
        <translation>{number} 当前为“{status}”。问题只能向前推进。临时方案请通过“管理 → 发布临时方案”发布；关闭已解决的问题时，系统会提示一并解决其未关闭的事件。</translation>
    </message>
    <message>
        <source>{number} is {status}: there is no later status to move it to.</source>
        <translation>{number} 当前为“{status}”：没有可推进的后续状态。</translation>
    </message>
    <message>
        <source>{resolved} of {count} incidents were resolved.</source>
        <translation>{count} 个事件中已解决 {resolved} 个。</translation>
    </message>
</context>
</TS>
