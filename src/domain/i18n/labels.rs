//! Display names of every domain value and problem, in the language of the given [`Texts`].

use super::Texts;
use crate::domain::backup::BackupProblem;
use crate::domain::churn::{ChurnCause, ChurnKind, Outcome, RiskLevel};
use crate::domain::complaint::{Category, EscalationReason, Severity, Status};
use crate::domain::contact::BuyingRole;
use crate::domain::customer::{
    ContactChannel, CustomerKind, Party, PaymentAbility, Source, SupplierRank, Trend,
};
use crate::domain::error::AppError;
use crate::domain::interaction::Channel;
use crate::domain::loyalty::{Evidence, Form, Indicator};
use crate::domain::member::MemberRole;
use crate::domain::record::RecordKind;
use crate::domain::satisfaction::figures::{NpsGroup, Quadrant};
use crate::domain::satisfaction::import::{FileProblem, RowProblem};
use crate::domain::satisfaction::{Factor, Scale, SurveyKind, Template};
use crate::domain::validate::{Field, FieldError, Problem};
use crate::domain::vcard::{CardProblem, Skip};

/// Picks the English or Chinese word by the language of `t`.
fn pick(t: &Texts, en: &'static str, zh: &'static str) -> &'static str {
    if std::ptr::eq(t, &super::EN) { en } else { zh }
}

impl CustomerKind {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            CustomerKind::EnterpriseBuyer => pick(t, "Enterprise buyer", "企业购买者"),
            CustomerKind::InstitutionalBuyer => pick(t, "Institutional buyer", "机构购买者"),
            CustomerKind::Distributor => pick(t, "Distributor", "经销商"),
            CustomerKind::Consumer => pick(t, "Consumer", "个人消费者"),
        }
    }
}

impl Party {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Party::Organisation => t.party_org,
            Party::Individual => t.party_person,
        }
    }
}

impl Source {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Source::TradeShow => pick(t, "Trade show", "展会"),
            Source::Referral => pick(t, "Referral", "转介绍"),
            Source::Website => pick(t, "Website", "网站"),
            Source::ColdCall => pick(t, "Cold call", "陌生拜访/电话"),
            Source::Advertising => pick(t, "Advertising", "广告"),
            Source::Other => pick(t, "Other", "其他"),
        }
    }
}

impl ContactChannel {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            ContactChannel::Phone => pick(t, "Phone", "电话"),
            ContactChannel::Sms => pick(t, "Text message", "短信"),
            ContactChannel::Email => pick(t, "E-mail", "邮件"),
            ContactChannel::WeChat => pick(t, "WeChat", "微信"),
            ContactChannel::Post => pick(t, "Post", "邮寄"),
            ContactChannel::Visit => pick(t, "Visit", "上门拜访"),
        }
    }
}

impl Trend {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Trend::Unknown => pick(t, "Unknown", "不详"),
            Trend::Growing => pick(t, "Growing", "增长"),
            Trend::Stable => pick(t, "Stable", "平稳"),
            Trend::Declining => pick(t, "Declining", "下滑"),
        }
    }
}

impl PaymentAbility {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            PaymentAbility::Unknown => pick(t, "Unknown", "不详"),
            PaymentAbility::Good => pick(t, "Pays on time", "按时付款"),
            PaymentAbility::Fair => pick(t, "Sometimes late", "偶有拖欠"),
            PaymentAbility::Poor => pick(t, "Often late", "经常拖欠"),
        }
    }
}

impl SupplierRank {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            SupplierRank::Unknown => pick(t, "Unknown", "不详"),
            SupplierRank::Sole => pick(t, "Sole supplier", "独家供应商"),
            SupplierRank::Primary => pick(t, "Main supplier", "主要供应商"),
            SupplierRank::Secondary => pick(t, "One of several", "供应商之一"),
            SupplierRank::Occasional => pick(t, "Occasional / trial", "偶尔或试用"),
        }
    }
}

impl BuyingRole {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            BuyingRole::DecisionMaker => pick(t, "Decision maker", "决策者"),
            BuyingRole::Influencer => pick(t, "Influencer", "影响者"),
            BuyingRole::Buyer => pick(t, "Buyer", "采购者"),
            BuyingRole::User => pick(t, "User", "使用者"),
            BuyingRole::Gatekeeper => pick(t, "Gatekeeper", "把关者"),
            BuyingRole::Other => pick(t, "Other", "其他"),
        }
    }
}

impl Channel {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Channel::Call => pick(t, "Call", "电话"),
            Channel::Visit => pick(t, "Visit", "拜访"),
            Channel::Email => pick(t, "E-mail", "邮件"),
            Channel::WeChat => pick(t, "WeChat", "微信"),
            Channel::Meeting => pick(t, "Meeting", "会议"),
            Channel::Event => pick(t, "Event", "活动"),
            Channel::Note => pick(t, "Note", "备注"),
        }
    }
}

