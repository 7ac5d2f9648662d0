//! Money: exact decimal amounts with a currency, parsing what people type, and display per
//! language.
//!
//! Amounts are [`rust_decimal::Decimal`] (never floating point) and are stored as strings so no
//! precision is lost on the way through IndexedDB. Summaries keep totals as integer minor units
//! (fen, cents) for speed.

use crate::domain::lang::Lang;
use crate::domain::validate::Problem;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

/// The currencies a customer can be billed in.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum Currency {
    /// Chinese yuan renminbi.
    #[default]
    Cny,
    /// US dollar.
    Usd,
    /// Euro.
    Eur,
    /// Hong Kong dollar.
    Hkd,
    /// Japanese yen.
    Jpy,
    /// Pound sterling.
    Gbp,
}

impl Currency {
    /// Every currency, in the order the pickers show them.
    pub const ALL: [Currency; 6] = [
        Currency::Cny,
        Currency::Usd,
        Currency::Eur,
        Currency::Hkd,
        Currency::Jpy,
        Currency::Gbp,
    ];

    /// ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Hkd => "HKD",
            Currency::Jpy => "JPY",
            Currency::Gbp => "GBP",
        }
    }

    /// The currency for an ISO 4217 code (case-insensitive).
    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Digits after the decimal point in everyday use.
    pub fn minor_digits(self) -> u32 {
        match self {
            Currency::Jpy => 0,
            _ => 2,
        }
    }

    /// The symbol each language's conventions use (as `Intl.NumberFormat` writes them): the
    /// local currency gets the bare sign, foreign dollars and yen are disambiguated.
    pub fn symbol(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Currency::Cny, Lang::Zh) => "¥",
            (Currency::Cny, Lang::En) => "CN¥",
            (Currency::Usd, Lang::Zh) => "US$",
            (Currency::Usd, Lang::En) => "$",
            (Currency::Eur, _) => "€",
            (Currency::Hkd, _) => "HK$",
            (Currency::Jpy, Lang::Zh) => "JP¥",
            (Currency::Jpy, Lang::En) => "¥",
            (Currency::Gbp, _) => "£",
        }
    }
}

/// An exact amount of money in one currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// The amount; serialised as a string so it survives JavaScript exactly.
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    /// Its currency.
    pub currency: Currency,
}

impl Money {
    /// An amount in a currency.
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }

    /// The amount in minor units (fen, cents), rounded half away from zero; saturates at the
    /// limits of `i64`, which no real purchase reaches.
    pub fn minor_units(self) -> i64 {
        let scaled = self.amount * Decimal::from(10i64.pow(self.currency.minor_digits()));
        scaled
            .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            .to_i64()
            .unwrap_or(if scaled.is_sign_negative() {
                i64::MIN
            } else {
                i64::MAX
            })
    }

    /// Display with the language's symbol and grouping: `¥12,345.60`, `CN¥12,345.60`.
    pub fn format(self, lang: Lang) -> String {
        format_decimal_money(self.amount, self.currency, lang)
    }
}

/// Formats an amount given in minor units.
pub fn format_minor(minor: i64, currency: Currency, lang: Lang) -> String {
    let amount = Decimal::from_i128_with_scale(i128::from(minor), currency.minor_digits());
    format_decimal_money(amount, currency, lang)
}

/// Formats an amount given in minor units rounded to whole units (`¥12,346`), for overviews
/// where the cents only add noise; the exact figure is shown where the record is.
pub fn format_minor_whole(minor: i64, currency: Currency, lang: Lang) -> String {
    let amount = Decimal::from_i128_with_scale(i128::from(minor), currency.minor_digits());
    format_with_digits(amount, currency, 0, lang)
}

/// A share (0–1) as a whole percentage, `67 %`; nothing when there is no share.
pub fn format_share(share: Option<f64>) -> String {
    share
        .map(|v| format!("{:.0} %", v * 100.0))
        .unwrap_or_default()
}

