//! Leads (线索): the list, the form, a lead's page, and the labels of their statuses, sources,
//! reasons and matches.

use super::Texts;
use crate::domain::lead::matching::{MatchOn, MatchTarget};
use crate::domain::lead::{DisqualifyReason, LeadSource, LeadStatus};

super::feature_texts! { $ leads_texts;
    strings {
        nav_leads = "Leads", "线索";
        cmd_go_leads = "Go to leads", "前往线索";
        leads_title = "Leads", "销售线索";
        lead_new = "New lead", "新建线索";
        lead_edit = "Edit lead", "编辑线索";
        lead_name = "Name", "姓名";
        lead_company = "Organisation", "单位";
        lead_title_field = "Job title", "职位";
        lead_source = "Source", "来源";
        lead_campaign = "Campaign or event", "活动/展会";
        lead_campaign_placeholder = "e.g. 2026 Canton Fair, spring brochure mailing", "例如：2026 广交会、春季宣传册寄送";
        lead_status = "Status", "状态";
        lead_sort = "Order", "排序";
        lead_owner = "Owner", "负责人";
        lead_created = "Added", "录入时间";
        lead_saved = "Lead saved", "线索已保存";
        lead_created_toast = "Lead added", "线索已添加";
        lead_dnc = "Asked not to be contacted", "要求勿扰";
        lead_dnc_hint = "Left out of calls and marketing, like a customer who asked the same.", "与要求勿扰的客户一样，不再致电或营销。";
        lead_search = "Search leads: name, organisation, phone, e-mail, pinyin", "搜索线索：姓名、单位、电话、邮箱、拼音";
        lead_search_label = "Search leads", "搜索线索";
        lead_all_statuses = "Every status", "全部状态";
        lead_open_statuses = "Open leads", "跟进中";
        lead_all_sources = "Every source", "全部来源";
        lead_all_owners = "Every owner", "全部负责人";
        lead_unassigned = "Unassigned queue", "未分配";
        leads_empty_title = "No leads yet", "还没有线索";
        leads_empty_body = "Add the people and organisations you met, were referred to or who asked about you: trade-show business cards, web inquiries, names from a campaign.", "录入还不是客户的人和单位：展会上收到的名片、网站询盘、转介绍、营销活动带来的名单。";
        leads_no_match = "No lead in this view", "此视图下没有线索";
        lead_not_found = "This lead does not exist or was deleted for good.", "该线索不存在或已被永久删除。";
        lead_match_title = "May already be known", "可能已存在";
        lead_match_body = "Same phone, e-mail, or name at the same organisation. Nothing is merged: check, then convert into the existing customer or disqualify as a duplicate.", "电话、邮箱相同，或同一单位的同名人员。系统不会自动合并：请核实后转入已有客户，或标记为重复线索。";
        lead_no_match = "No customer, contact person or other lead matches.", "没有匹配的客户、联系人或其他线索。";
        lead_status_change = "Move to", "更改状态";
        lead_reason = "Reason", "原因";
        lead_disqualify = "Disqualify", "标记无效";
        lead_reopen = "Reopen", "重新跟进";
        lead_history = "History", "历程";
        lead_owners = "Owners", "负责人记录";
        lead_trash = "Move to trash", "移到回收站";
        lead_trashed = "Lead moved to the trash", "线索已移到回收站";
        lead_restored = "Lead restored", "线索已恢复";
        lead_in_trash = "This lead is in the trash.", "该线索在回收站中。";
        leads_in_trash = "Leads", "线索";
        col_lead = "Lead", "线索";
        col_match = "Known as", "已存在";
        col_added = "Added", "录入";
        lead_converted_to = "Converted into", "已转为";
        lead_contact_fields = "How to reach them", "联系方式";
        lead_about = "About the lead", "线索信息";
        assign_title = "Assign leads", "分配线索";
        assign_which = "Which leads", "分配哪些线索";
        assign_unassigned = "The unassigned ones shown", "当前列表中未分配的";
        assign_all_shown = "Every lead shown", "当前列表中的全部";
        assign_how = "How", "分配方式";
        assign_to_one = "To one member", "分给一人";
        assign_round_robin = "Round robin", "轮流分配";
        assign_round_robin_hint = "Each lead goes to the chosen member with the fewest open leads, so loads even out.", "每条线索分给所选成员中跟进中线索最少的人，使工作量均衡。";
        assign_by_region = "By region", "按地区";
        assign_region_hint = "The first rule whose region the lead's region contains decides (浙江 takes 浙江 杭州). Leads no rule takes stay as they are.", "按顺序匹配：线索地区包含规则地区即采用（“浙江”匹配“浙江 杭州”）。没有匹配规则的线索保持不变。";
        assign_region = "Region", "地区";
        assign_add_rule = "Add a rule", "添加规则";
        assign_go = "Assign", "分配";
        assign_no_team = "Add team members in Settings → Team first.", "请先在“设置 → 团队”中添加成员。";
        assign_member = "Member", "成员";
        score_title = "Qualification score", "线索评分";
        score_fit = "Fit", "匹配度";
        score_engagement = "Engagement", "互动度";
        score_party = "Organisation or person", "单位/个人";
        score_province = "Province", "省份";
        score_organisation = "Organisation", "单位";
        score_person = "Private person", "个人";
        score_unknown = "Not known", "未填写";
        score_attribute = "Compared by", "比较项";
        score_value = "This lead", "本线索";
        score_figures = "Customers with the same", "相同情况的客户";
        score_part = "Part (0–100)", "得分（0–100）";
        score_no_valuable = "No customer is classed VIP or important yet: every lead gets half the points.", "还没有被归为贵宾或重要的客户：每条线索得一半分数。";
        score_fit_rule = "Fit: how common valuable customers (VIP or important) are among the customers like this lead, against all customers; a value seen on few customers counts toward the average. 50 = as valuable as can be, 25 = average.", "匹配度：与本线索情况相同的客户中，有价值客户（贵宾或重要）所占比例，与全部客户相比；客户数少时向平均值靠拢。50 分为最高，25 分为平均水平。";
        score_engagement_rule = "Engagement: each logged interaction counts by its kind (visit or meeting 3, call or event 2, e-mail or WeChat 1, internal note 0), halved every 30 days since it happened.", "互动度：每条接触记录按方式计分（拜访、会议 3 分，电话、活动 2 分，邮件、微信 1 分，内部备注 0 分），每过 30 天减半。";
        score_band = "Score", "评分";
        score_all_bands = "Every score", "全部评分";
        lead_activity = "Interactions and promises", "接触与承诺";
        lead_activity_empty = "Nothing logged yet. A call, a visit or a promise logged here counts toward the score and moves to the customer's timeline on conversion.", "还没有记录。在这里记录的电话、拜访和承诺会计入评分，转化后移到客户的时间线。";
        funnel_title = "Lead funnel", "线索漏斗";
        funnel_open = "Funnel", "漏斗报告";
        cmd_go_funnel = "Go to the lead funnel", "前往线索漏斗";
        funnel_intro = "The leads that came in over the period, by source: how many were contacted, qualified, converted, and became customers who bought — and what those customers have bought.", "期间内新增的线索按来源统计：有多少被联系、确认、转化，并成为有购买的客户，以及这些客户的累计购买。";
        funnel_period = "Leads added in", "新增时间";
        funnel_all_time = "Any time", "全部时间";
        funnel_all_sources = "Every source", "全部来源";
        funnel_added = "Added", "新增";
        funnel_contacted = "Contacted", "已联系";
        funnel_qualified = "Qualified", "已确认";
        funnel_converted = "Converted", "已转化";
        funnel_bought = "Bought", "已购买";
        funnel_conversion = "Added → converted", "新增→转化";
        funnel_customers = "Customers", "客户数";
        funnel_revenue = "They bought", "累计购买";
        funnel_per_customer = "Per customer", "每位客户";
        funnel_empty = "No lead came in over this period.", "该期间没有新增线索。";
        funnel_rule = "Each step shows how many leads reached it, the share of the step before, and the median days from it. A lead that skipped a step counts as having passed it. Bought: the customer a lead became has bought since the conversion. Amounts in CNY.", "每一步显示到达的线索数、占上一步的比例，以及从上一步起的天数中位数。跳过某一步的线索按已通过计算。已购买：线索转化成的客户在转化后有购买。金额以人民币计。";
        lead_convert = "Convert to customer", "转为客户";
        lead_convert_title = "Convert the lead", "转化线索";
        lead_convert_body = "The lead keeps a link to what it becomes and leaves the open leads. Nothing else is changed.", "线索会保留指向转化结果的链接，并从跟进中的线索里移出。其他内容不变。";
        lead_convert_go = "Convert", "转化";
        lead_convert_into = "Into an existing customer it matches", "转入匹配到的已有客户";
        convert_already = "This lead was converted already.", "该线索已经转化。";
        convert_disqualified = "A disqualified lead cannot be converted: reopen it first.", "无效线索不能转化：请先重新跟进。";
        convert_trashed = "A lead in the trash cannot be converted: restore it first.", "回收站中的线索不能转化：请先恢复。";
    }
    formats {
        n_leads(n: usize) = if n == 1 { "1 lead".to_string() } else { format!("{} leads", format_count(n as u64)) }, format!("共 {} 条线索", format_count(n as u64));
        n_leads_shown(shown: usize, total: usize) = format!("{} of {} leads", format_count(shown as u64), format_count(total as u64)), format!("显示 {} 条，共 {} 条线索", format_count(shown as u64), format_count(total as u64));
        lead_matches(n: usize) = if n == 1 { "1 possible match".to_string() } else { format!("{n} possible matches") }, format!("{n} 个可能重复");
        assigned_n(n: usize) = if n == 1 { "1 lead assigned".to_string() } else { format!("{n} leads assigned") }, format!("已分配 {n} 条线索");
        assign_preview(n: usize, left: usize) = if left == 0 { format!("{n} leads will get an owner.") } else { format!("{n} leads will get an owner; {left} stay as they are.") }, if left == 0 { format!("将为 {n} 条线索分配负责人。") } else { format!("将为 {n} 条线索分配负责人，{left} 条保持不变。") };
        convert_new_org(org: &str, person: &str) = if person.is_empty() { format!("A new customer: the organisation {org}") } else { format!("A new customer: the organisation {org}, with {person} as its contact person") }, if person.is_empty() { format!("新建客户：单位“{org}”") } else { format!("新建客户：单位“{org}”，{person}为其联系人") };
        convert_new_person(person: &str) = format!("A new customer: {person}, an individual"), format!("新建客户：个人客户“{person}”");
        convert_as_new_contact(customer: &str, person: &str) = format!("{customer} — add {person} as a contact person"), format!("{customer}——添加{person}为联系人");
        convert_as_contact(customer: &str, contact: &str) = format!("{customer} — the lead is its contact person {contact}"), format!("{customer}——该线索就是其联系人{contact}");
        convert_as_customer(customer: &str) = format!("{customer} — the lead is this customer"), format!("{customer}——该线索就是这个客户");
        score_fit_figures(valuable: u32, customers: u32, share: String, base: String) = format!("{valuable} of {customers} valuable — {share} after smoothing, against {base} of all customers"), format!("{customers} 位中 {valuable} 位有价值——修正后 {share}，全部客户为 {base}");
        score_engagement_figures(touches: u32, last: String, sum: String) = if touches == 0 { "No interaction logged yet.".to_string() } else { format!("{touches} interactions, the last on {last}; weighted sum {sum}.") }, if touches == 0 { "还没有接触记录。".to_string() } else { format!("{touches} 次接触，最近一次 {last}；加权合计 {sum}。") };
        funnel_last_days(days: i64) = format!("the last {days} days"), format!("最近 {days} 天");
        funnel_median_days(days: f64) = format!("{days:.1} d"), format!("{days:.1} 天");
        score_no_peers(base: String) = format!("No customer to compare with: counted as average ({base})"), format!("没有可比较的客户：按平均水平（{base}）计");
        converted_into(name: &str) = format!("Converted into {name}"), format!("已转为客户“{name}”");
        lead_owned_since(who: String, when: String) = format!("{who}, from {when}"), format!("{who}，自 {when} 起");
    }
}

