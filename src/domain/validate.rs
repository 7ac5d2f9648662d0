//! Validation rules shared by every form: names, e-mail addresses, phone numbers (Chinese
//! mobile, landline, service numbers and international), amounts and dates.
//!
//! A rule returns a [`Problem`]; a form collects [`FieldError`]s that name the field (and which
//! entry of a list, for phones and e-mails). The words shown to the user live in
//! `domain::i18n`, so every message exists in both languages.

use crate::domain::time::{Timestamp, parse_date, parse_datetime_local};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What is wrong with one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Problem {
    /// Nothing was entered where something is needed.
    Required,
    /// Longer than the field allows.
    TooLong {
        /// The limit, in characters.
        max: usize,
    },
    /// Contains control characters (tabs, line breaks where one line is expected, NUL...).
    ControlCharacters,
    /// Not a usable e-mail address.
    BadEmail,
    /// Not a phone number in any format we recognise.
    BadPhone,
    /// An 11-digit number that starts like a Chinese mobile but is not one.
    BadChineseMobile,
    /// Not a number.
    NotANumber,
    /// A negative amount where only zero or more makes sense.
    NegativeAmount,
    /// More digits after the decimal point than the currency has.
    TooManyDecimals {
        /// Digits allowed.
        max: u32,
    },
    /// Larger than any real value of the field.
    TooLarge,
    /// Not a real calendar date (2025-02-30) or not a date at all.
    BadDate,
    /// A date later than today where only the past makes sense.
    DateInFuture,
    /// A percentage outside 0–100.
    BadPercent,
    /// The gross margin exceeds the amount it is part of.
    MarginAboveAmount,
    /// The same value appears twice in a list.
    Duplicate,
    /// Not a WeChat id (6–20 letters, digits, _ or -, starting with a letter) or phone number.
    BadWeChat,
    /// A quantity of zero or less.
    NotPositive,
    /// A whole number outside the allowed range.
    OutOfRange {
        /// Lowest allowed.
        min: u8,
        /// Highest allowed.
        max: u8,
    },
    /// A number (decimals allowed) outside the allowed range.
    NumberBetween { min: i32, max: i32 },
    /// A survey response that answers nothing.
    NothingAnswered,
    /// A survey's kind or scale cannot change once it has responses.
    LockedByResponses,
    /// Neither a person's name nor an organisation: a lead needs one of them.
    NameOrCompany,
    /// An end date before the start date.
    EndBeforeStart,
    /// A price in another currency than the rest (a quote is in one currency).
    OtherCurrency,
    /// A product that is not on the price list (or no longer offered).
    UnknownProduct,
    /// Already used by another record (a product's code).
    Taken,
    /// Not a PNG, JPEG or SVG image.
    NotAnImage,
}

/// The fields a form can report on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Name,
    Company,
    Industry,
    Region,
    Address,
    Phone,
    Email,
    WeChat,
    Tags,
    Notes,
    CreditLimit,
    DoNotContactSince,
    Title,
    Summary,
    When,
    CommitmentText,
    CommitmentDue,
    Date,
    Amount,
    Quantity,
    Product,
    /// A purchase's order number.
    Order,
    Margin,
    SharePercent,
    Competitor,
    Text,
    Description,
    Resolution,
    Compensation,
    Action,
    /// A survey's questions.
    Questions,
    /// An item's importance weight.
    Weight,
    /// The 0–10 recommend answer.
    Recommend,
    /// An item's perception (satisfaction) rating.
    Perception,
    /// An item's expectation rating.
    Expectation,
    /// A competitor's rating on an item.
    CompetitorScore,
    /// The campaign or event a lead came from.
    Campaign,
    /// The customer a record is for (an opportunity's).
    Customer,
    /// An opportunity's expected close date.
    CloseDate,
    /// An opportunity's chance of winning, in percent.
    Probability,
    /// A product's code (SKU).
    Code,
    /// A name in English (beside the Chinese one).
    NameEn,
    /// A product's category.
    Category,
    /// The unit a product is sold in.
    Unit,
    /// A product's list price.
    ListPrice,
    /// A tax rate, in percent.
    TaxRate,
    /// What a unit costs the company.
    Cost,
    /// The price per unit on a quote line or in a price agreement.
    UnitPrice,
    /// A discount, in percent.
    Discount,
    /// The first day something is valid.
    ValidFrom,
    /// The last day something is valid.
    ValidUntil,
    /// The quote's lines.
    Lines,
    /// What and when the customer pays (付款条件).
    PaymentTerms,
    /// How many days a new quote stays valid.
    ValidDays,
    /// The company's logo on a printed quote.
    Logo,
}

