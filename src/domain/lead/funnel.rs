//! The lead funnel: of the leads that came in over a period, by source, how many were
//! contacted, qualified, converted, and became customers who bought — with the rate of each
//! step, the median days between steps, and what the customers each source brought have
//! bought since (which source brings customers who buy most).
//!
//! A lead that skipped a step (qualified straight from new) counts as having passed it, at the
//! time it went further. A disqualified lead stops where it was. "Bought" counts converted
//! leads whose customer has a purchase on or after the day of conversion; its days are to the
//! customer's first purchase, when that came after the conversion (a lead joined to an
//! existing customer has no such first purchase).

use super::{Lead, LeadSource, LeadStatus};
use crate::domain::id::Id;
use crate::domain::time::Timestamp;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// The steps, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    Added,
    Contacted,
    Qualified,
    Converted,
    Bought,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::Added,
        Step::Contacted,
        Step::Qualified,
        Step::Converted,
        Step::Bought,
    ];
}

/// What the funnel knows of a customer a lead became.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bought {
    pub first_purchase: Option<NaiveDate>,
    pub last_purchase: Option<NaiveDate>,
    /// Revenue in the base currency's minor units (fen).
    pub revenue: i64,
}

/// One row of the funnel: a source (or all of them).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    /// `None`: every source.
    pub source: Option<LeadSource>,
    /// Leads reaching each step, in [`Step::ALL`] order.
    pub counts: [u32; 5],
    /// Median days from the step before to each step (none for the first, or when no lead
    /// went through both).
    pub median_days: [Option<f64>; 5],
    /// Customers the source's leads became.
    pub customers: u32,
    /// What they have bought (fen).
    pub revenue: i64,
}

impl Row {
    /// The share of the previous step's leads that reached `step` (`None` for the first or
    /// when the previous had none).
    pub fn rate(&self, step: usize) -> Option<f64> {
        (step > 0 && self.counts[step - 1] > 0)
            .then(|| f64::from(self.counts[step]) / f64::from(self.counts[step - 1]))
    }

    /// Converted of added.
    pub fn conversion(&self) -> Option<f64> {
        (self.counts[0] > 0).then(|| f64::from(self.counts[3]) / f64::from(self.counts[0]))
    }

    /// Revenue per customer the source brought (fen).
    pub fn revenue_per_customer(&self) -> Option<f64> {
        (self.customers > 0).then(|| self.revenue as f64 / f64::from(self.customers))
    }
}

/// The funnel: one row per source with leads, most leads first, and the total.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Funnel {
    pub rows: Vec<Row>,
    pub total: Row,
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

const DAY_MS: f64 = 86_400_000.0;

/// A row being counted: the row, each step's days from the step before, the customers seen.
type Acc = (Row, [Vec<f64>; 5], HashSet<Id>);

/// When `lead` passed each step (the Added step at its arrival), `None` where it did not.
/// `customer` describes the customer it became; `day` gives an instant's local date.
fn passed(
    lead: &Lead,
    customer: Option<&Bought>,
    day: &dyn Fn(Timestamp) -> NaiveDate,
) -> [Option<f64>; 5] {
    let at = |s: LeadStatus| lead.reached(s).map(|t| t.0 as f64 / DAY_MS);
    let converted = at(LeadStatus::Converted);
    // A later step's time stands for the skipped ones before it.
    let qualified = at(LeadStatus::Qualified).or(converted);
    let contacted = at(LeadStatus::Contacted).or(qualified);
    let bought = match (lead.converted, customer) {
        (Some(link), Some(b)) if b.last_purchase.is_some_and(|d| d >= day(link.at)) => Some(
            b.first_purchase
                .filter(|d| *d >= day(link.at))
                .map(|d| {
                    // The first purchase's day, counted from the conversion's day.
                    (d - day(link.at)).num_days() as f64 + link.at.0 as f64 / DAY_MS
                })
                .unwrap_or(f64::NAN),
        ),
        _ => None,
    };
    [
        Some(lead.created_at.0 as f64 / DAY_MS),
        contacted,
        qualified,
        converted,
        bought,
    ]
}

/// The funnel of the leads (not in the trash) that came in between `from` and `to`
/// (inclusive, local dates by `day`), with `customers` describing the customers leads became.
pub fn funnel(
    leads: &[Lead],
    customers: &HashMap<Id, Bought>,
    from: Option<NaiveDate>,
    to: NaiveDate,
    day: &dyn Fn(Timestamp) -> NaiveDate,
) -> Funnel {
    let mut by_source: HashMap<LeadSource, Acc> = HashMap::new();
    let mut total = Acc::default();
    for lead in leads.iter().filter(|l| l.deleted_at.is_none()) {
        let d = day(lead.created_at);
        if d > to || from.is_some_and(|f| d < f) {
            continue;
        }
        let customer = lead
            .converted
            .and_then(|c| customers.get(&c.customer_id).map(|b| (c.customer_id, b)));
        let steps = passed(lead, customer.map(|(_, b)| b), day);
        for acc in [by_source.entry(lead.source).or_default(), &mut total] {
            for (k, at) in steps.iter().enumerate() {
                if at.is_some() {
                    acc.0.counts[k] += 1;
                }
                if k > 0
                    && let (Some(a), Some(b)) = (steps[k - 1], *at)
                    && !a.is_nan()
                    && !b.is_nan()
                {
                    acc.1[k].push(b - a);
                }
            }
            if lead.status == LeadStatus::Converted
                && let Some((id, b)) = customer
                && acc.2.insert(id)
            {
                acc.0.customers += 1;
                acc.0.revenue += b.revenue;
            }
        }
    }
    let finish = |source: Option<LeadSource>, (mut row, days, _): Acc| {
        row.source = source;
        for (k, d) in days.into_iter().enumerate() {
            row.median_days[k] = median(d);
        }
        row
    };
    let mut rows: Vec<Row> = by_source
        .into_iter()
        .map(|(s, acc)| finish(Some(s), acc))
        .collect();
    rows.sort_by(|a, b| {
        b.counts[0]
            .cmp(&a.counts[0])
            .then_with(|| a.source.map(|s| s as u8).cmp(&b.source.map(|s| s as u8)))
    });
    Funnel {
        rows,
        total: finish(None, total),
    }
}

#[cfg(test)]
mod tests;