impl MemberRole {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            MemberRole::SalesRep => pick(t, "Sales rep", "销售代表"),
            MemberRole::SalesManager => pick(t, "Sales manager", "销售经理"),
            MemberRole::Service => pick(t, "Customer service", "客服"),
            MemberRole::Marketing => pick(t, "Marketing", "市场"),
            MemberRole::Admin => pick(t, "Administrator", "管理员"),
        }
    }
}

impl ChurnKind {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            ChurnKind::Natural => pick(t, "Natural", "自然流失"),
            ChurnKind::Competition => pick(t, "To a competitor", "竞争流失"),
            ChurnKind::OurFault => pick(t, "Our fault", "过失流失"),
            ChurnKind::Malicious => pick(t, "Malicious", "恶意流失"),
            ChurnKind::Other => pick(t, "Other", "其他流失"),
        }
    }
}

impl ChurnCause {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            ChurnCause::Price => pick(t, "Price", "价格"),
            ChurnCause::ServiceInconvenience => {
                pick(t, "Small service failures", "服务小失误带来的不便")
            }
            ChurnCause::MissingFeature => pick(t, "Missing key feature", "缺少关键功能"),
            ChurnCause::NegativeEncounter => {
                pick(t, "Negative service encounter", "服务接触中的负面经历")
            }
            ChurnCause::PoorResponse => pick(t, "Inadequate answer to a problem", "对问题回应不当"),
            ChurnCause::Competitor => pick(t, "Competitor action", "竞争对手的行动"),
            ChurnCause::Ethics => pick(t, "Ethics", "道德问题"),
            ChurnCause::Involuntary => {
                pick(t, "Involuntary (moved, closed)", "非自愿（搬迁、倒闭）")
            }
        }
    }
}

impl Outcome {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Outcome::Planned => pick(t, "Planned", "计划中"),
            Outcome::Won => pick(t, "Won back", "已挽回"),
            Outcome::Lost => pick(t, "Not won back", "未挽回"),
        }
    }
}

impl RiskLevel {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            RiskLevel::Low => pick(t, "Low risk", "低风险"),
            RiskLevel::Medium => pick(t, "Medium risk", "中风险"),
            RiskLevel::High => pick(t, "High risk", "高风险"),
        }
    }
    /// A stable short name for CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
        }
    }
}

impl Indicator {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Indicator::RepeatPurchases => pick(t, "Repeat purchases", "重复购买次数"),
            Indicator::ShareOfWallet => pick(
                t,
                "Share of their need bought from us",
                "需求中向我方购买的比例",
            ),
            Indicator::BrandAttention => pick(t, "Attention to our brand", "对本品牌的关注程度"),
            Indicator::ChoiceTime => pick(t, "Quick to choose us", "挑选时间（越短越忠诚）"),
            Indicator::PriceSensitivity => pick(
                t,
                "Buys at full price (price sensitivity)",
                "按原价购买（价格敏感度）",
            ),
            Indicator::CompetitorAttitude => pick(
                t,
                "Indifferent to competitors' products",
                "对竞争产品的态度（越冷淡越忠诚）",
            ),
            Indicator::Tolerance => pick(t, "Tolerance of incidents", "对质量事故的承受能力"),
            Indicator::Identification => {
                pick(t, "Identification with the product", "对产品的认同度")
            }
        }
    }
}

impl Evidence {
    /// The figures behind an indicator.
    pub fn text(self, t: &Texts) -> String {
        let zh = !std::ptr::eq(t, &super::EN);
        match (self, zh) {
            (Evidence::Repeats(n), false) => {
                format!("{n} purchase days after the first (12 = full marks)")
            }
            (Evidence::Repeats(n), true) => format!("首购之后 {n} 个购买日（12 个为满分）"),
            (Evidence::Share(p), false) => format!("{p}% recorded in the customer file"),
            (Evidence::Share(p), true) => format!("客户档案记录为 {p}%"),
            (Evidence::FullPrice { full, total }, false) => {
                format!("{full} of {total} purchases at full price")
            }
            (Evidence::FullPrice { full, total }, true) => {
                format!("{total} 笔交易中 {full} 笔按原价")
            }
            (Evidence::BoughtAfter { kept, complaints }, false) => {
                format!("bought again after {kept} of {complaints} complaints")
            }
            (Evidence::BoughtAfter { kept, complaints }, true) => {
                format!("{complaints} 次投诉后有 {kept} 次继续购买")
            }
            (Evidence::Rating(r), false) => format!("rated {r} of 5"),
            (Evidence::Rating(r), true) => format!("评分 {r} / 5"),
        }
    }
}

impl Form {
    /// Display name with what it means.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Form::Behavioural => pick(
                t,
                "Behavioural loyalty: keeps buying, without attachment",
                "行为忠诚：持续购买，但缺乏情感认同",
            ),
            Form::Emotional => pick(
                t,
                "Emotional loyalty: attached, without buying accordingly",
                "精神忠诚：认同我们，但购买行为尚未跟上",
            ),
            Form::Sustainable => pick(
                t,
                "Sustainable loyalty: buys and is attached",
                "可持续忠诚：既持续购买，又有情感认同",
            ),
            Form::NotYet => pick(t, "Not loyal yet", "尚未形成忠诚"),
        }
    }
}

