<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>App</name>
        <message>
            <source>Can't open the database</source>
            <translation>无法打开数据库</translation>
        </message>
        <message>
            <source>Encrypted database</source>
            <translation>加密数据库</translation>
        </message>
        <message>
            <source>Passphrase of %1:</source>
            <translation>请输入 %1 的口令：</translation>
        </message>
        <message>
            <source>Building the demo county (%1 households)…</source>
            <translation>正在生成演示县数据（%1 户）…</translation>
        </message>
        <message>
            <source>Can't build the demo county</source>
            <translation>无法生成演示县数据</translation>
        </message>
        <message>
            <source>%1 (demo)</source>
            <translation>%1（演示）</translation>
        </message>
        <message>
            <source>GridApp</source>
            <translation>网格通</translation>
        </message>
        <message>
            <source>Unexpected error</source>
            <translation>意外错误</translation>
        </message>
        <message>
            <source>Something went wrong: %1

Data saved before is not affected; what was being saved just now may need to be entered again. If it happens again, please tell your support contact.</source>
            <translation>程序出错：%1

之前保存的数据不受影响；刚才正在保存的内容可能需要重新录入。如果再次出现，请联系技术支持人员。</translation>
        </message>
    </context>
    <context>
        <name>AttachmentStrip</name>
        <message>
            <source>Double-click to open</source>
            <translation>双击打开</translation>
        </message>
        <message>
            <source>Add photo or scan…</source>
            <translation>添加照片/扫描件…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>No attachments. Photos of the visit or scanned papers can be added.</source>
            <translation>无附件。可添加走访照片或纸质材料的扫描件。</translation>
        </message>
        <message>
            <source>Add photo or scan</source>
            <translation>添加照片或扫描件</translation>
        </message>
        <message>
            <source>Photos and scans</source>
            <translation>照片和扫描件</translation>
        </message>
        <message>
            <source>All files</source>
            <translation>所有文件</translation>
        </message>
    </context>
    <context>
        <name>AuditAction</name>
        <message>
            <source>Create</source>
            <translation>新建</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>修改</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>恢复</translation>
        </message>
        <message>
            <source>Show full details</source>
            <translation>查看完整信息</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <source>Log in</source>
            <translation>登录</translation>
        </message>
        <message>
            <source>Failed login</source>
            <translation>登录失败</translation>
        </message>
        <message>
            <source>Unlock screen</source>
            <translation>解除锁屏</translation>
        </message>
        <message>
            <source>Unlock account</source>
            <translation>解锁账号</translation>
        </message>
        <message>
            <source>Backup</source>
            <translation>备份</translation>
        </message>
        <message>
            <source>Restore from backup</source>
            <translation>从备份恢复</translation>
        </message>
    </context>
    <context>
        <name>AuditTab</name>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Login</source>
            <translation>账号</translation>
        </message>
        <message>
            <source>(unknown)</source>
            <translation>（未知）</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>操作</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>对象</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>详情</translation>
        </message>
        <message>
            <source>The audit log is for system administrators and township centres.</source>
            <translation>审计日志仅供系统管理员和乡镇综治中心查看。</translation>
        </message>
        <message>
            <source>All users</source>
            <translation>全部用户</translation>
        </message>
        <message>
            <source>All actions</source>
            <translation>全部操作</translation>
        </message>
        <message>
            <source>All records</source>
            <translation>全部对象</translation>
        </message>
        <message>
            <source>Last 7 days</source>
            <translation>最近 7 天</translation>
        </message>
        <message>
            <source>Last 30 days</source>
            <translation>最近 30 天</translation>
        </message>
        <message>
            <source>Last 12 months</source>
            <translation>最近 12 个月</translation>
        </message>
        <message>
            <source>All time</source>
            <translation>全部时间</translation>
        </message>
        <message>
            <source>From … to …</source>
            <translation>自定义时段</translation>
        </message>
        <message>
            <source>to</source>
            <translation>至</translation>
        </message>
        <message>
            <source>Export to Excel…</source>
            <translation>导出到 Excel…</translation>
        </message>
        <message>
            <source>Choose a row to see everything it recorded.</source>
            <translation>选择一行，查看其记录的全部内容。</translation>
        </message>
        <message>
            <source>The start date is after the end date.</source>
            <translation>开始日期晚于结束日期。</translation>
        </message>
        <message>
            <source>Nothing was recorded with these filters. Choose a longer period or “All …”.</source>
            <translation>没有符合筛选条件的记录。请选择更长的时段或“全部…”。</translation>
        </message>
        <message>
            <source>%1 rows</source>
            <translation>共 %1 条</translation>
        </message>
        <message>
            <source>Nothing to export with these filters</source>
            <translation>没有符合筛选条件的记录可导出</translation>
        </message>
        <message>
            <source>Record id: %1</source>
            <translation>记录标识：%1</translation>
        </message>
        <message>
            <source>(empty)</source>
            <translation>（空）</translation>
        </message>
        <message>
            <source>Export the audit log</source>
            <translation>导出审计日志</translation>
        </message>
        <message>
            <source>Excel workbook (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <source>%1 rows written to %2.</source>
            <translation>已导出 %1 条记录到 %2。</translation>
        </message>
        <message>
            <source>Exporting the audit log…</source>
            <translation>正在导出审计日志…</translation>
        </message>
        <message>
            <source>Cancelled; no file was written.</source>
            <translation>已取消，未生成文件。</translation>
        </message>
    </context>
    <context>
        <name>BackupTab</name>
        <message>
            <source>Where the backups are</source>
            <translation>备份位置</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>打开文件夹</translation>
        </message>
        <message>
            <source>&amp;Back up now</source>
            <translation>立即备份(&amp;B)</translation>
        </message>
        <message>
            <source>Back up &amp;to a file…</source>
            <translation>备份到文件(&amp;T)…</translation>
        </message>
        <message>
            <source>&amp;Restore from a backup…</source>
            <translation>从备份恢复(&amp;R)…</translation>
        </message>
        <message>
            <source>No backups yet. The first one is made today, or click “Back up now”.</source>
            <translation>还没有备份。今天会自动备份第一份，也可以点“立即备份”。</translation>
        </message>
        <message>
            <source>A networked database is backed up on its server</source>
            <translation>联网数据库由服务器备份</translation>
        </message>
        <message>
            <source>Only the system administrator makes backups and restores them</source>
            <translation>仅系统管理员可以备份和恢复</translation>
        </message>
        <message>
            <source>The database is on a server (%1); the server makes the backups.</source>
            <translation>数据库在服务器上（%1），由服务器负责备份。</translation>
        </message>
        <message>
            <source>The folder does not exist yet: it is created with the first backup.</source>
            <translation>文件夹尚不存在：第一次备份时会自动创建。</translation>
        </message>
        <message>
            <source>A backup is made automatically once a day and when GridApp closes. The newest backup of each of the last %1 days and of %2 earlier weeks is kept. Copy the folder to a USB drive regularly, so a broken disk loses nothing.</source>
            <translation>每天及关闭网格通时自动备份一次。保留最近 %1 天每天的最新备份，以及更早 %2 周每周的最新备份。请定期把该文件夹复制到 U 盘，以免硬盘损坏时丢失数据。</translation>
        </message>
        <message>
            <source>Reading the backups…</source>
            <translation>正在读取备份…</translation>
        </message>
        <message>
            <source>%1 backups, %2</source>
            <translation>共 %1 份备份，%2</translation>
        </message>
        <message>
            <source>Backing up…</source>
            <translation>正在备份…</translation>
        </message>
        <message>
            <source>Backup made</source>
            <translation>备份完成</translation>
        </message>
        <message>
            <source>Backup %1 made (%2; %3).</source>
            <translation>已生成备份 %1（%2；%3）。</translation>
        </message>
        <message>
            <source>Back up to a file</source>
            <translation>备份到文件</translation>
        </message>
        <message>
            <source>GridApp databases (*.sqlite3)</source>
            <translation>网格通数据库 (*.sqlite3)</translation>
        </message>
        <message>
            <source>The data was copied to %1 (%2). Keep the file safe: it holds residents' personal data.</source>
            <translation>数据已复制到 %1（%2）。请妥善保管该文件：其中含有居民个人信息。</translation>
        </message>
    </context>
    <context>
        <name>BackupTable</name>
        <message>
            <source>Made</source>
            <translation>备份时间</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>大小</translation>
        </message>
        <message>
            <source>Households</source>
            <translation>户数</translation>
        </message>
        <message>
            <source>People</source>
            <translation>人数</translation>
        </message>
        <message>
            <source>Visits</source>
            <translation>走访</translation>
        </message>
        <message>
            <source>Events</source>
            <translation>事件</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Good</source>
            <translation>完好</translation>
        </message>
    </context>
    <context>
        <name>ChangePasswordDialog</name>
        <message>
            <source>Change password</source>
            <translation>修改密码</translation>
        </message>
        <message>
            <source>&lt;b&gt;Please choose your own password.&lt;/b&gt; The password you logged in with was set by an administrator and is only good for this first login.</source>
            <translation>&lt;b&gt;请设置您自己的密码。&lt;/b&gt;您刚才登录用的密码是管理员设置的临时密码，只能用于这一次登录。</translation>
        </message>
        <message>
            <source>Choose a new password for %1. You will use it from the next login on.</source>
            <translation>为 %1 设置新密码，下次登录起使用新密码。</translation>
        </message>
        <message>
            <source>&amp;Current password:</source>
            <translation>原密码(&amp;C)：</translation>
        </message>
        <message>
            <source>&amp;Temporary password:</source>
            <translation>临时密码(&amp;T)：</translation>
        </message>
        <message>
            <source>&amp;New password:</source>
            <translation>新密码(&amp;N)：</translation>
        </message>
        <message>
            <source>New password &amp;again:</source>
            <translation>再次输入新密码(&amp;A)：</translation>
        </message>
        <message>
            <source>Log out</source>
            <translation>退出登录</translation>
        </message>
        <message>
            <source>Please enter your current password.</source>
            <translation>请输入原密码。</translation>
        </message>
    </context>
    <context>
        <name>CheckPage</name>
        <message>
            <source>Check what was read</source>
            <translation>检查读到的内容</translation>
        </message>
        <message>
            <source>Column in the file</source>
            <translation>文件中的列</translation>
        </message>
        <message>
            <source>Imported as</source>
            <translation>导入为</translation>
        </message>
        <message>
            <source>Row</source>
            <translation>行号</translation>
        </message>
        <message>
            <source>Column</source>
            <translation>列</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Columns</source>
            <translation>列的对应</translation>
        </message>
        <message>
            <source>First rows</source>
            <translation>数据预览</translation>
        </message>
        <message>
            <source>Rows with problems</source>
            <translation>有问题的行</translation>
        </message>
        <message>
            <source>Sheet “%1”, header in row %2. Nothing has been written yet.</source>
            <translation>工作表“%1”，表头在第 %2 行。现在还没有写入任何数据。</translation>
        </message>
        <message>
            <source>%1 rows in the file: &lt;b style='color:#1b5e20'&gt;%2 can be imported&lt;/b&gt;, &lt;b style='color:#c62828'&gt;%3 have problems&lt;/b&gt; and will be left out.</source>
            <translation>文件中共 %1 行：&lt;b style='color:#1b5e20'&gt;%2 行可以导入&lt;/b&gt;，&lt;b style='color:#c62828'&gt;%3 行有问题&lt;/b&gt;，不会导入。</translation>
        </message>
        <message>
            <source>%1 rows in the file: none can be imported (&lt;b style='color:#c62828'&gt;%3 have problems&lt;/b&gt;). Correct the file using the reasons below and choose it again.</source>
            <translation>文件中共 %1 行，没有可以导入的行（&lt;b style='color:#c62828'&gt;%3 行有问题&lt;/b&gt;）。请按下面的原因改正文件后重新选择。</translation>
        </message>
        <message>
            <source>Rows with problems (%1)</source>
            <translation>有问题的行（%1）</translation>
        </message>
        <message>
            <source>&amp;Import %1 rows</source>
            <translation>导入 %1 行(&amp;I)</translation>
        </message>
        <message>
            <source>(not imported)</source>
            <translation>（不导入）</translation>
        </message>
        <message>
            <source>Not recognised, left out: %1</source>
            <translation>未识别、不导入的列：%1</translation>
        </message>
        <message>
            <source>Every column was recognised.</source>
            <translation>所有列都已识别。</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>问题</translation>
        </message>
    </context>
    <context>
        <name>DashboardPage</name>
        <message>
            <source>Dashboard</source>
            <translation>工作台</translation>
        </message>
        <message>
            <source>Refresh (F5)</source>
            <translation>刷新 (F5)</translation>
        </message>
        <message>
            <source>Count everything again</source>
            <translation>重新统计全部数字</translation>
        </message>
        <message>
            <source>Households</source>
            <translation>户数</translation>
        </message>
        <message>
            <source>People</source>
            <translation>人口</translation>
        </message>
        <message>
            <source>Special groups</source>
            <translation>重点人群</translation>
        </message>
        <message>
            <source>Visits this month (done / due)</source>
            <translation>本月走访（已访 / 应访）</translation>
        </message>
        <message>
            <source>Overdue visits</source>
            <translation>逾期未访</translation>
        </message>
        <message>
            <source>Open events</source>
            <translation>在办事件</translation>
        </message>
        <message>
            <source>Overdue events</source>
            <translation>超期事件</translation>
        </message>
        <message>
            <source>Supervised</source>
            <translation>督办</translation>
        </message>
        <message>
            <source>Resolution rate this year</source>
            <translation>本年化解率</translation>
        </message>
        <message>
            <source>No events registered this year yet.</source>
            <translation>今年还没有登记事件。</translation>
        </message>
        <message>
            <source>No events in the last 12 months.</source>
            <translation>近12个月没有事件。</translation>
        </message>
        <message>
            <source>No households registered yet.</source>
            <translation>还没有登记住户。</translation>
        </message>
        <message>
            <source>Nothing is registered yet. Start by registering the households of your grids (住户 page, Ctrl+N), or import your existing Excel ledgers (报表 page).</source>
            <translation>还没有任何数据。请先在“住户”页登记网格内的住户（Ctrl+N 新建），或在“报表”页导入已有的 Excel 台账。</translation>
        </message>
        <message>
            <source>Register households</source>
            <translation>登记住户</translation>
        </message>
        <message>
            <source>Import ledgers</source>
            <translation>导入台账</translation>
        </message>
        <message>
            <source>Updating…</source>
            <translation>正在统计…</translation>
        </message>
        <message>
            <source>Could not count: %1</source>
            <translation>统计失败：%1</translation>
        </message>
        <message>
            <source>All units</source>
            <translation>全部单位</translation>
        </message>
        <message>
            <source>As of %1</source>
            <translation>数据截至 %1</translation>
        </message>
        <message>
            <source>Click to open the matching list</source>
            <translation>点击打开对应的列表</translation>
        </message>
        <message>
            <source>Click to choose a group</source>
            <translation>点击选择人员类别</translation>
        </message>
        <message>
            <source>Nobody in a group</source>
            <translation>暂无重点人员</translation>
        </message>
        <message>
            <source>Registered households</source>
            <translation>在册住户</translation>
        </message>
        <message>
            <source>Of them %1 floating</source>
            <translation>其中流动人口 %1 人</translation>
        </message>
        <message>
            <source>Residents except the dead and moved out; click to list people</source>
            <translation>在册人口（不含死亡、迁出），点击查看人员</translation>
        </message>
        <message>
            <source>People in at least one special group, each counted once</source>
            <translation>至少属于一类重点人群的人员，一人只计一次</translation>
        </message>
        <message>
            <source>%1 still to visit by the month's end</source>
            <translation>本月内还有 %1 个对象待访</translation>
        </message>
        <message>
            <source>Scheduled households, people and places visited in %1, of those due by its end; click for those due this week</source>
            <translation>%1应访的住户、重点人员和场所中已走访的数量（已访 / 应访）；点击查看本周到期的对象</translation>
        </message>
        <message>
            <source>Past their visit date</source>
            <translation>已过应访日期</translation>
        </message>
        <message>
            <source>Not closed yet</source>
            <translation>尚未办结</translation>
        </message>
        <message>
            <source>Past the deadline</source>
            <translation>已超过办理期限</translation>
        </message>
        <message>
            <source>Urged by the level above, not closed</source>
            <translation>上级督办、尚未办结</translation>
        </message>
        <message>
            <source>Disputes registered in %1 and resolved (化解成功), as the summary counts them; click to list the disputes</source>
            <translation>%1受理的矛盾纠纷中化解成功的比例，与汇总表口径相同；点击查看矛盾纠纷</translation>
        </message>
        <message>
            <source>Resolution rate %1</source>
            <translation>%1化解率</translation>
        </message>
        <message>
            <source>No disputes registered this year</source>
            <translation>今年尚未受理矛盾纠纷</translation>
        </message>
        <message>
            <source>%1 resolved ÷ %2 registered</source>
            <translation>化解 %1 ÷ 受理 %2</translation>
        </message>
        <message>
            <source>Events in %1 by category</source>
            <translation>%1事件分类</translation>
        </message>
        <message>
            <source>Disputes by the class of the township statistics; every other kind as one bar. Returned events are left out.</source>
            <translation>矛盾纠纷按乡镇统计分类，其他类型事件各一条；不含已退回的事件。</translation>
        </message>
        <message>
            <source>%1: %2 in %3 — click to list them</source>
            <translation>%1：%3登记 %2 件，点击查看</translation>
        </message>
        <message>
            <source>Events per month, last 12 months</source>
            <translation>近12个月事件登记与化解</translation>
        </message>
        <message>
            <source>Registered: events registered in the month (returned ones left out). Resolved: events closed in the month as 化解成功.</source>
            <translation>登记：当月登记的事件（不含退回）；化解：当月办结且化解成功的事件。</translation>
        </message>
        <message>
            <source>%1-%2 (%3 to %4)
Registered: %5
Resolved: %6
Click to list the events registered</source>
            <translation>%1年%2月（%3 至 %4）
登记：%5 件
化解：%6 件
点击查看事件列表</translation>
        </message>
        <message>
            <source>Registered</source>
            <translation>登记</translation>
        </message>
        <message>
            <source>Resolved</source>
            <translation>化解</translation>
        </message>
        <message>
            <source>by grid</source>
            <translation>按网格</translation>
        </message>
        <message>
            <source>by village</source>
            <translation>按村（社区）</translation>
        </message>
        <message>
            <source>by township</source>
            <translation>按乡镇</translation>
        </message>
        <message>
            <source>Visit coverage, %1 (%2)</source>
            <translation>走访覆盖率（%1，%2）</translation>
        </message>
        <message>
            <source>Coverage = households visited since %1 (a visit to a member counts) ÷ registered households.</source>
            <translation>覆盖率 = %1 以来走访到的户数（走访其家庭成员也计入）÷ 在册户数。</translation>
        </message>
        <message>
            <source>%1: %2 of %3 households visited since %4 — click to list the households</source>
            <translation>%1：%4 以来已走访 %2 户，共 %3 户，点击查看住户</translation>
        </message>
        <message>
            <source>%1 — %2 people</source>
            <translation>%1 — %2 人</translation>
        </message>
    </context>
    <context>
        <name>DivisionFilters</name>
        <message>
            <source>All townships</source>
            <translation>全部乡镇（街道）</translation>
        </message>
        <message>
            <source>All villages</source>
            <translation>全部村（社区）</translation>
        </message>
        <message>
            <source>Choose a township first</source>
            <translation>请先选择乡镇（街道）</translation>
        </message>
        <message>
            <source>All grids</source>
            <translation>全部网格</translation>
        </message>
        <message>
            <source>Choose a village first</source>
            <translation>请先选择村（社区）</translation>
        </message>
    </context>
    <context>
        <name>DueText</name>
        <message>
            <source>Not on a visit schedule</source>
            <translation>不在走访计划内</translation>
        </message>
        <message>
            <source>%1 days overdue</source>
            <translation>已逾期 %1 天</translation>
        </message>
        <message>
            <source>due today</source>
            <translation>今日到期</translation>
        </message>
        <message>
            <source>in %1 days</source>
            <translation>还有 %1 天</translation>
        </message>
        <message>
            <source>never</source>
            <translation>从未</translation>
        </message>
        <message>
            <source>Due %1 (%2) · last inspected %3 · %4</source>
            <translation>应巡查 %1（%2）· 上次巡查 %3 · %4</translation>
        </message>
        <message>
            <source>Due %1 (%2) · last visit %3 · %4</source>
            <translation>应访 %1（%2）· 上次走访 %3 · %4</translation>
        </message>
    </context>
    <context>
        <name>ErrorPage</name>
        <message>
            <source>The page “%1” could not be opened. Please send the details below to your support contact.</source>
            <translation>无法打开“%1”页面。请把下面的详细信息发给技术支持人员。</translation>
        </message>
    </context>
    <context>
        <name>EventActionDialog</name>
        <message>
            <source>Reason for returning:</source>
            <translation>退回原因：</translation>
        </message>
        <message>
            <source>Reason for the extension:</source>
            <translation>延期理由：</translation>
        </message>
        <message>
            <source>Reason for refusing:</source>
            <translation>拒绝理由：</translation>
        </message>
        <message>
            <source>Why it goes up:</source>
            <translation>上报理由：</translation>
        </message>
        <message>
            <source>Supervision note:</source>
            <translation>督办意见：</translation>
        </message>
        <message>
            <source>Reason for reopening:</source>
            <translation>重新处置原因：</translation>
        </message>
        <message>
            <source>What the parties said:</source>
            <translation>回访情况：</translation>
        </message>
        <message>
            <source>How it was resolved:</source>
            <translation>办结情况：</translation>
        </message>
        <message>
            <source>&amp;Outcome:</source>
            <translation>化解结果(&amp;O)：</translation>
        </message>
        <message>
            <source>&amp;Resolved by:</source>
            <translation>化解方式(&amp;R)：</translation>
        </message>
        <message>
            <source>&amp;Mediator:</source>
            <translation>调解员(&amp;M)：</translation>
        </message>
        <message>
            <source>The terms both parties agreed to</source>
            <translation>双方达成的协议内容</translation>
        </message>
        <message>
            <source>A&amp;greement:</source>
            <translation>调解协议(&amp;G)：</translation>
        </message>
        <message>
            <source>Agreement &amp;date:</source>
            <translation>协议日期(&amp;D)：</translation>
        </message>
        <message>
            <source>&amp;Satisfaction:</source>
            <translation>满意度(&amp;S)：</translation>
        </message>
        <message>
            <source>Current deadline:</source>
            <translation>当前期限：</translation>
        </message>
        <message>
            <source>&amp;Extend to:</source>
            <translation>延期至(&amp;E)：</translation>
        </message>
        <message>
            <source>Requested:</source>
            <translation>延期申请：</translation>
        </message>
        <message>
            <source>%1 (now %2): %3</source>
            <translation>延至 %1（现期限 %2）：%3</translation>
        </message>
        <message>
            <source>Note (optional):</source>
            <translation>说明（选填）：</translation>
        </message>
        <message>
            <source>Required</source>
            <translation>必填</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>请选择…</translation>
        </message>
    </context>
    <context>
        <name>EventDetailPane</name>
        <message>
            <source>Choose an event in the list to see its details and timeline.
To report a new one, click “Report event” (Ctrl+N).</source>
            <translation>在左侧列表中选择一件事件，查看详情和办理过程。
登记新事件请点“登记事件”（Ctrl+N）。</translation>
        </message>
        <message>
            <source>Correct…</source>
            <translation>修改…</translation>
        </message>
        <message>
            <source>Open the visit</source>
            <translation>查看来源走访</translation>
        </message>
        <message>
            <source>The visit or inspection this event was reported from</source>
            <translation>生成该事件的走访或巡查记录</translation>
        </message>
        <message>
            <source>Add photo…</source>
            <translation>添加照片…</translation>
        </message>
        <message>
            <source>Attach a photo or a scanned paper to this event</source>
            <translation>为该事件添加照片或纸质材料的扫描件</translation>
        </message>
        <message>
            <source>Print agreement</source>
            <translation>打印调解协议书</translation>
        </message>
        <message>
            <source>Kind:</source>
            <translation>类型：</translation>
        </message>
        <message>
            <source>Category:</source>
            <translation>类别：</translation>
        </message>
        <message>
            <source>Occurred:</source>
            <translation>发生时间：</translation>
        </message>
        <message>
            <source>Location:</source>
            <translation>地点：</translation>
        </message>
        <message>
            <source>Village / grid:</source>
            <translation>村 / 网格：</translation>
        </message>
        <message>
            <source>Scale:</source>
            <translation>规模：</translation>
        </message>
        <message>
            <source>Registered:</source>
            <translation>登记时间：</translation>
        </message>
        <message>
            <source>Reported by:</source>
            <translation>登记人：</translation>
        </message>
        <message>
            <source>Handled by:</source>
            <translation>承办：</translation>
        </message>
        <message>
            <source>Deadline:</source>
            <translation>办理期限：</translation>
        </message>
        <message>
            <source>Extension:</source>
            <translation>延期申请：</translation>
        </message>
        <message>
            <source>Resolution:</source>
            <translation>办结情况：</translation>
        </message>
        <message>
            <source>Parties</source>
            <translation>当事人</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>身份</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>身份证号</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Attachments</source>
            <translation>附件</translation>
        </message>
        <message>
            <source>Timeline</source>
            <translation>办理过程</translation>
        </message>
        <message>
            <source>Priority %1</source>
            <translation>%1色等级</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>超期</translation>
        </message>
        <message>
            <source>Supervised</source>
            <translation>督办</translation>
        </message>
        <message>
            <source>Reported up to %1</source>
            <translation>已上报至%1</translation>
        </message>
        <message>
            <source>Supervision: %1</source>
            <translation>督办意见：%1</translation>
        </message>
        <message>
            <source>Extension to %1 requested: %2</source>
            <translation>已申请延期至 %1：%2</translation>
        </message>
        <message>
            <source>%1, %2 people</source>
            <translation>%1，涉及 %2 人</translation>
        </message>
        <message>
            <source>%1 (overdue)</source>
            <translation>%1（已超期）</translation>
        </message>
        <message>
            <source>closed on time</source>
            <translation>按时办结</translation>
        </message>
        <message>
            <source>closed late</source>
            <translation>超期办结</translation>
        </message>
        <message>
            <source>requested to %1</source>
            <translation>申请延至 %1</translation>
        </message>
        <message>
            <source>mediator %1</source>
            <translation>调解员 %1</translation>
        </message>
        <message>
            <source>follow-up: %1</source>
            <translation>回访：%1</translation>
        </message>
        <message>
            <source>(no description)</source>
            <translation>（无简要情况）</translation>
        </message>
        <message>
            <source>Agreement (%1):</source>
            <translation>调解协议（%1）：</translation>
        </message>
        <message>
            <source>An archived event keeps its attachments as they are</source>
            <translation>已归档的事件不能再添加附件</translation>
        </message>
        <message>
            <source>Your role can't change events</source>
            <translation>您的角色不能修改事件</translation>
        </message>
        <message>
            <source>Correct the facts of this event</source>
            <translation>修改该事件的登记信息</translation>
        </message>
        <message>
            <source>%1 this event</source>
            <translation>对该事件执行“%1”</translation>
        </message>
    </context>
    <context>
        <name>EventDialog</name>
        <message>
            <source>Correct event %1</source>
            <translation>修改事件 %1</translation>
        </message>
        <message>
            <source>Report an event</source>
            <translation>登记事件</translation>
        </message>
        <message>
            <source>&amp;Category:</source>
            <translation>类别(&amp;C)：</translation>
        </message>
        <message>
            <source>One line: who, what (e.g. 张某与李某宅基地界址纠纷)</source>
            <translation>一句话写清谁、什么事（如：张某与李某宅基地界址纠纷）</translation>
        </message>
        <message>
            <source>A registered place, when it happened at one (optional)</source>
            <translation>发生在已登记场所时选择（选填）</translation>
        </message>
        <message>
            <source>&amp;Location:</source>
            <translation>地点(&amp;L)：</translation>
        </message>
        <message>
            <source>red: report up at once</source>
            <translation>立即上报</translation>
        </message>
        <message>
            <source>orange: handle the same day</source>
            <translation>当天处置</translation>
        </message>
        <message>
            <source>yellow: handle in the grid</source>
            <translation>网格内处置</translation>
        </message>
        <message>
            <source>&amp;People involved:</source>
            <translation>涉及人数(&amp;P)：</translation>
        </message>
        <message>
            <source>P&amp;riority:</source>
            <translation>风险等级(&amp;R)：</translation>
        </message>
        <message>
            <source>&amp;Kind:</source>
            <translation>事件类型(&amp;K)：</translation>
        </message>
        <message>
            <source>&amp;Title:</source>
            <translation>标题(&amp;T)：</translation>
        </message>
        <message>
            <source>&amp;Description:</source>
            <translation>简要情况(&amp;D)：</translation>
        </message>
        <message>
            <source>&amp;Occurred at:</source>
            <translation>发生时间(&amp;O)：</translation>
        </message>
        <message>
            <source>Pl&amp;ace:</source>
            <translation>场所(&amp;A)：</translation>
        </message>
        <message>
            <source>&amp;Grid:</source>
            <translation>所在网格(&amp;G)：</translation>
        </message>
        <message>
            <source>Parties:</source>
            <translation>当事人：</translation>
        </message>
        <message>
            <source>&amp;Scale:</source>
            <translation>规模(&amp;S)：</translation>
        </message>
        <message>
            <source>Deadline:</source>
            <translation>办理期限：</translation>
        </message>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation>保存（Ctrl+S）</translation>
        </message>
        <message>
            <source>Choose where it happened…</source>
            <translation>请选择事件所在地…</translation>
        </message>
        <message>
            <source>The township itself (no village)</source>
            <translation>乡镇本级（不属于某村）</translation>
        </message>
        <message>
            <source>%1 (whole village)</source>
            <translation>%1（全村）</translation>
        </message>
        <message>
            <source>From the %1 of %2 on %3</source>
            <translation>来自 %3 对%2的%1</translation>
        </message>
        <message>
            <source>(no category for this kind)</source>
            <translation>（该类型不分类别）</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>请选择…</translation>
        </message>
        <message>
            <source>%1 (time limit of %2: %3 days from registration)</source>
            <translation>%1（%2时限：登记后 %3 天）</translation>
        </message>
        <message>
            <source>Choose the grid or village where it happened</source>
            <translation>请选择事件所在的网格或村(社区)</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>未保存</translation>
        </message>
    </context>
    <context>
        <name>EventTableModel</name>
        <message>
            <source>Number</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Registered</source>
            <translation>登记时间</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>等级</translation>
        </message>
        <message>
            <source>Deadline</source>
            <translation>办理期限</translation>
        </message>
        <message>
            <source>Village / grid</source>
            <translation>村 / 网格</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>承办层级</translation>
        </message>
        <message>
            <source>Handler</source>
            <translation>承办人</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>超期</translation>
        </message>
        <message>
            <source>Supervised</source>
            <translation>督办</translation>
        </message>
    </context>
    <context>
        <name>EventsPage</name>
        <message>
            <source>Report event</source>
            <translation>登记事件</translation>
        </message>
        <message>
            <source>Report a new event (Ctrl+N)</source>
            <translation>登记新事件（Ctrl+N）</translation>
        </message>
        <message>
            <source>Your role can't report events</source>
            <translation>您的角色不能登记事件</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Search: event number or words of the title (Ctrl+F)</source>
            <translation>搜索：事件编号或标题中的字词（Ctrl+F）</translation>
        </message>
        <message>
            <source>Any state</source>
            <translation>全部状态</translation>
        </message>
        <message>
            <source>Not closed yet</source>
            <translation>未办结</translation>
        </message>
        <message>
            <source>All kinds</source>
            <translation>全部类型</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>超期</translation>
        </message>
        <message>
            <source>Past the deadline and not closed</source>
            <translation>已过办理期限仍未办结</translation>
        </message>
        <message>
            <source>Supervised</source>
            <translation>督办</translation>
        </message>
        <message>
            <source>Urged by the level above (督办)</source>
            <translation>上级督办的事件</translation>
        </message>
        <message>
            <source>Mine</source>
            <translation>我的</translation>
        </message>
        <message>
            <source>Reported or handled by me</source>
            <translation>我登记或承办的事件</translation>
        </message>
        <message>
            <source>Reported up</source>
            <translation>上报的</translation>
        </message>
        <message>
            <source>Passed up to the township or county</source>
            <translation>已上报乡镇或县的事件</translation>
        </message>
        <message>
            <source>Show all</source>
            <translation>显示全部</translation>
        </message>
        <message>
            <source>Any date</source>
            <translation>任何日期</translation>
        </message>
        <message>
            <source>Show the events of every registration date</source>
            <translation>显示所有登记日期的事件</translation>
        </message>
        <message>
            <source>All categories</source>
            <translation>全部类别</translation>
        </message>
        <message>
            <source>Statistics class</source>
            <translation>统计分类</translation>
        </message>
        <message>
            <source>GB/T 31000 category</source>
            <translation>国标分类（GB/T 31000）</translation>
        </message>
        <message>
            <source>Choose 矛盾纠纷 or 安全隐患 first to filter by category</source>
            <translation>先选择“矛盾纠纷”或“安全隐患”，才能按类别筛选</translation>
        </message>
        <message>
            <source>Search failed</source>
            <translation>查询失败</translation>
        </message>
        <message>
            <source>Only: %1</source>
            <translation>仅：%1</translation>
        </message>
        <message>
            <source>Registered %1 to %2</source>
            <translation>登记日期 %1 至 %2</translation>
        </message>
        <message>
            <source>Registered from %1</source>
            <translation>登记日期 %1 起</translation>
        </message>
        <message>
            <source>Registered until %1</source>
            <translation>登记日期至 %1</translation>
        </message>
        <message>
            <source>No event matches. Clear some filters.</source>
            <translation>没有符合条件的事件，请减少筛选条件。</translation>
        </message>
        <message>
            <source>No events yet. Click “Report event” (Ctrl+N) to report the first one.</source>
            <translation>还没有事件。点“登记事件”（Ctrl+N）登记第一件。</translation>
        </message>
        <message>
            <source>%1 events</source>
            <translation>共 %1 件</translation>
        </message>
        <message>
            <source>Event</source>
            <translation>事件</translation>
        </message>
        <message>
            <source>Correct event</source>
            <translation>修改事件</translation>
        </message>
        <message>
            <source>Add photo or scan</source>
            <translation>添加照片或扫描件</translation>
        </message>
        <message>
            <source>Photos and scans</source>
            <translation>照片和扫描件</translation>
        </message>
        <message>
            <source>All files</source>
            <translation>所有文件</translation>
        </message>
        <message>
            <source>Visit</source>
            <translation>走访</translation>
        </message>
    </context>
    <context>
        <name>GeneralTab</name>
        <message>
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>Interface language:</source>
            <translation>界面语言：</translation>
        </message>
        <message>
            <source>This station</source>
            <translation>本服务站</translation>
        </message>
        <message>
            <source>(not set up)</source>
            <translation>（尚未设置）</translation>
        </message>
        <message>
            <source>Station:</source>
            <translation>服务站：</translation>
        </message>
        <message>
            <source>Township:</source>
            <translation>乡镇（街道）：</translation>
        </message>
        <message>
            <source>Village:</source>
            <translation>村（社区）：</translation>
        </message>
        <message>
            <source>Data and backups</source>
            <translation>数据与备份</translation>
        </message>
        <message>
            <source>Database file:</source>
            <translation>数据库文件：</translation>
        </message>
        <message>
            <source>Backups folder:</source>
            <translation>备份文件夹：</translation>
        </message>
        <message>
            <source>User data folder:</source>
            <translation>用户数据文件夹：</translation>
        </message>
        <message>
            <source>Backups are made with the database online and kept for 7 days and 4 weeks. Copy the backups folder to a USB drive regularly.</source>
            <translation>备份在数据库使用中在线完成，保留最近 7 天和 4 周的备份。请定期把备份文件夹复制到U盘。</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>打开文件夹</translation>
        </message>
        <message>
            <source>The folder does not exist yet: it is created with the first backup.</source>
            <translation>该文件夹尚不存在：第一次备份时会自动创建。</translation>
        </message>
    </context>
    <context>
        <name>HandoverDialog</name>
        <message>
            <source>Grid handover</source>
            <translation>网格移交</translation>
        </message>
        <message>
            <source>Handover</source>
            <translation>移交</translation>
        </message>
        <message>
            <source>e.g. 张三 retired; papers handed over on paper</source>
            <translation>例如：张三退休，纸质台账已当面交接</translation>
        </message>
        <message>
            <source>&amp;Grid:</source>
            <translation>网格(&amp;G)：</translation>
        </message>
        <message>
            <source>Looked after by:</source>
            <translation>现由：</translation>
        </message>
        <message>
            <source>&amp;New worker:</source>
            <translation>接手网格员(&amp;N)：</translation>
        </message>
        <message>
            <source>&amp;From:</source>
            <translation>交接日期(&amp;F)：</translation>
        </message>
        <message>
            <source>N&amp;ote:</source>
            <translation>说明(&amp;O)：</translation>
        </message>
        <message>
            <source>History of this grid</source>
            <translation>该网格的交接记录</translation>
        </message>
        <message>
            <source>Worker</source>
            <translation>网格员</translation>
        </message>
        <message>
            <source>From</source>
            <translation>起</translation>
        </message>
        <message>
            <source>To</source>
            <translation>止</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>说明</translation>
        </message>
        <message>
            <source>What the previous worker leaves open</source>
            <translation>原网格员的待办事项</translation>
        </message>
        <message>
            <source>Number</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Deadline</source>
            <translation>办理期限</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>关系</translation>
        </message>
        <message>
            <source>Open events (the ticked ones go to the person chosen below):</source>
            <translation>未办结事件（勾选的事件改派给下面选定的人）：</translation>
        </message>
        <message>
            <source>Ticked events &amp;go to:</source>
            <translation>勾选的事件改派给(&amp;G)：</translation>
        </message>
        <message>
            <source>Give them &amp;now</source>
            <translation>立即改派(&amp;N)</translation>
        </message>
        <message>
            <source>Give the ticked events away without handing the grid over (they go along with the handover too)</source>
            <translation>不移交网格，先改派勾选的事件（移交网格时也会一并改派）</translation>
        </message>
        <message>
            <source>Overdue visits of the worker's grids (they pass with the grid):</source>
            <translation>其网格中逾期未访的对象（随网格一并移交）：</translation>
        </message>
        <message>
            <source>Who or what</source>
            <translation>对象</translation>
        </message>
        <message>
            <source>Grid</source>
            <translation>网格</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>应访日期</translation>
        </message>
        <message>
            <source>Overdue by</source>
            <translation>逾期</translation>
        </message>
        <message>
            <source>&amp;Hand over</source>
            <translation>移交(&amp;H)</translation>
        </message>
        <message>
            <source>(no grid in your area)</source>
            <translation>（您的辖区内没有网格）</translation>
        </message>
        <message>
            <source>nobody</source>
            <translation>无人负责</translation>
        </message>
        <message>
            <source>(nobody for now: the grid waits for a worker)</source>
            <translation>（暂无：网格等待新网格员）</translation>
        </message>
        <message>
            <source>No other active grid worker account covers this grid: create one in the Users tab first.</source>
            <translation>没有其他覆盖该网格的在用网格员账号：请先在“用户”页新建一个。</translation>
        </message>
        <message>
            <source>now</source>
            <translation>至今</translation>
        </message>
        <message>
            <source>The grid has no worker now: nothing is left to pass on.</source>
            <translation>该网格目前没有网格员，没有需要交接的事项。</translation>
        </message>
        <message>
            <source>%1 has %2 open events and %3 overdue visits in their grids. Give the events to the new worker (or someone else) so none is forgotten.</source>
            <translation>%1 有 %2 件未办结事件，其网格中有 %3 个逾期未访对象。请把事件改派给接手的网格员（或其他人），以免遗漏。</translation>
        </message>
        <message>
            <source>No open events: nothing to give away.</source>
            <translation>没有未办结事件，无需改派。</translation>
        </message>
        <message>
            <source>No overdue visits.</source>
            <translation>没有逾期未访的对象。</translation>
        </message>
        <message>
            <source>%1 days</source>
            <translation>%1 天</translation>
        </message>
        <message>
            <source>No open events to give away</source>
            <translation>没有需要改派的未办结事件</translation>
        </message>
        <message>
            <source>Give events</source>
            <translation>改派事件</translation>
        </message>
        <message>
            <source>Tick the events to give away first.</source>
            <translation>请先勾选要改派的事件。</translation>
        </message>
        <message>
            <source>%1 events now handled by %2.</source>
            <translation>已将 %1 件事件改派给 %2。</translation>
        </message>
        <message>
            <source>Choose a grid.</source>
            <translation>请选择网格。</translation>
        </message>
        <message>
            <source>The grid was handed over, but the ticked events stay with %1: %2</source>
            <translation>网格已移交，但勾选的事件仍由 %1 负责：%2</translation>
        </message>
    </context>
    <context>
        <name>HistoryPane</name>
        <message>
            <source>Record a visit of this target</source>
            <translation>为该对象记录走访</translation>
        </message>
        <message>
            <source>Open record</source>
            <translation>查看记录</translation>
        </message>
        <message>
            <source>Print record</source>
            <translation>打印记录</translation>
        </message>
        <message>
            <source>Choose a visit in the list first</source>
            <translation>请先在列表中选择一次走访</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>走访时间</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Method</source>
            <translation>方式</translation>
        </message>
        <message>
            <source>Visitor</source>
            <translation>走访人</translation>
        </message>
        <message>
            <source>State</source>
            <translation>对象状态</translation>
        </message>
        <message>
            <source>Risk</source>
            <translation>危险性</translation>
        </message>
        <message>
            <source>grade %1</source>
            <translation>%1级</translation>
        </message>
        <message>
            <source>Checklist</source>
            <translation>巡查结果</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>情况记录</translation>
        </message>
        <message>
            <source>Findings</source>
            <translation>发现问题</translation>
        </message>
        <message>
            <source>Companions</source>
            <translation>陪同人员</translation>
        </message>
        <message>
            <source>Failed items</source>
            <translation>不合格项</translation>
        </message>
        <message>
            <source>Files</source>
            <translation>附件</translation>
        </message>
        <message>
            <source>Events</source>
            <translation>事件</translation>
        </message>
        <message>
            <source>%1 failed</source>
            <translation>%1 项不合格</translation>
        </message>
        <message>
            <source>all passed</source>
            <translation>全部合格</translation>
        </message>
        <message>
            <source>Visit history</source>
            <translation>走访记录</translation>
        </message>
        <message>
            <source>Choose someone in the worklist to see their visits.
To record a visit of anyone else, click “Record visit” (Ctrl+N).</source>
            <translation>在待访清单中选择一个对象，查看其走访记录。
走访清单以外的对象，请点“记录走访”（Ctrl+N）后搜索。</translation>
        </message>
        <message>
            <source>No visits recorded yet.</source>
            <translation>尚无走访记录。</translation>
        </message>
    </context>
    <context>
        <name>HouseholdDetailPane</name>
        <message>
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Method</source>
            <translation>方式</translation>
        </message>
        <message>
            <source>Visitor</source>
            <translation>走访人</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>对象</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>情况记录</translation>
        </message>
        <message>
            <source>Number</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Registered</source>
            <translation>登记时间</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>Choose a household in the list to see its members and history.
To register a new household, click “New household” (Ctrl+N).</source>
            <translation>在左侧列表中选择一户，查看其成员和走访、事件记录。
登记新住户请点击“新增户”（Ctrl+N）。</translation>
        </message>
        <message>
            <source>Address:</source>
            <translation>现住址：</translation>
        </message>
        <message>
            <source>Village:</source>
            <translation>所在地：</translation>
        </message>
        <message>
            <source>Grid:</source>
            <translation>网格：</translation>
        </message>
        <message>
            <source>Type:</source>
            <translation>户类型：</translation>
        </message>
        <message>
            <source>Housing:</source>
            <translation>住房：</translation>
        </message>
        <message>
            <source>Phone:</source>
            <translation>联系电话：</translation>
        </message>
        <message>
            <source>Members:</source>
            <translation>人数：</translation>
        </message>
        <message>
            <source>Updated:</source>
            <translation>更新时间：</translation>
        </message>
        <message>
            <source>Notes:</source>
            <translation>备注：</translation>
        </message>
        <message>
            <source>&lt;b&gt;Members&lt;/b&gt;</source>
            <translation>&lt;b&gt;家庭成员&lt;/b&gt;</translation>
        </message>
        <message>
            <source>No visits recorded yet.</source>
            <translation>暂无走访记录</translation>
        </message>
        <message>
            <source>No events for this household.</source>
            <translation>暂无事件</translation>
        </message>
        <message>
            <source>Visits</source>
            <translation>走访记录</translation>
        </message>
        <message>
            <source>Events</source>
            <translation>事件</translation>
        </message>
        <message>
            <source>Household %1 · head %2</source>
            <translation>户号 %1 · 户主 %2</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>（无）</translation>
        </message>
        <message>
            <source>In the recycle bin since %1.</source>
            <translation>已于 %1 移入回收站。</translation>
        </message>
    </context>
    <context>
        <name>HouseholdDialog</name>
        <message>
            <source>Edit household %1</source>
            <translation>编辑住户 %1</translation>
        </message>
        <message>
            <source>New household</source>
            <translation>新增住户</translation>
        </message>
        <message>
            <source>Next free number</source>
            <translation>下一个户号</translation>
        </message>
        <message>
            <source>Fill in the next free household number of the grid's village</source>
            <translation>填入所选网格所在村（社区）下一个未用的户号</translation>
        </message>
        <message>
            <source>e.g. Group 3, No. 12</source>
            <translation>例如：三组12号</translation>
        </message>
        <message>
            <source>mobile 13812345678 or 0714-8123456</source>
            <translation>手机 13812345678 或固话 0714-8123456</translation>
        </message>
        <message>
            <source>Household</source>
            <translation>户基本信息</translation>
        </message>
        <message>
            <source>&amp;Grid:</source>
            <translation>网格(&amp;G)：</translation>
        </message>
        <message>
            <source>Household &amp;no.:</source>
            <translation>户号(&amp;N)：</translation>
        </message>
        <message>
            <source>&amp;Address:</source>
            <translation>现住址(&amp;A)：</translation>
        </message>
        <message>
            <source>&amp;Type:</source>
            <translation>户类型(&amp;T)：</translation>
        </message>
        <message>
            <source>&amp;Housing:</source>
            <translation>住房情况(&amp;H)：</translation>
        </message>
        <message>
            <source>&amp;Phone:</source>
            <translation>联系电话(&amp;P)：</translation>
        </message>
        <message>
            <source>N&amp;otes:</source>
            <translation>备注(&amp;O)：</translation>
        </message>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation>保存（Ctrl+S）</translation>
        </message>
        <message>
            <source>Head and members</source>
            <translation>户主和家庭成员</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Relation</source>
            <translation>与户主关系</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>性别</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>公民身份号码</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>联系电话</translation>
        </message>
        <message>
            <source>Enter the &amp;head…</source>
            <translation>填写户主(&amp;H)…</translation>
        </message>
        <message>
            <source>Add &amp;member…</source>
            <translation>添加成员(&amp;M)…</translation>
        </message>
        <message>
            <source>&amp;Edit…</source>
            <translation>修改(&amp;E)…</translation>
        </message>
        <message>
            <source>&amp;Remove</source>
            <translation>移除(&amp;R)</translation>
        </message>
        <message>
            <source>Choosing another grid moves the household and its members there</source>
            <translation>选择其他网格会把该户及其成员一并移过去</translation>
        </message>
        <message>
            <source>There is no grid in your area yet: create one in Settings first.</source>
            <translation>您的辖区内还没有网格，请先在“设置”中创建网格。</translation>
        </message>
        <message>
            <source>Change the &amp;head…</source>
            <translation>修改户主(&amp;H)…</translation>
        </message>
        <message>
            <source>Enter the head of household first</source>
            <translation>请先填写户主</translation>
        </message>
        <message>
            <source>Enter the head of household (button “Enter the head…”).</source>
            <translation>请填写户主信息（点击“填写户主…”）。</translation>
        </message>
        <message>
            <source>Please confirm</source>
            <translation>请确认</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>未保存</translation>
        </message>
        <message>
            <source> (select the person and click “Edit…”)</source>
            <translation>（请选中此人后点击“修改…”）</translation>
        </message>
        <message>
            <source>Already registered</source>
            <translation>已登记</translation>
        </message>
        <message>
            <source>Open existing record</source>
            <translation>打开已有记录</translation>
        </message>
        <message>
            <source>Changed meanwhile</source>
            <translation>记录已被他人修改</translation>
        </message>
        <message>
            <source> The form now shows the record as saved by the other person; check it and save your change again.</source>
            <translation>表单已重新载入对方保存的内容，请核对后再保存您的修改。</translation>
        </message>
    </context>
    <context>
        <name>HouseholdTableModel</name>
        <message>
            <source>Household no.</source>
            <translation>户号</translation>
        </message>
        <message>
            <source>Head</source>
            <translation>户主</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>现住址</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>人数</translation>
        </message>
        <message>
            <source>Grid</source>
            <translation>网格</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>标签</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>联系电话</translation>
        </message>
    </context>
    <context>
        <name>HouseholdsPage</name>
        <message>
            <source>All groups</source>
            <translation>全部人员类别</translation>
        </message>
        <message>
            <source>Any residence status</source>
            <translation>全部人员状态</translation>
        </message>
        <message>
            <source>New household</source>
            <translation>新增户</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>编辑</translation>
        </message>
        <message>
            <source>Move to another grid</source>
            <translation>移至其他网格</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>恢复</translation>
        </message>
        <message>
            <source>Recycle bin</source>
            <translation>回收站</translation>
        </message>
        <message>
            <source>Show the deleted households, to restore them</source>
            <translation>显示已删除的住户，可从中恢复</translation>
        </message>
        <message>
            <source>Import…</source>
            <translation>导入…</translation>
        </message>
        <message>
            <source>Import a household register kept in Excel</source>
            <translation>导入用 Excel 登记的户籍人口台账</translation>
        </message>
        <message>
            <source>Add member</source>
            <translation>新增成员</translation>
        </message>
        <message>
            <source>Edit member</source>
            <translation>编辑成员</translation>
        </message>
        <message>
            <source>Make head</source>
            <translation>设为户主</translation>
        </message>
        <message>
            <source>Remove member</source>
            <translation>删除成员</translation>
        </message>
        <message>
            <source>Show full</source>
            <translation>显示完整</translation>
        </message>
        <message>
            <source>Search failed</source>
            <translation>查询失败</translation>
        </message>
        <message>
            <source>The recycle bin is empty.</source>
            <translation>回收站是空的。</translation>
        </message>
        <message>
            <source>No household matches. Try fewer letters or clear the filters.</source>
            <translation>没有符合条件的住户。请少输几个字，或清除筛选条件。</translation>
        </message>
        <message>
            <source>No households registered yet. Click “New household” (Ctrl+N) to add the first one.</source>
            <translation>还没有登记住户。点击“新增户”（Ctrl+N）登记第一户。</translation>
        </message>
        <message>
            <source>Over %1 households, counting…</source>
            <translation>超过 %1 户，正在统计…</translation>
        </message>
        <message>
            <source>%1 in the recycle bin</source>
            <translation>回收站中共 %1 户</translation>
        </message>
        <message>
            <source>%1 households</source>
            <translation>共 %1 户</translation>
        </message>
        <message>
            <source>Household</source>
            <translation>住户</translation>
        </message>
        <message>
            <source>Your role can't change the register</source>
            <translation>您的角色不能修改住户登记信息</translation>
        </message>
        <message>
            <source>Choose a household in the list first</source>
            <translation>请先在列表中选择一户</translation>
        </message>
        <message>
            <source>Choose a member in the members table first</source>
            <translation>请先在家庭成员表中选择一人</translation>
        </message>
        <message>
            <source>Leave the recycle bin first</source>
            <translation>请先退出回收站</translation>
        </message>
        <message>
            <source>Choose a deleted household first</source>
            <translation>请先选择一户已删除的住户</translation>
        </message>
        <message>
            <source>This member is already the head</source>
            <translation>此人已是户主</translation>
        </message>
        <message>
            <source>Restore the household before printing it</source>
            <translation>请先恢复该户，再打印</translation>
        </message>
        <message>
            <source>Your role may not see full ID numbers and phones</source>
            <translation>您的角色无权查看完整的身份证号和电话</translation>
        </message>
        <message>
            <source>Show the full ID number and phone of the chosen member (or the household's phone); the view is logged</source>
            <translation>显示所选成员（未选成员时为本户）的完整身份证号和电话；查看会记入审计日志</translation>
        </message>
        <message>
            <source>Move household %1 (head %2, %3 members) to the recycle bin? It can be restored from there.</source>
            <translation>把户号 %1（户主 %2，共 %3 人）移入回收站吗？之后可从回收站恢复。</translation>
        </message>
        <message>
            <source>Delete household</source>
            <translation>删除住户</translation>
        </message>
        <message>
            <source>Restored</source>
            <translation>已恢复</translation>
        </message>
        <message>
            <source>Household %1 is back in the register.</source>
            <translation>户号 %1 已恢复。</translation>
        </message>
        <message>
            <source>Open visit</source>
            <translation>打开走访记录</translation>
        </message>
        <message>
            <source>%1 is the only member of this household. To remove them, delete the household.</source>
            <translation>%1 是该户唯一的成员。如需删除，请删除整户。</translation>
        </message>
        <message>
            <source>Move %1 to the recycle bin?</source>
            <translation>把 %1 移入回收站吗？</translation>
        </message>
        <message>
            <source>Not done</source>
            <translation>操作未完成</translation>
        </message>
    </context>
    <context>
        <name>ImportPage</name>
        <message>
            <source>Importing</source>
            <translation>正在导入</translation>
        </message>
        <message>
            <source>The rows checked on the previous page are being written to the register.</source>
            <translation>正在把上一步检查过的行写入系统。</translation>
        </message>
        <message>
            <source>&amp;Cancel import</source>
            <translation>取消导入(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Start again</source>
            <translation>重新导入(&amp;S)</translation>
        </message>
        <message>
            <source>Importing %1… The good rows are written together at the end, so cancelling leaves the register as it was.</source>
            <translation>正在导入 %1……可导入的行最后一次性写入，中途取消不会留下任何数据。</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>正在取消……</translation>
        </message>
        <message>
            <source>The import failed, nothing was written: %1</source>
            <translation>导入失败，没有写入任何数据：%1</translation>
        </message>
        <message>
            <source>The import was cancelled. Nothing was written to the register.</source>
            <translation>导入已取消，没有写入任何数据。</translation>
        </message>
    </context>
    <context>
        <name>ImportWizard</name>
        <message>
            <source>Import a ledger</source>
            <translation>导入台账</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>关闭(&amp;C)</translation>
        </message>
    </context>
    <context>
        <name>InspectionDialog</name>
        <message>
            <source>Inspection: %1</source>
            <translation>巡查：%1</translation>
        </message>
        <message>
            <source>e.g. fire officer 张军</source>
            <translation>如：消防员 张军</translation>
        </message>
        <message>
            <source>&amp;Method:</source>
            <translation>方式(&amp;M)：</translation>
        </message>
        <message>
            <source>&amp;Companions:</source>
            <translation>陪同人员(&amp;C)：</translation>
        </message>
        <message>
            <source>Checklist: %1</source>
            <translation>巡查项目：%1</translation>
        </message>
        <message>
            <source>&amp;All passed</source>
            <translation>其余全部合格(&amp;A)</translation>
        </message>
        <message>
            <source>Mark every item not answered yet as passed</source>
            <translation>把尚未填写的项目都标为合格</translation>
        </message>
        <message>
            <source>No checklist for this category. An administrator can add items in Settings.</source>
            <translation>该类别还没有巡查项目，管理员可在“设置”中添加。</translation>
        </message>
        <message>
            <source>What must be put right, and by when</source>
            <translation>需要整改的问题和整改期限</translation>
        </message>
        <message>
            <source>Place:</source>
            <translation>场所：</translation>
        </message>
        <message>
            <source>&amp;Date and time:</source>
            <translation>时间(&amp;D)：</translation>
        </message>
        <message>
            <source>&amp;Notes:</source>
            <translation>情况记录(&amp;N)：</translation>
        </message>
        <message>
            <source>&amp;Findings:</source>
            <translation>发现问题(&amp;F)：</translation>
        </message>
        <message>
            <source>Attachments:</source>
            <translation>附件：</translation>
        </message>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation>保存（Ctrl+S）</translation>
        </message>
        <message>
            <source>Read only: %1</source>
            <translation>只读：%1</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Event %1</source>
            <translation>已生成 %1</translation>
        </message>
        <message>
            <source>A hazard event was reported for this item</source>
            <translation>该项已生成隐患事件</translation>
        </message>
        <message>
            <source>Report hazard event</source>
            <translation>生成安全隐患事件</translation>
        </message>
        <message>
            <source>Saves the inspection and reports a %1 hazard event for this item</source>
            <translation>保存巡查记录，并为该项生成“%1”类安全隐患事件</translation>
        </message>
        <message>
            <source>Only an item marked 不合格 becomes a hazard event</source>
            <translation>只有“不合格”项可以生成隐患事件</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>未保存</translation>
        </message>
        <message>
            <source>Already reported</source>
            <translation>已生成过</translation>
        </message>
    </context>
    <context>
        <name>Job</name>
        <message>
            <source>Unexpected error: %1</source>
            <translation>意外错误：%1</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
    </context>
    <context>
        <name>LockDialog</name>
        <message>
            <source>Locked</source>
            <translation>已锁定</translation>
        </message>
        <message>
            <source>The station is locked</source>
            <translation>本机已锁定</translation>
        </message>
        <message>
            <source>Nobody used GridApp for a while, so residents' data is hidden. %1, type your password to go on where you left off.</source>
            <translation>网格通已有一段时间无人操作，居民信息已隐藏。%1，请输入密码，继续刚才的工作。</translation>
        </message>
        <message>
            <source>Password of %1</source>
            <translation>%1 的密码</translation>
        </message>
        <message>
            <source>&amp;Switch user</source>
            <translation>换个用户登录(&amp;S)</translation>
        </message>
        <message>
            <source>Log in as someone else; forms left open are closed unsaved</source>
            <translation>以其他用户身份登录；未保存的表单将关闭</translation>
        </message>
        <message>
            <source>&amp;Unlock</source>
            <translation>解锁(&amp;U)</translation>
        </message>
        <message>
            <source>Please enter your password.</source>
            <translation>请输入密码。</translation>
        </message>
        <message>
            <source> Log in again (or as someone else).</source>
            <translation>请重新登录（或换个用户登录）。</translation>
        </message>
        <message>
            <source>&amp;Log in again</source>
            <translation>重新登录(&amp;L)</translation>
        </message>
        <message>
            <source>Wrong password. Repeated mistakes lock the account.</source>
            <translation>密码错误。多次输错将锁定账号。</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <source>Log in</source>
            <translation>登录</translation>
        </message>
        <message>
            <source>GridApp</source>
            <translation>网格通</translation>
        </message>
        <message>
            <source>Your login name</source>
            <translation>您的登录名</translation>
        </message>
        <message>
            <source>&amp;Login:</source>
            <translation>登录名(&amp;L)：</translation>
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation>密码(&amp;P)：</translation>
        </message>
        <message>
            <source>Please enter your login name.</source>
            <translation>请输入登录名。</translation>
        </message>
        <message>
            <source>Please enter your password.</source>
            <translation>请输入密码。</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>GridApp</source>
            <translation>网格通</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>E&amp;xit</source>
            <translation>退出(&amp;X)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>编辑(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;New record</source>
            <translation>新建(&amp;N)</translation>
        </message>
        <message>
            <source>&amp;Find</source>
            <translation>查找(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>刷新(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;About</source>
            <translation>关于(&amp;A)</translation>
        </message>
        <message>
            <source>Station not set up</source>
            <translation>服务站尚未设置</translation>
        </message>
        <message>
            <source>Station: %1</source>
            <translation>服务站：%1</translation>
        </message>
        <message>
            <source>User: %1 (%2)</source>
            <translation>用户：%1（%2）</translation>
        </message>
        <message>
            <source>Database: %1</source>
            <translation>数据库：%1</translation>
        </message>
        <message>
            <source>&lt;h3&gt;GridApp %1&lt;/h3&gt;&lt;p&gt;Offline grid-based community governance for village service stations and township centres.&lt;/p&gt;&lt;p&gt;Database: %2&lt;/p&gt;&lt;p&gt;Qt for Python %3&lt;/p&gt;</source>
            <translation>&lt;h3&gt;网格通 %1&lt;/h3&gt;&lt;p&gt;面向村（社区）网格服务站和乡镇综治中心的离线网格化服务管理软件。&lt;/p&gt;&lt;p&gt;数据库：%2&lt;/p&gt;&lt;p&gt;Qt for Python %3&lt;/p&gt;</translation>
        </message>
        <message>
            <source>About GridApp</source>
            <translation>关于网格通</translation>
        </message>
    </context>
    <context>
        <name>MemberTableModel</name>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Relation</source>
            <translation>与户主关系</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>性别</translation>
        </message>
        <message>
            <source>Age</source>
            <translation>年龄</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>公民身份号码</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>联系电话</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>人员状态</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>标签</translation>
        </message>
    </context>
    <context>
        <name>MoveDialog</name>
        <message>
            <source>Move household %1 to another grid</source>
            <translation>把户号 %1 移至其他网格</translation>
        </message>
        <message>
            <source>The household and all its members move to the grid you choose. Their visits and events stay with them.</source>
            <translation>该户及全部成员将移到所选网格，走访和事件记录随户保留。</translation>
        </message>
        <message>
            <source>Now in:</source>
            <translation>现属：</translation>
        </message>
        <message>
            <source>&amp;Village:</source>
            <translation>村（社区）(&amp;V)：</translation>
        </message>
        <message>
            <source>&amp;Grid:</source>
            <translation>网格(&amp;G)：</translation>
        </message>
        <message>
            <source>&amp;Move</source>
            <translation>移动(&amp;M)</translation>
        </message>
        <message>
            <source>This village has no other grid; choose another village.</source>
            <translation>该村（社区）没有其他网格，请选择其他村（社区）。</translation>
        </message>
    </context>
    <context>
        <name>Navigation</name>
        <message>
            <source>Dashboard</source>
            <translation>工作台</translation>
        </message>
        <message>
            <source>Households</source>
            <translation>住户</translation>
        </message>
        <message>
            <source>People</source>
            <translation>人员</translation>
        </message>
        <message>
            <source>Places</source>
            <translation>场所</translation>
        </message>
        <message>
            <source>Visits</source>
            <translation>走访</translation>
        </message>
        <message>
            <source>Events</source>
            <translation>事件</translation>
        </message>
        <message>
            <source>Reports</source>
            <translation>报表</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
    </context>
    <context>
        <name>Outputs</name>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
    </context>
    <context>
        <name>PagedTableModel</name>
        <message>
            <source>This column can't be sorted</source>
            <translation>此列不能排序</translation>
        </message>
    </context>
    <context>
        <name>PartiesEditor</name>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>身份证号</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>身份</translation>
        </message>
        <message>
            <source>Add a resident: name, pinyin initials, ID or phone tail</source>
            <translation>添加居民：输入姓名、拼音首字母、身份证或电话尾号</translation>
        </message>
        <message>
            <source>Add someone else</source>
            <translation>添加其他当事人</translation>
        </message>
        <message>
            <source>A person not in the register: type the name, and the ID number and phone when known</source>
            <translation>不在户籍档案中的人：填写姓名，知道时再填身份证号和电话</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>Linked to the resident's record</source>
            <translation>已关联居民档案</translation>
        </message>
    </context>
    <context>
        <name>PasswordPair</name>
        <message>
            <source>&amp;Password:</source>
            <translation>密码(&amp;P)：</translation>
        </message>
        <message>
            <source>Password &amp;again:</source>
            <translation>再次输入密码(&amp;A)：</translation>
        </message>
        <message>
            <source>At least %1 characters, with both letters and digits.</source>
            <translation>至少 %1 位，须同时包含字母和数字。</translation>
        </message>
        <message>
            <source>✓ Strong enough; the repetition below differs.</source>
            <translation>✓ 密码强度合格；下面再次输入的密码不一致。</translation>
        </message>
        <message>
            <source>✓ Strong enough.</source>
            <translation>✓ 密码强度合格。</translation>
        </message>
        <message>
            <source>The two passwords differ: type the same one twice.</source>
            <translation>两次输入的密码不一致，请再输入一次。</translation>
        </message>
    </context>
    <context>
        <name>PeoplePage</name>
        <message>
            <source>All groups</source>
            <translation>全部人员类别</translation>
        </message>
        <message>
            <source>Any attention level</source>
            <translation>全部关注程度</translation>
        </message>
        <message>
            <source>Attention: %1</source>
            <translation>关注程度：%1</translation>
        </message>
        <message>
            <source>Open household</source>
            <translation>查看所在户</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>编辑</translation>
        </message>
        <message>
            <source>Show full</source>
            <translation>显示完整</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>恢复</translation>
        </message>
        <message>
            <source>Recycle bin</source>
            <translation>回收站</translation>
        </message>
        <message>
            <source>Show people removed from their household, to restore them</source>
            <translation>显示已删除的人员，可从中恢复</translation>
        </message>
        <message>
            <source>Double-click a person (or press Enter) to open their household.</source>
            <translation>双击某人（或按回车键）查看其所在户。</translation>
        </message>
        <message>
            <source>Search failed</source>
            <translation>查询失败</translation>
        </message>
        <message>
            <source>The recycle bin is empty.</source>
            <translation>回收站是空的。</translation>
        </message>
        <message>
            <source>Nobody matches. Try fewer letters or clear the filters. People who died or moved out are listed when the status filter asks for them.</source>
            <translation>没有找到。请少输几个字或清除筛选条件。死亡、迁出人员需在人员状态中选择后才列出。</translation>
        </message>
        <message>
            <source>Nobody matches. Try fewer letters or clear the filters.</source>
            <translation>没有符合条件的人员。请少输几个字，或清除筛选条件。</translation>
        </message>
        <message>
            <source>No residents registered yet. Add households on the Households page.</source>
            <translation>还没有登记人员。请在“住户”页登记住户。</translation>
        </message>
        <message>
            <source>Over %1 people, counting…</source>
            <translation>超过 %1 人，正在统计…</translation>
        </message>
        <message>
            <source>%1 in the recycle bin</source>
            <translation>回收站中共 %1 人</translation>
        </message>
        <message>
            <source>%1 people</source>
            <translation>共 %1 人</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>人员</translation>
        </message>
        <message>
            <source>Choose a person in the list first</source>
            <translation>请先在列表中选择一人</translation>
        </message>
        <message>
            <source>Bring this person back into their household</source>
            <translation>把此人恢复到原来的户中</translation>
        </message>
        <message>
            <source>Show this person's household on the Households page</source>
            <translation>在住户页显示此人所在的户</translation>
        </message>
        <message>
            <source>Not placed in a household yet</source>
            <translation>尚未落户</translation>
        </message>
        <message>
            <source>Restored</source>
            <translation>已恢复</translation>
        </message>
        <message>
            <source>%1 is back in household %2.</source>
            <translation>%1 已恢复到户号 %2。</translation>
        </message>
        <message>
            <source>Your role can't change the register</source>
            <translation>您的角色不能修改住户登记信息</translation>
        </message>
        <message>
            <source>On the register (not died or moved out)</source>
            <translation>在册人员（不含死亡、迁出）</translation>
        </message>
        <message>
            <source>Everyone, the died and moved out too</source>
            <translation>全部人员（含死亡、迁出）</translation>
        </message>
        <message>
            <source>People who died or moved out are listed only when chosen here</source>
            <translation>死亡、迁出人员只在这里选择后才列出</translation>
        </message>
        <message>
            <source>Edit this person</source>
            <translation>编辑此人信息</translation>
        </message>
        <message>
            <source>Your role may not see full ID numbers and phones</source>
            <translation>您的角色无权查看完整的身份证号和电话</translation>
        </message>
        <message>
            <source>Show this person's full ID number and phone; the view is logged</source>
            <translation>显示此人完整的身份证号和电话；查看会记入审计日志</translation>
        </message>
    </context>
    <context>
        <name>PeriodPicker</name>
        <message>
            <source>Month</source>
            <translation>月度</translation>
        </message>
        <message>
            <source>Quarter</source>
            <translation>季度</translation>
        </message>
        <message>
            <source>Half-year</source>
            <translation>半年</translation>
        </message>
        <message>
            <source>Year</source>
            <translation>年度</translation>
        </message>
        <message>
            <source>Custom range</source>
            <translation>自定义时段</translation>
        </message>
        <message>
            <source>Year %1</source>
            <translation>%1年</translation>
        </message>
        <message>
            <source>to</source>
            <translation>至</translation>
        </message>
        <message>
            <source>Month %1</source>
            <translation>%1月</translation>
        </message>
        <message>
            <source>Quarter %1</source>
            <translation>第%1季度</translation>
        </message>
        <message>
            <source>First half</source>
            <translation>上半年</translation>
        </message>
        <message>
            <source>Second half</source>
            <translation>下半年</translation>
        </message>
        <message>
            <source>%1 to %2 (%3 days)</source>
            <translation>%1 至 %2（%3天）</translation>
        </message>
        <message>
            <source>Months end on day %1 (set in Settings)</source>
            <translation>每月统计到%1日（在“设置”中修改）</translation>
        </message>
        <message>
            <source>Calendar months</source>
            <translation>按自然月统计</translation>
        </message>
    </context>
    <context>
        <name>PersonDialog</name>
        <message>
            <source>Edit resident: %1</source>
            <translation>编辑人员：%1</translation>
        </message>
        <message>
            <source>Head of household</source>
            <translation>户主信息</translation>
        </message>
        <message>
            <source>New household member</source>
            <translation>新增家庭成员</translation>
        </message>
        <message>
            <source>New resident</source>
            <translation>新增人员</translation>
        </message>
        <message>
            <source>18 characters; the birth date and sex are read from it</source>
            <translation>18位，出生日期和性别自动识别</translation>
        </message>
        <message>
            <source>Open existing record</source>
            <translation>打开已有记录</translation>
        </message>
        <message>
            <source>(not given)</source>
            <translation>（未填写）</translation>
        </message>
        <message>
            <source>mobile 13812345678 or 0714-8123456</source>
            <translation>手机 13812345678 或固话 0714-8123456</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>姓名(&amp;N)：</translation>
        </message>
        <message>
            <source>&amp;ID number:</source>
            <translation>公民身份号码(&amp;I)：</translation>
        </message>
        <message>
            <source>&amp;Sex:</source>
            <translation>性别(&amp;S)：</translation>
        </message>
        <message>
            <source>&amp;Birth date:</source>
            <translation>出生日期(&amp;B)：</translation>
        </message>
        <message>
            <source>&amp;Relation to head:</source>
            <translation>与户主关系(&amp;R)：</translation>
        </message>
        <message>
            <source>&amp;Phone:</source>
            <translation>联系电话(&amp;P)：</translation>
        </message>
        <message>
            <source>&amp;Ethnic group:</source>
            <translation>民族(&amp;E)：</translation>
        </message>
        <message>
            <source>&amp;Residence status:</source>
            <translation>人员状态(&amp;Z)：</translation>
        </message>
        <message>
            <source>P&amp;olitical status:</source>
            <translation>政治面貌(&amp;O)：</translation>
        </message>
        <message>
            <source>E&amp;ducation:</source>
            <translation>文化程度(&amp;D)：</translation>
        </message>
        <message>
            <source>O&amp;ccupation:</source>
            <translation>职业(&amp;C)：</translation>
        </message>
        <message>
            <source>No&amp;tes:</source>
            <translation>备注(&amp;T)：</translation>
        </message>
        <message>
            <source>Only members of a household have a relation to its head</source>
            <translation>只有家庭成员才有与户主关系</translation>
        </message>
        <message>
            <source>Special groups</source>
            <translation>重点人群</translation>
        </message>
        <message>
            <source>Sensitive categories are not shown for your role.</source>
            <translation>您的角色看不到敏感人员类别。</translation>
        </message>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation>保存（Ctrl+S）</translation>
        </message>
        <message>
            <source>To make someone else the head, use “Make head” on the household page</source>
            <translation>更换户主请在住户页使用“设为户主”</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>请选择…</translation>
        </message>
        <message>
            <source>Partly hidden. Left as it is, it stays unchanged; to correct it, type the whole number again.</source>
            <translation>部分号码已隐藏。不修改则保持原值；如需更正，请重新输入完整号码。</translation>
        </message>
        <message>
            <source>Read from the ID number</source>
            <translation>由公民身份号码自动得出</translation>
        </message>
        <message>
            <source>Born %1 · %2 · %3 years</source>
            <translation>出生 %1 · %2 · %3 岁</translation>
        </message>
        <message>
            <source>%1 of 18 characters</source>
            <translation>已输入 %1 位，共 18 位</translation>
        </message>
        <message>
            <source>Choose the relation to the head of household</source>
            <translation>请选择与户主关系</translation>
        </message>
        <message>
            <source>Correct the fields marked in red first</source>
            <translation>请先改正标红的项目</translation>
        </message>
        <message>
            <source>Please confirm</source>
            <translation>请确认</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>未保存</translation>
        </message>
        <message>
            <source>Already registered</source>
            <translation>已登记</translation>
        </message>
        <message>
            <source>Changed meanwhile</source>
            <translation>记录已被他人修改</translation>
        </message>
        <message>
            <source> The form now shows the record as saved by the other person; check it and save your change again.</source>
            <translation>表单已重新载入对方保存的内容，请核对后再保存您的修改。</translation>
        </message>
    </context>
    <context>
        <name>PersonTableModel</name>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>性别</translation>
        </message>
        <message>
            <source>Age</source>
            <translation>年龄</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>公民身份号码</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>联系电话</translation>
        </message>
        <message>
            <source>Household no.</source>
            <translation>户号</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村（社区）</translation>
        </message>
        <message>
            <source>Grid</source>
            <translation>网格</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>人员状态</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>标签</translation>
        </message>
    </context>
    <context>
        <name>PlaceDetailPane</name>
        <message>
            <source>Choose a place in the list to see its inspections and hazards.
To register a new place, click “New place” (Ctrl+N).</source>
            <translation>在左侧列表中选择一个场所，查看巡查记录和未整改隐患。
登记新场所请点“新增场所”（Ctrl+N）。</translation>
        </message>
        <message>
            <source>Category:</source>
            <translation>类别：</translation>
        </message>
        <message>
            <source>Address:</source>
            <translation>地址：</translation>
        </message>
        <message>
            <source>Village / grid:</source>
            <translation>村 / 网格：</translation>
        </message>
        <message>
            <source>Contact:</source>
            <translation>联系人：</translation>
        </message>
        <message>
            <source>Next inspection:</source>
            <translation>下次巡查：</translation>
        </message>
        <message>
            <source>Notes:</source>
            <translation>备注：</translation>
        </message>
        <message>
            <source>Inspections</source>
            <translation>巡查记录</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>巡查时间</translation>
        </message>
        <message>
            <source>Inspector</source>
            <translation>巡查人</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>巡查结果</translation>
        </message>
        <message>
            <source>Findings</source>
            <translation>发现问题</translation>
        </message>
        <message>
            <source>Events</source>
            <translation>事件</translation>
        </message>
        <message>
            <source>Not inspected yet. Click “Inspect” to record the first inspection.</source>
            <translation>尚未巡查。点“巡查”登记第一次巡查。</translation>
        </message>
        <message>
            <source>Open hazards</source>
            <translation>未整改隐患</translation>
        </message>
        <message>
            <source>Number</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Deadline</source>
            <translation>办理期限</translation>
        </message>
        <message>
            <source>No open hazards.</source>
            <translation>没有未整改的隐患。</translation>
        </message>
        <message>
            <source>all passed</source>
            <translation>全部合格</translation>
        </message>
        <message>
            <source>failed: %1</source>
            <translation>不合格：%1</translation>
        </message>
    </context>
    <context>
        <name>PlaceDialog</name>
        <message>
            <source>Edit place: %1</source>
            <translation>编辑场所：%1</translation>
        </message>
        <message>
            <source>New place</source>
            <translation>新增场所</translation>
        </message>
        <message>
            <source>Choose the grid…</source>
            <translation>请选择网格…</translation>
        </message>
        <message>
            <source>e.g. 好又多超市, 张家出租屋</source>
            <translation>如：好又多超市、张家出租屋</translation>
        </message>
        <message>
            <source>A resident: name, pinyin initials, ID or phone tail (optional)</source>
            <translation>居民：姓名、拼音首字母、身份证或电话尾号（选填）</translation>
        </message>
        <message>
            <source>or a name</source>
            <translation>或填写姓名</translation>
        </message>
        <message>
            <source>phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Inspect it after saving</source>
            <translation>保存后立即巡查</translation>
        </message>
        <message>
            <source>&amp;Grid:</source>
            <translation>网格(&amp;G)：</translation>
        </message>
        <message>
            <source>&amp;Category:</source>
            <translation>类别(&amp;C)：</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>名称(&amp;N)：</translation>
        </message>
        <message>
            <source>&amp;Address:</source>
            <translation>地址(&amp;A)：</translation>
        </message>
        <message>
            <source>Con&amp;tact:</source>
            <translation>联系人(&amp;T)：</translation>
        </message>
        <message>
            <source>N&amp;otes:</source>
            <translation>备注(&amp;O)：</translation>
        </message>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation>保存（Ctrl+S）</translation>
        </message>
        <message>
            <source>Partly hidden. Left as it is, it stays unchanged; to correct it, type the whole number again.</source>
            <translation>已部分隐藏。不改动则保持原号码；如需更正，请重新输入完整号码。</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>未保存</translation>
        </message>
    </context>
    <context>
        <name>PlaceTableModel</name>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Village / grid</source>
            <translation>村 / 网格</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>联系人</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Last inspected</source>
            <translation>上次巡查</translation>
        </message>
        <message>
            <source>never</source>
            <translation>从未</translation>
        </message>
        <message>
            <source>Open hazards</source>
            <translation>未整改隐患</translation>
        </message>
    </context>
    <context>
        <name>PlaceholderPage</name>
        <message>
            <source>This part of the application is not available in this version yet.</source>
            <translation>本版本暂未提供此功能。</translation>
        </message>
    </context>
    <context>
        <name>PlacesPage</name>
        <message>
            <source>New place</source>
            <translation>新增场所</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>编辑</translation>
        </message>
        <message>
            <source>Inspect</source>
            <translation>巡查</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Search: name, address or contact (Ctrl+F)</source>
            <translation>搜索：名称、地址或联系人（Ctrl+F）</translation>
        </message>
        <message>
            <source>All categories</source>
            <translation>全部类别</translation>
        </message>
        <message>
            <source>Inspection overdue</source>
            <translation>逾期未巡查</translation>
        </message>
        <message>
            <source>Only places whose next inspection is past due</source>
            <translation>只看已过应巡查日期的场所</translation>
        </message>
        <message>
            <source>Search failed</source>
            <translation>查询失败</translation>
        </message>
        <message>
            <source>No place matches. Clear some filters.</source>
            <translation>没有符合条件的场所，请减少筛选条件。</translation>
        </message>
        <message>
            <source>No places registered yet. Click “New place” (Ctrl+N) to add rented houses, shops, workshops and other places to inspect.</source>
            <translation>还没有登记场所。点“新增场所”（Ctrl+N）登记出租房屋、沿街店铺、小微企业等需要巡查的场所。</translation>
        </message>
        <message>
            <source>%1 places</source>
            <translation>共 %1 处</translation>
        </message>
        <message>
            <source>Your role can't change the register of places</source>
            <translation>您的角色不能修改场所登记</translation>
        </message>
        <message>
            <source>Choose a place in the list first</source>
            <translation>请先在列表中选择一个场所</translation>
        </message>
        <message>
            <source>Your role can't record inspections</source>
            <translation>您的角色不能登记巡查</translation>
        </message>
        <message>
            <source>Delete place</source>
            <translation>删除场所</translation>
        </message>
        <message>
            <source>Move %1 to the recycle bin? Its inspections are kept.</source>
            <translation>把“%1”移入回收站？其巡查记录会保留。</translation>
        </message>
        <message>
            <source>Not done</source>
            <translation>未完成</translation>
        </message>
        <message>
            <source>Inspection</source>
            <translation>巡查</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>场所</translation>
        </message>
    </context>
    <context>
        <name>PrintActions</name>
        <message>
            <source>Print preview…</source>
            <translation>打印预览…</translation>
        </message>
        <message>
            <source>Print…</source>
            <translation>打印…</translation>
        </message>
        <message>
            <source>Export PDF…</source>
            <translation>导出PDF…</translation>
        </message>
        <message>
            <source>Print full ID numbers and phones</source>
            <translation>打印完整证件号和电话</translation>
        </message>
        <message>
            <source>Full numbers on the next form printed: every record printed this way is written to the audit log</source>
            <translation>下一次打印的表格显示完整号码：以此方式打印的每条记录都会记入审计日志</translation>
        </message>
        <message>
            <source>Show the printed form on screen (Ctrl+P); print it from there</source>
            <translation>在屏幕上预览打印效果（Ctrl+P），可在预览中直接打印</translation>
        </message>
        <message>
            <source>Print the form on a printer</source>
            <translation>用打印机打印此表</translation>
        </message>
        <message>
            <source>Save the form as an A4 PDF file</source>
            <translation>将此表保存为A4纸张的PDF文件</translation>
        </message>
        <message>
            <source>Print preview, print or save as PDF</source>
            <translation>打印预览、打印或保存为PDF</translation>
        </message>
        <message>
            <source>Can't print</source>
            <translation>无法打印</translation>
        </message>
        <message>
            <source>Export PDF</source>
            <translation>导出PDF</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>PDF文件 (*.pdf)</translation>
        </message>
        <message>
            <source>The PDF could not be written: %1</source>
            <translation>PDF文件未能写入：%1</translation>
        </message>
        <message>
            <source>%1 saved (%2 pages):
%3</source>
            <translation>%1已保存（共 %2 页）：
%3</translation>
        </message>
    </context>
    <context>
        <name>ReportsPage</name>
        <message>
            <source>Summary workbook (汇总表)</source>
            <translation>汇总表</translation>
        </message>
        <message>
            <source>Compare with the previous period (环比) and a year earlier (同比)</source>
            <translation>同比、环比（与上期和上年同期比较）</translation>
        </message>
        <message>
            <source>&amp;Preview</source>
            <translation>预览(&amp;P)</translation>
        </message>
        <message>
            <source>Count the 总表 and show it below</source>
            <translation>统计总表并在下方显示</translation>
        </message>
        <message>
            <source>&amp;Save summary workbook…</source>
            <translation>生成汇总表(&amp;S)…</translation>
        </message>
        <message>
            <source>&amp;Unit:</source>
            <translation>单位(&amp;U)：</translation>
        </message>
        <message>
            <source>Period:</source>
            <translation>统计时段：</translation>
        </message>
        <message>
            <source>Ledgers (台账)</source>
            <translation>台账</translation>
        </message>
        <message>
            <source>Household register (户籍人口登记台账)</source>
            <translation>户籍人口登记台账</translation>
        </message>
        <message>
            <source>People (人员信息台账)</source>
            <translation>人员信息台账</translation>
        </message>
        <message>
            <source>Visits (走访台账)</source>
            <translation>走访台账</translation>
        </message>
        <message>
            <source>Disputes and events (矛盾纠纷排查化解台账)</source>
            <translation>矛盾纠纷排查化解台账</translation>
        </message>
        <message>
            <source>to</source>
            <translation>至</translation>
        </message>
        <message>
            <source>Show full ID numbers and phones (the export is logged)</source>
            <translation>显示完整身份证号和电话（导出将记入审计日志）</translation>
        </message>
        <message>
            <source>&amp;Export ledger…</source>
            <translation>导出台账(&amp;E)…</translation>
        </message>
        <message>
            <source>&amp;Import a ledger…</source>
            <translation>导入台账(&amp;I)…</translation>
        </message>
        <message>
            <source>Bring a household register, visit ledger or event ledger kept in Excel into the register</source>
            <translation>把用 Excel 登记的户籍人口、走访或事件台账导入本系统</translation>
        </message>
        <message>
            <source>&amp;Ledger:</source>
            <translation>台账(&amp;L)：</translation>
        </message>
        <message>
            <source>U&amp;nit:</source>
            <translation>单位(&amp;N)：</translation>
        </message>
        <message>
            <source>Dates:</source>
            <translation>日期：</translation>
        </message>
        <message>
            <source>&amp;Open file</source>
            <translation>打开文件(&amp;O)</translation>
        </message>
        <message>
            <source>Open &amp;folder</source>
            <translation>打开所在文件夹(&amp;F)</translation>
        </message>
        <message>
            <source>Choose the unit and the period, then click “Preview” to see the figures of the 总表 here.
“Save summary workbook” writes all four sheets (总表, 矛盾纠纷分类, 重点人群管理, 网格员工作量) to an Excel file.</source>
            <translation>选择单位和统计时段，点击“预览”在这里查看总表的数字。
“生成汇总表”把总表、矛盾纠纷分类、重点人群管理、网格员工作量四张表保存为 Excel 工作簿。</translation>
        </message>
        <message>
            <source>Comparison (同比/环比)</source>
            <translation>同比、环比</translation>
        </message>
        <message>
            <source>Households, people and groups are those on the register at the end of the period; visits count by their date and events by the date they were registered. 走访覆盖率 = households visited ÷ households; 化解率 = resolved ÷ disputes registered.</source>
            <translation>户数、人口和重点人群为期末在册数；走访按走访日期、事件按登记日期计入统计时段。走访覆盖率 = 本期走访到的户数 ÷ 户数；化解率 = 化解数 ÷ 排查(受理)数。</translation>
        </message>
        <message>
            <source>Summaries are for village administrators and township centres</source>
            <translation>汇总表仅限村（社区）管理员和乡镇综治中心生成</translation>
        </message>
        <message>
            <source>Your role can't export ledgers</source>
            <translation>您的角色不能导出台账</translation>
        </message>
        <message>
            <source>Your role can't import ledgers</source>
            <translation>您的角色不能导入台账</translation>
        </message>
        <message>
            <source>Your role may not export full ID numbers and phones; the ledger is exported masked (420281********0017, 138****1234)</source>
            <translation>您的角色不能导出完整的身份证号和电话，台账将打码导出（如 420281********0017、138****1234）</translation>
        </message>
        <message>
            <source>Full numbers are written to the file and the export is recorded in the audit log; keep the file safe</source>
            <translation>文件中将写入完整号码，导出会记入审计日志；请妥善保管文件</translation>
        </message>
        <message>
            <source>Visited from</source>
            <translation>走访日期从</translation>
        </message>
        <message>
            <source>Registered from</source>
            <translation>登记日期从</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>统计时段</translation>
        </message>
        <message>
            <source>Counting the summary of %1</source>
            <translation>正在统计%1的汇总数据</translation>
        </message>
        <message>
            <source>Save the summary workbook</source>
            <translation>保存汇总表</translation>
        </message>
        <message>
            <source>Writing %1</source>
            <translation>正在生成 %1</translation>
        </message>
        <message>
            <source>Summary saved: %1</source>
            <translation>汇总表已生成：%1</translation>
        </message>
        <message>
            <source>%1 · %2 (%3)</source>
            <translation>%1 · %2（%3）</translation>
        </message>
        <message>
            <source>— the choices above have changed; click “Preview” to count again</source>
            <translation>—— 上面的选择已更改，请点击“预览”重新统计</translation>
        </message>
        <message>
            <source>Grids</source>
            <translation>网格数</translation>
        </message>
        <message>
            <source>Households</source>
            <translation>户数</translation>
        </message>
        <message>
            <source>Residents (户籍)</source>
            <translation>户籍</translation>
        </message>
        <message>
            <source>Floating (流动)</source>
            <translation>流动</translation>
        </message>
        <message>
            <source>Visits due</source>
            <translation>应访户次</translation>
        </message>
        <message>
            <source>Write all four sheets to an Excel workbook (Ctrl+S)</source>
            <translation>把四张表保存为 Excel 工作簿（Ctrl+S）</translation>
        </message>
        <message>
            <source>Visits and events</source>
            <translation>走访与事件</translation>
        </message>
        <message>
            <source>Households, people and groups</source>
            <translation>基本情况与重点人群</translation>
        </message>
        <message>
            <source>Visits made</source>
            <translation>实访户次</translation>
        </message>
        <message>
            <source>Visit coverage</source>
            <translation>走访覆盖率</translation>
        </message>
        <message>
            <source>Overdue households</source>
            <translation>逾期未访</translation>
        </message>
        <message>
            <source>Disputes</source>
            <translation>排查(受理)数</translation>
        </message>
        <message>
            <source>Resolved</source>
            <translation>化解数</translation>
        </message>
        <message>
            <source>Resolution rate</source>
            <translation>化解率</translation>
        </message>
        <message>
            <source>Mediating</source>
            <translation>在调数</translation>
        </message>
        <message>
            <source>Escalated</source>
            <translation>上报数</translation>
        </message>
        <message>
            <source>Hazards found</source>
            <translation>隐患发现</translation>
        </message>
        <message>
            <source>Hazards fixed</source>
            <translation>隐患整改</translation>
        </message>
        <message>
            <source>Overdue events</source>
            <translation>超期事件</translation>
        </message>
        <message>
            <source>Households visited in the period ÷ households</source>
            <translation>本期走访到的户数 ÷ 户数</translation>
        </message>
        <message>
            <source>Disputes resolved by the end of the period ÷ disputes registered in it</source>
            <translation>本期登记、期末前化解成功的矛盾纠纷 ÷ 本期排查(受理)的矛盾纠纷</translation>
        </message>
        <message>
            <source>Tick 同比、环比 and preview again to compare</source>
            <translation>勾选“同比、环比”后重新预览即可比较</translation>
        </message>
        <message>
            <source>Total of the unit</source>
            <translation>指标（合计）</translation>
        </message>
        <message>
            <source>This period</source>
            <translation>本期</translation>
        </message>
        <message>
            <source>Previous period (%1)</source>
            <translation>上期（%1）</translation>
        </message>
        <message>
            <source>Change (环比)</source>
            <translation>环比</translation>
        </message>
        <message>
            <source>A year earlier (%1)</source>
            <translation>上年同期（%1）</translation>
        </message>
        <message>
            <source>Change (同比)</source>
            <translation>同比</translation>
        </message>
        <message>
            <source>%1 points</source>
            <translation>%1个百分点</translation>
        </message>
        <message>
            <source>Dates</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>The end date is before the start date.</source>
            <translation>结束日期早于开始日期。</translation>
        </message>
        <message>
            <source>Export the ledger</source>
            <translation>导出台账</translation>
        </message>
        <message>
            <source>full ID numbers and phones</source>
            <translation>身份证号和电话为完整号码，已记入审计日志</translation>
        </message>
        <message>
            <source>ID numbers and phones masked</source>
            <translation>身份证号和电话已打码</translation>
        </message>
        <message>
            <source>%1 rows exported (%2): %3</source>
            <translation>已导出 %1 行（%2）：%3</translation>
        </message>
        <message>
            <source>Exporting %1</source>
            <translation>正在导出 %1</translation>
        </message>
        <message>
            <source>Cancelled; no file was written.</source>
            <translation>已取消，没有生成文件。</translation>
        </message>
    </context>
    <context>
        <name>ResetPasswordDialog</name>
        <message>
            <source>Reset password of %1</source>
            <translation>重置 %1 的密码</translation>
        </message>
        <message>
            <source>Give %1 (login %2) a temporary password and tell it to them in person. They must choose their own at the next login. A locked account is unlocked too.</source>
            <translation>为 %1（登录名 %2）设置一个临时密码，并当面告知本人。本人下次登录时须改为自己的密码。已锁定的账号同时解锁。</translation>
        </message>
        <message>
            <source>&amp;Temporary password:</source>
            <translation>临时密码(&amp;T)：</translation>
        </message>
        <message>
            <source>Reset password</source>
            <translation>重置密码</translation>
        </message>
    </context>
    <context>
        <name>RestoreDialog</name>
        <message>
            <source>Restore from a backup</source>
            <translation>从备份恢复</translation>
        </message>
        <message>
            <source>Restoring replaces &lt;b&gt;all&lt;/b&gt; data of this station with the data of the backup. The current data is kept as a backup first, so a restore can itself be undone. After the restore everyone logs in again.</source>
            <translation>恢复会用备份中的数据替换本站的&lt;b&gt;全部&lt;/b&gt;数据。当前数据会先另存为一份备份，因此恢复本身也可以撤回。恢复后所有人需重新登录。</translation>
        </message>
        <message>
            <source>There are no backups beside this database yet. Choose a backup file (for example from a USB drive) with “Choose a file…”.</source>
            <translation>备份文件夹中还没有备份。可以点“选择文件…”选择一个备份文件（例如 U 盘上的）。</translation>
        </message>
        <message>
            <source>Backup chosen</source>
            <translation>所选备份</translation>
        </message>
        <message>
            <source>Choose a backup in the list.</source>
            <translation>请在列表中选择一个备份。</translation>
        </message>
        <message>
            <source>Choose a &amp;file…</source>
            <translation>选择文件(&amp;F)…</translation>
        </message>
        <message>
            <source>&amp;Restore this backup…</source>
            <translation>恢复此备份(&amp;R)…</translation>
        </message>
        <message>
            <source>The station holds now: %1.</source>
            <translation>本站当前数据：%1。</translation>
        </message>
        <message>
            <source>Can't read %1: %2</source>
            <translation>无法读取 %1：%2</translation>
        </message>
        <message>
            <source>Choose a backup file</source>
            <translation>选择备份文件</translation>
        </message>
        <message>
            <source>GridApp databases (*.sqlite3 *.db);;All files (*)</source>
            <translation>网格通数据库 (*.sqlite3 *.db);;所有文件 (*)</translation>
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Made %2 · %3 · %4&lt;br&gt;Contains %5.</source>
            <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;备份时间 %2 · %3 · %4&lt;br&gt;包含 %5。</translation>
        </message>
        <message>
            <source>Can't be restored: %1</source>
            <translation>不能用于恢复：%1</translation>
        </message>
        <message>
            <source>Replace all data of this station with the backup of %1?

The backup holds %2.

The current data is kept as a backup first. Everyone logs in again afterwards.</source>
            <translation>用 %1 的备份替换本站的全部数据吗？

该备份包含 %2。

当前数据会先另存为一份备份。恢复后所有人需重新登录。</translation>
        </message>
        <message>
            <source>Restoring the backup of %1…</source>
            <translation>正在恢复 %1 的备份…</translation>
        </message>
        <message>
            <source>contents unknown</source>
            <translation>内容不详</translation>
        </message>
        <message>
            <source>%1 households, %2 people, %3 visits, %4 events</source>
            <translation>%1 户、%2 人、%3 次走访、%4 件事件</translation>
        </message>
        <message>
            <source>Automatic</source>
            <translation>自动备份</translation>
        </message>
        <message>
            <source>Manual or other file</source>
            <translation>手动备份或其他文件</translation>
        </message>
        <message>
            <source>Data before a restore</source>
            <translation>恢复前的数据</translation>
        </message>
        <message>
            <source>Damaged database</source>
            <translation>已损坏的数据库</translation>
        </message>
        <message>
            <source>The database is damaged</source>
            <translation>数据库已损坏</translation>
        </message>
        <message>
            <source>The database %1 is damaged:
%2

There is no good backup beside it to restore from, so it is not opened. Please tell your support contact; do not delete the file.</source>
            <translation>数据库 %1 已损坏：
%2

备份文件夹中没有可用于恢复的完好备份，因此不打开该数据库。请联系技术支持人员，不要删除该文件。</translation>
        </message>
        <message>
            <source>The database %1 is damaged:
%2

The newest good backup is from %3 (%4; %5).

Restore it now? Whatever was entered after that backup will have to be entered again. The damaged file is kept in the backups folder.

No: close GridApp without opening the database.</source>
            <translation>数据库 %1 已损坏：
%2

最近一次完好的备份是 %3（%4；%5）。

现在从该备份恢复吗？该备份之后录入的内容需要重新录入。已损坏的文件会保留在备份文件夹中。

选“否”：关闭网格通，不打开该数据库。</translation>
        </message>
        <message>
            <source>The restore failed: %1

The database is not opened.</source>
            <translation>恢复失败：%1

数据库未打开。</translation>
        </message>
        <message>
            <source>The backup of %1 was restored (%2). The damaged file was kept as %3.</source>
            <translation>已恢复 %1 的备份（%2）。已损坏的文件保存为 %3。</translation>
        </message>
        <message>
            <source>Reading the backups…</source>
            <translation>正在读取备份…</translation>
        </message>
        <message>
            <source>Restore failed</source>
            <translation>恢复失败</translation>
        </message>
        <message>
            <source>Restored</source>
            <translation>已恢复</translation>
        </message>
        <message>
            <source>The backup of %1 was restored: %2.

The data before the restore was kept as %3.

Please log in again.</source>
            <translation>已恢复 %1 的备份：%2。

恢复前的数据已保存为 %3。

请重新登录。</translation>
        </message>
    </context>
    <context>
        <name>ResultPage</name>
        <message>
            <source>Import finished</source>
            <translation>导入完成</translation>
        </message>
        <message>
            <source>&amp;Save the rows not imported…</source>
            <translation>保存未导入的行(&amp;S)…</translation>
        </message>
        <message>
            <source>What the import of %1 did.</source>
            <translation>%1 的导入结果。</translation>
        </message>
        <message>
            <source>New households:</source>
            <translation>新建户：</translation>
        </message>
        <message>
            <source>New people:</source>
            <translation>新建人员：</translation>
        </message>
        <message>
            <source>New visits:</source>
            <translation>新增走访：</translation>
        </message>
        <message>
            <source>New events:</source>
            <translation>新增事件：</translation>
        </message>
        <message>
            <source>Rows in the file:</source>
            <translation>文件中的行：</translation>
        </message>
        <message>
            <source>Imported:</source>
            <translation>已导入：</translation>
        </message>
        <message>
            <source>Not imported:</source>
            <translation>未导入：</translation>
        </message>
        <message>
            <source>Already there, updated:</source>
            <translation>已有记录，更新：</translation>
        </message>
        <message>
            <source>New grids:</source>
            <translation>新建网格：</translation>
        </message>
        <message>
            <source>%1 rows were not imported. Save them with their row number and the reason (原行号, 错误原因), correct them, and import that file on its own.</source>
            <translation>有 %1 行没有导入。请保存这些行（含原行号和错误原因），改正后可以单独再导入该文件。</translation>
        </message>
        <message>
            <source>Every row was imported.</source>
            <translation>所有行都已导入。</translation>
        </message>
        <message>
            <source>Save the rows not imported</source>
            <translation>保存未导入的行</translation>
        </message>
        <message>
            <source>Can't write %1: %2</source>
            <translation>无法写入 %1：%2</translation>
        </message>
        <message>
            <source>Saved to %1</source>
            <translation>已保存到 %1</translation>
        </message>
    </context>
    <context>
        <name>Roles</name>
        <message>
            <source>Grid worker</source>
            <translation>网格员</translation>
        </message>
        <message>
            <source>Village administrator</source>
            <translation>村(社区)管理员</translation>
        </message>
        <message>
            <source>Township centre</source>
            <translation>乡镇综治中心</translation>
        </message>
        <message>
            <source>System administrator</source>
            <translation>系统管理员</translation>
        </message>
    </context>
    <context>
        <name>RulesTab</name>
        <message>
            <source>Visit intervals</source>
            <translation>走访周期</translation>
        </message>
        <message>
            <source>Who or what</source>
            <translation>对象</translation>
        </message>
        <message>
            <source>Attention</source>
            <translation>关注程度</translation>
        </message>
        <message>
            <source>Every</source>
            <translation>周期</translation>
        </message>
        <message>
            <source>High risk (严重精神障碍)</source>
            <translation>高风险（严重精神障碍）</translation>
        </message>
        <message>
            <source> days</source>
            <translation> 天</translation>
        </message>
        <message>
            <source>visit every:</source>
            <translation>随访周期：</translation>
        </message>
        <message>
            <source>Event time limits</source>
            <translation>事件办理时限</translation>
        </message>
        <message>
            <source>Reports and screen lock</source>
            <translation>统计与锁屏</translation>
        </message>
        <message>
            <source>calendar month</source>
            <translation>自然月</translation>
        </message>
        <message>
            <source>Reports count a month up to this day (e.g. the 25th); “calendar month” counts the 1st to the last day</source>
            <translation>月度统计截至每月该日（例如 25 日）；“自然月”为 1 日至月末</translation>
        </message>
        <message>
            <source> minutes</source>
            <translation> 分钟</translation>
        </message>
        <message>
            <source>The screen locks after this long without use; unlocking needs the password</source>
            <translation>无操作超过该时间后锁屏，解锁需输入密码</translation>
        </message>
        <message>
            <source> or higher</source>
            <translation> 级及以上</translation>
        </message>
        <message>
            <source>Risk grade:</source>
            <translation>危险性评估：</translation>
        </message>
        <message>
            <source>Monthly reports end on day:</source>
            <translation>月度统计截止日（每月）：</translation>
        </message>
        <message>
            <source>Lock the screen after:</source>
            <translation>无操作锁屏：</translation>
        </message>
        <message>
            <source>Inspection checklists</source>
            <translation>巡查项目</translation>
        </message>
        <message>
            <source>Place category:</source>
            <translation>场所类别：</translation>
        </message>
        <message>
            <source>Item checked</source>
            <translation>巡查项目</translation>
        </message>
        <message>
            <source>A failure is a hazard of</source>
            <translation>不合格时的隐患类别</translation>
        </message>
        <message>
            <source>In use</source>
            <translation>启用</translation>
        </message>
        <message>
            <source>Move &amp;up</source>
            <translation>上移(&amp;U)</translation>
        </message>
        <message>
            <source>Move &amp;down</source>
            <translation>下移(&amp;D)</translation>
        </message>
        <message>
            <source>A new item to check, e.g. 灭火器在有效期内</source>
            <translation>新的巡查项目，例如：灭火器在有效期内</translation>
        </message>
        <message>
            <source>&amp;Add item</source>
            <translation>添加项目(&amp;A)</translation>
        </message>
        <message>
            <source>Undo changes</source>
            <translation>撤销修改</translation>
        </message>
        <message>
            <source>&amp;Save changes</source>
            <translation>保存修改(&amp;S)</translation>
        </message>
        <message>
            <source>Save (Ctrl+S); applies at once</source>
            <translation>保存 (Ctrl+S)，立即生效</translation>
        </message>
        <message>
            <source>Only the system administrator sets the screen lock</source>
            <translation>仅系统管理员可以设置锁屏时间</translation>
        </message>
        <message>
            <source>Intervals, time limits and the other values are stored with “Save changes”; checklist edits are stored as you make them. Both apply at once to every due date and deadline shown from then on.</source>
            <translation>走访周期、办理时限等在点“保存修改”后保存；巡查项目的修改随改随存。两者都立即生效，此后显示的应访日期和办理期限都按新规则计算。</translation>
        </message>
        <message>
            <source>Only the township centre and the system administrator change these rules.</source>
            <translation>只有乡镇综治中心和系统管理员可以修改这些规则。</translation>
        </message>
        <message>
            <source>Changed, not saved yet.</source>
            <translation>已修改，尚未保存。</translation>
        </message>
        <message>
            <source>Checklist saved.</source>
            <translation>巡查项目已保存。</translation>
        </message>
        <message>
            <source>Visit rules</source>
            <translation>走访规则</translation>
        </message>
        <message>
            <source> The rules now show what the other person saved; make your change again.</source>
            <translation>规则已重新载入对方保存的内容，请重新修改。</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>未保存</translation>
        </message>
        <message>
            <source>Not saved: correct the value and save again.</source>
            <translation>未保存：请更正后再保存。</translation>
        </message>
        <message>
            <source>Saved; applies from now on.</source>
            <translation>已保存，立即生效。</translation>
        </message>
        <message>
            <source>Add item</source>
            <translation>添加项目</translation>
        </message>
        <message>
            <source>Item added.</source>
            <translation>已添加项目。</translation>
        </message>
        <message>
            <source>Move item</source>
            <translation>移动项目</translation>
        </message>
    </context>
    <context>
        <name>SearchBox</name>
        <message>
            <source>Search: name, pinyin initials, ID or phone tail, address (Ctrl+F)</source>
            <translation>搜索：姓名、拼音首字母、身份证号或电话尾号、地址（Ctrl+F）</translation>
        </message>
    </context>
    <context>
        <name>SearchPicker</name>
        <message>
            <source>household %1</source>
            <translation>%1户</translation>
        </message>
        <message>
            <source>Household %1 %2 · %3</source>
            <translation>住户 %1 %2 · %3</translation>
        </message>
        <message>
            <source>Name, pinyin initials (zs), ID or phone tail, or household no.</source>
            <translation>姓名、拼音首字母(zs)、身份证或电话尾号、户号</translation>
        </message>
    </context>
    <context>
        <name>Session</name>
        <message>
            <source>Automatic backup failed</source>
            <translation>自动备份失败</translation>
        </message>
        <message>
            <source>Today's automatic backup could not be made: %1

The data itself is not affected. Please free some disk space or tell your support contact.</source>
            <translation>今天的自动备份未能完成：%1

数据本身不受影响。请腾出磁盘空间，或联系技术支持人员。</translation>
        </message>
        <message>
            <source>Backing up before closing…</source>
            <translation>关闭前正在备份…</translation>
        </message>
        <message>
            <source>Backup failed</source>
            <translation>备份失败</translation>
        </message>
        <message>
            <source>The backup on closing could not be made: %1

The data itself is saved.</source>
            <translation>关闭时的备份未能完成：%1

数据本身已保存。</translation>
        </message>
        <message>
            <source>The database is damaged</source>
            <translation>数据库已损坏</translation>
        </message>
        <message>
            <source>The full check of the database found problems:
%1

Keep working only as long as needed. An administrator should restore the newest good backup in Settings → Backup and restore, and tell your support contact.</source>
            <translation>数据库完整检查发现问题：
%1

请尽快结束手头的工作。请系统管理员在“设置 → 备份与恢复”中恢复最近一次完好的备份，并联系技术支持人员。</translation>
        </message>
        <message>
            <source>The full check of the database could not finish: %1</source>
            <translation>数据库完整检查未能完成：%1</translation>
        </message>
    </context>
    <context>
        <name>SetHeadDialog</name>
        <message>
            <source>Change the head of household %1</source>
            <translation>更换户号 %1 的户主</translation>
        </message>
        <message>
            <source>%1 is the head of this household. Before removing them, choose the new head and check how the others relate to them.</source>
            <translation>%1 是本户户主。删除前请选择新户主，并核对其他成员与新户主的关系。</translation>
        </message>
        <message>
            <source>Check how each member relates to the new head. The suggestions come from their relation to the present head; change any that are wrong.</source>
            <translation>请核对各成员与新户主的关系。建议值由其与原户主的关系推算，如有不对请修改。</translation>
        </message>
        <message>
            <source>Member</source>
            <translation>成员</translation>
        </message>
        <message>
            <source>Relation to present head</source>
            <translation>与原户主关系</translation>
        </message>
        <message>
            <source>Relation to new head</source>
            <translation>与新户主关系</translation>
        </message>
        <message>
            <source>&amp;New head:</source>
            <translation>新户主(&amp;N)：</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>General</source>
            <translation>常规</translation>
        </message>
        <message>
            <source>Users</source>
            <translation>用户</translation>
        </message>
        <message>
            <source>Visit rules</source>
            <translation>走访规则</translation>
        </message>
        <message>
            <source>Audit log</source>
            <translation>审计日志</translation>
        </message>
        <message>
            <source>Backup and restore</source>
            <translation>备份与恢复</translation>
        </message>
    </context>
    <context>
        <name>SetupDialog</name>
        <message>
            <source>Set up this station</source>
            <translation>设置本服务站</translation>
        </message>
        <message>
            <source>&lt;b&gt;Welcome to GridApp.&lt;/b&gt; Choose the township, village and grids this station looks after, and create the administrator account. To look around first, open the demo county instead.</source>
            <translation>&lt;b&gt;欢迎使用网格通。&lt;/b&gt;请选择本服务站负责的乡镇（街道）、村（社区）和网格，并创建管理员账号。如果想先看看软件，可以打开演示县。</translation>
        </message>
        <message>
            <source>Station</source>
            <translation>服务站</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>请选择…</translation>
        </message>
        <message>
            <source>Choose the township first</source>
            <translation>请先选择乡镇（街道）</translation>
        </message>
        <message>
            <source>e.g. 第一网格, then Enter</source>
            <translation>例如：第一网格，输入后按回车</translation>
        </message>
        <message>
            <source>&amp;Add grid</source>
            <translation>添加网格(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Remove</source>
            <translation>删除(&amp;R)</translation>
        </message>
        <message>
            <source>County:</source>
            <translation>县（市、区）：</translation>
        </message>
        <message>
            <source>&amp;Township:</source>
            <translation>乡镇（街道）(&amp;T)：</translation>
        </message>
        <message>
            <source>&amp;Village:</source>
            <translation>村（社区）(&amp;V)：</translation>
        </message>
        <message>
            <source>Station &amp;name:</source>
            <translation>服务站名称(&amp;N)：</translation>
        </message>
        <message>
            <source>&amp;Grids:</source>
            <translation>网格(&amp;G)：</translation>
        </message>
        <message>
            <source>Administrator</source>
            <translation>管理员账号</translation>
        </message>
        <message>
            <source>At least %1 characters</source>
            <translation>至少 %1 位</translation>
        </message>
        <message>
            <source>&amp;Login:</source>
            <translation>登录名(&amp;L)：</translation>
        </message>
        <message>
            <source>&amp;Display name:</source>
            <translation>姓名(&amp;D)：</translation>
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation>密码(&amp;P)：</translation>
        </message>
        <message>
            <source>Password &amp;again:</source>
            <translation>确认密码(&amp;A)：</translation>
        </message>
        <message>
            <source>User accounts are not available in this version: the station opens without logging in.</source>
            <translation>本版本尚未提供用户账号：打开软件时无需登录。</translation>
        </message>
        <message>
            <source>An administrator account exists already: log in with it after setup.</source>
            <translation>已有管理员账号：完成设置后请用该账号登录。</translation>
        </message>
        <message>
            <source>&amp;Finish setup</source>
            <translation>完成设置(&amp;F)</translation>
        </message>
        <message>
            <source>Open the &amp;demo county</source>
            <translation>打开演示县(&amp;D)</translation>
        </message>
        <message>
            <source>(none: the township centre itself)</source>
            <translation>（不选：乡镇综治中心本身）</translation>
        </message>
        <message>
            <source>Please enter a login name.</source>
            <translation>请输入登录名。</translation>
        </message>
        <message>
            <source>Please enter the administrator's name.</source>
            <translation>请输入管理员姓名。</translation>
        </message>
        <message>
            <source>Please choose a password.</source>
            <translation>请设置密码。</translation>
        </message>
        <message>
            <source>The two passwords differ.</source>
            <translation>两次输入的密码不一致。</translation>
        </message>
    </context>
    <context>
        <name>SourcePage</name>
        <message>
            <source>Choose the ledger to import</source>
            <translation>选择要导入的台账</translation>
        </message>
        <message>
            <source>Nothing is written until you have checked what was read on the next page.</source>
            <translation>下一步先检查读到的内容，确认后才会写入。</translation>
        </message>
        <message>
            <source>Household register: one row per person, the members of a household grouped by household number</source>
            <translation>户籍人口台账：每人一行，同一户的人用户号归在一起</translation>
        </message>
        <message>
            <source>Visit ledger: one row per visit (date, visitor, person or household visited)</source>
            <translation>走访台账：每次走访一行（日期、走访人、被访的人或户）</translation>
        </message>
        <message>
            <source>Dispute and event ledger (矛盾纠纷排查化解台账): one row per event</source>
            <translation>矛盾纠纷排查化解台账：每个事件一行</translation>
        </message>
        <message>
            <source>An .xlsx workbook saved from Excel or WPS</source>
            <translation>用 Excel 或 WPS 保存的 .xlsx 工作簿</translation>
        </message>
        <message>
            <source>&amp;Browse…</source>
            <translation>浏览(&amp;B)…</translation>
        </message>
        <message>
            <source>Village from the file</source>
            <translation>按文件中的村（社区）</translation>
        </message>
        <message>
            <source>Used for rows of a file without 乡镇(街道) or 村(社区) columns. A grid named in the file that the village doesn't have yet is created.</source>
            <translation>文件中没有乡镇(街道)、村(社区)列时，数据导入到这里选择的单位。文件中写了而该村还没有的网格会自动新建。</translation>
        </message>
        <message>
            <source>Download an empty &amp;template…</source>
            <translation>下载空白导入模板(&amp;T)…</translation>
        </message>
        <message>
            <source>An empty workbook with the right headers, a notes row and drop-down lists, to fill in and import</source>
            <translation>带标准表头、填写说明和下拉选项的空白工作簿，填好后即可导入</translation>
        </message>
        <message>
            <source>Ledger:</source>
            <translation>台账：</translation>
        </message>
        <message>
            <source>&amp;File:</source>
            <translation>文件(&amp;F)：</translation>
        </message>
        <message>
            <source>Default &amp;unit:</source>
            <translation>默认单位(&amp;U)：</translation>
        </message>
        <message>
            <source>Choose the ledger workbook</source>
            <translation>选择台账工作簿</translation>
        </message>
        <message>
            <source>Save the import template</source>
            <translation>保存导入模板</translation>
        </message>
        <message>
            <source>Template</source>
            <translation>导入模板</translation>
        </message>
        <message>
            <source>The file %1 doesn't exist.</source>
            <translation>文件 %1 不存在。</translation>
        </message>
        <message>
            <source>Reading %1</source>
            <translation>正在读取 %1</translation>
        </message>
    </context>
    <context>
        <name>TagEditor</name>
        <message>
            <source>Category</source>
            <translation>人员类别</translation>
        </message>
        <message>
            <source>Attention</source>
            <translation>关注程度</translation>
        </message>
        <message>
            <source>Since</source>
            <translation>开始日期</translation>
        </message>
        <message>
            <source>Until</source>
            <translation>结束日期</translation>
        </message>
        <message>
            <source>&amp;Add category</source>
            <translation>添加类别(&amp;A)</translation>
        </message>
        <message>
            <source>Re&amp;move</source>
            <translation>移除(&amp;M)</translation>
        </message>
        <message>
            <source>Add a special group this person belongs to</source>
            <translation>添加此人所属的重点人群类别</translation>
        </message>
        <message>
            <source>ongoing</source>
            <translation>至今</translation>
        </message>
    </context>
    <context>
        <name>Timeline</name>
        <message>
            <source>Register</source>
            <translation>登记</translation>
        </message>
        <message>
            <source>Handler</source>
            <translation>承办人</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>化解结果</translation>
        </message>
        <message>
            <source>Method</source>
            <translation>化解方式</translation>
        </message>
        <message>
            <source>Mediator</source>
            <translation>调解员</translation>
        </message>
        <message>
            <source>Agreement date</source>
            <translation>协议日期</translation>
        </message>
        <message>
            <source>Satisfaction</source>
            <translation>满意度</translation>
        </message>
        <message>
            <source>Extend to</source>
            <translation>申请延至</translation>
        </message>
        <message>
            <source>Requested</source>
            <translation>申请延至</translation>
        </message>
        <message>
            <source>Deadline</source>
            <translation>期限</translation>
        </message>
        <message>
            <source>Deadline %1 → %2</source>
            <translation>期限 %1 → %2</translation>
        </message>
        <message>
            <source>Level %1 → %2</source>
            <translation>承办层级 %1 → %2</translation>
        </message>
    </context>
    <context>
        <name>TimelineView</name>
        <message>
            <source>No actions yet.</source>
            <translation>尚无办理记录。</translation>
        </message>
    </context>
    <context>
        <name>UnitPicker</name>
        <message>
            <source>All villages</source>
            <translation>全部村（社区）</translation>
        </message>
        <message>
            <source>%1 (whole county)</source>
            <translation>%1（全县）</translation>
        </message>
        <message>
            <source>Your scope is %1</source>
            <translation>您的管辖范围是%1</translation>
        </message>
        <message>
            <source>Choose a township to pick a village</source>
            <translation>选择乡镇后可选村（社区）</translation>
        </message>
        <message>
            <source>Choose a township first</source>
            <translation>请先选择乡镇（街道）</translation>
        </message>
    </context>
    <context>
        <name>UserDialog</name>
        <message>
            <source>Letters, digits or Chinese, e.g. zhangsan</source>
            <translation>字母、数字或汉字，例如 zhangsan</translation>
        </message>
        <message>
            <source>&amp;Grids looked after:</source>
            <translation>负责网格(&amp;G)：</translation>
        </message>
        <message>
            <source>Mobile or 0714- landline (optional)</source>
            <translation>手机或 0714- 固话（选填）</translation>
        </message>
        <message>
            <source>&amp;Login:</source>
            <translation>登录名(&amp;L)：</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>姓名(&amp;N)：</translation>
        </message>
        <message>
            <source>&amp;Role:</source>
            <translation>角色(&amp;R)：</translation>
        </message>
        <message>
            <source>&amp;Township:</source>
            <translation>乡镇（街道）(&amp;T)：</translation>
        </message>
        <message>
            <source>&amp;Village:</source>
            <translation>村（社区）(&amp;V)：</translation>
        </message>
        <message>
            <source>P&amp;hone:</source>
            <translation>电话(&amp;H)：</translation>
        </message>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation>保存 (Ctrl+S)</translation>
        </message>
        <message>
            <source>%1 (whole county)</source>
            <translation>%1（全县）</translation>
        </message>
        <message>
            <source>New user</source>
            <translation>新建用户</translation>
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation>密码(&amp;P)：</translation>
        </message>
        <message>
            <source>Edit user %1</source>
            <translation>修改用户：%1</translation>
        </message>
        <message>
            <source>(the whole township)</source>
            <translation>（整个乡镇）</translation>
        </message>
        <message>
            <source>A grid worker sees only the grids ticked below. Ticking a grid another worker looks after hands it over (it shows in the grid's history).</source>
            <translation>网格员只能看到下面勾选的网格。勾选其他网格员负责的网格即办理移交（记入该网格的交接记录）。</translation>
        </message>
        <message>
            <source>A village administrator sees the whole village.</source>
            <translation>村(社区)管理员可以看到整个村（社区）。</translation>
        </message>
        <message>
            <source>A township centre sees its township (or, for the county, every township).</source>
            <translation>乡镇综治中心可以看到本乡镇（县级则为所有乡镇）。</translation>
        </message>
        <message>
            <source>A system administrator manages users, settings and backups, and sees no resident data in full.</source>
            <translation>系统管理员管理用户、设置和备份，不能查看居民的完整信息。</translation>
        </message>
        <message>
            <source> (now %1)</source>
            <translation>（现由 %1 负责）</translation>
        </message>
        <message>
            <source>No grids here yet: a village or township administrator creates them</source>
            <translation>这里还没有网格：由村(社区)管理员或乡镇综治中心创建</translation>
        </message>
        <message>
            <source>Changed meanwhile</source>
            <translation>记录已被他人修改</translation>
        </message>
        <message>
            <source> The form now shows the account as saved by the other person; check it and save again.</source>
            <translation>表单已重新载入对方保存的内容，请核对后再保存。</translation>
        </message>
        <message>
            <source>New account</source>
            <translation>新建账号</translation>
        </message>
        <message>
            <source>Taken from %1 in the user's account</source>
            <translation>在用户账号中取消 %1 负责</translation>
        </message>
    </context>
    <context>
        <name>UserTableModel</name>
        <message>
            <source>Login</source>
            <translation>登录名</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <source>Scope</source>
            <translation>管辖范围</translation>
        </message>
        <message>
            <source>Grids</source>
            <translation>负责网格</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Last login</source>
            <translation>最近登录</translation>
        </message>
        <message>
            <source>Disabled</source>
            <translation>已停用</translation>
        </message>
        <message>
            <source>Locked until %1</source>
            <translation>锁定至 %1</translation>
        </message>
        <message>
            <source>Active (temporary password)</source>
            <translation>启用（临时密码）</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>启用</translation>
        </message>
        <message>
            <source>Whole installation</source>
            <translation>全部</translation>
        </message>
        <message>
            <source>never</source>
            <translation>从未登录</translation>
        </message>
    </context>
    <context>
        <name>UsersTab</name>
        <message>
            <source>New user</source>
            <translation>新建用户</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>修改</translation>
        </message>
        <message>
            <source>Disable</source>
            <translation>停用</translation>
        </message>
        <message>
            <source>Reset password</source>
            <translation>重置密码</translation>
        </message>
        <message>
            <source>Unlock</source>
            <translation>解锁</translation>
        </message>
        <message>
            <source>Grid handover…</source>
            <translation>网格移交…</translation>
        </message>
        <message>
            <source>Show disabled accounts</source>
            <translation>显示已停用的账号</translation>
        </message>
        <message>
            <source>User accounts are managed by the system administrator. Ask them to add a colleague, reset a password or hand a grid over.</source>
            <translation>用户账号由系统管理员管理。如需添加同事、重置密码或移交网格，请联系系统管理员。</translation>
        </message>
        <message>
            <source>%1 users</source>
            <translation>共 %1 个用户</translation>
        </message>
        <message>
            <source>No user accounts yet. Click “New user” (Ctrl+N) to add the first one.</source>
            <translation>还没有用户账号。点“新建用户”（Ctrl+N）添加第一个。</translation>
        </message>
        <message>
            <source>Five wrong passwords in a row lock an account for a while; “Unlock” lets the person try again at once. A disabled account keeps its history but can't log in.</source>
            <translation>连续输错 5 次密码会暂时锁定账号；点“解锁”可让本人立即重试。停用的账号保留其历史记录，但不能登录。</translation>
        </message>
        <message>
            <source>Only the system administrator creates and changes accounts; you can hand grids of your area over to another worker.</source>
            <translation>只有系统管理员可以新建和修改账号；您可以把辖区内的网格移交给其他网格员。</translation>
        </message>
        <message>
            <source>Only the system administrator manages accounts</source>
            <translation>仅系统管理员可以管理账号</translation>
        </message>
        <message>
            <source>Choose a user in the list first</source>
            <translation>请先在列表中选择一个用户</translation>
        </message>
        <message>
            <source>Enable</source>
            <translation>启用</translation>
        </message>
        <message>
            <source>This account is not locked</source>
            <translation>该账号未被锁定</translation>
        </message>
        <message>
            <source>Only administrators hand grids over</source>
            <translation>仅管理员可以办理网格移交</translation>
        </message>
        <message>
            <source>Edit user</source>
            <translation>修改用户</translation>
        </message>
        <message>
            <source>Disable user</source>
            <translation>停用用户</translation>
        </message>
        <message>
            <source>Disable the account of %1 (%2)? They can no longer log in; what they recorded stays.</source>
            <translation>停用 %1（%2）的账号吗？停用后不能再登录，其录入的内容保留。</translation>
        </message>
        <message>
            <source>Enable user</source>
            <translation>启用用户</translation>
        </message>
        <message>
            <source>%1 has a temporary password now and must choose their own at the next login.</source>
            <translation>%1 现在使用临时密码，下次登录时须改为自己的密码。</translation>
        </message>
        <message>
            <source>%1 can log in again.</source>
            <translation>%1 可以重新登录了。</translation>
        </message>
        <message>
            <source>Grid handover</source>
            <translation>网格移交</translation>
        </message>
    </context>
    <context>
        <name>VisitDialog</name>
        <message>
            <source>Grade 0: none of the behaviour of grades 1–5</source>
            <translation>0级：无符合以下1–5级中的任何行为</translation>
        </message>
        <message>
            <source>Grade 1: verbal threats, shouting, no smashing</source>
            <translation>1级：口头威胁，喊叫，但没有打砸行为</translation>
        </message>
        <message>
            <source>Grade 2: smashing at home, aimed at things, stops when talked to</source>
            <translation>2级：打砸行为，局限在家里，针对财物，能被劝说制止</translation>
        </message>
        <message>
            <source>Grade 3: smashing anywhere, at things, won't stop when told</source>
            <translation>3级：明显打砸行为，不分场合，针对财物，不能接受劝说而停止</translation>
        </message>
        <message>
            <source>Grade 4: persistent smashing, things or people, incl. self-harm</source>
            <translation>4级：持续打砸，针对财物或人，不能劝止（包括自伤、自杀）</translation>
        </message>
        <message>
            <source>Grade 5: any armed violence against people, arson or explosion</source>
            <translation>5级：持械针对人的任何暴力行为，或纵火、爆炸等行为</translation>
        </message>
        <message>
            <source>e.g. village cadre 李明, doctor 王芳</source>
            <translation>如：村干部 李明、医生 王芳</translation>
        </message>
        <message>
            <source>Choose the grade…</source>
            <translation>请选择等级…</translation>
        </message>
        <message>
            <source>What you saw and talked about</source>
            <translation>看到的情况、谈了什么</translation>
        </message>
        <message>
            <source>Problems found (a dispute, a hazard, a request …)</source>
            <translation>发现的问题（纠纷、隐患、诉求……）</translation>
        </message>
        <message>
            <source>Problem found → report event…</source>
            <translation>发现问题 → 生成事件…</translation>
        </message>
        <message>
            <source>Saves the visit, then opens the event form prefilled from it; the event stays linked to this visit</source>
            <translation>先保存走访记录，再打开据此预填的事件登记表；事件与本次走访关联</translation>
        </message>
        <message>
            <source>&amp;Visited:</source>
            <translation>走访对象(&amp;V)：</translation>
        </message>
        <message>
            <source>&amp;Date and time:</source>
            <translation>时间(&amp;D)：</translation>
        </message>
        <message>
            <source>&amp;Method:</source>
            <translation>方式(&amp;M)：</translation>
        </message>
        <message>
            <source>&amp;Companions:</source>
            <translation>陪同人员(&amp;C)：</translation>
        </message>
        <message>
            <source>&amp;State:</source>
            <translation>对象状态(&amp;S)：</translation>
        </message>
        <message>
            <source>&amp;Risk assessment:</source>
            <translation>危险性评估(&amp;R)：</translation>
        </message>
        <message>
            <source>&amp;Notes:</source>
            <translation>情况记录(&amp;N)：</translation>
        </message>
        <message>
            <source>&amp;Findings:</source>
            <translation>发现问题(&amp;F)：</translation>
        </message>
        <message>
            <source>Attachments:</source>
            <translation>附件：</translation>
        </message>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation>保存（Ctrl+S）</translation>
        </message>
        <message>
            <source>Last time: grade %1</source>
            <translation>上次：%1级</translation>
        </message>
        <message>
            <source>A recorded visit keeps its target</source>
            <translation>已登记的走访记录不能更换走访对象</translation>
        </message>
        <message>
            <source>Read only: %1</source>
            <translation>只读：%1</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Events reported: %1</source>
            <translation>已生成事件：%1</translation>
        </message>
        <message>
            <source>Visit</source>
            <translation>走访</translation>
        </message>
        <message>
            <source>Record %1</source>
            <translation>登记%1</translation>
        </message>
        <message>
            <source>%1 record</source>
            <translation>%1记录</translation>
        </message>
        <message>
            <source>Choose who was visited: type a name and pick from the list</source>
            <translation>请选择走访对象：输入姓名后从列表中选取</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>未保存</translation>
        </message>
        <message>
            <source>Report event</source>
            <translation>登记事件</translation>
        </message>
    </context>
    <context>
        <name>VisitsPage</name>
        <message>
            <source>Record visit</source>
            <translation>记录走访</translation>
        </message>
        <message>
            <source>Record a visit of the chosen target, or of anyone found by search (Ctrl+N)</source>
            <translation>为选中的对象记录走访，或搜索其他对象（Ctrl+N）</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Due by the end of this statistical month, overdue included: who is still to visit this month (the dashboard's “visits this month” counts the same)</source>
            <translation>本统计月底前到期的对象（含已逾期）：本月还需走访的对象（与工作台“本月走访”的统计口径一致）</translation>
        </message>
        <message>
            <source>Everyone and everything</source>
            <translation>全部对象</translation>
        </message>
        <message>
            <source>Households</source>
            <translation>住户</translation>
        </message>
        <message>
            <source>People in special groups</source>
            <translation>重点人员</translation>
        </message>
        <message>
            <source>Places</source>
            <translation>场所</translation>
        </message>
        <message>
            <source>Show all</source>
            <translation>显示全部</translation>
        </message>
        <message>
            <source>Grid</source>
            <translation>网格</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村(社区)</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>逾期</translation>
        </message>
        <message>
            <source>Due today</source>
            <translation>今日到期</translation>
        </message>
        <message>
            <source>This week</source>
            <translation>本周到期</translation>
        </message>
        <message>
            <source>Overdue events</source>
            <translation>超期事件</translation>
        </message>
        <message>
            <source>This month</source>
            <translation>本月到期</translation>
        </message>
        <message>
            <source>Click a row to show only its worklist; double-click the overdue events to open them</source>
            <translation>单击一行只看该单位的待访；双击超期事件数可打开这些事件</translation>
        </message>
        <message>
            <source>Worklist</source>
            <translation>待访清单</translation>
        </message>
        <message>
            <source>Only: %1</source>
            <translation>仅：%1</translation>
        </message>
        <message>
            <source>Overdue (%1)</source>
            <translation>逾期 (%1)</translation>
        </message>
        <message>
            <source>Due today (%1)</source>
            <translation>今日到期 (%1)</translation>
        </message>
        <message>
            <source>Due this week (%1)</source>
            <translation>本周到期 (%1)</translation>
        </message>
        <message>
            <source>This month (%1)</source>
            <translation>本月到期 (%1)</translation>
        </message>
        <message>
            <source>Nobody is overdue. Well done!</source>
            <translation>没有逾期未访的对象，做得好！</translation>
        </message>
        <message>
            <source>Nobody is due today.</source>
            <translation>今天没有到期的走访对象。</translation>
        </message>
        <message>
            <source>Nobody is due this week.</source>
            <translation>本周没有到期的走访对象。</translation>
        </message>
        <message>
            <source>Nobody is left to visit this month.</source>
            <translation>本月已没有待访的对象。</translation>
        </message>
        <message>
            <source>Visit</source>
            <translation>走访</translation>
        </message>
        <message>
            <source>Visit history</source>
            <translation>走访记录</translation>
        </message>
    </context>
    <context>
        <name>Workflow</name>
        <message>
            <source>Registered</source>
            <translation>已登记</translation>
        </message>
        <message>
            <source>Accepted</source>
            <translation>已受理</translation>
        </message>
        <message>
            <source>In progress</source>
            <translation>处置中</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>已办结</translation>
        </message>
        <message>
            <source>Followed up</source>
            <translation>已回访</translation>
        </message>
        <message>
            <source>Archived</source>
            <translation>已归档</translation>
        </message>
        <message>
            <source>Returned</source>
            <translation>已退回</translation>
        </message>
        <message>
            <source>Accept</source>
            <translation>受理</translation>
        </message>
        <message>
            <source>Start handling</source>
            <translation>处置</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>办结</translation>
        </message>
        <message>
            <source>Follow up</source>
            <translation>回访</translation>
        </message>
        <message>
            <source>Reopen</source>
            <translation>重新处置</translation>
        </message>
        <message>
            <source>Archive</source>
            <translation>归档</translation>
        </message>
        <message>
            <source>Return to reporter</source>
            <translation>退回</translation>
        </message>
        <message>
            <source>Resubmit</source>
            <translation>重新提交</translation>
        </message>
        <message>
            <source>Request extension</source>
            <translation>申请延期</translation>
        </message>
        <message>
            <source>Approve extension</source>
            <translation>同意延期</translation>
        </message>
        <message>
            <source>Refuse extension</source>
            <translation>拒绝延期</translation>
        </message>
        <message>
            <source>Report to township</source>
            <translation>上报乡镇</translation>
        </message>
        <message>
            <source>Report to county</source>
            <translation>上报县</translation>
        </message>
        <message>
            <source>Supervise</source>
            <translation>督办</translation>
        </message>
    </context>
    <context>
        <name>WorklistModel</name>
        <message>
            <source>Household</source>
            <translation>住户</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>人员</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>场所</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>对象</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>走访原因</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>应访日期</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>逾期</translation>
        </message>
        <message>
            <source>Last visit</source>
            <translation>上次走访</translation>
        </message>
        <message>
            <source>never</source>
            <translation>从未</translation>
        </message>
        <message>
            <source>Grid</source>
            <translation>网格</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>%1 days</source>
            <translation>%1 天</translation>
        </message>
        <message>
            <source>today</source>
            <translation>今天</translation>
        </message>
        <message>
            <source>in %1 days</source>
            <translation>还有 %1 天</translation>
        </message>
    </context>
</TS>
