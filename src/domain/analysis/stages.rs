//! The loyalty ladder and the lifecycle stage, each decided by a customer's own purchase days
//! under documented rules (see [`LoyaltyRules`] and [`LifecycleRules`]).

use super::config::{LifecycleRules, LoyaltyRules};
use serde::{Deserialize, Serialize};

/// 潜在 / 新 / 常 / 老 / 忠诚.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LoyaltyStage {
    Prospect,
    New,
    Regular,
    Old,
    Loyal,
}

impl LoyaltyStage {
    /// Every stage, in ladder order.
    pub const ALL: [LoyaltyStage; 5] = [
        LoyaltyStage::Prospect,
        LoyaltyStage::New,
        LoyaltyStage::Regular,
        LoyaltyStage::Old,
        LoyaltyStage::Loyal,
    ];
    /// A stable short name.
    pub fn as_str(self) -> &'static str {
        match self {
            LoyaltyStage::Prospect => "prospect",
            LoyaltyStage::New => "new",
            LoyaltyStage::Regular => "regular",
            LoyaltyStage::Old => "old",
            LoyaltyStage::Loyal => "loyal",
        }
    }
}

/// Why a customer is on its rung.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoyaltyFacts {
    pub stage: LoyaltyStage,
    /// Distinct purchase days in all.
    pub purchase_days: u32,
    /// Days since the first purchase.
    pub tenure_days: Option<i32>,
    /// Purchase days within the last 365 days.
    pub days_last_year: u32,
}

/// Places a customer on the ladder. `days` are the purchase days up to `as_of`, ascending.
///
/// - no purchase: prospect (潜在);
/// - first purchase within `new_days`, or fewer than `regular_min_days` purchase days: new (新);
/// - relationship at least `old_days` long: loyal (忠诚) with at least `loyal_days_last_year`
///   purchase days in the last year, otherwise old (老);
/// - otherwise: regular (常).
pub fn loyalty(days: &[i32], as_of: i32, rules: &LoyaltyRules) -> LoyaltyFacts {
    let purchase_days = days.len() as u32;
    let days_last_year = days.iter().filter(|&&d| d > as_of - 365).count() as u32;
    let Some(&first) = days.first() else {
        return LoyaltyFacts {
            stage: LoyaltyStage::Prospect,
            purchase_days,
            tenure_days: None,
            days_last_year,
        };
    };
    let tenure = as_of - first;
    let stage = if tenure < rules.new_days as i32 || purchase_days < rules.regular_min_days {
        LoyaltyStage::New
    } else if tenure >= rules.old_days as i32 {
        if days_last_year >= rules.loyal_days_last_year {
            LoyaltyStage::Loyal
        } else {
            LoyaltyStage::Old
        }
    } else {
        LoyaltyStage::Regular
    };
    LoyaltyFacts {
        stage,
        purchase_days,
        tenure_days: Some(tenure),
        days_last_year,
    }
}

/// 考察 / 形成 / 稳定 / 退化.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LifecycleStage {
    Exploration,
    Formation,
    Stability,
    Decline,
}

impl LifecycleStage {
    /// Every stage, in order.
    pub const ALL: [LifecycleStage; 4] = [
        LifecycleStage::Exploration,
        LifecycleStage::Formation,
        LifecycleStage::Stability,
        LifecycleStage::Decline,
    ];
    /// A stable short name.
    pub fn as_str(self) -> &'static str {
        match self {
            LifecycleStage::Exploration => "exploration",
            LifecycleStage::Formation => "formation",
            LifecycleStage::Stability => "stability",
            LifecycleStage::Decline => "decline",
        }
    }
}

/// Why a relationship is in its stage.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LifecycleFacts {
    pub stage: LifecycleStage,
    /// Purchase days in the latest window.
    pub recent: u32,
    /// Purchase days in the window before it.
    pub previous: u32,
    /// Purchase days in all.
    pub total: u32,
}