impl Category {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Category::Product => pick(t, "Product", "产品质量"),
            Category::Service => pick(t, "Service", "服务"),
            Category::Price => pick(t, "Price", "价格"),
            Category::Delivery => pick(t, "Delivery", "交付物流"),
            Category::Attitude => pick(t, "Attitude", "服务态度"),
            Category::Other => pick(t, "Other", "其他"),
        }
    }
}

impl Severity {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Severity::Low => pick(t, "Low", "轻微"),
            Severity::Medium => pick(t, "Medium", "一般"),
            Severity::High => pick(t, "High", "严重"),
            Severity::Critical => pick(t, "Critical", "紧急"),
        }
    }
}

impl Status {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Status::New => pick(t, "New", "新建"),
            Status::Acknowledged => pick(t, "Acknowledged", "已受理"),
            Status::Resolved => pick(t, "Resolved", "已解决"),
            Status::Closed => pick(t, "Closed", "已关闭"),
        }
    }
}

impl EscalationReason {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            EscalationReason::Authority => pick(
                t,
                "Escalated: beyond the owner's authority",
                "已升级：超出负责人权限",
            ),
            EscalationReason::Overdue => {
                pick(t, "Escalated: past its deadline", "已升级：超过处理期限")
            }
        }
    }
}

impl Field {
    /// Display name of the field.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Field::Name => t.col_name,
            Field::Company => t.company,
            Field::Industry => t.industry,
            Field::Region => t.region,
            Field::Address => t.address,
            Field::Phone => t.phone,
            Field::Email => t.email,
            Field::WeChat => t.wechat,
            Field::Tags => t.tags,
            Field::Notes => t.notes,
            Field::CreditLimit => t.credit_limit,
            Field::DoNotContactSince => t.dnc_since,
            Field::Title => t.title,
            Field::Summary => t.summary,
            Field::When => t.when,
            Field::CommitmentText => t.commitment,
            Field::CommitmentDue => t.commitment_due,
            Field::Date => t.date,
            Field::Amount => t.amount,
            Field::Quantity => t.quantity,
            Field::Product => t.product,
            Field::Order => t.order_number,
            Field::Margin => t.margin,
            Field::SharePercent => t.share_of_wallet,
            Field::Competitor => t.competitor_name,
            Field::Text => pick(t, "Text", "文本"),
            Field::Description => pick(t, "Description", "投诉内容"),
            Field::Resolution => pick(t, "Resolution", "解决办法"),
            Field::Compensation => pick(t, "Compensation", "补偿"),
            Field::Action => pick(t, "Action", "挽回措施"),
            Field::Questions => pick(t, "Questions", "题目"),
            Field::Weight => pick(t, "Importance", "重要性"),
            Field::Recommend => pick(t, "Likelihood to recommend (0–10)", "推荐意愿（0–10）"),
            Field::Perception => pick(t, "Rating", "评分"),
            Field::Expectation => pick(t, "Expectation", "期望"),
            Field::CompetitorScore => pick(t, "Competitor's rating", "竞争对手评分"),
            Field::Campaign => t.lead_campaign,
            Field::Customer => pick(t, "Customer", "客户"),
            Field::CloseDate => pick(t, "Expected close", "预计成交日期"),
            Field::Probability => pick(t, "Probability", "赢单概率"),
            Field::Code => pick(t, "Product code", "产品编码"),
            Field::NameEn => pick(t, "English name", "英文名称"),
            Field::Category => pick(t, "Category", "类别"),
            Field::Unit => pick(t, "Unit", "单位"),
            Field::ListPrice => pick(t, "List price", "标准价"),
            Field::TaxRate => pick(t, "Tax rate (%)", "税率（%）"),
            Field::Cost => pick(t, "Unit cost", "单位成本"),
            Field::UnitPrice => pick(t, "Unit price", "单价"),
            Field::Discount => pick(t, "Discount (%)", "折扣（%）"),
            Field::ValidFrom => pick(t, "Valid from", "生效日期"),
            Field::ValidUntil => pick(t, "Valid until", "截止日期"),
            Field::Lines => pick(t, "Lines", "明细行"),
            Field::PaymentTerms => pick(t, "Payment terms", "付款条件"),
            Field::ValidDays => pick(t, "Days a new quote stays valid", "新报价有效天数"),
            Field::Logo => pick(t, "Logo", "标志"),
        }
    }
}

