"""What demo incidents, notes, standard texts and articles say, per category (Chinese and English).

Keys are the leaf categories migration incidents_0002 seeds. ``titles`` are what callers report,
``descriptions`` what the desk writes down, ``resolutions`` what fixed it.
"""

from __future__ import annotations

HARDWARE = ("服务器 Server", "存储 Storage", "网络 Network", "打印机 Printer", "终端 PC")

#: Asset product words → the hardware category its incidents fall in.
PRODUCT_CATEGORY = (("storage", "存储 Storage"), ("switch", "网络 Network"), ("printer", "打印机 Printer"),
                    ("laptop", "终端 PC"), ("server", "服务器 Server"))

#: category → relative frequency among incidents
WEIGHTS = {"服务器 Server": 16, "存储 Storage": 7, "网络 Network": 13, "打印机 Printer": 10, "终端 PC": 16,
           "操作系统 Operating system": 7, "数据库 Database": 5, "办公软件 Office": 8,
           "业务系统 Business application": 7, "账号权限 Accounts and access": 6, "安装移机 Install and move": 3,
           "咨询 Enquiry": 2}

CATEGORY_TEXTS: dict[str, dict[str, list[str]]] = {
    "服务器 Server": {
        "titles": ["服务器硬盘告警", "服务器无法开机", "Server fan failure alarm", "RAID 降级，需更换硬盘",
                   "Memory ECC errors on host", "服务器电源模块故障", "iDRAC 报温度过高", "BMC unreachable after firmware update"],
        "descriptions": ["机房巡检发现前面板橙灯，管理口报 Predictive Failure。", "Customer reports the host rebooted twice "
                         "overnight; SEL shows PSU events.", "客户来电：业务系统所在服务器无法开机，电源灯不亮。",
                         "监控系统自动告警：物理磁盘 0:1:3 状态 Failed。"],
        "resolutions": ["更换故障硬盘（同型号热备件），RAID 重建完成，告警清除。", "Replaced PSU 2 with a spare; "
                        "redundancy restored, SEL cleared.", "升级 BIOS 与 iDRAC 固件至最新版本后问题消失。",
                        "Reseated DIMM B2 and ran memory test; no further ECC errors."],
    },
    "存储 Storage": {
        "titles": ["存储控制器切换", "LUN 响应缓慢", "Storage array disk predictive failure", "备份作业失败",
                   "Snapshot space exhausted", "存储多路径丢失一条"],
        "descriptions": ["数据库响应时间从 5ms 上升到 80ms，怀疑存储瓶颈。", "Array reports controller B "
                         "failover at 02:14.", "夜间备份作业连续三天失败，报错 media write error。"],
        "resolutions": ["扩容快照预留空间并调整保留策略。", "Replaced the failed disk; rebuild finished in 6 h.",
                        "更换光纤跳线，多路径恢复为 4 条。", "Updated the controller firmware per vendor advisory."],
    },
    "网络 Network": {
        "titles": ["核心交换机端口 down", "VPN 无法连接", "Wi-Fi drops on 3rd floor", "防火墙策略变更申请",
                   "Packet loss to branch office", "营业部网络中断"],
        "descriptions": ["营业部全部终端无法访问核心系统，交换机上联口灯灭。", "Users on floor 3 lose Wi-Fi every "
                         "few minutes since Monday.", "分支机构到数据中心丢包率 15%。"],
        "resolutions": ["更换上联光模块，链路恢复。", "Moved AP channels off 2.4 GHz channel 6; drops stopped.",
                        "运营商线路故障已修复，丢包消失。", "Added the firewall rule after change approval."],
    },
    "打印机 Printer": {
        "titles": ["打印机卡纸", "打印机无法联网", "Printer toner replacement", "Scanner not sending email",
                   "打印出现竖条纹"],
        "descriptions": ["二楼财务打印机频繁卡纸，纸盒 2。", "The MFP cannot send scans to e-mail since the mail "
                         "server change.", "打印件左侧出现黑色竖条纹。"],
        "resolutions": ["清洁搓纸轮并更换分页器，测试 50 张正常。", "Updated the SMTP settings on the MFP; scans "
                        "arrive again.", "更换硒鼓后打印正常。"],
    },
    "终端 PC": {
        "titles": ["笔记本蓝屏", "电脑开机慢", "Laptop screen flickers", "Keyboard not working", "新员工电脑安装",
                   "笔记本电池无法充电"],
        "descriptions": ["用户反映每天蓝屏两三次，错误代码 0x0000007E。", "Laptop screen flickers when the lid is "
                         "moved.", "开机需要 10 分钟以上。"],
        "resolutions": ["更新显卡驱动并修复系统文件后不再蓝屏。", "Replaced the display cable under warranty.",
                        "更换电池（保修内），充电正常。", "Disabled start-up programs and replaced HDD with SSD."],
    },
    "操作系统 Operating system": {
        "titles": ["系统补丁安装失败", "Windows 激活错误", "Linux 磁盘空间满", "Server time drifting",
                   "操作系统升级申请"],
        "descriptions": ["补丁 KB5034441 安装失败，错误 0x80070643。", "/var 分区使用率 100%，服务无法写日志。"],
        "resolutions": ["扩展恢复分区后补丁安装成功。", "Cleaned rotated logs and added logrotate rules.",
                        "Pointed the host to the internal NTP server."],
    },
    "数据库 Database": {
        "titles": ["Database connection timeouts", "数据库表空间不足", "主从复制延迟", "慢查询导致系统卡顿"],
        "descriptions": ["业务高峰期应用报数据库连接超时。", "Replication lag above 30 minutes since the nightly "
                         "batch."],
        "resolutions": ["增加表空间数据文件并设置自动扩展。", "Added the missing index; query time from 9 s to 40 ms.",
                        "调整连接池上限并重启应用。"],
    },
    "办公软件 Office": {
        "titles": ["邮件客户端无法收信", "Office activation error", "Outlook 搜索不到邮件", "Teams 会议没有声音",
                   "共享盘无法访问"],
        "descriptions": ["Outlook 提示“正在尝试连接”，无法收发邮件。", "Office shows an activation error after "
                         "the licence change."],
        "resolutions": ["重建 Outlook 配置文件后恢复正常。", "Re-assigned the Office licence and signed in again.",
                        "Rebuilt the Windows search index."],
    },
    "业务系统 Business application": {
        "titles": ["ERP 登录失败", "报表系统打不开", "CRM export hangs", "核心业务系统响应慢", "工单系统报错 500"],
        "descriptions": ["全部用户 ERP 登录提示“许可证不足”。", "Users cannot open the reporting portal since 09:00."],
        "resolutions": ["释放僵死会话并扩充并发许可。", "Restarted the application pool after a memory leak; "
                        "vendor patch requested.", "清理缓存并重新部署前端后恢复。"],
    },
    "账号权限 Accounts and access": {
        "titles": ["账号被锁定", "Password reset request", "新员工开通账号", "申请共享目录权限", "VPN 账号开通"],
        "descriptions": ["用户连续输错密码导致域账号锁定。", "New starter needs AD, mail and ERP accounts."],
        "resolutions": ["解锁账号并协助用户修改密码。", "Accounts created and handed over to the manager.",
                        "按审批单授予只读权限。"],
    },
    "安装移机 Install and move": {
        "titles": ["工位搬迁，电脑移机", "Install projector in meeting room", "新设备上架安装", "打印机移位"],
        "descriptions": ["部门搬迁至 5 楼，12 台电脑需要移机。", "New server to be racked in DC row B."],
        "resolutions": ["完成移机并测试网络、打印正常。", "Racked, cabled and handed over to the system team."],
    },
    "咨询 Enquiry": {
        "titles": ["咨询保修期限", "How to connect to guest Wi-Fi", "咨询备件到货时间", "Question about the service "
                   "contract"],
        "descriptions": ["客户来电咨询设备是否在保。", "Caller asks how long the service contract covers the SAN."],
        "resolutions": ["已告知保修截止日期及续保方式。", "Explained the guest Wi-Fi self-service portal."],
    },
}

