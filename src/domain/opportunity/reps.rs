//! Rep figures: the manager's "which rep do I send to this big deal".
//!
//! For every member, over the deals they closed in a period (a deal counts for the member who
//! owned it when it closed): how many they closed, the share won (won ÷ (won + lost)), the
//! average amount won and the average cycle of the won deals (created → closed, in days) —
//! for all deals, by deal size band and by the customer's industry.
//!
//! The suggestion for one deal ranks the active members by their record on *similar* closed
//! deals: a closed deal of the same size band and industry counts fully, one that shares only
//! the band or only the industry counts half. Members are ranked by the lower bound of the
//! 95 % Wilson score interval of their share won on those deals — the share they can be
//! trusted to reach, given how many deals it rests on — so one lucky win does not outrank a
//! long good record. Members with no similar closed deal are not suggested. Amounts are in
//! one currency; deals in others are left out.

use super::Opportunity;
use super::history::cycle_days;
use super::stage::{Outcome, Pipeline};
use crate::domain::id::Id;
use crate::domain::money::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

/// A deal's size, by its amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SizeBand {
    /// Under 10,000.
    Small,
    /// 10,000 to under 100,000.
    Medium,
    /// 100,000 to under 1,000,000.
    Large,
    /// 1,000,000 and more.
    Major,
}

impl SizeBand {
    pub const ALL: [SizeBand; 4] = [
        SizeBand::Small,
        SizeBand::Medium,
        SizeBand::Large,
        SizeBand::Major,
    ];

    /// The band of an amount.
    pub fn of(amount: Decimal) -> SizeBand {
        if amount < Decimal::from(10_000) {
            SizeBand::Small
        } else if amount < Decimal::from(100_000) {
            SizeBand::Medium
        } else if amount < Decimal::from(1_000_000) {
            SizeBand::Large
        } else {
            SizeBand::Major
        }
    }
}

/// A member's closed deals counted together.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    pub won: u32,
    pub lost: u32,
    pub won_amount: Decimal,
    /// Days from creation to close, added up over the won deals.
    pub won_days: i64,
}

impl Record {
    fn add(&mut self, won: bool, amount: Decimal, days: i64) {
        if won {
            self.won += 1;
            self.won_amount += amount;
            self.won_days += days;
        } else {
            self.lost += 1;
        }
    }

    /// Deals closed.
    pub fn closed(&self) -> u32 {
        self.won + self.lost
    }

    /// Won ÷ closed, when any closed.
    pub fn win_rate(&self) -> Option<f64> {
        (self.closed() > 0).then(|| f64::from(self.won) / f64::from(self.closed()))
    }

    /// The average amount won, when any was won.
    pub fn average_won(&self) -> Option<Decimal> {
        (self.won > 0).then(|| self.won_amount / Decimal::from(self.won))
    }

    /// The average cycle of the won deals in days, when any was won.
    pub fn average_cycle(&self) -> Option<f64> {
        (self.won > 0).then(|| self.won_days as f64 / f64::from(self.won))
    }
}

/// One member's figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RepFigures {
    /// `None`: deals nobody owned when they closed.
    pub member: Option<Id>,
    pub all: Record,
    pub by_band: BTreeMap<SizeBand, Record>,
    /// By the customer's industry ("" when not recorded).
    pub by_industry: BTreeMap<String, Record>,
}

/// A closed deal as the figures see it.
struct Closed<'a> {
    owner: Option<Id>,
    won: bool,
    amount: Decimal,
    days: i64,
    band: SizeBand,
    industry: &'a str,
}

fn closed<'a>(
    o: &Opportunity,
    pipeline: &Pipeline,
    currency: Currency,
    industry_of: &impl Fn(Id) -> &'a str,
) -> Option<(NaiveDate, Closed<'a>)> {
    let c = o.closing.as_ref()?;
    if o.deleted_at.is_some() || o.amount.currency != currency {
        return None;
    }
    let won = match o.outcome(pipeline) {
        Outcome::Won => true,
        Outcome::Lost => false,
        Outcome::Open => return None,
    };
    Some((
        c.date,
        Closed {
            owner: o.owner_id,
            won,
            amount: o.amount.amount,
            days: cycle_days(o, c.at),
            band: SizeBand::of(o.amount.amount),
            industry: industry_of(o.customer_id),
        },
    ))
}

