//! What every stored record is: its kind, its key, when and how often it was written, the
//! customer it belongs to. The kinds themselves are declared once, in
//! [`kinds`](crate::domain::kinds); backup, merge, the consistency checks and (in the store)
//! restore, purge and the customer page's loader walk that declaration with a
//! [`KindVisitor`] instead of naming each kind.
//!
//! Every record carries what replication needs: its last change (`updated_at` or the like),
//! a revision ([`Rev`]) that the store raises on every write, and, once deleted for good, a
//! [`Tombstone`] kept in its place.

use crate::domain::id::Id;
use crate::domain::time::Timestamp;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

pub use crate::domain::kinds::{RecordKind, RecordSet, for_each_kind, for_each_kind_async};

/// How many times a record has been written: 0 for one that was never stored, 1 after its
/// first write, one more on every write after that. Records stored before revisions were
/// kept read as revision 1 (each had been written at least once).
///
/// A revision is bookkeeping, not content: two revisions compare equal whatever their
/// numbers, so two copies of a record with the same fields are equal records (a merge counts
/// them unchanged, a test compares what it saved with what it reads back). Compare the
/// numbers (`.0`) where the revision itself is the question.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Rev(pub u32);

impl PartialEq for Rev {
    fn eq(&self, _: &Rev) -> bool {
        true
    }
}

impl Eq for Rev {}

impl Rev {
    /// The revision of a record written before revisions existed.
    pub const LEGACY: Rev = Rev(1);

    /// The revision a write gives a record whose revision is `own` and whose stored version
    /// (if any) has `stored`: one past the higher of the two, so a record saved from a copy
    /// that fell behind still moves forward.
    pub fn after(own: Rev, stored: Option<Rev>) -> Rev {
        Rev(own.0.max(stored.unwrap_or_default().0).saturating_add(1))
    }

    /// The serde default for records stored before revisions existed.
    pub fn legacy() -> Rev {
        Rev::LEGACY
    }
}

/// One stored record, as backup, merge, the checks, purge and (later) replication see it.
pub trait Record: Clone + PartialEq + Serialize + DeserializeOwned + 'static {
    /// Its kind.
    const KIND: RecordKind;
    /// Its key in its store (its id; the customer's id for a loyalty rating).
    fn key(&self) -> String;
    /// When last changed, if the record says.
    fn stamp(&self) -> Option<Timestamp>;
    /// Its revision.
    fn rev(&self) -> Rev;
    /// Sets its revision (the store does, on every write).
    fn set_rev(&mut self, rev: Rev);
    /// A short description for lists of conflicts.
    fn label(&self) -> String;
    /// The customer it belongs to: such records are loaded with the customer's page, purged
    /// with the customer, and refused in a backup without their customer.
    fn customer(&self) -> Option<Id> {
        None
    }
    /// Properties its store indexes that are not fields of the record (`(name, value)`),
    /// written next to the fields.
    fn index_props(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    /// The order the customer's page lists them in (newest first for most kinds).
    fn page_order(a: &Self, b: &Self) -> Ordering {
        a.key().cmp(&b.key())
    }
    /// Whether `theirs` replaces `ours` when two versions of one record meet (a merge of
    /// backups): the one changed later wins; with no later change, ours stays.
    fn wins_over(theirs: &Self, ours: &Self) -> bool {
        theirs.stamp() > ours.stamp()
    }
    /// This kind's list in a set of records.
    fn column(set: &RecordSet) -> &Vec<Self>;
    /// This kind's list in a set of records, to change.
    fn column_mut(set: &mut RecordSet) -> &mut Vec<Self>;
}

/// Something done once per record kind, with the kind as a type (see [`for_each_kind`]).
pub trait KindVisitor {
    /// Called once for every kind, in declaration order.
    fn visit<R: Record>(&mut self);
}

