//! Class names, definitions and explanations of the analysis, in both languages: what each
//! class means, and the figures and rule that put a customer in it.

use super::{Lang, Texts};
use crate::domain::analysis::config::ValueBasis;
use crate::domain::analysis::engine::Prediction;
use crate::domain::analysis::importance::{Importance, ImportanceFacts};
use crate::domain::analysis::quadrant::{Quadrant, QuadrantFacts};
use crate::domain::analysis::rfm::{Rfm, RfmCutoffs, RfmSegment};
use crate::domain::analysis::segment::Attribute;
use crate::domain::analysis::stages::{LifecycleFacts, LifecycleStage, LoyaltyFacts, LoyaltyStage};
use crate::domain::money::{Currency, format_minor_whole};

/// Yuan, rounded to the yuan, in the language's way.
pub fn yuan(v: f64, lang: Lang) -> String {
    format_minor_whole((v * 100.0).round() as i64, Currency::Cny, lang)
}

/// Yuan in a short form for tight places (a chart's cell): whole yuan below 100,000; above,
/// one decimal of 万 or 亿 in Chinese, of thousands, millions or billions in English (the
/// exact amount goes in the cell's title).
pub fn yuan_compact(v: f64, lang: Lang) -> String {
    // The symbol as `yuan` writes it in each language.
    let (symbol, steps): (&str, &[(f64, &str)]) = match lang {
        Lang::Zh => ("¥", &[(1e8, "亿"), (1e4, "万")]),
        Lang::En => ("CN¥", &[(1e9, "B"), (1e6, "M"), (1e3, "K")]),
    };
    // Below 100,000, and anything not a plain amount (negative, not a number): as it is.
    if v.is_nan() || v < 1e5 {
        return yuan(v, lang);
    }
    // The largest unit of which the amount, rounded to a tenth, is at least one (so that
    // 99,999,999 is ¥1亿, not ¥10000万).
    let round = |x: f64| (x * 10.0).round() / 10.0;
    let (unit, suffix) = steps
        .iter()
        .find(|(unit, _)| round(v / unit) >= 1.0)
        .copied()
        .unwrap_or((1.0, ""));
    let short = format!("{:.1}", round(v / unit));
    let short = short.strip_suffix(".0").unwrap_or(&short);
    format!("{symbol}{short}{suffix}")
}

