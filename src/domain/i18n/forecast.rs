//! The forecast and the rep figures: the page's headings, columns, rule and the size bands.

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
        band_small = "Under 10,000", "1 万以下";
        band_medium = "10,000–100,000", "1 万–10 万";
        band_large = "100,000–1,000,000", "10 万–100 万";
        band_major = "1,000,000 and more", "100 万及以上";
    }
    formats {
        forecast_months_n(n: u32) = format!("{n} months"), format!("{n} 个月");
        forecast_other_currency(n: usize, currency: &str) = format!("{} opportunities in other currencies are not in these {currency} figures.", format_count(n as u64)), format!("另有 {} 个其他币种的商机未计入以上{currency}数字。", format_count(n as u64));
        reps_last_days(days: i64) = format!("Last {days} days"), format!("最近 {days} 天");
        suggest_record(alike_won: u32, alike: u32, partly_won: u32, partly: u32) = format!("Same size and industry: won {alike_won} of {alike} · size or industry: won {partly_won} of {partly}"), format!("同规模同行业：{alike} 个中赢 {alike_won} 个 · 同规模或同行业：{partly} 个中赢 {partly_won} 个");
        suggest_score(percent: f64) = format!("at least {percent:.0} % win rate (95 %)"), format!("赢单率至少 {percent:.0}%（95% 置信）");
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
