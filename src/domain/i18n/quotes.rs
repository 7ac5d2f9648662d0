//! Quotes (报价): the list, the editor, a quote's page and its actions, approval, the
//! earlier prices, and the labels of states, filters and reasons.

use super::Texts;
use crate::domain::quote::list::StandingFilter;
use crate::domain::quote::totals::TaxMode;
use crate::domain::quote::{QuoteError, RejectReason, Standing};

super::feature_texts! { $ quotes_texts;
    strings {
        nav_quotes = "Quotes", "报价";
        cmd_go_quotes = "Go to the quotes", "前往报价";
        quotes_title = "Quotes", "报价单";
        quotes_sub = "Every quote by anyone on the team, with its state and prices: a second rep sees what the first one offered.", "团队每个人的报价及其状态和价格：另一位销售能看到之前给出的报价。";
        quote_new = "New quote", "新建报价";
        quote_edit = "Edit quote", "编辑报价";
        quotes_empty_title = "No quotes yet", "还没有报价";
        quotes_empty_body = "A quote prices products from the price list for a customer, with the agreed prices filled in. Add products first, then write a quote here or from a customer's page.", "报价基于价目表为客户定价，协议价自动带出。请先添加产品，再在此处或客户页面中新建报价。";
        quotes_reading_all = "The last week's quotes, while every quote is read…", "先显示最近一周的报价，正在读取全部报价…";
        quotes_no_match = "No quote in this view", "此视图下没有报价";
        quotes_search = "Search quotes: number, customer, product, pinyin", "搜索报价：编号、客户、产品、拼音";
        quotes_search_label = "Search quotes", "搜索报价";
        quotes_all_owners = "Every owner", "全部负责人";
        quote_customer = "Customer", "客户";
        quote_deal = "Opportunity", "商机";
        quote_no_deal = "No opportunity", "不关联商机";
        quote_currency = "Currency", "币种";
        quote_tax_mode = "Prices", "价格口径";
        quote_lines = "Lines", "报价明细";
        quote_add_line = "Add a line", "添加一行";
        quote_remove_line = "Remove this line", "删除此行";
        quote_product = "Product", "产品";
        quote_choose_product = "Choose a product", "选择产品";
        quote_quantity = "Quantity", "数量";
        quote_unit_price = "Unit price", "单价";
        quote_line_discount = "Discount %", "折扣 %";
        quote_line_total = "Amount", "金额";
        quote_discount = "Quote discount %", "整单折扣 %";
        quote_valid_until = "Valid until", "有效期至";
        quote_payment_terms = "Payment terms", "付款条件";
        quote_notes = "Notes", "备注";
        quote_subtotal = "Subtotal", "小计";
        quote_discount_total = "Quote discount", "整单折扣";
        quote_net = "Net", "不含税金额";
        quote_tax = "Tax", "税额";
        quote_total = "Total", "价税合计";
        quote_margin = "Margin", "毛利";
        quote_margin_partial = "Margin (lines with a known cost)", "毛利（已知成本的行）";
        quote_rounding = "Each line is rounded to the cent (half away from zero) and the totals are the sums of the lines, as on a VAT invoice.", "每行金额按四舍五入保留到分，合计为各行之和，与增值税发票一致。";
        quote_price_from_list = "list price", "标准价";
        quote_price_from_agreement = "agreement", "协议价";
        quote_price_manual = "changed by hand", "手工改价";
        quote_save_draft = "Save draft", "保存草稿";
        quote_send = "Send", "发出报价";
        quote_approve = "Approve", "批准";
        quote_accept = "Accepted by the customer", "客户已接受";
        quote_reject = "Turned down", "客户已拒绝";
        quote_revise = "Revise (new version)", "修改（新版本）";
        quote_print = "Print or save as PDF", "打印或另存为 PDF";
        quote_saved = "Quote saved", "报价已保存";
        quote_created = "Quote added as a draft", "报价草稿已添加";
        quote_sent = "Quote sent", "报价已发出";
        quote_waits = "The discount is beyond your authority: the quote waits for a manager's approval", "折扣超出您的权限：报价等待经理批准";
        quote_approved = "Discount approved; the quote is sent", "折扣已批准，报价已发出";
        quote_accepted = "Accepted: the lines are purchases on the customer", "已接受：明细已记为客户的交易";
        quote_rejected = "Marked as turned down", "已标记为拒绝";
        quote_revised = "Version created: edit it and send it again", "已创建新版本：修改后重新发出";
        quote_not_found = "This quote does not exist or was deleted for good.", "该报价不存在或已被永久删除。";
        quote_trash = "Move to trash", "移到回收站";
        quote_trashed = "Quote moved to the trash", "报价已移到回收站";
        quote_restored = "Quote restored", "报价已恢复";
        quote_in_trash = "This quote is in the trash.", "该报价在回收站中。";
        quotes_in_trash = "Quotes", "报价";
        quote_approval = "Approval", "审批";
        quote_needs_approval = "Deeper than the author may discount alone: a member whose role allows it approves.", "折扣超出制单人权限，需由有相应权限的成员批准。";
        quote_approval_note = "Note", "审批意见";
        quote_reject_reason = "Why did the customer turn it down?", "客户拒绝的原因";
        quote_reject_note = "Details", "详细说明";
        quote_versions = "Versions", "历史版本";
        quote_superseded_by = "Replaced by a later version", "已被新版本取代";
        quote_earlier = "Earlier quotes and prices for this customer", "该客户的历史报价与价格";
        quote_tax_incl_short = "incl. tax", "含税";
        quote_tax_excl_short = "before tax", "不含税";
        quote_no_product_match = "No offered product in this currency matches.", "没有符合的在售产品（本币种）。";
        quote_last_paid = "Last price paid", "最近成交价";
        quote_last_paid_none = "No purchase of a product on the price list is recorded for this customer.", "该客户没有价目表中产品的购买记录。";
        quote_earlier_none = "Nothing was quoted to this customer before.", "此前没有给该客户报过价。";
        quote_conflict_title = "Another open quote prices these products differently", "另一份未结报价对这些产品的价格不同";
        quote_of_customer = "Quotes", "报价";
        quote_of_customer_none = "No quote for this customer yet.", "该客户暂无报价。";
        quote_from = "From", "报价方";
        quote_to = "To", "客户";
        quote_date = "Date", "日期";
        quote_signature = "Signature and stamp", "签字盖章";
        quote_author = "Prepared by", "制单人";
        quote_no_products = "Add products to the price list first.", "请先在价目表中添加产品。";
        col_quote = "Quote", "报价";
        col_quote_state = "State", "状态";
        col_quote_total = "Total", "价税合计";
        col_valid = "Valid until", "有效期至";
        policy_title = "Quotes", "报价规则";
        policy_body = "The deepest discount each role may give without approval, and what a printed quote says about your company.", "各角色无需审批可给的最大折扣，以及打印报价单上的公司信息。";
        policy_limit = "Deepest discount % without approval", "无需审批的最大折扣 %";
        policy_valid_days = "Days a new quote stays valid", "新报价有效天数";
        policy_terms = "Default payment terms", "默认付款条件";
        policy_company = "Company name", "公司名称";
        policy_address = "Address", "地址";
        policy_contact = "Phone, e-mail, website", "电话、邮箱、网址";
        policy_logo = "Logo (PNG, JPEG or SVG, at most 200 KB)", "标志（PNG、JPEG 或 SVG，不超过 200 KB）";
        policy_logo_remove = "Remove the logo", "移除标志";
        policy_saved = "Quoting rules saved", "报价规则已保存";
        policy_logo_too_big = "The logo is larger than 200 KB: choose a smaller image.", "标志图片超过 200 KB，请选择更小的图片。";
        policy_logo_not_image = "Not a PNG, JPEG or SVG image.", "不是 PNG、JPEG 或 SVG 图片。";
    }
    formats {
        n_quotes_shown(shown: usize, total: usize) = format!("Showing {} of {} quotes", format_count(shown as u64), format_count(total as u64)), format!("显示 {} 份，共 {} 份报价", format_count(shown as u64), format_count(total as u64));
        quote_version(n: u16) = format!("version {n}"), format!("第 {n} 版");
        quote_paid_on(on: &str, quantity: &str) = format!("bought {on}, quantity {quantity}"), format!("{on} 购买，数量 {quantity}");
        quote_line_n(n: usize) = format!("Line {n}"), format!("第 {n} 行");
        quote_approved_by(who: &str, when: &str, depth: &str) = format!("{depth} % approved by {who} on {when}"), format!("{who} 于 {when} 批准 {depth}% 折扣");
        quote_conflict(product: &str, ours: &str, number: &str, theirs: &str, owner: &str) = format!("{product}: {ours} here, {theirs} on {number} ({owner})"), format!("{product}：本单 {ours}，{number}（{owner}）为 {theirs}");
        quote_depth_over(depth: &str, limit: &str) = format!("Deepest discount {depth} %, beyond the {limit} % you may give alone: sending asks for approval."), format!("最大折扣 {depth}%，超出您可自行给出的 {limit}%：发出时需审批。");
        quote_depth_of(depth: &str, limit: &str) = format!("Deepest discount {depth} %; its author may give {limit} % alone."), format!("最大折扣 {depth}%，制单人可自行给出 {limit}%。");
    }
}