fn pct(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

impl RfmSegment {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        let lang = Lang::of(t);
        use RfmSegment::*;
        match (self, lang) {
            (Champions, Lang::En) => "Champions",
            (Champions, Lang::Zh) => "重要价值客户",
            (Loyal, Lang::En) => "Loyal",
            (Loyal, Lang::Zh) => "忠实客户",
            (PotentialLoyalist, Lang::En) => "Potential loyalist",
            (PotentialLoyalist, Lang::Zh) => "潜力忠实客户",
            (New, Lang::En) => "New customers",
            (New, Lang::Zh) => "新客户",
            (Promising, Lang::En) => "Promising",
            (Promising, Lang::Zh) => "有潜力客户",
            (NeedAttention, Lang::En) => "Need attention",
            (NeedAttention, Lang::Zh) => "需要关注",
            (AboutToSleep, Lang::En) => "About to sleep",
            (AboutToSleep, Lang::Zh) => "即将沉睡",
            (AtRisk, Lang::En) => "At risk",
            (AtRisk, Lang::Zh) => "流失风险",
            (CantLose, Lang::En) => "Can't lose",
            (CantLose, Lang::Zh) => "不能失去",
            (Hibernating, Lang::En) => "Hibernating",
            (Hibernating, Lang::Zh) => "沉睡客户",
            (Lost, Lang::En) => "Lost",
            (Lost, Lang::Zh) => "已流失",
        }
    }

    /// What the segment means, with its cells of the R × F grid.
    pub fn definition(self, t: &Texts) -> &'static str {
        let lang = Lang::of(t);
        use RfmSegment::*;
        match (self, lang) {
            (Champions, Lang::En) => {
                "Bought very recently and very often (R 5, F 4–5). Reward them; they try new products first."
            }
            (Champions, Lang::Zh) => "最近刚买且购买最频繁（R 5，F 4–5）。给予回馈，新品优先推荐。",
            (Loyal, Lang::En) => {
                "Buy often and fairly recently (R 3–4, F 4–5). Offer more; ask for referrals."
            }
            (Loyal, Lang::Zh) => "购买频繁且较近（R 3–4，F 4–5）。交叉销售，请其转介绍。",
            (PotentialLoyalist, Lang::En) => {
                "Recent customers with a few purchases (R 4–5, F 2–3). Build the habit: membership, follow-ups."
            }
            (PotentialLoyalist, Lang::Zh) => {
                "最近购买、已有几次购买（R 4–5，F 2–3）。培养习惯：会员、回访。"
            }
            (New, Lang::En) => {
                "Bought for the first time very recently (R 5, F 1). Welcome them and help them succeed."
            }
            (New, Lang::Zh) => "刚刚首次购买（R 5，F 1）。做好欢迎和首单服务。",
            (Promising, Lang::En) => {
                "Recent first-time buyers (R 4, F 1). Make the second purchase easy."
            }
            (Promising, Lang::Zh) => "较近的首次购买者（R 4，F 1）。促成第二次购买。",
            (NeedAttention, Lang::En) => {
                "Average recency and frequency (R 3, F 3). Reach out before they drift."
            }
            (NeedAttention, Lang::Zh) => "最近程度和频率都一般（R 3，F 3）。在其疏远前主动联系。",
            (AboutToSleep, Lang::En) => {
                "Below-average recency, few purchases (R 3, F 1–2). Win them back with something relevant."
            }
            (AboutToSleep, Lang::Zh) => {
                "最近程度偏低、购买少（R 3，F 1–2）。用相关的产品或优惠唤醒。"
            }
            (AtRisk, Lang::En) => {
                "Bought often, but long ago (R 1–2, F 3–4). Contact them personally."
            }
            (AtRisk, Lang::Zh) => "曾经常购买但已很久没买（R 1–2，F 3–4）。安排专人联系。",
            (CantLose, Lang::En) => {
                "Were among the most frequent buyers and have not come back (R 1–2, F 5). Win them back at once."
            }
            (CantLose, Lang::Zh) => "曾是最频繁的买家但已很久未回（R 1–2，F 5）。立即挽回。",
            (Hibernating, Lang::En) => {
                "Last bought long ago, rarely (R 1–2, F 1–2, except R 1 F 1)."
            }
            (Hibernating, Lang::Zh) => "很久以前买过、次数少（R 1–2，F 1–2，R 1 F 1 除外）。",
            (Lost, Lang::En) => "Lowest recency and frequency (R 1, F 1).",
            (Lost, Lang::Zh) => "最近程度和频率都最低（R 1，F 1）。",
        }
    }
}

impl Importance {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        let lang = Lang::of(t);
        match (self, lang) {
            (Importance::Vip, Lang::En) => "VIP",
            (Importance::Vip, Lang::Zh) => "贵宾型",
            (Importance::Important, Lang::En) => "Important",
            (Importance::Important, Lang::Zh) => "重要型",
            (Importance::Ordinary, Lang::En) => "Ordinary",
            (Importance::Ordinary, Lang::Zh) => "普通型",
        }
    }
}

impl LoyaltyStage {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        let lang = Lang::of(t);
        match (self, lang) {
            (LoyaltyStage::Prospect, Lang::En) => "Prospect",
            (LoyaltyStage::Prospect, Lang::Zh) => "潜在客户",
            (LoyaltyStage::New, Lang::En) => "New",
            (LoyaltyStage::New, Lang::Zh) => "新客户",
            (LoyaltyStage::Regular, Lang::En) => "Regular",
            (LoyaltyStage::Regular, Lang::Zh) => "常客户",
            (LoyaltyStage::Old, Lang::En) => "Old",
            (LoyaltyStage::Old, Lang::Zh) => "老客户",
            (LoyaltyStage::Loyal, Lang::En) => "Loyal",
            (LoyaltyStage::Loyal, Lang::Zh) => "忠诚客户",
        }
    }
}

