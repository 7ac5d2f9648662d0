//! Two edits of one record, in words: the conflict panel's messages, and each field's name
//! and value as a user reads them (see `domain::conflict`).

use super::{Lang, Texts};
use crate::domain::complaint::{Category, Severity, Status};
use crate::domain::contact::BuyingRole;
use crate::domain::customer::{
    ContactChannel, CustomerKind, Party, PaymentAbility, Source, SupplierRank, Trend,
};
use crate::domain::interaction::Channel;
use crate::domain::money::{Money, format_minor};
use crate::domain::time::Timestamp;
use serde::Serialize;
use serde_json::Value;

super::feature_texts! { $ conflict_texts;
    strings {
        conflict_title = "Changed elsewhere since you opened it", "打开之后，此记录已在别处被修改";
        conflict_intro = "Nothing was overwritten. Choose field by field which value to keep, then save.", "没有覆盖任何内容。请逐项选择保留哪个值，然后保存。";
        conflict_col_field = "Field", "字段";
        conflict_col_yours = "Yours (this form)", "您的（本表单）";
        conflict_col_theirs = "Saved elsewhere", "别处保存的";
        conflict_both = "changed on both sides", "双方都改了";
        conflict_keep_mine = "Keep mine", "保留我的";
        conflict_take_theirs = "Take theirs", "采用别处的";
        conflict_all_mine = "Keep all mine", "全部保留我的";
        conflict_all_theirs = "Take all theirs", "全部采用别处的";
        conflict_save = "Save the chosen values", "保存所选内容";
        conflict_discard = "Discard my changes", "放弃我的修改";
        conflict_deleted = "This record was deleted elsewhere after you opened it. Nothing was written.", "打开之后，此记录已在别处被删除。没有写入任何内容。";
        conflict_save_as_new = "Save mine as a new record", "将我的内容另存为新记录";
        conflict_changed_banner = "This record was just changed in another tab. If you save, you will see what differs and choose what to keep.", "此记录刚在另一个标签页中被修改。保存时会列出不同之处，由您选择保留哪些。";
        conflict_same = "The other change made the same values as yours: saving keeps them.", "别处的修改与您的内容相同：保存即可。";
        err_conflict = "This record was changed elsewhere since you opened it; nothing was overwritten. Reopen it to see the change.", "打开之后，此记录已在别处被修改，没有覆盖任何内容。请重新打开查看修改。";
    }
    formats {
        conflict_when(when: String, theirs: u32, base: u32) = format!("Saved elsewhere at {when} (revision {theirs}; you opened revision {base})."), format!("别处于 {when} 保存（第 {theirs} 版；您打开的是第 {base} 版）。");
    }
}

/// Every field name a conflict can show: `(key, English, Chinese)`, in the order the forms
/// show them. Keys are fields as serialised, top-level and nested.
const FIELD_NAMES: &[(&str, &str, &str)] = &[
    ("party", "Customer is", "客户类型"),
    ("kind", "Customer kind", "客户类别"),
    ("name", "Name", "名称"),
    ("title", "Job title", "职务"),
    ("role", "Buying role", "采购角色"),
    ("company", "Company", "公司"),
    ("industry", "Industry", "行业"),
    ("region", "Region", "地区"),
    ("address", "Address", "地址"),
    ("phones", "Phones", "电话"),
    ("emails", "E-mails", "邮箱"),
    ("wechat", "WeChat", "微信"),
    ("owner_id", "Owner", "负责人"),
    ("tags", "Tags", "标签"),
    ("source", "Source", "来源"),
    ("business", "Business", "经营情况"),
    ("main_products", "Main products", "主营产品"),
    ("scale", "Scale", "规模"),
    ("trend", "Trend", "趋势"),
    ("payment_ability", "Ability to pay", "付款能力"),
    ("sales_policy", "Sales policy", "销售方针"),
    ("position", "Our position", "我方地位"),
    ("rank", "Our rank as supplier", "供应商地位"),
    ("share_of_wallet", "Share of wallet", "采购份额"),
    ("competitors", "Competitors", "竞争对手"),
    ("share_percent", "Share", "份额"),
    ("credit_limit", "Credit limit", "信用限度额"),
    ("do_not_contact", "Do not contact", "勿扰"),
    ("channels", "Channels", "渠道"),
    ("since", "Since", "起始"),
    ("external_id", "External ID", "外部编号"),
    ("at", "When", "时间"),
    ("received_at", "Received", "受理时间"),
    ("date", "Date", "日期"),
    ("channel", "Channel", "方式"),
    ("member_id", "Team member", "我方人员"),
    ("contact_id", "Contact person", "联系人"),
    ("summary", "Summary", "内容"),
    ("commitment", "Commitment", "承诺"),
    ("text", "Text", "内容"),
    ("due", "Due", "期限"),
    ("done_at", "Done", "完成时间"),
    ("amount", "Amount", "金额"),
    ("quantity", "Quantity", "数量"),
    ("product", "Product", "产品"),
    ("order", "Order no.", "订单号"),
    ("margin", "Margin", "毛利"),
    ("discounted", "At a discount", "折扣价"),
    ("category", "Category", "类别"),
    ("severity", "Severity", "严重程度"),
    ("description", "Description", "描述"),
    ("status", "Status", "状态"),
    ("acknowledged_at", "Acknowledged", "受理确认时间"),
    ("resolved_at", "Resolved", "解决时间"),
    ("resolution", "Resolution", "解决方案"),
    ("first_contact", "Solved at first contact", "首次接触即解决"),
    ("confirmed_at", "Confirmed by the customer", "客户确认时间"),
    ("closed_at", "Closed", "关闭时间"),
    ("escalation", "Escalation", "升级"),
    ("reason", "Reason", "原因"),
    ("follow_ups", "Follow-ups", "跟进记录"),
    ("compensation", "Compensation", "补偿"),
    ("offer", "Offer", "补偿方案"),
    ("accepted", "Accepted", "已接受"),
    ("survey_id", "Survey", "问卷"),
    ("answers", "Answers", "各项评分"),
    ("item", "Item", "项目"),
    ("perception", "Satisfaction", "满意度"),
    ("expectation", "Expectation", "期望"),
    ("recommend", "Would recommend (0–10)", "推荐意愿（0–10）"),
    ("competitor", "Competitor's scores", "竞争对手评分"),
    ("scores", "Scores", "评分"),
    ("note", "Note", "备注"),
    ("notes", "Notes", "备注"),
];

