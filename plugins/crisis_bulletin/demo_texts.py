"""The words of the demo data: problems as service desks write them (Chinese and English), standalone
bulletins, revision notes. ``demo`` turns them into a year of rows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProblemText:
    """One kind of problem; ``{v}`` in the texts is replaced by a version so repeats differ."""

    title: str
    category: str
    product: str
    model: str
    versions: str
    impact: str
    root_cause: str
    workaround: str
    fix: str
    external_ref: str


PROBLEMS = (
    ProblemText("OceanStor 5310 固件 {v} 控制器异常重启 / controllers reboot under load", "存储 Storage",
                "Huawei OceanStor storage", "OceanStor 5310", "V700R001C00SPC{v}",
                "多家银行分行核心存储发生双控切换，业务中断约 2 分钟。Dual-controller failover at several bank branches, "
                "about 2 minutes of outage.",
                "固件看门狗在高 IO 队列深度下误触发。The firmware watchdog fires wrongly at high queue depth.",
                "业务高峰期暂停控制器切换与在线扩容；将主机队列深度限制为 64。Pause failovers and online expansion at "
                "peak time; limit the host queue depth to 64.",
                "升级到 V700R001C00SPC{w}（含补丁 SPH201）。Upgrade to SPC{w} with hot patch SPH201.",
                "HW-DTS2026031{v}"),
    ProblemText("Cisco C9300 IOS-XE 17.{v} 内存泄漏 / memory leak on core switches", "网络 Network",
                "Cisco Catalyst switch", "Cisco C9300", "IOS-XE 17.{v}",
                "核心交换机运行约 40 天后内存耗尽，生成树保护失效。Core switches run out of memory after about 40 days.",
                "SNMP 轮询进程未释放内存。The SNMP polling process leaks memory.",
                "每 30 天计划重启一次；或关闭 SNMP v1/v2c 轮询，仅保留 v3。Reload every 30 days, or poll with SNMPv3 only.",
                "升级至 IOS-XE 17.{w}a。Upgrade to IOS-XE 17.{w}a.", "CSCwh1{v}45"),
    ProblemText("ThinkPad T14 BIOS 1.{v} 睡眠唤醒蓝屏 / blue screen on resume", "终端 PC", "Lenovo ThinkPad laptop",
                "ThinkPad T14", "BIOS 1.{v}",
                "约 15% 的笔记本唤醒后蓝屏，未保存的数据丢失。About 15% of laptops crash on resume.",
                "BIOS 与 Modern Standby 驱动冲突。The BIOS conflicts with the Modern Standby driver.",
                "回退到上一版 BIOS 并关闭快速启动。Roll back to the previous BIOS and disable fast start-up.",
                "BIOS 1.{w}。BIOS 1.{w}.", "LEN-PS5001{v}"),
    ProblemText("HP LaserJet M507 驱动 7.{v} 与新版系统不兼容 / driver breaks printing", "打印机 Printer",
                "HP LaserJet printer", "HP LaserJet M507", "PCL6 7.{v}",
                "部分营业网点无法打印回单。Branches cannot print customer receipts.",
                "PCL6 驱动与系统 24H2 打印后台处理程序冲突。The PCL6 driver conflicts with the 24H2 print spooler.",
                "改用 HP 通用打印驱动（UPD PCL6）。Use the HP universal print driver (UPD PCL6) meanwhile.",
                "驱动 7.{w}.1。Driver 7.{w}.1.", "HP-CASE 5087-22{v}"),
    ProblemText("PowerEdge R750 电源模块批次 PS24Q{v} 缺陷 / defective PSU batch", "服务器 Server",
                "Dell PowerEdge server", "PowerEdge R750", "PSU batch PS24Q{v}",
                "单电源运行的服务器有宕机风险。Servers running on one PSU may go down.",
                "电容批次质量问题。A capacitor batch is out of specification.",
                "检查序列号以 PS24Q{v} 开头的电源模块，确保双路供电。Check PSUs whose serials start with PS24Q{v}; "
                "keep both feeds connected.",
                "厂商现场主动更换电源模块（FCO）。The vendor replaces the PSUs on site (FCO).", "DELL-FCO-2026-1{v}"),
    ProblemText("ERP 补丁 KB2026-{v} 后登录失败 / sign-in fails after ERP patch", "软件 Software", "ERP client",
                "", "KB2026-{v}",
                "财务和仓储用户无法登录 ERP。Finance and warehouse users cannot sign in to the ERP.",
                "补丁重置了单点登录证书信任链。The patch resets the SSO certificate chain.",
                "暂停推送该补丁；已安装的客户端按知识库 KB-1187 回滚。Hold the patch; roll back installed clients "
                "following article KB-1187.",
                "补丁 KB2026-{w}。Patch KB2026-{w}.", "SAP-NOTE 34123{v}"),
    ProblemText("Huawei 2288H V6 iBMC 5.{v} 风扇持续全速 / fans stuck at full speed", "服务器 Server",
                "Huawei FusionServer", "Huawei 2288H V6", "iBMC 5.{v}",
                "机房噪音与功耗异常升高。Noise and power draw in the machine room rise sharply.",
                "温度传感器读数漂移。A temperature sensor reading drifts.",
                "将风扇策略临时改为手动 60%。Set the fan policy to manual 60% meanwhile.",
                "iBMC 5.{w}。iBMC 5.{w}.", "HW-DTS2026052{v}"),
    ProblemText("H3C S5560 Release 11{v} 端口频繁 up/down / ports flapping", "网络 Network", "H3C switch",
                "H3C S5560", "Release 11{v}P05",
                "分支机构间歇性断网。Branch offices lose the network now and then.",
                "光模块兼容性检测缺陷。A defect in the transceiver compatibility check.",
                "在受影响端口上固定速率与双工。Fix speed and duplex on the affected ports.",
                "Release 11{w}P07。Release 11{w}P07.", "H3C-CASE 2026{v}18"),
    ProblemText("ThinkSystem SR650 XCC 8.{v} 管理口无法访问 / XCC unreachable", "服务器 Server",
                "Lenovo ThinkSystem server", "ThinkSystem SR650", "XCC 8.{v}",
                "无法远程维护服务器，需现场处理。Servers cannot be managed remotely; visits needed.",
                "XCC 网络栈在 DHCP 续租时挂起。The XCC network stack hangs on DHCP renewal.",
                "通过 OneCLI 重置 XCC，并改用静态地址。Reset the XCC with OneCLI and use a static address.",
                "XCC 8.{w}。XCC 8.{w}.", "LEN-TIP-HT51{v}"),
    ProblemText("Inspur NF5280M6 RAID 固件 52.{v} 掉盘 / disks drop from RAID", "存储 Storage", "Inspur server",
                "Inspur NF5280M6", "RAID FW 52.{v}",
                "阵列降级，重建期间性能下降。Arrays degrade; performance drops while rebuilding.",
                "硬盘节能模式与固件冲突。Disk power saving conflicts with the firmware.",
                "关闭硬盘节能（DPM）。Disable disk power management (DPM).", "固件 52.{w}。Firmware 52.{w}.",
                "INSPUR-PR-2026{v}"),
    ProblemText("邮件客户端证书更新后无法收信 / mail client stops receiving after certificate renewal",
                "软件 Software", "Outlook", "", "Office 24{v}",
                "多个客户的邮件客户端无法收取新邮件。Mail clients at several customers stop receiving mail.",
                "新的中间证书未下发到客户端。The new intermediate certificate was not deployed.",
                "手工导入新的中间证书。Import the new intermediate certificate by hand.",
                "通过组策略统一下发证书。Deploy the certificate by group policy.", "MS-CASE 2404{v}00"),
    ProblemText("HPE DL380 Gen10 iLO 5 2.{v} 时间漂移 / clock drift", "服务器 Server", "HPE ProLiant server",
                "HPE ProLiant DL380 Gen10", "iLO 5 2.{v}",
                "日志时间错乱，影响审计与故障定位。Log times are wrong, which hurts audits and diagnosis.",
                "iLO 与主机时间同步方向错误。iLO and the host synchronise in the wrong direction.",
                "配置 NTP 并关闭主机时间同步。Configure NTP and turn off host time sync.",
                "iLO 5 2.{w}。iLO 5 2.{w}.", "HPE-CASE 5400{v}"),
)

#: (title, severity, audience kind, body) of bulletins not about a problem.
STANDALONE = (
    ("春节期间服务安排 / Service arrangements over Spring Festival", "minor", "everyone",
     "## 安排 Arrangements\n\n- 7×24 热线照常服务。The 24×7 hotline stays open.\n"
     "- 现场服务按值班表安排。On-site visits follow the duty rota.\n"
     "- 备件中心除夕至初三暂停发货。The spare parts desk ships nothing from New Year's Eve to the 3rd day.\n"),
    ("热线系统维护通知 / Hotline system maintenance", "minor", "everyone",
     "本周六 **22:00–24:00** 热线系统维护，期间请使用邮件或门户报修。\n\n"
     "On Saturday **22:00–24:00** the hotline system is serviced: use e-mail or the portal meanwhile.\n"),
    ("网络安全预警：仿冒报修邮件 / Security alert: fake service-request e-mails", "critical", "everyone",
     "## 现象 What is happening\n\n近期出现仿冒本公司报修系统的钓鱼邮件。Phishing e-mails imitating our service "
     "portal are circulating.\n\n## 要求 What to do\n\n1. 不要点击邮件中的链接。Do not click links in them.\n"
     "2. 转发至 security@demo.example.com。Forward them to security@demo.example.com.\n"),
    ("服务商派工流程变更 / Change to partner dispatch", "major", "partner",
     "自下月起，派工单须在 **30 分钟内** 接单并在门户签到。From next month, accept service orders within "
     "**30 minutes** and check in on the portal.\n"),
    ("台风天气现场服务安排 / On-site service during the typhoon", "major", "group",
     "台风期间，华南地区现场服务改为远程优先；确需上门的，须经组长批准。During the typhoon, on-site work in South "
     "China is remote first; visits need a lead's approval.\n"),
    ("新版工时填报规则 / New rules for time entries", "minor", "role",
     "- 工时须在当周五 18:00 前提交。Submit time entries by Friday 18:00.\n"
     "- 加班须关联事件或工作单。Overtime must name an incident or work order.\n"),
    ("数据中心停电演练 / Data centre power drill", "major", "everyone",
     "下周日 02:00–05:00 进行停电切换演练，期间可能出现监控告警，请勿派工。A power switch-over drill runs next "
     "Sunday 02:00–05:00; expect monitoring alarms and do not dispatch for them.\n"),
    ("备件中心搬迁 / Spare parts desk moves", "minor", "everyone",
     "备件中心将于月底搬至新仓库（高新大道 88 号）。The spare parts desk moves to the new warehouse at the end of "
     "the month (88 High-Tech Avenue).\n"),
)

#: A bulletin scheduled to take effect in a few days, and a lead's unfinished draft.
SCHEDULED = ("服务门户升级窗口 / Service portal upgrade window", "minor",
             "服务门户将于生效当晚 **23:00–次日 01:00** 升级，期间请使用热线报修。The service portal is upgraded "
             "**23:00–01:00** that night; report incidents by phone meanwhile.\n")
DRAFT = ("年度巡检安排（草稿）/ Annual preventive maintenance (draft)", "minor",
         "- 巡检范围：金牌合同客户的全部服务器与存储。Scope: every server and storage array under gold contracts.\n"
         "- 时间：待与客户确认。Dates: to be agreed with the customers.\n")
REVISION_NOTES = ("补充受影响型号 Added the affected models", "更新临时方案 Workaround updated",
                  "发布正式修复版本 Fix released", "更正时间 Corrected the times",
                  "延长有效期 Validity extended", "补充客户影响范围 Described which customers are affected")
WITHDRAW_REASONS = ("误发，请以新通告为准 Sent by mistake: see the new bulletin",
                    "问题已由厂商撤回 The vendor withdrew the advisory")
STATUS_NOTES = {"investigating": "已收集日志，正在与厂商分析。Logs collected; analysing with the vendor.",
                "root_cause_known": "厂商确认根因。The vendor confirmed the root cause.",
                "fix_available": "修复版本已发布。The fix is released.",
                "resolved": "受影响设备已全部升级。All affected assets are upgraded.",
                "closed": "复盘完成，关闭问题。Review done; problem closed."}
