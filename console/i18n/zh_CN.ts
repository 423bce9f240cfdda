<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>shell</name>
    <message>
        <source>SMTP password</source>
        <translation>SMTP 密码</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>不修改</translation>
    </message>
    <message>
        <source>Kept in the system keyring, never in a file. On a worker without a keyring, set SERVICE_CONSOLE_SMTP_PASSWORD instead.</source>
        <translation>保存在系统密钥环中，绝不写入文件。在没有密钥环的后台服务机器上，请改为设置环境变量 SERVICE_CONSOLE_SMTP_PASSWORD。</translation>
    </message>
    <message>
        <source>Enter the SMTP server and user name that the password belongs to.</source>
        <translation>请填写该密码所属的 SMTP 服务器和用户名。</translation>
    </message>
    <message>
        <source>Works with</source>
        <translation>可配合</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Sign in — Service Console</source>
        <translation>登录 — 服务控制台</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Service Console</source>
        <translation>服务控制台</translation>
    </message>
    <message>
        <source>Sign in with your user name and password.</source>
        <translation>请输入用户名和密码登录。</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Demo: sign in as {user} / {password}</source>
        <translation>演示环境：请使用 {user} / {password} 登录</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <source>Connect to server</source>
        <translation>连接服务器</translation>
    </message>
    <message>
        <source>About Service Console</source>
        <translation>关于服务控制台</translation>
    </message>
    <message>
        <source>Search incidents, parts, partners…  (Ctrl+K)</source>
        <translation>搜索事件、备件、服务商…  (Ctrl+K)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Connect to server…</source>
        <translation>连接服务器…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Refresh page</source>
        <translation>刷新页面</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Plugins</source>
        <translation>插件</translation>
    </message>
    <message>
        <source>embedded</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>No results.</source>
        <translation>没有找到结果。</translation>
    </message>
    <message>
        <source>That page is not available to you.</source>
        <translation>您无权访问该页面。</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知中心</translation>
    </message>
    <message>
        <source>This page could not be opened.</source>
        <translation>无法打开此页面。</translation>
    </message>
    <message>
        <source>Switch to {url} now? You will sign in again.</source>
        <translation>现在切换到 {url} 吗？切换后需要重新登录。</translation>
    </message>
    <message>
        <source>Service Console {version}

Plugins: {plugins}
Database: {database}</source>
        <translation>服务控制台 {version}

