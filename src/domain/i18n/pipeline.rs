//! The pipeline (商机): the board and table, a deal's page and form, winning and losing, the
//! stages' names, and the labels of reasons and filters.

use super::Texts;
use crate::domain::opportunity::LostReason;
use crate::domain::opportunity::list::{DealSort, Flag, StateFilter};
use crate::domain::opportunity::stage::{DefaultStage, Pipeline, Stage, StageId, StageProblem};

super::feature_texts! { $ pipeline_texts;
    strings {
        nav_pipeline = "Pipeline", "商机";
        cmd_go_pipeline = "Go to the pipeline", "前往商机";
        pipeline_title = "Pipeline", "商机管道";
        deal_new = "New opportunity", "新建商机";
        deal_edit = "Edit opportunity", "编辑商机";
        deal_name = "Opportunity", "商机名称";
        deal_name_placeholder = "e.g. 2027 packaging supply contract", "例如：2027 年度包装材料采购";
        deal_customer = "Customer", "客户";
        deal_customer_search = "Type a name, phone or pinyin to find the customer", "输入客户名称、电话或拼音查找";
        deal_customer_none = "No customer matches", "没有匹配的客户";
        deal_customer_change = "Change", "更换";
        deal_amount = "Amount", "金额";
        deal_close = "Expected close", "预计成交";
        deal_stage = "Stage", "阶段";
        deal_state = "Open or closed", "进行中或已结束";
        deal_probability = "Probability", "赢单概率";
        deal_probability_hint = "Leave empty to use the stage's.", "留空则使用阶段的默认概率。";
        deal_weighted = "Weighted", "加权金额";
        deal_owner = "Owner", "负责人";
        deal_competitors = "Competitors in the deal", "竞争对手";
        deal_add_competitor = "Add a competitor", "添加竞争对手";
        deal_next_step = "Next step", "下一步";
        deal_next_step_due = "Next step by", "下一步截止";
        deal_source_lead = "From lead", "来源线索";
        deal_saved = "Opportunity saved", "商机已保存";
        deal_created = "Opportunity added", "商机已添加";
        deal_not_found = "This opportunity does not exist or was deleted for good.", "该商机不存在或已被永久删除。";
        deal_customer_gone = "Its customer is in the trash or was deleted: restore the customer first.", "其客户已在回收站中或已删除，请先恢复客户。";
        deal_about = "The deal", "商机信息";
        deal_follow = "Next step", "跟进";
        view_board = "Board", "看板";
        view_table = "Table", "列表";
        deals_empty_title = "No opportunities yet", "还没有商机";
        deals_empty_body = "An opportunity is a deal you are working on with a customer: what it is worth, when it should close and how far it got. Add one here or from a customer's page.", "商机是正在与客户推进的一笔生意：金额多少、预计何时成交、进展到哪一步。可在此处或客户页面中添加。";
        deals_no_match = "No opportunity in this view", "此视图下没有商机";
        deal_search = "Search opportunities: name, customer, competitor, pinyin", "搜索商机：名称、客户、竞争对手、拼音";
        deal_search_label = "Search opportunities", "搜索商机";
        deal_all_owners = "Every owner", "全部负责人";
        deal_unassigned = "No owner", "无负责人";
        deal_any_flag = "Every deal", "全部商机";
        deal_sort = "Order", "排序";
        deal_all_stages = "Every stage", "全部阶段";
        board_hint = "Drag a card to another stage, or focus it and press Shift + ← / → to move it.", "拖动卡片到其他阶段，或选中卡片后按 Shift + ← / → 移动。";
        board_more = "Show every deal of this stage in the table", "在列表中查看该阶段全部商机";
        deal_open_total = "Open pipeline", "在谈商机";
        deal_weighted_total = "Weighted", "加权预测";
        deal_win = "Won", "赢单";
        deal_lose = "Lost", "输单";
        deal_reopen = "Reopen", "重新打开";
        win_title = "Mark the opportunity won", "标记为赢单";
        win_date = "Closed on", "成交日期";
        win_book = "Record the amount as a purchase of the customer", "将金额记为客户的一笔交易";
        win_book_hint = "The segmentation, value classes and forecasts then count it.", "客户分群、价值分类和预测将计入这笔交易。";
        win_done = "Won — well done", "已赢单";
        win_booked = "Won; the purchase is on the customer's page", "已赢单，交易已记入客户";
        lose_title = "Mark the opportunity lost", "标记为输单";
        lose_reason = "Why was it lost?", "输单原因";
        lose_to = "Lost to (competitor)", "输给（竞争对手）";
        lose_done = "Marked lost", "已标记输单";
        deal_closed_won = "Won", "已赢单";
        deal_closed_lost = "Lost", "已输单";
        deal_purchase_booked = "Booked as a purchase", "已记为交易";
        deal_overdue = "Past its close date", "已过预计成交日";
        deal_stale = "No activity lately", "长期未跟进";
        deal_history = "Stages", "阶段历程";
        deal_time_in_stage = "Time in stage", "停留时间";
        deal_entered = "Times entered", "进入次数";
        deal_cycle = "Age of the deal", "商机已持续";
        deal_current = "Now", "当前";
        deal_owners = "Owners", "负责人记录";
        deal_trash = "Move to trash", "移到回收站";
        deal_trashed = "Opportunity moved to the trash", "商机已移到回收站";
        deal_restored = "Opportunity restored", "商机已恢复";
        deal_in_trash = "This opportunity is in the trash.", "该商机在回收站中。";
        deals_in_trash = "Opportunities", "商机";
        deals_of_customer = "Opportunities", "商机";
        deals_of_customer_none = "No opportunity with this customer yet.", "该客户暂无商机。";
        col_deal = "Opportunity", "商机";
        col_close = "Close", "成交日";
        col_days_in_stage = "In stage", "本阶段";
        deals_export = "Export CSV", "导出 CSV";
        stages_title = "Pipeline stages", "销售阶段";
        stages_body = "The stages a deal moves through, with the chance of winning a deal that stands there. Won and lost close a deal and stay last.", "商机依次经过的阶段及处于该阶段时的赢单概率。赢单和输单用于结束商机，固定在最后。";
        stage_name = "Name", "名称";
        stage_probability = "Probability %", "概率 %";
        stage_add = "Add a stage", "添加阶段";
        stage_remove = "Remove", "删除";
        stage_up = "Move up", "上移";
        stage_down = "Move down", "下移";
        stages_saved = "Stages saved", "阶段已保存";
        stage_no_open = "Keep at least one open stage.", "至少保留一个进行中的阶段。";
        stage_duplicate = "Two stages have this name.", "阶段名称重复。";
        stage_bad_probability = "A probability is a whole number from 0 to 100.", "概率应为 0 到 100 的整数。";
        stage_bad_stale = "Days without activity: a whole number from 1 to 365.", "未跟进天数应为 1 到 365 的整数。";
        stage_settings_stale = "Deals with no activity for this many days are flagged", "多少天无跟进的商机标记为长期未跟进";
        party_deal = "Opportunity", "商机";
        convert_with_deal = "Also open an opportunity with the new customer", "同时为该客户创建商机";
    }
    formats {
        n_deals(n: usize) = if n == 1 { "1 opportunity".to_string() } else { format!("{} opportunities", format_count(n as u64)) }, format!("{} 个商机", format_count(n as u64));
        n_deals_shown(shown: usize, total: usize) = format!("Showing {} of {} opportunities", format_count(shown as u64), format_count(total as u64)), format!("显示 {} 个，共 {} 个商机", format_count(shown as u64), format_count(total as u64));
        board_show_more(n: usize) = format!("Show {} more", format_count(n as u64)), format!("再显示 {} 个", format_count(n as u64));
        board_all_n(n: usize) = format!("All {} in the table", format_count(n as u64)), format!("在列表中查看全部 {} 个", format_count(n as u64));
        deal_moved(stage: &str) = format!("Moved to {stage}"), format!("已移到「{stage}」");
        days_n(days: i64) = format!("{days} d"), format!("{days} 天");
        days_f(days: f64) = format!("{days:.1} d"), format!("{days:.1} 天");
        stage_in_use(stage: &str, n: usize) = format!("{n} opportunities stand in \u{201c}{stage}\u{201d}: move them before removing it."), format!("「{stage}」中还有 {n} 个商机，请先移走再删除。");
        deal_reopen_confirm(stage: &str) = format!("This deal is closed. Reopen it in \u{201c}{stage}\u{201d}? Its close is forgotten (the history keeps it); a purchase it booked stays on the customer."), format!("该商机已结束。要在「{stage}」重新打开吗？结束信息将清除（历史中保留），已记入的购买记录仍保留在客户名下。");
        stage_unnamed(position: usize) = format!("Stage {position} needs a name."), format!("第 {position} 个阶段需要名称。");
    }
}