/// A problem with one field (and, for list fields, which entry: 0-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field.
    pub field: Field,
    /// Which entry of a list field, if the field holds several values.
    pub index: Option<usize>,
    /// What is wrong.
    pub problem: Problem,
}

impl FieldError {
    /// A problem with a single-valued field.
    pub fn new(field: Field, problem: Problem) -> Self {
        FieldError {
            field,
            index: None,
            problem,
        }
    }

    /// A problem with entry `index` of a list field.
    pub fn at(field: Field, index: usize, problem: Problem) -> Self {
        FieldError {
            field,
            index: Some(index),
            problem,
        }
    }
}

/// Longest name, company or title accepted.
pub const MAX_NAME: usize = 200;
/// Longest single-line text (industry, region, tag, product...).
pub const MAX_LINE: usize = 200;
/// Longest multi-line text (notes, summaries).
pub const MAX_TEXT: usize = 20_000;

/// A required date as typed (`YYYY-MM-DD`, as `<input type="date">` gives it).
pub fn date(text: &str) -> Result<NaiveDate, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Problem::Required);
    }
    parse_date(text).ok_or(Problem::BadDate)
}

/// A required date that is not after `today`.
pub fn past_date(text: &str, today: NaiveDate) -> Result<NaiveDate, Problem> {
    let d = date(text)?;
    if d > today {
        Err(Problem::DateInFuture)
    } else {
        Ok(d)
    }
}

/// A required local date and time (`YYYY-MM-DDTHH:MM`, as `<input type="datetime-local">`
/// gives it) as an instant, given the local UTC offset; at most a day after `now`, to allow for
/// clocks and time zones.
pub fn past_instant(text: &str, offset_minutes: i32, now: Timestamp) -> Result<Timestamp, Problem> {
    if text.trim().is_empty() {
        return Err(Problem::Required);
    }
    let local = parse_datetime_local(text).ok_or(Problem::BadDate)?;
    let at = Timestamp::from_local(local, offset_minutes);
    if at.0 > now.0 + 86_400_000 {
        Err(Problem::DateInFuture)
    } else {
        Ok(at)
    }
}

/// A required single-line text: trimmed, non-empty, no control characters, at most `max` chars.
pub fn required_line(value: &str, max: usize) -> Result<String, Problem> {
    let value = optional_line(value, max)?;
    if value.is_empty() {
        Err(Problem::Required)
    } else {
        Ok(value)
    }
}

/// An optional single-line text: trimmed, no control characters, at most `max` chars.
pub fn optional_line(value: &str, max: usize) -> Result<String, Problem> {
    let value = value.trim();
    if value.chars().any(char::is_control) {
        return Err(Problem::ControlCharacters);
    }
    if value.chars().count() > max {
        return Err(Problem::TooLong { max });
    }
    Ok(value.to_string())
}

/// A multi-line text: trimmed; line breaks and tabs are fine, other control characters are not.
pub fn text_block(value: &str, max: usize) -> Result<String, Problem> {
    let value = value.trim();
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(Problem::ControlCharacters);
    }
    if value.chars().count() > max {
        return Err(Problem::TooLong { max });
    }
    Ok(value.to_string())
}

