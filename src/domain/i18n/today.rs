//! "My day" (今日工作).

super::feature_texts! { $ today_texts;
    strings {
        nav_today = "My day", "今日工作";
        cmd_go_today = "Go to my day", "前往今日工作";
        today_title = "My day", "今日工作";
        today_mine = "Mine", "我的";
        today_team = "Whole team", "全队";
        today_no_me = "Choose who you are in Settings → Team to see your own day; meanwhile this shows the whole team.", "请在“设置 → 团队”中选择“我是谁”，即可只看自己的待办；现在显示的是全队。";
        today_empty = "Nothing due today. Well done.", "今天没有到期的事项。";
        today_unassigned = "Not assigned to anyone", "未分配";
        today_overdue = "Promises overdue", "已逾期的承诺";
        today_due = "Promises due today", "今天到期的承诺";
        today_complaints = "Complaints near or past their deadline", "临近或超过处理期限的投诉";
        today_calls = "Valuable customers at risk: call them", "需要联系的高价值风险客户";
        today_winbacks = "Win-back steps due", "到期的挽回行动";
        today_deadline = "Deadline", "期限";
        today_active = "Chance still active", "仍活跃概率";
        notify_label = "Notify me when promises, complaint deadlines and win-back steps come due (while the app is open)", "事项到期时通知我（承诺、投诉处理期限、挽回行动；应用打开时）";
        notify_denied = "This browser blocks notifications for this site. Allow them in the site settings, then switch this on again.", "浏览器已禁止本站的通知。请在网站设置中允许通知，然后重新打开此开关。";
        notify_unsupported = "This browser cannot show notifications.", "此浏览器不支持通知。";
        notice_promise = "Promise due today", "今天到期的承诺";
        notice_complaint = "Complaint deadline", "投诉处理期限";
        notice_winback = "Win-back step due today", "今天到期的挽回行动";
    }
    formats {
        today_date(date: String) = format!("Today, {date}"), format!("今天，{date}");
        today_count(n: usize) = if n == 1 { "1 item".to_string() } else { format!("{n} items") }, format!("{n} 项");
    }
}