impl Problem {
    /// What is wrong, as a sentence.
    pub fn message(self, t: &Texts) -> String {
        let s = |en, zh| pick(t, en, zh).to_string();
        match self {
            Problem::Required => s("Required.", "必填。"),
            Problem::TooLong { max } => (t.p_too_long)(max),
            Problem::ControlCharacters => s(
                "Contains invisible control characters; retype it.",
                "包含不可见的控制字符，请重新输入。",
            ),
            Problem::BadEmail => s(
                "Not a valid e-mail address, e.g. name@example.com.",
                "邮箱格式不正确，例如 name@example.com。",
            ),
            Problem::BadPhone => s(
                "Not a phone number we recognise: a mobile (138 0013 8000), a landline with area code (010-1234 5678), 400/800, or +country code.",
                "无法识别的电话号码：手机（138 0013 8000）、带区号的座机（010-1234 5678）、400/800，或 +国家代码。",
            ),
            Problem::BadChineseMobile => s(
                "A Chinese mobile number has 11 digits starting with 13–19.",
                "中国大陆手机号为 11 位，以 13–19 开头。",
            ),
            Problem::NotANumber => s("Not a number.", "不是有效的数字。"),
            Problem::NegativeAmount => s("Cannot be negative.", "不能为负数。"),
            Problem::TooManyDecimals { max } => (t.p_too_many_decimals)(max),
            Problem::TooLarge => s("Too large.", "数值过大。"),
            Problem::BadDate => s(
                "Not a real date (year-month-day).",
                "不是有效的日期（年-月-日）。",
            ),
            Problem::DateInFuture => s("Cannot be in the future.", "不能晚于今天。"),
            Problem::BadPercent => s(
                "A percentage from 0 to 100.",
                "请填写 0 到 100 之间的百分比。",
            ),
            Problem::MarginAboveAmount => {
                s("The margin cannot exceed the amount.", "毛利不能超过金额。")
            }
            Problem::Duplicate => s("Entered twice.", "重复填写。"),
            Problem::BadWeChat => s(
                "A WeChat id has 6–20 letters, digits, _ or -, starting with a letter (or is a phone number).",
                "微信号为 6–20 位字母、数字、下划线或减号，以字母开头（或为手机号）。",
            ),
            Problem::NotPositive => s("Must be more than zero.", "必须大于零。"),
            Problem::OutOfRange { min, max } => match pick(t, "en", "zh") {
                "en" => format!("Must be a whole number from {min} to {max}."),
                _ => format!("必须是 {min} 到 {max} 之间的整数。"),
            },
            Problem::NumberBetween { min, max } => match pick(t, "en", "zh") {
                "en" => format!("Must be a number from {min} to {max}."),
                _ => format!("必须是 {min} 到 {max} 之间的数字。"),
            },
            Problem::LockedByResponses => s(
                "This survey has responses: its kind and scale can no longer change. Create a new survey instead.",
                "该调查已有答卷，类型和量表不能再修改。请新建一份调查。",
            ),
            Problem::NothingAnswered => s(
                "Nothing answered: rate at least one question.",
                "没有填写任何答案：请至少为一道题评分。",
            ),
            Problem::NameOrCompany => s(
                "Enter a person's name or an organisation (or both).",
                "请填写姓名或单位（至少一项）。",
            ),
            Problem::EndBeforeStart => s("Ends before it starts.", "截止日期早于生效日期。"),
            Problem::OtherCurrency => s(
                "In another currency than the rest; a quote is in one currency.",
                "币种与其余不同；一份报价只能使用一种币种。",
            ),
            Problem::UnknownProduct => s(
                "Not a product on the price list (or no longer offered).",
                "价目表中没有该产品（或已停售）。",
            ),
            Problem::NotAnImage => s(
                "Not a PNG, JPEG or SVG image.",
                "不是 PNG、JPEG 或 SVG 图片。",
            ),
            Problem::Taken => s(
                "Already used by another product (one in the trash counts too).",
                "已被其他产品使用（回收站中的也算）。",
            ),
        }
    }
}

impl FieldError {
    /// "Field: problem", with the entry number for list fields ("Phone 2: …").
    pub fn message(self, t: &Texts) -> String {
        let label = match self.index {
            Some(i) => (t.entry_n)(self.field.label(t), i + 1),
            None => self.field.label(t).to_string(),
        };
        let sep = pick(t, ": ", "：");
        format!("{label}{sep}{}", self.problem.message(t))
    }
}

impl AppError {
    /// What happened and what to do next, in the user's language.
    pub fn message(&self, t: &Texts) -> String {
        match self {
            AppError::StorageUnavailable(_) => t.err_storage_unavailable.to_string(),
            AppError::UpgradeBlocked => t.err_upgrade_blocked.to_string(),
            AppError::ClosedByOtherTab => t.err_closed_by_other_tab.to_string(),
            AppError::QuotaExceeded => t.err_quota.to_string(),
            AppError::NotFound => t.err_not_found.to_string(),
            AppError::Invalid(errors) => {
                let mut out = t.err_invalid.to_string();
                for e in errors {
                    out.push(' ');
                    out.push_str(&e.message(t));
                }
                out
            }
            AppError::MemberInUse(n) => (t.member_in_use)(*n),
            AppError::Damaged(_) => t.err_damaged.to_string(),
            AppError::Storage(_) => t.err_storage.to_string(),
            AppError::Conflict(_) => t.err_conflict.to_string(),
        }
    }