impl Standing {
    /// Where a quote stands, in a word or two.
    pub fn label(self, t: &Texts) -> &'static str {
        let en = std::ptr::eq(t, &super::EN);
        let (a, b) = match self {
            Standing::Draft => ("Draft", "草稿"),
            Standing::AwaitingApproval => ("Awaiting approval", "待审批"),
            Standing::Sent => ("Sent", "已发出"),
            Standing::Expired => ("Expired", "已过期"),
            Standing::Accepted => ("Accepted", "已接受"),
            Standing::Rejected => ("Turned down", "已拒绝"),
            Standing::Superseded => ("Replaced", "已被取代"),
        };
        if en { a } else { b }
    }

    /// The badge's class.
    pub fn badge(self) -> &'static str {
        match self {
            Standing::Draft | Standing::Superseded => "badge badge-muted",
            Standing::AwaitingApproval | Standing::Expired => "badge badge-warn",
            Standing::Sent => "badge",
            Standing::Accepted => "badge badge-ok",
            Standing::Rejected => "badge badge-danger",
        }
    }
}

impl StandingFilter {
    /// The filter's label.
    pub fn label(self, t: &Texts) -> &'static str {
        let en = std::ptr::eq(t, &super::EN);
        let (a, b) = match self {
            StandingFilter::Open => ("Open", "未结"),
            StandingFilter::All => ("Every state", "全部状态"),
            StandingFilter::Draft => ("Drafts", "草稿"),
            StandingFilter::AwaitingApproval => ("Awaiting approval", "待审批"),
            StandingFilter::Sent => ("Sent", "已发出"),
            StandingFilter::Expired => ("Expired", "已过期"),
            StandingFilter::Accepted => ("Accepted", "已接受"),
            StandingFilter::Rejected => ("Turned down", "已拒绝"),
        };
        if en { a } else { b }
    }
}