fn pick(t: &Texts, en: &'static str, zh: &'static str) -> &'static str {
    if std::ptr::eq(t, &super::EN) { en } else { zh }
}

impl LeadSource {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            LeadSource::TradeShow => pick(t, "Trade show", "展会"),
            LeadSource::Referral => pick(t, "Referral", "转介绍"),
            LeadSource::Website => pick(t, "Website", "网站"),
            LeadSource::ColdCall => pick(t, "Cold call", "陌生拜访/电话"),
            LeadSource::Advertising => pick(t, "Advertising", "广告"),
            LeadSource::Campaign => pick(t, "Campaign", "营销活动"),
            LeadSource::WebInquiry => pick(t, "Web inquiry", "网站询盘"),
            LeadSource::Other => pick(t, "Other", "其他"),
        }
    }
}

impl LeadStatus {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            LeadStatus::New => pick(t, "New", "新线索"),
            LeadStatus::Contacted => pick(t, "Contacted", "已联系"),
            LeadStatus::Qualified => pick(t, "Qualified", "已确认"),
            LeadStatus::Converted => pick(t, "Converted", "已转化"),
            LeadStatus::Disqualified => pick(t, "Disqualified", "无效"),
        }
    }
}

impl DisqualifyReason {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            DisqualifyReason::NoNeed => pick(t, "No need", "无需求"),
            DisqualifyReason::NoBudget => pick(t, "No budget", "无预算"),
            DisqualifyReason::NoAuthority => pick(t, "No authority to buy", "无决策权"),
            DisqualifyReason::Competitor => pick(t, "Chose a competitor", "已选竞争对手"),
            DisqualifyReason::Unreachable => pick(t, "Unreachable", "联系不上"),
            DisqualifyReason::Duplicate => pick(t, "Duplicate", "重复线索"),
            DisqualifyReason::Other => pick(t, "Other", "其他"),
        }
    }
}