impl LifecycleStage {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        let lang = Lang::of(t);
        match (self, lang) {
            (LifecycleStage::Exploration, Lang::En) => "Exploration",
            (LifecycleStage::Exploration, Lang::Zh) => "考察期",
            (LifecycleStage::Formation, Lang::En) => "Formation",
            (LifecycleStage::Formation, Lang::Zh) => "形成期",
            (LifecycleStage::Stability, Lang::En) => "Stability",
            (LifecycleStage::Stability, Lang::Zh) => "稳定期",
            (LifecycleStage::Decline, Lang::En) => "Decline",
            (LifecycleStage::Decline, Lang::Zh) => "退化期",
        }
    }
}

impl Quadrant {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        let lang = Lang::of(t);
        match (self, lang) {
            (Quadrant::Platinum, Lang::En) => "Platinum",
            (Quadrant::Platinum, Lang::Zh) => "铂金客户",
            (Quadrant::Gold, Lang::En) => "Gold",
            (Quadrant::Gold, Lang::Zh) => "黄金客户",
            (Quadrant::Iron, Lang::En) => "Iron",
            (Quadrant::Iron, Lang::Zh) => "铁质客户",
            (Quadrant::Lead, Lang::En) => "Lead",
            (Quadrant::Lead, Lang::Zh) => "铅质客户",
        }
    }

    /// The strategy for the quadrant (seed 002), with its resource level.
    pub fn strategy(self, t: &Texts) -> &'static str {
        let lang = Lang::of(t);
        match (self, lang) {
            (Quadrant::Platinum, Lang::En) => {
                "Top priority: grow the relationship by all means (most resources)."
            }
            (Quadrant::Platinum, Lang::Zh) => "重中之重：全力发展关系（投入最多资源）。",
            (Quadrant::Gold, Lang::En) => "Invest heavily to keep the relationship at its level.",
            (Quadrant::Gold, Lang::Zh) => "重点投入，保持现有关系水平。",
            (Quadrant::Iron, Lang::En) => "Invest moderately to rebuild the relationship.",
            (Quadrant::Iron, Lang::Zh) => "适当投入，再造关系。",
            (Quadrant::Lead, Lang::En) => "Invest nothing; let the relationship end.",
            (Quadrant::Lead, Lang::Zh) => "不投入资源，可终止关系。",
        }
    }
}

impl ValueBasis {
    /// Display name.
    pub fn label(self, t: &Texts) -> &'static str {
        let lang = Lang::of(t);
        match (self, lang) {
            (ValueBasis::Revenue, Lang::En) => "Revenue",
            (ValueBasis::Revenue, Lang::Zh) => "销售额",
            (ValueBasis::Margin, Lang::En) => "Gross margin",
            (ValueBasis::Margin, Lang::Zh) => "毛利",
        }
    }
}

