//! The messages every page shares: the app's name, navigation, the palette, generic actions, errors and states.

super::feature_texts! { $ common_texts;
    strings {
        app_name = "Zhike CRM", "知客 CRM";
        app_name_short = "Zhike", "知客";
        app_tagline = "Every customer, every contact, in your browser", "每一位客户、每一次接触，尽在浏览器中";
        skip_to_content = "Skip to content", "跳到主要内容";
        nav_main = "Main navigation", "主导航";
        nav_more = "More", "更多";
        nav_more_title = "More pages", "更多页面";
        nav_customers = "Customers", "客户";
        nav_commitments = "Commitments", "承诺";
        nav_trash = "Trash", "回收站";
        nav_settings = "Settings", "设置";
        palette_open = "Search or jump to…", "搜索或跳转…";
        palette_shortcut = "Ctrl K", "Ctrl K";
        palette_placeholder = "Type a customer name or a command…", "输入客户名称或命令…";
        palette_label = "Command palette", "命令面板";
        palette_customers = "Customers", "客户";
        palette_commands = "Commands", "命令";
        palette_no_results = "Nothing matches", "没有匹配的结果";
        palette_hint = "↑↓ to move · Enter to open · Esc to close", "↑↓ 选择 · Enter 打开 · Esc 关闭";
        cmd_new_customer = "New customer", "新建客户";
        cmd_switch_language = "Switch to Chinese (切换到中文)", "Switch to English (切换到英文)";
        cmd_toggle_theme = "Toggle light / dark theme", "切换浅色 / 深色主题";
        cmd_go_customers = "Go to customers", "前往客户列表";
        cmd_go_overview = "Go to the overview", "前往概览";
        cmd_go_segments = "Go to segments", "前往客户分群";
        cmd_go_commitments = "Go to commitments", "前往承诺";
        cmd_go_trash = "Go to trash", "前往回收站";
        cmd_go_settings = "Go to settings", "前往设置";
        kb_enter = "Enter", "Enter";
        kb_esc = "Esc", "Esc";

        save = "Save", "保存";
        saving = "Saving…", "正在保存…";
        cancel = "Cancel", "取消";
        close = "Close", "关闭";
        edit = "Edit", "编辑";
        delete = "Delete", "删除";
        add = "Add", "添加";
        remove = "Remove", "移除";
        undo = "Undo", "撤销";
        restore = "Restore", "恢复";
        confirm = "Confirm", "确认";
        back = "Back", "返回";
        reload = "Reload", "重新加载";
        loading = "Loading…", "正在加载…";
        none = "None", "无";
        not_set = "Not set", "未填写";
        unassigned = "Unassigned", "未分配";
        yes = "Yes", "是";
        no = "No", "否";
        optional = "optional", "选填";
        required_mark = "required", "必填";
        save_hint = "Enter saves · Esc cancels", "Enter 保存 · Esc 取消";
        dismiss = "Dismiss", "关闭提示";

        err_title = "Something went wrong", "出错了";
        err_panic = "The app hit an unexpected error. Your saved data is safe; reload to continue.", "应用遇到意外错误。已保存的数据是安全的，请重新加载后继续。";
        err_storage_unavailable = "This browser does not allow the app to store data (IndexedDB is unavailable — private mode or a browser setting may block it). Open the app in a normal window or allow site data, then reload.", "此浏览器不允许本应用保存数据（IndexedDB 不可用，可能是无痕模式或浏览器设置阻止了它）。请在普通窗口中打开，或允许网站数据后重新加载。";
        err_upgrade_blocked = "An older version of the app is open in another tab and keeps the database from being upgraded. Close the other tabs of this app, then reload.", "另一个标签页中打开着旧版本的应用，导致数据库无法升级。请关闭本应用的其他标签页，然后重新加载。";
        err_closed_by_other_tab = "The app was updated or its data was reset in another tab. Reload this tab to continue; nothing you saved is lost.", "应用已在另一个标签页中更新或重置数据。请重新加载本页继续；已保存的内容不会丢失。";
        err_quota = "The browser's storage space is full, so nothing was saved. Free space (delete old customers or other sites' data) and try again.", "浏览器存储空间已满，本次内容未保存。请释放空间（删除旧客户或其他网站的数据）后重试。";
        err_not_found = "This record no longer exists; it may have been deleted in another tab.", "该记录已不存在，可能已在其他标签页中被删除。";
        err_invalid = "Some fields need correcting.", "部分字段需要修改。";
        err_damaged = "Some stored data could not be read back. Reload; if it persists, export what you can and reset the data in Settings.", "部分已存数据无法读取。请重新加载；若仍然出现，请在设置中重置数据。";
        err_storage = "Saving failed and nothing was changed. Try again.", "保存失败，数据未作任何改动。请重试。";
        err_details = "Details", "详细信息";
        err_page_code = "This page could not be downloaded: the connection may be down, or a newer version of the app has been published. Reload to continue; nothing you saved is lost.", "无法下载此页面：可能网络已断开，或应用已发布新版本。请重新加载后继续；已保存的内容不会丢失。";
        other_tab_changed = "Data changed in another tab — list refreshed.", "其他标签页修改了数据，列表已刷新。";
    }
    formats {
        entry_n(label: &str, n: usize) = format!("{label} {n}"), format!("{label} {n}");
        p_too_long(max: usize) = format!("Too long: at most {max} characters."), format!("太长了：最多 {max} 个字符。");
        p_too_many_decimals(max: u32) = if max == 0 { "Whole amounts only in this currency.".to_string() } else { format!("At most {max} digits after the decimal point.") }, if max == 0 { "该币种只能填写整数。".to_string() } else { format!("小数点后最多 {max} 位。") };
        duration_hours(hours: f64) = if hours < 48.0 { format!("{hours:.1} h") } else { format!("{:.1} days", hours / 24.0) }, if hours < 48.0 { format!("{hours:.1} 小时") } else { format!("{:.1} 天", hours / 24.0) };
    }
}