    /// The browser's own words, when there are any, for a "details" disclosure.
    pub fn details(&self) -> Option<&str> {
        match self {
            AppError::StorageUnavailable(d) | AppError::Damaged(d) | AppError::Storage(d) => {
                Some(d)
            }
            _ => None,
        }
    }
}

impl Factor {
    /// Display name (seed 002's five satisfaction factors).
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Factor::Company => pick(t, "Company", "企业因素"),
            Factor::Product => pick(t, "Product", "产品因素"),
            Factor::MarketingService => pick(t, "Marketing and service", "营销与服务体系"),
            Factor::Communication => pick(t, "Communication", "沟通因素"),
            Factor::Care => pick(t, "Customer care", "客户关怀"),
        }
    }
}

impl SurveyKind {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            SurveyKind::Csat => pick(t, "Satisfaction (CSAT)", "满意度（CSAT）"),
            SurveyKind::Nps => pick(t, "Net Promoter Score (NPS)", "净推荐值（NPS）"),
            SurveyKind::Paired => pick(t, "Expectation and perception", "期望与感知"),
        }
    }
}

impl Scale {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Scale::Five => pick(t, "1–5", "1–5 分"),
            Scale::Seven => pick(t, "1–7", "1–7 分"),
        }
    }
}

impl Template {
    /// Display name with what it asks.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Template::Csat => pick(
                t,
                "CSAT: five questions, one per factor, rated 1–5",
                "CSAT：五道题，每个因素一道，1–5 分",
            ),
            Template::Nps => pick(
                t,
                "NPS: the recommend question, 0–10",
                "NPS：推荐意愿一道题，0–10 分",
            ),
            Template::ExpectationPerception => pick(
                t,
                "Expectation and perception: ten questions over the five factors, each rated twice on 1–7, with importance weights",
                "期望与感知：覆盖五个因素的十道题，每题按 1–7 分评两次，并设重要性权重",
            ),
        }
    }
}

impl Quadrant {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Quadrant::FixFirst => pick(t, "Fix first", "优先改进"),
            Quadrant::KeepUp => pick(t, "Keep it up", "继续保持"),
            Quadrant::LowPriority => pick(t, "Low priority", "次要改进"),
            Quadrant::Overkill => pick(t, "Possibly overdone", "可能过度投入"),
        }
    }
}

impl NpsGroup {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            NpsGroup::Promoter => pick(t, "Promoter", "推荐者"),
            NpsGroup::Passive => pick(t, "Passive", "被动者"),
            NpsGroup::Detractor => pick(t, "Detractor", "贬损者"),
        }
    }
}

impl FileProblem {
    /// Why the file was refused, as a sentence.
    pub fn message(&self, t: &Texts) -> &'static str {
        match self {
            FileProblem::Empty => pick(t, "The file is empty.", "文件是空的。"),
            FileProblem::TooLarge => pick(
                t,
                "The file is larger than 10 MB. Split it into smaller files.",
                "文件超过 10 MB，请拆分成较小的文件。",
            ),
            FileProblem::TooManyRows => pick(
                t,
                "The file has more than 50,000 rows. Split it into smaller files.",
                "文件超过 50,000 行，请拆分成较小的文件。",
            ),
            FileProblem::NotText => crate::domain::import::FileProblem::NotText.message(t),
            FileProblem::NoCustomerColumn => pick(
                t,
                "No column names the customer: the header needs a “customer” (客户名称) column.",
                "没有客户列：表头需要“客户名称”（customer）列。",
            ),
            FileProblem::NoRatingColumn => pick(
                t,
                "No column holds a rating of this survey: use the template's P1, P2… columns.",
                "没有本调查的评分列：请使用模板中的 P1、P2… 列。",
            ),
        }
    }
}

impl RowProblem {
    /// Why the row was not imported, as a sentence.
    pub fn message(&self, t: &Texts) -> String {
        match self {
            RowProblem::Value(p) => p.message(t),
            RowProblem::UnknownCustomer(name) => (t.unknown_customer)(name),
            RowProblem::AmbiguousCustomer(name, n) => (t.ambiguous_customer)(name, *n),
            RowProblem::Unreadable => t.import_unreadable.to_string(),
            RowProblem::CellCount { found, expected } => (t.cell_count)(*found, *expected),
        }
    }
}