/// Checks an e-mail address and returns it trimmed, with the domain in lowercase.
///
/// Pragmatic rather than RFC 5322-complete: one `@`, a local part of printable characters without
/// spaces or consecutive/edge dots, and a domain of at least two dot-separated labels made of
/// letters (any script, so `例子.中国` works), digits and inner hyphens, ending in a label of two
/// or more letters.
pub fn email(value: &str) -> Result<String, Problem> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Problem::Required);
    }
    if value.chars().count() > 254 {
        return Err(Problem::TooLong { max: 254 });
    }
    let (local, domain) = value.split_once('@').ok_or(Problem::BadEmail)?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    if !local_ok || domain.contains('@') {
        return Err(Problem::BadEmail);
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let labels_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    let tld_ok = labels
        .last()
        .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic));
    if !labels_ok || !tld_ok {
        return Err(Problem::BadEmail);
    }
    Ok(format!("{local}@{}", domain.to_lowercase()))
}

/// What kind of number a phone number is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneKind {
    /// A mainland Chinese mobile number (11 digits, 1[3-9]…).
    ChineseMobile,
    /// A mainland Chinese landline with area code (010-12345678, 0755-8888 6666, extension ok).
    ChineseLandline,
    /// A nationwide service number (400/800 + 7 digits).
    ChineseService,
    /// Any other number in international form (+ then 7 to 15 digits).
    International,
}

