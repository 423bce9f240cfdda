<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>incidents</name>
    <message>
        <source>(default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <source>(unassigned)</source>
        <translation>（未分派）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>, again every {minutes} min until acknowledged</source>
        <translation>，确认前每 {minutes} 分钟重复</translation>
    </message>
    <message>
        <source>1–3 days</source>
        <translation>1–3 天</translation>
    </message>
    <message>
        <source>24×7</source>
        <translation>7×24</translation>
    </message>
    <message>
        <source>24×7 (round the clock)</source>
        <translation>7×24（全天候）</translation>
    </message>
    <message>
        <source>3–7 days</source>
        <translation>3–7 天</translation>
    </message>
    <message>
        <source>7–30 days</source>
        <translation>7–30 天</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>&lt; 1 day</source>
        <translation>&lt; 1 天</translation>
    </message>
    <message>
        <source>&gt; 30 days</source>
        <translation>&gt; 30 天</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Acknowledge escalation</source>
        <translation>确认升级</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Acknowledged by</source>
        <translation>确认人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>动作</translation>
    </message>
    <message>
        <source>Activate / deactivate</source>
        <translation>启用/停用</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Active definitions</source>
        <translation>启用的定义</translation>
    </message>
    <message>
        <source>Add level</source>
        <translation>添加级别</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>Add note…</source>
        <translation>添加备注…</translation>
    </message>
    <message>
        <source>Add subcategory…</source>
        <translation>添加子类别…</translation>
    </message>
    <message>
        <source>Add top-level category…</source>
        <translation>添加顶级类别…</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>已开单时长</translation>
    </message>
    <message>
        <source>Agreed on-site target</source>
        <translation>约定到场时限</translation>
    </message>
    <message>
        <source>Agreed on-site target (minutes)</source>
        <translation>约定到场时限（分钟）</translation>
    </message>
    <message>
        <source>All articles</source>
        <translation>全部文章</translation>
    </message>
    <message>
        <source>All definitions</source>
        <translation>全部定义</translation>
    </message>
    <message>
        <source>All escalations</source>
        <translation>全部升级</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部小组</translation>
    </message>
    <message>
        <source>All incidents</source>
        <translation>全部事件</translation>
    </message>
    <message>
        <source>All work orders</source>
        <translation>全部工作单</translation>
    </message>
    <message>
        <source>Already breached</source>
        <translation>已违约</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>任意类别</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>任意类型</translation>
    </message>
    <message>
        <source>Any priority</source>
        <translation>任意优先级</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Assign incident</source>
        <translation>分派事件</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已分派</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>分派情况</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>分派…</translation>
    </message>
    <message>
        <source>At</source>
        <translation>触发值</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Attach file…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Auto-close</source>
        <translation>自动关闭</translation>
    </message>
    <message>
        <source>Backlog by priority and age</source>
        <translation>按优先级和时长统计积压</translation>
    </message>
    <message>
        <source>Basic</source>
        <translation>基本</translation>
    </message>
    <message>
        <source>Billable</source>
        <translation>需收费</translation>
    </message>
    <message>
        <source>Billable: {why}.</source>
        <translation>需收费：{why}。</translation>
    </message>
    <message>
        <source>Breach</source>
        <translation>违约</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>已违约</translation>
    </message>
    <message>
        <source>Breached and open</source>
        <translation>已违约且未关闭</translation>
    </message>
    <message>
        <source>Breached at {at}.</source>
        <translation>于 {at} 违约。</translation>
    </message>
    <message>
        <source>Breached, or due within {hours} h</source>
        <translation>已违约或 {hours} 小时内到期</translation>
    </message>
    <message>
        <source>Breaches</source>
        <translation>违约次数</translation>
    </message>
    <message>
        <source>Breaches by category</source>
        <translation>按类别统计违约</translation>
    </message>
    <message>
        <source>Breaches by customer</source>
        <translation>按客户统计违约</translation>
    </message>
    <message>
        <source>Breaching soon</source>
        <translation>即将违约</translation>
    </message>
    <message>
        <source>Breaching soon window (hours)</source>
        <translation>即将违约提前量（小时）</translation>
    </message>
    <message>
        <source>Breaching within {hours} h</source>
        <translation>{hours} 小时内违约</translation>
    </message>
    <message>
        <source>By</source>
        <translation>添加人</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>报修人</translation>
    </message>
    <message>
        <source>Caller lookup</source>
        <translation>来电查找</translation>
    </message>
    <message>
        <source>Caller phone</source>
        <translation>报修电话</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Capture as article…</source>
        <translation>存为知识文章…</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Categories and priorities</source>
        <translation>类别与优先级</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Charge</source>
        <translation>扣费</translation>
    </message>
    <message>
        <source>Charge per call on prepaid contracts</source>
        <translation>预付费合同每次服务扣费</translation>
    </message>
    <message>
        <source>Check SLA clocks: breaches and escalations</source>
        <translation>检查 SLA 计时：违约与升级</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>计时</translation>
    </message>
    <message>
        <source>Clocks that pause for this reason stop counting until work resumes.</source>
        <translation>按此原因暂停的计时在恢复处理前停止计时。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close incidents resolved days ago</source>
        <translation>关闭已解决多日的事件</translation>
    </message>
    <message>
        <source>Close resolved incidents after (days)</source>
        <translation>已解决事件自动关闭（天）</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Compliance %</source>
        <translation>达标率 %</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>计时区间</translation>
    </message>
    <message>
        <source>Covered by contract {contract} ({level}) until {date}.</source>
        <translation>由合同 {contract}（{level}）覆盖，至 {date}。</translation>
    </message>
    <message>
        <source>Covered by the warranty until {date}.</source>
        <translation>在保修期内，至 {date}。</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Customer requested delay</source>
        <translation>客户要求延期</translation>
    </message>
    <message>
        <source>Customer-visible</source>
        <translation>客户可见</translation>
    </message>
    <message>
        <source>Customers and assets matching the lookup appear here.</source>
        <translation>与查找内容匹配的客户和设备显示在这里。</translation>
    </message>
    <message>
        <source>Default priority</source>
        <translation>默认优先级</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>定义</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>删除视图</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Description and resolution</source>
        <translation>描述与解决方案</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>已派工</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>Distance table</source>
        <translation>距离表</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Drafts and in review</source>
        <translation>草稿与审核中</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Due within {hours} h</source>
        <translation>{hours} 小时内到期</translation>
    </message>
    <message>
        <source>Due {at}; {left} left.</source>
        <translation>{at} 到期，剩余 {left}。</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Edit SLA definitions and escalation ladders</source>
        <translation>编辑 SLA 定义和升级规则</translation>
    </message>
    <message>
        <source>Edit categories, the priority matrix and standard texts</source>
        <translation>编辑类别、优先级矩阵和标准文本</translation>
    </message>
    <message>
        <source>Edit incident</source>
        <translation>编辑事件</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Engineer</source>
        <translation>工程师</translation>
    </message>
    <message>
        <source>Engineer on site</source>
        <translation>工程师到场</translation>
    </message>
    <message>
        <source>Entitlement</source>
        <translation>服务权益</translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Escalation ladder</source>
        <translation>升级规则</translation>
    </message>
    <message>
        <source>Escalation ladder…</source>
        <translation>升级规则…</translation>
    </message>
    <message>
        <source>Escalations</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Excel…</source>
        <translation>Excel…</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Files larger than this are refused.</source>
        <translation>超过此大小的文件将被拒绝。</translation>
    </message>
    <message>
        <source>Fired</source>
        <translation>触发时间</translation>
    </message>
    <message>
        <source>Fires</source>
        <translation>触发方式</translation>
    </message>
    <message>
        <source>For a partner dispatch: the partner's code; the partners module opens a service order for it.</source>
        <translation>服务商派工时填写服务商代码，服务商模块会据此生成派工单。</translation>
    </message>
    <message>
        <source>For sites beyond the distance table: the on-site target agreed with the customer; 0 for none.</source>
        <translation>距离超出距离表的现场：与客户约定的到场时限；0 表示未约定。</translation>
    </message>
    <message>
        <source>From incident</source>
        <translation>来源事件</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>金牌</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>小组</translation>
    </message>
    <message>
        <source>Group support</source>
        <translation>小组支持</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>How many articles the incident forms suggest while the title is typed.</source>
        <translation>填写事件标题时推荐的知识文章数量。</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>影响</translation>
    </message>
    <message>
        <source>Impact × urgency</source>
        <translation>影响 × 紧急度</translation>
    </message>
    <message>
        <source>Impact ↓ · Urgency →</source>
        <translation>影响 ↓ · 紧急度 →</translation>
    </message>
    <message>
        <source>Import incidents</source>
        <translation>导入事件</translation>
    </message>
    <message>
        <source>Import incidents from spreadsheets</source>
        <translation>从表格导入事件</translation>
    </message>
    <message>
        <source>Importing incidents…</source>
        <translation>正在导入事件…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Incident reports</source>
        <translation>事件报表</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>事件管理</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>内部</translation>
    </message>
    <message>
        <source>Keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Knowledge</source>
        <translation>知识库</translation>
    </message>
    <message>
        <source>Knowledge article</source>
        <translation>知识文章</translation>
    </message>
    <message>
        <source>Knowledge articles</source>
        <translation>知识文章</translation>
    </message>
    <message>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <source>Knowledge suggestions shown</source>
        <translation>推荐知识文章数</translation>
    </message>
    <message>
        <source>Largest attachment (MB)</source>
        <translation>附件大小上限（MB）</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>近 12 个月</translation>
    </message>
    <message>
        <source>Last 3 months</source>
        <translation>近 3 个月</translation>
    </message>
    <message>
        <source>Last 6 months</source>
        <translation>近 6 个月</translation>
    </message>
    <message>
        <source>Latest changes</source>
        <translation>最近变更</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Level {level}</source>
        <translation>第 {level} 级</translation>
    </message>
    <message>
        <source>Level {level}: {action} — {summary}</source>
        <translation>第 {level} 级：{action} — {summary}</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Levels fire at a share of the target or after minutes of counted time; a level with a repeat interval fires again until someone acknowledges it or the clock stops.</source>
        <translation>各级按时限的百分比或已计时分钟数触发；设置了重复间隔的级别会重复触发，直到有人确认或计时停止。</translation>
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
        <source>Matches</source>
        <translation>匹配结果</translation>
    </message>
    <message>
        <source>Mean time to resolve</source>
        <translation>平均解决时间</translation>
    </message>
    <message>
        <source>Mean time to restore</source>
        <translation>平均恢复时间</translation>
    </message>
    <message>
        <source>Mean time to restore and to resolve</source>
        <translation>平均恢复与解决时间</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>计量对象</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>Met: stopped {at} with {spare} to spare.</source>
        <translation>达标：于 {at} 停止，余量 {spare}。</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Milestone</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Move work order</source>
        <translation>推进工作单</translation>
    </message>
    <message>
        <source>Move work order…</source>
        <translation>推进工作单…</translation>
    </message>
    <message>
        <source>Move…</source>
        <translation>推进…</translation>
    </message>
    <message>
        <source>My groups</source>
        <translation>我的小组</translation>
    </message>
    <message>
        <source>My open work orders</source>
        <translation>我的未完成工作单</translation>
    </message>
    <message>
        <source>My queue</source>
        <translation>我的队列</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Name of this view:</source>
        <translation>视图名称：</translation>
    </message>
    <message>
        <source>Never pauses.</source>
        <translation>不暂停。</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>New article…</source>
        <translation>新建文章…</translation>
    </message>
    <message>
        <source>New definition…</source>
        <translation>新建定义…</translation>
    </message>
    <message>
        <source>New incident</source>
        <translation>新建事件</translation>
    </message>
    <message>
        <source>New incident…</source>
        <translation>新建事件…</translation>
    </message>
    <message>
        <source>New standard text…</source>
        <translation>新建标准文本…</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>New work order</source>
        <translation>新建工作单</translation>
    </message>
    <message>
        <source>New work order…</source>
        <translation>新建工作单…</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>No SLA clock is due in this window.</source>
        <translation>此时间范围内没有到期的 SLA 计时。</translation>
    </message>
    <message>
        <source>No SLA definition covers this incident.</source>
        <translation>没有 SLA 定义适用于此事件。</translation>
    </message>
    <message>
        <source>No SLA definition yet.</source>
        <translation>尚无 SLA 定义。</translation>
    </message>
    <message>
        <source>No article holds every word of this search.</source>
        <translation>没有文章包含全部搜索词。</translation>
    </message>
    <message>
        <source>No asset</source>
        <translation>无设备</translation>
    </message>
    <message>
        <source>No asset given: entitlement not checked.</source>
        <translation>未指定设备，未核对服务权益。</translation>
    </message>
    <message>
        <source>No customer chosen yet.</source>
        <translation>尚未选择客户。</translation>
    </message>
    <message>
        <source>No escalation waits for an acknowledgement.</source>
        <translation>没有待确认的升级。</translation>
    </message>
    <message>
        <source>No incident matches these filters.</source>
        <translation>没有符合筛选条件的事件。</translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation>暂无备注。</translation>
    </message>
    <message>
        <source>No published article matches this incident.</source>
        <translation>没有与此事件匹配的已发布文章。</translation>
    </message>
    <message>
        <source>No standard text yet.</source>
        <translation>尚无标准文本。</translation>
    </message>
    <message>
        <source>No target: the site has no coordinates, so the distance table cannot apply; agree one per case.</source>
        <translation>无时限：现场没有坐标，无法套用距离表，请逐案约定。</translation>
    </message>
    <message>
        <source>No target: {km} km from the nearest service centre is beyond the distance table; agree one per case.</source>
        <translation>无时限：距最近服务中心 {km} 公里，超出距离表，请逐案约定。</translation>
    </message>
    <message>
        <source>No work order matches these filters.</source>
        <translation>没有符合筛选条件的工作单。</translation>
    </message>
    <message>
        <source>Not acknowledged</source>
        <translation>未确认</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Not applicable since {at}: it finished without “{stop}”.</source>
        <translation>自 {at} 起不适用：未经“{stop}”即已结束。</translation>
    </message>
    <message>
        <source>Not applicable: it finished without “{start}”.</source>
        <translation>不适用：未经“{start}”即已结束。</translation>
    </message>
    <message>
        <source>Not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Not started: waiting for “{start}”.</source>
        <translation>未开始：等待“{start}”。</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Nothing assigned to you is open. Take one from your team's queue.</source>
        <translation>您名下没有未关闭的事件，可从小组队列中领取。</translation>
    </message>
    <message>
        <source>Nothing to change: already {value}.</source>
        <translation>无需变更：已是 {value}。</translation>
    </message>
    <message>
        <source>Nothing to show yet.</source>
        <translation>暂无数据。</translation>
    </message>
    <message>
        <source>Notified: {who}.</source>
        <translation>已通知：{who}。</translation>
    </message>
    <message>
        <source>Notify</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Number of incidents</source>
        <translation>事件数</translation>
    </message>
    <message>
        <source>OLA (team)</source>
        <translation>OLA（内部团队）</translation>
    </message>
    <message>
        <source>Offset (minutes of counted time)</source>
        <translation>偏移（已计时分钟数）</translation>
    </message>
    <message>
        <source>On my incidents</source>
        <translation>我的事件</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>已到场</translation>
    </message>
    <message>
        <source>On-site</source>
        <translation>到场</translation>
    </message>
    <message>
        <source>On-site visit</source>
        <translation>现场服务</translation>
    </message>
    <message>
        <source>Onsite only: km:duration from the nearest service centre, e.g. 50:4h, 100:8h, 200:1d (end of the next working day), 300:2d; beyond the last: agreed per case.</source>
        <translation>仅用于到场时限：距最近服务中心公里数:时限，例如 50:4h, 100:8h, 200:1d（次一工作日结束前）, 300:2d；超出最后一档的逐案约定。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open incident</source>
        <translation>打开事件</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>未关闭事件</translation>
    </message>
    <message>
        <source>Open incidents and work your own</source>
        <translation>开单并处理本人事件</translation>
    </message>
    <message>
        <source>Open incidents by priority</source>
        <translation>按优先级统计未关闭事件</translation>
    </message>
    <message>
        <source>Open work orders</source>
        <translation>未完成工作单</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>开单时间</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>P1 target (minutes)</source>
        <translation>P1 时限（分钟）</translation>
    </message>
    <message>
        <source>P2 target (minutes)</source>
        <translation>P2 时限（分钟）</translation>
    </message>
    <message>
        <source>P3 target (minutes)</source>
        <translation>P3 时限（分钟）</translation>
    </message>
    <message>
        <source>P4 target (minutes)</source>
        <translation>P4 时限（分钟）</translation>
    </message>
    <message>
        <source>PDF…</source>
        <translation>PDF…</translation>
    </message>
    <message>
        <source>PNG…</source>
        <translation>PNG…</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>上级类别</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Partner (service order)</source>
        <translation>服务商（派工单）</translation>
    </message>
    <message>
        <source>Partner code</source>
        <translation>服务商代码</translation>
    </message>
    <message>
        <source>Partner dispatch</source>
        <translation>服务商派工</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Paused since {at}: {reason}.</source>
        <translation>自 {at} 起暂停：{reason}。</translation>
    </message>
    <message>
        <source>Paused {duration}: {reason}.</source>
        <translation>暂停 {duration}：{reason}。</translation>
    </message>
    <message>
        <source>Pauses while pending</source>
        <translation>挂起时暂停</translation>
    </message>
    <message>
        <source>Pauses while pending: {reasons}.</source>
        <translation>以下挂起原因时暂停：{reasons}。</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Pending…</source>
        <translation>挂起…</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Phone, name or serial</source>
        <translation>电话、名称或序列号</translation>
    </message>
    <message>
        <source>Pick an article to read its solution.</source>
        <translation>选择一篇文章查看解决方案。</translation>
    </message>
    <message>
        <source>Portal</source>
        <translation>门户</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Priority matrix</source>
        <translation>优先级矩阵</translation>
    </message>
    <message>
        <source>Priority of a new incident whose impact and urgency are not assessed yet.</source>
        <translation>尚未评估影响和紧急度的新事件所用的优先级。</translation>
    </message>
    <message>
        <source>Priority raised from {old} to {new}.</source>
        <translation>优先级由 {old} 提升为 {new}。</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <source>Published articles matching the title appear here as you type.</source>
        <translation>输入标题时，匹配的已发布文章会显示在这里。</translation>
    </message>
    <message>
        <source>Put on hold</source>
        <translation>挂起事件</translation>
    </message>
    <message>
        <source>Quick entry</source>
        <translation>快速开单</translation>
    </message>
    <message>
        <source>Raise priority</source>
        <translation>提升优先级</translation>
    </message>
    <message>
        <source>Reassign any incident and change its priority</source>
        <translation>改派任意事件并调整优先级</translation>
    </message>
    <message>
        <source>Reassign to a group</source>
        <translation>转派给小组</translation>
    </message>
    <message>
        <source>Reassigned to {group}.</source>
        <translation>已转派给 {group}。</translation>
    </message>
    <message>
        <source>Recompute open incidents</source>
        <translation>重算未关闭事件</translation>
    </message>
    <message>
        <source>Recomputing SLA clocks…</source>
        <translation>正在重算 SLA 计时…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Remove level</source>
        <translation>删除级别</translation>
    </message>
    <message>
        <source>Rename or move…</source>
        <translation>重命名或移动…</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Repeat (min)</source>
        <translation>重复间隔（分钟）</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>解决方案</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>Resolve incident</source>
        <translation>解决事件</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Resolved (30 days)</source>
        <translation>已解决（30 天）</translation>
    </message>
    <message>
        <source>Resolved and closed</source>
        <translation>已解决和已关闭</translation>
    </message>
    <message>
        <source>Resolved incidents the customer did not reopen are closed after this many days; 0 never.</source>
        <translation>客户未重新打开的已解决事件在此天数后自动关闭；0 表示不自动关闭。</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>解决…</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>响应</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Resume work</source>
        <translation>恢复处理</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>下架</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>已下架</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Review and publish knowledge articles</source>
        <translation>审核并发布知识文章</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Role or group</source>
        <translation>角色或小组</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>计时中</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>SLA (customer)</source>
        <translation>SLA（客户）</translation>
    </message>
    <message>
        <source>SLA breached</source>
        <translation>SLA 已违约</translation>
    </message>
    <message>
        <source>SLA clocks</source>
        <translation>SLA 计时</translation>
    </message>
    <message>
        <source>SLA clocks at risk</source>
        <translation>SLA 风险计时</translation>
    </message>
    <message>
        <source>SLA compliance by month</source>
        <translation>每月 SLA 达标率</translation>
    </message>
    <message>
        <source>SLA compliance per target per month</source>
        <translation>各 SLA 每月达标率</translation>
    </message>
    <message>
        <source>SLA definition</source>
        <translation>SLA 定义</translation>
    </message>
    <message>
        <source>SLA definitions</source>
        <translation>SLA 定义</translation>
    </message>
    <message>
        <source>SLA explain</source>
        <translation>SLA 说明</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>另存副本</translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation>另存副本…</translation>
    </message>
    <message>
        <source>Save incident (Ctrl+Enter)</source>
        <translation>保存事件（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Save the matrix</source>
        <translation>保存矩阵</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>保存视图</translation>
    </message>
    <message>
        <source>Save view…</source>
        <translation>保存视图…</translation>
    </message>
    <message>
        <source>Saved views</source>
        <translation>已保存视图</translation>
    </message>
    <message>
        <source>Saved views: your own searches and filters on this page</source>
        <translation>已保存视图：您在本页保存的搜索和筛选</translation>
    </message>
    <message>
        <source>Saved {number}. Next caller: type the phone, name or serial.</source>
        <translation>已保存 {number}。下一位来电：请输入电话、名称或序列号。</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Search the knowledge base (中文 or English)…</source>
        <translation>搜索知识库（中文或英文）…</translation>
    </message>
    <message>
        <source>Send back to the writer</source>
        <translation>退回给作者</translation>
    </message>
    <message>
        <source>Send back…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>服务级别</translation>
    </message>
    <message>
        <source>Service order</source>
        <translation>派工单</translation>
    </message>
    <message>
        <source>Service restored</source>
        <translation>服务已恢复</translation>
    </message>
    <message>
        <source>Share of the target (%)</source>
        <translation>时限百分比（%）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Silver</source>
        <translation>银牌</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>现场</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Solution</source>
        <translation>解决方案</translation>
    </message>
    <message>
        <source>Solved on the call (first-call resolution)</source>
        <translation>电话中已解决（一次解决）</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>表格文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Standard description</source>
        <translation>标准描述</translation>
    </message>
    <message>
        <source>Standard descriptions and solutions</source>
        <translation>标准描述与标准解决方案</translation>
    </message>
    <message>
        <source>Standard solution</source>
        <translation>标准解决方案</translation>
    </message>
    <message>
        <source>Standard text</source>
        <translation>标准文本</translation>
    </message>
    <message>
        <source>Start work</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <source>Started {at}; counted {elapsed} so far ({percent}% of the target).</source>
        <translation>{at} 开始计时；已计 {elapsed}（时限的 {percent}%）。</translation>
    </message>
    <message>
        <source>Starts at</source>
        <translation>开始于</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Still running, {over} over the target.</source>
        <translation>仍在计时，已超出时限 {over}。</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Stopped {at}, {over} over the target.</source>
        <translation>于 {at} 停止，超出时限 {over}。</translation>
    </message>
    <message>
        <source>Stops at</source>
        <translation>停止于</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>Suggested knowledge articles</source>
        <translation>推荐知识文章</translation>
    </message>
    <message>
        <source>Symptom</source>
        <translation>现象</translation>
    </message>
    <message>
        <source>Symptom and solution</source>
        <translation>现象与解决方案</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Take</source>
        <translation>领取</translation>
    </message>
    <message>
        <source>Taken from a contract's prepaid balance for each covered call; when the balance is used up, further calls are billable.</source>
        <translation>每次合同内服务从预付余额中扣除；余额用完后，后续服务需收费。</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Target to agree</source>
        <translation>待约定时限</translation>
    </message>
    <message>
        <source>Target {target} for {priority}.</source>
        <translation>{priority} 的时限为 {target}。</translation>
    </message>
    <message>
        <source>Target {target}: {km} km from the nearest service centre.</source>
        <translation>时限 {target}：距最近服务中心 {km} 公里。</translation>
    </message>
    <message>
        <source>Targets P1 / P2 / P3 / P4</source>
        <translation>时限 P1 / P2 / P3 / P4</translation>
    </message>
    <message>
        <source>Targets are minutes of counted time on the calendar; 0 leaves a priority without target. For onsite, a distance table replaces them, e.g. {example}.</source>
        <translation>时限为按工作日历计的分钟数；0 表示该优先级无时限。到场时限可用距离表代替，例如 {example}。</translation>
    </message>
    <message>
        <source>Team queue</source>
        <translation>小组队列</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>The clock pauses while the incident is pending for this reason.</source>
        <translation>事件因此原因挂起时，计时暂停。</translation>
    </message>
    <message>
        <source>The contract level it covers (e.g. gold); empty: the default for every level.</source>
        <translation>适用的合同级别（如 gold）；留空表示所有级别的默认值。</translation>
    </message>
    <message>
        <source>The customer too</source>
        <translation>客户也可见</translation>
    </message>
    <message>
        <source>The priority an incident gets from its impact (rows) and urgency (columns). A change applies to incidents assessed from now on.</source>
        <translation>事件的优先级由影响（行）和紧急度（列）决定。修改只影响此后评估的事件。</translation>
    </message>
    <message>
        <source>The team only</source>
        <translation>仅团队内部</translation>
    </message>
    <message>
        <source>The “Breaching soon” list and dashboard tile show clocks due within this many hours.</source>
        <translation>“即将违约”列表和仪表盘显示此小时数内到期的计时。</translation>
    </message>
    <message>
        <source>This article no longer exists.</source>
        <translation>该文章已不存在。</translation>
    </message>
    <message>
        <source>This asset already has open incidents — add a note there instead of opening a duplicate:</source>
        <translation>该设备已有未关闭的事件，请在原事件中添加备注，不要重复开单：</translation>
    </message>
    <message>
        <source>This definition no longer exists.</source>
        <translation>该定义已不存在。</translation>
    </message>
    <message>
        <source>This incident could not be shown.</source>
        <translation>无法显示该事件。</translation>
    </message>
    <message>
        <source>This incident no longer exists.</source>
        <translation>该事件已不存在。</translation>
    </message>
    <message>
        <source>This work order no longer exists.</source>
        <translation>该工作单已不存在。</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Type the caller's phone, name or an asset serial; ↓ and Enter pick a match. Ctrl+Enter saves.</source>
        <translation>输入来电号码、客户名称或设备序列号；用 ↓ 和回车选择匹配项，Ctrl+Enter 保存。</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未分派</translation>
    </message>
    <message>
        <source>Underpinning contract (partner)</source>
        <translation>支持合同（服务商）</translation>
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
        <source>Use this solution</source>
        <translation>采用此解决方案</translation>
    </message>
    <message>
        <source>View incidents</source>
        <translation>查看事件</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>浏览次数</translation>
    </message>
    <message>
        <source>Visible to</source>
        <translation>可见范围</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>Waiting for customer</source>
        <translation>等待客户</translation>
    </message>
    <message>
        <source>Waiting for parts</source>
        <translation>等待备件</translation>
    </message>
    <message>
        <source>Waiting for vendor/partner</source>
        <translation>等待厂商/服务商</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>上门</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>What exactly is awaited, and by when (kept as an internal note).</source>
        <translation>具体在等待什么、预计何时（记为内部备注）。</translation>
    </message>
    <message>
        <source>What fixed it; knowledge articles are captured from this.</source>
        <translation>如何解决的；知识文章会从这里提取。</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>执行结果</translation>
    </message>
    <message>
        <source>What to change</source>
        <translation>需要修改的内容</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Who and where</source>
        <translation>人员与地点</translation>
    </message>
    <message>
        <source>Whom</source>
        <translation>通知对象</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>时间范围</translation>
    </message>
    <message>
        <source>Words people search for that the text does not contain, e.g. 蓝屏 BSOD.</source>
        <translation>正文中没有但用户会搜索的词，例如 蓝屏 BSOD。</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>工作单</translation>
    </message>
    <message>
        <source>Work order {number} is {status}.</source>
        <translation>工作单 {number} 当前为{status}。</translation>
    </message>
    <message>
        <source>Work orders</source>
        <translation>工作单</translation>
    </message>
    <message>
        <source>Work orders of kind</source>
        <translation>工作单类型</translation>
    </message>
    <message>
        <source>Workload per engineer</source>
        <translation>工程师工作量</translation>
    </message>
    <message>
        <source>Write how it was solved, or untick “Solved on the call”.</source>
        <translation>请填写解决方法，或取消勾选“电话中已解决”。</translation>
    </message>
    <message>
        <source>Write knowledge articles</source>
        <translation>编写知识文章</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>You can read this incident.</source>
        <translation>您可以查看此事件。</translation>
    </message>
    <message>
        <source>You can take an unassigned incident or hand yours back to its group; team leads reassign.</source>
        <translation>您可以领取未分派的事件或将自己的事件退回小组；改派由组长操作。</translation>
    </message>
    <message>
        <source>Your team has no open incident.</source>
        <translation>您的小组没有未关闭的事件。</translation>
    </message>
    <message>
        <source>after {minutes} min counted</source>
        <translation>已计时 {minutes} 分钟后</translation>
    </message>
    <message>
        <source>asset {serial} has no service contract</source>
        <translation>设备 {serial} 没有服务合同</translation>
    </message>
    <message>
        <source>asset {serial} is out of contract and warranty</source>
        <translation>设备 {serial} 既不在合同内也不在保修期内</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>分派</translation>
    </message>
    <message>
        <source>at {share}% of the target</source>
        <translation>达到时限的 {share}% 时</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>contract {contract} ended on {date}</source>
        <translation>合同 {contract} 已于 {date} 到期</translation>
    </message>
    <message>
        <source>contract {contract} has used all {calls} calls</source>
        <translation>合同 {contract} 的 {calls} 次服务已用完</translation>
    </message>
    <message>
        <source>contract {contract} has used up its prepaid balance of {balance}</source>
        <translation>合同 {contract} 的预付余额 {balance} 已用完</translation>
    </message>
    <message>
        <source>contract {contract} starts on {date}</source>
        <translation>合同 {contract} 于 {date} 才生效</translation>
    </message>
    <message>
        <source>default priority</source>
        <translation>默认优先级</translation>
    </message>
    <message>
        <source>dispatched</source>
        <translation>派工</translation>
    </message>
    <message>
        <source>distance table {rules}</source>
        <translation>距离表 {rules}</translation>
    </message>
    <message>
        <source>due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>engineer on site</source>
        <translation>工程师到场</translation>
    </message>
    <message>
        <source>every level (default)</source>
        <translation>所有级别（默认）</translation>
    </message>
    <message>
        <source>everyone with a role</source>
        <translation>某角色的所有人</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>no repeat</source>
        <translation>不重复</translation>
    </message>
    <message>
        <source>none: this target does not escalate</source>
        <translation>无：此时限不升级</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>开单</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>service restored</source>
        <translation>服务恢复</translation>
    </message>
    <message>
        <source>the assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>the assignee's manager</source>
        <translation>处理人的主管</translation>
    </message>
    <message>
        <source>the group lead</source>
        <translation>组长</translation>
    </message>
    <message>
        <source>the warranty ended on {date}</source>
        <translation>保修已于 {date} 到期</translation>
    </message>
    <message>
        <source>work order done</source>
        <translation>工作单完成</translation>
    </message>
    <message>
        <source>work started</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <source>{count} articles</source>
        <translation>{count} 篇文章</translation>
    </message>
    <message>
        <source>{count} cells changed.</source>
        <translation>已修改 {count} 个单元格。</translation>
    </message>
    <message>
        <source>{count} clocks</source>
        <translation>{count} 个计时</translation>
    </message>
    <message>
        <source>{count} definitions</source>
        <translation>{count} 个定义</translation>
    </message>
    <message>
        <source>{count} escalations</source>
        <translation>{count} 次升级</translation>
    </message>
    <message>
        <source>{count} incidents</source>
        <translation>{count} 个事件</translation>
    </message>
    <message>
        <source>{count} incidents imported.</source>
        <translation>已导入 {count} 个事件。</translation>
    </message>
    <message>
        <source>{count} incidents recomputed</source>
        <translation>已重算 {count} 个事件</translation>
    </message>
    <message>
        <source>{count} rows</source>
        <translation>{count} 行</translation>
    </message>
    <message>
        <source>{count} standard texts</source>
        <translation>{count} 条标准文本</translation>
    </message>
    <message>
        <source>{count} work orders</source>
        <translation>{count} 个工作单</translation>
    </message>
    <message>
        <source>{done} of {total} incidents recomputed</source>
        <translation>已重算 {done} / {total} 个事件</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} 小时</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>{kind}: counts from “{start}” to “{stop}” on {calendar}.</source>
        <translation>{kind}：按{calendar}从“{start}”计到“{stop}”。</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>{priority} · {status} · {customer} · next deadline {due}</source>
        <translation>{priority} · {status} · {customer} · 下一截止 {due}</translation>
    </message>
</context>
</TS>