impl Attribute {
    /// Display name in the filter builder.
    pub fn label(self, t: &Texts) -> &'static str {
        let lang = Lang::of(t);
        use Attribute::*;
        match (self, lang) {
            (Kind, Lang::En) => "Kind",
            (Kind, Lang::Zh) => "客户类型",
            (Region, Lang::En) => "Region contains",
            (Region, Lang::Zh) => "地区包含",
            (Owner, Lang::En) => "Owner",
            (Owner, Lang::Zh) => "负责人",
            (Tag, Lang::En) => "Tag",
            (Tag, Lang::Zh) => "标签",
            (RfmSegment, Lang::En) => "RFM segment",
            (RfmSegment, Lang::Zh) => "RFM 分群",
            (RecencyScore, Lang::En) => "Recency score (R)",
            (RecencyScore, Lang::Zh) => "最近购买得分（R）",
            (FrequencyScore, Lang::En) => "Frequency score (F)",
            (FrequencyScore, Lang::Zh) => "购买频率得分（F）",
            (MonetaryScore, Lang::En) => "Monetary score (M)",
            (MonetaryScore, Lang::Zh) => "购买金额得分（M）",
            (Importance, Lang::En) => "Importance",
            (Importance, Lang::Zh) => "重要程度",
            (Loyalty, Lang::En) => "Loyalty stage",
            (Loyalty, Lang::Zh) => "忠诚阶段",
            (Lifecycle, Lang::En) => "Lifecycle stage",
            (Lifecycle, Lang::Zh) => "生命周期",
            (Quadrant, Lang::En) => "Value quadrant",
            (Quadrant, Lang::Zh) => "价值象限",
            (PAlive, Lang::En) => "Probability active (%)",
            (PAlive, Lang::Zh) => "仍活跃概率（%）",
            (LifetimeValue, Lang::En) => "Lifetime value (¥)",
            (LifetimeValue, Lang::Zh) => "客户终身价值（¥）",
            (DaysSinceLastPurchase, Lang::En) => "Days since last purchase",
            (DaysSinceLastPurchase, Lang::Zh) => "距上次购买天数",
            (Revenue, Lang::En) => "Lifetime revenue (¥)",
            (Revenue, Lang::Zh) => "累计购买金额（¥）",
            (DoNotContact, Lang::En) => "Do not contact",
            (DoNotContact, Lang::Zh) => "勿扰",
            (OpenComplaint, Lang::En) => "Open complaint",
            (OpenComplaint, Lang::Zh) => "投诉未结",
            (OpenQuote, Lang::En) => "Open quote",
            (OpenQuote, Lang::Zh) => "有未结报价",
            (QuotedAmount, Lang::En) => "Open quotes' amount (¥, before tax)",
            (QuotedAmount, Lang::Zh) => "未结报价金额（¥，不含税）",
        }
    }
}

/// Why the customer has its RFM scores and segment.
pub fn rfm(r: &Rfm, c: &RfmCutoffs, lang: Lang) -> String {
    let segment = r.segment.label(lang.texts());
    match lang {
        Lang::En => format!(
            "Last purchase {} days ago: R {} (boundaries {} / {} / {} / {} days). {} purchase days: F {} \
             (boundaries {} / {} / {} / {}). {} in all: M {}. R {} with F {} is the “{}” cell of the RFM grid.",
            r.recency_days,
            r.r,
            c.recency[0],
            c.recency[1],
            c.recency[2],
            c.recency[3],
            r.frequency,
            r.f,
            c.frequency[0],
            c.frequency[1],
            c.frequency[2],
            c.frequency[3],
            yuan(r.monetary, lang),
            r.m,
            r.r,
            r.f,
            segment
        ),
        Lang::Zh => format!(
            "上次购买在 {} 天前：R {}（分界 {} / {} / {} / {} 天）。共 {} 个购买日：F {}（分界 {} / {} / {} / {}）。\
             累计 {}：M {}。R {}、F {} 落在 RFM 网格的“{}”。",
            r.recency_days,
            r.r,
            c.recency[0],
            c.recency[1],
            c.recency[2],
            c.recency[3],
            r.frequency,
            r.f,
            c.frequency[0],
            c.frequency[1],
            c.frequency[2],
            c.frequency[3],
            yuan(r.monetary, lang),
            r.m,
            r.r,
            r.f,
            segment
        ),
    }
}

