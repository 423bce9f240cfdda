<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>partners</name>
    <message>
        <source>A claim for an order that was fixed (longer ago than the grace period) but never confirmed by the customer.</source>
        <translation>派工单已修复（超过宽限期）但客户从未确认，却已提交结算单。</translation>
    </message>
    <message>
        <source>A claim for another service order on the same asset serial within N days of the claim before it.</source>
        <translation>同一设备序列号在上一张结算单后 N 天内又有另一张派工单的结算单。</translation>
    </message>
    <message>
        <source>A claim's amount is far above the claims for orders of the same category and repair level: above the median plus k robust standard deviations (1.4826 × MAD) and above min_ratio × the median, among at least min_peers claims.</source>
        <translation>结算金额远高于同类别、同维修级别派工单的结算单：高于中位数加 k 个稳健标准差（1.4826 × 中位绝对偏差），且高于中位数的 min_ratio 倍；同类至少 min_peers 张。</translation>
    </message>
    <message>
        <source>A claimed part whose defective unit was taken out but never came back to spares within N days of the service date.</source>
        <translation>结算的备件已拆下坏件，但在服务日期后 N 天内坏件未返还备件库。</translation>
    </message>
    <message>
        <source>A decided claim goes back to review when it is changed; a settled one cannot change.</source>
        <translation>已审核的申请修改后将重新进入审核；已清算的申请不能修改。</translation>
    </message>
    <message>
        <source>A new service order for an asset within N days of its previous order that was fixed.</source>
        <translation>设备在上一次已修复的派工单后 N 天内又有新的派工单。</translation>
    </message>
    <message>
        <source>A part on a claim that spares never issued for the order, its incident or its work order (with the same serial when the claim gives the installed serial).</source>
        <translation>结算单上的备件从未由备件系统为该派工单、其事件或其工单出库（结算单填写了装上序列号时，序列号也须一致）。</translation>
    </message>
    <message>
        <source>A partner must accept a dispatched service order within this many minutes.</source>
        <translation>服务商须在派工后这么多分钟内接单。</translation>
    </message>
    <message>
        <source>A service order must be fixed within this many hours of dispatch.</source>
        <translation>派工单须在派工后这么多小时内修复。</translation>
    </message>
    <message>
        <source>A step timed before the step that comes before it in the process, or later than the moment it was recorded (a time in the future), beyond a tolerance in minutes.</source>
        <translation>某步骤的时间早于流程中其前一步骤，或晚于其被记录的时刻（即未来时间），超出允许的分钟数。</translation>
    </message>
    <message>
        <source>A visit's on-site time (check-in to fix) is far above the visits for orders of the same category: above the median plus k robust standard deviations and above min_ratio × the median, among at least min_peers visits.</source>
        <translation>上门在场时间（签到至修复）远高于同类别派工单：高于中位数加 k 个稳健标准差，且高于中位数的 min_ratio 倍；同类至少 min_peers 次。</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接单</translation>
    </message>
    <message>
        <source>Accept by</source>
        <translation>接单截止</translation>
    </message>
    <message>
        <source>Accept the finding</source>
        <translation>确认该发现</translation>
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
        <source>Accepted (finding stands)</source>
        <translation>已确认（问题成立）</translation>
    </message>
    <message>
        <source>Accepted findings</source>
        <translation>已确认的发现</translation>
    </message>
    <message>
        <source>Accept…</source>
        <translation>确认…</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Add engineer</source>
        <translation>添加工程师</translation>
    </message>
    <message>
        <source>Add engineer…</source>
        <translation>添加工程师…</translation>
    </message>
    <message>
        <source>Add one with Add service centre…: orders are measured from the partner's centre nearest the site.</source>
        <translation>请用“添加服务中心…”添加：派工单的距离从离现场最近的该服务商服务中心算起。</translation>
    </message>
    <message>
        <source>Add service centre</source>
        <translation>添加服务中心</translation>
    </message>
    <message>
        <source>Add service centre…</source>
        <translation>添加服务中心…</translation>
    </message>
    <message>
        <source>Adjust claim {number}</source>
        <translation>调整申请 {number}</translation>
    </message>
    <message>
        <source>Adjusted</source>
        <translation>已调整</translation>
    </message>
    <message>
        <source>Adjust…</source>
        <translation>调整…</translation>
    </message>
    <message>
        <source>All findings</source>
        <translation>全部发现</translation>
    </message>
    <message>
        <source>All orders</source>
        <translation>全部派工单</translation>
    </message>
    <message>
        <source>Amount far above peers</source>
        <translation>金额远高于同类</translation>
    </message>
    <message>
        <source>Amounts: claimed · computed from the rate card</source>
        <translation>金额：申请 · 按费率卡计算</translation>
    </message>
    <message>
        <source>Another claim (not rejected) for a service order that already has one.</source>
        <translation>已有结算单的派工单又出现另一张（未被拒绝的）结算单。</translation>
    </message>
    <message>
        <source>Any severity</source>
        <translation>任意严重程度</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Approve claim {number} at its claimed amount?</source>
        <translation>按申请金额批准申请 {number}？</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Approved amount</source>
        <translation>批准金额</translation>
    </message>
    <message>
        <source>Approved and adjusted claims decided up to the end of the period are settled; claims with open findings are held for a later period. Posted statements are not touched.</source>
        <translation>在期末之前审核通过或调整的申请将被清算；有未处理审计发现的申请暂扣至以后的期间。已过账的清算单不受影响。</translation>
    </message>
    <message>
        <source>Arrive</source>
        <translation>到场</translation>
    </message>
    <message>
        <source>Arrive by</source>
        <translation>到场截止</translation>
    </message>
    <message>
        <source>Arrive by (distance table)</source>
        <translation>到场时限（距离表）</translation>
    </message>
    <message>
        <source>Arrive: no target — the distance table has no row for this distance.</source>
        <translation>到场：无目标——距离表中没有适用于该距离的行。</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>已到场</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Asset not under warranty or contract</source>
        <translation>设备不在保修或合同期内</translation>
    </message>
    <message>
        <source>Asset serial</source>
        <translation>设备序列号</translation>
    </message>
    <message>
        <source>At</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Audit findings</source>
        <translation>审核发现</translation>
    </message>
    <message>
        <source>Authorised</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>Between one engineer's consecutive visits, the distance from the last site (left when it was fixed) to the next check-in implies a speed above the limit in km/h; jumps shorter than a minimum in km are ignored.</source>
        <translation>同一工程师相邻两次上门之间，从上一现场（修复时离开）到下一次签到的距离推算出的速度超过上限（公里/小时）；短于最小公里数的位移忽略不计。</translation>
    </message>
    <message>
        <source>Breach</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>Breached a step clock</source>
        <translation>有步骤超时</translation>
    </message>
    <message>
        <source>Breached at {at} and still running, {over} over the target.</source>
        <translation>已于 {at} 超时且仍在计时，超出目标 {over}。</translation>
    </message>
    <message>
        <source>Breached at {at}; stopped {stopped}, {over} over the target.</source>
        <translation>已于 {at} 超时；{stopped} 停止，超出目标 {over}。</translation>
    </message>
    <message>
        <source>Came back at</source>
        <translation>返还时间</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Centre code</source>
        <translation>服务中心代码</translation>
    </message>
    <message>
        <source>Centre-to-site distance</source>
        <translation>网点到现场距离</translation>
    </message>
    <message>
        <source>Centres</source>
        <translation>网点</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>签到位置</translation>
    </message>
    <message>
        <source>Checked by the rules</source>
        <translation>已经规则检查</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>签到时间</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>结算单</translation>
    </message>
    <message>
        <source>Claim rejection rate %</source>
        <translation>申请驳回率 %</translation>
    </message>
    <message>
        <source>Claim {claim} claims part {part_number} (serial {installed_serial}) for order {order}, but spares issued no such part for it.</source>
        <translation>结算单 {claim} 为派工单 {order} 结算了备件 {part_number}（序列号 {installed_serial}），但备件系统没有为其出库该备件。</translation>
    </message>
    <message>
        <source>Claim {claim} claims {claimed_km} km of travel; the centre is {distance_km} km from the site ({ratio}×).</source>
        <translation>结算单 {claim} 申报交通里程 {claimed_km} 公里；网点距现场 {distance_km} 公里（{ratio} 倍）。</translation>
    </message>
    <message>
        <source>Claim {claim} claims {value}; claims for “{category}” have a median of {median} (MAD {mad}, {peers} claims), so anything above {threshold} stands out.</source>
        <translation>结算单 {claim} 申报 {value}；“{category}”的结算单中位数为 {median}（中位绝对偏差 {mad}，共 {peers} 张），高于 {threshold} 即属异常。</translation>
    </message>
    <message>
        <source>Claim {claim} for serial {serial} on {service_date} comes {days_apart} days after claim {previous_claim} for the same serial ({previous_date}).</source>
        <translation>序列号 {serial} 于 {service_date} 的结算单 {claim} 距同一序列号的结算单 {previous_claim}（{previous_date}）仅 {days_apart} 天。</translation>
    </message>
    <message>
        <source>Claim {claim} is claim number {claims} for order {order}; {first_claim} already claims it.</source>
        <translation>结算单 {claim} 是派工单 {order} 的第 {claims} 张结算单；{first_claim} 已经结算过该派工单。</translation>
    </message>
    <message>
        <source>Claim {claim}: order {order} was fixed at {fixed_at} and the customer never confirmed it.</source>
        <translation>结算单 {claim}：派工单 {order} 于 {fixed_at} 修复，但客户始终未确认。</translation>
    </message>
    <message>
        <source>Claim {claim}: serial {removed_serial} of {part_number} was taken out, but serial {returned_serial} came back on {returned_at}.</source>
        <translation>结算单 {claim}：拆下的 {part_number} 序列号为 {removed_serial}，但 {returned_at} 返还的序列号为 {returned_serial}。</translation>
    </message>
    <message>
        <source>Claim {claim}: serial {serial} repaired on {service_date}, {days_before_end} days before its warranty ends ({warranty_end}); {partner_share} % of {partner}'s claims fall in that window against {network_share} % for the rest of the network.</source>
        <translation>结算单 {claim}：序列号 {serial} 于 {service_date} 维修，距保修到期（{warranty_end}）仅 {days_before_end} 天；{partner} 有 {partner_share}% 的结算单落在该时段，其余网点为 {network_share}%。</translation>
    </message>
    <message>
        <source>Claim {claim}: serial {serial} was not covered on {service_date} (warranty until {warranty_end}, contract {contract} until {contract_ends}).</source>
        <translation>结算单 {claim}：序列号 {serial} 在 {service_date} 不在保障范围内（保修至 {warranty_end}，合同 {contract} 至 {contract_ends}）。</translation>
    </message>
    <message>
        <source>Claim {claim}: the defective {part_number} (serial {removed_serial}) taken out on {service_date} has not come back after {days_waited} days.</source>
        <translation>结算单 {claim}：{service_date} 拆下的坏件 {part_number}（序列号 {removed_serial}）已过 {days_waited} 天仍未返还。</translation>
    </message>
    <message>
        <source>Claimed</source>
        <translation>申请金额</translation>
    </message>
    <message>
        <source>Claimed distance</source>
        <translation>申请里程</translation>
    </message>
    <message>
        <source>Claimed distance (km)</source>
        <translation>申请里程（公里）</translation>
    </message>
    <message>
        <source>Claimed distance above the centre-to-site distance</source>
        <translation>申报里程高于网点到现场距离</translation>
    </message>
    <message>
        <source>Claimed km</source>
        <translation>申报里程（公里）</translation>
    </message>
    <message>
        <source>Claimed part without a spares issue</source>
        <translation>结算配件无备件出库记录</translation>
    </message>
    <message>
        <source>Claims for the order</source>
        <translation>该派工单的结算单数</translation>
    </message>
    <message>
        <source>Claims in the last N days of the asset's warranty from a partner with at least a minimum number of them, whose share of such claims is above ratio × the rest of the network's share.</source>
        <translation>设备保修到期前 N 天内的结算单：该服务商此类结算单不少于最低数量，且占比超过其余网点占比的 ratio 倍。</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关单</translation>
    </message>
    <message>
        <source>Closed incomplete</source>
        <translation>未完成关单</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Computed</source>
        <translation>计算金额</translation>
    </message>
    <message>
        <source>Configure audit rules and scorecard weights</source>
        <translation>配置审核规则和考核权重</translation>
    </message>
    <message>
        <source>Configure rules…</source>
        <translation>配置规则…</translation>
    </message>
    <message>
        <source>Configure the audit rules</source>
        <translation>配置审核规则</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>服务合同</translation>
    </message>
    <message>
        <source>Contract ends</source>
        <translation>合同到期</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Customer absent</source>
        <translation>客户不在</translation>
    </message>
    <message>
        <source>Customer confirmed</source>
        <translation>客户已确认</translation>
    </message>
    <message>
        <source>Customer satisfaction (1–5)</source>
        <translation>客户满意度（1–5）</translation>
    </message>
    <message>
        <source>Customer unreachable</source>
        <translation>联系不上客户</translation>
    </message>
    <message>
        <source>Days apart</source>
        <translation>相隔天数</translation>
    </message>
    <message>
        <source>Days before warranty end</source>
        <translation>距保修到期天数</translation>
    </message>
    <message>
        <source>Days waited</source>
        <translation>已等待天数</translation>
    </message>
    <message>
        <source>Decided at</source>
        <translation>处理时间</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Defective part never came back</source>
        <translation>坏件未返还</translation>
    </message>
    <message>
        <source>Degrees east, e.g. 116.407400 for Beijing.</source>
        <translation>东经度数，例如北京为 116.407400。</translation>
    </message>
    <message>
        <source>Degrees north, e.g. 39.904200 for Beijing.</source>
        <translation>北纬度数，例如北京为 39.904200。</translation>
    </message>
    <message>
        <source>Departed</source>
        <translation>已出发</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>已派工</translation>
    </message>
    <message>
        <source>Dispatched at</source>
        <translation>派工时间</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>Distance (km)</source>
        <translation>距离（公里）</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Duplicate claim for one order</source>
        <translation>同一派工单重复结算</translation>
    </message>
    <message>
        <source>Duplicate claim for one serial</source>
        <translation>同一序列号重复结算</translation>
    </message>
    <message>
        <source>Edit claim {number}</source>
        <translation>修改申请 {number}</translation>
    </message>
    <message>
        <source>Edit partner</source>
        <translation>编辑服务商</translation>
    </message>
    <message>
        <source>Edit partner…</source>
        <translation>编辑服务商…</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Engineer</source>
        <translation>工程师</translation>
    </message>
    <message>
        <source>Engineer code</source>
        <translation>工程师代码</translation>
    </message>
    <message>
        <source>Engineer on site in two places at once</source>
        <translation>同一工程师同时在两地</translation>
    </message>
    <message>
        <source>Engineer {engineer} left order {previous_order} at {left_at} and checked in for order {order} at {arrived_at}: {distance_km} km in {hours} h is {speed_kmh} km/h.</source>
        <translation>工程师 {engineer} 于 {left_at} 离开派工单 {previous_order} 的现场，于 {arrived_at} 在派工单 {order} 签到：{hours} 小时行驶 {distance_km} 公里，速度 {speed_kmh} 公里/小时。</translation>
    </message>
    <message>
        <source>Engineer {engineer} was on site for order {order} from {start} while still on site for order {other_order} until {other_end} ({overlap_minutes} minutes at once).</source>
        <translation>工程师 {engineer} 自 {start} 起在派工单 {order} 的现场，同时仍在派工单 {other_order} 的现场直至 {other_end}（重叠 {overlap_minutes} 分钟）。</translation>
    </message>
    <message>
        <source>Engineers</source>
        <translation>工程师</translation>
    </message>
    <message>
        <source>Entered by hand</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <source>Every partner</source>
        <translation>所有服务商</translation>
    </message>
    <message>
        <source>Every rule</source>
        <translation>全部规则</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Export XLSX…</source>
        <translation>导出 XLSX…</translation>
    </message>
    <message>
        <source>Export the scorecard</source>
        <translation>导出考核表</translation>
    </message>
    <message>
        <source>Export the statement</source>
        <translation>导出清算单</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>Findings per 100 orders</source>
        <translation>每百单审计发现数</translation>
    </message>
    <message>
        <source>First claim</source>
        <translation>首张结算单</translation>
    </message>
    <message>
        <source>First-time fix %</source>
        <translation>一次修复率 %</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>Fix by</source>
        <translation>修复截止</translation>
    </message>
    <message>
        <source>Fix within (hours)</source>
        <translation>修复时限（小时）</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>已修复</translation>
    </message>
    <message>
        <source>Fixed at</source>
        <translation>修复时间</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>Free radius (km)</source>
        <translation>免费半径（公里）</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>金牌</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>暂扣</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Hours between</source>
        <translation>间隔（小时）</translation>
    </message>
    <message>
        <source>Implied speed (km/h)</source>
        <translation>推算速度（公里/小时）</translation>
    </message>
    <message>
        <source>Import claims</source>
        <translation>导入结算申请</translation>
    </message>
    <message>
        <source>Import claims…</source>
        <translation>导入结算申请…</translation>
    </message>
    <message>
        <source>Import orders…</source>
        <translation>导入派工单…</translation>
    </message>
    <message>
        <source>Import service orders</source>
        <translation>导入派工单</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Impossible travel between sites</source>
        <translation>现场间不可能的行程</translation>
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
        <source>Incident dispatch</source>
        <translation>事件派工</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Installed serial</source>
        <translation>装上序列号</translation>
    </message>
    <message>
        <source>L1 {l1} · L2 {l2} · L3 {l3}; {radius} free, then {per_km}/km; parts {parts}/line</source>
        <translation>L1 {l1} · L2 {l2} · L3 {l3}；{radius} 内免费，超出 {per_km}/公里；备件 {parts}/行</translation>
    </message>
    <message>
        <source>Labour</source>
        <translation>人工费</translation>
    </message>
    <message>
        <source>Labour L1 (per visit)</source>
        <translation>L1 人工费（每次上门）</translation>
    </message>
    <message>
        <source>Labour L2 (per visit)</source>
        <translation>L2 人工费（每次上门）</translation>
    </message>
    <message>
        <source>Labour L3 (per visit)</source>
        <translation>L3 人工费（每次上门）</translation>
    </message>
    <message>
        <source>Labour, travel beyond the free radius and parts handling come from the partner's rate card on the service date.</source>
        <translation>人工费、免费半径以外的交通费和备件处理费按服务日期有效的服务商费率卡计算。</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Leave empty to claim the centre-to-site distance.</source>
        <translation>留空则按网点到现场的距离申请。</translation>
    </message>
    <message>
        <source>Left the previous site</source>
        <translation>离开上一现场</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>MAD</source>
        <translation>中位绝对偏差</translation>
    </message>
    <message>
        <source>Maintain partners, engineers and rate cards; dispatch and import service orders</source>
        <translation>维护服务商、工程师和费率卡；派工和导入派工单</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>Met: stopped {at} with {spare} to spare.</source>
        <translation>达标：{at} 停止，尚余 {spare}。</translation>
    </message>
    <message>
        <source>Missing customer confirmation</source>
        <translation>缺少客户确认</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Nearest centre</source>
        <translation>最近网点</translation>
    </message>
    <message>
        <source>Needs escalation</source>
        <translation>需要升级处理</translation>
    </message>
    <message>
        <source>New partner</source>
        <translation>新建服务商</translation>
    </message>
    <message>
        <source>New partner…</source>
        <translation>新建服务商…</translation>
    </message>
    <message>
        <source>New rate card</source>
        <translation>新建费率卡</translation>
    </message>
    <message>
        <source>New rate card…</source>
        <translation>新建费率卡…</translation>
    </message>
    <message>
        <source>New service order</source>
        <translation>新建派工单</translation>
    </message>
    <message>
        <source>New service order…</source>
        <translation>新建派工单…</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>No audit finding.</source>
        <translation>没有审核发现。</translation>
    </message>
    <message>
        <source>No capacity</source>
        <translation>人手不足</translation>
    </message>
    <message>
        <source>No claim matches.</source>
        <translation>没有符合条件的申请。</translation>
    </message>
    <message>
        <source>No finding matches these filters.</source>
        <translation>没有符合筛选条件的发现。</translation>
    </message>
    <message>
        <source>No open audit findings.</source>
        <translation>没有未处理的审核发现。</translation>
    </message>
    <message>
        <source>No partner is registered yet.</source>
        <translation>尚未登记任何服务商。</translation>
    </message>
    <message>
        <source>No qualified engineer</source>
        <translation>无合格工程师</translation>
    </message>
    <message>
        <source>No service order matches.</source>
        <translation>没有符合条件的派工单。</translation>
    </message>
    <message>
        <source>No service orders in the last 90 days yet.</source>
        <translation>近 90 天内尚无派工单。</translation>
    </message>
    <message>
        <source>No service orders were dispatched in this period.</source>
        <translation>本期间没有派发的派工单。</translation>
    </message>
    <message>
        <source>No statement yet: prepare a period.</source>
        <translation>还没有清算单：请准备一个期间。</translation>
    </message>
    <message>
        <source>None yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Not applicable: the order was {step} at {at}.</source>
        <translation>不适用：该单于 {at} {step}。</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Note for the partner</source>
        <translation>给服务商的说明</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>On site from</source>
        <translation>到场时间</translation>
    </message>
    <message>
        <source>On site until</source>
        <translation>离场时间</translation>
    </message>
    <message>
        <source>On-site duration far above peers</source>
        <translation>在场时长远高于同类</translation>
    </message>
    <message>
        <source>On-time arrival</source>
        <translation>准时到场</translation>
    </message>
    <message>
        <source>On-time arrival %</source>
        <translation>准时到达率 %</translation>
    </message>
    <message>
        <source>On-time fix</source>
        <translation>准时修复</translation>
    </message>
    <message>
        <source>On-time fix %</source>
        <translation>准时修复率 %</translation>
    </message>
    <message>
        <source>One engineer's visit to a site starts before the same engineer's visit to another site has ended.</source>
        <translation>同一工程师在另一现场的上门尚未结束时，又开始了新的现场上门。</translation>
    </message>
    <message>
        <source>One part per line: part number:quantity:installed serial:removed serial, e.g. HDD-600:1:SN123:SN456.</source>
        <translation>每行一个备件：备件号:数量:装上序列号:拆下序列号，例如 HDD-600:1:SN123:SN456。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Open and breached</source>
        <translation>未关闭且已超时</translation>
    </message>
    <message>
        <source>Open audit findings by rule</source>
        <translation>各审核规则未处理的审核发现</translation>
    </message>
    <message>
        <source>Open findings</source>
        <translation>未处理的发现</translation>
    </message>
    <message>
        <source>Open orders</source>
        <translation>未关闭的派工单</translation>
    </message>
    <message>
        <source>Open-ended</source>
        <translation>无截止日</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>派工单号</translation>
    </message>
    <message>
        <source>Order status</source>
        <translation>派工单状态</translation>
    </message>
    <message>
        <source>Order {order} for serial {serial} comes {days_apart} days after order {previous_order} ({previous_partner}) fixed it.</source>
        <translation>序列号 {serial} 的派工单 {order} 距上一次由派工单 {previous_order}（{previous_partner}）修复仅 {days_apart} 天。</translation>
    </message>
    <message>
        <source>Order {order} was on site {value} minutes; visits for category “{category}” take a median of {median} minutes (MAD {mad}, {peers} visits), so anything above {threshold} stands out.</source>
        <translation>派工单 {order} 在场 {value} 分钟；“{category}”类别上门的中位数为 {median} 分钟（中位绝对偏差 {mad}，共 {peers} 次），高于 {threshold} 即属异常。</translation>
    </message>
    <message>
        <source>Order {order}: step {step} at {at} is {problem} ({previous_step} at {previous_at}; recorded at {recorded_at}).</source>
        <translation>派工单 {order}：步骤“{step}”时间 {at} {problem}（{previous_step} 于 {previous_at}；记录于 {recorded_at}）。</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>派工单</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Other fees</source>
        <translation>其他费用</translation>
    </message>
    <message>
        <source>Other fees for</source>
        <translation>其他费用说明</translation>
    </message>
    <message>
        <source>Other order</source>
        <translation>另一张派工单</translation>
    </message>
    <message>
        <source>Other visit from</source>
        <translation>另一现场到场时间</translation>
    </message>
    <message>
        <source>Other visit until</source>
        <translation>另一现场离场时间</translation>
    </message>
    <message>
        <source>Outside the service area</source>
        <translation>超出服务区域</translation>
    </message>
    <message>
        <source>Overlap (minutes)</source>
        <translation>重叠（分钟）</translation>
    </message>
    <message>
        <source>Overrule the finding</source>
        <translation>驳回该发现</translation>
    </message>
    <message>
        <source>Overruled</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Overruled findings</source>
        <translation>已驳回的发现</translation>
    </message>
    <message>
        <source>Resolved findings</source>
        <translation>已消除的发现</translation>
    </message>
    <message>
        <source>Resolved (no longer found)</source>
        <translation>已消除（不再发现）</translation>
    </message>
    <message>
        <source>Overrule…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Part missing</source>
        <translation>缺少备件</translation>
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
        <source>Partner claims</source>
        <translation>服务商结算申请</translation>
    </message>
    <message>
        <source>Partner network</source>
        <translation>服务商网络</translation>
    </message>
    <message>
        <source>Partner scorecards</source>
        <translation>网点考核</translation>
    </message>
    <message>
        <source>Partner's number</source>
        <translation>服务商单号</translation>
    </message>
    <message>
        <source>Partner's reference</source>
        <translation>服务商单据号</translation>
    </message>
    <message>
        <source>Partner's share (%)</source>
        <translation>该服务商占比（%）</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Partners: on-time arrival and fix (%, 90 days)</source>
        <translation>服务商准时到场率与准时修复率（%，近 90 天）</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>备件</translation>
    </message>
    <message>
        <source>Parts handling</source>
        <translation>备件处理费</translation>
    </message>
    <message>
        <source>Parts handling (per part line)</source>
        <translation>备件处理费（每行备件）</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Payable</source>
        <translation>应付</translation>
    </message>
    <message>
        <source>Peers</source>
        <translation>同类数量</translation>
    </message>
    <message>
        <source>Peers' median</source>
        <translation>同类中位数</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>过账</translation>
    </message>
    <message>
        <source>Post statement {number}? Its payable claims are settled and can never change again; held claims wait for a later period.</source>
        <translation>过账清算单 {number}？其中应付的申请将被清算且不能再修改；暂扣的申请留待以后的期间。</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>已过账</translation>
    </message>
    <message>
        <source>Post…</source>
        <translation>过账…</translation>
    </message>
    <message>
        <source>Prepare a settlement period</source>
        <translation>准备清算期间</translation>
    </message>
    <message>
        <source>Prepare period</source>
        <translation>准备期间</translation>
    </message>
    <message>
        <source>Prepare period…</source>
        <translation>准备期间…</translation>
    </message>
    <message>
        <source>Prepare, export and post settlements</source>
        <translation>准备、导出和过账清算单</translation>
    </message>
    <message>
        <source>Prepared</source>
        <translation>准备时间</translation>
    </message>
    <message>
        <source>Previous claim</source>
        <translation>上一张结算单</translation>
    </message>
    <message>
        <source>Previous order</source>
        <translation>上一张派工单</translation>
    </message>
    <message>
        <source>Previous partner</source>
        <translation>上一服务商</translation>
    </message>
    <message>
        <source>Previous service date</source>
        <translation>上次服务日期</translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation>上一步骤</translation>
    </message>
    <message>
        <source>Previous step at</source>
        <translation>上一步骤时间</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Rate card since</source>
        <translation>费率卡生效日</translation>
    </message>
    <message>
        <source>Rate cards</source>
        <translation>费率卡</translation>
    </message>
    <message>
        <source>Rate cards may not overlap; an open-ended card is ended the day before its successor starts.</source>
        <translation>费率卡的有效期不得重叠；未设截止日的费率卡将在下一张生效前一天自动截止。</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>倍数</translation>
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
        <source>Reason for the change</source>
        <translation>修改原因</translation>
    </message>
    <message>
        <source>Record step…</source>
        <translation>记录步骤…</translation>
    </message>
    <message>
        <source>Record the next step of {number}</source>
        <translation>记录 {number} 的下一步骤</translation>
    </message>
    <message>
        <source>Record the steps of service orders</source>
        <translation>记录派工单的各个步骤</translation>
    </message>
    <message>
        <source>Recorded at</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Reject claim {number}</source>
        <translation>驳回申请 {number}</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒单</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>Removed serial</source>
        <translation>拆下序列号</translation>
    </message>
    <message>
        <source>Repair level</source>
        <translation>维修级别</translation>
    </message>
    <message>
        <source>Repairs clustered just before warranty end</source>
        <translation>保修到期前集中维修</translation>
    </message>
    <message>
        <source>Repeat repair of the same asset</source>
        <translation>同一设备重复维修</translation>
    </message>
    <message>
        <source>Repeat visits within 30 days %</source>
        <translation>30 天内重复上门率 %</translation>
    </message>
    <message>
        <source>Rest of the network (%)</source>
        <translation>其余网点占比（%）</translation>
    </message>
    <message>
        <source>Returned serial differs from the one taken out</source>
        <translation>返还序列号与拆下的不符</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Run rules now</source>
        <translation>立即运行规则</translation>
    </message>
    <message>
        <source>Run the audit rules, decide findings and review claims</source>
        <translation>运行审核规则、处理审核发现并审核结算单</translation>
    </message>
    <message>
        <source>Run the partner audit rules</source>
        <translation>运行服务商审核规则</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>计时中</translation>
    </message>
    <message>
        <source>Running the audit rules…</source>
        <translation>正在运行审核规则…</translation>
    </message>
    <message>
        <source>Running: due {at}, {left} left.</source>
        <translation>计时中：{at} 截止，剩余 {left}。</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Scorecard weights</source>
        <translation>考核权重</translation>
    </message>
    <message>
        <source>Select a partner with orders to see its trend.</source>
        <translation>选择一个有派工单的服务商以查看其趋势。</translation>
    </message>
    <message>
        <source>Select a service order to see it step by step.</source>
        <translation>选择一张派工单以逐步查看其过程。</translation>
    </message>
    <message>
        <source>Select a service order to see its step clocks.</source>
        <translation>选择一张派工单以查看其各步骤计时。</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Serial that came back</source>
        <translation>返还的序列号</translation>
    </message>
    <message>
        <source>Service centres</source>
        <translation>服务网点</translation>
    </message>
    <message>
        <source>Service date</source>
        <translation>服务日期</translation>
    </message>
    <message>
        <source>Service order</source>
        <translation>派工单</translation>
    </message>
    <message>
        <source>Service order {number} is finished; no step can follow.</source>
        <translation>派工单 {number} 已结束，不能再记录步骤。</translation>
    </message>
    <message>
        <source>Service orders</source>
        <translation>派工单</translation>
    </message>
    <message>
        <source>Service orders by partner (90 days)</source>
        <translation>各服务商派工单数（近 90 天）</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>已结算</translation>
    </message>
    <message>
        <source>Settlements</source>
        <translation>清算</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
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
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>电子表格 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>清算单</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Step clock calendar</source>
        <translation>步骤计时日历</translation>
    </message>
    <message>
        <source>Step clocks</source>
        <translation>步骤计时</translation>
    </message>
    <message>
        <source>Step times out of order or in the future</source>
        <translation>步骤时间倒序或超前</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Submit a claim</source>
        <translation>提交结算申请</translation>
    </message>
    <message>
        <source>Submit and import partner claims</source>
        <translation>提交和导入服务商结算申请</translation>
    </message>
    <message>
        <source>Submit claim…</source>
        <translation>提交申请…</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Takes new orders</source>
        <translation>接收新派工单</translation>
    </message>
    <message>
        <source>The asset was covered by neither its warranty nor its service contract on the claim's service date.</source>
        <translation>在结算单的服务日期，设备既不在保修期内，也不在服务合同期内。</translation>
    </message>
    <message>
        <source>The business calendar the step clocks count on; empty counts around the clock (24×7).</source>
        <translation>步骤计时所用的工作日历；留空则全天候（7×24）计时。</translation>
    </message>
    <message>
        <source>The check-in position, e.g. 39.904200.</source>
        <translation>签到位置，例如 39.904200。</translation>
    </message>
    <message>
        <source>The claim is fine despite the finding. Say why.</source>
        <translation>尽管有该发现，结算单没有问题，请说明原因。</translation>
    </message>
    <message>
        <source>The code its service centres carry in the directory.</source>
        <translation>其服务网点在目录中所用的代码。</translation>
    </message>
    <message>
        <source>The customer and site follow from the asset; the partner's centre nearest the site is chosen and the due times set.</source>
        <translation>客户和现场由设备带出；自动选择距现场最近的服务商网点并设定各截止时间。</translation>
    </message>
    <message>
        <source>The customer's rating on confirmation, 5 is best.</source>
        <translation>客户确认时的评分，5 分最好。</translation>
    </message>
    <message>
        <source>The defective part that came back for a claimed part carries another serial than the one the claim says was removed.</source>
        <translation>为结算备件返还的坏件序列号与结算单上填写的拆下序列号不一致。</translation>
    </message>
    <message>
        <source>The finding stands: adjust or reject the claim. Say why.</source>
        <translation>该发现成立：请调整或拒绝结算单，并说明原因。</translation>
    </message>
    <message>
        <source>The incident number, e.g. INC-2026-000123.</source>
        <translation>事件单号，例如 INC-2026-000123。</translation>
    </message>
    <message>
        <source>The number of a fixed, confirmed, closed or incomplete order, e.g. SP001-000123.</source>
        <translation>已修复、已确认、已关闭或未完成关闭的派工单号，例如 SP001-000123。</translation>
    </message>
    <message>
        <source>The regions it covers, separated by commas, e.g. 华北, 华东.</source>
        <translation>其覆盖的区域，用逗号分隔，例如 华北, 华东。</translation>
    </message>
    <message>
        <source>The score is the weighted mean of the measures' points (0–100); a weight of 0 leaves a measure out.</source>
        <translation>得分是各指标分数（0–100）的加权平均；权重为 0 的指标不计入。</translation>
    </message>
    <message>
        <source>The statement was written to {path}</source>
        <translation>清算单已写入 {path}</translation>
    </message>
    <message>
        <source>The travel claimed is more than ratio × the distance from the partner's nearest centre to the site, plus a slack in km.</source>
        <translation>申报的交通里程超过服务商最近网点到现场距离的 ratio 倍再加上允许的公里余量。</translation>
    </message>
    <message>
        <source>This finding no longer exists.</source>
        <translation>该发现已不存在。</translation>
    </message>
    <message>
        <source>This finding no longer exists; reload the list.</source>
        <translation>该发现已不存在，请刷新列表。</translation>
    </message>
    <message>
        <source>This partner</source>
        <translation>该服务商</translation>
    </message>
    <message>
        <source>This partner does not exist any more.</source>
        <translation>该服务商已不存在。</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Travel</source>
        <translation>交通费</translation>
    </message>
    <message>
        <source>Travel per km beyond it</source>
        <translation>超出部分每公里交通费</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Valid until a later card replaces it.</source>
        <translation>有效至被后续费率卡取代为止。</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>View partners, service orders, claims, scorecards and settlements</source>
        <translation>查看服务商、派工单、结算申请、考核和清算</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Warranty ends</source>
        <translation>保修到期</translation>
    </message>
    <message>
        <source>Weights…</source>
        <translation>权重…</translation>
    </message>
    <message>
        <source>What it checks</source>
        <translation>检查内容</translation>
    </message>
    <message>
        <source>When it happened; not before the previous step, not in the future.</source>
        <translation>发生时间；不得早于上一步骤，也不得晚于现在。</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Why the finding stands or does not; it is audited.</source>
        <translation>说明该发现成立或不成立的原因；此操作会记入审计日志。</translation>
    </message>
    <message>
        <source>Why the order is rejected or closed incomplete.</source>
        <translation>拒单或未完成关单的原因。</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Write the parameters of {rule} as name=value, separated by commas (e.g. days=30).</source>
        <translation>请按 名称=值 的格式填写“{rule}”的参数，以逗号分隔（例如 days=30）。</translation>
    </message>
    <message>
        <source>Wrong part</source>
        <translation>备件错误</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>accepted or rejected</source>
        <translation>接单或拒单</translation>
    </message>
    <message>
        <source>arrived on site</source>
        <translation>到达现场</translation>
    </message>
    <message>
        <source>earlier than the step before it</source>
        <translation>早于其前一步骤</translation>
    </message>
    <message>
        <source>fixed</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>km:minutes pairs: a partner must be on site within the minutes of the first row whose distance covers the centre-to-site distance; * covers any distance.</source>
        <translation>“公里:分钟”对：服务商须在第一个覆盖网点至现场距离的行所给的分钟数内到场；* 表示任意距离。</translation>
    </message>
    <message>
        <source>later than when it was recorded</source>
        <translation>晚于其记录时间</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>open-ended</source>
        <translation>无截止日</translation>
    </message>
    <message>
        <source>round the clock (24×7)</source>
        <translation>全天候（7×24）</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>{clock}: from dispatch until {stop}; target {target}, counted {calendar}.</source>
        <translation>{clock}：从派工起计，至{stop}为止；目标 {target}，按{calendar}计时。</translation>
    </message>
    <message>
        <source>{count} claims</source>
        <translation>{count} 条申请</translation>
    </message>
    <message>
        <source>{count} findings</source>
        <translation>{count} 条发现</translation>
    </message>
    <message>
        <source>{count} lines written to {path}</source>
        <translation>已写入 {count} 行到 {path}</translation>
    </message>
    <message>
        <source>{count} partners</source>
        <translation>{count} 个服务商</translation>
    </message>
    <message>
        <source>{count} rows written to {path}</source>
        <translation>已写入 {count} 行到 {path}</translation>
    </message>
    <message>
        <source>{count} service orders</source>
        <translation>{count} 张派工单</translation>
    </message>
    <message>
        <source>{count} statements</source>
        <translation>{count} 张清算单</translation>
    </message>
    <message>
        <source>{count} statements prepared: {numbers}</source>
        <translation>已准备 {count} 张清算单：{numbers}</translation>
    </message>
    <message>
        <source>{file} was already imported on {at} by {user}; nothing was changed.</source>
        <translation>{file} 已于 {at} 由 {user} 导入过；未做任何更改。</translation>
    </message>
    <message>
        <source>{file} was already imported on {at} by {who}; nothing was changed.</source>
        <translation>{file} 已于 {at} 由 {who} 导入过；未做任何更改。</translation>
    </message>
    <message>
        <source>{file}: {added} added, {skipped} already present and left as they were.</source>
        <translation>{file}：新增 {added} 条，{skipped} 条已存在，保持不变。</translation>
    </message>
    <message>
        <source>{file}: {added} claims added, {skipped} already claimed and left as they were.</source>
        <translation>{file}：新增 {added} 条申请，{skipped} 条已申请过，保持不变。</translation>
    </message>
    <message>
        <source>{hours} h {minutes:02d} min</source>
        <translation>{hours} 小时 {minutes:02d} 分钟</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>{new} new findings, {present} found again, {resolved} no longer found (resolved); {claims} submitted claims moved to review ({seconds} s).</source>
        <translation>新发现 {new} 条，再次发现 {present} 条，{resolved} 条不再发现（已消除）；{claims} 张已提交的结算单转入审核（{seconds} 秒）。</translation>
    </message>
    <message>
        <source>{partner}: score by month</source>
        <translation>{partner}：每月得分</translation>
    </message>
    <message>
        <source>{quantity} × installed {installed} · removed {removed}</source>
        <translation>{quantity} × 装上 {installed} · 拆下 {removed}</translation>
    </message>
    <message>
        <source>{rule}: failed ({why})</source>
        <translation>{rule}：运行失败（{why}）</translation>
    </message>
    <message>
        <source>{rule}: not run (needs {why})</source>
        <translation>{rule}：未运行（需要 {why}）</translation>
    </message>
    <message>
        <source>{rule}: switched off</source>
        <translation>{rule}：已停用</translation>
    </message>
    <message>
        <source>{rule}: {new} new, {present} again, {resolved} resolved, {ms} ms</source>
        <translation>{rule}：新增 {new} 条，再次发现 {present} 条，已消除 {resolved} 条，{ms} 毫秒</translation>
    </message>
</context>
</TS>
