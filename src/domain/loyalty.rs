//! Loyalty (客户忠诚, seed 002): the eight indicators, a combined score and the form of loyalty.
//!
//! Four indicators are computed from the records: repeat purchases, share of the customer's
//! total need bought from us (when recorded in the customer file), price sensitivity (purchases
//! at full price rather than at a discount) and tolerance of incidents (buying again after a
//! complaint). The other four only the account owner can judge, so they are rated 1–5: attention
//! to our brand, time taken to choose (quick = loyal), attitude to competitors' products and
//! identification with the product. Each indicator scores 0–100; behaviour is the mean of the
//! computed ones that have data, attitude the mean of the rated ones; the score is the mean of
//! the two (or the one available). A customer is behaviourally loyal from [`LOYAL_FROM`] on
//! behaviour, emotionally loyal from it on attitude, and sustainably loyal with both.

use crate::domain::complaint::Complaint;
use crate::domain::id::Id;
use crate::domain::purchase::Purchase;
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};

/// Repeat purchase days that score full marks.
pub const FULL_REPEATS: u32 = 12;
/// Score from which behaviour or attitude counts as loyal.
pub const LOYAL_FROM: f64 = 60.0;

/// The account owner's ratings of the four attitude indicators, 1 (weak) to 5 (strong).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerRatings {
    /// The customer.
    pub customer_id: Id,
    /// Attention to our brand (关注程度).
    pub brand_attention: Option<u8>,
    /// How quickly they choose us (选择时间: quick = 5).
    pub choice_speed: Option<u8>,
    /// Indifference to competitors' products (对竞争产品的态度: indifferent = 5).
    pub competitor_indifference: Option<u8>,
    /// Identification with the product (对产品的认同度).
    pub identification: Option<u8>,
    /// When last rated.
    pub rated_at: Option<Timestamp>,
    /// Times written (see `domain::record::Rev`); records stored before revisions read as 1.
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: crate::domain::record::Rev,
}

impl OwnerRatings {
    /// No rating yet.
    pub fn new(customer_id: Id) -> Self {
        OwnerRatings {
            rev: crate::domain::record::Rev::default(),
            customer_id,
            brand_attention: None,
            choice_speed: None,
            competitor_indifference: None,
            identification: None,
            rated_at: None,
        }
    }
    /// The four ratings in display order.
    pub fn all(&self) -> [Option<u8>; 4] {
        [
            self.brand_attention,
            self.choice_speed,
            self.competitor_indifference,
            self.identification,
        ]
    }
    /// Sets rating `i` (in [`OwnerRatings::all`] order); values outside 1–5 clear it.
    pub fn set(&mut self, i: usize, value: Option<u8>) {
        let v = value.filter(|v| (1..=5).contains(v));
        match i {
            0 => self.brand_attention = v,
            1 => self.choice_speed = v,
            2 => self.competitor_indifference = v,
            _ => self.identification = v,
        }
    }
}

/// The eight indicators in the texts' order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Indicator {
    RepeatPurchases,
    ShareOfWallet,
    BrandAttention,
    ChoiceTime,
    PriceSensitivity,
    CompetitorAttitude,
    Tolerance,
    Identification,
}

impl Indicator {
    /// Every indicator, in the texts' order.
    pub const ALL: [Indicator; 8] = [
        Indicator::RepeatPurchases,
        Indicator::ShareOfWallet,
        Indicator::BrandAttention,
        Indicator::ChoiceTime,
        Indicator::PriceSensitivity,
        Indicator::CompetitorAttitude,
        Indicator::Tolerance,
        Indicator::Identification,
    ];
    /// The attitude indicators, rated by the owner, in [`OwnerRatings::all`] order.
    pub const RATED: [Indicator; 4] = [
        Indicator::BrandAttention,
        Indicator::ChoiceTime,
        Indicator::CompetitorAttitude,
        Indicator::Identification,
    ];
    /// Whether the owner rates it (otherwise it is computed from the records).
    pub fn is_rated(self) -> bool {
        Self::RATED.contains(&self)
    }
}

/// The figures behind one indicator.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Evidence {
    /// Distinct purchase days after the first.
    Repeats(u32),
    /// Share of wallet recorded in the customer file (%).
    Share(u8),
    /// Purchases at full price out of all purchases.
    FullPrice { full: usize, total: usize },
    /// Complaints followed by a later purchase, out of complaints received before the last
    /// purchase could have followed (all of them).
    BoughtAfter { kept: usize, complaints: usize },
    /// The owner's rating, 1–5.
    Rating(u8),
}