NOTES = ["已电话联系客户，约定明早 9 点上门。", "Customer confirmed the symptom persists after reboot.",
         "备件已申请，预计明天到货。", "Waiting for the vendor's log analysis.", "客户要求推迟到周末窗口处理。",
         "Remote session done; monitoring for 24 h.", "已远程协助用户，问题暂时缓解。"]
CUSTOMER_NOTES = ["您好，工程师已出发，预计 2 小时内到达。", "Dear customer, the replacement part has been shipped.",
                  "问题已处理，请确认业务是否恢复。", "We will call you back within 30 minutes."]
CALLERS = ["王先生", "李女士", "张工", "刘经理", "陈主任", "Mr. Smith", "Ms. Carter", "赵科长", "周老师", "IT helpdesk"]
#: The partner codes the partners demo registers first (SP001…), so a dispatched work order names a real partner.
PARTNERS = ("SP001", "SP002", "SP003")

#: Standard descriptions and solutions per category (标准描述/标准解决方案).
STANDARD_TEXTS = {
    "服务器 Server": [
        ("description", "硬盘告警", "服务器前面板硬盘指示灯橙色，管理口提示硬盘预故障（Predictive Failure）。"
                                 "请记录槽位号、序列号和 RAID 状态。"),
        ("description", "无法开机", "服务器按电源键无反应/电源灯不亮。请确认供电、PDU 和电源模块指示灯。"),
        ("solution", "热插拔更换硬盘", "1. 确认 RAID 状态与热备盘；2. 按槽位热插拔更换同型号硬盘；"
                                     "3. 观察重建进度；4. 清除告警并记录旧盘序列号以便返修。"),
        ("solution", "更换电源模块", "冗余电源故障：热插拔更换故障电源模块，确认两路供电正常，清除 SEL 日志。"),
    ],
    "存储 Storage": [
        ("description", "性能下降", "应用响应变慢，存储时延升高。请记录时间段、受影响 LUN 和主机。"),
        ("solution", "控制器固件升级", "按厂商公告升级控制器固件（先备用控制器，再主控制器），业务无中断。"),
    ],
    "网络 Network": [
        ("description", "网络中断", "某区域/营业部网络全部中断。请记录受影响范围、交换机型号和端口指示灯状态。"),
        ("description", "Wi-Fi 掉线", "无线网络频繁掉线。请记录楼层、SSID、终端型号和时间。"),
        ("solution", "更换光模块", "检查上联口光功率，更换故障光模块或跳线，确认链路恢复并观察 30 分钟。"),
    ],
    "打印机 Printer": [
        ("description", "卡纸", "打印机频繁卡纸。请记录纸盒、纸张类型和卡纸位置。"),
        ("solution", "清洁搓纸轮", "清洁或更换搓纸轮和分页器，打印 50 张测试页确认。"),
    ],
    "终端 PC": [
        ("description", "蓝屏", "电脑蓝屏重启。请记录错误代码、出现频率和最近的软件变更。"),
        ("solution", "驱动与系统修复", "更新显卡/芯片组驱动，运行 sfc /scannow 与 DISM 修复，观察一天。"),
    ],
    "账号权限 Accounts and access": [
        ("description", "账号锁定", "用户域账号被锁定，无法登录。请核实身份（工号、手机号）。"),
        ("solution", "解锁并重置密码", "核实身份后在 AD 解锁账号，设置临时密码并要求首次登录修改。"),
    ],
    "办公软件 Office": [
        ("description", "邮件收发异常", "邮件客户端无法收发邮件，请记录报错信息和是否仅一人受影响。"),
        ("solution", "重建邮件配置文件", "关闭 Outlook，在控制面板 > 邮件中新建配置文件并设为默认，重新同步。"),
    ],
}

