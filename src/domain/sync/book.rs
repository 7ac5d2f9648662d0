//! A customer's purchases as one document (`purchases:<customer id>`), and how two versions
//! of it merge.
//!
//! Purchases travel as one document per customer's book rather than one per purchase: at
//! 100,000 customers a workspace holds a million purchases, and a first sync of a million
//! documents is ten times the requests, revision trees and server storage of 100,000 books
//! (locally they already live in pages by customer). The cost is that two people recording
//! purchases for one customer at once make two versions of the book; but a purchase is a fact
//! recorded once and seldom edited, so the versions merge without asking anyone: every
//! purchase either side has, the later edit of one both have, and none that either side
//! removed (a removal is kept in the book with its time, so a merge cannot bring it back).

use crate::domain::id::Id;
use crate::domain::purchase::Purchase;
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The body of a customer's purchases document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Book {
    pub customer_id: Id,
    /// Its purchases, in the order of their ids.
    pub purchases: Vec<Purchase>,
    /// Purchases removed from it, with when (kept so a merge does not bring them back).
    #[serde(default)]
    pub removed: BTreeMap<Id, Timestamp>,
}

impl Book {
    /// The book of `customer` with `purchases` (theirs only are kept, each once, by id) and
    /// the removals `removed`.
    pub fn new(
        customer: Id,
        purchases: impl IntoIterator<Item = Purchase>,
        removed: impl IntoIterator<Item = (Id, Timestamp)>,
    ) -> Book {
        let mut by_id: BTreeMap<Id, Purchase> = BTreeMap::new();
        for p in purchases.into_iter().filter(|p| p.customer_id == customer) {
            by_id.insert(p.id, p);
        }
        let removed: BTreeMap<Id, Timestamp> = removed.into_iter().collect();
        by_id.retain(|id, _| !removed.contains_key(id));
        Book {
            customer_id: customer,
            purchases: by_id.into_values().collect(),
            removed,
        }
    }

    /// Both versions in one: every purchase of either that neither removed, the one edited
    /// later where both have it (the higher revision when both say the same time, then the
    /// greater by content, so every device picks the same), every removal with its latest
    /// time. The same whichever version is `self`.
    pub fn merge(&self, other: &Book) -> Book {
        let mut removed = self.removed.clone();
        for (id, at) in &other.removed {
            let t = removed.entry(*id).or_insert(*at);
            *t = (*t).max(*at);
        }
        let mut by_id: BTreeMap<Id, &Purchase> = BTreeMap::new();
        for p in self.purchases.iter().chain(&other.purchases) {
            by_id
                .entry(p.id)
                .and_modify(|held| {
                    if later(p, held) {
                        *held = p;
                    }
                })
                .or_insert(p);
        }
        Book::new(self.customer_id, by_id.into_values().cloned(), removed)
    }
}

/// Whether `a` is the version of a purchase to keep over `b`.
fn later(a: &Purchase, b: &Purchase) -> bool {
    let content = |p: &Purchase| serde_json::to_string(p).unwrap_or_default();
    (a.updated_at, a.rev.0, content(a)) > (b.updated_at, b.rev.0, content(b))
}