impl TaxMode {
    /// How the quote's prices stand to tax.
    pub fn label(self, t: &Texts) -> &'static str {
        let en = std::ptr::eq(t, &super::EN);
        let (a, b) = match self {
            TaxMode::Exclusive => ("Before tax (tax added)", "不含税（另加税）"),
            TaxMode::Inclusive => ("Including tax", "含税价"),
        };
        if en { a } else { b }
    }
}

impl RejectReason {
    /// Why a quote was turned down.
    pub fn label(self, t: &Texts) -> &'static str {
        let en = std::ptr::eq(t, &super::EN);
        let (a, b) = match self {
            RejectReason::Price => ("Price", "价格"),
            RejectReason::Competitor => ("Went to a competitor", "选择了竞争对手"),
            RejectReason::NoNeed => ("No longer needed", "不再需要"),
            RejectReason::Timing => ("Timing", "时机不合适"),
            RejectReason::Other => ("Other", "其他"),
        };
        if en { a } else { b }
    }
}

impl QuoteError {
    /// What stopped a change, as a sentence.
    pub fn message(self, t: &Texts) -> &'static str {
        let en = std::ptr::eq(t, &super::EN);
        let (a, b) = match self {
            QuoteError::NotEditable => (
                "Only a draft is edited: revise a sent quote into a new version.",
                "只有草稿可以修改：已发出的报价请创建新版本。",
            ),
            QuoteError::NoLines => ("A quote needs at least one line.", "报价至少需要一行明细。"),
            QuoteError::NeedsApproval => (
                "The discount needs a manager's approval.",
                "该折扣需要经理批准。",
            ),
            QuoteError::BeyondApprover => (
                "Your role may not give this discount either: ask a member whose role allows it.",
                "您的角色也无权给出该折扣，请由有相应权限的成员批准。",
            ),
            QuoteError::NotAwaiting => (
                "Only a quote awaiting approval can be approved.",
                "只有待审批的报价可以批准。",
            ),
            QuoteError::NotOpen => (
                "Only a sent quote, still valid, can be accepted or turned down.",
                "只有已发出且仍在有效期内的报价可以接受或拒绝。",
            ),
            QuoteError::Expired => (
                "Its validity has ended: revise it into a new version first.",
                "报价已过有效期，请先创建新版本。",
            ),
            QuoteError::NotRevisable => (
                "Only a sent, turned down or expired quote is revised; a draft is edited.",
                "只有已发出、已拒绝或已过期的报价可以创建新版本；草稿请直接修改。",
            ),
            QuoteError::Superseded => (
                "A later version exists: open it instead.",
                "已有更新的版本，请打开新版本。",
            ),
        };
        if en { a } else { b }
    }
}