impl RecordKind {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            RecordKind::Customer => pick(t, "Customer", "客户"),
            RecordKind::Contact => pick(t, "Contact person", "联系人"),
            RecordKind::Interaction => pick(t, "Interaction", "接触记录"),
            RecordKind::Purchase => pick(t, "Purchase", "交易"),
            RecordKind::Member => pick(t, "Team member", "团队成员"),
            RecordKind::Segment => pick(t, "Segment", "客户分群"),
            RecordKind::Complaint => pick(t, "Complaint", "投诉"),
            RecordKind::ChurnEvent => pick(t, "Churn", "流失记录"),
            RecordKind::WinBack => pick(t, "Win-back plan", "挽回计划"),
            RecordKind::LoyaltyRating => pick(t, "Loyalty ratings", "忠诚度评分"),
            RecordKind::Survey => pick(t, "Survey", "调查"),
            RecordKind::Response => pick(t, "Survey response", "答卷"),
            RecordKind::Lead => pick(t, "Lead", "线索"),
            RecordKind::LeadActivity => pick(t, "Interaction with a lead", "线索接触记录"),
            RecordKind::Pipeline => pick(t, "Pipeline stages", "销售阶段"),
            RecordKind::Opportunity => pick(t, "Opportunity", "商机"),
            RecordKind::Product => pick(t, "Product", "产品"),
            RecordKind::PriceAgreement => pick(t, "Price agreement", "价格协议"),
            RecordKind::Quote => pick(t, "Quote", "报价"),
            RecordKind::QuotePolicy => pick(t, "Quoting policy", "报价规则"),
            RecordKind::ImportJournal => pick(t, "Import", "导入记录"),
        }
    }
}

impl BackupProblem {
    /// What is wrong with the file, as a sentence. Nothing was changed.
    pub fn message(&self, t: &Texts) -> String {
        let en = pick(t, "en", "zh") == "en";
        let s = |a: &str, b: &str| if en { a.to_string() } else { b.to_string() };
        match self {
            BackupProblem::NotABackup => s(
                "This is not a backup of this app, or it is damaged. Nothing was changed.",
                "这不是本应用的备份文件，或文件已损坏。数据未作任何更改。",
            ),
            BackupProblem::NewerVersion(v) => s(
                &format!(
                    "This backup was made by a newer version of the app (format {v}). Update the app first. Nothing was changed."
                ),
                &format!(
                    "该备份由较新版本的应用创建（格式 {v}），请先更新应用。数据未作任何更改。"
                ),
            ),
            BackupProblem::WrongPassphrase => s(
                "The passphrase does not open this backup (or the file was altered). Nothing was changed.",
                "密码无法打开该备份（或文件已被改动）。数据未作任何更改。",
            ),
            BackupProblem::NeedsPassphrase => s(
                "This backup is encrypted: enter its passphrase.",
                "该备份已加密，请输入密码。",
            ),
            BackupProblem::Damaged(at) => s(
                &format!("The backup is damaged and cannot be read ({at}). Nothing was changed."),
                &format!("备份已损坏，无法读取（{at}）。数据未作任何更改。"),
            ),
            BackupProblem::Duplicate(kind, id) => s(
                &format!(
                    "The backup has two records with one id ({}: {id}). Nothing was changed.",
                    kind.label(t)
                ),
                &format!(
                    "备份中有两条记录使用同一编号（{}：{id}）。数据未作任何更改。",
                    kind.label(t)
                ),
            ),
            BackupProblem::Dangling(kind, id) => s(
                &format!(
                    "A record in the backup belongs to a customer it does not contain ({}: {id}). Nothing was changed.",
                    kind.label(t)
                ),
                &format!(
                    "备份中有记录所属的客户不在备份内（{}：{id}）。数据未作任何更改。",
                    kind.label(t)
                ),
            ),
        }
    }
}

impl CardProblem {
    /// Why the card was not read, as a sentence.
    pub fn message(&self, t: &Texts) -> String {
        match self {
            CardProblem::NoName => pick(
                t,
                "The card has no name (FN or N).",
                "名片没有姓名（FN 或 N）。",
            )
            .to_string(),
            CardProblem::Unterminated => pick(
                t,
                "The card is cut off (no END:VCARD).",
                "名片不完整（缺少 END:VCARD）。",
            )
            .to_string(),
            CardProblem::Charset(cs) => match pick(t, "en", "zh") {
                "en" => format!(
                    "Written in the {cs} character set: export the contacts again as UTF-8."
                ),
                _ => format!("使用 {cs} 字符集：请以 UTF-8 重新导出联系人。"),
            },
            CardProblem::BadEncoding => pick(
                t,
                "Quoted-printable text that is not valid UTF-8.",
                "Quoted-printable 编码的内容不是有效的 UTF-8。",
            )
            .to_string(),
        }
    }
}