/// Checks a phone number and returns it trimmed together with its kind.
///
/// Spaces, dashes, dots and brackets between digits are accepted as people write them.
/// A `+86`/`0086` prefix is understood; an extension may follow `-`, `ext`, `x`, `转` or `#`.
pub fn phone(value: &str) -> Result<(String, PhoneKind), Problem> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Problem::Required);
    }
    if value.chars().count() > 40 {
        return Err(Problem::TooLong { max: 40 });
    }
    // Split off an extension written with a word or symbol.
    let lower = value.to_lowercase();
    let (main, ext) = ["转", "ext.", "ext", "x", "#"]
        .iter()
        .find_map(|sep| {
            lower
                .find(sep)
                .map(|i| (&lower[..i], Some(&lower[i + sep.len()..])))
        })
        .unwrap_or((&lower, None));
    if let Some(ext) = ext {
        let ext = ext.trim();
        if ext.is_empty() || ext.len() > 6 || !ext.chars().all(|c| c.is_ascii_digit()) {
            return Err(Problem::BadPhone);
        }
    }
    let main = main.trim();
    let mut digits = String::new();
    let mut groups: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, ch) in main.chars().enumerate() {
        match ch {
            '0'..='9' => {
                digits.push(ch);
                current.push(ch);
            }
            '+' if i == 0 => {}
            ' ' | '-' | '.' | '(' | ')' | '（' | '）' => {
                if !current.is_empty() {
                    groups.push(std::mem::take(&mut current));
                }
            }
            _ => return Err(Problem::BadPhone),
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    let international = main.starts_with('+') || digits.starts_with("00");
    let national = if let Some(rest) = main.strip_prefix("+86") {
        Some(
            rest.chars()
                .filter(char::is_ascii_digit)
                .collect::<String>(),
        )
    } else if let Some(rest) = digits.strip_prefix("0086") {
        Some(rest.to_string())
    } else if international {
        None
    } else {
        Some(digits.clone())
    };
    let Some(national) = national else {
        // Another country: E.164 allows at most 15 digits after the country code prefix.
        let count = digits.trim_start_matches("00").len();
        return if (7..=15).contains(&count) {
            Ok((value.to_string(), PhoneKind::International))
        } else {
            Err(Problem::BadPhone)
        };
    };
    let from_abroad = international;
    if national.len() == 11 && national.starts_with('1') {
        let second = national.as_bytes()[1];
        return if (b'3'..=b'9').contains(&second) {
            Ok((value.to_string(), PhoneKind::ChineseMobile))
        } else {
            Err(Problem::BadChineseMobile)
        };
    }
    if !from_abroad
        && national.len() == 10
        && (national.starts_with("400") || national.starts_with("800"))
    {
        return Ok((value.to_string(), PhoneKind::ChineseService));
    }
    // Landline: area code (2–3 digits after the trunk 0: 10, 2x, 3xx–9xx) and a 7–8 digit
    // subscriber number. From abroad the trunk 0 is dropped. A trailing group after the
    // subscriber number (0571-88886666-123) is an extension.
    let (area_and_number, trailing_ext) = split_dash_extension(&groups, from_abroad);
    let body = if from_abroad {
        area_and_number
    } else {
        match area_and_number.strip_prefix('0') {
            Some(rest) => rest.to_string(),
            None => return Err(Problem::BadPhone),
        }
    };
    if trailing_ext.is_some_and(|e| e.len() > 6) {
        return Err(Problem::BadPhone);
    }
    let area_len = if body.starts_with("10") || body.starts_with('2') {
        2
    } else {
        3
    };
    if body.len() <= area_len || body.starts_with('1') && !body.starts_with("10") {
        return Err(Problem::BadPhone);
    }
    let subscriber = body.len() - area_len;
    if (7..=8).contains(&subscriber) && !body[area_len..].starts_with('0') {
        Ok((value.to_string(), PhoneKind::ChineseLandline))
    } else {
        Err(Problem::BadPhone)
    }
}

/// Joins the digit groups of a landline, treating a short last group that follows a complete
/// area code and subscriber number as an extension.
fn split_dash_extension(groups: &[String], from_abroad: bool) -> (String, Option<&str>) {
    let skip = usize::from(from_abroad && groups.first().is_some_and(|g| g == "86"));
    let groups = &groups[skip..];
    if groups.len() >= 3 {
        let last = groups[groups.len() - 1].as_str();
        let before: String = groups[..groups.len() - 1].concat();
        let needed = if from_abroad { 9 } else { 10 };
        if before.len() >= needed && last.len() <= 6 {
            return (before, Some(last));
        }
    }
    (groups.concat(), None)
}

/// The digits of a phone number, for search: `+86 138-0013-8000` → `8613800138000`.
pub fn phone_digits(value: &str) -> String {
    value.chars().filter(char::is_ascii_digit).collect()
}

/// A `tel:` link for a phone number as written: its digits, with the `+` of an international
/// number kept (`+86 571 8888 6666` → `tel:+8657188886666`).
pub fn tel_href(value: &str) -> String {
    let plus = if value.trim_start().starts_with('+') {
        "+"
    } else {
        ""
    };
    format!("tel:{plus}{}", phone_digits(value))
}

/// The digits that identify a phone number regardless of how it was written, for duplicate
/// detection: a mainland number is written as dialled at home — `+86 138 0013 8000` and
/// `13800138000` are the same number, and so are `+86 571 8888 6666` and `0571-8888 6666`
/// (a landline dialled from abroad drops the area code's 0).
pub fn phone_identity(value: &str) -> String {
    let digits = phone_digits(value);
    let national = if let Some(rest) = digits.strip_prefix("0086") {
        rest
    } else if value.trim_start().starts_with("+86") {
        &digits[2..]
    } else {
        return digits;
    };
    let b = national.as_bytes();
    let mobile = b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]);
    let service = b.len() == 10 && (national.starts_with("400") || national.starts_with("800"));
    if mobile || service || national.is_empty() || national.starts_with('0') {
        national.to_string()
    } else {
        format!("0{national}")
    }
}

/// A percentage 0–100 (share of wallet and the like).
pub fn percent(text: &str) -> Result<Option<u8>, Problem> {
    let text = text.trim().trim_end_matches(['%', '％']).trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u8>() {
        Ok(p) if p <= 100 => Ok(Some(p)),
        Ok(_) => Err(Problem::BadPercent),
        Err(_) => match crate::domain::money::parse_decimal(text) {
            Ok(_) => Err(Problem::BadPercent),
            Err(p) => Err(p),
        },
    }
}

