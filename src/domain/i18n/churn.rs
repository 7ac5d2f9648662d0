//! Churn, risk and win-back.

super::feature_texts! { $ churn_texts;
    strings {
        nav_retention = "Retention", "客户保持";
        cmd_go_retention = "Go to retention and win-back", "前往客户保持与挽回";
        retention_title = "Retention and win-back", "客户保持与挽回";
        retention_intro = "Who stays, who leaves and why, and the valuable customers to win back.", "哪些客户留下、哪些流失及原因，以及值得挽回的重要客户。";
        risk_title = "Churn risk", "流失风险";
        risk_none = "No purchase yet, so nothing to lose yet.", "尚无交易，暂无流失风险。";
        risk_no_model = "Not judged yet: the purchase model needs more customers with purchases to be fitted.", "暂无法判断：购买模型需要更多有交易的客户才能拟合。";
        risk_waiting = "Computed with the classes…", "正在与分类一起计算……";
        risk_rule = "Score = (1 − probability still active) × 50 + purchase rhythm × 30 (none up to the usual gap between purchases, all at three times it) + complaints (10, or 20 when one is overdue). Medium from 30, high from 60.", "得分 = (1 − 仍活跃概率) × 50 + 购买节奏 × 30（未超过平常购买间隔为 0，达到三倍为满分）+ 投诉（10 分，超期为 20 分）。30 分起为中风险，60 分起为高风险。";
        churn_events_title = "Recorded churn", "流失记录";
        record_churn = "Record as lost", "登记流失";
        churn_saved = "Churn recorded", "已登记流失";
        churn_deleted = "Churn record deleted", "流失记录已删除";
        churn_delete_confirm = "Delete this churn record?", "删除这条流失记录？";
        churn_kind = "Kind of churn", "流失类型";
        churn_cause = "Cause", "流失原因";
        churn_date = "Lost on", "流失日期";
        went_to = "Went to (competitor)", "转向的竞争对手";
        won_back = "Won back: bought again since", "已挽回：此后再次购买";
        winback_title = "Win-back plans", "挽回计划";
        plan_winback = "Plan win-back", "制定挽回计划";
        winback_action_placeholder = "Visit with the new price list, service review…", "带新价格表拜访、服务回顾……";
        winback_saved = "Win-back plan saved", "挽回计划已保存";
        winback_deleted = "Win-back plan deleted", "挽回计划已删除";
        mark_won = "Won back", "已挽回";
        mark_lost = "Not won back", "未挽回";
        retention_table = "Retention by quarter", "按季度的客户保持率";
        retention_note = "Of the customers who bought in the quarter before, the share who bought again in the quarter (the current quarter is still running). Groups are today's importance classes.", "上一季度购买过的客户中，本季度再次购买的比例（本季度尚未结束）。分组按当前的重要程度。";
        col_base = "Bought the quarter before", "上季度购买";
        col_retained = "Bought again", "本季度再购";
        col_retention = "Retention", "保持率";
        col_churn_rate = "Churn rate", "流失率";
        col_quarter = "Quarter", "季度";
        col_group = "Group", "分组";
        all_customers = "All customers", "全部客户";
        churn_reasons = "Recorded churn by kind and cause", "流失记录：按类型和原因";
        no_churn_events = "No churn recorded yet. Record it on a customer's page when one leaves.", "尚无流失记录。客户流失时，请在客户页面登记。";
        winback_list = "Win-back list", "挽回名单";
        winback_list_note = "VIP and important customers at high churn risk, or recorded as lost in the last 180 days and not back yet; highest lifetime value first.", "高流失风险的贵宾型和重要型客户，以及近 180 天内登记流失且尚未回来的客户；按终身价值从高到低。";
        col_risk = "Churn risk", "流失风险";
        col_plan = "Win-back plan", "挽回计划";
        col_reason = "Why listed", "列入原因";
        reason_at_risk = "High risk", "高风险";
        reason_lost = "Lost", "已流失";
        no_winback = "No valuable customer is at high risk or recently lost.", "没有高风险或近期流失的重要客户。";
        no_plan = "No plan yet", "尚无计划";

    }
    formats {
        risk_prediction(p: f64, pts: f64) = format!("Probability still active {:.0}%: +{pts:.0}", p * 100.0), format!("仍活跃概率 {:.0}%：+{pts:.0}", p * 100.0);
        risk_rhythm(since: f64, usual: Option<f64>, pts: f64) = match usual { Some(u) => format!("{since:.0} weeks since the last purchase, usually one every {u:.1} weeks: +{pts:.0}"), None => format!("{since:.0} weeks since the only purchase (measured against 13 weeks): +{pts:.0}") }, match usual { Some(u) => format!("距上次购买 {since:.0} 周，平常每 {u:.1} 周购买一次：+{pts:.0}"), None => format!("距唯一一次购买 {since:.0} 周（以 13 周为准）：+{pts:.0}") };
        risk_complaints(n: u32, overdue: bool, pts: f64) = format!("{n} open complaint{}{}: +{pts:.0}", if n == 1 { "" } else { "s" }, if overdue { ", one past its deadline" } else { "" }), format!("{n} 项投诉未结{}：+{pts:.0}", if overdue { "，其中有超期" } else { "" });
        risk_satisfaction(from: f64, to: f64, pts: f64) = if to < from { format!("Satisfaction fell from {from:.0} to {to:.0}: +{pts:.0}") } else { format!("Satisfaction did not fall ({from:.0} → {to:.0}): +{pts:.0}") }, if to < from { format!("满意度由 {from:.0} 降至 {to:.0}：+{pts:.0}") } else { format!("满意度未下降（{from:.0} → {to:.0}）：+{pts:.0}") };
        risk_score(score: f64) = format!("{score:.0} / 100"), format!("{score:.0} / 100");
    }
}
