//! The forecast and the rep figures (the page's headings, columns, rule and the size bands),
//! and the handover of a member's accounts.

use super::Texts;
use crate::domain::opportunity::reps::SizeBand;

super::feature_texts! { $ forecast_texts;
    strings {
        forecast_title = "Forecast and reps", "销售预测与业绩";
        forecast_link = "Forecast", "预测";
        cmd_go_forecast = "Go to the forecast", "前往销售预测";
        forecast_intro = "What the open pipeline should bring, month by month and by owner, next to what was won before — and each rep's record.", "进行中的商机预计带来多少收入（按月、按负责人），与过去几个月的赢单收入对照；以及每位成员的成交记录。";
        forecast_currency = "Currency", "币种";
        forecast_back = "Months back", "回看月数";
        forecast_ahead = "Months ahead", "预测月数";
        forecast_ahead_weighted = "Weighted pipeline ahead", "未来加权金额";
        forecast_best_case = "Best case", "最佳情况";
        forecast_won_this_month = "Won this month", "本月已赢单";
        forecast_expected_this_month = "Expected this month", "本月预计";
        forecast_past_average = "Won per month, average", "月均赢单";
        forecast_overdue = "Past their close date", "已过预计成交日";
        forecast_later = "Later", "更晚";
        forecast_by_month = "By month", "按月";
        forecast_by_owner = "By owner", "按负责人";
        forecast_month = "Month", "月份";
        forecast_won = "Won", "赢单";
        forecast_weighted = "Weighted open", "加权进行中";
        forecast_open = "Open (best case)", "进行中（最佳）";
        forecast_expected = "Expected", "预计";
        forecast_owner = "Owner", "负责人";
        forecast_open_deals = "Open deals", "进行中商机";
        forecast_this_month = "This month, weighted", "本月加权";
        forecast_nobody = "Nobody", "未分配";
        forecast_rule = "Rule: an open deal counts in the month of its expected close date, at its amount (best case) and at amount × probability (weighted). A deal past its close date is not spread over past months: it is listed as past its close date until its owner sets a new date. Won deals count in the month they closed. Expected = won + weighted open. One currency at a time; deals in another currency are not added in.", "规则：进行中的商机计入其预计成交日所在月份，按金额计为最佳情况，按金额 × 赢单概率计为加权金额。已过预计成交日的商机不计入过去的月份，而是单独列为已过期，直到负责人重新设定日期。赢单按成交日所在月份计入。预计 = 已赢单 + 加权进行中。每次只看一种币种，其他币种的商机不相加。";
        reps_title = "Rep figures", "成员业绩";
        reps_period = "Closed in", "成交时间";
        reps_member = "Member", "成员";
        reps_closed = "Closed", "已结束";
        reps_won = "Won", "赢单";
        reps_win_rate = "Win rate", "赢单率";
        reps_avg_won = "Average won", "平均赢单金额";
        reps_avg_cycle = "Average cycle", "平均周期";
        reps_by_band = "By deal size", "按商机规模";
        reps_by_industry = "By industry", "按行业";
        reps_no_industry = "Industry not recorded", "未填行业";
        reps_empty = "No deal was won or lost in this period.", "该期间没有赢单或输单的商机。";
        reps_rule = "A deal counts for the member who owned it when it closed. Win rate = won ÷ (won + lost); the cycle runs from the deal's creation to its close, over the won deals.", "商机计入结束时的负责人。赢单率 = 赢单 ÷（赢单 + 输单）；周期为商机从创建到结束的天数，按赢单商机计算。";
        suggest_title = "Who wins deals like this", "谁更擅长这类商机";
        suggest_intro = "Members ranked by their record on closed deals of the same size and industry (one sharing only the size or only the industry counts half), by the lower bound of the 95 % Wilson interval of their win rate — so a long good record outranks one lucky win.", "按成员在同规模、同行业已结束商机上的记录排序（只同规模或只同行业的计一半），取赢单率 95% Wilson 区间下限——长期稳定的好记录排在一次侥幸之前。";
        suggest_none = "No active member has closed a deal like this yet.", "还没有在职成员结束过类似的商机。";
        suggest_make_owner = "Make owner", "设为负责人";
        suggest_is_owner = "Owner", "当前负责人";
        handover_button = "Hand over…", "交接…";
        handover_title = "Hand over", "交接";
        handover_intro = "Everything this member holds goes to others in one step: their customers, leads not yet converted, open opportunities, open promises and open complaints. Nothing of the history changes — the new owner sees every interaction, promise and stage change.", "该成员负责的一切一次性交给他人：客户、未转化的线索、进行中的商机、未完成的承诺和未处理的投诉。历史记录不会改变——新负责人能看到原负责人的每一次互动、承诺和阶段变更。";
        handover_holds = "Holds", "当前负责";
        handover_how = "Split", "分配方式";
        handover_to = "Hand over to", "交给";
        handover_fallback = "Everything no rule takes goes to", "规则未覆盖的交给";
        handover_follow = "An account's opportunities, promises and complaints go with the customer.", "客户名下的商机、承诺和投诉随客户一起交接。";
        handover_preview = "What moves", "交接预览";
        handover_mark_left = "Mark as left the team: they can no longer be chosen as owner, and stay named on what they did.", "标记为已离职：不能再被选为负责人，其经手记录上的姓名保留。";
        handover_go = "Hand over", "确认交接";
        handover_nothing = "This member holds nothing to hand over.", "该成员没有需要交接的内容。";
        handover_no_receiver = "Choose who receives: an active member other than the one handing over.", "请选择接收人：除交接人以外的在职成员。";
        held_customers = "Customers", "客户";
        held_leads = "Leads", "线索";
        held_deals = "Open opportunities", "进行中商机";
        held_promises = "Open promises", "未完成承诺";
        held_lead_promises = "Promises on leads", "线索承诺";
        held_complaints = "Open complaints", "未处理投诉";
        member_left = "Left", "已离职";
        member_mark_left = "Mark as left", "标记离职";
        member_mark_back = "Back on the team", "恢复在职";
        member_active = "On the team", "在职";
        member_open = "Page", "详情";
        member_not_found = "No such team member", "找不到该成员";
        member_to_team = "Team settings", "团队设置";
        member_holds = "What they hold", "负责的记录";
        member_no_deals = "No open opportunities.", "没有进行中的商机。";
        member_top_customers = "Largest customers", "主要客户";
        member_no_customers = "No customers.", "没有负责的客户。";
        band_small = "Under 10,000", "1 万以下";
        band_medium = "10,000–100,000", "1 万–10 万";
        band_large = "100,000–1,000,000", "10 万–100 万";
        band_major = "1,000,000 and more", "100 万及以上";
    }
    formats {
        member_left_on(date: &str) = format!("Left on {date}"), format!("{date} 离职");
        forecast_months_n(n: u32) = format!("{n} months"), format!("{n} 个月");
        forecast_other_currency(n: usize, currency: &str) = format!("{} opportunities in other currencies are not in these {currency} figures.", format_count(n as u64)), format!("另有 {} 个其他币种的商机未计入以上 {currency} 数字。", format_count(n as u64));
        handover_done(moved: usize, skipped: usize) = if skipped == 0 { format!("Handed over {} records.", format_count(moved as u64)) } else { format!("Handed over {} records; {} had changed hands meanwhile and were left as they are.", format_count(moved as u64), format_count(skipped as u64)) }, if skipped == 0 { format!("已交接 {} 条记录。", format_count(moved as u64)) } else { format!("已交接 {} 条记录；{} 条在此期间已被他人更改，保持不变。", format_count(moved as u64), format_count(skipped as u64)) };
        handover_progress(done: usize, total: usize) = format!("Handing over… {} of {}", format_count(done as u64), format_count(total as u64)), format!("正在交接… {} / {}", format_count(done as u64), format_count(total as u64));
        reps_last_days(days: i64) = format!("Last {days} days"), format!("最近 {days} 天");
        suggest_record(alike_won: u32, alike: u32, partly_won: u32, partly: u32) = format!("Same size and industry: won {alike_won} of {alike} · size or industry: won {partly_won} of {partly}"), format!("同规模同行业：{alike} 个中赢 {alike_won} 个 · 同规模或同行业：{partly} 个中赢 {partly_won} 个");
        suggest_score(percent: f64) = format!("at least {percent:.0} % win rate (95 %)"), format!("赢单率至少 {percent:.0}%（95% 置信）");
    }
}

impl crate::domain::handover::Held {
    /// What the kind is called in the preview.
    pub fn label(self, t: &Texts) -> &'static str {
        use crate::domain::handover::Held;
        match self {
            Held::Customer => t.held_customers,
            Held::Lead => t.held_leads,
            Held::Opportunity => t.held_deals,
            Held::Promise => t.held_promises,
            Held::LeadPromise => t.held_lead_promises,
            Held::Complaint => t.held_complaints,
        }
    }
}

impl SizeBand {
    /// The band's range in the user's language.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            SizeBand::Small => t.band_small,
            SizeBand::Medium => t.band_medium,
            SizeBand::Large => t.band_large,
            SizeBand::Major => t.band_major,
        }
    }
}