/// The order conflicts list fields in (the forms' order).
pub fn field_order() -> Vec<&'static str> {
    FIELD_NAMES.iter().map(|(k, _, _)| *k).collect()
}

/// A field's name in the language of `t` (the key itself for a field without one).
pub fn field_name(key: &str, t: &Texts) -> String {
    FIELD_NAMES
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, zh)| match Lang::of(t) {
            Lang::En => en.to_string(),
            Lang::Zh => zh.to_string(),
        })
        .unwrap_or_else(|| key.to_string())
}

/// Whether `key` has a name of its own.
pub fn has_field_name(key: &str) -> bool {
    FIELD_NAMES.iter().any(|(k, _, _)| *k == key)
}

/// What a value refers to that only the app knows: team members' and contacts' names, and
/// the local time of a timestamp.
pub struct Lookup<'a> {
    /// The name of the record with this id (a team member, a contact, a survey).
    pub name: &'a dyn Fn(&str) -> Option<String>,
    /// A timestamp as local date and time.
    pub time: &'a dyn Fn(Timestamp) -> String,
}

/// The label of `variant` (a unit variant as serialised) among `all`.
fn variant<E: Serialize + Copy>(
    all: &[E],
    variant: &str,
    label: impl Fn(E) -> &'static str,
) -> Option<&'static str> {
    all.iter()
        .copied()
        .find(|e| {
            serde_json::to_value(e)
                .ok()
                .as_ref()
                .and_then(Value::as_str)
                == Some(variant)
        })
        .map(label)
}

/// The display name of an enum value of field `key`.
fn enum_label(key: &str, v: &str, t: &Texts) -> Option<&'static str> {
    match key {
        "party" => variant(&[Party::Organisation, Party::Individual], v, |e| e.label(t)),
        "kind" => variant(&CustomerKind::ALL, v, |e| e.label(t)),
        "source" => variant(&Source::ALL, v, |e| e.label(t)),
        "trend" => variant(&Trend::ALL, v, |e| e.label(t)),
        "payment_ability" => variant(&PaymentAbility::ALL, v, |e| e.label(t)),
        "rank" => variant(&SupplierRank::ALL, v, |e| e.label(t)),
        "channels" => variant(&ContactChannel::ALL, v, |e| e.label(t)),
        "role" => variant(&BuyingRole::ALL, v, |e| e.label(t)),
        // Interactions and complaints share their channels.
        "channel" => variant(&Channel::ALL, v, |e| e.label(t)),
        "category" => variant(&Category::ALL, v, |e| e.label(t)),
        "severity" => variant(&Severity::ALL, v, |e| e.label(t)),
        "status" => variant(&Status::ALL, v, |e| e.label(t)),
        _ => None,
    }
}

/// Fields holding a time (milliseconds since 1970).
fn is_time(key: &str) -> bool {
    key == "at" || key.ends_with("_at") || key == "due"
}