/// Something done once per record kind that awaits (reading or writing a store).
// Single-threaded (the browser's one thread): nothing needs the futures to be `Send`.
#[allow(async_fn_in_trait)]
pub trait AsyncKindVisitor {
    /// What stops the walk.
    type Error;
    /// Called once for every kind, in declaration order; an error stops the walk.
    async fn visit<R: Record>(&mut self) -> Result<(), Self::Error>;
}

/// A record deleted for good: kept (by kind and key) so that a later replication can tell
/// other copies to delete it too, instead of receiving it back from them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    /// `kind:key`, the tombstone's own key.
    pub id: String,
    pub kind: RecordKind,
    /// The deleted record's key.
    pub key: String,
    /// One past the record's last revision.
    pub rev: Rev,
    pub deleted_at: Timestamp,
    /// The customer the record belonged to (kept for a deleted purchase: its customer's
    /// book, as it syncs, lists it as removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<Id>,
}

impl Tombstone {
    /// The tombstone of `record`, deleted at `now`.
    pub fn of<R: Record>(record: &R, now: Timestamp) -> Tombstone {
        Tombstone {
            customer: record.customer(),
            ..Tombstone::new(R::KIND, record.key(), Rev::after(record.rev(), None), now)
        }
    }

    /// The tombstone of the record `key` of `kind`.
    pub fn new(kind: RecordKind, key: String, rev: Rev, now: Timestamp) -> Tombstone {
        Tombstone {
            id: format!("{}:{key}", kind.name()),
            kind,
            key,
            rev,
            deleted_at: now,
            customer: None,
        }
    }
}

impl RecordSet {
    /// How many records in all.
    pub fn len(&self) -> usize {
        struct Count<'a>(&'a RecordSet, usize);
        impl KindVisitor for Count<'_> {
            fn visit<R: Record>(&mut self) {
                self.1 += R::column(self.0).len();
            }
        }
        let mut c = Count(self, 0);
        for_each_kind(&mut c);
        c.1
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many records of `kind`.
    pub fn count(&self, kind: RecordKind) -> usize {
        struct Count<'a>(&'a RecordSet, RecordKind, usize);
        impl KindVisitor for Count<'_> {
            fn visit<R: Record>(&mut self) {
                if R::KIND == self.1 {
                    self.2 = R::column(self.0).len();
                }
            }
        }
        let mut c = Count(self, kind, 0);
        for_each_kind(&mut c);
        c.2
    }

    /// Every list sorted by key, so two sets of the same records compare equal whatever
    /// order the stores returned them in.
    pub fn normalised(mut self) -> RecordSet {
        struct Sort<'a>(&'a mut RecordSet);
        impl KindVisitor for Sort<'_> {
            fn visit<R: Record>(&mut self) {
                R::column_mut(self.0).sort_by_key(Record::key);
            }
        }
        for_each_kind(&mut Sort(&mut self));
        self
    }

    /// Every list in the order the customer's page shows it.
    pub fn in_page_order(mut self) -> RecordSet {
        struct Sort<'a>(&'a mut RecordSet);
        impl KindVisitor for Sort<'_> {
            fn visit<R: Record>(&mut self) {
                R::column_mut(self.0).sort_by(R::page_order);
            }
        }
        for_each_kind(&mut Sort(&mut self));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_moves_the_revision_past_both_copies() {
        assert_eq!(Rev::after(Rev(0), None).0, 1);
        assert_eq!(Rev::after(Rev(3), Some(Rev(3))).0, 4);
        // Saved from a copy that fell behind the stored one: still past the stored one.
        assert_eq!(Rev::after(Rev(2), Some(Rev(5))).0, 6);
        assert_eq!(Rev::after(Rev(u32::MAX), None).0, u32::MAX);
        // Bookkeeping, not content.
        assert_eq!(Rev(1), Rev(7));
    }

    #[test]
    fn every_kind_has_a_distinct_stable_name() {
        let mut names: Vec<&str> = RecordKind::ALL.iter().map(|k| k.name()).collect();
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n);
        assert_eq!(RecordKind::Customer.name(), "customers");
        assert_eq!(RecordKind::LoyaltyRating.name(), "loyalty_ratings");
    }
}
