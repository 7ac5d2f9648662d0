//! Complaints and their handling.

super::feature_texts! { $ complaints_texts;
    strings {
        nav_complaints = "Complaints", "投诉";
        cmd_go_complaints = "Go to complaints", "前往投诉";
        complaints_title = "Complaints", "客户投诉";
        complaints_intro = "Every complaint with its deadline and who handles it. A complaint still unsolved at its deadline goes to the managers.", "所有投诉及其处理期限和负责人。到期仍未解决的投诉自动升级给经理。";
        complaint_new = "New complaint", "登记投诉";
        complaint_saved = "Complaint saved", "投诉已保存";
        complaint_updated = "Complaint updated", "投诉已更新";
        complaint_deleted = "Complaint deleted", "投诉已删除";
        complaint_delete_confirm = "Delete this complaint? Only do this for one entered by mistake.", "删除这条投诉？仅用于误录入的投诉。";
        received_at = "Received", "接收时间";
        category = "Category", "类别";
        severity = "Severity", "严重程度";
        complaint_text = "What the customer says", "投诉内容";
        complaint_placeholder = "In the customer's words: what happened and what they expect", "用客户的话记录：发生了什么、希望如何解决";
        handler = "Handled by", "负责人";
        deadline = "Deadline", "处理期限";
        deadline_hint = "Set from the severity: critical 24 h, high 48 h, medium 5 days, low 10 days.", "按严重程度设定：紧急 24 小时，严重 48 小时，一般 5 天，轻微 10 天。";
        col_status = "Status", "状态";
        col_customer = "Customer", "客户";
        acknowledge = "Acknowledge", "受理";
        resolve = "Resolve", "解决";
        close_complaint = "Close", "关闭";
        reopen = "Reopen", "重新打开";
        escalate = "Escalate", "升级";
        escalate_placeholder = "Why it is beyond your authority", "为何超出您的权限";
        follow_up = "Follow-up", "跟进";
        follow_up_placeholder = "What was done or said to the customer", "对客户做了什么、说了什么";
        follow_ups = "Follow-ups", "跟进记录";
        resolution = "Resolution", "解决办法";
        resolution_placeholder = "What solved it, as told to the customer", "解决办法（已告知客户）";
        first_contact = "Solved at the first contact", "首次接触即解决";
        customer_confirmed = "The customer confirmed the resolution", "客户已确认解决";
        confirmed = "Confirmed by the customer", "客户已确认";
        compensation = "Compensation", "补偿";
        offer_placeholder = "Replacement, refund, discount…", "换货、退款、折扣……";
        offer_amount = "Value in ¥ (optional)", "金额（¥，选填）";
        offer = "Offer compensation", "提出补偿";
        offer_accepted = "Accepted", "客户已接受";
        offer_declined = "Declined", "客户已拒绝";
        offer_waiting = "Awaiting the customer's answer", "等待客户答复";
        mark_accepted = "Accepted", "接受";
        mark_declined = "Declined", "拒绝";
        badge_complaint = "Open complaint", "投诉未结";
        complaint_banner = "Open complaint: settle it before selling to this customer again. Marketing exports leave them out until it is closed.", "有未关闭的投诉：解决之前请勿再次推销。关闭之前，营销导出不包含该客户。";
        no_complaints = "No complaints", "暂无投诉";
        no_complaints_body = "Complaints taken on a customer's page appear here.", "在客户页面登记的投诉会显示在这里。";
        no_complaints_filter = "No complaint in this view.", "此视图下没有投诉。";
        stat_open = "Open", "未关闭";
        stat_overdue = "Overdue", "已超期";
        stat_escalated = "Escalated", "已升级";
        stat_median_resolution = "Median time to resolve", "解决用时中位数";
        stat_first_contact = "Resolved at first contact", "首次接触解决率";
        stat_resolved_late = "Resolved after the deadline", "超期后才解决";
        by_category = "Complaints by category", "按类别统计";
        filter_open = "Open", "未关闭";
        filter_overdue = "Overdue", "已超期";
        filter_escalated = "Escalated", "已升级";
        filter_all = "All", "全部";
        complaints_filter = "Show", "显示";
        step_not_allowed = "This step does not apply to the complaint as it is now.", "投诉当前的状态不允许此操作。";
        complaints_panel = "Complaints", "投诉";

    }
    formats {
        escalated_to(names: String) = if names.is_empty() { "No sales manager in the team yet: add one in Settings.".to_string() } else { format!("With: {names}") }, if names.is_empty() { "团队中还没有销售经理，请在设置中添加。".to_string() } else { format!("经理：{names}") };
        overdue_since(when: String) = format!("Overdue since {when}"), format!("已于 {when} 超期");
        due_by(when: String) = format!("Due by {when}"), format!("须于 {when} 前解决");
    }
}
