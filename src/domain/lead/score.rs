//! The qualification score (0–100) of a lead, in two halves that are shown with the figures
//! behind them, like the customer classes.
//!
//! **Fit (0–50)**: how like the lead is to the customers who became valuable — those the
//! analysis classes as VIP or important. For each of four attributes (organisation or person,
//! industry, province — the first word of the region — and source), the share of valuable
//! customers among those with the lead's value is smoothed toward the share among all
//! customers, `p_v = (valuable_v + K·p) / (n_v + K)` with `K` = [`SMOOTHING`], so a value seen
//! on two customers does not swing the score. The attribute scores `p_v / (p_v + p)`: 0.5 for
//! an average value (or an unknown one), above for values where valuable customers are
//! common, below where they are rare. Fit = 50 × the mean of the four.
//!
//! **Engagement (0–50)**: what has happened with the lead. Each logged interaction counts by
//! its way of contact (a visit or meeting 3, a call or event 2, an e-mail or WeChat message
//! 1, an internal note 0), halved for every [`HALF_LIFE_DAYS`] since it happened; the sum
//! `E` gives 50 × (1 − e^(−E / [`SATURATION`])), so the first touches count most and a
//! lead nobody has spoken to for months cools down.

use super::{Lead, LeadSource};
use crate::domain::customer::{Party, Source};
use crate::domain::interaction::{Channel, Interaction};
use crate::domain::time::Timestamp;
use std::collections::HashMap;

/// Weight of the overall share when smoothing an attribute value's share.
pub const SMOOTHING: f64 = 5.0;
/// Days after which an interaction counts half.
pub const HALF_LIFE_DAYS: f64 = 30.0;
/// The engagement sum at which 63 % of the engagement points are reached.
pub const SATURATION: f64 = 4.0;
/// Points of each half.
pub const HALF: f64 = 50.0;

/// An attribute the fit compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Attribute {
    /// Organisation or private person.
    Party,
    Industry,
    /// The first word of the region (the province).
    Province,
    Source,
}

impl Attribute {
    pub const ALL: [Attribute; 4] = [
        Attribute::Party,
        Attribute::Industry,
        Attribute::Province,
        Attribute::Source,
    ];
}

/// One customer as the fit sees it.
#[derive(Clone, Debug)]
pub struct Profile {
    pub party: Party,
    pub industry: String,
    pub region: String,
    pub source: Source,
    /// Classed VIP or important.
    pub valuable: bool,
}

/// The value of `attribute` compared: trimmed and lower case; the province is the region's
/// first word ("浙江 杭州" → "浙江"); empty when unknown.
fn key(attribute: Attribute, party: Party, industry: &str, region: &str, source: Source) -> String {
    match attribute {
        Attribute::Party => match party {
            Party::Organisation => "organisation".into(),
            Party::Individual => "individual".into(),
        },
        Attribute::Industry => industry.trim().to_lowercase(),
        Attribute::Province => region
            .split([' ', '/', '·', ',', '，', '-'])
            .find(|w| !w.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_lowercase(),
        // "Other" says nothing about where the customer came from.
        Attribute::Source => match source {
            Source::Other => String::new(),
            s => format!("{s:?}"),
        },
    }
}

/// Customers and valuable customers by attribute value.
#[derive(Clone, Debug, Default)]
pub struct FitModel {
    pub customers: u32,
    pub valuable: u32,
    counts: HashMap<(Attribute, String), (u32, u32)>,
}

/// One attribute's part of a lead's fit.
#[derive(Clone, Debug, PartialEq)]
pub struct FitPart {
    pub attribute: Attribute,
    /// The lead's value as written ("" when unknown).
    pub value: String,
    /// Customers with that value, and how many of them became valuable.
    pub customers: u32,
    pub valuable: u32,
    /// The smoothed share of valuable customers for that value.
    pub share: f64,
    /// `share / (share + overall share)`, 0–1.
    pub score: f64,
}

/// The fit half of the score.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// The share of valuable customers among all (`None` when there is no valuable customer
    /// yet, and nothing to compare with: every lead then gets half the points).
    pub base: Option<f64>,
    pub parts: Vec<FitPart>,
    pub points: f64,
}