impl Skip {
    /// Why the card is not imported, as a sentence.
    pub fn message(&self, t: &Texts) -> String {
        match self {
            Skip::Known(v) => (t.card_known)(v),
            Skip::Invalid(errors) => errors
                .iter()
                .map(|e| format!("{}: {}", e.field.label(t), e.problem.message(t)))
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

impl crate::domain::import::FileProblem {
    /// Why the file is refused and what to do, as a sentence.
    pub fn message(&self, t: &Texts) -> &'static str {
        use crate::domain::import::FileProblem as F;
        match self {
            F::Empty => pick(
                t,
                "The file is empty: it needs a header row and at least one row of data.",
                "文件是空的：需要一行表头和至少一行数据。",
            ),
            F::TooLarge => pick(
                t,
                "The file is larger than 64 MB. Split it into smaller files.",
                "文件超过 64 MB，请拆分成较小的文件。",
            ),
            F::TooManyRows => pick(
                t,
                "The file has more than 200,000 rows. Split it into smaller files.",
                "文件超过 200,000 行，请拆分成较小的文件。",
            ),
            F::NotText => pick(
                t,
                "This is not a CSV text file (perhaps an .xlsx workbook or an image). In Excel or WPS, use “Save as” → CSV.",
                "这不是 CSV 文本文件（可能是 .xlsx 工作簿或图片）。请在 Excel 或 WPS 中“另存为” CSV。",
            ),
        }
    }
}

impl crate::domain::import::RowProblem {
    /// Why the row or value was not imported, as a sentence.
    pub fn message(&self, t: &Texts) -> String {
        use crate::domain::import::RowProblem as R;
        let en = std::ptr::eq(t, &super::EN);
        match self {
            R::Value(p) => p.message(t),
            R::Unreadable => pick(
                t,
                "The row's quotes are broken, so its cells cannot be told apart.",
                "这一行的引号不成对，无法分清各个单元格。",
            )
            .to_string(),
            R::CellCount { found, expected } => (t.cell_count)(*found, *expected),
            R::UnknownCustomer(name) => (t.unknown_customer)(name),
            R::AmbiguousCustomer(name, n) => (t.ambiguous_customer)(name, *n),
            R::UnknownOwner(name) if en => format!(
                "No team member is called “{name}”. Add them in Settings → Team, or correct the name."
            ),
            R::UnknownOwner(name) => {
                format!("团队中没有名为“{name}”的成员。请在“设置 → 团队”中添加，或更正姓名。")
            }
            R::UnknownChannel(v) if en => format!(
                "“{v}” is not a way of contact: use call, visit, e-mail, WeChat, meeting, event or note."
            ),
            R::UnknownChannel(v) => {
                format!("“{v}”不是接触方式：请填写电话、拜访、邮件、微信、会议、活动或备注。")
            }
            R::UnknownParty(v) if en => format!(
                "“{v}” is neither an organisation nor a person: use organisation or individual."
            ),
            R::UnknownParty(v) => format!("“{v}”既不是单位也不是个人：请填写“单位”或“个人”。"),
            R::UnknownCurrency(v) if en => {
                format!("“{v}” is not a currency we know: use CNY, USD, EUR, HKD, JPY or GBP.")
            }
            R::UnknownCurrency(v) => {
                format!("“{v}”不是可识别的币种：请填写 CNY、USD、EUR、HKD、JPY 或 GBP。")
            }
            R::UnknownSource(v) => {
                let known: Vec<&str> = crate::domain::lead::LeadSource::ALL
                    .iter()
                    .map(|s| s.label(t))
                    .collect();
                if en {
                    format!(
                        "“{v}” is not a lead source we know: use {}.",
                        known.join(", ")
                    )
                } else {
                    format!("“{v}”不是可识别的线索来源：请填写{}。", known.join("、"))
                }
            }
            R::UnknownActive(v) if en => format!(
                "“{v}” says neither offered nor withdrawn: use yes or no (是 / 否, 在售 / 停售)."
            ),
            R::UnknownActive(v) => {
                format!("“{v}”无法识别是否在售：请填写“是”或“否”（或“在售”/“停售”）。")
            }
            R::Card(p) => p.message(t),
        }
    }
}

impl crate::domain::import::Kind {
    /// Display name (plural: what the file holds).
    pub fn label(self, t: &Texts) -> &'static str {
        use crate::domain::import::Kind as K;
        match self {
            K::Customers => pick(t, "Customers", "客户"),
            K::Contacts => pick(t, "Contact persons", "联系人"),
            K::Interactions => pick(t, "Interactions", "接触记录"),
            K::Purchases => pick(t, "Purchases", "购买记录"),
            K::Leads => pick(t, "Leads", "线索"),
            K::Products => pick(t, "Products (price list)", "产品（价目表）"),
        }
    }
}

impl crate::domain::import::Target {
    /// Display name of the field a column fills.
    pub fn label(self, t: &Texts) -> &'static str {
        use crate::domain::import::Target as T;
        match self {
            T::ExternalId => pick(t, "Customer number (other system)", "客户编号（外部系统）"),
            T::Name => pick(t, "Name", "名称"),
            T::Company => pick(t, "Company", "公司"),
            T::Party => pick(t, "Organisation or person", "单位 / 个人"),
            T::Phone => pick(t, "Phone", "电话"),
            T::Email => pick(t, "E-mail", "邮箱"),
            T::WeChat => pick(t, "WeChat", "微信"),
            T::Industry => pick(t, "Industry", "行业"),
            T::Region => pick(t, "Region", "地区"),
            T::Address => pick(t, "Address", "地址"),
            T::Tags => pick(t, "Tags", "标签"),
            T::Owner => pick(t, "Team member", "团队成员"),
            T::Notes => pick(t, "Notes", "备注"),
            T::Customer => pick(t, "Customer (id, number or name)", "客户（编号或名称）"),
            T::Title => pick(t, "Job title", "职务"),
            T::When => pick(t, "Date and time", "日期时间"),
            T::Channel => pick(t, "Way of contact", "接触方式"),
            T::Summary => pick(t, "Summary", "内容摘要"),
            T::Date => pick(t, "Date", "日期"),
            T::Amount => pick(t, "Amount", "金额"),
            T::Currency => pick(t, "Currency", "币种"),
            T::Quantity => pick(t, "Quantity", "数量"),
            T::Product => pick(t, "Product", "产品"),
            T::Order => t.order_number,
            T::Margin => pick(t, "Margin", "毛利"),
            T::Source => pick(t, "Lead source", "线索来源"),
            T::Campaign => pick(t, "Campaign or event", "活动或展会"),
            T::Code => pick(t, "Product code", "产品编码"),
            T::NameEn => pick(t, "English name", "英文名称"),
            T::Category => pick(t, "Category", "类别"),
            T::Unit => pick(t, "Unit", "单位"),
            T::ListPrice => pick(t, "List price", "标准价"),
            T::TaxRate => pick(t, "Tax rate (%)", "税率（%）"),
            T::Cost => pick(t, "Unit cost", "单位成本"),
            T::Active => pick(t, "Offered (yes / no)", "是否在售"),
        }
    }
}