/// Trims, drops empties and de-duplicates (case-insensitively) a list of tags.
pub fn tags(values: &[String]) -> Result<Vec<String>, FieldError> {
    let mut out: Vec<String> = Vec::new();
    for (i, raw) in values.iter().enumerate() {
        let tag = optional_line(raw, 40).map_err(|p| FieldError::at(Field::Tags, i, p))?;
        if !tag.is_empty() && !out.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            out.push(tag);
        }
    }
    Ok(out)
}

/// Splits what a user typed into a tag box (`vip, 华东；key account`) into tags.
pub fn split_tags(text: &str) -> Vec<String> {
    text.split([',', '，', ';', '；', '、'])
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_lines() {
        assert_eq!(required_line("  张三  ", MAX_NAME), Ok("张三".into()));
        assert_eq!(required_line("   ", MAX_NAME), Err(Problem::Required));
        assert_eq!(required_line("", MAX_NAME), Err(Problem::Required));
        assert_eq!(
            required_line("a\u{0}b", MAX_NAME),
            Err(Problem::ControlCharacters)
        );
        assert_eq!(
            required_line("a\nb", MAX_NAME),
            Err(Problem::ControlCharacters)
        );
        assert_eq!(
            required_line(&"长".repeat(201), MAX_NAME),
            Err(Problem::TooLong { max: 200 })
        );
        assert!(
            required_line(&"长".repeat(200), MAX_NAME).is_ok(),
            "counts chars, not bytes"
        );
        assert_eq!(optional_line("  ", 10), Ok(String::new()));
    }

    #[test]
    fn text_blocks_keep_line_breaks() {
        assert_eq!(text_block(" a\nb\tc ", 100), Ok("a\nb\tc".into()));
        assert_eq!(text_block("a\u{7}b", 100), Err(Problem::ControlCharacters));
    }

    #[test]
    fn good_emails() {
        for ok in [
            "li.lei@example.com",
            "wang+crm@sub.example.com.cn",
            "o'brien@example.ie",
            "zhang_san@例子.中国",
            "x@ex-ample.co",
        ] {
            assert!(email(ok).is_ok(), "{ok} should pass");
        }
        assert_eq!(email(" Li@Example.COM "), Ok("Li@example.com".into()));
    }

    #[test]
    fn bad_emails() {
        for bad in [
            "plainaddress",
            "@example.com",
            "a@b",
            "a@b.c",
            "a@@b.com",
            "a b@example.com",
            "a@exa mple.com",
            ".a@example.com",
            "a.@example.com",
            "a..b@example.com",
            "a@-example.com",
            "a@example-.com",
            "a@example..com",
            "a@example.c0m",
            "张三@",
            "<script>@x.com",
        ] {
            assert_eq!(email(bad), Err(Problem::BadEmail), "{bad} should fail");
        }
        assert_eq!(email(""), Err(Problem::Required));
    }

    #[test]
    fn chinese_mobiles() {
        for ok in [
            "13800138000",
            "138 0013 8000",
            "138-0013-8000",
            "+86 138 0013 8000",
            "+8613800138000",
            "0086 13800138000",
            "199 1234 5678",
        ] {
            assert_eq!(phone(ok).map(|p| p.1), Ok(PhoneKind::ChineseMobile), "{ok}");
        }
        assert_eq!(phone("12800138000"), Err(Problem::BadChineseMobile));
        assert_eq!(phone("11800138000"), Err(Problem::BadChineseMobile));
        assert_eq!(phone("1380013800"), Err(Problem::BadPhone), "10 digits");
        assert_eq!(phone("138001380001"), Err(Problem::BadPhone), "12 digits");
    }

    #[test]
    fn chinese_landlines() {
        for ok in [
            "010-12345678",
            "021 6888 9999",
            "(0755) 8888 6666",
            "（0755）88886666",
            "0571-8888666",
            "0571-88886666-123",
            "0571-88886666 转 123",
            "010-12345678 ext. 9",
            "+86 10 1234 5678",
            "+86 755 8888 6666",
        ] {
            assert_eq!(
                phone(ok).map(|p| p.1),
                Ok(PhoneKind::ChineseLandline),
                "{ok}"
            );
        }
        for bad in [
            "010-123456",            // subscriber too short
            "010-123456789",         // subscriber too long
            "0755-0888 6666",        // subscriber cannot start with 0
            "12345678",              // no area code
            "0571-88886666-1234567", // extension too long
            "010-1234abcd",
        ] {
            assert!(phone(bad).is_err(), "{bad} should fail");
        }
    }

    #[test]
    fn service_and_international_numbers() {
        assert_eq!(
            phone("400-820-8820").map(|p| p.1),
            Ok(PhoneKind::ChineseService)
        );
        assert_eq!(
            phone("800 810 8888").map(|p| p.1),
            Ok(PhoneKind::ChineseService)
        );
        assert_eq!(
            phone("+1 (415) 555-0100").map(|p| p.1),
            Ok(PhoneKind::International)
        );
        assert_eq!(
            phone("+44 20 7946 0958").map(|p| p.1),
            Ok(PhoneKind::International)
        );
        assert_eq!(
            phone("0044 20 7946 0958").map(|p| p.1),
            Ok(PhoneKind::International)
        );
        assert_eq!(phone("+1 234"), Err(Problem::BadPhone), "too short");
        assert_eq!(
            phone("+1234567890123456"),
            Err(Problem::BadPhone),
            "16 digits"
        );
        assert_eq!(phone("call me"), Err(Problem::BadPhone));
        assert_eq!(phone(""), Err(Problem::Required));
    }

    #[test]
    fn phone_digits_strip_everything_else() {
        assert_eq!(phone_digits("+86 138-0013-8000"), "8613800138000");
        assert_eq!(phone_identity("+86 138-0013-8000"), "13800138000");
        assert_eq!(phone_identity("0086 138 0013 8000"), "13800138000");
        assert_eq!(phone_identity("010-1234 5678"), "01012345678");
        assert_eq!(phone_identity("+1 415 555 0100"), "14155550100");
        assert_eq!(tel_href("+86 571 8888 6666"), "tel:+8657188886666");
        assert_eq!(tel_href("138-0013-8000"), "tel:13800138000");
        // A landline from abroad is the same number as dialled at home; service numbers and
        // mobiles have no trunk 0.
        assert_eq!(phone_identity("+86 571 8888 6666"), "057188886666");
        assert_eq!(phone_identity("0571-8888 6666"), "057188886666");
        assert_eq!(phone_identity("0086 10 1234 5678"), "01012345678");
        assert_eq!(phone_identity("+86 400 800 1234"), "4008001234");
        assert_eq!(phone_identity("400-800-1234"), "4008001234");
    }

    #[test]
    fn percents() {
        assert_eq!(percent(""), Ok(None));
        assert_eq!(percent("35"), Ok(Some(35)));
        assert_eq!(percent("35 %"), Ok(Some(35)));
        assert_eq!(percent("100％"), Ok(Some(100)));
        assert_eq!(percent("101"), Err(Problem::BadPercent));
        assert_eq!(percent("-1"), Err(Problem::BadPercent));
        assert_eq!(percent("abc"), Err(Problem::NotANumber));
    }

    #[test]
    fn tag_lists() {
        let raw = split_tags("vip, 华东；Key account、vip ,, ");
        assert_eq!(raw, vec!["vip", "华东", "Key account", "vip"]);
        assert_eq!(tags(&raw).unwrap(), vec!["vip", "华东", "Key account"]);
        let long = vec!["x".repeat(41)];
        assert_eq!(
            tags(&long),
            Err(FieldError::at(Field::Tags, 0, Problem::TooLong { max: 40 }))
        );
    }
}