/// The stage from the trajectory of purchase intensity. With windows of `window_days`:
///
/// - at most `exploration_max_days` purchase days in all: exploration (考察);
/// - no purchase in either window: decline (退化) — the customer has gone quiet;
/// - latest window above the previous × `rise_ratio`: formation (形成, rising);
/// - latest window below the previous × `fall_ratio`: decline (退化, falling);
/// - otherwise: stability (稳定, a plateau).
pub fn lifecycle(days: &[i32], as_of: i32, rules: &LifecycleRules) -> LifecycleFacts {
    let w = rules.window_days as i32;
    let total = days.len() as u32;
    let recent = days
        .iter()
        .filter(|&&d| d > as_of - w && d <= as_of)
        .count() as u32;
    let previous = days
        .iter()
        .filter(|&&d| d > as_of - 2 * w && d <= as_of - w)
        .count() as u32;
    let (r, p) = (f64::from(recent), f64::from(previous));
    let stage = if total <= rules.exploration_max_days {
        LifecycleStage::Exploration
    } else if recent == 0 && previous == 0 {
        LifecycleStage::Decline
    } else if r > p * rules.rise_ratio {
        LifecycleStage::Formation
    } else if r < p * rules.fall_ratio {
        LifecycleStage::Decline
    } else {
        LifecycleStage::Stability
    };
    LifecycleFacts {
        stage,
        recent,
        previous,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: i32 = 20_000;

    #[test]
    fn the_loyalty_ladder() {
        let rules = LoyaltyRules::default();
        let stage = |days: &[i32]| loyalty(days, TODAY, &rules).stage;
        assert_eq!(stage(&[]), LoyaltyStage::Prospect);
        // First purchase 100 days ago: new however often since.
        assert_eq!(
            stage(&[TODAY - 100, TODAY - 50, TODAY - 10]),
            LoyaltyStage::New
        );
        // One purchase, long ago: still new (never came back).
        assert_eq!(stage(&[TODAY - 900]), LoyaltyStage::New);
        // A year of repeat buying: regular.
        assert_eq!(stage(&[TODAY - 365, TODAY - 200]), LoyaltyStage::Regular);
        // Three years, four purchase days in the last year: loyal.
        let loyal = [
            TODAY - 1100,
            TODAY - 300,
            TODAY - 200,
            TODAY - 100,
            TODAY - 1,
        ];
        let f = loyalty(&loyal, TODAY, &rules);
        assert_eq!(
            (f.stage, f.days_last_year, f.tenure_days),
            (LoyaltyStage::Loyal, 4, Some(1100))
        );
        // Three years but only two purchase days last year: old.
        assert_eq!(
            stage(&[TODAY - 1100, TODAY - 800, TODAY - 200, TODAY - 1]),
            LoyaltyStage::Old
        );
        // The boundary of "last year" is 365 days: a purchase exactly 365 days ago is outside.
        assert_eq!(
            loyalty(&[TODAY - 900, TODAY - 365], TODAY, &rules).days_last_year,
            0
        );
    }

    #[test]
    fn lifecycle_stages_by_hand() {
        let rules = LifecycleRules::default(); // windows of 180 days, ×1.25 up, ×0.5 down
        let stage = |days: &[i32]| lifecycle(days, TODAY, &rules).stage;
        assert_eq!(stage(&[]), LifecycleStage::Exploration);
        assert_eq!(stage(&[TODAY - 3]), LifecycleStage::Exploration);
        // 3 purchase days recently, 1 before: 3 > 1.25 → formation.
        assert_eq!(
            stage(&[TODAY - 300, TODAY - 100, TODAY - 50, TODAY - 5]),
            LifecycleStage::Formation
        );
        // 4 and 4: stability; 5 vs 4 = exactly 1.25× is not above it: stability.
        let even: Vec<i32> = [200, 250, 300, 350, 10, 60, 110, 160]
            .iter()
            .map(|d| TODAY - d)
            .collect();
        assert_eq!(stage(&even), LifecycleStage::Stability);
        let f = lifecycle(
            &[
                TODAY - 200,
                TODAY - 250,
                TODAY - 300,
                TODAY - 350,
                TODAY - 1,
                TODAY - 10,
                TODAY - 20,
                TODAY - 30,
                TODAY - 40,
            ],
            TODAY,
            &rules,
        );
        assert_eq!(
            (f.recent, f.previous, f.stage),
            (5, 4, LifecycleStage::Stability)
        );
        // 1 recently against 4 before: 1 < 2 → decline.
        assert_eq!(
            stage(&[
                TODAY - 200,
                TODAY - 250,
                TODAY - 300,
                TODAY - 350,
                TODAY - 1
            ]),
            LifecycleStage::Decline
        );
        // Bought twice two years ago, nothing since: decline.
        assert_eq!(stage(&[TODAY - 800, TODAY - 700]), LifecycleStage::Decline);
        // Window edges: a purchase exactly 180 days ago belongs to the previous window.
        let f = lifecycle(&[TODAY - 180, TODAY - 179], TODAY, &rules);
        assert_eq!((f.recent, f.previous), (1, 1));
    }
}