/// Why the customer has its importance.
pub fn importance(
    f: &ImportanceFacts,
    basis: ValueBasis,
    period_days: u32,
    vip: f64,
    important: f64,
    lang: Lang,
) -> String {
    let before = f.cumulative - f.share;
    let basis = basis.label(lang.texts());
    if f.share <= 0.0 {
        return match lang {
            Lang::En => format!(
                "No {} in the last {period_days} days: ordinary.",
                basis.to_lowercase()
            ),
            Lang::Zh => format!("近 {period_days} 天没有{basis}：普通型。"),
        };
    }
    match lang {
        Lang::En => format!(
            "{} {} in the last {period_days} days, {} of all customers' — rank {}. Customers ranked above make {}; \
             VIP while that is under {}, important under {}: {}.",
            yuan(f.value, lang),
            basis.to_lowercase(),
            pct(f.share),
            f.rank,
            pct(before),
            pct(vip),
            pct(important),
            f.class.label(lang.texts())
        ),
        Lang::Zh => format!(
            "近 {period_days} 天{basis} {}，占全部客户的 {}，排名第 {}。排在前面的客户合计占 {}；\
             低于 {} 为贵宾型、低于 {} 为重要型：{}。",
            yuan(f.value, lang),
            pct(f.share),
            f.rank,
            pct(before),
            pct(vip),
            pct(important),
            f.class.label(lang.texts())
        ),
    }
}

/// Why the customer is on its loyalty rung.
pub fn loyalty(
    f: &LoyaltyFacts,
    rules: &crate::domain::analysis::config::LoyaltyRules,
    lang: Lang,
) -> String {
    let tenure = f.tenure_days.unwrap_or(0);
    match (f.stage, lang) {
        (LoyaltyStage::Prospect, Lang::En) => "No purchase yet.".into(),
        (LoyaltyStage::Prospect, Lang::Zh) => "尚未购买。".into(),
        (LoyaltyStage::New, Lang::En) => format!(
            "First purchase {tenure} days ago, {} purchase days: new until {} days have passed and at least {} purchase days.",
            f.purchase_days, rules.new_days, rules.regular_min_days
        ),
        (LoyaltyStage::New, Lang::Zh) => format!(
            "首次购买在 {tenure} 天前，共 {} 个购买日：满 {} 天且至少 {} 个购买日前都算新客户。",
            f.purchase_days, rules.new_days, rules.regular_min_days
        ),
        (LoyaltyStage::Regular, Lang::En) => format!(
            "{} purchase days over {tenure} days: a repeat buyer, not yet {} days long.",
            f.purchase_days, rules.old_days
        ),
        (LoyaltyStage::Regular, Lang::Zh) => format!(
            "{tenure} 天内 {} 个购买日：重复购买，关系尚未满 {} 天。",
            f.purchase_days, rules.old_days
        ),
        (LoyaltyStage::Old, Lang::En) => format!(
            "A {tenure}-day relationship, but {} purchase days in the last year (loyal needs {}).",
            f.days_last_year, rules.loyal_days_last_year
        ),
        (LoyaltyStage::Old, Lang::Zh) => format!(
            "关系已 {tenure} 天，但近一年只有 {} 个购买日（忠诚需 {} 个）。",
            f.days_last_year, rules.loyal_days_last_year
        ),
        (LoyaltyStage::Loyal, Lang::En) => format!(
            "A {tenure}-day relationship with {} purchase days in the last year (at least {}).",
            f.days_last_year, rules.loyal_days_last_year
        ),
        (LoyaltyStage::Loyal, Lang::Zh) => format!(
            "关系已 {tenure} 天，近一年 {} 个购买日（至少 {} 个）。",
            f.days_last_year, rules.loyal_days_last_year
        ),
    }
}