impl FitModel {
    /// Counts the customers (those in the trash left out by the caller).
    pub fn build<'a>(customers: impl IntoIterator<Item = &'a Profile>) -> Self {
        let mut m = FitModel::default();
        for c in customers {
            m.add(c);
        }
        m
    }

    /// Counts one more customer (a model built a part at a time).
    pub fn add(&mut self, c: &Profile) {
        self.customers += 1;
        self.valuable += u32::from(c.valuable);
        for a in Attribute::ALL {
            let k = key(a, c.party, &c.industry, &c.region, c.source);
            if k.is_empty() {
                continue;
            }
            let e = self.counts.entry((a, k)).or_default();
            e.0 += 1;
            e.1 += u32::from(c.valuable);
        }
    }

    /// How like `lead` is to the valuable customers.
    pub fn fit(&self, lead: &Lead) -> Fit {
        let party = if lead.company.trim().is_empty() {
            Party::Individual
        } else {
            Party::Organisation
        };
        let source = match lead.source {
            LeadSource::Other => Source::Other,
            s => s.customer_source(),
        };
        let base =
            (self.valuable > 0).then(|| f64::from(self.valuable) / f64::from(self.customers));
        let parts: Vec<FitPart> = Attribute::ALL
            .into_iter()
            .map(|a| {
                let k = key(a, party, &lead.industry, &lead.region, source);
                let (n, v) = if k.is_empty() {
                    (0, 0)
                } else {
                    self.counts.get(&(a, k)).copied().unwrap_or_default()
                };
                let value = match a {
                    Attribute::Party => String::new(),
                    Attribute::Industry => lead.industry.trim().to_string(),
                    Attribute::Province => key(a, party, "", &lead.region, source),
                    Attribute::Source => String::new(),
                };
                let (share, score) = match base {
                    Some(p) => {
                        let share = (f64::from(v) + SMOOTHING * p) / (f64::from(n) + SMOOTHING);
                        (share, share / (share + p))
                    }
                    None => (0.0, 0.5),
                };
                FitPart {
                    attribute: a,
                    value,
                    customers: n,
                    valuable: v,
                    share,
                    score,
                }
            })
            .collect();
        let mean = parts.iter().map(|p| p.score).sum::<f64>() / parts.len() as f64;
        Fit {
            base,
            points: HALF * mean,
            parts,
        }
    }
}

/// What an interaction's way of contact counts for.
pub fn channel_weight(c: Channel) -> f64 {
    match c {
        Channel::Visit | Channel::Meeting => 3.0,
        Channel::Call | Channel::Event => 2.0,
        Channel::Email | Channel::WeChat => 1.0,
        Channel::Note => 0.0,
    }
}

/// The engagement half of the score.
#[derive(Clone, Debug, PartialEq)]
pub struct Engagement {
    /// Interactions with the lead (internal notes left out).
    pub touches: u32,
    /// The most recent of them.
    pub last: Option<Timestamp>,
    /// Their weights, each decayed by its age.
    pub sum: f64,
    pub points: f64,
}

/// The engagement of a lead with `interactions` (its own), at `now`.
pub fn engagement<'a>(
    interactions: impl IntoIterator<Item = &'a Interaction>,
    now: Timestamp,
) -> Engagement {
    let mut e = Engagement {
        touches: 0,
        last: None,
        sum: 0.0,
        points: 0.0,
    };
    for i in interactions {
        let w = channel_weight(i.channel);
        if w == 0.0 {
            continue;
        }
        e.touches += 1;
        e.last = e.last.max(Some(i.at));
        let days = ((now.0 - i.at.0).max(0) as f64) / 86_400_000.0;
        e.sum += w * 0.5f64.powf(days / HALF_LIFE_DAYS);
    }
    e.points = HALF * (1.0 - (-e.sum / SATURATION).exp());
    e
}

/// Hot, warm or cold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Band {
    /// 70 and above.
    Hot,
    /// 40 to 69.
    Warm,
    /// Below 40.
    Cold,
}

impl Band {
    pub const ALL: [Band; 3] = [Band::Hot, Band::Warm, Band::Cold];

    /// The band of a score.
    pub fn of(score: u8) -> Band {
        match score {
            70.. => Band::Hot,
            40.. => Band::Warm,
            _ => Band::Cold,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Band::Hot => "hot",
            Band::Warm => "warm",
            Band::Cold => "cold",
        }
    }

    pub fn parse(s: &str) -> Option<Band> {
        Band::ALL.into_iter().find(|b| b.as_str() == s)
    }
}

/// A lead's score with both halves.
#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    pub fit: Fit,
    pub engagement: Engagement,
    /// fit + engagement, rounded.
    pub total: u8,
}

impl Score {
    pub fn band(&self) -> Band {
        Band::of(self.total)
    }
}

/// The score of `lead` with its own `interactions` at `now`.
pub fn score<'a>(
    model: &FitModel,
    lead: &Lead,
    interactions: impl IntoIterator<Item = &'a Interaction>,
    now: Timestamp,
) -> Score {
    let fit = model.fit(lead);
    let engagement = engagement(interactions, now);
    let total = (fit.points + engagement.points).round().clamp(0.0, 100.0) as u8;
    Score {
        fit,
        engagement,
        total,
    }
}

#[cfg(test)]
mod tests;