impl MatchOn {
    /// Why it matches, as shown.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            MatchOn::Phone => pick(t, "Same phone", "电话相同"),
            MatchOn::Email => pick(t, "Same e-mail", "邮箱相同"),
            MatchOn::Person => pick(t, "Same name and organisation", "同单位同名"),
            MatchOn::Company => pick(t, "Organisation is a customer", "单位已是客户"),
        }
    }
}

impl MatchTarget {
    /// What kind of record it is, as shown.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            MatchTarget::Customer(_) => pick(t, "Customer", "客户"),
            MatchTarget::Contact { .. } => pick(t, "Contact person", "联系人"),
            MatchTarget::Lead(_) => pick(t, "Lead", "线索"),
        }
    }
}

impl crate::domain::lead::score::Band {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        use crate::domain::lead::score::Band;
        match self {
            Band::Hot => pick(t, "Hot", "高意向"),
            Band::Warm => pick(t, "Warm", "有意向"),
            Band::Cold => pick(t, "Cold", "低意向"),
        }
    }
}

impl crate::domain::lead::convert::ConvertError {
    /// Why the lead cannot be converted, as a sentence.
    pub fn message(&self, t: &Texts) -> String {
        use crate::domain::lead::convert::ConvertError as E;
        match self {
            E::AlreadyConverted => t.convert_already.to_string(),
            E::Disqualified => t.convert_disqualified.to_string(),
            E::Trashed => t.convert_trashed.to_string(),
            E::Invalid(errors) => errors
                .iter()
                .map(|e| format!("{}: {}", e.field.label(t), e.problem.message(t)))
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

impl crate::domain::lead::matching::Match {
    /// The record and why, in one line: "Contact person 张伟 · 华星贸易 (same phone)".
    pub fn describe(&self, t: &Texts) -> String {
        if std::ptr::eq(t, &super::EN) {
            format!(
                "{} {} ({})",
                self.target.label(t),
                self.label,
                self.on.label(t).to_lowercase()
            )
        } else {
            format!(
                "{} {}（{}）",
                self.target.label(t),
                self.label,
                self.on.label(t)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{EN, ZH};
    use super::*;

    #[test]
    fn every_label_reads_in_both_languages() {
        for s in LeadSource::ALL {
            assert_ne!(s.label(&EN), s.label(&ZH));
        }
        for s in LeadStatus::ALL {
            assert_ne!(s.label(&EN), s.label(&ZH));
        }
        for r in DisqualifyReason::ALL {
            assert_ne!(r.label(&EN), r.label(&ZH));
        }
        assert_eq!((EN.n_leads)(1_200), "1,200 leads");
        assert_eq!((ZH.n_leads_shown)(3, 1_200), "显示 3 条，共 1,200 条线索");
    }
}
