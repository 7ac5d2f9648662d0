//! Importance (贵宾 / 重要 / 普通) by cumulative contribution to value: customers are ranked by
//! value over the period, and those that together make the first 80 % (by default) are VIP,
//! those up to 95 % important, the rest ordinary (ABC / Pareto analysis). A customer is placed
//! by the cumulative share *before* it, so the one that crosses a line still belongs above it.

use serde::{Deserialize, Serialize};

/// The three importance classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Importance {
    /// 贵宾型
    Vip,
    /// 重要型
    Important,
    /// 普通型
    Ordinary,
}

impl Importance {
    /// Every class, highest first.
    pub const ALL: [Importance; 3] = [Importance::Vip, Importance::Important, Importance::Ordinary];
    /// A stable short name.
    pub fn as_str(self) -> &'static str {
        match self {
            Importance::Vip => "vip",
            Importance::Important => "important",
            Importance::Ordinary => "ordinary",
        }
    }
}

/// Why a customer has its importance.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportanceFacts {
    pub class: Importance,
    /// The customer's value over the period (yuan).
    pub value: f64,
    /// Its share of all customers' value.
    pub share: f64,
    /// Cumulative share of all customers ranked above it, and itself.
    pub cumulative: f64,
    /// Rank by value, 1 = highest.
    pub rank: u32,
}

/// Classifies customers by their values (same order as `values`).
pub fn classify(values: &[f64], vip_share: f64, important_share: f64) -> Vec<ImportanceFacts> {
    let total: f64 = values.iter().filter(|v| **v > 0.0).sum();
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
    let mut out = vec![
        ImportanceFacts {
            class: Importance::Ordinary,
            value: 0.0,
            share: 0.0,
            cumulative: 0.0,
            rank: 0
        };
        values.len()
    ];
    let mut before = 0.0;
    for (rank, &i) in order.iter().enumerate() {
        let value = values[i];
        let share = if total > 0.0 && value > 0.0 {
            value / total
        } else {
            0.0
        };
        let class = if share <= 0.0 {
            Importance::Ordinary
        } else if before < vip_share {
            Importance::Vip
        } else if before < important_share {
            Importance::Important
        } else {
            Importance::Ordinary
        };
        before += share;
        out[i] = ImportanceFacts {
            class,
            value,
            share,
            cumulative: before,
            rank: rank as u32 + 1,
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pareto_classes_by_hand() {
        // Total 100: A 50 % (before 0) VIP; B 30 % (before 50 %) VIP; C 10 % (before 80 %)
        // important; D 5 % (before 90 %) important; E 5 % (before 95 %) ordinary; F nothing.
        let values = [5.0, 30.0, 0.0, 50.0, 10.0, 5.0];
        let c = classify(&values, 0.8, 0.95);
        let classes: Vec<Importance> = c.iter().map(|f| f.class).collect();
        use Importance::*;
        assert_eq!(
            classes,
            [Important, Vip, Ordinary, Vip, Important, Ordinary]
        );
        assert_eq!(c[3].rank, 1);
        assert!((c[1].cumulative - 0.8).abs() < 1e-12);
        assert!((c[4].share - 0.1).abs() < 1e-12);
        // Equal values: the earlier one ranks first (ties broken by position).
        assert_eq!((c[0].rank, c[5].rank), (4, 5));
    }

    #[test]
    fn the_customer_crossing_a_line_stays_above_it() {
        // One dominant customer crossing 80 % on its own is VIP, the next is important.
        let c = classify(&[90.0, 6.0, 4.0], 0.8, 0.95);
        assert_eq!(c[0].class, Importance::Vip);
        assert_eq!(c[1].class, Importance::Important);
        assert_eq!(c[2].class, Importance::Ordinary, "before it: 96 %");
    }

    #[test]
    fn nothing_sold_means_everyone_is_ordinary() {
        assert!(
            classify(&[0.0, 0.0], 0.8, 0.95)
                .iter()
                .all(|f| f.class == Importance::Ordinary)
        );
        assert!(classify(&[], 0.8, 0.95).is_empty());
    }
}
