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
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add photo or scan…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No attachments. Photos of the visit or scanned papers can be added.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add photo or scan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Photos and scans</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All files</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AuditAction</name>
        <message>
            <source>Create</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show full details</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failed login</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlock screen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlock account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backup</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore from backup</source>
            <translation type="unfinished" />
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
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 days overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>due today</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>in %1 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>never</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due %1 (%2) · last visit %3 · %4</source>
            <translation type="unfinished" />
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
        <name>EventDialog</name>
        <message>
            <source>Correct event %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Report an event</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Category:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>One line: who, what (e.g. 张某与李某宅基地界址纠纷)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A registered place, when it happened at one (optional)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Location:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>red: report up at once</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>orange: handle the same day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>yellow: handle in the grid</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;People involved:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>P&amp;riority:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Kind:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Title:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Description:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Occurred at:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pl&amp;ace:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Grid:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Parties:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Scale:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deadline:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose where it happened…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The township itself (no village)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (whole village)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From the %1 of %2 on %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(no category for this kind)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (time limit of %2: %3 days from registration)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the grid or village where it happened</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved</source>
            <translation type="unfinished" />
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
        <name>InspectionDialog</name>
        <message>
            <source>Inspection: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. fire officer 张军</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Method:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Companions:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checklist: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;All passed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mark every item not answered yet as passed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No checklist for this category. An administrator can add items in Settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What must be put right, and by when</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Place:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Date and time:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Notes:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Findings:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attachments:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Read only: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Event %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A hazard event was reported for this item</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Report hazard event</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saves the inspection and reports a %1 hazard event for this item</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only an item marked 不合格 becomes a hazard event</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Already reported</source>
            <translation type="unfinished" />
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
            <translation type="unfinished" />
        </message>
        <message>
            <source>ID number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Role</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a resident: name, pinyin initials, ID or phone tail</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add someone else</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A person not in the register: type the name, and the ID number and phone when known</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Linked to the resident's record</source>
            <translation type="unfinished" />
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
            <source>Any residence status</source>
            <translation>全部人员状态</translation>
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
            <source>Tags</source>
            <translation>标签</translation>
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
            <translation type="unfinished" />
        </message>
        <message>
            <source>Household %1 %2 · %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name, pinyin initials (zs), ID or phone tail, or household no.</source>
            <translation type="unfinished" />
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
            <translation type="unfinished" />
        </message>
        <message>
            <source>Handler</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Outcome</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Method</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mediator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Agreement date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Satisfaction</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Extend to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Requested</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deadline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deadline %1 → %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Level %1 → %2</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TimelineView</name>
        <message>
            <source>No actions yet.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>VisitDialog</name>
        <message>
            <source>e.g. village cadre 李明, doctor 王芳</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the grade…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What you saw and talked about</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Problems found (a dispute, a hazard, a request …)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Problem found → report event…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saves the visit, then opens the event form prefilled from it; the event stays linked to this visit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Visited:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Date and time:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Method:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Companions:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;State:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Risk assessment:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Notes:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Findings:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attachments:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last time: grade %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A recorded visit keeps its target</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Read only: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Events reported: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Visit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Record %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose who was visited: type a name and pick from the list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Report event</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Workflow</name>
        <message>
            <source>Registered</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accepted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Followed up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archived</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Returned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accept</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start handling</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Follow up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reopen</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Archive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Return to reporter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resubmit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Request extension</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Approve extension</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refuse extension</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Report to township</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Report to county</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Supervise</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