/// Every member's figures over the deals in `currency` closed from `from` to `to` (both
/// included), the most won first.
pub fn rep_figures<'a, 'd>(
    deals: impl IntoIterator<Item = &'d Opportunity>,
    pipeline: &Pipeline,
    currency: Currency,
    industry_of: impl Fn(Id) -> &'a str,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<RepFigures> {
    let mut by: HashMap<Option<Id>, RepFigures> = HashMap::new();
    for (date, c) in deals
        .into_iter()
        .filter_map(|o| closed(o, pipeline, currency, &industry_of))
    {
        if date < from || date > to {
            continue;
        }
        let f = by.entry(c.owner).or_insert_with(|| RepFigures {
            member: c.owner,
            ..RepFigures::default()
        });
        f.all.add(c.won, c.amount, c.days);
        f.by_band
            .entry(c.band)
            .or_default()
            .add(c.won, c.amount, c.days);
        f.by_industry
            .entry(c.industry.to_string())
            .or_default()
            .add(c.won, c.amount, c.days);
    }
    let mut v: Vec<RepFigures> = by.into_values().collect();
    v.sort_by(|a, b| {
        a.member
            .is_none()
            .cmp(&b.member.is_none())
            .then(b.all.won_amount.cmp(&a.all.won_amount))
            .then(b.all.won.cmp(&a.all.won))
            .then(a.member.cmp(&b.member))
    });
    v
}

/// A member suggested for a deal, with the record behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub member: Id,
    /// Closed deals of the same band and industry.
    pub alike: Record,
    /// Closed deals sharing only the band or only the industry.
    pub partly: Record,
    /// The lower bound of the 95 % Wilson interval of the share won on similar deals, 0–1.
    pub score: f64,
}

impl Suggestion {
    /// Similar deals won and closed, each partly similar one counting half.
    pub fn weighted(&self) -> (f64, f64) {
        (
            f64::from(self.alike.won) + 0.5 * f64::from(self.partly.won),
            f64::from(self.alike.closed()) + 0.5 * f64::from(self.partly.closed()),
        )
    }
}

/// The members of `active` best placed to win `deal`, best first, at most `limit`. The
/// customer's industry comes from `industry_of`; the record is every closed deal in the
/// deal's currency, whenever it closed.
pub fn suggest<'a, 'd>(
    deal: &Opportunity,
    deals: impl IntoIterator<Item = &'d Opportunity>,
    pipeline: &Pipeline,
    industry_of: impl Fn(Id) -> &'a str,
    active: &[Id],
    limit: usize,
) -> Vec<Suggestion> {
    let band = SizeBand::of(deal.amount.amount);
    let industry = industry_of(deal.customer_id).to_string();
    let mut by: HashMap<Id, (Record, Record)> = HashMap::new();
    for (_, c) in deals
        .into_iter()
        .filter(|o| o.id != deal.id)
        .filter_map(|o| closed(o, pipeline, deal.amount.currency, &industry_of))
    {
        let Some(owner) = c.owner.filter(|m| active.contains(m)) else {
            continue;
        };
        let same_band = c.band == band;
        let same_industry = !industry.is_empty() && c.industry == industry;
        let (alike, partly) = by.entry(owner).or_default();
        match (same_band, same_industry) {
            (true, true) => alike.add(c.won, c.amount, c.days),
            (true, false) | (false, true) => partly.add(c.won, c.amount, c.days),
            (false, false) => {}
        }
    }
    let mut v: Vec<Suggestion> = by
        .into_iter()
        .filter(|(_, (a, p))| a.closed() + p.closed() > 0)
        .map(|(member, (alike, partly))| {
            let mut s = Suggestion {
                member,
                alike,
                partly,
                score: 0.0,
            };
            let (won, closed) = s.weighted();
            s.score = wilson_lower(won, closed);
            s
        })
        .collect();
    v.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.weighted().1.total_cmp(&a.weighted().1))
            .then(a.member.cmp(&b.member))
    });
    v.truncate(limit);
    v
}

/// The lower bound of the 95 % Wilson score interval for `won` successes in `n` trials
/// (Wilson 1927; `n` may be fractional, as partly similar deals count half).
pub fn wilson_lower(won: f64, n: f64) -> f64 {
    if n <= 0.0 {
        return 0.0;
    }
    const Z: f64 = 1.96;
    let p = won / n;
    let z2 = Z * Z;
    let centre = p + z2 / (2.0 * n);
    let spread = Z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - spread) / (1.0 + z2 / n)).max(0.0)
}
