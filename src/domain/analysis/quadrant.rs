//! The customer value matrix (客户价值矩阵): current value × growth potential, each quadrant
//! with its strategy and resource level (seed 002).

use serde::{Deserialize, Serialize};

/// 铅 / 铁 / 黄金 / 铂金.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Quadrant {
    /// Low value, low potential: invest nothing, end the relationship.
    Lead,
    /// Low value, high potential: invest moderately, rebuild the relationship.
    Iron,
    /// High value, low potential: invest heavily, keep the relationship at its level.
    Gold,
    /// High value, high potential: top priority, grow the relationship by all means.
    Platinum,
}

impl Quadrant {
    /// Every quadrant, most valuable first.
    pub const ALL: [Quadrant; 4] = [
        Quadrant::Platinum,
        Quadrant::Gold,
        Quadrant::Iron,
        Quadrant::Lead,
    ];
    /// A stable short name.
    pub fn as_str(self) -> &'static str {
        match self {
            Quadrant::Lead => "lead",
            Quadrant::Iron => "iron",
            Quadrant::Gold => "gold",
            Quadrant::Platinum => "platinum",
        }
    }
    /// The quadrant of a value/potential pair.
    pub fn of(high_value: bool, high_potential: bool) -> Quadrant {
        match (high_value, high_potential) {
            (true, true) => Quadrant::Platinum,
            (true, false) => Quadrant::Gold,
            (false, true) => Quadrant::Iron,
            (false, false) => Quadrant::Lead,
        }
    }
}

/// Why a customer is in its quadrant.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuadrantFacts {
    pub class: Quadrant,
    /// Value over the last period (yuan).
    pub current: f64,
    /// Predicted value over the same length of time ahead (yuan).
    pub ahead: f64,
    /// The current value from which a customer counts as high value.
    pub value_cut: f64,
    /// Growth ahead must exceed current × (1 + this) to count as high potential.
    pub growth_threshold: f64,
}

/// Places a customer: high value when `current` reaches `value_cut` (and is positive); high
/// potential when `ahead` exceeds `current × (1 + growth_threshold)`.
pub fn classify(current: f64, ahead: f64, value_cut: f64, growth_threshold: f64) -> QuadrantFacts {
    let high_value = current > 0.0 && current >= value_cut;
    let high_potential = ahead > 0.0 && ahead > current * (1.0 + growth_threshold);
    QuadrantFacts {
        class: Quadrant::of(high_value, high_potential),
        current,
        ahead,
        value_cut,
        growth_threshold,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_quadrants() {
        assert_eq!(
            classify(10_000.0, 15_000.0, 5_000.0, 0.0).class,
            Quadrant::Platinum
        );
        assert_eq!(
            classify(10_000.0, 8_000.0, 5_000.0, 0.0).class,
            Quadrant::Gold
        );
        assert_eq!(
            classify(1_000.0, 3_000.0, 5_000.0, 0.0).class,
            Quadrant::Iron
        );
        assert_eq!(classify(1_000.0, 500.0, 5_000.0, 0.0).class, Quadrant::Lead);
        // At the cut is high value; equal ahead and current is not growth.
        assert_eq!(
            classify(5_000.0, 5_000.0, 5_000.0, 0.0).class,
            Quadrant::Gold
        );
        // A 20 % threshold: 10 % growth is not enough.
        assert_eq!(
            classify(10_000.0, 11_000.0, 5_000.0, 0.2).class,
            Quadrant::Gold
        );
        assert_eq!(
            classify(10_000.0, 12_500.0, 5_000.0, 0.2).class,
            Quadrant::Platinum
        );
        // Nothing now, something ahead: iron (worth rebuilding).
        assert_eq!(classify(0.0, 100.0, 0.0, 0.0).class, Quadrant::Iron);
    }
}