impl DefaultStage {
    /// The default stage's name in the user's language.
    pub fn label(self, t: &Texts) -> &'static str {
        let en = std::ptr::eq(t, &super::EN);
        let (a, b) = match self {
            DefaultStage::Prospecting => ("First contact", "初步接洽"),
            DefaultStage::NeedsConfirmed => ("Needs confirmed", "需求确认"),
            DefaultStage::Proposal => ("Proposal and quote", "方案报价"),
            DefaultStage::Negotiation => ("Negotiation", "商务谈判"),
            DefaultStage::Won => ("Won", "赢单"),
            DefaultStage::Lost => ("Lost", "输单"),
        };
        if en { a } else { b }
    }
}

impl Stage {
    /// The stage's name as shown: the team's, or the default's in the user's language.
    pub fn label(&self, t: &Texts) -> String {
        match (self.name.is_empty(), DefaultStage::of(&self.id)) {
            (true, Some(d)) => d.label(t).to_string(),
            _ => self.name.clone(),
        }
    }
}

impl Pipeline {
    /// The name of stage `id` as shown (a stage no longer in the pipeline: its id).
    pub fn label(&self, id: &StageId, t: &Texts) -> String {
        match self.stage(id) {
            Some(s) => s.label(t),
            None => DefaultStage::of(id).map_or_else(|| id.0.clone(), |d| d.label(t).into()),
        }
    }
}

