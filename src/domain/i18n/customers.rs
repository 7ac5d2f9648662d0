//! Customers: the list, the form, the 360 view, contact persons, interactions, purchases, commitments, loyalty, the trash, vCard and exports.

/// Adds this feature's messages to the ones gathered so far and hands them on to the next
/// feature's macro (the last one, `define_texts!`, declares [`Texts`](super::Texts)).
macro_rules! customers_texts {
    ($next:ident $(, $rest:ident)* ; $($gathered:tt)*) => {
        $next! { $($rest),* ; $($gathered)*
    strings {
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

        when = "When", "时间";
        channel = "Channel", "方式";
        our_side = "Who on our side", "我方人员";
        their_side = "Whom at the customer", "客户方联系人";
        summary = "What happened", "内容摘要";
        summary_placeholder = "What was discussed, asked, agreed…", "沟通了什么、客户要求了什么、达成了什么…";
        commitment = "Promise made", "做出的承诺";
        commitment_placeholder = "e.g. send the quotation", "如：发送报价单";
        commitment_due = "Promised by", "承诺期限";

        date = "Date", "日期";
        amount = "Amount", "金额";
        quantity = "Quantity", "数量";
        product = "Product or category", "产品或品类";
        margin = "Gross margin", "毛利";

        contact_name = "Name", "姓名";
        title = "Title", "职务";
        buying_role = "Role in the purchase", "采购角色";

        commitments_title = "Open commitments", "待兑现的承诺";
        commitments_intro = "Everything our side promised customers and has not done yet, earliest first.", "我方对客户做出、尚未兑现的所有承诺，按期限排序。";
        commitments_empty = "No open commitments. Promises logged with an interaction appear here.", "没有待兑现的承诺。记录接触时填写的承诺会显示在这里。";
        commitments_mine = "Only mine", "只看我的";
        commitment_customer = "Customer", "客户";
        commitment_text = "Promise", "承诺内容";
        commitment_who = "Who", "承诺人";

        trash_title = "Trash", "回收站";
        trash_intro = "Customers moved here can be restored. Deleting permanently also removes their contact persons, interactions and purchases.", "移到这里的客户可以恢复。永久删除会同时删除其联系人、接触记录和交易。";
        trash_empty = "The trash is empty.", "回收站是空的。";
        trash_purge = "Delete permanently", "永久删除";
        trash_empty_all = "Empty trash", "清空回收站";
        trash_deleted_at = "Moved to trash", "删除时间";

        discounted = "Bought at a discount or promotional price", "以折扣或促销价购买";
        discount_badge = "Discount", "折扣价";
        loyalty_title = "Loyalty indicators", "忠诚度指标";
        loyalty_intro = "The eight indicators of the texts: four computed from the records, four rated by the account owner (1 = weak, 5 = strong).", "教材中的八项指标：四项由记录计算，四项由客户负责人评分（1 = 弱，5 = 强）。";
        loyalty_score = "Loyalty score", "忠诚度得分";
        loyalty_behavioural = "Behaviour", "行为";
        loyalty_emotional = "Attitude", "态度";
        loyalty_rule = "Each indicator scores 0–100. Behaviour is the mean of the computed ones, attitude the mean of the ratings; the score is the mean of the two. Loyal in behaviour or attitude from 60; both: sustainable loyalty.", "每项指标 0–100 分。行为得分为计算类指标的平均，态度得分为评分类指标的平均，总分为两者平均。60 分起视为行为或情感忠诚，两者兼具为可持续忠诚。";
        not_rated = "Not rated", "未评分";
        no_data = "No data", "无数据";
        ratings_saved = "Ratings saved", "评分已保存";
        rate_hint = "Rate what only you can judge:", "请对只有您能判断的项目评分：";

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
        confirm_purge(name: &str) = format!("Delete “{name}” permanently, with all their contacts, interactions and purchases?"), format!("永久删除“{name}”及其全部联系人、接触记录和交易？");
        confirm_empty_trash(n: usize) = format!("Delete all {n} customers in the trash permanently?"), format!("永久删除回收站中的全部 {n} 位客户？");
        open_commitments_n(n: usize) = format!("{n} open"), format!("{n} 项待兑现");
        sort_by(column: &str) = format!("Sort by {column}"), format!("按{column}排序");
        change_points(d: f64) = format!("{}{d:.0} since the previous response", if d > 0.0 { "+" } else { "" }), format!("较上一次 {}{d:.0}", if d > 0.0 { "+" } else { "" });
        export_columns(n: usize, all: usize) = format!("Columns ({n} of {all})"), format!("导出列（{n} / {all}）");
        export_n(n: usize) = format!("Export {} customers", format_count(n as u64)), format!("导出 {} 位客户", format_count(n as u64));
        vcard_plan(customers: usize, contacts: usize, skipped: usize) = format!("{} new customers and {} contact persons will be added; {} cards will not.", format_count(customers as u64), format_count(contacts as u64), format_count(skipped as u64)), format!("将新增 {} 位客户和 {} 位联系人；{} 张名片不导入。", format_count(customers as u64), format_count(contacts as u64), format_count(skipped as u64));
        vcard_do(n: usize) = format!("Import {}", format_count(n as u64)), format!("导入 {} 条", format_count(n as u64));
        vcard_imported(customers: usize, contacts: usize) = format!("Imported {} customers and {} contact persons", format_count(customers as u64), format_count(contacts as u64)), format!("已导入 {} 位客户和 {} 位联系人", format_count(customers as u64), format_count(contacts as u64));
        vcard_exported(n: usize) = format!("Exported {} cards", format_count(n as u64)), format!("已导出 {} 张名片", format_count(n as u64));
        card_known(value: &str) = format!("Already in your data ({value})."), format!("已存在（{value}）。");
    }
        }
    };
}
pub(super) use customers_texts;