/// Why the relationship is in its lifecycle stage.
pub fn lifecycle(
    f: &LifecycleFacts,
    rules: &crate::domain::analysis::config::LifecycleRules,
    lang: Lang,
) -> String {
    let w = rules.window_days;
    let figures = match lang {
        Lang::En => format!(
            "{} purchase days in the last {w} days, {} in the {w} before",
            f.recent, f.previous
        ),
        Lang::Zh => format!(
            "近 {w} 天 {} 个购买日，之前 {w} 天 {} 个",
            f.recent, f.previous
        ),
    };
    match (f.stage, lang) {
        (LifecycleStage::Exploration, Lang::En) => {
            format!("{} purchase day(s) in all: still trying us out.", f.total)
        }
        (LifecycleStage::Exploration, Lang::Zh) => format!("共 {} 个购买日：仍在考察。", f.total),
        (LifecycleStage::Formation, Lang::En) => {
            format!("{figures}: rising by more than ×{}.", rules.rise_ratio)
        }
        (LifecycleStage::Formation, Lang::Zh) => {
            format!("{figures}：增长超过 ×{}。", rules.rise_ratio)
        }
        (LifecycleStage::Stability, Lang::En) => format!("{figures}: a plateau."),
        (LifecycleStage::Stability, Lang::Zh) => format!("{figures}：处于平台期。"),
        (LifecycleStage::Decline, Lang::En) => {
            format!("{figures}: falling below ×{} or stopped.", rules.fall_ratio)
        }
        (LifecycleStage::Decline, Lang::Zh) => {
            format!("{figures}：降到 ×{} 以下或已停止。", rules.fall_ratio)
        }
    }
}

/// The prediction in words.
pub fn prediction(
    p: &Prediction,
    horizon_weeks: u32,
    discount: f64,
    spend_model: bool,
    lang: Lang,
) -> String {
    let spend_source = match (spend_model, lang) {
        (true, Lang::En) => "Gamma-Gamma estimate",
        (true, Lang::Zh) => "Gamma-Gamma 估计",
        (false, Lang::En) => "own average",
        (false, Lang::Zh) => "自身平均",
    };
    match lang {
        Lang::En => format!(
            "BG/NBD: {} repeat purchase days, the last {:.1} weeks after the first, {:.1} weeks of history: {} likely still \
             active; {:.2} purchase days expected in the next {horizon_weeks} weeks at {} each ({spend_source}); \
             lifetime value {} discounted at {} a year.",
            p.x,
            p.t_x,
            p.t,
            pct(p.p_alive),
            p.expected_purchases,
            yuan(p.expected_spend, lang),
            yuan(p.clv, lang),
            pct(discount)
        ),
        Lang::Zh => format!(
            "BG/NBD：{} 个重复购买日，最后一次在首次之后 {:.1} 周，历史 {:.1} 周：仍活跃的概率 {}；\
             未来 {horizon_weeks} 周预计 {:.2} 个购买日，每次约 {}（{spend_source}）；按年折现率 {} 计，终身价值 {}。",
            p.x,
            p.t_x,
            p.t,
            pct(p.p_alive),
            p.expected_purchases,
            yuan(p.expected_spend, lang),
            pct(discount),
            yuan(p.clv, lang)
        ),
    }
}

