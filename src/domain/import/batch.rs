//! The journal of one import: which records it created and what the records it changed looked
//! like before, so the whole import can be undone with one click. It is written in the same
//! transaction as the records, so the two can never disagree.

use super::Kind;
use crate::domain::contact::ContactPerson;
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::interaction::Interaction;
use crate::domain::lead::Lead;
use crate::domain::product::Product;
use crate::domain::purchase::Purchase;
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};

/// Records of every kind an import writes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Records {
    pub customers: Vec<Customer>,
    pub contacts: Vec<ContactPerson>,
    pub interactions: Vec<Interaction>,
    pub purchases: Vec<Purchase>,
    /// Journals written before leads existed have none.
    #[serde(default)]
    pub leads: Vec<Lead>,
    /// Journals written before products existed have none.
    #[serde(default)]
    pub products: Vec<Product>,
}

impl Records {
    /// How many records in all.
    pub fn len(&self) -> usize {
        self.customers.len()
            + self.contacts.len()
            + self.interactions.len()
            + self.purchases.len()
            + self.leads.len()
            + self.products.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The customers these records belong to (or are), sorted, without repeats. Leads and
    /// products belong to none.
    pub fn customer_ids(&self) -> Vec<Id> {
        let mut ids: Vec<Id> = self
            .customers
            .iter()
            .map(|c| c.id)
            .chain(self.contacts.iter().map(|c| c.customer_id))
            .chain(self.interactions.iter().map(|i| i.customer_id))
            .chain(self.purchases.iter().map(|p| p.customer_id))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// Ids of the records an import created, by kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Created {
    #[serde(with = "crate::domain::id::packed")]
    pub customers: Vec<Id>,
    #[serde(with = "crate::domain::id::packed")]
    pub contacts: Vec<Id>,
    #[serde(with = "crate::domain::id::packed")]
    pub interactions: Vec<Id>,
    #[serde(with = "crate::domain::id::packed")]
    pub purchases: Vec<Id>,
    #[serde(default, with = "crate::domain::id::packed")]
    pub leads: Vec<Id>,
    #[serde(default, with = "crate::domain::id::packed")]
    pub products: Vec<Id>,
}

/// Rows by what became of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub created: usize,
    pub updated: usize,
    /// Duplicates skipped, and rows that would change nothing.
    pub skipped: usize,
    pub failed: usize,
}

/// One import, as journalled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportBatch {
    pub id: Id,
    pub kind: Kind,
    /// The file's name, as the user picked it.
    pub file_name: String,
    /// When it was written; also the `updated_at` of every record it changed, which tells
    /// whether someone edited the record since.
    pub at: Timestamp,
    pub created: Created,
    /// The records it changed, as they were before.
    pub before: Records,
    /// The customers whose records it wrote (whose summaries it changed).
    #[serde(with = "crate::domain::id::packed")]
    pub touched: Vec<Id>,
    pub counts: Counts,
    /// When it was undone.
    pub undone_at: Option<Timestamp>,
    /// Times written (see `domain::record::Rev`); records stored before revisions read as 1.
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: crate::domain::record::Rev,
}

impl ImportBatch {
    /// Whether undoing it would still do something.
    pub fn can_undo(&self) -> bool {
        self.undone_at.is_none()
            && (self.created.customers.len()
                + self.created.contacts.len()
                + self.created.interactions.len()
                + self.created.purchases.len()
                + self.created.leads.len()
                + self.created.products.len()
                + self.before.len()
                > 0)
    }
}

/// What undoing an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UndoReport {
    /// Records deleted (those it created, and anything added to its customers since).
    pub removed: usize,
    /// Records put back as they were.
    pub restored: usize,
    /// Records it changed that someone edited since: left as they are now.
    pub kept: usize,
}