/// Formats an exact amount rounded to whole units (`¥12,346`), for reports.
pub fn format_whole(amount: Decimal, currency: Currency, lang: Lang) -> String {
    format_with_digits(amount, currency, 0, lang)
}

fn format_decimal_money(amount: Decimal, currency: Currency, lang: Lang) -> String {
    format_with_digits(amount, currency, currency.minor_digits(), lang)
}

fn format_with_digits(amount: Decimal, currency: Currency, digits: u32, lang: Lang) -> String {
    let rounded =
        amount.round_dp_with_strategy(digits, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    let text = format!("{:.*}", digits as usize, rounded.abs());
    let (int_part, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let grouped = group_thousands(&int_part);
    let symbol = currency.symbol(lang);
    match frac {
        Some(f) => format!("{sign}{symbol}{grouped}.{f}"),
        None => format!("{sign}{symbol}{grouped}"),
    }
}

/// A whole number with thousands separators: `1234567` → `1,234,567` (both zh-CN and English
/// group by thousands with a comma).
pub fn format_count(n: u64) -> String {
    group_thousands(&n.to_string())
}

/// A measured or estimated number to `digits` significant digits, the integer part grouped
/// by thousands: 2.32449 → "2.324", 133041.27 → "133,041", −247696.99 → "−247,697",
/// 0.0070478 → "0.007048". The language does not change it (both write 1,234.5).
pub fn format_significant(v: f64, digits: u32) -> String {
    if !v.is_finite() {
        return "—".to_string();
    }
    if v == 0.0 {
        return "0".to_string();
    }
    let magnitude = v.abs().log10().floor() as i32;
    let decimals = (digits as i32 - 1 - magnitude).max(0) as usize;
    let text = format!("{:.*}", decimals, v.abs());
    let (int_part, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let sign = if v < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "−"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{}.{f}", group_thousands(int_part)),
        None => format!("{sign}{}", group_thousands(int_part)),
    }
}

fn group_thousands(digits: &str) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Parses an amount of money as people type it: `1234.5`, `1,234.50`, `¥1 234`, `１２３`
/// (full-width digits from a Chinese IME), `12,345.6元`. Refuses negative amounts, more decimals
/// than the currency uses, and anything that is not a number.
pub fn parse_amount(text: &str, currency: Currency) -> Result<Decimal, Problem> {
    let value = parse_decimal(text)?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Problem::NegativeAmount);
    }
    if value.scale() > currency.minor_digits()
        && value.normalize().scale() > currency.minor_digits()
    {
        return Err(Problem::TooManyDecimals {
            max: currency.minor_digits(),
        });
    }
    if value > Decimal::from(1_000_000_000_000i64) {
        return Err(Problem::TooLarge);
    }
    Ok(value.normalize())
}

/// Parses a plain decimal number (quantities, percentages), accepting the same spellings as
/// [`parse_amount`] and negative values.
pub fn parse_decimal(text: &str) -> Result<Decimal, Problem> {
    let mut cleaned = String::with_capacity(text.len());
    for ch in text.trim().chars() {
        match ch {
            // Full-width digits and signs from Chinese input methods.
            '０'..='９' => cleaned.push(char::from(b'0' + (ch as u32 - '０' as u32) as u8)),
            '．' | '。' => cleaned.push('.'),
            '－' => cleaned.push('-'),
            '0'..='9' | '.' | '-' => cleaned.push(ch),
            // Grouping and currency decoration that carry no value.
            ',' | '，' | ' ' | '\u{a0}' | '_' | '¥' | '￥' | '$' | '€' | '£' | '元' => {}
            _ => return Err(Problem::NotANumber),
        }
    }
    if cleaned.is_empty() || cleaned == "-" || cleaned == "." {
        return Err(Problem::NotANumber);
    }
    cleaned.parse::<Decimal>().map_err(|_| Problem::NotANumber)
}

/// Amounts in several currencies put on one scale: the total in yuan and the rates used.
#[derive(Clone, Debug, PartialEq)]
pub struct InYuan {
    /// The yuan amounts plus the others converted, in yuan (minor units: fen).
    pub fen: i64,
    /// The rate used for each other currency (yuan per unit), in the order given.
    pub rates: Vec<(Currency, f64)>,
    /// Currencies without a rate: their amounts are left out of `fen`.
    pub missing: Vec<Currency>,
}

