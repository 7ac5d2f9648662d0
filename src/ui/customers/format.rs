//! Display helpers shared by the customer screens.

use crate::domain::analysis::config::AnalysisConfig;
use crate::domain::i18n::Lang;
use crate::domain::money::{Currency, format_minor, format_minor_whole, in_yuan};
use crate::domain::time::format_relative_day;
use chrono::NaiveDate;

/// Revenue per currency, largest first: `¥12,000.00 · $300.00`; `—` when there is none.
pub fn revenue_text(revenue: &[(Currency, i64)], lang: Lang) -> String {
    join_revenue(revenue, |(c, v)| format_minor(*v, *c, lang))
}

/// The same in whole units, for the list: `¥12,000 · $300`.
pub fn revenue_whole(revenue: &[(Currency, i64)], lang: Lang) -> String {
    join_revenue(revenue, |(c, v)| format_minor_whole(*v, *c, lang))
}

fn join_revenue(revenue: &[(Currency, i64)], fmt: impl Fn(&(Currency, i64)) -> String) -> String {
    if revenue.is_empty() {
        return "—".into();
    }
    let mut parts: Vec<&(Currency, i64)> = revenue.iter().collect();
    parts.sort_by_key(|(c, v)| (std::cmp::Reverse(*v), *c));
    parts.into_iter().map(fmt).collect::<Vec<_>>().join(" · ")
}

/// Amounts not all in yuan, converted with the rates in Settings: `(≈ ¥35,051,724, the rates
/// used and where they are set)`; `None` for yuan only.
pub fn converted(
    revenue: &[(Currency, i64)],
    cfg: &AnalysisConfig,
    lang: Lang,
) -> Option<(String, String)> {
    let c = in_yuan(revenue, |cur| cfg.rate(cur))?;
    let t = lang.texts();
    let rates = c
        .rates
        .iter()
        .map(|(cur, r)| {
            format!(
                "1 {} = {}{}",
                cur.code(),
                Currency::Cny.symbol(lang),
                rate_text(*r)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut note = if rates.is_empty() {
        String::new()
    } else {
        (t.converted_at)(rates)
    };
    if !c.missing.is_empty() {
        let codes = c
            .missing
            .iter()
            .map(|cur| cur.code())
            .collect::<Vec<_>>()
            .join(", ");
        if !note.is_empty() {
            note.push(' ');
        }
        note.push_str(&(t.converted_missing)(codes));
    }
    Some((
        format!("≈ {}", format_minor_whole(c.fen, Currency::Cny, lang)),
        note,
    ))
}

/// A rate as typed in Settings: up to six decimals, no trailing zeros (7.1, 0.047, 9).
fn rate_text(r: f64) -> String {
    let s = format!("{r:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A day relative to today, or `—`.
pub fn relative(day: Option<NaiveDate>, today: NaiveDate, lang: Lang) -> String {
    day.map_or_else(|| "—".into(), |d| format_relative_day(d, today, lang))
}
