//! Team sync: the settings section, its status, the conflicts and every problem a server can
//! cause.

use crate::domain::sync::protocol::Problem;

super::feature_texts! { $ sync_texts;
    strings {
        sync_title = "Team sync", "团队同步";
        sync_intro = "Share one customer base with your team through a CouchDB database. This browser keeps its own full copy and works offline; changes travel whenever there is a connection.", "通过 CouchDB 数据库与团队共享同一份客户资料。本浏览器保留完整副本，离线也能工作；一旦联网，更改自动同步。";
        sync_url = "Database address", "数据库地址";
        sync_url_hint = "For example https://crm.example.com/team (plain http only for this computer).", "例如 https://crm.example.com/team（仅本机地址可用 http）。";
        sync_user = "User name", "用户名";
        sync_password = "Password", "密码";
        sync_password_hint = "Kept in memory only, never stored: after the app restarts you are asked again.", "密码只保存在内存中，从不写入存储：应用重新启动后需要再次输入。";
        sync_share_warning = "Everything already in this browser will be shared with the team database.", "本浏览器中已有的全部记录都会共享到团队数据库。";
        sync_connect = "Connect", "连接";
        sync_connecting = "Connecting…", "正在连接…";
        sync_now = "Sync now", "立即同步";
        sync_pause = "Pause", "暂停";
        sync_resume = "Resume", "继续";
        sync_sign_in = "Resume syncing", "继续同步";
        sync_disconnect = "Stop syncing…", "停止同步…";
        sync_disconnect_confirm = "Stop syncing with this database? Your records stay in this browser and the team database keeps its copy; changes made from now on are not shared.", "停止与该数据库同步？记录仍保留在本浏览器中，团队数据库也保留其副本；此后的更改将不再共享。";
        sync_status_off = "Not connected", "未连接";
        sync_status_syncing = "Syncing…", "正在同步…";
        sync_status_connected = "Connected", "已连接";
        sync_status_offline = "Offline: changes are kept here and sent when the connection returns", "离线：更改已保存在本机，恢复连接后自动发送";
        sync_status_paused = "Paused", "已暂停";
        sync_status_needs_password = "Enter your password to resume syncing", "请输入密码以继续同步";
        sync_status_error = "Sync stopped", "同步已中断";
        sync_read_only = "Read-only member: you see the team's data but cannot change it.", "只读成员：可以查看团队数据，但不能修改。";
        sync_last = "Last synced", "上次同步";
        sync_never = "Not yet", "尚未同步";
        sync_to_send = "Waiting to go up", "待上传";
        sync_to_receive = "Waiting to come down", "待下载";
        sync_conflicts_title = "Two people changed the same record: ", "两个人同时改了同一条记录：";
        sync_conflicts_none = "No conflicts to resolve.", "没有待解决的冲突。";
        sync_conflict_intro = "Every device shows the version on the left. Pick, field by field, what stays; your choice reaches everyone.", "所有设备目前都显示左侧的版本。请逐项选择保留哪个值，您的选择会同步给所有人。";
        sync_conflict_compare = "Compare and resolve", "对比并解决";
        sync_conflict_shown = "Shown now", "当前显示";
        sync_conflict_other = "The other version", "另一版本";
        sync_conflict_keep = "Keep these values", "保留所选值";
        sync_conflict_resolved = "Conflict resolved", "冲突已解决";
        sync_conflict_needs_server = "Connect to the server to see the other version.", "请先连接服务器以查看另一版本。";
        sync_conflict_gone = "The other version is no longer on the server: keep the one shown.", "服务器上已没有另一版本：保留当前显示的版本即可。";
        sync_conflict_missing = "This record is no longer here.", "本机已没有这条记录。";
        sync_skipped_title = "Not taken from the server", "未从服务器接收";
        sync_refused_title = "Refused by the server", "被服务器拒绝";
        sync_err_bad_address = "That is not a database address: https://host[:port]/database, without a user name or password in it.", "这不是有效的数据库地址：应为 https://主机[:端口]/数据库名，且不能包含用户名或密码。";
        sync_err_not_https = "Use https: over plain http the password would cross the network readable (http is allowed for this computer only).", "请使用 https：通过 http 传输时密码可能被他人读取（仅本机地址允许 http）。";
        sync_err_unauthorized = "The server did not accept this user name and password.", "服务器不接受该用户名和密码。";
        sync_err_no_database = "The server has no such database. Ask your administrator to run the set-up script.", "服务器上没有这个数据库，请管理员运行初始化脚本。";
        sync_err_timeout = "The server did not answer in time.", "服务器未及时响应。";
        sync_err_unreachable = "The server cannot be reached: you may be offline, the server may be down, or it does not allow this site (CORS).", "无法连接服务器：可能处于离线状态、服务器未运行，或服务器未允许本网站访问（CORS）。";
    }
    formats {
        sync_err_forbidden(reason: String) = format!("The server refused the change: {reason}"), format!("服务器拒绝了更改：{reason}");
        sync_err_full(reason: String) = format!("The server is full or refused the size of the data: {reason}"), format!("服务器空间已满或拒绝了数据大小：{reason}");
        sync_err_server(status: u16, reason: String) = format!("The server answered {status}: {reason}"), format!("服务器返回 {status}：{reason}");
        sync_err_malformed(what: String) = format!("The server's answer is not what CouchDB sends ({what})."), format!("服务器的回应不符合 CouchDB 协议（{what}）。");
        sync_signed_in(name: String) = format!("Signed in as {name}"), format!("已登录：{name}");
        sync_done(sent: usize, received: usize) = format!("{} sent, {} received", format_count(sent as u64), format_count(received as u64)), format!("已上传 {} 条，已接收 {} 条", format_count(sent as u64), format_count(received as u64));
        sync_conflicts_count(n: usize) = format!("Conflicts to resolve: {n}"), format!("待解决的冲突：{n} 条");
    }
}

/// What to tell the user about `p`.
pub fn problem_text(p: &Problem, t: &super::Texts) -> String {
    match p {
        Problem::BadAddress => t.sync_err_bad_address.into(),
        Problem::NotHttps => t.sync_err_not_https.into(),
        Problem::Unauthorized => t.sync_err_unauthorized.into(),
        Problem::Forbidden(r) => (t.sync_err_forbidden)(r.clone()),
        Problem::NoDatabase => t.sync_err_no_database.into(),
        Problem::TimedOut => t.sync_err_timeout.into(),
        Problem::Unreachable => t.sync_err_unreachable.into(),
        Problem::ServerFull(r) => (t.sync_err_full)(r.clone()),
        Problem::Server { status, reason } => (t.sync_err_server)(*status, reason.clone()),
        Problem::Malformed(what) => (t.sync_err_malformed)(what.clone()),
    }
}
