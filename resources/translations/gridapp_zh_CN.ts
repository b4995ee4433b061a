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
    </context>
    <context>
        <name>ErrorPage</name>
        <message>
            <source>The page “%1” could not be opened. Please send the details below to your support contact.</source>
            <translation>无法打开“%1”页面。请把下面的详细信息发给技术支持人员。</translation>
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
        <name>HouseholdTableModel</name>
        <message>
            <source>Household no.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Head</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Members</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Grid</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tags</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Phone</source>
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
            <translation type="unfinished" />
        </message>
        <message>
            <source>Relation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sex</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Age</source>
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
            <source>Tags</source>
            <translation type="unfinished" />
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
        <name>PersonTableModel</name>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sex</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Age</source>
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
            <source>Household no.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Village</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Grid</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tags</source>
            <translation type="unfinished" />
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