/// Converts amounts in minor units to yuan with `rate` (yuan per unit; 0 or less: unknown).
/// `None` when there is nothing to convert (no amount, or yuan only).
pub fn in_yuan(amounts: &[(Currency, i64)], rate: impl Fn(Currency) -> f64) -> Option<InYuan> {
    if amounts.iter().all(|(c, _)| *c == Currency::Cny) {
        return None;
    }
    let mut fen = 0i64;
    let mut rates = Vec::new();
    let mut missing = Vec::new();
    for &(c, minor) in amounts {
        if c == Currency::Cny {
            fen = fen.saturating_add(minor);
            continue;
        }
        let r = rate(c);
        if r > 0.0 && r.is_finite() {
            let units = minor as f64 / 10f64.powi(c.minor_digits() as i32);
            fen = fen.saturating_add((units * r * 100.0).round() as i64);
            rates.push((c, r));
        } else {
            missing.push(c);
        }
    }
    Some(InYuan {
        fen,
        rates,
        missing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn significant_digits_as_a_reader_expects() {
        assert_eq!(format_significant(2.324_496, 4), "2.324");
        assert_eq!(format_significant(19.492_08, 4), "19.49");
        assert_eq!(format_significant(133_041.27, 4), "133,041");
        assert_eq!(format_significant(-247_696.99, 4), "−247,697");
        assert_eq!(format_significant(0.007_047_8, 4), "0.007048");
        assert_eq!(format_significant(0.0, 4), "0");
        assert_eq!(format_significant(f64::NAN, 4), "—");
        assert_eq!(format_significant(-0.000_01, 2), "−0.000010");
    }
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn formats_like_intl_number_format() {
        // Reference strings are what `new Intl.NumberFormat(locale, {style:'currency', ...})`
        // prints in Chromium for zh-CN and en-US.
        let m = Money::new(dec("1234567.5"), Currency::Cny);
        assert_eq!(m.format(Lang::Zh), "¥1,234,567.50");
        assert_eq!(m.format(Lang::En), "CN¥1,234,567.50");
        assert_eq!(
            Money::new(dec("12"), Currency::Usd).format(Lang::Zh),
            "US$12.00"
        );
        assert_eq!(
            Money::new(dec("12"), Currency::Usd).format(Lang::En),
            "$12.00"
        );
        assert_eq!(
            Money::new(dec("1500"), Currency::Jpy).format(Lang::En),
            "¥1,500"
        );
        assert_eq!(
            Money::new(dec("1500"), Currency::Jpy).format(Lang::Zh),
            "JP¥1,500"
        );
        assert_eq!(
            Money::new(dec("-3.5"), Currency::Eur).format(Lang::En),
            "-€3.50"
        );
        assert_eq!(
            Money::new(dec("0.005"), Currency::Gbp).format(Lang::En),
            "£0.01"
        );
        assert_eq!(
            Money::new(dec("999"), Currency::Hkd).format(Lang::En),
            "HK$999.00"
        );
    }

    #[test]
    fn minor_units_round_half_away_from_zero() {
        assert_eq!(Money::new(dec("12.345"), Currency::Cny).minor_units(), 1235);
        assert_eq!(Money::new(dec("12.344"), Currency::Cny).minor_units(), 1234);
        assert_eq!(Money::new(dec("1500"), Currency::Jpy).minor_units(), 1500);
        assert_eq!(format_minor(123_456, Currency::Cny, Lang::Zh), "¥1,234.56");
        assert_eq!(format_minor(0, Currency::Usd, Lang::En), "$0.00");
        assert_eq!(
            format_minor_whole(123_456, Currency::Cny, Lang::Zh),
            "¥1,235"
        );
        assert_eq!(
            format_minor_whole(331_772_350, Currency::Cny, Lang::En),
            "CN¥3,317,724"
        );
        assert_eq!(format_minor_whole(-50, Currency::Usd, Lang::En), "-$1");
    }

    #[test]
    fn parses_amounts_as_people_type_them() {
        let cny = Currency::Cny;
        assert_eq!(parse_amount("1234.5", cny), Ok(dec("1234.5")));
        assert_eq!(parse_amount("1,234.50", cny), Ok(dec("1234.5")));
        assert_eq!(parse_amount("¥ 12 000", cny), Ok(dec("12000")));
        assert_eq!(parse_amount("１２３．４", cny), Ok(dec("123.4")));
        assert_eq!(parse_amount("8800元", cny), Ok(dec("8800")));
        assert_eq!(parse_amount("0", cny), Ok(dec("0")));
    }

    #[test]
    fn refuses_bad_amounts_with_the_reason() {
        let cny = Currency::Cny;
        assert_eq!(parse_amount("-5", cny), Err(Problem::NegativeAmount));
        assert_eq!(
            parse_amount("1.234", cny),
            Err(Problem::TooManyDecimals { max: 2 })
        );
        assert_eq!(
            parse_amount("1.5", Currency::Jpy),
            Err(Problem::TooManyDecimals { max: 0 })
        );
        assert_eq!(
            parse_amount("1.50", cny),
            Ok(dec("1.5")),
            "trailing zeros are fine"
        );
        assert_eq!(parse_amount("twelve", cny), Err(Problem::NotANumber));
        assert_eq!(parse_amount("", cny), Err(Problem::NotANumber));
        assert_eq!(parse_amount("1.2.3", cny), Err(Problem::NotANumber));
        assert_eq!(parse_amount("1e5", cny), Err(Problem::NotANumber));
        assert_eq!(parse_amount("99999999999999", cny), Err(Problem::TooLarge));
    }

    #[test]
    fn groups_counts() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(1000), "1,000");
        assert_eq!(format_count(100_000), "100,000");
        assert_eq!(format_count(1_234_567), "1,234,567");
    }

    #[test]
    fn currency_codes_round_trip() {
        for c in Currency::ALL {
            assert_eq!(Currency::from_code(c.code()), Some(c));
        }
        assert_eq!(Currency::from_code(" cny "), Some(Currency::Cny));
        assert_eq!(Currency::from_code("XYZ"), None);
    }

    #[test]
    fn money_survives_a_string_round_trip_exactly() {
        let m = Money::new(dec("0.10"), Currency::Cny);
        let json = postcard::to_allocvec(&m).unwrap();
        let back: Money = postcard::from_bytes(&json).unwrap();
        assert_eq!(back, m);
    }

    #[test]
    fn amounts_in_other_currencies_are_put_in_yuan_with_the_rates_used() {
        let rate = |c: Currency| match c {
            Currency::Gbp => 9.0,
            Currency::Jpy => 0.047,
            _ => 0.0,
        };
        // Yuan only: nothing to convert.
        assert_eq!(in_yuan(&[(Currency::Cny, 100)], rate), None);
        assert_eq!(in_yuan(&[], rate), None);
        // £3,894,636.00 at ¥9 = ¥35,051,724.00; plus ¥100.50.
        let c = in_yuan(
            &[(Currency::Gbp, 389_463_600), (Currency::Cny, 10_050)],
            rate,
        )
        .unwrap();
        assert_eq!(c.fen, 3_505_172_400 + 10_050);
        assert_eq!(c.rates, vec![(Currency::Gbp, 9.0)]);
        assert!(c.missing.is_empty());
        // Yen have no minor unit: ¥(JPY) 10,000 at 0.047 = ¥470.00.
        let c = in_yuan(&[(Currency::Jpy, 10_000)], rate).unwrap();
        assert_eq!(c.fen, 47_000);
        // A currency without a rate is named, and left out of the total.
        let c = in_yuan(&[(Currency::Usd, 5_000), (Currency::Cny, 700)], rate).unwrap();
        assert_eq!((c.fen, c.missing), (700, vec![Currency::Usd]));
    }
}