/// Why the customer is in its value quadrant.
pub fn quadrant(f: &QuadrantFacts, basis: ValueBasis, lang: Lang) -> String {
    let basis = basis.label(lang.texts());
    let high_value = f.current > 0.0 && f.current >= f.value_cut;
    match lang {
        Lang::En => format!(
            "{} {} in the last period ({} the high-value line of {}); {} predicted for as long ahead ({} growth): {}. {}",
            yuan(f.current, lang),
            basis.to_lowercase(),
            if high_value { "at or above" } else { "below" },
            yuan(f.value_cut, lang),
            yuan(f.ahead, lang),
            if f.class == Quadrant::Platinum || f.class == Quadrant::Iron {
                "high"
            } else {
                "low"
            },
            f.class.label(lang.texts()),
            f.class.strategy(lang.texts())
        ),
        Lang::Zh => format!(
            "上一周期{basis} {}（{}高价值线 {}）；预测未来同样长时间 {}（增长潜力{}）：{}。{}",
            yuan(f.current, lang),
            if high_value { "达到" } else { "低于" },
            yuan(f.value_cut, lang),
            yuan(f.ahead, lang),
            if f.class == Quadrant::Platinum || f.class == Quadrant::Iron {
                "高"
            } else {
                "低"
            },
            f.class.label(lang.texts()),
            f.class.strategy(lang.texts())
        ),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn compact_yuan_by_hand() {
        use super::yuan_compact;
        let zh = |v| yuan_compact(v, Lang::Zh);
        let en = |v| yuan_compact(v, Lang::En);
        // Below 100,000: the whole amount.
        assert_eq!(zh(99_999.0), "¥99,999");
        assert_eq!(en(2_143.0), "CN¥2,143");
        // 1,245,577,196 = 12.455… 亿 = 1.245… billion.
        assert_eq!(zh(1_245_577_196.0), "¥12.5亿");
        assert_eq!(en(1_245_577_196.0), "CN¥1.2B");
        // 238,438,767 = 2.384… 亿 = 238.4… million.
        assert_eq!(zh(238_438_767.0), "¥2.4亿");
        assert_eq!(en(238_438_767.0), "CN¥238.4M");
        // 5,700,409,405: 57.004… 亿, a whole number at one decimal.
        assert_eq!(zh(5_700_409_405.0), "¥57亿");
        // 394,779 = 39.47… 万 = 394.8 thousand.
        assert_eq!(zh(394_779.0), "¥39.5万");
        assert_eq!(en(394_779.0), "CN¥394.8K");
        // Just under a unit rounds up to it, not to 10,000 of the smaller one.
        assert_eq!(zh(99_999_999.0), "¥1亿");
        assert_eq!(en(999_990.0), "CN¥1M");
    }

    use super::*;
    use crate::domain::analysis::config::{LifecycleRules, LoyaltyRules};
    use crate::domain::i18n::{EN, ZH};

    #[test]
    fn every_class_has_both_languages() {
        for s in RfmSegment::ALL {
            assert_ne!(s.label((Lang::En).texts()), s.label((Lang::Zh).texts()));
            assert!(!s.definition(&ZH).is_ascii());
        }
        for q in Quadrant::ALL {
            assert!(!q.strategy(&ZH).is_ascii() && q.strategy(&EN).is_ascii());
        }
        for a in Attribute::ALL {
            assert!(!a.label((Lang::Zh).texts()).is_ascii());
        }
    }

    #[test]
    fn explanations_carry_the_figures() {
        let f = ImportanceFacts {
            class: Importance::Vip,
            value: 12_000.0,
            share: 0.031,
            cumulative: 0.784 + 0.031,
            rank: 12,
        };
        let en = importance(&f, ValueBasis::Revenue, 365, 0.8, 0.95, Lang::En);
        assert!(
            en.contains("3.1%")
                && en.contains("rank 12")
                && en.contains("78.4%")
                && en.contains("VIP"),
            "{en}"
        );
        let zh = importance(&f, ValueBasis::Margin, 365, 0.8, 0.95, Lang::Zh);
        assert!(
            zh.contains("毛利") && zh.contains("第 12") && zh.contains("贵宾型"),
            "{zh}"
        );
        let l = LoyaltyFacts {
            stage: LoyaltyStage::Old,
            purchase_days: 9,
            tenure_days: Some(900),
            days_last_year: 2,
        };
        assert!(loyalty(&l, &LoyaltyRules::default(), Lang::Zh).contains("近一年只有 2 个购买日"));
        let c = LifecycleFacts {
            stage: LifecycleStage::Decline,
            recent: 1,
            previous: 4,
            total: 9,
        };
        assert!(
            lifecycle(&c, &LifecycleRules::default(), Lang::En)
                .contains("1 purchase days in the last 180 days, 4 in the 180 before")
        );
        assert_eq!(yuan(1234.5, Lang::Zh), "¥1,235");
    }
}
