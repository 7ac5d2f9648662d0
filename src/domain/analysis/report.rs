//! Figures the overview shows: customers and value per class, and the call list of valuable
//! customers at risk.

use super::engine::{Analysis, CustomerClasses};
use crate::domain::id::Id;

/// Customers and value in one class.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClassCount<K> {
    pub class: K,
    pub customers: usize,
    /// Value over the period (yuan).
    pub value: f64,
}

/// Customers and value per class, in the order of `classes` (classes with none included).
pub fn distribution<K: Copy + PartialEq>(
    a: &Analysis,
    classes: &[K],
    key: impl Fn(&CustomerClasses) -> Option<K>,
) -> Vec<ClassCount<K>> {
    let mut out: Vec<ClassCount<K>> = classes
        .iter()
        .map(|&class| ClassCount {
            class,
            customers: 0,
            value: 0.0,
        })
        .collect();
    for c in &a.customers {
        if let Some(k) = key(c)
            && let Some(slot) = out.iter_mut().find(|s| s.class == k)
        {
            slot.customers += 1;
            slot.value += c.period_value;
        }
    }
    out
}

/// A valuable customer at risk.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AtRisk {
    pub id: Id,
    pub clv: f64,
    pub p_alive: f64,
    /// Probability active at the start of the period, when known.
    pub p_alive_before: Option<f64>,
}

/// Share of customers (by lifetime value, from the top) considered valuable.
pub const VALUABLE_SHARE: f64 = 0.2;
/// Below this probability of being active a valuable customer is at risk...
pub const RISK_P_ALIVE: f64 = 0.5;
/// ...or when the probability fell by at least this much over the period.
pub const RISK_DROP: f64 = 0.15;

/// The customers in the top fifth by lifetime value whose probability of being active is below
/// 50 % or fell by 15 points or more since `before`, most valuable first, at most `limit`.
pub fn call_list(now: &Analysis, before: &Analysis, limit: usize) -> Vec<AtRisk> {
    let mut clvs: Vec<f64> = now
        .customers
        .iter()
        .filter_map(|c| c.prediction.map(|p| p.clv))
        .collect();
    if clvs.is_empty() {
        return Vec::new();
    }
    clvs.sort_by(f64::total_cmp);
    let n = clvs.len();
    let cut = clvs[(((1.0 - VALUABLE_SHARE) * n as f64).ceil() as usize).min(n - 1)]
        .max(f64::MIN_POSITIVE);
    let mut out: Vec<AtRisk> = now
        .customers
        .iter()
        .filter_map(|c| {
            let p = c.prediction?;
            let before = before
                .get(c.id)
                .and_then(|b| b.prediction)
                .map(|b| b.p_alive);
            let dropped = before.is_some_and(|b| b - p.p_alive >= RISK_DROP);
            (p.clv >= cut && (p.p_alive < RISK_P_ALIVE || dropped)).then_some(AtRisk {
                id: c.id,
                clv: p.clv,
                p_alive: p.p_alive,
                p_alive_before: before,
            })
        })
        .collect();
    out.sort_by(|a, b| b.clv.total_cmp(&a.clv));
    out.truncate(limit);
    out
}

/// A chart axis: about five round steps from 0 up to the first at or above `max`: 1, 2 or 5 times a power of ten.
pub fn round_ticks(max: f64) -> Vec<f64> {
    if max <= 0.0 || !max.is_finite() {
        return vec![0.0];
    }
    let raw = max / 5.0;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power);
    let mut out = vec![0.0];
    while out[out.len() - 1] < max {
        out.push(out.len() as f64 * step);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::analysis::config::AnalysisConfig;
    use crate::domain::analysis::engine::{Models, Prediction, analyse};
    use crate::domain::analysis::importance::Importance;
    use crate::domain::summary::{CustomerSummary, tests::summary};
    use chrono::NaiveDate;

    fn with_predictions(list: &[(f64, f64)]) -> Analysis {
        let rows: Vec<CustomerSummary> = (0..list.len())
            .map(|i| summary(Id::from_parts(1_700_000_000_000 + i as u64, [0; 10])))
            .collect();
        let refs: Vec<&CustomerSummary> = rows.iter().collect();
        let mut a = analyse(
            &refs,
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            &AnalysisConfig::default(),
            Models::Use(None, None),
        );
        for (c, &(clv, p_alive)) in a.customers.iter_mut().zip(list) {
            c.prediction = Some(Prediction {
                x: 1,
                t_x: 1.0,
                t: 2.0,
                p_alive,
                expected_purchases: 1.0,
                expected_spend: 1.0,
                clv,
            });
        }
        a
    }

    #[test]
    fn the_call_list_by_hand() {
        // Ten customers; the top fifth by CLV are the ones worth 900 and 1,000.
        let now = with_predictions(&[
            (100.0, 0.1),
            (200.0, 0.9),
            (300.0, 0.9),
            (400.0, 0.9),
            (500.0, 0.9),
            (600.0, 0.9),
            (700.0, 0.9),
            (800.0, 0.2),
            (900.0, 0.3),
            (1_000.0, 0.7),
        ]);
        let mut before = now.clone();
        // The most valuable one was at 95 % and fell to 70 %: at risk despite being above 50 %.
        before.customers[9].prediction.as_mut().unwrap().p_alive = 0.95;
        let list = call_list(&now, &before, 10);
        let clvs: Vec<f64> = list.iter().map(|r| r.clv).collect();
        assert_eq!(
            clvs,
            [1_000.0, 900.0],
            "800 is not in the top fifth; 100 is low value"
        );
        assert_eq!(list[0].p_alive_before, Some(0.95));
        // Without the fall, only the one below 50 % remains.
        let list = call_list(&now, &now, 10);
        assert_eq!(list.iter().map(|r| r.clv).collect::<Vec<_>>(), [900.0]);
    }

    #[test]
    fn distribution_counts_every_class() {
        let a = with_predictions(&[(1.0, 1.0), (2.0, 1.0), (3.0, 1.0)]);
        let d = distribution(&a, &Importance::ALL, |c| Some(c.importance.class));
        assert_eq!(d.len(), 3);
        assert_eq!(
            d.iter().map(|c| c.customers).sum::<usize>(),
            3,
            "no purchases: all ordinary"
        );
        assert_eq!(d[2].customers, 3);
    }

    #[test]
    fn round_ticks_are_round_and_cover_the_maximum() {
        assert_eq!(round_ticks(9.0), [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(round_ticks(10.0), [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(round_ticks(0.0), [0.0]);
        let t = round_ticks(12_345.0);
        assert_eq!(t[1], 5_000.0);
        assert!(*t.last().unwrap() >= 12_345.0);
    }
}
