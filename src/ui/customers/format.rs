//! Display helpers shared by the customer screens.

use crate::domain::i18n::Lang;
use crate::domain::money::{Currency, format_minor, format_minor_whole};
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

/// A day relative to today, or `—`.
pub fn relative(day: Option<NaiveDate>, today: NaiveDate, lang: Lang) -> String {
    day.map_or_else(|| "—".into(), |d| format_relative_day(d, today, lang))
}
