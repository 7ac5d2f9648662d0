//! The user's analysis settings: periods, cut-offs and rules, all with documented defaults.

use crate::domain::money::Currency;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What "value" means for importance and the value quadrant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ValueBasis {
    /// Revenue (what the customer paid).
    #[default]
    Revenue,
    /// Gross margin where recorded (purchases without a margin count as zero).
    Margin,
}

/// Rules of the loyalty ladder 潜在 → 新 → 常 → 老 → 忠诚.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoyaltyRules {
    /// A customer whose first purchase is this recent is new (days).
    pub new_days: u32,
    /// Purchase days needed to become a regular (常客户) rather than a one-off new customer.
    pub regular_min_days: u32,
    /// Relationship length that makes a customer old (老客户), in days since the first purchase.
    pub old_days: u32,
    /// Purchase days within the last 365 days that make an old customer loyal (忠诚客户).
    pub loyal_days_last_year: u32,
}

impl Default for LoyaltyRules {
    fn default() -> Self {
        LoyaltyRules {
            new_days: 180,
            regular_min_days: 2,
            old_days: 730,
            loyal_days_last_year: 4,
        }
    }
}

/// Rules of the lifecycle stages 考察 → 形成 → 稳定 → 退化, from purchase intensity in two
/// consecutive windows (the latest and the one before).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LifecycleRules {
    /// Length of each window, in days.
    pub window_days: u32,
    /// A customer with at most this many purchase days in all is still exploring.
    pub exploration_max_days: u32,
    /// Latest window above previous × this: the relationship is forming (rising).
    pub rise_ratio: f64,
    /// Latest window below previous × this: the relationship is declining.
    pub fall_ratio: f64,
}

impl Default for LifecycleRules {
    fn default() -> Self {
        LifecycleRules {
            window_days: 180,
            exploration_max_days: 1,
            rise_ratio: 1.25,
            fall_ratio: 0.5,
        }
    }
}

/// Everything the analysis can be told.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalysisConfig {
    /// The date the analysis describes (the end of the models' calibration period); today when
    /// not set. Purchases after it are left out.
    pub calibration: Option<NaiveDate>,
    /// Horizon of the purchase prediction and lifetime value, in weeks.
    pub horizon_weeks: u32,
    /// Yearly discount rate for lifetime value (0.10 = 10 %).
    pub annual_discount: f64,
    /// What importance and the value quadrant measure.
    pub basis: ValueBasis,
    /// Period over which importance and current value are measured, in days up to the date.
    pub period_days: u32,
    /// Customers making up this share of value, from the top, are VIP (贵宾).
    pub vip_share: f64,
    /// ...and up to this share are important (重要); the rest are ordinary.
    pub important_share: f64,
    /// Loyalty ladder.
    pub loyalty: LoyaltyRules,
    /// Lifecycle stages.
    pub lifecycle: LifecycleRules,
    /// Customers at or above this quantile of current value count as high value (0.5: median).
    pub high_value_quantile: f64,
    /// Predicted value ahead must exceed current value by this share to count as high
    /// potential (0: any growth).
    pub growth_threshold: f64,
    /// Yuan per unit of each other currency, to put all purchases on one scale.
    pub rates: Vec<(Currency, f64)>,
}

impl Default for AnalysisConfig {
    fn default() -> Self {
        AnalysisConfig {
            calibration: None,
            horizon_weeks: 52,
            annual_discount: 0.10,
            basis: ValueBasis::Revenue,
            period_days: 365,
            vip_share: 0.80,
            important_share: 0.95,
            loyalty: LoyaltyRules::default(),
            lifecycle: LifecycleRules::default(),
            high_value_quantile: 0.5,
            growth_threshold: 0.0,
            // Starting values for the user to adjust; amounts in these currencies are converted
            // with whatever rates the user keeps here.
            rates: vec![
                (Currency::Usd, 7.1),
                (Currency::Eur, 7.7),
                (Currency::Hkd, 0.91),
                (Currency::Jpy, 0.047),
                (Currency::Gbp, 9.0),
            ],
        }
    }
}

impl AnalysisConfig {
    /// The date to analyse as of, given today's date.
    pub fn as_of(&self, today: NaiveDate) -> NaiveDate {
        self.calibration.filter(|d| *d <= today).unwrap_or(today)
    }

    /// Yuan per unit of a currency.
    pub fn rate(&self, c: Currency) -> f64 {
        if c == Currency::Cny {
            return 1.0;
        }
        self.rates
            .iter()
            .find(|(k, _)| *k == c)
            .map_or(0.0, |(_, r)| *r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calibration_date_defaults_to_today_and_never_lies_ahead() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut cfg = AnalysisConfig::default();
        assert_eq!(cfg.as_of(today), today);
        let earlier = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        cfg.calibration = Some(earlier);
        assert_eq!(cfg.as_of(today), earlier);
        cfg.calibration = Some(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        assert_eq!(
            cfg.as_of(today),
            today,
            "a future date would predict from nothing"
        );
        assert_eq!(cfg.rate(Currency::Cny), 1.0);
        assert_eq!(cfg.rate(Currency::Usd), 7.1);
    }
}
