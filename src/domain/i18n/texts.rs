//! The messages, English first and Chinese second on each line.

use crate::domain::money::format_count;

super::define_texts! {
    strings {
        app_name = "Zhike CRM", "知客 CRM";
        app_name_short = "Zhike", "知客";
        app_tagline = "Every customer, every contact, in your browser", "每一位客户、每一次接触，尽在浏览器中";
        skip_to_content = "Skip to content", "跳到主要内容";
        nav_main = "Main navigation", "主导航";
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
        cmd_go_commitments = "Go to commitments", "前往承诺";
        cmd_go_trash = "Go to trash", "前往回收站";
        cmd_go_settings = "Go to settings", "前往设置";
        kb_enter = "Enter", "Enter";
        kb_esc = "Esc", "Esc";

        // Generic actions
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

        // Customer list
        customers_title = "Customers", "客户";
        search_label = "Search customers", "搜索客户";
        search_placeholder = "Name, phone, e-mail or pinyin (zs → 张三)", "名称、公司、电话、邮箱或拼音（zs → 张三）";
        filter_kind = "Kind", "类型";
        filter_kind_all = "All kinds", "全部类型";
        filter_owner = "Owner", "负责人";
        filter_owner_all = "All owners", "全部负责人";
        filter_tag = "Tag", "标签";
        filter_tag_all = "All tags", "全部标签";
        filter_contact = "Contact preference", "联系偏好";
        filter_contact_all = "Any preference", "全部联系偏好";
        filter_contact_dnc = "Do not contact", "勿扰客户";
        filter_contact_ok = "May be contacted", "可联系客户";
        filter_clear = "Clear filters", "清除筛选";
        new_customer = "New customer", "新建客户";
        col_name = "Name", "名称";
        col_kind = "Kind", "类型";
        col_owner = "Owner", "负责人";
        col_phone = "Phone", "电话";
        col_revenue = "Revenue", "累计金额";
        col_last_purchase = "Last purchase", "最近购买";
        col_updated = "Updated", "更新时间";
        created = "Created", "创建于";
        sort_relevance = "Best match", "最相关";
        select_all = "Select all shown", "全选当前结果";
        select_row = "Select", "选择";
        bulk_assign_owner = "Assign owner", "分配负责人";
        bulk_add_tag = "Add tag", "添加标签";
        bulk_tag_placeholder = "Tag to add", "要添加的标签";
        bulk_delete = "Move to trash", "移到回收站";
        bulk_clear = "Clear selection", "取消选择";
        empty_title = "No customers yet", "还没有客户";
        empty_body = "Add your first customer, or load a few hundred realistic sample customers to look around.", "添加第一位客户，或载入几百位逼真的示例客户先体验一下。";
        empty_add = "Add a customer", "添加客户";
        empty_sample = "Load sample data", "载入示例数据";
        no_match_title = "No customer matches", "没有符合条件的客户";
        no_match_body = "Try other words or clear the filters.", "换个关键词，或清除筛选条件。";
        badge_dnc = "Do not contact", "勿扰";
        badge_overdue = "Overdue promise", "承诺逾期";
        badge_open_commitments = "Open promises", "待兑现承诺";
        list_label = "Customer list", "客户列表";

        // Customer form
        form_new_title = "New customer", "新建客户";
        form_edit_title = "Edit customer", "编辑客户";
        form_fix_errors = "Please correct the highlighted fields.", "请修改标出的字段。";
        sec_basics = "Basics", "基本信息";
        sec_channels = "How to reach them", "联系方式";
        sec_business = "Business and performance", "业务与业绩";
        sec_business_hint = "What they make and sell, how they are doing, whether they pay.", "客户的产品、销售与利润变化、支付能力。";
        sec_policy = "Their sales and purchasing policy", "客户的销售方针";
        sec_policy_hint = "How they buy: tenders, approved suppliers, payment terms, seasons.", "客户如何采购：招标、供应商名录、付款条件、季节性。";
        sec_position = "Our position at the customer", "我方在客户中的位置";
        sec_competitors = "Competitors at this customer", "竞争对手状况";
        sec_credit = "Credit and contact preferences", "信用与联系偏好";
        party = "Customer is", "客户性质";
        party_org = "An organisation", "单位";
        party_person = "A person", "个人";
        name_org = "Organisation name", "单位名称";
        name_person = "Full name", "姓名";
        company = "Works at", "所在单位";
        kind = "Relationship kind", "客户类型";
        industry = "Industry", "行业";
        region = "Region", "地区";
        region_placeholder = "Province / city, e.g. 浙江 杭州", "省 / 市，如 浙江 杭州";
        address = "Address", "地址";
        source = "Source", "来源";
        owner = "Owner", "负责人";
        tags = "Tags", "标签";
        tags_hint = "Separate with commas", "用逗号分隔";
        phones = "Phones", "电话";
        phone = "Phone", "电话";
        add_phone = "Add phone", "添加电话";
        emails = "E-mails", "邮箱";
        email = "E-mail", "邮箱";
        add_email = "Add e-mail", "添加邮箱";
        wechat = "WeChat", "微信";
        main_products = "Main products", "主营产品";
        scale = "Scale", "规模";
        scale_placeholder = "e.g. annual sales ¥50m, 300 staff", "如：年销售额 5000 万，300 人";
        trend = "Trend", "经营趋势";
        payment_ability = "Ability to pay", "支付能力";
        business_notes = "Notes on their business", "业务备注";
        sales_policy = "Sales policy", "销售方针";
        supplier_rank = "Our standing", "我方地位";
        share_of_wallet = "Our share of their need (%)", "我方占其需求份额（%）";
        position_notes = "Notes on our position", "地位备注";
        competitor_name = "Competitor", "竞争对手";
        competitor_notes = "What they supply, prices, relations", "供应内容、价格、关系";
        add_competitor = "Add competitor", "添加竞争对手";
        credit_limit = "Credit limit", "信用额度";
        currency = "Currency", "币种";
        dnc = "Do not contact", "勿扰（不要联系）";
        dnc_hint = "The customer asked not to be contacted. Leave channels empty for all.", "客户要求不再联系。不选渠道表示全部渠道。";
        dnc_since = "Since", "起始日期";
        dnc_channels = "Channels", "渠道";
        notes = "Notes", "备注";

        // Customer 360
        detail_back = "All customers", "全部客户";
        detail_not_found = "This customer does not exist or was deleted permanently.", "该客户不存在或已被永久删除。";
        detail_in_trash = "This customer is in the trash.", "该客户在回收站中。";
        detail_totals = "Totals", "汇总";
        total_revenue = "Lifetime revenue", "累计购买金额";
        total_purchases = "Purchases", "购买次数";
        first_purchase = "First purchase", "首次购买";
        last_purchase = "Last purchase", "最近购买";
        last_contact = "Last contact", "最近接触";
        never = "Never", "暂无";
        open_commitments = "Open commitments", "待兑现的承诺";
        timeline = "Timeline", "时间线";
        timeline_empty = "No interactions or purchases yet. Record the first one above.", "还没有接触记录或交易。可在上方记录第一条。";
        contacts_title = "Contact persons", "联系人";
        contacts_empty = "No contact persons yet.", "还没有联系人。";
        add_contact = "Add contact person", "添加联系人";
        details_title = "Customer file", "客户档案";
        quick_interaction = "Log interaction", "记录接触";
        quick_purchase = "Record purchase", "记录交易";
        interaction_saved = "Interaction saved", "接触记录已保存";
        purchase_saved = "Purchase saved", "交易已保存";
        contact_saved = "Contact person saved", "联系人已保存";
        customer_saved = "Customer saved", "客户已保存";
        deleted_item = "Deleted", "已删除";
        mark_done = "Mark done", "标记完成";
        mark_open = "Reopen", "重新打开";
        done = "Done", "已完成";
        overdue = "Overdue", "已逾期";
        due = "Due", "截止";
        promised_by = "Promised by", "承诺人";
        kind_interaction = "Interaction", "接触";
        kind_purchase = "Purchase", "交易";
        move_to_trash = "Move to trash", "移到回收站";
        confirm_delete_item = "Delete this entry?", "删除这条记录？";

        // Interaction form
        when = "When", "时间";
        channel = "Channel", "方式";
        our_side = "Who on our side", "我方人员";
        their_side = "Whom at the customer", "客户方联系人";
        summary = "What happened", "内容摘要";
        summary_placeholder = "What was discussed, asked, agreed…", "沟通了什么、客户要求了什么、达成了什么…";
        commitment = "Promise made", "做出的承诺";
        commitment_placeholder = "e.g. send the quotation", "如：发送报价单";
        commitment_due = "Promised by", "承诺期限";

        // Purchase form
        date = "Date", "日期";
        amount = "Amount", "金额";
        quantity = "Quantity", "数量";
        product = "Product or category", "产品或品类";
        margin = "Gross margin", "毛利";

        // Contact person form
        contact_name = "Name", "姓名";
        title = "Title", "职务";
        buying_role = "Role in the purchase", "采购角色";

        // Commitments page
        commitments_title = "Open commitments", "待兑现的承诺";
        commitments_intro = "Everything our side promised customers and has not done yet, earliest first.", "我方对客户做出、尚未兑现的所有承诺，按期限排序。";
        commitments_empty = "No open commitments. Promises logged with an interaction appear here.", "没有待兑现的承诺。记录接触时填写的承诺会显示在这里。";
        commitments_mine = "Only mine", "只看我的";
        commitment_customer = "Customer", "客户";
        commitment_text = "Promise", "承诺内容";
        commitment_who = "Who", "承诺人";

        // Trash
        trash_title = "Trash", "回收站";
        trash_intro = "Customers moved here can be restored. Deleting permanently also removes their contact persons, interactions and purchases.", "移到这里的客户可以恢复。永久删除会同时删除其联系人、接触记录和交易。";
        trash_empty = "The trash is empty.", "回收站是空的。";
        trash_purge = "Delete permanently", "永久删除";
        trash_empty_all = "Empty trash", "清空回收站";
        trash_deleted_at = "Moved to trash", "删除时间";

        // Settings
        settings_title = "Settings", "设置";
        set_language = "Language", "语言";
        set_theme = "Theme", "主题";
        theme_system = "Follow system", "跟随系统";
        theme_light = "Light", "浅色";
        theme_dark = "Dark", "深色";
        set_density = "List density", "列表密度";
        density_comfortable = "Comfortable", "舒适";
        density_compact = "Compact", "紧凑";
        set_me = "I am", "我是";
        set_me_hint = "Used as the default owner and as who logged an interaction.", "用作新客户的默认负责人和接触记录的我方人员。";
        set_me_none = "Not chosen", "未选择";
        team_title = "Team members", "团队成员";
        team_intro = "People who own customers and log interactions.", "负责客户、记录接触的人员。";
        team_empty = "No team members yet. Add yourself first.", "还没有团队成员。先添加你自己。";
        member_name = "Name", "姓名";
        member_role = "Role", "角色";
        add_member = "Add member", "添加成员";
        storage_title = "Storage on this device", "本机存储";
        storage_intro = "Your data lives only in this browser. Back it up before clearing browser data.", "数据只保存在当前浏览器中。清除浏览器数据前请先备份。";
        storage_persistent = "Protected from automatic clean-up", "已防止被浏览器自动清理";
        storage_not_persistent = "The browser may clear this data when space runs low", "空间不足时浏览器可能清除这些数据";
        storage_unknown = "This browser does not report whether data is protected", "该浏览器不提供存储保护状态";
        storage_request = "Ask for protection", "申请保护";
        sample_title = "Sample data", "示例数据";
        sample_intro = "Adds realistic bilingual customers with contacts, interactions and several years of purchases. Your own records are kept.", "添加逼真的中英文示例客户，含联系人、接触记录和多年交易。已有数据不受影响。";
        sample_load = "Load sample data", "载入示例数据";
        sample_loading = "Loading sample data…", "正在载入示例数据…";
        danger_title = "Delete all data", "删除全部数据";
        danger_intro = "Removes every customer, contact, interaction, purchase and team member from this browser. This cannot be undone.", "从本浏览器删除所有客户、联系人、接触记录、交易和团队成员，且无法撤销。";
        danger_button = "Delete all data…", "删除全部数据…";
        danger_confirm_label = "Type DELETE to confirm", "输入“删除”以确认";
        danger_confirm_word = "DELETE", "删除";
        all_deleted = "All data deleted", "已删除全部数据";
        about_title = "About", "关于";

        // Errors and states
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
        other_tab_changed = "Data changed in another tab — list refreshed.", "其他标签页修改了数据，列表已刷新。";
    }
    formats {
        n_customers(n: usize) = if n == 1 { "1 customer".to_string() } else { format!("{} customers", format_count(n as u64)) }, format!("共 {} 位客户", format_count(n as u64));
        n_selected(n: usize) = format!("{} selected", format_count(n as u64)), format!("已选 {} 位", format_count(n as u64));
        n_shown_of(shown: usize, total: usize) = format!("{} of {}", format_count(shown as u64), format_count(total as u64)), format!("{} / {}", format_count(shown as u64), format_count(total as u64));
        moved_to_trash(n: usize) = if n == 1 { "Moved to trash".to_string() } else { format!("Moved {} customers to trash", format_count(n as u64)) }, format!("已将 {} 位客户移到回收站", format_count(n as u64));
        restored(n: usize) = if n == 1 { "Restored".to_string() } else { format!("Restored {} customers", format_count(n as u64)) }, format!("已恢复 {} 位客户", format_count(n as u64));
        purged(n: usize) = format!("Deleted {} permanently", format_count(n as u64)), format!("已永久删除 {} 位客户", format_count(n as u64));
        owner_assigned(n: usize) = format!("Owner assigned to {}", format_count(n as u64)), format!("已为 {} 位客户分配负责人", format_count(n as u64));
        tag_added(n: usize) = format!("Tag added to {}", format_count(n as u64)), format!("已为 {} 位客户添加标签", format_count(n as u64));
        sample_loaded(n: usize) = format!("Added {} sample customers", format_count(n as u64)), format!("已添加 {} 位示例客户", format_count(n as u64));
        storage_usage(used_mb: String, quota_mb: String) = format!("{used_mb} MB used of {quota_mb} MB available"), format!("已用 {used_mb} MB，可用 {quota_mb} MB");
        member_in_use(n: usize) = format!("This member still owns {n} customers. Assign them to someone else first."), format!("该成员仍负责 {n} 位客户，请先将其分配给其他人。");
        entry_n(label: &str, n: usize) = format!("{label} {n}"), format!("{label} {n}");
        confirm_purge(name: &str) = format!("Delete “{name}” permanently, with all their contacts, interactions and purchases?"), format!("永久删除“{name}”及其全部联系人、接触记录和交易？");
        confirm_empty_trash(n: usize) = format!("Delete all {n} customers in the trash permanently?"), format!("永久删除回收站中的全部 {n} 位客户？");
        open_commitments_n(n: usize) = format!("{n} open"), format!("{n} 项待兑现");
        p_too_long(max: usize) = format!("Too long: at most {max} characters."), format!("太长了：最多 {max} 个字符。");
        p_too_many_decimals(max: u32) = if max == 0 { "Whole amounts only in this currency.".to_string() } else { format!("At most {max} digits after the decimal point.") }, if max == 0 { "该币种只能填写整数。".to_string() } else { format!("小数点后最多 {max} 位。") };
        sort_by(column: &str) = format!("Sort by {column}"), format!("按{column}排序");
    }
}