impl StageProblem {
    /// What is wrong, as a sentence.
    pub fn message(&self, t: &Texts) -> String {
        match self {
            StageProblem::NoOpenStage => t.stage_no_open.into(),
            StageProblem::Name(i, p) => match p {
                crate::domain::validate::Problem::Required => (t.stage_unnamed)(i + 1),
                p => format!("{}: {}", (t.stage_unnamed)(i + 1), p.message(t)),
            },
            StageProblem::DuplicateName(_) => t.stage_duplicate.into(),
            StageProblem::StaleDays => t.stage_bad_stale.into(),
            StageProblem::Probability(_) => t.stage_bad_probability.into(),
            StageProblem::InUse(s, n) => (t.stage_in_use)(&s.label(t), *n),
        }
    }
}

impl LostReason {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        let en = std::ptr::eq(t, &super::EN);
        let (a, b) = match self {
            LostReason::Price => ("Price", "价格"),
            LostReason::Competitor => ("Lost to a competitor", "输给竞争对手"),
            LostReason::NoBudget => ("No budget", "客户无预算"),
            LostReason::NoDecision => ("No decision / project cancelled", "未决策或项目取消"),
            LostReason::ProductFit => ("Product did not fit", "产品不满足需求"),
            LostReason::Timing => ("Wrong timing", "时机不对"),
            LostReason::Other => ("Other", "其他"),
        };
        if en { a } else { b }
    }
}

impl StateFilter {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        let en = std::ptr::eq(t, &super::EN);
        let (a, b) = match self {
            StateFilter::Open => ("Open", "进行中"),
            StateFilter::Won => ("Won", "已赢单"),
            StateFilter::Lost => ("Lost", "已输单"),
            StateFilter::All => ("Open and closed", "全部"),
        };
        if en { a } else { b }
    }
}

impl Flag {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Flag::Any => t.deal_any_flag,
            Flag::Overdue => t.deal_overdue,
            Flag::Stale => t.deal_stale,
        }
    }
}

impl DealSort {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        let en = std::ptr::eq(t, &super::EN);
        let (a, b) = match self {
            DealSort::CloseDate => ("Closing soonest", "预计成交日期"),
            DealSort::Amount => ("Largest amount", "金额从高到低"),
            DealSort::Weighted => ("Largest weighted amount", "加权金额从高到低"),
            DealSort::Name => ("Name", "名称"),
            DealSort::Stage => ("Stage", "阶段"),
            DealSort::Updated => ("Recently changed", "最近更新"),
        };
        if en { a } else { b }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{EN, ZH};
    use super::*;

    #[test]
    fn stages_read_in_both_languages_unless_the_team_named_them() {
        let p = Pipeline::default();
        assert_eq!(p.label(&StageId("proposal".into()), &ZH), "方案报价");
        assert_eq!(
            p.label(&StageId("proposal".into()), &EN),
            "Proposal and quote"
        );
        let mut named = p.stages[0].clone();
        named.name = "样品测试".into();
        assert_eq!(named.label(&EN), "样品测试");
        for r in LostReason::ALL {
            assert_ne!(r.label(&EN), r.label(&ZH));
        }
        assert_eq!((ZH.deal_moved)("商务谈判"), "已移到「商务谈判」");
        assert_eq!(
            (EN.n_deals_shown)(3, 1_200),
            "Showing 3 of 1,200 opportunities"
        );
    }
}