impl crate::domain::import::Policy {
    /// What the choice does, as offered.
    pub fn label(self, t: &Texts) -> &'static str {
        use crate::domain::import::Policy as P;
        match self {
            P::Skip => pick(t, "Skip them (keep what is stored)", "跳过（保留已有记录）"),
            P::Update => pick(t, "Update them with the file's values", "用文件中的值更新"),
            P::Create => pick(t, "Create new records anyway", "仍然新建记录"),
        }
    }
}

impl crate::domain::import::plan::Why {
    /// Why a row is skipped.
    pub fn label(self, t: &Texts) -> &'static str {
        use crate::domain::import::plan::Why as W;
        match self {
            W::Duplicate => pick(t, "Duplicate of a stored record", "与已有记录重复"),
            W::SameOrder => pick(t, "Same order number and product", "订单号和产品相同"),
            W::Unchanged => pick(t, "Nothing to update", "没有需要更新的内容"),
        }
    }
}

impl crate::domain::import::plan::Action {
    /// What becomes of a row.
    pub fn label(self, t: &Texts) -> &'static str {
        use crate::domain::import::plan::Action as A;
        match self {
            A::Create => pick(t, "New", "新建"),
            A::Update => pick(t, "Update", "更新"),
            A::Skip => pick(t, "Skip", "跳过"),
            A::Fail => pick(t, "Error", "错误"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::i18n::{EN, ZH};

    #[test]
    fn every_problem_reads_in_both_languages() {
        let problems = [
            Problem::Required,
            Problem::TooLong { max: 5 },
            Problem::ControlCharacters,
            Problem::BadEmail,
            Problem::BadPhone,
            Problem::BadChineseMobile,
            Problem::NotANumber,
            Problem::NegativeAmount,
            Problem::TooManyDecimals { max: 2 },
            Problem::TooManyDecimals { max: 0 },
            Problem::TooLarge,
            Problem::BadDate,
            Problem::DateInFuture,
            Problem::BadPercent,
            Problem::MarginAboveAmount,
            Problem::Duplicate,
            Problem::BadWeChat,
            Problem::NotPositive,
            Problem::NameOrCompany,
            Problem::EndBeforeStart,
            Problem::OtherCurrency,
            Problem::UnknownProduct,
            Problem::Taken,
            Problem::NotAnImage,
        ];
        for p in problems {
            let en = p.message(&EN);
            let zh = p.message(&ZH);
            let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            assert!(!en.is_empty() && !cjk(&en), "{p:?}: {en}");
            assert!(cjk(&zh), "{p:?} is not translated: {zh}");
        }
    }

    #[test]
    fn field_errors_name_the_field_and_entry() {
        let e = FieldError::at(Field::Phone, 1, Problem::BadPhone);
        assert!(e.message(&EN).starts_with("Phone 2: Not a phone number"));
        assert!(e.message(&ZH).starts_with("电话 2：无法识别"));
        let e = FieldError::new(Field::Amount, Problem::NegativeAmount);
        assert_eq!(e.message(&EN), "Amount: Cannot be negative.");
        assert_eq!(e.message(&ZH), "金额：不能为负数。");
    }

    #[test]
    fn labels_differ_by_language() {
        for k in CustomerKind::ALL {
            assert_ne!(k.label(&EN), k.label(&ZH));
        }
        assert_eq!(Channel::WeChat.label(&ZH), "微信");
        assert_eq!(AppError::QuotaExceeded.message(&EN), EN.err_quota);
    }
}