/// One indicator's score (0–100) and its figures; `None` when there is no data.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reading {
    pub indicator: Indicator,
    pub score: Option<f64>,
    pub evidence: Option<Evidence>,
}

/// The form of loyalty (seed 002).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Form {
    /// 行为忠诚: buys again and again, without attachment.
    Behavioural,
    /// 精神忠诚: attached, without (yet) buying accordingly.
    Emotional,
    /// 可持续忠诚: both.
    Sustainable,
    /// Neither yet.
    NotYet,
}

/// A customer's loyalty.
#[derive(Clone, Debug, PartialEq)]
pub struct Loyalty {
    /// All eight, in [`Indicator::ALL`] order.
    pub readings: Vec<Reading>,
    /// Mean of the computed indicators with data.
    pub behaviour: Option<f64>,
    /// Mean of the rated indicators.
    pub attitude: Option<f64>,
    /// Mean of behaviour and attitude (or the one available).
    pub score: Option<f64>,
    pub form: Form,
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// The loyalty of a customer from their purchases, complaints, recorded share of wallet and the
/// owner's ratings. `offset_minutes` (the local UTC offset) gives the day a complaint came in.
pub fn assess(
    purchases: &[Purchase],
    complaints: &[Complaint],
    share_of_wallet: Option<u8>,
    ratings: &OwnerRatings,
    offset_minutes: i32,
) -> Loyalty {
    let mut days: Vec<_> = purchases.iter().map(|p| p.date).collect();
    days.sort_unstable();
    days.dedup();
    let last_purchase = purchases.iter().map(|p| p.date).max();
    let reading = |indicator, score: Option<f64>, evidence| Reading {
        indicator,
        score,
        evidence: score.and(evidence),
    };
    let repeats = days.len().saturating_sub(1) as u32;
    let repeat = reading(
        Indicator::RepeatPurchases,
        (!days.is_empty())
            .then(|| f64::from(repeats.min(FULL_REPEATS)) / f64::from(FULL_REPEATS) * 100.0),
        Some(Evidence::Repeats(repeats)),
    );
    let share = reading(
        Indicator::ShareOfWallet,
        share_of_wallet.map(|s| f64::from(s.min(100))),
        share_of_wallet.map(Evidence::Share),
    );
    let full = purchases.iter().filter(|p| !p.discounted).count();
    let price = reading(
        Indicator::PriceSensitivity,
        (!purchases.is_empty()).then(|| full as f64 / purchases.len() as f64 * 100.0),
        Some(Evidence::FullPrice {
            full,
            total: purchases.len(),
        }),
    );
    // A complaint is tolerated when the customer bought again on a later day.
    let kept = complaints
        .iter()
        .filter(|c| last_purchase.is_some_and(|d| d > c.received_at.local_date(offset_minutes)))
        .count();
    let tolerance = reading(
        Indicator::Tolerance,
        (!complaints.is_empty()).then(|| kept as f64 / complaints.len() as f64 * 100.0),
        Some(Evidence::BoughtAfter {
            kept,
            complaints: complaints.len(),
        }),
    );
    let rated: Vec<Reading> = Indicator::RATED
        .into_iter()
        .zip(ratings.all())
        .map(|(indicator, r)| Reading {
            indicator,
            score: r.map(|r| f64::from(r.clamp(1, 5) - 1) / 4.0 * 100.0),
            evidence: r.map(Evidence::Rating),
        })
        .collect();
    let computed = [repeat, share, price, tolerance];
    let behaviour = mean(computed.iter().filter_map(|r| r.score));
    let attitude = mean(rated.iter().filter_map(|r| r.score));
    let score = mean(behaviour.into_iter().chain(attitude));
    let loyal = |v: Option<f64>| v.is_some_and(|v| v >= LOYAL_FROM);
    let form = match (loyal(behaviour), loyal(attitude)) {
        (true, true) => Form::Sustainable,
        (true, false) => Form::Behavioural,
        (false, true) => Form::Emotional,
        (false, false) => Form::NotYet,
    };
    let readings = Indicator::ALL
        .into_iter()
        .map(|i| {
            *computed
                .iter()
                .chain(&rated)
                .find(|r| r.indicator == i)
                .expect("every indicator is read")
        })
        .collect();
    Loyalty {
        readings,
        behaviour,
        attitude,
        score,
        form,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::complaint::ComplaintInput;
    use crate::domain::money::Currency;
    use crate::domain::summary::tests::purchase;
    use chrono::NaiveDate;

    const NOW: Timestamp = Timestamp(1_795_420_800_000); // 2026-11-23T08:00Z

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn indicators_worked_by_hand() {
        let c = Id::generate();
        // Purchases on 4 distinct days (two on 1 March): 3 repeats → 3/12 = 25.
        // 5 purchases, 1 at a discount: full price 4/5 = 80.
        let mut ps = vec![
            purchase(c, day(2026, 3, 1), "100", Currency::Cny, None),
            purchase(c, day(2026, 3, 1), "100", Currency::Cny, None),
            purchase(c, day(2026, 5, 1), "100", Currency::Cny, None),
            purchase(c, day(2026, 7, 1), "100", Currency::Cny, None),
            purchase(c, day(2026, 9, 1), "100", Currency::Cny, None),
        ];
        ps[2].discounted = true;
        // Two complaints: one in June (bought again in July), one in October (nothing since):
        // tolerance 1/2 = 50.
        let complaint = |at: &str| {
            ComplaintInput {
                received_at: at.into(),
                description: "问题".into(),
                ..ComplaintInput::default()
            }
            .validate(c, None, NOW, 480)
            .unwrap()
        };
        let cs = vec![complaint("2026-06-10T10:00"), complaint("2026-10-10T10:00")];
        // Share of wallet 40 %. Ratings 5, 4, 3, unrated: 100, 75, 50 → attitude 75.
        let ratings = OwnerRatings {
            brand_attention: Some(5),
            choice_speed: Some(4),
            competitor_indifference: Some(3),
            ..OwnerRatings::new(c)
        };
        let l = assess(&ps, &cs, Some(40), &ratings, 480);
        let score = |i: Indicator| l.readings.iter().find(|r| r.indicator == i).unwrap().score;
        assert_eq!(score(Indicator::RepeatPurchases), Some(25.0));
        assert_eq!(score(Indicator::ShareOfWallet), Some(40.0));
        assert_eq!(score(Indicator::PriceSensitivity), Some(80.0));
        assert_eq!(score(Indicator::Tolerance), Some(50.0));
        assert_eq!(score(Indicator::Identification), None);
        // Behaviour (25 + 40 + 80 + 50) / 4 = 48.75; attitude 75; score 61.875.
        assert_eq!(l.behaviour, Some(48.75));
        assert_eq!(l.attitude, Some(75.0));
        assert_eq!(l.score, Some(61.875));
        assert_eq!(l.form, Form::Emotional);
        assert_eq!(
            l.readings.iter().map(|r| r.indicator).collect::<Vec<_>>(),
            Indicator::ALL.to_vec()
        );
        assert_eq!(
            l.readings[6].evidence,
            Some(Evidence::BoughtAfter {
                kept: 1,
                complaints: 2
            })
        );
    }

    #[test]
    fn forms_of_loyalty() {
        let c = Id::generate();
        // Thirteen monthly purchases at full price: repeats 12 → 100, price 100 → behaviour 100.
        let ps: Vec<Purchase> = (1..=12)
            .map(|m| purchase(c, day(2025, m, 1), "100", Currency::Cny, None))
            .chain([purchase(c, day(2026, 1, 1), "100", Currency::Cny, None)])
            .collect();
        let none = OwnerRatings::new(c);
        let l = assess(&ps, &[], None, &none, 480);
        assert_eq!(l.behaviour, Some(100.0));
        assert_eq!(l.attitude, None);
        assert_eq!(l.score, Some(100.0));
        assert_eq!(l.form, Form::Behavioural);
        let fond = OwnerRatings {
            brand_attention: Some(4),
            choice_speed: Some(4),
            competitor_indifference: Some(4),
            identification: Some(4),
            ..OwnerRatings::new(c)
        };
        assert_eq!(assess(&ps, &[], None, &fond, 480).form, Form::Sustainable);
        // A prospect: nothing computed, nothing rated.
        let p = assess(&[], &[], None, &none, 480);
        assert_eq!((p.behaviour, p.attitude, p.score), (None, None, None));
        assert_eq!(p.form, Form::NotYet);
    }

    #[test]
    fn ratings_outside_one_to_five_are_cleared() {
        let mut r = OwnerRatings::new(Id::generate());
        r.set(3, Some(5));
        r.set(0, Some(9));
        assert_eq!(r.all(), [None, None, None, Some(5)]);
    }
}
