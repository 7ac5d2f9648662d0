//! How classes change over time: the ends of past quarters to look back at, and the customers
//! who moved from one class to another between two analyses.

use super::engine::{Analysis, CustomerClasses};
use crate::domain::id::Id;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// The last day of each of the `n` quarters before the one `date` falls in, newest first.
pub fn quarter_ends(date: NaiveDate, n: usize) -> Vec<NaiveDate> {
    let quarter_start_month = (date.month0() / 3) * 3 + 1;
    let mut end = NaiveDate::from_ymd_opt(date.year(), quarter_start_month, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(date);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(end);
        let start_month = (end.month0() / 3) * 3 + 1;
        end = NaiveDate::from_ymd_opt(end.year(), start_month, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(end);
    }
    out
}

/// Customers who changed class between `before` and `now`, counted per (from, to) pair, most
/// frequent first. Customers missing from either analysis, or without the class in either,
/// are not counted.
pub fn movements<K: Ord + Copy>(
    before: &Analysis,
    now: &Analysis,
    class: impl Fn(&CustomerClasses) -> Option<K>,
) -> Vec<(K, K, usize)> {
    movements_each(before, now, None, &[class])
        .pop()
        .unwrap_or_default()
}

/// [`movements`] for each of `classes`, in one pass, of the customers `among` (every customer
/// of `now` when `None`): each customer is looked up once in each analysis whatever the
/// number of classifications, and an analysis is never copied to restrict it.
pub fn movements_each<K: Ord + Copy, F: Fn(&CustomerClasses) -> Option<K>>(
    before: &Analysis,
    now: &Analysis,
    among: Option<&[Id]>,
    classes: &[F],
) -> Vec<Vec<(K, K, usize)>> {
    let mut counts: Vec<BTreeMap<(K, K), usize>> =
        classes.iter().map(|_| BTreeMap::new()).collect();
    let mut count = |old: &CustomerClasses, new: &CustomerClasses| {
        for (class, counts) in classes.iter().zip(&mut counts) {
            if let (Some(from), Some(to)) = (class(old), class(new))
                && from != to
            {
                *counts.entry((from, to)).or_default() += 1;
            }
        }
    };
    match among {
        Some(ids) => {
            let pairs = before
                .classes_of(ids.iter().copied())
                .zip(now.classes_of(ids.iter().copied()));
            for pair in pairs {
                if let (Some(old), Some(new)) = pair {
                    count(old, new);
                }
            }
        }
        None => {
            for (i, new) in now.customers.iter().enumerate() {
                // Both analyses of the same summaries list the customers in the same order,
                // as a rule: the lookup is for the exceptions.
                let old = match before.customers.get(i) {
                    Some(old) if old.id == new.id => Some(old),
                    _ => before.get(new.id),
                };
                if let Some(old) = old {
                    count(old, new);
                }
            }
        }
    }
    counts
        .into_iter()
        .map(|counts| {
            let mut out: Vec<(K, K, usize)> =
                counts.into_iter().map(|((f, t), n)| (f, t, n)).collect();
            out.sort_by_key(|m| std::cmp::Reverse(m.2));
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::analysis::config::AnalysisConfig;
    use crate::domain::analysis::engine::{Models, analyse};
    use crate::domain::analysis::stages::LoyaltyStage;
    use crate::domain::id::Id;
    use crate::domain::money::Currency;
    use crate::domain::summary::{CustomerSummary, PurchaseDay, tests::summary};
    use crate::domain::time::{epoch_day, from_epoch_day};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn quarter_ends_count_back() {
        assert_eq!(
            quarter_ends(d(2026, 11, 23), 3),
            vec![d(2026, 9, 30), d(2026, 6, 30), d(2026, 3, 31)]
        );
        assert_eq!(
            quarter_ends(d(2026, 1, 1), 2),
            vec![d(2025, 12, 31), d(2025, 9, 30)]
        );
        assert_eq!(quarter_ends(d(2026, 3, 31), 1), vec![d(2025, 12, 31)]);
    }

    /// Today, and three customers: customer 1 became a customer in the last 90 days
    /// (prospect → new); customer 2 turned 180 days old and had bought twice (new →
    /// regular); customer 3 did not move.
    fn three_customers() -> (i32, [CustomerSummary; 3]) {
        let today = epoch_day(d(2026, 11, 23));
        let mk = |n: u64, days: &[i32]| {
            let mut s = summary(Id::from_parts(1_700_000_000_000 + n, [0; 10]));
            s.activity.history = days
                .iter()
                .map(|&x| PurchaseDay {
                    day: today - x,
                    currency: Currency::Cny,
                    amount: 10_000,
                    margin: None,
                })
                .collect();
            s
        };
        (today, [mk(1, &[30]), mk(2, &[200, 100]), mk(3, &[])])
    }

    /// The customers' classes as of `day` (days since 1970), with the default settings.
    fn analysed_on(rows: &[&CustomerSummary], day: i32) -> Analysis {
        analyse(
            rows,
            from_epoch_day(day),
            &AnalysisConfig::default(),
            Models::Use(None, None),
        )
    }

    #[test]
    fn movements_between_two_dates() {
        let (today, rows) = three_customers();
        let refs: Vec<&CustomerSummary> = rows.iter().collect();
        let now = analysed_on(&refs, today);
        let then = analysed_on(&refs, today - 90);
        let moved = movements(&then, &now, |c| Some(c.loyalty.stage));
        assert_eq!(
            moved,
            vec![
                (LoyaltyStage::Prospect, LoyaltyStage::New, 1),
                (LoyaltyStage::New, LoyaltyStage::Regular, 1)
            ]
        );
    }

    #[test]
    fn movements_of_several_classifications_among_some_customers() {
        // 1 prospect → new, 2 new → regular, 3 unchanged.
        let (today, rows) = three_customers();
        let ids: Vec<Id> = rows.iter().map(|r| r.id).collect();
        let refs: Vec<&CustomerSummary> = rows.iter().collect();
        // The earlier analysis lists the customers in the other order: matched by id.
        let reversed: Vec<&CustomerSummary> = rows.iter().rev().collect();
        let now = analysed_on(&refs, today);
        let then = analysed_on(&reversed, today - 90);
        let loyalty = |c: &CustomerClasses| Some(c.loyalty.stage as u8);
        let never = |_: &CustomerClasses| None::<u8>;
        type Class<'a> = &'a dyn Fn(&CustomerClasses) -> Option<u8>;
        let classes: [Class; 2] = [&loyalty, &never];
        let (p, n, r) = (
            LoyaltyStage::Prospect as u8,
            LoyaltyStage::New as u8,
            LoyaltyStage::Regular as u8,
        );
        assert_eq!(
            movements_each(&then, &now, None, &classes),
            vec![vec![(p, n, 1), (n, r, 1)], vec![]]
        );
        // Only customers 2 and 3, and one who is in neither analysis.
        let unknown = Id::from_parts(1_800_000_000_000, [0; 10]);
        assert_eq!(
            movements_each(&then, &now, Some(&[ids[1], ids[2], unknown]), &classes),
            vec![vec![(n, r, 1)], vec![]]
        );
        assert_eq!(
            movements_each(&then, &now, Some(&[]), &classes),
            vec![vec![], vec![]]
        );
    }
}