/// A field's value in words: names for ids, labels for choices, local times, amounts with
/// their currency, lists joined, nested fields as "name: value"; "—" for nothing.
pub fn field_text(key: &str, v: &Value, t: &Texts, lookup: &Lookup<'_>) -> String {
    let lang = Lang::of(t);
    let (list_sep, part_sep, name_sep) = match lang {
        Lang::Zh => ("、", "；", "："),
        Lang::En => (", ", "; ", ": "),
    };
    let dash = || "—".to_string();
    match v {
        Value::Null => dash(),
        Value::Bool(b) => (if *b { t.yes } else { t.no }).to_string(),
        Value::Number(n) if is_time(key) => n
            .as_i64()
            .map(|ms| (lookup.time)(Timestamp(ms)))
            .unwrap_or_else(|| n.to_string()),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.is_empty() => dash(),
        Value::String(s) if key.ends_with("_id") => (lookup.name)(s).unwrap_or_else(dash),
        Value::String(s) => enum_label(key, s, t)
            .map(str::to_string)
            .unwrap_or_else(|| s.clone()),
        Value::Array(items) if items.is_empty() => dash(),
        Value::Array(items) => {
            let sep = if items.iter().all(Value::is_object) {
                part_sep
            } else {
                list_sep
            };
            items
                .iter()
                .map(|i| field_text(key, i, t, lookup))
                .collect::<Vec<_>>()
                .join(sep)
        }
        Value::Object(fields) => {
            if let Ok(m) = serde_json::from_value::<Money>(v.clone()) {
                return format_minor(m.minor_units(), m.currency, lang);
            }
            let parts: Vec<String> = fields
                .iter()
                .filter(|(_, v)| !is_empty(v))
                .map(|(k, v)| {
                    format!(
                        "{}{name_sep}{}",
                        field_name(k, t),
                        field_text(k, v, t, lookup)
                    )
                })
                .collect();
            if parts.is_empty() {
                dash()
            } else {
                parts.join(part_sep)
            }
        }
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::i18n::{EN, ZH};
    use crate::domain::record::{KindVisitor, Record, RecordSet, for_each_kind};

    fn lookup_names(id: &str) -> Option<String> {
        (id == "m1").then(|| "王芳".to_string())
    }

    fn lookup_time(ts: Timestamp) -> String {
        format!("t{}", ts.0)
    }

    const LOOKUP: Lookup<'static> = Lookup {
        name: &lookup_names,
        time: &lookup_time,
    };

    #[test]
    fn values_read_as_words() {
        let zh = |k: &str, v: Value| field_text(k, &v, &ZH, &LOOKUP);
        let en = |k: &str, v: Value| field_text(k, &v, &EN, &LOOKUP);
        assert_eq!(zh("channel", serde_json::json!("Visit")), "拜访");
        assert_eq!(en("severity", serde_json::json!("Critical")), "Critical");
        assert_eq!(zh("owner_id", serde_json::json!("m1")), "王芳");
        assert_eq!(zh("owner_id", serde_json::json!("gone")), "—");
        assert_eq!(zh("updated_at", serde_json::json!(5)), "t5");
        assert_eq!(zh("phones", serde_json::json!(["1", "2"])), "1、2");
        assert_eq!(en("tags", serde_json::json!([])), "—");
        assert_eq!(en("discounted", serde_json::json!(true)), "Yes");
        assert_eq!(
            zh(
                "credit_limit",
                serde_json::json!({"amount": "365660", "currency": "Cny"})
            ),
            format_minor(36_566_000, crate::domain::money::Currency::Cny, Lang::Zh)
        );
        assert_eq!(
            zh(
                "do_not_contact",
                serde_json::json!({"channels": ["Phone", "Sms"], "since": "2024-12-30"})
            ),
            "渠道：电话、短信；起始：2024-12-30"
        );
        assert_eq!(
            en(
                "commitment",
                serde_json::json!({"text": "Call back", "due": null, "done_at": null})
            ),
            "Text: Call back"
        );
    }

    /// Every field of every record a form edits has a name in both languages, and its value
    /// reads as words (no braces, quotes or raw ids).
    #[test]
    fn every_edited_field_has_a_name_and_reads_as_words() {
        let config = crate::domain::sample::SampleConfig {
            seed: 5,
            customers: 60,
            today: chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            id_epoch_ms: 1_700_000_000_000,
            lang: Lang::Zh,
        };
        let mut set = RecordSet::default();
        for c in crate::domain::sample::Generator::new(config, crate::domain::sample::team(5)) {
            c.add_to(&mut set);
        }
        struct Check<'a>(&'a RecordSet, usize);
        impl KindVisitor for Check<'_> {
            fn visit<R: Record>(&mut self) {
                use crate::domain::record::RecordKind::*;
                if !matches!(
                    R::KIND,
                    Customer | Contact | Interaction | Purchase | Complaint | Response
                ) {
                    return;
                }
                let records = R::column(self.0);
                assert!(!records.is_empty(), "{:?}", R::KIND);
                for r in records.iter().take(200) {
                    let v = serde_json::to_value(r).unwrap();
                    for (key, value) in v.as_object().unwrap() {
                        if [
                            "id",
                            "customer_id",
                            "rev",
                            "created_at",
                            "updated_at",
                            "deleted_at",
                        ]
                        .contains(&key.as_str())
                        {
                            continue;
                        }
                        assert!(has_field_name(key), "{:?}.{key} has no name", R::KIND);
                        for t in [&EN, &ZH] {
                            let text = field_text(key, value, t, &LOOKUP);
                            assert!(
                                !text.contains(['{', '"', '[']) && !text.is_empty(),
                                "{:?}.{key}: {text}",
                                R::KIND
                            );
                            self.1 += 1;
                        }
                    }
                }
            }
        }
        let mut check = Check(&set, 0);
        for_each_kind(&mut check);
        assert!(check.1 > 1000, "{} values checked", check.1);
    }
}
