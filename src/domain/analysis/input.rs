//! What the analysis reads: every customer's id and purchase days, in one flat buffer.
//!
//! The analysis needs nothing else from a summary, so the analysis thread reads only this
//! from the stored summary chunks ([`crate::domain::summary::chunk_histories`]) instead of
//! decoding whole summaries, and the main thread builds it from the summaries it holds.

use crate::domain::id::Id;
use crate::domain::summary::{CustomerSummary, PurchaseDay};

/// Customers' purchase histories: customer `i` is `ids[i]` and bought on
/// `days[ends[i - 1]..ends[i]]` (oldest first).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Histories {
    ids: Vec<Id>,
    days: Vec<PurchaseDay>,
    ends: Vec<u32>,
}

impl Histories {
    /// Room for `customers` customers and `days` purchase days.
    pub fn with_capacity(customers: usize, days: usize) -> Self {
        Histories {
            ids: Vec::with_capacity(customers),
            days: Vec::with_capacity(days),
            ends: Vec::with_capacity(customers),
        }
    }

    /// The histories of these customers, in the order given.
    pub fn of(customers: &[&CustomerSummary]) -> Self {
        let days = customers.iter().map(|c| c.activity.history.len()).sum();
        let mut out = Histories::with_capacity(customers.len(), days);
        for c in customers {
            out.push(c.id, c.activity.history.iter());
        }
        out
    }

    /// Appends a customer with their purchase days (oldest first).
    pub fn push(&mut self, id: Id, days: impl IntoIterator<Item = PurchaseDay>) {
        self.ids.push(id);
        self.days.extend(days);
        self.ends.push(self.days.len() as u32);
    }

    /// Appends a customer whose purchase days are pushed one by one with
    /// [`Histories::push_day`] until the next customer begins or [`Histories::end`].
    pub(crate) fn begin(&mut self, id: Id) {
        self.ids.push(id);
        self.ends.push(self.days.len() as u32);
    }

    /// A purchase day of the customer begun last.
    pub(crate) fn push_day(&mut self, day: PurchaseDay) {
        self.days.push(day);
        if let Some(end) = self.ends.last_mut() {
            *end = self.days.len() as u32;
        }
    }

    /// Number of customers.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are no customers.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Number of purchase days of all customers.
    pub fn day_count(&self) -> usize {
        self.days.len()
    }

    /// Customer `i`'s id.
    pub fn id(&self, i: usize) -> Id {
        self.ids[i]
    }

    /// Customer `i`'s purchase days, oldest first.
    pub fn days(&self, i: usize) -> &[PurchaseDay] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.days[start..self.ends[i] as usize]
    }
}

/// Customers' purchase days as the analysis walks them: the flat [`Histories`] the analysis
/// thread reads, or the summaries the page holds (read in place, without a copy).
pub trait HistorySource {
    /// Number of customers.
    fn customers(&self) -> usize;
    /// Customer `i`'s id.
    fn id_of(&self, i: usize) -> Id;
    /// Customer `i`'s purchase days, oldest first.
    fn days_of(&self, i: usize) -> impl Iterator<Item = PurchaseDay> + '_;
    /// Number of purchase days of all customers.
    fn total_days(&self) -> usize;
}

impl HistorySource for Histories {
    fn customers(&self) -> usize {
        self.len()
    }
    fn id_of(&self, i: usize) -> Id {
        self.id(i)
    }
    fn days_of(&self, i: usize) -> impl Iterator<Item = PurchaseDay> + '_ {
        self.days(i).iter().copied()
    }
    fn total_days(&self) -> usize {
        self.day_count()
    }
}

impl HistorySource for [&CustomerSummary] {
    fn customers(&self) -> usize {
        self.len()
    }
    fn id_of(&self, i: usize) -> Id {
        self[i].id
    }
    fn days_of(&self, i: usize) -> impl Iterator<Item = PurchaseDay> + '_ {
        self[i].activity.history.iter()
    }
    fn total_days(&self) -> usize {
        self.iter().map(|c| c.activity.history.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;

    fn day(day: i32, amount: i64) -> PurchaseDay {
        PurchaseDay {
            day,
            currency: Currency::Cny,
            amount,
            margin: None,
        }
    }

    #[test]
    fn customers_keep_their_own_days_in_order() {
        let (a, b, c) = (Id::generate(), Id::generate(), Id::generate());
        let mut h = Histories::default();
        h.push(a, [day(1, 10), day(5, 20)]);
        h.push(b, []);
        h.begin(c);
        h.push_day(day(7, 30));
        assert_eq!(h.len(), 3);
        assert_eq!(h.day_count(), 3);
        assert_eq!((h.id(0), h.days(0)), (a, &[day(1, 10), day(5, 20)][..]));
        assert_eq!((h.id(1), h.days(1)), (b, &[][..]));
        assert_eq!((h.id(2), h.days(2)), (c, &[day(7, 30)][..]));
    }
}
