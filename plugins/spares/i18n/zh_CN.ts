<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>spares</name>
    <message>
        <source>(no serial)</source>
        <translation>（无序列号）</translation>
    </message>
    <message>
        <source>A field-replaceable unit: the defective part must come back.</source>
        <translation>现场可更换件（FRU）：坏件必须返还。</translation>
    </message>
    <message>
        <source>A location's code and kind cannot change; add a new location instead.</source>
        <translation>库位编码和类型不能修改；请新建一个库位。</translation>
    </message>
    <message>
        <source>A part number cannot change; add a new part instead.</source>
        <translation>备件号不能修改；请新建一个备件。</translation>
    </message>
    <message>
        <source>A reservation is released automatically when it was not issued within this time.</source>
        <translation>预留在此时间内未出库的，将自动释放。</translation>
    </message>
    <message>
        <source>A unit goes to the repair vendor, comes back into a depot as refurbished, or is scrapped when it cannot be repaired.</source>
        <translation>坏件送维修商维修，修好后作为翻新件入库；无法修复的报废。</translation>
    </message>
    <message>
        <source>Accepted as it is</source>
        <translation>按现状接受</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Active parts</source>
        <translation>启用的备件</translation>
    </message>
    <message>
        <source>Adjustments needing approval above (CNY)</source>
        <translation>调整金额超过此值需审批（元）</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>All locations</source>
        <translation>全部库位</translation>
    </message>
    <message>
        <source>All parts</source>
        <translation>全部备件</translation>
    </message>
    <message>
        <source>All requests</source>
        <translation>全部申请</translation>
    </message>
    <message>
        <source>All returns</source>
        <translation>全部返还</translation>
    </message>
    <message>
        <source>All sheets</source>
        <translation>全部盘点单</translation>
    </message>
    <message>
        <source>All shipments</source>
        <translation>全部调拨单</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>An expected return this many days past its due date is listed as a loss to write off.</source>
        <translation>待返还件超过到期日这么多天后，列为损耗，待核销。</translation>
    </message>
    <message>
        <source>An issue against a request counts for fill rate: issue from the Requests page when there is one.</source>
        <translation>按申请出库才计入满足率：有申请时，请在“备件申请与预留”页面出库。</translation>
    </message>
    <message>
        <source>Announce overdue defective returns</source>
        <translation>提醒逾期未返还的坏件</translation>
    </message>
    <message>
        <source>Announce parts below safety stock</source>
        <translation>提醒低于安全库存的备件</translation>
    </message>
    <message>
        <source>Any kind</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Any level</source>
        <translation>全部库存水平</translation>
    </message>
    <message>
        <source>Approve loss write-offs and large adjustments</source>
        <translation>审批损耗核销和大额调整</translation>
    </message>
    <message>
        <source>Approve: post the differences</source>
        <translation>批准：过账差异</translation>
    </message>
    <message>
        <source>Approve: write it off</source>
        <translation>批准：核销</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>已到货</translation>
    </message>
    <message>
        <source>Arrived short</source>
        <translation>到货短少</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>At repair</source>
        <translation>维修中</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用量</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Back from repair</source>
        <translation>修复返回</translation>
    </message>
    <message>
        <source>Back from repair, into a depot (refurbished)</source>
        <translation>修复返回，作为翻新件入库</translation>
    </message>
    <message>
        <source>Back in stock (unused)</source>
        <translation>良品回库（未使用）</translation>
    </message>
    <message>
        <source>Back to depot (good, unused)</source>
        <translation>退回库房（良品未用）</translation>
    </message>
    <message>
        <source>Back to stock (unused)</source>
        <translation>良品回库</translation>
    </message>
    <message>
        <source>Being counted</source>
        <translation>盘点中</translation>
    </message>
    <message>
        <source>Below minimum</source>
        <translation>低于最低库存</translation>
    </message>
    <message>
        <source>Below the minimum the console proposes a refill up to the target.</source>
        <translation>低于最低库存时，系统建议补货至目标库存。</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>账面数</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Came back</source>
        <translation>实际返回</translation>
    </message>
    <message>
        <source>Cancel request</source>
        <translation>取消申请</translation>
    </message>
    <message>
        <source>Cancel sheet</source>
        <translation>作废盘点单</translation>
    </message>
    <message>
        <source>Cancel this count sheet? Nothing changes in stock.</source>
        <translation>作废这张盘点单吗？库存不会有任何变化。</translation>
    </message>
    <message>
        <source>Cancel this request and release what it holds?</source>
        <translation>取消该申请并释放其预留吗？</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>承运商</translation>
    </message>
    <message>
        <source>Central depot</source>
        <translation>中心库</translation>
    </message>
    <message>
        <source>Charged back</source>
        <translation>已索赔</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Compatible models</source>
        <translation>适用机型</translation>
    </message>
    <message>
        <source>Consumables</source>
        <translation>消耗件</translation>
    </message>
    <message>
        <source>Count adjustment</source>
        <translation>盘点调整</translation>
    </message>
    <message>
        <source>Count sheet</source>
        <translation>盘点单</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实盘数</translation>
    </message>
    <message>
        <source>Counting</source>
        <translation>盘点中</translation>
    </message>
    <message>
        <source>Count…</source>
        <translation>盘点…</translation>
    </message>
    <message>
        <source>Decide the count</source>
        <translation>审批盘点</translation>
    </message>
    <message>
        <source>Decide the write-off</source>
        <translation>审批核销</translation>
    </message>
    <message>
        <source>Decide…</source>
        <translation>审批…</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>审批结果</translation>
    </message>
    <message>
        <source>Defective</source>
        <translation>故障件</translation>
    </message>
    <message>
        <source>Defective return</source>
        <translation>坏件返还</translation>
    </message>
    <message>
        <source>Defective return due after (days)</source>
        <translation>坏件返还期限（天）</translation>
    </message>
    <message>
        <source>Defective returns</source>
        <translation>坏件返还</translation>
    </message>
    <message>
        <source>Defective store</source>
        <translation>坏件库</translation>
    </message>
    <message>
        <source>Delivery note or purchase order number.</source>
        <translation>送货单号或采购订单号。</translation>
    </message>
    <message>
        <source>Depot</source>
        <translation>库房</translation>
    </message>
    <message>
        <source>Depots</source>
        <translation>库房</translation>
    </message>
    <message>
        <source>Designated depot</source>
        <translation>指定库房</translation>
    </message>
    <message>
        <source>Difference value</source>
        <translation>差异金额</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Discontinued</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Edit location</source>
        <translation>编辑库位</translation>
    </message>
    <message>
        <source>Edit location…</source>
        <translation>编辑库位…</translation>
    </message>
    <message>
        <source>Edit part</source>
        <translation>编辑备件</translation>
    </message>
    <message>
        <source>Edit part…</source>
        <translation>编辑备件…</translation>
    </message>
    <message>
        <source>Empty when everything arrived. Otherwise the serials scanned, and one line “PART-NUMBER quantity” per part without serials.</source>
        <translation>全部到货时留空。否则填写扫描到的序列号；无序列号的备件每行写“备件号 数量”。</translation>
    </message>
    <message>
        <source>Empty: everything that issue gave.</source>
        <translation>留空：该次出库的全部数量。</translation>
    </message>
    <message>
        <source>Empty: what the request still needs (serialized parts: leave empty and scan the serials).</source>
        <translation>留空：申请尚缺的数量（序列号管理的备件请留空并扫描序列号）。</translation>
    </message>
    <message>
        <source>Enter counts</source>
        <translation>录入盘点数</translation>
    </message>
    <message>
        <source>Every depot is at or above its minimum.</source>
        <translation>所有库房均不低于最低库存。</translation>
    </message>
    <message>
        <source>Every safety stock</source>
        <translation>全部安全库存</translation>
    </message>
    <message>
        <source>Every unit has a serial that is scanned at each move.</source>
        <translation>每件都有序列号，每次出入库都要扫描。</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>待返还</translation>
    </message>
    <message>
        <source>Expected defective serial</source>
        <translation>应返坏件序列号</translation>
    </message>
    <message>
        <source>Expected part</source>
        <translation>应返备件</translation>
    </message>
    <message>
        <source>Expected serial</source>
        <translation>应返序列号</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Export the KPIs</source>
        <translation>导出指标</translation>
    </message>
    <message>
        <source>Export the count sheet</source>
        <translation>导出盘点单</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Fill and hit rate by month (%)</source>
        <translation>每月满足率与命中率（%）</translation>
    </message>
    <message>
        <source>Fill rate</source>
        <translation>满足率</translation>
    </message>
    <message>
        <source>Fill rate (%)</source>
        <translation>满足率（%）</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>已满足</translation>
    </message>
    <message>
        <source>Filled at first issue</source>
        <translation>首次出库即满足</translation>
    </message>
    <message>
        <source>Find a part or serial…</source>
        <translation>查找备件号或序列号…</translation>
    </message>
    <message>
        <source>First issue</source>
        <translation>首次出库</translation>
    </message>
    <message>
        <source>For</source>
        <translation>关联单号</translation>
    </message>
    <message>
        <source>For example “DEL-HDD-00017 2” or “DEL-HDD-00017 SN1 SN2”, one part per line.</source>
        <translation>例如“DEL-HDD-00017 2”或“DEL-HDD-00017 SN1 SN2”，每行一种备件。</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>发现于</translation>
    </message>
    <message>
        <source>Found, not on the sheet (one per line: part number and serial, or part number and quantity):</source>
        <translation>盘盈（盘点单上没有的）：每行写备件号和序列号，或备件号和数量：</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>Good, unused</source>
        <translation>良品未用</translation>
    </message>
    <message>
        <source>Good, unused parts go straight back to stock and count as a miss for hit rate; a wrong part is logged as a wrong shipment.</source>
        <translation>良品未用的备件直接回库，计为未命中；错件将登记为错发。</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>已预留</translation>
    </message>
    <message>
        <source>Held until</source>
        <translation>预留至</translation>
    </message>
    <message>
        <source>Hit rate</source>
        <translation>命中率</translation>
    </message>
    <message>
        <source>Hit rate (%)</source>
        <translation>命中率（%）</translation>
    </message>
    <message>
        <source>Hold for (hours)</source>
        <translation>预留时长（小时）</translation>
    </message>
    <message>
        <source>Hold reservations for (hours)</source>
        <translation>预留保留时长（小时）</translation>
    </message>
    <message>
        <source>Import counts</source>
        <translation>导入盘点数</translation>
    </message>
    <message>
        <source>Import moves</source>
        <translation>导入出入库记录</translation>
    </message>
    <message>
        <source>Import moves…</source>
        <translation>导入出入库记录…</translation>
    </message>
    <message>
        <source>Import parts</source>
        <translation>导入备件</translation>
    </message>
    <message>
        <source>Import parts…</source>
        <translation>导入备件…</translation>
    </message>
    <message>
        <source>Import stock</source>
        <translation>导入库存</translation>
    </message>
    <message>
        <source>Import stock…</source>
        <translation>导入库存…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>In depots</source>
        <translation>库房现有</translation>
    </message>
    <message>
        <source>In full from the depot</source>
        <translation>指定库房一次满足</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>在途</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>在途数</translation>
    </message>
    <message>
        <source>Incident, work order or service order number, e.g. INC-2026-000123 or SP001-000045.</source>
        <translation>事件、工作单或派工单号，如 INC-2026-000123 或 SP001-000045。</translation>
    </message>
    <message>
        <source>Inspect the returned unit</source>
        <translation>检验返回件</translation>
    </message>
    <message>
        <source>Inspected</source>
        <translation>已检验</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>检验结果</translation>
    </message>
    <message>
        <source>Inspect…</source>
        <translation>检验…</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>出库</translation>
    </message>
    <message>
        <source>Issue against the request</source>
        <translation>按申请出库</translation>
    </message>
    <message>
        <source>Issue parts</source>
        <translation>备件出库</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已出库</translation>
    </message>
    <message>
        <source>Issued serial</source>
        <translation>发出序列号</translation>
    </message>
    <message>
        <source>Issued value</source>
        <translation>出库金额</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>出库记录</translation>
    </message>
    <message>
        <source>Issue…</source>
        <translation>出库…</translation>
    </message>
    <message>
        <source>Issuing a return-required part expects the defective part back within this many days.</source>
        <translation>发出需返还的备件后，坏件须在这么多天内返回。</translation>
    </message>
    <message>
        <source>Issuing from the designated depot, all at once, counts as filled at the first issue.</source>
        <translation>从指定库房一次足量出库，计为首次出库即满足。</translation>
    </message>
    <message>
        <source>It answers the oldest expected return of that reference and part; without one it is recorded as an unexpected return.</source>
        <translation>将匹配该单号、该备件最早的待返还记录；没有时登记为计划外返还。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>近 12 个月</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <source>Latest moves</source>
        <translation>最近出入库</translation>
    </message>
    <message>
        <source>Leave empty for serialized parts.</source>
        <translation>序列号管理的备件请留空。</translation>
    </message>
    <message>
        <source>Leave “From” empty for stock coming from outside, “To” empty for stock leaving the network. Large adjustments and losses need an approver.</source>
        <translation>从外部进来的库存，“从”留空；离开库存网络的，“到”留空。大额调整和损失需审批人处理。</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Log as wrong shipment</source>
        <translation>登记为错发</translation>
    </message>
    <message>
        <source>Logged</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损耗</translation>
    </message>
    <message>
        <source>Loss (long overdue)</source>
        <translation>损耗（严重逾期）</translation>
    </message>
    <message>
        <source>Loss value</source>
        <translation>损耗金额</translation>
    </message>
    <message>
        <source>Losses (long overdue)</source>
        <translation>损耗（严重逾期）</translation>
    </message>
    <message>
        <source>Lost in transit</source>
        <translation>在途丢失</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Maintain parts, locations and safety stock</source>
        <translation>维护备件、库位和安全库存</translation>
    </message>
    <message>
        <source>Members of this group are told about shortages, overdue returns, wrong shipments and approvals in the notification centre.</source>
        <translation>该组成员将在通知中心收到缺货、逾期返还、错发和审批提醒。</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>最低库存</translation>
    </message>
    <message>
        <source>Models the part fits, separated by commas.</source>
        <translation>该备件适用的机型，用逗号分隔。</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Move stock</source>
        <translation>库存移动</translation>
    </message>
    <message>
        <source>Moves</source>
        <translation>出入库记录</translation>
    </message>
    <message>
        <source>Move…</source>
        <translation>移动…</translation>
    </message>
    <message>
        <source>My requests</source>
        <translation>我的申请</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>New count sheet</source>
        <translation>新建盘点单</translation>
    </message>
    <message>
        <source>New count sheet…</source>
        <translation>新建盘点单…</translation>
    </message>
    <message>
        <source>New location</source>
        <translation>新建库位</translation>
    </message>
    <message>
        <source>New location…</source>
        <translation>新建库位…</translation>
    </message>
    <message>
        <source>New part</source>
        <translation>新建备件</translation>
    </message>
    <message>
        <source>New part…</source>
        <translation>新建备件…</translation>
    </message>
    <message>
        <source>New request</source>
        <translation>新建申请</translation>
    </message>
    <message>
        <source>New request…</source>
        <translation>新建申请…</translation>
    </message>
    <message>
        <source>New shipment</source>
        <translation>新建调拨单</translation>
    </message>
    <message>
        <source>New shipment…</source>
        <translation>新建调拨单…</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>No count sheet yet.</source>
        <translation>还没有盘点单。</translation>
    </message>
    <message>
        <source>No defective return is overdue.</source>
        <translation>没有逾期未返还的坏件。</translation>
    </message>
    <message>
        <source>No location matches.</source>
        <translation>没有匹配的库位。</translation>
    </message>
    <message>
        <source>No move matches these filters.</source>
        <translation>没有符合条件的出入库记录。</translation>
    </message>
    <message>
        <source>No part matches.</source>
        <translation>没有匹配的备件。</translation>
    </message>
    <message>
        <source>No request matches these filters.</source>
        <translation>没有符合条件的申请。</translation>
    </message>
    <message>
        <source>No return matches these filters.</source>
        <translation>没有符合条件的返还记录。</translation>
    </message>
    <message>
        <source>No shipment matches.</source>
        <translation>没有匹配的调拨单。</translation>
    </message>
    <message>
        <source>No stock line matches these filters.</source>
        <translation>没有符合条件的库存记录。</translation>
    </message>
    <message>
        <source>No wrong shipment matches.</source>
        <translation>没有匹配的错发记录。</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Not counted yet</source>
        <translation>尚未盘点</translation>
    </message>
    <message>
        <source>Not in any depot</source>
        <translation>各库房均无库存</translation>
    </message>
    <message>
        <source>Not in full / other depot</source>
        <translation>未足量或非指定库房</translation>
    </message>
    <message>
        <source>Not used</source>
        <translation>未使用</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Nowhere</source>
        <translation>无库存</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>现有量</translation>
    </message>
    <message>
        <source>On hand by location</source>
        <translation>各库位现有量</translation>
    </message>
    <message>
        <source>On the way</source>
        <translation>在途</translation>
    </message>
    <message>
        <source>One line per part: the part number and a quantity, or the part number and the serials scanned.</source>
        <translation>每行一种备件：备件号加数量，或备件号加扫描的序列号。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未处理</translation>
    </message>
    <message>
        <source>Open requests</source>
        <translation>未完成的申请</translation>
    </message>
    <message>
        <source>Open returns</source>
        <translation>未结返还</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>无库存</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Overdue defective returns by depot</source>
        <translation>各库房逾期未返还坏件</translation>
    </message>
    <message>
        <source>Overdue return becomes a loss after (days)</source>
        <translation>逾期多少天后转为损耗（天）</translation>
    </message>
    <message>
        <source>Overdue returns</source>
        <translation>逾期返还</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>备件</translation>
    </message>
    <message>
        <source>Part back</source>
        <translation>返回备件</translation>
    </message>
    <message>
        <source>Part number</source>
        <translation>备件号</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Partner consignment</source>
        <translation>服务商寄售库</translation>
    </message>
    <message>
        <source>Partner consignment stock</source>
        <translation>服务商寄售库存</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>备件</translation>
    </message>
    <message>
        <source>Parts catalogue</source>
        <translation>备件目录</translation>
    </message>
    <message>
        <source>Per</source>
        <translation>按</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>已过账</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>建议补货</translation>
    </message>
    <message>
        <source>Proposal value</source>
        <translation>建议补货金额</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>入库</translation>
    </message>
    <message>
        <source>Receive a defective part</source>
        <translation>接收坏件</translation>
    </message>
    <message>
        <source>Receive stock</source>
        <translation>入库</translation>
    </message>
    <message>
        <source>Receive the defective part</source>
        <translation>接收该坏件</translation>
    </message>
    <message>
        <source>Receive the shipment</source>
        <translation>调拨收货</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收货</translation>
    </message>
    <message>
        <source>Receive…</source>
        <translation>收货…</translation>
    </message>
    <message>
        <source>Reconcile the wrong shipment</source>
        <translation>处理错发</translation>
    </message>
    <message>
        <source>Reconciled</source>
        <translation>已处理</translation>
    </message>
    <message>
        <source>Reconcile…</source>
        <translation>处理…</translation>
    </message>
    <message>
        <source>Record stock moves, returns and counts</source>
        <translation>记录出入库、返还和盘点</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>关联单号</translation>
    </message>
    <message>
        <source>Refurbished</source>
        <translation>已翻新入库</translation>
    </message>
    <message>
        <source>Regional depot</source>
        <translation>区域库</translation>
    </message>
    <message>
        <source>Reject: keep expecting it</source>
        <translation>驳回：继续等待返还</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>释放预留</translation>
    </message>
    <message>
        <source>Release expired reservations</source>
        <translation>释放过期的预留</translation>
    </message>
    <message>
        <source>Release the stock held for this request?</source>
        <translation>释放为该申请预留的库存吗？</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>已释放</translation>
    </message>
    <message>
        <source>Repair or scrap</source>
        <translation>维修或报废</translation>
    </message>
    <message>
        <source>Repair or scrap…</source>
        <translation>维修或报废…</translation>
    </message>
    <message>
        <source>Repair vendor</source>
        <translation>维修商</translation>
    </message>
    <message>
        <source>Repair vendor or depot</source>
        <translation>维修商或库房</translation>
    </message>
    <message>
        <source>Replenishment</source>
        <translation>补货建议</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>Request and reserve parts</source>
        <translation>申请和预留备件</translation>
    </message>
    <message>
        <source>Request write-off</source>
        <translation>申请核销</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>申请数</translation>
    </message>
    <message>
        <source>Requests and reservations</source>
        <translation>备件申请与预留</translation>
    </message>
    <message>
        <source>Reservations</source>
        <translation>预留</translation>
    </message>
    <message>
        <source>Reserve stock</source>
        <translation>预留库存</translation>
    </message>
    <message>
        <source>Reserve what is available</source>
        <translation>预留现有可用库存</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <source>Reserved for</source>
        <translation>预留给</translation>
    </message>
    <message>
        <source>Reserve…</source>
        <translation>预留…</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>返还</translation>
    </message>
    <message>
        <source>Return required</source>
        <translation>需返还</translation>
    </message>
    <message>
        <source>Return required (FRU)</source>
        <translation>需返还（FRU）</translation>
    </message>
    <message>
        <source>Return unused…</source>
        <translation>退回未用…</translation>
    </message>
    <message>
        <source>Returned unused</source>
        <translation>未用退回</translation>
    </message>
    <message>
        <source>Right part received</source>
        <translation>已收到正确备件</translation>
    </message>
    <message>
        <source>Row {row}: “{text}” is not a number.</source>
        <translation>第 {row} 行：“{text}”不是数字。</translation>
    </message>
    <message>
        <source>Safety stock of {part} at {depot}</source>
        <translation>{depot} 的 {part} 安全库存</translation>
    </message>
    <message>
        <source>Safety stock…</source>
        <translation>安全库存…</translation>
    </message>
    <message>
        <source>Save and submit</source>
        <translation>保存并提交</translation>
    </message>
    <message>
        <source>Scan or type one serial per line; the quantity is then the number of serials.</source>
        <translation>每行扫描或输入一个序列号；数量即序列号的个数。</translation>
    </message>
    <message>
        <source>Scan the serial on the unit that came back.</source>
        <translation>扫描返回件上的序列号。</translation>
    </message>
    <message>
        <source>Scrap</source>
        <translation>报废</translation>
    </message>
    <message>
        <source>Scrap it</source>
        <translation>报废</translation>
    </message>
    <message>
        <source>Scrapped</source>
        <translation>已报废</translation>
    </message>
    <message>
        <source>Send back for recounting</source>
        <translation>退回重新盘点</translation>
    </message>
    <message>
        <source>Send to a repair vendor</source>
        <translation>送维修商维修</translation>
    </message>
    <message>
        <source>Sent to repair</source>
        <translation>送修</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Serial back</source>
        <translation>返回序列号</translation>
    </message>
    <message>
        <source>Serial numbers</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Serial of the defective unit</source>
        <translation>坏件序列号</translation>
    </message>
    <message>
        <source>Serialized</source>
        <translation>序列号管理</translation>
    </message>
    <message>
        <source>Serialized parts go oldest first. The shipment appears on the Shipments page.</source>
        <translation>序列号管理的备件按先进先出发货。调拨单会出现在“调拨”页面。</translation>
    </message>
    <message>
        <source>Ship the proposal to {depot}</source>
        <translation>向 {depot} 发送建议补货</translation>
    </message>
    <message>
        <source>Ship the proposal…</source>
        <translation>按建议补货…</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>调拨单</translation>
    </message>
    <message>
        <source>Shipment short</source>
        <translation>调拨到货短少</translation>
    </message>
    <message>
        <source>Shipments</source>
        <translation>调拨</translation>
    </message>
    <message>
        <source>Shipments sent</source>
        <translation>调拨票数</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>发货时间</translation>
    </message>
    <message>
        <source>Shipped quantity</source>
        <translation>发货数量</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>短少</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Spare parts</source>
        <translation>备件管理</translation>
    </message>
    <message>
        <source>Spare parts: fill and hit rate (%)</source>
        <translation>备件满足率与命中率（%）</translation>
    </message>
    <message>
        <source>Spare-part KPIs</source>
        <translation>备件指标</translation>
    </message>
    <message>
        <source>Spare-parts desk group</source>
        <translation>备件中心所在组</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>电子表格 (*.xlsx *.csv)</translation>
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
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Stock count differences and adjustments worth more than this wait for an approver.</source>
        <translation>金额超过此值的盘点差异和库存调整须经审批。</translation>
    </message>
    <message>
        <source>Stock counts</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Stock moves</source>
        <translation>出入库记录</translation>
    </message>
    <message>
        <source>Stock value by depot</source>
        <translation>各库房库存金额</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标库存</translation>
    </message>
    <message>
        <source>The differences are worth more than the approval limit: the sheet waits for an approver.</source>
        <translation>差异金额超过审批限额：盘点单等待审批。</translation>
    </message>
    <message>
        <source>The incident, work order or service order it was issued for.</source>
        <translation>该备件出库时关联的事件、工作单或派工单。</translation>
    </message>
    <message>
        <source>The partner that holds consignment stock; empty for our own.</source>
        <translation>持有寄售库存的服务商；自有库房留空。</translation>
    </message>
    <message>
        <source>The selected line must be an issue. A part returned unused counts as a miss for hit rate.</source>
        <translation>所选记录须为出库记录。未使用退回的备件计为未命中。</translation>
    </message>
    <message>
        <source>This count sheet no longer exists.</source>
        <translation>该盘点单已不存在。</translation>
    </message>
    <message>
        <source>This part no longer exists.</source>
        <translation>该备件已不存在。</translation>
    </message>
    <message>
        <source>This request no longer exists.</source>
        <translation>该申请已不存在。</translation>
    </message>
    <message>
        <source>This return no longer exists.</source>
        <translation>该返还记录已不存在。</translation>
    </message>
    <message>
        <source>This shipment no longer exists.</source>
        <translation>该调拨单已不存在。</translation>
    </message>
    <message>
        <source>This stock line no longer exists.</source>
        <translation>该库存记录已不存在。</translation>
    </message>
    <message>
        <source>This wrong shipment no longer exists.</source>
        <translation>该错发记录已不存在。</translation>
    </message>
    <message>
        <source>Tick only when the part or serial differs from the expected one and you checked it: it is received and logged for reconciliation.</source>
        <translation>仅在备件号或序列号与应返的不一致且已核实时勾选：照常收货，并登记待处理。</translation>
    </message>
    <message>
        <source>Tick to log serials that are not on the shipment instead of refusing them.</source>
        <translation>勾选后，调拨单上没有的序列号将登记为错发，而不是拒收。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>To send to repair</source>
        <translation>待送修</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>调拨</translation>
    </message>
    <message>
        <source>Transport cost</source>
        <translation>运费</translation>
    </message>
    <message>
        <source>Transport cost per shipment</source>
        <translation>单票运费</translation>
    </message>
    <message>
        <source>Turnover (a year)</source>
        <translation>年周转率</translation>
    </message>
    <message>
        <source>Type what is on the shelf; leave a cell empty while it is not counted. A serial is 1 when it is there and 0 when it is missing.</source>
        <translation>按货架实物填写；未盘点的留空。序列号件在则填 1，缺失填 0。</translation>
    </message>
    <message>
        <source>Unexpected serial in a shipment</source>
        <translation>调拨到货序列号不符</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Units here</source>
        <translation>本库位实物</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>View partners' consignment stock</source>
        <translation>查看服务商寄售库存</translation>
    </message>
    <message>
        <source>View parts and stock</source>
        <translation>查看备件和库存</translation>
    </message>
    <message>
        <source>Waiting for inspection</source>
        <translation>待检验</translation>
    </message>
    <message>
        <source>Waiting for stock</source>
        <translation>等待到货</translation>
    </message>
    <message>
        <source>What arrived</source>
        <translation>实到情况</translation>
    </message>
    <message>
        <source>What the carrier or the sender found</source>
        <translation>承运商或发货方的核查结果</translation>
    </message>
    <message>
        <source>What was found and agreed</source>
        <translation>核查情况与处理意见</translation>
    </message>
    <message>
        <source>Whatever did not arrive stays in transit and is logged as a shortfall.</source>
        <translation>未到的部分仍记在途，并登记为短少。</translation>
    </message>
    <message>
        <source>When known: the return is then checked against it.</source>
        <translation>已知时填写：返还时据此核对。</translation>
    </message>
    <message>
        <source>Why the part will not come back.</source>
        <translation>坏件无法返还的原因。</translation>
    </message>
    <message>
        <source>Write off shortfall…</source>
        <translation>核销短少…</translation>
    </message>
    <message>
        <source>Write off the shortfall</source>
        <translation>核销短少</translation>
    </message>
    <message>
        <source>Write-off requested</source>
        <translation>核销待审批</translation>
    </message>
    <message>
        <source>Write-offs to approve</source>
        <translation>待审批核销</translation>
    </message>
    <message>
        <source>Write-off…</source>
        <translation>核销…</translation>
    </message>
    <message>
        <source>Written off</source>
        <translation>已核销</translation>
    </message>
    <message>
        <source>Written off by</source>
        <translation>核销人</translation>
    </message>
    <message>
        <source>Wrong part</source>
        <translation>错件</translation>
    </message>
    <message>
        <source>Wrong part returned</source>
        <translation>返回件号不符</translation>
    </message>
    <message>
        <source>Wrong serial returned</source>
        <translation>返回序列号不符</translation>
    </message>
    <message>
        <source>Wrong shipment</source>
        <translation>错发</translation>
    </message>
    <message>
        <source>Wrong shipments</source>
        <translation>错发管理</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>You may not see this location.</source>
        <translation>您无权查看该库位。</translation>
    </message>
    <message>
        <source>refurbished</source>
        <translation>翻新件</translation>
    </message>
    <message>
        <source>{added} parts added, {updated} updated.</source>
        <translation>新增 {added} 种备件，更新 {updated} 种。</translation>
    </message>
    <message>
        <source>{count} count sheets</source>
        <translation>{count} 张盘点单</translation>
    </message>
    <message>
        <source>{count} locations</source>
        <translation>{count} 个库位</translation>
    </message>
    <message>
        <source>{count} moves</source>
        <translation>{count} 条出入库记录</translation>
    </message>
    <message>
        <source>{count} moves recorded.</source>
        <translation>已记录 {count} 条出入库。</translation>
    </message>
    <message>
        <source>{count} parts</source>
        <translation>{count} 种备件</translation>
    </message>
    <message>
        <source>{count} receipts booked.</source>
        <translation>已入库 {count} 笔。</translation>
    </message>
    <message>
        <source>{count} requests</source>
        <translation>{count} 条申请</translation>
    </message>
    <message>
        <source>{count} returns</source>
        <translation>{count} 条返还记录</translation>
    </message>
    <message>
        <source>{count} rows written to {path}</source>
        <translation>已导出 {count} 行到 {path}</translation>
    </message>
    <message>
        <source>{count} shipments</source>
        <translation>{count} 张调拨单</translation>
    </message>
    <message>
        <source>{count} stock levels</source>
        <translation>{count} 条库存水平</translation>
    </message>
    <message>
        <source>{count} stock lines</source>
        <translation>{count} 条库存记录</translation>
    </message>
    <message>
        <source>{count} wrong shipments</source>
        <translation>{count} 条错发记录</translation>
    </message>
    <message>
        <source>{name}: book {book}, counted {counted}</source>
        <translation>{name}：账面 {book}，实盘 {counted}</translation>
    </message>
    <message>
        <source>{name}: {arrived} of {shipped} arrived</source>
        <translation>{name}：发 {shipped}，到 {arrived}</translation>
    </message>
    <message>
        <source>{quantity} for {ref}, until {until}</source>
        <translation>{quantity} 件，用于 {ref}，预留至 {until}</translation>
    </message>
    <message>
        <source>{quantity} · here {days} days</source>
        <translation>{quantity} · 已在库 {days} 天</translation>
    </message>
</context>
</TS>
