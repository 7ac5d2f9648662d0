//! Reading spreadsheet values in the forms' terms: dates and times as spreadsheets write
//! them, parties, channels, currencies inside amounts.

use crate::domain::customer::Party;
use crate::domain::import::RowProblem;
use crate::domain::interaction::Channel;
use crate::domain::lead::LeadSource;
use crate::domain::money::Currency;

use super::matching::*;

/// A date as spreadsheets write it, in the form the forms read: `2024年3月5日`, `20240305`,
/// `2024/3/5 14:30:00` (the time is dropped) → `2024-3-5`.
pub fn date(text: &str) -> String {
    let text = text.trim();
    let day = text.split([' ', 'T']).next().unwrap_or("");
    if day.len() == 8 && day.bytes().all(|b| b.is_ascii_digit()) {
        return format!("{}-{}-{}", &day[..4], &day[4..6], &day[6..]);
    }
    day.replace(['年', '月'], "-").replace('日', "")
}

/// A date and time, in the form `<input type="datetime-local">` gives: `2024/3/5 9:30` →
/// `2024-3-5T09:30`. A date alone is taken as midday, which no time zone moves to another day.
pub fn when(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return String::new();
    }
    let day = date(text);
    let time = text
        .split_once([' ', 'T'])
        .map(|(_, t)| t.trim())
        .filter(|t| !t.is_empty());
    let Some(time) = time else {
        return format!("{day}T12:00");
    };
    let mut parts = time.split([':', '：']);
    let hour = parts.next().unwrap_or("");
    let minute = parts.next().unwrap_or("00");
    if hour.is_empty() || hour.len() > 2 || minute.len() != 2 {
        // Leave it for the check to refuse, with the value as written.
        return format!("{day}T{time}");
    }
    format!("{day}T{hour:0>2}:{minute}")
}

/// Organisation or person, from 单位 / 个人 and their English words; `None` when empty.
pub(super) fn parse_party(text: &str) -> Result<Option<Party>, RowProblem> {
    match fold(text).as_str() {
        "" => Ok(None),
        "个人" | "个人客户" | "自然人" | "individual" | "person" | "personal" | "private" => {
            Ok(Some(Party::Individual))
        }
        "单位" | "单位客户" | "企业" | "企业客户" | "公司" | "机构" | "组织" | "organisation"
        | "organization" | "company" | "business" => Ok(Some(Party::Organisation)),
        _ => Err(RowProblem::UnknownParty(text.trim().to_string())),
    }
}

/// A lead's source from its key, its Chinese or English label or a common synonym; `None`
/// when empty.
pub(super) fn parse_source(text: &str) -> Result<Option<LeadSource>, RowProblem> {
    use LeadSource as S;
    let key = fold(text).replace([' ', '-', '_', '/'], "");
    Ok(Some(match key.as_str() {
        "" => return Ok(None),
        "展会" | "展览会" | "会展" | "博览会" | "tradeshow" | "exhibition" | "expo" | "fair" => {
            S::TradeShow
        }
        "转介绍" | "介绍" | "推荐" | "老客户介绍" | "referral" | "referred" => {
            S::Referral
        }
        "网站" | "官网" | "网络" | "website" | "web" | "online" => S::Website,
        "网站询盘" | "询盘" | "在线咨询" | "网站咨询" | "webinquiry" | "inquiry" | "enquiry" => {
            S::WebInquiry
        }
        "营销活动" | "市场活动" | "活动" | "campaign" | "marketing" => S::Campaign,
        "陌生拜访" | "陌拜" | "电话" | "陌生电话" | "电话营销" | "陌生拜访电话" | "coldcall"
        | "telemarketing" | "call" => S::ColdCall,
        "广告" | "advertising" | "advert" | "ad" | "ads" => S::Advertising,
        "其他" | "其它" | "other" => S::Other,
        _ => return Err(RowProblem::UnknownSource(text.trim().to_string())),
    }))
}

/// Whether a product is offered, from 是/否, 在售/停售, yes/no and the like; `None` when
/// empty.
pub(super) fn parse_active(text: &str) -> Result<Option<bool>, RowProblem> {
    Ok(Some(match fold(text).as_str() {
        "" => return Ok(None),
        "是" | "启用" | "在售" | "有效" | "正常" | "上架" | "1" | "y" | "yes" | "true"
        | "active" | "enabled" | "on" => true,
        "否" | "停用" | "停售" | "无效" | "禁用" | "下架" | "0" | "n" | "no" | "false"
        | "inactive" | "disabled" | "off" => false,
        _ => return Err(RowProblem::UnknownActive(text.trim().to_string())),
    }))
}

/// A way of contact from its Chinese or English name; an empty cell is a note.
pub(super) fn parse_channel(text: &str) -> Result<Channel, RowProblem> {
    Ok(match fold(text).as_str() {
        "" | "备注" | "笔记" | "其他" | "note" | "other" => Channel::Note,
        "电话" | "致电" | "来电" | "去电" | "通话" | "call" | "phone" | "phonecall" => {
            Channel::Call
        }
        "拜访" | "上门" | "上门拜访" | "面访" | "走访" | "visit" => Channel::Visit,
        "邮件" | "电子邮件" | "邮箱" | "email" | "e-mail" | "mail" => Channel::Email,
        "微信" | "wechat" | "weixin" => Channel::WeChat,
        "会议" | "开会" | "视频会议" | "meeting" => Channel::Meeting,
        "活动" | "展会" | "会展" | "event" => Channel::Event,
        _ => return Err(RowProblem::UnknownChannel(text.trim().to_string())),
    })
}

/// A currency from its code, symbol or Chinese name; `None` when empty.
pub(super) fn parse_currency(text: &str) -> Result<Option<Currency>, RowProblem> {
    let t = fold(text);
    if t.is_empty() {
        return Ok(None);
    }
    if let Some(c) = Currency::ALL
        .into_iter()
        .find(|c| c.code().eq_ignore_ascii_case(&t))
    {
        return Ok(Some(c));
    }
    Ok(Some(match t.as_str() {
        "人民币" | "元" | "rmb" | "¥" | "￥" => Currency::Cny,
        "美元" | "美金" | "$" | "us$" => Currency::Usd,
        "欧元" | "€" => Currency::Eur,
        "港币" | "港元" | "hk$" => Currency::Hkd,
        "日元" | "円" => Currency::Jpy,
        "英镑" | "£" => Currency::Gbp,
        _ => return Err(RowProblem::UnknownCurrency(text.trim().to_string())),
    }))
}

/// An amount without a lettered currency prefix (`HK$80` → `$80`; the number reader drops
/// the symbols itself).
pub(super) fn without_currency_prefix(amount: &str) -> &str {
    let a = amount.trim();
    for prefix in ["HK", "hk", "Hk", "US", "us", "Us"] {
        if let Some(rest) = a.strip_prefix(prefix)
            && rest.starts_with('$')
        {
            return rest;
        }
    }
    a
}

/// The currency an amount's own sign names (`$120`, `€5`, `HK$80`), if any.
pub(super) fn currency_in_amount(amount: &str) -> Option<Currency> {
    let a = amount.trim().to_lowercase();
    if a.starts_with("hk$") {
        Some(Currency::Hkd)
    } else if a.starts_with('$') || a.starts_with("us$") {
        Some(Currency::Usd)
    } else if a.starts_with('€') {
        Some(Currency::Eur)
    } else if a.starts_with('£') {
        Some(Currency::Gbp)
    } else {
        None
    }
}