插件：{plugins}
数据库：{database}</translation>
    </message>
    <message>
        <source>Signed in as {name}</source>
        <translation>当前用户：{name}</translation>
    </message>
    <message>
        <source>Database: {url}</source>
        <translation>数据库：{url}</translation>
    </message>
    <message>
        <source>{count} unread notifications</source>
        <translation>{count} 条未读通知</translation>
    </message>
    <message>
        <source>search failed</source>
        <translation>搜索失败</translation>
    </message>
    <message>
        <source>The page “{page}” of the plugin “{plugin}” failed while it was being built: {error}</source>
        <translation>插件“{plugin}”的页面“{page}”在创建时出错：{error}</translation>
    </message>
    <message>
        <source>The action failed: {error}</source>
        <translation>操作失败：{error}</translation>
    </message>
    <message>
        <source>Enter the server's host name.</source>
        <translation>请输入服务器主机名。</translation>
    </message>
    <message>
        <source>Enter the database name.</source>
        <translation>请输入数据库名称。</translation>
    </message>
    <message>
        <source>Enter the database user.</source>
        <translation>请输入数据库用户名。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>The password was not saved: it is kept in memory until you close the console, and you will be asked for it next time.</source>
        <translation>密码未保存：它仅保留在内存中，直到控制台关闭；下次启动时需要重新输入。</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Connect to the team's shared PostgreSQL or MariaDB database. An administrator creates it with `service-console db upgrade`.</source>
        <translation>连接团队共享的 PostgreSQL 或 MariaDB 数据库。数据库由管理员使用 `service-console db upgrade` 创建。</translation>
    </message>
    <message>
        <source>Database type</source>
        <translation>数据库类型</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>连接地址</translation>
    </message>
    <message>
        <source>Remember password</source>
        <translation>记住密码</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Saved in the system keyring ({backend}).</source>
        <translation>已保存到系统密钥环（{backend}）。</translation>
    </message>
    <message>
        <source>Connection succeeded.</source>
        <translation>连接成功。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Connection saved.</source>
        <translation>连接已保存。</translation>
    </message>
    <message>
        <source>The password could not be stored ({error}); it is kept in memory until you close the console.</source>
        <translation>无法保存密码（{error}）；密码仅保留在内存中，直到控制台关闭。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Cannot connect to the database server</source>
        <translation>无法连接数据库服务器</translation>
    </message>
    <message>
        <source>Connection settings…</source>
        <translation>连接设置…</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <source>The database schema does not match</source>
        <translation>数据库结构版本不匹配</translation>
    </message>
    <message>
        <source>The console could not start</source>
        <translation>控制台无法启动</translation>
    </message>
    <message>
        <source>The database could not be opened</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>This chart could not be drawn.</source>
        <translation>无法绘制此图表。</translation>
    </message>
    <message>
        <source>Drawing chart…</source>
        <translation>正在绘制图表…</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>已加载</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>安装包</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Every installed plugin and its state. A plugin that fails to load is switched off on its own; the rest of the console keeps working.</source>
        <translation>所有已安装的插件及其状态。加载失败的插件会被单独停用，控制台的其他功能照常工作。</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Traceback:</source>
        <translation>错误堆栈：</translation>
    </message>
    <message>
        <source>Saved. The change takes effect at the next start of the console.</source>
        <translation>已保存。更改将在控制台下次启动时生效。</translation>
    </message>
    <message>
        <source>{state} ({change} at next start)</source>
        <translation>{state}（下次启动时{change}）</translation>
    </message>
    <message>
        <source>Requires</source>
        <translation>依赖</translation>
    </message>
    <message>
        <source>Built in</source>
        <translation>内置插件</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Failed in</source>
        <translation>出错环节</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language of this console on this computer. It changes as soon as you save.</source>
        <translation>本机控制台的界面语言，保存后立即生效。</translation>
    </message>
    <message>
        <source>Some values were not saved. Correct the marked fields and save again.</source>
        <translation>部分设置未保存。请更正标出的字段后再次保存。</translation>
    </message>
    <message>
        <source>Enter a number, for example 12.50.</source>
        <translation>请输入数字，例如 12.50。</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>No charts yet. Plugins add their charts to the dashboard.</source>
        <translation>暂无图表。插件会将各自的图表添加到仪表板。</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Mark read</source>
        <translation>标为已读</translation>
    </message>
    <message>
        <source>Mark all read</source>
        <translation>全部标为已读</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>No notifications yet.</source>
        <translation>暂无通知。</translation>
    </message>
    <message>
        <source>You are all caught up: no unread notifications.</source>
        <translation>没有未读通知。</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>{count} unread</source>
        <translation>{count} 条未读</translation>
    </message>
    <message>
        <source>Select a notification to read it.</source>
        <translation>选择一条通知以查看详情。</translation>
    </message>
    <message>
        <source>Open the linked page</source>
        <translation>打开相关页面</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>E-mail notifications from</source>
        <translation>邮件通知的最低级别</translation>
    </message>
    <message>
        <source>Notifications of this severity or higher also go to the user's e-mail address.</source>
        <translation>此级别及以上的通知也会发送到用户的电子邮箱。</translation>
    </message>
    <message>
        <source>Organisation name</source>
        <translation>组织名称</translation>
    </message>
    <message>
        <source>Shown in the title bar and on exported reports.</source>
        <translation>显示在标题栏和导出的报表中。</translation>
    </message>
    <message>
        <source>Default time zone</source>
        <translation>默认时区</translation>
    </message>
    <message>
        <source>Used for new users and for reports that are not tied to one user.</source>
        <translation>用于新用户，以及不属于特定用户的报表。</translation>
    </message>
    <message>
        <source>SMTP server</source>
        <translation>SMTP 服务器</translation>
    </message>
    <message>
        <source>Host name of the mail server for e-mail notifications; empty sends no e-mail.</source>
        <translation>发送邮件通知的邮件服务器主机名；留空则不发送邮件。</translation>
    </message>
    <message>
        <source>SMTP port</source>
        <translation>SMTP 端口</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>发件人地址</translation>
    </message>
    <message>
        <source>The From address of e-mail notifications, e.g. service@example.com.</source>
        <translation>通知邮件的发件人地址，例如 service@example.com。</translation>
    </message>
    <message>
        <source>SMTP user name</source>
        <translation>SMTP 用户名</translation>
    </message>
    <message>
        <source>Empty for a relay without sign-in. The password is kept in the system keyring.</source>
        <translation>无需登录的邮件中继请留空。密码保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>No system keyring is available on this machine: the password is kept in memory until the console closes and will be asked again next time.</source>
        <translation>本机没有可用的系统密钥环：密码仅保留在内存中，控制台关闭后即失效，下次启动时需要重新输入。</translation>
    </message>
</context>
<context>
    <name>ui</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在计数…</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Export the list</source>
        <translation>导出列表</translation>
    </message>
    <message>
        <source>Exported {count} rows to {path}</source>
        <translation>已导出 {count} 行到 {path}</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Fill in “{label}”.</source>
        <translation>请填写“{label}”。</translation>
    </message>
    <message>
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Nothing to show.</source>
        <translation>没有可显示的内容。</translation>
    </message>
    <message>
        <source>Select a row to see its details.</source>
        <translation>选择一行查看详情。</translation>
    </message>
    <message>
        <source>The list could not be read from the database: {error}</source>
        <translation>无法从数据库读取列表：{error}</translation>
    </message>
    <message>
        <source>{count} rows</source>
        <translation>{count} 行</translation>
    </message>
    <message>
        <source>“{text}” is not a number; type digits with an optional decimal point, e.g. 1280.50.</source>
        <translation>“{text}”不是数字；请输入数字，可带小数点，例如 1280.50。</translation>
    </message>
</context>
</TS>