#: Knowledge articles: (category, title, symptom, solution, keywords).
ARTICLES = [
    ("服务器 Server", "{model} 硬盘预故障告警的处理", "{model} 前面板硬盘灯橙色，iDRAC/XCC 报 Predictive Failure。",
     "确认 RAID 卡状态和热备盘后，热插拔更换同型号硬盘；重建完成后清除告警，旧盘按返修流程寄回。", "硬盘 RAID 告警"),
    ("服务器 Server", "{model}: power supply redundancy lost", "SEL shows 'Power supply redundancy is lost'.",
     "Check both feeds and the PDU; hot-swap the failed PSU with a spare of the same wattage.", "PSU power"),
    ("服务器 Server", "{model} 内存 ECC 错误", "系统日志出现可纠正 ECC 错误，频率上升。",
     "定位 DIMM 槽位，重新插拔；仍报错则更换内存条并运行内存测试。", "内存 ECC DIMM"),
    ("存储 Storage", "{model} 控制器切换后的检查步骤", "存储控制器发生切换，主机多路径告警。",
     "检查控制器日志与多路径状态，按厂商公告升级固件，必要时更换控制器。", "控制器 多路径"),
    ("存储 Storage", "Snapshot reserve full on {model}", "Snapshots fail with 'reserve space exhausted'.",
     "Grow the snapshot reserve and shorten retention; monitor the reserve weekly.", "snapshot"),
    ("网络 Network", "{model} 上联口中断排查", "营业部网络中断，交换机上联口灯灭。",
     "检查光功率与光模块型号，更换光模块或跳线；确认 STP 状态，链路恢复后观察 30 分钟。", "交换机 光模块 中断"),
    ("网络 Network", "Wi-Fi 频繁掉线的处理", "用户反映无线网络每隔几分钟断开。",
     "检查信道干扰，将 AP 调整到 5 GHz 非重叠信道，升级 AP 固件。", "无线 WiFi 掉线"),
    ("打印机 Printer", "{model} 卡纸的处理", "纸盒 2 频繁卡纸。",
     "清洁搓纸轮与分页器，检查纸张湿度；仍卡纸则更换搓纸组件。", "打印机 卡纸"),
    ("打印机 Printer", "Scan to e-mail stops after a mail server change", "The MFP cannot send scans by e-mail.",
     "Update the SMTP server, port 587 and TLS settings on the device; send a test scan.", "scan email SMTP"),
    ("终端 PC", "{model} 蓝屏 0x0000007E", "笔记本每天蓝屏数次，错误代码 0x0000007E。",
     "更新显卡与芯片组驱动，运行 sfc /scannow；仍出现则检查内存。", "蓝屏 驱动"),
    ("终端 PC", "{model} screen flickers when the lid moves", "Display flickers when the lid is moved.",
     "Replace the display cable (covered by warranty).", "display cable"),
    ("操作系统 Operating system", "补丁 KB5034441 安装失败 0x80070643", "Windows 更新失败，错误 0x80070643。",
     "扩展 WinRE 恢复分区 250 MB 后重新安装补丁。", "补丁 WinRE"),
    ("数据库 Database", "数据库连接超时的排查", "业务高峰应用报数据库连接超时。",
     "检查连接池上限与慢查询，补充缺失索引，调整连接池参数。", "连接池 超时 索引"),
    ("办公软件 Office", "Outlook 无法收发邮件", "Outlook 一直显示“正在尝试连接”。",
     "新建邮件配置文件并设为默认；检查 Autodiscover 记录。", "Outlook 邮件"),
    ("业务系统 Business application", "ERP 许可证不足无法登录", "全部用户登录 ERP 提示许可证不足。",
     "释放僵死会话，设置会话超时 30 分钟，必要时扩充并发许可。", "ERP 许可证"),
    ("账号权限 Accounts and access", "域账号锁定的处理", "用户多次输错密码导致账号锁定。",
     "核实身份后解锁账号，排查保存旧密码的设备（手机邮箱、映射盘）。", "账号 锁定 密码"),
]
MODELS_BY_CATEGORY = {"服务器 Server": ["PowerEdge R750", "ThinkSystem SR650", "Huawei 2288H V6", "Inspur NF5280M6"],
                      "存储 Storage": ["OceanStor 5310"], "网络 Network": ["H3C S5560", "Cisco C9300"],
                      "打印机 Printer": ["HP LaserJet M507"], "终端 PC": ["ThinkPad T14"]}
