//! The forecast: what the open pipeline is expected to bring, month by month and owner by
//! owner, next to what was won in the months before.
//!
//! The rule, as the page states it:
//! - an open deal counts in the month of its expected close date, at its amount (best case)
//!   and at its amount × probability (weighted);
//! - an open deal whose close date has passed is *overdue*: it is not spread over past months
//!   (where it would hide) but shown on its own, and it is left out of the expected figures
//!   until its owner sets a new date;
//! - an open deal due after the last month shown counts under *later*;
//! - a won deal counts in the month of the day it closed, at its amount;
//! - one currency at a time: deals in another currency are counted and named, never added in.
//!
//! All sums are exact decimals.

use super::Opportunity;
use super::stage::{Outcome, Pipeline};
use crate::domain::id::Id;
use crate::domain::money::Currency;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

impl Month {
    /// The month a day falls in.
    pub fn of(d: NaiveDate) -> Month {
        Month {
            year: d.year(),
            month: d.month(),
        }
    }

    /// The month `n` months after this one (before it when negative).
    pub fn plus(self, n: i32) -> Month {
        let i = self.year * 12 + self.month as i32 - 1 + n;
        Month {
            year: i.div_euclid(12),
            month: i.rem_euclid(12) as u32 + 1,
        }
    }

    /// `2026-12`.
    pub fn label(self) -> String {
        format!("{}-{:02}", self.year, self.month)
    }
}

/// Deals counted together: how many and their sums.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bucket {
    pub count: usize,
    /// The amounts added up (best case for open deals).
    pub amount: Decimal,
    /// Amount × probability added up.
    pub weighted: Decimal,
}

impl Bucket {
    fn add(&mut self, amount: Decimal, weighted: Decimal) {
        self.count += 1;
        self.amount += amount;
        self.weighted += weighted;
    }
}

/// One month of the forecast.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthRow {
    pub month: Month,
    /// Won in the month.
    pub won: Bucket,
    /// Open deals expected to close in the month (none in months already over).
    pub open: Bucket,
}

impl MonthRow {
    /// What the month is expected to bring: what was won in it plus the weighted open deals.
    pub fn expected(&self) -> Decimal {
        self.won.amount + self.open.weighted
    }
}

/// One owner's part of the forecast.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnerRow {
    /// `None`: deals nobody owns.
    pub owner: Option<Id>,
    /// Open deals not yet past their close date.
    pub open: Bucket,
    /// Of those, due this month.
    pub this_month: Bucket,
    /// Open deals past their close date.
    pub overdue: Bucket,
    /// Won in the past months shown (this month included).
    pub won: Bucket,
}

/// The forecast for one currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forecast {
    pub currency: Currency,
    /// From `back` months before this one to `ahead` months after it, oldest first.
    pub months: Vec<MonthRow>,
    /// Open deals past their close date.
    pub overdue: Bucket,
    /// Open deals due after the last month shown.
    pub later: Bucket,
    /// Per owner, the largest weighted pipeline first (nobody's last).
    pub owners: Vec<OwnerRow>,
    /// Deals left out because they are in another currency.
    pub other_currency: usize,
}

impl Forecast {
    /// The forecast of `deals` (those in the trash are left out) in `currency`, as of `today`,
    /// showing `back` months before this one and `ahead` months after it.
    pub fn build<'a>(
        deals: impl IntoIterator<Item = &'a Opportunity>,
        pipeline: &Pipeline,
        currency: Currency,
        today: NaiveDate,
        back: u32,
        ahead: u32,
    ) -> Forecast {
        let this = Month::of(today);
        let first = this.plus(-(back as i32));
        let last = this.plus(ahead as i32);
        let mut months: Vec<MonthRow> = (0..=(back + ahead) as i32)
            .map(|i| MonthRow {
                month: first.plus(i),
                won: Bucket::default(),
                open: Bucket::default(),
            })
            .collect();
        let index = |m: Month| -> Option<usize> {
            (m >= first && m <= last).then(|| {
                ((m.year - first.year) * 12 + m.month as i32 - first.month as i32) as usize
            })
        };
        let (mut overdue, mut later, mut other_currency) =
            (Bucket::default(), Bucket::default(), 0);
        let mut owners: HashMap<Option<Id>, OwnerRow> = HashMap::new();
        for o in deals.into_iter().filter(|o| o.deleted_at.is_none()) {
            if o.amount.currency != currency {
                other_currency += 1;
                continue;
            }
            let amount = o.amount.amount;
            let row = owners.entry(o.owner_id).or_insert_with(|| OwnerRow {
                owner: o.owner_id,
                ..OwnerRow::default()
            });
            match (o.outcome(pipeline), &o.closing) {
                (Outcome::Won, Some(c)) => {
                    let m = Month::of(c.date);
                    if let Some(i) = index(m).filter(|_| m <= this) {
                        months[i].won.add(amount, amount);
                        row.won.add(amount, amount);
                    }
                }
                (Outcome::Open, _) if o.is_open() => {
                    let weighted = o.weighted(pipeline);
                    if o.close_date < today {
                        overdue.add(amount, weighted);
                        row.overdue.add(amount, weighted);
                        continue;
                    }
                    let m = Month::of(o.close_date);
                    match index(m) {
                        Some(i) => {
                            months[i].open.add(amount, weighted);
                            row.open.add(amount, weighted);
                            if m == this {
                                row.this_month.add(amount, weighted);
                            }
                        }
                        None => {
                            later.add(amount, weighted);
                            row.open.add(amount, weighted);
                        }
                    }
                }
                _ => {}
            }
        }
        let mut owners: Vec<OwnerRow> = owners
            .into_values()
            .filter(|r| r.open.count + r.overdue.count + r.won.count > 0)
            .collect();
        owners.sort_by(|a, b| {
            a.owner
                .is_none()
                .cmp(&b.owner.is_none())
                .then(b.open.weighted.cmp(&a.open.weighted))
                .then(b.won.amount.cmp(&a.won.amount))
                .then(a.owner.cmp(&b.owner))
        });
        Forecast {
            currency,
            months,
            overdue,
            later,
            owners,
            other_currency,
        }
    }

    /// The weighted pipeline of the months from this one on, plus later ones.
    pub fn ahead_weighted(&self, today: NaiveDate) -> Decimal {
        let this = Month::of(today);
        self.months
            .iter()
            .filter(|r| r.month >= this)
            .map(|r| r.open.weighted)
            .sum::<Decimal>()
            + self.later.weighted
    }

    /// The average won per month over the past months shown (this month left out, as it is
    /// not over).
    pub fn past_average(&self, today: NaiveDate) -> Option<Decimal> {
        let this = Month::of(today);
        let past: Vec<&MonthRow> = self.months.iter().filter(|r| r.month < this).collect();
        (!past.is_empty())
            .then(|| past.iter().map(|r| r.won.amount).sum::<Decimal>() / Decimal::from(past.len()))
    }
}

/// The currencies the deals are in, most used first (so the forecast opens on the one that
/// matters).
pub fn currencies<'a>(deals: impl IntoIterator<Item = &'a Opportunity>) -> Vec<Currency> {
    let mut n: BTreeMap<Currency, usize> = BTreeMap::new();
    for o in deals.into_iter().filter(|o| o.deleted_at.is_none()) {
        *n.entry(o.amount.currency).or_default() += 1;
    }
    let mut v: Vec<(Currency, usize)> = n.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.into_iter().map(|(c, _)| c).collect()
}
